/* The demo week of the handover book (fd_demo_handover in frontdesk/demo.h): two duty
 * managers taking turns, day shift 08:00-20:00 and night shift 20:00-08:00, written
 * through the book's own operations under a clock the demo moves. Each shift is
 * planned as an agenda and played in time order: routine duties and the desk's duty
 * log, incidents drawn from a fixed-seed generator, and a few stories — follow-ups
 * carried from shift to shift until done, a leadership instruction reported back, an
 * instruction finished in its shift, a later note, an inventory difference explained,
 * a refused handover. It ends with the current shift open in 张伟's hands and a
 * follow-up he has yet to record progress on. */
#include "frontdesk/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_data.h"
#include "frontdesk/handover.h"
#include "frontdesk/staff.h"

enum { HOUR = 3600, MINUTE = 60, SHIFT = 12 * HOUR, WEEK_DAYS = 7, ACTS = 16, STORIES = 4 };

/* A story written `shift` shifts before the current one, continued by one note in each
 * following shift; the last note finishes it when done is set. */
typedef struct story {
    int shift, minute;
    fd_entry_form form;
    const char *notes[3];
    int note_count;
    bool done;
    const char *reported_to;
} story;

typedef struct demo demo;
typedef fd_status (*act_fn)(demo *m, int k, int arg, fd_error *err);

/* One thing done in shift k, minute minutes after it began. */
typedef struct act {
    int minute, order;
    act_fn fn;
    int arg;
} act;

struct demo {
    fd_desk *d;
    const fd_demo_cast *cast;
    fd_actor second;
    fd_time clock, now, first_start;
    int shifts; /* in the week, the current one included */
    uint64_t rng;
    int64_t shift_id;
    int64_t story_entry[STORIES];
    long *counts;
    act agenda[ACTS];
    int acts;
};

static const story stories[STORIES] = {
    {12, 150, {.kind = FD_ENTRY_INCIDENT, .content = "B座3楼消防管接头渗水，地面有积水",
               .reporter = "保安 陈刚", .handling = "关闭分区阀门，放置警示牌，通知工程部值班",
               .superior = "物业经理 孙强", .result = "渗水止住", .mark = FD_FOLLOW_FOLLOW,
               .follow_up = "请工程部白班更换阀门接头"},
     {"工程部已订购阀门接头，今日下午到货", "接头到货，约定明早施工", "接头已更换，试压正常，地面已清理"}, 3, true, NULL},
    {9, 100, {.kind = FD_ENTRY_LEADERSHIP, .content = "集团领导检查时要求：本周内完成冬季消防演练方案",
              .given_by = "集团 王总", .relayed_to = "客服部经理 刘洋", .mark = FD_FOLLOW_SUPERVISE,
              .follow_up = "请继续监管演练方案的编写进度"},
     {"客服部已起草方案初稿", "方案经物业经理审核通过，已报集团"}, 2, true, "集团 王总"},
    {6, 70, {.kind = FD_ENTRY_MEMO, .content = "工程部内联单：地下车库B区照明线路检修，需前台通知车主",
             .given_by = "工程部 李工", .relayed_to = "前台 李娜", .mark = FD_FOLLOW_FOLLOW,
             .follow_up = "请继续跟进检修进度，完工后撤除告示"},
     {"已在车库入口张贴告示，检修进行中", "检修完成，照明恢复，告示已撤除"}, 2, true, NULL},
    {2, 200, {.kind = FD_ENTRY_INCIDENT, .content = "2号电梯运行异响，业主来电反映",
              .reporter = "A-1203 业主", .handling = "暂停2号电梯，通知电梯维保单位",
              .mark = FD_FOLLOW_FOLLOW, .follow_up = "请继续跟进维保单位检修结果"},
     {"维保单位已到场，需更换导靴，配件明日到"}, 1, false, NULL},
};


/* Routine duties: when, what, and who writes it (0 the duty manager, 1 the
 * receptionist, 2 the assistant: their duty log). */
typedef struct duty {
    int minute;
    const char *content, *handling;
    int writer;
} duty;

static const duty day_duties[] = {
    {30, "接班检查：消防控制室、监控室设备运行", "逐项检查", 0},
    {120, "巡视大堂、休息区及公共区域", "按路线巡视", 1},
    {300, "检查公共区域设施及清洁情况", "逐层检查", 2},
};
static const duty night_duties[] = {
    {120, "夜间巡楼：A/B/C座及地下车库", "按路线巡查", 0},
    {360, "巡查消防通道及设备房", "按路线巡查", 0},
    {630, "开启大堂照明、检查门禁", "逐项检查", 0},
};

