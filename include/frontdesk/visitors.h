/* The visitor log (访客登记制度, 前台接待规章制度 §8 §11 §12). A visitor shows a document
 * and is registered; the desk contacts the visitee, whose consent admits the visitor
 * with a numbered slip (访客登记单) and whose refusal turns them away; on leaving the
 * visitor hands the slip back, signed by the visitee or not.
 *
 *   (new)      register        → registered   (desk staff; night: the duty manager)
 *   registered admit           → admitted     (same; issues the slip)
 *   registered refuse          → refused      (desk staff; a reason)
 *   admitted   sign_out        → left         (desk staff; slip came back signed)
 *   admitted   sign_out_unsigned → left       (desk staff; slip came back unsigned)
 *
 * Document numbers are kept in clear only for cfg->retention_days (fd_visits_purge);
 * their HMAC stays, so a returning visitor is still recognised. */
#ifndef FRONTDESK_VISITORS_H
#define FRONTDESK_VISITORS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "frontdesk/desk.h"
#include "frontdesk/book.h"
#include "frontdesk/machine.h"
#include "frontdesk/roles.h"
#include "frontdesk/validate.h"

/* X(id, stored name, label) */
#define FD_VISIT_STATE_LIST(X)                                           \
    X(REGISTERED, "registered", N_("Waiting for the visitee"))          \
    X(ADMITTED,   "admitted",   N_("Inside"))                           \
    X(REFUSED,    "refused",    N_("Refused entry"))                    \
    X(LEFT,       "left",       N_("Left"))

typedef enum fd_visit_state {
#define FD_VISIT_STATE_ENUM(id, name, label) FD_VISIT_##id,
    FD_VISIT_STATE_LIST(FD_VISIT_STATE_ENUM)
#undef FD_VISIT_STATE_ENUM
    FD_VISIT_STATE_COUNT
} fd_visit_state;

const char *fd_visit_state_name(fd_visit_state s);  /* as stored */
const char *fd_visit_state_label(fd_visit_state s); /* translated */

/* The visit's transition table (fired by the operations below). */
extern const fd_machine fd_visit_machine;

/* The steps of a visit a screen offers. */
typedef enum fd_visit_step {
    FD_VISIT_STEP_ADMIT,
    FD_VISIT_STEP_REFUSE,
    FD_VISIT_STEP_SIGN_OUT,          /* the slip came back signed */
    FD_VISIT_STEP_SIGN_OUT_UNSIGNED, /* the slip came back not signed */
    FD_VISIT_STEP_COUNT
} fd_visit_step;

/* May who, approved in place by approver (or NULL), take step on the visit, which is in
 * state, now? Nothing is written. FD_STATE: the state has no such step; FD_DENIED: not
 * this person (a supervisor may approve in place); FD_INVALID: the step wants more
 * than a question can give (a reason). The operation itself asks again. */
fd_status fd_visit_may(fd_desk *d, int64_t visit_id, fd_visit_state state, fd_visit_step step,
                       const fd_actor *who, const fd_actor *approver);

enum { FD_VISIT_TEXT_MAX = 64 * 4, FD_VISIT_PARTY_MAX = 99, FD_SLIP_TEXT = 24 };

/* What the desk types at registration. Whom they visit: ids picked from the directory
 * (0: not picked) and the text as it goes on the slip; the visitee's name and a unit
 * or company are required, free text is accepted when the person is not listed. A
 * picked unit supplies its code when unit is empty. */
typedef struct fd_visit_form {
    const char *visitor_name;
    fd_doc_type doc_type;
    const char *doc_number;
    /* Empty while returning_visit names the visitor's earlier visit (from
     * fd_visitor_recognise): the phone recorded then is used, unseen by the desk. */
    const char *phone;
    int64_t returning_visit;
    int party_size;
    const char *purpose;
    int64_t unit_id, company_id, department_id, person_id;
    const char *unit, *company, *department, *visitee_name, *visitee_position;
} fd_visit_form;

/* Whether field (the names of fd_visit_form's members) must be filled for the form as
 * typed: the phone unless a returning visitor's is on file, the unit unless a company
 * is given. The rule fd_visit_register applies; forms mark by it. */
bool fd_visit_requires(const fd_visit_form *f, const char *field);

/* Everything fd_visit_register checks of the form as typed (names, document, phone,
 * purpose, whom they visit), writing nothing: a screen asks it before the warnings, so
 * "save anyway?" is never followed by a refusal. */
