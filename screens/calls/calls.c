/* The register's screen: see calls.h. The list (a view at a time, F5 for the next),
 * under it the highlighted entry's answer, referral and phone; F4 opens the intake
 * form, Enter the entry's page, ^R today's register on paper. */
#include "calls/calls.h"

#include <stdio.h>
#include <stdlib.h>

#include "calls/call_entry.h"
#include "calls/call_intake.h"
#include "calls/calls_shared.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/printing.h"
#include "widgets/show.h"
#include "widgets/viewlist.h"

static const listview_column columns[] = {
    {N_("Time"), 11},   {N_("How"), 4},      {N_("Caller"), 0},
    {N_("Matter"), 8},  {N_("Question"), 22}, {N_("State"), 6},
};

static void add_row(void *ctx, const fd_call_entry *e)
{
    fd_call_entry *copy = fd_alloc(sizeof *copy);
    *copy = *e;
    listview_add(ctx, copy);
}

static fd_status calls_fetch(void *ctx, listview *lv, const char *query, const void *after,
                             int limit, fd_error *err)
{
    const viewlist *v = ctx;
    console *c = viewlist_console(v);
    fd_call_query q = {(fd_call_view)viewlist_kind(v), query, after, limit};
    return fd_calls_list(console_desk(c), console_actor(c), &q, add_row, lv, err);
}

static void calls_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    const fd_call_entry *e = row;
    if (count < 6)
        return;
    show_when(e->received_at, fd_desk_now(console_desk(viewlist_console(ctx))), out[0], 128);
    snprintf(out[1], 128, "%s", fd_call_choice_label(FD_CALL_LIST_CHANNEL, (int)e->channel));
    char who[2 * FD_CALL_NAME_MAX];
    calls_who_text(e, who, sizeof who);
    text_copy(out[2], 128, who);
    snprintf(out[3], 128, "%s", fd_call_choice_label(FD_CALL_LIST_MATTER, (int)e->matter));
    char question[CALLS_LINE_TEXT];
    calls_first_line(e->question, question, sizeof question);
    text_copy(out[4], 128, question);
    /* Dealt with here but still with engineering: the list says so, not "dealt with". */
    bool with_engineering = e->repair_id && e->repair_state == FD_REPAIR_HANDED;
    snprintf(out[5], 128, "%s", with_engineering ? _("With engineering") : calls_state_label(e));
}

static const listview_source calls_source = {
    .columns = columns,
    .column_count = sizeof columns / sizeof columns[0],
    .fetch = calls_fetch,
    .cells = calls_cells,
    .free_row = free,
};

/* Under the list: what became of the highlighted entry. */
static void draw_selected(const viewlist *v, const void *row, int y, int x, int cols)
{
    (void)v;
    const fd_call_entry *e = row;
    char line[CALLS_LINE_TEXT];
    if (e->answer[0])
        calls_first_line(e->answer, line, sizeof line);
    else
        text_copy(line, sizeof line, show_or_dash(NULL));
    calls_label_line(y, x, cols, _("Answer"), line, A_NORMAL);
    calls_referral_text(e->department, e->person, line, sizeof line);
    calls_label_line(y + 1, x, cols, _("Referred to"), show_or_dash(line), A_NORMAL);
    snprintf(line, sizeof line, _("%s   taken by %s"), show_or_dash(e->phone), e->received_by);
    calls_label_line(y + 2, x, cols, _("Phone"), line, A_NORMAL);
}

static const viewlist_view views[] = {
    {N_("Today, and all still pending"), FD_CALL_VIEW_DESK, &calls_source, 0, NULL, NULL},
    {N_("Pending, oldest first"), FD_CALL_VIEW_OPEN, &calls_source, 0, NULL, NULL},
    {N_("Search: caller, unit, phone or matter"), FD_CALL_VIEW_SEARCH, &calls_source, LISTVIEW_TYPE_AHEAD,
     NULL, NULL},
    {N_("Suggestions, newest first"), FD_CALL_VIEW_SUGGESTIONS, &calls_source, 0, NULL, NULL},
};

static const viewlist_spec calls_list = {
    .views = views,
    .view_count = sizeof views / sizeof views[0],
    .changes = calls_changes,
    .detail_rows = 3,
    .draw_selected = draw_selected,
};

static void *calls_open(console *c, void *arg)
{
    (void)arg;
    return viewlist_new(&calls_list, c);
}

static int calls_handle(void *state, console *c, const console_event *ev)
{
    viewlist *v = state;
    const fd_call_entry *e;
    switch (ev->action) {
    case ACT_NEW:
        call_intake_open(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_PRINT:
        printing_daily_log(c, FD_LOG_CALLS, printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        if (viewlist_searching(v))
            break;
        if ((e = viewlist_selected(v)) != NULL)
            call_entry_open(c, e->id);
        return EV_HANDLED | EV_REDRAW;
    default:
        break;
    }
    return viewlist_handle(v, c, ev);
}

static const console_action calls_actions[] = {ACT_NEW,     ACT_SELECT,    ACT_VIEW, ACT_SEARCH,
                                               ACT_PRINT,   ACT_BACK,      ACT_UP,   ACT_DOWN,
                                               ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

const screen_ops calls_screen = {
    .title = N_("Calls and walk-ins"),
    .actions = calls_actions,
    .open = calls_open,
    .close = viewlist_close,
    .draw = viewlist_draw,
    .handle = calls_handle,
    .takes_text = viewlist_takes_text,
};
