/* Verifying the audit chain and the database: see fd_verify_with in
 * include/frontdesk/audit.h. */
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>

#include "base/anchor.h"
#include "base/audit_internal.h"
#include "base/seal.h"
#include "frontdesk/i18n.h"
#include "frontdesk/site.h"
#include "frontdesk/text.h"

/* A clock corrected by a few minutes is not a clock set back. */
enum { CLOCK_SLACK = 5 * 60 };
/* Entries between two signs of life. */
enum { PROGRESS_EVERY = 4096 };

typedef struct blob {
    const unsigned char *data;
    size_t size;
} blob;

/* Ids the chain records of one table, as runs of consecutive ids: rows are recorded in
 * the order they are added, so a table of millions of rows is a handful of runs. A row
 * recorded anew (by the purge) is one more run, put in place when the walk ends. */
typedef struct id_run {
    int64_t lo, hi;
} id_run;

typedef struct id_runs {
    id_run *items;
    size_t count, capacity;
} id_runs;

/* A head anchored outside the database, and where it was read. */
typedef struct known_head {
    int64_t entries;
    unsigned char hash[FD_HASH_SIZE];
    char why[ANCHOR_WHY];
    const char *source; /* the file it was read from */
} known_head;

typedef struct known_heads {
    known_head *items;
    size_t count, capacity;
    size_t next;        /* the first one the walk has not reached */
} known_heads;

typedef struct verify_ctx {
    fd_desk *desk;
    const fd_verify_request *req;
    fd_verify_result *result;
    int64_t latest_id; /* the entry with the latest time so far, to see the clock run back */
    fd_time latest_at;
    /* Seals: with the code every day's key, else the key file's from its day on. */
    bool have_code;
    bool wrong_code;    /* it does not seal the first sealed entry: nothing more to check */
    seal_code code;
    bool have_day_key;
    seal_key key;       /* the key of last_epoch (or of a later day, without the code) */
    bool seen_seal;     /* an entry before this one was sealed */
    fd_date last_epoch; /* the day of the last sealed entry */
    /* A head printed on paper, to find among the entries (a hash that is not one is
     * simply not found). */
    unsigned char printed[FD_HASH_SIZE];
    bool have_printed;
    known_heads anchored; /* sorted by entries */
    id_runs recorded[FD_TABLE_COUNT]; /* the rows the chain records, table by table */
} verify_ctx;

