/* The console as frontdesk runs it: the screens of the main menu in the manual's
 * order and the live counters of the status line. A procedure adds its screen here
 * once: one line in APP_SCREEN_LIST puts it in the menu under its action; its
 * counter joins APP_COUNTER_LIST. */
#ifndef FRONTDESK_SCREENS_APP_H
#define FRONTDESK_SCREENS_APP_H

#include "console/console.h"

extern const console_app frontdesk_app;

#endif
