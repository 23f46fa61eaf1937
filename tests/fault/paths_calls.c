/* The register's write paths: a call taken in (the entry, its event, its answer and
 * referral in one transaction), the repair handed to engineering (the entry's event,
 * the request and its own event) and engineering's report (its event and row). Each
 * attempt takes an entry of its own up to the step before the one under test. */
#include "frontdesk/calls.h"
#include "procedure_paths.h"

/* A leak in A-1203, referred to engineering at once and left open. */
static fd_call_intake leak(void)
{
    return (fd_call_intake){
        .channel = FD_CALL_PHONE, .caller = "王建国", .unit = "A-1203", .phone = "13800138000",
        .matter = FD_MATTER_REPAIR, .question = "卫生间水管漏水", .answer = "工程部马上派人。",
        .department = "工程部", .person = "王工",
    };
}

fd_status take_call(fault_ctx *c, fd_error *err)
{
    fd_call_intake in = leak();
    int64_t id = 0;
    return fd_call_take(c->fx.desk, &c->fx.receptionist, &in, &id, err);
}

void call_taken(fault_ctx *c)
{
    fd_call_intake in = leak();
    PATH_OK(fd_call_take(c->fx.desk, &c->fx.receptionist, &in, &c->record, &path_err));
}

fd_status hand_repair(fault_ctx *c, fd_error *err)
{
    fd_repair_handover h = {"更换水管接头", "工程部", "王工"};
    return fd_call_to_repair(c->fx.desk, &c->fx.receptionist, c->record, &h, NULL, err);
}

void repair_handed(fault_ctx *c)
{
    call_taken(c);
    fd_repair_handover h = {"更换水管接头", "工程部", "王工"};
    PATH_OK(fd_call_to_repair(c->fx.desk, &c->fx.receptionist, c->record, &h, &c->record, &path_err));
}

fd_status report_repair_done(fault_ctx *c, fd_error *err)
{
    return fd_repair_done(c->fx.desk, &c->fx.receptionist, c->record, "王工", 0, "换了接头，试水正常。", err);
}
