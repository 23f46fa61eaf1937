/* The lists and searches a receptionist waits for, each run through the core beside a
 * hand-written query on a plain SQLite connection that returns the same rows with the
 * columns the screen shows — the floor. Before timing, every input's rows are compared
 * id by id: a floor that returned other rows would measure other work.
 *
 * The floors read the stored values; where a search has to find corrected values too
 * (a corrected phone number), so does its floor, or it would not return the same rows. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "frontdesk/calls.h"
#include "frontdesk/complaints.h"
#include "frontdesk/handover.h"
#include "frontdesk/keys.h"
#include "frontdesk/mail.h"
#include "frontdesk/notices.h"
#include "frontdesk/passes.h"
#include "frontdesk/visitors.h"
#include "frontdesk/works.h"
#include "results.h"

/* A page of a list as the screen asks for it; repetitions per query; inputs per search. */
enum { PAGE = 50, REPEAT = 200, WARM_UP = 5, INPUTS = 16, TEXT = 128 };

/* Above every string that starts with a prefix: the prefix and U+10FFFF. */
static const char PREFIX_END[] = "\xF4\x8F\xBF\xBF";

typedef struct ids {
    int64_t *v;
    size_t n, cap;
} ids;

static void ids_add(ids *l, int64_t id)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = fd_realloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = id;
}

/* What one run of a query is asked: a search text, its prefix range, its HMAC; the
 * shift the book shows (the screen knows it before it reads a page). */
typedef struct input {
    char text[TEXT];
    char hi[TEXT + 8];
    char hmac[FD_HASH_HEX];
    int64_t shift;
} input;

typedef struct query query;
struct query {
    const char *name;
    /* Where the inputs come from: an expression over a table's rows (NULL: no input). */
    const char *sample_table, *sample_expr, *sample_where;
    bool hashed; /* the search goes by the text's HMAC */
    fd_status (*core)(bench *b, const input *in, ids *out, fd_error *err);
    const char *floor_sql; /* its first column is the row's id */
};

/* ---- the core's side ---- */

static void visit_id(void *ctx, const fd_visit *v) { ids_add(ctx, v->id); }
static void key_id(void *ctx, const fd_key_row *k) { ids_add(ctx, k->id); }
static void mail_id(void *ctx, const fd_mail_item *m) { ids_add(ctx, m->id); }
static void complaint_id(void *ctx, const fd_complaint_row *c) { ids_add(ctx, c->id); }
static void entry_id(void *ctx, const fd_entry *e) { ids_add(ctx, e->id); }
static void item_id(void *ctx, const fd_open_item *i) { ids_add(ctx, i->ref_id); }
static void notice_id(void *ctx, const fd_notice *n) { ids_add(ctx, n->id); }
static void work_pass_id(void *ctx, const fd_work_pass *p) { ids_add(ctx, p->id); }
static void pass_id(void *ctx, const fd_pass *p) { ids_add(ctx, p->id); }
static void call_id(void *ctx, const fd_call_entry *e) { ids_add(ctx, e->id); }

static fd_status visits(bench *b, fd_visit_view view, const input *in, ids *out, fd_error *err)
{
    return fd_visits_list(b->desk, &b->cast.receptionist, view, in->text, NULL, PAGE, visit_id, out, err);
}

static fd_status visits_inside(bench *b, const input *in, ids *out, fd_error *err)
{
    return visits(b, FD_VISITS_INSIDE, in, out, err);
}

static fd_status visits_by_name(bench *b, const input *in, ids *out, fd_error *err)
{
    return visits(b, FD_VISITS_BY_NAME, in, out, err);
}

static fd_status visits_by_phone(bench *b, const input *in, ids *out, fd_error *err)
{
    return visits(b, FD_VISITS_BY_PHONE, in, out, err);
}

static fd_status visits_by_document(bench *b, const input *in, ids *out, fd_error *err)
{
    return visits(b, FD_VISITS_BY_DOCUMENT, in, out, err);
}

static fd_status keys_out(bench *b, const input *in, ids *out, fd_error *err)
{
    (void)in;
    return fd_keys_list(b->desk, FD_KEYS_OUT, NULL, NULL, PAGE, key_id, out, err);
}

static fd_status mail_held(bench *b, const input *in, ids *out, fd_error *err)
{
    (void)in;
    return fd_mail_list(b->desk, FD_MAIL_HELD, "", NULL, PAGE, mail_id, out, err);
}

