/* The hotline and walk-in register: intake with the unit from the directory, answers,
 * referrals and closing as events, the machine's refusals, corrections with the old
 * value, phones masked by role, the lists and searches, an entry made a complaint, the
 * export — each refusal with its field,
 * and the audit chain clean afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/audit.h"
#include "frontdesk/calls.h"
#include "frontdesk/complaints.h"
#include "frontdesk/config.h"
#include "frontdesk/directory.h"
#include "frontdesk/machine.h"
#include "testlib.h"

static desk_fixture fx;
static fd_config *cfg;
static fd_error err;

enum { DAY = 86400 };

/* The fixture's desk with the shipped configuration (its departments, phones in full
 * for managers) and the test directory. */
static void open_desk(const char *name)
{
    desk_fixture_open(&fx, name);
    ck_assert_msg(fd_config_load_file(NULL, &cfg, &err) == FD_OK, "%s", err.message);
    fx.desk->config = cfg;
    desk_fixture_directory(&fx);
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

/* A resident of A-1203 asking about the water cut, by phone, still open. */
static fd_call_intake enquiry(void)
{
    return (fd_call_intake){
        .channel = FD_CALL_PHONE, .caller = "张伟", .unit = "A-1203", .phone = "138 1234 5678",
        .matter = FD_MATTER_ENQUIRY, .question = "明天几点停水？\n要停多久？",
    };
}

static int64_t take(fd_call_intake in)
{
    int64_t id = 0;
    ASSERT_OK(fd_call_take(fx.desk, &fx.receptionist, &in, &id, &err));
    return id;
}

static fd_call_entry *get(int64_t id, const fd_actor *who)
{
    static fd_call_entry e;
    ASSERT_OK(fd_call_get(fx.desk, who, id, &e, &err));
    return &e;
}

START_TEST(an_entry_is_taken_with_its_unit_from_the_directory)
{
    open_desk("take.db");
    fd_call_intake in = enquiry();
    in.unit = "Z-9";  /* not the directory's: kept as typed */
    int64_t typed = take(in);
    fd_call_entry *e = get(typed, &fx.receptionist);
    ck_assert_int_eq(e->unit_id, 0);
    ck_assert_str_eq(e->unit, "Z-9");

    int64_t id = take(enquiry());
    e = get(id, &fx.receptionist);
    ck_assert_int_gt(e->unit_id, 0);
    int64_t known = e->unit_id;
    ck_assert_str_eq(e->unit, "A-1203");
    ck_assert_int_eq(e->state, FD_CALL_STATE_OPEN);
    ck_assert_int_eq(e->channel, FD_CALL_PHONE);
    ck_assert_int_eq(e->matter, FD_MATTER_ENQUIRY);
    ck_assert_int_eq(e->received_at, fx.now);
    ck_assert_str_eq(e->caller, "张伟");
    ck_assert_str_eq(e->question, "明天几点停水？\n要停多久？");
    ck_assert_str_eq(e->answer, "");
    ck_assert_int_eq(e->answers, 0);
    ck_assert_int_eq(e->closed_at, 0);
    /* Phones: masked for the desk, in full for the duty manager. */
    ck_assert_str_eq(e->phone, "138****5678");
    ck_assert(!e->phone_in_full);
    e = get(id, &fx.duty_manager);
    ck_assert_str_eq(e->phone, "13812345678");
    ck_assert(e->phone_in_full);

    /* Picked from the directory: its code, whatever was typed. */
    int64_t unit_id = e->unit_id;
    in = enquiry();
    in.unit_id = unit_id;
    in.unit = "";
    e = get(take(in), &fx.receptionist);
    ck_assert_int_eq(e->unit_id, unit_id);
    ck_assert_str_eq(e->unit, "A-1203");

    /* Typed in an input method's full-width mode, the code is the same unit. */
    in = enquiry();
    in.unit = "Ａ－１２０３";
    e = get(take(in), &fx.receptionist);
    ck_assert_int_eq(e->unit_id, known);
    ck_assert_str_eq(e->unit, "A-1203");
    close_desk();
}
END_TEST

static void keep_first_occupant(void *ctx, const fd_dir_entry *e)
{
    int64_t *id = ctx;
    if (!*id)
        *id = e->id;
}

/* 王芳 of A-1204, as the desk's picker finds her. */
static int64_t occupant_wang_fang(void)
{
    int64_t id = 0;
    ASSERT_OK(fd_directory_search(fx.desk, &fx.receptionist, FD_DIR_OCCUPANT, "王芳", 1,
                                  keep_first_occupant, &id, &err));
    ck_assert_int_gt(id, 0);
    return id;
}

/* A caller picked from the directory with no phone typed is taken with the directory's
 * number, in full, though the desk saw it masked; a typed phone is taken as typed. */
/* The desk is told of a unit the directory lacks by the core, which finds units as an
 * entry stores them: full-width forms folded, a code in either case (the directory keeps
 * codes in upper case: "a-1203" and "A-1203" are one unit, as for a visitee). */
START_TEST(the_core_says_whether_a_typed_unit_is_in_the_directory)
{
    open_desk("unit_known.db");
    bool known = false;
    ASSERT_OK(fd_call_unit_known(fx.desk, "A-1203", &known, &err));
    ck_assert(known);
    ASSERT_OK(fd_call_unit_known(fx.desk, "Ａ－１２０３", &known, &err));
    ck_assert(known);
    ASSERT_OK(fd_call_unit_known(fx.desk, "ａ－１２０３", &known, &err));
    ck_assert(known);
    ASSERT_OK(fd_call_unit_known(fx.desk, "Z-9", &known, &err));
    ck_assert(!known);
    ASSERT_OK(fd_call_unit_known(fx.desk, "", &known, &err));
    ck_assert(!known);
    /* What it says is what an entry does: the unit typed full-width is the directory's. */
    fd_call_intake in = enquiry();
    in.unit = "Ａ－１２０３";
    ck_assert_int_gt(get(take(in), &fx.receptionist)->unit_id, 0);
    in.unit = "a-1203";
    const fd_call_entry *lower = get(take(in), &fx.receptionist);
    ck_assert_int_gt(lower->unit_id, 0);
    ck_assert_str_eq(lower->unit, "A-1203");
    close_desk();
}
END_TEST

START_TEST(a_picked_caller_brings_the_phone_of_the_directory)
{
    open_desk("picked.db");
    fd_call_intake in = enquiry();
    in.caller = "王芳";
    in.unit = "A-1204";
    in.phone = "";
    in.occupant_id = occupant_wang_fang();
    int64_t id = take(in);
    ck_assert_str_eq(get(id, &fx.receptionist)->phone, "010-****5678");
    ck_assert_str_eq(get(id, &fx.duty_manager)->phone, "010-62345678");

    in.phone = "13900001111";
    ck_assert_str_eq(get(take(in), &fx.duty_manager)->phone, "13900001111");
    in.phone = "";
    in.occupant_id = 9999;
    ASSERT_REFUSED(fd_call_take(fx.desk, &fx.receptionist, &in, &id, &err), FD_NOT_FOUND, "caller",
                   "directory");
    close_desk();
}
END_TEST

START_TEST(intake_refusals_name_their_field)
{
    open_desk("refusals.db");
    fd_call_intake in = enquiry();
    in.caller = "  ";
    ASSERT_REFUSED(fd_call_take(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "caller", "who called");
    in = enquiry();
    in.question = "";
    ASSERT_REFUSED(fd_call_take(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "question", "asked");
    in = enquiry();
    in.phone = "12345";
    ASSERT_REFUSED(fd_call_take(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "phone", "");
    in = enquiry();
    in.matter = (fd_call_matter)42;
    ASSERT_REFUSED(fd_call_take(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "matter", "listed");
    in = enquiry();
    in.received_at = fx.now + 600;
    ASSERT_REFUSED(fd_call_take(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "received_at", "future");
    in = enquiry();
    in.department = "财务部";
    ASSERT_REFUSED(fd_call_take(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "department", "configured");
    in = enquiry();
    in.person = "王工";
    ASSERT_REFUSED(fd_call_take(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "department", "department");
    in = enquiry();
    in.done = true;
    ASSERT_REFUSED(fd_call_take(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "answer", "answer");
    /* Left open, it is called back: a phone, or a unit the directory knows. */
    in = enquiry();
    in.phone = "";
    in.unit = "Z-9999";
    ASSERT_REFUSED(fd_call_take(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "phone", "call back");
    in.unit = "A-1203";
    ASSERT_OK(fd_call_take(fx.desk, &fx.receptionist, &in, NULL, &err));
    /* The administrator does not work the desk. */
    in = enquiry();
    ck_assert_int_eq(fd_call_take(fx.desk, &fx.admin, &in, NULL, &err), FD_DENIED);
    close_desk();
}
END_TEST

START_TEST(answered_and_done_at_the_desk_in_one_go)
{
    open_desk("done.db");
    fd_call_intake in = {
        .channel = FD_CALL_VISIT, .caller = "一位访客", .matter = FD_MATTER_ENQUIRY,
        .question = "快递柜在哪里？", .answer = "在北门左侧。", .done = true,
    };
    int64_t id = take(in);
    fd_call_entry *e = get(id, &fx.receptionist);
    ck_assert_int_eq(e->state, FD_CALL_STATE_CLOSED);
    ck_assert_int_eq(e->closed_at, fx.now);
    ck_assert_str_eq(e->answer, "在北门左侧。");
    ck_assert_str_eq(e->unit, "");
    ck_assert_str_eq(e->phone, "");
    char state[FD_STATE_MAX];
    ASSERT_OK(fd_machine_state(fx.desk, &fd_call_machine, id, state, &err));
    ck_assert_str_eq(state, "closed");
    close_desk();
}
END_TEST

START_TEST(answers_referrals_and_closing_are_events)
{
    open_desk("steps.db");
    int64_t id = take(enquiry());
    ASSERT_REFUSED(fd_call_answer(fx.desk, &fx.receptionist, id, " ", &err), FD_INVALID, "answer", "answer");
    ASSERT_REFUSED(fd_call_refer(fx.desk, &fx.receptionist, id, "人事部", "", &err), FD_INVALID, "department", "configured");
    /* Closing with nothing answered wants a note. */
    ASSERT_REFUSED(fd_call_close(fx.desk, &fx.receptionist, id, "", &err), FD_INVALID, "note", "No answer");
    ck_assert_int_eq(fd_call_may(fx.desk, id, FD_CALL_STATE_OPEN, FD_CALL_STEP_CLOSE, &fx.receptionist, NULL), FD_INVALID);

    fx.now += 600;
    ASSERT_OK(fd_call_refer(fx.desk, &fx.receptionist, id, "工程部", "王工", &err));
    fx.now += 600;
    ASSERT_OK(fd_call_answer(fx.desk, &fx.receptionist, id, "工程部回复：明早8点至12点停水。", &err));
    fd_call_entry *e = get(id, &fx.receptionist);
    ck_assert_str_eq(e->department, "工程部");
    ck_assert_str_eq(e->person, "王工");
    ck_assert_int_eq(e->answers, 1);
    ck_assert_str_eq(e->answer, "工程部回复：明早8点至12点停水。");
    ck_assert_int_eq(fd_call_may(fx.desk, id, FD_CALL_STATE_OPEN, FD_CALL_STEP_ANSWER, &fx.admin, NULL), FD_DENIED);

    fx.now += 600;
    ASSERT_OK(fd_call_close(fx.desk, &fx.receptionist, id, NULL, &err));
    e = get(id, &fx.receptionist);
    ck_assert_int_eq(e->state, FD_CALL_STATE_CLOSED);
    ck_assert_int_eq(e->closed_at, fx.now);
    /* Done is done: a new call is a new entry. */
    for (int step = 0; step < FD_CALL_STEP_COUNT; step++)
        ck_assert_int_eq(fd_call_may(fx.desk, id, FD_CALL_STATE_CLOSED, (fd_call_step)step, &fx.receptionist, NULL), FD_STATE);
    ck_assert_int_eq(fd_call_answer(fx.desk, &fx.receptionist, id, "再次说明", &err), FD_STATE);
    ck_assert_int_eq(fd_call_close(fx.desk, &fx.receptionist, id, "重复", &err), FD_STATE);
    ck_assert_int_eq(fd_call_answer(fx.desk, &fx.receptionist, id + 100, "无此记录", &err), FD_NOT_FOUND);

    /* A closing note alone will do when nobody could answer. */
    int64_t other = take(enquiry());
    ASSERT_OK(fd_call_close(fx.desk, &fx.receptionist, other, "来电人挂断，回拨无人接听。", &err));
    close_desk();
}
END_TEST

typedef struct lines {
    char text[16][256];
    int count;
} lines;

static void keep_line(void *ctx, const fd_call_line *l)
{
    lines *ls = ctx;
    if (ls->count == 16)
        return;
    if (l->field)
        snprintf(ls->text[ls->count++], 256, "%s %s: %s -> %s (%s) %s", l->event, l->field,
                 l->old_value, l->value, l->reason, l->staff);
    else
        snprintf(ls->text[ls->count++], 256, "%s %s|%s|%s %s", l->event, l->text ? l->text : "",
                 l->department ? l->department : "", l->person ? l->person : "", l->staff);
}

START_TEST(corrections_keep_the_old_value_and_history_shows_both)
{
    open_desk("correct.db");
    int64_t id = take(enquiry());
    ASSERT_REFUSED(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_CALLER, "张薇", "", &err),
                   FD_INVALID, "reason", "reason");
    ASSERT_REFUSED(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_PHONE, "123", "听错", &err),
                   FD_INVALID, "value", "");
    ASSERT_REFUSED(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_MATTER, "gossip", "选错", &err),
                   FD_INVALID, "value", "listed");
    ck_assert_int_eq(fd_call_correct(fx.desk, &fx.admin, id, FD_CALL_FIELD_CALLER, "张薇", "听错", &err), FD_DENIED);
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_CALLER, "张薇", "听错了名字", &err));
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_CALLER, "张维", "业主再次确认", &err));
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_MATTER, "repair", "实为报修", &err));
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_PHONE, "13900001111", "号码记错", &err));
    fd_call_entry *e = get(id, &fx.receptionist);
    ck_assert_str_eq(e->caller, "张维");
    ck_assert_int_eq(e->matter, FD_MATTER_REPAIR);
    ck_assert_str_eq(e->phone, "139****1111");
    ck_assert(e->corrected);

    lines ls = {0};
    ASSERT_OK(fd_call_history(fx.desk, &fx.receptionist, id, keep_line, &ls, &err));
    ck_assert_int_eq(ls.count, 5);
    /* The taking carries the question as taken in. */
    ck_assert_str_eq(ls.text[0], "take 明天几点停水？\n要停多久？|| 李娜");
    ck_assert_str_eq(ls.text[1], "correct Caller: 张伟 -> 张薇 (听错了名字) 李娜");
    ck_assert_str_eq(ls.text[2], "correct Caller: 张薇 -> 张维 (业主再次确认) 李娜");
    ck_assert_str_eq(ls.text[3], "correct Matter: Enquiry -> Repair (实为报修) 李娜");
    ck_assert_str_eq(ls.text[4], "correct Phone: 138****5678 -> 139****1111 (号码记错) 李娜");
    ls.count = 0;
    ASSERT_OK(fd_call_history(fx.desk, &fx.duty_manager, id, keep_line, &ls, &err));
    ck_assert_str_eq(ls.text[4], "correct Phone: 13812345678 -> 13900001111 (号码记错) 李娜");
    close_desk();
}
END_TEST

