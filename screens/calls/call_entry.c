/* One entry's page: see call_entry.h. */
#include "calls/call_entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/calls_shared.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/ask.h"
#include "widgets/dialog.h"
#include "widgets/fresh.h"
#include "widgets/pager.h"
#include "widgets/record.h"
#include "widgets/show.h"

/* HISTORY_KEPT: the rule over the history, two of its lines and the rule under it,
 * which the question and the answer leave to the page however long they are. */
enum { FACT_ROWS = 6, DEPARTMENTS_MAX = 16, HISTORY_KEPT = 4 };

/* The entry's own steps, then the correction, which is not a step of the entry, then
 * the steps of the repair request made of it, then reading it all in full. */
typedef enum step {
    STEP_ANSWER = FD_CALL_STEP_ANSWER,
    STEP_REFER = FD_CALL_STEP_REFER,
    STEP_CLOSE = FD_CALL_STEP_CLOSE,
    STEP_COMPLAIN = FD_CALL_STEP_COMPLAIN,
    STEP_REPAIR = FD_CALL_STEP_REPAIR,
    STEP_CORRECT = FD_CALL_STEP_COUNT,
    STEP_REPAIR_DONE,
    STEP_REPAIR_CANCEL,
    STEP_REPAIR_CORRECT,
    STEP_READ,
    STEP_COUNT
} step;

static const char *const step_labels[STEP_COUNT] = {
    [STEP_ANSWER] = N_("Record an answer given"),
    [STEP_REFER] = N_("Refer to a department"),
    [STEP_CLOSE] = N_("Dealt with: close the entry"),
    [STEP_COMPLAIN] = N_("Turn into a complaint (投诉记录表)"),
    [STEP_REPAIR] = N_("Hand to engineering as a repair request (报修单)"),
    [STEP_CORRECT] = N_("Correct an entry (with a reason)"),
    [STEP_REPAIR_DONE] = N_("Engineering reports the repair done"),
    [STEP_REPAIR_CANCEL] = N_("Withdraw the repair request (with a reason)"),
    [STEP_REPAIR_CORRECT] = N_("Correct the repair request (with a reason)"),
    [STEP_READ] = N_("Read the question and the history in full"),
};

typedef struct entry_view {
    int64_t id;
    fd_call_entry entry;
    fd_repair repair; /* when entry.repair_id */
    bool loaded;
    fresh read; /* when it was read */
    record_history history;
    record_steps steps;
} entry_view;

static void on_line(void *ctx, const fd_call_line *l)
{
    entry_view *ev = ctx;
    /* A line of the history is wrapped whole: the question and the answers are read
     * there in full, however many lines the page leaves them above. */
    char line[RECORD_LINE_TEXT], what[RECORD_LINE_TEXT - 128];
    if (l->field) {
        snprintf(line, sizeof line, _("%s %s: %s \u2192 %s (%s) \u2014 %s"), l->label, l->field,
                 show_or_dash(l->old_value), show_or_dash(l->value), l->reason, l->staff);
    } else {
        if (l->complaint_id)
            snprintf(what, sizeof what, _("complaint No. %lld"), (long long)l->complaint_id);
        else if (l->repair_id && strcmp(l->event, "repair") == 0)
            snprintf(what, sizeof what, _("repair request No. %lld"), (long long)l->repair_id);
        else if (l->repair_id && strcmp(l->event, "done") == 0)
            snprintf(what, sizeof what, _("%s: %s"), show_or_dash(l->person), l->text ? l->text : "");
        else if (l->department)
            calls_referral_text(l->department, l->person, what, sizeof what);
        else
            snprintf(what, sizeof what, "%s", l->text ? l->text : "");
        snprintf(line, sizeof line, "%s%s%s \u2014 %s", l->label, what[0] ? _(": ") : "", what, l->staff);
    }
    record_history_add(&ev->history, l->at, line);
}

