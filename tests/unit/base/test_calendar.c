/* The working-day calendar against the real 2026 mainland holiday notice. */
#include "frontdesk/calendar.h"
#include "testlib.h"

enum { SUN = 1u << 0, SAT = 1u << 6 };

static fd_date holidays[64];
static fd_date workdays[16];
static int years[] = {2026};
static fd_config cfg;

/* Appends the days first..last of a 2026 month, keeping the list sorted as long
 * as the ranges come in order. */
static void add_days(fd_date_list *list, int month, int first, int last)
{
    for (int day = first; day <= last; day++)
        list->dates[list->count++] = fd_date_from_ymd(2026, month, day);
}

/* Written out here rather than read from the site file, so the suite also pins
 * what the 2026 notice says. */
static void setup_2026(void)
{
    cfg = (fd_config){.weekend_mask = SAT | SUN};
    cfg.holidays.dates = holidays;
    add_days(&cfg.holidays, 1, 1, 3);
    add_days(&cfg.holidays, 2, 15, 23);
    add_days(&cfg.holidays, 4, 4, 6);
    add_days(&cfg.holidays, 5, 1, 5);
    add_days(&cfg.holidays, 6, 19, 21);
    add_days(&cfg.holidays, 9, 25, 27);
    add_days(&cfg.holidays, 10, 1, 7);

    cfg.workdays.dates = workdays;
    add_days(&cfg.workdays, 1, 4, 4);
    add_days(&cfg.workdays, 2, 14, 14);
    add_days(&cfg.workdays, 2, 28, 28);
    add_days(&cfg.workdays, 5, 9, 9);
    add_days(&cfg.workdays, 9, 20, 20);
    add_days(&cfg.workdays, 10, 10, 10);
    cfg.calendar_years = (fd_year_list){years, 1};
}

static bool workday(int month, int day)
{
    return fd_is_workday(&cfg, fd_date_from_ymd(2026, month, day));
}

/* 24:00 Beijing time of a 2026 day, as the following 00:00. */
static fd_time end_of(int month, int day)
{
    return fd_date_start(fd_date_from_ymd(2026, month, day) + 1);
}

static fd_time at(int month, int day, int hour, int minute)
{
    return fd_time_from_local(2026, month, day, hour, minute, 0);
}

#define ck_assert_deadline(got, want)                                          \
    do {                                                                       \
        char got_text_[FD_TIME_TEXT], want_text_[FD_TIME_TEXT];                \
        fd_time_format((got), got_text_);                                      \
        fd_time_format((want), want_text_);                                    \
        ck_assert_str_eq(got_text_, want_text_);                               \
    } while (0)

START_TEST(test_plain_weekdays_work)
{
    ck_assert(workday(11, 23));  /* Monday */
    ck_assert(workday(11, 25));  /* Wednesday */
    ck_assert(workday(11, 27));  /* Friday */
    ck_assert(workday(3, 10));   /* Tuesday */
}
END_TEST

START_TEST(test_weekends_rest)
{
    ck_assert(!workday(11, 28));  /* Saturday */
    ck_assert(!workday(11, 29));  /* Sunday */
    ck_assert(!workday(3, 14));
    ck_assert(!workday(3, 15));
}
END_TEST

START_TEST(test_holidays_rest)
{
    ck_assert(!workday(1, 1));    /* Thursday, New Year */
    ck_assert(!workday(1, 2));    /* Friday */
    ck_assert(!workday(2, 16));   /* Monday, Spring Festival */
    ck_assert(!workday(2, 23));   /* Monday, last day of the break */
    ck_assert(!workday(4, 6));    /* Monday, Qingming */
    ck_assert(!workday(5, 5));    /* Tuesday, Labour Day */
    ck_assert(!workday(6, 19));   /* Friday, Dragon Boat */
    ck_assert(!workday(9, 25));   /* Friday, Mid-Autumn */
    ck_assert(!workday(10, 1));   /* Thursday, National Day */
    ck_assert(!workday(10, 7));   /* Wednesday */
    ck_assert(workday(2, 24));    /* Tuesday after the break */
    ck_assert(workday(10, 8));    /* Thursday after the break */
}
END_TEST

START_TEST(test_make_up_days_work)
{
    ck_assert(workday(1, 4));     /* Sunday */
    ck_assert(workday(2, 14));    /* Saturday */
    ck_assert(workday(2, 28));    /* Saturday */
    ck_assert(workday(5, 9));     /* Saturday */
    ck_assert(workday(9, 20));    /* Sunday */
    ck_assert(workday(10, 10));   /* Saturday */
    ck_assert(!workday(10, 11));  /* the Sunday after stays a rest day */
}
END_TEST

