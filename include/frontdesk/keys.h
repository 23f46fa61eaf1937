/* Key loans (钥匙管理制度, 借用钥匙登记表). Keys are registered (建档) with a tag, what
 * they open, their kind and a custodian; custody moves by recorded transfers. A loan
 * is requested, consented to by a duty manager or the customer-service manager (in
 * place or later), handed over and returned. Keys are due back by the curfew the same
 * day, unless an engineering repair names its expected return; a key not back by then
 * is overdue — a mark computed against the desk's clock, not a stored state, because
 * time passing is not an event. An emergency loan of an owner's spare key records every
 * call made to the owner/tenant and then the emergency contacts, and is not handed over
 * before there is at least one per unit. Copies need the customer-service manager; a
 * lock change retires the key and opens a 24-hour deadline for sealing the new one. */
#ifndef FRONTDESK_KEYS_H
#define FRONTDESK_KEYS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "frontdesk/desk.h"
#include "frontdesk/directory.h"
#include "frontdesk/book.h"
#include "frontdesk/machine.h"
#include "frontdesk/roles.h"

/* X(id, stored name, label) */
#define FD_KEY_KIND_LIST(X)                                  \
    X(SPARE,  "spare",  N_("Owner's spare key"))             \
    X(PUBLIC, "public", N_("Public area key"))               \
    X(MASTER, "master", N_("Master key"))

#define FD_KEY_REASON_LIST(X)                                \
    X(REPAIR,     "repair",     N_("Engineering repair"))    \
    X(CLEANING,   "cleaning",   N_("Cleaning"))              \
    X(INSPECTION, "inspection", N_("Inspection"))            \
    X(METER,      "meter",      N_("Meter reading"))         \
    X(VIEWING,    "viewing",    N_("Showing the unit"))      \
    X(OTHER,      "other",      N_("Other (say what in the note)"))

#define FD_BORROWER_KIND_LIST(X)                             \
    X(STAFF,      "staff",      N_("Staff"))                 \
    X(CONTRACTOR, "contractor", N_("Contractor"))

#define FD_KEY_STATE_LIST(X)                                          \
    X(IN_STORE, "in_store", N_("In store"))                           \
    X(ON_LOAN,  "on_loan",  N_("On loan"))                            \
    X(DAMAGED,  "damaged",  N_("Damaged"))                            \
    X(LOST,     "lost",     N_("Lost"))                               \
    X(TO_SEAL,  "to_seal",  N_("Retired, new key to be sealed"))      \
    X(RETIRED,  "retired",  N_("Retired"))

#define FD_LOAN_STATE_LIST(X)                                         \
    X(REQUESTED, "requested", N_("Waiting for consent"))              \
    X(APPROVED,  "approved",  N_("Approved"))                         \
    X(OUT,       "out",       N_("Out"))                              \
    X(RETURNED,  "returned",  N_("Returned"))                         \
    X(REFUSED,   "refused",   N_("Refused"))                          \
    X(CANCELLED, "cancelled", N_("Cancelled"))                        \
    X(LOST,      "lost",      N_("Closed: key lost"))

#define FD_KEY_OUTCOME_LIST(X)                                    \
    X(REACHED,      "reached",      N_("Reached"))                \
    X(NO_ANSWER,    "no_answer",    N_("No answer"))              \
    X(BUSY,         "busy",         N_("Line busy"))              \
    X(UNREACHABLE,  "unreachable",  N_("Switched off or out of reach")) \
    X(WRONG_NUMBER, "wrong_number", N_("Wrong number"))           \
    X(MESSAGE,      "message",      N_("Left a message"))

typedef enum fd_key_kind {
#define FD_KEY_KIND_ENUM(id, name, label) FD_KEY_##id,
    FD_KEY_KIND_LIST(FD_KEY_KIND_ENUM)
#undef FD_KEY_KIND_ENUM
    FD_KEY_KIND_COUNT
} fd_key_kind;

typedef enum fd_key_reason {
#define FD_KEY_REASON_ENUM(id, name, label) FD_KEY_REASON_##id,
    FD_KEY_REASON_LIST(FD_KEY_REASON_ENUM)
#undef FD_KEY_REASON_ENUM
    FD_KEY_REASON_COUNT
} fd_key_reason;

