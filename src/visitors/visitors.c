/* The visitor log: see include/frontdesk/visitors.h. A visit row is written once at
 * registration; admission adds its slip row, every state change is an event through
 * the machine below, and a correction is a correction row. The privacy purge is the
 * only UPDATE the schema lets through, and it only clears doc_number_clear. */
#include "frontdesk/visitors.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/calendar.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "visitors/visitors_internal.h"
#include "store/stmt.h"


/* ---- states, fields and the machine ---- */

static const struct {
    const char *name, *label;
} states[] = {
#define FD_VISIT_STATE_ROW(id, name, label) {name, label},
    FD_VISIT_STATE_LIST(FD_VISIT_STATE_ROW)
#undef FD_VISIT_STATE_ROW
};

const char *fd_visit_state_name(fd_visit_state s)
{
    return (unsigned)s < FD_VISIT_STATE_COUNT ? states[s].name : "";
}

const char *fd_visit_state_label(fd_visit_state s)
{
    return (unsigned)s < FD_VISIT_STATE_COUNT ? _(states[s].label) : "?";
}

static fd_visit_state parse_state(const char *name)
{
    for (int s = 0; s < FD_VISIT_STATE_COUNT; s++)
        if (name && strcmp(name, states[s].name) == 0)
            return (fd_visit_state)s;
    return FD_VISIT_REGISTERED;
}

static const char *state_label(const char *name)
{
    for (int s = 0; s < FD_VISIT_STATE_COUNT; s++)
        if (strcmp(name, states[s].name) == 0)
            return _(states[s].label);
    return NULL;
}

static const struct {
    const char *name, *label;
} fields[] = {
#define FD_VISIT_FIELD_ROW(id, name, label) {name, label},
    FD_VISIT_FIELD_LIST(FD_VISIT_FIELD_ROW)
#undef FD_VISIT_FIELD_ROW
};

const char *fd_visit_field_name(fd_visit_field f) { return fields[f].name; }
const char *fd_visit_field_label(fd_visit_field f) { return _(fields[f].label); }

bool fd_visit_field_parse(const char *name, fd_visit_field *out)
{
    for (int f = 0; f < FD_VISIT_FIELD_COUNT; f++) {
        if (name && strcmp(name, fields[f].name) == 0) {
            *out = (fd_visit_field)f;
            return true;
        }
    }
    return false;
}

static bool in_night(const fd_config *cfg, fd_time at)
{
    return cfg && fd_is_night(cfg, at);
}

static bool is_duty_manager(const fd_actor *a)
{
    return a && a->staff_id > 0 && a->role == FD_ROLE_DUTY_MANAGER;
}

/* 前台接待规章制度 §12: from 20:00 to 08:00 the duty manager registers visitors. */
static fd_status night_guard(fd_desk *d, const fd_fire *fire, int64_t id, fd_error *err)
{
    (void)id;
    fd_time at = fire->at ? fire->at : fd_desk_now(d);
    if (!in_night(d->config, at) || is_duty_manager(fire->actor) || is_duty_manager(fire->approver))
        return FD_OK;
    int start = d->config->night_start, end = d->config->night_end;
    return fd_fail(err, FD_DENIED, NULL,
                   _("%02d:%02d-%02d:%02d: visitors are registered by the duty manager; please "
                     "hand over."),
                   start / 60, start % 60, end / 60, end % 60);
}

static fd_status needs_reason(fd_desk *d, const fd_fire *fire, int64_t id, fd_error *err)
{
    (void)d;
    (void)id;
    if (text_blank(fire->note))
        return fd_fail(err, FD_INVALID, "reason", _("Record why entry is refused."));
    return FD_OK;
}

static const fd_transition visit_rows[] = {
    {NULL, "register", "registered", FD_ACT_VISIT_REGISTER, night_guard},
    {"registered", "admit", "admitted", FD_ACT_VISIT_REGISTER, night_guard},
    {"registered", "refuse", "refused", FD_ACT_VISIT_REGISTER, needs_reason},
    {"admitted", "sign_out", "left", FD_ACT_VISIT_SIGN_OUT, NULL},
    {"admitted", "sign_out_unsigned", "left", FD_ACT_VISIT_SIGN_OUT, NULL},
};

const fd_machine fd_visit_machine = {"visit", visit_rows, COUNT(visit_rows), state_label};

fd_status fd_visit_may(fd_desk *d, int64_t visit_id, fd_visit_state state, fd_visit_step step,
                       const fd_actor *who, const fd_actor *approver)
{
    static const char *const events[FD_VISIT_STEP_COUNT] = {
        [FD_VISIT_STEP_ADMIT] = "admit",
        [FD_VISIT_STEP_REFUSE] = "refuse",
        [FD_VISIT_STEP_SIGN_OUT] = "sign_out",
        [FD_VISIT_STEP_SIGN_OUT_UNSIGNED] = "sign_out_unsigned",
    };
    return fd_machine_may(d, &fd_visit_machine, visit_id, fd_visit_state_name(state), events[step],
                          who, approver);
}

