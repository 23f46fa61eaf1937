/* Key loans, what is read: the views with keyset paging, the counters for the status
 * line and the handover, a key's history, the loan lists and the export. See
 * include/frontdesk/keys.h. */
#include "frontdesk/keys.h"
#include "frontdesk/book.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "keys/keys_internal.h"
#include "store/stmt.h"

/* ---- the key views ---- */

void fd_key_cursor_after(fd_key_cursor *c, const fd_key_row *row)
{
    c->set = true;
    c->due = row->due_at;
    snprintf(c->tag, sizeof c->tag, "%s", row->tag);
    c->id = row->id;
}

static void read_key_row(fd_stmt *st, fd_key_row *r)
{
    *r = (fd_key_row){
        .id = fd_col_int(st, FD_COL_KEY_LIST_ID),
        .tag = fd_col_text(st, FD_COL_KEY_LIST_TAG),
        .unit = fd_col_text(st, FD_COL_KEY_LIST_UNIT),
        .description = fd_col_text(st, FD_COL_KEY_LIST_DESCRIPTION),
        .state = key_state_read(fd_col_text(st, FD_COL_KEY_LIST_STATE)),
        .department = fd_col_text(st, FD_COL_KEY_LIST_DEPARTMENT),
        .custodian = fd_col_text(st, FD_COL_KEY_LIST_PERSON),
        .copy_of = fd_col_int(st, FD_COL_KEY_LIST_COPY_OF),
        .replaces = fd_col_int(st, FD_COL_KEY_LIST_REPLACES),
        .loan_id = fd_col_int(st, FD_COL_KEY_LIST_LOAN_ID),
        .borrower = fd_col_text(st, FD_COL_KEY_LIST_BORROWER),
        .company = fd_col_text(st, FD_COL_KEY_LIST_COMPANY),
        .out_at = fd_col_int(st, FD_COL_KEY_LIST_OUT_AT),
        .due_at = fd_col_int(st, FD_COL_KEY_LIST_DUE_AT),
        .emergency = fd_col_int(st, FD_COL_KEY_LIST_EMERGENCY) != 0,
        .overdue = fd_col_int(st, FD_COL_KEY_LIST_OVERDUE) != 0,
    };
    fd_key_kind_parse(fd_col_text(st, FD_COL_KEY_LIST_KIND), &r->kind);
}

/* What a search binds: prefixes of tags and unit codes (both stored in upper case) as
 * GLOB patterns, and a LIKE pattern for descriptions; all NULL for no search. */
typedef struct search_patterns {
    char *glob, *contains;
} search_patterns;

static void make_patterns(const char *search, search_patterns *p)
{
    size_t n;
    const char *start = text_trim(search, false, &n);
    *p = (search_patterns){NULL, NULL};
    if (n == 0)
        return;
    char *g = p->glob = fd_alloc(3 * n + 2), *c = p->contains = fd_alloc(2 * n + 3);
    *c++ = '%';
    for (size_t i = 0; i < n; i++) {
        char ch = start[i];
        if (ch == '*' || ch == '?' || ch == '[') {
            *g++ = '[', *g++ = ch, *g++ = ']';
        } else {
            *g++ = ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
        }
        if (ch == '%' || ch == '_' || ch == '\\')
            *c++ = '\\';
        *c++ = ch;
    }
    *g++ = '*';
    *c++ = '%';
}

static void bind_search(fd_stmt *st, const search_patterns *p)
{
    fd_bind_text(st, ":tag_glob", p->glob);
    fd_bind_text(st, ":unit_glob", p->glob);
    fd_bind_text(st, ":contains", p->contains);
}

typedef struct key_list {
    fd_desk *d;
    fd_keys_view view;
    search_patterns search;
    const fd_key_cursor *after;
    int limit;
    void (*each)(void *ctx, const fd_key_row *row);
    void *ctx;
} key_list;

static fd_stmt *key_list_stmt(key_list *q)
{
    bool after = q->after && q->after->set;
    fd_stmt *st;
    if (q->view == FD_KEYS_REGISTER) {
        st = fd_sql(q->d->store, FD_SQL_KEYS_REGISTER);
        fd_bind_text(st, ":after_tag", after ? q->after->tag : "");
    } else {
        st = fd_sql(q->d->store, q->view == FD_KEYS_TO_SEAL ? FD_SQL_KEYS_TO_SEAL : FD_SQL_KEYS_OUT);
        if (q->view != FD_KEYS_TO_SEAL)
            fd_bind_int(st, ":overdue_only", q->view == FD_KEYS_OVERDUE);
        fd_bind_int(st, ":after", after);
        fd_bind_int(st, ":after_due", after ? q->after->due : 0);
        fd_bind_int(st, ":after_id", after ? q->after->id : 0);
    }
    bind_search(st, &q->search);
    return st;
}