/* The unit as it reads now is the directory's when it knows the corrected code, and
 * none when it does not: the page's "not in the directory" follows it. */
START_TEST(a_corrected_unit_is_found_in_the_directory)
{
    open_desk("unit.db");
    int64_t known = get(take(enquiry()), &fx.receptionist)->unit_id;
    fd_call_intake in = enquiry();
    in.unit = "Z-9";
    int64_t id = take(in);
    ck_assert_int_eq(get(id, &fx.receptionist)->unit_id, 0);
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_UNIT, "Ａ－１２０３", "听错了单元", &err));
    fd_call_entry *e = get(id, &fx.receptionist);
    ck_assert_str_eq(e->unit, "A-1203");
    ck_assert_int_eq(e->unit_id, known);
    /* Typed in lower case, it is the directory's code, linked as well. */
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_UNIT, "z-9", "再改", &err));
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_UNIT, "a-1203", "听错了单元", &err));
    e = get(id, &fx.receptionist);
    ck_assert_str_eq(e->unit, "A-1203");
    ck_assert_int_eq(e->unit_id, known);
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_UNIT, "Z-10", "访客，非业户", &err));
    e = get(id, &fx.receptionist);
    ck_assert_str_eq(e->unit, "Z-10");
    ck_assert_int_eq(e->unit_id, 0);
    close_desk();
}
END_TEST

