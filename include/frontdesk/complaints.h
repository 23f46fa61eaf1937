/* Complaint intake and return visits (投诉受理/回访): the manual's 投诉处理规定 and
 * 回访制度. A complaint is received, assigned to a responsible department, rectified,
 * visited and closed; a dissatisfied return visit reopens it for another rectification.
 * Opinions from satisfaction surveys follow the same flow with their own deadlines; a
 * paid special service (特约服务) is recorded once served and gets a phone return visit.
 *
 * The core computes every deadline from the site's calendar and stores it with the
 * event that sets it: rectify-by from intake (working days), visit-by from the
 * rectification (calendar days). A complaint past its deadline is overdue, and an
 * overdue complaint counts as escalated: both are marks computed against the desk's
 * clock, not states. */
#ifndef FRONTDESK_COMPLAINTS_H
#define FRONTDESK_COMPLAINTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "frontdesk/desk.h"
#include "frontdesk/book.h"
#include "frontdesk/machine.h"
#include "frontdesk/roles.h"

/* The choice lists of the forms, each X(id, stored name, label). The enum order is the
 * order a form offers them in. */
#define FD_COMPLAINT_SORT_LIST(X)                                   \
    X(COMPLAINT, "complaint", N_("Complaint"))                      \
    X(SURVEY,    "survey",    N_("Satisfaction-survey opinion"))    \
    X(SPECIAL,   "special",   N_("Paid special service"))

#define FD_COMPLAINT_CHANNEL_LIST(X)        \
    X(PHONE,  "phone",  N_("Phone"))        \
    X(VISIT,  "visit",  N_("In person"))    \
    X(LETTER, "letter", N_("Letter"))       \
    X(OTHER,  "other",  N_("Other"))

#define FD_COMPLAINT_CATEGORY_LIST(X)                                             \
    X(FACILITIES, "facilities",        N_("Facilities and equipment"))            \
    X(EMERGENCY,  "emergency",         N_("Emergency handling"))                  \
    X(ATTITUDE,   "service_attitude",  N_("Service: staff attitude"))             \
    X(MAIL,       "service_mail",      N_("Service: mail and newspapers"))        \
    X(VEHICLES,   "service_vehicles",  N_("Service: vehicles"))                   \
    X(CARRY_OUT,  "service_carry_out", N_("Service: carrying goods out"))         \
    X(OTHER,      "other",             N_("Other"))

#define FD_COMPLAINT_SEVERITY_LIST(X)     \
    X(MAJOR,   "major",   N_("Major"))    \
    X(GENERAL, "general", N_("General"))

#define FD_COMPLAINT_METHOD_LIST(X)         \
    X(PHONE, "phone", N_("By phone"))       \
    X(VISIT, "visit", N_("In person"))

#define FD_COMPLAINT_SATISFACTION_LIST(X)                                \
    X(SATISFIED,    "satisfied",           N_("Satisfied"))             \
    X(BASICALLY,    "basically_satisfied", N_("Basically satisfied"))   \
    X(DISSATISFIED, "dissatisfied",        N_("Dissatisfied"))

#define FD_COMPLAINT_ACK_LIST(X)                             \
    X(SIGNED, "signed", N_("Signed on paper"))               \
    X(PHONE,  "phone",  N_("Confirmed by phone"))

/* States: received → assigned → rectified → visited → closed; a dissatisfied visit
 * leads to reopened, which is rectified again. A special service starts served. */
#define FD_COMPLAINT_STATE_LIST(X)             \
    X(RECEIVED,  "received",  N_("Taken in"))  \
    X(ASSIGNED,  "assigned",  N_("Assigned"))  \
    X(RECTIFIED, "rectified", N_("Rectified")) \
    X(REOPENED,  "reopened",  N_("Reopened"))  \
    X(SERVED,    "served",    N_("Served"))    \
    X(VISITED,   "visited",   N_("Visited"))   \
    X(CLOSED,    "closed",    N_("Closed"))