static fd_status each_key_row(fd_stmt *st, void (*each)(void *ctx, const fd_key_row *row),
                              void *ctx, fd_error *err)
{
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_key_row row;
        read_key_row(st, &row);
        each(ctx, &row);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status key_list_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    key_list *q = ctx;
    fd_stmt *st = key_list_stmt(q);
    fd_bind_int(st, ":now", fd_desk_now(q->d));
    fd_bind_int(st, ":limit", q->limit);
    return each_key_row(st, q->each, q->ctx, err);
}

fd_status fd_keys_list(fd_desk *d, fd_keys_view view, const char *search,
                       const fd_key_cursor *after, int limit,
                       void (*each)(void *ctx, const fd_key_row *row), void *ctx, fd_error *err)
{
    if (view < FD_KEYS_OUT || view > FD_KEYS_TO_SEAL)
        return fd_fail(err, FD_INVALID, NULL, "fd_keys_list: no view %d", (int)view);
    key_list q = {.d = d, .view = view, .after = after, .limit = limit, .each = each, .ctx = ctx};
    make_patterns(search, &q.search);
    fd_status s = fd_store_read(d->store, key_list_txn, &q, err);
    free(q.search.glob);
    free(q.search.contains);
    return s;
}

typedef struct key_one {
    fd_desk *d;
    int64_t id;
    fd_sql_id sql;
    void (*each)(void *ctx, const fd_key_row *row);
    void *ctx;
} key_one;

static fd_status key_one_txn(fd_store *store, void *ctx, fd_error *err)
{
    key_one *q = ctx;
    fd_stmt *st = fd_sql(store, q->sql);
    fd_bind_int(st, ":now", fd_desk_now(q->d));
    if (q->sql == FD_SQL_KEY_ROW)
        fd_bind_int(st, ":id", q->id);
    return each_key_row(st, q->each, q->ctx, err);
}

typedef struct found_flag {
    bool found;
    void (*each)(void *ctx, const fd_key_row *row);
    void *ctx;
} found_flag;

static void note_found(void *ctx, const fd_key_row *row)
{
    found_flag *f = ctx;
    f->found = true;
    f->each(f->ctx, row);
}

fd_status fd_key_get(fd_desk *d, int64_t key_id, void (*each)(void *ctx, const fd_key_row *row),
                     void *ctx, fd_error *err)
{
    found_flag f = {false, each, ctx};
    key_one q = {d, key_id, FD_SQL_KEY_ROW, note_found, &f};
    fd_status s = fd_store_read(d->store, key_one_txn, &q, err);
    if (s == FD_OK && !f.found)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no key number %lld."), (long long)key_id);
    return s;
}

fd_status fd_keys_overdue(fd_desk *d, void (*each)(void *ctx, const fd_key_row *row), void *ctx,
                          fd_error *err)
{
    return fd_keys_list(d, FD_KEYS_OVERDUE, NULL, NULL, -1, each, ctx, err);
}

fd_status fd_keys_seal_overdue(fd_desk *d, void (*each)(void *ctx, const fd_key_row *row),
                               void *ctx, fd_error *err)
{
    key_one q = {d, 0, FD_SQL_KEYS_SEAL_OVERDUE, each, ctx};
    return fd_store_read(d->store, key_one_txn, &q, err);
}

/* ---- counters ---- */

typedef struct counter {
    fd_desk *d;
    fd_sql_id sql; /* a statement of row key_tally */
    const char *kind, *state;
    long count;
} counter;

static fd_status count_txn(fd_store *store, void *ctx, fd_error *err)
{
    counter *c = ctx;
    fd_stmt *st = fd_sql(store, c->sql);
    if (c->kind) {
        fd_bind_text(st, ":kind", c->kind);
        fd_bind_text(st, ":state", c->state);
    } else {
        fd_bind_int(st, ":now", fd_desk_now(c->d));
    }
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        c->count = (long)fd_col_int(st, FD_COL_KEY_TALLY_KEYS);
    fd_stmt_reset(st);
    return s;
}

