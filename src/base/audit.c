/* The audit chain: see include/frontdesk/audit.h. */
#include "frontdesk/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "store/stmt.h"

static const char *const table_names[] = {
#define FD_TABLE_NAME(name) #name,
    FD_RECORD_TABLE_LIST(FD_TABLE_NAME)
#undef FD_TABLE_NAME
};

/* Each record table has two statements, named row_<table> and unaudited_<table>. */
typedef enum table_sql { ROW_SQL, UNAUDITED_SQL, TABLE_SQL_KINDS } table_sql;

static fd_sql_id sql_for(table_sql kind, fd_record_table t)
{
    static fd_sql_id found[TABLE_SQL_KINDS][FD_TABLE_COUNT];
    static bool looked_up[TABLE_SQL_KINDS][FD_TABLE_COUNT];
    if (!looked_up[kind][t]) {
        char name[96];
        snprintf(name, sizeof name, "%s_%s", kind == ROW_SQL ? "row" : "unaudited", table_names[t]);
        found[kind][t] = fd_sql_find(name);
        if (found[kind][t] == FD_SQL_COUNT) {
            fprintf(stderr, "frontdesk: the catalogue has no statement %s\n", name);
            abort();
        }
        looked_up[kind][t] = true;
    }
    return found[kind][t];
}

const char *fd_record_table_name(fd_record_table t)
{
    return table_names[t];
}

bool fd_record_table_parse(const char *name, fd_record_table *out)
{
    for (int t = 0; t < FD_TABLE_COUNT; t++) {
        if (name && strcmp(name, table_names[t]) == 0) {
            *out = (fd_record_table)t;
            return true;
        }
    }
    return false;
}

/* ---- canonical content ---- */

typedef crypto_auth_hmacsha256_state hasher;

static void feed(hasher *h, const void *data, size_t size)
{
    crypto_auth_hmacsha256_update(h, data, size);
}

/* Every value is length-prefixed, so no two different rows feed the same bytes. */
static void feed_value(hasher *h, char kind, const void *data, size_t size)
{
    char prefix[32];
    int n = snprintf(prefix, sizeof prefix, "%c%zu:", kind, size);
    feed(h, prefix, (size_t)n);
    feed(h, data, size);
}

static void feed_int(hasher *h, int64_t v)
{
    char text[24];
    int n = snprintf(text, sizeof text, "%lld", (long long)v);
    feed_value(h, 'i', text, (size_t)n);
}

static bool is_clear_column(const char *name)
{
    size_t n = strlen(name);
    return n > 6 && strcmp(name + n - 6, "_clear") == 0;
}

static void feed_column(hasher *h, fd_stmt *st, int col)
{
    const char *name = fd_col_name(st, col);
    feed_value(h, 'c', name, strlen(name));
    char kind = fd_col_kind(st, col);
    size_t size = 0;
    switch (kind) {
    case 'i':
        feed_int(h, fd_col_int(st, col));
        break;
    case 'b': {
        const void *blob = fd_col_blob(st, col, &size);
        feed_value(h, 'b', blob, size);
        break;
    }
    case 'n':
        feed_value(h, 'n', "", 0);
        break;
    default: { /* text, and reals by their text form */
        const char *text = fd_col_text(st, col);
        feed_value(h, 't', text, strlen(text));
        break;
    }
    }
}

/* A *_clear column's value must still match its *_hmac partner. */
static bool clear_matches_hmac(const fd_desk *d, fd_stmt *st, int col)
{
    const char *value = fd_col_text(st, col);
    if (!value)
        return true;
    const char *name = fd_col_name(st, col);
    size_t base = strlen(name) - 6;
    for (int i = 0; i < fd_col_count(st); i++) {
        const char *other = fd_col_name(st, i);
        if (strncmp(other, name, base) == 0 && strcmp(other + base, "_hmac") == 0) {
            char mac[FD_HASH_HEX];
            fd_desk_hmac_hex(d, value, mac);
            const char *stored = fd_col_text(st, i);
            return stored && strcmp(stored, mac) == 0;
        }
    }
    return false;
}

typedef struct entry {
    int64_t id, at, staff_id, row_id;
    const char *action;
    fd_record_table table;
} entry;

/* Hashes prev ‖ entry ‖ row. Returns FD_NOT_FOUND when the row is gone, and sets
 * *clear_ok false when personal data no longer matches its HMAC. */
static fd_status entry_hash(fd_desk *d, const unsigned char *prev, size_t prev_size,
                            const entry *e, unsigned char out[FD_HASH_SIZE], bool *clear_ok,
                            fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, sql_for(ROW_SQL, e->table));
    fd_bind_int(st, ":id", e->row_id);
    fd_status s = fd_step_row(st, err);
    if (s != FD_OK)
        return s;
    hasher h;
    crypto_auth_hmacsha256_init(&h, d->secret, sizeof d->secret);
    feed_value(&h, 'p', prev, prev_size);
    feed_int(&h, e->id);
    feed_int(&h, e->at);
    feed_int(&h, e->staff_id);
    feed_value(&h, 'a', e->action, strlen(e->action));
    feed_value(&h, 'r', table_names[e->table], strlen(table_names[e->table]));
    feed_int(&h, e->row_id);
    *clear_ok = true;
    for (int col = 0; col < fd_col_count(st); col++) {
        if (is_clear_column(fd_col_name(st, col)))
            *clear_ok = *clear_ok && clear_matches_hmac(d, st, col);
        else
            feed_column(&h, st, col);
    }
    crypto_auth_hmacsha256_final(&h, out);
    fd_stmt_reset(st);
    return FD_OK;
}

