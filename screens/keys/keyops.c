/* Key loans: a key's page (what it opens, its state and custodian, its history a
 * page at a time) with what may be done to it now — custody, loss and damage, copies,
 * lock changes and sealing, retiring — and the register's form for a new key. */
#include "keys/keyops.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys/keyloan.h"
#include "keys/keyshared.h"
#include "widgets/ask.h"
#include "widgets/fresh.h"
#include "console/draw.h"
#include "widgets/show.h"
#include "frontdesk/i18n.h"
#include "widgets/listview.h"
#include "frontdesk/text.h"

enum { TEXT = 160, LABEL_COLS = 12, INFO_ROWS = 6 };

/* ---- the key as shown ---- */

typedef struct event_item {
    int64_t id;
    fd_time at;
    char what[64], who[128], detail[128];
} event_item;

typedef struct key_page {
    console *c;
    int64_t id;
    bool loaded, changed;
    char tag[FD_KEY_TAG_MAX + 1], opens[TEXT], kind[64], custodian[TEXT];
    fd_key_state state;
    char loan[TEXT * 2];
    int64_t loan_id;
    bool overdue;
    listview *history;
    fresh read; /* when it was read */
} key_page;

static void copy_key(void *ctx, const fd_key_row *r)
{
    key_page *p = ctx;
    p->loaded = true;
    text_copy(p->tag, sizeof p->tag, r->tag);
    if (r->unit && *r->description)
        snprintf(p->opens, sizeof p->opens, "%s %s", r->unit, r->description);
    else
        text_copy(p->opens, sizeof p->opens, r->unit ? r->unit : r->description);
    text_copy(p->kind, sizeof p->kind, fd_key_kind_label(r->kind));
    p->state = r->state;
    snprintf(p->custodian, sizeof p->custodian, "%s %s", r->department ? r->department : "",
             r->custodian ? r->custodian : "");
    p->overdue = r->overdue;
    p->loan_id = r->loan_id;
    p->loan[0] = '\0';
    char due[FD_TIME_TEXT];
    keys_when(r->due_at, due);
    if (r->loan_id)
        snprintf(p->loan, sizeof p->loan, _("No. %lld  %s, due back by %s%s"), (long long)r->loan_id,
                 r->borrower, due, r->emergency ? _("  EMERGENCY") : "");
    else if (r->due_at)
        snprintf(p->loan, sizeof p->loan, _("The new key is to be sealed by %s."), due);
}

static void add_event(void *ctx, const fd_key_event *e)
{
    event_item *h = fd_alloc(sizeof *h);
    h->id = e->id;
    h->at = e->at;
    text_copy(h->what, sizeof h->what, fd_key_event_label(e->event));
    snprintf(h->who, sizeof h->who, "%s%s%s", e->staff, e->approver ? " / " : "",
             e->approver ? e->approver : "");
    const char *detail = e->custodian  ? e->custodian
                         : e->responsible ? e->responsible
                         : e->borrower    ? e->borrower
                         : e->other_tag   ? e->other_tag
                                          : "";
    snprintf(h->detail, sizeof h->detail, "%s%s%s%s", detail, e->emergency ? _(" (emergency)") : "",
             e->note && *detail ? "  " : "", e->note ? e->note : "");
    listview_add(ctx, h);
}

static fd_status history_fetch(void *ctx, listview *lv, const char *query, const void *after,
                               int limit, fd_error *err)
{
    (void)query;
    key_page *p = ctx;
    const event_item *last = after;
    return fd_key_history(console_desk(p->c), p->id, last ? last->id : 0, limit, add_event, lv, err);
}

static void history_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    (void)count;
    const event_item *h = row;
    char when[FD_TIME_TEXT];
    keys_when(h->at, when);
    text_copy(out[0], sizeof out[0], when);
    text_copy(out[1], sizeof out[1], h->what);
    text_copy(out[2], sizeof out[2], h->who);
    text_copy(out[3], sizeof out[3], h->detail);
}

static const listview_column history_columns[] = {
    {N_("When"), 11}, {N_("What"), 16}, {N_("By"), 14}, {N_("Details"), 0},
};

static const listview_source history_source = {
    history_columns, sizeof history_columns / sizeof history_columns[0], history_fetch,
    history_cells, free,
};

static void read_key(key_page *p)
{
    fd_error err = {0};
    fresh_mark(&p->read, p->c);
    p->loaded = false;
    if (fd_key_get(console_desk(p->c), p->id, copy_key, p, &err) != FD_OK)
        console_show_error(p->c, &err);
}

