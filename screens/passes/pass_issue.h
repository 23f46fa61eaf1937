/* The pass form (F4): out or in, the company (picked from the directory with F3), the
 * carrier and their document, the day and time window, whether the desk arranged the
 * moving time, the seal or the signer, and the goods written as the paper form lists
 * them ("办公桌 2张、台式电脑 3台"). The company's seal or letter on file is shown as it
 * is picked; the core checks the pass against it. */
#ifndef FRONTDESK_SCREENS_PASS_ISSUE_H
#define FRONTDESK_SCREENS_PASS_ISSUE_H

#include "console/console.h"

/* Opens the form over the current screen. */
void pass_issue_open(console *c);

#endif
