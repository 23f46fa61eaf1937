/* The renovations screen: see works.h. A view at a time (F5 for the next), under it the
 * highlighted row's details; F4 opens a renovation file, Enter the row's file page. The
 * lists are short by nature (what is under way, what falls due, today's tools), so each
 * is read whole on its first page. */
#include "works/works.h"

#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/printing.h"
#include "widgets/show.h"
#include "widgets/viewlist.h"
#include "works/works_file.h"
#include "works/works_form.h"
#include "works/works_shared.h"

enum { DUE_LIMIT = 500, SEARCH_LIMIT = 500 };

typedef enum view { VIEW_FILES, VIEW_DUE, VIEW_TOOLS } view;

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
    console *c = viewlist_console(ctx);
    if (after)
        return FD_OK;
    if (query && !text_blank(query))
        return fd_renovations_search(console_desk(c), console_actor(c), query, SEARCH_LIMIT,
                                     add_file, lv, err);
    return fd_renovations_active(console_desk(c), console_actor(c), add_file, lv, err);
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
    console *c = viewlist_console(ctx);
    return after ? FD_OK
                 : fd_work_passes_due(console_desk(c), console_actor(c), query, DUE_LIMIT, add_pass,
                                      lv, err);
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
    console *c = viewlist_console(ctx);
    return after ? FD_OK
                 : fd_tools_today(console_desk(c), console_actor(c), query, add_tools, lv, err);
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

static const listview_source files_source = {
    file_columns, sizeof file_columns / sizeof file_columns[0], files_fetch, files_cells, free};
static const listview_source due_source = {
    due_columns, sizeof due_columns / sizeof due_columns[0], due_fetch, due_cells, free};
static const listview_source tools_source = {
    tools_columns, sizeof tools_columns / sizeof tools_columns[0], tools_fetch, tools_cells, free};

/* Under the list: more of the highlighted row. */
static void draw_selected(const viewlist *v, const void *row, int y, int x, int cols)
{
    char line[WORKS_LINE_TEXT];
    view shown = (view)viewlist_kind(v);
    if (shown == VIEW_FILES) {
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
    } else if (shown == VIEW_DUE) {
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

static int64_t file_id(const void *row)
{
    const fd_renovation *r = row;
    return r->id;
}

static const viewlist_view views[] = {
    {N_("Renovations under way"), VIEW_FILES, &files_source, 0, N_("Unit, owner or contractor:"),
     file_id},
    {N_("Workers' passes coming due or overdue"), VIEW_DUE, &due_source, 0,
     N_("Unit, worker or contractor:"), NULL},
    {N_("Today's tools, and any not carried out"), VIEW_TOOLS, &tools_source, 0,
     N_("Unit, worker, contractor or tool:"), NULL},
};

static const viewlist_spec works_list = {
    .views = views,
    .view_count = sizeof views / sizeof views[0],
    .changes = works_changes,
    .made = works_last_opened,
    .detail_rows = 3,
    .draw_selected = draw_selected,
};

static void *works_open(console *c, void *arg)
{
    (void)arg;
    return viewlist_new(&works_list, c);
}

/* The renovation the highlighted row belongs to; 0 when none. */
static int64_t selected_file(const viewlist *v)
{
    const void *row = viewlist_selected(v);
    if (!row)
        return 0;
    switch ((view)viewlist_kind(v)) {
    case VIEW_FILES: return ((const fd_renovation *)row)->id;
    case VIEW_DUE: return ((const fd_work_pass *)row)->renovation_id;
    case VIEW_TOOLS: return ((const fd_tools *)row)->renovation_id;
    }
    return 0;
}

static int works_handle(void *state, console *c, const console_event *ev)
{
    viewlist *v = state;
    int64_t id;
    switch (ev->action) {
    case ACT_NEW:
        works_form_open(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_PRINT:
        printing_daily_log(c, FD_LOG_PERMITS, printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        if ((id = selected_file(v)) != 0)
            works_file_open(c, id);
        return EV_HANDLED | EV_REDRAW;
    default:
        break;
    }
    return viewlist_handle(v, c, ev);
}

static const console_action works_actions[] = {ACT_NEW,  ACT_SELECT,  ACT_VIEW,      ACT_PRINT,
                                               ACT_BACK, ACT_UP,      ACT_DOWN,      ACT_PAGE_UP,
                                               ACT_PAGE_DOWN, ACT_NONE};

const screen_ops works_screen = {
    .title = N_("Renovations and contractors"),
    .actions = works_actions,
    .open = works_open,
    .close = viewlist_close,
    .draw = viewlist_draw,
    .handle = works_handle,
};
