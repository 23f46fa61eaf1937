#include "console/console.h"

#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "console/draw.h"
#include "frontdesk/calendar.h"
#include "frontdesk/i18n.h"
#include "frontdesk/store.h"
#include "frontdesk/time.h"
#include "frontdesk/text.h"

/* Esc must answer at once; curses waits this long for the rest of an escape sequence. */
enum { ESC_DELAY_MS = 25 };
/* How often the header clock is looked at while no key comes. */
enum { TICK_MS = 1000 };
enum { MIN_COLS = 80, MIN_ROWS = 24 };
/* Counts older than this are read again (other terminals write too). */
enum { COUNTER_MAX = 16, COUNTER_REFRESH_MS = 3000 };
/* Handlers never see this one: logging out closes the handler's own screen, so the
 * loop does it once the handler has returned. */
enum { EV_LOGOUT = 16 };
/* A write kept waiting by another terminal says so after this long: a shorter wait is
 * not worth a flicker. */
enum { BUSY_SHOW_MS = 300, KEY_ESCAPE = 27 };
/* A key that opened a screen and comes again within this long of the screen showing
 * is a double press: the receptionist meant to open it, not to type into it. Later,
 * the same key is typing (a list's search for a unit starting with that digit). */
enum { REPEAT_MS = 1000 };
/* The terminal marks pasted text (bracketed paste, asked for at start): the marks
 * arrive as these keys. */
enum { KEY_PASTE_BEGIN = KEY_MAX + 1, KEY_PASTE_END = KEY_MAX + 2 };
#define PASTE_MODE_ON "\033[?2004h"
#define PASTE_MODE_OFF "\033[?2004l"
#define PASTE_BEGIN_MARK "\033[200~"
#define PASTE_END_MARK "\033[201~"

typedef struct frame {
    const screen_ops *ops;
    void *state;
} frame;

struct console {
    const console_app *app;
    fd_desk *desk;
    const fd_config *cfg;
    keymap *keys;
    frame *stack;
    size_t count, cap;
    fd_actor actor;
    bool logged_in;
    bool quit, redraw, locked;
    char *message;
    bool message_is_error;
    bool cursor_set;
    int cursor_y, cursor_x;
    struct timespec last_input; /* monotonic: the wall clock may be pinned or jump */
    char shown_clock[FD_TIME_TEXT];
    /* The status line's counts, kept for a moment: typing must not query the store. */
    long counts[COUNTER_MAX];
    bool count_ok[COUNTER_MAX];
    struct timespec counted_at;
    bool counts_fresh;
    bool busy_shown; /* the "database busy" message is on the screen */
    uint64_t generation; /* the store's, when last asked (fd_store_generation) */
    bool generation_known;
    unsigned data_changes; /* see console_data_changes */
    /* See console_drop_repeat: the key, and when its screen was first drawn. */
    console_key repeat_key;
    bool repeat_armed, repeat_shown;
    struct timespec repeat_shown_at;
    bool pasting; /* between the terminal's bracketed-paste marks */
};

const console_action console_actions[] = {ACT_HELP, ACT_BACK,   ACT_SWITCH_USER, ACT_LOCK,
                                          ACT_LOGOUT, ACT_QUIT, ACT_REFRESH,     ACT_NONE};

/* ---- the stack of screens ---- */

void console_push(console *c, const screen_ops *ops, void *arg)
{
    void *state = ops->open ? ops->open(c, arg) : arg;
    if (c->count == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->stack = fd_realloc(c->stack, c->cap * sizeof *c->stack);
    }
    c->stack[c->count++] = (frame){ops, state};
    c->redraw = true;
}

static void remove_frame(console *c, size_t at)
{
    frame f = c->stack[at];
    memmove(&c->stack[at], &c->stack[at + 1], (c->count - at - 1) * sizeof *c->stack);
    c->count--;
    if (f.ops->close)
        f.ops->close(f.state);
    c->redraw = true;
}

static const frame *top_frame(const console *c) { return &c->stack[c->count - 1]; }

const screen_ops *console_top(const console *c) { return c->count ? top_frame(c)->ops : NULL; }

static bool in_dialog(const console *c)
{
    return c->count > 0 && (top_frame(c)->ops->flags & SCREEN_MODAL);
}

