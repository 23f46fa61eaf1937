/* The duty handover book: shifts, entries, follow-ups carried from shift to shift,
 * open items gathered from the other procedures, the inventory, both signatures and
 * the refusal, corrections on closed shifts, the views, search, report and export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/audit.h"
#include "frontdesk/calls.h"
#include "frontdesk/complaints.h"
#include "frontdesk/config.h"
#include "frontdesk/csv.h"
#include "frontdesk/handover.h"
#include "frontdesk/notices.h"
#include "frontdesk/keys.h"
#include "frontdesk/directory.h"
#include "frontdesk/mail.h"
#include "frontdesk/passes.h"
#include "frontdesk/staff.h"
#include "frontdesk/visitors.h"
#include "frontdesk/works.h"
#include "syslog_capture.h"
#include "testlib.h"

enum { HOUR = 3600, MINUTE = 60 };

/* The desk fixture under the shipped configuration (its inventory list, curfew,
 * departments, calendar), with a second duty manager and an assistant. */
typedef struct book {
    desk_fixture fx;
    fd_config *defaults;
    fd_actor second, assistant, cs_manager;
} book;

static void book_open(book *b, const char *db)
{
    memset(b, 0, sizeof *b);
    desk_fixture_open(&b->fx, db);
    fd_error err = {0};
    ck_assert_msg(fd_config_load_file(NULL, &b->defaults, &err) == FD_OK, "%s", err.message);
    b->fx.config = *b->defaults; /* the desk reads it through its pointer */
    desk_fixture_staff(&b->fx, "2002", "赵磊", FD_ROLE_DUTY_MANAGER, "2223", &b->second);
    desk_fixture_staff(&b->fx, "1002", "王芳", FD_ROLE_ASSISTANT, "1112", &b->assistant);
    desk_fixture_staff(&b->fx, "3001", "刘洋", FD_ROLE_CS_MANAGER, "3333", &b->cs_manager);
}

