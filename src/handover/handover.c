/* The duty handover book: the follow-up machine, opening a shift,
 * writing and correcting entries, and progress on follow-ups. Handing over is in
 * handover_pass.c, the views in handover_read.c, names and labels in handover_names.c,
 * the shift as the others read it in handover_shift.c. See include/frontdesk/handover.h. */
#include "frontdesk/handover.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/validate.h"
#include "handover/handover_internal.h"

/* ---- shifts ---- */

/* FD_OK when the shift is open for writing, else FD_STATE saying why not. */
static fd_status require_open(fd_desk *d, int64_t shift_id, fd_error *err)
{
    fd_shift_state state;
    fd_status s = fd_handover_shift_state(d, shift_id, &state, err);
    if (s != FD_OK || state == FD_SHIFT_OPEN)
        return s;
    if (state == FD_SHIFT_HANDING_OVER)
        return fd_fail(err, FD_STATE, "shift",
                       _("The shift is being handed over: take the handover back to write more."));
    return fd_fail(err, FD_STATE, "shift",
                   _("This shift has been handed over and is closed: its entries can only be "
                     "corrected now."));
}

fd_status fd_handover_start_shift(fd_desk *d, const fd_actor *manager, fd_time start,
                                  int64_t handover_id, int64_t *shift_id, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_SHIFT_INSERT);
    fd_bind_int(st, ":manager_id", manager->staff_id);
    fd_bind_int(st, ":start_at", start);
    if (handover_id)
        fd_bind_int(st, ":handover_id", handover_id);
    else
        fd_bind_null(st, ":handover_id");
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", manager->staff_id);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    *shift_id = fd_store_last_id(d->store);
    if ((s = fd_audit_row(d, manager, "handover.shift", FD_TABLE_shift, *shift_id, err)) != FD_OK)
        return s;
    fd_fire fire = {.actor = manager};
    return fd_machine_fire(d, &fd_shift_machine, *shift_id, "open", &fire, NULL, err);
}

typedef struct open_ctx {
    fd_desk *d;
    const fd_actor *who;
    fd_time start;
    int64_t id;
} open_ctx;

static fd_status refuse_book_in_hand(fd_desk *d, int64_t shift_id, fd_error *err)
{
    fd_shift shift;
    fd_status s = fd_shift_get(d, shift_id, &shift, err);
    if (s != FD_OK)
        return s;
    char since[FD_TIME_TEXT];
    fd_time_format(shift.start_at, since);
    return fd_fail(err, FD_STATE, NULL,
                   _("The book is with %s since %s: it passes on only by handover."),
                   shift.manager, since);
}

/* A new shift starts after the last one. */
static fd_status check_start(fd_desk *d, fd_time start, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_SHIFT_LATEST);
    fd_status s = fd_step_row(st, err);
    fd_time last = 0;
    if (s == FD_OK)
        last = fd_col_null(st, FD_COL_HO_SHIFT_LATEST_SIGNED_AT) ? fd_col_int(st, FD_COL_HO_SHIFT_LATEST_START_AT) : fd_col_int(st, FD_COL_HO_SHIFT_LATEST_SIGNED_AT);
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND || (s == FD_OK && start >= last))
        return FD_OK;
    if (s != FD_OK)
        return s;
    char text[FD_TIME_TEXT];
    fd_time_format(last, text);
    return fd_fail(err, FD_INVALID, "start",
                   _("A new shift cannot start before the last one ended (%s)."), text);
}

static fd_status open_txn(fd_store *store, void *ctx, fd_error *err)
{
    open_ctx *o = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_HO_SHIFT_IN_HAND);
    fd_status s = fd_step_row(st, err);
    int64_t in_hand = s == FD_OK ? fd_col_int(st, FD_COL_HO_SHIFT_IN_HAND_ENTITY_ID) : 0;
    fd_stmt_reset(st);
    if (s == FD_OK)
        return refuse_book_in_hand(o->d, in_hand, err);
    if (s != FD_NOT_FOUND || (s = check_start(o->d, o->start, err)) != FD_OK)
        return s;
    return fd_handover_start_shift(o->d, o->who, o->start, 0, &o->id, err);
}

fd_status fd_shift_open(fd_desk *d, const fd_actor *who, fd_time start, int64_t *shift_id,
                        fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_SHIFT))
        return fd_fail(err, FD_DENIED, NULL, _("Only a duty manager opens the handover book."));
    fd_time now = fd_desk_now(d);
    if (start > now)
        return fd_fail(err, FD_INVALID, "start", _("A shift cannot start in the future."));
    open_ctx o = {d, who, start ? start : now, 0};
    fd_status s = fd_store_write(d->store, open_txn, &o, err);
    if (s == FD_OK && shift_id)
        *shift_id = o.id;
    return s;
}

