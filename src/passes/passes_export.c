/* The passes leaving the desk: the export. See include/frontdesk/passes.h. */
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/book.h"
#include "frontdesk/i18n.h"
#include "passes/passes_internal.h"
#include "store/stmt.h"

static const fd_book_column columns[] = {
    {"id", N_("Pass number"), FD_BOOK_NUMBER},
    {"direction", N_("Out or in"), FD_BOOK_TEXT},
    {"window_from", N_("From"), FD_BOOK_TIME},
    {"window_to", N_("Until"), FD_BOOK_TIME},
    {"scheduled", N_("Moving time arranged"), FD_BOOK_TEXT},
    {"unit", N_("Unit"), FD_BOOK_TEXT},
    {"company", N_("Company"), FD_BOOK_TEXT},
    {"carrier", N_("Carried by"), FD_BOOK_TEXT},
    {"doc_type", N_("Document"), FD_BOOK_TEXT},
    {"doc_number", N_("Document number"), FD_BOOK_TEXT},
    {"sealed", N_("Company seal"), FD_BOOK_TEXT},
    {"signer", N_("Signed by"), FD_BOOK_TEXT},
    {"goods", N_("Goods"), FD_BOOK_TEXT},
    {"issued_at", N_("Issued at"), FD_BOOK_TIME},
    {"issued_by", N_("Issued by"), FD_BOOK_TEXT},
    {"state", N_("State"), FD_BOOK_TEXT},
    {"closed_at", N_("Closed at"), FD_BOOK_TIME},
    {"closed_by", N_("Closed by"), FD_BOOK_TEXT},
    {"hazard", N_("Danger"), FD_BOOK_TEXT},
    {"reason", N_("Reason"), FD_BOOK_TEXT},
};
enum { EXPORT_COLUMNS = sizeof columns / sizeof columns[0] };

typedef struct exporting {
    fd_desk *d;
    const fd_actor *who;
    const fd_export_request *req;
    fd_book *book;
} exporting;

static void code(fd_book *b, fd_pass_list list, int value)
{
    fd_book_code(b, fd_pass_choice_name(list, value), fd_pass_choice_label(list, value));
}

static void export_pass(void *ctx, const fd_pass *p)
{
    const exporting *x = ctx;
    fd_book *b = x->book;
    fd_book_number(b, p->id);
    code(b, FD_PASS_LIST_DIRECTION, (int)p->direction);
    fd_book_time(b, p->window_from);
    fd_book_time(b, p->window_to);
    fd_book_flag(b, p->scheduled);
    fd_book_text(b, p->unit);
    fd_book_text(b, p->company);
    fd_book_text(b, p->carrier);
    fd_book_code(b, fd_doc_type_name(p->doc_type), fd_doc_type_label(p->doc_type));
    fd_book_text(b, p->doc_number);
    fd_book_flag(b, p->sealed);
    fd_book_text(b, p->signer[0] ? p->signer : NULL);
    fd_book_text(b, p->goods);
    fd_book_time(b, p->issued_at);
    fd_book_text(b, p->issued_by);
    fd_book_code(b, fd_pass_shown_state_name(p), fd_pass_shown_state_label(p)); /* as the screen shows */
    fd_book_time(b, p->closed_at);
    fd_book_text(b, p->closed_by[0] ? p->closed_by : NULL);
    if (p->refused)
        code(b, FD_PASS_LIST_HAZARD, (int)p->hazard);
    else
        fd_book_text(b, NULL);
    const char *reason = p->refused ? p->refusal_reason : p->void_reason;
    fd_book_text(b, reason[0] ? reason : NULL);
    fd_book_row(b);
}

fd_status fd_passes_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                           fd_book *book, fd_error *err)
{
    if (!fd_may(who, FD_ACT_PASS_EXPORT))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only managers and administrators may export the passes."));
    if (req->unmasked && !fd_may_see_documents(d->config, who))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not export full document numbers."),
                       fd_role_label(who->role));
    fd_book_sheet(book, "passes", N_("Carry-out and carry-in passes (携物出入门证)"), columns,
                  EXPORT_COLUMNS);
    exporting x = {d, who, req, book};
    /* Masked unless asked for in full: a file travels further than a screen. */
    const fd_actor *reader = req->unmasked ? who : NULL;
    return fd_passes_between(d, reader, fd_date_of(req->from), fd_date_of(req->to - 1) + 1,
                             export_pass, &x, err);
}