static void verify_clean(book *b)
{
    fd_error err = {0};
    fd_verify_result r;
    ck_assert_msg(fd_verify(b->fx.desk, NULL, NULL, NULL, &r, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(r.problems, 0);
}

static void book_close(book *b)
{
    verify_clean(b);
    desk_fixture_close(&b->fx);
    fd_config_free(b->defaults);
}

static void later(book *b, int minutes)
{
    b->fx.now += minutes * MINUTE;
}

static size_t inventory_size(book *b)
{
    return b->fx.config.inventory_items.count;
}

static int64_t open_first_shift(book *b)
{
    fd_error err = {0};
    int64_t id = 0;
    ck_assert_msg(fd_shift_open(b->fx.desk, &b->fx.duty_manager, 0, &id, &err) == FD_OK, "%s",
                  err.message);
    return id;
}

static fd_status write_entry(book *b, const fd_actor *who, int64_t shift, fd_entry_form form,
                             int64_t *id, fd_error *err)
{
    if (!form.at)
        form.at = b->fx.now;
    return fd_handover_write(b->fx.desk, who, shift, &form, id, err);
}

static int64_t incident(book *b, const fd_actor *who, int64_t shift, const char *what,
                        fd_follow_mark mark, const char *follow_up)
{
    fd_error err = {0};
    int64_t id = 0;
    fd_entry_form f = {.kind = FD_ENTRY_INCIDENT, .content = what, .reporter = "保安 陈刚",
                       .handling = "通知工程部到场", .mark = mark, .follow_up = follow_up};
    ck_assert_msg(write_entry(b, who, shift, f, &id, &err) == FD_OK, "%s", err.message);
    return id;
}

static void progress(book *b, const fd_actor *who, int64_t shift, int64_t entry, const char *note,
                     bool done)
{
    fd_error err = {0};
    fd_progress_form p = {.shift_id = shift, .entry_id = entry, .note = note, .done = done};
    ck_assert_msg(fd_handover_progress(b->fx.desk, who, &p, &err) == FD_OK, "%s", err.message);
}

static fd_count_confirm *same_counts(book *b, long value)
{
    fd_count_confirm *c = calloc(inventory_size(b), sizeof *c);
    for (size_t i = 0; i < inventory_size(b); i++)
        c[i].count = value;
    return c;
}

/* Begins, counts every item as value, carries every open item, and has incoming sign. */
static int64_t hand_over(book *b, const fd_actor *outgoing, const fd_actor *incoming, int64_t shift,
                         long value)
{
    fd_error err = {0};
    ck_assert_msg(fd_handover_begin(b->fx.desk, outgoing, shift, NULL, &err) == FD_OK, "%s", err.message);
    for (size_t i = 0; i < inventory_size(b); i++)
        ck_assert_msg(fd_handover_count(b->fx.desk, outgoing, shift, i, value, NULL, &err) == FD_OK,
                      "%s", err.message);
    ck_assert_msg(fd_handover_carry_rest(b->fx.desk, outgoing, shift, &err) == FD_OK, "%s", err.message);
    fd_count_confirm *counts = same_counts(b, value);
    int64_t next = 0;
    ck_assert_msg(fd_handover_sign(b->fx.desk, outgoing, incoming, shift, counts, inventory_size(b),
                                   &next, &err) == FD_OK,
                  "%s", err.message);
    free(counts);
    ck_assert_int_gt(next, shift);
    return next;
}

static fd_shift shift_of(book *b, int64_t id)
{
    fd_shift s;
    fd_error err = {0};
    ck_assert_msg(fd_shift_get(b->fx.desk, id, &s, &err) == FD_OK, "%s", err.message);
    return s;
}

static fd_followup_state followup_state(book *b, int64_t entry)
{
    char state[FD_STATE_MAX];
    fd_error err = {0};
    ck_assert_int_eq(fd_machine_state(b->fx.desk, &fd_followup_machine, entry, state, &err), FD_OK);
    ck_assert_str_ne(state, "");
    return strcmp(state, "done") == 0 ? FD_FOLLOWUP_DONE
           : strcmp(state, "progress") == 0 ? FD_FOLLOWUP_PROGRESS : FD_FOLLOWUP_OPEN;
}

/* ---- trails ---- */

typedef struct trail {
    int count;
    fd_trail_kind kinds[16];
    int64_t shifts[16];
    char staff[16][64], taken_by[16][64], text[16][128], reported_to[16][64];
    fd_time at[16], reported_at[16];
} trail;

static void keep_step(void *ctx, const fd_trail_step *s)
{
    trail *t = ctx;
    ck_assert_int_lt(t->count, 16);
    t->kinds[t->count] = s->kind;
    t->shifts[t->count] = s->shift_id;
    t->at[t->count] = s->at;
    t->reported_at[t->count] = s->reported_at;
    snprintf(t->staff[t->count], 64, "%s", s->staff ? s->staff : "");
    snprintf(t->taken_by[t->count], 64, "%s", s->taken_by ? s->taken_by : "");
    snprintf(t->text[t->count], 128, "%s", s->text ? s->text : "");
    snprintf(t->reported_to[t->count], 64, "%s", s->reported_to ? s->reported_to : "");
    t->count++;
}

static trail trail_of(book *b, int64_t entry)
{
    trail t = {0};
    fd_error err = {0};
    ck_assert_msg(fd_handover_trail(b->fx.desk, entry, keep_step, &t, &err) == FD_OK, "%s", err.message);
    return t;
}

START_TEST(follow_up_is_carried_across_three_shifts_until_done)
{
    book b;
    book_open(&b, "carried.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    int64_t s1 = open_first_shift(&b);
    later(&b, 30);
    int64_t leak = incident(&b, zhang, s1, "B座3楼消防管渗水", FD_FOLLOW_FOLLOW, "请工程部明早更换阀门");
    ck_assert_int_eq(followup_state(&b, leak), FD_FOLLOWUP_OPEN);
    later(&b, 600);
    int64_t s2 = hand_over(&b, zhang, zhao, s1, 2);
    ck_assert_int_eq(shift_of(&b, s1).state, FD_SHIFT_CLOSED);
    ck_assert_str_eq(shift_of(&b, s1).taken_over_by, "赵磊");
    ck_assert_str_eq(shift_of(&b, s2).handed_over_by, "张伟");
    ck_assert_int_eq(shift_of(&b, s2).previous_id, s1);

    later(&b, 60);
    progress(&b, zhao, s2, leak, "工程部已订阀门，今日到货", false);
    later(&b, 600);
    int64_t s3 = hand_over(&b, zhao, zhang, s2, 2);
    later(&b, 60);
    progress(&b, zhang, s3, leak, "阀门到货，工程部约定明早施工", false);
    later(&b, 600);
    int64_t s4 = hand_over(&b, zhang, zhao, s3, 2);
    ck_assert_int_eq(followup_state(&b, leak), FD_FOLLOWUP_PROGRESS);
    later(&b, 60);
    progress(&b, zhao, s4, leak, "阀门已更换，试压正常", true);
    ck_assert_int_eq(followup_state(&b, leak), FD_FOLLOWUP_DONE);

    long open = -1;
    fd_error err = {0};
    ck_assert_int_eq(fd_handover_followups_count(b.fx.desk, &open, &err), FD_OK);
    ck_assert_int_eq(open, 0);

    /* One query gives the whole trail: written, carried, progress … done. */
    trail t = trail_of(&b, leak);
    fd_trail_kind expected[] = {FD_TRAIL_WRITTEN, FD_TRAIL_CARRIED, FD_TRAIL_PROGRESS, FD_TRAIL_CARRIED,
                                FD_TRAIL_PROGRESS, FD_TRAIL_CARRIED, FD_TRAIL_DONE};
    ck_assert_int_eq(t.count, 7);
    for (int i = 0; i < 7; i++)
        ck_assert_int_eq(t.kinds[i], expected[i]);
    ck_assert_int_eq(t.shifts[0], s1);
    ck_assert_str_eq(t.staff[1], "张伟");
    ck_assert_str_eq(t.taken_by[1], "赵磊");
    ck_assert_str_eq(t.staff[3], "赵磊");
    ck_assert_str_eq(t.taken_by[3], "张伟");
    ck_assert_int_eq(t.shifts[6], s4);
    ck_assert_str_eq(t.text[6], "阀门已更换，试压正常");

    /* Done, it no longer holds the next handover up. */
    later(&b, 60);
    hand_over(&b, zhao, zhang, s4, 2);
    book_close(&b);
}
END_TEST

typedef struct seen_followup {
    int rows;
    int64_t entry_id;
    long shifts_carried;
    bool carried_in, progressed;
    char last_progress[256];
} seen_followup;

static void keep_followup(void *ctx, const fd_followup *f)
{
    seen_followup *s = ctx;
    s->rows++;
    s->entry_id = f->entry->id;
    s->shifts_carried = f->shifts_carried;
    s->carried_in = f->carried_in;
    s->progressed = f->progressed;
    snprintf(s->last_progress, sizeof s->last_progress, "%s", f->last_progress ? f->last_progress : "");
}

START_TEST(handover_is_refused_while_a_carried_item_has_no_progress)
{
    book b;
    book_open(&b, "unprogressed.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    later(&b, 10);
    int64_t lift = incident(&b, zhang, s1, "2号电梯困人，已救出", FD_FOLLOW_SUPERVISE, "电梯公司明日检修");
    /* A follow-up written in this very shift is what it hands on: no progress needed. */
    later(&b, 600);
    int64_t s2 = hand_over(&b, zhang, zhao, s1, 1);
    later(&b, 600);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhao, s2, NULL, &err), FD_STATE);
    ck_assert_str_eq(err.field, "followups");
    ck_assert_ptr_nonnull(strstr(err.message, "2号电梯困人"));
    ck_assert_ptr_nonnull(strstr(err.message, "张伟"));
    ck_assert_int_eq(shift_of(&b, s2).state, FD_SHIFT_OPEN);

    /* The view tells which carried follow-ups still wait for this shift's word. */
    seen_followup seen = {0};
    ck_assert_int_eq(fd_handover_followups(b.fx.desk, s2, 0, 50, keep_followup, &seen, &err), FD_OK);
    ck_assert_int_eq(seen.rows, 1);
    ck_assert_int_eq(seen.entry_id, lift);
    ck_assert_int_eq(seen.shifts_carried, 1);
    ck_assert(seen.carried_in);
    ck_assert(!seen.progressed);

    progress(&b, zhao, s2, lift, "电梯公司已到场检修", false);
    memset(&seen, 0, sizeof seen);
    ck_assert_int_eq(fd_handover_followups(b.fx.desk, s2, 0, 50, keep_followup, &seen, &err), FD_OK);
    ck_assert(seen.progressed);
    ck_assert_str_eq(seen.last_progress, "电梯公司已到场检修");
    hand_over(&b, zhao, zhang, s2, 1);
    book_close(&b);
}
END_TEST

typedef struct attempts {
    int count;
    fd_handover_outcome outcome[4];
    char outgoing[4][64], incoming[4][64], reason[4][256], supervisor[4][64];
} attempts;

static void keep_attempt(void *ctx, const fd_handover_attempt *a)
{
    attempts *l = ctx;
    l->outcome[l->count] = a->outcome;
    snprintf(l->outgoing[l->count], 64, "%s", a->outgoing ? a->outgoing : "");
    snprintf(l->supervisor[l->count], 64, "%s", a->supervisor ? a->supervisor : "");
    snprintf(l->incoming[l->count], 64, "%s", a->incoming ? a->incoming : "");
    snprintf(l->reason[l->count], 256, "%s", a->reason ? a->reason : "");
    l->count++;
}

START_TEST(a_signed_handover_is_anchored_outside_the_database)
{
    book b;
    book_open(&b, "anchored.db");
    int64_t s1 = open_first_shift(&b);
    later(&b, 600);
    syslog_capture_clear();
    hand_over(&b, &b.fx.duty_manager, &b.second, s1, 4);
    fd_chain_head head;
    fd_error err = {0};
    ck_assert_int_eq(fd_audit_head(b.fx.desk, &head, &err), FD_OK);
    ck_assert_msg(strncmp(syslog_capture_last(), "frontdesk-anchor db=", 20) == 0, "%s", syslog_capture_last());
    char *want = fd_printf(" entries=%lld head=%s why=handover ", (long long)head.entries, head.hash);
    ck_assert_msg(strstr(syslog_capture_last(), want), "%s", syslog_capture_last());
    free(want);
    /* The same head, in the head file. */
    char *path = fd_desk_key_file(b.fx.path, "head");
    FILE *f = fopen(path, "r");
    char line[1024] = "";
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    fclose(f);
    free(path);
    line[strcspn(line, "\n")] = '\0';
    ck_assert_str_eq(line, syslog_capture_last());
    book_close(&b);
}
END_TEST

START_TEST(incoming_manager_may_refuse_to_sign)
{
    book b;
    book_open(&b, "refuse.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    later(&b, 600);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_OK);
    ck_assert_int_eq(shift_of(&b, s1).state, FD_SHIFT_HANDING_OVER);

    ck_assert_int_eq(fd_handover_refuse(b.fx.desk, zhang, zhao, s1, "  ", &err), FD_INVALID);
    ck_assert_str_eq(err.field, "reason");
    ck_assert_int_eq(fd_handover_refuse(b.fx.desk, zhang, zhang, s1, "x", &err), FD_INVALID);
    ck_assert_str_eq(err.field, "incoming");
    ck_assert_int_eq(fd_handover_refuse(b.fx.desk, zhang, &b.fx.receptionist, s1, "x", &err), FD_DENIED);
    ck_assert_str_eq(err.field, "incoming");
    ck_assert_int_eq(fd_handover_refuse(b.fx.desk, zhang, zhao, s1, "对讲机少一台，未说明去向", &err), FD_OK);

    /* The book stays with the outgoing manager, open again. */
    fd_shift now;
    ck_assert_int_eq(fd_shift_current(b.fx.desk, &now, &err), FD_OK);
    ck_assert_int_eq(now.id, s1);
    ck_assert_int_eq(now.state, FD_SHIFT_OPEN);
    ck_assert_str_eq(now.manager, "张伟");
    ck_assert_int_eq(now.end_at, 0);
    ck_assert_int_eq(fd_handover_withdraw(b.fx.desk, zhang, s1, &err), FD_STATE);
    int64_t note = incident(&b, zhang, s1, "对讲机一台送修，已补记", FD_FOLLOW_NONE, NULL);
    ck_assert_int_gt(note, 0);

    later(&b, 20);
    int64_t s2 = hand_over(&b, zhang, zhao, s1, 3);
    attempts l = {0};
    fd_handover_report_cb cb = {.attempt = keep_attempt};
    ck_assert_int_eq(fd_handover_report(b.fx.desk, s1, &cb, &l, &err), FD_OK);
    ck_assert_int_eq(l.count, 2);
    ck_assert_int_eq(l.outcome[0], FD_HANDOVER_REFUSED);
    ck_assert_str_eq(l.incoming[0], "赵磊");
    ck_assert_str_eq(l.reason[0], "对讲机少一台，未说明去向");
    ck_assert_int_eq(l.outcome[1], FD_HANDOVER_SIGNED);
    ck_assert_str_eq(shift_of(&b, s2).manager, "赵磊");
    book_close(&b);
}
END_TEST

typedef struct count_lines {
    int count;
    fd_count_row rows[8];
    char out_explanation[8][128], in_explanation[8][128];
} count_lines;

static void keep_count(void *ctx, const fd_count_row *c)
{
    count_lines *l = ctx;
    l->rows[l->count] = *c;
    snprintf(l->out_explanation[l->count], 128, "%s", c->out_explanation ? c->out_explanation : "");
    snprintf(l->in_explanation[l->count], 128, "%s", c->in_explanation ? c->in_explanation : "");
    l->count++;
}

START_TEST(inventory_difference_requires_an_explanation)
{
    book b;
    book_open(&b, "inventory.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    size_t n = inventory_size(&b);
    ck_assert_uint_ge(n, 2);
    int64_t s1 = open_first_shift(&b);
    later(&b, 600);
    ck_assert_int_eq(fd_handover_count(b.fx.desk, zhang, s1, 0, 4, NULL, &err), FD_STATE);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_handover_count(b.fx.desk, zhang, s1, n, 4, NULL, &err), FD_INVALID);
    ck_assert_int_eq(fd_handover_count(b.fx.desk, zhang, s1, 0, -1, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "count");
    ck_assert_int_eq(fd_handover_count(b.fx.desk, zhao, s1, 0, 4, NULL, &err), FD_DENIED);

    fd_count_confirm *counts = same_counts(&b, 4);
    /* Nothing counted yet: the incoming manager cannot confirm. */
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhang, zhao, s1, counts, n, NULL, &err), FD_STATE);
    ck_assert_str_eq(err.field, "inventory");
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(fd_handover_count(b.fx.desk, zhang, s1, i, 4, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhang, zhao, s1, counts, n - 1, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "inventory");
    /* The incoming count differs: explained, or refused. */
    counts[1].count = 3;
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhang, zhao, s1, counts, n, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "explanation.1");
    ck_assert_int_eq(shift_of(&b, s1).state, FD_SHIFT_HANDING_OVER);
    counts[1].explanation = "一台对讲机在保安巡逻岗，已电话确认";
    int64_t s2 = 0;
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhang, zhao, s1, counts, n, &s2, &err), FD_OK);
    free(counts);

    /* The next shift took over 3 of item 1: counting 4 now needs an explanation. */
    later(&b, 600);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhao, s2, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_handover_count(b.fx.desk, zhao, s2, 1, 4, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "explanation");
    ck_assert_int_eq(fd_handover_count(b.fx.desk, zhao, s2, 1, 4, "巡逻岗对讲机已交回", &err), FD_OK);
    ck_assert_int_eq(fd_handover_count(b.fx.desk, zhao, s2, 0, 4, NULL, &err), FD_OK);

    count_lines l = {0};
    ck_assert_int_eq(fd_handover_counts(b.fx.desk, s2, keep_count, &l, &err), FD_OK);
    ck_assert_int_eq(l.count, (int)n);
    ck_assert_int_eq(l.rows[1].previous, 3);
    ck_assert(l.rows[1].counted);
    ck_assert_int_eq(l.rows[1].out_count, 4);
    ck_assert_str_eq(l.out_explanation[1], "巡逻岗对讲机已交回");
    ck_assert(!l.rows[1].confirmed);
    ck_assert(!l.rows[2].counted);

    memset(&l, 0, sizeof l);
    ck_assert_int_eq(fd_handover_counts(b.fx.desk, s1, keep_count, &l, &err), FD_OK);
    ck_assert_int_eq(l.rows[1].previous, -1);
    ck_assert(l.rows[1].confirmed);
    ck_assert_int_eq(l.rows[1].in_count, 3);
    ck_assert_str_eq(l.in_explanation[1], "一台对讲机在保安巡逻岗，已电话确认");
    book_close(&b);
}
END_TEST

/* ---- open items from the other procedures ---- */

typedef struct items {
    int count;
    char source[32][24], sort[32][48];
    fd_item_record record[32];
    int64_t id[32];
    fd_item_mark mark[32];
    char name[32][128];
    int age[32];
    bool unconfirmed[32];
    char note[32][128], handed[32][128], handed_by[32][64];
} items;

static void keep_item(void *ctx, const fd_open_item *i)
{
    items *l = ctx;
    ck_assert_int_lt(l->count, 32);
    snprintf(l->source[l->count], 24, "%s", i->source);
    snprintf(l->name[l->count], 128, "%s", i->name ? i->name : "");
    snprintf(l->sort[l->count], 48, "%s", i->sort_label ? i->sort_label : "");
    l->id[l->count] = i->id;
    l->record[l->count] = i->record;
    l->mark[l->count] = i->mark;
    l->age[l->count] = i->age_days;
    l->unconfirmed[l->count] = i->due_unconfirmed;
    snprintf(l->note[l->count], 128, "%s", i->note ? i->note : "");
    snprintf(l->handed[l->count], 128, "%s", i->handed_note ? i->handed_note : "");
    snprintf(l->handed_by[l->count], 64, "%s", i->handed_by ? i->handed_by : "");
    ck_assert_ptr_nonnull(i->source_label);
    l->count++;
}

static int find_source(const items *l, const char *source)
{
    for (int i = 0; i < l->count; i++)
        if (strcmp(l->source[i], source) == 0)
            return i;
    return -1;
}

