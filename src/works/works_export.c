/* The workers' passes and the daily tools register leaving the desk: the exports. See
 * include/frontdesk/works.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/book.h"
#include "frontdesk/i18n.h"
#include "works/works_internal.h"

static const fd_book_column columns[] = {
    {"id", N_("Worker's pass number"), FD_BOOK_NUMBER},
    {"issued_at", N_("Pass given at"), FD_BOOK_TIME},
    {"issued_by", N_("Pass given by"), FD_BOOK_TEXT},
    {"renovation", N_("Renovation file"), FD_BOOK_NUMBER},
    {"unit", N_("Unit"), FD_BOOK_TEXT},
    {"company", N_("Renovation company"), FD_BOOK_TEXT},
    {"worker", N_("Worker"), FD_BOOK_TEXT},
    {"doc_type", N_("Document type"), FD_BOOK_TEXT},
    {"doc_number", N_("Document number"), FD_BOOK_TEXT},
    {"signed_by", N_("Signature of"), FD_BOOK_TEXT},
    {"signer", N_("Signer's name"), FD_BOOK_TEXT},
    {"photo", N_("Photo on the pass"), FD_BOOK_TEXT},
    {"valid_until", N_("Last day"), FD_BOOK_DAY},
    {"received", N_("Received (yuan)"), FD_BOOK_NUMBER},
    {"deposit", N_("Of which deposit (yuan)"), FD_BOOK_NUMBER},
    {"receipt", N_("Receipt no."), FD_BOOK_TEXT},
    {"state", N_("State"), FD_BOOK_TEXT},
    {"refunded", N_("Refunded (yuan)"), FD_BOOK_NUMBER},
    {"refund_receipt", N_("Refund receipt"), FD_BOOK_TEXT},
    {"ended_at", N_("Ended at"), FD_BOOK_TIME},
    {"corrections", N_("Corrections"), FD_BOOK_TEXT},
};
enum { EXPORT_COLUMNS = sizeof columns / sizeof columns[0] };

static const char *const state_labels[] = {N_("Worker's pass issued"), N_("Returned"), N_("Deposit forfeited")};

typedef struct exporting {
    fd_desk *d;
    const fd_actor *who;
    const fd_export_request *req;
    fd_book *book;
    fd_book_notes *corrections; /* by pass; a file's by its number negated */
} exporting;

static void note_correction(void *ctx, const works_correction_seen *c)
{
    exporting *x = ctx;
    char *line = fd_book_correction(x->book, fd_works_field_name(c->field),
                                    fd_works_field_label(c->field), c->old_value, c->value,
                                    c->reason, c->staff, c->at);
    fd_book_note(x->corrections, c->of_pass ? c->row_id : -c->renovation_id, line);
    free(line);
}

/* Each correction old → new, documents masked as in their column. */
static fd_status read_corrections(fd_store *store, exporting *x, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_WORKS_CORRECTIONS_EXPORTED);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    return works_corrections_read(st, x->req->unmasked, 0, 0, note_correction, x, err);
}

/* The pass's corrections and its file's, one a line. */
static void corrections_cell(exporting *x, int64_t pass_id, int64_t renovation_id)
{
    const char *file = fd_book_notes_of(x->corrections, -renovation_id);
    const char *pass = fd_book_notes_of(x->corrections, pass_id);
    if (file && pass) {
        char *both = fd_printf("%s\n%s", file, pass);
        fd_book_text(x->book, both);
        free(both);
    } else {
        fd_book_text(x->book, file ? file : pass);
    }
}

