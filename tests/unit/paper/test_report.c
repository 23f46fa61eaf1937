/* The report renderers: a 500-row table of Chinese names, long paragraphs and a row
 * taller than a page, rendered to PDF (read back with poppler's pdftotext, pdffonts
 * and pdftoppm) and to plain text (read back by display columns). */
#include <dirent.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "frontdesk/i18n.h"
#include "frontdesk/report.h"
#include "paper_check.h"
#include "testlib.h"

enum { ROWS = 500, TALL_LINES = 150, SPLIT_EVERY = 7 };

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                       "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "欧阳"};
static const char *const given[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军",
                                    "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"};

static const fd_report_column columns[] = {
    {"序号", 1.0}, {"来访人姓名", 1.4}, {"证件号码", 2.2}, {"联系电话", 1.5},
    {"被访人", 1.3}, {"来访事由", 2.6}, {"进入时间", 1.3},
};
#define COLUMNS (sizeof columns / sizeof columns[0])

/* ---- helpers ---- */

static void row_cells(int i, char cells[COLUMNS][512])
{
    snprintf(cells[0], 512, "V%04d", i);
    snprintf(cells[1], 512, "%s%s", surnames[i % 20], given[(i / 20 + i) % 20]);
    snprintf(cells[2], 512, "110105********%03dX", i % 1000);
    snprintf(cells[3], 512, "138****%04d", i);
    snprintf(cells[4], 512, "%s经理", surnames[(i + 7) % 20]);
    if (i % SPLIT_EVERY == 0)
        snprintf(cells[5], 512, "送货 V%04d-甲\n安装 V%04d-乙\n验收 V%04d-丙", i, i, i);
    else
        snprintf(cells[5], 512, "商务洽谈");
    snprintf(cells[6], 512, "11-27 %02d:%02d", 8 + i % 12, i % 60);
}

/* "第001句。…": a cell far taller than a page. */
static char *tall_text(void)
{
    size_t size = TALL_LINES * 40 + 1;
    char *text = malloc(size);
    text[0] = '\0';
    for (int i = 1; i <= TALL_LINES; i++) {
        char line[40];
        snprintf(line, sizeof line, "%s长行%03d", i > 1 ? "\n" : "", i);
        strcat(text, line);
    }
    return text;
}

/* A paragraph of Chinese and English long enough to wrap over many lines. */
static char *long_paragraph(void)
{
    static const char piece[] = "前台接待员应当热情礼貌地接待每一位来访人员，核对有效证件并如实登记；"
                                "the desk records every visitor with a valid document. ";
    size_t size = 30 * sizeof piece + 64;
    char *text = malloc(size);
    strcpy(text, "段落开始");
    for (int i = 0; i < 30; i++)
        strcat(text, piece);
    strcat(text, "段落结束");
    return text;
}

static fd_report *sample_report(int rows, bool with_tall)
{
    fd_report *r = fd_report_new("北辰澜桥国际花园", "访客登记表", "2026-11-27");
    fd_actor who = {.staff_id = 2, .role = FD_ROLE_RECEPTIONIST};
    snprintf(who.number, sizeof who.number, "1001");
    snprintf(who.name, sizeof who.name, "李娜");
    fd_report_set_printed(r, fd_time_from_local(2026, 11, 28, 8, 0, 0), &who);
    fd_chain_head head = {.entries = 4242};
    memset(head.hash, 'a', 64);
    head.hash[63] = 'f';
    head.hash[64] = '\0';
    fd_report_set_chain_head(r, &head);
    fd_report_heading(r, "当日访客");
    fd_report_field(r, "班次", "2026-11-27 白班（08:00–20:00）", FD_STYLE_PLAIN);
    fd_report_field(r, "跟进", "请继续跟进：A 座 1203 漏水", FD_STYLE_RED);
    fd_report_table *t = fd_report_table_new(r, columns, COLUMNS);
    for (int i = 1; i <= rows; i++) {
        char cells[COLUMNS][512];
        row_cells(i, cells);
        const char *values[COLUMNS];
        unsigned styles[COLUMNS] = {0};
        for (size_t c = 0; c < COLUMNS; c++)
            values[c] = cells[c];
        styles[5] = i % 50 == 0 ? FD_STYLE_RED : FD_STYLE_PLAIN;
        fd_report_row(t, values, styles);
        if (with_tall && i == rows / 2) {
            char *tall = tall_text();
            const char *big[COLUMNS] = {"V-TALL", "特别长", "", "", "", tall, ""};
            fd_report_row(t, big, NULL);
            free(tall);
        }
    }
    char *para = long_paragraph();
    fd_report_heading(r, "说明");
    fd_report_paragraph(r, para, FD_STYLE_PLAIN);
    free(para);
    const char *const sign[] = {"交班人", "时间"};
    fd_report_signatures(r, sign, 2);
    return r;
}

