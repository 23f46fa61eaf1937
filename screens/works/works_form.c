/* The form that opens a renovation file: see works_form.h. */
#include "works/works_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/directory.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "widgets/form.h"
#include "widgets/picker.h"
#include "works/works_shared.h"

static const form_field file_fields[] = {
    {"unit", N_("Unit"), FORM_UNIT, true, 12, 32},
    {"owner", N_("Owner"), FORM_TEXT, true, 20, 32},
    {"contractor", N_("Renovation company"), FORM_TEXT, true, 40, 60},
    {"site_manager", N_("Site manager"), FORM_TEXT, true, 20, 32},
    {"starts_on", N_("First day"), FORM_DATE, false, 12, 10},
    {"deposit", N_("Deposit (yuan)"), FORM_NUMBER, true, 8, 7},
    {"deposit_receipt", N_("Deposit receipt"), FORM_TEXT, true, 20, 32},
};
enum { FILE_FIELDS = sizeof file_fields / sizeof file_fields[0] };

typedef struct file_form {
    form *form;
    /* The unit picked from the directory, while the field still reads its code. */
    int64_t picked_unit_id;
    char picked_unit[FD_WORKS_NAME_MAX];
} file_form;

static const console_action form_actions[] = {ACT_SAVE,       ACT_DIRECTORY, ACT_BACK,
                                              ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_LEFT,
                                              ACT_RIGHT,      ACT_NONE};

static bool picked_still(const file_form *ff)
{
    return ff->picked_unit_id && strcmp(form_value(ff->form, "unit"), ff->picked_unit) == 0;
}

/* The unit and its owner from the directory. */
static void pick_from_directory(file_form *ff, console *c)
{
    dir_item *item;
    if (!picker_choose(c, _("Which unit is renovated?"), FD_DIR_UNIT | FD_DIR_OCCUPANT,
                       form_value(ff->form, "unit"), &item))
        return;
    ff->picked_unit_id = item->unit_id;
    text_copy(ff->picked_unit, sizeof ff->picked_unit, item->unit);
    form_set_value(ff->form, "unit", item->unit);
    if (item->name[0])
        form_set_value(ff->form, "owner", item->name);
    form_mark_changed(ff->form);
    form_focus(ff->form, item->name[0] ? "contractor" : "owner");
    dir_item_free(item);
}

static int file_submit(void *ctx, console *c, form *f)
{
    file_form *ff = ctx;
    fd_renovation_intake in = {
        .unit_id = picked_still(ff) ? ff->picked_unit_id : 0,
        .unit = form_value(f, "unit"),
        .owner = form_value(f, "owner"),
        .contractor = form_value(f, "contractor"),
        .site_manager = form_value(f, "site_manager"),
        .deposit = atoi(form_value(f, "deposit")),
        .deposit_receipt = form_value(f, "deposit_receipt"),
    };
    if (!works_typed_day(f, "starts_on", true, &in.starts_on))
        return EV_HANDLED | EV_REDRAW;
    int64_t id;
    fd_error err = {0};
    if (fd_renovation_open(console_desk(c), console_actor(c), &in, &id, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED | EV_REDRAW;
    }
    works_opened(id);
    fd_renovation r;
    char last[FD_DATE_TEXT] = "";
    if (fd_renovation_get(console_desk(c), console_actor(c), id, &r, &err) == FD_OK)
        fd_date_format(r.ends_on, last);
    console_info(c, _("Renovation file No. %lld opened; the term ends on %s."), (long long)id, last);
    return EV_HANDLED | EV_POP | EV_REDRAW;
}

static void *file_open(console *c, void *arg)
{
    (void)arg;
    file_form *ff = fd_alloc(sizeof *ff);
    ff->form = form_new(file_fields, FILE_FIELDS, FORM_ASK_DISCARD, file_submit, ff);
    char today[FD_DATE_TEXT];
    fd_date_format(fd_date_of(fd_desk_now(console_desk(c))), today);
    form_set_value(ff->form, "starts_on", today);
    form_focus(ff->form, "unit");
    return ff;
}

static void file_close(void *state)
{
    file_form *ff = state;
    form_free(ff->form);
    free(ff);
}

static void file_draw(void *state, console *c, const console_area *area)
{
    file_form *ff = state;
    char key[32], hint[WORKS_LINE_TEXT];
    keymap_first_key(console_keymap(c), ACT_DIRECTORY, key, sizeof key);
    snprintf(hint, sizeof hint, _("%s: pick the unit and its owner; the term is %d days"), key,
             FD_RENOVATION_TERM_DAYS);
    draw_text(area->top, area->left, area->cols, hint, theme(TH_DIM));
    console_area fields = {area->top + 1, area->left, area->rows - 1, area->cols};
    form_draw(ff->form, c, &fields);
}

static int file_handle(void *state, console *c, const console_event *ev)
{
    file_form *ff = state;
    if (ev->action == ACT_DIRECTORY) {
        pick_from_directory(ff, c);
        return EV_HANDLED | EV_REDRAW;
    }
    return form_handle(ff->form, c, ev);
}

static bool file_takes_text(const void *state)
{
    const file_form *ff = state;
    return form_takes_text(ff->form);
}

static bool file_may_leave(void *state, console *c)
{
    file_form *ff = state;
    return form_may_discard(ff->form, c);
}

static const screen_ops file_screen = {
    .title = N_("Open a renovation file (装修许可证)"),
    .actions = form_actions,
    .open = file_open,
    .close = file_close,
    .draw = file_draw,
    .handle = file_handle,
    .takes_text = file_takes_text,
    .may_leave = file_may_leave,
};

void works_form_open(console *c)
{
    console_push(c, &file_screen, NULL);
}
