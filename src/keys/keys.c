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
#include "store/stmt.h"

enum {
    TAG_TEXT = FD_KEY_TAG_MAX + 1,
    TEXT_BYTES = FD_KEY_TEXT_MAX * 4 + 1, /* UTF-8: four bytes a character at most */
    NOTE_BYTES = FD_KEY_NOTE_MAX * 4 + 1,
    PHONE_TEXT = 40,
    HOUR = 3600,
    DAY = 24 * HOUR,
};

/* ---- names and labels ---- */

typedef struct name_label {
    const char *name, *label;
} name_label;

#define FD_ROW(id, name, label) {name, label},
static const name_label key_kinds[] = {FD_KEY_KIND_LIST(FD_ROW)};
static const name_label reasons[] = {FD_KEY_REASON_LIST(FD_ROW)};
static const name_label borrower_kinds[] = {FD_BORROWER_KIND_LIST(FD_ROW)};
static const name_label outcomes[] = {FD_KEY_OUTCOME_LIST(FD_ROW)};
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

#define FD_NAMES(prefix, type, table, count)                                    \
    const char *prefix##_name(type v) { return table[v].name; }                 \
    const char *prefix##_label(type v) { return _(table[v].label); }            \
    bool prefix##_parse(const char *name, type *out)                            \
    {                                                                           \
        int i;                                                                  \
        if (!parse_name(table, count, name, &i))                                \
            return false;                                                       \
        *out = (type)i;                                                         \
        return true;                                                            \
    }
FD_NAMES(fd_key_kind, fd_key_kind, key_kinds, FD_KEY_KIND_COUNT)
FD_NAMES(fd_key_reason, fd_key_reason, reasons, FD_KEY_REASON_COUNT)
FD_NAMES(fd_borrower_kind, fd_borrower_kind, borrower_kinds, FD_BORROWER_KIND_COUNT)
FD_NAMES(fd_key_outcome, fd_key_outcome, outcomes, FD_KEY_OUTCOME_COUNT)
#undef FD_NAMES

static const name_label key_states[] = {
    {"in_store", N_("In store")},
    {"on_loan", N_("On loan")},
    {"damaged", N_("Damaged")},
    {"lost", N_("Lost")},
    {"to_seal", N_("Retired, new key to be sealed")},
    {"retired", N_("Retired")},
};
static const name_label loan_states[] = {
    {"requested", N_("Waiting for consent")},
    {"approved", N_("Approved")},
    {"out", N_("Out")},
    {"returned", N_("Returned")},
    {"refused", N_("Refused")},
    {"cancelled", N_("Cancelled")},
};
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
    {"refuse", N_("Refused")},
    {"cancel", N_("Cancelled")},
    {"notify", N_("Call recorded")},
};

#define FD_COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))

static const char *label_of(const name_label *table, int count, const char *name)
{
    int i;
    return parse_name(table, count, name, &i) ? _(table[i].label) : name;
}

const char *fd_key_state_label(const char *state, bool overdue)
{
    if (overdue && state && strcmp(state, "on_loan") == 0)
        return _("Overdue");
    if (overdue && state && strcmp(state, "to_seal") == 0)
        return _("New key not sealed in time");
    return label_of(key_states, FD_COUNT(key_states), state);
}

const char *fd_loan_state_label(const char *state, bool overdue)
{
    if (overdue && state && strcmp(state, "out") == 0)
        return _("Overdue");
    return label_of(loan_states, FD_COUNT(loan_states), state);
}

const char *fd_key_event_label(const char *event)
{
    return label_of(events, FD_COUNT(events), event);
}

static const char *key_state_plain(const char *state) { return fd_key_state_label(state, false); }
static const char *loan_state_plain(const char *state) { return fd_loan_state_label(state, false); }

/* ---- the machines ---- */

static fd_status emergency_calls_made(fd_desk *d, const fd_fire *fire, int64_t loan_id,
                                      fd_error *err);

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
    {"requested", "notify", "requested", FD_ACT_KEY_LOAN, NULL},
    {"approved", "notify", "approved", FD_ACT_KEY_LOAN, NULL},
    {"out", "notify", "out", FD_ACT_KEY_LOAN, NULL},
};

const fd_machine fd_key_machine = {"key", key_rows, sizeof key_rows / sizeof key_rows[0],
                                   key_state_plain};
const fd_machine fd_loan_machine = {"loan", loan_rows, sizeof loan_rows / sizeof loan_rows[0],
                                    loan_state_plain};

static fd_status fire(fd_desk *d, const fd_machine *m, int64_t id, const char *event,
                      const fd_actor *who, const fd_actor *approver, const char *note,
                      const char *data, fd_error *err)
{
    fd_fire f = {.actor = who, .approver = approver, .note = note && *note ? note : NULL,
                 .data = data};
    return fd_machine_fire(d, m, id, event, &f, NULL, err);
}

/* Fires event with {"name": value} as its data. */
static fd_status fire_with(fd_desk *d, const fd_machine *m, int64_t id, const char *event,
                           const fd_actor *who, const fd_actor *approver, const char *note,
                           const char *name, int64_t value, fd_error *err)
{
    char data[64];
    snprintf(data, sizeof data, "{\"%s\":%lld}", name, (long long)value);
    return fire(d, m, id, event, who, approver, note, data, err);
}

static bool may(const fd_actor *who, const fd_actor *approver, fd_action action)
{
    return fd_may(who, action) || (approver && fd_may(approver, action));
}

/* ---- what is typed ---- */

/* Copies text without surrounding blanks to out ("" when blank). missing: the message
 * when it is required, NULL when it may be left empty. */
static fd_status check_text(const char *text, const char *field, long max_chars,
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

static fd_status check_note(const char *note, const char *missing, char out[NOTE_BYTES],
                            fd_error *err)
{
    return check_text(note, "note", FD_KEY_NOTE_MAX, missing, out, NOTE_BYTES, err);
}

/* Tags are what a barcode label carries: letters, digits and a few separators; stored
 * in upper case so a lookup is one exact index probe whatever case was typed. */
static fd_status check_tag(const char *tag, char out[TAG_TEXT], fd_error *err)
{
    static const char allowed[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./";
    char typed[TAG_TEXT * 2];
    fd_status s = check_text(tag, "tag", FD_KEY_TAG_MAX, _("Enter or scan the key's tag."), typed,
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
    fd_status s = check_text(department, "department", FD_KEY_TEXT_MAX,
                             _("Choose the custodian's department."), out, TEXT_BYTES, err);
    const fd_string_list *known = &d->config->departments;
    if (s != FD_OK || known->count == 0)
        return s;
    for (size_t i = 0; i < known->count; i++)
        if (strcmp(known->items[i], out) == 0)
            return FD_OK;
    return fd_fail(err, FD_INVALID, "department", _("%s is not one of the site's departments."), out);
}

typedef struct custodian {
    char department[TEXT_BYTES], person[TEXT_BYTES];
} custodian;

static fd_status check_custodian(const fd_desk *d, const char *department, const char *person,
                                 custodian *out, fd_error *err)
{
    fd_status s = check_department(d, department, out->department, err);
    if (s != FD_OK)
        return s;
    return check_text(person, "custodian", FD_KEY_TEXT_MAX, _("Name the custodian."), out->person,
                      TEXT_BYTES, err);
}

/* ---- reading inside the operations ---- */

typedef struct key_base {
    int64_t id, unit_id, entrustment_id;
    char tag[TAG_TEXT];
    char description[TEXT_BYTES];
    fd_key_kind kind;
    char state[FD_STATE_MAX];
} key_base;

static fd_status load_key(fd_desk *d, int64_t id, const char *field, key_base *out, fd_error *err)
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
        snprintf(out->state, sizeof out->state, "%s", fd_col_text(st, FD_COL_KEY_BASE_STATE));
    }
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, field, _("There is no key number %lld."), (long long)id);
    return s;
}

