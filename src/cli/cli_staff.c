/* frontdesk staff add|list|passwd|unlock|recover: the staff commands an administrator or a
 * duty manager runs from a shell. The rules are the core's; this file asks and prints. */
#include <getopt.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "frontdesk/i18n.h"
#include "frontdesk/site.h"
#include "frontdesk/staff.h"
#include "frontdesk/text.h"

typedef struct staff_command {
    const char *name;
    int (*run)(cli *c, const char *as, int argc, char **argv); /* argv[0]: the command */
    int args;           /* positional arguments after the command */
    const char *usage;
} staff_command;

static void forget_pin(char *pin)
{
    if (pin) {
        sodium_memzero(pin, strlen(pin));
        free(pin);
    }
}

/* "receptionist, assistant, …": the names a command line accepts. */
static void role_names(char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int r = 0; r < FD_ROLE_COUNT && used < size; r++)
        used += (size_t)snprintf(out + used, size - used, "%s%s", r ? ", " : "",
                                 fd_role_name((fd_role)r));
}

/* ---- add ---- */

static int add_with(cli *c, fd_desk *d, const char *as, char **argv, fd_role role)
{
    fd_actor admin;
    char *pin = NULL;
    int rc = cli_authenticate(c, d, as, &admin);
    if (rc == EX_OK)
        rc = cli_read_new_pin(_("PIN for the new staff member: "), &pin);
    if (rc != EX_OK)
        return rc;
    fd_error err = {0};
    if (fd_staff_add(d, &admin, argv[1], argv[2], role, pin, &err) != FD_OK)
        rc = cli_fail(&err);
    else
        printf(_("Added %s %s (%s).\n"), argv[1], argv[2], fd_role_label(role));
    forget_pin(pin);
    return rc;
}

static int staff_add(cli *c, const char *as, int argc, char **argv)
{
    (void)argc;
    fd_role role;
    if (!fd_role_parse(argv[3], &role)) {
        char names[128];
        role_names(names, sizeof names);
        return cli_usage(_("unknown role '%s'; the roles are %s"), argv[3], names);
    }
    fd_desk *d;
    int rc = cli_open_desk(c, 0, &d);
    if (rc != EX_OK)
        return rc;
    rc = add_with(c, d, as, argv, role);
    fd_desk_close(d);
    return rc;
}

/* ---- list ---- */

typedef struct roster {
    fd_staff_info *rows;
    size_t count, capacity;
} roster;

static void collect(void *ctx, const fd_staff_info *s)
{
    roster *r = ctx;
    if (r->count == r->capacity) {
        r->capacity = r->capacity ? 2 * r->capacity : 16;
        r->rows = fd_realloc(r->rows, r->capacity * sizeof *r->rows);
    }
    r->rows[r->count++] = *s;
}

enum { COLUMNS = 4, CELL_MAX = 96 };

static void row_cells(const fd_staff_info *s, char cells[COLUMNS][CELL_MAX])
{
    snprintf(cells[0], CELL_MAX, "%s", s->number);
    snprintf(cells[1], CELL_MAX, "%s", s->name);
    snprintf(cells[2], CELL_MAX, "%s", fd_role_label(s->role));
    if (s->locked)
        snprintf(cells[3], CELL_MAX, "%s", _("locked"));
    else if (s->failures > 0)
        snprintf(cells[3], CELL_MAX, _("wrong PINs: %d"), s->failures);
    else
        cells[3][0] = '\0';
}

/* Pads by display columns, not bytes, so Chinese names line up; nothing trails the
 * last filled cell. */
static void print_row(char cells[COLUMNS][CELL_MAX], const int widths[COLUMNS])
{
    int filled = COLUMNS;
    while (filled > 0 && cells[filled - 1][0] == '\0')
        filled--;
    for (int i = 0; i < filled; i++) {
        fputs(cells[i], stdout);
        for (int pad = i < filled - 1 ? widths[i] - text_width(cells[i]) + 2 : 0; pad > 0; pad--)
            putchar(' ');
    }
    putchar('\n');
}

