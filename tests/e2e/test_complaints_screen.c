/* Complaints end to end: the real frontdesk in a pseudo-terminal on a demo database
 * under a fixed clock (Friday 2026-11-27 10:00, when the demo week leaves two
 * complaints overdue). The interface is English (LANGUAGE=en); what is typed is
 * Chinese, and the screen must show it back whole. */
#include "vt.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { WAIT_MS = 5000, ROWS = 24, COLS = 80 };

static const char fixed_now[] = "FRONTDESK_NOW=2026-11-27 10:00";
static char scratch[64] = "/tmp/frontdesk-complaints-XXXXXX";

typedef struct desk {
    char db[160];
    char config[160];
} desk;

static const char *frontdesk_bin(void)
{
    const char *bin = getenv("FRONTDESK_BIN");
    ck_assert_msg(bin && *bin, "FRONTDESK_BIN is not set");
    return bin;
}

static int run_quiet(const char *const args[])
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        putenv((char *)fixed_now);
        execv(args[0], (char *const *)args);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A fresh demo database and an empty configuration file (the built-in defaults). */
static void make_desk(desk *d, const char *name)
{
    snprintf(d->db, sizeof d->db, "%s/%s.db", scratch, name);
    snprintf(d->config, sizeof d->config, "%s/%s.cfg", scratch, name);
    FILE *f = fopen(d->config, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    const char *const args[] = {frontdesk_bin(), "--db", d->db, "demo", NULL};
    ck_assert_int_eq(run_quiet(args), 0);
}

static vt_term *open_console(const desk *d)
{
    const char *const argv[] = {frontdesk_bin(), "--db", d->db, "--config", d->config, NULL};
    const char *const env[] = {"LANGUAGE=en", fixed_now, NULL};
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

static void open_complaints(vt_term *t)
{
    vt_key(t, "F7");
    VT_ASSERT_TEXT(t, "View: Open, soonest due first", WAIT_MS);
}

/* Picks the numbered step of the open complaint and waits for its form. */
static void step(vt_term *t, const char *number, const char *form_title)
{
    vt_send(t, number);
    VT_ASSERT_TEXT(t, form_title, WAIT_MS);
}

static void save_and_expect(vt_term *t, const char *state)
{
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Saved.", WAIT_MS);
    VT_ASSERT_TEXT(t, state, WAIT_MS);
}

static void rectify(vt_term *t, const char *measures, const char *result)
{
    step(t, "1", "Record the rectification");
    vt_send(t, measures);
    vt_key(t, "Tab");
    vt_send(t, result);
    vt_key(t, "Tab");
    vt_send(t, "工程部 王建国");
    save_and_expect(t, "No. 11  Rectified");
}

/* A phone visit confirmed on the number called; satisfaction moves right from
 * "Satisfied" by steps. */
static void visit(vt_term *t, int satisfaction_steps, const char *result, const char *state)
{
    step(t, "1", "Record the return visit");
    vt_key(t, "Tab");
    for (int i = 0; i < satisfaction_steps; i++)
        vt_key(t, "Right");
    vt_key(t, "Tab");
    vt_send(t, result);
    vt_key(t, "Tab");
    vt_key(t, "Right"); /* confirmed by phone */
    vt_key(t, "Tab");
    vt_send(t, "13812345678");
    save_and_expect(t, state);
}

START_TEST(test_complaint_from_intake_to_close)
{
    desk d;
    make_desk(&d, "flow");
    vt_term *t = open_console(&d);
    login(t, "1001", "1111");
    open_complaints(t);

    /* Intake, in Chinese. */
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "Take a complaint", WAIT_MS);
    vt_key(t, "Tab");
    vt_send(t, "张三丰");
    vt_key(t, "Tab");
    vt_send(t, "A-1203");
    vt_key(t, "Tab");
    vt_send(t, "13812345678");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Right"); /* general */
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "夜间电梯停运，老人被困楼上");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Complaint No. 11 taken in.", WAIT_MS);

    /* Found by the complainant's name, and opened. */
    vt_send(t, "张三丰");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 11  Taken in", WAIT_MS);
    VT_ASSERT_TEXT(t, "夜间电梯停运，老人被困楼上", WAIT_MS);
    VT_ASSERT_TEXT(t, "Due: 12-02 24:00", WAIT_MS); /* three working days from Friday */

    step(t, "1", "Assign to a department");
    vt_key(t, "Right"); /* 保安部 */
    save_and_expect(t, "No. 11  Assigned");
    VT_ASSERT_TEXT(t, "Department: 保安部", WAIT_MS);

    rectify(t, "加派夜班电梯维保人员", "电梯恢复运行");
    VT_ASSERT_TEXT(t, "Due: 12-11 24:00", WAIT_MS); /* the visit, two weeks on */

    visit(t, 2, "夜里仍有停运", "No. 11  Reopened");
    VT_ASSERT_TEXT(t, "Visited, dissatisfied: reopened", WAIT_MS);
    VT_ASSERT_TEXT(t, "Due: 12-02 24:00", WAIT_MS);

    rectify(t, "更换电梯控制主板", "连续三晚运行正常");
    visit(t, 0, "业主满意", "No. 11  Visited");

    step(t, "1", "Close complaint No. 11?");
    vt_key(t, "Left");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 11  Closed", WAIT_MS);
    /* The history is all there: both rectifications and both visits. */
    VT_ASSERT_TEXT(t, "加派夜班电梯维保人员", WAIT_MS);
    VT_ASSERT_TEXT(t, "更换电梯控制主板", WAIT_MS);
    VT_ASSERT_TEXT(t, "Dissatisfied", WAIT_MS);
    VT_ASSERT_TEXT(t, "业主满意", WAIT_MS);
    vt_close(t);
}
END_TEST

START_TEST(test_closing_before_the_visit_is_not_offered_and_overdue_leads)
{
    desk d;
    make_desk(&d, "views");
    vt_term *t = open_console(&d);
    login(t, "1001", "1111");
    open_complaints(t);
    /* Soonest due first: the two overdue ones lead, marked. */
    VT_ASSERT_ROW(t, 5, " 2     11-23 24:00 Assigned Overdue  顾磊       A-1302   卫生间水管爆裂，报修…",
                  WAIT_MS);
    VT_ASSERT_ROW(t, 6, " 8     11-26 24:00 Assigned Overdue  陈军       A-103    保洁员在电梯厅大声训…",
                  WAIT_MS);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "View: Overdue", WAIT_MS);
    VT_ASSERT_TEXT(t, "2 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No. 2  Assigned", WAIT_MS);
    VT_ASSERT_TEXT(t, "1 Record the rectification", WAIT_MS);
    char *screen = vt_screen(t);
    ck_assert_msg(!strstr(screen, "Close the complaint"), "closing offered before a visit");
    free(screen);
    vt_close(t);
}
END_TEST

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

int main(void)
{
    if (!mkdtemp(scratch)) {
        perror("mkdtemp");
        return EXIT_FAILURE;
    }
    Suite *suite = suite_create("complaints_e2e");
    TCase *tc = tcase_create("complaints");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_complaint_from_intake_to_close);
    tcase_add_test(tc, test_closing_before_the_visit_is_not_offered_and_overdue_leads);
    suite_add_tcase(suite, tc);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    nftw(scratch, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
