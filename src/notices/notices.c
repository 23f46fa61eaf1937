/* Notices: see include/frontdesk/notices.h. A notice is a row of notice and the events
 * of the notice machine; an override of the notice period and each delivery to a unit
 * is its event plus the row that carries what it recorded. Nothing is updated. */
#include "frontdesk/notices.h"

#include <stdio.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/choice.h"
#include "frontdesk/calendar.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "notices/notices_internal.h"
#include "store/stmt.h"

enum { TITLE_CHARS = 40, PLACE_CHARS = 40, BODY_CHARS = 1000, REASON_CHARS = 200 };

/* ---- choice lists ---- */

static const fd_choice kinds[] = {FD_NOTICE_KIND_LIST(FD_CHOICE_ROW)};
static const fd_choice states[] = {FD_NOTICE_STATE_LIST(FD_CHOICE_ROW)};
static const fd_choice fields[] = {FD_NOTICE_FIELD_LIST(FD_CHOICE_ROW)};

static const fd_choice_list lists[FD_NOTICE_LIST_COUNT] = {
    [FD_NOTICE_LIST_KIND] = FD_CHOICE_LIST(kinds),
    [FD_NOTICE_LIST_STATE] = FD_CHOICE_LIST(states),
    [FD_NOTICE_LIST_FIELD] = FD_CHOICE_LIST(fields),
};

static const fd_choice_list *list_of(fd_notice_list list)
{
    return fd_choice_pick(lists, FD_NOTICE_LIST_COUNT, (int)list);
}

static bool in_list(fd_notice_list list, int value)
{
    return fd_choice_valid(list_of(list), value);
}

int fd_notice_choice_count(fd_notice_list list)
{
    return fd_choice_count(list_of(list));
}

const char *fd_notice_choice_name(fd_notice_list list, int value)
{
    return fd_choice_name(list_of(list), value);
}

const char *fd_notice_choice_label(fd_notice_list list, int value)
{
    return fd_choice_label(list_of(list), value);
}

int fd_notice_choice_parse(fd_notice_list list, const char *name)
{
    return fd_choice_parse(list_of(list), name);
}

/* ---- the machine ---- */

static const char *state_label(const char *state)
{
    int s = fd_notice_choice_parse(FD_NOTICE_LIST_STATE, state);
    return s < 0 ? NULL : fd_notice_choice_label(FD_NOTICE_LIST_STATE, s);
}

static const fd_transition transitions[] = {
    {NULL, "draft", "draft", FD_ACT_NOTICE_WRITE, NULL},
    {"draft", "approve", "approved", FD_ACT_NOTICE_WRITE, NULL},
    {"approved", "issue", "issued", FD_ACT_NOTICE_WRITE, NULL},
    {"issued", "post", "posted", FD_ACT_NOTICE_WRITE, NULL},
    {"issued", "deliver", "issued", FD_ACT_NOTICE_WRITE, NULL},
    {"posted", "deliver", "posted", FD_ACT_NOTICE_WRITE, NULL},
    {"posted", "take_down", "taken_down", FD_ACT_NOTICE_WRITE, NULL},
    {NULL, "emergency", "posted", FD_ACT_NOTICE_WRITE, NULL},
};

const fd_machine fd_notice_machine = {
    "notice", transitions, sizeof transitions / sizeof transitions[0], state_label,
};

static const char *const step_events[FD_NOTICE_STEP_COUNT] = {
    [FD_NOTICE_STEP_APPROVE] = "approve",
    [FD_NOTICE_STEP_ISSUE] = "issue",
    [FD_NOTICE_STEP_POST] = "post",
    [FD_NOTICE_STEP_DELIVER] = "deliver",
    [FD_NOTICE_STEP_TAKE_DOWN] = "take_down",
};

