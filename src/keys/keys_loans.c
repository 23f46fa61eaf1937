/* Lending keys: loans, returns and the emergency calls before an emergency loan. See
 * include/frontdesk/keys.h. */
#include "frontdesk/keys.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/directory_in_full.h"
#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "keys/keys_internal.h"
#include "store/stmt.h"

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

bool fd_key_loan_requires(const fd_key_loan_new *loan, const char *field)
{
    bool contractor = loan->borrower_kind == FD_BORROWER_CONTRACTOR;
    if (strcmp(field, "department") == 0)
        return !contractor;
    if (strcmp(field, "company") == 0 || strcmp(field, "phone") == 0)
        return contractor;
    if (strcmp(field, "note") == 0)
        return loan->emergency || loan->reason == FD_KEY_REASON_OTHER;
    return strcmp(field, "borrower_kind") == 0 || strcmp(field, "borrower") == 0 ||
           strcmp(field, "keys") == 0 || strcmp(field, "reason") == 0;
}

static fd_status check_borrower(const fd_key_loan_new *l, loan_input *in, fd_error *err)
{
    if ((unsigned)l->borrower_kind >= FD_BORROWER_KIND_COUNT)
        return fd_fail(err, FD_INVALID, "borrower_kind", _("Say whether staff or a contractor borrows."));
    fd_status s;
    if ((s = key_check_text(l->borrower, "borrower", FD_KEY_TEXT_MAX, _("Enter the borrower's name."),
                        in->borrower, TEXT_BYTES, err)) != FD_OK ||
        (s = key_check_text(l->department, "department", FD_KEY_TEXT_MAX,
                        fd_key_loan_requires(l, "department")
                            ? _("Say which department the borrower works in.") : NULL,
                        in->department, TEXT_BYTES, err)) != FD_OK ||
        (s = key_check_text(l->company, "company", FD_KEY_TEXT_MAX,
                        fd_key_loan_requires(l, "company") ? _("Enter the contractor's company.") : NULL,
                        in->company, TEXT_BYTES, err)) != FD_OK)
        return s;
    bool phone_given = l->phone && l->phone[strspn(l->phone, " \t")];
    in->phone[0] = '\0';
    if (!phone_given)
        return fd_key_loan_requires(l, "phone")
                   ? fd_fail(err, FD_INVALID, "phone", _("Enter the contractor's phone."))
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
    const char *missing = !fd_key_loan_requires(l, "note") ? NULL
                          : l->emergency ? _("Say what the emergency is (fire, water leak …).")
                                         : _("Say what the key is for.");
    if ((s = key_check_note(l->note, missing, in->note, err)) != FD_OK)
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
    fd_status s = key_load_key(d, key_id, "keys", &key, err);
    if (s != FD_OK)
        return s;
    if (key.state != FD_KEY_STATE_IN_STORE)
        return fd_fail(err, FD_STATE, "keys", _("Key %s is %s: it cannot be lent."), key.tag,
                       fd_key_state_label(key.state, false));
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_OPEN_LOAN);
    fd_bind_int(st, ":key_id", key_id);
    int64_t loan;
    s = key_first_id(st, &loan, err);
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
    key_bind_optional_text(st, ":department", o->in->department);
    key_bind_optional_text(st, ":company", o->in->company);
    key_bind_optional_text(st, ":phone_clear", o->in->phone);
    if (o->in->phone[0]) {
        char mac[FD_HASH_HEX];
        fd_desk_hmac_hex(o->d, o->in->phone, mac);
        fd_bind_text(st, ":phone_hmac", mac);
    } else {
        fd_bind_null(st, ":phone_hmac");
    }
    fd_bind_text(st, ":reason", fd_key_reason_name(l->reason));
    key_bind_optional_text(st, ":note", o->in->note);
    key_bind_optional_id(st, ":expected_return", l->expected_return);
    fd_bind_int(st, ":emergency", l->emergency);
    fd_bind_int(st, ":at", fd_desk_now(o->d));
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    fd_status s = key_insert_row(o->d, o->who, st, fd_action_name(FD_ACT_KEY_LOAN), FD_TABLE_key_loan,
                             &o->loan_id, err);
    for (size_t i = 0; s == FD_OK && i < l->key_count; i++) {
        if ((s = key_available(o->d, l->key_ids[i], err)) != FD_OK)
            break;
        st = fd_sql(o->d->store, FD_SQL_KEY_LOAN_ITEM_INSERT);
        fd_bind_int(st, ":loan_id", o->loan_id);
        fd_bind_int(st, ":key_id", l->key_ids[i]);
        s = key_insert_row(o->d, o->who, st, "key.loan_item", FD_TABLE_key_loan_item, NULL, err);
    }
    return s;
}

