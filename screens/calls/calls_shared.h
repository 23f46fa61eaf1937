/* What the register's screens share (screens/calls/): how an entry is named and shown,
 * and a count of the writes made here, so that a list drawn afterwards is read again.
 * It calls none of the register's screens, so calls.c, call_intake.c and call_entry.c
 * call down only. */
#ifndef FRONTDESK_SCREENS_CALLS_SHARED_H
#define FRONTDESK_SCREENS_CALLS_SHARED_H

#include <stddef.h>

#include "console/draw.h"
#include "frontdesk/calls.h"

enum { CALLS_LABEL_COLS = 12, CALLS_LINE_TEXT = 1024 };

/* A write was made here; how many so far. */
void calls_changed(void);
unsigned calls_changes(void);

/* "A-1203 张伟", or the caller alone when no unit was given. */
void calls_who_text(const fd_call_entry *e, char *out, size_t size);
/* The first line of a text that may have several. */
void calls_first_line(const char *text, char *out, size_t size);
/* "工程部 王工", or the department alone. */
void calls_referral_text(const char *department, const char *person, char *out, size_t size);
/* The entry's state, or its state and when it was dealt with. */
const char *calls_state_label(const fd_call_entry *e);
/* A label in the register's column beside its value. */
void calls_label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr);

#endif
