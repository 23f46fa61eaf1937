/* The export book: see include/frontdesk/book.h. CSV and JSON rows go through
 * fd_export (export.c), which owns how those files are written; a workbook through
 * xlsx.c. */
#include "frontdesk/book.h"

#include <stdlib.h>
#include <string.h>

#include "base/xlsx.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

struct fd_book {
    FILE *out;
    fd_export_format format;
    bool several;
    int sheets;
    fd_export *rows;           /* CSV, JSON: the sheet being written */
    const xlsx_ops *xl;        /* xlsx: the module's operations */
    xlsx *workbook;
    const fd_book_column *columns;
    size_t count, next;        /* columns, and the cell the next value goes in */
    char **cells;              /* CSV, JSON: the row being filled */
    const char **titles;       /* CSV: translated headers; JSON: the keys */
    fd_status failed;          /* a sheet's rows that could not be written */
    fd_error error;
};

fd_status fd_book_open(FILE *out, fd_export_format format, bool several, fd_book **book,
                       fd_error *err)
{
    *book = NULL;
    if (several && format == FD_EXPORT_CSV)
        return fd_fail(err, FD_INVALID, "format",
                       _("A CSV file holds one table: export one kind at a time, or choose "
                         "--format xlsx or json."));
    fd_book *b = fd_alloc(sizeof *b);
    b->out = out;
    b->format = format;
    b->several = several;
    if (format == FD_EXPORT_XLSX &&
        (!(b->xl = xlsx_load(err)) || !(b->workbook = b->xl->open(err)))) {
        free(b);
        return err ? err->status : FD_IO;
    }
    *book = b;
    return FD_OK;
}

static void clear_cells(fd_book *b)
{
    for (size_t c = 0; c < b->count; c++)
        FD_FREE(b->cells[c]);
    b->next = 0;
}

/* Ends the CSV or JSON rows of the sheet before. */
static void end_rows(fd_book *b)
{
    if (!b->rows)
        return;
    fd_error err = {0};
    if (fd_export_end(b->rows, &err) != FD_OK && !b->failed) {
        b->failed = err.status;
        b->error = err;
    }
    b->rows = NULL;
}

void fd_book_sheet(fd_book *b, const char *key, const char *title, const fd_book_column *columns,
                   size_t count)
{
    end_rows(b);
    clear_cells(b);
    free(b->cells);
    free(b->titles);
    b->columns = columns;
    b->count = count;
    b->cells = fd_alloc((count ? count : 1) * sizeof *b->cells);
    b->titles = fd_alloc((count ? count : 1) * sizeof *b->titles);
    for (size_t c = 0; c < count; c++)
        b->titles[c] = b->format == FD_EXPORT_JSON ? columns[c].key : _(columns[c].title);
    if (b->format == FD_EXPORT_XLSX) {
        /* Room for "2026-12-06 09:30" and "2026-10-10（周六）" before any is written. */
        int *widths = fd_alloc((count ? count : 1) * sizeof *widths);
        for (size_t c = 0; c < count; c++)
            widths[c] = columns[c].kind == FD_BOOK_TIME ? 16 : columns[c].kind == FD_BOOK_DAY ? 18 : 0;
        b->xl->sheet(b->workbook, _(title), b->titles, widths, count);
        free(widths);
    } else {
        if (b->format == FD_EXPORT_JSON && b->several)
            fprintf(b->out, "%s\"%s\": ", b->sheets ? ",\n" : "{\n", key);
        b->rows = fd_export_begin(b->out, b->format, b->titles, count);
    }
    b->sheets++;
}

/* The column the next cell goes in, or -1 past the last. */
static long take(fd_book *b)
{
    return b->next < b->count ? (long)b->next++ : -1;
}

static void put_text(fd_book *b, const char *text)
{
    long c = take(b);
    if (c < 0)
        return;
    if (b->format == FD_EXPORT_XLSX)
        b->xl->text(b->workbook, (size_t)c, text);
    else
        b->cells[c] = fd_strdup(text && *text ? text : NULL);
}

void fd_book_text(fd_book *b, const char *text)
{
    put_text(b, text);
}

