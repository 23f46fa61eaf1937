/* The steps of handing a shift over (handover_pass.c). */
#ifndef FRONTDESK_SCREENS_HANDOVER_PASS_H
#define FRONTDESK_SCREENS_HANDOVER_PASS_H

#include <stdbool.h>
#include <stdint.h>

#include "console/console.h"
#include "frontdesk/handover.h"

/* The steps of handing over that the shift in hand allows now, offered in a choice;
 * runs the one chosen. */
void handover_steps(console *c);
/* Before the session ends (quit, log out, switch user): while the user holds a book
 * being handed over, asks whether to leave it half handed; false keeps the session. */
bool handover_may_end_session(console *c);
/* Before items are carried on all at once (the rest of the list, or the held mail):
 * the holder reads how many and agrees, the safe answer first — one stray key must not
 * mark a whole list. */
bool handover_carry_agreed(console *c, const fd_unmarked *unmarked);
/* An open item of a handover under way: carried on as it is, or annotated (asked in a
 * form). True when it was marked. */
bool handover_mark_item(console *c, int64_t item_id, bool annotate);

#endif
