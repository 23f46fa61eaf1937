/* Handing the book over: the shift machine, gathering the open items, marks, the
 * inventory, and both signatures (or the incoming manager's refusal). */
#include "frontdesk/handover.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "handover/handover_internal.h"

/* ---- the shift machine ---- */

/* ---- who holds the book ---- */

static fd_status require_holder(fd_desk *d, const fd_actor *who, int64_t shift_id, fd_error *err)
{
    int64_t manager;
    fd_status s = fd_handover_holder(d, shift_id, &manager, NULL, err);
    if (s != FD_OK || manager == who->staff_id)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_STAFF_NAME);
    fd_bind_int(st, ":id", manager);
    s = fd_step_row(st, err);
    if (s == FD_OK)
        s = fd_fail(err, FD_DENIED, NULL,
                    _("The book is in %s's hands: only they can hand it over."), fd_col_text(st, FD_COL_HO_STAFF_NAME_NAME));
    fd_stmt_reset(st);
    return s;
}

/* The handover under way: the shift is handing over, who holds it, and its latest
 * attempt has not ended. */
static fd_status require_handing_over(fd_desk *d, const fd_actor *who, int64_t shift_id,
                                      int64_t *handover_id, fd_error *err)
{
    fd_shift_state state;
    fd_status s = fd_handover_shift_state(d, shift_id, &state, err);
    if (s != FD_OK)
        return s;
    if (state != FD_SHIFT_HANDING_OVER)
        return fd_fail(err, FD_STATE, "shift", state == FD_SHIFT_OPEN
                                                   ? _("Begin the handover first.")
                                                   : _("This shift has been handed over already."));
    if ((s = require_holder(d, who, shift_id, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_HANDOVER_LATEST);
    fd_bind_int(st, ":shift_id", shift_id);
    if ((s = fd_step_row(st, err)) == FD_OK)
        *handover_id = fd_col_int(st, FD_COL_HO_HANDOVER_LATEST_ID);
    fd_stmt_reset(st);
    return s;
}

/* ---- beginning: the open items at this moment ---- */

typedef struct begin_ctx {
    fd_desk *d;
    const fd_actor *who;
    int64_t shift_id, handover_id;
} begin_ctx;

static void bind_optional_time(fd_stmt *st, const char *param, fd_time t)
{
    if (t)
        fd_bind_int(st, param, t);
    else
        fd_bind_null(st, param);
}

static fd_status insert_mark_as(fd_desk *d, const fd_actor *who, int64_t item_id, fd_item_mark mark,
                                const char *note, const char *action, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_MARK_INSERT);
    fd_bind_int(st, ":item_id", item_id);
    fd_bind_text(st, ":mark", mark == FD_ITEM_NOTED ? "noted" : "carried");
    fd_bind_text(st, ":note", note);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    return fd_audit_row(d, who, action, FD_TABLE_shift_handover_mark, fd_store_last_id(d->store), err);
}

static fd_status insert_mark(fd_desk *d, const fd_actor *who, int64_t item_id, fd_item_mark mark,
                             const char *note, fd_error *err)
{
    return insert_mark_as(d, who, item_id, mark, note, "handover.mark", err);
}

static fd_status insert_item(begin_ctx *b, const fd_gathered *g, int64_t *item_id, fd_error *err)
{
    fd_stmt *st = fd_sql(b->d->store, FD_SQL_HO_ITEM_INSERT);
    fd_bind_int(st, ":handover_id", b->handover_id);
    fd_bind_text(st, ":source", g->source);
    fd_bind_text(st, ":sort", g->sort);
    fd_bind_int(st, ":ref_id", g->ref_id);
    fd_bind_text(st, ":ref", g->ref);
    fd_bind_text(st, ":name", g->name);
    fd_bind_text(st, ":detail", g->detail);
    bind_optional_time(st, ":since", g->since);
    bind_optional_time(st, ":due_at", g->due_at);
    if (g->age_days >= 0)
        fd_bind_int(st, ":age_days", g->age_days);
    else
        fd_bind_null(st, ":age_days");
    fd_bind_int(st, ":at", fd_desk_now(b->d));
    fd_bind_int(st, ":staff_id", b->who->staff_id);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    *item_id = fd_store_last_id(b->d->store);
    return fd_audit_row(b->d, b->who, "handover.item", FD_TABLE_shift_handover_item, *item_id, err);
}

/* Every open follow-up goes on with the book, by rule: it is marked carried at once
 * (总值交接班 §8: pointed out to the incoming manager). */
static fd_status gather_followups(fd_desk *d, fd_gather_list *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_FOLLOWUP_PAGE);
    fd_bind_int(st, ":after_id", 0);
    fd_bind_int(st, ":limit", -1);
    fd_bind_int(st, ":shift_id", 0);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_entry e;
        fd_handover_read_entry(st, &e);
        if (out->count == out->capacity) {
            out->capacity = out->capacity ? 2 * out->capacity : 16;
            out->items = fd_realloc(out->items, out->capacity * sizeof *out->items);
        }
        out->items[out->count++] = (fd_gathered){
            .source = FD_SOURCE_FOLLOWUP, .sort = fd_entry_kind_name(e.kind), .ref_id = e.id,
            .name = fd_strdup(e.author),
            .detail = fd_strdup(e.content), .since = e.at, .age_days = -1,
        };
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* Each item as gathered; a follow-up carried by rule; an item still open that the
 * attempt before this one had marked (kept) keeps its mark and note. */
static fd_status insert_snapshot(begin_ctx *b, const fd_gather_list *l, const fd_kept_marks *kept,
                                 fd_error *err)
{
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < l->count; i++) {
        const fd_gathered *g = &l->items[i];
        int64_t item_id;
        s = insert_item(b, g, &item_id, err);
        const fd_kept_mark *k = fd_kept_mark_find(kept, g->source, g->ref_id);
        bool followup = strcmp(g->source, FD_SOURCE_FOLLOWUP) == 0;
        if (s == FD_OK && followup && (!k || k->mark != FD_ITEM_NOTED))
            s = insert_mark(b->d, b->who, item_id, FD_ITEM_CARRIED, NULL, err);
        if (s == FD_OK && k && !(followup && k->mark != FD_ITEM_NOTED))
            s = insert_mark_as(b->d, b->who, item_id, k->mark, k->note, "handover.mark_kept", err);
    }
    return s;
}

