#include "widgets/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "widgets/dialog.h"
#include "console/draw.h"
#include "frontdesk/desk.h"
#include "frontdesk/i18n.h"
#include "widgets/lineedit.h"
#include "frontdesk/text.h"
#include "frontdesk/time.h"

/* A list shows five of its lines at once: a morning's tools, most notices, within
 * the dialog an 80x24 screen holds; a longer one scrolls. */
enum { NOTE_ROWS = 3, LINES_ROWS = 5, LABEL_GAP = 2 };

typedef struct field_state {
    const form_field *def;
    lineedit edit;
    const char *const *choices;
    size_t choice_count;
    int choice; /* -1: none chosen yet */
    int rows;   /* a note's or a list's rows; 0: its type's */
    char *message;
} field_state;

struct form {
    field_state *fields;
    size_t count;
    size_t focus;
    unsigned flags;
    bool dirty;
    int first_row; /* vertical scroll when the form is taller than its area */
    form_submit submit;
    void *ctx;
    form_field_rule required_rule; /* NULL: only the definitions' marks */
    void *required_ctx;
    form_field_rule shown_rule; /* NULL: every field shown */
    void *shown_ctx;
};

/* ---- what each type accepts and how wide it is ---- */

static bool accept_digit(wchar_t wc) { return wc >= '0' && wc <= '9'; }
static bool accept_code(wchar_t wc) { return wc < 0x80 && iswalnum((wint_t)wc); }
/* 转 (U+8F6C) marks an extension: 010-62345678转123, the way the desk writes it. */
static bool accept_phone(wchar_t wc)
{
    return accept_digit(wc) || wc == '-' || wc == '+' || wc == ' ' || wc == L'\u8f6c';
}
/* A unit's code takes any character ("1号楼-B101"); being a field that accepts, it has
 * an input method's full-width forms folded as they are typed, as the core stores them. */
static bool accept_unit(wchar_t wc) { (void)wc; return true; }
static bool accept_datetime(wchar_t wc) { return accept_digit(wc) || wc == '-' || wc == ':' || wc == ' '; }

static const struct {
    bool (*accept)(wchar_t wc);
    int width;
    size_t max_chars;
    bool secret;
} types[] = {
    [FORM_TEXT] = {NULL, 40, 100, false},
    [FORM_CODE] = {accept_code, 16, 32, false},
    [FORM_UNIT] = {accept_unit, 12, 32, false},
    [FORM_NUMBER] = {accept_digit, 12, 18, false},
    [FORM_PHONE] = {accept_phone, 20, 24, false},
    [FORM_DOCUMENT] = {accept_code, 22, 24, false},
    [FORM_DATETIME] = {accept_datetime, 18, 19, false},
    [FORM_DATE] = {accept_datetime, 12, 10, false},
    [FORM_CHOICE] = {NULL, 0, 0, false},
    [FORM_NOTE] = {NULL, 0, 500, false},
    [FORM_LINES] = {NULL, 0, 500, false},
    [FORM_PIN] = {accept_digit, 14, 12, true},
};

/* What the message line under an empty, focused field says, when the format is
 * not obvious from the label. */
static const char *type_hint(form_type t)
{
    switch (t) {
    case FORM_DATETIME:
        return _("Beijing time, e.g. 2026-11-27 09:30");
    case FORM_DATE:
        return _("A day, e.g. 2026-11-27");
    case FORM_PHONE:
        return _("Mobile or landline, e.g. 13812345678 or 010-12345678转123");
    case FORM_CHOICE:
        return _("Left/Right to choose, or type the first character or the number of a choice");
    default:
        return NULL;
    }
}

/* What a field that takes only certain characters says when one it does not take is
 * typed: a beep alone is lost on a muted terminal, and the character would seem
 * swallowed (a return time typed as 明天中午 left the field empty and saved without). */
static const char *type_refusal(form_type t)
{
    switch (t) {
    case FORM_CODE:
    case FORM_DOCUMENT: return _("Only letters and digits here.");
    case FORM_NUMBER: return _("Only digits here.");
    case FORM_PIN: return _("A PIN has digits only.");
    case FORM_PHONE: return _("Only a phone number here: digits, -, + or 转.");
    case FORM_DATETIME: return _("Only a time here, e.g. 2026-11-27 09:30.");
    case FORM_DATE: return _("Only a day here, e.g. 2026-11-27.");
    default: return NULL;
    }
}

