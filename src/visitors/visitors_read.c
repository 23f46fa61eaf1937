/* Reading visits: the lists and searches, the counters, one visit and its history,
 * a day's log. See include/frontdesk/visitors.h. */
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

/* ---- lists ---- */

typedef struct list_query {
    fd_desk *d;
    fd_visit_view view;
    const fd_visit *after;
    int limit;
    char *lo, *hi, *ulo, *uhi; /* prefix searches; lo is the part for name and phone */
    int64_t seq;               /* a slip's short number (011 of 20261206-011); 0: none */
    char hmac[FD_HASH_HEX];    /* document search */
    reader r;
} list_query;

static int64_t after_id(const list_query *q)
{
    return q->after ? q->after->id : INT64_MAX;
}

static void bind_prefix(fd_stmt *st, const list_query *q)
{
    fd_bind_text(st, ":lo", q->lo);
    fd_bind_text(st, ":hi", q->hi);
    fd_bind_text(st, ":last_key", q->after && q->after->key ? q->after->key : q->hi);
    fd_bind_int(st, ":last_id", after_id(q));
}

/* Names and phones are found by any part ("明" finds 李明华; for phones, see
 * visit_page_phone): the rows containing it, in the same key order. */
static void bind_part(fd_stmt *st, const list_query *q)
{
    fd_bind_text(st, ":part", q->lo);
    fd_bind_text(st, ":last_key", q->after && q->after->key ? q->after->key : PREFIX_END);
    fd_bind_int(st, ":last_id", after_id(q));
}

static fd_stmt *prepare_page(fd_store *store, const list_query *q)
{
    static const fd_sql_id page_sql[FD_VISIT_VIEW_COUNT] = {
        [FD_VISITS_INSIDE] = FD_SQL_VISIT_PAGE_INSIDE,
        [FD_VISITS_WAITING] = FD_SQL_VISIT_PAGE_WAITING,
        [FD_VISITS_TODAY] = FD_SQL_VISIT_PAGE_TODAY,
        [FD_VISITS_BY_NAME] = FD_SQL_VISIT_PAGE_NAME,
        [FD_VISITS_BY_PHONE] = FD_SQL_VISIT_PAGE_PHONE,
        [FD_VISITS_BY_DOCUMENT] = FD_SQL_VISIT_PAGE_DOCUMENT,
        [FD_VISITS_BY_VISITEE] = FD_SQL_VISIT_PAGE_VISITEE,
        [FD_VISITS_BY_SLIP] = FD_SQL_VISIT_PAGE_SLIP,
    };
    fd_stmt *st = fd_sql(store, page_sql[q->view]);
    fd_bind_int(st, ":limit", q->limit);
    switch (q->view) {
    case FD_VISITS_INSIDE:
    case FD_VISITS_WAITING:
        fd_bind_int(st, ":last_id", after_id(q));
        break;
    case FD_VISITS_TODAY: {
        fd_date today = fd_date_of(fd_desk_now(q->d));
        fd_bind_int(st, ":start", fd_date_start(today));
        fd_bind_int(st, ":end", fd_date_start(today + 1));
        fd_bind_int(st, ":last_at", q->after ? q->after->registered_at : INT64_MAX);
        fd_bind_int(st, ":last_id", after_id(q));
        break;
    }
    case FD_VISITS_BY_DOCUMENT:
        fd_bind_text(st, ":hmac", q->hmac);
        fd_bind_int(st, ":last_id", after_id(q));
        break;
    case FD_VISITS_BY_VISITEE:
        fd_bind_text(st, ":ulo", q->ulo);
        fd_bind_text(st, ":uhi", q->uhi);
        bind_prefix(st, q);
        break;
    case FD_VISITS_BY_NAME:
        bind_part(st, q);
        break;
    case FD_VISITS_BY_PHONE:
        /* A reader who sees phones masked finds by the digits the mask shows, else
         * trying digit after digit would read the masked ones. */
        bind_part(st, q);
        fd_bind_int(st, ":in_full", q->r.full_phones);
        break;
    case FD_VISITS_BY_SLIP:
        bind_prefix(st, q);
        if (q->seq > 0)
            fd_bind_int(st, ":seq", q->seq);
        else
            fd_bind_null(st, ":seq");
        break;
    default:
        bind_prefix(st, q);
        break;
    }
    return st;
}

