/* The hotline and walk-in register (接听接待登记; 物业前台岗位职责 一、三、八, 值班管理制度
 * 六, form 客户部接听接待登记表). The desk answers the hotline and receives walk-ins,
 * answers what it can, refers the rest to a department and records every call or visit:
 * when, by phone or in person, who, from which unit, their phone, the matter, the
 * question, the answer, whom it was referred to, and whether it is done.
 *
 *   (new) take   → open     (desk staff; the question as asked)
 *   open  answer → open     (desk staff; an answer given, there and then or later)
 *   open  refer  → open     (desk staff; a configured department, and a person there)
 *   open  close  → closed   (desk staff; an answer on record, or a note saying how it ended)
 *   open  complain → closed (desk staff; handed to the complaints procedure: the complaint
 *                            taken in through its own intake, its number kept here)
 *   open  repair → closed   (desk staff; a repair handed to engineering as a repair
 *                            request, 报修单, which then moves on its own:)
 *
 *   (new)   hand   → handed    (desk staff: what, the place, the department and person)
 *   handed  done   → done      (desk staff: engineering's report — who, when, what was done)
 *   handed  cancel → cancelled (managers: with the reason)
 *
 * Nothing is overwritten: each answer and referral is a row of its own with its event,
 * and a correction of the entry keeps the old value beside the new one. */
#ifndef FRONTDESK_CALLS_H
#define FRONTDESK_CALLS_H

#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/book.h"
#include "frontdesk/complaints.h"
#include "frontdesk/desk.h"
#include "frontdesk/machine.h"
#include "frontdesk/roles.h"

/* The choice lists, each X(id, stored name, label); the enum order is the order a form
 * offers them in. */
#define FD_CALL_CHANNEL_LIST(X)          \
    X(PHONE, "phone", N_("Phone"))       \
    X(VISIT, "visit", N_("Walk-in"))

#define FD_CALL_MATTER_LIST(X)                        \
    X(ENQUIRY,    "enquiry",    N_("Enquiry"))        \
    X(HELP,       "help",       N_("Request for help")) \
    X(REPAIR,     "repair",     N_("Repair"))         \
    X(COMPLAINT,  "complaint",  N_("Complaint"))      \
    X(SUGGESTION, "suggestion", N_("Suggestion"))     \
    X(OTHER,      "other",      N_("Other"))

#define FD_CALL_STATE_LIST(X)            \
    X(OPEN,   "open",   N_("Pending"))    \
    X(CLOSED, "closed", N_("Dealt with"))

/* The fields of an entry a correction may change. */
#define FD_CALL_FIELD_LIST(X)                  \
    X(CALLER,   "caller",   N_("Caller"))      \
    X(UNIT,     "unit",     N_("Unit"))        \
    X(PHONE,    "phone",    N_("Phone"))       \
    X(CHANNEL,  "channel",  N_("Call or visit")) \
    X(MATTER,   "matter",   N_("Matter"))      \
    X(QUESTION, "question", N_("Question"))

typedef enum fd_call_channel {
#define FD_CALL_CHANNEL_ENUM(id, name, label) FD_CALL_##id,
    FD_CALL_CHANNEL_LIST(FD_CALL_CHANNEL_ENUM)
#undef FD_CALL_CHANNEL_ENUM
} fd_call_channel;
typedef enum fd_call_matter {
#define FD_CALL_MATTER_ENUM(id, name, label) FD_MATTER_##id,
    FD_CALL_MATTER_LIST(FD_CALL_MATTER_ENUM)
#undef FD_CALL_MATTER_ENUM
} fd_call_matter;
typedef enum fd_call_state {
#define FD_CALL_STATE_ENUM(id, name, label) FD_CALL_STATE_##id,
    FD_CALL_STATE_LIST(FD_CALL_STATE_ENUM)
#undef FD_CALL_STATE_ENUM
} fd_call_state;
typedef enum fd_call_field {
#define FD_CALL_FIELD_ENUM(id, name, label) FD_CALL_FIELD_##id,
    FD_CALL_FIELD_LIST(FD_CALL_FIELD_ENUM)
#undef FD_CALL_FIELD_ENUM
} fd_call_field;

