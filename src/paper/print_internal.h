/* What src/print.c (the handover report) and src/print_daily.c (the daily logs) share. */
#ifndef FRONTDESK_PRINT_INTERNAL_H
#define FRONTDESK_PRINT_INTERNAL_H

#include "frontdesk/handover.h"
#include "frontdesk/print.h"

enum { PRINT_COLUMNS_MAX = 16 };

/* A row being filled, cell by cell; the cells own their text. */
typedef struct print_cells {
    char *text[PRINT_COLUMNS_MAX];
    unsigned style[PRINT_COLUMNS_MAX];
    size_t count;
} print_cells;

void print_cells_add(print_cells *c, char *owned, unsigned style);
void print_cells_dup(print_cells *c, const char *text, unsigned style);
/* A time as print_time shows it. */
void print_cells_time(print_cells *c, fd_time t, fd_date day);
/* A time as print_stamp shows it. */
void print_cells_stamp(print_cells *c, fd_time t, fd_date day);
/* Adds the row to t and empties c. */
void print_cells_row(fd_report_table *t, print_cells *c);
void print_cells_clear(print_cells *c);

/* "" for 0; "09:30" on day; "11-26 22:00" in day's year; else "2025-12-31 22:00". */
void print_time(fd_time t, fd_date day, char out[FD_TIME_TEXT]);
/* As print_time, with the date even on day ("11-26 22:00"). */
void print_stamp(fd_time t, fd_date day, char out[FD_TIME_TEXT]);
/* a, separator, b: either may be NULL or empty, and then no separator. Caller frees. */
char *print_join(const char *a, const char *separator, const char *b);
/* A follow-up's red mark with what it asks ("Please continue to follow up: …") and,
 * unless NULL, its state in brackets on the next line. Caller frees. */
char *print_follow_up(fd_follow_mark mark, const char *follow_up, const char *state);

/* A report for the site, printed now by who. */
fd_report *print_report_new(fd_desk *d, const fd_actor *who, const char *title, const char *range);
/* Closes the report with the chain head and hands it out (frees it on failure). */
fd_status print_finish(fd_desk *d, fd_report *r, fd_report **out, fd_error *err);

#endif
