/* Key loans: a loan's page (its borrower, keys, times, marks and the calls of an
 * emergency) with what may be done to it now, and the forms of a new loan, a call and
 * a return. What is offered is what fd_key_loan_may allows from the loan's state;
 * whether it may really be done is the core's answer when it is tried. */
#include "keys/keyloan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys/keyshared.h"
#include "widgets/ask.h"
#include "widgets/dialog.h"
#include "widgets/fresh.h"
#include "widgets/pager.h"
#include "console/draw.h"
#include "widgets/show.h"
#include "frontdesk/i18n.h"
#include "frontdesk/validate.h"
#include "frontdesk/text.h"

enum {
    TEXT = 160, NOTE = FD_KEY_NOTE_MAX * 4 + 1, MAX_CALLS = 12, MAX_CONTACTS = 16, MAX_KEYS = 8,
    LABEL_COLS = 14, NOTE_ROWS_BESIDE_CALLS = 2,
};

/* ---- the loan as shown ---- */

typedef struct call_item {
    char when[FD_TIME_TEXT], unit[32], name[TEXT], phone[FD_KEY_PHONE_SHOWN], outcome[64];
} call_item;

/* One person to call about a unit, and how far they were tried. */
typedef struct trail_item {
    char unit[32], name[TEXT], who[64], phone[FD_KEY_PHONE_SHOWN], status[TEXT];
    bool tried, reached_unit, contact;
} trail_item;

typedef struct loan_page {
    console *c;
    int64_t id;
    bool loaded, changed;
    fd_loan_state state;
    bool emergency, overdue, approved_yet;
    int units_waiting;
    char borrower_name[TEXT], borrower[TEXT * 2], phone[FD_KEY_PHONE_SHOWN], reason[TEXT * 2];
    char keys[TEXT], requested[TEXT], approved[TEXT], out[TEXT], returned[TEXT], lost[TEXT];
    char return_note[NOTE];
    char ended[TEXT], ended_note[NOTE]; /* refused or cancelled: when and who; why */
    call_item calls[MAX_CALLS];
    int call_count, calls_total;
    trail_item trail[MAX_CONTACTS];
    int trail_count;
    fresh read; /* when it was read */
} loan_page;

static void copy_loan(void *ctx, const fd_loan_row *r)
{
    loan_page *p = ctx;
    char at[FD_TIME_TEXT], due[FD_TIME_TEXT];
    p->loaded = true;
    p->state = r->state;
    p->emergency = r->emergency;
    p->overdue = r->overdue;
    p->units_waiting = r->units_waiting;
    text_copy(p->borrower_name, sizeof p->borrower_name, r->borrower);
    if (r->borrower_kind == FD_BORROWER_STAFF)
        snprintf(p->borrower, sizeof p->borrower, "%s  %s", r->borrower,
                 r->department ? r->department : "");
    else
        snprintf(p->borrower, sizeof p->borrower, _("%s  %s (contractor)"), r->borrower,
                 r->company ? r->company : "");
    text_copy(p->phone, sizeof p->phone, r->phone);
    /* The note may be longer than the page shows: it is cut between characters. */
    char *reason = r->note ? fd_printf(_("%s: %s"), fd_key_reason_label(r->reason), r->note)
                           : fd_strdup(fd_key_reason_label(r->reason));
    text_copy(p->reason, sizeof p->reason, reason);
    free(reason);
    text_copy(p->keys, sizeof p->keys, r->keys ? r->keys : "");
    text_copy(p->lost, sizeof p->lost, r->lost_keys ? r->lost_keys : "");
    keys_when(r->requested_at, at);
    snprintf(p->requested, sizeof p->requested, "%s  %s", at, r->requested_by);
    p->approved_yet = r->approved_at != 0;
    keys_when(r->approved_at, at);
    snprintf(p->approved, sizeof p->approved, "%s  %s", at, r->approved_by ? r->approved_by : "");
    keys_when(r->out_at, at);
    keys_when(r->out_at ? r->due_at : r->expected_return, due);
    if (r->out_at)
        snprintf(p->out, sizeof p->out, _("%s, due back by %s"), at, due);
    else if (r->expected_return)
        snprintf(p->out, sizeof p->out, _("expected back %s"), due);
    else
        p->out[0] = '\0';
    keys_when(r->returned_at, at);
    if (r->returned_at)
        snprintf(p->returned, sizeof p->returned, _("%s  by %s, received by %s"), at,
                 r->returned_by ? r->returned_by : "", r->received_by ? r->received_by : "");
    else
        p->returned[0] = '\0';
    text_copy(p->return_note, sizeof p->return_note, r->return_note ? r->return_note : "");
    keys_when(r->ended_at, at);
    if (r->ended_at)
        snprintf(p->ended, sizeof p->ended, "%s  %s", at, r->ended_by ? r->ended_by : "");
    else
        p->ended[0] = '\0';
    text_copy(p->ended_note, sizeof p->ended_note, r->ended_note ? r->ended_note : "");
}