/* Asks every screen above keep whether it may close (unsaved changes). */
static bool may_leave_down_to(console *c, size_t keep)
{
    for (size_t i = c->count; i > keep; i--) {
        const frame *f = &c->stack[i - 1];
        if (f->ops->may_leave && !f->ops->may_leave(f->state, c))
            return false;
    }
    return true;
}

/* Closes every screen above keep if they all may. */
static bool leave_down_to(console *c, size_t keep)
{
    if (!may_leave_down_to(c, keep))
        return false;
    while (c->count > keep)
        remove_frame(c, c->count - 1);
    return true;
}

/* ---- who is working ---- */

fd_desk *console_desk(console *c) { return c->desk; }
unsigned console_data_changes(const console *c) { return c->data_changes; }
const fd_config *console_config(const console *c) { return c->cfg; }
const keymap *console_keymap(const console *c) { return c->keys; }
const console_app *console_application(const console *c) { return c->app; }
const fd_actor *console_actor(const console *c) { return c->logged_in ? &c->actor : NULL; }

void console_set_actor(console *c, const fd_actor *who)
{
    c->logged_in = who != NULL;
    if (who)
        c->actor = *who;
    else
        memset(&c->actor, 0, sizeof c->actor);
    c->redraw = true;
}

static void logout(console *c)
{
    if (!leave_down_to(c, 1))
        return;
    console_set_actor(c, NULL);
    console_info(c, "%s", _("Logged out."));
}

/* ---- messages and cursor ---- */

/* fmt comes from console_info and console_error, whose callers' formats are checked. */
__attribute__((format(printf, 3, 0)))
static void set_message(console *c, bool error, const char *fmt, va_list ap)
{
    free(c->message);
    char buf[FD_MESSAGE_MAX];
    vsnprintf(buf, sizeof buf, fmt, ap);
    c->message = fd_strdup(buf);
    c->message_is_error = error;
    c->redraw = true;
}

void console_info(console *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_message(c, false, fmt, ap);
    va_end(ap);
}

void console_error(console *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_message(c, true, fmt, ap);
    va_end(ap);
}

void console_show_error(console *c, const fd_error *err)
{
    console_error(c, "%s", fd_error_text(err));
}

void console_cursor(console *c, int y, int x)
{
    c->cursor_set = true;
    c->cursor_y = y;
    c->cursor_x = x;
}

/* ---- the console's own actions ---- */

static bool is_entry(const console *c, console_action a)
{
    for (const console_entry *e = c->app->entries; e->action != ACT_NONE; e++) {
        if (e->action == a)
            return true;
    }
    return false;
}

bool console_offers(const console *c, console_action a)
{
    switch (a) {
    case ACT_HELP:
    case ACT_REFRESH:
        return true;
    case ACT_BACK:
        return !(top_frame(c)->ops->flags & SCREEN_ROOT);
    case ACT_QUIT:
        return !in_dialog(c);
    case ACT_SWITCH_USER:
    case ACT_LOCK:
    case ACT_LOGOUT:
        return c->logged_in && !in_dialog(c);
    default:
        return is_entry(c, a) && c->logged_in && !in_dialog(c);
    }
}

static void lock_now(console *c)
{
    /* A message may name an occupant; the lock shows nothing of the session. */
    FD_FREE(c->message);
    c->locked = true;
    c->app->lock(c);
    c->locked = false;
    clock_gettime(CLOCK_MONOTONIC, &c->last_input);
}

static int open_entry(console *c, console_action a)
{
    for (const console_entry *e = c->app->entries; e->action != ACT_NONE; e++) {
        if (e->action != a)
            continue;
        if (top_frame(c)->ops != e->screen)
            console_push(c, e->screen, e->arg);
        return EV_HANDLED | EV_REDRAW;
    }
    return EV_IGNORED;
}

static bool session_may_end(console *c)
{
    return !c->logged_in || !c->app->may_end_session || c->app->may_end_session(c);
}

