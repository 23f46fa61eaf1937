/* Mail, parcels and newspapers: see include/frontdesk/mail.h. Nothing here is updated:
 * an item is inserted once and moves by events; its shelf is its newest shelving row,
 * its hand-out and return are rows of their own, and a correction is a correction row. */
#include "frontdesk/mail.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/audit.h"
#include "frontdesk/directory.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "mail/mail_internal.h"
#include "store/stmt.h"

/* The defaults of data/frontdesk.cfg, for a desk opened without a configuration. */
static const int default_buckets[3] = {3, 7, 15};

/* ---- names and labels ---- */

typedef struct named {
    const char *name, *label;
} named;

static const named kinds[] = {
#define FD_MAIL_KIND_NAMED(id, name, label) {name, label},
    FD_MAIL_KIND_LIST(FD_MAIL_KIND_NAMED)
#undef FD_MAIL_KIND_NAMED
};

static const named states[] = {
#define FD_MAIL_STATE_NAMED(id, name, label) {name, label},
    FD_MAIL_STATE_LIST(FD_MAIL_STATE_NAMED)
#undef FD_MAIL_STATE_NAMED
};

static const named fields[] = {
#define FD_MAIL_FIELD_NAMED(id, name, label) {name, label},
    FD_MAIL_FIELD_LIST(FD_MAIL_FIELD_NAMED)
#undef FD_MAIL_FIELD_NAMED
};

static bool parse_named(const named *list, size_t count, const char *name, int *out);

bool mail_field_parse(const char *name, int *out)
{
    return parse_named(fields, FD_MAIL_FIELD_COUNT, name, out);
}

static bool parse_named(const named *list, size_t count, const char *name, int *out)
{
    for (size_t i = 0; name && i < count; i++) {
        if (strcmp(list[i].name, name) == 0) {
            *out = (int)i;
            return true;
        }
    }
    return false;
}

const char *fd_mail_kind_name(fd_mail_kind k) { return kinds[k].name; }
const char *fd_mail_kind_label(fd_mail_kind k) { return _(kinds[k].label); }
const char *fd_mail_state_name(fd_mail_state s) { return states[s].name; }
const char *fd_mail_state_label(fd_mail_state s) { return _(states[s].label); }
const char *fd_mail_field_name(fd_mail_field f) { return fields[f].name; }
const char *fd_mail_field_label(fd_mail_field f) { return _(fields[f].label); }

bool fd_mail_kind_parse(const char *name, fd_mail_kind *out)
{
    int i;
    if (!parse_named(kinds, FD_MAIL_KIND_COUNT, name, &i))
        return false;
    *out = (fd_mail_kind)i;
    return true;
}

bool fd_mail_state_parse(const char *name, fd_mail_state *out)
{
    int i;
    if (!parse_named(states, FD_MAIL_STATE_COUNT, name, &i))
        return false;
    *out = (fd_mail_state)i;
    return true;
}

const char *mail_event_label(const char *event)
{
    static const named events[] = {
        {"receive", N_("Signed for")},        {"shelve", N_("Put on a shelf")},
        {"move", N_("Moved to another shelf")}, {"collect", N_("Collected")},
        {"collect_by_proxy", N_("Collected by proxy")}, {"return", N_("Returned to sender")},
    };
    int i;
    return parse_named(events, sizeof events / sizeof events[0], event, &i) ? _(events[i].label)
                                                                             : event;
}

/* ---- configuration ---- */

int mail_return_days(const fd_desk *d)
{
    return d->config && d->config->mail_return_days > 0 ? d->config->mail_return_days
                                                        : DEFAULT_RETURN_DAYS;
}

static const int *age_buckets(const fd_desk *d)
{
    return d->config && d->config->mail_age_buckets[0] > 0 ? d->config->mail_age_buckets
                                                           : default_buckets;
}

bool mail_may_see_phones(const fd_desk *d, const fd_actor *who)
{
    return d->config && fd_may_see_phones(d->config, who);
}

/* ---- checking what is typed ---- */

/* Copies text without surrounding blanks to out (size bytes). empty is the message for
 * a required field left empty; NULL makes the field optional. */
fd_status mail_clean_text(const char *text, const char *field, const char *empty, bool multiline,
                            char *out, size_t size, fd_error *err)
{
    size_t n;
    const char *start = text_trim(text, true, &n);
    out[0] = '\0';
    if (n == 0)
        return empty ? fd_fail(err, FD_INVALID, field, "%s", empty) : FD_OK;
    if (n >= size)
        return fd_fail(err, FD_INVALID, field,
                       _("This is too long: at most %zu bytes (%zu Chinese characters)."),
                       size - 1, (size - 1) / 3);
    memcpy(out, start, n);
    out[n] = '\0';
    /* What is typed ends up on printed registers. */
    if (!fd_validate_text(out, n, multiline, NULL))
        return fd_fail(err, FD_INVALID, field, _("This contains characters that cannot be printed."));
    return FD_OK;
}

