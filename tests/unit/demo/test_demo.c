/* The demo site: the directory it imports, and the weeks of complaints, mail and calls it
 * writes through the procedures' own operations, each leaving an audit chain that
 * verifies and the desk's clock where it was. */
#include <stdio.h>
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/audit.h"
#include "frontdesk/calls.h"
#include "frontdesk/complaints.h"
#include "frontdesk/config.h"
#include "frontdesk/demo.h"
#include "frontdesk/directory.h"
#include "frontdesk/mail.h"
#include "frontdesk/passes.h"
#include "frontdesk/staff.h"
#include "testlib.h"

static desk_fixture fx;
static fd_demo_cast cast;
static fd_error err;

#define ASSERT_OK(call) ck_assert_msg((call) == FD_OK, "%s", err.message)

/* The fixture's desk with the whole cast logged in. */
static void open_desk(const char *db)
{
    desk_fixture_open(&fx, db);
    memset(&err, 0, sizeof err);
    cast = (fd_demo_cast){.admin = fx.admin, .receptionist = fx.receptionist,
                          .duty_manager = fx.duty_manager};
    desk_fixture_staff(&fx, "1002", "王芳", FD_ROLE_ASSISTANT, "1112", &cast.assistant);
    desk_fixture_staff(&fx, "3001", "刘洋", FD_ROLE_CS_MANAGER, "3333", &cast.cs_manager);
}

static void print_problem(void *ctx, const char *problem)
{
    (void)ctx;
    fprintf(stderr, "verify: %s\n", problem);
}

static void close_verified(void)
{
    fd_verify_result v;
    ASSERT_OK(fd_verify(fx.desk, NULL, print_problem, NULL, &v, &err));
    ck_assert_int_eq(v.problems, 0);
    desk_fixture_close(&fx);
}

/* ---- the directory ---- */

static void count_entry(void *ctx, const fd_dir_entry *e)
{
    (void)e;
    ++*(size_t *)ctx;
}

static size_t directory_count(unsigned kinds, const char *text)
{
    size_t n = 0;
    ASSERT_OK(fd_directory_search(fx.desk, NULL, kinds, text, -1, count_entry, &n, &err));
    return n;
}

static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

static void digest_entry(void *ctx, const fd_dir_entry *e)
{
    unsigned long *h = ctx;
    char line[512];
    snprintf(line, sizeof line, "%d|%s|%s|%s|%s|%s|%s", e->kind, e->unit, e->name,
             or_dash(e->company), or_dash(e->department), or_dash(e->position), or_dash(e->phone));
    for (const char *p = line; *p; p++)
        *h = *h * 31 + (unsigned char)*p;
}

/* A hash of every directory entry of a fresh demo site. */
static unsigned long demo_site_digest(const char *db)
{
    desk_fixture_open(&fx, db);
    fx.config.unmask_phone_roles = FD_ROLE_BIT(FD_ROLE_ADMIN); /* the phones count too */
    ASSERT_OK(fd_demo_directory(fx.desk, &fx.admin, &err));
    unsigned long h = 0;
    ASSERT_OK(fd_directory_search(fx.desk, &fx.admin, FD_DIR_ANY, "", -1, digest_entry, &h, &err));
    desk_fixture_close(&fx);
    return h;
}

START_TEST(the_demo_directory_is_a_whole_site)
{
    desk_fixture_open(&fx, "demo.db");
    ASSERT_OK(fd_demo_directory(fx.desk, &fx.admin, &err));
    size_t units = directory_count(FD_DIR_UNIT, "");
    ck_assert_uint_ge(units, 200);
    ck_assert_uint_le(units, 230);
    ck_assert_uint_eq(directory_count(FD_DIR_UNIT, "T-"), 20);
    ck_assert_uint_ge(directory_count(FD_DIR_COMPANY, ""), 12);
    ck_assert_uint_ge(directory_count(FD_DIR_DEPARTMENT, ""), 30);
    ck_assert_uint_ge(directory_count(FD_DIR_PERSON, ""), 80);
    ck_assert_uint_ge(directory_count(FD_DIR_OCCUPANT, ""), 200);
    /* people are found by their own names, not their company's */
    ck_assert_uint_eq(directory_count(FD_DIR_PERSON, "北京辰星"), 0);
    ck_assert_uint_ge(directory_count(FD_DIR_DEPARTMENT, "财务部"), 5);
    close_verified();
}
END_TEST

