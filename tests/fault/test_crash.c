/* Crash safety (issue 9): a writer is killed with SIGKILL at random moments — while it
 * starts, logs in or writes. After each kill the database must open, pass
 * integrity_check and verify, and hold every write the writer had acknowledged.
 * 8 kills; 50 with --full or FRONTDESK_FAULT_FULL=1 in the environment. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "testlib.h"
#include "writers.h"

enum { SHORT_KILLS = 8, FULL_KILLS = 50, SEED = 20261127 };
/* Start-up (open, and three logins, which write too) takes some 60 ms, 200 ms under
 * AddressSanitizer, so kills land in start-up and in the writing alike. */
enum { DELAY_RANGE_MS = 700 };

static int kills = SHORT_KILLS;

/* A small LCG is enough to spread the kills; the seed makes the schedule repeatable. */
static unsigned next_delay(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) % DELAY_RANGE_MS;
}

/* Starts the writer, kills it delay_ms after its first acknowledged write, and collects
 * what it acknowledged; returns whether more writes were acknowledged in that time, that
 * is whether the kill landed among writes. The delay counts from the first write, not
 * from the start: on a loaded machine the start alone can outlast every delay. */
static bool run_and_kill(const char *db, int round, unsigned delay_ms, ack_log *log)
{
    enum { START_MS = 10000 };
    writer_proc p;
    writer_start(&p, db, 1, SEED + (uint64_t)round, 0);
    long started = ack_log_total(log);
    for (double give_up = writers_now_ms() + START_MS;
         ack_log_total(log) == started && p.out >= 0 && writers_now_ms() < give_up;)
        writers_read(&p, 1, log, writers_now_ms() + 5);
    long first = ack_log_total(log);
    writers_read(&p, 1, log, writers_now_ms() + delay_ms);
    kill(p.pid, SIGKILL);
    writers_read(&p, 1, log, 0);
    int status = writer_wait(&p);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                  "round %d: the writer ended by itself (status %d) before the kill", round,
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return first > started && ack_log_total(log) > first;
}

START_TEST(killed_writers_lose_nothing)
{
    const char *db = testlib_path("crash.db");
    writer_setup(db);
    ack_log log = {0};
    unsigned state = SEED;
    int writing_kills = 0;
    for (int round = 0; round < kills; round++) {
        writing_kills += run_and_kill(db, round, next_delay(&state), &log);
        check_database(db, &log);
    }
    printf("crash: %d kills (%d while writing), %ld acknowledged writes, all present; "
           "integrity_check and verify ok after every kill\n",
           kills, writing_kills, ack_log_total(&log));
    /* Kills that all land during start-up would prove little. */
    ck_assert_int_ge(writing_kills, kills / 2);
    ack_log_free(&log);
}
END_TEST

int main(int argc, char **argv)
{
    const char *full = getenv("FRONTDESK_FAULT_FULL");
    if ((argc > 1 && strcmp(argv[1], "--full") == 0) || (full && strcmp(full, "1") == 0))
        kills = FULL_KILLS;
    Suite *suite = suite_create("crash");
    TCase *tc = tcase_create("kill");
    tcase_set_timeout(tc, kills == FULL_KILLS ? 1200 : 120);
    tcase_add_test(tc, killed_writers_lose_nothing);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
