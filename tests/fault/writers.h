/* The parent's side of the crash and concurrency tests: starting crash_writer
 * processes, collecting the writes they acknowledged, and checking the database. */
#ifndef FRONTDESK_WRITERS_H
#define FRONTDESK_WRITERS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "latency.h"

/* A row a writer acknowledged: 'c' a correction, 'e' an event. */
typedef struct row_ack {
    char kind;
    int64_t id;
} row_ack;

/* Login events carry no id back to the caller: they are counted per staff member and
 * outcome. */
typedef struct login_ack {
    char number[16];
    char outcome[16];
    long count;
} login_ack;

enum { MAX_LOGIN_ACKS = 64 };

/* Everything the writers acknowledged, and their closing statistics. */
typedef struct ack_log {
    row_ack *rows;
    size_t row_count, row_cap;
    login_ack logins[MAX_LOGIN_ACKS];
    size_t login_count;
    int finished;     /* writers that printed their statistics */
    long writes;
    double max_ms;    /* the slowest write of any writer */
    double total_ms;
    long latencies[LATENCY_BUCKETS];
} ack_log;

/* Acknowledged writes, rows and logins together. */
long ack_log_total(const ack_log *log);

typedef struct writer_proc {
    pid_t pid;
    int out;          /* its standard output; -1 once at end of file */
    char line[256];   /* a line not complete yet */
    size_t len;
} writer_proc;

double writers_now_ms(void); /* CLOCK_MONOTONIC */

/* Runs "crash_writer DB setup" and expects it to succeed. */
void writer_setup(const char *db);
/* Starts writer k; seconds 0 writes until killed. */
void writer_start(writer_proc *p, const char *db, int k, uint64_t seed, int seconds);
/* Collects what the writers print, until each is at end of file or, when deadline_ms
 * is not 0, until then. */
void writers_read(writer_proc *ps, size_t n, ack_log *log, double deadline_ms);
/* Reaps the writer; returns its wait status. */
int writer_wait(writer_proc *p);

/* The database opens, integrity_check says ok, verify passes, and every write in log
 * is there. */
void check_database(const char *db, const ack_log *log);
void ack_log_free(ack_log *log);

#endif