static fd_status insert_count(fd_desk *d, const fd_actor *who, int64_t handover_id, const char *item,
                              const char *side, long counted, const long *expected,
                              const char *explanation, const char *action, fd_error *err);

/* The outgoing counts of the attempt before, for the one begun now. */
static fd_status keep_counts(begin_ctx *b, int64_t previous, fd_error *err)
{
    const fd_string_list *items = &b->d->config->inventory_items;
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < items->count; i++) {
        fd_stmt *st = fd_sql(b->d->store, FD_SQL_HO_COUNT_LATEST);
        fd_bind_int(st, ":handover_id", previous);
        fd_bind_text(st, ":item", items->items[i]);
        fd_bind_text(st, ":side", "out");
        s = fd_step_row(st, err);
        if (s != FD_OK) {
            fd_stmt_reset(st);
            s = s == FD_NOT_FOUND ? FD_OK : s;
            continue;
        }
        long counted = (long)fd_col_int(st, FD_COL_HO_COUNT_LATEST_COUNTED);
        bool known = !fd_col_null(st, FD_COL_HO_COUNT_LATEST_EXPECTED);
        long expected = known ? (long)fd_col_int(st, FD_COL_HO_COUNT_LATEST_EXPECTED) : 0;
        char *explanation = fd_strdup(fd_col_null(st, FD_COL_HO_COUNT_LATEST_EXPLANATION)
                                          ? NULL : fd_col_text(st, FD_COL_HO_COUNT_LATEST_EXPLANATION));
        fd_stmt_reset(st);
        s = insert_count(b->d, b->who, b->handover_id, items->items[i], "out", counted,
                         known ? &expected : NULL, explanation, "handover.count_kept", err);
        free(explanation);
    }
    return s;
}

/* The attempt before this one in the same shift, 0 when this is the first. */
static fd_status previous_attempt(begin_ctx *b, int64_t *out, fd_error *err)
{
    fd_stmt *st = fd_sql(b->d->store, FD_SQL_HO_HANDOVER_PREVIOUS);
    fd_bind_int(st, ":shift_id", b->shift_id);
    fd_bind_int(st, ":handover_id", b->handover_id);
    fd_status s = fd_step_row(st, err);
    *out = s == FD_OK ? fd_col_int(st, FD_COL_HO_HANDOVER_PREVIOUS_ID) : 0;
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

/* A new attempt: its row, the open items at this moment with what the attempt before
 * left on them, and that attempt's counts. */
static fd_status start_attempt(begin_ctx *b, fd_error *err)
{
    fd_stmt *st = fd_sql(b->d->store, FD_SQL_HO_HANDOVER_INSERT);
    fd_bind_int(st, ":shift_id", b->shift_id);
    fd_bind_int(st, ":at", fd_desk_now(b->d));
    fd_bind_int(st, ":staff_id", b->who->staff_id);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    b->handover_id = fd_store_last_id(b->d->store);
    if ((s = fd_audit_row(b->d, b->who, "handover.begin", FD_TABLE_shift_handover, b->handover_id, err)) != FD_OK)
        return s;
    int64_t previous;
    fd_kept_marks kept = {0};
    fd_gather_list list = {.now = fd_desk_now(b->d)};
    if ((s = previous_attempt(b, &previous, err)) == FD_OK &&
        (s = fd_handover_kept_marks(b->d, previous, &kept, err)) == FD_OK &&
        (s = gather_followups(b->d, &list, err)) == FD_OK && (s = fd_handover_gather(b->d, &list, err)) == FD_OK &&
        (s = insert_snapshot(b, &list, &kept, err)) == FD_OK && previous)
        s = keep_counts(b, previous, err);
    fd_gather_list_free(&list);
    fd_kept_marks_free(&kept);
    return s;
}

static fd_status begin_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    begin_ctx *b = ctx;
    fd_fire fire = {.actor = b->who};
    fd_status s;
    if ((s = require_holder(b->d, b->who, b->shift_id, err)) != FD_OK ||
        (s = fd_machine_fire(b->d, &fd_shift_machine, b->shift_id, "hand_over", &fire, NULL, err)) != FD_OK)
        return s;
    return start_attempt(b, err);
}