typedef enum fd_borrower_kind {
#define FD_BORROWER_ENUM(id, name, label) FD_BORROWER_##id,
    FD_BORROWER_KIND_LIST(FD_BORROWER_ENUM)
#undef FD_BORROWER_ENUM
    FD_BORROWER_KIND_COUNT
} fd_borrower_kind;

typedef enum fd_key_outcome {
#define FD_KEY_OUTCOME_ENUM(id, name, label) FD_KEY_OUTCOME_##id,
    FD_KEY_OUTCOME_LIST(FD_KEY_OUTCOME_ENUM)
#undef FD_KEY_OUTCOME_ENUM
    FD_KEY_OUTCOME_COUNT
} fd_key_outcome;

typedef enum fd_key_state {
#define FD_KEY_STATE_ENUM(id, name, label) FD_KEY_STATE_##id,
    FD_KEY_STATE_LIST(FD_KEY_STATE_ENUM)
#undef FD_KEY_STATE_ENUM
    FD_KEY_STATE_COUNT
} fd_key_state;

typedef enum fd_loan_state {
#define FD_LOAN_STATE_ENUM(id, name, label) FD_LOAN_STATE_##id,
    FD_LOAN_STATE_LIST(FD_LOAN_STATE_ENUM)
#undef FD_LOAN_STATE_ENUM
    FD_LOAN_STATE_COUNT
} fd_loan_state;

typedef enum fd_key_incident_kind { FD_KEY_LOST, FD_KEY_DAMAGED } fd_key_incident_kind;

/* Stored names and translated labels (a screen's choice lists are built from these). */
const char *fd_key_kind_name(fd_key_kind k);
const char *fd_key_kind_label(fd_key_kind k);
bool fd_key_kind_parse(const char *name, fd_key_kind *out);
const char *fd_key_reason_name(fd_key_reason r);
const char *fd_key_reason_label(fd_key_reason r);
bool fd_key_reason_parse(const char *name, fd_key_reason *out);
const char *fd_borrower_kind_name(fd_borrower_kind k);
const char *fd_borrower_kind_label(fd_borrower_kind k);
bool fd_borrower_kind_parse(const char *name, fd_borrower_kind *out);
const char *fd_key_outcome_name(fd_key_outcome o);
const char *fd_key_outcome_label(fd_key_outcome o);
bool fd_key_outcome_parse(const char *name, fd_key_outcome *out);

const char *fd_key_state_name(fd_key_state s);
bool fd_key_state_parse(const char *name, fd_key_state *out);
const char *fd_loan_state_name(fd_loan_state s);
bool fd_loan_state_parse(const char *name, fd_loan_state *out);
/* Translated state labels; overdue turns "on loan" and "out" into "overdue" (and "to
 * seal" into "sealing overdue"); it changes no other state. */
const char *fd_key_state_label(fd_key_state s, bool overdue);
const char *fd_loan_state_label(fd_loan_state s, bool overdue);

/* The two machines (fired by the operations below). */
extern const fd_machine fd_key_machine;
extern const fd_machine fd_loan_machine;

/* The steps of a key and of a loan a screen offers. */
typedef enum fd_key_step {
    FD_KEY_STEP_TRANSFER,    /* custody to someone else */
    FD_KEY_STEP_LOSE,
    FD_KEY_STEP_DAMAGE,
    FD_KEY_STEP_RECOVER,     /* found when lost, repaired when damaged */
    FD_KEY_STEP_COPY,        /* a copy made from it */
    FD_KEY_STEP_CHANGE_LOCK,
    FD_KEY_STEP_SEAL,        /* its lock's new key sealed */
    FD_KEY_STEP_RETIRE,
    FD_KEY_STEP_COUNT
} fd_key_step;

typedef enum fd_loan_step {
    FD_LOAN_STEP_APPROVE,
    FD_LOAN_STEP_REFUSE,
    FD_LOAN_STEP_NOTIFY,     /* a call about an emergency loan */
    FD_LOAN_STEP_LEND,
    FD_LOAN_STEP_RETURN,
    FD_LOAN_STEP_CANCEL,
    FD_LOAN_STEP_COUNT
} fd_loan_step;