static void copy_call(void *ctx, const fd_key_notice_row *r)
{
    loan_page *p = ctx;
    p->calls_total++;
    if (p->call_count == MAX_CALLS) { /* the newest are kept: the first go to the pager */
        memmove(p->calls, p->calls + 1, (MAX_CALLS - 1) * sizeof p->calls[0]);
        p->call_count--;
    }
    call_item *k = &p->calls[p->call_count++];
    keys_when(r->called_at, k->when);
    text_copy(k->unit, sizeof k->unit, r->unit);
    text_copy(k->name, sizeof k->name, r->name);
    text_copy(k->phone, sizeof k->phone, r->phone);
    text_copy(k->outcome, sizeof k->outcome, fd_key_outcome_label(r->outcome));
}

static const char *contact_role(const fd_dir_entry *e)
{
    if (e->kind != FD_DIR_CONTACT)
        return _("owner/tenant");
    return e->position && *e->position ? e->position : _("emergency contact");
}

static void copy_trail(void *ctx, const fd_key_trail_row *r)
{
    loan_page *p = ctx;
    if (p->trail_count == MAX_CONTACTS)
        return;
    trail_item *t = &p->trail[p->trail_count++];
    const fd_dir_entry *e = r->entry;
    text_copy(t->unit, sizeof t->unit, e->unit ? e->unit : "");
    text_copy(t->name, sizeof t->name, e->name ? e->name : "");
    text_copy(t->who, sizeof t->who, contact_role(e));
    text_copy(t->phone, sizeof t->phone, e->phone ? e->phone : "");
    t->tried = r->attempts > 0;
    t->contact = e->kind == FD_DIR_CONTACT;
    t->reached_unit = r->unit_reached;
    if (r->attempts == 0)
        text_copy(t->status, sizeof t->status, _("not tried yet"));
    else
        snprintf(t->status, sizeof t->status, _("%s (calls: %d)"),
                 fd_key_outcome_label(r->last), r->attempts);
}

static void load(loan_page *p)
{
    fd_error err = {0};
    fresh_mark(&p->read, p->c);
    p->loaded = false;
    p->call_count = p->calls_total = p->trail_count = 0;
    fd_desk *d = console_desk(p->c);
    const fd_actor *me = console_actor(p->c);
    if (fd_key_loan_get(d, me, p->id, copy_loan, p, &err) != FD_OK ||
        fd_key_loan_notices(d, me, p->id, copy_call, p, &err) != FD_OK ||
        (p->emergency && fd_key_loan_trail(d, me, p->id, copy_trail, p, &err) != FD_OK))
        console_show_error(p->c, &err);
}

/* ---- what may be done ---- */

typedef enum loan_op {
    OP_APPROVE, OP_REFUSE, OP_CALL, OP_LEND, OP_RETURN, OP_CANCEL, OP_CALLS, OP_COUNT
} loan_op;

static const struct {
    fd_loan_step step;
    const char *label;
} loan_ops[OP_COUNT] = {
    [OP_APPROVE] = {FD_LOAN_STEP_APPROVE, N_("Consent (a manager)")},
    [OP_REFUSE] = {FD_LOAN_STEP_REFUSE, N_("Refuse (a manager)")},
    [OP_CALL] = {FD_LOAN_STEP_NOTIFY, N_("Record a call to the owner or a contact")},
    [OP_CALLS] = {FD_LOAN_STEP_NOTIFY, N_("Read every call in full")},
    [OP_LEND] = {FD_LOAN_STEP_LEND, N_("Hand the keys over")},
    [OP_RETURN] = {FD_LOAN_STEP_RETURN, N_("Take the keys back")},
    [OP_CANCEL] = {FD_LOAN_STEP_CANCEL, N_("Cancel the loan")},
};

/* Offered when the loan's state has the step: a missing permission is asked for in
 * place, a refused guard is the core's message when tried. */
