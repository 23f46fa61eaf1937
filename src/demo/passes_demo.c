/* The demo's week of carry-out and carry-in passes, written through the passes'
 * operations themselves under a clock that walks through the past week, so the audit
 * chain is the real one. */
#include <stdio.h>

#include "frontdesk/demo.h"
#include "frontdesk/directory.h"
#include "frontdesk/passes.h"

enum { STORIES = 10, ITEMS = 3 };

/* One thing that happened, in the order it happened; story numbers the pass. */
typedef enum op { FILE_SEAL, FILE_LETTER, ISSUE, CONFIRM, REFUSE, VOID } op;
typedef enum role { DESK, ASSISTANT, DUTY } role;

typedef struct beat {
    int days_ago, hour, minute;
    int story;
    op op;
    role by;
    const char *company;
    /* FILE_LETTER: signer, valid for days more. ISSUE: the rest. REFUSE: hazard, text.
     * VOID: text. */
    fd_pass_direction direction;
    const char *carrier, *doc, *signer, *text;
    int from, to; /* minutes of the day */
    bool scheduled, sealed;
    int days_valid;
    fd_pass_hazard hazard;
    fd_pass_item_input items[ITEMS];
} beat;

static const char chenxing[] = "北京辰星科技有限公司";
static const char huaxinda[] = "北京华信达会计师事务所";
static const char boyuan[] = "北京博远文化传媒有限公司";

#define AT(d, h, m, s, o, r) .days_ago = d, .hour = h, .minute = m, .story = s, .op = o, .by = r
#define HM(h, m) ((h) * 60 + (m))
static const beat week[] = {
    {AT(6, 8, 50, 0, FILE_SEAL, DUTY), .company = chenxing},
    {AT(6, 8, 55, 0, FILE_LETTER, DUTY), .company = huaxinda, .signer = "周启明", .days_valid = 60},
    {AT(6, 9, 0, 0, FILE_SEAL, DUTY), .company = boyuan},
    {AT(6, 9, 50, 1, ISSUE, DESK), .company = chenxing, .direction = FD_PASS_OUT,
     .carrier = "王建国", .doc = "110105196803150011", .from = HM(10, 0), .to = HM(11, 0),
     .sealed = true, .items = {{"旧台式电脑", 4, "台"}, {"显示器", 4, "台"}}},
    {AT(6, 10, 20, 1, CONFIRM, DESK)},
    {AT(5, 13, 40, 2, ISSUE, ASSISTANT), .company = huaxinda, .direction = FD_PASS_IN,
     .carrier = "李强", .doc = "130102198507211215", .from = HM(14, 0), .to = HM(15, 0),
     .scheduled = true, .items = {{"文件柜", 2, "个"}}},
    {AT(5, 14, 30, 2, CONFIRM, ASSISTANT)},
    {AT(4, 9, 30, 3, ISSUE, DESK), .company = huaxinda, .direction = FD_PASS_OUT,
     .carrier = "赵师傅", .doc = "11010819760214441X", .from = HM(9, 30), .to = HM(11, 0),
     .signer = "周启明", .items = {{"激光打印机", 1, "台"}, {"碎纸机", 1, "台"}}},
    {AT(4, 10, 5, 3, CONFIRM, DESK)},
    {AT(3, 14, 50, 4, ISSUE, DESK), .company = boyuan, .direction = FD_PASS_IN,
     .carrier = "孙师傅", .doc = "110102197910083315", .from = HM(15, 0), .to = HM(16, 0),
     .items = {{"乳胶漆", 3, "桶"}, {"稀释剂", 2, "桶"}}},
    {AT(3, 15, 20, 4, REFUSE, DESK), .hazard = FD_HAZARD_FLAMMABLE,
     .text = "稀释剂属易燃品，不得带入大厦；乳胶漆请另开证。"},
    {AT(2, 9, 0, 5, ISSUE, DESK), .company = chenxing, .direction = FD_PASS_OUT,
     .carrier = "王建国", .doc = "110105196803150011", .from = HM(9, 30), .to = HM(10, 30),
     .sealed = true, .items = {{"会议椅", 6, "把"}}},
    {AT(2, 9, 10, 5, VOID, DESK), .text = "数量填错，实为八把，重开。"},
    {AT(2, 9, 12, 6, ISSUE, DESK), .company = chenxing, .direction = FD_PASS_OUT,
     .carrier = "王建国", .doc = "110105196803150011", .from = HM(9, 30), .to = HM(10, 30),
     .sealed = true, .items = {{"会议椅", 8, "把"}}},
    {AT(2, 9, 40, 6, CONFIRM, DESK)},
    {AT(1, 16, 0, 7, ISSUE, ASSISTANT), .company = boyuan, .direction = FD_PASS_OUT,
     .carrier = "搬家公司 刘队长", .doc = "11010619821130553X", .from = HM(18, 0), .to = HM(20, 0),
     .scheduled = true, .sealed = true,
     .items = {{"办公桌", 6, "张"}, {"办公椅", 12, "把"}, {"纸箱", 20, "个"}}},
    {AT(0, 8, 40, 8, ISSUE, DESK), .company = huaxinda, .direction = FD_PASS_IN,
     .carrier = "送水工 马师傅", .doc = "110105199001017714", .from = HM(9, 0), .to = HM(10, 0),
     .items = {{"饮水机", 1, "台"}}},
    {AT(0, 9, 15, 8, CONFIRM, DESK)},
    {AT(0, 9, 30, 9, ISSUE, DESK), .company = chenxing, .direction = FD_PASS_OUT,
     .carrier = "王建国", .doc = "110105196803150011", .from = HM(10, 30), .to = HM(12, 0),
     .scheduled = true, .sealed = true, .items = {{"服务器机柜", 1, "个"}, {"网络交换机", 2, "台"}}},
};
#undef HM
#undef AT

