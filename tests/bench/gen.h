/* The generator of the benchmark's building: years of a busy front desk written
 * through the core's own operations, so every rule, state and audit entry is what a
 * real desk leaves behind. Deterministic from the seed: the same rows (though not the
 * same HMACs, whose key is drawn when the file is made) on every machine.
 *
 * The building runs at a constant pace — about 548 visits a day, so 2,000,000 visits
 * are ten years — and the other records keep their share of the visits: mail N/4,
 * key loans 3N/20, complaints N/40, handover entries N/20, notices N/200,
 * renovations N/200 (each with two to eight workers' passes), carry-out and carry-in
 * passes N/50, calls and walk-ins N/20. History ends at the
 * database's "now", a weekday morning, with something open in every view. */
#ifndef FRONTDESK_BENCH_GEN_H
#define FRONTDESK_BENCH_GEN_H

#include <stdint.h>

#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

/* The staff of the building, logged in (the demo's numbers and PINs, so the console
 * can be entered as 1001/1111). */
typedef struct gen_cast {
    fd_actor admin, receptionist, assistant, duty_manager, second_manager, cs_manager;
} gen_cast;

typedef struct gen_params {
    int64_t visits;  /* N: --rows */
    uint64_t seed;
    fd_time now;     /* the end of history */
} gen_params;

/* What was written, for the report. */
typedef struct gen_counts {
    int64_t visits, mail, loans, complaints, entries, shifts, days;
} gen_counts;

/* Writes the whole history into the desk's (new, empty) database. progress, when not
 * NULL, is called after each day with the days done and the days in all. */
fd_status gen_build(fd_desk *d, const gen_params *p, void (*progress)(int64_t done, int64_t all),
                    gen_counts *out, fd_error *err);

/* The staff, logged in again on a database gen_build wrote. */
fd_status gen_cast_login(fd_desk *d, gen_cast *cast, fd_error *err);

/* The visits of the busy day whose daily log the benchmark prints: yesterday, with
 * exactly GEN_PRINT_DAY_VISITS visits when N allows it. */
enum { GEN_PRINT_DAY_VISITS = 500 };
fd_date gen_print_day(fd_time now);

#endif
