/* Every write path of the core, for the I/O-error test. To add one: a set-up that makes
 * the write possible once more (new numbers, a locked account, …), an operation that
 * returns FD_OK when the write happened, and a row in write_paths[] at the end. */
#include "write_paths.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/config.h"
#include "frontdesk/directory.h"
#include "frontdesk/machine.h"
#include "frontdesk/staff.h"
#include "procedure_paths.h"
#include "testlib.h"

static const char wrong_pin[] = "0000";

/* ---- the desk every run starts from ---- */

static fault_ctx template; /* its staff and records; the desk itself is closed */

/* The shipped configuration, which the procedures need (departments, inventory, curfew,
 * calendar); the desk reads fx.config through its pointer. */
static void load_site(fault_ctx *c)
{
    fd_error err = {0};
    ck_assert_msg(fd_config_load_file(NULL, &c->site, &err) == FD_OK, "%s", err.message);
    c->fx.config = *c->site;
    /* Two wrong PINs lock an account, so the unlock path is cheap to set up. */
    c->fx.config.pin_max_failures = 2;
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    FILE *out = fopen(to, "wb");
    ck_assert_msg(in && out, "cannot copy %s to %s", from, to);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    ck_assert(!ferror(in));
    fclose(in);
    ck_assert_int_eq(fclose(out), 0);
}

/* The database and its keys; the WAL is gone once the last connection closed. */
static void copy_desk(const char *from, const char *to)
{
    char wal[1024];
    snprintf(wal, sizeof wal, "%s-wal", from);
    ck_assert_msg(access(wal, F_OK) != 0, "%s is still there: the copy would miss it", wal);
    copy_file(from, to);
    static const char *const keys[] = {"key", "seal", "pepper"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char *key_from = fd_desk_key_file(from, keys[i]), *key_to = fd_desk_key_file(to, keys[i]);
        copy_file(key_from, key_to);
        free(key_from);
        free(key_to);
    }
}

void fault_desk_template(void)
{
    desk_fixture_open(&template.fx, "template.db");
    load_site(&template);
    procedure_desk(&template);
    desk_fixture_close(&template.fx);
    fd_config_free(template.site);
    template.site = NULL;
}

void fault_ctx_open(fault_ctx *c, const char *db_name)
{
    *c = template;
    c->fx.path = testlib_path(db_name);
    copy_desk(template.fx.path, c->fx.path);
    load_site(c);
    desk_fixture_reopen(&c->fx);
}

void fault_ctx_close(fault_ctx *c)
{
    desk_fixture_close(&c->fx);
    fd_config_free(c->site);
    c->site = NULL;
}

static void next_serial(fault_ctx *c)
{
    c->serial++;
}

/* For operations that can simply be done again. */
static void as_it_is(fault_ctx *c)
{
    (void)c;
}

/* ---- staff ---- */

static fd_status add_staff(fault_ctx *c, fd_error *err)
{
    char number[16];
    snprintf(number, sizeof number, "F%d", c->serial);
    return fd_staff_add(c->fx.desk, &c->fx.admin, number, "赵敏", FD_ROLE_RECEPTIONIST, "4321",
                        err);
}

static bool is_locked(fault_ctx *c, const char *number)
{
    fd_staff_info info;
    fd_error err = {0};
    ck_assert_msg(fd_staff_find(c->fx.desk, number, &info, &err) == FD_OK, "%s", err.message);
    return info.locked;
}

/* The login under test must write: a locked account is refused before any write. */
static void receptionist_unlocked(fault_ctx *c)
{
    fd_error err = {0};
    if (is_locked(c, "1001"))
        ck_assert_msg(fd_staff_unlock(c->fx.desk, &c->fx.duty_manager, "1001", &err) == FD_OK,
                      "%s", err.message);
}

static void receptionist_locked(fault_ctx *c)
{
    while (!is_locked(c, "1001")) {
        fd_actor ignored;
        fd_error err = {0};
        fd_status s = fd_staff_login(c->fx.desk, "1001", wrong_pin, &ignored, &err);
        ck_assert_msg(s == FD_BAD_PIN || s == FD_LOCKED, "%s", err.message);
    }
}

/* What is written is the wrong PIN's record (and the lock-out it may bring), so the
 * refusal is this operation's success. */
static fd_status fail_login(fault_ctx *c, fd_error *err)
{
    fd_actor ignored;
    fd_status s = fd_staff_login(c->fx.desk, "1001", wrong_pin, &ignored, err);
    return s == FD_BAD_PIN || s == FD_LOCKED ? FD_OK : s;
}

