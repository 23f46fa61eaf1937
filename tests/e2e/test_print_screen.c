/* Printing from the console end to end: the real frontdesk in an 80x24 pseudo-terminal
 * on a demo database under a fixed clock (2026-11-27 09:30), with a site configuration
 * that names no printer, so a report is saved as a PDF in $XDG_DATA_HOME. The print
 * key shows the text version in a preview — the report's title and page header — and
 * the choice that follows saves it; the path on the message line is a PDF that
 * pdftotext reads the title from. Once for the day's visitor log, as a receptionist;
 * once for the shift's handover report, as the duty manager. */
#include "command_output.h"
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { WAIT_MS = DESK_WAIT_MS, PDF_WAIT_MS = 20000 };

/* Rows of the preview: the box's top edge, the text's first three lines (the page
 * header: title, site and date, rule), and the message line under the box. */
enum { BOX_ROW = 1, TITLE_ROW = 2, SITE_ROW = 3, RULE_ROW = 4, MESSAGE_ROW = DESK_ROWS - 3 };

static const char saved[] = "Saved as ";

/* A demo desk whose configuration names no printer: a report is saved as a PDF file
 * under the desk's folder. */
static void make_desk(desk *d)
{
    desk_make(d, "2026-11-27 09:30", "printer = \"\";\n");
}

/* Waits for row to hold text: a screen arrives in pieces. */
static void assert_row_has(vt_term *t, int row, const char *text)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (!desk_row_has(t, row, text)) {
        if (desk_elapsed_ms(&start) > WAIT_MS)
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
static void assert_saved(const desk *d, const char *path, const char *name, const char *title)
{
    char reports[96];
    snprintf(reports, sizeof reports, "%s/frontdesk/reports/", d->dir);
    ck_assert_msg(strncmp(path, reports, strlen(reports)) == 0, "saved as %s, not in %s", path, reports);
    ck_assert_msg(strstr(path, name) && strcmp(path + strlen(path) - 4, ".pdf") == 0, "saved as %s", path);
    ck_assert_msg(access(path, R_OK) == 0, "%s is not there", path);
    char *text = pdf_text_of(path);
    ck_assert_msg(strstr(text, title), "no \"%s\" in %s:\n%s", title, path, text);
    ck_assert_msg(strstr(text, "北辰澜桥国际花园"), "no site in %s", path);
    free(text);
}

START_TEST(the_visitor_log_is_previewed_and_saved_as_a_pdf)
{
    desk d;
    make_desk(&d);
    vt_term *t = desk_open_as(&d, "1001", "1111");
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
    desk_quit(t);
}
END_TEST

START_TEST(the_handover_report_is_printed_from_the_book)
{
    desk d;
    make_desk(&d);
    vt_term *t = desk_open_as(&d, "2001", "2222");
    vt_key(t, "F12");
    VT_ASSERT_TEXT(t, "Shift No. ", WAIT_MS);
    vt_key(t, "^R");
    assert_preview(t, "Print preview: Shift handover report, shift No. ", "Shift handover report");
    VT_ASSERT_TEXT(t, "Outgoing duty manager: 张伟", WAIT_MS);
    char *path = save_as_pdf(t);
    assert_saved(&d, path, "/handover-", "Shift handover report");
    char *text = pdf_text_of(path);
    ck_assert_ptr_nonnull(strstr(text, "张伟 (2001)")); /* who printed it */
    free(text);
    free(path);
    desk_quit(t);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {the_visitor_log_is_previewed_and_saved_as_a_pdf,
                                  the_handover_report_is_printed_from_the_book, NULL};
    return desk_main(desk_suite("print", tests));
}