typedef enum fd_complaint_sort {
#define FD_SORT_ENUM(id, name, label) FD_SORT_##id,
    FD_COMPLAINT_SORT_LIST(FD_SORT_ENUM)
#undef FD_SORT_ENUM
} fd_complaint_sort;
typedef enum fd_complaint_channel {
#define FD_CHANNEL_ENUM(id, name, label) FD_CHANNEL_##id,
    FD_COMPLAINT_CHANNEL_LIST(FD_CHANNEL_ENUM)
#undef FD_CHANNEL_ENUM
} fd_complaint_channel;
typedef enum fd_complaint_category {
#define FD_CATEGORY_ENUM(id, name, label) FD_CATEGORY_##id,
    FD_COMPLAINT_CATEGORY_LIST(FD_CATEGORY_ENUM)
#undef FD_CATEGORY_ENUM
} fd_complaint_category;
typedef enum fd_complaint_severity {
#define FD_SEVERITY_ENUM(id, name, label) FD_SEVERITY_##id,
    FD_COMPLAINT_SEVERITY_LIST(FD_SEVERITY_ENUM)
#undef FD_SEVERITY_ENUM
} fd_complaint_severity;
typedef enum fd_complaint_method {
#define FD_METHOD_ENUM(id, name, label) FD_METHOD_##id,
    FD_COMPLAINT_METHOD_LIST(FD_METHOD_ENUM)
#undef FD_METHOD_ENUM
} fd_complaint_method;
typedef enum fd_complaint_satisfaction {
#define FD_SATISFACTION_ENUM(id, name, label) FD_SATISFACTION_##id,
    FD_COMPLAINT_SATISFACTION_LIST(FD_SATISFACTION_ENUM)
#undef FD_SATISFACTION_ENUM
} fd_complaint_satisfaction;
typedef enum fd_complaint_ack {
#define FD_ACK_ENUM(id, name, label) FD_ACK_##id,
    FD_COMPLAINT_ACK_LIST(FD_ACK_ENUM)
#undef FD_ACK_ENUM
} fd_complaint_ack;
typedef enum fd_complaint_state {
#define FD_CSTATE_ENUM(id, name, label) FD_CSTATE_##id,
    FD_COMPLAINT_STATE_LIST(FD_CSTATE_ENUM)
#undef FD_CSTATE_ENUM
} fd_complaint_state;

/* The lists above, for forms and for reading stored names back. */
typedef enum fd_complaint_list {
    FD_CLIST_SORT, FD_CLIST_CHANNEL, FD_CLIST_CATEGORY, FD_CLIST_SEVERITY, FD_CLIST_METHOD,
    FD_CLIST_SATISFACTION, FD_CLIST_ACK, FD_CLIST_STATE, FD_CLIST_COUNT
} fd_complaint_list;

int fd_complaint_choice_count(fd_complaint_list list);
const char *fd_complaint_choice_name(fd_complaint_list list, int value);  /* stored */
const char *fd_complaint_choice_label(fd_complaint_list list, int value); /* translated */
/* The value whose stored name this is, or -1. */
int fd_complaint_choice_parse(fd_complaint_list list, const char *name);
/* The value a form starts a list on: what saves on the first try and is the common
 * case (a general complaint; a return visit by phone, confirmed by phone). */
int fd_complaint_choice_default(fd_complaint_list list);

/* The state machine (fired by the operations below). */
extern const fd_machine fd_complaint_machine;

/* The steps of a complaint a screen offers. */
typedef enum fd_complaint_next_step {
    FD_COMPLAINT_STEP_ASSIGN,
    FD_COMPLAINT_STEP_REASSIGN,
    FD_COMPLAINT_STEP_RECTIFY,
    FD_COMPLAINT_STEP_VISIT,
    FD_COMPLAINT_STEP_CLOSE,
    FD_COMPLAINT_STEP_ESCALATE, /* a CS manager takes it over */
    FD_COMPLAINT_STEP_REFER,    /* the desk hands it to the CS manager, with a reason */
    FD_COMPLAINT_STEP_ACCEPT,   /* a CS manager accepts what was handed over */
    FD_COMPLAINT_STEP_COUNT
} fd_complaint_next_step;

/* May who, approved in place by approver (or NULL), take step on the complaint, which
 * is in state, now? Nothing is written. FD_STATE: the state has no such step, or the
 * complaint is past it (taken over already; handed over and waiting; nothing handed
 * over to accept); FD_DENIED: not this person. The operation itself asks again. */
