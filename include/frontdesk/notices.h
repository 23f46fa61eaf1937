/* Notices (通告发放管理制度). Works in the occupants' areas that affect their business are
 * announced three working days ahead (一); every notice is signed by someone with the
 * authority before it goes out (二); in an emergency notices go on the building's notice
 * board (三); they are short and clear (四) and taken down once the event is over (五).
 *
 *   (new)    draft     → draft      (desk staff)
 *   draft    approve   → approved   (desk staff records it; the approver, of a role in
 *                                    notices.approve_roles, signs with their PIN)
 *   approved issue     → issued     (desk staff; works: not later than the rule allows)
 *   issued   post      → posted     (desk staff: on the notice board)
 *   issued, posted deliver → same   (desk staff: handed to units door to door, where the
 *                                    site does that: notices.door_to_door)
 *   posted   take_down → taken_down (desk staff)
 *   (new)    emergency → posted     (desk staff with an approver as for approve: posted
 *                                    at once, no notice period)
 *
 * The notice period: works announced on day D may start from 00:00 of the
 * notices.notice_workdays-th working day after D (the working-day calendar): issued on
 * a Monday with no holiday, from Thursday. An earlier start is refused at drafting and at
 * issue unless a duty or customer-service manager overrides it with their PIN and a
 * reason, kept beside the notice.
 *
 * Nothing is overwritten: a correction of a notice keeps the old value beside the new. */
#ifndef FRONTDESK_NOTICES_H
#define FRONTDESK_NOTICES_H

#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/book.h"
#include "frontdesk/config.h"
#include "frontdesk/desk.h"
#include "frontdesk/machine.h"
#include "frontdesk/roles.h"

/* The choice lists, each X(id, stored name, label). */
#define FD_NOTICE_KIND_LIST(X)                                  \
    X(WORKS,     "works",     N_("Works affecting occupants"))  \
    X(GENERAL,   "general",   N_("General notice"))             \
    X(EMERGENCY, "emergency", N_("Emergency notice"))

#define FD_NOTICE_STATE_LIST(X)                  \
    X(DRAFT,      "draft",      N_("Draft"))      \
    X(APPROVED,   "approved",   N_("Notice signed"))   \
    X(ISSUED,     "issued",     N_("Notice issued"))     \
    X(POSTED,     "posted",     N_("Posted"))     \
    X(TAKEN_DOWN, "taken_down", N_("Taken down"))

/* The fields of a notice a correction may change. */
#define FD_NOTICE_FIELD_LIST(X)              \
    X(TITLE,   "title",   N_("Title"))       \
    X(BODY,    "body",    N_("Text"))        \
    X(PLACE,   "place",   N_("Area"))        \
    X(ENDS_AT, "ends_at", N_("Ends"))

typedef enum fd_notice_kind {
#define FD_NOTICE_KIND_ENUM(id, name, label) FD_NOTICE_##id,
    FD_NOTICE_KIND_LIST(FD_NOTICE_KIND_ENUM)
#undef FD_NOTICE_KIND_ENUM
} fd_notice_kind;
typedef enum fd_notice_state {
#define FD_NOTICE_STATE_ENUM(id, name, label) FD_NOTICE_STATE_##id,
    FD_NOTICE_STATE_LIST(FD_NOTICE_STATE_ENUM)
#undef FD_NOTICE_STATE_ENUM
} fd_notice_state;
typedef enum fd_notice_field {
#define FD_NOTICE_FIELD_ENUM(id, name, label) FD_NOTICE_FIELD_##id,
    FD_NOTICE_FIELD_LIST(FD_NOTICE_FIELD_ENUM)
#undef FD_NOTICE_FIELD_ENUM
} fd_notice_field;

typedef enum fd_notice_list {
    FD_NOTICE_LIST_KIND, FD_NOTICE_LIST_STATE, FD_NOTICE_LIST_FIELD, FD_NOTICE_LIST_COUNT
} fd_notice_list;

int fd_notice_choice_count(fd_notice_list list);
const char *fd_notice_choice_name(fd_notice_list list, int value);  /* stored */
const char *fd_notice_choice_label(fd_notice_list list, int value); /* translated */
int fd_notice_choice_parse(fd_notice_list list, const char *name);  /* -1: none */

