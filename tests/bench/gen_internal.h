/* Inside the generator: the shared state, the random stream, the agenda of things to
 * happen, and each procedure's part (gen_visits.c, gen_keys.c, gen_mail.c,
 * gen_complaints.c, gen_handover.c, gen_passes.c).
 *
 * Each day is planned first — each procedure puts the day's arrivals on the agenda,
 * and playing an action may put its sequels there (an admission after a registration,
 * a collection days after a parcel came) — and then played in time order, in one
 * transaction, under a clock the generator moves. */
#ifndef FRONTDESK_BENCH_GEN_INTERNAL_H
#define FRONTDESK_BENCH_GEN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "demo/demo_data.h"
#include "frontdesk/directory.h"
#include "gen.h"
#include "gen_people.h"

enum { MINUTE = 60, HOUR = 3600, DAY = 86400, SHIFT = 12 * HOUR };

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* ---- randomness: splitmix64, one stream for the whole history ---- */

typedef struct gen_rng {
    uint64_t state;
} gen_rng;

uint64_t gen_next(gen_rng *r);
uint32_t gen_below(gen_rng *r, uint32_t n);        /* 0 … n-1 */
bool gen_chance(gen_rng *r, uint32_t per_mille);   /* true per_mille times in 1000 */
#define GEN_PICK(r, list) ((list)[gen_below((r), COUNT(list))])

/* ---- the agenda ---- */

/* What an action does: the procedure (high byte) and its step. */
typedef enum gen_proc {
    PROC_VISITS, PROC_KEYS, PROC_MAIL, PROC_COMPLAINTS, PROC_HANDOVER, PROC_NOTICES, PROC_WORKS,
    PROC_PASSES, PROC_CALLS, PROC_COUNT
} gen_proc;
#define GEN_KIND(proc, step) ((uint16_t)((proc) << 8 | (step)))
#define GEN_PROC_OF(kind) ((gen_proc)((kind) >> 8))
#define GEN_STEP_OF(kind) ((int)((kind) & 0xFF))

typedef struct gen_action {
    fd_time at;
    uint64_t order;  /* ties keep the order they were planned in */
    uint16_t kind;
    uint32_t slot;   /* the procedure's record of what this is about */
} gen_action;

typedef struct gen_agenda {
    gen_action *heap;
    size_t count, cap;
    uint64_t planned;
} gen_agenda;

/* ---- the directory, read once ---- */

typedef struct gen_recipient {
    fd_dir_kind kind;
    int64_t id;
    char unit[16], name[64];
    bool person; /* a person collects their own mail */
} gen_recipient;

typedef struct gen_occupant {
    int64_t id;
} gen_occupant;

typedef struct gen_directory {
    demo_visitee *visitees;
    size_t visitee_count;
    gen_recipient *recipients;
    size_t recipient_count;
    gen_occupant *occupants;
    size_t occupant_count;
    struct gen_unit {
        int64_t id;
        char code[16];
    } *entrusted;             /* units with a key entrustment: their spare keys */
    size_t entrusted_count;
} gen_directory;

/* ---- how much happens on a day ---- */

typedef struct gen_quota {
    int64_t visits, mail, loans, complaints, entries, notices, renovations, passes, calls;
} gen_quota;

typedef struct gen_visits gen_visits;
typedef struct gen_keys gen_keys;
typedef struct gen_mail gen_mail;
typedef struct gen_complaints gen_complaints;
typedef struct gen_handover gen_handover;
typedef struct gen_notices gen_notices;
typedef struct gen_works gen_works;
typedef struct gen_calls gen_calls;
typedef struct gen_passes gen_passes;

typedef struct gen {
    fd_desk *d;
    const fd_config *cfg;
    gen_cast cast;
    gen_rng rng;
    gen_agenda agenda;
    gen_directory dir;
    gen_people people;
    fd_time clock;        /* what the desk reads while the generator writes */
    fd_time now;          /* history ends here */
    fd_date first_day, today;
    fd_time first_shift;  /* 08:00 of the first day: the book opens */
    gen_counts counts;
    gen_visits *visits;
    gen_keys *keys;
    gen_mail *mail;
    gen_complaints *complaints;
    gen_handover *handover;
    gen_notices *notices;
    gen_works *works;
    gen_calls *calls;
    gen_passes *passes;
} gen;

