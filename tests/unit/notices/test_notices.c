/* Notices: drafting, signing by the configured role, the notice period counted in
 * working days and its override by a manager, issuing, posting, delivery door to door,
 * taking down, emergency notices posted at once, corrections with the old value, the
 * lists (to take down once the event is over), the export — each refusal with its
 * field, and the audit chain clean afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/calendar.h"
#include "frontdesk/config.h"
#include "frontdesk/notices.h"
#include "testlib.h"

static desk_fixture fx;
static fd_config *cfg;
static fd_error err;
static fd_actor cs_manager;

enum { DAY = 86400, HOUR = 3600 };

/* The fixture's desk (Friday 2026-11-27 10:00) with the shipped configuration, the test
 * directory and a customer-service manager. */
static void open_desk(const char *name)
{
    desk_fixture_open(&fx, name);
    ck_assert_msg(fd_config_load_file(NULL, &cfg, &err) == FD_OK, "%s", err.message);
    fx.desk->config = cfg;
    desk_fixture_directory(&fx);
    desk_fixture_staff(&fx, "3001", "周敏", FD_ROLE_CS_MANAGER, "3333", &cs_manager);
    memset(&err, 0, sizeof err);
}

static void close_desk(void)
{
    ck_assert_int_eq(desk_fixture_verify(&fx), 0);
    desk_fixture_close(&fx);
    fd_config_free(cfg);
}

#define ASSERT_OK(call) ck_assert_msg((call) == FD_OK, "%s", err.message)
#define ASSERT_REFUSED(call, status, field_name, word)                                   \
    do {                                                                                  \
        memset(&err, 0, sizeof err);                                                      \
        ck_assert_int_eq((call), (status));                                               \
        ck_assert_str_eq(err.field, (field_name));                                        \
        ck_assert_msg(strstr(err.message, (word)), "message: %s", err.message);           \
    } while (0)

static fd_time at(int month, int day, int hour)
{
    return fd_time_from_local(2026, month, day, hour, 0, 0);
}

/* The water is cut on Wednesday 2 December, 09:00–13:00: the earliest day a notice
 * drafted on Friday 27 November allows (Mon, Tue, Wed are the three working days). */
static fd_notice_draft water_cut(void)
{
    return (fd_notice_draft){
        .kind = FD_NOTICE_WORKS, .title = "停水通知", .place = "A座 10–15层",
        .body = "因水泵检修，12月2日9:00至13:00停水，请提前储水。",
        .starts_at = at(12, 2, 9), .ends_at = at(12, 2, 13),
    };
}

static int64_t draft(fd_notice_draft in)
{
    int64_t id = 0;
    ASSERT_OK(fd_notice_write_draft(fx.desk, &fx.receptionist, &in, &id, &err));
    return id;
}

static fd_notice *get(int64_t id)
{
    static fd_notice n;
    ASSERT_OK(fd_notice_get(fx.desk, &fx.receptionist, id, &n, &err));
    return &n;
}

START_TEST(the_earliest_start_counts_working_days)
{
    open_desk("earliest.db");
    /* Friday: Monday, Tuesday, Wednesday. */
    ck_assert_int_eq(fd_notice_earliest_start(cfg, at(11, 27, 10)), at(12, 2, 0));
    /* Monday: Tuesday, Wednesday, Thursday. */
    ck_assert_int_eq(fd_notice_earliest_start(cfg, at(11, 30, 18)), at(12, 3, 0));
    /* Across the National Day holiday of 2026 (1–7 October rest days). */
    fd_time earliest = fd_notice_earliest_start(cfg, at(9, 30, 10));
    ck_assert(fd_is_workday(cfg, fd_date_of(earliest)));
    ck_assert_int_gt(earliest, at(10, 8, 0));
    cfg->notice_workdays = 1;
    ck_assert_int_eq(fd_notice_earliest_start(cfg, at(11, 27, 10)), at(11, 30, 0));
    close_desk();
}
END_TEST

