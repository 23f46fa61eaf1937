/* The one module that owns the SQLite connection. */
#include "frontdesk/store.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/i18n.h"
#include "frontdesk/site.h"
#include "store/catalogue.h"
#include "store/migrations.h"
#include "store/stmt.h"
#include "store/walbatch.h"

/* "FDK1": marks a SQLite file as ours. */
enum { FD_APPLICATION_ID = 0x46444B31 };
enum { BUSY_TIMEOUT_MS = 2000, BUSY_RETRIES = 20 };
/* How often a waiting write tells on_busy, and how long a backup may go without
 * copying a page before it gives up. */
enum { BUSY_REPORT_MS = 20, BACKUP_STALL_MS = 10000 };

struct fd_stmt {
    sqlite3_stmt *handle;
    fd_sql_id id;
    bool used;          /* taken since the last transaction ended */
};

struct fd_store {
    sqlite3 *db;
    char *path;
    int depth;          /* nested fd_store_write/read calls */
    bool writing;
    fd_stmt stmts[FD_SQL_COUNT];
    fd_sql_id used[FD_SQL_COUNT]; /* the statements taken since then, to reset */
    int used_count;
    fd_busy_fn on_busy;  /* told while a write waits for another terminal's lock */
    void *on_busy_ctx;
    bool waiting;        /* on_busy has been told of the present wait */
    bool cancelled;      /* on_busy gave up: no more retries */
    struct timespec wait_started;
    long told_ms;        /* how long the wait was when on_busy was last told */
    void (*after_write)(void *ctx, bool committed); /* see fd_store_after_write */
    void *after_write_ctx;
    uint64_t commits;    /* writes committed on this connection, for fd_store_generation */
};

const char *fd_sql_name(fd_sql_id id)
{
    return fd_sql_catalogue[id].name;
}

fd_sql_id fd_sql_find(const char *name)
{
    int id = 0;
    while (id < FD_SQL_COUNT && strcmp(fd_sql_catalogue[id].name, name) != 0)
        id++;
    return (fd_sql_id)id;
}

int fd_store_schema_version(void)
{
    return fd_migrations[fd_migration_count - 1].version;
}

const char *fd_store_path(const fd_store *store)
{
    return store->path;
}

/* ---- statements ---- */

fd_status fd_sql_prepare(fd_store *store, fd_sql_id id, fd_error *err)
{
    fd_stmt *st = &store->stmts[id];
    if (st->handle)
        return FD_OK;
    if (sqlite3_prepare_v3(store->db, fd_sql_catalogue[id].text, -1, SQLITE_PREPARE_PERSISTENT,
                           &st->handle, NULL) != SQLITE_OK)
        return fd_fail(err, FD_DB, NULL, "statement %s does not prepare: %s",
                       fd_sql_catalogue[id].name, sqlite3_errmsg(store->db));
    st->id = id;
    return FD_OK;
}

/* The catalogue is compiled in, and prepared at build time: a failure here is a bug. */
static void prepare_or_abort(fd_store *store, fd_sql_id id)
{
    fd_error err = {0};
    if (fd_sql_prepare(store, id, &err) != FD_OK) {
        fprintf(stderr, "frontdesk: %s\n", err.message);
        abort();
    }
}

fd_stmt *fd_sql(fd_store *store, fd_sql_id id)
{
    fd_stmt *st = &store->stmts[id];
    if (!st->handle)
        prepare_or_abort(store, id);
    if (!st->used) {
        st->used = true;
        store->used[store->used_count++] = id;
    }
    sqlite3_reset(st->handle);
    sqlite3_clear_bindings(st->handle);
    return st;
}

static int param_index(fd_stmt *st, const char *param)
{
    int i = sqlite3_bind_parameter_index(st->handle, param);
    if (i == 0) {
        fprintf(stderr, "frontdesk: statement %s has no parameter %s\n", fd_sql_catalogue[st->id].name,
                param);
        abort();
    }
    return i;
}