static int64_t visitor_inside(book *b)
{
    fd_error err = {0};
    fd_visit_form v = {
        .visitor_name = "孙七", .doc_type = FD_DOC_RESIDENT_ID, .doc_number = "11010519491231002X",
        .phone = "13800138000", .party_size = 1, .purpose = "拜访", .unit = "A-1203",
        .visitee_name = "王五",
    };
    int64_t id = 0;
    fd_visit_slip slip;
    ck_assert_msg(fd_visit_register(b->fx.desk, &b->fx.receptionist, NULL, &v, &id, &err) == FD_OK,
                  "%s", err.message);
    ck_assert_msg(fd_visit_admit(b->fx.desk, &b->fx.receptionist, NULL, id, &slip, &err) == FD_OK,
                  "%s", err.message);
    return id;
}

static void key_out(book *b)
{
    fd_error err = {0};
    fd_key_new k = {.tag = "P-PUMP", .description = "水泵房", .kind = FD_KEY_PUBLIC,
                    .department = "工程部", .custodian = "李工"};
    int64_t key = 0, loan = 0;
    ck_assert_msg(fd_key_register(b->fx.desk, &b->fx.receptionist, &k, &key, &err) == FD_OK, "%s",
                  err.message);
    fd_key_loan_new l = {.borrower_kind = FD_BORROWER_STAFF, .borrower = "周工", .department = "工程部",
                         .key_ids = &key, .key_count = 1, .reason = FD_KEY_REASON_INSPECTION,
                         .hand_over = true};
    ck_assert_msg(fd_key_loan_request(b->fx.desk, &b->fx.duty_manager, NULL, &l, &loan, &err) == FD_OK,
                  "%s", err.message);
}

static void parcel_held(book *b)
{
    static int parcels; /* each its own tracking number */
    char tracking[24];
    snprintf(tracking, sizeof tracking, "SF12345678%02d", 90 + parcels++ % 10);
    fd_error err = {0};
    fd_mail_intake m = {.carrier = "顺丰", .kind = FD_MAIL_EXPRESS, .quantity = 1,
                        .tracking = tracking, .recipient = {0, 0, "张三"}, .shelf = "A1"};
    int64_t id = 0;
    ck_assert_msg(fd_mail_receive(b->fx.desk, &b->fx.receptionist, &m, &id, &err) == FD_OK, "%s",
                  err.message);
}

static void complaint_taken(book *b)
{
    fd_error err = {0};
    fd_complaint_intake c = {
        .sort = FD_SORT_COMPLAINT, .complainant = "赵六", .unit = "A-1203", .phone = "13900139000",
        .channel = FD_CHANNEL_PHONE, .content = "楼上装修噪音", .category = FD_CATEGORY_OTHER,
        .severity = FD_SEVERITY_MAJOR,
    };
    int64_t id = 0;
    ck_assert_msg(fd_complaint_receive(b->fx.desk, &b->fx.receptionist, &c, &id, &err) == FD_OK, "%s",
                  err.message);
}

/* A repair reported by phone, still pending; and an enquiry answered and dealt with at
 * once, which is nobody's open item. */
static void calls_taken(book *b)
{
    fd_error err = {0};
    fd_call_intake pending = {
        .channel = FD_CALL_PHONE, .caller = "钱八", .unit = "A-1203", .phone = "13700137000",
        .matter = FD_MATTER_REPAIR, .question = "厨房水龙头漏水",
    };
    ck_assert_msg(fd_call_take(b->fx.desk, &b->fx.receptionist, &pending, NULL, &err) == FD_OK, "%s",
                  err.message);
    fd_call_intake done = {
        .channel = FD_CALL_VISIT, .caller = "访客", .matter = FD_MATTER_ENQUIRY,
        .question = "快递柜在哪里", .answer = "北门左侧", .done = true,
    };
    ck_assert_msg(fd_call_take(b->fx.desk, &b->fx.receptionist, &done, NULL, &err) == FD_OK, "%s",
                  err.message);
}

/* A renovation whose worker's pass falls due in two days, whose morning tools have
 * not gone out and whose hot-work site is not cleared: all are the next shift's to
 * chase, and all open the renovation. A pass far from its last day is nobody's item. */
START_TEST(renovation_passes_due_and_tools_in_are_open_items)
{
    book b;
    book_open(&b, "works-items.db");
    desk_fixture_directory(&b.fx);
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    fd_renovation_intake r = {.unit = "A-1203", .owner = "张伟", .contractor = "东方装饰",
                              .site_manager = "王强", .deposit = 20000, .deposit_receipt = "YJ-1"};
    int64_t file = 0, due = 0;
    ck_assert_msg(fd_renovation_open(b.fx.desk, &b.fx.receptionist, &r, &file, &err) == FD_OK, "%s",
                  err.message);
    fd_date today = fd_date_of(b.fx.now);
    fd_work_pass_intake p = {.renovation_id = file, .worker = "李四", .doc_type = FD_DOC_RESIDENT_ID,
                             .doc_number = "11010519491231002X", .signer_role = FD_SIGNER_OWNER,
                             .signer = "张伟", .valid_until = today + 2, .receipt = "GZ-1"};
    ck_assert_msg(fd_work_pass_issue(b.fx.desk, &b.fx.receptionist, &p, &due, &err) == FD_OK, "%s",
                  err.message);
    p.worker = "王五";
    p.valid_until = 0; /* the renovation's last day, weeks away */
    ck_assert_int_eq(fd_work_pass_issue(b.fx.desk, &b.fx.receptionist, &p, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_tools_register(b.fx.desk, &b.fx.receptionist, file, due, "电钻 1台", NULL, &err),
                     FD_OK);
    fd_hot_work_intake h = {.renovation_id = file, .welder = "陈师傅", .certificate = "T-1",
                            .work = "电焊", .starts_at = b.fx.now, .ends_at = b.fx.now + 3600};
    ck_assert_msg(fd_hot_work_approve(b.fx.desk, &b.fx.receptionist, &b.fx.duty_manager, &h, NULL,
                                      &err) == FD_OK, "%s", err.message);
    later(&b, 30);

    items live = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &live, &err), FD_OK);
    int pass = find_source(&live, "work_pass"), tools = find_source(&live, "tools");
    ck_assert_msg(pass >= 0 && tools >= 0, "pass %d, tools %d", pass, tools);
    ck_assert_int_eq(live.record[pass], FD_RECORD_RENOVATION);
    ck_assert_int_eq(live.record[tools], FD_RECORD_RENOVATION);
    ck_assert_str_eq(live.name[pass], "A-1203 李四");
    ck_assert_str_eq(live.sort[pass], "Coming due");
    ck_assert_str_eq(live.name[tools], "A-1203 李四");
    int hot = find_source(&live, "hot_work");
    ck_assert_int_ge(hot, 0);
    ck_assert_int_eq(live.record[hot], FD_RECORD_RENOVATION);
    ck_assert_str_eq(live.name[hot], "A-1203 陈师傅");
    int passes = 0;
    for (int i = 0; i < live.count; i++)
        passes += strcmp(live.source[i], "work_pass") == 0;
    ck_assert_int_eq(passes, 1); /* 王五's is weeks from its last day */
    book_close(&b);
}
END_TEST
static void found_company(void *ctx, const fd_dir_entry *e)
{
    *(int64_t *)ctx = e->id;
}

/* A move the desk scheduled for 10:30–12:00, never let through; and one not scheduled,
 * which is nobody's open item when its window ends. */
static void passes_booked(book *b)
{
    desk_fixture_directory(&b->fx);
    fd_error err = {0};
    int64_t company = 0;
    ck_assert_int_eq(fd_directory_search(b->fx.desk, NULL, FD_DIR_COMPANY, "辰星", 1, found_company,
                                         &company, &err), FD_OK);
    fd_pass_input in = {
        .direction = FD_PASS_IN, .company_id = company, .carrier = "搬家公司 刘队长",
        .doc_type = FD_DOC_RESIDENT_ID, .doc_number = "11010519491231002X",
        .window_from = 10 * 60 + 30, .window_to = 12 * 60, .scheduled = true,
        .items = (fd_pass_item_input[]){{"文件柜", 4, "个"}}, .item_count = 1,
    };
    ck_assert_msg(fd_pass_issue(b->fx.desk, &b->fx.receptionist, &in, NULL, NULL, &err) == FD_OK, "%s",
                  err.message);
    in.scheduled = false;
    ck_assert_msg(fd_pass_issue(b->fx.desk, &b->fx.receptionist, &in, NULL, NULL, &err) == FD_OK, "%s",
                  err.message);
}

/* A repair handed to engineering is the next shift's to chase until engineering
 * reports it done; the item opens the entry it was made of. */
START_TEST(a_repair_with_engineering_is_an_open_item_until_done)
{
    book b;
    book_open(&b, "repair-items.db");
    desk_fixture_directory(&b.fx);
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    fd_call_intake leak = {
        .channel = FD_CALL_PHONE, .caller = "钱八", .unit = "A-1203", .phone = "13700137000",
        .matter = FD_MATTER_REPAIR, .question = "厨房水龙头漏水",
    };
    int64_t call = 0, repair = 0;
    ck_assert_int_eq(fd_call_take(b.fx.desk, &b.fx.receptionist, &leak, &call, &err), FD_OK);
    fd_repair_handover h = {"", "工程部", "王工"};
    ck_assert_msg(fd_call_to_repair(b.fx.desk, &b.fx.receptionist, call, &h, &repair, &err) == FD_OK, "%s",
                  err.message);
    later(&b, 30);
    items live = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &live, &err), FD_OK);
    ck_assert_int_eq(find_source(&live, "call"), -1); /* the entry is dealt with */
    int item = find_source(&live, "repair");
    ck_assert_int_ge(item, 0);
    ck_assert_int_eq(live.record[item], FD_RECORD_CALL);
    ck_assert_str_eq(live.name[item], "A-1203 钱八");
    ck_assert_int_eq(fd_repair_done(b.fx.desk, &b.fx.receptionist, repair, "王工", 0, "换了水龙头", &err),
                     FD_OK);
    items after = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &after, &err), FD_OK);
    ck_assert_int_eq(find_source(&after, "repair"), -1);
    book_close(&b);
}
END_TEST

