/* The write paths the I/O-error test drives, one table entry each (write_paths.c).
 * A procedure adds its writes there: a set-up that makes one more attempt possible
 * and the operation itself. */
#ifndef FRONTDESK_WRITE_PATHS_H
#define FRONTDESK_WRITE_PATHS_H

#include <stdint.h>

#include "desk_fixture.h"
#include "frontdesk/status.h"

typedef struct fault_ctx {
    desk_fixture fx;  /* admin 9001, receptionist 1001, duty manager 2001, logged in */
    int serial;       /* bumped by set-ups that need new numbers or codes per attempt */
    char csv[1024];   /* the file an import reads */
    int64_t unit_id;  /* a directory row to correct */
} fault_ctx;

typedef struct write_path {
    const char *name; /* a file-name-safe word: it names the test's database */
    /* Makes the operation possible once more. Runs with faults disarmed, before every
     * attempt; it may use Check's assertions. */
    void (*set_up)(fault_ctx *c);
    /* The write: FD_OK once it has done what it is for, else the error it reports. A
     * failed attempt is repeated as it is, without a new set-up. */
    fd_status (*operation)(fault_ctx *c, fd_error *err);
} write_path;

extern const write_path write_paths[];
extern const int write_path_count;

#endif
