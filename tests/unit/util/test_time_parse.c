/* Typed days and times: what is not written as asked is told apart from what is
 * written right but names a day or a time that does not exist, and each gets its own
 * message (in English here: the unit suites run with LANGUAGE=en). */
#include <string.h>

#include "frontdesk/time.h"
#include "testlib.h"

static const char *const shape_hint = "Write the day as 2026-12-31.";

/* The date is refused with fault, and the message the desk would see is message. */
static void date_refused(const char *text, fd_when_fault fault, const char *message)
{
    fd_date d = 12345;
    fd_when_problem why;
    ck_assert_msg(!fd_date_parse(text, &d, &why), "%s was taken", text);
    ck_assert_int_eq(d, 12345);
    ck_assert_int_eq(why.fault, fault);
    char out[FD_WHEN_PROBLEM_TEXT];
    ck_assert_str_eq(fd_when_problem_text(&why, shape_hint, out), message);
}

static void time_refused(const char *text, fd_when_fault fault, const char *message)
{
    fd_time t = 77;
    fd_when_problem why;
    ck_assert_msg(!fd_time_parse(text, &t, &why), "%s was taken", text);
    ck_assert_int_eq(t, 77);
    ck_assert_int_eq(why.fault, fault);
    char out[FD_WHEN_PROBLEM_TEXT];
    ck_assert_str_eq(fd_when_problem_text(&why, shape_hint, out), message);
}

static void clock_refused(const char *text, fd_when_fault fault, const char *message)
{
    int minutes = -5;
    fd_when_problem why;
    ck_assert_msg(!fd_clock_time_parse(text, &minutes, &why), "%s was taken", text);
    ck_assert_int_eq(minutes, -5);
    ck_assert_int_eq(why.fault, fault);
    char out[FD_WHEN_PROBLEM_TEXT];
    ck_assert_str_eq(fd_when_problem_text(&why, shape_hint, out), message);
}

static fd_date date_of(const char *text)
{
    fd_date d;
    ck_assert_msg(fd_date_parse(text, &d, NULL), "%s was refused", text);
    return d;
}

START_TEST(test_days_that_exist)
{
    ck_assert_int_eq(date_of("2026-11-30"), fd_date_from_ymd(2026, 11, 30));
    ck_assert_int_eq(date_of("2026-1-5"), fd_date_from_ymd(2026, 1, 5));
    ck_assert_int_eq(date_of(" 2026-12-31 "), fd_date_from_ymd(2026, 12, 31));
    /* 2028 is a leap year, 2000 too (divisible by 400). */
    ck_assert_int_eq(date_of("2028-02-29"), fd_date_from_ymd(2028, 2, 29));
    ck_assert_int_eq(date_of("2000-02-29"), fd_date_from_ymd(2000, 2, 29));
}
END_TEST

START_TEST(test_days_that_do_not_exist)
{
    date_refused("2026-11-31", FD_WHEN_NO_DAY, "2026-11 has 30 days: there is no day 31.");
    date_refused("2026-02-29", FD_WHEN_NO_DAY, "2026-02 has 28 days: there is no day 29.");
    date_refused("2100-02-29", FD_WHEN_NO_DAY, "2100-02 has 28 days: there is no day 29.");
    date_refused("2028-02-30", FD_WHEN_NO_DAY, "2028-02 has 29 days: there is no day 30.");
    date_refused("2026-04-00", FD_WHEN_NO_DAY, "2026-04 has 30 days: there is no day 0.");
    date_refused("2026-12-32", FD_WHEN_NO_DAY, "2026-12 has 31 days: there is no day 32.");
    date_refused("2026-13-01", FD_WHEN_NO_MONTH, "There is no month 13: months are 1-12.");
    date_refused("2026-00-10", FD_WHEN_NO_MONTH, "There is no month 0: months are 1-12.");
}
END_TEST

