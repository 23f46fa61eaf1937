/* How the procedures' screens show a value: a dash for nothing, a time short when it
 * is this year's, and a label in its column beside its value. */
#ifndef FRONTDESK_SCREENS_SHOW_H
#define FRONTDESK_SCREENS_SHOW_H

#include <stddef.h>

#include "console/draw.h"
#include "frontdesk/time.h"

/* s, or a dash when it is NULL or empty. */
const char *show_or_dash(const char *s);
/* "11-27 09:30" for a time in now's year, "2025-03-01" before. */
void show_when(fd_time t, fd_time now, char *out, size_t size);
/* label dimmed in label_cols columns at (y, x), value after it in attr. */
void show_labelled(int y, int x, int cols, int label_cols, const char *label, const char *value,
                   attr_t attr);

#endif