/* ---- the follow-up machine ---- */

typedef struct progress_ctx {
    fd_desk *d;
    const fd_actor *who;
    const fd_progress_form *form;
    char *note, *reported_to;
    fd_time at, reported_at; /* the form's, blank made now */
    fd_entry_kind kind;
    fd_time entry_at;
} progress_ctx;

static fd_status check_reported_at(fd_desk *d, fd_time at, fd_time not_before, fd_error *err)
{
    if (at > fd_desk_now(d))
        return fd_fail(err, FD_INVALID, "reported_at", _("The time reported back cannot be in the future."));
    if (at < not_before)
        return fd_fail(err, FD_INVALID, "reported_at",
                       _("The time reported back cannot be before the instruction was given."));
    return FD_OK;
}

/* 总值交接班 §7: a finished instruction is answered to whoever gave it, at once, and
 * the book says to whom and when. */
static fd_status reported_back(fd_desk *d, const fd_fire *fire, int64_t entry_id, fd_error *err)
{
    (void)entry_id;
    const progress_ctx *p = fire->guard_ctx;
    /* A screen asking what to offer has no form yet: the report-back is asked for then. */
    if (!p || !fd_entry_kind_reports_back(p->kind))
        return FD_OK;
    if (!p->reported_to)
        return fd_fail(err, FD_INVALID, "reported_to",
                       _("A finished instruction is reported back: say to whom, and when."));
    return check_reported_at(d, p->reported_at, p->entry_at, err);
}

static const fd_transition followup_rows[] = {
    {NULL, "flag", "open", FD_ACT_HANDOVER_LOG, NULL},
    {"open", "progress", "progress", FD_ACT_HANDOVER_FOLLOW, NULL},
    {"progress", "progress", "progress", FD_ACT_HANDOVER_FOLLOW, NULL},
    {"open", "done", "done", FD_ACT_HANDOVER_FOLLOW, reported_back},
    {"progress", "done", "done", FD_ACT_HANDOVER_FOLLOW, reported_back},
};

static const char *followup_label(const char *state)
{
    return fd_followup_state_label(fd_followup_state_parse(state));
}

const fd_machine fd_followup_machine = {
    FD_FOLLOWUP_KIND, followup_rows, sizeof followup_rows / sizeof followup_rows[0], followup_label,
};

fd_status fd_followup_may(fd_desk *d, int64_t entry_id, fd_followup_state state,
                          fd_followup_step step, const fd_actor *who, const fd_actor *approver)
{
    static const char *const events[FD_FOLLOWUP_STEP_COUNT] = {
        [FD_FOLLOWUP_STEP_PROGRESS] = "progress",
        [FD_FOLLOWUP_STEP_DONE] = "done",
    };
    return fd_machine_may(d, &fd_followup_machine, entry_id, fd_followup_state_name(state),
                          events[step], who, approver);
}

/* ---- writing an entry ---- */

typedef struct write_ctx {
    fd_desk *d;
    const fd_actor *who;
    int64_t shift_id;
    fd_entry_kind kind;
    fd_time at, reported_at;
    fd_follow_mark mark;
    char *text[FD_ENTRY_FIELD_COUNT];
    int64_t id;
} write_ctx;

static const char *form_value(const fd_entry_form *f, fd_entry_field field)
{
    switch (field) {
    case FD_ENTRY_FIELD_CONTENT: return f->content;
    case FD_ENTRY_FIELD_REPORTER: return f->reporter;
    case FD_ENTRY_FIELD_GIVEN_BY: return f->given_by;
    case FD_ENTRY_FIELD_RELAYED_TO: return f->relayed_to;
    case FD_ENTRY_FIELD_HANDLING: return f->handling;
    case FD_ENTRY_FIELD_SUPERIOR: return f->superior;
    case FD_ENTRY_FIELD_RESULT: return f->result;
    case FD_ENTRY_FIELD_FOLLOW_UP: return f->follow_up;
    case FD_ENTRY_FIELD_REPORTED_TO: return f->reported_to;
    default: return NULL;
    }
}

static void write_ctx_free(write_ctx *w)
{
    for (int f = 0; f < FD_ENTRY_FIELD_COUNT; f++)
        FD_FREE(w->text[f]);
}

