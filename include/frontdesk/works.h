/* Renovations, their workers' passes, hot-work permits and the daily tools register
 * (装修管理制度 一.1–17: 装修许可证, 施工人员临时工作证, 动火证, 工具登记).
 *
 * A renovation file belongs to a unit of the directory: the owner, the contractor and
 * its site manager, the term of 45 days from its first day (一.4), the deposit with its
 * receipt number (一.3). The term is extended only on a written request recorded before
 * it ends; after its last day an extension is refused.
 *
 *   renovation: (new) open → active; active extend → active; active complete → completed
 *               (every pass back or forfeited; the deposit refunded against its receipt)
 *   work_pass:  (new) issue → issued; issued renew → issued; issued return → returned
 *               (deposit refunded) or → forfeited (deposit kept)
 *   hot_work:   (new) approve → approved (an approver in place, with PIN); approved
 *               clear → cleared (the site cleared after the work)
 *   tools:      (new) register → in (the morning's list); in check_out → out
 *
 * A worker's pass (一.5): 50 元 received, of which 40 元 is a deposit refunded when the
 * pass comes back; issued only on the owner's or the site manager's signature (who
 * signed is recorded). A pass more than three days past its last day — calendar days,
 * as the manual counts them — forfeits its deposit, as does a lost pass or deposit
 * receipt (一.17). A photo on the pass is optional (一.5): whether it carries one is
 * recorded at issue. Money is recorded as received and refunded with receipt numbers;
 * this is not accounting. The worker's document is kept as a visitor's is: masked on
 * screen and paper unless the reader's role may see it, and forgotten by the privacy
 * purge (fd_visits_purge) once the pass ended longer ago than the retention period.
 *
 * Nothing is overwritten: each step is an event with the row that carries it. */
#ifndef FRONTDESK_WORKS_H
#define FRONTDESK_WORKS_H

#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/book.h"
#include "frontdesk/desk.h"
#include "frontdesk/machine.h"
#include "frontdesk/roles.h"
#include "frontdesk/validate.h"

enum {
    FD_RENOVATION_TERM_DAYS = 45,  /* 一.4 */
    FD_WORK_PASS_RECEIVED = 50,    /* 一.5: 10 元 for the card, 40 元 deposit */
    FD_WORK_PASS_DEPOSIT = 40,
    FD_WORK_PASS_GRACE_DAYS = 3,   /* 一.5: returned or renewed within three days */
    FD_WORK_PASS_DUE_DAYS = 3,     /* shown as coming due this many days ahead */
};

/* Sizes in bytes, the terminating NUL included. */
enum {
    FD_WORKS_NAME_MAX = 100,     /* 32 characters: names, units, receipts, certificates */
    FD_WORKS_COMPANY_MAX = 190,  /* 60 characters */
    FD_WORKS_TEXT_MAX = 1501,    /* 500 characters: a request, the work, a tools list */
    FD_WORKS_DOC_MAX = 40,
};

extern const fd_machine fd_renovation_machine, fd_work_pass_machine, fd_hot_work_machine,
    fd_tools_machine;

/* ---- renovations ---- */

/* Field names in fd_error: unit, owner, contractor, site_manager, starts_on, deposit,
 * deposit_receipt. */
typedef struct fd_renovation_intake {
    int64_t unit_id;          /* picked from the directory; 0: found by the code typed */
    const char *unit;         /* its code */
    const char *owner;
    const char *contractor;   /* the company */
    const char *site_manager; /* 施工负责人 */
    fd_date starts_on;        /* 0: today; the term's first day, not before today */
    int deposit;              /* 元, as received */
    const char *deposit_receipt;
} fd_renovation_intake;

fd_status fd_renovation_open(fd_desk *d, const fd_actor *who, const fd_renovation_intake *in,
                             int64_t *id, fd_error *err);

/* The term extended to until_on on the written request (its reference and what it
 * asks, as filed). Refused once the term's last day has passed. Field names: until,
 * request. */
fd_status fd_renovation_extend(fd_desk *d, const fd_actor *who, int64_t id, fd_date until_on,
                               const char *request, fd_error *err);

