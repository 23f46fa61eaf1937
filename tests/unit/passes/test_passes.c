/* Carry-out and carry-in passes: a company's seal or letter of authority on file, checked
 * at issue (a signer the letter does not name refused); the goods line by line; the
 * steps at the door within the window (盖章确认), goods stopped with their danger and
 * reason, voiding with a reason; the carrier's document masked by role; the lists of
 * today's and open passes; the tables append-only — each refusal with its field, and
 * the audit chain clean afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/config.h"
#include "frontdesk/directory.h"
#include "frontdesk/passes.h"
#include "testlib.h"

static desk_fixture fx;
static fd_config *cfg;
static fd_error err;
static int64_t company; /* 北京辰星科技有限公司, T-1501 */

enum { DAY = 86400 };

static void find_company(void *ctx, const fd_dir_entry *e)
{
    *(int64_t *)ctx = e->id;
}

static void open_desk(const char *name)
{
    desk_fixture_open(&fx, name);
    ck_assert_msg(fd_config_load_file(NULL, &cfg, &err) == FD_OK, "%s", err.message);
    fx.desk->config = cfg;
    desk_fixture_directory(&fx);
    company = 0;
    ck_assert_int_eq(fd_directory_search(fx.desk, NULL, FD_DIR_COMPANY, "辰星", 1, find_company,
                                         &company, &err), FD_OK);
    ck_assert_int_gt(company, 0);
    memset(&err, 0, sizeof err);
}

static void close_desk(void)
{
    ck_assert_int_eq(desk_fixture_verify(&fx), 0);
    desk_fixture_close(&fx);
    fd_config_free(cfg);
}

#define ASSERT_OK(call) ck_assert_msg((call) == FD_OK, "%s", err.message)
/* A refusal: its status, the field it names ("" for none) and a word of its message. */
#define ASSERT_REFUSED(call, status, field_name, word)                                   \
    do {                                                                                  \
        memset(&err, 0, sizeof err);                                                      \
        ck_assert_int_eq((call), (status));                                               \
        ck_assert_str_eq(err.field, (field_name));                                        \
        ck_assert_msg(strstr(err.message, (word)), "message: %s", err.message);           \
    } while (0)

static const fd_pass_item_input goods[] = {
    {"办公桌", 2, "张"},
    {"台式电脑", 3, "台"},
};

/* Two desks and three computers going out of T-1501 today, 10:30–12:00, under the seal. */
static fd_pass_input moving_out(void)
{
    return (fd_pass_input){
        .direction = FD_PASS_OUT, .company_id = company, .carrier = "王师傅",
        .doc_type = FD_DOC_RESIDENT_ID, .doc_number = "11010519491231002X",
        .window_from = 10 * 60 + 30, .window_to = 12 * 60, .sealed = true,
        .items = goods, .item_count = 2,
    };
}

static void file_authority(fd_pass_authority_kind kind, const char *signer, fd_date until,
                           const char *reason)
{
    fd_pass_authority_input in = {company, kind, signer, until, reason};
    ASSERT_OK(fd_pass_authority_file(fx.desk, &fx.duty_manager, &in, NULL, &err));
}

static int64_t issue(fd_pass_input in)
{
    int64_t id = 0;
    ASSERT_OK(fd_pass_issue(fx.desk, &fx.receptionist, &in, &id, NULL, &err));
    return id;
}

static fd_pass *get(int64_t id, const fd_actor *who)
{
    static fd_pass p;
    ASSERT_OK(fd_pass_get(fx.desk, who, id, &p, &err));
    return &p;
}

