/* Staff, PINs, logins and the lock-out, on a fresh database per test. Every PIN hash
 * or check is an Argon2 run, slow under AddressSanitizer: each test does few. */
#include "frontdesk/staff.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/audit.h"
#include "testlib.h"

static fd_config cfg;
static fd_time now;
static fd_desk *desk;
static fd_error err;

static const char admin_pin[] = "1234";

/* A database of its own per test: each runs in a forked child, all in one folder. */
static fd_desk *open_desk(const fd_config *config)
{
    char name[64];
    snprintf(name, sizeof name, "staff-%ld.db", (long)getpid());
    fd_desk *d = NULL;
    ck_assert_int_eq(fd_desk_open(testlib_path(name), FD_STORE_CREATE, config,
                                  fd_clock_fixed(&now), &d, &err),
                     FD_OK);
    return d;
}

static void setup(void)
{
    cfg = (fd_config){.pin_max_failures = 5};
    now = fd_time_from_local(2026, 11, 27, 9, 30, 0);
    desk = open_desk(&cfg);
    fd_error_clear(&err);
    ck_assert_int_eq(fd_staff_add(desk, NULL, "A1", "管理员", FD_ROLE_ADMIN, admin_pin, &err), FD_OK);
}

static void teardown(void)
{
    fd_desk_close(desk);
    desk = NULL;
}

/* The actor as a login would fill it, without spending an Argon2 run. */
static fd_actor actor(const char *number)
{
    fd_staff_info s;
    ck_assert_int_eq(fd_staff_find(desk, number, &s, &err), FD_OK);
    fd_actor a = {.staff_id = s.id, .role = s.role};
    memcpy(a.number, s.number, sizeof a.number);
    memcpy(a.name, s.name, sizeof a.name);
    return a;
}

static void add(const char *number, const char *name, fd_role role, const char *pin)
{
    fd_actor admin = actor("A1");
    ck_assert_msg(fd_staff_add(desk, &admin, number, name, role, pin, &err) == FD_OK, "%s",
                  err.message);
}

static fd_staff_info info(const char *number)
{
    fd_staff_info s;
    ck_assert_int_eq(fd_staff_find(desk, number, &s, &err), FD_OK);
    return s;
}

static fd_status login(const char *number, const char *pin)
{
    fd_actor a;
    fd_error_clear(&err);
    return fd_staff_login(desk, number, pin, &a, &err);
}

static void print_problem(void *ctx, const char *problem)
{
    (void)ctx;
    fprintf(stderr, "verify: %s\n", problem);
}

/* The chain verifies clean and holds the number of entries expected by now. */
static void assert_chain(int64_t entries)
{
    fd_verify_result r;
    ck_assert_int_eq(fd_verify(desk, NULL, print_problem, NULL, &r, &err), FD_OK);
    ck_assert_int_eq(r.problems, 0);
    ck_assert_int_eq(r.entries, entries);
}

static void assert_error(fd_status got, fd_status want, const char *field)
{
    ck_assert_int_eq(got, want);
    ck_assert_int_eq(err.status, want);
    ck_assert_str_eq(err.field, field);
    ck_assert(err.message[0] != '\0');
}

START_TEST(test_bootstrap_then_admin_adds)
{
    fd_staff_info a = info("A1");
    ck_assert_str_eq(a.name, "管理员");
    ck_assert_int_eq(a.role, FD_ROLE_ADMIN);
    assert_chain(2); /* the staff row and its PIN */

    /* The system adds only the first administrator. */
    assert_error(fd_staff_add(desk, NULL, "A2", "李四", FD_ROLE_ADMIN, "5678", &err), FD_DENIED, "");

    add("R1", "张三丰", FD_ROLE_RECEPTIONIST, "2468");
    fd_staff_info r = info("R1");
    ck_assert_str_eq(r.number, "R1");
    ck_assert_str_eq(r.name, "张三丰");
    ck_assert_int_eq(r.role, FD_ROLE_RECEPTIONIST);
    ck_assert(!r.locked);
    ck_assert_int_eq(r.failures, 0);
    assert_chain(4);
}
END_TEST

START_TEST(test_first_staff_must_be_admin)
{
    fd_desk_close(desk);
    char name[64];
    snprintf(name, sizeof name, "empty-%ld.db", (long)getpid());
    ck_assert_int_eq(fd_desk_open(testlib_path(name), FD_STORE_CREATE, &cfg, fd_clock_fixed(&now),
                                  &desk, &err),
                     FD_OK);
    assert_error(fd_staff_add(desk, NULL, "R1", "张三", FD_ROLE_RECEPTIONIST, "1234", &err),
                 FD_INVALID, "role");
}
END_TEST

START_TEST(test_receptionist_cannot_add)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "2468");
    fd_actor r = actor("R1");
    assert_error(fd_staff_add(desk, &r, "R2", "王五", FD_ROLE_RECEPTIONIST, "1357", &err),
                 FD_DENIED, "");
    fd_actor nobody = {0};
    assert_error(fd_staff_add(desk, &nobody, "R2", "王五", FD_ROLE_RECEPTIONIST, "1357", &err),
                 FD_DENIED, "");
    assert_chain(4);
}
END_TEST

