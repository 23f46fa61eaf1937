/* Corrections of a renovation file and of a worker's pass: see include/frontdesk/works.h.
 * A name or a receipt number is a row of correction (schema 1); a document is a row of
 * work_pass_document (schema 150), so that the purge can forget it with the pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "works/works_internal.h"

enum { REASON_CHARS = 200, REASON_MAX = 601 };

static const struct {
    const char *name, *label;
} fields[] = {
#define FD_WORKS_FIELD_ROW(id, name, label) {name, label},
    FD_WORKS_FIELD_LIST(FD_WORKS_FIELD_ROW)
#undef FD_WORKS_FIELD_ROW
};

static bool known(fd_works_field f)
{
    return (unsigned)f < FD_WORKS_FIELD_COUNT;
}

const char *fd_works_field_name(fd_works_field f)
{
    return known(f) ? fields[f].name : "";
}

const char *fd_works_field_label(fd_works_field f)
{
    return known(f) ? _(fields[f].label) : "";
}

static int field_parse(const char *name)
{
    for (int f = 0; f < FD_WORKS_FIELD_COUNT; f++)
        if (name && strcmp(fields[f].name, name) == 0)
            return f;
    return -1;
}

bool fd_works_field_of_pass(fd_works_field f)
{
    return f == FD_WORKS_FIELD_WORKER || f == FD_WORKS_FIELD_DOCUMENT || f == FD_WORKS_FIELD_RECEIPT;
}

fd_action fd_works_field_action(fd_works_field f)
{
    return f == FD_WORKS_FIELD_DEPOSIT_RECEIPT || f == FD_WORKS_FIELD_RECEIPT
               ? FD_ACT_WORKS_CORRECT_RECEIPT
               : FD_ACT_WORKS_CORRECT;
}

/* ---- writing ---- */

typedef struct correcting {
    fd_desk *d;
    const fd_actor *who;
    int64_t id;
    const fd_works_correction *in;
    char value[FD_WORKS_COMPANY_MAX], reason[REASON_MAX];
    char number[FD_WORKS_DOC_MAX], masked[FD_WORKS_DOC_MAX], hmac[FD_HASH_HEX];
} correcting;

/* The new value checked as the intake checks it. */
static fd_status clean_value(correcting *k, fd_error *err)
{
    const fd_works_correction *in = k->in;
    switch (in->field) {
    case FD_WORKS_FIELD_OWNER:
        return works_clean_text(in->value, "value", NAME_CHARS, false, _("Enter the owner's name."),
                                k->value, sizeof k->value, err);
    case FD_WORKS_FIELD_CONTRACTOR:
        return works_clean_text(in->value, "value", COMPANY_CHARS, false,
                                _("Enter the contractor's company."), k->value, sizeof k->value, err);
    case FD_WORKS_FIELD_SITE_MANAGER:
        return works_clean_text(in->value, "value", NAME_CHARS, false,
                                _("Enter the contractor's site manager."), k->value, sizeof k->value,
                                err);
    case FD_WORKS_FIELD_WORKER:
        return works_clean_text(in->value, "value", NAME_CHARS, false, _("Enter the worker's name."),
                                k->value, sizeof k->value, err);
    case FD_WORKS_FIELD_DEPOSIT_RECEIPT:
    case FD_WORKS_FIELD_RECEIPT:
        return works_clean_code(in->value, "value", _("Enter the receipt number."), k->value,
                                sizeof k->value, err);
    case FD_WORKS_FIELD_DOCUMENT:
        if ((unsigned)in->doc_type >= FD_DOC_TYPE_COUNT)
            return fd_fail(err, FD_INVALID, "doc_type", _("Choose one of the listed values."));
        if (text_blank(in->value ? in->value : ""))
            return fd_fail(err, FD_INVALID, "value", _("Enter the worker's document number."));
        fd_status s = fd_validate_document(in->doc_type, in->value, "value", k->number,
                                           sizeof k->number, err);
        if (s != FD_OK)
            return s;
        fd_mask_document(in->doc_type, k->number, k->masked, sizeof k->masked);
        fd_desk_hmac_hex(k->d, k->number, k->hmac);
        return FD_OK;
    case FD_WORKS_FIELD_COUNT: break;
    }
    return fd_fail(err, FD_INVALID, "field", _("This field cannot be corrected."));
}

