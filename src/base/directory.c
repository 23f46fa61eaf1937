/* The directory: see include/frontdesk/directory.h. */
#include "frontdesk/directory.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/directory_in_full.h"
#include "frontdesk/csv.h"
#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/roles.h"
#include "frontdesk/validate.h"
#include "store/stmt.h"

enum {
    FD_CODE_CHARS = 16,   /* building codes and rooms */
    FD_NAME_CHARS = 60,   /* people and companies */
    FD_LABEL_CHARS = 32,  /* departments, positions, relations */
    FD_CODE_TEXT = FD_CODE_CHARS * 4 + 1,
    FD_UNIT_TEXT = (FD_CODE_CHARS * 2 + 1) * 4 + 1,
    FD_PHONE_TEXT = 40,
    FD_FLOOR_MIN = -9,
    FD_FLOOR_MAX = 200,
};

/* ---- occupant kinds ---- */

static const struct {
    const char *name, *label;
} fd_occupant_kinds[] = {
#define FD_OCC_ROW(id, name, label) {name, label},
    FD_OCCUPANT_KIND_LIST(FD_OCC_ROW)
#undef FD_OCC_ROW
};

/* The words the site's own spreadsheets use. */
static const char *const fd_occupant_kind_words[FD_OCC_COUNT] = {
    [FD_OCC_OWNER] = "业主",
    [FD_OCC_TENANT] = "租户",
    [FD_OCC_COMPANY] = "公司",
    [FD_OCC_EMPLOYEE] = "员工",
};

const char *fd_occupant_kind_name(fd_occupant_kind k) { return fd_occupant_kinds[k].name; }
const char *fd_occupant_kind_label(fd_occupant_kind k) { return _(fd_occupant_kinds[k].label); }

bool fd_occupant_kind_parse(const char *name, fd_occupant_kind *out)
{
    for (int k = 0; name && k < FD_OCC_COUNT; k++) {
        if (strcasecmp(name, fd_occupant_kinds[k].name) == 0 ||
            strcmp(name, fd_occupant_kind_words[k]) == 0) {
            *out = (fd_occupant_kind)k;
            return true;
        }
    }
    return false;
}

/* ---- text ---- */

/* Every character well-formed UTF-8. */
static bool fd_utf8_valid(const char *s)
{
    uint32_t cp;
    for (size_t n = strlen(s), len; n > 0; s += len, n -= len)
        if ((len = text_utf8_decode(s, n, &cp)) == 0)
            return false;
    return true;
}