fd_status fd_handover_begin(fd_desk *d, const fd_actor *who, int64_t shift_id,
                            int64_t *handover_id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_SHIFT))
        return fd_fail(err, FD_DENIED, NULL, _("Only a duty manager hands the book over."));
    begin_ctx b = {d, who, shift_id, 0};
    fd_status s = fd_store_write(d->store, begin_txn, &b, err);
    if (s == FD_OK && handover_id)
        *handover_id = b.handover_id;
    return s;
}

/* ---- how an attempt ends ---- */

typedef struct end_ctx {
    fd_desk *d;
    const fd_actor *outgoing, *incoming;
    int64_t shift_id, handover_id;
    const char *outcome;
    char *reason;
    const fd_count_confirm *counts;
    char **explanations;
    size_t count_n;
    int64_t next_shift_id;
} end_ctx;

static fd_status insert_end(end_ctx *e, const fd_actor *by, fd_error *err)
{
    fd_stmt *st = fd_sql(e->d->store, FD_SQL_HO_HANDOVER_END_INSERT);
    fd_bind_int(st, ":handover_id", e->handover_id);
    fd_bind_text(st, ":outcome", e->outcome);
    fd_bind_int(st, ":outgoing_id", e->outgoing->staff_id);
    if (e->incoming)
        fd_bind_int(st, ":incoming_id", e->incoming->staff_id);
    else
        fd_bind_null(st, ":incoming_id");
    fd_bind_text(st, ":reason", e->reason);
    fd_bind_int(st, ":at", fd_desk_now(e->d));
    fd_bind_int(st, ":staff_id", by->staff_id);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    return fd_audit_row(e->d, by, "handover.end", FD_TABLE_shift_handover_end,
                        fd_store_last_id(e->d->store), err);
}

static fd_status withdraw_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    end_ctx *e = ctx;
    fd_fire fire = {.actor = e->outgoing};
    fd_status s;
    if ((s = require_handing_over(e->d, e->outgoing, e->shift_id, &e->handover_id, err)) != FD_OK ||
        (s = fd_machine_fire(e->d, &fd_shift_machine, e->shift_id, "withdraw", &fire, NULL, err)) != FD_OK)
        return s;
    return insert_end(e, e->outgoing, err);
}

fd_status fd_handover_withdraw(fd_desk *d, const fd_actor *who, int64_t shift_id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_SHIFT))
        return fd_fail(err, FD_DENIED, NULL, _("Only a duty manager hands the book over."));
    end_ctx e = {.d = d, .outgoing = who, .shift_id = shift_id, .outcome = "withdrawn"};
    return fd_store_write(d->store, withdraw_txn, &e, err);
}

/* The incoming manager is another duty manager, authenticated on this terminal. */
static fd_status check_incoming(const fd_actor *outgoing, const fd_actor *incoming, fd_error *err)
{
    if (!fd_may(outgoing, FD_ACT_HANDOVER_SHIFT))
        return fd_fail(err, FD_DENIED, "outgoing", _("Only a duty manager hands the book over."));
    if (!incoming || incoming->staff_id <= 0)
        return fd_fail(err, FD_INVALID, "incoming", _("The incoming duty manager signs with their PIN."));
    if (incoming->staff_id == outgoing->staff_id)
        return fd_fail(err, FD_INVALID, "incoming",
                       _("The book is handed over to another duty manager, not to oneself."));
    if (!fd_may(incoming, FD_ACT_HANDOVER_SHIFT))
        return fd_fail(err, FD_DENIED, "incoming",
                       _("%s is not a duty manager and cannot take the book over."), incoming->name);
    return FD_OK;
}

