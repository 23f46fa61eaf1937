/* Complaints leaving the desk: the export and the monthly figures. See
 * include/frontdesk/complaints.h. Deadlines are written as their last day ("by the
 * 10th"), never as the instant after it; every figure of a month counts the
 * complaints received in that month. */
#include "frontdesk/complaints.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "frontdesk/book.h"
#include "frontdesk/i18n.h"
#include "frontdesk/validate.h"
#include "complaints/complaints_internal.h"
#include "store/stmt.h"

/* ---- labels a complaint's history is written with ---- */

const char *fd_complaint_event_label(const char *event)
{
    static const struct {
        const char *event, *label;
    } labels[] = {
        {"receive", N_("Taken in")},    {"serve", N_("Service recorded")},
        {"assign", N_("Assigned")},     {"reassign", N_("Reassigned")},
        {"rectify", N_("Rectified")},   {"visit", N_("Visited")},
        {"reopen", N_("Visited, dissatisfied: reopened")},
        {"close", N_("Closed")},        {"escalate", N_("Taken over")},
        {"refer", N_("Handed to the CS manager")},
        {"correct", N_("Corrected")},
    };
    for (size_t i = 0; event && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].event, event) == 0)
            return _(labels[i].label);
    return event;
}

/* The intake's correctable fields, with the choice list a stored value is read by. */
static const struct intake_field {
    const char *field, *label;
    int list; /* fd_complaint_list, -1 for text */
} intake_fields[] = {
    {"complainant", N_("Complainant"), -1}, {"unit", N_("Unit"), -1},
    {"phone", N_("Phone"), -1},             {"channel", N_("Channel"), FD_CLIST_CHANNEL},
    {"category", N_("Category"), FD_CLIST_CATEGORY}, {"severity", N_("Severity"), FD_CLIST_SEVERITY},
    {"content", N_("What"), -1},            {"received_at", N_("Taken in at"), -1},
};
enum { INTAKE_FIELDS = sizeof intake_fields / sizeof intake_fields[0] };

static int intake_field_index(const char *field)
{
    for (int i = 0; field && i < INTAKE_FIELDS; i++)
        if (strcmp(intake_fields[i].field, field) == 0)
            return i;
    return -1;
}

const char *fd_complaint_field_label(const char *field)
{
    int i = intake_field_index(field);
    return i < 0 ? field : _(intake_fields[i].label);
}

const char *fd_complaint_value_label(const char *field, const char *value)
{
    int i = intake_field_index(field);
    int v = i < 0 || intake_fields[i].list < 0 ? -1
            : fd_complaint_choice_parse((fd_complaint_list)intake_fields[i].list, value);
    if (v >= 0)
        return fd_complaint_choice_label((fd_complaint_list)intake_fields[i].list, v);
    return value ? value : "";
}

char *fd_complaint_correction_text(const fd_complaint_step *step)
{
    if (!step->field)
        return NULL;
    const char *old = fd_complaint_value_label(step->field, step->old_value);
    const char *value = fd_complaint_value_label(step->field, step->value);
    /* TRANSLATORS: a correction on a complaint's page: field, old value, new value, reason */
    return fd_printf(_("%s: %s → %s (reason: %s)"), fd_complaint_field_label(step->field),
                     *old ? old : _("(empty)"), *value ? value : _("(empty)"),
                     step->note ? step->note : "");
}

/* ---- export ---- */

