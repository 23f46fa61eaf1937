/* Repair requests handed to engineering from the register (报修单): see
 * include/frontdesk/calls.h. A request is a row of call_repair made in the transaction
 * that deals with its entry, and the events of the repair machine; engineering's report
 * is a row of its own with its event. Nothing is updated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/calls_internal.h"
#include "frontdesk/audit.h"
#include "frontdesk/choice.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "store/stmt.h"

enum { NAME_CHARS = 32, TEXT_CHARS = 1000, REASON_CHARS = 500 };

/* ---- the machine ---- */

static const char *machine_state_label(const char *state)
{
    int s = call_repair_state_parse(state);
    return s < 0 ? NULL : fd_repair_state_label((fd_repair_state)s);
}

/* Withdrawing what engineering was asked to do must say why: the caller and the
 * engineers will ask. */
static fd_status cancel_guard(fd_desk *d, const fd_fire *fire, int64_t entity_id, fd_error *err)
{
    (void)d;
    (void)entity_id;
    if (fire->note && *fire->note)
        return FD_OK;
    return fd_fail(err, FD_INVALID, "reason", _("Say why the repair request is withdrawn."));
}

static const fd_transition transitions[] = {
    {NULL, "hand", "handed", FD_ACT_CALL_REPAIR, NULL},
    {"handed", "done", "done", FD_ACT_CALL_REPAIR, NULL},
    {"handed", "cancel", "cancelled", FD_ACT_CALL_REPAIR_CANCEL, cancel_guard},
};

const fd_machine fd_repair_machine = {
    "repair", transitions, sizeof transitions / sizeof transitions[0], machine_state_label,
};

static const char *const step_events[FD_REPAIR_STEP_COUNT] = {
    [FD_REPAIR_STEP_DONE] = "done",
    [FD_REPAIR_STEP_CANCEL] = "cancel",
};

fd_status fd_repair_may(fd_desk *d, int64_t repair_id, fd_repair_state state, fd_repair_step step,
                        const fd_actor *who)
{
    if ((unsigned)step >= FD_REPAIR_STEP_COUNT || (unsigned)state >= FD_REPAIR_STATE_COUNT)
        return FD_STATE;
    return fd_machine_may(d, &fd_repair_machine, repair_id, fd_repair_state_name(state),
                          step_events[step], who, NULL);
}

/* ---- the entry handed over ---- */

/* What the request takes from the entry as it reads now; st is reset by the caller. */
static fd_status read_call(fd_desk *d, int64_t call_id, fd_stmt **out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_CALL_FOR_REPAIR);
    fd_bind_int(st, ":id", call_id);
    *out = st;
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no register entry number %lld."),
                       (long long)call_id);
    return s;
}

typedef struct handing {
    fd_desk *d;
    const fd_actor *who;
    int64_t call_id;
    const char *department;
    char what[FD_CALL_TEXT_MAX];
    char person[FD_CALL_NAME_MAX];
    int64_t repair_id;
} handing;

static fd_status audited(fd_desk *d, const fd_actor *who, const char *action, fd_record_table table,
                         int64_t *row_id, fd_error *err)
{
    int64_t id = fd_store_last_id(d->store);
    if (row_id)
        *row_id = id;
    return fd_audit_row(d, who, action, table, id, err);
}

