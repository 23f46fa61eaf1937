/* The sealing key of the audit chain, forward-secure in the manner of journald's
 * sealing: each day has its own key, derived from the day before's by a one-way
 * function, and the key of a day gone is destroyed. The key file on the machine can so
 * seal only from its own day on: whoever reads it cannot re-seal an older entry. The
 * sealing code, printed once when sealing begins and kept in the office safe, is the
 * seed of the first day's key: from it every day's key can be derived again, so
 * `verify --seal CODE` checks every seal from the beginning. Not public: the base
 * layer's audit and desk use it. */
#ifndef FRONTDESK_BASE_SEAL_H
#define FRONTDESK_BASE_SEAL_H

#include <stdbool.h>
#include <stdint.h>

#include <sodium.h>

#include "frontdesk/status.h"
#include "frontdesk/time.h"

enum {
    SEAL_KEY_SIZE = 32,
    SEAL_SIZE = 32,     /* a seal: HMAC-SHA-256 of an entry's hash */
    SEAL_SEED_SIZE = 20,
    SEAL_CODE_TEXT = 64, /* FD_SEAL_CODE_TEXT: 48 characters, 11 dashes, NUL, room */
};

/* A day's key; epoch is the Beijing day it seals for. */
typedef struct seal_key {
    fd_date epoch;
    unsigned char key[SEAL_KEY_SIZE];
    /* HMAC keyed with key, before any input: each seal copies it rather than hashing
     * the key's pads again (a fifth of an entry's cost). Wiped with the key. */
    crypto_auth_hmacsha256_state mac;
} seal_key;

/* A desk's sealing: the key of the day of its chain's last entry (or a later day), and,
 * while a write that moves on to a new day is not yet committed, that day's key. The
 * day before's is destroyed only once the first entry of the new day, which it seals
 * as a bridge, is committed: a write rolled back must leave it able to bridge again. */
typedef struct seal_state {
    seal_key key;
    seal_key next;
    bool moving;
    bool beginning; /* the entry being written is the first sealed one of an older chain */
} seal_state;

/* What the sealing code holds: the seed of the first day's key, that day, and how many
 * entries the chain had before sealing began (0 for a database sealed from its start:
 * entries after these must all be sealed). */
typedef struct seal_code {
    unsigned char seed[SEAL_SEED_SIZE];
    fd_date first_epoch;
    int64_t entries_before;
} seal_code;

/* A new code (a random seed) and the key of its first day. */
void seal_code_new(fd_date first_epoch, int64_t entries_before, seal_code *code, seal_key *key);
/* The key of code's first day. */
void seal_code_first_key(const seal_code *code, seal_key *key);
/* "XXXX-XXXX-…" in Crockford's base 32, with a check against mistyping. */
void seal_code_format(const seal_code *code, char out[SEAL_CODE_TEXT]);
/* Reads a code as typed: any case, dashes and spaces anywhere, O for 0 and I or L for 1.
 * False when it is not a code (or mistyped). */
bool seal_code_parse(const char *text, seal_code *out);

/* Moves key on to epoch (never back), destroying each day's key as it goes. */
void seal_key_advance(seal_key *key, fd_date epoch);
/* The seal of an entry's hash under key. */
void seal_key_sign(const seal_key *key, const unsigned char *hash, size_t size,
                   unsigned char out[SEAL_SIZE]);
bool seal_key_verifies(const seal_key *key, const unsigned char *hash, size_t hash_size,
                       const unsigned char *seal, size_t seal_size);
void seal_key_wipe(seal_key *key);

/* The key file: written to a temporary name, synced and renamed over the old one, so
 * the day before's key is gone from the file once it is replaced and a crash leaves one
 * whole key or the other. FD_NOT_FOUND when there is no file. */
fd_status seal_key_read(const char *path, seal_key *key, fd_error *err);
fd_status seal_key_write(const char *path, const seal_key *key, fd_error *err);
/* When the key file at path is of a day before key's (its move to a new day was never
 * written: the writer was killed, or could not open a file), writes key there: the
 * day gone is destroyed after all. Only under the database's write lock, which keeps
 * menders from meeting. Whether it wrote. */
bool seal_key_mend(const char *path, const seal_key *key);

#endif
