/* Reading renovation files, passes, permits and tools. See include/frontdesk/works.h.
 * Every read is one snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "works/works_internal.h"

#define COPY(dst, st, col) snprintf((dst), sizeof(dst), "%s", works_text_of((st), (col)))

static fd_date today(fd_desk *d)
{
    return fd_date_of(fd_desk_now(d));
}

/* ---- renovations ---- */

static void read_renovation(fd_desk *d, fd_stmt *st, fd_renovation *r)
{
    *r = (fd_renovation){
        .id = fd_col_int(st, FD_COL_RENOVATION_ROW_ID),
        .unit_id = fd_col_int(st, FD_COL_RENOVATION_ROW_UNIT_ID),
        .starts_on = (fd_date)fd_col_int(st, FD_COL_RENOVATION_ROW_STARTS_ON),
        .ends_on = (fd_date)fd_col_int(st, FD_COL_RENOVATION_ROW_ENDS_ON),
        .extensions = (int)fd_col_int(st, FD_COL_RENOVATION_ROW_EXTENSIONS),
        .deposit = (int)fd_col_int(st, FD_COL_RENOVATION_ROW_DEPOSIT),
        .passes_out = (int)fd_col_int(st, FD_COL_RENOVATION_ROW_PASSES_OUT),
        .refunded = (int)fd_col_int(st, FD_COL_RENOVATION_ROW_REFUNDED),
        .opened_at = fd_col_int(st, FD_COL_RENOVATION_ROW_AT),
        .completed_at = fd_col_int(st, FD_COL_RENOVATION_ROW_COMPLETED_AT),
    };
    r->state = strcmp(works_text_of(st, FD_COL_RENOVATION_ROW_STATE), "completed") == 0
                   ? FD_RENOVATION_COMPLETED
                   : FD_RENOVATION_ACTIVE;
    r->term_over = r->state == FD_RENOVATION_ACTIVE && today(d) > r->ends_on;
    COPY(r->unit, st, FD_COL_RENOVATION_ROW_UNIT);
    COPY(r->owner, st, FD_COL_RENOVATION_ROW_OWNER);
    COPY(r->contractor, st, FD_COL_RENOVATION_ROW_CONTRACTOR);
    COPY(r->site_manager, st, FD_COL_RENOVATION_ROW_SITE_MANAGER);
    COPY(r->deposit_receipt, st, FD_COL_RENOVATION_ROW_DEPOSIT_RECEIPT);
    COPY(r->refund_receipt, st, FD_COL_RENOVATION_ROW_REFUND_RECEIPT);
    COPY(r->opened_by, st, FD_COL_RENOVATION_ROW_OPENED_BY);
    r->corrected = fd_col_int(st, FD_COL_RENOVATION_ROW_CORRECTED) != 0;
}

/* A read of rows: the statement, bound, and what each row becomes. */
typedef struct rows {
    fd_desk *d;
    const fd_actor *who;
    fd_stmt *(*statement)(struct rows *r);
    int64_t id;
    const char *text;
    int limit;
    void *out;   /* the row's struct, reused */
    /* Reads the row into out and hands it to the callback of its type. */
    void (*read)(struct rows *r, fd_stmt *st);
    union {
        void (*renovation)(void *ctx, const fd_renovation *row);
        void (*pass)(void *ctx, const fd_work_pass *row);
        void (*hot_work)(void *ctx, const fd_hot_work *row);
        void (*tools)(void *ctx, const fd_tools *row);
    } each;
    void *ctx;
} rows;

