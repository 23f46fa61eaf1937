/* The audit chain: every write is chained, and verify names what was changed
 * behind the program's back. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "desk_fixture.h"
#include "frontdesk/audit.h"
#include "frontdesk/staff.h"
#include "testlib.h"

static fd_status verify(desk_fixture *f, const char *against, desk_fixture_problems *p, fd_verify_result *r)
{
    fd_error err = {0};
    memset(p, 0, sizeof *p);
    return fd_verify(f->desk, against, desk_fixture_collect, p, r, &err);
}

START_TEST(every_write_extends_the_chain)
{
    desk_fixture f;
    desk_fixture_open(&f, "chain.db");
    fd_chain_head before, after;
    fd_error err = {0};
    ck_assert_int_eq(fd_audit_head(f.desk, &before, &err), FD_OK);
    ck_assert_int_gt(before.entries, 0);
    ck_assert_int_eq(strlen(before.hash), 64);
    ck_assert_int_eq(fd_staff_add(f.desk, &f.admin, "1002", "王芳", FD_ROLE_ASSISTANT, "1112", &err), FD_OK);
    ck_assert_int_eq(fd_audit_head(f.desk, &after, &err), FD_OK);
    ck_assert_int_gt(after.entries, before.entries);
    ck_assert_str_ne(after.hash, before.hash);

    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_OK);
    ck_assert_int_eq(p.count, 0);
    ck_assert_int_eq(r.entries, after.entries);
    ck_assert_str_eq(r.head.hash, after.hash);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(verify_names_an_edited_row)
{
    desk_fixture f;
    desk_fixture_open(&f, "edited.db");
    desk_fixture_tamper(&f, "DROP TRIGGER staff_no_update;"
                                          "UPDATE staff SET name = '李四' WHERE number = '1001'");
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(p.count, 2);
    ck_assert_msg(desk_fixture_reported(&p, "trigger staff_no_update is missing"), "%s", p.text[0]);
    ck_assert_msg(desk_fixture_reported(&p, "staff row 2 does not match"), "%s", p.text[1]);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(verify_names_a_deleted_row)
{
    desk_fixture f;
    desk_fixture_open(&f, "deleted.db");
    desk_fixture_tamper(&f, "DROP TRIGGER login_event_no_delete;"
                                          "DELETE FROM login_event WHERE id = 1");
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_msg(desk_fixture_reported(&p, "login_event row 1 is missing"), "%s", p.text[0]);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(verify_names_a_row_added_behind_its_back)
{
    desk_fixture f;
    desk_fixture_open(&f, "added.db");
    desk_fixture_tamper(&f, "INSERT INTO staff (id, number, name, role, at) "
                                          "VALUES (50, '6666', '冒名', 'admin', 0)");
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_msg(desk_fixture_reported(&p, "staff row 50 has no audit entry"), "%s", p.text[0]);
    desk_fixture_close(&f);
}
END_TEST

/* Rows slipped in before the first recorded row and between two recorded ones are
 * found as well as one after the last: verify compares every id with the rows the
 * chain records, not only the newest. */
