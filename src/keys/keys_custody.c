/* Keys in the desk's custody: registering keys, copies, incidents and lock changes. See
 * include/frontdesk/keys.h. */
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
    s = key_first_id(st, out, err);
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
        s = key_unit_code(r->d, k->unit_id, unit, sizeof unit, err);
    if (s == FD_OK && k->kind == FD_KEY_SPARE)
        s = entrustment_of(r->d, k->unit_id, r->given_entrustment, unit, &k->entrustment_id, err);
    if (s != FD_OK)
        return s;
    return key_add_key(r->d, r->who, NULL, k, NULL, &r->id, err);
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
    if ((s = key_check_tag(k->tag, r.spec.tag, err)) != FD_OK ||
        (s = key_check_text(k->description, "description", FD_KEY_TEXT_MAX,
                        k->unit_id > 0 ? NULL : _("Say what the key opens."),
                        r.spec.description, TEXT_BYTES, err)) != FD_OK ||
        (s = key_check_custodian(d, k->department, k->custodian, &r.spec.keeper, err)) != FD_OK)
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
    fd_status s = key_check_tag(tag, clean, err);
    if (s != FD_OK)
        return s;
    s = key_find_tag(d, clean, id, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "tag", _("No key has the tag %s."), clean);
    return s;
}

/* ---- custody, copies, incidents, lock changes ---- */

typedef struct derivation derivation;

/* An operation on one key: what was typed, checked, and the step that writes it. */
typedef struct key_op {
    fd_desk *d;
    const fd_actor *who, *approver;
    int64_t key_id;
    custodian keeper;
    char tag[TAG_TEXT];
    char note[NOTE_BYTES];
    char responsible[TEXT_BYTES];
    fd_key_incident_kind incident;
    const derivation *how;
    int64_t new_id;
    fd_status (*step)(struct key_op *o, const key_base *key, fd_error *err);
} key_op;

/* Every operation's transaction: the key as it is now, then the operation's step. */
static fd_status key_op_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    key_op *o = ctx;
    key_base key;
    fd_status s = key_load_key(o->d, o->key_id, "key", &key, err);
    return s == FD_OK ? o->step(o, &key, err) : s;
}

static fd_status run(key_op *o, fd_error *err)
{
    return fd_store_write(o->d->store, key_op_txn, o, err);
}

static bool same_custodian(fd_desk *d, int64_t key_id, const custodian *c)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_CUSTODIAN);
    fd_bind_int(st, ":key_id", key_id);
    bool same = fd_step_row(st, NULL) == FD_OK && strcmp(fd_col_text(st, FD_COL_KEY_CUSTODIAN_DEPARTMENT), c->department) == 0 &&
                strcmp(fd_col_text(st, FD_COL_KEY_CUSTODIAN_PERSON), c->person) == 0;
    fd_stmt_reset(st);
    return same;
}

static fd_status transfer_step(key_op *o, const key_base *key, fd_error *err)
{
    if (same_custodian(o->d, key->id, &o->keeper))
        return fd_fail(err, FD_INVALID, "custodian", _("Key %s is already in %s's custody."),
                       key->tag, o->keeper.person);
    int64_t custody;
    fd_status s = key_insert_custody(o->d, o->who, key->id, &o->keeper, o->note, &custody, err);
    if (s != FD_OK)
        return s;
    return key_fire_with(o->d, &fd_key_machine, key->id, "transfer", o->who, NULL, o->note,
                         "custody", custody, err);
}

fd_status fd_key_transfer(fd_desk *d, const fd_actor *who, int64_t key_id, const char *department,
                          const char *person, const char *note, fd_error *err)
{
    key_op o = {.d = d, .who = who, .key_id = key_id, .step = transfer_step};
    fd_status s;
    if ((s = key_check_custodian(d, department, person, &o.keeper, err)) != FD_OK ||
        (s = key_check_note(note, NULL, o.note, err)) != FD_OK)
        return s;
    return run(&o, err);
}

/* ---- a new key from an existing one: a copy, or the sealed key of a changed lock ---- */

/* How a new key comes from an existing one. Either way it opens what that one opens,
 * with the same kind and entrustment, and both keys' histories name the other. */
struct derivation {
    fd_action action;
    const char *denied;       /* the refusal when who (or approver) may not */
    const char *note_missing; /* NULL: the note is optional */
    bool replaces;            /* the new key takes its place, else it is a copy of it */
    const char *event;        /* the new key's creating event */
    const char *source_event; /* fired on the existing key */
    fd_status (*check)(const key_base *from, fd_error *err); /* NULL: none */
};

