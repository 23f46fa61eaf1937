/* The demo's week of complaints, written through the complaint operations themselves
 * under a clock that walks through the past week, so the audit chain is the real one. */
#include <stdio.h>
#include <string.h>

#include "base/directory_in_full.h"
#include "frontdesk/complaints.h"
#include "frontdesk/demo.h"
#include "frontdesk/directory.h"

enum { OCCUPANTS_MAX = 64, STORIES = 12 };

typedef struct occupant {
    int64_t id;
    char phone[40];
} occupant;

typedef struct demo {
    fd_desk *d;
    const fd_demo_cast *cast;
    fd_time clock;       /* what the desk's clock reads while the demo writes */
    fd_date today;
    uint32_t seed;
    occupant occupants[OCCUPANTS_MAX];
    int occupant_count;
    int64_t ids[STORIES]; /* each story's complaint */
} demo;

/* xorshift32: the same week on every machine. */
static uint32_t next_random(demo *m)
{
    m->seed ^= m->seed << 13;
    m->seed ^= m->seed >> 17;
    m->seed ^= m->seed << 5;
    return m->seed;
}

static void collect_occupant(void *ctx, const fd_dir_entry *e)
{
    demo *m = ctx;
    if (m->occupant_count >= OCCUPANTS_MAX)
        return;
    occupant *o = &m->occupants[m->occupant_count++];
    o->id = e->id;
    snprintf(o->phone, sizeof o->phone, "%s", e->phone ? e->phone : "");
}

/* One thing that happened in the week, in the order it happened. story numbers the
 * complaint it concerns; the texts mean what each operation takes (see run_beat). */
typedef enum op { RECEIVE, ASSIGN, RECTIFY, VISIT, CLOSE, ESCALATE } op;
typedef enum role { DESK, ASSISTANT, DUTY, MANAGER } role;

typedef struct beat {
    int days_ago, hour, minute;
    int story;
    op op;
    role by;
    int sort, channel, category, severity; /* RECEIVE; VISIT: channel is the method */
    const char *text, *text2, *text3;
} beat;