START_TEST(open_items_are_gathered_from_the_procedures)
{
    book b;
    book_open(&b, "items.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    /* Friday 10:00: a visitor comes in, a key goes out, a parcel waits, a major
     * complaint is taken (1 working day: due by Monday 24:00). */
    int64_t s1 = open_first_shift(&b);
    int64_t visit = visitor_inside(&b);
    key_out(&b);
    parcel_held(&b);
    complaint_taken(&b);
    calls_taken(&b);
    passes_booked(&b);
    int64_t lift = incident(&b, zhang, s1, "电梯异响", FD_FOLLOW_FOLLOW, "请电梯公司复查");
    /* Tuesday 20:00: the key is long overdue, the complaint too. */
    b.fx.now = fd_time_from_local(2026, 12, 1, 20, 0, 0);

    items live = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &live, &err), FD_OK);
    const char *sources[] = {"visitor", "key_overdue", "mail", "complaint", "call", "pass"};
    const fd_item_record records[] = {FD_RECORD_VISIT, FD_RECORD_KEY, FD_RECORD_MAIL,
                                      FD_RECORD_COMPLAINT, FD_RECORD_CALL, FD_RECORD_PASS};
    for (size_t i = 0; i < 6; i++) {
        int found = find_source(&live, sources[i]);
        ck_assert_msg(found >= 0, "no %s among the open items", sources[i]);
        ck_assert_int_eq(live.record[found], records[i]);
    }
    ck_assert_int_eq(live.id[0], 0); /* gathered, not stored */
    ck_assert_int_eq(find_source(&live, "followup"), -1);
    ck_assert_str_eq(live.name[find_source(&live, "visitor")], "孙七");
    ck_assert_int_ge(live.age[find_source(&live, "mail")], 4);
    ck_assert_str_eq(live.sort[find_source(&live, "mail")], "Express parcel");
    int call = find_source(&live, "call");
    ck_assert_str_eq(live.name[call], "A-1203 钱八");
    ck_assert_str_eq(live.sort[call], "Repair");
    ck_assert_int_eq(find_source(&live, "call") + 1, find_source(&live, "pass")); /* one pending */
    int pass = find_source(&live, "pass");
    ck_assert_str_eq(live.name[pass], "T-1501 北京辰星科技有限公司");
    ck_assert_str_eq(live.sort[pass], "Carry in");
    ck_assert_int_eq(pass + 1, find_source(&live, "mail")); /* the scheduled move alone */

    int64_t handover = 0;
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, &handover, &err), FD_OK);
    for (size_t i = 0; i < inventory_size(&b); i++)
        ck_assert_int_eq(fd_handover_count(b.fx.desk, zhang, s1, i, 1, NULL, &err), FD_OK);
    items stored = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &stored, &err), FD_OK);
    ck_assert_int_eq(stored.count, live.count);
    ck_assert_int_gt(stored.id[0], 0);
    ck_assert_int_eq(stored.record[find_source(&stored, "key_overdue")], FD_RECORD_KEY);
    ck_assert_int_eq(stored.mark[0], FD_ITEM_UNMARKED);

    /* Every item needs the outgoing manager's word before the incoming one signs. */
    fd_count_confirm *counts = same_counts(&b, 1);
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhang, zhao, s1, counts, inventory_size(&b), NULL, &err),
                     FD_STATE);
    ck_assert_str_eq(err.field, "items");
    int v = find_source(&stored, "visitor");
    ck_assert_int_eq(fd_handover_mark(b.fx.desk, zhang, stored.id[v], FD_ITEM_NOTED, "", &err), FD_INVALID);
    ck_assert_str_eq(err.field, "note");
    ck_assert_int_eq(fd_handover_mark(b.fx.desk, zhao, stored.id[v], FD_ITEM_NOTED, "x", &err), FD_DENIED);
    ck_assert_int_eq(fd_handover_mark(b.fx.desk, zhang, stored.id[v], FD_ITEM_NOTED,
                                      "访客称在业主家留宿，已电话向业主确认", &err), FD_OK);
    ck_assert_int_eq(fd_handover_carry_rest(b.fx.desk, zhang, s1, &err), FD_OK);
    int64_t s2 = 0;
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhang, zhao, s1, counts, inventory_size(&b), &s2, &err), FD_OK);
    free(counts);

    /* The snapshot stays as it was at the handover, whatever happens next. */
    ck_assert_int_eq(fd_visit_sign_out(b.fx.desk, &b.fx.receptionist, visit, true, 0, &err), FD_OK);
    items after = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &after, &err), FD_OK);
    ck_assert_int_eq(after.count, stored.count);
    ck_assert_int_eq(after.mark[find_source(&after, "visitor")], FD_ITEM_NOTED);
    ck_assert_int_eq(after.mark[find_source(&after, "mail")], FD_ITEM_CARRIED);
    ck_assert_str_eq(after.sort[find_source(&after, "mail")], "Express parcel"); /* stored by name */
    items next = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s2, keep_item, &next, &err), FD_OK);
    ck_assert_int_eq(find_source(&next, "visitor"), -1);
    (void)lift;
    book_close(&b);
}
END_TEST

/* Issue 16: a complaint the duty manager handed to the CS manager at night is an open
 * item of the handover, overdue or not, until a CS manager accepts it. */
START_TEST(a_complaint_handed_to_the_cs_manager_is_open_until_accepted)
{
    book b;
    book_open(&b, "referred.db");
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    complaint_taken(&b); /* complaint No. 1, due Monday */
    items before = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &before, &err), FD_OK);
    ck_assert_int_eq(find_source(&before, "complaint_referred"), -1);
    ck_assert_msg(fd_complaint_refer(b.fx.desk, &b.fx.duty_manager, 1, "业主要求经理出面", &err) == FD_OK,
                  "%s", err.message);
    items live = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &live, &err), FD_OK);
    int found = find_source(&live, "complaint_referred");
    ck_assert_int_ge(found, 0);
    ck_assert_int_eq(live.record[found], FD_RECORD_COMPLAINT);
    ck_assert_str_eq(live.name[found], "赵六");
    ck_assert_int_eq(find_source(&live, "complaint"), -1); /* not overdue */
    ck_assert_msg(fd_complaint_accept(b.fx.desk, &b.cs_manager, 1, NULL, &err) == FD_OK, "%s", err.message);
    items after = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &after, &err), FD_OK);
    ck_assert_int_eq(find_source(&after, "complaint_referred"), -1);
    book_close(&b);
}
END_TEST

/* A notice still on the board after its event, and a draft nobody has signed, are the
 * next shift's; taken down and signed, they are not. */
START_TEST(notices_to_take_down_and_unsigned_drafts_are_open_items)
{
    book b;
    book_open(&b, "notices.db");
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    fd_notice_draft lift = {
        .kind = FD_NOTICE_GENERAL, .title = "电梯保养", .place = "A座", .body = "2号梯保养，暂停使用。",
        .starts_at = b.fx.now + HOUR, .ends_at = b.fx.now + 3 * HOUR,
    };
    int64_t posted = 0, draft = 0;
    ck_assert_msg(fd_notice_write_draft(b.fx.desk, &b.fx.receptionist, &lift, &posted, &err) == FD_OK, "%s",
                  err.message);
    ck_assert_msg(fd_notice_approve(b.fx.desk, &b.fx.receptionist, &b.cs_manager, posted, &err) == FD_OK, "%s",
                  err.message);
    ck_assert_int_eq(fd_notice_issue(b.fx.desk, &b.fx.receptionist, posted, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_notice_post(b.fx.desk, &b.fx.receptionist, posted, &err), FD_OK);
    fd_notice_draft drill = lift;
    drill.title = "消防演习";
    ck_assert_int_eq(fd_notice_write_draft(b.fx.desk, &b.fx.receptionist, &drill, &draft, &err), FD_OK);

    items live = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &live, &err), FD_OK);
    ck_assert_int_eq(find_source(&live, "notice_take_down"), -1); /* its event is still on */
    int found = find_source(&live, "notice_draft");
    ck_assert_int_ge(found, 0);
    ck_assert_int_eq(live.record[found], FD_RECORD_NOTICE);
    ck_assert_str_eq(live.name[found], "消防演习");
    ck_assert_str_eq(live.sort[found], "General notice");

    later(&b, 4 * 60);
    items after = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &after, &err), FD_OK);
    found = find_source(&after, "notice_take_down");
    ck_assert_int_ge(found, 0);
    ck_assert_str_eq(after.name[found], "电梯保养");
    ck_assert_int_eq(after.record[found], FD_RECORD_NOTICE);
    ck_assert_int_eq(find_source(&after, "notice_take_down") + 1, find_source(&after, "notice_draft"));

    ck_assert_int_eq(fd_notice_take_down(b.fx.desk, &b.fx.receptionist, posted, &err), FD_OK);
    ck_assert_int_eq(fd_notice_approve(b.fx.desk, &b.fx.receptionist, &b.cs_manager, draft, &err), FD_OK);
    items done = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &done, &err), FD_OK);
    ck_assert_int_eq(find_source(&done, "notice_take_down"), -1);
    ck_assert_int_eq(find_source(&done, "notice_draft"), -1);
    book_close(&b);
}
END_TEST

/* A complaint whose rectify-by was counted into 2027, which has no holiday table in
 * the shipped configuration: the book names what is overdue and marks it unverified,
 * gathered live and in the handover's snapshot alike. */
START_TEST(an_overdue_complaint_in_a_year_without_a_table_is_unverified)
{
    book b;
    book_open(&b, "unverified.db");
    fd_error err = {0};
    b.fx.now = fd_time_from_local(2026, 12, 31, 20, 0, 0);
    int64_t s1 = open_first_shift(&b);
    complaint_taken(&b); /* major: 1 working day, New Year's Day counted as one */
    b.fx.now = fd_time_from_local(2027, 1, 2, 1, 0, 0);
    items live = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &live, &err), FD_OK);
    int c = find_source(&live, "complaint");
    ck_assert_int_ge(c, 0);
    ck_assert(live.unconfirmed[c]);
    ck_assert_str_eq(live.sort[c], "Rectification");
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, &b.fx.duty_manager, s1, NULL, &err), FD_OK);
    items stored = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &stored, &err), FD_OK);
    c = find_source(&stored, "complaint");
    ck_assert(stored.unconfirmed[c]);
    ck_assert_str_eq(stored.sort[c], "Rectification");
    book_close(&b);
}
END_TEST

/* 总值交接班: a refusal is not a waste of the outgoing manager's night. The marks, the
 * notes and the counts of the refused attempt stay on the book open again and go into
 * the next attempt, which the incoming manager can then sign at once; both see why it
 * was refused. */
