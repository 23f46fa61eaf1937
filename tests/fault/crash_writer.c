/* A terminal that only writes, for the crash and concurrency tests.
 *
 *   crash_writer DB setup
 *       the site: administrator 9001, duty manager 2001 and eight units (idempotent)
 *   crash_writer DB write K SEED SECONDS
 *       writer K (1-99) records, for SECONDS (0: until killed), corrections of units,
 *       events of a test machine, and wrong PINs and unlocks of its own staff member
 *
 * Each write the core acknowledged (returned FD_OK for) is printed on stdout, flushed,
 * one line each: "correction ID", "event ID", or "login NUMBER OUTCOME" for one
 * login_event row. A timed run ends with "stats writes=N max_ms=M mean_ms=A hist=H",
 * H the count of writes in each bucket of latency.h, comma-separated. Any
 * error — which a receptionist would see — goes to stderr and exits with status 1. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/desk.h"
#include "frontdesk/directory.h"
#include "frontdesk/machine.h"
#include "frontdesk/staff.h"
#include "latency.h"

enum { MAX_UNITS = 64, ENTITIES = 8 };

static const char units_csv[] =
    "building,floor,room\n"
    "A,1,101\nA,1,102\nA,2,201\nA,2,202\n"
    "B,1,101\nB,1,102\nT,15,1501\nT,15,1502\n";

/* Entities are opened, touched, closed and reopened, for ever. */
static const fd_transition probe_rows[] = {
    {NULL, "open", "open", FD_ACT_DIRECTORY_CORRECT, NULL},
    {"open", "touch", "open", FD_ACT_DIRECTORY_CORRECT, NULL},
    {"open", "close", "closed", FD_ACT_DIRECTORY_CORRECT, NULL},
    {"closed", "reopen", "open", FD_ACT_DIRECTORY_CORRECT, NULL},
};
static const fd_machine probe = {"probe", probe_rows, 4, NULL};

typedef struct writer {
    fd_desk *desk;
    fd_config config;
    int k;
    fd_actor admin, me, manager;
    char target[16];        /* the staff member whose wrong PINs this writer records */
    int64_t units[MAX_UNITS];
    size_t unit_count;
    uint64_t rng;
    long writes;
    double max_ms, total_ms;
    long latencies[LATENCY_BUCKETS];
} writer;

static int writer_k; /* for messages */

static _Noreturn void die(const char *what, const fd_error *err)
{
    fprintf(stderr, "crash_writer %d: %s: %s (status %d)\n", writer_k, what, err->message,
            (int)err->status);
    exit(1);
}

static void check(fd_status s, const char *what, const fd_error *err)
{
    if (s != FD_OK)
        die(what, err);
}

/* One line, written at once when flushed: the parent counts only whole lines. */
static void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void emit(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

/* xorshift64*: the same seed gives the same run. */
static uint64_t next_random(writer *w)
{
    w->rng ^= w->rng >> 12;
    w->rng ^= w->rng << 25;
    w->rng ^= w->rng >> 27;
    return w->rng * 2685821657736338717ull;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- the site ---- */

static void ensure_staff(writer *w, const fd_actor *by, const char *number, const char *name,
                         fd_role role, const char *pin)
{
    fd_staff_info info;
    fd_error err = {0};
    fd_status s = fd_staff_find(w->desk, number, &info, &err);
    if (s == FD_NOT_FOUND)
        s = fd_staff_add(w->desk, by, number, name, role, pin, &err);
    check(s, "adding staff", &err);
}

static void log_in(writer *w, const char *number, const char *pin, fd_actor *out)
{
    fd_error err = {0};
    check(fd_staff_login(w->desk, number, pin, out, &err), "logging in", &err);
}

static void take_unit(void *ctx, const fd_dir_entry *e)
{
    writer *w = ctx;
    if (w->unit_count < MAX_UNITS)
        w->units[w->unit_count++] = e->id;
}

static void find_units(writer *w)
{
    fd_error err = {0};
    w->unit_count = 0;
    check(fd_directory_search(w->desk, NULL, FD_DIR_UNIT, "", -1, take_unit, w, &err), "searching",
          &err);
}

/* One import: all eight units or none, so "none yet" means import them. */
static void ensure_units(writer *w)
{
    find_units(w);
    if (w->unit_count > 0)
        return;
    FILE *in = fmemopen((void *)units_csv, strlen(units_csv), "r");
    fd_import_result result;
    fd_error err = {0};
    fd_status s = fd_directory_import_units(w->desk, &w->admin, in, &result, &err);
    fd_import_result_free(&result);
    fclose(in);
    check(s, "importing units", &err);
    find_units(w);
}

static void set_up_site(writer *w)
{
    fd_error err = {0};
    /* Made-up records, like the demo's: the staff keep the demo's 4-digit PINs. */
    check(fd_desk_mark_demo(w->desk, &err), "marking the practice desk", &err);
    ensure_staff(w, NULL, "9001", "陈静", FD_ROLE_ADMIN, "9999");
    log_in(w, "9001", "9999", &w->admin);
    ensure_staff(w, &w->admin, "2001", "张伟", FD_ROLE_DUTY_MANAGER, "2222");
    ensure_units(w);
}

/* Writer K's own receptionist, and the colleague whose wrong PINs it records. */
static void set_up_writer(writer *w)
{
    char number[16];
    log_in(w, "9001", "9999", &w->admin);
    log_in(w, "2001", "2222", &w->manager);
    snprintf(number, sizeof number, "W%d", w->k);
    ensure_staff(w, &w->admin, number, "李娜", FD_ROLE_RECEPTIONIST, "1111");
    log_in(w, number, "1111", &w->me);
    snprintf(w->target, sizeof w->target, "X%d", w->k);
    ensure_staff(w, &w->admin, w->target, "王芳", FD_ROLE_ASSISTANT, "4321");
    find_units(w);
    if (w->unit_count == 0) {
        fprintf(stderr, "crash_writer %d: no units: run setup first\n", w->k);
        exit(1);
    }
}

/* ---- the writes ---- */

typedef struct correction_write {
    writer *w;
    int64_t unit_id;
    int64_t id;
} correction_write;

static fd_status correct_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    correction_write *c = ctx;
    char room[24];
    snprintf(room, sizeof room, "%llu", (unsigned long long)(next_random(c->w) % 10000));
    return fd_correct(c->w->desk, &c->w->me, "unit", c->unit_id, "room", room, "房号登记错误",
                      &c->id, err);
}

static void write_correction(writer *w)
{
    correction_write c = {w, w->units[next_random(w) % w->unit_count], 0};
    fd_error err = {0};
    check(fd_store_write(w->desk->store, correct_txn, &c, &err), "correcting", &err);
    emit("correction %lld", (long long)c.id);
}

typedef struct event_write {
    writer *w;
    int64_t entity;
    bool close; /* when open: close it rather than touch it */
    int64_t id;
} event_write;

/* The event follows from the state, read in the same transaction. */
static fd_status fire_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    event_write *e = ctx;
    char state[FD_STATE_MAX];
    fd_status s = fd_machine_state(e->w->desk, &probe, e->entity, state, err);
    if (s != FD_OK)
        return s;
    const char *event = !*state                     ? "open"
                        : strcmp(state, "closed") == 0 ? "reopen"
                        : e->close                     ? "close"
                                                       : "touch";
    fd_fire fire = {.actor = &e->w->me, .note = "巡查"};
    return fd_machine_fire(e->w->desk, &probe, e->entity, event, &fire, &e->id, err);
}

