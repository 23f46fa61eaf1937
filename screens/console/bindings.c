#include "console/bindings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

static const struct {
    const char *name;
    const char *label;
    const char *help;
} actions[] = {
#define ACTION_ROW(id, name, label, help) {name, label, help},
    CONSOLE_ACTION_LIST(ACTION_ROW)
#undef ACTION_ROW
};

const char *action_name(console_action a) { return actions[a - ACT_BASE - 1].name; }
const char *action_label(console_action a) { return _(actions[a - ACT_BASE - 1].label); }
const char *action_help(console_action a) { return _(actions[a - ACT_BASE - 1].help); }

bool action_parse(const char *name, console_action *out)
{
    for (int a = ACT_BASE + 1; a < ACT_LIMIT; a++) {
        if (strcmp(name, action_name((console_action)a)) == 0) {
            *out = (console_action)a;
            return true;
        }
    }
    return false;
}

/* The built-in bindings: data, read by the parser that reads the config file's. */
static const fd_binding default_bindings[] = {
    {"help", "F1"},          {"help", "?"},
    {"back", "Esc"},         {"quit", "F10"},
    {"refresh", "^L"},       {"select", "Enter"},
    {"save", "F2"},          {"next_field", "Tab"},
    {"prev_field", "S-Tab"}, {"up", "Up"},
    {"down", "Down"},        {"page_up", "PgUp"},
    {"page_down", "PgDn"},   {"home", "Home"},
    {"end", "End"},          {"left", "Left"},
    {"right", "Right"},      {"backspace", "Backspace"},
    {"delete", "Delete"},    {"search", "/"},
    {"directory", "F3"},     {"unmask", "F6"},
    {"switch_user", "F9"},   {"lock", "^X"},
    {"complaints", "F7"},    {"new", "F4"},
    {"view", "F5"},          {"keys", "F8"},
    {"visitors", "^V"},
    {"mail", "^P"},          {"mark", "Insert"},
    {"mark", "^T"},          {"hand_out", "F11"},
    {"handover", "F12"},     {"shift", "^O"},
    {"print", "^R"},         {"do_not_admit", "^B"},
    {"calls", "^E"},
    {"notices", "^N"},
    {"works", "^W"},
    {"passes", "^G"},
};

/* Named curses keys; the first spelling of a key is the one shown. */
static const struct {
    const char *name;
    bool function;
    wint_t code;
} named_keys[] = {
    {"Enter", true, KEY_ENTER},     {"Esc", false, 27},
    {"Tab", false, '\t'},           {"S-Tab", true, KEY_BTAB},
    {"BTab", true, KEY_BTAB},       {"Shift-Tab", true, KEY_BTAB},
    {"Backspace", true, KEY_BACKSPACE}, {"Delete", true, KEY_DC},
    {"Del", true, KEY_DC},          {"Insert", true, KEY_IC},
    {"Home", true, KEY_HOME},       {"End", true, KEY_END},
    {"PgUp", true, KEY_PPAGE},      {"PageUp", true, KEY_PPAGE},
    {"PgDn", true, KEY_NPAGE},      {"PageDown", true, KEY_NPAGE},
    {"Up", true, KEY_UP},           {"Down", true, KEY_DOWN},
    {"Left", true, KEY_LEFT},       {"Right", true, KEY_RIGHT},
    {"Space", false, ' '},
};

enum { FUNCTION_KEYS = 12 };

console_key key_from_input(int result, wint_t code)
{
    if (result == KEY_CODE_YES)
        return (console_key){true, code};
    /* Terminals differ in what Enter and Backspace send; bindings name the key. */
    if (code == '\r' || code == '\n')
        return (console_key){true, KEY_ENTER};
    if (code == 127 || code == 8)
        return (console_key){true, KEY_BACKSPACE};
    return (console_key){false, code};
}

bool key_is_text(console_key key)
{
    return !key.function && key.code >= ' ' && iswprint(key.code);
}

static bool parse_function_key(const char *name, console_key *out)
{
    if ((name[0] != 'F' && name[0] != 'f') || name[1] < '1' || name[1] > '9')
        return false;
    char *end;
    long n = strtol(name + 1, &end, 10);
    if (*end || n < 1 || n > FUNCTION_KEYS)
        return false;
    *out = (console_key){true, (wint_t)KEY_F(n)};
    return true;
}

static bool parse_control_key(const char *name, console_key *out)
{
    if (name[0] != '^' || name[1] == '\0' || name[2] != '\0')
        return false;
    char c = name[1];
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (c < 'A' || c > 'Z')
        return false;
    *out = (console_key){false, (wint_t)(c - 'A' + 1)};
    return true;
}

