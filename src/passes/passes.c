/* Carry-out and carry-in passes: see include/frontdesk/passes.h. A pass is a row of pass,
 * its goods rows of pass_item, and the events of the pass machine; a refusal is its event
 * plus the row with the danger and the reason. A company's authority is a row of
 * pass_authority per record. Nothing is updated but by the privacy purge. */
#include "frontdesk/passes.h"

#include <stdio.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/choice.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "passes/passes_internal.h"
#include "store/stmt.h"

enum { NAME_CHARS = 32, MEASURE_CHARS = 8, REASON_CHARS = 200, DAY_MINUTES = 24 * 60 };

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* ---- choice lists ---- */

static const fd_choice directions[] = {FD_PASS_DIRECTION_LIST(FD_CHOICE_ROW)};
static const fd_choice states[] = {FD_PASS_STATE_LIST(FD_CHOICE_ROW)};
static const fd_choice hazards[] = {FD_PASS_HAZARD_LIST(FD_CHOICE_ROW)};
static const fd_choice authorities[] = {FD_PASS_AUTHORITY_LIST(FD_CHOICE_ROW)};

static const fd_choice_list lists[FD_PASS_LIST_COUNT] = {
    [FD_PASS_LIST_DIRECTION] = FD_CHOICE_LIST(directions),
    [FD_PASS_LIST_STATE] = FD_CHOICE_LIST(states),
    [FD_PASS_LIST_HAZARD] = FD_CHOICE_LIST(hazards),
    [FD_PASS_LIST_AUTHORITY] = FD_CHOICE_LIST(authorities),
};

static const fd_choice_list *list_of(fd_pass_list list)
{
    return fd_choice_pick(lists, FD_PASS_LIST_COUNT, (int)list);
}

static bool in_list(fd_pass_list list, int value)
{
    return fd_choice_valid(list_of(list), value);
}

int fd_pass_choice_count(fd_pass_list list)
{
    return fd_choice_count(list_of(list));
}

const char *fd_pass_choice_name(fd_pass_list list, int value)
{
    return fd_choice_name(list_of(list), value);
}

const char *fd_pass_choice_label(fd_pass_list list, int value)
{
    return fd_choice_label(list_of(list), value);
}

int fd_pass_choice_parse(fd_pass_list list, const char *name)
{
    return fd_choice_parse(list_of(list), name);
}

/* ---- the machine ---- */

static const char *state_label(const char *state)
{
    int s = fd_pass_choice_parse(FD_PASS_LIST_STATE, state);
    return s < 0 ? NULL : fd_pass_choice_label(FD_PASS_LIST_STATE, s);
}

/* The goods pass within the window the pass names (条款五: the desk keeps the moving
 * times it arranged). Before it the goods wait; after it the pass is voided and a new
 * one issued, whose window starts when it is issued. */
static fd_status window_open(fd_desk *d, const pass_window *w, fd_error *err)
{
    fd_time now = fd_desk_now(d);
    if (now < w->from) {
        fd_local from = fd_time_local(w->from);
        if (fd_date_of(w->from) == fd_date_of(now))
            return fd_fail(err, FD_INVALID, "window", _("Not yet time to let it through (from %02d:%02d)."),
                           from.hour, from.minute);
        char day[FD_TIME_TEXT];
        fd_time_format(w->from, day);
        return fd_fail(err, FD_INVALID, "window", _("Not yet time to let it through (from %s)."), day);
    }
    if (now > w->to) {
        fd_local to = fd_time_local(w->to);
        if (fd_date_of(w->to) == fd_date_of(now))
            return fd_fail(err, FD_INVALID, "window",
                           _("The pass's window ended at %02d:%02d: void it and issue a new one."),
                           to.hour, to.minute);
        /* An earlier day's window: its hour alone would read as today's, still to come. */
        char day[FD_TIME_TEXT];
        fd_time_format(w->to, day);
        return fd_fail(err, FD_INVALID, "window",
                       _("The pass's window ended at %s: void it and issue a new one."), day);
    }
    return FD_OK;
}