/* The lists above, for forms and for reading stored names back. */
typedef enum fd_call_list {
    FD_CALL_LIST_CHANNEL, FD_CALL_LIST_MATTER, FD_CALL_LIST_STATE, FD_CALL_LIST_FIELD,
    FD_CALL_LIST_COUNT
} fd_call_list;

int fd_call_choice_count(fd_call_list list);
const char *fd_call_choice_name(fd_call_list list, int value);  /* stored */
const char *fd_call_choice_label(fd_call_list list, int value); /* translated */
/* The value whose stored name this is, or -1. */
int fd_call_choice_parse(fd_call_list list, const char *name);

/* The entry's transition table (fired by the operations below). */
extern const fd_machine fd_call_machine;

/* The steps of an entry a screen offers. */
typedef enum fd_call_step {
    FD_CALL_STEP_ANSWER,
    FD_CALL_STEP_REFER,
    FD_CALL_STEP_CLOSE,
    FD_CALL_STEP_COMPLAIN,
    FD_CALL_STEP_REPAIR,
    FD_CALL_STEP_COUNT
} fd_call_step;

/* May who, approved in place by approver (or NULL), take step on the entry, which is in
 * state, now? Nothing is written. FD_STATE: the state has no such step; FD_DENIED: not
 * this person; FD_INVALID: the step wants more than a question can give (closing with no
 * answer on record wants a note). The operation itself asks again. */
fd_status fd_call_may(fd_desk *d, int64_t call_id, fd_call_state state, fd_call_step step,
                      const fd_actor *who, const fd_actor *approver);

/* Sizes in bytes, the terminating NUL included. */
enum {
    FD_CALL_NAME_MAX = 100,      /* 32 characters: caller, unit, person */
    FD_CALL_PHONE_MAX = 40,
    FD_CALL_TEXT_MAX = 3001,     /* 1000 characters: question, answer */
    FD_CALL_DEPARTMENT_MAX = 128,
};

/* What the desk types. Form field names in fd_error: received_at, channel, caller,
 * unit, phone, matter, question, answer, department, person, done. */
typedef struct fd_call_intake {
    fd_time received_at;     /* 0: now; never in the future */
    fd_call_channel channel;
    const char *caller;      /* who called or came: a name, or how they gave it */
    int64_t unit_id;         /* picked from the directory; 0: unit is as typed */
    const char *unit;        /* typed: found in the directory by its code (either case), else kept as
                              * typed (a passer-by may give none) */
    const char *phone;       /* may be empty, unless the entry stays open with no unit
                              * of the directory to call back */
    int64_t occupant_id;     /* the caller picked from the directory (an occupant or a
                              * company's staff member); with phone empty, the entry takes
                              * its phone, which the desk may only have seen masked. 0: none */
    fd_call_matter matter;
    const char *question;    /* several lines allowed */
    const char *answer;      /* the answer given there and then, or empty */
    const char *department;  /* referred there and then (a configured department), or empty */
    const char *person;      /* the person of that department, may be empty */
    bool done;               /* done there and then: closed (needs the answer) */
} fd_call_intake;

/* Whether the directory has the unit typed, as fd_call_take would find it (full-width
 * forms folded): an entry takes an unknown unit as typed, and the desk is told first.
 * Field name: unit. */
fd_status fd_call_unit_known(fd_desk *d, const char *unit, bool *known, fd_error *err);

/* Records the entry and, in the same transaction, its answer, referral and closing. */
fd_status fd_call_take(fd_desk *d, const fd_actor *who, const fd_call_intake *in, int64_t *id,
                       fd_error *err);

/* An answer given later (a call back, a second visit). Field name: answer. */
fd_status fd_call_answer(fd_desk *d, const fd_actor *who, int64_t id, const char *answer,
                         fd_error *err);

/* Referred to a configured department, and a person there (may be empty). Field names:
 * department, person. */
