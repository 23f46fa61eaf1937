/* Every user action, declared once (tig's request.h): its name (what the config
 * file's bindings and the help screen call it), a short label (status line, menu)
 * and a help text. The enum, the key bindings, the menu and the help overlay are all
 * generated from this list. */
#ifndef FRONTDESK_SCREENS_ACTIONS_H
#define FRONTDESK_SCREENS_ACTIONS_H

#include <stdbool.h>
#include <curses.h>

#include "frontdesk/i18n.h"

/* X(ID, name, label, help) */
#define CONSOLE_ACTION_LIST(X)                                                              \
    X(HELP,        "help",        N_("Help"),        N_("Show the keys of this screen"))   \
    X(BACK,        "back",        N_("Back"),        N_("Go back; in a form or dialog, cancel")) \
    X(QUIT,        "quit",        N_("Quit"),        N_("Quit frontdesk"))                  \
    X(REFRESH,     "refresh",     N_("Redraw"),      N_("Redraw the whole screen"))         \
    X(SELECT,      "select",      N_("Select"),                                            \
      N_("Open the highlighted item; in a form, go to the next field or save on the last")) \
    X(SAVE,        "save",        N_("Save"),        N_("Save the form"))                   \
    X(NEXT_FIELD,  "next_field",  N_("Next field"),  N_("Go to the next field"))            \
    X(PREV_FIELD,  "prev_field",  N_("Previous field"), N_("Go to the previous field"))     \
    X(UP,          "up",          N_("Up"),          N_("Move up (in a form: previous field)")) \
    X(DOWN,        "down",        N_("Down"),        N_("Move down (in a form: next field)")) \
    X(PAGE_UP,     "page_up",     N_("Page up"),     N_("Show the previous page"))          \
    X(PAGE_DOWN,   "page_down",   N_("Page down"),   N_("Show the next page"))              \
    X(HOME,        "home",        N_("First"),       N_("Go to the first item, or the start of the text")) \
    X(END,         "end",         N_("Last"),        N_("Go to the last item, or the end of the text")) \
    X(LEFT,        "left",        N_("Cursor left"), N_("Cursor left; in a choice field, the previous choice")) \
    X(RIGHT,       "right",       N_("Cursor right"), N_("Cursor right; in a choice field, the next choice")) \
    X(BACKSPACE,   "backspace",   N_("Erase"),       N_("Delete the character before the cursor")) \
    X(DELETE,      "delete",      N_("Delete"),      N_("Delete the character under the cursor")) \
    X(SEARCH,      "search",      N_("Search"),      N_("Search: type to narrow the list (typing starts a search too)")) \
    X(DIRECTORY,   "directory",   N_("Directory lookup"),                                  \
      N_("Look up units, occupants, companies and their contacts"))                        \
    X(UNMASK,      "unmask",      N_("Full number"),                                       \
      N_("Show the selected entry's full phone number (may need a supervisor's approval)")) \
    X(CHANGE_PIN,  "change_pin",  N_("Change my PIN"), N_("Change your own PIN"))           \
    X(SWITCH_USER, "switch_user", N_("Switch user"),                                       \
      N_("Another staff member takes over this terminal; the screen stays"))               \
    X(LOCK,        "lock",        N_("Lock"),        N_("Lock the screen until a PIN is entered")) \
    X(LOGOUT,      "logout",      N_("Log out"),     N_("Log out and return to the login screen")) \
    X(COMPLAINTS,  "complaints",  N_("Complaints"),                                        \
      N_("Take complaints, assign them, record rectifications and return visits"))         \
    X(NEW,         "new",         N_("New"),         N_("Start a new record on this screen")) \
    X(VIEW,        "view",        N_("Next view"),                                         \
      N_("Show the list another way: open, overdue, one department's"))                  \
    X(VISITORS,    "visitors",    N_("Visitor log"),                                       \
      N_("Register visitors, record the visitee's answer, sign them out, search the log")) \
    X(KEYS,        "keys",        N_("Key loans"),                                         \
      N_("Lend and take back keys, keep the key register, record emergencies"))            \
    X(MAIL,        "mail",        N_("Mail and parcels"),                                  \
      N_("Sign for mail, parcels and newspapers, hand them out, send back what nobody collects")) \
    X(MARK,        "mark",        N_("Mark"),        N_("Mark or unmark the highlighted item")) \
    X(HAND_OUT,    "hand_out",    N_("Hand out"),    N_("Hand out the marked items (or the highlighted one) against a signature")) \
    X(HANDOVER,    "handover",    N_("Handover book"),                                     \
      N_("The duty handover book: write the shift's entries, follow items up, hand over")) \
    X(SHIFT,       "shift",       N_("Hand over"),                                         \
      N_("Open the book, or hand the shift over: open items, inventory, both signatures")) \
    X(PRINT,       "print",       N_("Print"),                                             \
      N_("Print the day's log, or the shift's handover report: a preview first, then the printer or a PDF file")) \
    X(CALLS,       "calls",       N_("Calls and walk-ins"),                                \
      N_("Record hotline calls and walk-in enquiries: the answer, a referral, dealt with")) \
    X(DO_NOT_ADMIT, "do_not_admit", N_("Do-not-admit list"),                              \
      N_("The visitors not to admit, at the whole site or one unit: add and lift entries (customer-service manager)")) \
    X(PASSES,      "passes",      N_("Carry-out and carry-in passes"),                     \
      N_("Issue carry-out and carry-in passes, confirm the seal at the door, stop dangerous goods")) \
    X(WORKS,       "works",       N_("Renovations and contractors"),                       \
      N_("Renovation files, workers' passes and deposits, hot-work permits, the daily tools register")) \
    X(NOTICES,     "notices",     N_("Notices"),                                           \
      N_("Draft notices, have them signed, issue, post, hand to units and take them down"))

/* Action codes start above the curses key codes, so a value is never both. */
typedef enum console_action {
    ACT_NONE = 0,
    ACT_BASE = KEY_MAX,
#define CONSOLE_ACTION_ENUM(id, name, label, help) ACT_##id,
    CONSOLE_ACTION_LIST(CONSOLE_ACTION_ENUM)
#undef CONSOLE_ACTION_ENUM
    ACT_LIMIT
} console_action;


const char *action_name(console_action a);
const char *action_label(console_action a); /* translated */
const char *action_help(console_action a);  /* translated */
bool action_parse(const char *name, console_action *out);

#endif
