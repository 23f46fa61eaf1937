/* Mail, parcels and newspapers: intake, the duplicate check, shelving, hand-outs by the
 * recipient and by proxy, returns, ages, the lists, the newspaper tally, the daily
 * register, corrections, history and export — each refusal with its
 * field, and the audit chain clean afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/audit.h"
#include "frontdesk/directory.h"
#include "frontdesk/machine.h"
#include "frontdesk/mail.h"
#include "frontdesk/staff.h"
#include "testlib.h"

static desk_fixture fx;
static fd_error err;
static char *carrier_names[] = {"顺丰速运", "EMS", "京东物流", "中国邮政"};

enum { DAY = 86400 };

/* ---- set-up ---- */

/* The fixture desk with the test directory and the shipped mail settings. */
static void open_desk(const char *db)
{
    desk_fixture_open(&fx, db);
    fx.config.carriers = (fd_string_list){carrier_names, 4};
    fx.config.mail_age_buckets[0] = 3;
    fx.config.mail_age_buckets[1] = 7;
    fx.config.mail_age_buckets[2] = 15;
    fx.config.mail_return_days = 15;
    fx.config.unmask_phone_roles = FD_ROLE_BIT(FD_ROLE_CS_MANAGER);
    desk_fixture_directory(&fx);
    fd_error_clear(&err);
}

static void report(void *ctx, const char *problem)
{
    (void)ctx;
    fprintf(stderr, "verify: %s\n", problem);
}

static void close_desk(void)
{
    fd_verify_result r;
    fd_error e = {0};
    ck_assert_msg(fd_verify(fx.desk, NULL, report, NULL, &r, &e) == FD_OK, "%s", e.message);
    ck_assert_int_eq(r.problems, 0);
    desk_fixture_close(&fx);
}

typedef struct dir_hit {
    unsigned kind;
    int64_t id;
} dir_hit;

static void first_hit(void *ctx, const fd_dir_entry *e)
{
    dir_hit *h = ctx;
    if (!h->id)
        *h = (dir_hit){e->kind, e->id};
}

static fd_mail_recipient pick(unsigned kinds, const char *text)
{
    dir_hit h = {0};
    ck_assert_int_eq(fd_directory_search(fx.desk, NULL, kinds, text, -1, first_hit, &h, &err), FD_OK);
    ck_assert_msg(h.id != 0, "nobody in the directory for %s", text);
    return (fd_mail_recipient){(fd_dir_kind)h.kind, h.id, NULL};
}

static fd_mail_recipient zhang_wei(void) { return pick(FD_DIR_OCCUPANT, "张伟"); }
static fd_mail_recipient smith(void) { return pick(FD_DIR_OCCUPANT, "Smith"); }

static fd_mail_intake parcel(const char *tracking, fd_mail_recipient to, const char *shelf)
{
    return (fd_mail_intake){.carrier = "顺丰速运", .kind = FD_MAIL_EXPRESS, .tracking = tracking,
                            .recipient = to, .shelf = shelf};
}

static int64_t receive(fd_mail_intake in)
{
    int64_t id = 0;
    ck_assert_msg(fd_mail_receive(fx.desk, &fx.receptionist, &in, &id, &err) == FD_OK, "%s",
                  err.message);
    return id;
}

static fd_mail_item get(int64_t id)
{
    fd_mail_item it;
    ck_assert_msg(fd_mail_get(fx.desk, id, &it, &err) == FD_OK, "%s", err.message);
    return it;
}

static long held_count(void)
{
    long n = -1;
    ck_assert_int_eq(fd_mail_held_count(fx.desk, &n, &err), FD_OK);
    return n;
}

static void expect_refused(fd_status got, fd_status want, const char *field)
{
    ck_assert_int_eq(got, want);
    ck_assert_str_eq(err.field, field);
    ck_assert_msg(err.message[0] != '\0', "no message");
}

static fd_status hand_out(const int64_t *ids, size_t n, const char *collector, const char *phone,
                          const char *relation)
{
    fd_mail_handout h = {.items = ids, .count = n, .collector = collector, .signed_for = true,
                         .proxy_phone = phone, .proxy_relation = relation};
    fd_error_clear(&err);
    return fd_mail_hand_out(fx.desk, &fx.receptionist, &h, NULL, &err);
}

/* ---- intake ---- */

START_TEST(intake_registers_and_shelves)
{
    open_desk("mail_intake.db");
    fd_mail_intake in = parcel(" sf1234 5678 90\r\n", zhang_wei(), "b3");
    in.carrier = "ems";
    in.quantity = 2;
    int64_t id = receive(in);
    fd_mail_item it = get(id);
    ck_assert_str_eq(it.tracking, "SF1234567890");
    ck_assert_str_eq(it.carrier, "EMS");
    ck_assert_str_eq(it.shelf, "B3");
    ck_assert_str_eq(it.recipient_unit, "A-1203");
    ck_assert_str_eq(it.recipient_name, "张伟");
    ck_assert_str_eq(it.received_by, "李娜");
    ck_assert_int_eq(it.quantity, 2);
    ck_assert_int_eq(it.state, FD_MAIL_STATE_HELD);
    ck_assert_int_eq(it.received_at, fx.now);

    /* A letter without a shelf stays received until it is put on one. */
    fd_mail_intake letter = {.carrier = "中国邮政", .kind = FD_MAIL_LETTER,
                             .recipient = {0, 0, "  王小二 "}};
    int64_t lid = receive(letter);
    it = get(lid);
    ck_assert_int_eq(it.state, FD_MAIL_STATE_RECEIVED);
    ck_assert_int_eq(it.quantity, 1);
    ck_assert_str_eq(it.recipient_name, "王小二");
    ck_assert_str_eq(it.recipient_unit, "");
    ck_assert_str_eq(it.tracking, "");
    ck_assert_int_eq(fd_mail_shelve(fx.desk, &fx.receptionist, lid, "c1", &err), FD_OK);
    ck_assert_int_eq(get(lid).state, FD_MAIL_STATE_HELD);
    expect_refused(fd_mail_shelve(fx.desk, &fx.receptionist, lid, "C1", &err), FD_INVALID, "shelf");
    ck_assert_int_eq(fd_mail_shelve(fx.desk, &fx.receptionist, lid, "C2", &err), FD_OK);
    it = get(lid);
    ck_assert_int_eq(it.state, FD_MAIL_STATE_HELD);
    ck_assert_str_eq(it.shelf, "C2");
    expect_refused(fd_mail_shelve(fx.desk, &fx.receptionist, lid, " ", &err), FD_INVALID, "shelf");
    ck_assert_int_eq(held_count(), 2);
    close_desk();
}
END_TEST

