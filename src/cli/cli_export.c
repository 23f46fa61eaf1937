/* frontdesk export KIND --from DATE --to DATE [--format csv|json|xlsx] [--unmasked]
 *                  [--output FILE] --as NUMBER
 *
 * KIND is one procedure, or all of them (a sheet each: xlsx or json). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "frontdesk/audit.h"
#include "frontdesk/book.h"
#include "frontdesk/calls.h"
#include "frontdesk/notices.h"
#include "frontdesk/passes.h"
#include "frontdesk/complaints.h"
#include "frontdesk/export.h"
#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"
#include "frontdesk/keys.h"
#include "frontdesk/mail.h"
#include "frontdesk/outfile.h"
#include "frontdesk/print.h"
#include "frontdesk/visitors.h"
#include "frontdesk/works.h"

/* A procedure's export: the core operation that writes the rows of [from, to). title
 * (N_()) names it on the workbook's parameters sheet where the daily log of the same
 * name holds more than it writes (the permits' log holds the tools too), or there is
 * no such log; NULL: the daily log's title. */
typedef struct export_kind {
    const char *name;
    const char *title;
    fd_status (*run)(fd_desk *d, const fd_actor *who, const fd_export_request *req, fd_book *book,
                     fd_error *err);
} export_kind;

/* In the order of the daily logs; `all` writes each in turn. */
static const export_kind kinds[] = {
    {"visitors", NULL, fd_visitors_export},
    {"keys", NULL, fd_keys_export},
    {"mail", NULL, fd_mail_export},
    {"complaints", NULL, fd_complaints_export},
    {"calls", NULL, fd_calls_export},
    {"passes", NULL, fd_passes_export},
    {"permits", N_("Workers' passes (施工人员临时工作证)"), fd_works_export},
    {"tools", N_("Daily tools register (施工工具登记)"), fd_tools_export},
    {"notices", NULL, fd_notices_export},
    {"handover", NULL, fd_handover_export},
};
enum { KIND_COUNT = sizeof kinds / sizeof kinds[0] };

static int usage(void)
{
    return cli_usage(_("usage: frontdesk export visitors|keys|mail|complaints|calls|passes|permits|tools|"
                       "notices|handover|all "
                       "(--from DATE --to DATE | --month YYYY-MM) [--format csv|json|xlsx] "
                       "[--unmasked] [--output FILE] --as NUMBER"));
}

static const export_kind *find_kind(const char *name)
{
    for (const export_kind *k = kinds; k < kinds + KIND_COUNT; k++)
        if (strcmp(k->name, name) == 0)
            return k;
    return NULL;
}

typedef struct export_args {
    const export_kind *kind;   /* NULL: all */
    const char *as, *output, *what;
    fd_date from, to;
    fd_export_request req;
} export_args;

