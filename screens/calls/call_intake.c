/* The intake form: see call_intake.h. */
#include "calls/call_intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/calls_shared.h"
#include "frontdesk/directory.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/form.h"
#include "widgets/picker.h"

enum { DEPARTMENTS_MAX = 16 };

static const form_field intake_fields[] = {
    {"received_at", N_("Time"), FORM_DATETIME, false, 0, 0},
    {"channel", N_("Call or visit"), FORM_CHOICE, true, 0, 0},
    {"caller", N_("Caller"), FORM_TEXT, true, 20, 32},
    {"unit", N_("Unit"), FORM_UNIT, false, 12, 32},
    {"phone", N_("Phone"), FORM_PHONE, false, 0, 0},
    {"matter", N_("Matter"), FORM_CHOICE, true, 0, 0},
    {"question", N_("Question"), FORM_NOTE, true, 0, 1000},
    {"answer", N_("Answer"), FORM_NOTE, false, 0, 1000},
    {"department", N_("Referred to"), FORM_CHOICE, false, 0, 0},
    {"person", N_("Person"), FORM_TEXT, false, 20, 32},
    {"done", N_("State"), FORM_CHOICE, true, 0, 0},
};
enum { INTAKE_FIELDS = sizeof intake_fields / sizeof intake_fields[0] };

typedef struct intake {
    form *form;
    const char *channels[2], *matters[8], *states[2];
    const char *departments[DEPARTMENTS_MAX + 1]; /* "not referred", then the configured */
    size_t department_count;
    /* The unit picked from the directory, while the field still reads its code. */
    int64_t picked_unit_id;
    char picked_unit[FD_CALL_NAME_MAX];
    /* The caller picked, while the phone still reads as the directory gave it (masked
     * unless the reader may see it in full): the core takes the directory's number. */
    int64_t picked_occupant_id;
    char picked_phone[FD_CALL_PHONE_MAX];
    /* A unit the directory does not know is saved as typed once the desk has been told. */
    char warned_unit[FD_CALL_NAME_MAX];
} intake;

static const console_action intake_actions[] = {ACT_SAVE,       ACT_DIRECTORY, ACT_BACK,
                                                ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_LEFT,
                                                ACT_RIGHT,      ACT_NONE};

static void offer_list(intake *in, const char *field, fd_call_list list, const char **labels)
{
    int n = fd_call_choice_count(list);
    for (int i = 0; i < n; i++)
        labels[i] = fd_call_choice_label(list, i);
    form_set_choices(in->form, field, labels, (size_t)n);
}

static void offer_departments(intake *in, const fd_config *cfg)
{
    in->departments[0] = _("Not referred");
    in->department_count = 1;
    for (size_t i = 0; i < cfg->departments.count && in->department_count <= DEPARTMENTS_MAX; i++)
        in->departments[in->department_count++] = cfg->departments.items[i];
    form_set_choices(in->form, "department", in->departments, in->department_count);
}

static bool picked_still(const intake *in)
{
    return in->picked_unit_id && strcmp(form_value(in->form, "unit"), in->picked_unit) == 0;
}

static bool phone_picked_still(const intake *in)
{
    return in->picked_occupant_id && strcmp(form_value(in->form, "phone"), in->picked_phone) == 0;
}

/* What F3 looks up: the unit typed when the cursor is in its field (unless the
 * directory is already known not to have it), else the caller's name, else the unit. */
static const char *directory_query(const intake *in)
{
    const char *unit = form_value(in->form, "unit"), *caller = form_value(in->form, "caller");
    if (strcmp(form_focused(in->form), "unit") == 0 && *unit && strcmp(unit, in->warned_unit) != 0)
        return unit;
    return *caller ? caller : unit;
}

/* Caller, unit and phone (as the reader may see it) from the directory. */
static void pick_from_directory(intake *in, console *c)
{
    dir_item *item;
    if (!picker_choose(c, _("Who is calling?"), FD_DIR_UNIT | FD_DIR_OCCUPANT | FD_DIR_PERSON,
                       directory_query(in), &item))
        return;
    in->picked_unit_id = item->unit_id;
    text_copy(in->picked_unit, sizeof in->picked_unit, item->unit);
    form_set_value(in->form, "unit", item->unit);
    if (item->name[0])
        form_set_value(in->form, "caller", item->name);
    if (item->phone[0]) {
        in->picked_occupant_id = item->id;
        text_copy(in->picked_phone, sizeof in->picked_phone, item->phone);
        form_set_value(in->form, "phone", item->phone);
    }
    form_mark_changed(in->form);
    form_focus(in->form, item->kind == FD_DIR_UNIT ? "caller" : "matter");
    dir_item_free(item);
}

/* A typed unit the directory does not know: said at the field once; saving again keeps
 * it as typed (a visitor from outside, a unit not yet imported). */
