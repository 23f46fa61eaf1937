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
#include "widgets/fresh.h"
#include "widgets/listview.h"
#include "widgets/printing.h"
#include "widgets/show.h"

enum { DETAIL_ROWS = 3 };

static const struct {
    fd_call_view view;
    const char *label;
} views[] = {
    {FD_CALL_VIEW_DESK, N_("Today, and all still pending")},
    {FD_CALL_VIEW_OPEN, N_("Pending, oldest first")},
    {FD_CALL_VIEW_SEARCH, N_("Search: caller, unit or phone")},
    {FD_CALL_VIEW_SUGGESTIONS, N_("Suggestions, newest first")},
};
enum { VIEW_COUNT = sizeof views / sizeof views[0] };

typedef struct call_list {
    console *c;
    size_t view;
    listview *list;
    unsigned seen;      /* calls_changes() when it was read */
    fresh read;         /* when it was read */
} call_list;

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
    call_list *m = ctx;
    fd_call_query q = {views[m->view].view, query, after, limit};
    return fd_calls_list(console_desk(m->c), console_actor(m->c), &q, add_row, lv, err);
}

static void calls_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    call_list *m = ctx;
    const fd_call_entry *e = row;
    if (count < 6)
        return;
    show_when(e->received_at, fd_desk_now(console_desk(m->c)), out[0], 128);
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

static void read_list(call_list *m)
{
    m->seen = calls_changes();
    fresh_mark(&m->read, m->c);
    listview_reload(m->list, m->c);
}

static void show_view(call_list *m, size_t view)
{
    listview_free(m->list);
    m->view = view;
    m->list = listview_new(&calls_source, m,
                           views[view].view == FD_CALL_VIEW_SEARCH ? LISTVIEW_TYPE_AHEAD : 0);
    read_list(m);
}

static void *calls_open(console *c, void *arg)
{
    (void)arg;
    call_list *m = fd_alloc(sizeof *m);
    m->c = c;
    show_view(m, 0);
    return m;
}

static void calls_close(void *state)
{
    call_list *m = state;
    listview_free(m->list);
    free(m);
}

static size_t search_view(void)
{
    for (size_t i = 0; i < VIEW_COUNT; i++)
        if (views[i].view == FD_CALL_VIEW_SEARCH)
            return i;
    return 0;
}

static int calls_handle(void *state, console *c, const console_event *ev)
{
    call_list *m = state;
    const fd_call_entry *e;
    switch (ev->action) {
    case ACT_NEW:
        call_intake_open(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_VIEW:
        show_view(m, (m->view + 1) % VIEW_COUNT);
        return EV_HANDLED | EV_REDRAW;
    case ACT_PRINT:
        printing_daily_log(c, FD_LOG_CALLS, printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        if (listview_takes_text(m->list))
            break;
        if ((e = listview_selected(m->list)) != NULL)
            call_entry_open(c, e->id);
        return EV_HANDLED | EV_REDRAW;
    case ACT_NONE:
        /* Typing over a list of the desk searches all of history. */
        if (views[m->view].view != FD_CALL_VIEW_SEARCH && key_is_text(ev->key)) {
            show_view(m, search_view());
            return listview_handle(m->list, c, ev);
        }
        break;
    default:
        break;
    }
    return listview_handle(m->list, c, ev);
}

static bool calls_takes_text(const void *state)
{
    const call_list *m = state;
    return listview_takes_text(m->list);
}

/* Under the list: what became of the highlighted entry. */
static void draw_selected(const call_list *m, int y, int x, int cols)
{
    const fd_call_entry *e = listview_selected(m->list);
    if (!e)
        return;
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

static void calls_draw(void *state, console *c, const console_area *area)
{
    call_list *m = state;
    if (m->seen != calls_changes())
        read_list(m);
    else if (fresh_stale(&m->read, c))
        listview_refresh(m->list, c);
    char title[CALLS_LINE_TEXT], key[32];
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

static const console_action calls_actions[] = {ACT_NEW,     ACT_SELECT,    ACT_VIEW, ACT_SEARCH,
                                               ACT_PRINT,   ACT_BACK,      ACT_UP,   ACT_DOWN,
                                               ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

const screen_ops calls_screen = {
    .title = N_("Calls and walk-ins"),
    .actions = calls_actions,
    .open = calls_open,
    .close = calls_close,
    .draw = calls_draw,
    .handle = calls_handle,
    .takes_text = calls_takes_text,
};
