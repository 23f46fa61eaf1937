/* Staff number + PIN dialogs: switching user in place, the lock screen, and the
 * supervisor's approval that the procedures ask for. */
#ifndef FRONTDESK_SCREENS_AUTH_H
#define FRONTDESK_SCREENS_AUTH_H

#include "console/console.h"

/* Another staff member enters their number and PIN and takes over the terminal;
 * the screens stay as they are. */
void auth_switch_user(console *c);
/* Hides everything until the logged-in staff member's PIN (or another's, who then
 * takes over) is entered. */
void auth_lock(console *c);

/* Asks for a supervisor's staff number and PIN in a dialog over the current screen
 * and returns true, with the approver, once someone who may do `needed` has entered
 * their PIN; false if the user cancels. The procedures call it (key loans, night
 * registration …). */
bool auth_approve(console *c, fd_action needed, fd_actor *approver);
/* The same for a permission that is configuration rather than an fd_action:
 * allowed() decides, what names the request in the dialog. */
bool auth_approve_if(console *c, const char *what,
                     bool (*allowed)(const fd_actor *who, const void *ctx), const void *ctx,
                     fd_actor *approver);

#endif
