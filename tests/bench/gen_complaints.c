/* Complaints of the benchmark's building: taken at the desk through the day, assigned
 * within the hour, rectified within their deadline (a few late, overdue meanwhile),
 * visited days later and closed; a dissatisfied customer reopens one now and then;
 * survey opinions and paid special services follow their own flows. */
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/complaints.h"
#include "gen_internal.h"

typedef enum step { RECEIVE, ASSIGN, RECTIFY, VISIT, CLOSE } step;

typedef struct complaint_slot {
    int64_t id;
    uint8_t sort, severity;
    bool reopened;
    char phone[16];
} complaint_slot;

struct gen_complaints {
    complaint_slot *items;
    gen_slots slots;
};

static const char *const contents[] = {
    "电梯运行时有异响，轿厢明显晃动，老人孩子不敢乘坐。\n请尽快检修。",
    "卫生间水管渗水，楼下天花板出现水渍。",
    "楼上晚上九点以后还在装修打钻，影响休息。",
    "地下车库有外来车辆连续两天占用固定车位。",
    "前台代收的快递三天没有通知，包裹被直接放在家门口。",
    "保洁员清理楼道不及时，垃圾桶满溢有异味。",
    "小区中心绿地杂草较多，喷灌经常漏水。",
    "单元门禁刷卡失灵，多次报修未解决。",
    "大堂空调温度过低，前台答复不耐烦。",
    "搬家时保安不认可业主手写的放行条，耽误了一个小时。",
    "夜间园区路灯不亮，出行不便存在安全隐患。",
    "邻居在公共走廊堆放杂物，影响消防通道。",
    "物业费账单与实际面积不符，要求核对。",
    "宠物粪便无人清理，要求加强管理。",
};
static const char *const measures[] = {
    "更换导靴衬，调整对重平衡，试运行三十次", "更换漏水阀门并修补天花板",
    "向装修户重申施工时间，夜间加强巡查", "在车位加装地锁，通知车主挪车",
    "代收快递当日短信通知，前台每日两次电话提醒", "增加保洁频次，每日两次清运",
    "更换门禁读卡器，重新发卡", "调整空调设定温度，前台员工培训服务礼仪",
};
static const char *const results[] = {"已处理完毕", "运行正常", "业主已确认", "问题已解决"};
static const char *const doers[] = {"工程部 王建国", "保安部 赵刚", "保洁部 孙师傅", "客服部 李娜",
                                    "绿化部 周师傅"};

fd_status gen_complaints_start(gen *g, fd_error *err)
{
    (void)err;
    g->complaints = fd_alloc(sizeof *g->complaints);
    return FD_OK;
}

void gen_complaints_free(gen *g)
{
    if (!g->complaints)
        return;
    free(g->complaints->items);
    gen_slots_free(&g->complaints->slots);
    FD_FREE(g->complaints);
}

static void follow(gen *g, uint32_t slot, fd_time at, step next)
{
    if (!gen_plan(g, gen_office_hours(g, at), PROC_COMPLAINTS, next, slot))
        gen_slot_give(&g->complaints->slots, slot);
}

void gen_complaints_plan_day(gen *g, fd_date day, int64_t count)
{
    gen_complaints *c = g->complaints;
    for (int64_t i = 0; i < count; i++) {
        uint32_t slot = gen_slot_take(&c->slots, (void **)&c->items, sizeof *c->items);
        uint32_t roll = gen_below(&g->rng, 100);
        complaint_slot *it = &c->items[slot];
        *it = (complaint_slot){
            .sort = (uint8_t)(roll < 80 ? FD_SORT_COMPLAINT : roll < 92 ? FD_SORT_SURVEY : FD_SORT_SPECIAL),
            .severity = (uint8_t)(gen_chance(&g->rng, 150) ? FD_SEVERITY_MAJOR : FD_SEVERITY_GENERAL),
        };
        gen_mobile_from(gen_next(&g->rng), it->phone);
        if (!gen_plan(g, gen_between(g, day, 8 * 60 + 30, 19 * 60 + 30), PROC_COMPLAINTS, RECEIVE, slot))
            gen_slot_give(&c->slots, slot);
    }
}

/* When the rectification is done: within its deadline, except 4 in 100. */
static fd_time rectify_time(gen *g, const complaint_slot *it)
{
    fd_time t = g->clock;
    if (it->sort == FD_SORT_COMPLAINT && it->severity == FD_SEVERITY_MAJOR)
        t += 2 * HOUR + gen_below(&g->rng, 18 * HOUR);
    else
        t += DAY + gen_below(&g->rng, 2 * DAY);
    if (gen_chance(&g->rng, 40))
        t += 3 * DAY + gen_below(&g->rng, 5 * DAY);
    return t;
}