START_TEST(the_demo_directory_is_reproducible)
{
    unsigned long first = demo_site_digest("demo_one.db");
    ck_assert_uint_eq(demo_site_digest("demo_two.db"), first);
}
END_TEST

START_TEST(the_demo_directory_needs_an_administrator)
{
    desk_fixture_open(&fx, "demo_denied.db");
    ck_assert_int_eq(fd_demo_directory(fx.desk, &fx.receptionist, &err), FD_DENIED);
    ck_assert_uint_eq(directory_count(FD_DIR_UNIT, ""), 0);
    desk_fixture_close(&fx);
}
END_TEST

/* ---- complaints ---- */

static void count_complaint(void *ctx, const fd_complaint_row *row)
{
    (void)row;
    ++*(int *)ctx;
}

START_TEST(the_demo_writes_a_week_of_complaints)
{
    open_desk("complaints_demo.db");
    fd_config *cfg;
    /* the shipped configuration: the 2026 calendar the deadlines are counted on */
    ASSERT_OK(fd_config_load_file(NULL, &cfg, &err));
    fx.desk->config = cfg;
    ASSERT_OK(fd_demo_directory(fx.desk, &fx.admin, &err));
    ASSERT_OK(fd_demo_complaints(fx.desk, &cast, &err));
    ck_assert_int_eq(fx.now, fd_time_from_local(2026, 11, 27, 10, 0, 0)); /* the clock is back */
    long overdue = -1;
    ASSERT_OK(fd_complaints_count_overdue(fx.desk, &overdue, &err));
    ck_assert_int_ge(overdue, 2);
    fd_complaint_query q = {.view = FD_CVIEW_SEARCH, .department = "", .text = "", .limit = 50};
    int all = 0;
    ASSERT_OK(fd_complaints_list(fx.desk, &q, count_complaint, &all, &err));
    ck_assert_int_eq(all, 10);
    close_verified();
    fd_config_free(cfg);
}
END_TEST

/* ---- mail ---- */

static void count_item(void *ctx, const fd_mail_item *it)
{
    (void)it;
    ++*(long *)ctx;
}

static long mail_count(fd_mail_view view)
{
    long n = 0;
    ASSERT_OK(fd_mail_list(fx.desk, view, NULL, NULL, 40, count_item, &n, &err));
    return n;
}

START_TEST(the_demo_writes_a_week_of_mail)
{
    open_desk("mail_demo.db");
    ASSERT_OK(fd_demo_directory(fx.desk, &fx.admin, &err));
    fd_time before = fx.now;
    ASSERT_OK(fd_demo_mail(fx.desk, &cast, &err));
    ck_assert_int_eq(fx.now, before);
    ck_assert_ptr_eq(fx.desk->clock.ctx, &fx.now);

    long held = -1, due = 0;
    ASSERT_OK(fd_mail_held_count(fx.desk, &held, &err));
    ck_assert_int_gt(held, 5);
    ASSERT_OK(fd_mail_to_return_count(fx.desk, &due, &err));
    ck_assert_int_eq(due, 2);
    ck_assert_int_gt(mail_count(FD_MAIL_BY_RECIPIENT), 30);
    fd_mail_register r;
    ASSERT_OK(fd_mail_register_day(fx.desk, fd_date_of(fx.now) - 1, &r, &err));
    ck_assert_int_gt(r.kinds[FD_MAIL_EXPRESS].received, 5);
    ck_assert_int_gt(r.kinds[FD_MAIL_NEWSPAPER].received, 70);
    ck_assert_int_gt(r.total.handed_out, 0);
    close_verified();
}
END_TEST

/* ---- calls ---- */

static void count_call(void *ctx, const fd_call_entry *e)
{
    (void)e;
    ++*(int *)ctx;
}

static int calls_in(fd_call_view view)
{
    int n = 0;
    fd_call_query q = {view, "", NULL, 100};
    ASSERT_OK(fd_calls_list(fx.desk, &fx.receptionist, &q, count_call, &n, &err));
    return n;
}

