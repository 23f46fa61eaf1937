/* The demo's week of the hotline and walk-in register, written through the register's
 * operations themselves under a clock that walks through the past week, so the audit
 * chain is the real one. */
#include <stdio.h>

#include "frontdesk/calls.h"
#include "frontdesk/demo.h"

enum { STORIES = 12 };

/* One thing that happened, in the order it happened; story numbers the entry. */
typedef enum op { TAKE, ANSWER, REFER, CLOSE, CORRECT, REPAIR, REPAIRED } op;
typedef enum role { DESK, ASSISTANT, DUTY } role;

typedef struct beat {
    int days_ago, hour, minute;
    int story;
    op op;
    role by;
    fd_call_channel channel;
    fd_call_matter matter;
    /* TAKE: caller, unit, phone, question, answer (NULL: none), department, done.
     * ANSWER: text. REFER: text (department), text2 (person). CLOSE: text (note).
     * CORRECT: field, text (value), text2 (reason). REPAIR (to engineering): text (what),
     * department, text2 (person). REPAIRED: text (who reported it), text2 (what was done). */
    const char *caller, *unit, *phone, *text, *text2, *department;
    bool done;
    fd_call_field field;
} beat;

#define AT(d, h, m, s, o, r) .days_ago = d, .hour = h, .minute = m, .story = s, .op = o, .by = r
static const beat week[] = {
    {AT(6, 9, 5, 0, TAKE, DESK), .channel = FD_CALL_PHONE, .matter = FD_MATTER_ENQUIRY,
     .caller = "杜芳平", .unit = "A-101", .phone = "13911112222",
     .text = "下周一小区停水几个小时？", .text2 = "周一9:00至13:00二次供水水箱清洗，请提前储水。", .done = true},
    {AT(6, 14, 30, 1, TAKE, DESK), .channel = FD_CALL_VISIT, .matter = FD_MATTER_SUGGESTION,
     .caller = "吴思", .unit = "A-102",
     .text = "建议在儿童游乐区加装遮阳棚。", .text2 = "已记录，转客服部汇总。", .department = "客服部", .done = true},
    {AT(5, 10, 20, 2, TAKE, ASSISTANT), .channel = FD_CALL_PHONE, .matter = FD_MATTER_REPAIR,
     .caller = "陈军", .unit = "A-103", .phone = "13700003333",
     .text = "客厅顶灯不亮，开关没反应。", .department = "工程部"},
    {AT(5, 15, 0, 2, ANSWER, ASSISTANT), .text = "工程部已上门，更换开关，灯已恢复。"},
    {AT(5, 15, 5, 2, CLOSE, ASSISTANT)},
    {AT(4, 21, 10, 3, TAKE, DUTY), .channel = FD_CALL_PHONE, .matter = FD_MATTER_HELP,
     .caller = "周春", .unit = "A-104", .phone = "13600004444",
     .text = "家中老人摔倒，需要帮忙扶上床。", .text2 = "保安两人已上门协助，老人无大碍。",
     .department = "保安部", .done = true},
    {AT(3, 11, 0, 4, TAKE, DESK), .channel = FD_CALL_VISIT, .matter = FD_MATTER_ENQUIRY,
     .caller = "一位访客", .text = "小区附近有没有公交站？", .text2 = "北门外两百米有公交站。", .done = true},
    {AT(2, 9, 40, 5, TAKE, DESK), .channel = FD_CALL_PHONE, .matter = FD_MATTER_REPAIR,
     .caller = "杜鹏霞", .unit = "A-201", .phone = "13500005555",
     .text = "阳台地漏返水，已经流到客厅。\n希望今天有人来看。", .department = "工程部"},
    {AT(2, 9, 50, 5, CORRECT, DESK), .field = FD_CALL_FIELD_PHONE, .text = "13500005566",
     .text2 = "业主回电更正号码"},
    {AT(2, 16, 0, 5, ANSWER, DESK), .text = "工程部已疏通地漏，明天复查。"},
    {AT(1, 10, 30, 6, TAKE, DESK), .channel = FD_CALL_PHONE, .matter = FD_MATTER_COMPLAINT,
     .caller = "唐佳", .unit = "A-202", .phone = "13400006666",
     .text = "楼下餐馆油烟太大，窗户都不敢开。", .department = "客服部"},
    {AT(0, 8, 35, 7, TAKE, DESK), .channel = FD_CALL_PHONE, .matter = FD_MATTER_ENQUIRY,
     .caller = "吴鹏刚", .unit = "A-103", .phone = "13300007777",
     .text = "物业费可以用微信缴纳吗？", .text2 = "可以，关注物业公众号后在线缴纳。", .done = true},
    {AT(0, 9, 20, 8, TAKE, DESK), .channel = FD_CALL_VISIT, .matter = FD_MATTER_OTHER,
     .caller = "顾霞", .unit = "A-102",
     .text = "想借用会所活动室周六办生日会。", .department = "客服部"},
    /* A dripping tap handed to engineering in the morning, reported fixed after lunch. */
    {AT(4, 8, 40, 9, TAKE, DESK), .channel = FD_CALL_PHONE, .matter = FD_MATTER_REPAIR,
     .caller = "杜志强", .unit = "A-203", .phone = "13200008888", .text = "卫生间水龙头一直滴水。"},
    {AT(4, 8, 45, 9, REPAIR, DESK), .text = "卫生间水龙头滴水，需更换阀芯。", .department = "工程部",
     .text2 = "王师傅"},
    {AT(4, 14, 30, 9, REPAIRED, DESK), .text = "王师傅", .text2 = "已更换水龙头阀芯，试水正常。"},
    {AT(3, 17, 0, 10, TAKE, DESK), .channel = FD_CALL_VISIT, .matter = FD_MATTER_SUGGESTION,
     .caller = "周婷", .unit = "A-201", .text = "建议在快递柜旁加装雨棚，下雨天取件方便些。",
     .text2 = "谢谢建议，已记录，转客服部汇总报物业经理。", .department = "客服部", .done = true},
    /* A stairwell light still with engineering. */
    {AT(1, 16, 20, 11, TAKE, ASSISTANT), .channel = FD_CALL_PHONE, .matter = FD_MATTER_REPAIR,
     .caller = "唐鹏", .unit = "A-204", .phone = "13100009999", .text = "四楼楼道感应灯不亮。"},
    {AT(1, 16, 25, 11, REPAIR, ASSISTANT), .text = "A座四楼楼道感应灯不亮。", .department = "工程部"},
};
#undef AT