START_TEST(a_refusal_keeps_marks_notes_and_counts)
{
    book b;
    book_open(&b, "refuse_keeps.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    key_out(&b);
    parcel_held(&b);
    b.fx.now = fd_time_from_local(2026, 12, 1, 7, 30, 0);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_OK);
    items first;
    memset(&first, 0, sizeof first);
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &first, &err), FD_OK);
    int key = find_source(&first, "key_overdue");
    /* Counted as the book lists them: the key on its line, the parcel on the held
     * mail's line — one count for the book, the sign step and the core's refusal. */
    fd_unmarked listed;
    ck_assert_int_eq(fd_handover_unmarked(b.fx.desk, s1, &listed, &err), FD_OK);
    ck_assert_int_eq(listed.items, 1);
    ck_assert_int_eq(listed.held_mail, 1);
    char what[128];
    fd_unmarked_text(&listed, what, sizeof what);
    ck_assert_str_eq(what, "1 open items and 1 held mail items");
    fd_held_mail held;
    ck_assert_int_eq(fd_handover_held_mail(b.fx.desk, s1, &held, &err), FD_OK);
    ck_assert_int_eq(held.unmarked, listed.held_mail);
    ck_assert_int_eq(fd_handover_mark(b.fx.desk, zhang, first.id[key], FD_ITEM_NOTED,
                                      "周工称钥匙在工程部值班室，明早归还", &err), FD_OK);
    for (size_t i = 0; i < inventory_size(&b); i++)
        ck_assert_int_eq(fd_handover_count(b.fx.desk, zhang, s1, i, 2, NULL, &err), FD_OK);
    fd_unmarked unmarked = {0};
    ck_assert_int_eq(fd_handover_sign_ready(b.fx.desk, zhang, s1, &unmarked, &err), FD_STATE);
    ck_assert_str_eq(err.field, "items");
    ck_assert_int_eq(unmarked.items, 0);
    ck_assert_int_eq(unmarked.held_mail, 1); /* the parcel */
    ck_assert_str_eq(err.message, "1 held mail items have no mark yet: carry each on or annotate it.");
    ck_assert_int_eq(fd_handover_carry_rest(b.fx.desk, zhang, s1, &err), FD_OK);
    ck_assert_int_eq(fd_handover_sign_ready(b.fx.desk, zhang, s1, &unmarked, &err), FD_OK);
    b.fx.now += 10 * MINUTE;
    ck_assert_int_eq(fd_handover_refuse(b.fx.desk, zhang, zhao, s1, "钥匙未收回，请先联系周工", &err), FD_OK);

    /* Open again: the items gathered live carry the marks, the counts stand. */
    items open_again;
    memset(&open_again, 0, sizeof open_again);
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &open_again, &err), FD_OK);
    key = find_source(&open_again, "key_overdue");
    ck_assert_int_eq(open_again.mark[key], FD_ITEM_NOTED);
    ck_assert_int_eq(open_again.mark[find_source(&open_again, "mail")], FD_ITEM_CARRIED);
    count_lines c = {0};
    ck_assert_int_eq(fd_handover_counts(b.fx.desk, s1, keep_count, &c, &err), FD_OK);
    ck_assert(c.rows[0].counted);
    ck_assert_int_eq(c.rows[0].out_count, 2);
    /* Both managers read the reason. */
    attempts l = {0};
    ck_assert_int_eq(fd_handover_attempts(b.fx.desk, s1, keep_attempt, &l, &err), FD_OK);
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.outcome[0], FD_HANDOVER_REFUSED);
    ck_assert_str_eq(l.reason[0], "钥匙未收回，请先联系周工");

    /* The second attempt starts where the first ended: ready to sign at once. */
    b.fx.now += 30 * MINUTE;
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_handover_sign_ready(b.fx.desk, zhang, s1, &unmarked, &err), FD_OK);
    items second;
    memset(&second, 0, sizeof second);
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &second, &err), FD_OK);
    key = find_source(&second, "key_overdue");
    ck_assert_int_gt(second.id[key], first.id[key]);
    ck_assert_int_eq(second.mark[key], FD_ITEM_NOTED);
    ck_assert_str_eq(second.note[key], "周工称钥匙在工程部值班室，明早归还");
    fd_count_confirm *counts = same_counts(&b, 2);
    int64_t s2 = 0;
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhang, zhao, s1, counts, inventory_size(&b), &s2, &err), FD_OK);
    free(counts);
    ck_assert_str_eq(shift_of(&b, s2).manager, "赵磊");
    book_close(&b);
}
END_TEST

/* The holder left the book half-handed: the incoming manager takes it over under the
 * CS manager's supervision, with a reason, and the record says so. */
/* The outgoing manager's note is for the incoming one: it stays on the item in the next
 * shift's list, live and in that shift's own handover, and only there. */
START_TEST(a_note_handed_over_goes_with_the_item_to_the_next_shift)
{
    book b;
    book_open(&b, "handed_note.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    key_out(&b);
    b.fx.now = fd_time_from_local(2026, 12, 1, 7, 30, 0);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_OK);
    items first;
    memset(&first, 0, sizeof first);
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &first, &err), FD_OK);
    int key = find_source(&first, "key_overdue");
    ck_assert_int_ge(key, 0);
    ck_assert_str_eq(first.handed[key], ""); /* the first shift was opened afresh */
    const char *note = "周工称钥匙在工程部值班室，明早归还";
    /* A note written again: the newer one is what is handed over. */
    ck_assert_int_eq(fd_handover_mark(b.fx.desk, zhang, first.id[key], FD_ITEM_NOTED, "待核实", &err), FD_OK);
    ck_assert_int_eq(fd_handover_mark(b.fx.desk, zhang, first.id[key], FD_ITEM_NOTED, note, &err), FD_OK);
    for (size_t i = 0; i < inventory_size(&b); i++)
        ck_assert_int_eq(fd_handover_count(b.fx.desk, zhang, s1, i, 2, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_handover_carry_rest(b.fx.desk, zhang, s1, &err), FD_OK);
    b.fx.now += 10 * MINUTE;
    fd_count_confirm *counts = same_counts(&b, 2);
    int64_t s2 = 0;
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhang, zhao, s1, counts, inventory_size(&b), &s2, &err), FD_OK);
    free(counts);

    items live;
    memset(&live, 0, sizeof live);
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s2, keep_item, &live, &err), FD_OK);
    key = find_source(&live, "key_overdue");
    ck_assert_int_ge(key, 0);
    ck_assert_int_eq(live.mark[key], FD_ITEM_UNMARKED); /* the new shift's own mark is still to give */
    ck_assert_str_eq(live.handed[key], note);
    ck_assert_str_eq(live.handed_by[key], "张伟");

    b.fx.now += 60 * MINUTE;
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhao, s2, NULL, &err), FD_OK);
    items stored;
    memset(&stored, 0, sizeof stored);
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s2, keep_item, &stored, &err), FD_OK);
    key = find_source(&stored, "key_overdue");
    ck_assert_int_gt(stored.id[key], 0);
    ck_assert_str_eq(stored.handed[key], note);
    book_close(&b);
}
END_TEST

START_TEST(an_abandoned_handover_is_taken_over_under_supervision)
{
    book b;
    book_open(&b, "takeover.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second, *liu = &b.cs_manager;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    key_out(&b);
    later(&b, 600);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_OK);
    for (size_t i = 0; i < inventory_size(&b); i++)
        ck_assert_int_eq(fd_handover_count(b.fx.desk, zhang, s1, i, 1, NULL, &err), FD_OK);
    /* 张伟 leaves. Nobody but the supervisor may stand in; the holder needs none. */
    ck_assert_int_eq(fd_handover_may_take_over(b.fx.desk, zhao, NULL, s1, &err), FD_OK);
    ck_assert_int_eq(fd_handover_may_take_over(b.fx.desk, zhao, liu, s1, &err), FD_OK);
    ck_assert_int_eq(fd_handover_may_take_over(b.fx.desk, zhang, liu, s1, &err), FD_INVALID);
    ck_assert_int_eq(fd_handover_may_take_over(b.fx.desk, &b.fx.receptionist, NULL, s1, &err), FD_DENIED);
    fd_count_confirm *counts = same_counts(&b, 1);
    counts[0].count = 0;
    int64_t s2 = 0;
    ck_assert_int_eq(fd_handover_take_over(b.fx.desk, zhang, zhao, s1, "张伟未交班即离岗", counts,
                                           inventory_size(&b), &s2, &err), FD_DENIED);
    ck_assert_int_eq(fd_handover_take_over(b.fx.desk, liu, zhao, s1, " ", counts, inventory_size(&b),
                                           &s2, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "reason");
    ck_assert_int_eq(fd_handover_take_over(b.fx.desk, liu, zhao, s1, "张伟未交班即离岗", counts,
                                           inventory_size(&b), &s2, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "explanation.0"); /* 0 counted against 张伟's 1 */
    counts[0].explanation = "对讲机一台不在柜内";
    ck_assert_int_eq(fd_handover_take_over(b.fx.desk, liu, zhao, s1, "张伟未交班即离岗", counts,
                                           inventory_size(&b), &s2, &err), FD_OK);
    free(counts);
    ck_assert_int_eq(shift_of(&b, s1).state, FD_SHIFT_CLOSED);
    ck_assert_str_eq(shift_of(&b, s2).manager, "赵磊");
    attempts l = {0};
    ck_assert_int_eq(fd_handover_attempts(b.fx.desk, s1, keep_attempt, &l, &err), FD_OK);
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.outcome[0], FD_HANDOVER_TAKEN_OVER);
    ck_assert_str_eq(l.outgoing[0], "张伟");
    ck_assert_str_eq(l.supervisor[0], "刘洋");
    ck_assert_str_eq(l.incoming[0], "赵磊");
    ck_assert_str_eq(l.reason[0], "张伟未交班即离岗");
    items taken;
    memset(&taken, 0, sizeof taken);
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &taken, &err), FD_OK);
    ck_assert_int_eq(taken.mark[find_source(&taken, "key_overdue")], FD_ITEM_CARRIED);

    /* A holder who left before even beginning: the takeover records what was open. */
    later(&b, 60);
    ck_assert_int_eq(fd_handover_take_over(b.fx.desk, liu, zhang, s2, "赵磊突发急病离岗", NULL, 0,
                                           NULL, &err), FD_INVALID); /* counts confirmed */
    fd_count_confirm *again = same_counts(&b, 1);
    again[0].count = 0;
    int64_t s3 = 0;
    ck_assert_int_eq(fd_handover_take_over(b.fx.desk, liu, zhang, s2, "赵磊突发急病离岗", again,
                                           inventory_size(&b), &s3, &err), FD_OK);
    free(again);
    ck_assert_str_eq(shift_of(&b, s3).manager, "张伟");
    ck_assert_int_eq(fd_handover_take_over(b.fx.desk, liu, zhao, s2, "x", NULL, 0, NULL, &err), FD_INVALID);
    book_close(&b);
}
END_TEST

/* Told before a form opens: the holder takes the handover back to write, anyone else
 * waits for the next shift; progress carries the time it was made. */
START_TEST(writing_while_handing_over_and_progress_times)
{
    book b;
    book_open(&b, "may_write.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    b.fx.now = fd_time_from_local(2026, 12, 1, 20, 0, 0);
    int64_t s1 = open_first_shift(&b);
    int64_t lift = incident(&b, zhang, s1, "电梯异响", FD_FOLLOW_FOLLOW, "请电梯公司复查");
    ck_assert_int_eq(fd_handover_may_write(b.fx.desk, zhao, s1, FD_ENTRY_MEMO, &err), FD_OK);
    ck_assert_int_eq(fd_handover_may_write(b.fx.desk, &b.fx.receptionist, s1, FD_ENTRY_MEMO, &err), FD_DENIED);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_handover_may_write(b.fx.desk, zhang, s1, FD_ENTRY_INCIDENT, &err), FD_STATE);
    ck_assert_msg(strstr(err.message, "take the handover back"), "%s", err.message);
    ck_assert_int_eq(fd_handover_may_write(b.fx.desk, zhao, s1, FD_ENTRY_INCIDENT, &err), FD_STATE);
    ck_assert_msg(strstr(err.message, "张伟 is handing the book over") && !strstr(err.message, "take"),
                  "%s", err.message);
    fd_count_confirm *counts = same_counts(&b, 0);
    for (size_t i = 0; i < inventory_size(&b); i++)
        ck_assert_int_eq(fd_handover_count(b.fx.desk, zhang, s1, i, 0, NULL, &err), FD_OK);
    int64_t s2 = 0;
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhang, zhao, s1, counts, inventory_size(&b), &s2, &err), FD_OK);
    free(counts);

    /* Noted at 03:00, written up at 07:40. */
    b.fx.now = fd_time_from_local(2026, 12, 2, 7, 40, 0);
    fd_progress_form p = {.shift_id = s2, .entry_id = lift, .note = "电梯公司凌晨到场检查",
                          .at = fd_time_from_local(2026, 12, 1, 19, 0, 0)};
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, zhao, &p, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "at"); /* before the shift began */
    p.at = b.fx.now + MINUTE;
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, zhao, &p, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "at");
    p.at = fd_time_from_local(2026, 12, 2, 3, 0, 0);
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, zhao, &p, &err), FD_OK);
    trail t = trail_of(&b, lift);
    ck_assert_int_eq(t.kinds[t.count - 1], FD_TRAIL_PROGRESS);
    ck_assert_int_eq(t.at[t.count - 1], p.at);
    book_close(&b);
}
END_TEST