static void load(key_page *p)
{
    read_key(p);
    listview_reload(p->history, p->c);
}

/* ---- what may be done ---- */

typedef enum key_op {
    OP_LOAN, OP_TRANSFER, OP_LOSE, OP_DAMAGE, OP_RECOVER, OP_COPY, OP_CHANGE_LOCK, OP_SEAL,
    OP_RETIRE, OP_COUNT
} key_op;

static const struct {
    fd_key_step step; /* OP_LOAN: none, the loan is a page of its own */
    const char *label;
    fd_action needs; /* asked for in place when the one working may not */
} key_ops[OP_COUNT] = {
    [OP_LOAN] = {FD_KEY_STEP_COUNT, N_("Open its loan"), FD_ACT_KEY_LOAN},
    [OP_TRANSFER] = {FD_KEY_STEP_TRANSFER, N_("Hand custody to someone else"), FD_ACT_KEY_REGISTER},
    [OP_LOSE] = {FD_KEY_STEP_LOSE, N_("Record the key lost"), FD_ACT_KEY_INCIDENT},
    [OP_DAMAGE] = {FD_KEY_STEP_DAMAGE, N_("Record the key damaged"), FD_ACT_KEY_INCIDENT},
    [OP_RECOVER] = {FD_KEY_STEP_RECOVER, N_("Back in store (found or repaired)"), FD_ACT_KEY_INCIDENT},
    [OP_COPY] = {FD_KEY_STEP_COPY, N_("Make a copy (customer-service manager)"), FD_ACT_KEY_COPY},
    [OP_CHANGE_LOCK] = {FD_KEY_STEP_CHANGE_LOCK, N_("Lock cylinder changed"), FD_ACT_KEY_INCIDENT},
    [OP_SEAL] = {FD_KEY_STEP_SEAL, N_("Seal the new key (duty manager)"), FD_ACT_KEY_SEAL},
    [OP_RETIRE] = {FD_KEY_STEP_RETIRE, N_("Retire the key (a manager)"), FD_ACT_KEY_RETIRE},
};

/* Offered when the key's state has the step: a missing permission is asked for in
 * place, a refused guard is the core's message when tried. */
static bool offered(key_page *p, key_op op)
{
    if (op == OP_LOAN)
        return p->loan_id != 0;
    return fd_key_may(console_desk(p->c), p->id, p->state, key_ops[op].step, console_actor(p->c),
                      NULL) != FD_STATE;
}

typedef struct op_ctx {
    key_page *p;
    key_op op;
    const fd_actor *approver;
    fd_actor storage;
} op_ctx;

static const form_field custody_fields[] = {
    {"department", N_("Department"), FORM_CHOICE, true, 0, 0},
    {"custodian", N_("Custodian"), FORM_TEXT, true, 20, 60},
    {"note", N_("Note"), FORM_NOTE, false, 0, 200},
};
static const form_field incident_fields[] = {
    {"responsible", N_("Person responsible"), FORM_TEXT, true, 20, 60},
    {"note", N_("What happened"), FORM_NOTE, false, 0, 200},
};
static const form_field note_fields[] = {
    {"note", N_("Note"), FORM_NOTE, false, 0, 200},
};
static const form_field new_key_fields[] = {
    {"tag", N_("New key's tag"), FORM_TEXT, true, 24, 24},
    {"department", N_("Department"), FORM_CHOICE, true, 0, 0},
    {"custodian", N_("Custodian"), FORM_TEXT, true, 20, 60},
    {"note", N_("Note"), FORM_NOTE, false, 0, 200},
};

static void op_prepare(form *f, void *ctx)
{
    op_ctx *o = ctx;
    keys_department_choices(f, "department", o->p->c);
}

