/* The registries of app.h: nothing else names every screen. */
#include "app/app.h"

#include "calls/calls.h"
#include "complaints/complaints.h"
#include "directory/directory.h"
#include "frontdesk/calls.h"
#include "frontdesk/complaints.h"
#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"
#include "frontdesk/keys.h"
#include "frontdesk/mail.h"
#include "frontdesk/passes.h"
#include "frontdesk/visitors.h"
#include "handover/handover.h"
#include "handover/handover_pass.h"
#include "keys/keys.h"
#include "mail/mail.h"
#include "notices/notices.h"
#include "passes/pass_authority.h"
#include "passes/passes.h"
#include "shell/auth.h"
#include "shell/shell.h"
#include "visitors/visitors.h"
#include "widgets/dialog.h"
#include "works/works.h"

/* The directory opens a company's seal or letter of authority on file (screens/passes,
 * a layer above it). */
static directory_links directory_to_procedures = {.company = pass_authority_company_open};

/* The screens the main menu opens, in menu order: X(action, screen, what its open gets). */
#define APP_SCREEN_LIST(X)                                         \
    X(ACT_VISITORS, visitors_screen, NULL)                         \
    X(ACT_KEYS, keys_screen, NULL)                                 \
    X(ACT_MAIL, mail_screen, NULL)                                 \
    X(ACT_COMPLAINTS, complaints_screen, NULL)                     \
    X(ACT_HANDOVER, handover_screen, NULL)                         \
    X(ACT_CALLS, calls_screen, NULL)                               \
    X(ACT_PASSES, passes_screen, NULL)                             \
    X(ACT_WORKS, works_screen, NULL)                               \
    X(ACT_NOTICES, notices_screen, NULL)                           \
    X(ACT_DIRECTORY, directory_screen, &directory_to_procedures)   \
    X(ACT_CHANGE_PIN, change_pin_screen, NULL)

/* X(action, label, count) where fd_status count(fd_desk *, long *out, fd_error *). */
#define APP_COUNTER_LIST(X) \
    X(ACT_VISITORS, N_("Visitors in"), fd_visits_inside_count)              \
    X(ACT_COMPLAINTS, N_("Overdue complaints"), fd_complaints_count_overdue) \
    X(ACT_KEYS, N_("Keys overdue"), fd_keys_count_overdue)                    \
    X(ACT_MAIL, N_("Mail held"), fd_mail_held_count)                          \
    X(ACT_HANDOVER, N_("Follow-ups"), fd_handover_followups_count)           \
    X(ACT_CALLS, N_("Calls open"), fd_calls_open_count)                      \
    X(ACT_PASSES, N_("Moves overdue"), fd_passes_overdue_count)

static const console_entry entries[] = {
#define APP_ENTRY_ROW(action, screen, arg) {action, &screen, arg},
    APP_SCREEN_LIST(APP_ENTRY_ROW)
#undef APP_ENTRY_ROW
    {.action = ACT_NONE},
};

static const console_counter counters[] = {
#define APP_COUNTER_ROW(action, label, count) {action, label, count},
    APP_COUNTER_LIST(APP_COUNTER_ROW)
#undef APP_COUNTER_ROW
    {.action = ACT_NONE},
};

const console_app frontdesk_app = {
    .entries = entries,
    .counters = counters,
    .login = &login_screen,
    .help = &help_screen,
    .switch_user = auth_switch_user,
    .lock = auth_lock,
    .may_end_session = handover_may_end_session,
    .confirm = dialog_confirm,
};
