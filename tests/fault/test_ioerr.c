/* I/O errors on every write path (issue 9). For N = 1, 2, … the N-th write, sync, lock
 * (of the file or the WAL index), truncate or size query of the database or its WAL
 * fails — once, or from then on —
 * until the operation gets through without reaching an N-th call. Every failure must
 * reach the caller as an error with a message, leave every table as it was, the audit
 * chain whole and no transaction open; the same operation must then succeed.
 * Each path runs twice more on a tight connection: a one-page cache spills pages into
 * the WAL in mid-transaction, so statements fail between others (the error paths of
 * the write itself), and a checkpoint after every commit brings in the database file's
 * own writes and syncs. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "faultvfs.h"
#include "frontdesk/audit.h"
#include "frontdesk/store.h"
#include "testlib.h"
#include "write_paths.h"

/* No write path comes near this many faultable calls; reaching it means a loop. */
enum { MAX_FAULT_POINTS = 2000 };

/* The short form tries one in SHORT_STRIDE fault points of a sampled path (the
 * procedures' two dozen paths: all their points take minutes, many more under the
 * sanitizers), its four runs starting at points spread over the stride; --full or
 * FRONTDESK_FAULT_FULL=1 tries them all, as CI does after the suites. */
enum { SHORT_STRIDE = 8, RUNS_PER_PATH = 4 };
static int sample_stride = SHORT_STRIDE;
/* FRONTDESK_FAULT_PATH=visit runs only the paths whose names start with "visit". */
static const char *only_paths;

static const char *const mode_names[] = {[FAULTVFS_ONCE] = "once", [FAULTVFS_PERSIST] = "persist"};

typedef struct attempt {
    const write_path *path;
    faultvfs_mode mode;
    bool tight;
    int n;
    int step; /* to the next fault point tried */
} attempt;

/* "staff_add (persist, tight), fault at call 7": for messages. */
static const char *where(const attempt *a)
{
    static char text[128];
    snprintf(text, sizeof text, "%s (%s%s), fault at call %d", a->path->name, mode_names[a->mode],
             a->tight ? ", tight" : "", a->n);
    return text;
}

/* ---- looking past the faulty VFS ---- */

static sqlite3 *raw_open(const char *path)
{
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, "unix"), SQLITE_OK);
    return db;
}

static int64_t raw_count(sqlite3 *db, const char *table)
{
    char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", table);
    sqlite3_stmt *st = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_free(sql);
    return n;
}

/* "audit=12 building=0 …": every table's row count, whatever tables the schema has
 * by now. The caller frees it. */
static char *table_counts(const char *path)
{
    sqlite3 *db = raw_open(path);
    sqlite3_stmt *tables = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                        -1, &tables, NULL),
                     SQLITE_OK);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        fprintf(out, "%s=%lld ", name, (long long)raw_count(db, name));
    }
    fclose(out);
    sqlite3_finalize(tables);
    sqlite3_close(db);
    return text;
}

/* ---- what every outcome must leave ---- */

static void report_problem(void *ctx, const char *problem)
{
    fprintf(stderr, "%s: verify: %s\n", where(ctx), problem);
}

static void assert_chain_whole(fault_ctx *c, const attempt *a)
{
    fd_verify_result r;
    fd_error err = {0};
    ck_assert_msg(fd_verify(c->fx.desk, NULL, report_problem, (void *)a, &r, &err) == FD_OK,
                  "%s: the audit chain does not verify: %s", where(a), err.message);
}

/* Nothing may stay open: a write transaction would lock every other terminal out, a
 * statement not reset would pin its snapshot and keep the WAL from being checkpointed. */
static void assert_nothing_open(fault_ctx *c, const attempt *a)
{
    ck_assert_msg(!fd_store_in_write(c->fx.desk->store), "%s: still in a write", where(a));
    ck_assert_msg(faultvfs_shm_locks() == 0,
                  "%s: %d WAL locks still held: a transaction or a statement was left open",
                  where(a), faultvfs_shm_locks());
}

static void assert_clean_failure(fault_ctx *c, const attempt *a, fd_status s, const fd_error *err,
                                 const char *before)
{
    ck_assert_msg(s == FD_DB || s == FD_IO || s == FD_BUSY, "%s: returned status %d: %s",
                  where(a), s, err->message);
    ck_assert_msg(err->status == s && err->message[0] != '\0', "%s: status %d without its message",
                  where(a), s);
    assert_nothing_open(c, a);
    char *after = table_counts(c->fx.path);
    ck_assert_msg(strcmp(before, after) == 0, "%s left rows behind:\nbefore: %s\nafter:  %s",
                  where(a), before, after);
    free(after);
}

/* ---- the runs ---- */

enum { MAX_CALL_KINDS = 16, MAX_MESSAGES = 16 };

typedef struct tally {
    int points;   /* faults placed */
    int failed;   /* ... that failed the operation cleanly */
    int absorbed; /* ... that SQLite got over by itself */
    struct {
        char call[32]; /* "sync wal" */
        int count;
    } calls[MAX_CALL_KINDS];
    char messages[MAX_MESSAGES][FD_MESSAGE_MAX]; /* what the user saw, each once */
} tally;

static void count_call(tally *t, const char *call)
{
    int i = 0;
    while (i < MAX_CALL_KINDS && t->calls[i].count && strcmp(t->calls[i].call, call) != 0)
        i++;
    ck_assert_int_lt(i, MAX_CALL_KINDS);
    snprintf(t->calls[i].call, sizeof t->calls[i].call, "%s", call);
    t->calls[i].count++;
}

