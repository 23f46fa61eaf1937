/* Reading complaints: the open and searched lists, the counters the status line
 * and the handover ask for, and one complaint's timeline. See include/frontdesk/complaints.h. */
#include "frontdesk/complaints.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "frontdesk/audit.h"
#include "frontdesk/calendar.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "complaints/complaints_internal.h"
#include "store/stmt.h"

/* ---- lists ---- */

typedef struct list_ctx {
    fd_desk *d;
    const fd_complaint_query *q;
    bool by_due; /* keyed on the deadline; else on the time received */
    void (*each)(void *ctx, const fd_complaint_row *row);
    void *ctx;
} list_ctx;

/* The row of an FD_C_ROW statement, with the content cut to its first line. */
static void emit_row(list_ctx *l, fd_stmt *st)
{
    const char *content = fd_col_text(st, FD_COL_COMPLAINT_ROW_CONTENT);
    char *summary = fd_strdup(content ? content : "");
    summary[strcspn(summary, "\n")] = '\0';
    fd_complaint_row row = {
        .id = fd_col_int(st, FD_COL_COMPLAINT_ROW_ID),
        .sort = (fd_complaint_sort)complaint_col_choice(st, FD_COL_COMPLAINT_ROW_SORT, FD_CLIST_SORT),
        .state = (fd_complaint_state)complaint_col_choice(st, FD_COL_COMPLAINT_ROW_STATE, FD_CLIST_STATE),
        .complainant = fd_col_text(st, FD_COL_COMPLAINT_ROW_COMPLAINANT),
        .unit = fd_col_text(st, FD_COL_COMPLAINT_ROW_UNIT),
        .summary = summary,
        .category = (fd_complaint_category)complaint_col_choice(st, FD_COL_COMPLAINT_ROW_CATEGORY, FD_CLIST_CATEGORY),
        .severity = complaint_col_choice(st, FD_COL_COMPLAINT_ROW_SEVERITY, FD_CLIST_SEVERITY),
        .department = fd_col_text(st, FD_COL_COMPLAINT_ROW_DEPARTMENT),
        .received_at = fd_col_int(st, FD_COL_COMPLAINT_ROW_RECEIVED_AT),
        .due_at = complaint_col_due(st, FD_COL_COMPLAINT_ROW_DUE_AT),
        .sort_key = l->by_due ? fd_col_int(st, FD_COL_COMPLAINT_ROW_DUE_AT) : fd_col_int(st, FD_COL_COMPLAINT_ROW_RECEIVED_AT),
    };
    row.due_kind = row.due_at == FD_COMPLAINT_NO_DUE ? -1 : complaint_due_kind_in(row.sort, row.state);
    row.due_unconfirmed = complaint_due_unconfirmed(l->d, row.sort, row.due_kind, row.due_at);
    row.overdue = complaint_is_overdue(l->d, row.due_at);
    row.escalated = !fd_col_null(st, FD_COL_COMPLAINT_ROW_ESCALATED_BY) || row.overdue;
    l->each(l->ctx, &row);
    free(summary);
}

