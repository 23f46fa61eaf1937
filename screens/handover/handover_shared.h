/* What the handover screens share: the count of saved changes that tells a screen
 * underneath to reload, short times, typed times, and an entry's fields as one text.
 * It calls none of the handover screens, so handover.c, handover_entry.c and
 * handover_pass.c call down only. */
#ifndef FRONTDESK_SCREENS_HANDOVER_SHARED_H
#define FRONTDESK_SCREENS_HANDOVER_SHARED_H

#include <stdbool.h>

#include "widgets/form.h"
#include "frontdesk/handover.h"

/* Something was recorded: screens underneath reload when they see the count move. */
void handover_changed(void);
unsigned handover_change_count(void);

/* a, sep and b joined, or whichever of a and b is not empty (caller frees). */
char *handover_joined(const char *a, const char *sep, const char *b);
/* "label: value" for each field the entry has, as one run of text (caller frees). */
char *handover_entry_text(const fd_entry *e);

/* "11-27 09:30"; "" for 0. */
void handover_when(fd_time t, char out[FD_TIME_TEXT]);

#endif
