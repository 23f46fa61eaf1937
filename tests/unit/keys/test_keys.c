/* Key loans: the register, consent (later and in place), the curfew with and without
 * the engineering exception, the emergency call trail, copies, lock changes and their
 * sealing deadline, custody transfers, losses, the views and the export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk_fixture.h"
#include "frontdesk/audit.h"
#include "frontdesk/directory.h"
#include "frontdesk/keys.h"
#include "frontdesk/staff.h"
#include "testlib.h"

static desk_fixture fx;
static fd_actor cs_manager, assistant;
static fd_error err;
static char *departments[] = {"工程部", "保安部", "客服部"};
static int64_t unit_1203, unit_1204, unit_101;

static const char units_csv[] = "building,floor,room\nA,12,1203\nA,12,1204\nB,1,101\n";
static const char occupants_csv[] =
    "unit,kind,name,phone,company,department,position,emergency_name,emergency_relation,"
    "emergency_phone,key_entrusted_on\n"
    "A-1203,owner,王建国,13800138000,,,,王小明,儿子,13900139000,2026-01-15\n"
    "A-1203,tenant,李四,13700137000,,,,,,,\n"
    "A-1204,owner,赵六,13600136000,,,,,,,\n"
    "B-101,owner,孙七,13500135000,,,,,,,2026-02-01\n";

typedef fd_status (*import_fn)(fd_desk *d, const fd_actor *who, FILE *csv,
                               fd_import_result *out, fd_error *e);

static void import(import_fn fn, const char *text)
{
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    fd_import_result r = {0};
    ck_assert_msg(fn(fx.desk, &fx.admin, in, &r, &err) == FD_OK, "%s", err.message);
    fd_import_result_free(&r);
    fclose(in);
}

static void remember_unit(void *ctx, const fd_dir_entry *e)
{
    *(int64_t *)ctx = e->unit_id;
}

static int64_t unit_id(const char *code)
{
    int64_t id = 0;
    ck_assert_int_eq(fd_directory_search(fx.desk, NULL, FD_DIR_UNIT, code, 1, remember_unit, &id, &err),
                     FD_OK);
    ck_assert_int_gt(id, 0);
    return id;
}

static void setup(void)
{
    char name[32];
    snprintf(name, sizeof name, "keys-%d.db", (int)getpid()); /* each test forks afresh */
    desk_fixture_open(&fx, name);
    fx.config.key_curfew = 18 * 60;
    fx.config.departments = (fd_string_list){departments, 3};
    fx.config.unmask_phone_roles = FD_MANAGERS | FD_ROLE_BIT(FD_ROLE_ADMIN);
    desk_fixture_staff(&fx, "3001", "刘洋", FD_ROLE_CS_MANAGER, "3333", &cs_manager);
    desk_fixture_staff(&fx, "1002", "王芳", FD_ROLE_ASSISTANT, "1112", &assistant);
    import(fd_directory_import_units, units_csv);
    import(fd_directory_import_occupants, occupants_csv);
    unit_1203 = unit_id("A-1203");
    unit_1204 = unit_id("A-1204");
    unit_101 = unit_id("B-101");
    fd_error_clear(&err);
}

static void problem(void *ctx, const char *text)
{
    (void)ctx;
    fprintf(stderr, "verify: %s\n", text);
}

static void teardown(void)
{
    fd_verify_result r;
    fd_error e = {0};
    ck_assert_msg(fd_verify(fx.desk, NULL, problem, NULL, &r, &e) == FD_OK, "%s", e.message);
    ck_assert_int_eq(r.problems, 0);
    desk_fixture_close(&fx);
}

static fd_time at(int day, int hour, int minute)
{
    return fd_time_from_local(2026, 11, day, hour, minute, 0);
}

/* ---- helpers ---- */

/* A row's strings live only during the callback: the helpers copy what they check. */

static int64_t add_key(const char *tag, int64_t unit, const char *description, fd_key_kind kind)
{
    fd_key_new k = {.tag = tag, .unit_id = unit, .description = description, .kind = kind,
                    .department = "客服部", .custodian = "李娜"};
    int64_t id = 0;
    ck_assert_msg(fd_key_register(fx.desk, &fx.receptionist, &k, &id, &err) == FD_OK, "%s",
                  err.message);
    return id;
}

typedef struct key_seen {
    int count;
    fd_key_row first;
    char state[FD_STATE_MAX], tag[32], unit[32], custodian[64], tags[256];
} key_seen;

static void see_key(void *ctx, const fd_key_row *row)
{
    key_seen *s = ctx;
    if (s->count++ == 0) {
        s->first = *row;
        snprintf(s->state, sizeof s->state, "%s", fd_key_state_name(row->state));
        snprintf(s->tag, sizeof s->tag, "%s", row->tag);
        snprintf(s->unit, sizeof s->unit, "%s", row->unit ? row->unit : "");
        snprintf(s->custodian, sizeof s->custodian, "%s %s", row->department, row->custodian);
    }
    size_t n = strlen(s->tags);
    snprintf(s->tags + n, sizeof s->tags - n, "%s%s", n ? " " : "", row->tag);
}

static key_seen key(int64_t id)
{
    key_seen s = {0};
    ck_assert_int_eq(fd_key_get(fx.desk, id, see_key, &s, &err), FD_OK);
    return s;
}

static const char *loan_state(int64_t loan)
{
    static char state[FD_STATE_MAX];
    ck_assert_int_eq(fd_machine_state(fx.desk, &fd_loan_machine, loan, state, &err), FD_OK);
    return state;
}

static fd_key_loan_new loan_of(const int64_t *keys, size_t count, fd_key_reason reason)
{
    return (fd_key_loan_new){.borrower_kind = FD_BORROWER_STAFF, .borrower = "王师傅",
                             .department = "工程部", .key_ids = keys, .key_count = count,
                             .reason = reason};
}

static int64_t lend_now(int64_t key_id, fd_key_reason reason, fd_time expected)
{
    fd_key_loan_new l = loan_of(&key_id, 1, reason);
    l.expected_return = expected;
    l.hand_over = true;
    int64_t loan = 0;
    ck_assert_msg(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &l, &loan, &err)
                      == FD_OK,
                  "%s", err.message);
    return loan;
}

static long counted(fd_status (*fn)(fd_desk *, long *, fd_error *))
{
    long n = -1;
    ck_assert_int_eq(fn(fx.desk, &n, &err), FD_OK);
    return n;
}

static key_seen list(fd_keys_view view, const char *search, const fd_key_cursor *after, int limit)
{
    key_seen s = {0};
    ck_assert_int_eq(fd_keys_list(fx.desk, view, search, after, limit, see_key, &s, &err), FD_OK);
    return s;
}

/* ---- the register ---- */