/* The keys of a loan, with their states, read before any of them moves. */
typedef struct loan_keys {
    size_t count;
    struct {
        int64_t id;
        char tag[TAG_TEXT];
        fd_key_state state;
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
        out->keys[out->count].state = key_state_read(fd_col_text(st, FD_COL_KEY_LOAN_KEYS_STATE));
        out->count++;
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

typedef struct spare_keys {
    fd_desk *d;
    const fd_key_loan_new *loan;
    bool any; /* a unit's spare key among them */
} spare_keys;

static fd_status spare_keys_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    spare_keys *q = ctx;
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && !q->any && i < q->loan->key_count; i++) {
        key_base key;
        s = key_load_key(q->d, q->loan->key_ids[i], "keys", &key, err);
        q->any = s == FD_OK && key.kind == FD_KEY_SPARE && key.unit_id != 0;
    }
    return s;
}

bool fd_key_loan_awaits_calls(fd_desk *d, const fd_key_loan_new *loan)
{
    spare_keys q = {d, loan, false};
    fd_error unread = {0}; /* a key that cannot be read is the request's to report */
    return loan->emergency && fd_store_read(d->store, spare_keys_txn, &q, &unread) == FD_OK &&
           q.any;
}

static fd_status lend_keys(loan_op *o, const loan_keys *keys, fd_error *err)
{
    for (size_t i = 0; i < keys->count; i++)
        if (keys->keys[i].state != FD_KEY_STATE_IN_STORE)
            return fd_fail(err, FD_STATE, "keys", _("Key %s is %s: it cannot be handed over."),
                           keys->keys[i].tag, fd_key_state_label(keys->keys[i].state, false));
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < keys->count; i++)
        s = key_fire_with(o->d, &fd_key_machine, keys->keys[i].id, "lend", o->who, NULL, NULL, "loan",
                      o->loan_id, err);
    return s;
}

/* An emergency loan's units where nobody was reached and someone on file has not been
 * tried: FD_INVALID (field "why") naming them, unless why gives the reason to go on
 * (钥匙管理制度 §5). Inside a transaction. */
static fd_status emergency_untried(fd_desk *d, int64_t loan_id, const char *why, fd_error *err);

