/* The hotline and walk-in register of the benchmark's building: enquiries answered there
 * and then, most of the day's calls; the rest referred to a department, answered hours
 * later (a call back) and closed, some still open when history ends. */
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/calls.h"
#include "gen_internal.h"

typedef enum step { TAKE, ANSWER, CLOSE } step;

typedef struct call_slot {
    int64_t id;
} call_slot;

struct gen_calls {
    call_slot *items;
    gen_slots slots;
};

static const struct {
    fd_call_matter matter;
    const char *question, *answer;
} talks[] = {
    {FD_MATTER_ENQUIRY, "物业费可以用微信缴纳吗？", "可以，关注物业公众号后在线缴纳。"},
    {FD_MATTER_ENQUIRY, "下周一小区停水几个小时？", "周一9:00至13:00水箱清洗，请提前储水。"},
    {FD_MATTER_HELP, "快递柜打不开，能帮忙看看吗？", "已联系快递柜客服远程开箱。"},
    {FD_MATTER_REPAIR, "客厅顶灯不亮，开关没反应。", "工程部已上门更换开关。"},
    {FD_MATTER_REPAIR, "阳台地漏返水，已经流到客厅。", "工程部已疏通地漏。"},
    {FD_MATTER_COMPLAINT, "楼下餐馆油烟太大，窗户都不敢开。", "已转客服部约谈商户。"},
    {FD_MATTER_SUGGESTION, "建议在儿童游乐区加装遮阳棚。", "已记录，转客服部汇总。"},
    {FD_MATTER_OTHER, "想借用会所活动室周六办生日会。", "已登记，周六上午可用。"},
};

fd_status gen_calls_start(gen *g, fd_error *err)
{
    (void)err;
    g->calls = fd_alloc(sizeof *g->calls);
    return FD_OK;
}

void gen_calls_free(gen *g)
{
    if (!g->calls)
        return;
    free(g->calls->items);
    gen_slots_free(&g->calls->slots);
    FD_FREE(g->calls);
}

static void follow(gen *g, uint32_t slot, fd_time at, step next)
{
    if (!gen_plan(g, gen_office_hours(g, at), PROC_CALLS, next, slot))
        gen_slot_give(&g->calls->slots, slot);
}

void gen_calls_plan_day(gen *g, fd_date day, int64_t count)
{
    gen_calls *c = g->calls;
    for (int64_t i = 0; i < count; i++) {
        uint32_t slot = gen_slot_take(&c->slots, (void **)&c->items, sizeof *c->items);
        c->items[slot] = (call_slot){0};
        if (!gen_plan(g, gen_between(g, day, 8 * 60 + 30, 19 * 60 + 30), PROC_CALLS, TAKE, slot))
            gen_slot_give(&c->slots, slot);
    }
}

/* Six calls in ten are answered and done there and then; the others go to a department. */
static fd_status do_take(gen *g, uint32_t slot, fd_error *err)
{
    const demo_visitee *v = &g->dir.visitees[gen_below(&g->rng, (uint32_t)g->dir.visitee_count)];
    uint32_t t = gen_below(&g->rng, COUNT(talks));
    bool there_and_then = gen_chance(&g->rng, 600);
    const fd_string_list *departments = &g->cfg->departments;
    char phone[16];
    gen_mobile_from(gen_next(&g->rng), phone);
    fd_call_intake in = {
        .channel = gen_chance(&g->rng, 800) ? FD_CALL_PHONE : FD_CALL_VISIT,
        .caller = v->name,
        .unit_id = v->unit_id,
        .unit = v->unit,
        .phone = phone,
        .matter = talks[t].matter,
        .question = talks[t].question,
        .answer = there_and_then ? talks[t].answer : "",
        .department = there_and_then
                          ? ""
                          : departments->items[gen_below(&g->rng, (uint32_t)departments->count)],
        .done = there_and_then,
    };
    fd_status s = fd_call_take(g->d, gen_desk(g, g->clock), &in, &g->calls->items[slot].id, err);
    if (s != FD_OK)
        return s;
    if (there_and_then)
        gen_slot_give(&g->calls->slots, slot);
    else
        follow(g, slot, g->clock + HOUR + gen_below(&g->rng, 20 * HOUR), ANSWER);
    return FD_OK;
}

static fd_status do_answer(gen *g, uint32_t slot, fd_error *err)
{
    fd_status s = fd_call_answer(g->d, gen_desk(g, g->clock), g->calls->items[slot].id,
                                 GEN_PICK(&g->rng, talks).answer, err);
    if (s == FD_OK)
        follow(g, slot, g->clock + (10 + gen_below(&g->rng, 50)) * MINUTE, CLOSE);
    return s;
}

static fd_status do_close(gen *g, uint32_t slot, fd_error *err)
{
    fd_status s = fd_call_close(g->d, gen_desk(g, g->clock), g->calls->items[slot].id, NULL, err);
    gen_slot_give(&g->calls->slots, slot);
    return s;
}

fd_status gen_calls_play(gen *g, const gen_action *a, fd_error *err)
{
    switch ((step)GEN_STEP_OF(a->kind)) {
    case TAKE: return do_take(g, a->slot, err);
    case ANSWER: return do_answer(g, a->slot, err);
    case CLOSE: return do_close(g, a->slot, err);
    }
    return fd_fail(err, FD_USAGE, NULL, "unknown call step");
}
