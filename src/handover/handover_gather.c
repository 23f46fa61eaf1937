/* The open items a handover gathers from the other procedures: one line per source in
 * the table below, each asking its procedure's own query and keeping what the book
 * shows of every row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/calendar.h"
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
#include "handover/handover_internal.h"

/* Takes ownership of the strings. A record made after the moment of handover is not
 * yet open then: this only happens when history is written afterwards (the demo). */
static void add(fd_gather_list *l, const char *source, const char *sort, int64_t ref_id, char *ref,
                char *name, char *detail, fd_time since, fd_time due_at, int age_days)
{
    if (since > l->now) {
        free(ref);
        free(name);
        free(detail);
        return;
    }
    if (l->count == l->capacity) {
        l->capacity = l->capacity ? 2 * l->capacity : 16;
        l->items = fd_realloc(l->items, l->capacity * sizeof *l->items);
    }
    l->items[l->count++] = (fd_gathered){source, sort, ref_id, ref, name, detail, since, due_at, age_days};
}

/* "a b c" of the parts that are there, built in one allocation: a handover gathers
 * hundreds of items, and this runs for most of them twice. */
static char *joined(const char *a, const char *b, const char *c)
{
    const char *parts[] = {a, b, c};
    size_t lengths[3], size = 1;
    for (size_t i = 0; i < 3; i++) {
        lengths[i] = parts[i] ? strlen(parts[i]) : 0;
        size += lengths[i] + 1;
    }
    char *out = fd_alloc(size), *end = out;
    for (size_t i = 0; i < 3; i++) {
        if (!lengths[i])
            continue;
        if (end != out)
            *end++ = ' ';
        memcpy(end, parts[i], lengths[i]);
        end += lengths[i];
    }
    *end = '\0';
    return out;
}

/* ---- the sources ---- */

static void visitor_item(void *ctx, const fd_visitor_inside *v)
{
    const char *where = v->visitee_unit ? v->visitee_unit : v->visitee_company;
    add(ctx, "visitor", NULL, v->id, fd_strdup(v->slip), fd_strdup(v->visitor_name),
        joined(where, v->visitee_department, v->visitee_name), v->admitted_at, 0, -1);
}

static fd_status gather_visitors(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return fd_visits_inside(d, visitor_item, l, err);
}

static void key_overdue_item(void *ctx, const fd_key_row *k)
{
    add(ctx, "key_overdue", NULL, k->id, fd_strdup(k->tag), joined(k->borrower, k->company, NULL),
        joined(k->unit, k->description, NULL), k->out_at, k->due_at, -1);
}

static fd_status gather_keys_overdue(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return fd_keys_overdue(d, key_overdue_item, l, err);
}

/* Every lock change whose new key awaits sealing, not only those past the deadline:
 * sealing is the duty manager's own task (钥匙管理制度), so the incoming one must know.
 * The lock was changed FD_KEY_SEAL_HOURS before the deadline. */
static void key_seal_item(void *ctx, const fd_key_row *k)
{
    add(ctx, "key_seal", NULL, k->id, fd_strdup(k->tag), joined(k->department, k->custodian, NULL),
        joined(k->unit, k->description, NULL), k->due_at - FD_KEY_SEAL_HOURS * 3600, k->due_at, -1);
}

static fd_status gather_keys_to_seal(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return fd_keys_list(d, FD_KEYS_TO_SEAL, NULL, NULL, -1, key_seal_item, l, err);
}

static void mail_item(void *ctx, const fd_mail_waiting *m)
{
    char *what = fd_printf("×%d%s%s", m->quantity, *m->shelf ? " @" : "", m->shelf);
    add(ctx, FD_SOURCE_HELD_MAIL, fd_mail_kind_name(m->kind), m->id, fd_strdup(m->tracking),
        joined(m->unit, m->org, m->name), what, m->received_at, 0, m->age_days);
}

static const char *mail_sort_label(const char *sort)
{
    fd_mail_kind kind;
    return fd_mail_kind_parse(sort, &kind) ? fd_mail_kind_label(kind) : sort;
}

static fd_status gather_mail(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return fd_mail_at_desk(d, mail_item, l, err);
}

/* The sort is what is overdue (rectification, return visit …), so the book says it
 * and knows whether the deadline rests on the holiday table. */