void mail_upper_ascii(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

/* The normal form of a tracking number: what the label says, in upper case, without
 * the blanks and line ends a scanner or a typist adds. "" when none was given. */
static fd_status clean_tracking(const char *text, char out[FD_MAIL_TRACKING_MAX], fd_error *err)
{
    size_t n = 0;
    for (const char *p = text ? text : ""; *p; p++) {
        if (text_is_space(*p))
            continue;
        bool ok = (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                  *p == '-';
        if (!ok)
            return fd_fail(err, FD_INVALID, "tracking",
                           _("A tracking number has only letters, digits and hyphens."));
        if (n + 1 >= FD_MAIL_TRACKING_MAX)
            return fd_fail(err, FD_INVALID, "tracking",
                           _("A tracking number has at most %d characters."), FD_MAIL_TRACKING_MAX - 1);
        out[n++] = *p;
    }
    out[n] = '\0';
    mail_upper_ascii(out);
    if (n > 0 && n < TRACKING_MIN)
        return fd_fail(err, FD_INVALID, "tracking",
                       _("A tracking number has at least %d characters."), TRACKING_MIN);
    return FD_OK;
}

/* A carrier of the configured list is stored as the list spells it. */
static fd_status clean_carrier(const fd_desk *d, const char *text, const char *empty,
                               char out[FD_MAIL_SHORT_MAX], fd_error *err)
{
    fd_status s = mail_clean_text(text, "carrier", empty, false, out, FD_MAIL_SHORT_MAX, err);
    for (size_t i = 0; s == FD_OK && d->config && i < d->config->carriers.count; i++)
        if (strcasecmp(out, d->config->carriers.items[i]) == 0)
            snprintf(out, FD_MAIL_SHORT_MAX, "%s", d->config->carriers.items[i]);
    return s;
}

bool fd_mail_kind_is_item(fd_mail_kind k)
{
    return (unsigned)k < FD_MAIL_KIND_COUNT && k != FD_MAIL_NEWSPAPER;
}

/* Well-known prefixes only: a number that could be anyone's guesses nothing. */
static const struct {
    const char *prefix;
    const char *name; /* found in the configured carrier's name */
} carrier_prefixes[] = {
    {"SF", "顺丰"}, {"JD", "京东"}, {"YT", "圆通"}, {"ZTO", "中通"}, {"STO", "申通"},
};

const char *fd_mail_carrier_guess(const fd_config *cfg, const char *tracking)
{
    if (!cfg || !tracking)
        return NULL;
    while (*tracking == ' ')
        tracking++;
    for (size_t p = 0; p < sizeof carrier_prefixes / sizeof carrier_prefixes[0]; p++) {
        size_t n = strlen(carrier_prefixes[p].prefix);
        if (strncasecmp(tracking, carrier_prefixes[p].prefix, n) != 0)
            continue;
        for (size_t i = 0; i < cfg->carriers.count; i++)
            if (strstr(cfg->carriers.items[i], carrier_prefixes[p].name))
                return cfg->carriers.items[i];
        return NULL;
    }
    return NULL;
}

/* Shelf labels are matched from their start, so "b3" finds "B3". */
static fd_status clean_shelf(const char *text, const char *empty, char out[FD_MAIL_SHELF_MAX],
                             fd_error *err)
{
    fd_status s = mail_clean_text(text, "shelf", empty, false, out, FD_MAIL_SHELF_MAX, err);
    mail_upper_ascii(out);
    return s;
}

static fd_status check_quantity(int quantity, int max, fd_error *err)
{
    if (quantity < 1 || quantity > max)
        return fd_fail(err, FD_INVALID, "quantity", _("The quantity is a number from 1 to %d."), max);
    return FD_OK;
}

/* Names compare without blanks and ASCII case: "张 三" is 张三, "li na" is Li Na. */
static bool same_name(const char *a, const char *b)
{
    for (;;) {
        while (text_is_space(*a))
            a++;
        while (text_is_space(*b))
            b++;
        char ca = *a >= 'a' && *a <= 'z' ? (char)(*a - 'a' + 'A') : *a;
        char cb = *b >= 'a' && *b <= 'z' ? (char)(*b - 'a' + 'A') : *b;
        if (ca != cb)
            return false;
        if (!ca)
            return true;
        a++;
        b++;
    }
}

static fd_status refuse_role(const fd_actor *who, fd_action action, fd_error *err)
{
    return fd_fail(err, FD_DENIED, NULL, _("%s may not do this (%s)."),
                   who ? fd_role_label(who->role) : "?", fd_action_label(action));
}

/* ---- reading items ---- */

/* snprintf(dst, size, "%s", src) without printf's machinery: a list copies a dozen
 * fields of every item it reads, and printf cost more than the query did. */
void mail_copy(char *dst, size_t size, const char *src)
{
    size_t n = src ? strnlen(src, size - 1) : 0;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

/* The item's label in messages: its tracking number, else its number. */
static void item_label(const fd_mail_item *it, char *out, size_t size)
{
    if (it->tracking[0])
        snprintf(out, size, "%s", it->tracking);
    else
        snprintf(out, size, _("item %lld"), (long long)it->id);
}

static void recipient_text(const char *unit, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s%s%s", unit, *unit && *name ? " " : "", name);
}

static void set_age(const fd_desk *d, fd_mail_item *it)
{
    it->age_days = it->age_bucket = 0;
    it->to_return = false;
    if (it->state != FD_MAIL_STATE_RECEIVED && it->state != FD_MAIL_STATE_HELD)
        return;
    it->age_days = fd_date_of(fd_desk_now(d)) - fd_date_of(it->received_at);
    const int *buckets = age_buckets(d);
    while (it->age_bucket < 3 && it->age_days >= buckets[it->age_bucket])
        it->age_bucket++;
    it->to_return = it->age_days >= mail_return_days(d);
}

/* Reads a row of FD_MAIL_COLUMNS followed by the search key. */
void mail_read_item(const fd_desk *d, fd_stmt *st, fd_mail_item *it)
{
    memset(it, 0, sizeof *it);
    it->id = fd_col_int(st, FD_COL_MAIL_ITEM_ID);
    it->received_at = fd_col_int(st, FD_COL_MAIL_ITEM_AT);
    mail_copy(it->received_by, sizeof it->received_by, fd_col_text(st, FD_COL_MAIL_ITEM_STAFF_NAME));
    /* The schema's CHECKs admit only known kinds and states. */
    fd_mail_kind_parse(fd_col_text(st, FD_COL_MAIL_ITEM_KIND), &it->kind);
    fd_mail_state_parse(fd_col_text(st, FD_COL_MAIL_ITEM_STATE), &it->state);
    it->quantity = (int)fd_col_int(st, FD_COL_MAIL_ITEM_QUANTITY);
    mail_copy(it->carrier, sizeof it->carrier, fd_col_text(st, FD_COL_MAIL_ITEM_CARRIER));
    mail_copy(it->tracking, sizeof it->tracking, fd_col_text(st, FD_COL_MAIL_ITEM_TRACKING));
    it->recipient_kind = (fd_dir_kind)fd_col_int(st, FD_COL_MAIL_ITEM_RECIPIENT_KIND);
    it->recipient_id = fd_col_int(st, FD_COL_MAIL_ITEM_RECIPIENT_ID);
    mail_copy(it->recipient_unit, sizeof it->recipient_unit, fd_col_text(st, FD_COL_MAIL_ITEM_RECIPIENT_UNIT));
    mail_copy(it->recipient_name, sizeof it->recipient_name, fd_col_text(st, FD_COL_MAIL_ITEM_RECIPIENT_NAME));
    mail_copy(it->recipient_org, sizeof it->recipient_org, fd_col_text(st, FD_COL_MAIL_ITEM_RECIPIENT_ORG));
    mail_copy(it->shelf, sizeof it->shelf, fd_col_text(st, FD_COL_MAIL_ITEM_SHELF));
    mail_copy(it->note, sizeof it->note, fd_col_text(st, FD_COL_MAIL_ITEM_NOTE));
    it->damaged = fd_col_int(st, FD_COL_MAIL_ITEM_DAMAGED) != 0;
    mail_copy(it->damage_note, sizeof it->damage_note, fd_col_text(st, FD_COL_MAIL_ITEM_DAMAGE_NOTE));
    mail_copy(it->damage_ack, sizeof it->damage_ack, fd_col_text(st, FD_COL_MAIL_ITEM_DAMAGE_ACK));
    it->corrected = fd_col_int(st, FD_COL_MAIL_ITEM_CORRECTED) != 0;
    it->closed_at = fd_col_int(st, FD_COL_MAIL_ITEM_CLOSED_AT);
    mail_copy(it->closed_by, sizeof it->closed_by, fd_col_text(st, FD_COL_MAIL_ITEM_CLOSED_BY));
    it->by_proxy = fd_col_int(st, FD_COL_MAIL_ITEM_BY_PROXY) != 0;
    mail_copy(it->key, sizeof it->key, fd_col_text(st, FD_COL_MAIL_ITEM_SORT_KEY));
    set_age(d, it);
}

/* FD_NOT_FOUND, with no message, when there is no such item. */
static fd_status get_item(fd_desk *d, int64_t id, fd_mail_item *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_MAIL_GET);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        mail_read_item(d, st, out);
    fd_stmt_reset(st);
    return s;
}

static fd_status no_such_item(int64_t id, const char *field, fd_error *err)
{
    return fd_fail(err, FD_NOT_FOUND, field, _("There is no mail item %lld."), (long long)id);
}

fd_status mail_find_item(fd_desk *d, int64_t id, const char *field, fd_mail_item *out,
                           fd_error *err)
{
    fd_status s = get_item(d, id, out, err);
    return s == FD_NOT_FOUND ? no_such_item(id, field, err) : s;
}

/* ---- the state machine ---- */

static const char *machine_state_label(const char *state)
{
    fd_mail_state s;
    return fd_mail_state_parse(state, &s) ? fd_mail_state_label(s) : NULL;
}

/* What the proxy guard checks a hand-out against. */
typedef struct proxy_check {
    const char *collector, *phone, *relation;
    const fd_mail_item *item;
} proxy_check;

static fd_status proxy_guard(fd_desk *d, const fd_fire *fire, int64_t entity_id, fd_error *err)
{
    (void)d;
    (void)entity_id;
    const proxy_check *p = fire->guard_ctx;
    if (!p)
        return fd_fail(err, FD_INVALID, "proxy_phone",
                       _("A proxy collector needs a phone number and a relationship."));
    if (*p->phone && *p->relation)
        return FD_OK;
    char label[FD_MAIL_TRACKING_MAX + 32], whom[FD_MAIL_UNIT_MAX + FD_MAIL_NAME_MAX];
    item_label(p->item, label, sizeof label);
    recipient_text(p->item->recipient_unit, p->item->recipient_name, whom, sizeof whom);
    return fd_fail(err, FD_INVALID, *p->phone ? "proxy_relation" : "proxy_phone",
                   _("%s is not the recipient of %s (%s): a proxy collector needs a phone number "
                     "and a relationship."),
                   p->collector, label, whom);
}

/* Sending an item back early needs a reason: the limit is when it goes back anyway. */
static fd_status return_guard(fd_desk *d, const fd_fire *fire, int64_t entity_id, fd_error *err)
{
    fd_mail_item it;
    fd_status s = mail_find_item(d, entity_id, NULL, &it, err);
    if (s != FD_OK || it.to_return || (fire->note && *fire->note))
        return s;
    char label[FD_MAIL_TRACKING_MAX + 32];
    item_label(&it, label, sizeof label);
    return fd_fail(err, FD_INVALID, "note",
                   _("%s has been at the desk %d days, less than the %d after which it goes "
                     "back: give the reason for returning it now."),
                   label, it.age_days, mail_return_days(d));
}

static const fd_transition mail_rows[] = {
    {NULL, "receive", "received", FD_ACT_MAIL_RECEIVE, NULL},
    {"received", "shelve", "held", FD_ACT_MAIL_RECEIVE, NULL},
    {"held", "move", "held", FD_ACT_MAIL_RECEIVE, NULL},
    {"received", "collect", "collected", FD_ACT_MAIL_HAND_OUT, NULL},
    {"held", "collect", "collected", FD_ACT_MAIL_HAND_OUT, NULL},
    {"received", "collect_by_proxy", "collected_by_proxy", FD_ACT_MAIL_HAND_OUT, proxy_guard},
    {"held", "collect_by_proxy", "collected_by_proxy", FD_ACT_MAIL_HAND_OUT, proxy_guard},
    {"received", "return", "returned", FD_ACT_MAIL_RETURN, return_guard},
    {"held", "return", "returned", FD_ACT_MAIL_RETURN, return_guard},
};

const fd_machine fd_mail_machine = {"mail", mail_rows, sizeof mail_rows / sizeof mail_rows[0],
                                    machine_state_label};

/* Shelving an item held already moves it. */
static const char *shelving_event(fd_mail_state state)
{
    return state == FD_MAIL_STATE_HELD ? "move" : "shelve";
}

fd_status fd_mail_may(fd_desk *d, int64_t item_id, fd_mail_state state, fd_mail_step step,
                      const fd_actor *who, const fd_actor *approver)
{
    static const char *const events[FD_MAIL_STEP_COUNT] = {
        [FD_MAIL_STEP_HAND_OUT] = "collect",
        [FD_MAIL_STEP_RETURN] = "return",
    };
    const char *event = step == FD_MAIL_STEP_SHELVE ? shelving_event(state) : events[step];
    return fd_machine_may(d, &fd_mail_machine, item_id, fd_mail_state_name(state), event, who,
                          approver);
}

static fd_status fire(fd_desk *d, const fd_actor *who, int64_t item_id, const char *event,
                      const char *note, void *guard_ctx, int64_t *event_id, fd_error *err)
{
    fd_fire f = {.actor = who, .note = note && *note ? note : NULL, .guard_ctx = guard_ctx};
    return fd_machine_fire(d, &fd_mail_machine, item_id, event, &f, event_id, err);
}

/* ---- intake ---- */

typedef struct intake {
    fd_desk *d;
    const fd_actor *who;
    fd_mail_kind kind;
    int quantity;
    bool damaged;
    char carrier[FD_MAIL_SHORT_MAX];
    char tracking[FD_MAIL_TRACKING_MAX];
    char shelf[FD_MAIL_SHELF_MAX];
    char note[FD_MAIL_NOTE_MAX];
    char damage_note[FD_MAIL_NOTE_MAX];
    char damage_ack[FD_MAIL_SHORT_MAX];
    fd_mail_recipient recipient;
    char free_name[FD_MAIL_NAME_MAX];
    int64_t item_id;
} intake;

bool fd_mail_intake_requires(const fd_mail_intake *in, const char *field)
{
    if (strcmp(field, "tracking") == 0)
        return in->kind == FD_MAIL_EXPRESS;
    if (strcmp(field, "damage_note") == 0 || strcmp(field, "damage_ack") == 0)
        return in->damaged;
    return strcmp(field, "carrier") == 0 || strcmp(field, "kind") == 0 ||
           strcmp(field, "recipient") == 0;
}

static fd_status check_intake(const fd_desk *d, const fd_mail_intake *in, intake *it, fd_error *err)
{
    fd_status s;
    if ((unsigned)in->kind >= FD_MAIL_KIND_COUNT)
        return fd_fail(err, FD_INVALID, "kind", _("Choose the kind of item."));
    if (!fd_mail_kind_is_item(in->kind))
        return fd_fail(err, FD_INVALID, "kind",
                       _("Newspapers are signed for by title on the newspaper tally, where the "
                         "copies left are counted: record them there."));
    it->kind = in->kind;
    it->quantity = in->quantity == 0 ? 1 : in->quantity;
    it->damaged = in->damaged;
    it->recipient = in->recipient;
    if ((s = clean_carrier(d, in->carrier, _("Enter the carrier that delivered it."), it->carrier,
                           err)) != FD_OK ||
        (s = check_quantity(it->quantity, FD_MAIL_QUANTITY_MAX, err)) != FD_OK ||
        (s = clean_tracking(in->tracking, it->tracking, err)) != FD_OK ||
        (s = clean_shelf(in->shelf, NULL, it->shelf, err)) != FD_OK ||
        (s = mail_clean_text(in->note, "note", NULL, true, it->note, sizeof it->note, err)) != FD_OK)
        return s;
    if (fd_mail_intake_requires(in, "tracking") && !it->tracking[0])
        return fd_fail(err, FD_INVALID, "tracking",
                       _("An express parcel needs its tracking number: scan the barcode."));
    if (it->recipient.kind == 0 &&
        (s = mail_clean_text(in->recipient.text, "recipient", _("Enter the recipient."), false,
                        it->free_name, sizeof it->free_name, err)) != FD_OK)
        return s;
    if (!fd_mail_intake_requires(in, "damage_note"))
        return FD_OK;
    if ((s = mail_clean_text(in->damage_note, "damage_note", _("Describe the damage."), true,
                        it->damage_note, sizeof it->damage_note, err)) != FD_OK)
        return s;
    return mail_clean_text(in->damage_ack, "damage_ack",
                      _("Enter the courier who acknowledged the damage."), false, it->damage_ack,
                      sizeof it->damage_ack, err);
}

/* The recipient as the directory has it now. */
typedef struct recipient_row {
    int64_t unit_id;
    char unit[FD_MAIL_UNIT_MAX], name[FD_MAIL_NAME_MAX], org[FD_MAIL_NAME_MAX];
} recipient_row;

static fd_status look_up_recipient(fd_desk *d, const fd_mail_recipient *r, recipient_row *out,
                                   fd_error *err)
{
    static const struct {
        fd_dir_kind kind;
        fd_sql_id sql;
        const char *a, *b; /* occupant kinds it may be */
    } lookups[] = {
        {FD_DIR_UNIT, FD_SQL_MAIL_DIR_UNIT, NULL, NULL},
        {FD_DIR_OCCUPANT, FD_SQL_MAIL_DIR_OCCUPANT, "owner", "tenant"},
        {FD_DIR_COMPANY, FD_SQL_MAIL_DIR_OCCUPANT, "company", "company"},
        {FD_DIR_PERSON, FD_SQL_MAIL_DIR_OCCUPANT, "employee", "employee"},
        {FD_DIR_DEPARTMENT, FD_SQL_MAIL_DIR_DEPARTMENT, NULL, NULL},
    };
    size_t i = 0;
    while (i < sizeof lookups / sizeof lookups[0] && lookups[i].kind != r->kind)
        i++;
    if (i == sizeof lookups / sizeof lookups[0])
        return fd_fail(err, FD_INVALID, "recipient",
                       _("Pick a unit, an occupant, a company, a department or a person."));
    fd_stmt *st = fd_sql(d->store, lookups[i].sql);
    fd_bind_int(st, ":id", r->id);
    if (lookups[i].a) {
        fd_bind_text(st, ":kind_a", lookups[i].a);
        fd_bind_text(st, ":kind_b", lookups[i].b);
    }
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        out->unit_id = fd_col_int(st, FD_COL_MAIL_RECIPIENT_ID);
        mail_copy(out->unit, sizeof out->unit, fd_col_text(st, FD_COL_MAIL_RECIPIENT_CODE));
        mail_copy(out->name, sizeof out->name, fd_col_text(st, FD_COL_MAIL_RECIPIENT_NAME));
        mail_copy(out->org, sizeof out->org, fd_col_text(st, FD_COL_MAIL_RECIPIENT_ORGANISATION));
    }
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "recipient",
                       _("The recipient picked is not in the directory."));
    return s;
}