static fd_status refuse_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    end_ctx *e = ctx;
    fd_fire fire = {.actor = e->incoming, .note = e->reason};
    fd_status s;
    if ((s = require_handing_over(e->d, e->outgoing, e->shift_id, &e->handover_id, err)) != FD_OK ||
        (s = fd_machine_fire(e->d, &fd_shift_machine, e->shift_id, "refuse", &fire, NULL, err)) != FD_OK)
        return s;
    return insert_end(e, e->incoming, err);
}

fd_status fd_handover_refuse(fd_desk *d, const fd_actor *outgoing, const fd_actor *incoming,
                             int64_t shift_id, const char *reason, fd_error *err)
{
    end_ctx e = {.d = d, .outgoing = outgoing, .incoming = incoming, .shift_id = shift_id,
                 .outcome = "refused"};
    fd_status s = check_incoming(outgoing, incoming, err);
    if (s == FD_OK)
        s = fd_handover_text(reason, FD_HANDOVER_LONG_CHARS, true, true, "reason",
                             _("The reason for refusing"), &e.reason, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, refuse_txn, &e, err);
    free(e.reason);
    return s;
}

/* ---- marks ---- */

typedef struct mark_ctx {
    fd_desk *d;
    const fd_actor *who;
    int64_t item_id, shift_id;
    fd_item_mark mark;
    char *note;
    const char *source; /* carrying on: only this source's items; NULL: all */
} mark_ctx;

static fd_status mark_txn(fd_store *store, void *ctx, fd_error *err)
{
    mark_ctx *m = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_HO_ITEM_HANDOVER);
    fd_bind_int(st, ":id", m->item_id);
    fd_status s = fd_step_row(st, err);
    int64_t shift_id = s == FD_OK ? fd_col_int(st, FD_COL_HO_ITEM_HANDOVER_SHIFT_ID) : 0, item_handover = s == FD_OK ? fd_col_int(st, FD_COL_HO_ITEM_HANDOVER_ID) : 0;
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "item", _("There is no such open item."));
    int64_t handover_id;
    if (s != FD_OK || (s = require_handing_over(m->d, m->who, shift_id, &handover_id, err)) != FD_OK)
        return s;
    if (handover_id != item_handover)
        return fd_fail(err, FD_STATE, "item", _("This item belongs to an earlier handover."));
    return insert_mark(m->d, m->who, m->item_id, m->mark, m->note, err);
}

fd_status fd_handover_mark(fd_desk *d, const fd_actor *who, int64_t item_id, fd_item_mark mark,
                           const char *note, fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_SHIFT))
        return fd_fail(err, FD_DENIED, NULL, _("Only a duty manager hands the book over."));
    if (mark != FD_ITEM_CARRIED && mark != FD_ITEM_NOTED)
        return fd_fail(err, FD_INVALID, "mark", _("Carry the item on, or annotate it."));
    mark_ctx m = {.d = d, .who = who, .item_id = item_id, .mark = mark};
    fd_status s = fd_handover_text(note, FD_HANDOVER_LONG_CHARS, true, mark == FD_ITEM_NOTED, "note",
                                   _("Note"), &m.note, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, mark_txn, &m, err);
    free(m.note);
    return s;
}

typedef struct id_list {
    int64_t *ids;
    size_t count;
} id_list;

static fd_status unmarked_items(fd_desk *d, int64_t handover_id, id_list *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_ITEM_UNMARKED);
    fd_bind_int(st, ":handover_id", handover_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        out->ids = fd_realloc(out->ids, (out->count + 1) * sizeof *out->ids);
        out->ids[out->count++] = fd_col_int(st, FD_COL_HO_ITEM_UNMARKED_ID);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* The unmarked items of one source (the held mail). */
static fd_status unmarked_of_source(fd_desk *d, int64_t handover_id, const char *source, id_list *out,
                                    fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_ITEM_UNMARKED_SOURCE);
    fd_bind_int(st, ":handover_id", handover_id);
    fd_bind_text(st, ":source", source);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        out->ids = fd_realloc(out->ids, (out->count + 1) * sizeof *out->ids);
        out->ids[out->count++] = fd_col_int(st, FD_COL_HO_ITEM_UNMARKED_SOURCE_ID);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status carry_rest_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    mark_ctx *m = ctx;
    int64_t handover_id;
    id_list l = {0};
    fd_status s = require_handing_over(m->d, m->who, m->shift_id, &handover_id, err);
    if (s == FD_OK)
        s = m->source ? unmarked_of_source(m->d, handover_id, m->source, &l, err)
                      : unmarked_items(m->d, handover_id, &l, err);
    for (size_t i = 0; s == FD_OK && i < l.count; i++)
        s = insert_mark(m->d, m->who, l.ids[i], FD_ITEM_CARRIED, NULL, err);
    free(l.ids);
    return s;
}

