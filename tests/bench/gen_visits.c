/* The visitor log of the benchmark's building: visitors registered from 08:30 to 19:30
 * (a few at night, by the duty manager), the visitee's answer within minutes, most
 * admitted and signed out an hour or two later, returning visitors recognised by their
 * document, a phone number corrected now and then, the do-not-admit list, and the
 * monthly privacy purge. */
#include <stdio.h>
#include <stdlib.h>

#include "demo/demo_data.h"
#include "frontdesk/visitors.h"
#include "gen_internal.h"

typedef enum step { REGISTER, CORRECT, ADMIT, REFUSE, LEAVE, PURGE } step;

typedef struct visit_slot {
    int64_t id;
    uint32_t person, visitee;
    uint8_t party, purpose;
} visit_slot;

struct gen_visits {
    visit_slot *items;
    gen_slots slots;
    int64_t *last_visit; /* per person: recognised next time */
    fd_date *last_day;   /* per person: that visit's day, for whether a purge took it */
};

static const char *const purposes[] = {
    "送文件", "商务洽谈", "探亲访友", "面试", "送餐", "维修上门", "快递送件", "装修验收",
    "拜访客户", "送货", "家政服务", "参加会议", "看房", "签合同", "培训", "设备安装",
};
static const char *const refusals[] = {
    "被访人不在", "被访人拒绝会见", "电话无人接听，联系不上被访人", "被访人称不认识来访者",
};

enum { BANNED = 12 };

/* People on the do-not-admit list come from beyond the visiting population, so no
 * planned visit is ever refused at registration. */
static fd_status ban_some(gen *g, fd_error *err)
{
    fd_status s = FD_OK;
    for (uint32_t i = 0; s == FD_OK && i < BANNED; i++) {
        gen_person p;
        gen_person_get(&g->people, g->people.count + i, &p);
        s = fd_visitor_ban(g->d, &g->cast.cs_manager, p.doc_type, p.doc, p.name, 0,
                           i % 2 ? "多次尾随业主进入大堂，业主投诉" : "上门推销骚扰业户", NULL, err);
    }
    return s;
}

fd_status gen_visits_start(gen *g, fd_error *err)
{
    g->visits = fd_alloc(sizeof *g->visits);
    g->visits->last_visit = fd_alloc(g->people.count * sizeof *g->visits->last_visit);
    g->visits->last_day = fd_alloc(g->people.count * sizeof *g->visits->last_day);
    return ban_some(g, err);
}

void gen_visits_free(gen *g)
{
    if (!g->visits)
        return;
    free(g->visits->items);
    free(g->visits->last_visit);
    free(g->visits->last_day);
    gen_slots_free(&g->visits->slots);
    FD_FREE(g->visits);
}

/* A quarter of the visits are the regulars': couriers, cleaners, the same few
 * business partners. */
static uint32_t pick_person(gen *g)
{
    uint32_t regulars = g->people.count / 50;
    if (regulars && gen_chance(&g->rng, 250))
        return gen_below(&g->rng, regulars);
    return gen_below(&g->rng, g->people.count);
}

static void plan_one(gen *g, fd_date day)
{
    gen_visits *v = g->visits;
    uint32_t slot = gen_slot_take(&v->slots, (void **)&v->items, sizeof *v->items);
    v->items[slot] = (visit_slot){
        .person = pick_person(g),
        .visitee = gen_below(&g->rng, (uint32_t)g->dir.visitee_count),
        .party = gen_chance(&g->rng, 100) ? (uint8_t)(2 + gen_below(&g->rng, 3)) : 1,
        .purpose = (uint8_t)gen_below(&g->rng, COUNT(purposes)),
    };
    bool night = day != g->today && gen_chance(&g->rng, 30);
    fd_time at = night ? gen_between(g, day, 20 * 60 + 5, 23 * 60)
                       : gen_between(g, day, 8 * 60 + 30, 19 * 60 + 30);
    if (!gen_plan(g, at, PROC_VISITS, REGISTER, slot))
        gen_slot_give(&v->slots, slot);
}

void gen_visits_plan_day(gen *g, fd_date day, int64_t count)
{
    for (int64_t i = 0; i < count; i++)
        plan_one(g, day);
    int y, m, dd;
    fd_date_ymd(day, &y, &m, &dd);
    /* The customer-service manager clears old document numbers once a month. */
    if (dd == 1)
        gen_plan(g, gen_at(g, day, 9 * 60), PROC_VISITS, PURGE, 0);
}