fd_status fd_audit_row(fd_desk *d, const fd_actor *who, const char *action,
                       fd_record_table table, int64_t row_id, fd_error *err)
{
    unsigned char prev[FD_HASH_SIZE] = {0};
    size_t prev_size = 0;
    int64_t last_id = 0;
    fd_stmt *st = fd_sql(d->store, FD_SQL_AUDIT_LAST);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        last_id = fd_col_int(st, FD_COL_AUDIT_LAST_ID);
        const void *hash = fd_col_blob(st, FD_COL_AUDIT_LAST_HASH, &prev_size);
        if (prev_size != FD_HASH_SIZE)
            return fd_fail(err, FD_TAMPERED, NULL, _("Audit entry %lld is damaged."),
                           (long long)last_id);
        memcpy(prev, hash, prev_size);
    } else if (s != FD_NOT_FOUND) {
        return s;
    }
    fd_stmt_reset(st);

    entry e = {last_id + 1, fd_clock_now(&d->audit_clock), who ? who->staff_id : 0, row_id, action, table};
    unsigned char hash[FD_HASH_SIZE];
    bool clear_ok;
    if ((s = entry_hash(d, prev, prev_size, &e, hash, &clear_ok, err)) != FD_OK)
        return s == FD_NOT_FOUND ? fd_fail(err, FD_DB, NULL, "audit: %s row %lld not found",
                                           table_names[table], (long long)row_id)
                                 : s;
    st = fd_sql(d->store, FD_SQL_AUDIT_INSERT);
    fd_bind_int(st, ":id", e.id);
    fd_bind_int(st, ":at", e.at);
    if (who)
        fd_bind_int(st, ":staff_id", who->staff_id);
    else
        fd_bind_null(st, ":staff_id");
    fd_bind_text(st, ":action", action);
    fd_bind_text(st, ":tbl", table_names[table]);
    fd_bind_int(st, ":row_id", row_id);
    fd_bind_blob(st, ":hash", hash, sizeof hash);
    return fd_exec(st, err);
}

static void hex(const unsigned char *bin, size_t size, char out[FD_HASH_HEX])
{
    if (size != FD_HASH_SIZE) {
        out[0] = '\0';
        return;
    }
    sodium_bin2hex(out, FD_HASH_HEX, bin, size);
}

static fd_status read_head(fd_store *store, void *ctx, fd_error *err)
{
    fd_chain_head *head = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_AUDIT_LAST);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND) {
        head->entries = 0;
        head->hash[0] = '\0';
        return FD_OK;
    }
    if (s != FD_OK)
        return s;
    size_t size;
    const void *hash = fd_col_blob(st, FD_COL_AUDIT_LAST_HASH, &size);
    hex(hash, size, head->hash);
    /* Entries are numbered 1, 2, 3 … (verify reports any gap), so the last number is
     * their count: counting them instead took a fifth of a second at two million
     * visits, on every printed report. */
    head->entries = fd_col_int(st, FD_COL_AUDIT_LAST_ID);
    return FD_OK;
}

fd_status fd_audit_head(fd_desk *d, fd_chain_head *out, fd_error *err)
{
    return fd_store_read(d->store, read_head, out, err);
}

/* ---- verify ---- */

typedef struct verify_ctx {
    fd_desk *desk;
    const char *against;
    void (*report)(void *ctx, const char *problem);
    void *report_ctx;
    fd_verify_result *result;
    int64_t latest_id; /* the entry with the latest time so far, to see the clock run back */
    fd_time latest_at;
} verify_ctx;

/* A clock corrected by a few minutes is not a clock set back. */
enum { CLOCK_SLACK = 5 * 60 };

