/* The handover book's views: shifts, entries, follow-ups and their trails, open items,
 * the inventory, and the whole record of one shift for the printed report. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"
#include "handover/handover_internal.h"

static const char *optional(fd_stmt *st, int col)
{
    return fd_col_null(st, col) ? NULL : fd_col_text(st, col);
}

/* ---- shifts ---- */

typedef struct page_ctx {
    const void *after;
    int64_t id;
    int limit;
    void *each;
    void *ctx;
} page_ctx;

static fd_status shifts_txn(fd_store *store, void *ctx, fd_error *err)
{
    page_ctx *p = ctx;
    const fd_shift *after = p->after;
    fd_stmt *st = fd_sql(store, FD_SQL_HO_SHIFT_PAGE);
    fd_bind_int(st, ":last_start", after ? after->start_at : INT64_MAX);
    fd_bind_int(st, ":last_id", after ? after->id : INT64_MAX);
    fd_bind_int(st, ":limit", p->limit);
    void (*each)(void *, const fd_shift *) = (void (*)(void *, const fd_shift *))p->each;
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_shift s;
        fd_handover_read_shift(st, &s);
        each(p->ctx, &s);
    }
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_shifts_list(fd_desk *d, const fd_shift *after, int limit,
                         void (*each)(void *ctx, const fd_shift *s), void *ctx, fd_error *err)
{
    page_ctx p = {after, 0, limit, (void *)each, ctx};
    return fd_store_read(d->store, shifts_txn, &p, err);
}

/* ---- entries ---- */

typedef struct entries_ctx {
    int64_t shift_id, entry_id;
    const fd_entry *after;
    int limit;
    void (*each)(void *ctx, const fd_entry *e);
    void *ctx;
} entries_ctx;

static fd_status each_entry(fd_stmt *st, entries_ctx *c, fd_error *err)
{
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_entry e;
        fd_handover_read_entry(st, &e);
        c->each(c->ctx, &e);
    }
    return rc < 0 ? err->status : FD_OK;
}

static fd_status entries_txn(fd_store *store, void *ctx, fd_error *err)
{
    entries_ctx *c = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_HO_ENTRY_PAGE);
    fd_bind_int(st, ":shift_id", c->shift_id);
    fd_bind_int(st, ":last_at", c->after ? c->after->at : INT64_MIN);
    fd_bind_int(st, ":last_id", c->after ? c->after->id : INT64_MIN);
    fd_bind_int(st, ":limit", c->limit);
    return each_entry(st, c, err);
}

fd_status fd_handover_entries(fd_desk *d, int64_t shift_id, const fd_entry *after, int limit,
                              void (*each)(void *ctx, const fd_entry *e), void *ctx,
                              fd_error *err)
{
    entries_ctx c = {.shift_id = shift_id, .after = after, .limit = limit, .each = each, .ctx = ctx};
    return fd_store_read_one(d->store, entries_txn, &c, err);
}

static fd_status entry_get_txn(fd_store *store, void *ctx, fd_error *err)
{
    entries_ctx *c = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_HO_ENTRY_GET);
    fd_bind_int(st, ":id", c->entry_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        fd_entry e;
        fd_handover_read_entry(st, &e);
        c->each(c->ctx, &e);
    }
    return s == FD_NOT_FOUND ? fd_fail(err, FD_NOT_FOUND, "entry", _("There is no entry %lld in the book."),
                                       (long long)c->entry_id)
                             : s;
}

fd_status fd_handover_entry_get(fd_desk *d, int64_t entry_id,
                                void (*each)(void *ctx, const fd_entry *e), void *ctx,
                                fd_error *err)
{
    entries_ctx c = {.entry_id = entry_id, .each = each, .ctx = ctx};
    return fd_store_read(d->store, entry_get_txn, &c, err);
}

/* ---- follow-ups ---- */

typedef struct followups_ctx {
    int64_t shift_id, after_id;
    int limit;
    void (*each)(void *ctx, const fd_followup *f);
    void *ctx;
} followups_ctx;

