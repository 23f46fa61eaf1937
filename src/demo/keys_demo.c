/* The demo week of key loans (fd_demo_keys in frontdesk/demo.h), written through the
 * key operations themselves under a clock the demo moves, so the audit chain, the
 * states and the deadlines are what a real week leaves behind. The week is planned
 * first as an agenda and then played in time order. It ends at the desk's now with
 * something in every view: keys out, one overdue since last evening, a repair out
 * until tomorrow, a request waiting for consent, a new key waiting to be sealed. */
#include "frontdesk/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/keys.h"
#include "store/stmt.h"

enum { SPARES = 8, LOANS = 40, STEPS = 200, HOUR = 3600, MINUTE = 60 };

/* splitmix64 with a fixed seed: the same week on every machine. */
typedef struct demo_rng {
    uint64_t state;
} demo_rng;

static int rng_below(demo_rng *r, int n)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return (int)((z ^ (z >> 31)) % (uint64_t)n);
}

/* A loan as planned: who records and consents, and when the keys go out. */
typedef struct planned {
    fd_key_loan_new form;
    int64_t key;
    const fd_actor *recorder, *approver; /* approver NULL: consent comes later, or is the recorder's */
    fd_time out_at; /* when it is the request's time, consent is given in place */
    const char *returned_by;
    int64_t id;
} planned;

typedef struct demo demo;
typedef fd_status (*step_fn)(demo *m, int arg, fd_error *err);

typedef struct step {
    fd_time when;
    int order; /* ties keep the order they were planned in */
    step_fn fn;
    int arg;
} step;

struct demo {
    fd_desk *d;
    const fd_demo_cast *cast;
    fd_time clock; /* what the desk reads while the demo writes */
    fd_time now;   /* the real now: the week ends here */
    fd_date today;
    demo_rng rng;
    int64_t spare[SPARES], spare_unit[SPARES];
    char spare_code[SPARES][32];
    int spares;
    int64_t pump, roof, power, fire_room, roof_door, garage, meeting, master_a, master_t;
    planned loans[LOANS];
    int loan_count;
    step steps[STEPS];
    int step_count;
};

static fd_time at(const demo *m, int day, int hour, int minute)
{
    return fd_date_start(m->today + day) + hour * HOUR + minute * MINUTE;
}

/* A department the site configured: the one named if it is there, else the first. */
static const char *department(const demo *m, const char *name)
{
    const fd_string_list *known = &m->d->config->departments;
    for (size_t i = 0; i < known->count; i++)
        if (strcmp(known->items[i], name) == 0)
            return name;
    return known->count ? known->items[0] : name;
}

static void plan(demo *m, fd_time when, step_fn fn, int arg)
{
    if (when <= 0 || when >= m->now || m->step_count == STEPS)
        return;
    m->steps[m->step_count] = (step){when, m->step_count, fn, arg};
    m->step_count++;
}

static int by_time(const void *a, const void *b)
{
    const step *x = a, *y = b;
    if (x->when != y->when)
        return x->when < y->when ? -1 : 1;
    return x->order - y->order;
}

/* ---- the register ---- */

