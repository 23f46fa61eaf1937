/* The privacy purge forgets the carriers' document numbers of passes as it forgets
 * visitors' (frontdesk/visitors.h): the purge is the visitors layer's, the passes are
 * their own layer's, and this is the lowest layer that links both. A pass whose day
 * ended more than visitors.retention_days ago keeps everything but the number: no clear
 * number, no HMAC to test a guess, the mask whole; a newer pass keeps its number; the
 * audit chain still verifies. */
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/directory.h"
#include "frontdesk/passes.h"
#include "frontdesk/staff.h"
#include "frontdesk/visitors.h"
#include "testlib.h"

enum { DAY = 86400 };

static void find_company(void *ctx, const fd_dir_entry *e)
{
    *(int64_t *)ctx = e->id;
}

static int64_t issue(desk_fixture *f, int64_t company, const char *number)
{
    fd_pass_input in = {
        .direction = FD_PASS_IN, .company_id = company, .carrier = "王师傅",
        .doc_type = FD_DOC_RESIDENT_ID, .doc_number = number,
        .window_from = 11 * 60, .window_to = 12 * 60,
        .items = (fd_pass_item_input[]){{"打印机", 1, "台"}}, .item_count = 1,
    };
    fd_error err = {0};
    int64_t id = 0;
    ck_assert_msg(fd_pass_issue(f->desk, &f->receptionist, &in, &id, NULL, &err) == FD_OK, "%s",
                  err.message);
    return id;
}

START_TEST(the_purge_forgets_old_carriers_numbers)
{
    desk_fixture f;
    desk_fixture_open(&f, "pass_purge.db");
    desk_fixture_directory(&f);
    f.config.retention_days = 180;
    f.config.unmask_document_roles = FD_ROLE_BIT(FD_ROLE_ADMIN);
    fd_error err = {0};
    int64_t company = 0;
    ck_assert_int_eq(fd_directory_search(f.desk, NULL, FD_DIR_COMPANY, "辰星", 1, find_company,
                                         &company, &err), FD_OK);
    fd_time today = f.now;
    f.now -= 200 * DAY;
    int64_t old = issue(&f, company, "11010519491231002X");
    f.now = today;
    int64_t recent = issue(&f, company, "110105194912310038");

    fd_purge_result r;
    ck_assert_msg(fd_visits_purge_with(f.desk, &f.admin, NULL, &r, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(r.passes, 1);
    fd_pass p;
    ck_assert_int_eq(fd_pass_get(f.desk, &f.admin, old, &p, &err), FD_OK);
    ck_assert_str_eq(p.doc_number, "********");
    ck_assert(!p.doc_in_full);
    ck_assert_str_eq(p.carrier, "王师傅");
    ck_assert_int_eq(fd_pass_get(f.desk, &f.admin, recent, &p, &err), FD_OK);
    ck_assert_str_eq(p.doc_number, "110105194912310038");
    /* Nothing of the old number is left to test a guess against: the insert fails its
     * check unless exactly the old pass has neither number, HMAC nor salt. */
    ck_assert_int_eq(desk_fixture_raw(&f, "CREATE TEMP TABLE forgotten (n CHECK (n = 1));"
                                          "INSERT INTO forgotten SELECT count(*) FROM pass WHERE "
                                          "doc_number_clear IS NULL AND doc_number_hmac = '' AND "
                                          "pii_salt IS NULL AND id = 1"), 0);
    /* A second run finds nothing more. */
    ck_assert_int_eq(fd_visits_purge_with(f.desk, &f.admin, NULL, &r, &err), FD_OK);
    ck_assert_int_eq(r.passes, 0);
    ck_assert_int_eq(desk_fixture_verify(&f), 0);
    desk_fixture_close(&f);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pass_purge");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, the_purge_forgets_old_carriers_numbers);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