static void write_pdf(const fd_report *r, const char *path)
{
    FILE *out = fopen(path, "wb");
    ck_assert_ptr_nonnull(out);
    fd_error err = {0};
    ck_assert_msg(fd_report_write_pdf(r, out, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(fclose(out), 0);
}

/* ---- PDF ---- */

START_TEST(pdf_keeps_every_row_and_repeats_the_header)
{
    fd_report *r = sample_report(ROWS, true);
    const char *path = testlib_path("visitors.pdf");
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    write_pdf(r, path);
    printf("report: 500-row PDF rendered in %.2f s\n", paper_seconds_since(&start));
    fd_report_free(r);

    int pages = paper_pdf_pages(path);
    ck_assert_int_gt(pages, 10);
    char *text = pdf_text_of(path), *copy = strdup(text);
    char **page = calloc((size_t)pages + 2, sizeof *page);
    ck_assert_int_eq(paper_split_pages(copy, page, pages + 2), pages);

    for (int i = 0; i < pages; i++) {
        char expect[64];
        snprintf(expect, sizeof expect, _("Page %d of %d"), i + 1, pages);
        ck_assert_msg(paper_count(page[i], expect) == 1, "page %d lacks \"%s\"", i + 1, expect);
        ck_assert_msg(strstr(page[i], "北辰澜桥国际花园"), "page %d lacks the site", i + 1);
        ck_assert_msg(strstr(page[i], "访客登记表"), "page %d lacks the title", i + 1);
        ck_assert_msg(strstr(page[i], "2026-11-27"), "page %d lacks the date range", i + 1);
        ck_assert_msg(strstr(page[i], "李娜 (1001)"), "page %d lacks who printed it", i + 1);
        ck_assert_msg(strstr(page[i], "2026-11-28 08:00"), "page %d lacks when", i + 1);
    }
    /* The table runs from page 1 to the page before the paragraph: each has its header. */
    int last_table_page = paper_page_of(page, pages, "V0500");
    ck_assert_int_gt(last_table_page, 1);
    for (int i = 0; i < last_table_page; i++)
        ck_assert_msg(paper_count(page[i], "来访人姓名") == 1, "page %d: header row %d times", i + 1,
                      paper_count(page[i], "来访人姓名"));
    for (int i = 1; i <= ROWS; i++) {
        char id[16], name[64];
        snprintf(id, sizeof id, "V%04d", i);
        snprintf(name, sizeof name, "%s%s", surnames[i % 20], given[(i / 20 + i) % 20]);
        int on = paper_page_of(page, pages, id);
        ck_assert_msg(on > 0 && paper_count(text, id) == (i % SPLIT_EVERY == 0 ? 4 : 1),
                      "%s appears %d times", id, paper_count(text, id));
        ck_assert_msg(strstr(page[on - 1], name), "%s: name %s not on its page", id, name);
        if (i % SPLIT_EVERY == 0) {
            /* A row of three lines is never split across pages. */
            char line[32];
            snprintf(line, sizeof line, "V%04d-丙", i);
            ck_assert_msg(paper_page_of(page, pages, line) == on, "row %s split across pages", id);
        }
    }
    /* The row taller than a page: split between lines, every line once, in order,
     * and the header above its continuation. */
    int previous_page = 0;
    const char *previous = text;
    for (int i = 1; i <= TALL_LINES; i++) {
        char line[32];
        snprintf(line, sizeof line, "长行%03d", i);
        ck_assert_msg(paper_count(text, line) == 1, "%s appears %d times", line, paper_count(text, line));
        const char *at = strstr(text, line);
        ck_assert_msg(at > previous, "%s out of order", line);
        previous = at;
        int on = paper_page_of(page, pages, line);
        ck_assert_int_ge(on, previous_page);
        previous_page = on;
    }
    ck_assert_int_gt(previous_page, paper_page_of(page, pages, "长行001"));
    /* The closing line carries the chain head. */
    ck_assert_int_eq(paper_count(page[pages - 1],
                              "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaf"), 2);
    ck_assert_ptr_nonnull(strstr(page[pages - 1], "4242"));
    ck_assert_ptr_nonnull(strstr(page[pages - 1], "交班人"));
    free(page);
    free(copy);
    free(text);
}
END_TEST

/* The renderer is a module, loaded the first time a PDF is written: without it that
 * write fails with a message naming it, and the text rendering still works. (Check
 * runs each test in a process of its own, so this one loads the module afresh; it is
 * registered first for when it does not.) */
START_TEST(pdf_without_its_module_says_so)
{
    setenv("FRONTDESK_PDF_MODULE", "/nonexistent/frontdesk-pdf.so", 1);
    fd_report *r = sample_report(3, false);
    FILE *out = tmpfile();
    ck_assert_ptr_nonnull(out);
    fd_error err = {0};
    ck_assert_int_eq(fd_report_write_pdf(r, out, &err), FD_IO);
    ck_assert_msg(strstr(err.message, "PDF printing is not available") &&
                      strstr(err.message, "/nonexistent/frontdesk-pdf.so"),
                  "%s", err.message);
    ck_assert_int_eq(fd_report_write_text(r, 0, 0, out, &err), FD_OK);
    fclose(out);
    fd_report_free(r);
    unsetenv("FRONTDESK_PDF_MODULE");
}
END_TEST

START_TEST(pdf_embeds_the_cjk_fonts)
{
    fd_report *r = sample_report(20, false);
    const char *path = testlib_path("fonts.pdf");
    write_pdf(r, path);
    fd_report_free(r);
    paper_assert_fonts_embedded(path);
    char command[2048];
    snprintf(command, sizeof command, "pdffonts '%s'", path);
    char *fonts = command_output(command);
    /* A TrueType subset: a CFF CJK face costs the daily log most of its time. */
    ck_assert_msg(strstr(fonts, "CID TrueType") != NULL, "the CJK face is not TrueType:\n%s", fonts);
    free(fonts);
}
END_TEST

/* A desk without the TrueType face still prints Chinese, in Noto Sans CJK. Check runs
 * each test in a process of its own, so fontconfig first reads the configuration here. */
START_TEST(pdf_falls_back_to_noto_without_the_truetype_face)
{
    const char *conf = testlib_path("no-wqy.conf");
    FILE *f = fopen(conf, "w");
    ck_assert_ptr_nonnull(f);
    fputs("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n"
          "<fontconfig><include>/etc/fonts/fonts.conf</include><selectfont><rejectfont>"
          "<glob>*wqy*</glob></rejectfont></selectfont></fontconfig>\n",
          f);
    ck_assert_int_eq(fclose(f), 0);
    setenv("FONTCONFIG_FILE", conf, 1);
    fd_report *r = sample_report(20, false);
    const char *path = testlib_path("fallback.pdf");
    write_pdf(r, path);
    fd_report_free(r);
    char command[2048];
    snprintf(command, sizeof command, "pdffonts '%s'", path);
    char *fonts = command_output(command);
    ck_assert_msg(strstr(fonts, "NotoSansCJK") != NULL, "no Noto Sans CJK in:\n%s", fonts);
    ck_assert_msg(strstr(fonts, "WenQuanYi") == NULL, "the hidden face was used:\n%s", fonts);
    free(fonts);
    char *text = pdf_text_of(path);
    ck_assert_msg(strstr(text, "访客登记表") && strstr(text, "李芳"), "%s", text);
    free(text);
}
END_TEST

/* Table text is set at its size: four Chinese characters of an 8.5-point cell take
 * 4 × 8.5 points, not whole points each (pango's rounding, which spaces them 9 apart). */
START_TEST(pdf_sets_characters_at_their_size)
{
    fd_report *r = sample_report(3, false);
    const char *path = testlib_path("spacing.pdf");
    write_pdf(r, path);
    fd_report_free(r);
    char command[2048];
    snprintf(command, sizeof command, "pdftotext -enc UTF-8 -bbox -f 1 -l 1 '%s' -", path);
    char *boxes = command_output(command);
    const char *word = strstr(boxes, ">商务洽谈</word>");
    ck_assert_msg(word != NULL, "%s", boxes);
    const char *start = word;
    while (start > boxes && strncmp(start, "<word ", 6) != 0)
        start--;
    double x_min, y_min, x_max;
    ck_assert_int_eq(sscanf(start, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\"", &x_min, &y_min,
                            &x_max),
                     3);
    ck_assert_double_eq_tol(x_max - x_min, 4 * 8.5, 0.05);
    free(boxes);
}
END_TEST

START_TEST(pdf_wraps_long_paragraphs_whole)
{
    fd_report *r = fd_report_new("北辰澜桥国际花园", "说明", "2026-11-27");
    char *para = long_paragraph();
    for (int i = 0; i < 3; i++)
        fd_report_paragraph(r, para, FD_STYLE_PLAIN);
    const char *path = testlib_path("paragraph.pdf");
    write_pdf(r, path);
    fd_report_free(r);
    char *text = pdf_text_of(path), *body = paper_without_chrome(text, "北辰澜桥国际花园", "说明", "2026-11-27");
    char *flat = paper_squeezed(body), *want = paper_squeezed(para);
    ck_assert_int_gt(paper_pdf_pages(path), 1);
    ck_assert_int_eq(paper_count(flat, want), 3);
    free(body);
    free(flat);
    free(want);
    free(para);
    free(text);
}
END_TEST

START_TEST(follow_ups_print_in_red)
{
    fd_report *r = fd_report_new("北辰澜桥国际花园", "交接班报告", "2026-11-27");
    fd_report_paragraph(r, "一切正常", FD_STYLE_PLAIN);
    const char *plain = testlib_path("plain.pdf");
    write_pdf(r, plain);
    fd_report_field(r, "跟进", "请继续跟进：B 座电梯维修", FD_STYLE_RED);
    const char *red = testlib_path("red.pdf");
    write_pdf(r, red);
    fd_report_free(r);
    ck_assert(!paper_has_red(plain, 1));
    ck_assert(paper_has_red(red, 1));
}
END_TEST

/* ---- text ---- */

static char *text_of(const fd_report *r, int width, int lines)
{
    const char *path = testlib_path("report.txt");
    FILE *out = fopen(path, "wb");
    fd_error err = {0};
    ck_assert_msg(fd_report_write_text(r, width, lines, out, &err) == FD_OK, "%s", err.message);
    fclose(out);
    return paper_slurp_file(path);
}

START_TEST(text_columns_line_up_by_display_width)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    fd_report *r = sample_report(ROWS, true);
    char *text = text_of(r, FD_REPORT_TEXT_WIDTH, FD_REPORT_TEXT_LINES);
    fd_report_free(r);
    char *copy = strdup(text);
    char *page[400];
    int pages = paper_split_pages(copy, page, 400);
    ck_assert_int_gt(pages, 10);
    char header_seps[256] = "";
    for (int i = 0; i < pages; i++) {
        /* Exactly 66 lines, each ended, so a terminal starts the next page on a line of
         * its own; the form feed follows the last. */
        ck_assert_int_eq(paper_count(page[i], "\n"), 66);
        char expect[64];
        snprintf(expect, sizeof expect, _("Page %d of %d"), i + 1, pages);
        ck_assert_msg(strstr(page[i], expect), "page %d lacks \"%s\"", i + 1, expect);
        ck_assert_ptr_nonnull(strstr(page[i], "北辰澜桥国际花园"));
        ck_assert_ptr_nonnull(strstr(page[i], "访客登记表"));
        ck_assert_ptr_nonnull(strstr(page[i], "李娜 (1001)"));
        for (char *line = page[i]; line && *line;) {
            char *end = strchr(line, '\n');
            char *stop = end ? end : line + strlen(line);
            ck_assert_msg(paper_columns(line, stop) <= FD_REPORT_TEXT_WIDTH, "line too wide");
            if (*line == '|') {
                char seps[256], saved = *stop;
                *stop = '\0';
                paper_marks(line, '|', seps, sizeof seps);
                if (!header_seps[0])
                    strcpy(header_seps, seps);
                ck_assert_msg(strcmp(seps, header_seps) == 0, "page %d: \"%s\" has separators %s, "
                              "the header %s", i + 1, line, seps, header_seps);
                *stop = saved;
            }
            line = end ? end + 1 : NULL;
        }
    }
    ck_assert_int_eq(paper_count(header_seps, ","), (int)COLUMNS + 1);
    int last_table_page = paper_page_of(page, pages, "V0500");
    for (int i = 0; i < last_table_page; i++)
        ck_assert_int_eq(paper_count(page[i], "来访人姓名"), 1);
    for (int i = 1; i <= ROWS; i++) {
        char id[16];
        snprintf(id, sizeof id, "V%04d", i);
        ck_assert_int_eq(paper_count(text, id), i % SPLIT_EVERY == 0 ? 4 : 1);
        if (i % SPLIT_EVERY == 0) {
            char line[32];
            snprintf(line, sizeof line, "V%04d-丙", i);
            ck_assert_int_eq(paper_page_of(page, pages, line), paper_page_of(page, pages, id));
        }
    }
    for (int i = 1; i <= TALL_LINES; i++) {
        char line[32];
        snprintf(line, sizeof line, "长行%03d", i);
        ck_assert_int_eq(paper_count(text, line), 1);
    }
    ck_assert_int_gt(paper_page_of(page, pages, "长行150"), paper_page_of(page, pages, "长行001"));
    free(copy);
    free(text);
}
END_TEST

START_TEST(text_wraps_paragraphs_whole_without_splitting_characters)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    fd_report *r = fd_report_new("北辰澜桥国际花园", "说明", "2026-11-27");
    char *para = long_paragraph();
    fd_report_paragraph(r, para, FD_STYLE_PLAIN);
    /* Narrow columns: mixed text wraps inside them. */
    const fd_report_column narrow[] = {{"甲", 1}, {"乙", 1}, {"丙", 1}};
    fd_report_table *t = fd_report_table_new(r, narrow, 3);
    const char *cells[] = {"一二三四五六七八九十", "abc defgh ijklmn opqrst uvwxyz", "中英mixed混排"};
    fd_report_row(t, cells, NULL);
    char *text = text_of(r, FD_REPORT_TEXT_MIN_WIDTH, 30);
    fd_report_free(r);
    /* Valid UTF-8 throughout: a character split at a line end would show here. */
    const char *end = text + strlen(text);
    (void)paper_columns(text, end);
    char *body = paper_without_chrome(text, "北辰澜桥国际花园", "说明", "2026-11-27");
    char *flat = paper_squeezed(body), *want = paper_squeezed(para);
    free(body);
    ck_assert_msg(strstr(flat, want), "the paragraph is not whole");
    ck_assert_ptr_nonnull(strstr(flat, "一二三"));
    ck_assert_ptr_nonnull(strstr(text, "Page 1 of"));
    free(flat);
    free(want);
    free(para);
    free(text);
}
END_TEST