fd_status fd_handover_carry_rest(fd_desk *d, const fd_actor *who, int64_t shift_id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_SHIFT))
        return fd_fail(err, FD_DENIED, NULL, _("Only a duty manager hands the book over."));
    mark_ctx m = {.d = d, .who = who, .shift_id = shift_id};
    return fd_store_write(d->store, carry_rest_txn, &m, err);
}

fd_status fd_handover_carry_held_mail(fd_desk *d, const fd_actor *who, int64_t shift_id,
                                      fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_SHIFT))
        return fd_fail(err, FD_DENIED, NULL, _("Only a duty manager hands the book over."));
    mark_ctx m = {.d = d, .who = who, .shift_id = shift_id, .source = FD_SOURCE_HELD_MAIL};
    return fd_store_write(d->store, carry_rest_txn, &m, err);
}

/* ---- the inventory ---- */

typedef struct count_ctx {
    fd_desk *d;
    const fd_actor *who;
    int64_t shift_id;
    const char *item;
    long count;
    char *explanation;
} count_ctx;

static fd_status insert_count(fd_desk *d, const fd_actor *who, int64_t handover_id, const char *item,
                              const char *side, long counted, const long *expected,
                              const char *explanation, const char *action, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_COUNT_INSERT);
    fd_bind_int(st, ":handover_id", handover_id);
    fd_bind_text(st, ":item", item);
    fd_bind_text(st, ":side", side);
    fd_bind_int(st, ":counted", counted);
    if (expected)
        fd_bind_int(st, ":expected", *expected);
    else
        fd_bind_null(st, ":expected");
    fd_bind_text(st, ":explanation", explanation);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    return fd_audit_row(d, who, action, FD_TABLE_shift_handover_count, fd_store_last_id(d->store), err);
}

/* What the shift took over of this item at the last handover; false when nothing was. */
static fd_status taken_over(fd_desk *d, int64_t shift_id, const char *item, long *out, bool *found,
                            fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_COUNT_TAKEN_OVER);
    fd_bind_int(st, ":shift_id", shift_id);
    fd_bind_text(st, ":item", item);
    fd_status s = fd_step_row(st, err);
    *found = s == FD_OK;
    if (*found)
        *out = (long)fd_col_int(st, FD_COL_HO_COUNT_TAKEN_OVER_COUNTED);
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static fd_status count_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    count_ctx *c = ctx;
    int64_t handover_id;
    long previous = 0;
    bool known;
    fd_status s;
    if ((s = require_handing_over(c->d, c->who, c->shift_id, &handover_id, err)) != FD_OK ||
        (s = taken_over(c->d, c->shift_id, c->item, &previous, &known, err)) != FD_OK)
        return s;
    if (known && previous != c->count && !c->explanation)
        return fd_fail(err, FD_INVALID, "explanation",
                       _("%s: %ld counted, but %ld were taken over at the last handover. "
                         "Explain the difference."),
                       c->item, c->count, previous);
    return insert_count(c->d, c->who, handover_id, c->item, "out", c->count, known ? &previous : NULL,
                        c->explanation, "handover.count", err);
}

static fd_status check_count(long count, const char *field, fd_error *err)
{
    if (count < 0 || count > FD_HANDOVER_COUNT_MAX)
        return fd_fail(err, FD_INVALID, field, _("A count is a number from 0 to %d."),
                       FD_HANDOVER_COUNT_MAX);
    return FD_OK;
}

fd_status fd_handover_count(fd_desk *d, const fd_actor *who, int64_t shift_id, size_t item,
                            long count, const char *explanation, fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_SHIFT))
        return fd_fail(err, FD_DENIED, NULL, _("Only a duty manager hands the book over."));
    const fd_string_list *items = &d->config->inventory_items;
    if (item >= items->count)
        return fd_fail(err, FD_INVALID, "item", _("There is no such inventory item."));
    count_ctx c = {.d = d, .who = who, .shift_id = shift_id, .item = items->items[item], .count = count};
    fd_status s = check_count(count, "count", err);
    if (s == FD_OK)
        s = fd_handover_text(explanation, FD_HANDOVER_LONG_CHARS, true, false, "explanation",
                             _("Explanation"), &c.explanation, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, count_txn, &c, err);
    free(c.explanation);
    return s;
}

/* ---- signing ---- */

static fd_status unmarked_refused(const fd_unmarked *u, fd_error *err)
{
    char what[128];
    fd_unmarked_text(u, what, sizeof what);
    return fd_fail(err, FD_STATE, "items", _("%s have no mark yet: carry each on or annotate it."), what);
}

static fd_status all_marked(end_ctx *e, fd_error *err)
{
    fd_unmarked u;
    fd_status s = fd_handover_attempt_unmarked(e->d, e->handover_id, &u, err);
    if (s == FD_OK && (u.items || u.held_mail))
        s = unmarked_refused(&u, err);
    return s;
}

