/* The hotline and walk-in register: see include/frontdesk/calls.h. An entry is a row of
 * call_entry and the events of the call machine; an answer or a referral is its event
 * plus the row that carries what it recorded. Nothing is updated. */
#include "frontdesk/calls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/calls_internal.h"
#include "frontdesk/audit.h"
#include "frontdesk/choice.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "store/stmt.h"

enum { NAME_CHARS = 32, TEXT_CHARS = 1000, NOTE_CHARS = 500 };

/* ---- choice lists ---- */

static const fd_choice channels[] = {FD_CALL_CHANNEL_LIST(FD_CHOICE_ROW)};
static const fd_choice matters[] = {FD_CALL_MATTER_LIST(FD_CHOICE_ROW)};
static const fd_choice states[] = {FD_CALL_STATE_LIST(FD_CHOICE_ROW)};
static const fd_choice fields[] = {FD_CALL_FIELD_LIST(FD_CHOICE_ROW)};

static const fd_choice_list lists[FD_CALL_LIST_COUNT] = {
    [FD_CALL_LIST_CHANNEL] = FD_CHOICE_LIST(channels),
    [FD_CALL_LIST_MATTER] = FD_CHOICE_LIST(matters),
    [FD_CALL_LIST_STATE] = FD_CHOICE_LIST(states),
    [FD_CALL_LIST_FIELD] = FD_CHOICE_LIST(fields),
};

static const fd_choice_list *list_of(fd_call_list list)
{
    return fd_choice_pick(lists, FD_CALL_LIST_COUNT, (int)list);
}

static bool in_list(fd_call_list list, int value)
{
    return fd_choice_valid(list_of(list), value);
}

int fd_call_choice_count(fd_call_list list)
{
    return fd_choice_count(list_of(list));
}

const char *fd_call_choice_name(fd_call_list list, int value)
{
    return fd_choice_name(list_of(list), value);
}

const char *fd_call_choice_label(fd_call_list list, int value)
{
    return fd_choice_label(list_of(list), value);
}

int fd_call_choice_parse(fd_call_list list, const char *name)
{
    return fd_choice_parse(list_of(list), name);
}

/* ---- a repair request's names and labels ---- */

static const fd_choice repair_states[] = {FD_REPAIR_STATE_LIST(FD_CHOICE_ROW)};
static const fd_choice repair_fields[] = {FD_REPAIR_FIELD_LIST(FD_CHOICE_ROW)};
static const fd_choice_list repair_state_list = FD_CHOICE_LIST(repair_states);
static const fd_choice_list repair_field_list = FD_CHOICE_LIST(repair_fields);

const char *fd_repair_state_name(fd_repair_state s)
{
    return fd_choice_name(&repair_state_list, (int)s);
}

const char *fd_repair_state_label(fd_repair_state s)
{
    return fd_choice_label(&repair_state_list, (int)s);
}

const char *fd_repair_field_label(fd_repair_field f)
{
    return fd_choice_label(&repair_field_list, (int)f);
}

/* A stored state read back; handed when there is none (NULL) or it is unknown. */
int call_repair_state_parse(const char *name)
{
    int s = fd_choice_parse(&repair_state_list, name ? name : "");
    return s < 0 ? FD_REPAIR_HANDED : s;
}

const char *call_repair_field_name(fd_repair_field f)
{
    return fd_choice_name(&repair_field_list, (int)f);
}

int call_repair_field_parse(const char *name)
{
    return fd_choice_parse(&repair_field_list, name ? name : "");
}

/* ---- the machine ---- */

static const char *state_label(const char *state)
{
    int s = fd_call_choice_parse(FD_CALL_LIST_STATE, state);
    return s < 0 ? NULL : fd_call_choice_label(FD_CALL_LIST_STATE, s);
}

/* What the closing guard checks: whether the entry has an answer on record. */
typedef struct closing {
    bool answered;
} closing;

