/* Staff, PINs, logins and the lock-out, on a fresh database per test. Every PIN hash
 * or check is an Argon2 run, slow under AddressSanitizer: each test does few. */
#include "frontdesk/staff.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/audit.h"
#include "testlib.h"

static fd_config cfg;
static fd_time now;
static fd_desk *desk;
static fd_error err;

static const char admin_pin[] = "123456";

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
    assert_error(fd_staff_add(desk, NULL, "A2", "李四", FD_ROLE_ADMIN, "567856", &err), FD_DENIED, "");

    add("R1", "张三丰", FD_ROLE_RECEPTIONIST, "246824");
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
    assert_error(fd_staff_add(desk, NULL, "R1", "张三", FD_ROLE_RECEPTIONIST, "123456", &err),
                 FD_INVALID, "role");
}
END_TEST

START_TEST(test_receptionist_cannot_add)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    fd_actor r = actor("R1");
    assert_error(fd_staff_add(desk, &r, "R2", "王五", FD_ROLE_RECEPTIONIST, "135791", &err),
                 FD_DENIED, "");
    fd_actor nobody = {0};
    assert_error(fd_staff_add(desk, &nobody, "R2", "王五", FD_ROLE_RECEPTIONIST, "135791", &err),
                 FD_DENIED, "");
    assert_chain(4);
}
END_TEST

START_TEST(test_bad_input)
{
    fd_actor admin = actor("A1");
    const char *pins[] = {"1234", "12345", "1234567890123", "12a456", "123 456", "", NULL};
    for (size_t i = 0; i < sizeof pins / sizeof pins[0]; i++)
        assert_error(fd_staff_add(desk, &admin, "R1", "张三", FD_ROLE_RECEPTIONIST, pins[i], &err),
                     FD_INVALID, "pin");
    const char *numbers[] = {"", "R-1", "1234567890123456", "张三", NULL};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        assert_error(fd_staff_add(desk, &admin, numbers[i], "张三", FD_ROLE_RECEPTIONIST, "123456", &err),
                     FD_INVALID, "number");
    const char *names[] = {"", "   ", "张三\n", "\xe5\xbc", "张三丰张三丰张三丰张三丰张三丰张三丰张三丰张三丰", NULL};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_error(fd_staff_add(desk, &admin, "R1", names[i], FD_ROLE_RECEPTIONIST, "123456", &err),
                     FD_INVALID, "name");
    assert_error(fd_staff_add(desk, &admin, "R1", "张三", FD_ROLE_COUNT, "123456", &err), FD_INVALID,
                 "role");
    assert_chain(2);
}
END_TEST

START_TEST(test_duplicate_number)
{
    add("R1", "  张三  ", FD_ROLE_RECEPTIONIST, "246824");
    ck_assert_str_eq(info("R1").name, "张三");
    fd_actor admin = actor("A1");
    assert_error(fd_staff_add(desk, &admin, "r1", "李四", FD_ROLE_ASSISTANT, "135791", &err),
                 FD_CONFLICT, "number");
    ck_assert_str_eq(err.message, "The staff number R1 is already taken by 张三.");
    assert_chain(4);
}
END_TEST

START_TEST(test_login_good_and_bad)
{
    add("R1", "张三丰", FD_ROLE_RECEPTIONIST, "246824");
    fd_actor a;
    /* Numbers match in any case; the actor carries the stored one. */
    ck_assert_int_eq(fd_staff_login(desk, "r1", "246824", &a, &err), FD_OK);
    ck_assert_int_eq(a.staff_id, info("R1").id);
    ck_assert_int_eq(a.role, FD_ROLE_RECEPTIONIST);
    ck_assert_str_eq(a.number, "R1");
    ck_assert_str_eq(a.name, "张三丰");
    assert_chain(5);

    assert_error(login("R1", "864286"), FD_BAD_PIN, "pin");
    ck_assert_str_eq(err.message,
                     "Wrong staff number or PIN, or the account is locked. After 5 wrong PINs in a "
                     "row the account locks; a duty manager or an administrator unlocks it.");
    ck_assert_int_eq(info("R1").failures, 1);
    assert_chain(6); /* the failure is kept although the login failed */

    ck_assert_int_eq(login("R1", "246824"), FD_OK);
    ck_assert_int_eq(info("R1").failures, 0);
    assert_chain(7);
}
END_TEST

