/* The directory (业户档案) as a list source, shared by the directory screen and the
 * picker: rows are copies of fd_dir_entry as the one working reads them; the list's
 * column shows every phone masked, even to a role that reads them in full. */
#ifndef FRONTDESK_SCREENS_DIRLIST_H
#define FRONTDESK_SCREENS_DIRLIST_H

#include "frontdesk/directory.h"
#include "widgets/listview.h"

/* An fd_dir_entry that owns its strings (never NULL; "" where the core gave none). */
typedef struct dir_item {
    fd_dir_kind kind;
    int64_t id, unit_id;
    char *unit, *name, *company, *department, *position, *phone;
    bool phone_in_full;
} dir_item;

dir_item *dir_item_copy(const fd_dir_entry *e);
dir_item *dir_item_dup(const dir_item *d);
void dir_item_free(void *item);
/* What kind of entry it is, translated ("Company staff", "Emergency contact" …). */
const char *dir_kind_label(fd_dir_kind kind);

typedef struct dirlist {
    console *c;     /* its desk, and who reads */
    unsigned kinds; /* fd_dir_kind bits offered */
} dirlist;

/* The source to give listview_new with a dirlist as its context. */
extern const listview_source dirlist_source;

#endif
