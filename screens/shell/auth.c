/* Everything that asks for a staff number and a PIN: the login screen, switching
 * user, the lock screen and a supervisor's approval. The core's fd_staff_login
 * decides (and counts wrong PINs towards the lock-out); these screens only ask. */
#include "shell/shell.h"
#include "shell/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "widgets/dialog.h"
#include "console/draw.h"
#include "widgets/form.h"
#include "frontdesk/i18n.h"
#include "frontdesk/staff.h"
#include "frontdesk/text.h"

typedef enum auth_purpose { AUTH_LOGIN, AUTH_SWITCH, AUTH_UNLOCK, AUTH_APPROVE } auth_purpose;

typedef struct auth {
    auth_purpose purpose;
    const char *what; /* approval: what is asked for, translated */
    bool (*allowed)(const fd_actor *who, const void *ctx);
    const void *ctx;
    form *form;
    fd_actor who;
    bool done;
} auth;

static const form_field auth_fields[] = {
    {"number", N_("Staff number"), FORM_CODE, true, 0, 0},
    {"pin", N_("PIN"), FORM_PIN, true, 0, 0},
};

static const console_action auth_actions[] = {ACT_SELECT, ACT_BACK, ACT_NEXT_FIELD,
                                              ACT_PREV_FIELD, ACT_BACKSPACE, ACT_NONE};
/* Nothing to go back to from the login and lock screens. */
static const console_action entry_actions[] = {ACT_SELECT, ACT_NEXT_FIELD, ACT_PREV_FIELD,
                                               ACT_BACKSPACE, ACT_NONE};

enum { DIALOG_COLS = 64 };

/* A refusal that names no field (a locked account) belongs under the PIN, where
 * the person is looking, rather than on the message line. */
static void show_refusal(auth *a, const fd_error *err)
{
    const char *field = strcmp(err->field, "number") == 0 ? "number" : "pin";
    if (strcmp(field, "number") == 0)
        form_set_value(a->form, "number", "");
    form_field_error(a->form, field, fd_error_text(err));
}

static int auth_submit(void *ctx, console *c, form *f)
{
    auth *a = ctx;
    fd_error err = {0};
    fd_actor who;
    fd_status st = fd_staff_login(console_desk(c), form_value(f, "number"), form_value(f, "pin"),
                                  &who, &err);
    form_set_value(f, "pin", "");
    if (st != FD_OK) {
        show_refusal(a, &err);
        return EV_HANDLED;
    }
    if (a->purpose == AUTH_APPROVE && !a->allowed(&who, a->ctx)) {
        char *msg = fd_printf(_("%s (%s) may not approve this; ask a supervisor."), who.name,
                              fd_role_label(who.role));
        form_set_value(f, "number", "");
        form_field_error(f, "number", msg);
        free(msg);
        return EV_HANDLED;
    }
    if (a->purpose == AUTH_LOGIN) {
        /* The login screen stays beneath the session, empty, for the next person. */
        console_set_actor(c, &who);
        form_reset(f);
        console_push(c, &menu_screen, NULL);
        return EV_HANDLED;
    }
    a->who = who;
    a->done = true;
    return EV_POP;
}

static void start_form(auth *a, console *c)
{
    a->form = form_new(auth_fields, sizeof auth_fields / sizeof auth_fields[0], 0, auth_submit, a);
    const fd_actor *me = console_actor(c);
    if (a->purpose == AUTH_UNLOCK && me) {
        form_set_value(a->form, "number", me->number);
        form_focus(a->form, "pin");
    }
}

static void *auth_open(console *c, void *arg)
{
    auth *a = arg;
    start_form(a, c);
    return a;
}

static void auth_close(void *state)
{
    auth *a = state;
    form_free(a->form);
}

static void *login_open(console *c, void *arg)
{
    (void)arg;
    auth *a = fd_alloc(sizeof *a);
    a->purpose = AUTH_LOGIN;
    start_form(a, c);
    return a;
}

static void login_close(void *state)
{
    auth_close(state);
    free(state);
}

/* What the dialog says above the fields. */
static const char *auth_intro(const auth *a, console *c, char *buf, size_t size)
{
    switch (a->purpose) {
    case AUTH_LOGIN:
        return _("Enter your staff number and PIN.");
    case AUTH_SWITCH:
        return _("Another staff member takes over this terminal; the screen stays as it is.");
    case AUTH_UNLOCK: {
        const fd_actor *me = console_actor(c);
        snprintf(buf, size,
                 _("Locked while %s (%s) was away. Enter the PIN to continue, or another "
                   "staff number and PIN to take over."),
                 me ? me->name : "", me ? me->number : "");
        return buf;
    }
    case AUTH_APPROVE:
        snprintf(buf, size, _("Needs a supervisor's approval: %s. The supervisor enters their "
                              "staff number and PIN."),
                 a->what);
        return buf;
    }
    return "";
}