static fd_status lend(loan_op *o, fd_error *err)
{
    loan_base loan;
    fd_status s = key_load_loan(o->d, o->loan_id, &loan, err);
    if (s != FD_OK)
        return s;
    fd_time now = fd_desk_now(o->d);
    if (loan.reason == FD_KEY_REASON_REPAIR && loan.expected_return > 0 && loan.expected_return <= now)
        return fd_fail(err, FD_INVALID, "expected_return",
                       _("The expected return has passed: cancel this loan and record a new one."));
    if ((s = key_fire(o->d, &fd_loan_machine, o->loan_id, "lend", o->who, NULL,
                      o->note[0] ? o->note : NULL, NULL, err)) != FD_OK ||
        (loan.emergency && (s = emergency_untried(o->d, o->loan_id, o->note, err)) != FD_OK))
        return s;
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_LOAN_OUT_INSERT);
    fd_bind_int(st, ":loan_id", o->loan_id);
    fd_bind_int(st, ":due_at", fd_key_loan_due(o->d->config, loan.reason, loan.expected_return, now));
    fd_bind_int(st, ":at", now);
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    if ((s = key_insert_row(o->d, o->who, st, "key.lend", FD_TABLE_key_loan_out, NULL, err)) != FD_OK)
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
        (s = key_fire(o->d, &fd_loan_machine, o->loan_id, "request", o->who, NULL, NULL, NULL, err)) != FD_OK)
        return s;
    bool consent = o->approver || fd_may(o->who, FD_ACT_KEY_LOAN_APPROVE);
    if (consent && (s = key_fire(o->d, &fd_loan_machine, o->loan_id, "approve", o->who, o->approver,
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

typedef struct check_op {
    fd_desk *d;
    const fd_key_loan_new *loan;
} check_op;

static fd_status check_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    check_op *o = ctx;
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < o->loan->key_count; i++)
        s = key_available(o->d, o->loan->key_ids[i], err);
    return s;
}

fd_status fd_key_loan_check(fd_desk *d, const fd_key_loan_new *loan, fd_error *err)
{
    loan_input in;
    fd_status s = check_loan(d, loan, &in, err);
    if (s != FD_OK)
        return s;
    check_op o = {d, loan};
    return fd_store_read(d->store, check_txn, &o, err);
}

/* approve, refuse, cancel: the loan's state alone changes. */
static fd_status loan_event_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    loan_op *o = ctx;
    loan_base loan;
    fd_status s = key_load_loan(o->d, o->loan_id, &loan, err);
    if (s != FD_OK)
        return s;
    return key_fire(o->d, &fd_loan_machine, o->loan_id, o->event, o->who, o->approver, o->note, NULL,
                err);
}

static fd_status consent(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                         int64_t loan_id, const char *event, const char *note,
                         const char *missing, fd_error *err)
{
    if (!key_may(who, approver, FD_ACT_KEY_LOAN_APPROVE))
        return fd_fail(err, FD_DENIED, "approver",
                       _("A loan needs the consent of a duty manager or the customer-service "
                         "manager."));
    loan_op o = {.d = d, .who = who, .approver = approver, .loan_id = loan_id, .event = event};
    fd_status s = key_check_note(note, missing, o.note, err);
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
    fd_status s = key_check_note(note, NULL, o.note, err);
    return s == FD_OK ? fd_store_write(d->store, loan_event_txn, &o, err) : s;
}

static fd_status lend_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    return lend(ctx, err);
}

fd_status fd_key_loan_lend(fd_desk *d, const fd_actor *who, int64_t loan_id, fd_error *err)
{
    return fd_key_loan_lend_why(d, who, loan_id, NULL, err);
}

fd_status fd_key_loan_lend_why(fd_desk *d, const fd_actor *who, int64_t loan_id, const char *why,
                               fd_error *err)
{
    loan_op o = {.d = d, .who = who, .loan_id = loan_id};
    fd_status s = key_check_note(why, NULL, o.note, err);
    if (s != FD_OK) {
        if (err)
            snprintf(err->field, sizeof err->field, "why");
        return s;
    }
    return fd_store_write(d->store, lend_txn, &o, err);
}

static fd_status return_keys(loan_op *o, const loan_keys *keys, fd_error *err)
{
    fd_status s = FD_OK;
    for (size_t i = 0; s == FD_OK && i < keys->count; i++)
        if (keys->keys[i].state == FD_KEY_STATE_ON_LOAN)
            s = key_fire_with(o->d, &fd_key_machine, keys->keys[i].id, "return", o->who, NULL, NULL,
                          "loan", o->loan_id, err);
    return s;
}

