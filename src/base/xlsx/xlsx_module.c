/* The Excel workbook, the module frontdesk-xlsx.so: see src/base/xlsx.h. Times are Excel serial days counted from 1899-12-30
 * in Beijing time (the office's Excel shows what the desk saw, whatever the PC's
 * zone); deadlines are whole days. Column widths follow the widest text in display
 * columns, a Chinese character counting two, as Excel's width unit is about one
 * Latin digit. */
#include "base/xlsx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

enum { WIDTH_MIN = 6, WIDTH_MAX = 50, NUMBER_WIDTH = 8 };
#define EXCEL_1970 25569.0 /* serial day of 1970-01-01 */

struct xlsx {
    char *path;
    lxw_workbook *book;
    lxw_worksheet *sheet;
    lxw_format *head, *time, *day, *share;
    lxw_row_t row;         /* the row being written, 1 after the header */
    size_t columns;
    int *widths;           /* display columns of the widest cell so far */
    bool failed;           /* a write was refused */
};

static void note(xlsx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR)
        x->failed = true;
}

static void make_formats(xlsx *x)
{
    x->head = workbook_add_format(x->book);
    format_set_bold(x->head);
    format_set_bg_color(x->head, 0xDDDDDD);
    format_set_bottom(x->head, LXW_BORDER_THIN);
    x->time = workbook_add_format(x->book);
    format_set_num_format(x->time, "yyyy-mm-dd hh:mm");
    x->day = workbook_add_format(x->book);
    /* The weekday as the CSV writes it, in the reader's language. TRANSLATORS: Excel's
     * number format of a deadline's day, as "%s (%s)" writes it ("aaa" is the Chinese
     * short weekday under [$-804]). */
    format_set_num_format(x->day, _("yyyy-mm-dd\" (\"ddd\")\""));
    x->share = workbook_add_format(x->book);
    format_set_num_format(x->share, "0.0%");
}

static xlsx *xlsx_open(fd_error *err)
{
    const char *base = getenv("TMPDIR");
    char *path = fd_printf("%s/frontdesk-export-XXXXXX", base && *base ? base : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        fd_fail(err, FD_IO, NULL, _("Cannot write %s: %s."), path, strerror(errno));
        free(path);
        return NULL;
    }
    close(fd);
    xlsx *x = fd_alloc(sizeof *x);
    x->path = path;
    lxw_workbook_options options = {.tmpdir = base && *base ? (char *)base : NULL};
    x->book = workbook_new_opt(path, &options);
    if (!x->book) {
        unlink(path);
        free(path);
        free(x);
        fd_fail(err, FD_IO, NULL, _("The workbook could not be started."));
        return NULL;
    }
    make_formats(x);
    return x;
}

static void set_widths(xlsx *x)
{
    for (size_t c = 0; x->sheet && c < x->columns; c++) {
        int w = x->widths[c] + 2;
        w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
        note(x, worksheet_set_column(x->sheet, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
    }
}

static void widen(xlsx *x, size_t column, int width)
{
    if (column < x->columns && width > x->widths[column])
        x->widths[column] = width;
}

/* The widest line of text, in display columns. */
static int text_columns(const char *text)
{
    int widest = 0;
    for (const char *line = text; line;) {
        const char *nl = strchr(line, '\n');
        char *one = nl ? strndup(line, (size_t)(nl - line)) : NULL;
        int w = text_width(one ? one : line);
        free(one);
        widest = w > widest ? w : widest;
        line = nl ? nl + 1 : NULL;
    }
    return widest;
}

static void xlsx_sheet(xlsx *x, const char *name, const char *const *titles, const int *widths,
                size_t count)
{
    set_widths(x);
    x->sheet = workbook_add_worksheet(x->book, name);
    if (!x->sheet) {
        x->failed = true;
        return;
    }
    free(x->widths);
    x->widths = fd_alloc((count ? count : 1) * sizeof *x->widths);
    x->columns = count;
    for (size_t c = 0; c < count; c++) {
        note(x, worksheet_write_string(x->sheet, 0, (lxw_col_t)c, titles[c], x->head));
        widen(x, c, text_columns(titles[c]));
        widen(x, c, widths[c]);
    }
    /* The header stays in view while the rows scroll under it, and on every printed
     * page; a sheet prints across A4 landscape, one page wide, as the office files it. */
    worksheet_freeze_panes(x->sheet, 1, 0);
    note(x, worksheet_repeat_rows(x->sheet, 0, 0));
    worksheet_set_landscape(x->sheet);
    worksheet_set_paper(x->sheet, 9 /* A4 */);
    worksheet_fit_to_pages(x->sheet, 1, 0);
    x->row = 1;
}

static void xlsx_text(xlsx *x, size_t column, const char *text)
{
    if (!x->sheet || !text || !*text)
        return;
    note(x, worksheet_write_string(x->sheet, x->row, (lxw_col_t)column, text, NULL));
    widen(x, column, text_columns(text));
}

static void xlsx_time(xlsx *x, size_t column, fd_time t)
{
    if (x->sheet)
        note(x, worksheet_write_number(x->sheet, x->row, (lxw_col_t)column,
                                       (double)(t + 8 * 3600) / 86400.0 + EXCEL_1970, x->time));
}

static void xlsx_day(xlsx *x, size_t column, fd_date d)
{
    if (x->sheet)
        note(x, worksheet_write_number(x->sheet, x->row, (lxw_col_t)column, d + EXCEL_1970, x->day));
}

static void xlsx_number(xlsx *x, size_t column, double n, bool share)
{
    if (!x->sheet)
        return;
    note(x, worksheet_write_number(x->sheet, x->row, (lxw_col_t)column, n, share ? x->share : NULL));
    widen(x, column, NUMBER_WIDTH);
}

static void xlsx_next_row(xlsx *x)
{
    x->row++;
}

/* The finished file, copied to out. */
static fd_status copy_out(const char *path, FILE *out, fd_error *err)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return fd_fail(err, FD_IO, NULL, _("Cannot read %s: %s."), path, strerror(errno));
    char buffer[1 << 14];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buffer, 1, sizeof buffer, in)) > 0)
        ok = fwrite(buffer, 1, n, out) == n;
    ok = ok && !ferror(in);
    fclose(in);
    return ok ? FD_OK : fd_fail(err, FD_IO, NULL, _("The export could not be written completely."));
}

static fd_status xlsx_close(xlsx *x, FILE *out, bool failed, fd_error *err)
{
    set_widths(x);
    lxw_error e = workbook_close(x->book);
    fd_status s = FD_OK;
    if (!failed) {
        if (e != LXW_NO_ERROR || x->failed)
            s = fd_fail(err, FD_IO, NULL, _("The workbook could not be written: %s."),
                        lxw_strerror(e != LXW_NO_ERROR ? e : LXW_ERROR_MEMORY_MALLOC_FAILED));
        else
            s = copy_out(x->path, out, err);
    }
    unlink(x->path);
    free(x->path);
    free(x->widths);
    free(x);
    return s;
}

const xlsx_ops *fd_xlsx_module(void)
{
    static const xlsx_ops ops = {xlsx_open, xlsx_sheet, xlsx_text, xlsx_time,
                                 xlsx_day,  xlsx_number, xlsx_next_row, xlsx_close};
    return &ops;
}
