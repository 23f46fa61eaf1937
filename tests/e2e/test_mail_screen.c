/* Mail end to end: the real frontdesk in a pseudo-terminal on a demo database under a
 * fixed clock (Friday 2026-11-27 10:00: the demo's courier drop of that day has not
 * come yet, so every parcel of the day is the test's). A batch of five parcels is
 * signed for with tracking numbers typed as a barcode scanner types them (digits, then
 * Enter); two go out together to their recipient, one to a proxy; sixteen days later
 * one of those left is past the return limit and goes back to the carrier. The daily
 * register and the export must tell the same story. The interface is English
 * (LANGUAGE=en); names are Chinese. */
#include "vt.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { WAIT_MS = 5000, ROWS = 24, COLS = 80, EXPORT_MAX = 1 << 20 };

static const char day_one[] = "FRONTDESK_NOW=2026-11-27 10:00";
static const char day_seventeen[] = "FRONTDESK_NOW=2026-12-13 10:00";
static char scratch[64] = "/tmp/frontdesk-mail-XXXXXX";

/* Recipients typed in free text: none of them is in the demo directory. */
static const struct {
    const char *tracking, *recipient, *shelf;
} parcels[5] = {
    {"SF202611270001", "王五", "A1"}, {"SF202611270002", "王五", "A1"},
    {"SF202611270003", "赵六", "A2"}, {"SF202611270004", "孙七", "A2"},
    {"SF202611270005", "周八", "A3"},
};

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

/* Runs the binary with args under the fixed clock and env (NULL-terminated, may be
 * NULL); its standard output goes to out (size bytes, NUL-terminated; NULL: thrown
 * away). Returns its exit status. */
static int run(const char *const args[], const char *const env[], char *out, size_t size)
{
    int pipe_fd[2];
    ck_assert_int_eq(pipe(pipe_fd), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(out ? pipe_fd[1] : null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        close(pipe_fd[0]);
        putenv((char *)day_one);
        for (size_t i = 0; env && env[i]; i++)
            putenv((char *)env[i]);
        execv(args[0], (char *const *)args);
        _exit(127);
    }
    close(pipe_fd[1]);
    size_t used = 0;
    ssize_t n;
    char sink[4096];
    while ((n = read(pipe_fd[0], out ? out + used : sink, out ? size - 1 - used : sizeof sink)) > 0)
        used += out ? (size_t)n : 0;
    if (out)
        out[used] = '\0';
    close(pipe_fd[0]);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A fresh demo database and an empty configuration file (the built-in defaults:
 * carriers 顺丰速运 first, return after 15 days). */
static void make_desk(desk *d, const char *name)
{
    snprintf(d->db, sizeof d->db, "%s/%s.db", scratch, name);
    snprintf(d->config, sizeof d->config, "%s/%s.cfg", scratch, name);
    FILE *f = fopen(d->config, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    const char *const args[] = {frontdesk_bin(), "--db", d->db, "demo", NULL};
    ck_assert_int_eq(run(args, NULL, NULL, 0), 0);
}

static vt_term *open_console(const desk *d, const char *now)
{
    const char *const argv[] = {frontdesk_bin(), "--db", d->db, "--config", d->config, NULL};
    const char *const env[] = {"LANGUAGE=en", now, NULL};
    vt_term *t = vt_spawn(argv, env, ROWS, COLS);
    ck_assert_ptr_nonnull(t);
    return t;
}

static void login_to_mail(vt_term *t)
{
    VT_ASSERT_TEXT(t, "Staff number", WAIT_MS);
    vt_send(t, "1001");
    vt_key(t, "Enter");
    vt_send(t, "1111");
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Main menu", WAIT_MS);
    vt_key(t, "^P");
    VT_ASSERT_TEXT(t, "Held now, by recipient", WAIT_MS);
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
        vt_key(t, "F2");
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
    vt_key(t, "Esc");

    /* 钱九 collects 赵六's parcel: a proxy, refused until phone and relationship are given. */
    narrow(t, "赵六", "1 found");
    vt_key(t, "F11");
    sign_and_save(t, "钱九");
    VT_ASSERT_TEXT(t, "钱九 is not the recipient of SF202611270003 (赵六)", WAIT_MS);
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
    narrow(t, "孙七", "1 found");
    VT_ASSERT_TEXT(t, "16 d return", WAIT_MS);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Mail item", WAIT_MS);
    VT_ASSERT_TEXT(t, "Return to sender", WAIT_MS);
    vt_send(t, "3");
    VT_ASSERT_TEXT(t, "Past the time an item is kept", WAIT_MS);
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Returned to the sender and recorded.", WAIT_MS);
    VT_ASSERT_TEXT(t, "Returned to sender: 顺丰速运", WAIT_MS);
    vt_key(t, "Esc");
    vt_key(t, "Esc");

    vt_key(t, "F5");
    vt_key(t, "F5");
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
    snprintf(row, sizeof row, "%-20s%8d %11d %9d", "Express parcel", 0, 0, 1);
    VT_ASSERT_TEXT(t, row, WAIT_MS);
    for (int i = 0; i < 16; i++)
        vt_key(t, "Left");
    VT_ASSERT_TEXT(t, "2026-11-27", WAIT_MS);
    snprintf(row, sizeof row, "%-20s%8d %11d %9d", "Express parcel", 5, 3, 0);
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

static void check_export(const desk *d)
{
    char *csv = malloc(EXPORT_MAX);
    const char *const args[] = {frontdesk_bin(), "--db", d->db, "export", "mail", "--from",
                                "2026-11-27", "--to", "2026-11-27", "--as", "2001", NULL};
    const char *const env[] = {"FRONTDESK_PIN=2222", "LANGUAGE=en", NULL};
    ck_assert_int_eq(run(args, env, csv, EXPORT_MAX), 0);
    static const char *const states[5] = {",collected,", ",collected,", ",collected_by_proxy,",
                                          ",returned,", ",held,"};
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
        if (strstr(line, ",express,")) {
            express++;
            out += strstr(line, ",collected,") || strstr(line, ",collected_by_proxy,");
        }
    }
    ck_assert_int_eq(express, 5);
    ck_assert_int_eq(out, 3);
    free(csv);
}

START_TEST(test_a_batch_from_intake_to_return)
{
    desk d;
    make_desk(&d, "batch");
    vt_term *t = open_console(&d, day_one);
    login_to_mail(t);
    sign_for_the_batch(t);
    hand_out(t);
    vt_close(t);

    t = open_console(&d, day_seventeen);
    login_to_mail(t);
    return_the_forgotten(t);
    check_register(t);
    vt_close(t);
    check_export(&d);
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
    Suite *suite = suite_create("mail_e2e");
    TCase *tc = tcase_create("mail");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_a_batch_from_intake_to_return);
    suite_add_tcase(suite, tc);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    nftw(scratch, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