static fd_status window_guard(fd_desk *d, const fd_fire *fire, int64_t entity_id, fd_error *err)
{
    (void)entity_id;
    const pass_window *w = fire->guard_ctx;
    /* No window: fd_pass_may asking; the window is checked as the step is taken. */
    return w ? window_open(d, w, err) : FD_INVALID;
}

static fd_status reason_guard(fd_desk *d, const fd_fire *fire, int64_t entity_id, fd_error *err)
{
    (void)d;
    (void)entity_id;
    if (fire->note && *fire->note)
        return FD_OK;
    return fd_fail(err, FD_INVALID, "reason", _("Enter the reason."));
}

static const fd_transition transitions[] = {
    {NULL, "issue", "issued", FD_ACT_PASS_ISSUE, NULL},
    {"issued", "pass", "passed", FD_ACT_PASS_CONFIRM, window_guard},
    {"issued", "refuse", "refused", FD_ACT_PASS_CONFIRM, reason_guard},
    {"issued", "void", "voided", FD_ACT_PASS_VOID, reason_guard},
};

const fd_machine fd_pass_machine = {"pass", transitions, COUNT(transitions), state_label};

static const char *const step_events[FD_PASS_STEP_COUNT] = {
    [FD_PASS_STEP_CONFIRM] = "pass",
    [FD_PASS_STEP_REFUSE] = "refuse",
    [FD_PASS_STEP_VOID] = "void",
};

fd_status fd_pass_may(fd_desk *d, int64_t pass_id, fd_pass_state state, fd_pass_step step,
                      const fd_actor *who)
{
    if ((unsigned)step >= FD_PASS_STEP_COUNT)
        return FD_STATE;
    return fd_machine_may(d, &fd_pass_machine, pass_id,
                          fd_pass_choice_name(FD_PASS_LIST_STATE, (int)state), step_events[step],
                          who, NULL);
}

/* ---- checking what is typed ---- */

fd_status pass_clean_text(const char *text, const char *field, size_t max_chars,
                          const char *missing, char *out, size_t size, fd_error *err)
{
    out[0] = '\0';
    size_t n;
    const char *start = text_trim(text ? text : "", false, &n);
    if (n == 0)
        return missing ? fd_fail(err, FD_INVALID, field, "%s", missing) : FD_OK;
    size_t chars;
    if (!fd_validate_text(start, n, false, &chars))
        return fd_fail(err, FD_INVALID, field,
                       _("The text contains characters that cannot be printed."));
    if (chars > max_chars || n >= size)
        return fd_fail(err, FD_INVALID, field, _("The text is too long: at most %zu characters."),
                       max_chars);
    memcpy(out, start, n);
    out[n] = '\0';
    return FD_OK;
}

static fd_status refuse_role(const fd_actor *who, fd_action action, fd_error *err)
{
    return fd_fail(err, FD_DENIED, NULL, _("%s may not do this (%s)."),
                   who ? fd_role_label(who->role) : "?", fd_action_name(action));
}

static fd_status audited(fd_desk *d, const fd_actor *who, const char *action, fd_record_table table,
                         int64_t *row_id, fd_error *err)
{
    int64_t id = fd_store_last_id(d->store);
    if (row_id)
        *row_id = id;
    return fd_audit_row(d, who, action, table, id, err);
}

/* The company of the directory, its unit and its name as they read now. */
fd_status pass_company(fd_desk *d, int64_t company_id, int64_t *unit_id, char *name, size_t size,
                       fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_PASS_COMPANY);
    fd_bind_int(st, ":id", company_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "company", _("Choose a company of the directory."));
    if (s != FD_OK)
        return s;
    if (unit_id)
        *unit_id = fd_col_int(st, FD_COL_PASS_COMPANY_UNIT_ID);
    if (name)
        snprintf(name, size, "%s", fd_col_text(st, FD_COL_PASS_COMPANY_NAME));
    fd_stmt_reset(st);
    return FD_OK;
}

/* ---- a company's authority ---- */