static fd_status insert_repair(handing *h, int64_t event_id, fd_error *err)
{
    fd_stmt *call;
    fd_status s = read_call(h->d, h->call_id, &call, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(h->d->store, FD_SQL_CALL_REPAIR_INSERT);
    fd_bind_int(st, ":call_id", h->call_id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_text(st, ":what", h->what[0] ? h->what : fd_col_text(call, FD_COL_CALL_FOR_REPAIR_QUESTION));
    int64_t unit_id = fd_col_int(call, FD_COL_CALL_FOR_REPAIR_UNIT_ID);
    if (unit_id)
        fd_bind_int(st, ":unit_id", unit_id);
    else
        fd_bind_null(st, ":unit_id");
    fd_bind_text(st, ":unit", fd_col_text(call, FD_COL_CALL_FOR_REPAIR_UNIT));
    fd_bind_text(st, ":department", h->department);
    fd_bind_text(st, ":person", h->person[0] ? h->person : NULL);
    fd_bind_int(st, ":at", fd_desk_now(h->d));
    fd_bind_int(st, ":staff_id", h->who->staff_id);
    s = fd_exec(st, err);
    fd_stmt_reset(call);
    return s != FD_OK ? s : audited(h->d, h->who, "call.repair", FD_TABLE_call_repair, &h->repair_id, err);
}

static fd_status hand_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    handing *h = ctx;
    int64_t event_id;
    fd_fire call_event = {.actor = h->who};
    fd_fire hand_event = {.actor = h->who};
    fd_status s;
    if ((s = call_facts(h->d, h->call_id, NULL, err)) != FD_OK ||
        (s = fd_machine_fire(h->d, &fd_call_machine, h->call_id, "repair", &call_event, &event_id,
                             err)) != FD_OK ||
        (s = insert_repair(h, event_id, err)) != FD_OK)
        return s;
    return fd_machine_fire(h->d, &fd_repair_machine, h->repair_id, "hand", &hand_event, NULL, err);
}

fd_status fd_call_to_repair(fd_desk *d, const fd_actor *who, int64_t call_id,
                            const fd_repair_handover *in, int64_t *repair_id, fd_error *err)
{
    handing *h = fd_alloc(sizeof *h);
    *h = (handing){.d = d, .who = who, .call_id = call_id, .department = in->department};
    fd_status s;
    if ((s = call_clean_text(in->what, "what", TEXT_CHARS, true, NULL, h->what, sizeof h->what,
                             err)) == FD_OK &&
        (s = call_check_department(d->config, in->department, err)) == FD_OK &&
        (s = call_clean_text(in->person, "person", NAME_CHARS, false, NULL, h->person,
                             sizeof h->person, err)) == FD_OK)
        s = fd_store_write(d->store, hand_txn, h, err);
    if (s == FD_OK && repair_id)
        *repair_id = h->repair_id;
    free(h);
    return s;
}

/* ---- engineering's report, a withdrawal ---- */

static fd_status repair_exists(fd_desk *d, int64_t repair_id, fd_time *handed_at, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_CALL_REPAIR_GET);
    fd_bind_int(st, ":id", repair_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no repair request number %lld."),
                       (long long)repair_id);
    if (s != FD_OK)
        return s;
    if (handed_at)
        *handed_at = fd_col_int(st, FD_COL_REPAIR_ROW_AT);
    fd_stmt_reset(st);
    return FD_OK;
}

typedef struct reporting {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    fd_time done_at;
    char reported_by[FD_CALL_NAME_MAX];
    char text[FD_CALL_TEXT_MAX]; /* what was done; the reason for withdrawing */
} reporting;

static fd_status check_done_at(reporting *r, fd_time handed_at, fd_error *err)
{
    fd_time now = fd_desk_now(r->d);
    if (r->done_at == 0)
        r->done_at = now;
    if (r->done_at > now)
        return fd_fail(err, FD_INVALID, "done_at", _("The time cannot be in the future."));
    if (r->done_at < handed_at)
        return fd_fail(err, FD_INVALID, "done_at",
                       _("The repair cannot be done before it was handed to engineering."));
    return FD_OK;
}