static fd_status refuse_duplicate(fd_desk *d, const char *tracking, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_MAIL_TRACKING_FIND);
    fd_bind_text(st, ":tracking", tracking);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return FD_OK;
    if (s == FD_OK) {
        char when[FD_TIME_TEXT], whom[FD_MAIL_UNIT_MAX + FD_MAIL_NAME_MAX];
        long long id = fd_col_int(st, FD_COL_MAIL_TRACKING_FIND_ID);
        fd_time_format(fd_col_int(st, FD_COL_MAIL_TRACKING_FIND_AT), when);
        recipient_text(fd_col_text(st, FD_COL_MAIL_TRACKING_FIND_RECIPIENT_UNIT), fd_col_text(st, FD_COL_MAIL_TRACKING_FIND_RECIPIENT_NAME), whom, sizeof whom);
        s = fd_fail(err, FD_CONFLICT, "tracking",
                    _("Tracking number %s is already registered: item %lld for %s, received %s."),
                    tracking, id, whom, when);
    }
    fd_stmt_reset(st);
    return s;
}

static void bind_optional(fd_stmt *st, const char *param, const char *text)
{
    fd_bind_text(st, param, text && *text ? text : NULL);
}

static fd_status insert_item(intake *it, const recipient_row *r, fd_error *err)
{
    fd_stmt *st = fd_sql(it->d->store, FD_SQL_MAIL_ITEM_INSERT);
    fd_bind_int(st, ":at", fd_desk_now(it->d));
    fd_bind_int(st, ":staff_id", it->who->staff_id);
    fd_bind_text(st, ":carrier", it->carrier);
    fd_bind_text(st, ":kind", fd_mail_kind_name(it->kind));
    fd_bind_int(st, ":quantity", it->quantity);
    bind_optional(st, ":tracking", it->tracking);
    fd_bind_int(st, ":recipient_kind", it->recipient.kind);
    if (it->recipient.kind) {
        fd_bind_int(st, ":recipient_id", it->recipient.id);
        fd_bind_int(st, ":recipient_unit_id", r->unit_id);
    } else {
        fd_bind_null(st, ":recipient_id");
        fd_bind_null(st, ":recipient_unit_id");
    }
    fd_bind_text(st, ":recipient_unit", r->unit);
    fd_bind_text(st, ":recipient_name", r->name);
    bind_optional(st, ":recipient_org", r->org);
    bind_optional(st, ":note", it->note);
    fd_bind_int(st, ":damaged", it->damaged);
    bind_optional(st, ":damage_note", it->damaged ? it->damage_note : NULL);
    bind_optional(st, ":damage_ack", it->damaged ? it->damage_ack : NULL);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    it->item_id = fd_store_last_id(it->d->store);
    return fd_audit_row(it->d, it->who, fd_action_name(FD_ACT_MAIL_RECEIVE), FD_TABLE_mail_item,
                        it->item_id, err);
}

