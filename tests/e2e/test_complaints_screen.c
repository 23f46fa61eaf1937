/* Complaints end to end: the real frontdesk in a pseudo-terminal on a demo database
 * under a fixed clock (Friday 2026-11-27 10:00, when the demo week leaves two
 * complaints overdue). The interface is English (LANGUAGE=en); what is typed is
 * Chinese, and the screen must show it back whole. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WAIT_MS = DESK_WAIT_MS };

static void open_complaints(vt_term *t)
{
    vt_key(t, "F7");
    VT_ASSERT_TEXT(t, "View: Open, soonest due first", WAIT_MS);
}

/* Picks the numbered step of the open complaint — its digit highlights it, Enter goes
 * on — and waits for its form or question. */
static void step(vt_term *t, const char *number, const char *form_title)
{
    vt_send(t, number);
    char highlighted[64];
    snprintf(highlighted, sizeof highlighted, "Step %s is highlighted", number);
    VT_ASSERT_TEXT(t, highlighted, WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, form_title, WAIT_MS);
}

static void save_and_expect(vt_term *t, const char *state)
{
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Saved.", WAIT_MS);
    VT_ASSERT_TEXT(t, state, WAIT_MS);
}

static void rectify(vt_term *t, const char *measures, const char *result)
{
    step(t, "1", "Record the rectification");
    const char *const values[] = {measures, result, "工程部 王建国", NULL};
    desk_fill(t, values);
    save_and_expect(t, "No. 11  Rectified");
}

/* A phone visit confirmed on the number called (the form starts on both); satisfaction
 * moves right from "Satisfied" by steps. */
static void visit(vt_term *t, int satisfaction_steps, const char *result, const char *state)
{
    step(t, "1", "Record the return visit");
    vt_key(t, "Tab");
    for (int i = 0; i < satisfaction_steps; i++)
        vt_key(t, "Right");
    vt_key(t, "Tab");
    vt_send(t, result);
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "13812345678");
    save_and_expect(t, state);
}

START_TEST(test_complaint_from_intake_to_close)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_complaints(t);

    /* Intake, in Chinese. */
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Take a complaint", WAIT_MS);
    /* The complainant, unit and phone typed, the account; the severity as the form
     * starts on it, general (一般). */
    const char *const values[] = {"", "张三丰", "A-1203", "13812345678", "", "", "",
                                  "夜间电梯停运，老人被困楼上", NULL};
    desk_fill(t, values);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Complaint No. 11 taken in.", WAIT_MS);

    /* Found by the complainant's name, and opened. */
    vt_send(t, "张三丰");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter"); /* one Enter opens what the search found */
    VT_ASSERT_TEXT(t, "No. 11  Taken in", WAIT_MS);
    VT_ASSERT_TEXT(t, "夜间电梯停运，老人被困楼上", WAIT_MS);
    VT_ASSERT_TEXT(t, "Due: 12-02 (Wed)", WAIT_MS); /* three working days from Friday */

    step(t, "1", "Assign to a department");
    vt_key(t, "Right"); /* 保安部 */
    save_and_expect(t, "No. 11  Assigned");
    VT_ASSERT_TEXT(t, "Department: 保安部", WAIT_MS);

    rectify(t, "加派夜班电梯维保人员", "电梯恢复运行");
    VT_ASSERT_TEXT(t, "Due: 12-11 (Fri)", WAIT_MS); /* the visit, two weeks on */

    visit(t, 2, "夜里仍有停运", "No. 11  Reopened");
    VT_ASSERT_TEXT(t, "Visited, dissatisfied: reopened", WAIT_MS);
    VT_ASSERT_TEXT(t, "Due: 12-02 (Wed)", WAIT_MS);

    rectify(t, "更换电梯控制主板", "连续三晚运行正常");
    visit(t, 0, "业主满意", "No. 11  Visited");

    step(t, "1", "Close complaint No. 11?");
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 11  Closed", WAIT_MS);
    /* The history is all there: both visits and the second rectification, and back in
     * time (PgUp) the first. */
    VT_ASSERT_TEXT(t, "更换电梯控制主板", WAIT_MS);
    VT_ASSERT_TEXT(t, "Dissatisfied", WAIT_MS);
    VT_ASSERT_TEXT(t, "业主满意", WAIT_MS);
    for (int i = 0; i < 4; i++)
        vt_key(t, "PgUp");
    VT_ASSERT_TEXT(t, "加派夜班电梯维保人员", WAIT_MS);
    desk_quit(t);
}
END_TEST

