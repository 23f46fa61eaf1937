/* Renovations, workers' passes, hot-work permits and the daily tools register: see
 * include/frontdesk/works.h. Each step is an event of its machine plus the row that
 * carries what it recorded, written with its audit entry in one transaction. */
#include "frontdesk/works.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/validate.h"
#include "works/works_internal.h"

/* ---- the machines ---- */

static const fd_transition renovation_rows[] = {
    {NULL, "open", "active", FD_ACT_WORKS_RENOVATION, NULL},
    {"active", "extend", "active", FD_ACT_WORKS_RENOVATION, NULL},
    /* The completion is the approver's, as a hot-work permit is. */
    {"active", "complete", "completed", FD_ACT_WORKS_COMPLETE, NULL},
};
static const fd_transition pass_rows[] = {
    {NULL, "issue", "issued", FD_ACT_WORKS_PASS, NULL},
    {"issued", "renew", "issued", FD_ACT_WORKS_PASS, NULL},
    {"issued", "return", "returned", FD_ACT_WORKS_PASS, NULL},
    {"issued", "forfeit", "forfeited", FD_ACT_WORKS_PASS, NULL},
};
/* The approval is the approver's: the transition's action is what the approver in place
 * must be allowed. */
static const fd_transition hot_work_rows[] = {
    {NULL, "approve", "approved", FD_ACT_WORKS_HOT_WORK, NULL},
    {"approved", "clear", "cleared", FD_ACT_WORKS_SITE, NULL},
};
static const fd_transition tools_rows[] = {
    {NULL, "register", "in", FD_ACT_WORKS_SITE, NULL},
    {"in", "check_out", "out", FD_ACT_WORKS_SITE, NULL},
};

static const struct {
    const char *state, *label;
} state_labels[] = {
    {"active", N_("Under way")},   {"completed", N_("Completed")},
    {"issued", N_("Worker's pass issued")},      {"returned", N_("Returned")},
    {"forfeited", N_("Deposit forfeited")},
    {"approved", N_("Approved")},  {"cleared", N_("Site cleared")},
    {"in", N_("Brought in")},      {"out", N_("Carried out")},
};

static const char *state_label(const char *state)
{
    for (size_t i = 0; i < COUNT(state_labels); i++)
        if (strcmp(state_labels[i].state, state) == 0)
            return _(state_labels[i].label);
    return NULL;
}

const fd_machine fd_renovation_machine = {"renovation", renovation_rows, COUNT(renovation_rows), state_label};
const fd_machine fd_work_pass_machine = {"work_pass", pass_rows, COUNT(pass_rows), state_label};
const fd_machine fd_hot_work_machine = {"hot_work", hot_work_rows, COUNT(hot_work_rows), state_label};
const fd_machine fd_tools_machine = {"tools", tools_rows, COUNT(tools_rows), state_label};

/* ---- shared ---- */

fd_status works_clean_text(const char *text, const char *field, size_t max_chars, bool lines,
                           const char *missing, char *out, size_t size, fd_error *err)
{
    out[0] = '\0';
    size_t n;
    const char *start = text_trim(text ? text : "", lines, &n);
    if (n == 0)
        return missing ? fd_fail(err, FD_INVALID, field, "%s", missing) : FD_OK;
    size_t chars;
    if (!fd_validate_text(start, n, lines, &chars))
        return fd_fail(err, FD_INVALID, field,
                       _("The text contains characters that cannot be printed."));
    if (chars > max_chars || n >= size)
        return fd_fail(err, FD_INVALID, field, _("The text is too long: at most %zu characters."),
                       max_chars);
    memcpy(out, start, n);
    out[n] = '\0';
    return FD_OK;
}

fd_status works_clean_code(const char *text, const char *field, const char *missing, char *out,
                           size_t size, fd_error *err)
{
    char *folded = text_folded(text ? text : "");
    fd_status s = works_clean_text(folded, field, NAME_CHARS, false, missing, out, size, err);
    free(folded);
    return s;
}

fd_status works_refuse_role(const fd_actor *who, fd_action action, fd_error *err)
{
    return fd_fail(err, FD_DENIED, NULL, _("%s may not do this (%s)."),
                   who ? fd_role_label(who->role) : "?", fd_action_label(action));
}

fd_status works_fire(fd_desk *d, const fd_machine *m, const fd_actor *who,
                     const fd_actor *approver, int64_t id, const char *event, void *guard_ctx,
                     int64_t *event_id, fd_error *err)
{
    fd_fire f = {.actor = who, .approver = approver, .guard_ctx = guard_ctx};
    return fd_machine_fire(d, m, id, event, &f, event_id, err);
}

fd_status works_audited(fd_desk *d, const fd_actor *who, const char *action,
                        fd_record_table table, int64_t *row_id, fd_error *err)
{
    int64_t id = fd_store_last_id(d->store);
    if (row_id)
        *row_id = id;
    return fd_audit_row(d, who, action, table, id, err);
}

const char *works_text_of(fd_stmt *st, int col)
{
    const char *t = fd_col_text(st, col);
    return t ? t : "";
}

const char *works_signer_name(fd_work_signer s)
{
    return s == FD_SIGNER_SITE_MANAGER ? "site_manager" : "owner";
}

fd_work_signer works_signer_parse(const char *name)
{
    return name && strcmp(name, "site_manager") == 0 ? FD_SIGNER_SITE_MANAGER : FD_SIGNER_OWNER;
}

const char *fd_work_signer_label(fd_work_signer s)
{
    return s == FD_SIGNER_SITE_MANAGER ? _("Site manager") : _("Owner");
}