static bool offered(loan_page *p, loan_op op)
{
    if (op == OP_CALLS)
        return p->calls_total > 0;
    return fd_key_loan_may(console_desk(p->c), p->id, p->state, loan_ops[op].step,
                           console_actor(p->c), NULL) != FD_STATE;
}

/* A manager to decide on a loan: the one working (approver NULL), or one who enters
 * their PIN now for what, which gives their word. */
static bool manager_at_hand(console *c, const char *what, const fd_actor **approver,
                            fd_actor *storage)
{
    *approver = NULL;
    if (fd_may(console_actor(c), FD_ACT_KEY_LOAN_APPROVE))
        return true;
    if (!keys_approve(c, FD_ACT_KEY_LOAN_APPROVE, what, storage))
        return false;
    *approver = storage;
    return true;
}

/* A manager's consent: one entering their PIN gives it; the one working confirms it,
 * as chosen from the menu it is not yet given. */
static bool consent(console *c, const fd_actor **approver, fd_actor *storage)
{
    return manager_at_hand(c, _("consent to a key loan"), approver, storage) &&
           (*approver || dialog_confirm(c, _("Consent to this key loan?"), _("Consent"), _("Not now")));
}

static const form_field why_fields[] = {
    {"why", N_("Why now"), FORM_NOTE, true, 0, 200},
};

