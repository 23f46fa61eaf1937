/* The help overlay: the keys of the screen it opens over, made from the same action
 * list and key bindings that drive the screen, so it cannot drift from them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell/shell.h"
#include "widgets/dialog.h"
#include "console/draw.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

enum { KEYS_COLS = 14, NAME_COLS_MIN = 8, NAME_COLS_MAX = 18, MAX_LINES = 64 };

typedef struct help_line {
    console_action action;
    char keys[64];
} help_line;

typedef struct help {
    const char *title; /* the screen's, untranslated */
    help_line lines[MAX_LINES];
    size_t count;
    int first; /* scroll, in display rows */
    int name_cols; /* the widest label listed, and a space */
} help;

static const console_action help_actions[] = {ACT_BACK, ACT_UP, ACT_DOWN, ACT_PAGE_UP,
                                              ACT_PAGE_DOWN, ACT_NONE};

static bool listed(const help *h, console_action a)
{
    for (size_t i = 0; i < h->count; i++) {
        if (h->lines[i].action == a)
            return true;
    }
    return false;
}

static void add_line(help *h, console *c, console_action a)
{
    if (h->count == MAX_LINES || listed(h, a))
        return;
    help_line *l = &h->lines[h->count++];
    l->action = a;
    keymap_keys(console_keymap(c), a, l->keys, sizeof l->keys);
}

/* Opened over the screen on top: its actions first, then the console's own and the
 * registered screens' that are available there. */
static void *help_open(console *c, void *arg)
{
    (void)arg;
    help *h = fd_alloc(sizeof *h);
    const screen_ops *below = console_top(c);
    h->title = below ? below->title : NULL;
    for (const console_action *a = below ? below->actions : NULL; a && *a != ACT_NONE; a++)
        add_line(h, c, *a);
    for (const console_action *a = console_actions; *a != ACT_NONE; a++) {
        if (console_offers(c, *a))
            add_line(h, c, *a);
    }
    for (const console_entry *e = console_application(c)->entries; e->action != ACT_NONE; e++) {
        if (console_offers(c, e->action))
            add_line(h, c, e->action);
    }
    h->name_cols = NAME_COLS_MIN;
    for (size_t i = 0; i < h->count; i++) {
        int w = text_width(action_label(h->lines[i].action)) + 1;
        if (w > h->name_cols)
            h->name_cols = w < NAME_COLS_MAX ? w : NAME_COLS_MAX;
    }
    return h;
}

static void help_close(void *state) { free(state); }

/* Rows a line takes once its help text is wrapped. */
static int line_rows(const help_line *l, int text_cols)
{
    int n = text_lines(action_help(l->action), text_cols);
    return n > 0 ? n : 1;
}

static int total_rows(const help *h, int text_cols)
{
    int rows = 0;
    for (size_t i = 0; i < h->count; i++)
        rows += line_rows(&h->lines[i], text_cols);
    return rows;
}

static void help_draw(void *state, console *c, const console_area *area)
{
    (void)c;
    help *h = state;
    int cols = area->cols - 8, rows = area->rows - 4;
    char *title = h->title ? fd_printf(_("Keys: %s"), _(h->title)) : fd_strdup(C_("keyboard", "Keys"));
    console_area in = dialog_frame(title, rows, cols);
    free(title);
    attr_t attr = A_NORMAL;
    int name_cols = h->name_cols;
    int text_cols = in.cols - KEYS_COLS - name_cols;
    /* A person reads the actions' labels; their configuration names stay in the
     * configuration file and the manual. */
    draw_text(in.top, in.left, KEYS_COLS, C_("keyboard", "Key"), attr | A_BOLD);
    draw_text(in.top, in.left + KEYS_COLS, name_cols, _("Action"), attr | A_BOLD);
    draw_text(in.top, in.left + KEYS_COLS + name_cols, text_cols, _("What it does"), attr | A_BOLD);
    const char *footer = _("In a text field, ? and / are typed as text; F1 always opens this help.");
    int footer_rows = text_lines(footer, in.cols);
    int body = in.rows - 2 - footer_rows, total = total_rows(h, text_cols);
    int max_first = total - body;
    if (h->first > max_first)
        h->first = max_first > 0 ? max_first : 0;
    int row = -h->first;
    for (size_t i = 0; i < h->count && row < body; i++) {
        const help_line *l = &h->lines[i];
        int n = line_rows(l, text_cols);
        if (row >= 0 && row + n <= body) {
            int y = in.top + 1 + row;
            draw_text(y, in.left, KEYS_COLS - 1, l->keys[0] ? l->keys : "\u2014", attr | A_BOLD);
            draw_text(y, in.left + KEYS_COLS, name_cols - 1, action_label(l->action), attr);
            draw_wrapped(y, in.left + KEYS_COLS + name_cols, n, text_cols, action_help(l->action), attr);
        }
        row += n;
    }
    if (h->first + body < total) {
        char *more = fd_printf("\u2193 %s", _("more"));
        int more_cols = text_width(more);
        /* On the blank row between the lines and the footer: it covers no text. */
        draw_text(in.top + 1 + body, in.left + in.cols - more_cols, more_cols, more, theme(TH_DIM));
        free(more);
    }
    draw_wrapped(in.top + in.rows - footer_rows, in.left, footer_rows, in.cols, footer, theme(TH_DIM));
}

static int help_handle(void *state, console *c, const console_event *ev)
{
    (void)c;
    help *h = state;
    switch (ev->action) {
    case ACT_HELP:
    case ACT_BACK:
    case ACT_SELECT:
        return EV_HANDLED | EV_POP;
    case ACT_UP:
        h->first = h->first > 0 ? h->first - 1 : 0;
        return EV_HANDLED | EV_REDRAW;
    case ACT_DOWN:
        h->first++;
        return EV_HANDLED | EV_REDRAW;
    case ACT_PAGE_UP:
        h->first = h->first > 10 ? h->first - 10 : 0;
        return EV_HANDLED | EV_REDRAW;
    case ACT_PAGE_DOWN:
        h->first += 10;
        return EV_HANDLED | EV_REDRAW;
    default:
        /* The overlay answers every key, so nothing reaches the screen beneath. */
        return EV_HANDLED;
    }
}

const screen_ops help_screen = {
    .flags = SCREEN_OVERLAY | SCREEN_MODAL,
    .actions = help_actions,
    .open = help_open,
    .close = help_close,
    .draw = help_draw,
    .handle = help_handle,
};