static fd_status list_read(fd_store *store, void *ctx, fd_error *err)
{
    list_query *q = ctx;
    return visit_each_visit(prepare_page(store, q), &q->r, NULL, err);
}

static void drop_blanks(char *s)
{
    char *w = s;
    for (const char *p = s; *p; p++)
        if (*p != ' ' && *p != '\t')
            *w++ = *p;
    *w = '\0';
}

/* A phone is searched in its normal form when it is a whole number, else as typed
 * without blanks and dashes, so "138 0013" and "8000" find 13800138000. */
static char *phone_search_text(const char *text)
{
    char normal[MASK_BYTES];
    if (fd_validate_phone(text, "", normal, sizeof normal, NULL) == FD_OK)
        return fd_strdup(normal);
    char *s = text_trimmed(text);
    char *w = s;
    for (const char *p = s; *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '-')
            *w++ = *p;
    *w = '\0';
    return s;
}

/* A slip's short number: up to four digits, the part after the day ("011", "11"). */
enum { SLIP_SHORT_DIGITS = 4 };

static int64_t slip_short_number(const char *text)
{
    size_t n = strlen(text);
    if (n == 0 || n > SLIP_SHORT_DIGITS || strspn(text, "0123456789") != n)
        return 0;
    return strtoll(text, NULL, 10);
}

/* Sets up q's search; false when the text can match nothing. */
static bool prepare_search(fd_desk *d, list_query *q, const char *text)
{
    if (q->view == FD_VISITS_BY_DOCUMENT) {
        char normal[MASK_BYTES];
        if (fd_validate_document(FD_DOC_OTHER, text, "", normal, sizeof normal, NULL) != FD_OK)
            return false;
        fd_desk_hmac_hex(d, normal, q->hmac);
        return true;
    }
    /* Digits as an input method in full-width mode types them: "５６７８" is "5678". */
    char *folded = text_folded(text);
    q->lo = q->view == FD_VISITS_BY_PHONE  ? phone_search_text(folded)
            : q->view == FD_VISITS_BY_SLIP ? text_trimmed(folded)
                                           : text_trimmed(text);
    free(folded);
    if (q->view == FD_VISITS_BY_SLIP)
        drop_blanks(q->lo);
    if (!*q->lo)
        return false;
    if (q->view == FD_VISITS_BY_SLIP && (q->seq = slip_short_number(q->lo)) > 0) {
        /* Every slip of every day, those with that number. */
        q->hi = fd_strdup(PREFIX_END);
        q->lo[0] = '\0';
        q->ulo = fd_strdup("");
        q->uhi = fd_strdup(PREFIX_END);
        return true;
    }
    q->hi = fd_printf("%s%s", q->lo, PREFIX_END);
    q->ulo = fd_strdup(q->lo);
    visit_upper_ascii(q->ulo);
    q->uhi = fd_printf("%s%s", q->ulo, PREFIX_END);
    return true;
}

/* Digits with the blanks, dashes and plus a phone is written with, full-width or not. */
static bool looks_like_phone(const char *text)
{
    char *folded = text_folded(text ? text : "");
    bool digit = strpbrk(folded, "0123456789") != NULL;
    bool only = strspn(folded, "0123456789 -+") == strlen(folded);
    free(folded);
    return digit && only;
}

fd_status fd_visits_list(fd_desk *d, const fd_actor *who, fd_visit_view view, const char *text,
                         const fd_visit *after, int limit,
                         void (*each)(void *ctx, const fd_visit *v), void *ctx, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    if ((unsigned)view >= FD_VISIT_VIEW_COUNT || limit <= 0)
        return fd_fail(err, FD_USAGE, NULL, "fd_visits_list: bad view or limit");
    if (view == FD_VISITS_BY_NAME_OR_PHONE)
        view = looks_like_phone(text) ? FD_VISITS_BY_PHONE : FD_VISITS_BY_NAME;
    list_query q = {.d = d, .view = view, .after = after, .limit = limit,
                    .r = visit_reader_for(d, who, each, ctx)};
    bool searching = view >= FD_VISITS_BY_NAME;
    fd_status s = FD_OK;
    if (!searching || prepare_search(d, &q, text))
        s = fd_store_read(d->store, list_read, &q, err);
    free(q.lo);
    free(q.hi);
    free(q.ulo);
    free(q.uhi);
    return s;
}