START_TEST(directory_recipients_are_read_from_the_directory)
{
    open_desk("mail_dir.db");
    fd_mail_item it = get(receive(parcel("JD0001", pick(FD_DIR_PERSON, "赵磊"), NULL)));
    ck_assert_str_eq(it.recipient_unit, "T-1501");
    ck_assert_str_eq(it.recipient_name, "赵磊");
    ck_assert_str_eq(it.recipient_org, "北京辰星科技有限公司 技术部");
    it = get(receive(parcel("JD0002", pick(FD_DIR_DEPARTMENT, "行政部"), NULL)));
    ck_assert_str_eq(it.recipient_name, "行政部");
    ck_assert_str_eq(it.recipient_org, "北京辰星科技有限公司");
    it = get(receive(parcel("JD0003", pick(FD_DIR_COMPANY, "辰星"), NULL)));
    ck_assert_str_eq(it.recipient_name, "北京辰星科技有限公司");
    it = get(receive(parcel("JD0004", pick(FD_DIR_UNIT, "A-1204"), NULL)));
    ck_assert_str_eq(it.recipient_unit, "A-1204");
    ck_assert_str_eq(it.recipient_name, "");

    fd_mail_intake in = parcel("JD0005", (fd_mail_recipient){FD_DIR_OCCUPANT, 999999, NULL}, NULL);
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_NOT_FOUND,
                   "recipient");
    /* A company's id is not an owner's. */
    in.recipient = pick(FD_DIR_COMPANY, "辰星");
    in.recipient.kind = FD_DIR_OCCUPANT;
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_NOT_FOUND,
                   "recipient");
    in.recipient.kind = FD_DIR_CONTACT;
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID,
                   "recipient");
    close_desk();
}
END_TEST

/* The organisation on a recipient is the company's name as corrected: these lookups once
 * named the correction's own id where they meant the company's, so a renamed company
 * kept its old name on the mail. */
static fd_status rename_company(fd_store *store, void *ctx, fd_error *e)
{
    (void)store;
    const fd_mail_recipient *company = ctx;
    return fd_correct(fx.desk, &fx.admin, "occupant", company->id, "name", "辰星集团", "更名",
                      NULL, e);
}

START_TEST(a_renamed_company_is_named_on_its_staff_mail)
{
    open_desk("mail_renamed.db");
    fd_mail_recipient company = pick(FD_DIR_COMPANY, "辰星");
    ck_assert_int_eq(fd_store_write(fx.desk->store, rename_company, &company, &err), FD_OK);
    ck_assert_str_eq(get(receive(parcel("JD0001", pick(FD_DIR_PERSON, "赵磊"), NULL))).recipient_org,
                     "辰星集团 技术部");
    ck_assert_str_eq(get(receive(parcel("JD0002", pick(FD_DIR_DEPARTMENT, "行政部"), NULL))).recipient_org,
                     "辰星集团");
    close_desk();
}
END_TEST

START_TEST(duplicate_tracking_number_is_refused_naming_the_item)
{
    open_desk("mail_dup.db");
    int64_t first = receive(parcel("SF1234567890", zhang_wei(), "A1"));
    fx.now += 3600;
    fd_mail_intake again = parcel("sf 1234 567890", smith(), "A2");
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &again, NULL, &err), FD_CONFLICT,
                   "tracking");
    char want[64];
    snprintf(want, sizeof want, "item %lld", (long long)first);
    ck_assert_msg(strstr(err.message, want), "%s", err.message);
    ck_assert_msg(strstr(err.message, "A-1203 张伟"), "%s", err.message);
    ck_assert_msg(strstr(err.message, "2026-11-27 10:00"), "%s", err.message);
    ck_assert_msg(strstr(err.message, "SF1234567890"), "%s", err.message);
    ck_assert_int_eq(held_count(), 1);
    /* The check a screen makes before asking anything refuses it alike, and writes
     * nothing; a new number passes it. */
    fd_error refused = err;
    err = (fd_error){0};
    expect_refused(fd_mail_check(fx.desk, &again, &err), FD_CONFLICT, "tracking");
    ck_assert_str_eq(err.message, refused.message);
    fd_mail_intake fresh = parcel("SF1234567891", smith(), "A2");
    ck_assert_int_eq(fd_mail_check(fx.desk, &fresh, &err), FD_OK);
    ck_assert_int_eq(held_count(), 1);
    close_desk();
}
END_TEST

static void keep_warning(void *ctx, const char *warning)
{
    snprintf(ctx, FD_MESSAGE_MAX, "%s", warning);
}

/* A typed recipient the directory does not know is told to the desk, never refused; one
 * it knows, or one picked there, says nothing. */
START_TEST(an_unknown_typed_recipient_is_a_warning)
{
    open_desk("mail_warn.db");
    char warning[FD_MESSAGE_MAX] = "";
    fd_mail_intake typed = parcel("SF1234567000", (fd_mail_recipient){0, 0, " 不存在的人 "}, "A1");
    ck_assert_int_eq(fd_mail_warnings(fx.desk, &typed, keep_warning, warning, &err), FD_OK);
    ck_assert_str_eq(warning, "不存在的人 is not in the directory: check it against the waybill.");
    warning[0] = '\0';
    fd_mail_intake picked = parcel("SF1234567001", zhang_wei(), "A1");
    ck_assert_int_eq(fd_mail_warnings(fx.desk, &picked, keep_warning, warning, &err), FD_OK);
    ck_assert_str_eq(warning, "");
    receive(typed);
    close_desk();
}
END_TEST

START_TEST(intake_refusals_name_their_field)
{
    open_desk("mail_refuse.db");
    fd_mail_intake in = parcel("SF0001", zhang_wei(), NULL);
    in.carrier = "  ";
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "carrier");
    in.carrier = "极兔速递"; /* not configured: typed by hand, accepted */
    in.kind = FD_MAIL_KIND_COUNT;
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "kind");
    in.kind = FD_MAIL_EXPRESS;
    in.quantity = 1000;
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "quantity");
    in.quantity = -1;
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "quantity");
    in.quantity = 1;
    in.tracking = "";
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "tracking");
    ck_assert(fd_mail_intake_requires(&in, "tracking")); /* what the form marks */
    ck_assert(!fd_mail_intake_requires(&in, "damage_note"));
    in.tracking = "SF#0001";
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "tracking");
    in.tracking = "SF1";
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "tracking");
    in.tracking = "SF00000000000000000000000000000000000000001";
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "tracking");
    in.tracking = "SF0001";
    in.recipient = (fd_mail_recipient){0, 0, " "};
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "recipient");
    in.recipient = zhang_wei();
    in.damaged = true;
    ck_assert(fd_mail_intake_requires(&in, "damage_note") && fd_mail_intake_requires(&in, "damage_ack"));
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID,
                   "damage_note");
    in.damage_note = "外箱破损";
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID,
                   "damage_ack");
    in.damage_ack = "快递员 王师傅";
    char long_note[400];
    memset(long_note, 'x', sizeof long_note - 1);
    long_note[sizeof long_note - 1] = '\0';
    in.note = long_note;
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "note");
    in.note = "bell\arings";
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &in, NULL, &err), FD_INVALID, "note");
    in.note = "第一行\n第二行";
    ck_assert_int_eq(fd_mail_receive(fx.desk, &fx.admin, &in, NULL, &err), FD_DENIED);
    ck_assert_int_eq(held_count(), 0);

    int64_t id = receive(in);
    fd_mail_item it = get(id);
    ck_assert(it.damaged);
    ck_assert_str_eq(it.damage_note, "外箱破损");
    ck_assert_str_eq(it.damage_ack, "快递员 王师傅");
    ck_assert_str_eq(it.carrier, "极兔速递");
    ck_assert_str_eq(it.note, "第一行\n第二行");
    close_desk();
}
END_TEST

START_TEST(records_cannot_be_changed_behind_the_program)
{
    open_desk("mail_raw.db");
    receive(parcel("SF0001", zhang_wei(), "A1"));
    ck_assert_int_eq(fd_mail_paper_receive(fx.desk, &fx.receptionist, "人民日报", 3, NULL, &err), FD_OK);
    desk_fixture_close(&fx);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE mail_item SET tracking = 'X'"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "DELETE FROM mail_shelving"), 0);
    ck_assert_int_ne(desk_fixture_raw(&fx, "UPDATE mail_paper SET quantity = 1"), 0);
}
END_TEST

