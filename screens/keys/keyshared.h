/* What the key screens share: the supervisor's PIN in place, the page hint, short
 * times, the department choices, and the menu of what may be done to a loan or a key.
 * It calls none of the key screens, so keys.c, keyloan.c and keyops.c call down only. */
#ifndef FRONTDESK_SCREENS_KEYSHARED_H
#define FRONTDESK_SCREENS_KEYSHARED_H

#include <stdbool.h>

#include "console/console.h"
#include "widgets/form.h"
#include "frontdesk/keys.h"

/* A supervisor's PIN in place for needed; what names the step in the dialog. */
bool keys_approve(console *c, fd_action needed, const char *what, fd_actor *approver);
/* The line under a page's body saying that Enter offers what can be done. */
void keys_page_hint(const console_area *area);
/* "11-27 18:00" for today and other days alike; "" for 0. */
void keys_when(fd_time t, char out[FD_TIME_TEXT]);
/* The configured departments as choice labels (borrowed from the configuration). */
void keys_department_choices(form *f, const char *field, console *c);

/* The operations of a page: count of them, each with an untranslated label; offered
 * says whether the page's record allows one now, perform runs it (true: recorded),
 * recorded reads the page's record again after one was. */
typedef struct keys_ops_menu {
    int count;
    const char *(*label)(int op);
    bool (*offered)(void *page, int op);
    bool (*perform)(void *page, int op);
    void (*recorded)(void *page);
    const char *nothing; /* untranslated: shown when none is offered */
} keys_ops_menu;

/* Enter on a page: offers the operations allowed now in a choice and runs the one
 * chosen. Returns the page's EV_ flags. */
int keys_offer_ops(console *c, const keys_ops_menu *menu, void *page);

#endif
