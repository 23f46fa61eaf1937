/* The audit chain. Every row a write inserts into a record table gets an audit entry
 * whose hash covers the previous entry's hash and the row's canonical content, so an
 * edit made behind the program's back breaks the chain at that row.
 *
 * Personal data a purge clears enters the content through a commitment of its row: a
 * row with the columns pii_salt and pii_commit (visits, do-not-admit entries) carries,
 * in pii_commit, a BLAKE2b keyed with its own random salt over its *_clear, *_hmac and
 * *_masked columns; the chain covers the commitment, not them. The purge clears them
 * and the salt: nothing left can test a guess, and the chain still verifies. Elsewhere
 * *_clear columns are left out and their *_hmac partner goes in.
 *
 * Each entry is also sealed: an HMAC of its hash under the key of its day (its epoch).
 * The key moves on each day by a one-way function and the day before's is destroyed,
 * so whoever reads the key file can seal only from that day on; the first entry of a
 * day is sealed under the day before's key too (its bridge), so no later key can carry
 * the chain across a day. The sealing code, printed once when the sealing begins, is
 * the seed of the first day's key: verify with it checks every seal from the start. */
#ifndef FRONTDESK_AUDIT_H
#define FRONTDESK_AUDIT_H

#include <stdint.h>
#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

enum { FD_SALT_SIZE = 32 };
/* What a purged *_masked column holds: nothing of the number, not even its length. */
#define FD_PURGED_MASK "********"

/* A column of the personal data a row commits to, in the table's column order. */
typedef struct fd_personal {
    const char *column;
    const char *value; /* NULL for NULL */
} fd_personal;

/* A new salt, and the commitment under it. */
void fd_audit_new_salt(unsigned char salt[FD_SALT_SIZE]);
void fd_audit_commit_personal(const unsigned char salt[FD_SALT_SIZE], const fd_personal *columns,
                              size_t count, unsigned char out[FD_HASH_SIZE]);

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
    X(shift_takeover)  \
    X(audit_sealing)            \
    X(call_entry)               \
    X(call_answer)              \
    X(call_referral)            \
    X(call_complaint)           \
    X(notice)                   \
    X(notice_override)          \
    X(notice_delivery)          \
    X(renovation)               \
    X(renovation_extension)     \
    X(renovation_close)         \
    X(work_pass)                \
    X(work_pass_renewal)        \
    X(work_pass_end)            \
    X(hot_work)                 \
    X(work_tools)               \
    X(work_tools_out)           \
    X(pass_authority)           \
    X(pass)                     \
    X(pass_item)                \
    X(pass_refusal)             \
    X(work_pass_document)       \
    X(work_pass_photo)          \
    X(call_repair)              \
    X(call_repair_done)

typedef enum fd_record_table {
#define FD_TABLE_ENUM(name) FD_TABLE_##name,
    FD_RECORD_TABLE_LIST(FD_TABLE_ENUM)
#undef FD_TABLE_ENUM
    FD_TABLE_COUNT
} fd_record_table;

const char *fd_record_table_name(fd_record_table t);
bool fd_record_table_parse(const char *name, fd_record_table *out);

/* Whether the row still matches the first audit entry written for it: a purge checks a
 * row written before commitments existed before it clears it, as it records the row
 * anew. */
fd_status fd_audit_row_matches(fd_desk *d, fd_record_table table, int64_t row_id, bool *matches,
                               fd_error *err);

/* Appends the entry for a row just inserted; call inside fd_store_write.
 * who may be NULL for the system itself (schema set-up, first administrator). */
fd_status fd_audit_row(fd_desk *d, const fd_actor *who, const char *action,
                       fd_record_table table, int64_t row_id, fd_error *err);

/* One entry for a row just inserted and the event just fired on it in the same
 * transaction (its first: fd_machine_begin), in place of one entry each: the entry's
 * hash covers both rows, and verify counts both as recorded. */
fd_status fd_audit_row_and_event(fd_desk *d, const fd_actor *who, const char *action,
                                 fd_record_table table, int64_t row_id, int64_t event_id,
                                 fd_error *err);

typedef struct fd_chain_head {
    int64_t entries;
    char hash[FD_HASH_HEX]; /* "" while the chain is empty */
} fd_chain_head;

fd_status fd_audit_head(fd_desk *d, fd_chain_head *out, fd_error *err);

/* Anchors the chain's head outside the database, after a handover, a print or a purge
 * (why names which): in the system log through syslog(3), and in the head file among
 * the keys. verify fails when the database is behind an anchor it can read. */
fd_status fd_audit_anchor(fd_desk *d, const char *why, fd_error *err);

/* Begins sealing a database made before sealing existed (an administrator): the
 * entries so far are sealed as one by the first sealed entry, this sealing's own
 * record. code receives the sealing code, to print once for the office safe. */
fd_status fd_audit_begin_sealing(fd_desk *d, const fd_actor *who, char code[FD_SEAL_CODE_TEXT],
                                 fd_error *err);
/* Rebuilds the day's sealing key from the code (an administrator), when the key file
 * was lost: the code must seal the chain's last entry. The rebuilding is recorded. */
fd_status fd_audit_rebuild_sealing(fd_desk *d, const fd_actor *who, const char *code,
                                   fd_error *err);

typedef struct fd_verify_result {
    int64_t entries;   /* audit entries walked */
    int64_t problems;  /* each one reported */
    fd_chain_head head;
    bool head_found;   /* when verifying against a printed head: it is in the chain */
    int64_t anchors;   /* heads anchored outside the database, compared with the chain */
    bool sealed;       /* the chain has sealed entries */
    int64_t seals_checked;   /* with the code, or with the day's key from the key file */
    int64_t seals_unchecked; /* of days whose keys are gone: the code checks them */
} fd_verify_result;

typedef struct fd_verify_request {
    const char *against;   /* a chain head printed on paper, or NULL */
    const char *seal_code; /* the sealing code from the office safe, or NULL */
    /* System logs to read anchors from, beside the head file (NULL-terminated; may be
     * NULL). Those that cannot be read are passed over. */
    const char *const *logs;
    void (*report)(void *ctx, const char *problem); /* each problem, one translated line */
    void *ctx;            /* report's */
    fd_progress_sink progress; /* entries walked of all */
} fd_verify_request;

/* Checks the schema against the migrations; walks the chain, recomputing every hash
 * from the rows as they are now, checking every seal it has the key for (all of them
 * with the code) and comparing it with every anchor it can read (the head file, the
 * logs): the database behind one, or an entry that differs from one, is reported;
 * checks that every record row has its entry, that derived tables match what they
 * derive from, and runs integrity_check and foreign_key_check. FD_TAMPERED when
 * anything was reported; FD_INVALID for a code that is not one. */
fd_status fd_verify_with(fd_desk *d, const fd_verify_request *req, fd_verify_result *out,
                         fd_error *err);
/* fd_verify_with, without a code or a sign of life. against may be NULL. */
fd_status fd_verify(fd_desk *d, const char *against,
                    void (*report)(void *ctx, const char *problem), void *ctx,
                    fd_verify_result *out, fd_error *err);

#endif
