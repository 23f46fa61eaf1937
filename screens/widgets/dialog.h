/* Dialogs over the current screen. Messages for the message line are
 * console_info / console_error. */
#ifndef FRONTDESK_SCREENS_DIALOG_H
#define FRONTDESK_SCREENS_DIALOG_H

#include <stdbool.h>

#include "console/console.h"

/* Asks a yes/no question; yes and no are the button labels. The safe answer, no, is
 * highlighted first; Esc answers no. */
bool dialog_confirm(console *c, const char *question, const char *yes, const char *no);

/* Draws a centred dialog box of the given inner size and returns its inner area. */
console_area dialog_frame(const char *title, int rows, int cols);

#endif
