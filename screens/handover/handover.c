/* The duty handover book screen: see handover.h. The book lists the shift in hand —
 * its open follow-ups, then the open items of the other procedures, then its entries
 * by time — in one list fetched a page at a time across the three; F5 turns to the
 * past shifts, typing searches every entry. Enter opens the highlighted line: an
 * entry's page (its fields, corrections and trail across shifts, and what may be
 * recorded on it), an open item (marked during a handover, else its own record), or a
 * past shift. F4 writes in the book (handover_entry.c, with the entry's page);
 * ^O offers the steps of handing over (handover_pass.c); what they share is
 * handover_shared.c. */
#include "handover/handover.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "calls/call_entry.h"
#include "works/works_file.h"
#include "passes/pass_record.h"
#include "complaints/complaints.h"
#include "console/draw.h"
#include "widgets/ask.h"
#include "widgets/form.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "handover/handover_entry.h"
#include "handover/handover_pass.h"
#include "handover/handover_shared.h"
#include "keys/keyops.h"
#include "widgets/fresh.h"
#include "widgets/listview.h"
#include "widgets/pager.h"
#include "mail/mail.h"
#include "notices/notice_page.h"
#include "widgets/printing.h"
#include "visitors/visitors.h"

enum { CELL = 128, DETAIL_ROWS = 4, HEAD_ROWS = 2, REF_COLUMN = 8 };

/* ---- the rows of the book ---- */

typedef enum section { SEC_FOLLOWUP, SEC_ITEM, SEC_ENTRY, SEC_SHIFT } section;

typedef struct brow {
    section sec;
    int64_t id;       /* the entry; the open item's snapshot row (0 when live); the shift */
    int64_t ref_id;   /* an open item's record in its procedure */
    int index;        /* an open item's place among the shift's */
    fd_time at;       /* an entry's time, its place in the keyset with id */
    fd_item_record record; /* an open item's kind of record */
    bool held_mail;   /* the line that sums the held mail up */
    bool summed;      /* a held mail item that line sums up */
    bool alert;       /* to act on: no progress yet, overdue, marked for the next shift */
    bool unmarked;    /* during a handover: an item (or the held mail's line) still to mark */
    char cells[6][CELL];
    char *detail;
    char *handed;     /* the note the item was handed over to this shift with, and by whom */
} brow;

static void free_brow(void *p)
{
    brow *r = p;
    free(r->detail);
    free(r->handed);
    free(r);
}

typedef struct book_source {
    console *c;
    int64_t shift_id;
    bool in_hand;      /* open or handing over: its follow-ups lead */
    fd_held_mail held; /* the held mail, one line */
    fd_unmarked unmarked; /* during a handover: what is still without a mark */
    bool mail_detail;  /* each held item under that line too */
} book_source;

typedef struct adder {
    listview *lv;
    book_source *src;
    int limit, added, skip, index;
    bool held_shown;   /* the held mail's line is on the list already */
} adder;

static void cell(brow *r, int col, const char *text)
{
    snprintf(r->cells[col], CELL, "%s", text ? text : "");
}

static brow *entry_row(section sec, const fd_entry *e)
{
    brow *r = fd_alloc(sizeof *r);
    r->sec = sec;
    r->id = e->id;
    r->at = e->at;
    char when[FD_TIME_TEXT];
    handover_when(e->at, when);
    cell(r, 0, fd_entry_kind_label(e->kind));
    cell(r, 1, when);
    cell(r, 2, e->content);
    cell(r, 3, e->author);
    if (e->mark != FD_FOLLOW_NONE && (!e->followup || e->followup_state != FD_FOLLOWUP_DONE)) {
        cell(r, 4, fd_follow_mark_label(e->mark));
        r->alert = true;
    } else if (e->followup) {
        cell(r, 4, fd_followup_state_label(e->followup_state));
    } else if (e->duty_log) {
        cell(r, 4, _("Duty log"));
    }
    char *fields = handover_entry_text(e);
    char *follow = e->follow_up ? fd_printf(_("%s: %s"), fd_follow_mark_label(e->mark), e->follow_up) : NULL;
    r->detail = handover_joined(fields, "  ", follow);
    free(fields);
    free(follow);
    return r;
}

static void add_entry(void *ctx, const fd_entry *e)
{
    adder *a = ctx;
    listview_add(a->lv, entry_row(SEC_ENTRY, e));
    a->added++;
}

