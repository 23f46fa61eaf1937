/* frontdesk export handover: every entry of the shifts that started in the range, as
 * the book holds it: its fields as they read now, each correction with the value it
 * replaced, the progress recorded on it in those shifts, and its shift's handover —
 * the attempts (signatures and refusals with their reasons) and the counts taken face
 * to face. A shift without entries still has its row. */
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"
#include "handover/handover_internal.h"

static const fd_book_column columns[] = {
    {"shift", N_("Shift"), FD_BOOK_NUMBER},
    {"duty_manager", N_("Duty manager"), FD_BOOK_TEXT},
    {"shift_start", N_("Shift began"), FD_BOOK_TIME},
    {"taken_over_by", N_("Taken over by"), FD_BOOK_TEXT},
    {"shift_end", N_("Shift ended"), FD_BOOK_TIME},
    {"handover", N_("Handing over (signatures and refusals)"), FD_BOOK_TEXT},
    {"counts", N_("Counted face to face"), FD_BOOK_TEXT},
    {"entry", N_("Entry number"), FD_BOOK_NUMBER},
    {"kind", N_("Kind"), FD_BOOK_TEXT},
    {"time", N_("Time"), FD_BOOK_TIME},
    {"content", N_("Matter"), FD_BOOK_TEXT},
    {"reporter", N_("Reported by"), FD_BOOK_TEXT},
    {"given_by", N_("Given by"), FD_BOOK_TEXT},
    {"relayed_to", N_("Relayed to"), FD_BOOK_TEXT},
    {"handling", N_("Handling"), FD_BOOK_TEXT},
    {"superior_informed", N_("Superior informed"), FD_BOOK_TEXT},
    {"result", N_("Result"), FD_BOOK_TEXT},
    {"follow_up_mark", N_("Follow-up mark"), FD_BOOK_TEXT},
    {"follow_up", N_("Follow-up"), FD_BOOK_TEXT},
    {"follow_up_state", N_("Follow-up state"), FD_BOOK_TEXT},
    {"progress", N_("Progress recorded"), FD_BOOK_TEXT},
    {"reported_back_to", N_("Reported back to"), FD_BOOK_TEXT},
    {"reported_back_at", N_("Reported back at"), FD_BOOK_TIME},
    {"later_note", N_("Later note"), FD_BOOK_TEXT},
    {"written_by", N_("Written by"), FD_BOOK_TEXT},
    {"duty_log", N_("Desk duty log"), FD_BOOK_TEXT},
    {"recorded_at", N_("Recorded at"), FD_BOOK_TIME},
    {"corrections", N_("Corrections"), FD_BOOK_TEXT},
};
enum { COLUMN_COUNT = sizeof columns / sizeof columns[0] };

typedef struct export_ctx {
    fd_desk *d;
    const fd_export_request *req;
    fd_book *book;
    fd_book_notes *handovers, *counts; /* by shift */
    fd_book_notes *progress, *corrections; /* by entry */
    int64_t shift_id;                  /* the shift whose report is being read */
} export_ctx;

static const char *outcome_label(fd_handover_outcome o)
{
    switch (o) {
    case FD_HANDOVER_SIGNED: return _("Signed over");
    case FD_HANDOVER_REFUSED: return _("Refused");
    case FD_HANDOVER_WITHDRAWN: return _("Withdrawn");
    default: return _("Pending");
    }
}

static void on_attempt(void *ctx, const fd_handover_attempt *a)
{
    export_ctx *x = ctx;
    char begun[FD_TIME_TEXT], ended[FD_TIME_TEXT] = "";
    fd_time_format(a->begun_at, begun);
    if (a->ended_at)
        fd_time_format(a->ended_at, ended);
    /* TRANSLATORS: a handover attempt: begun at, outgoing, outcome, incoming, ended at, reason */
    char *line = fd_printf(_("%s %s → %s: %s %s%s%s"), begun, a->outgoing ? a->outgoing : "",
                           a->incoming ? a->incoming : "", outcome_label(a->outcome), ended,
                           a->reason ? " " : "", a->reason ? a->reason : "");
    fd_book_note(x->handovers, x->shift_id, line);
    free(line);
}

