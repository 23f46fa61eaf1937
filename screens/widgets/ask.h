/* Asking for something the way the procedures' pages do: a form in a screen of its
 * own run until it is saved or cancelled, a form in a dialog over the screen, and a
 * short list to choose from. */
#ifndef FRONTDESK_SCREENS_ASK_H
#define FRONTDESK_SCREENS_ASK_H

#include <stdbool.h>
#include <stddef.h>

#include "console/console.h"
#include "widgets/form.h"

/* A form in its own screen, run until saved or cancelled (console_modal). submit
 * gets the spec's ctx and returns EV_POP once the core has accepted the form; prepare
 * (may be NULL) sets choices and first values. */
typedef struct ask_form_spec {
    const char *title;      /* translated */
    const char *intro;      /* translated, may be NULL */
    const form_field *fields;
    size_t count;
    void (*prepare)(form *f, void *ctx);
    int (*submit)(void *ctx, console *c, form *f);
    void *ctx;
} ask_form_spec;

/* True when it was saved. */
bool ask_form(console *c, const ask_form_spec *spec);

/* A form in a dialog over the current screen: the title on its frame, the intro
 * above the fields. The caller makes the form (its submit sets done and returns
 * EV_POP once the core has accepted it) and frees it; Esc closes the dialog, once the
 * form agrees when it was made with FORM_ASK_DISCARD (form_may_discard). */
typedef struct ask_dialog {
    const char *title, *intro; /* translated */
    form *form;
    bool done;
    /* After every key that leaves it open: keeps one field in step with another. NULL:
     * none. A caller's struct that starts with its ask_dialog gets itself back here. */
    void (*changed)(struct ask_dialog *a);
    bool select; /* Enter is offered too (the form has a choice to open) */
} ask_dialog;

/* Runs the dialog until it closes; true when done was set. */
bool ask_dialog_run(console *c, ask_dialog *a);

/* A short list to pick from in a dialog; the index chosen, or -1. */
int ask_choice(console *c, const char *title, const char *const *labels, int count);

#endif