static fd_status insert_shelving(fd_desk *d, const fd_actor *who, int64_t item_id, const char *shelf,
                                 const char *event, fd_error *err)
{
    int64_t event_id;
    fd_status s = fire(d, who, item_id, event, NULL, NULL, &event_id, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_MAIL_SHELVING_INSERT);
    fd_bind_int(st, ":item_id", item_id);
    fd_bind_text(st, ":shelf", shelf);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":at", fd_desk_now(d));
    fd_bind_int(st, ":staff_id", who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    return fd_audit_row(d, who, "mail.shelve", FD_TABLE_mail_shelving, fd_store_last_id(d->store),
                        err);
}

static fd_status receive_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    intake *it = ctx;
    recipient_row r = {0};
    fd_status s = FD_OK;
    if (it->recipient.kind)
        s = look_up_recipient(it->d, &it->recipient, &r, err);
    else
        mail_copy(r.name, sizeof r.name, it->free_name);
    if (s == FD_OK && it->tracking[0])
        s = refuse_duplicate(it->d, it->tracking, err);
    if (s != FD_OK || (s = insert_item(it, &r, err)) != FD_OK ||
        (s = fire(it->d, it->who, it->item_id, "receive", NULL, NULL, NULL, err)) != FD_OK)
        return s;
    return it->shelf[0] ? insert_shelving(it->d, it->who, it->item_id, it->shelf, "shelve", err) : FD_OK;
}

