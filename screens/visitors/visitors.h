/* The visitor log screen (访客登记): who is inside now (the default), who waits for
 * the visitee's answer, today's log and searches over all history; registering a
 * visitor (F4); one visit's detail with its history and the steps it allows now.
 * The core decides every rule (include/frontdesk/visitors.h); this only asks. */
#ifndef FRONTDESK_SCREENS_VISITORS_H
#define FRONTDESK_SCREENS_VISITORS_H

#include <stdint.h>

#include "console/console.h"
#include "frontdesk/visitors.h" /* the status-line counter */

extern const screen_ops visitors_screen;
/* The do-not-admit list, opened from the visitor log (visitor_ban.c). */
extern const screen_ops visitor_ban_screen;

/* Opens one visit's detail over the current screen: for other screens that list
 * visits (the shift handover's visitors still inside). */
void visitors_open_visit(console *c, int64_t visit_id);

#endif
