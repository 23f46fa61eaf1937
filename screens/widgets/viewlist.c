#include "widgets/viewlist.h"

#include <stdio.h>
#include <stdlib.h>

#include "console/draw.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/fresh.h"

enum { TITLE_TEXT = 512 };

struct viewlist {
    const viewlist_spec *spec;
    console *c;
    size_t view;
    listview *list;
    unsigned seen; /* spec->changes() when it was read */
    int64_t made;  /* spec->made() when it was read */
    fresh read;
};

static bool is_made(const void *row, const void *ctx)
{
    const viewlist *v = ctx;
    return v->spec->views[v->view].row_id(row) == v->made;
}

static void read_list(viewlist *v)
{
    if (v->spec->changes)
        v->seen = v->spec->changes();
    fresh_mark(&v->read, v->c);
    listview_reload(v->list, v->c);
}

/* After a save here: a record just made is highlighted, where the view shows it. */
static void read_after_save(viewlist *v)
{
    read_list(v);
    int64_t made = v->spec->made ? v->spec->made() : 0;
    if (made && made != v->made && v->spec->views[v->view].row_id) {
        v->made = made;
        listview_select_where(v->list, v->c, is_made, v);
    }
}

static void show_view(viewlist *v, size_t view)
{
    const viewlist_view *shown = &v->spec->views[view];
    listview_free(v->list);
    v->view = view; /* before the first fetch, which asks for it */
    v->list = listview_new(shown->source, v, shown->flags);
    if (shown->search_label)
        listview_set_label(v->list, _(shown->search_label));
    read_list(v);
}

viewlist *viewlist_new(const viewlist_spec *spec, console *c)
{
    viewlist *v = fd_alloc(sizeof *v);
    v->spec = spec;
    v->c = c;
    v->made = spec->made ? spec->made() : 0;
    show_view(v, 0);
    return v;
}

void viewlist_close(void *state)
{
    viewlist *v = state;
    listview_free(v->list);
    free(v);
}

console *viewlist_console(const viewlist *v) { return v->c; }
int viewlist_kind(const viewlist *v) { return v->spec->views[v->view].kind; }
const void *viewlist_selected(const viewlist *v) { return listview_selected(v->list); }
bool viewlist_searching(const viewlist *v) { return listview_takes_text(v->list); }

bool viewlist_takes_text(const void *state)
{
    const viewlist *v = state;
    return listview_takes_text(v->list);
}

/* The first view that searches as one types; view_count when none does. */
static size_t search_view(const viewlist_spec *spec)
{
    size_t i = 0;
    while (i < spec->view_count && !(spec->views[i].flags & LISTVIEW_TYPE_AHEAD))
        i++;
    return i;
}

int viewlist_handle(viewlist *v, console *c, const console_event *ev)
{
    size_t search = search_view(v->spec);
    if (ev->action == ACT_VIEW) {
        show_view(v, (v->view + 1) % v->spec->view_count);
        return EV_HANDLED | EV_REDRAW;
    }
    /* Typing over a list of the desk searches all of history. */
    if (ev->action == ACT_NONE && search < v->spec->view_count && v->view != search &&
        key_is_text(ev->key))
        show_view(v, search);
    return listview_handle(v->list, c, ev);
}

void viewlist_draw(void *state, console *c, const console_area *area)
{
    viewlist *v = state;
    if (v->spec->changes && v->seen != v->spec->changes())
        read_after_save(v);
    else if (fresh_stale(&v->read, c))
        listview_refresh(v->list, c);
    char title[TITLE_TEXT], key[32];
    keymap_first_key(console_keymap(c), ACT_VIEW, key, sizeof key);
    snprintf(title, sizeof title, _("%s   (%zu of %d; %s: next view)"),
             _(v->spec->views[v->view].label), v->view + 1, (int)v->spec->view_count, key);
    draw_text(area->top, area->left, area->cols, title, A_BOLD);
    int detail = v->spec->detail_rows;
    console_area list = {area->top + 1, area->left, area->rows - 1 - detail - 1, area->cols};
    listview_draw(v->list, c, &list);
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    const void *row = listview_selected(v->list);
    if (row)
        v->spec->draw_selected(v, row, y + 1, area->left, area->cols);
}