static void complaint_item(void *ctx, const fd_complaint_row *c)
{
    const char *due = c->due_kind >= 0 ? fd_complaint_due_name(c->sort, (fd_complaint_due_kind)c->due_kind) : NULL;
    add(ctx, "complaint", due, c->id, fd_printf("#%lld", (long long)c->id), fd_strdup(c->complainant),
        joined(c->unit, c->summary, NULL), c->received_at, c->due_at, -1);
}

static fd_status gather_complaints(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return fd_complaints_overdue(d, complaint_item, l, err);
}

/* Handed to the CS manager and waiting for one to accept it: open whatever its
 * deadline. One overdue as well is listed under both. */
static void referred_item(void *ctx, const fd_complaint_row *c)
{
    add(ctx, "complaint_referred", NULL, c->id, fd_printf("#%lld", (long long)c->id),
        fd_strdup(c->complainant), joined(c->unit, c->summary, NULL), c->received_at, c->due_at, -1);
}

static fd_status gather_referred(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return fd_complaints_referred(d, referred_item, l, err);
}

/* A pending entry of the register: the caller is to be called back or the referral
 * chased, so the book says whom, from where, what was asked and who has it now. */
typedef struct call_page {
    fd_gather_list *l;
    fd_call_entry last;
    int rows;
} call_page;

static void call_item(void *ctx, const fd_call_entry *e)
{
    call_page *p = ctx;
    size_t n = strcspn(e->question, "\n");
    char *question = fd_printf("%.*s", (int)n, e->question);
    add(p->l, "call", fd_call_choice_name(FD_CALL_LIST_MATTER, (int)e->matter), e->id,
        fd_printf("#%lld", (long long)e->id), joined(e->unit, e->caller, NULL),
        joined(question, e->department, e->person), e->received_at, 0, -1);
    free(question);
    p->last = *e;
    p->rows++;
}

/* Page by page: a desk that left many pending still hands them all over. Read as nobody
 * in particular (phones masked): the book shows no phone. */
static fd_status gather_calls(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    enum { PAGE = 200 };
    call_page *p = fd_alloc(sizeof *p);
    p->l = l;
    fd_call_query q = {FD_CALL_VIEW_OPEN, NULL, NULL, PAGE};
    fd_status s = FD_OK;
    do {
        p->rows = 0;
        s = fd_calls_list(d, NULL, &q, call_item, p, err);
        q.after = &p->last;
    } while (s == FD_OK && p->rows == PAGE);
    free(p);
    return s;
}

static const char *call_sort_label(const char *sort)
{
    int matter = fd_call_choice_parse(FD_CALL_LIST_MATTER, sort);
    return matter < 0 ? sort : fd_call_choice_label(FD_CALL_LIST_MATTER, matter);
}

/* A move the desk scheduled whose window ended with the goods not let through (条款五):
 * the book says which company, who was to carry what, and since when. */
typedef struct pass_page {
    fd_gather_list *l;
    fd_pass last;
    int rows;
} pass_page;

static void pass_item(void *ctx, const fd_pass *p)
{
    pass_page *g = ctx;
    add(g->l, "pass", fd_pass_choice_name(FD_PASS_LIST_DIRECTION, (int)p->direction), p->id,
        fd_printf("#%lld", (long long)p->id), joined(p->unit, p->company, NULL),
        joined(p->carrier, p->goods, NULL), p->window_to, p->window_to, -1);
    g->last = *p;
    g->rows++;
}

/* Page by page, as nobody in particular (documents masked): the book shows none. */
static fd_status gather_passes(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    enum { PAGE = 200 };
    pass_page *g = fd_alloc(sizeof *g);
    g->l = l;
    fd_pass_query q = {FD_PASS_VIEW_OPEN, NULL, NULL, PAGE};
    fd_status s = FD_OK;
    do {
        g->rows = 0;
        s = fd_passes_list(d, NULL, &q, pass_item, g, err);
        q.after = &g->last;
    } while (s == FD_OK && g->rows == PAGE);
    free(g);
    return s;
}

static const char *pass_sort_label(const char *sort)
{
    int direction = fd_pass_choice_parse(FD_PASS_LIST_DIRECTION, sort);
    return direction < 0 ? sort : fd_pass_choice_label(FD_PASS_LIST_DIRECTION, direction);
}

/* Notices the next shift must see to: one whose event is over and still on the board
 * (to take down, due since its end), or a draft awaiting its signature (since drafted). */
typedef struct notice_source {
    fd_gather_list *l;
    const char *source;
} notice_source;

