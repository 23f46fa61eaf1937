/* Working-day calendar: weekends, public holidays and make-up working days (调休). */
#ifndef FRONTDESK_CALENDAR_H
#define FRONTDESK_CALENDAR_H

#include <stdbool.h>
#include "frontdesk/config.h"
#include "frontdesk/time.h"

bool fd_is_workday(const fd_config *cfg, fd_date d);

/* The deadline "within N working days of t": the end (24:00 Beijing time) of the
 * N-th working day after the day t falls on. The day of t does not count, being
 * already under way; a t on a rest day counts from the next working day. */
fd_time fd_workdays_after(const fd_config *cfg, fd_time t, int n);

/* The deadline "within N days of t": the end of the N-th calendar day after t's day. */
fd_time fd_days_after(fd_time t, int n);

/* Has the site entered the State Council's holiday notice for year (calendar.years)?
 * A year without it is counted as weekends only. */
bool fd_calendar_year_known(const fd_config *cfg, int year);

/* The year whose missing holiday table the desk should warn about at now: the current
 * year when it has none, else, from 1 December, the coming year when it has none; 0
 * when nothing is missing. */
int fd_calendar_missing_year(const fd_config *cfg, fd_time now);

/* A deadline counted in working days whose last day falls in a year without a holiday
 * table is unconfirmed (未核定): it was counted as weekends only. (Deadlines counted in
 * calendar days do not depend on the table.) due is the deadline as stored: the end
 * of its last day. */
bool fd_deadline_unconfirmed(const fd_config *cfg, fd_time due);

/* Is t inside the configured night window (night_start to night_end, Beijing time,
 * which may run past midnight)? Then the duty manager keeps the desk. */
bool fd_is_night(const fd_config *cfg, fd_time t);

#endif