START_TEST(a_pass_out_needs_the_seal_of_a_company_with_one)
{
    open_desk("seal.db");
    fd_pass_input in = moving_out();
    /* Nothing on file: no pass out. */
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_DENIED,
                   "company", "北京辰星科技有限公司");
    file_authority(FD_AUTHORITY_SEAL, NULL, 0, NULL);
    in.sealed = false;
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_INVALID,
                   "sealed", "seal");
    int64_t id = issue(moving_out());
    fd_pass *p = get(id, &fx.receptionist);
    ck_assert_int_eq(p->state, FD_PASS_STATE_ISSUED);
    ck_assert_int_eq(p->direction, FD_PASS_OUT);
    ck_assert_str_eq(p->company, "北京辰星科技有限公司");
    ck_assert_str_eq(p->unit, "T-1501");
    ck_assert_str_eq(p->carrier, "王师傅");
    ck_assert(p->sealed);
    ck_assert_int_eq(p->day, fd_date_of(fx.now));
    ck_assert_int_eq(p->window_from, fd_date_start(p->day) + (10 * 60 + 30) * 60);
    ck_assert_int_eq(p->lines, 2);
    ck_assert_str_eq(p->goods, "办公桌 2张、台式电脑 3台");
    ck_assert_str_eq(p->issued_by, fx.receptionist.name);
    ck_assert(!p->overdue);
    /* Goods coming in need no authority. */
    in = moving_out();
    in.direction = FD_PASS_IN;
    in.sealed = false;
    file_authority(FD_AUTHORITY_NONE, NULL, 0, "公章遗失，待补办");
    issue(in);
    close_desk();
}
END_TEST

START_TEST(a_letter_of_authority_names_who_may_sign)
{
    open_desk("letter.db");
    fd_date today = fd_date_of(fx.now);
    file_authority(FD_AUTHORITY_LETTER, "刘洋", today + 30, NULL);
    fd_pass_input in = moving_out();
    /* A company without a seal: a form said to bear one is refused, even signed. */
    in.signer = "刘洋";
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_INVALID,
                   "sealed", "刘洋");
    in.signer = NULL;
    in.sealed = false;
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_INVALID,
                   "signer", "刘洋");
    in.signer = "陈静";
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_DENIED,
                   "signer", "陈静");
    ck_assert_msg(strstr(err.message, "刘洋"), "%s", err.message);
    in.signer = " 刘洋 ";
    fd_pass *p = get(issue(in), &fx.receptionist);
    ck_assert_str_eq(p->signer, "刘洋");
    ck_assert(!p->sealed);
    /* Past the letter's last day: refused, the day named. */
    in.day = today + 31;
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_DENIED,
                   "signer", "2026-12-27");
    close_desk();
}
END_TEST

START_TEST(the_authority_on_file_is_replaced_with_a_reason_by_a_manager)
{
    open_desk("authority.db");
    fd_pass_authority_input in = {company, FD_AUTHORITY_SEAL, NULL, 0, NULL};
    ASSERT_REFUSED(fd_pass_authority_file(fx.desk, &fx.receptionist, &in, NULL, &err), FD_DENIED,
                   "", "");
    in.company_id = 1; /* a unit's owner, not a company */
    ASSERT_REFUSED(fd_pass_authority_file(fx.desk, &fx.duty_manager, &in, NULL, &err), FD_NOT_FOUND,
                   "company", "");
    fd_pass_authority a;
    ASSERT_OK(fd_pass_authority_get(fx.desk, company, &a, &err));
    ck_assert_int_eq(a.id, 0);
    ck_assert_int_eq(a.kind, FD_AUTHORITY_NONE);
    file_authority(FD_AUTHORITY_SEAL, NULL, 0, NULL);
    in = (fd_pass_authority_input){company, FD_AUTHORITY_LETTER, "刘洋", fd_date_of(fx.now) + 90, ""};
    ASSERT_REFUSED(fd_pass_authority_file(fx.desk, &fx.duty_manager, &in, NULL, &err), FD_INVALID,
                   "reason", "");
    in.reason = "驻京办事处无公章，出具授权书";
    in.signer = "";
    ASSERT_REFUSED(fd_pass_authority_file(fx.desk, &fx.duty_manager, &in, NULL, &err), FD_INVALID,
                   "signer", "");
    in.signer = "刘洋";
    in.valid_until = fd_date_of(fx.now) - 1;
    ASSERT_REFUSED(fd_pass_authority_file(fx.desk, &fx.duty_manager, &in, NULL, &err), FD_INVALID,
                   "valid_until", "");
    in.valid_until = fd_date_of(fx.now) + 90;
    ASSERT_OK(fd_pass_authority_file(fx.desk, &fx.duty_manager, &in, NULL, &err));
    ASSERT_OK(fd_pass_authority_get(fx.desk, company, &a, &err));
    ck_assert_int_eq(a.kind, FD_AUTHORITY_LETTER);
    ck_assert_str_eq(a.signer, "刘洋");
    ck_assert_str_eq(a.reason, "驻京办事处无公章，出具授权书");
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE pass_authority SET signer = 'x'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "DELETE FROM pass_authority"), 0);
    close_desk();
}
END_TEST

