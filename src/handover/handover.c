/* The duty handover book: names and labels, the follow-up machine, opening a shift,
 * writing and correcting entries, and progress on follow-ups. Handing over is in
 * handover_pass.c, the views in handover_read.c. See include/frontdesk/handover.h. */
#include "frontdesk/handover.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/validate.h"
#include "handover/handover_internal.h"

/* ---- names and labels ---- */

static const struct {
    const char *name, *label;
} shift_states[] = {
#define FD_ROW(id, name, label) {name, label},
    FD_SHIFT_STATE_LIST(FD_ROW)
}, followup_states[] = {
    FD_FOLLOWUP_STATE_LIST(FD_ROW)
}, entry_kinds[] = {
    FD_ENTRY_KIND_LIST(FD_ROW)
}, follow_marks[] = {
    {NULL, ""},
    FD_FOLLOW_MARK_LIST(FD_ROW)
#undef FD_ROW
};

static const char *const entry_fields[] = {
#define FD_ROW(id, name) name,
    FD_ENTRY_FIELD_LIST(FD_ROW)
#undef FD_ROW
};

const char *fd_shift_state_name(fd_shift_state s) { return shift_states[s].name; }
const char *fd_shift_state_label(fd_shift_state s) { return _(shift_states[s].label); }
const char *fd_followup_state_name(fd_followup_state s) { return followup_states[s].name; }
const char *fd_followup_state_label(fd_followup_state s) { return _(followup_states[s].label); }
const char *fd_entry_kind_name(fd_entry_kind k) { return entry_kinds[k].name; }
const char *fd_entry_kind_label(fd_entry_kind k) { return _(entry_kinds[k].label); }
const char *fd_entry_field_name(fd_entry_field f) { return entry_fields[f]; }

const char *fd_follow_mark_name(fd_follow_mark m) { return follow_marks[m].name; }

const char *fd_follow_mark_label(fd_follow_mark m)
{
    return m == FD_FOLLOW_NONE ? "" : _(follow_marks[m].label);
}

bool fd_entry_kind_parse(const char *name, fd_entry_kind *out)
{
    for (int k = 0; k < FD_ENTRY_KIND_COUNT; k++)
        if (name && strcmp(name, entry_kinds[k].name) == 0)
            return *out = (fd_entry_kind)k, true;
    return false;
}

bool fd_entry_field_parse(const char *name, fd_entry_field *out)
{
    for (int f = 0; f < FD_ENTRY_FIELD_COUNT; f++)
        if (name && strcmp(name, entry_fields[f]) == 0)
            return *out = (fd_entry_field)f, true;
    return false;
}

fd_followup_state fd_followup_state_parse(const char *name)
{
    for (int s = 0; s < FD_FOLLOWUP_STATE_COUNT; s++)
        if (name && strcmp(name, followup_states[s].name) == 0)
            return (fd_followup_state)s;
    return FD_FOLLOWUP_OPEN;
}

fd_shift_state fd_shift_state_parse(const char *name)
{
    for (int s = 0; s < FD_SHIFT_STATE_COUNT; s++)
        if (name && strcmp(name, shift_states[s].name) == 0)
            return (fd_shift_state)s;
    return FD_SHIFT_OPEN;
}

/* ---- which fields a kind has (总值交接班 §3) ---- */

#define KIND_BIT(k) (1u << FD_ENTRY_##k)
#define ALL_KINDS ((1u << FD_ENTRY_KIND_COUNT) - 1)
#define GIVEN_KINDS (KIND_BIT(MEMO) | KIND_BIT(INSTRUCTION) | KIND_BIT(LEADERSHIP))
#define REPORTED_KINDS (KIND_BIT(INSTRUCTION) | KIND_BIT(LEADERSHIP))

/* Per field: the kinds that have it, whether it is a long text, and the kinds that
 * require it. */
static const struct {
    unsigned kinds;
    bool long_text;
    unsigned required;
} field_rules[FD_ENTRY_FIELD_COUNT] = {
    [FD_ENTRY_FIELD_CONTENT] = {ALL_KINDS, true, ALL_KINDS},
    [FD_ENTRY_FIELD_REPORTER] = {KIND_BIT(INCIDENT), false, KIND_BIT(INCIDENT)},
    [FD_ENTRY_FIELD_GIVEN_BY] = {GIVEN_KINDS, false, GIVEN_KINDS},
    [FD_ENTRY_FIELD_RELAYED_TO] = {GIVEN_KINDS, false, 0},
    [FD_ENTRY_FIELD_HANDLING] = {KIND_BIT(DUTY) | KIND_BIT(INCIDENT), true, 0},
    [FD_ENTRY_FIELD_SUPERIOR] = {KIND_BIT(INCIDENT), false, 0},
    [FD_ENTRY_FIELD_RESULT] = {ALL_KINDS, true, 0},
    [FD_ENTRY_FIELD_FOLLOW_UP] = {ALL_KINDS, true, 0},
    [FD_ENTRY_FIELD_REPORTED_TO] = {REPORTED_KINDS, false, 0},
    [FD_ENTRY_FIELD_NOTE] = {ALL_KINDS, true, ALL_KINDS},
};

