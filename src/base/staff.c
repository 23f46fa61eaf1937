/* Staff, PINs and logins: see include/frontdesk/staff.h. Nothing here is updated:
 * a new PIN is a new staff_pin row (the newest wins) and every login, wrong PIN,
 * lock-out and unlock is a login_event row, from which the lock is counted. */
#include "frontdesk/staff.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/pepper.h"
#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/site.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "store/stmt.h"

/* Argon2id over 8 MiB, 3 passes: far cheaper than libsodium's "interactive" preset
 * (64 MiB), on purpose. The console must stay under 20 MiB resident and the tests
 * hash under AddressSanitizer. What protects a 6-12 digit PIN is the lock-out after a
 * few wrong tries, and, against a copied database, the pepper (base/pepper.h): without
 * it there is nothing to try PINs against. */
enum { PIN_OPSLIMIT = 3, PIN_MEMLIMIT = 8 * 1024 * 1024 };

/* A hash made after the pepper's HMAC starts so; one without (a PIN set before the
 * pepper existed) is checked as it was made, until its owner changes it. */
static const char peppered_prefix[] = "pepper1";

/* What a login with an unknown staff number is checked against, so it takes the time a
 * real one does: an Argon2id hash, with the same cost, of nothing anyone knows. */
static const char decoy_hash[] =
    "$argon2id$v=19$m=8192,t=3,p=1$4NuU2ebnkK47OdskcOCe5A$JTc3cCVlYV/PgBX23h2esJGZ71kZx1ifj0Fxm2G1wiA";
enum { HASH_TEXT = crypto_pwhash_STRBYTES + 8, NUMBER_MAX = 15, NAME_MAX_BYTES = 63 };
enum { DEFAULT_MAX_FAILURES = 5 };

static const char number_chars[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

typedef enum outcome { OUTCOME_OK, OUTCOME_BAD_PIN, OUTCOME_LOCKED_OUT, OUTCOME_UNLOCK } outcome;

/* What login_event.outcome stores, and the audit action of the row. */
static const struct {
    const char *stored;
    const char *action;
} outcomes[] = {
    [OUTCOME_OK] = {"ok", "staff.login"},
    [OUTCOME_BAD_PIN] = {"bad_pin", "staff.bad_pin"},
    [OUTCOME_LOCKED_OUT] = {"locked_out", "staff.locked_out"},
    [OUTCOME_UNLOCK] = {"unlock", "staff.unlock"},
};

/* ---- checking what is typed ---- */

static fd_status check_number(const char *number, fd_error *err)
{
    size_t n = number ? strlen(number) : 0;
    if (n == 0)
        return fd_fail(err, FD_INVALID, "number", _("Enter a staff number."));
    if (n > NUMBER_MAX)
        return fd_fail(err, FD_INVALID, "number",
                       _("A staff number has at most %d characters."), NUMBER_MAX);
    if (strspn(number, number_chars) != n)
        return fd_fail(err, FD_INVALID, "number",
                       _("A staff number has only letters A-Z and digits 0-9."));
    return FD_OK;
}

/* Copies name without surrounding blanks to out, checking it on the way. */
static fd_status check_name(const char *name, char out[NAME_MAX_BYTES + 1], fd_error *err)
{
    size_t n;
    const char *start = text_trim(name, false, &n);
    if (n == 0)
        return fd_fail(err, FD_INVALID, "name", _("Enter the staff member's name."));
    if (n > NAME_MAX_BYTES)
        return fd_fail(err, FD_INVALID, "name",
                       _("The name is too long: at most %d bytes (21 Chinese characters)."),
                       NAME_MAX_BYTES);
    memcpy(out, start, n);
    out[n] = '\0';
    /* Names end up on printed forms. */
    if (!fd_validate_text(out, n, false, NULL))
        return fd_fail(err, FD_INVALID, "name",
                       _("The name contains characters that cannot be printed."));
    return FD_OK;
}

/* The system may only create the first administrator: someone must be able to add
 * everyone else. */
static fd_status check_role(fd_role role, const fd_actor *who, fd_error *err)
{
    if ((unsigned)role >= FD_ROLE_COUNT)
        return fd_fail(err, FD_INVALID, "role", _("Choose one of the roles."));
    if (!who && role != FD_ROLE_ADMIN)
        return fd_fail(err, FD_INVALID, "role", _("The first staff member must be an administrator."));
    return FD_OK;
}

/* The fewest digits of a new PIN: the site's rule, or the demo's 4 on a demo database
 * (the README's demo staff), whose records are all made up. */
static fd_status min_pin_digits(fd_desk *d, int *out, fd_error *err)
{
    bool demo;
    fd_status s = fd_desk_is_demo(d, &demo, err);
    int site = d->config && d->config->pin_min_digits >= FD_CONFIG_PIN_MIN_DIGITS
                   ? d->config->pin_min_digits
                   : FD_CONFIG_PIN_MIN_DIGITS;
    *out = demo ? FD_PIN_MIN_DEMO : site;
    return s;
}

static fd_status check_pin(fd_desk *d, const char *pin, const char *field, fd_error *err)
{
    size_t n = pin ? strlen(pin) : 0;
    if (n > 0 && strspn(pin, "0123456789") != n)
        return fd_fail(err, FD_INVALID, field, _("A PIN is made of digits only."));
    int least;
    fd_status s = min_pin_digits(d, &least, err);
    if (s != FD_OK)
        return s;
    if (n < (size_t)least || n > FD_PIN_MAX)
        return fd_fail(err, FD_INVALID, field, _("A PIN has %d to %d digits."), least, FD_PIN_MAX);
    return FD_OK;
}

/* ---- PIN hashes ---- */

/* What Argon2 is given for a PIN: its HMAC under the pepper. */
typedef struct peppered_pin {
    unsigned char bytes[crypto_auth_hmacsha256_BYTES];
} peppered_pin;

static void pepper_pin(const unsigned char pepper[FD_PEPPER_SIZE], const char *pin,
                       peppered_pin *out)
{
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, pepper, FD_PEPPER_SIZE);
    crypto_auth_hmacsha256_update(&state, (const unsigned char *)pin, strlen(pin));
    crypto_auth_hmacsha256_final(&state, out->bytes);
}

