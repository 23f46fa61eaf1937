/* Key loans of the benchmark's building: a register of public-area keys, master keys
 * and the spare keys owners entrusted; loans through the day consented to in place and
 * handed over at once, some waiting for the customer-service manager's consent, a few
 * refused; most keys back before the 18:00 curfew, some late (overdue overnight), a
 * repair out until the next day, a few night loans by the duty manager. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/keys.h"
#include "gen_internal.h"

typedef enum step { REQUEST, APPROVE, LEND, RETURN, REFUSE } step;

/* How a loan goes, drawn when it is planned. */
typedef enum flow { IN_PLACE, LATER_CONSENT, REFUSED } flow;

typedef struct key {
    int64_t id;
    fd_key_kind kind;
    fd_time free_at; /* back in the store by then, as planned */
} key;

typedef struct loan_slot {
    int64_t id;
    uint32_t key;
    uint8_t flow, reason, borrower;
    bool night;
    fd_time back;         /* when the keys come back */
    fd_time expected;     /* a repair's expected return, else 0 */
} loan_slot;

struct gen_keys {
    key *keys;
    size_t count;
    loan_slot *items;
    gen_slots slots;
};

/* Who borrows: the building's own staff by department, or a contractor. */
static const struct {
    const char *name, *department, *company;
} borrowers[] = {
    {"王强", "工程部", NULL},     {"周建华", "工程部", NULL},   {"吴海波", "工程部", NULL},
    {"郑立新", "工程部", NULL},   {"赵桂兰", "保洁部", NULL},   {"钱秀英", "保洁部", NULL},
    {"孙凤霞", "保洁部", NULL},   {"孙磊", "保安部", NULL},     {"陈刚", "保安部", NULL},
    {"周明", "保安部", NULL},     {"王芳", "客服部", NULL},     {"李娜", "客服部", NULL},
    {"刘师傅", NULL, "北京奥的斯电梯"}, {"陈师傅", NULL, "北京燃气集团"},
    {"张师傅", NULL, "城建消防检测"},   {"马师傅", NULL, "京城水务"},
    {"杨师傅", NULL, "华北空调维保"},   {"黄师傅", NULL, "安居门窗"},
};

static const char *const places[] = {
    "B1 水泵房", "屋顶机房", "高压配电室", "消防控制室", "A座天台门", "B座天台门", "C座天台门",
    "地下车库设备间", "T座三层会议室", "T座五层会议室", "A座垃圾房", "B座垃圾房", "C座垃圾房",
    "中水机房", "换热站", "弱电间A1", "弱电间B1", "弱电间C1", "弱电间T1", "发电机房", "健身房",
    "游泳池机房", "会所活动室", "物业库房", "保洁工具间", "绿化工具间", "自行车库", "监控室",
    "A座设备层", "B座设备层", "C座设备层", "T座设备层", "地下二层配电间", "消防泵房",
    "电梯机房A", "电梯机房B", "电梯机房C", "电梯机房T", "T座屋顶", "快递柜机房",
};

static const char *department_or_first(const gen *g, const char *name)
{
    const fd_string_list *known = &g->cfg->departments;
    for (size_t i = 0; i < known->count; i++)
        if (strcmp(known->items[i], name) == 0)
            return name;
    return known->count ? known->items[0] : name;
}

static fd_status add_key(gen *g, const fd_key_new *k, fd_error *err)
{
    gen_keys *ks = g->keys;
    ks->keys = fd_realloc(ks->keys, (ks->count + 1) * sizeof *ks->keys);
    key *added = &ks->keys[ks->count];
    *added = (key){.kind = k->kind};
    g->clock += MINUTE;
    fd_status s = fd_key_register(g->d, &g->cast.assistant, k, &added->id, err);
    if (s == FD_OK)
        ks->count++;
    return s;
}

static fd_status register_keys(gen *g, fd_error *err)
{
    fd_status s = FD_OK;
    char tag[32];
    for (size_t i = 0; s == FD_OK && i < COUNT(places); i++) {
        snprintf(tag, sizeof tag, "P-%02zu", i + 1);
        fd_key_new k = {.tag = tag, .description = places[i], .kind = FD_KEY_PUBLIC,
                        .department = department_or_first(g, i % 3 ? "工程部" : "保安部"),
                        .custodian = i % 3 ? "王强" : "赵刚"};
        s = add_key(g, &k, err);
    }
    static const char *const masters[][2] = {
        {"M-A", "A座总钥匙"}, {"M-B", "B座总钥匙"}, {"M-C", "C座总钥匙"}, {"M-T", "T座写字楼总钥匙"},
    };
    for (size_t i = 0; s == FD_OK && i < COUNT(masters); i++) {
        fd_key_new k = {.tag = masters[i][0], .description = masters[i][1], .kind = FD_KEY_MASTER,
                        .department = department_or_first(g, "保安部"), .custodian = "赵刚"};
        s = add_key(g, &k, err);
    }
    for (size_t i = 0; s == FD_OK && i < g->dir.entrusted_count; i++) {
        snprintf(tag, sizeof tag, "%s-1", g->dir.entrusted[i].code);
        fd_key_new k = {.tag = tag, .unit_id = g->dir.entrusted[i].id, .description = "入户门",
                        .kind = FD_KEY_SPARE, .department = department_or_first(g, "客服部"),
                        .custodian = "王芳"};
        s = add_key(g, &k, err);
    }
    return s;
}