fd_status fd_visit_check(fd_desk *d, const fd_visit_form *f, fd_error *err);

/* What the desk should double-check before registering, none of it a refusal: a unit
 * typed that the directory does not have, a person visited it does not list (both
 * only when not picked from it), a document known under another name. each() gets
 * one translated sentence per warning. Nothing is written. */
fd_status fd_visit_warnings(fd_desk *d, const fd_actor *who, const fd_visit_form *f,
                            void (*each)(void *ctx, const char *warning), void *ctx,
                            fd_error *err);

/* May who (with approver, who switched in, or NULL) register a visitor now? Screens
 * ask before the form is filled; fd_visit_register asks again. At night a
 * receptionist is told to hand over to the duty manager. */
fd_status fd_visit_may_register(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                                fd_error *err);

/* Registers a visit (state registered). Refused, with the reason, when the visitor is
 * on the do-not-admit list for the site or the unit visited. */
fd_status fd_visit_register(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                            const fd_visit_form *form, int64_t *visit_id, fd_error *err);

/* The slip issued at admission: its number, unique per Beijing day, and the gate. */
typedef struct fd_visit_slip {
    char number[FD_SLIP_TEXT];
    char gate[FD_VISIT_TEXT_MAX];
} fd_visit_slip;

/* The visitee agreed: admits the visitor and issues the slip. */
fd_status fd_visit_admit(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                         int64_t visit_id, fd_visit_slip *slip, fd_error *err);
/* The visitee refused (or could not be reached): entry refused, reason required. */
fd_status fd_visit_refuse(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                          int64_t visit_id, const char *reason, fd_error *err);
/* The visitor leaves: time out (0: now; not in the future nor before admission) and
 * whether the slip came back signed by the visitee. */
fd_status fd_visit_sign_out(fd_desk *d, const fd_actor *who, int64_t visit_id, bool slip_signed,
                            fd_time at, fd_error *err);

/* The fields a correction may change: X(id, stored name, label). The document is not
 * among them: its clear number must stay where the purge can reach it. */
#define FD_VISIT_FIELD_LIST(X)                                            \
    X(VISITOR_NAME,     "visitor_name",     N_("Visitor's name"))        \
    X(PHONE,            "phone",            N_("Phone"))                 \
    X(PARTY_SIZE,       "party_size",       N_("People"))                \
    X(PURPOSE,          "purpose",          N_("Purpose"))               \
    X(VISITEE_NAME,     "visitee_name",     N_("Person visited"))        \
    X(VISITEE_POSITION, "visitee_position", N_("Position"))

typedef enum fd_visit_field {
#define FD_VISIT_FIELD_ENUM(id, name, label) FD_VISIT_FIELD_##id,
    FD_VISIT_FIELD_LIST(FD_VISIT_FIELD_ENUM)
#undef FD_VISIT_FIELD_ENUM
    FD_VISIT_FIELD_COUNT
} fd_visit_field;

const char *fd_visit_field_name(fd_visit_field f);
const char *fd_visit_field_label(fd_visit_field f); /* translated */
bool fd_visit_field_parse(const char *name, fd_visit_field *out);

/* A correction after saving: a new entry with its reason; the value is checked as at
 * registration (a phone is validated and stored in normal form). */
fd_status fd_visit_correct(fd_desk *d, const fd_actor *who, int64_t visit_id, fd_visit_field field,
                           const char *value, const char *reason, fd_error *err);

/* A visit as it reads now (corrections applied), masked for the reader: the document
 * and phone in full only for the roles the configuration names. Strings are valid
 * during the callback only (or until fd_visit_free for a copy). */
typedef struct fd_visit {
    int64_t id;
    fd_visit_state state;
    const char *visitor_name;
    fd_doc_type doc_type;
    const char *doc_number;   /* masked, or in full for the reader; masked once purged */
    const char *phone;        /* masked, or in full for the reader */
    int party_size;
    const char *purpose;
    const char *visitee_unit, *visitee_company, *visitee_department;
    const char *visitee_name, *visitee_position;
    const char *slip;         /* NULL until admitted */
    const char *gate;         /* NULL until admitted */
    const char *refusal;      /* the reason, when refused */
    const char *registered_by;
    fd_time registered_at;
    fd_time admitted_at, left_at; /* 0: not yet */
    bool slip_signed;         /* when left */
    bool corrected;           /* some field has a correction */
    const char *key;          /* where a search found it: pass the row back as `after` */
} fd_visit;

