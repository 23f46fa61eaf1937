/* The shift-handover report: see include/frontdesk/print.h. Built from
 * fd_handover_report, whose callbacks arrive section by section in a fixed order; each
 * section's heading and table are added when its first row arrives, or when a later
 * section begins (an empty section still prints, saying "(none)"). The daily logs are
 * in src/print_daily.c. */
#include "paper/print_internal.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/complaints.h"
#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"

/* ---- shared by both kinds of paper ---- */

void print_cells_add(print_cells *c, char *owned, unsigned style)
{
    if (c->count == PRINT_COLUMNS_MAX) {
        free(owned);
        return;
    }
    c->text[c->count] = owned ? owned : fd_strdup("");
    c->style[c->count++] = style;
}

void print_cells_dup(print_cells *c, const char *text, unsigned style)
{
    print_cells_add(c, fd_strdup(text ? text : ""), style);
}

void print_cells_time(print_cells *c, fd_time t, fd_date day)
{
    char text[FD_TIME_TEXT];
    print_time(t, day, text);
    print_cells_dup(c, text, FD_STYLE_PLAIN);
}

void print_cells_stamp(print_cells *c, fd_time t, fd_date day)
{
    char text[FD_TIME_TEXT];
    print_stamp(t, day, text);
    print_cells_dup(c, text, FD_STYLE_PLAIN);
}

void print_cells_row(fd_report_table *t, print_cells *c)
{
    fd_report_row(t, (const char *const *)c->text, c->style);
    print_cells_clear(c);
}

void print_cells_clear(print_cells *c)
{
    for (size_t i = 0; i < c->count; i++)
        FD_FREE(c->text[i]);
    c->count = 0;
}

/* clock: just the time when t falls on day. */
static void format_time(fd_time t, fd_date day, bool clock, char out[FD_TIME_TEXT])
{
    fd_local l = fd_time_local(t);
    int year, month, mday;
    fd_date_ymd(day, &year, &month, &mday);
    if (t == 0)
        out[0] = '\0';
    else if (clock && fd_date_of(t) == day)
        snprintf(out, FD_TIME_TEXT, "%02d:%02d", l.hour, l.minute);
    else if (l.year == year)
        snprintf(out, FD_TIME_TEXT, "%02d-%02d %02d:%02d", l.month, l.day, l.hour, l.minute);
    else
        fd_time_format(t, out);
}

void print_time(fd_time t, fd_date day, char out[FD_TIME_TEXT])
{
    format_time(t, day, true, out);
}

void print_stamp(fd_time t, fd_date day, char out[FD_TIME_TEXT])
{
    format_time(t, day, false, out);
}

char *print_join(const char *a, const char *separator, const char *b)
{
    bool has_a = a && *a, has_b = b && *b;
    return fd_printf("%s%s%s", has_a ? a : "", has_a && has_b ? separator : "", has_b ? b : "");
}

char *print_follow_up(fd_follow_mark mark, const char *follow_up, const char *state)
{
    char *head = follow_up ? fd_printf(_("%s: %s"), fd_follow_mark_label(mark), follow_up)
                           : fd_strdup(fd_follow_mark_label(mark));
    char *text = state ? fd_printf(_("%s\n(%s)"), head, state) : fd_strdup(head);
    free(head);
    return text;
}

fd_report *print_report_new(fd_desk *d, const fd_actor *who, const char *title, const char *range)
{
    const char *site = d->config && d->config->site_name ? d->config->site_name : "";
    fd_report *r = fd_report_new(site, title, range);
    fd_report_set_printed(r, fd_desk_now(d), who);
    return r;
}

fd_status print_finish(fd_desk *d, fd_report *r, fd_report **out, fd_error *err)
{
    /* Read after the records: everything on the paper lies within this head. */
    fd_chain_head head;
    fd_status s = fd_audit_head(d, &head, err);
    if (s != FD_OK) {
        fd_report_free(r);
        return s;
    }
    fd_report_set_chain_head(r, &head);
    /* On paper, and outside the database too (a head file that cannot be written does
     * not stop the print). */
    fd_audit_anchor(d, "print", NULL);
    *out = r;
    return FD_OK;
}

