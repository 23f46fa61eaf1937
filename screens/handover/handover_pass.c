/* Handing the shift over, on the screen: the steps the shift in hand allows, the
 * inventory count, both signatures (each duty manager's PIN on this terminal) with the
 * incoming manager's confirmation of the counts, the refusal, and the mark on an open
 * item. After signing, the terminal is the incoming manager's: the outgoing one has
 * handed over and leaves. */
#include "handover/handover_pass.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell/auth.h"
#include "widgets/ask.h"
#include "widgets/dialog.h"
#include "widgets/form.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/staff.h"
#include "handover/handover_shared.h"

enum { NAME_MAX_BYTES = 40 }; /* "explanation." and a size_t */

/* ---- the inventory lines of a form ---- */

/* Per configured item a count and an explanation, named count.N and explanation.N as
 * the core names them in its errors; first the fields the step puts before them. */
typedef struct counting {
    console *c;
    int64_t shift_id;
    size_t items;
    form_field *fields;
    size_t count;
    char (*names)[NAME_MAX_BYTES];
    long *shown;     /* the count a line starts with; -1: none */
    char **explained; /* the outgoing manager's explanation a line starts with; or NULL */
    bool outgoing;   /* the holder's own count, not the incoming manager's confirmation */
    bool *counted;
    fd_actor incoming;
} counting;

static void take_count(void *ctx, const fd_count_row *row)
{
    counting *k = ctx;
    if (row->index >= k->items)
        return;
    k->shown[row->index] = row->counted ? row->out_count : row->previous;
    k->counted[row->index] = row->counted;
    /* A refused attempt's counts are kept with their explanations: the holder finds both
     * as typed. The incoming manager explains only his own difference. */
    if (k->outgoing && row->counted && row->out_explanation)
        k->explained[row->index] = fd_strdup(row->out_explanation);
}

static void counting_init(counting *k, console *c, int64_t shift_id, bool outgoing, const form_field *head,
                          size_t head_count)
{
    const fd_string_list *items = &console_config(c)->inventory_items;
    *k = (counting){.c = c, .shift_id = shift_id, .items = items->count, .outgoing = outgoing};
    size_t n = items->count ? items->count : 1;
    k->fields = fd_alloc((head_count + 2 * n) * sizeof *k->fields);
    k->names = fd_alloc(2 * n * sizeof *k->names);
    k->shown = fd_alloc(n * sizeof *k->shown);
    k->explained = fd_alloc(n * sizeof *k->explained);
    k->counted = fd_alloc(n * sizeof *k->counted);
    for (size_t i = 0; i < head_count; i++)
        k->fields[k->count++] = head[i];
    for (size_t i = 0; i < items->count; i++) {
        k->shown[i] = -1;
        k->explained[i] = NULL;
        snprintf(k->names[2 * i], NAME_MAX_BYTES, "count.%zu", i);
        snprintf(k->names[2 * i + 1], NAME_MAX_BYTES, "explanation.%zu", i);
        k->fields[k->count++] = (form_field){k->names[2 * i], items->items[i], FORM_NUMBER, true, 8, 5};
        k->fields[k->count++] = (form_field){k->names[2 * i + 1], N_("Why different"), FORM_TEXT, false, 0,
                                             FD_HANDOVER_SHORT_CHARS};
    }
    fd_error err = {0};
    if (fd_handover_counts(console_desk(c), shift_id, take_count, k, &err) != FD_OK)
        console_show_error(c, &err);
}

static void counting_free(counting *k)
{
    free(k->fields);
    free(k->names);
    free(k->shown);
    for (size_t i = 0; i < k->items; i++)
        free(k->explained[i]);
    free(k->explained);
    free(k->counted);
}

static void counting_prepare(form *f, void *ctx)
{
    counting *k = ctx;
    for (size_t i = 0; i < k->items; i++) {
        if (k->shown[i] < 0)
            continue;
        char text[24];
        snprintf(text, sizeof text, "%ld", k->shown[i]);
        form_set_value(f, k->names[2 * i], text);
        if (k->explained[i])
            form_set_value(f, k->names[2 * i + 1], k->explained[i]);
    }
}