/* What the core says of a step: the entry's, the correction, or the request's. */
static fd_status step_may(const entry_view *ev, console *c, const fd_actor *me, step s)
{
    switch (s) {
    case STEP_CORRECT:
        return fd_may(me, FD_ACT_CALL_CORRECT) ? FD_OK : FD_DENIED;
    case STEP_REPAIR_CORRECT:
        return ev->entry.repair_id && fd_may(me, FD_ACT_CALL_CORRECT) ? FD_OK : FD_DENIED;
    case STEP_READ:
        return FD_OK;
    case STEP_REPAIR_DONE:
    case STEP_REPAIR_CANCEL:
        if (!ev->entry.repair_id)
            return FD_STATE;
        return fd_repair_may(console_desk(c), ev->entry.repair_id, ev->repair.state,
                             s == STEP_REPAIR_DONE ? FD_REPAIR_STEP_DONE : FD_REPAIR_STEP_CANCEL, me);
    default:
        return fd_call_may(console_desk(c), ev->id, ev->entry.state, (fd_call_step)s, me, NULL);
    }
}

/* The steps the entry's state allows; closing, which the core refuses only for want of
 * a note, is still offered: its dialog asks for the note. */
static void offer_steps(entry_view *ev, console *c)
{
    const fd_actor *me = console_actor(c);
    record_steps_clear(&ev->steps);
    for (int s = 0; s < STEP_COUNT; s++) {
        fd_status st = step_may(ev, c, me, (step)s);
        if (st == FD_OK || st == FD_INVALID)
            record_steps_offer(&ev->steps, s);
    }
    record_steps_settle(&ev->steps);
}

static void load_entry(entry_view *ev, console *c)
{
    fresh_mark(&ev->read, c);
    record_history_clear(&ev->history);
    fd_error err = {0};
    ev->loaded = fd_call_get(console_desk(c), console_actor(c), ev->id, &ev->entry, &err) == FD_OK &&
                 fd_call_history(console_desk(c), console_actor(c), ev->id, on_line, ev, &err) == FD_OK;
    /* The request's own history joins the entry's, by time. */
    if (ev->loaded && ev->entry.repair_id)
        ev->loaded = fd_repair_get(console_desk(c), ev->entry.repair_id, &ev->repair, &err) == FD_OK &&
                     fd_repair_history(console_desk(c), ev->entry.repair_id, on_line, ev, &err) == FD_OK;
    if (!ev->loaded) {
        console_show_error(c, &err);
        return;
    }
    record_history_sort(&ev->history);
    offer_steps(ev, c);
}

static void *entry_open(console *c, void *arg)
{
    entry_view *ev = fd_alloc(sizeof *ev);
    ev->id = *(const int64_t *)arg;
    load_entry(ev, c);
    return ev;
}

static void entry_close(void *state)
{
    free(state);
}

/* -- the steps -- */

/* The labels a choice field of a step's dialog offers. */
typedef struct choice_set {
    const char *field; /* NULL: none */
    const char *labels[DEPARTMENTS_MAX];
    size_t count;
} choice_set;

/* A step's dialog: the entry it is for, and its choice fields (a referral's
 * departments, a correction's fields, a complaint's category and severity). */
typedef struct stepping {
    ask_dialog a; /* first: the dialog's changed() gets it back */
    int64_t id;
    const fd_call_entry *entry;
    choice_set lists[2];
    int shown_field; /* a correction: the field whose value the form shows */
} stepping;

static void offer(choice_set *set, const char *field, const char *label)
{
    set->field = field;
    if (set->count < DEPARTMENTS_MAX)
        set->labels[set->count++] = label;
}

static bool run_dialog(stepping *s, console *c, const form_field *fields, size_t count,
                       form_submit submit)
{
    s->a.form = form_new(fields, count, FORM_ASK_DISCARD, submit, s);
    for (size_t i = 0; i < sizeof s->lists / sizeof s->lists[0]; i++)
        if (s->lists[i].field)
            form_set_choices(s->a.form, s->lists[i].field, s->lists[i].labels, s->lists[i].count);
    if (s->a.changed)
        s->a.changed(&s->a);
    bool done = ask_dialog_run(c, &s->a);
    form_free(s->a.form);
    return done;
}

/* Each submit ends the same way: the error at its field, or the dialog done. */
static int submitted(stepping *s, console *c, form *f, fd_status st, const fd_error *err)
{
    if (st != FD_OK) {
        form_show_error(f, c, err);
        return EV_HANDLED;
    }
    s->a.done = true;
    return EV_POP;
}

static const form_field answer_fields[] = {
    {"answer", N_("Answer"), FORM_NOTE, true, 0, 1000},
};

static int answer_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_status st = fd_call_answer(console_desk(c), console_actor(c), s->id, form_value(f, "answer"), &err);
    return submitted(s, c, f, st, &err);
}

