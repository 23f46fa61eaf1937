/* A procedure's choice lists (channel, matter, state …): each value has a stored name and
 * an English label translated when shown. The procedures keep their own tables of lists,
 * built from their X-macros; the lookups over them are these, in one place. */
#ifndef FRONTDESK_CHOICE_H
#define FRONTDESK_CHOICE_H

#include <stdbool.h>

typedef struct fd_choice {
    const char *name, *label;
} fd_choice;

typedef struct fd_choice_list {
    const fd_choice *items;
    int count;
} fd_choice_list;

/* An X-macro row X(id, name, label) as an fd_choice, and an array of them as a list. */
#define FD_CHOICE_ROW(id, name, label) {name, label},
#define FD_CHOICE_LIST(a) {a, (int)(sizeof a / sizeof a[0])}

/* The list at index `list` of a table of `lists` lists, or NULL when out of range. */
const fd_choice_list *fd_choice_pick(const fd_choice_list *table, int lists, int list);

/* Each takes NULL as an empty list: a value out of range has no name ("") or label (""),
 * and a name not in the list parses to -1. */
int fd_choice_count(const fd_choice_list *list);
bool fd_choice_valid(const fd_choice_list *list, int value);
const char *fd_choice_name(const fd_choice_list *list, int value);  /* stored */
const char *fd_choice_label(const fd_choice_list *list, int value); /* translated */
int fd_choice_parse(const fd_choice_list *list, const char *name);
/* The translated label of a stored name; a name not in the list is shown as it is (a
 * history's event written by a later version reads as its name, not as nothing). */
const char *fd_choice_label_of(const fd_choice_list *list, const char *name);

#endif
