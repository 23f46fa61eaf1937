/* The console: the one input loop, the stack of screens it draws and feeds, the
 * logged-in staff member, and what every screen shares (header, message line, key
 * hints, help, switch user, lock, approval in place).
 *
 * A screen is a small table of operations plus private state (tig's views). Its
 * handler gets one event and returns flags (htop's panels); the console applies
 * them, so handlers never pop themselves or redraw directly. */
#ifndef FRONTDESK_SCREENS_CONSOLE_H
#define FRONTDESK_SCREENS_CONSOLE_H

#include <stdbool.h>
#include <wchar.h>

#include "console/actions.h"
#include "console/bindings.h"
#include "frontdesk/config.h"
#include "frontdesk/desk.h"
#include "frontdesk/roles.h"
#include "frontdesk/status.h"

typedef struct console console;

/* One key press: the action it is bound to, unless the screen is taking text and
 * the key is a printable character — then action is ACT_NONE and key is the text. */
typedef struct console_event {
    console_action action;
    console_key key;
} console_event;

/* What a handler asks the console to do. */
enum {
    EV_IGNORED = 0, /* not for me: the console's own handling applies */
    EV_HANDLED = 1,
    EV_REDRAW = 2,
    EV_POP = 4,     /* close this screen */
    EV_QUIT = 8,
};

/* The part of the terminal a screen draws in. */
typedef struct console_area {
    int top, left, rows, cols;
} console_area;

enum {
    SCREEN_ROOT = 1,    /* Back does not close it (login, main menu) */
    SCREEN_OVERLAY = 2, /* drawn over the screen below, which stays visible */
    SCREEN_BARE = 4,    /* no header, title or key hints around it */
    SCREEN_MODAL = 8,   /* a dialog: switching user, locking and leaving wait until it closes */
};

typedef struct screen_ops {
    const char *title;  /* N_() text, shown above the body; NULL: none */
    unsigned flags;
    /* Actions this screen answers, for the help overlay and key hints;
     * ACT_NONE-terminated. The console's own (help, switch user, …) are added. */
    const console_action *actions;
    /* Creates the private state (arg is what console_push was given). */
    void *(*open)(console *c, void *arg);
    void (*close)(void *state);
    void (*draw)(void *state, console *c, const console_area *area);
    int (*handle)(void *state, console *c, const console_event *ev);
    /* True while printable keys are text for a field rather than commands. NULL: never. */
    bool (*takes_text)(const void *state);
    /* Before the screen is closed by logging out or quitting: false keeps it open
     * (unsaved changes the user chose to keep). NULL: always may leave. */
    bool (*may_leave)(void *state, console *c);
    /* Whether one of its actions works in the state it is in now (a view without a
     * list has nothing to mark): the key hints offer only those. NULL: all of them. */
    bool (*offers)(const void *state, console_action a);
} screen_ops;

/* A screen the main menu opens under its action. */
typedef struct console_entry {
    console_action action;
    const screen_ops *screen;
    void *arg; /* handed to the screen's open: NULL for most */
} console_entry;

/* A live counter on the status line (visitors inside, keys out, …), opening its list
 * with its action. */
typedef struct console_counter {
    console_action action;
    const char *label; /* N_() */
    fd_status (*count)(fd_desk *d, long *out, fd_error *err);
} console_counter;

/* The live count of the counter that opens action ("在访 3"), as the status line
 * shows it; false when action has none or nobody is logged in. */
bool console_counter_text(console *c, console_action action, char *out, size_t size);

/* What the console runs: the screens and counters of the application, and the
 * session's own dialogs. The console knows none of them by name, so the layers above
 * it (widgets, the shell, the procedures) can use it without a cycle. */
typedef struct console_app {
    const console_entry *entries;    /* menu order; ends with ACT_NONE */
    const console_counter *counters; /* ends with ACT_NONE */
    const screen_ops *login;
    const screen_ops *help;
    /* Another staff member takes over the terminal; the screens stay as they are. */
    void (*switch_user)(console *c);
    /* Hides everything until a PIN is entered. */
    void (*lock)(console *c);
    /* Before quitting, logging out or switching user: false keeps the session (the user
     * chose not to leave work half done, a handover under way). NULL: always may. */
    bool (*may_end_session)(console *c);
    /* A yes/no question with the safe answer, no, first; true for yes. */
    bool (*confirm)(console *c, const char *question, const char *yes, const char *no);
} console_app;

/* The entry point: runs the console on an open desk until the user quits; returns
 * the exit status. A bad key binding in cfg is reported on stderr before the
 * terminal is touched (exit 78). */
int console_run(const console_app *app, fd_desk *desk, const fd_config *cfg);
const console_app *console_application(const console *c);

/* Opens a screen on top of the current one. */
void console_push(console *c, const screen_ops *ops, void *arg);
/* Opens a screen and runs the input loop until it closes: how a dialog returns its
 * answer to the code that asked. */
void console_modal(console *c, const screen_ops *ops, void *arg);
/* Performs one of the console's actions (open a registered screen, switch user,
 * lock, log out, quit …) as if its key were pressed; returns the EV_ flags for the
 * calling handler to return. Menus call it. */
int console_perform(console *c, console_action a);
/* key (a menu's digit) has just opened a screen: the same key pressed again by habit,
 * as that screen appears, is dropped instead of being typed into it. */
void console_drop_repeat(console *c, console_key key);
/* Whether the console's action a is available now (switch user needs someone
 * logged in; nothing but help while a dialog is open). */
bool console_offers(const console *c, console_action a);

/* The screen on top; while a new screen's open() runs, the one it opens over. */
const screen_ops *console_top(const console *c);
/* The console's own actions, offered on every screen (ACT_NONE-terminated). */
extern const console_action console_actions[];

fd_desk *console_desk(console *c);
/* A count that goes up whenever the database changed: a write saved at this terminal
 * (seen after the key that made it) or at another (seen within a second, on the idle
 * tick). A list that read its rows at another count reads them again. */
unsigned console_data_changes(const console *c);
const fd_config *console_config(const console *c);
const keymap *console_keymap(const console *c);
/* The staff member working now; NULL before login. */
const fd_actor *console_actor(const console *c);
/* Changes who is working (login, switch user, takeover at the lock screen). */
void console_set_actor(console *c, const fd_actor *who);

/* The message line under the body, until the next key. */
void console_info(console *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void console_error(console *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The core's refusal on the message line (fd_error_text). */
void console_show_error(console *c, const fd_error *err);
/* Where the terminal cursor goes after drawing; without a call it is hidden. */
void console_cursor(console *c, int y, int x);

#endif