static int field_rows(const field_state *fs)
{
    if (fs->rows > 0)
        return fs->rows;
    switch (fs->def->type) {
    case FORM_NOTE: return NOTE_ROWS;
    case FORM_LINES: return LINES_ROWS;
    default: return 1;
    }
}

/* ---- building ---- */

form *form_new(const form_field *fields, size_t count, unsigned flags, form_submit submit,
               void *ctx)
{
    form *f = fd_alloc(sizeof *f);
    f->fields = fd_alloc(count * sizeof *f->fields);
    f->count = count;
    f->flags = flags;
    f->submit = submit;
    f->ctx = ctx;
    for (size_t i = 0; i < count; i++) {
        field_state *fs = &f->fields[i];
        fs->def = &fields[i];
        fs->choice = -1;
        size_t max = fields[i].max_chars ? fields[i].max_chars : types[fields[i].type].max_chars;
        lineedit_init(&fs->edit, max, types[fields[i].type].secret, types[fields[i].type].accept);
        fs->edit.multiline = fields[i].type == FORM_LINES;
    }
    return f;
}

void form_free(form *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->count; i++) {
        lineedit_free(&f->fields[i].edit);
        free(f->fields[i].message);
    }
    free(f->fields);
    free(f);
}

static field_state *find_field(const form *f, const char *name)
{
    for (size_t i = 0; name && i < f->count; i++) {
        if (strcmp(f->fields[i].def->name, name) == 0)
            return &f->fields[i];
    }
    return NULL;
}

void form_set_rows(form *f, const char *name, int rows)
{
    field_state *fs = find_field(f, name);
    if (fs && (fs->def->type == FORM_NOTE || fs->def->type == FORM_LINES))
        fs->rows = rows;
}

void form_set_required_rule(form *f, form_field_rule rule, void *ctx)
{
    f->required_rule = rule;
    f->required_ctx = ctx;
}

void form_set_shown_rule(form *f, form_field_rule rule, void *ctx)
{
    f->shown_rule = rule;
    f->shown_ctx = ctx;
}

static bool is_shown(const form *f, const field_state *fs)
{
    return !f->shown_rule || f->shown_rule(f->shown_ctx, f, fs->def->name);
}

static bool is_required(const form *f, const field_state *fs)
{
    return is_shown(f, fs) && (fs->def->required ||
                               (f->required_rule && f->required_rule(f->required_ctx, f, fs->def->name)));
}

void form_set_choices(form *f, const char *name, const char *const *labels, size_t count)
{
    field_state *fs = find_field(f, name);
    if (!fs)
        return;
    fs->choices = labels;
    fs->choice_count = count;
    fs->choice = count > 0 ? 0 : -1;
}

const char *form_value(const form *f, const char *name)
{
    const field_state *fs = find_field(f, name);
    if (!fs || !is_shown(f, fs))
        return "";
    if (fs->def->type == FORM_CHOICE)
        return fs->choice >= 0 ? fs->choices[fs->choice] : "";
    return lineedit_text(&fs->edit);
}

int form_choice(const form *f, const char *name)
{
    const field_state *fs = find_field(f, name);
    return fs ? fs->choice : -1;
}

void form_set_value(form *f, const char *name, const char *text)
{
    field_state *fs = find_field(f, name);
    if (!fs)
        return;
    /* What the field's message said was of the value it replaces. */
    FD_FREE(fs->message);
    if (fs->def->type != FORM_CHOICE) {
        lineedit_set(&fs->edit, text);
        return;
    }
    /* A choice is set by its label; a label it does not offer changes nothing. */
    for (size_t i = 0; i < fs->choice_count; i++)
        if (strcmp(fs->choices[i], text) == 0)
            fs->choice = (int)i;
}

void form_focus(form *f, const char *name)
{
    field_state *fs = find_field(f, name);
    if (fs)
        f->focus = (size_t)(fs - f->fields);
}

bool form_time(form *f, console *c, const char *name, bool optional, fd_time *out)
{
    const char *text = form_value(f, name);
    fd_when_problem why;
    char problem[FD_WHEN_PROBLEM_TEXT];
    *out = 0;
    if (optional && text_blank(text))
        return true;
    if (fd_time_parse_near(text, fd_desk_now(console_desk(c)), out, &why))
        return true;
    form_field_error(f, name, fd_when_problem_text(&why, fd_time_hint(), problem));
    form_focus(f, name);
    return false;
}

