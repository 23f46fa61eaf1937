/* What the key screens share: see keyshared.h. */
#include "keys/keyshared.h"

#include <stdio.h>

#include "console/draw.h"
#include "frontdesk/i18n.h"
#include "shell/auth.h"
#include "widgets/ask.h"

enum { MAX_OPS = 16 };

static bool may_action(const fd_actor *who, const void *ctx)
{
    return fd_may(who, *(const fd_action *)ctx);
}

bool keys_approve(console *c, fd_action needed, const char *what, fd_actor *approver)
{
    return auth_approve_if(c, what, may_action, &needed, approver);
}

void keys_page_hint(const console_area *area)
{
    draw_text(area->top + area->rows - 1, area->left, area->cols,
              _("Enter: what can be done now   Esc: back"), theme(TH_DIM));
}

void keys_when(fd_time t, char out[FD_TIME_TEXT])
{
    char full[FD_TIME_TEXT];
    if (t == 0) {
        out[0] = '\0';
        return;
    }
    fd_time_format(t, full);
    snprintf(out, FD_TIME_TEXT, "%s", full + 5); /* "2026-11-27 18:00" → "11-27 18:00" */
}

void keys_department_choices(form *f, const char *field, console *c)
{
    const fd_string_list *known = &console_config(c)->departments;
    form_set_choices(f, field, (const char *const *)known->items, known->count);
}

int keys_offer_ops(console *c, const keys_ops_menu *menu, void *page)
{
    const char *labels[MAX_OPS];
    int ops[MAX_OPS];
    int n = 0;
    for (int op = 0; op < menu->count && n < MAX_OPS; op++) {
        if (menu->offered(page, op)) {
            ops[n] = op;
            labels[n++] = _(menu->label(op));
        }
    }
    if (n == 0) {
        console_info(c, "%s", _(menu->nothing));
        return EV_HANDLED | EV_REDRAW;
    }
    int chosen = ask_choice(c, _("What to do"), labels, n);
    if (chosen >= 0 && menu->perform(page, ops[chosen]))
        menu->recorded(page);
    return EV_HANDLED | EV_REDRAW;
}