static fd_status hash_pin(const fd_desk *d, const char *pin, char out[HASH_TEXT], fd_error *err)
{
    unsigned char pepper[FD_PEPPER_SIZE];
    fd_status s = fd_pepper_read(d, true, pepper, err);
    if (s != FD_OK)
        return s;
    peppered_pin p;
    pepper_pin(pepper, pin, &p);
    sodium_memzero(pepper, sizeof pepper);
    char argon[crypto_pwhash_STRBYTES];
    int rc = crypto_pwhash_str_alg(argon, (const char *)p.bytes, sizeof p.bytes, PIN_OPSLIMIT,
                                   PIN_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(&p, sizeof p);
    if (rc != 0)
        return fd_fail(err, FD_IO, "pin", _("Out of memory while protecting the PIN."));
    snprintf(out, HASH_TEXT, "%s%s", peppered_prefix, argon);
    return FD_OK;
}

/* Checks pin against hash, peppered or not. hash NULL is a staff number nobody has:
 * checked against the decoy, at the cost of a real check, the pepper's reading
 * included, and never matching. */
static fd_status check_hash(const fd_desk *d, const char *hash, const char *pin, bool *ok,
                            fd_error *err)
{
    size_t prefix = strlen(peppered_prefix);
    bool peppered = hash && strncmp(hash, peppered_prefix, prefix) == 0;
    unsigned char pepper[FD_PEPPER_SIZE] = {0};
    fd_status s = fd_pepper_read(d, false, pepper, peppered ? err : NULL);
    if (s != FD_OK && peppered)
        return s;
    peppered_pin p;
    pepper_pin(pepper, pin, &p);
    sodium_memzero(pepper, sizeof pepper);
    const char *against = !hash ? decoy_hash : peppered ? hash + prefix : NULL;
    if (against) /* the decoy is checked all the same, and never matches */
        *ok = crypto_pwhash_str_verify(against, (const char *)p.bytes, sizeof p.bytes) == 0 &&
              hash != NULL;
    else
        *ok = crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
    sodium_memzero(&p, sizeof p);
    return FD_OK;
}

/* ---- reading ---- */

static void read_info(fd_stmt *st, fd_staff_info *out)
{
    *out = (fd_staff_info){
        .id = fd_col_int(st, FD_COL_STAFF_INFO_ID),
        .failures = (int)fd_col_int(st, FD_COL_STAFF_INFO_FAILURES),
        .locked = fd_col_int(st, FD_COL_STAFF_INFO_LOCKED) != 0,
    };
    snprintf(out->number, sizeof out->number, "%s", fd_col_text(st, FD_COL_STAFF_INFO_NUMBER));
    snprintf(out->name, sizeof out->name, "%s", fd_col_text(st, FD_COL_STAFF_INFO_NAME));
    /* The schema's CHECK admits only known roles; were it ever to fail, the zeroed
     * role is the least privileged one. */
    fd_role_parse(fd_col_text(st, FD_COL_STAFF_INFO_ROLE), &out->role);
}

/* FD_NOT_FOUND, with no message, when nobody has that number. */
static fd_status find_staff(fd_store *store, const char *number, fd_staff_info *out, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_STAFF_FIND);
    fd_bind_text(st, ":number", number);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        read_info(st, out);
    fd_stmt_reset(st);
    return s;
}