/* May who, approved in place by approver (or NULL), take step on the key (the loan),
 * which is in state, now? Nothing is written. FD_STATE: the state has no such step (a
 * loan that is no emergency takes no calls); FD_DENIED: not this person (a manager may
 * approve in place); another status: the step wants more than a question can give (the
 * calls before an emergency loan's keys go out). The operation itself asks again. */
fd_status fd_key_may(fd_desk *d, int64_t key_id, fd_key_state state, fd_key_step step,
                     const fd_actor *who, const fd_actor *approver);
fd_status fd_key_loan_may(fd_desk *d, int64_t loan_id, fd_loan_state state, fd_loan_step step,
                          const fd_actor *who, const fd_actor *approver);
/* Translated label of an event of either machine ("lend", "seal", …). */
const char *fd_key_event_label(const char *event);

enum {
    FD_KEY_TAG_MAX = 24,       /* characters: A-Z 0-9 - _ . / */
    FD_KEY_TEXT_MAX = 60,      /* characters of a description, name, company, department */
    FD_KEY_NOTE_MAX = 200,     /* characters of a note */
    FD_KEY_PHONE_SHOWN = 48,   /* a phone as shown: masked or not */
    FD_KEY_SEAL_HOURS = 24,
    FD_KEY_REPAIR_DAYS_MAX = 31, /* an engineering repair's expected return, at most */
};

/* ---- the register ---- */

typedef struct fd_key_new {
    const char *tag;            /* case ignored, stored in upper case */
    int64_t unit_id;            /* the unit it opens, else 0 */
    const char *description;    /* which door; what it opens when not a unit's */
    fd_key_kind kind;
    int64_t entrustment_id;     /* spare keys: 0 takes the unit's latest entrustment */
    const char *department;     /* custodian: one of the configured departments */
    const char *custodian;      /* custodian: the person */
} fd_key_new;

fd_status fd_key_register(fd_desk *d, const fd_actor *who, const fd_key_new *k, int64_t *id,
                          fd_error *err);
/* Hands custody to another person (交接记录). */
fd_status fd_key_transfer(fd_desk *d, const fd_actor *who, int64_t key_id, const char *department,
                          const char *custodian, const char *note, fd_error *err);
/* A copy (配钥匙) made from a key in store: the customer-service manager's approval
 * (who, or approver in place). The copy is a new key with copy_of set. */
fd_status fd_key_copy(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t key_id,
                      const char *tag, const char *department, const char *custodian,
                      const char *note, int64_t *copy_id, fd_error *err);
/* A key lost or damaged, with the person responsible. */
fd_status fd_key_incident(fd_desk *d, const fd_actor *who, int64_t key_id,
                          fd_key_incident_kind kind, const char *responsible, const char *note,
                          fd_error *err);
/* A lost key found, or a damaged one repaired: back in store. */
fd_status fd_key_recover(fd_desk *d, const fd_actor *who, int64_t key_id, const char *note,
                         fd_error *err);
/* Withdraws a key for good (a manager; note says why). */
fd_status fd_key_retire(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t key_id,
                        const char *note, fd_error *err);
/* Engineering changed the lock: the key is retired and the new key is due to be
 * sealed by a duty manager within FD_KEY_SEAL_HOURS. Every other key of the old lock
 * still in use — its copies and theirs, and the key it was copied from with that
 * key's copies — is retired with it (event "lock_changed", naming the key). */
fd_status fd_key_change_lock(fd_desk *d, const fd_actor *who, int64_t key_id, const char *note,
                             fd_error *err);
/* A duty manager receives and seals the new key of a lock change: it is registered
 * with its own tag, replacing the old one, and the deadline closes. */
fd_status fd_key_seal(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t old_key_id,
                      const char *tag, const char *department, const char *custodian,
                      const char *note, int64_t *new_id, fd_error *err);

/* The key with this tag (as a barcode scanner types it), FD_NOT_FOUND if none. */
fd_status fd_key_find_tag(fd_desk *d, const char *tag, int64_t *id, fd_error *err);

/* ---- loans ---- */

