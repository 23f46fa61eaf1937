/* The do-not-admit list as the security office keeps it, and the privacy purge of
 * expired personal data. See include/frontdesk/visitors.h. */
#include "frontdesk/visitors.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "frontdesk/audit.h"
#include "frontdesk/calendar.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "visitors/visitors_internal.h"
#include "store/stmt.h"

/* ---- keeping the do-not-admit list ---- */

typedef struct banning {
    fd_desk *d;
    const fd_actor *who;
    document doc;
    char name[NAME_BYTES + 1];
    int64_t unit_id, ban_id;
    char reason[PURPOSE_BYTES + 1];
} banning;

fd_status fd_visitor_may_ban(const fd_actor *who, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    if (!fd_may(who, FD_ACT_VISITOR_BAN))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only the customer-service manager keeps the do-not-admit list."));
    return FD_OK;
}

/* An entry's document (or the entry's it lifts) as a do-not-admit row keeps it: its HMAC,
 * to match, and its masked form, under a commitment of the row's own (frontdesk/audit.h),
 * so the purge can clear both once the entry is lifted. */
static fd_status insert_ban(fd_desk *d, const fd_actor *who, int64_t lifts, const char *doc_type,
                            const char *hmac, const char *masked, const char *name, int64_t unit_id,
                            const char *reason, int64_t *id, fd_error *err)
{
    const fd_personal personal[] = {{"doc_number_hmac", hmac}, {"doc_number_masked", masked}};
    unsigned char salt[FD_SALT_SIZE], commit[FD_HASH_SIZE];
    fd_audit_new_salt(salt);
    fd_audit_commit_personal(salt, personal, COUNT(personal), commit);
    fd_stmt *st = fd_sql(d->store, FD_SQL_VISITOR_BAN_INSERT);
    visit_bind_id(st, ":lifts", lifts);
    fd_bind_text(st, ":doc_type", doc_type);
    fd_bind_text(st, ":doc_number_hmac", hmac);
    fd_bind_text(st, ":doc_number_masked", masked);
    fd_bind_text(st, ":visitor_name", name);
    visit_bind_id(st, ":unit_id", unit_id);
    fd_bind_text(st, ":reason", reason);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    fd_bind_blob(st, ":pii_salt", salt, sizeof salt);
    fd_bind_blob(st, ":pii_commit", commit, sizeof commit);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    *id = fd_store_last_id(d->store);
    return fd_audit_row(d, who, lifts ? "visitor.lift_ban" : "visitor.ban", FD_TABLE_visitor_ban,
                        *id, err);
}

static fd_status ban_txn(fd_store *store, void *ctx, fd_error *err)
{
    banning *b = ctx;
    fd_status s = FD_OK;
    if (b->unit_id > 0)
        s = visit_look_up(store, FD_SQL_VISIT_UNIT_BY_ID, b->unit_id, "unit", NULL, NULL, 0, err);
    if (s != FD_OK)
        return s;
    char message[FD_MESSAGE_MAX];
    s = visit_find_ban(store, b->doc.hmac, b->unit_id, false, message, sizeof message, err);
    if (s == FD_OK)
        return fd_fail(err, FD_CONFLICT, "doc_number", _("Already on the list. %s"), message);
    if (s != FD_NOT_FOUND)
        return s;
    return insert_ban(b->d, b->who, 0, fd_doc_type_name(b->doc.type), b->doc.hmac, b->doc.masked,
                      b->name, b->unit_id, b->reason, &b->ban_id, err);
}

fd_status fd_visitor_ban(fd_desk *d, const fd_actor *who, fd_doc_type type, const char *number,
                         const char *name, int64_t unit_id, const char *reason, int64_t *ban_id,
                         fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    banning *b = fd_alloc(sizeof *b);
    *b = (banning){.d = d, .who = who, .unit_id = unit_id > 0 ? unit_id : 0};
    fd_status s;
    if ((s = fd_visitor_may_ban(who, err)) == FD_OK && (s = visit_read_document(d, type, number, &b->doc, err)) == FD_OK &&
        (s = visit_clean_text(&rule_visitor_name, name, b->name, err)) == FD_OK &&
        (s = visit_clean_text(&rule_reason, reason, b->reason, err)) == FD_OK)
        s = fd_store_write(d->store, ban_txn, b, err);
    if (s == FD_OK && ban_id)
        *ban_id = b->ban_id;
    free(b);
    return s;
}

