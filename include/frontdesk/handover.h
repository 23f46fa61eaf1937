/* The duty handover book (总值交接班管理制度, 值班管理制度). A shift is the book in one duty
 * manager's hands. Entries of five kinds are written into the open shift: fixed duties
 * and incidents (also by receptionists and assistants, as the day's duty log, under
 * their own name), inter-department memos (内联单), superiors' instructions and group
 * leadership's instructions. An entry marked 请继续跟进 / 请继续监管 is a follow-up:
 * every later shift sees it first and records its progress before it may hand over in
 * turn, until someone records it done. A finished superior's or leadership instruction
 * records whom it was reported back to, and when.
 *
 * Handing over gathers the open items at that moment (the follow-ups carried on, and
 * what the other procedures have open: visitors inside, keys overdue …) into the
 * shift's record; the outgoing manager carries or annotates each and counts the
 * inventory (cfg->inventory_items); the incoming manager confirms the counts and both
 * sign with their PINs on the same terminal. The incoming manager may refuse, with a
 * reason: the book stays with the outgoing one. Signing closes the shift and opens the
 * next in the incoming manager's hands; a closed shift takes corrections, never edits.
 *
 *   shift:     (new)        open      → open          (a duty manager opens the book)
 *              open         hand_over → handing_over  (the holder; open items gathered)
 *              handing_over withdraw  → open          (the holder, to write more)
 *              handing_over refuse    → open          (the incoming manager; a reason)
 *              handing_over sign      → closed        (both; counts confirmed)
 *   follow-up: (new)        flag      → open          (written with its entry)
 *              open|progress progress → progress      (a duty manager, in an open shift)
 *              open|progress done     → done          (same; instructions: reported back)
 */
#ifndef FRONTDESK_HANDOVER_H
#define FRONTDESK_HANDOVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "frontdesk/desk.h"
#include "frontdesk/book.h"
#include "frontdesk/machine.h"
#include "frontdesk/roles.h"

/* X(id, stored name, label) */
#define FD_SHIFT_STATE_LIST(X)                                    \
    X(OPEN,         "open",         N_("On duty"))               \
    X(HANDING_OVER, "handing_over", N_("Handing over"))          \
    X(CLOSED,       "closed",       N_("Handed over"))

typedef enum fd_shift_state {
#define FD_SHIFT_STATE_ENUM(id, name, label) FD_SHIFT_##id,
    FD_SHIFT_STATE_LIST(FD_SHIFT_STATE_ENUM)
#undef FD_SHIFT_STATE_ENUM
    FD_SHIFT_STATE_COUNT
} fd_shift_state;

#define FD_FOLLOWUP_STATE_LIST(X)                                 \
    X(OPEN,     "open",     N_("To follow up"))                  \
    X(PROGRESS, "progress", N_("In progress"))                   \
    X(DONE,     "done",     N_("Done"))

typedef enum fd_followup_state {
#define FD_FOLLOWUP_STATE_ENUM(id, name, label) FD_FOLLOWUP_##id,
    FD_FOLLOWUP_STATE_LIST(FD_FOLLOWUP_STATE_ENUM)
#undef FD_FOLLOWUP_STATE_ENUM
    FD_FOLLOWUP_STATE_COUNT
} fd_followup_state;

#define FD_ENTRY_KIND_LIST(X)                                                 \
    X(DUTY,        "duty",        N_("Fixed duty"))                          \
    X(INCIDENT,    "incident",    N_("Incident"))                            \
    X(MEMO,        "memo",        N_("Inter-department memo"))               \
    X(INSTRUCTION, "instruction", N_("Superior's instruction"))              \
    X(LEADERSHIP,  "leadership",  N_("Group leadership's instruction"))

typedef enum fd_entry_kind {
#define FD_ENTRY_KIND_ENUM(id, name, label) FD_ENTRY_##id,
    FD_ENTRY_KIND_LIST(FD_ENTRY_KIND_ENUM)
#undef FD_ENTRY_KIND_ENUM
    FD_ENTRY_KIND_COUNT
} fd_entry_kind;

/* The red mark of 总值交接班 §4; NONE: nothing for the next shift. */
#define FD_FOLLOW_MARK_LIST(X)                                                \
    X(FOLLOW,    "follow",    N_("Please continue to follow up"))            \
    X(SUPERVISE, "supervise", N_("Please continue to supervise"))