static long typed_count(form *f, const counting *k, size_t i)
{
    return strtol(form_value(f, k->names[2 * i]), NULL, 10);
}

/* ---- the outgoing manager counts ---- */

static int count_submit(void *ctx, console *c, form *f)
{
    counting *k = ctx;
    for (size_t i = 0; i < k->items; i++) {
        fd_error err = {0};
        if (fd_handover_count(console_desk(c), console_actor(c), k->shift_id, i, typed_count(f, k, i),
                              form_value(f, k->names[2 * i + 1]), &err) != FD_OK) {
            snprintf(err.field, sizeof err.field, "%s",
                     k->names[2 * i + (strcmp(err.field, "count") == 0 ? 0 : 1)]);
            form_show_error(f, c, &err);
            return EV_HANDLED;
        }
    }
    handover_changed();
    console_info(c, "%s", _("Inventory counted."));
    return EV_POP;
}

static void count_inventory(console *c, int64_t shift_id)
{
    counting k;
    counting_init(&k, c, shift_id, true, NULL, 0);
    ask_form_spec spec = {_("Count the inventory"),
                          _("Count each item face to face. A count that differs from the one taken over "
                            "needs an explanation."),
                          k.fields, k.count, counting_prepare, count_submit, &k};
    ask_form(c, &spec);
    counting_free(&k);
}

/* ---- signatures ---- */

static const form_field sign_head[] = {
    {"outgoing_pin", N_("Your PIN (outgoing)"), FORM_PIN, true, 0, 0},
    {"incoming", N_("Incoming staff no."), FORM_CODE, true, 0, 0},
    {"incoming_pin", N_("Incoming PIN"), FORM_PIN, true, 0, 0},
};
static const form_field refuse_fields[] = {
    {"incoming", N_("Incoming staff no."), FORM_CODE, true, 0, 0},
    {"incoming_pin", N_("Incoming PIN"), FORM_PIN, true, 0, 0},
    {"reason", N_("Why not taken over"), FORM_NOTE, true, 0, FD_HANDOVER_LONG_CHARS},
};

/* A PIN typed here is a signature: checked like a login (a wrong one counts towards
 * the lock-out), said at the field it was typed in. */
static bool signs(console *c, form *f, const char *number, const char *pin_field, const char *number_field,
                  fd_actor *out)
{
    fd_error err = {0};
    if (fd_staff_login(console_desk(c), number, form_value(f, pin_field), out, &err) == FD_OK)
        return true;
    text_copy(err.field, sizeof err.field, strcmp(err.field, "number") == 0 ? number_field : pin_field);
    form_show_error(f, c, &err);
    return false;
}