static void add_followup(void *ctx, const fd_followup *f)
{
    adder *a = ctx;
    brow *r = entry_row(SEC_FOLLOWUP, f->entry);
    cell(r, 0, _("Follow-up"));
    bool owed = f->carried_in && !f->progressed && a->src->in_hand;
    cell(r, 4, owed ? _("No progress") : fd_followup_state_label(f->state));
    r->alert = owed;
    char *last = f->last_progress ? fd_printf(_("%s: %s"), _("Last progress"), f->last_progress) : NULL;
    char *follow = fd_printf(_("%s: %s"), fd_follow_mark_label(f->entry->mark),
                             f->entry->follow_up ? f->entry->follow_up : "");
    free(r->detail);
    r->detail = handover_joined(follow, "  ", last);
    free(follow);
    free(last);
    listview_add(a->lv, r);
    a->added++;
}

static const char *mark_label(fd_item_mark mark)
{
    return mark == FD_ITEM_CARRIED ? _("Carried on") : mark == FD_ITEM_NOTED ? _("Annotated") : NULL;
}

/* The mark that stands for an item's state: a handover's own (the item stored with
 * it). An item gathered live has only the mark an unsigned attempt left for the next
 * one: while the book is in hand the item reads as it stands. */
static fd_item_mark shown_mark(const fd_open_item *i)
{
    return i->id ? i->mark : FD_ITEM_UNMARKED;
}

/* An open item's state: the outgoing manager's mark once given, else what its deadline
 * asks for — unverified, overdue, or the day it falls due. */
static void item_state(brow *r, const fd_open_item *i)
{
    /* Its day fits the column whole; the detail has the time of day too. */
    char due[FD_DEADLINE_TEXT] = "";
    if (i->due_at)
        fd_day_format(fd_deadline_day(i->due_at), false, due);
    fd_item_mark mark = shown_mark(i);
    if (mark != FD_ITEM_UNMARKED)
        cell(r, 4, mark_label(mark));
    else if (i->due_unconfirmed)
        cell(r, 4, _("Unverified"));
    else if (i->overdue)
        cell(r, 4, _("Overdue"));
    else
        cell(r, 4, due);
    r->alert = r->alert || (mark == FD_ITEM_UNMARKED && i->overdue);
    r->unmarked = i->id && mark == FD_ITEM_UNMARKED;
}

/* The item's own mark and note, or, gathered live, those an unsigned attempt left. */
static char *item_mark_note(const fd_open_item *i)
{
    if (i->id || i->mark == FD_ITEM_UNMARKED)
        return fd_strdup(i->note ? i->note : "");
    char *kept = fd_printf(_("Marked at the last handover: %s"), mark_label(i->mark));
    char *out = handover_joined(kept, " ", i->note);
    free(kept);
    return out;
}

/* "due 12-06 (Sun) 22:00", with its marks; NULL when nothing is due. */
static char *item_due(const fd_open_item *i)
{
    if (!i->due_at)
        return NULL;
    char due[FD_DEADLINE_TEXT];
    fd_deadline_format(i->due_at, false, due);
    char *text = fd_printf(_("due %s"), due);
    char *marked = handover_joined(text, " ", i->due_unconfirmed ? _("Unverified") : NULL);
    char *out = handover_joined(marked, "  ", i->overdue ? _("Overdue") : NULL);
    free(text);
    free(marked);
    return out;
}

/* The held mail as one line by age, before its items when they are shown. */
static void add_held_mail(adder *a, int index)
{
    const fd_held_mail *m = &a->src->held;
    brow *r = fd_alloc(sizeof *r);
    *r = (brow){.sec = SEC_ITEM, .index = index, .record = FD_RECORD_MAIL, .held_mail = true,
                .unmarked = m->unmarked > 0};
    char text[CELL];
    fd_held_mail_text(m, text, sizeof text);
    cell(r, 0, _("Mail held"));
    cell(r, 2, text);
    if (m->unmarked) {
        char *unmarked = fd_printf(_("%ld not marked"), m->unmarked);
        cell(r, 4, unmarked);
        free(unmarked);
    }
    r->detail = fd_printf("%s  %s", text,
                          a->src->mail_detail ? _("Enter: hide the items.") : _("Enter: each item."));
    listview_add(a->lv, r);
    a->added++;
    a->held_shown = true;
}

/* A slip or a tag too long for its column keeps its end, where one differs from the
 * next (2026120612 → …0612); the row's line below gives it whole. */
