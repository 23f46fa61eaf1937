/* Printing from the console end to end: the real frontdesk in an 80x24 pseudo-terminal
 * on a demo database under a fixed clock (2026-11-27 09:30), with a site configuration
 * that names no printer, so a report is saved as a PDF in $XDG_DATA_HOME. The print
 * key shows the text version in a preview — the report's title and page header — and
 * the choice that follows saves it; the path on the message line is a PDF that
 * pdftotext reads the title from. Once for the day's visitor log, as a receptionist;
 * once for the shift's handover report, as the duty manager. */
#include "vt.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { WAIT_MS = 5000, PDF_WAIT_MS = 20000, ROWS = 24, COLS = 80 };

/* Rows of the preview: the box's top edge, the text's first three lines (the page
 * header: title, site and date, rule), and the message line under the box. */
enum { BOX_ROW = 1, TITLE_ROW = 2, SITE_ROW = 3, RULE_ROW = 4, MESSAGE_ROW = ROWS - 3 };

static const char now[] = "FRONTDESK_NOW=2026-11-27 09:30";
static const char saved[] = "Saved as ";

/* Kept short: the saved file's path must fit on the message line of 80 columns. */
typedef struct desk {
    char dir[32], db[64], config[64], data[48], home[48];
} desk;

static const char *frontdesk_bin(void)
{
    const char *bin = getenv("FRONTDESK_BIN");
    ck_assert_msg(bin && *bin, "FRONTDESK_BIN is not set");
    return bin;
}

static int run_demo(const desk *d)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        putenv((char *)now);
        execl(frontdesk_bin(), frontdesk_bin(), "--db", d->db, "demo", (char *)NULL);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A demo database and a configuration without a printer, in a folder of their own that
 * is also where reports are saved. */