typedef struct inside_reader {
    void (*each)(void *ctx, const fd_visitor_inside *v);
    void *ctx;
} inside_reader;

static fd_status inside_read(fd_store *store, void *ctx, fd_error *err)
{
    inside_reader *r = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_ALL_INSIDE);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_visitor_inside v = {
            .id = fd_col_int(st, FD_COL_VISIT_ALL_INSIDE_ID),
            .slip = fd_col_text(st, FD_COL_VISIT_ALL_INSIDE_SLIP),
            .visitor_name = fd_col_text(st, FD_COL_VISIT_ALL_INSIDE_VISITOR_NAME),
            .visitee_unit = fd_col_text(st, FD_COL_VISIT_ALL_INSIDE_VISITEE_UNIT),
            .visitee_company = fd_col_text(st, FD_COL_VISIT_ALL_INSIDE_VISITEE_COMPANY),
            .visitee_department = fd_col_text(st, FD_COL_VISIT_ALL_INSIDE_VISITEE_DEPARTMENT),
            .visitee_name = fd_col_text(st, FD_COL_VISIT_ALL_INSIDE_VISITEE_NAME),
            .admitted_at = fd_col_int(st, FD_COL_VISIT_ALL_INSIDE_ADMITTED_AT),
        };
        r->each(r->ctx, &v);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_visits_inside(fd_desk *d, void (*each)(void *ctx, const fd_visitor_inside *v),
                           void *ctx, fd_error *err)
{
    inside_reader r = {each, ctx};
    return fd_store_read(d->store, inside_read, &r, err);
}

/* ---- counters ---- */

typedef struct count_query {
    fd_sql_id sql; /* a statement of row visit_tally */
    const char *state;
    fd_time start, end;
    long count;
} count_query;

static fd_status count_read(fd_store *store, void *ctx, fd_error *err)
{
    count_query *q = ctx;
    fd_stmt *st = fd_sql(store, q->sql);
    if (q->state) {
        fd_bind_text(st, ":state", q->state);
    } else {
        fd_bind_int(st, ":start", q->start);
        fd_bind_int(st, ":end", q->end);
    }
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        q->count = (long)fd_col_int(st, FD_COL_VISIT_TALLY_VISITS);
    fd_stmt_reset(st);
    return s;
}

static fd_status count(fd_desk *d, count_query *q, long *out, fd_error *err)
{
    fd_error local = {0};
    fd_status s = fd_store_read(d->store, count_read, q, err ? err : &local);
    *out = s == FD_OK ? q->count : 0;
    return s;
}

fd_status fd_visits_inside_count(fd_desk *d, long *out, fd_error *err)
{
    count_query q = {.sql = FD_SQL_VISIT_COUNT_STATE, .state = "admitted"};
    return count(d, &q, out, err);
}

fd_status fd_visits_waiting_count(fd_desk *d, long *out, fd_error *err)
{
    count_query q = {.sql = FD_SQL_VISIT_COUNT_STATE, .state = "registered"};
    return count(d, &q, out, err);
}

fd_status fd_visits_today_count(fd_desk *d, long *out, fd_error *err)
{
    fd_date today = fd_date_of(fd_desk_now(d));
    count_query q = {.sql = FD_SQL_VISIT_COUNT_SINCE, .start = fd_date_start(today),
                     .end = fd_date_start(today + 1)};
    return count(d, &q, out, err);
}

/* ---- one visit and its history ---- */

typedef struct detail_query {
    int64_t id;
    const fd_visit_detail_cb *cb;
    void *ctx;
    reader r;
} detail_query;

static void detail_visit(void *ctx, const fd_visit *v)
{
    detail_query *q = ctx;
    if (q->cb->visit)
        q->cb->visit(q->ctx, v);
}

static fd_status read_one(fd_store *store, detail_query *q, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_ONE);
    fd_bind_int(st, ":id", q->id);
    long rows = 0;
    fd_status s = visit_each_visit(st, &q->r, &rows, err);
    if (s == FD_OK && rows == 0)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no visit number %" PRId64 "."), q->id);
    return s;
}

