/* The exports as the office opens them: CSV parsed back (UTF-8 with a byte-order
 * mark, Chinese headers and values), JSON with its English keys and codes, and the
 * Excel workbook opened (tests/cli/xlsx_cells.py reads its sheets, cells and number
 * formats with nothing but Python's standard library) — on the demo database under
 * the demo's clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "command_output.h"
#include "frontdesk/csv.h"
#include "testlib.h"

static char demo[512];

/* frontdesk with args, in language (the customer-service manager's PIN at hand). */
static char *frontdesk(const char *language, const char *args, int *status)
{
    char command[4096];
    snprintf(command, sizeof command,
             "env -u LANGUAGE -u FRONTDESK_CONFIG LANGUAGE=%s XDG_CONFIG_HOME='%s' "
             "FRONTDESK_NOW='2026-11-27 09:30' FRONTDESK_PIN=3333 '%s' --db '%s' %s",
             language, testlib_tmpdir(), getenv("FRONTDESK_BIN"), demo, args);
    return command_output_status(command, status);
}

static void make_demo(void)
{
    snprintf(demo, sizeof demo, "%s", testlib_path("demo.db"));
    char command[2048];
    snprintf(command, sizeof command, "FRONTDESK_NOW='2026-11-27 09:30' '%s' --db '%s' demo >/dev/null 2>&1",
             getenv("FRONTDESK_BIN"), demo);
    ck_assert_int_eq(system(command), 0);
}

/* The records of a CSV text, parsed as a spreadsheet would. */
typedef struct table {
    char ***rows;
    size_t *widths;
    size_t count;
} table;

static table parse_csv(const char *text)
{
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    fd_csv *r = fd_csv_new(in);
    table t = {0};
    while (fd_csv_read(r) == FD_CSV_RECORD) {
        t.rows = realloc(t.rows, (t.count + 1) * sizeof *t.rows);
        t.widths = realloc(t.widths, (t.count + 1) * sizeof *t.widths);
        size_t n = fd_csv_count(r);
        t.rows[t.count] = calloc(n, sizeof **t.rows);
        for (size_t i = 0; i < n; i++)
            t.rows[t.count][i] = strdup(fd_csv_field(r, i));
        t.widths[t.count++] = n;
    }
    fd_csv_free(r);
    fclose(in);
    return t;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->count; i++) {
        for (size_t c = 0; c < t->widths[i]; c++)
            free(t->rows[i][c]);
        free(t->rows[i]);
    }
    free(t->rows);
    free(t->widths);
}

/* The column titled title in the header row, or -1. */
static int column(const table *t, const char *title)
{
    for (size_t c = 0; t->count && c < t->widths[0]; c++)
        if (strcmp(t->rows[0][c], title) == 0)
            return (int)c;
    return -1;
}

START_TEST(csv_speaks_chinese_with_a_byte_order_mark)
{
    int status;
    char *csv = frontdesk("zh_CN", "export visitors --from 2026-11-20 --to 2026-11-27 --as 3001", &status);
    ck_assert_int_eq(status, 0);
    ck_assert_mem_eq(csv, "\xEF\xBB\xBF", 3);
    table t = parse_csv(csv);
    ck_assert_int_gt(t.count, 5);
    ck_assert_str_eq(t.rows[0][0], "登记单号");
    int state = column(&t, "状态"), phone = column(&t, "电话"), gate = column(&t, "入口");
    int doc = column(&t, "证件类型"), approved = column(&t, "审批人");
    ck_assert_int_ge(state, 0);
    ck_assert_int_ge(approved, 0);
    bool left = false, night = false;
    for (size_t i = 1; i < t.count; i++) {
        left |= strcmp(t.rows[i][state], "已离开") == 0;
        ck_assert_msg(!strchr(t.rows[i][state], '_'), "a code in a person's file: %s", t.rows[i][state]);
        ck_assert_msg(strstr(t.rows[i][phone], "****"), "unmasked: %s", t.rows[i][phone]);
        ck_assert_msg(strcmp(t.rows[i][doc], "resident_id") != 0, "a code: %s", t.rows[i][doc]);
        night |= t.rows[i][approved][0] != '\0';
        if (t.rows[i][gate][0])
            ck_assert_str_eq(t.rows[i][gate], "北门");
    }
    ck_assert(left);
    (void)night;
    table_free(&t);
    free(csv);
}
END_TEST