fd_status fd_call_refer(fd_desk *d, const fd_actor *who, int64_t id, const char *department,
                        const char *person, fd_error *err);

/* Done. With no answer on record the note must say how it ended. Field name: note. */
fd_status fd_call_close(fd_desk *d, const fd_actor *who, int64_t id, const char *note,
                        fd_error *err);

/* Hands the entry to the complaints procedure: in one transaction the complaint is taken
 * in through fd_complaint_receive (投诉记录表) from what the entry says — the caller, the
 * unit, the phone (its contact for the return visit, so one is needed), call or visit,
 * the question — with the category and severity given here, and the entry records its
 * number and is dealt with. Refusals of the complaint's intake come back as it words
 * them (field phone, category, severity). */
fd_status fd_call_to_complaint(fd_desk *d, const fd_actor *who, int64_t id,
                               fd_complaint_category category, fd_complaint_severity severity,
                               int64_t *complaint_id, fd_error *err);

/* A correction of the entry, with its reason: a new row beside it. The value is checked
 * as at intake (a phone in normal form, a channel or matter by its stored name). Field
 * names: field, value, reason. */
fd_status fd_call_correct(fd_desk *d, const fd_actor *who, int64_t id, fd_call_field field,
                          const char *value, const char *reason, fd_error *err);

/* ---- reading ---- */

/* An entry as it reads now (corrections applied), its phone as the reader may see it.
 * A plain value: copy it freely. */
typedef struct fd_call_entry {
    int64_t id;
    fd_call_state state;
    fd_call_channel channel;
    fd_call_matter matter;
    fd_time received_at;
    char received_by[64];                 /* staff name */
    char caller[FD_CALL_NAME_MAX];
    int64_t unit_id;                      /* 0: the unit is not the directory's */
    char unit[FD_CALL_NAME_MAX];          /* "" when none was given */
    char phone[FD_CALL_PHONE_MAX];        /* "" when none; masked unless phone_in_full */
    bool phone_in_full;
    char question[FD_CALL_TEXT_MAX];
    char answer[FD_CALL_TEXT_MAX];        /* the latest answer, "" when none */
    int answers;                          /* how many were given */
    char department[FD_CALL_DEPARTMENT_MAX]; /* the latest referral, "" when none */
    char person[FD_CALL_NAME_MAX];
    fd_time closed_at;                    /* 0 while open */
    int64_t complaint_id;                 /* the complaint made of it, 0 when none */
    int64_t repair_id;                    /* the repair request made of it, 0 when none */
    int repair_state;                     /* its fd_repair_state, while repair_id */
    bool corrected;                       /* some field has a correction */
} fd_call_entry;

/* The lists. */
typedef enum fd_call_view {
    FD_CALL_VIEW_DESK,   /* received today, and every entry still open: newest first */
    FD_CALL_VIEW_OPEN,   /* every entry still open, oldest first */
    FD_CALL_VIEW_SEARCH, /* all history, newest first: digits anywhere in a phone (the
                          * whole number also once purged), or a caller, unit code or
                          * matter's label starting with text */
    FD_CALL_VIEW_SUGGESTIONS, /* every entry whose matter is a suggestion, newest first */
    FD_CALL_VIEW_COUNT
} fd_call_view;

typedef struct fd_call_query {
    fd_call_view view;
    const char *text;      /* FD_CALL_VIEW_SEARCH */
    const fd_call_entry *after; /* continue after this entry (NULL: from the top) */
    int limit;             /* rows of this page (1–500) */
} fd_call_query;

fd_status fd_calls_list(fd_desk *d, const fd_actor *who, const fd_call_query *q,
                        void (*each)(void *ctx, const fd_call_entry *e), void *ctx,
                        fd_error *err);

/* Entries still open (not done, not made a complaint): the main menu's counter. */
fd_status fd_calls_open_count(fd_desk *d, long *out, fd_error *err);

/* The entries received in [from, to), by number, phones as who may see them: a day's
 * register, printed, so read whole in one snapshot. */
fd_status fd_calls_between(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                           void (*each)(void *ctx, const fd_call_entry *e), void *ctx,
                           fd_error *err);

