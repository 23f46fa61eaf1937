/* Reading the register: the lists, one entry and its history. See
 * include/frontdesk/calls.h. Every read is one snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/calls_internal.h"
#include "frontdesk/choice.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "store/stmt.h"

enum { MATTERS_JSON = 128 }; /* every matter's name, quoted, in a JSON array */

void call_shown_phone(const fd_desk *d, const fd_actor *who, const char *phone, char *out,
                      size_t size)
{
    if (!phone || !*phone)
        out[0] = '\0';
    else if (fd_may_see_phones(d->config, who))
        snprintf(out, size, "%s", phone);
    else
        fd_mask_phone(phone, out, size);
}

const char *call_shown_value(const fd_desk *d, const fd_actor *who, fd_call_field field,
                             const char *value, char *buf, size_t size)
{
    if (!value)
        return "";
    switch (field) {
    case FD_CALL_FIELD_CHANNEL:
        return fd_call_choice_label(FD_CALL_LIST_CHANNEL, fd_call_choice_parse(FD_CALL_LIST_CHANNEL, value));
    case FD_CALL_FIELD_MATTER:
        return fd_call_choice_label(FD_CALL_LIST_MATTER, fd_call_choice_parse(FD_CALL_LIST_MATTER, value));
    case FD_CALL_FIELD_PHONE:
        call_shown_phone(d, who, value, buf, size);
        return buf;
    default:
        return value;
    }
}

/* A column's text, "" for NULL. */
static const char *text_of(fd_stmt *st, int col)
{
    const char *t = fd_col_text(st, col);
    return t ? t : "";
}

/* Reads a row of call_row as who may see it. */
static void read_entry(const fd_desk *d, const fd_actor *who, fd_stmt *st, fd_call_entry *e)
{
    *e = (fd_call_entry){
        .id = fd_col_int(st, FD_COL_CALL_ROW_ID),
        .received_at = fd_col_int(st, FD_COL_CALL_ROW_RECEIVED_AT),
        .unit_id = fd_col_int(st, FD_COL_CALL_ROW_UNIT_ID),
        .answers = (int)fd_col_int(st, FD_COL_CALL_ROW_ANSWERS),
        .closed_at = fd_col_int(st, FD_COL_CALL_ROW_CLOSED_AT),
        .corrected = fd_col_int(st, FD_COL_CALL_ROW_CORRECTED) != 0,
        .complaint_id = fd_col_int(st, FD_COL_CALL_ROW_COMPLAINT_ID),
        .repair_id = fd_col_int(st, FD_COL_CALL_ROW_REPAIR_ID),
        .phone_in_full = fd_may_see_phones(d->config, who),
    };
    int v = fd_call_choice_parse(FD_CALL_LIST_STATE, fd_col_text(st, FD_COL_CALL_ROW_STATE));
    e->state = v < 0 ? FD_CALL_STATE_OPEN : (fd_call_state)v;
    e->repair_state = call_repair_state_parse(fd_col_text(st, FD_COL_CALL_ROW_REPAIR_STATE));
    v = fd_call_choice_parse(FD_CALL_LIST_CHANNEL, fd_col_text(st, FD_COL_CALL_ROW_CHANNEL));
    e->channel = v < 0 ? FD_CALL_PHONE : (fd_call_channel)v;
    v = fd_call_choice_parse(FD_CALL_LIST_MATTER, fd_col_text(st, FD_COL_CALL_ROW_MATTER));
    e->matter = v < 0 ? FD_MATTER_OTHER : (fd_call_matter)v;
    snprintf(e->received_by, sizeof e->received_by, "%s", text_of(st, FD_COL_CALL_ROW_RECEIVED_BY));
    snprintf(e->caller, sizeof e->caller, "%s", text_of(st, FD_COL_CALL_ROW_CALLER));
    snprintf(e->unit, sizeof e->unit, "%s", text_of(st, FD_COL_CALL_ROW_UNIT));
    call_shown_phone(d, who, fd_col_text(st, FD_COL_CALL_ROW_PHONE), e->phone, sizeof e->phone);
    snprintf(e->question, sizeof e->question, "%s", text_of(st, FD_COL_CALL_ROW_QUESTION));
    snprintf(e->answer, sizeof e->answer, "%s", text_of(st, FD_COL_CALL_ROW_ANSWER));
    snprintf(e->department, sizeof e->department, "%s", text_of(st, FD_COL_CALL_ROW_DEPARTMENT));
    snprintf(e->person, sizeof e->person, "%s", text_of(st, FD_COL_CALL_ROW_PERSON));
}