START_TEST(register_checks_what_it_records)
{
    fd_key_new k = {.tag = " a-1203-1 ", .unit_id = unit_1203, .description = "入户门",
                    .kind = FD_KEY_SPARE, .department = "客服部", .custodian = "李娜"};
    int64_t id = 0;
    ck_assert_int_eq(fd_key_register(fx.desk, &fx.receptionist, &k, &id, &err), FD_OK);
    key_seen s = key(id);
    ck_assert_str_eq(s.tag, "A-1203-1");
    ck_assert_str_eq(s.state, "in_store");
    ck_assert_str_eq(s.unit, "A-1203");
    ck_assert_str_eq(s.custodian, "客服部 李娜");
    int64_t found = 0;
    ck_assert_int_eq(fd_key_find_tag(fx.desk, "a-1203-1", &found, &err), FD_OK);
    ck_assert_int_eq(found, id);
    ck_assert_int_eq(fd_key_find_tag(fx.desk, "NOPE", &found, &err), FD_NOT_FOUND);

    ck_assert_int_eq(fd_key_register(fx.desk, &fx.receptionist, &k, &id, &err), FD_CONFLICT);
    ck_assert_str_eq(err.field, "tag");
    k.tag = "A 1";
    ck_assert_int_eq(fd_key_register(fx.desk, &fx.receptionist, &k, &id, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "tag");
    k.tag = "";
    ck_assert_int_eq(fd_key_register(fx.desk, &fx.receptionist, &k, &id, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "tag");

    /* An owner's spare key only under the unit's entrustment. */
    k.tag = "A-1204-1";
    k.unit_id = unit_1204;
    ck_assert_int_eq(fd_key_register(fx.desk, &fx.receptionist, &k, &id, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "entrustment");
    ck_assert_ptr_nonnull(strstr(err.message, "A-1204"));
    k.unit_id = 0;
    ck_assert_int_eq(fd_key_register(fx.desk, &fx.receptionist, &k, &id, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "unit");

    k = (fd_key_new){.tag = "P-01", .kind = FD_KEY_PUBLIC, .department = "工程部",
                     .custodian = "王强"};
    ck_assert_int_eq(fd_key_register(fx.desk, &fx.receptionist, &k, &id, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "description");
    k.description = "B1 水泵房";
    k.department = "财务部";
    ck_assert_int_eq(fd_key_register(fx.desk, &fx.receptionist, &k, &id, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "department");
    k.department = "工程部";
    k.custodian = " ";
    ck_assert_int_eq(fd_key_register(fx.desk, &fx.receptionist, &k, &id, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "custodian");
    k.custodian = "王强";
    ck_assert_int_eq(fd_key_register(fx.desk, &fx.admin, &k, &id, &err), FD_DENIED);
    ck_assert_int_eq(fd_key_register(fx.desk, &assistant, &k, &id, &err), FD_OK);
    ck_assert_str_eq(key(id).unit, "");
}
END_TEST

START_TEST(records_are_append_only)
{
    int64_t k = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    fd_key_loan_new l = {.borrower_kind = FD_BORROWER_CONTRACTOR, .borrower = "王师傅",
                         .company = "迅达电梯", .phone = "13800138000", .key_ids = &k,
                         .key_count = 1, .reason = FD_KEY_REASON_REPAIR};
    int64_t loan;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_OK);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE key_item SET tag = 'X'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "DELETE FROM key_custody"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE key_loan SET phone_clear = '13900000000'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE key_loan SET borrower = 'X'"), 0);
    /* The privacy purge may empty the clear phone; its HMAC keeps the chain whole. */
    ck_assert_int_eq(desk_fixture_raw(&fx, "UPDATE key_loan SET phone_clear = NULL"), 0);
}
END_TEST

/* ---- consent ---- */

START_TEST(a_request_waits_for_a_manager)
{
    int64_t k = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    fd_key_loan_new l = loan_of(&k, 1, FD_KEY_REASON_INSPECTION);
    int64_t loan = 0;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_OK);
    ck_assert_str_eq(loan_state(loan), "requested");
    ck_assert_int_eq(counted(fd_keys_count_pending), 1);

    ck_assert_int_eq(fd_key_loan_lend(fx.desk, &fx.receptionist, loan, &err), FD_STATE);
    ck_assert_int_eq(fd_key_loan_approve(fx.desk, &fx.receptionist, NULL, loan, NULL, &err), FD_DENIED);
    ck_assert_str_eq(err.field, "approver");
    ck_assert_int_eq(fd_key_loan_approve(fx.desk, &fx.receptionist, &assistant, loan, NULL, &err),
                     FD_DENIED);
    /* The key is in this open loan: nobody else may ask for it meanwhile. */
    int64_t other;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &other, &err),
                     FD_CONFLICT);
    ck_assert_str_eq(err.field, "keys");

    ck_assert_int_eq(fd_key_loan_approve(fx.desk, &fx.duty_manager, NULL, loan, NULL, &err), FD_OK);
    ck_assert_str_eq(loan_state(loan), "approved");
    ck_assert_int_eq(counted(fd_keys_count_pending), 0);
    ck_assert_int_eq(fd_key_loan_approve(fx.desk, &fx.duty_manager, NULL, loan, NULL, &err), FD_STATE);
    ck_assert_int_eq(fd_key_loan_lend(fx.desk, &fx.receptionist, loan, &err), FD_OK);
    ck_assert_str_eq(loan_state(loan), "out");
    ck_assert_str_eq(key(k).state, "on_loan");
    ck_assert_int_eq(key(k).first.loan_id, loan);
    ck_assert_int_eq(counted(fd_keys_count_out), 1);

    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, loan, "", NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "returned_by");
    fx.now += 3600;
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, loan, "王师傅", NULL, &err), FD_OK);
    ck_assert_str_eq(loan_state(loan), "returned");
    ck_assert_str_eq(key(k).state, "in_store");
    ck_assert_int_eq(counted(fd_keys_count_out), 0);
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, loan, "王师傅", NULL, &err), FD_STATE);
}
END_TEST

START_TEST(refused_and_cancelled_requests)
{
    int64_t k = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    fd_key_loan_new l = loan_of(&k, 1, FD_KEY_REASON_CLEANING);
    int64_t a, b;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &a, &err), FD_OK);
    ck_assert_int_eq(fd_key_loan_refuse(fx.desk, &cs_manager, NULL, a, "", &err), FD_INVALID);
    ck_assert_str_eq(err.field, "note");
    ck_assert_int_eq(fd_key_loan_refuse(fx.desk, &cs_manager, NULL, a, "保洁已完成", &err), FD_OK);
    ck_assert_str_eq(loan_state(a), "refused");
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &b, &err), FD_OK);
    ck_assert_int_eq(fd_key_loan_cancel(fx.desk, &fx.receptionist, b, NULL, &err), FD_OK);
    ck_assert_str_eq(loan_state(b), "cancelled");
    ck_assert_int_eq(fd_key_loan_cancel(fx.desk, &fx.receptionist, b, NULL, &err), FD_STATE);
    ck_assert_int_eq(fd_key_loan_approve(fx.desk, &cs_manager, NULL, 999, NULL, &err), FD_NOT_FOUND);
}
END_TEST

START_TEST(consent_in_place)
{
    int64_t k = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    fd_key_loan_new l = loan_of(&k, 1, FD_KEY_REASON_INSPECTION);
    l.hand_over = true;
    int64_t loan = 0;
    /* No consent: nothing is recorded. */
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_DENIED);
    ck_assert_str_eq(err.field, "approver");
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &assistant, &l, &loan, &err),
                     FD_DENIED);
    ck_assert_str_eq(err.field, "approver");
    ck_assert_str_eq(key(k).state, "in_store");
    ck_assert_int_eq(counted(fd_keys_count_pending), 0);

    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &cs_manager, &l, &loan, &err), FD_OK);
    ck_assert_str_eq(loan_state(loan), "out");
    ck_assert_str_eq(key(k).state, "on_loan");
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, loan, "王师傅", NULL, &err), FD_OK);

    /* A manager recording the loan consents by doing so. */
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.duty_manager, NULL, &l, &loan, &err), FD_OK);
    ck_assert_str_eq(loan_state(loan), "out");
}
END_TEST

START_TEST(loans_check_the_borrower)
{
    int64_t k = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    fd_key_loan_new l = loan_of(&k, 1, FD_KEY_REASON_REPAIR);
    int64_t loan;
    l.borrower = "";
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "borrower");
    l.borrower = "王师傅";
    l.department = NULL;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "department");
    /* What forms mark as required is what the request refuses without. */
    ck_assert(fd_key_loan_requires(&l, "department"));
    ck_assert(!fd_key_loan_requires(&l, "company") && !fd_key_loan_requires(&l, "phone"));
    ck_assert(!fd_key_loan_requires(&l, "note"));
    l.borrower_kind = FD_BORROWER_CONTRACTOR;
    ck_assert(!fd_key_loan_requires(&l, "department"));
    ck_assert(fd_key_loan_requires(&l, "company") && fd_key_loan_requires(&l, "phone"));
    l.emergency = true;
    ck_assert(fd_key_loan_requires(&l, "note"));
    l.emergency = false;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "company");
    l.company = "迅达电梯";
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "phone");
    l.phone = "12345";
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "phone");
    l.phone = "138 0013 8000";
    l.reason = FD_KEY_REASON_OTHER;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "note");
    l.note = "更换门禁读卡器";
    l.key_count = 0;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "keys");
    int64_t twice[] = {k, k};
    l.key_ids = twice;
    l.key_count = 2;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "keys");
    int64_t missing = 4242;
    l.key_ids = &missing;
    l.key_count = 1;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_NOT_FOUND);
    ck_assert_str_eq(err.field, "keys");
    l.key_ids = &k;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_OK);
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.admin, NULL, &l, &loan, &err), FD_DENIED);
}
END_TEST

/* ---- the curfew ---- */

START_TEST(keys_are_due_by_the_curfew)
{
    int64_t k = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    int64_t loan = lend_now(k, FD_KEY_REASON_INSPECTION, 0);
    key_seen s = key(k);
    ck_assert_int_eq(s.first.due_at, at(27, 18, 0));
    ck_assert(!s.first.overdue);

    fx.now = at(27, 18, 0);
    ck_assert_int_eq(counted(fd_keys_count_overdue), 0);
    fx.now = at(27, 18, 1);
    ck_assert_int_eq(counted(fd_keys_count_overdue), 1);
    ck_assert(key(k).first.overdue);
    ck_assert_str_eq(fd_key_state_label(FD_KEY_STATE_ON_LOAN, true), "Overdue");
    key_seen over = {0};
    ck_assert_int_eq(fd_keys_overdue(fx.desk, see_key, &over, &err), FD_OK);
    ck_assert_int_eq(over.count, 1);
    ck_assert_str_eq(over.tag, "P-01");
    ck_assert_int_eq(list(FD_KEYS_OVERDUE, NULL, NULL, 10).count, 1);

    /* Returned late: the loan keeps the mark, the key is back. */
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, loan, "王师傅", NULL, &err), FD_OK);
    ck_assert_int_eq(counted(fd_keys_count_overdue), 0);
    ck_assert_int_eq(list(FD_KEYS_OVERDUE, NULL, NULL, 10).count, 0);

    /* Handed over after the curfew (an emergency at night): due by the day's end. */
    fx.now = at(27, 21, 0);
    lend_now(k, FD_KEY_REASON_INSPECTION, 0);
    ck_assert_int_eq(key(k).first.due_at, at(28, 0, 0));
}
END_TEST