static bool answer(entry_view *ev, console *c)
{
    stepping s = {{_("Record an answer given"),
                   _("What the caller was told: on a call back, at a second visit, or the "
                     "department's reply passed on."),
                   NULL, false, NULL, false},
                  .id = ev->id, .entry = &ev->entry, .shown_field = -1};
    return run_dialog(&s, c, answer_fields, 1, answer_submit);
}

static const form_field refer_fields[] = {
    {"department", N_("Department"), FORM_CHOICE, true, 0, 0},
    {"person", N_("Person"), FORM_TEXT, false, 20, 32},
};

static int refer_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_status st = fd_call_refer(console_desk(c), console_actor(c), s->id, form_value(f, "department"),
                                 form_value(f, "person"), &err);
    return submitted(s, c, f, st, &err);
}

static bool refer(entry_view *ev, console *c)
{
    stepping s = {{_("Refer to a department"),
                   _("The department that will deal with it, and the person there who took it."),
                   NULL, false, NULL, false},
                  .id = ev->id, .entry = &ev->entry};
    const fd_string_list *departments = &console_config(c)->departments;
    for (size_t i = 0; i < departments->count; i++)
        offer(&s.lists[0], "department", departments->items[i]);
    return run_dialog(&s, c, refer_fields, 2, refer_submit);
}

static const form_field close_fields[] = {
    {"note", N_("How it ended"), FORM_NOTE, true, 0, 500},
};

static int close_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_status st = fd_call_close(console_desk(c), console_actor(c), s->id, form_value(f, "note"), &err);
    return submitted(s, c, f, st, &err);
}

/* Answered: a confirmation, the safe answer first, so a stray Enter closes nothing.
 * Not answered: the dialog asks how it ended, and saving it is the confirmation. */
static bool close_entry(entry_view *ev, console *c)
{
    if (ev->entry.answers == 0) {
        stepping s = {{_("Dealt with"),
                       _("No answer is on record: say how the matter ended (the caller hung up, "
                         "came back and withdrew it …)."),
                       NULL, false, NULL, false},
                      .id = ev->id, .entry = &ev->entry, .shown_field = -1};
        return run_dialog(&s, c, close_fields, 1, close_submit);
    }
    char question[CALLS_LINE_TEXT];
    snprintf(question, sizeof question, _("Mark entry No. %lld (%s) dealt with?"), (long long)ev->id,
             ev->entry.caller);
    if (!dialog_confirm(c, question, _("Dealt with"), _("Not now")))
        return false;
    fd_error err = {0};
    if (fd_call_close(console_desk(c), console_actor(c), ev->id, NULL, &err) != FD_OK) {
        console_show_error(c, &err);
        return false;
    }
    return true;
}

static const form_field complaint_fields[] = {
    {"category", N_("Category"), FORM_CHOICE, true, 0, 0},
    {"severity", N_("Severity"), FORM_CHOICE, true, 0, 0},
};

typedef struct complaining {
    stepping s; /* first: the dialog's own */
    bool filled;
    int64_t complaint_id;
} complaining;

/* Once, when the dialog opens: the complaints procedure's own defaults (an ordinary
 * complaint), so that a major one, with its shorter deadlines, is chosen, not assumed. */
static void complaint_defaults(ask_dialog *a)
{
    complaining *k = (complaining *)a;
    if (k->filled)
        return;
    k->filled = true;
    form_set_value(a->form, "category",
                   fd_complaint_choice_label(FD_CLIST_CATEGORY,
                                             fd_complaint_choice_default(FD_CLIST_CATEGORY)));
    form_set_value(a->form, "severity",
                   fd_complaint_choice_label(FD_CLIST_SEVERITY,
                                             fd_complaint_choice_default(FD_CLIST_SEVERITY)));
}

/* Chosen, then confirmed: both choices are made when the dialog opens, so Enter on the
 * step and Enter twice more would have taken a complaint in, its deadlines running. */
static bool complaint_confirmed(const complaining *k, console *c, form *f)
{
    int severity = form_choice(f, "severity");
    if (severity < 0)
        return true; /* nothing chosen: the core says so at the field */
    char question[CALLS_LINE_TEXT];
    snprintf(question, sizeof question, _("Turn entry No. %lld (%s) into a %s complaint?"),
             (long long)k->s.id, k->s.entry->caller, fd_complaint_choice_label(FD_CLIST_SEVERITY, severity));
    return dialog_confirm(c, question, _("Turn into a complaint"), _("Not now"));
}