const char *visit_event_label(const char *event)
{
    static const struct {
        const char *event, *label;
    } labels[] = {
        {"register", N_("Registered")},
        {"admit", N_("Admitted, slip issued")},
        {"refuse", N_("Entry refused")},
        {"sign_out", N_("Left, slip signed")},
        {"sign_out_unsigned", N_("Left, slip NOT signed")},
    };
    for (size_t i = 0; i < COUNT(labels); i++)
        if (strcmp(event, labels[i].event) == 0)
            return _(labels[i].label);
    return event;
}

void visit_upper_ascii(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

/* ---- checking what is typed ---- */


const text_rule rule_visitor_name = {"visitor_name", N_("The visitor's name"), NAME_BYTES, true};
static const text_rule rule_purpose = {"purpose", N_("The purpose of the visit"), PURPOSE_BYTES, true};
static const text_rule rule_unit = {"unit", N_("The unit"), TEXT_BYTES, false};
static const text_rule rule_company = {"company", N_("The company"), TEXT_BYTES, false};
static const text_rule rule_department = {"department", N_("The department"), TEXT_BYTES, false};
static const text_rule rule_visitee_name = {"visitee_name", N_("The name of the person visited"), NAME_BYTES, true};
static const text_rule rule_position = {"visitee_position", N_("The position"), TEXT_BYTES, false};
const text_rule rule_reason = {"reason", N_("The reason"), PURPOSE_BYTES, true};

/* Copies in without surrounding blanks to out (TEXT_BYTES + 1 or more … rule->max + 1). */
fd_status visit_clean_text(const text_rule *rule, const char *in, char *out, fd_error *err)
{
    size_t n;
    const char *start = text_trim(in, false, &n);
    if (n == 0 && rule->required)
        return fd_fail(err, FD_INVALID, rule->field, _("%s is required."), _(rule->label));
    if (n > rule->max)
        return fd_fail(err, FD_INVALID, rule->field, _("%s is too long: at most %zu bytes."),
                       _(rule->label), rule->max);
    memcpy(out, start, n);
    out[n] = '\0';
    /* All of it goes on the printed slip. */
    if (!fd_validate_text(out, n, false, NULL))
        return fd_fail(err, FD_INVALID, rule->field,
                       _("%s contains characters that cannot be printed."), _(rule->label));
    return FD_OK;
}

static fd_status check_party(int size, fd_error *err)
{
    if (size < 1 || size > FD_VISIT_PARTY_MAX)
        return fd_fail(err, FD_INVALID, "party_size", _("The number of people is 1 to %d."),
                       FD_VISIT_PARTY_MAX);
    return FD_OK;
}

static fd_status check_doc_type(fd_doc_type type, fd_error *err)
{
    if ((unsigned)type >= FD_DOC_TYPE_COUNT)
        return fd_fail(err, FD_INVALID, "doc_type", _("Choose a document type."));
    return FD_OK;
}


fd_status visit_read_document(fd_desk *d, fd_doc_type type, const char *number, document *out,
                               fd_error *err)
{
    fd_status s;
    if ((s = check_doc_type(type, err)) != FD_OK ||
        (s = fd_validate_document(type, number, "doc_number", out->number, sizeof out->number, err)) != FD_OK)
        return s;
    out->type = type;
    fd_desk_hmac_hex(d, out->number, out->hmac);
    fd_mask_document(type, out->number, out->masked, sizeof out->masked);
    return FD_OK;
}

/* ---- who sees what ---- */

bool visit_sees_documents(const fd_desk *d, const fd_actor *who)
{
    return d->config && fd_may_see_documents(d->config, who);
}

bool visit_sees_phones(const fd_desk *d, const fd_actor *who)
{
    return d->config && fd_may_see_phones(d->config, who);
}

/* ---- reading visits ---- */


reader visit_reader_for(const fd_desk *d, const fd_actor *who,
                         void (*each)(void *ctx, const fd_visit *v), void *ctx)
{
    return (reader){visit_sees_documents(d, who), visit_sees_phones(d, who), each, ctx};
}


fd_doc_type visit_doc_type_of(const char *name)
{
    fd_doc_type t = FD_DOC_OTHER;
    fd_doc_type_parse(name, &t);
    return t;
}

const char *visit_show_phone(const reader *r, const char *phone, shown *buf)
{
    if (!phone || r->full_phones)
        return phone;
    fd_mask_phone(phone, buf->phone, sizeof buf->phone);
    return buf->phone;
}

/* The columns of FD_VISIT_SELECT (src/sql/visitors.def). */
static void read_visit(fd_stmt *st, const reader *r, shown *buf, fd_visit *v)
{
    const char *clear = fd_col_text(st, FD_COL_VISIT_DOC_NUMBER_CLEAR);
    const char *left_event = fd_col_text(st, FD_COL_VISIT_LEFT_EVENT);
    *v = (fd_visit){
        .id = fd_col_int(st, FD_COL_VISIT_ID),
        .state = parse_state(fd_col_text(st, FD_COL_VISIT_STATE)),
        .visitor_name = fd_col_text(st, FD_COL_VISIT_VISITOR_NAME),
        .doc_type = visit_doc_type_of(fd_col_text(st, FD_COL_VISIT_DOC_TYPE)),
        .doc_number = r->full_documents && clear ? clear : fd_col_text(st, FD_COL_VISIT_DOC_NUMBER_MASKED),
        .party_size = (int)fd_col_int(st, FD_COL_VISIT_PARTY_SIZE),
        .purpose = fd_col_text(st, FD_COL_VISIT_PURPOSE),
        .visitee_unit = fd_col_text(st, FD_COL_VISIT_VISITEE_UNIT),
        .visitee_company = fd_col_text(st, FD_COL_VISIT_VISITEE_COMPANY),
        .visitee_department = fd_col_text(st, FD_COL_VISIT_VISITEE_DEPARTMENT),
        .visitee_name = fd_col_text(st, FD_COL_VISIT_VISITEE_NAME),
        .visitee_position = fd_col_text(st, FD_COL_VISIT_VISITEE_POSITION),
        .slip = fd_col_text(st, FD_COL_VISIT_SLIP),
        .gate = fd_col_text(st, FD_COL_VISIT_GATE),
        .admitted_at = fd_col_int(st, FD_COL_VISIT_ADMITTED_AT),
        .refusal = fd_col_text(st, FD_COL_VISIT_REFUSAL),
        .registered_by = fd_col_text(st, FD_COL_VISIT_REGISTERED_BY),
        .registered_at = fd_col_int(st, FD_COL_VISIT_REGISTERED_AT),
        .left_at = fd_col_int(st, FD_COL_VISIT_LEFT_AT),
        .slip_signed = left_event && strcmp(left_event, "sign_out") == 0,
        .corrected = fd_col_int(st, FD_COL_VISIT_CORRECTED) != 0,
        .key = fd_col_text(st, FD_COL_VISIT_KEY),
    };
    v->phone = visit_show_phone(r, fd_col_text(st, FD_COL_VISIT_PHONE), buf);
}

fd_status visit_each_visit(fd_stmt *st, const reader *r, long *rows, fd_error *err)
{
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        shown buf;
        fd_visit v;
        read_visit(st, r, &buf, &v);
        r->each(r->ctx, &v);
        if (rows)
            ++*rows;
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

/* The members of fd_visit that point at text. */
#define VISIT_STRINGS(X)                                                                 \
    X(visitor_name) X(doc_number) X(phone) X(purpose) X(visitee_unit) X(visitee_company) \
    X(visitee_department) X(visitee_name) X(visitee_position) X(slip) X(gate) X(refusal) \
    X(registered_by) X(key)

fd_visit *fd_visit_dup(const fd_visit *v)
{
    fd_visit *copy = fd_alloc(sizeof *copy);
    *copy = *v;
#define DUP_STRING(m) copy->m = fd_strdup(v->m);
    VISIT_STRINGS(DUP_STRING)
#undef DUP_STRING
    return copy;
}

void fd_visit_free(fd_visit *v)
{
    if (!v)
        return;
#define FREE_STRING(m) free((char *)v->m);
    VISIT_STRINGS(FREE_STRING)
#undef FREE_STRING
    free(v);
}

/* ---- the do-not-admit list, as registration meets it ---- */

/* The entry in force for this document: for the site or unit_id (0: none), or for any
 * unit when any_unit. Writes the warning to message; FD_NOT_FOUND when there is none. */
fd_status visit_find_ban(fd_store *store, const char *hmac, int64_t unit_id, bool any_unit,
                          char *message, size_t size, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISITOR_BAN_MATCH);
    fd_bind_text(st, ":hmac", hmac);
    if (unit_id > 0)
        fd_bind_int(st, ":unit_id", unit_id);
    else
        fd_bind_null(st, ":unit_id");
    fd_bind_int(st, ":any_unit", any_unit);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        char when[FD_TIME_TEXT];
        fd_date_format(fd_date_of(fd_col_int(st, FD_COL_VISITOR_BAN_MATCH_AT)), when);
        const char *unit = fd_col_text(st, FD_COL_VISITOR_BAN_MATCH_CODE);
        snprintf(message, size,
                 _("Do not admit: %s is on the do-not-admit list for %s (entered by %s on %s): %s"),
                 fd_col_text(st, FD_COL_VISITOR_BAN_MATCH_VISITOR_NAME), unit ? unit : _("the whole site"), fd_col_text(st, FD_COL_VISITOR_BAN_MATCH_NAME), when,
                 fd_col_text(st, FD_COL_VISITOR_BAN_MATCH_REASON));
    }
    fd_stmt_reset(st);
    return s;
}

