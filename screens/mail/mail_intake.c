/* The intake form and the newspapers: see mail_intake.h. */
#include "mail/mail_intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "mail/mail_shared.h"
#include "widgets/ask.h"
#include "widgets/dialog.h"
#include "widgets/dirlist.h"
#include "widgets/form.h"
#include "widgets/picker.h"
#include "widgets/show.h"

enum { BATCH_SHOWN = 4 };

/* ---- intake ---- */

static const form_field intake_fields[] = {
    {"carrier", N_("Carrier"), FORM_CHOICE, true, 0, 0},
    {"kind", N_("Kind"), FORM_CHOICE, true, 0, 0},
    {"tracking", N_("Tracking no."), FORM_CODE, false, 24, 40},
    {"recipient", N_("Recipient"), FORM_TEXT, true, 30, 40},
    {"shelf", N_("Shelf"), FORM_CODE, false, 8, 16},
    {"quantity", N_("Quantity"), FORM_NUMBER, false, 4, 3},
    {"note", N_("Note"), FORM_TEXT, false, 0, 100},
    {"damaged", N_("Damaged"), FORM_CHOICE, false, 0, 0},
    {"damage_note", N_("Damage"), FORM_TEXT, false, 0, 100},
    {"damage_ack", N_("Acknowledged by"), FORM_TEXT, false, 20, 21},
};
enum { INTAKE_FIELDS = sizeof intake_fields / sizeof intake_fields[0] };

/* The fields that belong to one item; the rest stay for the next item of the batch. */
static const char *const per_item[] = {"tracking", "recipient", "shelf", "note", "damage_note",
                                       "damage_ack"};

typedef struct intake {
    form *form;
    const char *kind_labels[FD_MAIL_KIND_COUNT];
    fd_mail_kind kinds[FD_MAIL_KIND_COUNT]; /* the kinds the intake registers, in order */
    int kind_count;
    /* The configured carriers, then "Other" (其他). */
    const char **carriers;
    size_t carrier_count;
    char tracking_seen[FD_MAIL_TRACKING_MAX];
    /* The directory entry picked, while the recipient field still reads its text. */
    fd_mail_recipient picked;
    char picked_text[MAIL_LINE_TEXT];
    int batch;
    char recent[BATCH_SHOWN][MAIL_LINE_TEXT];
} intake;

static const console_action intake_actions[] = {ACT_SAVE, ACT_DIRECTORY, ACT_BACK, ACT_NEXT_FIELD,
                                                ACT_PREV_FIELD, ACT_NONE};

static bool picked_still(const intake *in)
{
    return in->picked.kind && strcmp(form_value(in->form, "recipient"), in->picked_text) == 0;
}

static void apply_pick(intake *in, const dir_item *item)
{
    in->picked = (fd_mail_recipient){item->kind, item->id, NULL};
    snprintf(in->picked_text, sizeof in->picked_text, "%s%s%s", item->unit,
             item->unit[0] && item->name[0] ? " " : "", item->name);
    form_set_value(in->form, "recipient", in->picked_text);
}

static bool pick_recipient(intake *in, console *c)
{
    dir_item *item;
    if (!picker_choose(c, _("For whom is it?"),
                       FD_DIR_UNIT | FD_DIR_OCCUPANT | FD_DIR_COMPANY | FD_DIR_DEPARTMENT | FD_DIR_PERSON,
                       form_value(in->form, "recipient"), &item))
        return false;
    apply_pick(in, item);
    dir_item_free(item);
    return true;
}

static void count_match(void *ctx, const fd_dir_entry *e)
{
    (void)e;
    ++*(int *)ctx;
}

/* A typed recipient the directory knows is picked there: the picker opens on what was
 * typed (cancelled, it goes in as typed). */
static void resolve_recipient(intake *in, console *c)
{
    if (picked_still(in))
        return;
    in->picked.kind = 0;
    int matches = 0;
    fd_directory_search(console_desk(c), NULL, FD_DIR_ANY, form_value(in->form, "recipient"), 1,
                        count_match, &matches, NULL);
    if (matches)
        pick_recipient(in, c);
}

static void take_warning(void *ctx, const char *warning)
{
    text_copy(ctx, FD_MESSAGE_MAX, warning);
}

/* The core's warning (a recipient it does not know) is asked about, not refused. */
static bool warned_and_confirmed(console *c, const fd_mail_intake *mi)
{
    char warning[FD_MESSAGE_MAX] = "";
    fd_error err = {0};
    if (fd_mail_warnings(console_desk(c), mi, take_warning, warning, &err) != FD_OK || !warning[0])
        return true;
    char *question = fd_printf(_("%s Save anyway?"), warning);
    bool yes = dialog_confirm(c, question, _("Save anyway"), _("Check again"));
    free(question);
    return yes;
}

