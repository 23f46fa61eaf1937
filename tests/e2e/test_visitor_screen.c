/* The visitor log end to end: the real frontdesk binary in an 80x24 pseudo-terminal,
 * driven by key presses the way the desk works — a visitor registered in Chinese,
 * admitted, signed out with an unsigned slip, a phone number corrected, the visit
 * found again by search, and the day's export checked against what was typed.
 *
 * Each test makes its own demo database under a fixed clock and an empty site
 * configuration; the interface is English (LANGUAGE=en) so the checks read plainly,
 * while the data typed is Chinese. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WAIT_MS = DESK_WAIT_MS };

/* Rows of the visit screen: the slip line and the visitor line under the title. */
enum { SLIP_ROW = 2, VISITOR_ROW = 3 };

/* The visitor log, from the main menu by its key. */
static void open_visitor_log(vt_term *t)
{
    vt_key(t, "^V");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
}

/* Fills the registration form from the document number on (the form opens there):
 * a first-time visitor, typed in Chinese, visiting a unit by free text. */
static void fill_form(vt_term *t, const char *doc, const char *name, const char *phone,
                      const char *purpose, const char *unit, const char *visitee)
{
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    /* People (1), company and department are left as they are. */
    const char *const values[] = {doc, name, phone, "", purpose, unit, "", "", visitee, NULL};
    desk_fill(t, values);
}

/* A first-time visitor, 王小明, registered for 李建国 of A-1203 and waiting on his
 * visit's page: where the tests of that page start. */
static void register_waiting_visitor(vt_term *t)
{
    vt_key(t, "F4");
    fill_form(t, "11010519491231002X", "王小明", "13800138000", "送合同", "A-1203", "李建国");
    desk_save_anyway(t);
    VT_ASSERT_TEXT(t, "Waiting for the visitee", WAIT_MS);
}

/* Highlights a step of the visit by its digit and goes on with Enter: a form opens,
 * or a transition asks first, its safe answer highlighted. */
static void choose_step(vt_term *t, const char *digit)
{
    vt_send(t, digit);
    VT_ASSERT_TEXT(t, "is highlighted: Enter to go on with it.", WAIT_MS);
    vt_key(t, "Enter");
}

