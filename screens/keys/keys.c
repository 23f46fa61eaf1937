/* Key loans: the screen of views (keys out, overdue, waiting for consent, to hand
 * over, the register, new keys to be sealed). The
 * loan's page is keyloan.c, the key's page and the register's form keyops.c, what
 * they share keyshared.c. */
#include "keys/keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/draw.h"
#include "widgets/show.h"
#include "keys/keyloan.h"
#include "keys/keyops.h"
#include "keys/keyshared.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/fresh.h"
#include "widgets/listview.h"
#include "widgets/printing.h"

enum { DETAIL_ROWS = 5, TEXT = 128 };

/* ---- the views ---- */

typedef enum view { V_OUT, V_OVERDUE, V_PENDING, V_APPROVED, V_REGISTER, V_TO_SEAL, V_COUNT } view;

static const char *const view_labels[V_COUNT] = {
    N_("Out"), N_("Overdue"), N_("Pending"), N_("To hand over"), N_("Register"), N_("To seal"),
};

/* A key as a list shows it; owns its text. */
typedef struct key_item {
    int64_t id, loan_id;
    char tag[FD_KEY_TAG_MAX + 1];
    char opens[TEXT], kind[64], custodian[TEXT], borrower[TEXT];
    fd_key_state state;
    fd_time out_at, due_at;
    bool overdue, emergency;
} key_item;

typedef struct loan_item {
    int64_t id;
    char borrower[TEXT], keys[TEXT], reason[TEXT], note[TEXT], phone[FD_KEY_PHONE_SHOWN];
    char requested_by[64];
    fd_time requested_at;
    bool emergency;
    int units_waiting;
} loan_item;

typedef struct keys_view {
    console *c;
    view view;
    listview *list;
    long out, overdue, pending, approved, to_seal;
    fresh read; /* when it was read */
} keys_view;

static const console_action keys_actions[] = {ACT_NEW,   ACT_SELECT, ACT_VIEW, ACT_SEARCH, ACT_PRINT,
                                              ACT_BACK,  ACT_UP,     ACT_DOWN, ACT_LEFT,   ACT_RIGHT,
                                              ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

static bool loan_view(view v) { return v == V_PENDING || v == V_APPROVED; }

static void opens_text(const fd_key_row *r, char *out, size_t size)
{
    if (r->unit && *r->description)
        snprintf(out, size, "%s %s", r->unit, r->description);
    else
        snprintf(out, size, "%s", r->unit ? r->unit : r->description);
}

static void add_key(void *ctx, const fd_key_row *r)
{
    key_item *k = fd_alloc(sizeof *k);
    k->id = r->id;
    k->loan_id = r->loan_id;
    text_copy(k->tag, sizeof k->tag, r->tag);
    opens_text(r, k->opens, sizeof k->opens);
    text_copy(k->kind, sizeof k->kind, fd_key_kind_label(r->kind));
    k->state = r->state;
    snprintf(k->custodian, sizeof k->custodian, "%s %s", r->department ? r->department : "",
             r->custodian ? r->custodian : "");
    if (r->borrower)
        snprintf(k->borrower, sizeof k->borrower, "%s%s%s", r->borrower, r->company ? " / " : "",
                 r->company ? r->company : "");
    k->out_at = r->out_at;
    k->due_at = r->due_at;
    k->overdue = r->overdue;
    k->emergency = r->emergency;
    listview_add(ctx, k);
}

static void add_loan(void *ctx, const fd_loan_row *r)
{
    loan_item *l = fd_alloc(sizeof *l);
    l->id = r->id;
    snprintf(l->borrower, sizeof l->borrower, "%s%s%s", r->borrower, r->company ? " / " : "",
             r->company ? r->company : "");
    text_copy(l->keys, sizeof l->keys, r->keys ? r->keys : "");
    text_copy(l->reason, sizeof l->reason, fd_key_reason_label(r->reason));
    text_copy(l->note, sizeof l->note, r->note ? r->note : "");
    text_copy(l->phone, sizeof l->phone, r->phone);
    text_copy(l->requested_by, sizeof l->requested_by, r->requested_by);
    l->requested_at = r->requested_at;
    l->emergency = r->emergency;
    l->units_waiting = r->units_waiting;
    listview_add(ctx, l);
}

static const fd_keys_view core_views[V_COUNT] = {
    [V_OUT] = FD_KEYS_OUT, [V_OVERDUE] = FD_KEYS_OVERDUE, [V_REGISTER] = FD_KEYS_REGISTER,
    [V_TO_SEAL] = FD_KEYS_TO_SEAL,
};

static fd_status fetch(void *ctx, listview *lv, const char *query, const void *after, int limit,
                       fd_error *err)
{
    keys_view *s = ctx;
    fd_desk *d = console_desk(s->c);
    if (loan_view(s->view)) {
        const loan_item *last = after;
        return fd_key_loans_list(d, console_actor(s->c),
                                 s->view == V_PENDING ? FD_LOANS_PENDING : FD_LOANS_APPROVED,
                                 last ? last->id : 0, limit, add_loan, lv, err);
    }
    const key_item *last = after;
    fd_key_cursor cursor = {0};
    if (last) {
        cursor = (fd_key_cursor){.set = true, .due = last->due_at, .id = last->id};
        text_copy(cursor.tag, sizeof cursor.tag, last->tag);
    }
    return fd_keys_list(d, core_views[s->view], query, &cursor, limit, add_key, lv, err);
}

static const char *mark(bool overdue, bool emergency)
{
    if (overdue && emergency)
        return _("!Overdue, emergency");
    return overdue ? _("!Overdue") : emergency ? _("Emergency") : "";
}

/* Every view of keys starts with the tag and what it opens. */
static const key_item *key_cells(const void *row, char (*out)[128])
{
    const key_item *k = row;
    text_copy(out[0], sizeof out[0], k->tag);
    text_copy(out[1], sizeof out[1], k->opens);
    return k;
}

static void out_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    (void)count;
    const key_item *k = key_cells(row, out);
    char due[FD_TIME_TEXT];
    keys_when(k->due_at, due);
    text_copy(out[2], sizeof out[2], k->borrower);
    text_copy(out[3], sizeof out[3], due);
    text_copy(out[4], sizeof out[4], mark(k->overdue, k->emergency));
}

