/* The report model: see include/frontdesk/report.h. The renderers are report_text.c
 * and pdf/report_pdf.c; report_deliver.c sends a report where it is to go. */
#include "paper/report_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"

/* ---- building ---- */

fd_report *fd_report_new(const char *site, const char *title, const char *range)
{
    fd_report *r = fd_alloc(sizeof *r);
    r->site = fd_strdup(site ? site : "");
    r->title = fd_strdup(title ? title : "");
    r->range = fd_strdup(range ? range : "");
    return r;
}

static void free_table(fd_report_table *t)
{
    for (size_t i = 0; i < t->row_count; i++) {
        for (size_t c = 0; c < t->column_count; c++)
            free(t->rows[i].cells[c]);
        free(t->rows[i].cells);
        free(t->rows[i].styles);
    }
    for (size_t c = 0; c < t->column_count; c++)
        free(t->titles[c]);
    free(t->titles);
    free(t->widths);
    free(t->whole);
    free(t->rows);
    free(t);
}

void fd_report_free(fd_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->block_count; i++) {
        report_block *b = &r->blocks[i];
        free(b->text);
        free(b->value);
        if (b->table)
            free_table(b->table);
        for (size_t l = 0; l < b->label_count; l++)
            free(b->labels[l]);
        free(b->labels);
    }
    free(r->blocks);
    free(r->site);
    free(r->title);
    free(r->range);
    free(r);
}

void fd_report_set_printed(fd_report *r, fd_time at, const fd_actor *by)
{
    r->printed_at = at;
    if (by)
        snprintf(r->printed_by, sizeof r->printed_by, _("%s (%s)"), by->name, by->number);
    else
        r->printed_by[0] = '\0';
}

void fd_report_set_chain_head(fd_report *r, const fd_chain_head *head)
{
    r->has_head = true;
    r->head = *head;
}

void fd_report_set_landscape(fd_report *r, bool landscape)
{
    r->landscape = landscape;
}

void fd_report_set_paper(fd_report *r, fd_report_paper paper)
{
    r->paper = paper;
}

bool fd_report_paper_parse(const char *name, fd_report_paper *out)
{
    static const char *const names[] = {"a4", "a6", "receipt80"};
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (fd_report_paper)i;
            return true;
        }
    return false;
}

static report_block *add_block(fd_report *r, report_block_kind kind)
{
    if (r->block_count == r->block_capacity) {
        r->block_capacity = r->block_capacity ? 2 * r->block_capacity : 16;
        r->blocks = fd_realloc(r->blocks, r->block_capacity * sizeof *r->blocks);
    }
    report_block *b = &r->blocks[r->block_count++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

void fd_report_heading(fd_report *r, const char *text)
{
    add_block(r, BLOCK_HEADING)->text = fd_strdup(text ? text : "");
}

void fd_report_field(fd_report *r, const char *key, const char *value, unsigned style)
{
    report_block *b = add_block(r, BLOCK_FIELD);
    b->text = fd_strdup(key ? key : "");
    b->value = fd_strdup(value ? value : "");
    b->style = style;
}

void fd_report_paragraph(fd_report *r, const char *text, unsigned style)
{
    report_block *b = add_block(r, BLOCK_PARAGRAPH);
    b->text = fd_strdup(text ? text : "");
    b->style = style;
}

void fd_report_barcode(fd_report *r, const char *text)
{
    add_block(r, BLOCK_BARCODE)->text = fd_strdup(text ? text : "");
}

void fd_report_signatures(fd_report *r, const char *const *labels, size_t count)
{
    report_block *b = add_block(r, BLOCK_SIGNATURES);
    b->labels = fd_alloc((count ? count : 1) * sizeof *b->labels);
    b->label_count = count;
    for (size_t i = 0; i < count; i++)
        b->labels[i] = fd_strdup(labels[i] ? labels[i] : "");
}

fd_report_table *fd_report_table_new(fd_report *r, const fd_report_column *columns, size_t count)
{
    fd_report_table *t = fd_alloc(sizeof *t);
    t->column_count = count;
    t->titles = fd_alloc((count ? count : 1) * sizeof *t->titles);
    t->widths = fd_alloc((count ? count : 1) * sizeof *t->widths);
    t->whole = fd_alloc((count ? count : 1) * sizeof *t->whole);
    double total = 0;
    for (size_t c = 0; c < count; c++)
        total += columns[c].width > 0 ? columns[c].width : 1;
    for (size_t c = 0; c < count; c++) {
        t->titles[c] = fd_strdup(columns[c].title ? columns[c].title : "");
        t->widths[c] = (columns[c].width > 0 ? columns[c].width : 1) / total;
    }
    add_block(r, BLOCK_TABLE)->table = t;
    return t;
}

void fd_report_row(fd_report_table *t, const char *const *cells, const unsigned *styles)
{
    if (t->row_count == t->row_capacity) {
        t->row_capacity = t->row_capacity ? 2 * t->row_capacity : 32;
        t->rows = fd_realloc(t->rows, t->row_capacity * sizeof *t->rows);
    }
    report_row *row = &t->rows[t->row_count++];
    size_t n = t->column_count ? t->column_count : 1;
    row->cells = fd_alloc(n * sizeof *row->cells);
    row->styles = fd_alloc(n * sizeof *row->styles);
    for (size_t c = 0; c < t->column_count; c++) {
        row->cells[c] = fd_strdup(cells[c] ? cells[c] : "");
        row->styles[c] = styles ? styles[c] : FD_STYLE_PLAIN;
    }
}

void fd_report_column_whole(fd_report_table *t, size_t column)
{
    if (column < t->column_count)
        t->whole[column] = true;
}

size_t fd_report_table_rows(const fd_report_table *t)
{
    return t->row_count;
}

/* ---- the texts both renderers print ---- */

char *report_printed_line(const fd_report *r)
{
    char at[FD_TIME_TEXT];
    fd_time_format(r->printed_at, at);
    return r->printed_by[0] ? fd_printf(_("Printed %s by %s"), at, r->printed_by)
                            : fd_printf(_("Printed %s"), at);
}

char *report_page_line(int page, int pages)
{
    return fd_printf(_("Page %d of %d"), page, pages);
}

char *report_closing_line(const fd_report *r)
{
    if (!r->has_head)
        return NULL;
    if (!r->head.hash[0])
        return fd_strdup(_("Audit chain head at printing: none (the chain is empty)."));
    return fd_printf(_("Audit chain head at printing: %s (%lld entries). To prove the database "
                       "still matches this paper: frontdesk verify --against %s"),
                     r->head.hash, (long long)r->head.entries, r->head.hash);
}

char *report_field_key(const char *key)
{
    return fd_printf(_("%s: "), key);
}

const char *report_none_text(void)
{
    return _("(none)");
}