static void choose_and_confirm_step(vt_term *t, const char *digit)
{
    choose_step(t, digit);
    VT_ASSERT_TEXT(t, "Please confirm", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
}

/* The slip number on the visit screen's first line ("Slip  20261127-004  Inside …"). */
static void read_slip(vt_term *t, char out[16])
{
    char *row = vt_row(t, SLIP_ROW);
    const char *at = strstr(row, "2026");
    ck_assert_msg(at != NULL, "no slip number in \"%s\"", row);
    snprintf(out, 16, "%.12s", at);
    free(row);
}

START_TEST(register_admit_sign_out_unsigned_correct_and_find)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_visitor_log(t);
    VT_ASSERT_ROW(t, 4, " Slip         Registered  Visitor    Visiting               State        Out at",
                  WAIT_MS);

    vt_key(t, "F4");
    fill_form(t, "11010519491231002x", "王小明", "13800138000", "送合同", "a-1203", "李建国");
    desk_save_anyway(t);
    VT_ASSERT_TEXT(t, "Waiting for the visitee", WAIT_MS);
    VT_ASSERT_TEXT(t, "Registered \u2014 李娜", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-1203    李建国", WAIT_MS);
    /* Masked for a receptionist, on screen as in the core. */
    VT_ASSERT_TEXT(t, "110105********002X", WAIT_MS);
    VT_ASSERT_TEXT(t, "138****8000", WAIT_MS);

    /* The visitee agrees: admitted, slip issued. */
    VT_ASSERT_TEXT(t, "1  The visitee agrees", WAIT_MS);
    choose_and_confirm_step(t, "1");
    VT_ASSERT_TEXT(t, "Admitted: slip 20261127-", WAIT_MS);
    VT_ASSERT_TEXT(t, "Inside   北门", WAIT_MS);
    char slip[16];
    read_slip(t, slip);

    /* Leaves with the slip NOT signed. */
    VT_ASSERT_TEXT(t, "2  Leaves: slip returned NOT signed", WAIT_MS);
    choose_and_confirm_step(t, "2");
    VT_ASSERT_TEXT(t, "(slip NOT signed)", WAIT_MS);
    VT_ASSERT_TEXT(t, "Left, slip NOT signed \u2014 李娜", WAIT_MS);
    VT_ASSERT_GONE(t, "Leaves: slip returned", WAIT_MS);

    /* The phone was mistyped: corrected with a reason, the history keeps both. */
    VT_ASSERT_TEXT(t, "1  Correct an entry", WAIT_MS);
    choose_step(t, "1");
    VT_ASSERT_TEXT(t, "Correct value", WAIT_MS);
    vt_key(t, "Right"); /* Visitor's name → Phone */
    VT_ASSERT_TEXT(t, "\u2039 Phone", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "13912345678");
    vt_key(t, "Tab");
    vt_send(t, "电话抄错");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Correction recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Corrected Phone to \u201c139****5678\u201d (电话抄错) \u2014 李娜", WAIT_MS);
    VT_ASSERT_TEXT(t, "phone 139****5678", WAIT_MS);

    /* Found again: by name typed over the list, by the corrected phone, by slip. */
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_send(t, "王小");
    VT_ASSERT_TEXT(t, "Search by visitor's name or phone", WAIT_MS);
    VT_ASSERT_TEXT(t, "王小明     A-1203 李建国          Left", WAIT_MS);
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Backspace");
    vt_key(t, "Backspace");
    vt_send(t, "5678");
    VT_ASSERT_TEXT(t, "王小明", WAIT_MS);
    vt_key(t, "F5");
    vt_key(t, "F5");
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Search by slip number", WAIT_MS);
    vt_send(t, slip);
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    char row_text[96];
    snprintf(row_text, sizeof row_text, "%s 11-27 10:00 王小明", slip);
    VT_ASSERT_TEXT(t, row_text, WAIT_MS);
    vt_key(t, "Enter"); /* a whole slip number and Enter open its visit, as a scan does */
    VT_ASSERT_TEXT(t, "Corrected Phone", WAIT_MS);
    desk_quit(t);

    /* The day's export says what was entered; the audit chain holds. */
    char *out;
    const char *const export_args[] = {"export", "visitors", "--from", "2026-11-27",
                                       "--to",   "2026-11-27", "--as", "1001", NULL};
    ck_assert_int_eq(desk_cli(&d, export_args, "1111", &out), 0);
    char want[512];
    snprintf(want, sizeof want,
             "%s,2026-11-27 10:00,王小明,Resident identity card,110105********002X,139****5678,1,"
             "送合同,A-1203,,,李建国,,Left,北门,2026-11-27 10:00,2026-11-27 10:00,NOT signed,,李娜,,李娜,李娜,",
             slip);
    ck_assert_msg(strstr(out, want) != NULL, "no\n%s\nin\n%s", want, out);
    /* The correction, old → new, masked as the phone is. */
    ck_assert_msg(strstr(out, "Phone: 138****") && strstr(out, " → 139****5678 (reason: "), "%s", out);
    free(out);
    const char *const verify_args[] = {"verify", NULL};
    ck_assert_int_eq(desk_cli(&d, verify_args, NULL, NULL), 0);
}
END_TEST

/* Admission prints the slip (no printer here: it is saved as a PDF, whose barcode reads
 * back as the slip number); the desk's scanner then types that number and Enter over
 * the list, which opens the visit to sign the visitor out. */
START_TEST(the_slip_is_printed_on_admission_and_its_scan_opens_the_visit)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_visitor_log(t);
    vt_key(t, "F4");
    fill_form(t, "11010519491231002x", "王小明", "13800138000", "送合同", "a-1203", "李建国");
    desk_save_anyway(t);
    VT_ASSERT_TEXT(t, "1  The visitee agrees", WAIT_MS);
    choose_and_confirm_step(t, "1");
    VT_ASSERT_TEXT(t, "slip saved to reports (no printer).", WAIT_MS);
    char slip[16];
    read_slip(t, slip);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_send(t, slip);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Leaves: slip returned, signed by the visitee", WAIT_MS);
    ck_assert_msg(desk_screen_has(t, slip), "the scan did not open slip %s", slip);
    desk_quit(t);

    /* The saved slip: its barcode scans back to the number. */
    char command[1024];
    snprintf(command, sizeof command,
             "pdftoppm -r 200 -png '%s/frontdesk/reports/slip-%s.pdf' '%s/slip' && "
             "zbarimg -q --raw '%s/slip-1.png' 2>/dev/null",
             d.dir, slip, d.dir, d.dir);
    FILE *p = popen(command, "r");
    char scanned[64] = "";
    ck_assert_ptr_nonnull(fgets(scanned, sizeof scanned, p));
    pclose(p);
    scanned[strcspn(scanned, "\n")] = '\0';
    ck_assert_str_eq(scanned, slip);
}
END_TEST