fd_status fd_call_get(fd_desk *d, const fd_actor *who, int64_t id, fd_call_entry *out,
                      fd_error *err)
{
    fd_status s = call_facts(d, id, NULL, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_CALL_GET);
    fd_bind_int(st, ":id", id);
    if ((s = fd_step_row(st, err)) == FD_OK) {
        read_entry(d, who, st, out);
        fd_stmt_reset(st);
    }
    return s;
}

/* ---- lists ---- */

typedef struct listing {
    fd_desk *d;
    const fd_actor *who;
    const fd_call_query *q;
    void (*each)(void *ctx, const fd_call_entry *e);
    void *ctx;
} listing;

/* The digits typed to find a phone, in either width, blanks and dashes left out
 * ("138 0013" and "８０００" find 13800138000); NULL when the text is anything else. */
static char *phone_digits(const char *text)
{
    char *s = text_folded(text);
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            s[n++] = *p;
        } else if (*p != ' ' && *p != '-') {
            n = 0;
            break;
        }
    }
    s[n] = '\0';
    if (n == 0)
        FD_FREE(s);
    return s;
}

/* The stored names of the matters whose label, as the desk reads it, starts with text:
 * a JSON array for calls.sql (报修 finds the repairs). */
static void matters_named(const char *text, char *out, size_t size)
{
    size_t n = strlen(text), used = (size_t)snprintf(out, size, "[");
    for (int i = 0; n && i < fd_call_choice_count(FD_CALL_LIST_MATTER) && used < size; i++)
        if (strncmp(fd_call_choice_label(FD_CALL_LIST_MATTER, i), text, n) == 0)
            used += (size_t)snprintf(out + used, size - used, "%s\"%s\"", used > 1 ? "," : "",
                                     fd_call_choice_name(FD_CALL_LIST_MATTER, i));
    if (used < size)
        snprintf(out + used, size - used, "]");
}

/* Digits are a search by phone: the whole number also by its HMAC, which outlives the
 * purge; part of one as the reader sees phones (calls.sql: masked digits find nothing,
 * else trying digit after digit would read them). Anything else is a search by caller,
 * unit or matter. */
static fd_stmt *search_statement(fd_desk *d, const fd_actor *who, const char *text)
{
    char *digits = text ? phone_digits(text) : NULL;
    if (!digits) {
        char matters[MATTERS_JSON];
        matters_named(text ? text : "", matters, sizeof matters);
        fd_stmt *st = fd_sql(d->store, FD_SQL_CALL_SEARCH_TEXT);
        /* A unit typed in an input method's full-width mode (Ａ－１２) is the code it reads as. */
        char *folded = text_folded(text ? text : "");
        fd_bind_text(st, ":text", folded);
        free(folded);
        fd_bind_text(st, ":matters", matters);
        return st;
    }
    char phone[FD_CALL_PHONE_MAX];
    char mac[FD_HASH_HEX] = "";
    fd_error unread = {0};
    char *folded = text_folded(text);
    if (fd_validate_phone(folded, NULL, phone, sizeof phone, &unread) == FD_OK)
        fd_desk_hmac_hex(d, phone, mac);
    free(folded);
    fd_stmt *st = fd_sql(d->store, FD_SQL_CALL_SEARCH_PHONE);
    fd_bind_text(st, ":phone_hmac", mac);
    fd_bind_text(st, ":part", digits);
    fd_bind_int(st, ":in_full", fd_may_see_phones(d->config, who));
    free(digits);
    return st;
}

static fd_stmt *list_statement(fd_desk *d, const fd_actor *who, const fd_call_query *q)
{
    fd_stmt *st;
    switch (q->view) {
    case FD_CALL_VIEW_DESK:
        st = fd_sql(d->store, FD_SQL_CALL_LIST_DESK);
        fd_bind_int(st, ":since", fd_date_start(fd_date_of(fd_desk_now(d))));
        return st;
    case FD_CALL_VIEW_OPEN:
        return fd_sql(d->store, FD_SQL_CALL_LIST_OPEN);
    case FD_CALL_VIEW_SUGGESTIONS:
        return fd_sql(d->store, FD_SQL_CALL_LIST_SUGGESTIONS);
    case FD_CALL_VIEW_SEARCH:
    case FD_CALL_VIEW_COUNT:
        break;
    }
    return search_statement(d, who, q->text);
}