/* ---- registering ---- */

typedef struct visitee {
    int64_t unit_id, company_id, department_id, person_id;
    char unit[TEXT_BYTES + 1], company[TEXT_BYTES + 1], department[TEXT_BYTES + 1];
    char name[NAME_BYTES + 1], position[TEXT_BYTES + 1];
} visitee;

typedef struct registration {
    fd_desk *d;
    const fd_actor *who, *approver;
    int64_t returning_visit;
    char name[NAME_BYTES + 1];
    document doc;
    char phone[MASK_BYTES];
    int party_size;
    char purpose[PURPOSE_BYTES + 1];
    visitee to;
    int64_t visit_id;
} registration;

bool fd_visit_requires(const fd_visit_form *f, const char *field)
{
    bool unit_picked = f->unit_id > 0;
    bool company = f->company_id > 0 || (f->company && !text_blank(f->company));
    if (strcmp(field, "phone") == 0)
        return f->returning_visit <= 0;
    /* A unit, unless a company is given: "unit" is where the refusal is said. */
    if (strcmp(field, "unit") == 0)
        return !company && !unit_picked;
    static const char *const always[] = {"visitor_name", "doc_type", "doc_number", "party_size",
                                         "purpose", "visitee_name"};
    for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
        if (strcmp(field, always[i]) == 0)
            return true;
    return false;
}

