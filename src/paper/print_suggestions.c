/* The suggestions collected at the desk (物业前台岗位职责 三), for the office: each
 * suggestion of the period with who made it, what was answered and where it went,
 * then their count month by month. */
#include "paper/print_internal.h"

#include <stdlib.h>

#include "frontdesk/calls.h"
#include "frontdesk/i18n.h"

typedef struct suggestions {
    fd_report_table *t;
    fd_date first;
} suggestions;

static void suggestion_row(void *ctx, const fd_call_entry *e)
{
    suggestions *g = ctx;
    bool open = e->state == FD_CALL_STATE_OPEN;
    print_cells c = {0};
    print_cells_stamp(&c, e->received_at, g->first);
    print_cells_add(&c, print_join(e->unit, " ", e->caller), FD_STYLE_PLAIN);
    print_cells_dup(&c, e->phone, FD_STYLE_PLAIN);
    print_cells_dup(&c, e->question, FD_STYLE_PLAIN);
    print_cells_dup(&c, e->answer, FD_STYLE_PLAIN);
    print_cells_add(&c, print_join(e->department, " ", e->person), FD_STYLE_PLAIN);
    /* What nobody has dealt with yet is what the office must answer: in red. */
    print_cells_dup(&c, fd_call_choice_label(FD_CALL_LIST_STATE, (int)e->state),
                    open ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_row(g->t, &c);
}

static fd_report_table *table_of(fd_report *r, const fd_report_column *cols, size_t n)
{
    fd_report_column translated[PRINT_COLUMNS_MAX];
    for (size_t i = 0; i < n && i < PRINT_COLUMNS_MAX; i++)
        translated[i] = (fd_report_column){_(cols[i].title), cols[i].width};
    return fd_report_table_new(r, translated, n);
}

static void month_lines(fd_report *r, const fd_suggestion_tally *t)
{
    static const fd_report_column cols[] = {
        {N_("Month"), 1.0}, {N_("Suggestions received"), 1.0}, {N_("Dealt with"), 1.0}, {N_("Pending"), 1.0}};
    fd_report_heading(r, _("By month"));
    fd_report_table *table = table_of(r, cols, sizeof cols / sizeof cols[0]);
    for (int i = 0; i < t->month_count; i++) {
        const fd_suggestion_month *m = &t->months[i];
        char *cells[] = {fd_printf("%04d-%02d", m->year, m->month), fd_printf("%ld", m->received),
                         fd_printf("%ld", m->dealt_with), fd_printf("%ld", m->received - m->dealt_with)};
        unsigned styles[] = {FD_STYLE_PLAIN, FD_STYLE_PLAIN, FD_STYLE_PLAIN,
                             m->received > m->dealt_with ? FD_STYLE_RED : FD_STYLE_PLAIN};
        fd_report_row(table, (const char *const *)cells, styles);
        for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++)
            free(cells[k]);
    }
}

fd_status fd_print_suggestions(fd_desk *d, const fd_actor *who, fd_date first, fd_date last,
                               fd_report **out, fd_error *err)
{
    static const fd_report_column cols[] = {
        {N_("Time"), 1.0},     {N_("Caller"), 1.5},      {N_("Phone"), 1.3}, {N_("Suggestion"), 3.0},
        {N_("Answer"), 2.6},   {N_("Referred to"), 1.2}, {N_("State"), 0.9}};
    char from[FD_DATE_TEXT], to[FD_DATE_TEXT];
    fd_date_format(first, from);
    fd_date_format(last, to);
    char *range = fd_printf(_("%s to %s"), from, to);
    fd_report *r = print_report_new(d, who, _("Suggestions collected at the desk"), range);
    free(range);
    fd_report_set_landscape(r, true);
    suggestions g = {NULL, first};
    fd_suggestion_tally tally;
    /* The list, then its figures, read with it in one snapshot. */
    g.t = table_of(r, cols, sizeof cols / sizeof cols[0]);
    fd_report_column_whole(g.t, 2); /* the phone is never broken */
    fd_status s = fd_calls_suggestions(d, who, fd_date_start(first), fd_date_start(last + 1),
                                       suggestion_row, &g, &tally, err);
    if (s != FD_OK) {
        fd_report_free(r);
        return s;
    }
    char *summary = fd_printf(_("%ld received, %ld dealt with, %ld pending"), tally.received,
                              tally.dealt_with, tally.open);
    fd_report_field(r, _("Suggestions"), summary, FD_STYLE_PLAIN);
    free(summary);
    month_lines(r, &tally);
    const char *sign[] = {_("Compiled by"), _("Read by (manager)")};
    fd_report_signatures(r, sign, 2);
    return print_finish(d, r, out, err);
}

char *fd_print_suggestions_stem(fd_date first, fd_date last)
{
    char from[FD_DATE_TEXT], to[FD_DATE_TEXT];
    fd_date_format(first, from);
    fd_date_format(last, to);
    return fd_printf("suggestions-%s-%s", from, to);
}