/* A row of pass_authority_row. */
void pass_authority_of(fd_stmt *st, fd_pass_authority *a)
{
    const char *signer = fd_col_text(st, FD_COL_PASS_AUTHORITY_ROW_SIGNER);
    const char *reason = fd_col_text(st, FD_COL_PASS_AUTHORITY_ROW_REASON);
    int kind = fd_pass_choice_parse(FD_PASS_LIST_AUTHORITY, fd_col_text(st, FD_COL_PASS_AUTHORITY_ROW_KIND));
    *a = (fd_pass_authority){
        .id = fd_col_int(st, FD_COL_PASS_AUTHORITY_ROW_ID),
        .company_id = fd_col_int(st, FD_COL_PASS_AUTHORITY_ROW_COMPANY_ID),
        .kind = kind < 0 ? FD_AUTHORITY_NONE : (fd_pass_authority_kind)kind,
        .valid_until = (fd_date)fd_col_int(st, FD_COL_PASS_AUTHORITY_ROW_VALID_UNTIL),
        .at = fd_col_int(st, FD_COL_PASS_AUTHORITY_ROW_AT),
    };
    snprintf(a->signer, sizeof a->signer, "%s", signer ? signer : "");
    snprintf(a->reason, sizeof a->reason, "%s", reason ? reason : "");
    snprintf(a->staff, sizeof a->staff, "%s", fd_col_text(st, FD_COL_PASS_AUTHORITY_ROW_STAFF));
    const char *by = fd_col_text(st, FD_COL_PASS_AUTHORITY_ROW_REPLACED_BY);
    const char *why = fd_col_text(st, FD_COL_PASS_AUTHORITY_ROW_REPLACED_REASON);
    a->replaced_at = fd_col_int(st, FD_COL_PASS_AUTHORITY_ROW_REPLACED_AT);
    snprintf(a->replaced_by, sizeof a->replaced_by, "%s", by ? by : "");
    snprintf(a->replaced_reason, sizeof a->replaced_reason, "%s", why ? why : "");
}

bool pass_authority_in_force(const fd_pass_authority *a, fd_date day)
{
    return a->kind == FD_AUTHORITY_SEAL || (a->kind == FD_AUTHORITY_LETTER && day <= a->valid_until);
}

fd_status pass_authority_read(fd_desk *d, int64_t company_id, fd_pass_authority *out,
                              fd_error *err)
{
    fd_status s = pass_company(d, company_id, NULL, NULL, 0, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_PASS_AUTHORITY_CURRENT);
    fd_bind_int(st, ":company_id", company_id);
    s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND) {
        *out = (fd_pass_authority){.company_id = company_id, .kind = FD_AUTHORITY_NONE};
        return FD_OK;
    }
    if (s != FD_OK)
        return s;
    pass_authority_of(st, out);
    fd_stmt_reset(st);
    return FD_OK;
}

typedef struct filing {
    fd_desk *d;
    const fd_actor *who;
    const fd_pass_authority_input *in;
    char signer[FD_PASS_NAME_MAX], reason[FD_PASS_REASON_MAX];
    int64_t id;
} filing;

static fd_status check_filing(filing *f, fd_error *err)
{
    const fd_pass_authority_input *in = f->in;
    if (!in_list(FD_PASS_LIST_AUTHORITY, (int)in->kind))
        return fd_fail(err, FD_INVALID, "kind", _("Choose one of the listed values."));
    fd_status s = pass_clean_text(in->reason, "reason", REASON_CHARS, NULL, f->reason,
                                  sizeof f->reason, err);
    if (s != FD_OK || in->kind != FD_AUTHORITY_LETTER)
        return s;
    if ((s = pass_clean_text(in->signer, "signer", NAME_CHARS,
                             _("Enter the name of the person the letter allows to sign."),
                             f->signer, sizeof f->signer, err)) != FD_OK)
        return s;
    if (in->valid_until < fd_date_of(fd_desk_now(f->d)))
        return fd_fail(err, FD_INVALID, "valid_until",
                       _("The letter's last day cannot be before today."));
    return FD_OK;
}