/* One entry; FD_NOT_FOUND when there is none. */
fd_status fd_call_get(fd_desk *d, const fd_actor *who, int64_t id, fd_call_entry *out,
                      fd_error *err);

/* An entry's history: its events, oldest first, with what each recorded, then its
 * corrections, oldest first, each with the value it replaced. Strings are valid during the callback only;
 * those a line does not use are NULL. Phones are masked as in fd_call_get. */
typedef struct fd_call_line {
    fd_time at;
    const char *event;       /* "take", "answer", "refer", "close", "complain", "repair", or
                              * "correct" */
    const char *label;       /* translated */
    const char *staff;       /* name */
    const char *text;        /* take: the question as taken in; the answer; the closing note */
    const char *department, *person; /* refer */
    int64_t complaint_id;    /* complain: the complaint's number; 0 otherwise */
    int64_t repair_id;       /* repair: the repair request's number; 0 otherwise */
    const char *field;       /* correct: the field's translated label */
    const char *old_value, *value, *reason;
} fd_call_line;

fd_status fd_call_history(fd_desk *d, const fd_actor *who, int64_t id,
                          void (*each)(void *ctx, const fd_call_line *line), void *ctx,
                          fd_error *err);

/* ---- export ---- */

/* `frontdesk export calls`: every entry received in [req->from, req->to), by number,
 * whole: its answers and referrals with who and when, its state, the complaint made of
 * it, its corrections old → new; phones masked unless req->unmasked by a role allowed to
 * see them. Managers and administrators (FD_ACT_CALL_EXPORT). */
fd_status fd_calls_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                          fd_book *book, fd_error *err);

/* ---- repair requests handed to engineering (报修单) ---- */

#define FD_REPAIR_STATE_LIST(X)                              \
    X(HANDED,    "handed",    N_("Handed to engineering"))   \
    X(DONE,      "done",      N_("Done by engineering"))     \
    X(CANCELLED, "cancelled", N_("Repair withdrawn"))

/* The fields of a request a correction may change. */
#define FD_REPAIR_FIELD_LIST(X)                     \
    X(WHAT,   "what",   N_("What is to be repaired")) \
    X(PERSON, "person", N_("Engineering person"))

typedef enum fd_repair_state {
#define FD_REPAIR_STATE_ENUM(id, name, label) FD_REPAIR_##id,
    FD_REPAIR_STATE_LIST(FD_REPAIR_STATE_ENUM)
#undef FD_REPAIR_STATE_ENUM
    FD_REPAIR_STATE_COUNT
} fd_repair_state;
typedef enum fd_repair_field {
#define FD_REPAIR_FIELD_ENUM(id, name, label) FD_REPAIR_FIELD_##id,
    FD_REPAIR_FIELD_LIST(FD_REPAIR_FIELD_ENUM)
#undef FD_REPAIR_FIELD_ENUM
    FD_REPAIR_FIELD_COUNT
} fd_repair_field;

const char *fd_repair_state_name(fd_repair_state s);  /* stored */
const char *fd_repair_state_label(fd_repair_state s); /* translated */
const char *fd_repair_field_label(fd_repair_field f); /* translated */

/* The request's transition table. */
extern const fd_machine fd_repair_machine;

typedef enum fd_repair_step { FD_REPAIR_STEP_DONE, FD_REPAIR_STEP_CANCEL, FD_REPAIR_STEP_COUNT } fd_repair_step;

/* May who take step on the request, which is in state? As fd_call_may. */
fd_status fd_repair_may(fd_desk *d, int64_t repair_id, fd_repair_state state, fd_repair_step step,
                        const fd_actor *who);

/* What the desk hands over. Field names in fd_error: what, department, person. */
typedef struct fd_repair_handover {
    const char *what;        /* what is to be repaired: the entry's question when empty */
    const char *department;  /* a configured department (engineering) */
    const char *person;      /* whom there, may be empty */
} fd_repair_handover;