/* ---- hand-out ---- */

START_TEST(recipient_collects)
{
    open_desk("mail_collect.db");
    int64_t id = receive(parcel("SF0001", zhang_wei(), "A1"));
    fx.now += 2 * 3600;
    ck_assert_msg(hand_out(&id, 1, " 张 伟", NULL, NULL) == FD_OK, "%s", err.message);
    fd_mail_item it = get(id);
    ck_assert_int_eq(it.state, FD_MAIL_STATE_COLLECTED);
    ck_assert_str_eq(it.closed_by, "张 伟");
    ck_assert(!it.by_proxy);
    ck_assert_int_eq(it.closed_at, fx.now);
    ck_assert_int_eq(held_count(), 0);
    /* Collected once. */
    ck_assert_int_eq(hand_out(&id, 1, "张伟", NULL, NULL), FD_STATE);
    ck_assert_str_eq(err.field, "items");
    ck_assert_msg(strstr(err.message, "already collected"), "%s", err.message);
    /* Handed over at the counter before it ever reached a shelf. */
    int64_t unshelved = receive(parcel("SF0002", zhang_wei(), NULL));
    ck_assert_int_eq(get(unshelved).state, FD_MAIL_STATE_RECEIVED);
    ck_assert_msg(hand_out(&unshelved, 1, "张伟", NULL, NULL) == FD_OK, "%s", err.message);
    ck_assert_int_eq(get(unshelved).state, FD_MAIL_STATE_COLLECTED);
    ck_assert_str_eq(get(unshelved).shelf, "");
    close_desk();
}
END_TEST

START_TEST(several_items_at_once_with_a_proxy)
{
    open_desk("mail_proxy.db");
    int64_t ids[3] = {receive(parcel("SF0001", zhang_wei(), "A1")), receive(parcel("SF0002", smith(), "A1")),
                      receive(parcel("SF0003", zhang_wei(), "A2"))};
    /* The form learns, as the name is typed, that 张伟 would collect as a proxy. */
    bool proxy = false;
    ck_assert_int_eq(fd_mail_collector_is_proxy(fx.desk, ids, 3, "张伟", &proxy, &err), FD_OK);
    ck_assert(proxy);
    ck_assert_int_eq(fd_mail_collector_is_proxy(fx.desk, ids, 1, "张 伟", &proxy, &err), FD_OK);
    ck_assert(!proxy);
    ck_assert_int_eq(fd_mail_collector_is_proxy(fx.desk, ids, 3, " ", &proxy, &err), FD_OK);
    ck_assert(!proxy);
    fd_mail_handout typed = {.items = ids, .count = 3, .collector = "张伟", .signed_for = true};
    ck_assert(!fd_mail_handout_requires(&typed, "proxy_phone"));
    typed.proxy = true;
    ck_assert(fd_mail_handout_requires(&typed, "proxy_phone"));
    ck_assert(fd_mail_handout_requires(&typed, "proxy_relation"));
    /* 张伟 collects for Smith too: without the proxy details nothing goes out. */
    expect_refused(hand_out(ids, 3, "张伟", NULL, NULL), FD_INVALID, "proxy_phone");
    ck_assert_msg(strstr(err.message, "SF0002"), "%s", err.message);
    ck_assert_msg(strstr(err.message, "Smith, John"), "%s", err.message);
    ck_assert_int_eq(held_count(), 3);

    fd_mail_handout h = {.items = ids, .count = 3, .collector = "张伟", .signed_for = true,
                         .proxy_phone = "138 0013 8000", .proxy_relation = "邻居"};
    int64_t handout = 0;
    ck_assert_msg(fd_mail_hand_out(fx.desk, &fx.receptionist, &h, &handout, &err) == FD_OK, "%s",
                  err.message);
    ck_assert_int_gt(handout, 0);
    ck_assert_int_eq(get(ids[0]).state, FD_MAIL_STATE_COLLECTED);
    ck_assert_int_eq(get(ids[1]).state, FD_MAIL_STATE_COLLECTED_BY_PROXY);
    ck_assert(get(ids[1]).by_proxy);
    ck_assert_int_eq(get(ids[2]).state, FD_MAIL_STATE_COLLECTED);
    ck_assert_int_eq(held_count(), 0);
    close_desk();
}
END_TEST

START_TEST(hand_out_refusals_name_their_field)
{
    open_desk("mail_handout_refuse.db");
    int64_t unit_item = receive(parcel("SF0001", pick(FD_DIR_UNIT, "A-1204"), "A1"));
    int64_t company_item = receive(parcel("SF0002", pick(FD_DIR_COMPANY, "辰星"), "T1"));
    int64_t pair[2] = {unit_item, unit_item};

    expect_refused(hand_out(NULL, 0, "王芳", NULL, NULL), FD_INVALID, "items");
    expect_refused(hand_out(pair, 2, "王芳", NULL, NULL), FD_INVALID, "items");
    int64_t missing = 4242;
    expect_refused(hand_out(&missing, 1, "王芳", NULL, NULL), FD_NOT_FOUND, "items");
    expect_refused(hand_out(&unit_item, 1, "  ", NULL, NULL), FD_INVALID, "collector");
    fd_mail_handout unsigned_h = {.items = &unit_item, .count = 1, .collector = "王芳"};
    expect_refused(fd_mail_hand_out(fx.desk, &fx.receptionist, &unsigned_h, NULL, &err), FD_INVALID,
                   "signed");
    fd_mail_handout proxy = {.items = &unit_item, .count = 1, .collector = "王芳", .signed_for = true,
                             .proxy = true};
    expect_refused(fd_mail_hand_out(fx.desk, &fx.receptionist, &proxy, NULL, &err), FD_INVALID,
                   "proxy_phone");
    expect_refused(hand_out(&unit_item, 1, "王芳", "12345", "家人"), FD_INVALID, "proxy_phone");
    expect_refused(hand_out(&unit_item, 1, "王芳", "13800138000", NULL), FD_INVALID, "proxy_relation");
    expect_refused(hand_out(&unit_item, 1, "王芳", NULL, "家人"), FD_INVALID, "proxy_phone");
    fd_mail_handout denied = {.items = &unit_item, .count = 1, .collector = "王芳", .signed_for = true};
    ck_assert_int_eq(fd_mail_hand_out(fx.desk, &fx.admin, &denied, NULL, &err), FD_DENIED);
    ck_assert_int_eq(held_count(), 2);

    /* For a unit or a company the desk says whether the collector is a proxy. */
    ck_assert_msg(hand_out(&unit_item, 1, "王芳", NULL, NULL) == FD_OK, "%s", err.message);
    ck_assert_int_eq(get(unit_item).state, FD_MAIL_STATE_COLLECTED);
    ck_assert_msg(hand_out(&company_item, 1, "快递代收点", "13800138000", "代收") == FD_OK, "%s",
                  err.message);
    ck_assert_int_eq(get(company_item).state, FD_MAIL_STATE_COLLECTED_BY_PROXY);
    close_desk();
}
END_TEST

/* ---- ages and returns ---- */