START_TEST(records_are_append_only)
{
    open_desk("append.db");
    int64_t id = take(enquiry());
    ASSERT_OK(fd_call_answer(fx.desk, &fx.receptionist, id, "明早停水。", &err));
    ASSERT_OK(fd_call_refer(fx.desk, &fx.receptionist, id, "工程部", "", &err));
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE call_entry SET caller = 'x'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "DELETE FROM call_answer"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE call_referral SET person = 'x'"), 0);
    close_desk();
}
END_TEST

typedef struct ids {
    int64_t id[16];
    int count;
    fd_call_entry last;
} ids;

static void keep_id(void *ctx, const fd_call_entry *e)
{
    ids *l = ctx;
    if (l->count < 16)
        l->id[l->count++] = e->id;
    l->last = *e;
}

static ids list_as(const fd_actor *who, fd_call_view view, const char *text,
                   const fd_call_entry *after, int limit)
{
    ids l = {0};
    fd_call_query q = {view, text, after, limit};
    ASSERT_OK(fd_calls_list(fx.desk, who, &q, keep_id, &l, &err));
    return l;
}

static ids list(fd_call_view view, const char *text, const fd_call_entry *after, int limit)
{
    return list_as(&fx.receptionist, view, text, after, limit);
}

START_TEST(lists_show_today_and_what_is_open_and_search_history)
{
    open_desk("lists.db");
    fd_time today = fx.now;
    /* Three days ago: one left open, one done. */
    fx.now -= 3 * DAY;
    int64_t old_open = take(enquiry());
    fd_call_intake done = enquiry();
    done.caller = "王芳";
    done.unit = "A-1204";
    done.phone = "010-62345678";
    done.answer = "已告知。";
    done.done = true;
    int64_t old_done = take(done);
    fx.now = today - 3600;
    fd_call_intake walk_in = {.channel = FD_CALL_VISIT, .caller = "Smith", .unit = "A-1203",
                              .matter = FD_MATTER_SUGGESTION, .question = "建议大堂增加座椅。",
                              .answer = "已记录，转客服部。", .done = true};
    int64_t today_done = take(walk_in);
    fx.now = today;
    int64_t today_open = take(enquiry());

    ids l = list(FD_CALL_VIEW_DESK, NULL, NULL, 10);
    ck_assert_int_eq(l.count, 3);
    ck_assert_int_eq(l.id[0], today_open);
    ck_assert_int_eq(l.id[1], today_done);
    ck_assert_int_eq(l.id[2], old_open);
    /* Page by page. */
    l = list(FD_CALL_VIEW_DESK, NULL, NULL, 2);
    ck_assert_int_eq(l.count, 2);
    l = list(FD_CALL_VIEW_DESK, NULL, &l.last, 2);
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.id[0], old_open);

    l = list(FD_CALL_VIEW_OPEN, NULL, NULL, 10);
    ck_assert_int_eq(l.count, 2);
    ck_assert_int_eq(l.id[0], old_open);
    ck_assert_int_eq(l.id[1], today_open);

    l = list(FD_CALL_VIEW_SEARCH, "王", NULL, 10);
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.id[0], old_done);
    l = list(FD_CALL_VIEW_SEARCH, "A-12", NULL, 10);
    ck_assert_int_eq(l.count, 4);
    l = list(FD_CALL_VIEW_SEARCH, "a-12", NULL, 10); /* the directory's code, typed in lower case */
    ck_assert_int_eq(l.count, 4);
    l = list(FD_CALL_VIEW_SEARCH, "Ａ－１２", NULL, 10); /* typed in full-width mode */
    ck_assert_int_eq(l.count, 4);
    l = list(FD_CALL_VIEW_SEARCH, "13812345678", NULL, 10);
    ck_assert_int_eq(l.count, 2);
    l = list(FD_CALL_VIEW_SEARCH, "010 6234 5678", NULL, 10);
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.id[0], old_done);
    /* The digits a mask shows, typed in either width, find every phone showing them;
     * digits the desk sees masked find nothing for it (138****5678: trying them one by
     * one would read them), but do for a reader of phones in full. */
    l = list(FD_CALL_VIEW_SEARCH, "５６７８", NULL, 10);
    ck_assert_int_eq(l.count, 3);
    l = list(FD_CALL_VIEW_SEARCH, "138", NULL, 10);
    ck_assert_int_eq(l.count, 2);
    l = list(FD_CALL_VIEW_SEARCH, "1381234", NULL, 10);
    ck_assert_int_eq(l.count, 0);
    l = list(FD_CALL_VIEW_SEARCH, "12345", NULL, 10);
    ck_assert_int_eq(l.count, 0);
    l = list_as(&fx.duty_manager, FD_CALL_VIEW_SEARCH, "１２３ ４５", NULL, 10);
    ck_assert_int_eq(l.count, 2);
    /* A corrected caller is found under the new name. */
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, today_done, FD_CALL_FIELD_CALLER, "Smith, John", "全名", &err));
    l = list(FD_CALL_VIEW_SEARCH, "Smith, J", NULL, 10);
    ck_assert_int_eq(l.count, 1);
    l = list(FD_CALL_VIEW_SEARCH, "", NULL, 10);
    ck_assert_int_eq(l.count, 4);

    fd_call_query bad = {FD_CALL_VIEW_DESK, NULL, NULL, 0};
    ck_assert_int_eq(fd_calls_list(fx.desk, &fx.receptionist, &bad, keep_id, &l, &err), FD_INVALID);
    ck_assert_int_eq(fd_call_get(fx.desk, &fx.receptionist, 999, &l.last, &err), FD_NOT_FOUND);
    close_desk();
}
END_TEST