/* An id the statement returns in its first column; FD_NOT_FOUND when there is no row
 * or it is NULL. */
static fd_status first_id(fd_stmt *st, int64_t *id, fd_error *err)
{
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK && fd_col_null(st, 0))
        s = FD_NOT_FOUND;
    if (s == FD_OK)
        *id = fd_col_int(st, 0);
    fd_stmt_reset(st);
    return s;
}

static fd_status find_tag(fd_desk *d, const char *tag, int64_t *id, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_BY_TAG);
    fd_bind_text(st, ":tag", tag);
    return first_id(st, id, err);
}

static fd_status tag_free(fd_desk *d, const char *tag, fd_error *err)
{
    int64_t other;
    fd_status s = find_tag(d, tag, &other, err);
    if (s == FD_OK)
        return fd_fail(err, FD_CONFLICT, "tag", _("The tag %s is already on another key."), tag);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static fd_status unit_code(fd_desk *d, int64_t unit_id, char *out, size_t size, fd_error *err)
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

static void bind_optional_id(fd_stmt *st, const char *param, int64_t id)
{
    if (id > 0)
        fd_bind_int(st, param, id);
    else
        fd_bind_null(st, param);
}

static void bind_optional_text(fd_stmt *st, const char *param, const char *text)
{
    fd_bind_text(st, param, text && *text ? text : NULL);
}

/* Runs an INSERT, then the audit entry of the new row. */
static fd_status insert_row(fd_desk *d, const fd_actor *who, fd_stmt *st, const char *action,
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

static fd_status insert_custody(fd_desk *d, const fd_actor *who, int64_t key_id,
                                const custodian *c, const char *note, int64_t *id, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_CUSTODY_INSERT);
    fd_bind_int(st, ":key_id", key_id);
    fd_bind_text(st, ":department", c->department);
    fd_bind_text(st, ":person", c->person);
    bind_optional_text(st, ":note", note);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    return insert_row(d, who, st, "key.custody", FD_TABLE_key_custody, id, err);
}

/* A key about to be added to the register, and how it came to be. */
typedef struct key_spec {
    char tag[TAG_TEXT];
    int64_t unit_id, entrustment_id, copy_of, replaces;
    char description[TEXT_BYTES];
    fd_key_kind kind;
    custodian keeper;
    const char *event;    /* its creating event: register, copy or replace */
    fd_action action;
    int64_t related;      /* copy: the source; replace: the key replaced */
} key_spec;

/* Inserts the key and its first custodian and fires its creating event. */
static fd_status add_key(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                         const key_spec *k, const char *note, int64_t *id, fd_error *err)
{
    fd_status s = tag_free(d, k->tag, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_INSERT);
    fd_bind_text(st, ":tag", k->tag);
    bind_optional_id(st, ":unit_id", k->unit_id);
    fd_bind_text(st, ":description", k->description);
    fd_bind_text(st, ":kind", fd_key_kind_name(k->kind));
    bind_optional_id(st, ":entrustment_id", k->entrustment_id);
    bind_optional_id(st, ":copy_of", k->copy_of);
    bind_optional_id(st, ":replaces", k->replaces);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    int64_t custody;
    if ((s = insert_row(d, who, st, fd_action_name(k->action), FD_TABLE_key_item, id, err)) != FD_OK ||
        (s = insert_custody(d, who, *id, &k->keeper, NULL, &custody, err)) != FD_OK)
        return s;
    char data[96];
    if (k->related)
        snprintf(data, sizeof data, "{\"custody\":%lld,\"key\":%lld}", (long long)custody,
                 (long long)k->related);
    else
        snprintf(data, sizeof data, "{\"custody\":%lld}", (long long)custody);
    return fire(d, &fd_key_machine, *id, k->event, who, approver, note, data, err);
}

/* ---- registering ---- */

/* An owner's spare key is held only under the unit's signed entrustment. */
static fd_status entrustment_of(fd_desk *d, int64_t unit_id, int64_t given, const char *unit,
                                int64_t *out, fd_error *err)
{
    fd_stmt *st;
    fd_status s;
    if (given > 0) {
        st = fd_sql(d->store, FD_SQL_KEY_ENTRUSTMENT_OF_UNIT);
        fd_bind_int(st, ":id", given);
        fd_bind_int(st, ":unit_id", unit_id);
        *out = given;
        s = fd_step_row(st, err);
        fd_stmt_reset(st);
        if (s == FD_NOT_FOUND)
            return fd_fail(err, FD_INVALID, "entrustment",
                           _("That key entrustment is not one of unit %s."), unit);
        return s;
    }
    st = fd_sql(d->store, FD_SQL_KEY_ENTRUSTMENT_LATEST);
    fd_bind_int(st, ":unit_id", unit_id);
    s = first_id(st, out, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_INVALID, "entrustment",
                       _("Unit %s has no key entrustment on file: the desk may not hold its "
                         "owner's spare key."), unit);
    return s;
}

typedef struct register_ctx {
    fd_desk *d;
    const fd_actor *who;
    key_spec spec;
    int64_t given_entrustment;
    int64_t id;
} register_ctx;

static fd_status register_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    register_ctx *r = ctx;
    key_spec *k = &r->spec;
    char unit[80] = "";
    fd_status s = FD_OK;
    if (k->unit_id > 0)
        s = unit_code(r->d, k->unit_id, unit, sizeof unit, err);
    if (s == FD_OK && k->kind == FD_KEY_SPARE)
        s = entrustment_of(r->d, k->unit_id, r->given_entrustment, unit, &k->entrustment_id, err);
    if (s != FD_OK)
        return s;
    return add_key(r->d, r->who, NULL, k, NULL, &r->id, err);
}