static int parse_args(int argc, char **argv, export_args *a)
{
    static const struct option options[] = {
        {"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
        {"month", required_argument, NULL, 'm'}, {"format", required_argument, NULL, 'F'},
        {"unmasked", no_argument, NULL, 'u'}, {"output", required_argument, NULL, 'o'},
        {"as", required_argument, NULL, 'a'}, {NULL, 0, NULL, 0},
    };
    fd_date from = 0, to = 0;
    bool have_from = false, have_to = false;
    int opt, bad;
    while ((opt = getopt_long(argc, argv, ":f:t:m:F:uo:a:", options, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if ((bad = cli_date_option("--from", optarg, _("--from wants a date YYYY-MM-DD"), &from)))
                return bad;
            have_from = true;
            break;
        case 't':
            if ((bad = cli_date_option("--to", optarg, _("--to wants a date YYYY-MM-DD"), &to)))
                return bad;
            have_to = true;
            break;
        case 'm': {
            char first[16];
            snprintf(first, sizeof first, "%.7s-01", optarg);
            if (strlen(optarg) != 7)
                return cli_usage(_("--month wants YYYY-MM"));
            if ((bad = cli_date_option("--month", first, _("--month wants YYYY-MM"), &from)))
                return bad;
            int y, m, dd;
            fd_date_ymd(from, &y, &m, &dd);
            to = fd_date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
            have_from = have_to = a->req.monthly = true;
            break;
        }
        case 'F': if (!fd_export_format_parse(optarg, &a->req.format)) return cli_usage(_("--format is csv, json or xlsx")); break;
        case 'u': a->req.unmasked = true; break;
        case 'o': a->output = optarg; break;
        case 'a': a->as = optarg; break;
        default: cli_bad_option(opt, argv); return usage();
        }
    }
    if (optind != argc - 1 || !have_from || !have_to)
        return usage();
    if (to < from)
        return cli_usage(_("--to is before --from"));
    a->what = argv[optind];
    if (strcmp(a->what, "all") != 0 && !(a->kind = find_kind(a->what)))
        return cli_usage(_("unknown export '%s'"), a->what);
    a->from = from;
    a->to = to;
    a->req.from = fd_date_start(from);
    a->req.to = fd_date_start(to + 1);
    return EX_OK;
}

/* Several sheets: every kind, or a workbook's monthly figures with their rows. */
static bool several_sheets(const export_args *a)
{
    return !a->kind || (a->req.monthly && a->req.format == FD_EXPORT_XLSX);
}

/* The kinds asked for into one book, closed with the export's parameters and the chain
 * head read after the rows (everything in the file lies within it). */
static fd_status write_book(fd_desk *d, const fd_actor *who, const export_args *a, FILE *out,
                            fd_error *err)
{
    fd_book *book;
    fd_status s = fd_book_open(out, a->req.format, several_sheets(a), &book, err);
    for (size_t i = 0; s == FD_OK && i < KIND_COUNT; i++)
        if (!a->kind || a->kind == &kinds[i])
            s = kinds[i].run(d, who, &a->req, book, err);
    fd_chain_head head = {0};
    if (s == FD_OK)
        s = fd_audit_head(d, &head, err);
    fd_daily_log log = FD_LOG_ALL;
    fd_daily_log_parse(a->what, &log);
    const char *what = !a->kind          ? _("Every log")
                       : a->kind->title ? _(a->kind->title)
                                        : fd_daily_log_title(log);
    fd_book_params p = {what, a->from, a->to, a->req.monthly, a->req.unmasked, who,
                        fd_desk_now(d), &head};
    fd_status closed = fd_book_close(book, s == FD_OK ? &p : NULL, s == FD_OK ? err : NULL);
    return s != FD_OK ? s : closed;
}

static int export_to_stdout(fd_desk *d, const fd_actor *who, const export_args *a)
{
    fd_error err = {0};
    return write_book(d, who, a, stdout, &err) == FD_OK ? EX_OK : cli_fail(&err);
}

/* Written whole or not at all, the user's own (0600): an export may hold identity
 * numbers in full. */
static int export_to_file(fd_desk *d, const fd_actor *who, const export_args *a)
{
    fd_error err = {0};
    fd_outfile *out = fd_outfile_open(a->output, false, &err);
    if (!out)
        return cli_fail(&err);
    if (write_book(d, who, a, fd_outfile_stream(out), &err) != FD_OK) {
        fd_outfile_abandon(out);
        return cli_fail(&err);
    }
    return fd_outfile_commit(out, &err) == FD_OK ? EX_OK : cli_fail(&err);
}

int cli_export(cli *c, int argc, char **argv)
{
    export_args a = {.req = {.format = FD_EXPORT_CSV}};
    int rc = parse_args(argc, argv, &a);
    if (rc != EX_OK)
        return rc;
    if (several_sheets(&a) && a.req.format == FD_EXPORT_CSV)
        return cli_usage(_("A CSV file holds one table: export one kind at a time, or choose "
                           "--format xlsx or json."));
    if (a.req.format == FD_EXPORT_XLSX && !a.output && isatty(STDOUT_FILENO))
        return cli_usage(_("A workbook is not for the terminal: name a file with --output."));
    fd_desk *d;
    if ((rc = cli_open_desk(c, 0, &d)) != EX_OK)
        return rc;
    fd_actor who;
    if ((rc = cli_authenticate(c, d, a.as, &who)) == EX_OK)
        rc = a.output ? export_to_file(d, &who, &a) : export_to_stdout(d, &who, &a);
    fd_desk_close(d);
    return rc;
}