/* The search finds by the matter's label as the desk reads it (the tests' are English),
 * as taken in or as corrected, beside what it finds by caller and unit. */
START_TEST(search_finds_entries_by_their_matter)
{
    open_desk("matters.db");
    int64_t enquiring = take(enquiry());
    fd_call_intake in = enquiry();
    in.matter = FD_MATTER_REPAIR;
    in.caller = "Re Wei"; /* a caller starting as a label does: found by both */
    int64_t repairing = take(in);
    in.matter = FD_MATTER_COMPLAINT;
    in.caller = "李明";
    int64_t complaining = take(in);

    ids l = list(FD_CALL_VIEW_SEARCH, "Repair", NULL, 10);
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.id[0], repairing);
    l = list(FD_CALL_VIEW_SEARCH, "Re", NULL, 10); /* Repair, Request for help, Re Wei */
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.id[0], repairing);
    l = list(FD_CALL_VIEW_SEARCH, "Compl", NULL, 10);
    ck_assert_int_eq(l.count, 1);
    ck_assert_int_eq(l.id[0], complaining);
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, enquiring, FD_CALL_FIELD_MATTER, "complaint",
                              "实为投诉", &err));
    l = list(FD_CALL_VIEW_SEARCH, "Complaint", NULL, 10);
    ck_assert_int_eq(l.count, 2);
    ck_assert_int_eq(l.id[0], complaining);
    ck_assert_int_eq(l.id[1], enquiring);
    l = list(FD_CALL_VIEW_SEARCH, "Suggestion", NULL, 10);
    ck_assert_int_eq(l.count, 0);
    close_desk();
}
END_TEST

