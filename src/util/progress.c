/* Progress on the terminal: see include/frontdesk/progress.h. */
#include "frontdesk/progress.h"

#include <stdbool.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/i18n.h"
#include "frontdesk/status.h"

/* Redrawn no oftener than this, so the progress costs nothing beside the work. */
enum { REDRAW_MS = 200, SHOW_AFTER_MS = 500 };

struct fd_progress {
    const char *what, *unit;
    struct timespec started, drawn;
    bool shown;
};

static long ms_between(const struct timespec *a, const struct timespec *b)
{
    return (long)(b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

fd_progress *fd_progress_start(const char *what, const char *unit)
{
    if (!isatty(STDERR_FILENO))
        return NULL;
    fd_progress *p = fd_alloc(sizeof *p);
    p->what = what;
    p->unit = unit;
    clock_gettime(CLOCK_MONOTONIC, &p->started);
    p->drawn = p->started;
    return p;
}

/* "12 s" or "3 min 5 s" — how long the rest should take at the pace so far. */
static void format_left(long ms_so_far, int64_t done, int64_t total, char *out, size_t size)
{
    if (done <= 0 || total <= done) {
        snprintf(out, size, "-");
        return;
    }
    long seconds = (long)((double)ms_so_far / (double)done * (double)(total - done) / 1000.0);
    if (seconds < 60)
        snprintf(out, size, _("%ld s"), seconds);
    else
        snprintf(out, size, _("%ld min %ld s"), seconds / 60, seconds % 60);
}

void fd_progress_update(fd_progress *p, int64_t done, int64_t total)
{
    if (!p)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    /* Quick work says nothing; slow work is redrawn a few times a second. */
    if (ms_between(&p->started, &now) < SHOW_AFTER_MS || ms_between(&p->drawn, &now) < REDRAW_MS)
        return;
    p->drawn = now;
    p->shown = true;
    char left[32];
    format_left(ms_between(&p->started, &now), done, total, left, sizeof left);
    fputs("\r\033[K", stderr); /* back to the start of the line, and clear it */
    fprintf(stderr, _("%s: %lld/%lld %s, about %s left"), p->what, (long long)done,
            (long long)total, p->unit, left);
    fflush(stderr);
}

void fd_progress_clear(fd_progress *p)
{
    if (p && p->shown) {
        fputs("\r\033[K", stderr);
        p->shown = false;
    }
}

void fd_progress_end(fd_progress *p)
{
    fd_progress_clear(p);
    free(p);
}

void fd_progress_callback(void *ctx, int64_t done, int64_t total)
{
    fd_progress_update(ctx, done, total);
}

fd_progress_sink fd_progress_sink_of(fd_progress *p)
{
    return (fd_progress_sink){p ? fd_progress_callback : NULL, p};
}
