/* The renovations screen: see works.h. A view at a time (F5 for the next), under it the
 * highlighted row's details; F4 opens a renovation file, Enter the row's file page. The
 * lists are short by nature (what is under way, what falls due, today's tools), so each
 * is read whole on its first page. */
#include "works/works.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/fresh.h"
#include "widgets/listview.h"
#include "widgets/printing.h"
#include "widgets/show.h"
#include "works/works_file.h"
#include "works/works_form.h"
#include "works/works_shared.h"

enum { DETAIL_ROWS = 3, DUE_LIMIT = 500, SEARCH_LIMIT = 500 };

typedef enum view { VIEW_FILES, VIEW_DUE, VIEW_TOOLS, VIEW_COUNT } view;

static const char *const view_labels[VIEW_COUNT] = {
    [VIEW_FILES] = N_("Renovations under way"),
    [VIEW_DUE] = N_("Workers' passes coming due or overdue"),
    [VIEW_TOOLS] = N_("Today's tools, and any not carried out"),
};

/* What each view's search line finds by. */
static const char *const search_labels[VIEW_COUNT] = {
    [VIEW_FILES] = N_("Unit, owner or contractor:"),
    [VIEW_DUE] = N_("Unit, worker or contractor:"),
    [VIEW_TOOLS] = N_("Unit, worker, contractor or tool:"),
};

typedef struct works_list {
    console *c;
    view view;
    listview *list;
    unsigned seen;      /* works_changes() when it was read */
    fresh read;         /* when it was read */
} works_list;

/* -- the renovations -- */

static const listview_column file_columns[] = {
    {N_("No."), 5}, {N_("Unit"), 8}, {N_("Renovation company"), 0}, {N_("Last day"), 10},
    {N_("Passes"), 6}, {N_("State"), 12},
};

static void add_file(void *ctx, const fd_renovation *r)
{
    fd_renovation *copy = fd_alloc(sizeof *copy);
    *copy = *r;
    listview_add(ctx, copy);
}

/* Those under way; a search finds among every renovation, finished ones too. */
static fd_status files_fetch(void *ctx, listview *lv, const char *query, const void *after,
                             int limit, fd_error *err)
{
    (void)limit;
    works_list *m = ctx;
    if (after)
        return FD_OK;
    if (query && !text_blank(query))
        return fd_renovations_search(console_desk(m->c), console_actor(m->c), query, SEARCH_LIMIT,
                                     add_file, lv, err);
    return fd_renovations_active(console_desk(m->c), console_actor(m->c), add_file, lv, err);
}

static const char *file_state(const fd_renovation *r)
{
    return r->state == FD_RENOVATION_COMPLETED ? _("Completed")
           : r->term_over                     ? _("Term over")
                                              : _("Under way");
}

static void files_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    const fd_renovation *r = row;
    if (count < 6)
        return;
    snprintf(out[0], 128, "%lld", (long long)r->id);
    text_copy(out[1], 128, r->unit);
    text_copy(out[2], 128, r->contractor);
    works_day_text(r->ends_on, out[3], 128);
    snprintf(out[4], 128, "%d", r->passes_out);
    text_copy(out[5], 128, file_state(r));
}

/* -- the passes falling due -- */

static const listview_column due_columns[] = {
    {N_("No."), 5}, {N_("Unit"), 8}, {N_("Worker"), 12}, {N_("Last day"), 10}, {N_("Standing"), 0},
};

static void add_pass(void *ctx, const fd_work_pass *p)
{
    fd_work_pass *copy = fd_alloc(sizeof *copy);
    *copy = *p;
    listview_add(ctx, copy);
}

static fd_status due_fetch(void *ctx, listview *lv, const char *query, const void *after,
                           int limit, fd_error *err)
{
    (void)limit;
    works_list *m = ctx;
    return after ? FD_OK
                 : fd_work_passes_due(console_desk(m->c), console_actor(m->c), query, DUE_LIMIT,
                                      add_pass, lv, err);
}

static void due_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    const fd_work_pass *p = row;
    if (count < 5)
        return;
    snprintf(out[0], 128, "%lld", (long long)p->id);
    text_copy(out[1], 128, p->unit);
    text_copy(out[2], 128, p->worker);
    works_day_text(p->valid_until, out[3], 128);
    text_copy(out[4], 128, fd_pass_standing_label(p->standing));
}

/* -- today's tools -- */

static const listview_column tools_columns[] = {
    {N_("No."), 5}, {N_("Unit"), 8}, {N_("Whose"), 10}, {N_("Tools"), 0}, {N_("State"), 8},
};

static void add_tools(void *ctx, const fd_tools *t)
{
    fd_tools *copy = fd_alloc(sizeof *copy);
    *copy = *t;
    listview_add(ctx, copy);
}

static fd_status tools_fetch(void *ctx, listview *lv, const char *query, const void *after,
                             int limit, fd_error *err)
{
    (void)limit;
    works_list *m = ctx;
    return after ? FD_OK
                 : fd_tools_today(console_desk(m->c), console_actor(m->c), query, add_tools, lv, err);
}

static void tools_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    const fd_tools *t = row;
    if (count < 5)
        return;
    snprintf(out[0], 128, "%lld", (long long)t->id);
    text_copy(out[1], 128, t->unit);
    text_copy(out[2], 128, t->worker[0] ? t->worker : _("the crew"));
    works_items_line(t->items, out[3], 128);
    text_copy(out[4], 128, t->out ? _("Carried out") : _("Brought in"));
}

static const listview_source sources[VIEW_COUNT] = {
    [VIEW_FILES] = {file_columns, sizeof file_columns / sizeof file_columns[0], files_fetch,
                    files_cells, free},
    [VIEW_DUE] = {due_columns, sizeof due_columns / sizeof due_columns[0], due_fetch, due_cells, free},
    [VIEW_TOOLS] = {tools_columns, sizeof tools_columns / sizeof tools_columns[0], tools_fetch,
                    tools_cells, free},
};

