/* print: the shift-handover report and the daily logs, to a PDF, a text file, or a
 * CUPS printer (with none configured, saved as a PDF and its path shown).
 *
 *   frontdesk print handover [--shift ID|--last] [--pdf FILE|--text FILE|--printer NAME] --as N
 *   frontdesk print daily [--date DATE]
 *                         [--log visitors|keys|mail|complaints|calls|passes|permits|notices|handover|all]
 *                         [--pdf FILE|--text FILE|--printer NAME] --as N
 *
 *   frontdesk print slip NUMBER [--paper a6|receipt80] [--pdf FILE|--text FILE|--printer NAME] --as N
 *   frontdesk print pass NUMBER [--pdf FILE|--text FILE|--printer NAME] --as N
 *   frontdesk print suggestions --from DATE --to DATE [--pdf FILE|--text FILE|--printer NAME] --as N
 *
 * --width N sets the text form's columns (a narrower or wider terminal printer). A slip
 * goes to the configured slip printer (else the office printer) on the configured paper.
 *
 * Cron prints yesterday's logs at 08:00 with FRONTDESK_PIN set and --date yesterday. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "frontdesk/i18n.h"
#include "frontdesk/print.h"

typedef struct print_args {
    const char *as, *shift, *date, *log, *paper, *from, *to;
    bool last;
    fd_report_destination dest;
} print_args;

static int usage(void)
{
    return cli_usage(_("usage: frontdesk print handover [--shift ID|--last] [--pdf FILE|--text FILE|"
                       "--printer NAME] [--width N] --as NUMBER\n"
                       "       frontdesk print daily [--date DATE|today|yesterday] "
                       "[--log visitors|keys|mail|complaints|calls|passes|permits|notices|handover|all] "
                       "[--pdf FILE|--text FILE|"
                       "--printer NAME] [--width N] --as NUMBER\n"
                       "       frontdesk print slip NUMBER [--paper a6|receipt80] [--pdf FILE|"
                       "--text FILE|--printer NAME] --as NUMBER\n"
                       "       frontdesk print pass NUMBER [--pdf FILE|--text FILE|--printer NAME] "
                       "--as NUMBER\n"
                       "       frontdesk print suggestions --from DATE --to DATE [--pdf FILE|--text FILE|"
                       "--printer NAME] --as NUMBER"));
}

static int parse(int argc, char **argv, print_args *a)
{
    static const struct option options[] = {
        {"as", required_argument, NULL, 'a'},     {"shift", required_argument, NULL, 's'},
        {"last", no_argument, NULL, 'l'},         {"date", required_argument, NULL, 'd'},
        {"log", required_argument, NULL, 'g'},    {"pdf", required_argument, NULL, 'p'},
        {"text", required_argument, NULL, 't'},   {"printer", required_argument, NULL, 'P'},
        {"width", required_argument, NULL, 'w'},  {"paper", required_argument, NULL, 'r'},
        {"from", required_argument, NULL, 'f'},   {"to", required_argument, NULL, 'T'},
        {NULL, 0, NULL, 0},
    };
    int opt, outputs = 0;
    while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
        switch (opt) {
        case 'a': a->as = optarg; break;
        case 's': a->shift = optarg; break;
        case 'l': a->last = true; break;
        case 'd': a->date = optarg; break;
        case 'g': a->log = optarg; break;
        case 'p': a->dest.pdf_path = optarg; outputs++; break;
        case 't': a->dest.text_path = optarg; outputs++; break;
        case 'P': a->dest.printer = optarg; outputs++; break;
        case 'r': a->paper = optarg; break;
        case 'f': a->from = optarg; break;
        case 'T': a->to = optarg; break;
        case 'w': {
            char *end;
            long width = strtol(optarg, &end, 10);
            if (*end || width < FD_REPORT_TEXT_MIN_WIDTH || width > 1000)
                return cli_usage(_("--width takes a number of columns from %d, not '%s'"),
                                 FD_REPORT_TEXT_MIN_WIDTH, optarg);
            a->dest.text_width = (int)width;
            break;
        }
        default: cli_bad_option(opt, argv); return usage();
        }
    }
    if (optind != argc || outputs > 1 || (a->shift && a->last))
        return usage();
    return EX_OK;
}

static int shift_report(fd_desk *d, const fd_actor *who, const print_args *a, fd_report **out,
                        char **stem)
{
    fd_error err = {0};
    int64_t shift_id = 0;
    if (a->shift) {
        char *end;
        shift_id = strtoll(a->shift, &end, 10);
        if (*end || shift_id <= 0)
            return cli_usage(_("--shift takes a shift number, not '%s'"), a->shift);
    } else if (fd_print_last_shift(d, &shift_id, &err) != FD_OK) {
        return cli_fail(&err);
    }
    if (fd_print_handover(d, who, shift_id, out, &err) != FD_OK)
        return cli_fail(&err);
    *stem = fd_print_handover_stem(shift_id);
    return EX_OK;
}

/* EX_OK with the day, else the usage error. */
static int parse_day(const fd_desk *d, const char *text, fd_date *out)
{
    fd_date today = fd_date_of(fd_desk_now(d));
    if (!text || strcmp(text, "today") == 0)
        *out = today;
    else if (strcmp(text, "yesterday") == 0)
        *out = today - 1;
    else {
        char shape[FD_MESSAGE_MAX];
        snprintf(shape, sizeof shape, _("--date takes YYYY-MM-DD, today or yesterday, not '%s'"), text);
        return cli_date_option("--date", text, shape, out);
    }
    return EX_OK;
}

