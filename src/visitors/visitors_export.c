/* Visits leaving the desk: the export. See include/frontdesk/visitors.h. */
#include "frontdesk/visitors.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "frontdesk/audit.h"
#include "frontdesk/calendar.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "visitors/visitors_internal.h"
#include "store/stmt.h"

/* ---- export ---- */

static const char *const export_columns[] = {
    "slip", "registered_at", "visitor", "doc_type", "doc_number", "phone", "party_size",
    "purpose", "visitee_unit", "visitee_company", "visitee_department", "visitee",
    "visitee_position", "state", "admitted_at", "left_at", "slip_returned", "refusal",
    "registered_by",
};
enum { EXPORT_COLUMNS = COUNT(export_columns) };

typedef struct exporting {
    fd_export *out;
    bool labels; /* CSV is read by people: labels; JSON by programs: stored names */
} exporting;

static void format_time(fd_time t, char out[FD_TIME_TEXT])
{
    if (t)
        fd_time_format(t, out);
    else
        out[0] = '\0';
}

static void export_visit(void *ctx, const fd_visit *v)
{
    exporting *x = ctx;
    char registered[FD_TIME_TEXT], admitted[FD_TIME_TEXT], left[FD_TIME_TEXT], party[16];
    format_time(v->registered_at, registered);
    format_time(v->admitted_at, admitted);
    format_time(v->left_at, left);
    snprintf(party, sizeof party, "%d", v->party_size);
    const char *returned = !v->left_at ? NULL
                           : x->labels ? (v->slip_signed ? _("signed") : _("NOT signed"))
                                       : (v->slip_signed ? "signed" : "unsigned");
    const char *values[EXPORT_COLUMNS] = {
        v->slip, registered, v->visitor_name,
        x->labels ? fd_doc_type_label(v->doc_type) : fd_doc_type_name(v->doc_type),
        v->doc_number, v->phone, party, v->purpose, v->visitee_unit, v->visitee_company,
        v->visitee_department, v->visitee_name, v->visitee_position,
        x->labels ? fd_visit_state_label(v->state) : fd_visit_state_name(v->state),
        admitted, left, returned, v->refusal, v->registered_by,
    };
    fd_export_row(x->out, values);
}

fd_status fd_visitors_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                             FILE *out, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    fd_status s = visit_need_actor(who, err);
    if (s != FD_OK)
        return s;
    if (req->unmasked && !visit_sees_documents(d, who))
        return fd_fail(err, FD_DENIED, NULL,
                       _("%s may not export full document numbers."), fd_role_label(who->role));
    exporting x = {fd_export_begin(out, req->format, export_columns, EXPORT_COLUMNS),
                   req->format == FD_EXPORT_CSV};
    /* Masked unless asked for in full, whoever exports: a file travels further than a
     * screen. */
    between_query q = {req->from, req->to,
                       {req->unmasked, req->unmasked && visit_sees_phones(d, who), export_visit, &x}};
    s = fd_store_read(d->store, visit_between_read, &q, err);
    fd_status end = fd_export_end(x.out, s == FD_OK ? err : NULL);
    return s != FD_OK ? s : end;
}