/* Done means the caller got an answer, or the note says how it ended (hung up, came
 * back and withdrew it …): the register must never show a closed entry with nothing. */
static fd_status close_guard(fd_desk *d, const fd_fire *fire, int64_t entity_id, fd_error *err)
{
    (void)d;
    (void)entity_id;
    const closing *c = fire->guard_ctx;
    if ((c && c->answered) || (fire->note && *fire->note))
        return FD_OK;
    return fd_fail(err, FD_INVALID, "note",
                   _("No answer is on record: say how the matter ended before closing it."));
}

/* A repair goes to engineering once, and only a repair. */
static fd_status call_repair_guard(fd_desk *d, const fd_fire *fire, int64_t call_id, fd_error *err)
{
    (void)fire;
    fd_stmt *st = fd_sql(d->store, FD_SQL_CALL_FOR_REPAIR);
    fd_bind_int(st, ":id", call_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no register entry number %lld."),
                       (long long)call_id);
    if (s != FD_OK)
        return s;
    const char *matter = fd_col_text(st, FD_COL_CALL_FOR_REPAIR_MATTER);
    int64_t repair_id = fd_col_int(st, FD_COL_CALL_FOR_REPAIR_REPAIR_ID);
    if (repair_id)
        s = fd_fail(err, FD_CONFLICT, NULL, _("Entry No. %lld is repair request No. %lld already."),
                    (long long)call_id, (long long)repair_id);
    else if (strcmp(matter, fd_call_choice_name(FD_CALL_LIST_MATTER, FD_MATTER_REPAIR)) != 0)
        s = fd_fail(err, FD_INVALID, NULL,
                    _("Only a repair goes to engineering: correct the entry's matter first if it "
                      "is one."));
    fd_stmt_reset(st);
    return s;
}

static const fd_transition transitions[] = {
    {NULL, "take", "open", FD_ACT_CALL_TAKE, NULL},
    {"open", "answer", "open", FD_ACT_CALL_FOLLOW, NULL},
    {"open", "refer", "open", FD_ACT_CALL_FOLLOW, NULL},
    {"open", "close", "closed", FD_ACT_CALL_FOLLOW, close_guard},
    {"open", "complain", "closed", FD_ACT_CALL_FOLLOW, NULL},
    {"open", "repair", "closed", FD_ACT_CALL_REPAIR, call_repair_guard},
};

const fd_machine fd_call_machine = {
    "call", transitions, sizeof transitions / sizeof transitions[0], state_label,
};

static const char *const step_events[FD_CALL_STEP_COUNT] = {
    [FD_CALL_STEP_ANSWER] = "answer",
    [FD_CALL_STEP_REFER] = "refer",
    [FD_CALL_STEP_CLOSE] = "close",
    [FD_CALL_STEP_COMPLAIN] = "complain",
    [FD_CALL_STEP_REPAIR] = "repair",
};

typedef struct asking {
    fd_desk *d;
    int64_t call_id;
    fd_call_state state;
    const char *event;
    const fd_actor *who, *approver;
    fd_status answer;
} asking;

/* The repair's guard reads the entry's matter: asked in a snapshot of its own. */
static fd_status ask_in_snapshot(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    (void)err;
    asking *a = ctx;
    a->answer = fd_machine_may(a->d, &fd_call_machine, a->call_id,
                               fd_call_choice_name(FD_CALL_LIST_STATE, (int)a->state), a->event,
                               a->who, a->approver);
    return FD_OK;
}

fd_status fd_call_may(fd_desk *d, int64_t call_id, fd_call_state state, fd_call_step step,
                      const fd_actor *who, const fd_actor *approver)
{
    if ((unsigned)step >= FD_CALL_STEP_COUNT)
        return FD_STATE;
    if (step == FD_CALL_STEP_REPAIR) {
        asking a = {d, call_id, state, step_events[step], who, approver, FD_OK};
        fd_error err = {0};
        fd_status s = fd_store_read(d->store, ask_in_snapshot, &a, &err);
        return s != FD_OK ? s : a.answer;
    }
    return fd_machine_may(d, &fd_call_machine, call_id,
                          fd_call_choice_name(FD_CALL_LIST_STATE, (int)state), step_events[step],
                          who, approver);
}

