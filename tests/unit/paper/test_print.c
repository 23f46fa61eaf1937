/* The printed handover report and daily logs, from a demo database under a fixed clock
 * (2026-11-27 09:30, the demo's "now"): every record of the day on the paper, page
 * numbers right, nothing cut for a day of 500 visitors, fonts embedded, the text
 * version's columns aligned, and the chain head printed equal to `frontdesk verify`'s. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "frontdesk/audit.h"
#include "frontdesk/calls.h"
#include "frontdesk/notices.h"
#include "frontdesk/passes.h"
#include "frontdesk/complaints.h"
#include "frontdesk/handover.h"
#include "frontdesk/keys.h"
#include "frontdesk/mail.h"
#include "frontdesk/print.h"
#include "frontdesk/staff.h"
#include "frontdesk/visitors.h"
#include "paper_check.h"
#include "testlib.h"

enum { VISITORS = 500 };

static char demo_path[512];

/* ---- the command line ---- */

typedef struct run_result {
    int status;
    char *output; /* stdout and stderr together */
} run_result;

static run_result run(const char *env, const char *args)
{
    char command[4096];
    snprintf(command, sizeof command,
             "env -u LANGUAGE -u FRONTDESK_CONFIG LANGUAGE=en XDG_CONFIG_HOME='%s' "
             "FRONTDESK_NOW='2026-11-27 09:30' %s '%s' %s 2>&1",
             testlib_tmpdir(), env ? env : "", getenv("FRONTDESK_BIN"), args);
    FILE *p = popen(command, "r");
    ck_assert_ptr_nonnull(p);
    size_t size = 0, capacity = 1 << 16;
    char *out = malloc(capacity);
    size_t n;
    while ((n = fread(out + size, 1, capacity - size - 1, p)) > 0) {
        size += n;
        if (capacity - size < 4096)
            out = realloc(out, capacity *= 2);
    }
    out[size] = '\0';
    int status = pclose(p);
    return (run_result){WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

/* One demo database for the suite, made before the tests fork. */
static void make_demo(void)
{
    snprintf(demo_path, sizeof demo_path, "%s", testlib_path("demo.db"));
    char args[700];
    snprintf(args, sizeof args, "--db '%s' demo", demo_path);
    run_result r = run(NULL, args);
    ck_assert_msg(r.status == 0, "demo failed:\n%s", r.output);
    free(r.output);
}

/* A copy of the demo database (and its keys) for a test that writes. */
static char *demo_copy(const char *name)
{
    char *path = strdup(testlib_path(name));
    char command[3072];
    snprintf(command, sizeof command,
             "cp '%s' '%s' && cp '%s.key' '%s.key' && cp '%s.pepper' '%s.pepper' && cp '%s.seal' '%s.seal'",
             demo_path, path, demo_path, path, demo_path, path, demo_path, path);
    ck_assert_int_eq(system(command), 0);
    return path;
}

/* ---- the desk, as the tests read it ---- */

typedef struct desk {
    fd_desk *d;
    fd_config *config;
    fd_time now;
    fd_actor receptionist, duty_manager;
} desk;

static void desk_open(desk *k, const char *path)
{
    memset(k, 0, sizeof *k);
    fd_error err = {0};
    ck_assert_int_eq(fd_config_load_file(NULL, &k->config, &err), FD_OK);
    k->now = fd_time_from_local(2026, 11, 27, 9, 30, 0);
    ck_assert_msg(fd_desk_open(path, 0, k->config, fd_clock_fixed(&k->now), &k->d, &err) == FD_OK,
                  "%s", err.message);
    ck_assert_int_eq(fd_staff_login(k->d, "1001", "1111", &k->receptionist, &err), FD_OK);
    ck_assert_int_eq(fd_staff_login(k->d, "2001", "2222", &k->duty_manager, &err), FD_OK);
}

static void desk_close(desk *k)
{
    fd_desk_close(k->d);
    fd_config_free(k->config);
}

static void write_pdf(const fd_report *r, const char *path)
{
    FILE *out = fopen(path, "wb");
    fd_error err = {0};
    ck_assert_msg(fd_report_write_pdf(r, out, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(fclose(out), 0);
}

static char *write_text(const fd_report *r, int width)
{
    const char *path = testlib_path("report.txt");
    FILE *out = fopen(path, "wb");
    fd_error err = {0};
    ck_assert_msg(fd_report_write_text(r, width, FD_REPORT_TEXT_LINES, out, &err) == FD_OK, "%s",
                  err.message);
    fclose(out);
    return paper_slurp_file(path);
}

/* What every page of a printed report carries, and its page numbers right. */
static void assert_pages(const char *pdf, const char *title, const char *range, const char *by,
                         const char *when)
{
    int pages = paper_pdf_pages(pdf);
    char *text = pdf_text_of(pdf);
    char **page = calloc((size_t)pages + 2, sizeof *page);
    ck_assert_int_eq(paper_split_pages(text, page, pages + 2), pages);
    for (int i = 0; i < pages; i++) {
        char number[64];
        snprintf(number, sizeof number, _("Page %d of %d"), i + 1, pages);
        ck_assert_msg(paper_count(page[i], number) == 1, "%s page %d lacks \"%s\"", title, i + 1, number);
        ck_assert_msg(strstr(page[i], "北辰澜桥国际花园"), "%s page %d: no site", title, i + 1);
        ck_assert_msg(strstr(page[i], title), "%s page %d: no title", title, i + 1);
        ck_assert_msg(strstr(page[i], range), "%s page %d: no date range", title, i + 1);
        ck_assert_msg(strstr(page[i], by), "%s page %d: not who printed it", title, i + 1);
        ck_assert_msg(strstr(page[i], when), "%s page %d: not when", title, i + 1);
    }
    free(page);
    free(text);
}

/* The last run of 64 hexadecimal digits in text: the chain head on the paper. */
static void printed_head(const char *text, char out[FD_HASH_HEX])
{
    out[0] = '\0';
    for (const char *p = text; *p; p++) {
        size_t n = strspn(p, "0123456789abcdef");
        if (n == 64) {
            memcpy(out, p, 64);
            out[64] = '\0';
        }
        if (n)
            p += n - 1;
    }
}

/* ---- reading the day back through the procedures ---- */

typedef struct names {
    char **items;
    size_t count;
} names;

static void names_add(names *n, const char *s)
{
    if (!s || !*s)
        return;
    n->items = realloc(n->items, (n->count + 1) * sizeof *n->items);
    n->items[n->count++] = strdup(s);
}

static void names_free(names *n)
{
    for (size_t i = 0; i < n->count; i++)
        free(n->items[i]);
    free(n->items);
}

static void assert_all_in(const names *n, const char *text, const char *what)
{
    ck_assert_msg(n->count > 0, "the demo day has no %s", what);
    for (size_t i = 0; i < n->count; i++)
        ck_assert_msg(strstr(text, n->items[i]), "%s \"%s\" is not on the paper", what, n->items[i]);
}

typedef struct visit_names {
    names names;
    fd_visit *last;
    int seen;
} visit_names;

static void visit_name(void *ctx, const fd_visit *v)
{
    visit_names *n = ctx;
    names_add(&n->names, v->visitor_name);
    fd_visit_free(n->last);
    n->last = fd_visit_dup(v);
    n->seen++;
}

/* The visitors registered on day, by name: the procedure's "today" seen that day. */
static names visitors_of(desk *k, fd_date day)
{
    fd_time saved = k->now;
    k->now = fd_date_start(day) + 12 * 3600;
    visit_names n = {{NULL, 0}, NULL, 0};
    fd_error err = {0};
    do {
        n.seen = 0;
        ck_assert_int_eq(fd_visits_list(k->d, &k->receptionist, FD_VISITS_TODAY, NULL, n.last, 100,
                                        visit_name, &n, &err), FD_OK);
    } while (n.seen == 100);
    fd_visit_free(n.last);
    k->now = saved;
    return n.names;
}

typedef struct day_filter {
    names names;
    fd_time start, end;
} day_filter;

static void complaint_number(void *ctx, const fd_complaint_row *row)
{
    day_filter *f = ctx;
    if (row->received_at >= f->start && row->received_at < f->end) {
        char number[32];
        snprintf(number, sizeof number, "#%lld", (long long)row->id);
        names_add(&f->names, number);
    }
}

static void mail_tracking(void *ctx, const fd_mail_item *m)
{
    day_filter *f = ctx;
    if (m->received_at >= f->start && m->received_at < f->end)
        names_add(&f->names, m->tracking);
}

static void call_caller(void *ctx, const fd_call_entry *e)
{
    names_add(ctx, e->caller);
}

static void notice_title(void *ctx, const fd_notice *n)
{
    names_add(ctx, n->title);
}

static void pass_unit(void *ctx, const fd_pass *p)
{
    names_add(ctx, p->unit);
}

static void overdue_tag(void *ctx, const fd_key_row *row)
{
    names_add(ctx, row->tag);
}

typedef struct shift_ids {
    int64_t ids[16];
    int count;
    fd_time start, end;
} shift_ids;

static void shift_of_day(void *ctx, const fd_shift *s)
{
    shift_ids *ids = ctx;
    if (s->start_at < ids->end && (s->end_at == 0 || s->end_at >= ids->start) && ids->count < 16)
        ids->ids[ids->count++] = s->id;
}

static void entry_of_day(void *ctx, const fd_entry *e)
{
    day_filter *f = ctx;
    if (e->at >= f->start && e->at < f->end)
        names_add(&f->names, e->content);
}

/* ---- tests ---- */

START_TEST(daily_logs_carry_the_days_records)
{
    const fd_date the_day = fd_date_from_ymd(2026, 11, 26); /* a whole day of the demo's week */
    desk k;
    desk_open(&k, demo_path);
    fd_error err = {0};
    fd_time start = fd_date_start(the_day), end = fd_date_start(the_day + 1);
    for (int log = 0; log < FD_DAILY_LOG_COUNT; log++) {
        fd_report *r;
        ck_assert_msg(fd_print_daily(k.d, &k.receptionist, the_day, (fd_daily_log)log, &r, &err) == FD_OK,
                      "%s: %s", fd_daily_log_name((fd_daily_log)log), err.message);
        char pdf[600];
        snprintf(pdf, sizeof pdf, "%s", testlib_path("daily.pdf"));
        write_pdf(r, pdf);
        assert_pages(pdf, fd_daily_log_title((fd_daily_log)log), "2026-11-26", "李娜 (1001)",
                     "2026-11-27 09:30");
        char *text = write_text(r, FD_REPORT_TEXT_WIDE);
        ck_assert_int_gt(paper_assert_text_aligned(text, FD_REPORT_TEXT_WIDE), 0);
        fd_report_free(r);
        free(text);
    }
    /* The combined log, checked against what each procedure says of the day. */
    fd_report *all;
    ck_assert_int_eq(fd_print_daily(k.d, &k.receptionist, the_day, FD_LOG_ALL, &all, &err), FD_OK);
    const char *pdf = testlib_path("all.pdf");
    write_pdf(all, pdf);
    fd_report_free(all);
    paper_assert_fonts_embedded(pdf);
    char *text = pdf_text_of(pdf);
    for (int log = 0; log < FD_LOG_ALL; log++)
        ck_assert_msg(strstr(text, fd_daily_log_title((fd_daily_log)log)), "no %s section",
                      fd_daily_log_name((fd_daily_log)log));
    names visitors = visitors_of(&k, the_day);
    assert_all_in(&visitors, text, "visitor");
    names_free(&visitors);

    day_filter complaints = {{NULL, 0}, start, end};
    fd_complaint_query q = {.view = FD_CVIEW_SEARCH, .text = "", .limit = 500};
    ck_assert_int_eq(fd_complaints_list(k.d, &q, complaint_number, &complaints, &err), FD_OK);
    assert_all_in(&complaints.names, text, "complaint");
    names_free(&complaints.names);

    day_filter mail = {{NULL, 0}, start, end};
    ck_assert_int_eq(fd_mail_list(k.d, FD_MAIL_BY_RECIPIENT, "", NULL, 500, mail_tracking, &mail, &err), FD_OK);
    assert_all_in(&mail.names, text, "tracking number");
    names_free(&mail.names);

    names calls = {NULL, 0};
    ck_assert_int_eq(fd_calls_between(k.d, &k.receptionist, start, end, call_caller, &calls, &err), FD_OK);
    ck_assert_int_gt(calls.count, 0);
    assert_all_in(&calls, text, "caller");
    names_free(&calls);

    names notices = {NULL, 0};
    ck_assert_int_eq(fd_notices_between(k.d, &k.receptionist, start, end, notice_title, &notices, &err), FD_OK);
    ck_assert_int_gt(notices.count, 0);
    assert_all_in(&notices, text, "notice");
    names_free(&notices);
    names passes = {NULL, 0};
    ck_assert_int_eq(fd_passes_between(k.d, &k.receptionist, the_day, the_day + 1, pass_unit, &passes, &err),
                     FD_OK);
    ck_assert_int_gt(passes.count, 0);
    assert_all_in(&passes, text, "pass's unit");
    names_free(&passes);

    names overdue = {NULL, 0};
    ck_assert_int_eq(fd_keys_overdue(k.d, overdue_tag, &overdue, &err), FD_OK);
    assert_all_in(&overdue, text, "overdue key");
    names_free(&overdue);

    shift_ids shifts = {.start = start, .end = end};
    ck_assert_int_eq(fd_shifts_list(k.d, NULL, 10, shift_of_day, &shifts, &err), FD_OK);
    day_filter entries = {{NULL, 0}, start, end};
    for (int i = 0; i < shifts.count; i++)
        ck_assert_int_eq(fd_handover_entries(k.d, shifts.ids[i], NULL, 500, entry_of_day, &entries, &err),
                         FD_OK);
    assert_all_in(&entries.names, text, "handover entry");
    names_free(&entries.names);
    free(text);
    desk_close(&k);
}
END_TEST

static void entry_text(void *ctx, const fd_entry *e)
{
    names_add(ctx, e->content);
}

START_TEST(handover_report_of_the_last_shift)
{
    desk k;
    desk_open(&k, demo_path);
    fd_error err = {0};
    int64_t shift_id;
    ck_assert_int_eq(fd_print_last_shift(k.d, &shift_id, &err), FD_OK);
    fd_shift shift;
    ck_assert_int_eq(fd_shift_get(k.d, shift_id, &shift, &err), FD_OK);
    ck_assert_int_eq(shift.state, FD_SHIFT_CLOSED);
    fd_report *r;
    ck_assert_msg(fd_print_handover(k.d, &k.duty_manager, shift_id, &r, &err) == FD_OK, "%s", err.message);
    const char *pdf = testlib_path("handover.pdf");
    write_pdf(r, pdf);
    char *plain = write_text(r, FD_REPORT_TEXT_WIDTH);
    ck_assert_int_gt(paper_assert_text_aligned(plain, FD_REPORT_TEXT_WIDTH), 0);
    free(plain);
    fd_report_free(r);

    char range[80];
    char start[FD_TIME_TEXT];
    fd_time_format(shift.start_at, start);
    snprintf(range, sizeof range, "%s", start);
    assert_pages(pdf, _("Shift handover report"), range, "张伟 (2001)", "2026-11-27 09:30");
    paper_assert_fonts_embedded(pdf);
    int pages = paper_pdf_pages(pdf);
    ck_assert_msg(paper_has_red(pdf, pages), "no follow-up in red");
    char *text = pdf_text_of(pdf);
    ck_assert_ptr_nonnull(strstr(text, shift.manager));
    ck_assert_ptr_nonnull(strstr(text, shift.taken_over_by));
    ck_assert_ptr_nonnull(strstr(text, _("Outgoing duty manager")));
    ck_assert_ptr_nonnull(strstr(text, _("Incoming duty manager")));
    ck_assert_ptr_nonnull(strstr(text, _("Inventory counted face to face")));
    for (size_t i = 0; i < k.config->inventory_items.count; i++)
        ck_assert_msg(strstr(text, k.config->inventory_items.items[i]), "no %s counted",
                      k.config->inventory_items.items[i]);
    names entries = {NULL, 0};
    ck_assert_int_eq(fd_handover_entries(k.d, shift_id, NULL, 500, entry_text, &entries, &err), FD_OK);
    /* A cell's lines come out of pdftotext interleaved with its row's other cells: its
     * first line, at least six characters, stands whole. */
    ck_assert_int_gt(entries.count, 0);
    for (size_t i = 0; i < entries.count; i++) {
        char *want = entries.items[i];
        size_t bytes = 0;
        for (int chars = 0; want[bytes] && chars < 6; chars++)
            do
                bytes++;
            while ((want[bytes] & 0xC0) == 0x80);
        want[bytes] = '\0';
        ck_assert_msg(strstr(text, want), "entry \"%s…\" is not on the paper", want);
    }
    names_free(&entries);
    free(text);
    desk_close(&k);
}
END_TEST

static void register_visitors(desk *k, fd_date day)
{
    static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    static const char *const given[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军"};
    fd_error err = {0};
    k->now = fd_date_start(day) + 8 * 3600 + 30 * 60;
    for (int i = 1; i <= VISITORS; i++) {
        char name[32], doc[16], phone[16], purpose[32];
        snprintf(name, sizeof name, "%s%s", surnames[i % 10], given[(i / 10) % 10]);
        snprintf(doc, sizeof doc, "E%08d", 10000000 + i);
        snprintf(phone, sizeof phone, "139%08d", 10000000 + i);
        snprintf(purpose, sizeof purpose, "商务洽谈 P%04d", i);
        fd_visit_form form = {.visitor_name = name, .doc_type = FD_DOC_PASSPORT, .doc_number = doc,
                              .phone = phone, .party_size = 1 + i % 3, .purpose = purpose,
                              .unit = "A-1203", .visitee_name = "王经理"};
        int64_t id;
        fd_visit_slip slip;
        ck_assert_msg(fd_visit_register(k->d, &k->receptionist, NULL, &form, &id, &err) == FD_OK,
                      "visitor %d: %s", i, err.message);
        ck_assert_int_eq(fd_visit_admit(k->d, &k->receptionist, NULL, id, &slip, &err), FD_OK);
        k->now += 60;
        if (i % 10)
            ck_assert_int_eq(fd_visit_sign_out(k->d, &k->receptionist, id, i % 7 != 0, 0, &err), FD_OK);
    }
}

/* A visitor of the day before, registered at night and let in, as a form of the desk. */
static int64_t night_visitor(desk *k, const char *purpose, const char *doc)
{
    fd_error err = {0};
    fd_visit_form form = {.visitor_name = "钱多多", .doc_type = FD_DOC_PASSPORT, .doc_number = doc,
                          .phone = "13900001111", .party_size = 1, .purpose = purpose,
                          .unit = "A-1203", .visitee_name = "王经理"};
    int64_t id;
    fd_visit_slip slip;
    ck_assert_msg(fd_visit_register(k->d, &k->duty_manager, NULL, &form, &id, &err) == FD_OK, "%s",
                  err.message);
    ck_assert_int_eq(fd_visit_admit(k->d, &k->duty_manager, NULL, id, &slip, &err), FD_OK);
    return id;
}

/* A day's visitor log lists those of an earlier day who were inside that day — still
 * there, or gone during it — with their day, and counts them apart: the paper said one
 * still inside where the screen said two. One gone before the day is not on it. */
START_TEST(a_days_log_lists_who_stayed_the_night)
{
    char *path = demo_copy("night.db");
    desk k;
    desk_open(&k, path);
    fd_error err = {0};
    k.now = fd_time_from_local(2026, 11, 29, 21, 0, 0);
    int64_t gone_before = night_visitor(&k, "夜间维修 N1", "E70000001");
    night_visitor(&k, "夜间陪护 N2", "E70000002");
    int64_t gone_during = night_visitor(&k, "夜间搬运 N3", "E70000003");
    k.now = fd_time_from_local(2026, 11, 29, 23, 0, 0);
    ck_assert_int_eq(fd_visit_sign_out(k.d, &k.duty_manager, gone_before, true, 0, &err), FD_OK);
    k.now = fd_time_from_local(2026, 11, 30, 9, 0, 0);
    ck_assert_int_eq(fd_visit_sign_out(k.d, &k.receptionist, gone_during, true, 0, &err), FD_OK);
    fd_report *r;
    ck_assert_int_eq(fd_print_daily(k.d, &k.receptionist, fd_date_from_ymd(2026, 11, 30), FD_LOG_VISITORS,
                                    &r, &err), FD_OK);
    char *text = write_text(r, FD_REPORT_TEXT_WIDE);
    fd_report_free(r);
    ck_assert_msg(!strstr(text, "N1"), "gone before the day, on its log");
    ck_assert_msg(strstr(text, "N2") && strstr(text, "N3"), "who stayed the night is not on the log");
    ck_assert_msg(strstr(text, "| 11-29  | 20261129-"), "the day they came is not on the row");
    const char *more = strstr(text, "more from an earlier day");
    ck_assert_msg(more, "no count of those from an earlier day");
    long carried = 0;
    const char *digits = more - 2;
    while (digits > text && digits[-1] >= '0' && digits[-1] <= '9')
        digits--;
    ck_assert_int_eq(sscanf(digits, "%ld", &carried), 1);
    /* The two of the night, and the demo's own visitors still inside from its week. */
    ck_assert_int_ge(carried, 2);
    free(text);
    desk_close(&k);
    free(path);
}
END_TEST

START_TEST(five_hundred_visitors_nothing_cut)
{
    char *path = demo_copy("busy.db");
    desk k;
    desk_open(&k, path);
    fd_date day = fd_date_from_ymd(2026, 11, 28);
    register_visitors(&k, day);
    fd_error err = {0};
    fd_report *r;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    ck_assert_int_eq(fd_print_daily(k.d, &k.receptionist, day, FD_LOG_VISITORS, &r, &err), FD_OK);
    double built = paper_seconds_since(&start);
    const char *pdf = testlib_path("busy.pdf");
    write_pdf(r, pdf);
    printf("print: visitor log of %d visitors built in %.2f s, PDF in %.2f s in all\n", VISITORS, built,
           paper_seconds_since(&start));
    char *plain = write_text(r, FD_REPORT_TEXT_WIDE);
    fd_report_free(r);

    int pages = paper_pdf_pages(pdf);
    ck_assert_int_gt(pages, 10);
    char *text = pdf_text_of(pdf), *copy = strdup(text);
    char **page = calloc((size_t)pages + 2, sizeof *page);
    ck_assert_int_eq(paper_split_pages(copy, page, pages + 2), pages);
    const char *column = _("People"); /* a header cell no row repeats */
    for (int i = 1; i <= VISITORS; i++) {
        char token[16];
        snprintf(token, sizeof token, "P%04d", i);
        ck_assert_msg(paper_count(text, token) == 1, "%s on the PDF %d times", token, paper_count(text, token));
        ck_assert_msg(paper_count(plain, token) == 1, "%s in the text %d times", token, paper_count(plain, token));
        int on = paper_page_of(page, pages, token);
        ck_assert_msg(paper_count(page[on - 1], column) == 1, "page %d lacks the header row", on);
    }
    free(page);
    free(copy);
    char when[FD_TIME_TEXT];
    fd_time_format(k.now, when);
    assert_pages(pdf, _("Visitor log"), "2026-11-28", "李娜 (1001)", when);
    paper_assert_fonts_embedded(pdf);
    ck_assert_int_gt(paper_assert_text_aligned(plain, FD_REPORT_TEXT_WIDE), VISITORS);
    /* Every text page is 66 lines. */
    char *pages_text = strdup(plain);
    char *text_page[200];
    int text_pages = paper_split_pages(pages_text, text_page, 200);
    for (int i = 0; i < text_pages; i++)
        ck_assert_int_eq(paper_count(text_page[i], "\n"), 66);
    free(pages_text);
    free(plain);
    free(text);
    fd_verify_result v;
    ck_assert_int_eq(fd_verify(k.d, NULL, NULL, NULL, &v, &err), FD_OK);
    desk_close(&k);
    free(path);
}
END_TEST

static void verify_head(const char *db, char out[FD_HASH_HEX])
{
    char args[700];
    snprintf(args, sizeof args, "--db '%s' verify", db);
    run_result r = run(NULL, args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    const char *head = strstr(r.output, "Chain head: ");
    ck_assert_ptr_nonnull(head);
    snprintf(out, FD_HASH_HEX, "%.64s", head + strlen("Chain head: "));
    free(r.output);
}

START_TEST(printed_chain_head_is_verifys)
{
    char *db = demo_copy("head.db");
    char args[1200], head[FD_HASH_HEX], verified[FD_HASH_HEX];
    /* The text to standard output, as one would mail it. */
    snprintf(args, sizeof args, "--db '%s' print daily --date yesterday --log keys --text - --as 1001", db);
    run_result r = run("FRONTDESK_PIN=1111", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    ck_assert_ptr_nonnull(strstr(r.output, _("Key loan register")));
    printed_head(r.output, head);
    free(r.output);
    verify_head(db, verified);
    ck_assert_str_eq(head, verified);
    /* The PDF of the handover report, by the duty manager. */
    const char *pdf = testlib_path("cli.pdf");
    snprintf(args, sizeof args, "--db '%s' print handover --last --pdf '%s' --as 2001", db, pdf);
    r = run("FRONTDESK_PIN=2222", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    free(r.output);
    char *text = pdf_text_of(pdf);
    printed_head(text, head);
    free(text);
    verify_head(db, verified);
    ck_assert_str_eq(head, verified);
    snprintf(args, sizeof args, "--db '%s' verify --against %s", db, head);
    r = run(NULL, args);
    ck_assert_msg(r.status == 0 && strstr(r.output, "is in the chain"), "%s", r.output);
    free(r.output);
    free(db);
}
END_TEST

START_TEST(the_command_line_saves_or_prints)
{
    char *db = demo_copy("cli.db");
    char *data = strdup(testlib_path("data"));
    char env[2048], args[1200];
    snprintf(env, sizeof env, "FRONTDESK_PIN=1111 XDG_DATA_HOME='%s'", data);
    /* No printer configured: saved, and the path said. */
    snprintf(args, sizeof args, "--db '%s' print daily --log mail --date 2026-11-26 --as 1001", db);
    run_result r = run(env, args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    char want[1200];
    snprintf(want, sizeof want, "%s/frontdesk/reports/daily-mail-2026-11-26.pdf", data);
    ck_assert_msg(strstr(r.output, want), "no \"%s\" in:\n%s", want, r.output);
    ck_assert_int_ge(paper_pdf_pages(want), 1);
    free(r.output);
    /* A printer: through lp, which is given neither the PIN nor a file left in $TMPDIR. */
    char *bin = paper_fake_lp(0);
    char *tmp = strdup(testlib_path("tmp"));
    mkdir(tmp, 0700);
    snprintf(env, sizeof env, "FRONTDESK_PIN=1111 TMPDIR='%s' PATH='%s':\"$PATH\"", tmp, bin);
    snprintf(args, sizeof args, "--db '%s' print daily --log visitors --printer OFFICE --as 1001", db);
    r = run(env, args);
    ck_assert_msg(r.status == 0 && strstr(r.output, "OFFICE"), "%s", r.output);
    free(r.output);
    char printed[1100];
    snprintf(printed, sizeof printed, "%s/printed.pdf", bin);
    ck_assert_int_ge(paper_pdf_pages(printed), 1);
    snprintf(printed, sizeof printed, "%s/env", bin);
    char *lp_env = paper_slurp_file(printed);
    ck_assert_msg(strstr(lp_env, "PATH=") && !strstr(lp_env, "FRONTDESK_PIN"), "%s", lp_env);
    free(lp_env);
    snprintf(args, sizeof args, "test -z \"$(ls -A '%s')\"", tmp);
    ck_assert_msg(system(args) == 0, "the print job was left in %s", tmp);
    free(tmp);
    free(bin);
    /* Mistakes. */
    snprintf(args, sizeof args, "--db '%s' print daily --log parcels --as 1001", db);
    r = run("FRONTDESK_PIN=1111", args);
    ck_assert_msg(r.status == 64 && strstr(r.output, "parcels"), "%s", r.output);
    free(r.output);
    snprintf(args, sizeof args, "--db '%s' print handover --last --date today --as 2001", db);
    r = run("FRONTDESK_PIN=2222", args);
    ck_assert_int_eq(r.status, 64);
    free(r.output);
    snprintf(args, sizeof args, "--db '%s' print daily --as 1001", db);
    r = run("FRONTDESK_PIN=0000", args);
    ck_assert_msg(r.status == 77, "%s", r.output);
    free(r.output);
    free(data);
    free(db);
}
END_TEST

/* The text form is the office's too: its page frame in Chinese, each page on lines of
 * its own (issue 17: the renderer's width locale reset the message locale to "C"). */
START_TEST(text_reports_speak_the_readers_language)
{
    char args[700];
    snprintf(args, sizeof args,
             "--db '%s' print daily --log visitors --date 2026-11-26 --text - --as 1001",
             demo_path);
    run_result r = run("FRONTDESK_PIN=1111 LANGUAGE=zh_CN", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    ck_assert_msg(strstr(r.output, "第 1 页，共"), "no Chinese page line in:\n%s", r.output);
    ck_assert_msg(strstr(r.output, "打印人"), "no Chinese printed-by line in:\n%s", r.output);
    ck_assert_msg(!strstr(r.output, "Page 1 of") && !strstr(r.output, "Printed "),
                  "English frame in:\n%s", r.output);
    for (const char *ff = strchr(r.output, '\f'); ff; ff = strchr(ff + 1, '\f'))
        ck_assert_msg(ff > r.output && ff[-1] == '\n', "a form feed ends a line");
    free(r.output);
}
END_TEST

/* A log's counts read as every other log's do, a space either side of a figure ("受理
 * 2 件"): the renovation log's too. */
START_TEST(the_permits_log_counts_like_the_others)
{
    char args[700];
    snprintf(args, sizeof args,
             "--db '%s' print daily --log permits --date 2026-11-24 --text - --as 1001", demo_path);
    run_result r = run("FRONTDESK_PIN=1111 LANGUAGE=zh_CN", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    ck_assert_msg(strstr(r.output, "发证 1 张，退证 1 张，保证金不退 0 张，动火证 1 张"), "%s", r.output);
    free(r.output);
}
END_TEST

/* Issue 16: Chinese paper is punctuated in Chinese — "突发事件：", "延续跟进（张伟）" —
 * so no ASCII colon before a space and no ASCII bracket is left on it. */
static void assert_chinese_punctuation(const char *what)
{
    char args[700];
    snprintf(args, sizeof args, "--db '%s' print %s --text - --as 2001", demo_path, what);
    run_result r = run("FRONTDESK_PIN=2222 LANGUAGE=zh_CN", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    const char *bad = strstr(r.output, ": ");
    for (const char *b = "()"; *b && !bad; b++)
        bad = strchr(r.output, *b);
    ck_assert_msg(!bad, "%s: ASCII punctuation at \"%.60s\"", what, bad);
    free(r.output);
}

START_TEST(chinese_paper_is_punctuated_in_chinese)
{
    assert_chinese_punctuation("handover");
    assert_chinese_punctuation("daily --log all --date 2026-11-26");
    assert_chinese_punctuation("suggestions --from 2026-11-01 --to 2026-11-30");
}
END_TEST

/* ---- paper that keeps together (issue 17) ---- */

static void visit_slip(void *ctx, const fd_visit *v)
{
    names_add(ctx, v->slip);
}

typedef struct step_count {
    fd_time start, end;
    long steps;
} step_count;

static void count_step(void *ctx, const fd_complaint_step *s)
{
    step_count *c = ctx;
    c->steps += s->at >= c->start && s->at < c->end;
}

static void touched(void *ctx, const fd_complaint_row *row)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)row->id);
    names_add(ctx, id);
}

/* Each caption stands on the page of its table's first rows: the page holding it holds
 * the column title after it too. */
static void assert_kept_with(char **pages, int count, const char *caption, const char *column)
{
    /* A column title may wrap in its cell: compare without the spaces and breaks. */
    char *title = paper_squeezed(column);
    for (int i = 0; i < count; i++) {
        const char *at = strstr(pages[i], caption);
        char *rest = at ? paper_squeezed(at) : NULL;
        if (rest)
            ck_assert_msg(strstr(rest, title), "\"%s\" ends page %d without its table", caption, i + 1);
        free(rest);
    }
    free(title);
}

/* Issue 16: a correction on the day's complaints log reads old → new with the reason,
 * in the page's words. */
START_TEST(a_corrected_complaint_reads_old_to_new_on_paper)
{
    char *path = demo_copy("corrected.db");
    desk k;
    desk_open(&k, path);
    fd_error err = {0};
    ck_assert_msg(fd_complaint_correct(k.d, &k.receptionist, 2, "category", "service_attitude",
                                       "维修人员态度", &err) == FD_OK,
                  "%s", err.message);
    fd_report *r;
    ck_assert_int_eq(fd_print_daily(k.d, &k.receptionist, fd_date_from_ymd(2026, 11, 27),
                                    FD_LOG_COMPLAINTS, &r, &err),
                     FD_OK);
    char *text = write_text(r, FD_REPORT_TEXT_WIDE);
    fd_report_free(r);
    char *squeezed = paper_squeezed(text);
    char *wanted = paper_squeezed("Category: Emergency handling \u2192 Service: staff attitude (reason: 维修人员态度)");
    ck_assert_msg(strstr(squeezed, wanted), "%s", text);
    free(wanted);
    free(squeezed);
    free(text);
    desk_close(&k);
    free(path);
}
END_TEST

/* The renovations' log of the demo's Tuesday: the hot work approved (and by whom) and
 * its site cleared, a pass returned with its refund, a renovation completed; the
 * summary counts them. */
START_TEST(the_permits_log_lists_the_days_renovation_steps)
{
    desk k;
    desk_open(&k, demo_path);
    fd_error err = {0};
    fd_report *r;
    ck_assert_int_eq(fd_print_daily(k.d, &k.receptionist, fd_date_from_ymd(2026, 11, 24),
                                    FD_LOG_PERMITS, &r, &err),
                     FD_OK);
    char *text = write_text(r, FD_REPORT_TEXT_WIDE);
    fd_report_free(r);
    char *squeezed = paper_squeezed(text);
    static const char *const wanted[] = {
        "1 passes issued, 1 returned, 0 deposits forfeited, 1 hot-work permits, 0 tools lists",
        "冯九, receipt GZ-0417", "Renovation completed",
        "Hot work approved", "陈建国, certificate T320102198801", "李娜 (approved by 张伟)",
        "Site cleared after hot work", "吴九, refunded 40 yuan, receipt TK-0131", "A-1504",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
        char *w = paper_squeezed(wanted[i]);
        ck_assert_msg(strstr(squeezed, w), "no \"%s\" in\n%s", wanted[i], text);
        free(w);
    }
    free(squeezed);
    free(text);
    desk_close(&k);
}
END_TEST

/* The n-th column (from 0) of a text report's tables, its lines run together: a cell
 * reads whole though it wraps. */
static char *column_of(const char *text, int n)
{
    char *out = calloc(1, strlen(text) + 1);
    for (const char *line = text; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (*line != '|')
            continue;
        const char *cell = line;
        for (int i = 0; i < n && cell; i++)
            cell = strchr(cell + 1, '|');
        const char *end = cell ? strchr(cell + 1, '|') : NULL;
        const char *eol = strchr(line, '\n');
        if (cell && end && (!eol || end < eol))
            strncat(out, cell + 1, (size_t)(end - cell - 1));
    }
    return out;
}

static void first_loan(void *ctx, const fd_loan_row *row)
{
    *(int64_t *)ctx = row->id;
}

/* The key log says of a loan refused who refused it, when and why, and of keys that
 * came back with a note, the note: in the state's column, on paper and in text. */
START_TEST(the_keys_log_says_how_a_loan_ended)
{
    char *path = demo_copy("keys-ended.db");
    desk k;
    desk_open(&k, path);
    fd_error err = {0};
    int64_t waiting = 0, key = 0, lent = 0;
    ck_assert_int_eq(fd_key_loans_list(k.d, &k.duty_manager, FD_LOANS_PENDING, 0, 1, first_loan,
                                       &waiting, &err), FD_OK);
    ck_assert_int_gt(waiting, 0);
    k.now = fd_time_from_local(2026, 11, 27, 9, 45, 0);
    ck_assert_int_eq(fd_key_loan_refuse(k.d, &k.duty_manager, NULL, waiting, "需先提交年检计划", &err),
                     FD_OK);
    ck_assert_int_eq(fd_key_find_tag(k.d, "P-04", &key, &err), FD_OK);
    fd_key_loan_new loan = {.borrower_kind = FD_BORROWER_STAFF, .borrower = "王师傅",
                            .department = "工程部", .key_ids = &key, .key_count = 1,
                            .reason = FD_KEY_REASON_CLEANING, .hand_over = true};
    k.now = fd_time_from_local(2026, 11, 27, 10, 0, 0);
    ck_assert_msg(fd_key_loan_request(k.d, &k.duty_manager, NULL, &loan, &lent, &err) == FD_OK, "%s",
                  err.message);
    k.now = fd_time_from_local(2026, 11, 27, 11, 0, 0);
    ck_assert_int_eq(fd_key_loan_return(k.d, &k.receptionist, lent, "王师傅",
                                        "钥匙齿有磨损，已告知保管人", &err), FD_OK);
    fd_report *r;
    ck_assert_int_eq(fd_print_daily(k.d, &k.receptionist, fd_date_from_ymd(2026, 11, 27), FD_LOG_KEYS,
                                    &r, &err), FD_OK);
    const char *pdf = testlib_path("keys-ended.pdf");
    write_pdf(r, pdf);
    char *text = write_text(r, FD_REPORT_TEXT_WIDE);
    fd_report_free(r);
    char *state = column_of(text, 11), *states = paper_squeezed(state);
    ck_assert_msg(strstr(states, "Refused张伟09:45需先提交年检计划"), "%s", text);
    ck_assert_msg(strstr(states, "ReturnedNote:钥匙齿有磨损，已告知保管人"), "%s", text);
    char *pdf_text = pdf_text_of(pdf), *on_paper = paper_squeezed(pdf_text);
    ck_assert_msg(strstr(on_paper, "需先提交年检计划"), "%s", pdf_text);
    ck_assert_msg(strstr(on_paper, "钥匙齿有磨损，已告知保管人"), "%s", pdf_text);
    free(on_paper);
    free(pdf_text);
    free(states);
    free(state);
    free(text);
    desk_close(&k);
    free(path);
}
END_TEST

/* Issue 16: the handover report says of a complaint still open what the night did to
 * it — handed to the CS manager with the reason and taken over, corrected old → new
 * with the reason. */
START_TEST(the_handover_report_reads_a_complaints_hand_over_and_corrections)
{
    char *path = demo_copy("referred.db");
    desk k;
    desk_open(&k, path);
    fd_error err = {0};
    ck_assert_msg(fd_complaint_correct(k.d, &k.duty_manager, 2, "category", "service_attitude",
                                       "维修人员态度", &err) == FD_OK,
                  "%s", err.message);
    k.now += 10 * 60;
    ck_assert_msg(fd_complaint_refer(k.d, &k.duty_manager, 2, "业主要求经理出面", &err) == FD_OK, "%s",
                  err.message);
    fd_actor cs_manager;
    ck_assert_int_eq(fd_staff_login(k.d, "3001", "3333", &cs_manager, &err), FD_OK);
    k.now += 10 * 60;
    ck_assert_msg(fd_complaint_accept(k.d, &cs_manager, 2, "明早上门", &err) == FD_OK, "%s", err.message);
    fd_shift shift;
    ck_assert_int_eq(fd_shift_current(k.d, &shift, &err), FD_OK);
    fd_report *r;
    ck_assert_msg(fd_print_handover(k.d, &k.duty_manager, shift.id, &r, &err) == FD_OK, "%s", err.message);
    char *text = write_text(r, FD_REPORT_TEXT_WIDE);
    fd_report_free(r);
    char *column = column_of(text, 3); /* what and where */
    char *squeezed = paper_squeezed(column);
    free(column);
    static const char *const wanted[] = {
        "11-27 09:40 Handed to the CS manager: 业主要求经理出面 (张伟)",
        "11-27 09:50 Taken over: 明早上门 (刘洋)",
        "11-27 09:30 Category: Emergency handling \u2192 Service: staff attitude (reason: 维修人员态度) (张伟)",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
        char *want = paper_squeezed(wanted[i]);
        const char *items = strstr(text, "Open items");
        ck_assert_msg(strstr(squeezed, want), "no \"%s\" in:\n%.3000s", wanted[i], items ? items : text);
        free(want);
    }
    free(squeezed);
    free(text);
    desk_close(&k);
    free(path);
}
END_TEST

START_TEST(daily_logs_keep_together_sign_and_list_every_step)
{
    const fd_date the_day = fd_date_from_ymd(2026, 11, 26);
    desk k;
    desk_open(&k, demo_path);
    fd_error err = {0};
    fd_time start = fd_date_start(the_day), end = fd_date_start(the_day + 1);
    fd_report *all;
    ck_assert_int_eq(fd_print_daily(k.d, &k.receptionist, the_day, FD_LOG_ALL, &all, &err), FD_OK);
    const char *pdf = testlib_path("together.pdf");
    write_pdf(all, pdf);
    char *text = write_text(all, FD_REPORT_TEXT_WIDE);
    fd_report_free(all);
    char *pdf_text = pdf_text_of(pdf);

    /* Slip numbers are never broken across lines, on paper or in text. */
    names slips = {NULL, 0};
    ck_assert_int_eq(fd_visits_between(k.d, &k.receptionist, start, end, visit_slip, &slips, &err), FD_OK);
    assert_all_in(&slips, pdf_text, "slip number");
    assert_all_in(&slips, text, "slip number");
    names_free(&slips);

    /* Every log ends with its signature lines. */
    for (const char *paper = text; paper; paper = paper == text ? pdf_text : NULL) {
        ck_assert_int_eq(paper_count(paper, _("Checked by")), FD_LOG_ALL);
        ck_assert_int_eq(paper_count(paper, _("Registered by")) >= FD_LOG_ALL, 1);
    }

    /* Every step of the day's complaints is listed: as many as their timelines hold. */
    names ids = {NULL, 0};
    ck_assert_int_eq(fd_complaints_touched(k.d, start, end, touched, &ids, &err), FD_OK);
    step_count c = {start, end, 0};
    for (size_t i = 0; i < ids.count; i++)
        ck_assert_int_eq(fd_complaint_timeline(k.d, &k.receptionist, atoll(ids.items[i]), count_step, &c, &err),
                         FD_OK);
    names_free(&ids);
    ck_assert_int_gt(c.steps, 0);
    char steps[120];
    snprintf(steps, sizeof steps, _("%ld steps in all"), c.steps);
    char *squeezed = paper_squeezed(pdf_text), *wanted = paper_squeezed(steps);
    ck_assert_msg(strstr(squeezed, wanted), "no \"%s\"", steps);
    /* A column title may wrap in its cell: compare without the spaces and breaks. */
    char *time_title = paper_squeezed(_("Taken in at"));
    ck_assert_msg(strstr(squeezed, time_title), "the complaints' time column");
    free(time_title);
    free(squeezed);
    free(wanted);

    /* Captions stay with their tables: on the page as laid out, the caption and then
     * its column titles. */
    char command[1024];
    snprintf(command, sizeof command, "pdftotext -layout -enc UTF-8 '%s' -", pdf);
    char *laid = command_output(command);
    int count = paper_pdf_pages(pdf);
    char **pages = calloc((size_t)count + 2, sizeof *pages);
    paper_split_pages(laid, pages, count + 2);
    assert_kept_with(pages, count, _("Complaints received:"), _("Channel"));
    assert_kept_with(pages, count, _("Rectified:"), _("Measures"));
    assert_kept_with(pages, count, _("Return visits:"), _("Satisfaction"));
    assert_kept_with(pages, count, _("Items signed for this day:"), _("Carrier and tracking"));
    free(pages);
    free(laid);
    free(pdf_text);
    free(text);
    desk_close(&k);
}
END_TEST

/* --width sets the text form's carriage. */
START_TEST(text_width_is_chosen_on_the_command_line)
{
    char args[700];
    snprintf(args, sizeof args,
             "--db '%s' print daily --log visitors --date 2026-11-26 --text - --width 90 --as 1001",
             demo_path);
    run_result r = run("FRONTDESK_PIN=1111", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    ck_assert_int_gt(paper_assert_text_aligned(r.output, 90), 0);
    ck_assert_msg(strstr(r.output, "20261126-001"), "%s", r.output);
    free(r.output);
    snprintf(args, sizeof args, "--db '%s' print daily --text - --width 12 --as 1001", demo_path);
    r = run("FRONTDESK_PIN=1111", args);
    ck_assert_int_eq(r.status, 64);
    free(r.output);
}
END_TEST

/* ---- the visitor slip ---- */

static void first_admitted(void *ctx, const fd_visit *v)
{
    fd_visit **out = ctx;
    if (!*out && v->admitted_at)
        *out = fd_visit_dup(v);
}

/* What a desk scanner reads off the page: zbarimg on the PDF rendered at 200 dpi. */
static char *scan_barcode(const char *pdf)
{
    char command[2048];
    const char *png = testlib_path("scan");
    snprintf(command, sizeof command,
             "pdftoppm -r 200 -png -singlefile '%s' '%s' && zbarimg -q --raw '%s.png' 2>/dev/null",
             pdf, png, png);
    char *text = command_output(command);
    text[strcspn(text, "\n")] = '\0';
    return text;
}

START_TEST(the_visitor_slip_on_a6_and_a_receipt_roll_scans_back)
{
    desk k;
    desk_open(&k, demo_path);
    fd_error err = {0};
    const fd_date the_day = fd_date_from_ymd(2026, 11, 26);
    fd_visit *v = NULL;
    ck_assert_int_eq(fd_visits_between(k.d, &k.receptionist, fd_date_start(the_day),
                                       fd_date_start(the_day + 1), first_admitted, &v, &err), FD_OK);
    ck_assert_ptr_nonnull(v);
    static const struct {
        fd_report_paper paper;
        double width, height; /* points; height 0: as long as the slip */
    } papers[] = {{FD_PAPER_A6, 297.6, 419.5}, {FD_PAPER_RECEIPT_80, 226.8, 0}};
    for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++) {
        fd_report *r;
        ck_assert_msg(fd_print_slip(k.d, &k.receptionist, v->slip, papers[i].paper, &r, &err) == FD_OK,
                      "%s", err.message);
        const char *pdf = testlib_path("slip.pdf");
        write_pdf(r, pdf);
        char *text = write_text(r, 60);
        fd_report_free(r);
        char command[1024];
        snprintf(command, sizeof command, "pdfinfo '%s'", pdf);
        char *info = command_output(command);
        double w = 0, h = 0;
        const char *size = strstr(info, "Page size:");
        ck_assert_ptr_nonnull(size);
        ck_assert_int_eq(sscanf(size, "Page size: %lf x %lf", &w, &h), 2);
        ck_assert_msg(w > papers[i].width - 1 && w < papers[i].width + 1, "width %f", w);
        if (papers[i].height > 0)
            ck_assert_msg(h > papers[i].height - 1 && h < papers[i].height + 1, "height %f", h);
        else
            ck_assert_msg(h > 200 && h < 600, "a roll cut at %f points", h);
        ck_assert_int_eq(paper_pdf_pages(pdf), 1);
        free(info);
        char *scanned = scan_barcode(pdf);
        ck_assert_str_eq(scanned, v->slip);
        free(scanned);
        char *pdf_text = pdf_text_of(pdf);
        ck_assert_msg(strstr(pdf_text, v->visitor_name) && strstr(pdf_text, v->visitee_name) &&
                      strstr(pdf_text, v->gate) && strstr(pdf_text, _("Visitee's signature")) &&
                      strstr(pdf_text, v->slip) && strstr(pdf_text, v->doc_number),
                      "%s", pdf_text);
        free(pdf_text);
        char starred[40];
        snprintf(starred, sizeof starred, "*%s*", v->slip);
        ck_assert_msg(strstr(text, starred), "%s", text);
        free(text);
    }
    fd_report *r = NULL;
    ck_assert_int_eq(fd_print_slip(k.d, &k.receptionist, "19990101-001", FD_PAPER_A6, &r, &err), FD_NOT_FOUND);
    ck_assert_ptr_null(r);
    fd_visit_free(v);
    desk_close(&k);
}
END_TEST

START_TEST(print_slip_from_the_command_line)
{
    char args[1000];
    const char *pdf = testlib_path("cli-slip.pdf");
    snprintf(args, sizeof args, "--db '%s' print slip 20261126-001 --paper receipt80 --pdf '%s' --as 1001",
             demo_path, pdf);
    run_result r = run("FRONTDESK_PIN=1111", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    free(r.output);
    char *scanned = scan_barcode(pdf);
    ck_assert_str_eq(scanned, "20261126-001");
    free(scanned);
    snprintf(args, sizeof args, "--db '%s' print slip 20261126-001 --paper a4 --as 1001", demo_path);
    r = run("FRONTDESK_PIN=1111", args);
    ck_assert_int_eq(r.status, 64);
    free(r.output);
}
END_TEST

/* The demo's first pass: old computers out of T-1101 under the seal. Its two parts,
 * each with the number a scanner reads back; a voided pass is not printed. */
START_TEST(the_two_part_pass)
{
    desk k;
    desk_open(&k, demo_path);
    fd_error err = {0};
    fd_report *r;
    ck_assert_msg(fd_print_pass(k.d, &k.receptionist, 1, &r, &err) == FD_OK, "%s", err.message);
    const char *pdf = testlib_path("pass.pdf");
    write_pdf(r, pdf);
    char *text = write_text(r, 80);
    fd_report_free(r);
    const char *stub = strstr(text, _("Stub (kept by the customer-service department)"));
    const char *release = strstr(text, _("Release part (the carrier shows it at the door)"));
    ck_assert_msg(stub && release && stub < release, "%s", text);
    ck_assert_msg(strstr(release, "*P000001*") && strstr(release, "旧台式电脑") && strstr(release, "4台") &&
                  strstr(release, "110105********0011") && strstr(release, _("Company seal or signature")),
                  "%s", text);
    free(text);
    char *scanned = scan_barcode(pdf);
    ck_assert_str_eq(scanned, "P000001");
    free(scanned);
    r = NULL;
    ck_assert_int_eq(fd_print_pass(k.d, &k.receptionist, 5, &r, &err), FD_STATE); /* voided */
    ck_assert_ptr_null(r);
    desk_close(&k);
    char args[1000];
    snprintf(args, sizeof args, "--db '%s' print pass 1 --pdf '%s' --as 1001", demo_path,
             testlib_path("cli-pass.pdf"));
    run_result cli = run("FRONTDESK_PIN=1111", args);
    ck_assert_msg(cli.status == 0, "%s", cli.output);
    free(cli.output);
    snprintf(args, sizeof args, "--db '%s' print pass one --as 1001", demo_path);
    cli = run("FRONTDESK_PIN=1111", args);
    ck_assert_int_eq(cli.status, 64);
    free(cli.output);
}
END_TEST

/* The suggestions collected for the office: the demo's two of November, each with its
 * caller, what was suggested and the answer, then the months of the period, one
 * without any; the desk may not print it, and the command takes the period. */
START_TEST(the_suggestions_collected_with_their_count_by_month)
{
    desk k;
    desk_open(&k, demo_path);
    fd_error err = {0};
    fd_report *r = NULL;
    fd_date first, last;
    ck_assert(fd_date_parse("2026-10-01", &first, NULL) && fd_date_parse("2026-11-30", &last, NULL));
    ck_assert_int_eq(fd_print_suggestions(k.d, &k.receptionist, first, last, &r, &err), FD_DENIED);
    ck_assert_ptr_null(r);
    ck_assert_msg(fd_print_suggestions(k.d, &k.duty_manager, first, last, &r, &err) == FD_OK, "%s",
                  err.message);
    char *text = write_text(r, 160);
    fd_report_free(r);
    const char *wu = strstr(text, "A-102 吴思"), *zhou = strstr(text, "A-201 周婷");
    ck_assert_msg(wu && zhou && wu < zhou, "oldest first: %s", text);
    ck_assert_msg(strstr(text, "建议在儿童游乐区加装遮阳棚") && strstr(text, "已记录，转客服部汇总"), "%s", text);
    ck_assert_msg(strstr(text, "2 received, 2 dealt with, 0 pending"), "%s", text);
    const char *october = strstr(text, "2026-10"), *november = strstr(text, "2026-11 ");
    ck_assert_msg(october && november && october < november, "%s", text);
    ck_assert_msg(!strstr(text, "杜鹏霞"), "only suggestions: %s", text);
    free(text);
    desk_close(&k);
    char args[1000];
    snprintf(args, sizeof args, "--db '%s' print suggestions --from 2026-11-30 --to 2026-11-01 --as 2001",
             demo_path);
    run_result cli = run("FRONTDESK_PIN=2222", args);
    ck_assert_int_eq(cli.status, 64);
    free(cli.output);
    snprintf(args, sizeof args, "--db '%s' print suggestions --from 2026-11-01 --to 2026-11-30 --pdf '%s' --as 2001",
             demo_path, testlib_path("suggestions.pdf"));
    cli = run("FRONTDESK_PIN=2222", args);
    ck_assert_msg(cli.status == 0, "%s", cli.output);
    free(cli.output);
}
END_TEST

int main(void)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    fd_i18n_init(NULL);
    Suite *suite = suite_create("print");
    TCase *tc = tcase_create("print");
    tcase_set_timeout(tc, 300);
    tcase_add_unchecked_fixture(tc, make_demo, NULL);
    tcase_add_test(tc, daily_logs_carry_the_days_records);
    tcase_add_test(tc, handover_report_of_the_last_shift);
    tcase_add_test(tc, five_hundred_visitors_nothing_cut);
    tcase_add_test(tc, a_days_log_lists_who_stayed_the_night);
    tcase_add_test(tc, printed_chain_head_is_verifys);
    tcase_add_test(tc, the_command_line_saves_or_prints);
    tcase_add_test(tc, text_reports_speak_the_readers_language);
    tcase_add_test(tc, the_permits_log_counts_like_the_others);
    tcase_add_test(tc, chinese_paper_is_punctuated_in_chinese);
    tcase_add_test(tc, daily_logs_keep_together_sign_and_list_every_step);
    tcase_add_test(tc, a_corrected_complaint_reads_old_to_new_on_paper);
    tcase_add_test(tc, the_handover_report_reads_a_complaints_hand_over_and_corrections);
    tcase_add_test(tc, text_width_is_chosen_on_the_command_line);
    tcase_add_test(tc, the_visitor_slip_on_a6_and_a_receipt_roll_scans_back);
    tcase_add_test(tc, print_slip_from_the_command_line);
    tcase_add_test(tc, the_permits_log_lists_the_days_renovation_steps);
    tcase_add_test(tc, the_keys_log_says_how_a_loan_ended);
    tcase_add_test(tc, the_two_part_pass);
    tcase_add_test(tc, the_suggestions_collected_with_their_count_by_month);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
