/* Notices of the benchmark's building: drafted at the desk, signed by the
 * customer-service manager within hours, issued and posted, handed to a few units now
 * and then, taken down within two days of the event's end (a few forgotten on the
 * board); an emergency notice now and then, posted at once by the duty manager. Works
 * start after the notice period the core counts, with days to spare for the signature. */
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/notices.h"
#include "gen_internal.h"

typedef enum step { DRAFT, APPROVE, ISSUE, POST, DELIVER, TAKE_DOWN } step;

typedef struct notice_slot {
    int64_t id;
    uint8_t kind;
    bool deliver;
    fd_time ends_at;
} notice_slot;

struct gen_notices {
    notice_slot *items;
    gen_slots slots;
};

static const struct {
    const char *title, *body;
} works[] = {
    {"二次供水水箱清洗停水通知", "因二次供水水箱清洗，届时停水四小时，请提前储水。"},
    {"电梯维修保养通知", "电梯维修保养期间暂停使用，请改乘其他电梯。"},
    {"外墙清洗通知", "吊篮作业期间请关闭窗户，勿在楼下停留。"},
    {"燃气管道检测通知", "燃气公司上门检测管道，请家中留人配合。"},
    {"消防设施检测通知", "检测期间警铃可能鸣响，请勿惊慌。"},
};
static const struct {
    const char *title, *body;
} general[] = {
    {"消防演习通知", "小区将举行消防演习，请听从工作人员指引。"},
    {"物业费缴纳通知", "请于月底前缴纳本季度物业管理费。"},
    {"文明养犬倡议", "遛狗请牵绳，及时清理宠物粪便。"},
};
static const char *const places[] = {"A座全楼", "B座", "C座1至6层", "T座及裙楼", "全小区", "地下车库"};
static const char *const units[] = {"A-101", "A-102", "A-103", "A-104", "A-201", "A-202"};

fd_status gen_notices_start(gen *g, fd_error *err)
{
    (void)err;
    g->notices = fd_alloc(sizeof *g->notices);
    return FD_OK;
}

void gen_notices_free(gen *g)
{
    if (!g->notices)
        return;
    free(g->notices->items);
    gen_slots_free(&g->notices->slots);
    FD_FREE(g->notices);
}

static void follow(gen *g, uint32_t slot, fd_time at, step next)
{
    if (!gen_plan(g, gen_office_hours(g, at), PROC_NOTICES, next, slot))
        gen_slot_give(&g->notices->slots, slot);
}

void gen_notices_plan_day(gen *g, fd_date day, int64_t count)
{
    gen_notices *n = g->notices;
    for (int64_t i = 0; i < count; i++) {
        uint32_t slot = gen_slot_take(&n->slots, (void **)&n->items, sizeof *n->items);
        uint32_t roll = gen_below(&g->rng, 100);
        n->items[slot] = (notice_slot){
            .kind = (uint8_t)(roll < 60 ? FD_NOTICE_WORKS : roll < 95 ? FD_NOTICE_GENERAL : FD_NOTICE_EMERGENCY),
            .deliver = gen_chance(&g->rng, 300),
        };
        if (!gen_plan(g, gen_between(g, day, 8 * 60 + 30, 18 * 60), PROC_NOTICES, DRAFT, slot))
            gen_slot_give(&n->slots, slot);
    }
}

static fd_status do_draft(gen *g, uint32_t slot, fd_error *err)
{
    notice_slot *it = &g->notices->items[slot];
    bool is_works = it->kind == FD_NOTICE_WORKS;
    uint32_t pick = gen_below(&g->rng, is_works ? COUNT(works) : COUNT(general));
    fd_time start = it->kind == FD_NOTICE_EMERGENCY ? g->clock
                    : is_works ? fd_notice_earliest_start(g->cfg, g->clock + 3 * DAY) + 9 * HOUR
                               : g->clock + (1 + gen_below(&g->rng, 5)) * DAY;
    it->ends_at = start + (2 + gen_below(&g->rng, 8)) * HOUR;
    fd_notice_draft in = {
        .kind = (fd_notice_kind)it->kind,
        .title = is_works ? works[pick].title : general[pick].title,
        .body = is_works ? works[pick].body : general[pick].body,
        .place = GEN_PICK(&g->rng, places),
        .starts_at = start,
        .ends_at = it->ends_at,
    };
    if (it->kind == FD_NOTICE_EMERGENCY) {
        in.title = "紧急停水通知";
        in.body = "主管爆裂，紧急停水抢修，恢复时间另行通知。";
        const fd_actor *manager = gen_manager(g, g->clock);
        fd_status s = fd_notice_post_emergency(g->d, manager, manager, &in, &it->id, err);
        if (s == FD_OK)
            follow(g, slot, it->ends_at + gen_below(&g->rng, 2 * DAY), TAKE_DOWN);
        return s;
    }
    fd_status s = fd_notice_write_draft(g->d, gen_desk(g, g->clock), &in, &it->id, err);
    if (s == FD_OK)
        follow(g, slot, g->clock + HOUR + gen_below(&g->rng, 4 * HOUR), APPROVE);
    return s;
}

static fd_status do_step(gen *g, uint32_t slot, step st, fd_error *err)
{
    notice_slot *it = &g->notices->items[slot];
    const fd_actor *desk = gen_desk(g, g->clock);
    fd_status s;
    switch (st) {
    case APPROVE:
        s = fd_notice_approve(g->d, desk, &g->cast.cs_manager, it->id, err);
        if (s == FD_OK)
            follow(g, slot, g->clock + 30 * MINUTE, ISSUE);
        return s;
    case ISSUE:
        s = fd_notice_issue(g->d, desk, it->id, NULL, err);
        if (s == FD_OK)
            follow(g, slot, g->clock + 10 * MINUTE, POST);
        return s;
    case POST:
        s = fd_notice_post(g->d, desk, it->id, err);
        if (s == FD_OK)
            follow(g, slot, it->deliver ? g->clock + HOUR : it->ends_at + gen_below(&g->rng, 2 * DAY),
                   it->deliver ? DELIVER : TAKE_DOWN);
        return s;
    case DELIVER: {
        const char *to[3] = {units[slot % 4], units[slot % 4 + 1], units[slot % 4 + 2]};
        s = fd_notice_deliver(g->d, &g->cast.assistant, it->id, to, 3, 0, err);
        if (s == FD_OK)
            follow(g, slot, it->ends_at + gen_below(&g->rng, 2 * DAY), TAKE_DOWN);
        return s;
    }
    case TAKE_DOWN:
        /* Three in a hundred are forgotten on the board. */
        s = gen_chance(&g->rng, 30) ? FD_OK : fd_notice_take_down(g->d, desk, it->id, err);
        gen_slot_give(&g->notices->slots, slot);
        return s;
    case DRAFT:
        break;
    }
    return do_draft(g, slot, err);
}

fd_status gen_notices_play(gen *g, const gen_action *a, fd_error *err)
{
    return do_step(g, a->slot, (step)GEN_STEP_OF(a->kind), err);
}
