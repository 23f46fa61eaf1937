/* Complaints leaving the desk: the export and the monthly figures. See
 * include/frontdesk/complaints.h. */
#include "frontdesk/complaints.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "frontdesk/audit.h"
#include "frontdesk/calendar.h"
#include "frontdesk/i18n.h"
#include "frontdesk/validate.h"
#include "complaints/complaints_internal.h"
#include "store/stmt.h"

/* ---- export ---- */

static const char *const export_columns[] = {
    "number", "sort", "received_at", "received_by", "complainant", "unit", "phone", "channel",
    "category", "severity", "content", "department", "state", "rectify_due", "rectified_at",
    "measures", "result", "visit_due", "visited_at", "satisfaction", "acknowledgement",
    "escalated_to", "overdue", "closed_at",
};
enum { EXPORT_COLUMNS = sizeof export_columns / sizeof export_columns[0] };

typedef struct export_ctx {
    fd_desk *d;
    const fd_actor *who;
    const fd_export_request *req;
    FILE *out;
    fd_export *e;
} export_ctx;

/* Text the row owns until it is written. */
typedef struct cells {
    char times[6][FD_TIME_TEXT];
    char number[24];
    char *phone;
} cells;

static const char *time_cell(cells *c, int slot, fd_stmt *st, int col)
{
    if (fd_col_null(st, col))
        return NULL;
    fd_time_format(fd_col_int(st, col), c->times[slot]);
    return c->times[slot];
}

static const char *label_cell(fd_stmt *st, int col, fd_complaint_list list)
{
    int value = complaint_col_choice(st, col, list);
    return value < 0 ? NULL : fd_complaint_choice_label(list, value);
}

static void export_row(export_ctx *x, fd_stmt *st)
{
    cells c = {0};
    snprintf(c.number, sizeof c.number, "%lld", (long long)fd_col_int(st, FD_COL_COMPLAINT_EXPORT_ID));
    const char *phone = fd_col_text(st, FD_COL_COMPLAINT_EXPORT_PHONE);
    c.phone = phone && x->req->unmasked ? fd_strdup(phone) : complaint_shown_phone(x->d, NULL, phone);
    fd_time due = complaint_col_due(st, FD_COL_COMPLAINT_EXPORT_DUE_AT);
    const char *v[EXPORT_COLUMNS] = {
        c.number, label_cell(st, 1, FD_CLIST_SORT), time_cell(&c, 0, st, 2), fd_col_text(st, FD_COL_COMPLAINT_EXPORT_RECEIVED_BY),
        fd_col_text(st, FD_COL_COMPLAINT_EXPORT_COMPLAINANT), fd_col_text(st, FD_COL_COMPLAINT_EXPORT_UNIT), c.phone, label_cell(st, 7, FD_CLIST_CHANNEL),
        label_cell(st, 8, FD_CLIST_CATEGORY), label_cell(st, 9, FD_CLIST_SEVERITY),
        fd_col_text(st, FD_COL_COMPLAINT_EXPORT_CONTENT), fd_col_text(st, FD_COL_COMPLAINT_EXPORT_DEPARTMENT), label_cell(st, 12, FD_CLIST_STATE),
        time_cell(&c, 1, st, 13), time_cell(&c, 2, st, 14), fd_col_text(st, FD_COL_COMPLAINT_EXPORT_MEASURES),
        fd_col_text(st, FD_COL_COMPLAINT_EXPORT_RESULT), time_cell(&c, 3, st, 17), time_cell(&c, 4, st, 18),
        label_cell(st, 19, FD_CLIST_SATISFACTION), label_cell(st, 20, FD_CLIST_ACK),
        fd_col_text(st, FD_COL_COMPLAINT_EXPORT_ESCALATED_BY), complaint_is_overdue(x->d, due) ? _("yes") : "", time_cell(&c, 5, st, 23),
    };
    fd_export_row(x->e, v);
    free(c.phone);
}

static fd_status export_txn(fd_store *store, void *ctx, fd_error *err)
{
    export_ctx *x = ctx;
    x->e = fd_export_begin(x->out, x->req->format, export_columns, EXPORT_COLUMNS);
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_EXPORT);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        export_row(x, st);
    fd_stmt_reset(st);
    fd_status s = fd_export_end(x->e, rc < 0 ? NULL : err);
    return rc < 0 ? err->status : s;
}

/* ---- monthly figures ---- */

static const char *const month_columns[] = {
    "month", "figure", "sort", "category", "severity", "count", "total", "share",
};
enum { MONTH_COLUMNS = sizeof month_columns / sizeof month_columns[0], GROUPS_MAX = 64 };

typedef struct group {
    int sort, category, severity;
    long count;
} group;

typedef struct figures {
    group groups[GROUPS_MAX];
    size_t group_count;
    long received;
    long rectify_due, rectified_in_time, visit_due, visited_in_time;
    long satisfaction[3], visits;
} figures;

