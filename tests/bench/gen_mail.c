/* Mail of the benchmark's building: the courier drops through the day and the afternoon
 * post, shelved by building; most collected the same evening or the next day, some
 * days later, by the recipient or a proxy; the few nobody collects sent back after the
 * return limit; the morning newspapers signed for and handed to the round. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_data.h"
#include "frontdesk/mail.h"
#include "gen_internal.h"

typedef enum step { RECEIVE, COLLECT, RETURN, PAPERS } step;

typedef struct mail_slot {
    int64_t id;
    uint32_t recipient;
    uint8_t courier, kind, quantity;
    bool damaged;
    fd_time received;
} mail_slot;

struct gen_mail {
    mail_slot *items;
    gen_slots slots;
    uint32_t serial; /* keeps tracking numbers unique */
};


fd_status gen_mail_start(gen *g, fd_error *err)
{
    (void)err;
    g->mail = fd_alloc(sizeof *g->mail);
    return FD_OK;
}

void gen_mail_free(gen *g)
{
    if (!g->mail)
        return;
    free(g->mail->items);
    gen_slots_free(&g->mail->slots);
    FD_FREE(g->mail);
}

/* When the item is collected, from the moment it came: the same evening or the next
 * day mostly; 3 in 1000 wait past the return limit and go back. */
static fd_time collection(gen *g, fd_time received, bool *returned)
{
    fd_date day = fd_date_of(received);
    uint32_t roll = gen_below(&g->rng, 1000);
    *returned = roll < 3;
    if (*returned)
        return gen_at(g, day + g->cfg->mail_return_days + 1, 10 * 60 + (int)gen_below(&g->rng, 60));
    int days = roll < 600 ? 0 : roll < 870 ? 1 : roll < 970 ? 2 + (int)gen_below(&g->rng, 3)
                                                            : 5 + (int)gen_below(&g->rng, 9);
    fd_time t = gen_at(g, day + days, 11 * 60 + 30 + (int)gen_below(&g->rng, 10 * 60));
    return t > received + 10 * MINUTE ? t : gen_at(g, day + 1, 12 * 60 + (int)gen_below(&g->rng, 9 * 60));
}

static void plan_one(gen *g, fd_date day)
{
    gen_mail *m = g->mail;
    uint32_t slot = gen_slot_take(&m->slots, (void **)&m->items, sizeof *m->items);
    mail_slot *it = &m->items[slot];
    uint32_t roll = gen_below(&g->rng, 100);
    fd_mail_kind kind = roll < 70 ? FD_MAIL_EXPRESS : roll < 92 ? FD_MAIL_LETTER
                      : roll < 97 ? FD_MAIL_MAGAZINE : FD_MAIL_OTHER;
    *it = (mail_slot){
        .recipient = gen_below(&g->rng, (uint32_t)g->dir.recipient_count),
        .courier = (uint8_t)gen_below(&g->rng, DEMO_COURIERS),
        .kind = (uint8_t)kind,
        .quantity = gen_chance(&g->rng, 80) ? 2 : 1,
        .damaged = kind == FD_MAIL_EXPRESS && gen_chance(&g->rng, 15),
    };
    fd_time at = kind == FD_MAIL_EXPRESS ? gen_between(g, day, 9 * 60 + 30, 17 * 60 + 30)
                                         : gen_between(g, day, 14 * 60, 15 * 60 + 30);
    if (at >= g->now)
        at = gen_between(g, day, 8 * 60, 10 * 60);
    if (!gen_plan(g, at, PROC_MAIL, RECEIVE, slot))
        gen_slot_give(&m->slots, slot);
}

void gen_mail_plan_day(gen *g, fd_date day, int64_t count)
{
    gen_plan(g, gen_at(g, day, 8 * 60 + 20), PROC_MAIL, PAPERS, 0);
    for (int64_t i = 0; i < count; i++)
        plan_one(g, day);
}

static void tracking_number(gen *g, const mail_slot *it, char *out, size_t size)
{
    char digits[24];
    int n = demo_couriers[it->courier].digits;
    /* The serial in the leading digits: no two parcels share a number. */
    int lead = snprintf(digits, sizeof digits, "%07u", ++g->mail->serial % 10000000u);
    for (int i = lead; i < n; i++)
        digits[i] = (char)('0' + gen_below(&g->rng, 10));
    digits[n > lead ? n : lead] = '\0';
    const demo_courier *c = &demo_couriers[it->courier];
    snprintf(out, size, "%s%s%s", c->prefix, digits, c->suffix);
}

