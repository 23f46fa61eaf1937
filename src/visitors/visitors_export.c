/* Visits leaving the desk: the export. See include/frontdesk/visitors.h. Each row is
 * the whole record: the visit as it reads now, who registered, admitted and signed
 * it out and who approved (the duty manager at night), and every correction with the
 * value it replaced. */
#include "frontdesk/visitors.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "frontdesk/book.h"
#include "frontdesk/i18n.h"
#include "frontdesk/validate.h"
#include "visitors/visitors_internal.h"
#include "store/stmt.h"

static const fd_book_column columns[] = {
    {"slip", N_("Slip number"), FD_BOOK_TEXT},
    {"registered_at", N_("Registered at"), FD_BOOK_TIME},
    {"visitor", N_("Visitor's name"), FD_BOOK_TEXT},
    {"doc_type", N_("Document type"), FD_BOOK_TEXT},
    {"doc_number", N_("Document number"), FD_BOOK_TEXT},
    {"phone", N_("Phone"), FD_BOOK_TEXT},
    {"party_size", N_("People"), FD_BOOK_NUMBER},
    {"purpose", N_("Purpose"), FD_BOOK_TEXT},
    {"visitee_unit", N_("Unit visited"), FD_BOOK_TEXT},
    {"visitee_company", N_("Company visited"), FD_BOOK_TEXT},
    {"visitee_department", N_("Department visited"), FD_BOOK_TEXT},
    {"visitee", N_("Person visited"), FD_BOOK_TEXT},
    {"visitee_position", N_("Position"), FD_BOOK_TEXT},
    {"state", N_("State"), FD_BOOK_TEXT},
    {"gate", N_("Gate"), FD_BOOK_TEXT},
    {"admitted_at", N_("Admitted at"), FD_BOOK_TIME},
    {"left_at", N_("Left at"), FD_BOOK_TIME},
    {"slip_returned", N_("Slip came back"), FD_BOOK_TEXT},
    {"refusal", N_("Reason for refusal"), FD_BOOK_TEXT},
    {"registered_by", N_("Registered by"), FD_BOOK_TEXT},
    {"approved_by", N_("Approved by"), FD_BOOK_TEXT},
    {"admitted_by", N_("Admitted by"), FD_BOOK_TEXT},
    {"signed_out_by", N_("Signed out by"), FD_BOOK_TEXT},
    {"corrections", N_("Corrections"), FD_BOOK_TEXT},
};
enum { COLUMN_COUNT = COUNT(columns) };

/* What the history adds to one visit; the texts are owned. */
typedef struct history {
    int64_t visit_id;
    char *approved_by, *admitted_by, *signed_out_by, *corrections;
} history;

typedef struct exporting {
    fd_book *book;
    bool full_phones;
    history *histories;   /* by visit, as the statement orders them */
    size_t count, capacity;
} exporting;

/* Is item one of the separator-joined items of list? */
static bool listed(const char *list, const char *separator, const char *item)
{
    size_t n = strlen(item), gap = strlen(separator);
    for (const char *p = list; p; p = strstr(p, separator), p = p ? p + gap : NULL)
        if (strncmp(p, item, n) == 0 && (p[n] == '\0' || strncmp(p + n, separator, gap) == 0))
            return true;
    return false;
}

static char *append(char *list, const char *separator, const char *item)
{
    if (!item || !*item)
        return list;
    if (list && strcmp(separator, "\n") != 0 && listed(list, separator, item))
        return list;  /* one approver approving twice is named once */
    char *joined = list ? fd_printf("%s%s%s", list, separator, item) : fd_strdup(item);
    free(list);
    return joined;
}

static history *history_for(exporting *x, int64_t visit_id)
{
    if (x->count && x->histories[x->count - 1].visit_id == visit_id)
        return &x->histories[x->count - 1];
    if (x->count == x->capacity) {
        x->capacity = x->capacity ? 2 * x->capacity : 64;
        x->histories = fd_realloc(x->histories, x->capacity * sizeof *x->histories);
    }
    history *h = &x->histories[x->count++];
    memset(h, 0, sizeof *h);
    h->visit_id = visit_id;
    return h;
}

/* A phone in a correction is masked as the visit's own phone is. */
static const char *shown_value(const exporting *x, const char *field, const char *value,
                               char *buf, size_t size)
{
    if (!value || x->full_phones || strcmp(field, "phone") != 0)
        return value;
    fd_mask_phone(value, buf, size);
    return buf;
}

static void read_correction(exporting *x, history *h, fd_stmt *st)
{
    const char *field = fd_col_text(st, FD_COL_VISIT_EXPORT_HISTORY_FIELD);
    fd_visit_field f;
    char old[MASK_BYTES], value[MASK_BYTES];
    char *line = fd_book_correction(
        x->book, field, fd_visit_field_parse(field, &f) ? fd_visit_field_label(f) : field,
        shown_value(x, field, fd_col_text(st, FD_COL_VISIT_EXPORT_HISTORY_OLD_VALUE), old, sizeof old),
        shown_value(x, field, fd_col_text(st, FD_COL_VISIT_EXPORT_HISTORY_NEW_VALUE), value, sizeof value),
        fd_col_text(st, FD_COL_VISIT_EXPORT_HISTORY_REASON), fd_col_text(st, FD_COL_VISIT_EXPORT_HISTORY_STAFF),
        fd_col_int(st, FD_COL_VISIT_EXPORT_HISTORY_AT));
    h->corrections = append(h->corrections, "\n", line);
    free(line);
}

