/* The paper: the daily visitor log of the busy day (500 visits) and the full report of
 * the last shift handed over, each built from the core's reads and rendered to a PDF
 * in a scratch file, as `frontdesk print` does. The target is absolute (300 ms); the
 * floor beside it is the plain query for the same rows, to show what the rendering
 * costs over reading. The first rendering of the process also loads the fonts: it is
 * reported on its own, not among the samples. */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "frontdesk/handover.h"
#include "frontdesk/print.h"
#include "results.h"

enum { REPEAT = 100 };

typedef struct paper {
    const char *name;
    fd_status (*build)(bench *b, fd_report **out, fd_error *err);
    const char *floor_sql; /* ?1 and ?2: the day's range, or the shift */
    void (*floor_args)(bench *b, int64_t *first, int64_t *second);
} paper;

static fd_status daily_visitors(bench *b, fd_report **out, fd_error *err)
{
    return fd_print_daily(b->desk, &b->cast.receptionist, gen_print_day(b->clock), FD_LOG_VISITORS,
                          out, err);
}

static fd_status handover_report(bench *b, fd_report **out, fd_error *err)
{
    int64_t shift;
    fd_status s = fd_print_last_shift(b->desk, &shift, err);
    return s == FD_OK ? fd_print_handover(b->desk, &b->cast.duty_manager, shift, out, err) : s;
}

static void day_range(bench *b, int64_t *from, int64_t *to)
{
    *from = fd_date_start(gen_print_day(b->clock));
    *to = fd_date_start(gen_print_day(b->clock) + 1);
}

static void last_shift(bench *b, int64_t *shift, int64_t *none)
{
    *none = 0;
    if (fd_print_last_shift(b->desk, shift, NULL) != FD_OK)
        *shift = 0;
}

static const paper papers[] = {
    {"print.daily_visitors_pdf", daily_visitors,
     "SELECT v.id, sl.number, sl.at, v.registered_at, v.visitor_name, v.doc_type, "
     "v.doc_number_masked, v.phone, v.party_size, v.purpose, v.visitee_unit, v.visitee_company, "
     "v.visitee_name, (SELECT s.state FROM entity_state s WHERE s.kind = 'visit' "
     "AND s.entity_id = v.id), st.name, (SELECT e.at FROM event e WHERE e.kind = 'visit' "
     "AND e.entity_id = v.id AND e.to_state = 'left') FROM visit v "
     "LEFT JOIN visit_slip sl ON sl.visit_id = v.id JOIN staff st ON st.id = v.staff_id "
     "WHERE v.registered_at >= ?1 AND v.registered_at < ?2 ORDER BY v.registered_at, v.id",
     day_range},
    {"print.handover_pdf", handover_report,
     "SELECT e.id, e.kind, e.at, e.content, e.reporter, e.given_by, e.handling, e.result, "
     "e.follow_up, au.name FROM shift_entry e JOIN staff au ON au.id = e.staff_id "
     "WHERE e.shift_id = ?1 "
     "UNION ALL SELECT i.id, i.source, i.since, i.ref, i.name, i.detail, i.due_at, m.mark, m.note, "
     "NULL FROM shift_handover h JOIN shift_handover_item i ON i.handover_id = h.id "
     "LEFT JOIN shift_handover_mark m ON m.item_id = i.id WHERE h.shift_id = ?1 "
     "UNION ALL SELECT c.id, c.item, c.side, c.counted, c.expected, c.explanation, NULL, NULL, "
     "NULL, NULL FROM shift_handover h JOIN shift_handover_count c ON c.handover_id = h.id "
     "WHERE h.shift_id = ?1",
     last_shift},
};

/* Builds the report and writes its PDF; its size to *bytes. */
static double render(bench *b, const paper *p, long *bytes, fd_error *err)
{
    double start = bench_now();
    fd_report *r = NULL;
    fd_status s = p->build(b, &r, err);
    FILE *out = tmpfile();
    if (s == FD_OK && out)
        s = fd_report_write_pdf(r, out, err);
    double t = bench_now() - start;
    *bytes = out ? ftell(out) : 0;
    if (out)
        fclose(out);
    fd_report_free(r);
    return s == FD_OK && out ? t : -1;
}

static double floor_query(bench *b, sqlite3_stmt *st, const paper *p, long *rows)
{
    int64_t first, second;
    p->floor_args(b, &first, &second);
    double start = bench_now();
    sqlite3_bind_int64(st, 1, first);
    if (sqlite3_bind_parameter_count(st) > 1)
        sqlite3_bind_int64(st, 2, second);
    *rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++)
            (void)sqlite3_column_text(st, i);
        ++*rows;
    }
    sqlite3_reset(st);
    return bench_now() - start;
}

static void measure_paper(bench *b, const paper *p)
{
    measure m = {p->name, UNIT_SECONDS, TARGET_P99_TIME, 0.300};
    fd_error err = {0};
    long bytes, rows;
    double first = render(b, p, &bytes, &err);
    if (first < 0) {
        result_failed(&m, err.message);
        return;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(b->raw, p->floor_sql, -1, &st, NULL) != SQLITE_OK) {
        result_failed(&m, sqlite3_errmsg(b->raw));
        return;
    }
    samples core = {0}, raw = {0};
    for (int i = 0; i < REPEAT; i++) {
        samples_add(&core, render(b, p, &bytes, &err));
        samples_add(&raw, floor_query(b, st, p, &rows));
    }
    sqlite3_finalize(st);
    printf("# %s: %ld rows read, %ld bytes of PDF; the first rendering (fonts loaded) took %.0f ms\n",
           p->name, rows, bytes, first * 1e3);
    result_line(&m, &core, &raw);
    samples_free(&core);
    samples_free(&raw);
}

void measure_print(bench *b)
{
    for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++)
        if (bench_wants(b, papers[i].name))
            measure_paper(b, &papers[i]);
}
