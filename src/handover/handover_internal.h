/* What the handover book's source files share (src/handover*.c); not public. */
#ifndef FRONTDESK_HANDOVER_INTERNAL_H
#define FRONTDESK_HANDOVER_INTERNAL_H

#include "frontdesk/handover.h"
#include "store/stmt.h"

/* The entity kinds of the two machines, as stored in event and entity_state. */
#define FD_SHIFT_KIND "shift"
#define FD_FOLLOWUP_KIND "shift_followup"
/* The open items' source name of a follow-up carried on. */
#define FD_SOURCE_FOLLOWUP "followup"
/* The held mail's, whose items the book sums up on one line. */
#define FD_SOURCE_HELD_MAIL "mail"

/* Trims text and checks it: well-formed UTF-8, at most max_chars characters, no
 * control characters (but line breaks when multiline). *out is the trimmed copy, or
 * NULL when empty (then FD_INVALID if required). label names the field in messages. */
fd_status fd_handover_text(const char *text, size_t max_chars, bool multiline, bool required,
                           const char *field, const char *label, char **out, fd_error *err);

/* The first characters of text, whole (never a split UTF-8 sequence), with "…" when
 * cut: for messages, which have a fixed size. */
enum { FD_HANDOVER_EXCERPT_CHARS = 40, FD_HANDOVER_EXCERPT = FD_HANDOVER_EXCERPT_CHARS * 4 + 4 };
void fd_handover_excerpt(const char *text, char out[FD_HANDOVER_EXCERPT]);

/* The shift's state, FD_NOT_FOUND with a message when there is no such shift. */
fd_status fd_handover_shift_state(fd_desk *d, int64_t shift_id, fd_shift_state *out,
                                  fd_error *err);
/* The staff id of the duty manager holding the shift's book, and when it began (either
 * may be NULL). */
fd_status fd_handover_holder(fd_desk *d, int64_t shift_id, int64_t *manager_id, fd_time *start_at,
                             fd_error *err);
/* Inserts a shift in manager's hands (taken over by handover_id, or 0: opened afresh)
 * and fires its "open" event. */
fd_status fd_handover_start_shift(fd_desk *d, const fd_actor *manager, fd_time start,
                                  int64_t handover_id, int64_t *shift_id, fd_error *err);

fd_followup_state fd_followup_state_parse(const char *name);
/* Whether a finished entry of kind k is reported back (to whom, and when). */
bool fd_entry_kind_reports_back(fd_entry_kind k);
fd_shift_state fd_shift_state_parse(const char *name);

/* Checks the text of field f of a kind k, with the field's length limit and label
 * (fd_handover_text). */
fd_status fd_handover_field_text(fd_entry_kind k, fd_entry_field f, const char *value,
                                 bool required, char **out, fd_error *err);

/* A shift inside a transaction already open (fd_shift_get opens its own). */
fd_status fd_handover_shift_get(fd_store *store, int64_t id, fd_shift *out, fd_error *err);
/* Reads a shift's columns (HO_SHIFT_GET and the shift lists) into out. */
void fd_handover_read_shift(fd_stmt *st, fd_shift *out);

/* Reads the columns of shift_entry_now (a statement of "-- row: shift_entry") into
 * out, whose strings stay valid until the statement steps again. A statement's own
 * columns after them are read by their generated names, never by counting. */
void fd_handover_read_entry(fd_stmt *st, fd_entry *out);

/* ---- what an unsigned attempt leaves for the next (src/handover_read.c) ---- */

/* The shift's latest attempt (0 when none) and whether it has ended. */
fd_status fd_handover_latest(fd_desk *d, int64_t shift_id, int64_t *handover_id, bool *ended,
                             fd_error *err);

/* The items of an attempt without a mark (fd_handover_unmarked's one count). */
fd_status fd_handover_attempt_unmarked(fd_desk *d, int64_t handover_id, fd_unmarked *out, fd_error *err);

/* The mark an item of an attempt ended with. */
typedef struct fd_kept_mark {
    char *source;
    int64_t ref_id;
    fd_item_mark mark;
    char *note, *marked_by;
} fd_kept_mark;

typedef struct fd_kept_marks {
    fd_kept_mark *items;
    size_t count;
} fd_kept_marks;

/* The marked items of an attempt (handover_id 0: none). */
fd_status fd_handover_kept_marks(fd_desk *d, int64_t handover_id, fd_kept_marks *out, fd_error *err);
/* Of those, only the marks with a note: what the handover list shows beside each item. */
fd_status fd_handover_handed_notes(fd_desk *d, int64_t handover_id, fd_kept_marks *out, fd_error *err);
/* The kept mark of the record, or NULL. */
const fd_kept_mark *fd_kept_mark_find(const fd_kept_marks *k, const char *source, int64_t ref_id);
void fd_kept_marks_free(fd_kept_marks *k);

/* ---- the full-text index (src/handover_search.c) ---- */

/* Indexes an entry's texts (rowid = the entry), or a correction's value (rowid = the
 * correction, negated). Call inside the write transaction that inserts it. */
fd_status fd_handover_index_entry(fd_desk *d, int64_t entry_id, const char *const *texts,
                                  size_t count, fd_error *err);
fd_status fd_handover_index_correction(fd_desk *d, int64_t correction_id, const char *value,
                                       fd_error *err);

/* ---- open items (src/handover_gather.c) ---- */

/* One open item as a procedure reported it, owned by the list. */
typedef struct fd_gathered {
    const char *source;     /* static: the gatherer's name */
    const char *sort;       /* static: the record's kind as its procedure stores it (a mail
                             * item's, a follow-up's entry), or NULL */
    int64_t ref_id;
    char *ref, *name, *detail;
    fd_time since, due_at;
    int age_days;
} fd_gathered;

typedef struct fd_gather_list {
    fd_gathered *items;
    size_t count, capacity;
    fd_time now;            /* the moment of handover: later records are not yet open */
} fd_gather_list;

/* Asks every procedure in the gatherers' table for its open items, in table order. */
fd_status fd_handover_gather(fd_desk *d, fd_gather_list *out, fd_error *err);
void fd_gather_list_free(fd_gather_list *l);
/* The translated label of a source name ("followup" included); the name if unknown. */
const char *fd_handover_source_label(const char *source);
/* Whether an item's deadline rests on a year without a holiday table (未核定). */
bool fd_handover_due_unconfirmed(const fd_config *cfg, const char *source, const char *sort,
                                 fd_time due);
/* The kind of record an item of this source refers to. */
fd_item_record handover_source_record(const char *source);
/* The translated label of a record's kind within its source; NULL when it has none. */
const char *fd_handover_sort_label(const char *source, const char *sort);

#endif
