#include "widgets/pager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/draw.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

/* Columns moved by Left and Right: small enough to keep one's place in a table. */
enum { SIDE_STEP = 10 };

typedef struct pager {
    const pager_spec *spec;
    char *copy;       /* the text, cut into lines in place */
    char **lines;     /* NULL where a page ends */
    size_t count, capacity;
    int widest;
    int pages;
    size_t first;     /* the first line shown */
    int left;         /* the first column shown */
    int rows, cols;   /* of text at the last draw, for paging and clamping */
} pager;

static void add_line(pager *p, char *line)
{
    if (p->count == p->capacity) {
        p->capacity = p->capacity ? 2 * p->capacity : 256;
        p->lines = fd_realloc(p->lines, p->capacity * sizeof *p->lines);
    }
    p->lines[p->count++] = line;
    int width = line ? text_width(line) : 0;
    if (width > p->widest)
        p->widest = width;
}

/* Cuts the copy at '\n' and '\f'; a form feed also leaves a NULL line for the page's end. */
static void split(pager *p)
{
    p->pages = 1;
    char *start = p->copy;
    for (char *s = p->copy;; s++) {
        char ch = *s;
        if (ch != '\n' && ch != '\f' && ch != '\0')
            continue;
        if (ch == '\0' && s == start)
            break; /* nothing after the last line break */
        *s = '\0';
        add_line(p, start);
        if (ch == '\f') {
            add_line(p, NULL);
            p->pages++;
        }
        if (ch == '\0')
            break;
        start = s + 1;
    }
}

static void *pager_open(console *c, void *arg)
{
    (void)c;
    pager *p = fd_alloc(sizeof *p);
    p->spec = arg;
    p->copy = fd_strdup(p->spec->text ? p->spec->text : "");
    p->rows = p->cols = 1;
    split(p);
    return p;
}

static void pager_close(void *state)
{
    pager *p = state;
    free(p->lines);
    free(p->copy);
    free(p);
}

/* Keeps the view on the text: no scrolling past its last line or its widest column. */
static void clamp(pager *p)
{
    size_t last_first = p->count > (size_t)p->rows ? p->count - (size_t)p->rows : 0;
    if (p->first > last_first)
        p->first = last_first;
    int last_left = p->widest > p->cols ? p->widest - p->cols : 0;
    if (p->left > last_left)
        p->left = last_left;
    if (p->left < 0)
        p->left = 0;
}

/* line from display column skip on, in cols columns; a wide character cut by the left
 * edge leaves a blank where its right half would be. */
static void draw_from(int y, int x, int cols, const char *line, int skip)
{
    int used;
    const char *rest = line + text_fit(line, skip, &used);
    int blank = 0;
    if (used < skip && *rest) {
        wchar_t wc;
        rest += text_decode(rest, strlen(rest), &wc);
        blank = used + text_char_width(wc) - skip;
    }
    if (blank < cols)
        draw_window(y, x + blank, cols - blank, rest, A_NORMAL);
}

static int page_of(const pager *p, size_t line)
{
    int page = 1;
    for (size_t i = 0; i < line && i < p->count; i++)
        page += p->lines[i] == NULL;
    return page;
}

/* Where the view is: the page of its first line, and the columns shown of how many. */
static void draw_position(const pager *p, int y, int x, int cols)
{
    int right = p->left + p->cols < p->widest ? p->left + p->cols : p->widest;
    char *where = fd_printf(_("page %d of %d   columns %d\u2013%d of %d"), page_of(p, p->first), p->pages,
                            p->widest ? p->left + 1 : 0, right, p->widest);
    int width = text_width(where);
    if (width < cols)
        draw_text(y, x + cols - width, width, where, theme(TH_DIM));
    free(where);
}

/* Over the body of the screen beneath, leaving the message and key lines below it. */
static void pager_draw(void *state, console *c, const console_area *area)
{
    (void)c;
    pager *p = state;
    int top = area->top + 1, rows = area->rows - 4;
    draw_box(top, area->left, rows, area->cols, p->spec->title, theme(TH_DIALOG));
    int x = area->left + 2;
    p->cols = area->cols - 4;
    p->rows = rows - 3;
    clamp(p);
    for (int i = 0; i < p->rows && p->first + (size_t)i < p->count; i++) {
        const char *line = p->lines[p->first + (size_t)i];
        int y = top + 1 + i;
        if (line)
            draw_from(y, x, p->cols, line, p->left);
        else
            draw_rule(y, x, p->cols, theme(TH_DIM));
    }
    int y = top + rows - 2;
    int hint_cols = p->spec->hint ? draw_text(y, x, p->cols, p->spec->hint, theme(TH_INFO)) : 0;
    draw_position(p, y, x + hint_cols + 2, p->cols - hint_cols - 2);
}

static int move_view(pager *p, long lines, int columns)
{
    long first = (long)p->first + lines;
    p->first = first > 0 ? (size_t)first : 0;
    p->left += columns;
    clamp(p);
    return EV_HANDLED | EV_REDRAW;
}

static int hand_over(pager *p, console *c)
{
    if (!p->spec->select)
        return EV_HANDLED | EV_POP;
    return p->spec->select(p->spec->ctx, c) | EV_HANDLED | EV_REDRAW;
}

static int pager_handle(void *state, console *c, const console_event *ev)
{
    pager *p = state;
    long page = p->rows > 1 ? p->rows - 1 : 1;
    switch (ev->action) {
    case ACT_UP:
        return move_view(p, -1, 0);
    case ACT_DOWN:
        return move_view(p, 1, 0);
    case ACT_PAGE_UP:
        return move_view(p, -page, 0);
    case ACT_PAGE_DOWN:
        return move_view(p, page, 0);
    case ACT_LEFT:
        return move_view(p, 0, -SIDE_STEP);
    case ACT_RIGHT:
        return move_view(p, 0, SIDE_STEP);
    case ACT_HOME:
        p->first = 0;
        p->left = 0;
        return EV_HANDLED | EV_REDRAW;
    case ACT_END:
        return move_view(p, (long)p->count, 0);
    case ACT_BACK:
        return EV_HANDLED | EV_POP;
    case ACT_SELECT:
        return hand_over(p, c);
    default:
        if (ev->action != ACT_NONE && ev->action == p->spec->also)
            return hand_over(p, c);
        return EV_IGNORED; /* help and redraw still work over it */
    }
}

static const console_action pager_actions[] = {ACT_SELECT, ACT_BACK,      ACT_UP,   ACT_DOWN,
                                               ACT_LEFT,   ACT_RIGHT,     ACT_PAGE_UP,
                                               ACT_PAGE_DOWN, ACT_HOME,   ACT_END,  ACT_NONE};

static const screen_ops pager_screen = {
    .flags = SCREEN_OVERLAY | SCREEN_MODAL,
    .actions = pager_actions,
    .open = pager_open,
    .close = pager_close,
    .draw = pager_draw,
    .handle = pager_handle,
};

void pager_run(console *c, const pager_spec *spec)
{
    console_modal(c, &pager_screen, (void *)spec);
}

void pager_put_wrapped(FILE *out, const char *s, int width, const char *indent)
{
    while (*s) {
        size_t shown, next = text_line(s, width, &shown);
        fprintf(out, "%s%.*s\n", indent, (int)shown, s);
        s += next;
    }
}