static fd_status count(fd_desk *d, fd_sql_id sql, const char *kind, const char *state, long *out,
                       fd_error *err)
{
    counter c = {d, sql, kind, state, 0};
    fd_status s = fd_store_read(d->store, count_txn, &c, err);
    *out = s == FD_OK ? c.count : 0;
    return s;
}

fd_status fd_keys_count_out(fd_desk *d, long *out, fd_error *err)
{
    return count(d, FD_SQL_KEYS_COUNT_STATE, "key", fd_key_state_name(FD_KEY_STATE_ON_LOAN), out,
                 err);
}

fd_status fd_keys_count_overdue(fd_desk *d, long *out, fd_error *err)
{
    return count(d, FD_SQL_KEYS_COUNT_OVERDUE, NULL, NULL, out, err);
}

fd_status fd_keys_count_pending(fd_desk *d, long *out, fd_error *err)
{
    return count(d, FD_SQL_KEYS_COUNT_STATE, "loan", fd_loan_state_name(FD_LOAN_STATE_REQUESTED),
                 out, err);
}

fd_status fd_keys_count_approved(fd_desk *d, long *out, fd_error *err)
{
    return count(d, FD_SQL_KEYS_COUNT_STATE, "loan", fd_loan_state_name(FD_LOAN_STATE_APPROVED),
                 out, err);
}

fd_status fd_keys_count_to_seal(fd_desk *d, long *out, fd_error *err)
{
    return count(d, FD_SQL_KEYS_COUNT_STATE, "key", fd_key_state_name(FD_KEY_STATE_TO_SEAL), out,
                 err);
}

fd_status fd_keys_count_seal_overdue(fd_desk *d, long *out, fd_error *err)
{
    return count(d, FD_SQL_KEYS_COUNT_SEAL_OVERDUE, NULL, NULL, out, err);
}

/* ---- a key's history ---- */

typedef struct history {
    int64_t key_id, before;
    int limit;
    void (*each)(void *ctx, const fd_key_event *e);
    void *ctx;
} history;

static fd_status history_txn(fd_store *store, void *ctx, fd_error *err)
{
    history *h = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_KEY_HISTORY);
    fd_bind_int(st, ":key_id", h->key_id);
    fd_bind_int(st, ":before", h->before > 0 ? h->before : INT64_MAX);
    fd_bind_int(st, ":limit", h->limit);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_key_event e = {
            .id = fd_col_int(st, FD_COL_KEY_HISTORY_ID),
            .event = fd_col_text(st, FD_COL_KEY_HISTORY_EVENT),
            .from_state = fd_col_text(st, FD_COL_KEY_HISTORY_FROM_STATE),
            .to_state = fd_col_text(st, FD_COL_KEY_HISTORY_TO_STATE),
            .note = fd_col_text(st, FD_COL_KEY_HISTORY_NOTE),
            .at = fd_col_int(st, FD_COL_KEY_HISTORY_AT),
            .staff = fd_col_text(st, FD_COL_KEY_HISTORY_STAFF_NAME),
            .approver = fd_col_text(st, FD_COL_KEY_HISTORY_APPROVER_NAME),
            .custodian = fd_col_text(st, FD_COL_KEY_HISTORY_CUSTODIAN),
            .responsible = fd_col_text(st, FD_COL_KEY_HISTORY_RESPONSIBLE),
            .other_tag = fd_col_text(st, FD_COL_KEY_HISTORY_OTHER_TAG),
            .loan_id = fd_col_int(st, FD_COL_KEY_HISTORY_LOAN_ID),
            .borrower = fd_col_text(st, FD_COL_KEY_HISTORY_BORROWER),
            .emergency = fd_col_int(st, FD_COL_KEY_HISTORY_EMERGENCY) != 0,
        };
        h->each(h->ctx, &e);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_key_history(fd_desk *d, int64_t key_id, int64_t before_id, int limit,
                         void (*each)(void *ctx, const fd_key_event *e), void *ctx, fd_error *err)
{
    history h = {key_id, before_id, limit, each, ctx};
    return fd_store_read(d->store, history_txn, &h, err);
}

/* ---- loans ---- */

static bool sees_phones(const fd_desk *d, const fd_actor *who)
{
    return who && fd_may_see_phones(d->config, who);
}

