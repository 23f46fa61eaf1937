/* The generator's driver: the staff and the directory, the calendar of the building's
 * life, the agenda, and a transaction a day. See gen.h and gen_internal.h. */
#include "gen.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/calendar.h"
#include "frontdesk/demo.h"
#include "frontdesk/staff.h"
#include "gen_internal.h"

/* ---- randomness ---- */

uint64_t gen_next(gen_rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

uint32_t gen_below(gen_rng *r, uint32_t n)
{
    return n ? (uint32_t)(gen_next(r) % n) : 0;
}

bool gen_chance(gen_rng *r, uint32_t per_mille)
{
    return gen_below(r, 1000) < per_mille;
}

/* ---- the agenda: a binary heap on (at, order) ---- */

static bool earlier(const gen_action *a, const gen_action *b)
{
    return a->at != b->at ? a->at < b->at : a->order < b->order;
}

static void swap(gen_action *a, gen_action *b)
{
    gen_action t = *a;
    *a = *b;
    *b = t;
}

bool gen_plan(gen *g, fd_time at, gen_proc proc, int step, uint32_t slot)
{
    if (at >= g->now)
        return false;
    gen_agenda *q = &g->agenda;
    if (q->count == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 4096;
        q->heap = fd_realloc(q->heap, q->cap * sizeof *q->heap);
    }
    size_t i = q->count++;
    q->heap[i] = (gen_action){at, q->planned++, GEN_KIND(proc, step), slot};
    while (i > 0 && earlier(&q->heap[i], &q->heap[(i - 1) / 2])) {
        swap(&q->heap[i], &q->heap[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    return true;
}

/* Takes the earliest action before `before`; false when there is none. */
static bool next_action(gen_agenda *q, fd_time before, gen_action *out)
{
    if (q->count == 0 || q->heap[0].at >= before)
        return false;
    *out = q->heap[0];
    q->heap[0] = q->heap[--q->count];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < q->count && earlier(&q->heap[l], &q->heap[m]))
            m = l;
        if (r < q->count && earlier(&q->heap[r], &q->heap[m]))
            m = r;
        if (m == i)
            break;
        swap(&q->heap[i], &q->heap[m]);
        i = m;
    }
    return true;
}

/* ---- slots ---- */

uint32_t gen_slot_take(gen_slots *s, void **items, size_t item_size)
{
    if (s->free_count)
        return s->free[--s->free_count];
    if (s->used == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        *items = fd_realloc(*items, s->cap * item_size);
        s->free = fd_realloc(s->free, s->cap * sizeof *s->free);
    }
    return (uint32_t)s->used++;
}

void gen_slot_give(gen_slots *s, uint32_t slot)
{
    s->free[s->free_count++] = slot;
}

void gen_slots_free(gen_slots *s)
{
    free(s->free);
    *s = (gen_slots){0};
}

/* ---- time and people on duty ---- */

fd_time gen_at(gen *g, fd_date day, int minute)
{
    return fd_date_start(day) + (fd_time)minute * MINUTE + gen_below(&g->rng, MINUTE);
}

fd_time gen_between(gen *g, fd_date day, int from, int to)
{
    fd_time start = fd_date_start(day) + (fd_time)from * MINUTE;
    fd_time end = fd_date_start(day) + (fd_time)to * MINUTE;
    if (end > g->now)
        end = g->now;
    if (end <= start)
        return start;
    return start + (fd_time)gen_below(&g->rng, (uint32_t)(end - start));
}

fd_time gen_office_hours(gen *g, fd_time t)
{
    fd_date day = fd_date_of(t);
    int minute = (int)((t - fd_date_start(day)) / MINUTE);
    if (minute >= 8 * 60 + 30 && minute < 19 * 60 + 30)
        return t;
    return gen_between(g, minute < 8 * 60 + 30 ? day : day + 1, 8 * 60 + 30, 9 * 60 + 30);
}

/* The book changes hands every twelve hours; the shift holding "now" is 张伟's, so
 * whoever logs in as 2001 holds the current book. */
const fd_actor *gen_manager(gen *g, fd_time t)
{
    int64_t k = (t - g->first_shift) / SHIFT;
    int64_t current = (g->now - g->first_shift) / SHIFT;
    return (current - k) % 2 == 0 ? &g->cast.duty_manager : &g->cast.second_manager;
}

const fd_actor *gen_desk(gen *g, fd_time t)
{
    if (fd_is_night(g->cfg, t))
        return gen_manager(g, t);
    return gen_below(&g->rng, 3) == 0 ? &g->cast.assistant : &g->cast.receptionist;
}

/* ---- staff ---- */

static const struct {
    const char *number, *name, *pin;
    fd_role role;
    size_t member; /* offset in gen_cast */
} staff[] = {
    {"9001", "陈静", "9999", FD_ROLE_ADMIN, offsetof(gen_cast, admin)},
    {"1001", "李娜", "1111", FD_ROLE_RECEPTIONIST, offsetof(gen_cast, receptionist)},
    {"1002", "王芳", "1112", FD_ROLE_ASSISTANT, offsetof(gen_cast, assistant)},
    {"2001", "张伟", "2222", FD_ROLE_DUTY_MANAGER, offsetof(gen_cast, duty_manager)},
    {"2002", "赵磊", "2223", FD_ROLE_DUTY_MANAGER, offsetof(gen_cast, second_manager)},
    {"3001", "刘洋", "3333", FD_ROLE_CS_MANAGER, offsetof(gen_cast, cs_manager)},
};

static fd_actor *cast_member(gen_cast *cast, size_t i)
{
    return (fd_actor *)((char *)cast + staff[i].member);
}

fd_status gen_cast_login(fd_desk *d, gen_cast *cast, fd_error *err)
{
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < COUNT(staff); i++)
        s = fd_staff_login(d, staff[i].number, staff[i].pin, cast_member(cast, i), err);
    return s;
}

static fd_status add_staff(gen *g, fd_error *err)
{
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < COUNT(staff); i++) {
        s = fd_staff_add(g->d, i == 0 ? NULL : &g->cast.admin, staff[i].number, staff[i].name,
                         staff[i].role, staff[i].pin, err);
        /* The administrator logs in first: every later member is added by them. */
        if (s == FD_OK && i == 0)
            s = fd_staff_login(g->d, staff[0].number, staff[0].pin, &g->cast.admin, err);
    }
    return s == FD_OK ? gen_cast_login(g->d, &g->cast, err) : s;
}