static fd_status run_op(op_ctx *o, console *c, form *f, fd_error *err)
{
    fd_desk *d = console_desk(c);
    const fd_actor *me = console_actor(c);
    int64_t id = o->p->id;
    const char *note = form_value(f, "note");
    switch (o->op) {
    case OP_TRANSFER:
        return fd_key_transfer(d, me, id, form_value(f, "department"), form_value(f, "custodian"),
                               note, err);
    case OP_LOSE:
    case OP_DAMAGE:
        return fd_key_incident(d, me, id, o->op == OP_LOSE ? FD_KEY_LOST : FD_KEY_DAMAGED,
                               form_value(f, "responsible"), note, err);
    case OP_RECOVER:
        return fd_key_recover(d, me, id, note, err);
    case OP_COPY:
        return fd_key_copy(d, me, o->approver, id, form_value(f, "tag"), form_value(f, "department"),
                           form_value(f, "custodian"), note, NULL, err);
    case OP_CHANGE_LOCK:
        return fd_key_change_lock(d, me, id, note, err);
    case OP_SEAL:
        return fd_key_seal(d, me, o->approver, id, form_value(f, "tag"), form_value(f, "department"),
                           form_value(f, "custodian"), note, NULL, err);
    case OP_RETIRE:
        return fd_key_retire(d, me, o->approver, id, note, err);
    default:
        return fd_fail(err, FD_INVALID, NULL, "no such key operation");
    }
}