static fd_status read_entrustments(fd_store *store, void *ctx, fd_error *err)
{
    demo *m = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_KEY_DEMO_ENTRUSTMENTS);
    fd_bind_int(st, ":limit", SPARES);
    int rc;
    m->spares = 0;
    while ((rc = fd_step(st, err)) == 1 && m->spares < SPARES) {
        m->spare_unit[m->spares] = fd_col_int(st, FD_COL_KEY_DEMO_ENTRUSTMENTS_UNIT_ID);
        snprintf(m->spare_code[m->spares], sizeof m->spare_code[0], "%s", fd_col_text(st, FD_COL_KEY_DEMO_ENTRUSTMENTS_CODE));
        m->spares++;
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status add(demo *m, const char *tag, int64_t unit, const char *description,
                     fd_key_kind kind, const char *dept, const char *person, int64_t *id,
                     fd_error *err)
{
    fd_key_new k = {.tag = tag, .unit_id = unit, .description = description, .kind = kind,
                    .department = department(m, dept), .custodian = person};
    m->clock += 2 * MINUTE;
    return fd_key_register(m->d, &m->cast->assistant, &k, id, err);
}

static fd_status register_keys(demo *m, fd_error *err)
{
    m->clock = at(m, -8, 9, 0);
    fd_status s = fd_store_read(m->d->store, read_entrustments, m, err);
    if (s == FD_OK && m->spares < 3)
        return fd_fail(err, FD_INVALID, NULL, "demo: the directory has too few key entrustments");
    for (int i = 0; s == FD_OK && i < m->spares; i++) {
        char tag[40];
        snprintf(tag, sizeof tag, "%s-1", m->spare_code[i]);
        s = add(m, tag, m->spare_unit[i], "入户门", FD_KEY_SPARE, "客服部", "王芳", &m->spare[i], err);
    }
    const struct {
        const char *tag, *description, *dept, *person;
        fd_key_kind kind;
        int64_t *id;
    } keys[] = {
        {"P-01", "B1 水泵房", "工程部", "王强", FD_KEY_PUBLIC, &m->pump},
        {"P-02", "屋顶机房", "工程部", "王强", FD_KEY_PUBLIC, &m->roof},
        {"P-03", "高压配电室", "工程部", "王强", FD_KEY_PUBLIC, &m->power},
        {"P-04", "消防控制室", "保安部", "赵刚", FD_KEY_PUBLIC, &m->fire_room},
        {"P-05", "A座天台门", "保安部", "赵刚", FD_KEY_PUBLIC, &m->roof_door},
        {"P-06", "地下车库设备间", "工程部", "王强", FD_KEY_PUBLIC, &m->garage},
        {"P-07", "T座三层会议室", "客服部", "李娜", FD_KEY_PUBLIC, &m->meeting},
        {"M-A", "A座总钥匙", "保安部", "赵刚", FD_KEY_MASTER, &m->master_a},
        {"M-T", "T座写字楼总钥匙", "保安部", "赵刚", FD_KEY_MASTER, &m->master_t},
    };
    for (size_t i = 0; s == FD_OK && i < sizeof keys / sizeof keys[0]; i++)
        s = add(m, keys[i].tag, 0, keys[i].description, keys[i].kind, keys[i].dept, keys[i].person,
                keys[i].id, err);
    return s;
}

/* ---- playing a loan ---- */

static fd_status loan_request(demo *m, int i, fd_error *err)
{
    planned *p = &m->loans[i];
    p->form.key_ids = &p->key;
    p->form.key_count = 1;
    p->form.hand_over = p->approver && p->out_at == m->clock;
    return fd_key_loan_request(m->d, p->recorder, p->approver, &p->form, &p->id, err);
}

static fd_status loan_consent(demo *m, int i, fd_error *err)
{
    return fd_key_loan_approve(m->d, &m->cast->cs_manager, NULL, m->loans[i].id, NULL, err);
}

static fd_status loan_out(demo *m, int i, fd_error *err)
{
    return fd_key_loan_lend(m->d, m->loans[i].recorder, m->loans[i].id, err);
}

static fd_status loan_back(demo *m, int i, fd_error *err)
{
    planned *p = &m->loans[i];
    return fd_key_loan_return(m->d, p->recorder, p->id, p->returned_by, NULL, err);
}

/* Whom to call, in the directory's order: the first owner or tenant, then the first
 * emergency contact (or a second owner or tenant). */
typedef struct callees {
    fd_dir_kind kind[2];
    int64_t id[2];
    int count;
} callees;

static void pick_callee(void *ctx, const fd_dir_entry *e)
{
    callees *c = ctx;
    bool first = c->count == 0 && e->kind == FD_DIR_OCCUPANT;
    bool second = c->count == 1 && (e->kind == FD_DIR_CONTACT || e->kind == FD_DIR_OCCUPANT);
    if (first || second) {
        c->kind[c->count] = e->kind;
        c->id[c->count++] = e->id;
    }
}

/* The emergency's calls, three minutes apart: the first unanswered, the second through. */
static fd_status loan_calls(demo *m, int i, fd_error *err)
{
    planned *p = &m->loans[i];
    callees c = {.count = 0};
    fd_status s = fd_key_loan_contacts(m->d, p->recorder, p->id, pick_callee, &c, err);
    for (int k = 0; s == FD_OK && k < c.count; k++) {
        fd_key_notice_new n = {.unit_id = m->spare_unit[0], .target = c.kind[k], .target_id = c.id[k],
                               .outcome = k == 0 ? FD_KEY_OUTCOME_NO_ANSWER : FD_KEY_OUTCOME_REACHED};
        m->clock += 3 * MINUTE;
        s = fd_key_loan_notify(m->d, p->recorder, p->id, &n, err);
    }
    return s;
}

/* Plans a loan requested at `asked`; consent in place when approver is given. */
static planned *plan_loan(demo *m, fd_time asked, const fd_actor *recorder, const fd_actor *approver,
                          int64_t key, fd_key_loan_new form)
{
    if (m->loan_count == LOANS)
        return NULL;
    int i = m->loan_count++;
    planned *p = &m->loans[i];
    *p = (planned){.form = form, .key = key, .recorder = recorder, .approver = approver,
                   .out_at = asked, .returned_by = form.borrower};
    plan(m, asked, loan_request, i);
    return p;
}

/* A loan consented to in place, handed over at once and back at `back` (0: not yet). */
static void plan_simple(demo *m, fd_time asked, fd_time back, const fd_actor *approver, int64_t key,
                        fd_key_loan_new form)
{
    planned *p = plan_loan(m, asked, &m->cast->receptionist, approver, key, form);
    if (p)
        plan(m, back, loan_back, (int)(p - m->loans));
}

static fd_key_loan_new staff_form(const char *borrower, const char *dept, fd_key_reason reason,
                                  const char *note)
{
    return (fd_key_loan_new){.borrower_kind = FD_BORROWER_STAFF, .borrower = borrower,
                             .department = dept, .reason = reason, .note = note};
}

static fd_key_loan_new contractor_form(const char *borrower, const char *company, const char *phone,
                                       fd_key_reason reason, const char *note)
{
    return (fd_key_loan_new){.borrower_kind = FD_BORROWER_CONTRACTOR, .borrower = borrower,
                             .company = company, .phone = phone, .reason = reason, .note = note};
}

/* ---- the week ---- */

static const char *const cleaners[] = {"赵桂兰", "钱秀英", "孙凤霞"};
static const char *const engineers[] = {"王强", "周建华", "吴海波"};

/* Mornings: a public room cleaned; every other day the gas meters read by a contractor
 * who waits for the CS manager's consent; the other days a unit shown with its owner's
 * spare key. */
static void plan_ordinary_day(demo *m, int day)
{
    const fd_demo_cast *c = m->cast;
    int64_t room = rng_below(&m->rng, 2) ? m->pump : m->meeting;
    plan_simple(m, at(m, day, 8, 20 + rng_below(&m->rng, 20)), at(m, day, 11, rng_below(&m->rng, 50)),
                &c->cs_manager, room,
                staff_form(cleaners[rng_below(&m->rng, 3)], department(m, "保洁部"),
                           FD_KEY_REASON_CLEANING, NULL));
    if (day % 2 == 0) {
        planned *p = plan_loan(m, at(m, day, 9, 30), &c->receptionist, NULL, m->garage,
                               contractor_form("陈师傅", "北京燃气集团", "13911002233",
                                               FD_KEY_REASON_METER, NULL));
        if (p) {
            int i = (int)(p - m->loans);
            plan(m, at(m, day, 9, 42), loan_consent, i);
            plan(m, p->out_at = at(m, day, 9, 47), loan_out, i);
            plan(m, at(m, day, 10, 40), loan_back, i);
        }
    } else {
        int64_t spare = m->spare[2 + rng_below(&m->rng, m->spares - 2)];
        plan_simple(m, at(m, day, 14, 10), at(m, day, 15, 5), &c->duty_manager, spare,
                    staff_form("王芳", department(m, "客服部"), FD_KEY_REASON_VIEWING, "业主委托带看"));
    }
}

/* A water leak at night: the duty manager records it (and so consents), calls the
 * owner — no answer — then the emergency contact, and only then takes the spare key. */
static void plan_water_leak(demo *m, int day)
{
    fd_key_loan_new form = staff_form(engineers[2], department(m, "工程部"), FD_KEY_REASON_REPAIR,
                                      "楼上跑水，渗至楼下，需入户关阀");
    form.emergency = true;
    planned *p = plan_loan(m, at(m, day, 2, 10), &m->cast->duty_manager, NULL, m->spare[0], form);
    if (!p)
        return;
    int i = (int)(p - m->loans);
    plan(m, at(m, day, 2, 11), loan_calls, i);
    plan(m, p->out_at = at(m, day, 2, 20), loan_out, i);
    plan(m, at(m, day, 3, 35), loan_back, i);
}

static fd_status copy_master(demo *m, int arg, fd_error *err)
{
    (void)arg;
    return fd_key_copy(m->d, &m->cast->receptionist, &m->cast->cs_manager, m->master_t, "M-T2",
                       department(m, "保安部"), "孙磊", "夜班巡逻增配", NULL, err);
}

static fd_status hand_over_master(demo *m, int arg, fd_error *err)
{
    (void)arg;
    return fd_key_transfer(m->d, &m->cast->receptionist, m->master_a, department(m, "保安部"), "孙磊",
                           "交班", err);
}

static fd_status lose_spare(demo *m, int arg, fd_error *err)
{
    (void)arg;
    return fd_key_incident(m->d, &m->cast->receptionist, m->spare[1], FD_KEY_LOST, engineers[0],
                           "维修后未交回，寻找未果", err);
}

static fd_status change_spare_lock(demo *m, int arg, fd_error *err)
{
    (void)arg;
    return fd_key_change_lock(m->d, &m->cast->receptionist, m->spare[1], "钥匙遗失，工程部更换锁芯",
                              err);
}

static fd_status seal_spare(demo *m, int arg, fd_error *err)
{
    (void)arg;
    char tag[40];
    snprintf(tag, sizeof tag, "%s-2", m->spare_code[1]);
    return fd_key_seal(m->d, &m->cast->duty_manager, NULL, m->spare[1], tag, department(m, "客服部"),
                       "王芳", "新钥匙已封存", NULL, err);
}

static fd_status change_garage_lock(demo *m, int arg, fd_error *err)
{
    (void)arg;
    return fd_key_change_lock(m->d, &m->cast->receptionist, m->garage, "锁芯损坏，工程部更换", err);
}

static void plan_week(demo *m)
{
    const fd_demo_cast *c = m->cast;
    for (int day = -7; day <= -1; day++)
        plan_ordinary_day(m, day);
    plan(m, at(m, -6, 10, 15), copy_master, 0);
    plan(m, at(m, -6, 18, 0), hand_over_master, 0);
    /* A roof repair out overnight until its expected return; an inspection back late. */
    fd_key_loan_new repair = staff_form(engineers[1], department(m, "工程部"), FD_KEY_REASON_REPAIR,
                                        "屋顶风机更换轴承");
    repair.expected_return = at(m, -4, 10, 0);
    plan_simple(m, at(m, -5, 13, 30), at(m, -4, 9, 40), &c->cs_manager, m->roof, repair);
    plan_simple(m, at(m, -4, 16, 0), at(m, -4, 18, 40), &c->duty_manager, m->fire_room,
                staff_form("孙磊", department(m, "保安部"), FD_KEY_REASON_INSPECTION, "消防设施月检"));
    plan_water_leak(m, -3);
    plan(m, at(m, -2, 9, 5), lose_spare, 0);
    plan(m, at(m, -2, 11, 30), change_spare_lock, 0);
    plan(m, at(m, -1, 9, 0), seal_spare, 0);
    /* Still open now. */
    plan_simple(m, at(m, -1, 14, 0), 0, &c->cs_manager, m->roof_door,
                staff_form("孙磊", department(m, "保安部"), FD_KEY_REASON_INSPECTION, "天台防水检查"));
    plan(m, m->now - 20 * HOUR, change_garage_lock, 0);
    repair = staff_form(engineers[0], department(m, "工程部"), FD_KEY_REASON_REPAIR, "高压柜检修");
    repair.expected_return = at(m, 1, 17, 0);
    plan_simple(m, m->now - 2 * HOUR, 0, &c->duty_manager, m->power, repair);
    plan_loan(m, m->now - 30 * MINUTE, &c->receptionist, NULL, m->fire_room,
              contractor_form("刘师傅", "北京奥的斯电梯", "010-65432100", FD_KEY_REASON_INSPECTION,
                              "消防联动年检"));
}

static fd_status play(demo *m, fd_error *err)
{
    qsort(m->steps, (size_t)m->step_count, sizeof m->steps[0], by_time);
    fd_status s = FD_OK;
    for (int i = 0; s == FD_OK && i < m->step_count; i++) {
        m->clock = m->steps[i].when;
        s = m->steps[i].fn(m, m->steps[i].arg, err);
    }
    return s;
}

fd_status fd_demo_keys(fd_desk *d, const fd_demo_cast *cast, fd_error *err)
{
    demo *m = fd_alloc(sizeof *m);
    m->d = d;
    m->cast = cast;
    m->now = fd_desk_now(d);
    m->today = fd_date_of(m->now);
    m->rng.state = 20261127;
    fd_clock real = d->clock;
    d->clock = fd_clock_fixed(&m->clock);
    fd_status s = register_keys(m, err);
    if (s == FD_OK) {
        plan_week(m);
        s = play(m, err);
    }
    d->clock = real;
    free(m);
    return s;
}
