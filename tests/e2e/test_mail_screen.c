/* Mail end to end: the real frontdesk in a pseudo-terminal on a demo database under a
 * fixed clock (Friday 2026-11-27 10:00: the demo's courier drop of that day has not
 * come yet, so every parcel of the day is the test's). A batch of five parcels is
 * signed for with tracking numbers typed as a barcode scanner types them (digits, then
 * Enter); two go out together to their recipient, one to a proxy; sixteen days later
 * one of those left is past the return limit and goes back to the carrier. The daily
 * register and the export must tell the same story. The interface is English
 * (LANGUAGE=en); names are Chinese. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WAIT_MS = DESK_WAIT_MS };

static const char day_one[] = "2026-11-27 10:00";
static const char day_seventeen[] = "2026-12-13 10:00";

/* Recipients typed in free text: none of them is in the demo directory. */
static const struct {
    const char *tracking, *recipient, *shelf;
} parcels[5] = {
    {"SF202611270001", "王五", "A1"}, {"SF202611270002", "王五", "A1"},
    {"SF202611270003", "赵六", "A2"}, {"SF202611270004", "孙七", "A2"},
    {"SF202611270005", "周八", "A3"},
};

static vt_term *open_mail(const desk *d)
{
    vt_term *t = desk_open_as(d, "1001", "1111");
    vt_key(t, "^P");
    VT_ASSERT_TEXT(t, "Held now, by recipient", WAIT_MS);
    return t;
}

/* Narrows the held list to what matches text and leaves the search line. */
static void narrow(vt_term *t, const char *text, const char *found)
{
    vt_send(t, text);
    VT_ASSERT_TEXT(t, found, WAIT_MS);
    vt_key(t, "Enter");
}