static int complaint_submit(void *ctx, console *c, form *f)
{
    complaining *k = ctx;
    if (!complaint_confirmed(k, c, f))
        return EV_HANDLED | EV_REDRAW;
    fd_error err = {0};
    fd_status st = fd_call_to_complaint(console_desk(c), console_actor(c), k->s.id,
                                        (fd_complaint_category)form_choice(f, "category"),
                                        (fd_complaint_severity)form_choice(f, "severity"),
                                        &k->complaint_id, &err);
    return submitted(&k->s, c, f, st, &err);
}

/* The complaints procedure takes it from here, with its deadlines and return visit: the
 * caller, unit, phone and question go over as they read now. */
static bool complain(entry_view *ev, console *c)
{
    complaining k = {{{_("Turn into a complaint"),
                       _("The complaint is taken in with the caller, unit, phone, question and time "
                         "of this entry: its deadlines run from when the caller called or came. "
                         "The entry is then dealt with."),
                       NULL, false, complaint_defaults, false},
                      .id = ev->id, .entry = &ev->entry},
                     false, 0};
    for (int i = 0; i < fd_complaint_choice_count(FD_CLIST_CATEGORY); i++)
        offer(&k.s.lists[0], "category", fd_complaint_choice_label(FD_CLIST_CATEGORY, i));
    for (int i = 0; i < fd_complaint_choice_count(FD_CLIST_SEVERITY); i++)
        offer(&k.s.lists[1], "severity", fd_complaint_choice_label(FD_CLIST_SEVERITY, i));
    if (!run_dialog(&k.s, c, complaint_fields, 2, complaint_submit))
        return false;
    console_info(c, _("Complaint No. %lld taken in from this entry."), (long long)k.complaint_id);
    return true;
}

static const form_field repair_fields[] = {
    {"what", N_("What to repair"), FORM_NOTE, false, 0, 1000},
    {"department", N_("Department"), FORM_CHOICE, true, 0, 0},
    {"person", N_("Engineer"), FORM_TEXT, false, 20, 32},
};

typedef struct handing {
    stepping s; /* first: the dialog's own */
    bool filled;
    int64_t repair_id;
} handing;

/* Once, when the dialog opens: what the caller said, and the department and person the
 * entry was referred to (a repair call is usually referred to engineering at once). */
static void repair_fill(ask_dialog *a)
{
    handing *h = (handing *)a;
    if (h->filled)
        return;
    h->filled = true;
    form_set_value(a->form, "what", h->s.entry->question);
    form_set_value(a->form, "department", h->s.entry->department);
    form_set_value(a->form, "person", h->s.entry->person);
}

static int repair_submit(void *ctx, console *c, form *f)
{
    handing *h = ctx;
    int department = form_choice(f, "department");
    char question[CALLS_LINE_TEXT];
    snprintf(question, sizeof question, _("Hand entry No. %lld to %s as a repair request?"),
             (long long)h->s.id, department >= 0 ? h->s.lists[0].labels[department] : "");
    /* Chosen, then confirmed: a stray Enter hands nothing over. */
    if (department >= 0 && !dialog_confirm(c, question, _("Hand it to engineering"), _("Not now")))
        return EV_HANDLED | EV_REDRAW;
    fd_repair_handover in = {form_value(f, "what"), department >= 0 ? h->s.lists[0].labels[department] : "",
                             form_value(f, "person")};
    fd_error err = {0};
    fd_status st = fd_call_to_repair(console_desk(c), console_actor(c), h->s.id, &in, &h->repair_id, &err);
    return submitted(&h->s, c, f, st, &err);
}

static bool hand_to_engineering(entry_view *ev, console *c)
{
    handing h = {{{_("Hand to engineering"),
                   _("A repair request (报修单) goes to the department with what to repair and the "
                     "place; the entry is dealt with, the request stays open until engineering "
                     "reports it done."),
                   NULL, false, repair_fill, false},
                  .id = ev->id, .entry = &ev->entry, .shown_field = -1},
                 false, 0};
    const fd_string_list *departments = &console_config(c)->departments;
    for (size_t i = 0; i < departments->count; i++)
        offer(&h.s.lists[0], "department", departments->items[i]);
    if (!run_dialog(&h.s, c, repair_fields, 3, repair_submit))
        return false;
    console_info(c, _("Repair request No. %lld handed to engineering."), (long long)h.repair_id);
    return true;
}

