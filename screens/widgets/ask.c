/* Asking in a screen of its own: see ask.h. */
#include "widgets/ask.h"

#include <stdio.h>

#include "widgets/dialog.h"
#include "console/draw.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

enum { LINE_BYTES = 256, DIALOG_COLS = 64 };

/* ---- a form in a screen of its own ---- */

typedef struct form_run {
    const ask_form_spec *spec;
    form *form;
    bool saved;
} form_run;

static const console_action form_actions[] = {ACT_SAVE, ACT_BACK, ACT_NEXT_FIELD, ACT_PREV_FIELD,
                                              ACT_SELECT, ACT_NONE};

static int form_run_submit(void *ctx, console *c, form *f)
{
    form_run *r = ctx;
    int flags = r->spec->submit(r->spec->ctx, c, f);
    if (flags & EV_POP)
        r->saved = true;
    return flags;
}

static void *form_run_open(console *c, void *arg)
{
    (void)c;
    form_run *r = arg;
    r->form = form_new(r->spec->fields, r->spec->count, FORM_ASK_DISCARD, form_run_submit, r);
    if (r->spec->prepare)
        r->spec->prepare(r->form, r->spec->ctx);
    return r;
}

static void form_run_close(void *state)
{
    form_run *r = state;
    form_free(r->form);
    r->form = NULL;
}

static void form_run_draw(void *state, console *c, const console_area *area)
{
    form_run *r = state;
    draw_text(area->top, area->left, area->cols, r->spec->title, theme(TH_TITLE));
    int y = area->top + 1;
    if (r->spec->intro)
        y += draw_wrapped(y, area->left + 2, 3, area->cols - 4, r->spec->intro, theme(TH_DIM));
    console_area fields = {y + 1, area->left + 2, area->top + area->rows - y - 1, area->cols - 4};
    form_draw(r->form, c, &fields);
}

static int form_run_handle(void *state, console *c, const console_event *ev)
{
    form_run *r = state;
    return form_handle(r->form, c, ev);
}

static bool form_run_takes_text(const void *state)
{
    const form_run *r = state;
    return form_takes_text(r->form);
}

static bool form_run_may_leave(void *state, console *c)
{
    form_run *r = state;
    return form_may_discard(r->form, c);
}

/* In a list's lines Enter starts a new one: the key line does not offer it as select. */
static bool form_run_offers(const void *state, console_action a)
{
    const form_run *r = state;
    return a != ACT_SELECT || !form_enter_is_newline(r->form);
}

static const screen_ops form_run_screen = {
    .actions = form_actions,
    .open = form_run_open,
    .close = form_run_close,
    .draw = form_run_draw,
    .handle = form_run_handle,
    .takes_text = form_run_takes_text,
    .may_leave = form_run_may_leave,
    .offers = form_run_offers,
};

bool ask_form(console *c, const ask_form_spec *spec)
{
    form_run r = {.spec = spec};
    console_modal(c, &form_run_screen, &r);
    return r.saved;
}

/* ---- a form in a dialog ---- */

static const console_action dialog_actions[] = {ACT_SAVE, ACT_BACK, ACT_NEXT_FIELD, ACT_PREV_FIELD,
                                                ACT_NONE};
static const console_action dialog_select_actions[] = {ACT_SELECT, ACT_SAVE, ACT_BACK,
                                                       ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_NONE};

static void *dialog_open(console *c, void *arg)
{
    (void)c;
    return arg;
}

static void dialog_draw(void *state, console *c, const console_area *area)
{
    (void)area;
    ask_dialog *a = state;
    int intro_rows = text_lines(a->intro, DIALOG_COLS);
    int rows = intro_rows + 1 + form_height(a->form, DIALOG_COLS);
    console_area in = dialog_frame(a->title, rows, DIALOG_COLS);
    draw_wrapped(in.top, in.left, intro_rows, in.cols, a->intro, A_NORMAL);
    console_area fields = {in.top + intro_rows + 1, in.left, in.rows - intro_rows - 1, in.cols};
    form_draw(a->form, c, &fields);
}

static int dialog_handle(void *state, console *c, const console_event *ev)
{
    ask_dialog *a = state;
    int flags = form_handle(a->form, c, ev);
    /* A form made with FORM_ASK_DISCARD has asked before Esc discards what was typed. */
    if (ev->action == ACT_BACK)
        return flags == EV_IGNORED ? EV_HANDLED | EV_POP : flags;
    if (a->changed && !(flags & EV_POP))
        a->changed(a);
    return flags;
}

