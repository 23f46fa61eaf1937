/* Anchors of the audit chain outside the database: the head file a desk writes when it
 * closes, and the system log at every handover, print and purge. The attacks: the
 * newest entries deleted with their rows, an older copy put in place of the file —
 * the triggers dropped for it put back word for word, so the schema shows nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk_fixture.h"
#include "forger.h"
#include "frontdesk/audit.h"
#include "frontdesk/staff.h"
#include "syslog_capture.h"
#include "testlib.h"

/* ---- the system log, as syslogd would keep it ---- */

static const char *saved_log(void)
{
    const char *path = testlib_path("syslog");
    FILE *f = fopen(path, "w");
    fputs(syslog_capture_all(), f);
    fputs("Nov 27 10:00:01 desk frontdesk[4243]: frontdesk-anchor db=0000000000000000 entries=1 "
          "head=00 why=print mac=0000000000000000 path=/nowhere\n", f);
    fclose(f);
    return path;
}

/* ---- verify ---- */

static fd_status verify(desk_fixture *f, const char *log, desk_fixture_problems *p, fd_verify_result *r)
{
    const char *logs[] = {log, NULL};
    fd_verify_request req = {.logs = log ? logs : NULL};
    return desk_fixture_verify_into(f, &req, p, r);
}

static void add_staff(desk_fixture *f, const char *number, const char *name)
{
    fd_error err = {0};
    ck_assert_msg(fd_staff_add(f->desk, &f->admin, number, name, FD_ROLE_ASSISTANT, "1234", &err) == FD_OK,
                  "%s", err.message);
}

/* What an attacker runs with the triggers in its way dropped and put back. */
static void behind_its_back(desk_fixture *f, const char *sql)
{
    static const char *const triggers[] = {"staff_no_delete", "staff_pin_no_delete", "audit_no_delete", NULL};
    forger_behind_its_back(f, triggers, sql);
}

static void copy(const char *from, const char *to)
{
    char *command = fd_printf("cp '%s' '%s' && cp '%s.key' '%s.key' && cp '%s.seal' '%s.seal'",
                              from, to, from, to, from, to);
    ck_assert_int_eq(system(command), 0);
    free(command);
}

static char *head_file(const desk_fixture *f)
{
    return fd_desk_key_file(f->path, "head");
}

/* ---- the tests ---- */

