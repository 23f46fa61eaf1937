/* What the notices' screens share (screens/notices/): how a notice's state and times
 * are shown, and the approvals they ask for. It calls none of the notices' screens, so
 * notices.c, notice_form.c and notice_page.c call down only. */
#ifndef FRONTDESK_SCREENS_NOTICES_SHARED_H
#define FRONTDESK_SCREENS_NOTICES_SHARED_H

#include <stdbool.h>
#include <stddef.h>

#include "console/console.h"
#include "console/draw.h"
#include "frontdesk/notices.h"

enum { NOTICES_LABEL_COLS = 12, NOTICES_LINE_TEXT = 1024 };

/* The state as the desk reads it: "to take down" once a posted notice's event is over. */
const char *notices_state_label(const fd_notice *n);
/* "12-02 09:00 – 12-02 13:00" (the year when it is not now's). */
void notices_span_text(fd_time from, fd_time to, fd_time now, char *out, size_t size);
/* A label in the notices' column beside its value. */
void notices_label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr);
/* Asks a signer of notices (notices.approve_roles) for their number and PIN. */
bool notices_ask_signer(console *c, fd_actor *signer);
/* Asks a manager's number and PIN to let works start early; false when cancelled. */
bool notices_ask_override(console *c, fd_actor *manager);

#endif
