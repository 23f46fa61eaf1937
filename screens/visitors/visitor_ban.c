/* The do-not-admit list, opened from the visitor log: the entries in force, newest
 * first; F4 puts a visitor on it (by document, for one unit picked from the directory
 * or for the whole site, with the reason), Enter lifts the highlighted entry (with
 * the reason). The core keeps the list to the customer-service manager: anyone else
 * is told so and may have the manager approve in place, and the entry is then the
 * manager's, as their PIN says they decided it. */
#include "visitors/visitors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "widgets/ask.h"
#include "widgets/dirlist.h"
#include "console/draw.h"
#include "shell/auth.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/listview.h"
#include "widgets/picker.h"
#include "widgets/show.h"

/* LINE_TEXT holds a name, a document, a unit and a reason (255 bytes) in one line. */
enum { LABEL_COLS = 12, DETAIL_ROWS = 4, LINE_TEXT = 640, TEXT_MAX = 256 };

/* ---- who keeps the list ---- */

static bool may_keep(const fd_actor *who, const void *ctx)
{
    (void)ctx;
    return fd_visitor_may_ban(who, NULL) == FD_OK;
}

/* Whoever keeps the list for this step: the person working, or the customer-service
 * manager approving in place after the core refused them. False when nobody may. */
static bool keeper(console *c, fd_actor *out)
{
    fd_error err = {0};
    if (fd_visitor_may_ban(console_actor(c), &err) == FD_OK) {
        *out = *console_actor(c);
        return true;
    }
    console_show_error(c, &err);
    if (!auth_approve_if(c, _("keep the do-not-admit list"), may_keep, NULL, out))
        return false;
    console_info(c, _("%s (%s) approved: the change is recorded as theirs."), out->name,
                 fd_role_label(out->role));
    return true;
}

/* ---- an entry as the list keeps it ---- */

typedef struct ban_item {
    int64_t id;
    fd_doc_type doc_type;
    char *visitor_name, *doc_number, *unit, *reason, *staff_name;
    fd_time at;
} ban_item;

static void free_item(void *row)
{
    ban_item *b = row;
    free(b->visitor_name);
    free(b->doc_number);
    free(b->unit);
    free(b->reason);
    free(b->staff_name);
    free(b);
}

static void add_item(void *ctx, const fd_visitor_ban_row *row)
{
    ban_item *b = fd_alloc(sizeof *b);
    *b = (ban_item){
        .id = row->id,
        .doc_type = row->doc_type,
        .visitor_name = fd_strdup(row->visitor_name),
        .doc_number = fd_strdup(row->doc_number),
        .unit = fd_strdup(row->unit),
        .reason = fd_strdup(row->reason),
        .staff_name = fd_strdup(row->staff_name),
        .at = row->at,
    };
    listview_add(ctx, b);
}

static const char *scope_of(const ban_item *b)
{
    return b->unit ? b->unit : _("Whole site");
}

/* ---- putting a visitor on the list ---- */

static const form_field add_fields[] = {
    {"doc_type", N_("Document type"), FORM_CHOICE, true, 0, 0},
    {"doc_number", N_("Document number"), FORM_DOCUMENT, true, 0, 0},
    {"visitor_name", N_("Visitor's name"), FORM_TEXT, true, 20, 21},
    {"unit", N_("Unit"), FORM_UNIT, false, 12, 16},
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 80},
};

typedef struct adding {
    fd_actor keeper;
    const char *doc_labels[FD_DOC_TYPE_COUNT];
    /* The unit picked from the directory, while the field still reads its code. */
    int64_t unit_id;
    char unit[TEXT_MAX];
    char scope[TEXT_MAX]; /* what the entry was for, said once saved */
} adding;

static void add_prepare(form *f, void *ctx)
{
    adding *a = ctx;
    for (int t = 0; t < FD_DOC_TYPE_COUNT; t++)
        a->doc_labels[t] = fd_doc_type_label((fd_doc_type)t);
    form_set_choices(f, "doc_type", a->doc_labels, FD_DOC_TYPE_COUNT);
    form_focus(f, "doc_number");
}

