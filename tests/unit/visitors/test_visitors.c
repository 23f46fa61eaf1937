/* The visitor log: every transition and refusal of the visit machine, the night
 * window, the do-not-admit list, recognition, corrections, the views and the purge. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/audit.h"
#include "frontdesk/directory.h"
#include "frontdesk/staff.h"
#include "frontdesk/visitors.h"
#include "testlib.h"
#include "visitor_sample.h"

static desk_fixture fx;
static fd_error err;
static fd_actor cs_manager, assistant;

/* ---- set-up ---- */

/* A desk at 10:00 on 2026-11-27 with the shipped visitor settings, the test directory
 * and five staff. */
static void open_desk(const char *db)
{
    desk_fixture_open(&fx, db);
    fx.config.night_start = 20 * 60;
    fx.config.night_end = 8 * 60;
    fx.config.retention_days = 180;
    fx.config.gate = (char *)"北门";
    fx.config.unmask_document_roles = fx.config.unmask_phone_roles =
        FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER) | FD_ROLE_BIT(FD_ROLE_CS_MANAGER) | FD_ROLE_BIT(FD_ROLE_ADMIN);
    desk_fixture_staff(&fx, "3001", "刘洋", FD_ROLE_CS_MANAGER, "4444", &cs_manager);
    desk_fixture_staff(&fx, "1002", "王芳", FD_ROLE_ASSISTANT, "4444", &assistant);
    desk_fixture_directory(&fx);
    fd_error_clear(&err);
}

static void verify_clean(void)
{
    ck_assert_int_eq(desk_fixture_verify(&fx), 0);
}

static void at(int month, int day, int hour, int minute)
{
    fx.now = fd_time_from_local(2026, month, day, hour, minute, 0);
}

static void remember(void *ctx, const fd_dir_entry *e)
{
    *(int64_t *)ctx = e->id;
}

static int64_t unit_id(const char *code)
{
    int64_t id = 0;
    ck_assert_int_eq(fd_directory_search(fx.desk, NULL, FD_DIR_UNIT, code, 1, remember, &id, &err), FD_OK);
    ck_assert_int_gt(id, 0);
    return id;
}

/* A filled form: 张三 with a valid identity card, visiting 王五 in A-1203. */
static fd_visit_form form(void)
{
    fd_visit_form f = visitor_sample();
    f.unit = "A-1203";
    f.visitee_name = "王五";
    return f;
}

static int64_t register_as(const fd_actor *who, const fd_actor *approver, fd_visit_form f)
{
    int64_t id = 0;
    ck_assert_msg(fd_visit_register(fx.desk, who, approver, &f, &id, &err) == FD_OK, "%s", err.message);
    ck_assert_int_gt(id, 0);
    return id;
}

static int64_t register_one(void)
{
    return register_as(&fx.receptionist, NULL, form());
}

static int64_t admitted_one(fd_visit_slip *slip)
{
    int64_t id = register_one();
    ck_assert_msg(fd_visit_admit(fx.desk, &fx.receptionist, NULL, id, slip, &err) == FD_OK, "%s",
                  err.message);
    return id;
}

static const char *state_of(int64_t id)
{
    static char state[FD_STATE_MAX];
    ck_assert_int_eq(fd_machine_state(fx.desk, &fd_visit_machine, id, state, &err), FD_OK);
    return state;
}

#define ASSERT_FAILS(call, status, form_field, text)                                      \
    do {                                                                                  \
        fd_error_clear(&err);                                                             \
        ck_assert_int_eq((call), (status));                                               \
        ck_assert_str_eq(err.field, (form_field));                                        \
        ck_assert_msg(strstr(err.message, (text)) != NULL, "no \"%s\" in \"%s\"", (text), \
                      err.message);                                                       \
    } while (0)

/* ---- reading back ---- */

typedef struct seen {
    fd_visit *rows[64];
    int count;
} seen;

static void keep(void *ctx, const fd_visit *v)
{
    seen *s = ctx;
    ck_assert_int_lt(s->count, 64);
    s->rows[s->count++] = fd_visit_dup(v);
}

static void seen_free(seen *s)
{
    for (int i = 0; i < s->count; i++)
        fd_visit_free(s->rows[i]);
    s->count = 0;
}

static seen list(const fd_actor *who, fd_visit_view view, const char *text, const fd_visit *after,
                 int limit)
{
    seen s = {0};
    ck_assert_msg(fd_visits_list(fx.desk, who, view, text, after, limit, keep, &s, &err) == FD_OK,
                  "%s", err.message);
    return s;
}

/* All pages of a view, limit rows at a time, as "id,id,…". */
static void all_pages(fd_visit_view view, const char *text, int limit, char *out, size_t size)
{
    out[0] = '\0';
    fd_visit *after = NULL;
    for (int page = 0; page < 50; page++) {
        seen s = list(&fx.receptionist, view, text, after, limit);
        for (int i = 0; i < s.count; i++) {
            size_t n = strlen(out);
            snprintf(out + n, size - n, "%s%lld", n ? "," : "", (long long)s.rows[i]->id);
        }
        fd_visit_free(after);
        after = s.count ? fd_visit_dup(s.rows[s.count - 1]) : NULL;
        int got = s.count;
        seen_free(&s);
        if (got < limit)
            break;
    }
    fd_visit_free(after);
}

typedef struct history {
    fd_visit *visit;
    char events[8][32];
    char approvers[8][32];
    char notes[8][64];
    int event_count;
    char corrections[8][128];
    int correction_count;
} history;

static void on_visit(void *ctx, const fd_visit *v)
{
    ((history *)ctx)->visit = fd_visit_dup(v);
}

static void on_event(void *ctx, const fd_visit_event *e)
{
    history *h = ctx;
    ck_assert_ptr_nonnull(e->label);
    ck_assert_ptr_nonnull(e->staff_name);
    snprintf(h->events[h->event_count], 32, "%s", e->event);
    snprintf(h->approvers[h->event_count], 32, "%s", e->approver_name ? e->approver_name : "");
    snprintf(h->notes[h->event_count++], 64, "%s", e->note ? e->note : "");
}

static void on_correction(void *ctx, const fd_visit_correction *c)
{
    history *h = ctx;
    snprintf(h->corrections[h->correction_count++], 128, "%s=%s (%s) by %s",
             fd_visit_field_name(c->field), c->value ? c->value : "", c->reason, c->staff_name);
}

static history detail(const fd_actor *who, int64_t id)
{
    static const fd_visit_detail_cb cb = {on_visit, on_event, on_correction};
    history h = {0};
    ck_assert_msg(fd_visit_detail(fx.desk, who, id, &cb, &h, &err) == FD_OK, "%s", err.message);
    ck_assert_ptr_nonnull(h.visit);
    return h;
}

static fd_visit *one(const fd_actor *who, int64_t id)
{
    history h = detail(who, id);
    return h.visit;
}

/* ---- the machine ---- */