static fd_status followups_txn(fd_store *store, void *ctx, fd_error *err)
{
    followups_ctx *c = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_HO_FOLLOWUP_PAGE);
    fd_bind_int(st, ":shift_id", c->shift_id);
    fd_bind_int(st, ":after_id", c->after_id);
    fd_bind_int(st, ":limit", c->limit);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_entry e;
        fd_handover_read_entry(st, &e);
        fd_followup f = {
            .entry = &e,
            .state = e.followup_state,
            .origin_shift_id = e.shift_id,
            .last_progress = optional(st, FD_COL_HO_FOLLOWUP_PAGE_PROGRESS_NOTE),
            .last_progress_at = fd_col_int(st, FD_COL_HO_FOLLOWUP_PAGE_PROGRESS_AT),
            .shifts_carried = (long)fd_col_int(st, FD_COL_HO_FOLLOWUP_PAGE_CARRIED),
            .carried_in = e.shift_id != c->shift_id,
            .progressed = fd_col_int(st, FD_COL_HO_FOLLOWUP_PAGE_PROGRESSED_HERE) != 0,
        };
        c->each(c->ctx, &f);
    }
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_handover_followups(fd_desk *d, int64_t shift_id, int64_t after_id, int limit,
                                void (*each)(void *ctx, const fd_followup *f), void *ctx,
                                fd_error *err)
{
    followups_ctx c = {shift_id, after_id, limit, each, ctx};
    return fd_store_read(d->store, followups_txn, &c, err);
}

static fd_status count_txn(fd_store *store, void *ctx, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_HO_FOLLOWUP_COUNT);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        *(long *)ctx = (long)fd_col_int(st, FD_COL_HO_FOLLOWUP_COUNT_FOLLOWUPS);
    return s;
}

fd_status fd_handover_followups_count(fd_desk *d, long *out, fd_error *err)
{
    return fd_store_read(d->store, count_txn, out, err);
}

/* ---- trails ---- */

typedef struct trail_ctx {
    int64_t entry_id;
    void (*each)(void *ctx, const fd_trail_step *s);
    void *ctx;
} trail_ctx;

static const fd_trail_kind trail_kinds[] = {FD_TRAIL_WRITTEN, FD_TRAIL_PROGRESS, FD_TRAIL_DONE,
                                            FD_TRAIL_CARRIED};

static fd_status each_trail_step(fd_store *store, trail_ctx *t, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_HO_FOLLOWUP_TRAIL);
    fd_bind_int(st, ":entry_id", t->entry_id);
    int rc, steps = 0;
    while ((rc = fd_step(st, err)) == 1) {
        int64_t kind = fd_col_int(st, FD_COL_HO_FOLLOWUP_TRAIL_STEP);
        fd_trail_step step = {
            .kind = trail_kinds[kind >= 0 && kind <= 3 ? kind : 0],
            .at = fd_col_int(st, FD_COL_HO_FOLLOWUP_TRAIL_AT),
            .shift_id = fd_col_int(st, FD_COL_HO_FOLLOWUP_TRAIL_SHIFT_ID),
            .shift_manager = fd_col_text(st, FD_COL_HO_FOLLOWUP_TRAIL_MANAGER),
            .staff = fd_col_text(st, FD_COL_HO_FOLLOWUP_TRAIL_STAFF_NAME),
            .taken_by = optional(st, FD_COL_HO_FOLLOWUP_TRAIL_TAKEN_BY_NAME),
            .text = optional(st, FD_COL_HO_FOLLOWUP_TRAIL_TEXT),
            .reported_to = optional(st, FD_COL_HO_FOLLOWUP_TRAIL_REPORTED_TO),
            .reported_at = fd_col_int(st, FD_COL_HO_FOLLOWUP_TRAIL_REPORTED_AT),
        };
        t->each(t->ctx, &step);
        steps++;
    }
    fd_stmt_reset(st);
    if (rc < 0)
        return err->status;
    return steps > 0 ? FD_OK
                     : fd_fail(err, FD_NOT_FOUND, "entry", _("There is no entry %lld in the book."),
                               (long long)t->entry_id);
}

static fd_status trail_txn(fd_store *store, void *ctx, fd_error *err)
{
    return each_trail_step(store, ctx, err);
}

fd_status fd_handover_trail(fd_desk *d, int64_t entry_id,
                            void (*each)(void *ctx, const fd_trail_step *s), void *ctx,
                            fd_error *err)
{
    trail_ctx t = {entry_id, each, ctx};
    return fd_store_read(d->store, trail_txn, &t, err);
}

/* ---- open items ---- */

fd_status fd_handover_latest(fd_desk *d, int64_t shift_id, int64_t *handover_id, bool *ended,
                             fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_HANDOVER_LATEST);
    fd_bind_int(st, ":shift_id", shift_id);
    fd_status s = fd_step_row(st, err);
    *handover_id = s == FD_OK ? fd_col_int(st, FD_COL_HO_HANDOVER_LATEST_ID) : 0;
    if (ended)
        *ended = s == FD_OK && fd_col_int(st, FD_COL_HO_HANDOVER_LATEST_ENDED);
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

/* The handover whose record a shift shows: its latest attempt once one began; while
 * the shift is open again (*live) its items are gathered live, the attempt's marks
 * kept on them, and its counts stand. */