START_TEST(only_a_repair_stays_out_overnight)
{
    int64_t a = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    int64_t b = add_key("P-02", 0, "屋顶机房", FD_KEY_PUBLIC);
    int64_t c = add_key("P-03", 0, "配电室", FD_KEY_PUBLIC);
    fd_key_loan_new l = loan_of(&a, 1, FD_KEY_REASON_INSPECTION);
    l.expected_return = at(28, 12, 0);
    int64_t loan;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "expected_return");
    ck_assert_ptr_nonnull(strstr(err.message, "18:00"));
    l.expected_return = at(27, 9, 0);
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "expected_return");
    l.reason = FD_KEY_REASON_REPAIR;
    l.expected_return = at(27, 10, 0) + 40 * 86400;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "expected_return");

    lend_now(a, FD_KEY_REASON_REPAIR, at(28, 12, 0));   /* the exception */
    lend_now(b, FD_KEY_REASON_REPAIR, 0);                /* a repair with no date: the curfew */
    lend_now(c, FD_KEY_REASON_INSPECTION, at(27, 16, 0)); /* early return is still the curfew */
    ck_assert_int_eq(key(a).first.due_at, at(28, 12, 0));
    ck_assert_int_eq(key(b).first.due_at, at(27, 18, 0));
    ck_assert_int_eq(key(c).first.due_at, at(27, 18, 0));

    fx.now = at(27, 23, 0);
    ck_assert_int_eq(counted(fd_keys_count_overdue), 2);
    ck_assert_int_eq(counted(fd_keys_count_out), 3);
    ck_assert_str_eq(list(FD_KEYS_OVERDUE, NULL, NULL, 10).tags, "P-02 P-03");
    ck_assert_str_eq(list(FD_KEYS_OUT, NULL, NULL, 10).tags, "P-02 P-03 P-01");
    fx.now = at(28, 12, 30);
    ck_assert_int_eq(counted(fd_keys_count_overdue), 3);
}
END_TEST

START_TEST(a_repair_past_its_date_is_not_handed_over)
{
    int64_t k = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    fd_key_loan_new l = loan_of(&k, 1, FD_KEY_REASON_REPAIR);
    l.expected_return = at(27, 15, 0);
    int64_t loan;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &l, &loan, &err),
                     FD_OK);
    fx.now = at(27, 16, 0);
    ck_assert_int_eq(fd_key_loan_lend(fx.desk, &fx.receptionist, loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "expected_return");
    ck_assert_str_eq(loan_state(loan), "approved");
}
END_TEST

/* ---- the emergency trail ---- */

typedef struct contacts_seen {
    int count;
    fd_dir_entry entries[8];
    char names[8][64], phones[8][FD_KEY_PHONE_SHOWN];
} contacts_seen;

static void see_contact(void *ctx, const fd_dir_entry *e)
{
    contacts_seen *c = ctx;
    if (c->count < 8) {
        c->entries[c->count] = *e;
        snprintf(c->names[c->count], 64, "%s", e->name);
        snprintf(c->phones[c->count], FD_KEY_PHONE_SHOWN, "%s", e->phone ? e->phone : "");
        c->entries[c->count].name = c->names[c->count];
        c->entries[c->count].unit = NULL;
        c->entries[c->count].phone = c->phones[c->count];
        c->entries[c->count].position = NULL;
        c->count++;
    }
}

typedef struct notices_seen {
    int count;
    char phones[4][FD_KEY_PHONE_SHOWN];
    fd_key_outcome outcomes[4];
} notices_seen;

static void see_notice(void *ctx, const fd_key_notice_row *row)
{
    notices_seen *n = ctx;
    if (n->count < 4) {
        snprintf(n->phones[n->count], FD_KEY_PHONE_SHOWN, "%s", row->phone);
        n->outcomes[n->count] = row->outcome;
    }
    n->count++;
}

typedef struct loan_seen {
    int count;
    bool emergency;
    int notices, waiting;
    char keys[64], approved_by[64], phone[FD_KEY_PHONE_SHOWN];
    fd_time ended_at;
    char ended_by[64], ended_note[FD_KEY_NOTE_MAX * 4], return_note[FD_KEY_NOTE_MAX * 4];
    bool ended_with_note;
} loan_seen;

static void see_loan(void *ctx, const fd_loan_row *row)
{
    loan_seen *l = ctx;
    l->count++;
    l->emergency = row->emergency;
    l->notices = row->notices;
    l->waiting = row->units_waiting;
    snprintf(l->keys, sizeof l->keys, "%s", row->keys);
    snprintf(l->approved_by, sizeof l->approved_by, "%s", row->approved_by ? row->approved_by : "");
    snprintf(l->phone, sizeof l->phone, "%s", row->phone);
    l->ended_at = row->ended_at;
    snprintf(l->ended_by, sizeof l->ended_by, "%s", row->ended_by ? row->ended_by : "");
    l->ended_with_note = row->ended_note != NULL;
    snprintf(l->ended_note, sizeof l->ended_note, "%s", row->ended_note ? row->ended_note : "");
    snprintf(l->return_note, sizeof l->return_note, "%s", row->return_note ? row->return_note : "");
}

static loan_seen loan_row(const fd_actor *who, int64_t loan)
{
    loan_seen l = {0};
    ck_assert_int_eq(fd_key_loan_get(fx.desk, who, loan, see_loan, &l, &err), FD_OK);
    return l;
}

START_TEST(an_emergency_needs_its_calls)
{
    int64_t spare = add_key("A-1203-1", unit_1203, "入户门", FD_KEY_SPARE);
    int64_t pump = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    int64_t keys[] = {spare, pump};
    fd_key_loan_new l = loan_of(keys, 2, FD_KEY_REASON_REPAIR);
    l.emergency = true;
    l.hand_over = true;
    int64_t loan = 0;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &l, &loan, &err),
                     FD_INVALID);
    ck_assert_str_eq(err.field, "note");
    l.note = "A-1203 跑水，楼下渗漏";
    ck_assert(fd_key_loan_awaits_calls(fx.desk, &l));
    /* Handing over at once fails: nobody has been called yet; nothing is written. */
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &l, &loan, &err),
                     FD_INVALID);
    ck_assert_str_eq(err.field, "notices");
    ck_assert_ptr_nonnull(strstr(err.message, "A-1203"));
    ck_assert_str_eq(key(spare).state, "in_store");

    l.hand_over = false;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &l, &loan, &err),
                     FD_OK);
    ck_assert_str_eq(loan_state(loan), "approved");
    ck_assert_int_eq(fd_key_loan_lend(fx.desk, &fx.receptionist, loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "notices");
    ck_assert_int_eq(loan_row(&fx.receptionist, loan).waiting, 1);
    /* A screen offers the calls, and the hand-over, which asks for them when tried. */
    fd_loan_state approved = FD_LOAN_STATE_APPROVED;
    ck_assert_int_eq(fd_key_loan_may(fx.desk, loan, approved, FD_LOAN_STEP_NOTIFY, &fx.receptionist,
                                     NULL),
                     FD_OK);
    ck_assert_int_eq(fd_key_loan_may(fx.desk, loan, approved, FD_LOAN_STEP_LEND, &fx.receptionist,
                                     NULL),
                     FD_INVALID);

    contacts_seen c = {0};
    ck_assert_int_eq(fd_key_loan_contacts(fx.desk, &fx.receptionist, loan, see_contact, &c, &err), FD_OK);
    ck_assert_int_eq(c.count, 3); /* owner, tenant, the owner's emergency contact */
    ck_assert_str_eq(c.names[0], "王建国");
    ck_assert_int_eq(c.entries[2].kind, FD_DIR_CONTACT);
    /* Masked for the receptionist, in full for the duty manager. */
    ck_assert(!c.entries[0].phone_in_full);
    ck_assert_str_eq(c.phones[0], "138****8000");
    contacts_seen full = {0};
    ck_assert_int_eq(fd_key_loan_contacts(fx.desk, &fx.duty_manager, loan, see_contact, &full, &err),
                     FD_OK);
    ck_assert(full.entries[0].phone_in_full);
    ck_assert_str_eq(full.phones[0], "13800138000");

    /* The emergency contact only after the owner or tenant. */
    fd_key_notice_new n = {.unit_id = unit_1203, .target = FD_DIR_CONTACT,
                           .target_id = c.entries[2].id, .outcome = FD_KEY_OUTCOME_REACHED};
    ck_assert_int_eq(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &n, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "target");
    n.unit_id = unit_1204;
    ck_assert_int_eq(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &n, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "unit");
    fd_key_notice_new owner = {.unit_id = unit_1203, .target = FD_DIR_OCCUPANT,
                               .target_id = c.entries[0].id, .outcome = FD_KEY_OUTCOME_NO_ANSWER,
                               .called_at = fx.now - 300};
    owner.called_at = fx.now + 60;
    ck_assert_int_eq(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &owner, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "called_at");
    owner.called_at = fx.now - 300;
    ck_assert_int_eq(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &owner, &err), FD_OK);
    n.unit_id = unit_1203;
    ck_assert_int_eq(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &n, &err), FD_OK);
    fd_key_notice_new other = {.unit_id = unit_1203, .name = "物业经理", .phone = "1234",
                               .outcome = FD_KEY_OUTCOME_REACHED};
    ck_assert_int_eq(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &other, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "phone");
    other.name = "";
    other.phone = "010-62345678";
    ck_assert_int_eq(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &other, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "name");
    other.name = "物业经理";
    ck_assert_int_eq(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &other, &err), FD_OK);

    ck_assert_int_eq(fd_key_loan_may(fx.desk, loan, approved, FD_LOAN_STEP_LEND, &fx.receptionist,
                                     NULL),
                     FD_OK);
    ck_assert_int_eq(fd_key_loan_lend(fx.desk, &fx.receptionist, loan, &err), FD_OK);
    ck_assert_str_eq(loan_state(loan), "out");
    ck_assert(key(spare).first.emergency);
    ck_assert(list(FD_KEYS_OUT, NULL, NULL, 10).first.emergency);

    /* The trail, masked for the receptionist, in full for the duty manager. */
    notices_seen masked = {0}, clear = {0};
    ck_assert_int_eq(fd_key_loan_notices(fx.desk, &fx.receptionist, loan, see_notice, &masked, &err), FD_OK);
    ck_assert_int_eq(fd_key_loan_notices(fx.desk, &fx.duty_manager, loan, see_notice, &clear, &err), FD_OK);
    ck_assert_int_eq(masked.count, 3);
    ck_assert_str_eq(masked.phones[0], "138****8000");
    ck_assert_str_eq(clear.phones[0], "13800138000");
    ck_assert_str_eq(clear.phones[1], "13900139000");
    ck_assert_str_eq(clear.phones[2], "010-62345678");
    ck_assert_int_eq(clear.outcomes[0], FD_KEY_OUTCOME_NO_ANSWER);
    loan_seen row = loan_row(&fx.receptionist, loan);
    ck_assert(row.emergency);
    ck_assert_int_eq(row.notices, 3);
    ck_assert_int_eq(row.waiting, 0);
    ck_assert_str_eq(row.keys, "A-1203-1, P-01");
    ck_assert_str_eq(row.approved_by, "张伟");
}
END_TEST