START_TEST(register_admit_and_sign_out_with_a_signed_slip)
{
    open_desk("flow.db");
    int64_t id = register_one();
    ck_assert_str_eq(state_of(id), "registered");
    fd_visit_slip slip;
    ck_assert_msg(fd_visit_admit(fx.desk, &fx.receptionist, NULL, id, &slip, &err) == FD_OK, "%s",
                  err.message);
    ck_assert_str_eq(slip.number, "20261127-001");
    ck_assert_str_eq(slip.gate, "北门");
    ck_assert_str_eq(state_of(id), "admitted");
    fx.now += 3600;
    ck_assert_msg(fd_visit_sign_out(fx.desk, &fx.receptionist, id, true, 0, &err) == FD_OK, "%s",
                  err.message);
    ck_assert_str_eq(state_of(id), "left");
    history h = detail(&fx.receptionist, id);
    ck_assert_int_eq(h.visit->state, FD_VISIT_LEFT);
    ck_assert(h.visit->slip_signed);
    ck_assert_str_eq(h.visit->slip, "20261127-001");
    ck_assert_int_eq(h.visit->left_at - h.visit->admitted_at, 3600);
    ck_assert_int_eq(h.event_count, 3);
    ck_assert_str_eq(h.events[0], "register");
    ck_assert_str_eq(h.events[1], "admit");
    ck_assert_str_eq(h.events[2], "sign_out");
    fd_visit_free(h.visit);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(an_unsigned_slip_is_recorded_as_such)
{
    open_desk("unsigned.db");
    int64_t id = admitted_one(NULL);
    fx.now += 600;
    ck_assert_int_eq(fd_visit_sign_out(fx.desk, &fx.receptionist, id, false, 0, &err), FD_OK);
    fd_visit *v = one(&fx.receptionist, id);
    ck_assert_int_eq(v->state, FD_VISIT_LEFT);
    ck_assert(!v->slip_signed);
    fd_visit_free(v);
    history h = detail(&fx.receptionist, id);
    ck_assert_str_eq(h.events[2], "sign_out_unsigned");
    fd_visit_free(h.visit);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(slip_numbers_count_per_beijing_day)
{
    open_desk("slips.db");
    fd_visit_slip a, b, c;
    admitted_one(&a);
    admitted_one(&b);
    at(11, 28, 7, 59); /* the next day, at night: the duty manager registers */
    int64_t id = register_as(&fx.duty_manager, NULL, form());
    ck_assert_int_eq(fd_visit_admit(fx.desk, &fx.duty_manager, NULL, id, &c, &err), FD_OK);
    ck_assert_str_eq(a.number, "20261127-001");
    ck_assert_str_eq(b.number, "20261127-002");
    ck_assert_str_eq(c.number, "20261128-001");
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(refusal_needs_a_reason_and_keeps_the_visitor_out)
{
    open_desk("refuse.db");
    int64_t id = register_one();
    ASSERT_FAILS(fd_visit_refuse(fx.desk, &fx.receptionist, NULL, id, "  ", &err), FD_INVALID,
                 "reason", "reason");
    ck_assert_str_eq(state_of(id), "registered");
    ck_assert_int_eq(fd_visit_refuse(fx.desk, &fx.receptionist, NULL, id, "被访人不在", &err), FD_OK);
    ck_assert_str_eq(state_of(id), "refused");
    fd_visit *v = one(&fx.receptionist, id);
    ck_assert_str_eq(v->refusal, "被访人不在");
    ck_assert_ptr_null(v->slip);
    fd_visit_free(v);
    ASSERT_FAILS(fd_visit_sign_out(fx.desk, &fx.receptionist, id, true, 0, &err), FD_STATE, "",
                 "refused entry");
    ASSERT_FAILS(fd_visit_admit(fx.desk, &fx.receptionist, NULL, id, NULL, &err), FD_STATE, "",
                 "Refused entry");
    ASSERT_FAILS(fd_visit_refuse(fx.desk, &fx.receptionist, NULL, id, "again", &err), FD_STATE, "",
                 "Refused entry");
    ck_assert_str_eq(state_of(id), "refused");
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(double_sign_out_is_refused)
{
    open_desk("double.db");
    int64_t id = admitted_one(NULL);
    at(11, 27, 11, 30);
    ck_assert_int_eq(fd_visit_sign_out(fx.desk, &fx.receptionist, id, true, 0, &err), FD_OK);
    at(11, 27, 11, 45);
    ASSERT_FAILS(fd_visit_sign_out(fx.desk, &fx.receptionist, id, false, 0, &err), FD_STATE, "",
                 "already signed out at 2026-11-27 11:30");
    ASSERT_FAILS(fd_visit_admit(fx.desk, &fx.receptionist, NULL, id, NULL, &err), FD_STATE, "", "Left");
    history h = detail(&fx.receptionist, id);
    ck_assert_int_eq(h.event_count, 3);
    ck_assert(h.visit->slip_signed);
    fd_visit_free(h.visit);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(sign_out_needs_an_admitted_visitor_and_a_sensible_time)
{
    open_desk("timeout.db");
    int64_t waiting = register_one();
    ASSERT_FAILS(fd_visit_sign_out(fx.desk, &fx.receptionist, waiting, true, 0, &err), FD_STATE, "",
                 "not been admitted");
    ASSERT_FAILS(fd_visit_sign_out(fx.desk, &fx.receptionist, 999, true, 0, &err), FD_NOT_FOUND, "",
                 "999");
    ASSERT_FAILS(fd_visit_admit(fx.desk, &fx.receptionist, NULL, 999, NULL, &err), FD_NOT_FOUND, "",
                 "999");
    int64_t id = admitted_one(NULL);
    ASSERT_FAILS(fd_visit_sign_out(fx.desk, &fx.receptionist, id, true, fx.now + 60, &err),
                 FD_INVALID, "time_out", "future");
    ASSERT_FAILS(fd_visit_sign_out(fx.desk, &fx.receptionist, id, true, fx.now - 60, &err),
                 FD_INVALID, "time_out", "before the visitor was admitted");
    fd_time admitted = fx.now;
    fx.now += 7200;
    ck_assert_int_eq(fd_visit_sign_out(fx.desk, &fx.receptionist, id, true, admitted + 1800, &err), FD_OK);
    fd_visit *v = one(&fx.receptionist, id);
    ck_assert_int_eq(v->left_at, admitted + 1800);
    fd_visit_free(v);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(roles_that_may_not_register)
{
    open_desk("roles.db");
    fd_visit_form f = form();
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.admin, NULL, &f, NULL, &err), FD_DENIED, "",
                 "Register a visitor");
    ASSERT_FAILS(fd_visit_register(fx.desk, NULL, NULL, &f, NULL, &err), FD_DENIED, "", "Log in");
    register_as(&assistant, NULL, form());
    int64_t id = register_as(&cs_manager, NULL, form());
    ASSERT_FAILS(fd_visit_admit(fx.desk, &fx.admin, NULL, id, NULL, &err), FD_DENIED, "",
                 "Register a visitor");
    ASSERT_FAILS(fd_visit_correct(fx.desk, &fx.admin, id, FD_VISIT_FIELD_PHONE, "13900000000", "x", &err),
                 FD_DENIED, "", "desk staff");
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

/* What a screen asks before it offers a step: the state, the role, the night, and a
 * reason the question cannot give (a refusal's). */
START_TEST(the_steps_a_screen_may_offer)
{
    open_desk("may.db");
    int64_t id = register_one();
    fd_visit_state registered = FD_VISIT_REGISTERED;
    ck_assert_int_eq(fd_visit_may(fx.desk, id, registered, FD_VISIT_STEP_ADMIT, &fx.receptionist, NULL),
                     FD_OK);
    ck_assert_int_eq(fd_visit_may(fx.desk, id, registered, FD_VISIT_STEP_ADMIT, &fx.admin, NULL),
                     FD_DENIED);
    ck_assert_int_eq(fd_visit_may(fx.desk, id, registered, FD_VISIT_STEP_REFUSE, &fx.receptionist, NULL),
                     FD_INVALID);
    ck_assert_int_eq(fd_visit_may(fx.desk, id, registered, FD_VISIT_STEP_SIGN_OUT, &fx.receptionist,
                                  NULL),
                     FD_STATE);
    ck_assert_int_eq(fd_visit_may(fx.desk, id, FD_VISIT_ADMITTED, FD_VISIT_STEP_SIGN_OUT_UNSIGNED,
                                  &fx.receptionist, NULL),
                     FD_OK);
    ck_assert_int_eq(fd_visit_may(fx.desk, id, FD_VISIT_LEFT, FD_VISIT_STEP_SIGN_OUT, &fx.receptionist,
                                  NULL),
                     FD_STATE);
    at(11, 27, 21, 0);
    ck_assert_int_eq(fd_visit_may(fx.desk, id, registered, FD_VISIT_STEP_ADMIT, &fx.receptionist, NULL),
                     FD_DENIED);
    ck_assert_int_eq(fd_visit_may(fx.desk, id, registered, FD_VISIT_STEP_ADMIT, &fx.receptionist,
                                  &fx.duty_manager),
                     FD_OK);
    desk_fixture_close(&fx);
}
END_TEST

/* ---- the night window ---- */

START_TEST(at_night_only_the_duty_manager_registers)
{
    open_desk("night.db");
    fd_visit_form f = form();
    at(11, 27, 20, 0);
    ASSERT_FAILS(fd_visit_may_register(fx.desk, &fx.receptionist, NULL, &err), FD_DENIED, "",
                 "please hand over");
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_DENIED, "",
                 "20:00-08:00");
    ASSERT_FAILS(fd_visit_register(fx.desk, &cs_manager, NULL, &f, NULL, &err), FD_DENIED, "",
                 "duty manager");
    at(11, 28, 3, 15);
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_DENIED, "",
                 "duty manager");
    /* Handed over by switch-user: the receptionist records, the duty manager approves. */
    ck_assert_int_eq(fd_visit_may_register(fx.desk, &fx.receptionist, &fx.duty_manager, &err), FD_OK);
    int64_t handed = register_as(&fx.receptionist, &fx.duty_manager, form());
    ASSERT_FAILS(fd_visit_admit(fx.desk, &fx.receptionist, NULL, handed, NULL, &err), FD_DENIED, "",
                 "duty manager");
    ck_assert_int_eq(fd_visit_admit(fx.desk, &fx.receptionist, &fx.duty_manager, handed, NULL, &err), FD_OK);
    history h = detail(&fx.duty_manager, handed);
    ck_assert_str_eq(h.approvers[0], "张伟");
    ck_assert_str_eq(h.approvers[1], "张伟");
    fd_visit_free(h.visit);
    int64_t own = register_as(&fx.duty_manager, NULL, form());
    at(11, 28, 7, 59);
    ck_assert_int_eq(fd_visit_admit(fx.desk, &fx.duty_manager, NULL, own, NULL, &err), FD_OK);
    /* Signing out is not registration: the receptionist may do it at any hour. */
    ck_assert_int_eq(fd_visit_sign_out(fx.desk, &fx.receptionist, own, false, 0, &err), FD_OK);
    at(11, 28, 8, 0);
    register_as(&fx.receptionist, NULL, form());
    at(11, 28, 19, 59);
    register_as(&fx.receptionist, NULL, form());
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(a_window_that_does_not_wrap_midnight)
{
    open_desk("window.db");
    fx.config.night_start = 1 * 60;
    fx.config.night_end = 5 * 60;
    fd_visit_form f = form();
    at(11, 27, 23, 0);
    register_as(&fx.receptionist, NULL, form());
    at(11, 28, 1, 0);
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_DENIED, "",
                 "01:00-05:00");
    at(11, 28, 5, 0);
    register_as(&fx.receptionist, NULL, form());
    desk_fixture_close(&fx);
}
END_TEST

/* ---- what is typed ---- */

START_TEST(bad_forms_are_refused_at_their_field)
{
    open_desk("forms.db");
    fd_visit_form f = form();
    f.doc_number = "110105194912310021";
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "doc_number", "check digit");
    f = form();
    f.doc_number = "";
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "doc_number", "document number");
    f = form();
    f.doc_type = FD_DOC_HK_MACAU;
    f.doc_number = "X12345678";
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "doc_number", "H, M or C");
    f = form();
    f.doc_type = (fd_doc_type)42;
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "doc_type", "document type");
    f = form();
    f.visitor_name = " ";
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "visitor_name", "required");
    f = form();
    f.phone = "12345";
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "phone", "");
    f = form();
    f.party_size = 0;
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "party_size", "1 to 99");
    f = form();
    f.purpose = NULL;
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "purpose", "required");
    f = form();
    f.unit = "";
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "unit", "unit or company");
    f = form();
    f.visitee_name = "";
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "visitee_name", "required");
    f = form();
    f.visitor_name = "张\x01三";
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "visitor_name", "printed");
    f = form();
    f.person_id = 99999;
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_NOT_FOUND,
                 "visitee_name", "directory");
    long waiting;
    ck_assert_int_eq(fd_visits_waiting_count(fx.desk, &waiting, &err), FD_OK);
    ck_assert_int_eq(waiting, 0);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

