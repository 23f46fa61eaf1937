/* Golden screens: every screen of the console and its main states, whole, at 80x24.
 * Each is compared cell for cell (as text) and with the cursor position against
 * tests/e2e/golden/NAME.txt: the 24 rows, trailing spaces trimmed, then a line
 * "cursor: ROW,COL". The console runs in its default language (Chinese) on a demo
 * database made under a pinned clock, so the screens are the same on every run and
 * machine (vt_spawn pins TZ and the locale).
 *
 * When a change to a screen is meant, regenerate the files and review their diff:
 *
 *     FRONTDESK_GOLDEN_UPDATE=1 ctest --test-dir build -R golden
 *
 * On a mismatch the test prints the rows that differ, expected above got. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { WAIT_MS = DESK_WAIT_MS, ROWS = DESK_ROWS, COLS = DESK_COLS };

/* How long the screen must stay unchanged before it is written as a new golden. */
enum { UPDATE_QUIET_MS = 500 };

static const char now[] = "2026-11-27 10:00";

/* The screen as a golden file holds it (caller frees). */
static char *capture(vt_term *t)
{
    size_t size = 64, used = 0;
    char *text = malloc(size);
    ck_assert_ptr_nonnull(text);
    for (int row = 0; row <= ROWS; row++) {
        char *line;
        if (row < ROWS) {
            line = vt_row(t, row);
        } else {
            int r, c;
            vt_cursor(t, &r, &c);
            line = malloc(32);
            ck_assert_ptr_nonnull(line);
            snprintf(line, 32, "cursor: %d,%d", r, c);
        }
        size_t n = strlen(line);
        while (used + n + 2 > size)
            size *= 2;
        text = realloc(text, size);
        ck_assert_ptr_nonnull(text);
        memcpy(text + used, line, n);
        used += n;
        text[used++] = '\n';
        free(line);
    }
    text[used] = '\0';
    return text;
}

static char *golden_path(const char *name)
{
    size_t size = strlen(E2E_GOLDEN_DIR) + strlen(name) + 8;
    char *path = malloc(size);
    ck_assert_ptr_nonnull(path);
    snprintf(path, size, "%s/%s.txt", E2E_GOLDEN_DIR, name);
    return path;
}

/* The file's text, or NULL if it cannot be read (caller frees). */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t size = 4096, used = 0, n;
    char *text = malloc(size);
    ck_assert_ptr_nonnull(text);
    while ((n = fread(text + used, 1, size - 1 - used, f)) > 0) {
        used += n;
        if (used + 1 == size) {
            text = realloc(text, size *= 2);
            ck_assert_ptr_nonnull(text);
        }
    }
    fclose(f);
    text[used] = '\0';
    return text;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* The next line of *text, without its newline, moved past; "" at the end. */
static size_t next_line(const char **text, const char **line)
{
    *line = *text;
    size_t n = strcspn(*text, "\n");
    *text += (*text)[n] == '\n' ? n + 1 : n;
    return n;
}

/* Every line that differs, expected above got, on stderr. */
static void print_diff(const char *name, const char *expected, const char *got)
{
    fprintf(stderr, "golden %s: the screen differs (row: expected / got):\n", name);
    for (int row = 0; *expected || *got; row++) {
        const char *want, *have;
        size_t want_n = next_line(&expected, &want), have_n = next_line(&got, &have);
        if (want_n == have_n && memcmp(want, have, want_n) == 0)
            continue;
        fprintf(stderr, "%3d  expected |%.*s|\n     got      |%.*s|\n", row, (int)want_n, want,
                (int)have_n, have);
    }
}

/* Writes the screen as the golden name when regenerating; otherwise waits for the
 * screen to match it and fails with the difference if it does not. */
static void golden(vt_term *t, const char *name)
{
    char *path = golden_path(name);
    if (getenv("FRONTDESK_GOLDEN_UPDATE")) {
        vt_settle(t, UPDATE_QUIET_MS, WAIT_MS);
        char *screen = capture(t);
        write_text(path, screen);
        free(screen);
        free(path);
        return;
    }
    char *expected = read_text(path);
    ck_assert_msg(expected != NULL, "no %s: regenerate with FRONTDESK_GOLDEN_UPDATE=1", path);
    struct timespec since;
    clock_gettime(CLOCK_MONOTONIC, &since);
    char *screen = capture(t);
    while (strcmp(screen, expected) != 0 && desk_elapsed_ms(&since) < WAIT_MS) {
        vt_settle(t, 20, 200);
        free(screen);
        screen = capture(t);
    }
    bool same = strcmp(screen, expected) == 0;
    if (!same)
        print_diff(name, expected, screen);
    free(screen);
    free(expected);
    free(path);
    ck_assert_msg(same, "the screen is not golden %s", name);
}

