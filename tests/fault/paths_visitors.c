/* The visitor log's write paths: register, admit, refuse, sign out, correct, purge. */
#include <stdio.h>

#include "frontdesk/visitors.h"
#include "procedure_paths.h"
#include "visitor_sample.h"

enum { DAY = 86400 };

/* 张三 visiting 王建国 in A-1203, as the desk types it. */
static fd_visit_form visitor_form(const fault_ctx *c)
{
    fd_visit_form f = visitor_sample();
    f.unit_id = c->owner_unit;
    f.visitee_name = "王建国";
    return f;
}

static int64_t registered_visit(fault_ctx *c)
{
    fd_visit_form f = visitor_form(c);
    int64_t id = 0;
    PATH_OK(fd_visit_register(c->fx.desk, &c->fx.receptionist, NULL, &f, &id, &path_err));
    return id;
}

fd_status register_visitor(fault_ctx *c, fd_error *err)
{
    fd_visit_form f = visitor_form(c);
    int64_t id = 0;
    return fd_visit_register(c->fx.desk, &c->fx.receptionist, NULL, &f, &id, err);
}

void visitor_waiting(fault_ctx *c)
{
    c->record = registered_visit(c);
}

fd_status admit_visitor(fault_ctx *c, fd_error *err)
{
    fd_visit_slip slip;
    return fd_visit_admit(c->fx.desk, &c->fx.receptionist, NULL, c->record, &slip, err);
}

fd_status refuse_visitor(fault_ctx *c, fd_error *err)
{
    return fd_visit_refuse(c->fx.desk, &c->fx.receptionist, NULL, c->record, "业主不在家，电话无人接听",
                           err);
}

void visitor_inside(fault_ctx *c)
{
    visitor_waiting(c);
    fd_visit_slip slip;
    PATH_OK(fd_visit_admit(c->fx.desk, &c->fx.receptionist, NULL, c->record, &slip, &path_err));
}

fd_status sign_visitor_out(fault_ctx *c, fd_error *err)
{
    return fd_visit_sign_out(c->fx.desk, &c->fx.receptionist, c->record, true, 0, err);
}

/* One visit, corrected again and again, each time to a new number. */
void visitor_to_correct(fault_ctx *c)
{
    c->serial++;
    if (!c->record)
        c->record = registered_visit(c);
}

fd_status correct_visitor(fault_ctx *c, fd_error *err)
{
    char phone[16];
    snprintf(phone, sizeof phone, "139%08d", c->serial);
    return fd_visit_correct(c->fx.desk, &c->fx.receptionist, c->record, FD_VISIT_FIELD_PHONE, phone,
                            "登记时电话号码写错", err);
}

/* A visit registered before the retention period, so each purge clears a document
 * (an UPDATE of a record row) besides recording its own run. */
void visitor_past_retention(fault_ctx *c)
{
    fd_time today = c->fx.now;
    c->fx.now -= (fd_time)(c->fx.config.retention_days + 2) * DAY;
    registered_visit(c);
    c->fx.now = today;
}

fd_status purge_visitors(fault_ctx *c, fd_error *err)
{
    int64_t cleared = 0;
    fd_status s = fd_visits_purge(c->fx.desk, &c->cs_manager, &cleared, err);
    /* The retry after a failure must find the document still there to clear. */
    ck_assert_msg(s != FD_OK || cleared == 1, "the purge cleared %lld documents, not 1",
                  (long long)cleared);
    return s;
}