fd_status fd_notice_may(fd_desk *d, int64_t notice_id, fd_notice_state state, fd_notice_step step,
                        const fd_actor *who)
{
    if ((unsigned)step >= FD_NOTICE_STEP_COUNT)
        return FD_STATE;
    if (step == FD_NOTICE_STEP_DELIVER && !d->config->notice_door_to_door)
        return FD_STATE;
    return fd_machine_may(d, &fd_notice_machine, notice_id,
                          fd_notice_choice_name(FD_NOTICE_LIST_STATE, (int)state), step_events[step],
                          who, NULL);
}

bool fd_notice_may_approve(const fd_config *cfg, const fd_actor *who)
{
    return who && who->staff_id > 0 && (cfg->notice_approve_roles & FD_ROLE_BIT(who->role)) != 0;
}

fd_time fd_notice_earliest_start(const fd_config *cfg, fd_time at)
{
    /* fd_workdays_after gives the end of the n-th working day: the work may start as
     * that day begins. */
    fd_time end = fd_workdays_after(cfg, at, cfg->notice_workdays);
    return fd_date_start(fd_date_of(end - 1));
}

/* ---- checking what is typed ---- */

/* Copies text without surrounding blanks into out (size bytes): at most max_chars
 * characters, printable, lines only where allowed. missing: the message when empty,
 * NULL when it may be. */
static fd_status clean_text(const char *text, const char *field, size_t max_chars, bool lines,
                            const char *missing, char *out, size_t size, fd_error *err)
{
    out[0] = '\0';
    size_t n;
    const char *start = text_trim(text ? text : "", lines, &n);
    if (n == 0)
        return missing ? fd_fail(err, FD_INVALID, field, "%s", missing) : FD_OK;
    size_t chars;
    if (!fd_validate_text(start, n, lines, &chars))
        return fd_fail(err, FD_INVALID, field,
                       _("The text contains characters that cannot be printed."));
    if (chars > max_chars || n >= size)
        return fd_fail(err, FD_INVALID, field, _("The text is too long: at most %zu characters."),
                       max_chars);
    memcpy(out, start, n);
    out[n] = '\0';
    return FD_OK;
}

static fd_status refuse_role(const fd_actor *who, fd_action action, fd_error *err)
{
    return fd_fail(err, FD_DENIED, NULL, _("%s may not do this (%s)."),
                   who ? fd_role_label(who->role) : "?", fd_action_name(action));
}

static fd_status check_approver(const fd_desk *d, const fd_actor *approver, fd_error *err)
{
    if (fd_notice_may_approve(d->config, approver))
        return FD_OK;
    return fd_fail(err, FD_DENIED, NULL,
                   _("A notice is signed by someone the site allows to sign notices."));
}

/* ---- writing ---- */

fd_status notice_facts(fd_desk *d, int64_t id, notice_facts_row *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_NOTICE_FACTS);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no notice number %lld."), (long long)id);
    if (s != FD_OK)
        return s;
    if (out) {
        int kind = fd_notice_choice_parse(FD_NOTICE_LIST_KIND, fd_col_text(st, FD_COL_NOTICE_FACTS_KIND));
        out->kind = kind < 0 ? FD_NOTICE_GENERAL : (fd_notice_kind)kind;
        out->starts_at = fd_col_int(st, FD_COL_NOTICE_FACTS_STARTS_AT);
        out->overridden = fd_col_int(st, FD_COL_NOTICE_FACTS_OVERRIDDEN) != 0;
    }
    fd_stmt_reset(st);
    return FD_OK;
}

static fd_status audited(fd_desk *d, const fd_actor *who, const char *action, fd_record_table table,
                         int64_t *row_id, fd_error *err)
{
    int64_t id = fd_store_last_id(d->store);
    if (row_id)
        *row_id = id;
    return fd_audit_row(d, who, action, table, id, err);
}

static fd_status fire(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t id,
                      const char *event, int64_t *event_id, fd_error *err)
{
    fd_fire f = {.actor = who, .approver = approver};
    return fd_machine_fire(d, &fd_notice_machine, id, event, &f, event_id, err);
}

/* The override as typed, checked: a manager's, with a reason. */
typedef struct override_in {
    const fd_actor *manager;
    char reason[FD_NOTICE_REASON_MAX];
} override_in;

