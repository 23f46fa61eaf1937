/* The directory (业户档案): occupants and units, searched and shown with the reader's
 * masking. */
#ifndef FRONTDESK_SCREENS_DIRECTORY_H
#define FRONTDESK_SCREENS_DIRECTORY_H

#include "console/console.h"
#include "widgets/dirlist.h"

/* What the directory opens of the procedures above it (its open's arg; NULL: none). */
typedef struct directory_links {
    /* Enter on a company: its page (the seal or letter of authority on file). */
    void (*company)(console *c, const dir_item *company);
} directory_links;

extern const screen_ops directory_screen;

#endif