static fd_status check_visitee(const fd_visit_form *f, visitee *to, fd_error *err)
{
    fd_status s;
    if ((s = visit_clean_text(&rule_unit, f->unit, to->unit, err)) != FD_OK ||
        (s = visit_clean_text(&rule_company, f->company, to->company, err)) != FD_OK ||
        (s = visit_clean_text(&rule_department, f->department, to->department, err)) != FD_OK ||
        (s = visit_clean_text(&rule_visitee_name, f->visitee_name, to->name, err)) != FD_OK ||
        (s = visit_clean_text(&rule_position, f->visitee_position, to->position, err)) != FD_OK)
        return s;
    visit_upper_ascii(to->unit);
    to->unit_id = f->unit_id > 0 ? f->unit_id : 0;
    to->company_id = f->company_id > 0 ? f->company_id : 0;
    to->department_id = f->department_id > 0 ? f->department_id : 0;
    to->person_id = f->person_id > 0 ? f->person_id : 0;
    if (fd_visit_requires(f, "unit") && !to->unit[0])
        return fd_fail(err, FD_INVALID, "unit", _("Say which unit or company the visitor is going to."));
    return FD_OK;
}

static fd_status check_form(registration *r, const fd_visit_form *f, fd_error *err)
{
    fd_status s;
    if ((s = visit_clean_text(&rule_visitor_name, f->visitor_name, r->name, err)) != FD_OK ||
        (s = visit_read_document(r->d, f->doc_type, f->doc_number, &r->doc, err)) != FD_OK)
        return s;
    r->returning_visit = f->returning_visit > 0 ? f->returning_visit : 0;
    if (!text_blank(f->phone) || fd_visit_requires(f, "phone")) {
        if ((s = fd_validate_phone(f->phone, "phone", r->phone, sizeof r->phone, err)) != FD_OK)
            return s;
    }
    if ((s = check_party(f->party_size, err)) != FD_OK ||
        (s = visit_clean_text(&rule_purpose, f->purpose, r->purpose, err)) != FD_OK)
        return s;
    r->party_size = f->party_size;
    return check_visitee(f, &r->to, err);
}

/* Looks id up with sql, a statement of row visit_look_up, which yields one row
 * (FD_NOT_FOUND: the message names field). */
fd_status visit_look_up(fd_store *store, fd_sql_id sql, int64_t id, const char *field,
                         int64_t *unit_id, char *code, size_t code_size, fd_error *err)
{
    fd_stmt *st = fd_sql(store, sql);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK && unit_id)
        *unit_id = fd_col_int(st, FD_COL_VISIT_LOOK_UP_UNIT_ID);
    if (s == FD_OK && code)
        snprintf(code, code_size, "%s", fd_col_text(st, FD_COL_VISIT_LOOK_UP_CODE));
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, field, _("That entry is no longer in the directory."));
    return s;
}

/* A unit typed rather than picked is linked when the directory knows it, so the
 * do-not-admit list for that unit applies. */
static fd_status link_typed_unit(fd_store *store, visitee *to, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_UNIT_BY_CODE);
    fd_bind_text(st, ":code", to->unit);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        to->unit_id = fd_col_int(st, FD_COL_VISIT_UNIT_BY_CODE_ID);
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

/* Checks the picked ids and fills in what they imply: a picked unit's code, a picked
 * company's or person's unit. */
static fd_status resolve_visitee(fd_store *store, visitee *to, fd_error *err)
{
    fd_status s = FD_OK;
    int64_t unit_of = 0;
    if (to->person_id)
        s = visit_look_up(store, FD_SQL_VISIT_OCCUPANT_UNIT, to->person_id, "visitee_name", &unit_of, NULL, 0, err);
    if (s == FD_OK && to->company_id)
        s = visit_look_up(store, FD_SQL_VISIT_OCCUPANT_UNIT, to->company_id, "company", &unit_of, NULL, 0, err);
    if (s == FD_OK && to->department_id)
        s = visit_look_up(store, FD_SQL_VISIT_DEPARTMENT_EXISTS, to->department_id, "department", NULL, NULL, 0, err);
    if (s != FD_OK)
        return s;
    if (!to->unit_id && !to->unit[0])
        to->unit_id = unit_of;
    if (to->unit_id) {
        char code[TEXT_BYTES + 1];
        if ((s = visit_look_up(store, FD_SQL_VISIT_UNIT_BY_ID, to->unit_id, "unit", NULL, code, sizeof code, err)) != FD_OK)
            return s;
        if (!to->unit[0])
            snprintf(to->unit, sizeof to->unit, "%s", code);
        return FD_OK;
    }
    return to->unit[0] ? link_typed_unit(store, to, err) : FD_OK;
}

