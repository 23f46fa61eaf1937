/* A desk on a fresh temporary database with three staff: an administrator (9001),
 * a receptionist (1001) and a duty manager (2001), all logged in. The database is
 * marked a demo's (fd_desk_mark_demo), so they have the demo's 4-digit PINs. */
#ifndef FRONTDESK_DESK_FIXTURE_H
#define FRONTDESK_DESK_FIXTURE_H

#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

typedef struct desk_fixture {
    fd_desk *desk;
    fd_config config;
    fd_time now;
    const char *path;
    fd_actor admin, receptionist, duty_manager;
} desk_fixture;

void desk_fixture_open(desk_fixture *f, const char *db_name);
void desk_fixture_close(desk_fixture *f);
/* Runs sql on a raw connection: someone editing the file behind the program's back. */
int desk_fixture_raw(const desk_fixture *f, const char *sql);

#endif
