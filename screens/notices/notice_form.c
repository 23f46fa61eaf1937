/* The drafting form: see notice_form.h. */
#include "notices/notice_form.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "notices/notices_shared.h"
#include "widgets/form.h"

enum { HINT_ROWS = 2 };

static const form_field draft_fields[] = {
    {"kind", N_("Kind"), FORM_CHOICE, true, 0, 0},
    {"title", N_("Title"), FORM_TEXT, true, 40, 40},
    {"place", N_("Area"), FORM_TEXT, false, 30, 40},
    {"starts_at", N_("Starts"), FORM_DATETIME, true, 0, 0},
    {"ends_at", N_("Ends"), FORM_DATETIME, true, 0, 0},
    {"body", N_("Text"), FORM_LINES, true, 0, 1000},
    {"reason", N_("Early start"), FORM_TEXT, false, 0, 200},
};
enum { DRAFT_FIELDS = sizeof draft_fields / sizeof draft_fields[0] };

typedef struct drafting {
    form *form;
    const char *kinds[3];
} drafting;

static const console_action draft_actions[] = {ACT_SAVE,  ACT_BACK,  ACT_NEXT_FIELD, ACT_PREV_FIELD,
                                               ACT_LEFT,  ACT_RIGHT, ACT_NONE};

static fd_notice_kind chosen_kind(const drafting *t)
{
    int k = form_choice(t->form, "kind");
    return k < 0 ? FD_NOTICE_GENERAL : (fd_notice_kind)k;
}

/* Works starting before the notice period allows, with a reason typed: a manager lets
 * them through with their PIN. False when the manager was not found. */
static bool early_start_approved(drafting *t, console *c, const fd_notice_draft *in, fd_actor *manager)
{
    const fd_config *cfg = console_config(c);
    if (in->kind != FD_NOTICE_WORKS || text_blank(form_value(t->form, "reason")) ||
        in->starts_at >= fd_notice_earliest_start(cfg, fd_desk_now(console_desk(c))))
        return false;
    return notices_ask_override(c, manager);
}

static int draft_submit(void *ctx, console *c, form *f)
{
    (void)f;
    drafting *t = ctx;
    fd_notice_draft in = {
        .kind = chosen_kind(t),
        .title = form_value(t->form, "title"),
        .body = form_value(t->form, "body"),
        .place = form_value(t->form, "place"),
    };
    if (!form_time(t->form, c, "starts_at", true, &in.starts_at) ||
        !form_time(t->form, c, "ends_at", true, &in.ends_at))
        return EV_HANDLED | EV_REDRAW;
    fd_actor approver;
    fd_notice_override override = {&approver, form_value(t->form, "reason")};
    int64_t id;
    fd_error err = {0};
    fd_status s;
    if (in.kind == FD_NOTICE_EMERGENCY) {
        if (!notices_ask_signer(c, &approver))
            return EV_HANDLED | EV_REDRAW;
        s = fd_notice_post_emergency(console_desk(c), console_actor(c), &approver, &in, &id, &err);
    } else {
        if (early_start_approved(t, c, &in, &approver))
            in.override = &override;
        s = fd_notice_write_draft(console_desk(c), console_actor(c), &in, &id, &err);
    }
    if (s != FD_OK) {
        form_show_error(t->form, c, &err);
        return EV_HANDLED | EV_REDRAW;
    }
    console_info(c, in.kind == FD_NOTICE_EMERGENCY ? _("Emergency notice No. %lld posted.")
                                                  : _("Notice No. %lld drafted: it goes out once signed."),
                 (long long)id);
    return EV_HANDLED | EV_POP | EV_REDRAW;
}

static void *draft_open(console *c, void *arg)
{
    (void)arg;
    (void)c;
    drafting *t = fd_alloc(sizeof *t);
    t->form = form_new(draft_fields, DRAFT_FIELDS, FORM_ASK_DISCARD, draft_submit, t);
    for (int i = 0; i < 3; i++)
        t->kinds[i] = fd_notice_choice_label(FD_NOTICE_LIST_KIND, i);
    form_set_choices(t->form, "kind", t->kinds, 3);
    form_focus(t->form, "kind");
    return t;
}

static void draft_close(void *state)
{
    drafting *t = state;
    form_free(t->form);
    free(t);
}

/* Above the fields: what the notice period allows, from what is typed now. */
static void draw_rule_hint(drafting *t, console *c, int y, int x, int cols)
{
    const fd_config *cfg = console_config(c);
    char line[NOTICES_LINE_TEXT], day[FD_DEADLINE_TEXT];
    fd_notice_kind kind = chosen_kind(t);
    if (kind == FD_NOTICE_EMERGENCY) {
        draw_text(y, x, cols, _("Emergency: posted on the board as it is saved, signed with a PIN."),
                  theme(TH_DIM));
        return;
    }
    if (kind == FD_NOTICE_GENERAL) {
        draw_text(y, x, cols, _("A general notice has no notice period; it is signed before it goes out."),
                  theme(TH_DIM));
        return;
    }
    fd_time earliest = fd_notice_earliest_start(cfg, fd_desk_now(console_desk(c)));
    fd_day_format(fd_date_of(earliest), true, day);
    snprintf(line, sizeof line, _("Announced today, works may start from %s (%d working days)."), day,
             cfg->notice_workdays);
    draw_text(y, x, cols, line, A_BOLD);
    fd_time start;
    if (fd_time_parse(form_value(t->form, "starts_at"), &start, NULL) && start < earliest)
        draw_text(y + 1, x, cols, _("That start is too early: give the reason below; a manager enters a PIN."),
                  theme(TH_ERROR));
}

static void draft_draw(void *state, console *c, const console_area *area)
{
    drafting *t = state;
    draw_rule_hint(t, c, area->top, area->left, area->cols);
    console_area fields = {area->top + HINT_ROWS, area->left, area->rows - HINT_ROWS, area->cols};
    form_draw(t->form, c, &fields);
}

static int draft_handle(void *state, console *c, const console_event *ev)
{
    drafting *t = state;
    return form_handle(t->form, c, ev);
}

static bool draft_takes_text(const void *state)
{
    const drafting *t = state;
    return form_takes_text(t->form);
}

static bool draft_may_leave(void *state, console *c)
{
    drafting *t = state;
    return form_may_discard(t->form, c);
}

static const screen_ops draft_screen = {
    .title = N_("Draft a notice (通告)"),
    .actions = draft_actions,
    .open = draft_open,
    .close = draft_close,
    .draw = draft_draw,
    .handle = draft_handle,
    .takes_text = draft_takes_text,
    .may_leave = draft_may_leave,
};

void notice_form_open(console *c)
{
    console_push(c, &draft_screen, NULL);
}
