/* Build-time generator of the statement catalogue (see src/CMakeLists.txt).
 *
 *   fd-sqlgen OUTDIR -m MIGRATION.sql... -s STATEMENTS.sql...
 *
 * Reads the named statements of src/store/sql/ *.sql, applies the migrations to an
 * in-memory database, prepares every statement there and writes into OUTDIR:
 *   sql_ids.h      enum fd_sql_id, one FD_SQL_<NAME> per statement, in file order
 *   sql_catalogue.c  the names and texts, indexed by fd_sql_id
 *   sql_columns.h  FD_COL_<NAME>_<COLUMN>, the index of each result column, and
 *                  FD_COL_<ROW>_<COLUMN> for the rows several statements share
 * Before its SQL, a statement may say "-- row: NAME" (its leading columns are those of
 * the first statement of row NAME) or "-- columns: any" (its columns, as from SELECT *,
 * are read by the names SQLite reports: no indexes).
 * A statement that does not prepare, or whose result columns are not plain unique
 * identifiers, fails the build with the file, the statement and SQLite's message. */
#include <ctype.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct statement {
    char *name;
    char *row;          /* "-- row: NAME": the shared row its leading columns are */
    bool any_columns;   /* "-- columns: any": read by the names SQLite reports, no indexes */
    char *text;
    const char *file;
    int line;
    int columns;
    char **column;      /* result column names, once prepared */
} statement;

typedef struct catalogue {
    statement *items;
    int count, capacity;
} catalogue;

static void report(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void report(const char *fmt, va_list ap)
{
    fputs("fd-sqlgen: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(fmt, ap);
    va_end(ap);
    exit(1);
}

static int problems; /* reported by complain, counted to fail after reporting them all */

static void complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void complain(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(fmt, ap);
    va_end(ap);
    problems++;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    size_t size = 0, cap = 4096;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + size, 1, cap - size - 1, f)) > 0) {
        size += n;
        if (cap - size < 2) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown)
                free(buf);
            buf = grown;
        }
    }
    if (!buf || ferror(f))
        die("%s: cannot read", path);
    fclose(f);
    buf[size] = '\0';
    return buf;
}

static char *dup_range(const char *start, size_t len)
{
    char *s = malloc(len + 1);
    if (!s)
        die("out of memory");
    memcpy(s, start, len);
    s[len] = '\0';
    return s;
}

static bool is_identifier(const char *s)
{
    if (!s || !(islower((unsigned char)*s) || *s == '_'))
        return false;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
            return false;
    return true;
}

/* The value after "-- KEY:" on a comment line, or NULL. */
static char *marker(const char *line, size_t len, const char *key)
{
    size_t klen = strlen(key);
    if (len < 3 + klen + 1 || strncmp(line, "-- ", 3) != 0 || strncmp(line + 3, key, klen) != 0 ||
        line[3 + klen] != ':')
        return NULL;
    const char *v = line + 3 + klen + 1;
    while (v < line + len && *v == ' ')
        v++;
    const char *end = line + len;
    while (end > v && isspace((unsigned char)end[-1]))
        end--;
    return dup_range(v, (size_t)(end - v));
}

static bool is_comment(const char *line, size_t len)
{
    while (len > 0 && (*line == ' ' || *line == '\t'))
        line++, len--;
    return len >= 2 && line[0] == '-' && line[1] == '-';
}

static bool is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isspace((unsigned char)line[i]))
            return false;
    return true;
}

static statement *add_statement(catalogue *c, char *name, const char *file, int line)
{
    if (!is_identifier(name))
        die("%s:%d: statement name \"%s\" is not lower_case_with_underscores", file, line, name);
    for (int i = 0; i < c->count; i++)
        if (strcmp(c->items[i].name, name) == 0)
            die("%s:%d: statement %s is named twice (first in %s:%d)", file, line, name,
                c->items[i].file, c->items[i].line);
    if (c->count == c->capacity) {
        c->capacity = c->capacity ? c->capacity * 2 : 64;
        c->items = realloc(c->items, (size_t)c->capacity * sizeof *c->items);
        if (!c->items)
            die("out of memory");
    }
    statement *s = &c->items[c->count++];
    *s = (statement){.name = name, .file = file, .line = line, .text = dup_range("", 0)};
    return s;
}

static void append_line(statement *s, const char *line, size_t len)
{
    size_t have = strlen(s->text);
    s->text = realloc(s->text, have + len + 2);
    if (!s->text)
        die("out of memory");
    if (have > 0)
        s->text[have++] = '\n';
    memcpy(s->text + have, line, len);
    s->text[have + len] = '\0';
}