START_TEST(closed_shift_cannot_be_edited)
{
    book b;
    book_open(&b, "closed.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    later(&b, 30);
    int64_t e1 = incident(&b, zhang, s1, "地下车库照明故障", FD_FOLLOW_NONE, NULL);
    later(&b, 600);
    int64_t s2 = hand_over(&b, zhang, zhao, s1, 1);

    fd_entry_form f = {.kind = FD_ENTRY_DUTY, .content = "补记巡楼"};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_STATE);
    ck_assert_str_eq(err.field, "shift");
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_STATE);
    ck_assert_int_eq(fd_handover_count(b.fx.desk, zhang, s1, 0, 1, NULL, &err), FD_STATE);
    fd_progress_form p = {.shift_id = s1, .entry_id = e1, .note = "x"};
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, zhang, &p, &err), FD_STATE);
    /* Behind the program's back, the record refuses too. */
    ck_assert_int_ne(desk_fixture_raw(&b.fx, "UPDATE shift_entry SET content = 'x'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&b.fx, "DELETE FROM shift_handover_end"), 0);

    /* A later note and a correction are new rows; the entry reads as corrected. */
    ck_assert_int_eq(fd_handover_correct(b.fx.desk, zhang, e1, FD_ENTRY_FIELD_RESULT, "已更换灯管", "", &err),
                     FD_INVALID);
    ck_assert_str_eq(err.field, "reason");
    ck_assert_int_eq(fd_handover_correct(b.fx.desk, &b.fx.receptionist, e1, FD_ENTRY_FIELD_NOTE, "x", "y",
                                         &err), FD_DENIED);
    ck_assert_int_eq(fd_handover_correct(b.fx.desk, zhang, e1, FD_ENTRY_FIELD_GIVEN_BY, "x", "y", &err),
                     FD_INVALID);
    ck_assert_int_eq(fd_handover_correct(b.fx.desk, zhang, e1, FD_ENTRY_FIELD_REPORTER, "", "写错", &err),
                     FD_INVALID);
    ck_assert_str_eq(err.field, "reporter");
    ck_assert_int_eq(fd_handover_correct(b.fx.desk, zhang, e1, FD_ENTRY_FIELD_RESULT, "已更换灯管",
                                         "交班时漏记结果", &err), FD_OK);
    ck_assert_int_eq(fd_handover_correct(b.fx.desk, zhao, e1, FD_ENTRY_FIELD_NOTE, "次日复查正常",
                                         "补充说明", &err), FD_OK);
    (void)s2;
    book_close(&b);
}
END_TEST

/* ---- entries: who writes what, and what each kind needs ---- */

typedef struct one_entry {
    int seen;
    fd_entry e;
    char content[256], result[256], note[256], reported_to[64], author[64], manager[64];
} one_entry;

static void keep_entry(void *ctx, const fd_entry *e)
{
    one_entry *o = ctx;
    o->seen++;
    o->e = *e;
    snprintf(o->content, sizeof o->content, "%s", e->content);
    snprintf(o->result, sizeof o->result, "%s", e->result ? e->result : "");
    snprintf(o->note, sizeof o->note, "%s", e->note ? e->note : "");
    snprintf(o->reported_to, sizeof o->reported_to, "%s", e->reported_to ? e->reported_to : "");
    snprintf(o->author, sizeof o->author, "%s", e->author);
    snprintf(o->manager, sizeof o->manager, "%s", e->shift_manager);
}

static one_entry entry_of(book *b, int64_t id)
{
    one_entry o = {0};
    fd_error err = {0};
    ck_assert_msg(fd_handover_entry_get(b->fx.desk, id, keep_entry, &o, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(o.seen, 1);
    return o;
}

START_TEST(entries_have_the_fields_of_their_kind)
{
    book b;
    book_open(&b, "entries.db");
    fd_actor *zhang = &b.fx.duty_manager;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    later(&b, 30);
    fd_entry_form f = {.kind = FD_ENTRY_INCIDENT, .content = "大堂玻璃门破损"};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "reporter");
    f = (fd_entry_form){.kind = FD_ENTRY_DUTY, .content = "22:00 巡楼", .reporter = "某人"};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "reporter");
    f = (fd_entry_form){.kind = FD_ENTRY_DUTY, .content = " "};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "content");
    f = (fd_entry_form){.kind = FD_ENTRY_DUTY, .content = "巡楼\x01"};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    f = (fd_entry_form){.kind = FD_ENTRY_DUTY, .content = "巡楼", .mark = FD_FOLLOW_FOLLOW};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "follow_up");
    f = (fd_entry_form){.kind = FD_ENTRY_DUTY, .content = "巡楼", .mark = FD_FOLLOW_NONE, .follow_up = "x"};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "mark");
    f = (fd_entry_form){.kind = FD_ENTRY_DUTY, .content = "巡楼", .mark = FD_FOLLOW_NONE,
                        .at = b.fx.now + HOUR};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "at");
    f.at = b.fx.now - 2 * HOUR; /* before the shift began */
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "at");

    /* The duty log: desk staff write duties and incidents under their own name. */
    f = (fd_entry_form){.kind = FD_ENTRY_DUTY, .content = "检查大堂消防通道", .result = "畅通",
                        .mark = FD_FOLLOW_NONE};
    int64_t log = 0;
    ck_assert_int_eq(write_entry(&b, &b.assistant, s1, f, &log, &err), FD_OK);
    one_entry o = entry_of(&b, log);
    ck_assert(o.e.duty_log);
    ck_assert_str_eq(o.author, "王芳");
    ck_assert_str_eq(o.manager, "张伟");
    f = (fd_entry_form){.kind = FD_ENTRY_MEMO, .content = "工程部内联单：更换B座大堂灯", .given_by = "工程部 李工",
                        .mark = FD_FOLLOW_NONE};
    ck_assert_int_eq(write_entry(&b, &b.fx.receptionist, s1, f, NULL, &err), FD_DENIED);

    /* A superior's instruction given before the shift: finished at once, or marked. */
    f = (fd_entry_form){.kind = FD_ENTRY_INSTRUCTION, .content = "通知A座业户明日停水",
                        .given_by = "客服部经理 刘洋", .relayed_to = "前台 李娜", .mark = FD_FOLLOW_NONE,
                        .at = b.fx.now - 3 * HOUR};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "result");
    f.result = "已张贴通知并电话告知";
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "reported_to");
    f.reported_to = "刘洋";
    f.reported_at = b.fx.now + MINUTE;
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "reported_at");
    f.reported_at = 0; /* blank: now */
    int64_t done = 0;
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, &done, &err), FD_OK);
    ck_assert_str_eq(entry_of(&b, done).reported_to, "刘洋");

    /* Group leadership's instruction carried as a follow-up, then reported back. */
    f = (fd_entry_form){.kind = FD_ENTRY_LEADERSHIP, .content = "集团领导：本周五前完成消防演练方案",
                        .given_by = "集团 王总", .mark = FD_FOLLOW_SUPERVISE, .follow_up = "请继续监管方案进度"};
    int64_t lead = 0;
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, &lead, &err), FD_OK);
    ck_assert(entry_of(&b, lead).e.followup);
    fd_progress_form p = {.shift_id = s1, .entry_id = lead, .note = "方案已完成", .done = true};
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, zhang, &p, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "reported_to");
    p.reported_to = "王总";
    p.reported_at = b.fx.now + MINUTE;
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, zhang, &p, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "reported_at");
    p.reported_at = 0; /* blank: now, as everywhere else */
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, &b.fx.receptionist, &p, &err), FD_DENIED);
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, zhang, &p, &err), FD_OK);
    ck_assert_int_eq(followup_state(&b, lead), FD_FOLLOWUP_DONE);
    trail t = trail_of(&b, lead);
    ck_assert_int_eq(t.count, 2);
    ck_assert_int_eq(t.kinds[1], FD_TRAIL_DONE);
    ck_assert_str_eq(t.reported_to[1], "王总");
    ck_assert_int_eq(t.reported_at[1], b.fx.now);
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, zhang, &p, &err), FD_STATE);
    p.entry_id = done; /* not marked */
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, zhang, &p, &err), FD_STATE);
    book_close(&b);
}
END_TEST

START_TEST(the_book_passes_only_by_handover)
{
    book b;
    book_open(&b, "holder.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    fd_shift none;
    ck_assert_int_eq(fd_shift_current(b.fx.desk, &none, &err), FD_NOT_FOUND);
    ck_assert_int_eq(fd_shift_open(b.fx.desk, &b.fx.receptionist, 0, NULL, &err), FD_DENIED);
    ck_assert_int_eq(fd_shift_open(b.fx.desk, zhang, b.fx.now + HOUR, NULL, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "start");
    int64_t s1 = open_first_shift(&b);
    ck_assert_int_eq(fd_shift_open(b.fx.desk, zhao, 0, NULL, &err), FD_STATE);
    ck_assert_ptr_nonnull(strstr(err.message, "张伟"));
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhao, s1, NULL, &err), FD_DENIED);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, &b.fx.receptionist, s1, NULL, &err), FD_DENIED);
    later(&b, 60);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_STATE);
    /* While handing over nothing is written; taking it back opens the book again. */
    fd_entry_form f = {.kind = FD_ENTRY_DUTY, .content = "巡楼", .mark = FD_FOLLOW_NONE};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_STATE);
    fd_count_confirm *counts = same_counts(&b, 0);
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhang, zhang, s1, counts, inventory_size(&b), NULL, &err),
                     FD_INVALID);
    ck_assert_int_eq(fd_handover_sign(b.fx.desk, zhao, zhang, s1, counts, inventory_size(&b), NULL, &err),
                     FD_DENIED);
    free(counts);
    ck_assert_int_eq(fd_handover_withdraw(b.fx.desk, zhao, s1, &err), FD_DENIED);
    ck_assert_int_eq(fd_handover_withdraw(b.fx.desk, zhang, s1, &err), FD_OK);
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, NULL, &err), FD_OK);
    later(&b, 60);
    int64_t s2 = hand_over(&b, zhang, zhao, s1, 0);
    fd_shift now;
    ck_assert_int_eq(fd_shift_current(b.fx.desk, &now, &err), FD_OK);
    ck_assert_int_eq(now.id, s2);
    ck_assert_int_eq(now.start_at, shift_of(&b, s1).end_at);
    book_close(&b);
}
END_TEST