#define AT(d, h, m, s, o, r) .days_ago = d, .hour = h, .minute = m, .story = s, .op = o, .by = r
#define INTAKE(so, ch, ca, se) .sort = so, .channel = ch, .category = ca, .severity = se
#define SAT(level) .severity = FD_SATISFACTION_##level
static const beat week[] = {
    {AT(6, 9, 20, 0, RECEIVE, DESK), INTAKE(FD_SORT_COMPLAINT, FD_CHANNEL_PHONE, FD_CATEGORY_FACILITIES, FD_SEVERITY_MAJOR),
     .text = "2号电梯运行时有异响，轿厢明显晃动，老人孩子不敢乘坐。\n请尽快检修。"},
    {AT(6, 9, 35, 0, ASSIGN, DESK), .text = "工程部", .text2 = "已电话通知工程部值班"},
    {AT(6, 15, 0, 1, RECEIVE, DESK), INTAKE(FD_SORT_COMPLAINT, FD_CHANNEL_PHONE, FD_CATEGORY_EMERGENCY, FD_SEVERITY_MAJOR),
     .text = "卫生间水管爆裂，报修后物业半小时才到场，地板已泡坏。"},
    {AT(6, 15, 10, 1, ASSIGN, DESK), .text = "工程部"},
    {AT(6, 16, 10, 0, RECTIFY, DESK), .text = "更换导靴衬，调整对重平衡，试运行三十次",
     .text2 = "运行平稳，无异响", .text3 = "工程部 王建国"},
    {AT(5, 9, 0, 2, RECEIVE, ASSISTANT), INTAKE(FD_SORT_SURVEY, FD_CHANNEL_OTHER, FD_CATEGORY_FACILITIES, 0),
     .text = "满意度调查：小区中心绿地杂草较多，喷灌经常漏水。"},
    {AT(5, 10, 5, 0, VISIT, ASSISTANT), .channel = FD_METHOD_PHONE, SAT(SATISFIED), .text = "业主表示电梯已正常"},
    {AT(5, 14, 10, 3, RECEIVE, DESK), INTAKE(FD_SORT_COMPLAINT, FD_CHANNEL_VISIT, FD_CATEGORY_MAIL, FD_SEVERITY_GENERAL),
     .text = "前台代收的快递三天没有通知，包裹被直接放在家门口。"},
    {AT(5, 14, 20, 3, ASSIGN, DESK), .text = "客服部"},
    {AT(5, 17, 30, 0, CLOSE, MANAGER)},
    {AT(4, 10, 0, 2, ASSIGN, ASSISTANT), .text = "绿化部"},
    {AT(4, 11, 0, 3, RECTIFY, DESK), .text = "代收快递当日短信通知，前台每日两次电话提醒",
     .text2 = "已补发通知", .text3 = "客服部 李娜"},
    {AT(4, 17, 0, 4, RECEIVE, DESK), INTAKE(FD_SORT_SPECIAL, FD_CHANNEL_PHONE, FD_CATEGORY_OTHER, 0),
     .text = "特约服务：全屋开荒保洁，已送达缴费通知单。", .text2 = "保洁部"},
    {AT(4, 21, 45, 5, RECEIVE, DUTY), INTAKE(FD_SORT_COMPLAINT, FD_CHANNEL_PHONE, FD_CATEGORY_OTHER, FD_SEVERITY_GENERAL),
     .text = "楼上晚上九点以后还在装修打钻，影响休息。"},
    {AT(4, 21, 50, 5, ASSIGN, DUTY), .text = "保安部", .text2 = "夜班巡逻到场制止"},
    {AT(3, 8, 50, 6, RECEIVE, DESK), INTAKE(FD_SORT_COMPLAINT, FD_CHANNEL_PHONE, FD_CATEGORY_VEHICLES, FD_SEVERITY_GENERAL),
     .text = "地下车库B区有外来车辆连续两天占用我的固定车位。"},
    {AT(3, 9, 5, 6, ASSIGN, DESK), .text = "保安部"},
    {AT(3, 9, 30, 5, RECTIFY, DESK), .text = "向装修户重申施工时间（8:00-12:00，14:00-18:00），夜间加强巡查",
     .text2 = "当晚停止施工，装修户已签承诺书", .text3 = "保安部 赵刚"},
    {AT(3, 10, 30, 4, VISIT, ASSISTANT), .channel = FD_METHOD_PHONE, SAT(SATISFIED), .text = "对保洁效果满意"},
    {AT(3, 11, 0, 4, CLOSE, MANAGER)},
    {AT(3, 15, 40, 3, VISIT, ASSISTANT), .channel = FD_METHOD_VISIT, SAT(DISSATISFIED),
     .text = "仍有包裹放在门口，业主要求送货上门前先电话确认"},
    {AT(2, 10, 0, 3, RECTIFY, DESK), .text = "指定专人负责该楼栋快递，上门前先电话确认",
     .text2 = "业主同意新的安排", .text3 = "客服部 王芳"},
    {AT(2, 11, 30, 7, RECEIVE, DESK), INTAKE(FD_SORT_COMPLAINT, FD_CHANNEL_VISIT, FD_CATEGORY_ATTITUDE, FD_SEVERITY_MAJOR),
     .text = "保洁员在电梯厅大声训斥业主的孩子，态度恶劣，业主要求道歉。"},
    {AT(2, 11, 45, 7, ESCALATE, MANAGER), .text = "业主情绪激动，由客服部经理亲自处理"},
    {AT(2, 14, 0, 7, ASSIGN, MANAGER), .text = "保洁部", .text2 = "当面道歉并约谈当事员工"},
    {AT(2, 16, 0, 2, RECTIFY, ASSISTANT), .text = "书面整改措施：每周两次除草，更换漏水喷头六个",
     .text2 = "已完成除草和喷头更换", .text3 = "绿化部 孙师傅"},
    {AT(2, 19, 0, 5, VISIT, ASSISTANT), .channel = FD_METHOD_PHONE, SAT(BASICALLY), .text = "最近晚上安静了"},
    {AT(1, 9, 10, 8, RECEIVE, ASSISTANT), INTAKE(FD_SORT_SURVEY, FD_CHANNEL_OTHER, FD_CATEGORY_ATTITUDE, 0),
     .text = "满意度调查：希望前台接电话时先报姓名。"},
    {AT(1, 10, 15, 9, RECEIVE, DESK), INTAKE(FD_SORT_COMPLAINT, FD_CHANNEL_LETTER, FD_CATEGORY_CARRY_OUT, FD_SEVERITY_GENERAL),
     .text = "搬家时保安不认可业主手写的放行条，耽误了一个小时。"},
    {AT(1, 16, 20, 3, VISIT, ASSISTANT), .channel = FD_METHOD_VISIT, SAT(SATISFIED), .text = "近两天快递均按约定送达"},
    {AT(1, 17, 0, 3, CLOSE, MANAGER), .text = "两次整改后满意"},
};
#undef SAT
#undef INTAKE
#undef AT

