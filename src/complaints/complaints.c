/* Complaints, survey opinions and special services: see include/frontdesk/complaints.h.
 * Every step is an event of the complaint machine plus the row that carries what it
 * recorded (assignment, rectification, visit) and the deadline it set. Nothing is
 * updated but complaint_open, the derived table the open views walk, refreshed from
 * its view in the transaction of every step. */
#include "frontdesk/complaints.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/calendar.h"
#include "frontdesk/choice.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "complaints/complaints_internal.h"
#include "store/stmt.h"


static const int64_t no_deadline = INT64_MAX; /* complaint_open.due_at when nothing is due */

/* ---- choice lists ---- */

static const fd_choice sorts[] = {FD_COMPLAINT_SORT_LIST(FD_CHOICE_ROW)};
static const fd_choice channels[] = {FD_COMPLAINT_CHANNEL_LIST(FD_CHOICE_ROW)};
static const fd_choice categories[] = {FD_COMPLAINT_CATEGORY_LIST(FD_CHOICE_ROW)};
static const fd_choice severities[] = {FD_COMPLAINT_SEVERITY_LIST(FD_CHOICE_ROW)};
static const fd_choice methods[] = {FD_COMPLAINT_METHOD_LIST(FD_CHOICE_ROW)};
static const fd_choice satisfactions[] = {FD_COMPLAINT_SATISFACTION_LIST(FD_CHOICE_ROW)};
static const fd_choice acks[] = {FD_COMPLAINT_ACK_LIST(FD_CHOICE_ROW)};
static const fd_choice states[] = {FD_COMPLAINT_STATE_LIST(FD_CHOICE_ROW)};

static const fd_choice_list lists[FD_CLIST_COUNT] = {
    [FD_CLIST_SORT] = FD_CHOICE_LIST(sorts),
    [FD_CLIST_CHANNEL] = FD_CHOICE_LIST(channels),
    [FD_CLIST_CATEGORY] = FD_CHOICE_LIST(categories),
    [FD_CLIST_SEVERITY] = FD_CHOICE_LIST(severities),
    [FD_CLIST_METHOD] = FD_CHOICE_LIST(methods),
    [FD_CLIST_SATISFACTION] = FD_CHOICE_LIST(satisfactions),
    [FD_CLIST_ACK] = FD_CHOICE_LIST(acks),
    [FD_CLIST_STATE] = FD_CHOICE_LIST(states),
};

static const fd_choice_list *list_of(fd_complaint_list list)
{
    return fd_choice_pick(lists, FD_CLIST_COUNT, (int)list);
}

static bool in_list(fd_complaint_list list, int value)
{
    return fd_choice_valid(list_of(list), value);
}

int fd_complaint_choice_count(fd_complaint_list list)
{
    return fd_choice_count(list_of(list));
}

const char *fd_complaint_choice_name(fd_complaint_list list, int value)
{
    return fd_choice_name(list_of(list), value);
}

const char *fd_complaint_choice_label(fd_complaint_list list, int value)
{
    return fd_choice_label(list_of(list), value);
}

int fd_complaint_choice_parse(fd_complaint_list list, const char *name)
{
    return fd_choice_parse(list_of(list), name);
}

int fd_complaint_choice_default(fd_complaint_list list)
{
    switch (list) {
    case FD_CLIST_SEVERITY: return FD_SEVERITY_GENERAL;
    case FD_CLIST_METHOD: return FD_METHOD_PHONE;
    case FD_CLIST_ACK: return FD_ACK_PHONE;
    default: return 0;
    }
}

/* ---- the machine ---- */

static const char *state_label(const char *state)
{
    int s = fd_complaint_choice_parse(FD_CLIST_STATE, state);
    return s < 0 ? NULL : fd_complaint_choice_label(FD_CLIST_STATE, s);
}

/* The hand-over to the CS manager waiting for one to accept it, if any. */
typedef struct referral {
    bool pending;
    fd_time at;
    char by[64];
    char reason[NOTE_CHARS * 4 + 1];
} referral;

static fd_status read_referral(fd_desk *d, int64_t id, referral *r, fd_error *err)
{
    *r = (referral){0};
    fd_stmt *st = fd_sql(d->store, FD_SQL_COMPLAINT_REFERRAL);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return FD_OK;
    if (s != FD_OK)
        return s;
    r->pending = true;
    r->at = fd_col_int(st, FD_COL_COMPLAINT_REFERRAL_AT);
    snprintf(r->by, sizeof r->by, "%s", fd_col_text(st, FD_COL_COMPLAINT_REFERRAL_STAFF_NAME));
    snprintf(r->reason, sizeof r->reason, "%s",
             fd_col_null(st, FD_COL_COMPLAINT_REFERRAL_NOTE) ? "" : fd_col_text(st, FD_COL_COMPLAINT_REFERRAL_NOTE));
    fd_stmt_reset(st);
    return FD_OK;
}

static fd_status taken_over_by(fd_desk *d, int64_t id, char *name, size_t size, fd_error *err)
{
    complaint_facts f;
    fd_status s = complaint_read_facts(d, id, &f, err);
    if (s == FD_OK)
        snprintf(name, size, "%s", f.escalated_to);
    return s;
}

/* Nobody hands over what a CS manager has taken over, nor hands it over twice. */
static fd_status refer_guard(fd_desk *d, const fd_fire *fire, int64_t id, fd_error *err)
{
    (void)fire;
    char taken[64];
    referral r;
    fd_status s = taken_over_by(d, id, taken, sizeof taken, err);
    if (s == FD_OK && taken[0])
        return fd_fail(err, FD_STATE, NULL, _("%s has taken this complaint over already."), taken);
    if (s == FD_OK && (s = read_referral(d, id, &r, err)) == FD_OK && r.pending)
        return fd_fail(err, FD_STATE, NULL,
                       _("%s handed it to the CS manager already; it waits to be accepted."), r.by);
    return s;
}

/* A CS manager may take a complaint over at any step before it is closed; the desk
 * may hand it to one at any such step. */
#define ESCALATE_FROM(state) {state, "escalate", state, FD_ACT_COMPLAINT_ESCALATE, NULL}, \
                             {state, "refer", state, FD_ACT_COMPLAINT_REFER, refer_guard},
static const fd_transition transitions[] = {
    {NULL, "receive", "received", FD_ACT_COMPLAINT_RECEIVE, NULL},
    {NULL, "serve", "served", FD_ACT_COMPLAINT_RECEIVE, NULL},
    {"received", "assign", "assigned", FD_ACT_COMPLAINT_ASSIGN, NULL},
    {"assigned", "reassign", "assigned", FD_ACT_COMPLAINT_ASSIGN, NULL},
    {"reopened", "reassign", "reopened", FD_ACT_COMPLAINT_ASSIGN, NULL},
    {"assigned", "rectify", "rectified", FD_ACT_COMPLAINT_RECTIFY, NULL},
    {"reopened", "rectify", "rectified", FD_ACT_COMPLAINT_RECTIFY, NULL},
    {"rectified", "visit", "visited", FD_ACT_COMPLAINT_VISIT, NULL},
    {"served", "visit", "visited", FD_ACT_COMPLAINT_VISIT, NULL},
    {"rectified", "reopen", "reopened", FD_ACT_COMPLAINT_VISIT, NULL},
    {"served", "reopen", "reopened", FD_ACT_COMPLAINT_VISIT, NULL},
    {"visited", "close", "closed", FD_ACT_COMPLAINT_CLOSE, NULL},
    ESCALATE_FROM("received") ESCALATE_FROM("assigned") ESCALATE_FROM("rectified")
    ESCALATE_FROM("reopened") ESCALATE_FROM("served") ESCALATE_FROM("visited")
};
#undef ESCALATE_FROM