/* English titles in columns squeezed by a wide one: each word stays whole on its
 * line ("Received" never "Receive" over "d by"), the wide column giving the room. */
START_TEST(text_titles_break_between_words)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    fd_report *r = fd_report_new("site", "Key loan register", "2026-12-05");
    const fd_report_column cols[] = {{"Received by", 1}, {"Returned by", 1}, {"Reason", 8}};
    fd_report_table *t = fd_report_table_new(r, cols, 3);
    char reason[400] = "";
    for (int i = 0; i < 30; i++)
        strcat(reason, "inspection ");
    const char *cells[] = {"李娜", "钱秀英", reason};
    fd_report_row(t, cells, NULL);
    char *text = text_of(r, FD_REPORT_TEXT_MIN_WIDTH, 30);
    fd_report_free(r);
    ck_assert_msg(strstr(text, "| Received "), "%s", text);
    ck_assert_msg(strstr(text, "| Returned "), "%s", text);
    ck_assert_ptr_null(strstr(text, "| d by"));
    free(text);
}
END_TEST

/* Issue 16: narrow columns never break a Chinese title ("填写人及备注"), a term in a
 * column kept whole ("来电来访待处理", never "投诉逾" over "期") or a code ("09:05");
 * with more columns than room for whole titles, the codes still stand whole. */
