/* Reading the notices: the lists, one notice and its history. See
 * include/frontdesk/notices.h. Every read is one snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/choice.h"
#include "frontdesk/i18n.h"
#include "notices/notices_internal.h"
#include "store/stmt.h"

const char *notice_shown_value(fd_notice_field field, const char *value, char *buf, size_t size)
{
    if (!value)
        return "";
    if (field != FD_NOTICE_FIELD_ENDS_AT)
        return value;
    char when[FD_TIME_TEXT];
    fd_time_format((fd_time)strtoll(value, NULL, 10), when);
    snprintf(buf, size, "%s", when);
    return buf;
}

static const char *text_of(fd_stmt *st, int col)
{
    const char *t = fd_col_text(st, col);
    return t ? t : "";
}

/* Reads a row of notice_row: what the lists show. */
static void read_notice(const fd_desk *d, fd_stmt *st, fd_notice *n)
{
    *n = (fd_notice){
        .id = fd_col_int(st, FD_COL_NOTICE_ROW_ID),
        .starts_at = fd_col_int(st, FD_COL_NOTICE_ROW_STARTS_AT),
        .ends_at = fd_col_int(st, FD_COL_NOTICE_ROW_ENDS_AT),
        .drafted_at = fd_col_int(st, FD_COL_NOTICE_ROW_AT),
        .deliveries = (int)fd_col_int(st, FD_COL_NOTICE_ROW_DELIVERIES),
    };
    int v = fd_notice_choice_parse(FD_NOTICE_LIST_KIND, fd_col_text(st, FD_COL_NOTICE_ROW_KIND));
    n->kind = v < 0 ? FD_NOTICE_GENERAL : (fd_notice_kind)v;
    v = fd_notice_choice_parse(FD_NOTICE_LIST_STATE, fd_col_text(st, FD_COL_NOTICE_ROW_STATE));
    n->state = v < 0 ? FD_NOTICE_STATE_DRAFT : (fd_notice_state)v;
    snprintf(n->title, sizeof n->title, "%s", text_of(st, FD_COL_NOTICE_ROW_TITLE));
    snprintf(n->place, sizeof n->place, "%s", text_of(st, FD_COL_NOTICE_ROW_PLACE));
    snprintf(n->drafted_by, sizeof n->drafted_by, "%s", text_of(st, FD_COL_NOTICE_ROW_DRAFTED_BY));
    snprintf(n->approved_by, sizeof n->approved_by, "%s", text_of(st, FD_COL_NOTICE_ROW_APPROVED_BY));
    fd_time now = fd_desk_now(d);
    n->to_take_down = n->state == FD_NOTICE_STATE_POSTED && n->ends_at <= now;
}

static void read_book(const fd_desk *d, fd_stmt *st, fd_notice *n)
{
    *n = (fd_notice){
        .id = fd_col_int(st, FD_COL_NOTICE_BOOK_ROW_ID),
        .starts_at = fd_col_int(st, FD_COL_NOTICE_BOOK_ROW_STARTS_AT),
        .ends_at = fd_col_int(st, FD_COL_NOTICE_BOOK_ROW_ENDS_AT),
        .drafted_at = fd_col_int(st, FD_COL_NOTICE_BOOK_ROW_AT),
    };
    int v = fd_notice_choice_parse(FD_NOTICE_LIST_KIND, fd_col_text(st, FD_COL_NOTICE_BOOK_ROW_KIND));
    n->kind = v < 0 ? FD_NOTICE_GENERAL : (fd_notice_kind)v;
    v = fd_notice_choice_parse(FD_NOTICE_LIST_STATE, fd_col_text(st, FD_COL_NOTICE_BOOK_ROW_STATE));
    n->state = v < 0 ? FD_NOTICE_STATE_DRAFT : (fd_notice_state)v;
    snprintf(n->title, sizeof n->title, "%s", text_of(st, FD_COL_NOTICE_BOOK_ROW_TITLE));
    snprintf(n->place, sizeof n->place, "%s", text_of(st, FD_COL_NOTICE_BOOK_ROW_PLACE));
    n->to_take_down = n->state == FD_NOTICE_STATE_POSTED && n->ends_at <= fd_desk_now(d);
}