void fd_book_code(fd_book *b, const char *code, const char *label)
{
    put_text(b, b->format == FD_EXPORT_JSON ? code : label);
}

void fd_book_flag(fd_book *b, bool yes)
{
    fd_book_code(b, yes ? "yes" : "no", yes ? _("yes") : _("no"));
}

/* ISO 8601 in Beijing time, for programs: "2026-12-06T09:30:00+08:00". */
static void iso_time(fd_time t, char out[FD_TIME_TEXT])
{
    fd_local l = fd_time_local(t);
    snprintf(out, FD_TIME_TEXT, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", l.year % 10000, l.month,
             l.day, l.hour, l.minute, l.second);
}

void fd_book_time(fd_book *b, fd_time t)
{
    if (!t || b->format != FD_EXPORT_XLSX) {
        char text[FD_TIME_TEXT] = "";
        if (t && b->format == FD_EXPORT_JSON) {
            iso_time(t, text);
        } else if (t) {
            fd_time_format(t, text);
        }
        put_text(b, text);
        return;
    }
    long c = take(b);
    if (c >= 0)
        b->xl->time(b->workbook, (size_t)c, t);
}

void fd_book_day(fd_book *b, fd_date d, bool given)
{
    if (!given || b->format != FD_EXPORT_XLSX) {
        char text[FD_DEADLINE_TEXT] = "";
        if (given && b->format == FD_EXPORT_JSON)
            fd_date_format(d, text);
        else if (given)
            fd_day_format(d, true, text);
        put_text(b, text);
        return;
    }
    long c = take(b);
    if (c >= 0)
        b->xl->day(b->workbook, (size_t)c, d);
}

void fd_book_number(fd_book *b, long long n)
{
    if (b->format != FD_EXPORT_XLSX) {
        char text[24];
        snprintf(text, sizeof text, "%lld", n);
        put_text(b, text);
        return;
    }
    long c = take(b);
    if (c >= 0)
        b->xl->number(b->workbook, (size_t)c, (double)n, false);
}

void fd_book_share(fd_book *b, long part, long whole)
{
    double share = whole > 0 ? (double)part / (double)whole : 0;
    if (whole <= 0 || b->format != FD_EXPORT_XLSX) {
        char text[24] = "";
        if (whole > 0 && b->format == FD_EXPORT_JSON)
            snprintf(text, sizeof text, "%.4f", share);
        else if (whole > 0)
            snprintf(text, sizeof text, "%.1f%%", 100.0 * share);
        put_text(b, text);
        return;
    }
    long c = take(b);
    if (c >= 0)
        b->xl->number(b->workbook, (size_t)c, share, true);
}

char *fd_book_correction(const fd_book *b, const char *field, const char *label, const char *old,
                         const char *value, const char *reason, const char *staff, fd_time at)
{
    char when[FD_TIME_TEXT];
    if (b->format == FD_EXPORT_JSON) {
        iso_time(at, when);
        return fd_printf("%s: %s -> %s (reason: %s; by %s at %s)", field, old ? old : "",
                         value ? value : "", reason ? reason : "", staff ? staff : "", when);
    }
    fd_time_format(at, when);
    /* TRANSLATORS: a correction in an export: field, old value, new value, reason, who, when */
    return fd_printf(_("%s: %s → %s (reason: %.*s; %s, %s)"), label, old && *old ? old : _("(empty)"),
                     value && *value ? value : _("(empty)"), text_sentence_len(reason),
                     reason ? reason : "", staff ? staff : "", when);
}

/* ---- notes by record ---- */

typedef struct note_entry {
    int64_t id;
    char *text;
} note_entry;

struct fd_book_notes {
    note_entry *entries;
    size_t count, capacity;
    bool sorted;
};

fd_book_notes *fd_book_notes_new(void)
{
    fd_book_notes *n = fd_alloc(sizeof *n);
    n->sorted = true;
    return n;
}

