/* The mail screen (邮件收发): what is held at the desk now, grouped by recipient (the
 * default), today's intake, searches over all history by recipient, tracking number
 * or shelf, and the daily register with the newspaper tally. F4 opens the intake form,
 * which stays open for a batch (the 10:00 courier drop) and keeps carrier and kind
 * between items; items marked in the lists go out together in one hand-out. The core
 * decides every rule (include/frontdesk/mail.h); this only asks. */
#ifndef FRONTDESK_SCREENS_MAIL_H
#define FRONTDESK_SCREENS_MAIL_H

#include <stdint.h>

#include "console/console.h"
#include "frontdesk/mail.h" /* the status-line counter */

extern const screen_ops mail_screen;

/* Opens one item's page over the current screen: for other screens that list mail
 * (the shift handover's held items). */
void mail_open_item(console *c, int64_t item_id);

#endif
