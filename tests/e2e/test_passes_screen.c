/* Carry-out and carry-in passes end to end: the real frontdesk in a pseudo-terminal on a
 * demo database under a fixed clock (Friday 2026-11-27). The desk issues a pass out for
 * a company with a seal (a line of goods it cannot read said at the goods, with its
 * number), is refused one signed by someone its letter of authority does not name, lets
 * goods through only within the pass's window and only after a confirmation whose safe
 * answer comes first, and stops paint thinner with the reason; a manager files a
 * company's letter, and replaces another, whose page — from the passes or the directory —
 * keeps every record and says who could sign on a day. The interface is English (LANGUAGE=en); names are Chinese. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WAIT_MS = DESK_WAIT_MS };

static vt_term *open_passes(const desk *d, const char *number, const char *pin)
{
    vt_term *t = desk_open_as(d, number, pin);
    vt_key(t, "^G");
    VT_ASSERT_TEXT(t, "Today, and all still issued", WAIT_MS);
    return t;
}

/* The demo's morning: last night's move never confirmed, today's two. */
static void the_desk_list(vt_term *t)
{
    VT_ASSERT_TEXT(t, "11-26 18:00–20:00", WAIT_MS);
    VT_ASSERT_TEXT(t, "Overdue", WAIT_MS);
    VT_ASSERT_TEXT(t, "10:30–12:00", WAIT_MS);
    ck_assert(!desk_screen_has(t, "会议椅")); /* two days ago, let through */
}

/* The company picked from the directory with F3: what it has on file is shown. */
static void pick(vt_term *t, const char *company, const char *on_file)
{
    vt_send(t, company);
    vt_key(t, "F3");
    VT_ASSERT_TEXT(t, "Which company?", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "Which company?", WAIT_MS);
    VT_ASSERT_TEXT(t, on_file, WAIT_MS);
}

static void issue_under_the_seal(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Issue a pass", WAIT_MS);
    VT_ASSERT_TEXT(t, "2026-11-27 10:00", WAIT_MS); /* from now, for an hour */
    VT_ASSERT_TEXT(t, "11:00", WAIT_MS);
    pick(t, "辰星", "On file: Has a company seal");
    desk_fill(t, (const char *const[]){"钱师傅", "", "110105196803150011", NULL});
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "投影仪 １台、幕布");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Line 2: write the goods and their number", WAIT_MS);
    vt_send(t, " 1幅");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "issued: the carrier takes its release part to the door.", WAIT_MS);
    VT_ASSERT_TEXT(t, "钱师傅", WAIT_MS);
    /* The new pass is highlighted where its window puts it (the third row), its goods
     * under the list: the full-width 1 read. */
    VT_ASSERT_TEXT(t, "Goods       投影仪 1台、幕布 1幅", WAIT_MS);
}

/* 华信达 has no seal; its letter names 周启明. */
static void refused_a_signer_the_letter_does_not_name(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Issue a pass", WAIT_MS);
    pick(t, "华信达", "On file: letter of authority, signer 周启明");
    VT_ASSERT_TEXT(t, "No seal", WAIT_MS); /* what it has on file: no seal to put on */
    desk_fill(t, (const char *const[]){"赵师傅", "", "11010819760214441X", NULL});
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "陈静");
    vt_key(t, "Tab");
    vt_send(t, "碎纸机 1台");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "letter of authority names 周启明,", WAIT_MS);
    VT_ASSERT_TEXT(t, "not 陈静: the pass cannot be issued.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Issue a pass", WAIT_MS); /* nothing lost: the form stays */
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Discard", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Today, and all still issued", WAIT_MS);
}

START_TEST(test_passes_are_issued_against_the_seal_or_the_letter)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = open_passes(&d, "1001", "1111");
    the_desk_list(t);
    issue_under_the_seal(t);
    refused_a_signer_the_letter_does_not_name(t);
    desk_quit(t);
}
END_TEST

/* At 10:45 the server cabinet goes out within its window of 10:30–12:00. */
static void let_through(vt_term *t)
{
    vt_key(t, "Down");
    vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "服务器机柜 1个、网络交换机 2台", WAIT_MS);
    VT_ASSERT_TEXT(t, "(moving time arranged)", WAIT_MS);
    VT_ASSERT_TEXT(t, "1  Seal confirmed: let the goods through", WAIT_MS);
    /* A digit only chooses; Enter asks, and the safe answer comes first. */
    vt_send(t, "1");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "let 王建国 through with", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "let 王建国 through with", WAIT_MS);
    VT_ASSERT_TEXT(t, "State       Issued", WAIT_MS);
    vt_send(t, "1");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "let 王建国 through with", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Seal confirmed: the goods may pass.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Let through   11-27 10:45 李娜", WAIT_MS);
    VT_ASSERT_TEXT(t, "Nothing more to do for this pass.", WAIT_MS);
    /* Its two-part form, previewed before it goes to paper. */
    vt_key(t, "^R");
    VT_ASSERT_TEXT(t, "Print preview: carry-out or carry-in pass No.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Stub (kept by the customer-service department)", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "Print preview", WAIT_MS);
    vt_key(t, "Esc");
}

