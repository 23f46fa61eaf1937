/* Samples, their percentiles, and the benchmark's output contract: one line per
 * measured operation,
 *     NAME p50=… p99=… floor_p50=… ratio=… target=… ok|MISS
 * with units on every figure, and a last line "summary: K ok, M MISS". */
#ifndef FRONTDESK_BENCH_RESULTS_H
#define FRONTDESK_BENCH_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct samples {
    double *v;
    size_t n, cap;
} samples;

void samples_add(samples *s, double value);
/* The q-quantile (0 … 1) by nearest rank; 0 when there are no samples. */
double samples_quantile(const samples *s, double q);
void samples_free(samples *s);

/* Seconds on a monotonic clock. */
double bench_now(void);

typedef enum target_kind {
    TARGET_RATIO,     /* p50 over the floor's p50 at most the bound */
    TARGET_P99_TIME,  /* p99 at most the bound, in seconds */
    TARGET_MAX_BYTES, /* the largest sample at most the bound, in bytes */
} target_kind;

typedef enum unit { UNIT_SECONDS, UNIT_BYTES } unit;

typedef struct measure {
    const char *name;
    unit unit;
    target_kind target;
    double bound;
} measure;

/* Prints the line for m from its samples and the floor's; returns whether the target
 * is met. */
bool result_line(const measure *m, const samples *core, const samples *floor);
/* A line for an operation that could not be measured: a MISS, with why. */
void result_failed(const measure *m, const char *why);
/* "summary: K ok, M MISS"; returns M. */
int results_summary(void);

#endif