static void bind_range(fd_stmt *st, const fd_export_request *req)
{
    fd_bind_int(st, ":from", req->from);
    fd_bind_int(st, ":to", req->to);
}

static fd_status read_groups(fd_store *store, const fd_export_request *req, figures *f, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_MONTH_COUNTS);
    bind_range(st, req);
    int rc;
    while ((rc = fd_step(st, err)) == 1 && f->group_count < GROUPS_MAX) {
        group *g = &f->groups[f->group_count++];
        g->sort = complaint_col_choice(st, 0, FD_CLIST_SORT);
        g->category = complaint_col_choice(st, 1, FD_CLIST_CATEGORY);
        g->severity = complaint_col_choice(st, 2, FD_CLIST_SEVERITY);
        g->count = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_COUNTS_COMPLAINTS);
        f->received += g->count;
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status read_in_time(fd_store *store, const fd_export_request *req, figures *f, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_MONTH_IN_TIME);
    bind_range(st, req);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        f->rectify_due = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_IN_TIME_TO_RECTIFY);
        f->rectified_in_time = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_IN_TIME_RECTIFIED_IN_TIME);
        f->visit_due = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_IN_TIME_TO_VISIT);
        f->visited_in_time = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_IN_TIME_VISITED_IN_TIME);
    }
    fd_stmt_reset(st);
    return s;
}

static fd_status read_satisfaction(fd_store *store, const fd_export_request *req, figures *f,
                                   fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_MONTH_SATISFACTION);
    bind_range(st, req);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        int level = complaint_col_choice(st, 0, FD_CLIST_SATISFACTION);
        long n = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_SATISFACTION_VISITS);
        if (level >= 0)
            f->satisfaction[level] += n;
        f->visits += n;
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

typedef struct month_row {
    const char *figure;
    int sort, category, severity; /* -1: not this kind of row */
    long count, total;
} month_row;

static void emit_figure(fd_export *e, const char *month, const month_row *r)
{
    char count[24], total[24], share[24] = "";
    snprintf(count, sizeof count, "%ld", r->count);
    snprintf(total, sizeof total, "%ld", r->total);
    if (r->total > 0)
        snprintf(share, sizeof share, "%.1f%%", 100.0 * (double)r->count / (double)r->total);
    const char *v[MONTH_COLUMNS] = {
        month, r->figure,
        r->sort < 0 ? NULL : fd_complaint_choice_label(FD_CLIST_SORT, r->sort),
        r->category < 0 ? NULL : fd_complaint_choice_label(FD_CLIST_CATEGORY, r->category),
        r->severity < 0 ? NULL : fd_complaint_choice_label(FD_CLIST_SEVERITY, r->severity),
        count, total, share,
    };
    fd_export_row(e, v);
}

static void emit_figures(fd_export *e, const char *month, const figures *f)
{
    for (size_t i = 0; i < f->group_count; i++) {
        const group *g = &f->groups[i];
        emit_figure(e, month, &(month_row){_("Taken in"), g->sort, g->category, g->severity,
                                            g->count, f->received});
    }
    emit_figure(e, month, &(month_row){_("Taken in (all)"), -1, -1, -1, f->received, f->received});
    emit_figure(e, month, &(month_row){_("Rectified in time"), -1, -1, -1, f->rectified_in_time,
                                        f->rectify_due});
    emit_figure(e, month, &(month_row){_("Visited in time"), -1, -1, -1, f->visited_in_time,
                                        f->visit_due});
    for (int level = 0; level < 3; level++)
        emit_figure(e, month, &(month_row){fd_complaint_choice_label(FD_CLIST_SATISFACTION, level),
                                            -1, -1, -1, f->satisfaction[level], f->visits});
}

static fd_status monthly_txn(fd_store *store, void *ctx, fd_error *err)
{
    export_ctx *x = ctx;
    figures f = {0};
    fd_status s;
    if ((s = read_groups(store, x->req, &f, err)) != FD_OK ||
        (s = read_in_time(store, x->req, &f, err)) != FD_OK ||
        (s = read_satisfaction(store, x->req, &f, err)) != FD_OK)
        return s;
    char month[FD_DATE_TEXT];
    fd_date_format(fd_date_of(x->req->from), month);
    month[7] = '\0';
    fd_export *e = fd_export_begin(x->out, x->req->format, month_columns, MONTH_COLUMNS);
    emit_figures(e, month, &f);
    return fd_export_end(e, err);
}

fd_status fd_complaints_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                               FILE *out, fd_error *err)
{
    if (!fd_may(who, FD_ACT_COMPLAINT_EXPORT))
        return fd_fail(err, FD_DENIED, NULL, _("Only managers and administrators may export complaints."));
    if (req->unmasked && !complaint_sees_phones(d, who))
        return fd_fail(err, FD_DENIED, "unmasked", _("%s may not see phone numbers in full."),
                       fd_role_label(who->role));
    export_ctx x = {d, who, req, out, NULL};
    return fd_store_read(d->store, req->monthly ? monthly_txn : export_txn, &x, err);
}