/* Puts an action on the agenda. One at or after the end of history never happens:
 * false, and the caller lets go of what it was about. */
bool gen_plan(gen *g, fd_time at, gen_proc proc, int step, uint32_t slot);

/* The moment at minute m (0 … 1439) of day, plus up to a minute of seconds. */
fd_time gen_at(gen *g, fd_date day, int minute);
/* A moment drawn in [from, to) minutes of day; to is cut at the end of history. */
fd_time gen_between(gen *g, fd_date day, int from, int to);
/* The next moment at or after t when the office is staffed (08:30–19:30); when t is
 * outside those hours, a time in the first hour after opening. */
fd_time gen_office_hours(gen *g, fd_time t);

/* Who is at the desk at t: the duty manager holding the book at night, else the
 * receptionist or (one time in three) the assistant. */
const fd_actor *gen_desk(gen *g, fd_time t);
/* The duty manager holding the book at t. */
const fd_actor *gen_manager(gen *g, fd_time t);

/* ---- the procedures ---- */

fd_status gen_visits_start(gen *g, fd_error *err);
void gen_visits_plan_day(gen *g, fd_date day, int64_t count);
fd_status gen_visits_play(gen *g, const gen_action *a, fd_error *err);
void gen_visits_free(gen *g);

fd_status gen_keys_start(gen *g, fd_error *err);
void gen_keys_plan_day(gen *g, fd_date day, int64_t count);
fd_status gen_keys_play(gen *g, const gen_action *a, fd_error *err);
void gen_keys_free(gen *g);

fd_status gen_mail_start(gen *g, fd_error *err);
void gen_mail_plan_day(gen *g, fd_date day, int64_t count);
fd_status gen_mail_play(gen *g, const gen_action *a, fd_error *err);
void gen_mail_free(gen *g);

fd_status gen_complaints_start(gen *g, fd_error *err);
void gen_complaints_plan_day(gen *g, fd_date day, int64_t count);
fd_status gen_complaints_play(gen *g, const gen_action *a, fd_error *err);
void gen_complaints_free(gen *g);

/* The handover book opens with the first shift; each day brings two shifts, each
 * handed over face to face at its end. */
fd_status gen_handover_start(gen *g, fd_error *err);
void gen_handover_plan_day(gen *g, fd_date day, int64_t entries);
fd_status gen_handover_play(gen *g, const gen_action *a, fd_error *err);
void gen_handover_free(gen *g);

fd_status gen_notices_start(gen *g, fd_error *err);
void gen_notices_plan_day(gen *g, fd_date day, int64_t count);
fd_status gen_notices_play(gen *g, const gen_action *a, fd_error *err);
void gen_notices_free(gen *g);
/* Renovations: a file now and then, its workers' passes, each taken back around its
 * last day, the file completed once they are all back. */
fd_status gen_works_start(gen *g, fd_error *err);
void gen_works_plan_day(gen *g, fd_date day, int64_t count);
fd_status gen_works_play(gen *g, const gen_action *a, fd_error *err);
void gen_works_free(gen *g);
/* Carry-out and carry-in passes (gen_passes.c), on a random stream of their own. */
fd_status gen_passes_start(gen *g, fd_error *err);
void gen_passes_plan_day(gen *g, fd_date day, int64_t count);
fd_status gen_passes_play(gen *g, const gen_action *a, fd_error *err);
void gen_passes_free(gen *g);

/* The hotline and walk-in register (gen_calls.c). */
fd_status gen_calls_start(gen *g, fd_error *err);
void gen_calls_plan_day(gen *g, fd_date day, int64_t count);
fd_status gen_calls_play(gen *g, const gen_action *a, fd_error *err);
void gen_calls_free(gen *g);

/* A slot pool: indexes of records in flight, reused once a record's story ends. */
typedef struct gen_slots {
    uint32_t *free;
    size_t free_count, used, cap;
} gen_slots;

uint32_t gen_slot_take(gen_slots *s, void **items, size_t item_size);
void gen_slot_give(gen_slots *s, uint32_t slot);
void gen_slots_free(gen_slots *s);

#endif