static fd_status mail_by_recipient(bench *b, const input *in, ids *out, fd_error *err)
{
    return fd_mail_list(b->desk, FD_MAIL_BY_RECIPIENT, in->text, NULL, PAGE, mail_id, out, err);
}

static fd_status complaints(bench *b, fd_complaint_view view, const input *in, ids *out, fd_error *err)
{
    fd_complaint_query q = {.view = view, .text = in->text, .limit = PAGE};
    return fd_complaints_list(b->desk, &q, complaint_id, out, err);
}

static fd_status complaints_open(bench *b, const input *in, ids *out, fd_error *err)
{
    return complaints(b, FD_CVIEW_OPEN, in, out, err);
}

static fd_status complaints_search(bench *b, const input *in, ids *out, fd_error *err)
{
    return complaints(b, FD_CVIEW_SEARCH, in, out, err);
}

static fd_status works_due(bench *b, const input *in, ids *out, fd_error *err)
{
    (void)in;
    return fd_work_passes_due(b->desk, &b->cast.receptionist, NULL, PAGE, work_pass_id, out, err);
}

static fd_status handover_entries(bench *b, const input *in, ids *out, fd_error *err)
{
    return fd_handover_entries(b->desk, in->shift, NULL, PAGE, entry_id, out, err);
}

static fd_status handover_open_items(bench *b, const input *in, ids *out, fd_error *err)
{
    return fd_handover_open_items(b->desk, in->shift, item_id, out, err);
}

static fd_status notices_current(bench *b, const input *in, ids *out, fd_error *err)
{
    (void)in;
    fd_notice_query q = {FD_NOTICE_VIEW_CURRENT, NULL, NULL, PAGE};
    return fd_notices_list(b->desk, &b->cast.receptionist, &q, notice_id, out, err);
}

static fd_status calls_desk(bench *b, const input *in, ids *out, fd_error *err)
{
    (void)in;
    fd_call_query q = {FD_CALL_VIEW_DESK, NULL, NULL, PAGE};
    return fd_calls_list(b->desk, &b->cast.receptionist, &q, call_id, out, err);
}

static fd_status passes(bench *b, fd_pass_view view, const input *in, ids *out, fd_error *err)
{
    fd_pass_query q = {view, in->text, NULL, PAGE};
    return fd_passes_list(b->desk, &b->cast.receptionist, &q, pass_id, out, err);
}

static fd_status passes_desk(bench *b, const input *in, ids *out, fd_error *err)
{
    return passes(b, FD_PASS_VIEW_DESK, in, out, err);
}

static fd_status passes_search(bench *b, const input *in, ids *out, fd_error *err)
{
    return passes(b, FD_PASS_VIEW_SEARCH, in, out, err);
}

/* ---- the floors ---- */

/* What the visitor list shows of a visit: slip, times, visitor, visitee, state,
 * document, phone, party, purpose, who registered it. */
#define VISIT_FLOOR_COLUMNS                                                                      \
    "SELECT v.id, sl.number, sl.gate, sl.at, v.registered_at, v.visitor_name, v.doc_type, "      \
    "v.doc_number_masked, v.phone, v.party_size, v.purpose, v.visitee_unit, v.visitee_company, " \
    "v.visitee_department, v.visitee_name, v.visitee_position, st.name, "                        \
    "(SELECT s.state FROM entity_state s WHERE s.kind = 'visit' AND s.entity_id = v.id), "       \
    "(SELECT e.at FROM event e WHERE e.kind = 'visit' AND e.entity_id = v.id "                   \
    "AND e.to_state = 'left') "
#define VISIT_FLOOR_JOINS                                                                        \
    "LEFT JOIN visit_slip sl ON sl.visit_id = v.id JOIN staff st ON st.id = v.staff_id "

static const char FLOOR_VISITS_INSIDE[] =
    VISIT_FLOOR_COLUMNS "FROM entity_state a JOIN visit v ON v.id = a.entity_id " VISIT_FLOOR_JOINS
    "WHERE a.kind = 'visit' AND a.state = 'admitted' ORDER BY a.entity_id DESC LIMIT 50";
static const char FLOOR_VISITS_BY_NAME[] =
    VISIT_FLOOR_COLUMNS "FROM visit v " VISIT_FLOOR_JOINS
    "WHERE instr(v.visitor_name, ?1) > 0 ORDER BY v.visitor_name DESC, v.id DESC LIMIT 50";
/* A phone as it reads now (the visit's own, unless a correction replaced it) ending in
 * the digits typed: the receptionist sees phones masked, so finds by the shown end. */