/* The console in its own language, logged in as number. */
static vt_term *log_in(desk *d, const char *number, const char *pin)
{
    desk_make(d, now, "");
    vt_term *t = desk_console(d, NULL, NULL, ROWS, COLS);
    VT_ASSERT_TEXT(t, "工号", WAIT_MS);
    desk_sign_in(t, number, pin);
    VT_ASSERT_TEXT(t, "主菜单", WAIT_MS);
    return t;
}

/* Presses key and compares the screen it leads to with golden name. */
static void press(vt_term *t, const char *key, const char *name)
{
    vt_key(t, key);
    golden(t, name);
}

START_TEST(login_menu_help_and_switch_user)
{
    desk d;
    desk_make(&d, now, "");
    vt_term *t = desk_console(&d, NULL, NULL, ROWS, COLS);
    VT_ASSERT_TEXT(t, "工号", WAIT_MS);
    golden(t, "login");
    vt_send(t, "1001");
    vt_key(t, "Enter");
    vt_send(t, "1111");
    golden(t, "login_pin"); /* the PIN is not shown */
    press(t, "Enter", "main_menu");
    press(t, "F1", "help");
    press(t, "Esc", "main_menu");
    press(t, "F9", "switch_user");
    press(t, "Esc", "main_menu");
    desk_quit(t);
}
END_TEST

START_TEST(visitors_and_print_preview)
{
    desk d;
    vt_term *t = log_in(&d, "1001", "1111");
    press(t, "^V", "visitors_list");
    press(t, "F4", "visitors_form");
    vt_send(t, "1101");
    press(t, "Esc", "confirm_discard");
    vt_key(t, "Left");
    press(t, "Enter", "visitors_list");
    press(t, "Down", "visitors_list_down");
    press(t, "Enter", "visitors_record");
    press(t, "Esc", "visitors_list_down");
    press(t, "^R", "print_preview");
    /* The preview takes every key but its own: it is closed before quitting. */
    press(t, "Esc", "visitors_list_down");
    desk_quit(t);
}
END_TEST

/* A procedure's screens, named after it: its list (opened by key from the main menu),
 * its entry form and back, the list with the second row chosen, and that row's page. */
static void procedure(const char *key, const char *name)
{
    desk d;
    vt_term *t = log_in(&d, "1001", "1111");
    static const char *const states[] = {"list", "form", "list", "list_down", "record"};
    const char *const keys[] = {key, "F4", "Esc", "Down", "Enter"};
    char golden_name[64];
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        snprintf(golden_name, sizeof golden_name, "%s_%s", name, states[i]);
        press(t, keys[i], golden_name);
    }
    desk_quit(t);
}

START_TEST(keys)
{
    procedure("F8", "keys");
}
END_TEST

START_TEST(mail)
{
    procedure("^P", "mail");
}
END_TEST

/* Issue 15: the register's headings over their numbers (display width), its hints
 * only the keys that work there; a scanned number's prefix chooses the carrier. */
START_TEST(mail_register_and_carrier)
{
    desk d;
    vt_term *t = log_in(&d, "1001", "1111");
    vt_key(t, "^P");
    VT_ASSERT_TEXT(t, "在存邮件", WAIT_MS);
    for (int i = 0; i < 5; i++)
        vt_key(t, "F5");
    press(t, "F5", "mail_register");
    press(t, "F5", "mail_list");
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "运单号", WAIT_MS);
    vt_send(t, "JDV000123456789"); /* the focus starts on the tracking number */
    golden(t, "mail_form_carrier");
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "放弃", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    desk_quit(t);
}
END_TEST

START_TEST(complaints)
{
    procedure("F7", "complaints");
}
END_TEST

START_TEST(calls)
{
    procedure("^E", "calls");
}
END_TEST

START_TEST(passes)
{
    procedure("^G", "passes");
}
END_TEST

START_TEST(works)
{
    procedure("^W", "works");
}
END_TEST

START_TEST(notices)
{
    procedure("^N", "notices");
}
END_TEST

START_TEST(handover)
{
    desk d;
    vt_term *t = log_in(&d, "2001", "2222");
    press(t, "F12", "handover_book");
    press(t, "F4", "handover_kinds");
    vt_send(t, "2");
    golden(t, "handover_form");
    press(t, "Esc", "handover_book");
    press(t, "Enter", "handover_record");
    desk_quit(t);
}
END_TEST

START_TEST(directory_and_approval)
{
    desk d;
    vt_term *t = log_in(&d, "1001", "1111");
    press(t, "F3", "directory");
    press(t, "Down", "directory_record");
    press(t, "F6", "approval");
    press(t, "Esc", "directory_record");
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {login_menu_help_and_switch_user,
                                  visitors_and_print_preview,
                                  keys,
                                  mail,
                                  mail_register_and_carrier,
                                  complaints,
                                  handover,
                                  calls,
                                  directory_and_approval,
                                  passes,
                                  works,
                                  notices,
                                  NULL};
    return desk_main(desk_suite("golden", tests));
}
