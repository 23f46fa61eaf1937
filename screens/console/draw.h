/* Drawing on stdscr: the theme (colours, or reverse/bold/underline on a monochrome
 * terminal) and text placed by display columns, clipped without splitting a
 * character. */
#ifndef FRONTDESK_SCREENS_DRAW_H
#define FRONTDESK_SCREENS_DRAW_H

#include <curses.h>

typedef enum theme_role {
    TH_NORMAL,
    TH_HEADER,      /* the header line */
    TH_STATUS,      /* the key-hint line */
    TH_KEY,         /* a key name within the key-hint line */
    TH_TITLE,       /* a screen's or dialog's title */
    TH_SELECTED,    /* the highlighted row or menu item */
    TH_FIELD,       /* an input field */
    TH_FIELD_FOCUS, /* the field being edited */
    TH_ERROR,       /* a validation or error message */
    TH_INFO,        /* a confirmation message */
    TH_DIM,         /* hints, placeholders, column headings */
    TH_DIALOG,      /* a dialog's frame */
    TH_COUNT
} theme_role;

/* Chooses colours when the terminal has them (and NO_COLOR is not set). Call once
 * after curses starts. */
void theme_init(void);
attr_t theme(theme_role role);

/* Text at (y, x) in at most cols columns, ending in "…" when it is cut; returns the
 * columns used. */
int draw_text(int y, int x, int cols, const char *s, attr_t attr);
/* A view onto a line wider than it (a page scrolled sideways, which says which
 * columns it shows): cut at cols without a mark. */
int draw_window(int y, int x, int cols, const char *s, attr_t attr);
/* draw_text, then blanks in attr up to cols. */
void draw_padded(int y, int x, int cols, const char *s, attr_t attr);
/* Text centred in cols columns starting at x. */
void draw_centered(int y, int x, int cols, const char *s, attr_t attr);
/* Text wrapped at cols columns from (y, x), at most rows lines, the last ending in "…"
 * when the text does not fit; returns the lines used. */
int draw_wrapped(int y, int x, int rows, int cols, const char *s, attr_t attr);
/* The same, each line centred. */
int draw_wrapped_centered(int y, int x, int rows, int cols, const char *s, attr_t attr);
/* A box framed in attr with a blank inside and an optional title on its top edge. */
void draw_box(int top, int left, int rows, int cols, const char *title, attr_t attr);
/* A horizontal rule. */
void draw_rule(int y, int x, int cols, attr_t attr);

#endif