static int sign_submit(void *ctx, console *c, form *f)
{
    counting *k = ctx;
    fd_actor outgoing;
    if (!signs(c, f, console_actor(c)->number, "outgoing_pin", "outgoing_pin", &outgoing) ||
        !signs(c, f, form_value(f, "incoming"), "incoming_pin", "incoming", &k->incoming))
        return EV_HANDLED;
    fd_count_confirm *confirm = fd_alloc((k->items ? k->items : 1) * sizeof *confirm);
    for (size_t i = 0; i < k->items; i++)
        confirm[i] = (fd_count_confirm){typed_count(f, k, i), form_value(f, k->names[2 * i + 1])};
    fd_error err = {0};
    fd_status s = fd_handover_sign(console_desk(c), &outgoing, &k->incoming, k->shift_id, confirm, k->items,
                                   NULL, &err);
    free(confirm);
    if (s != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    handover_changed();
    console_set_actor(c, &k->incoming);
    console_info(c, _("Handed over to %s, who now holds the book and this terminal."), k->incoming.name);
    return EV_POP;
}

bool handover_carry_agreed(console *c, const fd_unmarked *unmarked)
{
    char what[128];
    fd_unmarked_text(unmarked, what, sizeof what);
    char *question = fd_printf(_("%s have no mark yet. Carry them all on as they are?"), what);
    bool carry = dialog_confirm(c, question, _("Carry them on"), _("Not yet"));
    free(question);
    return carry;
}

/* Before any PIN is asked for: every item marked (the rest carried on in one step, if
 * the holder agrees) and every item counted. */
static bool ready_to_sign(console *c, int64_t shift_id)
{
    fd_desk *d = console_desk(c);
    fd_unmarked unmarked = {0};
    fd_error err = {0};
    fd_status s = fd_handover_sign_ready(d, console_actor(c), shift_id, &unmarked, &err);
    if (s == FD_STATE && (unmarked.items || unmarked.held_mail)) {
        if (!handover_carry_agreed(c, &unmarked))
            return false;
        memset(&err, 0, sizeof err);
        s = fd_handover_carry_rest(d, console_actor(c), shift_id, &err);
        if (s == FD_OK) {
            handover_changed();
            s = fd_handover_sign_ready(d, console_actor(c), shift_id, NULL, &err);
        }
    }
    if (s != FD_OK)
        console_show_error(c, &err);
    return s == FD_OK;
}

static void carry_rest(console *c, int64_t shift_id)
{
    fd_desk *d = console_desk(c);
    fd_unmarked unmarked = {0};
    fd_error err = {0};
    fd_status s = fd_handover_unmarked(d, shift_id, &unmarked, &err);
    if (s == FD_OK && !unmarked.items && !unmarked.held_mail) {
        console_info(c, "%s", _("Every open item has a mark already."));
        return;
    }
    if (s == FD_OK && !handover_carry_agreed(c, &unmarked))
        return;
    if (s == FD_OK)
        s = fd_handover_carry_rest(d, console_actor(c), shift_id, &err);
    if (s != FD_OK) {
        console_show_error(c, &err);
        return;
    }
    handover_changed();
    console_info(c, "%s", _("Done."));
}

static void sign(console *c, int64_t shift_id)
{
    if (!ready_to_sign(c, shift_id))
        return;
    counting k;
    counting_init(&k, c, shift_id, false, sign_head, sizeof sign_head / sizeof sign_head[0]);
    ask_form_spec spec = {_("Both sign: hand the shift over"),
                          _("The incoming duty manager confirms each count (or explains the difference); "
                            "both sign with their PINs."),
                          k.fields, k.count, counting_prepare, sign_submit, &k};
    ask_form(c, &spec);
    counting_free(&k);
}

/* ---- taken over under supervision ---- */

static const form_field takeover_by_supervisor[] = {
    {"incoming", N_("Incoming staff no."), FORM_CODE, true, 0, 0},
    {"incoming_pin", N_("Incoming PIN"), FORM_PIN, true, 0, 0},
    {"reason", N_("Why taken over"), FORM_NOTE, true, 0, FD_HANDOVER_LONG_CHARS},
};
static const form_field takeover_approved[] = {
    {"reason", N_("Why taken over"), FORM_NOTE, true, 0, FD_HANDOVER_LONG_CHARS},
};

/* The supervisor logged in names the incoming duty manager, who signs with a PIN; a
 * duty manager logged in is the incoming one, approved in place by the supervisor. */
typedef struct taking_over {
    counting k;
    bool approved;
    fd_actor supervisor;
} taking_over;

static int takeover_submit(void *ctx, console *c, form *f)
{
    taking_over *t = ctx;
    counting *k = &t->k;
    fd_actor incoming = *console_actor(c), supervisor = *console_actor(c);
    if (t->approved)
        supervisor = t->supervisor;
    else if (!signs(c, f, form_value(f, "incoming"), "incoming_pin", "incoming", &incoming))
        return EV_HANDLED;
    fd_count_confirm *confirm = fd_alloc((k->items ? k->items : 1) * sizeof *confirm);
    for (size_t i = 0; i < k->items; i++)
        confirm[i] = (fd_count_confirm){typed_count(f, k, i), form_value(f, k->names[2 * i + 1])};
    fd_error err = {0};
    fd_status s = fd_handover_take_over(console_desk(c), &supervisor, &incoming, k->shift_id,
                                        form_value(f, "reason"), confirm, k->items, NULL, &err);
    free(confirm);
    if (s != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    handover_changed();
    console_set_actor(c, &incoming);
    console_info(c, _("%s has taken the book over under %s's supervision, and this terminal."),
                 incoming.name, supervisor.name);
    return EV_POP;
}

static bool may_supervise(const fd_actor *who, const void *ctx)
{
    (void)ctx;
    return fd_may(who, FD_ACT_HANDOVER_TAKE_OVER);
}

static void take_over(console *c, const fd_shift *shift)
{
    taking_over t = {0};
    t.approved = !fd_may(console_actor(c), FD_ACT_HANDOVER_TAKE_OVER);
    if (t.approved && !auth_approve_if(c, _("taking over the book its holder left"), may_supervise, NULL,
                                       &t.supervisor))
        return;
    const form_field *head = t.approved ? takeover_approved : takeover_by_supervisor;
    size_t head_count = t.approved ? sizeof takeover_approved / sizeof takeover_approved[0]
                                   : sizeof takeover_by_supervisor / sizeof takeover_by_supervisor[0];
    counting_init(&t.k, c, shift->id, false, head, head_count);
    char *intro = fd_printf(_("%s left the book without signing. The incoming duty manager counts "
                              "each item; items without a mark are carried on as they are."),
                            shift->manager);
    ask_form_spec spec = {_("Take an abandoned handover over"), intro, t.k.fields, t.k.count,
                          counting_prepare, takeover_submit, &t};
    ask_form(c, &spec);
    free(intro);
    counting_free(&t.k);
}

typedef struct refusing {
    int64_t shift_id;
} refusing;

static int refuse_submit(void *ctx, console *c, form *f)
{
    refusing *r = ctx;
    fd_actor incoming;
    if (!signs(c, f, form_value(f, "incoming"), "incoming_pin", "incoming", &incoming))
        return EV_HANDLED;
    fd_error err = {0};
    if (fd_handover_refuse(console_desk(c), console_actor(c), &incoming, r->shift_id, form_value(f, "reason"),
                           &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    handover_changed();
    console_info(c, _("%s refused to take the book over: it stays with you."), incoming.name);
    return EV_POP;
}

static void refuse(console *c, int64_t shift_id)
{
    refusing r = {shift_id};
    ask_form_spec spec = {_("The incoming duty manager refuses"), NULL, refuse_fields,
                          sizeof refuse_fields / sizeof refuse_fields[0], NULL, refuse_submit, &r};
    ask_form(c, &spec);
}

/* ---- the steps ---- */

typedef enum pass_step {
    PASS_OPEN, PASS_BEGIN, PASS_COUNT, PASS_CARRY, PASS_SIGN, PASS_REFUSE, PASS_WITHDRAW, PASS_TAKE_OVER,
    PASS_COUNT_OF
} pass_step;

static const char *const step_labels[PASS_COUNT_OF] = {
    N_("Open the book (start a shift)"), N_("Begin the handover"), N_("Count the inventory"),
    N_("Carry every unmarked item on"), N_("Both sign: hand the shift over"),
    N_("The incoming duty manager refuses"), N_("Take the handover back"),
    N_("Take the book over (its holder left; supervised)"),
};

/* Opening the book, beginning the handover and taking it back change the shift itself
 * and go on its record at once, with no form to fill: chosen from the menu, they are
 * then confirmed, the safe answer first, so that a digit or an Enter meant for
 * something else changes nothing. The other steps open a form, whose F2 confirms. */
static bool transition_agreed(console *c, pass_step step)
{
    switch (step) {
    case PASS_OPEN:
        return dialog_confirm(c, _("Open the book? A shift starts in your name now."),
                              _(step_labels[PASS_OPEN]), _("Not now"));
    case PASS_BEGIN:
        return dialog_confirm(c, _("Begin the handover? The book takes no more entries until it is "
                                   "handed over or the handover is taken back."),
                              _(step_labels[PASS_BEGIN]), _("Not now"));
    case PASS_WITHDRAW:
        return dialog_confirm(c, _("Take the handover back? The book takes entries again; the marks "
                                   "and counts are kept for the next attempt."),
                              _(step_labels[PASS_WITHDRAW]), _("Not now"));
    default:
        return true;
    }
}

static fd_status run_step(console *c, pass_step step, const fd_shift *shift, fd_error *err)
{
    int64_t shift_id = shift ? shift->id : 0;
    fd_desk *d = console_desk(c);
    const fd_actor *me = console_actor(c);
    switch (step) {
    case PASS_OPEN:
        return fd_shift_open(d, me, 0, NULL, err);
    case PASS_BEGIN:
        return fd_handover_begin(d, me, shift_id, NULL, err);
    case PASS_CARRY:
        carry_rest(c, shift_id);
        return FD_OK;
    case PASS_WITHDRAW:
        return fd_handover_withdraw(d, me, shift_id, err);
    case PASS_COUNT:
        count_inventory(c, shift_id);
        return FD_OK;
    case PASS_SIGN:
        sign(c, shift_id);
        return FD_OK;
    case PASS_TAKE_OVER:
        take_over(c, shift);
        return FD_OK;
    default:
        refuse(c, shift_id);
        return FD_OK;
    }
}

void handover_steps(console *c)
{
    fd_shift shift;
    fd_error err = {0};
    fd_status s = fd_shift_current(console_desk(c), &shift, &err);
    if (s != FD_OK && s != FD_NOT_FOUND) {
        console_show_error(c, &err);
        return;
    }
    pass_step steps[PASS_COUNT_OF];
    const char *labels[PASS_COUNT_OF];
    int n = 0;
    if (s == FD_NOT_FOUND) {
        steps[n++] = PASS_OPEN;
    } else if (shift.manager_id != console_actor(c)->staff_id) {
        fd_error why = {0};
        if (fd_handover_may_take_over(console_desk(c), console_actor(c), NULL, shift.id, &why) != FD_OK) {
            console_error(c, _("The book is in %s's hands: only they can hand it over."), shift.manager);
            return;
        }
        steps[n++] = PASS_TAKE_OVER;
    } else if (shift.state == FD_SHIFT_OPEN) {
        steps[n++] = PASS_BEGIN;
    } else {
        for (pass_step p = PASS_COUNT; p <= PASS_WITHDRAW; p++)
            steps[n++] = p;
    }
    for (int i = 0; i < n; i++)
        labels[i] = _(step_labels[steps[i]]);
    int chosen = ask_choice(c, _("Hand over"), labels, n);
    if (chosen < 0 || !transition_agreed(c, steps[chosen]))
        return;
    s = run_step(c, steps[chosen], s == FD_OK ? &shift : NULL, &err);
    if (s != FD_OK) {
        console_show_error(c, &err);
        return;
    }
    handover_changed();
    if (steps[chosen] == PASS_BEGIN)
        console_info(c, "%s", _("Handing over: mark the open items, count, then both sign."));
    else if (steps[chosen] == PASS_OPEN || steps[chosen] == PASS_WITHDRAW)
        console_info(c, "%s", _("Done."));
}

bool handover_may_end_session(console *c)
{
    fd_shift shift;
    fd_error err = {0};
    if (fd_shift_current(console_desk(c), &shift, &err) != FD_OK || shift.state != FD_SHIFT_HANDING_OVER ||
        shift.manager_id != console_actor(c)->staff_id)
        return true;
    return dialog_confirm(c, _("The handover is under way and not signed: leaving now leaves the book "
                               "half handed. The incoming duty manager can then only take it over "
                               "with a supervisor. Leave anyway?"),
                          _("Leave"), _("Stay and finish"));
}

/* ---- an open item's mark ---- */

typedef struct marking {
    int64_t item_id;
} marking;

static const form_field note_fields[] = {
    {"note", N_("Note for the incoming duty manager"), FORM_NOTE, true, 0, FD_HANDOVER_LONG_CHARS},
};

static int note_submit(void *ctx, console *c, form *f)
{
    marking *m = ctx;
    fd_error err = {0};
    if (fd_handover_mark(console_desk(c), console_actor(c), m->item_id, FD_ITEM_NOTED, form_value(f, "note"),
                         &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    handover_changed();
    return EV_POP;
}

bool handover_mark_item(console *c, int64_t item_id, bool annotate)
{
    marking m = {item_id};
    if (annotate) {
        ask_form_spec spec = {_("Annotate the open item"), NULL, note_fields, 1, NULL, note_submit, &m};
        return ask_form(c, &spec);
    }
    fd_error err = {0};
    if (fd_handover_mark(console_desk(c), console_actor(c), item_id, FD_ITEM_CARRIED, NULL, &err) != FD_OK) {
        console_show_error(c, &err);
        return false;
    }
    handover_changed();
    return true;
}
