/* A company's seal or letter on file: see pass_authority.h. */
#include "passes/pass_authority.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/directory.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "passes/passes_shared.h"
#include "widgets/ask.h"
#include "widgets/fresh.h"
#include "widgets/picker.h"
#include "widgets/record.h"

enum { FACT_ROWS = 2, KINDS_MAX = 4 };

typedef enum step { STEP_FILE, STEP_ON_DAY, STEP_COUNT } step;

static const char *const step_labels[STEP_COUNT] = {
    [STEP_FILE] = N_("File a seal or a letter of authority"),
    [STEP_ON_DAY] = N_("What was on file on a given day"),
};

typedef struct company_view {
    int64_t company_id;
    char company[2 * FD_PASS_NAME_MAX], unit[FD_PASS_NAME_MAX];
    fd_pass_authority now;
    bool loaded;
    fresh read; /* when it was read */
    record_history history;
    record_steps steps;
    /* The last day asked about (0: none) and what stood then. */
    fd_date asked_day;
    fd_pass_authority asked;
    bool asked_in_force;
} company_view;

/* "授权书：签署人 刘洋，至 2026-12-27" */
static void authority_text(const fd_pass_authority *a, char *out, size_t size)
{
    if (a->kind != FD_AUTHORITY_LETTER) {
        snprintf(out, size, "%s", fd_pass_choice_label(FD_PASS_LIST_AUTHORITY, (int)a->kind));
        return;
    }
    char until[FD_DATE_TEXT];
    fd_date_format(a->valid_until, until);
    snprintf(out, size, _("Letter of authority: signer %s, until %s"), a->signer, until);
}

/* A record as its history line: what, who filed it, and what replaced it, when, by
 * whom and why. */
static void on_record(void *ctx, const fd_pass_authority *a)
{
    company_view *cv = ctx;
    char text[PASSES_LINE_TEXT / 2], line[2 * PASSES_LINE_TEXT];
    authority_text(a, text, sizeof text);
    if (a->replaced_at) {
        char day[FD_DATE_TEXT];
        fd_date_format(fd_date_of(a->replaced_at), day);
        snprintf(line, sizeof line, _("%s \u2014 filed by %s; replaced on %s by %s: %s"), text,
                 a->staff, day, a->replaced_by, a->replaced_reason);
    } else {
        snprintf(line, sizeof line, _("%s \u2014 filed by %s; on file now"), text, a->staff);
    }
    record_history_add(&cv->history, a->at, line);
}

static void load_company(company_view *cv, console *c)
{
    fresh_mark(&cv->read, c);
    record_history_clear(&cv->history);
    fd_error err = {0};
    fd_desk *d = console_desk(c);
    cv->loaded = fd_pass_authority_get(d, cv->company_id, &cv->now, &err) == FD_OK &&
                 fd_pass_authority_history(d, cv->company_id, on_record, cv, &err) == FD_OK;
    if (!cv->loaded) {
        console_show_error(c, &err);
        return;
    }
    record_history_sort(&cv->history);
    record_steps_clear(&cv->steps);
    if (fd_may(console_actor(c), FD_ACT_PASS_AUTHORITY))
        record_steps_offer(&cv->steps, STEP_FILE);
    record_steps_offer(&cv->steps, STEP_ON_DAY);
    record_steps_settle(&cv->steps);
}

static void *company_open(console *c, void *arg)
{
    const dir_item *item = arg;
    company_view *cv = fd_alloc(sizeof *cv);
    cv->company_id = item->id;
    text_copy(cv->company, sizeof cv->company, item->name);
    text_copy(cv->unit, sizeof cv->unit, item->unit);
    load_company(cv, c);
    return cv;
}

static void company_close(void *state)
{
    free(state);
}

/* -- filing -- */

typedef struct filing {
    ask_dialog a; /* first: the dialog's own */
    int64_t company_id;
    const char *kinds[KINDS_MAX];
} filing;

