/* One notice's page: see notice_page.h. */
#include "notices/notice_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "notices/notices_shared.h"
#include "widgets/ask.h"
#include "widgets/dialog.h"
#include "widgets/record.h"
#include "widgets/show.h"

/* BODY_ROWS_KEPT: the rows of a page's area the text leaves to the other facts, the
 * history's rule and two of its lines, and the steps (six at most, and a hint). */
enum { FACT_ROWS = 6, UNITS_MAX = 64, BODY_ROWS_KEPT = 16 };

/* The notice's own steps, then the correction, which is not a step of the notice. */
typedef enum step {
    STEP_APPROVE = FD_NOTICE_STEP_APPROVE,
    STEP_ISSUE = FD_NOTICE_STEP_ISSUE,
    STEP_POST = FD_NOTICE_STEP_POST,
    STEP_DELIVER = FD_NOTICE_STEP_DELIVER,
    STEP_TAKE_DOWN = FD_NOTICE_STEP_TAKE_DOWN,
    STEP_CORRECT = FD_NOTICE_STEP_COUNT,
    STEP_COUNT
} step;

static const char *const step_labels[STEP_COUNT] = {
    [STEP_APPROVE] = N_("Sign the notice (PIN of the signer)"),
    [STEP_ISSUE] = N_("Issue the notice"),
    [STEP_POST] = N_("Posted on the notice board"),
    [STEP_DELIVER] = N_("Handed to units door to door"),
    [STEP_TAKE_DOWN] = N_("Taken down"),
    [STEP_CORRECT] = N_("Correct the notice (with a reason)"),
};

typedef struct notice_view {
    record_page page; /* first: the page's skeleton */
    fd_notice notice;
} notice_view;

static void on_line(void *ctx, const fd_notice_line *l)
{
    notice_view *p = ctx;
    char line[RECORD_LINE_TEXT];
    if (l->field)
        snprintf(line, sizeof line, _("%s %s: %s \u2192 %s (%s) \u2014 %s"), l->label, l->field,
                 show_or_dash(l->old_value), show_or_dash(l->value), l->reason, l->staff);
    else if (l->unit)
        snprintf(line, sizeof line, _("%s: %s \u2014 %s"), l->label, l->unit, l->staff);
    else if (l->reason)
        snprintf(line, sizeof line, _("%s: %s \u2014 allowed by %s"), l->label, l->reason, l->approver);
    else if (l->approver)
        snprintf(line, sizeof line, _("%s \u2014 %s, signed by %s"), l->label, l->staff, l->approver);
    else
        snprintf(line, sizeof line, "%s \u2014 %s", l->label, l->staff);
    record_history_add(&p->page.history, l->at, line);
}

static void offer_steps(record_page *page, console *c)
{
    const notice_view *p = (const notice_view *)page;
    const fd_actor *me = console_actor(c);
    for (int s = 0; s < STEP_COUNT; s++) {
        fd_status st = s == STEP_CORRECT ? (fd_may(me, FD_ACT_NOTICE_CORRECT) ? FD_OK : FD_DENIED)
                                         : fd_notice_may(console_desk(c), page->id, p->notice.state,
                                                         (fd_notice_step)s, me);
        if (st == FD_OK)
            record_steps_offer(&page->steps, s);
    }
}

static bool read_notice(record_page *page, console *c, fd_error *err)
{
    notice_view *p = (notice_view *)page;
    return fd_notice_get(console_desk(c), console_actor(c), page->id, &p->notice, err) == FD_OK &&
           fd_notice_history(console_desk(c), console_actor(c), page->id, on_line, p, err) == FD_OK;
}

/* -- the steps -- */

/* Asks first, the safe answer first, so a stray Enter changes nothing. */
static bool confirmed(console *c, const char *question, const char *yes)
{
    return dialog_confirm(c, question, yes, _("Not now"));
}

static bool reported(console *c, fd_status s, const fd_error *err)
{
    if (s != FD_OK)
        console_show_error(c, err);
    return s == FD_OK;
}

static bool approve(notice_view *p, console *c)
{
    fd_actor signer;
    if (!notices_ask_signer(c, &signer))
        return false;
    fd_error err = {0};
    fd_status s = fd_notice_approve(console_desk(c), console_actor(c), &signer, p->page.id, &err);
    return reported(c, s, &err);
}

