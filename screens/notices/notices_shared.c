#include "notices/notices_shared.h"

#include <stdio.h>

#include "frontdesk/i18n.h"
#include "shell/auth.h"
#include "widgets/show.h"

const char *notices_state_label(const fd_notice *n)
{
    if (n->to_take_down)
        return _("To take down");
    return fd_notice_choice_label(FD_NOTICE_LIST_STATE, (int)n->state);
}

void notices_span_text(fd_time from, fd_time to, fd_time now, char *out, size_t size)
{
    char a[32], b[32];
    show_when(from, now, a, sizeof a);
    show_when(to, now, b, sizeof b);
    snprintf(out, size, "%s \u2013 %s", a, b);
}

void notices_label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    show_labelled(y, x, cols, NOTICES_LABEL_COLS, label, value, attr);
}

static bool signs_notices(const fd_actor *who, const void *ctx)
{
    return fd_notice_may_approve(ctx, who);
}

bool notices_ask_signer(console *c, fd_actor *signer)
{
    return auth_approve_if(c, _("sign the notice"), signs_notices, console_config(c), signer);
}

bool notices_ask_override(console *c, fd_actor *manager)
{
    return auth_approve(c, FD_ACT_NOTICE_OVERRIDE, manager);
}