/* ---- checking what is typed ---- */

fd_status call_clean_text(const char *text, const char *field, size_t max_chars, bool lines,
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

static fd_status check_choice(fd_call_list list, int value, const char *field, fd_error *err)
{
    return in_list(list, value) ? FD_OK
                                : fd_fail(err, FD_INVALID, field, _("Choose one of the listed values."));
}

fd_status call_check_department(const fd_config *cfg, const char *department, fd_error *err)
{
    for (size_t i = 0; department && i < cfg->departments.count; i++)
        if (strcmp(cfg->departments.items[i], department) == 0)
            return FD_OK;
    return fd_fail(err, FD_INVALID, "department", _("Choose one of the configured departments."));
}

/* An empty phone stays empty; any other is checked and put in normal form. */
static fd_status clean_phone(const char *phone, const char *field, char *out, size_t size,
                             fd_error *err)
{
    out[0] = '\0';
    if (text_blank(phone ? phone : ""))
        return FD_OK;
    return fd_validate_phone(phone, field, out, size, err);
}

static fd_status refuse_role(const fd_actor *who, fd_action action, fd_error *err)
{
    return fd_fail(err, FD_DENIED, NULL, _("%s may not do this (%s)."),
                   who ? fd_role_label(who->role) : "?", fd_action_name(action));
}

/* ---- writing ---- */

fd_status call_facts(fd_desk *d, int64_t id, bool *answered, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_CALL_FACTS);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no register entry number %lld."),
                       (long long)id);
    if (s != FD_OK)
        return s;
    if (answered)
        *answered = fd_col_int(st, FD_COL_CALL_FACTS_ANSWERS) > 0;
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

static fd_status fire(fd_desk *d, const fd_actor *who, int64_t id, const char *event,
                      const char *note, void *guard_ctx, int64_t *event_id, fd_error *err)
{
    fd_fire f = {.actor = who, .note = note && *note ? note : NULL, .guard_ctx = guard_ctx};
    return fd_machine_fire(d, &fd_call_machine, id, event, &f, event_id, err);
}