static void problem(verify_ctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(verify_ctx *v, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    v->result->problems++;
    if (!v->req->report)
        return;
    /* Names in it come from the file, which whoever tampered with it wrote. */
    char *shown = text_unshown_escaped(text);
    v->req->report(v->req->ctx, shown);
    free(shown);
}

static void day_text(fd_date day, char out[FD_DATE_TEXT])
{
    fd_date_format(day, out);
}

/* ---- the rows the chain records ---- */

static void runs_add(id_runs *r, int64_t id)
{
    id_run *last = r->count ? &r->items[r->count - 1] : NULL;
    if (last && id >= last->lo && id <= last->hi)
        return;
    if (last && last->hi < INT64_MAX && id == last->hi + 1) {
        last->hi = id;
        return;
    }
    if (r->count == r->capacity) {
        r->capacity = r->capacity ? r->capacity * 2 : 16;
        r->items = fd_realloc(r->items, r->capacity * sizeof *r->items);
    }
    r->items[r->count++] = (id_run){id, id};
}

static int by_start(const void *a, const void *b)
{
    const id_run *x = a, *y = b;
    return (x->lo > y->lo) - (x->lo < y->lo);
}

/* Sorted, and runs that overlap or touch made one. */
static void runs_settle(id_runs *r)
{
    if (r->count < 2)
        return;
    qsort(r->items, r->count, sizeof *r->items, by_start);
    size_t kept = 0;
    for (size_t i = 1; i < r->count; i++) {
        id_run *k = &r->items[kept];
        if (r->items[i].lo <= k->hi || (k->hi < INT64_MAX && r->items[i].lo == k->hi + 1)) {
            if (r->items[i].hi > k->hi)
                k->hi = r->items[i].hi;
        } else
            r->items[++kept] = r->items[i];
    }
    r->count = kept + 1;
}

/* ---- each entry ---- */

/* An entry written before commitments existed, of a row the purge cleared since: the
 * HMAC it held is gone, so the entry cannot be recomputed; the purge checked the row
 * against it before clearing it and recorded the row anew in a later entry, which
 * verifies what is left. (Only a format 1 entry: a row written since commits to its
 * data, and one made to look older does not match its entry's format.) */
static bool forgotten_since(verify_ctx *v, const audit_entry *e, const audit_row *row, fd_error *err)
{
    if (e->format != 1 || !row->forgotten)
        return false;
    fd_stmt *st = fd_sql(v->desk->store, FD_SQL_AUDIT_FORGOTTEN);
    fd_bind_text(st, ":tbl", fd_record_table_name(e->table));
    fd_bind_int(st, ":row_id", e->row_id);
    fd_bind_int(st, ":id", e->id);
    bool found = fd_step_row(st, err) == FD_OK;
    fd_stmt_reset(st);
    return found;
}

static void check_entry(verify_ctx *v, const audit_entry *e, const blob *prev, const blob *stored,
                        fd_error *err)
{
    unsigned char hash[FD_HASH_SIZE];
    audit_row row = {.personal_ok = true};
    char when[FD_TIME_TEXT];
    fd_time_format(e->at, when);
    const char *table = fd_record_table_name(e->table);
    fd_status s = audit_entry_hash(v->desk, prev->data, prev->size, e, hash, &row, err);
    if (s == FD_NOT_FOUND)
        problem(v, _("%s row %lld is missing: it was recorded by audit entry %lld (%s, %s) and "
                     "has been deleted."),
                fd_record_table_name(row.missing), (long long)row.missing_id, (long long)e->id,
                e->action, when);
    else if (s == FD_OK && (stored->size != FD_HASH_SIZE || memcmp(hash, stored->data, FD_HASH_SIZE) != 0) &&
             !forgotten_since(v, e, &row, err)) {
        if (e->format >= 3)
            problem(v, _("%s row %lld and its event %lld do not match audit entry %lld (%s, %s): "
                         "one of the rows or the entry was changed after it was recorded."),
                    table, (long long)e->row_id, (long long)e->event_id, (long long)e->id,
                    e->action, when);
        else
            problem(v, _("%s row %lld does not match audit entry %lld (%s, %s): the row or the "
                         "entry was changed after it was recorded."),
                    table, (long long)e->row_id, (long long)e->id, e->action, when);
    }
    if (s == FD_OK && !row.personal_ok)
        problem(v, _("%s row %lld: personal data no longer matches its recorded fingerprint."),
                table, (long long)e->row_id);
}

/* Entries are written in order, so their times only go forward: one written earlier
 * than an entry before it was written under a clock set back, to backdate it. Each
 * jump back is reported once, at the entry that shows it. */
static void check_time(verify_ctx *v, const audit_entry *e)
{
    bool back = v->latest_id > 0 && e->at < v->latest_at - CLOCK_SLACK;
    if (back) {
        char when[FD_TIME_TEXT], before[FD_TIME_TEXT];
        fd_time_format(e->at, when);
        fd_time_format(v->latest_at, before);
        problem(v, _("Audit entry %lld (%s) was written at %s, %lld minutes before entry %lld "
                     "(%s): the clock was set back."),
                (long long)e->id, e->action, when, (long long)(v->latest_at - e->at) / 60,
                (long long)v->latest_id, before);
    }
    if (back || v->latest_id == 0 || e->at > v->latest_at) {
        v->latest_id = e->id;
        v->latest_at = e->at;
    }
}

/* ---- seals ---- */

/* With the code: the first sealed entry is of the day the sealing began; each new day's
 * first entry carries the bridge of the day before; every seal is checked. */
static void check_with_code(verify_ctx *v, const audit_entry *e, bool new_day, const blob *hash,
                            const blob *seal, const blob *bridge)
{
    char day[FD_DATE_TEXT];
    if (!v->seen_seal) {
        if (e->epoch != v->code.first_epoch) {
            char began[FD_DATE_TEXT];
            day_text(e->epoch, day);
            day_text(v->code.first_epoch, began);
            problem(v, _("Audit entry %lld, the first sealed, is sealed as of %s, but the sealing "
                         "began on %s: the chain was sealed again from there."),
                    (long long)e->id, day, began);
            return;
        }
        seal_code_first_key(&v->code, &v->key);
        if (!seal_key_verifies(&v->key, hash->data, hash->size, seal->data, seal->size)) {
            problem(v, _("The sealing code does not seal this database's audit chain, not even "
                         "its first sealed entry (%lld): it is mistyped, another database's, or "
                         "the whole chain was sealed again."),
                    (long long)e->id);
            v->wrong_code = true;
            return;
        }
    } else if (new_day) {
        if (!seal_key_verifies(&v->key, hash->data, hash->size, bridge->data, bridge->size)) {
            day_text(v->last_epoch, day);
            problem(v, _("Audit entry %lld does not carry the seal of %s, the day before it: "
                         "the chain was sealed again from this entry on."),
                    (long long)e->id, day);
        }
        seal_key_advance(&v->key, e->epoch);
    }
    if (!seal_key_verifies(&v->key, hash->data, hash->size, seal->data, seal->size))
        problem(v, _("Audit entry %lld's seal does not match the sealing code: the entry was "
                     "changed, or sealed again with a later key."),
                (long long)e->id);
    v->result->seals_checked++;
}

/* Without the code: only the days from the key file's on can be checked. */
static void check_with_day_key(verify_ctx *v, const audit_entry *e, bool new_day,
                               const blob *hash, const blob *seal, const blob *bridge)
{
    if (!v->have_day_key || e->epoch < v->key.epoch) {
        v->result->seals_unchecked++;
        return;
    }
    if (new_day && v->last_epoch >= v->key.epoch) {
        seal_key_advance(&v->key, v->last_epoch);
        if (!seal_key_verifies(&v->key, hash->data, hash->size, bridge->data, bridge->size))
            problem(v, _("Audit entry %lld's bridge does not match the sealing key: it was "
                         "forged."),
                    (long long)e->id);
    }
    seal_key_advance(&v->key, e->epoch);
    if (!seal_key_verifies(&v->key, hash->data, hash->size, seal->data, seal->size))
        problem(v, _("Audit entry %lld's seal does not match the sealing key: it was forged."),
                (long long)e->id);
    v->result->seals_checked++;
}

/* A chain with no seal beside a sealing key on file: the seals were stripped and the
 * chain computed again (which the key file alone cannot be made to match), or a
 * sealing began and never completed, which beginning it again settles. */
static void check_key_without_seals(verify_ctx *v)
{
    if (v->desk->seal && !v->result->sealed && v->result->entries > 0)
        problem(v, _("The audit chain has no seal, but its sealing key is on file: the seals "
                     "were removed and the chain written again, or a sealing did not complete. "
                     "Check it with verify --seal - and the code in the office safe; if the "
                     "sealing never completed, begin it again with frontdesk seal --as NUMBER."));
}

static bool must_be_sealed(const verify_ctx *v, const audit_entry *e)
{
    return v->seen_seal || (v->have_code && e->id > v->code.entries_before);
}

static void check_seal(verify_ctx *v, const audit_entry *e, const blob *hash, const blob *seal,
                       const blob *bridge)
{
    if (!e->sealed) {
        if (must_be_sealed(v, e))
            problem(v, _("Audit entry %lld has no seal, though it was written after the sealing "
                         "began: it was written without the sealing key."),
                    (long long)e->id);
        return;
    }
    if (v->have_code && e->id <= v->code.entries_before) {
        problem(v, _("Audit entry %lld is sealed, though it was written before the sealing "
                     "began: the seal is forged."),
                (long long)e->id);
        return;
    }
    if (v->seen_seal && e->epoch < v->last_epoch) {
        char day[FD_DATE_TEXT];
        day_text(e->epoch, day);
        problem(v, _("Audit entry %lld is sealed as of %s, a day before the entry before it: "
                     "it was sealed out of order."),
                (long long)e->id, day);
        return;
    }
    bool new_day = v->seen_seal && e->epoch > v->last_epoch;
    if (new_day && bridge->size == 0)
        problem(v, _("Audit entry %lld is the first of a new day but carries no bridge from the "
                     "day before: the chain was sealed again from this entry on."),
                (long long)e->id);
    else if (v->wrong_code)
        v->result->seals_unchecked++;
    else if (v->have_code)
        check_with_code(v, e, new_day, hash, seal, bridge);
    else
        check_with_day_key(v, e, new_day, hash, seal, bridge);
    v->seen_seal = true;
    v->last_epoch = e->epoch;
    v->result->sealed = true;
}

/* ---- anchors ---- */

static void add_known(known_heads *k, const anchor *a, const char *source)
{
    for (size_t i = 0; i < k->count; i++)
        if (k->items[i].entries == a->entries && memcmp(k->items[i].hash, a->hash, FD_HASH_SIZE) == 0)
            return; /* the same head, anchored twice */
    if (k->count == k->capacity) {
        k->capacity = k->capacity ? 2 * k->capacity : 16;
        k->items = fd_realloc(k->items, k->capacity * sizeof *k->items);
    }
    known_head *h = &k->items[k->count++];
    *h = (known_head){.entries = a->entries, .source = source};
    memcpy(h->hash, a->hash, FD_HASH_SIZE);
    snprintf(h->why, sizeof h->why, "%s", a->why);
}

/* The anchors of this database in one file, f (closed here): the head file (which only
 * this database writes), or a system log (which names the database and its file in each
 * line: a backup verified where it lies is not held to the heads of the live database). */
static void read_anchors(verify_ctx *v, FILE *f, const char *file, const char *db, const char *path)
{
    if (!f)
        return;
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        anchor a;
        if (!anchor_parse(line, v->desk->secret, sizeof v->desk->secret, &a))
            continue;
        if (strcmp(a.db, db) == 0 && (!path || strcmp(a.path, path) == 0))
            add_known(&v->anchored, &a, file);
        anchor_free(&a);
    }
    fclose(f);
}

