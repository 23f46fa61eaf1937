/* A procedure's list screen as the hotline, the passes, the notices and the renovations
 * show one: a view at a time, titled "VIEW   (n of N; F5: next view)", its list under
 * the title, a rule, and more of the highlighted row under the rule. It reads again
 * after a save here (the procedure's change count: from the top, or with the record
 * just made highlighted where it falls) or at another terminal (widgets/fresh.h: the selection kept), and typing over
 * a view opens the search view, where there is one. The screen keeps what is its own:
 * its keys (F4, Enter, ^R …), its rows and cells, and the row's details.
 *
 * A screen's state is the viewlist: its open() returns viewlist_new(), and
 * viewlist_close, viewlist_draw and viewlist_takes_text are its screen_ops'. */
#ifndef FRONTDESK_SCREENS_VIEWLIST_H
#define FRONTDESK_SCREENS_VIEWLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "console/console.h"
#include "widgets/listview.h"

typedef struct viewlist viewlist;

typedef struct viewlist_view {
    const char *label;             /* N_(): the view's title */
    int kind;                      /* the procedure's own view (its core's enum) */
    const listview_source *source; /* its fetch and cells get the viewlist as ctx */
    unsigned flags;                /* LISTVIEW_TYPE_AHEAD: the search view */
    const char *search_label;      /* N_(): what its search finds by; NULL: "Search:" */
    int64_t (*row_id)(const void *row); /* the record a row shows, when spec->made's kind */
} viewlist_view;

typedef struct viewlist_spec {
    const viewlist_view *views;
    size_t view_count;
    /* This terminal's saves in the procedure; NULL: the procedure keeps no count. */
    unsigned (*changes)(void);
    /* The record this terminal made last (0: none yet): after the save that made it,
     * a view whose rows are such records (row_id) reads again with it highlighted
     * wherever it falls. NULL: the list reads again from the top. */
    int64_t (*made)(void);
    int detail_rows;
    /* Under the rule, detail_rows lines: more of row, the highlighted one. */
    void (*draw_selected)(const viewlist *v, const void *row, int y, int x, int cols);
} viewlist_spec;

/* Opens on the first view. */
viewlist *viewlist_new(const viewlist_spec *spec, console *c);
console *viewlist_console(const viewlist *v);
/* The view shown: its kind. */
int viewlist_kind(const viewlist *v);
/* The highlighted row, NULL when the list is empty. */
const void *viewlist_selected(const viewlist *v);
/* Whether the search line is open (Enter then ends the search, not opens a row). */
bool viewlist_searching(const viewlist *v);
/* F5, typing over a view (the search view), the list's own keys. */
int viewlist_handle(viewlist *v, console *c, const console_event *ev);

/* As screen_ops: the viewlist is the screen's state. */
void viewlist_close(void *state);
void viewlist_draw(void *state, console *c, const console_area *area);
bool viewlist_takes_text(const void *state);

#endif