/* The answer within minutes; those admitted leave within three hours, before midnight. */
static void plan_answer(gen *g, uint32_t slot)
{
    fd_time answer = g->clock + 60 + gen_below(&g->rng, 300);
    if (gen_chance(&g->rng, 80)) {
        if (!gen_plan(g, answer, PROC_VISITS, REFUSE, slot))
            gen_slot_give(&g->visits->slots, slot);
        return;
    }
    if (!gen_plan(g, answer, PROC_VISITS, ADMIT, slot))
        gen_slot_give(&g->visits->slots, slot);
}

static void plan_leaving(gen *g, uint32_t slot)
{
    fd_time leave = g->clock + 15 * MINUTE + gen_below(&g->rng, 165 * MINUTE);
    fd_time midnight = fd_date_start(fd_date_of(g->clock) + 1) - 5 * MINUTE;
    if (leave > midnight)
        leave = midnight > g->clock ? midnight : g->clock + MINUTE;
    if (!gen_plan(g, leave, PROC_VISITS, LEAVE, slot))
        gen_slot_give(&g->visits->slots, slot);
}

static fd_status do_register(gen *g, uint32_t slot, fd_error *err)
{
    gen_visits *v = g->visits;
    visit_slot *s = &v->items[slot];
    gen_person p;
    gen_person_get(&g->people, s->person, &p);
    /* A returning visitor shows the document and the desk takes the phone from the
     * last visit, half the time: while the purge has not forgotten that visit's number,
     * with which the desk would no longer find it. */
    fd_date today = fd_date_of(g->clock);
    bool known = v->last_visit[s->person] && today - v->last_day[s->person] < g->cfg->retention_days;
    int64_t returning = known && gen_chance(&g->rng, 500) ? v->last_visit[s->person] : 0;
    fd_visit_form f = {
        .visitor_name = p.name,
        .doc_type = p.doc_type,
        .doc_number = p.doc,
        .phone = returning ? "" : p.phone,
        .returning_visit = returning,
        .party_size = s->party,
        .purpose = purposes[s->purpose],
    };
    demo_visit_to(&f, &g->dir.visitees[s->visitee]);
    fd_status st = fd_visit_register(g->d, gen_desk(g, g->clock), NULL, &f, &s->id, err);
    if (st != FD_OK)
        return st;
    v->last_visit[s->person] = s->id;
    v->last_day[s->person] = today;
    g->counts.visits++;
    if (gen_chance(&g->rng, 3))
        gen_plan(g, g->clock + 20 + gen_below(&g->rng, 30), PROC_VISITS, CORRECT, slot);
    plan_answer(g, slot);
    return FD_OK;
}

static fd_status do_correct(gen *g, uint32_t slot, fd_error *err)
{
    char phone[16];
    gen_mobile_from(gen_next(&g->rng), phone);
    return fd_visit_correct(g->d, gen_desk(g, g->clock), g->visits->items[slot].id,
                            FD_VISIT_FIELD_PHONE, phone, "来访者核对后更正手机号", err);
}

static fd_status do_admit(gen *g, uint32_t slot, fd_error *err)
{
    fd_status s = fd_visit_admit(g->d, gen_desk(g, g->clock), NULL, g->visits->items[slot].id, NULL, err);
    if (s == FD_OK)
        plan_leaving(g, slot);
    return s;
}

static fd_status do_refuse(gen *g, uint32_t slot, fd_error *err)
{
    fd_status s = fd_visit_refuse(g->d, gen_desk(g, g->clock), NULL, g->visits->items[slot].id,
                                  GEN_PICK(&g->rng, refusals), err);
    gen_slot_give(&g->visits->slots, slot);
    return s;
}

static fd_status do_leave(gen *g, uint32_t slot, fd_error *err)
{
    bool signed_slip = !gen_chance(&g->rng, 120);
    fd_status s = fd_visit_sign_out(g->d, gen_desk(g, g->clock), g->visits->items[slot].id,
                                    signed_slip, 0, err);
    gen_slot_give(&g->visits->slots, slot);
    return s;
}

fd_status gen_visits_play(gen *g, const gen_action *a, fd_error *err)
{
    switch ((step)GEN_STEP_OF(a->kind)) {
    case REGISTER: return do_register(g, a->slot, err);
    case CORRECT: return do_correct(g, a->slot, err);
    case ADMIT: return do_admit(g, a->slot, err);
    case REFUSE: return do_refuse(g, a->slot, err);
    case LEAVE: return do_leave(g, a->slot, err);
    case PURGE: return fd_visits_purge(g->d, &g->cast.cs_manager, NULL, err);
    }
    return fd_fail(err, FD_USAGE, NULL, "unknown visit step");
}
