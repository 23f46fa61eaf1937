/* frontdesk export KIND --from DATE --to DATE [--format csv|json] [--unmasked]
 *                  [--output FILE] --as NUMBER */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "frontdesk/complaints.h"
#include "frontdesk/export.h"
#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"
#include "frontdesk/keys.h"
#include "frontdesk/mail.h"
#include "frontdesk/outfile.h"
#include "frontdesk/visitors.h"

/* A procedure's export: the core operation that writes the rows of [from, to). */
typedef struct export_kind {
    const char *name;
    fd_status (*run)(fd_desk *d, const fd_actor *who, const fd_export_request *req, FILE *out,
                     fd_error *err);
} export_kind;

static const export_kind kinds[] = {
    {"complaints", fd_complaints_export},
    {"handover", fd_handover_export},
    {"keys", fd_keys_export},
    {"mail", fd_mail_export},
    {"visitors", fd_visitors_export},
};

static int usage(void)
{
    return cli_usage(_("usage: frontdesk export KIND (--from DATE --to DATE | --month YYYY-MM) "
                       "[--format csv|json] [--unmasked] [--output FILE] --as NUMBER"));
}

static const export_kind *find_kind(const char *name)
{
    for (const export_kind *k = kinds; k < kinds + sizeof kinds / sizeof kinds[0]; k++)
        if (strcmp(k->name, name) == 0)
            return k;
    return NULL;
}

typedef struct export_args {
    const export_kind *kind;
    const char *as, *output;
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
    int opt;
    while ((opt = getopt_long(argc, argv, "f:t:m:F:uo:a:", options, NULL)) != -1) {
        switch (opt) {
        case 'f': if (!(have_from = fd_date_parse(optarg, &from))) return cli_usage(_("--from wants a date YYYY-MM-DD")); break;
        case 't': if (!(have_to = fd_date_parse(optarg, &to))) return cli_usage(_("--to wants a date YYYY-MM-DD")); break;
        case 'm': {
            char first[16];
            snprintf(first, sizeof first, "%.7s-01", optarg);
            if (strlen(optarg) != 7 || !fd_date_parse(first, &from))
                return cli_usage(_("--month wants YYYY-MM"));
            int y, m, dd;
            fd_date_ymd(from, &y, &m, &dd);
            to = fd_date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
            have_from = have_to = a->req.monthly = true;
            break;
        }
        case 'F': if (!fd_export_format_parse(optarg, &a->req.format)) return cli_usage(_("--format is csv or json")); break;
        case 'u': a->req.unmasked = true; break;
        case 'o': a->output = optarg; break;
        case 'a': a->as = optarg; break;
        default: return usage();
        }
    }
    if (optind != argc - 1 || !have_from || !have_to)
        return usage();
    if (to < from)
        return cli_usage(_("--to is before --from"));
    if (!(a->kind = find_kind(argv[optind])))
        return cli_usage(_("unknown export '%s'"), argv[optind]);
    a->req.from = fd_date_start(from);
    a->req.to = fd_date_start(to + 1);
    return EX_OK;
}

static int export_to_stdout(fd_desk *d, const fd_actor *who, const export_args *a)
{
    fd_error err = {0};
    return a->kind->run(d, who, &a->req, stdout, &err) == FD_OK ? EX_OK : cli_fail(&err);
}

/* Written whole or not at all, the user's own (0600): an export may hold identity
 * numbers in full. */
static int export_to_file(fd_desk *d, const fd_actor *who, const export_args *a)
{
    fd_error err = {0};
    fd_outfile *out = fd_outfile_open(a->output, false, &err);
    if (!out)
        return cli_fail(&err);
    if (a->kind->run(d, who, &a->req, fd_outfile_stream(out), &err) != FD_OK) {
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
    fd_desk *d;
    if ((rc = cli_open_desk(c, 0, &d)) != EX_OK)
        return rc;
    fd_actor who;
    if ((rc = cli_authenticate(c, d, a.as, &who)) == EX_OK)
        rc = a.output ? export_to_file(d, &who, &a) : export_to_stdout(d, &who, &a);
    fd_desk_close(d);
    return rc;
}
