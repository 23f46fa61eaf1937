/* Statements of the store, for core modules only. Every statement is written once, as
 * plain SQL under "-- name: x", in src/store/sql/ *.sql; callers pick it by id
 * (FD_SQL_X), bind named parameters, step, and read columns by their generated index
 * (FD_COL_X_COLUMN). No SQL text lives anywhere else. */
#ifndef FRONTDESK_STMT_H
#define FRONTDESK_STMT_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include "frontdesk/status.h"
#include "frontdesk/store.h"
#include "store/sql_columns.h"
#include "store/sql_ids.h"

typedef struct fd_stmt fd_stmt;

/* The cached prepared statement id, reset and with its bindings cleared. */
fd_stmt *fd_sql(fd_store *store, fd_sql_id id);
/* Prepares id (once) without taking it: FD_DB, naming the statement, when it does not
 * prepare against this database. fd_sql aborts then, as the catalogue is compiled in. */
fd_status fd_sql_prepare(fd_store *store, fd_sql_id id, fd_error *err);
const char *fd_sql_name(fd_sql_id id); /* as after "-- name:" */
fd_sql_id fd_sql_find(const char *name); /* FD_SQL_COUNT when there is none */
/* Binding a parameter the statement does not have is a programming error: it aborts. */
void fd_bind_int(fd_stmt *st, const char *param, int64_t value);
void fd_bind_text(fd_stmt *st, const char *param, const char *value); /* NULL binds NULL */
void fd_bind_blob(fd_stmt *st, const char *param, const void *data, size_t size);
void fd_bind_null(fd_stmt *st, const char *param);
/* 1: a row is ready; 0: done; -1: failed (err names the statement). */
int fd_step(fd_stmt *st, fd_error *err);
/* Steps to the end, expecting no rows (an INSERT, say). */
fd_status fd_exec(fd_stmt *st, fd_error *err);
/* Steps once; FD_NOT_FOUND when there is no row. */
fd_status fd_step_row(fd_stmt *st, fd_error *err);
int fd_col_count(fd_stmt *st);
int64_t fd_col_int(fd_stmt *st, int col);
const char *fd_col_text(fd_stmt *st, int col); /* NULL for NULL; valid until the next step */
const void *fd_col_blob(fd_stmt *st, int col, size_t *size);
bool fd_col_null(fd_stmt *st, int col);
const char *fd_col_name(fd_stmt *st, int col);
/* Column kind: 'i' integer, 'r' real, 't' text, 'b' blob, 'n' null. */
char fd_col_kind(fd_stmt *st, int col);
void fd_stmt_reset(fd_stmt *st);
int64_t fd_store_last_id(fd_store *store);
int fd_store_changes(fd_store *store);

#endif
