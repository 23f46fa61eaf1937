/* Notices end to end: the real frontdesk in a pseudo-terminal on a demo database under
 * a fixed clock (Friday 2026-11-27 10:00). Works drafted to start on Tuesday: the form
 * says the earliest start (Wednesday) as the start is typed, the save is refused at the
 * start until a reason is given and a duty manager enters a PIN; the notice is signed by
 * the customer-service manager with a PIN (the receptionist may not sign), issued after
 * a confirmation, posted and handed to two units, each step in its history. The demo's
 * notice whose event is over is taken down from the "to take down" view; an emergency
 * notice is posted as it is saved, signed with a PIN. The interface is English
 * (LANGUAGE=en); names are Chinese. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WAIT_MS = DESK_WAIT_MS };

static const char day_one[] = "2026-11-27 10:00";

static vt_term *open_notices(const desk *d)
{
    vt_term *t = desk_open_as(d, "1001", "1111");
    vt_key(t, "^N");
    VT_ASSERT_TEXT(t, "Not yet taken down", WAIT_MS);
    return t;
}

static void draft_early_works(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Draft a notice", WAIT_MS);
    VT_ASSERT_TEXT(t, "works may start from 2026-12-02", WAIT_MS);
    vt_key(t, "Tab");
    desk_fill(t, (const char *const[]){"停水通知", "A座10至15层", "2026-12-01 09:00",
                                       "2026-12-01 13:00", NULL});
    VT_ASSERT_TEXT(t, "That start is too early", WAIT_MS);
    vt_key(t, "Tab");
    /* The text takes lines: Enter starts the second, F2 saves. */
    vt_send(t, "水泵检修。");
    vt_key(t, "Enter");
    vt_send(t, "请提前储水。");
    VT_ASSERT_TEXT(t, "请提前储水。", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "is 2026-12-02 (Wed). A manager may allow", WAIT_MS);
    /* The reason given, a manager lets it through with a PIN. */
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "水泵漏水须尽快检修");
    vt_key(t, "F2");
    desk_approve(t, "2001", "2222");
    VT_ASSERT_TEXT(t, "drafted: it goes out once signed.", WAIT_MS);
    VT_ASSERT_TEXT(t, "停水通知", WAIT_MS);
}

static void sign_issue_post_deliver(vt_term *t)
{
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "shortened by 张伟: 水泵漏水须尽快检修", WAIT_MS);
    /* The text in full, as it will be posted: what the manager signs is read here. */
    VT_ASSERT_TEXT(t, "Text        水泵检修。", WAIT_MS);
    VT_ASSERT_TEXT(t, "            请提前储水。", WAIT_MS);
    VT_ASSERT_TEXT(t, "1  Sign the notice", WAIT_MS);
    vt_key(t, "Enter");
    desk_approve(t, "1001", "1111");
    VT_ASSERT_TEXT(t, "may not approve", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Draft", WAIT_MS);
    vt_key(t, "Enter");
    desk_approve(t, "3001", "3333");
    VT_ASSERT_TEXT(t, "Notice signed.", WAIT_MS);
    VT_ASSERT_TEXT(t, "signed by 刘洋", WAIT_MS);

    /* The safe answer comes first: Enter issues nothing. */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Issue notice No.", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "Issue notice No.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Notice signed", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Issue notice No.", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Notice issued.", WAIT_MS);

    VT_ASSERT_TEXT(t, "2  Handed to units door to door", WAIT_MS);
    vt_send(t, "2");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "separated by spaces", WAIT_MS);
    vt_send(t, "A-101，A-102 Z-9");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Unit Z-9 is not in the directory.", WAIT_MS);
    for (int i = 0; i < 4; i++)
        vt_key(t, "Backspace");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Delivery recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Handed to a unit: A-102", WAIT_MS);
    VT_ASSERT_TEXT(t, "handed to 2 units", WAIT_MS);

    vt_send(t, "1");
    vt_key(t, "Enter");
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Notice posted.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Posted", WAIT_MS);
}

START_TEST(test_works_drafted_early_signed_issued_and_delivered)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_notices(&d);
    draft_early_works(t);
    sign_issue_post_deliver(t);
    desk_quit(t);
}
END_TEST

/* The demo's water cut ended on Wednesday: it is to be taken down. */
START_TEST(test_a_notice_whose_event_is_over_is_taken_down)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_notices(&d);
    VT_ASSERT_TEXT(t, "To take down", WAIT_MS);
    for (int i = 0; i < 3; i++)
        vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "To take down: the event is over", WAIT_MS);
    VT_ASSERT_TEXT(t, "二次供水水箱清洗停水通知", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Handed to a unit: A-104", WAIT_MS);
    vt_send(t, "2");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "taken down?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Notice taken down.", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "0 found", WAIT_MS);
    desk_quit(t);
}
END_TEST

START_TEST(test_an_emergency_notice_is_posted_at_once)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_notices(&d);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Draft a notice", WAIT_MS);
    vt_key(t, "Right");
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "posted on the board as it is saved", WAIT_MS);
    vt_key(t, "Tab");
    desk_fill(t, (const char *const[]){"紧急停水", "B座", "2026-11-27 10:00", "2026-11-27 16:00",
                                       "主管爆裂，B座紧急停水，抢修中。", NULL});
    vt_key(t, "F2");
    desk_approve(t, "2001", "2222");
    VT_ASSERT_TEXT(t, "Emergency notice No. 7 posted.", WAIT_MS);
    vt_key(t, "F5");
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "On the notice board", WAIT_MS);
    VT_ASSERT_TEXT(t, "紧急停水", WAIT_MS);
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {test_works_drafted_early_signed_issued_and_delivered,
                                  test_a_notice_whose_event_is_over_is_taken_down,
                                  test_an_emergency_notice_is_posted_at_once, NULL};
    return desk_main(desk_suite("notices", tests));
}