START_TEST(test_closing_before_the_visit_is_not_offered_and_overdue_leads)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_complaints(t);
    /* Soonest due first: the two overdue ones lead, marked. */
    VT_ASSERT_ROW(t, 5, " 2     11-23 (Mon)   Assigned Overdue    顾磊       A-1302   卫生间水管爆裂，…",
                  WAIT_MS);
    VT_ASSERT_ROW(t, 6, " 8     11-26 (Thu)   Assigned Overdue    陈军       A-103    保洁员在电梯厅大…",
                  WAIT_MS);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "View: Overdue", WAIT_MS);
    VT_ASSERT_TEXT(t, "2 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 2  Assigned", WAIT_MS);
    VT_ASSERT_TEXT(t, "1  Record the rectification", WAIT_MS);
    char *screen = vt_screen(t);
    ck_assert_msg(!strstr(screen, "Close the complaint"), "closing offered before a visit");
    free(screen);
    desk_quit(t);
}
END_TEST

/* New Year's Eve with no 2027 holiday table: the status line says so, and a major
 * complaint's rectify-by, counted into 2027 as weekends only, is marked unconfirmed
 * in the list and on its record. */
START_TEST(test_a_deadline_without_a_holiday_table_is_unconfirmed)
{
    desk d;
    desk_make(&d, "2026-12-31 20:00", "");
    vt_term *t = desk_open_as(&d, "2001", "2222");
    VT_ASSERT_TEXT(t, "No holiday table for 2027 \u2502 Visitors in", WAIT_MS);
    ck_assert(desk_row_has(t, 22, " No holiday table for 2027"));
    open_complaints(t);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Take a complaint", WAIT_MS);
    /* Major: moved one to the right from general, where the form starts. */
    const char *const before[] = {"", "张三丰", "A-1203", "13812345678", "", "", NULL};
    desk_fill(t, before);
    vt_key(t, "Tab");
    vt_key(t, "Right");
    const char *const after[] = {"", "夜间电梯停运", NULL};
    desk_fill(t, after);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Complaint No. 11 taken in.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Unverified 张三丰", WAIT_MS);
    vt_send(t, "张三丰");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter"); /* one Enter opens what the search found */
    VT_ASSERT_TEXT(t, "No. 11  Taken in", WAIT_MS);
    VT_ASSERT_TEXT(t, "Due: 01-01 (Fri) Unverified", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Issue 16: at night the duty manager hands complaint 2 to the CS manager with a
 * reason, on his own: no PIN dialog, no internal action's name; it waits in the CS
 * manager's list until he accepts it. */
START_TEST(test_the_duty_manager_hands_over_at_night_and_the_cs_manager_accepts)
{
    desk d;
    desk_make(&d, "2026-11-27 22:00", "");
    vt_term *t = desk_open_as(&d, "2001", "2222");
    open_complaints(t);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 2  Assigned", WAIT_MS);
    VT_ASSERT_TEXT(t, "3  Hand over to the CS manager", WAIT_MS);
    step(t, "3", "Hand over to the CS manager");
    vt_send(t, "业主要求经理出面");
    save_and_expect(t, "Awaiting the CS manager: handed over by 张伟 (业主要求经理出面)");
    VT_ASSERT_TEXT(t, "张伟  Handed to the CS manager  业主要求经理出面", WAIT_MS);
    char *screen = vt_screen(t);
    ck_assert_msg(!strstr(screen, "complaint.escalate") && !strstr(screen, "Approval"),
                  "asked for a PIN:\n%s", screen);
    ck_assert_msg(!strstr(screen, "Hand over to the CS manager"), "handed over twice:\n%s", screen);
    free(screen);

    /* The CS manager's list: the view of what waits for him. */
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "View: Open, soonest due first", WAIT_MS);
    vt_key(t, "F9");
    VT_ASSERT_TEXT(t, "Switch user", WAIT_MS);
    desk_sign_in(t, "3001", "3333");
    VT_ASSERT_TEXT(t, "3001 刘洋", WAIT_MS);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "View: Overdue", WAIT_MS);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "View: Awaiting the CS manager", WAIT_MS);
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    VT_ASSERT_TEXT(t, "顾磊", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "3  Accept the hand-over", WAIT_MS);
    step(t, "3", "Take over complaint No. 2, handed over by 张伟?");
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Taken over by 刘洋", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Issue 16: the receptionist calls for the return visit. The form shows the number
 * to call as she may see it, and F6 shows it in full on a manager's PIN; the number
 * dialled is not asked of her, and the form's defaults (by phone, confirmed by phone)
 * save on the first try. */
