/* What the renovation screens share (screens/works/): a count of the writes made here,
 * so that a list drawn afterwards is read again, and how a line is shown. It calls none
 * of the screens, so works.c, works_form.c and works_file.c call down only. */
#ifndef FRONTDESK_SCREENS_WORKS_SHARED_H
#define FRONTDESK_SCREENS_WORKS_SHARED_H

#include <stddef.h>

#include "console/draw.h"
#include "frontdesk/works.h"

enum { WORKS_LABEL_COLS = 12, WORKS_LINE_TEXT = 1024 };

/* A write was made here; how many so far. */
void works_changed(void);
unsigned works_changes(void);
/* A renovation file opened here (a write too): the list highlights it when it reads
 * again. */
void works_opened(int64_t id);
int64_t works_last_opened(void);

/* The first line of a text that may have several. */
void works_first_line(const char *text, char *out, size_t size);
/* A list of one item a line, on one line: "电钻 1台、切割机 1台". */
void works_items_line(const char *items, char *out, size_t size);
/* A label in the page's column beside its value. */
void works_label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr);
/* "2026-12-20" */
void works_day_text(fd_date day, char *out, size_t size);
/* A typed day ("2026-12-20"): empty is 0 when may_be_empty; what does not parse is
 * said at the field. */
struct form;
bool works_typed_day(struct form *f, const char *field, bool may_be_empty, fd_date *out);

#endif
