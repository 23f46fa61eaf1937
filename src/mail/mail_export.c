/* Mail leaving the desk: the export. See include/frontdesk/mail.h. */
#include "frontdesk/mail.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/validate.h"
#include "mail/mail_internal.h"
#include "store/stmt.h"

/* ---- export ---- */

static const char *const export_columns[] = {
    "id", "received_at", "received_by", "carrier", "kind", "quantity", "tracking",
    "recipient_unit", "recipient", "organisation", "shelf", "damaged", "damage_note",
    "damage_ack", "note", "state", "collected_at", "collector", "by_proxy", "proxy_phone",
    "proxy_relation", "handout_note", "returned_at", "return_carrier", "return_note",
};
enum { EXPORT_COLUMNS = sizeof export_columns / sizeof export_columns[0] };

typedef struct exporting {
    fd_desk *d;
    const fd_export_request *req;
    bool unmasked;
    fd_export *e;
} exporting;

/* Column index of the export's extra columns after FD_MAIL_COLUMNS and the key. */
enum { COL_PROXY_PHONE = 23, COL_PROXY_RELATION, COL_HANDOUT_NOTE, COL_RETURN_NOTE };

static void export_item(exporting *x, fd_stmt *st, const fd_mail_item *it)
{
    char id[24], quantity[16], received[FD_TIME_TEXT], closed[FD_TIME_TEXT], phone[FD_MAIL_SHORT_MAX];
    snprintf(id, sizeof id, "%lld", (long long)it->id);
    snprintf(quantity, sizeof quantity, "%d", it->quantity);
    fd_time_format(it->received_at, received);
    if (it->closed_at)
        fd_time_format(it->closed_at, closed);
    const char *clear = fd_col_text(st, COL_PROXY_PHONE);
    if (clear && !x->unmasked)
        fd_mask_phone(clear, phone, sizeof phone);
    else
        mail_copy(phone, sizeof phone, clear);
    bool collected = it->state == FD_MAIL_STATE_COLLECTED || it->state == FD_MAIL_STATE_COLLECTED_BY_PROXY;
    bool returned = it->state == FD_MAIL_STATE_RETURNED;
#define OPT(s) ((s)[0] ? (s) : NULL)
    const char *values[EXPORT_COLUMNS] = {
        id, received, it->received_by, it->carrier, fd_mail_kind_name(it->kind), quantity,
        OPT(it->tracking), OPT(it->recipient_unit), OPT(it->recipient_name), OPT(it->recipient_org),
        OPT(it->shelf), it->damaged ? "yes" : "no", OPT(it->damage_note), OPT(it->damage_ack),
        OPT(it->note), fd_mail_state_name(it->state),
        collected ? closed : NULL, collected ? it->closed_by : NULL,
        collected ? (it->by_proxy ? "yes" : "no") : NULL, clear ? phone : NULL,
        fd_col_text(st, COL_PROXY_RELATION), fd_col_text(st, COL_HANDOUT_NOTE),
        returned ? closed : NULL, returned ? it->closed_by : NULL, fd_col_text(st, COL_RETURN_NOTE),
    };
#undef OPT
    fd_export_row(x->e, values);
}

static fd_status export_read(fd_store *store, void *ctx, fd_error *err)
{
    exporting *x = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_MAIL_EXPORT);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    fd_mail_item *it = fd_alloc(sizeof *it);
    while ((rc = fd_step(st, err)) == 1) {
        mail_read_item(x->d, st, it);
        export_item(x, st, it);
    }
    free(it);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_mail_export(fd_desk *d, const fd_actor *who, const fd_export_request *req, FILE *out,
                         fd_error *err)
{
    if (!fd_may(who, FD_ACT_MAIL_EXPORT))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only managers and administrators may export the mail register."));
    if (req->unmasked && !mail_may_see_phones(d, who))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not see phone numbers in full."),
                       fd_role_label(who->role));
    exporting x = {d, req, req->unmasked, NULL};
    x.e = fd_export_begin(out, req->format, export_columns, EXPORT_COLUMNS);
    fd_status s = fd_store_read(d->store, export_read, &x, err);
    fd_status end = fd_export_end(x.e, s == FD_OK ? err : NULL);
    return s != FD_OK ? s : end;
}
