/* A renovation file's page: the file's facts (unit, owner, contractor, term, deposit,
 * what is on site), its history and that of its passes, permits and tools, and the
 * steps it allows now: issue, take back or renew a worker's pass, register the
 * morning's tools or check them out, approve hot work (a manager's PIN) or record its
 * site cleared, extend the term, complete. Each step is a dialog: choose, then save. */
#ifndef FRONTDESK_SCREENS_WORKS_FILE_H
#define FRONTDESK_SCREENS_WORKS_FILE_H

#include <stdint.h>

#include "console/console.h"

void works_file_open(console *c, int64_t id);

#endif