START_TEST(text_never_breaks_a_title_a_term_or_a_code)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    fd_report *r = fd_report_new("北辰澜桥国际花园", "值班交接报告", "2026-12-06");
    const fd_report_column cols[] = {{"类别", 1.0}, {"填写人及备注", 1.0}, {"到访时间", 1.0}, {"事项", 9.0}};
    fd_report_table *t = fd_report_table_new(r, cols, 4);
    fd_report_column_whole(t, 0);
    char what[600] = "";
    for (int i = 0; i < 20; i++)
        strcat(what, "楼下餐馆油烟太大，");
    fd_report_row(t, (const char *[]){"来电来访待处理", "赵磊", "09:05", what}, NULL);
    fd_report_row(t, (const char *[]){"投诉逾期", "张伟", "23:40", what}, NULL);
    char *text = text_of(r, 60, FD_REPORT_TEXT_LINES);
    ck_assert_msg(strstr(text, "| 来电来访待处理 |"), "%s", text);
    ck_assert_msg(strstr(text, "| 投诉逾期 "), "%s", text);
    ck_assert_msg(strstr(text, "| 填写人及备注 |"), "%s", text);
    ck_assert_msg(strstr(text, "| 09:05 ") && strstr(text, "| 23:40 "), "%s", text);
    free(text);

    /* Eight timed columns in 80: no room for every title whole, so titles wrap and
     * the times stay whole. */
    fd_report *many = fd_report_new("北辰澜桥国际花园", "值班交接报告", "2026-12-06");
    fd_report_column eight[8];
    const char *cells[8];
    for (int c = 0; c < 8; c++) {
        eight[c] = (fd_report_column){"到访时间", 1.0};
        cells[c] = "09:05";
    }
    fd_report_row(fd_report_table_new(many, eight, 8), cells, NULL);
    text = text_of(many, 80, FD_REPORT_TEXT_LINES);
    fd_report_free(many);
    ck_assert_msg(strstr(text, "| 09:05 "), "%s", text);
    ck_assert_ptr_null(strstr(text, "| 09: "));
    free(text);
    fd_report_free(r);
}
END_TEST