static long elapsed_us(const struct timespec *since)
{
    struct timespec now_ts;
    clock_gettime(CLOCK_MONOTONIC, &now_ts);
    return (now_ts.tv_sec - since->tv_sec) * 1000000L + (now_ts.tv_nsec - since->tv_nsec) / 1000;
}

static long refusal_us(const char *number, const char *pin)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    assert_error(login(number, pin), FD_BAD_PIN, "pin");
    return elapsed_us(&start);
}

/* The quickest of a few tries of each, taken in turns so that the machine's other work
 * disturbs both alike. */
static void quickest_refusals_us(long *unknown, long *known)
{
    *unknown = *known = -1;
    for (int i = 0; i < 7; i++) {
        long u = refusal_us("ZZ9", "111111"), k = refusal_us("A1", "111111");
        *unknown = *unknown < 0 || u < *unknown ? u : *unknown;
        *known = *known < 0 || k < *known ? k : *known;
    }
}

START_TEST(test_unknown_number_looks_like_wrong_pin)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    assert_error(login("R1", "000000"), FD_BAD_PIN, "pin");
    fd_error wrong_pin = err;
    assert_error(login("ZZ9", "246824"), FD_BAD_PIN, "pin");
    ck_assert_str_eq(err.message, wrong_pin.message);
    assert_error(login(NULL, NULL), FD_BAD_PIN, "pin");
    ck_assert_str_eq(err.message, wrong_pin.message);
    /* Written as a wrong PIN is, without the number typed. */
    assert_chain(4 + 1 + 2);
    /* The same work for both: an Argon2 check and a write. (Without the check an unknown
     * number answers some thirty times sooner; the band allows for a loaded machine.) */
    long unknown, known;
    quickest_refusals_us(&unknown, &known);
    ck_assert_msg(unknown * 2 >= known && unknown <= known * 2,
                  "an unknown number took %ld us, a wrong PIN %ld us", unknown, known);
}
END_TEST

START_TEST(test_five_wrong_pins_lock)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    assert_error(login("R1", "000000"), FD_BAD_PIN, "pin");
    fd_error first = err;
    /* The answer does not count down, nor say when the account locks: either would
     * tell a number that exists from one that does not. */
    for (int i = 0; i < 4; i++) {
        assert_error(login("R1", "000000"), FD_BAD_PIN, "pin");
        ck_assert_str_eq(err.message, first.message);
    }
    fd_staff_info r = info("R1");
    ck_assert(r.locked);
    ck_assert_int_eq(r.failures, 5);
    /* One entry for each wrong answer, the fifth being the lock-out, as for a number
     * nobody has: verify tells anyone the count, which must not tell the two apart. */
    assert_chain(4 + 5);
    for (int i = 0; i < 5; i++)
        assert_error(login("ZZ9", "000000"), FD_BAD_PIN, "pin");
    assert_chain(4 + 5 + 5);
    assert_error(login("R1", "000000"), FD_BAD_PIN, "pin");
    ck_assert_str_eq(err.message, first.message);
    assert_chain(15);

    ck_assert_ptr_nonnull(strstr(err.message, "duty manager or an administrator"));

    /* The right PIN for a locked account hears what a wrong one hears, and is written
     * as one entry as a wrong one is: otherwise every PIN could be tried against the
     * locked account, the lock-out notwithstanding, and the one found used once a duty
     * manager unlocks it. */
    assert_error(login("R1", "246824"), FD_BAD_PIN, "pin");
    ck_assert_str_eq(err.message, first.message);
    assert_chain(16);
    ck_assert(info("R1").locked);
}
END_TEST

START_TEST(test_unlock)
{
    cfg.pin_max_failures = 2; /* the site's limit, not the default */
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    add("R2", "李四", FD_ROLE_RECEPTIONIST, "135791");
    add("D1", "王五", FD_ROLE_DUTY_MANAGER, "975319");
    assert_error(login("R1", "000000"), FD_BAD_PIN, "pin");
    assert_error(login("R1", "000000"), FD_BAD_PIN, "pin");
    ck_assert(info("R1").locked);

    fd_actor receptionist = actor("R2"), duty = actor("D1");
    assert_error(fd_staff_unlock(desk, &receptionist, "R1", &err), FD_DENIED, "");
    assert_error(fd_staff_unlock(desk, &duty, "R9", &err), FD_NOT_FOUND, "number");
    ck_assert_int_eq(fd_staff_unlock(desk, &duty, "R1", &err), FD_OK);
    fd_staff_info r = info("R1");
    ck_assert(!r.locked);
    ck_assert_int_eq(r.failures, 0);
    assert_error(fd_staff_unlock(desk, &duty, "R1", &err), FD_STATE, "number");
    assert_chain(8 + 2 + 1); /* the wrong PIN, the one that locked, the unlock */

    ck_assert_int_eq(login("R1", "246824"), FD_OK);
    assert_chain(12);
}
END_TEST