int console_perform(console *c, console_action a)
{
    if (!console_offers(c, a))
        return EV_IGNORED;
    switch (a) {
    case ACT_HELP:
        console_push(c, c->app->help, NULL);
        return EV_HANDLED | EV_REDRAW;
    case ACT_REFRESH:
        clearok(curscr, TRUE);
        return EV_HANDLED | EV_REDRAW;
    case ACT_BACK:
        return EV_HANDLED | EV_POP | EV_REDRAW;
    case ACT_QUIT:
        /* Only asks: F10 may come inside a dialog, and the screens beneath belong to
         * handlers still waiting in console_modal, which use them once it returns.
         * Each loop closes its own screens as quitting unwinds it. F10 sits next to
         * F9 and, on a kiosk, quitting leaves the desk at a shell: it is confirmed. */
        return session_may_end(c) &&
                       c->app->confirm(c, _("Quit frontdesk? The terminal is left at the system prompt."),
                                       _("Quit"), _("Stay")) &&
                       may_leave_down_to(c, 0)
                   ? EV_HANDLED | EV_QUIT
                   : EV_HANDLED | EV_REDRAW;
    case ACT_SWITCH_USER:
        if (session_may_end(c))
            c->app->switch_user(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_LOCK:
        lock_now(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_LOGOUT:
        return session_may_end(c) ? EV_HANDLED | EV_LOGOUT : EV_HANDLED | EV_REDRAW;
    default:
        return open_entry(c, a);
    }
}

void console_drop_repeat(console *c, console_key key)
{
    c->repeat_key = key;
    c->repeat_armed = true;
    c->repeat_shown = false;
}

/* ---- drawing ---- */

static void format_clock(const console *c, char out[FD_TIME_TEXT])
{
    fd_local l = fd_time_local(fd_desk_now(c->desk));
    snprintf(out, FD_TIME_TEXT, "%04d-%02d-%02d %s %02d:%02d", l.year, l.month, l.day,
             fd_weekday_label(l.weekday), l.hour, l.minute);
}

/* The shift by the configured night window, which may run past midnight. */
static const char *shift_label(const console *c)
{
    return fd_is_night(c->cfg, fd_desk_now(c->desk)) ? _("Night shift") : _("Day shift");
}

static void draw_header(console *c)
{
    attr_t attr = theme(TH_HEADER);
    draw_padded(0, 0, COLS, "", attr);
    format_clock(c, c->shown_clock);
    char right[128];
    if (c->logged_in)
        snprintf(right, sizeof right, "  %s  %s ", shift_label(c), c->shown_clock);
    else
        snprintf(right, sizeof right, "%s ", c->shown_clock);
    int right_cols = text_width(right);
    draw_text(0, COLS - right_cols, right_cols, right, attr);
    int room = COLS - right_cols - 2;
    const char *site = c->cfg->site_name ? c->cfg->site_name : "";
    if (!c->logged_in) {
        draw_text(0, 1, room, site, attr);
        return;
    }
    char staff[160];
    snprintf(staff, sizeof staff, "%s %s \u00b7 %s", c->actor.number, c->actor.name,
             fd_role_label(c->actor.role));
    /* The staff member matters more than the site name when space runs out. */
    int site_cols = text_width(site), staff_cols = text_width(staff);
    int sep = 2;
    if (site_cols + sep + staff_cols > room) {
        int keep_site = site_cols < 12 ? site_cols : 12;
        staff_cols = staff_cols < room - keep_site - sep ? staff_cols : room - keep_site - sep;
        site_cols = room - staff_cols - sep;
    }
    int used = draw_text(0, 1, site_cols, site, attr);
    draw_text(0, 1 + used + sep, staff_cols, staff, attr);
}

static bool worth_a_hint(console_action a)
{
    switch (a) {
    case ACT_UP:
    case ACT_DOWN:
    case ACT_LEFT:
    case ACT_RIGHT:
    case ACT_HOME:
    case ACT_END:
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
    case ACT_BACKSPACE:
    case ACT_DELETE:
    case ACT_NEXT_FIELD:
    case ACT_PREV_FIELD:
    case ACT_REFRESH:
        return false;
    default:
        return true;
    }
}

/* Draws "KEY label" at x if it fits before limit; returns the next x, or -1. */
static int draw_hint(const console *c, console_action a, int x, int limit)
{
    char key[32];
    keymap_first_key(c->keys, a, key, sizeof key);
    if (!key[0] || !worth_a_hint(a))
        return x;
    const char *label = action_label(a);
    int need = text_width(key) + 1 + text_width(label) + 2;
    if (x + need > limit)
        return -1;
    x += draw_text(LINES - 1, x, limit - x, key, theme(TH_KEY));
    x += draw_text(LINES - 1, x + 1, limit - x - 1, label, theme(TH_STATUS)) + 1;
    return x + 2;
}

static long ms_since(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000L + (now.tv_nsec - since->tv_nsec) / 1000000L;
}

static void refresh_counts(console *c)
{
    if (c->counts_fresh && ms_since(&c->counted_at) < COUNTER_REFRESH_MS)
        return;
    for (size_t i = 0; i < COUNTER_MAX && c->app->counters[i].action != ACT_NONE; i++) {
        fd_error err = {0};
        c->count_ok[i] = c->app->counters[i].count(c->desk, &c->counts[i], &err) == FD_OK;
    }
    clock_gettime(CLOCK_MONOTONIC, &c->counted_at);
    c->counts_fresh = true;
}

/* A year without its holiday table leads the status line: its working-day deadlines
 * are counted as weekends only until someone enters the State Council's notice.
 * Returns the next x. */
static int draw_calendar_warning(const console *c, int x)
{
    int year = fd_calendar_missing_year(c->cfg, fd_desk_now(c->desk));
    if (!year)
        return x;
    char text[96];
    snprintf(text, sizeof text, _("No holiday table for %d"), year);
    x += draw_text(LINES - 2, x, COLS - 1 - x, text, theme(TH_ERROR) | A_BOLD);
    return x + draw_text(LINES - 2, x, 3, " \u2502 ", theme(TH_STATUS));
}

static void counter_text(const console *c, size_t i, char *out, size_t size)
{
    if (c->count_ok[i])
        snprintf(out, size, "%s %ld", _(c->app->counters[i].label), c->counts[i]);
    else
        snprintf(out, size, "%s ?", _(c->app->counters[i].label));
}

bool console_counter_text(console *c, console_action action, char *out, size_t size)
{
    if (!c->logged_in)
        return false;
    refresh_counts(c);
    for (size_t i = 0; i < COUNTER_MAX && c->app->counters[i].action != ACT_NONE; i++) {
        if (c->app->counters[i].action == action) {
            counter_text(c, i, out, size);
            return true;
        }
    }
    return false;
}

/* The status line's separators, widest first: the narrower is taken when it lets every
 * count stand whole (seven procedures' counts do not fit at 80 columns with the wider). */
static const char *counter_separator(int x, int items_width, int items)
{
    static const char wide[] = " \u2502 ", narrow[] = "  ";
    return x + items_width + (items - 1) * text_width(wide) <= COLS - 1 ? wide : narrow;
}

/* The status line: each procedure's live count, whole items only, as many as fit and
 * "…" when some did not (the main menu shows every one beside its procedure); a count
 * that needs attention (overdue, held) stands out when it is not zero. */
static void draw_counters(console *c)
{
    draw_padded(LINES - 2, 0, COLS, "", theme(TH_STATUS));
    if (!c->logged_in || c->app->counters[0].action == ACT_NONE)
        return;
    refresh_counts(c);
    char items[COUNTER_MAX][96];
    size_t n = 0;
    int items_width = 0;
    for (; n < COUNTER_MAX && c->app->counters[n].action != ACT_NONE; n++) {
        counter_text(c, n, items[n], sizeof items[n]);
        items_width += text_width(items[n]);
    }
    int x = draw_calendar_warning(c, 1);
    const char *separator = counter_separator(x, items_width, (int)n);
    int gap = text_width(separator);
    for (size_t i = 0; i < n; i++) {
        int need = text_width(items[i]) + (i > 0 ? gap : 0);
        if (x + need > COLS - 1) {
            draw_text(LINES - 2, x, COLS - 1 - x, i > 0 ? " \u2026" : "\u2026", theme(TH_STATUS));
            break;
        }
        if (i > 0)
            x += draw_text(LINES - 2, x, gap, separator, theme(TH_STATUS));
        attr_t attr = c->count_ok[i] && c->counts[i] > 0 ? theme(TH_KEY) : theme(TH_STATUS);
        x += draw_text(LINES - 2, x, COLS - 1 - x, items[i], attr);
    }
}

static void draw_hints(console *c)
{
    draw_padded(LINES - 1, 0, COLS, "", theme(TH_STATUS));
    int limit = COLS - 1;
    const frame *top = top_frame(c);
    int x = draw_hint(c, ACT_HELP, 1, limit);
    for (const console_action *a = top->ops->actions; a && *a != ACT_NONE && x >= 0; a++) {
        if (*a != ACT_HELP && (!top->ops->offers || top->ops->offers(top->state, *a)))
            x = draw_hint(c, *a, x, limit);
    }
    for (const console_action *a = console_actions; *a != ACT_NONE && x >= 0; a++) {
        if (*a != ACT_HELP && *a != ACT_BACK && console_offers(c, *a))
            x = draw_hint(c, *a, x, limit);
    }
}

/* A message longer than its line takes the status line below it as well, until the
 * next key: what was refused, and why, is read whole (a third line's worth ends in "…"). */
static void draw_message(console *c)
{
    if (!c->message)
        return;
    int cols = COLS - 2;
    if (text_lines(c->message, cols) > 1)
        draw_padded(LINES - 2, 0, COLS, "", A_NORMAL);
    draw_wrapped(LINES - 3, 1, 2, cols, c->message, theme(c->message_is_error ? TH_ERROR : TH_INFO));
}

static bool too_small(void) { return COLS < MIN_COLS || LINES < MIN_ROWS; }

static void draw_too_small(void)
{
    char text[160];
    snprintf(text, sizeof text, _("Please enlarge the window to at least %d\u00d7%d (now %d\u00d7%d)"),
             MIN_COLS, MIN_ROWS, COLS, LINES);
    /* Wrapped: the message must stay whole in a very narrow window. */
    int lines = text_lines(text, COLS);
    draw_wrapped_centered((LINES - lines) / 2, 0, lines, COLS, text, A_BOLD);
}

/* The body of a screen drawn with the header, title, message and key-hint lines. */
static console_area body_area(const screen_ops *ops)
{
    int top = ops->title ? 2 : 1;
    return (console_area){top, 1, LINES - 3 - top, COLS - 2};
}

static void draw_all(console *c)
{
    c->redraw = false;
    c->cursor_set = false;
    erase();
    if (too_small()) {
        draw_too_small();
        curs_set(0);
        refresh();
        return;
    }
    /* Everything below the topmost screen that is not an overlay stays hidden:
     * that is how the lock screen hides personal data. */
    size_t base = c->count - 1;
    while (base > 0 && (c->stack[base].ops->flags & SCREEN_OVERLAY))
        base--;
    const frame *b = &c->stack[base];
    bool chrome = !(b->ops->flags & SCREEN_BARE);
    if (chrome) {
        draw_header(c);
        if (b->ops->title)
            draw_text(1, 1, COLS - 2, _(b->ops->title), theme(TH_TITLE));
        draw_counters(c);
        draw_hints(c);
        draw_message(c);
    }
    console_area whole = {0, 0, LINES, COLS};
    for (size_t i = base; i < c->count; i++) {
        const frame *f = &c->stack[i];
        console_area area = i == base && chrome ? body_area(f->ops) : whole;
        f->ops->draw(f->state, c, &area);
    }
    if (c->cursor_set) {
        move(c->cursor_y, c->cursor_x);
        curs_set(1);
    } else {
        curs_set(0);
    }
    refresh();
}

/* ---- input ---- */

static long idle_ms(const console *c)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - c->last_input.tv_sec) * 1000 +
           (now.tv_nsec - c->last_input.tv_nsec) / 1000000;
}

