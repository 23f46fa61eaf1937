/* The duty handover book screen (值班交接本): the shift in hand — the open follow-ups
 * first, then the open items the other procedures have, then the entries in time
 * order — past shifts, a search over every entry, one entry's page with its trail
 * across shifts, and the steps of handing the shift over (open items marked, the
 * inventory counted, both managers' PINs, or the incoming one's refusal). The core
 * decides every rule (include/frontdesk/handover.h); this only asks and shows. */
#ifndef FRONTDESK_SCREENS_HANDOVER_H
#define FRONTDESK_SCREENS_HANDOVER_H

#include "console/console.h"
#include "frontdesk/handover.h" /* the status-line counter */

extern const screen_ops handover_screen;

#endif