static fd_status add_answer(fd_desk *d, const fd_actor *who, int64_t id, const char *answer,
                            fd_error *err)
{
    int64_t event_id;
    fd_status s = fire(d, who, id, "answer", NULL, NULL, &event_id, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_CALL_ANSWER_INSERT);
    fd_bind_int(st, ":call_id", id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_text(st, ":answer", answer);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s : audited(d, who, "call.answer", FD_TABLE_call_answer, NULL, err);
}

static fd_status add_referral(fd_desk *d, const fd_actor *who, int64_t id, const char *department,
                              const char *person, fd_error *err)
{
    int64_t event_id;
    fd_status s = fire(d, who, id, "refer", NULL, NULL, &event_id, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_CALL_REFERRAL_INSERT);
    fd_bind_int(st, ":call_id", id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_text(st, ":department", department);
    fd_bind_text(st, ":person", *person ? person : NULL);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s : audited(d, who, "call.refer", FD_TABLE_call_referral, NULL, err);
}

/* ---- intake ---- */

/* What was typed, checked; the unit the directory makes of it is found in the
 * transaction (kept apart, so a retried transaction starts again from what was typed). */
typedef struct intake {
    fd_desk *d;
    const fd_actor *who;
    const fd_call_intake *in;
    fd_time received_at;
    char caller[FD_CALL_NAME_MAX], unit[FD_CALL_NAME_MAX], person[FD_CALL_NAME_MAX];
    char phone[FD_CALL_PHONE_MAX];
    char question[FD_CALL_TEXT_MAX], answer[FD_CALL_TEXT_MAX];
    int64_t unit_id;
    char unit_code[FD_CALL_NAME_MAX];
    char directory_phone[FD_CALL_PHONE_MAX]; /* the picked caller's, when none was typed */
    int64_t id;
} intake;

static fd_status check_received_at(fd_desk *d, fd_time *t, fd_error *err)
{
    fd_time now = fd_desk_now(d);
    if (*t == 0)
        *t = now;
    else if (*t > now)
        return fd_fail(err, FD_INVALID, "received_at", _("The time cannot be in the future."));
    return FD_OK;
}

static fd_status check_referral(const fd_config *cfg, const fd_call_intake *in, fd_error *err)
{
    if (text_blank(in->department ? in->department : "")) {
        if (!text_blank(in->person ? in->person : ""))
            return fd_fail(err, FD_INVALID, "department",
                           _("Choose the department the person referred to works in."));
        return FD_OK;
    }
    return call_check_department(cfg, in->department, err);
}

/* A unit is a code: typed in an input method's full-width mode (Ｚ－９) it is the
 * directory's Z-9, found there and stored so. */
static fd_status clean_unit(const char *text, const char *field, char *out, size_t size, fd_error *err)
{
    char *folded = text_folded(text ? text : "");
    fd_status s = call_clean_text(folded, field, NAME_CHARS, false, NULL, out, size, err);
    free(folded);
    return s;
}

static fd_status check_intake(intake *t, fd_error *err)
{
    const fd_call_intake *in = t->in;
    t->received_at = in->received_at;
    fd_status s;
    if ((s = check_received_at(t->d, &t->received_at, err)) != FD_OK ||
        (s = check_choice(FD_CALL_LIST_CHANNEL, (int)in->channel, "channel", err)) != FD_OK ||
        (s = check_choice(FD_CALL_LIST_MATTER, (int)in->matter, "matter", err)) != FD_OK ||
        (s = call_clean_text(in->caller, "caller", NAME_CHARS, false,
                             _("Enter who called or came, as they gave their name."), t->caller,
                             sizeof t->caller, err)) != FD_OK ||
        (s = clean_unit(in->unit, "unit", t->unit, sizeof t->unit, err)) != FD_OK ||
        (s = clean_phone(in->phone, "phone", t->phone, sizeof t->phone, err)) != FD_OK ||
        (s = call_clean_text(in->question, "question", TEXT_CHARS, true,
                             _("Enter what the caller asked or reported."), t->question,
                             sizeof t->question, err)) != FD_OK ||
        (s = call_clean_text(in->answer, "answer", TEXT_CHARS, true, NULL, t->answer, sizeof t->answer,
                             err)) != FD_OK ||
        (s = check_referral(t->d->config, in, err)) != FD_OK ||
        (s = call_clean_text(in->person, "person", NAME_CHARS, false, NULL, t->person,
                             sizeof t->person, err)) != FD_OK)
        return s;
    if (in->done && !t->answer[0])
        return fd_fail(err, FD_INVALID, "answer", _("Enter the answer given before marking it done."));
    return FD_OK;
}

/* The directory's unit whose code is code, typed in either case: its id and its code as
 * the directory writes it (canonical may be code itself). FD_NOT_FOUND when the
 * directory has none. */
static fd_status unit_by_code(fd_store *store, const char *code, int64_t *id, char *canonical,
                              size_t size, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_UNIT_BY_CODE);
    fd_bind_text(st, ":code", code);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        *id = fd_col_int(st, FD_COL_CALL_UNIT_BY_CODE_ID);
        snprintf(canonical, size, "%s", fd_col_text(st, FD_COL_CALL_UNIT_BY_CODE_CODE));
    }
    fd_stmt_reset(st);
    return s;
}

/* The unit picked, or the one whose code was typed; a unit the directory does not know
 * stays as typed (unit_id 0) and the screen warns. */