static char *ref_tail(const char *ref)
{
    const char *p = ref ? ref : "";
    if (text_width(p) <= REF_COLUMN)
        return fd_strdup(p);
    while (*p && text_width(p) > REF_COLUMN - 1)
        do
            p++;
        while ((*p & 0xC0) == 0x80);
    return fd_printf("\u2026%s", p);
}

static void add_item(void *ctx, const fd_open_item *i)
{
    adder *a = ctx;
    int index = a->index++;
    if (index < a->skip || a->added >= a->limit)
        return;
    bool summed = fd_open_item_summed(i);
    if (summed && !a->held_shown)
        add_held_mail(a, index);
    if (summed && !a->src->mail_detail)
        return;
    if (a->added >= a->limit)
        return;
    brow *r = fd_alloc(sizeof *r);
    *r = (brow){.sec = SEC_ITEM, .id = i->id, .ref_id = i->ref_id, .index = index,
                .record = i->record, .summed = summed};
    char since[FD_TIME_TEXT];
    handover_when(i->since, since);
    char *kind = handover_joined(i->sort_label, " ", i->detail);
    char *what = handover_joined(i->name, " ", kind);
    free(kind);
    cell(r, 0, i->source_label);
    cell(r, 1, since);
    cell(r, 2, what);
    char *ref = ref_tail(i->ref);
    cell(r, 3, ref);
    free(ref);
    item_state(r, i);
    char *age = i->age_days >= 0 ? fd_printf(_("%d days at the desk"), i->age_days) : item_due(i);
    /* The slip, tag or number whole: its column cuts a long one short. */
    char *named = handover_joined(i->ref, " ", what);
    char *head = handover_joined(named, "  ", age);
    char *note = item_mark_note(i);
    char *line = handover_joined(head, "  ", note);
    /* On a line of its own: the note the incoming manager was handed reads from its start. */
    if (i->handed_note)
        r->handed = fd_printf(_("%s's note at the handover: %s"), i->handed_by ? i->handed_by : "",
                              i->handed_note);
    r->detail = handover_joined(line, "\n", r->handed);
    free(line);
    free(note);
    free(named);
    free(head);
    free(age);
    free(what);
    listview_add(a->lv, r);
    a->added++;
}

static fd_status fetch_book(void *ctx, listview *lv, const char *query, const void *after, int limit,
                            fd_error *err)
{
    book_source *src = ctx;
    fd_desk *d = console_desk(src->c);
    const brow *last = after;
    adder a = {lv, src, limit, 0, 0, 0, false};
    if (query && *query)
        return fd_handover_search(d, query, last ? last->id : 0, limit, add_entry, &a, err);
    fd_status s = FD_OK;
    if (src->in_hand && (!last || last->sec == SEC_FOLLOWUP))
        s = fd_handover_followups(d, src->shift_id, last ? last->id : 0, limit, add_followup, &a, err);
    if (s == FD_OK && a.added < limit && (!last || last->sec <= SEC_ITEM)) {
        /* After the held mail's line its first item, hidden or not; after one of its
         * items the line is on the list already. */
        a.skip = !last || last->sec != SEC_ITEM ? 0 : last->held_mail ? last->index : last->index + 1;
        a.held_shown = last && last->sec == SEC_ITEM && (last->held_mail || last->summed);
        s = fd_handover_open_items(d, src->shift_id, add_item, &a, err);
    }
    if (s == FD_OK && a.added < limit) {
        fd_entry from = {.at = last ? last->at : 0, .id = last ? last->id : 0};
        s = fd_handover_entries(d, src->shift_id, last && last->sec == SEC_ENTRY ? &from : NULL,
                                limit - a.added, add_entry, &a, err);
    }
    return s;
}

static void brow_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    const brow *r = row;
    for (size_t i = 0; i < count && i < 6; i++)
        snprintf(out[i], 128, "%s", r->cells[i]);
}

static const listview_column book_columns[] = {
    {N_("Kind"), 14}, {N_("Time"), 11}, {N_("What"), 0}, {N_("By"), REF_COLUMN}, {N_("State"), 13},
};
static const listview_source book_rows = {
    book_columns, sizeof book_columns / sizeof book_columns[0], fetch_book, brow_cells, free_brow,
};

