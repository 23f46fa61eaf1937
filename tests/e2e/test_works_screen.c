/* Renovations end to end: the real frontdesk in a pseudo-terminal on a demo database
 * under a fixed clock (Friday 2026-11-27 10:00). A renovation file is opened (a deposit
 * of nothing refused at its field, full-width digits taken), its term ends 45 days on;
 * a worker's pass is refused on a signature the file does not name, then issued; the
 * morning's tools are typed one a line (one without how many refused, then mended with
 * full-width digits), shown one a line at the carry-out check, and carried out not as
 * listed, which wants a note. On
 * the demo's C-1202, a pass more than three days overdue is taken back with its deposit
 * kept, one within its grace has its deposit refunded once a refund receipt is given,
 * and hot work is approved in place by the duty manager; a mistyped owner and a worker's
 * document are corrected with a reason and a confirmation. The interface is English
 * (LANGUAGE=en); names are Chinese. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WAIT_MS = DESK_WAIT_MS };

static const char day_one[] = "2026-11-27 10:00";

static vt_term *open_works(const desk *d)
{
    vt_term *t = desk_open_as(d, "1001", "1111");
    vt_key(t, "^W");
    VT_ASSERT_TEXT(t, "Renovations under way", WAIT_MS);
    VT_ASSERT_TEXT(t, "C-1202", WAIT_MS);
    return t;
}

static void open_a_file(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Open a renovation file", WAIT_MS);
    VT_ASSERT_TEXT(t, "2026-11-27", WAIT_MS); /* the first day: today */
    desk_fill(t, (const char *const[]){"A-1001", "林涛", "华美装饰有限公司", "马力", "", "0",
                                       "YJ-3001", NULL});
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Enter the deposit received, in yuan.", WAIT_MS);
    vt_key(t, "Backspace");
    vt_send(t, "２００００");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "opened; the term ends on 2027-01-10.", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-1001", WAIT_MS);
    vt_key(t, "Enter"); /* the file just opened is the one highlighted */
    VT_ASSERT_TEXT(t, "Renovation file", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-1001   owner 林涛", WAIT_MS);
    VT_ASSERT_TEXT(t, "2026-11-27 to 2027-01-10", WAIT_MS);
    VT_ASSERT_TEXT(t, "20000 yuan, receipt YJ-3001", WAIT_MS);
}

/* The signer's name comes from the file; one it does not name is refused. */
static void issue_a_pass(vt_term *t)
{
    VT_ASSERT_TEXT(t, "1  Issue a worker's pass (50 yuan)", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "50 yuan received, of which 40 yuan is the deposit", WAIT_MS);
    vt_send(t, "黄明");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "11010519491231002X");
    vt_key(t, "Tab");
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Site manager ›", WAIT_MS);
    VT_ASSERT_TEXT(t, "马力", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "马丽"); /* over the name the file gives */
    vt_key(t, "Tab");
    vt_send(t, "GZ-3001");
    vt_key(t, "Tab");
    VT_ASSERT_TEXT(t, "‹ No photo", WAIT_MS);
    vt_key(t, "Right"); /* the photo is optional: this one has it */
    VT_ASSERT_TEXT(t, "‹ Photo stuck on", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "names 马力 as Site manager,", WAIT_MS);
    vt_key(t, "Backspace");
    vt_send(t, "力");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Pass issued.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Worker's pass given: No. 8 黄明, receipt GZ-3001, with photo", WAIT_MS);
    VT_ASSERT_TEXT(t, "1 passes out", WAIT_MS);
}