/* Completed, approved in place by approver (FD_ACT_WORKS_COMPLETE: a duty manager or
 * the customer-service manager, checked with the PIN by the caller's login). Refused
 * while a pass is still out, a hot-work site is not cleared (field hot_work) or tools
 * are not carried out (field tools). refunded 元 against refund_receipt (0 and "" when
 * nothing is refunded: a lost deposit receipt). Field names: refunded, refund_receipt,
 * hot_work, tools, approver. */
fd_status fd_renovation_complete(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                                 int64_t id, int refunded, const char *refund_receipt,
                                 fd_error *err);
/* Whether a field of the completion is required when refunded 元 are refunded: the
 * refund's receipt once anything is. The one rule, for the form's marks too. */
bool fd_renovation_complete_requires(int refunded, const char *field);
/* The same checks without the approver and without writing: whether the renovation may
 * be completed so, asked before the confirmation and the PIN. */
fd_status fd_renovation_complete_check(fd_desk *d, const fd_actor *who, int64_t id, int refunded,
                                       const char *refund_receipt, fd_error *err);

typedef enum fd_renovation_state {
    FD_RENOVATION_ACTIVE, FD_RENOVATION_COMPLETED
} fd_renovation_state;

typedef struct fd_renovation {
    int64_t id;
    fd_renovation_state state;
    int64_t unit_id;
    char unit[FD_WORKS_NAME_MAX];
    char owner[FD_WORKS_NAME_MAX];
    char contractor[FD_WORKS_COMPANY_MAX];
    char site_manager[FD_WORKS_NAME_MAX];
    fd_date starts_on, ends_on;  /* ends_on after the extensions */
    int extensions;
    bool term_over;              /* active and past its last day: work may be stopped */
    int deposit;
    char deposit_receipt[FD_WORKS_NAME_MAX];
    int passes_out;
    int refunded;
    char refund_receipt[FD_WORKS_NAME_MAX];
    fd_time opened_at, completed_at;
    char opened_by[64];
    bool corrected;              /* some field has a correction */
} fd_renovation;

fd_status fd_renovation_get(fd_desk *d, const fd_actor *who, int64_t id, fd_renovation *out,
                            fd_error *err);
/* Every renovation still active, by its term's last day, soonest first. */
fd_status fd_renovations_active(fd_desk *d, const fd_actor *who,
                                void (*each)(void *ctx, const fd_renovation *r), void *ctx,
                                fd_error *err);

/* Every renovation, completed ones too, whose unit, owner or contractor contains text
 * (full-width letters and digits as half-width, letters in any case): those under way
 * first, by their last day. At most limit. */
fd_status fd_renovations_search(fd_desk *d, const fd_actor *who, const char *text, int limit,
                                void (*each)(void *ctx, const fd_renovation *r), void *ctx,
                                fd_error *err);

/* ---- workers' passes ---- */

typedef enum fd_work_signer { FD_SIGNER_OWNER, FD_SIGNER_SITE_MANAGER } fd_work_signer;
const char *fd_work_signer_label(fd_work_signer s); /* translated */

/* Field names: worker, doc_type, doc_number, signer, valid_until, receipt. */
typedef struct fd_work_pass_intake {
    int64_t renovation_id;
    const char *worker;
    fd_doc_type doc_type;
    const char *doc_number;
    fd_work_signer signer_role;
    const char *signer;       /* the name of who signed: must be the file's owner or site manager */
    fd_date valid_until;      /* 0: the renovation's last day; never past it */
    const char *receipt;      /* the receipt given for the 50 元 */
    bool photo;               /* the worker's photo is stuck on the pass (optional) */
} fd_work_pass_intake;

fd_status fd_work_pass_issue(fd_desk *d, const fd_actor *who, const fd_work_pass_intake *in,
                             int64_t *id, fd_error *err);
/* A new last day, not past the renovation's; refused once the deposit is forfeited.
 * Field name: valid_until. */
fd_status fd_work_pass_renew(fd_desk *d, const fd_actor *who, int64_t id, fd_date valid_until,
                             fd_error *err);