static fd_status check_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    const intake *it = ctx;
    return it->tracking[0] ? refuse_duplicate(it->d, it->tracking, err) : FD_OK;
}

fd_status fd_mail_check(fd_desk *d, const fd_mail_intake *in, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    intake *it = fd_alloc(sizeof *it);
    it->d = d;
    fd_status s = check_intake(d, in, it, err);
    if (s == FD_OK)
        s = fd_store_read(d->store, check_txn, it, err);
    free(it);
    return s;
}

static void count_entry(void *ctx, const fd_dir_entry *e)
{
    (void)e;
    ++*(int *)ctx;
}

fd_status fd_mail_warnings(fd_desk *d, const fd_mail_intake *in,
                           void (*each)(void *ctx, const char *warning), void *ctx, fd_error *err)
{
    if (in->recipient.kind || text_blank(in->recipient.text))
        return FD_OK;
    int found = 0;
    fd_status s = fd_directory_search(d, NULL, FD_DIR_ANY, in->recipient.text, 1, count_entry, &found, err);
    if (s == FD_OK && !found) {
        char *typed = text_trimmed(in->recipient.text);
        char line[FD_MESSAGE_MAX];
        snprintf(line, sizeof line, _("%s is not in the directory: check it against the waybill."), typed);
        free(typed);
        each(ctx, line);
    }
    return s;
}

