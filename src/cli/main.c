/* frontdesk: the console with no subcommand, or one of the subcommands below. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <wchar.h>

#include "cli/cli.h"
#include "app/app.h"
#include "frontdesk/i18n.h"
#include "frontdesk/site.h"

/* Where a site install keeps its files (FRONTDESK_SITE_SYSCONFDIR, _STATEDIR): compiled
 * into the program itself (main.c alone), so that the site test can build the same
 * program with folders of its own. */
static const char *const system_configs[] = {
    FRONTDESK_SITE_SYSCONFDIR "/frontdesk/frontdesk.cfg",
    "/etc/frontdesk/frontdesk.cfg",
    NULL,
};

typedef struct subcommand {
    const char *name;
    int (*run)(cli *c, int argc, char **argv);
    const char *usage;
    const char *help;
} subcommand;

static const subcommand subcommands[] = {
    {"init", cli_init, N_("init --admin NUMBER --name NAME"), N_("create a new database and its first administrator")},
    {"demo", cli_demo, "demo", N_("create a demo database: the site, its staff and a week of records")},
    {"staff", cli_staff, "staff add|list|passwd|unlock|recover …", N_("manage staff and PINs")},
    {"import", cli_import, N_("import units|occupants FILE.csv --as NUMBER"), N_("import the directory from CSV")},
    {"verify", cli_verify, N_("verify [--against HEAD] [--seal CODE]"), N_("check the audit chain and the database")},
    {"seal", cli_seal, N_("seal [--code CODE] --as NUMBER"), N_("seal the audit chain of an older database, or rebuild a lost sealing key")},
    {"backup", cli_backup, N_("backup FILE"), N_("copy the database safely while terminals write")},
    {"restore", cli_restore, N_("restore BACKUP"), N_("put a backup back in place of the database (no terminal may have it open)")},
    {"export", cli_export, N_("export KIND --from/--to/--month … --as NUMBER"), N_("export records for spreadsheets")},
    {"purge", cli_purge, N_("purge --as NUMBER"), N_("clear visitors' document numbers kept past the retention period")},
    {"ban", cli_ban, N_("ban list|add|lift … --as NUMBER"), N_("keep the visitors' do-not-admit list")},
    {"calendar", cli_calendar, N_("calendar YEAR"), N_("show the year's holidays and make-up working days as deadlines count them")},
    {"print", cli_print, N_("print handover|daily … --as NUMBER"), N_("print the handover report or the daily logs (PDF, text or a printer)")},
};

/* printf's %-46s counts bytes; a translated usage line is padded by display columns. */
static void print_padded(const char *left, int columns, const char *right)
{
    wchar_t wide[256];
    size_t n = mbstowcs(wide, left, 255);
    int width = n == (size_t)-1 ? (int)strlen(left) : wcswidth(wide, n);
    printf("  %s%*s %s\n", left, width < columns ? columns - width : 0, "", right);
}

static void print_help(void)
{
    printf(_("frontdesk — the front-desk console of a property-management office\n\n"));
    printf(_("Usage: frontdesk [--db PATH] [--config FILE]            open the console\n"));
    printf(_("       frontdesk [--db PATH] [--config FILE] COMMAND …\n\n"));
    printf(_("Commands:\n"));
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        print_padded(_(subcommands[i].usage), 46, _(subcommands[i].help));
    printf(_("\nOptions:\n"
             "  --db PATH       the database (default: the configured one, else\n"
             "                  $XDG_DATA_HOME/frontdesk/frontdesk.db)\n"
             "  --config FILE   the configuration file (default: $FRONTDESK_CONFIG,\n"
             "                  $XDG_CONFIG_HOME/frontdesk/frontdesk.cfg, /etc/frontdesk/frontdesk.cfg)\n"
             "  --help          this text\n"
             "  --version       the version\n"
             "\nScripts give PINs in $FRONTDESK_PIN (and new PINs in $FRONTDESK_NEW_PIN).\n"));
    if (fd_site_mode())
        printf(_("\nThis is a site install: the database and the rules are the site's, and\n"
                 "--db, --config and the FRONTDESK_ variables other than the PINs are refused.\n"));
}

/* $XDG_DATA_HOME/frontdesk/frontdesk.db, making the folder (private) if needed. */
static char *default_db_path(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char *dir = (xdg && *xdg) ? fd_printf("%s/frontdesk", xdg)
                              : fd_printf("%s/.local/share/frontdesk", home ? home : ".");
    char *cursor = dir;
    while ((cursor = strchr(cursor + 1, '/'))) {
        *cursor = '\0';
        mkdir(dir, 0700);
        *cursor = '/';
    }
    mkdir(dir, 0700);
    char *path = fd_printf("%s/frontdesk.db", dir);
    free(dir);
    return path;
}

/* A site install's program is not to be steered by the person running it: whatever
 * would choose its database, rules, clock or code is refused, out loud, rather than
 * quietly ignored (secure_getenv alone would ignore it). */
