#include "widgets/picker.h"

#include "widgets/dialog.h"
#include "console/draw.h"
#include "frontdesk/i18n.h"

/* Big enough for a page of matches, small enough to show the form it was opened from. */
enum { PICKER_ROWS = 14, PICKER_COLS = 74 };

typedef struct picker {
    const char *title;
    dirlist source;
    const char *initial;
    listview *list;
    dir_item *chosen;
} picker;

static const console_action picker_actions[] = {ACT_SELECT, ACT_BACK, ACT_UP, ACT_DOWN,
                                                ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

/* The search line takes the typing from the start: a picker is opened to search. */
static void *picker_open(console *c, void *arg)
{
    picker *p = arg;
    p->list = listview_new(&dirlist_source, &p->source, LISTVIEW_TYPE_AHEAD);
    listview_search(p->list, c, p->initial);
    return p;
}

static void picker_close(void *state)
{
    picker *p = state;
    listview_free(p->list);
}

static void picker_draw(void *state, console *c, const console_area *area)
{
    (void)area;
    picker *p = state;
    console_area in = dialog_frame(p->title, PICKER_ROWS, PICKER_COLS);
    listview_draw(p->list, c, &in);
}

static int picker_handle(void *state, console *c, const console_event *ev)
{
    picker *p = state;
    if (ev->action == ACT_SELECT && listview_selected(p->list)) {
        p->chosen = dir_item_dup(listview_selected(p->list));
        return EV_HANDLED | EV_POP;
    }
    int r = listview_handle(p->list, c, ev);
    if (r == EV_IGNORED && ev->action == ACT_BACK)
        return EV_HANDLED | EV_POP;
    return r;
}

static bool picker_takes_text(const void *state)
{
    const picker *p = state;
    return listview_takes_text(p->list);
}

static const screen_ops picker_screen = {
    .flags = SCREEN_OVERLAY | SCREEN_MODAL,
    .actions = picker_actions,
    .open = picker_open,
    .close = picker_close,
    .draw = picker_draw,
    .handle = picker_handle,
    .takes_text = picker_takes_text,
};

bool picker_choose(console *c, const char *title, unsigned kinds, const char *initial,
                   dir_item **out)
{
    picker p = {.title = title, .source = {c, kinds}, .initial = initial};
    console_modal(c, &picker_screen, &p);
    *out = p.chosen;
    return p.chosen != NULL;
}