const char *form_focused(const form *f)
{
    return f->fields[f->focus].def->name;
}

void form_field_error(form *f, const char *name, const char *message)
{
    field_state *fs = find_field(f, name);
    if (!fs)
        return;
    free(fs->message);
    fs->message = fd_strdup(message);
    f->focus = (size_t)(fs - f->fields);
    /* A PIN refused is typed again from nothing, as on the login screen: its bullets
     * cannot be read to be mended. */
    if (fs->def->type == FORM_PIN)
        lineedit_set(&fs->edit, "");
}

void form_show_error(form *f, console *c, const fd_error *err)
{
    const char *message = fd_error_text(err);
    const field_state *fs = find_field(f, err->field);
    if (fs && is_shown(f, fs))
        form_field_error(f, err->field, message);
    else
        console_error(c, "%s", message);
}

void form_reset(form *f)
{
    for (size_t i = 0; i < f->count; i++) {
        lineedit_set(&f->fields[i].edit, "");
        FD_FREE(f->fields[i].message);
        f->fields[i].choice = f->fields[i].choice_count > 0 ? 0 : -1;
    }
    f->focus = 0;
    f->dirty = false;
    f->first_row = 0;
}

void form_mark_changed(form *f)
{
    f->dirty = true;
}

bool form_may_discard(form *f, console *c)
{
    return !f->dirty ||
           dialog_confirm(c, _("You have unsaved changes. Discard them?"), _("Discard"),
                          _("Keep editing"));
}

/* ---- keys ---- */

/* The required fields come first: the core's checks would only repeat that a
 * value is missing, and this way every empty one is marked at once. */
static bool required_filled(form *f)
{
    size_t first = f->count;
    for (size_t i = 0; i < f->count; i++) {
        field_state *fs = &f->fields[i];
        bool empty = fs->def->type == FORM_CHOICE ? fs->choice < 0 : text_blank(lineedit_text(&fs->edit));
        if (!is_required(f, fs) || !empty)
            continue;
        free(fs->message);
        fs->message = fd_strdup(_("Please fill in this field."));
        if (first == f->count)
            first = i;
    }
    if (first < f->count)
        f->focus = first;
    return first == f->count;
}

static int submit(form *f, console *c)
{
    if (!required_filled(f))
        return EV_HANDLED | EV_REDRAW;
    int flags = f->submit(f->ctx, c, f);
    return flags | EV_HANDLED | EV_REDRAW;
}

/* The first field still showing its error (a message cleared when edited); count
 * when none does. */
static size_t first_error(const form *f)
{
    size_t i = 0;
    while (i < f->count && !(f->fields[i].message && is_shown(f, &f->fields[i])))
        i++;
    return i;
}

/* Enter on the last field while an earlier field still shows its error goes back to
 * that field: saving again would only say the same, and going round the form from
 * the top would pass the error by. */
static int focus_error(form *f)
{
    f->focus = first_error(f);
    return EV_HANDLED | EV_REDRAW;
}

static size_t next_shown(const form *f, size_t from, int step)
{
    size_t n = f->count, i = from;
    do
        i = (i + (step > 0 ? 1 : n - 1)) % n;
    while (i != from && !is_shown(f, &f->fields[i]));
    return i;
}

static int move_focus(form *f, int step)
{
    f->focus = next_shown(f, f->focus, step);
    return EV_HANDLED | EV_REDRAW;
}

/* A field hidden by the answer just given hands the focus on to the next one shown. */
static void keep_focus_shown(form *f)
{
    if (!is_shown(f, &f->fields[f->focus]))
        f->focus = next_shown(f, f->focus, 1);
}

static bool is_last_shown(const form *f)
{
    return next_shown(f, f->focus, 1) <= f->focus;
}

static int cycle_choice(form *f, field_state *fs, int step)
{
    if (fs->choice_count == 0)
        return EV_HANDLED;
    int n = (int)fs->choice_count;
    fs->choice = ((fs->choice < 0 ? 0 : fs->choice) + step + n) % n;
    f->dirty = true;
    FD_FREE(fs->message);
    return EV_HANDLED | EV_REDRAW;
}

