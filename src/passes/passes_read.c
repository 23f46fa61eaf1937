/* Reading the passes: the lists, one pass, its goods and history, a company's authority.
 * See include/frontdesk/passes.h. Every read is one snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/choice.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "passes/passes_internal.h"
#include "store/stmt.h"

/* A column's text, "" for NULL. */
static const char *text_of(fd_stmt *st, int col)
{
    const char *t = fd_col_text(st, col);
    return t ? t : "";
}

static int choice_of(fd_stmt *st, int col, fd_pass_list list, int otherwise)
{
    int v = fd_pass_choice_parse(list, fd_col_text(st, col));
    return v < 0 ? otherwise : v;
}

/* The carrier's document as who may see it: in full while it is kept, else masked. */
static void shown_document(const fd_desk *d, const fd_actor *who, fd_stmt *st, fd_pass *p)
{
    const char *clear = fd_col_text(st, FD_COL_PASS_ROW_DOC_NUMBER_CLEAR);
    p->doc_in_full = clear && d->config && fd_may_see_documents(d->config, who);
    snprintf(p->doc_number, sizeof p->doc_number, "%s",
             p->doc_in_full ? clear : text_of(st, FD_COL_PASS_ROW_DOC_NUMBER_MASKED));
}

/* Reads a row of pass_row as who may see it. */
static void read_pass(const fd_desk *d, const fd_actor *who, fd_stmt *st, fd_pass *p)
{
    *p = (fd_pass){
        .id = fd_col_int(st, FD_COL_PASS_ROW_ID),
        .state = (fd_pass_state)choice_of(st, FD_COL_PASS_ROW_STATE, FD_PASS_LIST_STATE, 0),
        .direction = (fd_pass_direction)choice_of(st, FD_COL_PASS_ROW_DIRECTION,
                                                  FD_PASS_LIST_DIRECTION, 0),
        .company_id = fd_col_int(st, FD_COL_PASS_ROW_COMPANY_ID),
        .unit_id = fd_col_int(st, FD_COL_PASS_ROW_UNIT_ID),
        .day = (fd_date)fd_col_int(st, FD_COL_PASS_ROW_DAY),
        .window_from = fd_col_int(st, FD_COL_PASS_ROW_WINDOW_FROM),
        .window_to = fd_col_int(st, FD_COL_PASS_ROW_WINDOW_TO),
        .scheduled = fd_col_int(st, FD_COL_PASS_ROW_SCHEDULED) != 0,
        .sealed = fd_col_int(st, FD_COL_PASS_ROW_SEALED) != 0,
        .issued_at = fd_col_int(st, FD_COL_PASS_ROW_AT),
        .closed_at = fd_col_int(st, FD_COL_PASS_ROW_CLOSED_AT),
        .refused = !fd_col_null(st, FD_COL_PASS_ROW_HAZARD),
        .hazard = (fd_pass_hazard)choice_of(st, FD_COL_PASS_ROW_HAZARD, FD_PASS_LIST_HAZARD, 0),
        .lines = (int)fd_col_int(st, FD_COL_PASS_ROW_LINES),
    };
    fd_doc_type type = FD_DOC_OTHER;
    fd_doc_type_parse(text_of(st, FD_COL_PASS_ROW_DOC_TYPE), &type);
    p->doc_type = type;
    shown_document(d, who, st, p);
    snprintf(p->company, sizeof p->company, "%s", text_of(st, FD_COL_PASS_ROW_COMPANY));
    snprintf(p->unit, sizeof p->unit, "%s", text_of(st, FD_COL_PASS_ROW_UNIT));
    snprintf(p->carrier, sizeof p->carrier, "%s", text_of(st, FD_COL_PASS_ROW_CARRIER));
    snprintf(p->signer, sizeof p->signer, "%s", text_of(st, FD_COL_PASS_ROW_SIGNER));
    snprintf(p->issued_by, sizeof p->issued_by, "%s", text_of(st, FD_COL_PASS_ROW_ISSUED_BY));
    snprintf(p->closed_by, sizeof p->closed_by, "%s", text_of(st, FD_COL_PASS_ROW_CLOSED_BY));
    snprintf(p->void_reason, sizeof p->void_reason, "%s", text_of(st, FD_COL_PASS_ROW_VOID_REASON));
    snprintf(p->refusal_reason, sizeof p->refusal_reason, "%s",
             text_of(st, FD_COL_PASS_ROW_REFUSAL_REASON));
    snprintf(p->goods, sizeof p->goods, "%s", text_of(st, FD_COL_PASS_ROW_GOODS));
    p->overdue = p->state == FD_PASS_STATE_ISSUED && p->scheduled &&
                 p->window_to <= fd_desk_now(d);
}