static const form_field repair_done_fields[] = {
    {"reported_by", N_("Reported by"), FORM_TEXT, true, 20, 32},
    {"done_at", N_("Finished at"), FORM_DATETIME, false, 0, 0},
    {"work", N_("What was done"), FORM_NOTE, true, 0, 1000},
};

static int repair_done_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_time done_at = 0;
    if (!form_time(f, c, "done_at", true, &done_at))
        return EV_HANDLED | EV_REDRAW;
    fd_error err = {0};
    fd_status st = fd_repair_done(console_desk(c), console_actor(c), s->entry->repair_id,
                                  form_value(f, "reported_by"), done_at, form_value(f, "work"), &err);
    return submitted(s, c, f, st, &err);
}

static bool repair_done(entry_view *ev, console *c)
{
    stepping s = {{_("Repair done"),
                   _("Engineering's report: who reported it, when the work was finished (empty: "
                     "now) and what was done."),
                   NULL, false, NULL, false},
                  .id = ev->id, .entry = &ev->entry, .shown_field = -1};
    return run_dialog(&s, c, repair_done_fields, 3, repair_done_submit);
}

static const form_field repair_cancel_fields[] = {
    {"reason", N_("Reason"), FORM_NOTE, true, 0, 500},
};

static int repair_cancel_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_status st = fd_repair_cancel(console_desk(c), console_actor(c), s->entry->repair_id,
                                    form_value(f, "reason"), &err);
    return submitted(s, c, f, st, &err);
}

static bool repair_cancel(entry_view *ev, console *c)
{
    stepping s = {{_("Withdraw the repair request"),
                   _("Engineering is told not to come: say why (the caller mended it, it was no "
                     "repair …)."),
                   NULL, false, NULL, false},
                  .id = ev->id, .entry = &ev->entry, .shown_field = -1};
    return run_dialog(&s, c, repair_cancel_fields, 1, repair_cancel_submit);
}

static const form_field repair_correction_fields[] = {
    {"field", N_("Entry"), FORM_CHOICE, true, 0, 0},
    {"value", N_("Correct value"), FORM_NOTE, false, 0, 1000},
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 80},
};

typedef struct repair_correcting {
    stepping s; /* first: the dialog's own */
    const fd_repair *repair;
} repair_correcting;

static void repair_correction_changed(ask_dialog *a)
{
    repair_correcting *k = (repair_correcting *)a;
    int field = form_choice(a->form, "field");
    if (field < 0 || field == k->s.shown_field)
        return;
    form_set_value(a->form, "value", field == FD_REPAIR_FIELD_WHAT ? k->repair->what : k->repair->person);
    k->s.shown_field = field;
}

static int repair_correction_submit(void *ctx, console *c, form *f)
{
    repair_correcting *k = ctx;
    fd_error err = {0};
    fd_status st = fd_repair_correct(console_desk(c), console_actor(c), k->repair->id,
                                     (fd_repair_field)form_choice(f, "field"), form_value(f, "value"),
                                     form_value(f, "reason"), &err);
    return submitted(&k->s, c, f, st, &err);
}

static bool repair_correct(entry_view *ev, console *c)
{
    repair_correcting k = {{{_("Correct the repair request"),
                             _("The request is not changed: the correction is kept beside it with "
                               "your name and the reason; the history shows the old value and the new."),
                             NULL, false, repair_correction_changed, false},
                            .id = ev->id, .entry = &ev->entry, .shown_field = -1},
                           &ev->repair};
    for (int f = 0; f < FD_REPAIR_FIELD_COUNT; f++)
        offer(&k.s.lists[0], "field", fd_repair_field_label((fd_repair_field)f));
    return run_dialog(&k.s, c, repair_correction_fields, 3, repair_correction_submit);
}

static const form_field correction_fields[] = {
    {"field", N_("Entry"), FORM_CHOICE, true, 0, 0},
    {"value", N_("Correct value"), FORM_NOTE, false, 0, 1000},
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 80},
};

/* The field as it reads now, to edit: a choice by its label, as the lists show it; the
 * phone only when the reader sees it in full. */