fd_status gen_keys_start(gen *g, fd_error *err)
{
    g->keys = fd_alloc(sizeof *g->keys);
    return register_keys(g, err);
}

void gen_keys_free(gen *g)
{
    if (!g->keys)
        return;
    free(g->keys->keys);
    free(g->keys->items);
    gen_slots_free(&g->keys->slots);
    FD_FREE(g->keys);
}

/* A key in the store at t: a few random tries, then the first free one. */
static bool free_key(gen *g, fd_time t, uint32_t *out)
{
    gen_keys *ks = g->keys;
    for (int tries = 0; tries < 8; tries++) {
        uint32_t k = gen_below(&g->rng, (uint32_t)ks->count);
        if (ks->keys[k].free_at <= t) {
            *out = k;
            return true;
        }
    }
    for (uint32_t k = 0; k < ks->count; k++) {
        if (ks->keys[k].free_at <= t) {
            *out = k;
            return true;
        }
    }
    return false;
}

static fd_key_reason reason_for(gen *g, fd_key_kind kind)
{
    static const fd_key_reason public_reasons[] = {FD_KEY_REASON_CLEANING, FD_KEY_REASON_CLEANING,
                                                   FD_KEY_REASON_REPAIR, FD_KEY_REASON_INSPECTION,
                                                   FD_KEY_REASON_METER};
    static const fd_key_reason spare_reasons[] = {FD_KEY_REASON_VIEWING, FD_KEY_REASON_REPAIR,
                                                  FD_KEY_REASON_METER};
    if (kind == FD_KEY_SPARE)
        return GEN_PICK(&g->rng, spare_reasons);
    if (kind == FD_KEY_MASTER)
        return FD_KEY_REASON_INSPECTION;
    return GEN_PICK(&g->rng, public_reasons);
}

/* When the keys come back: mostly before the curfew; some late (overdue overnight,
 * back the next morning); a repair keeps them until its expected return. */
static void plan_return(gen *g, loan_slot *l, fd_time out)
{
    fd_date day = fd_date_of(out);
    fd_time curfew = fd_date_start(day) + (fd_time)g->cfg->key_curfew * MINUTE;
    fd_time due = out < curfew ? curfew : fd_date_start(day + 1);
    l->back = out + 30 * MINUTE + gen_below(&g->rng, 210 * MINUTE);
    if (l->reason == FD_KEY_REASON_REPAIR && !l->night && gen_chance(&g->rng, 150)) {
        l->expected = gen_at(g, day + 1, 10 * 60 + (int)gen_below(&g->rng, 6 * 60));
        l->back = l->expected - 30 * MINUTE;
    } else if (!l->night && gen_chance(&g->rng, 40)) {
        l->back = gen_at(g, day + 1, 8 * 60 + 30 + (int)gen_below(&g->rng, 60));
    } else if (l->back > due - 5 * MINUTE) {
        l->back = due - 5 * MINUTE > out + 10 * MINUTE ? due - 5 * MINUTE : out + 10 * MINUTE;
    }
}

static void plan_one(gen *g, fd_date day)
{
    bool night = day != g->today && gen_chance(&g->rng, 50);
    fd_time t = night ? gen_between(g, day, 20 * 60 + 30, 23 * 60) : gen_between(g, day, 8 * 60, 17 * 60 + 30);
    uint32_t k;
    if (!free_key(g, t, &k))
        return; /* every key is out: the loan is not made */
    gen_keys *ks = g->keys;
    uint32_t slot = gen_slot_take(&ks->slots, (void **)&ks->items, sizeof *ks->items);
    loan_slot *l = &ks->items[slot];
    uint32_t roll = gen_below(&g->rng, 100);
    *l = (loan_slot){.key = k, .night = night,
                     .flow = night || roll < 83 ? IN_PLACE : roll < 98 ? LATER_CONSENT : REFUSED,
                     .reason = (uint8_t)reason_for(g, ks->keys[k].kind),
                     .borrower = (uint8_t)gen_below(&g->rng, COUNT(borrowers))};
    fd_time out = l->flow == LATER_CONSENT ? t + 25 * MINUTE : t;
    plan_return(g, l, out);
    ks->keys[k].free_at = l->flow == REFUSED ? t + 20 * MINUTE : l->back + MINUTE;
    if (!gen_plan(g, t, PROC_KEYS, REQUEST, slot))
        gen_slot_give(&ks->slots, slot);
}

