#include "frontdesk/time.h"

#include "frontdesk/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Beijing time has been UTC+8 without daylight saving since 1991, so a fixed offset
 * is exact for every date this program records and needs no zone database. */
enum { BEIJING_OFFSET = 8 * 3600, DAY = 86400 };

static fd_time system_now(void *ctx)
{
    (void)ctx;
    return (fd_time)time(NULL);
}

static fd_time fixed_now(void *ctx)
{
    return *(const fd_time *)ctx;
}

static fd_time env_fixed_time;

fd_clock fd_clock_default(void)
{
    const char *fixed = getenv("FRONTDESK_NOW");
    if (fixed && *fixed) {
        if (fixed[0] == '@')
            env_fixed_time = strtoll(fixed + 1, NULL, 10);
        else if (!fd_time_parse(fixed, &env_fixed_time, NULL))
            env_fixed_time = 0;
        if (env_fixed_time != 0)
            return fd_clock_fixed(&env_fixed_time);
    }
    return (fd_clock){system_now, NULL};
}

fd_clock fd_clock_fixed(fd_time *t)
{
    return (fd_clock){fixed_now, t};
}

/* Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm). */
fd_date fd_date_from_ymd(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (fd_date)(era * 146097 + doe - 719468);
}

void fd_date_ymd(fd_date d, int *year, int *month, int *day)
{
    int z = d + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    *year = yoe + era * 400 + (mm <= 2);
    *month = mm;
    *day = dd;
}

int fd_date_weekday(fd_date d)
{
    /* 1970-01-01 was a Thursday. */
    int w = (int)((d + 4) % 7);
    return w < 0 ? w + 7 : w;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

fd_date fd_date_of(fd_time t)
{
    return (fd_date)floor_div(t + BEIJING_OFFSET, DAY);
}

fd_time fd_date_start(fd_date d)
{
    return (fd_time)d * DAY - BEIJING_OFFSET;
}

fd_local fd_time_local(fd_time t)
{
    fd_local l;
    fd_date d = fd_date_of(t);
    int64_t secs = t + BEIJING_OFFSET - (int64_t)d * DAY;
    fd_date_ymd(d, &l.year, &l.month, &l.day);
    l.hour = (int)(secs / 3600);
    l.minute = (int)(secs / 60 % 60);
    l.second = (int)(secs % 60);
    l.weekday = fd_date_weekday(d);
    return l;
}

fd_time fd_time_from_local(int year, int month, int day, int hour, int minute, int second)
{
    return fd_date_start(fd_date_from_ymd(year, month, day)) + hour * 3600 + minute * 60 + second;
}

void fd_time_format(fd_time t, char out[FD_TIME_TEXT])
{
    fd_local l = fd_time_local(t);
    snprintf(out, FD_TIME_TEXT, "%04d-%02d-%02d %02d:%02d", l.year % 10000, l.month, l.day,
             l.hour, l.minute);
}

void fd_time_format_seconds(fd_time t, char out[FD_TIME_TEXT])
{
    fd_local l = fd_time_local(t);
    snprintf(out, FD_TIME_TEXT, "%04d-%02d-%02d %02d:%02d:%02d", l.year % 10000, l.month,
             l.day, l.hour, l.minute, l.second);
}

void fd_date_format(fd_date d, char out[FD_DATE_TEXT])
{
    int y, m, dd;
    fd_date_ymd(d, &y, &m, &dd);
    snprintf(out, FD_DATE_TEXT, "%04d-%02d-%02d", y % 10000, m, dd);
}

const char *fd_weekday_label(int weekday)
{
    static const char *const labels[] = {N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"),
                                         N_("Thu"), N_("Fri"), N_("Sat")};
    return weekday >= 0 && weekday < 7 ? _(labels[weekday]) : "";
}

void fd_day_format(fd_date d, bool with_year, char out[FD_DEADLINE_TEXT])
{
    char day[FD_DATE_TEXT];
    fd_date_format(d, day);
    /* TRANSLATORS: a day and its weekday, e.g. "2026-10-10 (Sat)". */
    snprintf(out, FD_DEADLINE_TEXT, _("%s (%s)"), with_year ? day : day + 5,
             fd_weekday_label(fd_date_weekday(d)));
}

static bool at_midnight(fd_local l) { return l.hour == 0 && l.minute == 0 && l.second == 0; }

fd_date fd_deadline_day(fd_time due)
{
    return fd_date_of(at_midnight(fd_time_local(due)) ? due - 1 : due);
}

void fd_deadline_format(fd_time due, bool with_year, char out[FD_DEADLINE_TEXT])
{
    out[0] = '\0';
    if (!due)
        return;
    fd_local l = fd_time_local(due);
    if (at_midnight(l)) {
        fd_day_format(fd_deadline_day(due), with_year, out);
        return;
    }
    char day[FD_DATE_TEXT], clock[8];
    fd_date_format(fd_date_of(due), day);
    snprintf(clock, sizeof clock, "%02d:%02d", l.hour % 24, l.minute % 60);
    /* TRANSLATORS: a day, its weekday and a time, e.g. "2026-10-10 (Sat) 22:00". */
    snprintf(out, FD_DEADLINE_TEXT, _("%s (%s) %s"), with_year ? day : day + 5,
             fd_weekday_label(l.weekday), clock);
}

/* The parsers read digits one by one rather than with sscanf, which would take signs
 * and blanks inside the text and so blur "not in shape" with "no such day". */

static void skip_blanks(const char **p)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
}