static const char *current_text(const fd_call_entry *e, fd_call_field field)
{
    switch (field) {
    case FD_CALL_FIELD_CALLER: return e->caller;
    case FD_CALL_FIELD_UNIT: return e->unit;
    case FD_CALL_FIELD_PHONE: return e->phone_in_full ? e->phone : "";
    case FD_CALL_FIELD_CHANNEL: return fd_call_choice_label(FD_CALL_LIST_CHANNEL, (int)e->channel);
    case FD_CALL_FIELD_MATTER: return fd_call_choice_label(FD_CALL_LIST_MATTER, (int)e->matter);
    case FD_CALL_FIELD_QUESTION: return e->question;
    }
    return "";
}

/* A channel or matter is typed as its label; the core takes the stored name. Anything
 * else, and a label that is none of the list's, goes to the core as typed. */
static const char *stored_value(fd_call_field field, const char *typed)
{
    if (field != FD_CALL_FIELD_CHANNEL && field != FD_CALL_FIELD_MATTER)
        return typed;
    fd_call_list list = field == FD_CALL_FIELD_CHANNEL ? FD_CALL_LIST_CHANNEL : FD_CALL_LIST_MATTER;
    for (int i = 0; i < fd_call_choice_count(list); i++)
        if (strcmp(fd_call_choice_label(list, i), typed) == 0)
            return fd_call_choice_name(list, i);
    return typed;
}

static void correction_changed(ask_dialog *a)
{
    stepping *s = (stepping *)a;
    int field = form_choice(a->form, "field");
    if (field < 0 || field == s->shown_field)
        return;
    form_set_value(a->form, "value", current_text(s->entry, (fd_call_field)field));
    s->shown_field = field;
}

static int correction_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_call_field field = (fd_call_field)form_choice(f, "field");
    fd_status st = fd_call_correct(console_desk(c), console_actor(c), s->id, field,
                                   stored_value(field, form_value(f, "value")),
                                   form_value(f, "reason"), &err);
    return submitted(s, c, f, st, &err);
}

static bool correct(entry_view *ev, console *c)
{
    stepping s = {{_("Correct an entry"),
                   _("The entry is not changed: the correction is kept beside it with your name "
                     "and the reason; the history shows the old value and the new."),
                   NULL, false, correction_changed, false},
                  .id = ev->id, .entry = &ev->entry, .shown_field = -1};
    for (int f = 0; f < fd_call_choice_count(FD_CALL_LIST_FIELD); f++)
        offer(&s.lists[0], "field", fd_call_choice_label(FD_CALL_LIST_FIELD, f));
    return run_dialog(&s, c, correction_fields, 3, correction_submit);
}

/* The question and every line of the history whole, in a pager: the page gives the
 * question and the answer the rows 80×24 leaves, and a history line taller than its
 * window is cut there. Wrapped to the terminal's width as it is now. */
static void read_in_full(entry_view *ev, console *c)
{
    enum { INDENT = 2, BOX = 6 };
    int width = COLS - BOX - INDENT;
    fd_time now = fd_desk_now(console_desk(c));
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    if (!out)
        abort(); /* out of memory, as fd_alloc takes it */
    fprintf(out, "%s\n", _("Question"));
    pager_put_wrapped(out, ev->entry.question, width, "  ");
    fprintf(out, "\n%s\n", _("History"));
    for (size_t i = 0; i < ev->history.count; i++) {
        char when[32];
        show_when(ev->history.lines[i].at, now, when, sizeof when);
        fprintf(out, "  %s\n", when);
        pager_put_wrapped(out, ev->history.lines[i].text, width - INDENT, "    ");
    }
    fclose(out);
    char title[CALLS_LINE_TEXT];
    snprintf(title, sizeof title, _("Register entry No. %lld"), (long long)ev->id);
    pager_spec spec = {title, text, NULL, NULL, NULL, ACT_NONE};
    pager_run(c, &spec);
    free(text);
}

static const char *const done_messages[STEP_COUNT] = {
    [STEP_ANSWER] = N_("Answer recorded."),
    [STEP_REFER] = N_("Referral recorded."),
    [STEP_CLOSE] = N_("Entry dealt with."),
    [STEP_COMPLAIN] = NULL, /* complain() names the complaint */
    [STEP_REPAIR] = NULL,   /* hand_to_engineering() names the request */
    [STEP_CORRECT] = N_("Correction recorded."),
    [STEP_REPAIR_DONE] = N_("Repair reported done."),
    [STEP_REPAIR_CANCEL] = N_("Repair request withdrawn."),
    [STEP_REPAIR_CORRECT] = N_("Correction recorded."),
    [STEP_READ] = NULL,
};

