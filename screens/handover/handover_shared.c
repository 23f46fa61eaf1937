/* What the handover screens share: see handover_shared.h. */
#include "handover/handover_shared.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

static unsigned saved_changes;

void handover_changed(void) { saved_changes++; }
unsigned handover_change_count(void) { return saved_changes; }

void handover_when(fd_time t, char out[FD_TIME_TEXT])
{
    char text[FD_TIME_TEXT] = "";
    if (t)
        fd_time_format(t, text);
    snprintf(out, FD_TIME_TEXT, "%s", t ? text + 5 : "");
}

char *handover_joined(const char *a, const char *sep, const char *b)
{
    if (!a || !*a)
        return fd_strdup(b ? b : "");
    if (!b || !*b)
        return fd_strdup(a);
    return fd_printf("%s%s%s", a, sep, b);
}

/* "label: value" for each field the entry has, as one run of text. */
char *handover_entry_text(const fd_entry *e)
{
    const char *values[FD_ENTRY_FIELD_COUNT] = {
        [FD_ENTRY_FIELD_REPORTER] = e->reporter, [FD_ENTRY_FIELD_GIVEN_BY] = e->given_by,
        [FD_ENTRY_FIELD_RELAYED_TO] = e->relayed_to, [FD_ENTRY_FIELD_HANDLING] = e->handling,
        [FD_ENTRY_FIELD_SUPERIOR] = e->superior, [FD_ENTRY_FIELD_RESULT] = e->result,
        [FD_ENTRY_FIELD_REPORTED_TO] = e->reported_to, [FD_ENTRY_FIELD_NOTE] = e->note,
    };
    char *text = fd_strdup("");
    for (int f = 0; f < FD_ENTRY_FIELD_COUNT; f++) {
        if (!values[f])
            continue;
        char *part = fd_printf(_("%s: %s"), fd_entry_field_label(e->kind, (fd_entry_field)f), values[f]);
        char *next = handover_joined(text, "  ", part);
        free(part);
        free(text);
        text = next;
    }
    return text;
}