fd_status fd_mail_receive(fd_desk *d, const fd_actor *who, const fd_mail_intake *in,
                          int64_t *item_id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_MAIL_RECEIVE))
        return refuse_role(who, FD_ACT_MAIL_RECEIVE, err);
    intake *it = fd_alloc(sizeof *it);
    it->d = d;
    it->who = who;
    fd_status s = check_intake(d, in, it, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, receive_txn, it, err);
    if (s == FD_OK && item_id)
        *item_id = it->item_id;
    free(it);
    return s;
}

/* ---- shelving ---- */

typedef struct shelving {
    fd_desk *d;
    const fd_actor *who;
    int64_t item_id;
    char shelf[FD_MAIL_SHELF_MAX];
} shelving;

static fd_status shelve_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    shelving *sh = ctx;
    fd_mail_item it;
    fd_status s = mail_find_item(sh->d, sh->item_id, NULL, &it, err);
    if (s != FD_OK)
        return s;
    if (it.state == FD_MAIL_STATE_HELD && strcmp(it.shelf, sh->shelf) == 0)
        return fd_fail(err, FD_INVALID, "shelf", _("The item is on shelf %s already."), sh->shelf);
    return insert_shelving(sh->d, sh->who, sh->item_id, sh->shelf, shelving_event(it.state), err);
}

fd_status fd_mail_shelve(fd_desk *d, const fd_actor *who, int64_t item_id, const char *shelf,
                         fd_error *err)
{
    if (!fd_may(who, FD_ACT_MAIL_RECEIVE))
        return refuse_role(who, FD_ACT_MAIL_RECEIVE, err);
    shelving sh = {.d = d, .who = who, .item_id = item_id};
    fd_status s = clean_shelf(shelf, _("Enter the shelf."), sh.shelf, err);
    return s == FD_OK ? fd_store_write(d->store, shelve_txn, &sh, err) : s;
}

/* ---- hand-out ---- */

typedef struct handout {
    fd_desk *d;
    const fd_actor *who;
    const int64_t *ids;
    size_t count;
    bool proxy;
    char collector[FD_MAIL_SHORT_MAX];
    char phone[FD_MAIL_SHORT_MAX];
    char relation[FD_MAIL_SHORT_MAX];
    char note[FD_MAIL_NOTE_MAX];
    fd_mail_item *items;
    int64_t handout_id;
} handout;

static fd_status check_handout(const fd_mail_handout *h, handout *ho, fd_error *err)
{
    fd_status s;
    if (h->count == 0 || !h->items)
        return fd_fail(err, FD_INVALID, "items", _("Choose the items to hand out."));
    if (h->count > FD_MAIL_HANDOUT_MAX)
        return fd_fail(err, FD_INVALID, "items", _("At most %d items are handed out at once."),
                       FD_MAIL_HANDOUT_MAX);
    for (size_t i = 0; i < h->count; i++)
        for (size_t j = 0; j < i; j++)
            if (h->items[i] == h->items[j])
                return fd_fail(err, FD_INVALID, "items", _("Item %lld is chosen twice."),
                               (long long)h->items[i]);
    if ((s = mail_clean_text(h->collector, "collector", _("Enter the name of the person collecting."),
                        false, ho->collector, sizeof ho->collector, err)) != FD_OK)
        return s;
    if (!h->signed_for)
        return fd_fail(err, FD_INVALID, "signed", _("The collector must sign for the items."));
    char typed[FD_MAIL_SHORT_MAX];
    if ((s = mail_clean_text(h->proxy_phone, "proxy_phone", NULL, false, typed, sizeof typed, err)) != FD_OK ||
        (s = mail_clean_text(h->proxy_relation, "proxy_relation", NULL, false, ho->relation,
                        sizeof ho->relation, err)) != FD_OK ||
        (s = mail_clean_text(h->note, "note", NULL, true, ho->note, sizeof ho->note, err)) != FD_OK)
        return s;
    ho->proxy = h->proxy || typed[0] || ho->relation[0];
    fd_mail_handout as_read = *h;
    as_read.proxy = ho->proxy;
    if (!fd_mail_handout_requires(&as_read, "proxy_phone"))
        return FD_OK;
    if (!typed[0])
        return fd_fail(err, FD_INVALID, "proxy_phone", _("Enter the proxy collector's phone number."));
    if (!ho->relation[0])
        return fd_fail(err, FD_INVALID, "proxy_relation",
                       _("Enter the proxy collector's relationship to the recipient."));
    return fd_validate_phone(typed, "proxy_phone", ho->phone, sizeof ho->phone, err);
}

static bool addressed_to_a_person(const fd_mail_item *it)
{
    return it->recipient_kind == 0 || it->recipient_kind == FD_DIR_OCCUPANT ||
           it->recipient_kind == FD_DIR_PERSON;
}

/* The collector is a person's recipient when the names match; for a unit, company or
 * department only the desk can tell, and says so by setting proxy. */
static bool collected_by_proxy(const handout *ho, const fd_mail_item *it)
{
    return addressed_to_a_person(it) ? !same_name(it->recipient_name, ho->collector) : ho->proxy;
}

bool fd_mail_handout_requires(const fd_mail_handout *h, const char *field)
{
    if (strcmp(field, "proxy_phone") == 0 || strcmp(field, "proxy_relation") == 0)
        return h->proxy;
    return strcmp(field, "items") == 0 || strcmp(field, "collector") == 0 ||
           strcmp(field, "signed") == 0;
}

fd_status fd_mail_collector_is_proxy(fd_desk *d, const int64_t *items, size_t count,
                                     const char *collector, bool *proxy, fd_error *err)
{
    *proxy = false;
    if (!collector || text_blank(collector))
        return FD_OK;
    for (size_t i = 0; i < count && !*proxy; i++) {
        fd_mail_item it;
        fd_status s = mail_find_item(d, items[i], "items", &it, err);
        if (s != FD_OK)
            return s;
        *proxy = addressed_to_a_person(&it) && !same_name(it.recipient_name, collector);
    }
    return FD_OK;
}

