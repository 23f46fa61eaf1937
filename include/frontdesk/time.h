/* Time: instants are UTC seconds; everything shown or entered is Beijing time
 * (Asia/Shanghai), whatever the machine's zone. The clock is injectable. */
#ifndef FRONTDESK_TIME_H
#define FRONTDESK_TIME_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

typedef int64_t fd_time;  /* seconds since 1970-01-01T00:00:00Z */
typedef int32_t fd_date;  /* days since 1970-01-01, a Beijing calendar day */

typedef struct fd_clock {
    fd_time (*now)(void *ctx);
    void *ctx;
} fd_clock;

/* The machine's clock, unless FRONTDESK_NOW ("2026-11-27 09:30" Beijing time,
 * or "@<unix seconds>") fixes it: that is how tests and demos pin the time. */
fd_clock fd_clock_default(void);
/* A clock that reads *t, so a test can move time by assigning to it. */
fd_clock fd_clock_fixed(fd_time *t);
static inline fd_time fd_clock_now(const fd_clock *c) { return c->now(c->ctx); }

typedef struct fd_local {
    int year, month, day, hour, minute, second;
    int weekday; /* 0 = Sunday … 6 = Saturday */
} fd_local;

fd_local fd_time_local(fd_time t);
fd_time fd_time_from_local(int year, int month, int day, int hour, int minute, int second);

fd_date fd_date_from_ymd(int year, int month, int day);
void fd_date_ymd(fd_date d, int *year, int *month, int *day);
int fd_date_weekday(fd_date d);           /* 0 = Sunday */
fd_date fd_date_of(fd_time t);            /* the Beijing day t falls on */
fd_time fd_date_start(fd_date d);         /* 00:00 Beijing time of d */

enum { FD_TIME_TEXT = 40, FD_DATE_TEXT = 24 }; /* room to spare for the compiler's range analysis */
/* "2026-11-27 09:30" (minutes) */
void fd_time_format(fd_time t, char out[FD_TIME_TEXT]);
/* "2026-11-27 09:30:05" */
void fd_time_format_seconds(fd_time t, char out[FD_TIME_TEXT]);
/* "2026-11-27" */
void fd_date_format(fd_date d, char out[FD_DATE_TEXT]);
/* The weekday's short name, translated: "Sun" … "Sat" (周日 … 周六). */
const char *fd_weekday_label(int weekday);

enum { FD_DEADLINE_TEXT = 64 };
/* A day with its weekday: "10-10（周六）", with_year "2026-10-10（周六）". */
void fd_day_format(fd_date d, bool with_year, char out[FD_DEADLINE_TEXT]);
/* A deadline as the desk writes it everywhere: its last day with the weekday. A
 * deadline "within N days" is kept as the end of its last day (the next day's 00:00)
 * and reads as that day — never as "24:00" nor as the next day; one that falls at
 * another time of day (a key due back at the curfew) adds the time:
 * "10-10（周六）22:00". due 0 (none) gives "". */
void fd_deadline_format(fd_time due, bool with_year, char out[FD_DEADLINE_TEXT]);
/* The day fd_deadline_format writes: the last day of a deadline kept as the instant it
 * passes, for a spreadsheet's date cell. */
fd_date fd_deadline_day(fd_time due);

/* Why a typed day or time was refused. Text not in the shape asked for is a slip the
 * caller explains with its own example; text in shape that names a day or a time the
 * calendar or the clock does not have (2026-11-31, 25:00) is said as such, for the
 * desk would otherwise stare at a correctly written date. */
typedef enum fd_when_fault {
    FD_WHEN_SHAPE,    /* not written as asked */
    FD_WHEN_NO_MONTH, /* a month outside 1-12 */
    FD_WHEN_NO_DAY,   /* a day its month does not have */
    FD_WHEN_NO_TIME,  /* an hour, minute or second past the clock's */
} fd_when_fault;

typedef struct fd_when_problem {
    fd_when_fault fault;
    int year, month, day;     /* as typed, when the fault is about them */
    int hour, minute, second; /* as typed; second is -1 when none was */
} fd_when_problem;

/* The parsers below take blanks around the text and fill *why (when not NULL) on
 * refusal. */
/* Accepts "YYYY-MM-DD HH:MM[:SS]" and "YYYY-MM-DDTHH:MM[:SS]" as Beijing time. */
bool fd_time_parse(const char *text, fd_time *out, fd_when_problem *why);
/* What the desk types for a moment: as fd_time_parse, or "HH:MM" (today's), or
 * "MM-DD HH:MM" (the year that puts it nearest to now, as the lists show days). */
bool fd_time_parse_near(const char *text, fd_time now, fd_time *out, fd_when_problem *why);
/* What a refusal of fd_time_parse_near's shape says (the shape_hint below), translated. */
const char *fd_time_hint(void);
/* Accepts "YYYY-MM-DD" (and checks the day exists). */
bool fd_date_parse(const char *text, fd_date *out, fd_when_problem *why);
/* Accepts "HH:MM", 00:00 to 24:00; minutes after midnight. */
bool fd_clock_time_parse(const char *text, int *minutes, fd_when_problem *why);

enum { FD_WHEN_PROBLEM_TEXT = 160 };
/* What the desk is told about a refused day or time, translated: shape_hint (the
 * caller's "Write the day as 2026-12-31.", or NULL) when it was not in shape, else what
 * does not exist: "2026年11月只有30天，没有31日。". Returns shape_hint or out. */
const char *fd_when_problem_text(const fd_when_problem *why, const char *shape_hint,
                                 char out[FD_WHEN_PROBLEM_TEXT]);

#endif