const char *fd_pass_shown_state_name(const fd_pass *p)
{
    return p->overdue ? "overdue" : fd_pass_choice_name(FD_PASS_LIST_STATE, (int)p->state);
}

const char *fd_pass_shown_state_label(const fd_pass *p)
{
    return p->overdue ? _("Overdue") : fd_pass_choice_label(FD_PASS_LIST_STATE, (int)p->state);
}

fd_status fd_pass_get(fd_desk *d, const fd_actor *who, int64_t id, fd_pass *out, fd_error *err)
{
    fd_status s = pass_facts(d, id, NULL, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_PASS_GET);
    fd_bind_int(st, ":id", id);
    if ((s = fd_step_row(st, err)) == FD_OK) {
        read_pass(d, who, st, out);
        fd_stmt_reset(st);
    }
    return s;
}

/* ---- lists ---- */

typedef struct listing {
    fd_desk *d;
    const fd_actor *who;
    const fd_pass_query *q;
    void (*each)(void *ctx, const fd_pass *p);
    void *ctx;
} listing;

static fd_stmt *list_statement(fd_desk *d, const fd_pass_query *q)
{
    fd_stmt *st;
    switch (q->view) {
    case FD_PASS_VIEW_DESK:
        st = fd_sql(d->store, FD_SQL_PASS_LIST_DESK);
        fd_bind_int(st, ":today", fd_date_of(fd_desk_now(d)));
        return st;
    case FD_PASS_VIEW_OPEN:
        st = fd_sql(d->store, FD_SQL_PASS_LIST_OPEN);
        fd_bind_int(st, ":now", fd_desk_now(d));
        return st;
    case FD_PASS_VIEW_SEARCH:
    case FD_PASS_VIEW_COUNT:
        break;
    }
    st = fd_sql(d->store, FD_SQL_PASS_SEARCH_TEXT);
    /* A unit typed in an input method's full-width mode (Ｔ－１５) is the code it reads as. */
    char *folded = text_folded(q->text ? q->text : "");
    fd_bind_text(st, ":text", folded);
    free(folded);
    return st;
}

/* Steps st to its end, each row read as who may see it. */
static fd_status each_pass(fd_desk *d, const fd_actor *who, fd_stmt *st,
                           void (*each)(void *ctx, const fd_pass *p), void *ctx, fd_error *err)
{
    fd_pass *p = fd_alloc(sizeof *p);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        read_pass(d, who, st, p);
        each(ctx, p);
    }
    free(p);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status list_read(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    listing *l = ctx;
    const fd_pass_query *q = l->q;
    fd_stmt *st = list_statement(l->d, q);
    fd_bind_int(st, ":after", q->after ? 1 : 0);
    fd_bind_int(st, ":after_key", q->after ? q->after->window_from : 0);
    fd_bind_int(st, ":after_id", q->after ? q->after->id : 0);
    fd_bind_int(st, ":limit", q->limit);
    return each_pass(l->d, l->who, st, l->each, l->ctx, err);
}

