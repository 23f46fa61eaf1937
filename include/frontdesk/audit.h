/* The audit chain. Every row a write inserts into a record table gets an audit entry
 * whose hash covers the previous entry's hash and the row's canonical content, so an
 * edit made behind the program's back breaks the chain at that row. Columns named
 * *_clear hold personal data that a privacy purge may clear; they are left out of the
 * canonical content, which carries their *_hmac partner instead. */
#ifndef FRONTDESK_AUDIT_H
#define FRONTDESK_AUDIT_H

#include <stdint.h>
#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

/* The record tables, each audited row by row. X(name) — procedures add theirs. */
#define FD_RECORD_TABLE_LIST(X) \
    X(staff)                    \
    X(staff_pin)                \
    X(login_event)              \
    X(login_unknown)            \
    X(desk_mark)                \
    X(building)                 \
    X(unit)                     \
    X(occupant)                 \
    X(department)               \
    X(contact)                  \
    X(key_entrustment)          \
    X(visit)                    \
    X(visit_slip)               \
    X(visitor_ban)              \
    X(visit_purge)              \
    X(key_item)                 \
    X(key_custody)              \
    X(key_loan)                 \
    X(key_loan_item)            \
    X(key_loan_out)             \
    X(key_loan_return)          \
    X(key_notice)               \
    X(key_incident)             \
    X(key_lock_change)          \
    X(mail_item)                \
    X(mail_shelving)            \
    X(mail_handout)             \
    X(mail_handout_item)        \
    X(mail_return)              \
    X(mail_paper)               \
    X(event)                    \
    X(correction)               \
    X(complaint)                \
    X(complaint_deadline)       \
    X(complaint_assignment)     \
    X(complaint_rectification)  \
    X(complaint_visit)          \
    X(shift)                    \
    X(shift_entry)              \
    X(shift_progress)           \
    X(shift_handover)           \
    X(shift_handover_item)      \
    X(shift_handover_mark)      \
    X(shift_handover_count)     \
    X(shift_handover_end)       \
    X(shift_progress_time)      \
    X(shift_takeover)

typedef enum fd_record_table {
#define FD_TABLE_ENUM(name) FD_TABLE_##name,
    FD_RECORD_TABLE_LIST(FD_TABLE_ENUM)
#undef FD_TABLE_ENUM
    FD_TABLE_COUNT
} fd_record_table;

const char *fd_record_table_name(fd_record_table t);
bool fd_record_table_parse(const char *name, fd_record_table *out);

/* Appends the entry for a row just inserted; call inside fd_store_write.
 * who may be NULL for the system itself (schema set-up, first administrator). */
fd_status fd_audit_row(fd_desk *d, const fd_actor *who, const char *action,
                       fd_record_table table, int64_t row_id, fd_error *err);

typedef struct fd_chain_head {
    int64_t entries;
    char hash[FD_HASH_HEX]; /* "" while the chain is empty */
} fd_chain_head;

fd_status fd_audit_head(fd_desk *d, fd_chain_head *out, fd_error *err);

typedef struct fd_verify_result {
    int64_t entries;   /* audit entries walked */
    int64_t problems;  /* each one reported */
    fd_chain_head head;
    bool head_found;   /* when verifying against a printed head: it is in the chain */
} fd_verify_result;

/* Walks the chain, recomputing every hash from the rows as they are now; checks
 * that every record row has its entry, that derived tables match what they derive
 * from, and runs integrity_check and foreign_key_check. Each problem is reported
 * as one translated line naming the table and row. against may be NULL. */
fd_status fd_verify(fd_desk *d, const char *against,
                    void (*report)(void *ctx, const char *problem), void *ctx,
                    fd_verify_result *out, fd_error *err);

#endif