fd_status works_file_read(fd_desk *d, int64_t id, works_file *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_RENOVATION_GET);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no renovation file number %lld."),
                       (long long)id);
    if (s != FD_OK)
        return s;
    *out = (works_file){
        .active = strcmp(works_text_of(st, FD_COL_RENOVATION_ROW_STATE), "active") == 0,
        .starts_on = (fd_date)fd_col_int(st, FD_COL_RENOVATION_ROW_STARTS_ON),
        .ends_on = (fd_date)fd_col_int(st, FD_COL_RENOVATION_ROW_ENDS_ON),
        .deposit = (int)fd_col_int(st, FD_COL_RENOVATION_ROW_DEPOSIT),
        .passes_out = (int)fd_col_int(st, FD_COL_RENOVATION_ROW_PASSES_OUT),
    };
    snprintf(out->owner, sizeof out->owner, "%s", works_text_of(st, FD_COL_RENOVATION_ROW_OWNER));
    snprintf(out->site_manager, sizeof out->site_manager, "%s",
             works_text_of(st, FD_COL_RENOVATION_ROW_SITE_MANAGER));
    fd_stmt_reset(st);
    return FD_OK;
}

static fd_date today(fd_desk *d)
{
    return fd_date_of(fd_desk_now(d));
}

/* Work goes on only under a renovation still active and within its term. */
static fd_status require_under_way(fd_desk *d, int64_t id, works_file *f, fd_error *err)
{
    fd_status s = works_file_read(d, id, f, err);
    if (s != FD_OK)
        return s;
    if (!f->active)
        return fd_fail(err, FD_STATE, NULL, _("Renovation No. %lld is completed."), (long long)id);
    if (today(d) > f->ends_on)
        return fd_fail(err, FD_STATE, NULL,
                       _("The term of renovation No. %lld is over and was not extended: work may be stopped."),
                       (long long)id);
    return FD_OK;
}

static fd_status clean_receipt(const char *text, const char *field, char *out, size_t size,
                               fd_error *err)
{
    return works_clean_code(text, field, _("Enter the receipt number."), out, size, err);
}

/* ---- opening a renovation file ---- */

typedef struct opening {
    fd_desk *d;
    const fd_actor *who;
    const fd_renovation_intake *in;
    char unit[FD_WORKS_NAME_MAX], owner[FD_WORKS_NAME_MAX], site_manager[FD_WORKS_NAME_MAX];
    char contractor[FD_WORKS_COMPANY_MAX], receipt[FD_WORKS_NAME_MAX];
    fd_date starts_on;
    int64_t unit_id, id;
    char unit_code[FD_WORKS_NAME_MAX];
} opening;

/* A unit is a code: typed in an input method's full-width mode (Ａ－１２０３) it is the
 * directory's A-1203. */
static fd_status clean_unit(const char *text, bool picked, char *out, size_t size, fd_error *err)
{
    return works_clean_code(text, "unit", picked ? NULL : _("Enter the unit being renovated."), out,
                            size, err);
}

static fd_status check_opening(opening *o, fd_error *err)
{
    const fd_renovation_intake *in = o->in;
    fd_status s;
    if ((s = clean_unit(in->unit, in->unit_id != 0, o->unit, sizeof o->unit, err)) != FD_OK ||
        (s = works_clean_text(in->owner, "owner", NAME_CHARS, false, _("Enter the owner's name."),
                              o->owner, sizeof o->owner, err)) != FD_OK ||
        (s = works_clean_text(in->contractor, "contractor", COMPANY_CHARS, false,
                              _("Enter the contractor's company."), o->contractor,
                              sizeof o->contractor, err)) != FD_OK ||
        (s = works_clean_text(in->site_manager, "site_manager", NAME_CHARS, false,
                              _("Enter the contractor's site manager."), o->site_manager,
                              sizeof o->site_manager, err)) != FD_OK)
        return s;
    o->starts_on = in->starts_on ? in->starts_on : today(o->d);
    if (o->starts_on < today(o->d))
        return fd_fail(err, FD_INVALID, "starts_on", _("The term cannot start before today."));
    if (in->deposit <= 0)
        return fd_fail(err, FD_INVALID, "deposit", _("Enter the deposit received, in yuan."));
    return clean_receipt(in->deposit_receipt, "deposit_receipt", o->receipt, sizeof o->receipt, err);
}

static fd_status find_unit(opening *o, fd_error *err)
{
    fd_stmt *st;
    if (o->in->unit_id) {
        st = fd_sql(o->d->store, FD_SQL_WORKS_UNIT_BY_ID);
        fd_bind_int(st, ":id", o->in->unit_id);
    } else {
        st = fd_sql(o->d->store, FD_SQL_WORKS_UNIT_BY_CODE);
        fd_bind_text(st, ":code", o->unit);
    }
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, "unit", _("That unit is not in the directory."));
    if (s != FD_OK)
        return s;
    o->unit_id = fd_col_int(st, FD_COL_WORKS_UNIT_ID);
    snprintf(o->unit_code, sizeof o->unit_code, "%s", works_text_of(st, FD_COL_WORKS_UNIT_CODE));
    fd_stmt_reset(st);
    return FD_OK;
}