static void tools_in_and_out(vt_term *t)
{
    vt_send(t, "4");
    VT_ASSERT_TEXT(t, "4  Register the morning's tools", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "One tool a line with how many", WAIT_MS);
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "黄明", WAIT_MS);
    vt_key(t, "Tab");
    VT_ASSERT_TEXT(t, "Enter new line  Tab next field  F2 save", WAIT_MS);
    /* Three lines, Enter between them; the second without how many is refused at
     * the field, then mended in place: Up to its line, End, full-width digits. */
    vt_send(t, "电锤 1把");
    vt_key(t, "Enter");
    vt_send(t, "切割机");
    vt_key(t, "Enter");
    vt_send(t, "水平仪 1个");
    VT_ASSERT_TEXT(t, "水平仪 1个", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "“切割机” says not how many", WAIT_MS);
    vt_key(t, "Up");
    vt_key(t, "End");
    vt_send(t, " １台");
    VT_ASSERT_TEXT(t, "切割机 １台", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Tools registered.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Tools registered: 电锤 1把; 切割机 1台; 水平仪 1个", WAIT_MS);

    vt_send(t, "5");
    VT_ASSERT_TEXT(t, "5  Tools carried out against the list", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "against the morning's list", WAIT_MS);
    /* The list checked against, one tool a line. */
    VT_ASSERT_TEXT(t, "│   电锤 1把 ", WAIT_MS);
    VT_ASSERT_TEXT(t, "│   切割机 1台 ", WAIT_MS);
    VT_ASSERT_TEXT(t, "│   水平仪 1个 ", WAIT_MS);
    vt_key(t, "Tab");
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Not as listed ›", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Say what differs from the morning's list.", WAIT_MS);
    vt_send(t, "只带出1台，1台留在现场");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Tools carried out.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Tools carried out: not as listed: 只带出1台，1台留在现场", WAIT_MS);
}

/* The receptionist takes the completion to a manager: refused while hot work's site is
 * not cleared (said at once, before anything is asked), then confirmed with the safe
 * answer first and approved with the duty manager's PIN. */
static void complete_the_file(vt_term *t)
{
    vt_send(t, "2");
    VT_ASSERT_TEXT(t, "2  Take back a pass", WAIT_MS);
    vt_key(t, "Enter");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "The deposit of 40 yuan is refunded:", WAIT_MS);
    vt_send(t, "TK-3002");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Pass taken back: 40 yuan refunded.", WAIT_MS);
    /* No pass out now: the steps on passes are dimmed, every step keeps its number. */
    VT_ASSERT_TEXT(t, "9  Complete: refund the deposit", WAIT_MS);
    vt_send(t, "3");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Step 3 cannot be taken now", WAIT_MS);
    vt_send(t, "6");
    VT_ASSERT_TEXT(t, "6  Approve hot work", WAIT_MS);
    vt_key(t, "Enter");
    desk_fill(t, (const char *const[]){"陈建国", "T320102198801", "阳台栏杆电焊", NULL});
    vt_key(t, "F2");
    desk_approve(t, "2001", "2222");
    VT_ASSERT_TEXT(t, "Hot work approved.", WAIT_MS);

    vt_send(t, "9");
    VT_ASSERT_TEXT(t, "9  Complete: refund the deposit", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Complete the renovation", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "TK-3003");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "(陈建国) is not cleared", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Supervisor approval"));
    vt_key(t, "Esc"); /* the receipt typed is not thrown away unasked */
    VT_ASSERT_TEXT(t, "Discard them?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "Complete the renovation", WAIT_MS);
    vt_send(t, "7");
    VT_ASSERT_TEXT(t, "7  Site cleared after hot work", WAIT_MS);
    /* The permit is chosen when the dialog opens: its Enter asks first, the safe
     * answer highlighted, so two Enters attest nothing. */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Permit", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "nothing left to smoulder?", WAIT_MS);
    vt_key(t, "Enter"); /* not now */
    VT_ASSERT_GONE(t, "nothing left to smoulder?", WAIT_MS);
    vt_settle(t, 200, WAIT_MS);
    ck_assert(!desk_screen_has(t, "Site cleared."));
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "nothing left to smoulder?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Site cleared.", WAIT_MS);

    vt_send(t, "9");
    VT_ASSERT_TEXT(t, "9  Complete: refund the deposit", WAIT_MS);
    vt_key(t, "Enter");
    vt_key(t, "Tab");
    vt_send(t, "TK-3003");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "20000 of the 20000 yuan deposit?", WAIT_MS);
    vt_key(t, "Enter"); /* the safe answer */
    VT_ASSERT_TEXT(t, "Complete the renovation", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Renovation completed."));
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "20000 of the 20000 yuan deposit?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    desk_approve(t, "2001", "2222");
    VT_ASSERT_TEXT(t, "Renovation completed.", WAIT_MS);
    VT_ASSERT_TEXT(t, "refunded 20000 yuan TK-3003", WAIT_MS);
    VT_ASSERT_TEXT(t, "Renovation completed: refunded 20000 yuan TK-3003 — 李娜, approved", WAIT_MS);
}