static fd_status find_unit(intake *t, fd_error *err)
{
    t->unit_id = 0;
    snprintf(t->unit_code, sizeof t->unit_code, "%s", t->unit);
    if (!t->in->unit_id) {
        fd_status s = t->unit[0] ? unit_by_code(t->d->store, t->unit, &t->unit_id, t->unit_code,
                                                sizeof t->unit_code, err)
                                 : FD_OK;
        return s == FD_NOT_FOUND ? FD_OK : s;
    }
    fd_stmt *st = fd_sql(t->d->store, FD_SQL_CALL_UNIT_BY_ID);
    fd_bind_int(st, ":id", t->in->unit_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "unit", _("That unit is not in the directory."));
    if (s == FD_OK) {
        t->unit_id = t->in->unit_id;
        snprintf(t->unit_code, sizeof t->unit_code, "%s", fd_col_text(st, FD_COL_CALL_UNIT_BY_ID_CODE));
    }
    fd_stmt_reset(st);
    return s;
}

/* The caller picked from the directory, no phone typed: the directory's number, the same
 * whether or not the desk may read it in full. */
static fd_status find_phone(intake *t, fd_error *err)
{
    t->directory_phone[0] = '\0';
    if (!t->in->occupant_id || t->phone[0])
        return FD_OK;
    fd_stmt *st = fd_sql(t->d->store, FD_SQL_CALL_OCCUPANT_PHONE);
    fd_bind_int(st, ":id", t->in->occupant_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "caller", _("That occupant is not in the directory."));
    if (s != FD_OK)
        return s;
    if (!fd_col_null(st, FD_COL_CALL_OCCUPANT_PHONE_PHONE))
        s = clean_phone(fd_col_text(st, FD_COL_CALL_OCCUPANT_PHONE_PHONE), "phone", t->directory_phone,
                        sizeof t->directory_phone, err);
    fd_stmt_reset(st);
    return s;
}

/* The phone the entry is taken with: as typed, else the directory's. */
static const char *phone_taken(const intake *t)
{
    return t->phone[0] ? t->phone : t->directory_phone;
}

/* An entry left open is called back: it needs a phone, or a unit the directory knows. */
static fd_status check_reachable(const intake *t, fd_error *err)
{
    if (t->in->done || phone_taken(t)[0] || t->unit_id)
        return FD_OK;
    return fd_fail(err, FD_INVALID, "phone",
                   _("The matter stays open: enter a phone to call back, or a unit of the directory."));
}

static fd_status insert_entry(intake *t, fd_error *err)
{
    const fd_call_intake *in = t->in;
    fd_stmt *st = fd_sql(t->d->store, FD_SQL_CALL_INSERT);
    fd_bind_int(st, ":received_at", t->received_at);
    fd_bind_text(st, ":channel", fd_call_choice_name(FD_CALL_LIST_CHANNEL, (int)in->channel));
    fd_bind_text(st, ":caller", t->caller);
    if (t->unit_id)
        fd_bind_int(st, ":unit_id", t->unit_id);
    else
        fd_bind_null(st, ":unit_id");
    fd_bind_text(st, ":unit", t->unit_code);
    const char *phone = phone_taken(t);
    if (phone[0]) {
        char mac[FD_HASH_HEX];
        fd_desk_hmac_hex(t->d, phone, mac);
        fd_bind_text(st, ":phone_clear", phone);
        fd_bind_text(st, ":phone_hmac", mac);
    } else {
        fd_bind_null(st, ":phone_clear");
        fd_bind_null(st, ":phone_hmac");
    }
    fd_bind_text(st, ":matter", fd_call_choice_name(FD_CALL_LIST_MATTER, (int)in->matter));
    fd_bind_text(st, ":question", t->question);
    fd_bind_int(st, ":at", fd_desk_now(t->d));
    fd_bind_int(st, ":staff_id", t->who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s : audited(t->d, t->who, "call.take", FD_TABLE_call_entry, &t->id, err);
}

static fd_status take_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    intake *t = ctx;
    fd_status s;
    if ((s = find_unit(t, err)) != FD_OK || (s = find_phone(t, err)) != FD_OK ||
        (s = check_reachable(t, err)) != FD_OK ||
        (s = insert_entry(t, err)) != FD_OK ||
        (s = fire(t->d, t->who, t->id, "take", NULL, NULL, NULL, err)) != FD_OK)
        return s;
    if (t->answer[0] && (s = add_answer(t->d, t->who, t->id, t->answer, err)) != FD_OK)
        return s;
    if (!text_blank(t->in->department ? t->in->department : "") &&
        (s = add_referral(t->d, t->who, t->id, t->in->department, t->person, err)) != FD_OK)
        return s;
    if (t->in->done)
        return fire(t->d, t->who, t->id, "close", NULL, &(closing){true}, NULL, err);
    return FD_OK;
}

