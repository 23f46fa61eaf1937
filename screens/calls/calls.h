/* The hotline and walk-in register's screen (接听接待登记): today's entries and every
 * one still open (the default), the open ones alone, and a search over all history by
 * caller, unit, phone or matter. F4 opens the intake form (call_intake.c), Enter an entry's
 * page (call_entry.c). The core decides every rule (include/frontdesk/calls.h); this
 * only asks. */
#ifndef FRONTDESK_SCREENS_CALLS_H
#define FRONTDESK_SCREENS_CALLS_H

#include "console/console.h"

extern const screen_ops calls_screen;

#endif