START_TEST(every_kind_writes_chinese_headers_and_values)
{
    static const struct {
        const char *kind, *first, *value;
    } kinds[] = {
        {"keys", "借用单号", "已归还"}, /* issue 15: keys come back (归还), mail is sent back (退回) */
        {"mail", "登记编号", "快件"},
        {"complaints", "投诉编号", "（周"},
        {"handover", "班次", "已签字交接"},
        {"passes", "出入门证号", "稀释剂属易燃品"},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        char args[200];
        snprintf(args, sizeof args, "export %s --from 2026-11-20 --to 2026-11-27 --as 3001", kinds[k].kind);
        int status;
        char *csv = frontdesk("zh_CN", args, &status);
        ck_assert_msg(status == 0, "%s: %s", kinds[k].kind, csv);
        table t = parse_csv(csv);
        ck_assert_msg(t.count > 1, "%s: no rows", kinds[k].kind);
        ck_assert_str_eq(t.rows[0][0], kinds[k].first);
        ck_assert_msg(strstr(csv, kinds[k].value), "%s: no %s in\n%s", kinds[k].kind, kinds[k].value, csv);
        /* No English code of a state or kind is left where people read. */
        ck_assert_msg(!strstr(csv, ",held,") && !strstr(csv, ",follow,") && !strstr(csv, ",yes,") &&
                      !strstr(csv, ",public,") && !strstr(csv, ",returned,"), "%s:\n%s", kinds[k].kind, csv);
        table_free(&t);
        free(csv);
    }
}
END_TEST

START_TEST(complaint_deadlines_are_the_last_day)
{
    int status;
    char *csv = frontdesk("zh_CN", "export complaints --from 2026-11-20 --to 2026-11-27 --as 3001", &status);
    ck_assert_int_eq(status, 0);
    table t = parse_csv(csv);
    int due = column(&t, "整改期限"), steps = column(&t, "处理经过");
    ck_assert_int_ge(due, 0);
    ck_assert_int_ge(steps, 0);
    int written = 0;
    for (size_t i = 1; i < t.count; i++) {
        const char *d = t.rows[i][due];
        if (!*d)
            continue;
        /* "2026-11-30（周一）": a day and its weekday, never "2026-12-01 00:00". */
        ck_assert_msg(strlen(d) > 10 && strstr(d, "（周") && !strstr(d, ":"), "%s", d);
        ck_assert_msg(strstr(t.rows[i][steps], "已受理"), "%s", t.rows[i][steps]);
        written++;
    }
    ck_assert_int_gt(written, 0);
    table_free(&t);
    free(csv);
}
END_TEST

/* A complaint's history reads as Chinese: the department and its note, a return
 * visit's satisfaction and what was said, with Chinese punctuation, as on paper. */
START_TEST(complaint_history_has_chinese_punctuation)
{
    int status;
    char *csv = frontdesk("zh_CN", "export complaints --from 2026-11-20 --to 2026-11-27 --as 3001", &status);
    ck_assert_int_eq(status, 0);
    table t = parse_csv(csv);
    int steps = column(&t, "处理经过");
    ck_assert_int_ge(steps, 0);
    bool assigned_with_note = false, visited = false;
    for (size_t i = 1; i < t.count; i++) {
        const char *h = t.rows[i][steps];
        ck_assert_msg(!strstr(h, "; ") && !strstr(h, ": ") && !strstr(h, ", "), "%s", h);
        assigned_with_note |= strstr(h, "已分派：工程部；已电话通知") != NULL;
        visited |= strstr(h, "已回访：满意：") != NULL;
    }
    ck_assert(assigned_with_note);
    ck_assert(visited);
    table_free(&t);
    free(csv);
}
END_TEST

/* The progress recorded on a handover entry reads as Chinese whether done or not:
 * "赵磊：…", never "赵磊: …" beside "赵磊：…（已完成）" in the same cell. */
START_TEST(handover_progress_has_chinese_punctuation)
{
    int status;
    char *csv = frontdesk("zh_CN", "export handover --from 2026-11-20 --to 2026-11-27 --as 3001", &status);
    ck_assert_int_eq(status, 0);
    table t = parse_csv(csv);
    int progress = column(&t, "跟进进展");
    ck_assert_int_ge(progress, 0);
    int written = 0;
    for (size_t i = 1; i < t.count; i++) {
        const char *p = t.rows[i][progress];
        ck_assert_msg(!strstr(p, ": "), "%s", p);
        written += *p != '\0';
    }
    ck_assert_int_gt(written, 0);
    table_free(&t);
    free(csv);
}
END_TEST

/* A month's passes are those issued in it and those ended in it: 吴九's pass, issued in
 * October and given back on 2026-11-24 with its 40 元 refunded, is in November's export,
 * so the office finds every deposit paid back that month. */