typedef enum fd_follow_mark {
    FD_FOLLOW_NONE, /* zero: a form left as it is asks nothing of the next shift */
#define FD_FOLLOW_MARK_ENUM(id, name, label) FD_FOLLOW_##id,
    FD_FOLLOW_MARK_LIST(FD_FOLLOW_MARK_ENUM)
#undef FD_FOLLOW_MARK_ENUM
    FD_FOLLOW_MARK_COUNT
} fd_follow_mark;

/* An entry's fields after its time: X(id, stored name). Which a kind has, and their
 * labels, come from fd_entry_field_applies / fd_entry_field_label. NOTE is a later note,
 * added only as a correction. */
#define FD_ENTRY_FIELD_LIST(X)        \
    X(CONTENT,     "content")         \
    X(REPORTER,    "reporter")        \
    X(GIVEN_BY,    "given_by")        \
    X(RELAYED_TO,  "relayed_to")      \
    X(HANDLING,    "handling")        \
    X(SUPERIOR,    "superior")        \
    X(RESULT,      "result")          \
    X(FOLLOW_UP,   "follow_up")       \
    X(REPORTED_TO, "reported_to")     \
    X(NOTE,        "note")

typedef enum fd_entry_field {
#define FD_ENTRY_FIELD_ENUM(id, name) FD_ENTRY_FIELD_##id,
    FD_ENTRY_FIELD_LIST(FD_ENTRY_FIELD_ENUM)
#undef FD_ENTRY_FIELD_ENUM
    FD_ENTRY_FIELD_COUNT
} fd_entry_field;

const char *fd_shift_state_name(fd_shift_state s);
const char *fd_shift_state_label(fd_shift_state s);       /* translated */
const char *fd_followup_state_name(fd_followup_state s);
const char *fd_followup_state_label(fd_followup_state s); /* translated */
const char *fd_entry_kind_name(fd_entry_kind k);
const char *fd_entry_kind_label(fd_entry_kind k);         /* translated */
bool fd_entry_kind_parse(const char *name, fd_entry_kind *out);
const char *fd_follow_mark_name(fd_follow_mark m);        /* NULL for NONE */
const char *fd_follow_mark_label(fd_follow_mark m);       /* translated; "" for NONE */
const char *fd_entry_field_name(fd_entry_field f);
bool fd_entry_field_parse(const char *name, fd_entry_field *out);
/* Does this kind of entry have the field? (FOLLOW_UP and NOTE: every kind.) */
bool fd_entry_field_applies(fd_entry_kind k, fd_entry_field f);
/* Must an entry of this kind have the field? (For the form's marks: the core checks.) */
bool fd_entry_field_required(fd_entry_kind k, fd_entry_field f);
/* The field's label for this kind, as the manual words it (事项, 处理经过, 完成情况 …). */
const char *fd_entry_field_label(fd_entry_kind k, fd_entry_field f);
/* The label of the entry's time: time, time reported, time given. */
const char *fd_entry_time_label(fd_entry_kind k);

/* The two machines (fired by the operations below). */
extern const fd_machine fd_shift_machine;
extern const fd_machine fd_followup_machine;

/* The steps of a follow-up a screen offers. */
typedef enum fd_followup_step {
    FD_FOLLOWUP_STEP_PROGRESS,
    FD_FOLLOWUP_STEP_DONE,
    FD_FOLLOWUP_STEP_COUNT
} fd_followup_step;

/* May who, approved in place by approver (or NULL), take step on the entry's follow-up,
 * which is in state, now? Nothing is written. FD_STATE: the state has no such step;
 * FD_DENIED: not this person; another status: the step wants more than a question can
 * give. The operation itself asks again. */
fd_status fd_followup_may(fd_desk *d, int64_t entry_id, fd_followup_state state,
                          fd_followup_step step, const fd_actor *who, const fd_actor *approver);

enum {
    FD_HANDOVER_NAME_MAX = 64,     /* bytes of a staff name, NUL included */
    FD_HANDOVER_SHORT_CHARS = 60,  /* characters: reporter, given by, relayed to … */
    FD_HANDOVER_LONG_CHARS = 1000, /* characters: content, handling, result, notes */
    FD_HANDOVER_COUNT_MAX = 99999, /* an inventory count */
};

