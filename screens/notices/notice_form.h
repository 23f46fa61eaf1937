/* The drafting form (通告): kind, title, area, the event's start and end, the text, and
 * when works are to start before the notice period ends, why (a manager then enters
 * their PIN). As the start is typed the form says the earliest start the notice period
 * allows. An emergency notice is signed and posted as it is saved. */
#ifndef FRONTDESK_SCREENS_NOTICE_FORM_H
#define FRONTDESK_SCREENS_NOTICE_FORM_H

#include "console/console.h"

void notice_form_open(console *c);

#endif