fd_status fd_key_register(fd_desk *d, const fd_actor *who, const fd_key_new *k, int64_t *id,
                          fd_error *err)
{
    if (!fd_may(who, FD_ACT_KEY_REGISTER))
        return fd_fail(err, FD_DENIED, NULL, _("Only the desk staff register keys."));
    register_ctx r = {.d = d, .who = who,
                      .spec = {.unit_id = k->unit_id, .kind = k->kind, .event = "register",
                               .action = FD_ACT_KEY_REGISTER},
                      .given_entrustment = k->entrustment_id};
    fd_status s;
    if ((s = check_tag(k->tag, r.spec.tag, err)) != FD_OK ||
        (s = check_text(k->description, "description", FD_KEY_TEXT_MAX,
                        k->unit_id > 0 ? NULL : _("Say what the key opens."),
                        r.spec.description, TEXT_BYTES, err)) != FD_OK ||
        (s = check_custodian(d, k->department, k->custodian, &r.spec.keeper, err)) != FD_OK)
        return s;
    if ((unsigned)k->kind >= FD_KEY_KIND_COUNT)
        return fd_fail(err, FD_INVALID, "kind", _("Choose the kind of key."));
    if (k->kind == FD_KEY_SPARE && k->unit_id <= 0)
        return fd_fail(err, FD_INVALID, "unit", _("An owner's spare key opens a unit: choose it."));
    if ((s = fd_store_write(d->store, register_txn, &r, err)) == FD_OK && id)
        *id = r.id;
    return s;
}

fd_status fd_key_find_tag(fd_desk *d, const char *tag, int64_t *id, fd_error *err)
{
    char clean[TAG_TEXT];
    fd_status s = check_tag(tag, clean, err);
    if (s != FD_OK)
        return s;
    s = find_tag(d, clean, id, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "tag", _("No key has the tag %s."), clean);
    return s;
}

/* ---- custody, copies, incidents, lock changes ---- */

typedef struct key_op {
    fd_desk *d;
    const fd_actor *who, *approver;
    int64_t key_id;
    custodian keeper;
    char tag[TAG_TEXT];
    char note[NOTE_BYTES];
    char responsible[TEXT_BYTES];
    fd_key_incident_kind incident;
    int64_t new_id;
} key_op;

static bool same_custodian(fd_desk *d, int64_t key_id, const custodian *c)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_CUSTODIAN);
    fd_bind_int(st, ":key_id", key_id);
    bool same = fd_step_row(st, NULL) == FD_OK && strcmp(fd_col_text(st, FD_COL_KEY_CUSTODIAN_DEPARTMENT), c->department) == 0 &&
                strcmp(fd_col_text(st, FD_COL_KEY_CUSTODIAN_PERSON), c->person) == 0;
    fd_stmt_reset(st);
    return same;
}

static fd_status transfer_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    key_op *o = ctx;
    key_base key;
    fd_status s = load_key(o->d, o->key_id, "key", &key, err);
    if (s != FD_OK)
        return s;
    if (same_custodian(o->d, key.id, &o->keeper))
        return fd_fail(err, FD_INVALID, "custodian", _("Key %s is already in %s's custody."),
                       key.tag, o->keeper.person);
    int64_t custody;
    if ((s = insert_custody(o->d, o->who, key.id, &o->keeper, o->note, &custody, err)) != FD_OK)
        return s;
    return fire_with(o->d, &fd_key_machine, key.id, "transfer", o->who, NULL, o->note, "custody",
                     custody, err);
}

fd_status fd_key_transfer(fd_desk *d, const fd_actor *who, int64_t key_id, const char *department,
                          const char *person, const char *note, fd_error *err)
{
    key_op o = {.d = d, .who = who, .key_id = key_id};
    fd_status s;
    if ((s = check_custodian(d, department, person, &o.keeper, err)) != FD_OK ||
        (s = check_note(note, NULL, o.note, err)) != FD_OK)
        return s;
    return fd_store_write(d->store, transfer_txn, &o, err);
}

/* The copy opens what its source opens, under the same entrustment. */
static fd_status copy_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    key_op *o = ctx;
    key_base src;
    fd_status s = load_key(o->d, o->key_id, "key", &src, err);
    if (s != FD_OK)
        return s;
    key_spec k = {.unit_id = src.unit_id, .entrustment_id = src.entrustment_id,
                  .copy_of = src.id, .kind = src.kind, .keeper = o->keeper, .event = "copy",
                  .action = FD_ACT_KEY_COPY, .related = src.id};
    memcpy(k.tag, o->tag, sizeof k.tag);
    memcpy(k.description, src.description, sizeof k.description);
    if ((s = add_key(o->d, o->who, o->approver, &k, o->note, &o->new_id, err)) != FD_OK)
        return s;
    return fire_with(o->d, &fd_key_machine, src.id, "copied", o->who, o->approver, o->note, "key",
                     o->new_id, err);
}

fd_status fd_key_copy(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t key_id,
                      const char *tag, const char *department, const char *person,
                      const char *note, int64_t *copy_id, fd_error *err)
{
    if (!may(who, approver, FD_ACT_KEY_COPY))
        return fd_fail(err, FD_DENIED, "approver",
                       _("A key copy needs the customer-service manager's approval."));
    key_op o = {.d = d, .who = who, .approver = approver, .key_id = key_id};
    fd_status s;
    if ((s = check_tag(tag, o.tag, err)) != FD_OK ||
        (s = check_custodian(d, department, person, &o.keeper, err)) != FD_OK ||
        (s = check_note(note, _("Say why the copy is made."), o.note, err)) != FD_OK)
        return s;
    if ((s = fd_store_write(d->store, copy_txn, &o, err)) == FD_OK && copy_id)
        *copy_id = o.new_id;
    return s;
}

static fd_status incident_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    key_op *o = ctx;
    key_base key;
    fd_status s = load_key(o->d, o->key_id, "key", &key, err);
    if (s != FD_OK)
        return s;
    int64_t loan = 0;
    if (strcmp(key.state, "on_loan") == 0) {
        fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_CURRENT_LOAN);
        fd_bind_int(st, ":key_id", key.id);
        if ((s = first_id(st, &loan, err)) != FD_OK && s != FD_NOT_FOUND)
            return s;
    }
    bool lost = o->incident == FD_KEY_LOST;
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_INCIDENT_INSERT);
    fd_bind_int(st, ":key_id", key.id);
    fd_bind_text(st, ":kind", lost ? "lost" : "damaged");
    fd_bind_text(st, ":responsible", o->responsible);
    bind_optional_id(st, ":loan_id", loan);
    bind_optional_text(st, ":note", o->note);
    fd_bind_int(st, ":at", fd_desk_now(o->d));
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    int64_t id;
    if ((s = insert_row(o->d, o->who, st, lost ? "key.lost" : "key.damaged", FD_TABLE_key_incident,
                        &id, err)) != FD_OK)
        return s;
    return fire_with(o->d, &fd_key_machine, key.id, lost ? "lose" : "damage", o->who, NULL, o->note,
                     "incident", id, err);
}