/* Hands the entry, whose matter must be a repair (correct it first if it was taken
 * down as something else), to engineering: in one transaction the request is made with
 * the entry's unit as its place, the entry records its number and is dealt with. */
fd_status fd_call_to_repair(fd_desk *d, const fd_actor *who, int64_t call_id,
                            const fd_repair_handover *h, int64_t *repair_id, fd_error *err);

/* Engineering reports the request done: who reported it, when the work was finished
 * (0: now; never in the future, never before the hand-over) and what was done — all
 * required. Field names: reported_by, done_at, work. */
fd_status fd_repair_done(fd_desk *d, const fd_actor *who, int64_t repair_id, const char *reported_by,
                         fd_time done_at, const char *work, fd_error *err);

/* Withdrawn (the caller fixed it, or it was no repair): managers, with the reason.
 * Field name: reason. */
fd_status fd_repair_cancel(fd_desk *d, const fd_actor *who, int64_t repair_id, const char *reason,
                           fd_error *err);

/* A correction of the request, with its reason. Field names: value, reason. */
fd_status fd_repair_correct(fd_desk *d, const fd_actor *who, int64_t repair_id, fd_repair_field field,
                            const char *value, const char *reason, fd_error *err);

/* A request as it reads now. A plain value. */
typedef struct fd_repair {
    int64_t id;
    int64_t call_id;
    fd_repair_state state;
    char what[FD_CALL_TEXT_MAX];
    char unit[FD_CALL_NAME_MAX];          /* the place, "" when none was given */
    char department[FD_CALL_DEPARTMENT_MAX];
    char person[FD_CALL_NAME_MAX];        /* "" when nobody was named */
    char caller[FD_CALL_NAME_MAX];        /* the entry's, as it reads now */
    fd_time handed_at;
    char handed_by[64];
    char reported_by[FD_CALL_NAME_MAX];   /* engineering's report, once done */
    fd_time done_at;                      /* 0 until done */
    char work[FD_CALL_TEXT_MAX];
    fd_time cancelled_at;                 /* 0 unless withdrawn */
    char cancel_reason[FD_CALL_TEXT_MAX];
    bool corrected;
} fd_repair;

/* One request; FD_NOT_FOUND when there is none. */
fd_status fd_repair_get(fd_desk *d, int64_t repair_id, fd_repair *out, fd_error *err);

/* Requests still with engineering, oldest first: the handover's open items. */
fd_status fd_repairs_open(fd_desk *d, void (*each)(void *ctx, const fd_repair *r), void *ctx,
                          fd_error *err);
fd_status fd_repairs_open_count(fd_desk *d, long *out, fd_error *err);

/* A request's history, oldest first, as fd_call_history gives an entry's: events
 * ("hand", "done", "cancel"; text: what was done, or the reason; department and person:
 * hand; staff: who recorded it; person on "done": who reported it) then corrections. */
fd_status fd_repair_history(fd_desk *d, int64_t repair_id,
                            void (*each)(void *ctx, const fd_call_line *line), void *ctx,
                            fd_error *err);

/* ---- suggestions collected for the office (岗位职责 三) ---- */

/* Suggestions received in [from, to), month by month. */
typedef struct fd_suggestion_month {
    int year, month;
    long received, dealt_with; /* dealt_with: no longer open */
} fd_suggestion_month;

enum { FD_SUGGESTION_MONTHS_MAX = 24 };

typedef struct fd_suggestion_tally {
    long received, dealt_with, open;
    fd_suggestion_month months[FD_SUGGESTION_MONTHS_MAX]; /* oldest first */
    int month_count;
} fd_suggestion_tally;

/* The entries whose matter is a suggestion (as it reads now) received in [from, to),
 * oldest first, phones as who may see them, and their count by month. The office reads
 * them, so managers and administrators (FD_ACT_CALL_EXPORT); at most
 * FD_SUGGESTION_MONTHS_MAX months. */
fd_status fd_calls_suggestions(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                               void (*each)(void *ctx, const fd_call_entry *e), void *ctx,
                               fd_suggestion_tally *tally, fd_error *err);

#endif
