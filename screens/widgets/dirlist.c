#include "widgets/dirlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"

static char *copy_text(const char *s) { return fd_strdup(s ? s : ""); }

dir_item *dir_item_copy(const fd_dir_entry *e)
{
    dir_item *d = fd_alloc(sizeof *d);
    d->kind = e->kind;
    d->id = e->id;
    d->unit_id = e->unit_id;
    d->unit = copy_text(e->unit);
    d->name = copy_text(e->name);
    d->company = copy_text(e->company);
    d->department = copy_text(e->department);
    d->position = copy_text(e->position);
    d->phone = copy_text(e->phone);
    d->phone_in_full = e->phone_in_full;
    return d;
}

dir_item *dir_item_dup(const dir_item *d)
{
    return dir_item_copy(&(fd_dir_entry){
        .kind = d->kind, .id = d->id, .unit_id = d->unit_id, .unit = d->unit, .name = d->name,
        .company = d->company, .department = d->department, .position = d->position,
        .phone = d->phone, .phone_in_full = d->phone_in_full});
}

void dir_item_free(void *item)
{
    dir_item *d = item;
    if (!d)
        return;
    free(d->unit);
    free(d->name);
    free(d->company);
    free(d->department);
    free(d->position);
    free(d->phone);
    free(d);
}

const char *dir_kind_label(fd_dir_kind kind)
{
    switch (kind) {
    case FD_DIR_UNIT:
        return _("Unit");
    case FD_DIR_OCCUPANT:
        return _("Owner/tenant");
    case FD_DIR_COMPANY:
        return _("Company");
    case FD_DIR_DEPARTMENT:
        return _("Department");
    case FD_DIR_PERSON:
        return _("Company staff");
    case FD_DIR_CONTACT:
        return _("Emergency contact");
    default:
        return "";
    }
}

/* The order fd_directory_search returns: unit code, name, kind, id — texts compared
 * bytewise as SQLite's BINARY collation does. */
static int compare_entry(const fd_dir_entry *e, const dir_item *d)
{
    int c = strcmp(e->unit ? e->unit : "", d->unit);
    if (c == 0)
        c = strcmp(e->name ? e->name : "", d->name);
    if (c == 0)
        c = (int)e->kind - (int)d->kind;
    if (c == 0)
        c = e->id < d->id ? -1 : e->id > d->id;
    return c;
}

typedef struct page {
    listview *lv;
    const dir_item *after;
    int wanted, added;
} page;

static void add_entry(void *ctx, const fd_dir_entry *e)
{
    page *p = ctx;
    if (p->added >= p->wanted || (p->after && compare_entry(e, p->after) <= 0))
        return;
    listview_add(p->lv, dir_item_copy(e));
    p->added++;
}

/* fd_directory_search has no "after" parameter yet, so the page after a row is
 * found by asking for as many rows as are already shown plus one page and passing
 * over those up to that row; the comparison keeps it right even when entries were
 * added meanwhile. */
static fd_status fetch(void *ctx, listview *lv, const char *query, const void *after, int limit,
                       fd_error *err)
{
    const dirlist *d = ctx;
    page p = {lv, after, limit, 0};
    int ask = limit + (after ? (int)listview_count(lv) : 0);
    return fd_directory_search(console_desk(d->c), console_actor(d->c), d->kinds, query, ask,
                               add_entry, &p, err);
}

static void cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    (void)count;
    const dir_item *d = row;
    text_copy(out[0], sizeof out[0], d->unit);
    text_copy(out[1], sizeof out[1], dir_kind_label(d->kind));
    text_copy(out[2], sizeof out[2], d->name);
    if (*d->company && *d->department)
        snprintf(out[3], sizeof out[3], "%s / %s", d->company, d->department);
    else
        text_copy(out[3], sizeof out[3], *d->company ? d->company : d->position);
    if (d->phone_in_full && *d->phone)
        fd_mask_phone(d->phone, out[4], sizeof out[4]);
    else
        text_copy(out[4], sizeof out[4], d->phone); /* masked by the core, or none */
}

static const listview_column columns[] = {
    {N_("Unit"), 9},
    {N_("Kind"), 13},
    {N_("Name"), 20},
    {N_("Company / department"), 0},
    {N_("Phone"), 13},
};

const listview_source dirlist_source = {
    .columns = columns,
    .column_count = sizeof columns / sizeof columns[0],
    .fetch = fetch,
    .cells = cells,
    .free_row = dir_item_free,
};
