/* What comes in at the mail desk: the intake form (F4), which stays open for a batch
 * (the 10:00 courier drop) and keeps carrier and kind between items, and the morning's
 * newspapers, signed for and handed on. */
#ifndef FRONTDESK_SCREENS_MAIL_INTAKE_H
#define FRONTDESK_SCREENS_MAIL_INTAKE_H

#include <stdbool.h>

#include "console/console.h"

/* Opens the intake form over the current screen. */
void mail_intake_open(console *c);
/* The newspapers' dialog; true once something was recorded. */
bool mail_record_papers(console *c);

#endif