static bool idle_lock_applies(const console *c)
{
    return c->logged_in && !c->locked && c->cfg->idle_lock_seconds > 0;
}

static int input_wait_ms(const console *c)
{
    if (!idle_lock_applies(c))
        return TICK_MS;
    long left = (long)c->cfg->idle_lock_seconds * 1000 - idle_ms(c);
    return left < 0 ? 0 : left < TICK_MS ? (int)left : TICK_MS;
}

/* Whether the database changed since last asked, here or at another terminal: one
 * PRAGMA data_version, cheap enough after every key and on every idle tick. A change
 * refreshes the status line's counts and redraws, so the lists read again. */
static void notice_changes(console *c)
{
    uint64_t now;
    fd_error err = {0};
    if (fd_store_generation(c->desk->store, &now, &err) != FD_OK)
        return;
    bool changed = c->generation_known && now != c->generation;
    c->generation = now;
    c->generation_known = true;
    if (changed) {
        c->data_changes++;
        c->counts_fresh = false;
        c->redraw = true;
    }
}

/* No key came: lock when idle long enough, else redraw if the minute changed or the
 * database did. */
static void tick(console *c)
{
    if (idle_lock_applies(c) && idle_ms(c) >= (long)c->cfg->idle_lock_seconds * 1000) {
        lock_now(c);
        return;
    }
    if (c->logged_in)
        notice_changes(c);
    char now[FD_TIME_TEXT];
    format_clock(c, now);
    if (strcmp(now, c->shown_clock) != 0 ||
        (c->logged_in && ms_since(&c->counted_at) >= COUNTER_REFRESH_MS)) {
        c->counts_fresh = false;
        c->redraw = true;
    }
}