static void add_shift(void *ctx, const fd_shift *s)
{
    adder *a = ctx;
    brow *r = fd_alloc(sizeof *r);
    *r = (brow){.sec = SEC_SHIFT, .id = s->id, .at = s->start_at};
    char number[24], from[FD_TIME_TEXT], to[FD_TIME_TEXT], entries[24];
    snprintf(number, sizeof number, "%lld", (long long)s->id);
    handover_when(s->start_at, from);
    handover_when(s->end_at, to);
    snprintf(entries, sizeof entries, "%ld", s->entries);
    cell(r, 0, number);
    cell(r, 1, s->manager);
    cell(r, 2, from);
    cell(r, 3, s->end_at ? to : fd_shift_state_label(s->state));
    cell(r, 4, s->taken_over_by);
    cell(r, 5, entries);
    listview_add(a->lv, r);
}

static fd_status fetch_shifts(void *ctx, listview *lv, const char *query, const void *after, int limit,
                              fd_error *err)
{
    (void)query;
    book_source *src = ctx;
    const brow *last = after;
    fd_shift from = {.id = last ? last->id : 0, .start_at = last ? last->at : 0};
    adder a = {lv, src, limit, 0, 0, 0, false};
    return fd_shifts_list(console_desk(src->c), last ? &from : NULL, limit, add_shift, &a, err);
}

static const listview_column shift_columns[] = {
    {N_("No."), 5}, {N_("Duty manager"), 12}, {N_("From"), 11}, {N_("To"), 11},
    {N_("Taken over by"), 14}, {N_("Entries"), 0},
};
static const listview_source shift_rows = {
    shift_columns, sizeof shift_columns / sizeof shift_columns[0], fetch_shifts, brow_cells, free_brow,
};

/* ---- the book ---- */

typedef struct book {
    console *c;
    int64_t fixed_shift; /* opened on one shift; 0: the shift in hand, whichever it is */
    bool past;           /* the past shifts rather than one shift */
    bool have_shift;
    fd_shift shift;
    long owed;           /* carried follow-ups still without this shift's progress */
    char *last_attempt;  /* how the latest unsigned attempt ended, for both managers; or NULL */
    book_source src;
    listview *list;
    unsigned seen_changes;
    fresh read; /* when it was read */
} book;

static void count_owed(void *ctx, const fd_followup *f)
{
    book *b = ctx;
    if (f->carried_in && !f->progressed)
        b->owed++;
}

/* A refusal (while the book is still in hand) or a supervised takeover: what both
 * managers must read about the latest attempt. */
static void note_attempt(void *ctx, const fd_handover_attempt *a)
{
    book *b = ctx;
    char when[FD_TIME_TEXT];
    handover_when(a->ended_at, when);
    FD_FREE(b->last_attempt);
    if (a->outcome == FD_HANDOVER_REFUSED && b->shift.state != FD_SHIFT_CLOSED)
        b->last_attempt = fd_printf(_("%s refused to take the book over at %s: %s"), a->incoming, when,
                                    a->reason);
    else if (a->outcome == FD_HANDOVER_TAKEN_OVER)
        b->last_attempt = fd_printf(_("Taken over by %s at %s under %s's supervision: %s"), a->incoming,
                                    when, a->supervisor, a->reason);
}

static void load_shift(book *b)
{
    fd_desk *d = console_desk(b->c);
    fd_error err = {0};
    fd_status s = b->fixed_shift ? fd_shift_get(d, b->fixed_shift, &b->shift, &err)
                                 : fd_shift_current(d, &b->shift, &err);
    b->have_shift = s == FD_OK;
    if (s != FD_OK && s != FD_NOT_FOUND)
        console_show_error(b->c, &err);
    b->owed = 0;
    FD_FREE(b->last_attempt);
    if (b->have_shift && fd_handover_attempts(d, b->shift.id, note_attempt, b, &err) != FD_OK)
        console_show_error(b->c, &err);
    bool in_hand = b->have_shift && b->shift.state != FD_SHIFT_CLOSED;
    if (in_hand && fd_handover_followups(d, b->shift.id, 0, -1, count_owed, b, &err) != FD_OK)
        console_show_error(b->c, &err);
    bool detail = b->src.mail_detail;
    b->src = (book_source){.c = b->c, .shift_id = b->have_shift ? b->shift.id : 0, .in_hand = in_hand,
                           .mail_detail = detail};
    if (b->have_shift && (fd_handover_held_mail(d, b->shift.id, &b->src.held, &err) != FD_OK ||
                          fd_handover_unmarked(d, b->shift.id, &b->src.unmarked, &err) != FD_OK))
        console_show_error(b->c, &err);
}