START_TEST(test_a_return_visit_call_saves_on_the_first_try)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_complaints(t);
    vt_send(t, "#3");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter"); /* one Enter opens what the search found */
    VT_ASSERT_TEXT(t, "No. 3  Rectified", WAIT_MS);
    step(t, "1", "Record the return visit");
    VT_ASSERT_TEXT(t, "Number to call: 138****9731  (F6: in full, with a manager's approval)", WAIT_MS);
    VT_ASSERT_TEXT(t, "Acknowledged *  \u2039 Confirmed by phone \u203a", WAIT_MS);
    vt_key(t, "F6");
    desk_approve(t, "2001", "2222");
    VT_ASSERT_TEXT(t, "Number to call: 13884229731", WAIT_MS);
    VT_ASSERT_TEXT(t, "Full number shown with the approval of 张伟", WAIT_MS);
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "业主满意");
    save_and_expect(t, "No. 3  Visited");
    VT_ASSERT_TEXT(t, "李娜  Visited  Satisfied: 业主满意 (By phone; Confirmed by", WAIT_MS);
    VT_ASSERT_TEXT(t, "             phone 138****9731)", WAIT_MS);
    /* Her own page keeps the number masked. */
    ck_assert(!desk_screen_has(t, "13884229731"));
    desk_quit(t);
}
END_TEST

/* The same call by someone who never sees the number: nothing typed but the result. */
START_TEST(test_a_return_visit_needs_no_number_from_who_cannot_see_it)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_complaints(t);
    vt_send(t, "#3");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter"); /* one Enter opens what the search found */
    step(t, "1", "Record the return visit");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "业主满意");
    save_and_expect(t, "No. 3  Visited");
    VT_ASSERT_TEXT(t, "李娜  Visited  Satisfied: 业主满意 (By phone; Confirmed by", WAIT_MS);
    VT_ASSERT_TEXT(t, "             phone 138****9731)", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Issue 16: the receptionist corrects the category and the time taken in, each
 * chosen by its name; the history shows each old → new with the reason, in the
 * page's words. A reassignment's note shows on the page too. */
START_TEST(test_corrections_show_old_and_new_on_the_page)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_complaints(t);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 2  Assigned", WAIT_MS);
    step(t, "4", "Correct which entry?");
    VT_ASSERT_TEXT(t, "7  Taken in at", WAIT_MS);
    vt_send(t, "6");
    VT_ASSERT_TEXT(t, "Correct the record: Category", WAIT_MS);
    vt_key(t, "Right");
    vt_key(t, "Right"); /* Service: staff attitude */
    vt_key(t, "Tab");
    vt_send(t, "维修人员态度");
    save_and_expect(t, "Complaint  Service: staff attitude  Major  Phone");
    VT_ASSERT_TEXT(t, "李娜  Corrected  Category: Emergency handling \u2192 Service: staff", WAIT_MS);
    VT_ASSERT_TEXT(t, "             attitude (reason: 维修人员态度)", WAIT_MS);

    step(t, "4", "Correct which entry?");
    vt_send(t, "7");
    VT_ASSERT_TEXT(t, "Correct the record: Taken in at", WAIT_MS);
    VT_ASSERT_TEXT(t, "2026-11-21 15:00", WAIT_MS);
    vt_key(t, "End"); /* keeps the prefilled time to edit */
    for (int i = 0; i < 5; i++)
        vt_key(t, "Backspace");
    vt_send(t, "14:30");
    vt_key(t, "Tab");
    vt_send(t, "补登");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Saved.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Corrected  Taken in at: 2026-11-21 15:00 \u2192 2026-11-21", WAIT_MS);
    VT_ASSERT_TEXT(t, "             14:30 (reason: 补登)", WAIT_MS);

    step(t, "2", "Assign to a department");
    vt_key(t, "Right");
    vt_key(t, "Tab");
    vt_send(t, "属保安部车辆管理");
    save_and_expect(t, "Department: 保安部");
    VT_ASSERT_TEXT(t, "Reassigned  保安部 \u2014 属保安部车辆管理", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Issue 16, readable and sensible: what a complaint says is found by any part of it,
 * one Enter opens it, Backspace goes on editing the search; the long lines of the
 * history wrap; the intake shows each kind's own fields; F9 reads the page again with
 * the new user's masking. */
START_TEST(test_the_list_and_the_page_read_well_at_80x24)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "2001", "2222");
    open_complaints(t);
    vt_send(t, "水管x");
    VT_ASSERT_TEXT(t, "0 found", WAIT_MS);
    vt_key(t, "Enter");
    vt_key(t, "Backspace");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS); /* 卫生间水管爆裂 */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 2  Assigned", WAIT_MS);
    VT_ASSERT_TEXT(t, "顾磊  A-1302  17717131940", WAIT_MS);
    /* The receptionist takes over the terminal: the number masked at once. */
    vt_key(t, "F9");
    VT_ASSERT_TEXT(t, "Switch user", WAIT_MS);
    desk_sign_in(t, "1001", "1111");
    VT_ASSERT_TEXT(t, "顾磊  A-1302  177****1940", WAIT_MS);
    ck_assert(!desk_screen_has(t, "17717131940"));
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "View: Open", WAIT_MS);
    ck_assert(!desk_screen_has(t, "17717131940"));

    /* A rectification's measures and result wrap under the step. */
    vt_key(t, "Esc");
    vt_send(t, "喷灌");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 3  Rectified", WAIT_MS);
    VT_ASSERT_ROW(t, 12, "  11-25 16:00  王芳  Rectified  书面整改措施：每周两次除草，更换漏水喷头六个 \u2192", WAIT_MS);
    VT_ASSERT_ROW(t, 13, "               已完成除草和喷头更换 (绿化部 孙师傅)  due 2026-12-09 (Wed)", WAIT_MS);

    /* The intake of each kind with its own fields. */
    vt_key(t, "Esc");
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Severity *", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Special service by"));
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "Opinion *", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Severity") && !desk_screen_has(t, "Special service by"));
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "Special service by *", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Severity"));
    desk_quit(t);
}
END_TEST