static int op_submit(void *ctx, console *c, form *f)
{
    op_ctx *o = ctx;
    fd_error err = {0};
    if (run_op(o, c, f, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    console_info(c, _("Key %s: %s — recorded."), o->p->tag, _(key_ops[o->op].label));
    return EV_POP;
}

static bool perform(key_page *p, key_op op)
{
    if (op == OP_LOAN)
        return keys_loan_page(p->c, p->loan_id);
    op_ctx o = {.p = p, .op = op};
    bool asks = op == OP_COPY || op == OP_SEAL || op == OP_RETIRE;
    if (asks && !fd_may(console_actor(p->c), key_ops[op].needs)) {
        if (!keys_approve(p->c, key_ops[op].needs, _(key_ops[op].label), &o.storage))
            return false;
        o.approver = &o.storage;
    }
    char title[TEXT * 2];
    snprintf(title, sizeof title, "%s  %s", p->tag, _(key_ops[op].label));
    ask_form_spec spec = {title, p->opens, note_fields, 1, op_prepare, op_submit, &o};
    if (op == OP_TRANSFER) {
        spec.fields = custody_fields;
        spec.count = sizeof custody_fields / sizeof custody_fields[0];
    } else if (op == OP_LOSE || op == OP_DAMAGE) {
        spec.fields = incident_fields;
        spec.count = sizeof incident_fields / sizeof incident_fields[0];
    } else if (op == OP_COPY || op == OP_SEAL) {
        spec.fields = new_key_fields;
        spec.count = sizeof new_key_fields / sizeof new_key_fields[0];
    }
    return ask_form(p->c, &spec);
}

/* ---- the page ---- */

static const console_action page_actions[] = {ACT_SELECT, ACT_BACK, ACT_UP, ACT_DOWN,
                                              ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

static void *page_open(console *c, void *arg)
{
    (void)c;
    key_page *p = arg;
    p->history = listview_new(&history_source, p, 0);
    load(p);
    return p;
}

static void page_close(void *state)
{
    key_page *p = state;
    listview_free(p->history);
    p->history = NULL;
}

static void line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    show_labelled(y, x, cols, LABEL_COLS, label, value, attr);
}

static const screen_ops key_page_screen;

static void page_draw(void *state, console *c, const console_area *area)
{
    key_page *p = state;
    if (p->loaded && fresh_page_stale(&p->read, c, &key_page_screen)) {
        read_key(p);
        listview_refresh(p->history, c);
    }
    int x = area->left, cols = area->cols, y = area->top;
    char title[TEXT];
    snprintf(title, sizeof title, _("Key %s"), p->tag);
    draw_text(y, x, cols, title, theme(TH_TITLE));
    if (!p->loaded)
        return;
    attr_t alarm = theme(TH_ERROR) | A_BOLD;
    line(y + 1, x, cols, _("Opens"), p->opens, A_BOLD);
    line(y + 2, x, cols, _("Kind"), p->kind, A_NORMAL);
    line(y + 3, x, cols, _("State"), fd_key_state_label(p->state, p->overdue),
         p->overdue ? alarm : A_NORMAL);
    line(y + 4, x, cols, _("Custodian"), p->custodian, A_NORMAL);
    if (p->loan[0])
        line(y + 5, x, cols, p->loan_id ? _("Loan") : _("Lock change"), p->loan,
             p->overdue ? alarm : A_NORMAL);
    console_area history = {y + INFO_ROWS + 1, x, area->rows - INFO_ROWS - 2, cols};
    listview_draw(p->history, c, &history);
    /* Over the list's search line: a history is paged, not searched. */
    draw_padded(history.top, x, cols, _("History, newest first"), theme(TH_DIM) | A_BOLD);
    keys_page_hint(area);
}

static const char *op_label(int op) { return key_ops[op].label; }
static bool op_offered(void *page, int op) { return offered(page, (key_op)op); }
static bool op_perform(void *page, int op) { return perform(page, (key_op)op); }

static void op_recorded(void *page)
{
    key_page *p = page;
    p->changed = true;
    load(p);
}

static int page_handle(void *state, console *c, const console_event *ev)
{
    static const keys_ops_menu menu = {OP_COUNT, op_label, op_offered, op_perform, op_recorded,
                                       N_("Nothing more can be done with this key.")};
    key_page *p = state;
    if (ev->action == ACT_SEARCH)
        return EV_HANDLED; /* a key's history is read by paging, not searched */
    if (ev->action != ACT_SELECT)
        return listview_handle(p->history, c, ev);
    return keys_offer_ops(c, &menu, p);
}

static const screen_ops key_page_screen = {
    .actions = page_actions,
    .open = page_open,
    .close = page_close,
    .draw = page_draw,
    .handle = page_handle,
};

bool keys_key_page(console *c, int64_t key_id)
{
    key_page *p = fd_alloc(sizeof *p);
    p->c = c;
    p->id = key_id;
    console_modal(c, &key_page_screen, p);
    bool changed = p->changed;
    free(p);
    return changed;
}

/* ---- a new key in the register ---- */

static const form_field register_fields[] = {
    {"tag", N_("Tag"), FORM_TEXT, true, 24, 24},
    {"unit", N_("Unit"), FORM_UNIT, false, 12, 20},
    {"description", N_("Opens (door, room)"), FORM_TEXT, false, 30, 60},
    {"kind", N_("Kind"), FORM_CHOICE, true, 0, 0},
    {"department", N_("Department"), FORM_CHOICE, true, 0, 0},
    {"custodian", N_("Custodian"), FORM_TEXT, true, 20, 60},
};

typedef struct new_key {
    console *c;
    const char *kinds[FD_KEY_KIND_COUNT];
    char code[32];
    int64_t unit_id;
} new_key;

static void register_prepare(form *f, void *ctx)
{
    new_key *n = ctx;
    form_set_choices(f, "kind", n->kinds, FD_KEY_KIND_COUNT);
    keys_department_choices(f, "department", n->c);
}

static void take_unit(void *ctx, const fd_dir_entry *e)
{
    new_key *n = ctx;
    if (e->unit && strcmp(e->unit, n->code) == 0)
        n->unit_id = e->unit_id;
}

/* The unit as typed ("a-1203"), found by its code in the directory. */
static bool find_unit(new_key *n, console *c, form *f)
{
    const char *typed = form_value(f, "unit");
    size_t i = 0;
    for (; typed[i] && i + 1 < sizeof n->code; i++)
        n->code[i] = (char)toupper((unsigned char)typed[i]);
    n->code[i] = '\0';
    n->unit_id = 0;
    if (!n->code[0])
        return true;
    fd_error err = {0};
    if (fd_directory_search(console_desk(c), NULL, FD_DIR_UNIT, n->code, 1, take_unit, n, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return false;
    }
    if (n->unit_id == 0) {
        form_field_error(f, "unit", _("No unit has this code in the directory."));
        return false;
    }
    return true;
}

static int register_submit(void *ctx, console *c, form *f)
{
    new_key *n = ctx;
    if (!find_unit(n, c, f))
        return EV_HANDLED;
    fd_key_new k = {.tag = form_value(f, "tag"), .unit_id = n->unit_id,
                    .description = form_value(f, "description"),
                    .kind = (fd_key_kind)form_choice(f, "kind"),
                    .department = form_value(f, "department"), .custodian = form_value(f, "custodian")};
    int64_t id;
    fd_error err = {0};
    if (fd_key_register(console_desk(c), console_actor(c), &k, &id, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    console_info(c, _("Key %s is in the register."), form_value(f, "tag"));
    return EV_POP;
}

bool keys_new_key(console *c)
{
    new_key n = {.c = c};
    for (int i = 0; i < FD_KEY_KIND_COUNT; i++)
        n.kinds[i] = fd_key_kind_label((fd_key_kind)i);
    ask_form_spec spec = {_("New key in the register"),
                          _("An owner's spare key needs the unit and its key entrustment on file; "
                            "a public key says what it opens."),
                          register_fields, sizeof register_fields / sizeof register_fields[0],
                          register_prepare, register_submit, &n};
    return ask_form(c, &spec);
}
