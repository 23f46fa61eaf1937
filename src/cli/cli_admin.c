/* init, demo and verify. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "frontdesk/audit.h"
#include "frontdesk/calendar.h"
#include "frontdesk/demo.h"
#include "frontdesk/i18n.h"
#include "frontdesk/progress.h"
#include "frontdesk/site.h"
#include "frontdesk/staff.h"

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A database init made but could not give its administrator (a PIN too short, say) is
 * of no use, and would stand in the way of the next try: it goes, with its files. */
static void remove_new_database(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", ".key", ".pepper", ".seal", ".head"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char *file = fd_printf("%s%s", path, suffixes[i]);
        unlink(file);
        free(file);
    }
}

/* The code of the sealing this desk began, for the office safe: shown this once. */
static void print_seal_code(fd_desk *d)
{
    char code[FD_SEAL_CODE_TEXT];
    if (!fd_desk_take_seal_code(d, code))
        return;
    printf(_("Sealing code of the audit chain (shown only this once: write it down and keep it "
             "in the office safe; `frontdesk verify --seal CODE` checks every entry with it):\n"
             "    %s\n"),
           code);
    explicit_bzero(code, sizeof code);
}

int cli_init(cli *c, int argc, char **argv)
{
    static const struct option options[] = {
        {"admin", required_argument, NULL, 'a'},
        {"name", required_argument, NULL, 'n'},
        {NULL, 0, NULL, 0},
    };
    const char *number = NULL, *name = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, ":a:n:", options, NULL)) != -1) {
        switch (opt) {
        case 'a': number = optarg; break;
        case 'n': name = optarg; break;
        default:
            cli_bad_option(opt, argv);
            return cli_usage(_("usage: frontdesk init --admin NUMBER --name NAME"));
        }
    }
    if (!number || !name)
        return cli_usage(_("usage: frontdesk init --admin NUMBER --name NAME"));
    /* Whoever made the site's database would be its first administrator. */
    if (fd_site_mode() && !fd_site_is_root()) {
        fprintf(stderr, _("frontdesk: only the system administrator (root) makes a site "
                          "install's database, with frontdesk-setup.\n"));
        return EX_NOPERM;
    }
    if (file_exists(c->db_path)) {
        fprintf(stderr, _("frontdesk: %s exists already; init makes new databases only\n"),
                c->db_path);
        return EX_CANTCREAT;
    }
    char *pin;
    int rc = cli_read_new_pin(_("PIN for the administrator: "), &pin);
    if (rc != EX_OK)
        return rc;
    fd_desk *d;
    if ((rc = cli_open_desk(c, FD_STORE_CREATE, &d)) == EX_OK) {
        fd_error err = {0};
        fd_status s = fd_staff_add(d, NULL, number, name, FD_ROLE_ADMIN, pin, &err);
        if (s == FD_OK) {
            printf(_("Created %s with administrator %s (%s).\n"), c->db_path, number, name);
            print_seal_code(d);
        }
        fd_desk_close(d);
        if (s != FD_OK) {
            remove_new_database(c->db_path);
            rc = cli_fail(&err);
        }
    }
    free(pin);
    return rc;
}

/* The demo staff, with the PINs the README gives. */
static const struct {
    const char *number, *name, *pin;
    fd_role role;
} demo_staff[] = {
    {"9001", "陈静", "9999", FD_ROLE_ADMIN},
    {"1001", "李娜", "1111", FD_ROLE_RECEPTIONIST},
    {"1002", "王芳", "1112", FD_ROLE_ASSISTANT},
    {"2001", "张伟", "2222", FD_ROLE_DUTY_MANAGER},
    {"3001", "刘洋", "3333", FD_ROLE_CS_MANAGER},
};

static fd_status demo_directory(fd_desk *d, const fd_demo_cast *cast, fd_error *err)
{
    return fd_demo_directory(d, &cast->admin, err);
}

/* What the demo writes, in order, each through the core's own operations. */
static fd_status (*const demo_steps[])(fd_desk *d, const fd_demo_cast *cast, fd_error *err) = {
    demo_directory,
    fd_demo_visitors,
    fd_demo_complaints,
    fd_demo_mail,
    fd_demo_keys,
    fd_demo_calls,
    fd_demo_notices,
    fd_demo_works,
    fd_demo_passes,
    fd_demo_handover,
};