fd_status fd_key_incident(fd_desk *d, const fd_actor *who, int64_t key_id,
                          fd_key_incident_kind kind, const char *responsible, const char *note,
                          fd_error *err)
{
    key_op o = {.d = d, .who = who, .key_id = key_id, .incident = kind};
    fd_status s;
    if (kind != FD_KEY_LOST && kind != FD_KEY_DAMAGED)
        return fd_fail(err, FD_INVALID, "incident", _("Say whether the key is lost or damaged."));
    if ((s = check_text(responsible, "responsible", FD_KEY_TEXT_MAX,
                        _("Name the person responsible."), o.responsible, TEXT_BYTES, err)) != FD_OK ||
        (s = check_note(note, NULL, o.note, err)) != FD_OK)
        return s;
    return fd_store_write(d->store, incident_txn, &o, err);
}

static fd_status recover_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    key_op *o = ctx;
    key_base key;
    fd_status s = load_key(o->d, o->key_id, "key", &key, err);
    if (s != FD_OK)
        return s;
    const char *event = strcmp(key.state, "lost") == 0      ? "find"
                        : strcmp(key.state, "damaged") == 0 ? "repair"
                                                            : NULL;
    if (!event)
        return fd_fail(err, FD_STATE, NULL,
                       _("Key %s is %s: only a lost or damaged key comes back into store."),
                       key.tag, fd_key_state_label(key.state, false));
    return fire(o->d, &fd_key_machine, key.id, event, o->who, NULL, o->note, NULL, err);
}

fd_status fd_key_recover(fd_desk *d, const fd_actor *who, int64_t key_id, const char *note,
                         fd_error *err)
{
    key_op o = {.d = d, .who = who, .key_id = key_id};
    fd_status s = check_note(note, NULL, o.note, err);
    return s == FD_OK ? fd_store_write(d->store, recover_txn, &o, err) : s;
}

static fd_status retire_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    key_op *o = ctx;
    key_base key;
    fd_status s = load_key(o->d, o->key_id, "key", &key, err);
    if (s != FD_OK)
        return s;
    return fire(o->d, &fd_key_machine, key.id, "retire", o->who, o->approver, o->note, NULL, err);
}

fd_status fd_key_retire(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t key_id,
                        const char *note, fd_error *err)
{
    if (!may(who, approver, FD_ACT_KEY_RETIRE))
        return fd_fail(err, FD_DENIED, "approver",
                       _("Retiring a key needs a duty manager or the customer-service manager."));
    key_op o = {.d = d, .who = who, .approver = approver, .key_id = key_id};
    fd_status s = check_note(note, _("Say why the key is retired."), o.note, err);
    return s == FD_OK ? fd_store_write(d->store, retire_txn, &o, err) : s;
}

typedef struct key_ids {
    size_t count;
    int64_t *ids;
} key_ids;

static fd_status read_lock_family(fd_desk *d, int64_t key_id, key_ids *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_LOCK_FAMILY);
    fd_bind_int(st, ":key_id", key_id);
    int rc;
    *out = (key_ids){0};
    while ((rc = fd_step(st, err)) == 1) {
        out->ids = fd_realloc(out->ids, (out->count + 1) * sizeof *out->ids);
        out->ids[out->count++] = fd_col_int(st, FD_COL_KEY_LOCK_FAMILY_ID);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* The other keys of the changed lock open nothing now: each is retired with it, its
 * own event naming the key whose lock was changed, so none goes back into store. Read
 * whole first: every event moves entity_state, which the walk reads. */
static fd_status retire_lock_family(key_op *o, int64_t key_id, fd_error *err)
{
    key_ids family;
    fd_status s = read_lock_family(o->d, key_id, &family, err);
    for (size_t i = 0; s == FD_OK && i < family.count; i++)
        s = fire_with(o->d, &fd_key_machine, family.ids[i], "lock_changed", o->who, NULL, o->note,
                      "key", key_id, err);
    free(family.ids);
    return s;
}

static fd_status change_lock_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    key_op *o = ctx;
    key_base key;
    fd_status s = load_key(o->d, o->key_id, "key", &key, err);
    if (s != FD_OK ||
        (s = fire(o->d, &fd_key_machine, key.id, "change_lock", o->who, NULL, o->note, NULL, err)) != FD_OK ||
        (s = retire_lock_family(o, key.id, err)) != FD_OK)
        return s;
    fd_time now = fd_desk_now(o->d);
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_LOCK_CHANGE_INSERT);
    fd_bind_int(st, ":key_id", key.id);
    fd_bind_int(st, ":due_at", now + FD_KEY_SEAL_HOURS * HOUR);
    bind_optional_text(st, ":note", o->note);
    fd_bind_int(st, ":at", now);
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    return insert_row(o->d, o->who, st, "key.change_lock", FD_TABLE_key_lock_change, NULL, err);
}

fd_status fd_key_change_lock(fd_desk *d, const fd_actor *who, int64_t key_id, const char *note,
                             fd_error *err)
{
    key_op o = {.d = d, .who = who, .key_id = key_id};
    fd_status s = check_note(note, _("Say why the lock cylinder was changed."), o.note, err);
    return s == FD_OK ? fd_store_write(d->store, change_lock_txn, &o, err) : s;
}

/* The new key takes the old one's place: same door, kind and entrustment. */
static fd_status seal_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    key_op *o = ctx;
    key_base old;
    fd_status s = load_key(o->d, o->key_id, "key", &old, err);
    if (s != FD_OK)
        return s;
    if (strcmp(old.state, "to_seal") != 0)
        return fd_fail(err, FD_STATE, "key", _("Key %s is %s: no new key is waiting to be sealed."),
                       old.tag, fd_key_state_label(old.state, false));
    key_spec k = {.unit_id = old.unit_id, .entrustment_id = old.entrustment_id,
                  .replaces = old.id, .kind = old.kind, .keeper = o->keeper, .event = "replace",
                  .action = FD_ACT_KEY_SEAL, .related = old.id};
    memcpy(k.tag, o->tag, sizeof k.tag);
    memcpy(k.description, old.description, sizeof k.description);
    if ((s = add_key(o->d, o->who, o->approver, &k, o->note, &o->new_id, err)) != FD_OK)
        return s;
    return fire_with(o->d, &fd_key_machine, old.id, "seal", o->who, o->approver, o->note, "key",
                     o->new_id, err);
}

fd_status fd_key_seal(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t old_key_id,
                      const char *tag, const char *department, const char *person,
                      const char *note, int64_t *new_id, fd_error *err)
{
    if (!may(who, approver, FD_ACT_KEY_SEAL))
        return fd_fail(err, FD_DENIED, "approver",
                       _("The new key is received and sealed by the duty manager."));
    key_op o = {.d = d, .who = who, .approver = approver, .key_id = old_key_id};
    fd_status s;
    if ((s = check_tag(tag, o.tag, err)) != FD_OK ||
        (s = check_custodian(d, department, person, &o.keeper, err)) != FD_OK ||
        (s = check_note(note, NULL, o.note, err)) != FD_OK)
        return s;
    if ((s = fd_store_write(d->store, seal_txn, &o, err)) == FD_OK && new_id)
        *new_id = o.new_id;
    return s;
}

