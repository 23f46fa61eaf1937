/* The passes' screen: see passes.h. The list (a view at a time, F5 for the next), under
 * it the highlighted pass's goods, carrier and authority; F4 opens the form, Enter the
 * pass's page, F3 a company's seal or letter on file, ^R today's passes on paper. */
#include "passes/passes.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "passes/pass_authority.h"
#include "passes/pass_issue.h"
#include "passes/pass_record.h"
#include "passes/passes_shared.h"
#include "widgets/fresh.h"
#include "widgets/listview.h"
#include "widgets/printing.h"
#include "widgets/show.h"

enum { DETAIL_ROWS = 3 };

static const struct {
    fd_pass_view view;
    const char *label;
} views[] = {
    {FD_PASS_VIEW_DESK, N_("Today, and all still issued")},
    {FD_PASS_VIEW_OPEN, N_("Moving time over, not let through")},
    {FD_PASS_VIEW_SEARCH, N_("Search: carrier, company or unit")},
};
enum { VIEW_COUNT = sizeof views / sizeof views[0] };

typedef struct pass_list {
    console *c;
    size_t view;
    listview *list;
    unsigned seen;      /* passes_changes() when it was read */
    fresh read;         /* when it was read */
} pass_list;

static const listview_column columns[] = {
    {N_("Time"), 17},    {N_("Out/in"), 4}, {N_("Company"), 0},
    {N_("Carried by"), 10}, {N_("Goods"), 16},  {N_("State"), 6},
};

static void add_row(void *ctx, const fd_pass *p)
{
    fd_pass *copy = fd_alloc(sizeof *copy);
    *copy = *p;
    listview_add(ctx, copy);
}

static fd_status passes_fetch(void *ctx, listview *lv, const char *query, const void *after,
                              int limit, fd_error *err)
{
    pass_list *m = ctx;
    fd_pass_query q = {views[m->view].view, query, after, limit};
    return fd_passes_list(console_desk(m->c), console_actor(m->c), &q, add_row, lv, err);
}

static void passes_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    pass_list *m = ctx;
    const fd_pass *p = row;
    if (count < 6)
        return;
    passes_window_text(p, fd_desk_now(console_desk(m->c)), out[0], 128);
    snprintf(out[1], 128, "%s", fd_pass_choice_label(FD_PASS_LIST_DIRECTION, (int)p->direction));
    char company[3 * FD_PASS_NAME_MAX + 8];
    snprintf(company, sizeof company, "%s %s", p->unit, p->company);
    text_copy(out[2], 128, company);
    text_copy(out[3], 128, p->carrier);
    text_copy(out[4], 128, p->goods);
    snprintf(out[5], 128, "%s", fd_pass_shown_state_label(p));
}

static const listview_source passes_source = {
    .columns = columns,
    .column_count = sizeof columns / sizeof columns[0],
    .fetch = passes_fetch,
    .cells = passes_cells,
    .free_row = free,
};

static void read_list(pass_list *m)
{
    m->seen = passes_changes();
    fresh_mark(&m->read, m->c);
    listview_reload(m->list, m->c);
}

static void show_view(pass_list *m, size_t view)
{
    listview_free(m->list);
    m->view = view;
    m->list = listview_new(&passes_source, m,
                           views[view].view == FD_PASS_VIEW_SEARCH ? LISTVIEW_TYPE_AHEAD : 0);
    read_list(m);
}

static void *passes_open(console *c, void *arg)
{
    (void)arg;
    pass_list *m = fd_alloc(sizeof *m);
    m->c = c;
    show_view(m, 0);
    return m;
}

static void passes_close(void *state)
{
    pass_list *m = state;
    listview_free(m->list);
    free(m);
}

static size_t search_view(void)
{
    for (size_t i = 0; i < VIEW_COUNT; i++)
        if (views[i].view == FD_PASS_VIEW_SEARCH)
            return i;
    return 0;
}

static int passes_handle(void *state, console *c, const console_event *ev)
{
    pass_list *m = state;
    const fd_pass *p;
    switch (ev->action) {
    case ACT_NEW:
        pass_issue_open(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_PRINT:
        printing_daily_log(c, FD_LOG_PASSES, printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    case ACT_DIRECTORY:
        pass_authority_open(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_VIEW:
        show_view(m, (m->view + 1) % VIEW_COUNT);
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        if (listview_takes_text(m->list))
            break;
        if ((p = listview_selected(m->list)) != NULL)
            pass_record_open(c, p->id);
        return EV_HANDLED | EV_REDRAW;
    case ACT_NONE:
        /* Typing over a list of the desk searches all of history. */
        if (views[m->view].view != FD_PASS_VIEW_SEARCH && key_is_text(ev->key)) {
            show_view(m, search_view());
            return listview_handle(m->list, c, ev);
        }
        break;
    default:
        break;
    }
    return listview_handle(m->list, c, ev);
}

static bool passes_takes_text(const void *state)
{
    const pass_list *m = state;
    return listview_takes_text(m->list);
}

/* Under the list: the highlighted pass's goods, carrier and authority. */
static void draw_selected(const pass_list *m, int y, int x, int cols)
{
    const fd_pass *p = listview_selected(m->list);
    if (!p)
        return;
    char line[PASSES_LINE_TEXT], authority[PASSES_LINE_TEXT / 2];
    passes_label_line(y, x, cols, _("Goods"), show_or_dash(p->goods), A_NORMAL);
    snprintf(line, sizeof line, "%s   %s %s", p->carrier,
             fd_doc_type_label(p->doc_type), p->doc_number);
    passes_label_line(y + 1, x, cols, _("Carried by"), line, A_NORMAL);
    passes_authority_text(p, authority, sizeof authority);
    snprintf(line, sizeof line, _("%s   issued by %s"), authority, p->issued_by);
    passes_label_line(y + 2, x, cols, _("Authority"), line, A_NORMAL);
}

static void passes_draw(void *state, console *c, const console_area *area)
{
    pass_list *m = state;
    if (m->seen != passes_changes())
        read_list(m);
    else if (fresh_stale(&m->read, c))
        listview_refresh(m->list, c);
    char title[PASSES_LINE_TEXT], key[32];
    keymap_first_key(console_keymap(c), ACT_VIEW, key, sizeof key);
    snprintf(title, sizeof title, _("%s   (%zu of %d; %s: next view)"), _(views[m->view].label),
             m->view + 1, VIEW_COUNT, key);
    draw_text(area->top, area->left, area->cols, title, A_BOLD);
    console_area list = {area->top + 1, area->left, area->rows - 1 - DETAIL_ROWS - 1, area->cols};
    listview_draw(m->list, c, &list);
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    draw_selected(m, y + 1, area->left, area->cols);
}

static const console_action passes_actions[] = {ACT_NEW,    ACT_SELECT,  ACT_VIEW,
                                                ACT_DIRECTORY, ACT_SEARCH, ACT_PRINT,
                                                ACT_BACK,   ACT_UP,      ACT_DOWN,
                                                ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

const screen_ops passes_screen = {
    .title = N_("Carry-out and carry-in passes"),
    .actions = passes_actions,
    .open = passes_open,
    .close = passes_close,
    .draw = passes_draw,
    .handle = passes_handle,
    .takes_text = passes_takes_text,
};