static void reload(book *b)
{
    b->seen_changes = handover_change_count();
    fresh_mark(&b->read, b->c);
    load_shift(b);
    listview_free(b->list);
    b->list = listview_new(b->past ? &shift_rows : &book_rows, &b->src, b->past ? 0 : LISTVIEW_TYPE_AHEAD);
    if (b->past || b->have_shift)
        listview_reload(b->list, b->c);
}

/* What a write changed, here or at another terminal: the shift and its rows read
 * again, the highlight kept on its line, where the holder marking the list or reading
 * it left it. A shift signed over is another list, read from its top. */
static void read_again(book *b)
{
    int64_t shown = b->have_shift ? b->shift.id : 0;
    b->seen_changes = handover_change_count();
    fresh_mark(&b->read, b->c);
    load_shift(b);
    if (!b->past && (b->have_shift ? b->shift.id : 0) != shown)
        reload(b);
    else if (b->past || b->have_shift)
        listview_refresh(b->list, b->c);
}

static void *book_open(console *c, void *arg)
{
    book *b = fd_alloc(sizeof *b);
    b->c = c;
    b->fixed_shift = (int64_t)(intptr_t)arg;
    reload(b);
    return b;
}

static void book_close(void *state)
{
    book *b = state;
    listview_free(b->list);
    free(b->last_attempt);
    free(b);
}

static void draw_head(book *b, const console_area *area)
{
    int x = area->left, cols = area->cols;
    if (b->past) {
        draw_text(area->top, x, cols, _("Past shifts, newest first"), theme(TH_TITLE));
        return;
    }
    if (!b->have_shift) {
        draw_text(area->top, x, cols, _("The book is not open: no shift is on duty."), theme(TH_TITLE));
        draw_text(area->top + 1, x, cols, _("A duty manager opens it with the handover steps (^O)."),
                  theme(TH_DIM));
        return;
    }
    const fd_shift *s = &b->shift;
    char from[FD_TIME_TEXT], to[FD_TIME_TEXT];
    handover_when(s->start_at, from);
    handover_when(s->end_at, to);
    char *head = s->end_at ? fd_printf(_("Shift No. %lld  %s  %s to %s  handed over to %s"), (long long)s->id,
                                       s->manager, from, to, s->taken_over_by)
                           : fd_printf(_("Shift No. %lld  %s  since %s  %s"), (long long)s->id, s->manager,
                                       from, fd_shift_state_label(s->state));
    int used = draw_text(area->top, x, cols, head, theme(TH_TITLE));
    const fd_unmarked *u = &b->src.unmarked;
    if (u->items || u->held_mail) {
        char what[128];
        fd_unmarked_text(u, what, sizeof what);
        char *unmarked = fd_printf(_("Without a mark: %s"), what);
        if (used + 2 < cols)
            draw_text(area->top, x + used + 2, cols - used - 2, unmarked, theme(TH_ERROR) | A_BOLD);
        free(unmarked);
    }
    free(head);
    char *line = NULL;
    attr_t attr = theme(TH_DIM);
    if (b->last_attempt) {
        line = fd_strdup(b->last_attempt);
        attr = theme(TH_ERROR) | A_BOLD;
    } else if (b->owed > 0) {
        line = fd_printf(_("Carried follow-ups still without this shift's progress: %ld"), b->owed);
        attr = theme(TH_ERROR) | A_BOLD;
    } else if (s->handed_over_by[0]) {
        line = fd_printf(_("Taken over from %s."), s->handed_over_by);
    }
    if (line)
        draw_text(area->top + 1, x, cols, line, attr);
    free(line);
}

static void book_draw(void *state, console *c, const console_area *area)
{
    book *b = state;
    if (b->seen_changes != handover_change_count() || fresh_stale(&b->read, c))
        read_again(b);
    draw_head(b, area);
    if (!b->past && !b->have_shift)
        return;
    int rows = area->rows - HEAD_ROWS - (b->past ? 0 : DETAIL_ROWS + 1);
    console_area list = {area->top + HEAD_ROWS, area->left, rows, area->cols};
    listview_draw(b->list, c, &list);
    if (b->past)
        return;
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    const brow *r = listview_selected(b->list);
    if (r)
        draw_wrapped(y + 1, area->left, DETAIL_ROWS, area->cols, r->detail,
                     r->alert ? theme(TH_ERROR) : A_NORMAL);
}