static void shown_phone(bool clear, const char *phone, char out[FD_KEY_PHONE_SHOWN])
{
    if (!phone)
        out[0] = '\0';
    else if (clear)
        snprintf(out, FD_KEY_PHONE_SHOWN, "%s", phone);
    else
        fd_mask_phone(phone, out, FD_KEY_PHONE_SHOWN);
}

static void read_loan_row(fd_stmt *st, bool clear, fd_loan_row *r)
{
    *r = (fd_loan_row){
        .id = fd_col_int(st, FD_COL_LOAN_LIST_ID),
        .state = key_loan_state_read(fd_col_text(st, FD_COL_LOAN_LIST_STATE)),
        .emergency = fd_col_int(st, FD_COL_LOAN_LIST_EMERGENCY) != 0,
        .borrower = fd_col_text(st, FD_COL_LOAN_LIST_BORROWER),
        .department = fd_col_text(st, FD_COL_LOAN_LIST_DEPARTMENT),
        .company = fd_col_text(st, FD_COL_LOAN_LIST_COMPANY),
        .note = fd_col_text(st, FD_COL_LOAN_LIST_NOTE),
        .keys = fd_col_text(st, FD_COL_LOAN_LIST_TAGS),
        .key_count = (int)fd_col_int(st, FD_COL_LOAN_LIST_KEY_COUNT),
        .requested_at = fd_col_int(st, FD_COL_LOAN_LIST_REQUESTED_AT),
        .expected_return = fd_col_int(st, FD_COL_LOAN_LIST_EXPECTED_RETURN),
        .approved_at = fd_col_int(st, FD_COL_LOAN_LIST_APPROVED_AT),
        .out_at = fd_col_int(st, FD_COL_LOAN_LIST_OUT_AT),
        .due_at = fd_col_int(st, FD_COL_LOAN_LIST_DUE_AT),
        .returned_at = fd_col_int(st, FD_COL_LOAN_LIST_RETURNED_AT),
        .requested_by = fd_col_text(st, FD_COL_LOAN_LIST_REQUESTED_BY),
        .approved_by = fd_col_text(st, FD_COL_LOAN_LIST_APPROVED_BY),
        .returned_by = fd_col_text(st, FD_COL_LOAN_LIST_RETURNED_BY),
        .received_by = fd_col_text(st, FD_COL_LOAN_LIST_RECEIVED_BY),
        .notices = (int)fd_col_int(st, FD_COL_LOAN_LIST_NOTICES),
        .units_waiting = (int)fd_col_int(st, FD_COL_LOAN_LIST_UNITS_WAITING),
        .overdue = fd_col_int(st, FD_COL_LOAN_LIST_OVERDUE) != 0,
        .lost_keys = fd_col_text(st, FD_COL_LOAN_LIST_LOST_TAGS),
        .return_note = fd_col_text(st, FD_COL_LOAN_LIST_RETURN_NOTE),
        .ended_at = fd_col_int(st, FD_COL_LOAN_LIST_ENDED_AT),
        .ended_by = fd_col_text(st, FD_COL_LOAN_LIST_ENDED_BY),
        .ended_note = fd_col_text(st, FD_COL_LOAN_LIST_ENDED_NOTE),
    };
    fd_borrower_kind_parse(fd_col_text(st, FD_COL_LOAN_LIST_BORROWER_KIND), &r->borrower_kind);
    shown_phone(clear, fd_col_text(st, FD_COL_LOAN_LIST_PHONE_CLEAR), r->phone);
    fd_key_reason_parse(fd_col_text(st, FD_COL_LOAN_LIST_REASON), &r->reason);
    if (r->state == FD_LOAN_STATE_LOST)
        r->overdue = false; /* nothing is coming back: lost, not late */
}

typedef struct loan_list {
    fd_desk *d;
    bool clear;
    fd_sql_id sql;
    fd_loan_state state;
    fd_time from, to;
    int64_t id;   /* after this id, or the one loan */
    int limit;
    int found;
    void (*each)(void *ctx, const fd_loan_row *row);
    void *ctx;
} loan_list;