static fd_status do_receive(gen *g, uint32_t slot, fd_error *err)
{
    complaint_slot *it = &g->complaints->items[slot];
    const gen_occupant *o = &g->dir.occupants[gen_below(&g->rng, (uint32_t)g->dir.occupant_count)];
    const fd_string_list *departments = &g->cfg->departments;
    fd_complaint_intake in = {
        .sort = (fd_complaint_sort)it->sort,
        .occupant_id = o->id,
        .phone = it->phone,
        .channel = (fd_complaint_channel)gen_below(&g->rng, 4),
        .content = GEN_PICK(&g->rng, contents),
        .category = (fd_complaint_category)gen_below(&g->rng, 7),
        .severity = (fd_complaint_severity)it->severity,
        .department = it->sort == FD_SORT_SPECIAL
                          ? departments->items[gen_below(&g->rng, (uint32_t)departments->count)]
                          : NULL,
    };
    fd_status s = fd_complaint_receive(g->d, gen_desk(g, g->clock), &in, &it->id, err);
    if (s != FD_OK)
        return s;
    g->counts.complaints++;
    if (it->sort == FD_SORT_SPECIAL)
        follow(g, slot, g->clock + DAY + gen_below(&g->rng, 6 * DAY), VISIT);
    else
        follow(g, slot, g->clock + (10 + gen_below(&g->rng, 50)) * MINUTE, ASSIGN);
    return FD_OK;
}

static fd_status do_assign(gen *g, uint32_t slot, fd_error *err)
{
    const fd_string_list *departments = &g->cfg->departments;
    fd_status s = fd_complaint_assign(g->d, gen_desk(g, g->clock), g->complaints->items[slot].id,
                                      departments->items[gen_below(&g->rng, (uint32_t)departments->count)],
                                      NULL, err);
    if (s == FD_OK)
        follow(g, slot, rectify_time(g, &g->complaints->items[slot]), RECTIFY);
    return s;
}

static fd_status do_rectify(gen *g, uint32_t slot, fd_error *err)
{
    fd_complaint_rectification r = {GEN_PICK(&g->rng, measures), GEN_PICK(&g->rng, results),
                                    GEN_PICK(&g->rng, doers), 0};
    fd_status s = fd_complaint_rectify(g->d, gen_desk(g, g->clock), g->complaints->items[slot].id, &r, err);
    if (s == FD_OK)
        follow(g, slot, g->clock + DAY + gen_below(&g->rng, 4 * DAY), VISIT);
    return s;
}

/* One customer in twenty is dissatisfied the first time, and the complaint reopens. */
static fd_status do_visit(gen *g, uint32_t slot, fd_error *err)
{
    complaint_slot *it = &g->complaints->items[slot];
    bool by_phone = it->sort == FD_SORT_SPECIAL || gen_chance(&g->rng, 700);
    bool dissatisfied = it->sort != FD_SORT_SPECIAL && !it->reopened && gen_chance(&g->rng, 50);
    fd_complaint_visit v = {
        .method = by_phone ? FD_METHOD_PHONE : FD_METHOD_VISIT,
        .result = dissatisfied ? "业主对整改结果不满意，要求再次处理" : "业主对处理结果表示认可",
        .satisfaction = dissatisfied ? FD_SATISFACTION_DISSATISFIED
                        : gen_chance(&g->rng, 800) ? FD_SATISFACTION_SATISFIED : FD_SATISFACTION_BASICALLY,
        .ack = by_phone ? FD_ACK_PHONE : FD_ACK_SIGNED,
        .ack_phone = by_phone ? it->phone : NULL,
    };
    fd_status s = fd_complaint_visit_record(g->d, gen_desk(g, g->clock), it->id, &v, err);
    if (s != FD_OK)
        return s;
    it->reopened = it->reopened || dissatisfied;
    if (dissatisfied)
        follow(g, slot, g->clock + DAY + gen_below(&g->rng, DAY), RECTIFY);
    else
        follow(g, slot, g->clock + (10 + gen_below(&g->rng, 110)) * MINUTE, CLOSE);
    return FD_OK;
}

static fd_status do_close(gen *g, uint32_t slot, fd_error *err)
{
    fd_status s = fd_complaint_close(g->d, gen_desk(g, g->clock), g->complaints->items[slot].id, NULL, err);
    gen_slot_give(&g->complaints->slots, slot);
    return s;
}

fd_status gen_complaints_play(gen *g, const gen_action *a, fd_error *err)
{
    switch ((step)GEN_STEP_OF(a->kind)) {
    case RECEIVE: return do_receive(g, a->slot, err);
    case ASSIGN: return do_assign(g, a->slot, err);
    case RECTIFY: return do_rectify(g, a->slot, err);
    case VISIT: return do_visit(g, a->slot, err);
    case CLOSE: return do_close(g, a->slot, err);
    }
    return fd_fail(err, FD_USAGE, NULL, "unknown complaint step");
}
