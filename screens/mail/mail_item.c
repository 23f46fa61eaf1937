/* One mail item's page: see mail.h. What it is, for whom, where it waits and what
 * became of it; its history; and the steps its state allows — onto a shelf or another
 * one, handed out, back to the sender, a correction — each in a small form dialog. */
#include "mail/mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "mail/mail_handout.h"
#include "mail/mail_shared.h"
#include "widgets/ask.h"
#include "widgets/record.h"
#include "widgets/show.h"

enum { FACT_ROWS = 5, COLLECTION_MAX = 640 };

/* The item's own steps, then the correction, which is not a step of the item. */
typedef enum step {
    STEP_SHELVE = FD_MAIL_STEP_SHELVE,
    STEP_HAND_OUT = FD_MAIL_STEP_HAND_OUT,
    STEP_RETURN = FD_MAIL_STEP_RETURN,
    STEP_CORRECT = FD_MAIL_STEP_COUNT,
    STEP_COUNT
} step;

static const char *const step_labels[STEP_COUNT] = {
    [STEP_SHELVE] = N_("Put on a shelf, or move to another"),
    [STEP_HAND_OUT] = N_("Hand out"),
    [STEP_RETURN] = N_("Return to sender"),
    [STEP_CORRECT] = N_("Correct an entry (with a reason)"),
};

typedef struct item_view {
    record_page page; /* first: the page's skeleton */
    fd_mail_item item;
    char collection[COLLECTION_MAX];
} item_view;

static void on_event(void *ctx, const fd_mail_event *e)
{
    item_view *iv = ctx;
    char line[MAIL_LINE_TEXT];
    snprintf(line, sizeof line, "%s%s%s%s%s \u2014 %s", e->label, e->detail ? _(": ") : "",
             e->detail ? e->detail : "", e->note ? " \u00b7 " : "", e->note ? e->note : "",
             e->staff_name);
    record_history_add(&iv->page.history, e->at, line);
}

static void on_correction(void *ctx, const fd_mail_correction *k)
{
    item_view *iv = ctx;
    record_history_add_correction(&iv->page.history, k->at, k->label, k->value, k->reason,
                                  k->staff_name);
}

static void on_collection(void *ctx, const fd_mail_collection *k)
{
    item_view *iv = ctx;
    if (k->by_proxy && k->proxy_phone)
        snprintf(iv->collection, sizeof iv->collection, _("%s, proxy (%s, %s)%s%s"), k->collector,
                 k->proxy_relation ? k->proxy_relation : "", k->proxy_phone, k->note ? " \u00b7 " : "",
                 k->note ? k->note : "");
    else
        snprintf(iv->collection, sizeof iv->collection, "%s%s%s", k->collector,
                 k->note ? " \u00b7 " : "", k->note ? k->note : "");
}

/* The steps the item's state allows; one the core refuses only for want of a reason
 * (an early return) is still offered: the form asks for it. */
static void offer_steps(record_page *p, console *c)
{
    const item_view *iv = (const item_view *)p;
    const fd_actor *me = console_actor(c);
    for (int s = 0; s < STEP_COUNT; s++) {
        fd_status st = s == STEP_CORRECT ? (fd_may(me, FD_ACT_MAIL_CORRECT) ? FD_OK : FD_DENIED)
                                         : fd_mail_may(console_desk(c), p->id, iv->item.state,
                                                       (fd_mail_step)s, me, NULL);
        if (st == FD_OK || st == FD_INVALID)
            record_steps_offer(&p->steps, s);
    }
}

static bool read_item(record_page *p, console *c, fd_error *err)
{
    static const fd_mail_detail_cb cb = {on_event, on_correction, on_collection};
    item_view *iv = (item_view *)p;
    iv->collection[0] = '\0';
    return fd_mail_get(console_desk(c), p->id, &iv->item, err) == FD_OK &&
           fd_mail_detail(console_desk(c), console_actor(c), p->id, &cb, iv, err) == FD_OK;
}

/* -- the steps -- */

static const form_field shelf_fields[] = {
    {"shelf", N_("Shelf"), FORM_CODE, true, 8, 16},
};