void fd_book_note(fd_book_notes *n, int64_t id, const char *line)
{
    if (!line || !*line)
        return;
    /* Histories come record by record: the last entry is nearly always the one. */
    for (size_t i = n->count; i-- > 0;) {
        note_entry *e = &n->entries[i];
        if (e->id == id) {
            char *joined = fd_printf("%s\n%s", e->text, line);
            free(e->text);
            e->text = joined;
            return;
        }
    }
    note_entry *last = n->count ? &n->entries[n->count - 1] : NULL;
    if (n->count == n->capacity) {
        n->capacity = n->capacity ? 2 * n->capacity : 64;
        n->entries = fd_realloc(n->entries, n->capacity * sizeof *n->entries);
    }
    if (last && id < last->id)
        n->sorted = false;
    n->entries[n->count++] = (note_entry){id, fd_strdup(line)};
}

static int by_id(const void *a, const void *b)
{
    const note_entry *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

const char *fd_book_notes_of(fd_book_notes *n, int64_t id)
{
    if (n->count == 0) /* entries is NULL then, which qsort and bsearch may not take */
        return NULL;
    if (!n->sorted) {
        qsort(n->entries, n->count, sizeof *n->entries, by_id);
        n->sorted = true;
    }
    note_entry key = {id, NULL};
    note_entry *found = bsearch(&key, n->entries, n->count, sizeof *n->entries, by_id);
    return found ? found->text : NULL;
}

void fd_book_notes_free(fd_book_notes *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->count; i++)
        free(n->entries[i].text);
    free(n->entries);
    free(n);
}

void fd_book_row(fd_book *b)
{
    if (b->format == FD_EXPORT_XLSX)
        b->xl->next_row(b->workbook);
    else if (b->rows)
        fd_export_row(b->rows, (const char *const *)b->cells);
    clear_cells(b);
}

/* ---- the workbook's last sheet ---- */

static void param(fd_book *b, const char *key, const char *value)
{
    fd_book_text(b, key);
    fd_book_text(b, value);
    fd_book_row(b);
}

static void params_sheet(fd_book *b, const fd_book_params *p)
{
    static const fd_book_column columns[] = {
        {"parameter", N_("Parameter"), FD_BOOK_TEXT}, {"value", N_("Value"), FD_BOOK_TEXT}};
    fd_book_sheet(b, "parameters", N_("Export parameters"), columns, 2);
    char from[FD_DATE_TEXT], to[FD_DATE_TEXT], at[FD_TIME_TEXT];
    fd_date_format(p->from, from);
    fd_date_format(p->to, to);
    fd_time_format(p->at, at);
    param(b, _("Exported"), p->what);
    char *range = p->monthly ? fd_printf(_("the month %.7s (%s – %s)"), from, from, to)
                             : fd_printf("%s – %s", from, to);
    param(b, _("Days"), range);
    free(range);
    param(b, _("Documents and phones"), p->unmasked ? _("in full") : _("masked"));
    char *who = p->who ? fd_printf(_("%s (%s)"), p->who->name, p->who->number) : NULL;
    param(b, _("Exported by"), who);
    free(who);
    param(b, _("Exported at"), at);
    if (p->head && p->head->hash[0]) {
        char *entries = fd_printf("%lld", (long long)p->head->entries);
        char *verify = fd_printf("frontdesk verify --against %s", p->head->hash);
        param(b, _("Audit chain head"), p->head->hash);
        param(b, _("Audit chain entries"), entries);
        param(b, _("To prove the database still matches this file"), verify);
        free(entries);
        free(verify);
    } else {
        param(b, _("Audit chain head"), _("none (the chain is empty)"));
    }
}

fd_status fd_book_close(fd_book *b, const fd_book_params *p, fd_error *err)
{
    if (p && b->format == FD_EXPORT_XLSX)
        params_sheet(b, p);
    end_rows(b);
    clear_cells(b);
    fd_status s = FD_OK;
    if (b->format == FD_EXPORT_XLSX) {
        s = b->xl->close(b->workbook, b->out, !p, err);
    } else {
        if (b->format == FD_EXPORT_JSON && b->several && b->sheets)
            fputs("}\n", b->out);
        if (b->failed) {
            if (err)
                *err = b->error;
            s = b->failed;
        } else if (fflush(b->out) != 0 || ferror(b->out)) {
            s = fd_fail(err, FD_IO, NULL, _("The export could not be written completely."));
        }
    }
    free(b->cells);
    free(b->titles);
    free(b);
    return s;
}
