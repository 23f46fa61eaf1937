/* The report model as its two renderers read it (src/report_pdf.c, src/report_text.c);
 * callers build it through include/frontdesk/report.h only. */
#ifndef FRONTDESK_REPORT_MODEL_H
#define FRONTDESK_REPORT_MODEL_H

#include "frontdesk/report.h"

typedef struct report_row {
    char **cells;        /* one per column, never NULL */
    unsigned *styles;
} report_row;

struct fd_report_table {
    size_t column_count;
    char **titles;
    double *widths;      /* shares, summing to 1 */
    bool *whole;         /* never broken inside a line (fd_report_column.whole) */
    report_row *rows;
    size_t row_count, row_capacity;
};

typedef enum report_block_kind {
    BLOCK_HEADING,
    BLOCK_FIELD,
    BLOCK_PARAGRAPH,
    BLOCK_TABLE,
    BLOCK_SIGNATURES,
    BLOCK_BARCODE,
} report_block_kind;

typedef struct report_block {
    report_block_kind kind;
    char *text;          /* heading, paragraph, a field's key, a barcode's data */
    char *value;         /* a field's value */
    unsigned style;
    fd_report_table *table;
    char **labels;       /* signature labels */
    size_t label_count;
} report_block;

struct fd_report {
    char *site, *title, *range;
    fd_time printed_at;
    char printed_by[160];  /* "李娜 (1001)", "" when not set */
    bool has_head;
    fd_chain_head head;
    bool landscape;
    fd_report_paper paper;
    report_block *blocks;
    size_t block_count, block_capacity;
};

/* The page footer's two texts and the closing line, as both renderers print them
 * (caller frees). */
char *report_printed_line(const fd_report *r);
char *report_page_line(int page, int pages);
char *report_closing_line(const fd_report *r);
/* "key: " in the reader's language. */
char *report_field_key(const char *key);
/* What an empty table says in its only row. */
const char *report_none_text(void);

/* The PDF renderer (src/report_pdf.c): the entry point of the module frontdesk-pdf.so,
 * which fd_report_write_pdf loads the first time a PDF is written. */
fd_status fd_report_pdf_render(const fd_report *r, FILE *out, fd_error *err);

#endif