static const screen_ops book_screen_fixed;

/* Every kind of item opens in place, over the book. */
static void open_record(book *b, const brow *r)
{
    console *c = b->c;
    switch (r->record) {
    case FD_RECORD_VISIT: visitors_open_visit(c, r->ref_id); break;
    case FD_RECORD_MAIL: mail_open_item(c, r->ref_id); break;
    case FD_RECORD_KEY: keys_key_page(c, r->ref_id); break;
    case FD_RECORD_COMPLAINT: complaints_open_complaint(c, r->ref_id); break;
    case FD_RECORD_CALL: call_entry_open(c, r->ref_id); break;
    case FD_RECORD_NOTICE: notice_page_open(c, r->ref_id); break;
    case FD_RECORD_RENOVATION: works_file_open(c, r->ref_id); break;
    case FD_RECORD_PASS: pass_record_open(c, r->ref_id); break;
    case FD_RECORD_ENTRY: handover_open_entry(c, r->ref_id); break;
    }
}

static bool marking_now(const book *b)
{
    return b->have_shift && b->shift.state == FD_SHIFT_HANDING_OVER && !b->fixed_shift;
}

/* Where a mark was given, by the item's place among the shift's open items. */
typedef struct mark_place {
    int index;
    bool held_mail;
} mark_place;

static bool unmarked_below(const void *row, const void *ctx)
{
    const brow *r = row;
    const mark_place *p = ctx;
    return r->sec == SEC_ITEM && r->unmarked && r->index > p->index;
}

static bool marked_line(const void *row, const void *ctx)
{
    const brow *r = row;
    const mark_place *p = ctx;
    return r->sec == SEC_ITEM && r->index == p->index && r->held_mail == p->held_mail;
}

/* After a mark the highlight moves on to the next line still without one: the holder
 * goes down the list marking each in turn, the line just marked in view above with its
 * mark. With none left below, it stays on the line just marked. */
static void after_mark(book *b, const mark_place *p)
{
    read_again(b);
    if (!listview_select_where(b->list, b->c, unmarked_below, p))
        listview_select_where(b->list, b->c, marked_line, p);
}

/* Every held mail item carried on in one step: many items on one choice, so the
 * holder reads how many and agrees first (handover_carry_agreed). */
static void carry_held_mail(book *b, const mark_place *place)
{
    fd_unmarked held = {.held_mail = b->src.held.unmarked};
    if (!handover_carry_agreed(b->c, &held))
        return;
    fd_error err = {0};
    if (fd_handover_carry_held_mail(console_desk(b->c), console_actor(b->c), b->shift.id, &err) != FD_OK)
        console_show_error(b->c, &err);
    handover_changed();
    after_mark(b, place);
}

/* The held mail's line: during the handover carried on in one step, or shown item by
 * item; otherwise its items shown or hidden. */
static void open_held_mail(book *b, const brow *r)
{
    mark_place place = {r->index, true}; /* r goes with the rows reloaded */
    if (marking_now(b) && b->src.held.unmarked > 0) {
        const char *labels[] = {_("Carry all held mail on as it is"),
                                b->src.mail_detail ? _("Hide the items") : _("Show each item")};
        int chosen = ask_choice(b->c, _("Mail held"), labels, 2);
        if (chosen < 0)
            return;
        if (chosen == 0) {
            carry_held_mail(b, &place);
            return;
        }
    }
    b->src.mail_detail = !b->src.mail_detail;
    listview_refresh(b->list, b->c);
}

/* The note an item was handed over with, whole: the detail under the list holds a
 * short one, a long one is read here. */
static void read_handed_note(book *b, const brow *r)
{
    enum { BOX = 6 };
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    if (!out)
        abort(); /* out of memory, as fd_alloc takes it */
    pager_put_wrapped(out, r->handed, COLS - BOX, "");
    fclose(out);
    pager_spec spec = {_("The note handed over"), text, NULL, NULL, NULL, ACT_NONE};
    pager_run(b->c, &spec);
    free(text);
}

typedef enum item_step { ITEM_CARRY, ITEM_ANNOTATE, ITEM_RECORD, ITEM_NOTE, ITEM_STEP_COUNT } item_step;

static const char *const item_labels[ITEM_STEP_COUNT] = {
    N_("Carry it on as it is"), N_("Annotate it"), N_("Open its record"),
    N_("Read the note it was handed over with"),
};