typedef struct unit_lookup {
    char code[FD_CALL_NAME_MAX];
    bool known;
} unit_lookup;

static fd_status unit_known_txn(fd_store *store, void *ctx, fd_error *err)
{
    unit_lookup *u = ctx;
    int64_t id;
    fd_status s = unit_by_code(store, u->code, &id, u->code, sizeof u->code, err);
    u->known = s == FD_OK;
    return s == FD_NOT_FOUND ? FD_OK : s;
}

fd_status fd_call_unit_known(fd_desk *d, const char *unit, bool *known, fd_error *err)
{
    unit_lookup u = {.known = false};
    fd_status s = clean_unit(unit, "unit", u.code, sizeof u.code, err);
    if (s == FD_OK && u.code[0])
        s = fd_store_read_one(d->store, unit_known_txn, &u, err);
    *known = u.known;
    return s;
}

fd_status fd_call_take(fd_desk *d, const fd_actor *who, const fd_call_intake *in, int64_t *id,
                       fd_error *err)
{
    if (!fd_may(who, FD_ACT_CALL_TAKE))
        return refuse_role(who, FD_ACT_CALL_TAKE, err);
    intake *t = fd_alloc(sizeof *t);
    t->d = d;
    t->who = who;
    t->in = in;
    fd_status s = check_intake(t, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, take_txn, t, err);
    if (s == FD_OK && id)
        *id = t->id;
    free(t);
    return s;
}

/* ---- the steps ---- */

typedef struct step {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    const char *department;
    char text[FD_CALL_TEXT_MAX];   /* the answer; the closing note */
    char person[FD_CALL_NAME_MAX];
} step;

/* What a step needs to know of the entry: that it exists, and whether it has an
 * answer on record. */
static fd_status read_entry_now(const step *p, bool *answered, fd_error *err)
{
    return call_facts(p->d, p->id, answered, err);
}

static fd_status answer_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    fd_status s = read_entry_now(p, NULL, err);
    return s != FD_OK ? s : add_answer(p->d, p->who, p->id, p->text, err);
}

static fd_status run(step *p, fd_write_fn txn, fd_error *err)
{
    fd_status s = fd_store_write(p->d->store, txn, p, err);
    free(p);
    return s;
}

static step *new_step(fd_desk *d, const fd_actor *who, int64_t id)
{
    step *p = fd_alloc(sizeof *p);
    *p = (step){.d = d, .who = who, .id = id};
    return p;
}

static fd_status refused(step *p, fd_status s)
{
    free(p);
    return s;
}

fd_status fd_call_answer(fd_desk *d, const fd_actor *who, int64_t id, const char *answer,
                         fd_error *err)
{
    step *p = new_step(d, who, id);
    fd_status s = call_clean_text(answer, "answer", TEXT_CHARS, true, _("Enter the answer given."),
                                  p->text, sizeof p->text, err);
    return s != FD_OK ? refused(p, s) : run(p, answer_txn, err);
}

static fd_status refer_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    fd_status s = read_entry_now(p, NULL, err);
    return s != FD_OK ? s : add_referral(p->d, p->who, p->id, p->department, p->person, err);
}