typedef struct records {
    int count;
    char text[1024];
} records;

static void add_record(void *ctx, const fd_pass_authority *a)
{
    records *r = ctx;
    size_t n = strlen(r->text);
    snprintf(r->text + n, sizeof r->text - n, "%s|%s|%s|%s|%s|%s\n",
             fd_pass_choice_name(FD_PASS_LIST_AUTHORITY, (int)a->kind), a->signer, a->staff,
             a->replaced_at ? "replaced" : "-", a->replaced_by, a->replaced_reason);
    r->count++;
}

/* "Who was allowed to sign last month": every record with who filed it and what
 * replaced it, and the record a given day stood under — a letter past its last day
 * lets nothing out, a day before the first record has none. */
START_TEST(a_companys_records_keep_their_history_day_by_day)
{
    open_desk("authority_history.db");
    fd_date first = fd_date_of(fx.now);
    fd_pass_authority a;
    bool in_force = true;
    ASSERT_OK(fd_pass_authority_on(fx.desk, company, first - 1, &a, &in_force, &err));
    ck_assert(a.kind == FD_AUTHORITY_NONE && a.id == 0 && !in_force);
    file_authority(FD_AUTHORITY_LETTER, "刘洋", first + 10, NULL);
    fx.now += 20 * DAY;
    file_authority(FD_AUTHORITY_LETTER, "陈静", first + 60, "刘洋离职，公司重新出具授权书");
    fx.now += 5 * DAY;
    fd_actor cs_manager;
    desk_fixture_staff(&fx, "3001", "刘洋", FD_ROLE_CS_MANAGER, "4444", &cs_manager);
    fd_pass_authority_input in = {company, FD_AUTHORITY_SEAL, NULL, 0, "公司刻制公章，授权书作废"};
    ASSERT_OK(fd_pass_authority_file(fx.desk, &cs_manager, &in, NULL, &err));

    records r = {0};
    ASSERT_OK(fd_pass_authority_history(fx.desk, company, add_record, &r, &err));
    char want[1024];
    snprintf(want, sizeof want,
             "letter|刘洋|%1$s|replaced|%1$s|刘洋离职，公司重新出具授权书\n"
             "letter|陈静|%1$s|replaced|刘洋|公司刻制公章，授权书作废\n"
             "seal||刘洋|-||\n",
             fx.duty_manager.name);
    ck_assert_str_eq(r.text, want);

    ASSERT_OK(fd_pass_authority_on(fx.desk, company, first + 5, &a, &in_force, &err));
    ck_assert_str_eq(a.signer, "刘洋");
    ck_assert(in_force);
    ck_assert_str_eq(a.replaced_reason, "刘洋离职，公司重新出具授权书");
    ASSERT_OK(fd_pass_authority_on(fx.desk, company, first + 15, &a, &in_force, &err));
    ck_assert_str_eq(a.signer, "刘洋"); /* still on file, but its letter ran out */
    ck_assert(!in_force);
    ASSERT_OK(fd_pass_authority_on(fx.desk, company, first + 20, &a, &in_force, &err));
    ck_assert_str_eq(a.signer, "陈静"); /* filed that day: the day's end is what counts */
    ck_assert(in_force);
    ASSERT_OK(fd_pass_authority_on(fx.desk, company, first + 25, &a, &in_force, &err));
    ck_assert(a.kind == FD_AUTHORITY_SEAL && in_force && a.replaced_at == 0);
    ASSERT_REFUSED(fd_pass_authority_on(fx.desk, 1, first, &a, &in_force, &err), FD_NOT_FOUND,
                   "company", "");
    close_desk();
}
END_TEST