START_TEST(permits_ended_in_the_days_are_exported)
{
    int status;
    char *csv = frontdesk("zh_CN", "export permits --from 2026-11-01 --to 2026-11-30 --as 3001", &status);
    ck_assert_int_eq(status, 0);
    table t = parse_csv(csv);
    int worker = column(&t, "施工人员"), refunded = column(&t, "退还金额（元）"), voucher = column(&t, "退款凭证");
    ck_assert_int_ge(worker, 0);
    ck_assert_int_ge(refunded, 0);
    ck_assert_int_ge(voucher, 0);
    bool found = false;
    for (size_t i = 1; i < t.count; i++)
        if (strcmp(t.rows[i][worker], "吴九") == 0) {
            ck_assert_str_eq(t.rows[i][refunded], "40");
            ck_assert_str_eq(t.rows[i][voucher], "TK-0131");
            found = true;
        }
    ck_assert_msg(found, "%s", csv);
    table_free(&t);
    free(csv);
}
END_TEST

/* The renovation workers' passes: each with its deposit as the core settled it, the
 * document masked, in full only for a role allowed to see it, and no export for the
 * desk. */
START_TEST(permits_show_deposits_and_mask_documents)
{
    int status;
    char *csv = frontdesk("zh_CN", "export permits --from 2026-10-01 --to 2026-11-27 --as 3001", &status);
    ck_assert_int_eq(status, 0);
    table t = parse_csv(csv);
    int worker = column(&t, "施工人员"), doc = column(&t, "证件号码"), state = column(&t, "状态"),
        refunded = column(&t, "退还金额（元）"), received = column(&t, "收费（元）");
    ck_assert_int_ge(worker, 0);
    ck_assert_int_ge(doc, 0);
    ck_assert_int_ge(state, 0);
    ck_assert_int_ge(refunded, 0);
    ck_assert_int_ge(received, 0);
    bool returned = false;
    for (size_t i = 1; i < t.count; i++) {
        ck_assert_msg(strstr(t.rows[i][doc], "****"), "%s", t.rows[i][doc]);
        ck_assert_str_eq(t.rows[i][received], "50");
        if (strcmp(t.rows[i][worker], "周七") == 0) {
            ck_assert_str_eq(t.rows[i][state], "已归还");
            ck_assert_str_eq(t.rows[i][refunded], "40");
            returned = true;
        }
    }
    ck_assert(returned);
    table_free(&t);
    free(csv);
    csv = frontdesk("zh_CN", "export permits --from 2026-10-01 --to 2026-11-27 --unmasked --as 3001", &status);
    ck_assert_int_eq(status, 0);
    ck_assert_msg(strstr(csv, "310104199010100019"), "%s", csv);
    free(csv);
    char command[2048];
    snprintf(command, sizeof command,
             "env LANGUAGE=en FRONTDESK_NOW='2026-11-27 09:30' FRONTDESK_PIN=1111 '%s' --db '%s' "
             "export permits --from 2026-10-01 --to 2026-11-27 --as 1001 2>&1",
             getenv("FRONTDESK_BIN"), demo);
    char *refused = command_output_status(command, &status);
    ck_assert_int_ne(status, 0);
    ck_assert_msg(strstr(refused, "Only managers and administrators"), "%s", refused);
    free(refused);
}
END_TEST

/* Every key of every kind's JSON is documented in frontdesk(1). */
static void assert_keys_documented(const char *json)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/doc/frontdesk.1", getenv("FRONTDESK_SOURCE_DIR"));
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    static char man[1 << 17];
    size_t n = fread(man, 1, sizeof man - 1, f);
    man[n] = '\0';
    fclose(f);
    /* The first object's keys: each opening quote after "{" or ", ". */
    int keys = 0;
    const char *close = strchr(json, '}');
    for (const char *q = strstr(json, "{\"") + 1; q && q < close; keys++) {
        const char *end = strstr(q + 1, "\": ");
        ck_assert_ptr_nonnull(end);
        char key[64], word[80], last[80];
        snprintf(key, sizeof key, "%.*s", (int)(end - q - 1), q + 1);
        snprintf(word, sizeof word, "%s,", key);
        snprintf(last, sizeof last, "%s\n", key);
        ck_assert_msg(strstr(man, word) || strstr(man, last), "JSON key %s is not in frontdesk(1)", key);
        const char *next = strstr(end, ", \"");
        q = next ? next + 2 : NULL;
    }
    ck_assert_int_gt(keys, 5);
}