const fd_machine fd_complaint_machine = {
    "complaint", transitions, sizeof transitions / sizeof transitions[0], state_label,
};

fd_status fd_complaint_may(fd_desk *d, int64_t complaint_id, fd_complaint_state state,
                           fd_complaint_next_step step, const fd_actor *who, const fd_actor *approver)
{
    static const char *const events[FD_COMPLAINT_STEP_COUNT] = {
        [FD_COMPLAINT_STEP_ASSIGN] = "assign",   [FD_COMPLAINT_STEP_REASSIGN] = "reassign",
        [FD_COMPLAINT_STEP_RECTIFY] = "rectify", [FD_COMPLAINT_STEP_VISIT] = "visit",
        [FD_COMPLAINT_STEP_CLOSE] = "close",     [FD_COMPLAINT_STEP_ESCALATE] = "escalate",
        [FD_COMPLAINT_STEP_REFER] = "refer",     [FD_COMPLAINT_STEP_ACCEPT] = "escalate",
    };
    if ((unsigned)step >= FD_COMPLAINT_STEP_COUNT)
        return FD_STATE;
    fd_status s = fd_machine_may(d, &fd_complaint_machine, complaint_id,
                                 fd_complaint_choice_name(FD_CLIST_STATE, (int)state), events[step],
                                 who, approver);
    if (s != FD_OK || (step != FD_COMPLAINT_STEP_ESCALATE && step != FD_COMPLAINT_STEP_ACCEPT))
        return s;
    /* Taken over once; accepted only what was handed over, taken over directly else. */
    fd_error unread = {0};
    char taken[64];
    referral r;
    if (taken_over_by(d, complaint_id, taken, sizeof taken, &unread) != FD_OK ||
        read_referral(d, complaint_id, &r, &unread) != FD_OK)
        return unread.status;
    if (taken[0] || r.pending != (step == FD_COMPLAINT_STEP_ACCEPT))
        return FD_STATE;
    return FD_OK;
}

/* ---- deadlines ---- */

/* Each deadline row names the rule it was counted under: a complaint's severity, or
 * the survey's. A special service reopened by a dissatisfied customer is handled as a
 * general complaint: the manual gives paid services no deadlines of their own. */
typedef enum rule { RULE_MAJOR, RULE_GENERAL, RULE_SURVEY } rule;
static const char *const rule_names[] = {"major", "general", "survey"};
const char *const complaint_due_names[] = {"assign", "rectify", "visit"};

static rule rule_of(fd_complaint_sort sort, int severity)
{
    if (sort == FD_SORT_SURVEY)
        return RULE_SURVEY;
    return sort == FD_SORT_COMPLAINT && severity == FD_SEVERITY_MAJOR ? RULE_MAJOR : RULE_GENERAL;
}

static fd_time due_by_rule(const fd_config *cfg, rule r, fd_complaint_due_kind what, fd_time from)
{
    switch (r) {
    case RULE_SURVEY:
        return fd_days_after(from, what == FD_DUE_ASSIGN    ? cfg->survey_department_days
                                   : what == FD_DUE_RECTIFY ? cfg->survey_measures_days
                                                            : cfg->survey_visit_days);
    case RULE_MAJOR:
        if (what == FD_DUE_ASSIGN)
            return FD_COMPLAINT_NO_DUE;
        return what == FD_DUE_RECTIFY ? fd_workdays_after(cfg, from, cfg->major_rectify_workdays)
                                      : fd_days_after(from, cfg->major_visit_days);
    case RULE_GENERAL:
        if (what == FD_DUE_ASSIGN)
            return FD_COMPLAINT_NO_DUE;
        return what == FD_DUE_RECTIFY ? fd_workdays_after(cfg, from, cfg->general_rectify_workdays)
                                      : fd_days_after(from, cfg->general_visit_days);
    }
    return FD_COMPLAINT_NO_DUE;
}

fd_time fd_complaint_due(const fd_config *cfg, fd_complaint_sort sort,
                         fd_complaint_severity severity, fd_complaint_due_kind what, fd_time from)
{
    return due_by_rule(cfg, rule_of(sort, (int)severity), what, from);
}

bool fd_complaint_due_in_workdays(fd_complaint_sort sort, fd_complaint_due_kind what)
{
    return rule_of(sort, FD_SEVERITY_GENERAL) != RULE_SURVEY && what == FD_DUE_RECTIFY;
}

static const struct {
    const char *name, *label;
} due_labels[] = {
    {"assign", N_("To the department")},
    {"rectify", N_("Rectification")},
    {"measures", N_("Written measures")},
    {"visit", N_("Return visit")},
};

const char *fd_complaint_due_name(fd_complaint_sort sort, fd_complaint_due_kind what)
{
    if (sort == FD_SORT_SURVEY && what == FD_DUE_RECTIFY)
        return "measures";
    return complaint_due_names[what];
}

const char *fd_complaint_due_label(const char *name)
{
    for (size_t i = 0; name && i < sizeof due_labels / sizeof due_labels[0]; i++)
        if (strcmp(due_labels[i].name, name) == 0)
            return _(due_labels[i].label);
    return name;
}

/* The deadline a complaint in this state is waiting on: a survey opinion first goes to
 * a department; then each is rectified; then visited. */
int complaint_due_kind_in(fd_complaint_sort sort, fd_complaint_state state)
{
    switch (state) {
    case FD_CSTATE_RECEIVED:
        return sort == FD_SORT_SURVEY ? FD_DUE_ASSIGN : FD_DUE_RECTIFY;
    case FD_CSTATE_ASSIGNED:
    case FD_CSTATE_REOPENED:
        return FD_DUE_RECTIFY;
    case FD_CSTATE_RECTIFIED:
        return FD_DUE_VISIT;
    default:
        return -1;
    }
}

bool complaint_due_unconfirmed(const fd_desk *d, fd_complaint_sort sort, int kind, fd_time due)
{
    return kind >= 0 && due != FD_COMPLAINT_NO_DUE &&
           fd_complaint_due_in_workdays(sort, (fd_complaint_due_kind)kind) &&
           fd_deadline_unconfirmed(d->config, due);
}

/* ---- checking what is typed ---- */

typedef struct text_rule {
    const char *field;
    size_t max_chars;
    bool lines;          /* several lines allowed */
    const char *missing; /* N_(): the message when it is empty */
} text_rule;

static const text_rule complainant_rule = {"complainant", NAME_CHARS, false, N_("Enter who is complaining.")};
static const text_rule unit_rule = {"unit", NAME_CHARS, false, N_("Enter the unit, or where the complainant is from.")};
static const text_rule content_rule = {"content", CONTENT_CHARS, true, N_("Enter what the complaint is about.")};
static const text_rule measures_rule = {"measures", REPORT_CHARS, true, N_("Enter the measures taken.")};
static const text_rule result_rule = {"result", REPORT_CHARS, true, N_("Enter the result.")};
static const text_rule done_by_rule = {"done_by", NAME_CHARS, false, N_("Enter who rectified it.")};
static const text_rule reason_rule = {"reason", NOTE_CHARS, true, N_("Enter the reason.")};
static const text_rule note_rule = {"note", NOTE_CHARS, true, NULL};