static fd_status rows_read(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    rows *r = ctx;
    fd_stmt *st = r->statement(r);
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        r->read(r, st);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status run_rows(rows *r, size_t out_size, fd_error *err)
{
    r->out = fd_alloc(out_size);
    fd_status s = fd_store_read(r->d->store, rows_read, r, err);
    free(r->out);
    return s;
}

static fd_stmt *active_statement(rows *r)
{
    return fd_sql(r->d->store, FD_SQL_RENOVATION_LIST_ACTIVE);
}

static void renovation_row(rows *r, fd_stmt *st)
{
    read_renovation(r->d, st, r->out);
    r->each.renovation(r->ctx, r->out);
}

fd_status fd_renovations_active(fd_desk *d, const fd_actor *who,
                                void (*each)(void *ctx, const fd_renovation *r), void *ctx,
                                fd_error *err)
{
    rows r = {.d = d, .who = who, .statement = active_statement, .read = renovation_row,
              .each.renovation = each, .ctx = ctx};
    return run_rows(&r, sizeof(fd_renovation), err);
}

static fd_stmt *search_statement(rows *r)
{
    fd_stmt *st = fd_sql(r->d->store, FD_SQL_RENOVATION_SEARCH);
    fd_bind_text(st, ":text", r->text);
    fd_bind_int(st, ":limit", r->limit);
    return st;
}

/* Runs r with text as every search matches it: full-width letters and digits as
 * half-width, spaces around it dropped; NULL as "" (the statement's "any"). */
static fd_status run_search(rows *r, const char *text, size_t row_size, fd_error *err)
{
    char *folded = text_folded(text ? text : "");
    char *trimmed = text_trimmed(folded);
    r->text = trimmed;
    fd_status s = run_rows(r, row_size, err);
    free(trimmed);
    free(folded);
    return s;
}

fd_status fd_renovations_search(fd_desk *d, const fd_actor *who, const char *text, int limit,
                                void (*each)(void *ctx, const fd_renovation *r), void *ctx,
                                fd_error *err)
{
    if (limit <= 0)
        return fd_fail(err, FD_USAGE, NULL, "fd_renovations_search: limit %d", limit);
    rows r = {.d = d, .who = who, .statement = search_statement, .limit = limit,
              .read = renovation_row, .each.renovation = each, .ctx = ctx};
    return run_search(&r, text, sizeof(fd_renovation), err);
}

/* One row by its id through statement, read into out; FD_NOT_FOUND for the caller to
 * word. */
static fd_status get_one(fd_desk *d, fd_sql_id statement, int64_t id,
                         void (*read)(fd_desk *d, const fd_actor *who, fd_stmt *st, void *out),
                         const fd_actor *who, void *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, statement);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        read(d, who, st, out);
        fd_stmt_reset(st);
    }
    return s;
}

static void read_renovation_any(fd_desk *d, const fd_actor *who, fd_stmt *st, void *out)
{
    (void)who;
    read_renovation(d, st, out);
}

fd_status fd_renovation_get(fd_desk *d, const fd_actor *who, int64_t id, fd_renovation *out,
                            fd_error *err)
{
    fd_status s = get_one(d, FD_SQL_RENOVATION_GET, id, read_renovation_any, who, out, err);
    return s == FD_NOT_FOUND ? fd_fail(err, s, NULL, _("There is no renovation file number %lld."), (long long)id) : s;
}

/* ---- passes ---- */

static void read_pass(fd_desk *d, const fd_actor *who, fd_stmt *st, void *out)
{
    fd_work_pass *p = out;
    *p = (fd_work_pass){
        .id = fd_col_int(st, FD_COL_WORK_PASS_ROW_ID),
        .renovation_id = fd_col_int(st, FD_COL_WORK_PASS_ROW_RENOVATION_ID),
        .valid_until = (fd_date)fd_col_int(st, FD_COL_WORK_PASS_ROW_VALID_UNTIL),
        .received = (int)fd_col_int(st, FD_COL_WORK_PASS_ROW_RECEIVED),
        .deposit = (int)fd_col_int(st, FD_COL_WORK_PASS_ROW_DEPOSIT),
        .refunded = (int)fd_col_int(st, FD_COL_WORK_PASS_ROW_REFUNDED),
        .issued_at = fd_col_int(st, FD_COL_WORK_PASS_ROW_AT),
        .ended_at = fd_col_int(st, FD_COL_WORK_PASS_ROW_ENDED_AT),
        .signer_role = works_signer_parse(fd_col_text(st, FD_COL_WORK_PASS_ROW_SIGNER_ROLE)),
    };
    const char *state = works_text_of(st, FD_COL_WORK_PASS_ROW_STATE);
    p->state = strcmp(state, "returned") == 0    ? FD_PASS_RETURNED
               : strcmp(state, "forfeited") == 0 ? FD_PASS_FORFEITED
                                                 : FD_PASS_ISSUED;
    p->standing = fd_work_pass_standing(p->state, p->valid_until, today(d));
    fd_doc_type type = FD_DOC_OTHER;
    fd_doc_type_parse(fd_col_text(st, FD_COL_WORK_PASS_ROW_DOC_TYPE), &type);
    p->doc_type = type;
    const char *clear = fd_col_text(st, FD_COL_WORK_PASS_ROW_DOC_NUMBER_CLEAR);
    p->doc_in_full = clear && fd_may_see_documents(d->config, who);
    snprintf(p->doc_number, sizeof p->doc_number, "%s",
             p->doc_in_full ? clear : works_text_of(st, FD_COL_WORK_PASS_ROW_DOC_NUMBER_MASKED));
    COPY(p->unit, st, FD_COL_WORK_PASS_ROW_UNIT);
    COPY(p->contractor, st, FD_COL_WORK_PASS_ROW_CONTRACTOR);
    COPY(p->worker, st, FD_COL_WORK_PASS_ROW_WORKER);
    COPY(p->signer, st, FD_COL_WORK_PASS_ROW_SIGNER);
    COPY(p->receipt, st, FD_COL_WORK_PASS_ROW_RECEIPT);
    COPY(p->refund_receipt, st, FD_COL_WORK_PASS_ROW_REFUND_RECEIPT);
    COPY(p->issued_by, st, FD_COL_WORK_PASS_ROW_ISSUED_BY);
    p->photo = fd_col_int(st, FD_COL_WORK_PASS_ROW_PHOTO) != 0;
    p->corrected = fd_col_int(st, FD_COL_WORK_PASS_ROW_CORRECTED) != 0;
}