START_TEST(json_keeps_english_keys_and_codes)
{
    int status;
    char *json = frontdesk("zh_CN", "export visitors --from 2026-11-20 --to 2026-11-27 --format json --as 3001", &status);
    ck_assert_int_eq(status, 0);
    ck_assert_msg(strstr(json, "\"state\": \"left\"") && strstr(json, "\"doc_type\": \"resident_id\""), "%s", json);
    ck_assert_msg(strstr(json, "T08:") || strstr(json, "T09:"), "no ISO time in %s", json);
    ck_assert_msg(strstr(json, "+08:00\""), "%s", json);
    ck_assert_ptr_null(strstr(json, "已离开"));
    free(json);
    static const char *const kinds[] = {"visitors", "keys", "mail", "complaints", "calls", "passes",
                                        "permits", "tools", "notices", "handover"};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        char args[200];
        snprintf(args, sizeof args, "export %s --from 2026-11-20 --to 2026-11-27 --format json --as 3001",
                 kinds[k]);
        json = frontdesk("zh_CN", args, &status);
        ck_assert_int_eq(status, 0);
        assert_keys_documented(json);
        free(json);
    }
    json = frontdesk("zh_CN", "export all --from 2026-11-20 --to 2026-11-27 --format json --as 3001", &status);
    ck_assert_int_eq(status, 0);
    ck_assert_msg(json[0] == '{' && strstr(json, "\"visitors\": [") && strstr(json, "\"handover\": ["), "%.400s", json);
    free(json);
    char *refused = frontdesk("en", "export all --from 2026-11-20 --to 2026-11-27 --as 3001 2>&1", &status);
    ck_assert_int_eq(status, 64);
    ck_assert_msg(strstr(refused, "one table"), "%s", refused);
    free(refused);
}
END_TEST

/* A date option naming a day that does not exist says which, in the desk's language,
 * rather than asking for the format the date is already written in. */
START_TEST(impossible_dates_are_named)
{
    static const struct {
        const char *args, *said;
    } cases[] = {
        {"export visitors --from 2026-11-31 --to 2026-12-01 --as 3001", "--from：2026年11月只有30天，没有31日。"},
        {"export visitors --from 2026-02-01 --to 2026-02-29 --as 3001", "--to：2026年2月只有28天，没有29日。"},
        {"export visitors --month 2026-13 --as 3001", "--month：没有13月，月份为1–12。"},
        {"print daily --date 2026-11-31 --text /dev/null --as 3001", "--date：2026年11月只有30天，没有31日。"},
        {"export visitors --from 2026/11/30 --to 2026-12-01 --as 3001", "--from 需要日期，格式为 YYYY-MM-DD"},
    };
    int status;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char args[200];
        snprintf(args, sizeof args, "%s 2>&1", cases[i].args);
        char *said = frontdesk("zh_CN", args, &status);
        ck_assert_int_eq(status, 64);
        ck_assert_msg(strstr(said, cases[i].said), "%s: %s", cases[i].args, said);
        free(said);
    }
    /* A leap year's 29 February is a day like any other. */
    char *json = frontdesk("zh_CN", "export visitors --from 2028-02-28 --to 2028-02-29 --format json --as 3001", &status);
    ck_assert_msg(status == 0 && json[0] == '[', "%s", json);
    free(json);
}
END_TEST

/* The cells of a workbook, one "SHEET!REF\tVALUE\tFORMAT" line each. */
static char *cells_of(const char *path)
{
    char command[2048];
    /* A line before the first, so that every cell's line starts after a newline. */
    snprintf(command, sizeof command, "echo; python3 '%s' '%s'", getenv("XLSX_CELLS"), path);
    int status;
    char *cells = command_output_status(command, &status);
    ck_assert_msg(status == 0, "cannot read %s", path);
    return cells;
}

static const char *cell(const char *cells, const char *ref, char *value, size_t size)
{
    char key[200];
    snprintf(key, sizeof key, "\n%s\t", ref);
    const char *p = strstr(cells, key);
    if (!p)
        return NULL;
    p += strlen(key);
    snprintf(value, size, "%.*s", (int)strcspn(p, "\n"), p);
    return value;
}

