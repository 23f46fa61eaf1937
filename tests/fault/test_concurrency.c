/* Sixteen terminals writing at once (issue 9): sixteen writer processes on one database
 * for 5 seconds (60 with --full or FRONTDESK_FAULT_FULL=1). No error may reach a user —
 * the store absorbs SQLITE_BUSY — no acknowledged write may be lost, and verify passes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "testlib.h"
#include "writers.h"

enum { WRITERS = 16, SHORT_SECONDS = 5, FULL_SECONDS = 60, SEED = 20261127 };

static int seconds = SHORT_SECONDS;

/* The bound below which a share of the writes finished: "≤ 25 ms". */
static void print_percentile(const ack_log *log, double share)
{
    long seen = 0;
    int b = 0;
    while (b < LATENCY_BUCKETS - 1 && (seen += log->latencies[b]) < share * (double)log->writes)
        b++;
    if (b < LATENCY_BUCKETS - 1)
        printf(" p%g ≤ %g ms", share * 100, latency_bounds_ms[b]);
    else
        printf(" p%g > %g ms", share * 100, latency_bounds_ms[LATENCY_BUCKETS - 2]);
}

static void print_summary(const ack_log *log)
{
    printf("concurrency: %d writers for %d s: %ld writes (%.0f/s), mean %.1f ms, slowest %.0f ms;",
           WRITERS, seconds, log->writes, (double)log->writes / seconds,
           log->writes ? log->total_ms / (double)log->writes : 0.0, log->max_ms);
    print_percentile(log, 0.5);
    print_percentile(log, 0.99);
    print_percentile(log, 0.999);
    printf("\n  writes per latency bucket (ms):");
    for (int b = 0; b < LATENCY_BUCKETS; b++) {
        if (b < LATENCY_BUCKETS - 1)
            printf(" ≤%g:%ld", latency_bounds_ms[b], log->latencies[b]);
        else
            printf(" more:%ld", log->latencies[b]);
    }
    printf("\n  no errors reached a writer, none lost, verify ok\n");
}

START_TEST(sixteen_writers_at_once)
{
    const char *db = testlib_path("concurrent.db");
    writer_setup(db);
    writer_proc writers[WRITERS];
    for (int k = 1; k <= WRITERS; k++)
        writer_start(&writers[k - 1], db, k, SEED, seconds);
    ack_log log = {0};
    writers_read(writers, WRITERS, &log, 0);
    for (int k = 1; k <= WRITERS; k++) {
        int status = writer_wait(&writers[k - 1]);
        ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                      "writer %d: an error reached the user (see its message above)", k);
    }
    ck_assert_int_eq(log.finished, WRITERS);
    check_database(db, &log);
    print_summary(&log);
    ack_log_free(&log);
}
END_TEST

int main(int argc, char **argv)
{
    const char *full = getenv("FRONTDESK_FAULT_FULL");
    if ((argc > 1 && strcmp(argv[1], "--full") == 0) || (full && strcmp(full, "1") == 0))
        seconds = FULL_SECONDS;
    Suite *suite = suite_create("concurrency");
    TCase *tc = tcase_create("writers");
    tcase_set_timeout(tc, seconds + 120);
    tcase_add_test(tc, sixteen_writers_at_once);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
