/* Printing from the console (the print key): the core builds the report for the staff
 * member working (frontdesk/print.h, masked for them), the text version is previewed
 * in a pager over the screen, and then it goes to the configured printer (lp), is
 * saved as a PDF in the reports folder with its path shown, or nowhere. */
#ifndef FRONTDESK_SCREENS_PRINTING_H
#define FRONTDESK_SCREENS_PRINTING_H

#include <stdint.h>

#include "console/console.h"
#include "frontdesk/print.h"

/* A procedure's daily log of day. */
void printing_daily_log(console *c, fd_daily_log log, fd_date day);
/* The handover report of a shift. */
void printing_shift(console *c, int64_t shift_id);
/* The two-part form of a carry-out or carry-in pass. */
void printing_pass(console *c, int64_t pass_id);
/* Today, by the desk's clock: the day a procedure's screen prints. */
fd_date printing_today(console *c);
/* The visitor slip of a visitor just admitted, printed as configured (visitors.slip_paper,
 * .slip_printer; saved as a PDF when no printer is set) without a preview: the desk
 * hands it over at once. Says where it went; false when the configuration prints no
 * slip at admission (slip_paper "none"). */
bool printing_slip(console *c, const char *number, const char *gate);

#endif