static int why_submit(void *ctx, console *c, form *f)
{
    loan_page *p = ctx;
    fd_error err = {0};
    if (fd_key_loan_lend_why(console_desk(c), console_actor(c), p->id, form_value(f, "why"),
                             &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    console_info(c, _("Loan No. %lld: the keys are handed over."), (long long)p->id);
    return EV_POP;
}

/* The core says who has not been tried yet; the keys go out before them only with a
 * reason, which goes on record with the hand-over. */
static bool hand_over(loan_page *p)
{
    fd_error err = {0};
    if (fd_key_loan_lend(console_desk(p->c), console_actor(p->c), p->id, &err) == FD_OK) {
        console_info(p->c, _("Loan No. %lld: the keys are handed over."), (long long)p->id);
        return true;
    }
    if (strcmp(err.field, "why") != 0) {
        console_show_error(p->c, &err);
        return false;
    }
    ask_form_spec spec = {_("Use the key before everyone is tried"), err.message, why_fields, 1,
                          NULL, why_submit, p};
    return ask_form(p->c, &spec);
}

static bool approve(loan_page *p)
{
    fd_actor storage;
    const fd_actor *approver;
    if (!consent(p->c, &approver, &storage))
        return false;
    fd_error err = {0};
    if (fd_key_loan_approve(console_desk(p->c), console_actor(p->c), approver, p->id, NULL, &err) != FD_OK) {
        console_show_error(p->c, &err);
        return false;
    }
    console_info(p->c, _("Loan No. %lld is approved."), (long long)p->id);
    if (dialog_confirm(p->c, _("Hand the keys over now?"), _("Hand over"), _("Later")))
        hand_over(p);
    return true;
}

/* Chosen from the menu, then confirmed with the safe answer first. A step the core
 * would refuse (no call recorded yet) is tried at once, without a question: the core
 * writes nothing and its message says why. */
static bool lend(loan_page *p)
{
    if (fd_key_loan_may(console_desk(p->c), p->id, p->state, FD_LOAN_STEP_LEND,
                        console_actor(p->c), NULL) != FD_OK)
        return hand_over(p);
    return dialog_confirm(p->c, _("Hand the keys over now?"), _("Hand over"), _("Later")) &&
           hand_over(p);
}

/* ---- the small forms of a loan ---- */

static const form_field note_fields[] = {
    {"note", N_("Why"), FORM_NOTE, true, 0, 200},
};

typedef struct refuse_ctx {
    loan_page *p;
    const fd_actor *approver;
} refuse_ctx;

static int refuse_submit(void *ctx, console *c, form *f)
{
    refuse_ctx *r = ctx;
    fd_error err = {0};
    if (fd_key_loan_refuse(console_desk(c), console_actor(c), r->approver, r->p->id,
                           form_value(f, "note"), &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    console_info(c, _("Loan No. %lld is refused."), (long long)r->p->id);
    return EV_POP;
}

/* Straight to the reason, as a visitor's entry is refused: saving the form (F2) is the
 * confirmation, Esc leaves the loan as it was. */
static bool refuse(loan_page *p)
{
    fd_actor storage;
    refuse_ctx r = {p, NULL};
    if (!manager_at_hand(p->c, _("refuse a key loan"), &r.approver, &storage))
        return false;
    ask_form_spec spec = {_("Refuse the loan"),
                          _("Refused, the loan ends and its keys stay in store. Why goes on the "
                            "loan's page and on the daily key log."),
                          note_fields, 1, NULL, refuse_submit, &r};
    return ask_form(p->c, &spec);
}

static const form_field return_fields[] = {
    {"returned_by", N_("Brought back by"), FORM_TEXT, true, 0, 60},
    {"note", N_("Note"), FORM_NOTE, false, 0, 200},
};

typedef struct return_ctx {
    loan_page *p;
    char borrower[TEXT];
} return_ctx;

static void return_prepare(form *f, void *ctx)
{
    return_ctx *r = ctx;
    form_set_value(f, "returned_by", r->borrower);
}

static int return_submit(void *ctx, console *c, form *f)
{
    return_ctx *r = ctx;
    fd_error err = {0};
    if (fd_key_loan_return(console_desk(c), console_actor(c), r->p->id, form_value(f, "returned_by"),
                           form_value(f, "note"), &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    console_info(c, _("Loan No. %lld: the keys are back."), (long long)r->p->id);
    return EV_POP;
}

static bool take_back(loan_page *p)
{
    return_ctx r = {.p = p};
    text_copy(r.borrower, sizeof r.borrower, p->borrower_name);
    ask_form_spec spec = {_("Take the keys back"), p->keys, return_fields, 2, return_prepare,
                          return_submit, &r};
    return ask_form(p->c, &spec);
}

static bool cancel(loan_page *p)
{
    if (!dialog_confirm(p->c, _("Cancel this loan? The keys stay in store."), _("Cancel the loan"),
                        _("Keep it")))
        return false;
    fd_error err = {0};
    if (fd_key_loan_cancel(console_desk(p->c), console_actor(p->c), p->id, NULL, &err) != FD_OK) {
        console_show_error(p->c, &err);
        return false;
    }
    return true;
}

/* ---- recording a call ---- */

typedef struct callee {
    fd_dir_kind kind;
    int64_t id, unit_id;
    char unit[32], label[TEXT * 2];
} callee;

typedef struct call_ctx {
    loan_page *p;
    callee callees[MAX_CONTACTS];
    const char *labels[MAX_CONTACTS];
    int count;
    const char *outcomes[FD_KEY_OUTCOME_COUNT];
} call_ctx;

static void add_callee(call_ctx *k, fd_dir_kind kind, int64_t id, int64_t unit_id, const char *unit,
                       const char *label)
{
    if (k->count == MAX_CONTACTS)
        return;
    callee *e = &k->callees[k->count];
    *e = (callee){kind, id, unit_id, "", ""};
    text_copy(e->unit, sizeof e->unit, unit);
    text_copy(e->label, sizeof e->label, label);
    k->labels[k->count] = e->label;
    k->count++;
}

static void collect_callee(void *ctx, const fd_dir_entry *e)
{
    call_ctx *k = ctx;
    char label[TEXT * 2];
    const char *who = e->kind == FD_DIR_CONTACT ? (e->position && *e->position ? e->position
                                                                               : _("emergency contact"))
                                                : _("owner/tenant");
    snprintf(label, sizeof label, "%s %s (%s) %s", e->unit ? e->unit : "", e->name ? e->name : "", who,
             e->phone ? e->phone : "");
    add_callee(k, e->kind, e->id, e->unit_id, e->unit ? e->unit : "", label);
}

/* After the directory's people, "another number" for each unit of the loan. */
static void add_other_numbers(call_ctx *k)
{
    int people = k->count;
    for (int i = 0; i < people; i++) {
        bool seen = false;
        for (int j = 0; j < i; j++)
            seen = seen || k->callees[j].unit_id == k->callees[i].unit_id;
        if (seen)
            continue;
        char label[TEXT];
        snprintf(label, sizeof label, _("%s: another number"), k->callees[i].unit);
        add_callee(k, 0, 0, k->callees[i].unit_id, k->callees[i].unit, label);
    }
}

static const form_field call_fields[] = {
    {"target", N_("Called"), FORM_CHOICE, true, 0, 0},
    {"outcome", N_("Outcome"), FORM_CHOICE, true, 0, 0},
    {"name", N_("Whose number"), FORM_TEXT, false, 0, 60},
    {"phone", N_("Number called"), FORM_PHONE, false, 0, 0},
    {"called_at", N_("Called at"), FORM_DATETIME, false, 0, 0},
    {"note", N_("Note"), FORM_NOTE, false, 0, 200},
};

static void call_prepare(form *f, void *ctx)
{
    call_ctx *k = ctx;
    form_set_choices(f, "target", k->labels, (size_t)k->count);
    form_set_choices(f, "outcome", k->outcomes, FD_KEY_OUTCOME_COUNT);
}

static int call_submit(void *ctx, console *c, form *f)
{
    call_ctx *k = ctx;
    const callee *e = &k->callees[form_choice(f, "target")];
    fd_key_notice_new n = {.unit_id = e->unit_id, .target = e->kind, .target_id = e->id,
                           .name = form_value(f, "name"), .phone = form_value(f, "phone"),
                           .outcome = (fd_key_outcome)form_choice(f, "outcome"),
                           .note = form_value(f, "note")};
    if (!form_time(f, c, "called_at", true, &n.called_at))
        return EV_HANDLED;
    fd_error err = {0};
    if (fd_key_loan_notify(console_desk(c), console_actor(c), k->p->id, &n, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    console_info(c, "%s", _("The call is recorded."));
    return EV_POP;
}

static bool record_call(loan_page *p)
{
    call_ctx *k = fd_alloc(sizeof *k);
    k->p = p;
    for (int i = 0; i < FD_KEY_OUTCOME_COUNT; i++)
        k->outcomes[i] = fd_key_outcome_label((fd_key_outcome)i);
    fd_error err = {0};
    bool saved = false;
    if (fd_key_loan_contacts(console_desk(p->c), console_actor(p->c), p->id, collect_callee, k,
                             &err) != FD_OK) {
        console_show_error(p->c, &err);
    } else if (k->count == 0) {
        console_error(p->c, "%s", _("The loan has no owner's spare key: there is nobody to call."));
    } else {
        add_other_numbers(k);
        ask_form_spec spec = {_("Record a call"),
                              _("The owner or tenant first; their emergency contact only if they "
                                "cannot be reached. Whose number and the number: only for "
                                "another number."),
                              call_fields, sizeof call_fields / sizeof call_fields[0],
                              call_prepare, call_submit, k};
        saved = ask_form(p->c, &spec);
    }
    free(k);
    return saved;
}

/* Every call in full, however many and however long: the page shows the first few. */
typedef struct calls_text {
    char *text;
} calls_text;

static void append_call(void *ctx, const fd_key_notice_row *r)
{
    calls_text *t = ctx;
    char when[FD_TIME_TEXT];
    fd_time_format(r->called_at, when);
    char *line = fd_printf(_("%s  %s %s %s  %s  (recorded by %s)\n%s%s%s"), when, r->unit,
                           r->name, r->phone, fd_key_outcome_label(r->outcome),
                           r->staff ? r->staff : "", r->note && *r->note ? "    " : "",
                           r->note && *r->note ? r->note : "", r->note && *r->note ? "\n" : "");
    char *joined = fd_printf("%s%s", t->text ? t->text : "", line);
    free(t->text);
    free(line);
    t->text = joined;
}

static bool read_calls(loan_page *p)
{
    calls_text t = {NULL};
    fd_error err = {0};
    if (fd_key_loan_notices(console_desk(p->c), console_actor(p->c), p->id, append_call, &t,
                            &err) != FD_OK) {
        console_show_error(p->c, &err);
    } else {
        char title[TEXT];
        snprintf(title, sizeof title, _("Calls about loan No. %lld"), (long long)p->id);
        pager_spec spec = {title, t.text ? t.text : "", NULL, NULL, NULL, ACT_NONE};
        pager_run(p->c, &spec);
    }
    free(t.text);
    return false;
}

static bool perform(loan_page *p, loan_op op)
{
    switch (op) {
    case OP_CALLS: return read_calls(p);
    case OP_APPROVE: return approve(p);
    case OP_REFUSE: return refuse(p);
    case OP_CALL: return record_call(p);
    case OP_LEND: return lend(p);
    case OP_RETURN: return take_back(p);
    case OP_CANCEL: return cancel(p);
    default: return false;
    }
}

/* ---- the page ---- */

static const console_action page_actions[] = {ACT_SELECT, ACT_BACK, ACT_NONE};

static void *page_open(console *c, void *arg)
{
    (void)c;
    loan_page *p = arg;
    load(p);
    return p;
}

static void line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    show_labelled(y, x, cols, LABEL_COLS, label, value, attr);
}

/* A label beside a note wrapped in at most rows lines; returns the lines used. */
static int note_line(int y, int x, int cols, int rows, const char *label, const char *note)
{
    draw_text(y, x, LABEL_COLS, label, theme(TH_DIM));
    return draw_wrapped(y, x + LABEL_COLS, rows, cols - LABEL_COLS, note, A_NORMAL);
}

/* The lines a note may take from y: what the page leaves (the lost keys' line still to
 * come), or a few, so that an emergency's trail and calls keep their rows. */
static int note_rows(const loan_page *p, int y, int last)
{
    int room = last - y - (p->lost[0] ? 1 : 0);
    if (p->emergency && room > NOTE_ROWS_BESIDE_CALLS)
        return NOTE_ROWS_BESIDE_CALLS;
    return room > 0 ? room : 1;
}

static const screen_ops loan_page_screen;

static void page_draw(void *state, console *c, const console_area *area)
{
    loan_page *p = state;
    if (p->loaded && fresh_page_stale(&p->read, c, &loan_page_screen))
        load(p);
    int x = area->left, cols = area->cols, y = area->top, last = area->top + area->rows - 1;
    keys_page_hint(area);
    char title[TEXT];
    snprintf(title, sizeof title, _("Key loan No. %lld"), (long long)p->id);
    draw_text(y++, x, cols, title, theme(TH_TITLE));
    if (!p->loaded)
        return;
    y++;
    attr_t alarm = theme(TH_ERROR) | A_BOLD;
    line(y++, x, cols, _("State"), fd_loan_state_label(p->state, p->overdue),
         p->overdue ? alarm : A_BOLD);
    if (p->emergency)
        line(y++, x, cols, _("Emergency"), _("EMERGENCY: an owner's spare key used without them"), alarm);
    line(y++, x, cols, _("Keys"), p->keys, A_BOLD);
    line(y++, x, cols, _("Borrower"), p->borrower, A_NORMAL);
    line(y++, x, cols, _("Phone"), p->phone, A_NORMAL);
    line(y++, x, cols, _("Reason"), p->reason, A_NORMAL);
    line(y++, x, cols, _("Requested"), p->requested, A_NORMAL);
    if (p->approved_yet)
        line(y++, x, cols, _("Consent"), p->approved, A_NORMAL);
    if (p->out[0])
        line(y++, x, cols, _("Out"), p->out, p->overdue ? alarm : A_NORMAL);
    if (p->returned[0])
        line(y++, x, cols, _("Returned"), p->returned, A_NORMAL);
    if (p->return_note[0])
        y += note_line(y, x, cols, note_rows(p, y, last), _("Note"), p->return_note);
    bool refused = p->state == FD_LOAN_STATE_REFUSED;
    if (p->ended[0])
        line(y++, x, cols, refused ? _("Refused") : _("Cancelled"), p->ended, A_NORMAL);
    if (p->ended_note[0])
        y += note_line(y, x, cols, note_rows(p, y, last),
                       refused ? _("Why refused") : _("Why cancelled"), p->ended_note);
    if (p->lost[0])
        line(y++, x, cols, _("Lost"), p->lost, alarm);
    if (!p->emergency)
        return;
    /* Who is to be called, in order, and who has been: §5 of 钥匙管理制度. */
    if (y < last)
        line(y++, x, cols, _("To call"), p->trail_count ? "" : _("nobody on file"),
             p->units_waiting ? alarm : A_NORMAL);
    for (int i = 0; i < p->trail_count && y < last; i++) {
        const trail_item *t = &p->trail[i];
        char text[TEXT * 4];
        snprintf(text, sizeof text, _("%s %s (%s) %s  %s"), t->unit, t->name, t->who, t->phone,
                 t->status);
        line(y++, x, cols, "", text, t->tried || t->reached_unit ? A_NORMAL : A_BOLD);
        bool unit_ends = i + 1 == p->trail_count || strcmp(p->trail[i + 1].unit, t->unit) != 0;
        if (unit_ends && !t->contact && y < last) {
            snprintf(text, sizeof text, _("%s: no emergency contact on file"), t->unit);
            line(y++, x, cols, "", text, A_NORMAL);
        }
    }
    if (y >= last)
        return;
    line(y++, x, cols, _("Calls"), p->calls_total ? "" : _("none yet"),
         p->units_waiting ? alarm : A_NORMAL);
    /* The newest calls that fit; all of them, in full, one Enter away. */
    int room = last - y, shown = p->call_count < room ? p->call_count : room;
    bool more = p->calls_total > shown;
    if (more && shown > 0)
        shown--;
    for (int i = p->call_count - shown; i < p->call_count; i++) {
        char text[TEXT * 3];
        snprintf(text, sizeof text, "%s  %s %s %s  %s", p->calls[i].when, p->calls[i].unit,
                 p->calls[i].name, p->calls[i].phone, p->calls[i].outcome);
        line(y++, x, cols, "", text, A_NORMAL);
    }
    if (more && y < last) {
        char text[TEXT];
        snprintf(text, sizeof text, _("%d in all: Enter, then \"Read every call in full\""),
                 p->calls_total);
        line(y++, x, cols, "", text, A_NORMAL);
    }
}

static const char *op_label(int op) { return loan_ops[op].label; }
static bool op_offered(void *page, int op) { return offered(page, (loan_op)op); }
static bool op_perform(void *page, int op) { return perform(page, (loan_op)op); }

static void op_recorded(void *page)
{
    loan_page *p = page;
    p->changed = true;
    load(p);
}

static int page_handle(void *state, console *c, const console_event *ev)
{
    static const keys_ops_menu menu = {OP_COUNT, op_label, op_offered, op_perform, op_recorded,
                                       N_("Nothing more can be done with this loan.")};
    return ev->action == ACT_SELECT ? keys_offer_ops(c, &menu, state) : EV_IGNORED;
}

static const screen_ops loan_page_screen = {
    .actions = page_actions,
    .open = page_open,
    .draw = page_draw,
    .handle = page_handle,
};

bool keys_loan_page(console *c, int64_t loan_id)
{
    loan_page *p = fd_alloc(sizeof *p);
    p->c = c;
    p->id = loan_id;
    console_modal(c, &loan_page_screen, p);
    bool changed = p->changed;
    free(p);
    return changed;
}

/* ---- a new loan ---- */

static const form_field loan_fields[] = {
    {"keys", N_("Key tags"), FORM_TEXT, true, 30, 120},
    {"borrower_kind", N_("Borrower is"), FORM_CHOICE, true, 0, 0},
    {"borrower", N_("Borrower"), FORM_TEXT, true, 20, 60},
    {"department", N_("Department"), FORM_TEXT, false, 20, 60},
    {"company", N_("Company"), FORM_TEXT, false, 30, 60},
    {"phone", N_("Phone"), FORM_PHONE, false, 0, 0},
    {"reason", N_("Reason"), FORM_CHOICE, true, 0, 0},
    {"emergency", N_("Emergency"), FORM_CHOICE, true, 0, 0},
    {"expected_return", N_("Expected return"), FORM_DATETIME, false, 0, 0},
    {"note", N_("Note"), FORM_NOTE, false, 0, 200},
};

typedef struct new_loan {
    const char *kinds[FD_BORROWER_KIND_COUNT];
    const char *reasons[FD_KEY_REASON_COUNT];
    const char *yes_no[2];
    int64_t keys[MAX_KEYS];
    int64_t id;
    bool open_page; /* consented but not handed over: the calls come next */
} new_loan;

/* The loan as the form stands, without its keys (found by tag on saving). */
static fd_key_loan_new loan_as_typed(const form *f)
{
    return (fd_key_loan_new){
        .borrower_kind = (fd_borrower_kind)form_choice(f, "borrower_kind"),
        .borrower = form_value(f, "borrower"), .department = form_value(f, "department"),
        .company = form_value(f, "company"), .phone = form_value(f, "phone"),
        .reason = (fd_key_reason)form_choice(f, "reason"), .note = form_value(f, "note"),
        .emergency = form_choice(f, "emergency") == 1,
    };
}

/* 部门 for staff, 公司 and 电话 for a contractor, 备注 for an emergency: the core's
 * rule, asked of the loan as typed so far. */
static bool loan_requires(void *ctx, const form *f, const char *name)
{
    (void)ctx;
    fd_key_loan_new loan = loan_as_typed(f);
    return fd_key_loan_requires(&loan, name);
}

static void loan_prepare(form *f, void *ctx)
{
    new_loan *n = ctx;
    form_set_choices(f, "borrower_kind", n->kinds, FD_BORROWER_KIND_COUNT);
    form_set_choices(f, "reason", n->reasons, FD_KEY_REASON_COUNT);
    form_set_choices(f, "emergency", n->yes_no, 2);
    form_set_required_rule(f, loan_requires, NULL);
}

/* The tags as typed (or scanned), separated by spaces or commas. */
static fd_status find_keys(console *c, const char *text, new_loan *n, size_t *count, fd_error *err)
{
    char *copy = fd_strdup(text), *save = NULL;
    fd_status s = FD_OK;
    *count = 0;
    for (char *tag = strtok_r(copy, " ,", &save); tag && s == FD_OK; tag = strtok_r(NULL, " ,", &save)) {
        if (*count == MAX_KEYS) {
            s = fd_fail(err, FD_INVALID, "keys", _("At most %d keys in one loan."), MAX_KEYS);
            break;
        }
        s = fd_key_find_tag(console_desk(c), tag, &n->keys[*count], err);
        if (s == FD_OK)
            (*count)++;
    }
    free(copy);
    if (err && s != FD_OK)
        snprintf(err->field, sizeof err->field, "keys");
    return s;
}

/* The manager's consent is asked for before saving, so the record is written once:
 * with it (approved, and handed over when the core allows) or without (waiting). */
static int loan_submit(void *ctx, console *c, form *f)
{
    new_loan *n = ctx;
    fd_error err = {0};
    size_t count;
    if (find_keys(c, form_value(f, "keys"), n, &count, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    fd_key_loan_new loan = loan_as_typed(f);
    loan.key_ids = n->keys;
    loan.key_count = count;
    if (!form_time(f, c, "expected_return", true, &loan.expected_return))
        return EV_HANDLED;
    /* Everything the core would refuse is said now, before a manager is asked. */
    fd_desk *d = console_desk(c);
    if (fd_key_loan_check(d, &loan, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    fd_actor storage;
    const fd_actor *approver = NULL;
    bool agreed = fd_may(console_actor(c), FD_ACT_KEY_LOAN_APPROVE);
    if (!agreed) {
        /* Both answers save the request: Esc saves nothing and goes back to the form. */
        dialog_answer a = dialog_either(c, _("A loan needs a duty manager's or the customer-service "
                                             "manager's consent. Ask for it now?"),
                                        _("Consent now"), _("Leave it waiting"));
        if (a == DIALOG_CANCELLED)
            return EV_HANDLED;
        if (a == DIALOG_FIRST &&
            !(agreed = keys_approve(c, FD_ACT_KEY_LOAN_APPROVE, _("consent to a key loan"), &storage)))
            return EV_HANDLED;
        approver = agreed ? &storage : NULL;
    }
    /* An emergency: the keys wait for the calls, which need the loan recorded. */
    n->open_page = agreed && fd_key_loan_awaits_calls(d, &loan);
    loan.hand_over = agreed && !n->open_page;
    fd_status s = fd_key_loan_request(d, console_actor(c), approver, &loan, &n->id, &err);
    if (s != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    if (n->open_page)
        console_info(c, _("Loan No. %lld is approved: record the calls, then hand the keys over."),
                     (long long)n->id);
    else if (agreed)
        console_info(c, _("Loan No. %lld: the keys are handed over."), (long long)n->id);
    else
        console_info(c, _("Loan No. %lld waits for a manager's consent."), (long long)n->id);
    return EV_POP;
}

bool keys_new_loan(console *c)
{
    new_loan n = {.yes_no = {_("No"), _("Yes")}};
    for (int i = 0; i < FD_BORROWER_KIND_COUNT; i++)
        n.kinds[i] = fd_borrower_kind_label((fd_borrower_kind)i);
    for (int i = 0; i < FD_KEY_REASON_COUNT; i++)
        n.reasons[i] = fd_key_reason_label((fd_key_reason)i);
    ask_form_spec spec = {_("New key loan"),
                          _("Scan or type the tags. Keys come back today by the curfew; only an "
                            "engineering repair with an expected return stays out longer."),
                          loan_fields, sizeof loan_fields / sizeof loan_fields[0], loan_prepare,
                          loan_submit, &n};
    if (!ask_form(c, &spec))
        return false;
    if (n.open_page)
        keys_loan_page(c, n.id);
    return true;
}
