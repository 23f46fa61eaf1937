/* A receptionist's shift at 80x24 (issue 15): searching the way people type, lists
 * that follow what other terminals save, screens that re-fit after a resize, and
 * history lines read in full.
 *
 * Each test makes its own demo database at 2026-11-27 10:00; the interface is English
 * (LANGUAGE=en) so the checks read plainly, while the data is Chinese. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WAIT_MS = DESK_WAIT_MS };

static const char NOW[] = "2026-11-27 10:00";

/* The last four digits the masked phone shows, a middle character of a name, a slip's
 * short number, the middle of a tracking number: each finds its record, and the search
 * line says which fields it searches. */
START_TEST(search_finds_records_by_the_part_people_type)
{
    desk d;
    desk_make(&d, NOW, "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    vt_key(t, "^V");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    VT_ASSERT_TEXT(t, "Find a name or phone:", WAIT_MS);
    VT_ASSERT_TEXT(t, "150****9251", WAIT_MS); /* 周敏's phone, masked */

    /* Today's log: "/" opens the search its line promises, a name or a phone, with the
     * digits full-width as an input method types them. */
    vt_key(t, "F5");
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Today's log", WAIT_MS);
    VT_ASSERT_TEXT(t, "Find a name or phone:", WAIT_MS);
    vt_send(t, "/");
    vt_send(t, "９２５１");
    VT_ASSERT_TEXT(t, "Name or phone (digits as shown): ９２５１", WAIT_MS);
    VT_ASSERT_TEXT(t, "20261127-003 11-27 09:32 周敏", WAIT_MS);
    VT_ASSERT_TEXT(t, "4 found", WAIT_MS);
    for (int i = 0; i < 4; i++)
        vt_key(t, "Backspace");
    vt_send(t, "周敏");
    VT_ASSERT_TEXT(t, "Name or phone (digits as shown): 周敏", WAIT_MS);
    VT_ASSERT_TEXT(t, "20261127-003 11-27 09:32 周敏", WAIT_MS);
    for (int i = 0; i < 2; i++)
        vt_key(t, "Backspace");

    vt_send(t, "9251");
    VT_ASSERT_TEXT(t, "Search by visitor's name or phone", WAIT_MS);
    VT_ASSERT_TEXT(t, "Name or phone (digits as shown): 9251", WAIT_MS);
    VT_ASSERT_TEXT(t, "20261127-003 11-27 09:32 周敏", WAIT_MS);
    VT_ASSERT_TEXT(t, "4 found", WAIT_MS); /* 周敏 came four times */
    /* The same digits from an input method in full-width mode. */
    for (int i = 0; i < 4; i++)
        vt_key(t, "Backspace");
    vt_send(t, "９２５１");
    VT_ASSERT_TEXT(t, "Name or phone (digits as shown): ９２５１", WAIT_MS);
    VT_ASSERT_TEXT(t, "4 found", WAIT_MS);

    vt_key(t, "F5");
    vt_key(t, "F5");
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Search by slip number", WAIT_MS);
    vt_send(t, "003");
    VT_ASSERT_TEXT(t, "Slip number or its last digits: 003", WAIT_MS);
    VT_ASSERT_TEXT(t, "20261127-003 11-27 09:32 周敏", WAIT_MS);
    VT_ASSERT_TEXT(t, "20261126-003", WAIT_MS);

    vt_key(t, "F5"); /* back to who is inside; typing a name there searches names */
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_send(t, "欣"); /* the middle of 马欣怡, 郭欣怡 and 梁欣怡 */
    VT_ASSERT_TEXT(t, "Name or phone (digits as shown): 欣", WAIT_MS);
    VT_ASSERT_TEXT(t, "11 found", WAIT_MS);
    VT_ASSERT_TEXT(t, "马欣怡", WAIT_MS);
    VT_ASSERT_TEXT(t, "郭欣怡", WAIT_MS);

    vt_key(t, "Esc");
    vt_key(t, "Esc");
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Main menu", WAIT_MS);
    vt_key(t, "^P");
    VT_ASSERT_TEXT(t, "Held now", WAIT_MS);
    VT_ASSERT_TEXT(t, "Tracking, unit or name:", WAIT_MS);
    for (int i = 0; i < 4; i++)
        vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Search by tracking number", WAIT_MS);
    vt_send(t, "3180");
    VT_ASSERT_TEXT(t, "Tracking number, any digits: 3180", WAIT_MS);
    VT_ASSERT_TEXT(t, "XA008163180CN", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Highlights a step of a record page by its digit, goes on with Enter and confirms. */
static void confirm_step(vt_term *t, const char *digit)
{
    vt_send(t, digit);
    VT_ASSERT_TEXT(t, "is highlighted: Enter to go on with it.", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Please confirm", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
}

/* Two terminals on one database: what the second saves shows on the first, which
 * nobody touches, within a couple of seconds; the second's own counters follow its
 * save at once. */
START_TEST(a_visitor_admitted_at_another_terminal_appears_without_a_key)
{
    desk d;
    desk_make(&d, NOW, "");
    vt_term *a = desk_open_as(&d, "1001", "1111");
    vt_key(a, "^V");
    VT_ASSERT_TEXT(a, "Inside now", WAIT_MS);
    VT_ASSERT_TEXT(a, "4 found", WAIT_MS);
    VT_ASSERT_TEXT(a, "Visitors in 4", WAIT_MS);

    vt_term *b = desk_open_as(&d, "1002", "1112");
    vt_key(b, "^V");
    VT_ASSERT_TEXT(b, "Inside now", WAIT_MS);
    vt_key(b, "F4");
    VT_ASSERT_TEXT(b, "Register a visitor", WAIT_MS);
    const char *const values[] = {"11010519491231002x", "王小明", "13800138000", "", "送合同",
                                  "a-1203", "", "", "李建国", NULL};
    desk_fill(b, values);
    desk_save_anyway(b);
    VT_ASSERT_TEXT(b, "1  The visitee agrees", WAIT_MS);
    confirm_step(b, "1");
    VT_ASSERT_TEXT(b, "Admitted: slip 20261127-", WAIT_MS);
    VT_ASSERT_TEXT(b, "Visitors in 5", WAIT_MS);

    /* Not a key on the first terminal. */
    VT_ASSERT_TEXT(a, "王小明     A-1203 李建国", 3000);
    VT_ASSERT_TEXT(a, "5 found", WAIT_MS);
    VT_ASSERT_TEXT(a, "Visitors in 5", WAIT_MS);
    desk_quit(b);
    desk_quit(a);
}
END_TEST

/* The first columns of a list row (slip and time, all ASCII but a refused visit's
 * dash): the same at any width. */
static void row_start(vt_term *t, int row, char out[64])
{
    char *text = vt_row(t, row);
    snprintf(out, 64, "%.26s", text);
    free(text);
}

#define ASSERT_ROW_STARTS(t, row, start)                                                 \
    do {                                                                                \
        vt_settle((t), 300, WAIT_MS);                                                   \
        char *text_ = vt_row((t), (row));                                               \
        bool ok_ = strncmp(text_, (start), strlen(start)) == 0;                         \
        if (!ok_)                                                                       \
            VT_FAIL_((t), "row %d is \"%s\", not starting \"%s\"", (row), text_, (start)); \
        free(text_);                                                                    \
    } while (0)

/* The cursor stands on the row of a form's field labelled label. */
static void assert_cursor_on(vt_term *t, const char *label)
{
    int row, col;
    vt_cursor(t, &row, &col);
    char *text = vt_row(t, row);
    ck_assert_msg(strstr(text, label), "the cursor is on \"%s\", not on %s", text, label);
    free(text);
}

/* A list longer than the screen says what is out of sight, and after 80x24 → 120x40 →
 * 80x24 fills its area and keeps the selection in sight; a form taller than the screen
 * likewise, its focused field always shown. */
START_TEST(lists_and_forms_refit_after_a_resize)
{
    desk d;
    desk_make(&d, NOW, "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    vt_key(t, "^V");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_send(t, "186");
    VT_ASSERT_TEXT(t, "Name or phone (digits as shown): 186", WAIT_MS);
    VT_ASSERT_TEXT(t, "\u2193 more", WAIT_MS);
    VT_ASSERT_GONE(t, "\u2191 more", WAIT_MS);
    char first[64], last[64];
    row_start(t, 5, first);

    vt_key(t, "Enter"); /* leaves the search line for the rows */
    for (int i = 0; i < 40; i++)
        vt_key(t, "Down");
    VT_ASSERT_TEXT(t, "\u2191 more", WAIT_MS);
    VT_ASSERT_GONE(t, "\u2193 more", WAIT_MS);
    vt_settle(t, 200, WAIT_MS);
    row_start(t, 15, last); /* the last row, selected, just above the rule */
    ck_assert_msg(strncmp(first, last, 12) != 0, "the list did not scroll: \"%s\"", last);

    vt_resize(t, 40, 120);
    /* Every row fits now: none hidden above an empty bottom. */
    VT_ASSERT_GONE(t, "\u2191 more", WAIT_MS);
    VT_ASSERT_GONE(t, "\u2193 more", WAIT_MS);
    ASSERT_ROW_STARTS(t, 5, first);
    VT_ASSERT_TEXT(t, last, WAIT_MS);

    vt_resize(t, 24, 80);
    VT_ASSERT_TEXT(t, "\u2191 more", WAIT_MS);
    ASSERT_ROW_STARTS(t, 15, last);

    /* The registration form fits 80x24 whole, a row a field: nothing to scroll, at
     * any size. */
    vt_key(t, "Esc");
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Main menu", WAIT_MS);
    vt_key(t, "^V");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    VT_ASSERT_TEXT(t, "Document type", WAIT_MS);
    VT_ASSERT_TEXT(t, "Position", WAIT_MS);
    VT_ASSERT_GONE(t, "\u2193 more", WAIT_MS);
    for (int i = 0; i < 9; i++) /* from the document number, where the form opens */
        vt_key(t, "Tab");
    vt_resize(t, 40, 120);
    VT_ASSERT_TEXT(t, "Document type", WAIT_MS);
    VT_ASSERT_TEXT(t, "Position", WAIT_MS);
    vt_resize(t, 24, 80);
    VT_ASSERT_TEXT(t, "Document type", WAIT_MS);
    VT_ASSERT_TEXT(t, "Position", WAIT_MS);
    VT_ASSERT_GONE(t, "\u2191 more", WAIT_MS);

    /* Enter on the last field: to the first field missing its value, then, with the
     * errors still shown, Enter on the last field again goes back there. */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Please fill in this field.", WAIT_MS);
    vt_settle(t, 200, WAIT_MS);
    assert_cursor_on(t, "Document number");
    for (int i = 0; i < 9; i++)
        vt_key(t, "Tab");
    vt_settle(t, 200, WAIT_MS);
    assert_cursor_on(t, "Position");
    vt_key(t, "Enter");
    vt_settle(t, 200, WAIT_MS);
    assert_cursor_on(t, "Document number");
    desk_quit(t);
}
END_TEST

/* Highlights a step by its digit and goes on with Enter. */
static void choose_step(vt_term *t, const char *digit)
{
    vt_send(t, digit);
    VT_ASSERT_TEXT(t, "is highlighted: Enter to go on with it.", WAIT_MS);
    vt_key(t, "Enter");
}

/* A visit's history longer and wider than 80x24 gives it: each line wrapped whole,
 * the latest shown, PgUp and PgDn to the rest. */
START_TEST(every_line_of_a_visits_history_can_be_read)
{
    desk d;
    desk_make(&d, NOW, "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    vt_key(t, "^V");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    const char *const values[] = {"11010519491231002x", "王小明", "13800138000", "", "送合同",
                                  "a-1203", "", "", "李建国", NULL};
    desk_fill(t, values);
    desk_save_anyway(t);
    VT_ASSERT_TEXT(t, "Registered \u2014 李娜", WAIT_MS);
    confirm_step(t, "1");
    VT_ASSERT_TEXT(t, "Admitted: slip 20261127-", WAIT_MS);

    static const char *const names[] = {"王晓明", "王小鸣", "汪小明", "王小明"};
    static const char *const ends[] = {"第一次核对无误", "第二次核对无误", "第三次核对无误",
                                       "第四次核对无误"};
    for (int i = 0; i < 4; i++) {
        VT_ASSERT_TEXT(t, "3  Correct an entry", WAIT_MS);
        choose_step(t, "3");
        VT_ASSERT_TEXT(t, "Correct value", WAIT_MS);
        vt_key(t, "Tab");
        vt_send(t, names[i]);
        vt_key(t, "Tab");
        char reason[160];
        snprintf(reason, sizeof reason, "登记时听错了来访人姓名，已请本人出示证件%s", ends[i]);
        vt_send(t, reason);
        vt_key(t, "Enter");
        VT_ASSERT_TEXT(t, "Correction recorded.", WAIT_MS);
        /* The line is wider than the screen: its end shows, wrapped. */
        char end[64];
        snprintf(end, sizeof end, "%s) \u2014 李娜", ends[i]);
        VT_ASSERT_TEXT(t, end, WAIT_MS);
    }
    VT_ASSERT_TEXT(t, "\u2191 more (PgUp)", WAIT_MS);
    VT_ASSERT_GONE(t, "Registered \u2014 李娜", WAIT_MS);
    vt_key(t, "PgUp");
    VT_ASSERT_TEXT(t, "Registered \u2014 李娜", WAIT_MS);
    VT_ASSERT_TEXT(t, "\u2193 more (PgDn)", WAIT_MS);
    VT_ASSERT_GONE(t, "第四次核对无误", WAIT_MS);
    vt_key(t, "PgDn");
    VT_ASSERT_TEXT(t, "第四次核对无误) \u2014 李娜", WAIT_MS);
    VT_ASSERT_GONE(t, "\u2193 more (PgDn)", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* An emergency loan of an owner's spare key with more calls than its page has rows:
 * the latest calls shown, PgUp to the earlier ones. */
START_TEST(every_call_of_an_emergency_loan_can_be_read)
{
    desk d;
    desk_make(&d, NOW, "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    vt_key(t, "F8");
    VT_ASSERT_TEXT(t, "Key loans", WAIT_MS);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "New key loan", WAIT_MS);
    vt_send(t, "A-1201-1");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "吴海波");
    vt_key(t, "Tab");
    vt_send(t, "工程部");
    for (int i = 0; i < 4; i++)
        vt_key(t, "Tab");
    vt_key(t, "Right"); /* an emergency */
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "楼上跑水");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Leave it waiting", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    desk_approve(t, "2001", "2222");
    VT_ASSERT_TEXT(t, "record the calls, then hand the keys over", WAIT_MS);
    VT_ASSERT_TEXT(t, "none yet", WAIT_MS);

    /* The owner does not answer, again and again. */
    for (int i = 0; i < 12; i++) {
        vt_key(t, "Enter");
        vt_send(t, "1");
        VT_ASSERT_TEXT(t, "Record a call", WAIT_MS);
        vt_key(t, "Tab");
        vt_key(t, "Right"); /* No answer */
        vt_key(t, "F2");
        VT_ASSERT_GONE(t, "Record a call", WAIT_MS);
    }
    /* The page shows the newest that fit and says how to read them all. */
    VT_ASSERT_TEXT(t, "12 in all: Enter, then \"Read every call in full\"", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Record a call to the owner or a contact", WAIT_MS); /* the menu */
    vt_settle(t, 200, WAIT_MS); /* all its items */
    char digit[2] = {0};
    for (int row = 0; row < 24 && !digit[0]; row++) {
        char *text = vt_row(t, row);
        const char *item = strstr(text, "Read every call in full");
        if (item && !strstr(text, "in all")) {
            while (item > text && item[-1] == ' ')
                item--;
            digit[0] = item > text ? item[-1] : '\0'; /* the item's number */
        }
        free(text);
    }
    ck_assert_msg(digit[0] >= '1' && digit[0] <= '9', "no number before \"Read every call in full\"");
    vt_send(t, digit); /* the menu's number chooses at once */
    VT_ASSERT_GONE(t, "12 in all", WAIT_MS);
    vt_settle(t, 200, WAIT_MS);
    char *screen = vt_screen(t);
    int calls = 0;
    for (const char *p = screen; (p = strstr(p, "No answer")); p++)
        calls++;
    ck_assert_msg(calls == 12, "%d of 12 calls on the screen:\n%s", calls, screen);
    free(screen);
    vt_key(t, "Esc");
    desk_quit(t);
}
END_TEST

/* The row that shows text, or -1. */
static int row_with(vt_term *t, const char *text)
{
    for (int row = 0; row < DESK_ROWS; row++)
        if (desk_row_has(t, row, text))
            return row;
    return -1;
}

/* Text longer than its line is never cut without a sign: a message wraps onto the
 * status line below it, a value cut at the screen's edge ends in "…". */
START_TEST(long_text_wraps_or_ends_in_an_ellipsis)
{
    desk d;
    desk_make(&d, NOW, "");
    vt_term *t = desk_open_as(&d, "2001", "2222");
    vt_key(t, "F12");
    VT_ASSERT_TEXT(t, "Search:", WAIT_MS);
    vt_key(t, "^O");
    vt_send(t, "1"); /* begin the handover, once confirmed: refused, a follow-up has no progress yet */
    VT_ASSERT_TEXT(t, "The book takes no more entries", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "carried follow-ups need this shift's progress", WAIT_MS);
    VT_ASSERT_TEXT(t, "shift).", WAIT_MS); /* the message's end, on the line below */
    ck_assert_int_eq(row_with(t, "shift)."), DESK_ROWS - 2);
    vt_key(t, "Esc");
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Main menu", WAIT_MS);

    vt_key(t, "^V");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    const char *const values[] = {"11010519491231002x", "王小明", "13800138000", "",
                                  "开头送合同取回发票送合同取回发票送合同取回发票送合同取回发票送合同取回发票送合同取回发票",
                                  "a-1203", "", "", "李建国", NULL};
    desk_fill(t, values);
    /* A field left reads from its start, cut with "…", not from where typing ended. */
    VT_ASSERT_TEXT(t, "Person visited", WAIT_MS);
    VT_ASSERT_TEXT(t, "开头送合同", WAIT_MS);
    vt_settle(t, 100, WAIT_MS);
    int field = row_with(t, "开头送合同");
    ck_assert_int_ge(field, 0);
    ck_assert_msg(desk_row_has(t, field, "Purpose") && desk_row_has(t, field, "\u2026"),
                  "the purpose field is cut without a sign");
    desk_save_anyway(t);
    VT_ASSERT_TEXT(t, "1  The visitee agrees", WAIT_MS);
    vt_settle(t, 100, WAIT_MS);
    int row = row_with(t, "Purpose ");
    ck_assert_int_ge(row, 0);
    ck_assert_msg(desk_row_has(t, row, "\u2026"), "the purpose is cut without a sign");
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {search_finds_records_by_the_part_people_type,
                                  a_visitor_admitted_at_another_terminal_appears_without_a_key,
                                  lists_and_forms_refit_after_a_resize,
                                  every_line_of_a_visits_history_can_be_read,
                                  every_call_of_an_emergency_loan_can_be_read,
                                  long_text_wraps_or_ends_in_an_ellipsis, NULL};
    return desk_main(desk_suite("shift", tests));
}