bool fd_entry_field_applies(fd_entry_kind k, fd_entry_field f)
{
    return (unsigned)k < FD_ENTRY_KIND_COUNT && (unsigned)f < FD_ENTRY_FIELD_COUNT &&
           (field_rules[f].kinds & (1u << k)) != 0;
}

bool fd_entry_field_required(fd_entry_kind k, fd_entry_field f)
{
    return fd_entry_field_applies(k, f) && (field_rules[f].required & (1u << k)) != 0;
}

const char *fd_entry_field_label(fd_entry_kind k, fd_entry_field f)
{
    bool given = (GIVEN_KINDS & (1u << k)) != 0;
    switch (f) {
    case FD_ENTRY_FIELD_CONTENT:
        return k == FD_ENTRY_DUTY ? _("Item") : k == FD_ENTRY_INCIDENT ? _("What happened") : _("Work given");
    case FD_ENTRY_FIELD_REPORTER: return _("Reported by");
    case FD_ENTRY_FIELD_GIVEN_BY: return k == FD_ENTRY_MEMO ? _("Given by") : _("Instructed by");
    case FD_ENTRY_FIELD_RELAYED_TO: return _("Relayed to");
    case FD_ENTRY_FIELD_HANDLING: return k == FD_ENTRY_DUTY ? _("Handling") : _("Course of handling");
    case FD_ENTRY_FIELD_SUPERIOR: return _("Superior informed");
    case FD_ENTRY_FIELD_RESULT: return given ? _("Completion") : _("Result");
    case FD_ENTRY_FIELD_FOLLOW_UP: return _("Follow-up");
    case FD_ENTRY_FIELD_REPORTED_TO: return _("Reported back to");
    case FD_ENTRY_FIELD_NOTE: return _("Later note");
    default: return "";
    }
}

const char *fd_entry_time_label(fd_entry_kind k)
{
    return k == FD_ENTRY_DUTY ? _("Time") : k == FD_ENTRY_INCIDENT ? _("Time reported") : _("Time given");
}

/* ---- checking text ---- */

/* Decodes one UTF-8 character of at most n bytes; false when malformed: where an
 * excerpt stops. */
static bool decode_utf8(const unsigned char *p, size_t n, uint32_t *cp, size_t *len)
{
    static const uint32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t l = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3
             : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (l == 0 || l > n)
        return false;
    uint32_t c = l == 1 ? p[0] : p[0] & (0x7Fu >> l);
    for (size_t i = 1; i < l; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return false;
        c = c << 6 | (p[i] & 0x3F);
    }
    if (c < shortest[l] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return false;
    *cp = c;
    *len = l;
    return true;
}

fd_status fd_handover_text(const char *text, size_t max_chars, bool multiline, bool required,
                           const char *field, const char *label, char **out, fd_error *err)
{
    *out = NULL;
    const char *start = text ? text : "";
    while (*start && isspace((unsigned char)*start))
        start++;
    size_t n = strlen(start);
    while (n > 0 && isspace((unsigned char)start[n - 1]))
        n--;
    if (n == 0)
        return required ? fd_fail(err, FD_INVALID, field, _("Fill in %s."), label) : FD_OK;
    /* The book is printed: no control characters, but a long text may run over lines. */
    size_t chars;
    if (!fd_validate_text(start, n, multiline, &chars))
        return fd_fail(err, FD_INVALID, field, _("%s contains characters that cannot be printed."),
                       label);
    if (chars > max_chars)
        return fd_fail(err, FD_INVALID, field, _("%s is too long: at most %zu characters."),
                       label, max_chars);
    *out = fd_alloc(n + 1);
    memcpy(*out, start, n);
    return FD_OK;
}

void fd_handover_excerpt(const char *text, char out[FD_HANDOVER_EXCERPT])
{
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    size_t n = 0, chars = 0;
    while (p[n] && chars < FD_HANDOVER_EXCERPT_CHARS) {
        uint32_t cp;
        size_t len;
        if (!decode_utf8(p + n, strlen((const char *)p + n), &cp, &len))
            break;
        n += len;
        chars++;
    }
    memcpy(out, p, n);
    strcpy(out + n, p[n] ? "…" : "");
}

static fd_status field_text(fd_entry_kind k, fd_entry_field f, const char *value, bool required,
                            char **out, fd_error *err)
{
    return fd_handover_text(value, field_rules[f].long_text ? FD_HANDOVER_LONG_CHARS
                                                            : FD_HANDOVER_SHORT_CHARS,
                            field_rules[f].long_text, required, entry_fields[f],
                            fd_entry_field_label(k, f), out, err);
}

/* ---- shifts ---- */

fd_status fd_handover_shift_state(fd_desk *d, int64_t shift_id, fd_shift_state *out, fd_error *err)
{
    char state[FD_STATE_MAX];
    fd_status s = fd_machine_state(d, &fd_shift_machine, shift_id, state, err);
    if (s != FD_OK)
        return s;
    if (!*state)
        return fd_fail(err, FD_NOT_FOUND, "shift", _("There is no shift %lld."), (long long)shift_id);
    *out = fd_shift_state_parse(state);
    return FD_OK;
}

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

fd_status fd_handover_holder(fd_desk *d, int64_t shift_id, int64_t *manager_id, fd_time *start_at,
                             fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_SHIFT_BASICS);
    fd_bind_int(st, ":id", shift_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK && manager_id)
        *manager_id = fd_col_int(st, FD_COL_HO_SHIFT_BASICS_MANAGER_ID);
    if (s == FD_OK && start_at)
        *start_at = fd_col_int(st, FD_COL_HO_SHIFT_BASICS_START_AT);
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND
               ? fd_fail(err, FD_NOT_FOUND, "shift", _("There is no shift %lld."), (long long)shift_id)
               : s;
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
    if (!p || !(REPORTED_KINDS & (1u << p->kind)))
        return FD_OK;
    if (!p->reported_to)
        return fd_fail(err, FD_INVALID, "reported_to",
                       _("A finished instruction is reported back: say to whom, and when."));
    if (!p->form->reported_at)
        return fd_fail(err, FD_INVALID, "reported_at", _("Say when it was reported back."));
    return check_reported_at(d, p->form->reported_at, p->entry_at, err);
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
    for (int s = 0; s < FD_FOLLOWUP_STATE_COUNT; s++)
        if (strcmp(state, followup_states[s].name) == 0)
            return _(followup_states[s].label);
    return NULL;
}