START_TEST(returned_item_cannot_be_handed_out)
{
    open_desk("mail_return.db");
    int64_t id = receive(parcel("SF0001", zhang_wei(), "A1"));
    fx.now += 15 * DAY;
    fd_mail_item it = get(id);
    ck_assert_int_eq(it.age_days, 15);
    ck_assert(it.to_return);
    long due = -1;
    ck_assert_int_eq(fd_mail_to_return_count(fx.desk, &due, &err), FD_OK);
    ck_assert_int_eq(due, 1);

    ck_assert_msg(fd_mail_return(fx.desk, &fx.receptionist, id, NULL, NULL, &err) == FD_OK, "%s",
                  err.message);
    it = get(id);
    ck_assert_int_eq(it.state, FD_MAIL_STATE_RETURNED);
    ck_assert_str_eq(it.closed_by, "顺丰速运");
    ck_assert_int_eq(it.closed_at, fx.now);
    ck_assert(!it.to_return);
    ck_assert_int_eq(fd_mail_to_return_count(fx.desk, &due, &err), FD_OK);
    ck_assert_int_eq(due, 0);

    expect_refused(hand_out(&id, 1, "张伟", NULL, NULL), FD_STATE, "items");
    ck_assert_msg(strstr(err.message, "returned to the sender"), "%s", err.message);
    ck_assert_int_eq(fd_mail_return(fx.desk, &fx.receptionist, id, NULL, NULL, &err), FD_STATE);
    ck_assert_int_eq(fd_mail_shelve(fx.desk, &fx.receptionist, id, "A2", &err), FD_STATE);
    ck_assert_int_eq(fd_mail_return(fx.desk, &fx.receptionist, 777, NULL, NULL, &err), FD_NOT_FOUND);
    close_desk();
}
END_TEST

START_TEST(early_return_needs_a_reason)
{
    open_desk("mail_early.db");
    int64_t id = receive(parcel("SF0001", zhang_wei(), NULL));
    fx.now += 2 * DAY;
    expect_refused(fd_mail_return(fx.desk, &fx.receptionist, id, "EMS", "", &err), FD_INVALID, "note");
    ck_assert_msg(strstr(err.message, "2 days"), "%s", err.message);
    ck_assert_int_eq(fd_mail_return(fx.desk, &fx.admin, id, "EMS", "拒收", &err), FD_DENIED);
    ck_assert_msg(fd_mail_return(fx.desk, &fx.receptionist, id, "ems", "业主拒收", &err) == FD_OK, "%s",
                  err.message);
    ck_assert_str_eq(get(id).closed_by, "EMS");
    close_desk();
}
END_TEST

START_TEST(ages_fall_into_the_configured_buckets)
{
    open_desk("mail_ages.db");
    fd_time start = fx.now;
    int64_t ids[5];
    int days_ago[5] = {16, 15, 7, 3, 0};
    for (int i = 0; i < 5; i++) {
        fx.now = start - days_ago[i] * DAY;
        char tracking[16];
        snprintf(tracking, sizeof tracking, "SF%04d", i);
        ids[i] = receive(parcel(tracking, zhang_wei(), "A1"));
    }
    fx.now = start;
    int buckets[5] = {3, 3, 2, 1, 0};
    for (int i = 0; i < 5; i++) {
        fd_mail_item it = get(ids[i]);
        ck_assert_int_eq(it.age_days, days_ago[i]);
        ck_assert_int_eq(it.age_bucket, buckets[i]);
        ck_assert(it.to_return == (days_ago[i] >= 15));
    }
    /* Days are Beijing days: received at 23:59 is a day old at 00:01. */
    fx.now = fd_time_from_local(2026, 11, 27, 23, 59, 0);
    int64_t late = receive(parcel("SF9999", zhang_wei(), "A1"));
    fx.now += 120;
    ck_assert_int_eq(get(late).age_days, 1);

    fx.config.mail_age_buckets[0] = 1;
    fx.config.mail_age_buckets[1] = 2;
    fx.config.mail_age_buckets[2] = 5;
    fx.config.mail_return_days = 7;
    fx.now = start;
    ck_assert_int_eq(get(ids[3]).age_bucket, 2);
    ck_assert(get(ids[2]).to_return);
    long due;
    ck_assert_int_eq(fd_mail_to_return_count(fx.desk, &due, &err), FD_OK);
    ck_assert_int_eq(due, 3);
    close_desk();
}
END_TEST

/* ---- lists ---- */

typedef struct page {
    fd_mail_item rows[40];
    int count;
} page;

static void keep(void *ctx, const fd_mail_item *it)
{
    page *p = ctx;
    ck_assert_int_lt(p->count, 40);
    p->rows[p->count++] = *it;
}

/* A list to walk: a view of fd_mail_list (with its search), or fd_mail_held. */
typedef struct listing {
    bool held;
    fd_mail_view view;
    const char *text;
} listing;

/* Every row of the list, fetched `limit` at a time (negative: all at once); the
 * tracking numbers (or recipients) joined by spaces. */
static const char *walk_list(const listing *l, int limit)
{
    static char out[1024];
    out[0] = '\0';
    fd_mail_item last;
    bool started = false;
    for (;;) {
        page p = {.count = 0};
        const fd_mail_item *after = started ? &last : NULL;
        fd_status s = l->held ? fd_mail_held(fx.desk, after, limit, keep, &p, &err)
                              : fd_mail_list(fx.desk, l->view, l->text, after, limit, keep, &p, &err);
        ck_assert_msg(s == FD_OK, "%s", err.message);
        for (int i = 0; i < p.count; i++) {
            size_t n = strlen(out);
            snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "",
                     p.rows[i].tracking[0] ? p.rows[i].tracking : p.rows[i].recipient_name);
        }
        if (limit < 0 || p.count < limit)
            return out;
        last = p.rows[p.count - 1];
        started = true;
    }
}

static const char *walk(fd_mail_view view, const char *text, int limit)
{
    return walk_list(&(listing){false, view, text}, limit);
}

static const char *walk_held(int limit)
{
    return walk_list(&(listing){.held = true}, limit);
}