START_TEST(an_entry_becomes_a_complaint_through_its_intake)
{
    open_desk("complaint.db");
    fd_call_intake in = enquiry();
    in.matter = FD_MATTER_COMPLAINT;
    in.question = "楼上装修噪音，晚上十点还在打钻。";
    int64_t id = take(in);
    fd_time called = fx.now;
    /* Turned into a complaint the next afternoon: the manual's days ran from the call. */
    fx.now += 30 * 3600;
    int64_t complaint = 0;
    ck_assert_int_eq(fd_call_may(fx.desk, id, FD_CALL_STATE_OPEN, FD_CALL_STEP_COMPLAIN, &fx.receptionist, NULL), FD_OK);
    ASSERT_OK(fd_call_to_complaint(fx.desk, &fx.receptionist, id, FD_CATEGORY_OTHER, FD_SEVERITY_GENERAL,
                                   &complaint, &err));
    ck_assert_int_gt(complaint, 0);
    fd_call_entry *e = get(id, &fx.receptionist);
    ck_assert_int_eq(e->complaint_id, complaint);
    ck_assert_int_eq(e->state, FD_CALL_STATE_CLOSED);
    /* The complaint says what the entry said, and came in as the call did. */
    fd_complaint_detail c;
    ASSERT_OK(fd_complaint_get(fx.desk, &fx.duty_manager, complaint, &c, &err));
    ck_assert_str_eq(c.complainant, "张伟");
    ck_assert_str_eq(c.unit, "A-1203");
    ck_assert_str_eq(c.phone, "13812345678");
    ck_assert_str_eq(c.content, "楼上装修噪音，晚上十点还在打钻。");
    ck_assert_int_eq(c.channel, FD_CHANNEL_PHONE);
    ck_assert_int_eq(c.severity, FD_SEVERITY_GENERAL);
    ck_assert_int_eq(c.received_at, called);
    ck_assert_int_eq(c.due_at, fd_complaint_due(cfg, FD_SORT_COMPLAINT, FD_SEVERITY_GENERAL,
                                                FD_DUE_RECTIFY, called));
    fd_complaint_detail_free(&c);
    lines ls = {0};
    ASSERT_OK(fd_call_history(fx.desk, &fx.receptionist, id, keep_line, &ls, &err));
    ck_assert_int_eq(ls.count, 2);
    ck_assert_str_eq(ls.text[1], "complain || 李娜");
    /* Once is all. */
    ck_assert_int_eq(fd_call_to_complaint(fx.desk, &fx.receptionist, id, FD_CATEGORY_OTHER,
                                          FD_SEVERITY_GENERAL, NULL, &err), FD_CONFLICT);

    /* A walk-in with no phone: the complaint's intake wants one for the return visit,
     * and nothing is written. */
    fd_call_intake walk_in = {.channel = FD_CALL_VISIT, .caller = "王芳", .unit = "A-1204",
                              .matter = FD_MATTER_COMPLAINT, .question = "保洁不到位"};
    int64_t other = take(walk_in);
    ASSERT_REFUSED(fd_call_to_complaint(fx.desk, &fx.receptionist, other, FD_CATEGORY_ATTITUDE,
                                        FD_SEVERITY_MAJOR, NULL, &err), FD_INVALID, "phone", "phone");
    ck_assert_int_eq(get(other, &fx.receptionist)->state, FD_CALL_STATE_OPEN);
    ASSERT_REFUSED(fd_call_to_complaint(fx.desk, &fx.receptionist, other, (fd_complaint_category)77,
                                        FD_SEVERITY_MAJOR, NULL, &err), FD_INVALID, "category", "");
    ck_assert_int_eq(fd_call_to_complaint(fx.desk, &fx.admin, id + 100, FD_CATEGORY_OTHER,
                                          FD_SEVERITY_GENERAL, NULL, &err), FD_NOT_FOUND);
    close_desk();
}
END_TEST

START_TEST(export_gives_each_entry_whole_with_phones_masked)
{
    open_desk("export.db");
    int64_t id = take(enquiry());
    fx.now += 600;
    ASSERT_OK(fd_call_refer(fx.desk, &fx.receptionist, id, "工程部", "王工", &err));
    ASSERT_OK(fd_call_answer(fx.desk, &fx.receptionist, id, "明早停水四小时。", &err));
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, id, FD_CALL_FIELD_PHONE, "13900001111", "号码记错", &err));
    ASSERT_OK(fd_call_close(fx.desk, &fx.receptionist, id, NULL, &err));
    fd_date today = fd_date_of(fx.now);
    fd_export_request req = {fd_date_start(today), fd_date_start(today + 1), FD_EXPORT_CSV, false, false};
    fd_status status;
    char *csv = desk_fixture_export(&fx, fd_calls_export, &fx.duty_manager, &req, &status, NULL, &err);
    ck_assert_msg(status == FD_OK, "%s", err.message);
    ck_assert_msg(strstr(csv, "Register number,Call or visit time,Taken by,Call or visit,Caller,"), "%s", csv);
    ck_assert_msg(strstr(csv, ",Phone,张伟,A-1203,yes,139****1111,Enquiry,"), "%s", csv);
    ck_assert_msg(strstr(csv, "明早停水四小时。 (李娜, "), "%s", csv);
    ck_assert_msg(strstr(csv, "工程部 王工 (李娜, "), "%s", csv);
    ck_assert_msg(strstr(csv, ",Dealt with,"), "%s", csv);
    ck_assert_msg(strstr(csv, "138****5678 → 139****1111"), "%s", csv);
    ck_assert_ptr_null(strstr(csv, "13812345678"));
    free(csv);
    req.unmasked = true;
    req.format = FD_EXPORT_JSON;
    char *json = desk_fixture_export(&fx, fd_calls_export, &fx.duty_manager, &req, &status, NULL, &err);
    ck_assert_msg(status == FD_OK, "%s", err.message);
    ck_assert_msg(strstr(json, "\"phone\": \"13900001111\"") && strstr(json, "\"matter\": \"enquiry\""), "%s", json);
    free(json);
    /* The desk does not export; nor does it see phones in full. */
    free(desk_fixture_export(&fx, fd_calls_export, &fx.receptionist, &req, &status, NULL, &err));
    ck_assert_int_eq(status, FD_DENIED);
    close_desk();
}
END_TEST

