#include "widgets/listview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/draw.h"
#include "frontdesk/i18n.h"
#include "widgets/lineedit.h"
#include "frontdesk/text.h"

/* Rows asked for at a time; more come when the selection nears the last one. */
/* A row looked for by listview_select_where is sought among this many at most. */
enum { PAGE_ROWS = 50, QUERY_MAX_CHARS = 40, MAX_COLUMNS = 8, SELECT_ROWS_MAX = 500 };

struct listview {
    const listview_source *src;
    void *ctx;
    unsigned flags;
    void **rows;
    size_t count, cap;
    bool complete;    /* the source has no more rows for this query */
    size_t selected;
    size_t first;     /* first row shown */
    int visible;      /* rows shown at the last draw, for paging */
    lineedit query;
    bool searching;   /* keys go to the search line */
    unsigned version;
    const char *label; /* what the search line says it searches; NULL: "Search:" */
};

listview *listview_new(const listview_source *src, void *ctx, unsigned flags)
{
    listview *lv = fd_alloc(sizeof *lv);
    lv->src = src;
    lv->ctx = ctx;
    lv->flags = flags;
    lv->visible = 1;
    lineedit_init(&lv->query, QUERY_MAX_CHARS, false, NULL);
    return lv;
}

static void drop_rows(listview *lv)
{
    for (size_t i = 0; i < lv->count; i++)
        lv->src->free_row(lv->rows[i]);
    lv->count = 0;
    lv->selected = lv->first = 0;
    lv->complete = false;
    lv->version++;
}

void listview_free(listview *lv)
{
    if (!lv)
        return;
    drop_rows(lv);
    free(lv->rows);
    lineedit_free(&lv->query);
    free(lv);
}

void listview_add(listview *lv, void *row)
{
    if (lv->count == lv->cap) {
        lv->cap = lv->cap ? lv->cap * 2 : PAGE_ROWS;
        lv->rows = fd_realloc(lv->rows, lv->cap * sizeof *lv->rows);
    }
    lv->rows[lv->count++] = row;
}

size_t listview_count(const listview *lv) { return lv->count; }
unsigned listview_version(const listview *lv) { return lv->version; }

const void *listview_selected(const listview *lv)
{
    return lv->count ? lv->rows[lv->selected] : NULL;
}

static void fetch_page(listview *lv, console *c)
{
    if (lv->complete)
        return;
    size_t before = lv->count;
    const void *after = before ? lv->rows[before - 1] : NULL;
    fd_error err = {0};
    if (lv->src->fetch(lv->ctx, lv, lineedit_text(&lv->query), after, PAGE_ROWS, &err) != FD_OK) {
        console_show_error(c, &err);
        lv->complete = true;
        return;
    }
    lv->complete = lv->count - before < PAGE_ROWS;
}

void listview_reload(listview *lv, console *c)
{
    drop_rows(lv);
    fetch_page(lv, c);
}

void listview_search(listview *lv, console *c, const char *text)
{
    lv->searching = true;
    lineedit_set(&lv->query, text);
    listview_reload(lv, c);
}

bool listview_takes_text(const listview *lv) { return lv->searching; }

void listview_set_label(listview *lv, const char *label) { lv->label = label; }

/* Moves the selection by delta rows (clamped), fetching the next page first when
 * the move would run past the rows loaded so far. */
static int move_selection(listview *lv, console *c, long delta)
{
    if (delta > 0) {
        while (!lv->complete && lv->selected + (size_t)delta + (size_t)lv->visible >= lv->count)
            fetch_page(lv, c);
    }
    long target = (long)lv->selected + delta;
    if (target >= (long)lv->count)
        target = (long)lv->count - 1;
    if (target < 0)
        target = 0;
    if ((size_t)target != lv->selected) {
        lv->selected = (size_t)target;
        lv->version++;
    }
    return EV_HANDLED | EV_REDRAW;
}

bool listview_select_where(listview *lv, console *c, bool (*is)(const void *row, const void *ctx),
                           const void *ctx)
{
    for (size_t i = 0;; i++) {
        if (i == lv->count && (lv->complete || lv->count >= SELECT_ROWS_MAX))
            return false;
        if (i == lv->count)
            fetch_page(lv, c);
        if (i == lv->count)
            return false;
        if (is(lv->rows[i], ctx)) {
            lv->selected = i;
            lv->version++;
            return true;
        }
    }
}

