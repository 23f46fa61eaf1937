/* Another terminal holding the database's write lock (a long import, a backup being put
 * back, a hung script): the console says so instead of freezing, and Esc stops the wait
 * without saving anything. The lock is held here by a connection of the test's own. */
#include <sqlite3.h>

#include "desk.h"

enum { WAIT_MS = DESK_WAIT_MS };

static const char fixed_now[] = "2026-11-27 10:00";

static sqlite3 *hold_write_lock(const desk *d)
{
    sqlite3 *holder;
    ck_assert_int_eq(sqlite3_open(d->db, &holder), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    return holder;
}

static void release(sqlite3 *holder)
{
    ck_assert_int_eq(sqlite3_exec(holder, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(holder);
}

START_TEST(test_a_busy_database_is_said_and_esc_stops_the_wait)
{
    desk d;
    desk_make(&d, fixed_now, "");
    vt_term *t = desk_open(&d);
    VT_ASSERT_TEXT(t, "Staff number", WAIT_MS);
    sqlite3 *holder = hold_write_lock(&d);
    desk_sign_in(t, "1001", "1111"); /* a login is written, so it waits */
    VT_ASSERT_TEXT(t, "The database is busy; waiting", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Stopped waiting for the database", WAIT_MS);
    ck_assert(!desk_screen_has(t, "The database is busy"));
    ck_assert(!desk_screen_has(t, "Main menu"));
    release(holder);
    /* Free again: the same login goes through. */
    vt_send(t, "1111");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Main menu", WAIT_MS);
    desk_quit(t);
}
END_TEST

START_TEST(test_the_wait_ends_when_the_lock_is_let_go)
{
    desk d;
    desk_make(&d, fixed_now, "");
    vt_term *t = desk_open(&d);
    VT_ASSERT_TEXT(t, "Staff number", WAIT_MS);
    sqlite3 *holder = hold_write_lock(&d);
    desk_sign_in(t, "1001", "1111");
    VT_ASSERT_TEXT(t, "The database is busy; waiting", WAIT_MS);
    release(holder);
    VT_ASSERT_TEXT(t, "Main menu", WAIT_MS);
    ck_assert(!desk_screen_has(t, "The database is busy"));
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {
        test_a_busy_database_is_said_and_esc_stops_the_wait,
        test_the_wait_ends_when_the_lock_is_let_go,
        NULL,
    };
    return desk_main(desk_suite("busy", tests));
}
