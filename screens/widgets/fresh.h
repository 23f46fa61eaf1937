/* Whether what a screen read is still what the store holds. A list or a record's page
 * marks when it reads and asks before it draws; after a write, here or at another
 * terminal (console_data_changes), it reads again — each screen says only how. */
#ifndef FRONTDESK_SCREENS_FRESH_H
#define FRONTDESK_SCREENS_FRESH_H

#include <stdbool.h>

#include "console/console.h"

typedef struct fresh {
    unsigned seen; /* console_data_changes() at the mark */
} fresh;

/* What the screen shows was read now. */
void fresh_mark(fresh *f, const console *c);
/* True when the store changed since the mark; the mark then moves on, so a change is
 * told once. */
bool fresh_stale(fresh *f, const console *c);
/* The same for a record's page, self its screen, but only while it is on top: a dialog
 * over it works on what it read (a pass chosen by its line), and the page reads again
 * once the dialog is gone. */
bool fresh_page_stale(fresh *f, const console *c, const screen_ops *self);

#endif
