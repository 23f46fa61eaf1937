/* An Excel workbook (Office Open XML) written through libxlsxwriter, for the export
 * book (book.c): sheets of a header row and typed cells. */
#ifndef FRONTDESK_BASE_XLSX_H
#define FRONTDESK_BASE_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "frontdesk/status.h"
#include "frontdesk/time.h"

typedef struct xlsx xlsx;

/* A workbook in a temporary file of its own (libxlsxwriter writes to a path, never to
 * a stream); NULL, with err set, when it cannot be made. */
xlsx *xlsx_open(fd_error *err);
/* A new sheet named name (at most 31 characters, unique), its header row of titles
 * frozen above the rows; each column at least widths[c] display columns wide. */
void xlsx_sheet(xlsx *x, const char *name, const char *const *titles, const int *widths,
                size_t count);
void xlsx_text(xlsx *x, size_t column, const char *text);
void xlsx_time(xlsx *x, size_t column, fd_time t);
void xlsx_day(xlsx *x, size_t column, fd_date d);
/* share: a fraction of 1, shown as a percentage. */
void xlsx_number(xlsx *x, size_t column, double n, bool share);
void xlsx_next_row(xlsx *x);
/* Finishes the workbook, copies it to out, removes the temporary file and frees x.
 * failed: discard it, writing nothing. */
fd_status xlsx_close(xlsx *x, FILE *out, bool failed, fd_error *err);

#endif