static const fd_book_column export_columns[] = {
    {"number", N_("Complaint number"), FD_BOOK_NUMBER},
    {"sort", N_("Sort"), FD_BOOK_TEXT},
    {"received_at", N_("Taken in at"), FD_BOOK_TIME},
    {"received_by", N_("Taken in by"), FD_BOOK_TEXT},
    {"complainant", N_("Complainant"), FD_BOOK_TEXT},
    {"unit", N_("Unit"), FD_BOOK_TEXT},
    {"phone", N_("Phone"), FD_BOOK_TEXT},
    {"channel", N_("Channel"), FD_BOOK_TEXT},
    {"category", N_("Category"), FD_BOOK_TEXT},
    {"severity", N_("Severity"), FD_BOOK_TEXT},
    {"content", N_("What"), FD_BOOK_TEXT},
    {"department", N_("Responsible department"), FD_BOOK_TEXT},
    {"state", N_("State"), FD_BOOK_TEXT},
    {"rectify_due", N_("Rectify by"), FD_BOOK_DAY},
    {"rectified_at", N_("Rectified at"), FD_BOOK_TIME},
    {"measures", N_("Measures"), FD_BOOK_TEXT},
    {"result", N_("Result"), FD_BOOK_TEXT},
    {"visit_due", N_("Visit back by"), FD_BOOK_DAY},
    {"visited_at", N_("Visited at"), FD_BOOK_TIME},
    {"satisfaction", N_("Satisfaction"), FD_BOOK_TEXT},
    {"acknowledgement", N_("Acknowledged"), FD_BOOK_TEXT},
    {"escalated_to", N_("Escalated to"), FD_BOOK_TEXT},
    {"overdue", N_("Overdue"), FD_BOOK_TEXT},
    {"closed_at", N_("Closed at"), FD_BOOK_TIME},
    {"steps", N_("Every step"), FD_BOOK_TEXT},
};
enum { EXPORT_COLUMNS = sizeof export_columns / sizeof export_columns[0] };

typedef struct export_ctx {
    fd_desk *d;
    const fd_actor *who;
    const fd_export_request *req;
    fd_book *book;
} export_ctx;

/* A complaint's steps as lines, each correction with the old value the timeline
 * gives it. */
typedef struct steps {
    const export_ctx *x;
    char *text;
} steps;

/* A field's value as the export writes it: a choice by its label (its code in JSON);
 * a phone from the timeline comes masked for the export already. */
static char *shown_value(const steps *w, int field, const char *value)
{
    if (!value)
        return NULL;
    int list = intake_fields[field].list;
    if (list >= 0) {
        int v = fd_complaint_choice_parse((fd_complaint_list)list, value);
        return fd_strdup(w->x->req->format == FD_EXPORT_JSON || v < 0
                             ? value : fd_complaint_choice_label((fd_complaint_list)list, v));
    }
    return fd_strdup(value);
}

static char *correction_line(steps *w, const fd_complaint_step *s)
{
    int f = intake_field_index(s->field);
    if (f < 0)
        return NULL;
    char *old = shown_value(w, f, s->old_value), *value = shown_value(w, f, s->value);
    char *line = fd_book_correction(w->x->book, s->field, fd_complaint_field_label(s->field), old,
                                    value, s->note, s->staff, s->at);
    free(old);
    free(value);
    return line;
}

/* What a step recorded, after its label. */
static char *step_detail(const fd_complaint_step *s)
{
    if (s->department && s->note)
        /* TRANSLATORS: a complaint's department, then the note of its assignment */
        return fd_printf(_("%s; %s"), s->department, s->note);
    if (s->department)
        return fd_strdup(s->department);
    if (s->measures)
        return fd_printf("%s → %s", s->measures, s->result ? s->result : "");
    if (s->satisfaction >= 0)
        return fd_printf(_("%s: %s"), fd_complaint_choice_label(FD_CLIST_SATISFACTION, s->satisfaction),
                         s->result ? s->result : "");
    return fd_strdup(s->note);
}

static void each_step(void *ctx, const fd_complaint_step *s)
{
    steps *w = ctx;
    char *line;
    if (strcmp(s->event, "correct") == 0) {
        line = correction_line(w, s);
    } else {
        char at[FD_TIME_TEXT];
        fd_time_format(s->at, at);
        char *detail = step_detail(s);
        /* TRANSLATORS: who did a step, then who approved it (as in the notices' export) */
        char *who = s->approver ? fd_printf(_("%s/%s"), s->staff, s->approver) : fd_strdup(s->staff);
        /* TRANSLATORS: a step of a complaint: when, what, details, who */
        line = detail && *detail ? fd_printf(_("%s %s: %s (%s)"), at, fd_complaint_event_label(s->event), detail, who)
                                 : fd_printf(_("%s %s (%s)"), at, fd_complaint_event_label(s->event), who);
        free(detail);
        free(who);
    }
    if (!line)
        return;
    char *joined = w->text ? fd_printf("%s\n%s", w->text, line) : fd_strdup(line);
    free(w->text);
    free(line);
    w->text = joined;
}