START_TEST(screens_may_ask_what_to_offer)
{
    book b;
    book_open(&b, "offer.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    int64_t order = 0;
    fd_entry_form f = {.kind = FD_ENTRY_INSTRUCTION, .content = "今晚检查消防泵房", .given_by = "刘洋",
                       .mark = FD_FOLLOW_FOLLOW, .follow_up = "请继续跟进"};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, &order, &err), FD_OK);
    /* No form behind the question: the guards let it through, the roles do not. */
    ck_assert_int_eq(fd_followup_may(b.fx.desk, order, FD_FOLLOWUP_OPEN, FD_FOLLOWUP_STEP_DONE, zhang,
                                     NULL),
                     FD_OK);
    ck_assert_int_eq(fd_followup_may(b.fx.desk, order, FD_FOLLOWUP_PROGRESS, FD_FOLLOWUP_STEP_PROGRESS,
                                     zhang, NULL),
                     FD_OK);
    ck_assert_int_eq(fd_followup_may(b.fx.desk, order, FD_FOLLOWUP_OPEN, FD_FOLLOWUP_STEP_DONE,
                                     &b.fx.receptionist, NULL),
                     FD_DENIED);
    ck_assert_int_eq(fd_followup_may(b.fx.desk, order, FD_FOLLOWUP_DONE, FD_FOLLOWUP_STEP_PROGRESS,
                                     zhang, NULL),
                     FD_STATE);
    fd_fire me = {.actor = zhang};
    ck_assert_int_eq(fd_machine_check(b.fx.desk, &fd_shift_machine, "open", "hand_over", &me, s1, NULL, &err),
                     FD_OK);

    /* Handed over and done at the same minute: the trail still reads in order. */
    int64_t s2 = hand_over(&b, zhang, zhao, s1, 0);
    fd_progress_form p = {.shift_id = s2, .entry_id = order, .note = "已检查", .done = true,
                          .reported_to = "刘洋", .reported_at = b.fx.now};
    ck_assert_int_eq(fd_handover_progress(b.fx.desk, zhao, &p, &err), FD_OK);
    trail t = trail_of(&b, order);
    ck_assert_int_eq(t.count, 3);
    ck_assert_int_eq(t.kinds[0], FD_TRAIL_WRITTEN);
    ck_assert_int_eq(t.kinds[1], FD_TRAIL_CARRIED);
    ck_assert_int_eq(t.kinds[2], FD_TRAIL_DONE);
    book_close(&b);
}
END_TEST

/* ---- views ---- */

typedef struct ids {
    int count;
    int64_t id[64];
} ids;

static void keep_entry_id(void *ctx, const fd_entry *e)
{
    ids *l = ctx;
    l->id[l->count++] = e->id;
}

static void keep_shift_id(void *ctx, const fd_shift *s)
{
    ids *l = ctx;
    l->id[l->count++] = s->id;
}

static ids search(book *b, const char *text, int64_t after, int limit)
{
    ids l = {0};
    fd_error err = {0};
    ck_assert_msg(fd_handover_search(b->fx.desk, text, after, limit, keep_entry_id, &l, &err) == FD_OK,
                  "%s", err.message);
    return l;
}

START_TEST(search_finds_any_substring_and_corrections)
{
    book b;
    book_open(&b, "search.db");
    fd_actor *zhang = &b.fx.duty_manager;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    later(&b, 10);
    int64_t a = incident(&b, zhang, s1, "B座3楼消防管渗水", FD_FOLLOW_NONE, NULL);
    int64_t c = incident(&b, zhang, s1, "A座电梯困人 Lift-2", FD_FOLLOW_NONE, NULL);
    int64_t d = incident(&b, zhang, s1, "车库照明故障", FD_FOLLOW_NONE, NULL);
    ck_assert_int_eq(search(&b, "渗水", 0, 10).count, 1);
    ck_assert_int_eq(search(&b, "消防管渗水", 0, 10).id[0], a);
    ck_assert_int_eq(search(&b, "防渗", 0, 10).count, 0);
    ck_assert_int_eq(search(&b, "座", 0, 10).count, 2);
    ck_assert_int_eq(search(&b, "lift", 0, 10).id[0], c);
    ck_assert_int_eq(search(&b, "电梯 LIFT-2", 0, 10).count, 1);
    ck_assert_int_eq(search(&b, "陈刚", 0, 10).count, 3); /* the reporter, in every entry */
    ck_assert_int_eq(search(&b, "张伟", 0, 10).count, 3); /* the author */
    ck_assert_int_eq(search(&b, "  ", 0, 10).count, 0);
    ids page = search(&b, "陈刚", 0, 2);
    ck_assert_int_eq(page.count, 2);
    ck_assert_int_eq(page.id[0], d);
    ck_assert_int_eq(page.id[1], c);
    page = search(&b, "陈刚", c, 2);
    ck_assert_int_eq(page.count, 1);
    ck_assert_int_eq(page.id[0], a);
    ck_assert_int_eq(fd_handover_correct(b.fx.desk, zhang, a, FD_ENTRY_FIELD_NOTE, "已报物业经理知悉",
                                         "补充", &err), FD_OK);
    ck_assert_int_eq(search(&b, "经理知悉", 0, 10).id[0], a);
    ck_assert_int_eq(search(&b, "陈刚", 0, 10).count, 3); /* found once, not twice */
    one_entry o = entry_of(&b, a);
    ck_assert(o.e.corrected);
    ck_assert_str_eq(o.note, "已报物业经理知悉");
    /* A follow-up's progress notes are searched too. */
    int64_t pump = incident(&b, zhang, s1, "水泵房报警", FD_FOLLOW_FOLLOW, "请继续跟进");
    progress(&b, zhang, s1, pump, "更换浮球阀后报警解除", false);
    ck_assert_int_eq(search(&b, "浮球阀", 0, 10).count, 1);
    ck_assert_int_eq(search(&b, "浮球阀", 0, 10).id[0], pump);
    ck_assert_int_eq(search(&b, "浮球阀 解除", 0, 10).id[0], pump);
    ck_assert_int_eq(search(&b, "浮球%", 0, 10).count, 0); /* LIKE's own characters are text */
    book_close(&b);
}
END_TEST

static void keep_held(void *ctx, const fd_held_mail *m)
{
    *(fd_held_mail *)ctx = *m;
}

typedef struct held_report {
    items listed;
    fd_held_mail held;
} held_report;

static void report_item(void *ctx, const fd_open_item *i)
{
    keep_item(&((held_report *)ctx)->listed, i);
}

static void report_held(void *ctx, const fd_held_mail *m)
{
    keep_held(&((held_report *)ctx)->held, m);
}

/* The night's business first, the held mail last and summed up by age; annotated mail
 * keeps its line, and all of it is carried on in one step. */
START_TEST(the_nights_business_comes_first_and_mail_is_summed)
{
    book b;
    book_open(&b, "business.db");
    fd_actor *zhang = &b.fx.duty_manager;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    parcel_held(&b);
    visitor_inside(&b);
    key_out(&b);
    complaint_taken(&b);
    b.fx.now = fd_time_from_local(2026, 12, 1, 20, 0, 0);
    parcel_held(&b); /* a day at the desk */
    b.fx.now = fd_time_from_local(2026, 12, 5, 20, 0, 0);
    items live = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &live, &err), FD_OK);
    const char *order[] = {"complaint", "key_overdue", "visitor", "mail", "mail"};
    ck_assert_int_eq(live.count, 5);
    for (int i = 0; i < 5; i++)
        ck_assert_str_eq(live.source[i], order[i]);
    fd_held_mail m;
    ck_assert_int_eq(fd_handover_held_mail(b.fx.desk, s1, &m, &err), FD_OK);
    ck_assert_int_eq(m.total, 2);
    ck_assert_int_eq(m.by_age[1], 1);  /* 4 days: up to 7 */
    ck_assert_int_eq(m.by_age[2], 1);  /* 8 days: up to 15 */
    char text[256];
    fd_held_mail_text(&m, text, sizeof text);
    ck_assert_str_eq(text, "2 items: 1 up to 7 days, 1 up to 15 days");

    ck_assert_int_eq(fd_handover_begin(b.fx.desk, zhang, s1, NULL, &err), FD_OK);
    items stored = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &stored, &err), FD_OK);
    ck_assert_int_eq(fd_handover_mark(b.fx.desk, zhang, stored.id[3], FD_ITEM_NOTED, "业主出差，月底取件", &err),
                     FD_OK);
    ck_assert_int_eq(fd_handover_held_mail(b.fx.desk, s1, &m, &err), FD_OK);
    ck_assert_int_eq(m.total, 1); /* the annotated one is read with its note */
    ck_assert_int_eq(m.unmarked, 1);
    ck_assert_int_eq(fd_handover_carry_held_mail(b.fx.desk, zhang, s1, &err), FD_OK);
    ck_assert_int_eq(fd_handover_held_mail(b.fx.desk, s1, &m, &err), FD_OK);
    ck_assert_int_eq(m.unmarked, 0);
    items after = {0};
    ck_assert_int_eq(fd_handover_open_items(b.fx.desk, s1, keep_item, &after, &err), FD_OK);
    ck_assert_int_eq(after.mark[3], FD_ITEM_NOTED);
    ck_assert_int_eq(after.mark[4], FD_ITEM_CARRIED);
    ck_assert_int_eq(after.mark[0], FD_ITEM_UNMARKED); /* the complaint is not mail */

    /* The report's data: the annotated parcel listed with its note, the rest one line. */
    held_report r = {0};
    fd_handover_report_cb cb = {.open_item = report_item, .held_mail = report_held};
    ck_assert_int_eq(fd_handover_report(b.fx.desk, s1, &cb, &r, &err), FD_OK);
    ck_assert_int_eq(r.listed.count, 4);
    ck_assert_str_eq(r.listed.source[3], "mail");
    ck_assert_str_eq(r.listed.note[3], "业主出差，月底取件");
    ck_assert_int_eq(r.held.total, 1);
    book_close(&b);
}
END_TEST

START_TEST(views_list_in_their_order)
{
    book b;
    book_open(&b, "views.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    later(&b, 120);
    /* Written late, but it happened first: entries list by their time. */
    int64_t late = 0, early = 0;
    fd_entry_form f = {.kind = FD_ENTRY_DUTY, .content = "23:00 巡楼", .mark = FD_FOLLOW_NONE};
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, &late, &err), FD_OK);
    f.content = "21:00 交接检查";
    f.at = b.fx.now - HOUR;
    ck_assert_int_eq(write_entry(&b, zhang, s1, f, &early, &err), FD_OK);
    ids l = {0};
    ck_assert_int_eq(fd_handover_entries(b.fx.desk, s1, NULL, 10, keep_entry_id, &l, &err), FD_OK);
    ck_assert_int_eq(l.count, 2);
    ck_assert_int_eq(l.id[0], early);
    ck_assert_int_eq(l.id[1], late);
    one_entry first = entry_of(&b, early);
    ids rest = {0};
    ck_assert_int_eq(fd_handover_entries(b.fx.desk, s1, &first.e, 10, keep_entry_id, &rest, &err), FD_OK);
    ck_assert_int_eq(rest.count, 1);
    ck_assert_int_eq(rest.id[0], late);

    later(&b, 60);
    int64_t s2 = hand_over(&b, zhang, zhao, s1, 1);
    later(&b, 60);
    int64_t s3 = hand_over(&b, zhao, zhang, s2, 1);
    ids shifts = {0};
    ck_assert_int_eq(fd_shifts_list(b.fx.desk, NULL, 2, keep_shift_id, &shifts, &err), FD_OK);
    ck_assert_int_eq(shifts.count, 2);
    ck_assert_int_eq(shifts.id[0], s3);
    ck_assert_int_eq(shifts.id[1], s2);
    fd_shift last = shift_of(&b, s2);
    ids older = {0};
    ck_assert_int_eq(fd_shifts_list(b.fx.desk, &last, 2, keep_shift_id, &older, &err), FD_OK);
    ck_assert_int_eq(older.count, 1);
    ck_assert_int_eq(older.id[0], s1);
    ck_assert_int_eq(shift_of(&b, s1).entries, 2);
    book_close(&b);
}
END_TEST

