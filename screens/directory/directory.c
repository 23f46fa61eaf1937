/* Directory lookup (业户档案查询): the directory as a list with type-ahead, and a
 * detail pane for the selected entry with its unit's occupants and emergency
 * contacts. The core masks phones unless the role is one the configuration lets see
 * them (privacy.unmask_phone_roles); a receptionist may have one number shown in
 * full once a supervisor approves in place: the entry is read again as the supervisor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directory/directory.h"
#include "widgets/dirlist.h"
#include "console/draw.h"
#include "widgets/show.h"
#include "shell/auth.h"
#include "frontdesk/i18n.h"
#include "frontdesk/validate.h"
#include "frontdesk/text.h"

enum { DETAIL_ROWS = 8, LABEL_COLS = 12, MAX_CONTACTS = 8 };

typedef struct directory {
    const directory_links *links; /* NULL: none */
    dirlist source;
    listview *list;
    /* The selected entry as the one working reads it: its phone, and its unit's owners,
     * tenants and emergency contacts. Read again when the selection moves or someone
     * else takes over the terminal (the masking is the reader's). */
    unsigned detail_version;
    int64_t detail_for;
    char phone[64];
    bool phone_in_full;
    dir_item *contacts[MAX_CONTACTS];
    size_t contact_count;
    char contacts_error[FD_MESSAGE_MAX];
    /* One approved unmasking: this entry, for this staff member, until the
     * selection moves; its phone as the approver read it. */
    fd_dir_kind approved_kind;
    int64_t approved_id, approved_for;
    unsigned approved_version;
    char approved_phone[64];
} directory;

static const console_action directory_actions[] = {ACT_SELECT, ACT_SEARCH,  ACT_UNMASK,
                                                   ACT_BACK,   ACT_UP,      ACT_DOWN,
                                                   ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME,
                                                   ACT_END,    ACT_NONE};

static void load_detail(directory *d, console *c);

static void *directory_open(console *c, void *arg)
{
    directory *d = fd_alloc(sizeof *d);
    d->links = arg;
    d->source = (dirlist){c, FD_DIR_ANY};
    d->list = listview_new(&dirlist_source, &d->source, LISTVIEW_TYPE_AHEAD);
    d->detail_version = listview_version(d->list) - 1;
    listview_reload(d->list, c);
    load_detail(d, c);
    return d;
}

static void drop_contacts(directory *d)
{
    for (size_t i = 0; i < d->contact_count; i++)
        dir_item_free(d->contacts[i]);
    d->contact_count = 0;
    d->contacts_error[0] = '\0';
}

static void directory_close(void *state)
{
    directory *d = state;
    drop_contacts(d);
    listview_free(d->list);
    free(d);
}

/* ---- who may see a phone in full ---- */

/* Whom the core lets read phones in full: who may approve showing one. */
static bool role_sees_phones(const fd_actor *who, const void *ctx)
{
    return fd_may_see_phones(ctx, who);
}

static bool approved(const directory *d, const dir_item *item, const fd_actor *me)
{
    return me && d->approved_for == me->staff_id && d->approved_kind == item->kind &&
           d->approved_id == item->id && d->approved_version == listview_version(d->list);
}

typedef struct phone_of {
    const dir_item *item;
    char *out;
    size_t size;
    bool *in_full;
    bool found;
} phone_of;

static void take_phone(void *ctx, const fd_dir_entry *e)
{
    phone_of *p = ctx;
    if (e->kind == p->item->kind && e->id == p->item->id) {
        snprintf(p->out, p->size, "%s", e->phone ? e->phone : "");
        *p->in_full = e->phone_in_full;
        p->found = true;
    }
}

/* The item's phone as reader reads it (a search by its unit's code finds the entry
 * again), into out, and whether it is in full; false, said, when it cannot be read. */
static bool read_phone(console *c, const dir_item *item, const fd_actor *reader, char *out,
                       size_t size, bool *in_full)
{
    phone_of p = {item, out, size, in_full, false};
    fd_error err = {0};
    out[0] = '\0';
    *in_full = false;
    if (fd_directory_search(console_desk(c), reader, item->kind, item->unit, -1, take_phone, &p,
                            &err) != FD_OK) {
        console_show_error(c, &err);
        return false;
    }
    if (!p.found)
        console_error(c, "%s", _("That entry is no longer in the directory."));
    return p.found;
}

static int unmask(directory *d, console *c)
{
    const dir_item *item = listview_selected(d->list);
    const fd_actor *me = console_actor(c);
    if (!item || !*item->phone) {
        console_error(c, "%s", _("The selected entry has no phone number."));
        return EV_HANDLED | EV_REDRAW;
    }
    if (d->phone_in_full || approved(d, item, me)) {
        console_info(c, "%s", _("The full number is already shown."));
        return EV_HANDLED | EV_REDRAW;
    }
    fd_actor approver;
    bool in_full;
    if (!auth_approve_if(c, _("show a phone number in full"), role_sees_phones,
                            console_config(c), &approver) ||
        !read_phone(c, item, &approver, d->approved_phone, sizeof d->approved_phone, &in_full) ||
        !in_full)
        return EV_HANDLED | EV_REDRAW;
    d->approved_kind = item->kind;
    d->approved_id = item->id;
    d->approved_for = me->staff_id;
    d->approved_version = listview_version(d->list);
    console_info(c, _("Full number shown with the approval of %s (%s)."), approver.name,
                 fd_role_label(approver.role));
    return EV_HANDLED | EV_REDRAW;
}

