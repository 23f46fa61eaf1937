/* Complaints' write paths: intake, assignment, rectification, a dissatisfied return
 * visit (which reopens the complaint) and closing. Each attempt takes a complaint of
 * its own up to the step before the one under test. */
#include "frontdesk/complaints.h"
#include "procedure_paths.h"

/* A general complaint by the owner of A-1203, from the directory. */
static fd_complaint_intake intake(const fault_ctx *c)
{
    return (fd_complaint_intake){
        .sort = FD_SORT_COMPLAINT, .occupant_id = c->owner, .unit_id = c->owner_unit,
        .channel = FD_CHANNEL_PHONE, .content = "电梯异响\n轿厢晃动",
        .category = FD_CATEGORY_FACILITIES, .severity = FD_SEVERITY_GENERAL,
    };
}

static fd_complaint_visit visit_with(fd_complaint_satisfaction satisfaction)
{
    return (fd_complaint_visit){0, FD_METHOD_PHONE, "业主确认", satisfaction, FD_ACK_PHONE,
                                "13800138000"};
}

static const fd_complaint_rectification rectification = {"更换导靴", "运行平稳", "工程部 王建国", 0};

fd_status receive_complaint(fault_ctx *c, fd_error *err)
{
    fd_complaint_intake in = intake(c);
    int64_t id = 0;
    return fd_complaint_receive(c->fx.desk, &c->fx.receptionist, &in, &id, err);
}

void complaint_received(fault_ctx *c)
{
    fd_complaint_intake in = intake(c);
    PATH_OK(fd_complaint_receive(c->fx.desk, &c->fx.receptionist, &in, &c->record, &path_err));
}

fd_status assign_complaint(fault_ctx *c, fd_error *err)
{
    return fd_complaint_assign(c->fx.desk, &c->fx.receptionist, c->record, "工程部", NULL, err);
}

void complaint_assigned(fault_ctx *c)
{
    complaint_received(c);
    PATH_OK(assign_complaint(c, &path_err));
}

fd_status rectify_complaint(fault_ctx *c, fd_error *err)
{
    return fd_complaint_rectify(c->fx.desk, &c->fx.receptionist, c->record, &rectification, err);
}

void complaint_rectified(fault_ctx *c)
{
    complaint_assigned(c);
    PATH_OK(rectify_complaint(c, &path_err));
}

fd_status visit_dissatisfied(fault_ctx *c, fd_error *err)
{
    fd_complaint_visit v = visit_with(FD_SATISFACTION_DISSATISFIED);
    return fd_complaint_visit_record(c->fx.desk, &c->fx.receptionist, c->record, &v, err);
}

void complaint_visited(fault_ctx *c)
{
    complaint_rectified(c);
    fd_complaint_visit v = visit_with(FD_SATISFACTION_SATISFIED);
    PATH_OK(fd_complaint_visit_record(c->fx.desk, &c->fx.receptionist, c->record, &v, &path_err));
}

fd_status close_complaint(fault_ctx *c, fd_error *err)
{
    return fd_complaint_close(c->fx.desk, &c->fx.receptionist, c->record, "业主满意，结案", err);
}
