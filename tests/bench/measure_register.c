/* Registering a visitor — the form checked, the do-not-admit list asked, the visit,
 * its state and their audit entry written, the transaction committed — beside the
 * floor: the same visit row inserted and committed alone, into a copy of the visit
 * table as it stands (the same definition, indexes and rows, so the same depth of
 * b-tree to insert into), under the same pragmas (WAL, synchronous=FULL, foreign keys),
 * in a scratch file beside the database.
 *
 * Both sides are timed with their write-ahead logs in the steady state a desk works
 * in all day: the warm-up writes past the log's automatic checkpoint, so that the
 * timed commits overwrite a log already allocated. A log still growing makes every
 * sync also commit the file's new size to the file system's journal, which costs more
 * than the commit itself on this disk and hid the difference between the two sides.
 *
 * Every visitor registered here is refused entry afterwards (untimed), so repeated
 * runs leave no one waiting in the lists they measure. The register is timed from the
 * call to its commit: the durable write is what the desk waits for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "frontdesk/directory.h"
#include "frontdesk/visitors.h"
#include "results.h"

/* SQLite checkpoints its log at 1,000 pages; the floor writes 9 a commit, the
 * registration 14: 120 commits take both past it. */
enum { REPEAT = 100, WARM_UP = 120, FRESH_PEOPLE = 1000 };

typedef struct visitee {
    int64_t id, unit_id;
    char unit[16], name[64];
} visitee;

static void take_first(void *ctx, const fd_dir_entry *e)
{
    visitee *v = ctx;
    if (v->id)
        return;
    *v = (visitee){.id = e->id, .unit_id = e->unit_id};
    snprintf(v->unit, sizeof v->unit, "%s", e->unit ? e->unit : "");
    snprintf(v->name, sizeof v->name, "%s", e->name ? e->name : "");
}

/* The rows of the real visit table, copied before its indexes are made (a sorted
 * build, not two million inserts into eight indexes). */
static bool copy_visits(bench *b, sqlite3 *db)
{
    char *copy = sqlite3_mprintf("PRAGMA foreign_keys = OFF; ATTACH %Q AS live;"
                                 "INSERT INTO visit SELECT * FROM live.visit; DETACH live;"
                                 "PRAGMA foreign_keys = ON;",
                                 b->db_path);
    bool ok = copy && sqlite3_exec(db, copy, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_free(copy);
    return ok;
}

/* The floor's file: the visit table as the real one defines it and holds it, with its
 * indexes, and the rows its foreign keys point at. */
static sqlite3 *open_floor(bench *b, const char *path, const visitee *to)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char *p = fd_printf("%s%s", path, suffixes[i]);
        unlink(p);
        free(p);
    }
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return db;
    sqlite3_exec(db,
                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                 "CREATE TABLE staff (id INTEGER PRIMARY KEY); CREATE TABLE unit (id INTEGER PRIMARY KEY);"
                 "CREATE TABLE occupant (id INTEGER PRIMARY KEY);"
                 "CREATE TABLE department (id INTEGER PRIMARY KEY);",
                 NULL, NULL, NULL);
    sqlite3_stmt *schema = NULL;
    sqlite3_prepare_v2(b->raw,
                       "SELECT sql, type FROM sqlite_schema WHERE tbl_name = 'visit' AND type IN "
                       "('table', 'index') AND sql IS NOT NULL ORDER BY type = 'index', name",
                       -1, &schema, NULL);
    bool made = true;
    while (made && sqlite3_step(schema) == SQLITE_ROW) {
        made = sqlite3_exec(db, (const char *)sqlite3_column_text(schema, 0), NULL, NULL, NULL) ==
               SQLITE_OK;
        if (made && strcmp((const char *)sqlite3_column_text(schema, 1), "table") == 0)
            made = copy_visits(b, db);
    }
    sqlite3_finalize(schema);
    if (!made) {
        sqlite3_close(db);
        return NULL;
    }
    char *parents = fd_printf("INSERT INTO staff VALUES (%lld); INSERT INTO unit VALUES (%lld);"
                              "INSERT INTO occupant VALUES (%lld);",
                              (long long)b->cast.receptionist.staff_id, (long long)to->unit_id,
                              (long long)to->id);
    sqlite3_exec(db, parents, NULL, NULL, NULL);
    free(parents);
    return db;
}

static const char FLOOR_INSERT[] =
    "INSERT INTO visit (visitor_name, doc_type, doc_number_clear, doc_number_hmac, "
    "doc_number_masked, phone, party_size, purpose, unit_id, company_id, department_id, "
    "person_id, visitee_unit, visitee_company, visitee_department, visitee_name, "
    "visitee_position, registered_at, staff_id, approver_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, '商务洽谈', ?7, NULL, NULL, ?8, ?9, NULL, NULL, ?10, NULL, "
    "?11, ?12, NULL)";

typedef struct floor_conn {
    sqlite3 *db;
    sqlite3_stmt *begin, *insert, *commit;
} floor_conn;

