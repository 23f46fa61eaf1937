/* The duty handover book screen (值班交接本): the shift in hand — the open follow-ups
 * first, then the open items the other procedures have, then the entries in time
 * order — past shifts, a search over every entry, one entry's page with its trail
 * across shifts, and the steps of handing the shift over (open items marked, the
 * inventory counted, both managers' PINs, or the incoming one's refusal). The core
 * decides every rule (include/frontdesk/handover.h); this only asks and shows. */
#ifndef FRONTDESK_SCREENS_HANDOVER_H
#define FRONTDESK_SCREENS_HANDOVER_H

#include <stdbool.h>
#include <stdint.h>

#include "console/console.h"
#include "widgets/form.h"
#include "frontdesk/handover.h" /* the status-line counter */

extern const screen_ops handover_screen;

/* ---- shared by screens/handover*.c ---- */

/* Something was recorded: screens underneath reload when they see the count move. */
void handover_changed(void);
unsigned handover_change_count(void);

/* The steps of handing over that the shift in hand allows now, offered in a choice;
 * runs the one chosen. */
void handover_steps(console *c);
/* An open item of a handover under way: carried on as it is, or annotated. */
void handover_mark_item(console *c, int64_t item_id);

/* F4: writes an entry into the shift (a choice of kind, then its form). */
void handover_write_entry(console *c, int64_t shift_id);
/* One entry's page over the current screen. */
void handover_open_entry(console *c, int64_t entry_id);
/* "label: value" for each field the entry has, as one run of text (caller frees). */
char *handover_entry_text(const fd_entry *e);

/* "11-27 09:30"; "" for 0. */
void handover_when(fd_time t, char out[FD_TIME_TEXT]);
/* A typed time: empty is 0 (now, or none); what does not parse is said at the field. */
bool handover_typed_time(form *f, const char *field, fd_time *out);

#endif