static fd_status read_events(fd_store *store, detail_query *q, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_EVENTS);
    fd_bind_int(st, ":id", q->id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *event = fd_col_text(st, FD_COL_VISIT_EVENTS_EVENT);
        fd_visit_event e = {
            .id = fd_col_int(st, FD_COL_VISIT_EVENTS_ID),
            .event = event,
            .label = visit_event_label(event),
            .to_state = fd_col_text(st, FD_COL_VISIT_EVENTS_TO_STATE),
            .note = fd_col_text(st, FD_COL_VISIT_EVENTS_NOTE),
            .staff_name = fd_col_text(st, FD_COL_VISIT_EVENTS_STAFF_NAME),
            .approver_name = fd_col_text(st, FD_COL_VISIT_EVENTS_APPROVER_NAME),
            .at = fd_col_int(st, FD_COL_VISIT_EVENTS_AT),
        };
        if (q->cb->event)
            q->cb->event(q->ctx, &e);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status read_corrections(fd_store *store, detail_query *q, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_CORRECTIONS);
    fd_bind_int(st, ":id", q->id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_visit_field field = FD_VISIT_FIELD_PURPOSE;
        fd_visit_field_parse(fd_col_text(st, FD_COL_VISIT_CORRECTIONS_FIELD), &field);
        shown buf;
        const char *value = fd_col_text(st, FD_COL_VISIT_CORRECTIONS_VALUE);
        fd_visit_correction c = {
            .id = fd_col_int(st, FD_COL_VISIT_CORRECTIONS_ID),
            .field = field,
            .label = fd_visit_field_label(field),
            .value = field == FD_VISIT_FIELD_PHONE ? visit_show_phone(&q->r, value, &buf) : value,
            .reason = fd_col_text(st, FD_COL_VISIT_CORRECTIONS_REASON),
            .staff_name = fd_col_text(st, FD_COL_VISIT_CORRECTIONS_NAME),
            .at = fd_col_int(st, FD_COL_VISIT_CORRECTIONS_AT),
        };
        if (q->cb->correction)
            q->cb->correction(q->ctx, &c);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status detail_read(fd_store *store, void *ctx, fd_error *err)
{
    detail_query *q = ctx;
    fd_status s;
    if ((s = read_one(store, q, err)) != FD_OK || (s = read_events(store, q, err)) != FD_OK)
        return s;
    return read_corrections(store, q, err);
}

fd_status fd_visit_detail(fd_desk *d, const fd_actor *who, int64_t visit_id,
                          const fd_visit_detail_cb *cb, void *ctx, fd_error *err)
{
    fd_error local = {0};
    detail_query q = {visit_id, cb, ctx, {0}};
    q.r = visit_reader_for(d, who, detail_visit, &q);
    return fd_store_read(d->store, detail_read, &q, err ? err : &local);
}

/* ---- a day's log ---- */

fd_status visit_between_read(fd_store *store, void *ctx, fd_error *err)
{
    between_query *q = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_BETWEEN);
    fd_bind_int(st, ":from", q->from);
    fd_bind_int(st, ":to", q->to);
    return visit_each_visit(st, &q->r, NULL, err);
}

fd_status fd_visits_between(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                            void (*each)(void *ctx, const fd_visit *v), void *ctx, fd_error *err)
{
    fd_error local = {0};
    between_query q = {from, to, visit_reader_for(d, who, each, ctx)};
    return fd_store_read(d->store, visit_between_read, &q, err ? err : &local);
}

static fd_status carried_over_read(fd_store *store, void *ctx, fd_error *err)
{
    between_query *q = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_CARRIED_OVER);
    fd_bind_int(st, ":from", q->from);
    fd_bind_int(st, ":to", q->to);
    return visit_each_visit(st, &q->r, NULL, err);
}

fd_status fd_visits_carried_over(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                                 void (*each)(void *ctx, const fd_visit *v), void *ctx,
                                 fd_error *err)
{
    fd_error local = {0};
    between_query q = {from, to, visit_reader_for(d, who, each, ctx)};
    return fd_store_read(d->store, carried_over_read, &q, err ? err : &local);
}