/* The unit the entry is for: none (the whole site) when the field is empty, else the
 * one picked from the directory with what was typed. False when none was picked. */
static bool pick_unit(adding *a, console *c, form *f)
{
    const char *typed = form_value(f, "unit");
    if (text_blank(typed)) {
        a->unit_id = 0;
        return true;
    }
    if (a->unit_id && strcmp(typed, a->unit) == 0)
        return true;
    dir_item *item;
    a->unit_id = 0;
    if (!picker_choose(c, _("Which unit is the entry for?"), FD_DIR_UNIT, typed, &item)) {
        form_field_error(f, "unit", _("Pick the unit from the directory, or leave it empty for "
                                      "the whole site."));
        return false;
    }
    a->unit_id = item->unit_id;
    text_copy(a->unit, sizeof a->unit, item->unit);
    form_set_value(f, "unit", item->unit);
    dir_item_free(item);
    return true;
}

static int add_submit(void *ctx, console *c, form *f)
{
    adding *a = ctx;
    if (!pick_unit(a, c, f))
        return EV_HANDLED | EV_REDRAW;
    fd_error err = {0};
    if (fd_visitor_ban(console_desk(c), &a->keeper, (fd_doc_type)form_choice(f, "doc_type"),
                       form_value(f, "doc_number"), form_value(f, "visitor_name"), a->unit_id,
                       form_value(f, "reason"), NULL, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED | EV_REDRAW;
    }
    text_copy(a->scope, sizeof a->scope, a->unit_id ? a->unit : _("the whole site"));
    return EV_POP;
}

static bool add_entry(console *c)
{
    adding a = {0};
    if (!keeper(c, &a.keeper))
        return false;
    ask_form_spec spec = {_("Do not admit a visitor"),
                          _("Registration of this visitor is stopped, with the reason shown to the "
                            "desk. Leave the unit empty for the whole site; a unit typed is "
                            "picked from the directory when you save."),
                          add_fields, sizeof add_fields / sizeof add_fields[0], add_prepare,
                          add_submit, &a};
    if (!ask_form(c, &spec))
        return false;
    console_info(c, _("On the do-not-admit list for %s."), a.scope);
    return true;
}

/* ---- lifting an entry ---- */

static const form_field lift_fields[] = {
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 80},
};

typedef struct lifting {
    fd_actor keeper;
    int64_t id;
} lifting;

static int lift_submit(void *ctx, console *c, form *f)
{
    lifting *l = ctx;
    fd_error err = {0};
    if (fd_visitor_lift_ban(console_desk(c), &l->keeper, l->id, form_value(f, "reason"), &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED | EV_REDRAW;
    }
    return EV_POP;
}

static bool lift_entry(console *c, const ban_item *b)
{
    lifting l = {.id = b->id};
    if (!keeper(c, &l.keeper))
        return false;
    char intro[LINE_TEXT];
    snprintf(intro, sizeof intro, _("%s (%s %s), not to be admitted at %s: %s"), b->visitor_name,
             fd_doc_type_label(b->doc_type), b->doc_number, scope_of(b), b->reason);
    ask_form_spec spec = {_("Lift the entry"), intro, lift_fields, 1, NULL, lift_submit, &l};
    if (!ask_form(c, &spec))
        return false;
    console_info(c, _("Lifted: %s may be registered again."), b->visitor_name);
    return true;
}

/* ---- the list ---- */

typedef struct bans {
    console *c;
    listview *list;
} bans;

static const listview_column columns[] = {
    {N_("No."), 5}, {N_("Visitor"), 10}, {N_("Document"), 20}, {N_("Where"), 10}, {N_("Reason"), 0},
};

static fd_status fetch(void *ctx, listview *lv, const char *query, const void *after, int limit,
                       fd_error *err)
{
    (void)query;
    const ban_item *last = after;
    bans *s = ctx;
    return fd_visitor_bans(console_desk(s->c), last ? last->id : 0, limit, add_item, lv, err);
}

static void cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    const ban_item *b = row;
    if (count < 5)
        return;
    snprintf(out[0], 128, "%lld", (long long)b->id);
    snprintf(out[1], 128, "%s", b->visitor_name);
    snprintf(out[2], 128, "%s", b->doc_number);
    snprintf(out[3], 128, "%s", scope_of(b));
    snprintf(out[4], 128, "%s", b->reason);
}

