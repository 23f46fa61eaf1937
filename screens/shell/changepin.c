/* Change my PIN: the current PIN, the new one twice; fd_staff_set_pin decides. */
#include <stdlib.h>
#include <string.h>

#include "shell/shell.h"
#include "console/draw.h"
#include "widgets/form.h"
#include "frontdesk/i18n.h"
#include "frontdesk/staff.h"
#include "frontdesk/text.h"

/* "pin" and "old_pin" are the field names fd_staff_set_pin's errors use. */
static const form_field pin_fields[] = {
    {"old_pin", N_("Current PIN"), FORM_PIN, true, 0, 0},
    {"pin", N_("New PIN"), FORM_PIN, true, 0, 0},
    {"pin_again", N_("New PIN again"), FORM_PIN, true, 0, 0},
};

static const console_action pin_actions[] = {ACT_SAVE, ACT_BACK, ACT_NEXT_FIELD, ACT_PREV_FIELD,
                                             ACT_SELECT, ACT_NONE};

enum { FORM_COLS = 60 };

static int pin_submit(void *ctx, console *c, form *f)
{
    (void)ctx;
    /* A typing check, not a rule: the two entries of the new PIN must agree. */
    if (strcmp(form_value(f, "pin"), form_value(f, "pin_again")) != 0) {
        form_set_value(f, "pin_again", "");
        form_field_error(f, "pin_again", _("The two new PINs differ; type the new PIN again."));
        return EV_HANDLED;
    }
    const fd_actor *me = console_actor(c);
    fd_error err = {0};
    if (fd_staff_set_pin(console_desk(c), me, me->number, form_value(f, "old_pin"),
                         form_value(f, "pin"), &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    console_info(c, "%s", _("Your PIN has been changed."));
    return EV_POP;
}

static void *pin_open(console *c, void *arg)
{
    (void)c;
    (void)arg;
    return form_new(pin_fields, sizeof pin_fields / sizeof pin_fields[0], FORM_ASK_DISCARD,
                    pin_submit, NULL);
}

static void pin_close(void *state) { form_free(state); }

static void pin_draw(void *state, console *c, const console_area *area)
{
    const fd_actor *me = console_actor(c);
    int cols = area->cols < FORM_COLS ? area->cols : FORM_COLS;
    int x = area->left + 2;
    char *intro = fd_printf(_("%s (%s): enter your current PIN, then the new one twice."),
                            me ? me->name : "", me ? me->number : "");
    int rows = draw_wrapped(area->top + 1, x, 3, cols, intro, A_NORMAL);
    free(intro);
    console_area fields = {area->top + rows + 2, x, area->rows - rows - 2, cols};
    form_draw(state, c, &fields);
}

static int pin_handle(void *state, console *c, const console_event *ev)
{
    return form_handle(state, c, ev);
}

static bool pin_takes_text(const void *state) { return form_takes_text(state); }
static bool pin_may_leave(void *state, console *c) { return form_may_discard(state, c); }

const screen_ops change_pin_screen = {
    .title = N_("Change my PIN"),
    .actions = pin_actions,
    .open = pin_open,
    .close = pin_close,
    .draw = pin_draw,
    .handle = pin_handle,
    .takes_text = pin_takes_text,
    .may_leave = pin_may_leave,
};
