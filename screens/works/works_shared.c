#include "works/works_shared.h"

#include <stdio.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/form.h"
#include "widgets/show.h"

/* Bumped by every write made here; the file opened here last. */
static unsigned changes;
static int64_t opened;

void works_changed(void)
{
    changes++;
}

unsigned works_changes(void)
{
    return changes;
}

void works_opened(int64_t id)
{
    opened = id;
    works_changed();
}

int64_t works_last_opened(void)
{
    return opened;
}

void works_first_line(const char *text, char *out, size_t size)
{
    size_t n = strcspn(text, "\n");
    snprintf(out, size, "%.*s%s", (int)n, text, text[n] ? " \u2026" : "");
}

void works_items_line(const char *items, char *out, size_t size)
{
    /* TRANSLATORS: between the items of a list written on one line. */
    const char *sep = _("; ");
    char joined[2 * FD_WORKS_TEXT_MAX];
    size_t n = 0, k = strlen(sep);
    for (const char *p = items; *p && n + k < sizeof joined; p++) {
        if (*p == '\n') {
            memcpy(joined + n, sep, k);
            n += k;
        } else {
            joined[n++] = *p;
        }
    }
    joined[n] = '\0';
    text_copy(out, size, joined);
}

void works_label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    show_labelled(y, x, cols, WORKS_LABEL_COLS, label, value, attr);
}

void works_day_text(fd_date day, char *out, size_t size)
{
    char text[FD_DATE_TEXT];
    fd_date_format(day, text);
    snprintf(out, size, "%s", text);
}

bool works_typed_day(form *f, const char *field, bool may_be_empty, fd_date *out)
{
    const char *text = form_value(f, field);
    fd_when_problem why;
    char problem[FD_WHEN_PROBLEM_TEXT];
    *out = 0;
    if ((may_be_empty && text_blank(text)) || fd_date_parse(text, out, &why))
        return true;
    form_field_error(f, field, fd_when_problem_text(&why, _("Write the day as 2026-12-20."), problem));
    return false;
}