START_TEST(text_refuses_a_page_too_small)
{
    fd_report *r = fd_report_new("site", "title", "range");
    FILE *out = fopen(testlib_path("small.txt"), "wb");
    fd_error err = {0};
    ck_assert_int_eq(fd_report_write_text(r, 20, 66, out, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "page");
    fclose(out);
    fd_report_free(r);
}
END_TEST

START_TEST(display_columns)
{
    ck_assert_int_eq(fd_text_columns("北辰A座"), 7);
    ck_assert_int_eq(fd_text_columns(""), 0);
    ck_assert_int_eq(fd_text_columns("abc"), 3);
}
END_TEST

/* ---- delivery ---- */

START_TEST(no_printer_saves_a_new_file_each_time)
{
    char *data = strdup(testlib_path("xdg"));
    setenv("XDG_DATA_HOME", data, 1);
    fd_report *r = sample_report(3, false);
    fd_config cfg = {0};
    fd_report_destination dest = {.stem = "daily-2026-11-27"};
    fd_report_delivery one, two;
    fd_error err = {0};
    ck_assert_msg(fd_report_deliver(r, &cfg, &dest, &one, &err) == FD_OK, "%s", err.message);
    ck_assert_msg(fd_report_deliver(r, &cfg, &dest, &two, &err) == FD_OK, "%s", err.message);
    char want[1024];
    snprintf(want, sizeof want, "%s/frontdesk/reports/daily-2026-11-27.pdf", data);
    ck_assert_str_eq(one.path, want);
    snprintf(want, sizeof want, "%s/frontdesk/reports/daily-2026-11-27-2.pdf", data);
    ck_assert_str_eq(two.path, want);
    ck_assert_ptr_null(one.printer);
    ck_assert_int_eq(paper_pdf_pages(two.path), 1);
    struct stat st;
    ck_assert_int_eq(stat(one.path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    fd_report_delivery_free(&one);
    fd_report_delivery_free(&two);
    fd_report_free(r);
    free(data);
}
END_TEST

/* lp's stand-in first on the PATH. */
static char *fake_lp(int exit_status)
{
    char *dir = paper_fake_lp(exit_status);
    char *old = getenv("PATH");
    char *path = malloc(strlen(dir) + strlen(old ? old : "") + 2);
    sprintf(path, "%s:%s", dir, old ? old : "");
    setenv("PATH", path, 1);
    free(path);
    return dir;
}

START_TEST(a_printer_gets_it_through_lp)
{
    char *dir = fake_lp(0);
    fd_report *r = sample_report(3, false);
    char printer[] = "OFFICE";
    fd_config cfg = {.printer = printer};
    fd_report_destination dest = {.stem = "x"};
    fd_report_delivery out;
    fd_error err = {0};
    ck_assert_msg(fd_report_deliver(r, &cfg, &dest, &out, &err) == FD_OK, "%s", err.message);
    ck_assert_str_eq(out.printer, "OFFICE");
    ck_assert_ptr_null(out.path);
    char path[1024];
    snprintf(path, sizeof path, "%s/args", dir);
    char *args = paper_slurp_file(path);
    /* The job goes to lp's standard input: no file name a kill could leave behind. */
    ck_assert_msg(strcmp(args, "-d OFFICE -t 访客登记表\n") == 0, "%s", args);
    free(args);
    snprintf(path, sizeof path, "%s/printed.pdf", dir);
    ck_assert_int_eq(paper_pdf_pages(path), 1);
    fd_report_delivery_free(&out);
    /* --printer wins over the configuration. */
    dest.printer = "FRONT";
    ck_assert_int_eq(fd_report_deliver(r, &cfg, &dest, &out, &err), FD_OK);
    ck_assert_str_eq(out.printer, "FRONT");
    fd_report_delivery_free(&out);
    fd_report_free(r);
    free(dir);
}
END_TEST

/* In a site install the program runs with the site's group; lp, a program the person
 * chooses through their PATH, must run without it, or one of theirs named lp would
 * read the data with it. Played by root taking another effective group, as a setgid
 * program has. */
START_TEST(lp_runs_without_the_sites_group)
{
    if (getuid() != 0) {
        fprintf(stderr, "lp_runs_without_the_sites_group: needs root to take a group; skipped\n");
        return;
    }
    char *dir = strdup(testlib_path("lp-group"));
    mkdir(dir, 0700);
    char lp[1024], report[1100];
    snprintf(lp, sizeof lp, "%s/lp", dir);
    ck_assert_int_eq(symlink(LP_GROUP, lp), 0);
    snprintf(report, sizeof report, "%s/group", dir);
    setenv("LP_GROUP_REPORT", report, 1);
    char *old = getenv("PATH");
    char *path = fd_printf("%s:%s", dir, old ? old : "");
    setenv("PATH", path, 1);
    free(path);
    fd_report *r = sample_report(1, false);
    /* The PDF module loaded first, from the build tree, which a program running with
     * another group never looks in (a site install's is installed). */
    FILE *sink = fopen("/dev/null", "w");
    fd_error err = {0};
    ck_assert_msg(fd_report_write_pdf(r, sink, &err) == FD_OK, "%s", err.message);
    fclose(sink);
    fd_report_destination dest = {.printer = "OFFICE"};
    fd_report_delivery out;
    ck_assert_int_eq(setresgid(0, 65534, 65534), 0);
    fd_status s = fd_report_deliver(r, NULL, &dest, &out, &err);
    ck_assert_int_eq(setresgid(0, 0, 0), 0);
    ck_assert_msg(s == FD_OK, "%s", err.message);
    char *group = paper_slurp_file(report);
    ck_assert_str_eq(group, "0\n");
    free(group);
    fd_report_delivery_free(&out);
    fd_report_free(r);
    free(dir);
}
END_TEST

/* Each file in dir is owned by group gid (and there is one at least). */
static void assert_files_of_group(const char *dir, gid_t gid)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "%s was not made", dir);
    int files = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        ck_assert_int_eq(stat(path, &st), 0);
        ck_assert_msg(st.st_gid == gid, "%s belongs to group %d", path, (int)st.st_gid);
        files++;
    }
    closedir(d);
    ck_assert_int_gt(files, 0);
}