static fd_status file_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    filing *f = ctx;
    fd_pass_authority now;
    fd_status s = pass_authority_read(f->d, f->in->company_id, &now, err);
    if (s != FD_OK)
        return s;
    if (now.id && !f->reason[0])
        return fd_fail(err, FD_INVALID, "reason",
                       _("The company has a record on file already: say why this one replaces it."));
    bool letter = f->in->kind == FD_AUTHORITY_LETTER;
    fd_stmt *st = fd_sql(f->d->store, FD_SQL_PASS_AUTHORITY_INSERT);
    fd_bind_int(st, ":company_id", f->in->company_id);
    fd_bind_text(st, ":kind", fd_pass_choice_name(FD_PASS_LIST_AUTHORITY, (int)f->in->kind));
    fd_bind_text(st, ":signer", letter ? f->signer : NULL);
    if (letter)
        fd_bind_int(st, ":valid_until", f->in->valid_until);
    else
        fd_bind_null(st, ":valid_until");
    if (now.id)
        fd_bind_int(st, ":replaces", now.id);
    else
        fd_bind_null(st, ":replaces");
    fd_bind_text(st, ":reason", now.id ? f->reason : NULL);
    fd_bind_int(st, ":at", fd_desk_now(f->d));
    fd_bind_int(st, ":staff_id", f->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    return audited(f->d, f->who, "pass.authority", FD_TABLE_pass_authority, &f->id, err);
}

fd_status fd_pass_authority_file(fd_desk *d, const fd_actor *who,
                                 const fd_pass_authority_input *in, int64_t *id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_PASS_AUTHORITY))
        return refuse_role(who, FD_ACT_PASS_AUTHORITY, err);
    filing *f = fd_alloc(sizeof *f);
    *f = (filing){.d = d, .who = who, .in = in};
    fd_status s = check_filing(f, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, file_txn, f, err);
    if (s == FD_OK && id)
        *id = f->id;
    free(f);
    return s;
}

/* ---- issuing ---- */

typedef struct issuing {
    fd_desk *d;
    const fd_actor *who;
    const fd_pass_input *in;
    fd_date day;
    fd_time from, to;
    char carrier[FD_PASS_NAME_MAX], signer[FD_PASS_NAME_MAX];
    char doc[FD_PASS_DOC_MAX], doc_hmac[FD_HASH_HEX], doc_masked[FD_PASS_DOC_MAX];
    char names[FD_PASS_ITEMS_MAX][FD_PASS_NAME_MAX];
    char measures[FD_PASS_ITEMS_MAX][FD_PASS_MEASURE_MAX];
    int item_line;
    int64_t unit_id, authority_id, id;
} issuing;

static fd_status check_document(issuing *t, fd_error *err)
{
    const fd_pass_input *in = t->in;
    if ((unsigned)in->doc_type >= FD_DOC_TYPE_COUNT)
        return fd_fail(err, FD_INVALID, "doc_type", _("Choose a document type."));
    fd_status s = fd_validate_document(in->doc_type, in->doc_number ? in->doc_number : "",
                                       "doc_number", t->doc, sizeof t->doc, err);
    if (s != FD_OK)
        return s;
    fd_desk_hmac_hex(t->d, t->doc, t->doc_hmac);
    fd_mask_document(in->doc_type, t->doc, t->doc_masked, sizeof t->doc_masked);
    return FD_OK;
}

/* The day and the window: not before today, and not already over. */
static fd_status check_window(issuing *t, fd_error *err)
{
    const fd_pass_input *in = t->in;
    fd_time now = fd_desk_now(t->d);
    t->day = in->day ? in->day : fd_date_of(now);
    if (t->day < fd_date_of(now))
        return fd_fail(err, FD_INVALID, "day", _("The day cannot be before today."));
    if (in->window_from < 0 || in->window_from >= DAY_MINUTES)
        return fd_fail(err, FD_INVALID, "window_from", _("Enter a time between 00:00 and 23:59."));
    if (in->window_to <= in->window_from || in->window_to > DAY_MINUTES)
        return fd_fail(err, FD_INVALID, "window_to",
                       _("The window must end after it begins, on the same day."));
    t->from = fd_date_start(t->day) + (fd_time)in->window_from * 60;
    t->to = fd_date_start(t->day) + (fd_time)in->window_to * 60;
    if (t->to <= now)
        return fd_fail(err, FD_INVALID, "window_to", _("That window is already over."));
    return FD_OK;
}