static void keep_message(tally *t, const char *message)
{
    int i = 0;
    while (i < MAX_MESSAGES && t->messages[i][0] && strcmp(t->messages[i], message) != 0)
        i++;
    if (i < MAX_MESSAGES)
        snprintf(t->messages[i], sizeof t->messages[i], "%s", message);
}

static void print_tally(const attempt *a, const tally *t)
{
    char tried[24] = "";
    if (a->step > 1)
        snprintf(tried, sizeof tried, " (1 in %d)", a->step);
    printf("%-17s %-7s %-10s %3d fault points%s: %3d failed cleanly, %2d absorbed;", a->path->name,
           mode_names[a->mode], a->tight ? "tight" : "roomy", t->points, tried, t->failed,
           t->absorbed);
    for (int i = 0; i < MAX_CALL_KINDS && t->calls[i].count; i++)
        printf(" %s×%d", t->calls[i].call, t->calls[i].count);
    printf("\n");
    for (int i = 0; i < MAX_MESSAGES && t->messages[i][0]; i++)
        printf("    \"%s\"\n", t->messages[i]);
}

/* The failed operation is checked, then repeated as it is with faults disarmed. */
static void fail_then_succeed(fault_ctx *c, const attempt *a, fd_status s, const fd_error *err,
                              const char *before)
{
    assert_clean_failure(c, a, s, err, before);
    fd_error again = {0};
    ck_assert_msg(a->path->operation(c, &again) == FD_OK, "%s: the next attempt failed too: %s",
                  where(a), again.message);
}

/* One attempt with the n-th call failing. Returns false once the operation got
 * through without reaching it: there are no more fault points to try. */
static bool attempt_with_fault(fault_ctx *c, attempt *a, tally *t)
{
    a->path->set_up(c);
    char *before = table_counts(c->fx.path);
    fd_error err = {0};
    faultvfs_arm(a->n, a->mode);
    fd_status s = a->path->operation(c, &err);
    bool fired = faultvfs_fired();
    faultvfs_disarm();
    ck_assert_msg(fired || s == FD_OK, "%s: failed with no fault: %s", where(a), err.message);
    if (s != FD_OK) {
        fail_then_succeed(c, a, s, &err, before);
        keep_message(t, err.message);
        t->failed++;
    } else if (fired) {
        t->absorbed++;
    }
    /* Once per attempt is enough: the chain only grows, so damage done by the failure
     * would still show after the retry. */
    assert_nothing_open(c, a);
    assert_chain_whole(c, a);
    free(before);
    if (fired) {
        t->points++;
        count_call(t, faultvfs_failed_call());
    }
    return fired;
}

/* By default SQLite checkpoints once the WAL reaches 1000 pages, which these small
 * operations never do. Opening a connection sets that default after the automatic
 * extensions have run, so the extension installs a commit hook, and the hook sets the
 * checkpoint before the commit's WAL callback runs. */
static int checkpoint_now(void *db)
{
    sqlite3_wal_autocheckpoint(db, 1);
    return 0; /* go on with the commit */
}

/* An automatic extension: it runs on every connection opened from then on. */
static int tighten(sqlite3 *db, char **message, const sqlite3_api_routines *api)
{
    (void)api;
    sqlite3_commit_hook(db, checkpoint_now, db);
    return sqlite3_exec(db, "PRAGMA cache_size = 1; PRAGMA cache_spill = 1", NULL, NULL, message);
}

static bool path_chosen(const write_path *p)
{
    return !only_paths || strncmp(p->name, only_paths, strlen(only_paths)) == 0;
}

/* The first fault point a run tries: a sampled path's runs start spread over the
 * stride, so that together they try points of every residue the stride allows. */
static int first_point(const attempt *a, int run)
{
    return 1 + run * a->step / RUNS_PER_PATH % a->step;
}

/* _i: the path, whether tight, and the mode, in that order of nesting. */
START_TEST(faults_on_a_write_path)
{
    int run = _i % RUNS_PER_PATH;
    attempt a = {&write_paths[_i / RUNS_PER_PATH], (faultvfs_mode)(run % 2), run / 2 == 1, 0, 1};
    if (!path_chosen(a.path))
        return;
    if (a.path->sampling == SAMPLED)
        a.step = sample_stride;
    faultvfs_install();
    sqlite3_reset_auto_extension();
    if (a.tight)
        sqlite3_auto_extension((void (*)(void))tighten);
    char db_name[64];
    snprintf(db_name, sizeof db_name, "%s-%s-%d.db", a.path->name, mode_names[a.mode], a.tight);
    fault_ctx c;
    fault_ctx_open(&c, db_name);
    tally t = {0};
    for (a.n = first_point(&a, run); attempt_with_fault(&c, &a, &t); a.n += a.step)
        ck_assert_msg(a.n < MAX_FAULT_POINTS, "%s: no end to the fault points", where(&a));
    print_tally(&a, &t);
    ck_assert_int_gt(t.failed, 0);
    fault_ctx_close(&c);
}
END_TEST

int main(int argc, char **argv)
{
    const char *full = getenv("FRONTDESK_FAULT_FULL");
    if ((argc > 1 && strcmp(argv[1], "--full") == 0) || (full && strcmp(full, "1") == 0))
        sample_stride = 1;
    only_paths = getenv("FRONTDESK_FAULT_PATH");
    Suite *suite = suite_create("ioerr");
    TCase *tc = tcase_create("write paths");
    /* One run of a path takes up to a few seconds, several times that under the
     * sanitizers; Check's default of 4 s is for unit tests. */
    tcase_set_timeout(tc, 300);
    /* In the parent, once: every run forks with the template's staff in hand. */
    tcase_add_unchecked_fixture(tc, fault_desk_template, NULL);
    tcase_add_loop_test(tc, faults_on_a_write_path, 0, RUNS_PER_PATH * write_path_count);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
