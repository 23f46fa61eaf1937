/* The write paths the I/O-error test drives, one table entry each (write_paths.c).
 * A procedure adds its writes there: a set-up that makes one more attempt possible
 * and the operation itself. */
#ifndef FRONTDESK_WRITE_PATHS_H
#define FRONTDESK_WRITE_PATHS_H

#include <stdbool.h>
#include <stdint.h>

#include "desk_fixture.h"
#include "frontdesk/status.h"

typedef struct fault_ctx {
    desk_fixture fx;  /* admin 9001, receptionist 1001, duty manager 2001, logged in */
    fd_config *site;  /* the shipped configuration, which fx.config copies */
    int serial;       /* bumped by set-ups that need new numbers or codes per attempt */
    char csv[1024];   /* the file an import reads */
    int64_t unit_id;  /* a directory row to correct */
    /* The procedures' paths (procedure_paths.h) keep their desk here. */
    fd_actor cs_manager, second;    /* 3001, and the second duty manager 2002 */
    int64_t owner_unit, owner;      /* A-1203 (its spare key entrusted) and its owner */
    int64_t record;                 /* the record the operation acts on */
    int64_t records[3];             /* the items one hand-out takes */
    int64_t shift;                  /* the handover book's open shift */
    bool second_holds;              /* the book is in the second duty manager's hands */
    int64_t company;                /* T-1501, its seal on file */
} fault_ctx;

/* Builds the desk every run starts from: the fixture's staff and the procedures'
 * (procedure_desk), under the shipped configuration. Once, before the runs fork:
 * each staff member costs two Argon2 hashes, which would otherwise dominate the
 * short form of the test. */
void fault_desk_template(void);
/* A copy of that desk under db_name, opened, with its staff logged in; and its end. */
void fault_ctx_open(fault_ctx *c, const char *db_name);
void fault_ctx_close(fault_ctx *c);

typedef struct write_path {
    const char *name; /* a file-name-safe word: it names the test's database */
    /* Makes the operation possible once more. Runs with faults disarmed, before every
     * attempt; it may use Check's assertions. */
    void (*set_up)(fault_ctx *c);
    /* The write: FD_OK once it has done what it is for, else the error it reports. A
     * failed attempt is repeated as it is, without a new set-up. */
    fd_status (*operation)(fault_ctx *c, fd_error *err);
    /* EVERY_POINT, or SAMPLED: the short form of the test tries only some of this
     * path's fault points (the full form tries them all). */
    int sampling;
} write_path;

enum { EVERY_POINT, SAMPLED };

extern const write_path write_paths[];
extern const int write_path_count;

#endif
