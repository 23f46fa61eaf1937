/* The desk: what every core operation works with — the store, the site's
 * configuration, the clock, and the site secret that keys the audit chain and the
 * HMACs of personal data. */
#ifndef FRONTDESK_DESK_H
#define FRONTDESK_DESK_H

#include "frontdesk/config.h"
#include "frontdesk/status.h"
#include "frontdesk/store.h"
#include "frontdesk/time.h"

enum { FD_SECRET_SIZE = 32, FD_HASH_SIZE = 32, FD_HASH_HEX = 65 };

typedef struct fd_desk {
    fd_store *store;
    const fd_config *config; /* borrowed: outlives the desk */
    fd_clock clock;
    /* When audit entries are written: the same clock, except where a past is written
     * after the fact (the demo's week, the benchmark's years) under a `clock` swapped
     * alone — their entries then say when they were really written, in order. */
    fd_clock audit_clock;
    unsigned char secret[FD_SECRET_SIZE];
} fd_desk;

/* Opens the database at path (flags as for fd_store_open). The secret is kept in
 * PATH.key beside it (mode 0600), created with a new database: a copy of the
 * database alone does not reveal purged identity numbers, nor let anyone re-forge
 * the audit chain. */
fd_status fd_desk_open(const char *path, int flags, const fd_config *config, fd_clock clock,
                       fd_desk **out, fd_error *err);
void fd_desk_close(fd_desk *desk);
static inline fd_time fd_desk_now(const fd_desk *d) { return fd_clock_now(&d->clock); }

/* HMAC-SHA-256 of personal data under the site secret, as lower-case hex. */
void fd_desk_hmac_hex(const fd_desk *d, const char *text, char out[FD_HASH_HEX]);

/* The path of the key file for a database path (caller frees). */
char *fd_desk_key_path(const char *db_path);
/* The path of the PIN pepper for a database path, beside the key but never copied
 * with it into a backup (src/base/pepper.h; caller frees). */
char *fd_desk_pepper_path(const char *db_path);

/* Marks a new, empty database (no staff yet) as a demo's: a practice desk, on which the
 * clock override, site policy from a personal file and 4-digit PINs are honoured
 * (src/base/desk_mark.c). Audited; marking twice is harmless. */
fd_status fd_desk_mark_demo(fd_desk *d, fd_error *err);
/* Whether the database carries the demo mark. */
fd_status fd_desk_is_demo(fd_desk *d, bool *out, fd_error *err);

#endif