fd_status fd_passes_list(fd_desk *d, const fd_actor *who, const fd_pass_query *q,
                         void (*each)(void *ctx, const fd_pass *p), void *ctx, fd_error *err)
{
    if (q->limit < 1 || q->limit > LIST_LIMIT_MAX || (unsigned)q->view >= FD_PASS_VIEW_COUNT)
        return fd_fail(err, FD_INVALID, NULL, "fd_passes_list: view %d, limit %d", (int)q->view,
                       q->limit);
    listing l = {d, who, q, each, ctx};
    return fd_store_read(d->store, list_read, &l, err);
}

typedef struct between {
    fd_desk *d;
    const fd_actor *who;
    fd_date from, to;
    void (*each)(void *ctx, const fd_pass *p);
    void *ctx;
} between;

static fd_status between_read(fd_store *store, void *ctx, fd_error *err)
{
    between *b = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_PASS_BETWEEN);
    fd_bind_int(st, ":from", b->from);
    fd_bind_int(st, ":to", b->to);
    return each_pass(b->d, b->who, st, b->each, b->ctx, err);
}

fd_status fd_passes_between(fd_desk *d, const fd_actor *who, fd_date from, fd_date to,
                            void (*each)(void *ctx, const fd_pass *p), void *ctx,
                            fd_error *err)
{
    between b = {d, who, from, to, each, ctx};
    return fd_store_read(d->store, between_read, &b, err);
}

typedef struct overdue_count {
    fd_desk *d;
    long *out;
} overdue_count;

static fd_status overdue_count_read(fd_store *store, void *ctx, fd_error *err)
{
    overdue_count *c = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_PASS_OVERDUE_COUNT);
    fd_bind_int(st, ":now", fd_desk_now(c->d));
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        *c->out = (long)fd_col_int(st, FD_COL_PASS_OVERDUE_COUNT_PASSES);
    fd_stmt_reset(st);
    return s;
}

fd_status fd_passes_overdue_count(fd_desk *d, long *out, fd_error *err)
{
    *out = 0;
    overdue_count c = {d, out};
    return fd_store_read(d->store, overdue_count_read, &c, err);
}

/* ---- one pass's goods and history ---- */

typedef struct items {
    fd_desk *d;
    int64_t id;
    void (*each)(void *ctx, int line, const char *name, int quantity, const char *measure);
    void *ctx;
} items;