/* The screen a key opened is on the terminal now: a repeat is timed from here. */
static void note_repeat_shown(console *c)
{
    if (c->repeat_armed && !c->repeat_shown) {
        clock_gettime(CLOCK_MONOTONIC, &c->repeat_shown_at);
        c->repeat_shown = true;
    }
}

/* Whether key is the double press console_drop_repeat waits for; any key ends the
 * wait. */
static bool repeat_dropped(console *c, console_key key)
{
    if (!c->repeat_armed)
        return false;
    c->repeat_armed = false;
    return c->repeat_shown && key.function == c->repeat_key.function && key.code == c->repeat_key.code &&
           ms_since(&c->repeat_shown_at) < REPEAT_MS;
}

/* A key of pasted text is text, never a command: a line break in it does not save a
 * form nor a digit after it choose a step. It goes to a screen that takes text, a line
 * break as a line break (a field of one line makes it a space); elsewhere it is
 * dropped. */
static bool pasted_event(console *c, console_key key, console_event *ev)
{
    if (key.function && key.code == KEY_ENTER)
        key = (console_key){false, '\n'};
    else if (key.function)
        return false;
    else if (key.code == '\t')
        key.code = ' ';
    else if (!key_is_text(key))
        return false;
    const frame *top = top_frame(c);
    if (!top->ops->takes_text || !top->ops->takes_text(top->state))
        return false;
    *ev = (console_event){ACT_NONE, key};
    return true;
}