static const char FLOOR_VISITS_BY_PHONE[] =
    "WITH p(key, id) AS (SELECT v.phone, v.id FROM visit v WHERE substr(v.phone, -length(?1)) = ?1 "
    "AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.tbl = 'visit' AND c.row_id = v.id "
    "AND c.field = 'phone') "
    "UNION ALL SELECT c.value, c.row_id FROM correction c WHERE c.tbl = 'visit' "
    "AND c.field = 'phone' AND substr(c.value, -length(?1)) = ?1 AND c.id = (SELECT max(c2.id) "
    "FROM correction c2 WHERE c2.tbl = 'visit' AND c2.row_id = c.row_id AND c2.field = 'phone') "
    "ORDER BY 1 DESC, 2 DESC LIMIT 50) "
    VISIT_FLOOR_COLUMNS "FROM p JOIN visit v ON v.id = p.id " VISIT_FLOOR_JOINS
    "ORDER BY p.key DESC, p.id DESC";
static const char FLOOR_VISITS_BY_DOCUMENT[] =
    VISIT_FLOOR_COLUMNS "FROM visit v " VISIT_FLOOR_JOINS
    "WHERE v.doc_number_hmac = ?3 ORDER BY v.id DESC LIMIT 50";

/* The keys out, soonest due first, with their loan and custodian. */
static const char FLOOR_KEYS_OUT[] =
    "SELECT k.id, k.tag, u.code, k.description, k.kind, l.borrower, l.company, o.at, o.due_at, "
    "c.department, c.person FROM entity_state s JOIN key_item k ON k.id = s.entity_id "
    "JOIN key_loan l ON l.id = (SELECT max(loan_id) FROM key_loan_item WHERE key_id = k.id) "
    "JOIN key_loan_out o ON o.loan_id = l.id LEFT JOIN unit u ON u.id = k.unit_id "
    "LEFT JOIN key_custody c ON c.id = (SELECT max(id) FROM key_custody WHERE key_id = k.id) "
    "WHERE s.kind = 'key' AND s.state = 'on_loan' ORDER BY o.due_at, k.id LIMIT 50";

/* What the mail lists show of an item: when and by whom it came, what and for whom,
 * its shelf; in the history, who took it (or the carrier it went back with) when. */
#define MAIL_FLOOR_COLUMNS                                                                       \
    "SELECT m.id, m.at, st.name, m.kind, m.quantity, m.carrier, m.tracking, m.recipient_unit, "  \
    "m.recipient_name, m.recipient_org, m.note, m.damaged, m.damage_note, "                      \
    "(SELECT sh.shelf FROM mail_shelving sh WHERE sh.item_id = m.id ORDER BY sh.id DESC LIMIT 1) "
static const char FLOOR_MAIL_HELD[] =
    MAIL_FLOOR_COLUMNS ", s.state FROM entity_state s JOIN mail_item m ON m.id = s.entity_id "
    "JOIN staff st ON st.id = m.staff_id WHERE s.kind = 'mail' AND s.state IN ('received', 'held') "
    "ORDER BY m.recipient_unit, m.recipient_name, m.id LIMIT 50";
static const char FLOOR_MAIL_BY_RECIPIENT[] =
    "SELECT * FROM (" MAIL_FLOOR_COLUMNS ", "
    "(SELECT s.state FROM entity_state s WHERE s.kind = 'mail' AND s.entity_id = m.id), "
    "coalesce(h.at, r.at), coalesce(h.collector, r.carrier), hi.by_proxy, "
    "m.recipient_name AS key FROM mail_item m JOIN staff st ON st.id = m.staff_id "
    "LEFT JOIN mail_handout_item hi ON hi.item_id = m.id "
    "LEFT JOIN mail_handout h ON h.id = hi.handout_id LEFT JOIN mail_return r ON r.item_id = m.id "
    "WHERE instr(m.recipient_name, ?1) > 0 "
    "ORDER BY m.recipient_name, m.id DESC LIMIT 50) ORDER BY key, id DESC";

#define COMPLAINT_FLOOR_COLUMNS                                                                  \
    "SELECT c.id, c.sort, (SELECT s.state FROM entity_state s WHERE s.kind = 'complaint' "       \
    "AND s.entity_id = c.id), c.complainant, c.unit, c.content, c.category, c.severity, "        \
    "(SELECT a.department FROM complaint_assignment a WHERE a.complaint_id = c.id "              \
    "ORDER BY a.id DESC LIMIT 1), c.received_at, o.due_at "
