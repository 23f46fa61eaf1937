/* The store: the one module that owns the SQLite connection and every SQL statement.
 * Core modules reach statements through src/stmt.h; everything else sees only this. */
#ifndef FRONTDESK_STORE_H
#define FRONTDESK_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include "frontdesk/status.h"

typedef struct fd_store fd_store;
typedef struct fd_stmt fd_stmt;

enum {
    FD_STORE_CREATE = 1,   /* create the file (mode 0600) and schema if missing */
    FD_STORE_READONLY = 2,
};

/* The frontdesk schema version this program writes (highest migration). */
int fd_store_schema_version(void);

/* Opens (and migrates) the database at path; refuses files that are not ours or
 * are newer than this program. */
fd_status fd_store_open(const char *path, int flags, fd_store **out, fd_error *err);
void fd_store_close(fd_store *store);
const char *fd_store_path(const fd_store *store);

/* Runs fn inside BEGIN IMMEDIATE … COMMIT. Any failure rolls the whole transaction
 * back; SQLITE_BUSY is retried here (fn may be called again, so it must not keep
 * state between calls outside its transaction). Nested calls join the outer one. */
typedef fd_status (*fd_write_fn)(fd_store *store, void *ctx, fd_error *err);
fd_status fd_store_write(fd_store *store, fd_write_fn fn, void *ctx, fd_error *err);
/* Runs fn in one read transaction, so what it reads is one consistent snapshot. */
fd_status fd_store_read(fd_store *store, fd_write_fn fn, void *ctx, fd_error *err);
/* fd_store_read for fn that steps one statement only: SQLite reads a statement from one
 * snapshot of its own, so it runs without BEGIN and COMMIT, which would cost two
 * statements more than a short page's read. */
fd_status fd_store_read_one(fd_store *store, fd_write_fn fn, void *ctx, fd_error *err);
bool fd_store_in_write(const fd_store *store);
/* A number that changes whenever what the database holds may have changed: after each
 * write this connection commits and each commit by another connection (SQLite's
 * data_version). Cheap enough for an idle console to ask every second; outside a
 * transaction. */
fd_status fd_store_generation(fd_store *store, uint64_t *out, fd_error *err);
/* Inside a write: done(ctx, committed) is called once the outermost transaction has
 * committed (true) or rolled back (false) — for what must follow the commit and only
 * it, outside the database (one at a time: a later call replaces it). */
void fd_store_after_write(fd_store *store, void (*done)(void *ctx, bool committed), void *ctx);

/* Database-wide checks: integrity_check and foreign_key_check. Each problem is passed
 * to report(); returns the number of problems, or -1 on failure. */
int fd_store_check(fd_store *store, void (*report)(void *ctx, const char *problem),
                   void *ctx, fd_error *err);
/* How an object of the schema differs from what this program's migrations create. */
typedef enum fd_schema_diff {
    FD_SCHEMA_MISSING, /* the migrations make it; the database has none */
    FD_SCHEMA_CHANGED, /* both have it, defined differently */
    FD_SCHEMA_FOREIGN, /* the database has it; the migrations make none */
} fd_schema_diff;

typedef struct fd_schema_problem {
    fd_schema_diff diff;
    const char *type;  /* "table", "index", "trigger" or "view" */
    const char *name;
    const char *table; /* the table it is on (a table's is its own name) */
} fd_schema_problem;

/* Compares every table, index, trigger and view with what the migrations create, each
 * difference passed to report(). Returns the number of differences, or -1 on failure.
 * *tables_intact is false when one of the program's tables is missing or changed: its
 * statements may then not even prepare, and nothing more should be read. */
int fd_store_check_schema(fd_store *store, void (*report)(void *ctx, const fd_schema_problem *p),
                          void *ctx, bool *tables_intact, fd_error *err);

/* Told how much of some long work is done: done of total (pages, rows, steps). */
typedef void (*fd_progress_fn)(void *ctx, int64_t done, int64_t total);
/* Online backup to path, a new file (safe while other terminals write); progress, if
 * not NULL, is told the pages copied. A database that stays locked ends it (FD_BUSY). */
fd_status fd_store_backup(fd_store *store, const char *path, fd_progress_fn progress, void *ctx,
                          fd_error *err);

/* Called while a write waits for another terminal to finish with the database: the
 * milliseconds waited so far, every few milliseconds, then -1 when the wait is over.
 * Returning false stops waiting: the write then fails with FD_BUSY and saves nothing. */
typedef bool (*fd_busy_fn)(void *ctx, int waited_ms);
void fd_store_on_busy(fd_store *store, fd_busy_fn fn, void *ctx);

#endif