START_TEST(calls_belong_to_emergencies)
{
    int64_t spare = add_key("A-1203-1", unit_1203, "入户门", FD_KEY_SPARE);
    fd_key_loan_new l = loan_of(&spare, 1, FD_KEY_REASON_VIEWING);
    int64_t loan;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_OK);
    fd_key_notice_new n = {.unit_id = unit_1203, .name = "王建国", .phone = "13800138000",
                           .outcome = FD_KEY_OUTCOME_REACHED};
    ck_assert_int_eq(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &n, &err), FD_STATE);
    ck_assert_int_eq(fd_key_loan_may(fx.desk, loan, FD_LOAN_STATE_APPROVED, FD_LOAN_STEP_NOTIFY,
                                     &fx.receptionist, NULL),
                     FD_STATE);

    /* A public key needs no calls even in an emergency. */
    int64_t pump = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    fd_key_loan_new e = loan_of(&pump, 1, FD_KEY_REASON_REPAIR);
    e.emergency = true;
    e.note = "水泵房进水";
    e.hand_over = true;
    ck_assert(!fd_key_loan_awaits_calls(fx.desk, &e));
    ck_assert(!fd_key_loan_awaits_calls(fx.desk, &l)); /* no emergency */
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &e, &loan, &err),
                     FD_OK);
    ck_assert_str_eq(loan_state(loan), "out");
}
END_TEST

/* What a screen asks before it offers a step on a key or a loan: the state and the role
 * (a manager may approve in place). */
START_TEST(the_steps_a_screen_may_offer)
{
    int64_t k = add_key("A-1203-1", unit_1203, "入户门", FD_KEY_SPARE);
    fd_key_state in_store = FD_KEY_STATE_IN_STORE;
    ck_assert_int_eq(fd_key_may(fx.desk, k, in_store, FD_KEY_STEP_LOSE, &fx.receptionist, NULL), FD_OK);
    ck_assert_int_eq(fd_key_may(fx.desk, k, in_store, FD_KEY_STEP_RECOVER, &fx.receptionist, NULL),
                     FD_STATE);
    ck_assert_int_eq(fd_key_may(fx.desk, k, FD_KEY_STATE_LOST, FD_KEY_STEP_RECOVER, &fx.receptionist,
                                NULL),
                     FD_OK);
    ck_assert_int_eq(fd_key_may(fx.desk, k, FD_KEY_STATE_DAMAGED, FD_KEY_STEP_RECOVER,
                                &fx.receptionist, NULL),
                     FD_OK);
    ck_assert_int_eq(fd_key_may(fx.desk, k, in_store, FD_KEY_STEP_COPY, &fx.receptionist, NULL),
                     FD_DENIED);
    ck_assert_int_eq(fd_key_may(fx.desk, k, in_store, FD_KEY_STEP_COPY, &fx.receptionist, &cs_manager),
                     FD_OK);
    ck_assert_int_eq(fd_key_may(fx.desk, k, in_store, FD_KEY_STEP_SEAL, &fx.duty_manager, NULL),
                     FD_STATE);
    ck_assert_int_eq(fd_key_may(fx.desk, k, FD_KEY_STATE_TO_SEAL, FD_KEY_STEP_SEAL, &fx.duty_manager,
                                NULL),
                     FD_OK);
    fd_key_loan_new l = loan_of(&k, 1, FD_KEY_REASON_VIEWING);
    int64_t loan;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_OK);
    fd_loan_state requested = FD_LOAN_STATE_REQUESTED;
    ck_assert_int_eq(fd_key_loan_may(fx.desk, loan, requested, FD_LOAN_STEP_APPROVE, &fx.receptionist,
                                     NULL),
                     FD_DENIED);
    ck_assert_int_eq(fd_key_loan_may(fx.desk, loan, requested, FD_LOAN_STEP_APPROVE, &fx.duty_manager,
                                     NULL),
                     FD_OK);
    ck_assert_int_eq(fd_key_loan_may(fx.desk, loan, requested, FD_LOAN_STEP_RETURN, &fx.receptionist,
                                     NULL),
                     FD_STATE);
    ck_assert_int_eq(fd_key_loan_may(fx.desk, loan, FD_LOAN_STATE_OUT, FD_LOAN_STEP_RETURN,
                                     &fx.receptionist, NULL),
                     FD_OK);
    ck_assert_str_eq(fd_loan_state_label(FD_LOAN_STATE_OUT, true), "Overdue");
    ck_assert_str_eq(fd_loan_state_label(FD_LOAN_STATE_REQUESTED, true), "Waiting for consent");
}
END_TEST

/* ---- custody, copies, losses ---- */

typedef struct history_seen {
    int count;
    char events[16][16];
    char custodian[64], responsible[64], other[32];
    char note[256], approver[64], borrower[64]; /* of the first event with each */
    int64_t last_id;
} history_seen;

static void see_event(void *ctx, const fd_key_event *e)
{
    history_seen *h = ctx;
    if (h->count < 16)
        snprintf(h->events[h->count], 16, "%s", e->event);
    if (e->custodian && !h->custodian[0])
        snprintf(h->custodian, sizeof h->custodian, "%s", e->custodian);
    if (e->responsible && !h->responsible[0])
        snprintf(h->responsible, sizeof h->responsible, "%s", e->responsible);
    if (e->other_tag && !h->other[0])
        snprintf(h->other, sizeof h->other, "%s", e->other_tag);
    if (e->note && !h->note[0])
        snprintf(h->note, sizeof h->note, "%s", e->note);
    if (e->approver && !h->approver[0])
        snprintf(h->approver, sizeof h->approver, "%s", e->approver);
    if (e->borrower && !h->borrower[0])
        snprintf(h->borrower, sizeof h->borrower, "%s", e->borrower);
    h->last_id = e->id;
    h->count++;
}

static history_seen history(int64_t k, int64_t before, int limit)
{
    history_seen h = {0};
    ck_assert_int_eq(fd_key_history(fx.desk, k, before, limit, see_event, &h, &err), FD_OK);
    return h;
}

