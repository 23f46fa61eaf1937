/* The state-machine engine and corrections: see include/frontdesk/machine.h. */
#include "frontdesk/machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "store/stmt.h"

static const char *state_label(const fd_machine *m, const char *state)
{
    if (!state || !*state)
        return _("(new)");
    const char *label = m->state_label ? m->state_label(state) : NULL;
    return label ? label : state;
}

static bool same_state(const char *a, const char *b)
{
    return (!a || !*a) ? (!b || !*b) : (b && strcmp(a, b) == 0);
}

fd_status fd_machine_state(fd_desk *d, const fd_machine *m, int64_t entity_id,
                           char state[FD_STATE_MAX], fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_STATE_GET);
    fd_bind_text(st, ":kind", m->kind);
    fd_bind_int(st, ":entity_id", entity_id);
    fd_status s = fd_step_row(st, err);
    state[0] = '\0';
    if (s == FD_OK)
        snprintf(state, FD_STATE_MAX, "%s", fd_col_text(st, FD_COL_STATE_GET_STATE));
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

/* The permission is the approver's when one approved in place: that is what a
 * supervisor's override means. */
static bool permitted(const fd_transition *t, const fd_fire *fire)
{
    return fd_may(fire->actor, t->action) || (fire->approver && fd_may(fire->approver, t->action));
}

fd_status fd_machine_check(fd_desk *d, const fd_machine *m, const char *state, const char *event,
                           const fd_fire *fire, int64_t entity_id,
                           const fd_transition **out, fd_error *err)
{
    const fd_transition *found = NULL;
    for (size_t i = 0; i < m->count && !found; i++)
        if (strcmp(m->rows[i].event, event) == 0 && same_state(m->rows[i].from, state))
            found = &m->rows[i];
    if (!found)
        return fd_fail(err, FD_STATE, NULL, _("This cannot be done now: the record is %s."),
                       state_label(m, state));
    if (!permitted(found, fire))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not do this (%s)."),
                       fire->actor ? fd_role_label(fire->actor->role) : "?",
                       fd_action_label(found->action));
    if (found->guard) {
        fd_status s = found->guard(d, fire, entity_id, err);
        if (s != FD_OK)
            return s;
    }
    if (out)
        *out = found;
    return FD_OK;
}

fd_status fd_machine_may(fd_desk *d, const fd_machine *m, int64_t entity_id, const char *state,
                         const char *event, const fd_actor *who, const fd_actor *approver)
{
    fd_fire fire = {.actor = who, .approver = approver};
    fd_error unread = {0}; /* guards report through it; the question wants the status only */
    return fd_machine_check(d, m, state, event, &fire, entity_id, NULL, &unread);
}

static fd_status insert_event(fd_desk *d, const fd_machine *m, int64_t entity_id,
                              const fd_transition *t, const char *from, const fd_fire *fire,
                              int64_t *event_id, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_EVENT_INSERT);
    fd_bind_text(st, ":kind", m->kind);
    fd_bind_int(st, ":entity_id", entity_id);
    fd_bind_text(st, ":event", t->event);
    fd_bind_text(st, ":from_state", *from ? from : NULL);
    fd_bind_text(st, ":to_state", t->to);
    fd_bind_int(st, ":staff_id", fire->actor->staff_id);
    if (fire->approver)
        fd_bind_int(st, ":approver_id", fire->approver->staff_id);
    else
        fd_bind_null(st, ":approver_id");
    fd_bind_int(st, ":at", fire->at ? fire->at : fd_desk_now(d));
    fd_bind_text(st, ":note", fire->note);
    fd_bind_text(st, ":data", fire->data);
    fd_status s = fd_exec(st, err);
    *event_id = fd_store_last_id(d->store);
    return s;
}

/* The event's entry records the event alone, or, when the entity is a row of record
 * just inserted (record < FD_TABLE_COUNT), that row with its first event. A row just
 * inserted has no state yet: it is not looked up, and its state is inserted, so that a
 * second first event fails on the state's key instead of overwriting it. */
static fd_status fire_and_record(fd_desk *d, const fd_machine *m, fd_record_table record,
                                 int64_t entity_id, const char *event, const fd_fire *fire,
                                 int64_t *event_id, fd_error *err)
{
    if (!fd_store_in_write(d->store))
        return fd_fail(err, FD_DB, NULL, "fd_machine_fire outside a write transaction");
    bool first = record < FD_TABLE_COUNT;
    char state[FD_STATE_MAX] = "";
    const fd_transition *t;
    int64_t id = 0;
    fd_status s;
    if ((!first && (s = fd_machine_state(d, m, entity_id, state, err)) != FD_OK) ||
        (s = fd_machine_check(d, m, state, event, fire, entity_id, &t, err)) != FD_OK ||
        (s = insert_event(d, m, entity_id, t, state, fire, &id, err)) != FD_OK)
        return s;
    char action[64];
    snprintf(action, sizeof action, "%s.%s", m->kind, event);
    s = first ? fd_audit_row_and_event(d, fire->actor, action, record, entity_id, id, err)
              : fd_audit_row(d, fire->actor, action, FD_TABLE_event, id, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, first ? FD_SQL_STATE_INSERT : FD_SQL_STATE_SET);
    fd_bind_text(st, ":kind", m->kind);
    fd_bind_int(st, ":entity_id", entity_id);
    fd_bind_text(st, ":state", t->to);
    fd_bind_int(st, ":event_id", id);
    if ((s = fd_exec(st, err)) == FD_OK && event_id)
        *event_id = id;
    return s;
}