static void on_count(void *ctx, const fd_count_row *k)
{
    export_ctx *x = ctx;
    char out[24], in[24];
    snprintf(out, sizeof out, "%ld", k->out_count);
    snprintf(in, sizeof in, "%ld", k->in_count);
    /* TRANSLATORS: an item counted at handover: item, outgoing count, its explanation,
     * incoming count, its explanation */
    char *line = fd_printf(_("%s: handed over %s%s%s, taken over %s%s%s"), k->item,
                           k->counted ? out : _("not counted"), k->out_explanation ? " " : "",
                           k->out_explanation ? k->out_explanation : "",
                           k->confirmed ? in : _("not confirmed"), k->in_explanation ? " " : "",
                           k->in_explanation ? k->in_explanation : "");
    fd_book_note(x->counts, x->shift_id, line);
    free(line);
}

static void on_progress(void *ctx, const fd_progress_row *p)
{
    export_ctx *x = ctx;
    char at[FD_TIME_TEXT];
    fd_time_format(p->at, at);
    char *line = p->done ? fd_printf(_("%s %s: %s (done)"), at, p->staff, p->note ? p->note : "")
                         /* TRANSLATORS: progress on a handover entry: when, who, what */
                         : fd_printf(_("%s %s: %s"), at, p->staff, p->note ? p->note : "");
    fd_book_note(x->progress, p->entry_id, line);
    free(line);
}

/* The shifts of the range, and what their reports say of handing over, counting and
 * progress: read before the rows that carry it. */
static fd_status read_shifts(fd_store *store, export_ctx *x, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_HO_EXPORT_SHIFTS);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int64_t *ids = NULL;
    size_t count = 0;
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        ids = fd_realloc(ids, (count + 1) * sizeof *ids);
        ids[count++] = fd_col_int(st, FD_COL_HO_EXPORT_SHIFTS_ID);
    }
    fd_stmt_reset(st);
    fd_status s = rc < 0 ? err->status : FD_OK;
    static const fd_handover_report_cb cb = {.attempt = on_attempt, .progress = on_progress,
                                             .count = on_count};
    for (size_t i = 0; s == FD_OK && i < count; i++) {
        x->shift_id = ids[i];
        s = fd_handover_report(x->d, ids[i], &cb, x, err);
    }
    free(ids);
    return s;
}

static fd_status read_corrections(fd_store *store, export_ctx *x, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_HO_EXPORT_CORRECTIONS);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        const char *name = fd_col_text(st, FD_COL_HO_EXPORT_CORRECTIONS_FIELD);
        fd_entry_field f;
        fd_entry_kind k;
        bool known = fd_entry_field_parse(name, &f) &&
                     fd_entry_kind_parse(fd_col_text(st, FD_COL_HO_EXPORT_CORRECTIONS_KIND), &k);
        char *line = fd_book_correction(
            x->book, name, known ? fd_entry_field_label(k, f) : name,
            fd_col_text(st, FD_COL_HO_EXPORT_CORRECTIONS_OLD_VALUE),
            fd_col_text(st, FD_COL_HO_EXPORT_CORRECTIONS_NEW_VALUE),
            fd_col_text(st, FD_COL_HO_EXPORT_CORRECTIONS_REASON),
            fd_col_text(st, FD_COL_HO_EXPORT_CORRECTIONS_STAFF),
            fd_col_int(st, FD_COL_HO_EXPORT_CORRECTIONS_AT));
        fd_book_note(x->corrections, fd_col_int(st, FD_COL_HO_EXPORT_CORRECTIONS_ENTRY_ID), line);
        free(line);
    }
    fd_stmt_reset(st);
    return rc < 0 ? err->status : FD_OK;
}

static void shift_cells(export_ctx *x, int64_t shift_id, const char *manager, fd_time start,
                        const char *taken_over_by, fd_time end)
{
    fd_book *b = x->book;
    fd_book_number(b, shift_id);
    fd_book_text(b, manager);
    fd_book_time(b, start);
    fd_book_text(b, taken_over_by);
    fd_book_time(b, end);
    fd_book_text(b, fd_book_notes_of(x->handovers, shift_id));
    fd_book_text(b, fd_book_notes_of(x->counts, shift_id));
}