static fd_status check_items(issuing *t, fd_error *err)
{
    const fd_pass_input *in = t->in;
    if (in->item_count < 1 || !in->items)
        return fd_fail(err, FD_INVALID, "items", _("Enter the goods: at least one line."));
    if (in->item_count > FD_PASS_ITEMS_MAX)
        return fd_fail(err, FD_INVALID, "items", _("A pass lists at most %d lines of goods."),
                       FD_PASS_ITEMS_MAX);
    for (int i = 0; i < in->item_count; i++) {
        const fd_pass_item_input *item = &in->items[i];
        t->item_line = i + 1;
        fd_status s;
        if ((s = pass_clean_text(item->name, "items", NAME_CHARS, _("Enter what the goods are."),
                                 t->names[i], sizeof t->names[i], err)) != FD_OK ||
            (s = pass_clean_text(item->measure, "items", MEASURE_CHARS, NULL, t->measures[i],
                                 sizeof t->measures[i], err)) != FD_OK)
            return s;
        if (item->quantity < 1 || item->quantity > FD_PASS_QUANTITY_MAX)
            return fd_fail(err, FD_INVALID, "items", _("Enter a quantity from 1 to %d."),
                           FD_PASS_QUANTITY_MAX);
    }
    t->item_line = 0;
    return FD_OK;
}

static fd_status check_issue(issuing *t, fd_error *err)
{
    const fd_pass_input *in = t->in;
    fd_status s;
    if (!in_list(FD_PASS_LIST_DIRECTION, (int)in->direction))
        return fd_fail(err, FD_INVALID, "direction", _("Choose one of the listed values."));
    if ((s = pass_clean_text(in->carrier, "carrier", NAME_CHARS,
                             _("Enter the name of the person carrying the goods."), t->carrier,
                             sizeof t->carrier, err)) != FD_OK ||
        (s = check_document(t, err)) != FD_OK || (s = check_window(t, err)) != FD_OK ||
        (s = check_items(t, err)) != FD_OK)
        return s;
    return pass_clean_text(in->signer, "signer", NAME_CHARS, NULL, t->signer, sizeof t->signer,
                           err);
}

/* 条款一、二: goods go out under the company's seal, or, for a company without one, the
 * signature of the person its letter on file names, while the letter is valid. */
static fd_status check_authority(issuing *t, const char *company, fd_error *err)
{
    fd_pass_authority a = {0};
    fd_status s = pass_authority_read(t->d, t->in->company_id, &a, err);
    if (s != FD_OK)
        return s;
    t->authority_id = a.id;
    switch (a.kind) {
    case FD_AUTHORITY_SEAL:
        if (!t->in->sealed)
            return fd_fail(err, FD_INVALID, "sealed",
                           _("%s has a company seal: goods go out only under its seal."), company);
        return FD_OK;
    case FD_AUTHORITY_LETTER:
        /* The form the desk keeps and prints must not claim a seal the company has not. */
        if (t->in->sealed)
            return fd_fail(err, FD_INVALID, "sealed",
                           _("%s has no company seal on file: choose \u201cNo seal\u201d and enter who "
                             "signed the pass (its letter names %s)."),
                           company, a.signer);
        if (!t->signer[0])
            return fd_fail(err, FD_INVALID, "signer",
                           _("%s has no seal: enter who signed the pass (its letter names %s)."),
                           company, a.signer);
        if (strcmp(t->signer, a.signer) != 0)
            return fd_fail(err, FD_DENIED, "signer",
                           _("%s's letter of authority names %s, not %s: the pass cannot be issued."),
                           company, a.signer, t->signer);
        if (!pass_authority_in_force(&a, t->day)) {
            char until[FD_DATE_TEXT];
            fd_date_format(a.valid_until, until);
            return fd_fail(err, FD_DENIED, "signer",
                           _("%s's letter of authority ran out on %s: ask the company for a new one."),
                           company, until);
        }
        return FD_OK;
    case FD_AUTHORITY_NONE:
        break;
    }
    return fd_fail(err, FD_DENIED, "company",
                   _("%s has neither a seal nor a letter of authority on file: goods cannot go out "
                     "on its pass."),
                   company);
}