static const listview_source source = {
    .columns = columns,
    .column_count = sizeof columns / sizeof columns[0],
    .fetch = fetch,
    .cells = cells,
    .free_row = free_item,
};

static void *bans_open(console *c, void *arg)
{
    (void)arg;
    bans *s = fd_alloc(sizeof *s);
    s->c = c;
    s->list = listview_new(&source, s, 0);
    listview_reload(s->list, c);
    return s;
}

static void bans_close(void *state)
{
    bans *s = state;
    listview_free(s->list);
    free(s);
}

static void label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    show_labelled(y, x, cols, LABEL_COLS, label, value, attr);
}

static void draw_selected(const bans *s, int y, int x, int cols)
{
    const ban_item *b = listview_selected(s->list);
    if (!b)
        return;
    char line[LINE_TEXT], when[32];
    snprintf(line, sizeof line, "%s   %s %s", b->visitor_name, fd_doc_type_label(b->doc_type),
             b->doc_number);
    label_line(y, x, cols, _("Visitor"), line, A_BOLD);
    label_line(y + 1, x, cols, _("Where"), scope_of(b), A_NORMAL);
    label_line(y + 2, x, cols, _("Reason"), b->reason, A_NORMAL);
    show_when(b->at, fd_desk_now(console_desk(s->c)), when, sizeof when);
    snprintf(line, sizeof line, _("%s by %s"), when, b->staff_name);
    label_line(y + 3, x, cols, _("Entered"), line, A_NORMAL);
}

static void bans_draw(void *state, console *c, const console_area *area)
{
    bans *s = state;
    char title[LINE_TEXT], add[32], lift[32];
    keymap_first_key(console_keymap(c), ACT_NEW, add, sizeof add);
    keymap_first_key(console_keymap(c), ACT_SELECT, lift, sizeof lift);
    snprintf(title, sizeof title, _("Entries in force, newest first   (%s: add; %s: lift)"), add, lift);
    draw_text(area->top, area->left, area->cols, title, A_BOLD);
    console_area list = {area->top + 1, area->left, area->rows - 2 - DETAIL_ROWS, area->cols};
    listview_draw(s->list, c, &list);
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    draw_selected(s, y + 1, area->left, area->cols);
}

static int bans_handle(void *state, console *c, const console_event *ev)
{
    bans *s = state;
    bool changed;
    switch (ev->action) {
    case ACT_NEW:
        changed = add_entry(c);
        break;
    case ACT_SELECT:
        changed = listview_selected(s->list) && lift_entry(c, listview_selected(s->list));
        break;
    case ACT_SEARCH:
        console_info(c, "%s", _("The list is short: it has no search."));
        return EV_HANDLED | EV_REDRAW;
    default:
        return listview_handle(s->list, c, ev);
    }
    if (changed)
        listview_reload(s->list, c);
    return EV_HANDLED | EV_REDRAW;
}

static const console_action bans_actions[] = {ACT_NEW,     ACT_SELECT,    ACT_BACK, ACT_UP,  ACT_DOWN,
                                              ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END, ACT_NONE};

const screen_ops visitor_ban_screen = {
    .title = N_("Do-not-admit list"),
    .actions = bans_actions,
    .open = bans_open,
    .close = bans_close,
    .draw = bans_draw,
    .handle = bans_handle,
};
