#include "calls/calls_shared.h"

#include <stdio.h>
#include <string.h>

#include "widgets/show.h"

/* Bumped by every write made here. */
static unsigned changes;

void calls_changed(void)
{
    changes++;
}

unsigned calls_changes(void)
{
    return changes;
}

void calls_who_text(const fd_call_entry *e, char *out, size_t size)
{
    snprintf(out, size, "%s%s%s", e->unit, e->unit[0] ? " " : "", e->caller);
}

void calls_first_line(const char *text, char *out, size_t size)
{
    size_t n = strcspn(text, "\n");
    snprintf(out, size, "%.*s%s", (int)n, text, text[n] ? " \u2026" : "");
}

void calls_referral_text(const char *department, const char *person, char *out, size_t size)
{
    snprintf(out, size, "%s%s%s", department ? department : "",
             person && *person ? " " : "", person ? person : "");
}

const char *calls_state_label(const fd_call_entry *e)
{
    return fd_call_choice_label(FD_CALL_LIST_STATE, (int)e->state);
}

void calls_label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    show_labelled(y, x, cols, CALLS_LABEL_COLS, label, value, attr);
}
