/* Paper: a printed report as a model (headings, key-value lines, paragraphs, tables,
 * signature lines) and its two renderings — an A4 PDF (pango + cairo, CJK fonts
 * embedded) and plain UTF-8 text for a terminal printer or e-mail — and its delivery
 * to a file or a CUPS printer.
 *
 * Every page carries the site, the report's title, its date range, "page N of M" and
 * who printed it when; the report ends with the audit chain head at the time of
 * printing, so `frontdesk verify --against HEAD` can later prove that the database
 * still matches the paper. Text is never cut: long text wraps, a table row moves to
 * the next page whole (a row taller than a page is split between lines), and a table
 * repeats its header row on every page it spans.
 *
 * The model holds text as given: personal data arrives already masked. */
#ifndef FRONTDESK_REPORT_H
#define FRONTDESK_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "frontdesk/audit.h"
#include "frontdesk/config.h"
#include "frontdesk/roles.h"
#include "frontdesk/status.h"
#include "frontdesk/time.h"

typedef struct fd_report fd_report;
typedef struct fd_report_table fd_report_table;

/* How a cell, line or paragraph is set. Red is for what the next shift must act on
 * ("请继续跟进/请继续监管"); on plain text, where there is no colour, the words say it. */
enum { FD_STYLE_PLAIN = 0, FD_STYLE_RED = 1u << 0, FD_STYLE_BOLD = 1u << 1 };

/* site, title and range ("2026-11-27", "2026-11-27 08:00 – 20:00") head every page. */
fd_report *fd_report_new(const char *site, const char *title, const char *range);
void fd_report_free(fd_report *r);

/* Who printed it and when (footer of every page). */
void fd_report_set_printed(fd_report *r, fd_time at, const fd_actor *by);
/* The audit chain head read when the report was built: the report's closing line. */
void fd_report_set_chain_head(fd_report *r, const fd_chain_head *head);
/* Wide tables (the visitor log) read better across the page. */
void fd_report_set_landscape(fd_report *r, bool landscape);

/* The sheet a report is printed on: A4 (the default), A6 (the visitor slip on the
 * office printer) or an 80 mm receipt roll, as long as the report needs. */
typedef enum fd_report_paper { FD_PAPER_A4, FD_PAPER_A6, FD_PAPER_RECEIPT_80 } fd_report_paper;
void fd_report_set_paper(fd_report *r, fd_report_paper paper);
/* "a4", "a6", "receipt80"; false for any other name. */
bool fd_report_paper_parse(const char *name, fd_report_paper *out);

void fd_report_heading(fd_report *r, const char *text);
/* "key: value", the value wrapped under itself. */
void fd_report_field(fd_report *r, const char *key, const char *value, unsigned style);
/* Text of any length; "\n" starts a new line. */
void fd_report_paragraph(fd_report *r, const char *text, unsigned style);
/* A barcode (Code 128) of text, with the text under it: what a scanner at the desk
 * reads back. Plain text shows the text between asterisks. */
void fd_report_barcode(fd_report *r, const char *text);
/* A line to sign on: each label followed by a blank ("交班人：____  时间：____"). */
void fd_report_signatures(fd_report *r, const char *const *labels, size_t count);

/* A column: its title and its share of the width (relative to the others). */
typedef struct fd_report_column {
    const char *title;
    double width;
} fd_report_column;

/* A table; rows are added to it in order, and it stays owned by the report. */
fd_report_table *fd_report_table_new(fd_report *r, const fd_report_column *columns, size_t count);
/* One row: a cell per column (NULL is empty; "\n" starts a new line within the cell)
 * and its style per column (styles NULL: all plain). */
void fd_report_row(fd_report_table *t, const char *const *cells, const unsigned *styles);
size_t fd_report_table_rows(const fd_report_table *t);
/* The column holds numbers and codes (slip, tag and tracking numbers) that are never
 * broken inside a line: it is widened to its widest line. */
void fd_report_column_whole(fd_report_table *t, size_t column);

/* ---- rendering ---- */

/* The PDF: A4, fonts embedded. Measured twice (page count first, then drawn). */
fd_status fd_report_write_pdf(const fd_report *r, FILE *out, fd_error *err);

/* A page of plain text: a terminal printer's 66 lines of 100 columns (landscape
 * reports want a wider carriage: the caller chooses; width 0 takes
 * FD_REPORT_TEXT_WIDE for a landscape report, else FD_REPORT_TEXT_WIDTH, and lines 0
 * FD_REPORT_TEXT_LINES). Pages end with a form feed. */
enum { FD_REPORT_TEXT_WIDTH = 100, FD_REPORT_TEXT_WIDE = 132, FD_REPORT_TEXT_LINES = 66 };
enum { FD_REPORT_TEXT_MIN_WIDTH = 40, FD_REPORT_TEXT_MIN_LINES = 20 };
fd_status fd_report_write_text(const fd_report *r, int width, int lines, FILE *out,
                               fd_error *err);

/* Display columns of UTF-8 text on a terminal (a Chinese character takes two). */
int fd_text_columns(const char *s);

/* ---- delivery ---- */

/* Where a report goes. pdf_path or text_path ("-": standard output) writes that file;
 * otherwise it is printed on printer, else on cfg->printer, through CUPS
 * (`lp -d PRINTER FILE`); with no printer at all, or with save, it is saved as a PDF
 * named after stem in $XDG_DATA_HOME/frontdesk/reports/ (or the current folder when
 * that cannot be made), never overwriting an earlier one. */
typedef struct fd_report_destination {
    const char *pdf_path;
    const char *text_path;
    const char *printer;
    const char *stem;      /* "handover-2026-11-27-12", file name without ".pdf" */
    bool save;             /* saved as a PDF even when a printer is configured */
    int text_width, text_lines; /* 0: FD_REPORT_TEXT_WIDTH (FD_REPORT_TEXT_WIDE for a
                                 * landscape report), FD_REPORT_TEXT_LINES */
} fd_report_destination;

typedef struct fd_report_delivery {
    char *path;            /* the file written (NULL when it went to a printer only) */
    char *printer;         /* the printer it went to, else NULL */
} fd_report_delivery;

fd_status fd_report_deliver(const fd_report *r, const fd_config *cfg,
                            const fd_report_destination *dest, fd_report_delivery *out,
                            fd_error *err);
void fd_report_delivery_free(fd_report_delivery *d);

#endif