static void sign_for_the_batch(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Sign for mail and parcels", WAIT_MS);
    VT_ASSERT_TEXT(t, "顺丰速运", WAIT_MS);
    VT_ASSERT_TEXT(t, "Express parcel", WAIT_MS);
    char scanned[64], done[160];
    for (int i = 0; i < 5; i++) {
        /* The scanner: the label's characters, then Enter, as fast as it can. */
        snprintf(scanned, sizeof scanned, "%s\r", parcels[i].tracking);
        vt_send(t, scanned);
        vt_send(t, parcels[i].recipient);
        vt_key(t, "Tab");
        vt_send(t, parcels[i].shelf);
        desk_save_anyway(t); /* not in the directory: said, and saved as typed */
        snprintf(done, sizeof done, "Registered %s for %s, shelf %s. Next item.", parcels[i].tracking,
                 parcels[i].recipient, parcels[i].shelf);
        VT_ASSERT_TEXT(t, done, WAIT_MS);
    }
    VT_ASSERT_TEXT(t, "This batch: 5", WAIT_MS);

    /* The first label scanned again: refused, pointing at the item that has it. */
    vt_send(t, "sf202611270001\r");
    vt_send(t, "吴九");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Tracking number SF202611270001 is already registered: item", WAIT_MS);
    VT_ASSERT_TEXT(t, "for 王五, received 2026-11-27 10:00.", WAIT_MS);
    VT_ASSERT_TEXT(t, "This batch: 5", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Discard it?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Held now, by recipient", WAIT_MS);
}

/* The hand-out form: collector, signed (Right: Yes), then save. */
static void sign_and_save(vt_term *t, const char *collector)
{
    VT_ASSERT_TEXT(t, "one signature", WAIT_MS);
    vt_send(t, collector);
    vt_key(t, "Tab");
    vt_key(t, "Right");
    vt_key(t, "F2");
}

static void hand_out(vt_term *t)
{
    /* 王五 takes both of theirs at once. */
    narrow(t, "王五", "2 found");
    vt_key(t, "^T");
    vt_key(t, "Down");
    vt_key(t, "^T");
    VT_ASSERT_TEXT(t, "marked: 2", WAIT_MS);
    vt_key(t, "F11");
    VT_ASSERT_TEXT(t, "2 item(s), one signature:", WAIT_MS);
    sign_and_save(t, "王五");
    VT_ASSERT_TEXT(t, "Handed out 2 item(s) to 王五.", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Proxy's phone"));
    vt_key(t, "Esc");

    /* 钱九 collects 赵六's parcel: a proxy, detected as the name is typed; the proxy's
     * phone and relationship are asked for, and required. */
    narrow(t, "赵六", "1 found");
    vt_key(t, "F11");
    VT_ASSERT_TEXT(t, "one signature", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Proxy's phone"));
    vt_send(t, "钱九");
    VT_ASSERT_TEXT(t, "Proxy's phone *", WAIT_MS);
    VT_ASSERT_TEXT(t, "Relationship *", WAIT_MS);
    VT_ASSERT_TEXT(t, "\u2039 Yes", WAIT_MS); /* 代领, turned to 是 */
    /* Corrected to the recipient's own name: no proxy, and nothing asked of one. */
    vt_key(t, "Backspace");
    vt_key(t, "Backspace");
    vt_send(t, "赵六");
    VT_ASSERT_GONE(t, "Proxy's phone", WAIT_MS);
    vt_key(t, "Backspace");
    vt_key(t, "Backspace");
    vt_send(t, "钱九");
    VT_ASSERT_TEXT(t, "Proxy's phone *", WAIT_MS);
    vt_key(t, "Tab");
    vt_key(t, "Right");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Please fill in this field.", WAIT_MS);
    vt_send(t, "13800138000");
    vt_key(t, "Tab");
    vt_send(t, "邻居");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Handed out 1 item(s) to 钱九.", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "SF202611270001", WAIT_MS);
    VT_ASSERT_TEXT(t, "SF202611270004", WAIT_MS);
    VT_ASSERT_TEXT(t, "SF202611270005", WAIT_MS);
}

/* Sixteen days on: 孙七's parcel is due back and goes; handing it out is refused. */
static void return_the_forgotten(vt_term *t)
{
    /* Oldest first, what is due back heads the list; round again to the held list. */
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Held now, oldest first", WAIT_MS);
    /* The demo's parcel of 11-08, 35 days at the desk, once the list has redrawn (the
     * title comes first: the rows of the list by recipient may still be there). */
    VT_ASSERT_TEXT(t, "35 d return", WAIT_MS);
    vt_settle(t, 50, WAIT_MS);
    char *first = vt_row(t, 5);
    ck_assert_msg(strstr(first, "11-08") && strstr(first, "35 d return"), "%s", first);
    free(first);
    for (int i = 0; i < 6; i++)
        vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Held now, by recipient", WAIT_MS);
    narrow(t, "孙七", "1 found");
    VT_ASSERT_TEXT(t, "16 d return", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Mail item", WAIT_MS);
    VT_ASSERT_TEXT(t, "Return to sender", WAIT_MS);
    vt_send(t, "3"); /* highlights the step; Enter goes on with it */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Past the time an item is kept", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Returned to the sender and recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Returned to sender: 顺丰速运", WAIT_MS);
    vt_key(t, "Esc");
    vt_key(t, "Esc");

    for (int i = 0; i < 4; i++)
        vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Search by tracking number", WAIT_MS);
    narrow(t, "sf202611270004", "1 found");
    vt_key(t, "F11");
    sign_and_save(t, "孙七");
    VT_ASSERT_TEXT(t, "SF202611270004 was returned to the sender on 2026-12-13 10:00", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Discard them?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
}

/* The register of the first day: the five parcels in, three out. */
static void check_register(vt_term *t)
{
    vt_key(t, "F5");
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Daily register", WAIT_MS);
    VT_ASSERT_TEXT(t, "2026-12-13", WAIT_MS);
    char row[128];
    /* A label in 20 columns, then three numbers right-aligned in 10 columns each. */
    snprintf(row, sizeof row, "%-20s%10d %10d %10d", "Express parcel", 0, 0, 1);
    VT_ASSERT_TEXT(t, row, WAIT_MS);
    for (int i = 0; i < 16; i++)
        vt_key(t, "Left");
    VT_ASSERT_TEXT(t, "2026-11-27", WAIT_MS);
    snprintf(row, sizeof row, "%-20s%10d %10d %10d", "Express parcel", 5, 3, 0);
    VT_ASSERT_TEXT(t, row, WAIT_MS);
}

/* The line of the export that holds tracking. */
static const char *export_line(const char *csv, const char *tracking, char *line, size_t size)
{
    const char *at = strstr(csv, tracking);
    ck_assert_msg(at != NULL, "%s is not in the export", tracking);
    const char *start = at;
    while (start > csv && start[-1] != '\n')
        start--;
    size_t n = strcspn(start, "\r\n");
    snprintf(line, size, "%.*s", (int)n, start);
    return line;
}

static void check_export(desk *d)
{
    desk_set_now(d, day_one);
    const char *const args[] = {"export", "mail", "--from", "2026-11-27", "--to", "2026-11-27",
                                "--as", "2001", NULL};
    char *csv;
    ck_assert_int_eq(desk_cli(d, args, "2222", &csv), 0);
    static const char *const states[5] = {",Collected,", ",Collected,", ",Collected by proxy,",
                                          ",Returned to sender,", ",Held at desk,"};
    char line[1024];
    for (int i = 0; i < 5; i++)
        ck_assert_msg(strstr(export_line(csv, parcels[i].tracking, line, sizeof line), states[i]),
                      "%s", line);
    ck_assert_ptr_nonnull(strstr(export_line(csv, parcels[2].tracking, line, sizeof line),
                                 ",钱九,yes,138****8000,邻居,"));
    ck_assert_ptr_nonnull(strstr(export_line(csv, parcels[3].tracking, line, sizeof line),
                                 ",2026-12-13 10:00,顺丰速运,"));
    /* As many parcels in and out that day as the register counts. */
    int express = 0, out = 0;
    for (const char *p = strchr(csv, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
        size_t n = strcspn(p + 1, "\r\n");
        snprintf(line, sizeof line, "%.*s", (int)n, p + 1);
        if (strstr(line, ",Express parcel,")) {
            express++;
            out += strstr(line, ",Collected,") || strstr(line, ",Collected by proxy,");
        }
    }
    ck_assert_int_eq(express, 5);
    ck_assert_int_eq(out, 3);
    free(csv);
}

START_TEST(test_a_batch_from_intake_to_return)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_mail(&d);
    sign_for_the_batch(t);
    hand_out(t);
    desk_quit(t);

    desk_set_now(&d, day_seventeen);
    t = open_mail(&d);
    return_the_forgotten(t);
    check_register(t);
    desk_quit(t);
    check_export(&d);
}
END_TEST

/* Issue 15: the damage and who acknowledged it are asked only when the item is
 * damaged, and then marked required; an express parcel's tracking number is marked. */
START_TEST(damage_details_only_for_a_damaged_item)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_mail(&d);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Sign for mail and parcels", WAIT_MS);
    VT_ASSERT_TEXT(t, "Tracking no. *", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Acknowledged by"));
    vt_send(t, "SF202611270009\r");
    vt_send(t, "王五");
    for (int i = 0; i < 4; i++)
        vt_key(t, "Tab"); /* shelf, quantity, note, damaged */
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "Damage *", WAIT_MS);
    VT_ASSERT_TEXT(t, "Acknowledged by *", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Please fill in this field.", WAIT_MS);
    vt_send(t, "外箱压扁");
    vt_key(t, "Tab");
    vt_send(t, "顺丰刘师傅");
    desk_save_anyway(t);
    VT_ASSERT_TEXT(t, "Registered SF202611270009 for 王五", WAIT_MS);
    /* The next item starts undamaged: nothing asked about damage. */
    VT_ASSERT_GONE(t, "Acknowledged by", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Held now, by recipient", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* A count or a damage marked alone is work typed: Esc asks before it is thrown away,
 * as it does for a tracking number or a recipient. */
START_TEST(a_count_or_a_damage_alone_is_not_thrown_away_unasked)
{
    desk d;
    desk_make(&d, day_one, "");
    vt_term *t = open_mail(&d);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Sign for mail and parcels", WAIT_MS);
    for (int i = 0; i < 3; i++)
        vt_key(t, "Tab"); /* recipient, shelf, quantity */
    vt_key(t, "Backspace");
    vt_send(t, "3");
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "The item being typed is not saved. Discard it?", WAIT_MS);
    vt_key(t, "Enter"); /* keep editing */
    VT_ASSERT_GONE(t, "Discard it?", WAIT_MS);
    VT_ASSERT_TEXT(t, "Sign for mail and parcels", WAIT_MS);
    vt_key(t, "Backspace");
    vt_send(t, "1");
    vt_key(t, "Tab");
    vt_key(t, "Tab"); /* note, damaged */
    vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "Damage *", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "The item being typed is not saved. Discard it?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Held now, by recipient", WAIT_MS);
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {test_a_batch_from_intake_to_return,
                                  damage_details_only_for_a_damaged_item,
                                  a_count_or_a_damage_alone_is_not_thrown_away_unasked, NULL};
    return desk_main(desk_suite("mail", tests));
}
