/* The mail screen: see mail.h. The list (a view at a time, F5 for the next; the last
 * view is the daily register), the intake form (F4) that stays open for a batch, the
 * hand-out form for the marked items (F11), one item's page with its history and the
 * steps its state allows, and a small form dialog for a shelf, a return, a correction
 * or a bundle of newspapers. Every step goes to the core, and a refusal comes back
 * at the field it names. */
#include "mail/mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "widgets/steps.h"
#include "widgets/dialog.h"
#include "console/draw.h"
#include "widgets/form.h"
#include "frontdesk/i18n.h"
#include "widgets/ask.h"
#include "widgets/listview.h"
#include "widgets/picker.h"
#include "widgets/printing.h"
#include "frontdesk/text.h"

enum {
    LABEL_COLS = 12,
    DETAIL_ROWS = 3,
    HISTORY_MAX = 40,
    LINE_TEXT = 1024,
    WHOM_MAX = FD_MAIL_UNIT_MAX + 2 * FD_MAIL_NAME_MAX + 8,
    COLLECTION_MAX = 640,
    BATCH_SHOWN = 4,
    ITEMS_SHOWN = 5,
    TITLES_MAX = 12,
};

/* Bumped by every write made here, so a list drawn afterwards is read again. */
static unsigned changes;

/* The kinds in the order the intake offers them: parcels are most of the work. */
static const fd_mail_kind kind_order[FD_MAIL_KIND_COUNT] = {
    FD_MAIL_EXPRESS, FD_MAIL_LETTER, FD_MAIL_NEWSPAPER, FD_MAIL_MAGAZINE, FD_MAIL_OTHER,
};

/* ---- small helpers ---- */

static const char *or_dash(const char *s)
{
    return s && *s ? s : "\u2014";
}

/* "11-27 09:30" this year, "2025-03-01" before. */
static void format_when(fd_time t, fd_time now, char *out, size_t size)
{
    fd_local l = fd_time_local(t), n = fd_time_local(now);
    if (l.year == n.year)
        snprintf(out, size, "%02d-%02d %02d:%02d", l.month, l.day, l.hour, l.minute);
    else
        snprintf(out, size, "%04d-%02d-%02d", l.year, l.month, l.day);
}

/* "A-1203 张伟", "T-1501 财务部 (北京辰星科技有限公司)". */
static void recipient_text(const fd_mail_item *it, char *out, size_t size)
{
    snprintf(out, size, "%s%s%s%s%s%s", it->recipient_unit, it->recipient_unit[0] ? " " : "",
             it->recipient_name, it->recipient_org[0] ? " (" : "", it->recipient_org,
             it->recipient_org[0] ? ")" : "");
}

static void item_label(const fd_mail_item *it, char *out, size_t size)
{
    if (it->tracking[0])
        snprintf(out, size, "%s", it->tracking);
    else
        snprintf(out, size, _("No. %lld"), (long long)it->id);
}

static bool at_desk(const fd_mail_item *it)
{
    return it->state == FD_MAIL_STATE_RECEIVED || it->state == FD_MAIL_STATE_HELD;
}

/* How long it has waited, with its age bucket, or what became of it. */
static void status_text(const fd_mail_item *it, const fd_config *cfg, char *out, size_t size)
{
    if (!at_desk(it))
        snprintf(out, size, "%s", fd_mail_state_label(it->state));
    else if (it->to_return)
        snprintf(out, size, _("%d d return"), it->age_days);
    else if (it->age_bucket > 0)
        snprintf(out, size, _("%d d (\u2265%d)"), it->age_days, cfg->mail_age_buckets[it->age_bucket - 1]);
    else if (it->age_days == 0)
        snprintf(out, size, "%s", _("today"));
    else
        snprintf(out, size, _("%d d"), it->age_days);
}

/* The short label of the line that says how an item left the desk. */
static const char *closed_label(const fd_mail_item *it)
{
    return it->state == FD_MAIL_STATE_RETURNED ? _("Returned") : _("Collected");
}

static void label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    draw_text(y, x, LABEL_COLS, label, theme(TH_DIM));
    draw_text(y, x + LABEL_COLS, cols - LABEL_COLS, value, attr);
}

static fd_mail_item *item_copy(const fd_mail_item *it)
{
    fd_mail_item *copy = fd_alloc(sizeof *copy);
    *copy = *it;
    return copy;
}

static const char *const *yes_no(void)
{
    static const char *labels[2];
    labels[0] = _("No");
    labels[1] = _("Yes");
    return labels;
}

/* ---- handing out ---- */

