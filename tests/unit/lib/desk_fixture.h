/* A desk on a fresh temporary database with three staff: an administrator (9001),
 * a receptionist (1001) and a duty manager (2001), all logged in. The database is
 * marked a demo's (fd_desk_mark_demo), so they have the demo's 4-digit PINs. */
#ifndef FRONTDESK_DESK_FIXTURE_H
#define FRONTDESK_DESK_FIXTURE_H

#include <stdbool.h>

#include "frontdesk/audit.h"
#include "frontdesk/book.h"
#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

typedef struct desk_fixture {
    fd_desk *desk;
    fd_config config;
    fd_time now;
    /* The audit's clock: tests set a scene by writing at whatever day f->now says (a
     * visit nine days ago after today's staff), as the demo writes its past week; the
     * audit entries are still written in order, a second apart, as verify expects. */
    fd_time written;
    const char *path;
    fd_actor admin, receptionist, duty_manager;
} desk_fixture;

void desk_fixture_open(desk_fixture *f, const char *db_name);
/* Another staff member, added by the administrator and logged in into *out. */
void desk_fixture_staff(desk_fixture *f, const char *number, const char *name, fd_role role,
                        const char *pin, fd_actor *out);
/* The test directory of tests/data/directory (units.csv, occupants.csv), imported by
 * the administrator. */
void desk_fixture_directory(desk_fixture *f);
void desk_fixture_close(desk_fixture *f);
/* Opens f->path again (after desk_fixture_close), under the same clocks. */
void desk_fixture_reopen(desk_fixture *f);
/* Runs sql on a raw connection: someone editing the file behind the program's back. */
int desk_fixture_raw(const desk_fixture *f, const char *sql);
/* The one number sql answers, read on a raw connection (the file as it is). */
int64_t desk_fixture_count(const desk_fixture *f, const char *sql);
/* Closes the desk, runs sql behind its back (it must succeed), and opens the desk again
 * on the configuration it had. */
void desk_fixture_tamper(desk_fixture *f, const char *sql);
/* fd_verify over the whole desk, each problem printed: the number found (fd_verify
 * answers FD_TAMPERED exactly when there are some). */
int desk_fixture_verify(desk_fixture *f);

/* What a verify reported, for a test to look for one problem: the first eight problems'
 * text and how many there were in all. desk_fixture_collect is the verify's report
 * callback, with the problems as its context. */
typedef struct desk_fixture_problems {
    int count;
    char text[8][512];
} desk_fixture_problems;
void desk_fixture_collect(void *ctx, const char *problem);
/* Whether one of the problems kept holds needle. */
bool desk_fixture_reported(const desk_fixture_problems *p, const char *needle);
/* fd_verify_with for req, its problems collected into *p (emptied first). */
fd_status desk_fixture_verify_into(desk_fixture *f, fd_verify_request *req,
                                   desk_fixture_problems *p, fd_verify_result *r);

/* A procedure's export (fd_visitors_export …) run into a book in memory: the bytes
 * written (caller frees; the workbook's bytes for xlsx), its status in *status and
 * its error in *err (may be NULL). */
typedef fd_status (*desk_fixture_export_fn)(fd_desk *d, const fd_actor *who,
                                           const fd_export_request *req, fd_book *book,
                                           fd_error *err);
char *desk_fixture_export(const desk_fixture *f, desk_fixture_export_fn fn, const fd_actor *who,
                          const fd_export_request *req, fd_status *status, size_t *size,
                          fd_error *err);

#endif