static bool dialog_takes_text(const void *state)
{
    const ask_dialog *a = state;
    return form_takes_text(a->form);
}

static bool dialog_offers(const void *state, console_action a)
{
    const ask_dialog *d = state;
    return a != ACT_SELECT || !form_enter_is_newline(d->form);
}

#define DIALOG_SCREEN(action_list)                  \
    {                                               \
        .flags = SCREEN_OVERLAY | SCREEN_MODAL,     \
        .actions = action_list,                     \
        .open = dialog_open,                        \
        .draw = dialog_draw,                        \
        .handle = dialog_handle,                    \
        .takes_text = dialog_takes_text,            \
        .offers = dialog_offers,                    \
    }
static const screen_ops dialog_screen = DIALOG_SCREEN(dialog_actions);
static const screen_ops dialog_select_screen = DIALOG_SCREEN(dialog_select_actions);
#undef DIALOG_SCREEN

bool ask_dialog_run(console *c, ask_dialog *a)
{
    console_modal(c, a->select ? &dialog_select_screen : &dialog_screen, a);
    return a->done;
}

/* ---- a short choice ---- */

typedef struct choice {
    const char *title;
    const char *const *labels;
    int count, selected, chosen;
    int first; /* the first label in sight: more than the box holds scroll with the highlight */
} choice;

static const console_action choice_actions[] = {ACT_SELECT, ACT_BACK, ACT_UP, ACT_DOWN, ACT_NONE};

static void *choice_open(console *c, void *arg)
{
    (void)c;
    return arg;
}

/* "↑ more" / "↓ more" on the box's lower edge, when labels lie out of sight. */
static void choice_more(const choice *q, const console_area *in)
{
    bool above = q->first > 0, below = q->first + in->rows < q->count;
    if (!above && !below)
        return;
    const char *more = above && below ? _("↑↓ more") : above ? _("↑ more") : _("↓ more");
    int width = text_width(more);
    draw_text(in->top + in->rows, in->left + in->cols - width, width, more, theme(TH_DIALOG));
}

static void choice_draw(void *state, console *c, const console_area *area)
{
    (void)area;
    choice *q = state;
    int cols = 36;
    for (int i = 0; i < q->count; i++)
        if (text_width(q->labels[i]) + 6 > cols)
            cols = text_width(q->labels[i]) + 6;
    console_area in = dialog_frame(q->title, q->count, cols);
    if (q->selected < q->first)
        q->first = q->selected;
    else if (q->selected >= q->first + in.rows)
        q->first = q->selected - in.rows + 1;
    for (int row = 0; row < in.rows && q->first + row < q->count; row++) {
        int i = q->first + row;
        attr_t attr = i == q->selected ? theme(TH_SELECTED) : A_NORMAL;
        char line[LINE_BYTES];
        snprintf(line, sizeof line, "%d  %s", i + 1, q->labels[i]);
        draw_padded(in.top + row, in.left, in.cols, line, attr);
    }
    choice_more(q, &in);
    console_cursor(c, in.top + q->selected - q->first, in.left);
}

static int choice_handle(void *state, console *c, const console_event *ev)
{
    (void)c;
    choice *q = state;
    switch (ev->action) {
    case ACT_UP:
        q->selected = (q->selected + q->count - 1) % q->count;
        return EV_HANDLED | EV_REDRAW;
    case ACT_DOWN:
        q->selected = (q->selected + 1) % q->count;
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        q->chosen = q->selected;
        return EV_HANDLED | EV_POP;
    case ACT_BACK:
        return EV_HANDLED | EV_POP;
    case ACT_NONE:
        if (!ev->key.function && ev->key.code >= '1' && ev->key.code < '1' + (wint_t)q->count &&
            ev->key.code <= '9') {
            q->chosen = (int)(ev->key.code - '1');
            return EV_HANDLED | EV_POP;
        }
        return EV_HANDLED;
    default:
        return EV_IGNORED;
    }
}

static const screen_ops choice_screen = {
    .flags = SCREEN_OVERLAY | SCREEN_MODAL,
    .actions = choice_actions,
    .open = choice_open,
    .draw = choice_draw,
    .handle = choice_handle,
};

int ask_choice(console *c, const char *title, const char *const *labels, int count)
{
    if (count <= 0)
        return -1;
    choice q = {title, labels, count, 0, -1, 0};
    console_modal(c, &choice_screen, &q);
    return q.chosen;
}