static void read_event(history *h, fd_stmt *st)
{
    const char *event = fd_col_text(st, FD_COL_VISIT_EXPORT_HISTORY_EVENT);
    const char *staff = fd_col_text(st, FD_COL_VISIT_EXPORT_HISTORY_STAFF);
    h->approved_by = append(h->approved_by, "、", fd_col_text(st, FD_COL_VISIT_EXPORT_HISTORY_APPROVER));
    if (strcmp(event, "admit") == 0)
        h->admitted_by = append(h->admitted_by, "、", staff);
    else if (strncmp(event, "sign_out", 8) == 0)
        h->signed_out_by = append(h->signed_out_by, "、", staff);
}

static fd_status read_histories(fd_store *store, exporting *x, fd_time from, fd_time to,
                                fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_EXPORT_HISTORY);
    fd_bind_int(st, ":from", from);
    fd_bind_int(st, ":to", to);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        history *h = history_for(x, fd_col_int(st, FD_COL_VISIT_EXPORT_HISTORY_VISIT_ID));
        if (fd_col_null(st, FD_COL_VISIT_EXPORT_HISTORY_EVENT))
            read_correction(x, h, st);
        else
            read_event(h, st);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* The visits come oldest first, their histories by number: found by halving. */
static const history *find_history(const exporting *x, int64_t visit_id)
{
    size_t lo = 0, hi = x->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->histories[mid].visit_id < visit_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->count && x->histories[lo].visit_id == visit_id ? &x->histories[lo] : NULL;
}

static void export_visit(void *ctx, const fd_visit *v)
{
    exporting *x = ctx;
    fd_book *b = x->book;
    const history *h = find_history(x, v->id);
    static const history none;
    h = h ? h : &none;
    fd_book_text(b, v->slip);
    fd_book_time(b, v->registered_at);
    fd_book_text(b, v->visitor_name);
    fd_book_code(b, fd_doc_type_name(v->doc_type), fd_doc_type_label(v->doc_type));
    fd_book_text(b, v->doc_number);
    fd_book_text(b, v->phone);
    fd_book_number(b, v->party_size);
    fd_book_text(b, v->purpose);
    fd_book_text(b, v->visitee_unit);
    fd_book_text(b, v->visitee_company);
    fd_book_text(b, v->visitee_department);
    fd_book_text(b, v->visitee_name);
    fd_book_text(b, v->visitee_position);
    fd_book_code(b, fd_visit_state_name(v->state), fd_visit_state_label(v->state));
    fd_book_text(b, v->gate);
    fd_book_time(b, v->admitted_at);
    fd_book_time(b, v->left_at);
    if (v->left_at)
        fd_book_code(b, v->slip_signed ? "signed" : "unsigned",
                     v->slip_signed ? _("signed") : _("NOT signed"));
    else
        fd_book_text(b, NULL);
    fd_book_text(b, v->refusal);
    fd_book_text(b, v->registered_by);
    fd_book_text(b, h->approved_by);
    fd_book_text(b, h->admitted_by);
    fd_book_text(b, h->signed_out_by);
    fd_book_text(b, h->corrections);
    fd_book_row(b);
}

typedef struct export_query {
    exporting *x;
    between_query visits;
} export_query;

/* The histories and the visits in one snapshot, so they agree. */
static fd_status export_read(fd_store *store, void *ctx, fd_error *err)
{
    export_query *q = ctx;
    fd_status s = read_histories(store, q->x, q->visits.from, q->visits.to, err);
    return s == FD_OK ? visit_between_read(store, &q->visits, err) : s;
}

static void free_histories(exporting *x)
{
    for (size_t i = 0; i < x->count; i++) {
        free(x->histories[i].approved_by);
        free(x->histories[i].admitted_by);
        free(x->histories[i].signed_out_by);
        free(x->histories[i].corrections);
    }
    free(x->histories);
}

fd_status fd_visitors_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                             fd_book *book, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    fd_status s = visit_need_actor(who, err);
    if (s != FD_OK)
        return s;
    if (req->unmasked && !visit_sees_documents(d, who))
        return fd_fail(err, FD_DENIED, NULL,
                       _("%s may not export full document numbers."), fd_role_label(who->role));
    fd_book_sheet(book, "visitors", N_("Visitor log"), columns, COLUMN_COUNT);
    /* Masked unless asked for in full, whoever exports: a file travels further than a
     * screen. */
    bool phones = req->unmasked && visit_sees_phones(d, who);
    exporting x = {.book = book, .full_phones = phones};
    export_query q = {&x, {req->from, req->to, {req->unmasked, phones, export_visit, &x}}};
    s = fd_store_read(d->store, export_read, &q, err);
    free_histories(&x);
    return s;
}