/* The phone of the visitor's earlier visit, when the desk left it to that: only a visit
 * with the same document gives it, so no one can borrow another visitor's number. */
static fd_status returning_phone(fd_store *store, registration *r, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_RETURNING_PHONE);
    fd_bind_int(st, ":id", r->returning_visit);
    fd_bind_text(st, ":hmac", r->doc.hmac);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        snprintf(r->phone, sizeof r->phone, "%s", fd_col_text(st, FD_COL_VISIT_RETURNING_PHONE_PHONE));
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_INVALID, "phone", _("Enter a phone number."));
    return s;
}

void visit_bind_id(fd_stmt *st, const char *param, int64_t id)
{
    if (id > 0)
        fd_bind_int(st, param, id);
    else
        fd_bind_null(st, param);
}

static void bind_optional(fd_stmt *st, const char *param, const char *text)
{
    fd_bind_text(st, param, text && *text ? text : NULL);
}

/* The document enters the audit chain through a commitment under a salt of the visit's
 * own, which the purge clears with the number (frontdesk/audit.h). */
static void bind_commitment(fd_stmt *st, const document *doc)
{
    const fd_personal personal[] = {{"doc_number_clear", doc->number},
                                    {"doc_number_hmac", doc->hmac},
                                    {"doc_number_masked", doc->masked}};
    unsigned char salt[FD_SALT_SIZE], commit[FD_HASH_SIZE];
    fd_audit_new_salt(salt);
    fd_audit_commit_personal(salt, personal, COUNT(personal), commit);
    fd_bind_blob(st, ":pii_salt", salt, sizeof salt);
    fd_bind_blob(st, ":pii_commit", commit, sizeof commit);
}

static fd_status insert_visit(registration *r, fd_error *err)
{
    fd_stmt *st = fd_sql(r->d->store, FD_SQL_VISIT_INSERT);
    fd_bind_text(st, ":visitor_name", r->name);
    fd_bind_text(st, ":doc_type", fd_doc_type_name(r->doc.type));
    fd_bind_text(st, ":doc_number_clear", r->doc.number);
    fd_bind_text(st, ":doc_number_hmac", r->doc.hmac);
    fd_bind_text(st, ":doc_number_masked", r->doc.masked);
    bind_commitment(st, &r->doc);
    fd_bind_text(st, ":phone", r->phone);
    fd_bind_int(st, ":party_size", r->party_size);
    fd_bind_text(st, ":purpose", r->purpose);
    visit_bind_id(st, ":unit_id", r->to.unit_id);
    visit_bind_id(st, ":company_id", r->to.company_id);
    visit_bind_id(st, ":department_id", r->to.department_id);
    visit_bind_id(st, ":person_id", r->to.person_id);
    bind_optional(st, ":visitee_unit", r->to.unit);
    bind_optional(st, ":visitee_company", r->to.company);
    bind_optional(st, ":visitee_department", r->to.department);
    fd_bind_text(st, ":visitee_name", r->to.name);
    bind_optional(st, ":visitee_position", r->to.position);
    fd_bind_int(st, ":registered_at", fd_desk_now(r->d));
    fd_bind_int(st, ":staff_id", r->who->staff_id);
    visit_bind_id(st, ":approver_id", r->approver ? r->approver->staff_id : 0);
    fd_status s = fd_exec(st, err);
    if (s != FD_OK)
        return s;
    r->visit_id = fd_store_last_id(r->d->store);
    return FD_OK;
}

