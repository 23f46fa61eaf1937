/* Key loans, the rules and the writes: see include/frontdesk/keys.h. The views, the
 * counters and the export are in keys_view.c, the demo week in keys_demo.c. */
#include "frontdesk/keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "keys/keys_internal.h"
#include "store/stmt.h"


/* ---- names and labels ---- */

typedef struct name_label {
    const char *name, *label;
} name_label;

#define FD_ROW(id, name, label) {name, label},
static const name_label key_kinds[] = {FD_KEY_KIND_LIST(FD_ROW)};
static const name_label reasons[] = {FD_KEY_REASON_LIST(FD_ROW)};
static const name_label borrower_kinds[] = {FD_BORROWER_KIND_LIST(FD_ROW)};
static const name_label outcomes[] = {FD_KEY_OUTCOME_LIST(FD_ROW)};
static const name_label key_states[] = {FD_KEY_STATE_LIST(FD_ROW)};
static const name_label loan_states[] = {FD_LOAN_STATE_LIST(FD_ROW)};
#undef FD_ROW

static bool parse_name(const name_label *table, int count, const char *name, int *out)
{
    for (int i = 0; name && i < count; i++) {
        if (strcmp(name, table[i].name) == 0) {
            *out = i;
            return true;
        }
    }
    return false;
}

#define FD_NAME_PARSE(prefix, type, table, count)                               \
    const char *prefix##_name(type v) { return table[v].name; }                 \
    bool prefix##_parse(const char *name, type *out)                            \
    {                                                                           \
        int i;                                                                  \
        if (!parse_name(table, count, name, &i))                                \
            return false;                                                       \
        *out = (type)i;                                                         \
        return true;                                                            \
    }
#define FD_NAMES(prefix, type, table, count)                                    \
    FD_NAME_PARSE(prefix, type, table, count)                                   \
    const char *prefix##_label(type v) { return _(table[v].label); }
FD_NAMES(fd_key_kind, fd_key_kind, key_kinds, FD_KEY_KIND_COUNT)
FD_NAMES(fd_key_reason, fd_key_reason, reasons, FD_KEY_REASON_COUNT)
FD_NAMES(fd_borrower_kind, fd_borrower_kind, borrower_kinds, FD_BORROWER_KIND_COUNT)
FD_NAMES(fd_key_outcome, fd_key_outcome, outcomes, FD_KEY_OUTCOME_COUNT)
/* States have labels of their own: see fd_key_state_label. */
FD_NAME_PARSE(fd_key_state, fd_key_state, key_states, FD_KEY_STATE_COUNT)
FD_NAME_PARSE(fd_loan_state, fd_loan_state, loan_states, FD_LOAN_STATE_COUNT)
#undef FD_NAMES
#undef FD_NAME_PARSE

static const name_label events[] = {
    {"register", N_("Registered")},
    {"copy", N_("Copy made")},
    {"copied", N_("Copied")},
    {"replace", N_("Sealed as the new key")},
    {"transfer", N_("Custody handed over")},
    {"lend", N_("Lent")},
    {"return", N_("Returned")},
    {"lose", N_("Lost")},
    {"damage", N_("Damaged")},
    {"find", N_("Found")},
    {"repair", N_("Repaired")},
    {"change_lock", N_("Lock changed")},
    {"lock_changed", N_("Retired: the lock it opens was changed")},
    {"seal", N_("New key sealed")},
    {"retire", N_("Retired")},
    {"request", N_("Requested")},
    {"approve", N_("Approved")},
    {"refuse", N_("Loan refused")},
    {"cancel", N_("Loan cancelled")},
    {"notify", N_("Call recorded")},
};

#define FD_COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))

static const char *label_of(const name_label *table, int count, const char *name)
{
    int i;
    return parse_name(table, count, name, &i) ? _(table[i].label) : name;
}

const char *fd_key_state_label(fd_key_state s, bool overdue)
{
    if (overdue && s == FD_KEY_STATE_ON_LOAN)
        return _("Overdue");
    if (overdue && s == FD_KEY_STATE_TO_SEAL)
        return _("New key not sealed in time");
    return _(key_states[s].label);
}

const char *fd_loan_state_label(fd_loan_state s, bool overdue)
{
    if (overdue && s == FD_LOAN_STATE_OUT)
        return _("Overdue");
    return _(loan_states[s].label);
}