static bool label_starts_with(const char *label, wchar_t typed)
{
    wchar_t first;
    if (!*label || text_decode(label, strlen(label), &first) == 0)
        return false;
    return first == typed || (first < 0x80 && typed < 0x80 && towlower((wint_t)first) == towlower((wint_t)typed));
}

/* The choice a typed character picks: a digit the choice of that number (1 the first),
 * any other character the next choice that starts with it; -1 when none does. */
static int typed_choice(const field_state *fs, wchar_t typed)
{
    int n = (int)fs->choice_count;
    wchar_t wc = (wchar_t)text_fold_width((uint32_t)typed);
    if (wc >= '1' && wc <= '9')
        return wc - '1' < n ? (int)(wc - '1') : -1;
    int from = fs->choice < 0 ? 0 : fs->choice;
    for (int step = 1; step <= n; step++) {
        int i = (from + step) % n;
        if (label_starts_with(fs->choices[i], wc))
            return i;
    }
    return -1;
}

/* Typing on a choice picks, as the hint says; a key that picks nothing is said at the
 * field, so that what was typed is never dropped unseen. */
static int type_choice(form *f, field_state *fs, wchar_t typed)
{
    int i = typed_choice(fs, typed);
    if (i < 0) {
        beep();
        free(fs->message);
        fs->message = fd_strdup(_("This field is chosen, not typed: Left/Right, or the first "
                                  "character or the number of a choice."));
        return EV_HANDLED | EV_REDRAW;
    }
    fs->choice = i;
    f->dirty = true;
    FD_FREE(fs->message);
    return EV_HANDLED | EV_REDRAW;
}

static int handle_choice(form *f, field_state *fs, const console_event *ev)
{
    if (ev->action == ACT_LEFT)
        return cycle_choice(f, fs, -1);
    if (ev->action == ACT_RIGHT || (ev->action == ACT_NONE && ev->key.code == ' ' && !ev->key.function))
        return cycle_choice(f, fs, 1);
    if (ev->action == ACT_NONE && key_is_text(ev->key))
        return type_choice(f, fs, (wchar_t)ev->key.code);
    return EV_IGNORED;
}

static int handle_edit(form *f, field_state *fs, const console_event *ev)
{
    switch (lineedit_handle(&fs->edit, ev)) {
    case LINEEDIT_CHANGED:
        f->dirty = true;
        FD_FREE(fs->message);
        return EV_HANDLED | EV_REDRAW;
    case LINEEDIT_MOVED:
        return EV_HANDLED | EV_REDRAW;
    case LINEEDIT_REFUSED:
        beep();
        if (!type_refusal(fs->def->type))
            return EV_HANDLED;
        FD_FREE(fs->message);
        fs->message = fd_strdup(type_refusal(fs->def->type));
        return EV_HANDLED | EV_REDRAW;
    case LINEEDIT_FULL:
        /* A paste longer than the field is cut: said once, under the field, so the
         * desk knows the end is missing before saving. */
        if (!fs->message) {
            beep();
            fs->message = fd_printf(_("Cut to %zu characters: the field holds no more."),
                                    fs->edit.max_chars);
        }
        return EV_HANDLED | EV_REDRAW;
    default:
        return EV_IGNORED;
    }
}

/* Enter, Up and Down within a list's lines; past its first or last line Up and Down
 * go on to the field before or after. */
static bool lines_key(const field_state *fs, const console_event *ev)
{
    return fs->edit.multiline &&
           (ev->action == ACT_SELECT || ev->action == ACT_UP || ev->action == ACT_DOWN);
}

int form_handle(form *f, console *c, const console_event *ev)
{
    keep_focus_shown(f);
    field_state *fs = &f->fields[f->focus];
    if (lines_key(fs, ev)) {
        int flags = handle_edit(f, fs, ev);
        if (flags != EV_IGNORED)
            return flags;
    }
    switch (ev->action) {
    case ACT_NEXT_FIELD:
    case ACT_DOWN:
        return move_focus(f, 1);
    case ACT_PREV_FIELD:
    case ACT_UP:
        return move_focus(f, -1);
    case ACT_SELECT:
        if (!is_last_shown(f))
            return move_focus(f, 1);
        return first_error(f) < f->focus ? focus_error(f) : submit(f, c);
    case ACT_SAVE:
        return submit(f, c);
    case ACT_BACK:
        if (!(f->flags & FORM_ASK_DISCARD))
            return EV_IGNORED;
        return form_may_discard(f, c) ? EV_HANDLED | EV_POP | EV_REDRAW : EV_HANDLED | EV_REDRAW;
    default:
        break;
    }
    return fs->def->type == FORM_CHOICE ? handle_choice(f, fs, ev) : handle_edit(f, fs, ev);
}