START_TEST(a_notice_goes_from_draft_to_taken_down)
{
    open_desk("steps.db");
    int64_t id = draft(water_cut());
    fd_notice *n = get(id);
    ck_assert_int_eq(n->state, FD_NOTICE_STATE_DRAFT);
    ck_assert_str_eq(n->title, "停水通知");
    ck_assert_str_eq(n->place, "A座 10–15层");
    ck_assert_str_eq(n->drafted_by, "李娜");
    ck_assert_int_eq(n->earliest_start, at(12, 2, 0));
    ck_assert_str_eq(n->approved_by, "");

    /* Not issued before it is signed; the desk cannot sign. */
    ck_assert_int_eq(fd_notice_issue(fx.desk, &fx.receptionist, id, NULL, &err), FD_STATE);
    ck_assert_int_eq(fd_notice_approve(fx.desk, &fx.receptionist, &fx.receptionist, id, &err), FD_DENIED);
    ck_assert_int_eq(fd_notice_approve(fx.desk, &fx.receptionist, NULL, id, &err), FD_DENIED);
    /* Only the roles the site names sign. */
    cfg->notice_approve_roles = FD_ROLE_BIT(FD_ROLE_CS_MANAGER);
    ck_assert(!fd_notice_may_approve(cfg, &fx.duty_manager));
    ck_assert_int_eq(fd_notice_approve(fx.desk, &fx.receptionist, &fx.duty_manager, id, &err), FD_DENIED);
    fx.now += HOUR;
    ASSERT_OK(fd_notice_approve(fx.desk, &fx.receptionist, &cs_manager, id, &err));
    n = get(id);
    ck_assert_int_eq(n->state, FD_NOTICE_STATE_APPROVED);
    ck_assert_str_eq(n->approved_by, "周敏");
    ck_assert_int_eq(n->approved_at, fx.now);

    ck_assert_int_eq(fd_notice_may(fx.desk, id, n->state, FD_NOTICE_STEP_ISSUE, &fx.receptionist), FD_OK);
    ck_assert_int_eq(fd_notice_may(fx.desk, id, n->state, FD_NOTICE_STEP_TAKE_DOWN, &fx.receptionist), FD_STATE);
    ASSERT_OK(fd_notice_issue(fx.desk, &fx.receptionist, id, NULL, &err));
    ASSERT_OK(fd_notice_post(fx.desk, &fx.receptionist, id, &err));
    n = get(id);
    ck_assert_int_eq(n->state, FD_NOTICE_STATE_POSTED);
    ck_assert_int_eq(n->issued_at, fx.now);
    ck_assert_int_eq(n->posted_at, fx.now);
    ck_assert(!n->to_take_down);

    /* The event over, it is to be taken down. */
    fx.now = at(12, 2, 14);
    n = get(id);
    ck_assert(n->to_take_down);
    ASSERT_OK(fd_notice_take_down(fx.desk, &fx.receptionist, id, &err));
    n = get(id);
    ck_assert_int_eq(n->state, FD_NOTICE_STATE_TAKEN_DOWN);
    ck_assert_int_eq(n->taken_down_at, fx.now);
    ck_assert(!n->to_take_down);
    ck_assert_int_eq(fd_notice_take_down(fx.desk, &fx.receptionist, id, &err), FD_STATE);
    ck_assert_int_eq(fd_notice_get(fx.desk, &fx.receptionist, 999, n, &err), FD_NOT_FOUND);
    close_desk();
}
END_TEST