START_TEST(issue_refusals_name_their_field)
{
    open_desk("refusals.db");
    file_authority(FD_AUTHORITY_SEAL, NULL, 0, NULL);
    fd_pass_input in = moving_out();
    in.carrier = " ";
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_INVALID,
                   "carrier", "carrying");
    in = moving_out();
    in.doc_number = "110105194912310021";
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_INVALID,
                   "doc_number", "");
    in = moving_out();
    in.item_count = 0;
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_INVALID,
                   "items", "at least one");
    fd_pass_item_input bad[] = {{"纸箱", 5, "个"}, {"文件柜", 0, "个"}};
    in.items = bad;
    in.item_count = 2;
    int line = 0;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, &line, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "items");
    ck_assert_int_eq(line, 2);
    in = moving_out();
    in.day = fd_date_of(fx.now) - 1;
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_INVALID,
                   "day", "before today");
    in = moving_out();
    in.window_from = 8 * 60;
    in.window_to = 9 * 60; /* now is 10:00 */
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_INVALID,
                   "window_to", "over");
    in.window_to = 7 * 60;
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_INVALID,
                   "window_to", "after it begins");
    in = moving_out();
    in.company_id = 1;
    ASSERT_REFUSED(fd_pass_issue(fx.desk, &fx.receptionist, &in, NULL, NULL, &err), FD_NOT_FOUND,
                   "company", "");
    close_desk();
}
END_TEST

START_TEST(the_desk_confirms_within_the_window_only)
{
    open_desk("confirm.db");
    file_authority(FD_AUTHORITY_SEAL, NULL, 0, NULL);
    int64_t id = issue(moving_out());
    /* Before the window the goods wait: asked before any confirmation, and no advice to
     * void a pass that only has to wait. */
    ASSERT_REFUSED(fd_pass_confirm_check(fx.desk, &fx.receptionist, id, &err), FD_INVALID, "window",
                   "Not yet time to let it through (from 10:30)");
    ASSERT_REFUSED(fd_pass_confirm(fx.desk, &fx.receptionist, id, &err), FD_INVALID, "window", "10:30");
    ck_assert(!strstr(err.message, "void"));
    /* Offered to the desk (the window is checked as it is taken), not to the administrator. */
    ck_assert_int_eq(fd_pass_may(fx.desk, id, FD_PASS_STATE_ISSUED, FD_PASS_STEP_CONFIRM,
                                 &fx.receptionist), FD_INVALID);
    ck_assert_int_eq(fd_pass_may(fx.desk, id, FD_PASS_STATE_ISSUED, FD_PASS_STEP_CONFIRM,
                                 &fx.admin), FD_DENIED);
    ck_assert_int_eq(fd_pass_may(fx.desk, id, FD_PASS_STATE_PASSED, FD_PASS_STEP_VOID,
                                 &fx.receptionist), FD_STATE);
    fx.now += 45 * 60;
    ASSERT_OK(fd_pass_confirm_check(fx.desk, &fx.receptionist, id, &err));
    ASSERT_OK(fd_pass_confirm(fx.desk, &fx.receptionist, id, &err));
    fd_pass *p = get(id, &fx.receptionist);
    ck_assert_int_eq(p->state, FD_PASS_STATE_PASSED);
    ck_assert_int_eq(p->closed_at, fx.now);
    ck_assert_str_eq(p->closed_by, fx.receptionist.name);
    ck_assert_int_eq(fd_pass_confirm(fx.desk, &fx.receptionist, id, &err), FD_STATE);
    ck_assert_int_eq(fd_pass_void(fx.desk, &fx.receptionist, id, "填错", &err), FD_STATE);
    ASSERT_REFUSED(fd_pass_confirm(fx.desk, &fx.receptionist, 999, &err), FD_NOT_FOUND, "", "999");
    /* After the window only a new pass helps. */
    int64_t late = issue(moving_out());
    fx.now += 90 * 60; /* 12:15 */
    ASSERT_REFUSED(fd_pass_confirm_check(fx.desk, &fx.receptionist, late, &err), FD_INVALID,
                   "window", "ended at 12:00: void it");
    /* The next morning its window is named with its day, not as an hour still to come. */
    fx.now += 20 * 3600;
    ASSERT_REFUSED(fd_pass_confirm_check(fx.desk, &fx.receptionist, late, &err), FD_INVALID,
                   "window", " 12:00: void it");
    ck_assert_msg(strstr(err.message, "-"), "%s", err.message);
    close_desk();
}
END_TEST