static fd_status check_override(const fd_notice_override *o, override_in *out, fd_error *err)
{
    out->manager = NULL;
    out->reason[0] = '\0';
    if (!o)
        return FD_OK;
    if (!fd_may(o->manager, FD_ACT_NOTICE_OVERRIDE))
        return fd_fail(err, FD_DENIED, "starts_at",
                       _("Only a duty manager or the customer-service manager may shorten the notice period."));
    out->manager = o->manager;
    return clean_text(o->reason, "reason", REASON_CHARS, false,
                      _("Say why the works cannot wait for the notice period."), out->reason,
                      sizeof out->reason, err);
}

/* Works must wait for the notice period from now, unless a manager let the start
 * through (already, or now: then the override is recorded with event_id). */
static fd_status check_notice_period(fd_desk *d, const fd_actor *who, int64_t id,
                                     const notice_facts_row *f, const override_in *o,
                                     int64_t event_id, fd_error *err)
{
    if (f->kind != FD_NOTICE_WORKS || f->overridden)
        return FD_OK;
    fd_time earliest = fd_notice_earliest_start(d->config, fd_desk_now(d));
    if (f->starts_at >= earliest)
        return FD_OK;
    if (!o->manager) {
        char day[FD_DEADLINE_TEXT];
        fd_day_format(fd_date_of(earliest), true, day);
        return fd_fail(err, FD_INVALID, "starts_at",
                       _("Works must be announced %d working days ahead: the earliest start is %s. "
                         "A manager may allow an earlier one."),
                       d->config->notice_workdays, day);
    }
    fd_stmt *st = fd_sql(d->store, FD_SQL_NOTICE_OVERRIDE_INSERT);
    fd_bind_int(st, ":notice_id", id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":manager_id", o->manager->staff_id);
    fd_bind_text(st, ":reason", o->reason);
    fd_bind_int(st, ":earliest", earliest);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s : audited(d, who, "notice.override", FD_TABLE_notice_override, NULL, err);
}

/* ---- drafting ---- */

typedef struct drafting {
    fd_desk *d;
    const fd_actor *who, *approver;
    const fd_notice_draft *in;
    fd_notice_kind kind;
    char title[FD_NOTICE_TITLE_MAX], place[FD_NOTICE_PLACE_MAX], body[FD_NOTICE_BODY_MAX];
    override_in override;
    int64_t id;
} drafting;

static fd_status check_times(const fd_notice_draft *in, fd_error *err)
{
    if (in->starts_at <= 0)
        return fd_fail(err, FD_INVALID, "starts_at", _("Enter when the event starts."));
    if (in->ends_at <= 0)
        return fd_fail(err, FD_INVALID, "ends_at",
                       _("Enter when the event ends: the notice comes down then."));
    if (in->ends_at <= in->starts_at)
        return fd_fail(err, FD_INVALID, "ends_at", _("The end must be after the start."));
    return FD_OK;
}

static fd_status check_draft(drafting *t, fd_error *err)
{
    const fd_notice_draft *in = t->in;
    fd_status s;
    if (!in_list(FD_NOTICE_LIST_KIND, (int)t->kind))
        return fd_fail(err, FD_INVALID, "kind", _("Choose one of the listed values."));
    if ((s = clean_text(in->title, "title", TITLE_CHARS, false, _("Enter the notice's title."),
                        t->title, sizeof t->title, err)) != FD_OK ||
        (s = clean_text(in->body, "body", BODY_CHARS, true, _("Enter the text of the notice."),
                        t->body, sizeof t->body, err)) != FD_OK ||
        (s = clean_text(in->place, "place", PLACE_CHARS, false, NULL, t->place, sizeof t->place,
                        err)) != FD_OK ||
        (s = check_times(in, err)) != FD_OK)
        return s;
    return check_override(in->override, &t->override, err);
}

