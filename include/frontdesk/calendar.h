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

/* Is t inside the configured night window (night_start to night_end, Beijing time,
 * which may run past midnight)? Then the duty manager keeps the desk. */
bool fd_is_night(const fd_config *cfg, fd_time t);

#endif