extern const fd_machine fd_notice_machine;

/* The steps of a notice a screen offers. */
typedef enum fd_notice_step {
    FD_NOTICE_STEP_APPROVE,
    FD_NOTICE_STEP_ISSUE,
    FD_NOTICE_STEP_POST,
    FD_NOTICE_STEP_DELIVER,
    FD_NOTICE_STEP_TAKE_DOWN,
    FD_NOTICE_STEP_COUNT
} fd_notice_step;

/* May who take step on the notice, which is in state? Nothing is written; the approver
 * the step may need is asked for afterwards. FD_STATE: not from this state (or delivery
 * where the site does not deliver door to door); FD_DENIED: not this person. */
fd_status fd_notice_may(fd_desk *d, int64_t notice_id, fd_notice_state state, fd_notice_step step,
                        const fd_actor *who);

/* May this person sign notices (notices.approve_roles)? */
bool fd_notice_may_approve(const fd_config *cfg, const fd_actor *who);

/* The earliest start the notice period allows for works announced at `at`: 00:00 of
 * the notices.notice_workdays-th working day after at's day. */
fd_time fd_notice_earliest_start(const fd_config *cfg, fd_time at);

/* Sizes in bytes, the terminating NUL included. */
enum {
    FD_NOTICE_TITLE_MAX = 121,  /* 40 characters */
    FD_NOTICE_PLACE_MAX = 121,  /* 40 characters */
    FD_NOTICE_BODY_MAX = 3001,  /* 1000 characters */
    FD_NOTICE_REASON_MAX = 601, /* 200 characters */
    FD_NOTICE_UNIT_MAX = 100,
};

/* An override of the notice period: the manager who allows the early start (their PIN
 * entered) and why. */
typedef struct fd_notice_override {
    const fd_actor *manager; /* may FD_ACT_NOTICE_OVERRIDE */
    const char *reason;
} fd_notice_override;

/* What the desk types. Field names in fd_error: kind, title, body, place, starts_at,
 * ends_at, reason (the override's). */
typedef struct fd_notice_draft {
    fd_notice_kind kind;      /* not FD_NOTICE_EMERGENCY: see fd_notice_post_emergency */
    const char *title;
    const char *body;         /* several lines allowed */
    const char *place;        /* where: the floors or areas it concerns */
    fd_time starts_at;        /* the event's start; for works not before the earliest
                               * start, unless overridden */
    fd_time ends_at;          /* the event's end: after the start */
    const fd_notice_override *override; /* NULL: none */
} fd_notice_draft;

fd_status fd_notice_write_draft(fd_desk *d, const fd_actor *who, const fd_notice_draft *in,
                                int64_t *id, fd_error *err);

/* Signed by approver (a role of notices.approve_roles; their PIN entered) and recorded
 * by who. FD_DENIED when the approver may not sign. */
fd_status fd_notice_approve(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t id,
                            fd_error *err);

/* Sent out. Works whose start is earlier than the notice period allows from now are
 * refused (field starts_at) unless overridden here or at drafting. */
fd_status fd_notice_issue(fd_desk *d, const fd_actor *who, int64_t id,
                          const fd_notice_override *override, fd_error *err);

fd_status fd_notice_post(fd_desk *d, const fd_actor *who, int64_t id, fd_error *err);

/* Handed to these units (codes of the directory, each once per notice) at delivered_at
 * (0: now; never in the future) by who. Field name: units. */
fd_status fd_notice_deliver(fd_desk *d, const fd_actor *who, int64_t id,
                            const char *const *units, size_t count, fd_time delivered_at,
                            fd_error *err);

fd_status fd_notice_take_down(fd_desk *d, const fd_actor *who, int64_t id, fd_error *err);

/* An emergency notice: drafted, signed by approver and posted on the board in one step,
 * with no notice period. The in->kind is ignored; in->override must be NULL. */
fd_status fd_notice_post_emergency(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                                   const fd_notice_draft *in, int64_t *id, fd_error *err);

/* A correction with its reason. ends_at's value is "YYYY-MM-DD HH:MM". Field names:
 * field, value, reason. */
fd_status fd_notice_correct(fd_desk *d, const fd_actor *who, int64_t id, fd_notice_field field,
                            const char *value, const char *reason, fd_error *err);