static fd_status list_read(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    listing *l = ctx;
    const fd_call_query *q = l->q;
    fd_stmt *st = list_statement(l->d, l->who, q);
    fd_bind_int(st, ":after", q->after ? 1 : 0);
    fd_bind_int(st, ":after_key", q->after ? q->after->received_at : 0);
    fd_bind_int(st, ":after_id", q->after ? q->after->id : 0);
    fd_bind_int(st, ":limit", q->limit);
    fd_call_entry *e = fd_alloc(sizeof *e);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        read_entry(l->d, l->who, st, e);
        l->each(l->ctx, e);
    }
    free(e);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_calls_list(fd_desk *d, const fd_actor *who, const fd_call_query *q,
                        void (*each)(void *ctx, const fd_call_entry *e), void *ctx,
                        fd_error *err)
{
    if (q->limit < 1 || q->limit > LIST_LIMIT_MAX || (unsigned)q->view >= FD_CALL_VIEW_COUNT)
        return fd_fail(err, FD_INVALID, NULL, "fd_calls_list: view %d, limit %d", (int)q->view,
                       q->limit);
    listing l = {d, who, q, each, ctx};
    return fd_store_read(d->store, list_read, &l, err);
}

/* ---- a day's entries ---- */

typedef struct between {
    fd_desk *d;
    const fd_actor *who;
    fd_time from, to;
    void (*each)(void *ctx, const fd_call_entry *e);
    void *ctx;
} between;

static fd_status between_read(fd_store *store, void *ctx, fd_error *err)
{
    between *b = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_BETWEEN);
    fd_bind_int(st, ":from", b->from);
    fd_bind_int(st, ":to", b->to);
    fd_call_entry *e = fd_alloc(sizeof *e);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        read_entry(b->d, b->who, st, e);
        b->each(b->ctx, e);
    }
    free(e);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_calls_between(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                           void (*each)(void *ctx, const fd_call_entry *e), void *ctx,
                           fd_error *err)
{
    between b = {d, who, from, to, each, ctx};
    return fd_store_read(d->store, between_read, &b, err);
}

/* ---- suggestions collected ---- */

typedef struct collecting {
    fd_desk *d;
    const fd_actor *who;
    fd_time from, to;
    void (*each)(void *ctx, const fd_call_entry *e);
    void *ctx;
    fd_suggestion_tally *tally;
} collecting;

/* Every month of the range has its line, a month without suggestions too: the office
 * reads a zero as an answer. */
static fd_status tally_months(collecting *c, fd_error *err)
{
    int y, m, day, last_y, last_m;
    fd_date_ymd(fd_date_of(c->from), &y, &m, &day);
    fd_date_ymd(fd_date_of(c->to - 1), &last_y, &last_m, &day);
    int months = (last_y - y) * 12 + (last_m - m) + 1;
    if (months > FD_SUGGESTION_MONTHS_MAX)
        return fd_fail(err, FD_INVALID, "to", _("At most %d months at a time."), FD_SUGGESTION_MONTHS_MAX);
    for (int i = 0; i < months; i++) {
        c->tally->months[i] = (fd_suggestion_month){.year = y, .month = m};
        y += m / 12;
        m = m % 12 + 1;
    }
    c->tally->month_count = months;
    return FD_OK;
}

static void count_suggestion(fd_suggestion_tally *t, const fd_call_entry *e)
{
    int y, m, day;
    fd_date_ymd(fd_date_of(e->received_at), &y, &m, &day);
    bool open = e->state == FD_CALL_STATE_OPEN;
    t->received++;
    t->open += open;
    t->dealt_with += !open;
    for (int i = 0; i < t->month_count; i++) {
        if (t->months[i].year == y && t->months[i].month == m) {
            t->months[i].received++;
            t->months[i].dealt_with += !open;
        }
    }
}

static fd_status suggestions_read(fd_store *store, void *ctx, fd_error *err)
{
    collecting *c = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_SUGGESTIONS_BETWEEN);
    fd_bind_int(st, ":from", c->from);
    fd_bind_int(st, ":to", c->to);
    fd_call_entry *e = fd_alloc(sizeof *e);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        read_entry(c->d, c->who, st, e);
        count_suggestion(c->tally, e);
        if (c->each)
            c->each(c->ctx, e);
    }
    free(e);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_calls_suggestions(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                               void (*each)(void *ctx, const fd_call_entry *e), void *ctx,
                               fd_suggestion_tally *tally, fd_error *err)
{
    *tally = (fd_suggestion_tally){0};
    if (!fd_may(who, FD_ACT_CALL_EXPORT))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only managers and administrators may read the suggestions collected."));
    if (to <= from)
        return fd_fail(err, FD_INVALID, "to", _("The end of the period is before its start."));
    collecting c = {d, who, from, to, each, ctx, tally};
    fd_status s = tally_months(&c, err);
    return s != FD_OK ? s : fd_store_read(d->store, suggestions_read, &c, err);
}

/* ---- history ---- */

typedef struct history {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    void (*each)(void *ctx, const fd_call_line *line);
    void *ctx;
} history;