static fd_status shown_handover(fd_desk *d, int64_t shift_id, int64_t *handover_id, bool *live,
                                fd_error *err)
{
    fd_shift_state state;
    fd_status s = fd_handover_shift_state(d, shift_id, &state, err);
    *handover_id = 0;
    *live = true;
    if (s != FD_OK)
        return s;
    *live = state == FD_SHIFT_OPEN;
    return fd_handover_latest(d, shift_id, handover_id, NULL, err);
}

static fd_item_mark parse_mark(const char *mark);

/* The marks a statement of row ho_mark reads for a handover. */
static fd_status read_marks(fd_desk *d, fd_sql_id sql, int64_t handover_id, fd_kept_marks *out,
                            fd_error *err)
{
    *out = (fd_kept_marks){0};
    if (!handover_id)
        return FD_OK;
    fd_stmt *st = fd_sql(d->store, sql);
    fd_bind_int(st, ":handover_id", handover_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        out->items = fd_realloc(out->items, (out->count + 1) * sizeof *out->items);
        out->items[out->count++] = (fd_kept_mark){
            .source = fd_strdup(fd_col_text(st, FD_COL_HO_MARK_SOURCE)),
            .ref_id = fd_col_int(st, FD_COL_HO_MARK_REF_ID),
            .mark = parse_mark(fd_col_text(st, FD_COL_HO_MARK_MARK)),
            .note = fd_strdup(optional(st, FD_COL_HO_MARK_NOTE)),
            .marked_by = fd_strdup(optional(st, FD_COL_HO_MARK_MARKED_BY)),
        };
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_handover_kept_marks(fd_desk *d, int64_t handover_id, fd_kept_marks *out, fd_error *err)
{
    return read_marks(d, FD_SQL_HO_ITEM_MARKS, handover_id, out, err);
}

fd_status fd_handover_handed_notes(fd_desk *d, int64_t handover_id, fd_kept_marks *out, fd_error *err)
{
    return read_marks(d, FD_SQL_HO_ITEM_NOTES, handover_id, out, err);
}

const fd_kept_mark *fd_kept_mark_find(const fd_kept_marks *k, const char *source, int64_t ref_id)
{
    for (size_t i = 0; i < k->count; i++)
        if (k->items[i].ref_id == ref_id && strcmp(k->items[i].source, source) == 0)
            return &k->items[i];
    return NULL;
}

void fd_kept_marks_free(fd_kept_marks *k)
{
    for (size_t i = 0; i < k->count; i++) {
        free(k->items[i].source);
        free(k->items[i].note);
        free(k->items[i].marked_by);
    }
    FD_FREE(k->items);
    k->count = 0;
}

static fd_item_mark parse_mark(const char *mark)
{
    return !mark ? FD_ITEM_UNMARKED : strcmp(mark, "noted") == 0 ? FD_ITEM_NOTED : FD_ITEM_CARRIED;
}

typedef struct items_ctx {
    fd_desk *d;
    int64_t shift_id;
    void (*each)(void *ctx, const fd_open_item *i);
    void *ctx;
    /* the report: carried follow-ups and their trails go to these, with report_ctx */
    void (*carried)(void *ctx, const fd_open_item *i);
    void (*trail)(void *ctx, const fd_trail_step *s);
    void *report_ctx;
    fd_kept_marks handed; /* the marks the shift was handed over with */
} items_ctx;

/* The note an item was handed over with to this shift goes with it through the shift,
 * wherever the item is listed: the incoming manager reads what the outgoing one wrote. */
static void with_handed_note(const items_ctx *c, fd_open_item *i)
{
    const fd_kept_mark *k = fd_kept_mark_find(&c->handed, i->source, i->ref_id);
    if (k && k->note) {
        i->handed_note = k->note;
        i->handed_by = k->marked_by;
    }
}

static fd_status each_stored_item(items_ctx *c, int64_t handover_id, fd_error *err)
{
    fd_stmt *st = fd_sql(c->d->store, FD_SQL_HO_ITEM_LIST);
    fd_bind_int(st, ":handover_id", handover_id);
    fd_status s = FD_OK;
    int rc;
    while (s == FD_OK && (rc = fd_step(st, err)) == 1) {
        fd_open_item i = {
            .id = fd_col_int(st, FD_COL_HO_ITEM_LIST_ID), .source = fd_col_text(st, FD_COL_HO_ITEM_LIST_SOURCE),
            .source_label = fd_handover_source_label(fd_col_text(st, FD_COL_HO_ITEM_LIST_SOURCE)),
            .record = handover_source_record(fd_col_text(st, FD_COL_HO_ITEM_LIST_SOURCE)),
            .ref_id = fd_col_int(st, FD_COL_HO_ITEM_LIST_REF_ID), .ref = optional(st, FD_COL_HO_ITEM_LIST_REF), .name = optional(st, FD_COL_HO_ITEM_LIST_NAME),
            .detail = optional(st, FD_COL_HO_ITEM_LIST_DETAIL), .since = fd_col_int(st, FD_COL_HO_ITEM_LIST_SINCE), .due_at = fd_col_int(st, FD_COL_HO_ITEM_LIST_DUE_AT),
            .age_days = fd_col_null(st, FD_COL_HO_ITEM_LIST_AGE_DAYS) ? -1 : (int)fd_col_int(st, FD_COL_HO_ITEM_LIST_AGE_DAYS),
            .mark = parse_mark(optional(st, FD_COL_HO_ITEM_LIST_MARK)), .note = optional(st, FD_COL_HO_ITEM_LIST_NOTE), .marked_by = optional(st, FD_COL_HO_ITEM_LIST_MARKED_BY),
        };
        const char *sort = optional(st, FD_COL_HO_ITEM_LIST_SORT);
        i.sort_label = fd_handover_sort_label(i.source, sort);
        i.due_unconfirmed = fd_handover_due_unconfirmed(c->d->config, i.source, sort, i.due_at);
        i.overdue = i.due_at && i.due_at <= fd_desk_now(c->d);
        with_handed_note(c, &i);
        bool followup = strcmp(i.source, FD_SOURCE_FOLLOWUP) == 0;
        if (!followup && c->each)
            c->each(c->ctx, &i);
        if (followup && c->carried)
            c->carried(c->report_ctx, &i);
        if (followup && c->trail) {
            trail_ctx t = {i.ref_id, c->trail, c->report_ctx};
            s = each_trail_step(c->d->store, &t, err);
        }
    }
    fd_stmt_reset(st);
    return s != FD_OK ? s : rc < 0 ? err->status : FD_OK;
}

/* Gathered now, with the marks an unsigned attempt of the shift left on items still
 * open (handover_id; 0 when none began). */
static fd_status each_live_item(items_ctx *c, int64_t handover_id, fd_error *err)
{
    fd_gather_list list = {.now = fd_desk_now(c->d)};
    fd_kept_marks kept;
    fd_status s = fd_handover_kept_marks(c->d, handover_id, &kept, err);
    if (s == FD_OK)
        s = fd_handover_gather(c->d, &list, err);
    for (size_t n = 0; s == FD_OK && c->each && n < list.count; n++) {
        const fd_gathered *g = &list.items[n];
        fd_open_item i = {
            .source = g->source, .source_label = fd_handover_source_label(g->source),
            .record = handover_source_record(g->source),
            .sort_label = fd_handover_sort_label(g->source, g->sort), .ref_id = g->ref_id, .ref = g->ref, .name = g->name, .detail = g->detail,
            .since = g->since, .due_at = g->due_at, .age_days = g->age_days,
            .due_unconfirmed = fd_handover_due_unconfirmed(c->d->config, g->source, g->sort, g->due_at),
            .overdue = g->due_at && g->due_at <= list.now,
        };
        const fd_kept_mark *k = fd_kept_mark_find(&kept, g->source, g->ref_id);
        if (k) {
            i.mark = k->mark;
            i.note = k->note;
            i.marked_by = k->marked_by;
        }
        with_handed_note(c, &i);
        c->each(c->ctx, &i);
    }
    fd_gather_list_free(&list);
    fd_kept_marks_free(&kept);
    return s;
}

/* The handover that began the shift (0: opened afresh). */
static fd_status taken_over_with(fd_desk *d, int64_t shift_id, int64_t *handover_id, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_SHIFT_TAKEN_OVER_WITH);
    fd_bind_int(st, ":shift_id", shift_id);
    fd_status s = fd_step_row(st, err);
    *handover_id = s == FD_OK ? fd_col_int(st, FD_COL_HO_SHIFT_TAKEN_OVER_WITH_HANDOVER_ID) : 0;
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static fd_status each_item(items_ctx *c, fd_error *err)
{
    int64_t handover_id, handed_with;
    bool live;
    fd_status s = shown_handover(c->d, c->shift_id, &handover_id, &live, err);
    if (s == FD_OK)
        s = taken_over_with(c->d, c->shift_id, &handed_with, err);
    if (s == FD_OK)
        s = fd_handover_handed_notes(c->d, handed_with, &c->handed, err);
    if (s == FD_OK)
        s = live ? each_live_item(c, handover_id, err) : each_stored_item(c, handover_id, err);
    fd_kept_marks_free(&c->handed);
    return s;
}

static fd_status items_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    return each_item(ctx, err);
}

fd_status fd_handover_open_items(fd_desk *d, int64_t shift_id,
                                 void (*each)(void *ctx, const fd_open_item *i), void *ctx,
                                 fd_error *err)
{
    items_ctx c = {.d = d, .shift_id = shift_id, .each = each, .ctx = ctx};
    return fd_store_read(d->store, items_txn, &c, err);
}

/* ---- what is still without a mark ---- */

fd_status fd_handover_attempt_unmarked(fd_desk *d, int64_t handover_id, fd_unmarked *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_ITEM_UNMARKED_COUNT);
    fd_bind_int(st, ":handover_id", handover_id);
    fd_bind_text(st, ":held_source", FD_SOURCE_HELD_MAIL);
    fd_status s = fd_step_row(st, err);
    *out = (fd_unmarked){0};
    if (s == FD_OK)
        *out = (fd_unmarked){.items = (long)fd_col_int(st, FD_COL_HO_ITEM_UNMARKED_COUNT_ITEMS),
                             .held_mail = (long)fd_col_int(st, FD_COL_HO_ITEM_UNMARKED_COUNT_HELD_MAIL)};
    fd_stmt_reset(st);
    return s;
}

