/* Write latencies, as the writers count them and the concurrency test sums them: a
 * histogram whose buckets end at these bounds (the last is open). */
#ifndef FRONTDESK_LATENCY_H
#define FRONTDESK_LATENCY_H

enum { LATENCY_BUCKETS = 10 };
static const double latency_bounds_ms[LATENCY_BUCKETS - 1] = {5,   10,  25,  50,  100,
                                                              250, 500, 1000, 2000};

static inline int latency_bucket(double ms)
{
    int b = 0;
    while (b < LATENCY_BUCKETS - 1 && ms > latency_bounds_ms[b])
        b++;
    return b;
}

#endif
