#include "widgets/dialog.h"

#include <stdio.h>

#include "console/draw.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

console_area dialog_frame(const char *title, int rows, int cols)
{
    int outer_rows = rows + 2, outer_cols = cols + 4;
    if (outer_cols > COLS)
        outer_cols = COLS;
    if (outer_rows > LINES)
        outer_rows = LINES;
    int top = (LINES - outer_rows) / 2, left = (COLS - outer_cols) / 2;
    draw_box(top, left, outer_rows, outer_cols, title, theme(TH_DIALOG));
    return (console_area){top + 1, left + 2, outer_rows - 2, outer_cols - 4};
}

typedef struct confirm {
    const char *question, *yes, *no;
    bool answer;  /* what Enter chooses now */
    bool decided;
    bool cancelled; /* Esc: neither */
} confirm;

static const console_action confirm_actions[] = {ACT_SELECT, ACT_BACK, ACT_LEFT, ACT_RIGHT,
                                                 ACT_NONE};

static void *confirm_open(console *c, void *arg)
{
    (void)c;
    return arg;
}

enum { CONFIRM_WIDTH = 50 };

static void confirm_draw(void *state, console *c, const console_area *area)
{
    (void)area;
    confirm *q = state;
    int lines = text_lines(q->question, CONFIRM_WIDTH);
    console_area in = dialog_frame(_("Please confirm"), lines + 2, CONFIRM_WIDTH);
    draw_wrapped(in.top, in.left, lines, in.cols, q->question, A_NORMAL);
    char yes[64], no[64];
    snprintf(yes, sizeof yes, "[ %s ]", q->yes);
    snprintf(no, sizeof no, "[ %s ]", q->no);
    int y = in.top + lines + 1;
    int gap = 4, width = text_width(yes) + gap + text_width(no);
    int x = in.left + (in.cols - width) / 2;
    attr_t normal = A_NORMAL, chosen = theme(TH_SELECTED) | A_BOLD;
    int used = draw_text(y, x, in.cols, yes, q->answer ? chosen : normal);
    int nx = x + used + gap;
    draw_text(y, nx, in.cols, no, q->answer ? normal : chosen);
    console_cursor(c, y, q->answer ? x + 2 : nx + 2);
}

static int confirm_handle(void *state, console *c, const console_event *ev)
{
    (void)c;
    confirm *q = state;
    switch (ev->action) {
    case ACT_LEFT:
    case ACT_RIGHT:
    case ACT_NEXT_FIELD:
    case ACT_PREV_FIELD:
        q->answer = !q->answer;
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        q->decided = q->answer;
        return EV_HANDLED | EV_POP;
    case ACT_BACK:
        q->decided = false;
        q->cancelled = true;
        return EV_HANDLED | EV_POP;
    default:
        return EV_IGNORED;
    }
}

static const screen_ops confirm_screen = {
    .flags = SCREEN_OVERLAY | SCREEN_MODAL,
    .actions = confirm_actions,
    .open = confirm_open,
    .draw = confirm_draw,
    .handle = confirm_handle,
};

bool dialog_confirm(console *c, const char *question, const char *yes, const char *no)
{
    confirm q = {question, yes, no, false, false, false};
    console_modal(c, &confirm_screen, &q);
    return q.decided;
}

dialog_answer dialog_either(console *c, const char *question, const char *first, const char *second)
{
    confirm q = {question, first, second, false, false, false};
    console_modal(c, &confirm_screen, &q);
    return q.cancelled ? DIALOG_CANCELLED : q.decided ? DIALOG_FIRST : DIALOG_SECOND;
}