static void print_roster(const roster *r)
{
    char header[COLUMNS][CELL_MAX];
    snprintf(header[0], CELL_MAX, "%s", _("Number"));
    snprintf(header[1], CELL_MAX, "%s", _("Name"));
    snprintf(header[2], CELL_MAX, "%s", _("Role"));
    snprintf(header[3], CELL_MAX, "%s", _("Status"));
    int widths[COLUMNS];
    for (int i = 0; i < COLUMNS; i++)
        widths[i] = text_width(header[i]);
    char cells[COLUMNS][CELL_MAX];
    for (size_t n = 0; n < r->count; n++) {
        row_cells(&r->rows[n], cells);
        for (int i = 0; i < COLUMNS; i++)
            if (text_width(cells[i]) > widths[i])
                widths[i] = text_width(cells[i]);
    }
    print_row(header, widths);
    for (size_t n = 0; n < r->count; n++) {
        row_cells(&r->rows[n], cells);
        print_row(cells, widths);
    }
}

static int list_with(cli *c, fd_desk *d, const char *as)
{
    fd_actor who;
    int rc = cli_authenticate(c, d, as, &who);
    if (rc != EX_OK)
        return rc;
    fd_error err = {0};
    roster r = {0};
    if (fd_staff_list(d, &who, collect, &r, &err) != FD_OK)
        rc = cli_fail(&err);
    else
        print_roster(&r);
    free(r.rows);
    return rc;
}

static int staff_list(cli *c, const char *as, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fd_desk *d;
    int rc = cli_open_desk(c, 0, &d);
    if (rc != EX_OK)
        return rc;
    rc = list_with(c, d, as);
    fd_desk_close(d);
    return rc;
}

/* ---- passwd ---- */

static int set_own_pin(fd_desk *d, const fd_actor *me, const char *old_pin)
{
    char *new_pin = NULL;
    int rc = cli_read_new_pin(_("New PIN: "), &new_pin);
    if (rc != EX_OK)
        return rc;
    fd_error err = {0};
    if (fd_staff_set_pin(d, me, me->number, old_pin, new_pin, &err) != FD_OK)
        rc = cli_fail(&err);
    else
        printf(_("PIN changed for %s (%s).\n"), me->number, me->name);
    forget_pin(new_pin);
    return rc;
}

/* Logging in with the current PIN first means wrong guesses here count towards the
 * lock-out like any other. */
static int change_own_pin(fd_desk *d, const char *number)
{
    char *prompt = fd_printf(_("Current PIN for %s: "), number);
    char *old_pin = cli_read_pin(prompt);
    free(prompt);
    if (!old_pin) {
        fprintf(stderr, _("frontdesk: no PIN given (no terminal, and FRONTDESK_PIN is not set)\n"));
        return EX_NOINPUT;
    }
    fd_error err = {0};
    fd_actor me;
    int rc = fd_staff_login(d, number, old_pin, &me, &err) == FD_OK ? set_own_pin(d, &me, old_pin)
                                                                     : cli_fail(&err);
    forget_pin(old_pin);
    return rc;
}

static int set_others_pin(cli *c, fd_desk *d, const char *as, const char *number)
{
    fd_actor admin;
    char *pin = NULL;
    int rc = cli_authenticate(c, d, as, &admin);
    if (rc == EX_OK)
        rc = cli_read_new_pin(_("New PIN: "), &pin);
    if (rc != EX_OK)
        return rc;
    fd_error err = {0};
    if (fd_staff_set_pin(d, &admin, number, NULL, pin, &err) != FD_OK)
        rc = cli_fail(&err);
    else
        printf(_("PIN set for %s.\n"), number);
    forget_pin(pin);
    return rc;
}

static int staff_passwd(cli *c, const char *as, int argc, char **argv)
{
    (void)argc;
    fd_desk *d;
    int rc = cli_open_desk(c, 0, &d);
    if (rc != EX_OK)
        return rc;
    const char *number = argv[1];
    rc = as && strcasecmp(as, number) != 0 ? set_others_pin(c, d, as, number)
                                           : change_own_pin(d, number);
    fd_desk_close(d);
    return rc;
}

/* ---- unlock ---- */

static int unlock_with(cli *c, fd_desk *d, const char *as, const char *number)
{
    fd_actor who;
    int rc = cli_authenticate(c, d, as, &who);
    if (rc != EX_OK)
        return rc;
    fd_error err = {0};
    if (fd_staff_unlock(d, &who, number, &err) != FD_OK)
        return cli_fail(&err);
    printf(_("%s is unlocked.\n"), number);
    return EX_OK;
}