void fd_bind_int(fd_stmt *st, const char *param, int64_t value)
{
    sqlite3_bind_int64(st->handle, param_index(st, param), value);
}

void fd_bind_text(fd_stmt *st, const char *param, const char *value)
{
    int i = param_index(st, param);
    if (value)
        sqlite3_bind_text(st->handle, i, value, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st->handle, i);
}

void fd_bind_blob(fd_stmt *st, const char *param, const void *data, size_t size)
{
    sqlite3_bind_blob(st->handle, param_index(st, param), data, (int)size, SQLITE_TRANSIENT);
}

void fd_bind_null(fd_stmt *st, const char *param)
{
    sqlite3_bind_null(st->handle, param_index(st, param));
}

int fd_step(fd_stmt *st, fd_error *err)
{
    int rc = sqlite3_step(st->handle);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    sqlite3 *db = sqlite3_db_handle(st->handle);
    int code = rc & 0xff;
    if (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_READONLY) {
        fd_fail(err, FD_IO, NULL,
                _("The record could not be saved: the disk is full or failing (%s). Nothing "
                  "was half-written; try again, and tell the office if it happens again."),
                sqlite3_errmsg(db));
        sqlite3_reset(st->handle);
        return -1;
    }
    fd_status status = code == SQLITE_BUSY || code == SQLITE_LOCKED ? FD_BUSY
                       : code == SQLITE_CONSTRAINT                  ? FD_CONFLICT
                                                                    : FD_DB;
    fd_fail(err, status, NULL, _("Database error in %s: %s"), fd_sql_catalogue[st->id].name,
            sqlite3_errmsg(db));
    sqlite3_reset(st->handle);
    return -1;
}

fd_status fd_exec(fd_stmt *st, fd_error *err)
{
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        ;
    if (rc < 0)
        return err ? err->status : FD_DB;
    sqlite3_reset(st->handle);
    return FD_OK;
}

fd_status fd_step_row(fd_stmt *st, fd_error *err)
{
    int rc = fd_step(st, err);
    if (rc < 0)
        return err ? err->status : FD_DB;
    return rc == 1 ? FD_OK : FD_NOT_FOUND;
}

int fd_col_count(fd_stmt *st) { return sqlite3_column_count(st->handle); }
int64_t fd_col_int(fd_stmt *st, int col) { return sqlite3_column_int64(st->handle, col); }
bool fd_col_null(fd_stmt *st, int col) { return sqlite3_column_type(st->handle, col) == SQLITE_NULL; }
const char *fd_col_name(fd_stmt *st, int col) { return sqlite3_column_name(st->handle, col); }
void fd_stmt_reset(fd_stmt *st) { sqlite3_reset(st->handle); }
int64_t fd_store_last_id(fd_store *store) { return sqlite3_last_insert_rowid(store->db); }
int fd_store_changes(fd_store *store) { return sqlite3_changes(store->db); }

const char *fd_col_text(fd_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st->handle, col);
}

const void *fd_col_blob(fd_stmt *st, int col, size_t *size)
{
    const void *p = sqlite3_column_blob(st->handle, col);
    *size = (size_t)sqlite3_column_bytes(st->handle, col);
    return p;
}

char fd_col_kind(fd_stmt *st, int col)
{
    switch (sqlite3_column_type(st->handle, col)) {
    case SQLITE_INTEGER: return 'i';
    case SQLITE_FLOAT: return 'r';
    case SQLITE_TEXT: return 't';
    case SQLITE_BLOB: return 'b';
    default: return 'n';
    }
}

/* ---- waiting for another terminal ---- */