static fd_status loan_list_txn(fd_store *store, void *ctx, fd_error *err)
{
    loan_list *q = ctx;
    fd_stmt *st = fd_sql(store, q->sql);
    fd_bind_int(st, ":now", fd_desk_now(q->d));
    if (q->sql == FD_SQL_KEY_LOAN_ROW) {
        fd_bind_int(st, ":id", q->id);
    } else {
        if (q->sql == FD_SQL_KEY_LOANS_BY_STATE) {
            fd_bind_text(st, ":state", fd_loan_state_name(q->state));
        } else {
            fd_bind_int(st, ":from", q->from);
            fd_bind_int(st, ":to", q->to);
        }
        fd_bind_int(st, ":after", q->id);
        fd_bind_int(st, ":limit", q->limit);
    }
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_loan_row row;
        read_loan_row(st, q->clear, &row);
        q->found++;
        q->each(q->ctx, &row);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_key_loans_list(fd_desk *d, const fd_actor *who, fd_loans_view view, int64_t after_id,
                            int limit, void (*each)(void *ctx, const fd_loan_row *row), void *ctx,
                            fd_error *err)
{
    loan_list q = {.d = d, .clear = sees_phones(d, who), .sql = FD_SQL_KEY_LOANS_BY_STATE,
                   .state = view == FD_LOANS_APPROVED ? FD_LOAN_STATE_APPROVED : FD_LOAN_STATE_REQUESTED,
                   .id = after_id,
                   .limit = limit, .each = each, .ctx = ctx};
    return fd_store_read(d->store, loan_list_txn, &q, err);
}

fd_status fd_key_loans_between(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                               int64_t after_id, int limit,
                               void (*each)(void *ctx, const fd_loan_row *row), void *ctx,
                               fd_error *err)
{
    loan_list q = {.d = d, .clear = sees_phones(d, who), .sql = FD_SQL_KEY_LOANS_BETWEEN,
                   .from = from, .to = to, .id = after_id, .limit = limit, .each = each,
                   .ctx = ctx};
    return fd_store_read(d->store, loan_list_txn, &q, err);
}

fd_status fd_key_loan_get(fd_desk *d, const fd_actor *who, int64_t loan_id,
                          void (*each)(void *ctx, const fd_loan_row *row), void *ctx,
                          fd_error *err)
{
    loan_list q = {.d = d, .clear = sees_phones(d, who), .sql = FD_SQL_KEY_LOAN_ROW, .id = loan_id,
                   .each = each, .ctx = ctx};
    fd_status s = fd_store_read(d->store, loan_list_txn, &q, err);
    if (s == FD_OK && q.found == 0)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no loan number %lld."), (long long)loan_id);
    return s;
}

typedef struct notice_list {
    int64_t loan_id;
    bool clear;
    void (*each)(void *ctx, const fd_key_notice_row *row);
    void *ctx;
} notice_list;

static fd_status notice_list_txn(fd_store *store, void *ctx, fd_error *err)
{
    notice_list *q = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_KEY_NOTICES);
    fd_bind_int(st, ":loan_id", q->loan_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_key_notice_row row = {
            .id = fd_col_int(st, FD_COL_KEY_NOTICES_ID),
            .unit_id = fd_col_int(st, FD_COL_KEY_NOTICES_UNIT_ID),
            .unit = fd_col_text(st, FD_COL_KEY_NOTICES_CODE),
            .target = fd_col_text(st, FD_COL_KEY_NOTICES_TARGET),
            .name = fd_col_text(st, FD_COL_KEY_NOTICES_NAME),
            .called_at = fd_col_int(st, FD_COL_KEY_NOTICES_CALLED_AT),
            .note = fd_col_text(st, FD_COL_KEY_NOTICES_NOTE),
            .staff = fd_col_text(st, FD_COL_KEY_NOTICES_STAFF_NAME),
        };
        shown_phone(q->clear, fd_col_text(st, FD_COL_KEY_NOTICES_PHONE_CLEAR), row.phone);
        fd_key_outcome_parse(fd_col_text(st, FD_COL_KEY_NOTICES_OUTCOME), &row.outcome);
        q->each(q->ctx, &row);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_key_loan_notices(fd_desk *d, const fd_actor *who, int64_t loan_id,
                              void (*each)(void *ctx, const fd_key_notice_row *row), void *ctx,
                              fd_error *err)
{
    notice_list q = {loan_id, sees_phones(d, who), each, ctx};
    return fd_store_read(d->store, notice_list_txn, &q, err);
}

/* ---- export ---- */

static const fd_book_column loan_columns[] = {
    {"loan", N_("Loan number"), FD_BOOK_NUMBER},
    {"requested_at", N_("Asked for at"), FD_BOOK_TIME},
    {"tag", N_("Key tag"), FD_BOOK_TEXT},
    {"unit", N_("Unit"), FD_BOOK_TEXT},
    {"description", N_("Opens"), FD_BOOK_TEXT},
    {"key_kind", N_("Key kind"), FD_BOOK_TEXT},
    {"borrower_kind", N_("Borrower is"), FD_BOOK_TEXT},
    {"borrower", N_("Borrower"), FD_BOOK_TEXT},
    {"department", N_("Department"), FD_BOOK_TEXT},
    {"company", N_("Company"), FD_BOOK_TEXT},
    {"phone", N_("Phone"), FD_BOOK_TEXT},
    {"reason", N_("Reason"), FD_BOOK_TEXT},
    {"note", N_("Note"), FD_BOOK_TEXT},
    {"emergency", N_("Emergency"), FD_BOOK_TEXT},
    {"state", N_("State"), FD_BOOK_TEXT},
    {"refusal", N_("Reason refused or cancelled"), FD_BOOK_TEXT},
    {"approved_by", N_("Consent by"), FD_BOOK_TEXT},
    {"approved_at", N_("Consent at"), FD_BOOK_TIME},
    {"out_at", N_("Lent at"), FD_BOOK_TIME},
    {"due_at", N_("Due back at"), FD_BOOK_TIME},
    {"returned_at", N_("Returned at"), FD_BOOK_TIME},
    {"returned_by", N_("Returned by"), FD_BOOK_TEXT},
    {"received_by", N_("Received by"), FD_BOOK_TEXT},
    {"requested_by", N_("Recorded by"), FD_BOOK_TEXT},
    {"notices", N_("Occupants told (attempts)"), FD_BOOK_NUMBER},
    {"overdue", N_("Overdue"), FD_BOOK_TEXT},
};
enum { LOAN_COLUMNS = sizeof loan_columns / sizeof loan_columns[0] };

static const fd_book_column custodian_columns[] = {
    {"department", N_("Department"), FD_BOOK_TEXT},
    {"custodian", N_("Custodian"), FD_BOOK_TEXT},
    {"lent", N_("Loans"), FD_BOOK_NUMBER},
    {"overdue", N_("Back late"), FD_BOOK_NUMBER},
    {"damaged", N_("Damaged"), FD_BOOK_NUMBER},
    {"lost", N_("Lost"), FD_BOOK_NUMBER},
};
enum { CUSTODIAN_COLUMNS = sizeof custodian_columns / sizeof custodian_columns[0] };

typedef struct export_op {
    fd_desk *d;
    const fd_export_request *req;
    bool clear;
    fd_book *book;
} export_op;

static void time_cell(fd_book *b, fd_stmt *st, int col)
{
    fd_book_time(b, fd_col_null(st, col) ? 0 : fd_col_int(st, col));
}

/* A stored name as its code (JSON) or label. */
static void key_kind_cell(fd_book *b, const char *name)
{
    fd_key_kind k;
    fd_book_code(b, name, name && fd_key_kind_parse(name, &k) ? fd_key_kind_label(k) : name);
}

static void borrower_cell(fd_book *b, const char *name)
{
    fd_borrower_kind k;
    fd_book_code(b, name, name && fd_borrower_kind_parse(name, &k) ? fd_borrower_kind_label(k) : name);
}

static void reason_cell(fd_book *b, const char *name)
{
    fd_key_reason r;
    fd_book_code(b, name, name && fd_key_reason_parse(name, &r) ? fd_key_reason_label(r) : name);
}

static void export_loan_row(export_op *o, fd_stmt *st)
{
    fd_book *b = o->book;
    char phone[FD_KEY_PHONE_SHOWN];
    shown_phone(o->clear, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_PHONE_CLEAR), phone);
    bool out = !fd_col_null(st, FD_COL_KEY_EXPORT_LOANS_DUE_AT);
    const char *state = fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_STATE);
    /* A key lost on its loan is never shown returned, whatever became of the loan, nor
     * late: it is not coming back. */
    bool lost = fd_col_int(st, FD_COL_KEY_EXPORT_LOANS_LOST) != 0;
    bool overdue = out && !lost && fd_col_int(st, FD_COL_KEY_EXPORT_LOANS_OVERDUE) != 0;
    fd_book_number(b, fd_col_int(st, FD_COL_KEY_EXPORT_LOANS_LOAN_ID));
    time_cell(b, st, FD_COL_KEY_EXPORT_LOANS_REQUESTED_AT);
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_TAG));
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_UNIT));
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_DESCRIPTION));
    key_kind_cell(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_KIND));
    borrower_cell(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_BORROWER_KIND));
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_BORROWER));
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_DEPARTMENT));
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_COMPANY));
    fd_book_text(b, phone);
    reason_cell(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_REASON));
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_NOTE));
    fd_book_flag(b, fd_col_int(st, FD_COL_KEY_EXPORT_LOANS_EMERGENCY) != 0);
    fd_loan_state parsed = FD_LOAN_STATE_REQUESTED;
    fd_loan_state_parse(state, &parsed);
    if (lost)
        fd_book_code(b, "lost", fd_key_state_label(FD_KEY_STATE_LOST, false));
    else
        fd_book_code(b, state, fd_loan_state_label(parsed, false));
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_REFUSAL));
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_APPROVED_BY));
    time_cell(b, st, FD_COL_KEY_EXPORT_LOANS_APPROVED_AT);
    time_cell(b, st, FD_COL_KEY_EXPORT_LOANS_OUT_AT);
    time_cell(b, st, FD_COL_KEY_EXPORT_LOANS_DUE_AT);
    if (lost) {
        fd_book_time(b, 0);
        fd_book_text(b, NULL);
        fd_book_text(b, NULL);
    } else {
        time_cell(b, st, FD_COL_KEY_EXPORT_LOANS_RETURNED_AT);
        fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_RETURNED_BY));
        fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_RECEIVED_BY));
    }
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_LOANS_REQUESTED_BY));
    fd_book_number(b, fd_col_int(st, FD_COL_KEY_EXPORT_LOANS_NOTICES));
    fd_book_flag(b, overdue);
    fd_book_row(b);
}