fd_status fd_work_pass_get(fd_desk *d, const fd_actor *who, int64_t id, fd_work_pass *out,
                           fd_error *err)
{
    fd_status s = get_one(d, FD_SQL_WORK_PASS_GET, id, read_pass, who, out, err);
    return s == FD_NOT_FOUND ? fd_fail(err, s, NULL, _("There is no worker's pass number %lld."), (long long)id) : s;
}

static void pass_row(rows *r, fd_stmt *st)
{
    read_pass(r->d, r->who, st, r->out);
    r->each.pass(r->ctx, r->out);
}

static fd_stmt *due_statement(rows *r)
{
    fd_stmt *st = fd_sql(r->d->store, FD_SQL_WORK_PASS_LIST_DUE);
    fd_bind_int(st, ":by", today(r->d) + FD_WORK_PASS_DUE_DAYS);
    fd_bind_text(st, ":text", r->text);
    fd_bind_int(st, ":limit", r->limit);
    return st;
}

fd_status fd_work_passes_due(fd_desk *d, const fd_actor *who, const char *text, int limit,
                             void (*each)(void *ctx, const fd_work_pass *p), void *ctx,
                             fd_error *err)
{
    if (limit < 1)
        return fd_fail(err, FD_USAGE, NULL, "fd_work_passes_due: limit %d", limit);
    rows r = {.d = d, .who = who, .statement = due_statement, .limit = limit, .read = pass_row,
              .each.pass = each, .ctx = ctx};
    return run_search(&r, text, sizeof(fd_work_pass), err);
}

static fd_stmt *passes_of_statement(rows *r)
{
    fd_stmt *st = fd_sql(r->d->store, FD_SQL_WORK_PASS_LIST_OF);
    fd_bind_int(st, ":renovation_id", r->id);
    return st;
}

fd_status fd_work_passes_of(fd_desk *d, const fd_actor *who, int64_t renovation_id,
                            void (*each)(void *ctx, const fd_work_pass *p), void *ctx,
                            fd_error *err)
{
    rows r = {.d = d, .who = who, .statement = passes_of_statement, .id = renovation_id,
              .read = pass_row, .each.pass = each, .ctx = ctx};
    return run_rows(&r, sizeof(fd_work_pass), err);
}

/* ---- hot-work permits ---- */

static void hot_work_row(rows *r, fd_stmt *st)
{
    fd_hot_work *h = r->out;
    *h = (fd_hot_work){
        .id = fd_col_int(st, FD_COL_HOT_WORK_ROW_ID),
        .renovation_id = fd_col_int(st, FD_COL_HOT_WORK_ROW_RENOVATION_ID),
        .cleared = strcmp(works_text_of(st, FD_COL_HOT_WORK_ROW_STATE), "cleared") == 0,
        .starts_at = fd_col_int(st, FD_COL_HOT_WORK_ROW_STARTS_AT),
        .ends_at = fd_col_int(st, FD_COL_HOT_WORK_ROW_ENDS_AT),
    };
    COPY(h->unit, st, FD_COL_HOT_WORK_ROW_UNIT);
    COPY(h->welder, st, FD_COL_HOT_WORK_ROW_WELDER);
    COPY(h->certificate, st, FD_COL_HOT_WORK_ROW_CERTIFICATE);
    COPY(h->work, st, FD_COL_HOT_WORK_ROW_WORK);
    COPY(h->approver, st, FD_COL_HOT_WORK_ROW_APPROVER);
    r->each.hot_work(r->ctx, h);
}