static int daily_report(fd_desk *d, const fd_actor *who, const print_args *a, fd_report **out,
                        char **stem)
{
    fd_date day;
    int bad = parse_day(d, a->date, &day);
    if (bad)
        return bad;
    fd_daily_log log = FD_LOG_ALL;
    if (a->log && !fd_daily_log_parse(a->log, &log))
        return cli_usage(_("--log takes visitors, keys, mail, complaints, calls, passes, permits, notices, "
                           "handover or all, not '%s'"),
                         a->log);
    fd_error err = {0};
    if (fd_print_daily(d, who, day, log, out, &err) != FD_OK)
        return cli_fail(&err);
    *stem = fd_print_daily_stem(log, day);
    return EX_OK;
}

static int slip_report(cli *c, fd_desk *d, const fd_actor *who, print_args *a, const char *number,
                       fd_report **out, char **stem)
{
    fd_report_paper paper = fd_print_slip_paper(c->config);
    if (a->paper && (!fd_report_paper_parse(a->paper, &paper) || paper == FD_PAPER_A4))
        return cli_usage(_("--paper takes a6 or receipt80, not '%s'"), a->paper);
    fd_error err = {0};
    if (fd_print_slip(d, who, number, paper, out, &err) != FD_OK)
        return cli_fail(&err);
    if (!a->dest.pdf_path && !a->dest.text_path && !a->dest.printer)
        a->dest.printer = fd_print_slip_printer(c->config);
    *stem = fd_print_slip_stem(number);
    return EX_OK;
}

static int pass_report(fd_desk *d, const fd_actor *who, const char *number, fd_report **out,
                       char **stem)
{
    char *end;
    long long id = strtoll(number, &end, 10);
    if (*end || id <= 0)
        return cli_usage(_("A pass is named by its number, not '%s'"), number);
    fd_error err = {0};
    if (fd_print_pass(d, who, id, out, &err) != FD_OK)
        return cli_fail(&err);
    *stem = fd_print_pass_stem(id);
    return EX_OK;
}

/* --from and --to as export takes them: both days included. */
static int suggestions_report(fd_desk *d, const fd_actor *who, const print_args *a, fd_report **out,
                              char **stem)
{
    fd_date first, last;
    int bad;
    if ((bad = cli_date_option("--from", a->from, _("--from wants a date YYYY-MM-DD"), &first)) ||
        (bad = cli_date_option("--to", a->to, _("--to wants a date YYYY-MM-DD"), &last)))
        return bad;
    if (last < first)
        return cli_usage(_("--to is before --from"));
    fd_error err = {0};
    if (fd_print_suggestions(d, who, first, last, out, &err) != FD_OK)
        return cli_fail(&err);
    *stem = fd_print_suggestions_stem(first, last);
    return EX_OK;
}

static int deliver(cli *c, const fd_report *r, print_args *a, const char *stem)
{
    a->dest.stem = stem;
    fd_report_delivery done;
    fd_error err = {0};
    if (fd_report_deliver(r, c->config, &a->dest, &done, &err) != FD_OK)
        return cli_fail(&err);
    if (done.printer)
        fprintf(stderr, _("Sent to the printer %s.\n"), done.printer);
    else if (done.path && !a->dest.pdf_path && !a->dest.text_path)
        printf(_("No printer is configured: saved %s\n"), done.path);
    else if (done.path)
        fprintf(stderr, _("Wrote %s\n"), done.path);
    fd_report_delivery_free(&done);
    return EX_OK;
}

int cli_print(cli *c, int argc, char **argv)
{
    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "handover") != 0 && strcmp(argv[1], "daily") != 0 &&
        strcmp(argv[1], "slip") != 0 && strcmp(argv[1], "pass") != 0 &&
        strcmp(argv[1], "suggestions") != 0) {
        if (argv[1][0] != '-')
            return cli_usage(_("unknown report '%s'"), argv[1]);
        cli_option_refused(argv[1], false);
        return usage();
    }
    bool handover = strcmp(argv[1], "handover") == 0, slip = strcmp(argv[1], "slip") == 0;
    bool suggestions = strcmp(argv[1], "suggestions") == 0;
    bool pass = strcmp(argv[1], "pass") == 0, numbered = slip || pass;
    /* A slip's or a pass's number comes before its options. */
    const char *number = numbered && argc > 2 && argv[2][0] != '-' ? argv[2] : NULL;
    if (numbered && !number)
        return usage();
    print_args a = {0};
    int rc = numbered ? parse(argc - 2, argv + 2, &a) : parse(argc - 1, argv + 1, &a);
    if (rc != EX_OK)
        return rc;
    bool ranged = a.from || a.to;
    if (numbered ? (a.date || a.log || a.shift || a.last || ranged || (pass && a.paper))
        : suggestions ? (a.date || a.log || a.shift || a.last || a.paper)
                      : a.paper || ranged || (handover ? (a.date || a.log) : (a.shift || a.last)))
        return usage();
    fd_desk *d;
    if ((rc = cli_open_desk(c, 0, &d)) != EX_OK)
        return rc;
    fd_actor who;
    fd_report *r = NULL;
    char *stem = NULL;
    rc = cli_authenticate(c, d, a.as, &who);
    if (rc == EX_OK)
        rc = slip       ? slip_report(c, d, &who, &a, number, &r, &stem)
             : pass     ? pass_report(d, &who, number, &r, &stem)
             : handover ? shift_report(d, &who, &a, &r, &stem)
             : suggestions ? suggestions_report(d, &who, &a, &r, &stem)
                        : daily_report(d, &who, &a, &r, &stem);
    if (rc == EX_OK)
        rc = deliver(c, r, &a, stem);
    free(stem);
    fd_report_free(r);
    fd_desk_close(d);
    return rc;
}