static const char FLOOR_COMPLAINTS_OPEN[] =
    COMPLAINT_FLOOR_COLUMNS "FROM complaint_open o JOIN complaint c ON c.id = o.complaint_id "
    "ORDER BY o.due_at, o.complaint_id LIMIT 50";
static const char FLOOR_COMPLAINTS_BY_NAME[] =
    COMPLAINT_FLOOR_COLUMNS "FROM complaint c LEFT JOIN complaint_open o ON o.complaint_id = c.id "
    "WHERE instr(c.complainant, ?1) > 0 OR instr(c.content, ?1) > 0 "
    "ORDER BY c.received_at DESC, c.id DESC LIMIT 50";
static const char FLOOR_COMPLAINTS_BY_PHONE[] =
    COMPLAINT_FLOOR_COLUMNS "FROM complaint c LEFT JOIN complaint_open o ON o.complaint_id = c.id "
    "WHERE c.phone_hmac = ?3 ORDER BY c.received_at DESC, c.id DESC LIMIT 50";

static const char FLOOR_HANDOVER_ENTRIES[] =
    "SELECT e.id, e.kind, e.at, e.content, e.reporter, e.given_by, e.relayed_to, e.handling, "
    "e.superior, e.result, e.follow_mark, e.follow_up, e.reported_to, e.reported_at, au.name, "
    "e.recorded_at FROM shift_entry e JOIN staff au ON au.id = e.staff_id "
    "WHERE e.shift_id = ?5 ORDER BY e.at, e.id LIMIT 50";

/* What a handover gathers, source by source in the book's order: complaints overdue,
 * keys overdue, keys to seal, visitors inside, calls pending and repairs with
 * engineering, moves not let through, notices to take down and drafts awaiting a
 * signature, workers' passes due, tools not carried out, hot-work sites not cleared, mail
 * at the desk oldest first. */