/* The outgoing manager's latest count of the item: FD_NOT_FOUND (no message) when none. */
static fd_status latest_out_count(end_ctx *e, const char *item, long *out, fd_error *err)
{
    fd_stmt *st = fd_sql(e->d->store, FD_SQL_HO_COUNT_LATEST);
    fd_bind_int(st, ":handover_id", e->handover_id);
    fd_bind_text(st, ":item", item);
    fd_bind_text(st, ":side", "out");
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        *out = (long)fd_col_int(st, FD_COL_HO_COUNT_LATEST_COUNTED);
    fd_stmt_reset(st);
    return s;
}

static fd_status outgoing_count(end_ctx *e, const char *item, long *out, fd_error *err)
{
    fd_status s = latest_out_count(e, item, out, err);
    return s == FD_NOT_FOUND ? fd_fail(err, FD_STATE, "inventory",
                                       _("%s has not been counted yet: the outgoing duty manager "
                                         "counts every item first."), item)
                             : s;
}

/* What the incoming manager counts against when the holder left without counting an
 * item: what the shift took over of it (-1: nothing recorded, so nothing to explain). */
static fd_status expected_without_holder(end_ctx *e, const char *item, long *out, fd_error *err)
{
    fd_status s = latest_out_count(e, item, out, err);
    if (s != FD_NOT_FOUND)
        return s;
    bool known;
    *out = -1;
    s = taken_over(e->d, e->shift_id, item, out, &known, err);
    if (s == FD_OK && !known)
        *out = -1;
    return s;
}

/* The incoming manager's counts: each confirms the outgoing one, or differs with an
 * explanation. Taken over under supervision, an item the holder did not count is
 * confirmed against what the shift took over. */
static fd_status confirm_counts(end_ctx *e, bool taken_over_in_absence, fd_error *err)
{
    const fd_string_list *items = &e->d->config->inventory_items;
    long *outgoing = fd_alloc((items->count ? items->count : 1) * sizeof *outgoing);
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < items->count; i++)
        s = taken_over_in_absence ? expected_without_holder(e, items->items[i], &outgoing[i], err)
                                  : outgoing_count(e, items->items[i], &outgoing[i], err);
    for (size_t i = 0; s == FD_OK && i < items->count; i++) {
        if (outgoing[i] >= 0 && e->counts[i].count != outgoing[i] && !e->explanations[i]) {
            char field[FD_FIELD_MAX];
            snprintf(field, sizeof field, "explanation.%zu", i);
            s = fd_fail(err, FD_INVALID, field,
                        _("%s: the outgoing duty manager counted %ld, you count %ld. Explain "
                          "the difference."),
                        items->items[i], outgoing[i], e->counts[i].count);
        }
    }
    for (size_t i = 0; s == FD_OK && i < items->count; i++)
        s = insert_count(e->d, e->incoming, e->handover_id, items->items[i], "in", e->counts[i].count,
                         outgoing[i] >= 0 ? &outgoing[i] : NULL, e->explanations[i], "handover.count", err);
    free(outgoing);
    return s;
}

static fd_status sign_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    end_ctx *e = ctx;
    fd_fire fire = {.actor = e->outgoing, .approver = e->incoming};
    fd_status s;
    if ((s = require_handing_over(e->d, e->outgoing, e->shift_id, &e->handover_id, err)) != FD_OK ||
        (s = all_marked(e, err)) != FD_OK || (s = confirm_counts(e, false, err)) != FD_OK ||
        (s = fd_machine_fire(e->d, &fd_shift_machine, e->shift_id, "sign", &fire, NULL, err)) != FD_OK ||
        (s = insert_end(e, e->incoming, err)) != FD_OK)
        return s;
    return fd_handover_start_shift(e->d, e->incoming, fd_desk_now(e->d), e->handover_id,
                                   &e->next_shift_id, err);
}

static fd_status clean_confirmations(end_ctx *e, fd_error *err)
{
    const fd_string_list *items = &e->d->config->inventory_items;
    if (e->count_n != items->count)
        return fd_fail(err, FD_INVALID, "inventory",
                       _("Confirm the count of each of the %zu inventory items."), items->count);
    e->explanations = fd_alloc((items->count ? items->count : 1) * sizeof *e->explanations);
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < items->count; i++) {
        char field[FD_FIELD_MAX];
        snprintf(field, sizeof field, "count.%zu", i);
        s = check_count(e->counts[i].count, field, err);
        snprintf(field, sizeof field, "explanation.%zu", i);
        if (s == FD_OK)
            s = fd_handover_text(e->counts[i].explanation, FD_HANDOVER_LONG_CHARS, true, false,
                                 field, _("Explanation"), &e->explanations[i], err);
    }
    return s;
}