/* ---- the handover report ---- */

typedef enum section {
    SECTION_NONE,
    SECTION_ATTEMPTS,
    SECTION_ENTRIES,
    SECTION_PROGRESS,
    SECTION_CARRIED,
    SECTION_OPEN_ITEMS,
    SECTION_COUNTS,
    SECTION_END,
} section;

typedef struct handover_print {
    fd_desk *d;
    const fd_actor *who;        /* reads a complaint's history, masked for this role */
    fd_report *r;
    fd_shift shift;
    bool have_shift;
    section at;
    fd_report_table *table;
    int kind;                   /* entries: the kind whose table is open, -1 before */
    size_t entry_fields[FD_ENTRY_FIELD_COUNT];
    size_t field_count;
    print_cells pending;        /* an entry or carried item, waiting for its corrections or trail */
    char *pending_extra;        /* what those add to its last cell */
    bool pending_set;
    fd_date day;                /* the shift's first day: times show their year only when another */
    fd_status failed;           /* a complaint's history could not be read: the report fails */
    fd_error failure;
} handover_print;

static void flush_pending(handover_print *h)
{
    if (!h->pending_set)
        return;
    char *last = h->pending.text[h->pending.count - 1];
    h->pending.text[h->pending.count - 1] = print_join(last, "\n", h->pending_extra);
    free(last);
    FD_FREE(h->pending_extra);
    print_cells_row(h->table, &h->pending);
    h->pending_set = false;
}

static void pending_append(handover_print *h, const char *line)
{
    char *joined = print_join(h->pending_extra, "\n", line);
    free(h->pending_extra);
    h->pending_extra = joined;
}

/* The fields an entry of kind k prints, in the book's order (the later note goes in
 * the last column, with the corrections). */
static void choose_fields(handover_print *h, fd_entry_kind k)
{
    h->field_count = 0;
    for (size_t f = 0; f < FD_ENTRY_FIELD_COUNT; f++)
        if (f != FD_ENTRY_FIELD_NOTE && fd_entry_field_applies(k, (fd_entry_field)f))
            h->entry_fields[h->field_count++] = f;
}

static double field_width(fd_entry_field f)
{
    switch (f) {
    case FD_ENTRY_FIELD_CONTENT: return 3.0;
    case FD_ENTRY_FIELD_HANDLING: case FD_ENTRY_FIELD_RESULT: case FD_ENTRY_FIELD_FOLLOW_UP: return 2.4;
    default: return 1.5;
    }
}

static void open_kind_table(handover_print *h, fd_entry_kind k)
{
    fd_report_heading(h->r, fd_entry_kind_label(k));
    choose_fields(h, k);
    fd_report_column cols[FD_ENTRY_FIELD_COUNT + 2];
    size_t n = 0;
    cols[n++] = (fd_report_column){fd_entry_time_label(k), 1.7};
    for (size_t i = 0; i < h->field_count; i++)
        cols[n++] = (fd_report_column){fd_entry_field_label(k, (fd_entry_field)h->entry_fields[i]),
                                       field_width((fd_entry_field)h->entry_fields[i])};
    cols[n++] = (fd_report_column){_("Written by, notes"), 2.0};
    h->table = fd_report_table_new(h->r, cols, n);
}

/* Opens the entry tables up to kind k, so kinds without entries still show. */
static void enter_kind(handover_print *h, int k)
{
    while (h->kind < k) {
        flush_pending(h);
        h->kind++;
        if (h->kind < FD_ENTRY_KIND_COUNT)
            open_kind_table(h, (fd_entry_kind)h->kind);
    }
}