START_TEST(custody_moves_by_recorded_transfers)
{
    int64_t k = add_key("M-01", 0, "总钥匙", FD_KEY_MASTER);
    ck_assert_int_eq(fd_key_transfer(fx.desk, &fx.receptionist, k, "客服部", "李娜", NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "custodian");
    ck_assert_int_eq(fd_key_transfer(fx.desk, &fx.receptionist, k, "保洁部", "王强", NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "department");
    ck_assert_int_eq(fd_key_transfer(fx.desk, &fx.receptionist, k, "保安部", "赵刚", "交班", &err), FD_OK);
    ck_assert_str_eq(key(k).custodian, "保安部 赵刚");
    history_seen h = history(k, 0, 10);
    ck_assert_int_eq(h.count, 2);
    ck_assert_str_eq(h.events[0], "transfer");
    ck_assert_str_eq(h.events[1], "register");
    ck_assert_str_eq(h.custodian, "保安部 赵刚");
    /* Paging back from the newest. */
    h = history(k, 0, 1);
    ck_assert_int_eq(h.count, 1);
    h = history(k, h.last_id, 1);
    ck_assert_str_eq(h.events[0], "register");
    /* A key on loan changes hands too. */
    lend_now(k, FD_KEY_REASON_INSPECTION, 0);
    ck_assert_int_eq(fd_key_transfer(fx.desk, &fx.receptionist, k, "客服部", "李娜", NULL, &err), FD_OK);
    ck_assert_str_eq(key(k).state, "on_loan");
}
END_TEST

START_TEST(copies_need_the_cs_manager)
{
    int64_t k = add_key("A-1203-1", unit_1203, "入户门", FD_KEY_SPARE);
    int64_t copy = 0;
    ck_assert_int_eq(fd_key_copy(fx.desk, &fx.receptionist, NULL, k, "A-1203-2", "客服部", "李娜",
                                 "业主要求", &copy, &err), FD_DENIED);
    ck_assert_str_eq(err.field, "approver");
    ck_assert_int_eq(fd_key_copy(fx.desk, &fx.receptionist, &fx.duty_manager, k, "A-1203-2", "客服部",
                                 "李娜", "业主要求", &copy, &err), FD_DENIED);
    ck_assert_int_eq(fd_key_copy(fx.desk, &fx.receptionist, &cs_manager, k, "A-1203-2", "客服部",
                                 "李娜", "", &copy, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "note");
    ck_assert_int_eq(fd_key_copy(fx.desk, &fx.receptionist, &cs_manager, k, "A-1203-1", "客服部",
                                 "李娜", "业主要求", &copy, &err), FD_CONFLICT);
    ck_assert_int_eq(fd_key_copy(fx.desk, &fx.receptionist, &cs_manager, k, "A-1203-2", "客服部",
                                 "李娜", "业主要求", &copy, &err), FD_OK);
    key_seen s = key(copy);
    ck_assert_int_eq(s.first.copy_of, k);
    ck_assert_str_eq(s.unit, "A-1203");
    ck_assert_int_eq(s.first.kind, FD_KEY_SPARE);
    ck_assert_str_eq(history(k, 0, 10).events[0], "copied");
    ck_assert_str_eq(history(k, 0, 10).other, "A-1203-2");
    /* Not from a key out on loan. */
    lend_now(k, FD_KEY_REASON_VIEWING, 0);
    ck_assert_int_eq(fd_key_copy(fx.desk, &cs_manager, NULL, k, "A-1203-3", "客服部", "李娜",
                                 "业主要求", &copy, &err), FD_STATE);
}
END_TEST

START_TEST(losses_and_damage_name_who_is_responsible)
{
    int64_t a = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    int64_t b = add_key("P-02", 0, "屋顶机房", FD_KEY_PUBLIC);
    int64_t pair[] = {a, b};
    fd_key_loan_new l = loan_of(pair, 2, FD_KEY_REASON_INSPECTION);
    l.hand_over = true;
    int64_t loan;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &l, &loan, &err),
                     FD_OK);
    ck_assert_int_eq(fd_key_incident(fx.desk, &fx.receptionist, a, FD_KEY_LOST, " ", NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "responsible");
    ck_assert_int_eq(fd_key_incident(fx.desk, &fx.receptionist, a, FD_KEY_LOST, "王师傅", "巡查时遗失", &err),
                     FD_OK);
    ck_assert_str_eq(key(a).state, "lost");
    ck_assert_str_eq(history(a, 0, 1).responsible, "王师傅");
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, loan, "王师傅", NULL, &err), FD_OK);
    ck_assert_str_eq(key(a).state, "lost");
    ck_assert_str_eq(key(b).state, "in_store");

    ck_assert_int_eq(fd_key_recover(fx.desk, &fx.receptionist, b, NULL, &err), FD_STATE);
    ck_assert_int_eq(fd_key_recover(fx.desk, &fx.receptionist, a, "在机房找到", &err), FD_OK);
    ck_assert_str_eq(key(a).state, "in_store");
    ck_assert_int_eq(fd_key_incident(fx.desk, &fx.receptionist, b, FD_KEY_DAMAGED, "李娜", "齿断", &err), FD_OK);
    ck_assert_str_eq(key(b).state, "damaged");
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &loan, &err), FD_STATE);
    ck_assert_str_eq(err.field, "keys");

    ck_assert_int_eq(fd_key_retire(fx.desk, &fx.receptionist, NULL, b, "齿断无法修复", &err), FD_DENIED);
    ck_assert_int_eq(fd_key_retire(fx.desk, &fx.receptionist, &fx.duty_manager, b, "", &err), FD_INVALID);
    ck_assert_int_eq(fd_key_retire(fx.desk, &fx.receptionist, &fx.duty_manager, b, "齿断无法修复", &err), FD_OK);
    ck_assert_str_eq(key(b).state, "retired");
    ck_assert_int_eq(fd_key_retire(fx.desk, &fx.duty_manager, NULL, b, "再次", &err), FD_STATE);
}
END_TEST

/* ---- lock changes ---- */

START_TEST(a_changed_lock_opens_a_sealing_deadline)
{
    int64_t old = add_key("A-1203-1", unit_1203, "入户门", FD_KEY_SPARE);
    ck_assert_int_eq(fd_key_change_lock(fx.desk, &fx.receptionist, old, "", &err), FD_INVALID);
    ck_assert_str_eq(err.field, "note");
    ck_assert_int_eq(fd_key_change_lock(fx.desk, &fx.receptionist, old, "锁芯损坏，工程部更换", &err), FD_OK);
    key_seen s = key(old);
    ck_assert_str_eq(s.state, "to_seal");
    ck_assert_int_eq(s.first.due_at, fx.now + 24 * 3600);
    ck_assert_int_eq(list(FD_KEYS_TO_SEAL, NULL, NULL, 10).count, 1);
    ck_assert_int_eq(fd_key_change_lock(fx.desk, &fx.receptionist, old, "再次", &err), FD_STATE);

    fx.now += 23 * 3600;
    ck_assert_int_eq(counted(fd_keys_count_seal_overdue), 0);
    fx.now += 2 * 3600;
    ck_assert_int_eq(counted(fd_keys_count_seal_overdue), 1);
    key_seen late = {0};
    ck_assert_int_eq(fd_keys_seal_overdue(fx.desk, see_key, &late, &err), FD_OK);
    ck_assert_int_eq(late.count, 1);
    ck_assert(late.first.overdue);

    int64_t fresh = 0;
    ck_assert_int_eq(fd_key_seal(fx.desk, &fx.receptionist, NULL, old, "A-1203-9", "客服部", "张伟",
                                 NULL, &fresh, &err), FD_DENIED);
    ck_assert_int_eq(fd_key_seal(fx.desk, &fx.receptionist, &cs_manager, old, "A-1203-9", "客服部",
                                 "张伟", NULL, &fresh, &err), FD_DENIED);
    ck_assert_int_eq(fd_key_seal(fx.desk, &fx.receptionist, &fx.duty_manager, old, "A-1203-9", "客服部",
                                 "张伟", "已封存", &fresh, &err), FD_OK);
    ck_assert_str_eq(key(old).state, "retired");
    s = key(fresh);
    ck_assert_str_eq(s.state, "in_store");
    ck_assert_int_eq(s.first.replaces, old);
    ck_assert_str_eq(s.unit, "A-1203");
    ck_assert_int_eq(counted(fd_keys_count_seal_overdue), 0);
    ck_assert_int_eq(fd_key_seal(fx.desk, &fx.duty_manager, NULL, old, "A-1203-8", "客服部", "张伟",
                                 NULL, &fresh, &err), FD_STATE);
    ck_assert_int_eq(fd_key_seal(fx.desk, &fx.duty_manager, NULL, fresh, "A-1203-8", "客服部", "张伟",
                                 NULL, &fresh, &err), FD_STATE);
}
END_TEST

static int64_t copy_of(int64_t source, const char *tag)
{
    int64_t copy = 0;
    ck_assert_msg(fd_key_copy(fx.desk, &cs_manager, NULL, source, tag, "客服部", "李娜", "保洁用",
                              &copy, &err) == FD_OK,
                  "%s", err.message);
    return copy;
}

