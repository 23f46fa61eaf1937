/* The numbered steps under a record's page (admit, sign out, hand out …). Choosing
 * is not doing: Up, Down and a step's digit only move the highlight, so a digit
 * meant for a field that is not there never changes a record; Enter hands the
 * highlighted step to the page, which confirms a transition (dialog_confirm, the safe
 * answer first) or opens the step's form before the core is asked. */
#ifndef FRONTDESK_SCREENS_STEPS_H
#define FRONTDESK_SCREENS_STEPS_H

#include <stdbool.h>
#include <stddef.h>

#include "console/console.h"

typedef struct step_list {
    size_t count;    /* steps offered now */
    size_t selected; /* the highlighted one */
} step_list;

typedef enum steps_result {
    STEPS_IGNORED, /* not a key of the steps */
    STEPS_MOVED,   /* the highlight moved: redraw */
    STEPS_CHOSEN,  /* Enter on the highlighted step: the page performs s->selected */
} steps_result;

steps_result steps_handle(step_list *s, console *c, const console_event *ev);

/* The rows steps_draw takes: one a step, or, when more than six are offered and every
 * label fits half the width, two columns of them (the first half on the left), so that
 * a record with many steps keeps room for its history at 80×24; one row for none. */
int steps_rows(const step_list *s, const char *const labels[], int cols);
/* " 1  label" a step (labels translated), laid out as steps_rows says, the highlighted
 * one marked, those dimmed[i] dim (dimmed may be NULL); nothing (translated) when no
 * step is offered. */
void steps_draw(const step_list *s, const char *const labels[], const bool dimmed[],
                const char *nothing, int y, int x, int cols);

#endif