/* splitmix64 with a fixed seed: the same week on every machine. */
static int rng_below(demo *m, int n)
{
    uint64_t z = (m->rng += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return (int)((z ^ (z >> 31)) % (uint64_t)n);
}

/* How many shifts shift k stands before the current one. */
static int before_now(const demo *m, int k) { return m->shifts - 1 - k; }
static fd_time shift_start(const demo *m, int k) { return m->first_start + (fd_time)k * SHIFT; }

/* The current shift is 张伟's, so whoever logs in as 2001 holds the book. */
static const fd_actor *manager(const demo *m, int k)
{
    return before_now(m, k) % 2 == 0 ? &m->cast->duty_manager : &m->second;
}

static fd_status write_entry(demo *m, const fd_actor *who, fd_entry_form f, int64_t *id, fd_error *err)
{
    f.at = m->clock;
    return fd_handover_write(m->d, who, m->shift_id, &f, id, err);
}

/* ---- what a shift does ---- */

static fd_status do_duty(demo *m, int k, int i, fd_error *err)
{
    const duty *t = k % 2 ? &night_duties[i] : &day_duties[i];
    const fd_actor *writers[] = {manager(m, k), &m->cast->receptionist, &m->cast->assistant};
    fd_entry_form f = {.kind = FD_ENTRY_DUTY, .content = t->content, .handling = t->handling,
                       .result = rng_below(m, 4) ? "正常" : k % 2 ? "C座消防门未关，已关闭"
                                                                    : "B座2楼走廊一盏灯不亮，已报工程部"};
    return write_entry(m, writers[t->writer], f, NULL, err);
}

static fd_status do_incident(demo *m, int k, int i, fd_error *err)
{
    const demo_incident *in = &demo_incidents[i];
    fd_entry_form f = {.kind = FD_ENTRY_INCIDENT, .content = in->content, .reporter = in->reporter,
                       .handling = in->handling, .result = "已处理"};
    return write_entry(m, manager(m, k), f, NULL, err);
}

static fd_status do_story(demo *m, int k, int i, fd_error *err)
{
    return write_entry(m, manager(m, k), stories[i].form, &m->story_entry[i], err);
}

static fd_status do_note(demo *m, int k, int i, fd_error *err)
{
    const story *st = &stories[i];
    int step = st->shift - before_now(m, k);
    bool done = st->done && step == st->note_count;
    fd_progress_form p = {.shift_id = m->shift_id, .entry_id = m->story_entry[i],
                          .note = st->notes[step - 1], .done = done,
                          .reported_to = done ? st->reported_to : NULL};
    p.reported_at = p.reported_to ? m->clock - 10 * MINUTE : 0;
    return fd_handover_progress(m->d, manager(m, k), &p, err);
}

/* A superior's instruction done within the shift and reported back at once. */
static fd_status do_instruction(demo *m, int k, int arg, fd_error *err)
{
    (void)arg;
    fd_entry_form f = {.kind = FD_ENTRY_INSTRUCTION, .content = "通知A座业户：明日9:00-12:00停水检修",
                       .given_by = "客服部经理 刘洋", .relayed_to = "前台 王芳",
                       .result = "已在各单元门张贴通知，并短信告知业户",
                       .reported_to = "客服部经理 刘洋", .reported_at = m->clock};
    return write_entry(m, manager(m, k), f, NULL, err);
}

/* A later note on the first story, its shift long closed. */
static fd_status do_later_note(demo *m, int k, int arg, fd_error *err)
{
    (void)arg;
    return fd_handover_correct(m->d, manager(m, k), m->story_entry[0], FD_ENTRY_FIELD_NOTE,
                               "次日复查：阀门无渗漏", "补充复查结果", err);
}

/* ---- the agenda of one shift ---- */

static void plan(demo *m, int minute, act_fn fn, int arg)
{
    if (m->acts < ACTS)
        m->agenda[m->acts] = (act){minute, m->acts, fn, arg};
    m->acts++;
}

static int by_minute(const void *a, const void *b)
{
    const act *x = a, *y = b;
    return x->minute != y->minute ? x->minute - y->minute : x->order - y->order;
}

static void plan_shift(demo *m, int k)
{
    m->acts = 0;
    for (int i = 0; i < 3; i++)
        plan(m, (k % 2 ? night_duties : day_duties)[i].minute, do_duty, i);
    for (int i = 0; i < STORIES; i++) {
        int step = stories[i].shift - before_now(m, k);
        if (step == 0)
            plan(m, stories[i].minute, do_story, i);
        else if (step >= 1 && step <= stories[i].note_count)
            plan(m, 90 + 5 * i, do_note, i);
    }
    if (before_now(m, k) == 8)
        plan(m, 180, do_instruction, 0);
    if (before_now(m, k) == 7)
        plan(m, 100, do_later_note, 0);
    if (rng_below(m, 2) == 0)
        plan(m, 240 + rng_below(m, 180),
             do_incident, rng_below(m, DEMO_INCIDENTS));
    qsort(m->agenda, (size_t)m->acts, sizeof m->agenda[0], by_minute);
}

static fd_status play_shift(demo *m, int k, fd_error *err)
{
    plan_shift(m, k);
    fd_status s = FD_OK;
    for (int i = 0; s == FD_OK && i < m->acts; i++) {
        m->clock = shift_start(m, k) + m->agenda[i].minute * MINUTE;
        if (m->clock <= m->now)
            s = m->agenda[i].fn(m, k, m->agenda[i].arg, err);
    }
    return s;
}

/* ---- handing over ---- */

/* The outgoing manager counts: one shift a radio goes for repair, another a parcel is
 * taken in for an owner. */
static fd_status count_inventory(demo *m, int k, fd_error *err)
{
    const fd_string_list *items = &m->d->config->inventory_items;
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < items->count; i++) {
        const char *why = NULL;
        if (i == 1 && before_now(m, k) == 10) {
            m->counts[i]--;
            why = "一台对讲机天线损坏，交工程部送修";
        } else if (i + 1 == items->count && before_now(m, k) == 5) {
            m->counts[i]++;
            why = "新增A-1203业户寄存包裹一件";
        }
        s = fd_handover_count(m->d, manager(m, k), m->shift_id, i, m->counts[i], why, err);
    }
    return s;
}

