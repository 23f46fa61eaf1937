/* The attacker of the trust tests: see forger.h. */
#include "forger.h"

#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/audit_internal.h"
#include "base/seal.h"
#include "frontdesk/audit.h"

static char *trigger_text(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE name = ?1", -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "no trigger %s", name);
    char *text = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return text;
}

void forger_behind_its_back(const desk_fixture *f, const char *const *triggers, const char *sql)
{
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(f->path, &db), SQLITE_OK);
    size_t n = 0;
    while (triggers[n])
        n++;
    char **kept = calloc(n, sizeof *kept);
    for (size_t i = 0; i < n; i++) {
        kept[i] = trigger_text(db, triggers[i]);
        char *drop = fd_printf("DROP TRIGGER %s", triggers[i]);
        ck_assert_int_eq(sqlite3_exec(db, drop, NULL, NULL, NULL), SQLITE_OK);
        free(drop);
    }
    char *message = NULL;
    ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &message) == SQLITE_OK, "%s: %s", sql, message);
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(sqlite3_exec(db, kept[i], NULL, NULL, NULL), SQLITE_OK);
        free(kept[i]);
    }
    free(kept);
    sqlite3_close(db);
}

/* An entry as the forger writes it back. */
typedef struct forged {
    audit_entry e;
    char *action;
    unsigned char hash[FD_HASH_SIZE], seal[SEAL_SIZE], bridge[SEAL_SIZE];
    bool bridged;
} forged;

typedef struct forgeries {
    forged *items;
    size_t count, capacity;
} forgeries;

static forged *add_forged(forgeries *out, const audit_entry *e)
{
    ck_assert(out->count < out->capacity);
    forged *g = &out->items[out->count++];
    *g = (forged){.e = *e, .action = strdup(e->action)};
    g->e.action = g->action;
    g->e.id = out->count > 1 ? out->items[out->count - 2].e.id + 1 : e->id;
    return g;
}

/* The entries from `from` on as the forger rewrites them: before sealing, a row and its
 * first event recorded together (format 3) were recorded by an entry each. */
static void read_entries(sqlite3 *db, int64_t from, forgery how, const seal_key *key,
                         forgeries *out, unsigned char prev[FD_HASH_SIZE], size_t *prev_size,
                         fd_date *prev_epoch)
{
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT id, at, staff_id, action, tbl, row_id, hash, epoch, "
                                            "format, event_id FROM audit WHERE id >= ?1 - 1 ORDER BY id",
                                        -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, from);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (id < from) {
            *prev_size = (size_t)sqlite3_column_bytes(st, 6);
            memcpy(prev, sqlite3_column_blob(st, 6), *prev_size);
            *prev_epoch = (fd_date)sqlite3_column_int64(st, 7);
            continue;
        }
        bool with_event = sqlite3_column_int(st, 8) >= 3;
        audit_entry e = {.id = id, .at = sqlite3_column_int64(st, 1), .staff_id = sqlite3_column_int64(st, 2),
                         .row_id = sqlite3_column_int64(st, 5), .action = (const char *)sqlite3_column_text(st, 3),
                         .format = how == AS_BEFORE_SEALING ? 1 : with_event ? 3 : 2,
                         .sealed = how == WITH_DAY_KEY, .epoch = key->epoch,
                         .event_id = how == AS_BEFORE_SEALING ? 0 : sqlite3_column_int64(st, 9)};
        ck_assert(fd_record_table_parse((const char *)sqlite3_column_text(st, 4), &e.table));
        add_forged(out, &e);
        if (with_event && how == AS_BEFORE_SEALING) {
            audit_entry of_event = e;
            of_event.table = FD_TABLE_event;
            of_event.row_id = sqlite3_column_int64(st, 9);
            add_forged(out, &of_event);
        }
    }
    sqlite3_finalize(st);
}

