/* The duty handover book end to end: the real frontdesk in a pseudo-terminal, on a demo
 * database made under a fixed clock (Friday 07:30, the end of 张伟's night shift),
 * driven by key presses. The night shift records progress on the follow-up it was
 * handed, writes an incident flagged for follow-up and a leadership instruction
 * reported back, sees the overdue key and the visitor still inside among its open
 * items, begins the handover, is refused once, counts the inventory and is signed over
 * by both; the next shift records the flagged incident done. Then the export says what
 * the screen did. */
#include "desk.h"

#include <stdlib.h>
#include <string.h>

enum { WAIT_MS = DESK_WAIT_MS };

/* The console, logged in as 张伟, on the handover book. */
static vt_term *open_book(const desk *d)
{
    vt_term *t = desk_open_as(d, "2001", "2222");
    vt_key(t, "F12");
    VT_ASSERT_TEXT(t, "Duty handover book", WAIT_MS);
    return t;
}

/* ^O, then the numbered step. */
static void step(vt_term *t, const char *label, const char *number)
{
    vt_key(t, "^O");
    VT_ASSERT_TEXT(t, label, WAIT_MS);
    vt_send(t, number);
}

/* ^O, Begin the handover, and its confirmation (the safe answer is highlighted first). */
static void begin(vt_term *t)
{
    step(t, "Begin the handover", "1");
    VT_ASSERT_TEXT(t, "The book takes no more entries", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
}

/* Enter on the highlighted line's entry, then the numbered thing to record. */
static void record_on_entry(vt_term *t, const char *number, const char *note)
{
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Handover book entry", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "What to record", WAIT_MS);
    vt_send(t, number);
    VT_ASSERT_GONE(t, "What to record", WAIT_MS);
    vt_send(t, note);
    vt_key(t, "F2");
}

static void write_incident(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Group leadership's instruction", WAIT_MS);
    vt_send(t, "2");
    VT_ASSERT_TEXT(t, "Write in the book \u2014 Incident", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "地下车库B区积水");
    vt_key(t, "Tab");
    vt_send(t, "保安 陈刚");
    vt_key(t, "Tab");
    vt_send(t, "开启排水泵");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Right"); /* 请继续跟进 */
    vt_key(t, "Tab");
    vt_send(t, "请继续跟进排水");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Written in the book.", WAIT_MS);
}

static void write_leadership(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Group leadership's instruction", WAIT_MS);
    vt_send(t, "5");
    VT_ASSERT_TEXT(t, "Instructed by", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "集团领导：检查消防通道");
    vt_key(t, "Tab");
    vt_send(t, "集团 王总");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "已逐层检查，全部畅通");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    /* Finished but not yet said to whom it was reported back: the core asks. */
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "reported back at once", WAIT_MS);
    vt_send(t, "集团 王总");
    vt_key(t, "Tab");
    vt_send(t, "2026-11-27 07:30");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Written in the book.", WAIT_MS);
}

/* Down the book until the highlighted line's detail, under the list, reads detail. */
static void down_to(vt_term *t, const char *detail)
{
    for (int i = 0; i < 20 && !vt_wait_row(t, 17, detail, 300); i++)
        vt_key(t, "Down");
    VT_ASSERT_ROW(t, 17, detail, WAIT_MS);
}

/* Begins the handover, notes on the visitor still inside (an open item) that he stays
 * the night, and counts the inventory: the book is then ready for the incoming
 * manager's signature. */
static void begin_handover(vt_term *t)
{
    begin(t);
    VT_ASSERT_TEXT(t, "Handing over", WAIT_MS);
    down_to(t, " 20261126-025 冯文博 A-1004 郝辉浩"); /* past the follow-ups, complaints and keys */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "This open item", WAIT_MS);
    vt_send(t, "2");
    VT_ASSERT_TEXT(t, "Annotate the open item", WAIT_MS);
    vt_send(t, "访客留宿业主家，已电话确认");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Annotated", WAIT_MS);
    step(t, "Count the inventory", "1");
    VT_ASSERT_TEXT(t, "对讲机", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Inventory counted.", WAIT_MS);
}

