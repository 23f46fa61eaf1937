/* Renovations of the benchmark's building: a file opened now and then for a resident's
 * unit, its workers' passes issued the same morning with last days spread over the
 * 45-day term, each pass taken back around its last day (a few late, their deposits
 * kept), and the file completed once every pass is back. The passes still out when
 * history ends are what the desk's list of passes falling due shows. */
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/works.h"
#include "gen_internal.h"

typedef enum step { OPEN, END, COMPLETE } step;

/* A renovation's file, or one of its passes (renovation then names its file's slot). */
typedef struct works_slot {
    int64_t id;
    uint32_t renovation; /* a pass: its file's slot */
    int passes_out;      /* a file: its passes not yet back */
    bool is_pass;
} works_slot;

struct gen_works {
    works_slot *items;
    gen_slots slots;
};

static const char *const companies[] = {"东方装饰工程有限公司", "安居家装有限公司", "华美装饰有限公司",
                                        "金螳螂家装", "业之峰装饰", "居然装饰工程部"};

fd_status gen_works_start(gen *g, fd_error *err)
{
    (void)err;
    g->works = fd_alloc(sizeof *g->works);
    return FD_OK;
}

void gen_works_free(gen *g)
{
    if (!g->works)
        return;
    free(g->works->items);
    gen_slots_free(&g->works->slots);
    FD_FREE(g->works);
}

static uint32_t take(gen *g)
{
    return gen_slot_take(&g->works->slots, (void **)&g->works->items, sizeof *g->works->items);
}

void gen_works_plan_day(gen *g, fd_date day, int64_t count)
{
    for (int64_t i = 0; i < count; i++) {
        uint32_t slot = take(g);
        g->works->items[slot] = (works_slot){0};
        if (!gen_plan(g, gen_between(g, day, 9 * 60, 11 * 60), PROC_WORKS, OPEN, slot))
            gen_slot_give(&g->works->slots, slot);
    }
}

/* A resident's unit from the directory, and its occupant as the owner. */
static const gen_recipient *resident(gen *g)
{
    for (;;) {
        const gen_recipient *r = &g->dir.recipients[gen_below(&g->rng, (uint32_t)g->dir.recipient_count)];
        if (r->kind == FD_DIR_OCCUPANT && r->unit[0])
            return r;
    }
}

/* A pass taken back around its last day: mostly before it, a few within the grace,
 * one in twenty days late (its deposit kept). */
static fd_time end_of(gen *g, fd_date last)
{
    int offset = gen_chance(&g->rng, 50) ? 4 + (int)gen_below(&g->rng, 5)
                 : gen_chance(&g->rng, 150) ? 1 + (int)gen_below(&g->rng, 3)
                                            : -(int)gen_below(&g->rng, 4);
    return gen_between(g, last + offset, 9 * 60, 18 * 60);
}

/* The site manager signs for each (一.15: new workers' passes applied for together). */
static fd_status issue_passes(gen *g, uint32_t file, fd_date start, const char *manager,
                              fd_error *err)
{
    int passes = 2 + (int)gen_below(&g->rng, 7);
    for (int i = 0; i < passes; i++) {
        gen_person worker;
        gen_person_get(&g->people, gen_below(&g->rng, g->people.count), &worker);
        fd_date last = start + 5 + (fd_date)gen_below(&g->rng, FD_RENOVATION_TERM_DAYS - 5);
        fd_work_pass_intake in = {
            .renovation_id = g->works->items[file].id, .worker = worker.name,
            .doc_type = worker.doc_type, .doc_number = worker.doc,
            .signer_role = FD_SIGNER_SITE_MANAGER, .signer = manager, .valid_until = last,
            .receipt = "GZ",
        };
        uint32_t slot = take(g);
        works_slot *p = &g->works->items[slot];
        *p = (works_slot){.renovation = file, .is_pass = true};
        fd_status s = fd_work_pass_issue(g->d, gen_desk(g, g->clock), &in, &p->id, err);
        if (s != FD_OK)
            return s;
        g->works->items[file].passes_out++;
        if (!gen_plan(g, end_of(g, last), PROC_WORKS, END, slot))
            gen_slot_give(&g->works->slots, slot);
    }
    return FD_OK;
}

static fd_status do_open(gen *g, uint32_t slot, fd_error *err)
{
    const gen_recipient *r = resident(g);
    char manager[32];
    gen_name_from(gen_next(&g->rng), manager);
    fd_renovation_intake in = {
        .unit = r->unit, .owner = r->name, .contractor = GEN_PICK(&g->rng, companies),
        .site_manager = manager, .deposit = 20000, .deposit_receipt = "YJ",
    };
    fd_status s = fd_renovation_open(g->d, gen_desk(g, g->clock), &in, &g->works->items[slot].id, err);
    if (s != FD_OK)
        return s;
    return issue_passes(g, slot, fd_date_of(g->clock), manager, err);
}

static fd_status do_end(gen *g, uint32_t slot, fd_error *err)
{
    works_slot *p = &g->works->items[slot];
    uint32_t file = p->renovation;
    fd_work_pass_return back = {.pass_back = !gen_chance(&g->rng, 20), .receipt_shown = true,
                                .refund_receipt = "TK"};
    fd_status s = fd_work_pass_end(g->d, gen_desk(g, g->clock), p->id, &back, NULL, err);
    gen_slot_give(&g->works->slots, slot);
    if (s != FD_OK)
        return s;
    /* The last pass back: the file is inspected and completed a few days later. */
    if (--g->works->items[file].passes_out == 0 &&
        !gen_plan(g, gen_office_hours(g, g->clock + 2 * DAY + gen_below(&g->rng, 3 * DAY)), PROC_WORKS,
                  COMPLETE, file))
        gen_slot_give(&g->works->slots, file);
    return FD_OK;
}

static fd_status do_complete(gen *g, uint32_t slot, fd_error *err)
{
    fd_status s = fd_renovation_complete(g->d, gen_desk(g, g->clock), gen_manager(g, g->clock),
                                         g->works->items[slot].id, 20000, "TK", err);
    gen_slot_give(&g->works->slots, slot);
    return s;
}

fd_status gen_works_play(gen *g, const gen_action *a, fd_error *err)
{
    switch ((step)GEN_STEP_OF(a->kind)) {
    case OPEN: return do_open(g, a->slot, err);
    case END: return do_end(g, a->slot, err);
    case COMPLETE: return do_complete(g, a->slot, err);
    }
    return fd_fail(err, FD_USAGE, NULL, "unknown renovation step");
}