START_TEST(a_changed_lock_retires_the_copies_with_the_key)
{
    int64_t old = add_key("A-1203-1", unit_1203, "入户门", FD_KEY_SPARE);
    int64_t copy = copy_of(old, "A-1203-2");
    int64_t copy_of_copy = copy_of(copy, "A-1203-3");
    int64_t out = copy_of(old, "A-1203-4");
    int64_t lost = copy_of(old, "A-1203-5");
    int64_t gone = copy_of(old, "A-1203-6");
    int64_t other = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    int64_t loan = lend_now(out, FD_KEY_REASON_CLEANING, 0);
    ck_assert_int_eq(fd_key_incident(fx.desk, &fx.receptionist, lost, FD_KEY_LOST, "保洁员", NULL, &err),
                     FD_OK);
    ck_assert_int_eq(fd_key_retire(fx.desk, &fx.duty_manager, NULL, gone, "齿断", &err), FD_OK);
    /* A refused lock change retires nothing. */
    ck_assert_int_eq(fd_key_change_lock(fx.desk, &fx.receptionist, copy, "", &err), FD_INVALID);
    ck_assert_str_eq(key(old).state, "in_store");

    /* Recorded against a copy: the key it was copied from and every other copy,
     * copies of copies, out on loan or lost, open the old lock too. */
    ck_assert_int_eq(fd_key_change_lock(fx.desk, &fx.receptionist, copy, "锁芯更换", &err), FD_OK);
    ck_assert_str_eq(key(copy).state, "to_seal");
    ck_assert_str_eq(key(old).state, "retired");
    ck_assert_str_eq(key(copy_of_copy).state, "retired");
    ck_assert_str_eq(key(out).state, "retired");
    ck_assert_str_eq(key(lost).state, "retired");
    ck_assert_str_eq(key(other).state, "in_store");
    ck_assert_int_eq(list(FD_KEYS_TO_SEAL, NULL, NULL, 10).count, 1);
    /* Each retirement is an event of its own, by who recorded the change, naming
     * the key whose lock changed; the one retired before keeps its history. */
    history_seen h = history(copy_of_copy, 0, 1);
    ck_assert_str_eq(h.events[0], "lock_changed");
    ck_assert_str_eq(h.other, "A-1203-2");
    ck_assert_str_eq(history(old, 0, 1).events[0], "lock_changed");
    ck_assert_str_eq(history(gone, 0, 1).events[0], "retire");
    ck_assert_str_eq(fd_key_event_label("lock_changed"), "Retired: the lock it opens was changed");
    /* The loan of the copy out is still returned; the copy stays retired. */
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, loan, "保洁员", NULL, &err), FD_OK);
    ck_assert_str_eq(loan_state(loan), "returned");
    ck_assert_str_eq(key(out).state, "retired");
    /* Sealing the new key brings back none of them. */
    int64_t fresh = 0;
    ck_assert_int_eq(fd_key_seal(fx.desk, &fx.duty_manager, NULL, copy, "A-1203-9", "客服部", "张伟",
                                 NULL, &fresh, &err), FD_OK);
    ck_assert_str_eq(key(old).state, "retired");
    ck_assert_str_eq(key(fresh).state, "in_store");
}
END_TEST

/* ---- views ---- */

START_TEST(the_register_pages_and_searches)
{
    add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    add_key("P-02", 0, "屋顶机房", FD_KEY_PUBLIC);
    add_key("A-1203-1", unit_1203, "入户门", FD_KEY_SPARE);
    add_key("B-101-1", unit_101, "入户门", FD_KEY_SPARE);
    add_key("M-01", 0, "总钥匙 master", FD_KEY_MASTER);
    key_seen page = list(FD_KEYS_REGISTER, NULL, NULL, 2);
    ck_assert_str_eq(page.tags, "A-1203-1 B-101-1");
    fd_key_cursor c = {0};
    fd_key_row last = {.tag = "B-101-1"};
    fd_key_cursor_after(&c, &last);
    ck_assert_str_eq(list(FD_KEYS_REGISTER, NULL, &c, 2).tags, "M-01 P-01");
    ck_assert_str_eq(list(FD_KEYS_REGISTER, "p-0", NULL, 10).tags, "P-01 P-02");
    ck_assert_str_eq(list(FD_KEYS_REGISTER, "A-12", NULL, 10).tags, "A-1203-1");
    ck_assert_str_eq(list(FD_KEYS_REGISTER, "B-1", NULL, 10).tags, "B-101-1");
    ck_assert_str_eq(list(FD_KEYS_REGISTER, "机房", NULL, 10).tags, "P-02");
    ck_assert_str_eq(list(FD_KEYS_REGISTER, "MASTER", NULL, 10).tags, "M-01");
    ck_assert_int_eq(list(FD_KEYS_REGISTER, "%", NULL, 10).count, 0);
    ck_assert_int_eq(list(FD_KEYS_REGISTER, "*", NULL, 10).count, 0);
}
END_TEST

START_TEST(keys_out_page_by_due_time)
{
    int64_t a = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    int64_t b = add_key("P-02", 0, "屋顶机房", FD_KEY_PUBLIC);
    int64_t c = add_key("P-03", 0, "配电室", FD_KEY_PUBLIC);
    lend_now(a, FD_KEY_REASON_REPAIR, at(29, 12, 0));
    lend_now(b, FD_KEY_REASON_INSPECTION, 0);
    lend_now(c, FD_KEY_REASON_INSPECTION, 0);
    key_seen first = list(FD_KEYS_OUT, NULL, NULL, 2);
    ck_assert_str_eq(first.tags, "P-02 P-03");
    fd_key_cursor cur = {0};
    fd_key_row last = {.id = c, .tag = "P-03", .due_at = at(27, 18, 0)};
    fd_key_cursor_after(&cur, &last);
    ck_assert_str_eq(list(FD_KEYS_OUT, NULL, &cur, 2).tags, "P-01");
    ck_assert_str_eq(list(FD_KEYS_OUT, "p-01", NULL, 2).tags, "P-01");
}
END_TEST

START_TEST(pending_approvals_are_listed)
{
    int64_t a = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    int64_t b = add_key("P-02", 0, "屋顶机房", FD_KEY_PUBLIC);
    fd_key_loan_new l = loan_of(&a, 1, FD_KEY_REASON_METER);
    l.borrower_kind = FD_BORROWER_CONTRACTOR;
    l.company = "燃气公司";
    l.phone = "13800138000";
    int64_t first, second;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &first, &err), FD_OK);
    l.key_ids = &b;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &second, &err), FD_OK);
    loan_seen seen = {0};
    ck_assert_int_eq(fd_key_loans_list(fx.desk, &fx.receptionist, FD_LOANS_PENDING, 0, 1, see_loan,
                                       &seen, &err), FD_OK);
    ck_assert_int_eq(seen.count, 1);
    ck_assert_str_eq(seen.keys, "P-01");
    ck_assert_str_eq(seen.phone, "138****8000");
    seen = (loan_seen){0};
    ck_assert_int_eq(fd_key_loans_list(fx.desk, &fx.duty_manager, FD_LOANS_PENDING, first, 10, see_loan,
                                       &seen, &err), FD_OK);
    ck_assert_int_eq(seen.count, 1);
    ck_assert_str_eq(seen.keys, "P-02");
    ck_assert_str_eq(seen.phone, "13800138000");
    ck_assert_int_eq(fd_key_loan_approve(fx.desk, &fx.receptionist, &cs_manager, second, NULL, &err), FD_OK);
    seen = (loan_seen){0};
    ck_assert_int_eq(fd_key_loans_list(fx.desk, &fx.receptionist, FD_LOANS_APPROVED, 0, 10, see_loan,
                                       &seen, &err), FD_OK);
    ck_assert_int_eq(seen.count, 1);
    ck_assert_str_eq(seen.approved_by, "刘洋");
}
END_TEST

/* A loan refused or cancelled says when, by whom and why, on the loan and in the history
 * of its keys; a loan returned says what the desk noted as the keys came back. */
START_TEST(how_a_loan_ended_reads_on_it_and_its_keys)
{
    int64_t k = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    fd_key_loan_new l = loan_of(&k, 1, FD_KEY_REASON_INSPECTION);
    int64_t refused, cancelled;
    fx.now = at(26, 9, 41);
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &refused, &err), FD_OK);
    loan_seen row = loan_row(&fx.receptionist, refused);
    ck_assert_int_eq(row.ended_at, 0);
    ck_assert_str_eq(row.ended_by, "");
    fx.now = at(26, 9, 45);
    /* In place: the manager who gave the word refused it, not the one at the desk. */
    ck_assert_int_eq(fd_key_loan_refuse(fx.desk, &fx.receptionist, &cs_manager, refused,
                                        "需先提交年检计划", &err), FD_OK);
    row = loan_row(&fx.receptionist, refused);
    ck_assert_int_eq(row.ended_at, at(26, 9, 45));
    ck_assert_str_eq(row.ended_by, "刘洋");
    ck_assert_str_eq(row.ended_note, "需先提交年检计划");

    fx.now = at(26, 10, 0);
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &cancelled, &err), FD_OK);
    ck_assert_int_eq(fd_key_loan_approve(fx.desk, &fx.duty_manager, NULL, cancelled, NULL, &err), FD_OK);
    fx.now = at(26, 10, 5);
    ck_assert_int_eq(fd_key_loan_cancel(fx.desk, &fx.receptionist, cancelled, NULL, &err), FD_OK);
    row = loan_row(&fx.receptionist, cancelled);
    ck_assert_int_eq(row.ended_at, at(26, 10, 5));
    ck_assert_str_eq(row.ended_by, "李娜");
    ck_assert(!row.ended_with_note);
    ck_assert_str_eq(row.approved_by, "张伟");

    fx.now = at(26, 11, 0);
    int64_t returned = lend_now(k, FD_KEY_REASON_CLEANING, 0);
    fx.now = at(26, 12, 0);
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, returned, "王师傅",
                                        "钥匙齿有磨损，已告知保管人", &err), FD_OK);
    row = loan_row(&fx.receptionist, returned);
    ck_assert_str_eq(row.return_note, "钥匙齿有磨损，已告知保管人");
    ck_assert_int_eq(row.ended_at, 0);

    /* The key's history, newest first, a page at a time: the refusal and the
     * cancellation stand among the key's own events. */
    history_seen h = history(k, 0, 3);
    ck_assert_int_eq(h.count, 3);
    ck_assert_str_eq(h.events[0], "return");
    ck_assert_str_eq(h.events[1], "lend");
    ck_assert_str_eq(h.events[2], "cancel");
    h = history(k, h.last_id, 3);
    ck_assert_int_eq(h.count, 2);
    ck_assert_str_eq(h.events[0], "refuse");
    ck_assert_str_eq(h.note, "需先提交年检计划");
    ck_assert_str_eq(h.approver, "刘洋");
    ck_assert_str_eq(h.borrower, "王师傅");
    ck_assert_str_eq(h.events[1], "register");
    ck_assert_str_eq(fd_key_event_label("refuse"), "Loan refused");
}
END_TEST