static fd_status insert_notice(drafting *t, fd_error *err)
{
    fd_stmt *st = fd_sql(t->d->store, FD_SQL_NOTICE_INSERT);
    fd_bind_text(st, ":kind", fd_notice_choice_name(FD_NOTICE_LIST_KIND, (int)t->kind));
    fd_bind_text(st, ":title", t->title);
    fd_bind_text(st, ":body", t->body);
    fd_bind_text(st, ":place", t->place);
    fd_bind_int(st, ":starts_at", t->in->starts_at);
    fd_bind_int(st, ":ends_at", t->in->ends_at);
    fd_bind_int(st, ":at", fd_desk_now(t->d));
    fd_bind_int(st, ":staff_id", t->who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s : audited(t->d, t->who, "notice.draft", FD_TABLE_notice, &t->id, err);
}

static fd_status draft_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    drafting *t = ctx;
    int64_t event_id;
    fd_status s;
    if ((s = insert_notice(t, err)) != FD_OK ||
        (s = fire(t->d, t->who, NULL, t->id, "draft", &event_id, err)) != FD_OK)
        return s;
    notice_facts_row f = {t->kind, t->in->starts_at, false};
    return check_notice_period(t->d, t->who, t->id, &f, &t->override, event_id, err);
}

static fd_status emergency_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    drafting *t = ctx;
    fd_status s = insert_notice(t, err);
    return s != FD_OK ? s : fire(t->d, t->who, t->approver, t->id, "emergency", NULL, err);
}

static fd_status run_draft(fd_desk *d, drafting *t, fd_write_fn txn, int64_t *id, fd_error *err)
{
    fd_status s = check_draft(t, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, txn, t, err);
    if (s == FD_OK && id)
        *id = t->id;
    free(t);
    return s;
}

fd_status fd_notice_write_draft(fd_desk *d, const fd_actor *who, const fd_notice_draft *in,
                                int64_t *id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_NOTICE_WRITE))
        return refuse_role(who, FD_ACT_NOTICE_WRITE, err);
    if (in->kind == FD_NOTICE_EMERGENCY)
        return fd_fail(err, FD_INVALID, "kind",
                       _("An emergency notice is posted at once: use the emergency notice."));
    drafting *t = fd_alloc(sizeof *t);
    *t = (drafting){.d = d, .who = who, .in = in, .kind = in->kind};
    return run_draft(d, t, draft_txn, id, err);
}

fd_status fd_notice_post_emergency(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                                   const fd_notice_draft *in, int64_t *id, fd_error *err)
{
    fd_status s;
    if (!fd_may(who, FD_ACT_NOTICE_WRITE))
        return refuse_role(who, FD_ACT_NOTICE_WRITE, err);
    if ((s = check_approver(d, approver, err)) != FD_OK)
        return s;
    if (in->override)
        return fd_fail(err, FD_INVALID, "starts_at", _("An emergency notice has no notice period."));
    drafting *t = fd_alloc(sizeof *t);
    *t = (drafting){.d = d, .who = who, .approver = approver, .in = in, .kind = FD_NOTICE_EMERGENCY};
    return run_draft(d, t, emergency_txn, id, err);
}

/* ---- the steps ---- */

typedef struct step {
    fd_desk *d;
    const fd_actor *who, *approver;
    int64_t id;
    const char *event;
    override_in override;
} step;

static fd_status step_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    notice_facts_row f;
    int64_t event_id;
    fd_status s;
    if ((s = notice_facts(p->d, p->id, &f, err)) != FD_OK ||
        (s = fire(p->d, p->who, p->approver, p->id, p->event, &event_id, err)) != FD_OK)
        return s;
    if (strcmp(p->event, "issue") == 0)
        return check_notice_period(p->d, p->who, p->id, &f, &p->override, event_id, err);
    return FD_OK;
}

static fd_status run_step(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t id,
                          const char *event, const fd_notice_override *override, fd_error *err)
{
    step p = {.d = d, .who = who, .approver = approver, .id = id, .event = event};
    fd_status s = check_override(override, &p.override, err);
    return s != FD_OK ? s : fd_store_write(d->store, step_txn, &p, err);
}

