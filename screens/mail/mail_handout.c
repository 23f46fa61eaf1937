/* The hand-out form: see mail_handout.h. The collector's name is typed, never filled in
 * from the recipient: it is what they sign under. */
#include "mail/mail_handout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "mail/mail_shared.h"
#include "widgets/form.h"
#include "widgets/show.h"

enum { ITEMS_SHOWN = 5 };

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
    char checked[FD_MAIL_SHORT_MAX]; /* the collector last checked against the recipients */
    bool proxy_detected;             /* 代领 was set to 是 by that check, not by the desk */
} handing;

static const console_action handout_actions[] = {ACT_SAVE, ACT_BACK, ACT_NEXT_FIELD, ACT_PREV_FIELD,
                                                 ACT_NONE};

/* The hand-out as the form stands (a hidden field gives ""). */
static fd_mail_handout handout_as_typed(const handing *h, const form *f)
{
    return (fd_mail_handout){
        .items = h->ids,
        .count = h->count,
        .collector = form_value(f, "collector"),
        .signed_for = form_choice(f, "signed") == 1,
        .proxy = form_choice(f, "proxy") == 1,
        .proxy_phone = form_value(f, "proxy_phone"),
        .proxy_relation = form_value(f, "proxy_relation"),
        .note = form_value(f, "note"),
    };
}

static bool handout_requires(void *ctx, const form *f, const char *name)
{
    fd_mail_handout ho = handout_as_typed(ctx, f);
    return fd_mail_handout_requires(&ho, name);
}

static int handout_submit(void *ctx, console *c, form *f)
{
    handing *h = ctx;
    fd_mail_handout ho = handout_as_typed(h, f);
    fd_error err = {0};
    if (fd_mail_hand_out(console_desk(c), console_actor(c), &ho, NULL, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    text_copy(h->collector, sizeof h->collector, ho.collector);
    h->done = true;
    return EV_POP;
}

/* The proxy's phone and relationship are asked only of a proxy. */
static bool handout_shows(void *ctx, const form *f, const char *name)
{
    (void)ctx;
    bool proxy_detail = strcmp(name, "proxy_phone") == 0 || strcmp(name, "proxy_relation") == 0;
    return !proxy_detail || form_choice(f, "proxy") == 1;
}

/* Once the collector's name is another than a recipient's, the core will take the
 * items as collected by proxy: 代领 turns to 是 and asks for the proxy's details. It
 * turns back when the name is corrected, unless the desk chose 是 itself. */
static void follow_collector(handing *h, console *c)
{
    const char *collector = form_value(h->form, "collector");
    if (strcmp(collector, h->checked) == 0)
        return;
    text_copy(h->checked, sizeof h->checked, collector);
    bool proxy = false;
    fd_error err = {0};
    if (fd_mail_collector_is_proxy(console_desk(c), h->ids, h->count, collector, &proxy, &err) != FD_OK) {
        console_show_error(c, &err);
        return;
    }
    bool chosen = form_choice(h->form, "proxy") == 1;
    if (proxy && !chosen) {
        form_set_value(h->form, "proxy", mail_yes_no()[1]);
        h->proxy_detected = true;
    } else if (!proxy && chosen && h->proxy_detected) {
        form_set_value(h->form, "proxy", mail_yes_no()[0]);
        h->proxy_detected = false;
    }
}

static void *handout_open(console *c, void *arg)
{
    handing *h = arg;
    h->form = form_new(handout_fields, HANDOUT_FIELDS, FORM_ASK_DISCARD, handout_submit, h);
    form_set_choices(h->form, "signed", mail_yes_no(), 2);
    form_set_choices(h->form, "proxy", mail_yes_no(), 2);
    form_set_shown_rule(h->form, handout_shows, NULL);
    form_set_required_rule(h->form, handout_requires, h);
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
    char line[MAIL_LINE_TEXT];
    snprintf(line, sizeof line, _("%zu item(s), one signature:"), h->count);
    draw_text(area->top, area->left, area->cols, line, A_BOLD);
    int y = area->top + 1;
    for (size_t i = 0; i < h->shown_count; i++, y++) {
        char label[64], whom[MAIL_WHOM_MAX];
        mail_item_label(&h->shown[i], label, sizeof label);
        mail_recipient_text(&h->shown[i], whom, sizeof whom);
        snprintf(line, sizeof line, "  %-16s %-10s %s  %s", label, fd_mail_kind_label(h->shown[i].kind),
                 show_or_dash(h->shown[i].shelf), whom);
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
    int proxy = form_choice(h->form, "proxy");
    int flags = form_handle(h->form, c, ev);
    if (form_choice(h->form, "proxy") != proxy)
        h->proxy_detected = false; /* the desk's own answer stands */
    if (!(flags & EV_POP))
        follow_collector(h, c);
    return flags;
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

bool mail_hand_out(console *c, const int64_t *ids, size_t count)
{
    handing *h = fd_alloc(sizeof *h);
    memcpy(h->ids, ids, count * sizeof *ids);
    h->count = count;
    console_modal(c, &handout_screen, h);
    bool done = h->done;
    if (done) {
        mail_changed();
        console_info(c, _("Handed out %zu item(s) to %s."), count, h->collector);
    }
    free(h);
    return done;
}
