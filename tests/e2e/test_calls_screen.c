/* The hotline and walk-in register end to end: the real frontdesk in a pseudo-terminal
 * on a demo database under a fixed clock (Friday 2026-11-27 10:00). A caller from a unit
 * the directory does not know reports a repair: the desk is warned once, saves it as
 * typed, referred to engineering and pending; later the entry is found by its phone,
 * answered, closed after a confirmation, and its phone corrected, the history showing
 * the old number and the new; an entry is handed to the complaints procedure, and a
 * repair to engineering, reported done. The
 * interface is English (LANGUAGE=en); names are
 * Chinese. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WAIT_MS = DESK_WAIT_MS };

static const char day_one[] = "2026-11-27 10:00";

static vt_term *open_register(const desk *d)
{
    vt_term *t = desk_open_as(d, "1001", "1111");
    vt_key(t, "^E");
    VT_ASSERT_TEXT(t, "Today, and all still pending", WAIT_MS);
    return t;
}

/* The demo's morning and what is still pending from the days before. */
static void the_desk_list(vt_term *t)
{
    VT_ASSERT_TEXT(t, "A-102 顾霞", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-103 吴鹏刚", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-201 杜鹏霞", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-202 唐佳", WAIT_MS);
    ck_assert(!desk_screen_has(t, "A-101 杜芳平")); /* dealt with six days ago */
}

static void take_a_repair(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Take a call or walk-in", WAIT_MS);
    VT_ASSERT_TEXT(t, "2026-11-27 10:00", WAIT_MS); /* the time: now */
    desk_fill(t, (const char *const[]){"刘先生", "Z-9", "138 1234 5678", NULL});
    vt_key(t, "Tab");
    vt_key(t, "Right");
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "Repair", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "电梯按钮失灵");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "工程部", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "王工");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "This unit is not in the directory: save again", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "recorded, pending.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Z-9 刘先生", WAIT_MS);
}

/* Typing searches all of history; a phone finds the entries taken with it. */
static void find_by_phone(vt_term *t)
{
    vt_send(t, "13812345678");
    VT_ASSERT_TEXT(t, "Search: caller, unit, phone or matter", WAIT_MS);
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Register entry", WAIT_MS);
    VT_ASSERT_TEXT(t, "Z-9 刘先生 (not in the directory)", WAIT_MS);
    VT_ASSERT_TEXT(t, "phone 138****5678", WAIT_MS);
    VT_ASSERT_TEXT(t, "Referred: 工程部 王工", WAIT_MS);
}

static void answer_and_close(vt_term *t)
{
    VT_ASSERT_TEXT(t, "1  Record an answer given", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "What the caller was told", WAIT_MS);
    vt_send(t, "工程部已更换按钮。");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Answer recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Answered: 工程部已更换按钮。", WAIT_MS);

    /* A digit only chooses; Enter asks, and the safe answer comes first. */
    vt_send(t, "3");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Mark entry No.", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "Mark entry No.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Pending", WAIT_MS);
    vt_send(t, "3");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Mark entry No.", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Entry dealt with.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Dealt with   11-27 10:00", WAIT_MS);
    VT_ASSERT_TEXT(t, "1  Correct an entry (with a reason)", WAIT_MS);
}

/* The receptionist does not see phones in full: the old and new numbers are masked. */
static void correct_the_phone(vt_term *t)
{
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "the correction is kept beside it", WAIT_MS);
    vt_key(t, "Right");
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Phone", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "13812345679");
    vt_key(t, "Tab");
    vt_send(t, "号码记错");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Correction recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Corrected Phone: 138****5678 \u2192 138****5679 (号码记错)", WAIT_MS);
    VT_ASSERT_TEXT(t, "phone 138****5679", WAIT_MS);
}

/* What the desk types the moment the form opens is the caller's name; on a choice a
 * digit or a first character picks, and a key that picks nothing is said at the field. */
