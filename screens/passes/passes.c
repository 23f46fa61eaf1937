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
#include "widgets/printing.h"
#include "widgets/show.h"
#include "widgets/viewlist.h"

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
    const viewlist *v = ctx;
    console *c = viewlist_console(v);
    fd_pass_query q = {(fd_pass_view)viewlist_kind(v), query, after, limit};
    return fd_passes_list(console_desk(c), console_actor(c), &q, add_row, lv, err);
}

static void passes_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    const fd_pass *p = row;
    if (count < 6)
        return;
    passes_window_text(p, fd_desk_now(console_desk(viewlist_console(ctx))), out[0], 128);
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

/* Under the list: the highlighted pass's goods, carrier and authority. */
static void draw_selected(const viewlist *v, const void *row, int y, int x, int cols)
{
    (void)v;
    const fd_pass *p = row;
    char line[PASSES_LINE_TEXT], authority[PASSES_LINE_TEXT / 2];
    passes_label_line(y, x, cols, _("Goods"), show_or_dash(p->goods), A_NORMAL);
    snprintf(line, sizeof line, "%s   %s %s", p->carrier,
             fd_doc_type_label(p->doc_type), p->doc_number);
    passes_label_line(y + 1, x, cols, _("Carried by"), line, A_NORMAL);
    passes_authority_text(p, authority, sizeof authority);
    snprintf(line, sizeof line, _("%s   issued by %s"), authority, p->issued_by);
    passes_label_line(y + 2, x, cols, _("Authority"), line, A_NORMAL);
}

static int64_t pass_id(const void *row)
{
    const fd_pass *p = row;
    return p->id;
}

static const viewlist_view views[] = {
    {N_("Today, and all still issued"), FD_PASS_VIEW_DESK, &passes_source, 0, NULL, pass_id},
    {N_("Moving time over, not let through"), FD_PASS_VIEW_OPEN, &passes_source, 0, NULL, pass_id},
    {N_("Search: carrier, company or unit"), FD_PASS_VIEW_SEARCH, &passes_source,
     LISTVIEW_TYPE_AHEAD, NULL, pass_id},
};

static const viewlist_spec passes_list = {
    .views = views,
    .view_count = sizeof views / sizeof views[0],
    .changes = passes_changes,
    .made = passes_last_issued,
    .detail_rows = 3,
    .draw_selected = draw_selected,
};

static void *passes_open(console *c, void *arg)
{
    (void)arg;
    return viewlist_new(&passes_list, c);
}

static int passes_handle(void *state, console *c, const console_event *ev)
{
    viewlist *v = state;
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
    case ACT_SELECT:
        if (viewlist_searching(v))
            break;
        if ((p = viewlist_selected(v)) != NULL)
            pass_record_open(c, p->id);
        return EV_HANDLED | EV_REDRAW;
    default:
        break;
    }
    return viewlist_handle(v, c, ev);
}

static const console_action passes_actions[] = {ACT_NEW,    ACT_SELECT,  ACT_VIEW,
                                                ACT_DIRECTORY, ACT_SEARCH, ACT_PRINT,
                                                ACT_BACK,   ACT_UP,      ACT_DOWN,
                                                ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

const screen_ops passes_screen = {
    .title = N_("Carry-out and carry-in passes"),
    .actions = passes_actions,
    .open = passes_open,
    .close = viewlist_close,
    .draw = viewlist_draw,
    .handle = passes_handle,
    .takes_text = viewlist_takes_text,
};