START_TEST(test_make_up_day_wins_over_holiday)
{
    /* A date in both lists: the make-up list is the more specific notice. */
    fd_date both = fd_date_from_ymd(2026, 10, 3);
    fd_config c = cfg;
    c.workdays = (fd_date_list){&both, 1};
    ck_assert(fd_is_workday(&c, both));
}
END_TEST

START_TEST(test_other_weekend_mask)
{
    /* A site that rests on Sunday only. */
    fd_config c = {.weekend_mask = SUN};
    ck_assert(fd_is_workday(&c, fd_date_from_ymd(2026, 11, 28)));
    ck_assert(!fd_is_workday(&c, fd_date_from_ymd(2026, 11, 29)));
}
END_TEST

START_TEST(test_workdays_across_weekend)
{
    ck_assert_deadline(fd_workdays_after(&cfg, at(11, 27, 15, 0), 1), end_of(11, 30));
    ck_assert_deadline(fd_workdays_after(&cfg, at(11, 27, 15, 0), 2), end_of(12, 1));
}
END_TEST

START_TEST(test_workdays_from_weekend)
{
    /* Saturday's own day does not count; Monday is the first working day. */
    ck_assert_deadline(fd_workdays_after(&cfg, at(11, 28, 10, 0), 1), end_of(11, 30));
}
END_TEST

START_TEST(test_workdays_across_national_day)
{
    ck_assert_deadline(fd_workdays_after(&cfg, at(9, 30, 10, 0), 1), end_of(10, 8));
    ck_assert_deadline(fd_workdays_after(&cfg, at(9, 30, 10, 0), 3), end_of(10, 10));
    ck_assert_deadline(fd_workdays_after(&cfg, at(9, 30, 10, 0), 4), end_of(10, 12));
}
END_TEST

START_TEST(test_workdays_from_holiday)
{
    ck_assert_deadline(fd_workdays_after(&cfg, at(10, 3, 9, 0), 1), end_of(10, 8));
}
END_TEST

START_TEST(test_workdays_across_spring_festival)
{
    /* Friday 13 Feb; the make-up Saturday 14th is the first working day after it. */
    ck_assert_deadline(fd_workdays_after(&cfg, at(2, 13, 16, 0), 1), end_of(2, 14));
    ck_assert_deadline(fd_workdays_after(&cfg, at(2, 13, 16, 0), 2), end_of(2, 24));
    ck_assert_deadline(fd_workdays_after(&cfg, at(2, 13, 16, 0), 5), end_of(2, 27));
    ck_assert_deadline(fd_workdays_after(&cfg, at(2, 13, 16, 0), 6), end_of(2, 28));
}
END_TEST

START_TEST(test_zero_workdays_is_end_of_day)
{
    ck_assert_deadline(fd_workdays_after(&cfg, at(11, 27, 15, 0), 0), end_of(11, 27));
    ck_assert_deadline(fd_workdays_after(&cfg, at(10, 3, 9, 0), 0), end_of(10, 3));
}
END_TEST

START_TEST(test_day_boundary_is_beijing)
{
    /* 23:59 and 00:00 Beijing fall on different days whatever the machine's zone. */
    ck_assert_deadline(fd_workdays_after(&cfg, at(11, 26, 23, 59), 1), end_of(11, 27));
    ck_assert_deadline(fd_workdays_after(&cfg, at(11, 27, 0, 0), 1), end_of(11, 30));
    ck_assert_int_eq(end_of(11, 30), fd_time_from_local(2026, 12, 1, 0, 0, 0));
}
END_TEST

START_TEST(test_days_after)
{
    ck_assert_deadline(fd_days_after(at(11, 27, 15, 0), 0), end_of(11, 27));
    ck_assert_deadline(fd_days_after(at(11, 27, 15, 0), 1), end_of(11, 28));
    ck_assert_deadline(fd_days_after(at(11, 27, 15, 0), 7), end_of(12, 4));
    /* Calendar days ignore holidays. */
    ck_assert_deadline(fd_days_after(at(9, 30, 10, 0), 3), end_of(10, 3));
    ck_assert_deadline(fd_days_after(at(12, 30, 8, 0), 3), fd_time_from_local(2027, 1, 3, 0, 0, 0));
}
END_TEST