static void notice_item(void *ctx, const fd_notice *n)
{
    notice_source *p = ctx;
    bool take_down = strcmp(p->source, "notice_take_down") == 0;
    char when[FD_TIME_TEXT];
    fd_time_format(n->starts_at, when);
    add(p->l, p->source, fd_notice_choice_name(FD_NOTICE_LIST_KIND, (int)n->kind), n->id,
        fd_printf("#%lld", (long long)n->id), fd_strdup(n->title), joined(n->place, when, NULL),
        take_down ? n->ends_at : n->drafted_at, take_down ? n->ends_at : 0, -1);
}

static fd_status gather_notices(fd_desk *d, fd_gather_list *l, const char *source,
                                fd_notice_view view, fd_error *err)
{
    notice_source p = {l, source};
    return fd_notices_for_book(d, view, notice_item, &p, err);
}

static fd_status gather_notices_to_take_down(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return gather_notices(d, l, "notice_take_down", FD_NOTICE_VIEW_TAKE_DOWN, err);
}

static fd_status gather_notice_drafts(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return gather_notices(d, l, "notice_draft", FD_NOTICE_VIEW_DRAFTS, err);
}

static const char *notice_sort_label(const char *sort)
{
    int kind = fd_notice_choice_parse(FD_NOTICE_LIST_KIND, sort);
    return kind < 0 ? sort : fd_notice_choice_label(FD_NOTICE_LIST_KIND, kind);
}

/* A worker's pass coming due or past its last day: the next shift collects it or sees the
 * deposit forfeited, so the book says whose, which file, and how it stands. */
static void work_pass_item(void *ctx, const fd_work_pass *p)
{
    fd_gather_list *l = ctx;
    char last[FD_DATE_TEXT];
    fd_date_format(p->valid_until, last);
    add(l, "work_pass", fd_pass_standing_name(p->standing), p->renovation_id,
        fd_printf("#%lld", (long long)p->id), joined(p->unit, p->worker, NULL),
        fd_printf(_("%s, last day %s"), p->contractor, last), p->issued_at,
        fd_date_start(p->valid_until + 1), -1);
}

static fd_status gather_work_passes(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    enum { MOST = 500 };
    return fd_work_passes_due(d, NULL, NULL, MOST, work_pass_item, l, err);
}

static const char *work_pass_sort_label(const char *sort)
{
    return fd_pass_standing_label(fd_pass_standing_parse(sort));
}

/* Tools brought in and not yet carried out against their list. */
static void tools_item(void *ctx, const fd_tools *t)
{
    fd_gather_list *l = ctx;
    if (t->out)
        return;
    add(l, "tools", NULL, t->renovation_id, fd_printf("#%lld", (long long)t->id),
        joined(t->unit, t->worker[0] ? t->worker : _("the crew"), NULL),
        joined(t->contractor, t->items, NULL), t->registered_at, 0, -1);
}

static fd_status gather_tools(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return fd_tools_today(d, NULL, NULL, tools_item, l, err);
}

/* A repair handed to engineering and not yet reported done: the next shift chases
 * engineering, so the book says where, what and who has it. The item opens the entry
 * it was made of, whose page shows the request. */
static void repair_item(void *ctx, const fd_repair *r)
{
    size_t n = strcspn(r->what, "\n");
    char *what = fd_printf("%.*s", (int)n, r->what);
    add(ctx, "repair", NULL, r->call_id, fd_printf("#%lld", (long long)r->id),
        joined(r->unit, r->caller, NULL), joined(what, r->department, r->person), r->handed_at, 0, -1);
    free(what);
}

static fd_status gather_repairs(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return fd_repairs_open(d, repair_item, l, err);
}

/* Hot work done and its site not yet checked and cleared. */
static void hot_work_item(void *ctx, const fd_hot_work *h)
{
    fd_gather_list *l = ctx;
    add(l, "hot_work", NULL, h->renovation_id, fd_printf("#%lld", (long long)h->id),
        joined(h->unit, h->welder, NULL), fd_printf("%s", h->work), h->starts_at, h->ends_at, -1);
}

static fd_status gather_hot_works(fd_desk *d, fd_gather_list *l, fd_error *err)
{
    return fd_hot_works_open(d, NULL, hot_work_item, l, err);
}

/* Only a rectification is counted in working days (fd_complaint_due_in_workdays). */
static bool complaint_unconfirmed(const fd_config *cfg, const char *sort, fd_time due)
{
    return sort && strcmp(sort, "rectify") == 0 && fd_deadline_unconfirmed(cfg, due);
}