bool form_takes_text(const form *f)
{
    return f->fields[f->focus].def->type != FORM_CHOICE;
}

bool form_enter_is_newline(const form *f)
{
    return f->fields[f->focus].edit.multiline;
}

/* ---- drawing ---- */

static int label_columns(const form *f, int cols)
{
    int widest = 0;
    for (size_t i = 0; i < f->count; i++) {
        /* Room for the mark on every field a rule may require, so that the inputs
         * stay in place when it comes and goes. */
        bool marked = f->fields[i].def->required || f->required_rule;
        int w = text_width(_(f->fields[i].def->label)) + (marked ? 2 : 0);
        if (w > widest)
            widest = w;
    }
    return widest < cols / 3 ? widest : cols / 3;
}

/* Columns right of the labels: the inputs and their messages. */
static int input_room(const form *f, int cols)
{
    return cols - label_columns(f, cols) - LABEL_GAP;
}

/* A field's rows: its input, then its message (wrapped) or one blank line. A compact
 * form (one that would not fit its area spaced out) keeps the blank line only under the
 * focused field, for its hint, so that an 80x24 form shows every field at once. */
static int field_height(const form *f, size_t i, int room, bool compact)
{
    const field_state *fs = &f->fields[i];
    if (!is_shown(f, fs))
        return 0;
    const char *hint = i == f->focus ? type_hint(fs->def->type) : NULL;
    int message = fs->message ? text_lines(fs->message, room) : hint ? text_lines(hint, room) : 1;
    bool spaced = fs->message || !compact || i == f->focus;
    return field_rows(fs) + (spaced ? message : 0);
}

static int height(const form *f, int room, bool compact)
{
    int rows = 0;
    for (size_t i = 0; i < f->count; i++)
        rows += field_height(f, i, room, compact);
    return rows;
}

int form_height(const form *f, int cols)
{
    return height(f, input_room(f, cols), false);
}

static int input_columns(const field_state *fs, int room)
{
    int w = fs->def->width ? fs->def->width : types[fs->def->type].width;
    if (fs->def->type == FORM_CHOICE) {
        w = 0;
        for (size_t i = 0; i < fs->choice_count; i++) {
            int cw = text_width(fs->choices[i]);
            w = cw > w ? cw : w;
        }
        w += 4;
    }
    return w <= 0 || w > room ? room : w;
}

static void draw_label(const form *f, const field_state *fs, int y, int x, int cols, attr_t attr)
{
    int used = draw_text(y, x, cols, _(fs->def->label), attr);
    if (is_required(f, fs))
        draw_text(y, x + used + 1, 1, "*", theme(TH_ERROR));
}

static void draw_choice(const field_state *fs, int y, int x, int cols, attr_t attr)
{
    const char *label = fs->choice >= 0 ? fs->choices[fs->choice] : "";
    draw_padded(y, x, cols, "", attr);
    draw_text(y, x, 2, "\u2039", attr);
    draw_text(y, x + 2, cols - 4, label, attr);
    draw_text(y, x + cols - 1, 1, "\u203a", attr);
}

/* The line under a focused list: which keys start a line, go on and save (the keys
 * bound now), and, when it is longer than its rows, which are in sight. One row: the
 * one a focused field keeps for its message. */
static void draw_lines_hint(console *c, const field_state *fs, int y, int x, int room, int cols)
{
    char line[160], enter[32], next[32], save[32];
    const keymap *km = console_keymap(c);
    keymap_first_key(km, ACT_SELECT, enter, sizeof enter);
    keymap_first_key(km, ACT_NEXT_FIELD, next, sizeof next);
    keymap_first_key(km, ACT_SAVE, save, sizeof save);
    /* TRANSLATORS: under a list written one item a line: the keys of a new line, the
     * next field and saving. */
    snprintf(line, sizeof line, _("%s new line  %s next field  %s save"), enter, next, save);
    int rows = lineedit_wrapped_rows(&fs->edit, cols), shown = field_rows(fs);
    if (rows > shown) {
        size_t n = strlen(line);
        /* TRANSLATORS: the rows of a list in sight: first, last, of how many. */
        snprintf(line + n, sizeof line - n, _("  lines %d-%d of %d"), fs->edit.scroll + 1,
                 fs->edit.scroll + shown, rows);
    }
    draw_text(y, x, room, line, theme(TH_DIM));
}

