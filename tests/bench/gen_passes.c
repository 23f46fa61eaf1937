/* Carry-out and carry-in passes of the benchmark's building: each company's seal (or,
 * one in four, a letter of authority) on file from the start; passes issued through the
 * office day for a window an hour or so later (a scheduled move the day before), let
 * through within it, a few stopped at the door or voided. Every pass meets its end within its window, so none is overdue at
 * the end of history, and the handover's open items are the other procedures'.
 *
 * The passes draw from a random stream of their own: the other procedures' records are
 * the same whether or not the building has passes. */
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/passes.h"
#include "gen_internal.h"

typedef enum step { ISSUE, CONFIRM, REFUSE, VOID } step;

typedef struct pass_slot {
    int64_t id;
    uint32_t company;
    int from, to; /* minutes of the day */
    fd_date day;
    bool scheduled;
} pass_slot;

typedef struct company {
    int64_t id;
    bool letter;
} company;

struct gen_passes {
    gen_rng rng;
    company *companies;
    size_t company_count;
    pass_slot *items;
    gen_slots slots;
};

static const char *const signer = "行政主管";
static const fd_pass_item_input goods[][2] = {
    {{"台式电脑", 2, "台"}, {"显示器", 2, "台"}},
    {{"文件柜", 1, "个"}, {"纸箱", 6, "个"}},
    {{"办公桌", 4, "张"}, {"办公椅", 8, "把"}},
    {{"打印机", 1, "台"}, {NULL, 0, NULL}},
    {{"样品", 12, "箱"}, {NULL, 0, NULL}},
    {{"展架", 3, "个"}, {"宣传册", 20, "包"}},
};

static void keep_company(void *ctx, const fd_dir_entry *e)
{
    gen_passes *p = ctx;
    p->companies = fd_realloc(p->companies, (p->company_count + 1) * sizeof *p->companies);
    p->companies[p->company_count] = (company){e->id, p->company_count % 4 == 3};
    p->company_count++;
}

/* Each company's seal or letter, filed by the customer-service manager before the
 * first day; a letter runs well past the end of history. */
static fd_status file_authorities(gen *g, fd_error *err)
{
    gen_passes *p = g->passes;
    for (size_t i = 0; i < p->company_count; i++) {
        fd_pass_authority_input in = {
            .company_id = p->companies[i].id,
            .kind = p->companies[i].letter ? FD_AUTHORITY_LETTER : FD_AUTHORITY_SEAL,
            .signer = signer,
            .valid_until = g->today + 365,
        };
        fd_status s = fd_pass_authority_file(g->d, &g->cast.cs_manager, &in, NULL, err);
        if (s != FD_OK)
            return s;
    }
    return FD_OK;
}

fd_status gen_passes_start(gen *g, fd_error *err)
{
    g->passes = fd_alloc(sizeof *g->passes);
    g->passes->rng.state = ~g->rng.state;
    fd_status s = fd_directory_search(g->d, NULL, FD_DIR_COMPANY, "", -1, keep_company, g->passes, err);
    return s != FD_OK ? s : file_authorities(g, err);
}

void gen_passes_free(gen *g)
{
    if (!g->passes)
        return;
    free(g->passes->companies);
    free(g->passes->items);
    gen_slots_free(&g->passes->slots);
    FD_FREE(g->passes);
}

static fd_time at_minute(fd_date day, int minute, uint32_t seconds)
{
    return fd_date_start(day) + (fd_time)minute * MINUTE + seconds;
}

/* Issued between 08:30 and 17:00 for a window starting half an hour to two hours later
 * and lasting one to two hours; a move the desk schedules (three in ten) is issued the
 * day before, so the morning's list holds the day's moves still to come. */
void gen_passes_plan_day(gen *g, fd_date day, int64_t count)
{
    gen_passes *p = g->passes;
    for (int64_t i = 0; p->company_count && i < count; i++) {
        uint32_t slot = gen_slot_take(&p->slots, (void **)&p->items, sizeof *p->items);
        pass_slot *it = &p->items[slot];
        int issue = 8 * 60 + 30 + (int)gen_below(&p->rng, 8 * 60 + 30);
        it->scheduled = gen_chance(&p->rng, 300);
        it->day = it->scheduled ? day + 1 : day;
        it->company = gen_below(&p->rng, (uint32_t)p->company_count);
        it->from = (it->scheduled ? 8 * 60 : issue + 30) + (int)gen_below(&p->rng, 90);
        it->to = it->from + 60 + (int)gen_below(&p->rng, 61);
        if (!gen_plan(g, at_minute(day, issue, gen_below(&p->rng, 60)), PROC_PASSES, ISSUE, slot))
            gen_slot_give(&p->slots, slot);
    }
}

/* Within the window, before its last minute: let through, or now and then stopped or
 * voided. */
static void follow(gen *g, uint32_t slot)
{
    gen_passes *p = g->passes;
    const pass_slot *it = &p->items[slot];
    uint32_t roll = gen_below(&p->rng, 100);
    step next = roll < 3 ? REFUSE : roll < 8 ? VOID : CONFIRM;
    int minute = it->from + (int)gen_below(&p->rng, (uint32_t)(it->to - it->from - 1));
    if (!gen_plan(g, at_minute(it->day, minute, gen_below(&p->rng, 60)), PROC_PASSES, next, slot))
        gen_slot_give(&p->slots, slot);
}

static fd_status do_issue(gen *g, uint32_t slot, fd_error *err)
{
    gen_passes *p = g->passes;
    pass_slot *it = &p->items[slot];
    const company *c = &p->companies[it->company];
    gen_person carrier;
    gen_person_get(&g->people, gen_below(&p->rng, g->people.count), &carrier);
    const fd_pass_item_input *lines = goods[gen_below(&p->rng, COUNT(goods))];
    fd_pass_input in = {
        .direction = gen_chance(&p->rng, 600) ? FD_PASS_OUT : FD_PASS_IN,
        .company_id = c->id,
        .carrier = carrier.name,
        .doc_type = carrier.doc_type,
        .doc_number = carrier.doc,
        .day = it->day,
        .window_from = it->from,
        .window_to = it->to,
        .scheduled = it->scheduled,
        .sealed = !c->letter,
        .signer = c->letter ? signer : NULL,
        .items = lines,
        .item_count = lines[1].name ? 2 : 1,
    };
    fd_status s = fd_pass_issue(g->d, gen_desk(g, g->clock), &in, &it->id, NULL, err);
    if (s == FD_OK)
        follow(g, slot);
    return s;
}

fd_status gen_passes_play(gen *g, const gen_action *a, fd_error *err)
{
    gen_passes *p = g->passes;
    int64_t id = p->items[a->slot].id;
    const fd_actor *desk = gen_desk(g, g->clock);
    step s = (step)GEN_STEP_OF(a->kind);
    if (s == ISSUE)
        return do_issue(g, a->slot, err);
    gen_slot_give(&p->slots, a->slot);
    switch (s) {
    case CONFIRM: return fd_pass_confirm(g->d, desk, id, err);
    case REFUSE: return fd_pass_refuse(g->d, desk, id, FD_HAZARD_FLAMMABLE, "夹带油漆稀释剂", err);
    case VOID: return fd_pass_void(g->d, desk, id, "数量填错，重开", err);
    case ISSUE: break;
    }
    return fd_fail(err, FD_USAGE, NULL, "unknown pass step");
}