/* The incoming manager finds the property held for others does not match the register
 * and refuses; the outgoing one writes it up and begins again. */
static fd_status refused_once(demo *m, int k, fd_time end, fd_error *err)
{
    const fd_actor *out = manager(m, k), *in = manager(m, k + 1);
    m->clock = end - 12 * MINUTE;
    fd_status s = fd_handover_refuse(m->d, out, in, m->shift_id,
                                     "代管物品与登记不符：A-1203业户寄存的包裹未登记", err);
    m->clock = end - 10 * MINUTE;
    fd_entry_form f = {.kind = FD_ENTRY_DUTY, .content = "补记：A-1203业户寄存包裹一件，已登记入代管物品",
                       .result = "已登记"};
    if (s == FD_OK)
        s = write_entry(m, out, f, NULL, err);
    m->clock = end - 8 * MINUTE;
    return s == FD_OK ? fd_handover_begin(m->d, out, m->shift_id, NULL, err) : s;
}

static fd_status hand_over(demo *m, int k, fd_error *err)
{
    const fd_actor *out = manager(m, k), *in = manager(m, k + 1);
    fd_time end = shift_start(m, k + 1);
    m->clock = end - 15 * MINUTE;
    fd_status s = fd_handover_begin(m->d, out, m->shift_id, NULL, err);
    if (s == FD_OK && before_now(m, k) == 5)
        s = refused_once(m, k, end, err);
    m->clock = end - 5 * MINUTE;
    if (s == FD_OK)
        s = count_inventory(m, k, err);
    if (s == FD_OK)
        s = fd_handover_carry_rest(m->d, out, m->shift_id, err);
    size_t n = m->d->config->inventory_items.count;
    fd_count_confirm *confirm = fd_alloc((n ? n : 1) * sizeof *confirm);
    for (size_t i = 0; i < n; i++)
        confirm[i].count = m->counts[i];
    m->clock = end;
    if (s == FD_OK)
        s = fd_handover_sign(m->d, out, in, m->shift_id, confirm, n, &m->shift_id, err);
    free(confirm);
    return s;
}

/* ---- the week ---- */

/* The counts the book starts with, by position in the configured inventory. */
static long baseline(size_t item)
{
    static const long counts[] = {48, 6, 2, 12, 3};
    return item < sizeof counts / sizeof counts[0] ? counts[item] : 1;
}

static fd_status play(demo *m, fd_error *err)
{
    m->clock = m->first_start;
    fd_status s = fd_shift_open(m->d, manager(m, 0), m->first_start, &m->shift_id, err);
    for (int k = 0; s == FD_OK && k < m->shifts; k++)
        if ((s = play_shift(m, k, err)) == FD_OK && k + 1 < m->shifts)
            s = hand_over(m, k, err);
    return s;
}

static fd_status second_manager(demo *m, fd_error *err)
{
    fd_status s = fd_staff_add(m->d, &m->cast->admin, "2002", "赵磊", FD_ROLE_DUTY_MANAGER, "2223", err);
    return s == FD_OK ? fd_staff_login(m->d, "2002", "2223", &m->second, err) : s;
}

fd_status fd_demo_handover(fd_desk *d, const fd_demo_cast *cast, fd_error *err)
{
    demo m = {.d = d, .cast = cast, .rng = 0x5EED0050u};
    m.now = fd_desk_now(d);
    m.first_start = fd_date_start(fd_date_of(m.now) - WEEK_DAYS) + 8 * HOUR;
    m.shifts = (int)((m.now - m.first_start) / SHIFT) + 1;
    size_t n = d->config->inventory_items.count;
    m.counts = fd_alloc((n ? n : 1) * sizeof *m.counts);
    for (size_t i = 0; i < n; i++)
        m.counts[i] = baseline(i);
    fd_clock real = d->clock;
    d->clock = fd_clock_fixed(&m.clock);
    m.clock = m.first_start - HOUR;
    fd_status s = second_manager(&m, err);
    if (s == FD_OK)
        s = play(&m, err);
    d->clock = real;
    free(m.counts);
    return s;
}