static void read_list(works_list *m)
{
    m->seen = works_changes();
    fresh_mark(&m->read, m->c);
    listview_reload(m->list, m->c);
}

static void show_view(works_list *m, view v)
{
    listview_free(m->list);
    m->view = v;
    m->list = listview_new(&sources[v], m, 0);
    listview_set_label(m->list, _(search_labels[v]));
    read_list(m);
}

static void *works_open(console *c, void *arg)
{
    (void)arg;
    works_list *m = fd_alloc(sizeof *m);
    m->c = c;
    show_view(m, VIEW_FILES);
    return m;
}

static void works_close(void *state)
{
    works_list *m = state;
    listview_free(m->list);
    free(m);
}

/* The renovation the highlighted row belongs to; 0 when none. */
static int64_t selected_file(const works_list *m)
{
    const void *row = listview_selected(m->list);
    if (!row)
        return 0;
    switch (m->view) {
    case VIEW_FILES: return ((const fd_renovation *)row)->id;
    case VIEW_DUE: return ((const fd_work_pass *)row)->renovation_id;
    case VIEW_TOOLS: return ((const fd_tools *)row)->renovation_id;
    case VIEW_COUNT: break;
    }
    return 0;
}

static int works_handle(void *state, console *c, const console_event *ev)
{
    works_list *m = state;
    int64_t id;
    switch (ev->action) {
    case ACT_NEW:
        works_form_open(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_VIEW:
        show_view(m, (view)((m->view + 1) % VIEW_COUNT));
        return EV_HANDLED | EV_REDRAW;
    case ACT_PRINT:
        printing_daily_log(c, FD_LOG_PERMITS, printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        if ((id = selected_file(m)) != 0)
            works_file_open(c, id);
        return EV_HANDLED | EV_REDRAW;
    default:
        break;
    }
    return listview_handle(m->list, c, ev);
}

/* Under the list: more of the highlighted row. */
static void draw_selected(const works_list *m, int y, int x, int cols)
{
    const void *row = listview_selected(m->list);
    if (!row)
        return;
    char line[WORKS_LINE_TEXT];
    if (m->view == VIEW_FILES) {
        const fd_renovation *r = row;
        snprintf(line, sizeof line, _("%s   site manager %s"), r->owner, r->site_manager);
        works_label_line(y, x, cols, _("Owner"), line, A_NORMAL);
        snprintf(line, sizeof line, _("%d yuan, receipt %s"), r->deposit, r->deposit_receipt);
        works_label_line(y + 1, x, cols, _("Deposit"), line, A_NORMAL);
        char first[FD_DATE_TEXT];
        fd_date_format(r->starts_on, first);
        if (r->extensions)
            snprintf(line, sizeof line, _("from %s, extended %d times"), first, r->extensions);
        else
            snprintf(line, sizeof line, _("from %s, not extended"), first);
        works_label_line(y + 2, x, cols, _("Term"), line, A_NORMAL);
    } else if (m->view == VIEW_DUE) {
        const fd_work_pass *p = row;
        snprintf(line, sizeof line, "%s %s   %s", fd_doc_type_label(p->doc_type), p->doc_number,
                 p->photo ? _("Photo stuck on") : _("No photo"));
        works_label_line(y, x, cols, _("Document"), line, A_NORMAL);
        snprintf(line, sizeof line, _("%s %s   receipt %s"), fd_work_signer_label(p->signer_role),
                 p->signer, p->receipt);
        works_label_line(y + 1, x, cols, _("Signature of"), line, A_NORMAL);
        snprintf(line, sizeof line, _("%d yuan received, deposit %d yuan"), p->received, p->deposit);
        works_label_line(y + 2, x, cols, _("Fee"), line, A_NORMAL);
    } else {
        const fd_tools *t = row;
        works_items_line(t->items, line, sizeof line);
        works_label_line(y, x, cols, _("Tools"), line, A_NORMAL);
        works_label_line(y + 1, x, cols, _("Builder"), t->contractor, A_NORMAL);
        works_label_line(y + 2, x, cols, _("Carried out"),
                         t->out ? (t->as_listed ? _("as listed") : t->out_note) : show_or_dash(NULL),
                         A_NORMAL);
    }
}

static void works_draw(void *state, console *c, const console_area *area)
{
    works_list *m = state;
    if (m->seen != works_changes())
        read_list(m);
    else if (fresh_stale(&m->read, c))
        listview_refresh(m->list, c);
    char title[WORKS_LINE_TEXT], key[32];
    keymap_first_key(console_keymap(c), ACT_VIEW, key, sizeof key);
    snprintf(title, sizeof title, _("%s   (%d of %d; %s: next view)"), _(view_labels[m->view]),
             (int)m->view + 1, (int)VIEW_COUNT, key);
    draw_text(area->top, area->left, area->cols, title, A_BOLD);
    console_area list = {area->top + 1, area->left, area->rows - 1 - DETAIL_ROWS - 1, area->cols};
    listview_draw(m->list, c, &list);
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    draw_selected(m, y + 1, area->left, area->cols);
}

static const console_action works_actions[] = {ACT_NEW,  ACT_SELECT,  ACT_VIEW,      ACT_PRINT,
                                               ACT_BACK, ACT_UP,      ACT_DOWN,      ACT_PAGE_UP,
                                               ACT_PAGE_DOWN, ACT_NONE};

const screen_ops works_screen = {
    .title = N_("Renovations and contractors"),
    .actions = works_actions,
    .open = works_open,
    .close = works_close,
    .draw = works_draw,
    .handle = works_handle,
};