START_TEST(test_a_file_from_its_opening_to_the_tools)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_works(&d);
    open_a_file(t);
    issue_a_pass(t);
    tools_in_and_out(t);
    complete_the_file(t);
    desk_quit(t);
}
END_TEST

/* The core decides the deposit: kept past the three days of grace, whatever is shown;
 * refunded within them, against a refund receipt. */
static void take_back_passes(vt_term *t)
{
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Workers' passes coming due or overdue", WAIT_MS);
    VT_ASSERT_TEXT(t, "Overdue over 3 days: deposit forfeited", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "C-1202   owner 韩梅", WAIT_MS);
    VT_ASSERT_TEXT(t, "(extended 1 times)", WAIT_MS);
    vt_send(t, "2");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Take back a pass", WAIT_MS);
    vt_key(t, "Right");
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "孙六", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Pass taken back: the deposit is kept.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Pass ended, deposit forfeited: No. 3 孙六", WAIT_MS);

    vt_send(t, "2");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Take back a pass", WAIT_MS);
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "赵五", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "The deposit of 40 yuan is refunded:", WAIT_MS);
    vt_send(t, "TK-0300");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Pass taken back: 40 yuan refunded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "No. 2 赵五, refunded 40 yuan,", WAIT_MS);
}

static void approve_hot_work(vt_term *t)
{
    vt_send(t, "6");
    VT_ASSERT_TEXT(t, "6  Approve hot work", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "approved before it starts", WAIT_MS);
    desk_fill(t, (const char *const[]){"陈建国", "T320102198801", "卫生间水管电焊", NULL});
    vt_key(t, "F2");
    desk_approve(t, "2001", "2222");
    VT_ASSERT_TEXT(t, "Hot work approved.", WAIT_MS);
    VT_ASSERT_TEXT(t, "approved by 张伟", WAIT_MS);
    VT_ASSERT_TEXT(t, "Site cleared after hot work", WAIT_MS); /* its next step offered */
}

START_TEST(test_deposits_and_hot_work_on_the_demo_file)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_works(&d);
    take_back_passes(t);
    approve_hot_work(t);
    desk_quit(t);
}
END_TEST

/* A mistyped owner corrected on the demo's C-1202: the reason is required, the
 * confirmation says old → new with the safe answer first (Enter there saves nothing),
 * then the page reads the new name and its history the old one beside it. A
 * receptionist is offered no receipt number to correct. */