static fd_status return_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    loan_op *o = ctx;
    loan_base loan;
    fd_status s;
    if ((s = key_load_loan(o->d, o->loan_id, &loan, err)) != FD_OK ||
        (s = key_fire(o->d, &fd_loan_machine, o->loan_id, "return", o->who, NULL, o->note, NULL, err)) != FD_OK)
        return s;
    /* A key lost on the loan stays lost: only keys out come back, and a loan whose
     * every key was lost has nothing to take back. */
    fd_stmt *out = fd_sql(o->d->store, FD_SQL_KEY_LOAN_KEYS_KEPT);
    fd_bind_int(out, ":loan_id", o->loan_id);
    if ((s = fd_step_row(out, err)) == FD_OK && fd_col_int(out, FD_COL_KEY_LOAN_KEYS_KEPT_KEYS) == 0)
        s = fd_fail(err, FD_STATE, NULL,
                    _("Every key of loan %lld is registered lost: nothing comes back."),
                    (long long)o->loan_id);
    fd_stmt_reset(out);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(o->d->store, FD_SQL_KEY_LOAN_RETURN_INSERT);
    fd_bind_int(st, ":loan_id", o->loan_id);
    fd_bind_text(st, ":returned_by", o->returned_by);
    key_bind_optional_text(st, ":note", o->note);
    fd_bind_int(st, ":at", fd_desk_now(o->d));
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    if ((s = key_insert_row(o->d, o->who, st, "key.return", FD_TABLE_key_loan_return, NULL, err)) != FD_OK)
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
    if ((s = key_check_text(returned_by, "returned_by", FD_KEY_TEXT_MAX,
                        _("Say who brought the keys back."), o.returned_by, TEXT_BYTES, err)) != FD_OK ||
        (s = key_check_note(note, NULL, o.note, err)) != FD_OK)
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
    if ((s = key_check_text(n->name, "name", FD_KEY_TEXT_MAX,
                        n->target == 0 ? _("Say whom you called.") : NULL, in->name, TEXT_BYTES,
                        err)) != FD_OK ||
        (s = key_check_note(n->note, NULL, in->note, err)) != FD_OK)
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
    /* The number called goes on record as it is, whoever records the call. */
    fd_status s = fd_directory_contacts_in_full(o->d, in->unit_id, match_callee, c, err);
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
    key_bind_optional_id(st, ":occupant_id", in->target == FD_DIR_OCCUPANT ? in->target_id : 0);
    key_bind_optional_id(st, ":contact_id", in->target == FD_DIR_CONTACT ? in->target_id : 0);
    fd_bind_text(st, ":name", c->name);
    char mac[FD_HASH_HEX];
    fd_desk_hmac_hex(o->d, c->phone, mac);
    fd_bind_text(st, ":phone_clear", c->phone);
    fd_bind_text(st, ":phone_hmac", mac);
    fd_bind_text(st, ":outcome", fd_key_outcome_name(in->outcome));
    fd_bind_int(st, ":called_at", in->called_at);
    key_bind_optional_text(st, ":note", in->note);
    fd_bind_int(st, ":at", fd_desk_now(o->d));
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    return key_insert_row(o->d, o->who, st, "key.notify", FD_TABLE_key_notice, id, err);
}

/* Calls are recorded for emergency loans only. */
static fd_status takes_calls(fd_desk *d, int64_t loan_id, fd_error *err)
{
    loan_base loan;
    fd_status s = key_load_loan(d, loan_id, &loan, err);
    if (s == FD_OK && !loan.emergency)
        return fd_fail(err, FD_STATE, NULL, _("Calls are recorded for emergency loans only."));
    return s;
}

static fd_status notify_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    notice_op *o = ctx;
    fd_status s = takes_calls(o->d, o->loan_id, err);
    if (s != FD_OK)
        return s;
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
        s = key_fire_with(o->d, &fd_loan_machine, o->loan_id, "notify", o->who, NULL, NULL, "notice", id,
                      err);
    free(units.units);
    return s;
}

typedef struct untried_check {
    fd_desk *d;
    int64_t loan_id;
} untried_check;