/* The incoming duty manager's number and PIN, typed into a form's two fields. */
static void incoming(vt_term *t)
{
    vt_send(t, "2002");
    vt_key(t, "Tab");
    vt_send(t, "2223");
}

START_TEST(a_night_shift_is_handed_over_and_its_follow_up_closed)
{
    desk d;
    desk_make(&d, "2026-11-27 07:30", "");
    vt_term *t = open_book(&d);
    VT_ASSERT_TEXT(t, "Shift No. 14  张伟", WAIT_MS);
    VT_ASSERT_TEXT(t, "without this shift's progress: 1", WAIT_MS);
    VT_ASSERT_TEXT(t, "No progress", WAIT_MS);
    VT_ASSERT_TEXT(t, "Key overdue", WAIT_MS);
    VT_ASSERT_TEXT(t, "Visitor inside", WAIT_MS);

    /* The follow-up handed to this shift holds the handover up until its progress is in. */
    begin(t);
    VT_ASSERT_TEXT(t, "1 carried follow-ups need this shift's progress", WAIT_MS);
    record_on_entry(t, "1", "配件已到，今早更换导靴");
    VT_ASSERT_TEXT(t, "Progress recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "progress (张伟): 配件已到", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "without this shift's progress", WAIT_MS);

    write_incident(t);
    VT_ASSERT_TEXT(t, "地下车库B区积水", WAIT_MS);
    write_leadership(t);

    /* Handing over: the open items are now the record's; the visitor gets a note. */
    begin_handover(t);

    /* The incoming manager will not sign yet: the book stays with 张伟. */
    step(t, "The incoming duty manager refuses", "4");
    VT_ASSERT_TEXT(t, "Incoming PIN", WAIT_MS);
    incoming(t);
    vt_key(t, "Tab");
    vt_send(t, "积水原因未查明，请先写明");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "refused to take the book over", WAIT_MS);
    VT_ASSERT_TEXT(t, "On duty", WAIT_MS);

    begin(t);
    VT_ASSERT_TEXT(t, "Handing over", WAIT_MS);
    step(t, "Count the inventory", "1");
    VT_ASSERT_TEXT(t, "对讲机", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Inventory counted.", WAIT_MS);
    step(t, "Carry every unmarked item on", "2");
    VT_ASSERT_TEXT(t, "Carry them all on as they are?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Carried on", WAIT_MS);
    step(t, "Both sign", "3");
    VT_ASSERT_TEXT(t, "Your PIN", WAIT_MS);
    vt_send(t, "1234");
    vt_key(t, "Tab");
    incoming(t);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Wrong staff number or PIN", WAIT_MS);
    /* The form went back to the PIN that failed, emptied to be typed again. */
    vt_send(t, "2222");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Handed over to 赵磊", WAIT_MS);

    /* The next shift: 赵磊 holds the book and this terminal, and closes the incident. */
    VT_ASSERT_TEXT(t, "2002 赵磊", WAIT_MS);
    VT_ASSERT_TEXT(t, "Shift No. 15  赵磊", WAIT_MS);
    vt_key(t, "Down");
    record_on_entry(t, "2", "排水完毕，渗漏点已封堵");
    VT_ASSERT_TEXT(t, "Recorded as done.", WAIT_MS);
    VT_ASSERT_TEXT(t, "carried on: 张伟 handed over to 赵磊", WAIT_MS);
    VT_ASSERT_TEXT(t, "done (赵磊): 排水完毕", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "地下车库B区积水", WAIT_MS);
    desk_quit(t);

    /* The export has the night's lines as the screen wrote them. */
    const char *const args[] = {"export", "handover", "--from", "2026-11-26", "--to", "2026-11-27",
                                "--as", "2001", NULL};
    char *text;
    ck_assert_int_eq(desk_cli(&d, args, "2222", &text), 0);
    ck_assert_ptr_nonnull(strstr(text, "地下车库B区积水"));
    ck_assert_msg(strstr(text, ",Please continue to follow up,请继续跟进排水,Done,"), "%s", text);
    ck_assert_ptr_nonnull(strstr(text, "集团领导：检查消防通道"));
    ck_assert_ptr_nonnull(strstr(text, ",集团 王总,2026-11-27 07:30,"));
    free(text);
}
END_TEST

START_TEST(past_shifts_and_search)
{
    desk d;
    desk_make(&d, "2026-11-27 07:30", "");
    vt_term *t = open_book(&d);
    vt_send(t, "渗水");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    VT_ASSERT_TEXT(t, "B座3楼消防管接头渗水", WAIT_MS);
    vt_key(t, "Enter"); /* from the search line to the list */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Handover book entry", WAIT_MS);
    /* Its trail across shifts: carried three times, done by the third. */
    VT_ASSERT_TEXT(t, "done (", WAIT_MS);
    VT_ASSERT_TEXT(t, "接头已更换", WAIT_MS);
    VT_ASSERT_TEXT(t, "次日复查：阀门无渗漏", WAIT_MS); /* the later note */
    vt_key(t, "Esc");
    vt_key(t, "Esc");
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Past shifts, newest first", WAIT_MS);
    VT_ASSERT_TEXT(t, "Taken over by", WAIT_MS);
    vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Shift No. 13  赵磊  11-26 08:00 to 11-26 20:00", WAIT_MS);
    VT_ASSERT_TEXT(t, "Carried on", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* The night's end at 80x24: progress noted at 03:00 is written up with its own time;
 * F10 while handing over warns; a refusal at 07:40 leaves the note, the counts and
 * their explanations as typed for the next attempt, and both managers read why; the
 * sign step checks before it asks for PINs and carries the rest on in one step. */
START_TEST(a_refusal_at_dawn_wastes_nothing)
{
    desk d;
    desk_make(&d, "2026-11-27 07:40", "");
    vt_term *t = open_book(&d);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Handover book entry", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "What to record", WAIT_MS);
    vt_send(t, "1");
    VT_ASSERT_TEXT(t, "Progress at", WAIT_MS);
    vt_send(t, "维保单位凌晨到场");
    vt_key(t, "Tab");
    vt_send(t, "2026-11-27 03:00");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Progress recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "11-27 03:00  progress (张伟): 维保单位凌晨到场", WAIT_MS);
    vt_key(t, "Esc");

    begin_handover(t);

    /* Quitting now would leave the book half handed: the console asks, and stays. */
    vt_key(t, "F10");
    VT_ASSERT_TEXT(t, "leaves the book half handed", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "leaves the book half handed", WAIT_MS);
    VT_ASSERT_TEXT(t, "Handing over", WAIT_MS);

    /* One radio short, explained: the count and its reason are the holder's writing. */
    step(t, "Count the inventory", "1");
    VT_ASSERT_TEXT(t, "对讲机", WAIT_MS);
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Backspace");
    vt_send(t, "4");
    vt_key(t, "Tab");
    vt_send(t, "一台送修，已登记");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Inventory counted.", WAIT_MS);

    step(t, "The incoming duty manager refuses", "4");
    VT_ASSERT_TEXT(t, "Incoming PIN", WAIT_MS);
    incoming(t);
    vt_key(t, "Tab");
    vt_send(t, "对讲机电池未充");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "refused to take the book over", WAIT_MS);
    /* Both read why, on the book itself; the note on the visitor is still there, kept
     * for the next attempt. */
    VT_ASSERT_TEXT(t, "赵磊 refused to take the book over at 11-27 07:40: 对讲机电池未充", WAIT_MS);
    vt_key(t, "Home");
    for (int i = 0; i < 5; i++) /* past the follow-up, the complaints and the keys */
        vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "Marked at the last handover: Annotated", WAIT_MS);
    VT_ASSERT_TEXT(t, "留宿业主家，已电话确认", WAIT_MS);

    /* The second attempt starts where the first ended. Signing asks first about the
     * items without a mark, before any PIN. */
    begin(t);
    VT_ASSERT_TEXT(t, "Handing over", WAIT_MS);
    VT_ASSERT_TEXT(t, "Annotated", WAIT_MS);
    step(t, "Count the inventory", "1");
    VT_ASSERT_TEXT(t, "一台送修，已登记", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "一台送修", WAIT_MS);
    /* The book counts as the sign step: six items, the repair with engineering, the
     * notices and the renovation passes falling due. */
    VT_ASSERT_TEXT(t, "Without a mark: 13 open", WAIT_MS);
    vt_key(t, "End"); /* the held mail, summed up below the other items */
    VT_ASSERT_TEXT(t, "24 not marked", WAIT_MS);
    step(t, "Both sign", "3");
    VT_ASSERT_TEXT(t, "13 open items and 24 held mail items have no mark", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Your PIN"));
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Your PIN", WAIT_MS);
    vt_send(t, "2222");
    vt_key(t, "Tab");
    incoming(t);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Handed over to 赵磊", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Progress on the follow-up 张伟 was handed: the handover may begin. */
static void record_progress(vt_term *t)
{
    record_on_entry(t, "1", "维保单位凌晨到场");
    VT_ASSERT_TEXT(t, "Progress recorded.", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Duty handover book", WAIT_MS);
}

/* Enter on the highlighted open item and the numbered mark; a note when annotating. */
static void mark_item(vt_term *t, const char *number, const char *note)
{
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "This open item", WAIT_MS);
    vt_send(t, number);
    VT_ASSERT_GONE(t, "This open item", WAIT_MS);
    if (note) {
        VT_ASSERT_TEXT(t, "Annotate the open item", WAIT_MS);
        vt_send(t, note);
        vt_key(t, "F2");
        VT_ASSERT_GONE(t, "Annotate the open item", WAIT_MS);
    }
}

/* Marking goes down the list: after each mark the highlight is on the next item still
 * without one. Carrying every item on at once is asked first, "not yet" highlighted.
 * After a refusal the book is in hand again and its items read as they stand, the
 * marks kept for the next attempt shown under the list. */
START_TEST(marks_go_down_the_list_and_a_refusal_shows_the_items_as_they_stand)
{
    desk d;
    desk_make(&d, "2026-11-27 07:40", "");
    vt_term *t = open_book(&d);
    record_progress(t);
    begin(t);
    VT_ASSERT_TEXT(t, "Handing over", WAIT_MS);
    vt_key(t, "Down"); /* the first overdue complaint */
    mark_item(t, "1", NULL);
    VT_ASSERT_TEXT(t, "Carried on", WAIT_MS);
    ck_assert(desk_row_has(t, 7, "Carried on"));
    mark_item(t, "2", "业主已同意明早再约");
    VT_ASSERT_TEXT(t, "Annotated", WAIT_MS);
    ck_assert(desk_row_has(t, 8, "Annotated"));
    ck_assert(desk_row_has(t, 7, "Carried on"));

    step(t, "Carry every unmarked item on", "2");
    VT_ASSERT_TEXT(t, "Carry them all on as they are?", WAIT_MS);
    vt_key(t, "Enter"); /* not yet */
    VT_ASSERT_GONE(t, "Carry them all on as they are?", WAIT_MS);
    VT_ASSERT_TEXT(t, "Without a mark:", WAIT_MS);
    step(t, "Carry every unmarked item on", "2");
    VT_ASSERT_TEXT(t, "Carry them all on as they are?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "Without a mark:", WAIT_MS);
    vt_settle(t, 300, WAIT_MS);
    ck_assert(desk_row_has(t, 9, "Carried on"));

    step(t, "The incoming duty manager refuses", "4");
    VT_ASSERT_TEXT(t, "Incoming PIN", WAIT_MS);
    incoming(t);
    vt_key(t, "Tab");
    vt_send(t, "对讲机电池未充");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "赵磊 refused to take the book over at", WAIT_MS);
    VT_ASSERT_TEXT(t, "On duty", WAIT_MS);
    vt_settle(t, 300, WAIT_MS);
    for (int row = 6; row < 16; row++)
        ck_assert(!desk_row_has(t, row, "Carried on") && !desk_row_has(t, row, "Annotated"));
    ck_assert(desk_row_has(t, 7, "Overdue"));
    ck_assert(desk_row_has(t, 8, "Overdue"));
    ck_assert(desk_row_has(t, 9, "Overdue"));
    vt_key(t, "Home");
    vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "Marked at the last handover: Carried on", WAIT_MS);
    vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "Marked at the last handover: Annotated", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* The note 张伟 hands an item over with is 赵磊's to read on his own list: under it,
 * and whole from the item. */
START_TEST(the_incoming_manager_reads_the_note_an_item_was_handed_over_with)
{
    desk d;
    desk_make(&d, "2026-11-27 07:40", "");
    vt_term *t = open_book(&d);
    record_progress(t);
    begin(t);
    VT_ASSERT_TEXT(t, "Handing over", WAIT_MS);
    vt_key(t, "Down");
    mark_item(t, "2", "工程部明早九点更换水管，业主要求赔偿地板，已请客服部经理刘洋明早回电，"
                      "请九点后电话跟进工程部进度并告知业主，如仍未到场请报总经理室");
    step(t, "Count the inventory", "1");
    VT_ASSERT_TEXT(t, "对讲机", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Inventory counted.", WAIT_MS);
    step(t, "Both sign", "3");
    VT_ASSERT_TEXT(t, "Carry them all on as they are?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Your PIN", WAIT_MS);
    vt_send(t, "2222");
    vt_key(t, "Tab");
    incoming(t);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Handed over to 赵磊", WAIT_MS);

    vt_key(t, "Home");
    vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "张伟's note at the handover: 工程部明早九点更换水管", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "This open item", WAIT_MS);
    vt_send(t, "2");
    VT_ASSERT_TEXT(t, "The note handed over", WAIT_MS);
    VT_ASSERT_TEXT(t, "请报总经理室", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "The note handed over", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* 张伟 begins the handover and leaves anyway; 赵磊 is told at once that he cannot
 * write, and takes the book over with the CS manager approving in place. */
START_TEST(an_abandoned_handover_is_taken_over)
{
    desk d;
    desk_make(&d, "2026-11-27 07:30", "");
    vt_term *t = open_book(&d);
    record_on_entry(t, "1", "配件已到，今早更换导靴");
    VT_ASSERT_TEXT(t, "Progress recorded.", WAIT_MS);
    vt_key(t, "Esc");
    begin(t);
    VT_ASSERT_TEXT(t, "Handing over", WAIT_MS);
    vt_key(t, "F10");
    VT_ASSERT_TEXT(t, "leaves the book half handed", WAIT_MS);
    desk_quit(t); /* answers Leave */

    t = desk_open_as(&d, "2002", "2223");
    vt_key(t, "F12");
    VT_ASSERT_TEXT(t, "Duty handover book", WAIT_MS);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "张伟 is handing the book over: write in it once the next shift has it.", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Write in the book"));
    step(t, "Take the book over (its holder left; supervised)", "1");
    desk_approve(t, "3001", "3333");
    VT_ASSERT_TEXT(t, "Take an abandoned handover over", WAIT_MS);
    VT_ASSERT_TEXT(t, "张伟 left the book without signing", WAIT_MS);
    vt_send(t, "张伟未交班即离岗，电话未接");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "赵磊 has taken the book over under 刘洋's supervision", WAIT_MS);
    VT_ASSERT_TEXT(t, "Shift No. 15  赵磊", WAIT_MS);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Past shifts, newest first", WAIT_MS);
    vt_key(t, "Down");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Taken over by 赵磊 at 11-27 07:30 under 刘洋's supervision: 张伟未交班即离岗", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* The book at 80x24 lists the night's business first: the follow-up, the overdue
 * complaints, the keys, the visitors inside, the calls and walk-ins still pending, then
 * the held mail as one line by age, its items on request. Enter opens a complaint in
 * place; search reads progress notes. */
START_TEST(the_nights_business_first)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = open_book(&d);
    /* The last row first: the rest of the frame has arrived with it. */
    VT_ASSERT_TEXT(t, " Call or walk-… 11-25 09:40 A-201 杜鹏霞 Repair", WAIT_MS);
    VT_ASSERT_ROW(t, 6, " Follow-up      11-26 11:20 2号电梯运行异响，业主来电反… 张伟     No progress", WAIT_MS);
    ck_assert(desk_row_has(t, 7, "Complaint ove"));
    ck_assert(desk_row_has(t, 8, "Complaint ove"));
    ck_assert(desk_row_has(t, 9, "Key overdue"));
    ck_assert(desk_row_has(t, 10, "Key to seal"));
    ck_assert(desk_row_has(t, 11, "Visitor inside"));
    ck_assert(desk_row_has(t, 15, " Call or walk-… 11-25 09:40 A-201 杜鹏霞 Repair"));
    ck_assert(!desk_screen_has(t, "SF000"));

    vt_key(t, "Down"); /* the first overdue complaint */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 2  Assigned", WAIT_MS);
    VT_ASSERT_TEXT(t, "卫生间水管爆裂", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Duty handover book", WAIT_MS);

    /* The pending calls, the repair with engineering, the move never let through, the notices to take down and to
     * sign, the renovations', then the mail held below them. */
    for (int i = 0; i < 9; i++)
        vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "Call or walk-… 11-26 10:30 A-202 唐佳", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Register entry", WAIT_MS);
    VT_ASSERT_TEXT(t, "楼下餐馆油烟太大", WAIT_MS);
    vt_key(t, "Esc");
    vt_key(t, "Down");
    vt_key(t, "Down");
    /* The repair still with engineering opens the entry it was made of. */
    VT_ASSERT_TEXT(t, "Repair with e… 11-26 16:25 A-204 唐鹏", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Register entry", WAIT_MS);
    VT_ASSERT_TEXT(t, "No. 2  Handed to engineering  工程部", WAIT_MS);
    vt_key(t, "Esc");
    vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "Move not let … 11-26 20:00 T-1103", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Carry-out or carry-in pass", WAIT_MS);
    VT_ASSERT_TEXT(t, "办公桌 6张、办公椅 12把、纸箱 20个", WAIT_MS);
    vt_key(t, "Esc");
    vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "Notice to tak… 11-25 13:00 二次供水水箱清洗停水通知", WAIT_MS);
    VT_ASSERT_TEXT(t, "due 11-25 (Wed) 13:00  Overdue", WAIT_MS);
    vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "Notice awaiti… 11-26 16:00 消防演习通知", WAIT_MS);
    vt_key(t, "Down");
    vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "C-1202 孙六 Overdue over 3 days: deposit forfeited", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Renovation file", WAIT_MS);
    VT_ASSERT_TEXT(t, "C-1202   owner 韩梅", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Duty handover book", WAIT_MS);
    for (int i = 0; i < 5; i++)
        vt_key(t, "Down");
    VT_ASSERT_TEXT(t, " Mail held                  24 items: ", WAIT_MS);
    VT_ASSERT_TEXT(t, "Enter: each item.", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Enter: hide the", WAIT_MS);
    vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "days at the desk", WAIT_MS);
    vt_key(t, "Up");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Enter: each item.", WAIT_MS);

    vt_send(t, "导靴");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    VT_ASSERT_TEXT(t, "2号电梯运行异响", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Beginning the handover and taking it back change the shift at once, with no form:
 * chosen from ^O's menu (a digit chooses there), they are then confirmed, the safe
 * answer first. Esc or Enter on the question leaves the book as it was. */
START_TEST(a_digit_in_the_handover_menu_changes_nothing_by_itself)
{
    desk d;
    desk_make(&d, "2026-11-27 07:40", "");
    vt_term *t = open_book(&d);
    record_progress(t);
    step(t, "Begin the handover", "1");
    VT_ASSERT_TEXT(t, "The book takes no more entries", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "The book takes no more entries", WAIT_MS);
    vt_settle(t, 300, WAIT_MS);
    ck_assert(desk_row_has(t, 2, "On duty"));

    begin(t);
    VT_ASSERT_TEXT(t, "Without a mark:", WAIT_MS);
    ck_assert(desk_row_has(t, 2, "Handing over"));
    step(t, "Take the handover back", "5");
    VT_ASSERT_TEXT(t, "Take the handover back? The book takes entries", WAIT_MS);
    vt_key(t, "Enter"); /* not now */
    VT_ASSERT_GONE(t, "Take the handover back? The book takes entries", WAIT_MS);
    step(t, "Take the handover back", "5");
    VT_ASSERT_TEXT(t, "Take the handover back? The book takes entries", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "Take the handover back? The book takes entries", WAIT_MS);
    vt_settle(t, 300, WAIT_MS);
    ck_assert(desk_row_has(t, 2, "Handing over"));

    step(t, "Take the handover back", "5");
    VT_ASSERT_TEXT(t, "Take the handover back? The book takes entries", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "Without a mark:", WAIT_MS);
    ck_assert(desk_row_has(t, 2, "On duty"));
    desk_quit(t);
}
END_TEST

/* The held mail's line carries every item on in one step: its "1" asks first how many,
 * as carrying every unmarked item on does, and Esc marks none. */
START_TEST(carrying_the_held_mail_on_is_asked_first)
{
    desk d;
    desk_make(&d, "2026-11-27 07:40", "");
    vt_term *t = open_book(&d);
    record_progress(t);
    begin(t);
    VT_ASSERT_TEXT(t, "Without a mark:", WAIT_MS);
    vt_key(t, "End");
    for (int i = 0; i < 4; i++) /* up past the night's own entries to the held mail */
        vt_key(t, "Up");
    VT_ASSERT_TEXT(t, "24 not marked", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Carry all held mail on as it is", WAIT_MS);
    vt_send(t, "1");
    VT_ASSERT_TEXT(t, "24 held mail items have no mark yet", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "have no mark yet", WAIT_MS);
    vt_settle(t, 300, WAIT_MS);
    ck_assert(desk_screen_has(t, "24 not marked"));
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Carry all held mail on as it is", WAIT_MS);
    vt_send(t, "1");
    VT_ASSERT_TEXT(t, "24 held mail items have no mark yet", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "24 not marked", WAIT_MS);
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {a_night_shift_is_handed_over_and_its_follow_up_closed,
                                  past_shifts_and_search, a_refusal_at_dawn_wastes_nothing,
                                  an_abandoned_handover_is_taken_over, the_nights_business_first,
                                  marks_go_down_the_list_and_a_refusal_shows_the_items_as_they_stand,
                                  the_incoming_manager_reads_the_note_an_item_was_handed_over_with,
                                  a_digit_in_the_handover_menu_changes_nothing_by_itself,
                                  carrying_the_held_mail_on_is_asked_first, NULL};
    return desk_main(desk_suite("handover", tests));
}