const char *fd_key_event_label(const char *event)
{
    return label_of(events, FD_COUNT(events), event);
}

fd_key_state key_state_read(const char *name)
{
    fd_key_state s;
    return fd_key_state_parse(name, &s) ? s : FD_KEY_STATE_RETIRED;
}

fd_loan_state key_loan_state_read(const char *name)
{
    fd_loan_state s;
    return fd_loan_state_parse(name, &s) ? s : FD_LOAN_STATE_CANCELLED;
}

/* The machines' labels of stored states, for their messages (NULL: not a state). */
static const char *key_state_plain(const char *name)
{
    fd_key_state s;
    return fd_key_state_parse(name, &s) ? fd_key_state_label(s, false) : NULL;
}

static const char *loan_state_plain(const char *name)
{
    fd_loan_state s;
    return fd_loan_state_parse(name, &s) ? fd_loan_state_label(s, false) : NULL;
}

/* ---- the machines ---- */



fd_status key_load_loan(fd_desk *d, int64_t id, loan_base *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_LOAN_BASE);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        fd_key_reason_parse(fd_col_text(st, FD_COL_KEY_LOAN_BASE_REASON), &out->reason);
        out->expected_return = fd_col_int(st, FD_COL_KEY_LOAN_BASE_EXPECTED_RETURN);
        out->emergency = fd_col_int(st, FD_COL_KEY_LOAN_BASE_EMERGENCY) != 0;
    }
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no loan number %lld."), (long long)id);
    return s;
}

/* An emergency loan of spare keys goes out only once someone has been called for every
 * unit: the owner/tenant first, else their emergency contact. (Whether everyone on file
 * was tried, or a reason given, is the lend's to check: keys_loans.c.) */
