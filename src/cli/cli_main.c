/* Shared set-up for the subcommands: opening the desk, staff authentication, errors. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <termios.h>
#include <unistd.h>

#include "frontdesk/i18n.h"
#include "frontdesk/staff.h"

/* The PINs a script gave in the environment, taken out of it by cli_take_pins. */
static char *given_pin, *given_new_pin;

/* TRANSLATORS: the program's name before a message, with the language's colon. */
#define PROGRAM_PREFIX _("frontdesk: ")

int cli_fail(const fd_error *err)
{
    fprintf(stderr, "%s%s\n", PROGRAM_PREFIX,
            err->message[0] ? err->message : fd_status_message(err->status));
    return fd_status_exit_code(err->status);
}

int cli_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(PROGRAM_PREFIX, stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n", stderr);
    fprintf(stderr, _("Try `frontdesk --help`.\n"));
    va_end(ap);
    return EX_USAGE;
}

/* getopt's own message is English whatever the site's language (opterr is 0): the
 * option is named here, as typed. */
void cli_option_refused(const char *name, bool needs_value)
{
    fputs(PROGRAM_PREFIX, stderr);
    fprintf(stderr, needs_value ? _("option %s needs a value\n") : _("unknown option %s\n"), name);
}

void cli_bad_option(int opt, char *const argv[])
{
    const char *typed = argv[optind - 1];
    char letter[3] = {'-', (char)optopt, '\0'};
    cli_option_refused(strncmp(typed, "--", 2) == 0 || !optopt ? typed : letter, opt == ':');
}

int cli_date_option(const char *option, const char *text, const char *shape_hint, fd_date *out)
{
    fd_when_problem why;
    if (fd_date_parse(text, out, &why))
        return EX_OK;
    char problem[FD_WHEN_PROBLEM_TEXT];
    const char *said = fd_when_problem_text(&why, NULL, problem);
    return said ? cli_usage(_("%s: %s"), option, said) : cli_usage("%s", shape_hint);
}

bool cli_only_as(int argc, char **argv, const char **number)
{
    static const struct option options[] = {
        {"as", required_argument, NULL, 'a'},
        {NULL, 0, NULL, 0},
    };
    *number = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, ":a:", options, NULL)) != -1) {
        if (opt != 'a') {
            cli_bad_option(opt, argv);
            return false;
        }
        *number = optarg;
    }
    return true;
}

/* What a demo database alone honours, named for the message; NULL when nothing is
 * asked of it. */
static const char *demo_only(const cli *c)
{
    if (c->clock_fixed)
        return "FRONTDESK_NOW";
    return c->config->personal_policy;
}

static int refuse_for_real_site(const cli *c, const char *what)
{
    if (c->clock_fixed)
        fprintf(stderr,
                _("frontdesk: FRONTDESK_NOW sets the clock only for a demo database (made by "
                  "`frontdesk demo`), and %s is not one: unset FRONTDESK_NOW.\n"),
                c->db_path);
    else
        fprintf(stderr,
                _("frontdesk: %s: this setting decides what staff may see or do, so only the "
                  "system configuration (%s, root's) may set it; a file of your own may set it "
                  "only for a demo database.\n"),
                what, c->system_config);
    return c->clock_fixed ? EX_NOPERM : EX_CONFIG;
}

/* A command waiting for another terminal's write says so once, on a terminal. */
static bool say_busy(void *ctx, int waited_ms)
{
    bool *said = ctx;
    if (waited_ms >= 500 && !*said && isatty(STDERR_FILENO)) {
        fprintf(stderr, _("frontdesk: the database is busy; waiting… (Ctrl+C to stop)\n"));
        *said = true;
    }
    return true;
}