typedef struct picked {
    int64_t company, department, person, unit;
} picked;

static void pick(void *ctx, const fd_dir_entry *e)
{
    picked *p = ctx;
    if (e->kind == FD_DIR_COMPANY)
        p->company = e->id;
    else if (e->kind == FD_DIR_DEPARTMENT && strcmp(e->name, "行政部") == 0)
        p->department = e->id;
    else if (e->kind == FD_DIR_PERSON && strcmp(e->name, "刘洋") == 0)
        p->person = e->id;
    if (e->kind == FD_DIR_PERSON)
        p->unit = e->unit_id;
}

START_TEST(a_visitee_picked_from_the_directory)
{
    open_desk("picked.db");
    picked p = {0};
    ck_assert_int_eq(fd_directory_search(fx.desk, NULL, FD_DIR_ANY, "T-1501", -1, pick, &p, &err), FD_OK);
    ck_assert(p.company && p.department && p.person);
    fd_visit_form f = form();
    f.unit = NULL;
    f.company_id = p.company;
    f.company = "北京辰星科技有限公司";
    f.department_id = p.department;
    f.department = "行政部";
    f.person_id = p.person;
    f.visitee_name = "刘洋";
    f.visitee_position = "经理";
    int64_t id = register_as(&fx.receptionist, NULL, f);
    fd_visit *v = one(&fx.receptionist, id);
    ck_assert_str_eq(v->visitee_unit, "T-1501"); /* the company's unit */
    ck_assert_str_eq(v->visitee_company, "北京辰星科技有限公司");
    ck_assert_str_eq(v->visitee_department, "行政部");
    ck_assert_str_eq(v->visitee_position, "经理");
    fd_visit_free(v);
    /* Not listed: free text, with the unit typed in lower case. */
    f = form();
    f.unit = "a-1204";
    f.visitee_name = "装修师傅";
    id = register_as(&fx.receptionist, NULL, f);
    v = one(&fx.receptionist, id);
    ck_assert_str_eq(v->visitee_unit, "A-1204");
    ck_assert_ptr_null(v->visitee_company);
    fd_visit_free(v);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

/* ---- recognition ---- */

START_TEST(a_returning_visitor_is_recognised_by_document)
{
    open_desk("recognise.db");
    fd_visitor_known k;
    ASSERT_FAILS(fd_visitor_recognise(fx.desk, &fx.receptionist, FD_DOC_RESIDENT_ID,
                                      "11010519491231002X", &k, &err),
                 FD_NOT_FOUND, "doc_number", "not been here");
    register_one();
    at(11, 27, 15, 0);
    int64_t second = register_one();
    /* Typed differently: lower-case x, spaces, full-width digits. */
    ck_assert_msg(fd_visitor_recognise(fx.desk, &fx.receptionist, FD_DOC_RESIDENT_ID,
                                       "110105 19491231 002x", &k, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(k.visit_id, second);
    ck_assert_str_eq(k.name, "张三");
    ck_assert_str_eq(k.phone, "138****8000");
    ck_assert_int_eq(k.visits, 2);
    ck_assert_int_eq(k.last_at, fx.now);
    ck_assert_str_eq(k.ban, "");
    ck_assert_int_eq(fd_visitor_recognise(fx.desk, &fx.duty_manager, FD_DOC_RESIDENT_ID,
                                          "１１０１０５１９４９１２３１００２Ｘ", &k, &err), FD_OK);
    ck_assert_str_eq(k.phone, "13800138000");
    fd_visitor_known bad;
    ASSERT_FAILS(fd_visitor_recognise(fx.desk, &fx.receptionist, FD_DOC_RESIDENT_ID, "123", &bad, &err),
                 FD_INVALID, "doc_number", "18 characters");
    /* The desk leaves the phone to the earlier visit: it is copied, unseen. */
    fd_visit_form f = form();
    f.phone = "";
    ck_assert(fd_visit_requires(&f, "phone")); /* what the form marks */
    f.returning_visit = k.visit_id;
    ck_assert(!fd_visit_requires(&f, "phone"));
    int64_t third = register_as(&fx.receptionist, NULL, f);
    fd_visit *v = one(&fx.duty_manager, third);
    ck_assert_str_eq(v->phone, "13800138000");
    fd_visit_free(v);
    /* … but only from a visit of the same document. */
    f.doc_number = "440304199001011233";
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_INVALID,
                 "phone", "phone");
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

/* ---- the do-not-admit list ---- */

START_TEST(the_do_not_admit_list_stops_registration)
{
    open_desk("ban.db");
    int64_t ban = 0;
    ASSERT_FAILS(fd_visitor_may_ban(&fx.duty_manager, &err), FD_DENIED, "", "customer-service manager");
    ck_assert_int_eq(fd_visitor_may_ban(&cs_manager, &err), FD_OK);
    ASSERT_FAILS(fd_visitor_ban(fx.desk, &fx.receptionist, FD_DOC_RESIDENT_ID, "11010519491231002X",
                                "张三", 0, "骚扰业主", &ban, &err),
                 FD_DENIED, "", "customer-service manager");
    ASSERT_FAILS(fd_visitor_ban(fx.desk, &cs_manager, FD_DOC_RESIDENT_ID, "11010519491231002X", "张三",
                                0, "", &ban, &err),
                 FD_INVALID, "reason", "required");
    ck_assert_msg(fd_visitor_ban(fx.desk, &cs_manager, FD_DOC_RESIDENT_ID, "11010519491231002X", "张三",
                                 0, "骚扰业主", &ban, &err) == FD_OK, "%s", err.message);
    ASSERT_FAILS(fd_visitor_ban(fx.desk, &cs_manager, FD_DOC_RESIDENT_ID, "11010519491231002x", "张三",
                                0, "again", NULL, &err),
                 FD_CONFLICT, "doc_number", "Already on the list");
    fd_visit_form f = form();
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_DENIED,
                 "doc_number", "骚扰业主");
    ck_assert_ptr_nonnull(strstr(err.message, "the whole site"));
    ck_assert_ptr_nonnull(strstr(err.message, "刘洋"));
    fd_visitor_known k;
    long count;
    ck_assert_int_eq(fd_visits_today_count(fx.desk, &count, &err), FD_OK);
    ck_assert_int_eq(count, 0);
    ASSERT_FAILS(fd_visitor_lift_ban(fx.desk, &fx.duty_manager, ban, "误会", &err), FD_DENIED, "",
                 "customer-service manager");
    ck_assert_int_eq(fd_visitor_lift_ban(fx.desk, &cs_manager, ban, "误会已澄清", &err), FD_OK);
    ASSERT_FAILS(fd_visitor_lift_ban(fx.desk, &cs_manager, ban, "again", &err), FD_STATE, "",
                 "lifted already");
    ASSERT_FAILS(fd_visitor_lift_ban(fx.desk, &cs_manager, ban + 1, "the lift itself", &err),
                 FD_NOT_FOUND, "", "no do-not-admit entry");
    register_one();
    /* For one unit only: other units may still be visited. */
    int64_t unit = unit_id("A-1203");
    ck_assert_int_eq(fd_visitor_ban(fx.desk, &cs_manager, FD_DOC_RESIDENT_ID, "11010519491231002X",
                                    "张三", unit, "业主要求", NULL, &err), FD_OK);
    f.unit = "a-1203";
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_DENIED,
                 "doc_number", "A-1203");
    f.unit = NULL;
    f.unit_id = unit;
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, NULL, &err), FD_DENIED,
                 "doc_number", "业主要求");
    f = form();
    f.unit = "A-1204";
    register_as(&fx.receptionist, NULL, f);
    /* Recognition warns before the unit is even chosen. */
    ck_assert_int_eq(fd_visitor_recognise(fx.desk, &fx.receptionist, FD_DOC_RESIDENT_ID,
                                          "11010519491231002X", &k, &err), FD_OK);
    ck_assert_ptr_nonnull(strstr(k.ban, "业主要求"));
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