static fd_stmt *hot_works_statement(rows *r)
{
    fd_stmt *st = fd_sql(r->d->store, FD_SQL_HOT_WORK_LIST_OF);
    fd_bind_int(st, ":renovation_id", r->id);
    return st;
}

static fd_stmt *hot_works_open_statement(rows *r)
{
    return fd_sql(r->d->store, FD_SQL_HOT_WORK_LIST_OPEN);
}

fd_status fd_hot_works_open(fd_desk *d, const fd_actor *who,
                            void (*each)(void *ctx, const fd_hot_work *h), void *ctx,
                            fd_error *err)
{
    rows r = {.d = d, .who = who, .statement = hot_works_open_statement, .read = hot_work_row,
              .each.hot_work = each, .ctx = ctx};
    return run_rows(&r, sizeof(fd_hot_work), err);
}

fd_status fd_hot_works_of(fd_desk *d, const fd_actor *who, int64_t renovation_id,
                          void (*each)(void *ctx, const fd_hot_work *h), void *ctx,
                          fd_error *err)
{
    rows r = {.d = d, .who = who, .statement = hot_works_statement, .id = renovation_id,
              .read = hot_work_row, .each.hot_work = each, .ctx = ctx};
    return run_rows(&r, sizeof(fd_hot_work), err);
}

/* ---- tools ---- */

static void read_tools(fd_desk *d, const fd_actor *who, fd_stmt *st, void *out)
{
    (void)d;
    (void)who;
    fd_tools *t = out;
    *t = (fd_tools){
        .id = fd_col_int(st, FD_COL_WORK_TOOLS_ROW_ID),
        .renovation_id = fd_col_int(st, FD_COL_WORK_TOOLS_ROW_RENOVATION_ID),
        .pass_id = fd_col_int(st, FD_COL_WORK_TOOLS_ROW_PASS_ID),
        .out = strcmp(works_text_of(st, FD_COL_WORK_TOOLS_ROW_STATE), "out") == 0,
        .day = (fd_date)fd_col_int(st, FD_COL_WORK_TOOLS_ROW_DAY),
        .as_listed = fd_col_int(st, FD_COL_WORK_TOOLS_ROW_AS_LISTED) != 0,
        .registered_at = fd_col_int(st, FD_COL_WORK_TOOLS_ROW_AT),
        .out_at = fd_col_int(st, FD_COL_WORK_TOOLS_ROW_OUT_AT),
    };
    COPY(t->unit, st, FD_COL_WORK_TOOLS_ROW_UNIT);
    COPY(t->contractor, st, FD_COL_WORK_TOOLS_ROW_CONTRACTOR);
    COPY(t->worker, st, FD_COL_WORK_TOOLS_ROW_WORKER);
    COPY(t->items, st, FD_COL_WORK_TOOLS_ROW_ITEMS);
    works_tools_lines(t->items);
    COPY(t->out_note, st, FD_COL_WORK_TOOLS_ROW_OUT_NOTE);
}

fd_status fd_tools_get(fd_desk *d, const fd_actor *who, int64_t id, fd_tools *out,
                       fd_error *err)
{
    fd_status s = get_one(d, FD_SQL_WORK_TOOLS_GET, id, read_tools, who, out, err);
    return s == FD_NOT_FOUND ? fd_fail(err, s, NULL, _("There is no tools registration number %lld."), (long long)id) : s;
}

static void tools_row(rows *r, fd_stmt *st)
{
    read_tools(r->d, r->who, st, r->out);
    r->each.tools(r->ctx, r->out);
}

static fd_stmt *tools_today_statement(rows *r)
{
    fd_stmt *st = fd_sql(r->d->store, FD_SQL_WORK_TOOLS_LIST_TODAY);
    fd_bind_int(st, ":day", today(r->d));
    fd_bind_text(st, ":text", r->text);
    return st;
}

fd_status fd_tools_today(fd_desk *d, const fd_actor *who, const char *text,
                         void (*each)(void *ctx, const fd_tools *t), void *ctx, fd_error *err)
{
    rows r = {.d = d, .who = who, .statement = tools_today_statement, .read = tools_row,
              .each.tools = each, .ctx = ctx};
    return run_search(&r, text, sizeof(fd_tools), err);
}

/* ---- history ---- */

