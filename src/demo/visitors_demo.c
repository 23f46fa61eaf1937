/* The visitor log's demo week: see fd_demo_visitors in include/frontdesk/demo.h. It
 * is written through the core's own operations (src/visitors.c), in time order, so the
 * audit chain and every rule are as real as at a desk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/calendar.h"
#include "frontdesk/demo.h"
#include "frontdesk/directory.h"
#include "frontdesk/visitors.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* splitmix64 with a fixed seed: the same week on every machine. */
typedef struct demo_rng {
    uint64_t state;
} demo_rng;

static uint32_t demo_below(demo_rng *r, uint32_t n)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return (uint32_t)((z ^ (z >> 31)) % n);
}

#define DEMO_PICK(r, list) ((list)[demo_below((r), COUNT(list))])

static const char *const demo_surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
    "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程",
};
static const char *const demo_given[] = {
    "建国", "秀英", "志强", "丽华", "海燕", "伟", "敏", "静", "磊", "洋", "晓东", "春梅",
    "文博", "雨萱", "子轩", "浩然", "欣怡", "国强", "玉兰", "德明", "佳琪", "俊杰", "晨", "悦",
};
static const char *const demo_regions[] = {"110105", "110108", "310101", "440304", "510104",
                                           "330106", "120101", "130102", "370102", "420106"};
static const char *const demo_mobiles[] = {"138", "139", "186", "135", "150", "158", "182", "177"};
static const char *const demo_purposes[] = {
    "送文件", "商务洽谈", "探亲访友", "面试", "送餐", "维修上门", "快递送件",
    "装修验收", "拜访客户", "送货", "家政服务", "参加会议",
};
static const char *const demo_refusals[] = {
    "被访人不在", "被访人拒绝会见", "电话无人接听，联系不上被访人", "被访人称不认识来访者",
};

enum { DEMO_PEOPLE = 60, DEMO_DAYS = 7, DEMO_VISITEES = 400 };

/* Someone who comes to the site, perhaps more than once in the week. */
typedef struct demo_person {
    char name[32];
    fd_doc_type doc_type;
    char doc[24];
    char phone[16];
    int64_t last_visit; /* recognised next time */
} demo_person;

static void demo_resident_id(demo_rng *r, char out[24])
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[] = "10X98765432";
    snprintf(out, 24, "%s%04u%02u%02u%03u", DEMO_PICK(r, demo_regions), 1960 + demo_below(r, 43),
             1 + demo_below(r, 12), 1 + demo_below(r, 28), demo_below(r, 1000));
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (out[i] - '0') * weights[i];
    out[17] = check[sum % 11];
    out[18] = '\0';
}

static void demo_person_make(demo_rng *r, demo_person *p)
{
    snprintf(p->name, sizeof p->name, "%s%s", DEMO_PICK(r, demo_surnames), DEMO_PICK(r, demo_given));
    uint32_t kind = demo_below(r, 20);
    if (kind == 0) {
        p->doc_type = FD_DOC_HK_MACAU;
        snprintf(p->doc, sizeof p->doc, "H%08u", demo_below(r, 100000000));
    } else if (kind == 1) {
        p->doc_type = FD_DOC_PASSPORT;
        snprintf(p->doc, sizeof p->doc, "E%08u", demo_below(r, 100000000));
    } else {
        p->doc_type = FD_DOC_RESIDENT_ID;
        demo_resident_id(r, p->doc);
    }
    snprintf(p->phone, sizeof p->phone, "%s%08u", DEMO_PICK(r, demo_mobiles), demo_below(r, 100000000));
}

/* Whom visitors come to see: residents and company staff from the demo directory. */
typedef struct demo_visitee {
    fd_dir_kind kind;
    int64_t id, unit_id;
    char unit[16], name[64], company[96], department[32], position[32];
} demo_visitee;

typedef struct demo_cast_list {
    demo_visitee *items;
    size_t count;
} demo_cast_list;

static void demo_keep_visitee(void *ctx, const fd_dir_entry *e)
{
    demo_cast_list *l = ctx;
    if (l->count == DEMO_VISITEES)
        return;
    demo_visitee *v = &l->items[l->count++];
    *v = (demo_visitee){.kind = e->kind, .id = e->id, .unit_id = e->unit_id};
    snprintf(v->unit, sizeof v->unit, "%s", e->unit);
    snprintf(v->name, sizeof v->name, "%s", e->name);
    snprintf(v->company, sizeof v->company, "%s", e->company ? e->company : "");
    snprintf(v->department, sizeof v->department, "%s", e->department ? e->department : "");
    snprintf(v->position, sizeof v->position, "%s", e->position ? e->position : "");
}

