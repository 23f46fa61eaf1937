/* Writing in the handover book and one entry's page (handover_entry.c). */
#ifndef FRONTDESK_SCREENS_HANDOVER_ENTRY_H
#define FRONTDESK_SCREENS_HANDOVER_ENTRY_H

#include <stdint.h>

#include "console/console.h"

/* F4: writes an entry into the shift (a choice of kind, then its form). */
void handover_write_entry(console *c, int64_t shift_id);
/* One entry's page over the current screen. */
void handover_open_entry(console *c, int64_t entry_id);

#endif
