/* frontdesk-bench: what every measurement works with, and the measurements. */
#ifndef FRONTDESK_BENCH_H
#define FRONTDESK_BENCH_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/config.h"
#include "frontdesk/desk.h"
#include "gen.h"
#include "gen_people.h"

typedef struct bench {
    int64_t rows;
    uint64_t seed;
    const char *db_path;
    char *config_path;     /* an empty site file: the console runs on the defaults */
    const char *frontdesk; /* the console binary */
    char *self;            /* this program, which is also the keystroke floor's echo */
    const char *only;      /* NULL, or run the measurements whose names contain it */
    fd_config *cfg;
    fd_desk *desk;         /* the core, its clock pinned at the database's now */
    fd_time clock;
    gen_cast cast;
    gen_people people;
    sqlite3 *raw;          /* the floor: a plain read-only connection to the same file */
} bench;

/* The database's "now": history ends on a Friday morning. */
fd_time bench_history_end(void);

bool bench_wants(const bench *b, const char *name);

/* The database of `rows` visits with b's seed at its default place, generated when
 * missing (the console's memory is compared with the 10,000-visit building's). Caller
 * frees; NULL on failure. */
char *bench_database(const bench *b, int64_t rows, fd_error *err);

/* Each page of a list, each search, beside a hand-written query for the same rows. */
void measure_queries(bench *b);
/* Registering a visitor beside a bare one-row INSERT. */
void measure_register(bench *b);
/* The PDFs. */
void measure_print(bench *b);
/* A full verify with the sealing code beside a bare walk computing the same MACs. */
void measure_verify(bench *b);
/* The console in a pseudo-terminal: its first screen, a keystroke, its memory. */
void measure_console(bench *b);

/* The keystroke floor: echoes every byte it reads from a raw terminal. */
int bench_echo(void);

#endif