/* ---- the shift ---- */

/* A shift as it reads now. A plain value: copy it freely. */
typedef struct fd_shift {
    int64_t id;
    fd_shift_state state;
    int64_t manager_id;
    char manager[FD_HANDOVER_NAME_MAX];       /* the duty manager holding the book */
    fd_time start_at;
    fd_time end_at;                           /* signed over; 0 while not */
    int64_t previous_id;                      /* the shift handed over to this one; 0: opened afresh */
    char handed_over_by[FD_HANDOVER_NAME_MAX]; /* previous holder; "" when opened afresh */
    char taken_over_by[FD_HANDOVER_NAME_MAX];  /* closed: the incoming manager */
    long entries;
} fd_shift;

/* Opens the book (a duty manager) when no shift is open: the first shift, or after a
 * gap. start 0: now; not in the future, not before the last shift's end. Otherwise the
 * book passes only by handover. */
fd_status fd_shift_open(fd_desk *d, const fd_actor *who, fd_time start, int64_t *shift_id,
                        fd_error *err);
/* The shift open now (open or handing over); FD_NOT_FOUND (no message) when none. */
fd_status fd_shift_current(fd_desk *d, fd_shift *out, fd_error *err);
fd_status fd_shift_get(fd_desk *d, int64_t shift_id, fd_shift *out, fd_error *err);
/* Past and present shifts, newest first: at most limit after the shift after (NULL:
 * from the newest). */
fd_status fd_shifts_list(fd_desk *d, const fd_shift *after, int limit,
                         void (*each)(void *ctx, const fd_shift *s), void *ctx, fd_error *err);

/* ---- entries ---- */

/* What is written. Fields a kind does not have must be NULL (see
 * fd_entry_field_applies). Required: content; an incident's reporter; the giver of a
 * memo or an instruction. A mark needs the follow-up text. A superior's or leadership
 * instruction not marked is finished: its completion (result) and whom it was
 * reported back to, and when, are required. Form field names in fd_error: at, and the
 * stored field names. */
typedef struct fd_entry_form {
    fd_entry_kind kind;
    fd_time at;               /* the duty's time, time reported, time given; 0: now */
    const char *content;      /* duty: the item (事项); incident: what happened; others: the work */
    const char *reporter;     /* incident */
    const char *given_by;     /* memo, instructions: 交办人 / 交代人 */
    const char *relayed_to;   /* memo, instructions: 传达人员 */
    const char *handling;     /* duty, incident */
    const char *superior;     /* incident: the superior it was reported to (上级汇报人) */
    const char *result;       /* duty, incident: result; others: completion (完成情况) */
    fd_follow_mark mark;
    const char *follow_up;    /* what the next shift is to continue */
    const char *reported_to;  /* instructions, finished: whom it was reported back to */
    fd_time reported_at;
} fd_entry_form;

/* Writes an entry into the shift, which must be open (not handing over, not closed).
 * Desk staff write fixed duties and incidents (the duty log); memos and instructions
 * are the duty manager's. */
fd_status fd_handover_write(fd_desk *d, const fd_actor *who, int64_t shift_id,
                            const fd_entry_form *form, int64_t *entry_id, fd_error *err);

/* A correction or a later note (FD_ENTRY_FIELD_NOTE) on an entry, in any state of its
 * shift: by its author or a duty manager, with a reason. */
fd_status fd_handover_correct(fd_desk *d, const fd_actor *who, int64_t entry_id,
                              fd_entry_field field, const char *value, const char *reason,
                              fd_error *err);

/* An entry as it reads now (corrections applied). Strings are valid during the
 * callback only; fields the kind does not have are NULL. */
typedef struct fd_entry {
    int64_t id, shift_id;
    fd_entry_kind kind;
    fd_time at;
    const char *content, *reporter, *given_by, *relayed_to, *handling, *superior, *result;
    fd_follow_mark mark;
    const char *follow_up;
    const char *reported_to;
    fd_time reported_at;      /* 0 when not reported back */
    const char *note;         /* the latest later note, or NULL */
    const char *author;       /* staff name */
    fd_role author_role;
    bool duty_log;            /* written by desk staff, not a duty manager */
    fd_time recorded_at;
    bool corrected;
    bool followup;            /* marked: the follow-up's state below */
    fd_followup_state followup_state;
    const char *shift_manager; /* the holder of the shift it was written in */
    fd_time shift_start;
} fd_entry;