/* Between min and max ASCII digits at *p. */
static bool read_digits(const char **p, int min, int max, int *out)
{
    int n = 0, value = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        value = value * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *out = value;
    return n >= min;
}

static bool read_char(const char **p, char c)
{
    if (**p != c)
        return false;
    (*p)++;
    return true;
}

static bool at_end(const char *p)
{
    skip_blanks(&p);
    return *p == '\0';
}

/* The year as four digits, from 1900: earlier is a slip, not a day the desk records. */
static bool read_ymd(const char **p, int *y, int *m, int *d)
{
    return read_digits(p, 4, 4, y) && *y >= 1900 && read_char(p, '-') &&
           read_digits(p, 1, 2, m) && read_char(p, '-') && read_digits(p, 1, 2, d);
}

/* "HH:MM" and, when seconds is not NULL, an optional ":SS" (else *seconds stays -1). */
static bool read_hm(const char **p, int *h, int *m, int *seconds)
{
    if (!read_digits(p, 1, 2, h) || !read_char(p, ':') || !read_digits(p, 1, 2, m))
        return false;
    return !seconds || !read_char(p, ':') || read_digits(p, 1, 2, seconds);
}

static int days_in_month(int y, int m)
{
    return (int)(fd_date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
                 fd_date_from_ymd(y, m, 1));
}

static bool refuse(fd_when_problem *why, fd_when_problem problem)
{
    if (why)
        *why = problem;
    return false;
}

static bool shape_refused(fd_when_problem *why)
{
    return refuse(why, (fd_when_problem){.fault = FD_WHEN_SHAPE, .second = -1});
}

static bool day_exists(int y, int m, int d, fd_when_problem *why)
{
    if (m < 1 || m > 12)
        return refuse(why, (fd_when_problem){.fault = FD_WHEN_NO_MONTH, .year = y, .month = m,
                                              .day = d, .second = -1});
    if (d < 1 || d > days_in_month(y, m))
        return refuse(why, (fd_when_problem){.fault = FD_WHEN_NO_DAY, .year = y, .month = m,
                                              .day = d, .second = -1});
    return true;
}

/* max_hour 24 lets 24:00 stand for the end of the day. */
static bool time_exists(int h, int m, int s, int max_hour, fd_when_problem *why)
{
    if (h > max_hour || (h == 24 && (m || s > 0)) || m > 59 || s > 59)
        return refuse(why, (fd_when_problem){.fault = FD_WHEN_NO_TIME, .hour = h, .minute = m,
                                              .second = s});
    return true;
}

bool fd_date_parse(const char *text, fd_date *out, fd_when_problem *why)
{
    int y, m, d;
    const char *p = text ? text : "";
    skip_blanks(&p);
    if (!read_ymd(&p, &y, &m, &d) || !at_end(p))
        return shape_refused(why);
    if (!day_exists(y, m, d, why))
        return false;
    *out = fd_date_from_ymd(y, m, d);
    return true;
}

bool fd_time_parse(const char *text, fd_time *out, fd_when_problem *why)
{
    int y, mo, d, h, mi, s = -1;
    const char *p = text ? text : "";
    skip_blanks(&p);
    if (!read_ymd(&p, &y, &mo, &d))
        return shape_refused(why);
    if (!read_char(&p, 'T')) {
        const char *date_end = p;
        skip_blanks(&p);
        if (p == date_end)
            return shape_refused(why);
    }
    if (!read_hm(&p, &h, &mi, &s) || !at_end(p))
        return shape_refused(why);
    if (!day_exists(y, mo, d, why) || !time_exists(h, mi, s, 23, why))
        return false;
    *out = fd_time_from_local(y, mo, d, h, mi, s < 0 ? 0 : s);
    return true;
}