static void export_pass(exporting *x, fd_stmt *st)
{
    fd_book *b = x->book;
    const char *state = works_text_of(st, FD_COL_WORK_PASS_ROW_STATE);
    int s = strcmp(state, "returned") == 0 ? 1 : strcmp(state, "forfeited") == 0 ? 2 : 0;
    fd_doc_type type = FD_DOC_OTHER;
    fd_doc_type_parse(fd_col_text(st, FD_COL_WORK_PASS_ROW_DOC_TYPE), &type);
    const char *clear = fd_col_text(st, FD_COL_WORK_PASS_ROW_DOC_NUMBER_CLEAR);
    fd_work_signer signer = works_signer_parse(fd_col_text(st, FD_COL_WORK_PASS_ROW_SIGNER_ROLE));
    bool ended = s != 0;
    fd_book_number(b, fd_col_int(st, FD_COL_WORK_PASS_ROW_ID));
    fd_book_time(b, fd_col_int(st, FD_COL_WORK_PASS_ROW_AT));
    fd_book_text(b, fd_col_text(st, FD_COL_WORK_PASS_ROW_ISSUED_BY));
    fd_book_number(b, fd_col_int(st, FD_COL_WORK_PASS_ROW_RENOVATION_ID));
    fd_book_text(b, fd_col_text(st, FD_COL_WORK_PASS_ROW_UNIT));
    fd_book_text(b, fd_col_text(st, FD_COL_WORK_PASS_ROW_CONTRACTOR));
    fd_book_text(b, fd_col_text(st, FD_COL_WORK_PASS_ROW_WORKER));
    fd_book_code(b, fd_doc_type_name(type), fd_doc_type_label(type));
    /* In full only when asked for by a role that may see it, and not yet forgotten. */
    fd_book_text(b, x->req->unmasked && clear ? clear
                                               : fd_col_text(st, FD_COL_WORK_PASS_ROW_DOC_NUMBER_MASKED));
    fd_book_code(b, works_signer_name(signer), fd_work_signer_label(signer));
    fd_book_text(b, fd_col_text(st, FD_COL_WORK_PASS_ROW_SIGNER));
    fd_book_flag(b, fd_col_int(st, FD_COL_WORK_PASS_ROW_PHOTO) != 0);
    fd_book_day(b, (fd_date)fd_col_int(st, FD_COL_WORK_PASS_ROW_VALID_UNTIL), true);
    fd_book_number(b, fd_col_int(st, FD_COL_WORK_PASS_ROW_RECEIVED));
    fd_book_number(b, fd_col_int(st, FD_COL_WORK_PASS_ROW_DEPOSIT));
    fd_book_text(b, fd_col_text(st, FD_COL_WORK_PASS_ROW_RECEIPT));
    fd_book_code(b, state, _(state_labels[s]));
    if (ended)
        fd_book_number(b, fd_col_int(st, FD_COL_WORK_PASS_ROW_REFUNDED));
    else
        fd_book_text(b, NULL);
    fd_book_text(b, fd_col_text(st, FD_COL_WORK_PASS_ROW_REFUND_RECEIPT));
    fd_book_time(b, fd_col_int(st, FD_COL_WORK_PASS_ROW_ENDED_AT));
    corrections_cell(x, fd_col_int(st, FD_COL_WORK_PASS_ROW_ID),
                     fd_col_int(st, FD_COL_WORK_PASS_ROW_RENOVATION_ID));
    fd_book_row(b);
}

static fd_status export_read(fd_store *store, void *ctx, fd_error *err)
{
    exporting *x = ctx;
    fd_status s = read_corrections(store, x, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_WORK_PASS_BETWEEN);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        export_pass(x, st);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_works_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                          fd_book *book, fd_error *err)
{
    if (!fd_may(who, FD_ACT_WORKS_EXPORT))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only managers and administrators may export the renovation permits and passes."));
    if (req->unmasked && !fd_may_see_documents(d->config, who))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not see document numbers in full."),
                       fd_role_label(who->role));
    fd_book_sheet(book, "permits", N_("Workers' passes (施工人员临时工作证)"), columns, EXPORT_COLUMNS);
    exporting x = {d, who, req, book, fd_book_notes_new()};
    fd_status s = fd_store_read(d->store, export_read, &x, err);
    fd_book_notes_free(x.corrections);
    return s;
}