static fd_status emergency_calls_made(fd_desk *d, const fd_fire *fire_, int64_t loan_id,
                                      fd_error *err)
{
    (void)fire_;
    loan_base loan;
    fd_status s = key_load_loan(d, loan_id, &loan, err);
    if (s != FD_OK || !loan.emergency)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_LOAN_UNITS);
    fd_bind_int(st, ":loan_id", loan_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        if (fd_col_int(st, FD_COL_KEY_LOAN_UNITS_NOTICES) == 0) {
            s = fd_fail(err, FD_INVALID, "notices",
                        _("Emergency: record a call about %s before the key is used."),
                        fd_col_text(st, FD_COL_KEY_LOAN_UNITS_CODE));
            fd_stmt_reset(st);
            return s;
        }
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static const fd_transition key_rows[] = {
    {NULL, "register", "in_store", FD_ACT_KEY_REGISTER, NULL},
    {NULL, "copy", "in_store", FD_ACT_KEY_COPY, NULL},
    {NULL, "replace", "in_store", FD_ACT_KEY_SEAL, NULL},
    {"in_store", "copied", "in_store", FD_ACT_KEY_COPY, NULL},
    {"in_store", "transfer", "in_store", FD_ACT_KEY_REGISTER, NULL},
    {"on_loan", "transfer", "on_loan", FD_ACT_KEY_REGISTER, NULL},
    {"damaged", "transfer", "damaged", FD_ACT_KEY_REGISTER, NULL},
    {"in_store", "lend", "on_loan", FD_ACT_KEY_LOAN, NULL},
    {"on_loan", "return", "in_store", FD_ACT_KEY_LOAN, NULL},
    {"in_store", "lose", "lost", FD_ACT_KEY_INCIDENT, NULL},
    {"on_loan", "lose", "lost", FD_ACT_KEY_INCIDENT, NULL},
    {"damaged", "lose", "lost", FD_ACT_KEY_INCIDENT, NULL},
    {"in_store", "damage", "damaged", FD_ACT_KEY_INCIDENT, NULL},
    {"on_loan", "damage", "damaged", FD_ACT_KEY_INCIDENT, NULL},
    {"lost", "find", "in_store", FD_ACT_KEY_INCIDENT, NULL},
    {"damaged", "repair", "in_store", FD_ACT_KEY_INCIDENT, NULL},
    {"in_store", "change_lock", "to_seal", FD_ACT_KEY_INCIDENT, NULL},
    {"on_loan", "change_lock", "to_seal", FD_ACT_KEY_INCIDENT, NULL},
    {"damaged", "change_lock", "to_seal", FD_ACT_KEY_INCIDENT, NULL},
    {"lost", "change_lock", "to_seal", FD_ACT_KEY_INCIDENT, NULL},
    {"in_store", "lock_changed", "retired", FD_ACT_KEY_INCIDENT, NULL},
    {"on_loan", "lock_changed", "retired", FD_ACT_KEY_INCIDENT, NULL},
    {"damaged", "lock_changed", "retired", FD_ACT_KEY_INCIDENT, NULL},
    {"lost", "lock_changed", "retired", FD_ACT_KEY_INCIDENT, NULL},
    {"to_seal", "seal", "retired", FD_ACT_KEY_SEAL, NULL},
    {"in_store", "retire", "retired", FD_ACT_KEY_RETIRE, NULL},
    {"damaged", "retire", "retired", FD_ACT_KEY_RETIRE, NULL},
    {"lost", "retire", "retired", FD_ACT_KEY_RETIRE, NULL},
};

static const fd_transition loan_rows[] = {
    {NULL, "request", "requested", FD_ACT_KEY_LOAN, NULL},
    {"requested", "approve", "approved", FD_ACT_KEY_LOAN_APPROVE, NULL},
    {"requested", "refuse", "refused", FD_ACT_KEY_LOAN_APPROVE, NULL},
    {"requested", "cancel", "cancelled", FD_ACT_KEY_LOAN, NULL},
    {"approved", "cancel", "cancelled", FD_ACT_KEY_LOAN, NULL},
    {"approved", "lend", "out", FD_ACT_KEY_LOAN, emergency_calls_made},
    {"out", "return", "returned", FD_ACT_KEY_LOAN, NULL},
    {"out", "lose", "lost", FD_ACT_KEY_INCIDENT, NULL},
    {"requested", "notify", "requested", FD_ACT_KEY_LOAN, NULL},
    {"approved", "notify", "approved", FD_ACT_KEY_LOAN, NULL},
    {"out", "notify", "out", FD_ACT_KEY_LOAN, NULL},
};

const fd_machine fd_key_machine = {"key", key_rows, sizeof key_rows / sizeof key_rows[0],
                                   key_state_plain};
const fd_machine fd_loan_machine = {"loan", loan_rows, sizeof loan_rows / sizeof loan_rows[0],
                                    loan_state_plain};

const char *key_recover_event(fd_key_state state)
{
    switch (state) {
    case FD_KEY_STATE_LOST: return "find";
    case FD_KEY_STATE_DAMAGED: return "repair";
    default: return NULL;
    }
}

fd_status fd_key_may(fd_desk *d, int64_t key_id, fd_key_state state, fd_key_step step,
                     const fd_actor *who, const fd_actor *approver)
{
    static const char *const step_events[FD_KEY_STEP_COUNT] = {
        [FD_KEY_STEP_TRANSFER] = "transfer",       [FD_KEY_STEP_LOSE] = "lose",
        [FD_KEY_STEP_DAMAGE] = "damage",           [FD_KEY_STEP_COPY] = "copied",
        [FD_KEY_STEP_CHANGE_LOCK] = "change_lock", [FD_KEY_STEP_SEAL] = "seal",
        [FD_KEY_STEP_RETIRE] = "retire",
    };
    const char *event = step == FD_KEY_STEP_RECOVER ? key_recover_event(state) : step_events[step];
    if (!event)
        return FD_STATE;
    return fd_machine_may(d, &fd_key_machine, key_id, fd_key_state_name(state), event, who,
                          approver);
}

fd_status key_fire(fd_desk *d, const fd_machine *m, int64_t id, const char *event,
                      const fd_actor *who, const fd_actor *approver, const char *note,
                      const char *data, fd_error *err)
{
    fd_fire f = {.actor = who, .approver = approver, .note = note && *note ? note : NULL,
                 .data = data};
    return fd_machine_fire(d, m, id, event, &f, NULL, err);
}

/* Fires event with {"name": value} as its data. */
fd_status key_fire_with(fd_desk *d, const fd_machine *m, int64_t id, const char *event,
                           const fd_actor *who, const fd_actor *approver, const char *note,
                           const char *name, int64_t value, fd_error *err)
{
    char data[64];
    snprintf(data, sizeof data, "{\"%s\":%lld}", name, (long long)value);
    return key_fire(d, m, id, event, who, approver, note, data, err);
}

bool key_may(const fd_actor *who, const fd_actor *approver, fd_action action)
{
    return fd_may(who, action) || (approver && fd_may(approver, action));
}

/* ---- what is typed ---- */

/* Copies text without surrounding blanks to out ("" when blank). missing: the message
 * when it is required, NULL when it may be left empty. */
fd_status key_check_text(const char *text, const char *field, long max_chars,
                            const char *missing, char *out, size_t out_size, fd_error *err)
{
    size_t n;
    const char *start = text_trim(text, false, &n);
    out[0] = '\0';
    if (n == 0)
        return missing ? fd_fail(err, FD_INVALID, field, "%s", missing) : FD_OK;
    if (n >= out_size)
        return fd_fail(err, FD_INVALID, field, _("Too long: at most %ld characters."), max_chars);
    memcpy(out, start, n);
    out[n] = '\0';
    size_t chars;
    if (!fd_validate_text(out, n, false, &chars))
        return fd_fail(err, FD_INVALID, field, _("Contains characters that cannot be printed."));
    if (chars > (size_t)max_chars)
        return fd_fail(err, FD_INVALID, field, _("Too long: at most %ld characters."), max_chars);
    return FD_OK;
}

fd_status key_check_note(const char *note, const char *missing, char out[NOTE_BYTES],
                            fd_error *err)
{
    return key_check_text(note, "note", FD_KEY_NOTE_MAX, missing, out, NOTE_BYTES, err);
}

/* Tags are what a barcode label carries: letters, digits and a few separators; stored
 * in upper case so a lookup is one exact index probe whatever case was typed. */
fd_status key_check_tag(const char *tag, char out[TAG_TEXT], fd_error *err)
{
    static const char allowed[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./";
    char typed[TAG_TEXT * 2];
    fd_status s = key_check_text(tag, "tag", FD_KEY_TAG_MAX, _("Enter or scan the key's tag."), typed,
                             sizeof typed, err);
    if (s != FD_OK)
        return s;
    size_t n = strlen(typed);
    if (n > FD_KEY_TAG_MAX)
        return fd_fail(err, FD_INVALID, "tag", _("A tag has at most %d characters."), FD_KEY_TAG_MAX);
    for (size_t i = 0; i <= n; i++)
        out[i] = typed[i] >= 'a' && typed[i] <= 'z' ? (char)(typed[i] - 'a' + 'A') : typed[i];
    if (strspn(out, allowed) != n)
        return fd_fail(err, FD_INVALID, "tag",
                       _("A tag has only letters, digits and the signs - _ . /"));
    return FD_OK;
}

static fd_status check_department(const fd_desk *d, const char *department, char out[TEXT_BYTES],
                                   fd_error *err)
{
    fd_status s = key_check_text(department, "department", FD_KEY_TEXT_MAX,
                             _("Choose the custodian's department."), out, TEXT_BYTES, err);
    const fd_string_list *known = &d->config->departments;
    if (s != FD_OK || known->count == 0)
        return s;
    for (size_t i = 0; i < known->count; i++)
        if (strcmp(known->items[i], out) == 0)
            return FD_OK;
    return fd_fail(err, FD_INVALID, "department", _("%s is not one of the site's departments."), out);
}


fd_status key_check_custodian(const fd_desk *d, const char *department, const char *person,
                                 custodian *out, fd_error *err)
{
    fd_status s = check_department(d, department, out->department, err);
    if (s != FD_OK)
        return s;
    return key_check_text(person, "custodian", FD_KEY_TEXT_MAX, _("Name the custodian."), out->person,
                      TEXT_BYTES, err);
}

/* ---- reading inside the operations ---- */


fd_status key_load_key(fd_desk *d, int64_t id, const char *field, key_base *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_BASE);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        out->id = fd_col_int(st, FD_COL_KEY_BASE_ID);
        snprintf(out->tag, sizeof out->tag, "%s", fd_col_text(st, FD_COL_KEY_BASE_TAG));
        out->unit_id = fd_col_int(st, FD_COL_KEY_BASE_UNIT_ID);
        snprintf(out->description, sizeof out->description, "%s", fd_col_text(st, FD_COL_KEY_BASE_DESCRIPTION));
        fd_key_kind_parse(fd_col_text(st, FD_COL_KEY_BASE_KIND), &out->kind);
        out->entrustment_id = fd_col_int(st, FD_COL_KEY_BASE_ENTRUSTMENT_ID);
        out->state = key_state_read(fd_col_text(st, FD_COL_KEY_BASE_STATE));
    }
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, field, _("There is no key number %lld."), (long long)id);
    return s;
}