static int staff_unlock(cli *c, const char *as, int argc, char **argv)
{
    (void)argc;
    fd_desk *d;
    int rc = cli_open_desk(c, 0, &d);
    if (rc != EX_OK)
        return rc;
    rc = unlock_with(c, d, as, argv[1]);
    fd_desk_close(d);
    return rc;
}

/* ---- recover ---- */

/* The way back in for a site whose administrators are all locked out (or have lost
 * the pepper): root alone, with no PIN of the site's, as the manual says. */
static int staff_recover(cli *c, const char *as, int argc, char **argv)
{
    (void)argc;
    if (as)
        return cli_usage(_("staff recover takes no --as: it is run by root, who has no PIN"));
    if (!fd_site_is_root()) {
        fprintf(stderr, _("frontdesk: only the system administrator (root) may recover an "
                          "administrator's account.\n"));
        return EX_NOPERM;
    }
    fd_desk *d;
    int rc = cli_open_desk(c, 0, &d);
    if (rc != EX_OK)
        return rc;
    char *pin = NULL;
    rc = cli_read_new_pin(_("New PIN: "), &pin);
    fd_error err = {0};
    if (rc == EX_OK && fd_staff_recover(d, argv[1], pin, &err) != FD_OK)
        rc = cli_fail(&err);
    else if (rc == EX_OK)
        printf(_("%s has a new PIN and is unlocked; the recovery is in the audit chain.\n"),
               argv[1]);
    forget_pin(pin);
    fd_desk_close(d);
    return rc;
}

/* ---- the command ---- */

static const staff_command commands[] = {
    {"add", staff_add, 3, N_("staff add NUMBER NAME ROLE --as ADMIN_NUMBER")},
    {"list", staff_list, 0, N_("staff list --as NUMBER")},
    {"passwd", staff_passwd, 1, N_("staff passwd NUMBER [--as ADMIN_NUMBER]")},
    {"unlock", staff_unlock, 1, N_("staff unlock NUMBER --as NUMBER")},
    {"recover", staff_recover, 1, N_("staff recover ADMIN_NUMBER")},
};
enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };

static void print_help(const fd_config *cfg)
{
    char names[128];
    role_names(names, sizeof names);
    printf(_("Usage:\n"));
    for (int i = 0; i < COMMAND_COUNT; i++)
        printf("  frontdesk %s\n", _(commands[i].usage));
    printf(_("\n"
             "  add      add a staff member (administrators); asks for their first PIN\n"
             "  list     list staff with their roles, wrong PINs and locks (managers, administrators)\n"
             "  passwd   change your own PIN (asks the current one), or, with --as, an\n"
             "           administrator sets someone else's\n"
             "  unlock   unlock an account locked by wrong PINs (duty managers, administrators)\n"
             "  recover  give an administrator a new PIN and unlock it, when no administrator\n"
             "           can log in (root only, audited)\n"
             "\nRoles: %s\n"
             "New PINs are %d to %d digits (4 on a demo database). Scripts give PINs in\n"
             "$FRONTDESK_PIN and new PINs in $FRONTDESK_NEW_PIN.\n"),
           names, cfg->pin_min_digits, FD_PIN_MAX);
}

static const staff_command *find_command(const char *name)
{
    for (int i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

int cli_staff(cli *c, int argc, char **argv)
{
    static const struct option options[] = {
        {"as", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *as = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, ":a:h", options, NULL)) != -1) {
        switch (opt) {
        case 'a': as = optarg; break;
        case 'h': print_help(c->config); return EX_OK;
        default:
            cli_bad_option(opt, argv);
            return cli_usage(_("usage: frontdesk staff add|list|passwd|unlock|recover …"));
        }
    }
    if (optind >= argc)
        return cli_usage(_("usage: frontdesk staff add|list|passwd|unlock|recover …"));
    const staff_command *command = find_command(argv[optind]);
    if (!command)
        return cli_usage(_("unknown staff command '%s'"), argv[optind]);
    if (argc - optind - 1 != command->args)
        return cli_usage(_("usage: frontdesk %s"), _(command->usage));
    return command->run(c, as, argc - optind, argv + optind);
}