START_TEST(an_early_start_needs_a_managers_override)
{
    open_desk("override.db");
    fd_notice_draft in = water_cut();
    in.starts_at = at(12, 1, 9); /* Tuesday: one working day short */
    in.ends_at = at(12, 1, 13);
    ASSERT_REFUSED(fd_notice_write_draft(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID,
                   "starts_at", "2026-12-02");
    /* A receptionist cannot override; a manager must give a reason. */
    fd_notice_override o = {&fx.receptionist, "水泵漏水"};
    in.override = &o;
    ASSERT_REFUSED(fd_notice_write_draft(fx.desk, &fx.receptionist, &in, NULL, &err), FD_DENIED,
                   "starts_at", "manager");
    o = (fd_notice_override){&fx.duty_manager, "  "};
    ASSERT_REFUSED(fd_notice_write_draft(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID,
                   "reason", "");
    o.reason = "水泵漏水，须尽快检修";
    int64_t id = draft(in);
    fd_notice *n = get(id);
    ck_assert_str_eq(n->overridden_by, "张伟");
    ck_assert_str_eq(n->override_reason, "水泵漏水，须尽快检修");
    /* The override stands at issue. */
    ASSERT_OK(fd_notice_approve(fx.desk, &fx.receptionist, &cs_manager, id, &err));
    ASSERT_OK(fd_notice_issue(fx.desk, &fx.receptionist, id, NULL, &err));

    /* Drafted in time but issued late: refused at issue until a manager allows it. */
    int64_t late = draft(water_cut());
    ASSERT_OK(fd_notice_approve(fx.desk, &fx.receptionist, &cs_manager, late, &err));
    fx.now = at(11, 30, 9);
    ASSERT_REFUSED(fd_notice_issue(fx.desk, &fx.receptionist, late, NULL, &err), FD_INVALID,
                   "starts_at", "2026-12-03");
    ck_assert_int_eq(get(late)->state, FD_NOTICE_STATE_APPROVED);
    fd_notice_override ok = {&cs_manager, "业主已口头确认"};
    ASSERT_OK(fd_notice_issue(fx.desk, &fx.receptionist, late, &ok, &err));
    n = get(late);
    ck_assert_int_eq(n->state, FD_NOTICE_STATE_ISSUED);
    ck_assert_str_eq(n->overridden_by, "周敏");

    /* A general notice has no notice period. */
    fd_notice_draft general = water_cut();
    general.kind = FD_NOTICE_GENERAL;
    general.starts_at = fx.now + HOUR;
    general.ends_at = fx.now + 2 * HOUR;
    n = get(draft(general));
    ck_assert_int_eq(n->earliest_start, 0);
    close_desk();
}
END_TEST

START_TEST(drafting_refusals_name_their_field)
{
    open_desk("refusals.db");
    fd_notice_draft in = water_cut();
    in.title = " ";
    ASSERT_REFUSED(fd_notice_write_draft(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "title", "");
    in = water_cut();
    in.body = "";
    ASSERT_REFUSED(fd_notice_write_draft(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "body", "");
    in = water_cut();
    in.ends_at = in.starts_at;
    ASSERT_REFUSED(fd_notice_write_draft(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "ends_at", "after");
    in = water_cut();
    in.starts_at = 0;
    ASSERT_REFUSED(fd_notice_write_draft(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "starts_at", "");
    in = water_cut();
    in.kind = FD_NOTICE_EMERGENCY;
    ASSERT_REFUSED(fd_notice_write_draft(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "kind", "emergency");
    in = water_cut();
    ck_assert_int_eq(fd_notice_write_draft(fx.desk, &fx.admin, &in, NULL, &err), FD_DENIED);
    close_desk();
}
END_TEST

START_TEST(an_emergency_notice_is_posted_at_once_with_its_signer)
{
    open_desk("emergency.db");
    fd_notice_draft in = {
        .title = "紧急停电", .place = "B座", .body = "供电局线路故障，B座临时停电，恢复时间另行通知。",
        .starts_at = fx.now, .ends_at = fx.now + 6 * HOUR,
    };
    ck_assert_int_eq(fd_notice_post_emergency(fx.desk, &fx.receptionist, &fx.receptionist, &in, NULL, &err),
                     FD_DENIED);
    int64_t id = 0;
    ASSERT_OK(fd_notice_post_emergency(fx.desk, &fx.receptionist, &fx.duty_manager, &in, &id, &err));
    fd_notice *n = get(id);
    ck_assert_int_eq(n->kind, FD_NOTICE_EMERGENCY);
    ck_assert_int_eq(n->state, FD_NOTICE_STATE_POSTED);
    ck_assert_str_eq(n->approved_by, "张伟");
    ck_assert_int_eq(n->posted_at, fx.now);
    close_desk();
}
END_TEST

typedef struct lines {
    char text[16][256];
    int count;
} lines;

static void keep_line(void *ctx, const fd_notice_line *l)
{
    lines *ls = ctx;
    if (ls->count == 16)
        return;
    if (l->field)
        snprintf(ls->text[ls->count++], 256, "%s %s: %s -> %s (%s) %s", l->event, l->field,
                 l->old_value, l->value, l->reason, l->staff);
    else
        snprintf(ls->text[ls->count++], 256, "%s %s|%s|%s", l->event, l->staff,
                 l->approver ? l->approver : "", l->unit ? l->unit : (l->reason ? l->reason : ""));
}

START_TEST(deliveries_record_units_and_history_shows_all)
{
    open_desk("deliver.db");
    int64_t id = draft(water_cut());
    const char *units[] = {"A-1203", "A-1204"};
    ck_assert_int_eq(fd_notice_deliver(fx.desk, &fx.receptionist, id, units, 2, 0, &err), FD_STATE);
    ASSERT_OK(fd_notice_approve(fx.desk, &fx.receptionist, &cs_manager, id, &err));
    ASSERT_OK(fd_notice_issue(fx.desk, &fx.receptionist, id, NULL, &err));
    const char *unknown[] = {"A-1203", "Z-9999"};
    ASSERT_REFUSED(fd_notice_deliver(fx.desk, &fx.receptionist, id, unknown, 2, 0, &err), FD_NOT_FOUND,
                   "units", "Z-9999");
    ck_assert_int_eq(get(id)->deliveries, 0); /* nothing of the refused batch kept */
    ASSERT_REFUSED(fd_notice_deliver(fx.desk, &fx.receptionist, id, units, 2, fx.now + HOUR, &err),
                   FD_INVALID, "delivered_at", "future");
    ASSERT_OK(fd_notice_deliver(fx.desk, &fx.receptionist, id, units, 1, fx.now - HOUR, &err));
    ASSERT_REFUSED(fd_notice_deliver(fx.desk, &fx.receptionist, id, units, 2, 0, &err), FD_CONFLICT,
                   "units", "A-1203");
    const char *twice[] = {"A-1204", "a-1204"}; /* typed twice in one round, in either case: handed once */
    ASSERT_OK(fd_notice_deliver(fx.desk, &fx.receptionist, id, twice, 2, 0, &err));
    ck_assert_int_eq(get(id)->deliveries, 2);
    /* A site that does not deliver door to door refuses it. */
    cfg->notice_door_to_door = false;
    ck_assert_int_eq(fd_notice_may(fx.desk, id, FD_NOTICE_STATE_ISSUED, FD_NOTICE_STEP_DELIVER, &fx.receptionist),
                     FD_STATE);
    cfg->notice_door_to_door = true;

    /* Signed: its text is the signer's to correct, its end the desk's. */
    ASSERT_REFUSED(fd_notice_correct(fx.desk, &fx.receptionist, id, FD_NOTICE_FIELD_TITLE, "停水通知（A座）",
                                     "标明楼座", &err), FD_DENIED, "", "signed");
    ASSERT_OK(fd_notice_correct(fx.desk, &cs_manager, id, FD_NOTICE_FIELD_TITLE, "停水通知（A座）",
                                "标明楼座", &err));
    ASSERT_OK(fd_notice_correct(fx.desk, &fx.receptionist, id, FD_NOTICE_FIELD_ENDS_AT, "2026-12-02 14:00",
                                "检修延长", &err));
    lines ls = {0};
    ASSERT_OK(fd_notice_history(fx.desk, &fx.receptionist, id, keep_line, &ls, &err));
    ck_assert_int_eq(ls.count, 7);
    ck_assert_str_eq(ls.text[0], "draft 李娜||");
    ck_assert_str_eq(ls.text[1], "approve 李娜|周敏|");
    ck_assert_str_eq(ls.text[2], "issue 李娜||");
    ck_assert_str_eq(ls.text[3], "deliver 李娜||A-1203");
    ck_assert_str_eq(ls.text[4], "deliver 李娜||A-1204");
    ck_assert_str_eq(ls.text[5], "correct Title: 停水通知 -> 停水通知（A座） (标明楼座) 周敏");
    ck_assert_str_eq(ls.text[6], "correct Ends: 2026-12-02 13:00 -> 2026-12-02 14:00 (检修延长) 李娜");
    fd_notice *n = get(id);
    ck_assert_str_eq(n->title, "停水通知（A座）");
    ck_assert_int_eq(n->ends_at, at(12, 2, 14));
    ck_assert(n->corrected);
    close_desk();
}
END_TEST

START_TEST(corrections_are_checked_and_records_append_only)
{
    open_desk("correct.db");
    int64_t id = draft(water_cut());
    ASSERT_REFUSED(fd_notice_correct(fx.desk, &fx.receptionist, id, FD_NOTICE_FIELD_TITLE, "新标题", "", &err),
                   FD_INVALID, "reason", "reason");
    ASSERT_REFUSED(fd_notice_correct(fx.desk, &fx.receptionist, id, FD_NOTICE_FIELD_ENDS_AT, "明天", "改期", &err),
                   FD_INVALID, "value", "11-27 09:30");
    ASSERT_REFUSED(fd_notice_correct(fx.desk, &fx.receptionist, id, FD_NOTICE_FIELD_ENDS_AT, "2026-12-01 12:00",
                                     "改期", &err),
                   FD_INVALID, "value", "after");
    ck_assert_int_eq(fd_notice_correct(fx.desk, &fx.admin, id, FD_NOTICE_FIELD_TITLE, "x", "y", &err), FD_DENIED);
    /* A draft's text is the desk's to correct; the history keeps the order it was done in. */
    ASSERT_OK(fd_notice_correct(fx.desk, &fx.receptionist, id, FD_NOTICE_FIELD_TITLE, "停水通知（A座）", "标明楼座", &err));
    fx.now += 600;
    ASSERT_OK(fd_notice_approve(fx.desk, &fx.receptionist, &cs_manager, id, &err));
    lines ls = {0};
    ASSERT_OK(fd_notice_history(fx.desk, &fx.receptionist, id, keep_line, &ls, &err));
    ck_assert_int_eq(ls.count, 3);
    ck_assert_str_eq(ls.text[1], "correct Title: 停水通知 -> 停水通知（A座） (标明楼座) 李娜");
    ck_assert(strncmp(ls.text[2], "approve", 7) == 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE notice SET title = 'x'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "DELETE FROM notice"), 0);
    close_desk();
}
END_TEST

typedef struct ids {
    int64_t id[16];
    int count;
    fd_notice last;
} ids;

static void keep_id(void *ctx, const fd_notice *n)
{
    ids *l = ctx;
    if (l->count < 16)
        l->id[l->count++] = n->id;
    l->last = *n;
}

static ids search(fd_notice_view view, const char *text, const fd_notice *after, int limit)
{
    ids l = {0};
    fd_notice_query q = {view, text, after, limit};
    ASSERT_OK(fd_notices_list(fx.desk, &fx.receptionist, &q, keep_id, &l, &err));
    return l;
}

static ids list(fd_notice_view view, const fd_notice *after, int limit)
{
    ids l = {0};
    fd_notice_query q = {view, NULL, after, limit};
    ASSERT_OK(fd_notices_list(fx.desk, &fx.receptionist, &q, keep_id, &l, &err));
    return l;
}

/* A general notice posted, its event from start to end (hours from now). */
static int64_t posted(int start, int end)
{
    fd_notice_draft in = water_cut();
    in.kind = FD_NOTICE_GENERAL;
    in.starts_at = fx.now + start * HOUR;
    in.ends_at = fx.now + end * HOUR;
    int64_t id = draft(in);
    ASSERT_OK(fd_notice_approve(fx.desk, &fx.receptionist, &cs_manager, id, &err));
    ASSERT_OK(fd_notice_issue(fx.desk, &fx.receptionist, id, NULL, &err));
    ASSERT_OK(fd_notice_post(fx.desk, &fx.receptionist, id, &err));
    return id;
}

START_TEST(lists_show_drafts_posted_and_what_to_take_down)
{
    open_desk("lists.db");
    int64_t d1 = draft(water_cut());
    int64_t p1 = posted(1, 5);
    int64_t p2 = posted(1, 3);
    int64_t d2 = draft(water_cut());
    int64_t gone = posted(1, 2);
    ASSERT_OK(fd_notice_take_down(fx.desk, &fx.receptionist, gone, &err));

    ids l = list(FD_NOTICE_VIEW_DRAFTS, NULL, 10);
    ck_assert_int_eq(l.count, 2);
    ck_assert_int_eq(l.id[0], d1);
    ck_assert_int_eq(l.id[1], d2);
    l = list(FD_NOTICE_VIEW_POSTED, NULL, 10);
    ck_assert_int_eq(l.count, 2);
    ck_assert_int_eq(l.id[0], p2);
    l = list(FD_NOTICE_VIEW_CURRENT, NULL, 10);
    ck_assert_int_eq(l.count, 4);
    ck_assert_int_eq(l.id[0], d2);
    l = list(FD_NOTICE_VIEW_ALL, NULL, 10);
    ck_assert_int_eq(l.count, 5);
    ck_assert_int_eq(list(FD_NOTICE_VIEW_TAKE_DOWN, NULL, 10).count, 0);

    /* Four hours on, p2's event is over; six hours on, p1's too, which ended later. */
    fx.now += 4 * HOUR;
    l = list(FD_NOTICE_VIEW_TAKE_DOWN, NULL, 10);
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.id[0], p2);
    ck_assert(l.last.to_take_down);
    fx.now += 2 * HOUR;
    l = list(FD_NOTICE_VIEW_TAKE_DOWN, NULL, 1);
    ck_assert_int_eq(l.id[0], p2);
    l = list(FD_NOTICE_VIEW_TAKE_DOWN, &l.last, 1);
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.id[0], p1);
    /* The handover book reads the same notices at once, with their corrected titles. */
    ASSERT_OK(fd_notice_correct(fx.desk, &cs_manager, p1, FD_NOTICE_FIELD_TITLE, "停水已结束，请撤下", "写错", &err));
    ids book = {0};
    ASSERT_OK(fd_notices_for_book(fx.desk, FD_NOTICE_VIEW_TAKE_DOWN, keep_id, &book, &err));
    ck_assert_int_eq(book.count, 2);
    ck_assert_int_eq(book.id[0], p2);
    ck_assert_int_eq(book.id[1], p1);
    ck_assert_str_eq(book.last.title, "停水已结束，请撤下");
    ck_assert(book.last.to_take_down);
    book = (ids){0};
    ASSERT_OK(fd_notices_for_book(fx.desk, FD_NOTICE_VIEW_DRAFTS, keep_id, &book, &err));
    ck_assert_int_eq(book.count, 2);
    ck_assert_int_eq(book.id[0], d1);
    ck_assert_int_eq(fd_notices_for_book(fx.desk, FD_NOTICE_VIEW_ALL, keep_id, &book, &err), FD_INVALID);
    /* Pages of the whole history. */
    l = list(FD_NOTICE_VIEW_ALL, NULL, 2);
    l = list(FD_NOTICE_VIEW_ALL, &l.last, 2);
    ck_assert_int_eq(l.id[0], p2);
    ck_assert_int_eq(l.id[1], p1);

    /* A title, as it reads now, narrows any view. */
    ASSERT_OK(fd_notice_correct(fx.desk, &fx.receptionist, d2, FD_NOTICE_FIELD_TITLE, "电梯检修通知", "写错", &err));
    l = search(FD_NOTICE_VIEW_ALL, "电梯", NULL, 10);
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.id[0], d2);
    ck_assert_int_eq(search(FD_NOTICE_VIEW_DRAFTS, "停水", NULL, 10).count, 1);

    fd_notice q;
    ck_assert_int_eq(fd_notices_list(fx.desk, &fx.receptionist, &(fd_notice_query){FD_NOTICE_VIEW_ALL, NULL, NULL, 0},
                                     keep_id, &q, &err), FD_INVALID);
    close_desk();
}
END_TEST

START_TEST(export_gives_each_notice_whole)
{
    open_desk("export.db");
    fd_notice_draft in = water_cut();
    in.starts_at = at(12, 1, 9);
    fd_notice_override o = {&fx.duty_manager, "水泵漏水"};
    in.override = &o;
    int64_t id = draft(in);
    ASSERT_OK(fd_notice_approve(fx.desk, &fx.receptionist, &cs_manager, id, &err));
    ASSERT_OK(fd_notice_issue(fx.desk, &fx.receptionist, id, NULL, &err));
    const char *units[] = {"A-1203"};
    ASSERT_OK(fd_notice_deliver(fx.desk, &fx.receptionist, id, units, 1, 0, &err));
    ASSERT_OK(fd_notice_correct(fx.desk, &cs_manager, id, FD_NOTICE_FIELD_PLACE, "A座全楼", "范围扩大", &err));
    fd_date today = fd_date_of(fx.now);
    fd_export_request req = {fd_date_start(today), fd_date_start(today + 1), FD_EXPORT_CSV, false, false};
    fd_status status;
    char *csv = desk_fixture_export(&fx, fd_notices_export, &fx.duty_manager, &req, &status, NULL, &err);
    ck_assert_msg(status == FD_OK, "%s", err.message);
    ck_assert_msg(strstr(csv, "Notice number,Kind,Title,Area,Text,Starts,Ends,"), "%s", csv);
    ck_assert_msg(strstr(csv, "Works affecting occupants,停水通知,A座全楼,"), "%s", csv);
    ck_assert_msg(strstr(csv, "Notice signed (李娜/周敏, "), "%s", csv);
    ck_assert_msg(strstr(csv, "A-1203 (李娜, "), "%s", csv);
    ck_assert_msg(strstr(csv, "水泵漏水 (张伟, "), "%s", csv);
    ck_assert_msg(strstr(csv, "A座 10–15层 → A座全楼"), "%s", csv);
    ck_assert_msg(strstr(csv, ",Notice issued,"), "%s", csv);
    free(csv);
    req.format = FD_EXPORT_JSON;
    char *json = desk_fixture_export(&fx, fd_notices_export, &fx.duty_manager, &req, &status, NULL, &err);
    ck_assert_msg(status == FD_OK, "%s", err.message);
    ck_assert_msg(strstr(json, "\"kind\": \"works\"") && strstr(json, "\"state\": \"issued\""), "%s", json);
    free(json);
    free(desk_fixture_export(&fx, fd_notices_export, &fx.receptionist, &req, &status, NULL, &err));
    ck_assert_int_eq(status, FD_DENIED);
    close_desk();
}
END_TEST

START_TEST(choice_lists_read_back_their_names)
{
    ck_assert_int_eq(fd_notice_choice_count(FD_NOTICE_LIST_STATE), 5);
    ck_assert_str_eq(fd_notice_choice_name(FD_NOTICE_LIST_KIND, FD_NOTICE_WORKS), "works");
    ck_assert_int_eq(fd_notice_choice_parse(FD_NOTICE_LIST_STATE, "taken_down"), FD_NOTICE_STATE_TAKEN_DOWN);
    ck_assert_int_eq(fd_notice_choice_parse(FD_NOTICE_LIST_KIND, "nonsense"), -1);
    ck_assert_str_eq(fd_notice_choice_label(FD_NOTICE_LIST_STATE, FD_NOTICE_STATE_POSTED), "Posted");
}
END_TEST

static Suite *notices_suite(void)
{
    Suite *s = suite_create("notices");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, the_earliest_start_counts_working_days);
    tcase_add_test(tc, a_notice_goes_from_draft_to_taken_down);
    tcase_add_test(tc, an_early_start_needs_a_managers_override);
    tcase_add_test(tc, drafting_refusals_name_their_field);
    tcase_add_test(tc, an_emergency_notice_is_posted_at_once_with_its_signer);
    tcase_add_test(tc, deliveries_record_units_and_history_shows_all);
    tcase_add_test(tc, corrections_are_checked_and_records_append_only);
    tcase_add_test(tc, lists_show_drafts_posted_and_what_to_take_down);
    tcase_add_test(tc, export_gives_each_notice_whole);
    tcase_add_test(tc, choice_lists_read_back_their_names);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return testlib_run(notices_suite());
}
