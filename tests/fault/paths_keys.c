/* Key loans' write paths: registering a key, a loan requested, approved, lent and
 * returned, and the calls recorded for an emergency. */
#include <stdio.h>

#include "frontdesk/keys.h"
#include "procedure_paths.h"

/* A key with a tag of its own each time: tags are unique. */
static int64_t key_in_store_now(fault_ctx *c, fd_key_kind kind)
{
    char tag[FD_KEY_TAG_MAX];
    snprintf(tag, sizeof tag, "%s-%d", kind == FD_KEY_SPARE ? "A-1203" : "P", ++c->serial);
    fd_key_new k = {.tag = tag, .unit_id = kind == FD_KEY_SPARE ? c->owner_unit : 0,
                    .description = kind == FD_KEY_SPARE ? "入户门" : "B1 水泵房", .kind = kind,
                    .department = "客服部", .custodian = "李娜"};
    int64_t id = 0;
    PATH_OK(fd_key_register(c->fx.desk, &c->fx.receptionist, &k, &id, &path_err));
    return id;
}

static fd_key_loan_new loan_of(const int64_t *key)
{
    return (fd_key_loan_new){.borrower_kind = FD_BORROWER_STAFF, .borrower = "王师傅",
                             .department = "工程部", .key_ids = key, .key_count = 1,
                             .reason = FD_KEY_REASON_REPAIR};
}

/* A spare key: registering it finds the unit's entrustment too. */
fd_status register_key(fault_ctx *c, fd_error *err)
{
    char tag[FD_KEY_TAG_MAX];
    snprintf(tag, sizeof tag, "A-1203-%d", c->serial);
    fd_key_new k = {.tag = tag, .unit_id = c->owner_unit, .description = "入户门",
                    .kind = FD_KEY_SPARE, .department = "客服部", .custodian = "李娜"};
    int64_t id = 0;
    return fd_key_register(c->fx.desk, &c->fx.receptionist, &k, &id, err);
}

void key_in_store(fault_ctx *c)
{
    c->record = key_in_store_now(c, FD_KEY_PUBLIC);
}

/* The receptionist asks; nobody consents in place, so the loan waits (requested). */
fd_status request_key(fault_ctx *c, fd_error *err)
{
    fd_key_loan_new l = loan_of(&c->record);
    int64_t loan = 0;
    return fd_key_loan_request(c->fx.desk, &c->fx.receptionist, NULL, &l, &loan, err);
}

void loan_requested(fault_ctx *c)
{
    key_in_store(c);
    int64_t key = c->record;
    fd_key_loan_new l = loan_of(&key);
    PATH_OK(fd_key_loan_request(c->fx.desk, &c->fx.receptionist, NULL, &l, &c->record, &path_err));
}

fd_status approve_loan(fault_ctx *c, fd_error *err)
{
    return fd_key_loan_approve(c->fx.desk, &c->fx.duty_manager, NULL, c->record, "同意", err);
}

void loan_approved(fault_ctx *c)
{
    loan_requested(c);
    PATH_OK(fd_key_loan_approve(c->fx.desk, &c->fx.duty_manager, NULL, c->record, NULL, &path_err));
}

fd_status lend_keys(fault_ctx *c, fd_error *err)
{
    return fd_key_loan_lend(c->fx.desk, &c->fx.receptionist, c->record, err);
}

void loan_out(fault_ctx *c)
{
    loan_approved(c);
    PATH_OK(fd_key_loan_lend(c->fx.desk, &c->fx.receptionist, c->record, &path_err));
}

fd_status return_keys(fault_ctx *c, fd_error *err)
{
    return fd_key_loan_return(c->fx.desk, &c->fx.receptionist, c->record, "王师傅", NULL, err);
}

/* One emergency loan of the owner's spare key, consented in place; every attempt
 * records one more call to the owner. */
void emergency_loan(fault_ctx *c)
{
    if (c->record)
        return;
    int64_t key = key_in_store_now(c, FD_KEY_SPARE);
    fd_key_loan_new l = loan_of(&key);
    l.emergency = true;
    l.note = "A-1203 跑水，楼下渗漏";
    PATH_OK(fd_key_loan_request(c->fx.desk, &c->fx.receptionist, &c->fx.duty_manager, &l,
                                &c->record, &path_err));
}

fd_status notify_for_emergency(fault_ctx *c, fd_error *err)
{
    fd_key_notice_new n = {.unit_id = c->owner_unit, .target = FD_DIR_OCCUPANT,
                           .target_id = c->owner, .outcome = FD_KEY_OUTCOME_NO_ANSWER,
                           .note = "无人接听"};
    return fd_key_loan_notify(c->fx.desk, &c->fx.receptionist, c->record, &n, err);
}