static double floor_insert(bench *b, floor_conn *f, const gen_person *p, const visitee *to)
{
    char hmac[FD_HASH_HEX], masked[64];
    fd_desk_hmac_hex(b->desk, p->doc, hmac);
    fd_mask_document(p->doc_type, p->doc, masked, sizeof masked);
    sqlite3_stmt *st = f->insert;
    sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, fd_doc_type_name(p->doc_type), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, p->doc, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, hmac, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, masked, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, p->phone, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, to->unit_id);
    sqlite3_bind_int64(st, 8, to->id);
    sqlite3_bind_text(st, 9, to->unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, to->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 11, b->clock);
    sqlite3_bind_int64(st, 12, b->cast.receptionist.staff_id);
    double start = bench_now();
    bool ok = sqlite3_step(f->begin) == SQLITE_DONE && sqlite3_step(st) == SQLITE_DONE &&
              sqlite3_step(f->commit) == SQLITE_DONE;
    double t = bench_now() - start;
    sqlite3_reset(f->begin);
    sqlite3_reset(st);
    sqlite3_reset(f->commit);
    return ok ? t : -1;
}

static double core_register(bench *b, const gen_person *p, const visitee *to, int64_t *id,
                            fd_error *err)
{
    fd_visit_form form = {
        .visitor_name = p->name, .doc_type = p->doc_type, .doc_number = p->doc, .phone = p->phone,
        .party_size = 1, .purpose = "商务洽谈", .unit_id = to->unit_id, .person_id = to->id,
        .visitee_name = to->name,
    };
    double start = bench_now();
    fd_status s = fd_visit_register(b->desk, &b->cast.receptionist, NULL, &form, id, err);
    double t = bench_now() - start;
    return s == FD_OK ? t : -1;
}

/* After the timing, so that their writes (and the checkpoints they bring on) fall on
 * no measured registration. */
static fd_status refuse_all(bench *b, const int64_t *ids, int n, fd_error *err)
{
    fd_status s = FD_OK;
    for (int i = 0; s == FD_OK && i < n; i++)
        s = fd_visit_refuse(b->desk, &b->cast.receptionist, NULL, ids[i], "基准测试登记，未入内", err);
    return s;
}

static bool prepare_floor(floor_conn *f)
{
    return sqlite3_prepare_v2(f->db, "BEGIN IMMEDIATE", -1, &f->begin, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(f->db, FLOOR_INSERT, -1, &f->insert, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(f->db, "COMMIT", -1, &f->commit, NULL) == SQLITE_OK;
}

static void close_floor(floor_conn *f, const char *path)
{
    sqlite3_finalize(f->begin);
    sqlite3_finalize(f->insert);
    sqlite3_finalize(f->commit);
    sqlite3_close(f->db);
    unlink(path);
}

static void run(bench *b, const measure *m, floor_conn *f, const visitee *to)
{
    samples core = {0}, raw = {0};
    fd_error err = {0};
    int64_t ids[WARM_UP + REPEAT];
    int registered = 0;
    const char *failed = NULL;
    for (int i = 0; i < WARM_UP + REPEAT && !failed; i++) {
        gen_person p;
        /* Nobody seen before: every registration is a first visit. */
        gen_person_get(&b->people, b->people.count + FRESH_PEOPLE + (uint32_t)i, &p);
        double c = core_register(b, &p, to, &ids[registered], &err);
        registered += c >= 0;
        double r = c >= 0 ? floor_insert(b, f, &p, to) : 0;
        failed = c < 0 ? err.message : r < 0 ? sqlite3_errmsg(f->db) : NULL;
        if (i >= WARM_UP) {
            samples_add(&core, c);
            samples_add(&raw, r);
        }
    }
    fd_error refusing = {0};
    if (refuse_all(b, ids, registered, &refusing) != FD_OK && !failed)
        failed = refusing.message;
    if (failed)
        result_failed(m, failed);
    else
        result_line(m, &core, &raw);
    samples_free(&core);
    samples_free(&raw);
}

void measure_register(bench *b)
{
    measure m = {"visitors.register", UNIT_SECONDS, TARGET_RATIO, 1.5};
    if (!bench_wants(b, m.name))
        return;
    visitee to = {0};
    fd_error err = {0};
    if (fd_directory_search(b->desk, NULL, FD_DIR_OCCUPANT, "", 1, take_first, &to, &err) != FD_OK || !to.id) {
        result_failed(&m, "the directory has no occupant to visit");
        return;
    }
    char *path = fd_printf("%s.floor", b->db_path);
    floor_conn f = {.db = open_floor(b, path, &to)};
    if (f.db && prepare_floor(&f))
        run(b, &m, &f, &to);
    else
        result_failed(&m, f.db ? sqlite3_errmsg(f.db) : "cannot copy the visit table into the floor's file");
    close_floor(&f, path);
    free(path);
}
