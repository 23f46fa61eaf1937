/* Reading mail: the lists and searches, the counters, an item's history, the
 * newspapers and the daily register. See include/frontdesk/mail.h. */
#include "frontdesk/mail.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "mail/mail_internal.h"
#include "store/stmt.h"

/* ---- lists ---- */

typedef struct listing {
    fd_desk *d;
    fd_mail_view view;
    char text[PAGE_KEY_MAX];       /* as typed, trimmed */
    char upper[PAGE_KEY_MAX];      /* codes: tracking numbers, units and shelves */
    const fd_mail_item *after;
    int limit;
    void (*each)(void *ctx, const fd_mail_item *item);
    void *ctx;
} listing;

/* [lo, hi): every text that starts with prefix. No UTF-8 text contains byte 0xFF. */
static void bind_prefix(fd_stmt *st, const char *lo_param, const char *hi_param, const char *prefix)
{
    char hi[PAGE_KEY_MAX + 1];
    snprintf(hi, sizeof hi, "%s\xFF", prefix);
    fd_bind_text(st, lo_param, prefix);
    fd_bind_text(st, hi_param, hi);
}

/* a LIKE pattern: before, text with its wildcards escaped, after (caller frees). */
static char *like_pattern(const char *before, const char *text, const char *after)
{
    char *out = fd_alloc(strlen(before) + 2 * strlen(text) + strlen(after) + 1);
    char *p = stpcpy(out, before);
    for (; *text; text++) {
        if (*text == '%' || *text == '_' || *text == '\\')
            *p++ = '\\';
        *p++ = *text;
    }
    strcpy(p, after);
    return out;
}

static fd_stmt *prepare_held(listing *l)
{
    fd_stmt *st = fd_sql(l->d->store, FD_SQL_MAIL_LIST_HELD);
    char *prefix = like_pattern("", l->upper, "%"), *contains = like_pattern("%", l->text, "%");
    fd_bind_text(st, ":text", l->text);
    fd_bind_text(st, ":prefix", prefix);
    fd_bind_text(st, ":contains", contains);
    free(prefix);
    free(contains);
    fd_bind_text(st, ":after_unit", l->after ? l->after->recipient_unit : "");
    fd_bind_text(st, ":after_name", l->after ? l->after->recipient_name : "");
    fd_bind_int(st, ":after_id", l->after ? l->after->id : 0);
    return st;
}

static fd_stmt *prepare_oldest(listing *l)
{
    fd_stmt *st = fd_sql(l->d->store, FD_SQL_MAIL_LIST_OLDEST);
    fd_bind_int(st, ":after_at", l->after ? l->after->received_at : INT64_MIN);
    fd_bind_int(st, ":after_id", l->after ? l->after->id : 0);
    return st;
}

static fd_stmt *prepare_today(listing *l)
{
    fd_stmt *st = fd_sql(l->d->store, FD_SQL_MAIL_LIST_TODAY);
    fd_date today = fd_date_of(fd_desk_now(l->d));
    fd_bind_int(st, ":from", fd_date_start(today));
    fd_bind_int(st, ":to", fd_date_start(today + 1));
    fd_bind_int(st, ":after_at", l->after ? l->after->received_at : INT64_MAX);
    fd_bind_int(st, ":after_id", l->after ? l->after->id : INT64_MAX);
    return st;
}