static void make_desk(desk *d)
{
    snprintf(d->dir, sizeof d->dir, "/tmp/fdp-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(d->dir));
    snprintf(d->db, sizeof d->db, "%s/demo.db", d->dir);
    snprintf(d->config, sizeof d->config, "%s/frontdesk.cfg", d->dir);
    snprintf(d->data, sizeof d->data, "XDG_DATA_HOME=%s", d->dir);
    /* Not above the reports: the path is shown in full, not as "~/…". */
    snprintf(d->home, sizeof d->home, "HOME=%s/home", d->dir);
    FILE *f = fopen(d->config, "w");
    ck_assert_ptr_nonnull(f);
    fputs("printer = \"\";\n", f);
    fclose(f);
    ck_assert_int_eq(run_demo(d), 0);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_desk(const desk *d)
{
    nftw(d->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static vt_term *log_in(const desk *d, const char *number, const char *pin)
{
    const char *const argv[] = {frontdesk_bin(), "--db", d->db, "--config", d->config, NULL};
    const char *const env[] = {"LANGUAGE=en", now, d->data, d->home, NULL};
    vt_term *t = vt_spawn(argv, env, ROWS, COLS);
    ck_assert_ptr_nonnull(t);
    VT_ASSERT_TEXT(t, "Staff number", WAIT_MS);
    vt_send(t, number);
    vt_key(t, "Enter");
    vt_send(t, pin);
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "Main menu", WAIT_MS);
    return t;
}

static bool row_has(vt_term *t, int row, const char *text)
{
    char *line = vt_row(t, row);
    bool found = strstr(line, text) != NULL;
    free(line);
    return found;
}

static long ms_since(const struct timespec *start)
{
    struct timespec now_ts;
    clock_gettime(CLOCK_MONOTONIC, &now_ts);
    return (now_ts.tv_sec - start->tv_sec) * 1000 + (now_ts.tv_nsec - start->tv_nsec) / 1000000;
}

/* Waits for row to hold text: a screen arrives in pieces. */
static void assert_row_has(vt_term *t, int row, const char *text)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (!row_has(t, row, text)) {
        if (ms_since(&start) > WAIT_MS)
            VT_FAIL_(t, "row %d lacks \"%s\"", row, text);
        vt_settle(t, 20, 100);
    }
}

/* The preview of a report: its title over the box and, in the text, the page header. */
static void assert_preview(vt_term *t, const char *box_title, const char *report_title)
{
    VT_ASSERT_TEXT(t, box_title, PDF_WAIT_MS);
    assert_row_has(t, BOX_ROW, box_title);
    assert_row_has(t, TITLE_ROW, report_title);
    assert_row_has(t, SITE_ROW, "北辰澜桥国际花园");
    assert_row_has(t, RULE_ROW, "==========");
    VT_ASSERT_TEXT(t, "print or save", WAIT_MS);
}

/* Enter, then "Save as a PDF file" (the first choice without a printer): the path said
 * on the message line (caller frees). */
static char *save_as_pdf(vt_term *t)
{
    vt_key(t, "Enter");
    VT_ASSERT_TEXT(t, "No printer is configured", WAIT_MS);
    VT_ASSERT_TEXT(t, "1  Save as a PDF file", WAIT_MS);
    vt_send(t, "1");
    VT_ASSERT_TEXT(t, saved, PDF_WAIT_MS);
    VT_ASSERT_GONE(t, "print or save", WAIT_MS);
    assert_row_has(t, MESSAGE_ROW, ".pdf");
    char *line = vt_row(t, MESSAGE_ROW);
    char *at = strstr(line, saved);
    if (!at)
        VT_FAIL_(t, "no \"%s\" on row %d", saved, MESSAGE_ROW);
    char *path = strdup(at + strlen(saved));
    free(line);
    return path;
}

/* What pdftotext reads from the file (caller frees). */
static char *pdf_text(const char *path)
{
    char command[512];
    snprintf(command, sizeof command, "pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
    FILE *p = popen(command, "r");
    ck_assert_ptr_nonnull(p);
    size_t size = 0, capacity = 1 << 16;
    char *text = malloc(capacity);
    size_t n;
    while ((n = fread(text + size, 1, capacity - size - 1, p)) > 0) {
        size += n;
        if (capacity - size < 4096)
            text = realloc(text, capacity *= 2);
    }
    text[size] = '\0';
    ck_assert_int_eq(pclose(p), 0);
    return text;
}

static void assert_saved(const desk *d, const char *path, const char *name, const char *title)
{
    char reports[96];
    snprintf(reports, sizeof reports, "%s/frontdesk/reports/", d->dir);
    ck_assert_msg(strncmp(path, reports, strlen(reports)) == 0, "saved as %s, not in %s", path, reports);
    ck_assert_msg(strstr(path, name) && strcmp(path + strlen(path) - 4, ".pdf") == 0, "saved as %s", path);
    ck_assert_msg(access(path, R_OK) == 0, "%s is not there", path);
    char *text = pdf_text(path);
    ck_assert_msg(strstr(text, title), "no \"%s\" in %s:\n%s", title, path, text);
    ck_assert_msg(strstr(text, "北辰澜桥国际花园"), "no site in %s", path);
    free(text);
}

START_TEST(the_visitor_log_is_previewed_and_saved_as_a_pdf)
{
    desk d;
    make_desk(&d);
    vt_term *t = log_in(&d, "1001", "1111");
    vt_key(t, "^V");
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "^R");
    assert_preview(t, "Print preview: Visitor log, 2026-11-27", "Visitor log");
    /* Sideways to the date at the right end of the 132-column page header. */
    for (int i = 0; i < 6; i++)
        vt_key(t, "Right");
    VT_ASSERT_TEXT(t, "columns 57\u2013132 of 132", WAIT_MS);
    assert_row_has(t, SITE_ROW, "2026-11-27");
    /* Down to the page's footer. */
    vt_key(t, "End");
    VT_ASSERT_TEXT(t, "Page 1 of 1", WAIT_MS);
    char *path = save_as_pdf(t);
    assert_saved(&d, path, "daily-visitors-2026-11-27", "Visitor log");
    /* Back on the visitor log, which prints again on the same key. */
    VT_ASSERT_TEXT(t, "Inside now", WAIT_MS);
    vt_key(t, "^R");
    VT_ASSERT_TEXT(t, "print or save", PDF_WAIT_MS);
    vt_key(t, "Esc");
    VT_ASSERT_GONE(t, "print or save", WAIT_MS);
    free(path);
    vt_close(t);
    remove_desk(&d);
}
END_TEST

START_TEST(the_handover_report_is_printed_from_the_book)
{
    desk d;
    make_desk(&d);
    vt_term *t = log_in(&d, "2001", "2222");
    vt_key(t, "F12");
    VT_ASSERT_TEXT(t, "Shift No. ", WAIT_MS);
    vt_key(t, "^R");
    assert_preview(t, "Print preview: Shift handover report, shift No. ", "Shift handover report");
    VT_ASSERT_TEXT(t, "Outgoing duty manager: 张伟", WAIT_MS);
    char *path = save_as_pdf(t);
    assert_saved(&d, path, "/handover-", "Shift handover report");
    char *text = pdf_text(path);
    ck_assert_ptr_nonnull(strstr(text, "张伟 (2001)")); /* who printed it */
    free(text);
    free(path);
    vt_close(t);
    remove_desk(&d);
}
END_TEST

static Suite *print_suite(void)
{
    Suite *s = suite_create("print e2e");
    TCase *tc = tcase_create("print");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, the_visitor_log_is_previewed_and_saved_as_a_pdf);
    tcase_add_test(tc, the_handover_report_is_printed_from_the_book);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(print_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
