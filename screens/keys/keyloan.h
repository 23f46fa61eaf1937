/* A key loan's page and the form of a new loan (keyloan.c). */
#ifndef FRONTDESK_SCREENS_KEYLOAN_H
#define FRONTDESK_SCREENS_KEYLOAN_H

#include <stdbool.h>
#include <stdint.h>

#include "console/console.h"

/* The loan's page, run until closed; true when something was recorded. */
bool keys_loan_page(console *c, int64_t loan_id);
/* The form of a new loan; true when one was recorded. */
bool keys_new_loan(console *c);

#endif