/* Last night's move, never confirmed: the goods turn out to hold a can of acid. */
static void stop_the_goods(vt_term *t)
{
    VT_ASSERT_TEXT(t, "Overdue", WAIT_MS);
    vt_key(t, "Up");
    vt_key(t, "Up");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "办公桌 6张、办公椅 12把、纸箱 20个", WAIT_MS);
    vt_send(t, "2");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Say what was found.", WAIT_MS);
    vt_key(t, "Right");
    vt_key(t, "Right");
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Corrosive", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Please fill in this field.", WAIT_MS); /* and there the cursor is */
    vt_send(t, "纸箱内有一桶盐酸");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "The goods are stopped; the reason is on record.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Stopped at the door: Corrosive, 纸箱内有一桶盐酸 — 李娜", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "搬家公司", WAIT_MS); /* no longer issued, nor today's */
}

START_TEST(test_goods_pass_after_the_seal_is_confirmed_or_are_stopped)
{
    desk d;
    desk_make(&d, "2026-11-27 10:45", "");
    vt_term *t = open_passes(&d, "1001", "1111");
    let_through(t);
    stop_the_goods(t);
    desk_quit(t);
}
END_TEST

/* At 10:00 the cabinet's window (10:30–12:00) has not begun: the desk is told so at
 * once, before any confirmation, and nothing changes. */
START_TEST(test_goods_before_their_window_wait)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = open_passes(&d, "1001", "1111");
    vt_key(t, "Down");
    vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "服务器机柜 1个、网络交换机 2台", WAIT_MS);
    vt_send(t, "1");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Not yet time to let it through (from 10:30).", WAIT_MS);
    ck_assert(!desk_screen_has(t, "let 王建国 through with"));
    ck_assert(!desk_screen_has(t, "void it"));
    VT_ASSERT_TEXT(t, "State       Issued", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Two terminals: the second voids last night's overdue move; the first, on the list and
 * untouched, stops showing it within seconds. */
START_TEST(test_the_list_follows_another_terminal)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *a = open_passes(&d, "1001", "1111");
    VT_ASSERT_TEXT(a, "搬家公司", WAIT_MS);
    vt_term *b = open_passes(&d, "1002", "1112");
    vt_key(b, "Enter");
    VT_ASSERT_TEXT(b, "办公桌 6张、办公椅 12把、纸箱 20个", WAIT_MS);
    vt_send(b, "3");
    vt_key(b, "Enter");
    VT_ASSERT_TEXT(b, "The pass stays on record, voided", WAIT_MS);
    vt_send(b, "客户取消搬家");
    vt_key(b, "F2");
    VT_ASSERT_TEXT(b, "Pass voided.", WAIT_MS);
    VT_ASSERT_GONE(a, "搬家公司", WAIT_MS);
    desk_quit(b);
    desk_quit(a);
}
END_TEST

/* Two terminals: the first has last night's move open on its page; the second voids it.
 * The first, untouched, shows the pass voided with the reason, and no step left. */
START_TEST(test_the_record_follows_another_terminal)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *a = open_passes(&d, "1001", "1111");
    vt_key(a, "Enter");
    VT_ASSERT_TEXT(a, "办公桌 6张、办公椅 12把、纸箱 20个", WAIT_MS);
    VT_ASSERT_TEXT(a, "3  Void the pass (with a reason)", WAIT_MS);
    vt_term *b = open_passes(&d, "1002", "1112");
    vt_key(b, "Enter");
    VT_ASSERT_TEXT(b, "办公桌 6张、办公椅 12把、纸箱 20个", WAIT_MS);
    vt_send(b, "3");
    vt_key(b, "Enter");
    VT_ASSERT_TEXT(b, "The pass stays on record, voided", WAIT_MS);
    vt_send(b, "客户取消搬家");
    vt_key(b, "F2");
    VT_ASSERT_TEXT(b, "Pass voided.", WAIT_MS);
    VT_ASSERT_TEXT(a, "客户取消搬家", WAIT_MS);
    VT_ASSERT_TEXT(a, "Nothing more to do for this pass.", WAIT_MS);
    ck_assert(!desk_screen_has(a, "Void the pass"));
    desk_quit(b);
    desk_quit(a);
}
END_TEST

