/* Staff number + PIN dialogs: switching user in place, the lock screen, and the
 * supervisor's approval (console_approve, declared in console.h). */
#ifndef FRONTDESK_SCREENS_AUTH_H
#define FRONTDESK_SCREENS_AUTH_H

#include "console.h"

/* Another staff member enters their number and PIN and takes over the terminal;
 * the screens stay as they are. */
void auth_switch_user(console *c);
/* Hides everything until the logged-in staff member's PIN (or another's, who then
 * takes over) is entered. */
void auth_lock(console *c);

#endif