typedef struct day_seen {
    int count;
    int64_t ids[8];
} day_seen;

static void see_day_loan(void *ctx, const fd_loan_row *row)
{
    day_seen *s = ctx;
    if (s->count < 8)
        s->ids[s->count++] = row->id;
}

static day_seen loans_of_day(int day, int64_t after, int limit)
{
    day_seen s = {0};
    ck_assert_int_eq(fd_key_loans_between(fx.desk, &fx.receptionist, at(day, 0, 0), at(day + 1, 0, 0),
                                          after, limit, see_day_loan, &s, &err),
                     FD_OK);
    return s;
}

START_TEST(a_days_loans_are_listed)
{
    fx.now = at(26, 8, 0);
    int64_t a = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    int64_t b = add_key("P-02", 0, "屋顶机房", FD_KEY_PUBLIC);
    fx.now = at(26, 9, 0);
    int64_t before = lend_now(a, FD_KEY_REASON_CLEANING, 0);
    fx.now = at(26, 10, 0);
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, before, "王师傅", NULL, &err), FD_OK);
    fx.now = at(26, 16, 0);
    int64_t overnight = lend_now(b, FD_KEY_REASON_REPAIR, at(27, 9, 0));
    fx.now = at(27, 9, 0);
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, overnight, "王师傅", NULL, &err), FD_OK);
    fx.now = at(27, 10, 0);
    fd_key_loan_new l = loan_of(&a, 1, FD_KEY_REASON_INSPECTION);
    int64_t waiting;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, NULL, &l, &waiting, &err), FD_OK);

    day_seen s = loans_of_day(26, 0, 10);
    ck_assert_int_eq(s.count, 2);
    ck_assert_int_eq(s.ids[0], before);
    ck_assert_int_eq(s.ids[1], overnight);
    s = loans_of_day(27, 0, 10);
    ck_assert_int_eq(s.count, 2);
    ck_assert_int_eq(s.ids[0], overnight);
    ck_assert_int_eq(s.ids[1], waiting);
    s = loans_of_day(27, overnight, 10);
    ck_assert_int_eq(s.count, 1);
    ck_assert_int_eq(loans_of_day(25, 0, 10).count, 0);
}
END_TEST


/* ---- issue 15: a receptionist's shift ---- */

/* The form asks the core first: a borrower without a department, a key already out,
 * are said before anyone is asked to consent, and nothing is written. */
START_TEST(a_loan_is_checked_before_consent)
{
    int64_t pump = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    fd_key_loan_new l = loan_of(&pump, 1, FD_KEY_REASON_INSPECTION);
    l.department = "";
    ck_assert_int_eq(fd_key_loan_check(fx.desk, &l, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "department");
    l.department = "工程部";
    ck_assert_int_eq(fd_key_loan_check(fx.desk, &l, &err), FD_OK);
    ck_assert_str_eq(key(pump).state, "in_store");
    lend_now(pump, FD_KEY_REASON_INSPECTION, 0);
    ck_assert_int_ne(fd_key_loan_check(fx.desk, &l, &err), FD_OK);
    ck_assert_str_eq(err.field, "keys");
}
END_TEST

typedef struct lost_seen {
    char state[FD_STATE_MAX], lost[64];
    bool overdue;
    fd_time returned_at;
} lost_seen;

static void see_lost(void *ctx, const fd_loan_row *row)
{
    lost_seen *l = ctx;
    snprintf(l->state, sizeof l->state, "%s", fd_loan_state_name(row->state));
    snprintf(l->lost, sizeof l->lost, "%s", row->lost_keys ? row->lost_keys : "");
    l->overdue = row->overdue;
    l->returned_at = row->returned_at;
}

static char *export_text(const fd_actor *who, bool monthly, bool unmasked, fd_export_format format,
                         fd_status *status);

/* A key registered lost on its loan is never recorded back: the loan closes as lost
 * when it was the last key out, and on the loan's row and in the export it is lost. */
START_TEST(a_lost_key_is_never_returned)
{
    int64_t a = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    int64_t b = add_key("P-02", 0, "屋顶机房", FD_KEY_PUBLIC);
    int64_t c = add_key("P-03", 0, "配电室", FD_KEY_PUBLIC);
    int64_t pair[] = {a, b};
    fd_key_loan_new l = loan_of(pair, 2, FD_KEY_REASON_INSPECTION);
    l.hand_over = true;
    int64_t both;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &l, &both, &err),
                     FD_OK);
    ck_assert_int_eq(fd_key_incident(fx.desk, &fx.receptionist, a, FD_KEY_LOST, "王师傅", NULL, &err),
                     FD_OK);
    ck_assert_str_eq(loan_state(both), "out"); /* P-02 is still out */
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, both, "王师傅", NULL, &err), FD_OK);
    lost_seen seen = {0};
    ck_assert_int_eq(fd_key_loan_get(fx.desk, &fx.receptionist, both, see_lost, &seen, &err), FD_OK);
    ck_assert_str_eq(seen.state, "returned");
    ck_assert_str_eq(seen.lost, "P-01");

    /* The only key out lost: the loan closes, is not overdue, cannot be returned. */
    int64_t one = lend_now(c, FD_KEY_REASON_INSPECTION, 0);
    ck_assert_int_eq(fd_key_incident(fx.desk, &fx.receptionist, c, FD_KEY_LOST, "王师傅", NULL, &err),
                     FD_OK);
    ck_assert_str_eq(loan_state(one), "lost");
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, one, "王师傅", NULL, &err), FD_STATE);
    fx.now += 12 * 3600; /* past the curfew */
    lost_seen closed = {0};
    ck_assert_int_eq(fd_key_loan_get(fx.desk, &fx.receptionist, one, see_lost, &closed, &err), FD_OK);
    ck_assert_str_eq(closed.state, "lost");
    ck_assert_str_eq(closed.lost, "P-03");
    ck_assert(!closed.overdue);
    ck_assert_int_eq(closed.returned_at, 0);
    /* Found again later, it is in store, and still not returned on its loan. */
    ck_assert_int_eq(fd_key_recover(fx.desk, &fx.receptionist, c, "在配电室找到", &err), FD_OK);
    ck_assert_str_eq(loan_state(one), "lost");

    fd_status s;
    char *csv = export_text(&fx.duty_manager, false, false, FD_EXPORT_CSV, &s);
    ck_assert_int_eq(s, FD_OK);
    const char *p01 = strstr(csv, ",P-01,"), *p02 = strstr(csv, ",P-02,"), *p03 = strstr(csv, ",P-03,");
    ck_assert_ptr_nonnull(p01);
    ck_assert_ptr_nonnull(p02);
    ck_assert_ptr_nonnull(p03);
    char line[1024];
    snprintf(line, sizeof line, "%.*s", (int)strcspn(p01, "\r\n"), p01);
    ck_assert_msg(strstr(line, ",Lost,") && !strstr(line, "Returned") && !strstr(line, ",王师傅,李娜,"),
                  "%s", line);
    snprintf(line, sizeof line, "%.*s", (int)strcspn(p02, "\r\n"), p02);
    ck_assert_msg(strstr(line, ",Returned,") && strstr(line, ",王师傅,李娜,"), "%s", line);
    snprintf(line, sizeof line, "%.*s", (int)strcspn(p03, "\r\n"), p03);
    ck_assert_msg(strstr(line, ",Lost,") && !strstr(line, "Returned"), "%s", line);
    free(csv);
}
END_TEST

typedef struct trail_seen {
    int count;
    char names[8][64];
    int attempts[8];
    fd_dir_kind kinds[8];
    bool reached;
} trail_seen;

static void see_trail(void *ctx, const fd_key_trail_row *row)
{
    trail_seen *t = ctx;
    if (t->count < 8) {
        snprintf(t->names[t->count], 64, "%s", row->entry->name);
        t->attempts[t->count] = row->attempts;
        t->kinds[t->count] = row->entry->kind;
    }
    t->reached = row->unit_reached;
    t->count++;
}

/* §5: everyone of the unit is tried before its spare key is used (owner, tenant, then
 * the emergency contact); going ahead sooner needs a reason, which is recorded. */