static int by_entries(const void *a, const void *b)
{
    const known_head *x = a, *y = b;
    return (x->entries > y->entries) - (x->entries < y->entries);
}

static void gather_anchors(verify_ctx *v, const char *head_file)
{
    char db[ANCHOR_DB_HEX], resolved[PATH_MAX];
    anchor_db_id(v->desk->secret, sizeof v->desk->secret, db);
    const char *store_path = fd_store_path(v->desk->store);
    const char *path = realpath(store_path, resolved) ? resolved : store_path;
    read_anchors(v, fopen(head_file, "r"), head_file, db, NULL);
    /* A log is a file the person names: read with their rights, not the site's group. */
    for (const char *const *log = v->req->logs; log && *log; log++)
        read_anchors(v, fd_user_fopen(*log, "r"), *log, db, path);
    if (v->anchored.count > 1)
        qsort(v->anchored.items, v->anchored.count, sizeof *v->anchored.items, by_entries);
    v->result->anchors = (int64_t)v->anchored.count;
}

/* When a head was anchored, as a reader says it. */
static const char *occasion(const char *why)
{
    static const struct {
        const char *why, *label;
    } occasions[] = {{"handover", N_("a handover")}, {"print", N_("a print")},
                     {"purge", N_("a purge")}, {"close", N_("a terminal's closing")}};
    for (size_t i = 0; i < sizeof occasions / sizeof occasions[0]; i++)
        if (strcmp(why, occasions[i].why) == 0)
            return _(occasions[i].label);
    return why;
}