static const fd_actor *actor(const fd_demo_cast *cast, role r)
{
    switch (r) {
    case ASSISTANT: return &cast->assistant;
    case DUTY: return &cast->duty_manager;
    default: return &cast->receptionist;
    }
}

static void found(void *ctx, const fd_dir_entry *e)
{
    *(int64_t *)ctx = e->id;
}

static fd_status company_id(fd_desk *d, const char *name, int64_t *id, fd_error *err)
{
    *id = 0;
    fd_status s = fd_directory_search(d, NULL, FD_DIR_COMPANY, name, 1, found, id, err);
    if (s == FD_OK && *id == 0)
        s = fd_fail(err, FD_NOT_FOUND, NULL, "demo: no company %s", name);
    return s;
}

static int item_count(const beat *b)
{
    int n = 0;
    while (n < ITEMS && b->items[n].name)
        n++;
    return n;
}

static fd_status issue(fd_desk *d, const fd_actor *who, const beat *b, int64_t *id, fd_error *err)
{
    fd_pass_input in = {
        .direction = b->direction, .carrier = b->carrier, .doc_type = FD_DOC_RESIDENT_ID,
        .doc_number = b->doc, .window_from = b->from, .window_to = b->to,
        .scheduled = b->scheduled, .sealed = b->sealed, .signer = b->signer,
        .items = b->items, .item_count = item_count(b),
    };
    fd_status s = company_id(d, b->company, &in.company_id, err);
    return s != FD_OK ? s : fd_pass_issue(d, who, &in, id, NULL, err);
}

static fd_status file(fd_desk *d, const fd_actor *who, const beat *b, fd_error *err)
{
    fd_pass_authority_input in = {
        .kind = b->op == FILE_SEAL ? FD_AUTHORITY_SEAL : FD_AUTHORITY_LETTER,
        .signer = b->signer,
        .valid_until = fd_date_of(fd_desk_now(d)) + b->days_valid,
    };
    fd_status s = company_id(d, b->company, &in.company_id, err);
    return s != FD_OK ? s : fd_pass_authority_file(d, who, &in, NULL, err);
}

static fd_status run_beat(fd_desk *d, const fd_actor *who, const beat *b, int64_t ids[], fd_error *err)
{
    int64_t id = ids[b->story];
    switch (b->op) {
    case FILE_SEAL:
    case FILE_LETTER: return file(d, who, b, err);
    case ISSUE: return issue(d, who, b, &ids[b->story], err);
    case CONFIRM: return fd_pass_confirm(d, who, id, err);
    case REFUSE: return fd_pass_refuse(d, who, id, b->hazard, b->text, err);
    case VOID: return fd_pass_void(d, who, id, b->text, err);
    }
    return FD_OK;
}

fd_status fd_demo_passes(fd_desk *d, const fd_demo_cast *cast, fd_error *err)
{
    fd_time now = fd_desk_now(d);
    fd_date today = fd_date_of(now);
    fd_time clock;
    int64_t ids[STORIES] = {0};
    fd_clock saved = d->clock;
    d->clock = fd_clock_fixed(&clock);
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < sizeof week / sizeof week[0]; i++) {
        const beat *b = &week[i];
        clock = fd_date_start(today - b->days_ago) + b->hour * 3600 + b->minute * 60;
        if (clock > now)
            continue; /* this morning's passes still to come */
        s = run_beat(d, actor(cast, b->by), b, ids, err);
    }
    d->clock = saved;
    return s;
}
