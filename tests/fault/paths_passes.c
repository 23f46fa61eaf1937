/* Carry-out and carry-in passes' write paths: a company's letter of authority filed (it
 * replaces the seal on file, with the reason), a pass out issued under the seal with its
 * goods, and the steps at the door — let through, stopped, voided. Each step takes a
 * pass of its own, issued for a window that holds the desk's now. */
#include "frontdesk/passes.h"
#include "procedure_paths.h"

static const fd_pass_item_input goods[] = {{"台式电脑", 2, "台"}, {"显示器", 2, "台"}};

/* 09:00–12:00: the fixture's desk reads 10:00. */
static fd_pass_input moving_out(const fault_ctx *c)
{
    return (fd_pass_input){
        .direction = FD_PASS_OUT, .company_id = c->company, .carrier = "王师傅",
        .doc_type = FD_DOC_RESIDENT_ID, .doc_number = "11010519491231002X",
        .window_from = 9 * 60, .window_to = 12 * 60, .sealed = true,
        .items = goods, .item_count = 2,
    };
}

fd_status file_letter(fault_ctx *c, fd_error *err)
{
    fd_pass_authority_input in = {c->company, FD_AUTHORITY_LETTER, "刘洋",
                                  fd_date_of(c->fx.now) + 30, "驻京办事处无公章，改为授权书"};
    return fd_pass_authority_file(c->fx.desk, &c->fx.duty_manager, &in, NULL, err);
}

fd_status issue_carry_pass(fault_ctx *c, fd_error *err)
{
    fd_pass_input in = moving_out(c);
    return fd_pass_issue(c->fx.desk, &c->fx.receptionist, &in, NULL, NULL, err);
}

void carry_pass_issued(fault_ctx *c)
{
    fd_pass_input in = moving_out(c);
    PATH_OK(fd_pass_issue(c->fx.desk, &c->fx.receptionist, &in, &c->record, NULL, &path_err));
}

fd_status confirm_pass(fault_ctx *c, fd_error *err)
{
    return fd_pass_confirm(c->fx.desk, &c->fx.receptionist, c->record, err);
}

fd_status refuse_pass(fault_ctx *c, fd_error *err)
{
    return fd_pass_refuse(c->fx.desk, &c->fx.receptionist, c->record, FD_HAZARD_FLAMMABLE,
                          "纸箱内有稀释剂", err);
}

fd_status void_pass(fault_ctx *c, fd_error *err)
{
    return fd_pass_void(c->fx.desk, &c->fx.receptionist, c->record, "数量填错，重开", err);
}