static void register_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    (void)count;
    const key_item *k = key_cells(row, out);
    text_copy(out[2], sizeof out[2], k->kind);
    text_copy(out[3], sizeof out[3], fd_key_state_label(k->state, k->overdue));
    text_copy(out[4], sizeof out[4], k->custodian);
}

static void seal_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    (void)count;
    const key_item *k = key_cells(row, out);
    char due[FD_TIME_TEXT];
    keys_when(k->due_at, due);
    text_copy(out[2], sizeof out[2], due);
    text_copy(out[3], sizeof out[3], k->overdue ? _("!Overdue") : "");
}

static void loan_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    (void)count;
    const loan_item *l = row;
    char at[FD_TIME_TEXT];
    keys_when(l->requested_at, at);
    snprintf(out[0], sizeof out[0], "%lld", (long long)l->id);
    text_copy(out[1], sizeof out[1], at);
    text_copy(out[2], sizeof out[2], l->borrower);
    text_copy(out[3], sizeof out[3], l->keys);
    text_copy(out[4], sizeof out[4], l->reason);
    text_copy(out[5], sizeof out[5], mark(false, l->emergency));
}

static const listview_column out_columns[] = {
    {N_("Tag"), 12}, {N_("Opens"), 0}, {N_("Borrower"), 18}, {N_("Due"), 11}, {N_("Mark"), 10},
};
static const listview_column register_columns[] = {
    {N_("Tag"), 12}, {N_("Opens"), 0}, {N_("Kind"), 14}, {N_("State"), 12}, {N_("Custodian"), 14},
};
static const listview_column seal_columns[] = {
    {N_("Tag"), 12}, {N_("Opens"), 0}, {N_("Seal by"), 11}, {N_("Mark"), 10},
};
static const listview_column loan_columns[] = {
    {N_("No."), 5},     {N_("Requested"), 11}, {N_("Borrower"), 18},
    {N_("Keys"), 0},    {N_("Reason"), 12},    {N_("Mark"), 10},
};

#define SOURCE(columns, cells_fn)                                                       \
    {columns, sizeof columns / sizeof columns[0], fetch, cells_fn, free}