/* ---- the daily tools register ---- */

static const fd_book_column tools_columns[] = {
    {"id", N_("Tools list number"), FD_BOOK_NUMBER},
    {"registered_at", N_("Registered at"), FD_BOOK_TIME},
    {"registered_by", N_("Registered by"), FD_BOOK_TEXT},
    {"renovation", N_("Renovation file"), FD_BOOK_NUMBER},
    {"unit", N_("Unit"), FD_BOOK_TEXT},
    {"company", N_("Renovation company"), FD_BOOK_TEXT},
    {"worker", N_("Worker"), FD_BOOK_TEXT},
    {"tools", N_("Tools"), FD_BOOK_TEXT},
    {"state", N_("State"), FD_BOOK_TEXT},
    {"carried_out_at", N_("Carried out at"), FD_BOOK_TIME},
    {"as_listed", N_("As listed"), FD_BOOK_TEXT},
    {"what_differed", N_("What differed"), FD_BOOK_TEXT},
};
enum { TOOLS_COLUMNS = sizeof tools_columns / sizeof tools_columns[0] };

/* The tools one a line in their cell, as the page and the paper show them; the crew's
 * list names no worker. */
static void export_tools_row(fd_book *b, fd_stmt *st)
{
    char items[FD_WORKS_TEXT_MAX];
    snprintf(items, sizeof items, "%s", works_text_of(st, FD_COL_WORK_TOOLS_EXPORT_ITEMS));
    works_tools_lines(items);
    bool out = strcmp(works_text_of(st, FD_COL_WORK_TOOLS_EXPORT_STATE), "out") == 0;
    const char *worker = works_text_of(st, FD_COL_WORK_TOOLS_EXPORT_WORKER);
    fd_book_number(b, fd_col_int(st, FD_COL_WORK_TOOLS_EXPORT_ID));
    fd_book_time(b, fd_col_int(st, FD_COL_WORK_TOOLS_EXPORT_AT));
    fd_book_text(b, works_text_of(st, FD_COL_WORK_TOOLS_EXPORT_REGISTERED_BY));
    fd_book_number(b, fd_col_int(st, FD_COL_WORK_TOOLS_EXPORT_RENOVATION_ID));
    fd_book_text(b, works_text_of(st, FD_COL_WORK_TOOLS_EXPORT_UNIT));
    fd_book_text(b, works_text_of(st, FD_COL_WORK_TOOLS_EXPORT_CONTRACTOR));
    fd_book_text(b, worker[0] ? worker : _("the crew"));
    fd_book_text(b, items);
    fd_book_code(b, out ? "out" : "in", out ? _("Carried out") : _("Not carried out"));
    fd_book_time(b, out ? fd_col_int(st, FD_COL_WORK_TOOLS_EXPORT_OUT_AT) : 0);
    if (out)
        fd_book_flag(b, fd_col_int(st, FD_COL_WORK_TOOLS_EXPORT_AS_LISTED) != 0);
    else
        fd_book_text(b, NULL);
    fd_book_text(b, out ? works_text_of(st, FD_COL_WORK_TOOLS_EXPORT_OUT_NOTE) : NULL);
    fd_book_row(b);
}

static fd_status tools_read(fd_store *store, void *ctx, fd_error *err)
{
    exporting *x = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_WORK_TOOLS_BETWEEN);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        export_tools_row(x->book, st);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_tools_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                          fd_book *book, fd_error *err)
{
    if (!fd_may(who, FD_ACT_WORKS_EXPORT))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only managers and administrators may export the renovation permits and passes."));
    fd_book_sheet(book, "tools", N_("Daily tools register (施工工具登记)"), tools_columns, TOOLS_COLUMNS);
    exporting x = {d, who, req, book, NULL};
    return fd_store_read(d->store, tools_read, &x, err);
}