static fd_stmt *prepare_search(listing *l)
{
    if (!l->text[0]) {
        fd_stmt *st = fd_sql(l->d->store, FD_SQL_MAIL_LIST_ALL);
        fd_bind_int(st, ":after_id", l->after ? l->after->id : INT64_MAX);
        return st;
    }
    static const fd_sql_id by_view[FD_MAIL_VIEW_COUNT] = {
        [FD_MAIL_BY_RECIPIENT] = FD_SQL_MAIL_LIST_RECIPIENT,
        [FD_MAIL_BY_TRACKING] = FD_SQL_MAIL_LIST_TRACKING,
        [FD_MAIL_BY_SHELF] = FD_SQL_MAIL_LIST_SHELF,
    };
    fd_stmt *st = fd_sql(l->d->store, by_view[l->view]);
    /* The first page starts at the lowest value the search can match: for a prefix,
     * the upper-case text (upper case sorts before lower case); for a part, any. */
    const char *first = l->upper;
    if (l->view == FD_MAIL_BY_TRACKING) {
        fd_bind_text(st, ":part", l->upper);
        first = "";
    } else {
        bind_prefix(st, ":lo", ":hi", l->upper);
    }
    if (l->view == FD_MAIL_BY_RECIPIENT) {
        fd_bind_text(st, ":name", l->text);
        first = "";
    }
    fd_bind_text(st, ":after_key", l->after ? l->after->key : first);
    fd_bind_int(st, ":after_id", l->after ? l->after->id : INT64_MAX);
    return st;
}

/* Hands each row of st to each() as an item (one buffer: an item is large). */
static fd_status emit_items(fd_desk *d, fd_stmt *st, void (*each)(void *ctx, const fd_mail_item *item),
                            void *ctx, fd_error *err)
{
    int rc;
    fd_mail_item *it = fd_alloc(sizeof *it);
    while ((rc = fd_step(st, err)) == 1) {
        mail_read_item(d, st, it);
        each(ctx, it);
    }
    free(it);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status list_read(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    listing *l = ctx;
    fd_stmt *st = l->view == FD_MAIL_OLDEST ? prepare_oldest(l)
                : l->view == FD_MAIL_HELD ? prepare_held(l)
                : l->view == FD_MAIL_TODAY ? prepare_today(l)
                : prepare_search(l);
    fd_bind_int(st, ":limit", l->limit);
    return emit_items(l->d, st, l->each, l->ctx, err);
}

static fd_status run_listing(listing *l, const char *text, fd_error *err)
{
    fd_status s = mail_clean_text(text, "search", NULL, false, l->text, sizeof l->text, err);
    if (s != FD_OK)
        return s;
    if (l->view == FD_MAIL_BY_TRACKING) {
        char *to = l->upper;
        for (const char *p = l->text; *p; p++)
            if (!text_is_space(*p))
                *to++ = *p;
        *to = '\0';
    } else {
        mail_copy(l->upper, sizeof l->upper, l->text);
    }
    mail_upper_ascii(l->upper);
    return fd_store_read(l->d->store, list_read, l, err);
}

fd_status fd_mail_list(fd_desk *d, fd_mail_view view, const char *text, const fd_mail_item *after,
                       int limit, void (*each)(void *ctx, const fd_mail_item *item), void *ctx,
                       fd_error *err)
{
    if ((unsigned)view >= FD_MAIL_VIEW_COUNT)
        return fd_fail(err, FD_INVALID, NULL, "fd_mail_list: no view %d", (int)view);
    listing l = {.d = d, .view = view, .after = after, .limit = limit, .each = each, .ctx = ctx};
    return run_listing(&l, text, err);
}

fd_status fd_mail_held(fd_desk *d, const fd_mail_item *after, int limit,
                       void (*each)(void *ctx, const fd_mail_item *item), void *ctx,
                       fd_error *err)
{
    listing l = {.d = d, .view = FD_MAIL_OLDEST, .after = after, .limit = limit, .each = each,
                 .ctx = ctx};
    return run_listing(&l, NULL, err);
}

typedef struct waiting_read {
    fd_desk *d;
    void (*each)(void *ctx, const fd_mail_waiting *item);
    void *ctx;
} waiting_read;

static fd_status at_desk_read(fd_store *store, void *ctx, fd_error *err)
{
    waiting_read *w = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_MAIL_AT_DESK);
    fd_date today = fd_date_of(fd_desk_now(w->d));
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *shelf = fd_col_text(st, FD_COL_MAIL_AT_DESK_SHELF);
        fd_mail_waiting item = {
            .id = fd_col_int(st, FD_COL_MAIL_AT_DESK_ID),
            .quantity = (int)fd_col_int(st, FD_COL_MAIL_AT_DESK_QUANTITY),
            .tracking = fd_col_text(st, FD_COL_MAIL_AT_DESK_TRACKING),
            .unit = fd_col_text(st, FD_COL_MAIL_AT_DESK_RECIPIENT_UNIT),
            .org = fd_col_text(st, FD_COL_MAIL_AT_DESK_RECIPIENT_ORG),
            .name = fd_col_text(st, FD_COL_MAIL_AT_DESK_RECIPIENT_NAME),
            .shelf = shelf ? shelf : "",
            .received_at = fd_col_int(st, FD_COL_MAIL_AT_DESK_AT),
        };
        /* The schema's CHECKs admit only known kinds. */
        fd_mail_kind_parse(fd_col_text(st, FD_COL_MAIL_AT_DESK_KIND), &item.kind);
        item.age_days = today - fd_date_of(item.received_at);
        w->each(w->ctx, &item);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_mail_at_desk(fd_desk *d, void (*each)(void *ctx, const fd_mail_waiting *item),
                          void *ctx, fd_error *err)
{
    waiting_read w = {d, each, ctx};
    return fd_store_read(d->store, at_desk_read, &w, err);
}

typedef struct between {
    fd_desk *d;
    fd_time from, to;
    void (*each)(void *ctx, const fd_mail_item *item);
    void *ctx;
} between;

static fd_status between_read(fd_store *store, void *ctx, fd_error *err)
{
    between *b = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_MAIL_LIST_BETWEEN);
    fd_bind_int(st, ":from", b->from);
    fd_bind_int(st, ":to", b->to);
    return emit_items(b->d, st, b->each, b->ctx, err);
}