static const char FLOOR_OPEN_ITEMS[] =
    "SELECT * FROM (SELECT c.id, c.complainant, c.unit, c.content, NULL, NULL, NULL, "
    "c.received_at, o.due_at FROM complaint_open o JOIN complaint c ON c.id = "
    "o.complaint_id WHERE o.due_at < ?4 ORDER BY o.due_at, o.complaint_id) "
    "UNION ALL SELECT * FROM (SELECT k.id, k.tag, l.borrower, l.company, u.code, "
    "k.description, NULL, o.at, o.due_at FROM entity_state s JOIN key_item k ON k.id = "
    "s.entity_id JOIN key_loan l ON l.id = (SELECT max(loan_id) FROM key_loan_item WHERE "
    "key_id = k.id) JOIN key_loan_out o ON o.loan_id = l.id LEFT JOIN unit u ON u.id = "
    "k.unit_id WHERE s.kind = 'key' AND s.state = 'on_loan' AND o.due_at < ?4 ORDER BY "
    "o.due_at, k.id) "
    "UNION ALL SELECT * FROM (SELECT k.id, k.tag, NULL, NULL, u.code, k.description, "
    "NULL, lc.at, lc.due_at FROM entity_state s JOIN key_item k ON k.id = s.entity_id "
    "JOIN key_lock_change lc ON lc.key_id = k.id LEFT JOIN unit u ON u.id = k.unit_id "
    "WHERE s.kind = 'key' AND s.state = 'to_seal' ORDER BY lc.due_at, k.id) "
    "UNION ALL SELECT * FROM (SELECT v.id, sl.number, v.visitor_name, v.visitee_unit, "
    "v.visitee_company, v.visitee_department, v.visitee_name, sl.at, NULL FROM "
    "entity_state s JOIN visit v ON v.id = s.entity_id LEFT JOIN visit_slip sl ON "
    "sl.visit_id = v.id WHERE s.kind = 'visit' AND s.state = 'admitted' ORDER BY v.id) "
    "UNION ALL SELECT * FROM (SELECT c.id, c.caller, c.unit, c.question, (SELECT r.department "
    "FROM call_referral r WHERE r.call_id = c.id ORDER BY r.id DESC LIMIT 1), NULL, NULL, "
    "c.received_at, NULL FROM entity_state s JOIN call_entry c ON c.id = s.entity_id "
    "WHERE s.kind = 'call' AND s.state = 'open' ORDER BY c.received_at, c.id) "
    "UNION ALL SELECT * FROM (SELECT r.call_id, r.what, r.unit, r.department, r.person, NULL, NULL, "
    "r.at, NULL FROM entity_state s JOIN call_repair r ON r.id = s.entity_id "
    "WHERE s.kind = 'repair' AND s.state = 'handed' ORDER BY r.at, r.id) "
    "UNION ALL SELECT * FROM (SELECT p.id, p.carrier, p.unit_id, p.company_id, NULL, NULL, NULL, "
    "p.window_from, p.window_to FROM entity_state s JOIN pass p ON p.id = s.entity_id "
    "WHERE s.kind = 'pass' AND s.state = 'issued' AND p.scheduled = 1 AND p.window_to <= ?4 "
    "ORDER BY p.window_from, p.id) "
    "UNION ALL SELECT * FROM (SELECT n.id, n.kind, n.title, n.place, n.starts_at, NULL, NULL, "
    "n.ends_at, n.ends_at FROM entity_state s JOIN notice n ON n.id = s.entity_id "
    "WHERE s.kind = 'notice' AND s.state = 'posted' AND n.ends_at <= ?4 ORDER BY n.ends_at, n.id) "
    "UNION ALL SELECT * FROM (SELECT n.id, n.kind, n.title, n.place, n.starts_at, NULL, NULL, "
    "n.at, NULL FROM entity_state s JOIN notice n ON n.id = s.entity_id WHERE s.kind = 'notice' "
    "AND s.state = 'draft' ORDER BY n.id) "
    "UNION ALL SELECT * FROM (SELECT w.renovation_id, w.worker, r.unit, r.contractor, NULL, NULL, "
    "NULL, w.at, coalesce((SELECT x.until_on FROM work_pass_renewal x WHERE x.pass_id = w.id "
    "ORDER BY x.id DESC LIMIT 1), w.valid_until) AS until FROM entity_state s JOIN work_pass w "
    "ON w.id = s.entity_id JOIN renovation r ON r.id = w.renovation_id WHERE s.kind = "
    "'work_pass' AND s.state = 'issued' AND until <= (?4 + 28800) / 86400 + 3 "
    "ORDER BY until, w.id) "
    "UNION ALL SELECT * FROM (SELECT t.renovation_id, t.pass_id, t.items, NULL, NULL, NULL, NULL, "
    "t.at, NULL FROM entity_state s JOIN work_tools t ON t.id = s.entity_id "
    "WHERE s.kind = 'tools' AND s.state = 'in' ORDER BY t.id) "
    "UNION ALL SELECT * FROM (SELECT h.renovation_id, h.welder, r.unit, h.work, NULL, NULL, NULL, "
    "h.starts_at, h.ends_at FROM entity_state s JOIN hot_work h ON h.id = s.entity_id "
    "JOIN renovation r ON r.id = h.renovation_id WHERE s.kind = 'hot_work' AND "
    "s.state = 'approved' ORDER BY h.id) "
    "UNION ALL SELECT * FROM (SELECT m.id, m.tracking, m.recipient_unit, m.recipient_org, "
    "m.recipient_name, m.kind, (SELECT sh.shelf FROM mail_shelving sh WHERE sh.item_id = "
    "m.id ORDER BY sh.id DESC LIMIT 1), m.at, m.quantity FROM entity_state s JOIN "
    "mail_item m ON m.id = s.entity_id WHERE s.kind = 'mail' AND s.state IN ('received', "
    "'held') ORDER BY m.at, m.id)";

/* The notices not yet taken down, newest first, with what the list and the line under
 * it show: kind, title, area, the event's times, state, who drafted and who signed it,
 * the units it was handed to. */
static const char FLOOR_NOTICES_CURRENT[] =
    "SELECT n.id, n.kind, n.title, n.place, n.starts_at, n.ends_at, s.state, st.name, "
    "(SELECT f.name FROM event e JOIN staff f ON f.id = e.approver_id WHERE e.kind = 'notice' "
    "AND e.entity_id = n.id AND e.event IN ('approve', 'emergency') ORDER BY e.id DESC LIMIT 1), "
    "(SELECT count(*) FROM notice_delivery v WHERE v.notice_id = n.id) "
    "FROM entity_state s JOIN notice n ON n.id = s.entity_id JOIN staff st ON st.id = n.staff_id "
    "WHERE s.kind = 'notice' AND s.state IN ('draft', 'approved', 'issued', 'posted') "
    "ORDER BY n.id DESC LIMIT 50";
/* The workers' passes still out whose last day (after renewals) is within three days
 * of today, the Beijing day of ?4, or past: soonest first, with their file. */