static const char *auth_title(const auth *a)
{
    switch (a->purpose) {
    case AUTH_LOGIN:
        return _("Log in");
    case AUTH_SWITCH:
        return _("Switch user");
    case AUTH_UNLOCK:
        return _("Screen locked");
    case AUTH_APPROVE:
        return _("Supervisor approval");
    }
    return "";
}

static void auth_draw(void *state, console *c, const console_area *area)
{
    (void)area;
    auth *a = state;
    char buf[FD_MESSAGE_MAX];
    const char *intro = auth_intro(a, c, buf, sizeof buf);
    int intro_rows = text_lines(intro, DIALOG_COLS);
    int rows = intro_rows + 1 + form_height(a->form, DIALOG_COLS);
    console_area in = dialog_frame(auth_title(a), rows, DIALOG_COLS);
    draw_wrapped(in.top, in.left, intro_rows, in.cols, intro, A_NORMAL);
    console_area fields = {in.top + intro_rows + 1, in.left, in.rows - intro_rows - 1, in.cols};
    form_draw(a->form, c, &fields);
}

/* The lock screen shows nothing of what was on the terminal: only the site's name
 * above the dialog. */
static void lock_draw(void *state, console *c, const console_area *area)
{
    const char *site = console_config(c)->site_name;
    draw_centered(1, 0, COLS, site ? site : "", theme(TH_TITLE));
    auth_draw(state, c, area);
}

static int auth_handle(void *state, console *c, const console_event *ev)
{
    auth *a = state;
    if (ev->action == ACT_BACK) {
        /* Nothing gets past the lock but a PIN; elsewhere Esc cancels. */
        if (a->purpose == AUTH_LOGIN || a->purpose == AUTH_UNLOCK)
            return EV_IGNORED;
        return EV_HANDLED | EV_POP;
    }
    return form_handle(a->form, c, ev);
}

static bool auth_takes_text(const void *state)
{
    const auth *a = state;
    return form_takes_text(a->form);
}

const screen_ops login_screen = {
    .title = N_("Welcome"),
    .flags = SCREEN_ROOT,
    .actions = entry_actions,
    .open = login_open,
    .close = login_close,
    .draw = auth_draw,
    .handle = auth_handle,
    .takes_text = auth_takes_text,
};

static const screen_ops auth_dialog_screen = {
    .flags = SCREEN_OVERLAY | SCREEN_MODAL,
    .actions = auth_actions,
    .open = auth_open,
    .close = auth_close,
    .draw = auth_draw,
    .handle = auth_handle,
    .takes_text = auth_takes_text,
};

static const screen_ops lock_screen = {
    .flags = SCREEN_MODAL | SCREEN_BARE | SCREEN_ROOT,
    .actions = entry_actions,
    .open = auth_open,
    .close = auth_close,
    .draw = lock_draw,
    .handle = auth_handle,
    .takes_text = auth_takes_text,
};

void auth_switch_user(console *c)
{
    auth a = {.purpose = AUTH_SWITCH};
    console_modal(c, &auth_dialog_screen, &a);
    if (!a.done)
        return;
    console_set_actor(c, &a.who);
    console_info(c, _("%s (%s) is now working at this terminal."), a.who.name,
                 fd_role_label(a.who.role));
}

void auth_lock(console *c)
{
    auth a = {.purpose = AUTH_UNLOCK};
    console_modal(c, &lock_screen, &a);
    const fd_actor *me = console_actor(c);
    if (!a.done || (me && me->staff_id == a.who.staff_id))
        return;
    console_set_actor(c, &a.who);
    console_info(c, _("%s (%s) has taken over this terminal."), a.who.name,
                 fd_role_label(a.who.role));
}

bool auth_approve_if(console *c, const char *what,
                        bool (*allowed)(const fd_actor *who, const void *ctx), const void *ctx,
                        fd_actor *approver)
{
    auth a = {.purpose = AUTH_APPROVE, .what = what, .allowed = allowed, .ctx = ctx};
    console_modal(c, &auth_dialog_screen, &a);
    if (a.done)
        *approver = a.who;
    return a.done;
}

static bool may_do(const fd_actor *who, const void *ctx)
{
    return fd_may(who, *(const fd_action *)ctx);
}

bool auth_approve(console *c, fd_action needed, fd_actor *approver)
{
    char *what = fd_printf(_("the step \"%s\""), fd_action_label(needed));
    bool ok = auth_approve_if(c, what, may_do, &needed, approver);
    free(what);
    return ok;
}