static fd_status done_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    reporting *r = ctx;
    fd_time handed_at;
    int64_t event_id;
    fd_fire f = {.actor = r->who};
    fd_status s;
    if ((s = repair_exists(r->d, r->id, &handed_at, err)) != FD_OK ||
        (s = check_done_at(r, handed_at, err)) != FD_OK ||
        (s = fd_machine_fire(r->d, &fd_repair_machine, r->id, "done", &f, &event_id, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(r->d->store, FD_SQL_CALL_REPAIR_DONE_INSERT);
    fd_bind_int(st, ":repair_id", r->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_text(st, ":reported_by", r->reported_by);
    fd_bind_int(st, ":done_at", r->done_at);
    fd_bind_text(st, ":work", r->text);
    fd_bind_int(st, ":at", fd_desk_now(r->d));
    fd_bind_int(st, ":staff_id", r->who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s : audited(r->d, r->who, "call.repair_done", FD_TABLE_call_repair_done, NULL, err);
}

fd_status fd_repair_done(fd_desk *d, const fd_actor *who, int64_t repair_id, const char *reported_by,
                         fd_time done_at, const char *work, fd_error *err)
{
    reporting *r = fd_alloc(sizeof *r);
    *r = (reporting){.d = d, .who = who, .id = repair_id, .done_at = done_at};
    fd_status s;
    if ((s = call_clean_text(reported_by, "reported_by", NAME_CHARS, false,
                             _("Enter who in engineering reported it done."), r->reported_by,
                             sizeof r->reported_by, err)) == FD_OK &&
        (s = call_clean_text(work, "work", TEXT_CHARS, true, _("Enter what engineering did."), r->text,
                             sizeof r->text, err)) == FD_OK)
        s = fd_store_write(d->store, done_txn, r, err);
    free(r);
    return s;
}

static fd_status cancel_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    reporting *r = ctx;
    fd_fire f = {.actor = r->who, .note = r->text[0] ? r->text : NULL};
    fd_status s = repair_exists(r->d, r->id, NULL, err);
    return s != FD_OK ? s : fd_machine_fire(r->d, &fd_repair_machine, r->id, "cancel", &f, NULL, err);
}

fd_status fd_repair_cancel(fd_desk *d, const fd_actor *who, int64_t repair_id, const char *reason,
                           fd_error *err)
{
    reporting *r = fd_alloc(sizeof *r);
    *r = (reporting){.d = d, .who = who, .id = repair_id};
    fd_status s = call_clean_text(reason, "reason", REASON_CHARS, true, NULL, r->text, sizeof r->text, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, cancel_txn, r, err);
    free(r);
    return s;
}

/* ---- corrections ---- */

typedef struct correcting {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    fd_repair_field field;
    const char *reason;
    char value[FD_CALL_TEXT_MAX];
} correcting;

static fd_status correct_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    correcting *k = ctx;
    fd_status s = repair_exists(k->d, k->id, NULL, err);
    return s != FD_OK ? s
                      : fd_correct(k->d, k->who, "call_repair", k->id,
                                   call_repair_field_name(k->field), k->value, k->reason,
                                   NULL, err);
}

fd_status fd_repair_correct(fd_desk *d, const fd_actor *who, int64_t repair_id, fd_repair_field field,
                            const char *value, const char *reason, fd_error *err)
{
    if (!fd_may(who, FD_ACT_CALL_CORRECT))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not do this (%s)."),
                       who ? fd_role_label(who->role) : "?", fd_action_label(FD_ACT_CALL_CORRECT));
    if ((unsigned)field >= FD_REPAIR_FIELD_COUNT)
        return fd_fail(err, FD_INVALID, "field", _("This field cannot be corrected."));
    correcting *k = fd_alloc(sizeof *k);
    *k = (correcting){.d = d, .who = who, .id = repair_id, .field = field, .reason = reason};
    fd_status s = field == FD_REPAIR_FIELD_WHAT
                      ? call_clean_text(value, "value", TEXT_CHARS, true,
                                        _("Enter what is to be repaired."), k->value, sizeof k->value, err)
                      : call_clean_text(value, "value", NAME_CHARS, false, NULL, k->value,
                                        sizeof k->value, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, correct_txn, k, err);
    free(k);
    return s;
}

/* ---- reading ---- */

static void copy_col(char *out, size_t size, fd_stmt *st, int col)
{
    const char *t = fd_col_text(st, col);
    snprintf(out, size, "%s", t ? t : "");
}

static void read_repair(fd_stmt *st, fd_repair *r)
{
    *r = (fd_repair){
        .id = fd_col_int(st, FD_COL_REPAIR_ROW_ID),
        .call_id = fd_col_int(st, FD_COL_REPAIR_ROW_CALL_ID),
        .state = (fd_repair_state)call_repair_state_parse(fd_col_text(st, FD_COL_REPAIR_ROW_STATE)),
        .handed_at = fd_col_int(st, FD_COL_REPAIR_ROW_AT),
        .done_at = fd_col_int(st, FD_COL_REPAIR_ROW_DONE_AT),
        .cancelled_at = fd_col_int(st, FD_COL_REPAIR_ROW_CANCELLED_AT),
        .corrected = fd_col_int(st, FD_COL_REPAIR_ROW_CORRECTED) != 0,
    };
    copy_col(r->what, sizeof r->what, st, FD_COL_REPAIR_ROW_WHAT);
    copy_col(r->unit, sizeof r->unit, st, FD_COL_REPAIR_ROW_UNIT);
    copy_col(r->department, sizeof r->department, st, FD_COL_REPAIR_ROW_DEPARTMENT);
    copy_col(r->person, sizeof r->person, st, FD_COL_REPAIR_ROW_PERSON);
    copy_col(r->caller, sizeof r->caller, st, FD_COL_REPAIR_ROW_CALLER);
    copy_col(r->handed_by, sizeof r->handed_by, st, FD_COL_REPAIR_ROW_HANDED_BY);
    copy_col(r->reported_by, sizeof r->reported_by, st, FD_COL_REPAIR_ROW_REPORTED_BY);
    copy_col(r->work, sizeof r->work, st, FD_COL_REPAIR_ROW_WORK);
    copy_col(r->cancel_reason, sizeof r->cancel_reason, st, FD_COL_REPAIR_ROW_CANCEL_REASON);
}

typedef struct getting {
    int64_t id;
    fd_repair *out;
} getting;

static fd_status get_read(fd_store *store, void *ctx, fd_error *err)
{
    getting *g = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_REPAIR_GET);
    fd_bind_int(st, ":id", g->id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no repair request number %lld."),
                       (long long)g->id);
    if (s == FD_OK) {
        read_repair(st, g->out);
        fd_stmt_reset(st);
    }
    return s;
}