START_TEST(a_workbook_has_a_sheet_per_log_and_its_parameters)
{
    const char *path = testlib_path("all.xlsx");
    char args[1024];
    snprintf(args, sizeof args, "export all --month 2026-11 --format xlsx --output '%s' --as 3001", path);
    int status;
    free(frontdesk("zh_CN", args, &status));
    ck_assert_int_eq(status, 0);
    char *cells = cells_of(path);
    char v[400];
    /* One sheet per log, headers frozen, the monthly figures on their own, the
     * parameters last. */
    static const char *const sheets[] = {"访客登记", "钥匙保管人月报", "钥匙借用", "邮件报纸收发登记表",
                                         "月度统计", "投诉受理", "客户部接听接待登记表", "携物出入门证",
                                         "施工人员临时工作证", "施工工具登记", "通告发放", "值班交接本", "导出参数"};
    const char *last = cells;
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++) {
        char ref[100];
        snprintf(ref, sizeof ref, "%s!frozen", sheets[i]);
        ck_assert_msg(cell(cells, ref, v, sizeof v) && strcmp(v, "A2") == 0, "%s not frozen", sheets[i]);
        snprintf(ref, sizeof ref, "\n%s!A1\t", sheets[i]);
        const char *at = strstr(cells, ref);
        ck_assert_msg(at && at > last, "%s out of order", sheets[i]);
        last = at;
    }
    ck_assert_str_eq(cell(cells, "访客登记!A1", v, sizeof v), "登记单号\t");
    /* Times are Excel date-times in Beijing time: serial 46346 is 2026-11-20, the day
     * before the demo's week, and 46354 the day after it. */
    ck_assert_ptr_nonnull(cell(cells, "访客登记!B2", v, sizeof v));
    ck_assert_msg(strtod(v, NULL) > 46346 && strtod(v, NULL) < 46354 && strstr(v, "\tyyyy-mm-dd hh:mm"), "%s", v);
    ck_assert_msg(strstr(cell(cells, "访客登记!F2", v, sizeof v), "****"), "%s", v);
    /* A Chinese column is wider than its digits. */
    ck_assert_msg(strtod(cell(cells, "访客登记!width:3", v, sizeof v), NULL) >= 10, "%s", v);
    ck_assert_str_eq(cell(cells, "月度统计!B2", v, sizeof v), "已受理\t");
    /* The parameters: who, and a chain head that verify finds. */
    ck_assert_str_eq(cell(cells, "导出参数!B5", v, sizeof v), "刘洋（3001）\t");
    ck_assert_str_eq(cell(cells, "导出参数!A7", v, sizeof v), "审计链头\t");
    cell(cells, "导出参数!B7", v, sizeof v);
    v[strcspn(v, "\t")] = '\0';
    ck_assert_int_eq(strlen(v), 64);
    char verify[sizeof v + 32];
    snprintf(verify, sizeof verify, "verify --against %s", v);
    free(frontdesk("en", verify, &status));
    ck_assert_int_eq(status, 0);
    free(cells);
}
END_TEST

/* The parameters sheet names what was exported: the tools register, not every log;
 * the workers' passes, not the permits' daily log (which holds the tools too). */
START_TEST(a_workbook_of_one_kind_names_that_kind)
{
    static const struct {
        const char *kind, *what;
    } cases[] = {{"tools", "施工工具登记\t"}, {"permits", "施工人员临时工作证\t"}, {"calls", "客户部接听接待登记表\t"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[600], args[1024];
        snprintf(path, sizeof path, "%s", testlib_path(cases[i].kind));
        snprintf(args, sizeof args, "export %s --from 2026-11-20 --to 2026-11-27 --format xlsx --output '%s.xlsx' --as 3001",
                 cases[i].kind, path);
        int status;
        free(frontdesk("zh_CN", args, &status));
        ck_assert_int_eq(status, 0);
        strcat(path, ".xlsx");
        char *cells = cells_of(path);
        char v[400];
        ck_assert_str_eq(cell(cells, "导出参数!A2", v, sizeof v), "导出内容\t");
        ck_assert_str_eq(cell(cells, "导出参数!B2", v, sizeof v), cases[i].what);
        free(cells);
    }
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("export");
    TCase *tc = tcase_create("export");
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, make_demo, NULL);
    tcase_add_test(tc, csv_speaks_chinese_with_a_byte_order_mark);
    tcase_add_test(tc, every_kind_writes_chinese_headers_and_values);
    tcase_add_test(tc, complaint_deadlines_are_the_last_day);
    tcase_add_test(tc, complaint_history_has_chinese_punctuation);
    tcase_add_test(tc, handover_progress_has_chinese_punctuation);
    tcase_add_test(tc, json_keeps_english_keys_and_codes);
    tcase_add_test(tc, a_workbook_has_a_sheet_per_log_and_its_parameters);
    tcase_add_test(tc, a_workbook_of_one_kind_names_that_kind);
    tcase_add_test(tc, permits_show_deposits_and_mask_documents);
    tcase_add_test(tc, permits_ended_in_the_days_are_exported);
    tcase_add_test(tc, impossible_dates_are_named);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