static int perform(entry_view *ev, console *c, step s)
{
    bool done = false;
    switch (s) {
    case STEP_ANSWER: done = answer(ev, c); break;
    case STEP_REFER: done = refer(ev, c); break;
    case STEP_CLOSE: done = close_entry(ev, c); break;
    case STEP_COMPLAIN: done = complain(ev, c); break;
    case STEP_REPAIR: done = hand_to_engineering(ev, c); break;
    case STEP_CORRECT: done = correct(ev, c); break;
    case STEP_REPAIR_DONE: done = repair_done(ev, c); break;
    case STEP_REPAIR_CANCEL: done = repair_cancel(ev, c); break;
    case STEP_REPAIR_CORRECT: done = repair_correct(ev, c); break;
    case STEP_READ: read_in_full(ev, c); break;
    case STEP_COUNT: break;
    }
    if (done) {
        calls_changed();
        if (done_messages[s])
            console_info(c, "%s", _(done_messages[s]));
        record_history_show_newest(&ev->history);
        load_entry(ev, c);
    }
    return EV_HANDLED | EV_REDRAW;
}

/* -- drawing -- */

/* The request made of the entry, on one line: its number and state, then while it is
 * with engineering whom it went to, once done who reported it and when, once
 * withdrawn why. */
static void draw_repair(const fd_repair *r, fd_time now, int y, int x, int cols)
{
    char line[CALLS_LINE_TEXT], first[CALLS_LINE_TEXT], when[32];
    char who[2 * FD_CALL_NAME_MAX + FD_CALL_DEPARTMENT_MAX];
    switch (r->state) {
    case FD_REPAIR_DONE:
        show_when(r->done_at, now, when, sizeof when);
        calls_first_line(r->work, first, sizeof first);
        snprintf(line, sizeof line, _("No. %lld  %s  %s  %s: %s"), (long long)r->id,
                 fd_repair_state_label(r->state), when, r->reported_by, first);
        break;
    case FD_REPAIR_CANCELLED:
        calls_first_line(r->cancel_reason, first, sizeof first);
        snprintf(line, sizeof line, _("No. %lld  %s: %s"), (long long)r->id,
                 fd_repair_state_label(r->state), first);
        break;
    default:
        calls_referral_text(r->department, r->person, who, sizeof who);
        show_when(r->handed_at, now, when, sizeof when);
        snprintf(line, sizeof line, _("No. %lld  %s  %s  %s"), (long long)r->id,
                 fd_repair_state_label(r->state), who, when);
    }
    calls_label_line(y, x, cols, _("Repair request"), line,
                     r->state == FD_REPAIR_HANDED ? theme(TH_ERROR) : A_NORMAL);
}

/* The lines the question and the answer take: each whole when both fit in room,
 * else the shorter whole when it takes no more than half, and the other the rest. */
static void share_rows(int question, int answer, int room, int *q, int *a)
{
    if (room < 2)
        room = 2;
    if (question + answer <= room) {
        *q = question;
        *a = answer;
    } else if (question <= room / 2) {
        *q = question;
        *a = room - question;
    } else if (answer <= room / 2) {
        *q = room - answer;
        *a = answer;
    } else {
        *q = room / 2;
        *a = room - room / 2;
    }
}

/* The question and the answer, wrapped under their labels: what the caller asked and
 * what the desk said are read here, not guessed from a first line. Returns the rows
 * drawn. */
static int draw_question_and_answer(const fd_call_entry *e, int y, int x, int cols, int room)
{
    int width = cols - CALLS_LABEL_COLS;
    const char *answer = show_or_dash(e->answer);
    int q, a;
    share_rows(text_lines(e->question, width), text_lines(answer, width), room, &q, &a);
    calls_label_line(y, x, cols, _("Question"), "", A_NORMAL);
    q = draw_wrapped(y, x + CALLS_LABEL_COLS, q, width, e->question, A_NORMAL);
    q = q > 1 ? q : 1;
    calls_label_line(y + q, x, cols, _("Answer"), "", A_NORMAL);
    return q + draw_wrapped(y + q, x + CALLS_LABEL_COLS, a, width, answer, A_NORMAL);
}