static long ms_since(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* Tells on_busy how long the write has waited so far (a wait spans the retries of one
 * transaction); false when it gives up. */
static bool tell_waiting(fd_store *store)
{
    if (!store->on_busy)
        return true;
    if (!store->waiting) {
        store->waiting = true;
        store->told_ms = 0;
        clock_gettime(CLOCK_MONOTONIC, &store->wait_started);
    }
    long waited = ms_since(&store->wait_started);
    if (store->cancelled || (waited > 0 && waited - store->told_ms < BUSY_REPORT_MS))
        return !store->cancelled;
    store->told_ms = waited;
    if (!store->on_busy(store->on_busy_ctx, (int)waited))
        store->cancelled = true;
    return !store->cancelled;
}

/* A wait on_busy was told of is over: it may take its message down. */
static void end_wait(fd_store *store)
{
    if (store->waiting && store->on_busy)
        store->on_busy(store->on_busy_ctx, -1);
    store->waiting = false;
}

void fd_store_on_busy(fd_store *store, fd_busy_fn fn, void *ctx)
{
    store->on_busy = fn;
    store->on_busy_ctx = ctx;
}

/* ---- transactions ---- */

/* A transaction's end releases every statement, so no reader keeps a snapshot open. */
static void reset_all(fd_store *store)
{
    /* Only what was taken can be running: a console has a few hundred statements
     * prepared, and an operation that reads three rows uses a handful. */
    for (int i = 0; i < store->used_count; i++) {
        fd_stmt *st = &store->stmts[store->used[i]];
        sqlite3_reset(st->handle);
        st->used = false;
    }
    store->used_count = 0;
}

static fd_status run_plain(fd_store *store, fd_sql_id id, fd_error *err)
{
    return fd_exec(fd_sql(store, id), err);
}

void fd_store_after_write(fd_store *store, void (*done)(void *ctx, bool committed), void *ctx)
{
    store->after_write = done;
    store->after_write_ctx = ctx;
}

static void end_write(fd_store *store, bool committed)
{
    void (*done)(void *ctx, bool committed) = store->after_write;
    store->after_write = NULL;
    if (done)
        done(store->after_write_ctx, committed);
}

static void backoff(int attempt)
{
    struct timespec ts = {0, (long)(1 + attempt) * 5 * 1000000L};
    nanosleep(&ts, NULL);
}

/* In place of a BEGIN statement: a reader of one statement, which SQLite reads from one
 * snapshot of its own, from its first step until it is reset (reset_all). */
#define NO_BEGIN FD_SQL_COUNT

static fd_status run_transaction(fd_store *store, fd_sql_id begin, fd_write_fn fn, void *ctx,
                                 fd_error *err)
{
    if (store->depth > 0) {
        if (begin == FD_SQL_BEGIN_IMMEDIATE && !store->writing) {
            fprintf(stderr, "frontdesk: a write nested inside a read transaction\n");
            abort();
        }
        store->depth++;
        fd_status s = fn(store, ctx, err);
        store->depth--;
        return s;
    }
    fd_status status = FD_BUSY;
    store->cancelled = false;
    for (int attempt = 0; attempt < BUSY_RETRIES && status == FD_BUSY && !store->cancelled;
         attempt++) {
        if (attempt > 0)
            backoff(attempt);
        fd_error local = {0};
        status = begin == NO_BEGIN ? FD_OK : run_plain(store, begin, &local);
        if (status != FD_OK) {
            if (status != FD_BUSY && err)
                *err = local;
            continue;
        }
        store->depth = 1;
        store->writing = begin == FD_SQL_BEGIN_IMMEDIATE;
        status = fn(store, ctx, &local);
        if (status == FD_OK && begin != NO_BEGIN)
            status = run_plain(store, FD_SQL_COMMIT, &local);
        store->depth = 0;
        store->writing = false;
        reset_all(store);
        if (status != FD_OK) {
            if (!sqlite3_get_autocommit(store->db))
                run_plain(store, FD_SQL_ROLLBACK, NULL);
            reset_all(store);
            if (err)
                *err = local;
        }
        if (status == FD_OK && begin == FD_SQL_BEGIN_IMMEDIATE)
            store->commits++;
        end_write(store, status == FD_OK);
    }
    end_wait(store);
    if (status == FD_BUSY && store->cancelled)
        fd_fail(err, FD_BUSY, NULL, _("Stopped waiting for the database; nothing was saved."));
    else if (status == FD_BUSY && err && err->status != FD_BUSY)
        fd_fail(err, FD_BUSY, NULL, "%s", fd_status_message(FD_BUSY));
    return status;
}

fd_status fd_store_write(fd_store *store, fd_write_fn fn, void *ctx, fd_error *err)
{
    return run_transaction(store, FD_SQL_BEGIN_IMMEDIATE, fn, ctx, err);
}

fd_status fd_store_read(fd_store *store, fd_write_fn fn, void *ctx, fd_error *err)
{
    return run_transaction(store, FD_SQL_BEGIN_READ, fn, ctx, err);
}

fd_status fd_store_read_one(fd_store *store, fd_write_fn fn, void *ctx, fd_error *err)
{
    return run_transaction(store, NO_BEGIN, fn, ctx, err);
}

bool fd_store_in_write(const fd_store *store)
{
    return store->writing;
}

/* ---- opening ---- */

static fd_status create_file(const char *path, mode_t mode, fd_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        if (errno == EEXIST)
            return FD_OK;
        return fd_fail(err, FD_IO, NULL, _("Cannot create %s: %s"), path, strerror(errno));
    }
    close(fd);
    return FD_OK;
}