fd_status fd_machine_fire(fd_desk *d, const fd_machine *m, int64_t entity_id, const char *event,
                          const fd_fire *fire, int64_t *event_id, fd_error *err)
{
    return fire_and_record(d, m, FD_TABLE_COUNT, entity_id, event, fire, event_id, err);
}

fd_status fd_machine_begin(fd_desk *d, const fd_machine *m, fd_record_table record,
                           int64_t entity_id, const char *event, const fd_fire *fire,
                           int64_t *event_id, fd_error *err)
{
    return fire_and_record(d, m, record, entity_id, event, fire, event_id, err);
}

fd_status fd_machine_history(fd_desk *d, const fd_machine *m, int64_t entity_id,
                             void (*each)(void *ctx, const fd_event_row *row), void *ctx,
                             fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_EVENT_HISTORY);
    fd_bind_text(st, ":kind", m->kind);
    fd_bind_int(st, ":entity_id", entity_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_event_row row = {
            .id = fd_col_int(st, FD_COL_EVENT_HISTORY_ID),
            .event = fd_col_text(st, FD_COL_EVENT_HISTORY_EVENT),
            .from_state = fd_col_text(st, FD_COL_EVENT_HISTORY_FROM_STATE),
            .to_state = fd_col_text(st, FD_COL_EVENT_HISTORY_TO_STATE),
            .note = fd_col_text(st, FD_COL_EVENT_HISTORY_NOTE),
            .data = fd_col_text(st, FD_COL_EVENT_HISTORY_DATA),
            .staff_id = fd_col_int(st, FD_COL_EVENT_HISTORY_STAFF_ID),
            .approver_id = fd_col_int(st, FD_COL_EVENT_HISTORY_APPROVER_ID),
            .at = fd_col_int(st, FD_COL_EVENT_HISTORY_AT),
        };
        each(ctx, &row);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_correct(fd_desk *d, const fd_actor *who, const char *table, int64_t row_id,
                     const char *field, const char *value, const char *reason,
                     int64_t *correction_id, fd_error *err)
{
    if (!fd_store_in_write(d->store))
        return fd_fail(err, FD_DB, NULL, "fd_correct outside a write transaction");
    fd_record_table known;
    if (!fd_record_table_parse(table, &known))
        return fd_fail(err, FD_DB, NULL, "fd_correct: %s is not a record table", table);
    if (!reason || !*reason || strspn(reason, " \t") == strlen(reason))
        return fd_fail(err, FD_INVALID, "reason", _("A correction needs a reason."));
    fd_stmt *st = fd_sql(d->store, FD_SQL_CORRECTION_INSERT);
    fd_bind_text(st, ":tbl", table);
    fd_bind_int(st, ":row_id", row_id);
    fd_bind_text(st, ":field", field);
    fd_bind_text(st, ":value", value);
    fd_bind_text(st, ":reason", reason);
    fd_bind_int(st, ":staff_id", who->staff_id);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    int64_t id = fd_store_last_id(d->store);
    char action[64];
    snprintf(action, sizeof action, "%s.correct", table);
    if ((s = fd_audit_row(d, who, action, FD_TABLE_correction, id, err)) == FD_OK && correction_id)
        *correction_id = id;
    return s;
}

fd_status fd_corrections(fd_desk *d, const char *table, int64_t row_id,
                         void (*each)(void *ctx, const fd_correction_row *row), void *ctx,
                         fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_CORRECTION_LIST);
    fd_bind_text(st, ":tbl", table);
    fd_bind_int(st, ":row_id", row_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_correction_row row = {
            .id = fd_col_int(st, FD_COL_CORRECTION_LIST_ID),
            .field = fd_col_text(st, FD_COL_CORRECTION_LIST_FIELD),
            .value = fd_col_text(st, FD_COL_CORRECTION_LIST_VALUE),
            .reason = fd_col_text(st, FD_COL_CORRECTION_LIST_REASON),
            .staff_id = fd_col_int(st, FD_COL_CORRECTION_LIST_STAFF_ID),
            .at = fd_col_int(st, FD_COL_CORRECTION_LIST_AT),
        };
        each(ctx, &row);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_current_value(fd_desk *d, const char *table, int64_t row_id, const char *field,
                           const char *base, char **out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_CORRECTION_LATEST);
    fd_bind_text(st, ":tbl", table);
    fd_bind_int(st, ":row_id", row_id);
    fd_bind_text(st, ":field", field);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        *out = fd_strdup(fd_col_text(st, FD_COL_CORRECTION_LATEST_VALUE));
    else if (s == FD_NOT_FOUND)
        *out = fd_strdup(base);
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}