/* The sources, in the order the book lists them: {name stored, label, gatherer, label
 * of a record's kind (NULL: none), whether a deadline is unconfirmed (NULL: never), the
 * record an item names}. */
static const struct open_source {
    const char *name;
    const char *label;
    fd_status (*gather)(fd_desk *d, fd_gather_list *l, fd_error *err);
    const char *(*sort_label)(const char *sort);
    bool (*unconfirmed)(const fd_config *cfg, const char *sort, fd_time due);
    fd_item_record record;
} sources[] = {
    /* The night's business first: what is late, then who is still inside; the mail
     * waiting at the desk, many and rarely urgent, last (the book sums it up). */
    {"complaint", N_("Complaint overdue"), gather_complaints, fd_complaint_due_label,
     complaint_unconfirmed, FD_RECORD_COMPLAINT},
    {"complaint_referred", N_("Complaint awaiting the CS manager"), gather_referred, NULL, NULL,
     FD_RECORD_COMPLAINT},
    {"key_overdue", N_("Key overdue"), gather_keys_overdue, NULL, NULL, FD_RECORD_KEY},
    {"key_seal", N_("Key to seal"), gather_keys_to_seal, NULL, NULL, FD_RECORD_KEY},
    {"visitor", N_("Visitor inside"), gather_visitors, NULL, NULL, FD_RECORD_VISIT},
    {"call", N_("Call or walk-in pending"), gather_calls, call_sort_label, NULL, FD_RECORD_CALL},
    {"repair", N_("Repair with engineering"), gather_repairs, NULL, NULL, FD_RECORD_CALL},
    {"pass", N_("Move not let through"), gather_passes, pass_sort_label, NULL, FD_RECORD_PASS},
    {"notice_take_down", N_("Notice to take down"), gather_notices_to_take_down, notice_sort_label,
     NULL, FD_RECORD_NOTICE},
    {"notice_draft", N_("Notice awaiting a signature"), gather_notice_drafts, notice_sort_label, NULL,
     FD_RECORD_NOTICE},
    {"work_pass", N_("Worker's pass due"), gather_work_passes, work_pass_sort_label, NULL,
     FD_RECORD_RENOVATION},
    {"tools", N_("Tools not carried out"), gather_tools, NULL, NULL, FD_RECORD_RENOVATION},
    {"hot_work", N_("Hot-work site not cleared"), gather_hot_works, NULL, NULL,
     FD_RECORD_RENOVATION},
    {FD_SOURCE_HELD_MAIL, N_("Mail held"), gather_mail, mail_sort_label, NULL, FD_RECORD_MAIL},
};

fd_status fd_handover_gather(fd_desk *d, fd_gather_list *out, fd_error *err)
{
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < sizeof sources / sizeof sources[0]; i++)
        s = sources[i].gather(d, out, err);
    return s;
}

void fd_gather_list_free(fd_gather_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].ref);
        free(l->items[i].name);
        free(l->items[i].detail);
    }
    FD_FREE(l->items);
    l->count = l->capacity = 0;
}

const char *fd_handover_source_label(const char *source)
{
    if (strcmp(source, FD_SOURCE_FOLLOWUP) == 0)
        return _("Follow-up carried on");
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
        if (strcmp(source, sources[i].name) == 0)
            return _(sources[i].label);
    return source;
}

fd_item_record handover_source_record(const char *source)
{
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
        if (strcmp(source, sources[i].name) == 0)
            return sources[i].record;
    return FD_RECORD_ENTRY; /* FD_SOURCE_FOLLOWUP */
}

const char *fd_handover_sort_label(const char *source, const char *sort)
{
    fd_entry_kind kind;
    if (strcmp(source, FD_SOURCE_FOLLOWUP) == 0 && fd_entry_kind_parse(sort, &kind))
        return fd_entry_kind_label(kind);
    for (size_t i = 0; sort && i < sizeof sources / sizeof sources[0]; i++)
        if (strcmp(source, sources[i].name) == 0)
            return sources[i].sort_label ? sources[i].sort_label(sort) : sort;
    return sort;
}

bool fd_handover_due_unconfirmed(const fd_config *cfg, const char *source, const char *sort,
                                 fd_time due)
{
    for (size_t i = 0; due && i < sizeof sources / sizeof sources[0]; i++)
        if (strcmp(source, sources[i].name) == 0)
            return sources[i].unconfirmed && sources[i].unconfirmed(cfg, sort, due);
    return false;
}