static void remember(intake *in, const fd_mail_item *it)
{
    memmove(in->recent[1], in->recent[0], sizeof in->recent[0] * (BATCH_SHOWN - 1));
    char label[64], whom[MAIL_WHOM_MAX];
    mail_item_label(it, label, sizeof label);
    mail_recipient_text(it, whom, sizeof whom);
    snprintf(in->recent[0], sizeof in->recent[0], "%-16s %s  %s  %s", label,
             fd_mail_kind_label(it->kind), show_or_dash(it->shelf), whom);
    in->batch++;
}

/* The quantity a new item starts with; another is the desk's typing (intake_unsaved). */
static const char one_item[] = "1";

/* Ready for the next item of the batch: carrier and kind stay. */
static void next_item(intake *in)
{
    for (size_t i = 0; i < sizeof per_item / sizeof per_item[0]; i++)
        form_set_value(in->form, per_item[i], "");
    form_set_value(in->form, "quantity", one_item);
    form_set_choices(in->form, "damaged", mail_yes_no(), 2);
    in->picked.kind = 0;
    form_focus(in->form, "tracking");
}

/* The item as the form stands (a hidden field gives ""). */
static fd_mail_intake intake_as_typed(const intake *in, const form *f)
{
    int kind = form_choice(f, "kind");
    return (fd_mail_intake){
        .carrier = form_value(f, "carrier"),
        .kind = kind >= 0 && kind < in->kind_count ? in->kinds[kind] : FD_MAIL_KIND_COUNT,
        .quantity = atoi(form_value(f, "quantity")),
        .tracking = form_value(f, "tracking"),
        .recipient = picked_still(in) ? in->picked
                                      : (fd_mail_recipient){0, 0, form_value(f, "recipient")},
        .shelf = form_value(f, "shelf"),
        .note = form_value(f, "note"),
        .damaged = form_choice(f, "damaged") == 1,
        .damage_note = form_value(f, "damage_note"),
        .damage_ack = form_value(f, "damage_ack"),
    };
}

static bool intake_requires(void *ctx, const form *f, const char *name)
{
    fd_mail_intake mi = intake_as_typed(ctx, f);
    return fd_mail_intake_requires(&mi, name);
}

/* The damage and who acknowledged it are asked only of a damaged item. */
static bool intake_shows(void *ctx, const form *f, const char *name)
{
    (void)ctx;
    bool damage_detail = strcmp(name, "damage_note") == 0 || strcmp(name, "damage_ack") == 0;
    return !damage_detail || form_choice(f, "damaged") == 1;
}