static fd_status refuse_closed(const fd_mail_item *it, fd_error *err)
{
    char label[FD_MAIL_TRACKING_MAX + 32], when[FD_TIME_TEXT];
    item_label(it, label, sizeof label);
    fd_time_format(it->closed_at, when);
    if (it->state == FD_MAIL_STATE_RETURNED)
        return fd_fail(err, FD_STATE, "items",
                       _("%s was returned to the sender on %s: it cannot be handed out."), label, when);
    return fd_fail(err, FD_STATE, "items", _("%s was already collected by %s on %s."), label,
                   it->closed_by, when);
}

static fd_status load_items(handout *ho, fd_error *err)
{
    for (size_t i = 0; i < ho->count; i++) {
        fd_status s = mail_find_item(ho->d, ho->ids[i], "items", &ho->items[i], err);
        if (s != FD_OK)
            return s;
        if (ho->items[i].state != FD_MAIL_STATE_RECEIVED && ho->items[i].state != FD_MAIL_STATE_HELD)
            return refuse_closed(&ho->items[i], err);
    }
    return FD_OK;
}

static fd_status insert_handout(handout *ho, fd_error *err)
{
    fd_stmt *st = fd_sql(ho->d->store, FD_SQL_MAIL_HANDOUT_INSERT);
    fd_bind_int(st, ":at", fd_desk_now(ho->d));
    fd_bind_int(st, ":staff_id", ho->who->staff_id);
    fd_bind_text(st, ":collector", ho->collector);
    if (ho->proxy) {
        char mac[FD_HASH_HEX];
        fd_desk_hmac_hex(ho->d, ho->phone, mac);
        fd_bind_text(st, ":proxy_phone_clear", ho->phone);
        fd_bind_text(st, ":proxy_phone_hmac", mac);
        fd_bind_text(st, ":proxy_relation", ho->relation);
    } else {
        fd_bind_null(st, ":proxy_phone_clear");
        fd_bind_null(st, ":proxy_phone_hmac");
        fd_bind_null(st, ":proxy_relation");
    }
    bind_optional(st, ":note", ho->note);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    ho->handout_id = fd_store_last_id(ho->d->store);
    return fd_audit_row(ho->d, ho->who, fd_action_name(FD_ACT_MAIL_HAND_OUT), FD_TABLE_mail_handout,
                        ho->handout_id, err);
}

static fd_status hand_out_item(handout *ho, const fd_mail_item *it, fd_error *err)
{
    bool by_proxy = collected_by_proxy(ho, it);
    proxy_check check = {ho->collector, ho->phone, ho->relation, it};
    int64_t event_id;
    fd_status s = fire(ho->d, ho->who, it->id, by_proxy ? "collect_by_proxy" : "collect", NULL,
                       &check, &event_id, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(ho->d->store, FD_SQL_MAIL_HANDOUT_ITEM_INSERT);
    fd_bind_int(st, ":handout_id", ho->handout_id);
    fd_bind_int(st, ":item_id", it->id);
    fd_bind_int(st, ":by_proxy", by_proxy);
    fd_bind_int(st, ":event_id", event_id);
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    return fd_audit_row(ho->d, ho->who, fd_action_name(FD_ACT_MAIL_HAND_OUT),
                        FD_TABLE_mail_handout_item, fd_store_last_id(ho->d->store), err);
}

static fd_status hand_out_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    handout *ho = ctx;
    fd_status s;
    if ((s = load_items(ho, err)) != FD_OK || (s = insert_handout(ho, err)) != FD_OK)
        return s;
    for (size_t i = 0; s == FD_OK && i < ho->count; i++)
        s = hand_out_item(ho, &ho->items[i], err);
    return s;
}

fd_status fd_mail_hand_out(fd_desk *d, const fd_actor *who, const fd_mail_handout *h,
                           int64_t *handout_id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_MAIL_HAND_OUT))
        return refuse_role(who, FD_ACT_MAIL_HAND_OUT, err);
    handout *ho = fd_alloc(sizeof *ho);
    ho->d = d;
    ho->who = who;
    fd_status s = check_handout(h, ho, err);
    if (s == FD_OK) {
        ho->ids = h->items;
        ho->count = h->count;
        ho->items = fd_alloc(h->count * sizeof *ho->items);
        s = fd_store_write(d->store, hand_out_txn, ho, err);
    }
    if (s == FD_OK && handout_id)
        *handout_id = ho->handout_id;
    free(ho->items);
    free(ho);
    return s;
}

/* ---- return to sender ---- */

typedef struct sending_back {
    fd_desk *d;
    const fd_actor *who;
    int64_t item_id;
    char carrier[FD_MAIL_SHORT_MAX];
    char note[FD_MAIL_NOTE_MAX];
} sending_back;

