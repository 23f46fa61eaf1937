/* The command line: shared set-up for the subcommands (src/cli_*.c). */
#ifndef FRONTDESK_CLI_H
#define FRONTDESK_CLI_H

#include <stdbool.h>

#include "frontdesk/config.h"
#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

typedef struct cli {
    const char *prog;        /* argv[0] as invoked, for messages */
    const char *db_path;     /* --db, else the configured path, else the site's or XDG's */
    const char *system_config; /* where the site's rules are set, for messages */
    fd_config *config;
    fd_clock clock;
    bool clock_fixed;        /* FRONTDESK_NOW: honoured for a demo database only */
} cli;

/* cli_open_desk: create the database as a demo's (marked so before anything else). */
enum { CLI_OPEN_DEMO = 0x100 };

/* Prints "frontdesk: message" (the colon the language's) on stderr and returns the
 * sysexits code for it. */
int cli_fail(const fd_error *err);
/* Prints a usage error and returns EX_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Names the option getopt_long refused ('?' unknown, ':' its value missing; the option
 * string starts with ':'), before the caller's usage. */
void cli_bad_option(int opt, char *const argv[]);
/* Names an option refused: unknown, or given without the value it needs. */
void cli_option_refused(const char *name, bool needs_value);
/* A day given to an option (--date, --from, --to, --month's first day): EX_OK with *out,
 * else the usage error: shape_hint when the text is not written as a date, else which
 * day does not exist after the option's name ("--from: 2026-11 has 30 days: there is no
 * day 31."). */
int cli_date_option(const char *option, const char *text, const char *shape_hint, fd_date *out);
/* Reads the options of a command whose one option is --as NUMBER: *number is NULL when
 * it is not given; false on any other option (the caller prints its usage). optind is
 * left on the first operand. */
bool cli_only_as(int argc, char **argv, const char **number);
/* Opens the desk on c->db_path (flags as fd_store_open's, and CLI_OPEN_DEMO); on
 * failure prints why and returns the exit code. The clock override and site policy
 * from a personal file are refused here unless the database is a demo's. */
int cli_open_desk(cli *c, int flags, fd_desk **out);
/* Takes $FRONTDESK_PIN and $FRONTDESK_NEW_PIN out of the environment, kept for
 * cli_read_pin and cli_read_new_pin: no program the command starts inherits them. */
void cli_take_pins(void);
/* Authenticates staff member number (from --as): the PIN comes from $FRONTDESK_PIN
 * when set (scripts, cron) or is asked on the terminal without echo. */
int cli_authenticate(cli *c, fd_desk *d, const char *number, fd_actor *out);
/* A PIN: $FRONTDESK_PIN when set, else asked on the terminal without echo; NULL when
 * there is neither. Caller frees. */
char *cli_read_pin(const char *prompt);
/* Asks for a new PIN twice on the terminal (or takes $FRONTDESK_NEW_PIN). Caller frees. */
int cli_read_new_pin(const char *prompt, char **out);

/* The sealing code given as an option's value: typed on standard input for "-" (so it
 * need not show in the process list or the shell's history), else a copy of given,
 * which is wiped in place. Caller wipes and frees. */
char *cli_take_seal_code(char *given);

/* Subcommands: each returns the process exit status. argv[0] is the subcommand. */
int cli_init(cli *c, int argc, char **argv);
int cli_demo(cli *c, int argc, char **argv);
int cli_staff(cli *c, int argc, char **argv);
int cli_import(cli *c, int argc, char **argv);
int cli_verify(cli *c, int argc, char **argv);
int cli_seal(cli *c, int argc, char **argv);
int cli_backup(cli *c, int argc, char **argv);
int cli_restore(cli *c, int argc, char **argv);
int cli_export(cli *c, int argc, char **argv);
int cli_purge(cli *c, int argc, char **argv);
int cli_ban(cli *c, int argc, char **argv);
int cli_print(cli *c, int argc, char **argv);
int cli_calendar(cli *c, int argc, char **argv);

#endif
