/* Notices' write paths: a draft whose early start a manager allows (the notice, its
 * event and the override in one transaction), the signature, the delivery to two units
 * (an event and a row for each) and the taking down. Each attempt takes a notice of its
 * own up to the step before the one under test. */
#include "frontdesk/notices.h"
#include "procedure_paths.h"

enum { HOUR = 3600 };

/* Works on Tuesday, announced on Friday: one working day short of the notice period. */
static fd_notice_draft water_cut(const fd_notice_override *o)
{
    fd_time start = fd_time_from_local(2026, 12, 1, 9, 0, 0);
    return (fd_notice_draft){
        .kind = FD_NOTICE_WORKS, .title = "停水通知", .place = "A座", .body = "水泵检修，请提前储水。",
        .starts_at = start, .ends_at = start + 4 * HOUR, .override = o,
    };
}

fd_status draft_early_notice(fault_ctx *c, fd_error *err)
{
    fd_notice_override o = {&c->fx.duty_manager, "水泵漏水须尽快检修"};
    fd_notice_draft in = water_cut(&o);
    int64_t id = 0;
    return fd_notice_write_draft(c->fx.desk, &c->fx.receptionist, &in, &id, err);
}

void notice_drafted(fault_ctx *c)
{
    fd_notice_override o = {&c->fx.duty_manager, "水泵漏水须尽快检修"};
    fd_notice_draft in = water_cut(&o);
    PATH_OK(fd_notice_write_draft(c->fx.desk, &c->fx.receptionist, &in, &c->record, &path_err));
}

fd_status sign_notice(fault_ctx *c, fd_error *err)
{
    return fd_notice_approve(c->fx.desk, &c->fx.receptionist, &c->cs_manager, c->record, err);
}

void notice_issued(fault_ctx *c)
{
    notice_drafted(c);
    PATH_OK(sign_notice(c, &path_err));
    PATH_OK(fd_notice_issue(c->fx.desk, &c->fx.receptionist, c->record, NULL, &path_err));
}

fd_status deliver_notice(fault_ctx *c, fd_error *err)
{
    const char *units[] = {"A-1203", "A-1204"};
    return fd_notice_deliver(c->fx.desk, &c->fx.receptionist, c->record, units, 2, 0, err);
}

void notice_posted(fault_ctx *c)
{
    notice_issued(c);
    PATH_OK(fd_notice_post(c->fx.desk, &c->fx.receptionist, c->record, &path_err));
}

fd_status take_notice_down(fault_ctx *c, fd_error *err)
{
    return fd_notice_take_down(c->fx.desk, &c->fx.receptionist, c->record, err);
}