START_TEST(choice_lists_read_back_their_names)
{
    ck_assert_int_eq(fd_call_choice_count(FD_CALL_LIST_MATTER), 6);
    ck_assert_str_eq(fd_call_choice_name(FD_CALL_LIST_CHANNEL, FD_CALL_VISIT), "visit");
    ck_assert_int_eq(fd_call_choice_parse(FD_CALL_LIST_MATTER, "suggestion"), FD_MATTER_SUGGESTION);
    ck_assert_int_eq(fd_call_choice_parse(FD_CALL_LIST_MATTER, "nonsense"), -1);
    ck_assert_str_eq(fd_call_choice_name(FD_CALL_LIST_STATE, 7), "");
    ck_assert_str_eq(fd_call_choice_label(FD_CALL_LIST_STATE, FD_CALL_STATE_CLOSED), "Dealt with");
}
END_TEST

/* ---- repair requests handed to engineering ---- */

/* A leak reported from A-1203, by phone, still open. */
static int64_t leak(void)
{
    fd_call_intake in = enquiry();
    in.matter = FD_MATTER_REPAIR;
    in.question = "卫生间水管漏水";
    return take(in);
}

static int64_t hand(int64_t call_id, const char *what, const char *person)
{
    int64_t repair_id = 0;
    fd_repair_handover h = {what, "工程部", person};
    ASSERT_OK(fd_call_to_repair(fx.desk, &fx.receptionist, call_id, &h, &repair_id, &err));
    return repair_id;
}

static fd_repair *repair(int64_t id)
{
    static fd_repair r;
    ASSERT_OK(fd_repair_get(fx.desk, id, &r, &err));
    return &r;
}

START_TEST(a_repair_goes_to_engineering_and_the_entry_points_to_it)
{
    open_desk("repair.db");
    int64_t call = leak();
    fx.now += 300;
    int64_t id = hand(call, "", "王工");
    fd_repair *r = repair(id);
    ck_assert_int_eq(r->call_id, call);
    ck_assert_int_eq(r->state, FD_REPAIR_HANDED);
    ck_assert_str_eq(r->what, "卫生间水管漏水"); /* the question, when nothing else is said */
    ck_assert_str_eq(r->unit, "A-1203");
    ck_assert_str_eq(r->department, "工程部");
    ck_assert_str_eq(r->person, "王工");
    ck_assert_str_eq(r->caller, "张伟");
    ck_assert_int_eq(r->handed_at, fx.now);
    ck_assert_str_eq(r->handed_by, "李娜");
    ck_assert_int_eq(r->done_at, 0);
    /* The entry is dealt with and points to its request. */
    fd_call_entry *e = get(call, &fx.receptionist);
    ck_assert_int_eq(e->state, FD_CALL_STATE_CLOSED);
    ck_assert_int_eq(e->closed_at, fx.now);
    ck_assert_int_eq(e->repair_id, id);
    ck_assert_int_eq(e->repair_state, FD_REPAIR_HANDED);
    long open = 0;
    ASSERT_OK(fd_repairs_open_count(fx.desk, &open, &err));
    ck_assert_int_eq(open, 1);
    /* Once only. */
    fd_repair_handover again = {"", "工程部", ""};
    ASSERT_REFUSED(fd_call_to_repair(fx.desk, &fx.receptionist, call, &again, NULL, &err), FD_STATE, "", "");
    close_desk();
}
END_TEST

START_TEST(only_a_repair_goes_and_the_handover_is_checked)
{
    open_desk("repair_refusals.db");
    int64_t enquiry_id = take(enquiry());
    fd_repair_handover h = {"水管", "工程部", ""};
    ASSERT_REFUSED(fd_call_to_repair(fx.desk, &fx.receptionist, enquiry_id, &h, NULL, &err), FD_INVALID,
                   "", "matter");
    ck_assert_int_eq(fd_call_may(fx.desk, enquiry_id, FD_CALL_STATE_OPEN, FD_CALL_STEP_REPAIR,
                                 &fx.receptionist, NULL), FD_INVALID);
    /* Corrected to a repair, it goes. */
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, enquiry_id, FD_CALL_FIELD_MATTER, "repair", "其实是报修", &err));
    ck_assert_int_eq(fd_call_may(fx.desk, enquiry_id, FD_CALL_STATE_OPEN, FD_CALL_STEP_REPAIR,
                                 &fx.receptionist, NULL), FD_OK);
    int64_t call = leak();
    fd_repair_handover bad = {"水管", "财务部", ""};
    ASSERT_REFUSED(fd_call_to_repair(fx.desk, &fx.receptionist, call, &bad, NULL, &err), FD_INVALID,
                   "department", "");
    bad = (fd_repair_handover){"水管", "工程部", "一个名字长得超过了三十二个字的人一个名字长得超过了三十二个字的人还有更多"};
    ASSERT_REFUSED(fd_call_to_repair(fx.desk, &fx.receptionist, call, &bad, NULL, &err), FD_INVALID,
                   "person", "");
    ASSERT_REFUSED(fd_call_to_repair(fx.desk, &fx.receptionist, 9999, &h, NULL, &err), FD_NOT_FOUND, "", "");
    /* A closed entry is not handed over. */
    ASSERT_OK(fd_call_close(fx.desk, &fx.receptionist, call, "业主自己修好了", &err));
    ASSERT_REFUSED(fd_call_to_repair(fx.desk, &fx.receptionist, call, &h, NULL, &err), FD_STATE, "", "");
    close_desk();
}
END_TEST