static void correct_the_owner(vt_term *t)
{
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "C-1202   owner 韩梅", WAIT_MS);
    VT_ASSERT_TEXT(t, "0  Correct an entry (with a reason)", WAIT_MS);
    vt_send(t, "0");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Correct what?", WAIT_MS);
    VT_ASSERT_TEXT(t, "The renovation file", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Correct the renovation file", WAIT_MS);
    VT_ASSERT_TEXT(t, "‹ Owner", WAIT_MS);
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Building contractor", WAIT_MS);
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Site manager", WAIT_MS);
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Owner", WAIT_MS); /* round again: no deposit receipt for the desk */
    VT_ASSERT_TEXT(t, "韩梅", WAIT_MS);
    vt_key(t, "Tab");
    vt_key(t, "End");
    vt_key(t, "Backspace");
    vt_send(t, "玫");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Please fill in this field.", WAIT_MS); /* at the reason, the cursor there */
    vt_send(t, "业主姓名抄错，按房产证更正");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Correct Owner: 韩梅 → 韩玫?", WAIT_MS);
    vt_key(t, "Enter"); /* the safe answer */
    VT_ASSERT_GONE(t, "Correct Owner: 韩梅 → 韩玫?", WAIT_MS);
    VT_ASSERT_TEXT(t, "Correct the renovation file", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Correct Owner: 韩梅 → 韩玫?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Correction saved.", WAIT_MS);
    VT_ASSERT_TEXT(t, "C-1202   owner 韩玫   (corrected)", WAIT_MS);
    VT_ASSERT_TEXT(t, "Corrected: Owner: 韩梅 → 韩玫 (reason: 业主姓名抄错，按房产证更正)", WAIT_MS);
}

/* A worker's document corrected in full-width digits: masked on the receptionist's page. */
static void correct_a_document(vt_term *t)
{
    vt_send(t, "0");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Correct what?", WAIT_MS);
    vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Correct a worker's pass", WAIT_MS);
    VT_ASSERT_TEXT(t, "‹ Worker", WAIT_MS);
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "‹ Document", WAIT_MS);
    VT_ASSERT_TEXT(t, "Document type", WAIT_MS);
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "１１０１０５１９８００１０１００１６");
    vt_key(t, "Tab");
    vt_send(t, "证件号抄错");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Correct Document:", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Correction saved.", WAIT_MS);
    VT_ASSERT_TEXT(t, "110105********002X → Resident identity card 110105********0016", WAIT_MS);
    ck_assert(!desk_screen_has(t, "110105198001010016"));
}

/* A renewal opens with a pass chosen but no day: Enter on the step, then Enter and
 * Enter again, asks for the new last day and renews nothing. */
START_TEST(test_a_renewal_waits_for_its_day)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_works(&d);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Workers' passes coming due or overdue", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "C-1202   owner 韩梅", WAIT_MS);
    vt_send(t, "3");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "New last day", WAIT_MS);
    vt_key(t, "Enter");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Please fill in this field.", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Pass renewed."));
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "New last day", WAIT_MS);
    desk_quit(t);
}
END_TEST

START_TEST(test_a_correction_is_confirmed_and_kept_in_the_history)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_works(&d);
    correct_the_owner(t);
    correct_a_document(t);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "韩玫", WAIT_MS); /* the list's foot reads the file as corrected */
    desk_quit(t);
}
END_TEST

/* The search finds by unit, owner or company among every renovation, the finished
 * A-1504 too, full-width letters as typed by the input method; the rest are gone. */
