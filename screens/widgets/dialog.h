/* Dialogs over the current screen. Messages for the message line are
 * console_info / console_error. */
#ifndef FRONTDESK_SCREENS_DIALOG_H
#define FRONTDESK_SCREENS_DIALOG_H

#include <stdbool.h>

#include "console/console.h"

/* Asks a yes/no question; yes and no are the button labels. The safe answer, no, is
 * highlighted first; Esc answers no. */
bool dialog_confirm(console *c, const char *question, const char *yes, const char *no);

/* Asks which of two ways to go on, when both write (the second, highlighted first, is
 * the one that asks less of anyone); Esc is neither, and the caller goes back to where
 * it was, nothing saved. */
typedef enum dialog_answer { DIALOG_CANCELLED, DIALOG_FIRST, DIALOG_SECOND } dialog_answer;
dialog_answer dialog_either(console *c, const char *question, const char *first, const char *second);

/* Draws a centred dialog box of the given inner size and returns its inner area. */
console_area dialog_frame(const char *title, int rows, int cols);

#endif
