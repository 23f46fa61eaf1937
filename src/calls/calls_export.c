/* The register leaving the desk: the export. See include/frontdesk/calls.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/calls_internal.h"
#include "frontdesk/book.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "store/stmt.h"

static const fd_book_column columns[] = {
    {"id", N_("Register number"), FD_BOOK_NUMBER},
    {"received_at", N_("Call or visit time"), FD_BOOK_TIME},
    {"taken_by", N_("Taken by"), FD_BOOK_TEXT},
    {"channel", N_("Call or visit"), FD_BOOK_TEXT},
    {"caller", N_("Caller"), FD_BOOK_TEXT},
    {"unit", N_("Unit"), FD_BOOK_TEXT},
    {"in_directory", N_("Unit in the directory"), FD_BOOK_TEXT},
    {"phone", N_("Phone"), FD_BOOK_TEXT},
    {"matter", N_("Matter"), FD_BOOK_TEXT},
    {"question", N_("Question"), FD_BOOK_TEXT},
    {"answers", N_("Answers"), FD_BOOK_TEXT},
    {"referrals", N_("Referrals"), FD_BOOK_TEXT},
    {"state", N_("State"), FD_BOOK_TEXT},
    {"closed_at", N_("Dealt with at"), FD_BOOK_TIME},
    {"complaint", N_("Complaint number"), FD_BOOK_NUMBER},
    {"corrections", N_("Corrections"), FD_BOOK_TEXT},
    {"repair", N_("Repair request number"), FD_BOOK_NUMBER},
    {"repair_state", N_("Repair request state"), FD_BOOK_TEXT},
    {"repair_detail", N_("Repair request handed over and reported"), FD_BOOK_TEXT},
};
enum { EXPORT_COLUMNS = sizeof columns / sizeof columns[0] };

typedef struct exporting {
    fd_desk *d;
    const fd_actor *who;
    const fd_export_request *req;
    fd_book *book;
    fd_book_notes *answers, *referrals, *corrections, *repairs;
} exporting;

/* Each answer and referral of the range's entries, "text (who, when)", by entry. */
static fd_status read_steps(fd_store *store, exporting *x, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_EXPORT_STEPS);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        char when[FD_TIME_TEXT], what[2 * FD_CALL_NAME_MAX + FD_CALL_DEPARTMENT_MAX];
        fd_time_format(fd_col_int(st, FD_COL_CALL_EXPORT_STEPS_AT), when);
        const char *answer = fd_col_text(st, FD_COL_CALL_EXPORT_STEPS_ANSWER);
        if (!answer) {
            const char *person = fd_col_text(st, FD_COL_CALL_EXPORT_STEPS_PERSON);
            snprintf(what, sizeof what, "%s%s%s", fd_col_text(st, FD_COL_CALL_EXPORT_STEPS_DEPARTMENT),
                     person ? " " : "", person ? person : "");
        }
        char *line = fd_printf(_("%s (%s, %s)"), answer ? answer : what,
                               fd_col_text(st, FD_COL_CALL_EXPORT_STEPS_STAFF), when);
        fd_book_note(answer ? x->answers : x->referrals, fd_col_int(st, FD_COL_CALL_EXPORT_STEPS_CALL_ID),
                     line);
        free(line);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* Each correction old → new, the old value the one before it (or as taken in). */