static fd_status derive_step(key_op *o, const key_base *from, fd_error *err)
{
    const derivation *how = o->how;
    fd_status s;
    if (how->check && (s = how->check(from, err)) != FD_OK)
        return s;
    key_spec k = {.unit_id = from->unit_id, .entrustment_id = from->entrustment_id,
                  .copy_of = how->replaces ? 0 : from->id, .replaces = how->replaces ? from->id : 0,
                  .kind = from->kind, .keeper = o->keeper, .event = how->event,
                  .action = how->action, .related = from->id};
    memcpy(k.tag, o->tag, sizeof k.tag);
    memcpy(k.description, from->description, sizeof k.description);
    if ((s = key_add_key(o->d, o->who, o->approver, &k, o->note, &o->new_id, err)) != FD_OK)
        return s;
    return key_fire_with(o->d, &fd_key_machine, from->id, how->source_event, o->who, o->approver,
                         o->note, "key", o->new_id, err);
}

static fd_status derive(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t key_id,
                        const char *tag, const char *department, const char *person,
                        const char *note, const derivation *how, int64_t *new_id, fd_error *err)
{
    if (!key_may(who, approver, how->action))
        return fd_fail(err, FD_DENIED, "approver", "%s", _(how->denied));
    key_op o = {.d = d, .who = who, .approver = approver, .key_id = key_id, .how = how,
                .step = derive_step};
    fd_status s;
    if ((s = key_check_tag(tag, o.tag, err)) != FD_OK ||
        (s = key_check_custodian(d, department, person, &o.keeper, err)) != FD_OK ||
        (s = key_check_note(note, how->note_missing ? _(how->note_missing) : NULL, o.note, err)) !=
            FD_OK)
        return s;
    if ((s = run(&o, err)) == FD_OK && new_id)
        *new_id = o.new_id;
    return s;
}

fd_status fd_key_copy(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t key_id,
                      const char *tag, const char *department, const char *person,
                      const char *note, int64_t *copy_id, fd_error *err)
{
    static const derivation copying = {
        FD_ACT_KEY_COPY, N_("A key copy needs the customer-service manager's approval."),
        N_("Say why the copy is made."), false, "copy", "copied", NULL,
    };
    return derive(d, who, approver, key_id, tag, department, person, note, &copying, copy_id, err);
}

static fd_status incident_step(key_op *o, const key_base *key, fd_error *err)
{
    fd_status s;
    int64_t loan = 0;
    if (key->state == FD_KEY_STATE_ON_LOAN) {
        fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_CURRENT_LOAN);
        fd_bind_int(st, ":key_id", key->id);
        if ((s = key_first_id(st, &loan, err)) != FD_OK && s != FD_NOT_FOUND)
            return s;
    }
    bool lost = o->incident == FD_KEY_LOST;
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_INCIDENT_INSERT);
    fd_bind_int(st, ":key_id", key->id);
    fd_bind_text(st, ":kind", lost ? "lost" : "damaged");
    fd_bind_text(st, ":responsible", o->responsible);
    key_bind_optional_id(st, ":loan_id", loan);
    key_bind_optional_text(st, ":note", o->note);
    fd_bind_int(st, ":at", fd_desk_now(o->d));
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    int64_t id;
    if ((s = key_insert_row(o->d, o->who, st, lost ? "key.lost" : "key.damaged", FD_TABLE_key_incident,
                        &id, err)) != FD_OK)
        return s;
    if ((s = key_fire_with(o->d, &fd_key_machine, key->id, lost ? "lose" : "damage", o->who, NULL,
                           o->note, "incident", id, err)) != FD_OK ||
        !lost || loan == 0)
        return s;
    /* Every key of its loan lost: nothing can come back, the loan closes as lost (it is
     * never recorded returned). */
    st = fd_sql(o->d->store, FD_SQL_KEY_LOAN_KEYS_KEPT);
    fd_bind_int(st, ":loan_id", loan);
    s = fd_step_row(st, err);
    bool none_kept = s == FD_OK && fd_col_int(st, FD_COL_KEY_LOAN_KEYS_KEPT_KEYS) == 0;
    fd_stmt_reset(st);
    if (s != FD_OK || !none_kept)
        return s;
    char note[NOTE_BYTES];
    snprintf(note, sizeof note, _("Key %s lost"), key->tag);
    return key_fire(o->d, &fd_loan_machine, loan, "lose", o->who, NULL, note, NULL, err);
}