static const fd_actor *actor(const fd_demo_cast *cast, role r)
{
    switch (r) {
    case ASSISTANT: return &cast->assistant;
    case DUTY: return &cast->duty_manager;
    default: return &cast->receptionist;
    }
}

static fd_status take(fd_desk *d, const fd_actor *who, const beat *b, int64_t *id, fd_error *err)
{
    fd_call_intake in = {
        .channel = b->channel, .caller = b->caller, .unit = b->unit, .phone = b->phone,
        .matter = b->matter, .question = b->text, .answer = b->text2,
        .department = b->department, .done = b->done,
    };
    return fd_call_take(d, who, &in, id, err);
}

static fd_status run_beat(fd_desk *d, const fd_actor *who, const beat *b, int64_t ids[],
                          int64_t repairs[], fd_error *err)
{
    int64_t id = ids[b->story];
    switch (b->op) {
    case TAKE: return take(d, who, b, &ids[b->story], err);
    case ANSWER: return fd_call_answer(d, who, id, b->text, err);
    case REFER: return fd_call_refer(d, who, id, b->text, b->text2, err);
    case CLOSE: return fd_call_close(d, who, id, b->text, err);
    case CORRECT: return fd_call_correct(d, who, id, b->field, b->text, b->text2, err);
    case REPAIR: {
        fd_repair_handover h = {b->text, b->department, b->text2};
        return fd_call_to_repair(d, who, id, &h, &repairs[b->story], err);
    }
    case REPAIRED: return fd_repair_done(d, who, repairs[b->story], b->text, 0, b->text2, err);
    }
    return FD_OK;
}

fd_status fd_demo_calls(fd_desk *d, const fd_demo_cast *cast, fd_error *err)
{
    fd_time now = fd_desk_now(d);
    fd_date today = fd_date_of(now);
    fd_time clock;
    int64_t ids[STORIES] = {0}, repairs[STORIES] = {0};
    fd_clock saved = d->clock;
    d->clock = fd_clock_fixed(&clock);
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < sizeof week / sizeof week[0]; i++) {
        const beat *b = &week[i];
        clock = fd_date_start(today - b->days_ago) + b->hour * 3600 + b->minute * 60;
        if (clock > now)
            continue; /* this morning's calls still to come: the desk has not taken them yet */
        s = run_beat(d, actor(cast, b->by), b, ids, repairs, err);
    }
    d->clock = saved;
    return s;
}
