#include "widgets/show.h"

#include <stdio.h>

const char *show_or_dash(const char *s)
{
    return s && *s ? s : "\u2014";
}

void show_when(fd_time t, fd_time now, char *out, size_t size)
{
    fd_local l = fd_time_local(t), n = fd_time_local(now);
    if (l.year == n.year)
        snprintf(out, size, "%02d-%02d %02d:%02d", l.month, l.day, l.hour, l.minute);
    else
        snprintf(out, size, "%04d-%02d-%02d", l.year, l.month, l.day);
}

void show_labelled(int y, int x, int cols, int label_cols, const char *label, const char *value,
                   attr_t attr)
{
    draw_text(y, x, label_cols, label, theme(TH_DIM));
    draw_text(y, x + label_cols, cols - label_cols, value, attr);
}