static const fd_choice event_labels[] = {
    {"take", N_("Taken")},
    {"answer", N_("Answered")},
    {"refer", N_("Referred")},
    {"close", N_("Dealt with")},
    {"complain", N_("Turned into a complaint")},
    {"repair", N_("Handed to engineering as a repair request")},
};

static const char *event_label(const char *event)
{
    static const fd_choice_list list = FD_CHOICE_LIST(event_labels);
    return fd_choice_label_of(&list, event);
}

static fd_status events_read(history *h, fd_error *err)
{
    fd_stmt *st = fd_sql(h->d->store, FD_SQL_CALL_EVENTS);
    fd_bind_int(st, ":id", h->id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *event = fd_col_text(st, FD_COL_CALL_EVENTS_EVENT);
        const char *answer = fd_col_text(st, FD_COL_CALL_EVENTS_ANSWER);
        const char *question = fd_col_text(st, FD_COL_CALL_EVENTS_QUESTION);
        fd_call_line line = {
            .at = fd_col_int(st, FD_COL_CALL_EVENTS_AT),
            .event = event,
            .label = event_label(event),
            .staff = fd_col_text(st, FD_COL_CALL_EVENTS_STAFF),
            .text = answer     ? answer
                    : question ? question
                               : fd_col_text(st, FD_COL_CALL_EVENTS_NOTE),
            .department = fd_col_text(st, FD_COL_CALL_EVENTS_DEPARTMENT),
            .person = fd_col_text(st, FD_COL_CALL_EVENTS_PERSON),
            .complaint_id = fd_col_int(st, FD_COL_CALL_EVENTS_COMPLAINT_ID),
            .repair_id = fd_col_int(st, FD_COL_CALL_EVENTS_REPAIR_ID),
        };
        h->each(h->ctx, &line);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* The value each field had before: as taken in, then each correction's in turn. */
typedef struct field_values {
    char *last[FD_CALL_FIELD_QUESTION + 1];
} field_values;

static fd_status corrections_read(history *h, fd_error *err)
{
    fd_stmt *st = fd_sql(h->d->store, FD_SQL_CALL_CORRECTIONS);
    fd_bind_int(st, ":id", h->id);
    field_values before = {{NULL}};
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        int field = fd_call_choice_parse(FD_CALL_LIST_FIELD, fd_col_text(st, FD_COL_CALL_CORRECTIONS_FIELD));
        if (field < 0)
            continue; /* only fd_call_correct writes these rows */
        if (!before.last[field])
            before.last[field] = fd_strdup(text_of(st, FD_COL_CALL_CORRECTIONS_ORIGINAL));
        char old_buf[FD_CALL_PHONE_MAX], new_buf[FD_CALL_PHONE_MAX];
        const char *value = text_of(st, FD_COL_CALL_CORRECTIONS_VALUE);
        fd_call_line line = {
            .at = fd_col_int(st, FD_COL_CALL_CORRECTIONS_AT),
            .event = "correct",
            .label = _("Corrected"),
            .staff = fd_col_text(st, FD_COL_CALL_CORRECTIONS_STAFF),
            .field = fd_call_choice_label(FD_CALL_LIST_FIELD, field),
            .old_value = call_shown_value(h->d, h->who, (fd_call_field)field, before.last[field],
                                          old_buf, sizeof old_buf),
            .value = call_shown_value(h->d, h->who, (fd_call_field)field, value, new_buf,
                                      sizeof new_buf),
            .reason = fd_col_text(st, FD_COL_CALL_CORRECTIONS_REASON),
        };
        h->each(h->ctx, &line);
        free(before.last[field]);
        before.last[field] = fd_strdup(value);
    }
    fd_stmt_reset(st);
    for (size_t i = 0; i < sizeof before.last / sizeof before.last[0]; i++)
        free(before.last[i]);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status history_read(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    history *h = ctx;
    fd_status s = call_facts(h->d, h->id, NULL, err);
    if (s == FD_OK && (s = events_read(h, err)) == FD_OK)
        s = corrections_read(h, err);
    return s;
}

fd_status fd_call_history(fd_desk *d, const fd_actor *who, int64_t id,
                          void (*each)(void *ctx, const fd_call_line *line), void *ctx,
                          fd_error *err)
{
    history h = {d, who, id, each, ctx};
    return fd_store_read(d->store, history_read, &h, err);
}

static fd_status open_count_read(fd_store *store, void *ctx, fd_error *err)
{
    long *count = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_CALL_OPEN_COUNT);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        *count = (long)fd_col_int(st, FD_COL_CALL_TALLY_ENTRIES);
    fd_stmt_reset(st);
    return s;
}

fd_status fd_calls_open_count(fd_desk *d, long *out, fd_error *err)
{
    *out = 0;
    return fd_store_read(d->store, open_count_read, out, err);
}
