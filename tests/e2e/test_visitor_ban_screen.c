/* The do-not-admit list end to end: the real frontdesk binary in an 80x24
 * pseudo-terminal. The customer-service manager opens the list from the visitor log,
 * puts a visitor on it for one unit picked from the directory, and hands the terminal
 * to a receptionist, whose registration of that visitor is stopped with the warning.
 * A receptionist who tries to keep the list is refused, and the manager approves in
 * place to lift the entry; the visitor is then registered.
 *
 * Each test makes its own demo database under a fixed clock and an empty site
 * configuration; the interface is English (LANGUAGE=en), the data typed Chinese. */
#include "vt.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { WAIT_MS = 5000, ROWS = 24, COLS = 80 };

static char scratch[64] = "/tmp/frontdesk-bans-XXXXXX";

typedef struct desk {
    char dir[128], db[160], config[160], now[64];
} desk;

static const char *frontdesk_bin(void)
{
    const char *bin = getenv("FRONTDESK_BIN");
    ck_assert_msg(bin && *bin, "FRONTDESK_BIN is not set");
    return bin;
}

/* Runs the binary with args under the desk's clock, its output thrown away.
 * Returns the exit status. */
static int run(const desk *d, const char *const args[])
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            _exit(126);
        putenv((char *)d->now);
        setenv("LANGUAGE", "en", 1);
        setenv("FRONTDESK_CONFIG", d->config, 1);
        execv(args[0], (char *const *)args);
        _exit(127);
    }
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
    ck_assert_int_eq(run(d, args), 0);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* The audit chain holds after what the screens wrote; then the desk goes. */
static void verify_and_remove(desk *d)
{
    const char *const args[] = {frontdesk_bin(), "--db", d->db, "verify", NULL};
    ck_assert_int_eq(run(d, args), 0);
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

/* The list, from the visitor log by its key. */
static void open_list(vt_term *t)
{
    vt_key(t, "^V");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "^B");
    VT_ASSERT_TEXT(t, "Entries in force, newest first", WAIT_MS);
    /* The demo's entry, for the whole site, masked. */
    VT_ASSERT_TEXT(t, "马某       110105********0012   Whole site", WAIT_MS);
}

/* Supervisor approval in place: staff number and PIN in the dialog. */
static void approve(vt_term *t, const char *number, const char *pin)
{
    VT_ASSERT_TEXT(t, "Supervisor approval", WAIT_MS);
    VT_ASSERT_TEXT(t, "keep the do-not-admit list", WAIT_MS);
    vt_send(t, number);
    vt_key(t, "Enter");
    vt_send(t, pin);
    vt_key(t, "Enter");
}

/* The registration form from the document number on (where it opens): a visit to
 * A-1203, the unit typed. */
static void register_visitor(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    vt_send(t, "11010519491231002X");
    vt_key(t, "Tab");
    vt_send(t, "王小明");
    vt_key(t, "Tab");
    vt_send(t, "13800138000");
    vt_key(t, "Tab");
    vt_key(t, "Tab"); /* people: 1 */
    vt_send(t, "送合同");
    vt_key(t, "Tab");
    vt_send(t, "A-1203");
    vt_key(t, "Tab");
    vt_key(t, "Tab"); /* company */
    vt_key(t, "Tab"); /* department */
    vt_send(t, "李建国");
    vt_key(t, "F2");
}

/* F4 on the list: the visitor by document, for the unit picked from the directory. */
static void add_entry(vt_term *t)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Do not admit a visitor", WAIT_MS);
    vt_send(t, "11010519491231002x");
    vt_key(t, "Tab");
    vt_send(t, "王小明");
    vt_key(t, "Tab");
    vt_send(t, "a-1203");
    vt_key(t, "Tab");
    vt_send(t, "多次骚扰业主");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Which unit is the entry for?", WAIT_MS);
    VT_ASSERT_TEXT(t, "Search: a-1203", WAIT_MS);
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "On the do-not-admit list for A-1203.", WAIT_MS);
    VT_ASSERT_TEXT(t, "王小明     110105********002X   A-1203     多次骚扰业主", WAIT_MS);
}