void gen_keys_plan_day(gen *g, fd_date day, int64_t count)
{
    for (int64_t i = 0; i < count; i++)
        plan_one(g, day);
}

static void follow(gen *g, uint32_t slot, fd_time at, step next)
{
    if (!gen_plan(g, at, PROC_KEYS, next, slot))
        gen_slot_give(&g->keys->slots, slot);
}

static fd_status do_request(gen *g, uint32_t slot, fd_error *err)
{
    loan_slot *l = &g->keys->items[slot];
    const fd_actor *desk = gen_desk(g, g->clock);
    bool in_place = l->flow == IN_PLACE;
    /* In place: the manager on hand consents (the duty manager at night records it
     * and so consents by role). */
    const fd_actor *approver = !in_place || desk->role == FD_ROLE_DUTY_MANAGER ? NULL : &g->cast.cs_manager;
    bool contractor = borrowers[l->borrower].company != NULL;
    char phone[16];
    gen_mobile_from(gen_next(&g->rng), phone);
    fd_key_loan_new form = {
        .borrower_kind = contractor ? FD_BORROWER_CONTRACTOR : FD_BORROWER_STAFF,
        .borrower = borrowers[l->borrower].name,
        .department = contractor ? NULL : department_or_first(g, borrowers[l->borrower].department),
        .company = borrowers[l->borrower].company,
        .phone = contractor ? phone : NULL,
        .key_ids = &g->keys->keys[l->key].id,
        .key_count = 1,
        .reason = (fd_key_reason)l->reason,
        .expected_return = l->expected,
        .hand_over = in_place,
    };
    fd_status s = fd_key_loan_request(g->d, desk, approver, &form, &l->id, err);
    if (s != FD_OK)
        return s;
    g->counts.loans++;
    if (in_place)
        follow(g, slot, l->back, RETURN);
    else
        follow(g, slot, g->clock + (5 + gen_below(&g->rng, 15)) * MINUTE,
               l->flow == REFUSED ? REFUSE : APPROVE);
    return FD_OK;
}

static fd_status do_approve(gen *g, uint32_t slot, fd_error *err)
{
    fd_status s = fd_key_loan_approve(g->d, &g->cast.cs_manager, NULL, g->keys->items[slot].id, NULL, err);
    if (s == FD_OK)
        follow(g, slot, g->clock + (1 + gen_below(&g->rng, 4)) * MINUTE, LEND);
    return s;
}

static fd_status do_lend(gen *g, uint32_t slot, fd_error *err)
{
    loan_slot *l = &g->keys->items[slot];
    fd_status s = fd_key_loan_lend(g->d, gen_desk(g, g->clock), l->id, err);
    if (s == FD_OK)
        follow(g, slot, l->back > g->clock ? l->back : g->clock + MINUTE, RETURN);
    return s;
}

static fd_status do_return(gen *g, uint32_t slot, fd_error *err)
{
    loan_slot *l = &g->keys->items[slot];
    fd_status s = fd_key_loan_return(g->d, gen_desk(g, g->clock), l->id, borrowers[l->borrower].name,
                                     NULL, err);
    gen_slot_give(&g->keys->slots, slot);
    return s;
}

static fd_status do_refuse(gen *g, uint32_t slot, fd_error *err)
{
    fd_status s = fd_key_loan_refuse(g->d, &g->cast.cs_manager, NULL, g->keys->items[slot].id,
                                     "未经业主书面同意，不予借用", err);
    gen_slot_give(&g->keys->slots, slot);
    return s;
}

fd_status gen_keys_play(gen *g, const gen_action *a, fd_error *err)
{
    switch ((step)GEN_STEP_OF(a->kind)) {
    case REQUEST: return do_request(g, a->slot, err);
    case APPROVE: return do_approve(g, a->slot, err);
    case LEND: return do_lend(g, a->slot, err);
    case RETURN: return do_return(g, a->slot, err);
    case REFUSE: return do_refuse(g, a->slot, err);
    }
    return fd_fail(err, FD_USAGE, NULL, "unknown key step");
}