int cli_open_desk(cli *c, int flags, fd_desk **out)
{
    static bool said_busy;
    *out = NULL;
    bool making_demo = flags & CLI_OPEN_DEMO;
    const char *what = demo_only(c);
    struct stat st;
    /* A new database made for real (init) is refused before it is made. */
    if (what && !making_demo && stat(c->db_path, &st) != 0)
        return refuse_for_real_site(c, what);
    fd_error err = {0};
    fd_desk *d;
    if (fd_desk_open(c->db_path, flags & ~CLI_OPEN_DEMO, c->config, c->clock, &d, &err) != FD_OK)
        return cli_fail(&err);
    bool demo = false;
    fd_status s = making_demo ? fd_desk_mark_demo(d, &err) : FD_OK;
    if (s == FD_OK && what)
        s = fd_desk_is_demo(d, &demo, &err);
    if (s != FD_OK || (what && !demo)) {
        fd_desk_close(d);
        return s != FD_OK ? cli_fail(&err) : refuse_for_real_site(c, what);
    }
    fd_store_on_busy(d->store, say_busy, &said_busy);
    *out = d;
    return EX_OK;
}

/* Reads one line from the terminal with echo off, so a PIN never shows. */
static char *read_secret_line(const char *prompt)
{
    int tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0)
        return NULL;
    struct termios saved, quiet;
    bool have_termios = tcgetattr(tty, &saved) == 0;
    if (have_termios) {
        quiet = saved;
        quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHONL);
        quiet.c_lflag |= ICANON;
        tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    if (write(tty, prompt, strlen(prompt)) < 0) { /* nothing to do: the read still works */ }
    char line[64];
    ssize_t n = read(tty, line, sizeof line - 1);
    if (have_termios)
        tcsetattr(tty, TCSAFLUSH, &saved);
    if (write(tty, "\n", 1) < 0) { /* as above */ }
    close(tty);
    if (n <= 0)
        return NULL;
    line[n] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    return fd_strdup(line);
}

static char *take_variable(const char *name)
{
    const char *value = getenv(name);
    char *kept = fd_strdup(value);
    if (value) {
        /* Wiped, not just dropped: the environment stays in the process's memory. */
        sodium_memzero((char *)value, strlen(value));
        unsetenv(name);
    }
    return kept;
}

void cli_take_pins(void)
{
    given_pin = take_variable("FRONTDESK_PIN");
    given_new_pin = take_variable("FRONTDESK_NEW_PIN");
}

char *cli_read_pin(const char *prompt)
{
    return given_pin ? fd_strdup(given_pin) : read_secret_line(prompt);
}

int cli_authenticate(cli *c, fd_desk *d, const char *number, fd_actor *out)
{
    (void)c;
    if (!number)
        return cli_usage(_("this command needs --as STAFF_NUMBER"));
    char *prompt = fd_printf(_("PIN for %s: "), number);
    char *pin = cli_read_pin(prompt);
    free(prompt);
    if (!pin) {
        fprintf(stderr, _("frontdesk: no PIN given (no terminal, and FRONTDESK_PIN is not set)\n"));
        return EX_NOINPUT;
    }
    fd_error err = {0};
    fd_status s = fd_staff_login(d, number, pin, out, &err);
    free(pin);
    return s == FD_OK ? EX_OK : cli_fail(&err);
}

int cli_read_new_pin(const char *prompt, char **out)
{
    if (given_new_pin) {
        *out = fd_strdup(given_new_pin);
        return EX_OK;
    }
    char *first = read_secret_line(prompt);
    char *again = first ? read_secret_line(_("Repeat the new PIN: ")) : NULL;
    if (!first || !again) {
        free(first);
        free(again);
        fprintf(stderr, _("frontdesk: no PIN given (no terminal, and FRONTDESK_NEW_PIN is not set)\n"));
        return EX_NOINPUT;
    }
    if (strcmp(first, again) != 0) {
        free(first);
        free(again);
        fprintf(stderr, _("frontdesk: the two PINs differ; nothing was changed\n"));
        return EX_DATAERR;
    }
    free(again);
    *out = first;
    return EX_OK;
}
