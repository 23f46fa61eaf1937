/* The demo desk every end-to-end test of the console starts from: a scratch folder,
 * a demo database made under a pinned clock, a site configuration file of the test's
 * choosing, the console started on them in a pseudo-terminal, a staff member logged
 * in, and at the end the console quit with F10 and its exit status checked, so that
 * the leak checker of a sanitizer build sees every session end.
 *
 * The demo staff: 1001/1111 receptionist 李娜, 1002/1112 assistant 王芳, 2001/2222
 * and 2002/2223 duty managers 张伟 and 赵磊, 3001/3333 customer-service manager 刘洋,
 * 9001/9999 admin. */
#ifndef FRONTDESK_E2E_DESK_H
#define FRONTDESK_E2E_DESK_H

#include "vt.h"

enum { DESK_WAIT_MS = 5000, DESK_ROWS = 24, DESK_COLS = 80 };

/* Paths are kept short: a report saved under dir is named in full on the console's
 * message line, which has 80 columns. */
typedef struct desk {
    char dir[48], db[64], config[64];
    char now[48];           /* "FRONTDESK_NOW=…": the clock of everything run on the desk */
    char data[64], home[64]; /* XDG_DATA_HOME (where reports are saved) and HOME */
} desk;

/* The frontdesk binary under test ($FRONTDESK_BIN). */
const char *desk_bin(void);

/* A fresh desk in the scratch folder: a demo database made at now ("2026-11-27
 * 10:00", Beijing time) and a configuration file holding config_text. */
void desk_make(desk *d, const char *now, const char *config_text);
void desk_write_config(const desk *d, const char *config_text);

/* Moves the desk's clock, for the console and commands started from now on. */
void desk_set_now(desk *d, const char *now);

/* Runs `frontdesk --db DB args…` under the desk's clock and configuration, in
 * English, with FRONTDESK_PIN=pin unless pin is NULL. Returns the exit status; its
 * standard output goes to *out (the caller frees it) unless out is NULL. */
int desk_cli(const desk *d, const char *const args[], const char *pin, char **out);

/* The console on the desk at rows x cols, in language ("en", "zh_CN", or NULL for
 * the program's own default), with extra_env ("NAME=value", NULL-terminated, may be
 * NULL) added to its environment. */
vt_term *desk_console(const desk *d, const char *language, const char *const extra_env[], int rows,
                      int cols);

/* The console in English at 80x24. */
vt_term *desk_open(const desk *d);

/* Types number, Enter, PIN, Enter: what signs a staff member in on the login form,
 * the switch-user and the approval dialogs, where the cursor is on the number. */
void desk_sign_in(vt_term *t, const char *number, const char *pin);

/* Types number and PIN into the English login form, once it shows, and waits for the
 * main menu. */
void desk_login(vt_term *t, const char *number, const char *pin);

/* desk_open, then desk_login. */
vt_term *desk_open_as(const desk *d, const char *number, const char *pin);

/* Types number and PIN into the supervisor approval dialog, once it shows. */
void desk_approve(vt_term *t, const char *number, const char *pin);

/* Types values (NULL-terminated) into a form's fields from the one with the focus
 * on, Tab between them; an empty value leaves its field as it is. */
void desk_fill(vt_term *t, const char *const values[]);

/* Quits with F10, discarding what any confirmation asks about, asserts that the
 * console exits with status 0, and frees t. */
void desk_quit(vt_term *t);

/* Whether the screen shows text now, and whether row does. */
/* Saves a visitor registration (F2) whose visitee the demo directory does not know:
 * the desk is warned (a warning, not a refusal) and saves anyway. */
void desk_save_anyway(vt_term *t);
bool desk_screen_has(vt_term *t, const char *text);
bool desk_row_has(vt_term *t, int row, const char *text);

/* Milliseconds on the monotonic clock since *since. */
long desk_elapsed_ms(const struct timespec *since);

/* Runs suite with its tests' desks under a scratch folder of /tmp, removed afterwards
 * when every test passed (a test's forked process cannot clean up after itself) and
 * kept, with its path on standard error, when one failed; returns main's exit status. */
int desk_main(Suite *suite);

/* A suite of one test case, named name, of the tests (NULL-terminated), each given
 * two minutes. */
Suite *desk_suite(const char *name, const TTest *const tests[]);

#endif