/* A field the kind does not have must stay empty: nothing typed is silently dropped. */
static fd_status check_fields(const fd_entry_form *form, write_ctx *w, fd_error *err)
{
    fd_status s = FD_OK;
    for (int f = 0; s == FD_OK && f < FD_ENTRY_FIELD_COUNT; f++) {
        if (f == FD_ENTRY_FIELD_NOTE)
            continue;
        const char *value = form_value(form, (fd_entry_field)f);
        if (!fd_entry_field_applies(w->kind, (fd_entry_field)f)) {
            if (value && *value)
                s = fd_fail(err, FD_INVALID, fd_entry_field_name((fd_entry_field)f), _("A %s has no field \"%s\"."),
                            fd_entry_kind_label(w->kind), fd_entry_field_name((fd_entry_field)f));
            continue;
        }
        s = fd_handover_field_text(w->kind, (fd_entry_field)f, value, fd_entry_field_required(w->kind, (fd_entry_field)f),
                       &w->text[f], err);
    }
    return s;
}

static fd_status check_follow_up(write_ctx *w, fd_error *err)
{
    char **follow = &w->text[FD_ENTRY_FIELD_FOLLOW_UP];
    if (w->mark != FD_FOLLOW_NONE && !*follow)
        return fd_fail(err, FD_INVALID, "follow_up",
                       _("Say what the next shift is to follow up or supervise."));
    if (w->mark == FD_FOLLOW_NONE && *follow)
        return fd_fail(err, FD_INVALID, "mark",
                       _("Mark the follow-up \"please continue to follow up\" or \"please "
                         "continue to supervise\", so the next shift sees it."));
    return FD_OK;
}

/* An instruction written without a mark is finished within the shift (总值交接班 §5,
 * §7): its completion and whom it was reported back to are part of it. */
static fd_status check_finished(write_ctx *w, fd_error *err)
{
    bool reported = w->text[FD_ENTRY_FIELD_REPORTED_TO] != NULL;
    /* A reply time left blank is now, as everywhere else. */
    if (reported && !w->reported_at)
        w->reported_at = fd_desk_now(w->d);
    if (!reported && w->reported_at)
        return fd_fail(err, FD_INVALID, "reported_to",
                       _("Say both to whom it was reported back and when."));
    fd_status s;
    if (reported && (s = check_reported_at(w->d, w->reported_at, w->at, err)) != FD_OK)
        return s;
    if (!fd_entry_kind_reports_back(w->kind) || w->mark != FD_FOLLOW_NONE)
        return FD_OK;
    if (!w->text[FD_ENTRY_FIELD_RESULT])
        return fd_fail(err, FD_INVALID, "result",
                       _("Describe its completion, or mark it for the next shift to follow up."));
    if (!reported)
        return fd_fail(err, FD_INVALID, "reported_to",
                       _("A finished instruction is reported back at once: say to whom and "
                         "when, or mark it for the next shift to follow up."));
    return FD_OK;
}

static fd_status check_time(write_ctx *w, fd_time shift_start, fd_error *err)
{
    if (w->at > fd_desk_now(w->d))
        return fd_fail(err, FD_INVALID, "at", _("%s cannot be in the future."),
                       fd_entry_time_label(w->kind));
    /* Memos and instructions may have been given before the shift began; what the
     * shift did and what happened to it, not. */
    if ((w->kind == FD_ENTRY_DUTY || w->kind == FD_ENTRY_INCIDENT) && w->at < shift_start) {
        char text[FD_TIME_TEXT];
        fd_time_format(shift_start, text);
        return fd_fail(err, FD_INVALID, "at", _("%s cannot be before the shift began (%s)."),
                       fd_entry_time_label(w->kind), text);
    }
    return FD_OK;
}

static fd_status insert_entry(write_ctx *w, fd_error *err)
{
    fd_stmt *st = fd_sql(w->d->store, FD_SQL_HO_ENTRY_INSERT);
    fd_bind_int(st, ":shift_id", w->shift_id);
    fd_bind_text(st, ":kind", fd_entry_kind_name(w->kind));
    fd_bind_int(st, ":at", w->at);
    for (int f = 0; f < FD_ENTRY_FIELD_COUNT; f++) {
        if (f == FD_ENTRY_FIELD_NOTE)
            continue;
        char param[32];
        snprintf(param, sizeof param, ":%s", fd_entry_field_name((fd_entry_field)f));
        fd_bind_text(st, param, w->text[f]);
    }
    fd_bind_text(st, ":follow_mark", fd_follow_mark_name(w->mark));
    if (w->reported_at)
        fd_bind_int(st, ":reported_at", w->reported_at);
    else
        fd_bind_null(st, ":reported_at");
    fd_bind_int(st, ":recorded_at", fd_desk_now(w->d));
    fd_bind_int(st, ":staff_id", w->who->staff_id);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    w->id = fd_store_last_id(w->d->store);
    return fd_audit_row(w->d, w->who, "handover.write", FD_TABLE_shift_entry, w->id, err);
}