START_TEST(a_desk_that_wrote_leaves_its_head_in_the_head_file)
{
    desk_fixture f;
    desk_fixture_open(&f, "close.db");
    fd_chain_head head;
    fd_error err = {0};
    ck_assert_int_eq(fd_audit_head(f.desk, &head, &err), FD_OK);
    desk_fixture_close(&f);
    char *path = head_file(&f);
    FILE *file = fopen(path, "r");
    ck_assert_ptr_nonnull(file);
    char line[1024];
    ck_assert_ptr_nonnull(fgets(line, sizeof line, file));
    fclose(file);
    char entries[160];
    snprintf(entries, sizeof entries, " entries=%lld head=%s why=close ", (long long)head.entries, head.hash);
    ck_assert_msg(strstr(line, entries), "%s", line);
    free(path);

    desk_fixture_reopen(&f);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_OK);
    ck_assert_int_eq(r.anchors, 1);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(the_newest_entries_deleted_with_their_rows_leave_the_database_behind)
{
    desk_fixture f;
    desk_fixture_open(&f, "deleted.db");
    add_staff(&f, "1002", "王芳");
    desk_fixture_close(&f);
    /* 王芳 and her PIN gone, with their entries: the chain itself is whole. */
    behind_its_back(&f, "DELETE FROM audit WHERE id > (SELECT max(id) - 2 FROM audit);"
                        "DELETE FROM staff_pin WHERE staff_id = (SELECT id FROM staff WHERE number = '1002');"
                        "DELETE FROM staff WHERE number = '1002';");
    desk_fixture_reopen(&f);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(p.count, 1);
    ck_assert_msg(desk_fixture_reported(&p, "The database is behind the head anchored in"), "%s", p.text[0]);
    ck_assert_msg(desk_fixture_reported(&p, "at a terminal's closing"), "%s", p.text[0]);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(an_older_copy_in_place_of_the_file_is_behind_the_system_log)
{
    desk_fixture f;
    desk_fixture_open(&f, "live.db");
    desk_fixture_close(&f);
    const char *older = testlib_path("older.db");
    copy(f.path, older);
    desk_fixture_reopen(&f);
    add_staff(&f, "1002", "王芳");
    syslog_capture_clear();
    fd_error err = {0};
    ck_assert_int_eq(fd_audit_anchor(f.desk, "print", &err), FD_OK);
    ck_assert_ptr_nonnull(strstr(syslog_capture_all(), "frontdesk-anchor db="));
    ck_assert_ptr_nonnull(strstr(syslog_capture_all(), " why=print "));
    const char *log = saved_log();
    desk_fixture_close(&f);

    /* The older copy in place, and the head file gone with it: the log still knows. */
    char *head = head_file(&f);
    unlink(head);
    free(head);
    copy(older, f.path);
    desk_fixture_reopen(&f);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_OK); /* without the log, nothing says so */
    ck_assert_int_eq(verify(&f, log, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(r.anchors, 1); /* the line the program did not write is not one */
    ck_assert_msg(desk_fixture_reported(&p, "The database is behind the head anchored in"), "%s", p.text[0]);
    ck_assert_msg(desk_fixture_reported(&p, "at a print"), "%s", p.text[0]);
    desk_fixture_close(&f);

    /* A backup verified where it lies is held to its own anchors, not the live file's. */
    desk_fixture g = f;
    g.path = older;
    desk_fixture_reopen(&g);
    ck_assert_int_eq(verify(&g, log, &p, &r), FD_OK);
    ck_assert_int_eq(r.anchors, 0);
    desk_fixture_close(&g);
}
END_TEST

START_TEST(a_chain_rewritten_under_an_anchor_is_not_its_head)
{
    desk_fixture f;
    desk_fixture_open(&f, "rewritten.db");
    desk_fixture_close(&f);
    /* Two histories from one start: the later part of the other put in place of this
     * one's, keys and all. */
    const char *other = testlib_path("other.db");
    copy(f.path, other);
    desk_fixture_reopen(&f);
    add_staff(&f, "1002", "王芳");
    desk_fixture_close(&f);
    desk_fixture g = f;
    g.path = other;
    desk_fixture_reopen(&g);
    add_staff(&g, "1003", "周敏");
    desk_fixture_close(&g);
    char *script = fd_printf("DELETE FROM audit WHERE id > (SELECT max(id) - 2 FROM audit);"
                             "DELETE FROM staff_pin WHERE staff_id = (SELECT id FROM staff WHERE number = '1002');"
                             "DELETE FROM staff WHERE number = '1002';"
                             "ATTACH '%s' AS o; INSERT INTO main.staff SELECT * FROM o.staff WHERE number = '1003';"
                             "INSERT INTO main.staff_pin SELECT * FROM o.staff_pin WHERE staff_id = "
                             "(SELECT id FROM o.staff WHERE number = '1003');"
                             "INSERT INTO main.audit SELECT * FROM o.audit WHERE id > (SELECT max(id) FROM main.audit);"
                             "DETACH o;",
                             other);
    behind_its_back(&f, script);
    free(script);
    desk_fixture_reopen(&f);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(p.count, 1);
    ck_assert_msg(desk_fixture_reported(&p, "is not the head anchored in"), "%s", p.text[0]);
    desk_fixture_close(&f);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("anchor");
    TCase *tc = tcase_create("anchor");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_desk_that_wrote_leaves_its_head_in_the_head_file);
    tcase_add_test(tc, the_newest_entries_deleted_with_their_rows_leave_the_database_behind);
    tcase_add_test(tc, an_older_copy_in_place_of_the_file_is_behind_the_system_log);
    tcase_add_test(tc, a_chain_rewritten_under_an_anchor_is_not_its_head);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
