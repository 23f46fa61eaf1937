#include "frontdesk/export.h"

#include <string.h>

#include "frontdesk/csv.h"
#include "frontdesk/i18n.h"

struct fd_export {
    FILE *out;
    fd_export_format format;
    const char *const *columns;
    size_t column_count;
    size_t rows;
};

bool fd_export_format_parse(const char *name, fd_export_format *out)
{
    if (name && strcmp(name, "csv") == 0)
        *out = FD_EXPORT_CSV;
    else if (name && strcmp(name, "json") == 0)
        *out = FD_EXPORT_JSON;
    else if (name && strcmp(name, "xlsx") == 0)
        *out = FD_EXPORT_XLSX;
    else
        return false;
    return true;
}

static void json_string(FILE *out, const char *value)
{
    if (!value) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

fd_export *fd_export_begin(FILE *out, fd_export_format format, const char *const *columns,
                           size_t column_count)
{
    fd_export *e = fd_alloc(sizeof *e);
    *e = (fd_export){out, format, columns, column_count, 0};
    if (format == FD_EXPORT_CSV) {
        fputs("\xEF\xBB\xBF", out);
        fd_csv_write_for_spreadsheet(out, columns, column_count);
    } else {
        fputs("[", out);
    }
    return e;
}

void fd_export_row(fd_export *e, const char *const *values)
{
    if (e->format == FD_EXPORT_CSV) {
        fd_csv_write_for_spreadsheet(e->out, values, e->column_count);
    } else {
        fputs(e->rows ? ",\n {" : "\n {", e->out);
        for (size_t i = 0; i < e->column_count; i++) {
            if (i > 0)
                fputs(", ", e->out);
            json_string(e->out, e->columns[i]);
            fputs(": ", e->out);
            json_string(e->out, values[i]);
        }
        fputs("}", e->out);
    }
    e->rows++;
}

fd_status fd_export_end(fd_export *e, fd_error *err)
{
    if (e->format == FD_EXPORT_JSON)
        fputs(e->rows ? "\n]\n" : "]\n", e->out);
    bool failed = fflush(e->out) != 0 || ferror(e->out);
    free(e);
    return failed ? fd_fail(err, FD_IO, NULL, _("The export could not be written completely."))
                  : FD_OK;
}
