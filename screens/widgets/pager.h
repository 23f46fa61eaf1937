/* A pager: long plain text in a box over the current screen, scrolled line by line,
 * a page at a time and sideways, for text wider than the terminal (a 132-column
 * printed log on an 80-column desk terminal). A form feed in the text starts a new
 * page and shows as a rule. Enter hands over to the caller; Esc closes it. */
#ifndef FRONTDESK_SCREENS_PAGER_H
#define FRONTDESK_SCREENS_PAGER_H

#include <stdio.h>

#include "console/console.h"

typedef struct pager_spec {
    const char *title;  /* translated, on the box's top edge */
    const char *text;   /* lines end with '\n'; '\f' starts a new page */
    const char *hint;   /* translated: what Enter and Esc do, under the text; may be NULL */
    /* Enter (or also, when not ACT_NONE): the caller's turn. Returns EV_ flags; with
     * EV_POP the pager closes. NULL: Enter closes it. */
    int (*select)(void *ctx, console *c);
    void *ctx;
    console_action also;
} pager_spec;

/* Shows the text until the pager is closed. */
void pager_run(console *c, const pager_spec *spec);

/* s wrapped at width columns into out, each line after indent: the pager cuts lines
 * only where the text breaks them. */
void pager_put_wrapped(FILE *out, const char *s, int width, const char *indent);

#endif