/* The walk is at entry e: every anchor of it must hold its hash. */
static void check_anchors_at(verify_ctx *v, const audit_entry *e, const blob *stored)
{
    known_heads *k = &v->anchored;
    for (; k->next < k->count && k->items[k->next].entries <= e->id; k->next++) {
        const known_head *h = &k->items[k->next];
        if (h->entries == e->id &&
            (stored->size != FD_HASH_SIZE || memcmp(stored->data, h->hash, FD_HASH_SIZE) != 0))
            problem(v, _("Audit entry %lld is not the head anchored in %s at %s: the chain was "
                         "rewritten up to there, or another database put in its place."),
                    (long long)e->id, h->source, occasion(h->why));
    }
}

/* After the walk: anchors beyond the chain's end. */
static void check_anchors_beyond(verify_ctx *v)
{
    known_heads *k = &v->anchored;
    if (k->next < k->count) {
        const known_head *h = &k->items[k->count - 1];
        problem(v, _("The database is behind the head anchored in %s at %s: its audit chain ends "
                     "at entry %lld, the anchor is entry %lld. Entries were deleted, or an older "
                     "copy was put in place of the file."),
                h->source, occasion(h->why), (long long)v->result->entries, (long long)h->entries);
    }
}

/* ---- the walk ---- */

