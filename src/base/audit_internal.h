/* What the audit chain's writing (audit.c) and its verifying (audit_verify.c) share;
 * not public. */
#ifndef FRONTDESK_BASE_AUDIT_INTERNAL_H
#define FRONTDESK_BASE_AUDIT_INTERNAL_H

#include "frontdesk/audit.h"
#include "store/stmt.h"

/* An entry as the audit table keeps it, less its hash, seal and bridge. */
typedef struct audit_entry {
    int64_t id, at, staff_id, row_id;
    const char *action;
    fd_record_table table;
    int format;    /* 1: written before sealing existed; 2: its hash covers its epoch too;
                      3: it records its row and, after it, the event event_id */
    bool sealed;
    fd_date epoch; /* the day whose key sealed it, when sealed */
    int64_t event_id; /* format 3: the row's first event, in the same transaction */
} audit_entry;

/* Each record table has two statements: row_<table> reads a row, ids_<table> every id
 * in order. */
fd_sql_id audit_row_sql(fd_record_table t);
fd_sql_id audit_ids_sql(fd_record_table t);

/* What hashing an entry saw of its row besides the hash. */
typedef struct audit_row {
    bool personal_ok; /* its personal data is what the chain holds of it (or purged) */
    /* It was written before commitments were, and the purge has cleared it since: its
     * first entry cannot be recomputed, and a later entry records it as it is now. */
    bool forgotten;
    /* Which row was not found, when the hash is FD_NOT_FOUND. */
    fd_record_table missing;
    int64_t missing_id;
} audit_row;

/* The entry's hash: HMAC under the site secret of prev ‖ the entry ‖ the row's canonical
 * content (‖ in format 3 the event's, named and numbered). FD_NOT_FOUND when a row it
 * records is gone (row->missing says which). */
fd_status audit_entry_hash(fd_desk *d, const unsigned char *prev, size_t prev_size,
                           const audit_entry *e, unsigned char out[FD_HASH_SIZE], audit_row *row,
                           fd_error *err);

/* The chain's head as read inside a transaction. */
fd_status audit_read_head(fd_store *store, void *head, fd_error *err);

#endif