static const listview_source sources[V_COUNT] = {
    [V_OUT] = SOURCE(out_columns, out_cells),
    [V_OVERDUE] = SOURCE(out_columns, out_cells),
    [V_PENDING] = SOURCE(loan_columns, loan_cells),
    [V_APPROVED] = SOURCE(loan_columns, loan_cells),
    [V_REGISTER] = SOURCE(register_columns, register_cells),
    [V_TO_SEAL] = SOURCE(seal_columns, seal_cells),
};
#undef SOURCE

static void count_tabs(keys_view *s)
{
    fd_desk *d = console_desk(s->c);
    fd_error err = {0};
    fresh_mark(&s->read, s->c);
    if (fd_keys_count_out(d, &s->out, &err) != FD_OK || fd_keys_count_overdue(d, &s->overdue, &err) != FD_OK ||
        fd_keys_count_pending(d, &s->pending, &err) != FD_OK ||
        fd_keys_count_approved(d, &s->approved, &err) != FD_OK ||
        fd_keys_count_to_seal(d, &s->to_seal, &err) != FD_OK)
        console_show_error(s->c, &err);
}

static long tab_count(const keys_view *s, int v)
{
    switch (v) {
    case V_OUT: return s->out;
    case V_OVERDUE: return s->overdue;
    case V_PENDING: return s->pending;
    case V_APPROVED: return s->approved;
    case V_TO_SEAL: return s->to_seal;
    default: return -1;
    }
}

/* A new list for the view: each view keeps to its own columns and search. */
static void show_view(keys_view *s, view v)
{
    listview_free(s->list);
    s->view = v;
    s->list = listview_new(&sources[v], s, loan_view(v) ? 0 : LISTVIEW_TYPE_AHEAD);
    listview_reload(s->list, s->c);
    count_tabs(s);
}

static void reload(keys_view *s)
{
    listview_reload(s->list, s->c);
    count_tabs(s);
}

static void *keys_open(console *c, void *arg)
{
    (void)arg;
    keys_view *s = fd_alloc(sizeof *s);
    s->c = c;
    show_view(s, V_OUT);
    return s;
}

static void keys_close(void *state)
{
    keys_view *s = state;
    listview_free(s->list);
    free(s);
}

/* ---- drawing ---- */

static void draw_tabs(const keys_view *s, int y, int x, int cols)
{
    int used = 0;
    for (int v = 0; v < V_COUNT && used < cols; v++) {
        char tab[96];
        long n = tab_count(s, v);
        if (n >= 0)
            snprintf(tab, sizeof tab, " %s %ld ", _(view_labels[v]), n);
        else
            snprintf(tab, sizeof tab, " %s ", _(view_labels[v]));
        attr_t attr = v == (int)s->view ? theme(TH_SELECTED) | A_BOLD
                      : v == V_OVERDUE && n > 0 ? theme(TH_ERROR)
                                                 : theme(TH_DIM);
        used += draw_text(y, x + used, cols - used, tab, attr) + 1;
    }
}

static void detail_line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    show_labelled(y, x, cols, 12, label, value, attr);
}

static void draw_key_detail(const key_item *k, int y, int x, int cols)
{
    char line[TEXT * 3];
    snprintf(line, sizeof line, "%s  %s  %s", k->tag, k->opens, k->kind);
    detail_line(y, x, cols, _("Key"), line, A_BOLD);
    detail_line(y + 1, x, cols, _("State"), fd_key_state_label(k->state, k->overdue),
                k->overdue ? theme(TH_ERROR) | A_BOLD : A_NORMAL);
    detail_line(y + 2, x, cols, _("Custodian"), k->custodian, A_NORMAL);
    if (!k->loan_id)
        return;
    char out[FD_TIME_TEXT], due[FD_TIME_TEXT];
    keys_when(k->out_at, out);
    keys_when(k->due_at, due);
    snprintf(line, sizeof line, _("No. %lld  %s  out %s, due %s%s"), (long long)k->loan_id,
             k->borrower, out, due, k->emergency ? _("  EMERGENCY") : "");
    detail_line(y + 3, x, cols, _("Loan"), line, k->overdue ? theme(TH_ERROR) : A_NORMAL);
}