/* What the desk sees when a pass comes back (or is reported lost). */
typedef struct fd_work_pass_return {
    bool pass_back;          /* false: the pass is lost */
    bool receipt_shown;      /* the deposit receipt is shown */
    const char *refund_receipt; /* the refund's receipt number, when a refund is due */
} fd_work_pass_return;

/* Whether a pass ended today would have its deposit refunded: the pass back, its
 * receipt shown, and no more than three days past its last day. The one rule. */
bool fd_work_pass_refundable(fd_date valid_until, fd_date today, bool pass_back,
                             bool receipt_shown);

/* The pass ends: returned with the deposit refunded, or forfeited; the core decides by
 * fd_work_pass_refundable. *refunded gets the 元 refunded (0: forfeited). Field name:
 * refund_receipt. */
fd_status fd_work_pass_end(fd_desk *d, const fd_actor *who, int64_t id,
                           const fd_work_pass_return *in, int *refunded, fd_error *err);

typedef enum fd_work_pass_state {
    FD_PASS_ISSUED, FD_PASS_RETURNED, FD_PASS_FORFEITED
} fd_work_pass_state;

/* Where an issued pass stands today. */
typedef enum fd_pass_standing {
    FD_PASS_IN_FORCE,  /* more than FD_WORK_PASS_DUE_DAYS to go */
    FD_PASS_DUE,       /* its last day within FD_WORK_PASS_DUE_DAYS */
    FD_PASS_OVERDUE,   /* past its last day, within the three days of grace */
    FD_PASS_LAPSED,    /* more than three days past: its deposit is forfeited */
    FD_PASS_ENDED,     /* returned or forfeited */
} fd_pass_standing;
fd_pass_standing fd_work_pass_standing(fd_work_pass_state state, fd_date valid_until,
                                       fd_date today);
const char *fd_pass_standing_label(fd_pass_standing s); /* translated */
const char *fd_pass_standing_name(fd_pass_standing s);  /* stored: "due", "overdue" … */
fd_pass_standing fd_pass_standing_parse(const char *name); /* FD_PASS_ENDED when unknown */

typedef struct fd_work_pass {
    int64_t id, renovation_id;
    fd_work_pass_state state;
    fd_pass_standing standing;
    char unit[FD_WORKS_NAME_MAX];
    char contractor[FD_WORKS_COMPANY_MAX];
    char worker[FD_WORKS_NAME_MAX];
    fd_doc_type doc_type;
    char doc_number[FD_WORKS_DOC_MAX]; /* masked unless doc_in_full */
    bool doc_in_full;
    fd_work_signer signer_role;
    char signer[FD_WORKS_NAME_MAX];
    fd_date valid_until;
    int received, deposit, refunded;
    char receipt[FD_WORKS_NAME_MAX], refund_receipt[FD_WORKS_NAME_MAX];
    fd_time issued_at, ended_at;
    char issued_by[64];
    bool photo;                  /* the pass carries the worker's photo */
    bool corrected;              /* some field has a correction */
} fd_work_pass;

fd_status fd_work_pass_get(fd_desk *d, const fd_actor *who, int64_t id, fd_work_pass *out,
                           fd_error *err);
/* The passes still issued whose last day is within FD_WORK_PASS_DUE_DAYS of today or
 * past: coming due, overdue and lapsed, soonest first (the screen's and the handover's
 * list). With text (not NULL or blank), only those whose unit, worker or contractor
 * contains it, as fd_renovations_search matches. At most limit. */
fd_status fd_work_passes_due(fd_desk *d, const fd_actor *who, const char *text, int limit,
                             void (*each)(void *ctx, const fd_work_pass *p), void *ctx,
                             fd_error *err);
/* A renovation's passes, by number. */
fd_status fd_work_passes_of(fd_desk *d, const fd_actor *who, int64_t renovation_id,
                            void (*each)(void *ctx, const fd_work_pass *p), void *ctx,
                            fd_error *err);

/* ---- hot-work permits ---- */

/* Field names: welder, certificate, work, starts_at, ends_at, approver. */
typedef struct fd_hot_work_intake {
    int64_t renovation_id;
    const char *welder;
    const char *certificate;  /* the welder's certificate number */
    const char *work;         /* what and where: 电焊, 切割 … */
    fd_time starts_at, ends_at; /* the window: starts now or later, within the term (not
                                 * before its first day) */
} fd_hot_work_intake;