/* A step's dialog: the notice it is for; its first member is the dialog's own. */
typedef struct stepping {
    ask_dialog a;
    int64_t id;
    const fd_notice *notice;
    const char *fields[FD_NOTICE_FIELD_ENDS_AT + 1];
    int shown_field; /* a correction: the field whose value the form shows */
} stepping;

static int submitted(stepping *s, console *c, form *f, fd_status st, const fd_error *err)
{
    if (st != FD_OK) {
        form_show_error(f, c, err);
        return EV_HANDLED;
    }
    s->a.done = true;
    return EV_POP;
}

static bool run_dialog(stepping *s, console *c, const form_field *fields, size_t count,
                       form_submit submit)
{
    s->a.form = form_new(fields, count, FORM_ASK_DISCARD, submit, s);
    if (s->a.changed) {
        form_set_choices(s->a.form, "field", s->fields, FD_NOTICE_FIELD_ENDS_AT + 1);
        s->a.changed(&s->a);
    }
    bool done = ask_dialog_run(c, &s->a);
    form_free(s->a.form);
    return done;
}

static const form_field override_fields[] = {
    {"reason", N_("Why it cannot wait"), FORM_TEXT, true, 0, 200},
};

static int override_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_actor manager;
    if (!notices_ask_override(c, &manager))
        return EV_HANDLED;
    fd_notice_override o = {&manager, form_value(f, "reason")};
    fd_error err = {0};
    fd_status st = fd_notice_issue(console_desk(c), console_actor(c), s->id, &o, &err);
    return submitted(s, c, f, st, &err);
}

/* Works issued too late for their start: the refusal said so; a manager may let them
 * go out all the same, with the reason kept beside the notice. */
static bool issue_early(notice_view *p, console *c)
{
    if (!dialog_confirm(c, _("Ask a manager to let the works start before the notice period ends?"),
                        _("Ask a manager"), _("Not now")))
        return false;
    stepping s = {{_("Issue with a shorter notice period"),
                   _("The reason is kept beside the notice with the manager's name."), NULL, false,
                   NULL, false},
                  .id = p->page.id, .notice = &p->notice, .shown_field = -1};
    return run_dialog(&s, c, override_fields, 1, override_submit);
}

static bool issue(notice_view *p, console *c)
{
    char question[NOTICES_LINE_TEXT];
    snprintf(question, sizeof question, _("Issue notice No. %lld (%s)?"), (long long)p->page.id, p->notice.title);
    if (!confirmed(c, question, _("Issue")))
        return false;
    fd_error err = {0};
    fd_status s = fd_notice_issue(console_desk(c), console_actor(c), p->page.id, NULL, &err);
    if (s == FD_INVALID && strcmp(err.field, "starts_at") == 0) {
        console_show_error(c, &err);
        return issue_early(p, c);
    }
    return reported(c, s, &err);
}

static bool post(notice_view *p, console *c)
{
    char question[NOTICES_LINE_TEXT];
    snprintf(question, sizeof question, _("Notice No. %lld (%s) is on the notice board?"), (long long)p->page.id, p->notice.title);
    if (!confirmed(c, question, _("Posted")))
        return false;
    fd_error err = {0};
    return reported(c, fd_notice_post(console_desk(c), console_actor(c), p->page.id, &err), &err);
}

static bool take_down(notice_view *p, console *c)
{
    char question[NOTICES_LINE_TEXT];
    snprintf(question, sizeof question, _("Notice No. %lld (%s) has been taken down?"), (long long)p->page.id, p->notice.title);
    if (!confirmed(c, question, _("Taken down")))
        return false;
    fd_error err = {0};
    fd_status s = fd_notice_take_down(console_desk(c), console_actor(c), p->page.id, &err);
    return reported(c, s, &err);
}

static const form_field deliver_fields[] = {
    {"units", N_("Units"), FORM_TEXT, true, 0, 300},
    {"delivered_at", N_("Time"), FORM_DATETIME, false, 0, 0},
};

/* The separators between units typed: spaces and commas, full-width ones too. */
static size_t separator_at(const char *p)
{
    static const char *const separators[] = {" ", ",", ";", "\t", "\u3000", "\u3001", "\uff0c", "\uff1b"};
    for (size_t i = 0; i < sizeof separators / sizeof separators[0]; i++)
        if (strncmp(p, separators[i], strlen(separators[i])) == 0)
            return strlen(separators[i]);
    return 0;
}