static fd_status read_corrections(fd_store *store, exporting *x, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_EXPORT_CORRECTIONS);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *name = fd_col_text(st, FD_COL_CALL_EXPORT_CORRECTIONS_FIELD);
        int field = fd_call_choice_parse(FD_CALL_LIST_FIELD, name);
        if (field < 0)
            continue; /* only fd_call_correct writes these rows */
        /* Phones masked as in their column, unless the export is unmasked. */
        const fd_actor *reader = x->req->unmasked ? x->who : NULL;
        char old_buf[FD_CALL_PHONE_MAX], new_buf[FD_CALL_PHONE_MAX];
        const char *old = call_shown_value(x->d, reader, (fd_call_field)field,
                                           fd_col_text(st, FD_COL_CALL_EXPORT_CORRECTIONS_OLD_VALUE),
                                           old_buf, sizeof old_buf);
        const char *value = call_shown_value(x->d, reader, (fd_call_field)field,
                                             fd_col_text(st, FD_COL_CALL_EXPORT_CORRECTIONS_NEW_VALUE),
                                             new_buf, sizeof new_buf);
        char *line = fd_book_correction(x->book, name, fd_call_choice_label(FD_CALL_LIST_FIELD, field),
                                        old, value, fd_col_text(st, FD_COL_CALL_EXPORT_CORRECTIONS_REASON),
                                        fd_col_text(st, FD_COL_CALL_EXPORT_CORRECTIONS_STAFF),
                                        fd_col_int(st, FD_COL_CALL_EXPORT_CORRECTIONS_AT));
        fd_book_note(x->corrections, fd_col_int(st, FD_COL_CALL_EXPORT_CORRECTIONS_CALL_ID), line);
        free(line);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* The request made of an entry, in words: what, to whom and when, then engineering's
 * report or the withdrawal with its reason. */
static char *repair_detail(fd_stmt *st)
{
    char handed[FD_TIME_TEXT], closed[FD_TIME_TEXT];
    fd_time_format(fd_col_int(st, FD_COL_CALL_EXPORT_REPAIRS_AT), handed);
    const char *person = fd_col_text(st, FD_COL_CALL_EXPORT_REPAIRS_PERSON);
    const char *what = fd_col_text(st, FD_COL_CALL_EXPORT_REPAIRS_WHAT);
    char *out = fd_printf(_("%.*s; handed to %s%s%s (%s, %s)"), text_sentence_len(what), what,
                          fd_col_text(st, FD_COL_CALL_EXPORT_REPAIRS_DEPARTMENT), person ? " " : "",
                          person ? person : "", fd_col_text(st, FD_COL_CALL_EXPORT_REPAIRS_HANDED_BY),
                          handed);
    char *more = NULL;
    if (fd_col_int(st, FD_COL_CALL_EXPORT_REPAIRS_DONE_AT)) {
        fd_time_format(fd_col_int(st, FD_COL_CALL_EXPORT_REPAIRS_DONE_AT), closed);
        more = fd_printf(_("%s; done %s, reported by %s: %s"), out, closed,
                         fd_col_text(st, FD_COL_CALL_EXPORT_REPAIRS_REPORTED_BY),
                         fd_col_text(st, FD_COL_CALL_EXPORT_REPAIRS_WORK));
    } else if (fd_col_int(st, FD_COL_CALL_EXPORT_REPAIRS_CANCELLED_AT)) {
        fd_time_format(fd_col_int(st, FD_COL_CALL_EXPORT_REPAIRS_CANCELLED_AT), closed);
        more = fd_printf(_("%s; withdrawn %s: %s"), out, closed,
                         fd_col_text(st, FD_COL_CALL_EXPORT_REPAIRS_CANCEL_REASON));
    }
    if (!more)
        return out;
    free(out);
    return more;
}

