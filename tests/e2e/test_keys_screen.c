/* Key loans end to end: the real frontdesk in a pseudo-terminal, on a demo database
 * made under a fixed clock (a Friday morning), driven by key presses. A key lent with
 * the duty manager's PIN in place and taken back; a key that goes overdue when the
 * clock is set past the curfew; an emergency loan of an owner's spare key with two
 * calls before it is handed over; and the export, which must say what the screen did. */
#include "vt.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { WAIT_MS = 5000, ROWS = 24, COLS = 80 };

static const char morning[] = "FRONTDESK_NOW=2026-11-27 10:00";
static const char evening[] = "FRONTDESK_NOW=2026-11-27 18:30";

static char scratch[64] = "/tmp/frontdesk-keys-XXXXXX";

typedef struct desk {
    char dir[128], db[160], config[160];
} desk;

static const char *frontdesk_bin(void)
{
    const char *bin = getenv("FRONTDESK_BIN");
    ck_assert_msg(bin && *bin, "FRONTDESK_BIN is not set");
    return bin;
}

/* Runs the binary with args under env (NULL-terminated "NAME=value" entries), its
 * output thrown away; returns its exit status. */
static int run_quiet(const char *const args[], const char *const env[])
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        for (const char *const *e = env; *e; e++)
            putenv((char *)*e);
        execv(args[0], (char *const *)args);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void make_desk(desk *d)
{
    snprintf(d->dir, sizeof d->dir, "%s/desk-XXXXXX", scratch);
    ck_assert_ptr_nonnull(mkdtemp(d->dir));
    snprintf(d->db, sizeof d->db, "%s/demo.db", d->dir);
    snprintf(d->config, sizeof d->config, "%s/frontdesk.cfg", d->dir);
    FILE *f = fopen(d->config, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    const char *const args[] = {frontdesk_bin(), "--db", d->db, "demo", NULL};
    const char *const env[] = {morning, NULL};
    ck_assert_int_eq(run_quiet(args, env), 0);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* The console at now, logged in as the receptionist, on the key loans screen. */
static vt_term *open_keys(const desk *d, const char *now)
{
    const char *const argv[] = {frontdesk_bin(), "--db", d->db, "--config", d->config, NULL};
    const char *const env[] = {"LANGUAGE=en", now, NULL};
    vt_term *t = vt_spawn(argv, env, ROWS, COLS);
    ck_assert_ptr_nonnull(t);
    VT_ASSERT_TEXT(t, "Staff number", WAIT_MS);
    vt_send(t, "1001");
    vt_key(t, "Enter");
    vt_send(t, "1111");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Main menu", WAIT_MS);
    vt_key(t, "F8");
    VT_ASSERT_TEXT(t, "Key loans", WAIT_MS);
    VT_ASSERT_TEXT(t, "Search:", WAIT_MS);
    return t;
}

static bool screen_has(vt_term *t, const char *text)
{
    char *screen = vt_screen(t);
    bool found = strstr(screen, text) != NULL;
    free(screen);
    return found;
}

/* The loan number in "Loan No. 21…" on the screen. */
static long shown_loan(vt_term *t)
{
    char *screen = vt_screen(t);
    const char *at = strstr(screen, "Loan No. ");
    long n = at ? strtol(at + 9, NULL, 10) : 0;
    free(screen);
    ck_assert_int_gt(n, 0);
    return n;
}

/* The duty manager enters number and PIN in the approval dialog. */
static void approve_in_place(vt_term *t)
{
    VT_ASSERT_TEXT(t, "Supervisor approval", WAIT_MS);
    vt_send(t, "2001");
    vt_key(t, "Tab");
    vt_send(t, "2222");
    vt_key(t, "Enter");
}

/* A new loan of tag to borrower for reason (Right presses from the first reason). */
static void fill_loan(vt_term *t, const char *tag, const char *borrower, int reason, bool emergency,
                      const char *note)
{
    vt_key(t, "F4");
    VT_ASSERT_TEXT(t, "New key loan", WAIT_MS);
    vt_send(t, tag);
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, borrower);
    vt_key(t, "Tab");
    vt_send(t, "工程部");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    for (int i = 0; i < reason; i++)
        vt_key(t, "Right");
    vt_key(t, "Tab");
    if (emergency)
        vt_key(t, "Right");
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, note);
    vt_key(t, "F2");
    /* Receptionists ask a manager: "Consent now" is the left button. */
    VT_ASSERT_TEXT(t, "Leave it waiting", WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
    approve_in_place(t);
}

/* Runs the export as the duty manager and returns the file's text (caller frees). */
static char *export_today(const desk *d)
{
    char out[200];
    snprintf(out, sizeof out, "%s/keys.csv", d->dir);
    const char *const args[] = {frontdesk_bin(), "--db", d->db, "export", "keys", "--from", "2026-11-27",
                                "--to", "2026-11-27", "--output", out, "--as", "2001", NULL};
    const char *const env[] = {evening, "FRONTDESK_PIN=2222", "LANGUAGE=en", NULL};
    ck_assert_int_eq(run_quiet(args, env), 0);
    FILE *f = fopen(out, "rb");
    ck_assert_ptr_nonnull(f);
    char *text = calloc(1, 65536);
    size_t n = fread(text, 1, 65535, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* The export's line for a loan ("N,…"), or NULL. */
static const char *export_line(const char *csv, long loan)
{
    char start[32];
    snprintf(start, sizeof start, "\n%ld,", loan);
    const char *at = strstr(csv, start);
    return at ? at + 1 : NULL;
}

START_TEST(lend_with_consent_in_place_and_take_back)
{
    desk d;
    make_desk(&d);
    vt_term *t = open_keys(&d, morning);
    VT_ASSERT_TEXT(t, "Out 2", WAIT_MS);
    fill_loan(t, "p-01", "王师傅", 2, false, "水泵巡检");
    VT_ASSERT_TEXT(t, "the keys are handed over", WAIT_MS);
    long loan = shown_loan(t);
    VT_ASSERT_TEXT(t, "Out 3", WAIT_MS);
    VT_ASSERT_TEXT(t, "11-27 18:00", WAIT_MS); /* due back by the curfew */

    /* Find it by its tag, open its loan, take the keys back. */
    vt_send(t, "P-01");
    vt_key(t, "Enter");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Key loan No.", WAIT_MS);
    VT_ASSERT_TEXT(t, "张伟", WAIT_MS); /* who consented */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Take the keys back", WAIT_MS);
    vt_send(t, "1");
    VT_ASSERT_TEXT(t, "Brought back by", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "the keys are back", WAIT_MS);
    VT_ASSERT_TEXT(t, "received by 李娜", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "Out 2", WAIT_MS);
    vt_close(t);

    char *csv = export_today(&d);
    const char *row = export_line(csv, loan);
    ck_assert_msg(row != NULL, "loan %ld not exported:\n%s", loan, csv);
    ck_assert_ptr_nonnull(strstr(row, ",P-01,"));
    ck_assert_ptr_nonnull(strstr(row, ",王师傅,工程部,"));
    ck_assert_ptr_nonnull(strstr(row, ",returned,张伟,"));
    ck_assert_ptr_nonnull(strstr(row, ",2026-11-27 18:00,"));
    free(csv);
    remove_tree(d.dir);
}
END_TEST

START_TEST(a_key_not_back_by_the_curfew_is_overdue)
{
    desk d;
    make_desk(&d);
    vt_term *t = open_keys(&d, morning);
    VT_ASSERT_TEXT(t, "Overdue 1", WAIT_MS); /* the demo's: out since yesterday */
    fill_loan(t, "P-07", "赵桂兰", 1, false, "会议室保洁");
    VT_ASSERT_TEXT(t, "the keys are handed over", WAIT_MS);
    VT_ASSERT_TEXT(t, "Out 3", WAIT_MS);
    ck_assert(!screen_has(t, "Overdue 2"));
    vt_key(t, "F10");
    VT_ASSERT_EXIT(t, 0, WAIT_MS);
    vt_close(t);

    /* The same desk at 18:30: the key is overdue, counted, marked and listed. (The
     * status line's counter calls the same core count, fd_keys_count_overdue.) */
    t = open_keys(&d, evening);
    VT_ASSERT_TEXT(t, "Overdue 2", WAIT_MS);
    vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "2 found", WAIT_MS);
    VT_ASSERT_TEXT(t, "P-07", WAIT_MS);
    VT_ASSERT_TEXT(t, "!Overdue", WAIT_MS);
    vt_close(t);

    char *csv = export_today(&d);
    const char *row = strstr(csv, ",P-07,");
    ck_assert_ptr_nonnull(row);
    ck_assert_ptr_nonnull(strstr(row, ",out,"));
    ck_assert_ptr_nonnull(strstr(row, ",yes\r\n"));
    free(csv);
    remove_tree(d.dir);
}
END_TEST

START_TEST(an_emergency_records_two_calls_first)
{
    desk d;
    make_desk(&d);
    vt_term *t = open_keys(&d, morning);
    fill_loan(t, "A-1201-1", "吴海波", 0, true, "楼上跑水");
    VT_ASSERT_TEXT(t, "record the calls, then hand the keys over", WAIT_MS);
    long loan = shown_loan(t);
    VT_ASSERT_TEXT(t, "EMERGENCY", WAIT_MS);
    VT_ASSERT_TEXT(t, "none yet", WAIT_MS);

    /* Handing over before any call is refused by the core. */
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Hand the keys over", WAIT_MS);
    vt_send(t, "2");
    VT_ASSERT_TEXT(t, "before the key is used", WAIT_MS);

    /* The owner: no answer. */
    vt_key(t, "Enter");
    vt_send(t, "1");
    VT_ASSERT_TEXT(t, "Record a call", WAIT_MS);
    vt_key(t, "Tab");
    vt_key(t, "Right"); /* No answer */
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "No answer", WAIT_MS);
    /* Then another number the owner's neighbour gave: reached. */
    vt_key(t, "Enter");
    vt_send(t, "1");
    VT_ASSERT_TEXT(t, "Record a call", WAIT_MS);
    vt_key(t, "Right"); /* another number */
    VT_ASSERT_TEXT(t, "another number", WAIT_MS);
    vt_key(t, "Tab");
    vt_key(t, "Tab");
    vt_send(t, "业主妻子");
    vt_key(t, "Tab");
    vt_send(t, "13912345678");
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "139****5678  Reached", WAIT_MS);

    vt_key(t, "Enter");
    vt_send(t, "2");
    VT_ASSERT_TEXT(t, "the keys are handed over", WAIT_MS);
    VT_ASSERT_TEXT(t, "due back by 11-27 18:00", WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_TEXT(t, "A-1201-1", WAIT_MS);
    VT_ASSERT_TEXT(t, "Emergency", WAIT_MS);
    vt_close(t);

    char *csv = export_today(&d);
    const char *row = export_line(csv, loan);
    ck_assert_msg(row != NULL, "loan %ld not exported:\n%s", loan, csv);
    ck_assert_ptr_nonnull(strstr(row, ",A-1201-1,A-1201,"));
    ck_assert_ptr_nonnull(strstr(row, ",yes,out,张伟,"));
    /* Requested by, two calls, and overdue: the export runs at 18:30, the key still out. */
    ck_assert_ptr_nonnull(strstr(row, ",李娜,2,yes\r\n"));
    free(csv);
    remove_tree(d.dir);
}
END_TEST

START_TEST(the_register_finds_a_scanned_tag)
{
    desk d;
    make_desk(&d);
    vt_term *t = open_keys(&d, morning);
    for (int i = 0; i < 4; i++)
        vt_key(t, "F5");
    VT_ASSERT_TEXT(t, "Custodian", WAIT_MS);
    vt_send(t, "m-t2");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "1 found", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Key M-T2", WAIT_MS);
    VT_ASSERT_TEXT(t, "Copy made", WAIT_MS);
    VT_ASSERT_TEXT(t, "李娜 / 刘洋", WAIT_MS); /* recorded by, approved by */
    vt_close(t);
    remove_tree(d.dir);
}
END_TEST

static Suite *keys_suite(void)
{
    Suite *s = suite_create("keys e2e");
    TCase *tc = tcase_create("keys");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, lend_with_consent_in_place_and_take_back);
    tcase_add_test(tc, a_key_not_back_by_the_curfew_is_overdue);
    tcase_add_test(tc, an_emergency_records_two_calls_first);
    tcase_add_test(tc, the_register_finds_a_scanned_tag);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    if (!mkdtemp(scratch)) {
        perror("mkdtemp");
        return EXIT_FAILURE;
    }
    SRunner *runner = srunner_create(keys_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    remove_tree(scratch);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
