/* The schema compared with the one the migrations create: see fd_store_check_schema.
 * The expected side is built afresh in memory from the compiled-in migrations, so what
 * is compared is exactly what this program would have made, object by object and word
 * for word (SQLite keeps each CREATE statement's text as it was run). */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/store.h"
#include "store/catalogue.h"
#include "store/migrations.h"
#include "store/stmt.h"

typedef struct object {
    char *type, *name, *table, *sql;
} object;

typedef struct object_list {
    object *items;
    size_t count, capacity;
} object_list;

static void add_object(object_list *l, const char *type, const char *name, const char *table,
                       const char *sql)
{
    if (l->count == l->capacity) {
        l->capacity = l->capacity ? 2 * l->capacity : 256;
        l->items = fd_realloc(l->items, l->capacity * sizeof *l->items);
    }
    l->items[l->count++] = (object){fd_strdup(type), fd_strdup(name), fd_strdup(table), fd_strdup(sql)};
}

static void free_objects(object_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].type);
        free(l->items[i].name);
        free(l->items[i].table);
        free(l->items[i].sql);
    }
    free(l->items);
}

/* What the migrations make, in the order schema_objects lists it. */
static fd_status expected_objects(object_list *out, fd_error *err)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    const char *failed = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) != SQLITE_OK)
        failed = "open";
    for (int i = 0; !failed && i < fd_migration_count; i++)
        if (sqlite3_exec(db, fd_migrations[i].sql, NULL, NULL, NULL) != SQLITE_OK)
            failed = fd_migrations[i].name;
    if (!failed && sqlite3_prepare_v2(db, fd_sql_catalogue[FD_SQL_SCHEMA_OBJECTS].text, -1, &st,
                                      NULL) != SQLITE_OK)
        failed = "schema_objects";
    while (!failed && sqlite3_step(st) == SQLITE_ROW)
        add_object(out, (const char *)sqlite3_column_text(st, FD_COL_SCHEMA_OBJECTS_TYPE),
                   (const char *)sqlite3_column_text(st, FD_COL_SCHEMA_OBJECTS_NAME),
                   (const char *)sqlite3_column_text(st, FD_COL_SCHEMA_OBJECTS_TBL_NAME),
                   (const char *)sqlite3_column_text(st, FD_COL_SCHEMA_OBJECTS_SQL));
    fd_status s = failed ? fd_fail(err, FD_DB, NULL, "the expected schema could not be built (%s): %s",
                                   failed, db ? sqlite3_errmsg(db) : "out of memory")
                         : FD_OK;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return s;
}

static int by_type_and_name(const char *type_a, const char *name_a, const object *b)
{
    int c = strcmp(type_a, b->type);
    return c ? c : strcmp(name_a, b->name);
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

typedef struct comparison {
    void (*report)(void *ctx, const fd_schema_problem *p);
    void *ctx;
    int differences;
    bool tables_intact;
} comparison;

static void differ(comparison *c, fd_schema_diff diff, const char *type, const char *name,
                   const char *table)
{
    fd_schema_problem p = {diff, type, name, table};
    c->differences++;
    /* A foreign table is only extra: the program's own still read as they should. */
    if (strcmp(type, "table") == 0 && diff != FD_SCHEMA_FOREIGN)
        c->tables_intact = false;
    c->report(c->ctx, &p);
}

/* Walks the database's objects beside the expected ones, both sorted by type and name. */
static fd_status compare(fd_store *store, const object_list *want, comparison *c, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_SCHEMA_OBJECTS);
    size_t next = 0;
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *type = fd_col_text(st, FD_COL_SCHEMA_OBJECTS_TYPE);
        const char *name = fd_col_text(st, FD_COL_SCHEMA_OBJECTS_NAME);
        const char *table = fd_col_text(st, FD_COL_SCHEMA_OBJECTS_TBL_NAME);
        while (next < want->count && by_type_and_name(type, name, &want->items[next]) > 0) {
            const object *o = &want->items[next++];
            differ(c, FD_SCHEMA_MISSING, o->type, o->name, o->table);
        }
        if (next < want->count && by_type_and_name(type, name, &want->items[next]) == 0) {
            const object *o = &want->items[next++];
            if (!same_text(table, o->table) ||
                !same_text(fd_col_text(st, FD_COL_SCHEMA_OBJECTS_SQL), o->sql))
                differ(c, FD_SCHEMA_CHANGED, type, name, table);
        } else {
            differ(c, FD_SCHEMA_FOREIGN, type, name, table);
        }
    }
    fd_stmt_reset(st);
    if (rc < 0)
        return err ? err->status : FD_DB;
    for (; next < want->count; next++)
        differ(c, FD_SCHEMA_MISSING, want->items[next].type, want->items[next].name,
               want->items[next].table);
    return FD_OK;
}

int fd_store_check_schema(fd_store *store, void (*report)(void *ctx, const fd_schema_problem *p),
                          void *ctx, bool *tables_intact, fd_error *err)
{
    object_list want = {0};
    comparison c = {report, ctx, 0, true};
    fd_status s = expected_objects(&want, err);
    if (s == FD_OK)
        s = compare(store, &want, &c, err);
    free_objects(&want);
    *tables_intact = c.tables_intact;
    return s == FD_OK ? c.differences : -1;
}
