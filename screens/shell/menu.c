/* The main menu: the registered screens (screens.h), then the session's own
 * actions. Every item is an action, performed as if its key were pressed. */
#include <stdio.h>
#include <stdlib.h>

#include "shell/shell.h"
#include "console/draw.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

/* After the registered screens, what ends or hands over the session. */
static const console_action session_items[] = {ACT_SWITCH_USER, ACT_LOCK, ACT_LOGOUT, ACT_QUIT};

/* KEY_COLS: the key at the right end of an item, and the gap before it. */
enum { MAX_ITEMS = 32, MENU_COLS = 52, NUMBERED = 9, KEY_COLS = 6 };

typedef struct menu {
    console_action items[MAX_ITEMS];
    size_t count;
    size_t selected;
} menu;

static const console_action menu_actions[] = {ACT_SELECT, ACT_UP, ACT_DOWN, ACT_HOME, ACT_END,
                                              ACT_NONE};

static void *menu_open(console *c, void *arg)
{
    (void)c;
    (void)arg;
    menu *m = fd_alloc(sizeof *m);
    for (const console_entry *e = console_application(c)->entries; e->action != ACT_NONE && m->count < MAX_ITEMS; e++)
        m->items[m->count++] = e->action;
    for (size_t i = 0; i < sizeof session_items / sizeof session_items[0] && m->count < MAX_ITEMS; i++)
        m->items[m->count++] = session_items[i];
    return m;
}

static void menu_close(void *state) { free(state); }

static void menu_draw(void *state, console *c, const console_area *area)
{
    menu *m = state;
    int cols = area->cols < MENU_COLS ? area->cols : MENU_COLS;
    int x = area->left + (area->cols - cols) / 2;
    int top = area->top + 1;
    for (size_t i = 0; i < m->count && (int)i < area->rows - 4; i++) {
        attr_t attr = i == m->selected ? theme(TH_SELECTED) : A_NORMAL;
        char number[8] = "", key[32];
        if (i < NUMBERED)
            snprintf(number, sizeof number, "%zu", i + 1);
        keymap_first_key(console_keymap(c), m->items[i], key, sizeof key);
        int y = top + (int)i;
        draw_padded(y, x, cols, "", attr);
        draw_text(y, x + 1, 2, number, attr | A_BOLD);
        draw_text(y, x + 4, cols - 14, action_label(m->items[i]), attr);
        char count[96];
        if (console_counter_text(c, m->items[i], count, sizeof count))
            draw_text(y, x + cols - KEY_COLS - text_width(count), KEY_COLS * 4, count, attr);
        draw_text(y, x + cols - 1 - text_width(key), 10, key, attr | A_BOLD);
    }
    /* The selected item's help, then how to choose, each only where it has room: the
     * items come first, and the hint line below says the keys again. */
    int below = top + (int)m->count + 1, bottom = area->top + area->rows;
    if (below + 2 <= bottom)
        draw_wrapped(below, x, 2, cols, action_help(m->items[m->selected]), theme(TH_DIM));
    if (below + 5 <= bottom)
        draw_wrapped(below + 3, x, 2, cols,
                     _("Press an item's number or key, or move to it and select it."),
                     theme(TH_DIM));
}

static int menu_handle(void *state, console *c, const console_event *ev)
{
    menu *m = state;
    switch (ev->action) {
    case ACT_UP:
        m->selected = (m->selected + m->count - 1) % m->count;
        return EV_HANDLED | EV_REDRAW;
    case ACT_DOWN:
        m->selected = (m->selected + 1) % m->count;
        return EV_HANDLED | EV_REDRAW;
    case ACT_HOME:
        m->selected = 0;
        return EV_HANDLED | EV_REDRAW;
    case ACT_END:
        m->selected = m->count - 1;
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        return console_perform(c, m->items[m->selected]);
    case ACT_NONE:
        if (!ev->key.function && ev->key.code >= '1' && ev->key.code < '1' + (wint_t)m->count &&
            ev->key.code <= '0' + NUMBERED) {
            m->selected = ev->key.code - '1';
            int flags = console_perform(c, m->items[m->selected]);
            if (flags != EV_IGNORED)
                console_drop_repeat(c, ev->key);
            return flags | EV_REDRAW;
        }
        return EV_IGNORED;
    default:
        return EV_IGNORED;
    }
}

const screen_ops menu_screen = {
    .title = N_("Main menu"),
    .flags = SCREEN_ROOT,
    .actions = menu_actions,
    .open = menu_open,
    .close = menu_close,
    .draw = menu_draw,
    .handle = menu_handle,
};