/* ---- the directory ---- */

static void keep_visitee(void *ctx, const fd_dir_entry *e)
{
    gen_directory *dir = ctx;
    dir->visitees = fd_realloc(dir->visitees, (dir->visitee_count + 1) * sizeof *dir->visitees);
    demo_visitee_from(&dir->visitees[dir->visitee_count++], e);
}

static void keep_recipient(void *ctx, const fd_dir_entry *e)
{
    gen_directory *dir = ctx;
    dir->recipients = fd_realloc(dir->recipients, (dir->recipient_count + 1) * sizeof *dir->recipients);
    gen_recipient *r = &dir->recipients[dir->recipient_count++];
    *r = (gen_recipient){.kind = e->kind, .id = e->id,
                         .person = e->kind == FD_DIR_OCCUPANT || e->kind == FD_DIR_PERSON};
    snprintf(r->unit, sizeof r->unit, "%s", e->unit ? e->unit : "");
    snprintf(r->name, sizeof r->name, "%s", e->name ? e->name : "");
}

static void keep_occupant(void *ctx, const fd_dir_entry *e)
{
    gen_directory *dir = ctx;
    dir->occupants = fd_realloc(dir->occupants, (dir->occupant_count + 1) * sizeof *dir->occupants);
    dir->occupants[dir->occupant_count++] = (gen_occupant){e->id};
}

/* Units whose owners entrusted a spare key: the directory API has no list of them, so
 * they are read from the file directly (a read, beside the core's connection). */