static const struct {
    const char *kind, *event, *label;
} event_labels[] = {
    {"renovation", "open", N_("Renovation file opened")},
    {"renovation", "extend", N_("Term extended")},
    {"renovation", "complete", N_("Renovation completed")},
    {"work_pass", "issue", N_("Worker's pass given")},
    {"work_pass", "renew", N_("Pass renewed")},
    {"work_pass", "return", N_("Pass returned, deposit refunded")},
    {"work_pass", "forfeit", N_("Pass ended, deposit forfeited")},
    {"hot_work", "approve", N_("Hot work approved")},
    {"hot_work", "clear", N_("Site cleared after hot work")},
    {"tools", "register", N_("Tools registered")},
    {"tools", "check_out", N_("Tools carried out")},
};

static const char *event_label(const char *kind, const char *event)
{
    for (size_t i = 0; i < COUNT(event_labels); i++)
        if (strcmp(event_labels[i].kind, kind) == 0 && strcmp(event_labels[i].event, event) == 0)
            return _(event_labels[i].label);
    return event;
}

/* The row's own words for a line of the history. */
static const char *event_detail(fd_stmt *st, char *buf, size_t size)
{
    const char *kind = works_text_of(st, FD_COL_WORKS_EVENT_KIND);
    const char *event = works_text_of(st, FD_COL_WORKS_EVENT_EVENT);
    char day[FD_DATE_TEXT];
    buf[0] = '\0';
    if (!fd_col_null(st, FD_COL_WORKS_EVENT_EXTENDED_TO)) {
        fd_date_format((fd_date)fd_col_int(st, FD_COL_WORKS_EVENT_EXTENDED_TO), day);
        snprintf(buf, size, _("to %s; request: %s"), day, works_text_of(st, FD_COL_WORKS_EVENT_REQUEST));
    } else if (strcmp(kind, "renovation") == 0 && strcmp(event, "open") == 0) {
        /* As recorded when the file was opened; corrections follow as lines of their own. */
        fd_date_format((fd_date)fd_col_int(st, FD_COL_WORKS_EVENT_TERM_ENDS_ON), day);
        snprintf(buf, size, _("owner %s, %s (site manager %s), term to %s, deposit %d yuan, receipt %s"),
                 works_text_of(st, FD_COL_WORKS_EVENT_OWNER),
                 works_text_of(st, FD_COL_WORKS_EVENT_CONTRACTOR),
                 works_text_of(st, FD_COL_WORKS_EVENT_SITE_MANAGER), day,
                 (int)fd_col_int(st, FD_COL_WORKS_EVENT_DEPOSIT),
                 works_text_of(st, FD_COL_WORKS_EVENT_DEPOSIT_RECEIPT));
    } else if (strcmp(kind, "renovation") == 0 && strcmp(event, "complete") == 0) {
        snprintf(buf, size, _("refunded %d yuan %s"),
                 (int)fd_col_int(st, FD_COL_WORKS_EVENT_RENOVATION_REFUNDED),
                 works_text_of(st, FD_COL_WORKS_EVENT_RENOVATION_REFUND_RECEIPT));
    } else if (strcmp(kind, "work_pass") == 0) {
        /* The pass by its number, as the desk chooses it in the steps (No. 3 王五). */
        char worker[FD_WORKS_NAME_MAX + 32];
        snprintf(worker, sizeof worker, _("No. %lld %s"), (long long)fd_col_int(st, FD_COL_WORKS_EVENT_PASS_ID),
                 works_text_of(st, FD_COL_WORKS_EVENT_WORKER));
        if (!fd_col_null(st, FD_COL_WORKS_EVENT_RENEWED_TO)) {
            fd_date_format((fd_date)fd_col_int(st, FD_COL_WORKS_EVENT_RENEWED_TO), day);
            snprintf(buf, size, _("%s, to %s"), worker, day);
        } else if (strcmp(event, "issue") == 0) {
            snprintf(buf, size,
                     fd_col_int(st, FD_COL_WORKS_EVENT_PHOTO) ? _("%s, receipt %s, with photo")
                                                              : _("%s, receipt %s"),
                     worker, works_text_of(st, FD_COL_WORKS_EVENT_RECEIPT));
        } else if (strcmp(event, "return") == 0) {
            snprintf(buf, size, _("%s, refunded %d yuan, receipt %s"), worker,
                     (int)fd_col_int(st, FD_COL_WORKS_EVENT_PASS_REFUNDED),
                     works_text_of(st, FD_COL_WORKS_EVENT_PASS_REFUND_RECEIPT));
        } else {
            snprintf(buf, size, "%s", worker);
        }
    } else if (strcmp(kind, "hot_work") == 0) {
        snprintf(buf, size, _("%s, certificate %s"), works_text_of(st, FD_COL_WORKS_EVENT_WELDER),
                 works_text_of(st, FD_COL_WORKS_EVENT_CERTIFICATE));
    } else if (strcmp(kind, "tools") == 0 && strcmp(event, "register") == 0) {
        snprintf(buf, size, "%s", works_text_of(st, FD_COL_WORKS_EVENT_ITEMS));
        works_tools_lines(buf);
    } else if (strcmp(kind, "tools") == 0) {
        bool as_listed = fd_col_int(st, FD_COL_WORKS_EVENT_OUT_AS_LISTED) != 0;
        const char *note = works_text_of(st, FD_COL_WORKS_EVENT_OUT_NOTE);
        if (!*note)
            snprintf(buf, size, "%s", as_listed ? _("as listed") : _("not as listed"));
        else
            snprintf(buf, size, as_listed ? _("as listed: %s") : _("not as listed: %s"), note);
    }
    return buf;
}

