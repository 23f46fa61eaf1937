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
        else if (!fd_time_parse(fixed, &env_fixed_time))
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

static bool valid_ymd(int y, int m, int d)
{
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    int yy, mm, dd;
    fd_date_ymd(fd_date_from_ymd(y, m, d), &yy, &mm, &dd);
    return yy == y && mm == m && dd == d;
}

bool fd_date_parse(const char *text, fd_date *out)
{
    int y, m, d, used = 0;
    if (!text || sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || text[used] != '\0')
        return false;
    if (!valid_ymd(y, m, d))
        return false;
    *out = fd_date_from_ymd(y, m, d);
    return true;
}

bool fd_time_parse(const char *text, fd_time *out)
{
    int y, m, d, hh, mm, ss = 0, used = 0;
    char sep;
    if (!text)
        return false;
    if (sscanf(text, "%4d-%2d-%2d%c%2d:%2d%n", &y, &m, &d, &sep, &hh, &mm, &used) != 6)
        return false;
    if (sep != ' ' && sep != 'T')
        return false;
    if (text[used] == ':') {
        int more = 0;
        if (sscanf(text + used, ":%2d%n", &ss, &more) != 1)
            return false;
        used += more;
    }
    if (text[used] != '\0' || !valid_ymd(y, m, d) || hh > 23 || mm > 59 || ss > 59 || hh < 0 ||
        mm < 0 || ss < 0)
        return false;
    *out = fd_time_from_local(y, m, d, hh, mm, ss);
    return true;
}

bool fd_clock_time_parse(const char *text, int *minutes)
{
    int hh, mm, used = 0;
    if (!text || sscanf(text, "%2d:%2d%n", &hh, &mm, &used) != 2 || text[used] != '\0')
        return false;
    if (hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm != 0))
        return false;
    *minutes = hh * 60 + mm;
    return true;
}