START_TEST(engineering_reports_it_done_with_who_when_and_what)
{
    open_desk("repair_done.db");
    int64_t id = hand(leak(), "更换卫生间水管接头", "");
    fd_time handed = fx.now;
    fx.now += 3 * 3600;
    ASSERT_REFUSED(fd_repair_done(fx.desk, &fx.receptionist, id, "", 0, "换了接头", &err), FD_INVALID,
                   "reported_by", "");
    ASSERT_REFUSED(fd_repair_done(fx.desk, &fx.receptionist, id, "王工", 0, "  ", &err), FD_INVALID,
                   "work", "");
    ASSERT_REFUSED(fd_repair_done(fx.desk, &fx.receptionist, id, "王工", fx.now + 60, "换了接头", &err),
                   FD_INVALID, "done_at", "");
    ASSERT_REFUSED(fd_repair_done(fx.desk, &fx.receptionist, id, "王工", handed - 60, "换了接头", &err),
                   FD_INVALID, "done_at", "");
    ASSERT_OK(fd_repair_done(fx.desk, &fx.receptionist, id, "王工", handed + 3600, "换了接头", &err));
    fd_repair *r = repair(id);
    ck_assert_int_eq(r->state, FD_REPAIR_DONE);
    ck_assert_str_eq(r->reported_by, "王工");
    ck_assert_int_eq(r->done_at, handed + 3600);
    ck_assert_str_eq(r->work, "换了接头");
    long open = 1;
    ASSERT_OK(fd_repairs_open_count(fx.desk, &open, &err));
    ck_assert_int_eq(open, 0);
    /* Done is done: neither again nor withdrawn. */
    ASSERT_REFUSED(fd_repair_done(fx.desk, &fx.receptionist, id, "王工", 0, "又修了", &err), FD_STATE, "", "");
    ASSERT_REFUSED(fd_repair_cancel(fx.desk, &fx.duty_manager, id, "不需要", &err), FD_STATE, "", "");
    ck_assert_int_eq(fd_repair_may(fx.desk, id, FD_REPAIR_DONE, FD_REPAIR_STEP_DONE, &fx.receptionist),
                     FD_STATE);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE call_repair_done SET work = 'x'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "DELETE FROM call_repair"), 0);
    close_desk();
}
END_TEST

START_TEST(a_manager_withdraws_a_request_with_a_reason)
{
    open_desk("repair_cancel.db");
    int64_t id = hand(leak(), "", "");
    ck_assert_int_eq(fd_repair_may(fx.desk, id, FD_REPAIR_HANDED, FD_REPAIR_STEP_CANCEL, &fx.receptionist),
                     FD_DENIED);
    /* A manager may, once the reason is given. */
    ck_assert_int_eq(fd_repair_may(fx.desk, id, FD_REPAIR_HANDED, FD_REPAIR_STEP_CANCEL, &fx.duty_manager),
                     FD_INVALID);
    ASSERT_REFUSED(fd_repair_cancel(fx.desk, &fx.receptionist, id, "业主自己修好了", &err), FD_DENIED, "", "");
    ASSERT_REFUSED(fd_repair_cancel(fx.desk, &fx.duty_manager, id, " ", &err), FD_INVALID, "reason", "");
    fx.now += 600;
    ASSERT_OK(fd_repair_cancel(fx.desk, &fx.duty_manager, id, "业主自己修好了", &err));
    fd_repair *r = repair(id);
    ck_assert_int_eq(r->state, FD_REPAIR_CANCELLED);
    ck_assert_int_eq(r->cancelled_at, fx.now);
    ck_assert_str_eq(r->cancel_reason, "业主自己修好了");
    ck_assert_int_eq(get(r->call_id, &fx.receptionist)->repair_state, FD_REPAIR_CANCELLED);
    close_desk();
}
END_TEST

static void keep_open(void *ctx, const fd_repair *r)
{
    ids *l = ctx;
    if (l->count < 16)
        l->id[l->count++] = r->id;
}

START_TEST(history_and_corrections_old_to_new_and_the_open_list)
{
    open_desk("repair_history.db");
    int64_t first = hand(leak(), "", "");
    fx.now += 60;
    int64_t second = hand(leak(), "门锁坏了", "赵工");
    fx.now += 60;
    ASSERT_REFUSED(fd_repair_correct(fx.desk, &fx.receptionist, first, FD_REPAIR_FIELD_WHAT, "厨房水管漏水", "",
                                     &err), FD_INVALID, "reason", "");
    ASSERT_OK(fd_repair_correct(fx.desk, &fx.receptionist, first, FD_REPAIR_FIELD_WHAT, "厨房水管漏水",
                                "听错了位置", &err));
    ASSERT_OK(fd_repair_done(fx.desk, &fx.receptionist, first, "王工", 0, "换了水管", &err));
    ck_assert_str_eq(repair(first)->what, "厨房水管漏水");
    ck_assert(repair(first)->corrected);
    lines h = {0};
    ASSERT_OK(fd_repair_history(fx.desk, first, keep_line, &h, &err));
    ck_assert_int_eq(h.count, 3);
    ck_assert_str_eq(h.text[0], "hand |工程部| 李娜");
    ck_assert_str_eq(h.text[1], "done 换了水管||王工 李娜");
    ck_assert_str_eq(h.text[2], "correct What is to be repaired: 卫生间水管漏水 -> 厨房水管漏水 (听错了位置) 李娜");
    /* The entry's own history names the request. */
    lines c = {0};
    ASSERT_OK(fd_call_history(fx.desk, &fx.receptionist, repair(first)->call_id, keep_line, &c, &err));
    ck_assert_int_eq(c.count, 2);
    ck_assert_str_eq(c.text[1], "repair || 李娜");
    /* Only the one still with engineering is open. */
    ids open = {0};
    ASSERT_OK(fd_repairs_open(fx.desk, keep_open, &open, &err));
    ck_assert_int_eq(open.count, 1);
    ck_assert_int_eq(open.id[0], second);
    close_desk();
}
END_TEST

/* ---- suggestions collected ---- */