/* Only the attempt under way has items waiting for a mark. */
static fd_status shift_unmarked(fd_desk *d, int64_t shift_id, fd_unmarked *out, fd_error *err)
{
    int64_t handover_id;
    bool live;
    *out = (fd_unmarked){0};
    fd_status s = shown_handover(d, shift_id, &handover_id, &live, err);
    if (s != FD_OK || live || !handover_id)
        return s;
    return fd_handover_attempt_unmarked(d, handover_id, out, err);
}

typedef struct unmarked_ctx {
    int64_t shift_id;
    fd_desk *d;
    fd_unmarked u;
} unmarked_ctx;

static fd_status unmarked_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    unmarked_ctx *u = ctx;
    return shift_unmarked(u->d, u->shift_id, &u->u, err);
}

fd_status fd_handover_unmarked(fd_desk *d, int64_t shift_id, fd_unmarked *out, fd_error *err)
{
    unmarked_ctx u = {shift_id, d, {0}};
    fd_status s = fd_store_read(d->store, unmarked_txn, &u, err);
    *out = u.u;
    return s;
}

void fd_unmarked_text(const fd_unmarked *u, char *out, size_t size)
{
    if (u->items && u->held_mail)
        snprintf(out, size, _("%ld open items and %ld held mail items"), u->items, u->held_mail);
    else if (u->held_mail)
        snprintf(out, size, _("%ld held mail items"), u->held_mail);
    else
        snprintf(out, size, _("%ld open items"), u->items);
}