typedef struct fd_key_loan_new {
    fd_borrower_kind borrower_kind;
    const char *borrower;
    const char *department;     /* staff: their department */
    const char *company;        /* contractor: required, with the phone */
    const char *phone;
    const int64_t *key_ids;
    size_t key_count;
    fd_key_reason reason;
    const char *note;           /* required for "other" and for an emergency */
    fd_time expected_return;    /* 0: none; a repair with one may stay out past the curfew */
    bool emergency;             /* fire, water leak …: notification trail for spare keys */
    bool hand_over;             /* consent in place: hand the keys over at once too */
} fd_key_loan_new;

/* Records a loan. A manager recording it, or approving it in place (approver), gives
 * the consent and it is "approved" (and "out" with hand_over); otherwise it stays
 * "requested" until a manager approves it. */
fd_status fd_key_loan_request(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                              const fd_key_loan_new *loan, int64_t *loan_id, fd_error *err);
/* Whether field ("department", "company", "phone", "note", …: the names the
 * request's errors give) must be filled for the loan as typed so far: staff give
 * their department, a contractor the company and phone, an emergency or a loan for
 * another reason a note. The rule fd_key_loan_request applies; forms mark by it. */
bool fd_key_loan_requires(const fd_key_loan_new *loan, const char *field);
/* Everything fd_key_loan_request checks of the loan as typed (the borrower, the reason,
 * the keys and whether each may be lent now), writing nothing: a form asks it before
 * it asks a manager for consent, so consent is never asked twice. */
fd_status fd_key_loan_check(fd_desk *d, const fd_key_loan_new *loan, fd_error *err);
/* Must the keys of this loan, as typed, wait for calls? An emergency loan of a unit's
 * spare key is handed over only once a call is recorded for each unit, and calls are
 * recorded against the loan: request it without hand_over, record the calls, then
 * fd_key_loan_lend. False too when a key cannot be read: the request says why. */
bool fd_key_loan_awaits_calls(fd_desk *d, const fd_key_loan_new *loan);
fd_status fd_key_loan_approve(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                              int64_t loan_id, const char *note, fd_error *err);
/* A manager refuses a request; note says why. */
fd_status fd_key_loan_refuse(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                             int64_t loan_id, const char *note, fd_error *err);
fd_status fd_key_loan_cancel(fd_desk *d, const fd_actor *who, int64_t loan_id, const char *note,
                             fd_error *err);
/* Hands the keys of an approved loan over; they are due back by fd_key_loan_due. An
 * emergency loan of spare keys needs, for each unit, a call recorded; and unless
 * someone was reached, every owner, tenant and emergency contact of the unit tried
 * (钥匙管理制度 §5) — or a reason, given with fd_key_loan_lend_why, to use the key
 * before they were (FD_INVALID, field "why", naming who has not been tried). */
fd_status fd_key_loan_lend(fd_desk *d, const fd_actor *who, int64_t loan_id, fd_error *err);
fd_status fd_key_loan_lend_why(fd_desk *d, const fd_actor *who, int64_t loan_id, const char *why,
                               fd_error *err);
/* The keys come back (those still on loan: a key lost meanwhile stays lost, and is
 * never recorded as returned). When every key of a loan is registered lost on it, the
 * loan closes as "lost" and cannot be returned. */
fd_status fd_key_loan_return(fd_desk *d, const fd_actor *who, int64_t loan_id,
                             const char *returned_by, const char *note, fd_error *err);

/* When keys handed over at out_at are due back: the curfew of that Beijing day (or its
 * end, when handed over after the curfew), or a repair's expected return. */
fd_time fd_key_loan_due(const fd_config *cfg, fd_key_reason reason, fd_time expected_return,
                        fd_time out_at);

/* One call made about an emergency loan of a unit's spare key. */
typedef struct fd_key_notice_new {
    int64_t unit_id;
    fd_dir_kind target;         /* FD_DIR_OCCUPANT, FD_DIR_CONTACT, or 0 for another number */
    int64_t target_id;          /* the directory entry's id (fd_key_loan_contacts) */
    const char *name;           /* another number: whose */
    const char *phone;          /* another number; NULL for a directory entry's own */
    fd_key_outcome outcome;
    const char *note;
    fd_time called_at;          /* 0: now */
} fd_key_notice_new;