static blob column_blob(fd_stmt *st, int col)
{
    blob b;
    b.data = fd_col_blob(st, col, &b.size);
    return b;
}

static audit_entry read_entry(fd_stmt *walk)
{
    return (audit_entry){
        .id = fd_col_int(walk, FD_COL_AUDIT_WALK_ID),
        .at = fd_col_int(walk, FD_COL_AUDIT_WALK_AT),
        .staff_id = fd_col_int(walk, FD_COL_AUDIT_WALK_STAFF_ID),
        .row_id = fd_col_int(walk, FD_COL_AUDIT_WALK_ROW_ID),
        .action = fd_col_text(walk, FD_COL_AUDIT_WALK_ACTION),
        .table = FD_TABLE_COUNT,
        .format = (int)fd_col_int(walk, FD_COL_AUDIT_WALK_FORMAT),
        .sealed = !fd_col_null(walk, FD_COL_AUDIT_WALK_SEAL),
        .epoch = (fd_date)fd_col_int(walk, FD_COL_AUDIT_WALK_EPOCH),
        .event_id = fd_col_int(walk, FD_COL_AUDIT_WALK_EVENT_ID),
    };
}

static void show_progress(verify_ctx *v, int64_t done)
{
    fd_progress_show(&v->req->progress, done, v->result->head.entries);
}

static fd_status walk_chain(verify_ctx *v, fd_error *err)
{
    fd_stmt *walk = fd_sql(v->desk->store, FD_SQL_AUDIT_WALK);
    unsigned char prev_hash[FD_HASH_SIZE];
    blob prev = {prev_hash, 0};
    int64_t expected_id = 1;
    int rc;
    while ((rc = fd_step(walk, err)) == 1) {
        audit_entry e = read_entry(walk);
        blob stored = column_blob(walk, FD_COL_AUDIT_WALK_HASH);
        if (e.id != expected_id)
            problem(v, _("Audit entries %lld to %lld are missing."), (long long)expected_id,
                    (long long)e.id - 1);
        expected_id = e.id + 1;
        check_time(v, &e);
        if (!fd_record_table_parse(fd_col_text(walk, FD_COL_AUDIT_WALK_TBL), &e.table))
            problem(v, _("Audit entry %lld names an unknown table."), (long long)e.id);
        else {
            check_entry(v, &e, &prev, &stored, err);
            runs_add(&v->recorded[e.table], e.row_id);
            if (e.format >= 3)
                runs_add(&v->recorded[FD_TABLE_event], e.event_id);
        }
        blob seal = column_blob(walk, FD_COL_AUDIT_WALK_SEAL), bridge = column_blob(walk, FD_COL_AUDIT_WALK_BRIDGE);
        check_seal(v, &e, &stored, &seal, &bridge);
        if (v->have_printed && stored.size == FD_HASH_SIZE && memcmp(stored.data, v->printed, FD_HASH_SIZE) == 0)
            v->result->head_found = true;
        check_anchors_at(v, &e, &stored);
        /* Go on from the stored hash, so one changed row is reported once, not as every
         * entry after it. */
        prev.size = stored.size == FD_HASH_SIZE ? stored.size : 0;
        if (prev.size)
            memcpy(prev_hash, stored.data, prev.size);
        if (++v->result->entries % PROGRESS_EVERY == 0)
            show_progress(v, v->result->entries);
    }
    if (rc < 0)
        return err->status;
    check_anchors_beyond(v);
    check_key_without_seals(v);
    if (v->have_code && v->result->entries <= v->code.entries_before)
        problem(v, _("The audit chain ends at entry %lld, before the sealing began after entry "
                     "%lld: entries were removed."),
                (long long)v->result->entries, (long long)v->code.entries_before);
    show_progress(v, v->result->entries);
    return FD_OK;
}