/* Who may, what, and why: everything a correction is refused for before it is written. */
static fd_status check_correction(correcting *k, bool of_pass, fd_error *err)
{
    const fd_works_correction *in = k->in;
    if (!known(in->field) || fd_works_field_of_pass(in->field) != of_pass)
        return fd_fail(err, FD_INVALID, "field", _("This field cannot be corrected."));
    fd_action action = fd_works_field_action(in->field);
    if (!fd_may(k->who, action))
        return works_refuse_role(k->who, action, err);
    fd_status s = clean_value(k, err);
    if (s != FD_OK)
        return s;
    return works_clean_text(in->reason, "reason", REASON_CHARS, false,
                            _("A correction needs a reason."), k->reason, sizeof k->reason, err);
}

static fd_status same_value(fd_error *err)
{
    return fd_fail(err, FD_INVALID, "value",
                   _("That is what the record says already: there is nothing to correct."));
}

/* The file's field as it reads now. */
static int file_column(fd_works_field field)
{
    switch (field) {
    case FD_WORKS_FIELD_OWNER: return FD_COL_RENOVATION_ROW_OWNER;
    case FD_WORKS_FIELD_CONTRACTOR: return FD_COL_RENOVATION_ROW_CONTRACTOR;
    case FD_WORKS_FIELD_SITE_MANAGER: return FD_COL_RENOVATION_ROW_SITE_MANAGER;
    default: return FD_COL_RENOVATION_ROW_DEPOSIT_RECEIPT;
    }
}

static fd_status file_txn(fd_store *store, void *ctx, fd_error *err)
{
    correcting *k = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_RENOVATION_GET);
    fd_bind_int(st, ":id", k->id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no renovation file number %lld."),
                       (long long)k->id);
    if (s != FD_OK)
        return s;
    bool same = strcmp(works_text_of(st, file_column(k->in->field)), k->value) == 0;
    fd_stmt_reset(st);
    if (same)
        return same_value(err);
    return fd_correct(k->d, k->who, "renovation", k->id, fd_works_field_name(k->in->field),
                      k->value, k->reason, NULL, err);
}

fd_status fd_renovation_correct(fd_desk *d, const fd_actor *who, int64_t id,
                                const fd_works_correction *in, fd_error *err)
{
    correcting *k = fd_alloc(sizeof *k);
    *k = (correcting){.d = d, .who = who, .id = id, .in = in};
    fd_status s = check_correction(k, false, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, file_txn, k, err);
    free(k);
    return s;
}

/* What the pass says now of the field: whether the new value is the same, and whether
 * it still has a document to correct (NULL once forgotten). */