static fd_status unlock_staff(fault_ctx *c, fd_error *err)
{
    return fd_staff_unlock(c->fx.desk, &c->fx.duty_manager, "1001", err);
}

/* ---- directory ---- */

typedef fd_status (*import_fn)(fd_desk *d, const fd_actor *who, FILE *csv, fd_import_result *out,
                               fd_error *err);

static fd_status import_csv(fault_ctx *c, import_fn import, fd_error *err)
{
    FILE *in = fmemopen(c->csv, strlen(c->csv), "r");
    ck_assert_ptr_nonnull(in);
    fd_import_result result;
    fd_status s = import(c->fx.desk, &c->fx.admin, in, &result, err);
    fd_import_result_free(&result);
    fclose(in);
    return s;
}

static fd_status import_units(fault_ctx *c, fd_error *err)
{
    return import_csv(c, fd_directory_import_units, err);
}

static fd_status import_occupants(fault_ctx *c, fd_error *err)
{
    return import_csv(c, fd_directory_import_occupants, err);
}

/* A new building each time, so buildings are written too. */
static void new_units_file(fault_ctx *c)
{
    next_serial(c);
    snprintf(c->csv, sizeof c->csv, "building,floor,room\nF%d,1,101\nF%d,2,201\n", c->serial,
             c->serial);
}

/* A new unit, then a file of its occupants that writes every directory table: an owner
 * with an emergency contact and a key entrustment, a company, and a person in a new
 * department. */
static void new_occupants_file(fault_ctx *c)
{
    new_units_file(c);
    fd_error err = {0};
    ck_assert_msg(import_units(c, &err) == FD_OK, "%s", err.message);
    snprintf(c->csv, sizeof c->csv,
             "unit,kind,name,phone,emergency_name,emergency_relation,emergency_phone,"
             "key_entrusted_on,company,department,position\n"
             "F%d-101,owner,张伟,13812345678,李秀英,配偶,13912345678,2026-01-05,,,\n"
             "F%d-101,company,辰星科技,010-85551234,,,,,,,\n"
             "F%d-101,employee,王芳,,,,,,辰星科技,行政部,前台\n",
             c->serial, c->serial, c->serial);
}

static void take_id(void *ctx, const fd_dir_entry *e)
{
    *(int64_t *)ctx = e->id;
}

static void unit_to_correct(fault_ctx *c)
{
    next_serial(c);
    if (c->unit_id)
        return;
    snprintf(c->csv, sizeof c->csv, "building,floor,room\nC,1,101\n");
    fd_error err = {0};
    ck_assert_msg(import_units(c, &err) == FD_OK, "%s", err.message);
    ck_assert_msg(fd_directory_search(c->fx.desk, NULL, FD_DIR_UNIT, "C-101", 1, take_id, &c->unit_id,
                                      &err) == FD_OK,
                  "%s", err.message);
    ck_assert_int_ne(c->unit_id, 0);
}

static fd_status correct_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    fault_ctx *c = ctx;
    char room[16];
    snprintf(room, sizeof room, "%d", 100 + c->serial);
    return fd_correct(c->fx.desk, &c->fx.receptionist, "unit", c->unit_id, "room", room,
                      "房号登记错误", NULL, err);
}

static fd_status correct_unit(fault_ctx *c, fd_error *err)
{
    return fd_store_write(c->fx.desk->store, correct_txn, c, err);
}

/* ---- the state machine ---- */

/* A machine of the test's own: entities are opened, then touched again and again. */
static const fd_transition probe_rows[] = {
    {NULL, "open", "open", FD_ACT_DIRECTORY_CORRECT, NULL},
    {"open", "touch", "open", FD_ACT_DIRECTORY_CORRECT, NULL},
};
static const fd_machine probe = {"probe", probe_rows, 2, NULL};

/* The first attempts open new entities (a new entity_state row), later ones touch them
 * (an entity_state row changed). */
static int64_t probe_entity(const fault_ctx *c)
{
    return 1 + c->serial % 4;
}

static fd_status fire_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    fault_ctx *c = ctx;
    char state[FD_STATE_MAX];
    fd_status s = fd_machine_state(c->fx.desk, &probe, probe_entity(c), state, err);
    if (s != FD_OK)
        return s;
    fd_fire fire = {.actor = &c->fx.receptionist, .note = "巡查"};
    return fd_machine_fire(c->fx.desk, &probe, probe_entity(c), *state ? "touch" : "open", &fire,
                           NULL, err);
}

