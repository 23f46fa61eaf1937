/* Lines that wrap, newest at the bottom, in a window that may be too short for all of
 * them — a record's history, an emergency loan's calls: the latest lines that fit, and
 * PgUp / PgDn to read earlier ones, each line whole (wrapped, never cut), so every
 * line can be read in full at 80x24. */
#ifndef FRONTDESK_SCREENS_SCROLLBACK_H
#define FRONTDESK_SCREENS_SCROLLBACK_H

#include <stdbool.h>
#include <stddef.h>

#include "console/console.h"

typedef struct scrollback {
    size_t back;  /* lines hidden below the window: 0 shows the newest */
    size_t shown; /* lines shown at the last draw, for paging */
    bool above;   /* at the last draw: earlier lines out of sight */
} scrollback;

/* Line i: its text and, when left_cols > 0, what its first row shows in the left
 * column (a time), written into left. */
typedef void (*scrollback_line)(void *ctx, size_t i, char *left, size_t left_size, const char **text,
                                attr_t *attr);

/* Draws lines [.., count - back) that fit in area, the text right of left_cols columns. */
void scrollback_draw(scrollback *sb, size_t count, scrollback_line line, void *ctx, int left_cols,
                     const console_area *area);
/* PgUp / PgDn: earlier or later lines; true when the key was taken. */
bool scrollback_key(scrollback *sb, size_t count, const console_event *ev);

#endif