START_TEST(refusal_is_recorded_with_its_reason)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1002", "1112");
    open_visitor_log(t);
    vt_key(t, "F4");
    fill_form(t, "440304199001011233", "赵六", "010-62345678", "推销", "B-501", "陈女士");
    desk_save_anyway(t);
    VT_ASSERT_TEXT(t, "2  The visitee refuses", WAIT_MS);
    choose_step(t, "2");
    VT_ASSERT_TEXT(t, "Entry refused", WAIT_MS);
    vt_key(t, "Enter"); /* no reason: the form says so at the field */
    VT_ASSERT_TEXT(t, "Please fill in this field.", WAIT_MS);
    vt_send(t, "被访人不认识来访者");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Entry refused and recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Refused entry", WAIT_MS);
    VT_ASSERT_TEXT(t, "Entry refused: 被访人不认识来访者 \u2014 王芳", WAIT_MS);
    /* A refused visitor never came in: only a correction is left to do. */
    VT_ASSERT_TEXT(t, "1  Correct an entry", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Leaves:"));
    desk_quit(t);
}
END_TEST

START_TEST(at_night_a_receptionist_hands_over_to_the_duty_manager)
{
    desk d;
    desk_make(&d, "2026-11-27 21:30", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    VT_ASSERT_TEXT(t, "Night shift", WAIT_MS);
    open_visitor_log(t);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Supervisor approval", WAIT_MS);
    VT_ASSERT_TEXT(t, "visitors are registered by the duty manager", WAIT_MS);
    /* The assistant may not approve it: the core says so. */
    desk_approve(t, "1002", "1112");
    VT_ASSERT_TEXT(t, "may not approve this", WAIT_MS);
    desk_approve(t, "2001", "2222");
    VT_ASSERT_TEXT(t, "Approved in place by 张伟 (Duty manager).", WAIT_MS);
    fill_form(t, "31010119851212456X", "孙七", "13600001111", "送药", "C-702", "周阿姨");
    desk_save_anyway(t);
    VT_ASSERT_TEXT(t, "Registered \u2014 李娜 (approved by 张伟)", WAIT_MS);
    /* Admitting is registration work too: approved again, in place. */
    choose_and_confirm_step(t, "1");
    desk_approve(t, "2001", "2222");
    VT_ASSERT_TEXT(t, "Admitted, slip issued \u2014 李娜 (approved by 张伟)", WAIT_MS);
    desk_quit(t);
}
END_TEST

START_TEST(a_returning_visitor_is_filled_in_from_the_document)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_visitor_log(t);
    register_waiting_visitor(t);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    /* The phone is required of a first-time visitor, the unit unless a company is given. */
    VT_ASSERT_TEXT(t, " Phone *", WAIT_MS);
    VT_ASSERT_TEXT(t, " Unit *", WAIT_MS);
    vt_send(t, "110105194912310 02x");
    VT_ASSERT_TEXT(t, "Returning visitor (1 visits", WAIT_MS);
    /* A returning visitor's phone is on file: no longer required. */
    VT_ASSERT_GONE(t, " Phone *", WAIT_MS);
    VT_ASSERT_TEXT(t, "Visitor's name *   王小明", WAIT_MS);
    /* Issue 15: the masked phone was put in the field, and saved as typed. It is shown
     * beside the form; the field stays empty and the number on file is kept. */
    VT_ASSERT_TEXT(t, "Phone on file: 138****8000 (kept when Phone is left empty).", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Phone              138****8000"));
    /* Issue 15: typing over a filled-in name appended to it ("王小明欧阳娜娜"); the
     * filled-in value is selected, and typing replaces it. */
    vt_key(t, "Tab");
    vt_send(t, "欧阳娜娜");
    VT_ASSERT_TEXT(t, "Visitor's name *   欧阳娜娜", WAIT_MS);
    ck_assert(!desk_screen_has(t, "王小明欧阳娜娜"));
    desk_quit(t);
}
END_TEST

/* Issue 15: the next visitor's passport number typed on a visit's page, after an
 * unexpected save, admitted the visitor with its 1. Digits only highlight a step, and
 * Enter on it asks first with the safe answer highlighted. */
START_TEST(a_number_typed_on_a_visit_page_changes_nothing)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_visitor_log(t);
    register_waiting_visitor(t);
    vt_send(t, "E12345678");
    vt_settle(t, 100, WAIT_MS);
    VT_ASSERT_TEXT(t, "Waiting for the visitee", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Please confirm"));
    /* Enter on the admitting step asks; a stray second Enter keeps the visit. */
    vt_key(t, "Up");
    vt_key(t, "Up");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Admit 王小明 and issue the slip?", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "Please confirm", WAIT_MS);
    vt_settle(t, 100, WAIT_MS);
    VT_ASSERT_TEXT(t, "Waiting for the visitee", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Admitted"));
    desk_quit(t);
}
END_TEST

/* F10 sits next to F9 (switch user); on the lobby's kiosk quitting leaves a shell. */
START_TEST(f10_asks_before_quitting)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_visitor_log(t);
    vt_key(t, "F10");
    VT_ASSERT_TEXT(t, "Quit frontdesk?", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_GONE(t, "Quit frontdesk?", WAIT_MS);
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    ck_assert_int_lt(vt_wait_exit(t, 200), 0);
    desk_quit(t);
}
END_TEST

/* Issue 15: a Chinese input method in full-width mode types １１０…Ｘ and １３８…; the
 * fields took only half-width characters and beeped. They are folded as typed, and a
 * landline with its extension written 转123 is taken and shown masked with it. */
START_TEST(full_width_input_and_an_extension_are_taken)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_visitor_log(t);
    vt_key(t, "F4");
    /* What the number field does not take is said under it, not swallowed. */
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    vt_send(t, "号");
    VT_ASSERT_TEXT(t, "Only letters and digits here.", WAIT_MS);
    fill_form(t, "１１０１０５１９４９１２３１００２Ｘ", "王小明", "０１０－６２３４５６７８转１２３",
              "送合同", "A-1203", "李建国");
    VT_ASSERT_TEXT(t, "11010519491231002X", WAIT_MS);
    VT_ASSERT_TEXT(t, "010-62345678转123", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Only letters and digits here."));
    desk_save_anyway(t);
    VT_ASSERT_TEXT(t, "Waiting for the visitee", WAIT_MS);
    VT_ASSERT_TEXT(t, "110105********002X", WAIT_MS);
    /* Masked, the extension reads as it was written. */
    VT_ASSERT_TEXT(t, "010-****5678转123", WAIT_MS);
    desk_quit(t);
}
END_TEST

/* Issue 15: a form the core would refuse is said before the warnings are asked: "save
 * anyway?" confirmed and then a refusal asked the desk twice. */
START_TEST(the_form_is_checked_before_the_warnings)
{
    desk d;
    desk_make(&d, "2026-11-27 10:00", "");
    vt_term *t = desk_open_as(&d, "1001", "1111");
    open_visitor_log(t);
    vt_key(t, "F4");
    fill_form(t, "110105199003071234", "欧阳娜娜", "13800138000", "送文件", "A-1203", "李建国");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "The check digit of this identity number is wrong", WAIT_MS);
    ck_assert(!desk_screen_has(t, "Save anyway?"));
    /* Corrected where the error put the cursor: now the warning, and the visit saved. */
    vt_key(t, "Backspace");
    vt_send(t, "9");
    desk_save_anyway(t);
    VT_ASSERT_TEXT(t, "Waiting for the visitee", WAIT_MS);
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {register_admit_sign_out_unsigned_correct_and_find,
                                  refusal_is_recorded_with_its_reason,
                                  at_night_a_receptionist_hands_over_to_the_duty_manager,
                                  a_returning_visitor_is_filled_in_from_the_document,
                                  a_number_typed_on_a_visit_page_changes_nothing,
                                  f10_asks_before_quitting,
                                  full_width_input_and_an_extension_are_taken,
                                  the_form_is_checked_before_the_warnings,
                                  the_slip_is_printed_on_admission_and_its_scan_opens_the_visit, NULL};
    return desk_main(desk_suite("visitors", tests));
}
