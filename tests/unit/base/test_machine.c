/* The state-machine engine and corrections, on a small machine of the tests' own. */
#include <stdio.h>
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/audit.h"
#include "frontdesk/machine.h"
#include "frontdesk/store.h"
#include "testlib.h"

static fd_status needs_note(fd_desk *d, const fd_fire *fire, int64_t id, fd_error *err)
{
    (void)d;
    (void)id;
    if (!fire->note || !*fire->note)
        return fd_fail(err, FD_INVALID, "collector", "Who collected it?");
    return FD_OK;
}

/* A parcel: anyone at the desk receives it and hands it out (naming the collector);
 * only someone allowed to unlock staff — a duty manager — may send it back. */
static const fd_transition parcel_rows[] = {
    {NULL, "receive", "held", FD_ACT_DIRECTORY_CORRECT, NULL},
    {"held", "collect", "collected", FD_ACT_DIRECTORY_CORRECT, needs_note},
    {"held", "return", "returned", FD_ACT_STAFF_UNLOCK, NULL},
};
static const fd_machine parcel = {"parcel", parcel_rows, 3, NULL};

typedef struct firing {
    int64_t entity;
    const char *event;
    fd_fire fire;
} firing;

static fd_status fire_one(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    firing *f = ctx;
    desk_fixture *fx = f->fire.guard_ctx;
    return fd_machine_fire(fx->desk, &parcel, f->entity, f->event, &f->fire, NULL, err);
}

static fd_status fire(desk_fixture *fx, int64_t entity, const char *event, const fd_actor *who,
                      const fd_actor *approver, const char *note, fd_error *err)
{
    firing f = {entity, event, {.actor = who, .approver = approver, .note = note, .guard_ctx = fx}};
    return fd_store_write(fx->desk->store, fire_one, &f, err);
}

static const char *state_of(desk_fixture *fx, int64_t entity)
{
    static char state[FD_STATE_MAX];
    fd_error err = {0};
    ck_assert_int_eq(fd_machine_state(fx->desk, &parcel, entity, state, &err), FD_OK);
    return state;
}