typedef struct lines {
    char text[8][256];
    int count;
} lines;

static void keep_line(void *ctx, const fd_pass_line *line)
{
    lines *l = ctx;
    if (l->count < 8)
        snprintf(l->text[l->count++], sizeof l->text[0], "%s|%s|%s|%s", line->event, line->staff,
                 line->hazard ? line->hazard : "", line->reason ? line->reason : "");
}

START_TEST(dangerous_goods_are_stopped_with_the_reason)
{
    open_desk("refuse.db");
    file_authority(FD_AUTHORITY_SEAL, NULL, 0, NULL);
    int64_t id = issue(moving_out());
    ASSERT_REFUSED(fd_pass_refuse(fx.desk, &fx.receptionist, id, (fd_pass_hazard)9, "x", &err),
                   FD_INVALID, "hazard", "");
    ASSERT_REFUSED(fd_pass_refuse(fx.desk, &fx.receptionist, id, FD_HAZARD_FLAMMABLE, " ", &err),
                   FD_INVALID, "reason", "");
    ASSERT_OK(fd_pass_refuse(fx.desk, &fx.receptionist, id, FD_HAZARD_FLAMMABLE,
                             "纸箱内有稀释剂两桶", &err));
    fd_pass *p = get(id, &fx.receptionist);
    ck_assert_int_eq(p->state, FD_PASS_STATE_REFUSED);
    ck_assert(p->refused);
    ck_assert_int_eq(p->hazard, FD_HAZARD_FLAMMABLE);
    ck_assert_str_eq(p->refusal_reason, "纸箱内有稀释剂两桶");
    lines l = {0};
    ASSERT_OK(fd_pass_history(fx.desk, id, keep_line, &l, &err));
    ck_assert_int_eq(l.count, 2);
    ck_assert_str_eq(l.text[1], "refuse|李娜|Flammable|纸箱内有稀释剂两桶");
    ck_assert_int_ne(desk_fixture_raw(&fx, "DELETE FROM pass_refusal"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE pass SET carrier = 'x'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE pass_item SET quantity = 1"), 0);
    close_desk();
}
END_TEST

START_TEST(a_pass_is_voided_with_a_reason)
{
    open_desk("void.db");
    file_authority(FD_AUTHORITY_SEAL, NULL, 0, NULL);
    int64_t id = issue(moving_out());
    ASSERT_REFUSED(fd_pass_void(fx.desk, &fx.receptionist, id, "", &err), FD_INVALID, "reason", "");
    ASSERT_OK(fd_pass_void(fx.desk, &fx.receptionist, id, "数量填错，重开", &err));
    fd_pass *p = get(id, &fx.receptionist);
    ck_assert_int_eq(p->state, FD_PASS_STATE_VOIDED);
    ck_assert_str_eq(p->void_reason, "数量填错，重开");
    ck_assert(!p->refused);
    close_desk();
}
END_TEST

START_TEST(the_carriers_document_is_masked_for_the_desk)
{
    open_desk("mask.db");
    file_authority(FD_AUTHORITY_SEAL, NULL, 0, NULL);
    int64_t id = issue(moving_out());
    fd_pass *p = get(id, &fx.receptionist);
    ck_assert_str_eq(p->doc_number, "110105********002X");
    ck_assert(!p->doc_in_full);
    p = get(id, &fx.duty_manager);
    ck_assert_str_eq(p->doc_number, "11010519491231002X");
    ck_assert(p->doc_in_full);
    close_desk();
}
END_TEST

typedef struct ids {
    int64_t id[16];
    int count;
} ids;

static void keep_id(void *ctx, const fd_pass *p)
{
    ids *l = ctx;
    if (l->count < 16)
        l->id[l->count++] = p->id;
}

static ids list(fd_pass_view view, const char *text)
{
    ids l = {{0}, 0};
    fd_pass_query q = {view, text, NULL, 50};
    ASSERT_OK(fd_passes_list(fx.desk, &fx.receptionist, &q, keep_id, &l, &err));
    return l;
}

START_TEST(lists_show_today_and_the_open_scheduled_passes)
{
    open_desk("lists.db");
    file_authority(FD_AUTHORITY_SEAL, NULL, 0, NULL);
    fd_time today = fx.now;
    fx.now -= 2 * DAY;
    fd_pass_input in = moving_out();
    in.scheduled = true;
    int64_t missed = issue(in);      /* scheduled two days ago, never confirmed */
    in.scheduled = false;
    int64_t stale = issue(in);       /* unscheduled, never confirmed */
    int64_t voided = issue(in);
    ASSERT_OK(fd_pass_void(fx.desk, &fx.receptionist, voided, "不搬了", &err));
    fx.now = today;
    in.window_from = 14 * 60;
    in.window_to = 16 * 60;
    int64_t later = issue(in);
    in.window_from = 11 * 60;
    in.carrier = "李四";
    int64_t sooner = issue(in);

    ids desk = list(FD_PASS_VIEW_DESK, NULL);
    ck_assert_int_eq(desk.count, 4); /* by window: the old ones first */
    ck_assert_int_eq(desk.id[0], missed);
    ck_assert_int_eq(desk.id[1], stale);
    ck_assert_int_eq(desk.id[2], sooner);
    ck_assert_int_eq(desk.id[3], later);
    ids open = list(FD_PASS_VIEW_OPEN, NULL);
    ck_assert_int_eq(open.count, 1);
    ck_assert_int_eq(open.id[0], missed);
    ck_assert(get(missed, &fx.receptionist)->overdue);
    long overdue;
    ASSERT_OK(fd_passes_overdue_count(fx.desk, &overdue, &err));
    ck_assert_int_eq(overdue, 1);
    ck_assert(!get(stale, &fx.receptionist)->overdue);
    ids found = list(FD_PASS_VIEW_SEARCH, "李");
    ck_assert_int_eq(found.count, 1);
    ck_assert_int_eq(found.id[0], sooner);
    ck_assert_int_eq(list(FD_PASS_VIEW_SEARCH, "T-15").count, 5);
    ck_assert_int_eq(list(FD_PASS_VIEW_SEARCH, "t-15").count, 5); /* the unit typed in lower case */
    ck_assert_int_eq(list(FD_PASS_VIEW_SEARCH, "Ｔ－１５").count, 5); /* in full-width mode */
    ck_assert_int_eq(list(FD_PASS_VIEW_SEARCH, "北京").count, 5);

    /* Paging: after the second, the rest. */
    fd_pass after;
    ASSERT_OK(fd_pass_get(fx.desk, &fx.receptionist, stale, &after, &err));
    ids rest = {{0}, 0};
    fd_pass_query q = {FD_PASS_VIEW_DESK, NULL, &after, 50};
    ASSERT_OK(fd_passes_list(fx.desk, &fx.receptionist, &q, keep_id, &rest, &err));
    ck_assert_int_eq(rest.count, 2);
    ck_assert_int_eq(rest.id[0], sooner);
    close_desk();
}
END_TEST

START_TEST(export_gives_each_pass_whole_with_documents_masked)
{
    open_desk("export.db");
    file_authority(FD_AUTHORITY_SEAL, NULL, 0, NULL);
    int64_t id = issue(moving_out());
    ASSERT_OK(fd_pass_refuse(fx.desk, &fx.receptionist, id, FD_HAZARD_TOXIC, "电脑里夹带农药一瓶", &err));
    fd_date today = fd_date_of(fx.now);
    fd_export_request req = {fd_date_start(today), fd_date_start(today + 1), FD_EXPORT_CSV, false, false};
    fd_status status;
    char *csv = desk_fixture_export(&fx, fd_passes_export, &fx.duty_manager, &req, &status, NULL, &err);
    ck_assert_msg(status == FD_OK, "%s", err.message);
    ck_assert_msg(strstr(csv, "Pass number,Out or in,From,Until,Moving time arranged,Unit,Company,"), "%s", csv);
    ck_assert_msg(strstr(csv, ",Carry out,2026-11-27 10:30,2026-11-27 12:00,no,T-1501,北京辰星科技有限公司,"
                              "王师傅,Resident identity card,110105********002X,yes,,"
                              "办公桌 2张、台式电脑 3台,"), "%s", csv);
    ck_assert_msg(strstr(csv, ",Stopped,2026-11-27 10:00,李娜,Toxic,电脑里夹带农药一瓶"), "%s", csv);
    ck_assert_ptr_null(strstr(csv, "11010519491231002X"));
    free(csv);
    /* A move the desk arranged, its window over and never let through: overdue, in the
     * file as on the screen. */
    fd_pass_input arranged = moving_out();
    arranged.scheduled = true;
    int64_t late = issue(arranged);
    fx.now += 3 * 3600; /* 13:00 */
    csv = desk_fixture_export(&fx, fd_passes_export, &fx.duty_manager, &req, &status, NULL, &err);
    ck_assert_msg(status == FD_OK, "%s", err.message);
    ck_assert_msg(strstr(csv, "办公桌 2张、台式电脑 3台,2026-11-27 10:00,李娜,Overdue,"), "%s", csv);
    ck_assert_str_eq(fd_pass_shown_state_label(get(late, &fx.receptionist)), "Overdue");
    free(csv);
    req.unmasked = true;
    req.format = FD_EXPORT_JSON;
    char *json = desk_fixture_export(&fx, fd_passes_export, &fx.duty_manager, &req, &status, NULL, &err);
    ck_assert_msg(status == FD_OK, "%s", err.message);
    ck_assert_msg(strstr(json, "\"doc_number\": \"11010519491231002X\"") &&
                  strstr(json, "\"hazard\": \"toxic\""), "%s", json);
    free(json);
    /* The desk does not export. */
    free(desk_fixture_export(&fx, fd_passes_export, &fx.receptionist, &req, &status, NULL, &err));
    ck_assert_int_eq(status, FD_DENIED);
    /* A day with none: the header alone. */
    req = (fd_export_request){fd_date_start(today + 1), fd_date_start(today + 2), FD_EXPORT_CSV, false, false};
    csv = desk_fixture_export(&fx, fd_passes_export, &fx.duty_manager, &req, &status, NULL, &err);
    ck_assert_ptr_null(strstr(csv, "王师傅"));
    free(csv);
    close_desk();
}
END_TEST

START_TEST(choice_lists_read_back_their_names)
{
    ck_assert_int_eq(fd_pass_choice_count(FD_PASS_LIST_HAZARD), 4);
    ck_assert_str_eq(fd_pass_choice_name(FD_PASS_LIST_DIRECTION, FD_PASS_IN), "in");
    ck_assert_int_eq(fd_pass_choice_parse(FD_PASS_LIST_HAZARD, "corrosive"), FD_HAZARD_CORROSIVE);
    ck_assert_int_eq(fd_pass_choice_parse(FD_PASS_LIST_STATE, "nonsense"), -1);
    ck_assert_str_eq(fd_pass_choice_label(FD_PASS_LIST_STATE, FD_PASS_STATE_PASSED), "Let through");
}
END_TEST

static Suite *passes_suite(void)
{
    Suite *s = suite_create("passes");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, a_pass_out_needs_the_seal_of_a_company_with_one);
    tcase_add_test(tc, a_letter_of_authority_names_who_may_sign);
    tcase_add_test(tc, the_authority_on_file_is_replaced_with_a_reason_by_a_manager);
    tcase_add_test(tc, issue_refusals_name_their_field);
    tcase_add_test(tc, the_desk_confirms_within_the_window_only);
    tcase_add_test(tc, dangerous_goods_are_stopped_with_the_reason);
    tcase_add_test(tc, a_pass_is_voided_with_a_reason);
    tcase_add_test(tc, the_carriers_document_is_masked_for_the_desk);
    tcase_add_test(tc, lists_show_today_and_the_open_scheduled_passes);
    tcase_add_test(tc, export_gives_each_pass_whole_with_documents_masked);
    tcase_add_test(tc, choice_lists_read_back_their_names);
    tcase_add_test(tc, a_companys_records_keep_their_history_day_by_day);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return testlib_run(passes_suite());
}