fd_status fd_repair_get(fd_desk *d, int64_t repair_id, fd_repair *out, fd_error *err)
{
    getting g = {repair_id, out};
    return fd_store_read(d->store, get_read, &g, err);
}

typedef struct opening {
    void (*each)(void *ctx, const fd_repair *r);
    void *ctx;
} opening;

static fd_status open_read(fd_store *store, void *ctx, fd_error *err)
{
    opening *o = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_REPAIRS_OPEN);
    fd_repair *r = fd_alloc(sizeof *r);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        read_repair(st, r);
        o->each(o->ctx, r);
    }
    free(r);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_repairs_open(fd_desk *d, void (*each)(void *ctx, const fd_repair *r), void *ctx,
                          fd_error *err)
{
    opening o = {each, ctx};
    return fd_store_read(d->store, open_read, &o, err);
}

static fd_status open_count_read(fd_store *store, void *ctx, fd_error *err)
{
    long *count = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_REPAIRS_OPEN_COUNT);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        *count = (long)fd_col_int(st, FD_COL_CALL_TALLY_ENTRIES);
        fd_stmt_reset(st);
    }
    return s;
}

fd_status fd_repairs_open_count(fd_desk *d, long *out, fd_error *err)
{
    *out = 0;
    return fd_store_read(d->store, open_count_read, out, err);
}

/* ---- history ---- */