static fd_status no_such_staff(const char *number, fd_error *err)
{
    return fd_fail(err, FD_NOT_FOUND, "number", _("No staff member has the number %s."), number);
}

/* The staff member's current PIN hash; "" if they have none, which no PIN matches. */
static fd_status latest_pin(fd_store *store, int64_t staff_id, char out[HASH_TEXT], fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_STAFF_PIN_LATEST);
    fd_bind_int(st, ":staff_id", staff_id);
    fd_status s = fd_step_row(st, err);
    snprintf(out, HASH_TEXT, "%s", s == FD_OK ? fd_col_text(st, FD_COL_STAFF_PIN_LATEST_HASH) : "");
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static int max_failures(const fd_desk *d)
{
    return d->config && d->config->pin_max_failures > 0 ? d->config->pin_max_failures
                                                          : DEFAULT_MAX_FAILURES;
}

static fd_actor actor_of(const fd_staff_info *s)
{
    fd_actor a = {.staff_id = s->id, .role = s->role};
    memcpy(a.number, s->number, sizeof a.number);
    memcpy(a.name, s->name, sizeof a.name);
    return a;
}

/* ---- writing ---- */

static void bind_staff_ref(fd_stmt *st, const char *param, const fd_actor *who)
{
    if (who)
        fd_bind_int(st, param, who->staff_id);
    else
        fd_bind_null(st, param);
}

/* by_staff and the audit entry name who did it: the staff member logging in, the
 * one unlocking, or nobody (NULL) for a wrong PIN, since nobody proved who typed it. */
static fd_status insert_login_event(fd_desk *d, const fd_actor *who, int64_t staff_id, outcome o,
                                    fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_LOGIN_EVENT_INSERT);
    fd_bind_int(st, ":staff_id", staff_id);
    fd_bind_text(st, ":outcome", outcomes[o].stored);
    fd_bind_int(st, ":at", fd_desk_now(d));
    bind_staff_ref(st, ":by_staff", who);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    return fd_audit_row(d, who, outcomes[o].action, FD_TABLE_login_event,
                        fd_store_last_id(d->store), err);
}

static fd_status insert_pin(fd_desk *d, const fd_actor *who, int64_t staff_id, const char *hash,
                            const char *action, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_STAFF_PIN_INSERT);
    fd_bind_int(st, ":staff_id", staff_id);
    fd_bind_text(st, ":hash", hash);
    fd_bind_int(st, ":at", fd_desk_now(d));
    bind_staff_ref(st, ":set_by", who);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    return fd_audit_row(d, who, action, FD_TABLE_staff_pin, fd_store_last_id(d->store), err);
}

/* ---- adding ---- */

typedef struct add_ctx {
    fd_desk *d;
    const fd_actor *who;
    const char *number, *name, *hash;
    fd_role role;
} add_ctx;

static fd_status only_while_empty(fd_store *store, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_STAFF_COUNT);
    fd_status s = fd_step_row(st, err);
    int64_t count = s == FD_OK ? fd_col_int(st, FD_COL_STAFF_COUNT_STAFF) : 0;
    fd_stmt_reset(st);
    if (s != FD_OK)
        return s;
    return count == 0 ? FD_OK
                      : fd_fail(err, FD_DENIED, NULL,
                                _("Staff are added by an administrator who has logged in."));
}