static fd_status untried_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    untried_check *q = ctx;
    loan_base loan;
    fd_status s = key_load_loan(q->d, q->loan_id, &loan, err);
    return s == FD_OK && loan.emergency ? emergency_untried(q->d, q->loan_id, NULL, err) : s;
}

fd_status fd_key_loan_may(fd_desk *d, int64_t loan_id, fd_loan_state state, fd_loan_step step,
                          const fd_actor *who, const fd_actor *approver)
{
    static const char *const events[FD_LOAN_STEP_COUNT] = {
        [FD_LOAN_STEP_APPROVE] = "approve", [FD_LOAN_STEP_REFUSE] = "refuse",
        [FD_LOAN_STEP_NOTIFY] = "notify",   [FD_LOAN_STEP_LEND] = "lend",
        [FD_LOAN_STEP_RETURN] = "return",   [FD_LOAN_STEP_CANCEL] = "cancel",
    };
    fd_error unread = {0};
    fd_status s = step == FD_LOAN_STEP_NOTIFY ? takes_calls(d, loan_id, &unread) : FD_OK;
    if (s != FD_OK)
        return s;
    s = fd_machine_may(d, &fd_loan_machine, loan_id, fd_loan_state_name(state), events[step], who,
                       approver);
    if (s != FD_OK || step != FD_LOAN_STEP_LEND)
        return s;
    /* Before everyone is tried, the hand-over wants a reason a question cannot give. */
    untried_check q = {d, loan_id};
    return fd_store_read(d->store, untried_txn, &q, &unread);
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
    const fd_actor *who;
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
        s = fd_directory_contacts(o->d, o->who, units.units[i].id, o->each, o->ctx, err);
    free(units.units);
    return s;
}

fd_status fd_key_loan_contacts(fd_desk *d, const fd_actor *who, int64_t loan_id,
                               void (*each)(void *ctx, const fd_dir_entry *e), void *ctx,
                               fd_error *err)
{
    contacts_op o = {d, who, loan_id, each, ctx};
    return fd_store_read(d->store, contacts_txn, &o, err);
}

/* ---- who has been tried ---- */

typedef struct trail_person {
    fd_dir_entry entry;
    char *unit, *name, *position, *company, *department, *phone;
} trail_person;

typedef struct trail_people {
    size_t count;
    trail_person *items;
} trail_people;

static void collect_person(void *ctx, const fd_dir_entry *e)
{
    trail_people *p = ctx;
    if (e->kind != FD_DIR_OCCUPANT && e->kind != FD_DIR_CONTACT)
        return;
    p->items = fd_realloc(p->items, (p->count + 1) * sizeof *p->items);
    trail_person *t = &p->items[p->count++];
    *t = (trail_person){.entry = *e};
    t->entry.unit = t->unit = fd_strdup(e->unit);
    t->entry.name = t->name = fd_strdup(e->name);
    t->entry.position = t->position = fd_strdup(e->position);
    t->entry.company = t->company = fd_strdup(e->company);
    t->entry.department = t->department = fd_strdup(e->department);
    t->entry.phone = t->phone = fd_strdup(e->phone);
}

static void free_people(trail_people *p)
{
    for (size_t i = 0; i < p->count; i++) {
        trail_person *t = &p->items[i];
        free(t->unit), free(t->name), free(t->position), free(t->company), free(t->department);
        free(t->phone);
    }
    free(p->items);
    *p = (trail_people){0};
}

static fd_status attempts_of(fd_desk *d, int64_t loan_id, const fd_dir_entry *e, int *attempts,
                             fd_key_outcome *last, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_NOTICE_ATTEMPTS);
    fd_bind_int(st, ":loan_id", loan_id);
    fd_bind_text(st, ":target", target_name(e->kind));
    fd_bind_int(st, ":target_id", e->id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        *attempts = (int)fd_col_int(st, FD_COL_KEY_NOTICE_ATTEMPTS_ATTEMPTS);
        *last = FD_KEY_OUTCOME_NO_ANSWER;
        const char *outcome = fd_col_text(st, FD_COL_KEY_NOTICE_ATTEMPTS_OUTCOME);
        if (outcome)
            fd_key_outcome_parse(outcome, last);
    }
    fd_stmt_reset(st);
    return s;
}

