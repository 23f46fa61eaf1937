/* One pass's page: see pass_record.h. */
#include "passes/pass_record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "passes/passes_shared.h"
#include "widgets/ask.h"
#include "widgets/dialog.h"
#include "widgets/printing.h"
#include "widgets/record.h"
#include "widgets/show.h"

enum { FACT_ROWS = 6, CHOICES_MAX = 4 };

typedef enum step {
    STEP_CONFIRM = FD_PASS_STEP_CONFIRM,
    STEP_REFUSE = FD_PASS_STEP_REFUSE,
    STEP_VOID = FD_PASS_STEP_VOID,
    STEP_COUNT = FD_PASS_STEP_COUNT
} step;

static const char *const step_labels[STEP_COUNT] = {
    [STEP_CONFIRM] = N_("Seal confirmed: let the goods through"),
    [STEP_REFUSE] = N_("Stop the goods (flammable, explosive, toxic, corrosive)"),
    [STEP_VOID] = N_("Void the pass (with a reason)"),
};

typedef struct pass_view {
    record_page page; /* first: the page's skeleton */
    fd_pass pass;
} pass_view;

static void on_line(void *ctx, const fd_pass_line *l)
{
    pass_view *pv = ctx;
    char line[RECORD_LINE_TEXT];
    if (l->hazard)
        snprintf(line, sizeof line, _("%s: %s, %s \u2014 %s"), l->label, l->hazard, l->reason,
                 l->staff);
    else if (l->reason && *l->reason)
        snprintf(line, sizeof line, _("%s: %s \u2014 %s"), l->label, l->reason, l->staff);
    else
        snprintf(line, sizeof line, "%s \u2014 %s", l->label, l->staff);
    record_history_add(&pv->page.history, l->at, line);
}

/* The steps the pass's state allows; those the core refuses only for want of a reason
 * or outside the window are offered all the same: their dialogs ask, the core says. */
static void offer_steps(record_page *p, console *c)
{
    const pass_view *pv = (const pass_view *)p;
    const fd_actor *me = console_actor(c);
    for (int s = 0; s < STEP_COUNT; s++) {
        fd_status st = fd_pass_may(console_desk(c), p->id, pv->pass.state, (fd_pass_step)s, me);
        if (st == FD_OK || st == FD_INVALID)
            record_steps_offer(&p->steps, s);
    }
}

static bool read_pass(record_page *p, console *c, fd_error *err)
{
    pass_view *pv = (pass_view *)p;
    return fd_pass_get(console_desk(c), console_actor(c), p->id, &pv->pass, err) == FD_OK &&
           fd_pass_history(console_desk(c), p->id, on_line, pv, err) == FD_OK;
}

/* -- the steps -- */

/* A step's dialog: the pass it is for, and the labels of its choice field. */
typedef struct stepping {
    ask_dialog a; /* first: the dialog's changed() gets it back */
    const fd_pass *pass;
    const char *choices[CHOICES_MAX];
} stepping;

static bool run_dialog(stepping *s, console *c, const form_field *fields, size_t count,
                       const char *choice_field, int choices, form_submit submit)
{
    s->a.form = form_new(fields, count, FORM_ASK_DISCARD, submit, s);
    if (choice_field)
        form_set_choices(s->a.form, choice_field, s->choices, (size_t)choices);
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

/* 盖章确认: a confirmation naming the carrier and the goods, the safe answer first. */
static bool confirm(pass_view *pv, console *c)
{
    fd_error err = {0};
    if (fd_pass_confirm_check(console_desk(c), console_actor(c), pv->page.id, &err) != FD_OK) {
        console_show_error(c, &err);
        return false;
    }
    char question[PASSES_LINE_TEXT];
    snprintf(question, sizeof question, _("Seal confirmed: let %s through with %s (pass No. %lld)?"),
             pv->pass.carrier, pv->pass.goods, (long long)pv->page.id);
    if (!dialog_confirm(c, question, _("Let them through"), _("Not now")))
        return false;
    if (fd_pass_confirm(console_desk(c), console_actor(c), pv->page.id, &err) != FD_OK) {
        console_show_error(c, &err);
        return false;
    }
    return true;
}

static const form_field refuse_fields[] = {
    {"hazard", N_("Danger"), FORM_CHOICE, true, 0, 0},
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 200},
};

static int refuse_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_status st = fd_pass_refuse(console_desk(c), console_actor(c), s->pass->id,
                                  (fd_pass_hazard)form_choice(f, "hazard"), form_value(f, "reason"),
                                  &err);
    return submitted(s, c, f, st, &err);
}

static bool refuse(pass_view *pv, console *c)
{
    stepping s = {{_("Stop the goods"),
                   _("Flammable, explosive, toxic or corrosive goods do not enter or leave the "
                     "building (条款四). Say what was found."),
                   NULL, false, NULL, false},
                  .pass = &pv->pass};
    int n = fd_pass_choice_count(FD_PASS_LIST_HAZARD);
    for (int i = 0; i < n && i < CHOICES_MAX; i++)
        s.choices[i] = fd_pass_choice_label(FD_PASS_LIST_HAZARD, i);
    return run_dialog(&s, c, refuse_fields, 2, "hazard", n, refuse_submit);
}

static const form_field void_fields[] = {
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 200},
};