/* Reads a row of notice_full: the list's row, then the rest, and the notice period
 * counted from the day it went out (or today while it has not). */
static void read_full(const fd_desk *d, fd_stmt *st, fd_notice *n)
{
    read_notice(d, st, n);
    n->approved_at = fd_col_int(st, FD_COL_NOTICE_FULL_APPROVED_AT);
    n->issued_at = fd_col_int(st, FD_COL_NOTICE_FULL_ISSUED_AT);
    n->posted_at = fd_col_int(st, FD_COL_NOTICE_FULL_POSTED_AT);
    n->taken_down_at = fd_col_int(st, FD_COL_NOTICE_FULL_TAKEN_DOWN_AT);
    n->corrected = fd_col_int(st, FD_COL_NOTICE_FULL_CORRECTED) != 0;
    snprintf(n->body, sizeof n->body, "%s", text_of(st, FD_COL_NOTICE_FULL_BODY));
    snprintf(n->overridden_by, sizeof n->overridden_by, "%s",
             text_of(st, FD_COL_NOTICE_FULL_OVERRIDDEN_BY));
    snprintf(n->override_reason, sizeof n->override_reason, "%s",
             text_of(st, FD_COL_NOTICE_FULL_OVERRIDE_REASON));
    if (n->kind == FD_NOTICE_WORKS)
        n->earliest_start = fd_notice_earliest_start(d->config, n->issued_at ? n->issued_at : fd_desk_now(d));
}

fd_status fd_notice_get(fd_desk *d, const fd_actor *who, int64_t id, fd_notice *out,
                        fd_error *err)
{
    (void)who;
    fd_status s = notice_facts(d, id, NULL, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_NOTICE_GET);
    fd_bind_int(st, ":id", id);
    if ((s = fd_step_row(st, err)) == FD_OK) {
        read_full(d, st, out);
        fd_stmt_reset(st);
    }
    return s;
}

/* ---- lists ---- */

typedef struct listing {
    fd_desk *d;
    const fd_notice_query *q;
    void (*each)(void *ctx, const fd_notice *n);
    void *ctx;
} listing;

static fd_stmt *list_statement(fd_desk *d, fd_notice_view view)
{
    static const fd_sql_id ids[FD_NOTICE_VIEW_COUNT] = {
        [FD_NOTICE_VIEW_CURRENT] = FD_SQL_NOTICE_LIST_CURRENT,
        [FD_NOTICE_VIEW_DRAFTS] = FD_SQL_NOTICE_LIST_DRAFTS,
        [FD_NOTICE_VIEW_POSTED] = FD_SQL_NOTICE_LIST_POSTED,
        [FD_NOTICE_VIEW_TAKE_DOWN] = FD_SQL_NOTICE_LIST_TAKE_DOWN,
        [FD_NOTICE_VIEW_ALL] = FD_SQL_NOTICE_LIST_ALL,
    };
    fd_stmt *st = fd_sql(d->store, ids[view]);
    if (view == FD_NOTICE_VIEW_TAKE_DOWN) {
        fd_bind_int(st, ":now", fd_desk_now(d));
        fd_bind_int(st, ":after_key", 0);
    }
    return st;
}

/* Steps st, handing each row read (by read) to each; FD_OK at the end. */
static fd_status each_row(const fd_desk *d, fd_stmt *st,
                          void (*read)(const fd_desk *d, fd_stmt *st, fd_notice *n),
                          void (*each)(void *ctx, const fd_notice *n), void *ctx, fd_error *err)
{
    fd_notice *n = fd_alloc(sizeof *n);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        read(d, st, n);
        each(ctx, n);
    }
    free(n);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status list_read(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    listing *l = ctx;
    const fd_notice_query *q = l->q;
    fd_stmt *st = list_statement(l->d, q->view);
    fd_bind_int(st, ":after", q->after ? 1 : 0);
    fd_bind_int(st, ":after_id", q->after ? q->after->id : 0);
    if (q->view == FD_NOTICE_VIEW_TAKE_DOWN && q->after)
        fd_bind_int(st, ":after_key", q->after->ends_at);
    fd_bind_text(st, ":text", q->text ? q->text : "");
    fd_bind_int(st, ":limit", q->limit);
    return each_row(l->d, st, read_notice, l->each, l->ctx, err);
}