static bool parse_character_key(const char *name, console_key *out)
{
    size_t n = strlen(name);
    wchar_t wc;
    if (n == 0 || text_decode(name, n, &wc) != n || wc == 0xFFFD)
        return false;
    *out = (console_key){false, (wint_t)wc};
    return key_is_text(*out) && wc != ' ';
}

bool key_parse(const char *name, console_key *out)
{
    for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
        if (strcasecmp(name, named_keys[i].name) == 0) {
            *out = (console_key){named_keys[i].function, named_keys[i].code};
            return true;
        }
    }
    return parse_function_key(name, out) || parse_control_key(name, out) ||
           parse_character_key(name, out);
}

void key_format(console_key key, char *out, size_t size)
{
    for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
        if (named_keys[i].function == key.function && named_keys[i].code == key.code) {
            snprintf(out, size, "%s", named_keys[i].name);
            return;
        }
    }
    if (key.function && key.code >= (wint_t)KEY_F(1) && key.code <= (wint_t)KEY_F(FUNCTION_KEYS))
        snprintf(out, size, "F%d", (int)(key.code - KEY_F0));
    else if (!key.function && key.code >= 1 && key.code <= 26)
        snprintf(out, size, "^%c", (char)('A' + key.code - 1));
    else if (key_is_text(key))
        snprintf(out, size, "%lc", key.code);
    else
        snprintf(out, size, "#%u", (unsigned)key.code);
}

typedef struct binding {
    console_key key;
    console_action action;
} binding;

struct keymap {
    binding *items;
    size_t count;
};

static bool same_key(console_key a, console_key b)
{
    return a.function == b.function && a.code == b.code;
}

/* A key means one thing: binding it again takes it from its old action. */
static void keymap_bind(keymap *km, console_key key, console_action a)
{
    size_t kept = 0;
    for (size_t i = 0; i < km->count; i++) {
        if (!same_key(km->items[i].key, key))
            km->items[kept++] = km->items[i];
    }
    km->items = fd_realloc(km->items, (kept + 1) * sizeof *km->items);
    km->items[kept] = (binding){key, a};
    km->count = kept + 1;
}

static fd_status keymap_apply(keymap *km, const fd_binding *b, const char *origin, fd_error *err)
{
    console_action a;
    console_key key;
    if (!action_parse(b->action, &a))
        return fd_fail(err, FD_CONFIG, NULL,
                       _("%s: console.bindings: unknown action '%s' (the help screen, F1, "
                         "lists the action names)"),
                       origin, b->action);
    if (!key_parse(b->key, &key))
        return fd_fail(err, FD_CONFIG, NULL,
                       _("%s: console.bindings: unknown key name '%s' for action '%s' (use "
                         "names like F5, ^K, Enter, Esc, Tab, Up, PgDn or a single character)"),
                       origin, b->key, b->action);
    keymap_bind(km, key, a);
    return FD_OK;
}

fd_status keymap_new(const fd_config *cfg, keymap **out, fd_error *err)
{
    keymap *km = fd_alloc(sizeof *km);
    fd_status st = FD_OK;
    for (size_t i = 0; st == FD_OK && i < sizeof default_bindings / sizeof default_bindings[0]; i++)
        st = keymap_apply(km, &default_bindings[i], _("built-in bindings"), err);
    const char *origin = cfg->source ? cfg->source : _("configuration");
    for (size_t i = 0; st == FD_OK && i < cfg->binding_count; i++)
        st = keymap_apply(km, &cfg->bindings[i], origin, err);
    if (st != FD_OK) {
        keymap_free(km);
        return st;
    }
    *out = km;
    return FD_OK;
}

void keymap_free(keymap *km)
{
    if (!km)
        return;
    free(km->items);
    free(km);
}

console_action keymap_action(const keymap *km, console_key key)
{
    for (size_t i = 0; i < km->count; i++) {
        if (same_key(km->items[i].key, key))
            return km->items[i].action;
    }
    return ACT_NONE;
}

static void keymap_list(const keymap *km, console_action a, size_t max, char *out, size_t size)
{
    size_t used = 0, listed = 0;
    out[0] = '\0';
    for (size_t i = 0; i < km->count && listed < max; i++) {
        if (km->items[i].action != a)
            continue;
        char name[32];
        key_format(km->items[i].key, name, sizeof name);
        int n = snprintf(out + used, size - used, "%s%s", listed ? " " : "", name);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
        listed++;
    }
}

void keymap_keys(const keymap *km, console_action a, char *out, size_t size)
{
    keymap_list(km, a, (size_t)-1, out, size);
}

void keymap_first_key(const keymap *km, console_action a, char *out, size_t size)
{
    keymap_list(km, a, 1, out, size);
}