static fd_status read_repairs(fd_store *store, exporting *x, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_EXPORT_REPAIRS);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        char *line = repair_detail(st);
        fd_book_note(x->repairs, fd_col_int(st, FD_COL_CALL_EXPORT_REPAIRS_CALL_ID), line);
        free(line);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static void export_entry(exporting *x, fd_stmt *st)
{
    fd_book *b = x->book;
    int64_t id = fd_col_int(st, FD_COL_CALL_ROW_ID);
    const char *phone = fd_col_text(st, FD_COL_CALL_ROW_PHONE);
    char shown[FD_CALL_PHONE_MAX];
    if (phone && !x->req->unmasked)
        fd_mask_phone(phone, shown, sizeof shown);
    int channel = fd_call_choice_parse(FD_CALL_LIST_CHANNEL, fd_col_text(st, FD_COL_CALL_ROW_CHANNEL));
    int matter = fd_call_choice_parse(FD_CALL_LIST_MATTER, fd_col_text(st, FD_COL_CALL_ROW_MATTER));
    int state = fd_call_choice_parse(FD_CALL_LIST_STATE, fd_col_text(st, FD_COL_CALL_ROW_STATE));
    int64_t complaint = fd_col_int(st, FD_COL_CALL_ROW_COMPLAINT_ID);
    fd_book_number(b, id);
    fd_book_time(b, fd_col_int(st, FD_COL_CALL_ROW_RECEIVED_AT));
    fd_book_text(b, fd_col_text(st, FD_COL_CALL_ROW_RECEIVED_BY));
    fd_book_code(b, fd_call_choice_name(FD_CALL_LIST_CHANNEL, channel), fd_call_choice_label(FD_CALL_LIST_CHANNEL, channel));
    fd_book_text(b, fd_col_text(st, FD_COL_CALL_ROW_CALLER));
    fd_book_text(b, fd_col_text(st, FD_COL_CALL_ROW_UNIT));
    fd_book_flag(b, fd_col_int(st, FD_COL_CALL_ROW_UNIT_ID) != 0);
    fd_book_text(b, phone && !x->req->unmasked ? shown : phone);
    fd_book_code(b, fd_call_choice_name(FD_CALL_LIST_MATTER, matter), fd_call_choice_label(FD_CALL_LIST_MATTER, matter));
    fd_book_text(b, fd_col_text(st, FD_COL_CALL_ROW_QUESTION));
    fd_book_text(b, fd_book_notes_of(x->answers, id));
    fd_book_text(b, fd_book_notes_of(x->referrals, id));
    fd_book_code(b, fd_call_choice_name(FD_CALL_LIST_STATE, state), fd_call_choice_label(FD_CALL_LIST_STATE, state));
    fd_book_time(b, fd_col_int(st, FD_COL_CALL_ROW_CLOSED_AT));
    if (complaint)
        fd_book_number(b, complaint);
    else
        fd_book_text(b, NULL);
    fd_book_text(b, fd_book_notes_of(x->corrections, id));
    int64_t repair = fd_col_int(st, FD_COL_CALL_ROW_REPAIR_ID);
    if (repair) {
        fd_repair_state rs =
            (fd_repair_state)call_repair_state_parse(fd_col_text(st, FD_COL_CALL_ROW_REPAIR_STATE));
        fd_book_number(b, repair);
        fd_book_code(b, fd_repair_state_name(rs), fd_repair_state_label(rs));
    } else {
        fd_book_text(b, NULL);
        fd_book_text(b, NULL);
    }
    fd_book_text(b, fd_book_notes_of(x->repairs, id));
    fd_book_row(b);
}

static fd_status export_read(fd_store *store, void *ctx, fd_error *err)
{
    exporting *x = ctx;
    fd_status s;
    if ((s = read_steps(store, x, err)) != FD_OK || (s = read_corrections(store, x, err)) != FD_OK ||
        (s = read_repairs(store, x, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_BETWEEN);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        export_entry(x, st);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_calls_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                          fd_book *book, fd_error *err)
{
    if (!fd_may(who, FD_ACT_CALL_EXPORT))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only managers and administrators may export the call and walk-in register."));
    if (req->unmasked && !fd_may_see_phones(d->config, who))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not see phone numbers in full."),
                       fd_role_label(who->role));
    fd_book_sheet(book, "calls", N_("Calls and walk-ins (接听接待登记)"), columns, EXPORT_COLUMNS);
    exporting x = {d, who, req, book, fd_book_notes_new(), fd_book_notes_new(), fd_book_notes_new(),
                   fd_book_notes_new()};
    fd_status s = fd_store_read(d->store, export_read, &x, err);
    fd_book_notes_free(x.answers);
    fd_book_notes_free(x.referrals);
    fd_book_notes_free(x.corrections);
    fd_book_notes_free(x.repairs);
    return s;
}