fd_status fd_notice_approve(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t id,
                            fd_error *err)
{
    fd_status s = check_approver(d, approver, err);
    return s != FD_OK ? s : run_step(d, who, approver, id, "approve", NULL, err);
}

fd_status fd_notice_issue(fd_desk *d, const fd_actor *who, int64_t id,
                          const fd_notice_override *override, fd_error *err)
{
    return run_step(d, who, NULL, id, "issue", override, err);
}

fd_status fd_notice_post(fd_desk *d, const fd_actor *who, int64_t id, fd_error *err)
{
    return run_step(d, who, NULL, id, "post", NULL, err);
}

fd_status fd_notice_take_down(fd_desk *d, const fd_actor *who, int64_t id, fd_error *err)
{
    return run_step(d, who, NULL, id, "take_down", NULL, err);
}

/* ---- delivery door to door ---- */

typedef struct delivering {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    const char *const *units;
    size_t count;
    fd_time delivered_at;
} delivering;

static fd_status deliver_one(delivering *v, int64_t event_id, const char *typed, fd_error *err)
{
    char code[FD_NOTICE_UNIT_MAX];
    fd_status s = clean_text(typed, "units", FD_NOTICE_UNIT_MAX / 3, false, _("Enter the units."),
                             code, sizeof code, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(v->d->store, FD_SQL_NOTICE_UNIT_BY_CODE);
    fd_bind_text(st, ":code", code);
    if ((s = fd_step_row(st, err)) == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "units", _("Unit %s is not in the directory."), code);
    if (s != FD_OK)
        return s;
    int64_t unit_id = fd_col_int(st, FD_COL_NOTICE_UNIT_BY_CODE_ID);
    snprintf(code, sizeof code, "%s", fd_col_text(st, FD_COL_NOTICE_UNIT_BY_CODE_CODE));
    fd_stmt_reset(st);
    st = fd_sql(v->d->store, FD_SQL_NOTICE_DELIVERED_TO);
    fd_bind_int(st, ":notice_id", v->id);
    fd_bind_int(st, ":unit_id", unit_id);
    if ((s = fd_step_row(st, err)) == FD_OK) {
        /* A unit typed twice in one round is handed the notice once. */
        bool this_round = fd_col_int(st, FD_COL_NOTICE_DELIVERED_TO_EVENT_ID) == event_id;
        fd_stmt_reset(st);
        return this_round ? FD_OK
                          : fd_fail(err, FD_CONFLICT, "units",
                                    _("The notice was handed to %s in an earlier round: leave it "
                                      "out."),
                                    code);
    }
    if (s != FD_NOT_FOUND)
        return s;
    st = fd_sql(v->d->store, FD_SQL_NOTICE_DELIVERY_INSERT);
    fd_bind_int(st, ":notice_id", v->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":unit_id", unit_id);
    fd_bind_text(st, ":unit", code);
    fd_bind_int(st, ":delivered_at", v->delivered_at);
    fd_bind_int(st, ":at", fd_desk_now(v->d));
    fd_bind_int(st, ":staff_id", v->who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s : audited(v->d, v->who, "notice.deliver", FD_TABLE_notice_delivery, NULL, err);
}

static fd_status deliver_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    delivering *v = ctx;
    int64_t event_id;
    fd_status s;
    if ((s = notice_facts(v->d, v->id, NULL, err)) != FD_OK ||
        (s = fire(v->d, v->who, NULL, v->id, "deliver", &event_id, err)) != FD_OK)
        return s;
    for (size_t i = 0; i < v->count && s == FD_OK; i++)
        s = deliver_one(v, event_id, v->units[i], err);
    return s;
}

fd_status fd_notice_deliver(fd_desk *d, const fd_actor *who, int64_t id,
                            const char *const *units, size_t count, fd_time delivered_at,
                            fd_error *err)
{
    if (!d->config->notice_door_to_door)
        return fd_fail(err, FD_STATE, NULL, _("This site does not hand notices to units."));
    if (count == 0)
        return fd_fail(err, FD_INVALID, "units", _("Enter the units."));
    fd_time now = fd_desk_now(d);
    if (delivered_at > now)
        return fd_fail(err, FD_INVALID, "delivered_at", _("The time cannot be in the future."));
    delivering v = {d, who, id, units, count, delivered_at ? delivered_at : now};
    return fd_store_write(d->store, deliver_txn, &v, err);
}

/* ---- corrections ---- */

typedef struct correcting {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    fd_notice_field field;
    const char *reason;
    fd_time ends_at;
    char value[FD_NOTICE_BODY_MAX];
} correcting;

/* A signature covers the text it was given: once a notice is signed, its text is
 * corrected only by someone who may sign notices, so that no one's signature stands
 * under words they never saw. */
static fd_status check_signed_text(const correcting *k, fd_error *err)
{
    char state[FD_STATE_MAX];
    if (k->field == FD_NOTICE_FIELD_ENDS_AT) /* when the event ended: the desk's to record */
        return FD_OK;
    fd_status s = fd_machine_state(k->d, &fd_notice_machine, k->id, state, err);
    if (s != FD_OK || strcmp(state, "draft") == 0 || fd_notice_may_approve(k->d->config, k->who))
        return s;
    return fd_fail(err, FD_DENIED, NULL,
                   _("The notice is signed: its text is corrected by someone who may sign "
                     "notices, or drafted anew."));
}

static fd_status correct_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    correcting *k = ctx;
    notice_facts_row f;
    fd_status s = notice_facts(k->d, k->id, &f, err);
    if (s == FD_OK)
        s = check_signed_text(k, err);
    if (s != FD_OK)
        return s;
    if (k->field == FD_NOTICE_FIELD_ENDS_AT) {
        if (k->ends_at <= f.starts_at)
            return fd_fail(err, FD_INVALID, "value", _("The end must be after the start."));
        snprintf(k->value, sizeof k->value, "%lld", (long long)k->ends_at);
    }
    return fd_correct(k->d, k->who, "notice", k->id,
                      fd_notice_choice_name(FD_NOTICE_LIST_FIELD, (int)k->field), k->value, k->reason,
                      NULL, err);
}

