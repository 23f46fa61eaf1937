/* The numbered steps of a record's page: see steps.h. */
#include "widgets/steps.h"

#include <stdio.h>

#include "console/draw.h"
#include "frontdesk/i18n.h"

enum { STEP_LINE = 320 };

/* A step's digit highlights it and says how to go on: the digit alone never acts. The
 * tenth step is 0, as on the keyboard's row. */
static steps_result highlight_digit(step_list *s, console *c, wint_t code)
{
    if (code < '0' || code > '9')
        return STEPS_IGNORED;
    size_t step = code == '0' ? 9 : (size_t)(code - '1');
    if (step >= s->count)
        return STEPS_IGNORED;
    s->selected = step;
    console_info(c, _("Step %zu is highlighted: Enter to go on with it."), s->selected + 1);
    return STEPS_MOVED;
}

steps_result steps_handle(step_list *s, console *c, const console_event *ev)
{
    if (s->count == 0)
        return STEPS_IGNORED;
    if (s->selected >= s->count)
        s->selected = 0;
    switch (ev->action) {
    case ACT_UP:
        if (s->selected > 0)
            s->selected--;
        return STEPS_MOVED;
    case ACT_DOWN:
        if (s->selected + 1 < s->count)
            s->selected++;
        return STEPS_MOVED;
    case ACT_SELECT:
        return STEPS_CHOSEN;
    case ACT_NONE:
        return ev->key.function ? STEPS_IGNORED : highlight_digit(s, c, ev->key.code);
    default:
        return STEPS_IGNORED;
    }
}

void steps_draw(const step_list *s, const char *const labels[], const char *nothing, int y, int x,
                int cols)
{
    if (s->count == 0) {
        draw_text(y, x, cols, nothing, theme(TH_DIM));
        return;
    }
    for (size_t i = 0; i < s->count; i++) {
        char line[STEP_LINE];
        snprintf(line, sizeof line, " %zu  %s", (i + 1) % 10, labels[i]);
        draw_padded(y + (int)i, x, cols, line, i == s->selected ? theme(TH_SELECTED) : A_NORMAL);
    }
}
