/* The demo's weeks of renovations, written through the procedure's operations under a
 * clock that walks through the past, so the audit chain is the real one. Three files:
 * C-1202, opened 50 days ago and extended before its term ended, with a pass coming due,
 * one overdue within its three days of grace and one past them (its deposit forfeited),
 * a pass returned, hot work approved and its site cleared, yesterday's tools carried out
 * and this morning's brought in; B-803, ten days in, a new worker's pass three days ago,
 * its crew's tools in this morning; A-1504, completed three days ago with its deposit
 * refunded. */
#include <stdio.h>

#include "frontdesk/demo.h"
#include "frontdesk/works.h"

typedef struct scene {
    fd_desk *d;
    const fd_demo_cast *cast;
    fd_date today;
    fd_time now, clock;
    fd_error *err;
} scene;

/* The clock at that moment; false when it is still to come (the demo made early). */
static bool at(scene *s, int days_ago, int hour, int minute)
{
    s->clock = fd_date_start(s->today - days_ago) + hour * 3600 + minute * 60;
    return s->clock <= s->now;
}

static fd_status open_file(scene *s, const char *unit, const char *owner, const char *contractor,
                           const char *manager, const char *receipt, int64_t *id)
{
    fd_renovation_intake in = {.unit = unit, .owner = owner, .contractor = contractor,
                               .site_manager = manager, .deposit = 20000, .deposit_receipt = receipt};
    return fd_renovation_open(s->d, &s->cast->receptionist, &in, id, s->err);
}

static fd_status issue(scene *s, int64_t file, const char *worker, const char *doc,
                       fd_work_signer signer, const char *name, fd_date until, const char *receipt,
                       int64_t *id)
{
    fd_work_pass_intake in = {.renovation_id = file, .worker = worker, .doc_type = FD_DOC_RESIDENT_ID,
                              .doc_number = doc, .signer_role = signer, .signer = name,
                              .valid_until = until, .receipt = receipt};
    return fd_work_pass_issue(s->d, &s->cast->assistant, &in, id, s->err);
}

static fd_status give_back(scene *s, int64_t pass, const char *refund_receipt)
{
    fd_work_pass_return in = {.pass_back = true, .receipt_shown = true, .refund_receipt = refund_receipt};
    return fd_work_pass_end(s->d, &s->cast->receptionist, pass, &in, NULL, s->err);
}

static fd_status hot_work(scene *s, int64_t file, int64_t *id)
{
    fd_hot_work_intake in = {.renovation_id = file, .welder = "陈建国", .certificate = "T320102198801",
                             .work = "厨房燃气管道改线电焊", .starts_at = s->clock + 1800,
                             .ends_at = s->clock + 3 * 3600};
    return fd_hot_work_approve(s->d, &s->cast->receptionist, &s->cast->duty_manager, &in, id, s->err);
}

