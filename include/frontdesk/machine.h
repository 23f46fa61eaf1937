/* The state-machine engine the procedures share. Each procedure declares its
 * transition table (state × event → state, the action whose permission it needs, and
 * an optional guard); firing an event checks all three, then appends an event row
 * with its audit entry. Nothing is updated: an entity's state is its last event's
 * target, cached in a derived table that verify recomputes. */
#ifndef FRONTDESK_MACHINE_H
#define FRONTDESK_MACHINE_H

#include <stdint.h>
#include "frontdesk/audit.h"
#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

enum { FD_STATE_MAX = 32 };

typedef struct fd_fire {
    const fd_actor *actor;     /* who records it */
    const fd_actor *approver;  /* who approved in place, or NULL */
    const char *note;          /* free text, may be NULL */
    const char *data;          /* the event's fields as JSON text, may be NULL */
    fd_time at;                /* 0: now */
    void *guard_ctx;           /* handed to the guard */
} fd_fire;

/* A guard may refuse a transition with a message (and the field it concerns). */
typedef fd_status (*fd_guard)(fd_desk *d, const fd_fire *fire, int64_t entity_id,
                              fd_error *err);

typedef struct fd_transition {
    const char *from;   /* NULL: the event that creates the entity */
    const char *event;
    const char *to;
    fd_action action;   /* the actor (or approver) must be allowed this */
    fd_guard guard;     /* NULL: none */
} fd_transition;

typedef struct fd_machine {
    const char *kind;   /* "visit", "loan", …: names the entity kind in the event table */
    const fd_transition *rows;
    size_t count;
    /* Translated label of a state, for messages; NULL shows the stored name. */
    const char *(*state_label)(const char *state);
} fd_machine;

/* Current state of an entity ("" when it has no event yet). */
fd_status fd_machine_state(fd_desk *d, const fd_machine *m, int64_t entity_id,
                           char state[FD_STATE_MAX], fd_error *err);

/* Is event allowed from state for this actor? (No writing: screens use it to decide
 * what to offer, fire uses it to refuse.) */
fd_status fd_machine_check(fd_desk *d, const fd_machine *m, const char *state, const char *event,
                           const fd_fire *fire, int64_t entity_id,
                           const fd_transition **out, fd_error *err);

/* fd_machine_check as a procedure's typed question asks it (fd_visit_may, …): may who,
 * approved in place by approver (or NULL), fire event on the entity now? No message. */
fd_status fd_machine_may(fd_desk *d, const fd_machine *m, int64_t entity_id, const char *state,
                         const char *event, const fd_actor *who, const fd_actor *approver);

/* Fires event on the entity inside the current write transaction (call it from
 * within fd_store_write). Writes the event id to event_id if not NULL. */
fd_status fd_machine_fire(fd_desk *d, const fd_machine *m, int64_t entity_id, const char *event,
                          const fd_fire *fire, int64_t *event_id, fd_error *err);

/* fd_machine_fire for the first event of an entity that is the row of record just
 * inserted, not yet in the audit chain: one audit entry, named kind.event, records the
 * row and the event together (fd_audit_row_and_event). */
fd_status fd_machine_begin(fd_desk *d, const fd_machine *m, fd_record_table record,
                           int64_t entity_id, const char *event, const fd_fire *fire,
                           int64_t *event_id, fd_error *err);

/* One event of an entity's history, oldest first. */
typedef struct fd_event_row {
    int64_t id;
    const char *event, *from_state, *to_state, *note, *data;
    int64_t staff_id, approver_id;
    fd_time at;
} fd_event_row;
fd_status fd_machine_history(fd_desk *d, const fd_machine *m, int64_t entity_id,
                             void (*each)(void *ctx, const fd_event_row *row), void *ctx,
                             fd_error *err);

/* Corrections: a record is never edited; a correction is a new row naming the row
 * and field it corrects, the new value, the reason, who and when. */
fd_status fd_correct(fd_desk *d, const fd_actor *who, const char *table, int64_t row_id,
                     const char *field, const char *value, const char *reason,
                     int64_t *correction_id, fd_error *err);

typedef struct fd_correction_row {
    int64_t id;
    const char *field, *value, *reason;
    int64_t staff_id;
    fd_time at;
} fd_correction_row;
fd_status fd_corrections(fd_desk *d, const char *table, int64_t row_id,
                         void (*each)(void *ctx, const fd_correction_row *row), void *ctx,
                         fd_error *err);
/* The current value of a field: the latest correction, else base (caller frees). */
fd_status fd_current_value(fd_desk *d, const char *table, int64_t row_id, const char *field,
                           const char *base, char **out, fd_error *err);

#endif
