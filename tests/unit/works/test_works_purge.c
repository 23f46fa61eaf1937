/* The privacy purge forgets a worker's document as it forgets a visitor's: once the
 * pass ended longer ago than the retention period the number, its HMAC and the salt go
 * and the mask says nothing — the number as corrected too; a pass still out keeps its
 * number; the chain verifies.
 * The purge is the visitors layer's (fd_visits_purge), so this suite links it too. */
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/config.h"
#include "frontdesk/visitors.h"
#include "frontdesk/works.h"
#include "testlib.h"

static desk_fixture fx;
static fd_config *cfg;
static fd_error err;

#define ASSERT_OK(call) ck_assert_msg((call) == FD_OK, "%s", err.message)

static int64_t issue(int64_t renovation_id, const char *number)
{
    fd_work_pass_intake in = {
        .renovation_id = renovation_id, .worker = "李四", .doc_type = FD_DOC_RESIDENT_ID,
        .doc_number = number, .signer_role = FD_SIGNER_OWNER, .signer = "张伟", .receipt = "GZ-1",
    };
    int64_t id = 0;
    ASSERT_OK(fd_work_pass_issue(fx.desk, &fx.receptionist, &in, &id, &err));
    return id;
}

static const char *document(int64_t pass_id)
{
    static fd_work_pass p;
    ASSERT_OK(fd_work_pass_get(fx.desk, &fx.duty_manager, pass_id, &p, &err));
    return p.doc_number;
}

START_TEST(a_pass_ended_long_ago_forgets_its_document)
{
    desk_fixture_open(&fx, "purge.db");
    ck_assert_msg(fd_config_load_file(NULL, &cfg, &err) == FD_OK, "%s", err.message);
    cfg->retention_days = 180;
    fx.desk->config = cfg;
    desk_fixture_directory(&fx);
    fd_actor cs_manager;
    desk_fixture_staff(&fx, "3001", "刘洋", FD_ROLE_CS_MANAGER, "4444", &cs_manager);
    fd_time today = fx.now;
    fx.now = fd_time_from_local(2026, 4, 1, 10, 0, 0);
    fd_renovation_intake r = {.unit = "A-1203", .owner = "张伟", .contractor = "东方装饰",
                              .site_manager = "王强", .deposit = 20000, .deposit_receipt = "YJ-1"};
    int64_t renovation_id = 0;
    ASSERT_OK(fd_renovation_open(fx.desk, &fx.receptionist, &r, &renovation_id, &err));
    int64_t ended = issue(renovation_id, "11010519491231002X");
    int64_t out = issue(renovation_id, "11010519491231002X");
    /* the ended pass's document was corrected: the corrected number goes too */
    fd_works_correction fix = {.field = FD_WORKS_FIELD_DOCUMENT, .value = "110105198001010016",
                               .doc_type = FD_DOC_RESIDENT_ID, .reason = "证件号抄错"};
    ASSERT_OK(fd_work_pass_correct(fx.desk, &fx.receptionist, ended, &fix, &err));
    ck_assert_str_eq(document(ended), "110105198001010016");
    fd_work_pass_return back = {.pass_back = true, .receipt_shown = true, .refund_receipt = "TK-1"};
    ASSERT_OK(fd_work_pass_end(fx.desk, &fx.receptionist, ended, &back, NULL, &err));
    fx.now = today;

    fd_purge_result res;
    ASSERT_OK(fd_visits_purge_with(fx.desk, &cs_manager, NULL, &res, &err));
    ck_assert_int_eq(res.workers, 2);
    ck_assert_str_eq(document(ended), "********");
    ck_assert_str_eq(document(out), "11010519491231002X");
    ck_assert_int_eq(fd_work_pass_correct(fx.desk, &fx.receptionist, ended, &fix, &err), FD_STATE);
    ASSERT_OK(fd_visits_purge_with(fx.desk, &cs_manager, NULL, &res, &err));
    ck_assert_int_eq(res.workers, 0); /* the number's HMAC went with it: nothing left to clear */
    ck_assert_int_eq(desk_fixture_verify(&fx), 0);
    desk_fixture_close(&fx);
    fd_config_free(cfg);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("works_purge");
    TCase *tc = tcase_create("purge");
    tcase_add_test(tc, a_pass_ended_long_ago_forgets_its_document);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