/* The whole history: read inside the export's own snapshot (reads nest). */
static char *steps_text(const export_ctx *x, fd_stmt *st, int64_t id, fd_status *s, fd_error *err)
{
    (void)st;
    steps w = {.x = x};
    /* Without the reader, the timeline masks phones, old and new, as the export does. */
    *s = fd_complaint_timeline(x->d, x->req->unmasked ? x->who : NULL, id, each_step, &w, err);
    return w.text;
}

static void choice_cell(fd_book *b, fd_stmt *st, int col, fd_complaint_list list)
{
    int value = complaint_col_choice(st, col, list);
    if (value < 0)
        fd_book_text(b, NULL);
    else
        fd_book_code(b, fd_complaint_choice_name(list, value), fd_complaint_choice_label(list, value));
}

static void time_cell(fd_book *b, fd_stmt *st, int col)
{
    fd_book_time(b, fd_col_null(st, col) ? 0 : fd_col_int(st, col));
}

/* A deadline, kept as the instant it passes, written as its last day. */
static void due_cell(fd_book *b, fd_stmt *st, int col)
{
    bool given = !fd_col_null(st, col);
    fd_book_day(b, given ? fd_deadline_day(fd_col_int(st, col)) : 0, given);
}

static fd_status export_row(export_ctx *x, fd_stmt *st, fd_error *err)
{
    fd_book *b = x->book;
    int64_t id = fd_col_int(st, FD_COL_COMPLAINT_EXPORT_ID);
    const char *phone = fd_col_text(st, FD_COL_COMPLAINT_EXPORT_PHONE);
    char *shown = phone && x->req->unmasked ? fd_strdup(phone) : complaint_shown_phone(x->d, NULL, phone);
    fd_time due = complaint_col_due(st, FD_COL_COMPLAINT_EXPORT_DUE_AT);
    fd_status s;
    char *history = steps_text(x, st, id, &s, err);
    fd_book_number(b, id);
    choice_cell(b, st, FD_COL_COMPLAINT_EXPORT_SORT, FD_CLIST_SORT);
    time_cell(b, st, FD_COL_COMPLAINT_EXPORT_RECEIVED_AT);
    fd_book_text(b, fd_col_text(st, FD_COL_COMPLAINT_EXPORT_RECEIVED_BY));
    fd_book_text(b, fd_col_text(st, FD_COL_COMPLAINT_EXPORT_COMPLAINANT));
    fd_book_text(b, fd_col_text(st, FD_COL_COMPLAINT_EXPORT_UNIT));
    fd_book_text(b, shown);
    choice_cell(b, st, FD_COL_COMPLAINT_EXPORT_CHANNEL, FD_CLIST_CHANNEL);
    choice_cell(b, st, FD_COL_COMPLAINT_EXPORT_CATEGORY, FD_CLIST_CATEGORY);
    choice_cell(b, st, FD_COL_COMPLAINT_EXPORT_SEVERITY, FD_CLIST_SEVERITY);
    fd_book_text(b, fd_col_text(st, FD_COL_COMPLAINT_EXPORT_CONTENT));
    fd_book_text(b, fd_col_text(st, FD_COL_COMPLAINT_EXPORT_DEPARTMENT));
    choice_cell(b, st, FD_COL_COMPLAINT_EXPORT_STATE, FD_CLIST_STATE);
    due_cell(b, st, FD_COL_COMPLAINT_EXPORT_RECTIFY_DUE);
    time_cell(b, st, FD_COL_COMPLAINT_EXPORT_RECTIFIED_AT);
    fd_book_text(b, fd_col_text(st, FD_COL_COMPLAINT_EXPORT_MEASURES));
    fd_book_text(b, fd_col_text(st, FD_COL_COMPLAINT_EXPORT_RESULT));
    due_cell(b, st, FD_COL_COMPLAINT_EXPORT_VISIT_DUE);
    time_cell(b, st, FD_COL_COMPLAINT_EXPORT_VISITED_AT);
    choice_cell(b, st, FD_COL_COMPLAINT_EXPORT_SATISFACTION, FD_CLIST_SATISFACTION);
    choice_cell(b, st, FD_COL_COMPLAINT_EXPORT_ACK, FD_CLIST_ACK);
    fd_book_text(b, fd_col_text(st, FD_COL_COMPLAINT_EXPORT_ESCALATED_BY));
    fd_book_flag(b, complaint_is_overdue(x->d, due));
    time_cell(b, st, FD_COL_COMPLAINT_EXPORT_CLOSED_AT);
    fd_book_text(b, history);
    fd_book_row(b);
    free(history);
    free(shown);
    return s;
}

