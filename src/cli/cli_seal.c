/* frontdesk seal --as NUMBER: begins sealing the audit chain of a database made before
 * sealing existed, and prints the sealing code once. frontdesk seal --code CODE --as
 * NUMBER: rebuilds the day's sealing key from the code when the key file was lost. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"

static char *read_seal_code(void)
{
    if (isatty(STDIN_FILENO))
        fputs(_("Sealing code: "), stderr);
    char line[256];
    if (!fgets(line, sizeof line, stdin))
        return fd_strdup("");
    line[strcspn(line, "\r\n")] = '\0';
    char *code = fd_strdup(line);
    explicit_bzero(line, sizeof line);
    return code;
}

char *cli_take_seal_code(char *given)
{
    if (strcmp(given, "-") == 0)
        return read_seal_code();
    /* A code on the command line is in the process list for anyone on the machine to
     * read (ps, /proc/PID/cmdline) while the command runs: copied, and wiped there. */
    char *code = fd_strdup(given);
    explicit_bzero(given, strlen(given));
    return code;
}

static int usage(void)
{
    return cli_usage(_("usage: frontdesk seal [--code CODE|-] --as NUMBER"));
}

static int begin(fd_desk *d, const fd_actor *who)
{
    char code[FD_SEAL_CODE_TEXT];
    fd_error err = {0};
    if (fd_audit_begin_sealing(d, who, code, &err) != FD_OK)
        return cli_fail(&err);
    printf(_("The audit chain is sealed from now on. Sealing code (shown only this once: write "
             "it down and keep it in the office safe; `frontdesk verify --seal CODE` checks "
             "every entry with it):\n    %s\n"),
           code);
    explicit_bzero(code, sizeof code);
    return EX_OK;
}

static int rebuild(fd_desk *d, const fd_actor *who, const char *code)
{
    fd_error err = {0};
    if (fd_audit_rebuild_sealing(d, who, code, &err) != FD_OK)
        return cli_fail(&err);
    printf(_("The sealing key was rebuilt from the code; the audit chain is sealed again.\n"));
    return EX_OK;
}

int cli_seal(cli *c, int argc, char **argv)
{
    static const struct option options[] = {
        {"as", required_argument, NULL, 'a'},
        {"code", required_argument, NULL, 'c'},
        {NULL, 0, NULL, 0},
    };
    const char *number = NULL;
    char *given = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, ":a:c:", options, NULL)) != -1) {
        switch (opt) {
        case 'a': number = optarg; break;
        case 'c': given = optarg; break;
        default: cli_bad_option(opt, argv); return usage();
        }
    }
    if (!number || optind != argc)
        return usage();
    char *code = given ? cli_take_seal_code(given) : NULL;
    fd_desk *d;
    int rc = cli_open_desk(c, 0, &d);
    fd_actor who;
    if (rc == EX_OK) {
        if ((rc = cli_authenticate(c, d, number, &who)) == EX_OK)
            rc = code ? rebuild(d, &who, code) : begin(d, &who);
        fd_desk_close(d);
    }
    if (code)
        explicit_bzero(code, strlen(code));
    free(code);
    return rc;
}