/* Checks text against its rule and returns it without surrounding blanks (caller
 * frees); an optional text that is empty gives NULL. */
static fd_status clean_text(const text_rule *r, const char *text, char **out, fd_error *err)
{
    *out = NULL;
    size_t n;
    const char *start = text_trim(text, true, &n);
    if (n == 0)
        return r->missing ? fd_fail(err, FD_INVALID, r->field, "%s", _(r->missing)) : FD_OK;
    size_t chars;
    if (!fd_validate_text(start, n, r->lines, &chars))
        return fd_fail(err, FD_INVALID, r->field,
                       _("The text contains characters that cannot be printed."));
    if (chars > r->max_chars)
        return fd_fail(err, FD_INVALID, r->field, _("The text is too long: at most %zu characters."),
                       r->max_chars);
    *out = fd_alloc(n + 1);
    memcpy(*out, start, n);
    return FD_OK;
}

static fd_status check_choice(fd_complaint_list list, int value, const char *field, fd_error *err)
{
    return in_list(list, value) ? FD_OK
                                : fd_fail(err, FD_INVALID, field, _("Choose one of the listed values."));
}

/* 0 means now; a time in the future is a typing error. */
static fd_status check_time(fd_desk *d, fd_time *t, const char *field, fd_error *err)
{
    fd_time now = fd_desk_now(d);
    if (*t == 0)
        *t = now;
    else if (*t > now)
        return fd_fail(err, FD_INVALID, field, _("The time cannot be in the future."));
    return FD_OK;
}

static fd_status check_not_before(fd_time t, fd_time earliest, const char *field, const char *what,
                                  fd_error *err)
{
    if (t >= earliest)
        return FD_OK;
    char when[FD_TIME_TEXT];
    fd_time_format(earliest, when);
    return fd_fail(err, FD_INVALID, field, _("The time is before %s (%s)."), what, when);
}

static fd_status check_department(const fd_config *cfg, const char *department, fd_error *err)
{
    for (size_t i = 0; department && i < cfg->departments.count; i++)
        if (strcmp(cfg->departments.items[i], department) == 0)
            return FD_OK;
    return fd_fail(err, FD_INVALID, "department", _("Choose one of the configured departments."));
}

bool complaint_sees_phones(const fd_desk *d, const fd_actor *who)
{
    return fd_may_see_phones(d->config, who);
}

/* The phone as who may see it (caller frees); NULL when none is kept. */
char *complaint_shown_phone(const fd_desk *d, const fd_actor *who, const char *phone)
{
    if (!phone)
        return NULL;
    if (complaint_sees_phones(d, who))
        return fd_strdup(phone);
    char masked[PHONE_TEXT * 2];
    fd_mask_phone(phone, masked, sizeof masked);
    return fd_strdup(masked);
}

/* ---- facts a step's rules need ---- */


static fd_status no_such_complaint(int64_t id, fd_error *err)
{
    return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no complaint number %lld."), (long long)id);
}

fd_status complaint_read_facts(fd_desk *d, int64_t id, complaint_facts *f, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_COMPLAINT_FACTS);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return no_such_complaint(id, err);
    if (s != FD_OK)
        return s;
    *f = (complaint_facts){
        .sort = (fd_complaint_sort)fd_complaint_choice_parse(FD_CLIST_SORT, fd_col_text(st, FD_COL_COMPLAINT_FACTS_SORT)),
        .severity = fd_complaint_choice_parse(FD_CLIST_SEVERITY, fd_col_text(st, FD_COL_COMPLAINT_FACTS_SEVERITY)),
        .received_at = fd_col_int(st, FD_COL_COMPLAINT_FACTS_RECEIVED_AT),
        .rectified_at = fd_col_int(st, FD_COL_COMPLAINT_FACTS_RECTIFIED_AT),
    };
    snprintf(f->department, sizeof f->department, "%s", fd_col_null(st, FD_COL_COMPLAINT_FACTS_DEPARTMENT) ? "" : fd_col_text(st, FD_COL_COMPLAINT_FACTS_DEPARTMENT));
    snprintf(f->escalated_to, sizeof f->escalated_to, "%s", fd_col_null(st, FD_COL_COMPLAINT_FACTS_ESCALATED_BY) ? "" : fd_col_text(st, FD_COL_COMPLAINT_FACTS_ESCALATED_BY));
    fd_stmt_reset(st);
    return fd_machine_state(d, &fd_complaint_machine, id, f->state, err);
}

/* ---- writing ---- */

static fd_status fire(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t id,
                      const char *event, const char *note, int64_t *event_id, fd_error *err)
{
    fd_fire f = {.actor = who, .approver = approver, .note = note};
    return fd_machine_fire(d, &fd_complaint_machine, id, event, &f, event_id, err);
}

static fd_status inserted(fd_desk *d, const fd_actor *who, const char *action,
                          fd_record_table table, int64_t *row_id, fd_error *err)
{
    int64_t id = fd_store_last_id(d->store);
    if (row_id)
        *row_id = id;
    return fd_audit_row(d, who, action, table, id, err);
}

static fd_status add_deadline(fd_desk *d, const fd_actor *who, int64_t id, int64_t event_id,
                              fd_complaint_due_kind what, rule r, fd_time from, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_COMPLAINT_DEADLINE_INSERT);
    fd_bind_int(st, ":complaint_id", id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_text(st, ":what", complaint_due_names[what]);
    fd_bind_text(st, ":rule", rule_names[r]);
    fd_bind_int(st, ":counted_from", from);
    fd_bind_int(st, ":due_at", due_by_rule(d->config, r, what, from));
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s : inserted(d, who, "complaint.deadline", FD_TABLE_complaint_deadline, NULL, err);
}

static fd_status add_assignment(fd_desk *d, const fd_actor *who, int64_t id, int64_t event_id,
                                const char *department, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_COMPLAINT_ASSIGNMENT_INSERT);
    fd_bind_int(st, ":complaint_id", id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_text(st, ":department", department);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s : inserted(d, who, "complaint.assign", FD_TABLE_complaint_assignment, NULL, err);
}

/* Rebuilds the complaint's row of the derived table from its records. */
static fd_status refresh_open(fd_desk *d, int64_t id, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_COMPLAINT_OPEN_DELETE);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    st = fd_sql(d->store, FD_SQL_COMPLAINT_OPEN_REFRESH);
    fd_bind_int(st, ":id", id);
    return fd_exec(st, err);
}

/* ---- intake ---- */

/* What was typed, checked, and what the transaction makes of it with the directory
 * (kept apart, so a retried transaction starts again from what was typed). */
typedef struct intake {
    fd_desk *d;
    const fd_actor *who;
    const fd_complaint_intake *in;
    char *typed_complainant, *typed_unit, *content;
    char typed_phone[PHONE_TEXT];
    char *complainant, *unit;
    char phone[PHONE_TEXT];
    int64_t id;
} intake;

static void intake_free(intake *t)
{
    FD_FREE(t->typed_complainant);
    FD_FREE(t->typed_unit);
    FD_FREE(t->content);
    FD_FREE(t->complainant);
    FD_FREE(t->unit);
}

static fd_status check_intake_choices(const fd_complaint_intake *in, fd_error *err)
{
    fd_status s;
    if ((s = check_choice(FD_CLIST_SORT, (int)in->sort, "sort", err)) != FD_OK ||
        (s = check_choice(FD_CLIST_CHANNEL, (int)in->channel, "channel", err)) != FD_OK ||
        (s = check_choice(FD_CLIST_CATEGORY, (int)in->category, "category", err)) != FD_OK)
        return s;
    if (in->sort == FD_SORT_COMPLAINT)
        return check_choice(FD_CLIST_SEVERITY, (int)in->severity, "severity", err);
    return FD_OK;
}