typedef struct bans {
    int count;
    int64_t last_id;
    char last[128];
} bans;

static void on_ban(void *ctx, const fd_visitor_ban_row *b)
{
    bans *l = ctx;
    snprintf(l->last, sizeof l->last, "%s %s %s", b->visitor_name, b->doc_number, b->unit ? b->unit : "site");
    l->last_id = b->id;
    l->count++;
}

static bans ban_page(int64_t after_id, int limit)
{
    bans l = {0};
    ck_assert_int_eq(fd_visitor_bans(fx.desk, after_id, limit, on_ban, &l, &err), FD_OK);
    return l;
}

START_TEST(the_list_in_force_leaves_out_what_was_lifted)
{
    open_desk("banlist.db");
    int64_t first;
    ck_assert_int_eq(fd_visitor_ban(fx.desk, &cs_manager, FD_DOC_PASSPORT, "E12345678", "Smith", 0,
                                    "fraud", &first, &err), FD_OK);
    ck_assert_int_eq(fd_visitor_ban(fx.desk, &cs_manager, FD_DOC_RESIDENT_ID, "440304199001011233",
                                    "李四", unit_id("A-1203"), "noise", NULL, &err), FD_OK);
    ck_assert_int_eq(fd_visitor_lift_ban(fx.desk, &cs_manager, first, "paid", &err), FD_OK);
    bans l = ban_page(0, 10);
    ck_assert_int_eq(l.count, 1);
    ck_assert_str_eq(l.last, "李四 440304********1233 A-1203");
    /* A page at a time, newest first: the lifted entry and the lift are passed over. */
    ck_assert_int_eq(fd_visitor_ban(fx.desk, &cs_manager, FD_DOC_PASSPORT, "E87654321", "Brown", 0,
                                    "threats", NULL, &err), FD_OK);
    l = ban_page(0, 1);
    ck_assert_str_eq(l.last, "Brown E8*****21 site");
    l = ban_page(l.last_id, 1);
    ck_assert_str_eq(l.last, "李四 440304********1233 A-1203");
    ck_assert_int_eq(ban_page(l.last_id, 1).count, 0);
    ck_assert_int_eq(fd_visitor_bans(fx.desk, 0, 0, on_ban, &l, &err), FD_USAGE);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

/* ---- corrections ---- */

START_TEST(corrections_are_new_entries_and_searches_follow_them)
{
    open_desk("correct.db");
    int64_t id = admitted_one(NULL);
    ASSERT_FAILS(fd_visit_correct(fx.desk, &fx.receptionist, id, FD_VISIT_FIELD_PHONE, "13912345678",
                                  "", &err),
                 FD_INVALID, "reason", "reason");
    ASSERT_FAILS(fd_visit_correct(fx.desk, &fx.receptionist, id, FD_VISIT_FIELD_PHONE, "1391234",
                                  "抄错", &err),
                 FD_INVALID, "phone", "");
    ASSERT_FAILS(fd_visit_correct(fx.desk, &fx.receptionist, id, FD_VISIT_FIELD_PHONE, "138-0013-8000",
                                  "抄错", &err),
                 FD_INVALID, "phone", "nothing to correct");
    ASSERT_FAILS(fd_visit_correct(fx.desk, &fx.receptionist, id, FD_VISIT_FIELD_PARTY_SIZE, "3x",
                                  "抄错", &err),
                 FD_INVALID, "party_size", "1 to 99");
    ASSERT_FAILS(fd_visit_correct(fx.desk, &fx.receptionist, 999, FD_VISIT_FIELD_PURPOSE, "送货",
                                  "抄错", &err),
                 FD_NOT_FOUND, "", "999");
    ASSERT_FAILS(fd_visit_correct(fx.desk, &fx.receptionist, id, (fd_visit_field)17, "x", "抄错", &err),
                 FD_INVALID, "field", "cannot be corrected");
    ck_assert_msg(fd_visit_correct(fx.desk, &fx.receptionist, id, FD_VISIT_FIELD_PHONE, "139 1234 5678",
                                   "电话抄错", &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(fd_visit_correct(fx.desk, &fx.receptionist, id, FD_VISIT_FIELD_PARTY_SIZE, "3",
                                      "同行两人", &err), FD_OK);
    ck_assert_int_eq(fd_visit_correct(fx.desk, &fx.receptionist, id, FD_VISIT_FIELD_VISITOR_NAME,
                                      "张叁", "身份证上是叁", &err), FD_OK);
    history h = detail(&fx.duty_manager, id);
    ck_assert_str_eq(h.visit->phone, "13912345678");
    ck_assert_int_eq(h.visit->party_size, 3);
    ck_assert_str_eq(h.visit->visitor_name, "张叁");
    ck_assert(h.visit->corrected);
    ck_assert_int_eq(h.correction_count, 3);
    ck_assert_str_eq(h.corrections[0], "phone=13912345678 (电话抄错) by 李娜");
    fd_visit_free(h.visit);
    h = detail(&fx.receptionist, id);
    ck_assert_str_eq(h.visit->phone, "139****5678");
    ck_assert_str_eq(h.corrections[0], "phone=139****5678 (电话抄错) by 李娜");
    fd_visit_free(h.visit);
    char ids[256], want[32];
    snprintf(want, sizeof want, "%lld", (long long)id);
    all_pages(FD_VISITS_BY_PHONE, "13912345678", 5, ids, sizeof ids);
    ck_assert_str_eq(ids, want);
    all_pages(FD_VISITS_BY_PHONE, "139", 5, ids, sizeof ids);
    ck_assert_str_eq(ids, want);
    all_pages(FD_VISITS_BY_PHONE, "13800138000", 5, ids, sizeof ids);
    ck_assert_str_eq(ids, "");
    all_pages(FD_VISITS_BY_NAME, "张叁", 5, ids, sizeof ids);
    ck_assert_str_eq(ids, want);
    all_pages(FD_VISITS_BY_NAME, "张三", 5, ids, sizeof ids);
    ck_assert_str_eq(ids, "");
    /* Corrected back: the latest correction is what counts. */
    ck_assert_int_eq(fd_visit_correct(fx.desk, &fx.receptionist, id, FD_VISIT_FIELD_PHONE, "13800138000",
                                      "原来没错", &err), FD_OK);
    all_pages(FD_VISITS_BY_PHONE, "139", 5, ids, sizeof ids);
    ck_assert_str_eq(ids, "");
    all_pages(FD_VISITS_BY_PHONE, "138 0013 8000", 5, ids, sizeof ids);
    ck_assert_str_eq(ids, want);
    all_pages(FD_VISITS_BY_PHONE, "８０００", 5, ids, sizeof ids);
    ck_assert_str_eq(ids, want);
    /* Digits the desk sees masked (138****8000) find nothing: trying them one by one
     * would read them. */
    all_pages(FD_VISITS_BY_PHONE, "138 0013", 5, ids, sizeof ids);
    ck_assert_str_eq(ids, "");
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

/* A row reads how its visit ended from the visit's last event — the time out and the
 * slip of one that left, the reason of one refused — and a correction that empties a
 * field leaves it empty. */
START_TEST(a_row_shows_how_the_visit_ended_and_emptied_fields)
{
    open_desk("ended.db");
    fd_visit_form f = form();
    f.visitee_position = "经理";
    int64_t left = register_as(&fx.receptionist, NULL, f);
    ck_assert_int_eq(fd_visit_admit(fx.desk, &fx.receptionist, NULL, left, NULL, &err), FD_OK);
    at(11, 27, 11, 30);
    ck_assert_int_eq(fd_visit_sign_out(fx.desk, &fx.receptionist, left, false, 0, &err), FD_OK);
    ck_assert_msg(fd_visit_correct(fx.desk, &fx.receptionist, left, FD_VISIT_FIELD_VISITEE_POSITION, "",
                                   "职务记错", &err) == FD_OK, "%s", err.message);
    int64_t refused = register_one();
    ck_assert_int_eq(fd_visit_refuse(fx.desk, &fx.receptionist, NULL, refused, "被访人不在", &err), FD_OK);
    fd_visit *v = one(&fx.receptionist, left);
    ck_assert_int_eq(v->state, FD_VISIT_LEFT);
    ck_assert_int_eq(v->left_at, fd_time_from_local(2026, 11, 27, 11, 30, 0));
    ck_assert(!v->slip_signed);
    ck_assert_ptr_null(v->refusal);
    ck_assert_ptr_null(v->visitee_position);
    ck_assert(v->corrected);
    fd_visit_free(v);
    v = one(&fx.receptionist, refused);
    ck_assert_int_eq(v->state, FD_VISIT_REFUSED);
    ck_assert_str_eq(v->refusal, "被访人不在");
    ck_assert_int_eq(v->left_at, 0);
    ck_assert(!v->corrected);
    fd_visit_free(v);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

/* ---- views ---- */

static const char *const names[] = {"张伟", "张敏", "李静", "王磊", "张三丰", "赵丽"};

/* 30 visits from 09:00, a minute apart: names cycle; every third goes to T-1501's
 * company; the first 20 are admitted, 15 of those leave; 2 are refused. */
static void busy_morning(int64_t ids[30])
{
    for (int i = 0; i < 30; i++) {
        fx.now = fd_time_from_local(2026, 11, 27, 9, i, 0);
        fd_visit_form f = form();
        f.visitor_name = names[i % 6];
        char phone[16];
        snprintf(phone, sizeof phone, "1380000%04d", i);
        f.phone = phone;
        if (i % 3 == 0) {
            f.unit = "T-1501";
            f.company = "北京辰星科技有限公司";
            f.visitee_name = "刘洋";
        }
        ids[i] = register_as(&fx.receptionist, NULL, f);
        if (i < 20)
            ck_assert_int_eq(fd_visit_admit(fx.desk, &fx.receptionist, NULL, ids[i], NULL, &err), FD_OK);
        else if (i < 22)
            ck_assert_int_eq(fd_visit_refuse(fx.desk, &fx.receptionist, NULL, ids[i], "不见", &err), FD_OK);
    }
    at(11, 27, 10, 0);
    for (int i = 0; i < 15; i++)
        ck_assert_int_eq(fd_visit_sign_out(fx.desk, &fx.receptionist, ids[i], i % 2, 0, &err), FD_OK);
}

/* The ids of busy_morning's visits i for which wanted(i) holds, newest first. */
static void expect_ids(const char *got, const int64_t ids[30], bool (*wanted)(int))
{
    char want[512] = "";
    for (int i = 29; i >= 0; i--) {
        if (!wanted(i))
            continue;
        size_t n = strlen(want);
        snprintf(want + n, sizeof want - n, "%s%lld", n ? "," : "", (long long)ids[i]);
    }
    ck_assert_str_eq(got, want);
}

static bool inside(int i) { return i >= 15 && i < 20; }
static bool waiting(int i) { return i >= 22; }
static bool every(int i) { (void)i; return true; }
static bool zhang_wei(int i) { return i % 6 == 0; }
static bool company(int i) { return i % 3 == 0; }
static bool admitted_ever(int i) { return i < 20; }

START_TEST(views_page_through_everything_once)
{
    open_desk("views.db");
    int64_t ids[30];
    busy_morning(ids);
    char got[512];
    all_pages(FD_VISITS_INSIDE, NULL, 2, got, sizeof got);
    expect_ids(got, ids, inside);
    all_pages(FD_VISITS_WAITING, NULL, 3, got, sizeof got);
    expect_ids(got, ids, waiting);
    all_pages(FD_VISITS_TODAY, NULL, 7, got, sizeof got);
    expect_ids(got, ids, every);
    all_pages(FD_VISITS_BY_NAME, "张伟", 2, got, sizeof got);
    expect_ids(got, ids, zhang_wei);
    /* One search line for both: a name, or a phone's digits, full-width ones too. */
    all_pages(FD_VISITS_BY_NAME_OR_PHONE, "张伟", 2, got, sizeof got);
    expect_ids(got, ids, zhang_wei);
    all_pages(FD_VISITS_BY_NAME_OR_PHONE, "１３８", 7, got, sizeof got);
    expect_ids(got, ids, every);
    all_pages(FD_VISITS_BY_NAME_OR_PHONE, "０００７", 3, got, sizeof got);
    char seventh[32];
    snprintf(seventh, sizeof seventh, "%lld", (long long)ids[7]);
    ck_assert_str_eq(got, seventh);
    /* A prefix: names in turn (descending), newest first within each. */
    all_pages(FD_VISITS_BY_NAME, "张", 4, got, sizeof got);
    ck_assert_int_eq((int)strlen(got) > 0, 1);
    seen s = list(&fx.receptionist, FD_VISITS_BY_NAME, "张", NULL, 30);
    ck_assert_int_eq(s.count, 15);
    ck_assert_str_eq(s.rows[0]->visitor_name, "张敏");
    ck_assert_str_eq(s.rows[14]->visitor_name, "张三丰");
    seen_free(&s);
    /* Any part of a name: its end finds it. */
    s = list(&fx.receptionist, FD_VISITS_BY_NAME, "三丰", NULL, 30);
    ck_assert_int_gt(s.count, 0);
    for (int i = 0; i < s.count; i++)
        ck_assert_str_eq(s.rows[i]->visitor_name, "张三丰");
    seen_free(&s);
    all_pages(FD_VISITS_BY_VISITEE, "北京辰星", 4, got, sizeof got);
    expect_ids(got, ids, company);
    all_pages(FD_VISITS_BY_VISITEE, "t-15", 4, got, sizeof got);
    expect_ids(got, ids, company);
    all_pages(FD_VISITS_BY_VISITEE, "刘洋", 4, got, sizeof got);
    expect_ids(got, ids, company);
    all_pages(FD_VISITS_BY_SLIP, "20261127", 6, got, sizeof got);
    expect_ids(got, ids, admitted_ever);
    all_pages(FD_VISITS_BY_SLIP, "20261127-003", 6, got, sizeof got);
    char want[32];
    snprintf(want, sizeof want, "%lld", (long long)ids[2]);
    ck_assert_str_eq(got, want);
    all_pages(FD_VISITS_BY_DOCUMENT, "110105 19491231 002x", 8, got, sizeof got);
    expect_ids(got, ids, every);
    all_pages(FD_VISITS_BY_DOCUMENT, "110105194912310038", 8, got, sizeof got);
    ck_assert_str_eq(got, "");
    all_pages(FD_VISITS_BY_NAME, "  ", 8, got, sizeof got);
    ck_assert_str_eq(got, "");
    long inside_now, waiting_now, today;
    ck_assert_int_eq(fd_visits_inside_count(fx.desk, &inside_now, &err), FD_OK);
    ck_assert_int_eq(fd_visits_waiting_count(fx.desk, &waiting_now, &err), FD_OK);
    ck_assert_int_eq(fd_visits_today_count(fx.desk, &today, &err), FD_OK);
    ck_assert_int_eq(inside_now, 5);
    ck_assert_int_eq(waiting_now, 8);
    ck_assert_int_eq(today, 30);
    at(11, 28, 9, 0);
    ck_assert_int_eq(fd_visits_today_count(fx.desk, &today, &err), FD_OK);
    ck_assert_int_eq(today, 0);
    all_pages(FD_VISITS_TODAY, NULL, 7, got, sizeof got);
    ck_assert_str_eq(got, "");
    desk_fixture_close(&fx);
}
END_TEST

/* A day's visitor log: the visits registered in [start, end) as fd_visits_between gives
 * them to who. */
static seen between(const fd_actor *who, fd_time start, fd_time end)
{
    seen s = {0};
    ck_assert_msg(fd_visits_between(fx.desk, who, start, end, keep, &s, &err) == FD_OK, "%s",
                  err.message);
    return s;
}

static int64_t register_named(const fd_actor *who, const char *name)
{
    fd_visit_form f = form();
    f.visitor_name = name;
    return register_as(who, NULL, f);
}

START_TEST(a_days_log_is_read_oldest_first_and_masked_for_the_reader)
{
    open_desk("between.db");
    fd_date day = fd_date_from_ymd(2026, 11, 27);
    fd_time start = fd_date_start(day), end = fd_date_start(day + 1);
    /* At night only the duty manager registers. */
    fx.now = start - 60;
    register_named(&fx.duty_manager, "前一天");
    fx.now = start;
    int64_t midnight = register_named(&fx.duty_manager, "零点");
    at(11, 27, 10, 0);
    int64_t morning = register_named(&fx.receptionist, "上午");
    int64_t same_minute = register_named(&fx.receptionist, "同一分钟");
    ck_assert_int_eq(fd_visit_admit(fx.desk, &fx.receptionist, NULL, morning, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_visit_correct(fx.desk, &fx.receptionist, morning, FD_VISIT_FIELD_VISITOR_NAME,
                                      "上午更正", "名字写错", &err), FD_OK);
    fx.now = end - 60;
    int64_t late = register_named(&fx.duty_manager, "深夜");
    fx.now = end;
    register_named(&fx.duty_manager, "次日");

    seen s = between(&fx.receptionist, start, end);
    ck_assert_int_eq(s.count, 4);
    const int64_t want[] = {midnight, morning, same_minute, late};
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(s.rows[i]->id, want[i]);
    ck_assert_str_eq(s.rows[1]->visitor_name, "上午更正");
    ck_assert(s.rows[1]->corrected);
    ck_assert_int_eq(s.rows[1]->state, FD_VISIT_ADMITTED);
    ck_assert_str_eq(s.rows[1]->slip, "20261127-001");
    ck_assert_str_eq(s.rows[0]->doc_number, "110105********002X");
    ck_assert_str_eq(s.rows[0]->phone, "138****8000");
    ck_assert_str_eq(s.rows[3]->registered_by, "张伟");
    seen_free(&s);
    s = between(&fx.duty_manager, start, end);
    ck_assert_int_eq(s.count, 4);
    ck_assert_str_eq(s.rows[0]->doc_number, "11010519491231002X");
    ck_assert_str_eq(s.rows[0]->phone, "13800138000");
    seen_free(&s);
    s = between(&fx.receptionist, start - 86400, start);
    ck_assert_int_eq(s.count, 1);
    ck_assert_str_eq(s.rows[0]->visitor_name, "前一天");
    seen_free(&s);
    s = between(&fx.receptionist, end + 86400, end + 2 * 86400);
    ck_assert_int_eq(s.count, 0);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(documents_and_phones_are_masked_by_role)
{
    open_desk("mask.db");
    int64_t id = admitted_one(NULL);
    seen s = list(&fx.receptionist, FD_VISITS_INSIDE, NULL, NULL, 10);
    ck_assert_int_eq(s.count, 1);
    ck_assert_str_eq(s.rows[0]->doc_number, "110105********002X");
    ck_assert_str_eq(s.rows[0]->phone, "138****8000");
    ck_assert_str_eq(s.rows[0]->slip, "20261127-001");
    ck_assert_str_eq(s.rows[0]->registered_by, "李娜");
    seen_free(&s);
    s = list(&fx.duty_manager, FD_VISITS_INSIDE, NULL, NULL, 10);
    ck_assert_str_eq(s.rows[0]->doc_number, "11010519491231002X");
    ck_assert_str_eq(s.rows[0]->phone, "13800138000");
    ck_assert_int_eq(s.rows[0]->id, id);
    seen_free(&s);
    desk_fixture_close(&fx);
}
END_TEST

typedef struct handed_over {
    int count;
    int64_t id[8];
} handed_over;

static void count_inside(void *ctx, const fd_visitor_inside *v)
{
    handed_over *s = ctx;
    ck_assert_ptr_nonnull(v->slip);
    ck_assert_ptr_nonnull(v->visitor_name);
    ck_assert_int_gt(v->admitted_at, 0);
    if (s->count < 8)
        s->id[s->count] = v->id;
    s->count++;
}

START_TEST(visitors_still_inside_go_to_the_handover)
{
    open_desk("handover.db");
    int64_t ids[30];
    busy_morning(ids);
    handed_over s = {0};
    ck_assert_int_eq(fd_visits_inside(fx.desk, count_inside, &s, &err), FD_OK);
    ck_assert_int_eq(s.count, 5);
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(s.id[i], ids[15 + i]); /* oldest first */
    desk_fixture_close(&fx);
}
END_TEST

/* ---- the purge ---- */

START_TEST(the_purge_clears_old_documents_and_verify_still_passes)
{
    open_desk("purge.db");
    at(5, 1, 10, 0); /* 210 days before 2026-11-27 */
    int64_t old = register_one();
    at(11, 27, 10, 0);
    int64_t recent = register_one();
    int64_t cleared = -1;
    ASSERT_FAILS(fd_visits_purge(fx.desk, &fx.receptionist, &cleared, &err), FD_DENIED, "",
                 "administrator");
    ASSERT_FAILS(fd_visits_purge(fx.desk, &fx.duty_manager, &cleared, &err), FD_DENIED, "",
                 "administrator");
    fd_chain_head before, after;
    ck_assert_int_eq(fd_audit_head(fx.desk, &before, &err), FD_OK);
    ck_assert_msg(fd_visits_purge(fx.desk, &cs_manager, &cleared, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(cleared, 1);
    ck_assert_int_eq(fd_audit_head(fx.desk, &after, &err), FD_OK);
    ck_assert_int_eq(after.entries, before.entries + 1); /* the purge run's own entry */
    verify_clean();
    fd_visit *v = one(&fx.duty_manager, old);
    /* Nothing of the number, for any role: not its region, birth or sex, nor length. */
    ck_assert_str_eq(v->doc_number, "********");
    ck_assert_int_eq(v->doc_type, FD_DOC_RESIDENT_ID);
    ck_assert_str_eq(v->visitor_name, "张三"); /* the visit itself stays */
    fd_visit_free(v);
    v = one(&fx.duty_manager, recent);
    ck_assert_str_eq(v->doc_number, "11010519491231002X");
    fd_visit_free(v);
    /* Its HMAC is gone with it: the number finds the recent visit alone. */
    char got[64], want[64];
    all_pages(FD_VISITS_BY_DOCUMENT, "11010519491231002X", 5, got, sizeof got);
    snprintf(want, sizeof want, "%lld", (long long)recent);
    ck_assert_str_eq(got, want);
    ck_assert_int_eq(fd_visits_purge(fx.desk, &fx.admin, &cleared, &err), FD_OK);
    ck_assert_int_eq(cleared, 0);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST


START_TEST(a_ban_keeps_its_number_while_in_force_and_forgets_it_once_lifted)
{
    open_desk("bans.db");
    at(4, 1, 10, 0); /* lifted 240 days before 2026-11-27 */
    int64_t lifted = 0, kept = 0;
    ck_assert_int_eq(fd_visitor_ban(fx.desk, &cs_manager, FD_DOC_PASSPORT, "E12345678", "Smith", 0,
                                    "fraud", &lifted, &err), FD_OK);
    ck_assert_int_eq(fd_visitor_lift_ban(fx.desk, &cs_manager, lifted, "apologised", &err), FD_OK);
    ck_assert_int_eq(fd_visitor_ban(fx.desk, &cs_manager, FD_DOC_PASSPORT, "G87654321", "Jones", 0,
                                    "threats", &kept, &err), FD_OK);
    at(11, 27, 10, 0);
    fd_purge_result r;
    ck_assert_msg(fd_visits_purge_with(fx.desk, &cs_manager, NULL, &r, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(r.bans, 2); /* the entry lifted, and the row that lifted it */
    ck_assert(r.log_emptied);
    desk_fixture_close(&fx);
    ck_assert_int_eq(desk_fixture_count(&fx, "SELECT count(*) FROM visitor_ban WHERE "
                                             "doc_number_hmac = '' AND doc_number_masked = "
                                             "'********' AND pii_salt IS NULL"),
                     2);
    desk_fixture_reopen(&fx);
    verify_clean();
    /* The entry in force still turns its visitor away, by the number. */
    fd_visit_form f = form();
    f.doc_type = FD_DOC_PASSPORT;
    f.doc_number = "G87654321";
    int64_t id = 0;
    ASSERT_FAILS(fd_visit_register(fx.desk, &fx.receptionist, NULL, &f, &id, &err), FD_DENIED,
                 "doc_number", "Do not admit");
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(the_trigger_lets_only_the_purge_through)
{
    open_desk("trigger.db");
    admitted_one(NULL);
    ck_assert_int_eq(fd_visitor_ban(fx.desk, &cs_manager, FD_DOC_PASSPORT, "E12345678", "Smith", 0,
                                    "fraud", NULL, &err), FD_OK);
    ck_assert_int_eq(fd_visits_purge(fx.desk, &cs_manager, NULL, &err), FD_OK);
    desk_fixture_close(&fx);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE visit SET phone = '13900000000'"), 0);
    /* The purge's own UPDATE, with anything else changed, is refused, column by column;
     * so is any part of it alone (a number half cleared leaves something to test). */
    static const char purged[] = "doc_number_clear = NULL, doc_number_hmac = '', "
                                 "doc_number_masked = '********', pii_salt = NULL";
    static const char *const others[] = {
        "id = 99", "visitor_name = 'x'", "doc_type = 'other'", "phone = 'x'", "party_size = 2",
        "purpose = 'x'", "unit_id = NULL", "company_id = 1", "department_id = 1", "person_id = 1",
        "visitee_unit = 'x'", "visitee_company = 'x'", "visitee_department = 'x'",
        "visitee_name = 'x'", "visitee_position = 'x'", "registered_at = 1", "staff_id = 1",
        "approver_id = 1", "pii_commit = NULL", "doc_number_masked = '110105********002X'",
        "doc_number_hmac = 'x'",
    };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "UPDATE visit SET %s, %s", purged, others[i]);
        ck_assert_msg(desk_fixture_raw(&fx, sql) != 0, "%s went through", sql);
    }
    static const char *const halves[] = {
        "doc_number_clear = NULL", "doc_number_hmac = ''", "doc_number_masked = '********'",
        "pii_salt = NULL",
    };
    for (size_t i = 0; i < sizeof halves / sizeof halves[0]; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "UPDATE visit SET %s", halves[i]);
        ck_assert_msg(desk_fixture_raw(&fx, sql) != 0, "%s went through", sql);
    }
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE visit SET doc_number_clear = '440304199001011233'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "DELETE FROM visit"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE visit_slip SET number = 'x'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "DELETE FROM visitor_ban"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE visitor_ban SET doc_number_hmac = ''"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE visitor_ban SET doc_number_hmac = '', "
                                           "doc_number_masked = '********', pii_salt = NULL, reason = 'x'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE visit_purge SET cleared = 0"), 0);
    /* The purge's UPDATE alone goes through (early, behind the program's back: what it
     * does is forget, and the chain holds only the commitment). */
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE visit SET %s", purged);
    ck_assert_int_eq(desk_fixture_raw(&fx, sql), 0);
    desk_fixture_reopen(&fx);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(an_edit_behind_the_programs_back_is_found)
{
    open_desk("tamper.db");
    admitted_one(NULL);
    desk_fixture_tamper(&fx, "DROP TRIGGER visit_no_update; UPDATE visit SET visitor_name = '李四'");
    /* The row, the trigger dropped to edit it, and a name the list of names lacks. */
    ck_assert_int_eq(desk_fixture_verify(&fx), 3);
    desk_fixture_close(&fx);
}
END_TEST

/* A name taken off the list the search reads (schema 170) would hide its visitors
 * from the search: verify names the visit. */
START_TEST(a_name_taken_off_the_search_is_found)
{
    open_desk("names.db");
    admitted_one(NULL);
    desk_fixture_tamper(&fx, "DROP TRIGGER visitor_name_no_delete; DELETE FROM visitor_name");
    /* The visit, and the trigger dropped to delete its name. */
    ck_assert_int_eq(desk_fixture_verify(&fx), 2);
    desk_fixture_close(&fx);
}
END_TEST

/* ---- one audit entry for a visit and its registration ---- */

static int64_t raw_int(const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(fx.path, &db), SQLITE_OK);
    ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static int64_t registration_event(int64_t visit)
{
    char *sql = fd_printf("SELECT id FROM event WHERE kind = 'visit' AND entity_id = %lld AND "
                          "event = 'register'",
                          (long long)visit);
    int64_t id = raw_int(sql);
    free(sql);
    return id;
}

static desk_fixture_problems verify_problems(void)
{
    desk_fixture_problems p;
    fd_verify_request req = {0};
    fd_verify_result r;
    desk_fixture_verify_into(&fx, &req, &p, &r);
    return p;
}

START_TEST(one_audit_entry_records_the_visit_and_its_registration)
{
    open_desk("one_entry.db");
    int64_t before = raw_int("SELECT count(*) FROM audit");
    int64_t id = register_one();
    int64_t event = registration_event(id);
    ck_assert_int_eq(raw_int("SELECT count(*) FROM audit"), before + 1);
    char *sql = fd_printf("SELECT count(*) FROM audit WHERE format = 3 AND tbl = 'visit' AND "
                          "row_id = %lld AND event_id = %lld AND action = 'visit.register'",
                          (long long)id, (long long)event);
    ck_assert_int_eq(raw_int(sql), 1);
    free(sql);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

/* The event a format 3 entry records is held to it as the visit is. */
START_TEST(an_edited_registration_event_is_found)
{
    open_desk("edited_event.db");
    int64_t id = register_one();
    int64_t event = registration_event(id);
    char *sql = fd_printf("DROP TRIGGER event_no_update; UPDATE event SET at = at - 3600 WHERE id = %lld",
                          (long long)event);
    desk_fixture_tamper(&fx, sql);
    free(sql);
    desk_fixture_problems p = verify_problems();
    ck_assert_int_eq(p.count, 2); /* the event, and the trigger dropped to edit it */
    char *want = fd_printf("visit row %lld and its event %lld do not match", (long long)id, (long long)event);
    ck_assert_msg(desk_fixture_reported(&p, want), "%s", p.text[0]);
    free(want);
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(a_deleted_registration_event_is_found)
{
    open_desk("deleted_event.db");
    int64_t id = register_one();
    int64_t event = registration_event(id);
    char *sql = fd_printf("PRAGMA foreign_keys = OFF; DROP TRIGGER event_no_delete; "
                          "DELETE FROM event WHERE id = %lld",
                          (long long)event);
    desk_fixture_tamper(&fx, sql);
    free(sql);
    desk_fixture_problems p = verify_problems();
    char *want = fd_printf("event row %lld is missing", (long long)event);
    ck_assert_msg(desk_fixture_reported(&p, want), "%s", p.text[0]);
    free(want);
    desk_fixture_close(&fx);
}
END_TEST

/* A visit and an event slipped in behind the program's back between two
 * registrations, each recorded by one entry: neither is covered by the entries around
 * them. */
START_TEST(rows_slipped_between_registrations_are_found)
{
    open_desk("slipped_visit.db");
    int64_t first = register_one();
    int64_t event = registration_event(first);
    char *sql = fd_printf("CREATE TEMP TABLE v AS SELECT * FROM visit WHERE id = %lld;"
                          "UPDATE v SET id = id + 1; INSERT INTO visit SELECT * FROM v;"
                          "CREATE TEMP TABLE e AS SELECT * FROM event WHERE id = %lld;"
                          "UPDATE e SET id = id + 1, entity_id = entity_id + 1; INSERT INTO event SELECT * FROM e",
                          (long long)first, (long long)event);
    desk_fixture_tamper(&fx, sql);
    free(sql);
    int64_t second = register_one();
    ck_assert_int_eq(second, first + 2);
    ck_assert_int_eq(registration_event(second), event + 2);
    desk_fixture_problems p = verify_problems();
    char *visit = fd_printf("visit row %lld has no audit entry", (long long)first + 1);
    char *slipped = fd_printf("event row %lld has no audit entry", (long long)event + 1);
    ck_assert_msg(desk_fixture_reported(&p, visit), "%s", p.text[0]);
    ck_assert_msg(desk_fixture_reported(&p, slipped), "%s", p.text[0]);
    free(visit);
    free(slipped);
    desk_fixture_close(&fx);
}
END_TEST

/* An entry pointed at another event no longer matches, and its own event is left
 * without one. */
START_TEST(an_entry_pointed_at_another_event_is_found)
{
    open_desk("repointed.db");
    int64_t first = register_one();
    int64_t event = registration_event(first);
    register_one();
    char *sql = fd_printf("DROP TRIGGER audit_no_update; UPDATE audit SET event_id = event_id + 1 "
                          "WHERE format = 3 AND tbl = 'visit' AND row_id = %lld",
                          (long long)first);
    desk_fixture_tamper(&fx, sql);
    free(sql);
    desk_fixture_problems p = verify_problems();
    char *changed = fd_printf("visit row %lld and its event %lld do not match", (long long)first,
                              (long long)event + 1);
    char *left = fd_printf("event row %lld has no audit entry", (long long)event);
    ck_assert_msg(desk_fixture_reported(&p, changed), "%s", p.text[0]);
    ck_assert_msg(desk_fixture_reported(&p, left), "%s", p.text[0]);
    free(changed);
    free(left);
    desk_fixture_close(&fx);
}
END_TEST

/* ---- export ---- */

static char *export_day(const fd_actor *who, fd_export_format format, bool unmasked, fd_status want)
{
    fd_export_request req = {fd_date_start(fd_date_of(fx.now)), fd_date_start(fd_date_of(fx.now) + 1),
                             format, unmasked, false};
    fd_status s;
    char *text = desk_fixture_export(&fx, fd_visitors_export, who, &req, &s, NULL, &err);
    ck_assert_int_eq(s, want);
    return text;
}

START_TEST(a_days_export_matches_what_was_entered)
{
    open_desk("export.db");
    int64_t id = admitted_one(NULL);
    fx.now += 1800;
    ck_assert_int_eq(fd_visit_sign_out(fx.desk, &fx.receptionist, id, false, 0, &err), FD_OK);
    at(11, 26, 15, 0);
    fd_visit_form f = form();
    f.visitor_name = "昨天的人";
    register_as(&fx.receptionist, NULL, f);
    at(11, 27, 12, 0);
    char *csv = export_day(&fx.receptionist, FD_EXPORT_CSV, false, FD_OK);
    ck_assert_msg(strncmp(csv, "\xEF\xBB\xBF" "Slip number,Registered at,Visitor's name,", 42) == 0,
                  "%s", csv);
    ck_assert_msg(strstr(csv, "20261127-001,2026-11-27 10:00,张三,Resident identity card,"
                              "110105********002X,138****8000,1,送文件,A-1203,,,王五,,Left,北门,"
                              "2026-11-27 10:00,2026-11-27 10:30,NOT signed,,李娜,,李娜,李娜,")
                      != NULL, "%s", csv);
    ck_assert_ptr_null(strstr(csv, "昨天的人"));
    free(csv);
    free(export_day(&fx.receptionist, FD_EXPORT_CSV, true, FD_DENIED));
    char *json = export_day(&fx.duty_manager, FD_EXPORT_JSON, true, FD_OK);
    ck_assert_msg(strstr(json, "\"doc_number\": \"11010519491231002X\"") != NULL, "%s", json);
    ck_assert_msg(strstr(json, "\"doc_type\": \"resident_id\"") != NULL, "%s", json);
    ck_assert_msg(strstr(json, "\"slip_returned\": \"unsigned\"") != NULL, "%s", json);
    ck_assert_msg(strstr(json, "\"state\": \"left\"") != NULL, "%s", json);
    free(json);
    json = export_day(&fx.duty_manager, FD_EXPORT_JSON, false, FD_OK);
    ck_assert_msg(strstr(json, "\"doc_number\": \"110105********002X\"") != NULL, "%s", json);
    free(json);
    desk_fixture_close(&fx);
}
END_TEST

/* ---- issue 15: warnings, not refusals ---- */

typedef struct warned {
    char text[1024];
    int count;
} warned;

static void warning(void *ctx, const char *text)
{
    warned *w = ctx;
    size_t n = strlen(w->text);
    snprintf(w->text + n, sizeof w->text - n, "%s|", text);
    w->count++;
}

static warned warnings_of(const fd_visit_form *f)
{
    warned w = {"", 0};
    ck_assert_int_eq(fd_visit_warnings(fx.desk, &fx.receptionist, f, warning, &w, &err), FD_OK);
    return w;
}

/* A unit or visitee the directory does not have, and a known document under a new
 * name, are told to the desk; the registration is not refused for any of them. */
START_TEST(registration_warns_but_does_not_refuse)
{
    open_desk("warnings.db");
    fd_visit_form f = form();
    f.unit = "A-9999";
    f.visitee_name = "王五";
    warned w = warnings_of(&f);
    ck_assert_int_eq(w.count, 2);
    ck_assert_msg(strstr(w.text, "Unit A-9999 is not in the directory"), "%s", w.text);
    ck_assert_msg(strstr(w.text, "王五 is not in the directory"), "%s", w.text);
    int64_t first = register_as(&fx.receptionist, NULL, f);
    /* Over, so that the checks below are not told of it. */
    ck_assert_int_eq(fd_visit_refuse(fx.desk, &fx.receptionist, NULL, first, "被访人不在", &err), FD_OK);

    /* Known unit and person (case and blanks aside): nothing to say. */
    f = form();
    f.unit = " a-1203 ";
    f.visitee_name = "张伟";
    w = warnings_of(&f);
    ck_assert_msg(w.count == 0, "%s", w.text);
    /* A picked entry is not checked again. */
    f.unit = "A-9999";
    f.unit_id = unit_id("A-1203");
    ck_assert_int_eq(warnings_of(&f).count, 0);

    /* The document came before under another name: said, and still registered. */
    f = form();
    f.visitee_name = "张伟";
    const char *before = f.visitor_name;
    f.visitor_name = "李四";
    w = warnings_of(&f);
    ck_assert_int_eq(w.count, 1);
    ck_assert_msg(strstr(w.text, before) && strstr(w.text, "not 李四"), "%s", w.text);
    register_as(&fx.receptionist, NULL, f);
    verify_clean();
    desk_fixture_close(&fx);
}
END_TEST

/* The same document while its holder's earlier visit is not over (waiting, or inside):
 * told, with when and whom they came for, so nobody is counted inside twice; once
 * that visit is signed out, nothing. */
START_TEST(a_second_registration_while_the_first_is_open_is_told)
{
    open_desk("twice.db");
    fd_visit_slip slip;
    int64_t id = admitted_one(&slip);
    fd_visit_form f = form();
    f.visitee_name = "张伟"; /* in the directory: the one warning is the open visit */
    warned w = warnings_of(&f);
    ck_assert_msg(w.count == 1, "%s", w.text);
    ck_assert_msg(strstr(w.text, "has a visit not over yet") && strstr(w.text, "to visit A-1203 王五 (Inside)"),
                  "%s", w.text);
    ck_assert_int_eq(fd_visit_sign_out(fx.desk, &fx.receptionist, id, true, 0, &err), FD_OK);
    w = warnings_of(&f);
    ck_assert_msg(w.count == 0, "%s", w.text);
    desk_fixture_close(&fx);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("visitors");
    TCase *tc = tcase_create("visitors");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, register_admit_and_sign_out_with_a_signed_slip);
    tcase_add_test(tc, an_unsigned_slip_is_recorded_as_such);
    tcase_add_test(tc, slip_numbers_count_per_beijing_day);
    tcase_add_test(tc, refusal_needs_a_reason_and_keeps_the_visitor_out);
    tcase_add_test(tc, double_sign_out_is_refused);
    tcase_add_test(tc, sign_out_needs_an_admitted_visitor_and_a_sensible_time);
    tcase_add_test(tc, roles_that_may_not_register);
    tcase_add_test(tc, the_steps_a_screen_may_offer);
    tcase_add_test(tc, at_night_only_the_duty_manager_registers);
    tcase_add_test(tc, a_window_that_does_not_wrap_midnight);
    tcase_add_test(tc, bad_forms_are_refused_at_their_field);
    tcase_add_test(tc, a_visitee_picked_from_the_directory);
    tcase_add_test(tc, a_returning_visitor_is_recognised_by_document);
    tcase_add_test(tc, the_do_not_admit_list_stops_registration);
    tcase_add_test(tc, the_list_in_force_leaves_out_what_was_lifted);
    tcase_add_test(tc, corrections_are_new_entries_and_searches_follow_them);
    tcase_add_test(tc, a_row_shows_how_the_visit_ended_and_emptied_fields);
    tcase_add_test(tc, views_page_through_everything_once);
    tcase_add_test(tc, a_days_log_is_read_oldest_first_and_masked_for_the_reader);
    tcase_add_test(tc, documents_and_phones_are_masked_by_role);
    tcase_add_test(tc, visitors_still_inside_go_to_the_handover);
    tcase_add_test(tc, the_purge_clears_old_documents_and_verify_still_passes);
    tcase_add_test(tc, a_ban_keeps_its_number_while_in_force_and_forgets_it_once_lifted);
    tcase_add_test(tc, the_trigger_lets_only_the_purge_through);
    tcase_add_test(tc, an_edit_behind_the_programs_back_is_found);
    tcase_add_test(tc, a_name_taken_off_the_search_is_found);
    tcase_add_test(tc, one_audit_entry_records_the_visit_and_its_registration);
    tcase_add_test(tc, an_edited_registration_event_is_found);
    tcase_add_test(tc, a_deleted_registration_event_is_found);
    tcase_add_test(tc, rows_slipped_between_registrations_are_found);
    tcase_add_test(tc, an_entry_pointed_at_another_event_is_found);
    tcase_add_test(tc, a_days_export_matches_what_was_entered);
    tcase_add_test(tc, registration_warns_but_does_not_refuse);
    tcase_add_test(tc, a_second_registration_while_the_first_is_open_is_told);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