static fd_status refuse_if_banned(fd_store *store, const registration *r, fd_error *err)
{
    char message[FD_MESSAGE_MAX];
    fd_status s = visit_find_ban(store, r->doc.hmac, r->to.unit_id, false, message, sizeof message, err);
    if (s == FD_OK)
        return fd_fail(err, FD_DENIED, "doc_number", "%s", message);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static fd_status register_txn(fd_store *store, void *ctx, fd_error *err)
{
    registration *r = ctx;
    fd_status s;
    if ((s = resolve_visitee(store, &r->to, err)) != FD_OK ||
        (r->phone[0] == '\0' && (s = returning_phone(store, r, err)) != FD_OK) ||
        (s = refuse_if_banned(store, r, err)) != FD_OK || (s = insert_visit(r, err)) != FD_OK)
        return s;
    /* The visit and its registration are recorded by one audit entry. */
    fd_fire fire = {.actor = r->who, .approver = r->approver};
    return fd_machine_begin(r->d, &fd_visit_machine, FD_TABLE_visit, r->visit_id, "register",
                            &fire, NULL, err);
}

fd_status visit_need_actor(const fd_actor *who, fd_error *err)
{
    if (!who || who->staff_id <= 0)
        return fd_fail(err, FD_DENIED, NULL, _("Log in first."));
    return FD_OK;
}

fd_status fd_visit_may_register(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                                fd_error *err)
{
    fd_status s = visit_need_actor(who, err);
    if (s != FD_OK)
        return s;
    fd_fire fire = {.actor = who, .approver = approver};
    return fd_machine_check(d, &fd_visit_machine, "", "register", &fire, 0, NULL, err);
}

fd_status fd_visit_check(fd_desk *d, const fd_visit_form *form, fd_error *err)
{
    registration *r = fd_alloc(sizeof *r);
    r->d = d;
    fd_status s = check_form(r, form, err);
    free(r);
    return s;
}

fd_status fd_visit_register(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                            const fd_visit_form *form, int64_t *visit_id, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    fd_status s = fd_visit_may_register(d, who, approver, err);
    if (s != FD_OK)
        return s;
    registration *r = fd_alloc(sizeof *r);
    r->d = d;
    r->who = who;
    r->approver = approver;
    if ((s = check_form(r, form, err)) == FD_OK)
        s = fd_store_write(d->store, register_txn, r, err);
    if (s == FD_OK && visit_id)
        *visit_id = r->visit_id;
    free(r);
    return s;
}

/* ---- admitting, refusing, signing out ---- */

static fd_status no_visit(int64_t id, fd_error *err)
{
    return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no visit number %" PRId64 "."), id);
}

static fd_status visit_exists(fd_store *store, int64_t id, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_EXISTS);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? no_visit(id, err) : s;
}

typedef struct step {
    fd_desk *d;
    int64_t visit_id;
    fd_fire fire;
    bool slip_signed;
    fd_visit_slip slip;
} step;

static fd_status next_slip_number(fd_store *store, fd_date day, int64_t *seq, char *number,
                                  size_t size, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_SLIP_NEXT);
    fd_bind_int(st, ":day", day);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        *seq = fd_col_int(st, FD_COL_VISIT_SLIP_NEXT_SEQ);
    fd_stmt_reset(st);
    int y, m, dd;
    fd_date_ymd(day, &y, &m, &dd);
    snprintf(number, size, "%04d%02d%02d-%03" PRId64, y, m, dd, *seq);
    return s;
}

static fd_status issue_slip(step *a, int64_t event_id, fd_error *err)
{
    fd_store *store = a->d->store;
    fd_time now = fd_desk_now(a->d);
    fd_date day = fd_date_of(now);
    int64_t seq = 0;
    fd_status s = next_slip_number(store, day, &seq, a->slip.number, sizeof a->slip.number, err);
    if (s != FD_OK)
        return s;
    const char *gate = a->d->config && a->d->config->gate ? a->d->config->gate : "";
    snprintf(a->slip.gate, sizeof a->slip.gate, "%s", gate);
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_SLIP_INSERT);
    fd_bind_int(st, ":visit_id", a->visit_id);
    fd_bind_int(st, ":day", day);
    fd_bind_int(st, ":seq", seq);
    fd_bind_text(st, ":number", a->slip.number);
    fd_bind_text(st, ":gate", a->slip.gate);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":at", now);
    fd_bind_int(st, ":staff_id", a->fire.actor->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    return fd_audit_row(a->d, a->fire.actor, "visit.admit", FD_TABLE_visit_slip,
                        fd_store_last_id(store), err);
}

static fd_status admit_txn(fd_store *store, void *ctx, fd_error *err)
{
    step *a = ctx;
    int64_t event_id;
    fd_status s;
    if ((s = visit_exists(store, a->visit_id, err)) != FD_OK ||
        (s = fd_machine_fire(a->d, &fd_visit_machine, a->visit_id, "admit", &a->fire, &event_id, err)) != FD_OK)
        return s;
    return issue_slip(a, event_id, err);
}

fd_status fd_visit_admit(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                         int64_t visit_id, fd_visit_slip *slip, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    fd_status s = visit_need_actor(who, err);
    if (s != FD_OK)
        return s;
    step a = {.d = d, .visit_id = visit_id, .fire = {.actor = who, .approver = approver}};
    if ((s = fd_store_write(d->store, admit_txn, &a, err)) == FD_OK && slip)
        *slip = a.slip;
    return s;
}

static fd_status refuse_txn(fd_store *store, void *ctx, fd_error *err)
{
    step *a = ctx;
    fd_status s = visit_exists(store, a->visit_id, err);
    if (s != FD_OK)
        return s;
    return fd_machine_fire(a->d, &fd_visit_machine, a->visit_id, "refuse", &a->fire, NULL, err);
}

fd_status fd_visit_refuse(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                          int64_t visit_id, const char *reason, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    char clean[PURPOSE_BYTES + 1];
    fd_status s;
    if ((s = visit_need_actor(who, err)) != FD_OK || (s = visit_clean_text(&rule_reason, reason, clean, err)) != FD_OK)
        return s;
    step a = {.d = d, .visit_id = visit_id, .fire = {.actor = who, .approver = approver, .note = clean}};
    return fd_store_write(d->store, refuse_txn, &a, err);
}