/* Not a date at all: the caller's own example is what the desk reads. */
START_TEST(test_dates_not_in_shape)
{
    static const char *const slips[] = {"", "2026/11/30", "26-11-30", "2026-11", "2026-11-30x",
                                        "2026-+1-30", "2026--1-30", "2026-11-3 0", "1899-12-31",
                                        "2026-11-30 09:30", "２０２６-11-30", "2026-111-30"};
    for (size_t i = 0; i < sizeof slips / sizeof slips[0]; i++)
        date_refused(slips[i], FD_WHEN_SHAPE, shape_hint);
    fd_date d;
    ck_assert(!fd_date_parse(NULL, &d, NULL));
}
END_TEST

START_TEST(test_times)
{
    fd_time t;
    ck_assert(fd_time_parse("2026-11-27 09:30", &t, NULL));
    ck_assert_int_eq(t, fd_time_from_local(2026, 11, 27, 9, 30, 0));
    ck_assert(fd_time_parse("2026-11-27T23:59:59", &t, NULL));
    ck_assert_int_eq(t, fd_time_from_local(2026, 11, 27, 23, 59, 59));
    ck_assert(fd_time_parse("2028-02-29 00:00", &t, NULL));
    ck_assert_int_eq(t, fd_time_from_local(2028, 2, 29, 0, 0, 0));

    time_refused("2026-11-27 25:00", FD_WHEN_NO_TIME,
                 "There is no time 25:00: hours are 0-23, minutes 0-59.");
    time_refused("2026-11-27 10:61", FD_WHEN_NO_TIME,
                 "There is no time 10:61: hours are 0-23, minutes 0-59.");
    time_refused("2026-11-27 24:00", FD_WHEN_NO_TIME,
                 "There is no time 24:00: hours are 0-23, minutes 0-59.");
    time_refused("2026-11-27 10:00:60", FD_WHEN_NO_TIME,
                 "There is no time 10:00:60: hours are 0-23, minutes and seconds 0-59.");
    /* The day is said first: it is the larger slip. */
    time_refused("2026-02-29 25:00", FD_WHEN_NO_DAY, "2026-02 has 28 days: there is no day 29.");
    time_refused("2026-13-01 09:30", FD_WHEN_NO_MONTH, "There is no month 13: months are 1-12.");

    static const char *const slips[] = {"2026-11-27", "2026-11-27 9", "2026-11-2709:30",
                                        "2026-11-27 09.30", "2026-11-27 09:30:", "2026-11-27 -1:30",
                                        "2026-11-27 09:30 pm", "2026-11-31"};
    for (size_t i = 0; i < sizeof slips / sizeof slips[0]; i++)
        time_refused(slips[i], FD_WHEN_SHAPE, shape_hint);
}
END_TEST

START_TEST(test_clock_times)
{
    int minutes;
    ck_assert(fd_clock_time_parse("12:00", &minutes, NULL));
    ck_assert_int_eq(minutes, 720);
    ck_assert(fd_clock_time_parse("0:05", &minutes, NULL));
    ck_assert_int_eq(minutes, 5);
    /* The end of the day, for a window that runs to midnight. */
    ck_assert(fd_clock_time_parse("24:00", &minutes, NULL));
    ck_assert_int_eq(minutes, 1440);

    clock_refused("25:00", FD_WHEN_NO_TIME, "There is no time 25:00: hours are 0-23, minutes 0-59.");
    clock_refused("10:61", FD_WHEN_NO_TIME, "There is no time 10:61: hours are 0-23, minutes 0-59.");
    clock_refused("24:30", FD_WHEN_NO_TIME, "There is no time 24:30: hours are 0-23, minutes 0-59.");
    clock_refused("12", FD_WHEN_SHAPE, shape_hint);
    clock_refused("12:00:00", FD_WHEN_SHAPE, shape_hint);
    clock_refused("noon", FD_WHEN_SHAPE, shape_hint);
}
END_TEST

