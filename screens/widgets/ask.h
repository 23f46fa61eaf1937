/* Asking for something in a screen of its own, the way the procedures' pages do: a
 * form run until it is saved or cancelled, and a short list to choose from. */
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

/* A short list to pick from in a dialog; the index chosen, or -1. */
int ask_choice(console *c, const char *title, const char *const *labels, int count);

#endif
