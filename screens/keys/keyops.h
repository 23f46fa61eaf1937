/* A key's page and the register's form for a new key (keyops.c). Other screens open
 * a key's page from here (the shift handover's keys out). */
#ifndef FRONTDESK_SCREENS_KEYOPS_H
#define FRONTDESK_SCREENS_KEYOPS_H

#include <stdbool.h>
#include <stdint.h>

#include "console/console.h"

/* The key's page, run until closed; true when something was recorded. */
bool keys_key_page(console *c, int64_t key_id);
/* The form of a new key in the register; true when one was recorded. */
bool keys_new_key(console *c);

#endif