/* The text ends at its last ';', which the pasted form needs and prepare does not. */
static void finish(statement *s)
{
    size_t len = strlen(s->text);
    while (len > 0 && isspace((unsigned char)s->text[len - 1]))
        len--;
    if (len == 0 || s->text[len - 1] != ';')
        die("%s:%d: statement %s does not end with ';'", s->file, s->line, s->name);
    s->text[len - 1] = '\0';
}

static void parse_file(catalogue *c, const char *path)
{
    char *buf = read_file(path);
    statement *s = NULL;
    int lineno = 0;
    for (char *line = buf; *line;) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        lineno++;
        char *value;
        if ((value = marker(line, len, "name")) != NULL) {
            if (s)
                finish(s);
            s = add_statement(c, value, path, lineno);
        } else if (s && !s->text[0] && (value = marker(line, len, "row")) != NULL) {
            if (!is_identifier(value))
                die("%s:%d: row name \"%s\" is not lower_case_with_underscores", path, lineno,
                    value);
            s->row = value;
        } else if (s && !s->text[0] && (value = marker(line, len, "columns")) != NULL) {
            if (strcmp(value, "any") != 0)
                die("%s:%d: \"-- columns:\" takes only \"any\"", path, lineno);
            s->any_columns = true;
            free(value);
        } else if (!is_comment(line, len) && !is_blank(line, len)) {
            if (!s)
                die("%s:%d: SQL before the first \"-- name:\" line", path, lineno);
            append_line(s, line, len);
        }
        line += len + (nl ? 1 : 0);
    }
    if (s)
        finish(s);
    free(buf);
}

static void apply_migrations(sqlite3 *db, char **files, int count)
{
    for (int i = 0; i < count; i++) {
        char *sql = read_file(files[i]);
        char *message = NULL;
        if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK)
            die("%s: %s", files[i], message ? message : sqlite3_errmsg(db));
        free(sql);
    }
}

static void prepare(sqlite3 *db, statement *s)
{
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v2(db, s->text, -1, &st, &tail) != SQLITE_OK) {
        complain("%s:%d: statement %s does not prepare: %s", s->file, s->line, s->name,
                 sqlite3_errmsg(db));
        return;
    }
    while (*tail && isspace((unsigned char)*tail))
        tail++;
    if (*tail)
        die("%s:%d: statement %s holds more than one statement", s->file, s->line, s->name);
    s->columns = sqlite3_column_count(st);
    s->column = calloc((size_t)s->columns + 1, sizeof *s->column);
    for (int i = 0; i < s->columns; i++) {
        const char *name = sqlite3_column_name(st, i);
        if (!is_identifier(name))
            complain("%s:%d: statement %s: result column %d is called \"%.*s\"; name it with "
                     "AS lower_case_with_underscores",
                     s->file, s->line, s->name, i, (int)strcspn(name, "\n"), name);
        for (int j = 0; j < i; j++)
            if (strcmp(s->column[j], name) == 0)
                complain("%s:%d: statement %s: result columns %d and %d are both called \"%s\"; "
                         "name one with AS",
                         s->file, s->line, s->name, j, i, name);
        s->column[i] = dup_range(name, strlen(name));
    }
    sqlite3_finalize(st);
}

/* The first statement of a row defines its columns; every other one starts with them. */
static const statement *row_owner(const catalogue *c, const statement *s)
{
    for (int i = 0; i < c->count; i++)
        if (c->items[i].row && strcmp(c->items[i].row, s->row) == 0)
            return &c->items[i];
    return s;
}

static void check_row(const catalogue *c, const statement *s)
{
    const statement *owner = row_owner(c, s);
    bool same = s->columns >= owner->columns;
    for (int i = 0; same && i < owner->columns; i++)
        same = strcmp(s->column[i], owner->column[i]) == 0;
    if (!same)
        die("%s:%d: statement %s is a row %s, but its columns do not begin with those of %s",
            s->file, s->line, s->name, s->row, owner->name);
}

static void put_upper(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(toupper((unsigned char)*s), f);
}

static void put_c_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '\n')
            fputs("\\n\"\n    \"", f);
        else if (*s == '"' || *s == '\\')
            fprintf(f, "\\%c", *s);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static FILE *create(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        die("%s: %s", path, strerror(errno));
    return f;
}

static void close_file(FILE *f, const char *name)
{
    if (ferror(f) || fclose(f) != 0)
        die("%s: write failed", name);
}

