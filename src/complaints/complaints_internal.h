/* What the complaints files share (src/complaints/); not public. complaints.c
 * holds these, with the operations; the reads and the export sit above it. */
#ifndef FRONTDESK_COMPLAINTS_INTERNAL_H
#define FRONTDESK_COMPLAINTS_INTERNAL_H

#include "frontdesk/complaints.h"
#include "store/stmt.h"

enum {
    NAME_CHARS = 32,      /* complainant, unit, who rectified */
    CONTENT_CHARS = 2000, /* what the complaint says */
    REPORT_CHARS = 1000,  /* measures and results */
    NOTE_CHARS = 500,
    PHONE_TEXT = 40,
    LIST_LIMIT_MAX = 500,
};

/* What a step's rules need to know of a complaint. */
typedef struct complaint_facts {
    fd_complaint_sort sort;
    int severity; /* -1 for other sorts */
    fd_time received_at;
    fd_time rectified_at; /* 0 until rectified */
    char department[128]; /* "" until assigned */
    char escalated_to[64]; /* "" unless taken over */
    char state[FD_STATE_MAX];
} complaint_facts;

/* The names of fd_complaint_due_kind as deadline rows store them. */
extern const char *const complaint_due_names[];

fd_status complaint_read_facts(fd_desk *d, int64_t id, complaint_facts *f, fd_error *err);
/* Whether a correction's field is the phone (masked like the phone). */
bool complaint_is_phone(const char *field);
bool complaint_sees_phones(const fd_desk *d, const fd_actor *who);
/* The phone as who may see it: in full, or masked; a new string. */
char *complaint_shown_phone(const fd_desk *d, const fd_actor *who, const char *phone);

/* Columns as the lists and the export read them. */
int complaint_col_choice(fd_stmt *st, int col, fd_complaint_list list);
fd_time complaint_col_due(fd_stmt *st, int col);
bool complaint_is_overdue(const fd_desk *d, fd_time due);
/* The fd_complaint_due_kind a complaint in state waits on, -1 when none. */
int complaint_due_kind_in(fd_complaint_sort sort, fd_complaint_state state);
/* Whether a deadline of kind (-1: none) is counted in working days into a year
 * without a holiday table. */
bool complaint_due_unconfirmed(const fd_desk *d, fd_complaint_sort sort, int kind, fd_time due);

#endif
