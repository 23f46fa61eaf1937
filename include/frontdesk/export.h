/* Exports for spreadsheets and scripts: CSV (UTF-8 with a byte-order mark, so Excel
 * opens Chinese correctly; RFC 4180 quoting) or JSON (an array of objects). */
#ifndef FRONTDESK_EXPORT_H
#define FRONTDESK_EXPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "frontdesk/status.h"
#include "frontdesk/time.h"

/* XLSX: an Excel workbook, written through frontdesk/book.h, never by fd_export_begin. */
typedef enum fd_export_format { FD_EXPORT_CSV, FD_EXPORT_JSON, FD_EXPORT_XLSX } fd_export_format;

bool fd_export_format_parse(const char *name, fd_export_format *out);

/* What an export covers, as the command line asked. */
typedef struct fd_export_request {
    fd_time from, to;        /* [from, to): Beijing days converted to instants */
    fd_export_format format;
    bool unmasked;           /* full documents and phones: only for roles allowed them */
    bool monthly;            /* --month: a procedure may give its monthly report instead */
} fd_export_request;

typedef struct fd_export fd_export;

/* Starts an export of rows with these columns (the CSV header, the JSON keys). */
fd_export *fd_export_begin(FILE *out, fd_export_format format, const char *const *columns,
                           size_t column_count);
/* One row: a value per column; NULL is an empty CSV field or a JSON null. */
void fd_export_row(fd_export *e, const char *const *values);
/* Finishes and frees the export; FD_IO if anything failed to write. */
fd_status fd_export_end(fd_export *e, fd_error *err);

#endif