/* Returns the rows drawn. */
static int draw_facts(const entry_view *ev, console *c, const console_area *area)
{
    const fd_call_entry *e = &ev->entry;
    int y = area->top, x = area->left, cols = area->cols;
    int repair_rows = e->repair_id ? 1 : 0;
    int steps_rows = record_steps_rows(&ev->steps, step_labels, cols);
    fd_time now = fd_desk_now(console_desk(c));
    char line[CALLS_LINE_TEXT], who[2 * FD_CALL_NAME_MAX], when[32];
    show_when(e->received_at, now, when, sizeof when);
    calls_who_text(e, who, sizeof who);
    snprintf(line, sizeof line, "%lld   %s   %s   %s%s", (long long)ev->id, when,
             fd_call_choice_label(FD_CALL_LIST_CHANNEL, (int)e->channel), who,
             e->unit[0] && !e->unit_id ? _(" (not in the directory)") : "");
    calls_label_line(y, x, cols, _("Entry no."), line, A_BOLD);
    snprintf(line, sizeof line, _("%s   phone %s   taken by %s"),
             fd_call_choice_label(FD_CALL_LIST_MATTER, (int)e->matter), show_or_dash(e->phone),
             e->received_by);
    calls_label_line(y + 1, x, cols, _("Matter"), line, A_NORMAL);
    int room = area->rows - (FACT_ROWS - 2 + repair_rows) - HISTORY_KEPT - steps_rows;
    y += draw_question_and_answer(e, y + 2, x, cols, room) - 2;
    calls_referral_text(e->department, e->person, line, sizeof line);
    calls_label_line(y + 4, x, cols, _("Referred to"), show_or_dash(line), A_NORMAL);
    if (e->complaint_id) {
        show_when(e->closed_at, now, when, sizeof when);
        snprintf(line, sizeof line, _("%s   %s   complaint No. %lld"), calls_state_label(e), when,
                 (long long)e->complaint_id);
    } else if (e->repair_id) {
        show_when(e->closed_at, now, when, sizeof when);
        snprintf(line, sizeof line, _("%s   %s   to engineering"), calls_state_label(e), when);
    } else if (e->closed_at) {
        show_when(e->closed_at, now, when, sizeof when);
        snprintf(line, sizeof line, "%s   %s", calls_state_label(e), when);
    } else {
        text_copy(line, sizeof line, calls_state_label(e));
    }
    calls_label_line(y + 5, x, cols, _("State"), line,
                     e->state == FD_CALL_STATE_OPEN ? theme(TH_ERROR) : A_NORMAL);
    if (e->repair_id)
        draw_repair(&ev->repair, now, y + 6, x, cols);
    return y - area->top + FACT_ROWS + repair_rows;
}

static const screen_ops entry_screen;

static void entry_draw(void *state, console *c, const console_area *area)
{
    entry_view *ev = state;
    if (ev->loaded && fresh_page_stale(&ev->read, c, &entry_screen))
        load_entry(ev, c);
    if (!ev->loaded)
        return;
    record_body body = {draw_facts(ev, c, area), CALLS_LABEL_COLS, &ev->history, &ev->steps,
                        step_labels, _("Nothing more to do for this entry."), NULL};
    record_draw_body(&body, fd_desk_now(console_desk(c)), area);
}

static int entry_handle(void *state, console *c, const console_event *ev)
{
    entry_view *view = state;
    if (!view->loaded)
        return EV_IGNORED;
    if (record_history_key(&view->history, ev))
        return EV_HANDLED | EV_REDRAW;
    int chosen;
    switch (record_steps_key(&view->steps, c, ev, &chosen)) {
    case STEPS_MOVED: return EV_HANDLED | EV_REDRAW;
    case STEPS_CHOSEN: return perform(view, c, (step)chosen);
    case STEPS_IGNORED: break;
    }
    return EV_IGNORED;
}

static const console_action entry_actions[] = {ACT_SELECT,  ACT_BACK,      ACT_UP, ACT_DOWN,
                                               ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

static const screen_ops entry_screen = {
    .title = N_("Register entry"),
    .actions = entry_actions,
    .open = entry_open,
    .close = entry_close,
    .draw = entry_draw,
    .handle = entry_handle,
};

void call_entry_open(console *c, int64_t id)
{
    console_push(c, &entry_screen, &id);
}