static fd_status export_rows(fd_store *store, export_ctx *x, fd_error *err)
{
    fd_book_sheet(x->book, "complaints", N_("Complaints"), export_columns, EXPORT_COLUMNS);
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_EXPORT);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    fd_status s = FD_OK;
    while (s == FD_OK && (rc = fd_step(st, err)) == 1)
        s = export_row(x, st, err);
    fd_stmt_reset(st);
    return s != FD_OK ? s : rc < 0 ? err->status : FD_OK;
}

/* ---- monthly figures ---- */

static const fd_book_column month_columns[] = {
    {"month", N_("Month"), FD_BOOK_TEXT},
    {"figure", N_("Figure"), FD_BOOK_TEXT},
    {"sort", N_("Sort"), FD_BOOK_TEXT},
    {"category", N_("Category"), FD_BOOK_TEXT},
    {"severity", N_("Severity"), FD_BOOK_TEXT},
    {"count", N_("Numerator"), FD_BOOK_NUMBER},
    {"total", N_("Denominator"), FD_BOOK_NUMBER},
    {"share", N_("Share"), FD_BOOK_SHARE},
    {"not_yet_due", N_("Not yet due"), FD_BOOK_NUMBER},
    {"basis", N_("How it is counted"), FD_BOOK_TEXT},
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
    long rectify_due, rectified_in_time, rectify_not_due;
    long visit_due, visited_in_time, visit_not_due;
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
        g->sort = complaint_col_choice(st, FD_COL_COMPLAINT_MONTH_COUNTS_SORT, FD_CLIST_SORT);
        g->category = complaint_col_choice(st, FD_COL_COMPLAINT_MONTH_COUNTS_CATEGORY, FD_CLIST_CATEGORY);
        g->severity = complaint_col_choice(st, FD_COL_COMPLAINT_MONTH_COUNTS_SEVERITY, FD_CLIST_SEVERITY);
        g->count = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_COUNTS_COMPLAINTS);
        f->received += g->count;
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status read_in_time(fd_store *store, const export_ctx *x, figures *f, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_COMPLAINT_MONTH_IN_TIME);
    bind_range(st, x->req);
    fd_bind_int(st, ":now", fd_desk_now(x->d));
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        f->rectify_due = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_IN_TIME_TO_RECTIFY);
        f->rectified_in_time = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_IN_TIME_RECTIFIED_IN_TIME);
        f->rectify_not_due = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_IN_TIME_RECTIFY_NOT_DUE);
        f->visit_due = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_IN_TIME_TO_VISIT);
        f->visited_in_time = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_IN_TIME_VISITED_IN_TIME);
        f->visit_not_due = (long)fd_col_int(st, FD_COL_COMPLAINT_MONTH_IN_TIME_VISIT_NOT_DUE);
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
        int level = complaint_col_choice(st, FD_COL_COMPLAINT_MONTH_SATISFACTION_SATISFACTION,
                                         FD_CLIST_SATISFACTION);
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
    long not_due;                 /* -1: nothing here can be not yet due */
    const char *basis;
} month_row;