static void write_event(writer *w)
{
    event_write e = {w, (int64_t)w->k * 1000 + (int64_t)(next_random(w) % ENTITIES),
                     next_random(w) % 4 == 0, 0};
    fd_error err = {0};
    check(fd_store_write(w->desk->store, fire_txn, &e, &err), "firing an event", &err);
    emit("event %lld", (long long)e.id);
}

/* A wrong PIN (the one that reaches the limit also locks), or the unlock of a locked
 * account. Only this writer touches its target, so what it reads stays true. */
static void write_login(writer *w)
{
    fd_staff_info info;
    fd_error err = {0};
    check(fd_staff_find(w->desk, w->target, &info, &err), "finding staff", &err);
    if (info.locked) {
        check(fd_staff_unlock(w->desk, &w->manager, w->target, &err), "unlocking", &err);
        emit("login %s unlock", w->target);
        return;
    }
    fd_actor ignored;
    if (fd_staff_login(w->desk, w->target, "0000", &ignored, &err) != FD_BAD_PIN)
        die("recording a wrong PIN", &err);
    /* The answer does not say whether that PIN locked the account: the record does,
     * and the wrong PIN that locks it is recorded as the lock-out alone. */
    check(fd_staff_find(w->desk, w->target, &info, &err), "finding staff", &err);
    emit("login %s %s", w->target, info.locked ? "locked_out" : "bad_pin");
}

static void write_one(writer *w)
{
    uint64_t r = next_random(w) % 16;
    double start = now_ms();
    if (r == 0)
        write_login(w);
    else if (r < 8)
        write_correction(w);
    else
        write_event(w);
    double ms = now_ms() - start;
    w->writes++;
    w->total_ms += ms;
    if (ms > w->max_ms)
        w->max_ms = ms;
    w->latencies[latency_bucket(ms)]++;
}

static void write_for(writer *w, int seconds)
{
    double end = now_ms() + seconds * 1e3;
    while (seconds == 0 || now_ms() < end)
        write_one(w);
    char hist[LATENCY_BUCKETS * 12] = "";
    for (int b = 0, n = 0; b < LATENCY_BUCKETS; b++)
        n += snprintf(hist + n, sizeof hist - (size_t)n, "%s%ld", b ? "," : "", w->latencies[b]);
    emit("stats writes=%ld max_ms=%.1f mean_ms=%.2f hist=%s", w->writes, w->max_ms,
        w->writes ? w->total_ms / (double)w->writes : 0.0, hist);
}

static _Noreturn void usage(void)
{
    fprintf(stderr, "usage: crash_writer DB setup\n"
                    "       crash_writer DB write K SEED SECONDS\n");
    exit(2);
}

int main(int argc, char **argv)
{
    bool setup = argc == 3 && strcmp(argv[2], "setup") == 0;
    if (!setup && !(argc == 6 && strcmp(argv[2], "write") == 0))
        usage();
    static writer w;
    w.config.pin_max_failures = 3;
    if (!setup) {
        w.k = writer_k = atoi(argv[3]);
        w.rng = strtoull(argv[4], NULL, 10) * 0x9E3779B97F4A7C15ull + (uint64_t)w.k;
        if (w.k < 1 || w.k > 99 || w.rng == 0)
            usage();
    }
    fd_error err = {0};
    check(fd_desk_open(argv[1], setup ? FD_STORE_CREATE : 0, &w.config, fd_clock_default(),
                       &w.desk, &err),
          "opening", &err);
    if (setup) {
        set_up_site(&w);
    } else {
        set_up_writer(&w);
        write_for(&w, atoi(argv[5]));
    }
    fd_desk_close(w.desk);
    return 0;
}