void listview_refresh(listview *lv, console *c)
{
    size_t selected = lv->selected, first = lv->first;
    listview_reload(lv, c);
    move_selection(lv, c, (long)selected);
    lv->first = first <= lv->selected ? first : lv->selected;
}

static int handle_query(listview *lv, console *c, const console_event *ev)
{
    int r = lineedit_handle(&lv->query, ev);
    if (r == LINEEDIT_CHANGED)
        listview_reload(lv, c);
    if (r == LINEEDIT_REFUSED)
        beep();
    return r == LINEEDIT_IGNORED ? EV_IGNORED : EV_HANDLED | EV_REDRAW;
}

/* Esc leaves the search line first, then clears the search; only then is it the
 * screen's (and closes it). */
static int handle_back(listview *lv, console *c)
{
    if (lv->searching) {
        lv->searching = false;
        if (*lineedit_text(&lv->query) == '\0')
            return EV_HANDLED | EV_REDRAW;
    }
    if (*lineedit_text(&lv->query) == '\0')
        return EV_IGNORED;
    lineedit_set(&lv->query, "");
    listview_reload(lv, c);
    return EV_HANDLED | EV_REDRAW;
}

static int handle_navigation(listview *lv, console *c, console_action a)
{
    long page = lv->visible > 1 ? lv->visible - 1 : 1;
    switch (a) {
    case ACT_UP:
        return move_selection(lv, c, -1);
    case ACT_DOWN:
        return move_selection(lv, c, 1);
    case ACT_PAGE_UP:
        return move_selection(lv, c, -page);
    case ACT_PAGE_DOWN:
        return move_selection(lv, c, page);
    case ACT_HOME:
        return move_selection(lv, c, -(long)lv->selected);
    case ACT_END:
        /* The end of a long list is reached a page at a time, never all at once. */
        return move_selection(lv, c, (long)(lv->count - lv->selected) + page);
    default:
        return EV_IGNORED;
    }
}

const char *listview_query(const listview *lv)
{
    return lineedit_text(&lv->query);
}

int listview_handle(listview *lv, console *c, const console_event *ev)
{
    if (ev->action == ACT_BACK)
        return handle_back(lv, c);
    if (lv->searching) {
        if (ev->action == ACT_SELECT) {
            lv->searching = false;
            return EV_HANDLED | EV_REDRAW;
        }
        int r = handle_query(lv, c, ev);
        if (r != EV_IGNORED)
            return r;
        return handle_navigation(lv, c, ev->action);
    }
    if (ev->action == ACT_SEARCH) {
        lv->searching = true;
        return EV_HANDLED | EV_REDRAW;
    }
    if (ev->action == ACT_NONE && key_is_text(ev->key) && (lv->flags & LISTVIEW_TYPE_AHEAD)) {
        lv->searching = true;
        return handle_query(lv, c, ev);
    }
    return handle_navigation(lv, c, ev->action);
}

/* ---- drawing ---- */

/* Columns beyond MAX_COLUMNS are not shown. */
static size_t column_count(const listview *lv)
{
    return lv->src->column_count < MAX_COLUMNS ? lv->src->column_count : MAX_COLUMNS;
}

static void column_widths(const listview *lv, int cols, int *widths)
{
    size_t n = column_count(lv);
    int fixed = 0, flexible = 0;
    for (size_t i = 0; i < n; i++) {
        widths[i] = lv->src->columns[i].width;
        fixed += widths[i] + (i + 1 < n ? 1 : 0);
        flexible += widths[i] == 0;
    }
    int rest = cols - fixed;
    for (size_t i = 0; i < n; i++) {
        if (widths[i] == 0)
            widths[i] = flexible && rest > 0 ? rest / flexible : 0;
    }
}

static void draw_row(const listview *lv, size_t i, int y, const console_area *area,
                     const int *widths)
{
    size_t n = column_count(lv);
    char cells[MAX_COLUMNS][128];
    lv->src->cells(lv->ctx, lv->rows[i], cells, n);
    attr_t attr = i == lv->selected ? theme(TH_SELECTED) : A_NORMAL;
    draw_padded(y, area->left, area->cols, "", attr);
    int x = area->left;
    for (size_t k = 0, next; k < n; k = next) {
        /* A cell runs on over the empty cells to its right, as in a spreadsheet: a
         * company's long name over its empty 公司/部门 instead of ending in "…". */
        int span = widths[k];
        for (next = k + 1; next < n && cells[next][0] == '\0'; next++)
            span += widths[next] + 1;
        draw_padded(y, x, span, cells[k], attr);
        x += span + 1;
    }
}