/* The id a statement of row key_found returns; FD_NOT_FOUND when there is no row or it
 * is NULL. */
fd_status key_first_id(fd_stmt *st, int64_t *id, fd_error *err)
{
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK && fd_col_null(st, FD_COL_KEY_FOUND_ID))
        s = FD_NOT_FOUND;
    if (s == FD_OK)
        *id = fd_col_int(st, FD_COL_KEY_FOUND_ID);
    fd_stmt_reset(st);
    return s;
}

fd_status key_find_tag(fd_desk *d, const char *tag, int64_t *id, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_BY_TAG);
    fd_bind_text(st, ":tag", tag);
    return key_first_id(st, id, err);
}

static fd_status tag_free(fd_desk *d, const char *tag, fd_error *err)
{
    int64_t other;
    fd_status s = key_find_tag(d, tag, &other, err);
    if (s == FD_OK)
        return fd_fail(err, FD_CONFLICT, "tag", _("The tag %s is already on another key."), tag);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

fd_status key_unit_code(fd_desk *d, int64_t unit_id, char *out, size_t size, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_UNIT_CODE);
    fd_bind_int(st, ":id", unit_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        snprintf(out, size, "%s", fd_col_text(st, FD_COL_KEY_UNIT_CODE_CODE));
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "unit", _("There is no unit number %lld."),
                       (long long)unit_id);
    return s;
}