/* Draws field i from row y, the input at column ix; the focused one places the cursor. */
static void draw_field(form *f, size_t i, int y, int x, int ix, int room, console *c)
{
    field_state *fs = &f->fields[i];
    bool focused = i == f->focus;
    attr_t attr = theme(focused ? TH_FIELD_FOCUS : TH_FIELD);
    draw_label(f, fs, y, x, ix - x - LABEL_GAP, focused ? A_BOLD : A_NORMAL);
    int cols = input_columns(fs, room);
    int cy = y, cx;
    if (fs->def->type == FORM_CHOICE) {
        draw_choice(fs, y, ix, cols, attr);
        cx = ix + 2;
    } else if (fs->def->type == FORM_NOTE || fs->def->type == FORM_LINES) {
        lineedit_draw_wrapped(&fs->edit, y, ix, field_rows(fs), cols, attr, &cy, &cx);
    } else if (focused || fs->edit.secret) {
        cx = lineedit_draw(&fs->edit, y, ix, cols, attr);
    } else {
        /* Read from its start, "…" where it is cut, not scrolled to where it was typed. */
        draw_padded(y, ix, cols, lineedit_text(&fs->edit), attr);
        cx = ix;
    }
    int my = y + field_rows(fs);
    const char *hint = type_hint(fs->def->type);
    if (fs->message)
        draw_wrapped(my, ix, text_lines(fs->message, room), room, fs->message, theme(TH_ERROR));
    else if (focused && hint)
        draw_wrapped(my, ix, text_lines(hint, room), room, hint, theme(TH_DIM));
    else if (focused && fs->edit.multiline)
        draw_lines_hint(c, fs, my, ix, room, cols);
    if (focused && fs->def->type != FORM_CHOICE)
        console_cursor(c, cy, cx);
}

/* Keeps the focused field (and its message) inside rows, and the form filling them:
 * after a resize to more rows nothing stays scrolled out above an empty bottom. */
static void scroll_to_focus(form *f, int rows, int room, bool compact)
{
    int total = height(f, room, compact);
    int most = total > rows ? total - rows : 0;
    if (f->first_row > most)
        f->first_row = most;
    int top = 0;
    for (size_t i = 0; i < f->focus; i++)
        top += field_height(f, i, room, compact);
    int bottom = top + field_height(f, f->focus, room, compact);
    if (top < f->first_row)
        f->first_row = top;
    else if (bottom > f->first_row + rows)
        f->first_row = bottom - rows;
}

/* "↑ more" / "↓ more" at the right end of the area's last row: the message line of
 * the last field shown, or a blank one (a field is shown whole or not at all), so an
 * 80x24 form gives no row to them. */
static void draw_marker(int y, const console_area *area, const char *marker)
{
    char text[64];
    snprintf(text, sizeof text, " %s", marker); /* apart from what it covers */
    int w = text_width(text) + 1;
    if (w < area->cols)
        draw_padded(y, area->left + area->cols - w, w, text, theme(TH_DIM) | A_BOLD);
}

void form_draw(form *f, console *c, const console_area *area)
{
    keep_focus_shown(f);
    int room = input_room(f, area->cols);
    int ix = area->left + area->cols - room;
    bool compact = height(f, room, false) > area->rows;
    scroll_to_focus(f, area->rows, room, compact);
    int row = -f->first_row;
    bool above = false, below = false;
    for (size_t i = 0; i < f->count; i++) {
        int h = field_height(f, i, room, compact);
        if (h == 0)
            continue;
        if (row >= 0 && row + h <= area->rows)
            draw_field(f, i, area->top + row, area->left, ix, room, c);
        else if (row < 0)
            above = true;
        else
            below = true;
        row += h;
    }
    if (above || below)
        draw_marker(area->top + area->rows - 1, area,
                    above && below ? _("↑↓ more") : above ? _("↑ more") : _("↓ more"));
}