/* A long complaint is read whole on its page at 80×24: the history keeps two lines and
 * the summary takes the rest (it was cut at three lines with history rows to spare). */
START_TEST(test_a_long_complaint_reads_whole_on_its_page)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_complaints(t);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Take a complaint", WAIT_MS);
    const char *const values[] = {"", "刘洋", "A-101", "13912345678", "", "", "",
                                  "电梯经常停在半层不动，已经困人三次，物业维保单位每次来都只是"
                                  "重启，没有根本解决问题，业主非常担心安全，要求更换主板并出具"
                                  "检测报告；同时请物业在电梯内张贴紧急联系电话，并在维修期间"
                                  "安排人员值守，每天向业主群通报进展，直到问题彻底解决为止。",
                                  NULL};
    desk_fill(t, values);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Complaint No. 11 taken in.", WAIT_MS);
    vt_send(t, "刘洋");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 11  Taken in", WAIT_MS);
    VT_ASSERT_TEXT(t, "电梯经常停在半层不动", WAIT_MS);
    VT_ASSERT_TEXT(t, "决为止。", WAIT_MS); /* the last of four lines */
    VT_ASSERT_TEXT(t, "Taken in    due", WAIT_MS); /* the history's line */
    desk_quit(t);
}
END_TEST

/* Issue 16: on the record page a digit never changes a record. It highlights its step;
 * Enter asks, and the question starts on the safe answer. */
