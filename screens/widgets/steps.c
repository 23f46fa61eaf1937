/* The numbered steps of a record's page: see steps.h. */
#include "widgets/steps.h"

#include <stdio.h>

#include "console/draw.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

/* ONE_COLUMN_MAX: more steps than this go in two columns when their labels fit. */
enum { STEP_LINE = 320, ONE_COLUMN_MAX = 6 };

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

static void step_line(const char *label, size_t i, char line[STEP_LINE])
{
    snprintf(line, STEP_LINE, " %zu  %s", (i + 1) % 10, label);
}

static bool in_two_columns(const step_list *s, const char *const labels[], int cols)
{
    if (s->count <= ONE_COLUMN_MAX)
        return false;
    for (size_t i = 0; i < s->count; i++) {
        char line[STEP_LINE];
        step_line(labels[i], i, line);
        if (text_width(line) > cols / 2 - 1)
            return false;
    }
    return true;
}

int steps_rows(const step_list *s, const char *const labels[], int cols)
{
    if (s->count == 0)
        return 1;
    return in_two_columns(s, labels, cols) ? (int)(s->count + 1) / 2 : (int)s->count;
}

static attr_t step_attr(bool selected, bool dim)
{
    if (dim)
        return selected ? theme(TH_SELECTED) | A_DIM : theme(TH_DIM);
    return selected ? theme(TH_SELECTED) : A_NORMAL;
}

void steps_draw(const step_list *s, const char *const labels[], const bool dimmed[],
                const char *nothing, int y, int x, int cols)
{
    if (s->count == 0) {
        draw_text(y, x, cols, nothing, theme(TH_DIM));
        return;
    }
    int rows = steps_rows(s, labels, cols);
    int width = rows < (int)s->count ? cols / 2 : cols;
    for (size_t i = 0; i < s->count; i++) {
        char line[STEP_LINE];
        step_line(labels[i], i, line);
        int column = (int)i / rows;
        draw_padded(y + (int)i % rows, x + column * width, column ? cols - width : width, line,
                    step_attr(i == s->selected, dimmed && dimmed[i]));
    }
}