fd_status fd_notices_list(fd_desk *d, const fd_actor *who, const fd_notice_query *q,
                          void (*each)(void *ctx, const fd_notice *n), void *ctx, fd_error *err)
{
    (void)who;
    if (q->limit < 1 || q->limit > NOTICE_LIST_LIMIT_MAX || (unsigned)q->view >= FD_NOTICE_VIEW_COUNT)
        return fd_fail(err, FD_INVALID, NULL, "fd_notices_list: view %d, limit %d", (int)q->view,
                       q->limit);
    listing l = {d, q, each, ctx};
    return fd_store_read(d->store, list_read, &l, err);
}

typedef struct book_listing {
    fd_desk *d;
    fd_notice_view view;
    void (*each)(void *ctx, const fd_notice *n);
    void *ctx;
} book_listing;

static fd_status book_read(fd_store *store, void *ctx, fd_error *err)
{
    book_listing *b = ctx;
    bool take_down = b->view == FD_NOTICE_VIEW_TAKE_DOWN;
    fd_stmt *st = fd_sql(store, take_down ? FD_SQL_NOTICE_BOOK_TAKE_DOWN : FD_SQL_NOTICE_BOOK_DRAFTS);
    if (take_down)
        fd_bind_int(st, ":now", fd_desk_now(b->d));
    return each_row(b->d, st, read_book, b->each, b->ctx, err);
}

fd_status fd_notices_for_book(fd_desk *d, fd_notice_view view,
                              void (*each)(void *ctx, const fd_notice *n), void *ctx,
                              fd_error *err)
{
    if (view != FD_NOTICE_VIEW_TAKE_DOWN && view != FD_NOTICE_VIEW_DRAFTS)
        return fd_fail(err, FD_INVALID, NULL, "fd_notices_for_book: view %d", (int)view);
    book_listing b = {d, view, each, ctx};
    return fd_store_read(d->store, book_read, &b, err);
}

/* ---- a day's notices ---- */

typedef struct between {
    fd_desk *d;
    fd_time from, to;
    void (*each)(void *ctx, const fd_notice *n);
    void *ctx;
} between;

static fd_status between_read(fd_store *store, void *ctx, fd_error *err)
{
    between *b = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_NOTICE_BETWEEN);
    fd_bind_int(st, ":from", b->from);
    fd_bind_int(st, ":to", b->to);
    return each_row(b->d, st, read_full, b->each, b->ctx, err);
}

fd_status fd_notices_between(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                             void (*each)(void *ctx, const fd_notice *n), void *ctx,
                             fd_error *err)
{
    (void)who;
    between b = {d, from, to, each, ctx};
    return fd_store_read(d->store, between_read, &b, err);
}

/* ---- history ---- */

typedef struct history {
    fd_desk *d;
    int64_t id;
    void (*each)(void *ctx, const fd_notice_line *line);
    void *ctx;
} history;

static const fd_choice event_labels[] = {
    {"draft", N_("Drafted")},
    {"approve", N_("Notice signed")},
    {"issue", N_("Notice issued")},
    {"post", N_("Posted")},
    {"deliver", N_("Handed to a unit")},
    {"take_down", N_("Taken down")},
    {"emergency", N_("Emergency notice posted")},
    {"override", N_("Notice period shortened")},
};

const char *notice_event_label(const char *event)
{
    static const fd_choice_list list = FD_CHOICE_LIST(event_labels);
    return fd_choice_label_of(&list, event);
}