START_TEST(test_typing_at_once_goes_to_the_caller)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_register(&d);
    vt_key(t, "F4");
    vt_send(t, "周女士");
    VT_ASSERT_TEXT(t, "Take a call or walk-in", WAIT_MS);
    VT_ASSERT_TEXT(t, "周女士", WAIT_MS);
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab"); /* unit, phone, matter */
    VT_ASSERT_TEXT(t, "‹ Enquiry", WAIT_MS);
    vt_send(t, "３"); /* full-width, as an input method in that mode types it */
    VT_ASSERT_TEXT(t, "‹ Repair", WAIT_MS);
    vt_send(t, "c");
    VT_ASSERT_TEXT(t, "‹ Complaint", WAIT_MS);
    vt_send(t, "电");
    VT_ASSERT_TEXT(t, "This field is chosen, not typed", WAIT_MS);
    VT_ASSERT_TEXT(t, "‹ Complaint", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Discard them?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Today, and all still pending", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Esc in a step's dialog: at once when nothing was typed; with an answer typed it asks,
 * the safe answer (keep editing) first, and the answer is still there to save. */
START_TEST(test_esc_keeps_a_typed_answer_until_the_desk_agrees)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_register(&d);
    VT_ASSERT_TEXT(t, "A-202 唐佳", WAIT_MS);
    vt_key(t, "Down");
    vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "1  Record an answer given", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "What the caller was told", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "What the caller was told", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "What the caller was told", WAIT_MS);
    vt_send(t, "已联系餐馆，周一整改。");
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Discard them?", WAIT_MS);
    vt_key(t, "Enter"); /* Keep editing */
    VT_ASSERT_GONE(t, "Discard them?", WAIT_MS);
    VT_ASSERT_TEXT(t, "已联系餐馆，周一整改。", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Answer recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Answered: 已联系餐馆，周一整改。", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* An answer of several lines is read whole on the entry's page at 80×24, wrapped under
 * its label (the page showed its first line, cut), with the steps still in sight and
 * the history's earlier lines a PgUp away. */
START_TEST(test_a_long_answer_is_read_whole)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_register(&d);
    VT_ASSERT_TEXT(t, "A-202 唐佳", WAIT_MS);
    vt_key(t, "Down");
    vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "1  Record an answer given", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "What the caller was told", WAIT_MS);
    vt_send(t, "已联系一楼餐馆负责人王经理，对方承诺本周内清洗排烟管道并加装油烟净化器；"
               "物业将于周五下午派工程部人员到现场复查，复查结果会电话告知业户。"
               "如仍有油烟问题，将报环保部门处理，并在下周一例会上通报进展。");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Answer recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "已联系一楼餐馆负责人王经理", WAIT_MS);
    VT_ASSERT_TEXT(t, "复查结果会电话告知业", WAIT_MS);
    VT_ASSERT_TEXT(t, "并在下周一例会上通报进展。", WAIT_MS);
    VT_ASSERT_TEXT(t, "Referred to", WAIT_MS);
    VT_ASSERT_TEXT(t, "1  Record an answer given", WAIT_MS);
    /* The history left two rows: PgUp goes back to its earlier lines. */
    VT_ASSERT_TEXT(t, "more (PgUp)", WAIT_MS);
    vt_key(t, "PgUp");
    VT_ASSERT_TEXT(t, "more (PgDn)", WAIT_MS);
    /* A step done here brings the history back to its newest lines: the step's own. */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "What the caller was told", WAIT_MS);
    vt_send(t, "已电话告知。");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Answer recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Answered: 已电话告知。", WAIT_MS);
    VT_ASSERT_GONE(t, "more (PgDn)", WAIT_MS);
    /* Everything, whole, whatever the page had room for: the question and each line. */
    vt_send(t, "7");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Register entry No.", WAIT_MS);
    VT_ASSERT_TEXT(t, "楼下餐馆油烟太大", WAIT_MS);
    VT_ASSERT_TEXT(t, "Answered: 已联系一楼餐馆负责人王经理", WAIT_MS);
    VT_ASSERT_TEXT(t, "并在下周一例会上通报进展。", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "Register entry No.", WAIT_MS);
    VT_ASSERT_TEXT(t, "1  Record an answer given", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Text pasted (the terminal marks it: bracketed paste) is text, never keys: its line
 * break neither saves the answer nor lets the digit after it choose a step; on the page,
 * where nothing takes text, a paste does nothing at all. */
START_TEST(test_pasted_text_never_acts_as_keys)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_register(&d);
    VT_ASSERT_TEXT(t, "A-202 唐佳", WAIT_MS);
    vt_key(t, "Down");
    vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "1  Record an answer given", WAIT_MS);
    vt_send(t, "\033[200~3\r\033[201~");
    vt_key(t, "Up"); /* a key after the paste: the page still answers */
    VT_ASSERT_TEXT(t, "1  Record an answer given", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Mark entry No."));
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "What the caller was told", WAIT_MS);
    vt_send(t, "\033[200~请于明天\r3号楼工程师上门\r\033[201~");
    VT_ASSERT_TEXT(t, "请于明天 3号楼工程师上门", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Mark entry No."));
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Answer recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Answered: 请于明天 3号楼工程师上门", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Mark entry No."));
    desk_quit(t);
}
END_TEST

