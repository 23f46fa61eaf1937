/* Shared set-up for the subcommands: opening the desk, staff authentication, errors. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <termios.h>
#include <unistd.h>

#include "frontdesk/i18n.h"
#include "frontdesk/staff.h"

int cli_fail(const fd_error *err)
{
    fprintf(stderr, "frontdesk: %s\n",
            err->message[0] ? err->message : fd_status_message(err->status));
    return fd_status_exit_code(err->status);
}

int cli_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("frontdesk: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n", stderr);
    fprintf(stderr, _("Try `frontdesk --help`.\n"));
    va_end(ap);
    return EX_USAGE;
}

int cli_open_desk(cli *c, int flags, fd_desk **out)
{
    fd_error err = {0};
    if (fd_desk_open(c->db_path, flags, c->config, c->clock, out, &err) != FD_OK)
        return cli_fail(&err);
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

char *cli_read_pin(const char *prompt)
{
    const char *env = getenv("FRONTDESK_PIN");
    return env ? fd_strdup(env) : read_secret_line(prompt);
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
    const char *env = getenv("FRONTDESK_NEW_PIN");
    if (env) {
        *out = fd_strdup(env);
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