START_TEST(test_the_search_finds_every_renovation)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_works(&d);
    vt_send(t, "/");
    vt_send(t, "ａ－１５");
    VT_ASSERT_TEXT(t, "A-1504", WAIT_MS);
    VT_ASSERT_TEXT(t, "Completed", WAIT_MS);
    VT_ASSERT_GONE(t, "C-1202", WAIT_MS);
    VT_ASSERT_GONE(t, "B-803", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "A-1504   owner 郑洁", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "A-1504", WAIT_MS);
    vt_key(t, "Esc"); /* the search closed: the renovations under way again */
    VT_ASSERT_TEXT(t, "C-1202", WAIT_MS);
    vt_send(t, "/");
    vt_send(t, "安居");
    VT_ASSERT_TEXT(t, "B-803", WAIT_MS);
    VT_ASSERT_GONE(t, "C-1202", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* The other two views search within themselves too: the passes falling due by the
 * worker, today's tools by a tool; the search line says what it finds by. */
START_TEST(test_every_view_searches)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_works(&d);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Workers' passes coming due or overdue", WAIT_MS);
    VT_ASSERT_TEXT(t, "孙六", WAIT_MS);
    vt_send(t, "/");
    vt_send(t, "赵五");
    VT_ASSERT_TEXT(t, "Unit, worker or contractor:", WAIT_MS);
    VT_ASSERT_GONE(t, "孙六", WAIT_MS);
    VT_ASSERT_TEXT(t, "赵五", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "孙六", WAIT_MS);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Today's tools, and any not carried out", WAIT_MS);
    VT_ASSERT_TEXT(t, "C-1202", WAIT_MS);
    vt_send(t, "/");
    vt_send(t, "人字梯");
    VT_ASSERT_TEXT(t, "Unit, worker, contractor or tool:", WAIT_MS);
    VT_ASSERT_GONE(t, "C-1202", WAIT_MS);
    VT_ASSERT_TEXT(t, "B-803", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* In Chinese: the carry-out picker with Chinese words and punctuation, and the refund
 * receipt marked required while something is refunded, as the core's rule says. */
START_TEST(test_the_file_reads_in_chinese)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = desk_console(&d, "zh_CN", NULL, 24, 80);
    VT_ASSERT_TEXT(t, "工号", WAIT_MS);
    desk_sign_in(t, "1001", "1111");
    VT_ASSERT_TEXT(t, "主菜单", WAIT_MS);
    vt_key(t, "^W");
    VT_ASSERT_TEXT(t, "B-803", WAIT_MS);
    vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "B-803   业主 钱红", WAIT_MS);
    vt_send(t, "5");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "‹ 第3号 施工队：人字梯 2把、乳胶漆 3桶 ›", WAIT_MS);
    vt_key(t, "Esc");
    vt_send(t, "9");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "退款凭证 *", WAIT_MS);
    for (int i = 0; i < 5; i++)
        vt_key(t, "Backspace");
    VT_ASSERT_TEXT(t, "退还金额（元） *  ", WAIT_MS);
    VT_ASSERT_GONE(t, "退款凭证 *", WAIT_MS); /* nothing refunded: no receipt asked */
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "有未保存的修改，确定放弃吗？", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "退还金额（元）", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* A pass for name on the site manager's signature, as issue_a_pass gives one. */
static void issue_quickly(vt_term *t, const char *name, const char *receipt)
{
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "50 yuan received, of which 40 yuan is the deposit", WAIT_MS);
    vt_send(t, name);
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "11010519491231002X");
    vt_key(t, "Tab");
    vt_key(t, "Right"); /* the site manager, 马力, whom the file names */
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, receipt);
    vt_key(t, "F2");
    VT_ASSERT_GONE(t, "50 yuan received", WAIT_MS);
}

/* More passes than the screen has rows: the choice of what to correct scrolls with its
 * highlight and says there is more, so the last pass is read when it is chosen (it was
 * highlighted below the box, out of sight). */
START_TEST(test_a_long_choice_keeps_its_highlight_in_sight)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_works(&d);
    open_a_file(t);
    VT_ASSERT_TEXT(t, "1  Issue a worker's pass (50 yuan)", WAIT_MS);
    char name[32], receipt[32], done[64];
    for (int i = 1; i <= 24; i++) {
        snprintf(name, sizeof name, "工人%02d", i);
        snprintf(receipt, sizeof receipt, "GZ-4%03d", i);
        issue_quickly(t, name, receipt);
        snprintf(done, sizeof done, "%d passes out", i);
        VT_ASSERT_TEXT(t, done, WAIT_MS);
    }
    vt_send(t, "0");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Correct what?", WAIT_MS);
    VT_ASSERT_TEXT(t, "↓ more", WAIT_MS);
    ck_assert(!desk_screen_has(t, "工人24"));
    vt_key(t, "Up"); /* round to the last */
    VT_ASSERT_TEXT(t, "工人24", WAIT_MS);
    VT_ASSERT_TEXT(t, "↑ more", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "工人24", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "Correct what?", WAIT_MS);
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {test_a_file_from_its_opening_to_the_tools,
                                  test_deposits_and_hot_work_on_the_demo_file,
                                  test_a_correction_is_confirmed_and_kept_in_the_history, test_a_renewal_waits_for_its_day,
                                  test_the_search_finds_every_renovation, test_every_view_searches,
                                  test_the_file_reads_in_chinese,
                                  test_a_long_choice_keeps_its_highlight_in_sight, NULL};
    return desk_main(desk_suite("works", tests));
}