/* The cases: a year without a table counts weekends only, so National Day
 * 2027 and New Year 2027 are "working days" — and every such deadline says so. */
START_TEST(test_year_without_table_is_unconfirmed)
{
    ck_assert(fd_calendar_year_known(&cfg, 2026));
    ck_assert(!fd_calendar_year_known(&cfg, 2027));
    fd_time general = fd_workdays_after(&cfg, fd_time_from_local(2027, 9, 30, 10, 0, 0), 3);
    ck_assert_int_eq(general, fd_time_from_local(2027, 10, 6, 0, 0, 0)); /* weekends only */
    ck_assert(fd_deadline_unconfirmed(&cfg, general));
    fd_time major = fd_workdays_after(&cfg, at(12, 31, 20, 0), 1);
    ck_assert_int_eq(major, fd_time_from_local(2027, 1, 2, 0, 0, 0));
    ck_assert(fd_deadline_unconfirmed(&cfg, major));
    /* The end of 31 December is still 2026's deadline, and 2026 is known. */
    ck_assert(!fd_deadline_unconfirmed(&cfg, end_of(12, 31)));
    ck_assert(!fd_deadline_unconfirmed(&cfg, fd_workdays_after(&cfg, at(9, 30, 10, 0), 3)));
    ck_assert(!fd_deadline_unconfirmed(&cfg, 0));
}
END_TEST

START_TEST(test_missing_year_warned_from_december)
{
    ck_assert_int_eq(fd_calendar_missing_year(&cfg, at(11, 30, 23, 59)), 0);
    ck_assert_int_eq(fd_calendar_missing_year(&cfg, at(12, 1, 0, 0)), 2027);
    ck_assert_int_eq(fd_calendar_missing_year(&cfg, at(12, 31, 23, 0)), 2027);
    /* In a year that has no table itself, that year. */
    ck_assert_int_eq(fd_calendar_missing_year(&cfg, fd_time_from_local(2027, 3, 1, 9, 0, 0)), 2027);
    int both[] = {2026, 2027};
    fd_config c = cfg;
    c.calendar_years = (fd_year_list){both, 2};
    ck_assert_int_eq(fd_calendar_missing_year(&c, at(12, 6, 22, 0)), 0);
}
END_TEST

/* One way to write a deadline: its last day with the weekday, never 24:00 or the next
 * day's 00:00; a deadline at a time of day keeps its time. */
START_TEST(test_deadline_format)
{
    char text[FD_DEADLINE_TEXT];
    fd_deadline_format(end_of(10, 10), false, text);
    ck_assert_str_eq(text, "10-10 (Sat)");
    fd_deadline_format(end_of(10, 10), true, text);
    ck_assert_str_eq(text, "2026-10-10 (Sat)");
    fd_deadline_format(at(12, 6, 22, 0), false, text);
    ck_assert_str_eq(text, "12-06 (Sun) 22:00");
    fd_deadline_format(0, true, text);
    ck_assert_str_eq(text, "");
    fd_day_format(fd_date_from_ymd(2027, 1, 1), true, text);
    ck_assert_str_eq(text, "2027-01-01 (Fri)");
}
END_TEST

static Suite *calendar_suite(void)
{
    Suite *s = suite_create("calendar");
    TCase *tc = tcase_create("2026");
    tcase_add_checked_fixture(tc, setup_2026, NULL);
    tcase_add_test(tc, test_plain_weekdays_work);
    tcase_add_test(tc, test_weekends_rest);
    tcase_add_test(tc, test_holidays_rest);
    tcase_add_test(tc, test_make_up_days_work);
    tcase_add_test(tc, test_make_up_day_wins_over_holiday);
    tcase_add_test(tc, test_other_weekend_mask);
    tcase_add_test(tc, test_workdays_across_weekend);
    tcase_add_test(tc, test_workdays_from_weekend);
    tcase_add_test(tc, test_workdays_across_national_day);
    tcase_add_test(tc, test_workdays_from_holiday);
    tcase_add_test(tc, test_workdays_across_spring_festival);
    tcase_add_test(tc, test_zero_workdays_is_end_of_day);
    tcase_add_test(tc, test_day_boundary_is_beijing);
    tcase_add_test(tc, test_days_after);
    tcase_add_test(tc, test_year_without_table_is_unconfirmed);
    tcase_add_test(tc, test_missing_year_warned_from_december);
    tcase_add_test(tc, test_deadline_format);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return testlib_run(calendar_suite());
}