/* The time a statement of row visit_time reads for the visit (0: none). */
static fd_status read_time(fd_store *store, fd_sql_id sql, int64_t id, fd_time *out, fd_error *err)
{
    fd_stmt *st = fd_sql(store, sql);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    *out = s == FD_OK ? fd_col_int(st, FD_COL_VISIT_TIME_AT) : 0;
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

/* The refusals the issue names get messages of their own, clearer than the machine's
 * generic "not allowed in the current state". */
static fd_status check_may_leave(fd_store *store, const step *a, fd_error *err)
{
    char state[FD_STATE_MAX];
    fd_status s = fd_machine_state(a->d, &fd_visit_machine, a->visit_id, state, err);
    if (s != FD_OK)
        return s;
    if (strcmp(state, "refused") == 0)
        return fd_fail(err, FD_STATE, NULL,
                       _("This visitor was refused entry and never came in: there is nothing to sign out."));
    if (strcmp(state, "registered") == 0)
        return fd_fail(err, FD_STATE, NULL,
                       _("This visitor has not been admitted yet: record the visitee's answer first."));
    if (strcmp(state, "left") == 0) {
        fd_time left;
        char when[FD_TIME_TEXT];
        if ((s = read_time(store, FD_SQL_VISIT_LEFT_AT, a->visit_id, &left, err)) != FD_OK)
            return s;
        fd_time_format(left, when);
        return fd_fail(err, FD_STATE, NULL, _("This visitor already signed out at %s."), when);
    }
    return FD_OK;
}

static fd_status check_time_out(fd_store *store, const step *a, fd_error *err)
{
    fd_time admitted;
    fd_status s = read_time(store, FD_SQL_VISIT_ADMITTED_AT, a->visit_id, &admitted, err);
    if (s != FD_OK)
        return s;
    if (a->fire.at > fd_desk_now(a->d))
        return fd_fail(err, FD_INVALID, "time_out", _("The time out cannot be in the future."));
    if (a->fire.at < admitted) {
        char when[FD_TIME_TEXT];
        fd_time_format(admitted, when);
        return fd_fail(err, FD_INVALID, "time_out",
                       _("The time out is before the visitor was admitted (%s)."), when);
    }
    return FD_OK;
}

static fd_status sign_out_txn(fd_store *store, void *ctx, fd_error *err)
{
    step *a = ctx;
    fd_status s;
    if ((s = visit_exists(store, a->visit_id, err)) != FD_OK ||
        (s = check_may_leave(store, a, err)) != FD_OK || (s = check_time_out(store, a, err)) != FD_OK)
        return s;
    const char *event = a->slip_signed ? "sign_out" : "sign_out_unsigned";
    return fd_machine_fire(a->d, &fd_visit_machine, a->visit_id, event, &a->fire, NULL, err);
}

fd_status fd_visit_sign_out(fd_desk *d, const fd_actor *who, int64_t visit_id, bool slip_signed,
                            fd_time at, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    fd_status s = visit_need_actor(who, err);
    if (s != FD_OK)
        return s;
    step a = {.d = d, .visit_id = visit_id, .slip_signed = slip_signed,
              .fire = {.actor = who, .at = at ? at : fd_desk_now(d)}};
    return fd_store_write(d->store, sign_out_txn, &a, err);
}

/* ---- corrections ---- */

typedef struct correcting {
    fd_desk *d;
    const fd_actor *who;
    int64_t visit_id;
    fd_visit_field field;
    char value[PURPOSE_BYTES + 1];
    const char *reason;
} correcting;

static fd_status check_correction(fd_visit_field field, const char *value, char *out, size_t size,
                                  fd_error *err)
{
    static const text_rule *const rules[FD_VISIT_FIELD_COUNT] = {
        [FD_VISIT_FIELD_VISITOR_NAME] = &rule_visitor_name,
        [FD_VISIT_FIELD_PURPOSE] = &rule_purpose,
        [FD_VISIT_FIELD_VISITEE_NAME] = &rule_visitee_name,
        [FD_VISIT_FIELD_VISITEE_POSITION] = &rule_position,
    };
    if ((unsigned)field >= FD_VISIT_FIELD_COUNT)
        return fd_fail(err, FD_INVALID, "field", _("That cannot be corrected."));
    if (field == FD_VISIT_FIELD_PHONE)
        return fd_validate_phone(value, "phone", out, size, err);
    if (field == FD_VISIT_FIELD_PARTY_SIZE) {
        char *end;
        long n = strtol(value ? value : "", &end, 10);
        fd_status s = check_party(end == value || *end || n > FD_VISIT_PARTY_MAX ? 0 : (int)n, err);
        if (s == FD_OK)
            snprintf(out, size, "%ld", n);
        return s;
    }
    return visit_clean_text(rules[field], value, out, err);
}

/* The value as it reads now, to refuse a correction that changes nothing. */
static fd_status current_value(fd_store *store, const correcting *c, char **out, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_ONE);
    fd_bind_int(st, ":id", c->visit_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        static const int column[FD_VISIT_FIELD_COUNT] = {
            [FD_VISIT_FIELD_VISITOR_NAME] = 2, [FD_VISIT_FIELD_PHONE] = 6,
            [FD_VISIT_FIELD_PARTY_SIZE] = 7,   [FD_VISIT_FIELD_PURPOSE] = 8,
            [FD_VISIT_FIELD_VISITEE_NAME] = 12, [FD_VISIT_FIELD_VISITEE_POSITION] = 13,
        };
        const char *text = fd_col_text(st, column[c->field]);
        *out = fd_strdup(text ? text : "");
    }
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? no_visit(c->visit_id, err) : s;
}

