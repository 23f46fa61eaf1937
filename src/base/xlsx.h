/* An Excel workbook (Office Open XML) for the export book (book.c): sheets of a header
 * row and typed cells. libxlsxwriter and the zip and zlib libraries under it live in
 * the module frontdesk-xlsx.so (src/base/xlsx/xlsx_module.c), loaded the first time a
 * workbook is written (xlsx_load.c): linked into the program they more than doubled
 * the time every start spends loading libraries, the console's included. */
#ifndef FRONTDESK_BASE_XLSX_H
#define FRONTDESK_BASE_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "frontdesk/status.h"
#include "frontdesk/time.h"

typedef struct xlsx xlsx;

typedef struct xlsx_ops {
    /* A workbook in a temporary file of its own (libxlsxwriter writes to a path, never
     * to a stream); NULL, with err set, when it cannot be made. */
    xlsx *(*open)(fd_error *err);
    /* A new sheet named name (at most 31 characters, unique), its header row of titles
     * frozen above the rows; each column at least widths[c] display columns wide. */
    void (*sheet)(xlsx *x, const char *name, const char *const *titles, const int *widths,
                  size_t count);
    void (*text)(xlsx *x, size_t column, const char *text);
    void (*time)(xlsx *x, size_t column, fd_time t);
    void (*day)(xlsx *x, size_t column, fd_date d);
    /* share: a fraction of 1, shown as a percentage. */
    void (*number)(xlsx *x, size_t column, double n, bool share);
    void (*next_row)(xlsx *x);
    /* Finishes the workbook, copies it to out, removes the temporary file and frees x.
     * failed: discard it, writing nothing. */
    fd_status (*close)(xlsx *x, FILE *out, bool failed, fd_error *err);
} xlsx_ops;

/* The module's operations, loaded once; NULL with err set when it cannot be loaded. */
const xlsx_ops *xlsx_load(fd_error *err);

/* The module's entry point. */
const xlsx_ops *fd_xlsx_module(void);

#endif
