/* The notices' screen: see notices.h. The list (a view at a time, F5 for the next),
 * under it the highlighted notice's times, signer and deliveries; F4 opens the drafting
 * form, Enter the notice's page, ^R today's log on paper. */
#include "notices/notices.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "notices/notice_form.h"
#include "notices/notice_page.h"
#include "notices/notices_shared.h"
#include "widgets/printing.h"
#include "widgets/show.h"
#include "widgets/viewlist.h"

static const listview_column columns[] = {
    {N_("No."), 4},  {N_("Starts"), 11}, {N_("Kind"), 7},
    {N_("Title"), 0}, {N_("Area"), 12},  {N_("State"), 12},
};

/* The kind in the list's narrow column. */
static const char *kind_short(fd_notice_kind kind)
{
    switch (kind) {
    case FD_NOTICE_WORKS: return _("Works");
    case FD_NOTICE_GENERAL: return _("General");
    case FD_NOTICE_EMERGENCY: return _("Urgent");
    }
    return "";
}

static void add_row(void *ctx, const fd_notice *n)
{
    fd_notice *copy = fd_alloc(sizeof *copy);
    *copy = *n;
    listview_add(ctx, copy);
}

static fd_status notices_fetch(void *ctx, listview *lv, const char *query, const void *after,
                               int limit, fd_error *err)
{
    const viewlist *v = ctx;
    console *c = viewlist_console(v);
    fd_notice_query q = {(fd_notice_view)viewlist_kind(v), query, after, limit};
    return fd_notices_list(console_desk(c), console_actor(c), &q, add_row, lv, err);
}

static void notices_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    const fd_notice *n = row;
    if (count < 6)
        return;
    snprintf(out[0], 128, "%lld", (long long)n->id);
    show_when(n->starts_at, fd_desk_now(console_desk(viewlist_console(ctx))), out[1], 128);
    snprintf(out[2], 128, "%s", kind_short(n->kind));
    text_copy(out[3], 128, n->title);
    text_copy(out[4], 128, n->place);
    snprintf(out[5], 128, "%s", notices_state_label(n));
}

static const listview_source notices_source = {
    .columns = columns,
    .column_count = sizeof columns / sizeof columns[0],
    .fetch = notices_fetch,
    .cells = notices_cells,
    .free_row = free,
};

/* Under the list: the highlighted notice's times, who signed it, where it went. */
static void draw_selected(const viewlist *v, const void *row, int y, int x, int cols)
{
    const fd_notice *n = row;
    fd_time now = fd_desk_now(console_desk(viewlist_console(v)));
    char line[NOTICES_LINE_TEXT], span[64];
    notices_span_text(n->starts_at, n->ends_at, now, span, sizeof span);
    notices_label_line(y, x, cols, _("Event"), span, n->to_take_down ? theme(TH_ERROR) : A_NORMAL);
    snprintf(line, sizeof line, _("%s   drafted by %s"), show_or_dash(n->approved_by), n->drafted_by);
    notices_label_line(y + 1, x, cols, _("Notice signed by"), line, A_NORMAL);
    snprintf(line, sizeof line, _("%d units"), n->deliveries);
    notices_label_line(y + 2, x, cols, _("Handed to"), line, A_NORMAL);
}

/* "/" narrows any of them by title. */
static const viewlist_view views[] = {
    {N_("Not yet taken down"), FD_NOTICE_VIEW_CURRENT, &notices_source, 0, NULL, NULL},
    {N_("Drafts awaiting a signature"), FD_NOTICE_VIEW_DRAFTS, &notices_source, 0, NULL, NULL},
    {N_("On the notice board"), FD_NOTICE_VIEW_POSTED, &notices_source, 0, NULL, NULL},
    {N_("To take down: the event is over"), FD_NOTICE_VIEW_TAKE_DOWN, &notices_source, 0, NULL, NULL},
    {N_("All notices"), FD_NOTICE_VIEW_ALL, &notices_source, 0, NULL, NULL},
};

static const viewlist_spec notices_list = {
    .views = views,
    .view_count = sizeof views / sizeof views[0],
    .detail_rows = 3,
    .draw_selected = draw_selected,
};

static void *notices_open(console *c, void *arg)
{
    (void)arg;
    return viewlist_new(&notices_list, c);
}

static int notices_handle(void *state, console *c, const console_event *ev)
{
    viewlist *v = state;
    const fd_notice *n;
    switch (ev->action) {
    case ACT_NEW:
        notice_form_open(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_PRINT:
        printing_daily_log(c, FD_LOG_NOTICES, printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        if (viewlist_searching(v))
            break;
        if ((n = viewlist_selected(v)) != NULL)
            notice_page_open(c, n->id);
        return EV_HANDLED | EV_REDRAW;
    default:
        break;
    }
    return viewlist_handle(v, c, ev);
}

static const console_action notices_actions[] = {ACT_NEW,     ACT_SELECT,    ACT_VIEW, ACT_SEARCH,
                                                 ACT_PRINT,   ACT_BACK,      ACT_UP,   ACT_DOWN,
                                                 ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

const screen_ops notices_screen = {
    .title = N_("Notices"),
    .actions = notices_actions,
    .open = notices_open,
    .close = viewlist_close,
    .draw = viewlist_draw,
    .handle = notices_handle,
    .takes_text = viewlist_takes_text,
};