fd_status fd_mail_between(fd_desk *d, fd_time from, fd_time to,
                          void (*each)(void *ctx, const fd_mail_item *item), void *ctx,
                          fd_error *err)
{
    between b = {d, from, to, each, ctx};
    return fd_store_read(d->store, between_read, &b, err);
}

typedef struct getting {
    fd_desk *d;
    int64_t id;
    fd_mail_item *out;
} getting;

static fd_status get_read(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    getting *g = ctx;
    return mail_find_item(g->d, g->id, NULL, g->out, err);
}

fd_status fd_mail_get(fd_desk *d, int64_t item_id, fd_mail_item *out, fd_error *err)
{
    getting g = {d, item_id, out};
    return fd_store_read(d->store, get_read, &g, err);
}

/* ---- counters ---- */

typedef struct counting {
    fd_sql_id sql; /* a statement of row mail_tally */
    fd_time cutoff; /* 0: none */
    long count;
} counting;

static fd_status count_read(fd_store *store, void *ctx, fd_error *err)
{
    counting *c = ctx;
    fd_stmt *st = fd_sql(store, c->sql);
    if (c->cutoff)
        fd_bind_int(st, ":cutoff", c->cutoff);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        c->count = (long)fd_col_int(st, FD_COL_MAIL_TALLY_ITEMS);
    fd_stmt_reset(st);
    return s;
}

fd_status fd_mail_held_count(fd_desk *d, long *out, fd_error *err)
{
    counting c = {FD_SQL_MAIL_HELD_COUNT, 0, 0};
    fd_status s = fd_store_read(d->store, count_read, &c, err);
    *out = c.count;
    return s;
}

/* Held return_days or more: received before the start of the day after today minus
 * return_days. */
fd_status fd_mail_to_return_count(fd_desk *d, long *out, fd_error *err)
{
    fd_date today = fd_date_of(fd_desk_now(d));
    counting c = {FD_SQL_MAIL_TO_RETURN_COUNT, fd_date_start(today - mail_return_days(d) + 1), 0};
    fd_status s = fd_store_read(d->store, count_read, &c, err);
    *out = c.count;
    return s;
}

/* ---- an item's history ---- */

typedef struct detail {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    const fd_mail_detail_cb *cb;
    void *ctx;
} detail;