static fd_status check_intake(intake *t, fd_time *received_at, fd_error *err)
{
    const fd_complaint_intake *in = t->in;
    fd_status s;
    if ((s = check_intake_choices(in, err)) != FD_OK ||
        (s = clean_text(&(text_rule){"complainant", NAME_CHARS, false, NULL}, in->complainant,
                        &t->typed_complainant, err)) != FD_OK ||
        (s = clean_text(&(text_rule){"unit", NAME_CHARS, false, NULL}, in->unit, &t->typed_unit,
                        err)) != FD_OK ||
        (s = clean_text(&content_rule, in->content, &t->content, err)) != FD_OK ||
        (s = check_time(t->d, received_at, "received_at", err)) != FD_OK)
        return s;
    if (in->sort == FD_SORT_SPECIAL && (s = check_department(t->d->config, in->department, err)) != FD_OK)
        return s;
    t->typed_phone[0] = '\0';
    if (in->phone && in->phone[strspn(in->phone, " \t")])
        return fd_validate_phone(in->phone, "phone", t->typed_phone, sizeof t->typed_phone, err);
    return FD_OK;
}

static void take_if_empty(char **field, const char *value)
{
    if (!*field && value && *value)
        *field = fd_strdup(value);
}

/* The directory fills in what was not typed: the occupant's name, unit and phone. */
static fd_status fill_from_directory(intake *t, int64_t *unit_id, fd_error *err)
{
    const fd_complaint_intake *in = t->in;
    FD_FREE(t->complainant);
    FD_FREE(t->unit);
    t->complainant = fd_strdup(t->typed_complainant);
    t->unit = fd_strdup(t->typed_unit);
    snprintf(t->phone, sizeof t->phone, "%s", t->typed_phone);
    fd_stmt *st;
    fd_status s;
    if (in->occupant_id) {
        st = fd_sql(t->d->store, FD_SQL_COMPLAINT_OCCUPANT);
        fd_bind_int(st, ":id", in->occupant_id);
        if ((s = fd_step_row(st, err)) == FD_NOT_FOUND)
            return fd_fail(err, FD_NOT_FOUND, "complainant", _("That occupant is not in the directory."));
        if (s != FD_OK)
            return s;
        if (in->unit_id && in->unit_id != fd_col_int(st, FD_COL_COMPLAINT_OCCUPANT_UNIT_ID))
            return fd_fail(err, FD_INVALID, "unit", _("The occupant does not live in that unit."));
        *unit_id = fd_col_int(st, FD_COL_COMPLAINT_OCCUPANT_UNIT_ID);
        FD_FREE(t->unit);
        t->unit = fd_strdup(fd_col_text(st, FD_COL_COMPLAINT_OCCUPANT_UNIT));
        take_if_empty(&t->complainant, fd_col_text(st, FD_COL_COMPLAINT_OCCUPANT_NAME));
        if (!t->phone[0] && !fd_col_null(st, FD_COL_COMPLAINT_OCCUPANT_PHONE))
            snprintf(t->phone, sizeof t->phone, "%s", fd_col_text(st, FD_COL_COMPLAINT_OCCUPANT_PHONE));
        fd_stmt_reset(st);
    } else if (in->unit_id) {
        st = fd_sql(t->d->store, FD_SQL_COMPLAINT_UNIT);
        fd_bind_int(st, ":id", in->unit_id);
        if ((s = fd_step_row(st, err)) == FD_NOT_FOUND)
            return fd_fail(err, FD_NOT_FOUND, "unit", _("That unit is not in the directory."));
        if (s != FD_OK)
            return s;
        *unit_id = in->unit_id;
        FD_FREE(t->unit);
        t->unit = fd_strdup(fd_col_text(st, FD_COL_COMPLAINT_UNIT_CODE));
        fd_stmt_reset(st);
    }
    if (!t->complainant)
        return fd_fail(err, FD_INVALID, "complainant", "%s", _(complainant_rule.missing));
    if (!t->unit)
        return fd_fail(err, FD_INVALID, "unit", "%s", _(unit_rule.missing));
    if (!t->phone[0])
        return fd_fail(err, FD_INVALID, "phone", _("Enter a contact phone for the return visit."));
    return FD_OK;
}

static fd_status insert_complaint(intake *t, int64_t unit_id, fd_time received_at, fd_error *err)
{
    const fd_complaint_intake *in = t->in;
    char mac[FD_HASH_HEX];
    fd_desk_hmac_hex(t->d, t->phone, mac);
    fd_stmt *st = fd_sql(t->d->store, FD_SQL_COMPLAINT_INSERT);
    fd_bind_text(st, ":sort", fd_complaint_choice_name(FD_CLIST_SORT, (int)in->sort));
    if (in->occupant_id)
        fd_bind_int(st, ":occupant_id", in->occupant_id);
    else
        fd_bind_null(st, ":occupant_id");
    fd_bind_text(st, ":complainant", t->complainant);
    if (unit_id)
        fd_bind_int(st, ":unit_id", unit_id);
    else
        fd_bind_null(st, ":unit_id");
    fd_bind_text(st, ":unit", t->unit);
    fd_bind_text(st, ":phone_clear", t->phone);
    fd_bind_text(st, ":phone_hmac", mac);
    fd_bind_text(st, ":channel", fd_complaint_choice_name(FD_CLIST_CHANNEL, (int)in->channel));
    fd_bind_text(st, ":content", t->content);
    fd_bind_text(st, ":category", fd_complaint_choice_name(FD_CLIST_CATEGORY, (int)in->category));
    fd_bind_text(st, ":severity", in->sort == FD_SORT_COMPLAINT
                                      ? fd_complaint_choice_name(FD_CLIST_SEVERITY, (int)in->severity)
                                      : NULL);
    fd_bind_int(st, ":received_at", received_at);
    fd_bind_int(st, ":at", fd_desk_now(t->d));
    fd_bind_int(st, ":staff_id", t->who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s : inserted(t->d, t->who, "complaint.receive", FD_TABLE_complaint, &t->id, err);
}

/* The first deadline: a complaint's rectify-by, a survey opinion's to-the-department-by.
 * A special service is recorded once served, by the department that served. */
static fd_status first_step(intake *t, fd_time received_at, fd_error *err)
{
    const fd_complaint_intake *in = t->in;
    int64_t event_id;
    bool special = in->sort == FD_SORT_SPECIAL;
    fd_status s = fire(t->d, t->who, NULL, t->id, special ? "serve" : "receive", NULL, &event_id, err);
    if (s != FD_OK)
        return s;
    if (special)
        return add_assignment(t->d, t->who, t->id, event_id, in->department, err);
    rule r = rule_of(in->sort, (int)in->severity);
    return add_deadline(t->d, t->who, t->id, event_id,
                        in->sort == FD_SORT_SURVEY ? FD_DUE_ASSIGN : FD_DUE_RECTIFY, r, received_at, err);
}

static fd_status receive_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    intake *t = ctx;
    fd_time received_at = t->in->received_at;
    int64_t unit_id = 0;
    fd_status s;
    if ((s = check_time(t->d, &received_at, "received_at", err)) != FD_OK ||
        (s = fill_from_directory(t, &unit_id, err)) != FD_OK ||
        (s = insert_complaint(t, unit_id, received_at, err)) != FD_OK ||
        (s = first_step(t, received_at, err)) != FD_OK)
        return s;
    return refresh_open(t->d, t->id, err);
}