static fd_status open_txn(fd_store *store, void *ctx, fd_error *err)
{
    opening *o = ctx;
    fd_status s = find_unit(o, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_RENOVATION_INSERT);
    fd_bind_int(st, ":unit_id", o->unit_id);
    fd_bind_text(st, ":unit", o->unit_code);
    fd_bind_text(st, ":owner", o->owner);
    fd_bind_text(st, ":contractor", o->contractor);
    fd_bind_text(st, ":site_manager", o->site_manager);
    fd_bind_int(st, ":starts_on", o->starts_on);
    fd_bind_int(st, ":ends_on", o->starts_on + FD_RENOVATION_TERM_DAYS - 1);
    fd_bind_int(st, ":deposit", o->in->deposit);
    fd_bind_text(st, ":deposit_receipt", o->receipt);
    fd_bind_int(st, ":at", fd_desk_now(o->d));
    fd_bind_int(st, ":staff_id", o->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK ||
        (s = works_audited(o->d, o->who, "works.open", FD_TABLE_renovation, &o->id, err)) != FD_OK)
        return s;
    return works_fire(o->d, &fd_renovation_machine, o->who, NULL, o->id, "open", NULL, NULL, err);
}

fd_status fd_renovation_open(fd_desk *d, const fd_actor *who, const fd_renovation_intake *in,
                             int64_t *id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_WORKS_RENOVATION))
        return works_refuse_role(who, FD_ACT_WORKS_RENOVATION, err);
    opening *o = fd_alloc(sizeof *o);
    *o = (opening){.d = d, .who = who, .in = in};
    fd_status s = check_opening(o, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, open_txn, o, err);
    if (s == FD_OK && id)
        *id = o->id;
    free(o);
    return s;
}

/* ---- extension and completion ---- */

typedef struct renovation_step {
    fd_desk *d;
    const fd_actor *who, *approver;
    int64_t id;
    fd_date until_on;
    int refunded;
    char text[FD_WORKS_TEXT_MAX];
} renovation_step;

static fd_status extend_txn(fd_store *store, void *ctx, fd_error *err)
{
    renovation_step *p = ctx;
    works_file f;
    fd_status s = works_file_read(p->d, p->id, &f, err);
    if (s != FD_OK)
        return s;
    if (f.active && today(p->d) > f.ends_on)
        return fd_fail(err, FD_STATE, NULL,
                       _("The term ended on its last day: an extension must be requested before it ends."));
    if (p->until_on <= f.ends_on)
        return fd_fail(err, FD_INVALID, "until", _("The new last day must be after the present one."));
    int64_t event_id;
    if ((s = works_fire(p->d, &fd_renovation_machine, p->who, NULL, p->id, "extend", NULL,
                        &event_id, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_RENOVATION_EXTENSION_INSERT);
    fd_bind_int(st, ":renovation_id", p->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":until_on", p->until_on);
    fd_bind_text(st, ":request", p->text);
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s
                      : works_audited(p->d, p->who, "works.extend", FD_TABLE_renovation_extension,
                                      NULL, err);
}

fd_status fd_renovation_extend(fd_desk *d, const fd_actor *who, int64_t id, fd_date until_on,
                               const char *request, fd_error *err)
{
    renovation_step p = {.d = d, .who = who, .id = id, .until_on = until_on};
    fd_status s = works_clean_text(request, "request", TEXT_CHARS, true,
                                   _("Enter the written request: its reference and what it asks."),
                                   p.text, sizeof p.text, err);
    return s != FD_OK ? s : fd_store_write(d->store, extend_txn, &p, err);
}

/* A hot-work site not cleared, else tools not carried out: refused at its field. */
static fd_status check_loose_ends(fd_desk *d, int64_t id, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_RENOVATION_LOOSE_END);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return FD_OK;
    if (s != FD_OK)
        return s;
    bool hot = strcmp(works_text_of(st, FD_COL_RENOVATION_LOOSE_END_KIND), "hot_work") == 0;
    long long which = (long long)fd_col_int(st, FD_COL_RENOVATION_LOOSE_END_ID);
    char what[FD_WORKS_TEXT_MAX];
    text_copy(what, sizeof what, works_text_of(st, FD_COL_RENOVATION_LOOSE_END_WHAT));
    fd_stmt_reset(st);
    if (hot)
        return fd_fail(err, FD_CONFLICT, "hot_work",
                       _("The site of hot-work permit No. %lld (%s) is not cleared: clear it before completing."),
                       which, what);
    return fd_fail(err, FD_CONFLICT, "tools",
                   _("Tools list No. %lld is not carried out: check it out before completing."), which);
}

static fd_status check_complete(const renovation_step *p, works_file *f, fd_error *err)
{
    fd_status s = works_file_read(p->d, p->id, f, err);
    if (s != FD_OK)
        return s;
    if (!f->active)
        return fd_fail(err, FD_STATE, NULL, _("Renovation No. %lld is completed."), (long long)p->id);
    if (f->passes_out > 0)
        return fd_fail(err, FD_CONFLICT, NULL,
                       _("%d workers' passes are still out: take them back before completing."),
                       f->passes_out);
    if ((s = check_loose_ends(p->d, p->id, err)) != FD_OK)
        return s;
    if (p->refunded > f->deposit)
        return fd_fail(err, FD_INVALID, "refunded", _("More than the deposit of %d yuan."), f->deposit);
    return FD_OK;
}

static fd_status complete_check_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    works_file f;
    return check_complete(ctx, &f, err);
}