static fd_status pass_now(correcting *k, bool *same, bool *has_document, fd_error *err)
{
    fd_stmt *st = fd_sql(k->d->store, FD_SQL_WORK_PASS_GET);
    fd_bind_int(st, ":id", k->id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return fd_fail(err, FD_NOT_FOUND, NULL, _("There is no worker's pass number %lld."),
                       (long long)k->id);
    if (s != FD_OK)
        return s;
    const char *clear = fd_col_text(st, FD_COL_WORK_PASS_ROW_DOC_NUMBER_CLEAR);
    *has_document = clear != NULL;
    switch (k->in->field) {
    case FD_WORKS_FIELD_DOCUMENT:
        *same = clear && strcmp(clear, k->number) == 0 &&
                strcmp(works_text_of(st, FD_COL_WORK_PASS_ROW_DOC_TYPE),
                       fd_doc_type_name(k->in->doc_type)) == 0;
        break;
    case FD_WORKS_FIELD_WORKER:
        *same = strcmp(works_text_of(st, FD_COL_WORK_PASS_ROW_WORKER), k->value) == 0;
        break;
    default:
        *same = strcmp(works_text_of(st, FD_COL_WORK_PASS_ROW_RECEIPT), k->value) == 0;
        break;
    }
    fd_stmt_reset(st);
    return FD_OK;
}

static fd_status document_insert(correcting *k, fd_error *err)
{
    fd_stmt *st = fd_sql(k->d->store, FD_SQL_WORK_PASS_DOCUMENT_INSERT);
    fd_bind_int(st, ":pass_id", k->id);
    fd_bind_text(st, ":doc_type", fd_doc_type_name(k->in->doc_type));
    fd_bind_text(st, ":doc_number_clear", k->number);
    fd_bind_text(st, ":doc_number_hmac", k->hmac);
    fd_bind_text(st, ":doc_number_masked", k->masked);
    works_bind_commitment(st, k->number, k->hmac, k->masked);
    fd_bind_text(st, ":reason", k->reason);
    fd_bind_int(st, ":at", fd_desk_now(k->d));
    fd_bind_int(st, ":staff_id", k->who->staff_id);
    fd_status s = fd_exec(st, err);
    return s != FD_OK ? s
                      : works_audited(k->d, k->who, "works.pass_document", FD_TABLE_work_pass_document,
                                      NULL, err);
}

static fd_status pass_txn(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    correcting *k = ctx;
    bool same = false, has_document = false;
    fd_status s = pass_now(k, &same, &has_document, err);
    if (s != FD_OK)
        return s;
    if (same)
        return same_value(err);
    if (k->in->field != FD_WORKS_FIELD_DOCUMENT)
        return fd_correct(k->d, k->who, "work_pass", k->id, fd_works_field_name(k->in->field),
                          k->value, k->reason, NULL, err);
    if (!has_document)
        return fd_fail(err, FD_STATE, "value",
                       _("The pass's document was erased by the privacy purge: there is nothing to correct."));
    return document_insert(k, err);
}

fd_status fd_work_pass_correct(fd_desk *d, const fd_actor *who, int64_t id,
                               const fd_works_correction *in, fd_error *err)
{
    correcting *k = fd_alloc(sizeof *k);
    *k = (correcting){.d = d, .who = who, .id = id, .in = in};
    fd_status s = check_correction(k, true, err);
    if (s == FD_OK)
        s = fd_store_write(d->store, pass_txn, k, err);
    free(k);
    return s;
}

/* ---- reading: the history's lines ---- */

/* The value each corrected field had before: as recorded, then each correction's. */
typedef struct before {
    char key[64];
    char *value;
    struct before *next;
} before;

static before **find_before(before **list, const char *key)
{
    while (*list && strcmp((*list)->key, key) != 0)
        list = &(*list)->next;
    return list;
}

static void free_befores(before *b)
{
    while (b) {
        before *next = b->next;
        free(b->value);
        free(b);
        b = next;
    }
}

/* A document as the reader may see it: "身份证 110…" in full or masked. */
static char *document_text(bool in_full, const char *type_name, const char *clear, const char *masked)
{
    fd_doc_type type = FD_DOC_OTHER;
    fd_doc_type_parse(type_name, &type);
    return fd_printf("%s %s", fd_doc_type_label(type), in_full && clear ? clear : masked ? masked : "");
}

typedef struct reading {
    bool documents_in_full;
    fd_time from, to; /* the corrections handed on: [from, to); 0, 0 for all */
    void (*each)(void *ctx, const works_correction_seen *c);
    void *ctx;
    before *befores;
} reading;

/* The value before (original) or after the correction, as the reader may see it. */
static char *value_shown(const reading *r, fd_stmt *st, bool original)
{
    if (strcmp(works_text_of(st, FD_COL_WORKS_CORRECTION_FIELD), "document") != 0)
        return fd_strdup(works_text_of(st, original ? FD_COL_WORKS_CORRECTION_ORIGINAL
                                                    : FD_COL_WORKS_CORRECTION_VALUE));
    if (original)
        return document_text(r->documents_in_full,
                             fd_col_text(st, FD_COL_WORKS_CORRECTION_ORIGINAL_DOC_TYPE),
                             fd_col_text(st, FD_COL_WORKS_CORRECTION_ORIGINAL_CLEAR),
                             fd_col_text(st, FD_COL_WORKS_CORRECTION_ORIGINAL_MASKED));
    return document_text(r->documents_in_full, fd_col_text(st, FD_COL_WORKS_CORRECTION_DOC_TYPE),
                         fd_col_text(st, FD_COL_WORKS_CORRECTION_DOC_NUMBER_CLEAR),
                         fd_col_text(st, FD_COL_WORKS_CORRECTION_DOC_NUMBER_MASKED));
}

static void correction_row(reading *r, fd_stmt *st)
{
    const char *kind = works_text_of(st, FD_COL_WORKS_CORRECTION_KIND);
    int field = field_parse(fd_col_text(st, FD_COL_WORKS_CORRECTION_FIELD));
    if (field < 0)
        return; /* only the corrections above write these rows */
    int64_t row_id = fd_col_int(st, FD_COL_WORKS_CORRECTION_ROW_ID);
    char key[64];
    snprintf(key, sizeof key, "%s/%lld/%d", kind, (long long)row_id, field);
    before **slot = find_before(&r->befores, key);
    if (!*slot) {
        *slot = fd_alloc(sizeof **slot);
        snprintf((*slot)->key, sizeof (*slot)->key, "%s", key);
        (*slot)->value = value_shown(r, st, true);
    }
    char *value = value_shown(r, st, false);
    fd_time at = fd_col_int(st, FD_COL_WORKS_CORRECTION_AT);
    if ((r->from == 0 && r->to == 0) || (at >= r->from && at < r->to)) {
        works_correction_seen c = {
            .of_pass = strcmp(kind, "work_pass") == 0,
            .row_id = row_id,
            .renovation_id = fd_col_int(st, FD_COL_WORKS_CORRECTION_RENOVATION_ID),
            .unit = works_text_of(st, FD_COL_WORKS_CORRECTION_UNIT),
            .field = (fd_works_field)field,
            .old_value = (*slot)->value,
            .value = value,
            .reason = works_text_of(st, FD_COL_WORKS_CORRECTION_REASON),
            .staff = works_text_of(st, FD_COL_WORKS_CORRECTION_STAFF),
            .at = at,
        };
        r->each(r->ctx, &c);
    }
    free((*slot)->value);
    (*slot)->value = value;
}

fd_status works_corrections_read(fd_stmt *st, bool documents_in_full, fd_time from, fd_time to,
                                 void (*each)(void *ctx, const works_correction_seen *c),
                                 void *ctx, fd_error *err)
{
    reading r = {documents_in_full, from, to, each, ctx, NULL};
    int rc;
    while ((rc = fd_step(st, err)) == 1)
        correction_row(&r, st);
    fd_stmt_reset(st);
    free_befores(r.befores);
    return rc < 0 ? err->status : FD_OK;
}

void works_correction_line(const works_correction_seen *c,
                           void (*each)(void *ctx, const fd_works_line *line), void *ctx)
{
    const char *label = fd_works_field_label(c->field);
    char *detail = c->of_pass ? fd_printf(_("pass No. %lld, %s: %s \u2192 %s (reason: %s)"),
                                          (long long)c->row_id, label, c->old_value, c->value,
                                          c->reason)
                              : fd_printf(_("%s: %s \u2192 %s (reason: %s)"), label, c->old_value,
                                          c->value, c->reason);
    fd_works_line line = {
        .at = c->at,
        .renovation_id = c->renovation_id,
        .unit = c->unit,
        .kind = c->of_pass ? "work_pass" : "renovation",
        .event = "correct",
        .what = _("Corrected"),
        .staff = c->staff,
        .detail = detail,
        .field = label,
        .old_value = c->old_value,
        .value = c->value,
        .reason = c->reason,
    };
    each(ctx, &line);
    free(detail);
}