fd_status fd_handover_sign(fd_desk *d, const fd_actor *outgoing, const fd_actor *incoming,
                           int64_t shift_id, const fd_count_confirm *counts, size_t count_n,
                           int64_t *next_shift_id, fd_error *err)
{
    end_ctx e = {.d = d, .outgoing = outgoing, .incoming = incoming, .shift_id = shift_id,
                 .outcome = "signed", .counts = counts, .count_n = count_n};
    fd_status s = check_incoming(outgoing, incoming, err);
    if (s == FD_OK)
        s = clean_confirmations(&e, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, sign_txn, &e, err);
    /* The signed shift is anchored outside the database; a head file that cannot be
     * written does not undo the handover. */
    if (s == FD_OK)
        fd_audit_anchor(d, "handover", NULL);
    if (s == FD_OK && next_shift_id)
        *next_shift_id = e.next_shift_id;
    for (size_t i = 0; e.explanations && i < count_n; i++)
        free(e.explanations[i]);
    free(e.explanations);
    return s;
}

/* ---- ready to sign ---- */

typedef struct ready_ctx {
    fd_desk *d;
    const fd_actor *who;
    int64_t shift_id;
    fd_unmarked unmarked;
} ready_ctx;

static fd_status ready_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    ready_ctx *r = ctx;
    end_ctx e = {.d = r->d, .outgoing = r->who, .shift_id = r->shift_id};
    fd_status s = require_handing_over(r->d, r->who, r->shift_id, &e.handover_id, err);
    if (s == FD_OK)
        s = fd_handover_attempt_unmarked(r->d, e.handover_id, &r->unmarked, err);
    if (s == FD_OK && (r->unmarked.items || r->unmarked.held_mail))
        return unmarked_refused(&r->unmarked, err);
    const fd_string_list *items = &r->d->config->inventory_items;
    long count;
    for (size_t i = 0; s == FD_OK && i < items->count; i++)
        s = outgoing_count(&e, items->items[i], &count, err);
    return s;
}

fd_status fd_handover_sign_ready(fd_desk *d, const fd_actor *who, int64_t shift_id,
                                 fd_unmarked *unmarked, fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_SHIFT))
        return fd_fail(err, FD_DENIED, NULL, _("Only a duty manager hands the book over."));
    ready_ctx r = {d, who, shift_id, {0}};
    fd_status s = fd_store_read(d->store, ready_txn, &r, err);
    if (unmarked)
        *unmarked = r.unmarked;
    return s;
}

/* ---- taken over under supervision ---- */

typedef struct takeover_ctx {
    end_ctx e;
    const fd_actor *supervisor;
    int64_t holder_id;
} takeover_ctx;

/* The supervisor (or the incoming manager approved by one) stands in for a holder who
 * is not there: the holder cannot take the book over from himself. */
static fd_status check_takeover(fd_desk *d, const fd_actor *supervisor, const fd_actor *incoming,
                                int64_t shift_id, int64_t *holder_id, fd_shift_state *state,
                                fd_error *err)
{
    fd_status s = fd_handover_shift_state(d, shift_id, state, err);
    if (s != FD_OK)
        return s;
    if (*state == FD_SHIFT_CLOSED)
        return fd_fail(err, FD_STATE, "shift", _("This shift has been handed over already."));
    if ((s = fd_handover_holder(d, shift_id, holder_id, NULL, err)) != FD_OK)
        return s;
    if ((supervisor && supervisor->staff_id == *holder_id) || (incoming && incoming->staff_id == *holder_id))
        return fd_fail(err, FD_INVALID, "incoming",
                       _("The holder is here: hand the book over with both signatures instead."));
    return FD_OK;
}