static fd_status items_read(fd_store *store, void *ctx, fd_error *err)
{
    items *it = ctx;
    fd_status s = pass_facts(it->d, it->id, NULL, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_PASS_ITEMS);
    fd_bind_int(st, ":id", it->id);
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        it->each(it->ctx, (int)fd_col_int(st, FD_COL_PASS_ITEMS_LINE),
                 fd_col_text(st, FD_COL_PASS_ITEMS_NAME), (int)fd_col_int(st, FD_COL_PASS_ITEMS_QUANTITY),
                 fd_col_text(st, FD_COL_PASS_ITEMS_MEASURE));
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_pass_items(fd_desk *d, int64_t id,
                        void (*each)(void *ctx, int line, const char *name, int quantity,
                                     const char *measure),
                        void *ctx, fd_error *err)
{
    items it = {d, id, each, ctx};
    return fd_store_read(d->store, items_read, &it, err);
}

static const fd_choice event_labels[] = {
    {"issue", N_("Pass issued")},
    {"pass", N_("Let through (seal confirmed)")},
    {"refuse", N_("Stopped at the door")},
    {"void", N_("Pass voided")},
};

static const char *event_label(const char *event)
{
    static const fd_choice_list list = FD_CHOICE_LIST(event_labels);
    return fd_choice_label_of(&list, event);
}

typedef struct history {
    fd_desk *d;
    int64_t id;
    void (*each)(void *ctx, const fd_pass_line *line);
    void *ctx;
} history;

static fd_status history_read(fd_store *store, void *ctx, fd_error *err)
{
    history *h = ctx;
    fd_status s = pass_facts(h->d, h->id, NULL, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_PASS_EVENTS);
    fd_bind_int(st, ":id", h->id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *event = fd_col_text(st, FD_COL_PASS_EVENTS_EVENT);
        const char *hazard = fd_col_text(st, FD_COL_PASS_EVENTS_HAZARD);
        const char *reason = fd_col_text(st, FD_COL_PASS_EVENTS_REASON);
        fd_pass_line line = {
            .at = fd_col_int(st, FD_COL_PASS_EVENTS_AT),
            .event = event,
            .label = event_label(event),
            .staff = fd_col_text(st, FD_COL_PASS_EVENTS_STAFF),
            .hazard = hazard ? fd_pass_choice_label(FD_PASS_LIST_HAZARD,
                                                    fd_pass_choice_parse(FD_PASS_LIST_HAZARD, hazard))
                             : NULL,
            .reason = reason ? reason : fd_col_text(st, FD_COL_PASS_EVENTS_NOTE),
        };
        h->each(h->ctx, &line);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_pass_history(fd_desk *d, int64_t id,
                          void (*each)(void *ctx, const fd_pass_line *line), void *ctx,
                          fd_error *err)
{
    history h = {d, id, each, ctx};
    return fd_store_read(d->store, history_read, &h, err);
}

/* ---- a company's authority ---- */

typedef struct authority_read {
    fd_desk *d;
    int64_t company_id;
    fd_pass_authority *out;
    void (*each)(void *ctx, const fd_pass_authority *a);
    void *ctx;
} authority_read;

static fd_status current_read(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    authority_read *r = ctx;
    return pass_authority_read(r->d, r->company_id, r->out, err);
}

fd_status fd_pass_authority_get(fd_desk *d, int64_t company_id, fd_pass_authority *out,
                                fd_error *err)
{
    authority_read r = {d, company_id, out, NULL, NULL};
    return fd_store_read(d->store, current_read, &r, err);
}

static fd_status history_of_read(fd_store *store, void *ctx, fd_error *err)
{
    authority_read *r = ctx;
    fd_status s = pass_company(r->d, r->company_id, NULL, NULL, 0, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_PASS_AUTHORITY_HISTORY);
    fd_bind_int(st, ":company_id", r->company_id);
    fd_pass_authority a = {0};
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        pass_authority_of(st, &a);
        r->each(r->ctx, &a);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_pass_authority_history(fd_desk *d, int64_t company_id,
                                    void (*each)(void *ctx, const fd_pass_authority *a),
                                    void *ctx, fd_error *err)
{
    authority_read r = {d, company_id, NULL, each, ctx};
    return fd_store_read(d->store, history_of_read, &r, err);
}

typedef struct authority_on {
    fd_desk *d;
    int64_t company_id;
    fd_date day;
    fd_pass_authority *out;
} authority_on;

static fd_status on_day_read(fd_store *store, void *ctx, fd_error *err)
{
    authority_on *r = ctx;
    fd_status s = pass_company(r->d, r->company_id, NULL, NULL, 0, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_PASS_AUTHORITY_AT);
    fd_bind_int(st, ":company_id", r->company_id);
    fd_bind_int(st, ":at", fd_date_start(r->day + 1));
    s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND) {
        *r->out = (fd_pass_authority){.company_id = r->company_id, .kind = FD_AUTHORITY_NONE};
        return FD_OK;
    }
    if (s != FD_OK)
        return s;
    pass_authority_of(st, r->out);
    fd_stmt_reset(st);
    return FD_OK;
}

fd_status fd_pass_authority_on(fd_desk *d, int64_t company_id, fd_date day,
                               fd_pass_authority *out, bool *in_force, fd_error *err)
{
    authority_on r = {d, company_id, day, out};
    fd_status s = fd_store_read(d->store, on_day_read, &r, err);
    if (s == FD_OK)
        *in_force = pass_authority_in_force(out, day);
    return s;
}
