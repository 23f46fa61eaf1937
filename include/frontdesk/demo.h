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

/* A week of visitors (src/visitors_demo.c): registered, admitted or refused, signed out with
 * slips signed or not, night visits by the duty manager, returning visitors recognised,
 * a few phones corrected, one visitor still inside since yesterday, and the
 * do-not-admit list with one entry lifted. */
fd_status fd_demo_visitors(fd_desk *d, const fd_demo_cast *cast, fd_error *err);

/* A week of key loans (src/keys_demo.c): the register of spare, public and master keys,
 * loans approved in place and later, returns, one key overdue, an emergency with its
 * calls, a copy, a loss and a lock change waiting to be sealed. */
fd_status fd_demo_keys(fd_desk *d, const fd_demo_cast *cast, fd_error *err);

/* A week of complaints (投诉): received, assigned, rectified and visited, one reopened
 * by a dissatisfied customer, one taken over by the CS manager, two overdue, a survey
 * opinion and a special service. */
fd_status fd_demo_complaints(fd_desk *d, const fd_demo_cast *cast, fd_error *err);

/* A week of mail (src/mail_demo.c): newspapers signed for and handed to the round each
 * morning, the 10:00 courier drops and the afternoon post, collections by recipients and
 * proxies, a damaged parcel, and three old parcels: two past the return limit, one sent back. */
fd_status fd_demo_mail(fd_desk *d, const fd_demo_cast *cast, fd_error *err);

/* A week of the hotline and walk-in register (src/calls_demo.c): enquiries answered at
 * once, suggestions, repairs referred to engineering and closed when done, a night call
 * for help, a phone corrected, and three entries still pending. */
fd_status fd_demo_calls(fd_desk *d, const fd_demo_cast *cast, fd_error *err);

/* A week of notices (src/notices_demo.c): a water cut announced three working days
 * ahead, signed, posted and handed to units, its event over and still on the board; a
 * lift inspection taken down; an emergency power cut posted at once at night; wall
 * cleaning on the board with its area corrected; a fire drill awaiting a signature; and
 * this morning's gas inspection drafted with the notice period shortened by the duty
 * manager. */
fd_status fd_demo_notices(fd_desk *d, const fd_demo_cast *cast, fd_error *err);
/* Weeks of renovations (src/works_demo.c): three files — one extended before its term
 * ended, with passes coming due, overdue and forfeited, hot work approved and cleared,
 * tools in and out; one ten days in; one completed with its deposit refunded. */
fd_status fd_demo_works(fd_desk *d, const fd_demo_cast *cast, fd_error *err);
/* A week of carry-out and carry-in passes (src/passes_demo.c): two companies' seals and
 * one letter of authority on file, goods let through under the seal and under the
 * letter's signer, paint thinner stopped at the door, a pass voided and issued again, a
 * scheduled move last night never confirmed, and this morning's passes. */
fd_status fd_demo_passes(fd_desk *d, const fd_demo_cast *cast, fd_error *err);

/* A week of the handover book (src/handover_demo.c): a second duty manager, 赵磊
 * (2002, PIN 2223), taking turns with 张伟 at 08:00 and 20:00; duties, the desk's duty
 * log, incidents, follow-ups carried until done, a leadership instruction reported
 * back, a refused handover, the inventory counted. Runs last: each handover gathers
 * the other procedures' open items. The current shift is 张伟's. */
fd_status fd_demo_handover(fd_desk *d, const fd_demo_cast *cast, fd_error *err);

#endif
