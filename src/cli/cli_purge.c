/* frontdesk purge --as NUMBER: clears the clear document numbers of visitors
 * registered longer ago than visitors.retention_days. Meant for cron, with the PIN in
 * $FRONTDESK_PIN. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "frontdesk/i18n.h"
#include "frontdesk/visitors.h"

static int usage(void)
{
    return cli_usage(_("usage: frontdesk purge --as NUMBER"));
}

int cli_purge(cli *c, int argc, char **argv)
{
    static const struct option options[] = {
        {"as", required_argument, NULL, 'a'},
        {NULL, 0, NULL, 0},
    };
    const char *number = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "a:", options, NULL)) != -1) {
        if (opt != 'a')
            return usage();
        number = optarg;
    }
    if (!number || optind != argc)
        return usage();
    fd_desk *d;
    int rc = cli_open_desk(c, 0, &d);
    if (rc != EX_OK)
        return rc;
    fd_actor who;
    if ((rc = cli_authenticate(c, d, number, &who)) == EX_OK) {
        fd_error err = {0};
        int64_t cleared = 0;
        if (fd_visits_purge(d, &who, &cleared, &err) != FD_OK)
            rc = cli_fail(&err);
        else
            printf(_("Cleared the document numbers of %" PRId64 " visits registered more than "
                     "%d days ago; the visits remain, with their masked numbers.\n"),
                   cleared, c->config->retention_days);
    }
    fd_desk_close(d);
    return rc;
}