static fd_status emit_rows(list_ctx *l, fd_stmt *st, fd_error *err)
{
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        emit_row(l, st);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static void bind_keyset(fd_stmt *st, const fd_complaint_query *q, bool ascending)
{
    int64_t start = ascending ? INT64_MIN : INT64_MAX;
    fd_bind_int(st, ":after_key", q->after ? q->after_key : start);
    fd_bind_int(st, ":after_id", q->after ? q->after_id : start);
    fd_bind_int(st, ":limit", q->limit);
}

/* The first code point above every text starting with prefix: the end of a prefix
 * range that an index can walk. */
static char *prefix_end(const char *prefix)
{
    return fd_printf("%s\xF4\x90\x80\x80", prefix);
}

static fd_stmt *search_text(list_ctx *l, const char *text, char **owned)
{
    char *unit = fd_strdup(text);
    for (char *p = unit; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    owned[1] = prefix_end(unit);
    owned[2] = unit;
    fd_stmt *st = fd_sql(l->d->store, FD_SQL_COMPLAINT_SEARCH_CONTENT);
    fd_bind_text(st, ":text", text);
    fd_bind_text(st, ":unit_lo", unit);
    fd_bind_text(st, ":unit_hi", owned[1]);
    return st;
}

/* What is searched for: the text without its leading blanks, "" when none. */
static const char *search_text_of(const fd_complaint_query *q)
{
    return q->text ? q->text + strspn(q->text, " \t") : "";
}

/* A search stays within the view it is typed in. */
static void bind_scope(list_ctx *l, fd_stmt *st)
{
    static const char *const scopes[] = {[FD_CVIEW_OPEN] = "open", [FD_CVIEW_OVERDUE] = "overdue",
                                         [FD_CVIEW_MINE] = "department", [FD_CVIEW_SEARCH] = "all",
                                         [FD_CVIEW_REFERRED] = "referred"};
    fd_bind_text(st, ":scope", scopes[l->q->view]);
    fd_bind_int(st, ":now", fd_desk_now(l->d));
    fd_bind_text(st, ":department", l->q->department ? l->q->department : "");
}

/* "#12" or a number that is no phone: that complaint; a phone: complaints with that
 * contact (matched through its HMAC); anything else: complainants containing it, units
 * starting with it, and complaints saying it anywhere — each within the view; nothing:
 * all, newest first. */
static fd_stmt *search_statement(list_ctx *l, char **owned)
{
    /* Typed in an input method's full-width mode (Ａ－１２０３, １３８…, ＃１２) it reads as
     * the codes and digits it shows. */
    owned[0] = text_folded(l->q->text ? l->q->text : "");
    const char *text = owned[0] + strspn(owned[0], " \t");
    const char *digits = text[0] == '#' ? text + 1 : text;
    char phone[PHONE_TEXT];
    fd_stmt *st;
    if (!*text)
        return fd_sql(l->d->store, FD_SQL_COMPLAINT_SEARCH_ALL);
    if (text[0] != '#' && fd_validate_phone(text, "text", phone, sizeof phone, NULL) == FD_OK) {
        char mac[FD_HASH_HEX];
        fd_desk_hmac_hex(l->d, phone, mac);
        st = fd_sql(l->d->store, FD_SQL_COMPLAINT_SEARCH_PHONE);
        fd_bind_text(st, ":phone_hmac", mac);
    } else if (*digits && strspn(digits, "0123456789") == strlen(digits) && strlen(digits) < 16) {
        st = fd_sql(l->d->store, FD_SQL_COMPLAINT_SEARCH_ID);
        fd_bind_int(st, ":id", strtoll(digits, NULL, 10));
    } else {
        st = search_text(l, text, owned);
    }
    bind_scope(l, st);
    return st;
}

static fd_status list_txn(fd_store *store, void *ctx, fd_error *err)
{
    list_ctx *l = ctx;
    const fd_complaint_query *q = l->q;
    char *owned[3] = {NULL, NULL, NULL};
    fd_stmt *st;
    switch (l->by_due ? q->view : FD_CVIEW_SEARCH) {
    case FD_CVIEW_OVERDUE:
        st = fd_sql(store, FD_SQL_COMPLAINT_LIST_OVERDUE);
        fd_bind_int(st, ":now", fd_desk_now(l->d));
        break;
    case FD_CVIEW_MINE:
        st = fd_sql(store, FD_SQL_COMPLAINT_LIST_DEPARTMENT);
        fd_bind_text(st, ":department", q->department ? q->department : "");
        break;
    case FD_CVIEW_SEARCH:
        st = search_statement(l, owned);
        break;
    case FD_CVIEW_REFERRED:
        st = fd_sql(store, FD_SQL_COMPLAINT_LIST_REFERRED);
        break;
    default:
        st = fd_sql(store, FD_SQL_COMPLAINT_LIST_OPEN);
        break;
    }
    bind_keyset(st, q, l->by_due);
    fd_status s = emit_rows(l, st, err);
    for (int i = 0; i < 3; i++)
        free(owned[i]);
    return s;
}

fd_status fd_complaints_list(fd_desk *d, const fd_complaint_query *q,
                             void (*each)(void *ctx, const fd_complaint_row *row), void *ctx,
                             fd_error *err)
{
    if (q->limit < 1 || q->limit > LIST_LIMIT_MAX)
        return fd_fail(err, FD_INVALID, "limit", _("A page holds 1 to %d rows."), LIST_LIMIT_MAX);
    if ((unsigned)q->view > FD_CVIEW_REFERRED)
        return fd_fail(err, FD_INVALID, "view", _("There is no such view."));
    /* A view lists by deadline; searching, in it or in all history, newest first. */
    list_ctx l = {d, q, q->view != FD_CVIEW_SEARCH && !*search_text_of(q), each, ctx};
    return fd_store_read(d->store, list_txn, &l, err);
}

typedef struct count_ctx {
    fd_desk *d;
    long *out;
} count_ctx;

static fd_status count_txn(fd_store *store, void *ctx, fd_error *err)
{
    count_ctx *c = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_COUNT_OVERDUE);
    fd_bind_int(st, ":now", fd_desk_now(c->d));
    fd_status s = fd_step_row(st, err);
    *c->out = s == FD_OK ? (long)fd_col_int(st, FD_COL_COMPLAINT_COUNT_OVERDUE_OVERDUE) : 0;
    fd_stmt_reset(st);
    return s;
}

fd_status fd_complaints_count_overdue(fd_desk *d, long *out, fd_error *err)
{
    count_ctx c = {d, out};
    return fd_store_read(d->store, count_txn, &c, err);
}

static fd_status overdue_txn(fd_store *store, void *ctx, fd_error *err)
{
    list_ctx *l = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_LIST_OVERDUE);
    fd_bind_int(st, ":now", fd_desk_now(l->d));
    fd_bind_int(st, ":after_key", INT64_MIN);
    fd_bind_int(st, ":after_id", INT64_MIN);
    fd_bind_int(st, ":limit", -1); /* every one: they are few, and each goes into the handover */
    return emit_rows(l, st, err);
}