static int refuse_overrides(const char *db, const char *config_path)
{
    static const char *const variables[] = {
        "FRONTDESK_CONFIG",     "FRONTDESK_NOW",         "FRONTDESK_LOCALEDIR",
        "FRONTDESK_PDF_MODULE", "FRONTDESK_XLSX_MODULE",
    };
    const char *named = db ? "--db" : config_path ? "--config" : NULL;
    for (size_t i = 0; !named && i < sizeof variables / sizeof variables[0]; i++)
        if (getenv(variables[i]))
            named = variables[i];
    if (!named)
        return EX_OK;
    fprintf(stderr,
            _("frontdesk: %s cannot be used with this site install: the database, its rules and "
              "its clock are the site's (set in %s by the system administrator).\n"),
            named, system_configs[0]);
    return EX_NOPERM;
}

/* --db, else the configured one, else the site's or the person's own. */
static const char *database_path(const cli *c, const char *db, char **owned)
{
    *owned = NULL;
    if (db)
        return db;
    if (c->config->database)
        return c->config->database;
    if (fd_site_mode())
        return FRONTDESK_SITE_STATEDIR "/frontdesk.db";
    return *owned = default_db_path();
}

static int run_console(cli *c)
{
    fd_desk *desk;
    int rc = cli_open_desk(c, 0, &desk);
    if (rc != EX_OK)
        return rc;
    rc = console_run(&frontdesk_app, desk, c->config);
    fd_desk_close(desk);
    return rc;
}

/* Whether a subcommand's arguments ask for help (before any "--"). */
static bool asks_help(int argc, char **argv)
{
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--help") == 0)
            return true;
    return false;
}

static int subcommand_help(const subcommand *s)
{
    printf(_("Usage: frontdesk [--db PATH] [--config FILE] %s\n"), _(s->usage));
    printf("  %s\n", _(s->help));
    printf(_("Every option of it: man frontdesk.\n"));
    return EX_OK;
}

static int dispatch(cli *c, int argc, char **argv)
{
    if (argc == 0)
        return run_console(c);
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        if (strcmp(argv[0], subcommands[i].name) == 0)
            return asks_help(argc, argv) ? subcommand_help(&subcommands[i])
                                         : subcommands[i].run(c, argc, argv);
    return cli_usage(_("unknown command '%s'"), argv[0]);
}

/* --db and --config may also follow the subcommand ("frontdesk demo --db x.db"), as
 * people type them: takes them out of argv wherever they stand (before a "--").
 * Returns the one given without a path (last on the line, or "--db="), else NULL. */
static const char *take_global_options(int *argc, char **argv, const char **db,
                                       const char **config)
{
    const char *empty = NULL;
    int kept = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--db") == 0 ? db : strcmp(a, "--config") == 0 ? config : NULL;
        if (strcmp(a, "--") == 0) {
            while (i < *argc)
                argv[kept++] = argv[i++];
            break;
        }
        if (slot && i + 1 < *argc) {
            *slot = argv[++i];
        } else if (slot) {
            empty = a;
        } else if (strncmp(a, "--db=", 5) == 0) {
            *db = a + 5;
        } else if (strncmp(a, "--config=", 9) == 0) {
            *config = a + 9;
        } else {
            argv[kept++] = argv[i];
        }
    }
    argv[kept] = NULL;
    *argc = kept;
    if (!empty && *db && !**db)
        empty = "--db";
    if (!empty && *config && !**config)
        empty = "--config";
    return empty;
}

int main(int argc, char **argv)
{
    fd_site_harden();
    /* Before anything could start a program that would inherit them (lp). */
    cli_take_pins();
    setlocale(LC_ALL, "");
    fd_i18n_init(NULL);
    static const struct option options[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL, *config_path = NULL;
    const char *without_path = take_global_options(&argc, argv, &db, &config_path);
    int opt;
    bool help = false, bad_option = false;
    /* "+": options after the subcommand belong to it. */
    opterr = 0;
    while (!bad_option && (opt = getopt_long(argc, argv, "+:hV", options, NULL)) != -1) {
        switch (opt) {
        case 'h': help = true; break;
        case 'V': printf("frontdesk %s\n", FRONTDESK_VERSION); return EX_OK;
        default: bad_option = true; break;
        }
    }
    int first = optind;
    if (fd_site_mode()) {
        int refused = refuse_overrides(db, config_path);
        if (refused != EX_OK)
            return refused;
    }
    const char *now = getenv("FRONTDESK_NOW");
    cli c = {.prog = argv[0], .clock = fd_clock_default(), .clock_fixed = now && *now,
             .system_config = system_configs[0]};
    fd_error err = {0};
    if (fd_config_load(system_configs, config_path, &c.config, &err) != FD_OK) {
        if (help)
            print_help();
        return help ? EX_OK : cli_fail(&err);
    }
    /* Help, too, in the site's language, as every other word the program says. */
    fd_i18n_init(c.config->language);
    if (bad_option || without_path) {
        if (without_path)
            cli_option_refused(without_path, true);
        else
            cli_bad_option(opt, argv);
        fd_config_free(c.config);
        return cli_usage(_("usage: frontdesk [--db PATH] [--config FILE] [COMMAND …]"));
    }
    if (help) {
        print_help();
        fd_config_free(c.config);
        return EX_OK;
    }
    char *owned_db;
    c.db_path = database_path(&c, db, &owned_db);
    /* Subcommands parse their own options: GNU getopt starts afresh when optind is 0. */
    optind = 0;
    int rc = dispatch(&c, argc - first, argv + first);
    free(owned_db);
    fd_config_free(c.config);
    return rc;
}