static void begin_section(handover_print *h, section s)
{
    static const fd_report_column attempts[] = {
        {N_("Handover begun"), 1.4}, {N_("Outgoing"), 1.2}, {N_("Outcome"), 1.0},
        {N_("Incoming"), 1.2}, {N_("Signed or refused at"), 1.4}, {N_("Reason"), 3.0}};
    static const fd_report_column progress[] = {
        {N_("Recorded"), 1.3}, {N_("Entry"), 3.0}, {N_("Progress"), 3.0},
        {N_("Progress state"), 1.6}, {N_("By"), 1.1}};
    static const fd_report_column carried[] = {
        {N_("Item"), 3.0}, {N_("Written"), 1.3}, {N_("Handed on"), 1.8}, {N_("Trail"), 4.0}};
    static const fd_report_column items[] = {
        {N_("Kind"), 1.2}, {N_("Slip, tag or tracking no."), 1.2}, {N_("Whom"), 1.3}, {N_("What and where"), 2.6},
        {N_("Since"), 1.3}, {N_("Due"), 1.6}, {N_("Handed on"), 2.0}};
    static const fd_report_column counts[] = {
        {N_("Item"), 2.0}, {N_("Taken over"), 1.0}, {N_("Counted"), 1.0},
        {N_("Explanation"), 2.4}, {N_("Confirmed"), 1.0}, {N_("Explanation"), 2.4}};
    const struct {
        const char *heading;
        const fd_report_column *cols;
        size_t n;
    } sections[] = {
        [SECTION_ATTEMPTS] = {N_("Handing over"), attempts, 6},
        [SECTION_PROGRESS] = {N_("Progress recorded on earlier follow-ups"), progress, 5},
        [SECTION_CARRIED] = {N_("Follow-ups carried on, with their trail"), carried, 4},
        [SECTION_OPEN_ITEMS] = {N_("Open items"), items, 7},
        [SECTION_COUNTS] = {N_("Inventory counted face to face"), counts, 6},
    };
    if (s == SECTION_ENTRIES) {
        h->kind = -1;
        return;
    }
    if (s == SECTION_END || !sections[s].heading)
        return;
    /* A shift handed over has a record of its handover; one still open is handing over. */
    bool closed = s == SECTION_ATTEMPTS && h->have_shift && h->shift.end_at;
    fd_report_heading(h->r, closed ? _("Handover record") : _(sections[s].heading));
    fd_report_column cols[8];
    for (size_t i = 0; i < sections[s].n; i++)
        cols[i] = (fd_report_column){_(sections[s].cols[i].title), sections[s].cols[i].width};
    h->table = fd_report_table_new(h->r, cols, sections[s].n);
    if (s == SECTION_OPEN_ITEMS) {
        fd_report_column_whole(h->table, 0); /* the kind, a term: "投诉逾期" */
        fd_report_column_whole(h->table, 1); /* slip, tag and tracking numbers */
    }
}

static void enter_section(handover_print *h, section s)
{
    while (h->at < s) {
        flush_pending(h);
        if (h->at == SECTION_ENTRIES)
            enter_kind(h, FD_ENTRY_KIND_COUNT);
        h->at++;
        begin_section(h, h->at);
    }
}

static void shift_fields(handover_print *h)
{
    const fd_shift *s = &h->shift;
    char start[FD_TIME_TEXT], end[FD_TIME_TEXT];
    fd_time_format(s->start_at, start);
    fd_time_format(s->end_at, end);
    char *number = fd_printf("%lld", (long long)s->id);
    fd_report_field(h->r, _("Shift"), number, FD_STYLE_PLAIN);
    free(number);
    char *period = fd_printf("%s – %s", start, s->end_at ? end : _("not handed over yet"));
    fd_report_field(h->r, _("Period"), period, FD_STYLE_PLAIN);
    free(period);
    fd_report_field(h->r, _("State"), fd_shift_state_label(s->state), FD_STYLE_PLAIN);
    fd_report_field(h->r, _("Taken over from"),
                    s->handed_over_by[0] ? s->handed_over_by : _("(opened afresh)"), FD_STYLE_PLAIN);
    char *outgoing = s->end_at ? fd_printf(_("%s, signed %s"), s->manager, end) : fd_strdup(s->manager);
    fd_report_field(h->r, _("Outgoing duty manager"), outgoing, FD_STYLE_PLAIN);
    free(outgoing);
    char *incoming = s->end_at ? fd_printf(_("%s, signed %s"), s->taken_over_by, end)
                               : fd_strdup(_("(not signed)"));
    fd_report_field(h->r, _("Incoming duty manager"), incoming, FD_STYLE_PLAIN);
    free(incoming);
}

