/* frontdesk purge --as NUMBER: forgets the document numbers of visitors registered
 * longer ago than visitors.retention_days, of do-not-admit entries lifted that long ago,
 * of renovation workers' passes ended that long ago, and of the carriers of passes as
 * old. Meant for cron, with the PIN in $FRONTDESK_PIN: quiet there, it shows how far it
 * has got on a terminal. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "frontdesk/i18n.h"
#include "frontdesk/progress.h"
#include "frontdesk/visitors.h"

static int report(const fd_purge_result *r, int days)
{
    printf(_("Forgot the document numbers of %" PRId64 " visits registered more than %d days ago "
             "and of %" PRId64 " do-not-admit rows lifted that long ago; the visits remain, "
             "without their numbers.\n"),
           r->visits, days, r->bans);
    printf(_("Forgot the document numbers of %" PRId64 " renovation workers' passes that ended "
             "more than %d days ago.\n"),
           r->workers, days);
    if (r->passes)
        printf(_("Forgot the carriers' document numbers of %" PRId64 " carry-out and carry-in "
                 "passes whose day ended that long ago.\n"),
               r->passes);
    if (r->log_emptied)
        return EX_OK;
    fprintf(stderr, _("frontdesk: other terminals kept reading, so the write-ahead log still holds "
                      "copies of the numbers: run the purge again when the desk is quiet.\n"));
    return EX_TEMPFAIL;
}

static int usage(void)
{
    return cli_usage(_("usage: frontdesk purge --as NUMBER"));
}

int cli_purge(cli *c, int argc, char **argv)
{
    const char *number;
    if (!cli_only_as(argc, argv, &number))
        return usage();
    if (!number || optind != argc)
        return usage();
    fd_desk *d;
    int rc = cli_open_desk(c, 0, &d);
    if (rc != EX_OK)
        return rc;
    fd_actor who;
    if ((rc = cli_authenticate(c, d, number, &who)) == EX_OK) {
        fd_error err = {0};
        fd_purge_result r;
        fd_progress *progress = fd_progress_start(_("Purging"), _("visits"));
        fd_progress_sink sink = fd_progress_sink_of(progress);
        fd_status s = fd_visits_purge_with(d, &who, &sink, &r, &err);
        fd_progress_end(progress);
        if (s != FD_OK)
            rc = cli_fail(&err);
        else
            rc = report(&r, c->config->retention_days);
    }
    fd_desk_close(d);
    return rc;
}
