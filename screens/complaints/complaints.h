/* Complaints (投诉受理/回访): the list of open complaints by due time, overdue ones
 * and one department's, a search over the whole history, and for one complaint its
 * record, its timeline and the steps the core allows next. */
#ifndef FRONTDESK_SCREENS_COMPLAINTS_H
#define FRONTDESK_SCREENS_COMPLAINTS_H

#include <stdint.h>

#include "console/console.h"

extern const screen_ops complaints_screen;

/* Opens one complaint's page (its record, timeline and next steps) over the current
 * screen: how the handover book opens an overdue complaint in place. */
void complaints_open_complaint(console *c, int64_t id);

#endif
