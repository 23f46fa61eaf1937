/* The demo's week of notices, written through the notices' own operations under a clock
 * that walks through the past week, so the audit chain is the real one. The works'
 * starts are counted from the notice period the core gives for the day they were
 * drafted, so the week keeps the rule whatever day the demo is made on. */
#include <stdio.h>

#include "frontdesk/demo.h"
#include "frontdesk/notices.h"

enum { STORIES = 6, HOUR = 3600, MINUTE = 60 };

typedef enum op { DRAFT, EMERGENCY, APPROVE, ISSUE, POST, DELIVER, TAKE_DOWN, CORRECT } op;
typedef enum role { DESK, ASSISTANT, DUTY, CS } role;

/* When the event starts: hours after the earliest start the notice period allows
 * (works), or after the beat itself (other notices). */
typedef struct beat {
    int days_ago, hour, minute;
    int story;
    op op;
    role by;
    /* DRAFT, EMERGENCY: kind, title, place, body, start (hours after), length (hours),
     * override (reason; NULL: none, by the duty manager). APPROVE, EMERGENCY: signer.
     * DELIVER: units. CORRECT: field, value, reason. */
    fd_notice_kind kind;
    const char *title, *place, *body;
    int start_hours, hours;
    const char *override;
    role signer;
    const char *units[4];
    fd_notice_field field;
    const char *value, *reason;
} beat;

#define AT(d, h, m, s, o, r) .days_ago = d, .hour = h, .minute = m, .story = s, .op = o, .by = r
static const beat week[] = {
    {AT(6, 9, 30, 0, DRAFT, DESK), .kind = FD_NOTICE_WORKS, .title = "二次供水水箱清洗停水通知",
     .place = "A座全楼", .body = "因二次供水水箱清洗，届时A座停水四小时，请各位业主提前储水。",
     .start_hours = 9, .hours = 4},
    {AT(6, 11, 0, 0, APPROVE, DESK), .signer = CS},
    {AT(6, 14, 0, 0, ISSUE, DESK)},
    {AT(6, 14, 10, 0, POST, DESK)},
    {AT(6, 15, 0, 0, DELIVER, ASSISTANT), .units = {"A-101", "A-102", "A-103", "A-104"}},
    {AT(4, 10, 0, 1, DRAFT, DESK), .kind = FD_NOTICE_GENERAL, .title = "电梯年检通知", .place = "B座1号梯",
     .body = "B座1号电梯年检，检验期间暂停使用，请改乘2号梯。", .start_hours = 47, .hours = 8},
    {AT(4, 11, 30, 1, APPROVE, DESK), .signer = CS},
    {AT(4, 14, 0, 1, ISSUE, DESK)},
    {AT(4, 14, 5, 1, POST, DESK)},
    {AT(3, 21, 0, 2, EMERGENCY, DUTY), .kind = FD_NOTICE_EMERGENCY, .title = "紧急停电通知",
     .place = "C座", .body = "供电局线路故障，C座临时停电，抢修完成后恢复供电。", .start_hours = 0,
     .hours = 3, .signer = DUTY},
    {AT(2, 8, 20, 2, TAKE_DOWN, DESK)},
    {AT(2, 18, 30, 1, TAKE_DOWN, DESK)},
    {AT(1, 10, 0, 3, DRAFT, DESK), .kind = FD_NOTICE_WORKS, .title = "外墙清洗通知", .place = "T座",
     .body = "T座外墙清洗，吊篮作业期间请关闭窗户，勿在楼下停留。", .start_hours = 8, .hours = 9},
    {AT(1, 11, 0, 3, APPROVE, DESK), .signer = CS},
    {AT(1, 11, 40, 3, CORRECT, CS), .field = FD_NOTICE_FIELD_PLACE, .value = "T座及裙楼",
     .reason = "裙楼同期清洗"},
    {AT(1, 14, 0, 3, ISSUE, DESK)},
    {AT(1, 14, 10, 3, POST, DESK)},
    {AT(1, 16, 0, 4, DRAFT, ASSISTANT), .kind = FD_NOTICE_GENERAL, .title = "消防演习通知",
     .place = "全小区", .body = "小区将举行消防演习，届时警铃鸣响，请勿惊慌，听从工作人员指引。",
     .start_hours = 5 * 24 - 6, .hours = 2},
    {AT(0, 9, 0, 5, DRAFT, DESK), .kind = FD_NOTICE_WORKS, .title = "燃气管道检测通知",
     .place = "A座1至6层", .body = "燃气公司上门检测管道，请家中留人配合。", .start_hours = -15,
     .hours = 6, .override = "燃气公司只能安排在这一天"},
};
#undef AT

static const fd_actor *actor(const fd_demo_cast *cast, role r)
{
    switch (r) {
    case ASSISTANT: return &cast->assistant;
    case DUTY: return &cast->duty_manager;
    case CS: return &cast->cs_manager;
    default: return &cast->receptionist;
    }
}

static fd_status draft(fd_desk *d, const fd_demo_cast *cast, const beat *b, int64_t *id, fd_error *err)
{
    fd_time now = fd_desk_now(d);
    fd_time from = b->kind == FD_NOTICE_WORKS ? fd_notice_earliest_start(d->config, now) : now;
    fd_notice_override o = {&cast->duty_manager, b->override};
    fd_notice_draft in = {
        .kind = b->kind, .title = b->title, .place = b->place, .body = b->body,
        .starts_at = from + b->start_hours * HOUR,
        .ends_at = from + (b->start_hours + b->hours) * HOUR,
        .override = b->override ? &o : NULL,
    };
    if (b->op == EMERGENCY)
        return fd_notice_post_emergency(d, actor(cast, b->by), actor(cast, b->signer), &in, id, err);
    return fd_notice_write_draft(d, actor(cast, b->by), &in, id, err);
}

static fd_status run_beat(fd_desk *d, const fd_demo_cast *cast, const beat *b, int64_t ids[],
                          fd_error *err)
{
    const fd_actor *who = actor(cast, b->by);
    int64_t id = ids[b->story];
    size_t units = 0;
    switch (b->op) {
    case DRAFT:
    case EMERGENCY: return draft(d, cast, b, &ids[b->story], err);
    case APPROVE: return fd_notice_approve(d, who, actor(cast, b->signer), id, err);
    case ISSUE: return fd_notice_issue(d, who, id, NULL, err);
    case POST: return fd_notice_post(d, who, id, err);
    case DELIVER:
        while (units < sizeof b->units / sizeof b->units[0] && b->units[units])
            units++;
        return fd_notice_deliver(d, who, id, b->units, units, 0, err);
    case TAKE_DOWN: return fd_notice_take_down(d, who, id, err);
    case CORRECT: return fd_notice_correct(d, who, id, b->field, b->value, b->reason, err);
    }
    return FD_OK;
}

fd_status fd_demo_notices(fd_desk *d, const fd_demo_cast *cast, fd_error *err)
{
    fd_time now = fd_desk_now(d);
    fd_date today = fd_date_of(now);
    fd_time clock;
    int64_t ids[STORIES] = {0};
    fd_clock saved = d->clock;
    d->clock = fd_clock_fixed(&clock);
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < sizeof week / sizeof week[0]; i++) {
        const beat *b = &week[i];
        clock = fd_date_start(today - b->days_ago) + b->hour * HOUR + b->minute * MINUTE;
        if (clock > now)
            continue; /* this morning's notices still to come */
        s = run_beat(d, cast, b, ids, err);
    }
    d->clock = saved;
    return s;
}