static void on_shift(void *ctx, const fd_shift *s)
{
    handover_print *h = ctx;
    h->shift = *s;
    h->have_shift = true;
    shift_fields(h);
}

static const char *outcome_label(fd_handover_outcome o)
{
    switch (o) {
    case FD_HANDOVER_SIGNED: return _("Signed over");
    case FD_HANDOVER_REFUSED: return _("Refused");
    case FD_HANDOVER_WITHDRAWN: return _("Withdrawn");
    case FD_HANDOVER_TAKEN_OVER: return _("Taken over under supervision");
    default: return _("Pending");
    }
}

static void on_attempt(void *ctx, const fd_handover_attempt *a)
{
    handover_print *h = ctx;
    enter_section(h, SECTION_ATTEMPTS);
    unsigned refused = a->outcome == FD_HANDOVER_REFUSED || a->outcome == FD_HANDOVER_TAKEN_OVER
                           ? FD_STYLE_RED : FD_STYLE_PLAIN;
    print_cells c = {0};
    print_cells_stamp(&c, a->begun_at, h->day);
    print_cells_dup(&c, a->outgoing, FD_STYLE_PLAIN);
    char *supervised = a->supervisor ? fd_printf(_("(supervised by %s)"), a->supervisor) : NULL;
    print_cells_add(&c, print_join(outcome_label(a->outcome), "\n", supervised), refused);
    free(supervised);
    print_cells_dup(&c, a->incoming, FD_STYLE_PLAIN);
    print_cells_stamp(&c, a->ended_at, h->day);
    print_cells_dup(&c, a->reason, refused);
    print_cells_row(h->table, &c);
}

/* An entry's field as printed: the follow-up with its red mark and state, the report
 * back with its time. */
static char *entry_field_text(const fd_entry *e, fd_entry_field f, fd_date day, unsigned *style)
{
    *style = FD_STYLE_PLAIN;
    switch (f) {
    case FD_ENTRY_FIELD_CONTENT: return fd_strdup(e->content);
    case FD_ENTRY_FIELD_REPORTER: return fd_strdup(e->reporter);
    case FD_ENTRY_FIELD_GIVEN_BY: return fd_strdup(e->given_by);
    case FD_ENTRY_FIELD_RELAYED_TO: return fd_strdup(e->relayed_to);
    case FD_ENTRY_FIELD_HANDLING: return fd_strdup(e->handling);
    case FD_ENTRY_FIELD_SUPERIOR: return fd_strdup(e->superior);
    case FD_ENTRY_FIELD_RESULT: return fd_strdup(e->result);
    case FD_ENTRY_FIELD_FOLLOW_UP:
        if (e->mark == FD_FOLLOW_NONE)
            return fd_strdup(e->follow_up);
        *style = FD_STYLE_RED;
        return print_follow_up(e->mark, e->follow_up, fd_followup_state_label(e->followup_state));
    case FD_ENTRY_FIELD_REPORTED_TO: {
        char at[FD_TIME_TEXT];
        print_stamp(e->reported_at, day, at);
        return print_join(e->reported_to, "\n", at);
    }
    default: return NULL;
    }
}

static void on_entry(void *ctx, const fd_entry *e)
{
    handover_print *h = ctx;
    enter_section(h, SECTION_ENTRIES);
    flush_pending(h);
    enter_kind(h, e->kind);
    print_cells *c = &h->pending;
    print_cells_stamp(c, e->at, h->day);
    for (size_t i = 0; i < h->field_count; i++) {
        unsigned style;
        char *text = entry_field_text(e, (fd_entry_field)h->entry_fields[i], h->day, &style);
        print_cells_add(c, text, style);
    }
    print_cells_add(c, print_join(e->author, "\n", e->note), FD_STYLE_PLAIN);
    h->pending_set = true;
}

