/* A shift as every other handover file reads it: its state, who holds its book, the
 * shift machine, and a shift's or an entry's row read from a statement. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"
#include "handover/handover_internal.h"

static const char *optional(fd_stmt *st, int col)
{
    return fd_col_null(st, col) ? NULL : fd_col_text(st, col);
}

void fd_handover_read_entry(fd_stmt *st, fd_entry *e)
{
    *e = (fd_entry){
        .id = fd_col_int(st, FD_COL_SHIFT_ENTRY_ID),
        .shift_id = fd_col_int(st, FD_COL_SHIFT_ENTRY_SHIFT_ID),
        .at = fd_col_int(st, FD_COL_SHIFT_ENTRY_AT),
        .content = fd_col_text(st, FD_COL_SHIFT_ENTRY_CONTENT),
        .reporter = optional(st, FD_COL_SHIFT_ENTRY_REPORTER),
        .given_by = optional(st, FD_COL_SHIFT_ENTRY_GIVEN_BY),
        .relayed_to = optional(st, FD_COL_SHIFT_ENTRY_RELAYED_TO),
        .handling = optional(st, FD_COL_SHIFT_ENTRY_HANDLING),
        .superior = optional(st, FD_COL_SHIFT_ENTRY_SUPERIOR),
        .result = optional(st, FD_COL_SHIFT_ENTRY_RESULT),
        .mark = FD_FOLLOW_NONE,
        .follow_up = optional(st, FD_COL_SHIFT_ENTRY_FOLLOW_UP),
        .reported_to = optional(st, FD_COL_SHIFT_ENTRY_REPORTED_TO),
        .reported_at = fd_col_int(st, FD_COL_SHIFT_ENTRY_REPORTED_AT),
        .note = optional(st, FD_COL_SHIFT_ENTRY_NOTE),
        .author = fd_col_text(st, FD_COL_SHIFT_ENTRY_AUTHOR),
        .recorded_at = fd_col_int(st, FD_COL_SHIFT_ENTRY_RECORDED_AT),
        .corrected = fd_col_int(st, FD_COL_SHIFT_ENTRY_CORRECTED) != 0,
        .followup = !fd_col_null(st, FD_COL_SHIFT_ENTRY_FOLLOW_STATE),
        .followup_state = fd_followup_state_parse(fd_col_text(st, FD_COL_SHIFT_ENTRY_FOLLOW_STATE)),
        .shift_manager = fd_col_text(st, FD_COL_SHIFT_ENTRY_MANAGER),
        .shift_start = fd_col_int(st, FD_COL_SHIFT_ENTRY_SHIFT_START_AT),
    };
    fd_entry_kind_parse(fd_col_text(st, FD_COL_SHIFT_ENTRY_KIND), &e->kind);
    const char *mark = fd_col_text(st, FD_COL_SHIFT_ENTRY_FOLLOW_MARK);
    for (int m = FD_FOLLOW_NONE + 1; mark && m < FD_FOLLOW_MARK_COUNT; m++)
        if (strcmp(mark, fd_follow_mark_name((fd_follow_mark)m)) == 0)
            e->mark = (fd_follow_mark)m;
    fd_role_parse(fd_col_text(st, FD_COL_SHIFT_ENTRY_AUTHOR_ROLE), &e->author_role);
    e->duty_log = e->author_role != FD_ROLE_DUTY_MANAGER;
}

/* Reads the shift columns (FD_SHIFT_COLUMNS) starting at column 0. */
void fd_handover_read_shift(fd_stmt *st, fd_shift *out)
{
    *out = (fd_shift){
        .id = fd_col_int(st, FD_COL_SHIFT_ID),
        .state = fd_shift_state_parse(fd_col_text(st, FD_COL_SHIFT_STATE)),
        .manager_id = fd_col_int(st, FD_COL_SHIFT_MANAGER_ID),
        .start_at = fd_col_int(st, FD_COL_SHIFT_START_AT),
        .end_at = fd_col_int(st, FD_COL_SHIFT_SIGNED_AT),
        .previous_id = fd_col_int(st, FD_COL_SHIFT_PREVIOUS_SHIFT_ID),
        .entries = (long)fd_col_int(st, FD_COL_SHIFT_ENTRIES),
    };
    snprintf(out->manager, sizeof out->manager, "%s", fd_col_text(st, FD_COL_SHIFT_MANAGER));
    snprintf(out->handed_over_by, sizeof out->handed_over_by, "%s", optional(st, FD_COL_SHIFT_HANDED_OVER_BY) ? fd_col_text(st, FD_COL_SHIFT_HANDED_OVER_BY) : "");
    snprintf(out->taken_over_by, sizeof out->taken_over_by, "%s", optional(st, FD_COL_SHIFT_TAKEN_OVER_BY) ? fd_col_text(st, FD_COL_SHIFT_TAKEN_OVER_BY) : "");
}

typedef struct shift_ctx {
    int64_t id;
    fd_shift *out;
} shift_ctx;