/* The unit corrected to one the directory knows: the page no longer says it is not. */
static void correct_the_unit(vt_term *t)
{
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "the correction is kept beside it", WAIT_MS);
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Unit", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "A-101");
    vt_key(t, "Tab");
    vt_send(t, "单元记错");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Correction recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Corrected Unit: Z-9 \u2192 A-101 (单元记错)", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-101 刘先生", WAIT_MS);
    ck_assert(!desk_screen_has(t, "not in the directory"));
}

/* A unit the directory does not know is warned of; the caller picked from the
 * directory (F3) then brings the unit, which ends the warning, and the phone, masked as
 * the desk may see it; the entry is taken with the number. */
START_TEST(test_a_caller_picked_brings_the_unit_and_the_phone)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_register(&d);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Take a call or walk-in", WAIT_MS);
    desk_fill(t, (const char *const[]){"顾霞", "Z-9", "", "3", "厨房水管漏水", NULL});
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "This unit is not in the directory", WAIT_MS);
    vt_key(t, "F3");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "1 found", WAIT_MS); /* the picker, which shows both too, is closed */
    vt_settle(t, 200, WAIT_MS);
    VT_ASSERT_TEXT(t, "A-102", WAIT_MS);
    VT_ASSERT_TEXT(t, "150****4626", WAIT_MS);
    ck_assert(!desk_screen_has(t, "This unit is not in the directory"));
    VT_ASSERT_TEXT(t, "‹ Repair", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "recorded, pending.", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Register entry", WAIT_MS);
    VT_ASSERT_TEXT(t, "phone 150****4626", WAIT_MS);

    /* A walk-in from outside the directory: F3 in the unit field looks up the unit. */
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "Register entry", WAIT_MS);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Take a call or walk-in", WAIT_MS);
    vt_send(t, "钱先生");
    vt_key(t, "Tab");
    vt_send(t, "Ａ－１２０"); /* an input method in full-width mode */
    VT_ASSERT_TEXT(t, "Unit             A-120", WAIT_MS);
    vt_key(t, "F3");
    VT_ASSERT_TEXT(t, "A-1203", WAIT_MS);
    ck_assert(!desk_screen_has(t, "0 found"));
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, " found", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* The demo's pending complaint about cooking fumes goes to the complaints procedure:
 * taken in there with the entry's caller and question, and the entry dealt with. */
/* Two terminals: a call taken at the second shows on the first's list, untouched. */
START_TEST(test_the_list_follows_another_terminal)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *a = open_register(&d);
    the_desk_list(a);
    vt_term *b = desk_open_as(&d, "1002", "1112");
    vt_key(b, "^E");
    VT_ASSERT_TEXT(b, "Today, and all still pending", WAIT_MS);
    take_a_repair(b);
    VT_ASSERT_TEXT(a, "刘先生", WAIT_MS);
    desk_quit(b);
    desk_quit(a);
}
END_TEST

START_TEST(test_an_entry_becomes_a_complaint)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_register(&d);
    VT_ASSERT_TEXT(t, "A-202 唐佳", WAIT_MS);
    vt_key(t, "Down");
    vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "楼下餐馆油烟太大", WAIT_MS);
    VT_ASSERT_TEXT(t, "4  Turn into a complaint", WAIT_MS);
    vt_send(t, "4");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "its deadlines run from when the caller", WAIT_MS);
    VT_ASSERT_TEXT(t, "‹ General", WAIT_MS); /* the ordinary complaint, as its own form starts */
    /* Both choices are made: Enter down the form asks first, the safe answer first. */
    vt_key(t, "Enter");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "into a General complaint?", WAIT_MS);
    vt_key(t, "Enter"); /* not now */
    VT_ASSERT_GONE(t, "into a General complaint?", WAIT_MS);
    vt_settle(t, 200, WAIT_MS);
    ck_assert(!desk_screen_has(t, "taken in from this entry."));
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "into a General complaint?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "taken in from this entry.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Turned into a complaint: complaint No. ", WAIT_MS); /* as its status says */
    VT_ASSERT_TEXT(t, "Dealt with   11-27 10:00   complaint No.", WAIT_MS);
    vt_key(t, "Esc");
    vt_key(t, "F7");
    VT_ASSERT_TEXT(t, "楼下餐馆油烟太大", WAIT_MS);
    desk_quit(t);
}
END_TEST

START_TEST(test_a_repair_from_the_call_to_dealt_with)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_register(&d);
    the_desk_list(t);
    take_a_repair(t);
    find_by_phone(t);
    answer_and_close(t);
    correct_the_phone(t);
    correct_the_unit(t);
    desk_quit(t);
}
END_TEST