/* During the handover an item is marked, or its record opened; otherwise its record
 * opens. An item handed over with a note offers the note whole too. */
static void open_item(book *b, const brow *r)
{
    if (r->held_mail) {
        open_held_mail(b, r);
        return;
    }
    item_step steps[ITEM_STEP_COUNT];
    int n = 0;
    if (r->id && marking_now(b)) {
        steps[n++] = ITEM_CARRY;
        steps[n++] = ITEM_ANNOTATE;
    }
    steps[n++] = ITEM_RECORD;
    if (r->handed)
        steps[n++] = ITEM_NOTE;
    const char *labels[ITEM_STEP_COUNT];
    for (int i = 0; i < n; i++)
        labels[i] = _(item_labels[steps[i]]);
    int chosen = n == 1 ? 0 : ask_choice(b->c, _("This open item"), labels, n);
    if (chosen < 0)
        return;
    mark_place place = {r->index, false}; /* r goes with the rows reloaded */
    switch (steps[chosen]) {
    case ITEM_RECORD:
        open_record(b, r);
        break;
    case ITEM_NOTE:
        read_handed_note(b, r);
        break;
    default:
        if (handover_mark_item(b->c, r->id, steps[chosen] == ITEM_ANNOTATE))
            after_mark(b, &place);
        break;
    }
}

static int book_select(book *b)
{
    const brow *r = listview_selected(b->list);
    if (!r)
        return EV_HANDLED;
    switch (r->sec) {
    case SEC_SHIFT:
        console_push(b->c, &book_screen_fixed, (void *)(intptr_t)r->id);
        break;
    case SEC_ITEM:
        open_item(b, r);
        break;
    default:
        handover_open_entry(b->c, r->id);
        break;
    }
    return EV_HANDLED | EV_REDRAW;
}

/* The shift on the screen: the one highlighted among the past shifts, else the one shown. */
static int print_shift_report(book *b)
{
    const brow *r = b->past ? listview_selected(b->list) : NULL;
    int64_t shift_id = b->past ? (r ? r->id : 0) : b->have_shift ? b->shift.id : 0;
    if (shift_id)
        printing_shift(b->c, shift_id);
    else
        console_error(b->c, "%s", _("There is no shift to print."));
    return EV_HANDLED | EV_REDRAW;
}

static int book_handle(void *state, console *c, const console_event *ev)
{
    book *b = state;
    switch (ev->action) {
    case ACT_NEW:
        if (b->past)
            console_error(c, "%s", _("These are past shifts: turn back to the book in hand (F5) to write."));
        else if (!b->have_shift)
            console_error(c, "%s", _("No shift is on duty: open the book first (^O)."));
        else
            handover_write_entry(c, b->shift.id);
        return EV_HANDLED | EV_REDRAW;
    case ACT_SHIFT:
        handover_steps(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_PRINT:
        return print_shift_report(b);
    case ACT_VIEW:
        if (b->fixed_shift)
            return EV_HANDLED;
        b->past = !b->past;
        reload(b);
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        if (!listview_takes_text(b->list))
            return book_select(b);
        break;
    default:
        break;
    }
    return b->list ? listview_handle(b->list, c, ev) : EV_IGNORED;
}

static bool book_takes_text(const void *state)
{
    const book *b = state;
    return b->list && listview_takes_text(b->list);
}

/* In the order of their hints: at 80 columns the last (Enter, which every row's line
 * names) is the one left out, never the way back. */
static const console_action book_actions[] = {ACT_NEW,    ACT_SHIFT,  ACT_BACK,   ACT_VIEW,
                                              ACT_SEARCH, ACT_PRINT,  ACT_SELECT, ACT_UP,
                                              ACT_DOWN,   ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};
static const console_action fixed_actions[] = {ACT_SELECT, ACT_SEARCH, ACT_PRINT, ACT_BACK, ACT_UP,
                                               ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

const screen_ops handover_screen = {
    .title = N_("Duty handover book"),
    .actions = book_actions,
    .open = book_open,
    .close = book_close,
    .draw = book_draw,
    .handle = book_handle,
    .takes_text = book_takes_text,
};

static const screen_ops book_screen_fixed = {
    .title = N_("Duty handover book"),
    .actions = fixed_actions,
    .open = book_open,
    .close = book_close,
    .draw = book_draw,
    .handle = book_handle,
    .takes_text = book_takes_text,
};