fd_status fd_complaints_overdue(fd_desk *d, void (*each)(void *ctx, const fd_complaint_row *row),
                                void *ctx, fd_error *err)
{
    fd_complaint_query q = {.view = FD_CVIEW_OVERDUE};
    list_ctx l = {d, &q, true, each, ctx};
    return fd_store_read(d->store, overdue_txn, &l, err);
}

static fd_status referred_txn(fd_store *store, void *ctx, fd_error *err)
{
    list_ctx *l = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_LIST_REFERRED);
    fd_bind_int(st, ":after_key", INT64_MIN);
    fd_bind_int(st, ":after_id", INT64_MIN);
    fd_bind_int(st, ":limit", -1); /* every one, as the overdue: each goes into the handover */
    return emit_rows(l, st, err);
}

fd_status fd_complaints_referred(fd_desk *d, void (*each)(void *ctx, const fd_complaint_row *row),
                                 void *ctx, fd_error *err)
{
    fd_complaint_query q = {.view = FD_CVIEW_REFERRED};
    list_ctx l = {d, &q, true, each, ctx};
    return fd_store_read(d->store, referred_txn, &l, err);
}

typedef struct touched_ctx {
    list_ctx list;
    fd_time from, to;
} touched_ctx;

static fd_status touched_txn(fd_store *store, void *ctx, fd_error *err)
{
    touched_ctx *t = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_TOUCHED);
    fd_bind_int(st, ":from", t->from);
    fd_bind_int(st, ":to", t->to);
    return emit_rows(&t->list, st, err);
}

fd_status fd_complaints_touched(fd_desk *d, fd_time from, fd_time to,
                                void (*each)(void *ctx, const fd_complaint_row *row), void *ctx,
                                fd_error *err)
{
    touched_ctx t = {{d, NULL, false, each, ctx}, from, to};
    return fd_store_read(d->store, touched_txn, &t, err);
}

/* ---- timeline ---- */

/* The intake's fields a correction may name, as complaint_as_taken reads them. */
static const char *const taken_fields[] = {"complainant", "unit", "phone", "channel",
                                           "category", "severity", "content", "received_at"};
enum { TAKEN_FIELDS = sizeof taken_fields / sizeof taken_fields[0] };

typedef struct timeline_ctx {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    void (*each)(void *ctx, const fd_complaint_step *step);
    void *ctx;
    fd_complaint_sort sort;
    char *current[TAKEN_FIELDS]; /* each field as it reads before the step, as shown */
} timeline_ctx;

static int taken_field(const char *field)
{
    for (int i = 0; field && i < TAKEN_FIELDS; i++)
        if (strcmp(taken_fields[i], field) == 0)
            return i;
    return -1;
}

/* A stored value as a timeline gives it: a phone masked unless who may see phones,
 * a time as text; a new string or NULL. */
static char *shown(const timeline_ctx *t, const char *field, const char *value)
{
    if (!value)
        return NULL;
    if (complaint_is_phone(field))
        return complaint_shown_phone(t->d, t->who, value);
    if (strcmp(field, "received_at") == 0) {
        char when[FD_TIME_TEXT];
        fd_time_format((fd_time)strtoll(value, NULL, 10), when);
        return fd_strdup(when);
    }
    return fd_strdup(value);
}