/* The units typed, split at the separators, into text itself (at most max). */
static size_t split_units(char *text, const char *units[], size_t max)
{
    size_t n = 0;
    char *p = text;
    while (*p && n < max) {
        size_t sep;
        while ((sep = separator_at(p)) > 0)
            p += sep;
        if (!*p)
            break;
        units[n++] = p;
        while (*p && (sep = separator_at(p)) == 0)
            p++;
        if (*p) {
            *p = '\0';
            p += sep;
        }
    }
    return n;
}

static int deliver_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_time at = 0;
    if (!form_time(f, c, "delivered_at", true, &at))
        return EV_HANDLED;
    char *text = fd_strdup(form_value(f, "units"));
    const char *units[UNITS_MAX];
    size_t count = split_units(text, units, UNITS_MAX);
    fd_status st = fd_notice_deliver(console_desk(c), console_actor(c), s->id, units, count, at, &err);
    free(text);
    return submitted(s, c, f, st, &err);
}

static bool deliver(notice_view *p, console *c)
{
    stepping s = {{_("Handed to units door to door"),
                   _("The units' codes, separated by spaces (A-1203 A-1204); the time they were "
                     "handed over, or empty for now."),
                   NULL, false, NULL, false},
                  .id = p->page.id, .notice = &p->notice, .shown_field = -1};
    return run_dialog(&s, c, deliver_fields, 2, deliver_submit);
}

static const form_field correction_fields[] = {
    {"field", N_("Field"), FORM_CHOICE, true, 0, 0},
    {"value", N_("Correct value"), FORM_NOTE, true, 0, 1000},
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 80},
};

static const char *current_text(const fd_notice *n, fd_notice_field field, char *buf, size_t size)
{
    switch (field) {
    case FD_NOTICE_FIELD_TITLE: return n->title;
    case FD_NOTICE_FIELD_BODY: return n->body;
    case FD_NOTICE_FIELD_PLACE: return n->place;
    case FD_NOTICE_FIELD_ENDS_AT: {
        char when[FD_TIME_TEXT];
        fd_time_format(n->ends_at, when);
        snprintf(buf, size, "%s", when);
        return buf;
    }
    }
    return "";
}

static void correction_changed(ask_dialog *a)
{
    stepping *s = (stepping *)a;
    int field = form_choice(a->form, "field");
    if (field < 0 || field == s->shown_field)
        return;
    char buf[FD_TIME_TEXT];
    form_set_value(a->form, "value", current_text(s->notice, (fd_notice_field)field, buf, sizeof buf));
    s->shown_field = field;
}

static int correction_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_status st = fd_notice_correct(console_desk(c), console_actor(c), s->id,
                                     (fd_notice_field)form_choice(f, "field"), form_value(f, "value"),
                                     form_value(f, "reason"), &err);
    return submitted(s, c, f, st, &err);
}

static bool correct(notice_view *p, console *c)
{
    stepping s = {{_("Correct the notice"),
                   _("The notice is not changed: the correction is kept beside it with your name "
                     "and the reason; the history shows the old value and the new."),
                   NULL, false, correction_changed, false},
                  .id = p->page.id, .notice = &p->notice, .shown_field = -1};
    for (int f = 0; f <= FD_NOTICE_FIELD_ENDS_AT; f++)
        s.fields[f] = fd_notice_choice_label(FD_NOTICE_LIST_FIELD, f);
    return run_dialog(&s, c, correction_fields, 3, correction_submit);
}

static const char *const done_messages[STEP_COUNT] = {
    [STEP_APPROVE] = N_("Notice signed."),
    [STEP_ISSUE] = N_("Notice issued."),
    [STEP_POST] = N_("Notice posted."),
    [STEP_DELIVER] = N_("Delivery recorded."),
    [STEP_TAKE_DOWN] = N_("Notice taken down."),
    [STEP_CORRECT] = N_("Correction recorded."),
};