/* ---- the held mail, summed up ---- */

bool fd_open_item_summed(const fd_open_item *i)
{
    return i->record == FD_RECORD_MAIL && i->mark != FD_ITEM_NOTED;
}

typedef struct held_ctx {
    fd_desk *d;
    fd_held_mail m;
    void (*each)(void *ctx, const fd_open_item *i); /* the items not summed, or NULL */
    void *ctx;
} held_ctx;

static void held_start(held_ctx *h)
{
    memset(&h->m, 0, sizeof h->m);
    memcpy(h->m.buckets, h->d->config->mail_age_buckets, sizeof h->m.buckets);
}

static void sum_or_pass(void *ctx, const fd_open_item *i)
{
    held_ctx *h = ctx;
    if (!fd_open_item_summed(i)) {
        if (h->each)
            h->each(h->ctx, i);
        return;
    }
    int bucket = 0;
    while (bucket < 3 && i->age_days > h->m.buckets[bucket])
        bucket++;
    h->m.by_age[bucket]++;
    h->m.total++;
}

static fd_status held_unmarked(held_ctx *h, int64_t shift_id, fd_error *err)
{
    fd_unmarked u;
    fd_status s = shift_unmarked(h->d, shift_id, &u, err);
    h->m.unmarked = u.held_mail;
    return s;
}

static fd_status held_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    items_ctx *items = ctx;
    fd_status s = each_item(items, err);
    return s == FD_OK ? held_unmarked(items->ctx, items->shift_id, err) : s;
}

fd_status fd_handover_held_mail(fd_desk *d, int64_t shift_id, fd_held_mail *out, fd_error *err)
{
    held_ctx h = {.d = d};
    held_start(&h);
    items_ctx items = {.d = d, .shift_id = shift_id, .each = sum_or_pass, .ctx = &h};
    fd_status s = fd_store_read(d->store, held_txn, &items, err);
    *out = h.m;
    return s;
}