/* ---- the rest of the database ---- */

/* Every row of every record table must be one the chain records; one that is not was
 * added behind the program's back. The table's ids and the runs are both in order, so
 * one pass over each compares them. */
static fd_status find_unrecorded(verify_ctx *v, fd_record_table t, fd_error *err)
{
    const id_runs *r = &v->recorded[t];
    size_t at = 0;
    fd_stmt *st = fd_sql(v->desk->store, audit_ids_sql(t));
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        int64_t id = fd_col_int(st, FD_COL_RECORD_IDS_ID);
        while (at < r->count && r->items[at].hi < id)
            at++;
        if (at == r->count || id < r->items[at].lo)
            problem(v, _("%s row %lld has no audit entry: it was added behind the program's back."),
                    fd_record_table_name(t), (long long)id);
    }
    return rc < 0 ? err->status : FD_OK;
}

static fd_status find_unaudited(verify_ctx *v, fd_error *err)
{
    fd_status s = FD_OK;
    for (int t = 0; s == FD_OK && t < FD_TABLE_COUNT; t++) {
        runs_settle(&v->recorded[t]);
        s = find_unrecorded(v, (fd_record_table)t, err);
    }
    return s;
}

static fd_status find_state_drift(verify_ctx *v, fd_error *err)
{
    fd_stmt *st = fd_sql(v->desk->store, FD_SQL_STATE_DRIFT);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *want = fd_col_text(st, FD_COL_STATE_DRIFT_TO_STATE), *have = fd_col_text(st, FD_COL_STATE_DRIFT_STATE);
        problem(v, _("%s %lld: recorded state is %s but its events say %s."), fd_col_text(st, FD_COL_STATE_DRIFT_KIND),
                (long long)fd_col_int(st, FD_COL_STATE_DRIFT_ENTITY_ID), have ? have : "-", want ? want : "-");
    }
    return rc < 0 ? err->status : FD_OK;
}

static void forward_check(void *ctx, const char *text)
{
    verify_ctx *v = ctx;
    problem(v, "%s", text);
}

/* The procedures' own derived tables (kept for fast lists), each compared with the
 * records it derives from by a statement named derived_…, which returns (table, id,
 * 'expected' | 'stored') for every row that differs. A procedure adds its check to the
 * catalogue; nothing here names a procedure. */
static void report_drift(verify_ctx *v, fd_stmt *st)
{
    const char *table = fd_col_text(st, FD_COL_DERIVED_TBL);
    long long id = (long long)fd_col_int(st, FD_COL_DERIVED_ROW_ID);
    if (strcmp(fd_col_text(st, FD_COL_DERIVED_SIDE), "expected") == 0)
        problem(v, _("%s: record %lld is missing or differs from its records"), table, id);
    else
        problem(v, _("%s: the row of record %lld does not match its records"), table, id);
}

static fd_status check_derived_tables(verify_ctx *v, fd_error *err)
{
    for (int id = 0; id < FD_SQL_COUNT; id++) {
        if (strncmp(fd_sql_name((fd_sql_id)id), "derived_", 8) != 0)
            continue;
        fd_stmt *st = fd_sql(v->desk->store, (fd_sql_id)id);
        int rc;
        while ((rc = fd_step(st, err)) == 1)
            report_drift(v, st);
        fd_stmt_reset(st);
        if (rc < 0)
            return err->status;
    }
    return FD_OK;
}

/* ---- the schema ---- */

/* The kind of a schema object, as a reader says it. */
static const char *object_kind(const char *type)
{
    static const struct {
        const char *type, *label;
    } kinds[] = {{"table", N_("table")}, {"index", N_("index")}, {"trigger", N_("trigger")},
                 {"view", N_("view")}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(type, kinds[i].type) == 0)
            return _(kinds[i].label);
    return type;
}