static fd_status insert_staff(add_ctx *a, int64_t *id, fd_error *err)
{
    fd_stmt *st = fd_sql(a->d->store, FD_SQL_STAFF_INSERT);
    fd_bind_text(st, ":number", a->number);
    fd_bind_text(st, ":name", a->name);
    fd_bind_text(st, ":role", fd_role_name(a->role));
    fd_bind_int(st, ":at", fd_desk_now(a->d));
    bind_staff_ref(st, ":created_by", a->who);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    *id = fd_store_last_id(a->d->store);
    return fd_audit_row(a->d, a->who, fd_action_name(FD_ACT_STAFF_ADD), FD_TABLE_staff, *id, err);
}

static fd_status add_txn(fd_store *store, void *ctx, fd_error *err)
{
    add_ctx *a = ctx;
    fd_staff_info taken;
    int64_t id;
    fd_status s = a->who ? FD_OK : only_while_empty(store, err);
    if (s != FD_OK)
        return s;
    s = find_staff(store, a->number, &taken, err);
    if (s == FD_OK)
        return fd_fail(err, FD_CONFLICT, "number",
                       _("The staff number %s is already taken by %s."), taken.number, taken.name);
    if (s != FD_NOT_FOUND || (s = insert_staff(a, &id, err)) != FD_OK)
        return s;
    return insert_pin(a->d, a->who, id, a->hash, fd_action_name(FD_ACT_STAFF_SET_PIN), err);
}

fd_status fd_staff_add(fd_desk *d, const fd_actor *who, const char *number, const char *name,
                       fd_role role, const char *pin, fd_error *err)
{
    if (who && !fd_may(who, FD_ACT_STAFF_ADD))
        return fd_fail(err, FD_DENIED, NULL, _("Only an administrator may add staff."));
    char clean_name[NAME_MAX_BYTES + 1];
    fd_status s;
    if ((s = check_number(number, err)) != FD_OK || (s = check_name(name, clean_name, err)) != FD_OK ||
        (s = check_role(role, who, err)) != FD_OK || (s = check_pin(d, pin, "pin", err)) != FD_OK)
        return s;
    /* Hashed before the transaction, so the write lock is not held while Argon2 runs. */
    char hash[HASH_TEXT];
    if ((s = hash_pin(d, pin, hash, err)) != FD_OK)
        return s;
    add_ctx a = {d, who, number, clean_name, hash, role};
    return fd_store_write(d->store, add_txn, &a, err);
}

/* ---- logging in ---- */

typedef struct login_ctx {
    fd_desk *d;
    const char *number;
    bool known;
    fd_staff_info staff;
    char hash[HASH_TEXT];
    bool pin_ok;
} login_ctx;

/* One answer for an unknown number, a wrong PIN, a wrong PIN that locks the account and
 * any PIN for a locked one, the right one included: were the right PIN for a locked
 * account told apart, the lock-out would stop nobody from trying every PIN against it
 * (each try is some 30 ms) and logging in once it is unlocked. So the answer names the
 * lock as a possibility, and whom to ask. */
static fd_status refuse_wrong(const fd_desk *d, fd_error *err)
{
    return fd_fail(err, FD_BAD_PIN, "pin",
                   _("Wrong staff number or PIN, or the account is locked. After %d wrong PINs "
                     "in a row the account locks; a duty manager or an administrator unlocks "
                     "it."),
                   max_failures(d));
}

static fd_status login_look_up(fd_store *store, void *ctx, fd_error *err)
{
    login_ctx *l = ctx;
    fd_status s = find_staff(store, l->number, &l->staff, err);
    if (s == FD_NOT_FOUND)
        return FD_OK;
    l->known = s == FD_OK;
    return s == FD_OK ? latest_pin(store, l->staff.id, l->hash, err) : s;
}

static fd_status record_unknown(fd_desk *d, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_LOGIN_UNKNOWN_INSERT);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    return fd_audit_row(d, NULL, "staff.unknown_number", FD_TABLE_login_unknown,
                        fd_store_last_id(d->store), err);
}

/* The count is taken again under the write lock: another terminal may have added
 * wrong PINs, or locked the account, since the look-up. A wrong PIN is written for a
 * locked account too, and for a number nobody has, so every wrong answer costs the
 * same write. */
