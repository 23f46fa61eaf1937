/* import: loads the directory from a site's CSV files. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "frontdesk/directory.h"
#include "frontdesk/i18n.h"

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

static int fd_import_run(cli *c, size_t kind, const char *path, const char *number)
{
    FILE *in = fopen(path, "rb");
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
    static const struct option options[] = {
        {"as", required_argument, NULL, 'a'},
        {NULL, 0, NULL, 0},
    };
    const char *number = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "a:", options, NULL)) != -1) {
        if (opt != 'a')
            return cli_usage("%s", FD_IMPORT_USAGE);
        number = optarg;
    }
    if (argc - optind != 2)
        return cli_usage("%s", FD_IMPORT_USAGE);
    for (size_t k = 0; k < sizeof fd_imports / sizeof fd_imports[0]; k++)
        if (strcmp(argv[optind], fd_imports[k].what) == 0)
            return fd_import_run(c, k, argv[optind + 1], number);
    return cli_usage("%s", FD_IMPORT_USAGE);
}