fd_visit *fd_visit_dup(const fd_visit *v);
void fd_visit_free(fd_visit *v);

/* The lists the screen shows, newest first. Searches cover all of history: a name or
 * phone matches by any part (the middle character of a name, a phone's last four
 * digits; blanks and dashes in a phone are ignored), a visitee or slip number from its
 * start (a visitee by name, unit code or company; a slip also by its short number of up
 * to four digits, "011" or "11" finding every day's 011), a document whole (through its
 * HMAC, never its clear number). */
typedef enum fd_visit_view {
    FD_VISITS_INSIDE,      /* admitted, not yet left (the default) */
    FD_VISITS_WAITING,     /* registered, the visitee not yet contacted */
    FD_VISITS_TODAY,       /* registered today */
    FD_VISITS_BY_NAME,
    FD_VISITS_BY_PHONE,
    FD_VISITS_BY_DOCUMENT,
    FD_VISITS_BY_VISITEE,
    FD_VISITS_BY_SLIP,
    /* A phone when the text is digits (full-width too), blanks and dashes, else a name:
     * what one search line finds, typed either way. */
    FD_VISITS_BY_NAME_OR_PHONE,
    FD_VISIT_VIEW_COUNT
} fd_visit_view;

/* One page (keyset pagination): at most limit rows after the row after (NULL: from
 * the top), each handed to each(). text is the search text (ignored by the first three
 * views; an empty search lists nothing). */
fd_status fd_visits_list(fd_desk *d, const fd_actor *who, fd_visit_view view, const char *text,
                         const fd_visit *after, int limit,
                         void (*each)(void *ctx, const fd_visit *v), void *ctx, fd_error *err);

/* The visits registered in [from, to), oldest first, masked for who as in the lists:
 * a day's visitor log (访客登记表) — printed, so read whole in one snapshot, the rows
 * and their counts agreeing. Meant for a day or so: the range is an index walk. */
fd_status fd_visits_between(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                            void (*each)(void *ctx, const fd_visit *v), void *ctx, fd_error *err);

/* The visits registered before from that were inside in [from, to) — there when the
 * day began, or let in during it — oldest first, masked as fd_visits_between: those who
 * stayed the night, whom a day's log lists beside the day's own registrations. */
fd_status fd_visits_carried_over(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                                 void (*each)(void *ctx, const fd_visit *v), void *ctx,
                                 fd_error *err);

/* A visitor inside as the shift handover keeps them: no document, no phone (the
 * handover is printed). Strings valid during the call only. */
typedef struct fd_visitor_inside {
    int64_t id;
    const char *slip;
    const char *visitor_name;
    const char *visitee_unit, *visitee_company, *visitee_department; /* NULL when none */
    const char *visitee_name;
    fd_time admitted_at;
} fd_visitor_inside;

/* Every visitor still inside, oldest first, for the shift handover's open items. */
fd_status fd_visits_inside(fd_desk *d, void (*each)(void *ctx, const fd_visitor_inside *v),
                           void *ctx, fd_error *err);

/* Status-line counters: single indexed counts. */
fd_status fd_visits_inside_count(fd_desk *d, long *out, fd_error *err);
fd_status fd_visits_waiting_count(fd_desk *d, long *out, fd_error *err);
fd_status fd_visits_today_count(fd_desk *d, long *out, fd_error *err);

/* One visit with its history: the visit, then its events and corrections, oldest
 * first. Any callback may be NULL. */
typedef struct fd_visit_event {
    int64_t id;
    const char *event;        /* "register", "admit", … */
    const char *label;        /* translated */
    const char *to_state;
    const char *note;         /* a refusal's reason */
    const char *staff_name, *approver_name; /* approver NULL when none */
    fd_time at;
} fd_visit_event;

typedef struct fd_visit_correction {
    int64_t id;
    fd_visit_field field;
    const char *label;        /* translated field label */
    const char *value;        /* masked like the field it corrects */
    const char *reason;
    const char *staff_name;
    fd_time at;
} fd_visit_correction;

typedef struct fd_visit_detail_cb {
    void (*visit)(void *ctx, const fd_visit *v);
    void (*event)(void *ctx, const fd_visit_event *e);
    void (*correction)(void *ctx, const fd_visit_correction *c);
} fd_visit_detail_cb;

