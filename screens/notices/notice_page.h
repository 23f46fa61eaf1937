/* One notice's page: its facts, its history (steps, deliveries, the override, the
 * corrections) and the steps its state allows: sign, issue, post, hand to units, take
 * down, correct. */
#ifndef FRONTDESK_SCREENS_NOTICE_PAGE_H
#define FRONTDESK_SCREENS_NOTICE_PAGE_H

#include <stdint.h>

#include "console/console.h"

void notice_page_open(console *c, int64_t id);

#endif
