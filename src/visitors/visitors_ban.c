/* The do-not-admit list as the security office keeps it, and the privacy purge of
 * expired personal data. See include/frontdesk/visitors.h. */
#include "frontdesk/visitors.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    fd_stmt *st = fd_sql(store, FD_SQL_VISITOR_BAN_INSERT);
    fd_bind_null(st, ":lifts");
    fd_bind_text(st, ":doc_type", fd_doc_type_name(b->doc.type));
    fd_bind_text(st, ":doc_number_hmac", b->doc.hmac);
    fd_bind_text(st, ":doc_number_masked", b->doc.masked);
    fd_bind_text(st, ":visitor_name", b->name);
    visit_bind_id(st, ":unit_id", b->unit_id);
    fd_bind_text(st, ":reason", b->reason);
    fd_bind_int(st, ":at", fd_desk_now(b->d));
    fd_bind_int(st, ":staff_id", b->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    b->ban_id = fd_store_last_id(store);
    return fd_audit_row(b->d, b->who, "visitor.ban", FD_TABLE_visitor_ban, b->ban_id, err);
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

static fd_status lift_txn(fd_store *store, void *ctx, fd_error *err)
{
    lifting *l = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_VISITOR_BAN_GET);
    fd_bind_int(st, ":id", l->ban_id);
    fd_status s = fd_step_row(st, err);
    bool is_lift = s == FD_OK && !fd_col_null(st, FD_COL_VISITOR_BAN_GET_LIFTS), lifted = s == FD_OK && fd_col_int(st, FD_COL_VISITOR_BAN_GET_LIFTED) != 0;
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND || is_lift)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no do-not-admit entry number %" PRId64 "."),
                       l->ban_id);
    if (s != FD_OK)
        return s;
    if (lifted)
        return fd_fail(err, FD_STATE, NULL, _("This do-not-admit entry was lifted already."));
    st = fd_sql(store, FD_SQL_VISITOR_BAN_LIFT);
    fd_bind_int(st, ":id", l->ban_id);
    fd_bind_text(st, ":reason", l->reason);
    fd_bind_int(st, ":at", fd_desk_now(l->d));
    fd_bind_int(st, ":staff_id", l->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    return fd_audit_row(l->d, l->who, "visitor.lift_ban", FD_TABLE_visitor_ban,
                        fd_store_last_id(store), err);
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

typedef struct purging {
    fd_desk *d;
    const fd_actor *who;
    fd_time cutoff;
    int retention_days;
    int64_t cleared;
} purging;

static fd_status purge_txn(fd_store *store, void *ctx, fd_error *err)
{
    purging *p = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_PURGE_CLEAR);
    fd_bind_int(st, ":cutoff", p->cutoff);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    p->cleared = fd_store_changes(store);
    st = fd_sql(store, FD_SQL_VISIT_PURGE_INSERT);
    fd_bind_int(st, ":cutoff", p->cutoff);
    fd_bind_int(st, ":retention_days", p->retention_days);
    fd_bind_int(st, ":cleared", p->cleared);
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    return fd_audit_row(p->d, p->who, "visit.purge", FD_TABLE_visit_purge,
                        fd_store_last_id(store), err);
}

fd_status fd_visits_purge(fd_desk *d, const fd_actor *who, int64_t *cleared, fd_error *err)
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
     * its own. */
    purging p = {d, who, fd_date_start(fd_date_of(fd_desk_now(d)) - days), days, 0};
    fd_status s = fd_store_write(d->store, purge_txn, &p, err);
    if (s == FD_OK)
        fd_audit_anchor(d, "purge", NULL);
    if (s == FD_OK && cleared)
        *cleared = p.cleared;
    return s;
}