fd_status fd_complaint_receive(fd_desk *d, const fd_actor *who, const fd_complaint_intake *in,
                               int64_t *id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_COMPLAINT_RECEIVE))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not take complaints."),
                       who ? fd_role_label(who->role) : "?");
    intake t = {.d = d, .who = who, .in = in};
    fd_time received_at = in->received_at;
    fd_status s = check_intake(&t, &received_at, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, receive_txn, &t, err);
    if (s == FD_OK && id)
        *id = t.id;
    intake_free(&t);
    return s;
}

/* ---- steps ---- */

/* What a step was asked to do, checked, for its transaction. */
typedef struct step {
    fd_desk *d;
    const fd_actor *who, *approver;
    int64_t id;
    complaint_facts f;
    const char *department;
    char *note, *measures, *result, *done_by;
    fd_time at;
    const fd_complaint_visit *visit;
    char ack_phone[PHONE_TEXT];
} step;

static void step_free(step *p)
{
    FD_FREE(p->note);
    FD_FREE(p->measures);
    FD_FREE(p->result);
    FD_FREE(p->done_by);
}

static fd_status run_step(step *p, fd_write_fn txn, fd_error *err)
{
    fd_status s = fd_store_write(p->d->store, txn, p, err);
    step_free(p);
    return s;
}

static fd_status assign_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    fd_status s = complaint_read_facts(p->d, p->id, &p->f, err);
    if (s != FD_OK)
        return s;
    if (strcmp(p->f.department, p->department) == 0)
        return fd_fail(err, FD_CONFLICT, "department", _("It is already assigned to %s."),
                       p->department);
    bool first = strcmp(p->f.state, "received") == 0;
    int64_t event_id;
    if ((s = fire(p->d, p->who, NULL, p->id, first ? "assign" : "reassign", p->note, &event_id,
                  err)) != FD_OK ||
        (s = add_assignment(p->d, p->who, p->id, event_id, p->department, err)) != FD_OK)
        return s;
    /* A survey opinion's written measures are due counting from the day the
     * department has it; a complaint's rectify-by runs from intake already. */
    if (first && p->f.sort == FD_SORT_SURVEY &&
        (s = add_deadline(p->d, p->who, p->id, event_id, FD_DUE_RECTIFY, RULE_SURVEY,
                          fd_desk_now(p->d), err)) != FD_OK)
        return s;
    return refresh_open(p->d, p->id, err);
}

fd_status fd_complaint_assign(fd_desk *d, const fd_actor *who, int64_t id,
                              const char *department, const char *note, fd_error *err)
{
    step p = {.d = d, .who = who, .id = id, .department = department};
    fd_status s;
    if ((s = check_department(d->config, department, err)) != FD_OK ||
        (s = clean_text(&note_rule, note, &p.note, err)) != FD_OK) {
        step_free(&p);
        return s;
    }
    return run_step(&p, assign_txn, err);
}

static fd_status add_rectification(step *p, int64_t event_id, fd_error *err)
{
    fd_stmt *st = fd_sql(p->d->store, FD_SQL_COMPLAINT_RECTIFICATION_INSERT);
    fd_bind_int(st, ":complaint_id", p->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_text(st, ":measures", p->measures);
    fd_bind_text(st, ":result", p->result);
    fd_bind_text(st, ":done_by", p->done_by);
    fd_bind_int(st, ":done_at", p->at);
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s
                      : inserted(p->d, p->who, "complaint.rectify", FD_TABLE_complaint_rectification,
                                 NULL, err);
}

static fd_status rectify_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    int64_t event_id;
    fd_status s;
    if ((s = complaint_read_facts(p->d, p->id, &p->f, err)) != FD_OK ||
        (s = check_not_before(p->at, p->f.received_at, "done_at", _("the complaint was received"),
                              err)) != FD_OK ||
        (s = fire(p->d, p->who, NULL, p->id, "rectify", NULL, &event_id, err)) != FD_OK ||
        (s = add_rectification(p, event_id, err)) != FD_OK ||
        (s = add_deadline(p->d, p->who, p->id, event_id, FD_DUE_VISIT,
                          rule_of(p->f.sort, p->f.severity), p->at, err)) != FD_OK)
        return s;
    return refresh_open(p->d, p->id, err);
}

fd_status fd_complaint_rectify(fd_desk *d, const fd_actor *who, int64_t id,
                               const fd_complaint_rectification *r, fd_error *err)
{
    step p = {.d = d, .who = who, .id = id, .at = r->done_at};
    fd_status s;
    if ((s = clean_text(&measures_rule, r->measures, &p.measures, err)) != FD_OK ||
        (s = clean_text(&result_rule, r->result, &p.result, err)) != FD_OK ||
        (s = clean_text(&done_by_rule, r->done_by, &p.done_by, err)) != FD_OK ||
        (s = check_time(d, &p.at, "done_at", err)) != FD_OK) {
        step_free(&p);
        return s;
    }
    return run_step(&p, rectify_txn, err);
}

/* The acknowledgement (签字认可) must be one the customer could give: a paper
 * signature in person, or a confirmation on the number called. */
static fd_status check_visit(step *p, const fd_complaint_visit *v, fd_error *err)
{
    fd_status s;
    if ((s = check_choice(FD_CLIST_METHOD, (int)v->method, "method", err)) != FD_OK ||
        (s = check_choice(FD_CLIST_SATISFACTION, (int)v->satisfaction, "satisfaction", err)) != FD_OK ||
        (s = check_choice(FD_CLIST_ACK, (int)v->ack, "ack", err)) != FD_OK ||
        (s = clean_text(&result_rule, v->result, &p->result, err)) != FD_OK ||
        (s = check_time(p->d, &p->at, "visited_at", err)) != FD_OK)
        return s;
    if (v->ack == FD_ACK_SIGNED && v->method == FD_METHOD_PHONE)
        return fd_fail(err, FD_INVALID, "ack",
                       _("Nobody signs over the phone: choose \"Confirmed by phone\"."));
    /* The number called is the contact unless another is given: whoever may not see
     * the contact's number in full is not asked to type it. */
    if (v->ack != FD_ACK_PHONE || !v->ack_phone || !v->ack_phone[strspn(v->ack_phone, " \t")])
        return FD_OK;
    return fd_validate_phone(v->ack_phone, "ack_phone", p->ack_phone, sizeof p->ack_phone, err);
}

static fd_status add_visit(step *p, int64_t event_id, fd_error *err)
{
    const fd_complaint_visit *v = p->visit;
    fd_stmt *st = fd_sql(p->d->store, FD_SQL_COMPLAINT_VISIT_INSERT);
    fd_bind_int(st, ":complaint_id", p->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":visited_at", p->at);
    fd_bind_text(st, ":method", fd_complaint_choice_name(FD_CLIST_METHOD, (int)v->method));
    fd_bind_text(st, ":result", p->result);
    fd_bind_text(st, ":satisfaction", fd_complaint_choice_name(FD_CLIST_SATISFACTION, (int)v->satisfaction));
    fd_bind_text(st, ":ack", fd_complaint_choice_name(FD_CLIST_ACK, (int)v->ack));
    if (v->ack == FD_ACK_PHONE) {
        char mac[FD_HASH_HEX];
        fd_desk_hmac_hex(p->d, p->ack_phone, mac);
        fd_bind_text(st, ":ack_phone_clear", p->ack_phone);
        fd_bind_text(st, ":ack_phone_hmac", mac);
    } else {
        fd_bind_null(st, ":ack_phone_clear");
        fd_bind_null(st, ":ack_phone_hmac");
    }
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s : inserted(p->d, p->who, "complaint.visit", FD_TABLE_complaint_visit, NULL, err);
}