fd_status fd_handover_shift_get(fd_store *store, int64_t id, fd_shift *out, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_HO_SHIFT_GET);
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        fd_handover_read_shift(st, out);
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND
               ? fd_fail(err, FD_NOT_FOUND, "shift", _("There is no shift %lld."), (long long)id)
               : s;
}

static fd_status get_txn(fd_store *store, void *ctx, fd_error *err)
{
    shift_ctx *c = ctx;
    return fd_handover_shift_get(store, c->id, c->out, err);
}

fd_status fd_shift_get(fd_desk *d, int64_t shift_id, fd_shift *out, fd_error *err)
{
    shift_ctx c = {shift_id, out};
    return fd_store_read(d->store, get_txn, &c, err);
}

static fd_status current_txn(fd_store *store, void *ctx, fd_error *err)
{
    shift_ctx *c = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_HO_SHIFT_IN_HAND);
    fd_status s = fd_step_row(st, err);
    int64_t id = s == FD_OK ? fd_col_int(st, FD_COL_HO_SHIFT_IN_HAND_ENTITY_ID) : 0;
    fd_stmt_reset(st);
    return s == FD_OK ? fd_handover_shift_get(store, id, c->out, err) : s;
}

fd_status fd_shift_current(fd_desk *d, fd_shift *out, fd_error *err)
{
    shift_ctx c = {0, out};
    return fd_store_read(d->store, current_txn, &c, err);
}

fd_status fd_handover_shift_state(fd_desk *d, int64_t shift_id, fd_shift_state *out, fd_error *err)
{
    char state[FD_STATE_MAX];
    fd_status s = fd_machine_state(d, &fd_shift_machine, shift_id, state, err);
    if (s != FD_OK)
        return s;
    if (!*state)
        return fd_fail(err, FD_NOT_FOUND, "shift", _("There is no shift %lld."), (long long)shift_id);
    *out = fd_shift_state_parse(state);
    return FD_OK;
}

fd_status fd_handover_holder(fd_desk *d, int64_t shift_id, int64_t *manager_id, fd_time *start_at,
                             fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_SHIFT_BASICS);
    fd_bind_int(st, ":id", shift_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK && manager_id)
        *manager_id = fd_col_int(st, FD_COL_HO_SHIFT_BASICS_MANAGER_ID);
    if (s == FD_OK && start_at)
        *start_at = fd_col_int(st, FD_COL_HO_SHIFT_BASICS_START_AT);
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND
               ? fd_fail(err, FD_NOT_FOUND, "shift", _("There is no shift %lld."), (long long)shift_id)
               : s;
}

/* 总值交接班 §5 and §10: the shift answers for every item the last one asked it to
 * follow up, so it may not hand over before recording where each stands. */
static fd_status followups_progressed(fd_desk *d, const fd_fire *fire, int64_t shift_id,
                                      fd_error *err)
{
    (void)fire;
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_FOLLOWUP_UNPROGRESSED);
    fd_bind_int(st, ":shift_id", shift_id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND)
        return FD_OK;
    if (s == FD_OK) {
        char excerpt[FD_HANDOVER_EXCERPT];
        fd_handover_excerpt(fd_col_text(st, FD_COL_HO_FOLLOWUP_UNPROGRESSED_CONTENT), excerpt);
        s = fd_fail(err, FD_STATE, "followups",
                    _("%lld carried follow-ups need this shift's progress before it hands over, "
                      "first \"%s\" (from %s's shift)."),
                    (long long)fd_col_int(st, FD_COL_HO_FOLLOWUP_UNPROGRESSED_WAITING), excerpt, fd_col_text(st, FD_COL_HO_FOLLOWUP_UNPROGRESSED_MANAGER));
    }
    fd_stmt_reset(st);
    return s;
}

static const fd_transition shift_rows[] = {
    {NULL, "open", "open", FD_ACT_HANDOVER_SHIFT, NULL},
    {"open", "hand_over", "handing_over", FD_ACT_HANDOVER_SHIFT, followups_progressed},
    {"handing_over", "withdraw", "open", FD_ACT_HANDOVER_SHIFT, NULL},
    {"handing_over", "refuse", "open", FD_ACT_HANDOVER_SHIFT, NULL},
    {"handing_over", "sign", "closed", FD_ACT_HANDOVER_SHIFT, NULL},
    /* The holder left without signing: a supervisor stands in (fd_handover_take_over). */
    {"open", "take_over", "closed", FD_ACT_HANDOVER_TAKE_OVER, NULL},
    {"handing_over", "take_over", "closed", FD_ACT_HANDOVER_TAKE_OVER, NULL},
};

static const char *shift_label(const char *state)
{
    return fd_shift_state_label(fd_shift_state_parse(state));
}

const fd_machine fd_shift_machine = {
    FD_SHIFT_KIND, shift_rows, sizeof shift_rows / sizeof shift_rows[0], shift_label,
};