static void on_correction(void *ctx, const fd_entry_correction *k)
{
    handover_print *h = ctx;
    if (!h->pending_set || h->at != SECTION_ENTRIES || h->kind < 0)
        return;
    char at[FD_TIME_TEXT];
    print_stamp(k->at, h->day, at);
    char *line = fd_printf(_("Corrected %s: %s (%s; %s %s)"),
                           fd_entry_field_label((fd_entry_kind)h->kind, k->field), k->value,
                           k->reason, k->staff, at);
    pending_append(h, line);
    free(line);
}

static void on_progress(void *ctx, const fd_progress_row *p)
{
    handover_print *h = ctx;
    enter_section(h, SECTION_PROGRESS);
    print_cells c = {0};
    print_cells_stamp(&c, p->at, h->day);
    print_cells_add(&c, fd_printf(_("%s: %s"), fd_entry_kind_label(p->kind), p->content ? p->content : ""),
                    FD_STYLE_PLAIN);
    print_cells_dup(&c, p->note, FD_STYLE_PLAIN);
    if (p->done) {
        char at[FD_TIME_TEXT];
        print_stamp(p->reported_at, h->day, at);
        char *back = p->reported_to ? fd_printf(_("reported back to %s %s"), p->reported_to, at) : NULL;
        print_cells_add(&c, print_join(_("Done"), "\n", back), FD_STYLE_PLAIN);
        free(back);
    } else {
        print_cells_dup(&c, _("Please continue to follow up"), FD_STYLE_RED);
    }
    print_cells_dup(&c, p->staff, FD_STYLE_PLAIN);
    print_cells_row(h->table, &c);
}

static char *item_text(const fd_open_item *i)
{
    char *a = print_join(i->ref, " ", i->name);
    char *b = print_join(a, "\n", i->detail);
    free(a);
    return b;
}

static char *mark_text(const fd_open_item *i)
{
    const char *mark = i->mark == FD_ITEM_CARRIED ? _("Carried on")
                       : i->mark == FD_ITEM_NOTED ? _("Noted")
                       : _("Not marked");
    char *head = i->marked_by ? fd_printf(_("%s (%s)"), mark, i->marked_by) : fd_strdup(mark);
    char *text = print_join(head, "\n", i->note);
    free(head);
    return text;
}

static void on_carried(void *ctx, const fd_open_item *i)
{
    handover_print *h = ctx;
    enter_section(h, SECTION_CARRIED);
    flush_pending(h);
    print_cells *c = &h->pending;
    print_cells_add(c, item_text(i), FD_STYLE_RED);
    print_cells_stamp(c, i->since, h->day);
    print_cells_add(c, mark_text(i), FD_STYLE_PLAIN);
    print_cells_dup(c, "", FD_STYLE_PLAIN);
    h->pending_set = true;
}

static void on_trail(void *ctx, const fd_trail_step *s)
{
    handover_print *h = ctx;
    if (!h->pending_set || h->at != SECTION_CARRIED)
        return;
    char at[FD_TIME_TEXT];
    print_stamp(s->at, h->day, at);
    char *line;
    switch (s->kind) {
    case FD_TRAIL_WRITTEN:
        line = fd_printf(_("%s written by %s: %s"), at, s->staff, s->text ? s->text : "");
        break;
    case FD_TRAIL_PROGRESS:
        line = fd_printf(_("%s progress by %s: %s"), at, s->staff, s->text ? s->text : "");
        break;
    case FD_TRAIL_DONE:
        line = fd_printf(_("%s done by %s: %s"), at, s->staff, s->text ? s->text : "");
        break;
    default:
        line = s->text && *s->text
                   ? fd_printf(_("%s handed on by %s to %s: %s"), at, s->staff, s->taken_by ? s->taken_by : "",
                               s->text)
                   : fd_printf(_("%s handed on by %s to %s"), at, s->staff, s->taken_by ? s->taken_by : "");
        break;
    }
    pending_append(h, line);
    free(line);
}

