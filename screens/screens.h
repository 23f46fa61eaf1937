/* Every screen, and the registries the main menu and the status line are built from.
 * A procedure adds its screen here once: one line in CONSOLE_SCREEN_LIST puts it in
 * the menu under its action; its counters join CONSOLE_COUNTER_LIST. */
#ifndef FRONTDESK_SCREENS_SCREENS_H
#define FRONTDESK_SCREENS_SCREENS_H

#include "complaints.h"
#include "console.h"
#include "frontdesk/complaints.h"
#include "handover.h"
#include "keys.h"
#include "mail.h"
#include "visitors.h"

extern const screen_ops login_screen;
extern const screen_ops menu_screen;
extern const screen_ops help_screen;
extern const screen_ops directory_screen;
extern const screen_ops change_pin_screen;

/* The screens the main menu opens, in menu order: X(action, screen). */
#define CONSOLE_SCREEN_LIST(X)            \
    X(ACT_VISITORS, visitors_screen)      \
    X(ACT_KEYS, keys_screen)              \
    X(ACT_MAIL, mail_screen)              \
    X(ACT_COMPLAINTS, complaints_screen)  \
    X(ACT_HANDOVER, handover_screen)      \
    X(ACT_DIRECTORY, directory_screen)    \
    X(ACT_CHANGE_PIN, change_pin_screen)

/* Live counters on the status line (visitors inside, keys out, …), each opening
 * its list with its action: X(action, label, count) where
 * fd_status count(fd_desk *, long *out, fd_error *). The procedures add theirs. */
#define CONSOLE_COUNTER_LIST(X) \
    X(ACT_VISITORS, N_("Visitors in"), fd_visits_inside_count)              \
    X(ACT_COMPLAINTS, N_("Overdue complaints"), fd_complaints_count_overdue) \
    X(ACT_KEYS, N_("Keys overdue"), fd_keys_count_overdue)                    \
    X(ACT_MAIL, N_("Mail held"), fd_mail_held_count)                          \
    X(ACT_HANDOVER, N_("Follow-ups"), fd_handover_followups_count)

typedef struct console_entry {
    console_action action;
    const screen_ops *screen;
} console_entry;

typedef struct console_counter {
    console_action action;
    const char *label; /* N_() */
    fd_status (*count)(fd_desk *d, long *out, fd_error *err);
} console_counter;

/* Both end with an entry whose action is ACT_NONE. */
extern const console_entry console_entries[];
extern const console_counter console_counters[];

#endif