START_TEST(verify_names_rows_slipped_between_recorded_ones)
{
    desk_fixture f;
    desk_fixture_open(&f, "slipped.db");
    desk_fixture_tamper(&f, "INSERT INTO staff (id, number, name, role, at) VALUES (-7, '6665', '冒名甲', 'admin', 0);"
                            "INSERT INTO staff (id, number, name, role, at) VALUES (60, '6666', '冒名乙', 'admin', 0)");
    fd_error err = {0};
    ck_assert_int_eq(fd_staff_add(f.desk, &f.admin, "1002", "王芳", FD_ROLE_ASSISTANT, "1112", &err), FD_OK);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(p.count, 2);
    ck_assert_msg(desk_fixture_reported(&p, "staff row -7 has no audit entry"), "%s", p.text[0]);
    ck_assert_msg(desk_fixture_reported(&p, "staff row 60 has no audit entry"), "%s", p.text[0]);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(verify_names_an_edited_audit_entry)
{
    desk_fixture f;
    desk_fixture_open(&f, "entry.db");
    desk_fixture_tamper(&f, "DROP TRIGGER audit_no_update;"
                                          "UPDATE audit SET staff_id = 3 WHERE id = 3");
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(p.count, 2); /* the trigger; the entries after it still verify */
    ck_assert_msg(desk_fixture_reported(&p, "audit entry 3 "), "%s", p.text[1]);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(verify_names_a_dropped_trigger_and_a_planted_one)
{
    desk_fixture f;
    desk_fixture_open(&f, "schema.db");
    /* Append-only no more, and every new staff member copied somewhere of one's own. */
    desk_fixture_tamper(&f, "DROP TRIGGER audit_no_delete;"
               "CREATE TABLE loot (number TEXT);"
               "CREATE TRIGGER copy_staff AFTER INSERT ON staff BEGIN "
               "INSERT INTO loot VALUES (NEW.number); END;"
               "CREATE VIEW pins AS SELECT * FROM staff_pin;");
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(p.count, 4);
    ck_assert_msg(desk_fixture_reported(&p, "trigger audit_no_delete is missing"), "%s", p.text[0]);
    ck_assert_msg(desk_fixture_reported(&p, "table loot (on loot) was not made by the program"), "%s", p.text[1]);
    ck_assert_msg(desk_fixture_reported(&p, "trigger copy_staff (on staff) was not made"), "%s", p.text[2]);
    ck_assert_msg(desk_fixture_reported(&p, "view pins (on pins) was not made"), "%s", p.text[3]);
    desk_fixture_close(&f);
}
END_TEST

/* A name planted with an escape sequence in it would clear the screen (or retitle the
 * window) of whoever runs verify: it is shown, not obeyed. */
START_TEST(verify_shows_a_planted_name_without_obeying_it)
{
    desk_fixture f;
    desk_fixture_open(&f, "escape.db");
    desk_fixture_tamper(&f, "CREATE TABLE \"notes\x1b[2J\x1b]0;ok\x07\" (a)");
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(p.count, 1);
    ck_assert_msg(desk_fixture_reported(&p, "table notes\\x1b[2J\\x1b]0;ok\\x07 (on"), "%s", p.text[0]);
    ck_assert_ptr_null(strchr(p.text[0], '\x1b'));
    desk_fixture_close(&f);
}
END_TEST

START_TEST(verify_names_a_redefined_trigger)
{
    desk_fixture f;
    desk_fixture_open(&f, "redefined.db");
    /* Same name, no teeth. */
    desk_fixture_tamper(&f, "DROP TRIGGER staff_no_delete;"
               "CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff WHEN 0 BEGIN "
               "SELECT RAISE(ABORT, 'staff is append-only'); END;");
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(p.count, 1);
    ck_assert_msg(desk_fixture_reported(&p, "trigger staff_no_delete is not as the program made it"), "%s", p.text[0]);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(verify_stops_at_a_dropped_table_and_names_it)
{
    desk_fixture f;
    desk_fixture_open(&f, "dropped.db");
    desk_fixture_tamper(&f, "DROP TABLE login_event");
    desk_fixture_problems p;
    fd_verify_result r;
    /* Not an abort in a statement that no longer prepares: the table, by name. */
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_msg(desk_fixture_reported(&p, "table login_event is missing"), "%s", p.text[0]);
    ck_assert_int_eq(r.entries, 0);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(verify_names_a_clock_set_back)
{
    desk_fixture f;
    desk_fixture_open(&f, "clock.db");
    f.desk->audit_clock = f.desk->clock; /* a live desk, its clock set back */
    fd_error err = {0};
    /* A few minutes back is a clock corrected; a week back is a record backdated. */
    f.now -= 4 * 60;
    ck_assert_int_eq(fd_staff_add(f.desk, &f.admin, "1002", "王芳", FD_ROLE_ASSISTANT, "1112", &err), FD_OK);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_OK);
    f.now -= 7 * 86400;
    ck_assert_int_eq(fd_staff_add(f.desk, &f.admin, "1003", "周敏", FD_ROLE_ASSISTANT, "1113", &err), FD_OK);
    ck_assert_int_eq(fd_staff_add(f.desk, &f.admin, "1004", "吴昊", FD_ROLE_ASSISTANT, "1114", &err), FD_OK);
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(p.count, 1); /* the jump, once */
    ck_assert_msg(desk_fixture_reported(&p, "minutes before entry"), "%s", p.text[0]);
    ck_assert_msg(desk_fixture_reported(&p, "the clock was set back"), "%s", p.text[0]);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(verify_against_a_printed_head)
{
    desk_fixture f;
    desk_fixture_open(&f, "head.db");
    fd_chain_head printed;
    fd_error err = {0};
    ck_assert_int_eq(fd_audit_head(f.desk, &printed, &err), FD_OK);
    /* Later work does not invalidate what was printed earlier. */
    ck_assert_int_eq(fd_staff_add(f.desk, &f.admin, "1002", "王芳", FD_ROLE_ASSISTANT, "1112", &err), FD_OK);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, printed.hash, &p, &r), FD_OK);
    ck_assert(r.head_found);
    char forged[FD_HASH_HEX];
    memset(forged, 'a', 64);
    forged[64] = '\0';
    ck_assert_int_eq(verify(&f, forged, &p, &r), FD_TAMPERED);
    ck_assert(!r.head_found);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(the_key_file_is_needed)
{
    desk_fixture f;
    desk_fixture_open(&f, "keyless.db");
    desk_fixture_close(&f);
    char key[600];
    snprintf(key, sizeof key, "%s.key", f.path);
    ck_assert_int_eq(access(key, F_OK), 0);
    unlink(key);
    fd_error err = {0};
    ck_assert_int_eq(fd_desk_open(f.path, 0, &f.config, fd_clock_fixed(&f.now), &f.desk, &err), FD_IO);
    ck_assert_ptr_nonnull(strstr(err.message, ".key"));
}
END_TEST

START_TEST(a_key_left_by_an_interrupted_init_is_used)
{
    /* init writes the key before the database: a crash in between leaves only a key. */
    const char *path = testlib_path("interrupted.db");
    char key[600];
    snprintf(key, sizeof key, "%s.key", path);
    FILE *f = fopen(key, "wb");
    for (int i = 0; i < FD_SECRET_SIZE; i++)
        fputc(i, f);
    fclose(f);
    fd_config cfg = {.pin_max_failures = 5};
    fd_time now = 0;
    fd_desk *d = NULL;
    fd_error err = {0};
    ck_assert_msg(fd_desk_open(path, FD_STORE_CREATE, &cfg, fd_clock_fixed(&now), &d, &err) == FD_OK,
                  "%s", err.message);
    ck_assert_int_eq(d->secret[31], 31);
    fd_desk_close(d);
}
END_TEST

START_TEST(personal_data_hmac_is_keyed)
{
    desk_fixture a, b;
    desk_fixture_open(&a, "hmac-a.db");
    desk_fixture_open(&b, "hmac-b.db");
    char x[FD_HASH_HEX], y[FD_HASH_HEX], z[FD_HASH_HEX];
    fd_desk_hmac_hex(a.desk, "11010519491231002X", x);
    fd_desk_hmac_hex(a.desk, "11010519491231002X", y);
    fd_desk_hmac_hex(b.desk, "11010519491231002X", z);
    ck_assert_str_eq(x, y);
    ck_assert_str_ne(x, z); /* another site's key gives another fingerprint */
    desk_fixture_close(&a);
    desk_fixture_close(&b);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("audit");
    TCase *tc = tcase_create("audit");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, every_write_extends_the_chain);
    tcase_add_test(tc, verify_names_an_edited_row);
    tcase_add_test(tc, verify_names_a_deleted_row);
    tcase_add_test(tc, verify_names_a_row_added_behind_its_back);
    tcase_add_test(tc, verify_names_rows_slipped_between_recorded_ones);
    tcase_add_test(tc, verify_names_an_edited_audit_entry);
    tcase_add_test(tc, verify_names_a_dropped_trigger_and_a_planted_one);
    tcase_add_test(tc, verify_shows_a_planted_name_without_obeying_it);
    tcase_add_test(tc, verify_names_a_redefined_trigger);
    tcase_add_test(tc, verify_stops_at_a_dropped_table_and_names_it);
    tcase_add_test(tc, verify_names_a_clock_set_back);
    tcase_add_test(tc, verify_against_a_printed_head);
    tcase_add_test(tc, the_key_file_is_needed);
    tcase_add_test(tc, a_key_left_by_an_interrupted_init_is_used);
    tcase_add_test(tc, personal_data_hmac_is_keyed);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