static void choice_or_empty(fd_book *b, fd_complaint_list list, int value)
{
    if (value < 0)
        fd_book_text(b, NULL);
    else
        fd_book_code(b, fd_complaint_choice_name(list, value), fd_complaint_choice_label(list, value));
}

static void emit_figure(fd_book *b, const char *month, const month_row *r)
{
    fd_book_text(b, month);
    fd_book_text(b, r->figure);
    choice_or_empty(b, FD_CLIST_SORT, r->sort);
    choice_or_empty(b, FD_CLIST_CATEGORY, r->category);
    choice_or_empty(b, FD_CLIST_SEVERITY, r->severity);
    fd_book_number(b, r->count);
    fd_book_number(b, r->total);
    fd_book_share(b, r->count, r->total);
    if (r->not_due < 0)
        fd_book_text(b, NULL);
    else
        fd_book_number(b, r->not_due);
    fd_book_text(b, r->basis);
    fd_book_row(b);
}

static void emit_figures(fd_book *b, const char *month, const figures *f)
{
    const char *received = _("complaints taken in this month");
    for (size_t i = 0; i < f->group_count; i++) {
        const group *g = &f->groups[i];
        emit_figure(b, month, &(month_row){_("Taken in"), g->sort, g->category, g->severity,
                                            g->count, f->received, -1, received});
    }
    emit_figure(b, month, &(month_row){_("Taken in (all)"), -1, -1, -1, f->received, f->received,
                                        -1, received});
    emit_figure(b, month, &(month_row){_("Rectified in time"), -1, -1, -1, f->rectified_in_time,
                                        f->rectify_due, f->rectify_not_due,
                                        _("of this month's complaints rectified or past their rectify-by day; "
                                          "those not yet due are left out")});
    emit_figure(b, month, &(month_row){_("Visited in time"), -1, -1, -1, f->visited_in_time,
                                        f->visit_due, f->visit_not_due,
                                        _("of this month's complaints visited or past their visit-back-by day; "
                                          "those not yet due are left out")});
    for (int level = 0; level < 3; level++)
        emit_figure(b, month, &(month_row){fd_complaint_choice_label(FD_CLIST_SATISFACTION, level),
                                            -1, -1, -1, f->satisfaction[level], f->visits, -1,
                                            _("of this month's complaints visited back: the latest visit")});
}

static fd_status monthly_figures(fd_store *store, export_ctx *x, fd_error *err)
{
    figures f = {0};
    fd_status s;
    if ((s = read_groups(store, x->req, &f, err)) != FD_OK ||
        (s = read_in_time(store, x, &f, err)) != FD_OK ||
        (s = read_satisfaction(store, x->req, &f, err)) != FD_OK)
        return s;
    char month[FD_DATE_TEXT];
    fd_date_format(fd_date_of(x->req->from), month);
    month[7] = '\0';
    fd_book_sheet(x->book, "figures", N_("Monthly figures"), month_columns, MONTH_COLUMNS);
    emit_figures(x->book, month, &f);
    return FD_OK;
}

/* The month's figures; a workbook has the complaints they count on a sheet after them. */
static fd_status export_txn(fd_store *store, void *ctx, fd_error *err)
{
    export_ctx *x = ctx;
    if (!x->req->monthly)
        return export_rows(store, x, err);
    fd_status s = monthly_figures(store, x, err);
    if (s != FD_OK || x->req->format != FD_EXPORT_XLSX)
        return s;
    return export_rows(store, x, err);
}

fd_status fd_complaints_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                               fd_book *book, fd_error *err)
{
    if (!fd_may(who, FD_ACT_COMPLAINT_EXPORT))
        return fd_fail(err, FD_DENIED, NULL, _("Only managers and administrators may export complaints."));
    if (req->unmasked && !complaint_sees_phones(d, who))
        return fd_fail(err, FD_DENIED, "unmasked", _("%s may not see phone numbers in full."),
                       fd_role_label(who->role));
    export_ctx x = {d, who, req, book};
    return fd_store_read(d->store, export_txn, &x, err);
}
