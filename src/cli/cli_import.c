/* import: loads the directory from a site's CSV files. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "frontdesk/directory.h"
#include "frontdesk/i18n.h"
#include "frontdesk/progress.h"
#include "frontdesk/site.h"

typedef fd_status (*fd_import_fn)(fd_desk *d, const fd_actor *who, FILE *csv,
                                  fd_import_result *out, fd_error *err);

/* How many rows of what were imported: one function each, so that each translated
 * format stays a literal the compiler checks against its arguments. */
static void fd_units_done(long imported, const char *path)
{
    printf(_("Units imported from %2$s: %1$ld.\n"), imported, path);
}

static void fd_occupants_done(long imported, const char *path)
{
    printf(_("Occupants imported from %2$s: %1$ld.\n"), imported, path);
}

static const struct {
    const char *what;
    fd_import_fn import;
    void (*done)(long imported, const char *path);
} fd_imports[] = {
    {"units", fd_directory_import_units, fd_units_done},
    {"occupants", fd_directory_import_occupants, fd_occupants_done},
};

#define FD_IMPORT_USAGE _("usage: frontdesk import units|occupants FILE.csv --as NUMBER")

/* In the FILE:LINE: form editors and compilers use, so a site can jump to each row. */
static void fd_print_problems(const char *path, const fd_import_result *r)
{
    for (size_t i = 0; i < r->problem_count; i++) {
        const fd_import_problem *p = &r->problems[i];
        if (p->column[0])
            fprintf(stderr, "%s:%ld: %s: %s\n", path, p->line, p->column, p->message);
        else
            fprintf(stderr, "%s:%ld: %s\n", path, p->line, p->message);
    }
}

/* The CSV as the import reads it, telling the progress line how far it has got. */
typedef struct fd_counted {
    FILE *file;
    int64_t read, size;
    fd_progress *progress;
} fd_counted;

static ssize_t fd_counted_read(void *cookie, char *buf, size_t size)
{
    fd_counted *c = cookie;
    size_t n = fread(buf, 1, size, c->file);
    c->read += (int64_t)n;
    fd_progress_update(c->progress, c->read, c->size);
    return ferror(c->file) ? -1 : (ssize_t)n;
}

static int fd_counted_close(void *cookie)
{
    fd_counted *c = cookie;
    int rc = fclose(c->file);
    fd_progress_end(c->progress);
    free(c);
    return rc;
}

/* Opened with the user's own rights: the file is theirs to name, and must not be one
 * that only the program's group could read. */
static FILE *fd_open_csv(const char *path)
{
    FILE *file = fd_user_fopen(path, "rb");
    struct stat st;
    if (!file)
        return NULL;
    fd_counted *c = fd_alloc(sizeof *c);
    c->file = file;
    c->size = fstat(fileno(file), &st) == 0 ? (int64_t)st.st_size : 0;
    c->progress = fd_progress_start(_("Importing"), _("bytes"));
    static const cookie_io_functions_t io = {.read = fd_counted_read, .close = fd_counted_close};
    FILE *counted = fopencookie(c, "rb", io);
    if (!counted)
        fd_counted_close(c);
    return counted;
}

static int fd_import_run(cli *c, size_t kind, const char *path, const char *number)
{
    FILE *in = fd_open_csv(path);
    if (!in) {
        fprintf(stderr, _("frontdesk: cannot open %s: %s\n"), path, strerror(errno));
        return EX_NOINPUT;
    }
    fd_desk *d = NULL;
    fd_actor who;
    int rc = cli_open_desk(c, 0, &d);
    if (rc == EX_OK)
        rc = cli_authenticate(c, d, number, &who);
    if (rc == EX_OK) {
        fd_error err = {0};
        fd_import_result result;
        if (fd_imports[kind].import(d, &who, in, &result, &err) == FD_OK) {
            fd_imports[kind].done(result.imported, path);
        } else {
            fd_print_problems(path, &result);
            rc = cli_fail(&err);
        }
        fd_import_result_free(&result);
    }
    fd_desk_close(d);
    fclose(in);
    return rc;
}

int cli_import(cli *c, int argc, char **argv)
{
    const char *number;
    if (!cli_only_as(argc, argv, &number))
        return cli_usage("%s", FD_IMPORT_USAGE);
    if (argc - optind != 2)
        return cli_usage("%s", FD_IMPORT_USAGE);
    for (size_t k = 0; k < sizeof fd_imports / sizeof fd_imports[0]; k++)
        if (strcmp(argv[optind], fd_imports[k].what) == 0)
            return fd_import_run(c, k, argv[optind + 1], number);
    return cli_usage("%s", FD_IMPORT_USAGE);
}