static const char FLOOR_WORKS_DUE[] =
    "SELECT p.id, p.worker, p.doc_type, p.doc_number_masked, p.signer_role, p.signer, r.unit, "
    "r.contractor, coalesce((SELECT w.until_on FROM work_pass_renewal w WHERE w.pass_id = p.id "
    "ORDER BY w.id DESC LIMIT 1), p.valid_until) AS until, p.received, p.deposit, p.receipt, p.at "
    "FROM entity_state s JOIN work_pass p ON p.id = s.entity_id "
    "JOIN renovation r ON r.id = p.renovation_id "
    "WHERE s.kind = 'work_pass' AND s.state = 'issued' AND until <= (?4 + 28800) / 86400 + 3 "
    "ORDER BY until, p.id LIMIT 50";
/* The register's desk view: today's entries (the Beijing day of ?4) and every one still
 * open, newest first, with what its list and its lines show — caller, unit, phone,
 * matter and question as corrected, state, answers, the last referral, when it closed,
 * who took it. */
#define CALL_CORRECTED(field, column)                                                      \
    "coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = " \
    "c.id AND k.field = '" field "' ORDER BY k.id DESC LIMIT 1), " column "), "
static const char FLOOR_CALLS_DESK[] =
    "SELECT c.id, c.received_at, " CALL_CORRECTED("channel", "c.channel")
    CALL_CORRECTED("caller", "c.caller") CALL_CORRECTED("unit", "c.unit")
    CALL_CORRECTED("phone", "c.phone_clear") CALL_CORRECTED("matter", "c.matter")
    CALL_CORRECTED("question", "c.question")
    "(SELECT s.state FROM entity_state s WHERE s.kind = 'call' AND s.entity_id = c.id), "
    "(SELECT a.answer FROM call_answer a WHERE a.call_id = c.id ORDER BY a.id DESC LIMIT 1), "
    "(SELECT count(*) FROM call_answer a WHERE a.call_id = c.id), "
    "(SELECT r.department || r.person FROM call_referral r WHERE r.call_id = c.id "
    "ORDER BY r.id DESC LIMIT 1), "
    "(SELECT e.at FROM event e WHERE e.kind = 'call' AND e.entity_id = c.id AND e.event IN "
    "('close', 'complain') ORDER BY e.id DESC LIMIT 1), "
    "(SELECT x.complaint_id FROM call_complaint x WHERE x.call_id = c.id), "
    "f.name FROM call_entry c JOIN staff f ON f.id = c.staff_id "
    "WHERE c.id IN (SELECT id FROM call_entry WHERE received_at >= (?4 + 28800) / 86400 * 86400 "
    "- 28800 UNION SELECT entity_id FROM entity_state WHERE kind = 'call' AND state = 'open') "
    "ORDER BY c.received_at DESC, c.id DESC LIMIT 50";
#undef CALL_CORRECTED
/* What the passes' list shows of a pass: its window, out or in, unit and company,
 * carrier and document, goods, state, who issued it. */
#define PASS_FLOOR_COLUMNS                                                                       \
    "SELECT p.id, p.window_from, p.window_to, p.direction, u.code, o.name, p.carrier, "          \
    "p.doc_number_masked, (SELECT group_concat(i.name || ' ' || i.quantity || i.measure, '、') "  \
    "FROM pass_item i WHERE i.pass_id = p.id), (SELECT s.state FROM entity_state s "             \
    "WHERE s.kind = 'pass' AND s.entity_id = p.id), st.name "
#define PASS_FLOOR_JOINS                                                                         \
    "FROM pass p JOIN unit u ON u.id = p.unit_id JOIN occupant o ON o.id = p.company_id "       \
    "JOIN staff st ON st.id = p.staff_id "
/* Today's passes (the Beijing day of ?4) and every one still issued, by window. */
static const char FLOOR_PASSES_DESK[] =
    PASS_FLOOR_COLUMNS PASS_FLOOR_JOINS
    "WHERE p.id IN (SELECT id FROM pass "
    "WHERE day = (?4 + 28800) / 86400 UNION SELECT entity_id FROM entity_state "
    "WHERE kind = 'pass' AND state = 'issued') ORDER BY p.window_from, p.id LIMIT 50";
/* A carrier, company or unit code starting with the text, newest window first. */
static const char FLOOR_PASSES_SEARCH[] =
    PASS_FLOOR_COLUMNS PASS_FLOOR_JOINS
    "WHERE (p.carrier >= ?1 AND p.carrier < ?2) OR (o.name >= ?1 AND o.name < ?2) "
    "OR (u.code >= ?1 AND u.code < ?2) ORDER BY p.window_from DESC, p.id DESC LIMIT 50";