/* ---- the report ---- */

typedef struct report {
    int shifts, attempts, entries, corrections, progress, carried, trail, open_items, counts;
    char order[128];
    fd_entry_kind kinds[16];
} report;

static void r_shift(void *ctx, const fd_shift *s) { (void)s; report *r = ctx; r->shifts++; strcat(r->order, "S"); }
static void r_attempt(void *ctx, const fd_handover_attempt *a) { (void)a; report *r = ctx; r->attempts++; strcat(r->order, "A"); }
static void r_correction(void *ctx, const fd_entry_correction *c) { (void)c; report *r = ctx; r->corrections++; strcat(r->order, "C"); }
static void r_progress(void *ctx, const fd_progress_row *p) { (void)p; report *r = ctx; r->progress++; strcat(r->order, "P"); }
static void r_carried(void *ctx, const fd_open_item *i) { (void)i; report *r = ctx; r->carried++; strcat(r->order, "F"); }
static void r_trail(void *ctx, const fd_trail_step *s) { (void)s; report *r = ctx; r->trail++; strcat(r->order, "t"); }
static void r_open(void *ctx, const fd_open_item *i) { (void)i; report *r = ctx; r->open_items++; strcat(r->order, "O"); }
static void r_count(void *ctx, const fd_count_row *c) { (void)c; report *r = ctx; r->counts++; }

static void r_entry(void *ctx, const fd_entry *e)
{
    report *r = ctx;
    r->kinds[r->entries++] = e->kind;
    strcat(r->order, "E");
}

START_TEST(report_gives_everything_for_one_shift)
{
    book b;
    book_open(&b, "report.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    later(&b, 30);
    int64_t old = incident(&b, zhang, s1, "水箱液位报警", FD_FOLLOW_SUPERVISE, "请继续监管液位");
    later(&b, 600);
    int64_t s2 = hand_over(&b, zhang, zhao, s1, 2);
    later(&b, 30);
    fd_entry_form memo = {.kind = FD_ENTRY_MEMO, .content = "保洁部内联单：明早大堂打蜡", .given_by = "保洁部 吴姐",
                          .mark = FD_FOLLOW_NONE};
    ck_assert_int_eq(write_entry(&b, zhao, s2, memo, NULL, &err), FD_OK);
    int64_t duty = 0;
    fd_entry_form patrol = {.kind = FD_ENTRY_DUTY, .content = "巡楼", .result = "正常", .mark = FD_FOLLOW_NONE};
    ck_assert_int_eq(write_entry(&b, zhao, s2, patrol, &duty, &err), FD_OK);
    ck_assert_int_eq(fd_handover_correct(b.fx.desk, zhao, duty, FD_ENTRY_FIELD_RESULT, "B座10楼走廊灯不亮",
                                         "漏记", &err), FD_OK);
    progress(&b, zhao, s2, old, "液位恢复正常，继续观察", false);
    later(&b, 600);
    hand_over(&b, zhao, zhang, s2, 2);

    report r = {0};
    fd_handover_report_cb cb = {r_shift, r_attempt, r_entry, r_correction, r_progress, r_carried,
                                r_trail, r_open, NULL, r_count};
    ck_assert_int_eq(fd_handover_report(b.fx.desk, s2, &cb, &r, &err), FD_OK);
    ck_assert_int_eq(r.shifts, 1);
    ck_assert_int_eq(r.attempts, 1);
    ck_assert_int_eq(r.entries, 2);
    ck_assert_int_eq(r.kinds[0], FD_ENTRY_DUTY); /* by kind: the duty before the memo */
    ck_assert_int_eq(r.kinds[1], FD_ENTRY_MEMO);
    ck_assert_int_eq(r.corrections, 1);
    ck_assert_int_eq(r.progress, 1);
    ck_assert_int_eq(r.carried, 1);
    ck_assert_int_eq(r.trail, 4); /* written, carried, progress, carried (by this handover) */
    ck_assert_int_eq(r.counts, (int)inventory_size(&b));
    ck_assert_str_eq(r.order, "SAECEPFtttt");
    ck_assert_int_eq(fd_handover_report(b.fx.desk, 999, &cb, &r, &err), FD_NOT_FOUND);
    book_close(&b);
}
END_TEST

START_TEST(export_lists_the_entries_of_the_range)
{
    book b;
    book_open(&b, "export.db");
    fd_actor *zhang = &b.fx.duty_manager;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    later(&b, 30);
    incident(&b, zhang, s1, "停车场道闸故障", FD_FOLLOW_FOLLOW, "请继续跟进维修");
    fd_export_request req = {.from = fd_date_start(fd_date_of(b.fx.now)),
                             .to = fd_date_start(fd_date_of(b.fx.now) + 1), .format = FD_EXPORT_CSV};
    fd_status s;
    free(desk_fixture_export(&b.fx, fd_handover_export, &b.fx.receptionist, &req, &s, NULL, &err));
    ck_assert_int_eq(s, FD_DENIED);
    char *text = desk_fixture_export(&b.fx, fd_handover_export, zhang, &req, &s, NULL, &err);
    ck_assert_msg(s == FD_OK, "%s", err.message);
    ck_assert_ptr_nonnull(strstr(text, "Shift,Duty manager"));
    ck_assert_ptr_nonnull(strstr(text, "停车场道闸故障"));
    ck_assert_msg(strstr(text, ",Please continue to follow up,"), "%s", text);
    free(text);
    book_close(&b);
}
END_TEST

/* The cell under title in the CSV row whose first cell is first ("" when none). */
static char *csv_cell(const char *csv, const char *first, const char *title)
{
    FILE *in = fmemopen((void *)csv, strlen(csv), "r");
    fd_csv *r = fd_csv_new(in);
    long wanted = -1;
    char *cell = NULL;
    while (!cell && fd_csv_read(r) == FD_CSV_RECORD) {
        for (size_t c = 0; wanted < 0 && c < fd_csv_count(r); c++)
            if (strcmp(fd_csv_field(r, c), title) == 0)
                wanted = (long)c;
        if (wanted >= 0 && strcmp(fd_csv_field(r, 0), first) == 0)
            cell = strdup(fd_csv_field(r, (size_t)wanted));
    }
    fd_csv_free(r);
    fclose(in);
    return cell ? cell : strdup("");
}

START_TEST(export_names_who_took_the_shift_over_and_when)
{
    book b;
    book_open(&b, "export_taken.db");
    fd_actor *zhang = &b.fx.duty_manager, *zhao = &b.second;
    fd_error err = {0};
    int64_t s1 = open_first_shift(&b);
    later(&b, 30);
    incident(&b, zhang, s1, "停车场道闸故障", FD_FOLLOW_FOLLOW, "请继续跟进维修");
    later(&b, 600);
    fd_time signed_at = b.fx.now;
    hand_over(&b, zhang, zhao, s1, 2);
    fd_export_request req = {.from = fd_date_start(fd_date_of(b.fx.now) - 1),
                             .to = fd_date_start(fd_date_of(b.fx.now) + 1), .format = FD_EXPORT_CSV};
    fd_status s;
    char *csv = desk_fixture_export(&b.fx, fd_handover_export, zhang, &req, &s, NULL, &err);
    ck_assert_msg(s == FD_OK, "%s", err.message);
    char shift[24], ended[FD_TIME_TEXT];
    snprintf(shift, sizeof shift, "%lld", (long long)s1);
    fd_time_format(signed_at, ended);
    char *taken = csv_cell(csv, shift, "Taken over by"), *end = csv_cell(csv, shift, "Shift ended");
    ck_assert_msg(strcmp(taken, "赵磊") == 0, "taken over by '%s' in\n%s", taken, csv);
    ck_assert_str_eq(end, ended);
    free(taken);
    free(end);
    free(csv);

    req.format = FD_EXPORT_JSON;
    char *json = desk_fixture_export(&b.fx, fd_handover_export, zhang, &req, &s, NULL, &err);
    ck_assert_msg(s == FD_OK, "%s", err.message);
    fd_local l = fd_time_local(signed_at);
    char *want = fd_printf("\"taken_over_by\": \"赵磊\", \"shift_end\": \"%04d-%02d-%02dT%02d:%02d:00+08:00\"",
                           l.year, l.month, l.day, l.hour, l.minute);
    ck_assert_msg(strstr(json, want), "no %s in\n%s", want, json);
    free(want);
    free(json);
    book_close(&b);
}
END_TEST

static Suite *handover_suite(void)
{
    Suite *s = suite_create("handover");
    TCase *t = tcase_create("core");
    tcase_add_test(t, follow_up_is_carried_across_three_shifts_until_done);
    tcase_add_test(t, handover_is_refused_while_a_carried_item_has_no_progress);
    tcase_add_test(t, a_signed_handover_is_anchored_outside_the_database);
    tcase_add_test(t, incoming_manager_may_refuse_to_sign);
    tcase_add_test(t, a_refusal_keeps_marks_notes_and_counts);
    tcase_add_test(t, a_note_handed_over_goes_with_the_item_to_the_next_shift);
    tcase_add_test(t, an_abandoned_handover_is_taken_over_under_supervision);
    tcase_add_test(t, writing_while_handing_over_and_progress_times);
    tcase_add_test(t, the_nights_business_comes_first_and_mail_is_summed);
    tcase_add_test(t, inventory_difference_requires_an_explanation);
    tcase_add_test(t, open_items_are_gathered_from_the_procedures);
    tcase_add_test(t, a_repair_with_engineering_is_an_open_item_until_done);
    tcase_add_test(t, renovation_passes_due_and_tools_in_are_open_items);
    tcase_add_test(t, a_complaint_handed_to_the_cs_manager_is_open_until_accepted);
    tcase_add_test(t, notices_to_take_down_and_unsigned_drafts_are_open_items);
    tcase_add_test(t, an_overdue_complaint_in_a_year_without_a_table_is_unverified);
    tcase_add_test(t, closed_shift_cannot_be_edited);
    tcase_add_test(t, entries_have_the_fields_of_their_kind);
    tcase_add_test(t, the_book_passes_only_by_handover);
    tcase_add_test(t, screens_may_ask_what_to_offer);
    tcase_add_test(t, search_finds_any_substring_and_corrections);
    tcase_add_test(t, views_list_in_their_order);
    tcase_add_test(t, report_gives_everything_for_one_shift);
    tcase_add_test(t, export_lists_the_entries_of_the_range);
    tcase_add_test(t, export_names_who_took_the_shift_over_and_when);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return testlib_run(handover_suite());
}