static bool warned_of_unknown_unit(intake *in, console *c)
{
    const char *unit = form_value(in->form, "unit");
    if (!*unit || picked_still(in) || strcmp(unit, in->warned_unit) == 0)
        return false;
    bool known;
    /* A unit the core would refuse is left for it to say so, at the field. */
    if (fd_call_unit_known(console_desk(c), unit, &known, NULL) != FD_OK || known)
        return false;
    text_copy(in->warned_unit, sizeof in->warned_unit, unit);
    form_field_error(in->form, "unit",
                     _("This unit is not in the directory: save again to keep it as typed."));
    form_focus(in->form, "unit");
    return true;
}

static int intake_submit(void *ctx, console *c, form *f)
{
    (void)f;
    intake *in = ctx;
    int department = form_choice(in->form, "department");
    fd_call_intake ci = {
        .channel = (fd_call_channel)form_choice(in->form, "channel"),
        .caller = form_value(in->form, "caller"),
        .unit_id = picked_still(in) ? in->picked_unit_id : 0,
        .unit = form_value(in->form, "unit"),
        .phone = phone_picked_still(in) ? "" : form_value(in->form, "phone"),
        .occupant_id = phone_picked_still(in) ? in->picked_occupant_id : 0,
        .matter = (fd_call_matter)form_choice(in->form, "matter"),
        .question = form_value(in->form, "question"),
        .answer = form_value(in->form, "answer"),
        .department = department > 0 ? in->departments[department] : NULL,
        .person = form_value(in->form, "person"),
        .done = form_choice(in->form, "done") == FD_CALL_STATE_CLOSED,
    };
    if (!form_time(in->form, c, "received_at", true, &ci.received_at) || warned_of_unknown_unit(in, c))
        return EV_HANDLED | EV_REDRAW;
    int64_t id;
    fd_error err = {0};
    if (fd_call_take(console_desk(c), console_actor(c), &ci, &id, &err) != FD_OK) {
        form_show_error(in->form, c, &err);
        return EV_HANDLED | EV_REDRAW;
    }
    calls_changed();
    console_info(c, ci.done ? _("Entry No. %lld recorded, dealt with.")
                            : _("Entry No. %lld recorded, pending."),
                 (long long)id);
    return EV_HANDLED | EV_POP | EV_REDRAW;
}

/* Now, to the minute: the time of a call is when the desk starts writing it down. */
static void fill_now(intake *in, console *c)
{
    char now[FD_TIME_TEXT];
    fd_time_format(fd_desk_now(console_desk(c)), now);
    form_set_value(in->form, "received_at", now);
}

static void *intake_open(console *c, void *arg)
{
    (void)arg;
    intake *in = fd_alloc(sizeof *in);
    in->form = form_new(intake_fields, INTAKE_FIELDS, FORM_ASK_DISCARD, intake_submit, in);
    offer_list(in, "channel", FD_CALL_LIST_CHANNEL, in->channels);
    offer_list(in, "matter", FD_CALL_LIST_MATTER, in->matters);
    offer_list(in, "done", FD_CALL_LIST_STATE, in->states);
    offer_departments(in, console_config(c));
    fill_now(in, c);
    /* The desk writes down who it is as soon as the call starts: typing goes there. */
    form_focus(in->form, "caller");
    return in;
}

static void intake_close(void *state)
{
    intake *in = state;
    form_free(in->form);
    free(in);
}

static void intake_draw(void *state, console *c, const console_area *area)
{
    intake *in = state;
    char key[32], hint[CALLS_LINE_TEXT];
    keymap_first_key(console_keymap(c), ACT_DIRECTORY, key, sizeof key);
    snprintf(hint, sizeof hint, _("%s: pick the caller or the unit from the directory"), key);
    draw_text(area->top, area->left, area->cols, hint, theme(TH_DIM));
    console_area fields = {area->top + 1, area->left, area->rows - 1, area->cols};
    form_draw(in->form, c, &fields);
}

static int intake_handle(void *state, console *c, const console_event *ev)
{
    intake *in = state;
    if (ev->action == ACT_DIRECTORY) {
        pick_from_directory(in, c);
        return EV_HANDLED | EV_REDRAW;
    }
    return form_handle(in->form, c, ev);
}

static bool intake_takes_text(const void *state)
{
    const intake *in = state;
    return form_takes_text(in->form);
}

static bool intake_may_leave(void *state, console *c)
{
    intake *in = state;
    return form_may_discard(in->form, c);
}

static const screen_ops intake_screen = {
    .title = N_("Take a call or walk-in (接听接待登记)"),
    .actions = intake_actions,
    .open = intake_open,
    .close = intake_close,
    .draw = intake_draw,
    .handle = intake_handle,
    .takes_text = intake_takes_text,
    .may_leave = intake_may_leave,
};

void call_intake_open(console *c)
{
    console_push(c, &intake_screen, NULL);
}
