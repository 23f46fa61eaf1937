/* Mail leaving the desk: the export. See include/frontdesk/mail.h. */
#include "frontdesk/mail.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "frontdesk/audit.h"
#include "frontdesk/book.h"
#include "frontdesk/i18n.h"
#include "frontdesk/validate.h"
#include "mail/mail_internal.h"
#include "store/stmt.h"

/* ---- export ---- */

static const fd_book_column columns[] = {
    {"id", N_("Item number"), FD_BOOK_NUMBER},
    {"received_at", N_("Signed for at"), FD_BOOK_TIME},
    {"received_by", N_("Signed for by"), FD_BOOK_TEXT},
    {"carrier", N_("Carrier"), FD_BOOK_TEXT},
    {"kind", N_("Kind"), FD_BOOK_TEXT},
    {"quantity", N_("Quantity"), FD_BOOK_NUMBER},
    {"tracking", N_("Tracking number"), FD_BOOK_TEXT},
    {"recipient_unit", N_("Recipient's unit"), FD_BOOK_TEXT},
    {"recipient", N_("Recipient"), FD_BOOK_TEXT},
    {"organisation", N_("Company"), FD_BOOK_TEXT},
    {"shelf", N_("Shelf"), FD_BOOK_TEXT},
    {"damaged", N_("Damaged"), FD_BOOK_TEXT},
    {"damage_note", N_("Damage"), FD_BOOK_TEXT},
    {"damage_ack", N_("Damage acknowledged by"), FD_BOOK_TEXT},
    {"note", N_("Note"), FD_BOOK_TEXT},
    {"state", N_("State"), FD_BOOK_TEXT},
    {"collected_at", N_("Collected at"), FD_BOOK_TIME},
    {"collector", N_("Collected by"), FD_BOOK_TEXT},
    {"by_proxy", N_("By proxy"), FD_BOOK_TEXT},
    {"proxy_phone", N_("Proxy's phone"), FD_BOOK_TEXT},
    {"proxy_relation", N_("Proxy's relation"), FD_BOOK_TEXT},
    {"handout_note", N_("Handout note"), FD_BOOK_TEXT},
    {"handed_out_by", N_("Handed out by"), FD_BOOK_TEXT},
    {"returned_at", N_("Returned to sender at"), FD_BOOK_TIME},
    {"return_carrier", N_("Returned through"), FD_BOOK_TEXT},
    {"return_note", N_("Return note"), FD_BOOK_TEXT},
    {"returned_by", N_("Sent back by"), FD_BOOK_TEXT},
    {"corrections", N_("Corrections"), FD_BOOK_TEXT},
};
enum { EXPORT_COLUMNS = sizeof columns / sizeof columns[0] };

typedef struct exporting {
    fd_desk *d;
    const fd_export_request *req;
    bool unmasked;
    fd_book *book;
    fd_book_notes *corrections;
} exporting;

static const char *field_label(const char *name)
{
    for (int f = 0; f < FD_MAIL_FIELD_COUNT; f++)
        if (strcmp(fd_mail_field_name((fd_mail_field)f), name) == 0)
            return fd_mail_field_label((fd_mail_field)f);
    return name;
}