static const form_field filing_fields[] = {
    {"kind", N_("On file"), FORM_CHOICE, true, 0, 0},
    {"signer", N_("Signer"), FORM_TEXT, false, 16, 32},
    {"valid_until", N_("Valid until"), FORM_DATE, false, 11, 10},
    {"reason", N_("Reason"), FORM_TEXT, false, 0, 200},
};

static int filing_submit(void *ctx, console *c, form *f)
{
    filing *s = ctx;
    fd_pass_authority_input in = {
        .company_id = s->company_id,
        .kind = (fd_pass_authority_kind)form_choice(f, "kind"),
        .signer = form_value(f, "signer"),
        .reason = form_value(f, "reason"),
    };
    const char *until = form_value(f, "valid_until");
    fd_when_problem why;
    char problem[FD_WHEN_PROBLEM_TEXT];
    if (!text_blank(until) && !fd_date_parse(until, &in.valid_until, &why)) {
        form_field_error(f, "valid_until", fd_when_problem_text(&why, _("Write the day as 2026-12-31."), problem));
        return EV_HANDLED;
    }
    fd_error err = {0};
    if (fd_pass_authority_file(console_desk(c), console_actor(c), &in, NULL, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    s->a.done = true;
    return EV_POP;
}

static bool file_record(company_view *cv, console *c)
{
    filing s = {{_("File a seal or a letter"),
                 _("A letter names who may sign the company's passes, and until when. A record "
                   "on file already is replaced: say why."),
                 NULL, false, NULL, false},
                .company_id = cv->company_id};
    int n = fd_pass_choice_count(FD_PASS_LIST_AUTHORITY);
    for (int i = 0; i < n && i < KINDS_MAX; i++)
        s.kinds[i] = fd_pass_choice_label(FD_PASS_LIST_AUTHORITY, i);
    s.a.form = form_new(filing_fields, 4, FORM_ASK_DISCARD, filing_submit, &s);
    form_set_choices(s.a.form, "kind", s.kinds, (size_t)n);
    bool done = ask_dialog_run(c, &s.a);
    form_free(s.a.form);
    return done;
}

/* -- a day asked about -- */

typedef struct asking {
    ask_dialog a; /* first */
    company_view *cv;
} asking;

static const form_field day_fields[] = {
    {"day", N_("Day"), FORM_DATE, true, 11, 10},
};

static int day_submit(void *ctx, console *c, form *f)
{
    asking *s = ctx;
    fd_date day;
    fd_when_problem why;
    char problem[FD_WHEN_PROBLEM_TEXT];
    if (!fd_date_parse(form_value(f, "day"), &day, &why)) {
        form_field_error(f, "day", fd_when_problem_text(&why, _("Write the day as 2026-12-31."), problem));
        return EV_HANDLED;
    }
    fd_error err = {0};
    company_view *cv = s->cv;
    if (fd_pass_authority_on(console_desk(c), cv->company_id, day, &cv->asked, &cv->asked_in_force,
                             &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    cv->asked_day = day;
    s->a.done = true;
    return EV_POP;
}

static void ask_day(company_view *cv, console *c)
{
    asking s = {{_("What was on file on a given day"),
                 _("The seal or letter on file at the end of that day, and whether it let goods "
                   "out then."),
                 NULL, false, NULL, false},
                cv};
    s.a.form = form_new(day_fields, 1, FORM_ASK_DISCARD, day_submit, &s);
    char today[FD_DATE_TEXT];
    fd_date_format(fd_date_of(fd_desk_now(console_desk(c))), today);
    form_set_value(s.a.form, "day", today);
    ask_dialog_run(c, &s.a);
    form_free(s.a.form);
}

/* "2026-11-20，可放行：授权书签署人 刘洋，有效至 2026-11-30": the verdict and the name
 * first, so that the edge of the screen cuts nothing the desk needs. */
static void asked_text(const company_view *cv, char *out, size_t size)
{
    char day[FD_DATE_TEXT], text[PASSES_LINE_TEXT / 2];
    fd_date_format(cv->asked_day, day);
    const char *verdict = cv->asked_in_force ? _("allowed out") : _("not allowed out");
    if (cv->asked.kind == FD_AUTHORITY_NONE && cv->asked.id == 0) {
        snprintf(out, size, _("%s, %s: nothing on file"), day, verdict);
        return;
    }
    if (cv->asked.kind != FD_AUTHORITY_LETTER) {
        authority_text(&cv->asked, text, sizeof text);
        snprintf(out, size, _("%s, %s: %s"), day, verdict, text);
        return;
    }
    char until[FD_DATE_TEXT];
    fd_date_format(cv->asked.valid_until, until);
    snprintf(out, size, _("%s, %s: letter naming %s, until %s"), day, verdict, cv->asked.signer, until);
}

/* -- drawing -- */

static const screen_ops company_screen;

static void company_draw(void *state, console *c, const console_area *area)
{
    company_view *cv = state;
    if (cv->loaded && fresh_page_stale(&cv->read, c, &company_screen))
        load_company(cv, c);
    if (!cv->loaded)
        return;
    char line[PASSES_LINE_TEXT];
    snprintf(line, sizeof line, "%s %s", cv->unit, cv->company);
    passes_label_line(area->top, area->left, area->cols, _("Company"), line, A_BOLD);
    authority_text(&cv->now, line, sizeof line);
    passes_label_line(area->top + 1, area->left, area->cols, _("On file"), line,
                      cv->now.kind == FD_AUTHORITY_NONE ? theme(TH_ERROR) : A_NORMAL);
    int facts = FACT_ROWS;
    if (cv->asked_day) {
        asked_text(cv, line, sizeof line);
        passes_label_line(area->top + facts++, area->left, area->cols, _("On the day"), line,
                          cv->asked_in_force ? A_NORMAL : theme(TH_ERROR));
    }
    record_body body = {facts, PASSES_LABEL_COLS, &cv->history, &cv->steps, step_labels,
                        _("Only a manager files a seal or a letter of authority."), NULL};
    record_draw_body(&body, fd_desk_now(console_desk(c)), area);
}

static int company_handle(void *state, console *c, const console_event *ev)
{
    company_view *cv = state;
    if (!cv->loaded)
        return EV_IGNORED;
    int chosen;
    if (record_history_key(&cv->history, ev))
        return EV_HANDLED | EV_REDRAW;
    switch (record_steps_key(&cv->steps, c, ev, &chosen)) {
    case STEPS_MOVED: return EV_HANDLED | EV_REDRAW;
    case STEPS_CHOSEN:
        if (chosen == STEP_ON_DAY) {
            ask_day(cv, c);
            return EV_HANDLED | EV_REDRAW;
        }
        if (file_record(cv, c)) {
            console_info(c, "%s", _("On file: the company's passes are checked against it."));
            record_history_show_newest(&cv->history);
            load_company(cv, c);
        }
        return EV_HANDLED | EV_REDRAW;
    case STEPS_IGNORED: break;
    }
    return EV_IGNORED;
}

static const console_action company_actions[] = {ACT_SELECT,  ACT_BACK,      ACT_UP, ACT_DOWN,
                                                 ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

static const screen_ops company_screen = {
    .title = N_("A company's seal or letter of authority"),
    .actions = company_actions,
    .open = company_open,
    .close = company_close,
    .draw = company_draw,
    .handle = company_handle,
};

void pass_authority_company_open(console *c, const dir_item *company)
{
    console_push(c, &company_screen, (void *)company);
}

void pass_authority_open(console *c)
{
    dir_item *item;
    if (!picker_choose(c, _("Which company?"), FD_DIR_COMPANY, NULL, &item))
        return;
    pass_authority_company_open(c, item);
    dir_item_free(item);
}
