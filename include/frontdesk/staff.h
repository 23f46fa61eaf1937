/* Staff: numbers, names, roles and PINs (Argon2id after an HMAC under the pepper kept
 * beside the database, src/base/pepper.h). Five wrong PINs in a row lock the account
 * until a duty manager or an administrator unlocks it. */
#ifndef FRONTDESK_STAFF_H
#define FRONTDESK_STAFF_H

#include <stdbool.h>
#include <stdint.h>
#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

/* A new PIN has staff.pin_min_digits (at least FD_CONFIG_PIN_MIN_DIGITS) to FD_PIN_MAX
 * digits; on a demo database, FD_PIN_MIN_DEMO (the README's demo PINs). */
enum { FD_PIN_MIN_DEMO = 4, FD_PIN_MAX = 12 };

typedef struct fd_staff_info {
    int64_t id;
    char number[16];
    char name[64];
    fd_role role;
    bool locked;
    int failures; /* wrong PINs since the last good one or unlock */
} fd_staff_info;

/* Adds a staff member. who NULL is the system itself, allowed only while the staff
 * table is empty (the first administrator, set up by `frontdesk init`). */
fd_status fd_staff_add(fd_desk *d, const fd_actor *who, const char *number, const char *name,
                       fd_role role, const char *pin, fd_error *err);
/* Checks number and PIN. A wrong PIN is recorded; the failure that reaches the limit
 * locks the account. Every refusal — unknown number, wrong PIN, locked account with
 * any PIN, the right one too — is the same FD_BAD_PIN, after the same work (one Argon2
 * check, one write), so neither the answer nor its delay tells which numbers exist, nor
 * which PIN a locked account has. On success fills out. */
fd_status fd_staff_login(fd_desk *d, const char *number, const char *pin, fd_actor *out,
                         fd_error *err);
/* A staff member changes their own PIN (knowing the old one), or an admin sets anyone's
 * (old_pin ignored). */
fd_status fd_staff_set_pin(fd_desk *d, const fd_actor *who, const char *number,
                           const char *old_pin, const char *new_pin, fd_error *err);
fd_status fd_staff_unlock(fd_desk *d, const fd_actor *who, const char *number, fd_error *err);
/* For a site whose administrators are all locked out or have forgotten their PINs (or
 * have lost the pepper): the operating system's administrator (root, and only root)
 * gives administrator number a new PIN and unlocks it. Audited ("staff.recover"). */
fd_status fd_staff_recover(fd_desk *d, const char *number, const char *new_pin, fd_error *err);
fd_status fd_staff_find(fd_desk *d, const char *number, fd_staff_info *out, fd_error *err);
/* The whole staff, for managers and administrators (FD_ACT_STAFF_LIST). */
fd_status fd_staff_list(fd_desk *d, const fd_actor *who,
                        void (*each)(void *ctx, const fd_staff_info *s), void *ctx, fd_error *err);

#endif