bool fd_clock_time_parse(const char *text, int *minutes, fd_when_problem *why)
{
    int h, m;
    const char *p = text ? text : "";
    skip_blanks(&p);
    if (!read_hm(&p, &h, &m, NULL) || !at_end(p))
        return shape_refused(why);
    if (!time_exists(h, m, -1, 24, why))
        return false;
    *minutes = h * 60 + m;
    return true;
}

/* "MM-DD HH:MM" in the year that puts it nearest to now: the desk's lists show days
 * without their year, and 12-31 typed on 1 January is the day before. */
static bool parse_month_day_time(const char *text, fd_time now, fd_time *out, fd_when_problem *why)
{
    int mo, d, h, mi;
    const char *p = text;
    skip_blanks(&p);
    if (!read_digits(&p, 1, 2, &mo) || !read_char(&p, '-') || !read_digits(&p, 1, 2, &d))
        return shape_refused(why);
    const char *date_end = p;
    skip_blanks(&p);
    if (p == date_end || !read_hm(&p, &h, &mi, NULL) || !at_end(p))
        return shape_refused(why);
    int year, unused_month, unused_day;
    fd_date_ymd(fd_date_of(now), &year, &unused_month, &unused_day);
    bool found = false;
    fd_time nearest = 0;
    for (int y = year - 1; y <= year + 1; y++) {
        if (!day_exists(y, mo, d, NULL))
            continue;
        fd_time t = fd_time_from_local(y, mo, d, h, mi, 0);
        if (!found || llabs(t - now) < llabs(nearest - now))
            nearest = t;
        found = true;
    }
    /* No year near has the day (02-29 in 2026): said for this year. The day is said
     * before the time, the larger slip. */
    if (!found)
        return day_exists(year, mo, d, why);
    if (!time_exists(h, mi, -1, 23, why))
        return false;
    *out = nearest;
    return true;
}

const char *fd_time_hint(void)
{
    return _("Write the time as 2026-11-27 09:30, 11-27 09:30 or 09:30.");
}

bool fd_time_parse_near(const char *text, fd_time now, fd_time *out, fd_when_problem *why)
{
    fd_when_problem problem;
    int minutes;
    if (fd_time_parse(text, out, &problem))
        return true;
    if (problem.fault == FD_WHEN_SHAPE && fd_clock_time_parse(text, &minutes, &problem)) {
        *out = fd_date_start(fd_date_of(now)) + (fd_time)minutes * 60;
        return true;
    }
    if (problem.fault == FD_WHEN_SHAPE && parse_month_day_time(text ? text : "", now, out, &problem))
        return true;
    return refuse(why, problem);
}

const char *fd_when_problem_text(const fd_when_problem *why, const char *shape_hint,
                                 char out[FD_WHEN_PROBLEM_TEXT])
{
    char clock[16];
    switch (why->fault) {
    case FD_WHEN_NO_MONTH:
        snprintf(out, FD_WHEN_PROBLEM_TEXT, _("There is no month %d: months are 1-12."), why->month);
        return out;
    case FD_WHEN_NO_DAY:
        snprintf(out, FD_WHEN_PROBLEM_TEXT, _("%d-%02d has %d days: there is no day %d."),
                 why->year, why->month, days_in_month(why->year, why->month), why->day);
        return out;
    case FD_WHEN_NO_TIME:
        /* Seconds are named only to whoever typed them. */
        if (why->second < 0) {
            snprintf(clock, sizeof clock, "%02d:%02d", why->hour % 100, why->minute % 100);
            snprintf(out, FD_WHEN_PROBLEM_TEXT, _("There is no time %s: hours are 0-23, minutes 0-59."),
                     clock);
        } else {
            snprintf(clock, sizeof clock, "%02d:%02d:%02d", why->hour % 100, why->minute % 100,
                     why->second % 100);
            snprintf(out, FD_WHEN_PROBLEM_TEXT,
                     _("There is no time %s: hours are 0-23, minutes and seconds 0-59."), clock);
        }
        return out;
    case FD_WHEN_SHAPE:
        break;
    }
    return shape_hint;
}