static const form_field handout_fields[] = {
    {"collector", N_("Collected by"), FORM_TEXT, true, 20, 21},
    {"signed", N_("Signed for"), FORM_CHOICE, true, 0, 0},
    {"proxy", N_("Proxy"), FORM_CHOICE, false, 0, 0},
    {"proxy_phone", N_("Proxy's phone"), FORM_PHONE, false, 0, 0},
    {"proxy_relation", N_("Relationship"), FORM_TEXT, false, 20, 20},
    {"note", N_("Note"), FORM_TEXT, false, 0, 100},
};
enum { HANDOUT_FIELDS = sizeof handout_fields / sizeof handout_fields[0] };

typedef struct handing {
    int64_t ids[FD_MAIL_HANDOUT_MAX];
    size_t count;
    fd_mail_item shown[ITEMS_SHOWN];
    size_t shown_count;
    form *form;
    bool done;
    char collector[FD_MAIL_SHORT_MAX];
} handing;

static const console_action handout_actions[] = {ACT_SAVE, ACT_BACK, ACT_NEXT_FIELD, ACT_PREV_FIELD,
                                                 ACT_NONE};

static int handout_submit(void *ctx, console *c, form *f)
{
    handing *h = ctx;
    fd_mail_handout ho = {
        .items = h->ids,
        .count = h->count,
        .collector = form_value(f, "collector"),
        .signed_for = form_choice(f, "signed") == 1,
        .proxy = form_choice(f, "proxy") == 1,
        .proxy_phone = form_value(f, "proxy_phone"),
        .proxy_relation = form_value(f, "proxy_relation"),
        .note = form_value(f, "note"),
    };
    fd_error err = {0};
    if (fd_mail_hand_out(console_desk(c), console_actor(c), &ho, NULL, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    text_copy(h->collector, sizeof h->collector, ho.collector);
    h->done = true;
    return EV_POP;
}

/* The collector's name is typed, never filled in from the recipient: it is what they
 * sign under. */
static void *handout_open(console *c, void *arg)
{
    handing *h = arg;
    h->form = form_new(handout_fields, HANDOUT_FIELDS, FORM_ASK_DISCARD, handout_submit, h);
    form_set_choices(h->form, "signed", yes_no(), 2);
    form_set_choices(h->form, "proxy", yes_no(), 2);
    h->shown_count = 0;
    for (size_t i = 0; i < h->count && h->shown_count < ITEMS_SHOWN; i++) {
        fd_error err = {0};
        if (fd_mail_get(console_desk(c), h->ids[i], &h->shown[h->shown_count], &err) == FD_OK)
            h->shown_count++;
    }
    return h;
}

static void handout_close(void *state)
{
    handing *h = state;
    form_free(h->form);
    h->form = NULL;
}

static void handout_draw(void *state, console *c, const console_area *area)
{
    handing *h = state;
    char line[LINE_TEXT];
    snprintf(line, sizeof line, _("%zu item(s), one signature:"), h->count);
    draw_text(area->top, area->left, area->cols, line, A_BOLD);
    int y = area->top + 1;
    for (size_t i = 0; i < h->shown_count; i++, y++) {
        char label[64], whom[WHOM_MAX];
        item_label(&h->shown[i], label, sizeof label);
        recipient_text(&h->shown[i], whom, sizeof whom);
        snprintf(line, sizeof line, "  %-16s %-10s %s  %s", label, fd_mail_kind_label(h->shown[i].kind),
                 or_dash(h->shown[i].shelf), whom);
        draw_text(y, area->left, area->cols, line, A_NORMAL);
    }
    if (h->count > h->shown_count) {
        snprintf(line, sizeof line, _("  … and %zu more"), h->count - h->shown_count);
        draw_text(y++, area->left, area->cols, line, theme(TH_DIM));
    }
    draw_text(y, area->left, area->cols,
              _("Someone other than the recipient is a proxy: phone and relationship are needed."),
              theme(TH_DIM));
    console_area fields = {y + 2, area->left, area->rows - (y + 2 - area->top), area->cols};
    form_draw(h->form, c, &fields);
}

static int handout_handle(void *state, console *c, const console_event *ev)
{
    handing *h = state;
    return form_handle(h->form, c, ev);
}

static bool handout_takes_text(const void *state)
{
    const handing *h = state;
    return form_takes_text(h->form);
}

static bool handout_may_leave(void *state, console *c)
{
    handing *h = state;
    return form_may_discard(h->form, c);
}

static const screen_ops handout_screen = {
    .title = N_("Hand out"),
    .actions = handout_actions,
    .open = handout_open,
    .close = handout_close,
    .draw = handout_draw,
    .handle = handout_handle,
    .takes_text = handout_takes_text,
    .may_leave = handout_may_leave,
};

/* Hands out ids in one go; true once the core recorded it. */
static bool hand_out(console *c, const int64_t *ids, size_t count)
{
    handing *h = fd_alloc(sizeof *h);
    memcpy(h->ids, ids, count * sizeof *ids);
    h->count = count;
    console_modal(c, &handout_screen, h);
    bool done = h->done;
    if (done) {
        changes++;
        console_info(c, _("Handed out %zu item(s) to %s."), count, h->collector);
    }
    free(h);
    return done;
}

/* ---- one item ---- */

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

typedef struct history_line {
    fd_time at;
    char text[LINE_TEXT];
} history_line;

typedef struct item_view {
    int64_t id;
    fd_mail_item item;
    bool loaded;
    history_line history[HISTORY_MAX];
    size_t history_count;
    char collection[COLLECTION_MAX];
    step offered[STEP_COUNT];
    step_list chosen; /* how many are offered, and the highlighted one */
} item_view;

static void add_line(item_view *iv, fd_time at, const char *text)
{
    if (iv->history_count == HISTORY_MAX)
        return;
    history_line *h = &iv->history[iv->history_count++];
    h->at = at;
    text_copy(h->text, sizeof h->text, text);
}

static void on_event(void *ctx, const fd_mail_event *e)
{
    char line[LINE_TEXT];
    snprintf(line, sizeof line, "%s%s%s%s%s \u2014 %s", e->label, e->detail ? ": " : "",
             e->detail ? e->detail : "", e->note ? " \u00b7 " : "", e->note ? e->note : "",
             e->staff_name);
    add_line(ctx, e->at, line);
}

static void on_correction(void *ctx, const fd_mail_correction *k)
{
    char line[LINE_TEXT];
    snprintf(line, sizeof line, _("Corrected %s to \u201c%s\u201d (%s) \u2014 %s"), k->label,
             k->value ? k->value : "", k->reason, k->staff_name);
    add_line(ctx, k->at, line);
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

static int by_time(const void *a, const void *b)
{
    const history_line *x = a, *y = b;
    return (x->at > y->at) - (x->at < y->at);
}

/* The steps the item's state allows; one the core refuses only for want of a reason
 * (an early return) is still offered: the form asks for it. */
static void offer_steps(item_view *iv, console *c)
{
    const fd_actor *me = console_actor(c);
    iv->chosen.count = 0;
    for (int s = 0; s < STEP_COUNT; s++) {
        fd_status st = s == STEP_CORRECT ? (fd_may(me, FD_ACT_MAIL_CORRECT) ? FD_OK : FD_DENIED)
                                         : fd_mail_may(console_desk(c), iv->id, iv->item.state,
                                                       (fd_mail_step)s, me, NULL);
        if (st == FD_OK || st == FD_INVALID)
            iv->offered[iv->chosen.count++] = (step)s;
    }
    if (iv->chosen.selected >= iv->chosen.count)
        iv->chosen.selected = 0;
}

static void load_item(item_view *iv, console *c)
{
    static const fd_mail_detail_cb cb = {on_event, on_correction, on_collection};
    iv->history_count = 0;
    iv->collection[0] = '\0';
    fd_error err = {0};
    iv->loaded = fd_mail_get(console_desk(c), iv->id, &iv->item, &err) == FD_OK &&
                 fd_mail_detail(console_desk(c), console_actor(c), iv->id, &cb, iv, &err) == FD_OK;
    if (!iv->loaded) {
        console_show_error(c, &err);
        return;
    }
    qsort(iv->history, iv->history_count, sizeof iv->history[0], by_time);
    offer_steps(iv, c);
}

static void *item_open(console *c, void *arg)
{
    item_view *iv = fd_alloc(sizeof *iv);
    iv->id = *(const int64_t *)arg;
    load_item(iv, c);
    return iv;
}

static void item_close(void *state)
{
    free(state);
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
    shelving s = {{_("Shelf"), _("Which shelf is it on now?"), NULL, false, NULL, false}, iv->id};
    s.a.form = form_new(shelf_fields, 1, 0, shelf_submit, &s);
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
                   iv->id};
    r.a.form = form_new(return_fields, 2, 0, return_submit, &r);
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
    k.a.form = form_new(correction_fields, 3, 0, correction_submit, &k);
    form_set_choices(k.a.form, "field", k.labels, FD_MAIL_FIELD_COUNT);
    correction_changed(&k.a);
    bool done = ask_dialog_run(c, &k.a);
    form_free(k.a.form);
    if (done)
        console_info(c, "%s", _("Correction recorded."));
    return done;
}

static int perform(item_view *iv, console *c, step s)
{
    bool done = false;
    switch (s) {
    case STEP_SHELVE: done = shelve(iv, c); break;
    case STEP_HAND_OUT: done = hand_out(c, &iv->id, 1); break;
    case STEP_RETURN: done = send_back(iv, c); break;
    case STEP_CORRECT: done = correct(iv, c); break;
    case STEP_COUNT: break;
    }
    if (done) {
        changes++;
        load_item(iv, c);
    }
    return EV_HANDLED | EV_REDRAW;
}

/* -- drawing -- */

static void draw_facts(const item_view *iv, console *c, int y, int x, int cols)
{
    const fd_mail_item *it = &iv->item;
    fd_time now = fd_desk_now(console_desk(c));
    char line[LINE_TEXT], label[64], status[64], when[32];
    item_label(it, label, sizeof label);
    status_text(it, console_config(c), status, sizeof status);
    snprintf(line, sizeof line, "%s   %s \u00d7%d   %s   %s", label, fd_mail_kind_label(it->kind),
             it->quantity, it->carrier, status);
    label_line(y, x, cols, _("Item"), line, A_BOLD);
    recipient_text(it, line, sizeof line);
    label_line(y + 1, x, cols, _("Recipient"), line, A_NORMAL);
    format_when(it->received_at, now, when, sizeof when);
    snprintf(line, sizeof line, _("%s by %s   shelf %s"), when, it->received_by, or_dash(it->shelf));
    label_line(y + 2, x, cols, _("Received"), line, A_NORMAL);
    if (it->damaged)
        snprintf(line, sizeof line, _("DAMAGED: %s (acknowledged by %s)%s%s"), it->damage_note,
                 it->damage_ack, it->note[0] ? " \u00b7 " : "", it->note);
    else
        text_copy(line, sizeof line, or_dash(it->note));
    label_line(y + 3, x, cols, _("Note"), line, it->damaged ? theme(TH_ERROR) : A_NORMAL);
    if (it->closed_at) {
        format_when(it->closed_at, now, when, sizeof when);
        snprintf(line, sizeof line, "%s   %s", when,
                 iv->collection[0] ? iv->collection : it->closed_by);
        label_line(y + 4, x, cols, closed_label(it), line, A_NORMAL);
    }
}

static void draw_history(const item_view *iv, console *c, int y, int x, int cols, int rows)
{
    fd_time now = fd_desk_now(console_desk(c));
    size_t first = iv->history_count > (size_t)rows ? iv->history_count - (size_t)rows : 0;
    for (size_t i = first; i < iv->history_count; i++, y++) {
        char when[32];
        format_when(iv->history[i].at, now, when, sizeof when);
        draw_text(y, x, LABEL_COLS, when, theme(TH_DIM));
        draw_text(y, x + LABEL_COLS, cols - LABEL_COLS, iv->history[i].text, A_NORMAL);
    }
}

static void draw_steps(const item_view *iv, int y, int x, int cols)
{
    const char *labels[STEP_COUNT];
    for (size_t i = 0; i < iv->chosen.count; i++)
        labels[i] = _(step_labels[iv->offered[i]]);
    steps_draw(&iv->chosen, labels, _("Nothing more to do for this item."), y, x, cols);
}

static void item_draw(void *state, console *c, const console_area *area)
{
    item_view *iv = state;
    if (!iv->loaded)
        return;
    int x = area->left, cols = area->cols;
    draw_facts(iv, c, area->top, x, cols);
    int steps_rows = iv->chosen.count ? (int)iv->chosen.count : 1;
    int history_top = area->top + 6;
    int steps_top = area->top + area->rows - steps_rows;
    draw_rule(area->top + 5, x, cols, theme(TH_DIM));
    draw_text(area->top + 5, x + 2, cols - 2, _(" History "), theme(TH_DIM));
    draw_history(iv, c, history_top, x, cols, steps_top - 1 - history_top);
    draw_rule(steps_top - 1, x, cols, theme(TH_DIM));
    draw_steps(iv, steps_top, x, cols);
}

static int item_handle(void *state, console *c, const console_event *ev)
{
    item_view *iv = state;
    if (!iv->loaded)
        return EV_IGNORED;
    switch (steps_handle(&iv->chosen, c, ev)) {
    case STEPS_MOVED: return EV_HANDLED | EV_REDRAW;
    case STEPS_CHOSEN: return perform(iv, c, iv->offered[iv->chosen.selected]);
    case STEPS_IGNORED: break;
    }
    return EV_IGNORED;
}

static const console_action item_actions[] = {ACT_SELECT, ACT_BACK, ACT_UP, ACT_DOWN, ACT_NONE};

static const screen_ops item_screen = {
    .title = N_("Mail item"),
    .actions = item_actions,
    .open = item_open,
    .close = item_close,
    .draw = item_draw,
    .handle = item_handle,
};

void mail_open_item(console *c, int64_t item_id)
{
    console_push(c, &item_screen, &item_id);
}

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
    /* The directory entry picked, while the recipient field still reads its text. */
    fd_mail_recipient picked;
    char picked_text[LINE_TEXT];
    int batch;
    char recent[BATCH_SHOWN][LINE_TEXT];
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
 * typed. One it does not know (or the desk cancels the picker) goes in as typed. */
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

static void remember(intake *in, const fd_mail_item *it)
{
    memmove(in->recent[1], in->recent[0], sizeof in->recent[0] * (BATCH_SHOWN - 1));
    char label[64], whom[WHOM_MAX];
    item_label(it, label, sizeof label);
    recipient_text(it, whom, sizeof whom);
    snprintf(in->recent[0], sizeof in->recent[0], "%-16s %s  %s  %s", label,
             fd_mail_kind_label(it->kind), or_dash(it->shelf), whom);
    in->batch++;
}

/* Ready for the next item of the batch: carrier and kind stay. */
static void next_item(intake *in)
{
    for (size_t i = 0; i < sizeof per_item / sizeof per_item[0]; i++)
        form_set_value(in->form, per_item[i], "");
    form_set_value(in->form, "quantity", "1");
    form_set_choices(in->form, "damaged", yes_no(), 2);
    in->picked.kind = 0;
    form_focus(in->form, "tracking");
}

static int intake_submit(void *ctx, console *c, form *f)
{
    intake *in = ctx;
    resolve_recipient(in, c);
    int kind = form_choice(f, "kind");
    fd_mail_intake mi = {
        .carrier = form_value(f, "carrier"),
        .kind = kind >= 0 ? kind_order[kind] : FD_MAIL_KIND_COUNT,
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
    int64_t id;
    fd_error err = {0};
    fd_mail_item it;
    if (fd_mail_receive(console_desk(c), console_actor(c), &mi, &id, &err) != FD_OK ||
        fd_mail_get(console_desk(c), id, &it, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    changes++;
    remember(in, &it);
    char label[64], whom[WHOM_MAX];
    item_label(&it, label, sizeof label);
    recipient_text(&it, whom, sizeof whom);
    console_info(c, _("Registered %s for %s, shelf %s. Next item."), label, whom, or_dash(it.shelf));
    next_item(in);
    return EV_HANDLED;
}

static void *intake_open(console *c, void *arg)
{
    (void)arg;
    intake *in = fd_alloc(sizeof *in);
    in->form = form_new(intake_fields, INTAKE_FIELDS, 0, intake_submit, in);
    const fd_string_list *carriers = &console_config(c)->carriers;
    form_set_choices(in->form, "carrier", (const char *const *)carriers->items, carriers->count);
    for (int k = 0; k < FD_MAIL_KIND_COUNT; k++)
        in->kind_labels[k] = fd_mail_kind_label(kind_order[k]);
    form_set_choices(in->form, "kind", in->kind_labels, FD_MAIL_KIND_COUNT);
    next_item(in);
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
    char key[32], hint[LINE_TEXT];
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

/* Only the item being typed can be lost: what was saved is saved. */
static bool intake_unsaved(const intake *in)
{
    for (size_t i = 0; i < sizeof per_item / sizeof per_item[0]; i++)
        if (form_value(in->form, per_item[i])[0])
            return true;
    return false;
}

static bool intake_may_leave(void *state, console *c)
{
    intake *in = state;
    return !intake_unsaved(in) ||
           dialog_confirm(c, _("The item being typed is not saved. Discard it?"), _("Discard"),
                          _("Keep editing"));
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
    return form_handle(in->form, c, ev);
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

static bool record_papers(console *c)
{
    papering p = {{_("Newspapers"),
                   _("Copies of a title signed for from the delivery today, or handed on to the "
                     "round or a reader."),
                   NULL, false, NULL, false},
                  {_("Signed for on delivery"), _("Handed on")}};
    p.a.form = form_new(paper_fields, 4, 0, paper_submit, &p);
    form_set_choices(p.a.form, "direction", p.directions, 2);
    form_focus(p.a.form, "title");
    bool done = ask_dialog_run(c, &p.a);
    form_free(p.a.form);
    if (done) {
        changes++;
        console_info(c, "%s", _("Newspapers recorded."));
    }
    return done;
}

/* ---- the list ---- */

enum { VIEW_REGISTER = FD_MAIL_VIEW_COUNT };

static const struct {
    int view;
    const char *label;
    bool search;
} views[] = {
    {FD_MAIL_HELD, N_("Held now, by recipient"), false},
    {FD_MAIL_TODAY, N_("Today's intake"), false},
    {FD_MAIL_BY_RECIPIENT, N_("Search by recipient: unit or name"), true},
    {FD_MAIL_BY_TRACKING, N_("Search by tracking number"), true},
    {FD_MAIL_BY_SHELF, N_("Search by shelf"), true},
    {VIEW_REGISTER, N_("Daily register"), false},
};
enum { VIEW_COUNT = sizeof views / sizeof views[0] };

typedef struct tally_row {
    char title[FD_MAIL_SHORT_MAX];
    long received, handed_out;
} tally_row;

typedef struct mail_list {
    console *c;
    size_t view;
    listview *list;              /* NULL in the register */
    unsigned seen;               /* `changes` when it was read */
    int64_t marks[FD_MAIL_HANDOUT_MAX];
    size_t mark_count;
    long to_return;
    fd_date day;                 /* the register's */
    fd_mail_register reg;
    tally_row titles[TITLES_MAX];
    size_t title_count;
} mail_list;

static const listview_column item_columns[] = {
    {"", 1}, {N_("Received"), 11}, {N_("Recipient"), 0}, {N_("Kind"), 10},
    {N_("Tracking no."), 15}, {N_("Shelf"), 5}, {N_("Waiting"), 12},
};

static void add_row(void *ctx, const fd_mail_item *it)
{
    listview_add(ctx, item_copy(it));
}

static fd_status mail_fetch(void *ctx, listview *lv, const char *query, const void *after, int limit,
                            fd_error *err)
{
    mail_list *m = ctx;
    return fd_mail_list(console_desk(m->c), (fd_mail_view)views[m->view].view, query, after, limit,
                        add_row, lv, err);
}

static bool marked(const mail_list *m, int64_t id)
{
    for (size_t i = 0; i < m->mark_count; i++)
        if (m->marks[i] == id)
            return true;
    return false;
}

static void mail_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    mail_list *m = ctx;
    const fd_mail_item *it = row;
    if (count < 7)
        return;
    snprintf(out[0], 128, "%s", marked(m, it->id) ? "*" : "");
    format_when(it->received_at, fd_desk_now(console_desk(m->c)), out[1], 128);
    char whom[WHOM_MAX];
    recipient_text(it, whom, sizeof whom);
    text_copy(out[2], 128, whom);
    snprintf(out[3], 128, "%s", fd_mail_kind_label(it->kind));
    snprintf(out[4], 128, "%s", it->tracking);
    snprintf(out[5], 128, "%s", it->shelf);
    status_text(it, console_config(m->c), out[6], 128);
}

static const listview_source mail_source = {
    .columns = item_columns,
    .column_count = sizeof item_columns / sizeof item_columns[0],
    .fetch = mail_fetch,
    .cells = mail_cells,
    .free_row = free,
};

static void keep_title(void *ctx, const fd_mail_paper_row *r)
{
    mail_list *m = ctx;
    if (m->title_count == TITLES_MAX)
        return;
    tally_row *t = &m->titles[m->title_count++];
    text_copy(t->title, sizeof t->title, r->title);
    t->received = r->received;
    t->handed_out = r->handed_out;
}

static void read_register(mail_list *m)
{
    fd_error err = {0};
    m->title_count = 0;
    if (fd_mail_register_day(console_desk(m->c), m->day, &m->reg, &err) != FD_OK ||
        fd_mail_papers(console_desk(m->c), m->day, keep_title, m, &err) != FD_OK)
        console_show_error(m->c, &err);
}

static void read_list(mail_list *m)
{
    fd_error err = {0};
    m->seen = changes;
    if (fd_mail_to_return_count(console_desk(m->c), &m->to_return, &err) != FD_OK)
        console_show_error(m->c, &err);
    if (m->list)
        listview_reload(m->list, m->c);
    else
        read_register(m);
}

static void show_view(mail_list *m, size_t view)
{
    listview_free(m->list);
    m->list = NULL;
    m->view = view;
    if (views[view].view != VIEW_REGISTER)
        m->list = listview_new(&mail_source, m,
                               views[view].search || views[view].view == FD_MAIL_HELD
                                   ? LISTVIEW_TYPE_AHEAD
                                   : 0);
    read_list(m);
}

static void *mail_open(console *c, void *arg)
{
    (void)arg;
    mail_list *m = fd_alloc(sizeof *m);
    m->c = c;
    m->day = fd_date_of(fd_desk_now(console_desk(c)));
    show_view(m, 0);
    return m;
}

static void mail_close(void *state)
{
    mail_list *m = state;
    listview_free(m->list);
    free(m);
}

static int toggle_mark(mail_list *m, console *c)
{
    const fd_mail_item *it = m->list ? listview_selected(m->list) : NULL;
    if (!it)
        return EV_HANDLED;
    for (size_t i = 0; i < m->mark_count; i++) {
        if (m->marks[i] == it->id) {
            m->marks[i] = m->marks[--m->mark_count];
            return EV_HANDLED | EV_REDRAW;
        }
    }
    if (!at_desk(it)) {
        console_error(c, "%s", _("Only items still at the desk can be handed out."));
        return EV_HANDLED | EV_REDRAW;
    }
    if (m->mark_count == FD_MAIL_HANDOUT_MAX) {
        console_error(c, _("At most %d items are handed out at once."), FD_MAIL_HANDOUT_MAX);
        return EV_HANDLED | EV_REDRAW;
    }
    m->marks[m->mark_count++] = it->id;
    return EV_HANDLED | EV_REDRAW;
}

/* The marked items, or the highlighted one when none is marked. */
static int start_hand_out(mail_list *m, console *c)
{
    const fd_mail_item *it = m->list ? listview_selected(m->list) : NULL;
    if (m->mark_count == 0 && !it)
        return EV_HANDLED;
    bool done = m->mark_count ? hand_out(c, m->marks, m->mark_count) : hand_out(c, &it->id, 1);
    if (done)
        m->mark_count = 0;
    return EV_HANDLED | EV_REDRAW;
}

static int open_selected(mail_list *m, console *c)
{
    const fd_mail_item *it = listview_selected(m->list);
    if (it)
        mail_open_item(c, it->id);
    return EV_HANDLED | EV_REDRAW;
}

static size_t view_index(int view)
{
    for (size_t i = 0; i < VIEW_COUNT; i++)
        if (views[i].view == view)
            return i;
    return 0;
}

static int register_handle(mail_list *m, const console_event *ev)
{
    if (ev->action != ACT_LEFT && ev->action != ACT_RIGHT)
        return EV_IGNORED;
    fd_date today = fd_date_of(fd_desk_now(console_desk(m->c)));
    m->day += ev->action == ACT_LEFT ? -1 : (m->day < today ? 1 : 0);
    read_register(m);
    return EV_HANDLED | EV_REDRAW;
}

static int mail_handle(void *state, console *c, const console_event *ev)
{
    mail_list *m = state;
    bool typing = m->list && listview_takes_text(m->list);
    switch (ev->action) {
    case ACT_NEW:
        if (views[m->view].view == VIEW_REGISTER) {
            if (record_papers(c))
                m->day = fd_date_of(fd_desk_now(console_desk(c)));
        } else
            console_push(c, &intake_screen, NULL);
        return EV_HANDLED | EV_REDRAW;
    case ACT_VIEW:
        show_view(m, (m->view + 1) % VIEW_COUNT);
        return EV_HANDLED | EV_REDRAW;
    case ACT_MARK:
        return toggle_mark(m, c);
    case ACT_HAND_OUT:
        return start_hand_out(m, c);
    case ACT_PRINT:
        /* The register prints the day it shows; the lists, today's. */
        printing_daily_log(c, FD_LOG_MAIL, views[m->view].view == VIEW_REGISTER ? m->day : printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    default:
        break;
    }
    if (!m->list)
        return register_handle(m, ev);
    if (ev->action == ACT_SELECT && !typing)
        return open_selected(m, c);
    /* Typing over today's intake searches all of history by recipient. */
    if (views[m->view].view == FD_MAIL_TODAY && ev->action == ACT_NONE && key_is_text(ev->key)) {
        show_view(m, view_index(FD_MAIL_BY_RECIPIENT));
        return listview_handle(m->list, c, ev);
    }
    return listview_handle(m->list, c, ev);
}

static bool mail_takes_text(const void *state)
{
    const mail_list *m = state;
    return m->list && listview_takes_text(m->list);
}

static void draw_selected(const mail_list *m, console *c, int y, int x, int cols)
{
    const fd_mail_item *it = listview_selected(m->list);
    if (!it)
        return;
    char line[LINE_TEXT], when[32];
    snprintf(line, sizeof line, _("%s \u00d7%d   %s   received by %s"), fd_mail_kind_label(it->kind),
             it->quantity, it->carrier, it->received_by);
    label_line(y, x, cols, _("Item"), line, A_NORMAL);
    if (it->damaged)
        snprintf(line, sizeof line, _("DAMAGED: %s"), it->damage_note);
    else
        text_copy(line, sizeof line, or_dash(it->note));
    label_line(y + 1, x, cols, _("Note"), line, it->damaged ? theme(TH_ERROR) : A_NORMAL);
    if (it->closed_at) {
        format_when(it->closed_at, fd_desk_now(console_desk(c)), when, sizeof when);
        snprintf(line, sizeof line, "%s   %s%s", when, it->closed_by, it->by_proxy ? _(" (proxy)") : "");
        label_line(y + 2, x, cols, closed_label(it), line, A_NORMAL);
    }
}

static void draw_count_row(int y, int x, const char *label, const fd_mail_register_row *r, attr_t attr)
{
    char line[LINE_TEXT];
    snprintf(line, sizeof line, "%8ld %11ld %9ld", r->received, r->handed_out, r->returned);
    draw_text(y, x, 20, label, attr);
    draw_text(y, x + 20, 40, line, attr);
}

static void draw_register(mail_list *m, const console_area *area)
{
    char day[FD_DATE_TEXT], line[LINE_TEXT];
    fd_date_format(m->day, day);
    int x = area->left, y = area->top + 1;
    snprintf(line, sizeof line, _("%s   (Left/Right: another day)"), day);
    draw_text(y++, x, area->cols, line, A_BOLD);
    draw_text(y, x, 20, _("Kind"), theme(TH_DIM) | A_BOLD);
    snprintf(line, sizeof line, "%8s %11s %9s", _("In"), _("Out"), _("Returned"));
    draw_text(y++, x + 20, 40, line, theme(TH_DIM) | A_BOLD);
    for (int k = 0; k < FD_MAIL_KIND_COUNT; k++)
        draw_count_row(y++, x, fd_mail_kind_label(kind_order[k]), &m->reg.kinds[kind_order[k]], A_NORMAL);
    draw_count_row(y++, x, _("Total"), &m->reg.total, A_BOLD);
    y++;
    draw_text(y, x, 20, _("Newspapers"), theme(TH_DIM) | A_BOLD);
    snprintf(line, sizeof line, "%8s %11s %9s", _("Signed"), _("Handed on"), _("Left"));
    draw_text(y++, x + 20, 40, line, theme(TH_DIM) | A_BOLD);
    if (m->title_count == 0)
        draw_text(y++, x, area->cols, _("No newspapers signed for that day."), theme(TH_DIM));
    for (size_t i = 0; i < m->title_count && y < area->top + area->rows; i++, y++) {
        const tally_row *t = &m->titles[i];
        draw_text(y, x, 20, t->title, A_NORMAL);
        snprintf(line, sizeof line, "%8ld %11ld %9ld", t->received, t->handed_out,
                 t->received - t->handed_out);
        draw_text(y, x + 20, 40, line, A_NORMAL);
    }
}

static void mail_draw(void *state, console *c, const console_area *area)
{
    mail_list *m = state;
    if (m->seen != changes)
        read_list(m);
    char title[LINE_TEXT], key[32], extra[LINE_TEXT] = "";
    keymap_first_key(console_keymap(c), ACT_VIEW, key, sizeof key);
    if (m->mark_count)
        snprintf(extra, sizeof extra, _("   marked: %zu"), m->mark_count);
    if (m->to_return) {
        size_t n = strlen(extra);
        snprintf(extra + n, sizeof extra - n, _("   due back to sender: %ld"), m->to_return);
    }
    snprintf(title, sizeof title, _("%s   (%zu of %d; %s: next view)%s"), _(views[m->view].label),
             m->view + 1, VIEW_COUNT, key, extra);
    draw_text(area->top, area->left, area->cols, title, A_BOLD);
    if (!m->list) {
        draw_register(m, area);
        return;
    }
    console_area list = {area->top + 1, area->left, area->rows - 1 - DETAIL_ROWS - 1, area->cols};
    listview_draw(m->list, c, &list);
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    draw_selected(m, c, y + 1, area->left, area->cols);
}

static const console_action mail_actions[] = {ACT_NEW,    ACT_SELECT, ACT_MARK,    ACT_HAND_OUT,
                                              ACT_VIEW,   ACT_SEARCH, ACT_PRINT,   ACT_BACK,
                                              ACT_UP,     ACT_DOWN,   ACT_PAGE_UP, ACT_PAGE_DOWN,
                                              ACT_NONE};

const screen_ops mail_screen = {
    .title = N_("Mail and parcels"),
    .actions = mail_actions,
    .open = mail_open,
    .close = mail_close,
    .draw = mail_draw,
    .handle = mail_handle,
    .takes_text = mail_takes_text,
};