/* The only place keys are read: resizing, idle locking, the too-small window and
 * pasted text are handled here for every screen and dialog. */
static bool next_event(console *c, console_event *ev)
{
    timeout(input_wait_ms(c));
    wint_t code;
    int result = get_wch(&code);
    if (result == ERR) {
        /* A paste arrives at once: a pause means its end mark was lost. */
        c->pasting = false;
        tick(c);
        return false;
    }
    if (result == KEY_CODE_YES && (code == KEY_PASTE_BEGIN || code == KEY_PASTE_END)) {
        c->pasting = code == KEY_PASTE_BEGIN;
        return false;
    }
    if (result == KEY_CODE_YES && code == KEY_RESIZE) {
        c->redraw = true;
        return false;
    }
    clock_gettime(CLOCK_MONOTONIC, &c->last_input);
    if (c->message) {
        FD_FREE(c->message);
        c->redraw = true;
    }
    if (too_small())
        return false;
    console_key key = key_from_input(result, code);
    if (c->pasting)
        return pasted_event(c, key, ev);
    if (repeat_dropped(c, key))
        return false;
    const frame *top = top_frame(c);
    bool text = key_is_text(key) && top->ops->takes_text && top->ops->takes_text(top->state);
    *ev = (console_event){text ? ACT_NONE : keymap_action(c->keys, key), key};
    return true;
}

static void apply(console *c, size_t at, int flags)
{
    if (flags & EV_REDRAW)
        c->redraw = true;
    if (flags & EV_QUIT)
        c->quit = true;
    if ((flags & EV_POP) && at < c->count)
        remove_frame(c, at);
    if (flags & EV_LOGOUT)
        logout(c);
}

/* Runs until the stack is no deeper than depth (or the user quits). */
static void console_loop(console *c, size_t depth)
{
    while (!c->quit && c->count > depth) {
        if (c->redraw) {
            draw_all(c);
            note_repeat_shown(c);
        }
        console_event ev;
        if (!next_event(c, &ev))
            continue;
        size_t at = c->count - 1;
        const frame *f = &c->stack[at];
        int flags = f->ops->handle ? f->ops->handle(f->state, c, &ev) : EV_IGNORED;
        if (flags == EV_IGNORED)
            flags = console_perform(c, ev.action);
        /* A command may have written a record; typed text never does. */
        if (ev.action != ACT_NONE)
            c->counts_fresh = false;
        apply(c, at, flags);
        if (c->logged_in && !c->quit)
            notice_changes(c);
    }
}