/* ---- loans ---- */

fd_time fd_key_loan_due(const fd_config *cfg, fd_key_reason reason, fd_time expected_return,
                        fd_time out_at)
{
    if (reason == FD_KEY_REASON_REPAIR && expected_return > 0)
        return expected_return;
    /* None stays out overnight: due by the curfew, or by the day's end when handed
     * over after it (an emergency at night). */
    fd_time day = fd_date_start(fd_date_of(out_at));
    fd_time curfew = day + (fd_time)cfg->key_curfew * 60;
    return out_at < curfew ? curfew : day + DAY;
}

static void format_clock(fd_time t, char out[FD_TIME_TEXT])
{
    char full[FD_TIME_TEXT];
    fd_time_format(t, full);
    snprintf(out, FD_TIME_TEXT, "%s", full + 11); /* "2026-11-27 18:00" → "18:00" */
}

static fd_status check_expected(const fd_desk *d, const fd_key_loan_new *l, fd_error *err)
{
    fd_time now = fd_desk_now(d), t = l->expected_return;
    if (t == 0)
        return FD_OK;
    if (t <= now)
        return fd_fail(err, FD_INVALID, "expected_return", _("The expected return is already past."));
    if (l->reason == FD_KEY_REASON_REPAIR) {
        if (t > now + FD_KEY_REPAIR_DAYS_MAX * DAY)
            return fd_fail(err, FD_INVALID, "expected_return",
                           _("A repair may keep a key at most %d days."), FD_KEY_REPAIR_DAYS_MAX);
        return FD_OK;
    }
    fd_time due = fd_key_loan_due(d->config, l->reason, 0, now);
    if (t <= due)
        return FD_OK;
    char clock[FD_TIME_TEXT];
    format_clock(due, clock);
    return fd_fail(err, FD_INVALID, "expected_return",
                   _("Keys come back the same day by %s; only an engineering repair may keep "
                     "one longer."), clock);
}

typedef struct loan_input {
    char borrower[TEXT_BYTES], department[TEXT_BYTES], company[TEXT_BYTES];
    char phone[PHONE_TEXT];
    char note[NOTE_BYTES];
} loan_input;

static fd_status check_borrower(const fd_key_loan_new *l, loan_input *in, fd_error *err)
{
    if ((unsigned)l->borrower_kind >= FD_BORROWER_KIND_COUNT)
        return fd_fail(err, FD_INVALID, "borrower_kind", _("Say whether staff or a contractor borrows."));
    bool contractor = l->borrower_kind == FD_BORROWER_CONTRACTOR;
    fd_status s;
    if ((s = check_text(l->borrower, "borrower", FD_KEY_TEXT_MAX, _("Enter the borrower's name."),
                        in->borrower, TEXT_BYTES, err)) != FD_OK ||
        (s = check_text(l->department, "department", FD_KEY_TEXT_MAX,
                        contractor ? NULL : _("Say which department the borrower works in."),
                        in->department, TEXT_BYTES, err)) != FD_OK ||
        (s = check_text(l->company, "company", FD_KEY_TEXT_MAX,
                        contractor ? _("Enter the contractor's company.") : NULL, in->company,
                        TEXT_BYTES, err)) != FD_OK)
        return s;
    bool phone_given = l->phone && l->phone[strspn(l->phone, " \t")];
    in->phone[0] = '\0';
    if (!phone_given)
        return contractor ? fd_fail(err, FD_INVALID, "phone", _("Enter the contractor's phone."))
                          : FD_OK;
    return fd_validate_phone(l->phone, "phone", in->phone, sizeof in->phone, err);
}

static fd_status check_loan(const fd_desk *d, const fd_key_loan_new *l, loan_input *in,
                            fd_error *err)
{
    fd_status s = check_borrower(l, in, err);
    if (s != FD_OK)
        return s;
    if ((unsigned)l->reason >= FD_KEY_REASON_COUNT)
        return fd_fail(err, FD_INVALID, "reason", _("Choose why the key is borrowed."));
    const char *missing = l->emergency ? _("Say what the emergency is (fire, water leak …).")
                          : l->reason == FD_KEY_REASON_OTHER ? _("Say what the key is for.")
                                                             : NULL;
    if ((s = check_note(l->note, missing, in->note, err)) != FD_OK)
        return s;
    if (!l->key_ids || l->key_count == 0)
        return fd_fail(err, FD_INVALID, "keys", _("Choose at least one key."));
    for (size_t i = 0; i < l->key_count; i++)
        for (size_t j = 0; j < i; j++)
            if (l->key_ids[i] == l->key_ids[j])
                return fd_fail(err, FD_INVALID, "keys", _("The same key is chosen twice."));
    return check_expected(d, l, err);
}

/* A key is lent from the store, and is in one open loan at a time: the current loan of
 * a key on loan is then simply its latest. */
static fd_status key_available(fd_desk *d, int64_t key_id, fd_error *err)
{
    key_base key;
    fd_status s = load_key(d, key_id, "keys", &key, err);
    if (s != FD_OK)
        return s;
    if (strcmp(key.state, "in_store") != 0)
        return fd_fail(err, FD_STATE, "keys", _("Key %s is %s: it cannot be lent."), key.tag,
                       fd_key_state_label(key.state, false));
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_OPEN_LOAN);
    fd_bind_int(st, ":key_id", key_id);
    int64_t loan;
    s = first_id(st, &loan, err);
    if (s == FD_OK)
        return fd_fail(err, FD_CONFLICT, "keys", _("Key %s is already in loan %lld."), key.tag,
                       (long long)loan);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

typedef struct loan_op {
    fd_desk *d;
    const fd_actor *who, *approver;
    const fd_key_loan_new *loan;
    const loan_input *in;
    int64_t loan_id;
    char note[NOTE_BYTES];
    char returned_by[TEXT_BYTES];
    const char *event;
} loan_op;