static fd_status login_record(fd_store *store, void *ctx, fd_error *err)
{
    login_ctx *l = ctx;
    if (!l->known)
        return record_unknown(l->d, err);
    fd_status s = find_staff(store, l->number, &l->staff, err);
    if (s != FD_OK)
        return s;
    /* Every try at a locked account is written alike, as a refusal for the lock, right
     * PIN or wrong: neither the chain's count of entries (which verify tells anyone) nor
     * the time a write takes may tell the right PIN apart. */
    if (l->staff.locked)
        return insert_login_event(l->d, NULL, l->staff.id, OUTCOME_LOCKED_OUT, err);
    if (l->pin_ok) {
        fd_actor me = actor_of(&l->staff);
        return insert_login_event(l->d, &me, l->staff.id, OUTCOME_OK, err);
    }
    /* The wrong PIN that locks the account is written as the lock-out alone: one entry
     * for every wrong answer, or the chain's length would tell a number that exists. */
    bool locks_now = l->staff.failures + 1 >= max_failures(l->d);
    return insert_login_event(l->d, NULL, l->staff.id, locks_now ? OUTCOME_LOCKED_OUT : OUTCOME_BAD_PIN,
                              err);
}

fd_status fd_staff_login(fd_desk *d, const char *number, const char *pin, fd_actor *out,
                         fd_error *err)
{
    login_ctx l = {.d = d, .number = number ? number : ""};
    pin = pin ? pin : "";
    fd_status s = fd_store_read(d->store, login_look_up, &l, err);
    /* Checked before the account's state is looked at, and outside the write
     * transaction, which then only records the verdict. */
    if (s == FD_OK)
        s = check_hash(d, l.known ? l.hash : NULL, pin, &l.pin_ok, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, login_record, &l, err);
    if (s != FD_OK)
        return s;
    if (!l.pin_ok || l.staff.locked)
        return refuse_wrong(d, err);
    *out = actor_of(&l.staff);
    return FD_OK;
}

/* ---- PINs ---- */

typedef struct pin_ctx {
    fd_desk *d;
    const fd_actor *who;
    const char *number;
    fd_staff_info staff;
    const char *new_hash;
} pin_ctx;

static fd_status pin_look_up(fd_store *store, void *ctx, fd_error *err)
{
    pin_ctx *p = ctx;
    fd_status s = find_staff(store, p->number, &p->staff, err);
    if (s == FD_NOT_FOUND)
        return no_such_staff(p->number, err);
    return s;
}

/* Someone who is not an administrator changes only their own PIN, proving they know
 * the current one the way a login does: a wrong one counts towards the lock-out, and
 * a locked account cannot be probed this way. */
static fd_status may_set_pin(fd_desk *d, const pin_ctx *p, const char *old_pin, fd_error *err)
{
    if (fd_may(p->who, FD_ACT_STAFF_SET_PIN))
        return FD_OK;
    if (p->staff.id != p->who->staff_id)
        return fd_fail(err, FD_DENIED, "number",
                       _("Only an administrator may set another staff member's PIN."));
    fd_actor self;
    fd_status s = fd_staff_login(d, p->staff.number, old_pin ? old_pin : "", &self, err);
    if (s != FD_OK && err)
        snprintf(err->field, sizeof err->field, "old_pin");
    return s;
}

static fd_status pin_record(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    pin_ctx *p = ctx;
    return insert_pin(p->d, p->who, p->staff.id, p->new_hash, fd_action_name(FD_ACT_STAFF_SET_PIN),
                      err);
}

fd_status fd_staff_set_pin(fd_desk *d, const fd_actor *who, const char *number,
                           const char *old_pin, const char *new_pin, fd_error *err)
{
    if (!who || who->staff_id <= 0)
        return fd_fail(err, FD_DENIED, NULL, _("Log in to change a PIN."));
    pin_ctx p = {.d = d, .who = who, .number = number ? number : ""};
    char new_hash[HASH_TEXT];
    fd_status s;
    if ((s = check_pin(d, new_pin, "pin", err)) != FD_OK ||
        (s = fd_store_read(d->store, pin_look_up, &p, err)) != FD_OK ||
        (s = may_set_pin(d, &p, old_pin, err)) != FD_OK ||
        (s = hash_pin(d, new_pin, new_hash, err)) != FD_OK)
        return s;
    p.new_hash = new_hash;
    return fd_store_write(d->store, pin_record, &p, err);
}

/* ---- unlocking ---- */