/* One thing that happens at the desk, at a time. */
typedef enum demo_what { DEMO_LIFT, DEMO_REGISTER, DEMO_ADMIT, DEMO_REFUSE, DEMO_LEAVE, DEMO_CORRECT } demo_what;

typedef struct demo_action {
    fd_time at;
    demo_what what;
    int visit;     /* index into the week's visits */
    uint32_t roll; /* the dice for this action */
} demo_action;

typedef struct demo_visit {
    int person, visitee, party;
    const char *purpose;
    int64_t id;
} demo_visit;

typedef struct demo_week {
    fd_desk *d;
    const fd_demo_cast *cast;
    demo_rng rng;
    demo_person people[DEMO_PEOPLE];
    demo_cast_list visitees;
    demo_visit *visits;
    size_t visit_count;
    demo_action *actions;
    size_t action_count;
    int64_t lifted_ban;
    fd_time clock, now;
} demo_week;

static void demo_add_action(demo_week *w, fd_time at, demo_what what, int visit)
{
    /* Nothing is recorded after the demo's "now": those visitors are still inside. */
    if (at > w->now)
        return;
    w->actions[w->action_count++] = (demo_action){at, what, visit, demo_below(&w->rng, 100)};
}

/* A visit registered at t: the visitee answers within minutes; most agree, and those
 * admitted leave an hour or two later, unless forgotten (still inside at shift end).
 * Now and then the desk corrects a mistyped phone number. */
static void demo_plan_visit(demo_week *w, fd_time t, bool forgotten)
{
    int index = (int)w->visit_count++;
    demo_visit *v = &w->visits[index];
    *v = (demo_visit){
        .person = (int)demo_below(&w->rng, DEMO_PEOPLE),
        .visitee = (int)demo_below(&w->rng, (uint32_t)w->visitees.count),
        .party = demo_below(&w->rng, 10) == 0 ? 2 + (int)demo_below(&w->rng, 3) : 1,
        .purpose = DEMO_PICK(&w->rng, demo_purposes),
    };
    demo_add_action(w, t, DEMO_REGISTER, index);
    if (demo_below(&w->rng, 15) == 0)
        demo_add_action(w, t + 600, DEMO_CORRECT, index);
    fd_time answer = t + 60 + demo_below(&w->rng, 300);
    if (demo_below(&w->rng, 10) == 0) {
        demo_add_action(w, answer, DEMO_REFUSE, index);
        return;
    }
    demo_add_action(w, answer, DEMO_ADMIT, index);
    if (!forgotten)
        demo_add_action(w, answer + 20 * 60 + demo_below(&w->rng, 160 * 60), DEMO_LEAVE, index);
}

/* Visitors from 08:30 to 19:30, and one or two at night for the duty manager. */
static void demo_plan_day(demo_week *w, fd_date day, bool forget_one)
{
    fd_time start = fd_date_start(day);
    int count = 18 + (int)demo_below(&w->rng, 14);
    for (int i = 0; i < count; i++)
        demo_plan_visit(w, start + (8 * 60 + 30 + demo_below(&w->rng, 11 * 60)) * 60, false);
    int nights = 1 + (int)demo_below(&w->rng, 2);
    for (int i = 0; i < nights; i++)
        demo_plan_visit(w, start + (20 * 60 + 10 + demo_below(&w->rng, 150)) * 60, forget_one && i == 0);
}

static int demo_by_time(const void *a, const void *b)
{
    const demo_action *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return x->what != y->what ? (int)x->what - (int)y->what : x->visit - y->visit;
}

/* Who is at the desk at t: the duty manager at night, else the receptionist or (one
 * time in three) the assistant. */
static const fd_actor *demo_desk(const demo_week *w, fd_time t, uint32_t roll)
{
    if (fd_is_night(w->d->config, t))
        return &w->cast->duty_manager;
    return roll % 3 == 0 ? &w->cast->assistant : &w->cast->receptionist;
}

static fd_status demo_register(demo_week *w, demo_visit *v, const fd_actor *who, fd_error *err)
{
    demo_person *p = &w->people[v->person];
    const demo_visitee *to = &w->visitees.items[v->visitee];
    fd_visit_form f = {
        .visitor_name = p->name,
        .doc_type = p->doc_type,
        .doc_number = p->doc,
        .phone = p->last_visit ? "" : p->phone, /* recognised: the phone comes with them */
        .returning_visit = p->last_visit,
        .party_size = v->party,
        .purpose = v->purpose,
        .unit_id = to->unit_id,
        .person_id = to->id,
        .company = to->company,
        .department = to->department,
        .visitee_name = to->name,
        .visitee_position = to->position,
    };
    fd_status s = fd_visit_register(w->d, who, NULL, &f, &v->id, err);
    p->last_visit = v->id;
    return s;
}

