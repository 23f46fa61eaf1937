#include "console/draw.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/status.h"
#include "frontdesk/text.h"

static attr_t roles[TH_COUNT];

static const char ELLIPSIS[] = "\u2026";

/* Colour pairs: foreground, background (-1: the terminal's own), extra attributes.
 * The monochrome column is what a terminal without colour gets instead. */
static const struct {
    short fg, bg;
    attr_t extra;
    attr_t mono;
} palette[TH_COUNT] = {
    [TH_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [TH_HEADER] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [TH_STATUS] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [TH_KEY] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_BOLD},
    [TH_TITLE] = {COLOR_BLUE, -1, A_BOLD, A_BOLD},
    [TH_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [TH_FIELD] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
    [TH_FIELD_FOCUS] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
    [TH_ERROR] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [TH_INFO] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
    [TH_DIM] = {-1, -1, A_DIM, A_DIM},
    [TH_DIALOG] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
};

void theme_init(void)
{
    const char *no_color = getenv("NO_COLOR");
    bool colour = has_colors() && !(no_color && *no_color) && start_color() == OK;
    if (colour)
        use_default_colors();
    for (int r = 0; r < TH_COUNT; r++) {
        if (!colour || (palette[r].fg == -1 && palette[r].bg == -1)) {
            roles[r] = colour ? palette[r].extra : palette[r].mono;
            continue;
        }
        init_pair((short)r, palette[r].fg, palette[r].bg);
        roles[r] = COLOR_PAIR(r) | palette[r].extra;
    }
}

attr_t theme(theme_role role) { return roles[role]; }

/* s in cols columns, "…" in the last when mark and it is cut. A text of several lines
 * shows its first here, cut: a line break drawn would move the cursor off the row. */
static int draw_fitted(int y, int x, int cols, const char *s, attr_t attr, bool mark)
{
    if (cols <= 0 || !s)
        return 0;
    size_t line = strcspn(s, "\n");
    char *first = s[line] ? fd_printf("%.*s", (int)line, s) : NULL;
    const char *shown = first ? first : s;
    int used;
    size_t bytes = text_fit(shown, cols, &used);
    size_t rest;
    text_trim(s + bytes, true, &rest);
    bool cut = mark && rest > 0;
    if (cut)
        bytes = text_fit(shown, cols - 1, &used);
    attrset(attr);
    mvaddnstr(y, x, shown, (int)bytes);
    if (cut) {
        addstr(ELLIPSIS);
        used++;
    }
    attrset(A_NORMAL);
    free(first);
    return used;
}

int draw_text(int y, int x, int cols, const char *s, attr_t attr)
{
    /* Text cut at the edge ends in "…", so nothing vanishes without a sign. */
    return draw_fitted(y, x, cols, s, attr, true);
}

int draw_window(int y, int x, int cols, const char *s, attr_t attr)
{
    return draw_fitted(y, x, cols, s, attr, false);
}

void draw_padded(int y, int x, int cols, const char *s, attr_t attr)
{
    int used = draw_text(y, x, cols, s, attr);
    if (used < cols) {
        attrset(attr);
        mvhline(y, x + used, ' ', cols - used);
        attrset(A_NORMAL);
    }
}

void draw_centered(int y, int x, int cols, const char *s, attr_t attr)
{
    int width = text_width(s);
    int pad = width < cols ? (cols - width) / 2 : 0;
    draw_text(y, x + pad, cols - pad, s, attr);
}

static int wrap_lines(int y, int x, int rows, int cols, const char *s, attr_t attr, bool centre)
{
    int line = 0;
    while (*s && line < rows) {
        /* The last row takes the rest, cut with "…" when more is left than it holds. */
        size_t shown = strlen(s), next = shown;
        if (line + 1 < rows)
            next = text_line(s, cols, &shown);
        char *piece = fd_printf("%.*s", (int)shown, s);
        if (centre)
            draw_centered(y + line, x, cols, piece, attr);
        else
            draw_text(y + line, x, cols, piece, attr);
        free(piece);
        s += next;
        line++;
    }
    return line;
}

int draw_wrapped(int y, int x, int rows, int cols, const char *s, attr_t attr)
{
    return wrap_lines(y, x, rows, cols, s, attr, false);
}

int draw_wrapped_centered(int y, int x, int rows, int cols, const char *s, attr_t attr)
{
    return wrap_lines(y, x, rows, cols, s, attr, true);
}

void draw_box(int top, int left, int rows, int cols, const char *title, attr_t attr)
{
    /* The inside keeps the normal colours, so fields and labels look as elsewhere. */
    for (int r = 0; r < rows; r++)
        mvhline(top + r, left, ' ', cols);
    attrset(attr);
    mvaddch(top, left, ACS_ULCORNER);
    mvhline(top, left + 1, ACS_HLINE, cols - 2);
    mvaddch(top, left + cols - 1, ACS_URCORNER);
    mvvline(top + 1, left, ACS_VLINE, rows - 2);
    mvvline(top + 1, left + cols - 1, ACS_VLINE, rows - 2);
    mvaddch(top + rows - 1, left, ACS_LLCORNER);
    mvhline(top + rows - 1, left + 1, ACS_HLINE, cols - 2);
    mvaddch(top + rows - 1, left + cols - 1, ACS_LRCORNER);
    attrset(A_NORMAL);
    if (title && *title) {
        int room = cols - 4;
        int width = text_width(title);
        int x = left + 2 + (width < room ? (room - width) / 2 : 0);
        mvaddch(top, x - 1, ' ' | attr);
        int used = draw_text(top, x, room, title, attr | A_BOLD);
        mvaddch(top, x + used, ' ' | attr);
    }
}

void draw_rule(int y, int x, int cols, attr_t attr)
{
    attrset(attr);
    mvhline(y, x, ACS_HLINE, cols);
    attrset(A_NORMAL);
}