static fd_status read_entrusted_units(gen *g, fd_error *err)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_open_v2(fd_store_path(g->d->store), &db, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
                                "SELECT u.id, u.code FROM unit u WHERE EXISTS (SELECT 1 FROM "
                                "key_entrustment k WHERE k.unit_id = u.id) ORDER BY u.code",
                                -1, &st, NULL);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        gen_directory *dir = &g->dir;
        dir->entrusted = fd_realloc(dir->entrusted, (dir->entrusted_count + 1) * sizeof *dir->entrusted);
        struct gen_unit *u = &dir->entrusted[dir->entrusted_count++];
        u->id = sqlite3_column_int64(st, 0);
        snprintf(u->code, sizeof u->code, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    fd_status s = rc == SQLITE_OK ? FD_OK
                                  : fd_fail(err, FD_DB, NULL, "reading key entrustments: %s",
                                            sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return s;
}

static fd_status read_directory(gen *g, fd_error *err)
{
    gen_directory *dir = &g->dir;
    fd_status s;
    if ((s = fd_directory_search(g->d, NULL, FD_DIR_OCCUPANT | FD_DIR_PERSON, "", -1, keep_visitee, dir,
                                 err)) != FD_OK ||
        (s = fd_directory_search(g->d, NULL, FD_DIR_OCCUPANT | FD_DIR_COMPANY | FD_DIR_PERSON, "", -1,
                                 keep_recipient, dir, err)) != FD_OK ||
        (s = fd_directory_search(g->d, NULL, FD_DIR_OCCUPANT, "", -1, keep_occupant, dir, err)) != FD_OK ||
        (s = read_entrusted_units(g, err)) != FD_OK)
        return s;
    if (!dir->visitee_count || !dir->recipient_count || !dir->occupant_count)
        return fd_fail(err, FD_NOT_FOUND, NULL, "the demo directory came out empty");
    return FD_OK;
}

static void free_directory(gen_directory *dir)
{
    free(dir->visitees);
    free(dir->recipients);
    free(dir->occupants);
    free(dir->entrusted);
}

/* ---- the calendar of the building's life ---- */

/* 2,000,000 visits make ten years: 3652 days. */
enum { TEN_YEARS_DAYS = 3652, TEN_YEARS_VISITS = 2000000, MIN_DAYS = 8 };

static int64_t history_days(int64_t visits)
{
    int64_t days = (visits * TEN_YEARS_DAYS + TEN_YEARS_VISITS - 1) / TEN_YEARS_VISITS;
    return days < MIN_DAYS ? MIN_DAYS : days;
}

fd_date gen_print_day(fd_time now)
{
    return fd_date_of(now) - 1;
}

/* Quieter weekends; today has had only its first hours. */
static double day_weight(const gen *g, fd_date day)
{
    if (day == g->today)
        return 0.18;
    int wd = fd_date_weekday(day);
    return wd == 6 ? 0.75 : wd == 0 ? 0.7 : 1.0;
}

/* Shares total out over the days by weight, exactly (cumulative rounding). The
 * print day may be given a fixed share. */
typedef struct apportion {
    double done, all;
    int64_t total, given;
} apportion;

static int64_t share(apportion *a, double weight)
{
    int64_t before = (int64_t)(a->done / a->all * (double)a->total + 0.5);
    a->done += weight;
    int64_t after = (int64_t)(a->done / a->all * (double)a->total + 0.5);
    return after - before;
}

typedef struct day_plan {
    apportion visits, mail, loans, complaints, entries, notices, renovations, passes, calls;
    bool fixed_print_day;
} day_plan;

static day_plan plan_history(const gen *g, int64_t n)
{
    double all = 0, print_weight = 0;
    for (fd_date day = g->first_day; day <= g->today; day++) {
        all += day_weight(g, day);
        if (day == gen_print_day(g->now))
            print_weight = day_weight(g, day);
    }
    day_plan p = {
        .visits = {0, all, n, 0},
        .mail = {0, all, n / 4, 0},
        .loans = {0, all, n * 3 / 20, 0},
        .complaints = {0, all, n / 40, 0},
        .entries = {0, all, n / 20, 0},
        .notices = {0, all, n / 200, 0},
        .renovations = {0, all, n / 200, 0},
        .passes = {0, all, n / 50, 0},
        .calls = {0, all, n / 20, 0},
        .fixed_print_day = n >= 4 * GEN_PRINT_DAY_VISITS,
    };
    if (p.fixed_print_day) {
        p.visits.all -= print_weight;
        p.visits.total -= GEN_PRINT_DAY_VISITS;
    }
    return p;
}

static gen_quota day_quota(const gen *g, day_plan *p, fd_date day)
{
    double w = day_weight(g, day);
    gen_quota q = {
        .mail = share(&p->mail, w),
        .loans = share(&p->loans, w),
        .complaints = share(&p->complaints, w),
        .entries = share(&p->entries, w),
        .notices = share(&p->notices, w),
        .renovations = share(&p->renovations, w),
        .passes = share(&p->passes, w),
        .calls = share(&p->calls, w),
    };
    q.visits = p->fixed_print_day && day == gen_print_day(g->now) ? GEN_PRINT_DAY_VISITS
                                                                  : share(&p->visits, w);
    return q;
}

/* ---- playing ---- */

static fd_status play(gen *g, const gen_action *a, fd_error *err)
{
    g->clock = a->at;
    switch (GEN_PROC_OF(a->kind)) {
    case PROC_VISITS: return gen_visits_play(g, a, err);
    case PROC_KEYS: return gen_keys_play(g, a, err);
    case PROC_MAIL: return gen_mail_play(g, a, err);
    case PROC_COMPLAINTS: return gen_complaints_play(g, a, err);
    case PROC_HANDOVER: return gen_handover_play(g, a, err);
    case PROC_NOTICES: return gen_notices_play(g, a, err);
    case PROC_WORKS: return gen_works_play(g, a, err);
    case PROC_PASSES: return gen_passes_play(g, a, err);
    case PROC_CALLS: return gen_calls_play(g, a, err);
    case PROC_COUNT: break;
    }
    return fd_fail(err, FD_USAGE, NULL, "unknown action %u", a->kind);
}

typedef struct day_run {
    gen *g;
    fd_time until;
} day_run;

/* One day in one transaction: whole or not at all, and quick. Nothing else opens the
 * file while it is generated, so the store never has to re-run this for SQLITE_BUSY
 * (a re-run would find the agenda already consumed). */
static fd_status play_day(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    day_run *run = ctx;
    gen_action a;
    fd_status s = FD_OK;
    while (s == FD_OK && next_action(&run->g->agenda, run->until, &a)) {
        s = play(run->g, &a, err);
        if (s != FD_OK) {
            char when[FD_TIME_TEXT], why[FD_MESSAGE_MAX];
            fd_time_format(a.at, when);
            snprintf(why, sizeof why, "%s", err->message);
            fd_fail(err, s, err->field, "generating %s (action %u, slot %u): %s", when, a.kind,
                    a.slot, why);
        }
    }
    return s;
}

static void plan_day(gen *g, day_plan *p, fd_date day)
{
    gen_quota q = day_quota(g, p, day);
    gen_handover_plan_day(g, day, q.entries);
    gen_visits_plan_day(g, day, q.visits);
    gen_keys_plan_day(g, day, q.loans);
    gen_mail_plan_day(g, day, q.mail);
    gen_complaints_plan_day(g, day, q.complaints);
    gen_notices_plan_day(g, day, q.notices);
    gen_works_plan_day(g, day, q.renovations);
    gen_passes_plan_day(g, day, q.passes);
    gen_calls_plan_day(g, day, q.calls);
}

static fd_status live(gen *g, int64_t n, void (*progress)(int64_t, int64_t), fd_error *err)
{
    day_plan p = plan_history(g, n);
    int64_t days = g->today - g->first_day + 1;
    fd_status s = FD_OK;
    for (fd_date day = g->first_day; s == FD_OK && day <= g->today; day++) {
        plan_day(g, &p, day);
        day_run run = {g, day == g->today ? g->now : fd_date_start(day + 1)};
        s = fd_store_write(g->d->store, play_day, &run, err);
        if (progress)
            progress(day - g->first_day + 1, days);
    }
    return s;
}

/* ---- starting ---- */

static fd_status set_up(gen *g, fd_error *err)
{
    /* The staff and the directory arrive the evening before the first day. */
    g->clock = fd_date_start(g->first_day) - 4 * HOUR;
    fd_status s;
    if ((s = add_staff(g, err)) != FD_OK || (s = fd_demo_directory(g->d, &g->cast.admin, err)) != FD_OK ||
        (s = read_directory(g, err)) != FD_OK)
        return s;
    if ((s = gen_visits_start(g, err)) != FD_OK || (s = gen_keys_start(g, err)) != FD_OK ||
        (s = gen_mail_start(g, err)) != FD_OK || (s = gen_complaints_start(g, err)) != FD_OK ||
        (s = gen_notices_start(g, err)) != FD_OK || (s = gen_works_start(g, err)) != FD_OK ||
        (s = gen_passes_start(g, err)) != FD_OK || (s = gen_calls_start(g, err)) != FD_OK)
        return s;
    g->clock = g->first_shift;
    return gen_handover_start(g, err);
}

static void tear_down(gen *g)
{
    gen_visits_free(g);
    gen_keys_free(g);
    gen_mail_free(g);
    gen_complaints_free(g);
    gen_works_free(g);
    gen_handover_free(g);
    gen_notices_free(g);
    gen_passes_free(g);
    gen_calls_free(g);
    free_directory(&g->dir);
    free(g->agenda.heap);
}

fd_status gen_build(fd_desk *d, const gen_params *p, void (*progress)(int64_t done, int64_t all),
                    gen_counts *out, fd_error *err)
{
    gen *g = fd_alloc(sizeof *g);
    g->d = d;
    g->cfg = d->config;
    g->rng.state = p->seed;
    g->now = p->now;
    g->today = fd_date_of(p->now);
    g->first_day = g->today - (fd_date)(history_days(p->visits) - 1);
    g->first_shift = fd_date_start(g->first_day) + 8 * HOUR;
    g->people = gen_people_for(p->seed, p->visits);
    g->counts.days = g->today - g->first_day + 1;
    fd_clock real = d->clock;
    d->clock = fd_clock_fixed(&g->clock);
    /* A made-up building, a practice desk like the demo's: the console measurement pins
     * its clock, and its staff have the demo's 4-digit PINs. */
    fd_status s = fd_desk_mark_demo(d, err);
    if (s == FD_OK)
        s = set_up(g, err);
    if (s == FD_OK)
        s = live(g, p->visits, progress, err);
    d->clock = real;
    *out = g->counts;
    tear_down(g);
    free(g);
    return s;
}