START_TEST(test_bad_input)
{
    fd_actor admin = actor("A1");
    const char *pins[] = {"123", "1234567890123", "12a4", "12 34", "", NULL};
    for (size_t i = 0; i < sizeof pins / sizeof pins[0]; i++)
        assert_error(fd_staff_add(desk, &admin, "R1", "张三", FD_ROLE_RECEPTIONIST, pins[i], &err),
                     FD_INVALID, "pin");
    const char *numbers[] = {"", "R-1", "1234567890123456", "张三", NULL};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        assert_error(fd_staff_add(desk, &admin, numbers[i], "张三", FD_ROLE_RECEPTIONIST, "1234", &err),
                     FD_INVALID, "number");
    const char *names[] = {"", "   ", "张三\n", "\xe5\xbc", "张三丰张三丰张三丰张三丰张三丰张三丰张三丰张三丰", NULL};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_error(fd_staff_add(desk, &admin, "R1", names[i], FD_ROLE_RECEPTIONIST, "1234", &err),
                     FD_INVALID, "name");
    assert_error(fd_staff_add(desk, &admin, "R1", "张三", FD_ROLE_COUNT, "1234", &err), FD_INVALID,
                 "role");
    assert_chain(2);
}
END_TEST

START_TEST(test_duplicate_number)
{
    add("R1", "  张三  ", FD_ROLE_RECEPTIONIST, "2468");
    ck_assert_str_eq(info("R1").name, "张三");
    fd_actor admin = actor("A1");
    assert_error(fd_staff_add(desk, &admin, "r1", "李四", FD_ROLE_ASSISTANT, "1357", &err),
                 FD_CONFLICT, "number");
    ck_assert_str_eq(err.message, "The staff number R1 is already taken by 张三.");
    assert_chain(4);
}
END_TEST

START_TEST(test_login_good_and_bad)
{
    add("R1", "张三丰", FD_ROLE_RECEPTIONIST, "2468");
    fd_actor a;
    /* Numbers match in any case; the actor carries the stored one. */
    ck_assert_int_eq(fd_staff_login(desk, "r1", "2468", &a, &err), FD_OK);
    ck_assert_int_eq(a.staff_id, info("R1").id);
    ck_assert_int_eq(a.role, FD_ROLE_RECEPTIONIST);
    ck_assert_str_eq(a.number, "R1");
    ck_assert_str_eq(a.name, "张三丰");
    assert_chain(5);

    assert_error(login("R1", "8642"), FD_BAD_PIN, "pin");
    ck_assert_str_eq(err.message,
                     "Wrong staff number or PIN. 4 attempts left before the account locks.");
    ck_assert_int_eq(info("R1").failures, 1);
    assert_chain(6); /* the failure is kept although the login failed */

    ck_assert_int_eq(login("R1", "2468"), FD_OK);
    ck_assert_int_eq(info("R1").failures, 0);
    assert_chain(7);
}
END_TEST

START_TEST(test_unknown_number_looks_like_wrong_pin)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "2468");
    assert_error(login("R1", "0000"), FD_BAD_PIN, "pin");
    fd_error wrong_pin = err;
    assert_error(login("ZZ9", "2468"), FD_BAD_PIN, "pin");
    ck_assert_str_eq(err.message, wrong_pin.message);
    assert_error(login(NULL, NULL), FD_BAD_PIN, "pin");
    assert_chain(5); /* nobody to record the unknown number against */
}
END_TEST

START_TEST(test_five_wrong_pins_lock)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "2468");
    static const char *const left[] = {"4 attempts", "3 attempts", "2 attempts", "1 attempt "};
    for (int i = 0; i < 4; i++) {
        assert_error(login("R1", "0000"), FD_BAD_PIN, "pin");
        ck_assert_msg(strstr(err.message, left[i]), "%s", err.message);
    }
    assert_error(login("R1", "0000"), FD_LOCKED, "pin");
    ck_assert_ptr_nonnull(strstr(err.message, "now locked"));
    fd_staff_info r = info("R1");
    ck_assert(r.locked);
    ck_assert_int_eq(r.failures, 5);
    assert_chain(4 + 5 + 1); /* five wrong PINs and the lock-out */

    assert_error(login("R1", "2468"), FD_LOCKED, "");
    ck_assert_ptr_nonnull(strstr(err.message, "duty manager or an administrator"));
    assert_chain(10);
}
END_TEST