/* In Chinese, goods stopped read with Chinese punctuation, in the history and the state. */
START_TEST(test_goods_stopped_read_in_chinese)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_console(&d, "zh_CN", NULL, 24, 80);
    VT_ASSERT_TEXT(t, "工号", WAIT_MS);
    desk_sign_in(t, "1001", "1111");
    VT_ASSERT_TEXT(t, "主菜单", WAIT_MS);
    vt_key(t, "^G");
    VT_ASSERT_TEXT(t, "搬家公司", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "办公桌 6张、办公椅 12把、纸箱 20个", WAIT_MS);
    vt_send(t, "2");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "危险类别", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "液化气罐属易燃品");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "拒绝放行：易燃，液化气罐属易燃品 — 李娜", WAIT_MS);
    VT_ASSERT_TEXT(t, "易燃：液化气罐属易燃品", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* A manager files a letter for a company with none; the desk may only read it. */
START_TEST(test_a_manager_files_a_letter_of_authority)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = open_passes(&d, "2001", "2222");
    vt_key(t, "F3");
    VT_ASSERT_TEXT(t, "Which company?", WAIT_MS);
    vt_send(t, "天衡");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Nothing on file", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "A letter names who may sign", WAIT_MS);
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Letter of authority", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Enter the name of the person the letter allows to", WAIT_MS);
    vt_send(t, "孟律师");
    vt_key(t, "Tab");
    vt_send(t, "2027-06-30");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "On file: the company's passes are checked against it.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Letter of authority: signer 孟律师, until 2027-06-30 — filed by", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* A manager replaces 华信达's letter (周启明 has left); its page keeps the old record
 * with who replaced it and why, and says who could sign on a day before. */
static void replace_a_letter(const desk *d)
{
    vt_term *t = open_passes(d, "2001", "2222");
    vt_key(t, "F3");
    VT_ASSERT_TEXT(t, "Which company?", WAIT_MS);
    vt_send(t, "华信达");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Letter of authority: signer 周启明", WAIT_MS);
    VT_ASSERT_TEXT(t, "1  File a seal or a letter of authority", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "A letter names who may sign", WAIT_MS);
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Letter of authority", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "李明");
    vt_key(t, "Tab");
    vt_send(t, "２０２７－０３－３１");
    vt_key(t, "Tab");
    vt_send(t, "周启明离职");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "On file: the company's passes are checked against it.", WAIT_MS);
    VT_ASSERT_TEXT(t, "伟; replaced on 2026-11-27 by 张伟: 周启明离职", WAIT_MS);
    VT_ASSERT_TEXT(t, "Letter of authority: signer 李明, until 2027-03-31 — filed by", WAIT_MS);
    desk_quit(t);
}

/* The desk opens the company from the directory (业户档案): it reads the history and asks
 * about a day, but is offered no filing. */
static void the_desk_reads_it_from_the_directory(const desk *d)
{
    vt_term *t = desk_open_as(d, "1001", "1111");
    vt_key(t, "F3");
    VT_ASSERT_TEXT(t, "Directory lookup", WAIT_MS);
    vt_send(t, "华信达");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter"); /* ends the search */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Letter of authority: signer 李明, until 2027-03-31", WAIT_MS);
    VT_ASSERT_TEXT(t, "replaced on 2026-11-27 by 张伟: 周启明离职", WAIT_MS);
    VT_ASSERT_TEXT(t, "1  What was on file on a given day", WAIT_MS);
    ck_assert(!desk_screen_has(t, "File a seal or a letter of authority"));
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "The seal or letter on file at the end of that day", WAIT_MS);
    for (int i = 0; i < 10; i++)
        vt_key(t, "Backspace");
    vt_send(t, "２０２６－１１－２６");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "2026-11-26, allowed out: letter naming 周启明, until 2027-01-20", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "The seal or letter on file at the end of that day", WAIT_MS);
    vt_key(t, "F2"); /* today, as the form offers it */
    VT_ASSERT_TEXT(t, "2026-11-27, allowed out: letter naming 李明, until 2027-03-31", WAIT_MS);
    desk_quit(t);
}

START_TEST(test_a_companys_records_have_a_history)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    replace_a_letter(&d);
    the_desk_reads_it_from_the_directory(&d);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {test_passes_are_issued_against_the_seal_or_the_letter,
                                  test_goods_pass_after_the_seal_is_confirmed_or_are_stopped,
                                  test_goods_before_their_window_wait,
                                  test_the_list_follows_another_terminal,
                                  test_the_record_follows_another_terminal,
                                  test_goods_stopped_read_in_chinese,
                                  test_a_manager_files_a_letter_of_authority,
                                  test_a_companys_records_have_a_history, NULL};
    return desk_main(desk_suite("passes", tests));
}