static void draw_loan_detail(const loan_item *l, int y, int x, int cols)
{
    char line[TEXT * 3], at[FD_TIME_TEXT];
    keys_when(l->requested_at, at);
    snprintf(line, sizeof line, _("No. %lld  %s by %s%s"), (long long)l->id, at, l->requested_by,
             l->emergency ? _("  EMERGENCY") : "");
    detail_line(y, x, cols, _("Loan"), line, l->emergency ? theme(TH_ERROR) | A_BOLD : A_BOLD);
    snprintf(line, sizeof line, "%s  %s", l->borrower, l->phone);
    detail_line(y + 1, x, cols, _("Borrower"), line, A_NORMAL);
    detail_line(y + 2, x, cols, _("Keys"), l->keys, A_NORMAL);
    snprintf(line, sizeof line, "%s%s%s", l->reason, *l->note ? _(": ") : "", l->note);
    detail_line(y + 3, x, cols, _("Reason"), line, A_NORMAL);
    if (l->emergency && l->units_waiting > 0)
        detail_line(y + 4, x, cols, "", _("No call recorded yet: call the owner before using the key."),
                    theme(TH_ERROR));
}

static void keys_draw(void *state, console *c, const console_area *area)
{
    keys_view *s = state;
    /* Saved here or at another terminal: the rows and the tabs' counts read again. */
    if (fresh_stale(&s->read, c)) {
        listview_refresh(s->list, c);
        count_tabs(s);
    }
    draw_tabs(s, area->top, area->left, area->cols);
    console_area list = {area->top + 1, area->left, area->rows - 1 - DETAIL_ROWS - 1, area->cols};
    listview_draw(s->list, c, &list);
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    const void *row = listview_selected(s->list);
    if (row && loan_view(s->view))
        draw_loan_detail(row, y + 1, area->left, area->cols);
    else if (row)
        draw_key_detail(row, y + 1, area->left, area->cols);
}

/* ---- keys ---- */

static int open_selected(keys_view *s)
{
    const void *row = listview_selected(s->list);
    if (!row)
        return EV_HANDLED;
    bool changed;
    if (loan_view(s->view)) {
        changed = keys_loan_page(s->c, ((const loan_item *)row)->id);
    } else {
        const key_item *k = row;
        bool loan_first = (s->view == V_OUT || s->view == V_OVERDUE) && k->loan_id;
        changed = loan_first ? keys_loan_page(s->c, k->loan_id) : keys_key_page(s->c, k->id);
    }
    if (changed)
        reload(s);
    return EV_HANDLED | EV_REDRAW;
}

static int start_new(keys_view *s)
{
    bool saved = s->view == V_REGISTER ? keys_new_key(s->c) : keys_new_loan(s->c);
    if (saved)
        reload(s);
    return EV_HANDLED | EV_REDRAW;
}

static int switch_view(keys_view *s, int step)
{
    show_view(s, (view)(((int)s->view + step + V_COUNT) % V_COUNT));
    return EV_HANDLED | EV_REDRAW;
}

static int keys_handle(void *state, console *c, const console_event *ev)
{
    keys_view *s = state;
    bool searching = listview_takes_text(s->list);
    if (ev->action == ACT_PRINT) {
        printing_daily_log(c, FD_LOG_KEYS, printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    }
    if (!searching) {
        switch (ev->action) {
        case ACT_SELECT:
            return open_selected(s);
        case ACT_NEW:
            return start_new(s);
        case ACT_VIEW:
        case ACT_RIGHT:
            return switch_view(s, 1);
        case ACT_LEFT:
            return switch_view(s, -1);
        case ACT_SEARCH:
            if (loan_view(s->view)) {
                console_info(c, "%s", _("Search the keys in the other views; this list is short."));
                return EV_HANDLED | EV_REDRAW;
            }
            break;
        default:
            break;
        }
    }
    return listview_handle(s->list, c, ev);
}

static bool keys_takes_text(const void *state)
{
    const keys_view *s = state;
    return listview_takes_text(s->list);
}

const screen_ops keys_screen = {
    .title = N_("Key loans"),
    .actions = keys_actions,
    .open = keys_open,
    .close = keys_close,
    .draw = keys_draw,
    .handle = keys_handle,
    .takes_text = keys_takes_text,
};