static fd_status complete_txn(fd_store *store, void *ctx, fd_error *err)
{
    renovation_step *p = ctx;
    works_file f;
    fd_status s = check_complete(p, &f, err);
    if (s != FD_OK)
        return s;
    int64_t event_id;
    if ((s = works_fire(p->d, &fd_renovation_machine, p->who, p->approver, p->id, "complete",
                        NULL, &event_id, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_RENOVATION_CLOSE_INSERT);
    fd_bind_int(st, ":renovation_id", p->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":refunded", p->refunded);
    fd_bind_text(st, ":refund_receipt", p->text[0] ? p->text : NULL);
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s
                      : works_audited(p->d, p->who, "works.complete", FD_TABLE_renovation_close,
                                      NULL, err);
}

bool fd_renovation_complete_requires(int refunded, const char *field)
{
    return strcmp(field, "refunded") == 0 || (strcmp(field, "refund_receipt") == 0 && refunded > 0);
}

/* What is typed, checked before the file is read. */
static fd_status clean_completion(renovation_step *p, const char *refund_receipt, fd_error *err)
{
    if (!fd_may(p->who, FD_ACT_WORKS_RENOVATION))
        return works_refuse_role(p->who, FD_ACT_WORKS_RENOVATION, err);
    if (p->refunded < 0)
        return fd_fail(err, FD_INVALID, "refunded", _("Enter the amount refunded, in yuan."));
    fd_status s = works_clean_code(refund_receipt, "refund_receipt",
                                   fd_renovation_complete_requires(p->refunded, "refund_receipt")
                                       ? _("Enter the refund's receipt number.")
                                       : NULL,
                                   p->text, sizeof p->text, err);
    if (s == FD_OK && p->refunded == 0 && p->text[0])
        s = fd_fail(err, FD_INVALID, "refunded", _("Enter the amount refunded against that receipt."));
    return s;
}

fd_status fd_renovation_complete_check(fd_desk *d, const fd_actor *who, int64_t id, int refunded,
                                       const char *refund_receipt, fd_error *err)
{
    renovation_step p = {.d = d, .who = who, .id = id, .refunded = refunded};
    fd_status s = clean_completion(&p, refund_receipt, err);
    return s != FD_OK ? s : fd_store_read(d->store, complete_check_txn, &p, err);
}

fd_status fd_renovation_complete(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                                 int64_t id, int refunded, const char *refund_receipt,
                                 fd_error *err)
{
    renovation_step p = {.d = d, .who = who, .approver = approver, .id = id, .refunded = refunded};
    fd_status s = clean_completion(&p, refund_receipt, err);
    if (s != FD_OK)
        return s;
    if (!approver || !fd_may(approver, FD_ACT_WORKS_COMPLETE))
        return fd_fail(err, FD_DENIED, "approver",
                       _("A renovation is completed and its deposit refunded by a duty manager or the customer-service manager, with their PIN."));
    return fd_store_write(d->store, complete_txn, &p, err);
}

/* ---- workers' passes ---- */

bool fd_work_pass_refundable(fd_date valid_until, fd_date on, bool pass_back, bool receipt_shown)
{
    return pass_back && receipt_shown && on <= valid_until + FD_WORK_PASS_GRACE_DAYS;
}

fd_pass_standing fd_work_pass_standing(fd_work_pass_state state, fd_date valid_until, fd_date on)
{
    if (state != FD_PASS_ISSUED)
        return FD_PASS_ENDED;
    if (on > valid_until + FD_WORK_PASS_GRACE_DAYS)
        return FD_PASS_LAPSED;
    if (on > valid_until)
        return FD_PASS_OVERDUE;
    return on + FD_WORK_PASS_DUE_DAYS >= valid_until ? FD_PASS_DUE : FD_PASS_IN_FORCE;
}

static const char *const standing_names[] = {
    [FD_PASS_IN_FORCE] = "in_force", [FD_PASS_DUE] = "due", [FD_PASS_OVERDUE] = "overdue",
    [FD_PASS_LAPSED] = "lapsed", [FD_PASS_ENDED] = "ended",
};

const char *fd_pass_standing_name(fd_pass_standing s)
{
    return (unsigned)s < COUNT(standing_names) ? standing_names[s] : "";
}

fd_pass_standing fd_pass_standing_parse(const char *name)
{
    for (size_t i = 0; name && i < COUNT(standing_names); i++)
        if (strcmp(standing_names[i], name) == 0)
            return (fd_pass_standing)i;
    return FD_PASS_ENDED;
}

const char *fd_pass_standing_label(fd_pass_standing s)
{
    switch (s) {
    case FD_PASS_IN_FORCE: return _("In force");
    case FD_PASS_DUE: return _("Coming due");
    case FD_PASS_OVERDUE: return _("Overdue");
    case FD_PASS_LAPSED: return _("Overdue over 3 days: deposit forfeited");
    case FD_PASS_ENDED: break;
    }
    return _("Ended");
}

typedef struct issuing {
    fd_desk *d;
    const fd_actor *who;
    const fd_work_pass_intake *in;
    char worker[FD_WORKS_NAME_MAX], signer[FD_WORKS_NAME_MAX], receipt[FD_WORKS_NAME_MAX];
    char number[FD_WORKS_DOC_MAX], masked[FD_WORKS_DOC_MAX], hmac[FD_HASH_HEX];
    int64_t id;
} issuing;

static fd_status check_issue(issuing *t, fd_error *err)
{
    const fd_work_pass_intake *in = t->in;
    fd_status s;
    if ((s = works_clean_text(in->worker, "worker", NAME_CHARS, false, _("Enter the worker's name."),
                              t->worker, sizeof t->worker, err)) != FD_OK)
        return s;
    if ((unsigned)in->doc_type >= FD_DOC_TYPE_COUNT)
        return fd_fail(err, FD_INVALID, "doc_type", _("Choose one of the listed values."));
    if (text_blank(in->doc_number ? in->doc_number : ""))
        return fd_fail(err, FD_INVALID, "doc_number", _("Enter the worker's document number."));
    if ((s = fd_validate_document(in->doc_type, in->doc_number, "doc_number", t->number,
                                  sizeof t->number, err)) != FD_OK)
        return s;
    fd_mask_document(in->doc_type, t->number, t->masked, sizeof t->masked);
    fd_desk_hmac_hex(t->d, t->number, t->hmac);
    if (in->signer_role != FD_SIGNER_OWNER && in->signer_role != FD_SIGNER_SITE_MANAGER)
        return fd_fail(err, FD_INVALID, "signer", _("Choose one of the listed values."));
    if ((s = works_clean_text(in->signer, "signer", NAME_CHARS, false,
                              _("A pass is issued only on the owner's or the site manager's signature: enter who signed."),
                              t->signer, sizeof t->signer, err)) != FD_OK)
        return s;
    return clean_receipt(in->receipt, "receipt", t->receipt, sizeof t->receipt, err);
}

/* The signature must be the file's owner's or site manager's, as the role chosen says. */
static fd_status check_signer(const issuing *t, const works_file *f, fd_error *err)
{
    const char *expected = t->in->signer_role == FD_SIGNER_SITE_MANAGER ? f->site_manager : f->owner;
    if (strcmp(expected, t->signer) == 0)
        return FD_OK;
    return fd_fail(err, FD_INVALID, "signer", _("The renovation file names %s as %s, not %s."),
                   expected, fd_work_signer_label(t->in->signer_role), t->signer);
}

void works_bind_commitment(fd_stmt *st, const char *number, const char *hmac, const char *masked)
{
    const fd_personal personal[] = {{"doc_number_clear", number},
                                    {"doc_number_hmac", hmac},
                                    {"doc_number_masked", masked}};
    unsigned char salt[FD_SALT_SIZE], commit[FD_HASH_SIZE];
    fd_audit_new_salt(salt);
    fd_audit_commit_personal(salt, personal, COUNT(personal), commit);
    fd_bind_blob(st, ":pii_salt", salt, sizeof salt);
    fd_bind_blob(st, ":pii_commit", commit, sizeof commit);
}

/* The pass carries the worker's photo: a row of its own, when it does. */
static fd_status photo_insert(const issuing *t, fd_error *err)
{
    if (!t->in->photo)
        return FD_OK;
    fd_stmt *st = fd_sql(t->d->store, FD_SQL_WORK_PASS_PHOTO_INSERT);
    fd_bind_int(st, ":pass_id", t->id);
    fd_bind_int(st, ":at", fd_desk_now(t->d));
    fd_bind_int(st, ":staff_id", t->who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s
                      : works_audited(t->d, t->who, "works.pass_photo", FD_TABLE_work_pass_photo,
                                      NULL, err);
}

static fd_status issue_txn(fd_store *store, void *ctx, fd_error *err)
{
    issuing *t = ctx;
    works_file f;
    fd_status s;
    if ((s = require_under_way(t->d, t->in->renovation_id, &f, err)) != FD_OK ||
        (s = check_signer(t, &f, err)) != FD_OK)
        return s;
    fd_date until = t->in->valid_until ? t->in->valid_until : f.ends_on;
    if (until < today(t->d) || until > f.ends_on)
        return fd_fail(err, FD_INVALID, "valid_until",
                       _("The pass's last day must be between today and the renovation's last day."));
    fd_stmt *st = fd_sql(store, FD_SQL_WORK_PASS_INSERT);
    fd_bind_int(st, ":renovation_id", t->in->renovation_id);
    fd_bind_text(st, ":worker", t->worker);
    fd_bind_text(st, ":doc_type", fd_doc_type_name(t->in->doc_type));
    fd_bind_text(st, ":doc_number_clear", t->number);
    fd_bind_text(st, ":doc_number_hmac", t->hmac);
    fd_bind_text(st, ":doc_number_masked", t->masked);
    works_bind_commitment(st, t->number, t->hmac, t->masked);
    fd_bind_text(st, ":signer_role", works_signer_name(t->in->signer_role));
    fd_bind_text(st, ":signer", t->signer);
    fd_bind_int(st, ":valid_until", until);
    fd_bind_int(st, ":received", FD_WORK_PASS_RECEIVED);
    fd_bind_int(st, ":deposit", FD_WORK_PASS_DEPOSIT);
    fd_bind_text(st, ":receipt", t->receipt);
    fd_bind_int(st, ":at", fd_desk_now(t->d));
    fd_bind_int(st, ":staff_id", t->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK ||
        (s = works_audited(t->d, t->who, "works.pass_issue", FD_TABLE_work_pass, &t->id, err)) != FD_OK ||
        (s = photo_insert(t, err)) != FD_OK)
        return s;
    return works_fire(t->d, &fd_work_pass_machine, t->who, NULL, t->id, "issue", NULL, NULL, err);
}

fd_status fd_work_pass_issue(fd_desk *d, const fd_actor *who, const fd_work_pass_intake *in,
                             int64_t *id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_WORKS_PASS))
        return works_refuse_role(who, FD_ACT_WORKS_PASS, err);
    issuing *t = fd_alloc(sizeof *t);
    *t = (issuing){.d = d, .who = who, .in = in};
    fd_status s = check_issue(t, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, issue_txn, t, err);
    if (s == FD_OK && id)
        *id = t->id;
    free(t);
    return s;
}

/* What a step on a pass needs to know of it. */
typedef struct pass_facts {
    int64_t renovation_id;
    bool issued;
    fd_date valid_until;
    int deposit;
} pass_facts;

static fd_status pass_read(fd_desk *d, int64_t id, pass_facts *out, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_WORK_PASS_GET);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no worker's pass number %lld."),
                       (long long)id);
    if (s != FD_OK)
        return s;
    *out = (pass_facts){
        .renovation_id = fd_col_int(st, FD_COL_WORK_PASS_ROW_RENOVATION_ID),
        .issued = strcmp(works_text_of(st, FD_COL_WORK_PASS_ROW_STATE), "issued") == 0,
        .valid_until = (fd_date)fd_col_int(st, FD_COL_WORK_PASS_ROW_VALID_UNTIL),
        .deposit = (int)fd_col_int(st, FD_COL_WORK_PASS_ROW_DEPOSIT),
    };
    fd_stmt_reset(st);
    return FD_OK;
}

