/* The visitor log end to end: the real frontdesk binary in an 80x24 pseudo-terminal,
 * driven by key presses the way the desk works — a visitor registered in Chinese,
 * admitted, signed out with an unsigned slip, a phone number corrected, the visit
 * found again by search, and the day's export checked against what was typed.
 *
 * Each test makes its own demo database under a fixed clock and an empty site
 * configuration; the interface is English (LANGUAGE=en) so the checks read plainly,
 * while the data typed is Chinese. */
#include "vt.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { WAIT_MS = 5000, ROWS = 24, COLS = 80 };

/* Rows of the visit screen: the slip line and the visitor line under the title. */
enum { SLIP_ROW = 2, VISITOR_ROW = 3 };

static char scratch[64] = "/tmp/frontdesk-visitors-XXXXXX";

typedef struct desk {
    char dir[128], db[160], config[160], now[64];
} desk;

static const char *frontdesk_bin(void)
{
    const char *bin = getenv("FRONTDESK_BIN");
    ck_assert_msg(bin && *bin, "FRONTDESK_BIN is not set");
    return bin;
}

/* Runs the binary with args under the desk's clock; its output (stdout and stderr)
 * goes to out when not NULL. Returns the exit status. */
static int run(const desk *d, const char *const args[], const char *pin, char *out, size_t size)
{
    int pipefd[2];
    ck_assert_int_eq(pipe(pipefd), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(pipefd[1], STDOUT_FILENO);
        dup2(pipefd[1], STDERR_FILENO);
        close(pipefd[0]);
        putenv((char *)d->now);
        setenv("LANGUAGE", "en", 1);
        setenv("FRONTDESK_CONFIG", d->config, 1);
        if (pin)
            setenv("FRONTDESK_PIN", pin, 1);
        execv(args[0], (char *const *)args);
        _exit(127);
    }
    close(pipefd[1]);
    size_t used = 0;
    ssize_t n;
    char sink[4096];
    while ((n = read(pipefd[0], out ? out + used : sink, out ? size - 1 - used : sizeof sink)) > 0)
        used += out ? (size_t)n : 0;
    if (out)
        out[used] = '\0';
    close(pipefd[0]);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A fresh demo database at the given Beijing time, with an empty site configuration. */
static void make_desk(desk *d, const char *now)
{
    snprintf(d->dir, sizeof d->dir, "%s/desk-XXXXXX", scratch);
    ck_assert_ptr_nonnull(mkdtemp(d->dir));
    snprintf(d->db, sizeof d->db, "%s/demo.db", d->dir);
    snprintf(d->config, sizeof d->config, "%s/frontdesk.cfg", d->dir);
    snprintf(d->now, sizeof d->now, "FRONTDESK_NOW=%s", now);
    FILE *f = fopen(d->config, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    const char *const args[] = {frontdesk_bin(), "--db", d->db, "demo", NULL};
    ck_assert_int_eq(run(d, args, NULL, NULL, 0), 0);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_desk(desk *d)
{
    nftw(d->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static vt_term *open_console(const desk *d)
{
    const char *const argv[] = {frontdesk_bin(), "--db", d->db, "--config", d->config, NULL};
    const char *const env[] = {"LANGUAGE=en", d->now, NULL};
    vt_term *t = vt_spawn(argv, env, ROWS, COLS);
    ck_assert_ptr_nonnull(t);
    return t;
}

static void login(vt_term *t, const char *number, const char *pin)
{
    VT_ASSERT_TEXT(t, "Staff number", WAIT_MS);
    vt_send(t, number);
    vt_key(t, "Enter");
    vt_send(t, pin);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Main menu", WAIT_MS);
}

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
    vt_send(t, doc);
    vt_key(t, "Tab");
    vt_send(t, name);
    vt_key(t, "Tab");
    vt_send(t, phone);
    vt_key(t, "Tab");
    vt_key(t, "Tab"); /* people: 1 */
    vt_send(t, purpose);
    vt_key(t, "Tab");
    vt_send(t, unit);
    vt_key(t, "Tab");
    vt_key(t, "Tab"); /* company */
    vt_key(t, "Tab"); /* department */
    vt_send(t, visitee);
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

static bool screen_has(vt_term *t, const char *text)
{
    char *screen = vt_screen(t);
    bool found = strstr(screen, text) != NULL;
    free(screen);
    return found;
}

START_TEST(register_admit_sign_out_unsigned_correct_and_find)
{
    desk d;
    make_desk(&d, "2026-11-27 10:00");
    vt_term *t = open_console(&d);
    login(t, "1001", "1111");
    open_visitor_log(t);
    VT_ASSERT_ROW(t, 4, " Slip         Registered  Visitor    Visiting                State        Out",
                  WAIT_MS);

    vt_key(t, "F4");
    fill_form(t, "11010519491231002x", "王小明", "13800138000", "送合同", "a-1203", "李建国");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Waiting for the visitee", WAIT_MS);
    VT_ASSERT_TEXT(t, "Registered \u2014 李娜", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-1203    李建国", WAIT_MS);
    /* Masked for a receptionist, on screen as in the core. */
    VT_ASSERT_TEXT(t, "110105********002X", WAIT_MS);
    VT_ASSERT_TEXT(t, "138****8000", WAIT_MS);

    /* The visitee agrees: admitted, slip issued. */
    VT_ASSERT_TEXT(t, "1  The visitee agrees", WAIT_MS);
    vt_send(t, "1");
    VT_ASSERT_TEXT(t, "Admitted: slip 20261127-", WAIT_MS);
    VT_ASSERT_TEXT(t, "Inside   北门", WAIT_MS);
    char slip[16];
    read_slip(t, slip);

    /* Leaves with the slip NOT signed. */
    VT_ASSERT_TEXT(t, "2  Leaves: slip returned NOT signed", WAIT_MS);
    vt_send(t, "2");
    VT_ASSERT_TEXT(t, "(slip NOT signed)", WAIT_MS);
    VT_ASSERT_TEXT(t, "Left, slip NOT signed \u2014 李娜", WAIT_MS);
    VT_ASSERT_GONE(t, "Leaves: slip returned", WAIT_MS);

    /* The phone was mistyped: corrected with a reason, the history keeps both. */
    VT_ASSERT_TEXT(t, "1  Correct an entry", WAIT_MS);
    vt_send(t, "1");
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
    VT_ASSERT_TEXT(t, "Search by visitor's name", WAIT_MS);
    VT_ASSERT_TEXT(t, "王小明     A-1203 李建国           Left", WAIT_MS);
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Search by phone", WAIT_MS);
    vt_send(t, "139123");
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
    vt_key(t, "Enter"); /* leaves the search line */
    vt_key(t, "Enter"); /* opens the visit */
    VT_ASSERT_TEXT(t, "Corrected Phone", WAIT_MS);
    vt_key(t, "F10");
    VT_ASSERT_EXIT(t, 0, WAIT_MS);
    vt_close(t);

    /* The day's export says what was entered; the audit chain holds. */
    char out[16384];
    const char *const export_args[] = {frontdesk_bin(), "--db", d.db, "export", "visitors", "--from",
                                       "2026-11-27", "--to", "2026-11-27", "--as", "1001", NULL};
    ck_assert_int_eq(run(&d, export_args, "1111", out, sizeof out), 0);
    char want[512];
    snprintf(want, sizeof want,
             "%s,2026-11-27 10:00,王小明,Resident identity card,110105********002X,139****5678,1,"
             "送合同,A-1203,,,李建国,,Left,2026-11-27 10:00,2026-11-27 10:00,NOT signed,,李娜",
             slip);
    ck_assert_msg(strstr(out, want) != NULL, "no\n%s\nin\n%s", want, out);
    const char *const verify_args[] = {frontdesk_bin(), "--db", d.db, "verify", NULL};
    ck_assert_int_eq(run(&d, verify_args, NULL, out, sizeof out), 0);
    remove_desk(&d);
}
END_TEST

START_TEST(refusal_is_recorded_with_its_reason)
{
    desk d;
    make_desk(&d, "2026-11-27 10:00");
    vt_term *t = open_console(&d);
    login(t, "1002", "1112");
    open_visitor_log(t);
    vt_key(t, "F4");
    fill_form(t, "440304199001011233", "赵六", "010-62345678", "推销", "B-501", "陈女士");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "2  The visitee refuses", WAIT_MS);
    vt_send(t, "2");
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
    ck_assert(!screen_has(t, "Leaves:"));
    vt_close(t);
    remove_desk(&d);
}
END_TEST

START_TEST(at_night_a_receptionist_hands_over_to_the_duty_manager)
{
    desk d;
    make_desk(&d, "2026-11-27 21:30");
    vt_term *t = open_console(&d);
    login(t, "1001", "1111");
    VT_ASSERT_TEXT(t, "Night shift", WAIT_MS);
    open_visitor_log(t);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Supervisor approval", WAIT_MS);
    VT_ASSERT_TEXT(t, "visitors are registered by the duty manager", WAIT_MS);
    /* The assistant may not approve it: the core says so. */
    vt_send(t, "1002");
    vt_key(t, "Enter");
    vt_send(t, "1112");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "may not approve this", WAIT_MS);
    vt_send(t, "2001");
    vt_key(t, "Enter");
    vt_send(t, "2222");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Approved in place by 张伟 (Duty manager).", WAIT_MS);
    fill_form(t, "31010119851212456X", "孙七", "13600001111", "送药", "C-702", "周阿姨");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Registered \u2014 李娜 (approved by 张伟)", WAIT_MS);
    /* Admitting is registration work too: approved again, in place. */
    vt_send(t, "1");
    VT_ASSERT_TEXT(t, "Supervisor approval", WAIT_MS);
    vt_send(t, "2001");
    vt_key(t, "Enter");
    vt_send(t, "2222");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Admitted, slip issued \u2014 李娜 (approved by 张伟)", WAIT_MS);
    vt_close(t);
    remove_desk(&d);
}
END_TEST

START_TEST(a_returning_visitor_is_filled_in_from_the_document)
{
    desk d;
    make_desk(&d, "2026-11-27 10:00");
    vt_term *t = open_console(&d);
    login(t, "1001", "1111");
    open_visitor_log(t);
    vt_key(t, "F4");
    fill_form(t, "11010519491231002X", "王小明", "13800138000", "送合同", "A-1203", "李建国");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Waiting for the visitee", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    vt_send(t, "110105194912310 02x");
    VT_ASSERT_TEXT(t, "Returning visitor (1 visits", WAIT_MS);
    VT_ASSERT_TEXT(t, "Visitor's name *   王小明", WAIT_MS);
    VT_ASSERT_TEXT(t, "Phone *            138****8000", WAIT_MS);
    vt_close(t);
    remove_desk(&d);
}
END_TEST

int main(void)
{
    if (!mkdtemp(scratch)) {
        perror(scratch);
        return EXIT_FAILURE;
    }
    Suite *suite = suite_create("visitors-e2e");
    TCase *tc = tcase_create("visitors");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, register_admit_sign_out_unsigned_correct_and_find);
    tcase_add_test(tc, refusal_is_recorded_with_its_reason);
    tcase_add_test(tc, at_night_a_receptionist_hands_over_to_the_duty_manager);
    tcase_add_test(tc, a_returning_visitor_is_filled_in_from_the_document);
    suite_add_tcase(suite, tc);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    nftw(scratch, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