static const fd_choice event_labels[] = {
    {"hand", N_("Handed to engineering")},
    {"done", N_("Reported done by engineering")},
    {"cancel", N_("Repair request withdrawn")},
};

static const char *event_label(const char *event)
{
    static const fd_choice_list list = FD_CHOICE_LIST(event_labels);
    return fd_choice_label_of(&list, event);
}

typedef struct history {
    fd_desk *d;
    int64_t id;
    void (*each)(void *ctx, const fd_call_line *line);
    void *ctx;
} history;

static fd_status events_read(history *h, fd_error *err)
{
    fd_stmt *st = fd_sql(h->d->store, FD_SQL_CALL_REPAIR_EVENTS);
    fd_bind_int(st, ":id", h->id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *event = fd_col_text(st, FD_COL_CALL_REPAIR_EVENTS_EVENT);
        const char *work = fd_col_text(st, FD_COL_CALL_REPAIR_EVENTS_WORK);
        const char *reporter = fd_col_text(st, FD_COL_CALL_REPAIR_EVENTS_REPORTED_BY);
        fd_call_line line = {
            .at = fd_col_int(st, FD_COL_CALL_REPAIR_EVENTS_AT),
            .event = event,
            .label = event_label(event),
            .staff = fd_col_text(st, FD_COL_CALL_REPAIR_EVENTS_STAFF),
            .text = work ? work : fd_col_text(st, FD_COL_CALL_REPAIR_EVENTS_NOTE),
            .department = fd_col_text(st, FD_COL_CALL_REPAIR_EVENTS_DEPARTMENT),
            .person = reporter ? reporter : fd_col_text(st, FD_COL_CALL_REPAIR_EVENTS_PERSON),
            .repair_id = h->id,
        };
        h->each(h->ctx, &line);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status corrections_read(history *h, fd_error *err)
{
    fd_stmt *st = fd_sql(h->d->store, FD_SQL_CALL_REPAIR_CORRECTIONS);
    fd_bind_int(st, ":id", h->id);
    char *before[FD_REPAIR_FIELD_COUNT] = {NULL};
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        int field = call_repair_field_parse(fd_col_text(st, FD_COL_CALL_REPAIR_CORRECTIONS_FIELD));
        if (field < 0)
            continue; /* only fd_repair_correct writes these rows */
        if (!before[field]) {
            const char *original = fd_col_text(st, FD_COL_CALL_REPAIR_CORRECTIONS_ORIGINAL);
            before[field] = fd_strdup(original ? original : "");
        }
        const char *value = fd_col_text(st, FD_COL_CALL_REPAIR_CORRECTIONS_VALUE);
        fd_call_line line = {
            .at = fd_col_int(st, FD_COL_CALL_REPAIR_CORRECTIONS_AT),
            .event = "correct",
            .label = _("Corrected"),
            .staff = fd_col_text(st, FD_COL_CALL_REPAIR_CORRECTIONS_STAFF),
            .field = fd_repair_field_label((fd_repair_field)field),
            .old_value = before[field],
            .value = value,
            .reason = fd_col_text(st, FD_COL_CALL_REPAIR_CORRECTIONS_REASON),
            .repair_id = h->id,
        };
        h->each(h->ctx, &line);
        free(before[field]);
        before[field] = fd_strdup(value ? value : "");
    }
    fd_stmt_reset(st);
    for (size_t i = 0; i < FD_REPAIR_FIELD_COUNT; i++)
        free(before[i]);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status history_read(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    history *h = ctx;
    fd_status s = repair_exists(h->d, h->id, NULL, err);
    if (s == FD_OK && (s = events_read(h, err)) == FD_OK)
        s = corrections_read(h, err);
    return s;
}

fd_status fd_repair_history(fd_desk *d, int64_t repair_id,
                            void (*each)(void *ctx, const fd_call_line *line), void *ctx,
                            fd_error *err)
{
    history h = {d, repair_id, each, ctx};
    return fd_store_read(d->store, history_read, &h, err);
}