fd_status fd_visit_detail(fd_desk *d, const fd_actor *who, int64_t visit_id,
                          const fd_visit_detail_cb *cb, void *ctx, fd_error *err);

/* A returning visitor, found by document: their latest visit, so the form need not be
 * typed again. ban names an entry of the do-not-admit list for them ("" if none). */
typedef struct fd_visitor_known {
    int64_t visit_id;            /* pass as fd_visit_form.returning_visit */
    char name[FD_VISIT_TEXT_MAX];
    char phone[FD_VISIT_TEXT_MAX]; /* masked for the reader */
    long visits;
    fd_time last_at;
    char ban[FD_MESSAGE_MAX];
    /* A visit of theirs not over yet (0 when none): when it was registered, whom it
     * visits and whether they are waiting or inside. */
    int64_t open_visit;
    fd_time open_at;
    fd_visit_state open_state;
    char open_visiting[FD_VISIT_TEXT_MAX];
} fd_visitor_known;

/* FD_NOT_FOUND for a visitor never seen (a message the screen may leave unshown);
 * FD_INVALID, at doc_number, for a number that is not valid for its type. */
fd_status fd_visitor_recognise(fd_desk *d, const fd_actor *who, fd_doc_type type,
                               const char *number, fd_visitor_known *out, fd_error *err);

/* The do-not-admit list, kept by a customer-service manager: an entry for one unit
 * (unit_id) or the whole site (0), by document; lifting it is a new entry too. The
 * list is read by anyone (documents masked). fd_visitor_may_ban says whether who may
 * keep it, for screens to ask before a form is filled; the writes ask again. */
fd_status fd_visitor_may_ban(const fd_actor *who, fd_error *err);
fd_status fd_visitor_ban(fd_desk *d, const fd_actor *who, fd_doc_type type, const char *number,
                         const char *name, int64_t unit_id, const char *reason, int64_t *ban_id,
                         fd_error *err);
fd_status fd_visitor_lift_ban(fd_desk *d, const fd_actor *who, int64_t ban_id, const char *reason,
                              fd_error *err);

typedef struct fd_visitor_ban_row {
    int64_t id;
    const char *visitor_name, *doc_number; /* masked */
    fd_doc_type doc_type;
    const char *unit;         /* NULL: the whole site */
    const char *reason, *staff_name;
    fd_time at;
} fd_visitor_ban_row;

/* The entries in force, newest first, a page at a time: at most limit of them after
 * the entry numbered after_id (0: from the newest). */
fd_status fd_visitor_bans(fd_desk *d, int64_t after_id, int limit,
                          void (*each)(void *ctx, const fd_visitor_ban_row *b), void *ctx,
                          fd_error *err);

/* The privacy purge (administrator or customer-service manager): forgets the document
 * numbers of visits registered more than visitors.retention_days ago, and of
 * do-not-admit entries lifted that long ago (an entry keeps its number while it is in
 * force), of renovation workers' passes that ended that long ago, and of the carriers
 * of passes whose window ended that long ago. Forgotten means that nothing left — the
 * rows, the write-ahead log, the keys, a later backup or export — tests a guess of the
 * number: the number, its HMAC and the row's salt are cleared and the masked form says
 * nothing ("********", the document
 * type stays), the freed space in the file is zeroed and the log emptied. The visits
 * stay, with everything else; the run is recorded, audited and anchored. *cleared is the
 * number of visits cleared. */
fd_status fd_visits_purge(fd_desk *d, const fd_actor *who, int64_t *cleared, fd_error *err);
typedef struct fd_purge_result {
    int64_t visits; /* whose numbers were cleared */
    int64_t bans;   /* do-not-admit rows cleared */
    int64_t workers; /* renovation workers' documents cleared (passes ended that long ago, and their corrections) */
    int64_t passes; /* carry-out and carry-in passes whose carrier's number was cleared */
    /* The write-ahead log was emptied. When other terminals were reading all along, it
     * still holds older copies of the pages cleared: run the purge again later. */
    bool log_emptied;
} fd_purge_result;

/* The same, with signs of life (rows cleared of all to clear) and all it did. */
fd_status fd_visits_purge_with(fd_desk *d, const fd_actor *who, const fd_progress_sink *progress,
                               fd_purge_result *out, fd_error *err);

/* The visits registered in [req->from, req->to), oldest first. */
fd_status fd_visitors_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                             fd_book *book, fd_error *err);

#endif
