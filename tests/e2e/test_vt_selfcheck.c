/* The end-to-end harness checked against small shell programs, so that an
 * end-to-end failure can be trusted to be frontdesk's. */
#include "vt.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { WAIT_MS = 5000 };

static vt_term *spawn_sh(const char *script, const char *const extra_env[], int rows, int cols)
{
    const char *const argv[] = {"sh", "-c", script, NULL};
    vt_term *t = vt_spawn(argv, extra_env, rows, cols);
    ck_assert_ptr_nonnull(t);
    return t;
}

static long long elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)(now.tv_sec - since->tv_sec) * 1000 +
           (now.tv_nsec - since->tv_nsec) / 1000000;
}

START_TEST(test_double_width_row_and_cursor)
{
    const char *const argv[] = {"printf", "%s", "张三丰|ab", NULL};
    vt_term *t = vt_spawn(argv, NULL, 24, 80);
    ck_assert_ptr_nonnull(t);
    VT_ASSERT_EXIT(t, 0, WAIT_MS);
    VT_ASSERT_ROW(t, 0, "张三丰|ab", 0);
    /* Three characters of two columns each, then three of one. */
    VT_ASSERT_CURSOR(t, 0, 9);
    vt_close(t);
}
END_TEST

START_TEST(test_double_width_wraps_whole)
{
    vt_term *t = spawn_sh("printf 'ab张三'", NULL, 3, 5);
    VT_ASSERT_EXIT(t, 0, WAIT_MS);
    /* 三 does not fit in the last column, so it starts the next row. */
    VT_ASSERT_SCREEN(t, "ab张\n三", 0);
    VT_ASSERT_CURSOR(t, 1, 2);
    vt_close(t);
}
END_TEST

START_TEST(test_screen_trims_and_joins_rows)
{
    vt_term *t = spawn_sh("printf 'one  \\n\\n  three'", NULL, 4, 20);
    VT_ASSERT_EXIT(t, 0, WAIT_MS);
    char *screen = vt_screen(t);
    ck_assert_str_eq(screen, "one\n\n  three\n");
    free(screen);
    char *row = vt_row(t, 2);
    ck_assert_str_eq(row, "  three");
    free(row);
    VT_ASSERT_SCREEN(t, "one\n\n  three", 0);
    vt_close(t);
}
END_TEST

static const char env_script[] =
    "printf '%s|%s|%s|%s|%s|%s|%s' \"$TERM\" \"$LC_ALL\" \"$TZ\" \"${FOO-none}\" "
    "\"${LINES-none}\" \"${COLUMNS-none}\" \"${LANGUAGE-none}\"";

START_TEST(test_environment_defaults)
{
    /* Left over from an interactive shell, these would override the pty. */
    setenv("LINES", "7", 1);
    setenv("COLUMNS", "9", 1);
    setenv("LANGUAGE", "fr", 1);
    setenv("TZ", "Asia/Tokyo", 1);
    vt_term *t = spawn_sh(env_script, NULL, 24, 80);
    VT_ASSERT_EXIT(t, 0, WAIT_MS);
    VT_ASSERT_ROW(t, 0, "xterm-256color|C.UTF-8|UTC|none|none|none|none", 0);
    vt_close(t);
}
END_TEST

START_TEST(test_environment_extra_overrides)
{
    const char *const env[] = {"FOO=bar", "TZ=Asia/Shanghai", "TERM=xterm", "LANGUAGE=zh_CN",
                               NULL};
    vt_term *t = spawn_sh(env_script, env, 24, 80);
    VT_ASSERT_EXIT(t, 0, WAIT_MS);
    VT_ASSERT_ROW(t, 0, "xterm|C.UTF-8|Asia/Shanghai|bar|none|none|zh_CN", 0);
    vt_close(t);
}
END_TEST

START_TEST(test_initial_window_size)
{
    vt_term *t = spawn_sh("stty size", NULL, 10, 40);
    VT_ASSERT_EXIT(t, 0, WAIT_MS);
    VT_ASSERT_ROW(t, 0, "10 40", 0);
    vt_close(t);
}
END_TEST

START_TEST(test_resize_signals_program)
{
    vt_term *t = spawn_sh("trap 'stty size' WINCH; stty size; while :; do sleep 0.05; done",
                          NULL, 10, 40);
    VT_ASSERT_ROW(t, 0, "10 40", WAIT_MS);
    vt_resize(t, 12, 50);
    VT_ASSERT_ROW(t, 1, "12 50", WAIT_MS);
    char *screen = vt_screen(t);
    ck_assert_str_eq(screen, "10 40\n12 50\n\n\n\n\n\n\n\n\n\n");
    free(screen);
    vt_close(t);
}
END_TEST