/* What the incoming manager must read of a complaint on paper, as written by the end
 * of the shift: its hand-over to the CS manager with the reason (and the CS manager
 * taking it over), and each correction old → new with its reason. */
typedef struct complaint_history {
    const handover_print *h;
    fd_time until;
    char *text;
} complaint_history;

static void complaint_step(void *ctx, const fd_complaint_step *step)
{
    complaint_history *k = ctx;
    if (step->at > k->until)
        return;
    bool hand_over = strcmp(step->event, "refer") == 0 || strcmp(step->event, "escalate") == 0;
    char *what = step->field ? fd_complaint_correction_text(step)
                 : hand_over ? print_join(fd_complaint_event_label(step->event), _(": "), step->note)
                             : NULL;
    if (!what)
        return;
    char at[FD_TIME_TEXT];
    print_stamp(step->at, k->h->day, at);
    char *line = fd_printf(_("%s %s (%s)"), at, what, step->staff ? step->staff : "");
    char *text = print_join(k->text, "\n", line);
    free(k->text);
    k->text = text;
    free(line);
    free(what);
}

/* NULL when nothing was handed over or corrected; a failure is kept for the report. */
static char *complaint_history_text(handover_print *h, int64_t complaint_id)
{
    complaint_history k = {h, h->have_shift && h->shift.end_at ? h->shift.end_at : fd_desk_now(h->d), NULL};
    fd_error err = {0};
    fd_status s = fd_complaint_timeline(h->d, h->who, complaint_id, complaint_step, &k, &err);
    if (s != FD_OK && h->failed == FD_OK) {
        h->failed = s;
        h->failure = err;
    }
    return k.text;
}