static fd_actor *cast_member(fd_demo_cast *cast, fd_role role)
{
    switch (role) {
    case FD_ROLE_RECEPTIONIST: return &cast->receptionist;
    case FD_ROLE_ASSISTANT: return &cast->assistant;
    case FD_ROLE_DUTY_MANAGER: return &cast->duty_manager;
    case FD_ROLE_CS_MANAGER: return &cast->cs_manager;
    default: return &cast->admin;
    }
}

static fd_status add_demo_staff(fd_desk *d, fd_demo_cast *cast, fd_error *err)
{
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < sizeof demo_staff / sizeof demo_staff[0]; i++) {
        fd_actor *who = cast_member(cast, demo_staff[i].role);
        s = fd_staff_add(d, i == 0 ? NULL : &cast->admin, demo_staff[i].number, demo_staff[i].name,
                         demo_staff[i].role, demo_staff[i].pin, err);
        if (s == FD_OK)
            s = fd_staff_login(d, demo_staff[i].number, demo_staff[i].pin, who, err);
    }
    return s;
}

static fd_status populate_demo(fd_desk *d, fd_error *err)
{
    enum { STEPS = 1 + sizeof demo_steps / sizeof demo_steps[0] };
    fd_progress *progress = fd_progress_start(_("Making the demo"), _("steps"));
    fd_demo_cast cast;
    fd_status s = add_demo_staff(d, &cast, err);
    for (size_t i = 0; s == FD_OK && i < sizeof demo_steps / sizeof demo_steps[0]; i++) {
        fd_progress_update(progress, (int64_t)i + 1, STEPS);
        s = demo_steps[i](d, &cast, err);
    }
    fd_progress_end(progress);
    return s;
}

int cli_demo(cli *c, int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return cli_usage(_("usage: frontdesk [--db PATH] demo"));
    if (fd_site_mode()) {
        fprintf(stderr, _("frontdesk: a site install's database is the site's, not a demo's: "
                          "try the demo with a build of your own.\n"));
        return EX_NOPERM;
    }
    if (file_exists(c->db_path)) {
        printf(_("%s exists already and was left as it is.\n"), c->db_path);
        return EX_OK;
    }
    fd_desk *d;
    int rc = cli_open_desk(c, FD_STORE_CREATE | CLI_OPEN_DEMO, &d);
    if (rc != EX_OK)
        return rc;
    fd_error err = {0};
    if (populate_demo(d, &err) != FD_OK) {
        rc = cli_fail(&err);
    } else {
        printf(_("Demo database ready: %s\n"
                 "Log in as 1001 with PIN 1111 (receptionist), 2001/2222 (duty manager),\n"
                 "2002/2223 (second duty manager), 3001/3333 (customer-service manager),\n"
                 "1002/1112 (assistant), 9001/9999 (admin).\n"),
               c->db_path);
        print_seal_code(d);
    }
    fd_desk_close(d);
    return rc;
}

/* ctx: the progress line, taken away for the problem. */
static void print_problem(void *ctx, const char *problem)
{
    fd_progress_clear(ctx);
    printf("  %s\n", problem);
    fflush(stdout);
}

/* Where syslog(3) lines end up on the usual systems, beside those named by --log; the
 * journal is read through journalctl. What is missing or unreadable is passed over. */
static const char *const system_logs[] = {"/var/log/syslog", "/var/log/syslog.1", "/var/log/messages",
                                          "/var/log/messages.1", "/var/log/user.log"};
static const char *const journalctl[] = {"/usr/bin/journalctl", "/bin/journalctl"};

/* The journal's frontdesk lines, as a file to read (/dev/fd/N of a pipe); NULL when there
 * is no journalctl. */
static FILE *open_journal(char path[32])
{
    for (size_t i = 0; i < sizeof journalctl / sizeof journalctl[0]; i++) {
        if (access(journalctl[i], X_OK) != 0)
            continue;
        char command[128];
        snprintf(command, sizeof command, "%s -q --no-pager -o cat -t frontdesk 2>/dev/null",
                 journalctl[i]);
        FILE *p = popen(command, "r");
        if (p)
            snprintf(path, 32, "/dev/fd/%d", fileno(p));
        return p;
    }
    return NULL;
}

typedef struct log_list {
    const char **paths; /* NULL-terminated */
    size_t count;
    FILE *journal;
    char journal_path[32];
} log_list;

static void add_log(log_list *l, const char *path)
{
    l->paths = fd_realloc(l->paths, (l->count + 2) * sizeof *l->paths);
    l->paths[l->count++] = path;
    l->paths[l->count] = NULL;
}