START_TEST(test_default_limit_without_config)
{
    fd_desk_close(desk);
    desk = open_desk(NULL);
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    assert_error(login("R1", "000000"), FD_BAD_PIN, "pin");
    ck_assert_ptr_nonnull(strstr(err.message, "After 5 wrong PINs"));
}
END_TEST

START_TEST(test_own_pin)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    fd_actor r = actor("R1");
    assert_error(fd_staff_set_pin(desk, &r, "R1", "000000", "975313", &err), FD_BAD_PIN, "old_pin");
    /* A wrong current PIN counts towards the lock-out, like a wrong login. */
    fd_staff_info info;
    ck_assert_int_eq(fd_staff_find(desk, "R1", &info, &err), FD_OK);
    ck_assert_int_eq(info.failures, 1);
    assert_error(fd_staff_set_pin(desk, &r, "R1", "246824", "97a313", &err), FD_INVALID, "pin");
    assert_error(fd_staff_set_pin(desk, &r, "A1", admin_pin, "975313", &err), FD_DENIED, "number");
    assert_error(fd_staff_set_pin(desk, NULL, "R1", "246824", "975313", &err), FD_DENIED, "");
    assert_chain(5);

    ck_assert_int_eq(fd_staff_set_pin(desk, &r, "R1", "246824", "975313", &err), FD_OK);
    assert_chain(7); /* the proof of the current PIN, and the new PIN */
    ck_assert_int_eq(login("R1", "975313"), FD_OK);
    assert_error(login("R1", "246824"), FD_BAD_PIN, "pin");
}
END_TEST

START_TEST(test_admin_sets_pin)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    fd_actor admin = actor("A1");
    assert_error(fd_staff_set_pin(desk, &admin, "R9", NULL, "975313", &err), FD_NOT_FOUND, "number");
    ck_assert_int_eq(fd_staff_set_pin(desk, &admin, "R1", NULL, "975313", &err), FD_OK);
    assert_chain(5);
    ck_assert_int_eq(login("R1", "975313"), FD_OK);
}
END_TEST

/* ---- how long a PIN must be ---- */

START_TEST(test_pin_length_is_the_sites)
{
    fd_actor admin = actor("A1");
    assert_error(fd_staff_add(desk, &admin, "R1", "张三", FD_ROLE_RECEPTIONIST, "12345", &err),
                 FD_INVALID, "pin");
    ck_assert_str_eq(err.message, "A PIN has 6 to 12 digits.");
    cfg.pin_min_digits = 8; /* a site asking for more */
    assert_error(fd_staff_add(desk, &admin, "R1", "张三", FD_ROLE_RECEPTIONIST, "1234567", &err),
                 FD_INVALID, "pin");
    ck_assert_str_eq(err.message, "A PIN has 8 to 12 digits.");
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "12345678");
    /* Nobody can turn a site with staff into a demo to get short PINs back. */
    assert_error(fd_desk_mark_demo(desk, &err), FD_STATE, "");
}
END_TEST

START_TEST(test_demo_keeps_four_digits)
{
    fd_desk_close(desk);
    char name[64];
    snprintf(name, sizeof name, "demo-%ld.db", (long)getpid());
    ck_assert_int_eq(fd_desk_open(testlib_path(name), FD_STORE_CREATE, &cfg, fd_clock_fixed(&now),
                                  &desk, &err),
                     FD_OK);
    ck_assert_int_eq(fd_desk_mark_demo(desk, &err), FD_OK);
    bool demo = false;
    ck_assert_int_eq(fd_desk_is_demo(desk, &demo, &err), FD_OK);
    ck_assert(demo);
    ck_assert_int_eq(fd_staff_add(desk, NULL, "9001", "陈静", FD_ROLE_ADMIN, "9999", &err), FD_OK);
    ck_assert_int_eq(login("9001", "9999"), FD_OK);
    assert_chain(1 + 2 + 1); /* the mark, the administrator and the login */
}
END_TEST

/* ---- the pepper ---- */