/* ---- the detail pane ---- */

static void add_contact(void *ctx, const fd_dir_entry *e)
{
    directory *d = ctx;
    if (d->contact_count < MAX_CONTACTS)
        d->contacts[d->contact_count++] = dir_item_copy(e);
}

/* Follows the selection and the one working: read when either changes. */
static void load_detail(directory *d, console *c)
{
    const fd_actor *me = console_actor(c);
    int64_t reader = me ? me->staff_id : 0;
    if (d->detail_version == listview_version(d->list) && d->detail_for == reader)
        return;
    d->detail_version = listview_version(d->list);
    d->detail_for = reader;
    drop_contacts(d);
    d->phone[0] = '\0';
    d->phone_in_full = false;
    const dir_item *item = listview_selected(d->list);
    if (!item)
        return;
    if (*item->phone)
        read_phone(c, item, me, d->phone, sizeof d->phone, &d->phone_in_full);
    fd_error err = {0};
    if (fd_directory_contacts(console_desk(c), me, item->unit_id, add_contact, d, &err) != FD_OK)
        snprintf(d->contacts_error, sizeof d->contacts_error, "%s",
                 fd_error_text(&err));
}

static void detail_line(int y, int x, int cols, const char *label, const char *value)
{
    show_labelled(y, x, cols, LABEL_COLS, label, value, A_NORMAL);
}

static void draw_entry(const directory *d, console *c, const dir_item *item, int y, int x, int cols)
{
    char line[512];
    snprintf(line, sizeof line, "%s  %s", item->unit, dir_kind_label(item->kind));
    detail_line(y, x, cols, _("Unit"), line);
    detail_line(y + 1, x, cols, _("Name"), *item->name ? item->name : "\u2014");
    if (*item->company || *item->position) {
        snprintf(line, sizeof line, "%s%s%s%s%s", item->company,
                 *item->department ? " / " : "", item->department,
                 *item->position ? "  " : "", item->position);
        detail_line(y + 2, x, cols, _("Company"), line);
    }
    if (!*item->phone)
        return;
    bool shown_approved = approved(d, item, console_actor(c));
    bool full = d->phone_in_full || shown_approved;
    const char *phone = shown_approved ? d->approved_phone : d->phone;
    char key[32];
    keymap_first_key(console_keymap(c), ACT_UNMASK, key, sizeof key);
    if (!full && key[0]) {
        char *with_hint = fd_printf(_("%s   (%s: full number)"), phone, key);
        detail_line(y + 3, x, cols, _("Phone"), with_hint);
        free(with_hint);
    } else {
        detail_line(y + 3, x, cols, _("Phone"), phone);
    }
}

static void draw_contacts(const directory *d, int y, int x, int cols, int rows)
{
    draw_text(y, x, LABEL_COLS, _("Contacts"), theme(TH_DIM));
    if (d->contacts_error[0]) {
        draw_text(y, x + LABEL_COLS, cols - LABEL_COLS, d->contacts_error, theme(TH_ERROR));
        return;
    }
    if (d->contact_count == 0) {
        draw_text(y, x + LABEL_COLS, cols - LABEL_COLS, "\u2014", A_NORMAL);
        return;
    }
    for (size_t i = 0; i < d->contact_count && (int)i < rows; i++) {
        const dir_item *k = d->contacts[i];
        char line[512];
        const char *role = k->kind == FD_DIR_CONTACT && *k->position ? k->position : dir_kind_label(k->kind);
        snprintf(line, sizeof line, _("%s (%s)  %s"), k->name, role, k->phone);
        draw_text(y + (int)i, x + LABEL_COLS, cols - LABEL_COLS, line, A_NORMAL);
    }
}

static void directory_draw(void *state, console *c, const console_area *area)
{
    directory *d = state;
    console_area list = {area->top, area->left, area->rows - DETAIL_ROWS, area->cols};
    listview_draw(d->list, c, &list);
    load_detail(d, c); /* someone else may have taken over the terminal */
    int y = area->top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    const dir_item *item = listview_selected(d->list);
    if (!item)
        return;
    draw_entry(d, c, item, y + 1, area->left, area->cols);
    draw_contacts(d, y + 5, area->left, area->cols, DETAIL_ROWS - 5);
}

/* Enter on a company opens its page of a procedure above (its seal or letter on file). */
static int open_company(directory *d, console *c)
{
    const dir_item *item = listview_selected(d->list);
    if (!item || !d->links || !d->links->company)
        return EV_IGNORED;
    if (item->kind != FD_DIR_COMPANY) {
        console_info(c, "%s", _("Enter on a company opens its seal or letter of authority on file."));
        return EV_HANDLED;
    }
    d->links->company(c, item);
    return EV_HANDLED | EV_REDRAW;
}

static int directory_handle(void *state, console *c, const console_event *ev)
{
    directory *d = state;
    if (ev->action == ACT_UNMASK)
        return unmask(d, c);
    if (ev->action == ACT_SELECT && !listview_takes_text(d->list))
        return open_company(d, c);
    int flags = listview_handle(d->list, c, ev);
    load_detail(d, c);
    return flags;
}

static bool directory_takes_text(const void *state)
{
    const directory *d = state;
    return listview_takes_text(d->list);
}

const screen_ops directory_screen = {
    .title = N_("Directory lookup"),
    .actions = directory_actions,
    .open = directory_open,
    .close = directory_close,
    .draw = directory_draw,
    .handle = directory_handle,
    .takes_text = directory_takes_text,
};