START_TEST(lists_page_through_every_view)
{
    open_desk("mail_lists.db");
    fd_time start = fx.now;
    fx.now = start - 2 * DAY;
    int64_t old = receive(parcel("YT0001", smith(), "B1"));
    receive(parcel("YT0002", zhang_wei(), "B1"));
    fx.now = start;
    receive(parcel("SF0001", zhang_wei(), "A1"));
    fx.now += 60;
    receive(parcel("SF0002", pick(FD_DIR_PERSON, "赵磊"), "T1"));
    fx.now += 60;
    receive(parcel("SF0003", pick(FD_DIR_UNIT, "A-1204"), "A2"));
    fx.now += 60;
    int64_t gone = receive(parcel("SF0004", zhang_wei(), "A1"));
    fx.now += 60;
    ck_assert_int_eq(hand_out(&gone, 1, "张伟", NULL, NULL), FD_OK);
    ck_assert_int_eq(fd_mail_shelve(fx.desk, &fx.receptionist, old, "C9", &err), FD_OK);

    /* Held now: by unit, then name, then arrival; the collected one is not there. */
    const char *held = "YT0001 YT0002 SF0001 SF0003 SF0002";
    for (int limit = 1; limit <= 6; limit++)
        ck_assert_str_eq(walk(FD_MAIL_HELD, NULL, limit), held);
    ck_assert_str_eq(walk(FD_MAIL_HELD, "sf", 10), "SF0001 SF0003 SF0002");
    ck_assert_str_eq(walk(FD_MAIL_HELD, "c9", 10), "YT0001");
    ck_assert_str_eq(walk(FD_MAIL_HELD, "mit", 10), "YT0001");
    ck_assert_str_eq(walk(FD_MAIL_HELD, "t-15", 10), "SF0002");
    ck_assert_str_eq(walk(FD_MAIL_HELD, "1204", 10), "SF0003");
    ck_assert_str_eq(walk_held(2), "YT0001 YT0002 SF0001 SF0002 SF0003");
    ck_assert_str_eq(walk_held(-1), "YT0001 YT0002 SF0001 SF0002 SF0003");

    for (int limit = 1; limit <= 5; limit++) {
        ck_assert_str_eq(walk(FD_MAIL_TODAY, NULL, limit), "SF0004 SF0003 SF0002 SF0001");
        ck_assert_str_eq(walk(FD_MAIL_BY_RECIPIENT, "", limit),
                         "SF0004 SF0003 SF0002 SF0001 YT0002 YT0001");
        ck_assert_str_eq(walk(FD_MAIL_BY_TRACKING, "sf 00", limit), "SF0001 SF0002 SF0003 SF0004");
        /* Within one unit, the newest first. */
        ck_assert_str_eq(walk(FD_MAIL_BY_RECIPIENT, "a-12", limit),
                         "SF0004 SF0001 YT0002 YT0001 SF0003");
        ck_assert_str_eq(walk(FD_MAIL_BY_RECIPIENT, "张", limit), "SF0004 SF0001 YT0002");
    }
    ck_assert_str_eq(walk(FD_MAIL_BY_RECIPIENT, "Smith", 3), "YT0001");
    ck_assert_str_eq(walk(FD_MAIL_BY_TRACKING, "YT0002", 3), "YT0002");
    ck_assert_str_eq(walk(FD_MAIL_BY_TRACKING, "ZZ", 3), "");
    /* The shelf an item lies on now: YT0001 moved from B1 to C9. */
    ck_assert_str_eq(walk(FD_MAIL_BY_SHELF, "b", 3), "YT0002");
    ck_assert_str_eq(walk(FD_MAIL_BY_SHELF, "c9", 3), "YT0001");
    ck_assert_str_eq(walk(FD_MAIL_BY_SHELF, "a", 1), "SF0004 SF0001 SF0003");
    ck_assert_int_eq(fd_mail_list(fx.desk, FD_MAIL_VIEW_COUNT, NULL, NULL, 5, keep, NULL, &err),
                     FD_INVALID);

    fd_mail_item it;
    ck_assert_int_eq(fd_mail_get(fx.desk, 9999, &it, &err), FD_NOT_FOUND);
    close_desk();
}
END_TEST

/* One line per item at the desk: what a handover keeps of it. */
static void describe(char *out, const char *tracking, const char *shelf, const char *unit,
                     const char *org, const char *name, fd_mail_kind kind, int quantity, int age)
{
    size_t n = strlen(out);
    snprintf(out + n, 1024 - n, "%s@%s %s|%s|%s %s x%d %dd\n", tracking ? tracking : "-", shelf,
             unit, org ? org : "", name, fd_mail_kind_name(kind), quantity, age);
}

static void describe_held(void *ctx, const fd_mail_item *it)
{
    describe(ctx, it->tracking[0] ? it->tracking : NULL, it->shelf, it->recipient_unit,
             it->recipient_org[0] ? it->recipient_org : NULL, it->recipient_name, it->kind,
             it->quantity, it->age_days);
}

static void describe_waiting(void *ctx, const fd_mail_waiting *w)
{
    describe(ctx, w->tracking, w->shelf, w->unit, w->org, w->name, w->kind, w->quantity, w->age_days);
}

/* The handover's narrow read of what waits at the desk says what the full items say,
 * oldest first, and leaves out what has gone. */
START_TEST(the_handovers_read_of_the_desk_agrees_with_the_full_items)
{
    open_desk("mail_waiting.db");
    fd_time start = fx.now;
    fx.now = start - 3 * DAY;
    int64_t old = receive(parcel("YT0001", smith(), "B1"));
    fx.now = start;
    receive(parcel("SF0001", pick(FD_DIR_PERSON, "赵磊"), "T1"));
    fd_mail_intake letters = {.carrier = "中国邮政", .kind = FD_MAIL_LETTER, .quantity = 3,
                              .recipient = pick(FD_DIR_UNIT, "A-1204")};
    receive(letters);
    int64_t gone = receive(parcel("SF0002", zhang_wei(), "A1"));
    ck_assert_int_eq(hand_out(&gone, 1, "张伟", NULL, NULL), FD_OK);
    ck_assert_int_eq(fd_mail_shelve(fx.desk, &fx.receptionist, old, "C9", &err), FD_OK);
    char held[1024] = "", waiting[1024] = "";
    ck_assert_int_eq(fd_mail_held(fx.desk, NULL, -1, describe_held, held, &err), FD_OK);
    ck_assert_int_eq(fd_mail_at_desk(fx.desk, describe_waiting, waiting, &err), FD_OK);
    ck_assert_str_eq(waiting, held);
    ck_assert_msg(strncmp(waiting, "YT0001@C9 ", 10) == 0 && strstr(waiting, " 3d\n"), "%s", waiting);
    ck_assert_msg(strstr(waiting, "-@ A-1204|| letter x3 0d\n") && !strstr(waiting, "SF0002"), "%s",
                  waiting);
    close_desk();
}
END_TEST

/* The tracking numbers of the items received in [from, to), as fd_mail_between gives them. */
static const char *between(fd_time from, fd_time to)
{
    static char out[512];
    out[0] = '\0';
    page p = {.count = 0};
    ck_assert_msg(fd_mail_between(fx.desk, from, to, keep, &p, &err) == FD_OK, "%s", err.message);
    for (int i = 0; i < p.count; i++) {
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", p.rows[i].tracking);
    }
    return out;
}

START_TEST(a_days_items_are_read_by_time_whatever_became_of_them)
{
    open_desk("mail_between.db");
    fd_date day = fd_date_of(fx.now);
    fd_time start = fd_date_start(day), end = fd_date_start(day + 1);
    fx.now = start - 1;
    receive(parcel("YT0001", smith(), "B1")); /* the evening before */
    fx.now = start;
    int64_t first = receive(parcel("SF0001", zhang_wei(), "A1"));
    fx.now = start + 9 * 3600;
    int64_t second = receive(parcel("SF0002", smith(), NULL));
    int64_t third = receive(parcel("SF0003", zhang_wei(), "A2")); /* the same minute: by number */
    fx.now = end - 1;
    receive(parcel("SF0004", pick(FD_DIR_UNIT, "A-1204"), "A1"));
    fx.now = end;
    receive(parcel("JD0001", zhang_wei(), "A1")); /* the next day */
    /* Whatever became of them since: collected, sent back, still held. */
    fx.now = end + 3600;
    ck_assert_int_eq(hand_out(&first, 1, "张伟", NULL, NULL), FD_OK);
    ck_assert_int_eq(fd_mail_return(fx.desk, &fx.receptionist, second, NULL, "收件人拒收", &err), FD_OK);

    ck_assert_str_eq(between(start, end), "SF0001 SF0002 SF0003 SF0004");
    ck_assert_str_eq(between(start - 86400, start), "YT0001");
    ck_assert_str_eq(between(end, end + 86400), "JD0001");
    ck_assert_str_eq(between(end + 86400, end + 2 * 86400), "");

    page p = {.count = 0};
    ck_assert_int_eq(fd_mail_between(fx.desk, start, end, keep, &p, &err), FD_OK);
    ck_assert_int_eq(p.count, 4);
    ck_assert_int_eq(p.rows[0].id, first);
    ck_assert_int_eq(p.rows[0].state, FD_MAIL_STATE_COLLECTED);
    ck_assert_str_eq(p.rows[0].closed_by, "张伟");
    ck_assert_int_eq(p.rows[1].id, second);
    ck_assert_int_eq(p.rows[1].state, FD_MAIL_STATE_RETURNED);
    ck_assert_int_eq(p.rows[2].id, third);
    ck_assert_int_eq(p.rows[2].state, FD_MAIL_STATE_HELD);
    ck_assert_str_eq(p.rows[2].shelf, "A2");
    ck_assert_str_eq(p.rows[2].received_by, "李娜");
    close_desk();
}
END_TEST

