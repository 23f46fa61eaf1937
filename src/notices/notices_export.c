/* The notices leaving the desk: the export. See include/frontdesk/notices.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/book.h"
#include "frontdesk/i18n.h"
#include "notices/notices_internal.h"
#include "store/stmt.h"

static const fd_book_column columns[] = {
    {"id", N_("Notice number"), FD_BOOK_NUMBER},
    {"kind", N_("Kind"), FD_BOOK_TEXT},
    {"title", N_("Title"), FD_BOOK_TEXT},
    {"place", N_("Area"), FD_BOOK_TEXT},
    {"body", N_("Text"), FD_BOOK_TEXT},
    {"starts_at", N_("Starts"), FD_BOOK_TIME},
    {"ends_at", N_("Ends"), FD_BOOK_TIME},
    {"drafted_at", N_("Drafted at"), FD_BOOK_TIME},
    {"drafted_by", N_("Drafted by"), FD_BOOK_TEXT},
    {"approved_by", N_("Notice signed by"), FD_BOOK_TEXT},
    {"state", N_("State"), FD_BOOK_TEXT},
    {"steps", N_("Steps"), FD_BOOK_TEXT},
    {"deliveries", N_("Handed to units"), FD_BOOK_TEXT},
    {"override", N_("Notice period shortened"), FD_BOOK_TEXT},
    {"corrections", N_("Corrections"), FD_BOOK_TEXT},
};
enum { EXPORT_COLUMNS = sizeof columns / sizeof columns[0] };

typedef struct exporting {
    fd_desk *d;
    const fd_export_request *req;
    fd_book *book;
    fd_book_notes *steps, *deliveries, *overrides, *corrections;
} exporting;

/* One event of the range's notices: a step "label (who[/approver], when)", a unit it
 * was handed to, or the override it carried. */
static void note_event(exporting *x, fd_stmt *st)
{
    int64_t id = fd_col_int(st, FD_COL_NOTICE_EXPORT_EVENTS_NOTICE_ID);
    const char *event = fd_col_text(st, FD_COL_NOTICE_EXPORT_EVENTS_EVENT);
    const char *staff = fd_col_text(st, FD_COL_NOTICE_EXPORT_EVENTS_STAFF);
    const char *approver = fd_col_text(st, FD_COL_NOTICE_EXPORT_EVENTS_APPROVER);
    const char *unit = fd_col_text(st, FD_COL_NOTICE_EXPORT_EVENTS_UNIT);
    const char *manager = fd_col_text(st, FD_COL_NOTICE_EXPORT_EVENTS_MANAGER);
    char when[FD_TIME_TEXT];
    char *line;
    if (unit) {
        fd_time_format(fd_col_int(st, FD_COL_NOTICE_EXPORT_EVENTS_DELIVERED_AT), when);
        line = fd_printf(_("%s (%s, %s)"), unit, staff, when);
        fd_book_note(x->deliveries, id, line);
        free(line);
        return;
    }
    fd_time_format(fd_col_int(st, FD_COL_NOTICE_EXPORT_EVENTS_AT), when);
    if (approver)
        line = fd_printf(_("%s (%s/%s, %s)"), notice_event_label(event), staff, approver, when);
    else
        line = fd_printf(_("%s (%s, %s)"), notice_event_label(event), staff, when);
    fd_book_note(x->steps, id, line);
    free(line);
    if (manager) {
        line = fd_printf(_("%s (%s, %s)"), fd_col_text(st, FD_COL_NOTICE_EXPORT_EVENTS_REASON),
                         manager, when);
        fd_book_note(x->overrides, id, line);
        free(line);
    }
}