static int64_t suggestion(const char *text, bool done)
{
    fd_call_intake in = enquiry();
    in.matter = FD_MATTER_SUGGESTION;
    in.question = text;
    in.answer = done ? "已转物业经理。" : "";
    in.done = done;
    return take(in);
}

START_TEST(suggestions_are_gathered_with_their_count_by_month)
{
    open_desk("suggestions.db");
    fd_date today = fd_date_of(fx.now);
    int y, m, d;
    fd_date_ymd(today, &y, &m, &d);
    fd_date first = fd_date_from_ymd(y, m, 1);
    fx.now = fd_date_start(first) + 10 * 3600;
    suggestion("大堂加几把椅子", true);
    fx.now -= 20 * DAY; /* last month */
    suggestion("绿化多浇水", false);
    take(enquiry());  /* not a suggestion */
    fx.now += 20 * DAY + 600;
    int64_t corrected = take(enquiry());
    ASSERT_OK(fd_call_correct(fx.desk, &fx.receptionist, corrected, FD_CALL_FIELD_MATTER, "suggestion", "是建议", &err));
    fd_suggestion_tally t;
    fd_time from = fd_date_start(first - 40), to = fd_date_start(first + 25);
    ASSERT_REFUSED(fd_calls_suggestions(fx.desk, &fx.receptionist, from, to, NULL, NULL, &t, &err), FD_DENIED, "", "");
    ids got = {0};
    ASSERT_OK(fd_calls_suggestions(fx.desk, &fx.duty_manager, from, to, keep_id, &got, &t, &err));
    ck_assert_int_eq(got.count, 3);
    ck_assert_int_eq(got.id[2], corrected); /* oldest first */
    ck_assert_int_eq(t.received, 3);
    ck_assert_int_eq(t.dealt_with, 1);
    ck_assert_int_eq(t.open, 2);
    ck_assert_int_eq(t.month_count, 3); /* two months back, last month, this month */
    ck_assert_int_eq(t.months[0].received, 0);
    ck_assert_int_eq(t.months[1].received, 1);
    ck_assert_int_eq(t.months[1].dealt_with, 0);
    ck_assert_int_eq(t.months[2].received, 2);
    ck_assert_int_eq(t.months[2].dealt_with, 1);
    ck_assert_int_eq(t.months[2].month, m);
    /* The list's filter shows the same three, newest first. */
    ids listed = list(FD_CALL_VIEW_SUGGESTIONS, NULL, NULL, 10);
    ck_assert_int_eq(listed.count, 3);
    ck_assert_int_eq(listed.id[0], corrected);
    ASSERT_REFUSED(fd_calls_suggestions(fx.desk, &fx.duty_manager, to, from, NULL, NULL, &t, &err), FD_INVALID, "to", "");
    ASSERT_REFUSED(fd_calls_suggestions(fx.desk, &fx.duty_manager, from, from + 800 * DAY, NULL, NULL, &t, &err),
                   FD_INVALID, "to", "24");
    close_desk();
}
END_TEST

START_TEST(export_shows_the_repair_request_and_its_close_out)
{
    open_desk("repair_export.db");
    /* Written as a sentence: its full stop does not run into the join (。;). */
    int64_t id = hand(leak(), "更换水管接头。", "王工");
    fx.now += 3600;
    ASSERT_OK(fd_repair_done(fx.desk, &fx.receptionist, id, "王工", 0, "换了接头", &err));
    fd_date today = fd_date_of(fx.now);
    fd_export_request req = {fd_date_start(today), fd_date_start(today + 1), FD_EXPORT_CSV, false, false};
    fd_status status;
    char *csv = desk_fixture_export(&fx, fd_calls_export, &fx.duty_manager, &req, &status, NULL, &err);
    ck_assert_msg(status == FD_OK, "%s", err.message);
    ck_assert_msg(strstr(csv, ",Repair request number,Repair request state,Repair request handed over and reported"), "%s", csv);
    char expected[160];
    snprintf(expected, sizeof expected, ",%lld,Done by engineering,\"更换水管接头; handed to 工程部 王工 (李娜, ", (long long)id);
    ck_assert_msg(strstr(csv, expected), "%s", csv);
    ck_assert_msg(strstr(csv, "; done ") && strstr(csv, ", reported by 王工: 换了接头"), "%s", csv);
    free(csv);
    close_desk();
}
END_TEST

static Suite *calls_suite(void)
{
    Suite *s = suite_create("calls");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, an_entry_is_taken_with_its_unit_from_the_directory);
    tcase_add_test(tc, the_core_says_whether_a_typed_unit_is_in_the_directory);
    tcase_add_test(tc, a_picked_caller_brings_the_phone_of_the_directory);
    tcase_add_test(tc, intake_refusals_name_their_field);
    tcase_add_test(tc, answered_and_done_at_the_desk_in_one_go);
    tcase_add_test(tc, answers_referrals_and_closing_are_events);
    tcase_add_test(tc, corrections_keep_the_old_value_and_history_shows_both);
    tcase_add_test(tc, a_corrected_unit_is_found_in_the_directory);
    tcase_add_test(tc, records_are_append_only);
    tcase_add_test(tc, lists_show_today_and_what_is_open_and_search_history);
    tcase_add_test(tc, search_finds_entries_by_their_matter);
    tcase_add_test(tc, an_entry_becomes_a_complaint_through_its_intake);
    tcase_add_test(tc, export_gives_each_entry_whole_with_phones_masked);
    tcase_add_test(tc, choice_lists_read_back_their_names);
    tcase_add_test(tc, a_repair_goes_to_engineering_and_the_entry_points_to_it);
    tcase_add_test(tc, only_a_repair_goes_and_the_handover_is_checked);
    tcase_add_test(tc, engineering_reports_it_done_with_who_when_and_what);
    tcase_add_test(tc, a_manager_withdraws_a_request_with_a_reason);
    tcase_add_test(tc, history_and_corrections_old_to_new_and_the_open_list);
    tcase_add_test(tc, suggestions_are_gathered_with_their_count_by_month);
    tcase_add_test(tc, export_shows_the_repair_request_and_its_close_out);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return testlib_run(calls_suite());
}