/* The shift's entries in time order: at most limit after the entry after (NULL: from
 * the first). */
fd_status fd_handover_entries(fd_desk *d, int64_t shift_id, const fd_entry *after, int limit,
                              void (*each)(void *ctx, const fd_entry *e), void *ctx,
                              fd_error *err);
fd_status fd_handover_entry_get(fd_desk *d, int64_t entry_id,
                                void (*each)(void *ctx, const fd_entry *e), void *ctx,
                                fd_error *err);

/* A correction or later note of an entry, oldest first. */
typedef struct fd_entry_correction {
    int64_t entry_id;
    fd_entry_field field;
    const char *value, *reason, *staff;
    fd_time at;
} fd_entry_correction;

fd_status fd_handover_corrections(fd_desk *d, int64_t entry_id,
                                  void (*each)(void *ctx, const fd_entry_correction *c), void *ctx,
                                  fd_error *err);

/* Searches every entry of every shift, newest written first: each word of text (split
 * at blanks) must occur in the entry's fields, its corrections or its author's name, or
 * the words, in order, in one of its progress notes;
 * Chinese matches any substring. At most limit entries with ids below after_id (0:
 * from the newest). An empty search lists nothing. */
fd_status fd_handover_search(fd_desk *d, const char *text, int64_t after_id, int limit,
                             void (*each)(void *ctx, const fd_entry *e), void *ctx,
                             fd_error *err);

/* ---- follow-ups ---- */

typedef struct fd_progress_form {
    int64_t shift_id;         /* the open shift recording it */
    int64_t entry_id;         /* the entry that was marked */
    const char *note;         /* what was done (完成情况 / 监管情况) */
    fd_time at;               /* when it was done; 0: now. Within the shift, not later */
    bool done;
    const char *reported_to;  /* done instruction: whom it was reported back to */
    fd_time reported_at;      /* and when; 0: now; not in the future */
} fd_progress_form;

/* A duty manager records progress on an open follow-up, or that it is done. Field
 * names: note, at, reported_to, reported_at. */
fd_status fd_handover_progress(fd_desk *d, const fd_actor *who, const fd_progress_form *form,
                               fd_error *err);

/* An open follow-up: its entry, its latest progress, and whether the shift asked
 * about has recorded progress on it yet. */
typedef struct fd_followup {
    const fd_entry *entry;
    fd_followup_state state;
    int64_t origin_shift_id;
    const char *last_progress; /* NULL when none yet */
    fd_time last_progress_at;
    long shifts_carried;       /* signed handovers that carried it */
    bool carried_in;           /* written before the shift asked about */
    bool progressed;           /* the shift asked about has recorded progress */
} fd_followup;

/* Every open follow-up, oldest first (at most limit with entry ids above after_id),
 * seen from shift_id: the carried-in ones are those it must record progress on. */
fd_status fd_handover_followups(fd_desk *d, int64_t shift_id, int64_t after_id, int limit,
                                void (*each)(void *ctx, const fd_followup *f), void *ctx,
                                fd_error *err);
/* Status-line counter: follow-ups open now. */
fd_status fd_handover_followups_count(fd_desk *d, long *out, fd_error *err);

/* One step of an item's trail across shifts, in time order: written, each progress,
 * each signed handover that carried it on (from the outgoing to the incoming manager),
 * done. */
typedef enum fd_trail_kind {
    FD_TRAIL_WRITTEN, FD_TRAIL_PROGRESS, FD_TRAIL_DONE, FD_TRAIL_CARRIED
} fd_trail_kind;

typedef struct fd_trail_step {
    fd_trail_kind kind;
    fd_time at;
    int64_t shift_id;
    const char *shift_manager;
    const char *staff;        /* who wrote it; carried: the outgoing manager */
    const char *taken_by;     /* carried: the incoming manager; else NULL */
    const char *text;         /* the entry's content, the progress note, the carry note */
    const char *reported_to;  /* done instruction */
    fd_time reported_at;
} fd_trail_step;

fd_status fd_handover_trail(fd_desk *d, int64_t entry_id,
                            void (*each)(void *ctx, const fd_trail_step *s), void *ctx,
                            fd_error *err);

/* ---- handing over ---- */