/* Codes are kept in upper case, so "a-1203" and "A-1203" are one unit. */
static void fd_code_upper(const char *s, char *out, size_t size)
{
    size_t i = 0;
    for (; s[i] && i + 1 < size; i++)
        out[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
    out[i] = '\0';
}

/* ---- the file ---- */

typedef struct fd_column {
    const char *name;
    bool required;
} fd_column;

/* X(id, header name, required) */
#define FD_UNIT_COLUMNS(X)          \
    X(BUILDING, "building", true)   \
    X(FLOOR,    "floor",    true)   \
    X(ROOM,     "room",     true)

#define FD_OCCUPANT_COLUMNS(X)                         \
    X(UNIT,               "unit",               true)  \
    X(KIND,               "kind",               true)  \
    X(NAME,               "name",               true)  \
    X(PHONE,              "phone",              true)  \
    X(COMPANY,            "company",            false) \
    X(DEPARTMENT,         "department",         false) \
    X(POSITION,           "position",           false) \
    X(EMERGENCY_NAME,     "emergency_name",     false) \
    X(EMERGENCY_RELATION, "emergency_relation", false) \
    X(EMERGENCY_PHONE,    "emergency_phone",    false) \
    X(KEY_ENTRUSTED_ON,   "key_entrusted_on",   false)

#define FD_COLUMN_ROW(id, name, required) {name, required},
enum {
#define FD_UCOL_ENUM(id, name, required) FD_UCOL_##id,
    FD_UNIT_COLUMNS(FD_UCOL_ENUM)
#undef FD_UCOL_ENUM
    FD_UCOL_COUNT
};
static const fd_column fd_unit_columns[] = {FD_UNIT_COLUMNS(FD_COLUMN_ROW)};

enum {
#define FD_OCOL_ENUM(id, name, required) FD_OCOL_##id,
    FD_OCCUPANT_COLUMNS(FD_OCOL_ENUM)
#undef FD_OCOL_ENUM
    FD_OCOL_COUNT
};
static const fd_column fd_occupant_columns[] = {FD_OCCUPANT_COLUMNS(FD_COLUMN_ROW)};
#undef FD_COLUMN_ROW

enum { FD_KNOWN_MAX = FD_OCOL_COUNT, FD_NO_COLUMN = -1 };

typedef struct fd_row {
    long line;
    char **cells;           /* one per column of the file, trimmed */
    char *problem;          /* why the row could not be read, else NULL */
    const char *problem_at; /* the column it concerns, NULL for the whole row */
} fd_row;

typedef struct fd_sheet {
    const fd_column *columns; /* the columns this kind of file may have */
    int known;
    int where[FD_KNOWN_MAX];  /* each known column's place in the file, or -1 */
    char **names;             /* the header, trimmed */
    size_t width;
    fd_row *rows;
    size_t count, cap;
} fd_sheet;

static void fd_problem_add(fd_import_result *out, long line, const char *column,
                           const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void fd_problem_add(fd_import_result *out, long line, const char *column,
                           const char *fmt, ...)
{
    size_t n = out->problem_count;
    if ((n & (n - 1)) == 0) /* at 0, 1, 2, 4, …: double the room */
        out->problems = fd_realloc(out->problems, (n ? 2 * n : 1) * sizeof *out->problems);
    fd_import_problem *p = &out->problems[out->problem_count++];
    p->line = line;
    snprintf(p->column, sizeof p->column, "%s", column ? column : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->message, sizeof p->message, fmt, ap);
    va_end(ap);
}

void fd_import_result_free(fd_import_result *r)
{
    if (!r)
        return;
    FD_FREE(r->problems);
    r->problem_count = 0;
}

static int fd_column_find(const fd_sheet *sh, const char *name)
{
    for (int j = 0; j < sh->known; j++)
        if (strcasecmp(name, sh->columns[j].name) == 0)
            return j;
    return FD_NO_COLUMN;
}

static void fd_column_list(const fd_sheet *sh, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (int j = 0; j < sh->known && n < size; j++)
        n += (size_t)snprintf(out + n, size - n, "%s%s", j ? ", " : "", sh->columns[j].name);
}

/* Header names choose the columns, in any order; nothing is guessed. */
static bool fd_sheet_header(fd_sheet *sh, fd_csv *r, fd_csv_result res, fd_import_result *out)
{
    if (res == FD_CSV_END) {
        fd_problem_add(out, 1, NULL, _("The file is empty: it needs a header line naming the columns."));
        return false;
    }
    if (res == FD_CSV_BAD) {
        fd_problem_add(out, fd_csv_line(r), NULL, "%s", fd_csv_problem(r));
        return false;
    }
    long line = fd_csv_line(r);
    for (int j = 0; j < sh->known; j++)
        sh->where[j] = FD_NO_COLUMN;
    sh->width = fd_csv_count(r);
    sh->names = fd_alloc(sh->width * sizeof *sh->names);
    for (size_t i = 0; i < sh->width; i++) {
        const char *name = sh->names[i] = text_trimmed(fd_csv_field(r, i));
        int j = fd_column_find(sh, name);
        if (j == FD_NO_COLUMN) {
            char known[256];
            fd_column_list(sh, known, sizeof known);
            fd_problem_add(out, line, name, _("Unknown column \"%s\"; the columns are: %s."), name,
                           known);
        } else if (sh->where[j] != FD_NO_COLUMN) {
            fd_problem_add(out, line, name, _("Column \"%s\" appears twice."), name);
        } else {
            sh->where[j] = (int)i;
        }
    }
    for (int j = 0; j < sh->known; j++)
        if (sh->columns[j].required && sh->where[j] == FD_NO_COLUMN)
            fd_problem_add(out, line, sh->columns[j].name, _("Column \"%s\" is missing."),
                           sh->columns[j].name);
    return out->problem_count == 0;
}

static bool fd_record_blank(const fd_csv *r)
{
    for (size_t i = 0; i < fd_csv_count(r); i++)
        if (fd_csv_field(r, i)[strspn(fd_csv_field(r, i), " \t")] != '\0')
            return false;
    return true;
}

static fd_row *fd_sheet_new_row(fd_sheet *sh, long line)
{
    if (sh->count == sh->cap) {
        sh->cap = sh->cap ? sh->cap * 2 : 64;
        sh->rows = fd_realloc(sh->rows, sh->cap * sizeof *sh->rows);
    }
    fd_row *row = &sh->rows[sh->count++];
    *row = (fd_row){.line = line};
    return row;
}

/* Rows a spreadsheet leaves empty (",,,") are not rows of data. */
static void fd_sheet_add_row(fd_sheet *sh, fd_csv *r, fd_csv_result res)
{
    if (res == FD_CSV_RECORD && fd_record_blank(r))
        return;
    fd_row *row = fd_sheet_new_row(sh, fd_csv_line(r));
    if (res == FD_CSV_BAD) {
        row->problem = fd_strdup(fd_csv_problem(r));
        return;
    }
    if (fd_csv_count(r) != sh->width) {
        row->problem = fd_printf(_("This row has %zu fields where the header has %zu."),
                                 fd_csv_count(r), sh->width);
        return;
    }
    row->cells = fd_alloc(sh->width * sizeof *row->cells);
    for (size_t i = 0; i < sh->width; i++) {
        row->cells[i] = text_trimmed(fd_csv_field(r, i));
        if (!row->problem && !fd_utf8_valid(row->cells[i])) {
            row->problem = fd_strdup(_("The text is not UTF-8: save the file as \"CSV UTF-8\"."));
            row->problem_at = sh->names[i];
        }
    }
}

static fd_status fd_sheet_read(fd_sheet *sh, FILE *csv, fd_import_result *out, fd_error *err)
{
    fd_csv *r = fd_csv_new(csv);
    fd_csv_result res = fd_csv_read(r);
    if (res != FD_CSV_IO && fd_sheet_header(sh, r, res, out))
        while ((res = fd_csv_read(r)) == FD_CSV_RECORD || res == FD_CSV_BAD)
            fd_sheet_add_row(sh, r, res);
    fd_csv_free(r);
    if (res == FD_CSV_IO)
        return fd_fail(err, FD_IO, NULL, _("Cannot read the file: %s"), strerror(errno));
    return FD_OK;
}

static void fd_sheet_free(fd_sheet *sh)
{
    for (size_t i = 0; i < sh->count; i++) {
        for (size_t c = 0; sh->rows[i].cells && c < sh->width; c++)
            free(sh->rows[i].cells[c]);
        free(sh->rows[i].cells);
        free(sh->rows[i].problem);
    }
    free(sh->rows);
    for (size_t i = 0; sh->names && i < sh->width; i++)
        free(sh->names[i]);
    free(sh->names);
}

/* ---- importing ---- */

typedef struct fd_import fd_import;
/* Checks the current row and writes it if it is good; a bad row only adds problems.
 * Anything but FD_OK is a failure of the database, which ends the import. */
typedef fd_status (*fd_row_fn)(fd_import *im, fd_error *err);

struct fd_import {
    fd_desk *d;
    const fd_actor *who;
    fd_sheet sheet;
    fd_row_fn import_row;
    fd_import_result *out;
    const fd_row *row;
};

static const char *fd_cell(const fd_import *im, int col)
{
    int at = im->sheet.where[col];
    return at == FD_NO_COLUMN ? "" : im->row->cells[at];
}

static void fd_bad(fd_import *im, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fd_bad(fd_import *im, int col, const char *fmt, ...)
{
    char message[sizeof im->out->problems->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    fd_problem_add(im->out, im->row->line, im->sheet.columns[col].name, "%s", message);
}

static bool fd_check_text(fd_import *im, int col, size_t max_chars, bool required)
{
    const char *text = fd_cell(im, col);
    if (!*text) {
        if (required)
            fd_bad(im, col, _("This cannot be empty."));
        return !required;
    }
    if (!fd_validate_text(text, strlen(text), false, NULL)) {
        fd_bad(im, col, _("Line breaks and control characters are not allowed here."));
        return false;
    }
    if (text_chars(text) > max_chars) {
        fd_bad(im, col, _("Too long: at most %zu characters."), max_chars);
        return false;
    }
    return true;
}

/* A phone in its normal form in out ("" when the cell is empty and may be). */
static void fd_check_phone(fd_import *im, int col, bool required, char out[FD_PHONE_TEXT])
{
    const char *text = fd_cell(im, col);
    out[0] = '\0';
    if (!*text && !required)
        return;
    fd_error e = {0};
    if (fd_validate_phone(text, im->sheet.columns[col].name, out, FD_PHONE_TEXT, &e) != FD_OK) {
        fd_bad(im, col, "%s", e.message);
        out[0] = '\0';
    }
}

/* The id a statement of row dir_found returns; FD_NOT_FOUND when there is no row. */
static fd_status fd_first_id(fd_stmt *st, int64_t *id, fd_error *err)
{
    fd_status s = fd_step_row(st, err);
    *id = s == FD_OK ? fd_col_int(st, FD_COL_DIR_FOUND_ID) : 0;
    fd_stmt_reset(st);
    return s;
}

static void fd_bind_optional(fd_stmt *st, const char *param, const char *text)
{
    fd_bind_text(st, param, *text ? text : NULL);
}

static void fd_bind_id(fd_stmt *st, const char *param, int64_t id)
{
    if (id)
        fd_bind_int(st, param, id);
    else
        fd_bind_null(st, param);
}

/* Runs an INSERT whose other values are bound, stamping who and when, and audits it. */
static fd_status fd_insert(fd_import *im, fd_stmt *st, fd_record_table table, int64_t *id,
                           fd_error *err)
{
    fd_bind_int(st, ":at", fd_desk_now(im->d));
    fd_bind_int(st, ":staff_id", im->who->staff_id);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    *id = fd_store_last_id(im->d->store);
    return fd_audit_row(im->d, im->who, "directory.import", table, *id, err);
}

/* The file's problems come in the order of its lines. */
static fd_status fd_import_rows(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    fd_import *im = ctx;
    /* A retried transaction starts over. */
    im->out->problem_count = 0;
    im->out->imported = 0;
    for (size_t i = 0; i < im->sheet.count; i++) {
        im->row = &im->sheet.rows[i];
        fd_status s = FD_OK;
        if (im->row->problem)
            fd_problem_add(im->out, im->row->line, im->row->problem_at, "%s", im->row->problem);
        else
            s = im->import_row(im, err);
        if (s != FD_OK)
            return s;
    }
    if (im->out->problem_count > 0)
        return fd_fail(err, FD_INVALID, NULL, _("Problems found: %zu. Nothing was imported."),
                       im->out->problem_count);
    return FD_OK;
}

static fd_status fd_import_file(fd_desk *d, const fd_actor *who, FILE *csv,
                                const fd_column *columns, int known, fd_row_fn import_row,
                                fd_import_result *out, fd_error *err)
{
    memset(out, 0, sizeof *out);
    if (!fd_may(who, FD_ACT_DIRECTORY_IMPORT))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not do this (%s)."),
                       who ? fd_role_label(who->role) : "?",
                       fd_action_label(FD_ACT_DIRECTORY_IMPORT));
    fd_import im = {.d = d, .who = who, .import_row = import_row, .out = out};
    im.sheet.columns = columns;
    im.sheet.known = known;
    fd_status s = fd_sheet_read(&im.sheet, csv, out, err);
    out->rows = (long)im.sheet.count;
    if (s == FD_OK && out->problem_count > 0)
        s = fd_fail(err, FD_INVALID, NULL, _("The header line is wrong. Nothing was imported."));
    if (s == FD_OK)
        s = fd_store_write(d->store, fd_import_rows, &im, err);
    if (s != FD_OK)
        out->imported = 0;
    fd_sheet_free(&im.sheet);
    return s;
}

/* ---- units ---- */

static bool fd_check_code(fd_import *im, int col, char out[FD_CODE_TEXT])
{
    if (!fd_check_text(im, col, FD_CODE_CHARS, true))
        return false;
    fd_code_upper(fd_cell(im, col), out, FD_CODE_TEXT);
    return true;
}

static bool fd_check_floor(fd_import *im, int *floor)
{
    const char *text = fd_cell(im, FD_UCOL_FLOOR);
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (!*text || *end || errno || value < FD_FLOOR_MIN || value > FD_FLOOR_MAX) {
        fd_bad(im, FD_UCOL_FLOOR, _("The floor must be a whole number from %d to %d."),
               FD_FLOOR_MIN, FD_FLOOR_MAX);
        return false;
    }
    *floor = (int)value;
    return true;
}

/* Buildings come into being with their first unit. */
static fd_status fd_building_id(fd_import *im, const char *code, int64_t *id, fd_error *err)
{
    fd_stmt *st = fd_sql(im->d->store, FD_SQL_BUILDING_FIND);
    fd_bind_text(st, ":code", code);
    fd_status s = fd_first_id(st, id, err);
    if (s != FD_NOT_FOUND)
        return s;
    st = fd_sql(im->d->store, FD_SQL_BUILDING_INSERT);
    fd_bind_text(st, ":code", code);
    return fd_insert(im, st, FD_TABLE_building, id, err);
}

static fd_status fd_import_unit(fd_import *im, fd_error *err)
{
    char building[FD_CODE_TEXT], room[FD_CODE_TEXT];
    int floor = 0;
    bool ok = fd_check_code(im, FD_UCOL_BUILDING, building);
    if (ok && strchr(building, '-')) {
        fd_bad(im, FD_UCOL_BUILDING, _("A building code cannot contain \"-\": it separates "
                                       "building and room in unit codes."));
        ok = false;
    }
    ok = fd_check_floor(im, &floor) && ok;
    ok = fd_check_code(im, FD_UCOL_ROOM, room) && ok;
    if (!ok)
        return FD_OK;

    char code[FD_UNIT_TEXT];
    snprintf(code, sizeof code, "%s-%s", building, room);
    int64_t id;
    fd_stmt *st = fd_sql(im->d->store, FD_SQL_UNIT_FIND);
    fd_bind_text(st, ":code", code);
    fd_status s = fd_first_id(st, &id, err);
    if (s == FD_OK)
        fd_bad(im, FD_UCOL_ROOM, _("Unit %s exists already."), code);
    if (s != FD_NOT_FOUND)
        return s;

    int64_t building_id;
    if ((s = fd_building_id(im, building, &building_id, err)) != FD_OK)
        return s;
    st = fd_sql(im->d->store, FD_SQL_UNIT_INSERT);
    fd_bind_int(st, ":building_id", building_id);
    fd_bind_int(st, ":floor", floor);
    fd_bind_text(st, ":room", room);
    fd_bind_text(st, ":code", code);
    if ((s = fd_insert(im, st, FD_TABLE_unit, &id, err)) == FD_OK)
        im->out->imported++;
    return s;
}

fd_status fd_directory_import_units(fd_desk *d, const fd_actor *who, FILE *csv,
                                    fd_import_result *out, fd_error *err)
{
    return fd_import_file(d, who, csv, fd_unit_columns, FD_UCOL_COUNT, fd_import_unit, out, err);
}

/* ---- occupants ---- */

typedef struct fd_occupant {
    fd_occupant_kind kind;
    bool kind_ok;
    char unit[FD_UNIT_TEXT];
    int64_t unit_id, company_id, department_id;
    char phone[FD_PHONE_TEXT], emergency_phone[FD_PHONE_TEXT];
    bool has_key;
    fd_date key_on;
} fd_occupant;

static fd_status fd_occupant_unit(fd_import *im, fd_occupant *o, fd_error *err)
{
    if (!fd_check_text(im, FD_OCOL_UNIT, FD_CODE_CHARS * 2 + 1, true))
        return FD_OK;
    fd_code_upper(fd_cell(im, FD_OCOL_UNIT), o->unit, sizeof o->unit);
    fd_stmt *st = fd_sql(im->d->store, FD_SQL_UNIT_FIND);
    fd_bind_text(st, ":code", o->unit);
    fd_status s = fd_first_id(st, &o->unit_id, err);
    if (s == FD_NOT_FOUND)
        fd_bad(im, FD_OCOL_UNIT, _("There is no unit %s: import it with the units file first."),
               o->unit);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static void fd_occupant_kind_cell(fd_import *im, fd_occupant *o)
{
    o->kind_ok = fd_occupant_kind_parse(fd_cell(im, FD_OCOL_KIND), &o->kind);
    if (!o->kind_ok)
        fd_bad(im, FD_OCOL_KIND, _("The kind must be owner, tenant, company or employee "
                                   "(业主, 租户, 公司 or 员工)."));
}

/* Only company staff have a company, a department and a position. */
static void fd_occupant_not_staff(fd_import *im)
{
    static const int staff_columns[] = {FD_OCOL_COMPANY, FD_OCOL_DEPARTMENT, FD_OCOL_POSITION};
    for (size_t i = 0; i < sizeof staff_columns / sizeof staff_columns[0]; i++)
        if (*fd_cell(im, staff_columns[i]))
            fd_bad(im, staff_columns[i], _("Only company staff (kind employee) have a company, "
                                           "department or position."));
}

/* The company is an occupant of the same unit, listed before its staff (here or in an
 * earlier import); a department is created with its first member. */
static fd_status fd_occupant_company(fd_import *im, fd_occupant *o, fd_error *err)
{
    const char *company = fd_cell(im, FD_OCOL_COMPANY);
    bool ok = fd_check_text(im, FD_OCOL_DEPARTMENT, FD_LABEL_CHARS, false);
    ok = fd_check_text(im, FD_OCOL_POSITION, FD_LABEL_CHARS, false) && ok;
    if (!*company) {
        fd_bad(im, FD_OCOL_COMPANY, _("Company staff need the company they work for."));
        return FD_OK;
    }
    if (!o->unit_id || !ok)
        return FD_OK;
    fd_stmt *st = fd_sql(im->d->store, FD_SQL_COMPANY_FIND);
    fd_bind_int(st, ":unit_id", o->unit_id);
    fd_bind_text(st, ":name", company);
    fd_status s = fd_first_id(st, &o->company_id, err);
    if (s == FD_NOT_FOUND) {
        fd_bad(im, FD_OCOL_COMPANY, _("Unit %s has no company called %s: list the company "
                                      "before its staff."), o->unit, company);
        return FD_OK;
    }
    const char *department = fd_cell(im, FD_OCOL_DEPARTMENT);
    if (s != FD_OK || !*department)
        return s;
    st = fd_sql(im->d->store, FD_SQL_DEPARTMENT_FIND);
    fd_bind_int(st, ":company_id", o->company_id);
    fd_bind_text(st, ":name", department);
    s = fd_first_id(st, &o->department_id, err);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static void fd_occupant_emergency(fd_import *im, fd_occupant *o)
{
    if (!*fd_cell(im, FD_OCOL_EMERGENCY_NAME) && !*fd_cell(im, FD_OCOL_EMERGENCY_RELATION) &&
        !*fd_cell(im, FD_OCOL_EMERGENCY_PHONE))
        return;
    fd_check_text(im, FD_OCOL_EMERGENCY_NAME, FD_NAME_CHARS, true);
    fd_check_text(im, FD_OCOL_EMERGENCY_RELATION, FD_LABEL_CHARS, false);
    fd_check_phone(im, FD_OCOL_EMERGENCY_PHONE, true, o->emergency_phone);
}

static void fd_occupant_key(fd_import *im, fd_occupant *o)
{
    const char *text = fd_cell(im, FD_OCOL_KEY_ENTRUSTED_ON);
    fd_when_problem why;
    char problem[FD_WHEN_PROBLEM_TEXT];
    if (!*text)
        return;
    if (o->kind_ok && o->kind == FD_OCC_EMPLOYEE)
        fd_bad(im, FD_OCOL_KEY_ENTRUSTED_ON, _("Company staff cannot entrust the unit's key; "
                                               "the company can."));
    else if (!fd_date_parse(text, &o->key_on, &why))
        fd_bad(im, FD_OCOL_KEY_ENTRUSTED_ON, "%s",
               fd_when_problem_text(&why, _("Not a date: write it as YYYY-MM-DD."), problem));
    else if (o->key_on > fd_date_of(fd_desk_now(im->d)))
        fd_bad(im, FD_OCOL_KEY_ENTRUSTED_ON, _("The date is in the future."));
    else
        o->has_key = true;
}

/* A department that does not exist yet cannot hold the same person twice. */
static fd_status fd_occupant_duplicate(fd_import *im, fd_occupant *o, fd_error *err)
{
    if (*fd_cell(im, FD_OCOL_DEPARTMENT) && !o->department_id)
        return FD_OK;
    const char *name = fd_cell(im, FD_OCOL_NAME);
    fd_stmt *st = fd_sql(im->d->store, FD_SQL_OCCUPANT_DUPLICATE);
    fd_bind_int(st, ":unit_id", o->unit_id);
    fd_bind_text(st, ":kind", fd_occupant_kind_name(o->kind));
    fd_bind_text(st, ":name", name);
    fd_bind_id(st, ":company_id", o->company_id);
    fd_bind_id(st, ":department_id", o->department_id);
    int64_t found;
    fd_status s = fd_first_id(st, &found, err);
    if (s == FD_OK)
        fd_bad(im, FD_OCOL_NAME, _("Unit %s already has %s (%s)."), o->unit, name,
               fd_occupant_kind_label(o->kind));
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static fd_status fd_occupant_check(fd_import *im, fd_occupant *o, fd_error *err)
{
    fd_status s = fd_occupant_unit(im, o, err);
    if (s != FD_OK)
        return s;
    fd_occupant_kind_cell(im, o);
    fd_check_text(im, FD_OCOL_NAME, FD_NAME_CHARS, true);
    bool resident = o->kind_ok && (o->kind == FD_OCC_OWNER || o->kind == FD_OCC_TENANT);
    fd_check_phone(im, FD_OCOL_PHONE, resident, o->phone);
    if (o->kind_ok && o->kind == FD_OCC_EMPLOYEE)
        s = fd_occupant_company(im, o, err);
    else
        fd_occupant_not_staff(im);
    if (s != FD_OK)
        return s;
    fd_occupant_emergency(im, o);
    fd_occupant_key(im, o);
    return FD_OK;
}

static fd_status fd_occupant_write(fd_import *im, fd_occupant *o, fd_error *err)
{
    fd_store *store = im->d->store;
    fd_status s = FD_OK;
    const char *department = fd_cell(im, FD_OCOL_DEPARTMENT);
    if (o->kind == FD_OCC_EMPLOYEE && *department && !o->department_id) {
        fd_stmt *st = fd_sql(store, FD_SQL_DEPARTMENT_INSERT);
        fd_bind_int(st, ":company_id", o->company_id);
        fd_bind_text(st, ":name", department);
        s = fd_insert(im, st, FD_TABLE_department, &o->department_id, err);
    }
    int64_t occupant_id = 0, id;
    if (s == FD_OK) {
        fd_stmt *st = fd_sql(store, FD_SQL_OCCUPANT_INSERT);
        fd_bind_int(st, ":unit_id", o->unit_id);
        fd_bind_text(st, ":kind", fd_occupant_kind_name(o->kind));
        fd_bind_text(st, ":name", fd_cell(im, FD_OCOL_NAME));
        fd_bind_optional(st, ":phone", o->phone);
        fd_bind_id(st, ":company_id", o->company_id);
        fd_bind_id(st, ":department_id", o->department_id);
        fd_bind_optional(st, ":position", fd_cell(im, FD_OCOL_POSITION));
        s = fd_insert(im, st, FD_TABLE_occupant, &occupant_id, err);
    }
    if (s == FD_OK && *o->emergency_phone) {
        fd_stmt *st = fd_sql(store, FD_SQL_CONTACT_INSERT);
        fd_bind_int(st, ":unit_id", o->unit_id);
        fd_bind_int(st, ":occupant_id", occupant_id);
        fd_bind_text(st, ":name", fd_cell(im, FD_OCOL_EMERGENCY_NAME));
        fd_bind_optional(st, ":relation", fd_cell(im, FD_OCOL_EMERGENCY_RELATION));
        fd_bind_text(st, ":phone", o->emergency_phone);
        s = fd_insert(im, st, FD_TABLE_contact, &id, err);
    }
    if (s == FD_OK && o->has_key) {
        char signed_on[FD_DATE_TEXT];
        fd_date_format(o->key_on, signed_on);
        fd_stmt *st = fd_sql(store, FD_SQL_KEY_ENTRUSTMENT_INSERT);
        fd_bind_int(st, ":unit_id", o->unit_id);
        fd_bind_int(st, ":occupant_id", occupant_id);
        fd_bind_text(st, ":signed_on", signed_on);
        s = fd_insert(im, st, FD_TABLE_key_entrustment, &id, err);
    }
    if (s == FD_OK)
        im->out->imported++;
    return s;
}

static fd_status fd_import_occupant(fd_import *im, fd_error *err)
{
    fd_occupant o = {0};
    size_t before = im->out->problem_count;
    fd_status s = fd_occupant_check(im, &o, err);
    if (s == FD_OK && im->out->problem_count == before)
        s = fd_occupant_duplicate(im, &o, err);
    if (s != FD_OK || im->out->problem_count > before)
        return s;
    return fd_occupant_write(im, &o, err);
}

fd_status fd_directory_import_occupants(fd_desk *d, const fd_actor *who, FILE *csv,
                                        fd_import_result *out, fd_error *err)
{
    return fd_import_file(d, who, csv, fd_occupant_columns, FD_OCOL_COUNT, fd_import_occupant,
                          out, err);
}

/* ---- search ---- */

/* Who reads, and where the entries go. */
typedef struct fd_reading {
    bool in_full; /* phones as stored; else masked */
    void (*each)(void *ctx, const fd_dir_entry *e);
    void *ctx;
} fd_reading;

static fd_reading fd_reading_by(const fd_desk *d, const fd_actor *who,
                                void (*each)(void *ctx, const fd_dir_entry *e), void *ctx)
{
    return (fd_reading){d->config && fd_may_see_phones(d->config, who), each, ctx};
}

/* Hands e over with its phone as the reader may see it. */
static void fd_hand_over(const fd_reading *r, fd_dir_entry *e)
{
    char masked[FD_PHONE_TEXT];
    e->phone_in_full = r->in_full;
    if (!r->in_full && e->phone) {
        fd_mask_phone(e->phone, masked, sizeof masked);
        e->phone = masked;
    }
    r->each(r->ctx, e);
}

typedef struct fd_search {
    unsigned kinds;
    char *prefix, *contains;
    int limit;
    fd_reading to;
} fd_search;

typedef struct fd_contacts {
    int64_t unit_id;
    fd_reading to;
} fd_contacts;

/* text as a LIKE pattern between before and after, its own % and _ taken literally. */
static char *fd_like_pattern(const char *before, const char *text, const char *after)
{
    size_t n = strlen(text);
    char *out = fd_alloc(strlen(before) + 2 * n + strlen(after) + 1);
    char *p = stpcpy(out, before);
    for (; *text; text++) {
        if (*text == '%' || *text == '_' || *text == '\\')
            *p++ = '\\';
        *p++ = *text;
    }
    strcpy(p, after);
    return out;
}

static fd_status fd_search_read(fd_store *store, void *ctx, fd_error *err)
{
    fd_search *q = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_DIRECTORY_SEARCH);
    fd_bind_int(st, ":kinds", q->kinds);
    fd_bind_text(st, ":prefix", q->prefix);
    fd_bind_text(st, ":contains", q->contains);
    fd_bind_int(st, ":limit", q->limit);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_dir_entry e = {
            .kind = (fd_dir_kind)fd_col_int(st, FD_COL_DIRECTORY_SEARCH_KIND),
            .id = fd_col_int(st, FD_COL_DIRECTORY_SEARCH_ID),
            .unit_id = fd_col_int(st, FD_COL_DIRECTORY_SEARCH_UNIT_ID),
            .unit = fd_col_text(st, FD_COL_DIRECTORY_SEARCH_UNIT),
            .name = fd_col_text(st, FD_COL_DIRECTORY_SEARCH_NAME),
            .company = fd_col_text(st, FD_COL_DIRECTORY_SEARCH_COMPANY),
            .department = fd_col_text(st, FD_COL_DIRECTORY_SEARCH_DEPARTMENT),
            .position = fd_col_text(st, FD_COL_DIRECTORY_SEARCH_POSITION),
            .phone = fd_col_text(st, FD_COL_DIRECTORY_SEARCH_PHONE),
        };
        fd_hand_over(&q->to, &e);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status fd_search_as(fd_desk *d, fd_reading to, unsigned kinds, const char *text,
                              int limit, fd_error *err)
{
    /* Typed in an input method's full-width mode (Ａ－１２０３) it is the same code. */
    char *folded = text_folded(text ? text : "");
    char *typed = text_trimmed(folded);
    free(folded);
    fd_search q = {.kinds = kinds, .limit = limit, .to = to};
    q.prefix = fd_like_pattern("", typed, "%");
    q.contains = fd_like_pattern("%", typed, "%");
    fd_status s = fd_store_read(d->store, fd_search_read, &q, err);
    free(q.prefix);
    free(q.contains);
    free(typed);
    return s;
}

static fd_status fd_contacts_read(fd_store *store, void *ctx, fd_error *err)
{
    fd_contacts *q = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_UNIT_EXISTS);
    fd_bind_int(st, ":id", q->unit_id);
    int64_t found;
    fd_status s = fd_first_id(st, &found, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no unit with id %lld."),
                       (long long)q->unit_id);
    if (s != FD_OK)
        return s;
    st = fd_sql(store, FD_SQL_DIRECTORY_CONTACTS);
    fd_bind_int(st, ":unit_id", q->unit_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_dir_entry e = {
            .kind = (fd_dir_kind)fd_col_int(st, FD_COL_DIRECTORY_CONTACTS_KIND),
            .id = fd_col_int(st, FD_COL_DIRECTORY_CONTACTS_ID),
            .unit_id = q->unit_id,
            .unit = fd_col_text(st, FD_COL_DIRECTORY_CONTACTS_UNIT),
            .name = fd_col_text(st, FD_COL_DIRECTORY_CONTACTS_NAME),
            .position = fd_col_text(st, FD_COL_DIRECTORY_CONTACTS_POSITION),
            .phone = fd_col_text(st, FD_COL_DIRECTORY_CONTACTS_PHONE),
        };
        fd_hand_over(&q->to, &e);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status fd_contacts_as(fd_desk *d, fd_reading to, int64_t unit_id, fd_error *err)
{
    fd_contacts q = {.unit_id = unit_id, .to = to};
    return fd_store_read(d->store, fd_contacts_read, &q, err);
}

fd_status fd_directory_search(fd_desk *d, const fd_actor *who, unsigned kinds, const char *text,
                              int limit, void (*each)(void *ctx, const fd_dir_entry *e),
                              void *ctx, fd_error *err)
{
    return fd_search_as(d, fd_reading_by(d, who, each, ctx), kinds, text, limit, err);
}

fd_status fd_directory_search_in_full(fd_desk *d, unsigned kinds, const char *text, int limit,
                                      void (*each)(void *ctx, const fd_dir_entry *e), void *ctx,
                                      fd_error *err)
{
    return fd_search_as(d, (fd_reading){true, each, ctx}, kinds, text, limit, err);
}

fd_status fd_directory_contacts(fd_desk *d, const fd_actor *who, int64_t unit_id,
                                void (*each)(void *ctx, const fd_dir_entry *e), void *ctx,
                                fd_error *err)
{
    return fd_contacts_as(d, fd_reading_by(d, who, each, ctx), unit_id, err);
}

fd_status fd_directory_contacts_in_full(fd_desk *d, int64_t unit_id,
                                        void (*each)(void *ctx, const fd_dir_entry *e), void *ctx,
                                        fd_error *err)
{
    return fd_contacts_as(d, (fd_reading){true, each, ctx}, unit_id, err);
}