static fd_status fire_event(fault_ctx *c, fd_error *err)
{
    return fd_store_write(c->fx.desk->store, fire_txn, c, err);
}

/* ---- the table ---- */

const write_path write_paths[] = {
    {"staff_add", next_serial, add_staff, EVERY_POINT},
    {"login_failure", receptionist_unlocked, fail_login, EVERY_POINT},
    {"staff_unlock", receptionist_locked, unlock_staff, EVERY_POINT},
    {"import_units", new_units_file, import_units, EVERY_POINT},
    {"import_occupants", new_occupants_file, import_occupants, EVERY_POINT},
    {"correct", unit_to_correct, correct_unit, EVERY_POINT},
    {"machine_fire", next_serial, fire_event, EVERY_POINT},
    {"visit_register", as_it_is, register_visitor, SAMPLED},
    {"visit_admit", visitor_waiting, admit_visitor, SAMPLED},
    {"visit_refuse", visitor_waiting, refuse_visitor, SAMPLED},
    {"visit_sign_out", visitor_inside, sign_visitor_out, SAMPLED},
    {"visit_correct", visitor_to_correct, correct_visitor, SAMPLED},
    {"visit_purge", visitor_past_retention, purge_visitors, SAMPLED},
    {"key_register", next_serial, register_key, SAMPLED},
    {"key_request", key_in_store, request_key, SAMPLED},
    {"key_approve", loan_requested, approve_loan, SAMPLED},
    {"key_lend", loan_approved, lend_keys, SAMPLED},
    {"key_return", loan_out, return_keys, SAMPLED},
    {"key_notify", emergency_loan, notify_for_emergency, SAMPLED},
    {"mail_receive", parcel_expected, receive_parcel, SAMPLED},
    {"mail_hand_out", parcels_held, hand_parcels_out, SAMPLED},
    {"mail_proxy", parcel_held, hand_out_by_proxy, SAMPLED},
    {"mail_return", parcel_held, return_parcel, SAMPLED},
    {"complaint_receive", as_it_is, receive_complaint, SAMPLED},
    {"complaint_assign", complaint_received, assign_complaint, SAMPLED},
    {"complaint_rectify", complaint_assigned, rectify_complaint, SAMPLED},
    {"complaint_reopen", complaint_rectified, visit_dissatisfied, SAMPLED},
    {"complaint_close", complaint_visited, close_complaint, SAMPLED},
    {"handover_entry", shift_open, write_entry, SAMPLED},
    {"handover_progress", followup_open, record_progress, SAMPLED},
    {"handover_begin", shift_open, begin_handover, SAMPLED},
    {"handover_count", handing_over, count_inventory, SAMPLED},
    {"handover_sign", ready_to_sign, sign_handover, SAMPLED},
    {"notice_draft", as_it_is, draft_early_notice, SAMPLED},
    {"notice_sign", notice_drafted, sign_notice, SAMPLED},
    {"notice_deliver", notice_issued, deliver_notice, SAMPLED},
    {"notice_take_down", notice_posted, take_notice_down, SAMPLED},
    {"works_open", next_serial, open_renovation, SAMPLED},
    {"works_pass_issue", renovation_open, issue_pass, SAMPLED},
    {"works_pass_return", pass_issued, take_pass_back, SAMPLED},
    {"works_hot_work", renovation_open, approve_hot_work, SAMPLED},
    {"works_tools_out", tools_in, carry_tools_out, SAMPLED},
    {"pass_authority", as_it_is, file_letter, SAMPLED},
    {"pass_issue", as_it_is, issue_carry_pass, SAMPLED},
    {"pass_confirm", carry_pass_issued, confirm_pass, SAMPLED},
    {"pass_refuse", carry_pass_issued, refuse_pass, SAMPLED},
    {"pass_void", carry_pass_issued, void_pass, SAMPLED},
    {"works_correct", renovation_open, correct_renovation, SAMPLED},
    {"works_pass_document", pass_issued, correct_pass_document, SAMPLED},
    {"call_take", as_it_is, take_call, SAMPLED},
    {"call_repair", call_taken, hand_repair, SAMPLED},
    {"call_repair_done", repair_handed, report_repair_done, SAMPLED},
};
const int write_path_count = (int)(sizeof write_paths / sizeof write_paths[0]);