/* C-1202: the busy one. */
static fd_status c1202(scene *s)
{
    int64_t file = 0, lee = 0, zhao = 0, sun = 0, zhou = 0, permit = 0, tools = 0;
    const fd_actor *desk = &s->cast->receptionist;
    fd_date start = s->today - 50;
    fd_status st;
    at(s, 50, 9, 30);
    if ((st = open_file(s, "C-1202", "韩梅", "东方装饰工程有限公司", "王强", "YJ-20261008", &file)) != FD_OK ||
        (st = issue(s, file, "李四", "11010519491231002X", FD_SIGNER_SITE_MANAGER, "王强", start + 44,
                    "GZ-0311", &lee)) != FD_OK ||
        (st = issue(s, file, "赵五", "440106198202020037", FD_SIGNER_SITE_MANAGER, "王强", start + 44,
                    "GZ-0312", &zhao)) != FD_OK ||
        (st = issue(s, file, "孙六", "320102197505050017", FD_SIGNER_OWNER, "韩梅", start + 44,
                    "GZ-0313", &sun)) != FD_OK ||
        (st = issue(s, file, "周七", "310104199010100019", FD_SIGNER_SITE_MANAGER, "王强", start + 20,
                    "GZ-0314", &zhou)) != FD_OK)
        return st;
    at(s, 32, 16, 40);
    if ((st = give_back(s, zhou, "TK-0098")) != FD_OK)
        return st;
    at(s, 8, 10, 15);
    if ((st = fd_renovation_extend(s->d, desk, file, s->today + 4,
                                   "延期申请 2026-0451：水电改造返工，申请延期至完工", s->err)) != FD_OK ||
        (st = fd_work_pass_renew(s->d, desk, lee, s->today + 3, s->err)) != FD_OK ||
        (st = fd_work_pass_renew(s->d, desk, zhao, s->today - 2, s->err)) != FD_OK)
        return st;
    at(s, 3, 13, 30);
    if ((st = hot_work(s, file, &permit)) != FD_OK)
        return st;
    at(s, 3, 17, 5);
    if ((st = fd_hot_work_clear(s->d, desk, permit, s->err)) != FD_OK)
        return st;
    at(s, 1, 8, 5);
    if ((st = fd_tools_register(s->d, desk, file, lee, "电钻 1台\n切割机 1台", &tools, s->err)) != FD_OK)
        return st;
    at(s, 1, 17, 40);
    if ((st = fd_tools_check_out(s->d, desk, tools, true, NULL, s->err)) != FD_OK)
        return st;
    if (at(s, 0, 8, 5))
        st = fd_tools_register(s->d, desk, file, lee, "电钻 1台\n冲击钻 1台\n水平仪 1个", NULL, s->err);
    return st;
}

/* B-803: ten days in. */
static fd_status b803(scene *s)
{
    int64_t file = 0;
    fd_status st;
    at(s, 10, 14, 0);
    if ((st = open_file(s, "B-803", "钱红", "安居家装有限公司", "刘刚", "YJ-20261117", &file)) != FD_OK ||
        (st = issue(s, file, "钱八", "110101198807070012", FD_SIGNER_SITE_MANAGER, "刘刚", 0, "GZ-0402",
                    NULL)) != FD_OK)
        return st;
    /* A new worker, his pass applied for by the site manager (一.15). */
    at(s, 3, 9, 10);
    if ((st = issue(s, file, "冯九", "11010519491231002X", FD_SIGNER_SITE_MANAGER, "刘刚", 0, "GZ-0417",
                    NULL)) != FD_OK)
        return st;
    if (at(s, 0, 8, 20))
        st = fd_tools_register(s->d, &s->cast->receptionist, file, 0, "人字梯 2把\n乳胶漆 3桶", NULL,
                               s->err);
    return st;
}

/* A-1504: done. */
static fd_status a1504(scene *s)
{
    int64_t file = 0, pass = 0;
    fd_status st;
    at(s, 48, 9, 0);
    if ((st = open_file(s, "A-1504", "郑洁", "东方装饰工程有限公司", "王强", "YJ-20261010", &file)) != FD_OK ||
        (st = issue(s, file, "吴九", "110102197001010012", FD_SIGNER_OWNER, "郑洁", 0, "GZ-0320",
                    &pass)) != FD_OK)
        return st;
    at(s, 3, 15, 0);
    if ((st = give_back(s, pass, "TK-0131")) != FD_OK)
        return st;
    return fd_renovation_complete(s->d, &s->cast->receptionist, &s->cast->duty_manager, file, 20000,
                                  "TK-0132", s->err);
}

fd_status fd_demo_works(fd_desk *d, const fd_demo_cast *cast, fd_error *err)
{
    scene s = {d, cast, fd_date_of(fd_desk_now(d)), fd_desk_now(d), 0, err};
    fd_clock saved = d->clock;
    d->clock = fd_clock_fixed(&s.clock);
    fd_status st = c1202(&s);
    if (st == FD_OK)
        st = b803(&s);
    if (st == FD_OK)
        st = a1504(&s);
    d->clock = saved;
    return st;
}