START_TEST(an_emergency_tries_everyone_or_says_why)
{
    int64_t spare = add_key("A-1203-1", unit_1203, "入户门", FD_KEY_SPARE);
    fd_key_loan_new l = loan_of(&spare, 1, FD_KEY_REASON_REPAIR);
    l.emergency = true;
    l.note = "A-1203 跑水";
    int64_t loan;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &l, &loan, &err),
                     FD_OK);
    trail_seen t = {0};
    ck_assert_int_eq(fd_key_loan_trail(fx.desk, &fx.receptionist, loan, see_trail, &t, &err), FD_OK);
    ck_assert_int_eq(t.count, 3);
    ck_assert_str_eq(t.names[0], "王建国");
    ck_assert_str_eq(t.names[1], "李四");
    ck_assert_str_eq(t.names[2], "王小明");
    ck_assert_int_eq(t.kinds[2], FD_DIR_CONTACT);
    ck_assert_int_eq(t.attempts[0] + t.attempts[1] + t.attempts[2], 0);

    contacts_seen c = {0};
    ck_assert_int_eq(fd_key_loan_contacts(fx.desk, &fx.receptionist, loan, see_contact, &c, &err), FD_OK);
    fd_key_notice_new owner = {.unit_id = unit_1203, .target = FD_DIR_OCCUPANT,
                               .target_id = c.entries[0].id, .outcome = FD_KEY_OUTCOME_NO_ANSWER};
    ck_assert_int_eq(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &owner, &err), FD_OK);
    /* The tenant and the emergency contact are not tried yet: said, by name. */
    ck_assert_int_eq(fd_key_loan_lend(fx.desk, &fx.receptionist, loan, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "why");
    ck_assert_ptr_nonnull(strstr(err.message, "李四"));
    ck_assert_ptr_nonnull(strstr(err.message, "王小明"));
    ck_assert_ptr_null(strstr(err.message, "王建国"));
    memset(&t, 0, sizeof t);
    ck_assert_int_eq(fd_key_loan_trail(fx.desk, &fx.receptionist, loan, see_trail, &t, &err), FD_OK);
    ck_assert_int_eq(t.attempts[0], 1);
    ck_assert(!t.reached);
    ck_assert_int_eq(fd_key_loan_lend_why(fx.desk, &fx.receptionist, loan, "  ", &err), FD_INVALID);
    ck_assert_int_eq(fd_key_loan_lend_why(fx.desk, &fx.receptionist, loan, "水已漫到楼道，来不及", &err),
                     FD_OK);
    ck_assert_str_eq(loan_state(loan), "out");
}
END_TEST

/* Everyone tried, nobody reached: the key may be used without a further reason. */
START_TEST(an_emergency_with_everyone_tried_goes_ahead)
{
    int64_t spare = add_key("A-1203-1", unit_1203, "入户门", FD_KEY_SPARE);
    fd_key_loan_new l = loan_of(&spare, 1, FD_KEY_REASON_REPAIR);
    l.emergency = true;
    l.note = "A-1203 跑水";
    int64_t loan;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &l, &loan, &err),
                     FD_OK);
    contacts_seen c = {0};
    ck_assert_int_eq(fd_key_loan_contacts(fx.desk, &fx.receptionist, loan, see_contact, &c, &err), FD_OK);
    for (int i = 0; i < c.count; i++) {
        fd_key_notice_new n = {.unit_id = unit_1203, .target = c.entries[i].kind,
                               .target_id = c.entries[i].id, .outcome = FD_KEY_OUTCOME_BUSY};
        ck_assert_msg(fd_key_loan_notify(fx.desk, &fx.receptionist, loan, &n, &err) == FD_OK, "%s",
                      err.message);
    }
    ck_assert_int_eq(fd_key_loan_lend(fx.desk, &fx.receptionist, loan, &err), FD_OK);
}
END_TEST

/* ---- export ---- */

static char *export_text(const fd_actor *who, bool monthly, bool unmasked, fd_export_format format,
                         fd_status *status)
{
    fd_export_request req = {.from = fd_date_start(fd_date_from_ymd(2026, 11, 1)),
                             .to = fd_date_start(fd_date_from_ymd(2026, 12, 1)),
                             .format = format, .unmasked = unmasked, .monthly = monthly};
    return desk_fixture_export(&fx, fd_keys_export, who, &req, status, NULL, &err);
}

static int lines(const char *text)
{
    int n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

START_TEST(export_lists_every_loan_and_the_custodians)
{
    int64_t a = add_key("P-01", 0, "B1 水泵房", FD_KEY_PUBLIC);
    int64_t b = add_key("P-02", 0, "屋顶机房", FD_KEY_PUBLIC);
    int64_t pair[] = {a, b};
    fd_key_loan_new l = loan_of(pair, 2, FD_KEY_REASON_INSPECTION);
    l.borrower_kind = FD_BORROWER_CONTRACTOR;
    l.company = "迅达电梯";
    l.phone = "13800138000";
    l.hand_over = true;
    int64_t loan;
    ck_assert_int_eq(fd_key_loan_request(fx.desk, &fx.receptionist, &fx.duty_manager, &l, &loan, &err),
                     FD_OK);
    fx.now = at(27, 19, 0);
    ck_assert_int_eq(fd_key_loan_return(fx.desk, &fx.receptionist, loan, "王师傅", NULL, &err), FD_OK);
    ck_assert_int_eq(fd_key_incident(fx.desk, &fx.receptionist, b, FD_KEY_DAMAGED, "王师傅", NULL, &err), FD_OK);

    fd_status s;
    free(export_text(&fx.receptionist, false, false, FD_EXPORT_CSV, &s));
    ck_assert_int_eq(s, FD_DENIED);
    char *csv = export_text(&fx.duty_manager, false, false, FD_EXPORT_CSV, &s);
    ck_assert_int_eq(s, FD_OK);
    ck_assert_mem_eq(csv, "\xEF\xBB\xBF", 3);
    ck_assert_int_eq(lines(csv), 3);
    ck_assert_ptr_nonnull(strstr(csv, "138****8000"));
    ck_assert_ptr_nonnull(strstr(csv, "张伟"));
    ck_assert_ptr_nonnull(strstr(csv, "2026-11-27 18:00"));
    ck_assert_ptr_nonnull(strstr(csv, ",yes\r\n")); /* returned after the curfew */
    free(csv);
    char *full = export_text(&fx.duty_manager, false, true, FD_EXPORT_JSON, &s);
    ck_assert_int_eq(s, FD_OK);
    ck_assert_ptr_nonnull(strstr(full, "\"phone\": \"13800138000\""));
    ck_assert_ptr_nonnull(strstr(full, "\"tag\": \"P-02\""));
    free(full);
    free(export_text(&fx.admin, false, true, FD_EXPORT_CSV, &s));
    ck_assert_int_eq(s, FD_OK);

    char *monthly = export_text(&cs_manager, true, false, FD_EXPORT_CSV, &s);
    ck_assert_int_eq(s, FD_OK);
    ck_assert_ptr_nonnull(strstr(monthly, "Department,Custodian,Loans,Back late,Damaged,Lost"));
    ck_assert_ptr_nonnull(strstr(monthly, "客服部,李娜,2,2,1,0"));
    free(monthly);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("keys");
    TCase *tc = tcase_create("keys");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, register_checks_what_it_records);
    tcase_add_test(tc, records_are_append_only);
    tcase_add_test(tc, the_steps_a_screen_may_offer);
    tcase_add_test(tc, a_request_waits_for_a_manager);
    tcase_add_test(tc, refused_and_cancelled_requests);
    tcase_add_test(tc, consent_in_place);
    tcase_add_test(tc, loans_check_the_borrower);
    tcase_add_test(tc, keys_are_due_by_the_curfew);
    tcase_add_test(tc, only_a_repair_stays_out_overnight);
    tcase_add_test(tc, a_repair_past_its_date_is_not_handed_over);
    tcase_add_test(tc, an_emergency_needs_its_calls);
    tcase_add_test(tc, calls_belong_to_emergencies);
    tcase_add_test(tc, custody_moves_by_recorded_transfers);
    tcase_add_test(tc, copies_need_the_cs_manager);
    tcase_add_test(tc, losses_and_damage_name_who_is_responsible);
    tcase_add_test(tc, a_changed_lock_opens_a_sealing_deadline);
    tcase_add_test(tc, a_changed_lock_retires_the_copies_with_the_key);
    tcase_add_test(tc, the_register_pages_and_searches);
    tcase_add_test(tc, keys_out_page_by_due_time);
    tcase_add_test(tc, pending_approvals_are_listed);
    tcase_add_test(tc, how_a_loan_ended_reads_on_it_and_its_keys);
    tcase_add_test(tc, a_days_loans_are_listed);
    tcase_add_test(tc, export_lists_every_loan_and_the_custodians);
    tcase_add_test(tc, a_loan_is_checked_before_consent);
    tcase_add_test(tc, a_lost_key_is_never_returned);
    tcase_add_test(tc, an_emergency_tries_everyone_or_says_why);
    tcase_add_test(tc, an_emergency_with_everyone_tried_goes_ahead);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