static fd_status demo_correct(demo_week *w, const demo_visit *v, const fd_actor *who, fd_error *err)
{
    char phone[16];
    snprintf(phone, sizeof phone, "1391%07u", demo_below(&w->rng, 10000000));
    return fd_visit_correct(w->d, who, v->id, FD_VISIT_FIELD_PHONE, phone,
                            "来访者核对后更正手机号", err);
}

static fd_status demo_act(demo_week *w, const demo_action *a, fd_error *err)
{
    demo_visit *v = a->visit >= 0 ? &w->visits[a->visit] : NULL;
    const fd_actor *who = demo_desk(w, a->at, a->roll);
    w->clock = a->at;
    switch (a->what) {
    case DEMO_LIFT:
        return fd_visitor_lift_ban(w->d, &w->cast->cs_manager, w->lifted_ban,
                                   "已书面保证不再上门推销", err);
    case DEMO_REGISTER:
        return demo_register(w, v, who, err);
    case DEMO_ADMIT:
        return fd_visit_admit(w->d, who, NULL, v->id, NULL, err);
    case DEMO_REFUSE:
        return fd_visit_refuse(w->d, who, NULL, v->id, demo_refusals[a->roll % COUNT(demo_refusals)], err);
    case DEMO_LEAVE:
        return fd_visit_sign_out(w->d, who, v->id, a->roll >= 12, 0, err);
    case DEMO_CORRECT:
        return demo_correct(w, v, who, err);
    }
    return FD_OK;
}

/* The customer-service manager's do-not-admit list, set before the week begins. */
static fd_status demo_bans(demo_week *w, fd_time at, fd_error *err)
{
    const fd_actor *cs = &w->cast->cs_manager;
    w->clock = at;
    fd_status s = fd_visitor_ban(w->d, cs, FD_DOC_RESIDENT_ID, "110105198003150012", "马某", 0,
                                 "多次尾随业主进入大堂，业主投诉", NULL, err);
    return s == FD_OK ? fd_visitor_ban(w->d, cs, FD_DOC_RESIDENT_ID, "310101197507220018", "钱某", 0,
                                       "推销骚扰", &w->lifted_ban, err)
                      : s;
}

static fd_status demo_week_run(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    demo_week *w = ctx;
    fd_status s = demo_bans(w, fd_date_start(fd_date_of(w->now) - DEMO_DAYS) + 17 * 3600, err);
    for (size_t i = 0; s == FD_OK && i < w->action_count; i++)
        s = demo_act(w, &w->actions[i], err);
    return s;
}

static fd_status demo_find_visitees(demo_week *w, fd_error *err)
{
    fd_status s = fd_directory_search(w->d, NULL, FD_DIR_OCCUPANT | FD_DIR_PERSON, "", -1,
                                      demo_keep_visitee, &w->visitees, err);
    if (s == FD_OK && w->visitees.count == 0)
        s = fd_fail(err, FD_NOT_FOUND, NULL, "the visitor demo needs the demo directory");
    return s;
}

static void demo_plan_week(demo_week *w)
{
    fd_date today = fd_date_of(w->now);
    for (fd_date day = today - (DEMO_DAYS - 1); day <= today; day++)
        demo_plan_day(w, day, day == today - 1);
    demo_add_action(w, fd_date_start(today - 4) + 8 * 3600, DEMO_LIFT, -1);
    qsort(w->actions, w->action_count, sizeof *w->actions, demo_by_time);
}

fd_status fd_demo_visitors(fd_desk *d, const fd_demo_cast *cast, fd_error *err)
{
    enum { MOST_PER_DAY = 40, ACTIONS_PER_VISIT = 4 };
    demo_week *w = fd_alloc(sizeof *w);
    *w = (demo_week){.d = d, .cast = cast, .rng = {0x5EED0A11}, .now = fd_desk_now(d)};
    w->visitees.items = fd_alloc(DEMO_VISITEES * sizeof *w->visitees.items);
    w->visits = fd_alloc(DEMO_DAYS * MOST_PER_DAY * sizeof *w->visits);
    w->actions = fd_alloc((DEMO_DAYS * MOST_PER_DAY * ACTIONS_PER_VISIT + 1) * sizeof *w->actions);
    for (int i = 0; i < DEMO_PEOPLE; i++)
        demo_person_make(&w->rng, &w->people[i]);
    fd_status s = demo_find_visitees(w, err);
    if (s == FD_OK) {
        demo_plan_week(w);
        fd_clock saved = d->clock;
        d->clock = fd_clock_fixed(&w->clock);
        /* One transaction: the week is there whole or not at all, and quickly. */
        s = fd_store_write(d->store, demo_week_run, w, err);
        d->clock = saved;
    }
    free(w->actions);
    free(w->visits);
    free(w->visitees.items);
    free(w);
    return s;
}
