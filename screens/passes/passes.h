/* The passes' screen (携物出入门证): today's passes and every one still issued (the
 * default), the scheduled ones whose window ended unconfirmed, and a search over all
 * history by carrier, company or unit. F4 opens the form (pass_issue.c), Enter a pass's
 * page (pass_record.c). The core decides every rule (include/frontdesk/passes.h); this
 * only asks. */
#ifndef FRONTDESK_SCREENS_PASSES_H
#define FRONTDESK_SCREENS_PASSES_H

#include "console/console.h"

extern const screen_ops passes_screen;

#endif