START_TEST(the_cs_manager_adds_an_entry_and_registration_is_stopped)
{
    desk d;
    make_desk(&d, "2026-11-27 10:00");
    vt_term *t = open_console(&d);
    login(t, "3001", "3333");
    open_list(t);
    add_entry(t);
    VT_ASSERT_TEXT(t, "Entered     11-27 10:00 by 刘洋", WAIT_MS);

    /* The manager hands the terminal to the receptionist at the desk. */
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "F9");
    VT_ASSERT_TEXT(t, "Switch user", WAIT_MS);
    vt_send(t, "1001");
    vt_key(t, "Enter");
    vt_send(t, "1111");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "is now working at this terminal", WAIT_MS);
    register_visitor(t);
    VT_ASSERT_TEXT(t, "Do not admit: 王小明 is on the do-not-admit list for A-1203", WAIT_MS);
    VT_ASSERT_TEXT(t, "(entered by 刘洋 on 2026-11-27): 多次骚扰业主", WAIT_MS);
    /* Nothing was registered: the form stays, the log has no such visit. */
    VT_ASSERT_TEXT(t, "Register a visitor", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Discard them?", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "F5");
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Today's log", WAIT_MS);
    vt_settle(t, 200, WAIT_MS);
    char *screen = vt_screen(t);
    ck_assert_msg(!strstr(screen, "王小明"), "registered after all:\n%s", screen);
    free(screen);
    vt_close(t);
    verify_and_remove(&d);
}
END_TEST

START_TEST(a_receptionist_is_refused_and_the_manager_lifts_in_place)
{
    desk d;
    make_desk(&d, "2026-11-27 10:00");
    vt_term *t = open_console(&d);
    login(t, "3001", "3333");
    open_list(t);
    add_entry(t);
    vt_close(t);

    t = open_console(&d);
    login(t, "1001", "1111");
    open_list(t);
    /* The list is read by anyone; only the manager keeps it. */
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Only the customer-service manager keeps the do-not-admit list.", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "Supervisor approval", WAIT_MS);
    VT_ASSERT_GONE(t, "Do not admit a visitor", WAIT_MS);
    /* Enter on the entry lifts it, once the manager has approved in place. */
    vt_key(t, "Enter");
    approve(t, "3001", "3333");
    VT_ASSERT_TEXT(t, "Lift the entry", WAIT_MS);
    VT_ASSERT_TEXT(t, "王小明 (Resident identity card 110105********002X), not to be admitted at", WAIT_MS);
    VT_ASSERT_TEXT(t, "A-1203: 多次骚扰业主", WAIT_MS);
    vt_key(t, "Enter"); /* no reason: the form says so */
    VT_ASSERT_TEXT(t, "Please fill in this field.", WAIT_MS);
    vt_send(t, "业主撤回投诉");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Lifted: 王小明 may be registered again.", WAIT_MS);
    VT_ASSERT_GONE(t, "王小明     110105", WAIT_MS);

    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    register_visitor(t);
    VT_ASSERT_TEXT(t, "Registered \u2014 李娜", WAIT_MS);
    vt_close(t);
    verify_and_remove(&d);
}
END_TEST

int main(void)
{
    if (!mkdtemp(scratch)) {
        perror(scratch);
        return EXIT_FAILURE;
    }
    Suite *suite = suite_create("visitor-bans-e2e");
    TCase *tc = tcase_create("bans");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, the_cs_manager_adds_an_entry_and_registration_is_stopped);
    tcase_add_test(tc, a_receptionist_is_refused_and_the_manager_lifts_in_place);
    suite_add_tcase(suite, tc);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    nftw(scratch, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