static fd_status read_as_taken(timeline_ctx *t, fd_error *err)
{
    fd_stmt *st = fd_sql(t->d->store, FD_SQL_COMPLAINT_AS_TAKEN);
    fd_bind_int(st, ":id", t->id);
    fd_status s = fd_step_row(st, err);
    static const int cols[TAKEN_FIELDS] = {
        FD_COL_COMPLAINT_AS_TAKEN_COMPLAINANT, FD_COL_COMPLAINT_AS_TAKEN_UNIT,
        FD_COL_COMPLAINT_AS_TAKEN_PHONE,       FD_COL_COMPLAINT_AS_TAKEN_CHANNEL,
        FD_COL_COMPLAINT_AS_TAKEN_CATEGORY,    FD_COL_COMPLAINT_AS_TAKEN_SEVERITY,
        FD_COL_COMPLAINT_AS_TAKEN_CONTENT,     FD_COL_COMPLAINT_AS_TAKEN_RECEIVED_AT,
    };
    for (int i = 0; s == FD_OK && i < TAKEN_FIELDS; i++) {
        free(t->current[i]); /* a retried read starts again */
        t->current[i] = shown(t, taken_fields[i], fd_col_text(st, cols[i]));
    }
    if (s == FD_OK)
        fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static int due_kind_of(const char *what)
{
    for (int k = 0; what && k < 3; k++)
        if (strcmp(complaint_due_names[k], what) == 0)
            return k;
    return -1;
}

static void emit_step(timeline_ctx *t, fd_stmt *st)
{
    char *ack_phone = complaint_shown_phone(t->d, t->who, fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_ACK_PHONE_CLEAR));
    const char *field = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_FIELD);
    /* A corrected phone is masked like the phone it corrects; a time reads as text. */
    int f = taken_field(field);
    char *value = f >= 0 ? shown(t, field, fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_VALUE)) : NULL;
    fd_complaint_step row = {
        .at = fd_col_int(st, FD_COL_COMPLAINT_TIMELINE_AT),
        .event = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_EVENT),
        .from_state = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_FROM_STATE),
        .to_state = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_TO_STATE),
        .staff = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_STAFF_NAME),
        .approver = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_APPROVER_NAME),
        .note = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_NOTE),
        .department = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_DEPARTMENT),
        .measures = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_MEASURES),
        .result = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_RESULT),
        .done_by = fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_DONE_BY),
        .done_at = fd_col_int(st, FD_COL_COMPLAINT_TIMELINE_DONE_AT),
        .method = complaint_col_choice(st, FD_COL_COMPLAINT_TIMELINE_METHOD, FD_CLIST_METHOD),
        .satisfaction = complaint_col_choice(st, FD_COL_COMPLAINT_TIMELINE_SATISFACTION, FD_CLIST_SATISFACTION),
        .ack = complaint_col_choice(st, FD_COL_COMPLAINT_TIMELINE_ACK, FD_CLIST_ACK),
        .ack_phone = ack_phone,
        .due_at = fd_col_int(st, FD_COL_COMPLAINT_TIMELINE_DUE_AT),
        .due_kind = due_kind_of(fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_WHAT)),
        .field = field,
        .value = value ? value : fd_col_text(st, FD_COL_COMPLAINT_TIMELINE_VALUE),
        .old_value = f >= 0 ? t->current[f] : NULL,
    };
    row.due_unconfirmed = complaint_due_unconfirmed(t->d, t->sort, row.due_kind, row.due_at);
    t->each(t->ctx, &row);
    if (f >= 0) {
        free(t->current[f]);
        t->current[f] = value;
    }
    free(ack_phone);
}

static fd_status timeline_txn(fd_store *store, void *ctx, fd_error *err)
{
    timeline_ctx *t = ctx;
    complaint_facts f;
    fd_status s = complaint_read_facts(t->d, t->id, &f, err);
    if (s != FD_OK)
        return s;
    t->sort = f.sort;
    if ((s = read_as_taken(t, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_TIMELINE);
    fd_bind_int(st, ":id", t->id);
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        emit_step(t, st);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_complaint_timeline(fd_desk *d, const fd_actor *who, int64_t id,
                                void (*each)(void *ctx, const fd_complaint_step *step),
                                void *ctx, fd_error *err)
{
    timeline_ctx t = {d, who, id, each, ctx, FD_SORT_COMPLAINT, {NULL}};
    fd_status s = fd_store_read(d->store, timeline_txn, &t, err);
    for (int i = 0; i < TAKEN_FIELDS; i++)
        free(t.current[i]);
    return s;
}