typedef struct pass_step {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    fd_date until_on;
    const fd_work_pass_return *ret;
    char receipt[FD_WORKS_NAME_MAX];
    int refunded;
} pass_step;

static fd_status renew_txn(fd_store *store, void *ctx, fd_error *err)
{
    pass_step *p = ctx;
    pass_facts pf;
    works_file f;
    fd_status s;
    if ((s = pass_read(p->d, p->id, &pf, err)) != FD_OK)
        return s;
    if (pf.issued && fd_work_pass_standing(FD_PASS_ISSUED, pf.valid_until, today(p->d)) == FD_PASS_LAPSED)
        return fd_fail(err, FD_STATE, NULL,
                       _("The pass is more than three days overdue: its deposit is forfeited and it cannot be renewed."));
    if ((s = require_under_way(p->d, pf.renovation_id, &f, err)) != FD_OK)
        return s;
    if (p->until_on <= pf.valid_until || p->until_on < today(p->d) || p->until_on > f.ends_on)
        return fd_fail(err, FD_INVALID, "valid_until",
                       _("The new last day must be after the present one and not after the renovation's last day."));
    int64_t event_id;
    if ((s = works_fire(p->d, &fd_work_pass_machine, p->who, NULL, p->id, "renew", NULL, &event_id,
                        err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_WORK_PASS_RENEWAL_INSERT);
    fd_bind_int(st, ":pass_id", p->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":until_on", p->until_on);
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s
                      : works_audited(p->d, p->who, "works.pass_renew", FD_TABLE_work_pass_renewal,
                                      NULL, err);
}

fd_status fd_work_pass_renew(fd_desk *d, const fd_actor *who, int64_t id, fd_date valid_until,
                             fd_error *err)
{
    pass_step p = {.d = d, .who = who, .id = id, .until_on = valid_until};
    return fd_store_write(d->store, renew_txn, &p, err);
}

static fd_status end_txn(fd_store *store, void *ctx, fd_error *err)
{
    pass_step *p = ctx;
    pass_facts pf;
    fd_status s = pass_read(p->d, p->id, &pf, err);
    if (s != FD_OK)
        return s;
    bool refund = fd_work_pass_refundable(pf.valid_until, today(p->d), p->ret->pass_back,
                                          p->ret->receipt_shown);
    if (refund && !p->receipt[0])
        return fd_fail(err, FD_INVALID, "refund_receipt",
                       _("The deposit of %d yuan is refunded: enter the refund's receipt number."),
                       pf.deposit);
    p->refunded = refund ? pf.deposit : 0;
    int64_t event_id;
    if ((s = works_fire(p->d, &fd_work_pass_machine, p->who, NULL, p->id,
                        refund ? "return" : "forfeit", NULL, &event_id, err)) != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_WORK_PASS_END_INSERT);
    fd_bind_int(st, ":pass_id", p->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":pass_back", p->ret->pass_back);
    fd_bind_int(st, ":receipt_shown", p->ret->receipt_shown);
    fd_bind_int(st, ":refunded", p->refunded);
    fd_bind_text(st, ":refund_receipt", refund ? p->receipt : NULL);
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s
                      : works_audited(p->d, p->who, refund ? "works.pass_return" : "works.pass_forfeit",
                                      FD_TABLE_work_pass_end, NULL, err);
}

fd_status fd_work_pass_end(fd_desk *d, const fd_actor *who, int64_t id,
                           const fd_work_pass_return *in, int *refunded, fd_error *err)
{
    pass_step p = {.d = d, .who = who, .id = id, .ret = in};
    fd_status s = works_clean_code(in->refund_receipt, "refund_receipt", NULL, p.receipt,
                                   sizeof p.receipt, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, end_txn, &p, err);
    if (s == FD_OK && refunded)
        *refunded = p.refunded;
    return s;
}

/* ---- hot-work permits ---- */

typedef struct permitting {
    fd_desk *d;
    const fd_actor *who, *approver;
    const fd_hot_work_intake *in;
    char welder[FD_WORKS_NAME_MAX], certificate[FD_WORKS_NAME_MAX], work[FD_WORKS_TEXT_MAX];
    fd_time starts_at;
    int64_t id;
} permitting;

enum { DAY_SECONDS = 86400, START_SLACK_SECONDS = 600 };

static fd_status check_permit(permitting *t, fd_error *err)
{
    const fd_hot_work_intake *in = t->in;
    fd_status s;
    if ((s = works_clean_text(in->welder, "welder", NAME_CHARS, false, _("Enter the welder's name."),
                              t->welder, sizeof t->welder, err)) != FD_OK ||
        (s = works_clean_code(in->certificate, "certificate",
                              _("Welders hold a certificate: enter its number."), t->certificate,
                              sizeof t->certificate, err)) != FD_OK ||
        (s = works_clean_text(in->work, "work", TEXT_CHARS, true,
                              _("Enter the work: open flame or welding, and where."), t->work,
                              sizeof t->work, err)) != FD_OK)
        return s;
    fd_time now = fd_desk_now(t->d);
    t->starts_at = in->starts_at ? in->starts_at : now;
    /* Times are typed to the minute, and filling the form takes a few: a start that
     * many minutes back is still now. */
    if (t->starts_at < now - START_SLACK_SECONDS)
        return fd_fail(err, FD_INVALID, "starts_at",
                       _("Hot work is approved before it starts: the start cannot be in the past."));
    if (in->ends_at <= t->starts_at || in->ends_at - t->starts_at > DAY_SECONDS)
        return fd_fail(err, FD_INVALID, "ends_at",
                       _("The end must come after the start, within one day."));
    if (!t->approver || !fd_may(t->approver, FD_ACT_WORKS_HOT_WORK))
        return fd_fail(err, FD_DENIED, "approver",
                       _("Hot work is approved by a duty manager or the customer-service manager, with their PIN."));
    return FD_OK;
}

static fd_status permit_txn(fd_store *store, void *ctx, fd_error *err)
{
    permitting *t = ctx;
    works_file f;
    fd_status s = require_under_way(t->d, t->in->renovation_id, &f, err);
    if (s != FD_OK)
        return s;
    if (fd_date_of(t->starts_at) < f.starts_on) {
        char first[FD_DATE_TEXT];
        fd_date_format(f.starts_on, first);
        return fd_fail(err, FD_INVALID, "starts_at",
                       _("The renovation's term begins on %s: hot work cannot be approved before it."),
                       first);
    }
    if (fd_date_of(t->in->ends_at - 1) > f.ends_on)
        return fd_fail(err, FD_INVALID, "ends_at", _("The work must end within the renovation's term."));
    fd_stmt *st = fd_sql(store, FD_SQL_HOT_WORK_INSERT);
    fd_bind_int(st, ":renovation_id", t->in->renovation_id);
    fd_bind_text(st, ":welder", t->welder);
    fd_bind_text(st, ":certificate", t->certificate);
    fd_bind_text(st, ":work", t->work);
    fd_bind_int(st, ":starts_at", t->starts_at);
    fd_bind_int(st, ":ends_at", t->in->ends_at);
    fd_bind_int(st, ":approver_id", t->approver->staff_id);
    fd_bind_int(st, ":at", fd_desk_now(t->d));
    fd_bind_int(st, ":staff_id", t->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK ||
        (s = works_audited(t->d, t->who, "works.hot_work", FD_TABLE_hot_work, &t->id, err)) != FD_OK)
        return s;
    return works_fire(t->d, &fd_hot_work_machine, t->who, t->approver, t->id, "approve", NULL, NULL, err);
}

fd_status fd_hot_work_approve(fd_desk *d, const fd_actor *who, const fd_actor *approver,
                              const fd_hot_work_intake *in, int64_t *id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_WORKS_SITE))
        return works_refuse_role(who, FD_ACT_WORKS_SITE, err);
    permitting *t = fd_alloc(sizeof *t);
    *t = (permitting){.d = d, .who = who, .approver = approver, .in = in};
    fd_status s = check_permit(t, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, permit_txn, t, err);
    if (s == FD_OK && id)
        *id = t->id;
    free(t);
    return s;
}