/* The demo's pending repair (a balcony drain, A-201) goes to engineering: chosen, then
 * confirmed, the safe answer first; the entry is dealt with and shows its request,
 * the search says it is with engineering, and engineering's report closes it — the
 * reporter is required. Then the suggestions alone, the fourth view. */
START_TEST(test_a_repair_handed_to_engineering_and_reported_done)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_register(&d);
    VT_ASSERT_TEXT(t, "A-201 杜鹏霞", WAIT_MS);
    for (int i = 0; i < 3; i++)
        vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "阳台地漏返水", WAIT_MS);
    VT_ASSERT_TEXT(t, "5  Hand to engineering as a repair request", WAIT_MS);
    vt_send(t, "5");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "What to repair", WAIT_MS);
    VT_ASSERT_TEXT(t, "‹ 工程部 ›", WAIT_MS); /* as the entry was referred */
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "赵师傅");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Hand entry No. 6 to 工程部 as a repair request?", WAIT_MS);
    vt_key(t, "Enter"); /* Not now */
    VT_ASSERT_GONE(t, "Hand entry No. 6", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Repair request"));
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Hand entry No. 6 to 工程部 as a repair request?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "handed to engineering.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Dealt with   11-27 10:00   to engineering", WAIT_MS);
    VT_ASSERT_TEXT(t, "Handed to engineering  工程部 赵师傅  11-27 10:00", WAIT_MS);
    VT_ASSERT_TEXT(t, "Handed to engineering as a repair request: repair request No. 3", WAIT_MS);

    /* Dealt with, it leaves the desk's list; found again, it is with engineering. */
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "A-201 杜鹏霞", WAIT_MS);
    vt_send(t, "杜鹏霞");
    VT_ASSERT_TEXT(t, "Repair   阳台地漏返水，已经流…  With …", WAIT_MS);
    vt_key(t, "Enter");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "2  Engineering reports the repair done", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Withdraw")); /* a manager's */
    vt_send(t, "2");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Engineering's report", WAIT_MS);
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "疏通地漏，已试水。");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Please fill in this field.", WAIT_MS); /* who reported it */
    vt_send(t, "赵师傅");
    vt_key(t, "Tab");
    vt_send(t, "10:00"); /* a time alone is today's */
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Repair reported done.", WAIT_MS);
    VT_ASSERT_TEXT(t, "No. 3  Done by engineering  11-27 10:00  赵师傅: 疏通", WAIT_MS);
    VT_ASSERT_TEXT(t, "Reported done by engineering: 赵师傅: 疏通地漏，已试水。", WAIT_MS);

    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Search: caller, unit, phone or matter", WAIT_MS);
    vt_key(t, "F5"); /* the view after the search */
    VT_ASSERT_TEXT(t, "Suggestions, newest first", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-201 周婷", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-102 吴思", WAIT_MS);
    ck_assert(!desk_screen_has(t, "杜鹏霞"));
    desk_quit(t);
}
END_TEST

/* A caller picked from the directory (F3) is the desk's work as much as typing is: Esc
 * asks before it is thrown away, the safe answer (keep editing) first. */
START_TEST(test_esc_keeps_a_caller_picked_until_the_desk_agrees)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_register(&d);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Take a call or walk-in", WAIT_MS);
    vt_key(t, "F3");
    VT_ASSERT_TEXT(t, "Who is calling?", WAIT_MS);
    vt_key(t, "Down"); /* A-1001's owner */
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "Who is calling?", WAIT_MS);
    VT_ASSERT_TEXT(t, "Smith, John", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Discard them?", WAIT_MS);
    vt_key(t, "Enter"); /* Keep editing */
    VT_ASSERT_GONE(t, "Discard them?", WAIT_MS);
    VT_ASSERT_TEXT(t, "Take a call or walk-in", WAIT_MS);
    VT_ASSERT_TEXT(t, "Smith, John", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Discard them?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Today, and all still pending", WAIT_MS);
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {test_typing_at_once_goes_to_the_caller,
                                  test_esc_keeps_a_typed_answer_until_the_desk_agrees,
                                  test_a_long_answer_is_read_whole,
                                  test_pasted_text_never_acts_as_keys,
                                  test_a_caller_picked_brings_the_unit_and_the_phone,
                                  test_the_list_follows_another_terminal,
                                  test_a_repair_from_the_call_to_dealt_with,
                                  test_an_entry_becomes_a_complaint,
                                  test_a_repair_handed_to_engineering_and_reported_done,
                                  test_esc_keeps_a_caller_picked_until_the_desk_agrees, NULL};
    return desk_main(desk_suite("calls", tests));
}