static fd_status return_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    sending_back *r = ctx;
    fd_mail_item it;
    int64_t event_id;
    fd_status s = mail_find_item(r->d, r->item_id, NULL, &it, err);
    if (s != FD_OK)
        return s;
    if (!r->carrier[0])
        mail_copy(r->carrier, sizeof r->carrier, it.carrier);
    if ((s = fire(r->d, r->who, r->item_id, "return", r->note, NULL, &event_id, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(r->d->store, FD_SQL_MAIL_RETURN_INSERT);
    fd_bind_int(st, ":item_id", r->item_id);
    fd_bind_text(st, ":carrier", r->carrier);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":at", fd_desk_now(r->d));
    fd_bind_int(st, ":staff_id", r->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    return fd_audit_row(r->d, r->who, fd_action_name(FD_ACT_MAIL_RETURN), FD_TABLE_mail_return,
                        fd_store_last_id(r->d->store), err);
}

fd_status fd_mail_return(fd_desk *d, const fd_actor *who, int64_t item_id, const char *carrier,
                         const char *note, fd_error *err)
{
    if (!fd_may(who, FD_ACT_MAIL_RETURN))
        return refuse_role(who, FD_ACT_MAIL_RETURN, err);
    sending_back r = {.d = d, .who = who, .item_id = item_id};
    fd_status s;
    if ((s = clean_carrier(d, carrier, NULL, r.carrier, err)) != FD_OK ||
        (s = mail_clean_text(note, "note", NULL, true, r.note, sizeof r.note, err)) != FD_OK)
        return s;
    return fd_store_write(d->store, return_txn, &r, err);
}

/* ---- corrections ---- */

typedef struct correcting {
    fd_desk *d;
    const fd_actor *who;
    int64_t item_id;
    fd_mail_field field;
    char value[FD_MAIL_NOTE_MAX];
    const char *reason;
} correcting;

static fd_status correct_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    correcting *c = ctx;
    fd_mail_item it;
    fd_status s = mail_find_item(c->d, c->item_id, NULL, &it, err);
    if (s != FD_OK)
        return s;
    if (c->field == FD_MAIL_FIELD_DAMAGE_NOTE && !it.damaged)
        return fd_fail(err, FD_INVALID, "field",
                       _("The item was not recorded as damaged on arrival."));
    /* A cleared note is stored as "", so that it reads as cleared. */
    return fd_correct(c->d, c->who, "mail_item", c->item_id, fd_mail_field_name(c->field), c->value,
                      c->reason, NULL, err);
}

fd_status fd_mail_correct(fd_desk *d, const fd_actor *who, int64_t item_id, fd_mail_field field,
                          const char *value, const char *reason, fd_error *err)
{
    if (!fd_may(who, FD_ACT_MAIL_CORRECT))
        return refuse_role(who, FD_ACT_MAIL_CORRECT, err);
    correcting c = {.d = d, .who = who, .item_id = item_id, .field = field, .reason = reason};
    fd_status s;
    switch (field) {
    case FD_MAIL_FIELD_CARRIER:
        s = clean_carrier(d, value, _("Enter the carrier that delivered it."), c.value, err);
        break;
    case FD_MAIL_FIELD_NOTE:
        s = mail_clean_text(value, "value", NULL, true, c.value, sizeof c.value, err);
        break;
    case FD_MAIL_FIELD_DAMAGE_NOTE:
        s = mail_clean_text(value, "value", _("Describe the damage."), true, c.value, sizeof c.value, err);
        break;
    default:
        return fd_fail(err, FD_INVALID, "field", _("This field cannot be corrected."));
    }
    if (s != FD_OK) {
        if (err) /* the correction form has one field for the new value */
            snprintf(err->field, sizeof err->field, "value");
        return s;
    }
    return fd_store_write(d->store, correct_txn, &c, err);
}

/* ---- newspapers ---- */

typedef struct paper {
    fd_desk *d;
    const fd_actor *who;
    bool in;
    int quantity;
    char title[FD_MAIL_SHORT_MAX];
    char party[FD_MAIL_SHORT_MAX];
} paper;

static fd_status paper_count(fd_desk *d, fd_date day, const char *title, long *in, long *out,
                             fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_MAIL_PAPER_COUNT);
    fd_bind_int(st, ":day", day);
    fd_bind_text(st, ":title", title);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        *in = (long)fd_col_int(st, FD_COL_MAIL_PAPER_COUNT_RECEIVED);
        *out = (long)fd_col_int(st, FD_COL_MAIL_PAPER_COUNT_HANDED_OUT);
    }
    fd_stmt_reset(st);
    return s;
}

/* Copies handed on come out of what was signed for that day. */
static fd_status check_left(paper *p, fd_date day, fd_error *err)
{
    long in = 0, out = 0;
    fd_status s = paper_count(p->d, day, p->title, &in, &out, err);
    if (s != FD_OK)
        return s;
    if (in == 0)
        return fd_fail(err, FD_INVALID, "title", _("No copies of %s were signed for today."), p->title);
    if (out + p->quantity > in)
        return fd_fail(err, FD_INVALID, "quantity",
                       _("Only %ld copies of %s are left of today's delivery."), in - out, p->title);
    return FD_OK;
}

static fd_status paper_txn(fd_store *store, void *ctx, fd_error *err)
{
    paper *p = ctx;
    fd_time now = fd_desk_now(p->d);
    fd_date day = fd_date_of(now);
    fd_status s = p->in ? FD_OK : check_left(p, day, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_MAIL_PAPER_INSERT);
    fd_bind_int(st, ":day", day);
    fd_bind_text(st, ":title", p->title);
    fd_bind_text(st, ":direction", p->in ? "in" : "out");
    fd_bind_int(st, ":quantity", p->quantity);
    bind_optional(st, ":party", p->party);
    fd_bind_int(st, ":at", now);
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    return fd_audit_row(p->d, p->who, p->in ? "mail.paper_in" : "mail.paper_out", FD_TABLE_mail_paper,
                        fd_store_last_id(store), err);
}

static fd_status record_paper(fd_desk *d, const fd_actor *who, bool in, const char *title,
                              int quantity, const char *party, fd_error *err)
{
    fd_action action = in ? FD_ACT_MAIL_RECEIVE : FD_ACT_MAIL_HAND_OUT;
    if (!fd_may(who, action))
        return refuse_role(who, action, err);
    paper p = {.d = d, .who = who, .in = in, .quantity = quantity};
    fd_status s;
    if ((s = mail_clean_text(title, "title", _("Enter the newspaper's title."), false, p.title,
                        sizeof p.title, err)) != FD_OK ||
        (s = check_quantity(quantity, FD_MAIL_PAPER_MAX, err)) != FD_OK ||
        (s = mail_clean_text(party, "party", NULL, false, p.party, sizeof p.party, err)) != FD_OK)
        return s;
    return fd_store_write(d->store, paper_txn, &p, err);
}

fd_status fd_mail_paper_receive(fd_desk *d, const fd_actor *who, const char *title, int quantity,
                                const char *from, fd_error *err)
{
    return record_paper(d, who, true, title, quantity, from, err);
}

fd_status fd_mail_paper_hand_out(fd_desk *d, const fd_actor *who, const char *title, int quantity,
                                 const char *to, fd_error *err)
{
    return record_paper(d, who, false, title, quantity, to, err);
}

