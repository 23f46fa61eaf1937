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
#include "widgets/fresh.h"
#include "widgets/listview.h"
#include "widgets/printing.h"
#include "widgets/show.h"

enum { DETAIL_ROWS = 3 };

static const struct {
    fd_notice_view view;
    const char *label;
} views[] = { /* "/" narrows any of them by title */
    {FD_NOTICE_VIEW_CURRENT, N_("Not yet taken down")},
    {FD_NOTICE_VIEW_DRAFTS, N_("Drafts awaiting a signature")},
    {FD_NOTICE_VIEW_POSTED, N_("On the notice board")},
    {FD_NOTICE_VIEW_TAKE_DOWN, N_("To take down: the event is over")},
    {FD_NOTICE_VIEW_ALL, N_("All notices")},
};
enum { VIEW_COUNT = sizeof views / sizeof views[0] };

typedef struct notice_list {
    console *c;
    size_t view;
    listview *list;
    fresh read; /* when it was read */
} notice_list;

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
    notice_list *m = ctx;
    fd_notice_query q = {views[m->view].view, query, after, limit};
    return fd_notices_list(console_desk(m->c), console_actor(m->c), &q, add_row, lv, err);
}

static void notices_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    notice_list *m = ctx;
    const fd_notice *n = row;
    if (count < 6)
        return;
    snprintf(out[0], 128, "%lld", (long long)n->id);
    show_when(n->starts_at, fd_desk_now(console_desk(m->c)), out[1], 128);
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

static void show_view(notice_list *m, size_t view)
{
    listview_free(m->list);
    m->view = view;
    m->list = listview_new(&notices_source, m, 0);
    fresh_mark(&m->read, m->c);
    listview_reload(m->list, m->c);
}

static void *notices_open(console *c, void *arg)
{
    (void)arg;
    notice_list *m = fd_alloc(sizeof *m);
    m->c = c;
    show_view(m, 0);
    return m;
}

static void notices_close(void *state)
{
    notice_list *m = state;
    listview_free(m->list);
    free(m);
}

static int notices_handle(void *state, console *c, const console_event *ev)
{
    notice_list *m = state;
    const fd_notice *n;
    switch (ev->action) {
    case ACT_NEW:
        notice_form_open(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_VIEW:
        show_view(m, (m->view + 1) % VIEW_COUNT);
        return EV_HANDLED | EV_REDRAW;
    case ACT_PRINT:
        printing_daily_log(c, FD_LOG_NOTICES, printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        if (listview_takes_text(m->list))
            break;
        if ((n = listview_selected(m->list)) != NULL)
            notice_page_open(c, n->id);
        return EV_HANDLED | EV_REDRAW;
    default:
        break;
    }
    return listview_handle(m->list, c, ev);
}

/* Under the list: the highlighted notice's times, who signed it, where it went. */
static void draw_selected(const notice_list *m, int y, int x, int cols)
{
    const fd_notice *n = listview_selected(m->list);
    if (!n)
        return;
    fd_time now = fd_desk_now(console_desk(m->c));
    char line[NOTICES_LINE_TEXT], span[64];
    notices_span_text(n->starts_at, n->ends_at, now, span, sizeof span);
    notices_label_line(y, x, cols, _("Event"), span, n->to_take_down ? theme(TH_ERROR) : A_NORMAL);
    snprintf(line, sizeof line, _("%s   drafted by %s"), show_or_dash(n->approved_by), n->drafted_by);
    notices_label_line(y + 1, x, cols, _("Notice signed by"), line, A_NORMAL);
    snprintf(line, sizeof line, _("%d units"), n->deliveries);
    notices_label_line(y + 2, x, cols, _("Handed to"), line, A_NORMAL);
}

static void notices_draw(void *state, console *c, const console_area *area)
{
    notice_list *m = state;
    if (fresh_stale(&m->read, c))
        listview_refresh(m->list, c);
    char title[NOTICES_LINE_TEXT], key[32];
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

static bool notices_takes_text(const void *state)
{
    const notice_list *m = state;
    return listview_takes_text(m->list);
}

static const console_action notices_actions[] = {ACT_NEW,     ACT_SELECT,    ACT_VIEW, ACT_SEARCH,
                                                 ACT_PRINT,   ACT_BACK,      ACT_UP,   ACT_DOWN,
                                                 ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

const screen_ops notices_screen = {
    .title = N_("Notices"),
    .actions = notices_actions,
    .open = notices_open,
    .close = notices_close,
    .draw = notices_draw,
    .handle = notices_handle,
    .takes_text = notices_takes_text,
};