typedef struct lifting {
    fd_desk *d;
    const fd_actor *who;
    int64_t ban_id;
    const char *reason;
} lifting;

/* The row that lifts an entry carries the entry's document, name and unit. */
static fd_status insert_lift(lifting *l, fd_stmt *entry, fd_error *err)
{
    char *doc_type = fd_strdup(fd_col_text(entry, FD_COL_VISITOR_BAN_GET_DOC_TYPE));
    char *hmac = fd_strdup(fd_col_text(entry, FD_COL_VISITOR_BAN_GET_DOC_NUMBER_HMAC));
    char *masked = fd_strdup(fd_col_text(entry, FD_COL_VISITOR_BAN_GET_DOC_NUMBER_MASKED));
    char *name = fd_strdup(fd_col_text(entry, FD_COL_VISITOR_BAN_GET_VISITOR_NAME));
    int64_t unit_id = fd_col_int(entry, FD_COL_VISITOR_BAN_GET_UNIT_ID);
    fd_stmt_reset(entry);
    int64_t id;
    fd_status s = insert_ban(l->d, l->who, l->ban_id, doc_type, hmac, masked, name, unit_id,
                             l->reason, &id, err);
    free(doc_type);
    free(hmac);
    free(masked);
    free(name);
    return s;
}

static fd_status lift_txn(fd_store *store, void *ctx, fd_error *err)
{
    lifting *l = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_VISITOR_BAN_GET);
    fd_bind_int(st, ":id", l->ban_id);
    fd_status s = fd_step_row(st, err);
    bool is_lift = s == FD_OK && !fd_col_null(st, FD_COL_VISITOR_BAN_GET_LIFTS), lifted = s == FD_OK && fd_col_int(st, FD_COL_VISITOR_BAN_GET_LIFTED) != 0;
    if (s == FD_OK && !is_lift && !lifted)
        return insert_lift(l, st, err);
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND || is_lift)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no do-not-admit entry number %" PRId64 "."),
                       l->ban_id);
    if (s != FD_OK)
        return s;
    return fd_fail(err, FD_STATE, NULL, _("This do-not-admit entry was lifted already."));
}

fd_status fd_visitor_lift_ban(fd_desk *d, const fd_actor *who, int64_t ban_id, const char *reason,
                              fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    char clean[PURPOSE_BYTES + 1];
    fd_status s;
    if ((s = fd_visitor_may_ban(who, err)) != FD_OK || (s = visit_clean_text(&rule_reason, reason, clean, err)) != FD_OK)
        return s;
    lifting l = {d, who, ban_id, clean};
    return fd_store_write(d->store, lift_txn, &l, err);
}

typedef struct ban_list {
    int64_t after_id;
    int limit;
    void (*each)(void *ctx, const fd_visitor_ban_row *b);
    void *ctx;
} ban_list;

static fd_status bans_read(fd_store *store, void *ctx, fd_error *err)
{
    ban_list *l = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_VISITOR_BAN_LIST);
    fd_bind_int(st, ":after_id", l->after_id > 0 ? l->after_id : INT64_MAX);
    fd_bind_int(st, ":limit", l->limit);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_visitor_ban_row b = {
            .id = fd_col_int(st, FD_COL_VISITOR_BAN_LIST_ID),
            .visitor_name = fd_col_text(st, FD_COL_VISITOR_BAN_LIST_VISITOR_NAME),
            .doc_type = visit_doc_type_of(fd_col_text(st, FD_COL_VISITOR_BAN_LIST_DOC_TYPE)),
            .doc_number = fd_col_text(st, FD_COL_VISITOR_BAN_LIST_DOC_NUMBER_MASKED),
            .unit = fd_col_text(st, FD_COL_VISITOR_BAN_LIST_CODE),
            .reason = fd_col_text(st, FD_COL_VISITOR_BAN_LIST_REASON),
            .staff_name = fd_col_text(st, FD_COL_VISITOR_BAN_LIST_NAME),
            .at = fd_col_int(st, FD_COL_VISITOR_BAN_LIST_AT),
        };
        l->each(l->ctx, &b);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_visitor_bans(fd_desk *d, int64_t after_id, int limit,
                          void (*each)(void *ctx, const fd_visitor_ban_row *b), void *ctx,
                          fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    if (limit <= 0)
        return fd_fail(err, FD_USAGE, NULL, "fd_visitor_bans: bad limit");
    ban_list l = {after_id, limit, each, ctx};
    return fd_store_read(d->store, bans_read, &l, err);
}