static char *db_file(const char *suffix)
{
    return fd_printf("%s%s", fd_store_path(desk->store), suffix);
}

static void latest_hash(const char *number, char *out, size_t size)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    char *path = db_file("");
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT p.hash FROM staff_pin p JOIN staff s ON s.id = "
                                        "p.staff_id WHERE s.number = ?1 ORDER BY p.id DESC",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    free(path);
}

/* What a copy of the database gives: a hash no PIN matches by itself, so there is
 * nothing to try PINs against without the pepper kept beside the database. */
START_TEST(test_a_copied_database_gives_nothing_to_try)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    char hash[256];
    latest_hash("R1", hash, sizeof hash);
    ck_assert_msg(strncmp(hash, "pepper1$argon2id$", 17) == 0, "%s", hash);
    ck_assert_int_ne(crypto_pwhash_str_verify(hash + 7, "246824", 6), 0);
    char *pepper = db_file(".pepper");
    struct stat st;
    ck_assert_int_eq(stat(pepper, &st), 0);
    ck_assert_int_eq(st.st_size, 32);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    /* Without the pepper nobody logs in, and the message says how to recover. */
    char *aside = db_file(".pepper-aside");
    ck_assert_int_eq(rename(pepper, aside), 0);
    ck_assert_int_eq(login("R1", "246824"), FD_NOT_FOUND);
    ck_assert_ptr_nonnull(strstr(err.message, "staff recover"));
    ck_assert_int_eq(rename(aside, pepper), 0);
    ck_assert_int_eq(login("R1", "246824"), FD_OK);
    free(pepper);
    free(aside);
}
END_TEST

/* A PIN set before there was a pepper works until its owner changes it. */
START_TEST(test_a_pin_from_before_the_pepper_still_works)
{
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    char old_hash[crypto_pwhash_STRBYTES];
    ck_assert_int_eq(crypto_pwhash_str_alg(old_hash, "2468", 4, 3, 8 << 20,
                                           crypto_pwhash_ALG_ARGON2ID13),
                     0);
    char *path = db_file(""), *sql = fd_printf(
        "INSERT INTO staff_pin (staff_id, hash, at, set_by) SELECT id, '%s', 0, NULL FROM staff "
        "WHERE number = 'R1'", old_hash);
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    ck_assert_int_eq(login("R1", "2468"), FD_OK);
    free(sql);
    free(path);
}
END_TEST

/* ---- recovery by root ---- */

START_TEST(test_root_recovers_a_locked_out_administrator)
{
    cfg.pin_max_failures = 2;
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    assert_error(login("A1", "000000"), FD_BAD_PIN, "pin");
    assert_error(login("A1", "000000"), FD_BAD_PIN, "pin");
    ck_assert(info("A1").locked);
    if (geteuid() != 0) {
        assert_error(fd_staff_recover(desk, "A1", "654321", &err), FD_DENIED, "");
        return;
    }
    /* Not for anyone but root: a real user of some other id is refused. */
    ck_assert_int_eq(setresuid(65534, 65534, 0), 0);
    assert_error(fd_staff_recover(desk, "A1", "654321", &err), FD_DENIED, "");
    ck_assert_int_eq(setresuid(0, 0, 0), 0);
    assert_error(fd_staff_recover(desk, "R1", "654321", &err), FD_STATE, "number");
    assert_error(fd_staff_recover(desk, "A1", "6543", &err), FD_INVALID, "pin");
    ck_assert_int_eq(fd_staff_recover(desk, "A1", "654321", &err), FD_OK);
    ck_assert(!info("A1").locked);
    ck_assert_int_eq(login("A1", "654321"), FD_OK);
    assert_chain(4 + 2 + 2 + 1); /* two wrong PINs (the second locked), the new PIN and the unlock, the login */
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
    add("R1", "张三", FD_ROLE_RECEPTIONIST, "246824");
    add("D1", "王五", FD_ROLE_DUTY_MANAGER, "975319");
    assert_error(login("R1", "000000"), FD_BAD_PIN, "pin");
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
    tcase_add_test(tc, test_pin_length_is_the_sites);
    tcase_add_test(tc, test_demo_keeps_four_digits);
    tcase_add_test(tc, test_a_copied_database_gives_nothing_to_try);
    tcase_add_test(tc, test_a_pin_from_before_the_pepper_still_works);
    tcase_add_test(tc, test_root_recovers_a_locked_out_administrator);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return testlib_run(staff_suite());
}
