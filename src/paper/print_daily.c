/* The daily logs: see include/frontdesk/print.h. Each is read through its procedure's
 * own day-range function (fd_visits_between, fd_key_loans_between, fd_mail_between,
 * fd_complaints_touched, fd_calls_between, fd_passes_between), as the printing staff
 * member may see it. */
#include "paper/print_internal.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/calls.h"
#include "frontdesk/complaints.h"
#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"
#include "frontdesk/keys.h"
#include "frontdesk/mail.h"
#include "frontdesk/notices.h"
#include "frontdesk/passes.h"
#include "frontdesk/visitors.h"
#include "frontdesk/works.h"

enum { PAGE = 200 };

static const struct {
    const char *name, *title;
} logs[] = {
#define FD_DAILY_LOG_ROW(id, name, title) {name, title},
    FD_DAILY_LOG_LIST(FD_DAILY_LOG_ROW)
#undef FD_DAILY_LOG_ROW
};

const char *fd_daily_log_name(fd_daily_log log)
{
    return log < FD_DAILY_LOG_COUNT ? logs[log].name : "";
}

const char *fd_daily_log_title(fd_daily_log log)
{
    return log < FD_DAILY_LOG_COUNT ? _(logs[log].title) : "";
}

char *fd_print_daily_stem(fd_daily_log log, fd_date day)
{
    char date[FD_DATE_TEXT];
    fd_date_format(day, date);
    return fd_printf("daily-%s-%s", fd_daily_log_name(log), date);
}

bool fd_daily_log_parse(const char *name, fd_daily_log *out)
{
    for (size_t i = 0; i < FD_DAILY_LOG_COUNT; i++)
        if (strcmp(name, logs[i].name) == 0) {
            *out = (fd_daily_log)i;
            return true;
        }
    return false;
}

typedef struct daily {
    fd_desk *d;
    const fd_actor *who;
    fd_date day;
    fd_time start, end;  /* the day's instants: [start, end) */
    fd_report *r;
    bool headed;         /* the combined log: a heading per log */
} daily;

/* A row kept back: a log's summary line comes before its table but is known only after
 * its rows, and loans arrive by number while the paper goes by time. */
typedef struct kept_row {
    fd_time at;
    int64_t id;
    print_cells cells;
} kept_row;

typedef struct kept {
    kept_row *rows;
    size_t count, capacity;
} kept;

static print_cells *keep(kept *k, fd_time at, int64_t id)
{
    if (k->count == k->capacity) {
        k->capacity = k->capacity ? 2 * k->capacity : 64;
        k->rows = fd_realloc(k->rows, k->capacity * sizeof *k->rows);
    }
    kept_row *row = &k->rows[k->count++];
    memset(row, 0, sizeof *row);
    row->at = at;
    row->id = id;
    return &row->cells;
}

static int by_time(const void *a, const void *b)
{
    const kept_row *x = a, *y = b;
    return x->at != y->at ? (x->at < y->at ? -1 : 1) : (x->id > y->id) - (x->id < y->id);
}

/* Sorts the kept rows by time into t, and frees them. */
static void emit_kept(kept *k, fd_report_table *t)
{
    if (k->count > 1)
        qsort(k->rows, k->count, sizeof *k->rows, by_time);
    for (size_t i = 0; i < k->count; i++)
        print_cells_row(t, &k->rows[i].cells);
    FD_FREE(k->rows);
    k->count = k->capacity = 0;
}

static fd_report_table *table(daily *y, const fd_report_column *cols, size_t n)
{
    fd_report_column translated[PRINT_COLUMNS_MAX];
    for (size_t i = 0; i < n && i < PRINT_COLUMNS_MAX; i++)
        translated[i] = (fd_report_column){_(cols[i].title), cols[i].width};
    return fd_report_table_new(y->r, translated, n);
}

static void log_heading(daily *y, fd_daily_log log)
{
    if (y->headed)
        fd_report_heading(y->r, fd_daily_log_title(log));
}

static void count_field(daily *y, const char *key, long n)
{
    char *text = fd_printf("%ld", n);
    fd_report_field(y->r, key, text, FD_STYLE_PLAIN);
    free(text);
}

/* Who kept the log and who checked it sign under it, as on the paper forms. */
static void log_signatures(daily *y)
{
    const char *labels[] = {_("Registered by"), _("Checked by"), _("Date")};
    fd_report_signatures(y->r, labels, 3);
}

static void add_id(int64_t **ids, size_t *count, size_t *capacity, int64_t id)
{
    for (size_t i = 0; i < *count; i++)
        if ((*ids)[i] == id)
            return;
    if (*count == *capacity) {
        *capacity = *capacity ? 2 * *capacity : 64;
        *ids = fd_realloc(*ids, *capacity * sizeof **ids);
    }
    (*ids)[(*count)++] = id;
}

/* ---- visitors (访客登记表) ---- */

typedef struct visit_page {
    daily *y;
    kept rows;
    long admitted, refused, inside, carried;
} visit_page;

static char *visitee_text(const fd_visit *v)
{
    char *place = print_join(v->visitee_unit, " ", v->visitee_company);
    char *where = print_join(place, " ", v->visitee_department);
    char *person = print_join(v->visitee_name, " ", v->visitee_position);
    char *text = print_join(where, "\n", person);
    free(place);
    free(where);
    free(person);
    return text;
}

