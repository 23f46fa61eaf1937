/* The intake form of the register (F4): when, call or visit, who, the unit (picked from
 * the directory with F3, or typed), the phone, the matter, the question, and what was
 * done there and then — the answer, a referral, whether it is dealt with. */
#ifndef FRONTDESK_SCREENS_CALL_INTAKE_H
#define FRONTDESK_SCREENS_CALL_INTAKE_H

#include "console/console.h"

/* Opens the form over the current screen. */
void call_intake_open(console *c);

#endif