fd_status fd_key_incident(fd_desk *d, const fd_actor *who, int64_t key_id,
                          fd_key_incident_kind kind, const char *responsible, const char *note,
                          fd_error *err)
{
    key_op o = {.d = d, .who = who, .key_id = key_id, .incident = kind, .step = incident_step};
    fd_status s;
    if (kind != FD_KEY_LOST && kind != FD_KEY_DAMAGED)
        return fd_fail(err, FD_INVALID, "incident", _("Say whether the key is lost or damaged."));
    if ((s = key_check_text(responsible, "responsible", FD_KEY_TEXT_MAX,
                        _("Name the person responsible."), o.responsible, TEXT_BYTES, err)) != FD_OK ||
        (s = key_check_note(note, NULL, o.note, err)) != FD_OK)
        return s;
    return run(&o, err);
}

static fd_status recover_step(key_op *o, const key_base *key, fd_error *err)
{
    const char *event = key_recover_event(key->state);
    if (!event)
        return fd_fail(err, FD_STATE, NULL,
                       _("Key %s is %s: only a lost or damaged key comes back into store."),
                       key->tag, fd_key_state_label(key->state, false));
    return key_fire(o->d, &fd_key_machine, key->id, event, o->who, NULL, o->note, NULL, err);
}

fd_status fd_key_recover(fd_desk *d, const fd_actor *who, int64_t key_id, const char *note,
                         fd_error *err)
{
    key_op o = {.d = d, .who = who, .key_id = key_id, .step = recover_step};
    fd_status s = key_check_note(note, NULL, o.note, err);
    return s == FD_OK ? run(&o, err) : s;
}

static fd_status retire_step(key_op *o, const key_base *key, fd_error *err)
{
    return key_fire(o->d, &fd_key_machine, key->id, "retire", o->who, o->approver, o->note, NULL,
                    err);
}

fd_status fd_key_retire(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t key_id,
                        const char *note, fd_error *err)
{
    if (!key_may(who, approver, FD_ACT_KEY_RETIRE))
        return fd_fail(err, FD_DENIED, "approver",
                       _("Retiring a key needs a duty manager or the customer-service manager."));
    key_op o = {.d = d, .who = who, .approver = approver, .key_id = key_id, .step = retire_step};
    fd_status s = key_check_note(note, _("Say why the key is retired."), o.note, err);
    return s == FD_OK ? run(&o, err) : s;
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
        s = key_fire_with(o->d, &fd_key_machine, family.ids[i], "lock_changed", o->who, NULL, o->note,
                      "key", key_id, err);
    free(family.ids);
    return s;
}

static fd_status change_lock_step(key_op *o, const key_base *key, fd_error *err)
{
    fd_status s;
    if ((s = key_fire(o->d, &fd_key_machine, key->id, "change_lock", o->who, NULL, o->note, NULL,
                      err)) != FD_OK ||
        (s = retire_lock_family(o, key->id, err)) != FD_OK)
        return s;
    fd_time now = fd_desk_now(o->d);
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_LOCK_CHANGE_INSERT);
    fd_bind_int(st, ":key_id", key->id);
    fd_bind_int(st, ":due_at", now + FD_KEY_SEAL_HOURS * HOUR);
    key_bind_optional_text(st, ":note", o->note);
    fd_bind_int(st, ":at", now);
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    return key_insert_row(o->d, o->who, st, "key.change_lock", FD_TABLE_key_lock_change, NULL, err);
}

fd_status fd_key_change_lock(fd_desk *d, const fd_actor *who, int64_t key_id, const char *note,
                             fd_error *err)
{
    key_op o = {.d = d, .who = who, .key_id = key_id, .step = change_lock_step};
    fd_status s = key_check_note(note, _("Say why the lock cylinder was changed."), o.note, err);
    return s == FD_OK ? run(&o, err) : s;
}

/* Only a key whose lock was changed waits for a new key to be sealed. */
static fd_status awaits_sealing(const key_base *old, fd_error *err)
{
    if (old->state != FD_KEY_STATE_TO_SEAL)
        return fd_fail(err, FD_STATE, "key", _("Key %s is %s: no new key is waiting to be sealed."),
                       old->tag, fd_key_state_label(old->state, false));
    return FD_OK;
}

/* The new key takes the old one's place. */
fd_status fd_key_seal(fd_desk *d, const fd_actor *who, const fd_actor *approver, int64_t old_key_id,
                      const char *tag, const char *department, const char *person,
                      const char *note, int64_t *new_id, fd_error *err)
{
    static const derivation sealing = {
        FD_ACT_KEY_SEAL, N_("The new key is received and sealed by the duty manager."), NULL, true,
        "replace", "seal", awaits_sealing,
    };
    return derive(d, who, approver, old_key_id, tag, department, person, note, &sealing, new_id,
                  err);
}
