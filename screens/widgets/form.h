/* A form: labelled fields of a few types, required marks, the message for a field
 * shown under that field, Tab/Shift-Tab/Up/Down between fields, save (F2, or Enter
 * on the last field) and cancel (Esc) with a "discard unsaved changes?" question.
 * In a FORM_LINES field Enter starts a new line and Up/Down move between its lines
 * (past the first or last, to the field before or after): the line under it says
 * which keys go to the next field and save.
 *
 * The form checks nothing but that required fields are filled: what a value must
 * look like is the core's to say. The owner's submit function calls the core and
 * hands any fd_error to form_show_error, which puts the message at the field the
 * error names. */
#ifndef FRONTDESK_SCREENS_FORM_H
#define FRONTDESK_SCREENS_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "console/console.h"
#include "frontdesk/time.h"

typedef enum form_type {
    FORM_TEXT,     /* any text, Chinese included */
    FORM_CODE,     /* letters and digits: staff numbers, tags */
    FORM_UNIT,     /* a unit's code ("A-1203", "1号楼-B101"): full-width forms folded */
    FORM_NUMBER,   /* digits */
    FORM_PHONE,    /* digits, hyphen, plus */
    FORM_DOCUMENT, /* an identity-document number */
    FORM_DATETIME, /* "YYYY-MM-DD HH:MM", Beijing time */
    FORM_DATE,     /* "YYYY-MM-DD": a day */
    FORM_CHOICE,   /* one of a list: Left/Right, or its first character or number typed */
    FORM_NOTE,     /* longer text over several lines, wrapped: one paragraph */
    FORM_LINES,    /* a list written one item a line: Enter starts a new line */
    FORM_PIN,      /* digits, shown as bullets */
} form_type;

typedef struct form_field {
    const char *name;  /* the field name the core's fd_error uses */
    const char *label; /* N_() text */
    form_type type;
    bool required;
    int width;         /* input columns; 0: the type's usual width */
    size_t max_chars;  /* 0: the type's usual limit */
} form_field;

typedef struct form form;

/* Called on save once the required fields are filled; returns EV_ flags (EV_POP to
 * close the screen after a successful save). */
typedef int (*form_submit)(void *ctx, console *c, form *f);

enum {
    FORM_ASK_DISCARD = 1, /* Esc with unsaved changes asks before closing */
};

/* fields must outlive the form. */
form *form_new(const form_field *fields, size_t count, unsigned flags, form_submit submit,
               void *ctx);
void form_free(form *f);

/* The labels a choice field offers (already translated; borrowed, must outlive the form). */
void form_set_choices(form *f, const char *name, const char *const *labels, size_t count);
/* The rows a note or a list shows, in place of its type's usual (a list in a form
 * that must keep every field in sight at 80x24). */
void form_set_rows(form *f, const char *name, int rows);
/* A rule about a field that depends on the others: rule(ctx, f, name) as the form
 * stands now. Asked whenever the form is drawn, moved in or saved. */
typedef bool (*form_field_rule)(void *ctx, const form *f, const char *name);
/* For fields required only in some cases (a contractor's company): whether the field
 * named, not required by its definition, is required now — the core's predicate, so
 * the mark and the save follow its rule. */
void form_set_required_rule(form *f, form_field_rule rule, void *ctx);
/* For fields that only some answers ask for (a proxy's phone): whether the field named
 * is shown now. A hidden field takes no focus, is not required, and gives "" as its
 * value (what was typed comes back when it is shown again). */
void form_set_shown_rule(form *f, form_field_rule rule, void *ctx);
const char *form_value(const form *f, const char *name);
/* The index of the chosen label of a choice field, -1 when none is chosen. */
int form_choice(const form *f, const char *name);
/* Fills a field without counting as a change by the user, and clears its message; a
 * choice field is set to the label equal to text, if it offers one. */
void form_set_value(form *f, const char *name, const char *text);
void form_focus(form *f, const char *name);
/* The time typed in a FORM_DATETIME field: "2026-11-27 09:30", or "09:30" for that time
 * of the desk's today; blank gives 0 when optional. Else false, with what is wrong (no
 * such day or hour, or how to write it) said at the field, and the cursor there. */
bool form_time(form *f, console *c, const char *name, bool optional, fd_time *out);
/* The name of the field the cursor is in. */
const char *form_focused(const form *f);
/* Shows err's message under the field it names and moves there; a message that
 * names no field of this form goes to the message line. */
void form_show_error(form *f, console *c, const fd_error *err);
void form_field_error(form *f, const char *name, const char *message);
/* Empties every field and message. */
void form_reset(form *f);
/* The person filled the form another way than typing in it (a pick from the
 * directory): their work as much as typing is, so Esc asks before it is discarded. */
void form_mark_changed(form *f);
/* Asks whether to discard unsaved changes; true when there are none or the user agrees. */
bool form_may_discard(form *f, console *c);

/* Rows the form needs in cols columns to show every field with its message. */
int form_height(const form *f, int cols);
bool form_takes_text(const form *f);
/* Whether Enter starts a new line in the focused field rather than moving on or
 * saving: the key line then leaves Enter out. */
bool form_enter_is_newline(const form *f);
int form_handle(form *f, console *c, const console_event *ev);
void form_draw(form *f, console *c, const console_area *area);

#endif
