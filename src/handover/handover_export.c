/* frontdesk export handover: every entry of the shifts that started in the range. */
#include <stdio.h>

#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"
#include "handover/handover_internal.h"

static const char *const columns[] = {
    "shift", "duty_manager", "shift_start", "taken_over_by", "shift_end", "entry", "kind",
    "time", "content", "reporter", "given_by", "relayed_to", "handling", "superior_informed",
    "result", "follow_up_mark", "follow_up", "follow_up_state", "reported_back_to",
    "reported_back_at", "later_note", "written_by", "duty_log", "recorded_at", "corrected",
};
enum { COLUMN_COUNT = sizeof columns / sizeof columns[0] };

typedef struct export_ctx {
    const fd_export_request *req;
    fd_export *out;
} export_ctx;

static const char *time_text(fd_time t, char buf[FD_TIME_TEXT])
{
    if (!t)
        return NULL;
    fd_time_format(t, buf);
    return buf;
}

static void export_row(fd_export *out, fd_stmt *st)
{
    fd_entry e;
    fd_handover_read_entry(st, &e);
    char shift[24], entry[24], start[FD_TIME_TEXT], end[FD_TIME_TEXT], at[FD_TIME_TEXT],
        reported[FD_TIME_TEXT], recorded[FD_TIME_TEXT];
    snprintf(shift, sizeof shift, "%lld", (long long)e.shift_id);
    snprintf(entry, sizeof entry, "%lld", (long long)e.id);
    const char *values[COLUMN_COUNT] = {
        shift, e.shift_manager, time_text(e.shift_start, start),
        fd_col_null(st, FD_HANDOVER_ENTRY_COLUMNS) ? NULL : fd_col_text(st, FD_HANDOVER_ENTRY_COLUMNS),
        time_text(fd_col_int(st, FD_HANDOVER_ENTRY_COLUMNS + 1), end), entry, fd_entry_kind_name(e.kind),
        time_text(e.at, at), e.content, e.reporter, e.given_by, e.relayed_to, e.handling,
        e.superior, e.result, fd_follow_mark_name(e.mark), e.follow_up,
        e.followup ? fd_followup_state_name(e.followup_state) : NULL, e.reported_to,
        time_text(e.reported_at, reported), e.note, e.author, e.duty_log ? "1" : "0",
        time_text(e.recorded_at, recorded), e.corrected ? "1" : "0",
    };
    fd_export_row(out, values);
}

static fd_status export_txn(fd_store *store, void *ctx, fd_error *err)
{
    export_ctx *x = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_HO_EXPORT_ENTRIES);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        export_row(x->out, st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_handover_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                             FILE *out, fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_EXPORT))
        return fd_fail(err, FD_DENIED, NULL, _("Only managers and administrators export the handover book."));
    /* The book holds no masked columns; asking for them in full is still asking for
     * what only some roles may see. */
    if (req->unmasked && !fd_may_see_documents(d->config, who) && !fd_may_see_phones(d->config, who))
        return fd_fail(err, FD_DENIED, NULL, _("Your role may not export personal data unmasked."));
    export_ctx x = {req, fd_export_begin(out, req->format, columns, COLUMN_COUNT)};
    fd_status s = fd_store_read(d->store, export_txn, &x, err);
    fd_status end = fd_export_end(x.out, s == FD_OK ? err : NULL);
    return s != FD_OK ? s : end;
}
