/* The desk: what every core operation works with — the store, the site's
 * configuration, the clock, and the site secret that keys the audit chain and the
 * HMACs of personal data. */
#ifndef FRONTDESK_DESK_H
#define FRONTDESK_DESK_H

#include "frontdesk/config.h"
#include "frontdesk/status.h"
#include "frontdesk/store.h"
#include "frontdesk/time.h"

enum {
    FD_SECRET_SIZE = 32,
    FD_HASH_SIZE = 32,
    FD_HASH_HEX = 65,
    FD_SEAL_CODE_TEXT = 64, /* a sealing code: twelve groups of four, dashes, NUL, room */
};

typedef struct fd_desk {
    fd_store *store;
    const fd_config *config; /* borrowed: outlives the desk */
    fd_clock clock;
    /* When audit entries are written: the same clock, except where a past is written
     * after the fact (the demo's week, the benchmark's years) under a `clock` swapped
     * alone — their entries then say when they were really written, in order. */
    fd_clock audit_clock;
    unsigned char secret[FD_SECRET_SIZE];
    /* HMAC keyed with the secret, before any input: each audit entry's hash copies it
     * rather than hashing the key's pads again. */
    struct crypto_auth_hmacsha256_state *secret_mac;
    struct seal_state *seal; /* the day's sealing key (base/seal.h); NULL while not sealed */
    char *seal_code;       /* the code of the sealing this open began, until taken */
    bool wrote;            /* it audited an entry: closing anchors the head (base/anchor.h) */
} fd_desk;

/* Opens the database at path (flags as for fd_store_open). The secret is kept in
 * PATH.key beside it (the owner's alone, or in a site install the group's, whose
 * directory keeps everyone else out), created with a new database: a copy of the
 * database alone does not reveal purged identity numbers, nor let anyone re-chain the
 * audit. A new database is sealed from its first entry: its sealing key is made with it,
 * and its sealing code waits in the desk for fd_desk_take_seal_code. */
fd_status fd_desk_open(const char *path, int flags, const fd_config *config, fd_clock clock,
                       fd_desk **out, fd_error *err);
/* Closes the desk; one that wrote anchors the chain's head in the head file first. */
void fd_desk_close(fd_desk *desk);
static inline fd_time fd_desk_now(const fd_desk *d) { return fd_clock_now(&d->clock); }

/* HMAC-SHA-256 of personal data under the site secret, as lower-case hex. */
void fd_desk_hmac_hex(const fd_desk *d, const char *text, char out[FD_HASH_HEX]);

/* The path of one of a database's key files (caller frees): name "key" for the site
 * secret, "seal" for the day's sealing key, "head" for the chain's last anchor. The one
 * place that says where they live (today beside the database: PATH.key …). */
char *fd_desk_key_file(const char *db_path, const char *name);
/* fd_desk_key_file(db_path, "key"). */
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

/* The sealing code of the database this open created, once, for the office safe: copied
 * to out and forgotten. False when there is none (any later call, any other open). */
bool fd_desk_take_seal_code(fd_desk *d, char out[FD_SEAL_CODE_TEXT]);

#endif