static void on_open_item(void *ctx, const fd_open_item *i)
{
    handover_print *h = ctx;
    enter_section(h, SECTION_OPEN_ITEMS);
    bool late = i->due_at && i->due_at < fd_desk_now(h->d);
    print_cells c = {0};
    print_cells_dup(&c, i->source_label, FD_STYLE_PLAIN);
    print_cells_dup(&c, i->ref, FD_STYLE_PLAIN);
    print_cells_dup(&c, i->name, FD_STYLE_PLAIN);
    char *extra = i->age_days >= 0 ? fd_printf(_("%d days at the desk"), i->age_days)
                  : i->record == FD_RECORD_COMPLAINT ? complaint_history_text(h, i->ref_id)
                                                     : NULL;
    print_cells_add(&c, print_join(i->detail, "\n", extra), FD_STYLE_PLAIN);
    free(extra);
    print_cells_stamp(&c, i->since, h->day);
    /* A complaint's deadline as its last day, a key's due time as the time. */
    char due[FD_DEADLINE_TEXT];
    fd_deadline_format(i->due_at, false, due);
    print_cells_add(&c, late ? fd_printf(_("%s (overdue)"), due) : fd_strdup(due),
                    late ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_add(&c, mark_text(i), FD_STYLE_PLAIN);
    print_cells_row(h->table, &c);
}

/* The mail held at the desk, one line by age: it would fill pages item by item. */
static void on_held_mail(void *ctx, const fd_held_mail *m)
{
    handover_print *h = ctx;
    enter_section(h, SECTION_OPEN_ITEMS);
    char text[256];
    fd_held_mail_text(m, text, sizeof text);
    print_cells c = {0};
    print_cells_dup(&c, _("Mail held"), FD_STYLE_PLAIN);
    print_cells_dup(&c, "", FD_STYLE_PLAIN);
    print_cells_dup(&c, "", FD_STYLE_PLAIN);
    print_cells_dup(&c, text, FD_STYLE_PLAIN);
    print_cells_dup(&c, "", FD_STYLE_PLAIN);
    print_cells_dup(&c, "", FD_STYLE_PLAIN);
    print_cells_add(&c, m->unmarked ? fd_printf(_("%ld not marked"), m->unmarked) : fd_strdup(""),
                    FD_STYLE_PLAIN);
    print_cells_row(h->table, &c);
}

static char *count_text(long n)
{
    return n < 0 ? fd_strdup("") : fd_printf("%ld", n);
}

static void on_count(void *ctx, const fd_count_row *k)
{
    handover_print *h = ctx;
    enter_section(h, SECTION_COUNTS);
    bool out_differs = k->counted && k->previous >= 0 && k->out_count != k->previous;
    bool in_differs = k->confirmed && k->counted && k->in_count != k->out_count;
    print_cells c = {0};
    print_cells_dup(&c, k->item, FD_STYLE_PLAIN);
    print_cells_add(&c, count_text(k->previous), FD_STYLE_PLAIN);
    print_cells_add(&c, k->counted ? count_text(k->out_count) : fd_strdup(_("not counted")),
                    out_differs ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_dup(&c, k->out_explanation, out_differs ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_add(&c, k->confirmed ? count_text(k->in_count) : fd_strdup(_("not confirmed")),
                    in_differs ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_dup(&c, k->in_explanation, in_differs ? FD_STYLE_RED : FD_STYLE_PLAIN);
    print_cells_row(h->table, &c);
}

static void signature_lines(fd_report *r)
{
    const char *outgoing[] = {_("Outgoing duty manager"), _("Time")};
    const char *incoming[] = {_("Incoming duty manager"), _("Time")};
    fd_report_signatures(r, outgoing, 2);
    fd_report_signatures(r, incoming, 2);
}

static char *shift_range(const fd_shift *s)
{
    char start[FD_TIME_TEXT], end[FD_TIME_TEXT];
    fd_time_format(s->start_at, start);
    fd_time_format(s->end_at, end);
    return s->end_at ? fd_printf("%s – %s", start, end) : fd_printf(_("%s – (on duty)"), start);
}

fd_status fd_print_handover(fd_desk *d, const fd_actor *who, int64_t shift_id, fd_report **out,
                            fd_error *err)
{
    fd_shift shift;
    fd_status s = fd_shift_get(d, shift_id, &shift, err);
    if (s != FD_OK)
        return s;
    char *range = shift_range(&shift);
    handover_print h = {.d = d, .who = who, .r = print_report_new(d, who, _("Shift handover report"), range),
                        .kind = -1, .day = fd_date_of(shift.start_at)};
    free(range);
    static const fd_handover_report_cb cb = {on_shift, on_attempt, on_entry, on_correction,
                                             on_progress, on_carried, on_trail, on_open_item,
                                             on_held_mail, on_count};
    s = fd_handover_report(d, shift_id, &cb, &h, err);
    if (s == FD_OK && h.failed != FD_OK) {
        s = h.failed;
        if (err)
            *err = h.failure;
    }
    enter_section(&h, SECTION_END);
    print_cells_clear(&h.pending);
    free(h.pending_extra);
    if (s != FD_OK) {
        fd_report_free(h.r);
        return s;
    }
    signature_lines(h.r);
    return print_finish(d, h.r, out, err);
}

char *fd_print_handover_stem(int64_t shift_id)
{
    return fd_printf("handover-%lld", (long long)shift_id);
}

typedef struct last_shift {
    int64_t closed, any;
} last_shift;

static void note_shift(void *ctx, const fd_shift *s)
{
    last_shift *l = ctx;
    if (!l->any)
        l->any = s->id;
    if (!l->closed && s->state == FD_SHIFT_CLOSED)
        l->closed = s->id;
}

fd_status fd_print_last_shift(fd_desk *d, int64_t *shift_id, fd_error *err)
{
    /* The newest shift is the one just opened by the last signature: the closed one
     * before it is what the office files. */
    last_shift l = {0, 0};
    fd_status s = fd_shifts_list(d, NULL, 2, note_shift, &l, err);
    if (s != FD_OK)
        return s;
    if (!l.any)
        return fd_fail(err, FD_NOT_FOUND, "shift", _("The handover book has never been opened."));
    *shift_id = l.closed ? l.closed : l.any;
    return FD_OK;
}
