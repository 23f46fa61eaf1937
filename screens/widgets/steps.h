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

/* One row a step, " 1  label" (labels translated), the highlighted one marked;
 * nothing (translated) when no step is offered. */
void steps_draw(const step_list *s, const char *const labels[], const char *nothing, int y, int x,
                int cols);

#endif