static void event_lines(history *h, fd_stmt *st)
{
    const char *event = fd_col_text(st, FD_COL_NOTICE_EVENTS_EVENT);
    fd_notice_line line = {
        .at = fd_col_int(st, FD_COL_NOTICE_EVENTS_AT),
        .event = event,
        .label = notice_event_label(event),
        .staff = fd_col_text(st, FD_COL_NOTICE_EVENTS_STAFF),
        .approver = fd_col_text(st, FD_COL_NOTICE_EVENTS_APPROVER),
        .unit = fd_col_text(st, FD_COL_NOTICE_EVENTS_UNIT),
    };
    h->each(h->ctx, &line);
    const char *manager = fd_col_text(st, FD_COL_NOTICE_EVENTS_MANAGER);
    if (manager) {
        fd_notice_line o = {
            .at = line.at,
            .event = "override",
            .label = notice_event_label("override"),
            .staff = line.staff,
            .approver = manager,
            .reason = fd_col_text(st, FD_COL_NOTICE_EVENTS_REASON),
        };
        h->each(h->ctx, &o);
    }
}

static void correction_line(history *h, fd_stmt *st)
{
    int field = fd_notice_choice_parse(FD_NOTICE_LIST_FIELD, fd_col_text(st, FD_COL_NOTICE_CORRECTIONS_FIELD));
    if (field < 0)
        return; /* only fd_notice_correct writes these rows */
    char old_buf[FD_TIME_TEXT], new_buf[FD_TIME_TEXT];
    fd_notice_line line = {
        .at = fd_col_int(st, FD_COL_NOTICE_CORRECTIONS_AT),
        .event = "correct",
        .label = _("Corrected"),
        .staff = fd_col_text(st, FD_COL_NOTICE_CORRECTIONS_STAFF),
        .field = fd_notice_choice_label(FD_NOTICE_LIST_FIELD, field),
        .old_value = notice_shown_value((fd_notice_field)field,
                                        fd_col_text(st, FD_COL_NOTICE_CORRECTIONS_OLD_VALUE),
                                        old_buf, sizeof old_buf),
        .value = notice_shown_value((fd_notice_field)field,
                                    fd_col_text(st, FD_COL_NOTICE_CORRECTIONS_VALUE), new_buf,
                                    sizeof new_buf),
        .reason = fd_col_text(st, FD_COL_NOTICE_CORRECTIONS_REASON),
    };
    h->each(h->ctx, &line);
}

/* Steps and corrections in the order they were made: the two lists merged by time (a
 * step and a correction of the same second: the step first). */
static fd_status history_read(fd_store *store, void *ctx, fd_error *err)
{
    history *h = ctx;
    fd_status s = notice_facts(h->d, h->id, NULL, err);
    if (s != FD_OK)
        return s;
    fd_stmt *events = fd_sql(store, FD_SQL_NOTICE_EVENTS), *fixes = fd_sql(store, FD_SQL_NOTICE_CORRECTIONS);
    fd_bind_int(events, ":id", h->id);
    fd_bind_int(fixes, ":id", h->id);
    int e = fd_step(events, err), c = e < 0 ? 0 : fd_step(fixes, err);
    while (e == 1 || c == 1) {
        if (c == 1 && (e != 1 || fd_col_int(fixes, FD_COL_NOTICE_CORRECTIONS_AT) <
                                     fd_col_int(events, FD_COL_NOTICE_EVENTS_AT))) {
            correction_line(h, fixes);
            c = fd_step(fixes, err);
        } else {
            event_lines(h, events);
            e = fd_step(events, err);
        }
        if (e < 0 || c < 0)
            break;
    }
    fd_stmt_reset(events);
    fd_stmt_reset(fixes);
    return e < 0 || c < 0 ? err->status : FD_OK;
}

fd_status fd_notice_history(fd_desk *d, const fd_actor *who, int64_t id,
                            void (*each)(void *ctx, const fd_notice_line *line), void *ctx,
                            fd_error *err)
{
    (void)who;
    history h = {d, id, each, ctx};
    return fd_store_read(d->store, history_read, &h, err);
}
