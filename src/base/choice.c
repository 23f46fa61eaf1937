/* The lookups over a procedure's choice lists: see include/frontdesk/choice.h. */
#include "frontdesk/choice.h"

#include <stddef.h>
#include <string.h>

#include "frontdesk/i18n.h"

const fd_choice_list *fd_choice_pick(const fd_choice_list *table, int lists, int list)
{
    return list >= 0 && list < lists ? &table[list] : NULL;
}

int fd_choice_count(const fd_choice_list *list)
{
    return list ? list->count : 0;
}

bool fd_choice_valid(const fd_choice_list *list, int value)
{
    return value >= 0 && value < fd_choice_count(list);
}

const char *fd_choice_name(const fd_choice_list *list, int value)
{
    return fd_choice_valid(list, value) ? list->items[value].name : "";
}

const char *fd_choice_label(const fd_choice_list *list, int value)
{
    return fd_choice_valid(list, value) ? _(list->items[value].label) : "";
}

int fd_choice_parse(const fd_choice_list *list, const char *name)
{
    for (int i = 0; name && i < fd_choice_count(list); i++)
        if (strcmp(list->items[i].name, name) == 0)
            return i;
    return -1;
}

const char *fd_choice_label_of(const fd_choice_list *list, const char *name)
{
    int i = fd_choice_parse(list, name);
    return i < 0 ? name : fd_choice_label(list, i);
}
