#include "mail/mail_shared.h"

#include <stdio.h>

#include "frontdesk/i18n.h"
#include "widgets/show.h"

/* Bumped by every write made here. */
static unsigned changes;

void mail_changed(void)
{
    changes++;
}

unsigned mail_changes(void)
{
    return changes;
}

/* Parcels are most of the work. */
const fd_mail_kind mail_kind_order[FD_MAIL_KIND_COUNT] = {
    FD_MAIL_EXPRESS, FD_MAIL_LETTER, FD_MAIL_NEWSPAPER, FD_MAIL_MAGAZINE, FD_MAIL_OTHER,
};

void mail_recipient_text(const fd_mail_item *it, char *out, size_t size)
{
    snprintf(out, size, "%s%s%s%s%s%s", it->recipient_unit, it->recipient_unit[0] ? " " : "",
             it->recipient_name, it->recipient_org[0] ? _(" (") : "", it->recipient_org,
             it->recipient_org[0] ? _(")") : "");
}

void mail_item_label(const fd_mail_item *it, char *out, size_t size)
{
    if (it->tracking[0])
        snprintf(out, size, "%s", it->tracking);
    else
        snprintf(out, size, _("No. %lld"), (long long)it->id);
}

bool mail_at_desk(const fd_mail_item *it)
{
    return it->state == FD_MAIL_STATE_RECEIVED || it->state == FD_MAIL_STATE_HELD;
}

void mail_status_text(const fd_mail_item *it, const fd_config *cfg, char *out, size_t size)
{
    if (!mail_at_desk(it))
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

const char *mail_closed_label(const fd_mail_item *it)
{
    return it->state == FD_MAIL_STATE_RETURNED ? C_("mail", "Returned") : _("Collected");
}

void mail_label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    show_labelled(y, x, cols, MAIL_LABEL_COLS, label, value, attr);
}

const char *const *mail_yes_no(void)
{
    static const char *labels[2];
    labels[0] = _("No");
    labels[1] = _("Yes");
    return labels;
}
