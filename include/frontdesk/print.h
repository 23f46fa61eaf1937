/* The paper the office files: the shift-handover report and the daily logs, built as
 * report models (frontdesk/report.h) from the procedures' own read functions, as the
 * printing staff member may read them (documents and phones masked per the
 * configuration). Each report ends with the audit chain head read after its records,
 * so the head covers everything on the paper. */
#ifndef FRONTDESK_PRINT_H
#define FRONTDESK_PRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/desk.h"
#include "frontdesk/report.h"
#include "frontdesk/roles.h"

/* X(id, name for --log, title) */
#define FD_DAILY_LOG_LIST(X)                                                          \
    X(VISITORS,   "visitors",   N_("Visitor log"))                                   \
    X(KEYS,       "keys",       N_("Key loan register"))                             \
    X(MAIL,       "mail",       N_("Mail and newspaper register"))                   \
    X(COMPLAINTS, "complaints", N_("Complaints received, rectified and visited"))    \
    X(CALLS,      "calls",      N_("Calls and walk-ins register"))                   \
    X(PASSES,     "passes",     N_("Carry-out and carry-in passes register"))        \
    X(PERMITS,    "permits",    N_("Renovation permits, workers' passes and tools"))  \
    X(NOTICES,    "notices",    N_("Notices issued and taken down"))                 \
    X(HANDOVER,   "handover",   N_("Shift handover summary"))                        \
    X(ALL,        "all",        N_("Daily logs"))

typedef enum fd_daily_log {
#define FD_DAILY_LOG_ENUM(id, name, title) FD_LOG_##id,
    FD_DAILY_LOG_LIST(FD_DAILY_LOG_ENUM)
#undef FD_DAILY_LOG_ENUM
    FD_DAILY_LOG_COUNT
} fd_daily_log;

const char *fd_daily_log_name(fd_daily_log log);
const char *fd_daily_log_title(fd_daily_log log); /* translated */
bool fd_daily_log_parse(const char *name, fd_daily_log *out);

/* The shift-handover report of one shift: the shift, the outgoing and incoming duty
 * managers with the time each signed (or the refusal and its reason), the entries by
 * kind with all their fields and corrections (follow-ups in red), the progress
 * recorded on earlier follow-ups, the carried items with their trail, the other open
 * items, the inventory with differences and explanations, and the signature lines. */
fd_status fd_print_handover(fd_desk *d, const fd_actor *who, int64_t shift_id, fd_report **out,
                            fd_error *err);

/* The newest shift that has been handed over (what `print handover --last` prints),
 * else the shift open now; FD_NOT_FOUND when the book was never opened. */
fd_status fd_print_last_shift(fd_desk *d, int64_t *shift_id, fd_error *err);

/* A daily log of day (a Beijing day), or all of them in one report. */
fd_status fd_print_daily(fd_desk *d, const fd_actor *who, fd_date day, fd_daily_log log,
                         fd_report **out, fd_error *err);

/* The visitor slip (访客登记单) of an admitted visit, by its number: the number in
 * figures and as a barcode a desk scanner reads back, visitor, visitee, purpose, gate,
 * time in and the visitee's signature box, on paper (A6 or an 80 mm roll). */
fd_status fd_print_slip(fd_desk *d, const fd_actor *who, const char *number, fd_report_paper paper,
                        fd_report **out, fd_error *err);
/* The paper the configuration names for slips ("none" and the default: A6). */
fd_report_paper fd_print_slip_paper(const fd_config *cfg);
/* Where a slip goes: the slip printer, else the office printer (NULL: none). */
const char *fd_print_slip_printer(const fd_config *cfg);

/* The two-part pass (携物出入门证) of pass id: the stub the department keeps and the
 * release part the carrier takes to the door, each with the number as a barcode, the
 * goods line by line and the boxes for the seal or signature, the department's
 * confirmation and the door; the document as who may see it. A voided pass is not
 * printed (FD_STATE). */
fd_status fd_print_pass(fd_desk *d, const fd_actor *who, int64_t id, fd_report **out, fd_error *err);

/* The suggestions collected at the desk received from day first to day last (both
 * included; at most 24 months), for the office: each with when, who, the phone as who
 * may see it, what was suggested, the answer, where it was referred and whether it is
 * dealt with, then the counts, month by month. Managers and administrators. */
fd_status fd_print_suggestions(fd_desk *d, const fd_actor *who, fd_date first, fd_date last,
                               fd_report **out, fd_error *err);

/* The name a report is saved under, without ".pdf" ("handover-12",
 * "daily-visitors-2026-11-26"; fd_report_destination.stem), so the command line and
 * the console file the same paper alike. Caller frees. */
char *fd_print_handover_stem(int64_t shift_id);
char *fd_print_daily_stem(fd_daily_log log, fd_date day);
char *fd_print_slip_stem(const char *number);
char *fd_print_pass_stem(int64_t id);
char *fd_print_suggestions_stem(fd_date first, fd_date last);

#endif