static void visit_cells(visit_page *p, const fd_visit *v)
{
    fd_date day = p->y->day;
    p->inside += v->state == FD_VISIT_ADMITTED;
    print_cells *c = keep(&p->rows, v->registered_at, v->id);
    print_cells_time(c, v->registered_at, day);
    print_cells_dup(c, v->slip, FD_STYLE_PLAIN);
    print_cells_dup(c, v->visitor_name, FD_STYLE_PLAIN);
    print_cells_add(c, fd_printf("%d", v->party_size), FD_STYLE_PLAIN);
    print_cells_add(c, print_join(fd_doc_type_label(v->doc_type), "\n", v->doc_number), FD_STYLE_PLAIN);
    print_cells_dup(c, v->phone, FD_STYLE_PLAIN);
    print_cells_add(c, visitee_text(v), FD_STYLE_PLAIN);
    print_cells_dup(c, v->purpose, FD_STYLE_PLAIN);
    print_cells_time(c, v->admitted_at, day);
    print_cells_time(c, v->left_at, day);
    print_cells_dup(c, v->left_at ? (v->slip_signed ? _("signed") : _("not signed")) : "",
                    v->left_at && !v->slip_signed ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_dup(c, v->registered_by, FD_STYLE_PLAIN);
    char *state = v->refusal && *v->refusal ? fd_printf(_("%s: %s"), fd_visit_state_label(v->state), v->refusal)
                                            : fd_strdup(fd_visit_state_label(v->state));
    char *note = v->corrected ? print_join(state, "\n", _("corrected")) : fd_strdup(state);
    print_cells_add(c, note, v->state == FD_VISIT_ADMITTED || v->state == FD_VISIT_REFUSED
                                 ? FD_STYLE_RED : FD_STYLE_PLAIN);
    free(state);
}

static void visit_row(void *ctx, const fd_visit *v)
{
    visit_page *p = ctx;
    p->admitted += v->admitted_at != 0;
    p->refused += v->state == FD_VISIT_REFUSED;
    visit_cells(p, v);
}

/* Registered on an earlier day: listed first (by the time they came, with its day), and
 * counted apart, as the day's registrations are its own. */
static void carried_row(void *ctx, const fd_visit *v)
{
    visit_page *p = ctx;
    p->carried++;
    visit_cells(p, v);
}

static fd_status visitors_log(daily *y, fd_error *err)
{
    static const fd_report_column cols[] = {
        {N_("Registered"), 1.1}, {N_("Slip"), 1.4}, {N_("Visitor"), 1.1}, {N_("People"), 0.8},
        {N_("Document"), 1.9}, {N_("Phone"), 1.3}, {N_("Visiting"), 2.0}, {N_("Purpose"), 1.5},
        {N_("Time in"), 0.8}, {N_("Time out"), 0.8}, {N_("Slip back"), 0.9}, {N_("Registered by"), 1.1},
        {N_("State"), 1.3}};
    log_heading(y, FD_LOG_VISITORS);
    visit_page p = {.y = y};
    fd_status s = fd_visits_carried_over(y->d, y->who, y->start, y->end, carried_row, &p, err);
    if (s == FD_OK)
        s = fd_visits_between(y->d, y->who, y->start, y->end, visit_row, &p, err);
    char *summary = fd_printf(_("%ld registered, %ld admitted, %ld refused entry, %ld still inside; "
                                "%ld more from an earlier day"),
                              (long)p.rows.count - p.carried, p.admitted, p.refused, p.inside,
                              p.carried);
    fd_report_field(y->r, _("Visitors"), summary, FD_STYLE_PLAIN);
    free(summary);
    fd_report_table *t = table(y, cols, sizeof cols / sizeof cols[0]);
    /* The slip number, the document and the phone are never broken. */
    for (size_t c = 1; c <= 5; c += c == 1 ? 3 : 1)
        fd_report_column_whole(t, c);
    emit_kept(&p.rows, t);
    log_signatures(y);
    return s;
}

/* ---- key loans (借用钥匙登记表) ---- */

typedef struct loan_walk {
    daily *y;
    int64_t last_id;   /* paging: the loans come by number */
    int seen;
    kept rows;
} loan_walk;

/* A loan's state, and how it ended: who refused or cancelled it, when and why, or what
 * the desk noted as its keys came back. Caller frees. */
static char *loan_state_text(const fd_loan_row *l, fd_date day)
{
    const char *state = fd_loan_state_label(l->state, l->overdue);
    if (l->return_note) {
        char *note = fd_printf(_("%s: %s"), _("Note"), l->return_note);
        char *text = print_join(state, "\n", note);
        free(note);
        return text;
    }
    if (!l->ended_at)
        return fd_strdup(state);
    /* Under the state, who ended the loan and when, then why: a refusal's note is
     * always its reason. */
    char when[FD_TIME_TEXT];
    print_time(l->ended_at, day, when);
    char *who = print_join(l->ended_by, " ", when), *head = print_join(state, "\n", who);
    char *text = print_join(head, "\n", l->ended_note);
    free(who);
    free(head);
    return text;
}

/* A loan goes on the paper at the time its keys went out; one never handed over, at
 * the time it was asked for. */
static void loan_row(void *ctx, const fd_loan_row *l)
{
    loan_walk *w = ctx;
    fd_date day = w->y->day;
    w->last_id = l->id;
    w->seen++;
    print_cells *c = keep(&w->rows, l->out_at ? l->out_at : l->requested_at, l->id);
    print_cells_time(c, l->out_at, day);
    /* A key lost on the loan is named as lost: it never came back with the others. */
    char *lost = l->lost_keys ? fd_printf(_("\nLost: %s"), l->lost_keys) : NULL;
    print_cells_add(c, fd_printf("%s%s%s", l->keys ? l->keys : "", l->emergency ? _(" (emergency)") : "",
                                 lost ? lost : ""),
                    l->emergency || lost ? FD_STYLE_RED : FD_STYLE_PLAIN);
    free(lost);
    char *org = print_join(l->department, " ", l->company);
    print_cells_add(c, print_join(l->borrower, "\n", org), FD_STYLE_PLAIN);
    free(org);
    print_cells_dup(c, l->phone, FD_STYLE_PLAIN);
    print_cells_add(c, print_join(fd_key_reason_label(l->reason), "\n", l->note), FD_STYLE_PLAIN);
    print_cells_dup(c, l->approved_by, FD_STYLE_PLAIN);
    print_cells_dup(c, l->requested_by, FD_STYLE_PLAIN);
    print_cells_time(c, l->due_at, day);
    print_cells_time(c, l->returned_at, day);
    print_cells_dup(c, l->returned_by, FD_STYLE_PLAIN);
    print_cells_dup(c, l->received_by, FD_STYLE_PLAIN);
    print_cells_add(c, loan_state_text(l, day), l->overdue ? FD_STYLE_RED : FD_STYLE_PLAIN);
}

static void overdue_key_row(void *ctx, const fd_key_row *k)
{
    loan_walk *w = ctx;
    print_cells *c = keep(&w->rows, k->due_at, k->id);
    print_cells_dup(c, k->tag, FD_STYLE_RED);
    print_cells_add(c, print_join(k->unit, " ", k->description), FD_STYLE_PLAIN);
    print_cells_add(c, print_join(k->borrower, " ", k->company), FD_STYLE_PLAIN);
    print_cells_time(c, k->out_at, w->y->day);
    print_cells_time(c, k->due_at, w->y->day);
}

static fd_status keys_log(daily *y, fd_error *err)
{
    static const fd_report_column cols[] = {
        {N_("Lent at"), 0.9}, {N_("Keys"), 1.2}, {N_("Borrower"), 1.5}, {N_("Phone"), 1.2},
        {N_("Reason"), 1.8}, {N_("Consent"), 0.9}, {N_("Recorded by"), 0.9}, {N_("Due back"), 0.9},
        {N_("Returned at"), 0.9}, {N_("Returned by"), 0.9}, {N_("Received by"), 0.9}, {N_("State"), 1.2}};
    static const fd_report_column overdue[] = {
        {N_("Key"), 1.0}, {N_("Opens"), 2.5}, {N_("Borrower"), 2.0}, {N_("Lent at"), 1.3}, {N_("Due back"), 1.3}};
    log_heading(y, FD_LOG_KEYS);
    loan_walk w = {.y = y};
    fd_status s;
    do {
        w.seen = 0;
        s = fd_key_loans_between(y->d, y->who, y->start, y->end, w.last_id, PAGE, loan_row, &w, err);
    } while (s == FD_OK && w.seen == PAGE);
    count_field(y, _("Loans asked for, out or back this day"), (long)w.rows.count);
    emit_kept(&w.rows, table(y, cols, sizeof cols / sizeof cols[0]));
    if (s == FD_OK) {
        fd_report_paragraph(y->r, _("Keys overdue when printed:"), FD_STYLE_BOLD);
        s = fd_keys_overdue(y->d, overdue_key_row, &w, err);
        fd_report_table *t = table(y, overdue, sizeof overdue / sizeof overdue[0]);
        fd_report_column_whole(t, 0); /* the key's tag */
        emit_kept(&w.rows, t);
    }
    for (size_t i = 0; i < w.rows.count; i++)
        print_cells_clear(&w.rows.rows[i].cells);
    free(w.rows.rows);
    log_signatures(y);
    return s;
}

/* ---- mail and newspapers ---- */

typedef struct mail_page {
    daily *y;
    kept rows;
} mail_page;

static char *recipient_text(const fd_mail_item *m)
{
    char *a = print_join(m->recipient_unit, " ", m->recipient_name);
    char *b = print_join(a, "\n", m->recipient_org);
    free(a);
    return b;
}

static void mail_row(void *ctx, const fd_mail_item *m)
{
    mail_page *p = ctx;
    fd_date day = p->y->day;
    print_cells *c = keep(&p->rows, m->received_at, m->id);
    print_cells_time(c, m->received_at, day);
    print_cells_add(c, fd_printf("%s × %d", fd_mail_kind_label(m->kind), m->quantity), FD_STYLE_PLAIN);
    print_cells_add(c, print_join(m->carrier, "\n", m->tracking), FD_STYLE_PLAIN);
    print_cells_add(c, recipient_text(m), FD_STYLE_PLAIN);
    print_cells_dup(c, m->shelf, FD_STYLE_PLAIN);
    print_cells_dup(c, fd_mail_state_label(m->state), FD_STYLE_PLAIN);
    char at[FD_TIME_TEXT];
    print_time(m->closed_at, day, at);
    char *closed = print_join(at, " ", m->closed_by);
    print_cells_add(c, m->by_proxy ? print_join(closed, " ", _("(proxy)")) : fd_strdup(closed),
                    FD_STYLE_PLAIN);
    free(closed);
    char *damage = m->damaged ? fd_printf(_("Damaged: %s (acknowledged by %s)"), m->damage_note,
                                          m->damage_ack)
                              : NULL;
    print_cells_add(c, print_join(m->note, "\n", damage), m->damaged ? FD_STYLE_RED : FD_STYLE_PLAIN);
    free(damage);
    print_cells_dup(c, m->received_by, FD_STYLE_PLAIN);
}

static void held_row(void *ctx, const fd_mail_item *m)
{
    mail_page *p = ctx;
    print_cells *c = keep(&p->rows, m->received_at, m->id);
    print_cells_time(c, m->received_at, p->y->day);
    print_cells_add(c, fd_printf("%s × %d", fd_mail_kind_label(m->kind), m->quantity), FD_STYLE_PLAIN);
    print_cells_add(c, print_join(m->carrier, "\n", m->tracking), FD_STYLE_PLAIN);
    print_cells_add(c, recipient_text(m), FD_STYLE_PLAIN);
    print_cells_dup(c, m->shelf, FD_STYLE_PLAIN);
    print_cells_add(c, m->to_return ? fd_printf(_("%d days: return to sender"), m->age_days)
                                    : fd_printf(_("%d days"), m->age_days),
                    m->to_return ? FD_STYLE_RED : FD_STYLE_PLAIN);
}

static void paper_row(void *ctx, const fd_mail_paper_row *row)
{
    print_cells c = {0};
    print_cells_dup(&c, row->title, FD_STYLE_PLAIN);
    print_cells_add(&c, fd_printf("%ld", row->received), FD_STYLE_PLAIN);
    print_cells_add(&c, fd_printf("%ld", row->handed_out), FD_STYLE_PLAIN);
    print_cells_row(ctx, &c);
}

static void register_row(fd_report_table *t, const char *label, const fd_mail_register_row *row,
                         unsigned style)
{
    print_cells c = {0};
    print_cells_dup(&c, label, style);
    print_cells_add(&c, fd_printf("%ld", row->received), style);
    print_cells_add(&c, fd_printf("%ld", row->handed_out), style);
    print_cells_add(&c, fd_printf("%ld", row->returned), style);
    print_cells_row(t, &c);
}

static fd_status mail_log(daily *y, fd_error *err)
{
    static const fd_report_column counts[] = {
        {N_("Kind"), 2.0}, {N_("Received"), 1.0}, {N_("Handed out"), 1.0}, {N_("Sent back"), 1.0}};
    static const fd_report_column papers[] = {
        {N_("Newspaper"), 3.0}, {N_("Copies received"), 1.0}, {N_("Copies handed on"), 1.0}};
    static const fd_report_column items[] = {
        {N_("Received"), 0.9}, {N_("Kind"), 1.1}, {N_("Carrier and tracking"), 1.9},
        {N_("Recipient"), 2.0}, {N_("Shelf"), 0.7}, {N_("State"), 1.0}, {N_("Handed out"), 1.3},
        {N_("Note"), 1.8}, {N_("Signed for by"), 0.9}};
    static const fd_report_column held[] = {
        {N_("Received"), 1.2}, {N_("Kind"), 1.1}, {N_("Carrier and tracking"), 1.9},
        {N_("Recipient"), 2.2}, {N_("Shelf"), 0.7}, {N_("At the desk"), 1.4}};
    log_heading(y, FD_LOG_MAIL);
    fd_mail_register reg;
    fd_status s = fd_mail_register_day(y->d, y->day, &reg, err);
    if (s != FD_OK)
        return s;
    fd_report_paragraph(y->r, _("Signed for, handed out and sent back, by kind:"), FD_STYLE_BOLD);
    fd_report_table *t = table(y, counts, 4);
    for (int k = 0; k < FD_MAIL_KIND_COUNT; k++)
        register_row(t, fd_mail_kind_label((fd_mail_kind)k), &reg.kinds[k], FD_STYLE_PLAIN);
    register_row(t, _("Total"), &reg.total, FD_STYLE_BOLD);
    fd_report_paragraph(y->r, _("Newspapers signed for and handed on:"), FD_STYLE_BOLD);
    fd_report_table *p = table(y, papers, 3);
    s = fd_mail_papers(y->d, y->day, paper_row, p, err);
    mail_page page = {.y = y};
    if (s == FD_OK)
        s = fd_mail_between(y->d, y->start, y->end, mail_row, &page, err);
    fd_report_paragraph(y->r, _("Items signed for this day:"), FD_STYLE_BOLD);
    fd_report_table *signed_for = table(y, items, sizeof items / sizeof items[0]);
    fd_report_column_whole(signed_for, 2); /* carrier and tracking number */
    emit_kept(&page.rows, signed_for);
    if (s == FD_OK) {
        fd_report_paragraph(y->r, _("Items at the desk when printed:"), FD_STYLE_BOLD);
        s = fd_mail_held(y->d, NULL, -1, held_row, &page, err);
        fd_report_table *at_desk = table(y, held, sizeof held / sizeof held[0]);
        fd_report_column_whole(at_desk, 2);
        emit_kept(&page.rows, at_desk);
    }
    for (size_t i = 0; i < page.rows.count; i++)
        print_cells_clear(&page.rows.rows[i].cells);
    free(page.rows.rows);
    log_signatures(y);
    return s;
}

/* ---- complaints: received, rectified, visited ---- */

typedef struct complaint_walk {
    daily *y;
    int64_t *ids;
    size_t count, capacity;
    kept received, rectified, visited, steps;
    fd_complaint_detail detail;  /* the complaint whose timeline is read */
} complaint_walk;

static void complaint_touched(void *ctx, const fd_complaint_row *row)
{
    complaint_walk *w = ctx;
    add_id(&w->ids, &w->count, &w->capacity, row->id);
}

static char *complaint_who(const fd_complaint_detail *c)
{
    char *number = fd_printf("#%lld", (long long)c->id);
    char *who = print_join(c->complainant, " ", c->unit);
    char *text = print_join(number, " ", who);
    free(number);
    free(who);
    return text;
}

static void received_row(complaint_walk *w, const fd_complaint_detail *c)
{
    print_cells *r = keep(&w->received, c->received_at, c->id);
    print_cells_time(r, c->received_at, w->y->day);
    print_cells_add(r, complaint_who(c), FD_STYLE_PLAIN);
    print_cells_dup(r, c->phone, FD_STYLE_PLAIN);
    print_cells_dup(r, fd_complaint_choice_label(FD_CLIST_CHANNEL, c->channel), FD_STYLE_PLAIN);
    const char *severity = c->severity >= 0 ? fd_complaint_choice_label(FD_CLIST_SEVERITY, c->severity) : NULL;
    print_cells_add(r, print_join(fd_complaint_choice_label(FD_CLIST_CATEGORY, c->category), "\n", severity),
                    c->severity == FD_SEVERITY_MAJOR ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_dup(r, c->content, FD_STYLE_PLAIN);
    print_cells_dup(r, c->department, FD_STYLE_PLAIN);
    print_cells_dup(r, c->received_by, FD_STYLE_PLAIN);
    /* The deadline as its last day, never the next day at 00:00. */
    char due[FD_DEADLINE_TEXT];
    fd_deadline_format(c->due_at, true, due);
    print_cells_add(r, c->overdue ? fd_printf(_("%s (overdue)"), due) : fd_strdup(due),
                    c->overdue ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_dup(r, fd_complaint_choice_label(FD_CLIST_STATE, c->state), FD_STYLE_PLAIN);
}

/* What a step recorded, for the day's list of steps. */
static char *step_text(const fd_complaint_step *step)
{
    if (step->field)
        return fd_complaint_correction_text(step);
    if (step->department)
        return print_join(step->department, "\n", step->note);
    if (step->measures)
        return fd_printf("%s → %s", step->measures, step->result ? step->result : "");
    if (step->satisfaction >= 0)
        return fd_printf(_("%s: %s"), fd_complaint_choice_label(FD_CLIST_SATISFACTION, step->satisfaction),
                         step->result ? step->result : "");
    return fd_strdup(step->note);
}

/* Every step written this day, whatever it was: the day's list. */
static void day_step(complaint_walk *w, const fd_complaint_step *step)
{
    if (step->at < w->y->start || step->at >= w->y->end)
        return;
    print_cells *r = keep(&w->steps, step->at, w->detail.id);
    print_cells_time(r, step->at, w->y->day);
    print_cells_add(r, complaint_who(&w->detail), FD_STYLE_PLAIN);
    bool red = strcmp(step->event, "escalate") == 0 || strcmp(step->event, "reopen") == 0;
    print_cells_dup(r, fd_complaint_event_label(step->event), red ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_add(r, step_text(step), FD_STYLE_PLAIN);
    print_cells_add(r, print_join(step->staff, "\n", step->approver), FD_STYLE_PLAIN);
}

static void complaint_step(void *ctx, const fd_complaint_step *step)
{
    complaint_walk *w = ctx;
    const fd_complaint_detail *c = &w->detail;
    day_step(w, step);
    fd_time at = step->done_at ? step->done_at : step->at;
    if (at < w->y->start || at >= w->y->end)
        return;
    fd_date day = w->y->day;
    if (strcmp(step->event, "rectify") == 0) {
        print_cells *r = keep(&w->rectified, at, c->id);
        print_cells_time(r, at, day);
        print_cells_add(r, complaint_who(c), FD_STYLE_PLAIN);
        print_cells_dup(r, c->department, FD_STYLE_PLAIN);
        print_cells_dup(r, step->measures, FD_STYLE_PLAIN);
        print_cells_dup(r, step->result, FD_STYLE_PLAIN);
        print_cells_dup(r, step->done_by, FD_STYLE_PLAIN);
        print_cells_dup(r, step->staff, FD_STYLE_PLAIN);
    } else if (strcmp(step->event, "visit") == 0 || strcmp(step->event, "reopen") == 0) {
        bool unhappy = step->satisfaction == FD_SATISFACTION_DISSATISFIED;
        print_cells *r = keep(&w->visited, at, c->id);
        print_cells_time(r, at, day);
        print_cells_add(r, complaint_who(c), FD_STYLE_PLAIN);
        print_cells_dup(r, step->method >= 0 ? fd_complaint_choice_label(FD_CLIST_METHOD, step->method) : "",
                        FD_STYLE_PLAIN);
        print_cells_dup(r, step->result, FD_STYLE_PLAIN);
        print_cells_dup(r, step->satisfaction >= 0
                               ? fd_complaint_choice_label(FD_CLIST_SATISFACTION, step->satisfaction) : "",
                        unhappy ? FD_STYLE_RED : FD_STYLE_PLAIN);
        print_cells_add(r, print_join(step->ack >= 0 ? fd_complaint_choice_label(FD_CLIST_ACK, step->ack) : "",
                                      " ", step->ack_phone),
                        FD_STYLE_PLAIN);
        print_cells_dup(r, step->staff, FD_STYLE_PLAIN);
    }
}

static fd_status complaints_log(daily *y, fd_error *err)
{
    static const fd_report_column received[] = {
        {N_("Taken in at"), 0.9}, {N_("Complaint"), 1.6}, {N_("Phone"), 1.2}, {N_("Channel"), 0.8},
        {N_("Category"), 1.3}, {N_("What"), 3.0}, {N_("Department"), 1.0},
        {N_("Taken in by"), 0.9}, {N_("Due by"), 1.8}, {N_("State"), 0.9}};
    static const fd_report_column steps[] = {
        {N_("Time"), 0.8}, {N_("Complaint"), 1.6}, {N_("Step"), 1.2}, {N_("What was recorded"), 4.0},
        {N_("By"), 1.0}};
    static const fd_report_column rectified[] = {
        {N_("Rectified"), 0.9}, {N_("Complaint"), 1.6}, {N_("Department"), 1.0},
        {N_("Measures"), 3.0}, {N_("Result"), 2.4}, {N_("Done by"), 1.0}, {N_("Recorded by"), 1.0}};
    static const fd_report_column visited[] = {
        {N_("Visited"), 0.9}, {N_("Complaint"), 1.6}, {N_("How"), 0.9}, {N_("Result"), 3.0},
        {N_("Satisfaction"), 1.1}, {N_("Acknowledged"), 1.6}, {N_("Visited by"), 1.0}};
    log_heading(y, FD_LOG_COMPLAINTS);
    complaint_walk w = {.y = y};
    fd_status s = fd_complaints_touched(y->d, y->start, y->end, complaint_touched, &w, err);
    for (size_t i = 0; s == FD_OK && i < w.count; i++) {
        s = fd_complaint_get(y->d, y->who, w.ids[i], &w.detail, err);
        if (s != FD_OK)
            break;
        if (w.detail.received_at >= y->start && w.detail.received_at < y->end)
            received_row(&w, &w.detail);
        s = fd_complaint_timeline(y->d, y->who, w.ids[i], complaint_step, &w, err);
        fd_complaint_detail_free(&w.detail);
    }
    char *summary = fd_printf(_("%ld received, %ld rectified, %ld return visits, %ld steps in all"),
                              (long)w.received.count, (long)w.rectified.count, (long)w.visited.count,
                              (long)w.steps.count);
    fd_report_field(y->r, _("Complaints"), summary, FD_STYLE_PLAIN);
    free(summary);
    fd_report_paragraph(y->r, _("Complaints received:"), FD_STYLE_BOLD);
    emit_kept(&w.received, table(y, received, sizeof received / sizeof received[0]));
    fd_report_paragraph(y->r, _("Rectified:"), FD_STYLE_BOLD);
    emit_kept(&w.rectified, table(y, rectified, sizeof rectified / sizeof rectified[0]));
    fd_report_paragraph(y->r, _("Return visits:"), FD_STYLE_BOLD);
    emit_kept(&w.visited, table(y, visited, sizeof visited / sizeof visited[0]));
    fd_report_paragraph(y->r, _("Every step of the day (assignments, escalations, corrections, closings):"),
                        FD_STYLE_BOLD);
    emit_kept(&w.steps, table(y, steps, sizeof steps / sizeof steps[0]));
    free(w.ids);
    log_signatures(y);
    return s;
}

/* ---- the day's handover summary ---- */

typedef struct shift_walk {
    daily *y;
    fd_shift last;
    int seen;
    bool older;
    int64_t *ids;
    size_t count, capacity;
    kept shifts, entries;
    const fd_shift *current;
    long entry_count, followups;
    char *refusals;
} shift_walk;

static void shift_seen(void *ctx, const fd_shift *s)
{
    shift_walk *w = ctx;
    w->last = *s;
    w->seen++;
    fd_time end = s->end_at ? s->end_at : fd_desk_now(w->y->d);
    if (end < w->y->start)
        w->older = true;
    else if (s->start_at < w->y->end)
        add_id(&w->ids, &w->count, &w->capacity, s->id);
}

static void summary_attempt(void *ctx, const fd_handover_attempt *a)
{
    shift_walk *w = ctx;
    if (a->outcome != FD_HANDOVER_REFUSED)
        return;
    char at[FD_TIME_TEXT];
    print_time(a->ended_at, w->y->day, at);
    char *line = fd_printf(_("%s refused by %s: %s"), at, a->incoming ? a->incoming : "",
                           a->reason ? a->reason : "");
    char *joined = print_join(w->refusals, "\n", line);
    free(w->refusals);
    free(line);
    w->refusals = joined;
}

static void summary_entry(void *ctx, const fd_entry *e)
{
    shift_walk *w = ctx;
    w->entry_count++;
    w->followups += e->mark != FD_FOLLOW_NONE;
    if (e->at < w->y->start || e->at >= w->y->end)
        return;
    print_cells *c = keep(&w->entries, e->at, e->id);
    print_cells_time(c, e->at, w->y->day);
    print_cells_dup(c, fd_entry_kind_label(e->kind), FD_STYLE_PLAIN);
    print_cells_dup(c, e->content, FD_STYLE_PLAIN);
    print_cells_add(c, print_join(e->handling, "\n", e->result), FD_STYLE_PLAIN);
    if (e->mark != FD_FOLLOW_NONE)
        print_cells_add(c, print_follow_up(e->mark, e->follow_up, NULL), FD_STYLE_RED);
    else
        print_cells_dup(c, "", FD_STYLE_PLAIN);
    print_cells_dup(c, e->author, FD_STYLE_PLAIN);
}

static void summary_shift_row(shift_walk *w, const fd_shift *s)
{
    print_cells *c = keep(&w->shifts, s->start_at, s->id);
    print_cells_add(c, fd_printf("%lld", (long long)s->id), FD_STYLE_PLAIN);
    print_cells_time(c, s->start_at, w->y->day);
    print_cells_time(c, s->end_at, w->y->day);
    print_cells_dup(c, s->manager, FD_STYLE_PLAIN);
    print_cells_dup(c, s->end_at ? s->taken_over_by : fd_shift_state_label(s->state), FD_STYLE_PLAIN);
    print_cells_add(c, fd_printf("%ld", w->entry_count), FD_STYLE_PLAIN);
    print_cells_add(c, fd_printf("%ld", w->followups), w->followups ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_dup(c, w->refusals, FD_STYLE_RED);
}

static fd_status handover_log(daily *y, fd_error *err)
{
    static const fd_report_column shifts[] = {
        {N_("Shift"), 0.6}, {N_("From"), 1.3}, {N_("To"), 1.3}, {N_("Duty manager"), 1.0},
        {N_("Taken over by"), 1.0}, {N_("Entries"), 0.7}, {N_("Follow-ups"), 0.8},
        {N_("Refusals"), 3.0}};
    static const fd_report_column entries[] = {
        {N_("Time"), 0.8}, {N_("Kind"), 1.2}, {N_("What"), 3.0}, {N_("Handling and result"), 3.0},
        {N_("Follow-up"), 2.4}, {N_("Written by"), 0.9}};
    log_heading(y, FD_LOG_HANDOVER);
    shift_walk w = {.y = y};
    fd_status s;
    bool first = true;
    do {
        w.seen = 0;
        s = fd_shifts_list(y->d, first ? NULL : &w.last, PAGE, shift_seen, &w, err);
        first = false;
    } while (s == FD_OK && w.seen == PAGE && !w.older);
    fd_handover_report_cb cb = {.attempt = summary_attempt, .entry = summary_entry};
    for (size_t i = 0; s == FD_OK && i < w.count; i++) {
        fd_shift shift;
        s = fd_shift_get(y->d, w.ids[i], &shift, err);
        w.entry_count = w.followups = 0;
        FD_FREE(w.refusals);
        if (s == FD_OK)
            s = fd_handover_report(y->d, w.ids[i], &cb, &w, err);
        if (s == FD_OK)
            summary_shift_row(&w, &shift);
    }
    free(w.refusals);
    emit_kept(&w.shifts, table(y, shifts, sizeof shifts / sizeof shifts[0]));
    fd_report_paragraph(y->r, _("Entries written this day:"), FD_STYLE_BOLD);
    emit_kept(&w.entries, table(y, entries, sizeof entries / sizeof entries[0]));
    free(w.ids);
    log_signatures(y);
    return s;
}

/* ---- the whole ---- */

/* ---- calls and walk-ins (客户部接听接待登记表) ---- */

typedef struct call_page {
    daily *y;
    kept rows;
    long closed, pending;
} call_page;

static void call_row(void *ctx, const fd_call_entry *e)
{
    call_page *p = ctx;
    print_cells *c = keep(&p->rows, e->received_at, e->id);
    print_cells_time(c, e->received_at, p->y->day);
    print_cells_dup(c, fd_call_choice_label(FD_CALL_LIST_CHANNEL, (int)e->channel), FD_STYLE_PLAIN);
    print_cells_add(c, print_join(e->unit, " ", e->caller), FD_STYLE_PLAIN);
    print_cells_dup(c, e->phone, FD_STYLE_PLAIN);
    print_cells_dup(c, fd_call_choice_label(FD_CALL_LIST_MATTER, (int)e->matter), FD_STYLE_PLAIN);
    print_cells_dup(c, e->question, FD_STYLE_PLAIN);
    print_cells_dup(c, e->answer, FD_STYLE_PLAIN);
    print_cells_add(c, print_join(e->department, " ", e->person), FD_STYLE_PLAIN);
    bool open = e->state == FD_CALL_STATE_OPEN;
    bool with_engineering = e->repair_id && e->repair_state == FD_REPAIR_HANDED;
    const char *label = fd_call_choice_label(FD_CALL_LIST_STATE, (int)e->state);
    char *state = e->complaint_id ? fd_printf(_("%s, complaint No. %lld"), label, (long long)e->complaint_id)
                  : e->repair_id  ? fd_printf(_("%s, repair request No. %lld: %s"), label,
                                              (long long)e->repair_id,
                                              fd_repair_state_label((fd_repair_state)e->repair_state))
                                  : fd_strdup(label);
    /* What is still pending, here or with engineering, is what the next shift must
     * chase: in red. */
    print_cells_add(c, state, open || with_engineering ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_dup(c, e->received_by, FD_STYLE_PLAIN);
    p->closed += !open;
    p->pending += open;
}

static fd_status calls_log(daily *y, fd_error *err)
{
    static const fd_report_column cols[] = {
        {N_("Time"), 0.9},     {N_("How"), 0.6},           {N_("Caller"), 1.5},
        {N_("Phone"), 1.3},    {N_("Matter"), 0.8},        {N_("Question"), 2.4},
        {N_("Answer"), 2.4},   {N_("Referred to"), 1.2},   {N_("State"), 1.0},
        {N_("Taken by"), 0.9}};
    log_heading(y, FD_LOG_CALLS);
    call_page p = {.y = y};
    fd_status s = fd_calls_between(y->d, y->who, y->start, y->end, call_row, &p, err);
    char *summary = fd_printf(_("%ld taken, %ld dealt with, %ld pending"), (long)p.rows.count,
                              p.closed, p.pending);
    fd_report_field(y->r, _("Calls and walk-ins"), summary, FD_STYLE_PLAIN);
    free(summary);
    fd_report_table *t = table(y, cols, sizeof cols / sizeof cols[0]);
    fd_report_column_whole(t, 3); /* the phone is never broken */
    emit_kept(&p.rows, t);
    log_signatures(y);
    return s;
}

/* ---- notices (通告发放) ---- */

typedef struct notice_page {
    daily *y;
    kept rows;
    long posted, to_take_down, unsigned_drafts;
} notice_page;

static void notice_row(void *ctx, const fd_notice *n)
{
    notice_page *p = ctx;
    print_cells *c = keep(&p->rows, n->drafted_at, n->id);
    print_cells_add(c, fd_printf("%lld", (long long)n->id), FD_STYLE_PLAIN);
    print_cells_dup(c, fd_notice_choice_label(FD_NOTICE_LIST_KIND, (int)n->kind), FD_STYLE_PLAIN);
    /* Corrected after it was drafted (a signed one, by a signer): the paper says so. */
    print_cells_add(c, n->corrected ? print_join(n->title, "\n", _("corrected")) : fd_strdup(n->title),
                    FD_STYLE_PLAIN);
    print_cells_dup(c, n->place, FD_STYLE_PLAIN);
    print_cells_time(c, n->starts_at, p->y->day);
    print_cells_time(c, n->ends_at, p->y->day);
    print_cells_dup(c, n->approved_by, FD_STYLE_PLAIN);
    print_cells_add(c, n->overridden_by[0] ? print_join(n->overridden_by, _(": "), n->override_reason)
                                           : fd_strdup(""),
                    FD_STYLE_PLAIN);
    print_cells_add(c, n->deliveries ? fd_printf("%d", n->deliveries) : fd_strdup(""), FD_STYLE_PLAIN);
    /* A draft awaiting its signature and a notice to take down are the next shift's: red. */
    bool chase = n->to_take_down || n->state == FD_NOTICE_STATE_DRAFT;
    print_cells_dup(c, n->to_take_down ? _("To take down")
                                       : fd_notice_choice_label(FD_NOTICE_LIST_STATE, (int)n->state),
                    chase ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_dup(c, n->drafted_by, FD_STYLE_PLAIN);
    p->posted += n->state == FD_NOTICE_STATE_POSTED;
    p->to_take_down += n->to_take_down;
    p->unsigned_drafts += n->state == FD_NOTICE_STATE_DRAFT;
}

static fd_status notices_log(daily *y, fd_error *err)
{
    static const fd_report_column cols[] = {
        {N_("No."), 0.4},         {N_("Kind"), 1.0},       {N_("Title"), 2.0},
        {N_("Area"), 1.2},        {N_("Starts"), 0.9},     {N_("Ends"), 0.9},
        {N_("Notice signed by"), 0.8},   {N_("Notice period shortened"), 1.5},
        {N_("Handed to units"), 0.6}, {N_("State"), 0.8},  {N_("Drafted by"), 0.8}};
    log_heading(y, FD_LOG_NOTICES);
    notice_page p = {.y = y};
    fd_status s = fd_notices_between(y->d, y->who, y->start, y->end, notice_row, &p, err);
    char *summary = fd_printf(_("%ld drafted or moved on that day; of them %ld on the board, %ld "
                                "to take down, %ld awaiting a signature"),
                              (long)p.rows.count, p.posted, p.to_take_down, p.unsigned_drafts);
    fd_report_field(y->r, _("Notices"), summary, FD_STYLE_PLAIN);
    free(summary);
    emit_kept(&p.rows, table(y, cols, sizeof cols / sizeof cols[0]));
    log_signatures(y);
    return s;
}

/* ---- carry-out and carry-in passes (携物出入门证) ---- */

typedef struct pass_page {
    daily *y;
    kept rows;
    long passed, stopped, voided, open;
} pass_page;

static void pass_authority_cell(print_cells *c, const fd_pass *p)
{
    if (p->sealed)
        print_cells_dup(c, _("Company seal"), FD_STYLE_PLAIN);
    else
        print_cells_dup(c, p->signer, FD_STYLE_PLAIN);
}

/* The state, with who closed it and why it was stopped or voided. */
static char *pass_state_text(const fd_pass *p, fd_date day)
{
    const char *state = fd_pass_choice_label(FD_PASS_LIST_STATE, (int)p->state);
    char when[FD_TIME_TEXT];
    print_time(p->closed_at, day, when);
    if (p->refused)
        return fd_printf(_("%s %s %s (%s: %s)"), state, when, p->closed_by,
                         fd_pass_choice_label(FD_PASS_LIST_HAZARD, (int)p->hazard), p->refusal_reason);
    if (p->void_reason[0])
        return fd_printf(_("%s %s %s (%s)"), state, when, p->closed_by, p->void_reason);
    if (p->closed_at)
        return fd_printf("%s %s %s", state, when, p->closed_by);
    return fd_strdup(state);
}

static void pass_row(void *ctx, const fd_pass *p)
{
    pass_page *g = ctx;
    print_cells *c = keep(&g->rows, p->window_from, p->id);
    print_cells_add(c, fd_printf("%lld", (long long)p->id), FD_STYLE_PLAIN);
    print_cells_dup(c, fd_pass_choice_label(FD_PASS_LIST_DIRECTION, (int)p->direction), FD_STYLE_PLAIN);
    char from[FD_TIME_TEXT], to[FD_TIME_TEXT];
    print_time(p->window_from, g->y->day, from);
    print_time(p->window_to, g->y->day, to);
    print_cells_add(c, fd_printf("%s\u2013%s", from, to), FD_STYLE_PLAIN);
    print_cells_add(c, print_join(p->unit, " ", p->company), FD_STYLE_PLAIN);
    print_cells_add(c, print_join(p->carrier, " ", p->doc_number), FD_STYLE_PLAIN);
    print_cells_dup(c, p->goods, FD_STYLE_PLAIN);
    pass_authority_cell(c, p);
    /* Goods stopped and passes not yet let through are what the next shift must know. */
    bool red = p->refused || p->state == FD_PASS_STATE_ISSUED;
    print_cells_add(c, pass_state_text(p, g->y->day), red ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_dup(c, p->issued_by, FD_STYLE_PLAIN);
    g->passed += p->state == FD_PASS_STATE_PASSED;
    g->stopped += p->state == FD_PASS_STATE_REFUSED;
    g->voided += p->state == FD_PASS_STATE_VOIDED;
    g->open += p->state == FD_PASS_STATE_ISSUED;
}

static fd_status passes_log(daily *y, fd_error *err)
{
    static const fd_report_column cols[] = {
        {N_("No."), 0.5},     {N_("Out/in"), 0.5},      {N_("Time"), 1.1},
        {N_("Company"), 2.0}, {N_("Carried by"), 1.8},  {N_("Goods"), 2.6},
        {N_("Authority"), 0.9}, {N_("State"), 2.0},     {N_("Issued by"), 0.8}};
    log_heading(y, FD_LOG_PASSES);
    pass_page g = {.y = y};
    fd_status s = fd_passes_between(y->d, y->who, y->day, y->day + 1, pass_row, &g, err);
    char *summary = fd_printf(_("%ld passes: %ld let through, %ld stopped, %ld voided, %ld not let through"),
                              (long)g.rows.count, g.passed, g.stopped, g.voided, g.open);
    fd_report_field(y->r, _("Carry-out and carry-in passes"), summary, FD_STYLE_PLAIN);
    free(summary);
    emit_kept(&g.rows, table(y, cols, sizeof cols / sizeof cols[0]));
    log_signatures(y);
    return s;
}

/* ---- renovations: passes, hot work, tools (装修管理制度) ---- */

typedef struct works_page {
    daily *y;
    kept rows;
    long issued, returned, forfeited, hot_work, tools, tools_out;
} works_page;

static void works_row(void *ctx, const fd_works_line *l)
{
    works_page *p = ctx;
    print_cells *c = keep(&p->rows, l->at, (int64_t)p->rows.count);
    print_cells_time(c, l->at, p->y->day);
    print_cells_dup(c, l->unit, FD_STYLE_PLAIN);
    /* A deposit kept is money the desk did not pay back: in red. */
    bool forfeit = strcmp(l->event, "forfeit") == 0;
    print_cells_dup(c, l->what, forfeit ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_dup(c, l->detail, FD_STYLE_PLAIN);
    print_cells_add(c, l->approver ? fd_printf(_("%s (approved by %s)"), l->staff, l->approver)
                                   : fd_strdup(l->staff),
                    FD_STYLE_PLAIN);
    p->issued += strcmp(l->event, "issue") == 0;
    p->returned += strcmp(l->event, "return") == 0;
    p->forfeited += forfeit;
    p->hot_work += strcmp(l->event, "approve") == 0;
    p->tools += strcmp(l->event, "register") == 0;
    p->tools_out += strcmp(l->event, "check_out") == 0;
}

static fd_status permits_log(daily *y, fd_error *err)
{
    static const fd_report_column cols[] = {
        {N_("Time"), 0.9}, {N_("Unit"), 0.9}, {N_("What"), 2.0}, {N_("Details"), 4.0},
        {N_("Recorded by"), 1.6}};
    log_heading(y, FD_LOG_PERMITS);
    works_page p = {.y = y};
    fd_status s = fd_works_between(y->d, y->who, y->start, y->end, works_row, &p, err);
    char *summary = fd_printf(_("%ld passes issued, %ld returned, %ld deposits forfeited, "
                                "%ld hot-work permits, %ld tools lists, %ld carried out"),
                              p.issued, p.returned, p.forfeited, p.hot_work, p.tools, p.tools_out);
    fd_report_field(y->r, _("Renovations"), summary, FD_STYLE_PLAIN);
    free(summary);
    emit_kept(&p.rows, table(y, cols, sizeof cols / sizeof cols[0]));
    log_signatures(y);
    return s;
}

static fd_status (*const log_builders[])(daily *y, fd_error *err) = {
    [FD_LOG_VISITORS] = visitors_log,
    [FD_LOG_KEYS] = keys_log,
    [FD_LOG_MAIL] = mail_log,
    [FD_LOG_COMPLAINTS] = complaints_log,
    [FD_LOG_CALLS] = calls_log,
    [FD_LOG_PASSES] = passes_log,
    [FD_LOG_PERMITS] = permits_log,
    [FD_LOG_NOTICES] = notices_log,
    [FD_LOG_HANDOVER] = handover_log,
};

fd_status fd_print_daily(fd_desk *d, const fd_actor *who, fd_date day, fd_daily_log log,
                         fd_report **out, fd_error *err)
{
    if (log >= FD_DAILY_LOG_COUNT)
        return fd_fail(err, FD_INVALID, "log", _("There is no such log."));
    char range[FD_DATE_TEXT];
    fd_date_format(day, range);
    daily y = {.d = d, .who = who, .day = day, .start = fd_date_start(day),
               .end = fd_date_start(day + 1), .headed = log == FD_LOG_ALL};
    y.r = print_report_new(d, who, fd_daily_log_title(log), range);
    /* The logs are wide forms: they print across the page. */
    fd_report_set_landscape(y.r, true);
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < FD_LOG_ALL; i++)
        if (log == FD_LOG_ALL || log == (fd_daily_log)i)
            s = log_builders[i](&y, err);
    if (s != FD_OK) {
        fd_report_free(y.r);
        return s;
    }
    return print_finish(d, y.r, out, err);
}