static fd_status index_entry(write_ctx *w, fd_error *err)
{
    const char *texts[FD_ENTRY_FIELD_COUNT + 1];
    size_t n = 0;
    for (int f = 0; f < FD_ENTRY_FIELD_COUNT; f++)
        if (w->text[f])
            texts[n++] = w->text[f];
    texts[n++] = w->who->name;
    return fd_handover_index_entry(w->d, w->id, texts, n, err);
}

/* A shift handing over is written in again only once its holder takes it back; anyone
 * else writes in the next shift. */
static fd_status check_writable(fd_desk *d, const fd_actor *who, int64_t shift_id, fd_error *err)
{
    fd_shift shift;
    fd_status s = fd_handover_shift_get(d->store, shift_id, &shift, err);
    if (s != FD_OK || shift.state != FD_SHIFT_HANDING_OVER || shift.manager_id == who->staff_id)
        return s == FD_OK ? require_open(d, shift_id, err) : s;
    return fd_fail(err, FD_STATE, "shift",
                   _("%s is handing the book over: write in it once the next shift has it."),
                   shift.manager);
}

static fd_status write_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    write_ctx *w = ctx;
    fd_time start;
    fd_status s;
    if ((s = check_writable(w->d, w->who, w->shift_id, err)) != FD_OK ||
        (s = fd_handover_holder(w->d, w->shift_id, NULL, &start, err)) != FD_OK ||
        (s = check_time(w, start, err)) != FD_OK || (s = check_finished(w, err)) != FD_OK ||
        (s = insert_entry(w, err)) != FD_OK || (s = index_entry(w, err)) != FD_OK)
        return s;
    if (w->mark == FD_FOLLOW_NONE)
        return FD_OK;
    fd_fire fire = {.actor = w->who};
    return fd_machine_fire(w->d, &fd_followup_machine, w->id, "flag", &fire, NULL, err);
}

static fd_status may_write(const fd_actor *who, fd_entry_kind kind, fd_error *err)
{
    bool log = kind == FD_ENTRY_DUTY || kind == FD_ENTRY_INCIDENT;
    if (fd_may(who, log ? FD_ACT_HANDOVER_LOG : FD_ACT_HANDOVER_WRITE))
        return FD_OK;
    return fd_fail(err, FD_DENIED, "kind",
                   log ? _("Only desk staff write the duty log.")
                       : _("Only a duty manager records memos and instructions."));
}

typedef struct may_write_ctx {
    fd_desk *d;
    const fd_actor *who;
    int64_t shift_id;
} may_write_ctx;

static fd_status may_write_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    may_write_ctx *m = ctx;
    return check_writable(m->d, m->who, m->shift_id, err);
}

fd_status fd_handover_may_write(fd_desk *d, const fd_actor *who, int64_t shift_id,
                                fd_entry_kind kind, fd_error *err)
{
    if ((unsigned)kind >= FD_ENTRY_KIND_COUNT)
        return fd_fail(err, FD_INVALID, "kind", _("Choose the kind of entry."));
    fd_status s = may_write(who, kind, err);
    if (s != FD_OK)
        return s;
    may_write_ctx m = {d, who, shift_id};
    return fd_store_read(d->store, may_write_txn, &m, err);
}

fd_status fd_handover_write(fd_desk *d, const fd_actor *who, int64_t shift_id,
                            const fd_entry_form *form, int64_t *entry_id, fd_error *err)
{
    if ((unsigned)form->kind >= FD_ENTRY_KIND_COUNT)
        return fd_fail(err, FD_INVALID, "kind", _("Choose the kind of entry."));
    if ((unsigned)form->mark >= FD_FOLLOW_MARK_COUNT)
        return fd_fail(err, FD_INVALID, "mark", _("Choose a follow-up mark, or none."));
    fd_status s = may_write(who, form->kind, err);
    if (s != FD_OK)
        return s;
    write_ctx w = {
        .d = d, .who = who, .shift_id = shift_id, .kind = form->kind,
        .at = form->at ? form->at : fd_desk_now(d), .reported_at = form->reported_at,
        .mark = form->mark,
    };
    if ((s = check_fields(form, &w, err)) == FD_OK && (s = check_follow_up(&w, err)) == FD_OK)
        s = fd_store_write(d->store, write_txn, &w, err);
    if (s == FD_OK && entry_id)
        *entry_id = w.id;
    write_ctx_free(&w);
    return s;
}