void fd_held_mail_text(const fd_held_mail *m, char *out, size_t size)
{
    int n = snprintf(out, size, _("%ld items: "), m->total);
    const char *separator = "";
    for (int b = 0; b < 4 && n >= 0 && (size_t)n < size; b++) {
        if (!m->by_age[b])
            continue;
        char part[64];
        if (b < 3)
            snprintf(part, sizeof part, _("%ld up to %d days"), m->by_age[b], m->buckets[b]);
        else
            snprintf(part, sizeof part, _("%ld over %d days"), m->by_age[b], m->buckets[2]);
        n += snprintf(out + n, size - (size_t)n, "%s%s", separator, part);
        /* TRANSLATORS: between the parts of "24 items: 17 up to 3 days, 5 up to 7 days" */
        separator = _(", ");
    }
}

/* ---- the inventory ---- */

typedef struct counts_ctx {
    fd_desk *d;
    int64_t shift_id, handover_id;
    void (*each)(void *ctx, const fd_count_row *c);
    void *ctx;
} counts_ctx;

/* The latest count of a side: FD_NOT_FOUND when not taken. The explanation is copied
 * out, since the same statement reads the other side next. */
static fd_status latest_count(fd_desk *d, int64_t handover_id, const char *item, const char *side,
                              long *count, char **explanation, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_COUNT_LATEST);
    fd_bind_int(st, ":handover_id", handover_id);
    fd_bind_text(st, ":item", item);
    fd_bind_text(st, ":side", side);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        *count = (long)fd_col_int(st, FD_COL_HO_COUNT_LATEST_COUNTED);
        *explanation = fd_strdup(optional(st, FD_COL_HO_COUNT_LATEST_EXPLANATION));
    }
    fd_stmt_reset(st);
    return s;
}

/* A side not counted is no failure: the line says so. */
static fd_status side_count(counts_ctx *c, const char *item, const char *side, bool *taken,
                            long *count, char **explanation, fd_error *err)
{
    *taken = false;
    if (!c->handover_id)
        return FD_OK;
    fd_status s = latest_count(c->d, c->handover_id, item, side, count, explanation, err);
    *taken = s == FD_OK;
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static fd_status count_line(counts_ctx *c, size_t index, const char *item, fd_error *err)
{
    fd_count_row row = {.index = index, .item = item, .previous = -1};
    char *out_explanation = NULL, *in_explanation = NULL;
    fd_stmt *st = fd_sql(c->d->store, FD_SQL_HO_COUNT_TAKEN_OVER);
    fd_bind_int(st, ":shift_id", c->shift_id);
    fd_bind_text(st, ":item", item);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        row.previous = (long)fd_col_int(st, FD_COL_HO_COUNT_TAKEN_OVER_COUNTED);
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        s = FD_OK;
    if (s == FD_OK)
        s = side_count(c, item, "out", &row.counted, &row.out_count, &out_explanation, err);
    if (s == FD_OK)
        s = side_count(c, item, "in", &row.confirmed, &row.in_count, &in_explanation, err);
    row.out_explanation = out_explanation;
    row.in_explanation = in_explanation;
    if (s == FD_OK)
        c->each(c->ctx, &row);
    free(out_explanation);
    free(in_explanation);
    return s;
}

static bool configured(const fd_string_list *items, const char *item)
{
    for (size_t i = 0; i < items->count; i++)
        if (strcmp(items->items[i], item) == 0)
            return true;
    return false;
}

/* Counted items the configuration no longer lists still belong to the record. */
static fd_status unlisted_lines(counts_ctx *c, fd_error *err)
{
    const fd_string_list *items = &c->d->config->inventory_items;
    fd_string_list extra = {0};
    fd_stmt *st = fd_sql(c->d->store, FD_SQL_HO_COUNT_ITEMS);
    fd_bind_int(st, ":handover_id", c->handover_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        if (configured(items, fd_col_text(st, FD_COL_HO_COUNT_ITEMS_ITEM)))
            continue;
        extra.items = fd_realloc(extra.items, (extra.count + 1) * sizeof *extra.items);
        extra.items[extra.count++] = fd_strdup(fd_col_text(st, FD_COL_HO_COUNT_ITEMS_ITEM));
    }
    fd_stmt_reset(st);
    fd_status s = rc < 0 ? err->status : FD_OK;
    for (size_t i = 0; s == FD_OK && i < extra.count; i++)
        s = count_line(c, (size_t)-1, extra.items[i], err);
    for (size_t i = 0; i < extra.count; i++)
        free(extra.items[i]);
    free(extra.items);
    return s;
}

static fd_status each_count(counts_ctx *c, fd_error *err)
{
    bool live;
    fd_status s = shown_handover(c->d, c->shift_id, &c->handover_id, &live, err);
    const fd_string_list *items = &c->d->config->inventory_items;
    for (size_t i = 0; s == FD_OK && i < items->count; i++)
        s = count_line(c, i, items->items[i], err);
    if (s == FD_OK && c->handover_id)
        s = unlisted_lines(c, err);
    return s;
}

static fd_status counts_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    return each_count(ctx, err);
}