typedef struct shelving {
    ask_dialog a;
    int64_t id;
} shelving;

static int shelf_submit(void *ctx, console *c, form *f)
{
    shelving *s = ctx;
    fd_error err = {0};
    if (fd_mail_shelve(console_desk(c), console_actor(c), s->id, form_value(f, "shelf"), &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    s->a.done = true;
    return EV_POP;
}

static bool shelve(item_view *iv, console *c)
{
    shelving s = {{_("Shelf"), _("Which shelf is it on now?"), NULL, false, NULL, false},
                  iv->page.id};
    s.a.form = form_new(shelf_fields, 1, FORM_ASK_DISCARD, shelf_submit, &s);
    form_set_value(s.a.form, "shelf", iv->item.shelf);
    bool done = ask_dialog_run(c, &s.a);
    form_free(s.a.form);
    if (done)
        console_info(c, "%s", _("Shelf recorded."));
    return done;
}

static const form_field return_fields[] = {
    {"carrier", N_("Taken back by"), FORM_TEXT, true, 20, 21},
    {"note", N_("Reason"), FORM_TEXT, false, 0, 100},
};

typedef struct returning {
    ask_dialog a;
    int64_t id;
} returning;

static int return_submit(void *ctx, console *c, form *f)
{
    returning *r = ctx;
    fd_error err = {0};
    if (fd_mail_return(console_desk(c), console_actor(c), r->id, form_value(f, "carrier"),
                       form_value(f, "note"), &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    r->a.done = true;
    return EV_POP;
}

static bool send_back(item_view *iv, console *c)
{
    returning r = {{_("Return to sender"),
                    iv->item.to_return
                        ? _("Past the time an item is kept: the carrier takes it back.")
                        : _("It has not been kept its full time yet: give the reason for returning "
                            "it now (refused by the recipient, wrong address …)."),
                    NULL, false, NULL, false},
                   iv->page.id};
    r.a.form = form_new(return_fields, 2, FORM_ASK_DISCARD, return_submit, &r);
    form_set_value(r.a.form, "carrier", iv->item.carrier);
    if (!iv->item.to_return)
        form_focus(r.a.form, "note");
    bool done = ask_dialog_run(c, &r.a);
    form_free(r.a.form);
    if (done)
        console_info(c, "%s", _("Returned to the sender and recorded."));
    return done;
}

static const form_field correction_fields[] = {
    {"field", N_("Entry"), FORM_CHOICE, true, 0, 0},
    {"value", N_("Correct value"), FORM_TEXT, false, 0, 100},
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 80},
};

typedef struct correcting {
    ask_dialog a; /* first: the dialog's changed() gets it back */
    const fd_mail_item *item;
    const char *labels[FD_MAIL_FIELD_COUNT];
    int shown_field; /* the entry whose value the form shows */
} correcting;

/* The entry as it reads now, to edit. */
static const char *current_text(const fd_mail_item *it, fd_mail_field field)
{
    switch (field) {
    case FD_MAIL_FIELD_CARRIER: return it->carrier;
    case FD_MAIL_FIELD_NOTE: return it->note;
    case FD_MAIL_FIELD_DAMAGE_NOTE: return it->damage_note;
    default: return "";
    }
}

static void correction_changed(ask_dialog *a)
{
    correcting *k = (correcting *)a;
    int field = form_choice(a->form, "field");
    if (field < 0 || field == k->shown_field)
        return;
    form_set_value(a->form, "value", current_text(k->item, (fd_mail_field)field));
    k->shown_field = field;
}

static int correction_submit(void *ctx, console *c, form *f)
{
    correcting *k = ctx;
    fd_error err = {0};
    if (fd_mail_correct(console_desk(c), console_actor(c), k->item->id,
                        (fd_mail_field)form_choice(f, "field"), form_value(f, "value"),
                        form_value(f, "reason"), &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    k->a.done = true;
    return EV_POP;
}

static bool correct(item_view *iv, console *c)
{
    correcting k = {{_("Correct an entry"),
                     _("The entry is not changed: the correction is kept beside it, with your "
                       "name and the reason, and both show in the history."),
                     NULL, false, correction_changed, false},
                    &iv->item,
                    {NULL},
                    -1};
    for (int f = 0; f < FD_MAIL_FIELD_COUNT; f++)
        k.labels[f] = fd_mail_field_label((fd_mail_field)f);
    k.a.form = form_new(correction_fields, 3, FORM_ASK_DISCARD, correction_submit, &k);
    form_set_choices(k.a.form, "field", k.labels, FD_MAIL_FIELD_COUNT);
    correction_changed(&k.a);
    bool done = ask_dialog_run(c, &k.a);
    form_free(k.a.form);
    if (done)
        console_info(c, "%s", _("Correction recorded."));
    return done;
}

/* Each step says itself what it did. */
static bool perform(record_page *p, console *c, int s)
{
    item_view *iv = (item_view *)p;
    switch ((step)s) {
    case STEP_SHELVE: return shelve(iv, c);
    case STEP_HAND_OUT: return mail_hand_out(c, &p->id, 1);
    case STEP_RETURN: return send_back(iv, c);
    case STEP_CORRECT: return correct(iv, c);
    case STEP_COUNT: break;
    }
    return false;
}

/* -- drawing -- */

static int draw_facts(const record_page *p, console *c, const console_area *area)
{
    const item_view *iv = (const item_view *)p;
    const fd_mail_item *it = &iv->item;
    int y = area->top, x = area->left, cols = area->cols;
    fd_time now = fd_desk_now(console_desk(c));
    char line[MAIL_LINE_TEXT], label[64], status[64], when[32];
    mail_item_label(it, label, sizeof label);
    mail_status_text(it, console_config(c), status, sizeof status);
    snprintf(line, sizeof line, "%s   %s \u00d7%d   %s   %s", label, fd_mail_kind_label(it->kind),
             it->quantity, it->carrier, status);
    mail_label_line(y, x, cols, _("Item"), line, A_BOLD);
    mail_recipient_text(it, line, sizeof line);
    mail_label_line(y + 1, x, cols, _("Recipient"), line, A_NORMAL);
    show_when(it->received_at, now, when, sizeof when);
    snprintf(line, sizeof line, _("%s by %s   shelf %s"), when, it->received_by, show_or_dash(it->shelf));
    mail_label_line(y + 2, x, cols, _("Received"), line, A_NORMAL);
    if (it->damaged)
        snprintf(line, sizeof line, _("DAMAGED: %s (acknowledged by %s)%s%s"), it->damage_note,
                 it->damage_ack, it->note[0] ? " \u00b7 " : "", it->note);
    else
        text_copy(line, sizeof line, show_or_dash(it->note));
    mail_label_line(y + 3, x, cols, _("Note"), line, it->damaged ? theme(TH_ERROR) : A_NORMAL);
    if (it->closed_at) {
        show_when(it->closed_at, now, when, sizeof when);
        snprintf(line, sizeof line, "%s   %s", when,
                 iv->collection[0] ? iv->collection : it->closed_by);
        mail_label_line(y + 4, x, cols, mail_closed_label(it), line, A_NORMAL);
    }
    return FACT_ROWS;
}

static const screen_ops item_screen;

static const record_page_spec item_spec = {
    .screen = &item_screen,
    .size = sizeof(item_view),
    .labels = step_labels,
    .nothing = N_("Nothing more to do for this item."),
    .time_cols = MAIL_LABEL_COLS,
    .read = read_item,
    .offer = offer_steps,
    .draw_facts = draw_facts,
    .perform = perform,
    .changed = mail_changed,
};

static void *item_open(console *c, void *arg)
{
    return record_page_open(c, &item_spec, arg);
}

static const console_action item_actions[] = {ACT_SELECT, ACT_BACK, ACT_UP, ACT_DOWN, ACT_NONE};

static const screen_ops item_screen = {
    .title = N_("Mail item"),
    .actions = item_actions,
    .open = item_open,
    .close = record_page_close,
    .draw = record_page_draw,
    .handle = record_page_handle,
};

void mail_open_item(console *c, int64_t item_id)
{
    console_push(c, &item_screen, &item_id);
}