void console_modal(console *c, const screen_ops *ops, void *arg)
{
    size_t depth = c->count;
    console_push(c, ops, arg);
    console_loop(c, depth);
    /* Quitting ends every loop; the dialog's state belongs to its caller. */
    while (c->count > depth)
        remove_frame(c, c->count - 1);
}

/* ---- waiting for another terminal ---- */

/* Whether Esc has been pressed; any other key is put back for when the wait is over. */
static bool escape_pressed(void)
{
    timeout(0);
    wint_t code;
    int result = get_wch(&code);
    if (result == OK && code == KEY_ESCAPE)
        return true;
    if (result == OK)
        unget_wch(code);
    else if (result == KEY_CODE_YES)
        ungetch((int)code);
    return false;
}

/* The store's word while a write waits for another terminal's lock: the message line
 * says so, and Esc stops the wait (the write then fails and saves nothing), so the
 * console never sits frozen without a word. */
static bool wait_for_database(void *ctx, int waited_ms)
{
    console *c = ctx;
    if (waited_ms < 0) {
        c->redraw = c->redraw || c->busy_shown;
        c->busy_shown = false;
        return true;
    }
    if (waited_ms < BUSY_SHOW_MS)
        return true;
    if (!c->busy_shown) {
        c->busy_shown = true;
        draw_padded(LINES - 3, 1, COLS - 2, _("The database is busy; waiting… (Esc to stop)"),
                    theme(TH_ERROR));
        refresh();
    }
    return !escape_pressed();
}

/* ---- starting and stopping ---- */

/* Chinese needs a UTF-8 locale for curses to read and write it; a session that
 * came in with plain "C" gets C.UTF-8, which every glibc system has. */
static bool ensure_utf8(void)
{
    if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
        return true;
    return setlocale(LC_CTYPE, "C.UTF-8") && strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

/* The mode is the terminal's, outside what curses draws: written straight to it. */
static void paste_marks(const char *mode)
{
    fputs(mode, stdout);
    fflush(stdout);
}

static SCREEN *start_curses(void)
{
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen)
        return NULL;
    set_escdelay(ESC_DELAY_MS);
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    define_key(PASTE_BEGIN_MARK, KEY_PASTE_BEGIN);
    define_key(PASTE_END_MARK, KEY_PASTE_END);
    paste_marks(PASTE_MODE_ON);
    theme_init();
    return screen;
}

int console_run(const console_app *app, fd_desk *desk, const fd_config *cfg)
{
    console c = {.app = app, .desk = desk, .cfg = cfg};
    fd_error err = {0};
    if (keymap_new(cfg, &c.keys, &err) != FD_OK) {
        fprintf(stderr, "%s%s\n", _("frontdesk: "), err.message);
        return fd_status_exit_code(err.status);
    }
    int status = EX_OK;
    SCREEN *screen = NULL;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, _("frontdesk: the console needs a terminal (try `frontdesk --help` for "
                          "the commands)\n"));
        status = EX_USAGE;
    } else if (!ensure_utf8()) {
        fprintf(stderr, _("frontdesk: the console needs a UTF-8 locale, e.g. LANG=C.UTF-8\n"));
        status = EX_CONFIG;
    } else if (!(screen = start_curses())) {
        const char *term = getenv("TERM");
        fprintf(stderr, _("frontdesk: cannot drive the terminal type '%s'\n"), term ? term : "");
        status = EX_UNAVAILABLE;
    }
    if (screen) {
        fd_store_on_busy(desk->store, wait_for_database, &c);
        clock_gettime(CLOCK_MONOTONIC, &c.last_input);
        console_push(&c, c.app->login, NULL);
        console_loop(&c, 0);
        while (c.count > 0)
            remove_frame(&c, c.count - 1);
        fd_store_on_busy(desk->store, NULL, NULL);
        paste_marks(PASTE_MODE_OFF);
        endwin();
        delscreen(screen);
    }
    free(c.stack);
    free(c.message);
    keymap_free(c.keys);
    return status;
}