static void problem(verify_ctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(verify_ctx *v, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    v->result->problems++;
    if (v->report)
        v->report(v->report_ctx, text);
}

static void check_entry(verify_ctx *v, const entry *e, const unsigned char *prev, size_t prev_size,
                        const unsigned char *stored, size_t stored_size, fd_error *err)
{
    unsigned char hash[FD_HASH_SIZE];
    bool clear_ok = true;
    char when[FD_TIME_TEXT];
    fd_time_format(e->at, when);
    fd_status s = entry_hash(v->desk, prev, prev_size, e, hash, &clear_ok, err);
    if (s == FD_NOT_FOUND)
        problem(v, _("%s row %lld is missing: it was recorded by audit entry %lld (%s, %s) and "
                     "has been deleted."),
                table_names[e->table], (long long)e->row_id, (long long)e->id, e->action, when);
    else if (s == FD_OK && (stored_size != FD_HASH_SIZE || memcmp(hash, stored, FD_HASH_SIZE) != 0))
        problem(v, _("%s row %lld does not match audit entry %lld (%s, %s): the row or the "
                     "entry was changed after it was recorded."),
                table_names[e->table], (long long)e->row_id, (long long)e->id, e->action, when);
    if (s == FD_OK && !clear_ok)
        problem(v, _("%s row %lld: personal data no longer matches its recorded fingerprint."),
                table_names[e->table], (long long)e->row_id);
}

/* Entries are written in order, so their times only go forward: one written earlier
 * than an entry before it was written under a clock set back, to backdate it. Each
 * jump back is reported once, at the entry that shows it. */
static void check_time(verify_ctx *v, const entry *e)
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

static fd_status walk_chain(verify_ctx *v, fd_error *err)
{
    fd_store *store = v->desk->store;
    fd_stmt *walk = fd_sql(store, FD_SQL_AUDIT_WALK);
    unsigned char prev[FD_HASH_SIZE];
    size_t prev_size = 0;
    int64_t expected_id = 1;
    int rc;
    while ((rc = fd_step(walk, err)) == 1) {
        entry e = {fd_col_int(walk, FD_COL_AUDIT_WALK_ID), fd_col_int(walk, FD_COL_AUDIT_WALK_AT), fd_col_int(walk, FD_COL_AUDIT_WALK_STAFF_ID),
                   fd_col_int(walk, FD_COL_AUDIT_WALK_ROW_ID), fd_col_text(walk, FD_COL_AUDIT_WALK_ACTION), FD_TABLE_COUNT};
        size_t stored_size;
        const unsigned char *stored = fd_col_blob(walk, FD_COL_AUDIT_WALK_HASH, &stored_size);
        if (e.id != expected_id)
            problem(v, _("Audit entries %lld to %lld are missing."), (long long)expected_id,
                    (long long)e.id - 1);
        expected_id = e.id + 1;
        check_time(v, &e);
        if (!fd_record_table_parse(fd_col_text(walk, FD_COL_AUDIT_WALK_TBL), &e.table))
            problem(v, _("Audit entry %lld names an unknown table."), (long long)e.id);
        else
            check_entry(v, &e, prev, prev_size, stored, stored_size, err);
        char stored_hex[FD_HASH_HEX];
        hex(stored, stored_size, stored_hex);
        if (v->against && strcmp(v->against, stored_hex) == 0)
            v->result->head_found = true;
        /* Go on from the stored hash, so one changed row is reported once, not as every
         * entry after it. */
        prev_size = stored_size == FD_HASH_SIZE ? stored_size : 0;
        memcpy(prev, stored, prev_size);
        v->result->entries++;
    }
    return rc < 0 ? err->status : FD_OK;
}

static fd_status find_unaudited(verify_ctx *v, fd_error *err)
{
    for (int t = 0; t < FD_TABLE_COUNT; t++) {
        fd_stmt *st = fd_sql(v->desk->store, sql_for(UNAUDITED_SQL, t));
        int rc;
        while ((rc = fd_step(st, err)) == 1)
            problem(v, _("%s row %lld has no audit entry: it was added behind the program's back."),
                    table_names[t], (long long)fd_col_int(st, FD_COL_UNAUDITED_ID));
        if (rc < 0)
            return err->status;
    }
    return FD_OK;
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

static fd_status verify_all(fd_store *store, void *ctx, fd_error *err)
{
    verify_ctx *v = ctx;
    bool tables_intact;
    fd_status s = check_schema(v, &tables_intact, err);
    if (s != FD_OK || !tables_intact)
        return s;
    if ((s = read_head(store, &v->result->head, err)) != FD_OK ||
        (s = walk_chain(v, err)) != FD_OK || (s = find_unaudited(v, err)) != FD_OK ||
        (s = find_state_drift(v, err)) != FD_OK || (s = check_derived_tables(v, err)) != FD_OK)
        return s;
    return fd_store_check(store, forward_check, v, err) < 0 ? err->status : FD_OK;
}

fd_status fd_verify(fd_desk *d, const char *against,
                    void (*report)(void *ctx, const char *problem), void *ctx,
                    fd_verify_result *out, fd_error *err)
{
    memset(out, 0, sizeof *out);
    verify_ctx v = {.desk = d, .against = against, .report = report, .report_ctx = ctx, .result = out};
    fd_error local = {0};
    fd_status s = fd_store_read(d->store, verify_all, &v, err ? err : &local);
    if (s != FD_OK)
        return s;
    if (out->problems > 0)
        return fd_fail(err, FD_TAMPERED, NULL, _("%lld problems found."), (long long)out->problems);
    if (against && !out->head_found)
        return fd_fail(err, FD_TAMPERED, NULL,
                       _("The chain head %s is not in this database's audit chain."), against);
    return FD_OK;
}