/* The PDF renderer's fontconfig reads the font configuration the person's environment
 * names, scans the folders it lists and writes its caches where it says. With a site's
 * group it scanned the data directory and wrote caches into it for anyone; it runs with
 * the person's own group, and the site's is given back after. Played by root taking
 * another effective group, as a setgid program has. */
START_TEST(pdf_fonts_are_looked_up_with_the_persons_group)
{
    if (getuid() != 0) {
        fprintf(stderr, "pdf_fonts_are_looked_up_with_the_persons_group: needs root to take a "
                        "group; skipped\n");
        return;
    }
    char *dir = strdup(testlib_path("fontconfig"));
    char fonts[1100], cache[1100], conf[1100];
    snprintf(fonts, sizeof fonts, "%s/fonts", dir);
    snprintf(cache, sizeof cache, "%s/cache", dir);
    snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    ck_assert_int_eq(mkdir(fonts, 0755), 0);
    FILE *f = fopen(conf, "w");
    fprintf(f, "<?xml version=\"1.0\"?>\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir>"
               "</fontconfig>\n", fonts, cache);
    fclose(f);
    setenv("FONTCONFIG_FILE", conf, 1);
    /* The build tree's module: a program with another group never looks there. */
    setenv("FRONTDESK_PDF_MODULE", PDF_MODULE, 1);
    fd_report *r = sample_report(1, false);
    FILE *sink = fopen("/dev/null", "w");
    fd_error err = {0};
    ck_assert_int_eq(setresgid(0, 65534, 65534), 0);
    fd_status s = fd_report_write_pdf(r, sink, &err);
    gid_t after = getegid();
    ck_assert_int_eq(setresgid(0, 0, 0), 0);
    fclose(sink);
    ck_assert_msg(s == FD_OK, "%s", err.message);
    ck_assert_int_eq(after, 65534);
    assert_files_of_group(cache, 0);
    fd_report_free(r);
    free(dir);
}
END_TEST