typedef struct unlock_ctx {
    fd_desk *d;
    const fd_actor *who;
    const char *number;
} unlock_ctx;

static fd_status unlock_txn(fd_store *store, void *ctx, fd_error *err)
{
    unlock_ctx *u = ctx;
    fd_staff_info staff;
    fd_status s = find_staff(store, u->number, &staff, err);
    if (s == FD_NOT_FOUND)
        return no_such_staff(u->number, err);
    if (s != FD_OK)
        return s;
    if (!staff.locked)
        return fd_fail(err, FD_STATE, "number", _("%s (%s) is not locked."), staff.name,
                       staff.number);
    return insert_login_event(u->d, u->who, staff.id, OUTCOME_UNLOCK, err);
}

fd_status fd_staff_unlock(fd_desk *d, const fd_actor *who, const char *number, fd_error *err)
{
    if (!fd_may(who, FD_ACT_STAFF_UNLOCK))
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only a duty manager or an administrator may unlock an account."));
    unlock_ctx u = {d, who, number ? number : ""};
    return fd_store_write(d->store, unlock_txn, &u, err);
}

/* ---- recovery by the operating system's administrator ---- */

typedef struct recover_ctx {
    fd_desk *d;
    const char *number;
    const char *hash;
} recover_ctx;

static fd_status recover_txn(fd_store *store, void *ctx, fd_error *err)
{
    recover_ctx *r = ctx;
    fd_staff_info staff;
    fd_status s = find_staff(store, r->number, &staff, err);
    if (s == FD_NOT_FOUND)
        return no_such_staff(r->number, err);
    if (s != FD_OK)
        return s;
    if (staff.role != FD_ROLE_ADMIN)
        return fd_fail(err, FD_STATE, "number",
                       _("%s (%s) is not an administrator. Recovery gives a site its "
                         "administrator back, who then sees to everyone else."),
                       staff.name, staff.number);
    if ((s = insert_pin(r->d, NULL, staff.id, r->hash, "staff.recover", err)) != FD_OK)
        return s;
    return staff.locked ? insert_login_event(r->d, NULL, staff.id, OUTCOME_UNLOCK, err) : FD_OK;
}

fd_status fd_staff_recover(fd_desk *d, const char *number, const char *new_pin, fd_error *err)
{
    if (!fd_site_is_root())
        return fd_fail(err, FD_DENIED, NULL,
                       _("Only the operating system's administrator (root) may recover an "
                         "administrator's account."));
    char hash[HASH_TEXT];
    fd_status s;
    if ((s = check_pin(d, new_pin, "pin", err)) != FD_OK || (s = hash_pin(d, new_pin, hash, err)) != FD_OK)
        return s;
    recover_ctx r = {d, number ? number : "", hash};
    return fd_store_write(d->store, recover_txn, &r, err);
}

/* ---- looking up ---- */

typedef struct find_ctx {
    const char *number;
    fd_staff_info *out;
} find_ctx;

static fd_status find_txn(fd_store *store, void *ctx, fd_error *err)
{
    find_ctx *f = ctx;
    fd_status s = find_staff(store, f->number, f->out, err);
    return s == FD_NOT_FOUND ? no_such_staff(f->number, err) : s;
}

fd_status fd_staff_find(fd_desk *d, const char *number, fd_staff_info *out, fd_error *err)
{
    find_ctx f = {number ? number : "", out};
    return fd_store_read(d->store, find_txn, &f, err);
}

typedef struct list_ctx {
    void (*each)(void *ctx, const fd_staff_info *s);
    void *ctx;
} list_ctx;

static fd_status list_txn(fd_store *store, void *ctx, fd_error *err)
{
    list_ctx *l = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_STAFF_LIST);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_staff_info info;
        read_info(st, &info);
        l->each(l->ctx, &info);
    }
    return rc < 0 ? err->status : FD_OK;
}

fd_status fd_staff_list(fd_desk *d, const fd_actor *who,
                        void (*each)(void *ctx, const fd_staff_info *s), void *ctx, fd_error *err)
{
    if (!fd_may(who, FD_ACT_STAFF_LIST))
        return fd_fail(err, FD_DENIED, NULL, _("Only managers and administrators may list the staff."));
    list_ctx l = {each, ctx};
    return fd_store_read(d->store, list_txn, &l, err);
}