fd_status fd_key_loan_notify(fd_desk *d, const fd_actor *who, int64_t loan_id,
                             const fd_key_notice_new *n, fd_error *err);
/* One person to call about a unit of an emergency loan, and whether they were tried. */
typedef struct fd_key_trail_row {
    const fd_dir_entry *entry;  /* owner/tenant or emergency contact, phone masked for who */
    int attempts;               /* calls recorded to them for this loan */
    fd_key_outcome last;        /* the latest call's outcome, when attempts > 0 */
    bool unit_reached;          /* someone was reached about this unit (any number) */
} fd_key_trail_row;
/* Everyone to call about the loan's spare-key units, in the order to call them
 * (owners, tenants, then emergency contacts), with the calls made to each. */
fd_status fd_key_loan_trail(fd_desk *d, const fd_actor *who, int64_t loan_id,
                            void (*each)(void *ctx, const fd_key_trail_row *row), void *ctx,
                            fd_error *err);
/* Whom to call, unit by unit for the loan's spare keys: owners and tenants first, then
 * the emergency contacts (fd_directory_contacts), phones masked for who as there. */
fd_status fd_key_loan_contacts(fd_desk *d, const fd_actor *who, int64_t loan_id,
                               void (*each)(void *ctx, const fd_dir_entry *e), void *ctx,
                               fd_error *err);

/* ---- views ---- */

typedef enum fd_keys_view {
    FD_KEYS_OUT,      /* on loan now, soonest due first (the default view) */
    FD_KEYS_OVERDUE,  /* on loan past their due time */
    FD_KEYS_REGISTER, /* every key by tag; the search narrows it */
    FD_KEYS_TO_SEAL,  /* lock changes whose new key is not sealed yet, by deadline */
} fd_keys_view;

typedef struct fd_key_row {
    int64_t id;
    const char *tag, *unit, *description; /* unit NULL when it is not a unit's key */
    fd_key_kind kind;
    fd_key_state state;
    bool overdue;               /* on loan past due, or to be sealed past the deadline */
    const char *department, *custodian;
    int64_t copy_of, replaces;
    int64_t loan_id;            /* on loan: the loan, with the fields below; else 0 */
    const char *borrower, *company;
    fd_time out_at;
    fd_time due_at;             /* on loan: due back; to be sealed: the deadline */
    bool emergency;
} fd_key_row;

/* The last row of the page before (keyset paging); zeroed: from the start. */
typedef struct fd_key_cursor {
    bool set;
    fd_time due;
    char tag[FD_KEY_TAG_MAX + 1];
    int64_t id;
} fd_key_cursor;
void fd_key_cursor_after(fd_key_cursor *c, const fd_key_row *row);

/* At most limit rows of a view after the cursor (NULL: from the start). search (may be
 * NULL) keeps keys whose tag or unit starts with it or whose description contains it.
 * Rows are valid only during each(). */
fd_status fd_keys_list(fd_desk *d, fd_keys_view view, const char *search,
                       const fd_key_cursor *after, int limit,
                       void (*each)(void *ctx, const fd_key_row *row), void *ctx, fd_error *err);
fd_status fd_key_get(fd_desk *d, int64_t key_id, void (*each)(void *ctx, const fd_key_row *row),
                     void *ctx, fd_error *err);

/* For the status line and the handover. */
fd_status fd_keys_count_out(fd_desk *d, long *out, fd_error *err);
fd_status fd_keys_count_overdue(fd_desk *d, long *out, fd_error *err);
fd_status fd_keys_count_pending(fd_desk *d, long *out, fd_error *err);
/* Loans approved and not yet handed out; keys whose new key waits to be sealed. */
fd_status fd_keys_count_approved(fd_desk *d, long *out, fd_error *err);
fd_status fd_keys_count_to_seal(fd_desk *d, long *out, fd_error *err);
fd_status fd_keys_count_seal_overdue(fd_desk *d, long *out, fd_error *err);
/* Every key overdue now / every lock change past its sealing deadline (the handover's
 * open items; both sets are bounded by the keys physically out). */
fd_status fd_keys_overdue(fd_desk *d, void (*each)(void *ctx, const fd_key_row *row), void *ctx,
                          fd_error *err);