static bool perform(record_page *page, console *c, int s)
{
    notice_view *p = (notice_view *)page;
    switch ((step)s) {
    case STEP_APPROVE: return approve(p, c);
    case STEP_ISSUE: return issue(p, c);
    case STEP_POST: return post(p, c);
    case STEP_DELIVER: return deliver(p, c);
    case STEP_TAKE_DOWN: return take_down(p, c);
    case STEP_CORRECT: return correct(p, c);
    case STEP_COUNT: break;
    }
    return false;
}

/* -- drawing -- */

/* The notice's text as it will be posted, wrapped under its label: a manager signs
 * what is read here. As many lines as leave the history and the steps their room at
 * 80×24. Returns the rows drawn. */
static int draw_body(const char *body, int y, int x, int cols, int area_rows)
{
    notices_label_line(y, x, cols, _("Text"), "", A_NORMAL);
    int room = area_rows - BODY_ROWS_KEPT;
    int rows = draw_wrapped(y, x + NOTICES_LABEL_COLS, room > 1 ? room : 1,
                            cols - NOTICES_LABEL_COLS, body, A_NORMAL);
    return rows > 1 ? rows : 1;
}

static int draw_facts(const record_page *page, console *c, const console_area *area)
{
    const fd_notice *n = &((const notice_view *)page)->notice;
    int y = area->top, x = area->left, cols = area->cols;
    fd_time now = fd_desk_now(console_desk(c));
    char line[NOTICES_LINE_TEXT], span[64], when[32], day[FD_DEADLINE_TEXT];
    snprintf(line, sizeof line, "%lld   %s   %s", (long long)page->id,
             fd_notice_choice_label(FD_NOTICE_LIST_KIND, (int)n->kind), notices_state_label(n));
    notices_label_line(y, x, cols, _("Notice no."), line,
                       n->to_take_down ? theme(TH_ERROR) : A_BOLD);
    notices_label_line(y + 1, x, cols, _("Title"), n->title, A_NORMAL);
    notices_span_text(n->starts_at, n->ends_at, now, span, sizeof span);
    snprintf(line, sizeof line, "%s   %s", span, n->place);
    notices_label_line(y + 2, x, cols, _("Event"), line, A_NORMAL);
    int more = draw_body(n->body, y + 3, x, cols, area->rows) - 1;
    y += more;
    show_when(n->drafted_at, now, when, sizeof when);
    snprintf(line, sizeof line, _("%s   drafted by %s %s   handed to %d units"),
             show_or_dash(n->approved_by), n->drafted_by, when, n->deliveries);
    notices_label_line(y + 4, x, cols, _("Notice signed by"), line, A_NORMAL);
    if (n->overridden_by[0]) {
        snprintf(line, sizeof line, _("shortened by %s: %s"), n->overridden_by, n->override_reason);
        notices_label_line(y + 5, x, cols, _("Lead time"), line, theme(TH_ERROR));
    } else if (n->earliest_start) {
        fd_day_format(fd_date_of(n->earliest_start), true, day);
        snprintf(line, sizeof line, _("%d working days: works may start from %s"),
                 console_config(c)->notice_workdays, day);
        notices_label_line(y + 5, x, cols, _("Lead time"), line,
                           n->starts_at < n->earliest_start && n->state <= FD_NOTICE_STATE_APPROVED
                               ? theme(TH_ERROR) : A_NORMAL);
    }
    return FACT_ROWS + more;
}

static const screen_ops page_screen;

static const record_page_spec notice_spec = {
    .screen = &page_screen,
    .size = sizeof(notice_view),
    .labels = step_labels,
    .done = done_messages,
    .nothing = N_("Nothing more to do for this notice."),
    .time_cols = NOTICES_LABEL_COLS,
    .read = read_notice,
    .offer = offer_steps,
    .draw_facts = draw_facts,
    .perform = perform,
};

static void *page_open(console *c, void *arg)
{
    return record_page_open(c, &notice_spec, arg);
}

static const console_action page_actions[] = {ACT_SELECT, ACT_BACK, ACT_UP, ACT_DOWN, ACT_NONE};

static const screen_ops page_screen = {
    .title = N_("Notice"),
    .actions = page_actions,
    .open = page_open,
    .close = record_page_close,
    .draw = record_page_draw,
    .handle = record_page_handle,
};

void notice_page_open(console *c, int64_t id)
{
    console_push(c, &page_screen, &id);
}
