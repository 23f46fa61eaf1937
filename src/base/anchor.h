/* Anchors of the audit chain outside the database: its head (how many entries, the
 * last one's hash) written to the system log through syslog(3) at every handover,
 * print and purge, and to the head file among the keys whenever a desk that wrote
 * closes. verify compares the chain with every anchor it can read, and fails when the
 * database is behind one: entries deleted with their rows, or an older copy put in
 * place of the file, are seen so. Not public: the base layer's desk, audit and verify
 * use it.
 *
 * An anchor is one line, the same in the log and in the head file:
 *     frontdesk-anchor db=ID entries=N head=HASH why=WHY mac=MAC path=PATH
 * ID names the database (from its site key: a copy has the same), MAC is an HMAC of
 * the rest under the site key, so a line the program did not write is ignored. */
#ifndef FRONTDESK_BASE_ANCHOR_H
#define FRONTDESK_BASE_ANCHOR_H

#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/store.h"

enum { ANCHOR_DB_HEX = 17, ANCHOR_HASH_SIZE = 32, ANCHOR_WHY = 16 };

typedef struct anchor {
    char db[ANCHOR_DB_HEX];
    int64_t entries;
    unsigned char hash[ANCHOR_HASH_SIZE];
    char why[ANCHOR_WHY];
    char *path; /* owned */
} anchor;

/* The name of the database whose site key this is. */
void anchor_db_id(const unsigned char *secret, size_t size, char out[ANCHOR_DB_HEX]);

/* Reads the chain's head in a transaction of its own and anchors it: in the head file
 * at head_path, unless that holds a later head of the same database already, and, when
 * why is not NULL, in the system log. An empty chain is not anchored. */
fd_status anchor_note(fd_store *store, const unsigned char *secret, size_t secret_size,
                      const char *head_path, const char *why, fd_error *err);

/* The anchor in line, if it has one the program wrote (its MAC checks under secret). */
bool anchor_parse(const char *line, const unsigned char *secret, size_t secret_size, anchor *out);
void anchor_free(anchor *a);

#endif