/* ---- what the rules about an existing entry need ---- */

typedef struct entry_basics {
    int64_t shift_id, author;
    fd_entry_kind kind;
    bool marked;
    fd_time at;
} entry_basics;

static fd_status read_basics(fd_desk *d, int64_t entry_id, entry_basics *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_ENTRY_BASICS);
    fd_bind_int(st, ":id", entry_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        out->shift_id = fd_col_int(st, FD_COL_HO_ENTRY_BASICS_SHIFT_ID);
        fd_entry_kind_parse(fd_col_text(st, FD_COL_HO_ENTRY_BASICS_KIND), &out->kind);
        out->author = fd_col_int(st, FD_COL_HO_ENTRY_BASICS_STAFF_ID);
        out->marked = !fd_col_null(st, FD_COL_HO_ENTRY_BASICS_FOLLOW_MARK);
        out->at = fd_col_int(st, FD_COL_HO_ENTRY_BASICS_AT);
    }
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND
               ? fd_fail(err, FD_NOT_FOUND, "entry", _("There is no entry %lld in the book."),
                         (long long)entry_id)
               : s;
}

/* ---- corrections and later notes ---- */

typedef struct correct_ctx {
    fd_desk *d;
    const fd_actor *who;
    int64_t entry_id;
    fd_entry_field field;
    const char *raw, *reason;
} correct_ctx;

static fd_status may_correct(const correct_ctx *c, const entry_basics *b, fd_error *err)
{
    if (b->author == c->who->staff_id || fd_may(c->who, FD_ACT_HANDOVER_WRITE))
        return FD_OK;
    return fd_fail(err, FD_DENIED, NULL,
                   _("Only the entry's author or a duty manager may correct it."));
}

static fd_status check_correctable(const correct_ctx *c, const entry_basics *b, fd_error *err)
{
    if (!fd_entry_field_applies(b->kind, c->field))
        return fd_fail(err, FD_INVALID, "field", _("A %s has no field \"%s\"."),
                       fd_entry_kind_label(b->kind), fd_entry_field_name((fd_entry_field)c->field));
    if (c->field == FD_ENTRY_FIELD_FOLLOW_UP && !b->marked)
        return fd_fail(err, FD_INVALID, "field",
                       _("This entry was not marked for follow-up: add a later note instead."));
    return FD_OK;
}

static fd_status correct_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    correct_ctx *c = ctx;
    entry_basics b;
    char *value = NULL;
    int64_t correction_id;
    fd_status s;
    if ((s = read_basics(c->d, c->entry_id, &b, err)) != FD_OK || (s = may_correct(c, &b, err)) != FD_OK ||
        (s = check_correctable(c, &b, err)) != FD_OK ||
        (s = fd_handover_field_text(b.kind, c->field, c->raw, fd_entry_field_required(b.kind, c->field), &value, err)) != FD_OK)
        return s;
    s = fd_correct(c->d, c->who, "shift_entry", c->entry_id, fd_entry_field_name((fd_entry_field)c->field),
                   value ? value : "", c->reason, &correction_id, err);
    if (s == FD_OK && value)
        s = fd_handover_index_correction(c->d, correction_id, value, err);
    free(value);
    return s;
}

fd_status fd_handover_correct(fd_desk *d, const fd_actor *who, int64_t entry_id,
                              fd_entry_field field, const char *value, const char *reason,
                              fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_CORRECT))
        return fd_fail(err, FD_DENIED, NULL, _("Only desk staff correct the handover book."));
    if ((unsigned)field >= FD_ENTRY_FIELD_COUNT)
        return fd_fail(err, FD_INVALID, "field", _("Choose the field to correct."));
    correct_ctx c = {d, who, entry_id, field, value, reason};
    return fd_store_write(d->store, correct_txn, &c, err);
}

/* ---- progress on follow-ups ---- */