static int intake_submit(void *ctx, console *c, form *f)
{
    intake *in = ctx;
    resolve_recipient(in, c);
    fd_mail_intake mi = intake_as_typed(in, f);
    int64_t id;
    fd_error err = {0};
    /* What would be refused is said first: a warning confirmed, then a refusal, asks twice. */
    if (fd_mail_check(console_desk(c), &mi, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    if (!warned_and_confirmed(c, &mi))
        return EV_HANDLED;
    fd_mail_item it;
    if (fd_mail_receive(console_desk(c), console_actor(c), &mi, &id, &err) != FD_OK ||
        fd_mail_get(console_desk(c), id, &it, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    mail_changed();
    remember(in, &it);
    char label[64], whom[MAIL_WHOM_MAX];
    mail_item_label(&it, label, sizeof label);
    mail_recipient_text(&it, whom, sizeof whom);
    console_info(c, _("Registered %s for %s, shelf %s. Next item."), label, whom, show_or_dash(it.shelf));
    next_item(in);
    return EV_HANDLED;
}

static void *intake_open(console *c, void *arg)
{
    (void)arg;
    intake *in = fd_alloc(sizeof *in);
    in->form = form_new(intake_fields, INTAKE_FIELDS, FORM_ASK_DISCARD, intake_submit, in);
    const fd_string_list *carriers = &console_config(c)->carriers;
    in->carriers = fd_alloc((carriers->count + 1) * sizeof *in->carriers);
    for (size_t i = 0; i < carriers->count; i++)
        in->carriers[in->carrier_count++] = carriers->items[i];
    in->carriers[in->carrier_count++] = C_("carrier", "Other");
    form_set_choices(in->form, "carrier", in->carriers, in->carrier_count);
    /* Newspapers are signed for by title on the register's tally, not here. */
    for (int k = 0; k < FD_MAIL_KIND_COUNT; k++) {
        if (!fd_mail_kind_is_item(mail_kind_order[k]))
            continue;
        in->kinds[in->kind_count] = mail_kind_order[k];
        in->kind_labels[in->kind_count++] = fd_mail_kind_label(mail_kind_order[k]);
    }
    form_set_choices(in->form, "kind", in->kind_labels, (size_t)in->kind_count);
    form_set_required_rule(in->form, intake_requires, in);
    form_set_shown_rule(in->form, intake_shows, NULL);
    next_item(in);
    return in;
}

static void intake_close(void *state)
{
    intake *in = state;
    form_free(in->form);
    free(in->carriers);
    free(in);
}

static void intake_draw(void *state, console *c, const console_area *area)
{
    intake *in = state;
    char key[32], hint[MAIL_LINE_TEXT];
    keymap_first_key(console_keymap(c), ACT_DIRECTORY, key, sizeof key);
    snprintf(hint, sizeof hint,
             _("Scan into Tracking no.; %s: pick the recipient. This batch: %d"),
             key, in->batch);
    draw_text(area->top, area->left, area->cols, hint, theme(TH_DIM));
    int shown = 0;
    while (shown < BATCH_SHOWN && in->recent[shown][0])
        shown++;
    int form_rows = area->rows - 1 - shown;
    console_area fields = {area->top + 1, area->left, form_rows, area->cols};
    form_draw(in->form, c, &fields);
    for (int i = 0; i < shown; i++)
        draw_text(area->top + 1 + form_rows + i, area->left, area->cols, in->recent[i],
                  i == 0 ? theme(TH_INFO) : theme(TH_DIM));
}

/* Only the item being typed can be lost: what was saved is saved. Its quantity and
 * whether it is damaged are typed too once they differ from what next_item sets (a
 * count of 3 or a damage marked alone is still work the desk did). */
static bool intake_unsaved(const intake *in)
{
    for (size_t i = 0; i < sizeof per_item / sizeof per_item[0]; i++)
        if (form_value(in->form, per_item[i])[0])
            return true;
    return strcmp(form_value(in->form, "quantity"), one_item) != 0 || form_choice(in->form, "damaged") > 0;
}

static bool intake_may_leave(void *state, console *c)
{
    intake *in = state;
    return !intake_unsaved(in) ||
           dialog_confirm(c, _("The item being typed is not saved. Discard it?"), _("Discard"),
                          _("Keep editing"));
}

/* A tracking number scanned or typed whose prefix names a carrier (the core knows the
 * well-known ones) chooses it; another number leaves the choice as it is. */
static void guess_carrier(intake *in, console *c)
{
    const char *tracking = form_value(in->form, "tracking");
    if (strcmp(tracking, in->tracking_seen) == 0)
        return;
    text_copy(in->tracking_seen, sizeof in->tracking_seen, tracking);
    const char *guess = fd_mail_carrier_guess(console_config(c), tracking);
    if (guess)
        form_set_value(in->form, "carrier", guess);
}

static int intake_handle(void *state, console *c, const console_event *ev)
{
    intake *in = state;
    if (ev->action == ACT_DIRECTORY) {
        if (pick_recipient(in, c))
            form_focus(in->form, "shelf");
        return EV_HANDLED | EV_REDRAW;
    }
    if (ev->action == ACT_BACK)
        return intake_may_leave(in, c) ? EV_HANDLED | EV_POP | EV_REDRAW : EV_HANDLED | EV_REDRAW;
    int flags = form_handle(in->form, c, ev);
    guess_carrier(in, c);
    return flags;
}

static bool intake_takes_text(const void *state)
{
    const intake *in = state;
    return form_takes_text(in->form);
}

static const screen_ops intake_screen = {
    .title = N_("Sign for mail and parcels"),
    .actions = intake_actions,
    .open = intake_open,
    .close = intake_close,
    .draw = intake_draw,
    .handle = intake_handle,
    .takes_text = intake_takes_text,
    .may_leave = intake_may_leave,
};

/* ---- newspapers ---- */

static const form_field paper_fields[] = {
    {"direction", N_("What"), FORM_CHOICE, true, 0, 0},
    {"title", N_("Newspaper"), FORM_TEXT, true, 20, 21},
    {"quantity", N_("Copies"), FORM_NUMBER, true, 5, 4},
    {"party", N_("From / to"), FORM_TEXT, false, 20, 21},
};

typedef struct papering {
    ask_dialog a;
    const char *directions[2];
} papering;

static int paper_submit(void *ctx, console *c, form *f)
{
    papering *p = ctx;
    fd_error err = {0};
    fd_status (*record)(fd_desk *, const fd_actor *, const char *, int, const char *, fd_error *) =
        form_choice(f, "direction") == 1 ? fd_mail_paper_hand_out : fd_mail_paper_receive;
    if (record(console_desk(c), console_actor(c), form_value(f, "title"),
               atoi(form_value(f, "quantity")), form_value(f, "party"), &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    p->a.done = true;
    return EV_POP;
}

bool mail_record_papers(console *c)
{
    papering p = {{_("Newspapers"),
                   _("Copies of a title signed for from the delivery today, or handed on to the "
                     "round or a reader."),
                   NULL, false, NULL, false},
                  {_("Signed for on delivery"), _("Handed on")}};
    p.a.form = form_new(paper_fields, 4, FORM_ASK_DISCARD, paper_submit, &p);
    form_set_choices(p.a.form, "direction", p.directions, 2);
    form_focus(p.a.form, "title");
    bool done = ask_dialog_run(c, &p.a);
    form_free(p.a.form);
    if (done) {
        mail_changed();
        console_info(c, "%s", _("Newspapers recorded."));
    }
    return done;
}

void mail_intake_open(console *c)
{
    console_push(c, &intake_screen, NULL);
}