typedef struct entity_step {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    bool as_listed;
    char note[FD_WORKS_TEXT_MAX];
} entity_step;

static fd_status clear_txn(fd_store *store, void *ctx, fd_error *err)
{
    entity_step *p = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_HOT_WORK_FACTS);
    fd_bind_int(st, ":id", p->id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no hot-work permit number %lld."),
                       (long long)p->id);
    if (s != FD_OK)
        return s;
    fd_stmt_reset(st);
    return works_fire(p->d, &fd_hot_work_machine, p->who, NULL, p->id, "clear", NULL, NULL, err);
}

fd_status fd_hot_work_clear(fd_desk *d, const fd_actor *who, int64_t id, fd_error *err)
{
    entity_step p = {.d = d, .who = who, .id = id};
    return fd_store_write(d->store, clear_txn, &p, err);
}

/* ---- the daily tools register ---- */

typedef struct registering {
    fd_desk *d;
    const fd_actor *who;
    int64_t renovation_id, pass_id, id;
    char items[FD_WORKS_TEXT_MAX];
} registering;

static fd_status register_txn(fd_store *store, void *ctx, fd_error *err)
{
    registering *t = ctx;
    works_file f;
    fd_status s = require_under_way(t->d, t->renovation_id, &f, err);
    if (s != FD_OK)
        return s;
    if (t->pass_id) {
        pass_facts pf;
        if ((s = pass_read(t->d, t->pass_id, &pf, err)) != FD_OK)
            return s == FD_NOT_FOUND ? fd_fail(err, FD_NOT_FOUND, "pass", "%s", err->message) : s;
        if (pf.renovation_id != t->renovation_id || !pf.issued)
            return fd_fail(err, FD_INVALID, "pass",
                           _("Pass No. %lld is not a pass in force of this renovation."),
                           (long long)t->pass_id);
    }
    fd_stmt *st = fd_sql(store, FD_SQL_WORK_TOOLS_INSERT);
    fd_bind_int(st, ":renovation_id", t->renovation_id);
    if (t->pass_id)
        fd_bind_int(st, ":pass_id", t->pass_id);
    else
        fd_bind_null(st, ":pass_id");
    fd_bind_int(st, ":day", today(t->d));
    fd_bind_text(st, ":items", t->items);
    fd_bind_int(st, ":at", fd_desk_now(t->d));
    fd_bind_int(st, ":staff_id", t->who->staff_id);
    if ((s = fd_exec(st, err)) != FD_OK ||
        (s = works_audited(t->d, t->who, "works.tools", FD_TABLE_work_tools, &t->id, err)) != FD_OK)
        return s;
    return works_fire(t->d, &fd_tools_machine, t->who, NULL, t->id, "register", NULL, NULL, err);
}