static fd_status events_read(detail *q, fd_error *err)
{
    fd_stmt *st = fd_sql(q->d->store, FD_SQL_MAIL_EVENTS);
    fd_bind_int(st, ":id", q->id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_mail_event e = {
            .id = fd_col_int(st, FD_COL_MAIL_EVENTS_ID),
            .event = fd_col_text(st, FD_COL_MAIL_EVENTS_EVENT),
            .staff_name = fd_col_text(st, FD_COL_MAIL_EVENTS_NAME),
            .at = fd_col_int(st, FD_COL_MAIL_EVENTS_AT),
            .detail = fd_col_text(st, FD_COL_MAIL_EVENTS_DETAIL),
            .note = fd_col_text(st, FD_COL_MAIL_EVENTS_NOTE),
        };
        e.label = mail_event_label(e.event);
        fd_mail_state_parse(fd_col_text(st, FD_COL_MAIL_EVENTS_TO_STATE), &e.to_state);
        q->cb->event(q->ctx, &e);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status corrections_read(detail *q, fd_error *err)
{
    fd_stmt *st = fd_sql(q->d->store, FD_SQL_MAIL_CORRECTIONS);
    fd_bind_int(st, ":id", q->id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        int field;
        if (!mail_field_parse(fd_col_text(st, FD_COL_MAIL_CORRECTIONS_FIELD), &field))
            continue; /* only fd_mail_correct writes these rows */
        fd_mail_correction c = {
            .id = fd_col_int(st, FD_COL_MAIL_CORRECTIONS_ID),
            .field = (fd_mail_field)field,
            .label = fd_mail_field_label((fd_mail_field)field),
            .value = fd_col_text(st, FD_COL_MAIL_CORRECTIONS_VALUE),
            .reason = fd_col_text(st, FD_COL_MAIL_CORRECTIONS_REASON),
            .staff_name = fd_col_text(st, FD_COL_MAIL_CORRECTIONS_NAME),
            .at = fd_col_int(st, FD_COL_MAIL_CORRECTIONS_AT),
        };
        q->cb->correction(q->ctx, &c);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status collection_read(detail *q, fd_error *err)
{
    fd_stmt *st = fd_sql(q->d->store, FD_SQL_MAIL_COLLECTION);
    fd_bind_int(st, ":id", q->id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        char masked[FD_MAIL_SHORT_MAX];
        const char *phone = fd_col_text(st, FD_COL_MAIL_COLLECTION_PROXY_PHONE_CLEAR);
        if (phone && !mail_may_see_phones(q->d, q->who)) {
            fd_mask_phone(phone, masked, sizeof masked);
            phone = masked;
        }
        /* One hand-out may mix the collector's own items with others': the proxy's
         * details belong to the items collected by proxy only. */
        bool by_proxy = fd_col_int(st, FD_COL_MAIL_COLLECTION_BY_PROXY) != 0;
        fd_mail_collection c = {
            .handout_id = fd_col_int(st, FD_COL_MAIL_COLLECTION_ID),
            .collector = fd_col_text(st, FD_COL_MAIL_COLLECTION_COLLECTOR),
            .by_proxy = by_proxy,
            .proxy_phone = by_proxy ? phone : NULL,
            .proxy_relation = by_proxy ? fd_col_text(st, FD_COL_MAIL_COLLECTION_PROXY_RELATION) : NULL,
            .note = fd_col_text(st, FD_COL_MAIL_COLLECTION_NOTE),
            .staff_name = fd_col_text(st, FD_COL_MAIL_COLLECTION_NAME),
            .at = fd_col_int(st, FD_COL_MAIL_COLLECTION_AT),
        };
        q->cb->collection(q->ctx, &c);
    }
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static fd_status detail_read(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    detail *q = ctx;
    fd_mail_item it;
    fd_status s = mail_find_item(q->d, q->id, NULL, &it, err);
    if (s == FD_OK && q->cb->event)
        s = events_read(q, err);
    if (s == FD_OK && q->cb->correction)
        s = corrections_read(q, err);
    if (s == FD_OK && q->cb->collection)
        s = collection_read(q, err);
    return s;
}

fd_status fd_mail_detail(fd_desk *d, const fd_actor *who, int64_t item_id,
                         const fd_mail_detail_cb *cb, void *ctx, fd_error *err)
{
    detail q = {d, who, item_id, cb, ctx};
    return fd_store_read(d->store, detail_read, &q, err);
}

/* ---- newspapers ---- */

typedef struct tally {
    fd_date day;
    void (*each)(void *ctx, const fd_mail_paper_row *r);
    void *ctx;
} tally;

static fd_status tally_read(fd_store *store, void *ctx, fd_error *err)
{
    tally *t = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_MAIL_PAPER_TALLY);
    fd_bind_int(st, ":day", t->day);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_mail_paper_row r = {fd_col_text(st, FD_COL_MAIL_PAPER_TALLY_TITLE), (long)fd_col_int(st, FD_COL_MAIL_PAPER_TALLY_RECEIVED), (long)fd_col_int(st, FD_COL_MAIL_PAPER_TALLY_HANDED_OUT)};
        t->each(t->ctx, &r);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_mail_papers(fd_desk *d, fd_date day, void (*each)(void *ctx, const fd_mail_paper_row *r),
                         void *ctx, fd_error *err)
{
    tally t = {day, each, ctx};
    return fd_store_read(d->store, tally_read, &t, err);
}

/* ---- the daily register ---- */

/* Adds each row's (kind, pieces) of sql, a GROUP BY kind statement of row mail_pieces, to
 * the column at offset. */
static fd_status add_kind_counts(fd_store *store, fd_sql_id sql, fd_date day, size_t offset,
                                 fd_mail_register *out, fd_error *err)
{
    fd_stmt *st = fd_sql(store, sql);
    fd_bind_int(st, ":from", fd_date_start(day));
    fd_bind_int(st, ":to", fd_date_start(day + 1));
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_mail_kind k;
        if (fd_mail_kind_parse(fd_col_text(st, FD_COL_MAIL_PIECES_KIND), &k))
            *(long *)((char *)&out->kinds[k] + offset) +=
                (long)fd_col_int(st, FD_COL_MAIL_PIECES_QUANTITY);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static void add_paper(void *ctx, const fd_mail_paper_row *r)
{
    fd_mail_register_row *row = ctx;
    row->received += r->received;
    row->handed_out += r->handed_out;
}

static fd_status register_read(fd_store *store, void *ctx, fd_error *err)
{
    fd_mail_register *out = ctx;
    fd_status s;
    if ((s = add_kind_counts(store, FD_SQL_MAIL_REGISTER_RECEIVED, out->day,
                             offsetof(fd_mail_register_row, received), out, err)) != FD_OK ||
        (s = add_kind_counts(store, FD_SQL_MAIL_REGISTER_HANDED_OUT, out->day,
                             offsetof(fd_mail_register_row, handed_out), out, err)) != FD_OK ||
        (s = add_kind_counts(store, FD_SQL_MAIL_REGISTER_RETURNED, out->day,
                             offsetof(fd_mail_register_row, returned), out, err)) != FD_OK)
        return s;
    tally t = {out->day, add_paper, &out->kinds[FD_MAIL_NEWSPAPER]};
    if ((s = tally_read(store, &t, err)) != FD_OK)
        return s;
    for (int k = 0; k < FD_MAIL_KIND_COUNT; k++) {
        out->total.received += out->kinds[k].received;
        out->total.handed_out += out->kinds[k].handed_out;
        out->total.returned += out->kinds[k].returned;
    }
    return FD_OK;
}

fd_status fd_mail_register_day(fd_desk *d, fd_date day, fd_mail_register *out, fd_error *err)
{
    memset(out, 0, sizeof *out);
    out->day = day;
    return fd_store_read(d->store, register_read, out, err);
}