static void export_custodian_row(export_op *o, fd_stmt *st)
{
    fd_book *b = o->book;
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_CUSTODIANS_DEPARTMENT));
    fd_book_text(b, fd_col_text(st, FD_COL_KEY_EXPORT_CUSTODIANS_PERSON));
    fd_book_number(b, fd_col_int(st, FD_COL_KEY_EXPORT_CUSTODIANS_LENT));
    fd_book_number(b, fd_col_int(st, FD_COL_KEY_EXPORT_CUSTODIANS_LATE));
    fd_book_number(b, fd_col_int(st, FD_COL_KEY_EXPORT_CUSTODIANS_DAMAGED));
    fd_book_number(b, fd_col_int(st, FD_COL_KEY_EXPORT_CUSTODIANS_LOST));
    fd_book_row(b);
}

static fd_status export_rows(fd_store *store, export_op *o, bool custodians, fd_error *err)
{
    fd_stmt *st = fd_sql(store, custodians ? FD_SQL_KEY_EXPORT_CUSTODIANS : FD_SQL_KEY_EXPORT_LOANS);
    fd_bind_int(st, ":from", o->req->from);
    fd_bind_int(st, ":to", o->req->to);
    fd_bind_int(st, ":now", fd_desk_now(o->d));
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        if (custodians)
            export_custodian_row(o, st);
        else
            export_loan_row(o, st);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* The month: each custodian's record of use, damage and loss (what goes to the
 * supervisor), then in a workbook the loans it was counted from; otherwise the loans. */
static fd_status export_txn(fd_store *store, void *ctx, fd_error *err)
{
    export_op *o = ctx;
    fd_status s = FD_OK;
    if (o->req->monthly) {
        fd_book_sheet(o->book, "custodians", N_("Key custodians' month"), custodian_columns,
                      CUSTODIAN_COLUMNS);
        s = export_rows(store, o, true, err);
        if (s != FD_OK || o->req->format != FD_EXPORT_XLSX)
            return s;
    }
    fd_book_sheet(o->book, "keys", N_("Key loans"), loan_columns, LOAN_COLUMNS);
    return export_rows(store, o, false, err);
}

fd_status fd_keys_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                         fd_book *book, fd_error *err)
{
    if (!fd_may(who, FD_ACT_KEY_EXPORT))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Key loans are exported by the managers and the administrator."));
    bool clear = req->unmasked;
    if (clear && !sees_phones(d, who))
        return fd_fail(err, FD_DENIED, NULL, _("%s may not export phone numbers in full."),
                       fd_role_label(who->role));
    export_op o = {d, req, clear, book};
    return fd_store_read(d->store, export_txn, &o, err);
}
