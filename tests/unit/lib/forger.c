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

typedef struct forged {
    int64_t id;
    unsigned char hash[FD_HASH_SIZE], seal[SEAL_SIZE], bridge[SEAL_SIZE];
    bool sealed, bridged;
    fd_date epoch;
    int format;
} forged;

void forger_rechain(desk_fixture *f, int64_t from, forgery how)
{
    seal_key key = {0};
    char *seal_path = fd_desk_key_file(f->path, "seal");
    if (how == WITH_DAY_KEY)
        ck_assert_int_eq(seal_key_read(seal_path, &key, NULL), FD_OK);
    free(seal_path);
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT id, at, staff_id, action, tbl, row_id, hash, epoch "
                                            "FROM audit WHERE id >= ?1 - 1 ORDER BY id",
                                        -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, from);
    forged *out = calloc(100000, sizeof *out);
    size_t n = 0;
    unsigned char prev[FD_HASH_SIZE];
    size_t prev_size = 0;
    fd_date prev_epoch = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (id < from) {
            prev_size = (size_t)sqlite3_column_bytes(st, 6);
            memcpy(prev, sqlite3_column_blob(st, 6), prev_size);
            prev_epoch = (fd_date)sqlite3_column_int64(st, 7);
            continue;
        }
        audit_entry e = {.id = id, .at = sqlite3_column_int64(st, 1), .staff_id = sqlite3_column_int64(st, 2),
                         .row_id = sqlite3_column_int64(st, 5), .action = (const char *)sqlite3_column_text(st, 3),
                         .format = how == AS_BEFORE_SEALING ? 1 : 2, .sealed = how == WITH_DAY_KEY,
                         .epoch = key.epoch};
        ck_assert(fd_record_table_parse((const char *)sqlite3_column_text(st, 4), &e.table));
        forged *g = &out[n++];
        *g = (forged){.id = id, .sealed = e.sealed, .epoch = e.epoch, .format = e.format};
        audit_row row;
        ck_assert_int_eq(audit_entry_hash(f->desk, prev, prev_size, &e, g->hash, &row, NULL), FD_OK);
        if (g->sealed)
            seal_key_sign(&key, g->hash, FD_HASH_SIZE, g->seal);
        g->bridged = g->sealed && prev_epoch < key.epoch;
        if (g->bridged) /* the day before's key is gone: the best a forger has */
            seal_key_sign(&key, g->hash, FD_HASH_SIZE, g->bridge);
        prev_epoch = key.epoch;
        memcpy(prev, g->hash, sizeof prev);
        prev_size = sizeof prev;
    }
    sqlite3_finalize(st);

    char *trigger = trigger_text(db, "audit_no_update");
    ck_assert_int_eq(sqlite3_exec(db, "BEGIN; DROP TRIGGER audit_no_update", NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "UPDATE audit SET hash = ?2, format = ?3, epoch = ?4, "
                                            "seal = ?5, bridge = ?6 WHERE id = ?1",
                                        -1, &st, NULL), SQLITE_OK);
    for (size_t i = 0; i < n; i++) {
        forged *g = &out[i];
        sqlite3_bind_int64(st, 1, g->id);
        sqlite3_bind_blob(st, 2, g->hash, FD_HASH_SIZE, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, g->format);
        if (g->sealed) {
            sqlite3_bind_int64(st, 4, g->epoch);
            sqlite3_bind_blob(st, 5, g->seal, SEAL_SIZE, SQLITE_STATIC);
        } else {
            sqlite3_bind_null(st, 4);
            sqlite3_bind_null(st, 5);
        }
        if (g->bridged)
            sqlite3_bind_blob(st, 6, g->bridge, SEAL_SIZE, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 6);
        ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    ck_assert_int_eq(sqlite3_exec(db, trigger, NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    free(trigger);
    free(out);
    /* The head file would name the old head: the forger, holding the site key, writes
     * it anew — here, simply takes it away. */
    char *head = fd_desk_key_file(f->path, "head");
    unlink(head);
    free(head);
}