static const char GENERATED[] =
    "/* Generated by src/store/sqlgen from src/store/sql/ *.sql: edit those. */\n";

static void write_ids(const catalogue *c, const char *dir)
{
    FILE *f = create(dir, "sql_ids.h");
    fprintf(f, "%s#ifndef FRONTDESK_SQL_IDS_H\n#define FRONTDESK_SQL_IDS_H\n\n", GENERATED);
    fputs("typedef enum fd_sql_id {\n", f);
    for (int i = 0; i < c->count; i++) {
        fputs("    FD_SQL_", f);
        put_upper(f, c->items[i].name);
        fputs(",\n", f);
    }
    fputs("    FD_SQL_COUNT\n} fd_sql_id;\n\n#endif\n", f);
    close_file(f, "sql_ids.h");
}

static void write_catalogue(const catalogue *c, const char *dir)
{
    FILE *f = create(dir, "sql_catalogue.c");
    fprintf(f, "%s#include \"store/catalogue.h\"\n\nconst fd_sql_entry fd_sql_catalogue[] = {\n",
            GENERATED);
    for (int i = 0; i < c->count; i++) {
        const statement *s = &c->items[i];
        fprintf(f, "  {\"%s\", \"", s->name);
        for (int j = 0; j < s->columns; j++)
            fprintf(f, "%s%s", j ? "," : "", s->column[j]);
        fputs("\",\n    ", f);
        put_c_string(f, s->text);
        fputs("},\n", f);
    }
    fputs("};\n", f);
    close_file(f, "sql_catalogue.c");
}

static void put_columns(FILE *f, const char *prefix, const statement *s, int count)
{
    fputs("enum {\n", f);
    for (int j = 0; j < count; j++) {
        fputs("    FD_COL_", f);
        put_upper(f, prefix);
        fputc('_', f);
        put_upper(f, s->column[j]);
        fprintf(f, " = %d,\n", j);
    }
    fputs("};\n", f);
}

static void write_columns(const catalogue *c, const char *dir)
{
    FILE *f = create(dir, "sql_columns.h");
    fprintf(f, "%s#ifndef FRONTDESK_SQL_COLUMNS_H\n#define FRONTDESK_SQL_COLUMNS_H\n\n", GENERATED);
    fputs("/* The rows several statements share: FD_COL_<ROW>_<COLUMN>. */\n", f);
    for (int i = 0; i < c->count; i++) {
        const statement *s = &c->items[i];
        if (s->row && row_owner(c, s) == s)
            put_columns(f, s->row, s, s->columns);
    }
    fputs("\n/* Each statement's result columns: FD_COL_<STATEMENT>_<COLUMN>. */\n", f);
    for (int i = 0; i < c->count; i++)
        if (c->items[i].columns > 0 && !c->items[i].any_columns)
            put_columns(f, c->items[i].name, &c->items[i], c->items[i].columns);
    fputs("\n#endif\n", f);
    close_file(f, "sql_columns.h");
}

static void free_catalogue(catalogue *c)
{
    for (int i = 0; i < c->count; i++) {
        statement *s = &c->items[i];
        for (int j = 0; j < s->columns; j++)
            free(s->column[j]);
        free(s->column);
        free(s->name);
        free(s->row);
        free(s->text);
    }
    free(c->items);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        die("usage: fd-sqlgen OUTDIR -m MIGRATION.sql... -s STATEMENTS.sql...");
    char **migrations = NULL;
    int migration_count = 0;
    catalogue c = {0};
    char mode = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-m") == 0 || strcmp(argv[i], "-s") == 0) {
            mode = argv[i][1];
            if (mode == 'm')
                migrations = &argv[i + 1];
        } else if (mode == 'm') {
            migration_count++;
        } else if (mode == 's') {
            parse_file(&c, argv[i]);
        } else {
            die("%s: expected -m or -s first", argv[i]);
        }
    }
    sqlite3 *db = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        die("cannot open an in-memory database");
    apply_migrations(db, migrations, migration_count);
    for (int i = 0; i < c.count; i++)
        prepare(db, &c.items[i]);
    if (problems > 0)
        die("%d problems in the statements", problems);
    for (int i = 0; i < c.count; i++)
        if (c.items[i].row)
            check_row(&c, &c.items[i]);
    sqlite3_close(db);
    write_ids(&c, argv[1]);
    write_catalogue(&c, argv[1]);
    write_columns(&c, argv[1]);
    free_catalogue(&c);
    return 0;
}
