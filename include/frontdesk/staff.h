/* Staff: numbers, names, roles and PINs (Argon2id). Five wrong PINs in a row lock
 * the account until a duty manager or an administrator unlocks it. */
#ifndef FRONTDESK_STAFF_H
#define FRONTDESK_STAFF_H

#include <stdbool.h>
#include <stdint.h>
#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

enum { FD_PIN_MIN = 4, FD_PIN_MAX = 12 };

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
 * locks the account. On success fills out. */
fd_status fd_staff_login(fd_desk *d, const char *number, const char *pin, fd_actor *out,
                         fd_error *err);
/* A staff member changes their own PIN (knowing the old one), or an admin sets anyone's
 * (old_pin ignored). */
fd_status fd_staff_set_pin(fd_desk *d, const fd_actor *who, const char *number,
                           const char *old_pin, const char *new_pin, fd_error *err);
fd_status fd_staff_unlock(fd_desk *d, const fd_actor *who, const char *number, fd_error *err);
fd_status fd_staff_find(fd_desk *d, const char *number, fd_staff_info *out, fd_error *err);
/* The whole staff, for managers and administrators (FD_ACT_STAFF_LIST). */
fd_status fd_staff_list(fd_desk *d, const fd_actor *who,
                        void (*each)(void *ctx, const fd_staff_info *s), void *ctx, fd_error *err);

#endif