/* The manual (回访制度 3.2) asks for a special service's return visit by phone. */
static fd_status check_visit_facts(const step *p, fd_error *err)
{
    if (p->f.sort == FD_SORT_SPECIAL && p->visit->method != FD_METHOD_PHONE)
        return fd_fail(err, FD_INVALID, "method", _("A special service is visited by phone."));
    if (strcmp(p->f.state, "served") == 0)
        return check_not_before(p->at, p->f.received_at, "visited_at", _("the service"), err);
    if (p->f.rectified_at)
        return check_not_before(p->at, p->f.rectified_at, "visited_at", _("the rectification"), err);
    return FD_OK;
}

/* Confirmed by phone with no other number given: the contact, as it reads now. */
static fd_status called_contact(step *p, fd_error *err)
{
    if (p->visit->ack != FD_ACK_PHONE || p->ack_phone[0])
        return FD_OK;
    fd_stmt *st = fd_sql(p->d->store, FD_SQL_COMPLAINT_PHONE);
    fd_bind_int(st, ":id", p->id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return no_such_complaint(p->id, err);
    if (s == FD_OK)
        snprintf(p->ack_phone, sizeof p->ack_phone, "%s", fd_col_text(st, FD_COL_COMPLAINT_PHONE_PHONE));
    fd_stmt_reset(st);
    return s;
}

static fd_status visit_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    bool reopen = p->visit->satisfaction == FD_SATISFACTION_DISSATISFIED;
    int64_t event_id;
    fd_status s;
    if ((s = complaint_read_facts(p->d, p->id, &p->f, err)) != FD_OK ||
        (s = called_contact(p, err)) != FD_OK ||
        (s = fire(p->d, p->who, NULL, p->id, reopen ? "reopen" : "visit", NULL, &event_id, err)) != FD_OK ||
        (s = check_visit_facts(p, err)) != FD_OK || (s = add_visit(p, event_id, err)) != FD_OK)
        return s;
    /* Dissatisfied: rectified again, due as the first time counting from this visit. */
    if (reopen && (s = add_deadline(p->d, p->who, p->id, event_id, FD_DUE_RECTIFY,
                                    rule_of(p->f.sort, p->f.severity), p->at, err)) != FD_OK)
        return s;
    return refresh_open(p->d, p->id, err);
}

fd_status fd_complaint_visit_record(fd_desk *d, const fd_actor *who, int64_t id,
                                    const fd_complaint_visit *v, fd_error *err)
{
    step p = {.d = d, .who = who, .id = id, .at = v->visited_at, .visit = v};
    fd_status s = check_visit(&p, v, err);
    if (s != FD_OK) {
        step_free(&p);
        return s;
    }
    return run_step(&p, visit_txn, err);
}

static fd_status close_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    fd_status s = complaint_read_facts(p->d, p->id, &p->f, err);
    if (s != FD_OK)
        return s;
    if (strcmp(p->f.state, "visited") != 0 && strcmp(p->f.state, "closed") != 0)
        return fd_fail(err, FD_STATE, NULL,
                       _("Not closed: a complaint is closed only after a return visit the "
                         "customer acknowledged."));
    if ((s = fire(p->d, p->who, NULL, p->id, "close", p->note, NULL, err)) != FD_OK)
        return s;
    return refresh_open(p->d, p->id, err);
}

fd_status fd_complaint_close(fd_desk *d, const fd_actor *who, int64_t id, const char *note,
                             fd_error *err)
{
    step p = {.d = d, .who = who, .id = id};
    fd_status s = clean_text(&note_rule, note, &p.note, err);
    if (s != FD_OK)
        return s;
    return run_step(&p, close_txn, err);
}

static fd_status escalate_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    fd_status s = complaint_read_facts(p->d, p->id, &p->f, err);
    if (s != FD_OK)
        return s;
    if (p->f.escalated_to[0])
        return fd_fail(err, FD_CONFLICT, NULL, _("%s has taken this complaint over already."),
                       p->f.escalated_to);
    if ((s = fire(p->d, p->who, p->approver, p->id, "escalate", p->note, NULL, err)) != FD_OK)
        return s;
    return refresh_open(p->d, p->id, err);
}

fd_status fd_complaint_escalate(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                                int64_t id, const char *reason, fd_error *err)
{
    step p = {.d = d, .who = who, .approver = approver, .id = id};
    fd_status s = clean_text(&reason_rule, reason, &p.note, err);
    if (s != FD_OK)
        return s;
    return run_step(&p, escalate_txn, err);
}

static fd_status refer_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    fd_status s = complaint_read_facts(p->d, p->id, &p->f, err);
    if (s == FD_OK)
        s = fire(p->d, p->who, NULL, p->id, "refer", p->note, NULL, err);
    return s == FD_OK ? refresh_open(p->d, p->id, err) : s;
}

fd_status fd_complaint_refer(fd_desk *d, const fd_actor *who, int64_t id, const char *reason,
                             fd_error *err)
{
    step p = {.d = d, .who = who, .id = id};
    fd_status s = clean_text(&reason_rule, reason, &p.note, err);
    if (s != FD_OK)
        return s;
    return run_step(&p, refer_txn, err);
}

static fd_status accept_txn(fd_store *store, void *ctx, fd_error *err)
{
    step *p = ctx;
    referral r;
    fd_status s = read_referral(p->d, p->id, &r, err);
    if (s != FD_OK)
        return s;
    if (!r.pending) {
        complaint_facts f;
        if ((s = complaint_read_facts(p->d, p->id, &f, err)) != FD_OK)
            return s;
        if (f.escalated_to[0])
            return fd_fail(err, FD_CONFLICT, NULL, _("%s has taken this complaint over already."),
                           f.escalated_to);
        return fd_fail(err, FD_STATE, NULL, _("Nobody has handed this complaint to the CS manager."));
    }
    return escalate_txn(store, ctx, err);
}

fd_status fd_complaint_accept(fd_desk *d, const fd_actor *who, int64_t id, const char *note,
                              fd_error *err)
{
    step p = {.d = d, .who = who, .id = id};
    fd_status s = clean_text(&note_rule, note, &p.note, err);
    if (s != FD_OK)
        return s;
    return run_step(&p, accept_txn, err);
}

/* ---- one complaint ---- */

static char *col_dup(fd_stmt *st, int col)
{
    return fd_col_null(st, col) ? NULL : fd_strdup(fd_col_text(st, col));
}

int complaint_col_choice(fd_stmt *st, int col, fd_complaint_list list)
{
    return fd_col_null(st, col) ? -1 : fd_complaint_choice_parse(list, fd_col_text(st, col));
}

bool complaint_is_overdue(const fd_desk *d, fd_time due)
{
    return due != FD_COMPLAINT_NO_DUE && due < fd_desk_now(d);
}

/* complaint_open.due_at as the API gives it: 0 when nothing is due or it is closed. */
fd_time complaint_col_due(fd_stmt *st, int col)
{
    return fd_col_null(st, col) || fd_col_int(st, col) == no_deadline ? FD_COMPLAINT_NO_DUE
                                                                       : fd_col_int(st, col);
}