static fd_status insert_takeover(takeover_ctx *t, fd_error *err)
{
    end_ctx *e = &t->e;
    fd_stmt *st = fd_sql(e->d->store, FD_SQL_HO_TAKEOVER_INSERT);
    fd_bind_int(st, ":handover_id", e->handover_id);
    fd_bind_int(st, ":holder_id", t->holder_id);
    fd_bind_int(st, ":supervisor_id", t->supervisor->staff_id);
    fd_bind_int(st, ":incoming_id", e->incoming->staff_id);
    fd_bind_text(st, ":reason", e->reason);
    fd_bind_int(st, ":at", fd_desk_now(e->d));
    fd_bind_int(st, ":staff_id", t->supervisor->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s
                      : fd_audit_row(e->d, t->supervisor, "handover.take_over", FD_TABLE_shift_takeover,
                                     fd_store_last_id(e->d->store), err);
}

/* The attempt the takeover ends: the one under way, or one begun now when the holder
 * left before beginning, so the record shows what was open. */
static fd_status takeover_attempt(takeover_ctx *t, fd_shift_state state, fd_error *err)
{
    end_ctx *e = &t->e;
    if (state == FD_SHIFT_OPEN) {
        begin_ctx b = {e->d, t->supervisor, e->shift_id, 0};
        fd_status s = start_attempt(&b, err);
        e->handover_id = b.handover_id;
        return s;
    }
    return fd_handover_latest(e->d, e->shift_id, &e->handover_id, NULL, err);
}

static fd_status carry_unmarked(takeover_ctx *t, fd_error *err)
{
    id_list l = {0};
    fd_status s = unmarked_items(t->e.d, t->e.handover_id, &l, err);
    for (size_t i = 0; s == FD_OK && i < l.count; i++)
        s = insert_mark_as(t->e.d, t->supervisor, l.ids[i], FD_ITEM_CARRIED, NULL, "handover.mark", err);
    free(l.ids);
    return s;
}

static fd_status takeover_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    takeover_ctx *t = ctx;
    end_ctx *e = &t->e;
    fd_shift_state state;
    fd_fire fire = {.actor = e->incoming, .approver = t->supervisor, .note = e->reason};
    fd_status s;
    if ((s = check_takeover(e->d, t->supervisor, e->incoming, e->shift_id, &t->holder_id, &state, err)) != FD_OK ||
        (s = takeover_attempt(t, state, err)) != FD_OK || (s = carry_unmarked(t, err)) != FD_OK ||
        (s = confirm_counts(e, true, err)) != FD_OK ||
        (s = fd_machine_fire(e->d, &fd_shift_machine, e->shift_id, "take_over", &fire, NULL, err)) != FD_OK ||
        (s = insert_end(e, t->supervisor, err)) != FD_OK || (s = insert_takeover(t, err)) != FD_OK)
        return s;
    return fd_handover_start_shift(e->d, e->incoming, fd_desk_now(e->d), e->handover_id,
                                   &e->next_shift_id, err);
}

static fd_status check_supervisor(const fd_actor *supervisor, fd_error *err)
{
    if (supervisor && fd_may(supervisor, FD_ACT_HANDOVER_TAKE_OVER))
        return FD_OK;
    return fd_fail(err, FD_DENIED, "supervisor",
                   _("A customer-service manager or an administrator supervises taking an "
                     "abandoned handover over."));
}

fd_status fd_handover_take_over(fd_desk *d, const fd_actor *supervisor, const fd_actor *incoming,
                                int64_t shift_id, const char *reason,
                                const fd_count_confirm *counts, size_t count_n,
                                int64_t *next_shift_id, fd_error *err)
{
    takeover_ctx t = {.e = {.d = d, .outgoing = supervisor, .incoming = incoming, .shift_id = shift_id,
                            .outcome = "signed", .counts = counts, .count_n = count_n},
                      .supervisor = supervisor};
    fd_status s = check_supervisor(supervisor, err);
    if (s == FD_OK && (!incoming || incoming->staff_id <= 0))
        s = fd_fail(err, FD_INVALID, "incoming", _("The incoming duty manager signs with their PIN."));
    if (s == FD_OK && !fd_may(incoming, FD_ACT_HANDOVER_SHIFT))
        s = fd_fail(err, FD_DENIED, "incoming",
                    _("%s is not a duty manager and cannot take the book over."), incoming->name);
    if (s == FD_OK)
        s = fd_handover_text(reason, FD_HANDOVER_LONG_CHARS, true, true, "reason",
                             _("Why the handover is taken over"), &t.e.reason, err);
    if (s == FD_OK)
        s = clean_confirmations(&t.e, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, takeover_txn, &t, err);
    if (s == FD_OK && next_shift_id)
        *next_shift_id = t.e.next_shift_id;
    for (size_t i = 0; t.e.explanations && i < count_n; i++)
        free(t.e.explanations[i]);
    free(t.e.explanations);
    free(t.e.reason);
    return s;
}

typedef struct may_takeover_ctx {
    fd_desk *d;
    const fd_actor *who, *approver;
    int64_t shift_id;
} may_takeover_ctx;

static fd_status may_takeover_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    may_takeover_ctx *m = ctx;
    int64_t holder;
    fd_shift_state state;
    const fd_actor *supervisor = m->approver ? m->approver : m->who;
    const fd_actor *incoming = m->approver ? m->who : NULL;
    return check_takeover(m->d, supervisor, incoming, m->shift_id, &holder, &state, err);
}

fd_status fd_handover_may_take_over(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                                    int64_t shift_id, fd_error *err)
{
    const fd_actor *supervisor = approver ? approver : who;
    fd_status s = check_supervisor(supervisor, err);
    if (s != FD_OK && !approver && fd_may(who, FD_ACT_HANDOVER_SHIFT))
        s = FD_OK; /* a duty manager asks a supervisor to approve in place */
    if (s != FD_OK)
        return s;
    may_takeover_ctx m = {d, who, approver, shift_id};
    return fd_store_read(d->store, may_takeover_txn, &m, err);
}