static fd_status insert_loan(loan_op *o, fd_error *err)
{
    const fd_key_loan_new *l = o->loan;
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_LOAN_INSERT);
    fd_bind_text(st, ":borrower_kind", fd_borrower_kind_name(l->borrower_kind));
    fd_bind_text(st, ":borrower", o->in->borrower);
    bind_optional_text(st, ":department", o->in->department);
    bind_optional_text(st, ":company", o->in->company);
    bind_optional_text(st, ":phone_clear", o->in->phone);
    if (o->in->phone[0]) {
        char mac[FD_HASH_HEX];
        fd_desk_hmac_hex(o->d, o->in->phone, mac);
        fd_bind_text(st, ":phone_hmac", mac);
    } else {
        fd_bind_null(st, ":phone_hmac");
    }
    fd_bind_text(st, ":reason", fd_key_reason_name(l->reason));
    bind_optional_text(st, ":note", o->in->note);
    bind_optional_id(st, ":expected_return", l->expected_return);
    fd_bind_int(st, ":emergency", l->emergency);
    fd_bind_int(st, ":at", fd_desk_now(o->d));
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    fd_status s = insert_row(o->d, o->who, st, fd_action_name(FD_ACT_KEY_LOAN), FD_TABLE_key_loan,
                             &o->loan_id, err);
    for (size_t i = 0; s == FD_OK && i < l->key_count; i++) {
        if ((s = key_available(o->d, l->key_ids[i], err)) != FD_OK)
            break;
        st = fd_sql(o->d->store, FD_SQL_KEY_LOAN_ITEM_INSERT);
        fd_bind_int(st, ":loan_id", o->loan_id);
        fd_bind_int(st, ":key_id", l->key_ids[i]);
        s = insert_row(o->d, o->who, st, "key.loan_item", FD_TABLE_key_loan_item, NULL, err);
    }
    return s;
}

typedef struct loan_base {
    fd_key_reason reason;
    fd_time expected_return;
    bool emergency;
} loan_base;

static fd_status load_loan(fd_desk *d, int64_t id, loan_base *out, fd_error *err)
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

/* The keys of a loan, with their states, read before any of them moves. */
typedef struct loan_keys {
    size_t count;
    struct {
        int64_t id;
        char tag[TAG_TEXT];
        char state[FD_STATE_MAX];
    } *keys;
} loan_keys;

static fd_status read_loan_keys(fd_desk *d, int64_t loan_id, loan_keys *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_LOAN_KEYS);
    fd_bind_int(st, ":loan_id", loan_id);
    int rc;
    out->count = 0;
    out->keys = NULL;
    while ((rc = fd_step(st, err)) == 1) {
        out->keys = fd_realloc(out->keys, (out->count + 1) * sizeof *out->keys);
        out->keys[out->count].id = fd_col_int(st, FD_COL_KEY_LOAN_KEYS_ID);
        snprintf(out->keys[out->count].tag, TAG_TEXT, "%s", fd_col_text(st, FD_COL_KEY_LOAN_KEYS_TAG));
        snprintf(out->keys[out->count].state, FD_STATE_MAX, "%s", fd_col_text(st, FD_COL_KEY_LOAN_KEYS_STATE));
        out->count++;
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* The field an emergency loan's missing calls are reported against. */
#define CALLS_FIELD "notices"

bool fd_key_loan_awaits_calls(const fd_error *err)
{
    return err->status == FD_INVALID && strcmp(err->field, CALLS_FIELD) == 0;
}

/* An emergency loan of spare keys goes out only once someone has been called for every
 * unit: the owner/tenant first, else their emergency contact. */
static fd_status emergency_calls_made(fd_desk *d, const fd_fire *fire_, int64_t loan_id,
                                      fd_error *err)
{
    (void)fire_;
    loan_base loan;
    fd_status s = load_loan(d, loan_id, &loan, err);
    if (s != FD_OK || !loan.emergency)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_LOAN_UNITS);
    fd_bind_int(st, ":loan_id", loan_id);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        if (fd_col_int(st, FD_COL_KEY_LOAN_UNITS_NOTICES) == 0) {
            s = fd_fail(err, FD_INVALID, CALLS_FIELD,
                        _("Emergency: record a call about %s before the key is used."),
                        fd_col_text(st, FD_COL_KEY_LOAN_UNITS_CODE));
            fd_stmt_reset(st);
            return s;
        }
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static fd_status lend_keys(loan_op *o, const loan_keys *keys, fd_error *err)
{
    for (size_t i = 0; i < keys->count; i++)
        if (strcmp(keys->keys[i].state, "in_store") != 0)
            return fd_fail(err, FD_STATE, "keys", _("Key %s is %s: it cannot be handed over."),
                           keys->keys[i].tag, fd_key_state_label(keys->keys[i].state, false));
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < keys->count; i++)
        s = fire_with(o->d, &fd_key_machine, keys->keys[i].id, "lend", o->who, NULL, NULL, "loan",
                      o->loan_id, err);
    return s;
}

static fd_status lend(loan_op *o, fd_error *err)
{
    loan_base loan;
    fd_status s = load_loan(o->d, o->loan_id, &loan, err);
    if (s != FD_OK)
        return s;
    fd_time now = fd_desk_now(o->d);
    if (loan.reason == FD_KEY_REASON_REPAIR && loan.expected_return > 0 && loan.expected_return <= now)
        return fd_fail(err, FD_INVALID, "expected_return",
                       _("The expected return has passed: cancel this loan and record a new one."));
    if ((s = fire(o->d, &fd_loan_machine, o->loan_id, "lend", o->who, NULL, NULL, NULL, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_LOAN_OUT_INSERT);
    fd_bind_int(st, ":loan_id", o->loan_id);
    fd_bind_int(st, ":due_at", fd_key_loan_due(o->d->config, loan.reason, loan.expected_return, now));
    fd_bind_int(st, ":at", now);
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    if ((s = insert_row(o->d, o->who, st, "key.lend", FD_TABLE_key_loan_out, NULL, err)) != FD_OK)
        return s;
    loan_keys keys;
    if ((s = read_loan_keys(o->d, o->loan_id, &keys, err)) == FD_OK)
        s = lend_keys(o, &keys, err);
    free(keys.keys);
    return s;
}

static fd_status request_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    loan_op *o = ctx;
    fd_status s;
    if ((s = insert_loan(o, err)) != FD_OK ||
        (s = fire(o->d, &fd_loan_machine, o->loan_id, "request", o->who, NULL, NULL, NULL, err)) != FD_OK)
        return s;
    bool consent = o->approver || fd_may(o->who, FD_ACT_KEY_LOAN_APPROVE);
    if (consent && (s = fire(o->d, &fd_loan_machine, o->loan_id, "approve", o->who, o->approver,
                             NULL, NULL, err)) != FD_OK)
        return s;
    if (!o->loan->hand_over)
        return FD_OK;
    if (!consent)
        return fd_fail(err, FD_DENIED, "approver",
                       _("A duty manager or the customer-service manager must consent before "
                         "keys are handed over."));
    return lend(o, err);
}

fd_status fd_key_loan_request(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                              const fd_key_loan_new *loan, int64_t *loan_id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_KEY_LOAN))
        return fd_fail(err, FD_DENIED, NULL, _("Only the desk staff record key loans."));
    if (approver && !fd_may(approver, FD_ACT_KEY_LOAN_APPROVE))
        return fd_fail(err, FD_DENIED, "approver",
                       _("A loan is consented to by a duty manager or the customer-service "
                         "manager, not by %s."), fd_role_label(approver->role));
    loan_input in;
    fd_status s = check_loan(d, loan, &in, err);
    if (s != FD_OK)
        return s;
    loan_op o = {.d = d, .who = who, .approver = approver, .loan = loan, .in = &in};
    if ((s = fd_store_write(d->store, request_txn, &o, err)) == FD_OK && loan_id)
        *loan_id = o.loan_id;
    return s;
}