typedef struct history {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    fd_time from, to;
    void (*each)(void *ctx, const fd_works_line *line);
    void *ctx;
} history;

static fd_status events_read(fd_stmt *st, history *h, fd_error *err)
{
    char *detail = fd_alloc(FD_WORKS_TEXT_MAX * 2);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *kind = works_text_of(st, FD_COL_WORKS_EVENT_KIND);
        const char *event = works_text_of(st, FD_COL_WORKS_EVENT_EVENT);
        fd_works_line line = {
            .at = fd_col_int(st, FD_COL_WORKS_EVENT_AT),
            .renovation_id = fd_col_int(st, FD_COL_WORKS_EVENT_RENOVATION_ID),
            .unit = works_text_of(st, FD_COL_WORKS_EVENT_UNIT),
            .kind = kind,
            .event = event,
            .what = event_label(kind, event),
            .staff = works_text_of(st, FD_COL_WORKS_EVENT_STAFF),
            .approver = fd_col_text(st, FD_COL_WORKS_EVENT_APPROVER),
            .detail = event_detail(st, detail, FD_WORKS_TEXT_MAX * 2),
        };
        h->each(h->ctx, &line);
    }
    free(detail);
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static void correction_of_history(void *ctx, const works_correction_seen *c)
{
    history *h = ctx;
    works_correction_line(c, h->each, h->ctx);
}

static fd_status history_read(fd_store *store, void *ctx, fd_error *err)
{
    history *h = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_RENOVATION_EVENTS);
    fd_bind_int(st, ":id", h->id);
    fd_status s = events_read(st, h, err);
    if (s != FD_OK)
        return s;
    st = fd_sql(store, FD_SQL_WORKS_CORRECTIONS_OF);
    fd_bind_int(st, ":id", h->id);
    return works_corrections_read(st, fd_may_see_documents(h->d->config, h->who), 0, 0,
                                  correction_of_history, h, err);
}

fd_status fd_renovation_history(fd_desk *d, const fd_actor *who, int64_t id,
                                void (*each)(void *ctx, const fd_works_line *line), void *ctx,
                                fd_error *err)
{
    fd_renovation r;
    fd_status s = fd_renovation_get(d, who, id, &r, err);
    if (s != FD_OK)
        return s;
    history h = {.d = d, .who = who, .id = id, .each = each, .ctx = ctx};
    return fd_store_read(d->store, history_read, &h, err);
}

static fd_status between_read(fd_store *store, void *ctx, fd_error *err)
{
    history *h = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_WORKS_EVENTS_BETWEEN);
    fd_bind_int(st, ":from", h->from);
    fd_bind_int(st, ":to", h->to);
    fd_status s = events_read(st, h, err);
    if (s != FD_OK)
        return s;
    st = fd_sql(store, FD_SQL_WORKS_CORRECTIONS_BETWEEN);
    fd_bind_int(st, ":from", h->from);
    fd_bind_int(st, ":to", h->to);
    return works_corrections_read(st, fd_may_see_documents(h->d->config, h->who), h->from, h->to,
                                  correction_of_history, h, err);
}

fd_status fd_works_between(fd_desk *d, const fd_actor *who, fd_time from, fd_time to,
                           void (*each)(void *ctx, const fd_works_line *line), void *ctx,
                           fd_error *err)
{
    history h = {.d = d, .who = who, .from = from, .to = to, .each = each, .ctx = ctx};
    return fd_store_read(d->store, between_read, &h, err);
}