/* ---- reading ---- */

/* A notice as it reads now. fd_notice_get and fd_notices_between fill it whole; the
 * lists, which show none of them, leave body, the steps' times (approved_at …
 * taken_down_at), the override, earliest_start and corrected empty. */
typedef struct fd_notice {
    int64_t id;
    fd_notice_kind kind;
    fd_notice_state state;
    char title[FD_NOTICE_TITLE_MAX];
    char body[FD_NOTICE_BODY_MAX];
    char place[FD_NOTICE_PLACE_MAX];
    fd_time starts_at, ends_at;
    fd_time drafted_at;
    char drafted_by[64];
    char approved_by[64];     /* "" until approved */
    fd_time approved_at, issued_at, posted_at, taken_down_at; /* 0: not yet */
    fd_time earliest_start;   /* works: the earliest start from the day it was issued (or
                               * from today while not issued); 0 for other kinds */
    char overridden_by[64];   /* "" when the notice period was not overridden */
    char override_reason[FD_NOTICE_REASON_MAX];
    int deliveries;           /* units it was handed to */
    bool to_take_down;        /* posted, and its event has ended */
    bool corrected;
} fd_notice;

typedef enum fd_notice_view {
    FD_NOTICE_VIEW_CURRENT,   /* everything not taken down, newest first */
    FD_NOTICE_VIEW_DRAFTS,    /* awaiting approval, oldest first */
    FD_NOTICE_VIEW_POSTED,    /* on the board, newest first */
    FD_NOTICE_VIEW_TAKE_DOWN, /* posted, the event over: oldest end first */
    FD_NOTICE_VIEW_ALL,       /* all history, newest first */
    FD_NOTICE_VIEW_COUNT
} fd_notice_view;

typedef struct fd_notice_query {
    fd_notice_view view;
    const char *text;         /* NULL or "": all; else those whose title contains it */
    const fd_notice *after;   /* continue after this notice (NULL: from the top) */
    int limit;                /* 1–500 */
} fd_notice_query;

fd_status fd_notices_list(fd_desk *d, const fd_actor *who, const fd_notice_query *q,
                          void (*each)(void *ctx, const fd_notice *n), void *ctx, fd_error *err);

/* What the handover book lists of notices: every one to take down
 * (FD_NOTICE_VIEW_TAKE_DOWN) or awaiting its signature (FD_NOTICE_VIEW_DRAFTS), in that
 * view's order, at once, with what the book shows: id, kind, state, title, place,
 * starts_at, ends_at, drafted_at and to_take_down (the rest empty). */
fd_status fd_notices_for_book(fd_desk *d, fd_notice_view view,
                              void (*each)(void *ctx, const fd_notice *n), void *ctx,
                              fd_error *err);

/* The notices drafted in [from, to), or issued, posted or taken down then, by number:
 * the daily log. */
fd_status fd_notices_between(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                             void (*each)(void *ctx, const fd_notice *n), void *ctx,
                             fd_error *err);

fd_status fd_notice_get(fd_desk *d, const fd_actor *who, int64_t id, fd_notice *out,
                        fd_error *err);

/* A notice's history: its events, the units it was handed to, its override, then its
 * corrections, each in order. Strings are valid during the callback only. */
typedef struct fd_notice_line {
    fd_time at;
    const char *event;    /* a machine event, "override", "deliver", or "correct" */
    const char *label;    /* translated */
    const char *staff;
    const char *approver; /* approve, emergency, override: who signed; else NULL */
    const char *unit;     /* deliver */
    const char *field;    /* correct: the field's translated label */
    const char *old_value, *value, *reason; /* correct; override: reason */
} fd_notice_line;

fd_status fd_notice_history(fd_desk *d, const fd_actor *who, int64_t id,
                            void (*each)(void *ctx, const fd_notice_line *line), void *ctx,
                            fd_error *err);

/* `frontdesk export notices`: every notice drafted in [req->from, req->to), by number,
 * with its steps, deliveries, override and corrections. Managers and administrators
 * (FD_ACT_NOTICE_EXPORT). */
fd_status fd_notices_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                            fd_book *book, fd_error *err);

#endif
