/* A desk on a fresh temporary database with three staff: an administrator (9001),
 * a receptionist (1001) and a duty manager (2001), all logged in. The database is
 * marked a demo's (fd_desk_mark_demo), so they have the demo's 4-digit PINs. */
#ifndef FRONTDESK_DESK_FIXTURE_H
#define FRONTDESK_DESK_FIXTURE_H

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
void desk_fixture_close(desk_fixture *f);
/* Opens f->path again (after desk_fixture_close), under the same clocks. */
void desk_fixture_reopen(desk_fixture *f);
/* Runs sql on a raw connection: someone editing the file behind the program's back. */
int desk_fixture_raw(const desk_fixture *f, const char *sql);

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