static const struct {
    const char *name;
    /* As `cat -vT` shows the bytes, in normal and in application cursor mode. */
    const char *normal, *application;
} keys[] = {
    {"Enter", "^M", "^M"},         {"Esc", "^[", "^["},
    {"Tab", "^I", "^I"},           {"BTab", "^[[Z", "^[[Z"},
    {"Up", "^[[A", "^[OA"},        {"Down", "^[[B", "^[OB"},
    {"Right", "^[[C", "^[OC"},     {"Left", "^[[D", "^[OD"},
    {"Home", "^[[H", "^[OH"},      {"End", "^[[F", "^[OF"},
    {"PgUp", "^[[5~", "^[[5~"},    {"PgDn", "^[[6~", "^[[6~"},
    {"Backspace", "^?", "^?"},     {"Delete", "^[[3~", "^[[3~"},
    {"F1", "^[OP", "^[OP"},        {"F2", "^[OQ", "^[OQ"},
    {"F3", "^[OR", "^[OR"},        {"F4", "^[OS", "^[OS"},
    {"F5", "^[[15~", "^[[15~"},    {"F6", "^[[17~", "^[[17~"},
    {"F7", "^[[18~", "^[[18~"},    {"F8", "^[[19~", "^[[19~"},
    {"F9", "^[[20~", "^[[20~"},    {"F10", "^[[21~", "^[[21~"},
    {"F11", "^[[23~", "^[[23~"},   {"F12", "^[[24~", "^[[24~"},
    {"^A", "^A", "^A"},            {"^C", "^C", "^C"},
    {"^I", "^I", "^I"},            {"^M", "^M", "^M"},
    {"^Z", "^Z", "^Z"},
};
enum { KEY_COUNT = sizeof keys / sizeof keys[0] };

/* Presses the key in front of `cat -vT` on a raw terminal and checks what
 * arrived; "|" marks the end, so a longer sequence cannot pass. */
static void check_key(const char *mode_switch, const char *name, const char *shown)
{
    char script[128], expected[32];
    snprintf(script, sizeof script,
             "printf '%s'; stty raw -echo; printf 'ready\\r\\n'; exec cat -vT", mode_switch);
    snprintf(expected, sizeof expected, "%s|", shown);
    vt_term *t = spawn_sh(script, NULL, 5, 40);
    VT_ASSERT_ROW(t, 0, "ready", WAIT_MS);
    vt_key(t, name);
    vt_send(t, "|");
    VT_ASSERT_ROW(t, 1, expected, WAIT_MS);
    vt_close(t);
}

START_TEST(test_key_normal_mode)
{
    check_key("", keys[_i].name, keys[_i].normal);
}
END_TEST

/* What curses' keypad mode asks for (DECCKM, part of xterm's smkx). */
START_TEST(test_key_application_mode)
{
    check_key("\\033[?1h", keys[_i].name, keys[_i].application);
}
END_TEST