/* Before a form opens: may who write an entry of this kind into the shift now? The
 * answer says why not in the words that person needs: the holder is told to take the
 * handover back, anyone else that the book is being handed over by its holder; a
 * closed shift takes corrections only. */
fd_status fd_handover_may_write(fd_desk *d, const fd_actor *who, int64_t shift_id,
                                fd_entry_kind kind, fd_error *err);

/* The holder begins handing over: refused while a follow-up carried in from an earlier
 * shift has no progress recorded in this one. Gathers the open items (the follow-ups,
 * marked carried, and the other procedures') into the shift's record. An earlier
 * attempt of the same shift that was refused or taken back keeps what it had: its
 * marks and notes go onto the items still open, its counts stand. */
fd_status fd_handover_begin(fd_desk *d, const fd_actor *who, int64_t shift_id,
                            int64_t *handover_id, fd_error *err);
/* The holder takes the handover back to write more (the shift is open again). */
fd_status fd_handover_withdraw(fd_desk *d, const fd_actor *who, int64_t shift_id, fd_error *err);

typedef enum fd_item_mark { FD_ITEM_UNMARKED, FD_ITEM_CARRIED, FD_ITEM_NOTED } fd_item_mark;

/* The holder's word on an open item of the handover: carried on as it is (note
 * optional) or annotated (note required). */
fd_status fd_handover_mark(fd_desk *d, const fd_actor *who, int64_t item_id, fd_item_mark mark,
                           const char *note, fd_error *err);
/* Marks every item not yet marked as carried. */
fd_status fd_handover_carry_rest(fd_desk *d, const fd_actor *who, int64_t shift_id,
                                 fd_error *err);

/* The holder's count of cfg->inventory_items[item]. A count that differs from the one
 * taken over at the last handover needs an explanation (field "explanation"). */
fd_status fd_handover_count(fd_desk *d, const fd_actor *who, int64_t shift_id, size_t item,
                            long count, const char *explanation, fd_error *err);

/* The incoming manager's confirmation, one per cfg->inventory_items: a count that
 * differs from the outgoing one needs an explanation (field "explanation.N"). */
typedef struct fd_count_confirm {
    long count;
    const char *explanation;
} fd_count_confirm;

/* Both managers sign (each authenticated with fd_staff_login): outgoing is the holder,
 * incoming another duty manager. Refused until every open item is marked and every
 * inventory item counted and confirmed. The shift closes and the next opens in the
 * incoming manager's hands (its id to next_shift_id). */
fd_status fd_handover_sign(fd_desk *d, const fd_actor *outgoing, const fd_actor *incoming,
                           int64_t shift_id, const fd_count_confirm *counts, size_t count_n,
                           int64_t *next_shift_id, fd_error *err);
/* The incoming manager refuses to sign, with a reason: the shift is open again, still
 * in the outgoing manager's hands, its marks, notes and counts kept for the next
 * attempt (fd_handover_attempts gives the reason to both). */
fd_status fd_handover_refuse(fd_desk *d, const fd_actor *outgoing, const fd_actor *incoming,
                             int64_t shift_id, const char *reason, fd_error *err);

/* The open items of a shift's handover under way still without the outgoing manager's
 * mark, counted as the book lists them: the items on a line each, and the held mail
 * that its one line sums up. Outside a handover nothing is unmarked. */
typedef struct fd_unmarked {
    long items;     /* listed one by one */
    long held_mail; /* on the held mail's line */
} fd_unmarked;

fd_status fd_handover_unmarked(fd_desk *d, int64_t shift_id, fd_unmarked *out, fd_error *err);
/* "7 open items and 24 held mail items" (translated; a part that is 0 is left out). */
void fd_unmarked_text(const fd_unmarked *u, char *out, size_t size);

/* Before the signatures are asked for: is the holder's handover ready to sign? FD_OK,
 * or FD_STATE naming what is missing — field "items" with *unmarked set to the open
 * items without a mark (fd_handover_carry_rest carries them on in one step), or
 * "inventory" when an item is not counted yet. unmarked may be NULL. */
fd_status fd_handover_sign_ready(fd_desk *d, const fd_actor *who, int64_t shift_id,
                                 fd_unmarked *unmarked, fd_error *err);