static fd_status read_events(fd_store *store, exporting *x, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_NOTICE_EXPORT_EVENTS);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        note_event(x, st);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status read_corrections(fd_store *store, exporting *x, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_NOTICE_EXPORT_CORRECTIONS);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *name = fd_col_text(st, FD_COL_NOTICE_EXPORT_CORRECTIONS_FIELD);
        int field = fd_notice_choice_parse(FD_NOTICE_LIST_FIELD, name);
        if (field < 0)
            continue; /* only fd_notice_correct writes these rows */
        char old_buf[FD_TIME_TEXT], new_buf[FD_TIME_TEXT];
        const char *old = notice_shown_value((fd_notice_field)field,
                                             fd_col_text(st, FD_COL_NOTICE_EXPORT_CORRECTIONS_OLD_VALUE),
                                             old_buf, sizeof old_buf);
        const char *value = notice_shown_value((fd_notice_field)field,
                                               fd_col_text(st, FD_COL_NOTICE_EXPORT_CORRECTIONS_NEW_VALUE),
                                               new_buf, sizeof new_buf);
        char *line = fd_book_correction(x->book, name, fd_notice_choice_label(FD_NOTICE_LIST_FIELD, field),
                                        old, value, fd_col_text(st, FD_COL_NOTICE_EXPORT_CORRECTIONS_REASON),
                                        fd_col_text(st, FD_COL_NOTICE_EXPORT_CORRECTIONS_STAFF),
                                        fd_col_int(st, FD_COL_NOTICE_EXPORT_CORRECTIONS_AT));
        fd_book_note(x->corrections, fd_col_int(st, FD_COL_NOTICE_EXPORT_CORRECTIONS_NOTICE_ID), line);
        free(line);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static void export_notice(exporting *x, fd_stmt *st)
{
    fd_book *b = x->book;
    int64_t id = fd_col_int(st, FD_COL_NOTICE_ROW_ID);
    int kind = fd_notice_choice_parse(FD_NOTICE_LIST_KIND, fd_col_text(st, FD_COL_NOTICE_ROW_KIND));
    int state = fd_notice_choice_parse(FD_NOTICE_LIST_STATE, fd_col_text(st, FD_COL_NOTICE_ROW_STATE));
    fd_book_number(b, id);
    fd_book_code(b, fd_notice_choice_name(FD_NOTICE_LIST_KIND, kind),
                 fd_notice_choice_label(FD_NOTICE_LIST_KIND, kind));
    fd_book_text(b, fd_col_text(st, FD_COL_NOTICE_ROW_TITLE));
    fd_book_text(b, fd_col_text(st, FD_COL_NOTICE_ROW_PLACE));
    fd_book_text(b, fd_col_text(st, FD_COL_NOTICE_FULL_BODY));
    fd_book_time(b, fd_col_int(st, FD_COL_NOTICE_ROW_STARTS_AT));
    fd_book_time(b, fd_col_int(st, FD_COL_NOTICE_ROW_ENDS_AT));
    fd_book_time(b, fd_col_int(st, FD_COL_NOTICE_ROW_AT));
    fd_book_text(b, fd_col_text(st, FD_COL_NOTICE_ROW_DRAFTED_BY));
    fd_book_text(b, fd_col_text(st, FD_COL_NOTICE_ROW_APPROVED_BY));
    fd_book_code(b, fd_notice_choice_name(FD_NOTICE_LIST_STATE, state),
                 fd_notice_choice_label(FD_NOTICE_LIST_STATE, state));
    fd_book_text(b, fd_book_notes_of(x->steps, id));
    fd_book_text(b, fd_book_notes_of(x->deliveries, id));
    fd_book_text(b, fd_book_notes_of(x->overrides, id));
    fd_book_text(b, fd_book_notes_of(x->corrections, id));
    fd_book_row(b);
}

static fd_status export_read(fd_store *store, void *ctx, fd_error *err)
{
    exporting *x = ctx;
    fd_status s;
    if ((s = read_events(store, x, err)) != FD_OK || (s = read_corrections(store, x, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_NOTICE_DRAFTED_BETWEEN);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        export_notice(x, st);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_notices_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                            fd_book *book, fd_error *err)
{
    if (!fd_may(who, FD_ACT_NOTICE_EXPORT))
        return fd_fail(err, FD_DENIED, NULL, _("Only managers and administrators may export the notices."));
    fd_book_sheet(book, "notices", N_("Notices (通告发放)"), columns, EXPORT_COLUMNS);
    exporting x = {d, req, book, fd_book_notes_new(), fd_book_notes_new(), fd_book_notes_new(),
                   fd_book_notes_new()};
    fd_status s = fd_store_read(d->store, export_read, &x, err);
    fd_book_notes_free(x.steps);
    fd_book_notes_free(x.deliveries);
    fd_book_notes_free(x.overrides);
    fd_book_notes_free(x.corrections);
    return s;
}
