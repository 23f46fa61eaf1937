/* A list over the store: rows arrive a page at a time through the source's fetch
 * callback, which gets the last row of the page before (keyset pagination — the
 * list never asks for a whole table), a search line narrows the list as the user
 * types ("/" then text, or simply typing when type-ahead is on), and columns are
 * measured in display columns so Chinese names line up. */
#ifndef FRONTDESK_SCREENS_LISTVIEW_H
#define FRONTDESK_SCREENS_LISTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "console/console.h"

typedef struct listview listview;

typedef struct listview_column {
    const char *title; /* N_() text */
    int width;         /* display columns; 0: what the other columns leave */
} listview_column;

typedef struct listview_source {
    const listview_column *columns;
    size_t column_count; /* at most 8 */
    /* Adds (listview_add) at most limit rows matching query that come after the row
     * after (NULL: from the first); adding fewer than limit says the list ends. */
    fd_status (*fetch)(void *ctx, listview *lv, const char *query, const void *after,
                       int limit, fd_error *err);
    /* Cells of a row, one per column, into out (each at most size bytes). */
    void (*cells)(void *ctx, const void *row, char (*out)[128], size_t count);
    void (*free_row)(void *row);
} listview_source;

enum { LISTVIEW_TYPE_AHEAD = 1 /* printable keys start a search */ };

listview *listview_new(const listview_source *src, void *ctx, unsigned flags);
void listview_free(listview *lv);
/* For fetch: appends a row the list now owns. */
void listview_add(listview *lv, void *row);
size_t listview_count(const listview *lv);
/* The selected row, NULL when the list is empty. */
const void *listview_selected(const listview *lv);
/* Changes whenever the selection moves or the rows are reloaded. */
unsigned listview_version(const listview *lv);
/* Opens the search line with text (may be NULL) and fetches what matches. */
void listview_search(listview *lv, console *c, const char *text);
/* Drops the rows and fetches the first page again. */
void listview_reload(listview *lv, console *c);
/* The same, the selection kept on the same line number (a line that opened or closed
 * in place stays under the cursor). */
void listview_refresh(listview *lv, console *c);
/* Highlights the first row is() takes, reading on for it a few pages at most; false,
 * the highlight where it was, when none does. */
bool listview_select_where(listview *lv, console *c, bool (*is)(const void *row, const void *ctx),
                           const void *ctx);

bool listview_takes_text(const listview *lv);
/* What the search line says before the text: the fields it searches, translated
 * ("Name (any part):"); NULL gives "Search:". The text must outlive the list. */
void listview_set_label(listview *lv, const char *label);
/* The search line's text ("" when none). */
const char *listview_query(const listview *lv);
int listview_handle(listview *lv, console *c, const console_event *ev);
/* The search line, the column headings and the rows. */
void listview_draw(listview *lv, console *c, const console_area *area);

#endif
