/* The CSV reader and writer: see src/csv.h. */
#include "frontdesk/csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/status.h"

struct fd_csv {
    FILE *in;
    bool started;
    int back[4];        /* bytes read ahead and given back, last in first out */
    int nback;
    long line;          /* the line the next byte is on */
    long record_line;
    char *text;         /* the record's fields, each ended by a NUL */
    size_t len, cap;
    size_t *starts;     /* offset of each field in text */
    size_t count, starts_cap;
    const char *problem;
};

/* What ends a field is ',', '\n' (the record's line) or EOF (the input), or this when
 * the record is malformed. */
enum { FD_CSV_MALFORMED = 0 };

fd_csv *fd_csv_new(FILE *in)
{
    fd_csv *r = fd_alloc(sizeof *r);
    r->in = in;
    r->line = 1;
    return r;
}

void fd_csv_free(fd_csv *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->starts);
    free(r);
}

size_t fd_csv_count(const fd_csv *r) { return r->count; }
const char *fd_csv_field(const fd_csv *r, size_t i) { return r->text + r->starts[i]; }
long fd_csv_line(const fd_csv *r) { return r->record_line; }
const char *fd_csv_problem(const fd_csv *r) { return r->problem; }

static int fd_csv_get(fd_csv *r)
{
    return r->nback > 0 ? r->back[--r->nback] : getc(r->in);
}

static void fd_csv_unget(fd_csv *r, int c)
{
    if (c != EOF)
        r->back[r->nback++] = c;
}

/* Spreadsheets save "CSV UTF-8" with a byte-order mark, which is not part of the
 * first header name. */
static void fd_csv_skip_bom(fd_csv *r)
{
    static const int bom[3] = {0xEF, 0xBB, 0xBF};
    int seen[3], n = 0;
    while (n < 3 && (seen[n] = fd_csv_get(r)) == bom[n])
        n++;
    if (n == 3)
        return;
    fd_csv_unget(r, seen[n]);
    while (n > 0)
        fd_csv_unget(r, seen[--n]);
}

/* c is '\n' or '\r': a line ends, and CR LF is one line end. */
static void fd_csv_end_line(fd_csv *r, int c)
{
    if (c == '\r') {
        int next = fd_csv_get(r);
        if (next != '\n')
            fd_csv_unget(r, next);
    }
    r->line++;
}

static void fd_csv_put(fd_csv *r, int c)
{
    if (r->len == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->text = fd_realloc(r->text, r->cap);
    }
    r->text[r->len++] = (char)c;
}

static void fd_csv_start_field(fd_csv *r)
{
    if (r->count == r->starts_cap) {
        r->starts_cap = r->starts_cap ? r->starts_cap * 2 : 16;
        r->starts = fd_realloc(r->starts, r->starts_cap * sizeof *r->starts);
    }
    r->starts[r->count++] = r->len;
}

/* Records why, and skips the rest of the line so the next record can be read. */
static int fd_csv_malformed(fd_csv *r, const char *problem)
{
    r->problem = problem;
    int c;
    while ((c = fd_csv_get(r)) != EOF && c != '\n' && c != '\r')
        ;
    if (c != EOF)
        fd_csv_end_line(r, c);
    return FD_CSV_MALFORMED;
}

/* c ended a field: closes it, and passes on what ended it. */
static int fd_csv_field_end(fd_csv *r, int c)
{
    fd_csv_put(r, '\0');
    if (c == '\n' || c == '\r') {
        fd_csv_end_line(r, c);
        return '\n';
    }
    return c;
}

static int fd_csv_read_quoted(fd_csv *r)
{
    for (;;) {
        int c = fd_csv_get(r);
        if (c == EOF)
            return fd_csv_malformed(r, _("A quoted field is not closed: a quote is missing."));
        if (c == '\0')
            return fd_csv_malformed(r, _("The record contains a NUL byte."));
        if (c == '"') {
            c = fd_csv_get(r);
            if (c == '"') {
                fd_csv_put(r, '"');
                continue;
            }
            if (c == ',' || c == '\n' || c == '\r' || c == EOF)
                return fd_csv_field_end(r, c);
            return fd_csv_malformed(r, _("Text follows a closing quote: quote the whole field "
                                         "and double the quotes inside it."));
        }
        if (c == '\n')
            r->line++;
        fd_csv_put(r, c);
    }
}

static int fd_csv_read_field(fd_csv *r)
{
    fd_csv_start_field(r);
    int c = fd_csv_get(r);
    if (c == '"')
        return fd_csv_read_quoted(r);
    for (;; c = fd_csv_get(r)) {
        if (c == ',' || c == '\n' || c == '\r' || c == EOF)
            return fd_csv_field_end(r, c);
        if (c == '"')
            return fd_csv_malformed(r, _("A quote inside an unquoted field: quote the whole "
                                         "field and double the quotes inside it."));
        if (c == '\0')
            return fd_csv_malformed(r, _("The record contains a NUL byte."));
        fd_csv_put(r, c);
    }
}

/* Skips empty lines; returns the first byte of the next record, or EOF. */
static int fd_csv_skip_blank_lines(fd_csv *r)
{
    int c;
    while ((c = fd_csv_get(r)) == '\n' || c == '\r')
        fd_csv_end_line(r, c);
    return c;
}

fd_csv_result fd_csv_read(fd_csv *r)
{
    if (!r->started) {
        fd_csv_skip_bom(r);
        r->started = true;
    }
    r->len = r->count = 0;
    r->problem = NULL;
    int c = fd_csv_skip_blank_lines(r);
    if (ferror(r->in))
        return FD_CSV_IO;
    if (c == EOF)
        return FD_CSV_END;
    fd_csv_unget(r, c);
    r->record_line = r->line;
    while ((c = fd_csv_read_field(r)) == ',')
        ;
    if (ferror(r->in))
        return FD_CSV_IO;
    return c == FD_CSV_MALFORMED ? FD_CSV_BAD : FD_CSV_RECORD;
}

static bool fd_csv_needs_quotes(const char *field)
{
    size_t n = strlen(field);
    return strpbrk(field, ",\"\r\n") != NULL || (n > 0 && (field[0] == ' ' || field[n - 1] == ' '));
}

static void fd_csv_write_field(FILE *out, const char *field)
{
    if (!fd_csv_needs_quotes(field)) {
        fputs(field, out);
        return;
    }
    putc('"', out);
    for (const char *p = field; *p; p++) {
        if (*p == '"')
            putc('"', out);
        putc(*p, out);
    }
    putc('"', out);
}

static void fd_csv_write_record(FILE *out, const char *const *fields, size_t count, bool defuse)
{
    for (size_t i = 0; i < count; i++) {
        if (i > 0)
            putc(',', out);
        const char *field = fields[i] ? fields[i] : "";
        if (defuse && field[0] != '\0' && strchr("=+-@\t\r", field[0])) {
            char *quoted = fd_printf("'%s", field);
            fd_csv_write_field(out, quoted);
            free(quoted);
        } else {
            fd_csv_write_field(out, field);
        }
    }
    fputs("\r\n", out);
}

void fd_csv_write(FILE *out, const char *const *fields, size_t count)
{
    fd_csv_write_record(out, fields, count, false);
}

void fd_csv_write_for_spreadsheet(FILE *out, const char *const *fields, size_t count)
{
    fd_csv_write_record(out, fields, count, true);
}
