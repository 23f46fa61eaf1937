/* The form that opens a renovation file (装修许可证): the unit from the directory, its
 * owner, the contractor and its site manager, the first day of the 45-day term, the
 * deposit and its receipt. */
#ifndef FRONTDESK_SCREENS_WORKS_FORM_H
#define FRONTDESK_SCREENS_WORKS_FORM_H

#include "console/console.h"

void works_form_open(console *c);

#endif
