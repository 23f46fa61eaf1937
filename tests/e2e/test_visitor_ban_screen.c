/* The do-not-admit list end to end: the real frontdesk binary in an 80x24
 * pseudo-terminal. The customer-service manager opens the list from the visitor log,
 * puts a visitor on it for one unit picked from the directory, and hands the terminal
 * to a receptionist, whose registration of that visitor is stopped with the warning.
 * A receptionist who tries to keep the list is refused, and the manager approves in
 * place to lift the entry; the visitor is then registered.
 *
 * Each test makes its own demo database under a fixed clock and an empty site
 * configuration; the interface is English (LANGUAGE=en), the data typed Chinese. */
#include "desk.h"

#include <stdlib.h>
#include <string.h>

enum { WAIT_MS = DESK_WAIT_MS };

/* The audit chain holds after what the screens wrote. */
static void verify(const desk *d)
{
    const char *const args[] = {"verify", NULL};
    ck_assert_int_eq(desk_cli(d, args, NULL, NULL), 0);
}

/* The list, from the visitor log by its key. */
static void open_list(vt_term *t)
{
    vt_key(t, "^V");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "^B");
    VT_ASSERT_TEXT(t, "Entries in force, newest first", WAIT_MS);
    /* The demo's entry, for the whole site, masked. */
    VT_ASSERT_TEXT(t, "马某       110105********0012   Whole site", WAIT_MS);
}

/* The registration form from the document number on (where it opens): a visit to
 * A-1203, the unit typed. */
static void register_visitor(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    /* People (1), company and department are left as they are. */
    const char *const values[] = {"11010519491231002X", "王小明", "13800138000", "", "送合同",
                                  "A-1203", "", "", "李建国", NULL};
    desk_fill(t, values);
    desk_save_anyway(t);
}

/* F4 on the list: the visitor by document, for the unit picked from the directory. */
static void add_entry(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Do not admit a visitor", WAIT_MS);
    const char *const values[] = {"11010519491231002x", "王小明", "a-1203", "多次骚扰业主", NULL};
    desk_fill(t, values);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Which unit is the entry for?", WAIT_MS);
    VT_ASSERT_TEXT(t, "Search: a-1203", WAIT_MS);
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "On the do-not-admit list for A-1203.", WAIT_MS);
    VT_ASSERT_TEXT(t, "王小明     110105********002X   A-1203     多次骚扰业主", WAIT_MS);
}

START_TEST(the_cs_manager_adds_an_entry_and_registration_is_stopped)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "3001", "3333");
    open_list(t);
    add_entry(t);
    VT_ASSERT_TEXT(t, "Entered     11-27 10:00 by 刘洋", WAIT_MS);

    /* The manager hands the terminal to the receptionist at the desk. */
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "F9");
    VT_ASSERT_TEXT(t, "Switch user", WAIT_MS);
    desk_sign_in(t, "1001", "1111");
    VT_ASSERT_TEXT(t, "is now working at this terminal", WAIT_MS);
    register_visitor(t);
    VT_ASSERT_TEXT(t, "Do not admit: 王小明 is on the do-not-admit list for A-1203", WAIT_MS);
    VT_ASSERT_TEXT(t, "(entered by 刘洋 on 2026-11-27): 多次骚扰业主", WAIT_MS);
    /* Nothing was registered: the form stays, the log has no such visit. */
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Discard them?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "F5");
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Today's log", WAIT_MS);
    vt_settle(t, 200, WAIT_MS);
    char *screen = vt_screen(t);
    ck_assert_msg(!strstr(screen, "王小明"), "registered after all:\n%s", screen);
    free(screen);
    desk_quit(t);
    verify(&d);
}
END_TEST

START_TEST(a_receptionist_is_refused_and_the_manager_lifts_in_place)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "3001", "3333");
    open_list(t);
    add_entry(t);
    desk_quit(t);

    t = desk_open_as(&d, "1001", "1111");
    open_list(t);
    /* The list is read by anyone; only the manager keeps it. */
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Only the customer-service manager keeps the do-not-admit list.", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "Supervisor approval", WAIT_MS);
    VT_ASSERT_GONE(t, "Do not admit a visitor", WAIT_MS);
    /* Enter on the entry lifts it, once the manager has approved in place. */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "keep the do-not-admit list", WAIT_MS);
    desk_approve(t, "3001", "3333");
    VT_ASSERT_TEXT(t, "Lift the entry", WAIT_MS);
    VT_ASSERT_TEXT(t, "王小明 (Resident identity card 110105********002X), not to be admitted at", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-1203: 多次骚扰业主", WAIT_MS);
    vt_key(t, "Enter"); /* no reason: the form says so */
    VT_ASSERT_TEXT(t, "Please fill in this field.", WAIT_MS);
    vt_send(t, "业主撤回投诉");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Lifted: 王小明 may be registered again.", WAIT_MS);
    VT_ASSERT_GONE(t, "王小明     110105", WAIT_MS);

    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    register_visitor(t);
    VT_ASSERT_TEXT(t, "Registered \u2014 李娜", WAIT_MS);
    desk_quit(t);
    verify(&d);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {the_cs_manager_adds_an_entry_and_registration_is_stopped,
                                  a_receptionist_is_refused_and_the_manager_lifts_in_place, NULL};
    return desk_main(desk_suite("bans", tests));
}
