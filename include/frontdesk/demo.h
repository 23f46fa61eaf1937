/* Demo data: a realistic, reproducible site for trying the program and for tests. */
#ifndef FRONTDESK_DEMO_H
#define FRONTDESK_DEMO_H

#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

/* The demo's staff, logged in: each procedure's demo history is written by the role
 * that would write it at a real desk. */
typedef struct fd_demo_cast {
    fd_actor admin, receptionist, assistant, duty_manager, cs_manager;
} fd_demo_cast;

/* Imports the demo directory of 北辰澜桥国际花园 through the CSV import, as who (an
 * administrator): residential buildings A, B and C, the office tower T with its
 * companies, departments and staff, emergency contacts and key entrustments. The same
 * data every time; key entrustment dates are counted back from the desk's today. */
fd_status fd_demo_directory(fd_desk *d, const fd_actor *who, fd_error *err);

#endif