static void read_detail(fd_desk *d, const fd_actor *who, fd_stmt *st, fd_complaint_detail *c)
{
    *c = (fd_complaint_detail){
        .id = fd_col_int(st, FD_COL_COMPLAINT_GET_ID),
        .sort = (fd_complaint_sort)complaint_col_choice(st, FD_COL_COMPLAINT_GET_SORT, FD_CLIST_SORT),
        .state = (fd_complaint_state)complaint_col_choice(st, FD_COL_COMPLAINT_GET_STATE, FD_CLIST_STATE),
        .occupant_id = fd_col_int(st, FD_COL_COMPLAINT_GET_OCCUPANT_ID),
        .unit_id = fd_col_int(st, FD_COL_COMPLAINT_GET_UNIT_ID),
        .complainant = col_dup(st, FD_COL_COMPLAINT_GET_COMPLAINANT),
        .unit = col_dup(st, FD_COL_COMPLAINT_GET_UNIT),
        .phone = complaint_shown_phone(d, who, fd_col_text(st, FD_COL_COMPLAINT_GET_PHONE)),
        .phone_in_full = complaint_sees_phones(d, who),
        .content = col_dup(st, FD_COL_COMPLAINT_GET_CONTENT),
        .channel = (fd_complaint_channel)complaint_col_choice(st, FD_COL_COMPLAINT_GET_CHANNEL, FD_CLIST_CHANNEL),
        .category = (fd_complaint_category)complaint_col_choice(st, FD_COL_COMPLAINT_GET_CATEGORY, FD_CLIST_CATEGORY),
        .severity = complaint_col_choice(st, FD_COL_COMPLAINT_GET_SEVERITY, FD_CLIST_SEVERITY),
        .department = col_dup(st, FD_COL_COMPLAINT_GET_DEPARTMENT),
        .received_by = col_dup(st, FD_COL_COMPLAINT_GET_RECEIVED_BY),
        .received_at = fd_col_int(st, FD_COL_COMPLAINT_GET_RECEIVED_AT),
        .due_at = complaint_col_due(st, FD_COL_COMPLAINT_GET_DUE_AT),
        .escalated_to = col_dup(st, FD_COL_COMPLAINT_GET_ESCALATED_BY),
    };
    int kind = -1;
    for (int k = 0; !fd_col_null(st, FD_COL_COMPLAINT_GET_DEADLINE_WHAT) && k < 3; k++)
        if (strcmp(complaint_due_names[k], fd_col_text(st, FD_COL_COMPLAINT_GET_DEADLINE_WHAT)) == 0)
            kind = k;
    c->due_kind = kind < 0 ? FD_DUE_RECTIFY : (fd_complaint_due_kind)kind;
    c->due_unconfirmed = complaint_due_unconfirmed(d, c->sort, (int)c->due_kind, c->due_at);
    c->overdue = complaint_is_overdue(d, c->due_at);
    c->escalated = c->escalated_to || c->overdue;
}

static fd_status load_detail(fd_desk *d, const fd_actor *who, int64_t id, fd_complaint_detail *out,
                             fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_COMPLAINT_GET);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return no_such_complaint(id, err);
    if (s == FD_OK)
        read_detail(d, who, st, out);
    fd_stmt_reset(st);
    referral r;
    if (s == FD_OK && (s = read_referral(d, id, &r, err)) == FD_OK && r.pending) {
        out->referred_by = fd_strdup(r.by);
        out->referral_reason = fd_strdup(r.reason);
        out->referred_at = r.at;
    }
    return s;
}

void fd_complaint_detail_free(fd_complaint_detail *c)
{
    FD_FREE(c->complainant);
    FD_FREE(c->unit);
    FD_FREE(c->phone);
    FD_FREE(c->content);
    FD_FREE(c->department);
    FD_FREE(c->received_by);
    FD_FREE(c->escalated_to);
    FD_FREE(c->referred_by);
    FD_FREE(c->referral_reason);
}

typedef struct get_ctx {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    fd_complaint_detail *out;
} get_ctx;

static fd_status get_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    get_ctx *g = ctx;
    return load_detail(g->d, g->who, g->id, g->out, err);
}

fd_status fd_complaint_get(fd_desk *d, const fd_actor *who, int64_t id,
                           fd_complaint_detail *out, fd_error *err)
{
    *out = (fd_complaint_detail){0};
    get_ctx g = {d, who, id, out};
    return fd_store_read(d->store, get_txn, &g, err);
}

/* ---- corrections ---- */

typedef struct correction {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    const char *field;
    char *value, *reason;
    int choice; /* the value of a choice field */
} correction;

/* The correctable fields: free text with its rule, a choice list, or the phone. */
static const struct {
    const char *field;
    const text_rule *text;
    fd_complaint_list list;
} correctable[] = {
    {"complainant", &complainant_rule, FD_CLIST_COUNT},
    {"unit", &unit_rule, FD_CLIST_COUNT},
    {"content", &content_rule, FD_CLIST_COUNT},
    {"phone", NULL, FD_CLIST_COUNT},
    {"channel", NULL, FD_CLIST_CHANNEL},
    {"category", NULL, FD_CLIST_CATEGORY},
    {"severity", NULL, FD_CLIST_SEVERITY},
    {"received_at", NULL, FD_CLIST_COUNT},
};

bool complaint_is_phone(const char *field)
{
    return strcmp(field, "phone") == 0;
}

/* The contact for the return visit, kept in normal form as at intake. */
static fd_status check_phone(correction *c, const char *value, fd_error *err)
{
    char phone[PHONE_TEXT];
    fd_status s = fd_validate_phone(value, "phone", phone, sizeof phone, err);
    if (s == FD_OK)
        c->value = fd_strdup(phone);
    return s;
}

/* The time taken in, typed as the desk types a moment (fd_time_parse_near), kept as its instant; never in the
 * future (checked against the later steps in the transaction). */
static fd_status check_received_at(correction *c, const char *value, fd_error *err)
{
    fd_time t;
    fd_when_problem why;
    char problem[FD_WHEN_PROBLEM_TEXT];
    if (!fd_time_parse_near(value, fd_desk_now(c->d), &t, &why))
        return fd_fail(err, FD_INVALID, "received_at", "%s",
                       fd_when_problem_text(&why, fd_time_hint(), problem));
    fd_status s = check_time(c->d, &t, "received_at", err);
    if (s == FD_OK)
        c->value = fd_printf("%lld", (long long)t);
    return s;
}

static fd_status check_correction(correction *c, const char *value, fd_error *err)
{
    for (size_t i = 0; i < sizeof correctable / sizeof correctable[0]; i++) {
        if (strcmp(correctable[i].field, c->field) != 0)
            continue;
        if (correctable[i].text)
            return clean_text(correctable[i].text, value, &c->value, err);
        if (complaint_is_phone(c->field))
            return check_phone(c, value, err);
        if (strcmp(c->field, "received_at") == 0)
            return check_received_at(c, value, err);
        c->choice = fd_complaint_choice_parse(correctable[i].list, value);
        if (c->choice < 0)
            return fd_fail(err, FD_INVALID, c->field, _("Choose one of the listed values."));
        c->value = fd_strdup(value);
        return FD_OK;
    }
    return fd_fail(err, FD_INVALID, "field", _("That part of a complaint cannot be corrected."));
}