static fd_status unit_reached(fd_desk *d, int64_t loan_id, int64_t unit_id, bool *reached,
                              fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_KEY_NOTICE_REACHED);
    fd_bind_int(st, ":loan_id", loan_id);
    fd_bind_int(st, ":unit_id", unit_id);
    fd_status s = fd_step_row(st, err);
    fd_stmt_reset(st);
    *reached = s == FD_OK;
    return s == FD_NOT_FOUND ? FD_OK : s;
}

typedef struct trail_op {
    fd_desk *d;
    const fd_actor *who;  /* NULL: phones in full, for the core's own check */
    int64_t loan_id;
    void (*each)(void *ctx, const fd_key_trail_row *row);
    void *ctx;
} trail_op;

static fd_status walk_trail(trail_op *o, fd_error *err)
{
    loan_units units;
    fd_status s = read_loan_units(o->d, o->loan_id, &units, err);
    for (size_t i = 0; s == FD_OK && i < units.count; i++) {
        trail_people people = {0};
        bool reached = false;
        s = o->who ? fd_directory_contacts(o->d, o->who, units.units[i].id, collect_person, &people, err)
                   : fd_directory_contacts_in_full(o->d, units.units[i].id, collect_person, &people, err);
        if (s == FD_OK)
            s = unit_reached(o->d, o->loan_id, units.units[i].id, &reached, err);
        for (size_t j = 0; s == FD_OK && j < people.count; j++) {
            fd_key_trail_row row = {.entry = &people.items[j].entry, .unit_reached = reached};
            s = attempts_of(o->d, o->loan_id, row.entry, &row.attempts, &row.last, err);
            if (s == FD_OK)
                o->each(o->ctx, &row);
        }
        free_people(&people);
    }
    free(units.units);
    return s;
}

static fd_status trail_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    return walk_trail(ctx, err);
}

fd_status fd_key_loan_trail(fd_desk *d, const fd_actor *who, int64_t loan_id,
                            void (*each)(void *ctx, const fd_key_trail_row *row), void *ctx,
                            fd_error *err)
{
    trail_op o = {d, who, loan_id, each, ctx};
    return fd_store_read(d->store, trail_txn, &o, err);
}

/* The people not yet tried for units where nobody was reached: "A-1203 王小明 (儿子)". */
typedef struct untried {
    char text[512];
    int count;
} untried;

static void note_untried(void *ctx, const fd_key_trail_row *row)
{
    untried *u = ctx;
    if (row->unit_reached || row->attempts > 0)
        return;
    size_t n = strlen(u->text);
    const fd_dir_entry *e = row->entry;
    bool contact = e->kind == FD_DIR_CONTACT;
    if (n < sizeof u->text - 1)
        snprintf(u->text + n, sizeof u->text - n, _("%s%s %s (%s)"), u->count ? _(", ") : "",
                 e->unit ? e->unit : "", e->name ? e->name : "",
                 contact ? (e->position && *e->position ? e->position : _("emergency contact"))
                         : _("owner/tenant"));
    u->count++;
}

static fd_status emergency_untried(fd_desk *d, int64_t loan_id, const char *why, fd_error *err)
{
    untried u = {{0}, 0};
    trail_op o = {d, NULL, loan_id, note_untried, &u};
    fd_status s = walk_trail(&o, err);
    if (s != FD_OK || u.count == 0 || (why && *why))
        return s;
    return fd_fail(err, FD_INVALID, "why",
                   _("Not tried yet: %s. Call them first (钥匙管理制度 §5), or give the reason the "
                     "key is used before they are tried."), u.text);
}