fd_status fd_handover_counts(fd_desk *d, int64_t shift_id,
                             void (*each)(void *ctx, const fd_count_row *c), void *ctx,
                             fd_error *err)
{
    counts_ctx c = {.d = d, .shift_id = shift_id, .each = each, .ctx = ctx};
    return fd_store_read(d->store, counts_txn, &c, err);
}

/* ---- the report ---- */

typedef struct report_ctx {
    fd_desk *d;
    int64_t shift_id;
    const fd_handover_report_cb *cb;
    void *ctx;
} report_ctx;

static fd_handover_outcome parse_outcome(const char *outcome)
{
    if (!outcome)
        return FD_HANDOVER_PENDING;
    return strcmp(outcome, "signed") == 0       ? FD_HANDOVER_SIGNED
           : strcmp(outcome, "refused") == 0    ? FD_HANDOVER_REFUSED
           : strcmp(outcome, "taken_over") == 0 ? FD_HANDOVER_TAKEN_OVER
                                                : FD_HANDOVER_WITHDRAWN;
}

static fd_status each_attempt(fd_desk *d, int64_t shift_id,
                              void (*each)(void *ctx, const fd_handover_attempt *a), void *ctx,
                              fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_HANDOVER_ATTEMPTS);
    fd_bind_int(st, ":shift_id", shift_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_handover_attempt a = {
            .id = fd_col_int(st, FD_COL_HO_HANDOVER_ATTEMPTS_ID), .begun_at = fd_col_int(st, FD_COL_HO_HANDOVER_ATTEMPTS_AT), .outgoing = fd_col_text(st, FD_COL_HO_HANDOVER_ATTEMPTS_STAFF_NAME),
            .outcome = parse_outcome(optional(st, FD_COL_HO_HANDOVER_ATTEMPTS_OUTCOME)), .incoming = optional(st, FD_COL_HO_HANDOVER_ATTEMPTS_INCOMING_NAME),
            .reason = optional(st, FD_COL_HO_HANDOVER_ATTEMPTS_REASON), .ended_at = fd_col_int(st, FD_COL_HO_HANDOVER_ATTEMPTS_ENDED_AT),
            .supervisor = optional(st, FD_COL_HO_HANDOVER_ATTEMPTS_SUPERVISOR_NAME),
        };
        if (each)
            each(ctx, &a);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status report_attempts(report_ctx *r, fd_error *err)
{
    return each_attempt(r->d, r->shift_id, r->cb->attempt, r->ctx, err);
}

typedef struct attempts_ctx {
    fd_desk *d;
    int64_t shift_id;
    void (*each)(void *ctx, const fd_handover_attempt *a);
    void *ctx;
} attempts_ctx;

static fd_status attempts_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    attempts_ctx *a = ctx;
    return each_attempt(a->d, a->shift_id, a->each, a->ctx, err);
}

fd_status fd_handover_attempts(fd_desk *d, int64_t shift_id,
                               void (*each)(void *ctx, const fd_handover_attempt *a), void *ctx,
                               fd_error *err)
{
    attempts_ctx a = {d, shift_id, each, ctx};
    return fd_store_read(d->store, attempts_txn, &a, err);
}