/* approve, refuse, cancel: the loan's state alone changes. */
static fd_status loan_event_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    loan_op *o = ctx;
    loan_base loan;
    fd_status s = load_loan(o->d, o->loan_id, &loan, err);
    if (s != FD_OK)
        return s;
    return fire(o->d, &fd_loan_machine, o->loan_id, o->event, o->who, o->approver, o->note, NULL,
                err);
}

static fd_status consent(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                         int64_t loan_id, const char *event, const char *note,
                         const char *missing, fd_error *err)
{
    if (!may(who, approver, FD_ACT_KEY_LOAN_APPROVE))
        return fd_fail(err, FD_DENIED, "approver",
                       _("A loan needs the consent of a duty manager or the customer-service "
                         "manager."));
    loan_op o = {.d = d, .who = who, .approver = approver, .loan_id = loan_id, .event = event};
    fd_status s = check_note(note, missing, o.note, err);
    return s == FD_OK ? fd_store_write(d->store, loan_event_txn, &o, err) : s;
}

fd_status fd_key_loan_approve(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                              int64_t loan_id, const char *note, fd_error *err)
{
    return consent(d, who, approver, loan_id, "approve", note, NULL, err);
}

fd_status fd_key_loan_refuse(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                             int64_t loan_id, const char *note, fd_error *err)
{
    return consent(d, who, approver, loan_id, "refuse", note, _("Say why the loan is refused."), err);
}

fd_status fd_key_loan_cancel(fd_desk *d, const fd_actor *who, int64_t loan_id, const char *note,
                             fd_error *err)
{
    loan_op o = {.d = d, .who = who, .loan_id = loan_id, .event = "cancel"};
    fd_status s = check_note(note, NULL, o.note, err);
    return s == FD_OK ? fd_store_write(d->store, loan_event_txn, &o, err) : s;
}

static fd_status lend_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    return lend(ctx, err);
}

fd_status fd_key_loan_lend(fd_desk *d, const fd_actor *who, int64_t loan_id, fd_error *err)
{
    loan_op o = {.d = d, .who = who, .loan_id = loan_id};
    return fd_store_write(d->store, lend_txn, &o, err);
}

static fd_status return_keys(loan_op *o, const loan_keys *keys, fd_error *err)
{
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < keys->count; i++)
        if (strcmp(keys->keys[i].state, "on_loan") == 0)
            s = fire_with(o->d, &fd_key_machine, keys->keys[i].id, "return", o->who, NULL, NULL,
                          "loan", o->loan_id, err);
    return s;
}

static fd_status return_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    loan_op *o = ctx;
    loan_base loan;
    fd_status s;
    if ((s = load_loan(o->d, o->loan_id, &loan, err)) != FD_OK ||
        (s = fire(o->d, &fd_loan_machine, o->loan_id, "return", o->who, NULL, o->note, NULL, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_LOAN_RETURN_INSERT);
    fd_bind_int(st, ":loan_id", o->loan_id);
    fd_bind_text(st, ":returned_by", o->returned_by);
    bind_optional_text(st, ":note", o->note);
    fd_bind_int(st, ":at", fd_desk_now(o->d));
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    if ((s = insert_row(o->d, o->who, st, "key.return", FD_TABLE_key_loan_return, NULL, err)) != FD_OK)
        return s;
    loan_keys keys;
    if ((s = read_loan_keys(o->d, o->loan_id, &keys, err)) == FD_OK)
        s = return_keys(o, &keys, err);
    free(keys.keys);
    return s;
}

fd_status fd_key_loan_return(fd_desk *d, const fd_actor *who, int64_t loan_id,
                             const char *returned_by, const char *note, fd_error *err)
{
    loan_op o = {.d = d, .who = who, .loan_id = loan_id};
    fd_status s;
    if ((s = check_text(returned_by, "returned_by", FD_KEY_TEXT_MAX,
                        _("Say who brought the keys back."), o.returned_by, TEXT_BYTES, err)) != FD_OK ||
        (s = check_note(note, NULL, o.note, err)) != FD_OK)
        return s;
    return fd_store_write(d->store, return_txn, &o, err);
}

/* ---- emergency calls ---- */

/* The spare-key units of a loan and the calls each has had. */
typedef struct loan_units {
    size_t count;
    struct {
        int64_t id;
        char code[80];
        int64_t calls;
    } *units;
} loan_units;

static fd_status read_loan_units(fd_desk *d, int64_t loan_id, loan_units *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_LOAN_UNITS);
    fd_bind_int(st, ":loan_id", loan_id);
    int rc;
    out->count = 0;
    out->units = NULL;
    while ((rc = fd_step(st, err)) == 1) {
        out->units = fd_realloc(out->units, (out->count + 1) * sizeof *out->units);
        out->units[out->count].id = fd_col_int(st, FD_COL_KEY_LOAN_UNITS_ID);
        snprintf(out->units[out->count].code, sizeof out->units[0].code, "%s", fd_col_text(st, FD_COL_KEY_LOAN_UNITS_CODE));
        out->units[out->count].calls = fd_col_int(st, FD_COL_KEY_LOAN_UNITS_NOTICES);
        out->count++;
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* The directory entry called, found among the unit's contacts, and whether the unit
 * has an owner or tenant at all. */
typedef struct callee {
    fd_dir_kind kind;
    int64_t id;
    bool found, has_occupant;
    char name[TEXT_BYTES];
    char phone[PHONE_TEXT];
} callee;

static void match_callee(void *ctx, const fd_dir_entry *e)
{
    callee *c = ctx;
    if (e->kind == FD_DIR_OCCUPANT)
        c->has_occupant = true;
    if (e->kind == c->kind && e->id == c->id && !c->found) {
        c->found = true;
        snprintf(c->name, sizeof c->name, "%s", e->name ? e->name : "");
        snprintf(c->phone, sizeof c->phone, "%s", e->phone ? e->phone : "");
    }
}

typedef struct notice_input {
    int64_t unit_id;
    fd_dir_kind target;
    int64_t target_id;
    char name[TEXT_BYTES];
    char phone[PHONE_TEXT];  /* typed, normalised; "" to use the directory's */
    fd_key_outcome outcome;
    char note[NOTE_BYTES];
    fd_time called_at;
} notice_input;

static fd_status check_notice(const fd_desk *d, const fd_key_notice_new *n, notice_input *in,
                              fd_error *err)
{
    *in = (notice_input){.unit_id = n->unit_id, .target = n->target, .target_id = n->target_id,
                         .outcome = n->outcome};
    if (n->target != 0 && n->target != FD_DIR_OCCUPANT && n->target != FD_DIR_CONTACT)
        return fd_fail(err, FD_INVALID, "target", _("Choose whom you called."));
    if ((unsigned)n->outcome >= FD_KEY_OUTCOME_COUNT)
        return fd_fail(err, FD_INVALID, "outcome", _("Choose how the call went."));
    fd_time now = fd_desk_now(d);
    in->called_at = n->called_at ? n->called_at : now;
    if (in->called_at > now)
        return fd_fail(err, FD_INVALID, "called_at", _("The call cannot be in the future."));
    if (in->called_at < now - DAY)
        return fd_fail(err, FD_INVALID, "called_at", _("Record calls of the last 24 hours only."));
    fd_status s;
    if ((s = check_text(n->name, "name", FD_KEY_TEXT_MAX,
                        n->target == 0 ? _("Say whom you called.") : NULL, in->name, TEXT_BYTES,
                        err)) != FD_OK ||
        (s = check_note(n->note, NULL, in->note, err)) != FD_OK)
        return s;
    bool phone_given = n->phone && n->phone[strspn(n->phone, " \t")];
    if (!phone_given)
        return n->target == 0 ? fd_fail(err, FD_INVALID, "phone", _("Enter the number called."))
                              : FD_OK;
    return fd_validate_phone(n->phone, "phone", in->phone, sizeof in->phone, err);
}

typedef struct notice_op {
    fd_desk *d;
    const fd_actor *who;
    int64_t loan_id;
    notice_input *in;
} notice_op;

static fd_status unit_of_loan(const loan_units *units, int64_t unit_id, const char **code,
                              fd_error *err)
{
    for (size_t i = 0; i < units->count; i++) {
        if (units->units[i].id == unit_id) {
            *code = units->units[i].code;
            return FD_OK;
        }
    }
    return fd_fail(err, FD_INVALID, "unit", _("The loan has no spare key of that unit."));
}

/* Owner or tenant first (要事先通知业主/租户本人): an emergency contact is called only
 * after them, when the unit has any. */
static fd_status check_callee(notice_op *o, const char *unit, callee *c, fd_error *err)
{
    notice_input *in = o->in;
    *c = (callee){.kind = in->target, .id = in->target_id};
    fd_status s = fd_directory_contacts(o->d, in->unit_id, match_callee, c, err);
    if (s != FD_OK)
        return s;
    if (in->target == 0) {
        memcpy(c->name, in->name, sizeof c->name);
        memcpy(c->phone, in->phone, sizeof c->phone);
        return FD_OK;
    }
    if (!c->found)
        return fd_fail(err, FD_NOT_FOUND, "target", _("That person is not on file for %s."), unit);
    if (in->phone[0])
        memcpy(c->phone, in->phone, sizeof c->phone);
    if (!c->phone[0])
        return fd_fail(err, FD_INVALID, "phone", _("%s has no phone on file: enter the number called."),
                       c->name);
    if (in->target != FD_DIR_CONTACT || !c->has_occupant)
        return FD_OK;
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_NOTICE_OCCUPANT_CALLED);
    fd_bind_int(st, ":loan_id", o->loan_id);
    fd_bind_int(st, ":unit_id", in->unit_id);
    s = fd_step_row(st, err);
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_INVALID, "target",
                       _("Call the owner or tenant of %s first; their emergency contact only when "
                         "they cannot be reached."), unit);
    return s;
}