/* Approved in place by approver (FD_ACT_WORKS_HOT_WORK, checked with the PIN by the
 * caller's login), before the work starts. */
fd_status fd_hot_work_approve(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                              const fd_hot_work_intake *in, int64_t *id, fd_error *err);
/* The site cleared after the work (一.7). */
fd_status fd_hot_work_clear(fd_desk *d, const fd_actor *who, int64_t id, fd_error *err);

typedef struct fd_hot_work {
    int64_t id, renovation_id;
    bool cleared;
    char unit[FD_WORKS_NAME_MAX];
    char welder[FD_WORKS_NAME_MAX], certificate[FD_WORKS_NAME_MAX];
    char work[FD_WORKS_TEXT_MAX];
    fd_time starts_at, ends_at;
    char approver[64];
} fd_hot_work;

/* Every permit whose site is not yet cleared, by number (the handover's list). */
fd_status fd_hot_works_open(fd_desk *d, const fd_actor *who,
                            void (*each)(void *ctx, const fd_hot_work *h), void *ctx,
                            fd_error *err);
/* A renovation's permits, by number. */
fd_status fd_hot_works_of(fd_desk *d, const fd_actor *who, int64_t renovation_id,
                          void (*each)(void *ctx, const fd_hot_work *h), void *ctx,
                          fd_error *err);

/* ---- the daily tools register ---- */

/* The morning's tools of a worker (pass_id: an issued pass of the renovation) or of the
 * crew (0), one tool per line with how many of it (a digit, full-width ones kept as
 * digits, or a Chinese numeral): at least one, a tool without a number refused. "、"
 * or "；" between tools also parts them, and each is kept on a line of its own; blank
 * lines are dropped. Read back one a line, lists kept before so too. Field names:
 * pass, items. */
fd_status fd_tools_register(fd_desk *d, const fd_actor *who, int64_t renovation_id,
                            int64_t pass_id, const char *items, int64_t *id, fd_error *err);
/* Carried out against the morning's list: as listed, or with a note of what differed
 * (then required). No new carry-out pass. Field name: note. */
fd_status fd_tools_check_out(fd_desk *d, const fd_actor *who, int64_t id, bool as_listed,
                             const char *note, fd_error *err);

typedef struct fd_tools {
    int64_t id, renovation_id, pass_id;
    bool out;
    fd_date day;
    char unit[FD_WORKS_NAME_MAX];
    char contractor[FD_WORKS_COMPANY_MAX];
    char worker[FD_WORKS_NAME_MAX];    /* "" for the crew */
    char items[FD_WORKS_TEXT_MAX];
    bool as_listed;
    char out_note[FD_WORKS_TEXT_MAX];
    fd_time registered_at, out_at;
} fd_tools;

fd_status fd_tools_get(fd_desk *d, const fd_actor *who, int64_t id, fd_tools *out,
                       fd_error *err);
/* Today's registrations, and any earlier ones never checked out: by number. With text
 * (not NULL or blank), only those whose unit, worker, contractor or tools contain it,
 * as fd_renovations_search matches. */
fd_status fd_tools_today(fd_desk *d, const fd_actor *who, const char *text,
                         void (*each)(void *ctx, const fd_tools *t), void *ctx, fd_error *err);

/* ---- corrections ---- */

/* The fields a correction may change, X(id, stored name, label): a renovation file's
 * (the first four) and a worker's pass's. The state, the term, the signer and the money
 * move by the steps above and are not corrected. */
#define FD_WORKS_FIELD_LIST(X)                                   \
    X(OWNER,           "owner",           N_("Owner"))           \
    X(CONTRACTOR,      "contractor",      N_("Building contractor")) \
    X(SITE_MANAGER,    "site_manager",    N_("Site manager"))    \
    X(DEPOSIT_RECEIPT, "deposit_receipt", N_("Deposit receipt no.")) \
    X(WORKER,          "worker",          N_("Worker"))          \
    X(DOCUMENT,        "document",        N_("Document"))        \
    X(RECEIPT,         "receipt",         N_("Pass receipt no."))

