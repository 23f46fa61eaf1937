#include "frontdesk/calendar.h"

static bool fd_date_listed(const fd_date_list *list, fd_date d)
{
    size_t lo = 0, hi = list->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list->dates[mid] == d)
            return true;
        if (list->dates[mid] < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

bool fd_is_workday(const fd_config *cfg, fd_date d)
{
    /* A make-up working day (调休) is by definition a weekend day or a day the
     * holiday notice swaps, so it must win over both the holidays and the mask. */
    if (fd_date_listed(&cfg->workdays, d))
        return true;
    if (fd_date_listed(&cfg->holidays, d))
        return false;
    return (cfg->weekend_mask & (1u << fd_date_weekday(d))) == 0;
}

/* The loop ends because working days keep coming: the configuration refuses a
 * weekend_mask that rests on all seven weekdays. */
fd_time fd_workdays_after(const fd_config *cfg, fd_time t, int n)
{
    fd_date d = fd_date_of(t);
    for (int counted = 0; counted < n;) {
        d++;
        if (fd_is_workday(cfg, d))
            counted++;
    }
    return fd_date_start(d + 1);
}

fd_time fd_days_after(fd_time t, int n)
{
    return fd_date_start(fd_date_of(t) + n + 1);
}

bool fd_calendar_year_known(const fd_config *cfg, int year)
{
    for (size_t i = 0; i < cfg->calendar_years.count; i++)
        if (cfg->calendar_years.years[i] == year)
            return true;
    return false;
}

int fd_calendar_missing_year(const fd_config *cfg, fd_time now)
{
    fd_local l = fd_time_local(now);
    if (!fd_calendar_year_known(cfg, l.year))
        return l.year;
    /* The notice usually comes out in November; December leaves a month to enter it. */
    if (l.month == 12 && !fd_calendar_year_known(cfg, l.year + 1))
        return l.year + 1;
    return 0;
}

bool fd_deadline_unconfirmed(const fd_config *cfg, fd_time due)
{
    if (!due)
        return false;
    int year, month, day;
    fd_date_ymd(fd_date_of(due - 1), &year, &month, &day);
    return !fd_calendar_year_known(cfg, year);
}

bool fd_is_night(const fd_config *cfg, fd_time t)
{
    fd_local l = fd_time_local(t);
    int now = l.hour * 60 + l.minute, start = cfg->night_start, end = cfg->night_end;
    return start <= end ? now >= start && now < end : now >= start || now < end;
}
