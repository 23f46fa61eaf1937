/* calendar: the year as the program counts working days, to check against the State
 * Council's holiday notice before deadlines depend on it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "frontdesk/calendar.h"
#include "frontdesk/i18n.h"

enum { FIRST_YEAR = 2000, LAST_YEAR = 2099 };

static bool listed(const fd_date_list *list, fd_date d)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->dates[i] == d)
            return true;
    return false;
}

static void print_weekend(const fd_config *cfg)
{
    printf("%s", _("Weekly rest days:"));
    for (int i = 1; i <= 7; i++) /* Monday first, as the notice writes the week */
        if (cfg->weekend_mask & (1u << (i % 7)))
            printf(" %s", fd_weekday_label(i % 7));
    printf("\n");
}

/* Runs of consecutive holidays, each "first to last, N days". */
static void print_holidays(const fd_config *cfg, fd_date first, fd_date last)
{
    printf("%s\n", _("Public holidays (rest on what would be working days):"));
    int runs = 0;
    for (fd_date d = first; d <= last; d++) {
        if (!listed(&cfg->holidays, d))
            continue;
        fd_date end = d;
        while (end < last && listed(&cfg->holidays, end + 1))
            end++;
        char from[FD_DEADLINE_TEXT], to[FD_DEADLINE_TEXT];
        fd_day_format(d, true, from);
        fd_day_format(end, true, to);
        if (end == d)
            printf(_("  %s  1 day\n"), from);
        else
            printf(_("  %s to %s  %d days\n"), from, to, (int)(end - d + 1));
        runs++;
        d = end;
    }
    if (!runs)
        printf("  %s\n", _("none"));
}

static void print_makeup_days(const fd_config *cfg, fd_date first, fd_date last)
{
    printf("%s\n", _("Make-up working days (调休, work on what would be rest days):"));
    int days = 0;
    for (fd_date d = first; d <= last; d++) {
        if (!listed(&cfg->workdays, d))
            continue;
        char day[FD_DEADLINE_TEXT];
        fd_day_format(d, true, day);
        printf("  %s\n", day);
        days++;
    }
    if (!days)
        printf("  %s\n", _("none"));
}

/* Working days month by month, as fd_is_workday counts them for deadlines. */
static void print_months(const fd_config *cfg, int year)
{
    printf("%s\n", _("Working days by month:"));
    int total = 0;
    for (int month = 1; month <= 12; month++) {
        fd_date from = fd_date_from_ymd(year, month, 1);
        fd_date to = month == 12 ? fd_date_from_ymd(year + 1, 1, 1) : fd_date_from_ymd(year, month + 1, 1);
        int count = 0;
        for (fd_date d = from; d < to; d++)
            count += fd_is_workday(cfg, d);
        printf(_("  %2d: %2d"), month, count);
        printf(month % 6 == 0 ? "\n" : "");
        total += count;
    }
    printf(_("Working days in %d: %d\n"), year, total);
}

int cli_calendar(cli *c, int argc, char **argv)
{
    char *end = NULL;
    long year = argc == 2 ? strtol(argv[1], &end, 10) : 0;
    if (argc != 2 || !end || *end || year < FIRST_YEAR || year > LAST_YEAR)
        return cli_usage(_("usage: frontdesk calendar YEAR (%d to %d)"), FIRST_YEAR, LAST_YEAR);
    const fd_config *cfg = c->config;
    bool known = fd_calendar_year_known(cfg, (int)year);
    printf(known ? _("Working-day calendar %ld, from the holiday table configured\n")
                 : _("Working-day calendar %ld, weekends only: no holiday table configured\n"),
           year);
    fd_date first = fd_date_from_ymd((int)year, 1, 1), last = fd_date_from_ymd((int)year, 12, 31);
    print_weekend(cfg);
    print_holidays(cfg, first, last);
    print_makeup_days(cfg, first, last);
    print_months(cfg, (int)year);
    if (known)
        return EX_OK;
    fprintf(stderr,
            _("frontdesk: warning: %ld has no holiday table: its working-day deadlines are counted as "
              "weekends only and marked unconfirmed. Enter the State Council's notice in the "
              "configuration: its days off in calendar.holidays, its make-up working days in "
              "calendar.workdays, and %ld in calendar.years (see %s).\n"),
            year, year, cfg->source ? cfg->source : "/etc/frontdesk/frontdesk.cfg");
    return 1;
}
