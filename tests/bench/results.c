/* See results.h. */
#include "results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/status.h"

static int ok_count, miss_count;

void samples_add(samples *s, double value)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = fd_realloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = value;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double samples_quantile(const samples *s, double q)
{
    if (s->n == 0)
        return 0;
    double *sorted = fd_alloc(s->n * sizeof *sorted);
    memcpy(sorted, s->v, s->n * sizeof *sorted);
    qsort(sorted, s->n, sizeof *sorted, by_value);
    size_t rank = (size_t)ceil(q * (double)s->n);
    double v = sorted[rank == 0 ? 0 : rank - 1];
    free(sorted);
    return v;
}

void samples_free(samples *s)
{
    free(s->v);
    *s = (samples){0};
}

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void format_value(unit u, double v, char *out, size_t size)
{
    if (u == UNIT_BYTES)
        snprintf(out, size, "%.1fMiB", v / (1024.0 * 1024.0));
    else if (v < 1e-3)
        snprintf(out, size, "%.0fus", v * 1e6);
    else if (v < 1.0)
        snprintf(out, size, "%.2fms", v * 1e3);
    else
        snprintf(out, size, "%.2fs", v);
}

static void format_target(const measure *m, char *out, size_t size)
{
    char bound[32];
    switch (m->target) {
    case TARGET_RATIO:
        snprintf(out, size, "ratio<=%g", m->bound);
        break;
    case TARGET_P99_TIME:
        format_value(UNIT_SECONDS, m->bound, bound, sizeof bound);
        snprintf(out, size, "p99<=%s", bound);
        break;
    case TARGET_MAX_BYTES:
        format_value(UNIT_BYTES, m->bound, bound, sizeof bound);
        snprintf(out, size, "max<=%s", bound);
        break;
    }
}

static bool met(const measure *m, double p50, double p99, double max, double floor_p50)
{
    switch (m->target) {
    case TARGET_RATIO: return floor_p50 > 0 && p50 / floor_p50 <= m->bound;
    case TARGET_P99_TIME: return p99 <= m->bound;
    case TARGET_MAX_BYTES: return max <= m->bound;
    }
    return false;
}

bool result_line(const measure *m, const samples *core, const samples *floor)
{
    double p50 = samples_quantile(core, 0.5), p99 = samples_quantile(core, 0.99);
    double max = samples_quantile(core, 1.0), floor_p50 = samples_quantile(floor, 0.5);
    bool ok = core->n > 0 && met(m, p50, p99, max, floor_p50);
    char a[32], b[32], c[32], t[48];
    format_value(m->unit, p50, a, sizeof a);
    format_value(m->unit, p99, b, sizeof b);
    format_value(m->unit, floor_p50, c, sizeof c);
    format_target(m, t, sizeof t);
    printf("%s p50=%s p99=%s floor_p50=%s ratio=%.2f target=%s %s\n", m->name, a, b, c,
           floor_p50 > 0 ? p50 / floor_p50 : 0.0, t, ok ? "ok" : "MISS");
    fflush(stdout);
    ok ? ok_count++ : miss_count++;
    return ok;
}

void result_failed(const measure *m, const char *why)
{
    char t[48];
    format_target(m, t, sizeof t);
    printf("%s p50=- p99=- floor_p50=- ratio=- target=%s MISS\n", m->name, t);
    printf("# %s: %s\n", m->name, why);
    fflush(stdout);
    miss_count++;
}

int results_summary(void)
{
    printf("summary: %d ok, %d MISS\n", ok_count, miss_count);
    fflush(stdout);
    return miss_count;
}