/* ---- the privacy purge ---- */

enum { FORGET_BATCH = 1000 };

/* A table whose rows the purge clears: its statements (rows still to clear, counted and
 * a batch at a time; one row cleared), and the action recording anew a row of it
 * written before commitments existed. */
typedef struct forgettable {
    fd_sql_id count, next, forget;
    fd_record_table table;
    const char *action;
} forgettable;

static const forgettable forgettables[] = {
    {FD_SQL_VISIT_FORGET_COUNT, FD_SQL_VISIT_FORGET_NEXT, FD_SQL_VISIT_FORGET, FD_TABLE_visit,
     "visit.forget"},
    {FD_SQL_VISITOR_BAN_FORGET_COUNT, FD_SQL_VISITOR_BAN_FORGET_NEXT, FD_SQL_VISITOR_BAN_FORGET,
     FD_TABLE_visitor_ban, "visitor.forget"},
    /* Renovation workers' passes (frontdesk/works.h): their statements are the store's,
     * so the purge forgets them without calling into the works layer. */
    {FD_SQL_WORK_PASS_FORGET_COUNT, FD_SQL_WORK_PASS_FORGET_NEXT, FD_SQL_WORK_PASS_FORGET,
     FD_TABLE_work_pass, "works.pass_forget"},
    /* The carriers of carry-out and carry-in passes (frontdesk/passes.h). */
    {FD_SQL_PASS_FORGET_COUNT, FD_SQL_PASS_FORGET_NEXT, FD_SQL_PASS_FORGET, FD_TABLE_pass,
     "pass.forget"},
    /* A worker's document as corrected (schema 150), forgotten with its pass. */
    {FD_SQL_WORK_PASS_DOCUMENT_FORGET_COUNT, FD_SQL_WORK_PASS_DOCUMENT_FORGET_NEXT,
     FD_SQL_WORK_PASS_DOCUMENT_FORGET, FD_TABLE_work_pass_document, "works.document_forget"},
};

typedef struct purging {
    fd_desk *d;
    const fd_actor *who;
    const fd_progress_sink *progress;
    fd_time cutoff;
    int retention_days;
    int64_t total, done;
    int64_t cleared[COUNT(forgettables)];
} purging;

typedef struct forget_row {
    int64_t id;
    bool uncommitted;
} forget_row;

static fd_status count_rows(purging *p, fd_error *err)
{
    p->total = 0;
    for (size_t t = 0; t < COUNT(forgettables); t++) {
        fd_stmt *st = fd_sql(p->d->store, forgettables[t].count);
        fd_bind_int(st, ":cutoff", p->cutoff);
        fd_status s = fd_step_row(st, err);
        if (s != FD_OK)
            return s;
        p->total += fd_col_int(st, FD_COL_FORGET_COUNT_ROWS);
        fd_stmt_reset(st);
    }
    return FD_OK;
}

