/* The notices' screen (通告发放): what is not taken down yet (the default), drafts
 * awaiting a signature, what is on the board, what is to come down now its event is
 * over, and the whole history. F4 opens the drafting form (notice_form.c), Enter a
 * notice's page (notice_page.c). The core decides every rule
 * (include/frontdesk/notices.h); this only asks. */
#ifndef FRONTDESK_SCREENS_NOTICES_H
#define FRONTDESK_SCREENS_NOTICES_H

#include "console/console.h"

extern const screen_ops notices_screen;

#endif
