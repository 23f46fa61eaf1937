/* The store: file creation, ownership, migrations, transactions, append-only tables. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/store.h"
#include "store/migrations.h"
#include "store/stmt.h"
#include "store_fixture.h"
#include "testlib.h"

/* Runs sql on a raw connection, as someone working behind the program's back would. */
static int raw_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_open(path, &db);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

static int64_t raw_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    sqlite3_open(path, &db);
    sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

START_TEST(creates_private_file_with_schema)
{
    fd_store *s = store_fixture_open("new.db");
    struct stat st;
    ck_assert_int_eq(stat(testlib_path("new.db"), &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    fd_store_close(s);
    ck_assert_int_eq(raw_int(testlib_path("new.db"), "PRAGMA user_version"), fd_store_schema_version());
    ck_assert_int_eq(raw_int(testlib_path("new.db"), "PRAGMA application_id"), 0x46444B31);
    ck_assert_int_eq(raw_int(testlib_path("new.db"), "SELECT count(*) FROM sqlite_schema WHERE name = 'audit'"), 1);
}
END_TEST

START_TEST(reopening_keeps_data_and_version)
{
    fd_store *s = store_fixture_open("again.db");
    fd_store_close(s);
    raw_exec(testlib_path("again.db"), "INSERT INTO staff (number, name, role, at) VALUES ('1', 'x', 'admin', 0)");
    fd_error err = {0};
    ck_assert_int_eq(fd_store_open(testlib_path("again.db"), 0, &s, &err), FD_OK);
    fd_store_close(s);
    ck_assert_int_eq(raw_int(testlib_path("again.db"), "SELECT count(*) FROM staff"), 1);
}
END_TEST

static int64_t temp_store_of(fd_store *s)
{
    fd_error err = {0};
    fd_stmt *st = fd_sql(s, FD_SQL_TEMP_STORE);
    ck_assert_int_eq(fd_step_row(st, &err), FD_OK);
    int64_t mode = fd_col_int(st, FD_COL_TEMP_STORE_TEMP_STORE);
    fd_stmt_reset(st);
    return mode;
}

/* What SQLite sorts or spills (an export's every full identity number and phone) never
 * goes to a file of its own: in a site install such a file would be the person's, in a
 * folder they name, and theirs to keep and read. Both ways of opening keep it in memory. */
START_TEST(temporary_data_stays_in_memory)
{
    fd_store *s = store_fixture_open("temp.db");
    ck_assert_int_eq(temp_store_of(s), 2);
    fd_store_close(s);
    fd_error err = {0};
    ck_assert_int_eq(fd_store_open(testlib_path("temp.db"), FD_STORE_READONLY, &s, &err), FD_OK);
    ck_assert_int_eq(temp_store_of(s), 2);
    fd_store_close(s);
}
END_TEST

START_TEST(missing_file_without_create_is_refused)
{
    fd_store *s = NULL;
    fd_error err = {0};
    ck_assert_int_eq(fd_store_open(testlib_path("absent.db"), 0, &s, &err), FD_NOT_FOUND);
    ck_assert_ptr_null(s);
    ck_assert_ptr_nonnull(strstr(err.message, "frontdesk init"));
    ck_assert_int_ne(access(testlib_path("absent.db"), F_OK), 0);
}
END_TEST

START_TEST(foreign_database_is_refused_and_untouched)
{
    const char *path = testlib_path("foreign.db");
    raw_exec(path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    fd_store *s = NULL;
    fd_error err = {0};
    ck_assert_int_eq(fd_store_open(path, FD_STORE_CREATE, &s, &err), FD_FOREIGN_DB);
    ck_assert_ptr_nonnull(strstr(err.message, "not a frontdesk database"));
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM sqlite_schema"), 1);
    ck_assert_int_eq(raw_int(path, "PRAGMA user_version"), 0);
    /* Not switched to WAL on the way: the header still says a rollback journal (1), and
     * no WAL file was made beside it. */
    FILE *f = fopen(path, "rb");
    unsigned char header[20];
    ck_assert_uint_eq(fread(header, 1, sizeof header, f), sizeof header);
    fclose(f);
    ck_assert_int_eq(header[18], 1);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    ck_assert_int_ne(access(wal, F_OK), 0);
}
END_TEST

START_TEST(file_that_is_not_sqlite_is_refused)
{
    const char *path = testlib_path("text.db");
    FILE *f = fopen(path, "w");
    fputs("this is a shopping list, not a database, and it is long enough to matter\n", f);
    fclose(f);
    fd_store *s = NULL;
    fd_error err = {0};
    ck_assert_int_eq(fd_store_open(path, 0, &s, &err), FD_FOREIGN_DB);
}
END_TEST

START_TEST(newer_schema_is_refused)
{
    fd_store *s = store_fixture_open("newer.db");
    fd_store_close(s);
    raw_exec(testlib_path("newer.db"), "PRAGMA user_version = 999");
    fd_error err = {0};
    ck_assert_int_eq(fd_store_open(testlib_path("newer.db"), 0, &s, &err), FD_TOO_NEW);
    ck_assert_ptr_nonnull(strstr(err.message, "999"));
}
END_TEST

START_TEST(migrations_are_numbered_in_order)
{
    ck_assert_int_gt(fd_migration_count, 0);
    for (int i = 1; i < fd_migration_count; i++)
        ck_assert_int_gt(fd_migrations[i].version, fd_migrations[i - 1].version);
    ck_assert_int_eq(fd_store_schema_version(), fd_migrations[fd_migration_count - 1].version);
}
END_TEST

START_TEST(migration_from_an_older_version_applies_the_rest)
{
    /* A database left at version 0 with our id is brought up to date in one go. */
    const char *path = testlib_path("old.db");
    raw_exec(path, "PRAGMA application_id = 1178880817");
    fd_store *s = NULL;
    fd_error err = {0};
    ck_assert_int_eq(fd_store_open(path, 0, &s, &err), FD_OK);
    fd_store_close(s);
    ck_assert_int_eq(raw_int(path, "PRAGMA user_version"), fd_store_schema_version());
}
END_TEST

static fd_status insert_then_fail(fd_store *store, void *ctx, fd_error *err)
{
    (void)ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_CORRECTION_INSERT);
    fd_bind_text(st, ":tbl", "unit");
    fd_bind_int(st, ":row_id", 1);
    fd_bind_text(st, ":field", "room");
    fd_bind_text(st, ":value", "1203");
    fd_bind_text(st, ":reason", "typo");
    fd_bind_int(st, ":staff_id", 1);
    fd_bind_int(st, ":at", 0);
    fd_status s = fd_exec(st, err);
    ck_assert_int_eq(s, FD_OK);
    return fd_fail(err, FD_INVALID, "room", "refused after the insert");
}

/* The write system calls this process has made (pwrite among them). */
static long write_calls(void)
{
    FILE *io = fopen("/proc/self/io", "r");
    long n = -1;
    char line[64];
    while (io && n < 0 && fgets(line, sizeof line, io))
        sscanf(line, "syscw: %ld", &n);
    if (io)
        fclose(io);
    return n;
}

enum { LONG_REASONS = 6, SPILLED_REASONS = 3000 };

/* count corrections of 3,000 characters each, one letter a reason: several pages a
 * handful of them. */
static fd_status insert_long_reasons(fd_store *store, int count, fd_error *err)
{
    char reason[3001];
    fd_status s = FD_OK;
    for (int i = 0; s == FD_OK && i < count; i++) {
        memset(reason, 'a' + i % 26, sizeof reason - 1);
        reason[sizeof reason - 1] = '\0';
        fd_stmt *st = fd_sql(store, FD_SQL_CORRECTION_INSERT);
        fd_bind_text(st, ":tbl", "unit");
        fd_bind_int(st, ":row_id", i);
        fd_bind_text(st, ":field", "room");
        fd_bind_text(st, ":value", "1203");
        fd_bind_text(st, ":reason", reason);
        fd_bind_int(st, ":staff_id", 1);
        fd_bind_int(st, ":at", 0);
        s = fd_exec(st, err);
    }
    return s;
}

static fd_status a_few_long_reasons(fd_store *store, void *ctx, fd_error *err)
{
    (void)ctx;
    return insert_long_reasons(store, LONG_REASONS, err);
}

/* SQLite writes each page of a commit to the log as two system calls; the store's VFS
 * gathers them into one, written before the log is synced: the commit is whole in the
 * file, read back by another connection. */
START_TEST(a_commit_reaches_the_log_in_one_write)
{
    const char *path = testlib_path("gather.db");
    fd_store *s = store_fixture_open("gather.db");
    raw_exec(path, "INSERT INTO staff (number, name, role, at) VALUES ('1', 'x', 'admin', 0)");
    /* An empty log: the commit's frames are all it holds afterwards. */
    ck_assert_int_eq(raw_exec(path, "PRAGMA wal_checkpoint(TRUNCATE)"), SQLITE_OK);
    long before = write_calls();
    fd_error err = {0};
    /* Nothing between the two counts writes (a check's assertion does, to its log). */
    fd_status written = fd_store_write(s, a_few_long_reasons, NULL, &err);
    long calls = write_calls() - before;
    ck_assert_msg(before >= 0, "no write count in /proc/self/io");
    ck_assert_int_eq(written, FD_OK);
    char *wal = fd_printf("%s-wal", path);
    struct stat st;
    ck_assert_int_eq(stat(wal, &st), 0);
    free(wal);
    long frames = (long)((st.st_size - 32) / (4096 + 24));
    ck_assert_int_ge(frames, LONG_REASONS);
    /* The log's header, then every frame at once. */
    ck_assert_int_le(calls, 2);
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM correction WHERE length(reason) = 3000"),
                     LONG_REASONS);
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
    fd_store_close(s);
}
END_TEST

START_TEST(failed_write_leaves_nothing_behind)
{
    fd_store *s = store_fixture_open("rollback.db");
    raw_exec(testlib_path("rollback.db"), "INSERT INTO staff (number, name, role, at) VALUES ('1', 'x', 'admin', 0)");
    fd_error err = {0};
    ck_assert_int_eq(fd_store_write(s, insert_then_fail, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "room");
    fd_store_close(s);
    ck_assert_int_eq(raw_int(testlib_path("rollback.db"), "SELECT count(*) FROM correction"), 0);
}
END_TEST

START_TEST(constraint_failure_names_the_statement)
{
    fd_store *s = store_fixture_open("constraint.db");
    fd_error err = {0};
    /* staff_id 42 does not exist: the foreign key refuses the row. */
    fd_stmt *st = fd_sql(s, FD_SQL_CORRECTION_INSERT);
    fd_bind_text(st, ":tbl", "unit");
    fd_bind_int(st, ":row_id", 1);
    fd_bind_text(st, ":field", "room");
    fd_bind_text(st, ":value", "1");
    fd_bind_text(st, ":reason", "r");
    fd_bind_int(st, ":staff_id", 42);
    fd_bind_int(st, ":at", 0);
    ck_assert_int_eq(fd_exec(st, &err), FD_CONFLICT);
    ck_assert_ptr_nonnull(strstr(err.message, "correction_insert"));
    fd_store_close(s);
}
END_TEST

START_TEST(records_refuse_update_and_delete)
{
    const char *path = testlib_path("append.db");
    fd_store *s = store_fixture_open("append.db");
    fd_store_close(s);
    ck_assert_int_eq(raw_exec(path, "INSERT INTO staff (number, name, role, at) VALUES ('1', 'x', 'admin', 0)"), SQLITE_OK);
    ck_assert_int_ne(raw_exec(path, "UPDATE staff SET name = 'y'"), SQLITE_OK);
    ck_assert_int_ne(raw_exec(path, "DELETE FROM staff"), SQLITE_OK);
    ck_assert_int_eq(raw_exec(path, "INSERT INTO audit (at, action, tbl, row_id, hash) VALUES (0, 'a', 'staff', 1, x'00')"), SQLITE_OK);
    ck_assert_int_ne(raw_exec(path, "UPDATE audit SET hash = x'01'"), SQLITE_OK);
    ck_assert_int_ne(raw_exec(path, "DELETE FROM audit"), SQLITE_OK);
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM staff WHERE name = 'x'"), 1);
}
END_TEST

/* Holds the write lock for a while from another connection. */
static void *hold_write_lock(void *path)
{
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    usleep(2500 * 1000); /* longer than the busy timeout, so the store must retry */
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
    return NULL;
}

static fd_status empty_write(fd_store *store, void *ctx, fd_error *err)
{
    (void)ctx;
    (void)store;
    (void)err;
    return FD_OK;
}

START_TEST(busy_database_is_retried_not_reported)
{
    const char *path = testlib_path("busy.db");
    fd_store *s = store_fixture_open("busy.db");
    pthread_t holder;
    pthread_create(&holder, NULL, hold_write_lock, (void *)path);
    usleep(200 * 1000);
    fd_error err = {0};
    ck_assert_int_eq(fd_store_write(s, empty_write, NULL, &err), FD_OK);
    pthread_join(holder, NULL);
    fd_store_close(s);
}
END_TEST

/* The generation a console polls: unchanged while nothing is written, changed by a
 * write here and by a commit at another connection. */
START_TEST(generation_follows_writes_here_and_elsewhere)
{
    const char *path = testlib_path("generation.db");
    fd_store *s = store_fixture_open("generation.db");
    fd_error err = {0};
    uint64_t g0, g1, g2, g3;
    ck_assert_int_eq(fd_store_generation(s, &g0, &err), FD_OK);
    ck_assert_int_eq(fd_store_generation(s, &g1, &err), FD_OK);
    ck_assert_uint_eq(g0, g1);
    ck_assert_int_eq(fd_store_write(s, empty_write, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_store_generation(s, &g2, &err), FD_OK);
    ck_assert_uint_ne(g1, g2);
    ck_assert_int_eq(raw_exec(path, "INSERT INTO staff (number, name, role, at) VALUES ('1', 'x', 'admin', 0)"), SQLITE_OK);
    ck_assert_int_eq(fd_store_generation(s, &g3, &err), FD_OK);
    ck_assert_uint_ne(g2, g3);
    fd_store_close(s);
}
END_TEST

static fd_status count_tables(fd_store *store, void *ctx, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_TABLE_COUNT);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        *(int64_t *)ctx = fd_col_int(st, FD_COL_TABLE_COUNT_TABLES);
    return s;
}

/* A transaction bigger than the connection's page cache (8 MiB): SQLite writes pages
 * to the log before the commit, and here the commit never comes. */
static fd_status spill_then_fail(fd_store *store, void *ctx, fd_error *err)
{
    (void)ctx;
    fd_status s = insert_long_reasons(store, SPILLED_REASONS, err);
    return s == FD_OK ? fd_fail(err, FD_INVALID, "room", "refused after the inserts") : s;
}

/* What a refused transaction wrote towards the log is dropped when it ends: another
 * terminal then writes its own commit over that part of the log, and this terminal's
 * next look at the log must not write the refused pages over it. The log starts
 * empty, so that nothing in the rollback reads it; the other terminal's commit is not
 * copied into the database, so that readers read it from the log. */
START_TEST(a_refused_write_leaves_nothing_to_overwrite_another_terminals)
{
    const char *path = testlib_path("spill.db");
    fd_store *s = store_fixture_open("spill.db");
    raw_exec(path, "INSERT INTO staff (number, name, role, at) VALUES ('1', 'x', 'admin', 0)");
    ck_assert_int_eq(raw_exec(path, "PRAGMA wal_checkpoint(TRUNCATE)"), SQLITE_OK);
    fd_error err = {0};
    ck_assert_int_eq(fd_store_write(s, spill_then_fail, NULL, &err), FD_INVALID);
    ck_assert_int_eq(raw_exec(path, "PRAGMA wal_autocheckpoint = 0;"
                                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) "
                                    "INSERT INTO correction (tbl, row_id, field, value, reason, staff_id, at) "
                                    "SELECT 'unit', i, 'room', '1', printf('%.3000c', 'b'), 1, 0 FROM n"),
                     SQLITE_OK);
    int64_t tables = 0;
    ck_assert_int_eq(fd_store_read(s, count_tables, &tables, &err), FD_OK);
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
    ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM correction WHERE reason = printf('%.3000c', 'b')"), 4000);
    fd_store_close(s);
}
END_TEST

/* A reader of one statement, without BEGIN and COMMIT: it sees what another connection
 * committed before it, and holds no snapshot once it has returned (a checkpoint that
 * empties the log waits for every reader). */
START_TEST(a_one_statement_reader_reads_now_and_holds_nothing)
{
    const char *path = testlib_path("read_one.db");
    fd_store *s = store_fixture_open("read_one.db");
    fd_error err = {0};
    int64_t before = 0, after = 0;
    ck_assert_int_eq(fd_store_read_one(s, count_tables, &before, &err), FD_OK);
    ck_assert_int_eq(raw_exec(path, "CREATE TABLE elsewhere (x)"), SQLITE_OK);
    ck_assert_int_eq(fd_store_read_one(s, count_tables, &after, &err), FD_OK);
    ck_assert_int_eq(after, before + 1);
    ck_assert_int_eq(raw_int(path, "PRAGMA wal_checkpoint(TRUNCATE)"), 0); /* not busy */
    fd_store_close(s);
}
END_TEST

static void count_problem(void *ctx, const char *problem)
{
    (void)problem;
    (*(int *)ctx)++;
}

START_TEST(integrity_and_foreign_key_checks_run)
{
    const char *path = testlib_path("fk.db");
    fd_store *s = store_fixture_open("fk.db");
    fd_error err = {0};
    int reported = 0;
    ck_assert_int_eq(fd_store_check(s, count_problem, &reported, &err), 0);
    fd_store_close(s);
    raw_exec(path, "PRAGMA foreign_keys = OFF; INSERT INTO staff_pin (staff_id, hash, at) VALUES (77, 'h', 0)");
    ck_assert_int_eq(fd_store_open(path, 0, &s, &err), FD_OK);
    ck_assert_int_eq(fd_store_check(s, count_problem, &reported, &err), 1);
    ck_assert_int_eq(reported, 1);
    fd_store_close(s);
}
END_TEST

static void note_progress(void *ctx, int64_t done, int64_t total)
{
    int64_t *last = ctx;
    ck_assert_int_le(done, total);
    ck_assert_int_ge(done, last[0]);
    last[0] = done;
    last[1] = total;
}

START_TEST(backup_copies_the_database)
{
    fd_store *s = store_fixture_open("src.db");
    fd_error err = {0};
    int64_t progress[2] = {0, 0};
    ck_assert_int_eq(fd_store_backup(s, testlib_path("copy.db"), note_progress, progress, &err), FD_OK);
    ck_assert_int_gt(progress[1], 0);
    ck_assert_int_eq(progress[0], progress[1]);
    ck_assert_int_eq(fd_store_backup(s, testlib_path("copy.db"), NULL, NULL, &err), FD_CONFLICT);
    fd_store_close(s);
    ck_assert_int_eq(raw_int(testlib_path("copy.db"), "PRAGMA user_version"), fd_store_schema_version());
}
END_TEST

/* What the console's "database busy" message is told, and how it stops the wait. */
typedef struct busy_log {
    int told, ended;
} busy_log;

static bool give_up_soon(void *ctx, int waited_ms)
{
    busy_log *log = ctx;
    if (waited_ms < 0) {
        log->ended++;
        return true;
    }
    log->told++;
    return waited_ms < 100;
}

START_TEST(a_wait_for_the_lock_is_told_and_can_be_stopped)
{
    const char *path = testlib_path("waiting.db");
    fd_store *s = store_fixture_open("waiting.db");
    sqlite3 *holder;
    sqlite3_open(path, &holder);
    ck_assert_int_eq(sqlite3_exec(holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    busy_log log = {0};
    fd_store_on_busy(s, give_up_soon, &log);
    fd_error err = {0};
    time_t started = time(NULL);
    ck_assert_int_eq(fd_store_write(s, empty_write, NULL, &err), FD_BUSY);
    ck_assert_int_lt(time(NULL) - started, 2); /* not the 40 s of retries */
    ck_assert_int_gt(log.told, 1);
    ck_assert_int_eq(log.ended, 1);
    ck_assert_ptr_nonnull(strstr(err.message, "Stopped waiting"));
    sqlite3_exec(holder, "COMMIT", NULL, NULL, NULL);
    /* Free again: the next write goes through, without a word. */
    log = (busy_log){0};
    ck_assert_int_eq(fd_store_write(s, empty_write, NULL, &err), FD_OK);
    ck_assert_int_eq(log.told + log.ended, 0);
    sqlite3_close(holder);
    fd_store_close(s);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("store");
    TCase *tc = tcase_create("store");
    tcase_add_test(tc, creates_private_file_with_schema);
    tcase_add_test(tc, reopening_keeps_data_and_version);
    tcase_add_test(tc, temporary_data_stays_in_memory);
    tcase_add_test(tc, missing_file_without_create_is_refused);
    tcase_add_test(tc, foreign_database_is_refused_and_untouched);
    tcase_add_test(tc, file_that_is_not_sqlite_is_refused);
    tcase_add_test(tc, newer_schema_is_refused);
    tcase_add_test(tc, migrations_are_numbered_in_order);
    tcase_add_test(tc, migration_from_an_older_version_applies_the_rest);
    tcase_add_test(tc, a_commit_reaches_the_log_in_one_write);
    tcase_add_test(tc, a_refused_write_leaves_nothing_to_overwrite_another_terminals);
    tcase_add_test(tc, failed_write_leaves_nothing_behind);
    tcase_add_test(tc, constraint_failure_names_the_statement);
    tcase_add_test(tc, records_refuse_update_and_delete);
    tcase_add_test(tc, busy_database_is_retried_not_reported);
    tcase_add_test(tc, generation_follows_writes_here_and_elsewhere);
    tcase_add_test(tc, a_one_statement_reader_reads_now_and_holds_nothing);
    tcase_add_test(tc, integrity_and_foreign_key_checks_run);
    tcase_add_test(tc, backup_copies_the_database);
    tcase_add_test(tc, a_wait_for_the_lock_is_told_and_can_be_stopped);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
