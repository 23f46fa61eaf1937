/* The hand-out form: items collected together under one signature, by the recipient or
 * a proxy. */
#ifndef FRONTDESK_SCREENS_MAIL_HANDOUT_H
#define FRONTDESK_SCREENS_MAIL_HANDOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "console/console.h"

/* Hands out ids in one go; true once the core recorded it. */
bool mail_hand_out(console *c, const int64_t *ids, size_t count);

#endif