fd_status fd_complaint_may(fd_desk *d, int64_t complaint_id, fd_complaint_state state,
                           fd_complaint_next_step step, const fd_actor *who, const fd_actor *approver);

/* ---- deadlines ---- */

/* What a deadline is for, and the deadline of each under the site's rules. */
typedef enum fd_complaint_due_kind {
    FD_DUE_ASSIGN,  /* a survey opinion reaches the department */
    FD_DUE_RECTIFY, /* rectified (a survey: written measures back) */
    FD_DUE_VISIT,   /* return visit after the rectification */
} fd_complaint_due_kind;

/* The deadline for what, counted from the instant from: working days for a
 * complaint's rectification, calendar days otherwise. Only a survey opinion has an
 * assign-by (0 for the other sorts). A special service's first return visit has no
 * deadline (the manual gives none, so recording the service sets none); reopened by a
 * dissatisfied customer it is handled as a general complaint. */
fd_time fd_complaint_due(const fd_config *cfg, fd_complaint_sort sort,
                         fd_complaint_severity severity, fd_complaint_due_kind what, fd_time from);

/* Is a deadline of this kind, for this sort, counted in working days (and so only as
 * good as the site's holiday table)? A complaint's rectification is; a survey
 * opinion's deadlines and every return visit are counted in calendar days. */
bool fd_complaint_due_in_workdays(fd_complaint_sort sort, fd_complaint_due_kind what);

/* The stored name of a due kind ("assign", "rectify", "visit"); a survey opinion's
 * rectify-by is its written measures, named "measures". */
const char *fd_complaint_due_name(fd_complaint_sort sort, fd_complaint_due_kind what);
/* What a due name stands for, translated ("Rectification" …); the name if unknown. */
const char *fd_complaint_due_label(const char *name);

/* ---- writing ---- */

/* Intake (投诉记录表). With occupant_id the complainant, unit and (when phone is
 * empty) phone come from the directory; otherwise complainant and unit are free text. */
typedef struct fd_complaint_intake {
    fd_complaint_sort sort;
    int64_t occupant_id;            /* 0: not from the directory */
    const char *complainant;
    int64_t unit_id;                /* 0: unit is free text */
    const char *unit;
    const char *phone;              /* the contact for the return visit */
    fd_complaint_channel channel;
    const char *content;            /* several lines allowed */
    fd_complaint_category category;
    fd_complaint_severity severity; /* complaints only */
    const char *department;         /* a special service: the department that served */
    fd_time received_at;            /* 0: now; never in the future */
} fd_complaint_intake;

fd_status fd_complaint_receive(fd_desk *d, const fd_actor *who, const fd_complaint_intake *in,
                               int64_t *id, fd_error *err);

/* Assigns to a department from the configuration; on an assigned or reopened
 * complaint this is a reassignment, recorded as such. */
fd_status fd_complaint_assign(fd_desk *d, const fd_actor *who, int64_t id,
                              const char *department, const char *note, fd_error *err);

typedef struct fd_complaint_rectification {
    const char *measures, *result;
    const char *done_by; /* who rectified, in the department */
    fd_time done_at;     /* 0: now */
} fd_complaint_rectification;

fd_status fd_complaint_rectify(fd_desk *d, const fd_actor *who, int64_t id,
                               const fd_complaint_rectification *r, fd_error *err);

/* Return visit (回访记录表), by who. A dissatisfied customer reopens the complaint. */
typedef struct fd_complaint_visit {
    fd_time visited_at; /* 0: now */
    fd_complaint_method method;
    const char *result;
    fd_complaint_satisfaction satisfaction;
    fd_complaint_ack ack;
    const char *ack_phone; /* the number called, when confirmed by phone; empty: the
                            * contact's (what a viewer who sees it masked called) */
} fd_complaint_visit;

fd_status fd_complaint_visit_record(fd_desk *d, const fd_actor *who, int64_t id,
                                    const fd_complaint_visit *v, fd_error *err);

/* Only a visited complaint closes. */
fd_status fd_complaint_close(fd_desk *d, const fd_actor *who, int64_t id, const char *note,
                             fd_error *err);

/* A customer-service manager takes a difficult complaint over: either logged in, or
 * approving in place (approver) what who records. */
fd_status fd_complaint_escalate(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                                int64_t id, const char *reason, fd_error *err);