static const fd_actor *actor(const demo *m, role r)
{
    switch (r) {
    case ASSISTANT: return &m->cast->assistant;
    case DUTY: return &m->cast->duty_manager;
    case MANAGER: return &m->cast->cs_manager;
    default: return &m->cast->receptionist;
    }
}

/* A complaint by an occupant picked from the directory. */
static fd_status receive(demo *m, const beat *b, fd_error *err)
{
    const occupant *o = &m->occupants[next_random(m) % (uint32_t)m->occupant_count];
    char phone[40];
    snprintf(phone, sizeof phone, "%s", o->phone[0] ? o->phone : "13910002000");
    fd_complaint_intake in = {
        .sort = (fd_complaint_sort)b->sort, .occupant_id = o->id, .phone = phone,
        .channel = (fd_complaint_channel)b->channel, .content = b->text,
        .category = (fd_complaint_category)b->category, .severity = (fd_complaint_severity)b->severity,
        .department = b->text2,
    };
    return fd_complaint_receive(m->d, actor(m, b->by), &in, &m->ids[b->story], err);
}

/* Confirmed on the contact's number when by phone, signed on paper in person. */
static fd_status visit(demo *m, const beat *b, fd_error *err)
{
    int64_t id = m->ids[b->story];
    fd_complaint_detail c;
    fd_status s = fd_complaint_get(m->d, &m->cast->cs_manager, id, &c, err);
    if (s != FD_OK)
        return s;
    bool phone = b->channel == FD_METHOD_PHONE;
    fd_complaint_visit v = {
        .method = (fd_complaint_method)b->channel, .result = b->text,
        .satisfaction = (fd_complaint_satisfaction)b->severity,
        .ack = phone ? FD_ACK_PHONE : FD_ACK_SIGNED, .ack_phone = phone ? c.phone : NULL,
    };
    s = fd_complaint_visit_record(m->d, actor(m, b->by), id, &v, err);
    fd_complaint_detail_free(&c);
    return s;
}

static fd_status run_beat(demo *m, const beat *b, fd_error *err)
{
    m->clock = fd_date_start(m->today - b->days_ago) + b->hour * 3600 + b->minute * 60;
    int64_t id = m->ids[b->story];
    const fd_actor *who = actor(m, b->by);
    switch (b->op) {
    case RECEIVE: return receive(m, b, err);
    case ASSIGN: return fd_complaint_assign(m->d, who, id, b->text, b->text2, err);
    case RECTIFY:
        return fd_complaint_rectify(m->d, who, id,
                                    &(fd_complaint_rectification){b->text, b->text2, b->text3, 0}, err);
    case VISIT: return visit(m, b, err);
    case CLOSE: return fd_complaint_close(m->d, who, id, b->text, err);
    case ESCALATE: return fd_complaint_escalate(m->d, who, NULL, id, b->text, err);
    }
    return FD_OK;
}

fd_status fd_demo_complaints(fd_desk *d, const fd_demo_cast *cast, fd_error *err)
{
    demo m = {.d = d, .cast = cast, .today = fd_date_of(fd_desk_now(d)), .seed = 20261127};
    /* The complaints take the occupants' own numbers, whoever the demo's staff are. */
    fd_status s = fd_directory_search_in_full(d, FD_DIR_OCCUPANT, "", OCCUPANTS_MAX,
                                              collect_occupant, &m, err);
    if (s != FD_OK)
        return s;
    if (m.occupant_count == 0)
        return FD_OK; /* no directory, nobody to complain */
    fd_clock saved = d->clock;
    d->clock = fd_clock_fixed(&m.clock);
    for (size_t i = 0; s == FD_OK && i < sizeof week / sizeof week[0]; i++)
        s = run_beat(&m, &week[i], err);
    d->clock = saved;
    return s;
}