/* The time the progress was made, when it was not made as it was recorded. */
static fd_status insert_progress_time(progress_ctx *p, int64_t progress_id, fd_error *err)
{
    fd_stmt *st = fd_sql(p->d->store, FD_SQL_HO_PROGRESS_TIME_INSERT);
    fd_bind_int(st, ":progress_id", progress_id);
    fd_bind_int(st, ":done_at", p->at);
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s
                      : fd_audit_row(p->d, p->who, "handover.progress_time", FD_TABLE_shift_progress_time,
                                     fd_store_last_id(p->d->store), err);
}

/* Progress is made in the shift recording it: not before it began, not in the future. */
static fd_status check_progress_time(progress_ctx *p, fd_error *err)
{
    fd_time start;
    fd_status s = fd_handover_holder(p->d, p->form->shift_id, NULL, &start, err);
    if (s != FD_OK)
        return s;
    if (p->at > fd_desk_now(p->d))
        return fd_fail(err, FD_INVALID, "at", _("The time cannot be in the future."));
    if (p->at < start) {
        char text[FD_TIME_TEXT];
        fd_time_format(start, text);
        return fd_fail(err, FD_INVALID, "at", _("Progress is recorded in the shift that made it: "
                                                "not before it began (%s)."), text);
    }
    return FD_OK;
}

static fd_status insert_progress(progress_ctx *p, fd_error *err)
{
    const fd_progress_form *f = p->form;
    fd_stmt *st = fd_sql(p->d->store, FD_SQL_HO_PROGRESS_INSERT);
    fd_bind_int(st, ":entry_id", f->entry_id);
    fd_bind_int(st, ":shift_id", f->shift_id);
    fd_bind_text(st, ":note", p->note);
    fd_bind_int(st, ":done", f->done);
    fd_bind_text(st, ":reported_to", p->reported_to);
    if (p->reported_to)
        fd_bind_int(st, ":reported_at", p->reported_at);
    else
        fd_bind_null(st, ":reported_at");
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    fd_status s = fd_exec(st, err);
    int64_t id = fd_store_last_id(p->d->store);
    if (s != FD_OK ||
        (s = fd_audit_row(p->d, p->who, "handover.progress", FD_TABLE_shift_progress, id, err)) != FD_OK)
        return s;
    return p->at == fd_desk_now(p->d) ? FD_OK : insert_progress_time(p, id, err);
}

static fd_status progress_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    progress_ctx *p = ctx;
    entry_basics b;
    fd_status s;
    if ((s = require_open(p->d, p->form->shift_id, err)) != FD_OK ||
        (s = check_progress_time(p, err)) != FD_OK ||
        (s = read_basics(p->d, p->form->entry_id, &b, err)) != FD_OK)
        return s;
    if (!b.marked)
        return fd_fail(err, FD_STATE, "entry", _("This entry was not marked for follow-up."));
    p->kind = b.kind;
    p->entry_at = b.at;
    fd_fire fire = {.actor = p->who, .note = p->note, .guard_ctx = p};
    const char *event = p->form->done ? "done" : "progress";
    if ((s = fd_machine_fire(p->d, &fd_followup_machine, p->form->entry_id, event, &fire, NULL, err)) != FD_OK)
        return s;
    return insert_progress(p, err);
}

fd_status fd_handover_progress(fd_desk *d, const fd_actor *who, const fd_progress_form *form,
                               fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_FOLLOW))
        return fd_fail(err, FD_DENIED, NULL, _("Only a duty manager records the progress of a follow-up."));
    fd_time now = fd_desk_now(d);
    progress_ctx p = {.d = d, .who = who, .form = form, .at = form->at ? form->at : now,
                      .reported_at = form->reported_at ? form->reported_at : now};
    fd_status s = fd_handover_text(form->note, FD_HANDOVER_LONG_CHARS, true, true, "note",
                                   form->done ? _("Completion") : _("Progress"), &p.note, err);
    if (s == FD_OK)
        s = fd_handover_text(form->reported_to, FD_HANDOVER_SHORT_CHARS, false, false, "reported_to",
                             _("Reported back to"), &p.reported_to, err);
    if (s == FD_OK && p.reported_to && !form->done)
        s = fd_fail(err, FD_INVALID, "reported_to", _("Only finished work is reported back."));
    if (s == FD_OK && !p.reported_to && form->reported_at)
        s = fd_fail(err, FD_INVALID, "reported_to", _("Say both to whom it was reported back and when."));
    if (s == FD_OK)
        s = fd_store_write(d->store, progress_txn, &p, err);
    free(p.note);
    free(p.reported_to);
    return s;
}