/* The desk (a duty manager at night, a receptionist by day) hands a difficult
 * complaint to the CS manager with a reason, on its own: no manager's PIN. Until a CS
 * manager accepts it (fd_complaint_accept) it is an open item: in the handover's open
 * items and the FD_CVIEW_REFERRED list. Once only, and not after a take-over. */
fd_status fd_complaint_refer(fd_desk *d, const fd_actor *who, int64_t id, const char *reason,
                             fd_error *err);

/* A CS manager accepts the complaint handed over, taking it over (note optional). */
fd_status fd_complaint_accept(fd_desk *d, const fd_actor *who, int64_t id, const char *note,
                              fd_error *err);

/* Corrects a field of the intake after saving: "complainant", "unit", "content",
 * "phone" (the contact, checked like a phone at intake and kept in normal form; masked
 * where phones are), "channel", "category" (stored names), "severity", which
 * re-derives every deadline that depends on it, or "received_at" (typed as
 * "2026-11-27 09:30"; not in the future nor after the rectification), which moves the
 * deadlines counted from it. Lists and searches keep the time as taken in. The history keeps the old value and
 * the reason. A search by phone matches the number taken in, not a corrected one. */
fd_status fd_complaint_correct(fd_desk *d, const fd_actor *who, int64_t id, const char *field,
                               const char *value, const char *reason, fd_error *err);

/* ---- reading ---- */

enum { FD_COMPLAINT_NO_DUE = 0 };

/* A line of a list. Strings are valid during the callback only. */
typedef struct fd_complaint_row {
    int64_t id;
    fd_complaint_sort sort;
    fd_complaint_state state;
    const char *complainant, *unit, *summary; /* summary: the content's first line */
    fd_complaint_category category;
    int severity;           /* fd_complaint_severity, -1 for other sorts */
    const char *department; /* NULL until assigned */
    fd_time received_at;
    fd_time due_at;         /* FD_COMPLAINT_NO_DUE when nothing is due */
    int due_kind;           /* fd_complaint_due_kind of due_at, -1 when nothing is due */
    bool due_unconfirmed;   /* counted in working days into a year without a holiday
                             * table (fd_deadline_unconfirmed): shown as 未核定 */
    bool overdue, escalated;
    int64_t sort_key;       /* for the next page: pass with id as the keyset */
} fd_complaint_row;

typedef enum fd_complaint_view {
    FD_CVIEW_OPEN,    /* not closed, soonest due first */
    FD_CVIEW_OVERDUE, /* past their deadline, longest overdue first */
    FD_CVIEW_MINE,    /* not closed and with department, soonest due first */
    FD_CVIEW_SEARCH,  /* all history, newest first: by number ("#12" or "12"), contact
                       * phone, complainant containing text or unit starting with it, or
                       * what the complaint says (as taken in or corrected) holding it */
    FD_CVIEW_REFERRED, /* handed to the CS manager and not yet accepted, soonest due first */
} fd_complaint_view;

typedef struct fd_complaint_query {
    fd_complaint_view view;
    const char *department; /* FD_CVIEW_MINE */
    const char *text;       /* searched for (as FD_CVIEW_SEARCH matches) within any view,
                             * newest first; NULL or blank: the whole view */
    bool after;             /* continue after the row with after_key, after_id */
    int64_t after_key, after_id;
    int limit;              /* rows of this page (1–500) */
} fd_complaint_query;

fd_status fd_complaints_list(fd_desk *d, const fd_complaint_query *q,
                             void (*each)(void *ctx, const fd_complaint_row *row), void *ctx,
                             fd_error *err);

/* The status-line counter: complaints past their deadline now. */
fd_status fd_complaints_count_overdue(fd_desk *d, long *out, fd_error *err);
/* Every overdue complaint, longest overdue first: the handover's open items. */
fd_status fd_complaints_overdue(fd_desk *d, void (*each)(void *ctx, const fd_complaint_row *row),
                                void *ctx, fd_error *err);
/* Every complaint handed to the CS manager and not yet accepted, soonest due first:
 * open items of the handover too. */
fd_status fd_complaints_referred(fd_desk *d, void (*each)(void *ctx, const fd_complaint_row *row),
                                 void *ctx, fd_error *err);