static fd_status correct_txn(fd_store *store, void *ctx, fd_error *err)
{
    correcting *c = ctx;
    char *now = NULL;
    fd_status s = current_value(store, c, &now, err);
    if (s == FD_OK && strcmp(now, c->value) == 0)
        s = fd_fail(err, FD_INVALID, fields[c->field].name, _("%s is already %s: nothing to correct."),
                    fd_visit_field_label(c->field), c->value);
    free(now);
    if (s != FD_OK)
        return s;
    return fd_correct(c->d, c->who, "visit", c->visit_id, fields[c->field].name,
                      c->value[0] ? c->value : NULL, c->reason, NULL, err);
}

fd_status fd_visit_correct(fd_desk *d, const fd_actor *who, int64_t visit_id, fd_visit_field field,
                           const char *value, const char *reason, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    if (!fd_may(who, FD_ACT_VISIT_CORRECT))
        return fd_fail(err, FD_DENIED, NULL, _("Only desk staff may correct a visit."));
    correcting c = {.d = d, .who = who, .visit_id = visit_id, .field = field, .reason = reason};
    fd_status s = check_correction(field, value, c.value, sizeof c.value, err);
    if (s != FD_OK)
        return s;
    if (text_blank(reason))
        return fd_fail(err, FD_INVALID, "reason", _("A correction needs a reason."));
    return fd_store_write(d->store, correct_txn, &c, err);
}

/* ---- recognising a returning visitor ---- */

typedef struct recognition {
    const char *hmac;
    fd_visitor_known *out;
    bool full_phones;
} recognition;

static fd_status read_open_visit(fd_store *store, recognition *q, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_OPEN_BY_DOCUMENT);
    fd_bind_text(st, ":hmac", q->hmac);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        fd_visitor_known *k = q->out;
        k->open_visit = fd_col_int(st, FD_COL_VISIT_OPEN_BY_DOCUMENT_ID);
        k->open_at = fd_col_int(st, FD_COL_VISIT_OPEN_BY_DOCUMENT_REGISTERED_AT);
        k->open_state = parse_state(fd_col_text(st, FD_COL_VISIT_OPEN_BY_DOCUMENT_STATE));
        const char *unit = fd_col_text(st, FD_COL_VISIT_OPEN_BY_DOCUMENT_VISITEE_UNIT);
        const char *name = fd_col_text(st, FD_COL_VISIT_OPEN_BY_DOCUMENT_VISITEE_NAME);
        snprintf(k->open_visiting, sizeof k->open_visiting, "%s%s%s", unit ? unit : "",
                 unit && *unit && name && *name ? " " : "", name ? name : "");
    }
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static fd_status recognise_read(fd_store *store, void *ctx, fd_error *err)
{
    recognition *q = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_VISIT_LATEST_BY_DOCUMENT);
    fd_bind_text(st, ":hmac", q->hmac);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        fd_visitor_known *k = q->out;
        k->visit_id = fd_col_int(st, FD_COL_VISIT_LATEST_BY_DOCUMENT_ID);
        snprintf(k->name, sizeof k->name, "%s", fd_col_text(st, FD_COL_VISIT_LATEST_BY_DOCUMENT_VISITOR_NAME));
        const char *phone = fd_col_text(st, FD_COL_VISIT_LATEST_BY_DOCUMENT_PHONE);
        if (q->full_phones)
            snprintf(k->phone, sizeof k->phone, "%s", phone);
        else
            fd_mask_phone(phone, k->phone, sizeof k->phone);
        k->last_at = fd_col_int(st, FD_COL_VISIT_LATEST_BY_DOCUMENT_REGISTERED_AT);
        k->visits = (long)fd_col_int(st, FD_COL_VISIT_LATEST_BY_DOCUMENT_VISITS);
    }
    fd_stmt_reset(st);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "doc_number", _("This visitor has not been here before."));
    if (s != FD_OK || (s = read_open_visit(store, q, err)) != FD_OK)
        return s;
    s = visit_find_ban(store, q->hmac, 0, true, q->out->ban, sizeof q->out->ban, err);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

fd_status fd_visitor_recognise(fd_desk *d, const fd_actor *who, fd_doc_type type,
                               const char *number, fd_visitor_known *out, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    document doc;
    memset(out, 0, sizeof *out);
    fd_status s = visit_read_document(d, type, number, &doc, err);
    if (s != FD_OK)
        return s;
    recognition q = {doc.hmac, out, visit_sees_phones(d, who)};
    return fd_store_read(d->store, recognise_read, &q, err);
}