typedef enum fd_works_field {
#define FD_WORKS_FIELD_ENUM(id, name, label) FD_WORKS_FIELD_##id,
    FD_WORKS_FIELD_LIST(FD_WORKS_FIELD_ENUM)
#undef FD_WORKS_FIELD_ENUM
    FD_WORKS_FIELD_COUNT
} fd_works_field;

const char *fd_works_field_name(fd_works_field f);  /* stored */
const char *fd_works_field_label(fd_works_field f); /* translated */
/* Whether the field is a pass's (else the renovation file's). */
bool fd_works_field_of_pass(fd_works_field f);
/* What correcting the field needs: FD_ACT_WORKS_CORRECT_RECEIPT for a receipt number (money
 * was taken against it: a manager's), FD_ACT_WORKS_CORRECT for a name or a document. */
fd_action fd_works_field_action(fd_works_field f);

/* A correction, with its reason: a new row beside the record, which never changes. The
 * value is checked as at intake (a document by its type); one the record says already
 * is refused. Field names in fd_error: field, value, doc_type, reason. */
typedef struct fd_works_correction {
    fd_works_field field;
    const char *value;      /* the new value; DOCUMENT: the number */
    fd_doc_type doc_type;   /* DOCUMENT: its type */
    const char *reason;
} fd_works_correction;

/* A field of the renovation file (OWNER … DEPOSIT_RECEIPT), in any state. */
fd_status fd_renovation_correct(fd_desk *d, const fd_actor *who, int64_t id,
                                const fd_works_correction *in, fd_error *err);
/* A field of a worker's pass (WORKER, DOCUMENT, RECEIPT), in any state; a document
 * only while the pass still has one (the purge has not forgotten it). */
fd_status fd_work_pass_correct(fd_desk *d, const fd_actor *who, int64_t id,
                               const fd_works_correction *in, fd_error *err);

/* ---- history ---- */

/* A renovation's events and those of its passes, permits and tools, oldest first, then
 * the corrections of the file and of its passes, oldest first. Strings are valid during
 * the callback only. */
typedef struct fd_works_line {
    fd_time at;
    int64_t renovation_id;
    const char *unit;
    const char *kind;   /* "renovation", "work_pass", "hot_work", "tools" */
    const char *event;  /* the machine's event: "issue", "return", "forfeit", "approve" … */
    const char *what;   /* translated: the event's label */
    const char *staff;
    const char *approver; /* NULL when none */
    const char *detail; /* the row's own words: a worker, a note, a receipt … */
    /* event "correct" (kind "renovation" or "work_pass"): the field's translated label,
     * the value it replaced (as recorded, or the correction before) and the new one,
     * documents masked unless the reader may see them, and the reason; detail says it
     * all in one line. NULL otherwise. */
    const char *field, *old_value, *value, *reason;
} fd_works_line;

fd_status fd_renovation_history(fd_desk *d, const fd_actor *who, int64_t id,
                                void (*each)(void *ctx, const fd_works_line *line), void *ctx,
                                fd_error *err);
/* Every renovation's events in [from, to), oldest first, then the corrections written
 * then, oldest first: a day's log, read whole in one snapshot. */
fd_status fd_works_between(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                           void (*each)(void *ctx, const fd_works_line *line), void *ctx,
                           fd_error *err);

/* ---- export ---- */

/* `frontdesk export permits`: the workers' passes issued in [req->from, req->to), by
 * number, whole: the renovation (unit, company), the worker and document (masked unless
 * req->unmasked by a role allowed to see documents), who signed, the last day, the money
 * received and refunded with their receipts, the state, and the corrections of the pass
 * and of its file old → new (documents masked as in their column). Managers and
 * administrators (FD_ACT_WORKS_EXPORT). */
fd_status fd_works_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                          fd_book *book, fd_error *err);
/* The tools lists registered in [req->from, req->to), by number, for `export tools`:
 * when and by whom, the renovation, whose (the crew's names no worker), the tools one a
 * line in their cell, and whether and when they went out as listed or what differed.
 * Managers and administrators (FD_ACT_WORKS_EXPORT). */
fd_status fd_tools_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                          fd_book *book, fd_error *err);

#endif