static fd_status clean_value(correcting *k, const char *value, fd_error *err)
{
    switch (k->field) {
    case FD_NOTICE_FIELD_TITLE:
        return clean_text(value, "value", TITLE_CHARS, false, _("Enter the notice's title."),
                          k->value, sizeof k->value, err);
    case FD_NOTICE_FIELD_BODY:
        return clean_text(value, "value", BODY_CHARS, true, _("Enter the text of the notice."),
                          k->value, sizeof k->value, err);
    case FD_NOTICE_FIELD_PLACE:
        return clean_text(value, "value", PLACE_CHARS, false, NULL, k->value, sizeof k->value, err);
    case FD_NOTICE_FIELD_ENDS_AT: {
        fd_when_problem why;
        char problem[FD_WHEN_PROBLEM_TEXT];
        if (!fd_time_parse_near(value, fd_desk_now(k->d), &k->ends_at, &why))
            return fd_fail(err, FD_INVALID, "value", "%s",
                           fd_when_problem_text(&why, fd_time_hint(), problem));
        return FD_OK;
    }
    }
    return fd_fail(err, FD_INVALID, "field", _("This field cannot be corrected."));
}

fd_status fd_notice_correct(fd_desk *d, const fd_actor *who, int64_t id, fd_notice_field field,
                            const char *value, const char *reason, fd_error *err)
{
    if (!fd_may(who, FD_ACT_NOTICE_CORRECT))
        return refuse_role(who, FD_ACT_NOTICE_CORRECT, err);
    if (!in_list(FD_NOTICE_LIST_FIELD, (int)field))
        return fd_fail(err, FD_INVALID, "field", _("This field cannot be corrected."));
    correcting *k = fd_alloc(sizeof *k);
    *k = (correcting){.d = d, .who = who, .id = id, .field = field, .reason = reason};
    fd_status s = clean_value(k, value, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, correct_txn, k, err);
    free(k);
    return s;
}