static fd_status each_correction(fd_store *store, int64_t entry_id,
                                 void (*each)(void *ctx, const fd_entry_correction *c), void *ctx,
                                 fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_HO_ENTRY_CORRECTIONS);
    fd_bind_int(st, ":id", entry_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_entry_correction c = {
            .entry_id = entry_id, .value = fd_col_text(st, FD_COL_HO_ENTRY_CORRECTIONS_VALUE), .reason = fd_col_text(st, FD_COL_HO_ENTRY_CORRECTIONS_REASON),
            .staff = fd_col_text(st, FD_COL_HO_ENTRY_CORRECTIONS_NAME), .at = fd_col_int(st, FD_COL_HO_ENTRY_CORRECTIONS_AT),
        };
        fd_entry_field_parse(fd_col_text(st, FD_COL_HO_ENTRY_CORRECTIONS_FIELD), &c.field);
        each(ctx, &c);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status report_corrections(report_ctx *r, int64_t entry_id, fd_error *err)
{
    return each_correction(r->d->store, entry_id, r->cb->correction, r->ctx, err);
}

typedef struct corrections_ctx {
    int64_t entry_id;
    void (*each)(void *ctx, const fd_entry_correction *c);
    void *ctx;
} corrections_ctx;

static fd_status corrections_txn(fd_store *store, void *ctx, fd_error *err)
{
    corrections_ctx *c = ctx;
    return each_correction(store, c->entry_id, c->each, c->ctx, err);
}

fd_status fd_handover_corrections(fd_desk *d, int64_t entry_id,
                                  void (*each)(void *ctx, const fd_entry_correction *c), void *ctx,
                                  fd_error *err)
{
    corrections_ctx c = {entry_id, each, ctx};
    return fd_store_read(d->store, corrections_txn, &c, err);
}

static fd_status report_entries(report_ctx *r, fd_error *err)
{
    fd_stmt *st = fd_sql(r->d->store, FD_SQL_HO_ENTRY_BY_KIND);
    fd_bind_int(st, ":shift_id", r->shift_id);
    fd_status s = FD_OK;
    int rc;
    while (s == FD_OK && (rc = fd_step(st, err)) == 1) {
        fd_entry e;
        fd_handover_read_entry(st, &e);
        if (r->cb->entry)
            r->cb->entry(r->ctx, &e);
        if (r->cb->correction && e.corrected)
            s = report_corrections(r, e.id, err);
    }
    fd_stmt_reset(st);
    return s != FD_OK ? s : rc < 0 ? err->status : FD_OK;
}

static fd_status report_progress(report_ctx *r, fd_error *err)
{
    fd_stmt *st = fd_sql(r->d->store, FD_SQL_HO_PROGRESS_BY_SHIFT);
    fd_bind_int(st, ":shift_id", r->shift_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_progress_row p = {
            .id = fd_col_int(st, FD_COL_HO_PROGRESS_BY_SHIFT_ID), .entry_id = fd_col_int(st, FD_COL_HO_PROGRESS_BY_SHIFT_ENTRY_ID), .content = fd_col_text(st, FD_COL_HO_PROGRESS_BY_SHIFT_CONTENT),
            .origin_shift_id = fd_col_int(st, FD_COL_HO_PROGRESS_BY_SHIFT_SHIFT_ID), .note = fd_col_text(st, FD_COL_HO_PROGRESS_BY_SHIFT_NOTE),
            .done = fd_col_int(st, FD_COL_HO_PROGRESS_BY_SHIFT_DONE) != 0, .reported_to = optional(st, FD_COL_HO_PROGRESS_BY_SHIFT_REPORTED_TO),
            .reported_at = fd_col_int(st, FD_COL_HO_PROGRESS_BY_SHIFT_REPORTED_AT), .staff = fd_col_text(st, FD_COL_HO_PROGRESS_BY_SHIFT_STAFF_NAME), .at = fd_col_int(st, FD_COL_HO_PROGRESS_BY_SHIFT_AT),
        };
        fd_entry_kind_parse(fd_col_text(st, FD_COL_HO_PROGRESS_BY_SHIFT_KIND), &p.kind);
        r->cb->progress(r->ctx, &p);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static void report_count(void *ctx, const fd_count_row *c)
{
    report_ctx *r = ctx;
    r->cb->count(r->ctx, c);
}

static fd_status report_txn(fd_store *store, void *ctx, fd_error *err)
{
    report_ctx *r = ctx;
    fd_shift shift;
    fd_status s = fd_handover_shift_get(store, r->shift_id, &shift, err);
    if (s != FD_OK)
        return s;
    if (r->cb->shift)
        r->cb->shift(r->ctx, &shift);
    if ((s = report_attempts(r, err)) != FD_OK || (s = report_entries(r, err)) != FD_OK ||
        (r->cb->progress && (s = report_progress(r, err)) != FD_OK))
        return s;
    items_ctx items = {.d = r->d, .shift_id = r->shift_id, .each = r->cb->open_item, .ctx = r->ctx,
                       .carried = r->cb->carried, .trail = r->cb->trail, .report_ctx = r->ctx};
    held_ctx held = {.d = r->d, .each = r->cb->open_item, .ctx = r->ctx};
    if (r->cb->held_mail) {
        held_start(&held);
        items.each = sum_or_pass;
        items.ctx = &held;
    }
    if ((s = each_item(&items, err)) != FD_OK ||
        (r->cb->held_mail && (s = held_unmarked(&held, r->shift_id, err)) != FD_OK))
        return s;
    if (r->cb->held_mail && held.m.total > 0)
        r->cb->held_mail(r->ctx, &held.m);
    if (!r->cb->count)
        return s;
    counts_ctx counts = {.d = r->d, .shift_id = r->shift_id, .each = report_count, .ctx = r};
    return each_count(&counts, err);
}

fd_status fd_handover_report(fd_desk *d, int64_t shift_id, const fd_handover_report_cb *cb,
                             void *ctx, fd_error *err)
{
    report_ctx r = {d, shift_id, cb, ctx};
    return fd_store_read(d->store, report_txn, &r, err);
}