static void bind_document(fd_stmt *st, const issuing *t)
{
    const fd_personal personal[] = {{"doc_number_clear", t->doc},
                                    {"doc_number_hmac", t->doc_hmac},
                                    {"doc_number_masked", t->doc_masked}};
    unsigned char salt[FD_SALT_SIZE], commit[FD_HASH_SIZE];
    fd_audit_new_salt(salt);
    fd_audit_commit_personal(salt, personal, COUNT(personal), commit);
    fd_bind_text(st, ":doc_type", fd_doc_type_name(t->in->doc_type));
    fd_bind_text(st, ":doc_number_clear", t->doc);
    fd_bind_text(st, ":doc_number_hmac", t->doc_hmac);
    fd_bind_text(st, ":doc_number_masked", t->doc_masked);
    fd_bind_blob(st, ":pii_salt", salt, sizeof salt);
    fd_bind_blob(st, ":pii_commit", commit, sizeof commit);
}

static fd_status insert_pass(issuing *t, fd_error *err)
{
    const fd_pass_input *in = t->in;
    fd_stmt *st = fd_sql(t->d->store, FD_SQL_PASS_INSERT);
    fd_bind_text(st, ":direction", fd_pass_choice_name(FD_PASS_LIST_DIRECTION, (int)in->direction));
    fd_bind_int(st, ":company_id", in->company_id);
    fd_bind_int(st, ":unit_id", t->unit_id);
    fd_bind_text(st, ":carrier", t->carrier);
    bind_document(st, t);
    fd_bind_int(st, ":day", t->day);
    fd_bind_int(st, ":window_from", t->from);
    fd_bind_int(st, ":window_to", t->to);
    fd_bind_int(st, ":scheduled", in->scheduled);
    fd_bind_int(st, ":sealed", in->sealed);
    fd_bind_text(st, ":signer", t->signer[0] ? t->signer : NULL);
    if (t->authority_id)
        fd_bind_int(st, ":authority_id", t->authority_id);
    else
        fd_bind_null(st, ":authority_id");
    fd_bind_int(st, ":at", fd_desk_now(t->d));
    fd_bind_int(st, ":staff_id", t->who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s : audited(t->d, t->who, "pass.issue", FD_TABLE_pass, &t->id, err);
}

static fd_status insert_items(issuing *t, fd_error *err)
{
    for (int i = 0; i < t->in->item_count; i++) {
        fd_stmt *st = fd_sql(t->d->store, FD_SQL_PASS_ITEM_INSERT);
        fd_bind_int(st, ":pass_id", t->id);
        fd_bind_int(st, ":line", i + 1);
        fd_bind_text(st, ":name", t->names[i]);
        fd_bind_int(st, ":quantity", t->in->items[i].quantity);
        fd_bind_text(st, ":measure", t->measures[i]);
        fd_status s = fd_exec(st, err);
        if (s == FD_OK)
            s = audited(t->d, t->who, "pass.item", FD_TABLE_pass_item, NULL, err);
        if (s != FD_OK)
            return s;
    }
    return FD_OK;
}

static fd_status issue_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    issuing *t = ctx;
    char company[FD_PASS_NAME_MAX * 2];
    t->authority_id = 0;
    fd_status s = pass_company(t->d, t->in->company_id, &t->unit_id, company, sizeof company, err);
    if (s == FD_OK && t->in->direction == FD_PASS_OUT)
        s = check_authority(t, company, err);
    if (s != FD_OK || (s = insert_pass(t, err)) != FD_OK || (s = insert_items(t, err)) != FD_OK)
        return s;
    fd_fire f = {.actor = t->who};
    return fd_machine_fire(t->d, &fd_pass_machine, t->id, "issue", &f, NULL, err);
}

fd_status fd_pass_issue(fd_desk *d, const fd_actor *who, const fd_pass_input *in, int64_t *id,
                        int *item_line, fd_error *err)
{
    if (item_line)
        *item_line = 0;
    if (!fd_may(who, FD_ACT_PASS_ISSUE))
        return refuse_role(who, FD_ACT_PASS_ISSUE, err);
    issuing *t = fd_alloc(sizeof *t);
    *t = (issuing){.d = d, .who = who, .in = in};
    fd_status s = check_issue(t, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, issue_txn, t, err);
    if (s == FD_OK && id)
        *id = t->id;
    if (s != FD_OK && item_line)
        *item_line = t->item_line;
    free(t);
    return s;
}