START_TEST(test_unlock)
{
    cfg.pin_max_failures = 2; /* the site's limit, not the default */
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "2468");
    add("R2", "李四", FD_ROLE_RECEPTIONIST, "1357");
    add("D1", "王五", FD_ROLE_DUTY_MANAGER, "9753");
    assert_error(login("R1", "0000"), FD_BAD_PIN, "pin");
    assert_error(login("R1", "0000"), FD_LOCKED, "pin");
    ck_assert(info("R1").locked);

    fd_actor receptionist = actor("R2"), duty = actor("D1");
    assert_error(fd_staff_unlock(desk, &receptionist, "R1", &err), FD_DENIED, "");
    assert_error(fd_staff_unlock(desk, &duty, "R9", &err), FD_NOT_FOUND, "number");
    ck_assert_int_eq(fd_staff_unlock(desk, &duty, "R1", &err), FD_OK);
    fd_staff_info r = info("R1");
    ck_assert(!r.locked);
    ck_assert_int_eq(r.failures, 0);
    assert_error(fd_staff_unlock(desk, &duty, "R1", &err), FD_STATE, "number");
    assert_chain(8 + 3 + 1);

    ck_assert_int_eq(login("R1", "2468"), FD_OK);
    assert_chain(13);
}
END_TEST

START_TEST(test_default_limit_without_config)
{
    fd_desk_close(desk);
    desk = open_desk(NULL);
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "2468");
    assert_error(login("R1", "0000"), FD_BAD_PIN, "pin");
    ck_assert_ptr_nonnull(strstr(err.message, "4 attempts left"));
}
END_TEST

START_TEST(test_own_pin)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "2468");
    fd_actor r = actor("R1");
    assert_error(fd_staff_set_pin(desk, &r, "R1", "0000", "97531", &err), FD_BAD_PIN, "old_pin");
    /* A wrong current PIN counts towards the lock-out, like a wrong login. */
    fd_staff_info info;
    ck_assert_int_eq(fd_staff_find(desk, "R1", &info, &err), FD_OK);
    ck_assert_int_eq(info.failures, 1);
    assert_error(fd_staff_set_pin(desk, &r, "R1", "2468", "97a31", &err), FD_INVALID, "pin");
    assert_error(fd_staff_set_pin(desk, &r, "A1", admin_pin, "97531", &err), FD_DENIED, "number");
    assert_error(fd_staff_set_pin(desk, NULL, "R1", "2468", "97531", &err), FD_DENIED, "");
    assert_chain(5);

    ck_assert_int_eq(fd_staff_set_pin(desk, &r, "R1", "2468", "97531", &err), FD_OK);
    assert_chain(7); /* the proof of the current PIN, and the new PIN */
    ck_assert_int_eq(login("R1", "97531"), FD_OK);
    assert_error(login("R1", "2468"), FD_BAD_PIN, "pin");
}
END_TEST

START_TEST(test_admin_sets_pin)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "2468");
    fd_actor admin = actor("A1");
    assert_error(fd_staff_set_pin(desk, &admin, "R9", NULL, "97531", &err), FD_NOT_FOUND, "number");
    ck_assert_int_eq(fd_staff_set_pin(desk, &admin, "R1", NULL, "97531", &err), FD_OK);
    assert_chain(5);
    ck_assert_int_eq(login("R1", "97531"), FD_OK);
}
END_TEST

typedef struct listing {
    char text[256];
} listing;

static void list_one(void *ctx, const fd_staff_info *s)
{
    listing *l = ctx;
    size_t used = strlen(l->text);
    snprintf(l->text + used, sizeof l->text - used, "%s %s %s %d %d;", s->number, s->name,
             fd_role_name(s->role), s->locked, s->failures);
}

START_TEST(test_list)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "2468");
    add("D1", "王五", FD_ROLE_DUTY_MANAGER, "9753");
    assert_error(login("R1", "0000"), FD_BAD_PIN, "pin");
    listing l = {""};
    fd_actor receptionist = actor("R1");
    assert_error(fd_staff_list(desk, &receptionist, list_one, &l, &err), FD_DENIED, "");
    fd_actor admin = actor("A1");
    ck_assert_int_eq(fd_staff_list(desk, &admin, list_one, &l, &err), FD_OK);
    ck_assert_str_eq(l.text, "A1 管理员 admin 0 0;D1 王五 duty_manager 0 0;R1 张三 receptionist 0 1;");
}
END_TEST

static Suite *staff_suite(void)
{
    Suite *s = suite_create("staff");
    TCase *tc = tcase_create("staff");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_bootstrap_then_admin_adds);
    tcase_add_test(tc, test_first_staff_must_be_admin);
    tcase_add_test(tc, test_receptionist_cannot_add);
    tcase_add_test(tc, test_bad_input);
    tcase_add_test(tc, test_duplicate_number);
    tcase_add_test(tc, test_login_good_and_bad);
    tcase_add_test(tc, test_unknown_number_looks_like_wrong_pin);
    tcase_add_test(tc, test_five_wrong_pins_lock);
    tcase_add_test(tc, test_unlock);
    tcase_add_test(tc, test_default_limit_without_config);
    tcase_add_test(tc, test_own_pin);
    tcase_add_test(tc, test_admin_sets_pin);
    tcase_add_test(tc, test_list);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return testlib_run(staff_suite());
}