/* The demo on the shipped configuration (the departments calls are referred to), with
 * the desk's clock at when; the clock is back where it was afterwards. */
static fd_config *demo_calls_at(const char *db, fd_time when)
{
    open_desk(db);
    fd_config *cfg;
    ASSERT_OK(fd_config_load_file(NULL, &cfg, &err));
    fx.desk->config = cfg;
    ASSERT_OK(fd_demo_directory(fx.desk, &fx.admin, &err));
    fx.now = when;
    ASSERT_OK(fd_demo_calls(fx.desk, &cast, &err));
    ck_assert_int_eq(fx.now, when);
    return cfg;
}

START_TEST(the_demo_writes_a_week_of_calls)
{
    fd_config *cfg = demo_calls_at("calls_demo.db", fd_time_from_local(2026, 11, 27, 10, 0, 0));
    ck_assert_int_eq(calls_in(FD_CALL_VIEW_SEARCH), 12);
    ck_assert_int_eq(calls_in(FD_CALL_VIEW_OPEN), 3);
    ck_assert_int_eq(calls_in(FD_CALL_VIEW_DESK), 4); /* this morning's two, and two older */
    ck_assert_int_eq(calls_in(FD_CALL_VIEW_SUGGESTIONS), 2);
    long repairs = 0; /* two handed to engineering, one reported done */
    ASSERT_OK(fd_repairs_open_count(fx.desk, &repairs, &err));
    ck_assert_int_eq(repairs, 1);
    close_verified();
    fd_config_free(cfg);
}
END_TEST

/* Made at 08:00, the demo has not taken the calls of 08:35 and 09:20 yet. */
START_TEST(the_demo_leaves_this_mornings_calls_to_come)
{
    fd_config *cfg = demo_calls_at("calls_early.db", fd_time_from_local(2026, 11, 27, 8, 0, 0));
    ck_assert_int_eq(calls_in(FD_CALL_VIEW_SEARCH), 10);
    close_verified();
    fd_config_free(cfg);
}
END_TEST

/* ---- passes ---- */

static void count_pass(void *ctx, const fd_pass *p)
{
    int *n = ctx;
    n[0]++;
    n[1 + (int)p->state]++;
}

/* How many passes a view lists, and of them how many in each state. */
static void passes_in(fd_pass_view view, int counts[5])
{
    memset(counts, 0, 5 * sizeof counts[0]);
    fd_pass_query q = {view, "", NULL, 100};
    ASSERT_OK(fd_passes_list(fx.desk, &fx.receptionist, &q, count_pass, counts, &err));
}

START_TEST(the_demo_writes_a_week_of_passes)
{
    open_desk("passes_demo.db");
    ASSERT_OK(fd_demo_directory(fx.desk, &fx.admin, &err));
    ASSERT_OK(fd_demo_passes(fx.desk, &cast, &err));
    int n[5];
    passes_in(FD_PASS_VIEW_SEARCH, n);
    ck_assert_int_eq(n[0], 9);
    ck_assert_int_eq(n[1 + FD_PASS_STATE_PASSED], 5);
    ck_assert_int_eq(n[1 + FD_PASS_STATE_REFUSED], 1);
    ck_assert_int_eq(n[1 + FD_PASS_STATE_VOIDED], 1);
    passes_in(FD_PASS_VIEW_OPEN, n);
    ck_assert_int_eq(n[0], 1); /* last night's move, never confirmed */
    passes_in(FD_PASS_VIEW_DESK, n);
    ck_assert_int_eq(n[0], 3); /* this morning's two, and last night's */
    close_verified();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("demo");
    TCase *tc = tcase_create("demo");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, the_demo_directory_is_a_whole_site);
    tcase_add_test(tc, the_demo_directory_is_reproducible);
    tcase_add_test(tc, the_demo_directory_needs_an_administrator);
    tcase_add_test(tc, the_demo_writes_a_week_of_complaints);
    tcase_add_test(tc, the_demo_writes_a_week_of_mail);
    tcase_add_test(tc, the_demo_writes_a_week_of_calls);
    tcase_add_test(tc, the_demo_leaves_this_mornings_calls_to_come);
    tcase_add_test(tc, the_demo_writes_a_week_of_passes);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