/* Where one tool ends: a line break, or 、 ； ; written between tools on one line (as
 * the desk did before the dialog took line breaks): the length of the mark, 0 if none. */
static size_t item_break(const char *p)
{
    static const char *const breaks[] = {"\u3001", "\uff1b", ";", "\n", "\r"};
    for (size_t i = 0; i < COUNT(breaks); i++)
        if (strncmp(p, breaks[i], strlen(breaks[i])) == 0)
            return strlen(breaks[i]);
    return 0;
}

static bool item_blank(wchar_t wc)
{
    return wc == ' ' || wc == '\t' || wc == 0x3000;
}

/* Ends the tool written from line to *out: the blanks after it dropped, a line break
 * after it unless it is empty (a blank line is no tool). */
static void end_item(char **out, char *line)
{
    static const char wide_space[] = "\u3000";
    size_t wide = strlen(wide_space);
    while (*out > line) {
        if ((*out)[-1] == ' ' || (*out)[-1] == '\t')
            (*out)--;
        else if ((size_t)(*out - line) >= wide && memcmp(*out - wide, wide_space, wide) == 0)
            *out -= wide;
        else
            break;
    }
    if (*out > line)
        *(*out)++ = '\n';
}

void works_tools_lines(char *items)
{
    char *out = items, *line = items;
    const char *p = items, *end = items + strlen(items);
    while (p < end) {
        size_t k = item_break(p);
        if (k) {
            p += k;
            end_item(&out, line);
            line = out;
            continue;
        }
        wchar_t wc;
        size_t len = text_decode(p, (size_t)(end - p), &wc);
        if (out == line && item_blank(wc)) {
            p += len;
        } else if (wc >= 0xFF10 && wc <= 0xFF19) {
            *out++ = (char)('0' + (wc - 0xFF10));
            p += len;
        } else {
            memmove(out, p, len);
            out += len;
            p += len;
        }
    }
    end_item(&out, line);
    if (out > items)
        out--; /* the last tool's line break */
    *out = '\0';
}