static void report_schema(void *ctx, const fd_schema_problem *p)
{
    verify_ctx *v = ctx;
    const char *kind = object_kind(p->type);
    switch (p->diff) {
    case FD_SCHEMA_MISSING:
        problem(v, _("The %s %s is missing from the database: it was dropped."), kind, p->name);
        break;
    case FD_SCHEMA_CHANGED:
        problem(v, _("The %s %s is not as the program made it: it was redefined."), kind, p->name);
        break;
    case FD_SCHEMA_FOREIGN:
        problem(v, _("The %s %s (on %s) was not made by the program: it was added behind its "
                     "back."),
                kind, p->name, p->table);
        break;
    }
}

/* A trigger dropped or planted changes what every later write does; a table dropped
 * or redefined leaves the records unreadable as the program reads them, so nothing
 * after the schema is read then (statements on it would not even prepare). */
static fd_status check_schema(verify_ctx *v, bool *tables_intact, fd_error *err)
{
    return fd_store_check_schema(v->desk->store, report_schema, v, tables_intact, err) < 0
               ? err->status
               : FD_OK;
}

/* ---- all of it ---- */

static fd_status verify_all(fd_store *store, void *ctx, fd_error *err)
{
    verify_ctx *v = ctx;
    bool tables_intact;
    fd_status s = check_schema(v, &tables_intact, err);
    if (s != FD_OK || !tables_intact)
        return s;
    if ((s = audit_read_head(store, &v->result->head, err)) != FD_OK ||
        (s = walk_chain(v, err)) != FD_OK || (s = find_unaudited(v, err)) != FD_OK ||
        (s = find_state_drift(v, err)) != FD_OK || (s = check_derived_tables(v, err)) != FD_OK)
        return s;
    return fd_store_check(store, forward_check, v, err) < 0 ? err->status : FD_OK;
}

static void read_printed_head(verify_ctx *v, const char *hex)
{
    size_t size = 0;
    v->have_printed = hex && sodium_hex2bin(v->printed, sizeof v->printed, hex, strlen(hex), NULL,
                                            &size, NULL) == 0 &&
                      size == FD_HASH_SIZE;
}

static void load_keys(verify_ctx *v)
{
    if (!v->have_code && v->desk->seal) {
        v->key = v->desk->seal->key;
        v->have_day_key = true;
    }
}

fd_status fd_verify_with(fd_desk *d, const fd_verify_request *req, fd_verify_result *out,
                         fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    memset(out, 0, sizeof *out);
    verify_ctx *v = fd_alloc(sizeof *v);
    *v = (verify_ctx){.desk = d, .req = req, .result = out};
    fd_status s = FD_OK;
    if (req->seal_code && !(v->have_code = seal_code_parse(req->seal_code, &v->code)))
        s = fd_fail(err, FD_INVALID, "seal", _("This is not a sealing code: it may be mistyped."));
    load_keys(v);
    read_printed_head(v, req->against);
    char *head_file = fd_desk_key_file(fd_store_path(d->store), "head");
    gather_anchors(v, head_file);
    if (s == FD_OK)
        s = fd_store_read(d->store, verify_all, v, err);
    free(v->anchored.items);
    for (int t = 0; t < FD_TABLE_COUNT; t++)
        free(v->recorded[t].items);
    free(head_file);
    sodium_memzero(v, sizeof *v);
    free(v);
    if (s != FD_OK)
        return s;
    if (out->problems > 0)
        return fd_fail(err, FD_TAMPERED, NULL, _("%lld problems found."), (long long)out->problems);
    if (req->against && !out->head_found)
        return fd_fail(err, FD_TAMPERED, NULL,
                       _("The chain head %s is not in this database's audit chain."), req->against);
    return FD_OK;
}

fd_status fd_verify(fd_desk *d, const char *against,
                    void (*report)(void *ctx, const char *problem), void *ctx,
                    fd_verify_result *out, fd_error *err)
{
    fd_verify_request req = {.against = against, .report = report, .ctx = ctx};
    return fd_verify_with(d, &req, out, err);
}