static void add_system_logs(log_list *l)
{
    for (size_t i = 0; i < sizeof system_logs / sizeof system_logs[0]; i++)
        add_log(l, system_logs[i]);
    if ((l->journal = open_journal(l->journal_path)))
        add_log(l, l->journal_path);
}

static void free_logs(log_list *l)
{
    if (l->journal)
        pclose(l->journal);
    free(l->paths);
}

static void print_seals(const fd_verify_result *r, bool with_code)
{
    if (!r->sealed)
        printf(_("The audit chain is not sealed: seal it once with `frontdesk seal --as NUMBER` "
                 "and keep the code it prints in the office safe.\n"));
    else if (with_code && r->seals_unchecked == 0)
        printf(_("Seals: all %lld checked with the sealing code.\n"), (long long)r->seals_checked);
    else if (with_code)
        printf(_("Seals: %lld checked with the sealing code, %lld not.\n"),
               (long long)r->seals_checked, (long long)r->seals_unchecked);
    else if (r->seals_unchecked == 0)
        printf(_("Seals: all %lld checked with the day's sealing key.\n"), (long long)r->seals_checked);
    else
        printf(_("Seals: %lld checked with the day's sealing key; %lld of earlier days can be "
                 "checked only with the sealing code (verify --seal CODE).\n"),
               (long long)r->seals_checked, (long long)r->seals_unchecked);
}

static void print_summary(const fd_verify_request *req, const fd_verify_result *r)
{
    printf(_("Audit entries: %lld\n"), (long long)r->entries);
    printf(_("Chain head: %s\n"), r->head.hash[0] ? r->head.hash : "-");
    print_seals(r, req->seal_code != NULL);
    printf(_("Anchors outside the database (head file, system logs): %lld compared.\n"),
           (long long)r->anchors);
    if (req->against)
        printf(r->head_found ? _("The printed head %s is in the chain.\n")
                             : _("The printed head %s is NOT in the chain.\n"),
               req->against);
}

static int verify_usage(void)
{
    return cli_usage(_("usage: frontdesk verify [--against HEAD] [--seal CODE|-] [--log FILE]…"));
}

/* Not a fault of the records, so the exit status stays theirs: a year whose working-day
 * deadlines are counted as weekends only (from 1 December, the coming year). */
static void warn_calendar(const cli *c, const fd_desk *d)
{
    int year = fd_calendar_missing_year(c->config, fd_desk_now(d));
    if (year)
        printf(_("Warning: no holiday table for %d in the configuration: its working-day "
                 "deadlines are counted as weekends only (see `frontdesk calendar %d`).\n"),
               year, year);
}

int cli_verify(cli *c, int argc, char **argv)
{
    static const struct option options[] = {
        {"against", required_argument, NULL, 'a'},
        {"seal", required_argument, NULL, 's'},
        {"log", required_argument, NULL, 'l'},
        {NULL, 0, NULL, 0},
    };
    fd_verify_request req = {.report = print_problem};
    log_list logs = {0};
    char *seal_given = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, ":a:s:l:", options, NULL)) != -1) {
        switch (opt) {
        case 'a': req.against = optarg; break;
        case 's': seal_given = optarg; break;
        case 'l': add_log(&logs, optarg); break;
        default:
            cli_bad_option(opt, argv);
            free_logs(&logs);
            return verify_usage();
        }
    }
    char *code = seal_given ? cli_take_seal_code(seal_given) : NULL;
    req.seal_code = code;
    add_system_logs(&logs);
    req.logs = logs.paths;
    fd_desk *d;
    int rc = cli_open_desk(c, FD_STORE_READONLY, &d);
    if (rc == EX_OK) {
        fd_error err = {0};
        fd_verify_result result;
        fd_progress *progress = fd_progress_start(_("Verifying"), _("entries"));
        req.progress = fd_progress_sink_of(progress);
        req.ctx = progress;
        fd_status s = fd_verify_with(d, &req, &result, &err);
        fd_progress_end(progress);
        if (s != FD_INVALID)
            print_summary(&req, &result);
        if (s == FD_OK)
            printf(_("OK: the records match the audit chain.\n"));
        rc = s == FD_OK ? EX_OK : cli_fail(&err);
        warn_calendar(c, d);
        fd_desk_close(d);
    }
    free_logs(&logs);
    if (code)
        explicit_bzero(code, strlen(code));
    free(code);
    return rc;
}
