/* A one-line text editor that is right for Chinese (calcurse's getstring idea): the
 * text is UTF-8, and for every character the editor keeps its byte offset and its
 * display column, so the cursor moves by character, a double-width character takes
 * two columns, Backspace and Delete remove exactly one character, and a long text
 * scrolls sideways without ever showing half a character. Input methods deliver
 * UTF-8 that get_wch has already decoded into characters.
 *
 * A multi-line editor (a list written one item a line) takes a line break as a
 * character: Enter inserts it (a pasted line break arrives as Enter too), Up and Down
 * move between the rows drawn by lineedit_draw_wrapped, Home and End go to the ends
 * of the line. */
#ifndef FRONTDESK_SCREENS_LINEEDIT_H
#define FRONTDESK_SCREENS_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>
#include <curses.h>

#include "console/console.h"

typedef struct lineedit {
    char *text;        /* NUL-terminated UTF-8 */
    size_t len, cap;   /* bytes used and allocated */
    size_t *offset;    /* offset[i]: byte where character i starts; offset[count] = len */
    int *column;       /* column[i]: display column where character i starts */
    size_t count;      /* characters */
    size_t slots;      /* allocated entries of offset and column */
    size_t cursor;     /* character index, 0..count */
    int scroll;        /* first display column shown */
    size_t max_chars;  /* 0: no limit */
    bool secret;       /* shown as one • per character, wiped when freed */
    /* Set by lineedit_set (a prefilled value): the next character typed replaces the
     * whole text, Backspace or Delete empties it, a cursor key keeps it. */
    bool selected;
    /* Which characters the field takes; NULL: any printable one. */
    bool (*accept)(wchar_t wc);
    bool multiline;    /* Enter starts a new line: set after lineedit_init */
    int wrap_cols;     /* the columns lineedit_draw_wrapped last used: Up and Down follow them */
} lineedit;

void lineedit_init(lineedit *e, size_t max_chars, bool secret, bool (*accept)(wchar_t wc));
void lineedit_free(lineedit *e);
/* Replaces the text (invalid bytes become U+FFFD), selected; the cursor goes to the end. */
void lineedit_set(lineedit *e, const char *text);
const char *lineedit_text(const lineedit *e);
/* Inserts one character at the cursor; false if the field refuses it or is full. */
bool lineedit_insert(lineedit *e, wchar_t wc);

/* LINEEDIT_FULL: a character refused because the field holds max_chars already (the
 * rest of a paste is cut off: the caller says so). */
enum { LINEEDIT_IGNORED = 0, LINEEDIT_MOVED = 1, LINEEDIT_CHANGED = 2, LINEEDIT_REFUSED = 3,
       LINEEDIT_FULL = 4 };
/* Editing keys and typed text: Left, Right, Home, End, Backspace, Delete, characters;
 * in a multi-line editor also Enter (a new line), and Up and Down within the text
 * (LINEEDIT_IGNORED on its first or last row, so the form moves to another field). */
int lineedit_handle(lineedit *e, const console_event *ev);

/* Draws the visible part in cols columns at (y, x), scrolled so the cursor shows;
 * returns the screen column of the cursor. */
int lineedit_draw(lineedit *e, int y, int x, int cols, attr_t attr);
/* Draws the text wrapped over rows lines of cols columns (a note), a line break
 * starting a new row, scrolled by whole rows to keep the cursor in view; stores the
 * cursor's screen position. */
void lineedit_draw_wrapped(lineedit *e, int y, int x, int rows, int cols, attr_t attr,
                           int *cursor_y, int *cursor_x);

/* The rows lineedit_draw_wrapped makes of the text in cols columns (1 at least). */
int lineedit_wrapped_rows(const lineedit *e, int cols);

#endif