/* How many: a digit, or a Chinese numeral (电锤一把, 两台). */
static bool names_quantity(const char *item, size_t n)
{
    static const wchar_t numerals[] = L"\u4e00\u4e8c\u4e24\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341";
    for (size_t at = 0; at < n;) {
        wchar_t wc;
        at += text_decode(item + at, n - at, &wc);
        if ((wc >= '0' && wc <= '9') || wcschr(numerals, wc))
            return true;
    }
    return false;
}

/* At least one tool, and every tool with how many of it: what goes out in the evening
 * is counted against these. */
static fd_status check_tools(const char *items, fd_error *err)
{
    if (!items[0])
        return fd_fail(err, FD_INVALID, "items", _("List the tools brought in, one per line."));
    for (const char *p = items; *p;) {
        size_t n = strcspn(p, "\n");
        if (!names_quantity(p, n))
            return fd_fail(err, FD_INVALID, "items",
                           _("\u201c%.*s\u201d says not how many: write each tool with its number, "
                             "as hammer drill 1."),
                           (int)n, p);
        p += n + (p[n] == '\n');
    }
    return FD_OK;
}

fd_status fd_tools_register(fd_desk *d, const fd_actor *who, int64_t renovation_id,
                            int64_t pass_id, const char *items, int64_t *id, fd_error *err)
{
    if (!fd_may(who, FD_ACT_WORKS_SITE))
        return works_refuse_role(who, FD_ACT_WORKS_SITE, err);
    registering *t = fd_alloc(sizeof *t);
    *t = (registering){.d = d, .who = who, .renovation_id = renovation_id, .pass_id = pass_id};
    fd_status s = works_clean_text(items, "items", TEXT_CHARS, true,
                                   _("List the tools brought in, one per line."), t->items,
                                   sizeof t->items, err);
    if (s == FD_OK) {
        works_tools_lines(t->items);
        s = check_tools(t->items, err);
    }
    if (s == FD_OK)
        s = fd_store_write(d->store, register_txn, t, err);
    if (s == FD_OK && id)
        *id = t->id;
    free(t);
    return s;
}

static fd_status check_out_txn(fd_store *store, void *ctx, fd_error *err)
{
    entity_step *p = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_WORK_TOOLS_GET);
    fd_bind_int(st, ":id", p->id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no tools registration number %lld."),
                       (long long)p->id);
    if (s != FD_OK)
        return s;
    fd_stmt_reset(st);
    int64_t event_id;
    if ((s = works_fire(p->d, &fd_tools_machine, p->who, NULL, p->id, "check_out", NULL, &event_id,
                        err)) != FD_OK)
        return s;
    st = fd_sql(store, FD_SQL_WORK_TOOLS_OUT_INSERT);
    fd_bind_int(st, ":tools_id", p->id);
    fd_bind_int(st, ":event_id", event_id);
    fd_bind_int(st, ":as_listed", p->as_listed);
    fd_bind_text(st, ":note", p->note[0] ? p->note : NULL);
    fd_bind_int(st, ":at", fd_desk_now(p->d));
    fd_bind_int(st, ":staff_id", p->who->staff_id);
    s = fd_exec(st, err);
    return s != FD_OK ? s
                      : works_audited(p->d, p->who, "works.tools_out", FD_TABLE_work_tools_out,
                                      NULL, err);
}

fd_status fd_tools_check_out(fd_desk *d, const fd_actor *who, int64_t id, bool as_listed,
                             const char *note, fd_error *err)
{
    entity_step p = {.d = d, .who = who, .id = id, .as_listed = as_listed};
    fd_status s = works_clean_text(note, "note", TEXT_CHARS, true,
                                   as_listed ? NULL : _("Say what differs from the morning's list."),
                                   p.note, sizeof p.note, err);
    return s != FD_OK ? s : fd_store_write(d->store, check_out_txn, &p, err);
}
