/* Renovations' write paths: a file opened, a worker's pass issued (with its photo), a
 * pass taken back with its deposit refunded, hot work approved in place, tools carried
 * out, a file and a pass's document corrected. */
#include "frontdesk/works.h"
#include "procedure_paths.h"

/* A file for A-1203, its owner and site manager named as the passes' signers expect. */
static fd_renovation_intake file_form(void)
{
    return (fd_renovation_intake){.unit = "A-1203", .owner = "王建国", .contractor = "东方装饰工程有限公司",
                                  .site_manager = "王强", .deposit = 20000, .deposit_receipt = "YJ-0001"};
}

static fd_work_pass_intake pass_form(int64_t renovation_id)
{
    return (fd_work_pass_intake){.renovation_id = renovation_id, .worker = "李四",
                                 .doc_type = FD_DOC_RESIDENT_ID, .doc_number = "11010519491231002X",
                                 .signer_role = FD_SIGNER_SITE_MANAGER, .signer = "王强",
                                 .receipt = "GZ-0101", .photo = true};
}

fd_status open_renovation(fault_ctx *c, fd_error *err)
{
    fd_renovation_intake in = file_form();
    int64_t id = 0;
    return fd_renovation_open(c->fx.desk, &c->fx.receptionist, &in, &id, err);
}

void renovation_open(fault_ctx *c)
{
    fd_renovation_intake in = file_form();
    PATH_OK(fd_renovation_open(c->fx.desk, &c->fx.receptionist, &in, &c->record, &path_err));
}

fd_status issue_pass(fault_ctx *c, fd_error *err)
{
    fd_work_pass_intake in = pass_form(c->record);
    int64_t id = 0;
    return fd_work_pass_issue(c->fx.desk, &c->fx.receptionist, &in, &id, err);
}

void pass_issued(fault_ctx *c)
{
    renovation_open(c);
    fd_work_pass_intake in = pass_form(c->record);
    PATH_OK(fd_work_pass_issue(c->fx.desk, &c->fx.receptionist, &in, &c->record, &path_err));
}

fd_status take_pass_back(fault_ctx *c, fd_error *err)
{
    fd_work_pass_return back = {.pass_back = true, .receipt_shown = true, .refund_receipt = "TK-0001"};
    return fd_work_pass_end(c->fx.desk, &c->fx.receptionist, c->record, &back, NULL, err);
}

/* The receptionist records it; the duty manager approves in place. */
fd_status approve_hot_work(fault_ctx *c, fd_error *err)
{
    fd_time now = fd_desk_now(c->fx.desk);
    fd_hot_work_intake in = {.renovation_id = c->record, .welder = "陈建国",
                             .certificate = "T320102198801", .work = "卫生间水管电焊",
                             .starts_at = now + 3600, .ends_at = now + 3 * 3600};
    int64_t id = 0;
    return fd_hot_work_approve(c->fx.desk, &c->fx.receptionist, &c->fx.duty_manager, &in, &id, err);
}

void tools_in(fault_ctx *c)
{
    renovation_open(c);
    int64_t file = c->record;
    PATH_OK(fd_tools_register(c->fx.desk, &c->fx.receptionist, file, 0, "电钻 1台\n切割机 1台",
                              &c->record, &path_err));
}

fd_status carry_tools_out(fault_ctx *c, fd_error *err)
{
    return fd_tools_check_out(c->fx.desk, &c->fx.receptionist, c->record, false, "切割机留在现场", err);
}

/* The duty manager corrects the file's deposit receipt number (a manager's correction). */
fd_status correct_renovation(fault_ctx *c, fd_error *err)
{
    fd_works_correction in = {.field = FD_WORKS_FIELD_DEPOSIT_RECEIPT, .value = "YJ-0010",
                              .reason = "收据号抄错"};
    return fd_renovation_correct(c->fx.desk, &c->fx.duty_manager, c->record, &in, err);
}

/* The receptionist corrects the worker's document: a row of its own, committed to. */
fd_status correct_pass_document(fault_ctx *c, fd_error *err)
{
    fd_works_correction in = {.field = FD_WORKS_FIELD_DOCUMENT, .value = "110105198001010016",
                              .doc_type = FD_DOC_RESIDENT_ID, .reason = "证件号抄错"};
    return fd_work_pass_correct(c->fx.desk, &c->fx.receptionist, c->record, &in, err);
}
