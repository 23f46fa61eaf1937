/* One entry's page: what was asked, by whom, what was answered and where it was
 * referred; its history, corrections shown old → new; and the steps its state allows —
 * an answer, a referral, dealt with, a correction — chosen first, then confirmed or
 * filled in. */
#ifndef FRONTDESK_SCREENS_CALL_ENTRY_H
#define FRONTDESK_SCREENS_CALL_ENTRY_H

#include <stdint.h>

#include "console/console.h"

void call_entry_open(console *c, int64_t id);

#endif