/* "↑ more" / "↓ more" when rows lie outside the list's rows, or "" when none do. */
static const char *scroll_marker(const listview *lv)
{
    bool above = lv->first > 0;
    bool below = lv->first + (size_t)lv->visible < lv->count || !lv->complete;
    return above && below ? _("↑↓ more") : above ? _("↑ more") : below ? _("↓ more") : "";
}

/* The search line ends with the count and, before it, the scroll marker: the list's
 * own status line, so the marker covers no heading or cell. */
static void draw_search_line(listview *lv, console *c, const console_area *area)
{
    const char *label = lv->label ? lv->label : _("Search:");
    int lx = area->left + draw_text(area->top, area->left, area->cols, label, A_BOLD) + 1;
    char count[64];
    snprintf(count, sizeof count, lv->complete ? _("%zu found") : _("%zu+ found"), lv->count);
    int count_cols = text_width(count);
    const char *marker = scroll_marker(lv);
    int marker_cols = *marker ? text_width(marker) + 2 : 0;
    int right = area->left + area->cols - count_cols;
    draw_text(area->top, right, count_cols, count, theme(TH_DIM));
    if (*marker)
        draw_text(area->top, right - marker_cols, marker_cols - 2, marker, theme(TH_DIM) | A_BOLD);
    int room = right - marker_cols - lx - 2;
    bool empty = *lineedit_text(&lv->query) == '\0';
    if (!lv->searching && empty) {
        const char *hint = (lv->flags & LISTVIEW_TYPE_AHEAD) ? _("type to search") : _("/ to search");
        draw_text(area->top, lx, room, hint, theme(TH_DIM));
        return;
    }
    int cx = lineedit_draw(&lv->query, area->top, lx, room,
                           theme(lv->searching ? TH_FIELD_FOCUS : TH_FIELD));
    if (lv->searching)
        console_cursor(c, area->top, cx);
}

static void keep_selection_visible(listview *lv)
{
    size_t rows = (size_t)lv->visible;
    if (lv->selected < lv->first)
        lv->first = lv->selected;
    else if (lv->selected >= lv->first + rows)
        lv->first = lv->selected - rows + 1;
}

/* After a resize to more rows (or rows gone elsewhere), the list fills its area: no
 * empty bottom while rows above are scrolled out of sight. */
static void fill_area(listview *lv, console *c)
{
    size_t rows = (size_t)lv->visible;
    while (!lv->complete && lv->first + rows > lv->count)
        fetch_page(lv, c);
    if (lv->first + rows > lv->count)
        lv->first = lv->count > rows ? lv->count - rows : 0;
}

/* A column without a title (the marks) stays blank: gettext("") is the catalogue's
 * header, not an empty string. */
static const char *column_title(const listview *lv, size_t k)
{
    const char *title = lv->src->columns[k].title;
    return *title ? _(title) : "";
}

void listview_draw(listview *lv, console *c, const console_area *area)
{
    int widths[MAX_COLUMNS] = {0};
    column_widths(lv, area->cols, widths);
    int x = area->left;
    for (size_t k = 0; k < column_count(lv); k++) {
        draw_padded(area->top + 1, x, widths[k], column_title(lv, k), theme(TH_DIM) | A_BOLD);
        x += widths[k] + 1;
    }
    lv->visible = area->rows - 2 > 1 ? area->rows - 2 : 1;
    fill_area(lv, c);
    keep_selection_visible(lv);
    draw_search_line(lv, c, area);
    if (lv->count == 0) {
        const char *none = *lineedit_text(&lv->query) ? _("Nothing matches the search.")
                                                       : _("The list is empty.");
        draw_centered(area->top + 2 + lv->visible / 2, area->left, area->cols, none, theme(TH_DIM));
        return;
    }
    for (int r = 0; r < lv->visible && lv->first + (size_t)r < lv->count; r++)
        draw_row(lv, lv->first + (size_t)r, area->top + 2 + r, area, widths);
}