/* ---- inserting rows ---- */

void key_bind_optional_id(fd_stmt *st, const char *param, int64_t id)
{
    if (id > 0)
        fd_bind_int(st, param, id);
    else
        fd_bind_null(st, param);
}

void key_bind_optional_text(fd_stmt *st, const char *param, const char *text)
{
    fd_bind_text(st, param, text && *text ? text : NULL);
}

/* Runs an INSERT, then the audit entry of the new row. */
fd_status key_insert_row(fd_desk *d, const fd_actor *who, fd_stmt *st, const char *action,
                            fd_record_table table, int64_t *id, fd_error *err)
{
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    int64_t row = fd_store_last_id(d->store);
    if (id)
        *id = row;
    return fd_audit_row(d, who, action, table, row, err);
}

fd_status key_insert_custody(fd_desk *d, const fd_actor *who, int64_t key_id,
                                const custodian *c, const char *note, int64_t *id, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_CUSTODY_INSERT);
    fd_bind_int(st, ":key_id", key_id);
    fd_bind_text(st, ":department", c->department);
    fd_bind_text(st, ":person", c->person);
    key_bind_optional_text(st, ":note", note);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    return key_insert_row(d, who, st, "key.custody", FD_TABLE_key_custody, id, err);
}


/* Inserts the key and its first custodian and fires its creating event. */
fd_status key_add_key(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                         const key_spec *k, const char *note, int64_t *id, fd_error *err)
{
    fd_status s = tag_free(d, k->tag, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_INSERT);
    fd_bind_text(st, ":tag", k->tag);
    key_bind_optional_id(st, ":unit_id", k->unit_id);
    fd_bind_text(st, ":description", k->description);
    fd_bind_text(st, ":kind", fd_key_kind_name(k->kind));
    key_bind_optional_id(st, ":entrustment_id", k->entrustment_id);
    key_bind_optional_id(st, ":copy_of", k->copy_of);
    key_bind_optional_id(st, ":replaces", k->replaces);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    int64_t custody;
    if ((s = key_insert_row(d, who, st, fd_action_name(k->action), FD_TABLE_key_item, id, err)) != FD_OK ||
        (s = key_insert_custody(d, who, *id, &k->keeper, NULL, &custody, err)) != FD_OK)
        return s;
    char data[96];
    if (k->related)
        snprintf(data, sizeof data, "{\"custody\":%lld,\"key\":%lld}", (long long)custody,
                 (long long)k->related);
    else
        snprintf(data, sizeof data, "{\"custody\":%lld}", (long long)custody);
    return key_fire(d, &fd_key_machine, *id, k->event, who, approver, note, data, err);
}