static void export_item(exporting *x, fd_stmt *st, const fd_mail_item *it)
{
    fd_book *b = x->book;
    char phone[FD_MAIL_SHORT_MAX];
    const char *clear = fd_col_text(st, FD_COL_MAIL_EXPORT_PROXY_PHONE_CLEAR);
    if (clear && !x->unmasked)
        fd_mask_phone(clear, phone, sizeof phone);
    else
        mail_copy(phone, sizeof phone, clear);
    bool collected = it->state == FD_MAIL_STATE_COLLECTED || it->state == FD_MAIL_STATE_COLLECTED_BY_PROXY;
    bool returned = it->state == FD_MAIL_STATE_RETURNED;
    fd_book_number(b, it->id);
    fd_book_time(b, it->received_at);
    fd_book_text(b, it->received_by);
    fd_book_text(b, it->carrier);
    fd_book_code(b, fd_mail_kind_name(it->kind), fd_mail_kind_label(it->kind));
    fd_book_number(b, it->quantity);
    fd_book_text(b, it->tracking);
    fd_book_text(b, it->recipient_unit);
    fd_book_text(b, it->recipient_name);
    fd_book_text(b, it->recipient_org);
    fd_book_text(b, it->shelf);
    fd_book_flag(b, it->damaged);
    fd_book_text(b, it->damage_note);
    fd_book_text(b, it->damage_ack);
    fd_book_text(b, it->note);
    fd_book_code(b, fd_mail_state_name(it->state), fd_mail_state_label(it->state));
    fd_book_time(b, collected ? it->closed_at : 0);
    fd_book_text(b, collected ? it->closed_by : NULL);
    if (collected)
        fd_book_flag(b, it->by_proxy);
    else
        fd_book_text(b, NULL);
    /* The proxy's details on the items collected by proxy only (a hand-out may mix
     * the collector's own items with others'). */
    bool proxy = collected && it->by_proxy;
    fd_book_text(b, proxy && clear ? phone : NULL);
    fd_book_text(b, proxy ? fd_col_text(st, FD_COL_MAIL_EXPORT_PROXY_RELATION) : NULL);
    fd_book_text(b, fd_col_text(st, FD_COL_MAIL_EXPORT_HANDOUT_NOTE));
    fd_book_text(b, fd_col_text(st, FD_COL_MAIL_EXPORT_HANDED_OUT_BY));
    fd_book_time(b, returned ? it->closed_at : 0);
    fd_book_text(b, returned ? it->closed_by : NULL);
    fd_book_text(b, fd_col_text(st, FD_COL_MAIL_EXPORT_RETURN_NOTE));
    fd_book_text(b, fd_col_text(st, FD_COL_MAIL_EXPORT_RETURNED_BY));
    fd_book_text(b, fd_book_notes_of(x->corrections, it->id));
    fd_book_row(b);
}

static fd_status read_corrections(fd_store *store, exporting *x, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_MAIL_EXPORT_CORRECTIONS);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *field = fd_col_text(st, FD_COL_MAIL_EXPORT_CORRECTIONS_FIELD);
        char *line = fd_book_correction(
            x->book, field, field_label(field), fd_col_text(st, FD_COL_MAIL_EXPORT_CORRECTIONS_OLD_VALUE),
            fd_col_text(st, FD_COL_MAIL_EXPORT_CORRECTIONS_NEW_VALUE),
            fd_col_text(st, FD_COL_MAIL_EXPORT_CORRECTIONS_REASON),
            fd_col_text(st, FD_COL_MAIL_EXPORT_CORRECTIONS_STAFF),
            fd_col_int(st, FD_COL_MAIL_EXPORT_CORRECTIONS_AT));
        fd_book_note(x->corrections, fd_col_int(st, FD_COL_MAIL_EXPORT_CORRECTIONS_ITEM_ID), line);
        free(line);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status export_read(fd_store *store, void *ctx, fd_error *err)
{
    exporting *x = ctx;
    fd_status s = read_corrections(store, x, err);
    if (s != FD_OK)
        return s;
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

fd_status fd_mail_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                         fd_book *book, fd_error *err)
{
    if (!fd_may(who, FD_ACT_MAIL_EXPORT))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only managers and administrators may export the mail register."));
    if (req->unmasked && !mail_may_see_phones(d, who))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not see phone numbers in full."),
                       fd_role_label(who->role));
    fd_book_sheet(book, "mail", N_("Mail and newspaper register"), columns, EXPORT_COLUMNS);
    exporting x = {d, req, req->unmasked, book, fd_book_notes_new()};
    fd_status s = fd_store_read(d->store, export_read, &x, err);
    fd_book_notes_free(x.corrections);
    return s;
}
