/* End-to-end test harness: runs a program in a pseudo-terminal and keeps its
 * screen in libvterm, so a test can type keys and read back what a person
 * would see, double-width Chinese included. */
#ifndef FRONTDESK_E2E_VT_H
#define FRONTDESK_E2E_VT_H

#include <check.h>
#include <stdbool.h>
#include <stdio.h>

typedef struct vt_term vt_term;

/* Starts argv (looked up in PATH) on a new pseudo-terminal of rows x cols.
 * The child inherits our environment minus LINES, COLUMNS and LANGUAGE (which
 * would make it ignore the window size or pick a language by accident), with
 * TERM=xterm-256color, LC_ALL=C.UTF-8 and TZ=UTC, then extra_env ("NAME=value",
 * NULL-terminated, may be NULL) on top, overriding any of those. Returns NULL,
 * after saying why on stderr, if the program cannot be started. */
vt_term *vt_spawn(const char *const argv[], const char *const extra_env[], int rows, int cols);

/* Types raw bytes, e.g. UTF-8 text such as "张三丰". */
void vt_send(vt_term *t, const char *bytes);

/* Presses a named key as xterm would send it: "Enter", "Esc", "Tab", "BTab",
 * "Up", "Down", "Left", "Right", "Home", "End", "PgUp", "PgDn", "Backspace",
 * "Delete", "F1".."F12" and "^A".."^Z". Cursor keys follow the mode the program
 * asked for (curses' keypad mode turns "Up" into ESC O A). An unknown name
 * aborts the test. */
void vt_key(vt_term *t, const char *name);

/* Reads the program's output until the screen shows text (or no longer shows
 * it), the program closes the terminal, or timeout_ms passes. */
bool vt_wait_text(vt_term *t, const char *text, int timeout_ms);
bool vt_wait_gone(vt_term *t, const char *text, int timeout_ms);

/* Reads output until row (0-based) reads exactly expected, or the whole
 * screen does; trailing empty rows are ignored on both sides of the screen
 * comparison, so expected need only list the rows down to the last used one. */
bool vt_wait_row(vt_term *t, int row, const char *expected, int timeout_ms);
bool vt_wait_screen(vt_term *t, const char *expected, int timeout_ms);

/* Reads output until none has arrived for quiet_ms, or timeout_ms passes. */
void vt_settle(vt_term *t, int quiet_ms, int timeout_ms);

/* The screen as UTF-8, rows joined by '\n' with trailing spaces trimmed; a
 * double-width character appears once. The caller frees the string. */
char *vt_screen(vt_term *t);
char *vt_row(vt_term *t, int row);
void vt_cursor(vt_term *t, int *row, int *col);

/* Sets the new size both on the terminal (the kernel sends SIGWINCH) and on
 * the emulated screen. */
void vt_resize(vt_term *t, int rows, int cols);

/* Waits for the program to end and returns its exit status, 128 + the signal
 * number if a signal killed it, or -1 if it is still running after
 * timeout_ms. Output written before the end is on the screen afterwards. */
int vt_wait_exit(vt_term *t, int timeout_ms);

/* Writes the screen with a column ruler, the cursor position and whether the
 * program still runs, for failure messages. */
void vt_dump(vt_term *t, FILE *out);

/* Writes "file:line: message" and the dump to stderr; used by the macros below. */
void vt_report(vt_term *t, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Ends the program if it still runs (SIGTERM, then SIGKILL after two
 * seconds), reaps it and frees t. */
void vt_close(vt_term *t);

/* Check assertions: on failure the screen goes to stderr and the test fails
 * with the message. */
#define VT_FAIL_(t, ...)                                                       \
    do {                                                                       \
        vt_report((t), __FILE__, __LINE__, __VA_ARGS__);                       \
        ck_abort_msg(__VA_ARGS__);                                             \
    } while (0)

#define VT_ASSERT_TEXT(t, text, timeout_ms)                                    \
    do {                                                                       \
        if (!vt_wait_text((t), (text), (timeout_ms)))                          \
            VT_FAIL_((t), "\"%s\" not on the screen after %d ms", (text),      \
                     (timeout_ms));                                            \
    } while (0)

#define VT_ASSERT_GONE(t, text, timeout_ms)                                    \
    do {                                                                       \
        if (!vt_wait_gone((t), (text), (timeout_ms)))                          \
            VT_FAIL_((t), "\"%s\" still on the screen after %d ms", (text),    \
                     (timeout_ms));                                            \
    } while (0)

#define VT_ASSERT_ROW(t, row, expected, timeout_ms)                            \
    do {                                                                       \
        if (!vt_wait_row((t), (row), (expected), (timeout_ms)))                \
            VT_FAIL_((t), "row %d is not \"%s\" after %d ms", (row),           \
                     (expected), (timeout_ms));                                \
    } while (0)

#define VT_ASSERT_SCREEN(t, expected, timeout_ms)                              \
    do {                                                                       \
        if (!vt_wait_screen((t), (expected), (timeout_ms)))                    \
            VT_FAIL_((t), "screen differs after %d ms; expected:\n%s",         \
                     (timeout_ms), (expected));                                \
    } while (0)

#define VT_ASSERT_CURSOR(t, row, col)                                          \
    do {                                                                       \
        int vt_row_, vt_col_;                                                  \
        vt_cursor((t), &vt_row_, &vt_col_);                                    \
        if (vt_row_ != (row) || vt_col_ != (col))                              \
            VT_FAIL_((t), "cursor at row %d col %d, expected row %d col %d",   \
                     vt_row_, vt_col_, (row), (col));                          \
    } while (0)

#define VT_ASSERT_EXIT(t, status, timeout_ms)                                  \
    do {                                                                       \
        int vt_status_ = vt_wait_exit((t), (timeout_ms));                      \
        if (vt_status_ != (status))                                            \
            VT_FAIL_((t), "exit status %d, expected %d (-1: still running "    \
                     "after %d ms)", vt_status_, (status), (timeout_ms));      \
    } while (0)

#endif
