/* Picking a directory entry (a unit, an occupant, a company, a department or a
 * person) in a dialog with type-ahead over fd_directory_search: what a procedure's
 * form uses for "whom is the visitor seeing", "whose key", "for whom is the parcel". */
#ifndef FRONTDESK_SCREENS_PICKER_H
#define FRONTDESK_SCREENS_PICKER_H

#include <stdbool.h>

#include "console/console.h"
#include "widgets/dirlist.h"

/* Offers entries of kinds (fd_dir_kind bits), the search starting with initial
 * (may be NULL). True with *out (free with dir_item_free) when one was chosen;
 * false when the user cancelled. */
bool picker_choose(console *c, const char *title, unsigned kinds, const char *initial,
                   dir_item **out);

#endif