const fd_machine fd_followup_machine = {
    FD_FOLLOWUP_KIND, followup_rows, sizeof followup_rows / sizeof followup_rows[0], followup_label,
};

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
                s = fd_fail(err, FD_INVALID, entry_fields[f], _("A %s has no field \"%s\"."),
                            fd_entry_kind_label(w->kind), entry_fields[f]);
            continue;
        }
        s = field_text(w->kind, (fd_entry_field)f, value, fd_entry_field_required(w->kind, (fd_entry_field)f),
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
    if (reported != (w->reported_at != 0))
        return fd_fail(err, FD_INVALID, reported ? "reported_at" : "reported_to",
                       _("Say both to whom it was reported back and when."));
    fd_status s;
    if (reported && (s = check_reported_at(w->d, w->reported_at, w->at, err)) != FD_OK)
        return s;
    if (!(REPORTED_KINDS & (1u << w->kind)) || w->mark != FD_FOLLOW_NONE)
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
    fd_bind_text(st, ":kind", entry_kinds[w->kind].name);
    fd_bind_int(st, ":at", w->at);
    for (int f = 0; f < FD_ENTRY_FIELD_COUNT; f++) {
        if (f == FD_ENTRY_FIELD_NOTE)
            continue;
        char param[32];
        snprintf(param, sizeof param, ":%s", entry_fields[f]);
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

static fd_status write_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    write_ctx *w = ctx;
    fd_time start;
    fd_status s;
    if ((s = require_open(w->d, w->shift_id, err)) != FD_OK ||
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
                       fd_entry_kind_label(b->kind), entry_fields[c->field]);
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
        (s = field_text(b.kind, c->field, c->raw, fd_entry_field_required(b.kind, c->field), &value, err)) != FD_OK)
        return s;
    s = fd_correct(c->d, c->who, "shift_entry", c->entry_id, entry_fields[c->field],
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
        fd_bind_int(st, ":reported_at", f->reported_at);
    else
        fd_bind_null(st, ":reported_at");
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    return fd_audit_row(p->d, p->who, "handover.progress", FD_TABLE_shift_progress,
                        fd_store_last_id(p->d->store), err);
}

static fd_status progress_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    progress_ctx *p = ctx;
    entry_basics b;
    fd_status s;
    if ((s = require_open(p->d, p->form->shift_id, err)) != FD_OK ||
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
    progress_ctx p = {.d = d, .who = who, .form = form};
    fd_status s = fd_handover_text(form->note, FD_HANDOVER_LONG_CHARS, true, true, "note",
                                   form->done ? _("Completion") : _("Progress"), &p.note, err);
    if (s == FD_OK)
        s = fd_handover_text(form->reported_to, FD_HANDOVER_SHORT_CHARS, false, false, "reported_to",
                             _("Reported back to"), &p.reported_to, err);
    if (s == FD_OK && p.reported_to && !form->done)
        s = fd_fail(err, FD_INVALID, "reported_to", _("Only finished work is reported back."));
    if (s == FD_OK && (p.reported_to != NULL) != (form->reported_at != 0))
        s = fd_fail(err, FD_INVALID, p.reported_to ? "reported_at" : "reported_to",
                    _("Say both to whom it was reported back and when."));
    if (s == FD_OK)
        s = fd_store_write(d->store, progress_txn, &p, err);
    free(p.note);
    free(p.reported_to);
    return s;
}