/* ---- newspapers and the register ---- */

typedef struct tally_text {
    char text[256];
} tally_text;

static void tally_line(void *ctx, const fd_mail_paper_row *r)
{
    tally_text *t = ctx;
    size_t n = strlen(t->text);
    snprintf(t->text + n, sizeof t->text - n, "%s%s %ld/%ld", n ? "; " : "", r->title, r->received,
             r->handed_out);
}

START_TEST(newspaper_tally_and_daily_register)
{
    open_desk("mail_register.db");
    fd_date today = fd_date_of(fx.now);
    ck_assert_int_eq(fd_mail_paper_receive(fx.desk, &fx.receptionist, "人民日报", 30, "邮局", &err), FD_OK);
    ck_assert_int_eq(fd_mail_paper_receive(fx.desk, &fx.receptionist, "参考消息", 10, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_mail_paper_receive(fx.desk, &fx.receptionist, "人民日报", 2, NULL, &err), FD_OK);
    ck_assert_int_eq(fd_mail_paper_hand_out(fx.desk, &fx.receptionist, "人民日报", 30, "送报员", &err),
                     FD_OK);
    expect_refused(fd_mail_paper_hand_out(fx.desk, &fx.receptionist, "人民日报", 3, NULL, &err),
                   FD_INVALID, "quantity");
    ck_assert_msg(strstr(err.message, "Only 2 copies"), "%s", err.message);
    expect_refused(fd_mail_paper_hand_out(fx.desk, &fx.receptionist, "北京晚报", 1, NULL, &err),
                   FD_INVALID, "title");
    expect_refused(fd_mail_paper_receive(fx.desk, &fx.receptionist, "", 1, NULL, &err), FD_INVALID,
                   "title");
    expect_refused(fd_mail_paper_receive(fx.desk, &fx.receptionist, "人民日报", 0, NULL, &err),
                   FD_INVALID, "quantity");
    ck_assert_int_eq(fd_mail_paper_receive(fx.desk, &fx.admin, "人民日报", 1, NULL, &err), FD_DENIED);
    tally_text t = {""};
    ck_assert_int_eq(fd_mail_papers(fx.desk, today, tally_line, &t, &err), FD_OK);
    ck_assert_str_eq(t.text, "人民日报 32/30; 参考消息 10/0");
    /* Yesterday's leftovers are not today's delivery. */
    fx.now += DAY;
    expect_refused(fd_mail_paper_hand_out(fx.desk, &fx.receptionist, "人民日报", 1, NULL, &err),
                   FD_INVALID, "title");
    fx.now -= DAY;

    fd_mail_intake letters = {.carrier = "中国邮政", .kind = FD_MAIL_LETTER, .quantity = 3,
                              .recipient = zhang_wei(), .shelf = "A1"};
    int64_t l = receive(letters);
    int64_t p1 = receive(parcel("SF0001", zhang_wei(), "A1"));
    int64_t p2 = receive(parcel("SF0002", smith(), "A1"));
    /* Newspapers go on the per-title tally only: the intake of items refuses them. */
    fd_mail_intake paper = {.carrier = "中国邮政", .kind = FD_MAIL_NEWSPAPER, .recipient = smith()};
    int64_t refused_id = 0;
    expect_refused(fd_mail_receive(fx.desk, &fx.receptionist, &paper, &refused_id, &err), FD_INVALID,
                   "kind");
    ck_assert(!fd_mail_kind_is_item(FD_MAIL_NEWSPAPER));
    ck_assert(fd_mail_kind_is_item(FD_MAIL_MAGAZINE));
    int64_t both[2] = {l, p1};
    ck_assert_int_eq(hand_out(both, 2, "张伟", NULL, NULL), FD_OK);
    ck_assert_int_eq(fd_mail_return(fx.desk, &fx.receptionist, p2, NULL, "地址错误", &err), FD_OK);

    fd_mail_register r;
    ck_assert_int_eq(fd_mail_register_day(fx.desk, today, &r, &err), FD_OK);
    ck_assert_int_eq(r.day, today);
    ck_assert_int_eq(r.kinds[FD_MAIL_LETTER].received, 3);
    ck_assert_int_eq(r.kinds[FD_MAIL_LETTER].handed_out, 3);
    ck_assert_int_eq(r.kinds[FD_MAIL_EXPRESS].received, 2);
    ck_assert_int_eq(r.kinds[FD_MAIL_EXPRESS].handed_out, 1);
    ck_assert_int_eq(r.kinds[FD_MAIL_EXPRESS].returned, 1);
    ck_assert_int_eq(r.kinds[FD_MAIL_NEWSPAPER].received, 42);
    ck_assert_int_eq(r.kinds[FD_MAIL_NEWSPAPER].handed_out, 30);
    ck_assert_int_eq(r.total.received, 47);
    ck_assert_int_eq(r.total.handed_out, 34);
    ck_assert_int_eq(r.total.returned, 1);
    ck_assert_int_eq(fd_mail_register_day(fx.desk, today - 1, &r, &err), FD_OK);
    ck_assert_int_eq(r.total.received, 0);
    close_desk();
}
END_TEST

/* ---- corrections and history ---- */

typedef struct history {
    char text[1024];
} history;

static void add_line(history *h, const char *line)
{
    size_t n = strlen(h->text);
    snprintf(h->text + n, sizeof h->text - n, "%s%s", n ? "\n" : "", line);
}

static void on_event(void *ctx, const fd_mail_event *e)
{
    char line[256];
    snprintf(line, sizeof line, "%s %s %s %s", e->event, fd_mail_state_name(e->to_state),
             e->detail ? e->detail : "-", e->note ? e->note : "-");
    add_line(ctx, line);
}

static void on_correction(void *ctx, const fd_mail_correction *c)
{
    char line[256];
    snprintf(line, sizeof line, "correct %s=%s (%s) by %s", fd_mail_field_name(c->field),
             c->value ? c->value : "-", c->reason, c->staff_name);
    add_line(ctx, line);
}

static void on_collection(void *ctx, const fd_mail_collection *c)
{
    char line[256];
    snprintf(line, sizeof line, "collected by %s proxy=%d phone=%s relation=%s", c->collector,
             c->by_proxy, c->proxy_phone ? c->proxy_phone : "-",
             c->proxy_relation ? c->proxy_relation : "-");
    add_line(ctx, line);
}

static const fd_mail_detail_cb detail_cb = {on_event, on_correction, on_collection};

START_TEST(corrections_and_history)
{
    open_desk("mail_history.db");
    fd_mail_intake in = parcel("SF0001", smith(), "A1");
    in.note = "易碎";
    int64_t id = receive(in);
    ck_assert_int_eq(fd_mail_shelve(fx.desk, &fx.receptionist, id, "B2", &err), FD_OK);
    expect_refused(fd_mail_correct(fx.desk, &fx.receptionist, id, FD_MAIL_FIELD_NOTE, "轻放", "", &err),
                   FD_INVALID, "reason");
    expect_refused(fd_mail_correct(fx.desk, &fx.receptionist, id, FD_MAIL_FIELD_CARRIER, " ", "打错",
                                   &err),
                   FD_INVALID, "value");
    expect_refused(fd_mail_correct(fx.desk, &fx.receptionist, id, FD_MAIL_FIELD_DAMAGE_NOTE, "压坏",
                                   "补记", &err),
                   FD_INVALID, "field");
    ck_assert_int_eq(fd_mail_correct(fx.desk, &fx.receptionist, id, FD_MAIL_FIELD_COUNT, "x", "y", &err),
                     FD_INVALID);
    ck_assert_int_eq(fd_mail_correct(fx.desk, &fx.admin, id, FD_MAIL_FIELD_NOTE, "x", "y", &err),
                     FD_DENIED);
    ck_assert_int_eq(fd_mail_correct(fx.desk, &fx.receptionist, 4242, FD_MAIL_FIELD_NOTE, "x", "y", &err),
                     FD_NOT_FOUND);
    ck_assert_int_eq(fd_mail_correct(fx.desk, &fx.receptionist, id, FD_MAIL_FIELD_NOTE, "易碎，轻放",
                                     "补充说明", &err),
                     FD_OK);
    ck_assert_int_eq(fd_mail_correct(fx.desk, &fx.receptionist, id, FD_MAIL_FIELD_CARRIER, "ems",
                                     "承运商选错", &err),
                     FD_OK);
    fd_mail_item it = get(id);
    ck_assert_str_eq(it.note, "易碎，轻放");
    ck_assert_str_eq(it.carrier, "EMS");
    ck_assert(it.corrected);
    ck_assert_msg(hand_out(&id, 1, "李四", "13900139000", "同事") == FD_OK, "%s", err.message);

    int64_t other = receive(parcel("SF0010", smith(), NULL));
    fd_mail_intake noted = parcel("SF0011", smith(), NULL);
    noted.note = "放门卫室";
    int64_t cleared = receive(noted);
    ck_assert_int_eq(fd_mail_correct(fx.desk, &fx.receptionist, cleared, FD_MAIL_FIELD_NOTE, " ",
                                     "备注写错", &err),
                     FD_OK);
    ck_assert_str_eq(get(cleared).note, "");
    ck_assert(!get(other).corrected);

    history h = {""};
    ck_assert_int_eq(fd_mail_detail(fx.desk, &fx.receptionist, id, &detail_cb, &h, &err), FD_OK);
    ck_assert_str_eq(h.text, "receive received - -\n"
                             "shelve held A1 -\n"
                             "move held B2 -\n"
                             "collect_by_proxy collected_by_proxy 李四 -\n"
                             "correct note=易碎，轻放 (补充说明) by 李娜\n"
                             "correct carrier=EMS (承运商选错) by 李娜\n"
                             "collected by 李四 proxy=1 phone=139****9000 relation=同事");
    /* A role the configuration lets see phones sees it in full. */
    fd_actor manager = fx.duty_manager;
    manager.role = FD_ROLE_CS_MANAGER;
    memset(&h, 0, sizeof h);
    fd_mail_detail_cb only_collection = {NULL, NULL, on_collection};
    ck_assert_int_eq(fd_mail_detail(fx.desk, &manager, id, &only_collection, &h, &err), FD_OK);
    ck_assert_str_eq(h.text, "collected by 李四 proxy=1 phone=13900139000 relation=同事");
    ck_assert_int_eq(fd_mail_detail(fx.desk, &manager, 4242, &only_collection, &h, &err), FD_NOT_FOUND);
    close_desk();
}
END_TEST

START_TEST(the_machine_refuses_what_the_table_does_not_allow)
{
    open_desk("mail_machine.db");
    fd_fire f = {.actor = &fx.receptionist};
    const fd_transition *t;
    ck_assert_int_eq(fd_machine_check(fx.desk, &fd_mail_machine, "returned", "collect", &f, 1, &t, &err),
                     FD_STATE);
    ck_assert_msg(strstr(err.message, "Returned to sender"), "%s", err.message);
    ck_assert_int_eq(fd_machine_check(fx.desk, &fd_mail_machine, "collected", "return", &f, 1, &t, &err),
                     FD_STATE);
    ck_assert_int_eq(fd_machine_check(fx.desk, &fd_mail_machine, "received", "move", &f, 1, &t, &err),
                     FD_STATE);
    ck_assert_int_eq(fd_machine_check(fx.desk, &fd_mail_machine, "held", "collect", &f, 1, &t, &err),
                     FD_OK);
    fd_fire admin = {.actor = &fx.admin};
    ck_assert_int_eq(fd_machine_check(fx.desk, &fd_mail_machine, "held", "collect", &admin, 1, &t, &err),
                     FD_DENIED);
    close_desk();
}
END_TEST

/* What a screen asks before it offers a step: the state, the role, and a reason the
 * question cannot give (an early return's). */
START_TEST(the_steps_a_screen_may_offer)
{
    open_desk("mail_may.db");
    int64_t id = receive(parcel("SF0001", zhang_wei(), NULL));
    static const struct {
        fd_mail_state state;
        fd_mail_step step;
        bool admin;
        fd_status want;
    } cases[] = {
        {FD_MAIL_STATE_RECEIVED, FD_MAIL_STEP_SHELVE, false, FD_OK},
        {FD_MAIL_STATE_HELD, FD_MAIL_STEP_SHELVE, false, FD_OK}, /* a move */
        {FD_MAIL_STATE_COLLECTED, FD_MAIL_STEP_SHELVE, false, FD_STATE},
        {FD_MAIL_STATE_HELD, FD_MAIL_STEP_HAND_OUT, false, FD_OK},
        {FD_MAIL_STATE_HELD, FD_MAIL_STEP_HAND_OUT, true, FD_DENIED},
        {FD_MAIL_STATE_RECEIVED, FD_MAIL_STEP_RETURN, false, FD_INVALID}, /* early: a reason */
        {FD_MAIL_STATE_RETURNED, FD_MAIL_STEP_RETURN, false, FD_STATE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(fd_mail_may(fx.desk, id, cases[i].state, cases[i].step,
                                  cases[i].admin ? &fx.admin : &fx.receptionist, NULL) == cases[i].want,
                      "case %zu", i);
    close_desk();
}
END_TEST

/* ---- export ---- */

static char *export_text(const fd_actor *who, fd_export_format format, bool unmasked, fd_status *s)
{
    fd_date today = fd_date_of(fx.now);
    fd_export_request req = {fd_date_start(today), fd_date_start(today + 1), format, unmasked, false};
    return desk_fixture_export(&fx, fd_mail_export, who, &req, s, NULL, &err);
}

START_TEST(export_lists_the_day_with_phones_masked)
{
    open_desk("mail_export.db");
    int64_t a = receive(parcel("SF0001", zhang_wei(), "A1"));
    int64_t b = receive(parcel("SF0002", smith(), "A1"));
    fd_mail_intake damaged = parcel("SF0003", smith(), "A2");
    damaged.damaged = true;
    damaged.damage_note = "外箱破损";
    damaged.damage_ack = "王师傅";
    receive(damaged);
    ck_assert_int_eq(hand_out(&a, 1, "张伟", NULL, NULL), FD_OK);
    ck_assert_int_eq(hand_out(&b, 1, "张伟", "13800138000", "邻居"), FD_OK);
    fx.now += DAY;
    receive(parcel("SF0004", zhang_wei(), "A1")); /* tomorrow: not in today's export */
    fx.now -= DAY;

    fd_status s;
    char *csv = export_text(&fx.receptionist, FD_EXPORT_CSV, false, &s);
    ck_assert_int_eq(s, FD_DENIED);
    free(csv);
    csv = export_text(&fx.duty_manager, FD_EXPORT_CSV, true, &s);
    ck_assert_int_eq(s, FD_DENIED);
    free(csv);
    csv = export_text(&fx.duty_manager, FD_EXPORT_CSV, false, &s);
    ck_assert_msg(s == FD_OK, "%s", err.message);
    ck_assert_msg(strncmp(csv, "\xEF\xBB\xBFItem number,Signed for at,", 29) == 0, "%s", csv);
    ck_assert_msg(strstr(csv, "SF0001,A-1203,张伟,,A1,no,,,,Collected,2026-11-27 10:00,张伟,no,,,,李娜,,,,,\r\n"),
                  "%s", csv);
    ck_assert_msg(strstr(csv, "Collected by proxy,2026-11-27 10:00,张伟,yes,138****8000,邻居,"), "%s", csv);
    ck_assert_msg(strstr(csv, "yes,外箱破损,王师傅,,Held at desk,"), "%s", csv);
    ck_assert_ptr_null(strstr(csv, "SF0004"));
    free(csv);

    fd_actor manager = fx.duty_manager;
    manager.role = FD_ROLE_CS_MANAGER;
    char *json = export_text(&manager, FD_EXPORT_JSON, true, &s);
    ck_assert_msg(s == FD_OK, "%s", err.message);
    ck_assert_msg(strstr(json, "\"proxy_phone\": \"13800138000\""), "%s", json);
    ck_assert_msg(strstr(json, "\"state\": \"held\""), "%s", json);
    free(json);
    close_desk();
}
END_TEST

/* One hand-out mixing the collector's own items with another's: the proxy's phone and
 * relationship show on the proxied item only, in its history and in the export. */
START_TEST(proxy_details_only_on_items_collected_by_proxy)
{
    open_desk("mail_proxy_details.db");
    int64_t ids[2] = {receive(parcel("SF0001", zhang_wei(), "A1")), receive(parcel("SF0002", smith(), "A1"))};
    ck_assert_int_eq(hand_out(ids, 2, "张伟", "138 0013 8000", "邻居"), FD_OK);
    history own = {""}, proxied = {""};
    ck_assert_int_eq(fd_mail_detail(fx.desk, &fx.receptionist, ids[0], &detail_cb, &own, &err), FD_OK);
    ck_assert_int_eq(fd_mail_detail(fx.desk, &fx.receptionist, ids[1], &detail_cb, &proxied, &err), FD_OK);
    ck_assert_msg(strstr(own.text, "collected by 张伟 proxy=0 phone=- relation=-"), "%s", own.text);
    ck_assert_msg(strstr(proxied.text, "proxy=1 phone=138****8000 relation=邻居"), "%s", proxied.text);
    fd_status s;
    char *csv = export_text(&fx.duty_manager, FD_EXPORT_CSV, false, &s);
    ck_assert_int_eq(s, FD_OK);
    const char *a = strstr(csv, ",SF0001,"), *b = strstr(csv, ",SF0002,");
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    char line[1024];
    snprintf(line, sizeof line, "%.*s", (int)strcspn(a, "\r\n"), a);
    ck_assert_msg(!strstr(line, "邻居") && !strstr(line, "8000"), "%s", line);
    snprintf(line, sizeof line, "%.*s", (int)strcspn(b, "\r\n"), b);
    ck_assert_msg(strstr(line, "邻居") && strstr(line, "138****8000"), "%s", line);
    free(csv);
    close_desk();
}
END_TEST

/* The carrier a tracking number's well-known prefix names, as configured. */
START_TEST(carrier_is_guessed_from_a_well_known_prefix)
{
    open_desk("mail_carrier.db");
    static char *names[] = {"顺丰速运", "京东物流", "中通快递", "圆通速递", "申通快递"};
    fd_config cfg = {0};
    cfg.carriers = (fd_string_list){names, 5};
    ck_assert_str_eq(fd_mail_carrier_guess(&cfg, "SF1234567890"), "顺丰速运");
    ck_assert_str_eq(fd_mail_carrier_guess(&cfg, "sf1234567890"), "顺丰速运");
    ck_assert_str_eq(fd_mail_carrier_guess(&cfg, "JDV000123456"), "京东物流");
    ck_assert_str_eq(fd_mail_carrier_guess(&cfg, "YT0050284463066"), "圆通速递");
    ck_assert_str_eq(fd_mail_carrier_guess(&cfg, "ZTO7788990011"), "中通快递");
    ck_assert_str_eq(fd_mail_carrier_guess(&cfg, "STO7788990011"), "申通快递");
    ck_assert_ptr_null(fd_mail_carrier_guess(&cfg, "4312345678901")); /* digits: anyone's */
    ck_assert_ptr_null(fd_mail_carrier_guess(&cfg, ""));
    cfg.carriers.count = 1; /* JD not configured: no guess */
    ck_assert_ptr_null(fd_mail_carrier_guess(&cfg, "JDV000123456"));
    close_desk();
}
END_TEST

static Suite *mail_suite(void)
{
    Suite *s = suite_create("mail");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, intake_registers_and_shelves);
    tcase_add_test(tc, directory_recipients_are_read_from_the_directory);
    tcase_add_test(tc, a_renamed_company_is_named_on_its_staff_mail);
    tcase_add_test(tc, duplicate_tracking_number_is_refused_naming_the_item);
    tcase_add_test(tc, intake_refusals_name_their_field);
    tcase_add_test(tc, an_unknown_typed_recipient_is_a_warning);
    tcase_add_test(tc, records_cannot_be_changed_behind_the_program);
    tcase_add_test(tc, recipient_collects);
    tcase_add_test(tc, several_items_at_once_with_a_proxy);
    tcase_add_test(tc, proxy_details_only_on_items_collected_by_proxy);
    tcase_add_test(tc, carrier_is_guessed_from_a_well_known_prefix);
    tcase_add_test(tc, hand_out_refusals_name_their_field);
    tcase_add_test(tc, returned_item_cannot_be_handed_out);
    tcase_add_test(tc, early_return_needs_a_reason);
    tcase_add_test(tc, ages_fall_into_the_configured_buckets);
    tcase_add_test(tc, lists_page_through_every_view);
    tcase_add_test(tc, the_handovers_read_of_the_desk_agrees_with_the_full_items);
    tcase_add_test(tc, a_days_items_are_read_by_time_whatever_became_of_them);
    tcase_add_test(tc, newspaper_tally_and_daily_register);
    tcase_add_test(tc, corrections_and_history);
    tcase_add_test(tc, the_machine_refuses_what_the_table_does_not_allow);
    tcase_add_test(tc, the_steps_a_screen_may_offer);
    tcase_add_test(tc, export_lists_the_day_with_phones_masked);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return testlib_run(mail_suite());
}
