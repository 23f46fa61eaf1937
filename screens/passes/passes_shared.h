/* What the passes' screens share (screens/passes/): how a pass's window and state are
 * shown, and a count of the writes made here, so that a list drawn afterwards is read
 * again. It calls none of the passes' screens, so passes.c, pass_issue.c and
 * pass_record.c call down only. */
#ifndef FRONTDESK_SCREENS_PASSES_SHARED_H
#define FRONTDESK_SCREENS_PASSES_SHARED_H

#include <stddef.h>

#include "console/draw.h"
#include "frontdesk/passes.h"

enum { PASSES_LABEL_COLS = 12, PASSES_LINE_TEXT = 1024 };

/* A write was made here; how many so far. */
void passes_changed(void);
unsigned passes_changes(void);
/* A pass issued here (a write too): the list highlights it when it reads again. */
void passes_issued(int64_t id);
int64_t passes_last_issued(void);

/* "10:30–12:00" on now's day, "11-25 10:30–12:00" on another. */
void passes_window_text(const fd_pass *p, fd_time now, char *out, size_t size);
/* How the pass is authorised: "盖公章", "签署人 刘洋", or a dash. */
void passes_authority_text(const fd_pass *p, char *out, size_t size);
/* A label in the passes' column beside its value. */
void passes_label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr);

#endif