static const query queries[] = {
    {"visitors.inside", NULL, NULL, NULL, false, visits_inside, FLOOR_VISITS_INSIDE},
    {"visitors.by_name", "visit", "substr(visitor_name, 2, 1 + id % 2)", "length(visitor_name) > 1", false,
     visits_by_name, FLOOR_VISITS_BY_NAME},
    {"visitors.by_phone", "visit", "substr(phone, -4)", "length(phone) >= 4", false, visits_by_phone,
     FLOOR_VISITS_BY_PHONE},
    {"visitors.by_document", "visit", "doc_number_clear", "doc_number_clear IS NOT NULL", true,
     visits_by_document, FLOOR_VISITS_BY_DOCUMENT},
    {"keys.out", NULL, NULL, NULL, false, keys_out, FLOOR_KEYS_OUT},
    {"mail.held", NULL, NULL, NULL, false, mail_held, FLOOR_MAIL_HELD},
    {"mail.by_name", "mail_item", "substr(recipient_name, 2, 1 + id % 2)", "length(recipient_name) > 1",
     false, mail_by_recipient, FLOOR_MAIL_BY_RECIPIENT},
    {"complaints.open", NULL, NULL, NULL, false, complaints_open, FLOOR_COMPLAINTS_OPEN},
    {"complaints.by_name", "complaint", "substr(complainant, 2, 1 + id % 2)", "length(complainant) > 1", false,
     complaints_search, FLOOR_COMPLAINTS_BY_NAME},
    {"complaints.by_phone", "complaint", "phone_clear", "phone_clear IS NOT NULL", true,
     complaints_search, FLOOR_COMPLAINTS_BY_PHONE},
    {"handover.entries", NULL, NULL, NULL, false, handover_entries, FLOOR_HANDOVER_ENTRIES},
    {"handover.open_items", NULL, NULL, NULL, false, handover_open_items, FLOOR_OPEN_ITEMS},
    {"notices.list", NULL, NULL, NULL, false, notices_current, FLOOR_NOTICES_CURRENT},
    {"works.due", NULL, NULL, NULL, false, works_due, FLOOR_WORKS_DUE},
    {"calls.desk", NULL, NULL, NULL, false, calls_desk, FLOOR_CALLS_DESK},
    {"passes.desk", NULL, NULL, NULL, false, passes_desk, FLOOR_PASSES_DESK},
    {"passes.search", "pass", "substr(carrier, 1, 1 + id % 2)", "length(carrier) > 1", false,
     passes_search, FLOOR_PASSES_SEARCH},
};

/* ---- inputs: rows spread evenly over the table's history ---- */

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "frontdesk-bench: %s\n  in: %s\n", sqlite3_errmsg(db), sql);
        exit(2);
    }
    return st;
}

static void range_of(bench *b, const query *q, int64_t *lo, int64_t *hi)
{
    char *sql = fd_printf("SELECT min(id), max(id) FROM %s WHERE %s", q->sample_table, q->sample_where);
    sqlite3_stmt *st = prepare(b->raw, sql);
    *lo = *hi = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *lo = sqlite3_column_int64(st, 0);
        *hi = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    free(sql);
}

static void fill_input(bench *b, const query *q, const char *text, input *in)
{
    snprintf(in->text, sizeof in->text, "%s", text);
    snprintf(in->hi, sizeof in->hi, "%s%s", text, PREFIX_END);
    /* The sampled numbers are stored in normal form, which is what the core hashes. */
    if (q->hashed)
        fd_desk_hmac_hex(b->desk, text, in->hmac);
}

