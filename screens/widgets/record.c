#include "widgets/record.h"

#include <stdio.h>
#include <stdlib.h>

#include "console/draw.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/show.h"

void record_history_clear(record_history *h)
{
    h->count_before = h->count;
    h->count = 0;
}

void record_history_add(record_history *h, fd_time at, const char *text)
{
    if (h->count == RECORD_HISTORY_MAX)
        return;
    h->lines[h->count].at = at;
    h->lines[h->count].order = h->count;
    text_copy(h->lines[h->count].text, sizeof h->lines[0].text, text);
    h->count++;
}

void record_history_add_correction(record_history *h, fd_time at, const char *field,
                                   const char *value, const char *reason, const char *staff)
{
    char line[RECORD_LINE_TEXT];
    snprintf(line, sizeof line, _("Corrected %s to \u201c%s\u201d (%s) \u2014 %s"), field,
             value ? value : "", reason, staff);
    record_history_add(h, at, line);
}

static int by_time(const void *a, const void *b)
{
    const record_line *x = a, *y = b;
    if (x->at != y->at)
        return (x->at > y->at) - (x->at < y->at);
    return (x->order > y->order) - (x->order < y->order);
}

void record_history_sort(record_history *h)
{
    qsort(h->lines, h->count, sizeof h->lines[0], by_time);
    if (h->scroll.back > 0 && h->count > h->count_before)
        h->scroll.back += h->count - h->count_before;
    h->count_before = h->count;
}

void record_history_show_newest(record_history *h)
{
    h->scroll.back = 0;
}

void record_steps_clear(record_steps *s)
{
    s->was = s->chosen.count ? s->offered[s->chosen.selected] : -1;
    s->chosen.count = 0;
}

void record_steps_offer(record_steps *s, int step)
{
    if (s->chosen.count < RECORD_STEPS_MAX)
        s->offered[s->chosen.count++] = step;
}

void record_steps_settle(record_steps *s)
{
    for (size_t i = 0; i < s->chosen.count; i++)
        if (s->offered[i] == s->was) {
            s->chosen.selected = i;
            return;
        }
    if (s->chosen.selected >= s->chosen.count)
        s->chosen.selected = 0;
}

steps_result record_steps_key(record_steps *s, console *c, const console_event *ev, int *step)
{
    steps_result r = steps_handle(&s->chosen, c, ev);
    if (r == STEPS_CHOSEN)
        *step = s->offered[s->chosen.selected];
    return r;
}

bool record_history_key(record_history *h, const console_event *ev)
{
    return scrollback_key(&h->scroll, h->count, ev);
}

typedef struct history_ctx {
    const record_history *h;
    fd_time now;
} history_ctx;

static void history_line(void *ctx, size_t i, char *left, size_t left_size, const char **text,
                         attr_t *attr)
{
    const history_ctx *hc = ctx;
    show_when(hc->h->lines[i].at, hc->now, left, left_size);
    *text = hc->h->lines[i].text;
    *attr = A_NORMAL;
}

/* "↑ more" / "↓ more" at the right end of a rule. */
static void rule_marker(int y, int x, int cols, const char *marker)
{
    char text[64];
    snprintf(text, sizeof text, " %s ", marker);
    int w = text_width(text);
    if (w + 2 < cols)
        draw_text(y, x + cols - w - 2, w, text, theme(TH_DIM) | A_BOLD);
}

/* The offered steps' labels, translated. */
static void step_labels(const record_steps *s, const char *const *labels,
                        const char *out[RECORD_STEPS_MAX])
{
    for (size_t i = 0; i < s->chosen.count; i++)
        out[i] = _(labels[s->offered[i]]);
}

int record_steps_rows(const record_steps *s, const char *const *labels, int cols)
{
    const char *shown[RECORD_STEPS_MAX];
    step_labels(s, labels, shown);
    return steps_rows(&s->chosen, shown, cols);
}

void record_draw_body(const record_body *b, fd_time now, const console_area *area)
{
    int x = area->left, cols = area->cols;
    const char *labels[RECORD_STEPS_MAX];
    step_labels(b->steps, b->labels, labels);
    int steps_rows_used = steps_rows(&b->steps->chosen, labels, cols);
    int history_top = area->top + b->facts_rows + 1;
    int steps_top = area->top + area->rows - steps_rows_used;
    draw_rule(area->top + b->facts_rows, x, cols, theme(TH_DIM));
    draw_text(area->top + b->facts_rows, x + 2, cols - 2, _(" History "), theme(TH_DIM));
    history_ctx hc = {b->history, now};
    console_area lines = {history_top, x, steps_top - 1 - history_top, cols};
    scrollback *sb = &b->history->scroll;
    scrollback_draw(sb, b->history->count, history_line, &hc, b->time_cols, &lines);
    draw_rule(steps_top - 1, x, cols, theme(TH_DIM));
    if (sb->above)
        rule_marker(area->top + b->facts_rows, x, cols, _("↑ more (PgUp)"));
    if (sb->back > 0)
        rule_marker(steps_top - 1, x, cols, _("↓ more (PgDn)"));
    bool dimmed[RECORD_STEPS_MAX];
    for (size_t i = 0; i < b->steps->chosen.count; i++)
        dimmed[i] = b->unavailable && b->unavailable[b->steps->offered[i]];
    steps_draw(&b->steps->chosen, labels, dimmed, b->nothing, steps_top, x, cols);
}

/* -- the page -- */

static void page_load(record_page *p, console *c)
{
    fresh_mark(&p->read, c);
    record_history_clear(&p->history);
    fd_error err = {0};
    p->loaded = p->spec->read(p, c, &err);
    if (!p->loaded) {
        console_show_error(c, &err);
        return;
    }
    record_history_sort(&p->history);
    record_steps_clear(&p->steps);
    p->spec->offer(p, c);
    record_steps_settle(&p->steps);
}

void *record_page_open(console *c, const record_page_spec *spec, const void *arg)
{
    record_page *p = fd_alloc(spec->size);
    p->spec = spec;
    p->id = *(const int64_t *)arg;
    page_load(p, c);
    return p;
}

void record_page_close(void *state)
{
    free(state);
}

void record_page_draw(void *state, console *c, const console_area *area)
{
    record_page *p = state;
    if (p->loaded && fresh_page_stale(&p->read, c, p->spec->screen))
        page_load(p, c);
    if (!p->loaded)
        return;
    record_body body = {p->spec->draw_facts(p, c, area), p->spec->time_cols, &p->history,
                        &p->steps, p->spec->labels, _(p->spec->nothing), NULL};
    record_draw_body(&body, fd_desk_now(console_desk(c)), area);
}

static int perform(record_page *p, console *c, int step)
{
    if (p->spec->perform(p, c, step)) {
        if (p->spec->changed)
            p->spec->changed();
        if (p->spec->done)
            console_info(c, "%s", _(p->spec->done[step]));
        record_history_show_newest(&p->history);
        page_load(p, c);
    }
    return EV_HANDLED | EV_REDRAW;
}

int record_page_handle(void *state, console *c, const console_event *ev)
{
    record_page *p = state;
    if (!p->loaded)
        return EV_IGNORED;
    if (record_history_key(&p->history, ev))
        return EV_HANDLED | EV_REDRAW;
    int chosen;
    switch (record_steps_key(&p->steps, c, ev, &chosen)) {
    case STEPS_MOVED: return EV_HANDLED | EV_REDRAW;
    case STEPS_CHOSEN: return perform(p, c, chosen);
    case STEPS_IGNORED: break;
    }
    return EV_IGNORED;
}