static int void_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_status st = fd_pass_void(console_desk(c), console_actor(c), s->pass->id,
                                form_value(f, "reason"), &err);
    return submitted(s, c, f, st, &err);
}

static bool void_pass(pass_view *pv, console *c)
{
    stepping s = {{_("Void the pass"),
                   _("The pass stays on record, voided, with your name and the reason; issue a "
                     "new one if the goods are still to move."),
                   NULL, false, NULL, false},
                  .pass = &pv->pass};
    return run_dialog(&s, c, void_fields, 1, NULL, 0, void_submit);
}

static const char *const done_messages[STEP_COUNT] = {
    [STEP_CONFIRM] = N_("Seal confirmed: the goods may pass."),
    [STEP_REFUSE] = N_("The goods are stopped; the reason is on record."),
    [STEP_VOID] = N_("Pass voided."),
};

static bool perform(record_page *p, console *c, int s)
{
    pass_view *pv = (pass_view *)p;
    switch ((step)s) {
    case STEP_CONFIRM: return confirm(pv, c);
    case STEP_REFUSE: return refuse(pv, c);
    case STEP_VOID: return void_pass(pv, c);
    case STEP_COUNT: break;
    }
    return false;
}

/* -- drawing -- */

static void state_line(const fd_pass *p, fd_time now, char *line, size_t size)
{
    char when[32];
    show_when(p->closed_at, now, when, sizeof when);
    /* TRANSLATORS: a stopped pass's state: the state, when, by whom, the danger: the reason. */
    if (p->refused)
        snprintf(line, size, _("%s   %s %s   %s: %s"), fd_pass_shown_state_label(p), when,
                 p->closed_by, fd_pass_choice_label(FD_PASS_LIST_HAZARD, (int)p->hazard),
                 p->refusal_reason);
    else if (p->void_reason[0])
        snprintf(line, size, "%s   %s %s   %s", fd_pass_shown_state_label(p), when, p->closed_by,
                 p->void_reason);
    else if (p->closed_at)
        snprintf(line, size, "%s   %s %s", fd_pass_shown_state_label(p), when, p->closed_by);
    else
        snprintf(line, size, "%s", fd_pass_shown_state_label(p));
}

static int draw_facts(const record_page *page, console *c, const console_area *area)
{
    const pass_view *pv = (const pass_view *)page;
    const fd_pass *p = &pv->pass;
    int y = area->top, x = area->left, cols = area->cols;
    fd_time now = fd_desk_now(console_desk(c));
    char line[PASSES_LINE_TEXT], window[64], authority[PASSES_LINE_TEXT / 2];
    passes_window_text(p, now, window, sizeof window);
    snprintf(line, sizeof line, "%lld   %s   %s%s", (long long)page->id,
             fd_pass_choice_label(FD_PASS_LIST_DIRECTION, (int)p->direction), window,
             p->scheduled ? _("   (moving time arranged)") : "");
    passes_label_line(y, x, cols, _("Pass no."), line, A_BOLD);
    snprintf(line, sizeof line, "%s %s", p->unit, p->company);
    passes_label_line(y + 1, x, cols, _("Company"), line, A_NORMAL);
    snprintf(line, sizeof line, "%s   %s %s", p->carrier, fd_doc_type_label(p->doc_type),
             p->doc_number);
    passes_label_line(y + 2, x, cols, _("Carried by"), line, A_NORMAL);
    passes_authority_text(p, authority, sizeof authority);
    snprintf(line, sizeof line, _("%s   issued by %s"), authority, p->issued_by);
    passes_label_line(y + 3, x, cols, _("Authority"), line, A_NORMAL);
    passes_label_line(y + 4, x, cols, _("Goods"), p->goods, A_NORMAL);
    state_line(p, now, line, sizeof line);
    passes_label_line(y + 5, x, cols, _("State"), line,
                      p->overdue || p->refused ? theme(TH_ERROR) : A_NORMAL);
    return FACT_ROWS;
}

static int record_handle(void *state, console *c, const console_event *ev)
{
    pass_view *pv = state;
    if (pv->page.loaded && ev->action == ACT_PRINT) {
        printing_pass(c, pv->page.id);
        return EV_HANDLED | EV_REDRAW;
    }
    return record_page_handle(state, c, ev);
}

static const screen_ops record_screen;

static const record_page_spec page_spec = {
    .screen = &record_screen,
    .size = sizeof(pass_view),
    .labels = step_labels,
    .done = done_messages,
    .nothing = N_("Nothing more to do for this pass."),
    .time_cols = PASSES_LABEL_COLS,
    .read = read_pass,
    .offer = offer_steps,
    .draw_facts = draw_facts,
    .perform = perform,
    .changed = passes_changed,
};

static void *record_open(console *c, void *arg)
{
    return record_page_open(c, &page_spec, arg);
}

static const console_action record_actions[] = {ACT_SELECT, ACT_PRINT, ACT_BACK, ACT_UP, ACT_DOWN,
                                                ACT_NONE};

static const screen_ops record_screen = {
    .title = N_("Carry-out or carry-in pass"),
    .actions = record_actions,
    .open = record_open,
    .close = record_page_close,
    .draw = record_page_draw,
    .handle = record_handle,
};

void pass_record_open(console *c, int64_t id)
{
    console_push(c, &record_screen, &id);
}