/* The next batch, read whole before any of it is cleared. */
static fd_status next_batch(purging *p, const forgettable *f, forget_row *rows, int *n, fd_error *err)
{
    fd_stmt *st = fd_sql(p->d->store, f->next);
    fd_bind_int(st, ":cutoff", p->cutoff);
    fd_bind_int(st, ":limit", FORGET_BATCH);
    int rc;
    *n = 0;
    while ((rc = fd_step(st, err)) == 1)
        rows[(*n)++] = (forget_row){fd_col_int(st, FD_COL_FORGET_ID),
                                    fd_col_int(st, FD_COL_FORGET_UNCOMMITTED) != 0};
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* A row written before commitments existed is checked against its entry first and, if
 * it still matches, recorded anew as cleared: its entry held the HMAC that goes now.
 * One that no longer matches is cleared all the same (the number must go) and stays
 * reported by verify, as it was before. */
static fd_status clear_row(purging *p, const forgettable *f, const forget_row *row, fd_error *err)
{
    bool matches = false;
    fd_status s = row->uncommitted ? fd_audit_row_matches(p->d, f->table, row->id, &matches, err) : FD_OK;
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(p->d->store, f->forget);
    fd_bind_int(st, ":id", row->id);
    if ((s = fd_exec(st, err)) != FD_OK || !matches)
        return s;
    return fd_audit_row(p->d, p->who, f->action, f->table, row->id, err);
}

static fd_status forget_table(purging *p, size_t t, fd_error *err)
{
    forget_row *rows = fd_alloc(FORGET_BATCH * sizeof *rows);
    fd_status s;
    int n;
    while ((s = next_batch(p, &forgettables[t], rows, &n, err)) == FD_OK && n > 0) {
        for (int i = 0; s == FD_OK && i < n; i++)
            s = clear_row(p, &forgettables[t], &rows[i], err);
        if (s != FD_OK)
            break;
        p->cleared[t] += n;
        p->done += n;
        fd_progress_show(p->progress, p->done, p->total);
    }
    free(rows);
    return s;
}

static fd_status purge_txn(fd_store *store, void *ctx, fd_error *err)
{
    purging *p = ctx;
    p->done = 0;
    memset(p->cleared, 0, sizeof p->cleared);
    fd_status s = count_rows(p, err);
    for (size_t t = 0; s == FD_OK && t < COUNT(forgettables); t++)
        s = forget_table(p, t, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_PURGE_INSERT);
    fd_bind_int(st, ":cutoff", p->cutoff);
    fd_bind_int(st, ":retention_days", p->retention_days);
    fd_bind_int(st, ":cleared", p->cleared[0]);
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    fd_progress_show(p->progress, p->total, p->total);
    return fd_audit_row(p->d, p->who, "visit.purge", FD_TABLE_visit_purge,
                        fd_store_last_id(store), err);
}

static fd_status run_plain(fd_store *store, fd_sql_id id, fd_error *err)
{
    return fd_exec(fd_sql(store, id), err);
}

/* The cleared numbers' older page images stay in the write-ahead log until it is copied
 * back and emptied, which a terminal in the middle of a read holds up (the store's busy
 * handler waits a while for it). False when it could not be done now. */
static bool empty_the_log(fd_store *store)
{
    fd_stmt *st = fd_sql(store, FD_SQL_WAL_TRUNCATE);
    bool done = fd_step_row(st, NULL) == FD_OK && fd_col_int(st, FD_COL_WAL_TRUNCATE_BUSY) == 0;
    fd_stmt_reset(st);
    return done;
}

fd_status fd_visits_purge_with(fd_desk *d, const fd_actor *who, const fd_progress_sink *progress,
                               fd_purge_result *out, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    if (!fd_may(who, FD_ACT_VISIT_PURGE))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only an administrator or the customer-service manager may purge "
                         "document numbers."));
    int days = d->config ? d->config->retention_days : 0;
    if (days <= 0)
        return fd_fail(err, FD_CONFIG, NULL, _("visitors.retention_days is not set."));
    /* Whole Beijing days: a visit is kept in clear through the day retention_days after
     * its own; a do-not-admit entry, through the day as long after it was lifted. */
    purging p = {d, who, progress, fd_date_start(fd_date_of(fd_desk_now(d)) - days), days, 0, 0, {0}};
    /* What the purge overwrites is zeroed in the file's free space, not left there. */
    fd_status s = run_plain(d->store, FD_SQL_SECURE_DELETE_ON, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, purge_txn, &p, err);
    if (s != FD_OK)
        return s;
    fd_audit_anchor(d, "purge", NULL);
    if (out)
        *out = (fd_purge_result){.visits = p.cleared[0], .bans = p.cleared[1],
                                 .workers = p.cleared[2] + p.cleared[4], .passes = p.cleared[3],
                                 .log_emptied = empty_the_log(d->store)};
    return FD_OK;
}

fd_status fd_visits_purge(fd_desk *d, const fd_actor *who, int64_t *cleared, fd_error *err)
{
    fd_purge_result r;
    fd_status s = fd_visits_purge_with(d, who, NULL, &r, err);
    if (s == FD_OK && cleared)
        *cleared = r.visits;
    return s;
}