fd_status fd_call_refer(fd_desk *d, const fd_actor *who, int64_t id, const char *department,
                        const char *person, fd_error *err)
{
    step *p = new_step(d, who, id);
    p->department = department;
    fd_status s;
    if ((s = call_check_department(d->config, department, err)) != FD_OK ||
        (s = call_clean_text(person, "person", NAME_CHARS, false, NULL, p->person, sizeof p->person,
                             err)) != FD_OK)
        return refused(p, s);
    return run(p, refer_txn, err);
}

static fd_status close_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    closing c;
    fd_status s = read_entry_now(p, &c.answered, err);
    return s != FD_OK ? s : fire(p->d, p->who, p->id, "close", p->text, &c, NULL, err);
}

fd_status fd_call_close(fd_desk *d, const fd_actor *who, int64_t id, const char *note,
                        fd_error *err)
{
    step *p = new_step(d, who, id);
    fd_status s = call_clean_text(note, "note", NOTE_CHARS, true, NULL, p->text, sizeof p->text, err);
    return s != FD_OK ? refused(p, s) : run(p, close_txn, err);
}

/* ---- a complaint made of an entry ---- */

typedef struct complaining {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    fd_complaint_category category;
    fd_complaint_severity severity;
    int64_t complaint_id;
} complaining;

/* The complaint's intake from the entry as it reads now (the strings of st). */
static fd_complaint_intake intake_of(fd_stmt *st, const complaining *k)
{
    bool visit = strcmp(fd_col_text(st, FD_COL_CALL_FOR_COMPLAINT_CHANNEL), "visit") == 0;
    const char *phone = fd_col_text(st, FD_COL_CALL_FOR_COMPLAINT_PHONE);
    return (fd_complaint_intake){
        .sort = FD_SORT_COMPLAINT,
        .complainant = fd_col_text(st, FD_COL_CALL_FOR_COMPLAINT_CALLER),
        .unit_id = fd_col_int(st, FD_COL_CALL_FOR_COMPLAINT_UNIT_ID),
        .unit = fd_col_text(st, FD_COL_CALL_FOR_COMPLAINT_UNIT),
        .phone = phone ? phone : "",
        .channel = visit ? FD_CHANNEL_VISIT : FD_CHANNEL_PHONE,
        .content = fd_col_text(st, FD_COL_CALL_FOR_COMPLAINT_QUESTION),
        .category = k->category,
        .severity = k->severity,
        /* The caller complained when they called: the manual's days run from then. */
        .received_at = fd_col_int(st, FD_COL_CALL_FOR_COMPLAINT_RECEIVED_AT),
    };
}

static fd_status receive_complaint(complaining *k, fd_error *err)
{
    fd_stmt *st = fd_sql(k->d->store, FD_SQL_CALL_FOR_COMPLAINT);
    fd_bind_int(st, ":id", k->id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK && fd_col_int(st, FD_COL_CALL_FOR_COMPLAINT_COMPLAINT_ID))
        s = fd_fail(err, FD_CONFLICT, NULL, _("Entry No. %lld is complaint No. %lld already."),
                    (long long)k->id, (long long)fd_col_int(st, FD_COL_CALL_FOR_COMPLAINT_COMPLAINT_ID));
    if (s == FD_OK) {
        fd_complaint_intake in = intake_of(st, k);
        s = fd_complaint_receive(k->d, k->who, &in, &k->complaint_id, err);
    }
    fd_stmt_reset(st);
    return s;
}

