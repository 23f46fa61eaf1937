/* The handover book of the benchmark's building: two duty managers taking turns at
 * 08:00 and 20:00; duties, incidents, memos and instructions written through each
 * shift (by day partly by the desk staff, as the duty log); now and then an entry
 * marked for the next shift, whose progress every later shift records until one
 * records it done; and each shift handed over face to face — the open items gathered,
 * carried on, the inventory counted and confirmed, both signatures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_data.h"
#include "frontdesk/handover.h"
#include "gen_internal.h"

typedef enum step { ENTRY, PROGRESS, BEGIN, SIGN } step;

typedef struct followup {
    int64_t entry_id, shift_id; /* the shift that wrote it */
    int shifts_left;            /* progress notes before the one that finishes it */
} followup;

struct gen_handover {
    int64_t shift_id;
    followup *open;
    size_t open_count;
    long *counts; /* the inventory, by cfg->inventory_items */
};

static const struct {
    const char *content, *handling;
} duties[] = {
    {"接班检查：消防控制室、监控室设备运行", "逐项检查"},
    {"巡视大堂、休息区及公共区域", "按路线巡视"},
    {"检查公共区域设施及清洁情况", "逐层检查"},
    {"夜间巡楼：A/B/C座及地下车库", "按路线巡查"},
    {"巡查消防通道及设备房", "按路线巡查"},
    {"开启大堂照明、检查门禁", "逐项检查"},
    {"核对访客登记及钥匙借用登记", "逐条核对"},
    {"检查快递存放区及代管物品", "清点核对"},
};
static const char *const duty_results[] = {"正常", "正常", "正常", "B座2楼走廊一盏灯不亮，已报工程部",
                                           "C座消防门未关，已关闭"};
static const struct {
    const char *content, *given_by, *relayed_to;
} memos[] = {
    {"工程部内联单：地下车库B区照明线路检修，需前台通知车主", "工程部 李工", "前台 李娜"},
    {"保洁部内联单：周六外墙清洗，请提前通知低层住户关窗", "保洁部 孙主管", "前台 王芳"},
    {"保安部内联单：本周消防演练，请前台做好解释工作", "保安部 赵刚", "前台 李娜"},
};
static const struct {
    const char *content, *given_by;
} instructions[] = {
    {"通知A座业户：明日9:00-12:00停水检修", "客服部经理 刘洋"},
    {"核对本月新入住业户的紧急联系人资料", "客服部经理 刘洋"},
    {"集团领导检查：大堂及电梯厅卫生须于今日整改", "集团 王总"},
};

/* The counts the book starts with, by position in the configured inventory. */
static long baseline(size_t item)
{
    static const long counts[] = {48, 6, 2, 12, 3};
    return item < COUNT(counts) ? counts[item] : 1;
}

fd_status gen_handover_start(gen *g, fd_error *err)
{
    gen_handover *h = fd_alloc(sizeof *h);
    g->handover = h;
    size_t n = g->cfg->inventory_items.count;
    h->counts = fd_alloc((n ? n : 1) * sizeof *h->counts);
    for (size_t i = 0; i < n; i++)
        h->counts[i] = baseline(i);
    g->counts.shifts = 1;
    return fd_shift_open(g->d, gen_manager(g, g->clock), g->first_shift, &h->shift_id, err);
}

void gen_handover_free(gen *g)
{
    if (!g->handover)
        return;
    free(g->handover->open);
    free(g->handover->counts);
    FD_FREE(g->handover);
}

/* A shift's agenda: progress on what it carried in, its entries, and its handover. */
static void plan_shift(gen *g, fd_time start, int64_t entries)
{
    fd_date day = fd_date_of(start);
    int first = (int)((start - fd_date_start(day)) / MINUTE);
    gen_plan(g, start + 45 * MINUTE, PROC_HANDOVER, PROGRESS, 0);
    for (int64_t i = 0; i < entries; i++)
        gen_plan(g, gen_between(g, day, first + 15, first + 11 * 60 + 30), PROC_HANDOVER, ENTRY,
                 start > fd_date_start(day) + 12 * HOUR);
    gen_plan(g, start + SHIFT - 20 * MINUTE, PROC_HANDOVER, BEGIN, 0);
    gen_plan(g, start + SHIFT, PROC_HANDOVER, SIGN, 0);
}

void gen_handover_plan_day(gen *g, fd_date day, int64_t entries)
{
    int64_t by_day = entries * 3 / 5;
    plan_shift(g, fd_date_start(day) + 8 * HOUR, by_day);
    plan_shift(g, fd_date_start(day) + 20 * HOUR, entries - by_day);
}

/* ---- entries ---- */

static void add_followup(gen *g, int64_t entry_id)
{
    gen_handover *h = g->handover;
    h->open = fd_realloc(h->open, (h->open_count + 1) * sizeof *h->open);
    h->open[h->open_count++] = (followup){entry_id, h->shift_id, (int)gen_below(&g->rng, 3)};
}