START_TEST(a_printer_refusing_is_an_error)
{
    char *dir = fake_lp(1);
    fd_report *r = sample_report(1, false);
    fd_report_destination dest = {.printer = "NOSUCH"};
    fd_report_delivery out;
    fd_error err = {0};
    ck_assert_int_eq(fd_report_deliver(r, NULL, &dest, &out, &err), FD_IO);
    ck_assert_msg(strstr(err.message, "does not exist"), "%s", err.message);
    ck_assert_ptr_null(out.printer);
    fd_report_free(r);
    free(dir);
}
END_TEST

START_TEST(files_are_written_whole)
{
    fd_report *r = sample_report(2, false);
    fd_report_destination dest = {.pdf_path = testlib_path("out.pdf")};
    fd_report_delivery out;
    fd_error err = {0};
    ck_assert_int_eq(fd_report_deliver(r, NULL, &dest, &out, &err), FD_OK);
    ck_assert_str_eq(out.path, dest.pdf_path);
    ck_assert_int_eq(paper_pdf_pages(out.path), 1);
    struct stat st;
    ck_assert_int_eq(stat(out.path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600); /* the reader's alone: names are on it */
    fd_report_delivery_free(&out);
    fd_report_destination text = {.text_path = testlib_path("out.txt")};
    ck_assert_int_eq(fd_report_deliver(r, NULL, &text, &out, &err), FD_OK);
    char *written = paper_slurp_file(text.text_path);
    ck_assert_ptr_nonnull(strstr(written, "V0002"));
    free(written);
    fd_report_delivery_free(&out);
    fd_report_destination nowhere = {.pdf_path = "/nonexistent-dir/x.pdf"};
    ck_assert_int_eq(fd_report_deliver(r, NULL, &nowhere, &out, &err), FD_IO);
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent-dir/x.pdf"));
    fd_report_free(r);
}
END_TEST

/* ---- keeping together ---- */

/* filler one-line rows, then a heading and a caption over a table whose first row is
 * three lines tall, with a narrow column of codes. */
static fd_report *caption_report(int filler)
{
    fd_report *r = fd_report_new("北辰澜桥国际花园", "访客登记表", "2026-12-06");
    const fd_report_column fill[] = {{"填充", 1.0}};
    fd_report_table *t = fd_report_table_new(r, fill, 1);
    for (int i = 0; i < filler; i++) {
        char cell[32];
        snprintf(cell, sizeof cell, "第%d行", i + 1);
        fd_report_row(t, (const char *[]){cell}, NULL);
    }
    fd_report_heading(r, "标题甲");
    fd_report_paragraph(r, "说明乙：", FD_STYLE_BOLD);
    const fd_report_column cols[] = {{"列一甲", 4.0}, {"单号", 0.3}, {"列三", 4.0}};
    t = fd_report_table_new(r, cols, 3);
    fd_report_column_whole(t, 1);
    for (int i = 0; i < 3; i++)
        fd_report_row(t, (const char *[]){"第一段\n第二段\n第三段", "20261206-025", "内容"}, NULL);
    return r;
}

/* On every page, the heading is followed by its caption, its table's column title and
 * first row (splits text into pages). */
static void assert_caption_kept(char *text, const char *where, int filler)
{
    char *pages[200];
    int count = paper_split_pages(text, pages, 200);
    for (int i = 0; i < count; i++) {
        const char *at = strstr(pages[i], "标题甲");
        if (at)
            ck_assert_msg(strstr(at, "说明乙") && strstr(at, "列一甲") && strstr(at, "第一段"),
                          "%s, %d rows before: the heading ends page %d alone", where, filler, i + 1);
    }
}

START_TEST(a_heading_and_caption_never_end_a_page_alone)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    for (int filler = 30; filler < 62; filler++) {
        fd_report *r = caption_report(filler);
        char *text = text_of(r, FD_REPORT_TEXT_MIN_WIDTH, FD_REPORT_TEXT_LINES);
        ck_assert_int_eq(paper_count(text, "20261206-025"), 3);
        assert_caption_kept(text, "text", filler);
        free(text);
        fd_report_free(r);
    }
    for (int filler = 30; filler < 52; filler++) {
        fd_report *r = caption_report(filler);
        const char *path = testlib_path("caption.pdf");
        write_pdf(r, path);
        char command[1024];
        snprintf(command, sizeof command, "pdftotext -layout -enc UTF-8 '%s' -", path);
        char *text = command_output(command);
        ck_assert_int_eq(paper_count(text, "20261206-025"), 3);
        assert_caption_kept(text, "PDF", filler);
        free(text);
        fd_report_free(r);
    }
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, pdf_without_its_module_says_so);
    tcase_add_test(tc, pdf_keeps_every_row_and_repeats_the_header);
    tcase_add_test(tc, pdf_embeds_the_cjk_fonts);
    tcase_add_test(tc, pdf_falls_back_to_noto_without_the_truetype_face);
    tcase_add_test(tc, pdf_sets_characters_at_their_size);
    tcase_add_test(tc, pdf_wraps_long_paragraphs_whole);
    tcase_add_test(tc, follow_ups_print_in_red);
    tcase_add_test(tc, text_columns_line_up_by_display_width);
    tcase_add_test(tc, text_wraps_paragraphs_whole_without_splitting_characters);
    tcase_add_test(tc, text_titles_break_between_words);
    tcase_add_test(tc, text_never_breaks_a_title_a_term_or_a_code);
    tcase_add_test(tc, text_refuses_a_page_too_small);
    tcase_add_test(tc, display_columns);
    tcase_add_test(tc, no_printer_saves_a_new_file_each_time);
    tcase_add_test(tc, a_printer_gets_it_through_lp);
    tcase_add_test(tc, a_printer_refusing_is_an_error);
    tcase_add_test(tc, lp_runs_without_the_sites_group);
    tcase_add_test(tc, pdf_fonts_are_looked_up_with_the_persons_group);
    tcase_add_test(tc, files_are_written_whole);
    tcase_add_test(tc, a_heading_and_caption_never_end_a_page_alone);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