START_TEST(test_a_digit_on_the_record_page_changes_nothing)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_complaints(t);
    vt_send(t, "#6");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 6  Visited", WAIT_MS);
    VT_ASSERT_TEXT(t, "1  Close the complaint", WAIT_MS);
    vt_send(t, "1");
    VT_ASSERT_TEXT(t, "Step 1 is highlighted: Enter to go on with it.", WAIT_MS);
    vt_send(t, "12");
    VT_ASSERT_TEXT(t, "Step 2 is highlighted", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Close complaint No. 6?"));
    VT_ASSERT_TEXT(t, "No. 6  Visited", WAIT_MS);
    vt_key(t, "Up");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Close complaint No. 6?", WAIT_MS);
    vt_key(t, "Enter"); /* the safe answer: not yet */
    VT_ASSERT_TEXT(t, "No. 6  Visited", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Closed."));
    desk_quit(t);
}
END_TEST

/* Two terminals on one complaint: the first asks to close it, the second closes it
 * meanwhile; the first, confirming, is refused, and the page shows the core's reason
 * whole, under the history, and the complaint as it is now. */
START_TEST(test_a_refusal_shows_whole_on_the_page)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *a = desk_open_as(&d, "1001", "1111");
    vt_term *b = desk_open_as(&d, "2001", "2222");
    vt_term *both[] = {a, b};
    for (int i = 0; i < 2; i++) {
        open_complaints(both[i]);
        vt_send(both[i], "#6");
        VT_ASSERT_TEXT(both[i], "1 found", WAIT_MS);
        vt_key(both[i], "Enter");
        VT_ASSERT_TEXT(both[i], "No. 6  Visited", WAIT_MS);
    }
    step(a, "1", "Close complaint No. 6?");
    step(b, "1", "Close complaint No. 6?");
    vt_key(b, "Left");
    vt_key(b, "Enter");
    VT_ASSERT_TEXT(b, "No. 6  Closed", WAIT_MS);
    vt_key(a, "Left");
    vt_key(a, "Enter");
    VT_ASSERT_TEXT(a, "Not done: the reason is under the history.", WAIT_MS);
    VT_ASSERT_TEXT(a, "This cannot be done now: the record is Closed.", WAIT_MS);
    VT_ASSERT_TEXT(a, "No. 6  Closed", WAIT_MS);
    desk_quit(b);
    desk_quit(a);
}
END_TEST

/* Issue 16: a search typed in a view stays in it — the overdue view searched for a
 * unit finds only the overdue complaint there; the view "All" finds the others too. */
START_TEST(test_a_search_keeps_the_view)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_complaints(t);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "View: Overdue", WAIT_MS);
    vt_send(t, "A-10");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    VT_ASSERT_TEXT(t, "陈军", WAIT_MS);
    ck_assert(desk_screen_has(t, "View: Overdue"));
    ck_assert(!desk_screen_has(t, "郝辉浩"));
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "View: Awaiting the CS manager", WAIT_MS);
    VT_ASSERT_TEXT(t, "0 found", WAIT_MS);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "View: All, closed too, newest first", WAIT_MS);
    VT_ASSERT_TEXT(t, "3 found", WAIT_MS);
    VT_ASSERT_TEXT(t, "郝辉浩", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* In Chinese, a rectification and a return visit on the page read with Chinese
 * punctuation: the result and who rectified in full-width brackets, the satisfaction
 * and what was said after a full-width colon. */
START_TEST(test_steps_read_in_chinese_punctuation)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_console(&d, "zh_CN", NULL, DESK_ROWS, DESK_COLS);
    VT_ASSERT_TEXT(t, "工号", WAIT_MS);
    desk_sign_in(t, "1001", "1111");
    VT_ASSERT_TEXT(t, "主菜单", WAIT_MS);
    vt_key(t, "F7");
    VT_ASSERT_TEXT(t, "视图：未结案", WAIT_MS);
    vt_send(t, "喷灌");
    VT_ASSERT_TEXT(t, "找到 1 条", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "编号 3  已整改", WAIT_MS);
    VT_ASSERT_TEXT(t, "完成除草和喷头更换（绿化部 孙师傅）", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "视图：未结案", WAIT_MS);
    for (int i = 0; i < 2; i++)
        vt_key(t, "Backspace");
    vt_send(t, "九点");
    VT_ASSERT_TEXT(t, "找到 1 条", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "编号 6  已回访", WAIT_MS);
    VT_ASSERT_TEXT(t, "已回访  基本满意：最近晚上安静了（", WAIT_MS);
    ck_assert(!desk_screen_has(t, ": ") && !desk_screen_has(t, "; "));
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {test_complaint_from_intake_to_close,
                                  test_closing_before_the_visit_is_not_offered_and_overdue_leads,
                                  test_a_deadline_without_a_holiday_table_is_unconfirmed,
                                  test_the_duty_manager_hands_over_at_night_and_the_cs_manager_accepts,
                                  test_a_return_visit_call_saves_on_the_first_try,
                                  test_a_return_visit_needs_no_number_from_who_cannot_see_it,
                                  test_corrections_show_old_and_new_on_the_page,
                                  test_the_list_and_the_page_read_well_at_80x24,
                                  test_a_long_complaint_reads_whole_on_its_page,
                                  test_a_digit_on_the_record_page_changes_nothing,
                                  test_a_refusal_shows_whole_on_the_page, test_a_search_keeps_the_view,
                                  test_steps_read_in_chinese_punctuation,
                                  NULL};
    return desk_main(desk_suite("complaints", tests));
}