static void hash_entries(desk_fixture *f, forgeries *out, const seal_key *key,
                         unsigned char prev[FD_HASH_SIZE], size_t prev_size, fd_date prev_epoch)
{
    for (size_t i = 0; i < out->count; i++) {
        forged *g = &out->items[i];
        audit_row row;
        ck_assert_int_eq(audit_entry_hash(f->desk, prev, prev_size, &g->e, g->hash, &row, NULL), FD_OK);
        if (g->e.sealed)
            seal_key_sign(key, g->hash, FD_HASH_SIZE, g->seal);
        g->bridged = g->e.sealed && prev_epoch < key->epoch;
        if (g->bridged) /* the day before's key is gone: the best a forger has */
            seal_key_sign(key, g->hash, FD_HASH_SIZE, g->bridge);
        prev_epoch = key->epoch;
        memcpy(prev, g->hash, FD_HASH_SIZE);
        prev_size = FD_HASH_SIZE;
    }
}

static void bind_int_or_null(sqlite3_stmt *st, int param, bool present, int64_t v)
{
    if (present)
        sqlite3_bind_int64(st, param, v);
    else
        sqlite3_bind_null(st, param);
}

/* The entries from the first forged one on replaced by the forged ones, with the
 * append-only triggers out of the way and put back word for word. */
static void write_entries(sqlite3 *db, const forgeries *out)
{
    if (out->count == 0)
        return;
    char *no_update = trigger_text(db, "audit_no_update"), *no_delete = trigger_text(db, "audit_no_delete");
    ck_assert_int_eq(sqlite3_exec(db, "BEGIN; DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "DELETE FROM audit WHERE id >= ?1", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, out->items[0].e.id);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO audit (id, at, staff_id, action, tbl, row_id, hash, "
                                            "format, epoch, seal, bridge, event_id) "
                                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                        -1, &st, NULL), SQLITE_OK);
    for (size_t i = 0; i < out->count; i++) {
        const forged *g = &out->items[i];
        sqlite3_bind_int64(st, 1, g->e.id);
        sqlite3_bind_int64(st, 2, g->e.at);
        bind_int_or_null(st, 3, g->e.staff_id != 0, g->e.staff_id);
        sqlite3_bind_text(st, 4, g->action, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, fd_record_table_name(g->e.table), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 6, g->e.row_id);
        sqlite3_bind_blob(st, 7, g->hash, FD_HASH_SIZE, SQLITE_STATIC);
        sqlite3_bind_int(st, 8, g->e.format);
        bind_int_or_null(st, 9, g->e.sealed, g->e.epoch);
        if (g->e.sealed)
            sqlite3_bind_blob(st, 10, g->seal, SEAL_SIZE, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 10);
        if (g->bridged)
            sqlite3_bind_blob(st, 11, g->bridge, SEAL_SIZE, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 11);
        bind_int_or_null(st, 12, g->e.event_id != 0, g->e.event_id);
        ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    ck_assert_int_eq(sqlite3_exec(db, no_update, NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, no_delete, NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    free(no_update);
    free(no_delete);
}

void forger_rechain(desk_fixture *f, int64_t from, forgery how)
{
    seal_key key = {0};
    char *seal_path = fd_desk_key_file(f->path, "seal");
    if (how == WITH_DAY_KEY)
        ck_assert_int_eq(seal_key_read(seal_path, &key, NULL), FD_OK);
    free(seal_path);
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(f->path, &db), SQLITE_OK);
    forgeries out = {calloc(100000, sizeof *out.items), 0, 100000};
    unsigned char prev[FD_HASH_SIZE];
    size_t prev_size = 0;
    fd_date prev_epoch = 0;
    read_entries(db, from, how, &key, &out, prev, &prev_size, &prev_epoch);
    hash_entries(f, &out, &key, prev, prev_size, prev_epoch);
    write_entries(db, &out);
    sqlite3_close(db);
    for (size_t i = 0; i < out.count; i++)
        free(out.items[i].action);
    free(out.items);
    /* The head file would name the old head: the forger, holding the site key, writes
     * it anew — here, simply takes it away. */
    char *head = fd_desk_key_file(f->path, "head");
    unlink(head);
    free(head);
}
