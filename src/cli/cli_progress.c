/* Signs of life from long work on a terminal: see cli.h. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "frontdesk/i18n.h"

/* Redrawn at most this often (seconds), and the time left shown once this much has
 * passed, when the rate is worth extrapolating. */
static const double REDRAW = 0.2, SETTLE = 1.0;

struct cli_progress {
    fd_progress progress;
    const char *what;
    double started, drawn;
    bool shown;
};

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void time_left(double secs, char *out, size_t size)
{
    long s = (long)(secs + 0.5);
    if (s >= 60)
        snprintf(out, size, _("%ld min %02ld s"), s / 60, s % 60);
    else
        snprintf(out, size, _("%ld s"), s);
}

static void show(void *ctx, int64_t done, int64_t total)
{
    cli_progress *p = ctx;
    double now = seconds();
    if (now - p->drawn < REDRAW && done < total)
        return;
    p->drawn = now;
    double elapsed = now - p->started;
    if (done > 0 && done < total && elapsed >= SETTLE) {
        char left[64];
        time_left(elapsed * (double)(total - done) / (double)done, left, sizeof left);
        fprintf(stderr, _("\r%s: %lld of %lld, about %s left   "), p->what, (long long)done,
                (long long)total, left);
    } else {
        fprintf(stderr, _("\r%s: %lld of %lld   "), p->what, (long long)done, (long long)total);
    }
    p->shown = true;
}

cli_progress *cli_progress_start(const char *what)
{
    if (!isatty(STDERR_FILENO))
        return NULL;
    cli_progress *p = fd_alloc(sizeof *p);
    *p = (cli_progress){{show, p}, what, seconds(), 0, false};
    return p;
}

const fd_progress *cli_progress_of(const cli_progress *p)
{
    return p ? &p->progress : NULL;
}

void cli_progress_clear(cli_progress *p)
{
    if (p && p->shown) {
        fputs("\r\033[K", stderr);
        p->shown = false;
        p->drawn = 0;
    }
}

void cli_progress_end(cli_progress *p)
{
    cli_progress_clear(p);
    free(p);
}