static fd_status complain_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    complaining *k = ctx;
    int64_t event_id;
    fd_status s;
    if ((s = call_facts(k->d, k->id, NULL, err)) != FD_OK ||
        (s = receive_complaint(k, err)) != FD_OK ||
        (s = fire(k->d, k->who, k->id, "complain", NULL, NULL, &event_id, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(k->d->store, FD_SQL_CALL_COMPLAINT_INSERT);
    fd_bind_int(st, ":call_id", k->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":complaint_id", k->complaint_id);
    fd_bind_int(st, ":at", fd_desk_now(k->d));
    fd_bind_int(st, ":staff_id", k->who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s : audited(k->d, k->who, "call.complain", FD_TABLE_call_complaint, NULL, err);
}

fd_status fd_call_to_complaint(fd_desk *d, const fd_actor *who, int64_t id,
                               fd_complaint_category category, fd_complaint_severity severity,
                               int64_t *complaint_id, fd_error *err)
{
    complaining k = {d, who, id, category, severity, 0};
    fd_status s = fd_store_write(d->store, complain_txn, &k, err);
    if (s == FD_OK && complaint_id)
        *complaint_id = k.complaint_id;
    return s;
}

/* ---- corrections ---- */

typedef struct correcting {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    fd_call_field field;
    const char *reason;
    char value[FD_CALL_TEXT_MAX];
} correcting;

static fd_status correct_txn(fd_store *store, void *ctx, fd_error *err)
{
    correcting *k = ctx;
    fd_status s = call_facts(k->d, k->id, NULL, err);
    /* A corrected unit the directory knows is kept as the directory writes its code
     * (a-101 typed is A-101), so that the entry reads as linked to it, as at intake. */
    int64_t unit_id;
    if (s == FD_OK && k->field == FD_CALL_FIELD_UNIT && k->value[0] &&
        (s = unit_by_code(store, k->value, &unit_id, k->value, sizeof k->value, err)) == FD_NOT_FOUND)
        s = FD_OK;
    if (s != FD_OK)
        return s;
    return fd_correct(k->d, k->who, "call_entry", k->id,
                      fd_call_choice_name(FD_CALL_LIST_FIELD, (int)k->field), k->value, k->reason,
                      NULL, err);
}

/* The new value checked as intake checks it, in the stored form. */
static fd_status clean_value(correcting *k, const char *value, fd_error *err)
{
    int picked;
    switch (k->field) {
    case FD_CALL_FIELD_CALLER:
        return call_clean_text(value, "value", NAME_CHARS, false, _("Enter who called or came."),
                               k->value, sizeof k->value, err);
    case FD_CALL_FIELD_UNIT:
        return clean_unit(value, "value", k->value, sizeof k->value, err);
    case FD_CALL_FIELD_PHONE:
        return clean_phone(value, "value", k->value, sizeof k->value, err);
    case FD_CALL_FIELD_QUESTION:
        return call_clean_text(value, "value", TEXT_CHARS, true,
                               _("Enter what the caller asked or reported."),
                               k->value, sizeof k->value, err);
    case FD_CALL_FIELD_CHANNEL:
    case FD_CALL_FIELD_MATTER:
        picked = fd_call_choice_parse(k->field == FD_CALL_FIELD_CHANNEL ? FD_CALL_LIST_CHANNEL
                                                                         : FD_CALL_LIST_MATTER,
                                      value);
        if (picked < 0)
            return fd_fail(err, FD_INVALID, "value", _("Choose one of the listed values."));
        snprintf(k->value, sizeof k->value, "%s", value);
        return FD_OK;
    }
    return fd_fail(err, FD_INVALID, "field", _("This field cannot be corrected."));
}

fd_status fd_call_correct(fd_desk *d, const fd_actor *who, int64_t id, fd_call_field field,
                          const char *value, const char *reason, fd_error *err)
{
    if (!fd_may(who, FD_ACT_CALL_CORRECT))
        return refuse_role(who, FD_ACT_CALL_CORRECT, err);
    if (!in_list(FD_CALL_LIST_FIELD, (int)field))
        return fd_fail(err, FD_INVALID, "field", _("This field cannot be corrected."));
    correcting *k = fd_alloc(sizeof *k);
    *k = (correcting){.d = d, .who = who, .id = id, .field = field, .reason = reason};
    fd_status s = clean_value(k, value, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, correct_txn, k, err);
    free(k);
    return s;
}