START_TEST(test_send_utf8_text)
{
    vt_term *t = spawn_sh("read line; printf 'got:%s|\\n' \"$line\"", NULL, 5, 40);
    vt_send(t, "张三丰");
    VT_ASSERT_ROW(t, 0, "张三丰", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_EXIT(t, 0, WAIT_MS);
    VT_ASSERT_ROW(t, 1, "got:张三丰|", 0);
    vt_close(t);
}
END_TEST

START_TEST(test_terminal_answers_program)
{
    /* A cursor position request; the answer is typed back and shown by cat. */
    vt_term *t = spawn_sh("stty raw -echo; printf 'ab\\033[6n'; exec cat -v", NULL, 5, 40);
    VT_ASSERT_ROW(t, 0, "ab^[[1;3R", WAIT_MS);
    vt_close(t);
}
END_TEST

START_TEST(test_exit_status)
{
    vt_term *t = spawn_sh("exit 3", NULL, 5, 40);
    VT_ASSERT_EXIT(t, 3, WAIT_MS);
    /* Asking again gives the same answer. */
    VT_ASSERT_EXIT(t, 3, 0);
    vt_close(t);
}
END_TEST

START_TEST(test_exit_by_signal)
{
    vt_term *t = spawn_sh("kill -TERM $$", NULL, 5, 40);
    VT_ASSERT_EXIT(t, 128 + 15, WAIT_MS);
    vt_close(t);
}
END_TEST

START_TEST(test_wait_exit_times_out)
{
    vt_term *t = spawn_sh("sleep 10", NULL, 5, 40);
    VT_ASSERT_EXIT(t, -1, 100);
    vt_close(t);
}
END_TEST

START_TEST(test_close_kills_stubborn_program)
{
    vt_term *t = spawn_sh("trap '' TERM; echo ready; while :; do sleep 1; done", NULL, 5, 40);
    VT_ASSERT_TEXT(t, "ready", WAIT_MS);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    vt_close(t);
    /* SIGTERM is ignored, so only the SIGKILL after the grace period ends it. */
    long long took = elapsed_ms(&start);
    ck_assert_int_ge(took, 1900);
    ck_assert_int_lt(took, 10000);
}
END_TEST

START_TEST(test_spawn_failure)
{
    const char *const argv[] = {"/nonexistent/frontdesk", NULL};
    ck_assert_ptr_null(vt_spawn(argv, NULL, 24, 80));
}
END_TEST

START_TEST(test_settle_waits_for_quiet)
{
    vt_term *t = spawn_sh("for i in 1 2 3; do printf $i; sleep 0.05; done; printf done; "
                          "exec sleep 10",
                          NULL, 5, 40);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    vt_settle(t, 500, WAIT_MS);
    ck_assert_int_lt(elapsed_ms(&start), WAIT_MS);
    VT_ASSERT_ROW(t, 0, "123done", 0);
    vt_close(t);
}
END_TEST

START_TEST(test_wait_gone)
{
    vt_term *t = spawn_sh("printf busy; sleep 0.1; printf '\\r\\033[Kidle'; exec sleep 10",
                          NULL, 5, 40);
    VT_ASSERT_TEXT(t, "busy", WAIT_MS);
    VT_ASSERT_GONE(t, "busy", WAIT_MS);
    VT_ASSERT_ROW(t, 0, "idle", WAIT_MS);
    vt_close(t);
}
END_TEST

START_TEST(test_wait_stops_when_program_ends)
{
    vt_term *t = spawn_sh("printf x", NULL, 5, 40);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    ck_assert(!vt_wait_text(t, "never", 20000));
    ck_assert_int_lt(elapsed_ms(&start), 10000);
    VT_ASSERT_ROW(t, 0, "x", 0);
    vt_close(t);
}
END_TEST

START_TEST(test_dump_has_ruler_and_cursor)
{
    const char *const argv[] = {"printf", "%s", "张三丰|ab", NULL};
    vt_term *t = vt_spawn(argv, NULL, 3, 12);
    ck_assert_ptr_nonnull(t);
    VT_ASSERT_EXIT(t, 0, WAIT_MS);
    char *dump;
    size_t size;
    FILE *out = open_memstream(&dump, &size);
    vt_dump(t, out);
    fclose(out);
    ck_assert_str_eq(dump, "--- terminal 3x12, cursor at row 0 col 9, program ended with status 0 ---\n"
                           "   |0         1\n"
                           "   |012345678901\n"
                           "  0|张三丰|ab\n"
                           "  1|\n"
                           "  2|\n"
                           "---\n");
    free(dump);
    vt_close(t);
}
END_TEST

static Suite *vt_suite(void)
{
    Suite *s = suite_create("vt");
    TCase *screen = tcase_create("screen");
    tcase_add_test(screen, test_double_width_row_and_cursor);
    tcase_add_test(screen, test_double_width_wraps_whole);
    tcase_add_test(screen, test_screen_trims_and_joins_rows);
    tcase_add_test(screen, test_dump_has_ruler_and_cursor);
    suite_add_tcase(s, screen);

    TCase *child = tcase_create("child");
    tcase_add_test(child, test_environment_defaults);
    tcase_add_test(child, test_environment_extra_overrides);
    tcase_add_test(child, test_initial_window_size);
    tcase_add_test(child, test_resize_signals_program);
    tcase_add_test(child, test_terminal_answers_program);
    tcase_add_test(child, test_exit_status);
    tcase_add_test(child, test_exit_by_signal);
    tcase_add_test(child, test_wait_exit_times_out);
    tcase_add_test(child, test_close_kills_stubborn_program);
    tcase_add_test(child, test_spawn_failure);
    suite_add_tcase(s, child);

    TCase *input = tcase_create("input");
    tcase_add_loop_test(input, test_key_normal_mode, 0, KEY_COUNT);
    tcase_add_loop_test(input, test_key_application_mode, 0, KEY_COUNT);
    tcase_add_test(input, test_send_utf8_text);
    suite_add_tcase(s, input);

    TCase *waits = tcase_create("waits");
    tcase_add_test(waits, test_settle_waits_for_quiet);
    tcase_add_test(waits, test_wait_gone);
    tcase_add_test(waits, test_wait_stops_when_program_ends);
    suite_add_tcase(s, waits);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(vt_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