/* A handover its holder abandoned (left without signing, the book still open or
 * handing over), taken over under supervision: a customer-service manager or an
 * administrator (supervisor, logged in or approving in place) stands in for the holder,
 * with a reason; the incoming duty manager (authenticated) confirms the counts as at a
 * signature (counts as in fd_handover_sign). Open items without a mark are carried on
 * by the supervisor. The shift closes as taken over — audited, and so printed — and
 * the next opens in the incoming manager's hands. */
fd_status fd_handover_take_over(fd_desk *d, const fd_actor *supervisor, const fd_actor *incoming,
                                int64_t shift_id, const char *reason,
                                const fd_count_confirm *counts, size_t count_n,
                                int64_t *next_shift_id, fd_error *err);
/* May who (approved in place by approver, or NULL) take the shift's book over under
 * supervision now? Nothing is written; the operation asks again. */
fd_status fd_handover_may_take_over(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                                    int64_t shift_id, fd_error *err);

/* The kind of record an open item's ref_id names, so a screen opens the right one. */
typedef enum fd_item_record {
    FD_RECORD_ENTRY, /* a follow-up carried on: the book's entry */
    FD_RECORD_VISIT,
    FD_RECORD_KEY,
    FD_RECORD_MAIL,
    FD_RECORD_COMPLAINT,
    FD_RECORD_CALL,  /* an entry of the hotline and walk-in register */
    FD_RECORD_NOTICE,
    FD_RECORD_RENOVATION, /* a renovation file (its pass or tools the item names) */
    FD_RECORD_PASS,  /* a carry-out or carry-in pass */
} fd_item_record;

/* An open item. Strings are valid during the callback only. */
typedef struct fd_open_item {
    int64_t id;               /* the snapshot row; 0 when gathered live */
    const char *source;       /* the gatherer's name: "followup", "visitor", … */
    const char *source_label; /* translated */
    fd_item_record record;    /* what ref_id names */
    const char *sort_label;   /* the record's kind, translated (a mail item's); may be NULL */
    int64_t ref_id;           /* the record in its procedure (a follow-up: the entry) */
    const char *ref;          /* slip, tag, tracking number, complaint number; may be NULL */
    const char *name;         /* whom it concerns; may be NULL */
    const char *detail;       /* what and where; may be NULL */
    fd_time since;            /* inside since, out since, received, written; 0: unknown */
    fd_time due_at;           /* when it was due; 0: none */
    bool due_unconfirmed;     /* counted in working days into a year without a holiday
                               * table (fd_deadline_unconfirmed): shown as 未核定 */
    bool overdue;             /* due_at has passed, by the desk's clock now */
    int age_days;             /* held mail: days at the desk; -1: not applicable */
    fd_item_mark mark;
    const char *note;
    const char *marked_by;    /* NULL while unmarked */
    const char *handed_note;  /* the note the item was handed over to this shift with; or NULL */
    const char *handed_by;    /* who wrote that note */
} fd_open_item;

/* The shift's open items, the night's business first: overdue complaints, overdue
 * keys and keys to seal, visitors still inside, calls and walk-ins still pending,
 * notices to take down and drafts awaiting a signature, then the mail held at the desk. While
 * the shift is open they are gathered live from the procedures (not stored), each with
 * the mark an unsigned attempt of the shift left on it (kept for the next attempt, not
 * the item's state); once a handover began, the snapshot of its latest handover, with
 * marks. Either way an item still open carries the note it was handed over to this
 * shift with. */
fd_status fd_handover_open_items(fd_desk *d, int64_t shift_id,
                                 void (*each)(void *ctx, const fd_open_item *i), void *ctx,
                                 fd_error *err);

/* The mail held at the desk among a shift's open items, summed up by days at the desk
 * (cfg->mail_age_buckets): the book lists it as one line, each item on request. An
 * item annotated during a handover is not summed: its note is read with it. */
typedef struct fd_held_mail {
    long total;
    long by_age[4];   /* at most buckets[0] days, at most [1], at most [2], longer */
    int buckets[3];
    long unmarked;    /* during a handover: items without a mark (fd_unmarked's held_mail) */
} fd_held_mail;