/* A moment as the desk types it: the lists show days without their year, so "11-26
 * 17:00" is the one nearest to now, and a time alone is today's. */
static fd_time near(const char *text, fd_time now)
{
    fd_time t = 0;
    fd_when_problem why;
    ck_assert_msg(fd_time_parse_near(text, now, &t, &why), "%s was refused", text);
    return t;
}

static void near_refused(const char *text, fd_time now, fd_when_fault fault, const char *message)
{
    fd_time t = 77;
    fd_when_problem why;
    ck_assert_msg(!fd_time_parse_near(text, now, &t, &why), "%s was taken", text);
    ck_assert_int_eq(why.fault, fault);
    char out[FD_WHEN_PROBLEM_TEXT];
    ck_assert_str_eq(fd_when_problem_text(&why, shape_hint, out), message);
}

START_TEST(test_times_as_the_desk_types_them)
{
    fd_time now = fd_time_from_local(2026, 11, 27, 9, 30, 0);
    ck_assert_int_eq(near("2026-11-27 09:30", now), now);
    ck_assert_int_eq(near("11-26 17:00", now), fd_time_from_local(2026, 11, 26, 17, 0, 0));
    ck_assert_int_eq(near(" 1-5 8:05 ", now), fd_time_from_local(2027, 1, 5, 8, 5, 0));
    ck_assert_int_eq(near("14:30", now), fd_time_from_local(2026, 11, 27, 14, 30, 0));
    /* Across the new year, either way. */
    fd_time new_year = fd_time_from_local(2027, 1, 1, 8, 0, 0);
    ck_assert_int_eq(near("12-31 20:00", new_year), fd_time_from_local(2026, 12, 31, 20, 0, 0));
    fd_time eve = fd_time_from_local(2026, 12, 31, 18, 0, 0);
    ck_assert_int_eq(near("01-02 10:00", eve), fd_time_from_local(2027, 1, 2, 10, 0, 0));
    /* 29 February only in a year that has it. */
    fd_time december_2027 = fd_time_from_local(2027, 12, 20, 9, 0, 0);
    ck_assert_int_eq(near("02-29 10:00", december_2027), fd_time_from_local(2028, 2, 29, 10, 0, 0));
    near_refused("02-29 10:00", now, FD_WHEN_NO_DAY, "2026-02 has 28 days: there is no day 29.");
    near_refused("11-31 10:00", now, FD_WHEN_NO_DAY, "2026-11 has 30 days: there is no day 31.");
    near_refused("13-01 10:00", now, FD_WHEN_NO_MONTH, "There is no month 13: months are 1-12.");
    near_refused("11-26 25:00", now, FD_WHEN_NO_TIME,
                 "There is no time 25:00: hours are 0-23, minutes 0-59.");
    near_refused("25:00", now, FD_WHEN_NO_TIME, "There is no time 25:00: hours are 0-23, minutes 0-59.");
    static const char *const slips[] = {"11-26", "11-2617:00", "11/26 17:00", "11-26 17", "tomorrow",
                                        "", "11-26 17:00 pm", "2026-11-27 9"};
    for (size_t i = 0; i < sizeof slips / sizeof slips[0]; i++)
        near_refused(slips[i], now, FD_WHEN_SHAPE, shape_hint);
}
END_TEST

static Suite *time_parse_suite(void)
{
    Suite *s = suite_create("time_parse");
    TCase *t = tcase_create("time_parse");
    tcase_add_test(t, test_days_that_exist);
    tcase_add_test(t, test_days_that_do_not_exist);
    tcase_add_test(t, test_dates_not_in_shape);
    tcase_add_test(t, test_times);
    tcase_add_test(t, test_clock_times);
    tcase_add_test(t, test_times_as_the_desk_types_them);
    suite_add_tcase(s, t);
    return s;
}

int main(void) { return testlib_run(time_parse_suite()); }
