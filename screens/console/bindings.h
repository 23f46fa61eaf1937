/* Key bindings: which key performs which action. The defaults are a table of
 * (action name, key name) pairs read by the same parser as the configuration's
 * console.bindings, which are applied on top: a key named there leaves whatever
 * action it had and joins the one named. */
#ifndef FRONTDESK_SCREENS_BINDINGS_H
#define FRONTDESK_SCREENS_BINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "console/actions.h"
#include "frontdesk/config.h"
#include "frontdesk/status.h"

/* A key as get_wch reports it: a curses key code (function) or a character. Enter
 * and Backspace arrive in several spellings and are reported as KEY_ENTER and
 * KEY_BACKSPACE whatever the terminal sent. */
typedef struct console_key {
    bool function;
    wint_t code;
} console_key;

/* Turns what get_wch returned (its result and the code) into a key. */
console_key key_from_input(int result, wint_t code);
/* Key names: "F1".."F12", "Enter", "Esc", "Tab", "S-Tab" (or "BTab"), "Backspace",
 * "Delete", "Insert", "Home", "End", "PgUp", "PgDn", "Up", "Down", "Left", "Right",
 * "Space", "^A".."^Z", or one printable character such as "?" or "a". */
bool key_parse(const char *name, console_key *out);
void key_format(console_key key, char *out, size_t size);
/* A printable character (text typed into a field, not a command). */
bool key_is_text(console_key key);

typedef struct keymap keymap;

/* The defaults with cfg's bindings applied; an unknown action or key name fails
 * with FD_CONFIG and a message naming it. */
fd_status keymap_new(const fd_config *cfg, keymap **out, fd_error *err);
void keymap_free(keymap *km);
console_action keymap_action(const keymap *km, console_key key);
/* The keys bound to an action, separated by spaces ("F1 ?"); "" when none. */
void keymap_keys(const keymap *km, console_action a, char *out, size_t size);
/* The first key bound to an action, for short hints; "" when none. */
void keymap_first_key(const keymap *km, console_action a, char *out, size_t size);

#endif