static void fill_entry(gen *g, fd_entry_form *f, bool night)
{
    uint32_t roll = gen_below(&g->rng, 100);
    if (roll < 50) {
        int i = (int)gen_below(&g->rng, COUNT(duties));
        *f = (fd_entry_form){.kind = FD_ENTRY_DUTY, .content = duties[i].content,
                             .handling = duties[i].handling, .result = GEN_PICK(&g->rng, duty_results)};
    } else if (roll < 75) {
        int i = (int)gen_below(&g->rng, DEMO_INCIDENTS);
        *f = (fd_entry_form){.kind = FD_ENTRY_INCIDENT, .content = demo_incidents[i].content,
                             .reporter = demo_incidents[i].reporter, .handling = demo_incidents[i].handling,
                             .superior = night ? "物业经理 孙强" : NULL, .result = "已处理"};
    } else if (roll < 87) {
        int i = (int)gen_below(&g->rng, COUNT(memos));
        *f = (fd_entry_form){.kind = FD_ENTRY_MEMO, .content = memos[i].content,
                             .given_by = memos[i].given_by, .relayed_to = memos[i].relayed_to,
                             .result = "已按要求通知"};
    } else {
        int i = (int)gen_below(&g->rng, COUNT(instructions));
        *f = (fd_entry_form){.kind = roll < 95 ? FD_ENTRY_INSTRUCTION : FD_ENTRY_LEADERSHIP,
                             .content = instructions[i].content, .given_by = instructions[i].given_by,
                             .relayed_to = "前台", .result = "已完成",
                             .reported_to = instructions[i].given_by};
    }
}

/* By day the desk staff keep the duty log beside the duty manager. */
static const fd_actor *writer(gen *g, const fd_entry_form *f, bool night)
{
    bool log = f->kind == FD_ENTRY_DUTY || f->kind == FD_ENTRY_INCIDENT;
    if (log && !night && gen_chance(&g->rng, 400))
        return gen_chance(&g->rng, 500) ? &g->cast.receptionist : &g->cast.assistant;
    return gen_manager(g, g->clock);
}

static fd_status do_entry(gen *g, bool night, fd_error *err)
{
    fd_entry_form f;
    fill_entry(g, &f, night);
    f.at = g->clock - gen_below(&g->rng, 10 * MINUTE);
    if (f.reported_to)
        f.reported_at = g->clock;
    const fd_actor *who = writer(g, &f, night);
    /* Three in a hundred of the duty manager's own duties, incidents and memos are
     * left for the next shift to follow up. */
    bool mark = who->role == FD_ROLE_DUTY_MANAGER && !f.reported_to && gen_chance(&g->rng, 30);
    if (mark) {
        f.mark = gen_chance(&g->rng, 500) ? FD_FOLLOW_FOLLOW : FD_FOLLOW_SUPERVISE;
        f.follow_up = "请下一班继续跟进处理结果";
    }
    int64_t id;
    fd_status s = fd_handover_write(g->d, who, g->handover->shift_id, &f, &id, err);
    if (s == FD_OK && mark)
        add_followup(g, id);
    if (s == FD_OK)
        g->counts.entries++;
    return s;
}

/* ---- follow-ups ---- */

static fd_status progress_one(gen *g, followup *f, bool *done, fd_error *err)
{
    *done = f->shifts_left-- == 0;
    fd_progress_form p = {.shift_id = g->handover->shift_id, .entry_id = f->entry_id,
                          .note = *done ? "已处理完毕，闭环" : "已跟进，尚在处理中", .done = *done};
    return fd_handover_progress(g->d, gen_manager(g, g->clock), &p, err);
}

/* Every follow-up carried in gets its note before the shift may hand over. */
static fd_status do_progress(gen *g, fd_error *err)
{
    gen_handover *h = g->handover;
    fd_status s = FD_OK;
    size_t kept = 0;
    for (size_t i = 0; i < h->open_count; i++) {
        bool done = false;
        if (s == FD_OK && h->open[i].shift_id != h->shift_id)
            s = progress_one(g, &h->open[i], &done, err);
        if (!done)
            h->open[kept++] = h->open[i];
    }
    h->open_count = kept;
    return s;
}

/* ---- handing over ---- */

static fd_status do_begin(gen *g, fd_error *err)
{
    gen_handover *h = g->handover;
    const fd_actor *out = gen_manager(g, g->clock);
    fd_status s = fd_handover_begin(g->d, out, h->shift_id, NULL, err);
    for (size_t i = 0; s == FD_OK && i < g->cfg->inventory_items.count; i++)
        s = fd_handover_count(g->d, out, h->shift_id, i, h->counts[i], NULL, err);
    return s == FD_OK ? fd_handover_carry_rest(g->d, out, h->shift_id, err) : s;
}

static fd_status do_sign(gen *g, fd_error *err)
{
    gen_handover *h = g->handover;
    const fd_actor *out = gen_manager(g, g->clock - MINUTE), *in = gen_manager(g, g->clock);
    size_t n = g->cfg->inventory_items.count;
    fd_count_confirm *confirm = fd_alloc((n ? n : 1) * sizeof *confirm);
    for (size_t i = 0; i < n; i++)
        confirm[i].count = h->counts[i];
    fd_status s = fd_handover_sign(g->d, out, in, h->shift_id, confirm, n, &h->shift_id, err);
    free(confirm);
    if (s == FD_OK)
        g->counts.shifts++;
    return s;
}

fd_status gen_handover_play(gen *g, const gen_action *a, fd_error *err)
{
    switch ((step)GEN_STEP_OF(a->kind)) {
    case ENTRY: return do_entry(g, a->slot != 0, err);
    case PROGRESS: return do_progress(g, err);
    case BEGIN: return do_begin(g, err);
    case SIGN: return do_sign(g, err);
    }
    return fd_fail(err, FD_USAGE, NULL, "unknown handover step");
}