/* ---- the steps at the door ---- */

typedef struct step {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    fd_pass_hazard hazard;
    char reason[FD_PASS_REASON_MAX];
} step;

fd_status pass_facts(fd_desk *d, int64_t id, pass_window *w, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_PASS_FACTS);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no pass number %lld."), (long long)id);
    if (s != FD_OK)
        return s;
    if (w)
        *w = (pass_window){fd_col_int(st, FD_COL_PASS_FACTS_WINDOW_FROM),
                           fd_col_int(st, FD_COL_PASS_FACTS_WINDOW_TO)};
    fd_stmt_reset(st);
    return FD_OK;
}

static fd_status confirm_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    pass_window w;
    fd_status s = pass_facts(p->d, p->id, &w, err);
    if (s != FD_OK)
        return s;
    fd_fire f = {.actor = p->who, .guard_ctx = &w};
    return fd_machine_fire(p->d, &fd_pass_machine, p->id, "pass", &f, NULL, err);
}

static fd_status refuse_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    fd_status s = pass_facts(p->d, p->id, NULL, err);
    if (s != FD_OK)
        return s;
    int64_t event_id;
    fd_fire f = {.actor = p->who, .note = p->reason};
    if ((s = fd_machine_fire(p->d, &fd_pass_machine, p->id, "refuse", &f, &event_id, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(p->d->store, FD_SQL_PASS_REFUSAL_INSERT);
    fd_bind_int(st, ":pass_id", p->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_text(st, ":hazard", fd_pass_choice_name(FD_PASS_LIST_HAZARD, (int)p->hazard));
    fd_bind_text(st, ":reason", p->reason);
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s : audited(p->d, p->who, "pass.refuse", FD_TABLE_pass_refusal, NULL, err);
}

static fd_status void_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    fd_status s = pass_facts(p->d, p->id, NULL, err);
    if (s != FD_OK)
        return s;
    fd_fire f = {.actor = p->who, .note = p->reason};
    return fd_machine_fire(p->d, &fd_pass_machine, p->id, "void", &f, NULL, err);
}

static fd_status run_step(fd_desk *d, const fd_actor *who, int64_t id, fd_pass_hazard hazard,
                          const char *reason, fd_write_fn txn, fd_error *err)
{
    step *p = fd_alloc(sizeof *p);
    *p = (step){.d = d, .who = who, .id = id, .hazard = hazard};
    fd_status s = pass_clean_text(reason, "reason", REASON_CHARS, NULL, p->reason,
                                  sizeof p->reason, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, txn, p, err);
    free(p);
    return s;
}

fd_status fd_pass_confirm(fd_desk *d, const fd_actor *who, int64_t id, fd_error *err)
{
    return run_step(d, who, id, FD_HAZARD_FLAMMABLE, NULL, confirm_txn, err);
}

static fd_status confirm_check_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    step *p = ctx;
    pass_window w;
    fd_status s = pass_facts(p->d, p->id, &w, err);
    return s != FD_OK ? s : window_open(p->d, &w, err);
}

fd_status fd_pass_confirm_check(fd_desk *d, const fd_actor *who, int64_t id, fd_error *err)
{
    step p = {.d = d, .who = who, .id = id};
    return fd_store_read(d->store, confirm_check_txn, &p, err);
}

fd_status fd_pass_refuse(fd_desk *d, const fd_actor *who, int64_t id, fd_pass_hazard hazard,
                         const char *reason, fd_error *err)
{
    if (!in_list(FD_PASS_LIST_HAZARD, (int)hazard))
        return fd_fail(err, FD_INVALID, "hazard",
                       _("Choose what makes the goods dangerous: flammable, explosive, toxic or "
                         "corrosive."));
    return run_step(d, who, id, hazard, reason, refuse_txn, err);
}

fd_status fd_pass_void(fd_desk *d, const fd_actor *who, int64_t id, const char *reason,
                       fd_error *err)
{
    return run_step(d, who, id, FD_HAZARD_FLAMMABLE, reason, void_txn, err);
}