static void export_row(export_ctx *x, fd_stmt *st)
{
    fd_book *b = x->book;
    fd_entry e;
    fd_handover_read_entry(st, &e);
    shift_cells(x, e.shift_id, e.shift_manager, e.shift_start,
                fd_col_null(st, FD_COL_HO_EXPORT_ENTRIES_TAKEN_OVER_BY)
                    ? NULL
                    : fd_col_text(st, FD_COL_HO_EXPORT_ENTRIES_TAKEN_OVER_BY),
                fd_col_int(st, FD_COL_HO_EXPORT_ENTRIES_SIGNED_AT));
    fd_book_number(b, e.id);
    fd_book_code(b, fd_entry_kind_name(e.kind), fd_entry_kind_label(e.kind));
    fd_book_time(b, e.at);
    fd_book_text(b, e.content);
    fd_book_text(b, e.reporter);
    fd_book_text(b, e.given_by);
    fd_book_text(b, e.relayed_to);
    fd_book_text(b, e.handling);
    fd_book_text(b, e.superior);
    fd_book_text(b, e.result);
    fd_book_code(b, fd_follow_mark_name(e.mark), fd_follow_mark_label(e.mark));
    fd_book_text(b, e.follow_up);
    if (e.followup)
        fd_book_code(b, fd_followup_state_name(e.followup_state), fd_followup_state_label(e.followup_state));
    else
        fd_book_text(b, NULL);
    fd_book_text(b, fd_book_notes_of(x->progress, e.id));
    fd_book_text(b, e.reported_to);
    fd_book_time(b, e.reported_at);
    fd_book_text(b, e.note);
    fd_book_text(b, e.author);
    fd_book_flag(b, e.duty_log);
    fd_book_time(b, e.recorded_at);
    fd_book_text(b, fd_book_notes_of(x->corrections, e.id));
    fd_book_row(b);
}

/* A shift of the range without entries: its handover still goes in the file. */
static fd_status empty_shifts(fd_store *store, export_ctx *x, const int64_t *written, size_t count,
                              fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_HO_EXPORT_SHIFTS);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int64_t *ids = NULL;
    size_t n = 0;
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        int64_t id = fd_col_int(st, FD_COL_HO_EXPORT_SHIFTS_ID);
        bool seen = false;
        for (size_t i = 0; i < count && !seen; i++)
            seen = written[i] == id;
        if (!seen) {
            ids = fd_realloc(ids, (n + 1) * sizeof *ids);
            ids[n++] = id;
        }
    }
    fd_stmt_reset(st);
    fd_status s = rc < 0 ? err->status : FD_OK;
    for (size_t i = 0; s == FD_OK && i < n; i++) {
        fd_shift shift;
        s = fd_shift_get(x->d, ids[i], &shift, err);
        if (s == FD_OK) {
            shift_cells(x, shift.id, shift.manager, shift.start_at,
                        shift.taken_over_by[0] ? shift.taken_over_by : NULL, shift.end_at);
            fd_book_row(x->book);
        }
    }
    free(ids);
    return s;
}

static fd_status export_txn(fd_store *store, void *ctx, fd_error *err)
{
    export_ctx *x = ctx;
    fd_status s = read_shifts(store, x, err);
    if (s == FD_OK)
        s = read_corrections(store, x, err);
    if (s != FD_OK)
        return s;
    fd_stmt *st = fd_sql(store, FD_SQL_HO_EXPORT_ENTRIES);
    fd_bind_int(st, ":from", x->req->from);
    fd_bind_int(st, ":to", x->req->to);
    int64_t *written = NULL;
    size_t count = 0;
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        int64_t shift = fd_col_int(st, FD_COL_SHIFT_ENTRY_SHIFT_ID);
        if (!count || written[count - 1] != shift) {
            written = fd_realloc(written, (count + 1) * sizeof *written);
            written[count++] = shift;
        }
        export_row(x, st);
    }
    fd_stmt_reset(st);
    s = rc < 0 ? err->status : empty_shifts(store, x, written, count, err);
    free(written);
    return s;
}

fd_status fd_handover_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                             fd_book *book, fd_error *err)
{
    if (!fd_may(who, FD_ACT_HANDOVER_EXPORT))
        return fd_fail(err, FD_DENIED, NULL, _("Only managers and administrators export the handover book."));
    /* The book holds no masked columns; asking for them in full is still asking for
     * what only some roles may see. */
    if (req->unmasked && !fd_may_see_documents(d->config, who) && !fd_may_see_phones(d->config, who))
        return fd_fail(err, FD_DENIED, NULL, _("Your role may not export personal data unmasked."));
    fd_book_sheet(book, "handover", N_("Shift handover book"), columns, COLUMN_COUNT);
    export_ctx x = {d, req, book, fd_book_notes_new(), fd_book_notes_new(), fd_book_notes_new(),
                    fd_book_notes_new(), 0};
    fd_status s = fd_store_read(d->store, export_txn, &x, err);
    fd_book_notes_free(x.handovers);
    fd_book_notes_free(x.counts);
    fd_book_notes_free(x.progress);
    fd_book_notes_free(x.corrections);
    return s;
}
