#include "passes/passes_shared.h"

#include <stdio.h>

#include "frontdesk/i18n.h"
#include "widgets/show.h"

/* Bumped by every write made here; the pass issued here last. */
static unsigned changes;
static int64_t issued;

void passes_changed(void)
{
    changes++;
}

unsigned passes_changes(void)
{
    return changes;
}

void passes_issued(int64_t id)
{
    issued = id;
    passes_changed();
}

int64_t passes_last_issued(void)
{
    return issued;
}

void passes_window_text(const fd_pass *p, fd_time now, char *out, size_t size)
{
    fd_local from = fd_time_local(p->window_from), to = fd_time_local(p->window_to);
    /* A window that ends at midnight ends on its own day, as the form wrote it. */
    int to_hour = to.hour == 0 && to.minute == 0 ? 24 : to.hour;
    if (p->day == fd_date_of(now))
        snprintf(out, size, "%02d:%02d\u2013%02d:%02d", from.hour, from.minute, to_hour, to.minute);
    else
        snprintf(out, size, "%02d-%02d %02d:%02d\u2013%02d:%02d", from.month, from.day, from.hour,
                 from.minute, to_hour, to.minute);
}

void passes_authority_text(const fd_pass *p, char *out, size_t size)
{
    if (p->sealed)
        snprintf(out, size, "%s", _("Company seal"));
    else if (p->signer[0])
        snprintf(out, size, _("Signed by %s"), p->signer);
    else
        snprintf(out, size, "%s", show_or_dash(NULL));
}

void passes_label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    show_labelled(y, x, cols, PASSES_LABEL_COLS, label, value, attr);
}