static const char *current_text(const fd_complaint_detail *x, const char *field)
{
    if (strcmp(field, "complainant") == 0)
        return x->complainant;
    if (strcmp(field, "unit") == 0)
        return x->unit;
    if (strcmp(field, "content") == 0)
        return x->content;
    if (strcmp(field, "channel") == 0)
        return fd_complaint_choice_name(FD_CLIST_CHANNEL, (int)x->channel);
    if (strcmp(field, "category") == 0)
        return fd_complaint_choice_name(FD_CLIST_CATEGORY, (int)x->category);
    return fd_complaint_choice_name(FD_CLIST_SEVERITY, x->severity);
}

/* The value the field reads now (caller frees); the phone in full whoever corrects
 * it, as the detail shows it masked to most. */
static fd_status recorded_value(const correction *c, const fd_complaint_detail *x, char **out,
                                fd_error *err)
{
    if (strcmp(c->field, "received_at") == 0) {
        *out = fd_printf("%lld", (long long)x->received_at);
        return FD_OK;
    }
    if (!complaint_is_phone(c->field)) {
        *out = fd_strdup(current_text(x, c->field));
        return FD_OK;
    }
    fd_stmt *st = fd_sql(c->d->store, FD_SQL_COMPLAINT_PHONE);
    fd_bind_int(st, ":id", c->id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        *out = col_dup(st, FD_COL_COMPLAINT_PHONE_PHONE);
    fd_stmt_reset(st);
    return s;
}

typedef struct deadline {
    int64_t id;
    fd_complaint_due_kind what;
    char rule[16];
    fd_time counted_from, due_at;
} deadline;

enum { DEADLINES_MAX = 64 };

/* The complaint's deadlines, read whole before any is corrected. */
static fd_status read_deadlines(fd_desk *d, int64_t id, deadline *out, size_t *count, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_COMPLAINT_DEADLINES);
    fd_bind_int(st, ":id", id);
    int rc;
    *count = 0;
    while ((rc = fd_step(st, err)) == 1 && *count < DEADLINES_MAX) {
        deadline *dl = &out[(*count)++];
        dl->id = fd_col_int(st, FD_COL_COMPLAINT_DEADLINES_ID);
        dl->what = strcmp(fd_col_text(st, FD_COL_COMPLAINT_DEADLINES_WHAT), "assign") == 0    ? FD_DUE_ASSIGN
                   : strcmp(fd_col_text(st, FD_COL_COMPLAINT_DEADLINES_WHAT), "rectify") == 0 ? FD_DUE_RECTIFY
                                                                : FD_DUE_VISIT;
        snprintf(dl->rule, sizeof dl->rule, "%s", fd_col_text(st, FD_COL_COMPLAINT_DEADLINES_RULE));
        dl->counted_from = fd_col_int(st, FD_COL_COMPLAINT_DEADLINES_COUNTED_FROM);
        dl->due_at = fd_col_int(st, FD_COL_COMPLAINT_DEADLINES_DUE_AT);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* A new severity re-derives every deadline counted under the old one, each as a
 * correction of the deadline row with the same reason. */
static fd_status rederive(correction *c, fd_error *err)
{
    deadline dls[DEADLINES_MAX];
    size_t count;
    fd_status s = read_deadlines(c->d, c->id, dls, &count, err);
    rule r = c->choice == FD_SEVERITY_MAJOR ? RULE_MAJOR : RULE_GENERAL;
    for (size_t i = 0; s == FD_OK && i < count; i++) {
        if (strcmp(dls[i].rule, rule_names[r]) == 0)
            continue;
        char due[24];
        snprintf(due, sizeof due, "%lld", (long long)due_by_rule(c->d->config, r, dls[i].what, dls[i].counted_from));
        s = fd_correct(c->d, c->who, "complaint_deadline", dls[i].id, "rule", rule_names[r], c->reason,
                       NULL, err);
        if (s == FD_OK)
            s = fd_correct(c->d, c->who, "complaint_deadline", dls[i].id, "due_at", due, c->reason,
                           NULL, err);
    }
    return s;
}

/* A new time taken in moves every deadline counted from the old one (the first:
 * rectify-by, a survey's to-the-department-by), each as a correction of the deadline
 * row with the same reason. The later steps stay after it. */
static fd_status move_received(correction *c, fd_time old, fd_error *err)
{
    fd_time t = (fd_time)strtoll(c->value, NULL, 10);
    complaint_facts f;
    fd_status s = complaint_read_facts(c->d, c->id, &f, err);
    if (s != FD_OK)
        return s;
    if (f.rectified_at && t > f.rectified_at)
        return fd_fail(err, FD_INVALID, "received_at", _("The time is after the rectification."));
    deadline dls[DEADLINES_MAX];
    size_t count;
    s = read_deadlines(c->d, c->id, dls, &count, err);
    for (size_t i = 0; s == FD_OK && i < count; i++) {
        if (dls[i].counted_from != old)
            continue;
        rule r = strcmp(dls[i].rule, "major") == 0 ? RULE_MAJOR
                 : strcmp(dls[i].rule, "survey") == 0 ? RULE_SURVEY : RULE_GENERAL;
        char from[24], due[24];
        snprintf(from, sizeof from, "%lld", (long long)t);
        snprintf(due, sizeof due, "%lld", (long long)due_by_rule(c->d->config, r, dls[i].what, t));
        s = fd_correct(c->d, c->who, "complaint_deadline", dls[i].id, "counted_from", from, c->reason,
                       NULL, err);
        if (s == FD_OK)
            s = fd_correct(c->d, c->who, "complaint_deadline", dls[i].id, "due_at", due, c->reason,
                           NULL, err);
    }
    return s;
}

static fd_status correct_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    correction *c = ctx;
    fd_complaint_detail x;
    fd_status s = load_detail(c->d, c->who, c->id, &x, err);
    if (s != FD_OK)
        return s;
    bool severity = strcmp(c->field, "severity") == 0;
    fd_time received_before = x.received_at;
    char *old = NULL;
    s = recorded_value(c, &x, &old, err);
    if (s == FD_OK && severity && x.sort != FD_SORT_COMPLAINT)
        s = fd_fail(err, FD_INVALID, "severity", _("Only a complaint has a severity."));
    else if (s == FD_OK && old && strcmp(old, c->value) == 0)
        s = fd_fail(err, FD_CONFLICT, c->field, _("That is the value already recorded."));
    else if (s == FD_OK)
        s = fd_correct(c->d, c->who, "complaint", c->id, c->field, c->value, c->reason, NULL, err);
    free(old);
    fd_complaint_detail_free(&x);
    if (s == FD_OK && severity)
        s = rederive(c, err);
    if (s == FD_OK && strcmp(c->field, "received_at") == 0)
        s = move_received(c, received_before, err);
    return s == FD_OK ? refresh_open(c->d, c->id, err) : s;
}

fd_status fd_complaint_correct(fd_desk *d, const fd_actor *who, int64_t id, const char *field,
                               const char *value, const char *reason, fd_error *err)
{
    correction c = {.d = d, .who = who, .id = id, .field = field ? field : ""};
    bool severity = strcmp(c.field, "severity") == 0;
    if (severity && !fd_may(who, FD_ACT_COMPLAINT_SEVERITY))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only a duty manager or the CS manager may change a complaint's severity."));
    if (!fd_may(who, FD_ACT_COMPLAINT_CORRECT))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not correct complaints."),
                       who ? fd_role_label(who->role) : "?");
    fd_status s = check_correction(&c, value, err);
    if (s == FD_OK)
        s = clean_text(&reason_rule, reason, &c.reason, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, correct_txn, &c, err);
    free(c.value);
    free(c.reason);
    return s;
}