static size_t sample_inputs(bench *b, const query *q, input *out)
{
    if (!q->sample_table) {
        fd_shift shift = {0};
        out[0] = (input){0};
        out[0].shift = fd_shift_current(b->desk, &shift, NULL) == FD_OK ? shift.id : 0;
        return 1;
    }
    int64_t lo, hi;
    range_of(b, q, &lo, &hi);
    char *sql = fd_printf("SELECT %s FROM %s WHERE %s AND id >= ?1 ORDER BY id LIMIT 1",
                          q->sample_expr, q->sample_table, q->sample_where);
    sqlite3_stmt *st = prepare(b->raw, sql);
    size_t n = 0;
    for (int i = 0; i < INPUTS && hi >= lo; i++) {
        sqlite3_bind_int64(st, 1, lo + (hi - lo) * i / (INPUTS - 1));
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            fill_input(b, q, (const char *)sqlite3_column_text(st, 0), &out[n++]);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    free(sql);
    return n;
}

/* ---- running ---- */

/* ?1 the text, ?2 the end of its prefix range, ?3 its HMAC, ?4 now, ?5 the shift: a
 * floor uses those it needs. */
static void bind_floor(sqlite3_stmt *st, const input *in, fd_time now)
{
    int n = sqlite3_bind_parameter_count(st);
    if (n >= 1)
        sqlite3_bind_text(st, 1, in->text, -1, SQLITE_STATIC);
    if (n >= 2)
        sqlite3_bind_text(st, 2, in->hi, -1, SQLITE_STATIC);
    if (n >= 3)
        sqlite3_bind_text(st, 3, in->hmac, -1, SQLITE_STATIC);
    if (n >= 4)
        sqlite3_bind_int64(st, 4, now);
    if (n >= 5)
        sqlite3_bind_int64(st, 5, in->shift);
}

/* Every column is read, as the core reads them to build its rows. */
static bool run_floor(sqlite3_stmt *st, const input *in, fd_time now, ids *out)
{
    bind_floor(st, in, now);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 1; c < sqlite3_column_count(st); c++)
            (void)sqlite3_column_text(st, c);
        ids_add(out, sqlite3_column_int64(st, 0));
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

static bool same_rows(const ids *a, const ids *b)
{
    return a->n == b->n && (a->n == 0 || memcmp(a->v, b->v, a->n * sizeof *a->v) == 0);
}

/* The floor must return what the core returns, for every input, and something; the
 * rows found in all go to *rows. */
static bool check_rows(bench *b, const query *q, sqlite3_stmt *floor, const input *in, size_t n,
                       size_t *rows_out, char *why, size_t size)
{
    size_t rows = 0;
    for (size_t i = 0; i < n; i++) {
        ids core = {0}, raw = {0};
        fd_error err = {0};
        fd_status s = q->core(b, &in[i], &core, &err);
        bool floor_ok = run_floor(floor, &in[i], b->clock, &raw);
        bool same = s == FD_OK && floor_ok && same_rows(&core, &raw);
        if (!same)
            snprintf(why, size, "for \"%s\" the core gave %zu rows (%.200s), the floor %zu%s", in[i].text,
                     core.n, s == FD_OK ? "ok" : err.message, raw.n,
                     floor_ok ? "" : " (failed)");
        rows += core.n;
        free(core.v);
        free(raw.v);
        if (!same)
            return false;
    }
    if (rows == 0)
        snprintf(why, size, "no input finds any row: nothing would be measured");
    *rows_out = rows;
    return rows > 0;
}

static double time_core(bench *b, const query *q, const input *in)
{
    ids out = {0};
    fd_error err = {0};
    double start = bench_now();
    q->core(b, in, &out, &err);
    double t = bench_now() - start;
    free(out.v);
    return t;
}

static double time_floor(bench *b, sqlite3_stmt *floor, const input *in)
{
    ids out = {0};
    double start = bench_now();
    run_floor(floor, in, b->clock, &out);
    double t = bench_now() - start;
    free(out.v);
    return t;
}

/* Core and floor take turns going first, so neither always finds the other's pages
 * freshly cached. */
static void measure_one(bench *b, const query *q)
{
    measure m = {q->name, UNIT_SECONDS, TARGET_RATIO, 2.0};
    input in[INPUTS];
    size_t n = sample_inputs(b, q, in);
    sqlite3_stmt *floor = prepare(b->raw, q->floor_sql);
    char why[512];
    size_t rows = 0;
    if (n == 0 || !check_rows(b, q, floor, in, n, &rows, why, sizeof why)) {
        result_failed(&m, n == 0 ? "no inputs in the database" : why);
        sqlite3_finalize(floor);
        return;
    }
    printf("# %s: %zu input%s, %.1f rows a page on average, the same rows from core and floor\n",
           q->name, n, n == 1 ? "" : "s", (double)rows / (double)n);
    samples core = {0}, raw = {0};
    for (int i = 0; i < WARM_UP + REPEAT; i++) {
        const input *one = &in[(size_t)i % n];
        double c, f;
        if (i % 2) {
            c = time_core(b, q, one);
            f = time_floor(b, floor, one);
        } else {
            f = time_floor(b, floor, one);
            c = time_core(b, q, one);
        }
        if (i >= WARM_UP) {
            samples_add(&core, c);
            samples_add(&raw, f);
        }
    }
    result_line(&m, &core, &raw);
    samples_free(&core);
    samples_free(&raw);
    sqlite3_finalize(floor);
}

void measure_queries(bench *b)
{
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        if (bench_wants(b, queries[i].name))
            measure_one(b, &queries[i]);
}