fd_status fd_handover_held_mail(fd_desk *d, int64_t shift_id, fd_held_mail *out, fd_error *err);
/* "24 items: 10 up to 3 days, 8 up to 7 days, 4 up to 15 days, 2 longer" (translated). */
void fd_held_mail_text(const fd_held_mail *m, char *out, size_t size);
/* Whether an open item is summed up as held mail (fd_held_mail) rather than listed. */
bool fd_open_item_summed(const fd_open_item *i);
/* The holder carries every held mail item of the handover under way on as it is. */
fd_status fd_handover_carry_held_mail(fd_desk *d, const fd_actor *who, int64_t shift_id,
                                      fd_error *err);

/* One inventory line of the shift's latest handover. */
typedef struct fd_count_row {
    size_t index;             /* in cfg->inventory_items; (size_t)-1 if no longer listed */
    const char *item;
    bool counted;             /* by the outgoing manager */
    long out_count;
    long previous;            /* taken over at the last handover; -1: none recorded */
    const char *out_explanation;
    bool confirmed;           /* by the incoming manager */
    long in_count;
    const char *in_explanation;
} fd_count_row;

fd_status fd_handover_counts(fd_desk *d, int64_t shift_id,
                             void (*each)(void *ctx, const fd_count_row *c), void *ctx,
                             fd_error *err);

/* ---- the report (issue 8 prints it) ---- */

typedef enum fd_handover_outcome {
    FD_HANDOVER_PENDING, FD_HANDOVER_SIGNED, FD_HANDOVER_REFUSED, FD_HANDOVER_WITHDRAWN,
    FD_HANDOVER_TAKEN_OVER /* abandoned, taken over under supervision */
} fd_handover_outcome;

/* One attempt to hand the shift over. */
typedef struct fd_handover_attempt {
    int64_t id;
    fd_time begun_at;
    const char *outgoing;     /* staff name; taken over: the holder who left */
    fd_handover_outcome outcome;
    const char *incoming;     /* signed, refused, taken over: the incoming manager; else NULL */
    const char *reason;       /* refused, taken over */
    fd_time ended_at;         /* 0 while pending */
    const char *supervisor;   /* taken over: who stood in for the holder; else NULL */
} fd_handover_attempt;

/* The shift's attempts to hand over, oldest first. Strings are valid during the
 * callback only. */
fd_status fd_handover_attempts(fd_desk *d, int64_t shift_id,
                               void (*each)(void *ctx, const fd_handover_attempt *a), void *ctx,
                               fd_error *err);

/* Progress recorded in this shift on a follow-up (the entry's content for context). */
typedef struct fd_progress_row {
    int64_t id, entry_id;
    fd_entry_kind kind;
    const char *content;
    int64_t origin_shift_id;
    const char *note;
    bool done;
    const char *reported_to;
    fd_time reported_at;
    const char *staff;
    fd_time at;
} fd_progress_row;

/* Everything the printed handover report needs for one shift, in this order: the
 * shift; its handover attempts (signatures with times, refusals with reasons); its
 * entries by kind then time, each followed by its corrections; the progress it
 * recorded on follow-ups; the follow-ups it carried on (open items of source
 * "followup"), each followed by its trail; the other open items with their marks; the
 * inventory. Any callback may be NULL. */
typedef struct fd_handover_report_cb {
    void (*shift)(void *ctx, const fd_shift *s);
    void (*attempt)(void *ctx, const fd_handover_attempt *a);
    void (*entry)(void *ctx, const fd_entry *e);
    void (*correction)(void *ctx, const fd_entry_correction *c);
    void (*progress)(void *ctx, const fd_progress_row *p);
    void (*carried)(void *ctx, const fd_open_item *i);
    void (*trail)(void *ctx, const fd_trail_step *s);
    void (*open_item)(void *ctx, const fd_open_item *i);
    /* When set, the held mail summed up (fd_open_item_summed) comes here once, after
     * the other open items, instead of item by item to open_item. */
    void (*held_mail)(void *ctx, const fd_held_mail *m);
    void (*count)(void *ctx, const fd_count_row *c);
} fd_handover_report_cb;

fd_status fd_handover_report(fd_desk *d, int64_t shift_id, const fd_handover_report_cb *cb,
                             void *ctx, fd_error *err);

/* ---- export ---- */

/* Every entry of the shifts that started in [from, to), a row each with its shift,
 * kind, all fields as they read now, its mark and follow-up state. Managers and
 * administrators (FD_ACT_HANDOVER_EXPORT). */
fd_status fd_handover_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                             fd_book *book, fd_error *err);

#endif