fd_status fd_keys_seal_overdue(fd_desk *d, void (*each)(void *ctx, const fd_key_row *row),
                               void *ctx, fd_error *err);

/* One event of a key's history, newest first. */
typedef struct fd_key_event {
    int64_t id;
    const char *event, *from_state, *to_state, *note;
    fd_time at;
    const char *staff, *approver;  /* approver NULL when none */
    const char *custodian;         /* register, copy, seal, transfer: "department person" */
    const char *responsible;       /* lost, damaged */
    const char *other_tag;         /* a copy's or replacement's tag, or the key it came from */
    int64_t loan_id;               /* lend, return */
    const char *borrower;
    bool emergency;
} fd_key_event;
/* At most limit events older than before_id (0: the newest). */
fd_status fd_key_history(fd_desk *d, int64_t key_id, int64_t before_id, int limit,
                         void (*each)(void *ctx, const fd_key_event *e), void *ctx, fd_error *err);

typedef enum fd_loans_view {
    FD_LOANS_PENDING,  /* requested, waiting for a manager's consent */
    FD_LOANS_APPROVED, /* consented, keys not handed over yet */
} fd_loans_view;

typedef struct fd_loan_row {
    int64_t id;
    fd_loan_state state;
    bool emergency, overdue;      /* overdue: out past due, or returned after it */
    fd_borrower_kind borrower_kind;
    const char *borrower, *department, *company;
    char phone[FD_KEY_PHONE_SHOWN]; /* masked unless the viewer's role sees phones */
    fd_key_reason reason;
    const char *note;
    const char *keys;             /* tags, comma separated */
    int key_count;
    fd_time requested_at, expected_return, approved_at, out_at, due_at, returned_at; /* 0: not yet */
    const char *requested_by, *approved_by, *returned_by, *received_by;
    int notices;                  /* notification attempts recorded */
    int units_waiting;            /* emergency: spare-key units nobody has been called for */
    const char *lost_keys;        /* tags of keys lost during the loan, or NULL */
    const char *return_note;      /* what the desk noted as the keys came back, or NULL */
    /* Refused or cancelled: when, by whom (the manager who gave the word in place, else
     * who recorded it) and why (NULL when no reason was given); 0 and NULL otherwise. */
    fd_time ended_at;
    const char *ended_by, *ended_note;
} fd_loan_row;

/* At most limit loans of a view with ids above after_id, oldest first. */
fd_status fd_key_loans_list(fd_desk *d, const fd_actor *who, fd_loans_view view, int64_t after_id,
                            int limit, void (*each)(void *ctx, const fd_loan_row *row), void *ctx,
                            fd_error *err);
/* Loans requested, handed over or returned in [from, to) — a day's key log — with ids
 * above after_id, at most limit, by number. */
fd_status fd_key_loans_between(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                               int64_t after_id, int limit,
                               void (*each)(void *ctx, const fd_loan_row *row), void *ctx,
                               fd_error *err);
fd_status fd_key_loan_get(fd_desk *d, const fd_actor *who, int64_t loan_id,
                          void (*each)(void *ctx, const fd_loan_row *row), void *ctx,
                          fd_error *err);

typedef struct fd_key_notice_row {
    int64_t id, unit_id;
    const char *unit, *target, *name;  /* target: "occupant", "contact" or "other" */
    char phone[FD_KEY_PHONE_SHOWN];    /* masked unless the viewer's role sees phones */
    fd_key_outcome outcome;
    fd_time called_at;
    const char *note, *staff;
} fd_key_notice_row;
/* The calls recorded for a loan, in the order made. */
fd_status fd_key_loan_notices(fd_desk *d, const fd_actor *who, int64_t loan_id,
                              void (*each)(void *ctx, const fd_key_notice_row *row), void *ctx,
                              fd_error *err);

/* ---- export ---- */

/* Every loan requested in [from, to), a row per key, with borrower, approver, times and
 * marks; with req->monthly, the custodians' report instead: per custodian, the keys
 * lent, returned late, damaged and lost in the month. */
fd_status fd_keys_export(fd_desk *d, const fd_actor *who, const fd_export_request *req, fd_book *book,
                         fd_error *err);

#endif