START_TEST(events_move_the_state_and_keep_history)
{
    desk_fixture fx;
    desk_fixture_open(&fx, "machine.db");
    fd_error err = {0};
    ck_assert_str_eq(state_of(&fx, 7), "");
    ck_assert_int_eq(fire(&fx, 7, "receive", &fx.receptionist, NULL, NULL, &err), FD_OK);
    ck_assert_str_eq(state_of(&fx, 7), "held");
    ck_assert_int_eq(fire(&fx, 7, "collect", &fx.receptionist, NULL, "张三丰", &err), FD_OK);
    ck_assert_str_eq(state_of(&fx, 7), "collected");
    ck_assert_int_eq(desk_fixture_verify(&fx), 0);
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(illegal_transitions_are_refused)
{
    desk_fixture fx;
    desk_fixture_open(&fx, "illegal.db");
    fd_error err = {0};
    ck_assert_int_eq(fire(&fx, 1, "collect", &fx.receptionist, NULL, "x", &err), FD_STATE);
    ck_assert_int_eq(fire(&fx, 1, "receive", &fx.receptionist, NULL, NULL, &err), FD_OK);
    ck_assert_int_eq(fire(&fx, 1, "receive", &fx.receptionist, NULL, NULL, &err), FD_STATE);
    ck_assert_int_eq(fire(&fx, 1, "collect", &fx.receptionist, NULL, "x", &err), FD_OK);
    ck_assert_int_eq(fire(&fx, 1, "return", &fx.duty_manager, NULL, NULL, &err), FD_STATE);
    ck_assert_ptr_nonnull(strstr(err.message, "collected"));
    ck_assert_str_eq(state_of(&fx, 1), "collected");
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(roles_and_in_place_approval)
{
    desk_fixture fx;
    desk_fixture_open(&fx, "roles.db");
    fd_error err = {0};
    ck_assert_int_eq(fire(&fx, 2, "receive", &fx.receptionist, NULL, NULL, &err), FD_OK);
    ck_assert_int_eq(fire(&fx, 2, "return", &fx.receptionist, NULL, NULL, &err), FD_DENIED);
    /* The refusal names the step as a person reads it, never its internal name. */
    ck_assert_msg(strstr(err.message, fd_action_label(FD_ACT_STAFF_UNLOCK)) &&
                      !strstr(err.message, fd_action_name(FD_ACT_STAFF_UNLOCK)),
                  "%s", err.message);
    ck_assert_str_eq(fd_action_label(FD_ACT_COMPLAINT_ESCALATE),
                     "Escalate a complaint to the customer-service manager");
    ck_assert_str_eq(state_of(&fx, 2), "held");
    /* A duty manager approves in place: the receptionist records it, with the approver. */
    ck_assert_int_eq(fire(&fx, 2, "return", &fx.receptionist, &fx.duty_manager, NULL, &err), FD_OK);
    ck_assert_str_eq(state_of(&fx, 2), "returned");
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(guards_refuse_at_the_field)
{
    desk_fixture fx;
    desk_fixture_open(&fx, "guard.db");
    fd_error err = {0};
    ck_assert_int_eq(fire(&fx, 3, "receive", &fx.receptionist, NULL, NULL, &err), FD_OK);
    ck_assert_int_eq(fire(&fx, 3, "collect", &fx.receptionist, NULL, "", &err), FD_INVALID);
    ck_assert_str_eq(err.field, "collector");
    ck_assert_str_eq(state_of(&fx, 3), "held");
    desk_fixture_close(&fx);
}
END_TEST

typedef struct history {
    int count;
    char events[4][16];
    int64_t approver;
} history;

static void remember(void *ctx, const fd_event_row *row)
{
    history *h = ctx;
    snprintf(h->events[h->count++], 16, "%s", row->event);
    h->approver = row->approver_id;
}

static fd_status read_history(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    history *h = ((void **)ctx)[1];
    desk_fixture *fx = ((void **)ctx)[0];
    return fd_machine_history(fx->desk, &parcel, 4, remember, h, err);
}

START_TEST(history_lists_every_event_with_its_approver)
{
    desk_fixture fx;
    desk_fixture_open(&fx, "history.db");
    fd_error err = {0};
    ck_assert_int_eq(fire(&fx, 4, "receive", &fx.receptionist, NULL, NULL, &err), FD_OK);
    ck_assert_int_eq(fire(&fx, 4, "return", &fx.receptionist, &fx.duty_manager, NULL, &err), FD_OK);
    history h = {0};
    void *ctx[2] = {&fx, &h};
    ck_assert_int_eq(fd_store_read(fx.desk->store, read_history, ctx, &err), FD_OK);
    ck_assert_int_eq(h.count, 2);
    ck_assert_str_eq(h.events[0], "receive");
    ck_assert_str_eq(h.events[1], "return");
    ck_assert_int_eq(h.approver, fx.duty_manager.staff_id);
    desk_fixture_close(&fx);
}
END_TEST

START_TEST(verify_recomputes_the_cached_state)
{
    desk_fixture fx;
    desk_fixture_open(&fx, "drift.db");
    fd_error err = {0};
    ck_assert_int_eq(fire(&fx, 5, "receive", &fx.receptionist, NULL, NULL, &err), FD_OK);
    desk_fixture_tamper(&fx, "UPDATE entity_state SET state = 'collected'");
    ck_assert_int_eq(desk_fixture_verify(&fx), 1);
    desk_fixture_close(&fx);
}
END_TEST

static fd_status begin_one(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    firing *f = ctx;
    desk_fixture *fx = f->fire.guard_ctx;
    return fd_machine_begin(fx->desk, &parcel, FD_TABLE_staff, f->entity, f->event, &f->fire, NULL,
                            err);
}

/* fd_machine_begin does not look the state up (the row was just inserted): a first event
 * on an entity that already has a state must still fail, and leave nothing written. */
START_TEST(a_first_event_twice_is_refused_and_writes_nothing)
{
    desk_fixture fx;
    desk_fixture_open(&fx, "begin.db");
    fd_error err = {0};
    int64_t staff = fx.receptionist.staff_id;
    ck_assert_int_eq(fire(&fx, staff, "receive", &fx.receptionist, NULL, NULL, &err), FD_OK);
    ck_assert_int_eq(fire(&fx, staff, "collect", &fx.receptionist, NULL, "张三丰", &err), FD_OK);
    int events = desk_fixture_count(&fx, "SELECT count(*) FROM event");
    int entries = desk_fixture_count(&fx, "SELECT count(*) FROM audit");
    firing f = {staff, "receive", {.actor = &fx.receptionist, .guard_ctx = &fx}};
    ck_assert_int_ne(fd_store_write(fx.desk->store, begin_one, &f, &err), FD_OK);
    ck_assert_str_eq(state_of(&fx, staff), "collected");
    ck_assert_int_eq(desk_fixture_count(&fx, "SELECT count(*) FROM event"), events);
    ck_assert_int_eq(desk_fixture_count(&fx, "SELECT count(*) FROM audit"), entries);
    ck_assert_int_eq(desk_fixture_verify(&fx), 0);
    desk_fixture_close(&fx);
}
END_TEST

typedef struct correcting {
    desk_fixture *fx;
    const char *value, *reason;
} correcting;

static fd_status correct_room(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    correcting *c = ctx;
    return fd_correct(c->fx->desk, &c->fx->receptionist, "unit", 1, "room", c->value, c->reason,
                      NULL, err);
}

static fd_status read_room(fd_store *store, void *ctx, fd_error *err)
{
    (void)store;
    correcting *c = ctx;
    char *value = NULL;
    fd_status s = fd_current_value(c->fx->desk, "unit", 1, "room", "1203", &value, err);
    c->value = value; /* the test frees it */
    return s;
}

START_TEST(corrections_need_a_reason_and_the_latest_wins)
{
    desk_fixture fx;
    desk_fixture_open(&fx, "correct.db");
    fd_error err = {0};
    correcting c = {&fx, "1302", "  "};
    ck_assert_int_eq(fd_store_write(fx.desk->store, correct_room, &c, &err), FD_INVALID);
    ck_assert_str_eq(err.field, "reason");
    c.reason = "门牌抄错";
    ck_assert_int_eq(fd_store_write(fx.desk->store, correct_room, &c, &err), FD_OK);
    c.value = "1320";
    ck_assert_int_eq(fd_store_write(fx.desk->store, correct_room, &c, &err), FD_OK);
    ck_assert_int_eq(fd_store_read(fx.desk->store, read_room, &c, &err), FD_OK);
    ck_assert_str_eq(c.value, "1320");
    free((char *)c.value);
    ck_assert_int_eq(desk_fixture_verify(&fx), 0);
    desk_fixture_close(&fx);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("machine");
    TCase *tc = tcase_create("machine");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, events_move_the_state_and_keep_history);
    tcase_add_test(tc, illegal_transitions_are_refused);
    tcase_add_test(tc, roles_and_in_place_approval);
    tcase_add_test(tc, guards_refuse_at_the_field);
    tcase_add_test(tc, history_lists_every_event_with_its_approver);
    tcase_add_test(tc, verify_recomputes_the_cached_state);
    tcase_add_test(tc, a_first_event_twice_is_refused_and_writes_nothing);
    tcase_add_test(tc, corrections_need_a_reason_and_the_latest_wins);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