static void shelf_for(const gen_recipient *r, uint32_t roll, char *out, size_t size)
{
    snprintf(out, size, "%c%u", r->unit[0] ? r->unit[0] : 'X', 1 + roll % 4);
}

static fd_status do_receive(gen *g, uint32_t slot, fd_error *err)
{
    mail_slot *it = &g->mail->items[slot];
    const gen_recipient *r = &g->dir.recipients[it->recipient];
    char tracking[FD_MAIL_TRACKING_MAX] = "", shelf[FD_MAIL_SHELF_MAX];
    bool registered = it->kind == FD_MAIL_LETTER && gen_chance(&g->rng, 300);
    if (it->kind == FD_MAIL_EXPRESS)
        tracking_number(g, it, tracking, sizeof tracking);
    else if (registered)
        snprintf(tracking, sizeof tracking, "XA%07u%03uCN", ++g->mail->serial % 10000000u,
                 gen_below(&g->rng, 1000));
    shelf_for(r, gen_below(&g->rng, 4), shelf, sizeof shelf);
    fd_mail_intake in = {
        .carrier = it->kind == FD_MAIL_EXPRESS ? demo_couriers[it->courier].name : "中国邮政",
        .kind = (fd_mail_kind)it->kind,
        .quantity = it->quantity,
        .tracking = tracking,
        .recipient = {r->kind, r->id, NULL},
        .shelf = shelf,
        .note = registered ? "挂号信" : NULL,
        .damaged = it->damaged,
        .damage_note = it->damaged ? "外箱一角压瘪，内件未查验" : NULL,
        .damage_ack = it->damaged ? "快递员 王师傅" : NULL,
    };
    fd_status s = fd_mail_receive(g->d, gen_desk(g, g->clock), &in, &it->id, err);
    if (s != FD_OK)
        return s;
    g->counts.mail++;
    it->received = g->clock;
    bool returned;
    fd_time next = collection(g, g->clock, &returned);
    if (!gen_plan(g, next, PROC_MAIL, returned ? RETURN : COLLECT, slot))
        gen_slot_give(&g->mail->slots, slot);
    return FD_OK;
}

static fd_status do_collect(gen *g, uint32_t slot, fd_error *err)
{
    mail_slot *it = &g->mail->items[slot];
    const gen_recipient *r = &g->dir.recipients[it->recipient];
    bool proxy = gen_chance(&g->rng, 120);
    char phone[16], proxy_name[32];
    gen_mobile_from(gen_next(&g->rng), phone);
    gen_name_from(gen_next(&g->rng), proxy_name);
    fd_mail_handout h = {
        .items = &it->id,
        .count = 1,
        .collector = proxy ? proxy_name : r->person ? r->name : GEN_PICK(&g->rng, demo_collectors_for_units),
        .signed_for = true,
        .proxy = proxy,
        .proxy_phone = proxy ? phone : NULL,
        .proxy_relation = proxy ? GEN_PICK(&g->rng, demo_relations) : NULL,
    };
    fd_status s = fd_mail_hand_out(g->d, gen_desk(g, g->clock), &h, NULL, err);
    gen_slot_give(&g->mail->slots, slot);
    return s;
}

static fd_status do_return(gen *g, uint32_t slot, fd_error *err)
{
    fd_status s = fd_mail_return(g->d, gen_desk(g, g->clock), g->mail->items[slot].id, NULL, NULL, err);
    gen_slot_give(&g->mail->slots, slot);
    return s;
}

/* The morning bundles: signed for per title, then nearly all handed to the round. */
static fd_status do_papers(gen *g, fd_error *err)
{
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < DEMO_PAPERS; i++) {
        int copies = demo_papers[i].copies - (int)gen_below(&g->rng, 3);
        s = fd_mail_paper_receive(g->d, &g->cast.receptionist, demo_papers[i].title, copies, "邮局投递员", err);
        if (s == FD_OK)
            s = fd_mail_paper_hand_out(g->d, &g->cast.receptionist, demo_papers[i].title, copies - 2,
                                       "送报员 小刘", err);
    }
    return s;
}

fd_status gen_mail_play(gen *g, const gen_action *a, fd_error *err)
{
    switch ((step)GEN_STEP_OF(a->kind)) {
    case RECEIVE: return do_receive(g, a->slot, err);
    case COLLECT: return do_collect(g, a->slot, err);
    case RETURN: return do_return(g, a->slot, err);
    case PAPERS: return do_papers(g, err);
    }
    return fd_fail(err, FD_USAGE, NULL, "unknown mail step");
}
