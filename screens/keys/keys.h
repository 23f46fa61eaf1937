/* Key loans (钥匙借用), the screens: the list of views (keys out, overdue, the register
 * with type-ahead, new keys to be sealed, requests waiting for consent, loans to hand
 * over), a loan's page and a key's page with what may be done to them, and the forms.
 * Every rule is the core's (frontdesk/keys.h): these files ask and show. */
#ifndef FRONTDESK_SCREENS_KEYS_H
#define FRONTDESK_SCREENS_KEYS_H

#include "console/console.h"

extern const screen_ops keys_screen;

#endif
