/* One pass's page: the company, the carrier, the window, the authority and the goods;
 * its history; and the steps its state allows — let the goods through (盖章确认), stop
 * them (易燃、易爆、有毒、腐蚀, with the reason), void it — each chosen first, then
 * confirmed or filled in. ^R prints its two-part form. */
#ifndef FRONTDESK_SCREENS_PASS_RECORD_H
#define FRONTDESK_SCREENS_PASS_RECORD_H

#include <stdint.h>

#include "console/console.h"

void pass_record_open(console *c, int64_t id);

#endif
