/* What an export holds, whatever it is written as: sheets of typed cells. A CSV file
 * (for people: headers and values in the reader's language, UTF-8 with a byte-order
 * mark) holds one sheet; JSON (for programs: stable English keys and codes, times in
 * ISO 8601 with +08:00) holds one sheet as an array, several as an object of arrays
 * keyed by sheet; an Excel workbook (xlsx) holds every sheet, with frozen header rows,
 * columns as wide as their text, times as Excel date-times in Beijing time, and a last
 * sheet naming the export's parameters, who made it and the audit chain head.
 *
 * A procedure's export opens its sheet and adds cells row by row; the command line
 * opens the book and closes it with its parameters. Masking is the caller's: the
 * book writes what it is given. */
#ifndef FRONTDESK_BOOK_H
#define FRONTDESK_BOOK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "frontdesk/audit.h"
#include "frontdesk/export.h"
#include "frontdesk/roles.h"
#include "frontdesk/status.h"
#include "frontdesk/time.h"

typedef enum fd_book_kind {
    FD_BOOK_TEXT,    /* text as given ("code" cells: the code in JSON, the label elsewhere) */
    FD_BOOK_TIME,    /* an instant: "2026-12-06 09:30"; JSON "2026-12-06T09:30:00+08:00" */
    FD_BOOK_DAY,     /* a deadline's last day: "2026-10-10（周六）"; JSON "2026-10-10" */
    FD_BOOK_NUMBER,  /* a count */
    FD_BOOK_SHARE,   /* a fraction of 1, shown as a percentage; empty when not given */
} fd_book_kind;

typedef struct fd_book_column {
    const char *key;    /* the JSON key: stable, English, snake_case */
    const char *title;  /* N_(): the header people read, translated when written */
    fd_book_kind kind;
} fd_book_column;

typedef struct fd_book fd_book;

/* A book written to out (which the caller keeps and closes). several: more than one
 * sheet will be added (export … all; an xlsx monthly export), which a CSV file cannot
 * hold: FD_INVALID. */
fd_status fd_book_open(FILE *out, fd_export_format format, bool several, fd_book **book,
                       fd_error *err);

/* Starts a sheet (ending the one before): key names it in JSON, title (N_()) in a
 * workbook. */
void fd_book_sheet(fd_book *b, const char *key, const char *title, const fd_book_column *columns,
                   size_t count);

/* The cells of a row, left to right, each of its column's kind; NULL (or a time or
 * share not given) leaves the cell empty, JSON null. */
void fd_book_text(fd_book *b, const char *text);
void fd_book_code(fd_book *b, const char *code, const char *label);
void fd_book_flag(fd_book *b, bool yes);       /* JSON true/false codes; 是/否 */
void fd_book_time(fd_book *b, fd_time t);      /* 0: empty */
void fd_book_day(fd_book *b, fd_date d, bool given);
void fd_book_number(fd_book *b, long long n);
void fd_book_share(fd_book *b, long part, long whole); /* empty when whole is 0 */
/* One correction as an export writes it, old → new with the reason, who and when:
 * "访客姓名：张三 → 张山（原因：录入有误；李娜，2026-12-06 10:00）"; in JSON the field's
 * code and an ISO time. Lines of several are joined with "\n". Caller frees. */
char *fd_book_correction(const fd_book *b, const char *field, const char *label, const char *old,
                         const char *value, const char *reason, const char *staff, fd_time at);
/* Lines kept by record number while a history is read, to be written in the records'
 * rows after (corrections, steps). */
typedef struct fd_book_notes fd_book_notes;
fd_book_notes *fd_book_notes_new(void);
/* Adds a line to record id's text (lines joined with "\n"). */
void fd_book_note(fd_book_notes *n, int64_t id, const char *line);
/* Record id's lines, NULL when none. */
const char *fd_book_notes_of(fd_book_notes *n, int64_t id);
void fd_book_notes_free(fd_book_notes *n);
/* Ends the row; cells not given are empty. */
void fd_book_row(fd_book *b);

/* What the export was asked for, for the workbook's last sheet. */
typedef struct fd_book_params {
    const char *what;          /* "visitors", "all" … */
    fd_date from, to;          /* inclusive days */
    bool monthly, unmasked;
    const fd_actor *who;
    fd_time at;
    const fd_chain_head *head; /* read after the records */
} fd_book_params;

/* Writes what is left and frees the book; FD_IO when anything failed to write. p may
 * be NULL when the export stopped on an error (nothing more is then written). */
fd_status fd_book_close(fd_book *b, const fd_book_params *p, fd_error *err);

#endif
