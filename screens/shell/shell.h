/* The session around the procedures: logging in, the main menu, help, changing one's
 * own PIN, and the staff number + PIN dialogs (switching user in place, the lock
 * screen, a supervisor's approval). */
#ifndef FRONTDESK_SCREENS_SHELL_H
#define FRONTDESK_SCREENS_SHELL_H

#include "console/console.h"

extern const screen_ops login_screen;
extern const screen_ops menu_screen;
extern const screen_ops help_screen;
extern const screen_ops change_pin_screen;

#endif