static fd_status exec_script(fd_store *store, const char *sql, const char *what, fd_error *err)
{
    char *message = NULL;
    if (sqlite3_exec(store->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        fd_fail(err, FD_DB, NULL, _("Database error in %s: %s"), what,
                message ? message : sqlite3_errmsg(store->db));
        sqlite3_free(message);
        return FD_DB;
    }
    return FD_OK;
}

/* A one-row, one-number statement: col names the column (FD_COL_<STATEMENT>_<COLUMN>). */
static fd_status read_pragma(fd_store *store, fd_sql_id id, int col, int64_t *out, fd_error *err)
{
    fd_stmt *st = fd_sql(store, id);
    fd_status s = fd_step_row(st, err);
    *out = s == FD_OK ? fd_col_int(st, col) : 0;
    fd_stmt_reset(st);
    return s;
}

fd_status fd_store_generation(fd_store *store, uint64_t *out, fd_error *err)
{
    int64_t others = 0;
    fd_status s = FD_OK;
    /* Inside a transaction the snapshot cannot change: no statement is needed. */
    if (store->depth == 0) {
        s = read_pragma(store, FD_SQL_DATA_VERSION, FD_COL_DATA_VERSION_DATA_VERSION, &others, err);
        reset_all(store);
    }
    *out = store->commits + (uint64_t)others;
    return s;
}

/* SQLite's own busy handler sleeps up to 100 ms between tries, so under many writers a
 * terminal that has waited long keeps losing the lock to newcomers; retrying every
 * millisecond keeps the longest wait short (measured: 4 s worst case down to 0.7 s
 * with 16 writers). */
static int busy_wait(void *ctx, int tries)
{
    fd_store *store = ctx;
    if (tries >= BUSY_TIMEOUT_MS || !tell_waiting(store))
        return 0;
    sqlite3_sleep(1);
    return 1;
}

/* Connection settings that write nothing to the file. */
static void configure_connection(fd_store *store)
{
    sqlite3_busy_handler(store->db, busy_wait, store);
    sqlite3_extended_result_codes(store->db, 1);
    sqlite3_db_config(store->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(store->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(store->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
    sqlite3_db_config(store->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
}

/* SQLite writes what it sorts, its temporary tables and its statement journals to files
 * of its own once they outgrow a few pages: for an export of a site's visitors, every
 * visitor's full identity number and phone, whatever the export masks. Such a file is
 * made by the person running the program (their uid), in SQLITE_TMPDIR, TMPDIR or
 * /var/tmp, and unlinked at once; in a site install that person could swap a folder of
 * SQLITE_TMPDIR between the making and the unlinking, keep the file and read it. (The
 * data directory would not do instead: SQLite takes a folder only when the person,
 * not the group, may write there.) So temporary data stays in memory; in a site install
 * a SQLite that will not do so is refused. */
static fd_status keep_temporary_data_in_memory(fd_store *store, fd_error *err)
{
    fd_status s = fd_exec(fd_sql(store, FD_SQL_TEMP_STORE_MEMORY), err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_TEMP_STORE);
    s = fd_step_row(st, err);
    bool in_memory = s == FD_OK && fd_col_int(st, FD_COL_TEMP_STORE_TEMP_STORE) == 2;
    fd_stmt_reset(st);
    if (s != FD_OK || in_memory || !fd_site_mode())
        return s;
    return fd_fail(err, FD_IO, NULL,
                   _("This SQLite library keeps temporary data in files whatever it is told, "
                     "where the person running the program could read them: a site install "
                     "needs one built without SQLITE_TEMP_STORE=0."));
}

/* Switching to WAL rewrites the file's header: done only once the file is known to be
 * ours (or new), so a foreign file is left exactly as it was. */
static fd_status set_journal(fd_store *store, int flags, fd_error *err)
{
    if (flags & FD_STORE_READONLY)
        return exec_script(store, "PRAGMA foreign_keys = ON;", "PRAGMA", err);
    return exec_script(store,
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = FULL;"
                       /* A ten-year building's handover reads a few thousand pages
                        * over a dozen sources: in SQLite's default 2 MiB they were read
                        * from the system again at every look (twice the time). The
                        * cache grows only with what is read: the console's memory at
                        * login is the same. */
                       "PRAGMA cache_size = -8192;"
                       "PRAGMA foreign_keys = ON;",
                       "PRAGMA", err);
}

/* A file with tables but not our application id is somebody else's: leave it alone. */
static fd_status check_ownership(fd_store *store, int64_t *version, fd_error *err)
{
    int64_t app_id, tables;
    fd_status s;
    if ((s = read_pragma(store, FD_SQL_APPLICATION_ID, FD_COL_APPLICATION_ID_APPLICATION_ID,
                         &app_id, err)) != FD_OK ||
        (s = read_pragma(store, FD_SQL_USER_VERSION, FD_COL_USER_VERSION_USER_VERSION, version,
                         err)) != FD_OK ||
        (s = read_pragma(store, FD_SQL_TABLE_COUNT, FD_COL_TABLE_COUNT_TABLES, &tables, err)) !=
            FD_OK)
        return s;
    if (app_id != FD_APPLICATION_ID && (app_id != 0 || tables > 0))
        return fd_fail(err, FD_FOREIGN_DB, NULL,
                       _("%s is not a frontdesk database; it was left untouched."), store->path);
    if (*version > fd_store_schema_version())
        return fd_fail(err, FD_TOO_NEW, NULL,
                       _("%s has schema version %lld, newer than this program's %d: "
                         "install a newer frontdesk."),
                       store->path, (long long)*version, fd_store_schema_version());
    return FD_OK;
}

typedef struct migrate_ctx {
    int64_t from;
} migrate_ctx;

static fd_status apply_migrations(fd_store *store, void *ctx, fd_error *err)
{
    const migrate_ctx *m = ctx;
    int64_t version = 0;
    fd_status s =
        read_pragma(store, FD_SQL_USER_VERSION, FD_COL_USER_VERSION_USER_VERSION, &version, err);
    if (s != FD_OK)
        return s;
    if (version != m->from) /* another process migrated first */
        return FD_OK;
    for (int i = 0; i < fd_migration_count; i++) {
        if (fd_migrations[i].version <= version)
            continue;
        if ((s = exec_script(store, fd_migrations[i].sql, fd_migrations[i].name, err)) != FD_OK)
            return s;
        version = fd_migrations[i].version;
    }
    /* Pragma values cannot be bound; both are compiled-in integers. */
    char pragmas[96];
    snprintf(pragmas, sizeof pragmas, "PRAGMA application_id = %d; PRAGMA user_version = %lld;",
             FD_APPLICATION_ID, (long long)version);
    return exec_script(store, pragmas, "PRAGMA", err);
}

static fd_status migrate(fd_store *store, int flags, int64_t from, fd_error *err)
{
    migrate_ctx m = {from};
    if (from == fd_store_schema_version())
        return FD_OK;
    if (flags & FD_STORE_READONLY)
        return fd_fail(err, FD_STATE, NULL, _("%s needs a schema upgrade; open it for writing once."),
                       store->path);
    return fd_store_write(store, apply_migrations, &m, err);
}

/* A statement with a UNION, a materialised subquery or a temporary index builds a
 * temporary b-tree (with a page cache of its own) and frees it when it ends; glibc then
 * hands the top of the heap back to the kernel once more than 128 KiB is free there,
 * and the next such statement faults the same pages in again — two thirds of a
 * complaint search's time in the benchmark. Up to 2 MiB of freed heap stays in the
 * process instead (the peak it reaches is the same). */
static void keep_freed_heap(void)
{
    static bool done;
    if (done)
        return;
    mallopt(M_TRIM_THRESHOLD, 2 << 20);
    done = true;
}

fd_status fd_store_open(const char *path, int flags, fd_store **out, fd_error *err)
{
    *out = NULL;
    keep_freed_heap();
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (!exists && !(flags & FD_STORE_CREATE))
        return fd_fail(err, FD_NOT_FOUND, NULL,
                       _("No database at %s. Create one with `frontdesk init` or `frontdesk demo`."),
                       path);
    /* The group's too in a site install, whose directory keeps everyone else out. */
    if (!exists && create_file(path, fd_site_file_mode(), err) != FD_OK)
        return err ? err->status : FD_IO;

    fd_store *store = fd_alloc(sizeof *store);
    store->path = fd_strdup(path);
    int open_flags = (flags & FD_STORE_READONLY) ? SQLITE_OPEN_READONLY
                                                 : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path, &store->db, open_flags | SQLITE_OPEN_NOMUTEX, fd_walbatch_vfs()) !=
        SQLITE_OK) {
        fd_fail(err, FD_IO, NULL, _("Cannot open %s: %s"), path,
                store->db ? sqlite3_errmsg(store->db) : strerror(errno));
        fd_store_close(store);
        return FD_IO;
    }
    configure_connection(store);
    int64_t version = 0;
    fd_status s = keep_temporary_data_in_memory(store, err);
    if (s == FD_OK)
        s = check_ownership(store, &version, err);
    if (s == FD_OK)
        s = set_journal(store, flags, err);
    if (s == FD_OK)
        s = migrate(store, flags, version, err);
    if (s != FD_OK) {
        if (s == FD_DB && err && strstr(err->message, "file is not a database"))
            fd_fail(err, FD_FOREIGN_DB, NULL,
                    _("%s is not a frontdesk database; it was left untouched."), path);
        fd_store_close(store);
        return err ? err->status : s;
    }
    *out = store;
    return FD_OK;
}

void fd_store_close(fd_store *store)
{
    if (!store)
        return;
    for (int i = 0; i < FD_SQL_COUNT; i++)
        sqlite3_finalize(store->stmts[i].handle);
    sqlite3_close(store->db);
    free(store->path);
    free(store);
}

/* ---- whole-database checks ---- */

int fd_store_check(fd_store *store, void (*report)(void *ctx, const char *problem), void *ctx,
                   fd_error *err)
{
    int problems = 0;
    fd_stmt *st = fd_sql(store, FD_SQL_INTEGRITY_CHECK);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *line = fd_col_text(st, FD_COL_INTEGRITY_CHECK_INTEGRITY_CHECK);
        if (line && strcmp(line, "ok") != 0) {
            char *msg = fd_printf(_("integrity_check: %s"), line);
            report(ctx, msg);
            free(msg);
            problems++;
        }
    }
    if (rc < 0)
        return -1;
    st = fd_sql(store, FD_SQL_FOREIGN_KEY_CHECK);
    while ((rc = fd_step(st, err)) == 1) {
        char *msg = fd_printf(_("foreign_key_check: %s row %lld points at a missing %s row"),
                              fd_col_text(st, FD_COL_FOREIGN_KEY_CHECK_TABLE), (long long)fd_col_int(st, FD_COL_FOREIGN_KEY_CHECK_ROWID), fd_col_text(st, FD_COL_FOREIGN_KEY_CHECK_PARENT));
        report(ctx, msg);
        free(msg);
        problems++;
    }
    return rc < 0 ? -1 : problems;
}

/* Copies in small steps from one snapshot of the source, held open by a read
 * transaction: terminals keep writing meanwhile (WAL), and the copy is not restarted by
 * every write they make, nor — on a read-only filesystem, where the WAL's index lives
 * in memory and looks new at every step — restarted for ever. Should the copy still
 * make no headway for BACKUP_STALL_MS, it gives up (SQLITE_BUSY). */
static int copy_pages(fd_store *store, sqlite3_backup *b, fd_progress_fn progress, void *ctx)
{
    int64_t tables;
    if (run_plain(store, FD_SQL_BEGIN_READ, NULL) != FD_OK ||
        read_pragma(store, FD_SQL_TABLE_COUNT, FD_COL_TABLE_COUNT_TABLES, &tables, NULL) != FD_OK)
        return SQLITE_BUSY;
    struct timespec moved;
    clock_gettime(CLOCK_MONOTONIC, &moved);
    int rc, left = -1;
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY ||
           rc == SQLITE_LOCKED) {
        int total = sqlite3_backup_pagecount(b), remaining = sqlite3_backup_remaining(b);
        if (rc == SQLITE_OK && remaining != left) {
            left = remaining;
            clock_gettime(CLOCK_MONOTONIC, &moved);
            if (progress)
                progress(ctx, total - remaining, total);
            continue;
        }
        if (ms_since(&moved) > BACKUP_STALL_MS) {
            rc = SQLITE_BUSY;
            break;
        }
        sqlite3_sleep(5);
    }
    if (rc == SQLITE_DONE && progress)
        progress(ctx, sqlite3_backup_pagecount(b), sqlite3_backup_pagecount(b));
    run_plain(store, FD_SQL_COMMIT, NULL);
    reset_all(store);
    return rc;
}

fd_status fd_store_backup(fd_store *store, const char *path, fd_progress_fn progress, void *ctx,
                          fd_error *err)
{
    if (access(path, F_OK) == 0)
        return fd_fail(err, FD_CONFLICT, NULL, _("%s exists already; choose a new file name."), path);
    if (create_file(path, 0600, err) != FD_OK)
        return err ? err->status : FD_IO;
    sqlite3 *dest = NULL;
    if (sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fd_fail(err, FD_IO, NULL, _("Cannot open %s: %s"), path, sqlite3_errmsg(dest));
        sqlite3_close(dest);
        unlink(path);
        return FD_IO;
    }
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", store->db, "main");
    int rc = b ? copy_pages(store, b, progress, ctx) : SQLITE_ERROR;
    if (b)
        sqlite3_backup_finish(b);
    fd_status s = FD_OK;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        s = fd_fail(err, FD_BUSY, NULL,
                    _("Backup to %s gave up: nothing could be copied for %d seconds."), path,
                    BACKUP_STALL_MS / 1000);
    else if (rc != SQLITE_DONE)
        s = fd_fail(err, FD_IO, NULL, _("Backup to %s failed: %s"), path,
                    sqlite3_errstr(rc));
    sqlite3_close(dest);
    if (s != FD_OK)
        unlink(path);
    return s;
}