/* The complaints received, rectified or return-visited in [from, to), or with another
 * step (assigned, handed over, taken over, closed) or a correction written then, by
 * number: a day's complaints log. A rectification or visit counts when it was done (done_at,
 * visited_at), not when it was recorded, as the timeline shows it. Printed, so read
 * whole in one snapshot; meant for a day or so (each range is an index walk). The
 * rows' sort_key is the time received. */
fd_status fd_complaints_touched(fd_desk *d, fd_time from, fd_time to,
                                void (*each)(void *ctx, const fd_complaint_row *row), void *ctx,
                                fd_error *err);

/* One complaint as it reads now (corrections applied), phone masked unless who's role
 * may see phones. Free with fd_complaint_detail_free. */
typedef struct fd_complaint_detail {
    int64_t id;
    fd_complaint_sort sort;
    fd_complaint_state state;
    int64_t occupant_id, unit_id;
    char *complainant, *unit, *phone, *content;
    bool phone_in_full; /* who's role reads phones in full: phone is not masked */
    fd_complaint_channel channel;
    fd_complaint_category category;
    int severity; /* -1 for other sorts */
    char *department;   /* NULL until assigned */
    char *received_by;  /* staff name */
    fd_time received_at;
    fd_time due_at;     /* FD_COMPLAINT_NO_DUE when nothing is due */
    fd_complaint_due_kind due_kind;
    bool due_unconfirmed; /* as in fd_complaint_row */
    bool overdue, escalated;
    char *escalated_to; /* the CS manager who took it over; NULL when none did */
    char *referred_by;  /* who handed it to the CS manager, while none has accepted it */
    char *referral_reason;
    fd_time referred_at;
} fd_complaint_detail;

fd_status fd_complaint_get(fd_desk *d, const fd_actor *who, int64_t id,
                           fd_complaint_detail *out, fd_error *err);
void fd_complaint_detail_free(fd_complaint_detail *c);

/* One step of a complaint's timeline, oldest first: each event with what it recorded,
 * and each correction. Strings are valid during the callback; unused ones are NULL. */
typedef struct fd_complaint_step {
    fd_time at;
    const char *event;      /* the machine's event, or "correct" */
    const char *from_state, *to_state;
    const char *staff, *approver; /* names */
    const char *note;
    const char *department;               /* assign */
    const char *measures, *result, *done_by; /* rectify; result also of a visit */
    fd_time done_at;                      /* rectify; a visit's time */
    int method, satisfaction, ack;        /* visit; -1 otherwise */
    const char *ack_phone;                /* masked unless who may see phones */
    fd_time due_at;                       /* the deadline this event set, or 0 */
    int due_kind;                         /* fd_complaint_due_kind, -1 when none */
    bool due_unconfirmed;                 /* as in fd_complaint_row */
    const char *field, *value;            /* correct: the field and its new value */
    const char *old_value;                /* correct: the value it replaced (as taken in,
                                           * or the correction before); choices by their
                                           * stored names, times as "2026-11-27 09:30",
                                           * phones masked like value */
} fd_complaint_step;

/* Translated labels of a timeline step's event ("assign" 已指派 …) and of an intake
 * field a correction names; unknown names come back as given. */
const char *fd_complaint_event_label(const char *event);
const char *fd_complaint_field_label(const char *field);
/* A field's value as people read it: a choice by its translated label; anything
 * else as given ("" for NULL). */
const char *fd_complaint_value_label(const char *field, const char *value);
/* A correction step as one line: "FIELD: OLD → NEW (reason: REASON)", labels
 * translated (caller frees); NULL for a step that is no correction. */
char *fd_complaint_correction_text(const fd_complaint_step *step);

fd_status fd_complaint_timeline(fd_desk *d, const fd_actor *who, int64_t id,
                                void (*each)(void *ctx, const fd_complaint_step *step),
                                void *ctx, fd_error *err);

/* ---- the derived table, exports and demo ---- */


/* `frontdesk export complaints`: every complaint received in [from, to) with its whole
 * history, or with req->monthly the manager's figures for that month (counts by
 * category and severity, shares rectified and visited in time with their numerator,
 * denominator and those not yet due, satisfaction), all counted by the month the
 * complaints were received; a workbook has the month's complaints after the figures. */
fd_status fd_complaints_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                               fd_book *book, fd_error *err);

#endif
