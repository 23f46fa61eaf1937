/* frontdesk ban list|add|lift: the visitors' do-not-admit list from a shell. Any staff
 * member may list it (documents masked); the core keeps changes to the
 * customer-service manager. The rules are the core's; this file asks and prints. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "frontdesk/directory.h"
#include "frontdesk/i18n.h"
#include "frontdesk/visitors.h"

enum { PAGE = 100, UNIT_MATCHES = 50 };

typedef struct ban_options {
    const char *as, *unit, *reason;
} ban_options;

typedef struct ban_command {
    const char *name;
    int (*run)(fd_desk *d, const fd_actor *who, const ban_options *o, char **argv);
    int args; /* positional arguments after the command */
    const char *usage;
} ban_command;

/* ---- list ---- */

typedef struct listing {
    int64_t last_id;
    int rows;
} listing;

static void print_entry(void *ctx, const fd_visitor_ban_row *b)
{
    listing *l = ctx;
    char when[FD_TIME_TEXT];
    fd_time_format(b->at, when);
    printf("%" PRId64 "\t%s\t%s %s\t%s\t%s\t%s %s\n", b->id, b->visitor_name,
           fd_doc_type_label(b->doc_type), b->doc_number, b->unit ? b->unit : _("whole site"),
           b->reason, when, b->staff_name);
    l->last_id = b->id;
    l->rows++;
}

static int ban_list(fd_desk *d, const fd_actor *who, const ban_options *o, char **argv)
{
    (void)who;
    (void)o;
    (void)argv;
    printf("%s\n", _("No.\tVisitor\tDocument\tWhere\tReason\tEntered"));
    listing page = {0};
    do {
        page.rows = 0;
        fd_error err = {0};
        if (fd_visitor_bans(d, page.last_id, PAGE, print_entry, &page, &err) != FD_OK)
            return cli_fail(&err);
    } while (page.rows == PAGE);
    return EX_OK;
}

/* ---- add ---- */

/* A unit of the directory, found by its code as typed (any case). */
typedef struct unit_lookup {
    const char *typed;
    int64_t id;
    char code[64];
} unit_lookup;

static void exact_unit(void *ctx, const fd_dir_entry *e)
{
    unit_lookup *u = ctx;
    if (strcasecmp(e->unit, u->typed) == 0) {
        u->id = e->unit_id;
        snprintf(u->code, sizeof u->code, "%s", e->unit);
    }
}

/* EX_OK with the unit found, else the refusal printed and its exit status. */
static int find_unit(fd_desk *d, unit_lookup *u)
{
    fd_error err = {0};
    if (fd_directory_search(d, NULL, FD_DIR_UNIT, u->typed, UNIT_MATCHES, exact_unit, u, &err) != FD_OK)
        return cli_fail(&err);
    if (u->id)
        return EX_OK;
    fprintf(stderr, _("frontdesk: there is no unit %s in the directory\n"), u->typed);
    return EX_DATAERR;
}

static int ban_add(fd_desk *d, const fd_actor *who, const ban_options *o, char **argv)
{
    fd_doc_type type;
    if (!fd_doc_type_parse(argv[1], &type))
        return cli_usage(_("unknown document type '%s'; the types are resident_id, passport, "
                           "hk_macau, taiwan and other"),
                         argv[1]);
    unit_lookup unit = {o->unit, 0, ""};
    int rc = o->unit ? find_unit(d, &unit) : EX_OK;
    if (rc != EX_OK)
        return rc;
    fd_error err = {0};
    int64_t id;
    if (fd_visitor_ban(d, who, type, argv[2], argv[3], unit.id, o->reason, &id, &err) != FD_OK)
        return cli_fail(&err);
    printf(_("Entry %" PRId64 ": %s is not to be admitted at %s.\n"), id, argv[3],
           unit.id ? unit.code : _("the whole site"));
    return EX_OK;
}

/* ---- lift ---- */

static int ban_lift(fd_desk *d, const fd_actor *who, const ban_options *o, char **argv)
{
    char *end;
    long long id = strtoll(argv[1], &end, 10);
    if (*end || id <= 0)
        return cli_usage(_("usage: frontdesk ban lift ENTRY --reason TEXT --as NUMBER"));
    fd_error err = {0};
    if (fd_visitor_lift_ban(d, who, id, o->reason, &err) != FD_OK)
        return cli_fail(&err);
    printf(_("Entry %lld is lifted.\n"), id);
    return EX_OK;
}

/* ---- the command ---- */

static const ban_command commands[] = {
    {"list", ban_list, 0, "ban list --as NUMBER"},
    {"add", ban_add, 3, "ban add TYPE NUMBER NAME [--unit CODE] --reason TEXT --as NUMBER"},
    {"lift", ban_lift, 1, "ban lift ENTRY --reason TEXT --as NUMBER"},
};
enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };

static void print_help(void)
{
    printf(_("Usage:\n"));
    for (int i = 0; i < COMMAND_COUNT; i++)
        printf("  frontdesk %s\n", commands[i].usage);
    printf(_("\n"
             "  list   the entries in force, newest first (documents masked)\n"
             "  add    a visitor not to be admitted, by document: at one unit (--unit) or the\n"
             "         whole site (customer-service manager)\n"
             "  lift   takes an entry off the list (customer-service manager)\n"
             "\nDocument types: resident_id, passport, hk_macau, taiwan, other.\n"
             "Scripts give the PIN in $FRONTDESK_PIN.\n"));
}

static const ban_command *find_command(const char *name)
{
    for (int i = 0; i < COMMAND_COUNT; i++)
        if (strcasecmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

static int run_command(cli *c, const ban_command *command, const ban_options *o, char **argv)
{
    fd_desk *d;
    int rc = cli_open_desk(c, 0, &d);
    if (rc != EX_OK)
        return rc;
    fd_actor who;
    if ((rc = cli_authenticate(c, d, o->as, &who)) == EX_OK)
        rc = command->run(d, &who, o, argv);
    fd_desk_close(d);
    return rc;
}

int cli_ban(cli *c, int argc, char **argv)
{
    static const struct option options[] = {
        {"as", required_argument, NULL, 'a'},
        {"unit", required_argument, NULL, 'u'},
        {"reason", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    ban_options o = {0};
    int opt;
    while ((opt = getopt_long(argc, argv, ":a:u:r:h", options, NULL)) != -1) {
        switch (opt) {
        case 'a': o.as = optarg; break;
        case 'u': o.unit = optarg; break;
        case 'r': o.reason = optarg; break;
        case 'h': print_help(); return EX_OK;
        default:
            cli_bad_option(opt, argv);
            return cli_usage(_("usage: frontdesk ban list|add|lift …"));
        }
    }
    if (optind >= argc)
        return cli_usage(_("usage: frontdesk ban list|add|lift …"));
    const ban_command *command = find_command(argv[optind]);
    if (!command)
        return cli_usage(_("unknown ban command '%s'"), argv[optind]);
    if (argc - optind - 1 != command->args)
        return cli_usage(_("usage: frontdesk %s"), command->usage);
    return run_command(c, command, &o, argv + optind);
}