static const char *target_name(fd_dir_kind kind)
{
    return kind == FD_DIR_OCCUPANT ? "occupant" : kind == FD_DIR_CONTACT ? "contact" : "other";
}

static fd_status insert_notice(notice_op *o, const callee *c, int64_t *id, fd_error *err)
{
    const notice_input *in = o->in;
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_NOTICE_INSERT);
    fd_bind_int(st, ":loan_id", o->loan_id);
    fd_bind_int(st, ":unit_id", in->unit_id);
    fd_bind_text(st, ":target", target_name(in->target));
    bind_optional_id(st, ":occupant_id", in->target == FD_DIR_OCCUPANT ? in->target_id : 0);
    bind_optional_id(st, ":contact_id", in->target == FD_DIR_CONTACT ? in->target_id : 0);
    fd_bind_text(st, ":name", c->name);
    char mac[FD_HASH_HEX];
    fd_desk_hmac_hex(o->d, c->phone, mac);
    fd_bind_text(st, ":phone_clear", c->phone);
    fd_bind_text(st, ":phone_hmac", mac);
    fd_bind_text(st, ":outcome", fd_key_outcome_name(in->outcome));
    fd_bind_int(st, ":called_at", in->called_at);
    bind_optional_text(st, ":note", in->note);
    fd_bind_int(st, ":at", fd_desk_now(o->d));
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    return insert_row(o->d, o->who, st, "key.notify", FD_TABLE_key_notice, id, err);
}

static fd_status notify_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    notice_op *o = ctx;
    loan_base loan;
    fd_status s = load_loan(o->d, o->loan_id, &loan, err);
    if (s != FD_OK)
        return s;
    if (!loan.emergency)
        return fd_fail(err, FD_STATE, NULL, _("Calls are recorded for emergency loans only."));
    loan_units units;
    if ((s = read_loan_units(o->d, o->loan_id, &units, err)) != FD_OK) {
        free(units.units);
        return s;
    }
    const char *unit = NULL;
    callee c;
    int64_t id;
    if ((s = unit_of_loan(&units, o->in->unit_id, &unit, err)) == FD_OK &&
        (s = check_callee(o, unit, &c, err)) == FD_OK &&
        (s = insert_notice(o, &c, &id, err)) == FD_OK)
        s = fire_with(o->d, &fd_loan_machine, o->loan_id, "notify", o->who, NULL, NULL, "notice", id,
                      err);
    free(units.units);
    return s;
}

fd_status fd_key_loan_notify(fd_desk *d, const fd_actor *who, int64_t loan_id,
                             const fd_key_notice_new *n, fd_error *err)
{
    notice_input in;
    fd_status s = check_notice(d, n, &in, err);
    if (s != FD_OK)
        return s;
    notice_op o = {.d = d, .who = who, .loan_id = loan_id, .in = &in};
    return fd_store_write(d->store, notify_txn, &o, err);
}

typedef struct contacts_op {
    fd_desk *d;
    int64_t loan_id;
    void (*each)(void *ctx, const fd_dir_entry *e);
    void *ctx;
} contacts_op;

static fd_status contacts_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    contacts_op *o = ctx;
    loan_units units;
    fd_status s = read_loan_units(o->d, o->loan_id, &units, err);
    for (size_t i = 0; s == FD_OK && i < units.count; i++)
        s = fd_directory_contacts(o->d, units.units[i].id, o->each, o->ctx, err);
    free(units.units);
    return s;
}

fd_status fd_key_loan_contacts(fd_desk *d, int64_t loan_id,
                               void (*each)(void *ctx, const fd_dir_entry *e), void *ctx,
                               fd_error *err)
{
    contacts_op o = {d, loan_id, each, ctx};
    return fd_store_read(d->store, contacts_txn, &o, err);
}
