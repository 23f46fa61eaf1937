/* A week of mail at the desk, written through the mail module's own operations (see
 * fd_demo_mail in include/frontdesk/demo.h): each morning's newspapers signed for and
 * handed to the delivery round, the 10:00 courier drop, the afternoon post, residents
 * and company staff collecting over the following days (some by proxy, some several
 * items at once), parcels damaged on arrival, some for recipients away all week, and
 * three older parcels nobody came for: two past the return limit, one sent back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/demo.h"
#include "frontdesk/directory.h"
#include "frontdesk/mail.h"

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

enum { DEMO_DAYS = 7, OLD_DAYS_AGO = 19, RECIPIENTS_MAX = 400, ITEMS_MAX = 400 };

/* splitmix64 with a fixed seed: the same week on every machine. */
typedef struct rng {
    uint64_t state;
} rng;

static uint32_t below(rng *r, uint32_t n)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    z ^= z >> 31;
    return (uint32_t)(z % n);
}

static bool chance(rng *r, uint32_t percent)
{
    return below(r, 100) < percent;
}

/* Carriers as the shipped configuration spells them, and how their numbers look. */
static const struct {
    const char *name, *prefix, *suffix;
    int digits;
} couriers[] = {
    {"顺丰速运", "SF", "", 13}, {"京东物流", "JDV", "", 12}, {"中通快递", "7", "", 13},
    {"圆通速递", "YT", "", 13}, {"韵达快递", "43", "", 11}, {"EMS", "EA", "CN", 9},
    {"申通快递", "77", "", 11},
};

static const struct {
    const char *title;
    int copies;
} papers[] = {{"人民日报", 30}, {"北京日报", 24}, {"参考消息", 16}, {"环球时报", 10}};

static const char *const relations[] = {"家人", "同事", "保姆", "邻居", "朋友"};
static const char *const proxy_names[] = {"周红", "孙立", "钱芳", "赵敏", "吴磊", "郑霞"};
static const char *const collectors_for_units[] = {"业主家人", "租户本人", "公司前台"};

typedef struct recipient {
    fd_dir_kind kind;
    int64_t id;
    char unit[FD_MAIL_UNIT_MAX];
    char name[FD_MAIL_NAME_MAX];
} recipient;

typedef struct item {
    int64_t id;
    int recipient;
    bool open;
    bool away; /* the recipient is travelling: it waits at the desk all week */
} item;

typedef struct demo {
    fd_desk *d;
    const fd_demo_cast *cast;
    rng r;
    fd_time clock, real_now;
    recipient *recipients;
    size_t recipient_count;
    item items[ITEMS_MAX];
    size_t item_count;
    unsigned serial; /* keeps generated tracking numbers unique */
} demo;

static void collect_recipient(void *ctx, const fd_dir_entry *e)
{
    demo *m = ctx;
    if (m->recipient_count == RECIPIENTS_MAX)
        return;
    recipient *r = &m->recipients[m->recipient_count++];
    r->kind = e->kind;
    r->id = e->id;
    snprintf(r->unit, sizeof r->unit, "%s", e->unit ? e->unit : "");
    snprintf(r->name, sizeof r->name, "%s", e->name ? e->name : "");
}

/* Moves the desk's clock to minute `minute` of day; false once that is in the future. */
static bool at(demo *m, fd_date day, int minute)
{
    m->clock = fd_date_start(day) + minute * 60 + (fd_time)below(&m->r, 50);
    return m->clock <= m->real_now;
}

static void tracking_number(demo *m, size_t courier, char *out, size_t size)
{
    char digits[24];
    int n = couriers[courier].digits;
    /* The serial in the leading digits: no two demo parcels share a number. */
    int lead = snprintf(digits, sizeof digits, "%04u", ++m->serial % 10000);
    for (int i = lead; i < n; i++)
        digits[i] = (char)('0' + below(&m->r, 10));
    digits[n] = '\0';
    snprintf(out, size, "%s%s%s", couriers[courier].prefix, digits, couriers[courier].suffix);
}

/* A shelf by the recipient's building: residences on A–C, the tower's companies on T. */
static void shelf_for(const recipient *r, int slot, char *out, size_t size)
{
    snprintf(out, size, "%c%d", r->unit[0] ? r->unit[0] : 'X', 1 + slot % 4);
}

static fd_status receive(demo *m, const fd_actor *who, fd_mail_intake *in, int recipient_index,
                         fd_error *err)
{
    const recipient *r = &m->recipients[recipient_index];
    in->recipient = (fd_mail_recipient){r->kind, r->id, NULL};
    int64_t id;
    fd_status s = fd_mail_receive(m->d, who, in, &id, err);
    if (s == FD_OK && m->item_count < ITEMS_MAX)
        m->items[m->item_count++] = (item){id, recipient_index, true, chance(&m->r, 8)};
    return s;
}

static fd_status newspapers(demo *m, fd_date day, fd_error *err)
{
    fd_status s = FD_OK;
    if (!at(m, day, 8 * 60 + 20))
        return s;
    for (size_t i = 0; s == FD_OK && i < COUNT(papers); i++)
        s = fd_mail_paper_receive(m->d, &m->cast->receptionist, papers[i].title,
                                  papers[i].copies - (int)below(&m->r, 3), "邮局投递员", err);
    if (s != FD_OK || !at(m, day, 8 * 60 + 45))
        return s;
    /* The round takes nearly all; a copy or two stay for readers who call at the desk. */
    for (size_t i = 0; s == FD_OK && i < COUNT(papers); i++)
        s = fd_mail_paper_hand_out(m->d, &m->cast->receptionist, papers[i].title,
                                   papers[i].copies - 2 - (int)below(&m->r, 2), "送报员 小刘", err);
    return s;
}

static fd_status courier_drop(demo *m, fd_date day, int count, fd_error *err)
{
    size_t courier = below(&m->r, COUNT(couriers));
    fd_status s = FD_OK;
    for (int i = 0; s == FD_OK && i < count && at(m, day, 10 * 60 + i); i++) {
        char tracking[FD_MAIL_TRACKING_MAX], shelf[FD_MAIL_SHELF_MAX];
        int who = (int)below(&m->r, (uint32_t)m->recipient_count);
        tracking_number(m, courier, tracking, sizeof tracking);
        shelf_for(&m->recipients[who], i, shelf, sizeof shelf);
        fd_mail_intake in = {.carrier = couriers[courier].name, .kind = FD_MAIL_EXPRESS,
                             .tracking = tracking, .shelf = shelf};
        if (chance(&m->r, 6)) {
            in.damaged = true;
            in.damage_note = "外箱一角压瘪，内件未查验";
            in.damage_ack = "快递员 王师傅";
        }
        if (chance(&m->r, 10))
            in.quantity = 2;
        s = receive(m, &m->cast->receptionist, &in, who, err);
    }
    return s;
}

static fd_status afternoon_post(demo *m, fd_date day, fd_error *err)
{
    fd_status s = FD_OK;
    int letters = 2 + (int)below(&m->r, 4);
    for (int i = 0; s == FD_OK && i < letters && at(m, day, 14 * 60 + 30 + i); i++) {
        char tracking[FD_MAIL_TRACKING_MAX] = "", shelf[FD_MAIL_SHELF_MAX];
        int who = (int)below(&m->r, (uint32_t)m->recipient_count);
        bool registered = chance(&m->r, 30);
        if (registered)
            snprintf(tracking, sizeof tracking, "XA%04u%05uCN", ++m->serial % 10000, below(&m->r, 100000));
        shelf_for(&m->recipients[who], i, shelf, sizeof shelf);
        fd_mail_intake in = {.carrier = "中国邮政", .kind = i == 0 && chance(&m->r, 40) ? FD_MAIL_MAGAZINE
                                                                                      : FD_MAIL_LETTER,
                             .tracking = tracking, .shelf = shelf,
                             .note = registered ? "挂号信" : NULL};
        s = receive(m, &m->cast->assistant, &in, who, err);
    }
    return s;
}

/* Everything open for one recipient goes out together: that is how people collect. */
static fd_status collect_for(demo *m, const fd_actor *who, int recipient_index, fd_error *err)
{
    int64_t ids[FD_MAIL_HANDOUT_MAX];
    size_t n = 0;
    for (size_t i = 0; i < m->item_count && n < COUNT(ids); i++)
        if (m->items[i].open && !m->items[i].away && m->items[i].recipient == recipient_index)
            ids[n++] = m->items[i].id;
    const recipient *r = &m->recipients[recipient_index];
    bool person = r->kind == FD_DIR_OCCUPANT || r->kind == FD_DIR_PERSON;
    bool proxy = chance(&m->r, 20);
    char phone[16];
    snprintf(phone, sizeof phone, "139%08u", below(&m->r, 100000000));
    fd_mail_handout h = {.items = ids, .count = n, .signed_for = true};
    h.collector = person && !proxy ? r->name
                : proxy ? proxy_names[below(&m->r, COUNT(proxy_names))]
                        : collectors_for_units[below(&m->r, COUNT(collectors_for_units))];
    if (proxy) {
        h.proxy = true;
        h.proxy_phone = phone;
        h.proxy_relation = relations[below(&m->r, COUNT(relations))];
    }
    fd_status s = fd_mail_hand_out(m->d, who, &h, NULL, err);
    for (size_t i = 0; s == FD_OK && i < m->item_count; i++)
        if (m->items[i].recipient == recipient_index && !m->items[i].away)
            m->items[i].open = false;
    return s;
}

/* At lunchtime and after work people call at the desk for what is waiting. */
static fd_status collections(demo *m, fd_date day, int minute, uint32_t percent, fd_error *err)
{
    fd_status s = FD_OK;
    int callers = 0;
    for (size_t i = 0; s == FD_OK && i < m->item_count; i++) {
        if (!m->items[i].open || m->items[i].away || !chance(&m->r, percent))
            continue;
        if (!at(m, day, minute + callers++))
            break;
        s = collect_for(m, minute < 17 * 60 ? &m->cast->receptionist : &m->cast->assistant,
                        m->items[i].recipient, err);
    }
    return s;
}

static fd_status ordinary_day(demo *m, fd_date day, fd_error *err)
{
    fd_status s;
    if ((s = newspapers(m, day, err)) != FD_OK ||
        (s = courier_drop(m, day, 8 + (int)below(&m->r, 8), err)) != FD_OK ||
        (s = collections(m, day, 12 * 60, 25, err)) != FD_OK ||
        (s = afternoon_post(m, day, err)) != FD_OK)
        return s;
    return collections(m, day, 18 * 60, 45, err);
}

/* Three parcels from before the week: nobody came, two still wait past the limit,
 * one was sent back once it had waited that long. */
static fd_status forgotten_parcels(demo *m, fd_date today, fd_error *err)
{
    fd_date day = today - OLD_DAYS_AGO;
    fd_status s = FD_OK;
    size_t first = m->item_count;
    for (int i = 0; s == FD_OK && i < 3 && at(m, day, 10 * 60 + 30 + i); i++) {
        char tracking[FD_MAIL_TRACKING_MAX];
        tracking_number(m, 0, tracking, sizeof tracking);
        int who = (int)below(&m->r, (uint32_t)m->recipient_count);
        fd_mail_intake in = {.carrier = couriers[0].name, .kind = FD_MAIL_EXPRESS,
                             .tracking = tracking, .shelf = "D1", .note = "电话未接通"};
        s = receive(m, &m->cast->receptionist, &in, who, err);
    }
    if (s == FD_OK && m->item_count == first + 3 && at(m, today - 3, 10 * 60 + 5)) {
        s = fd_mail_return(m->d, &m->cast->receptionist, m->items[first].id, NULL,
                           "超过存放期限，退回寄件人", err);
        m->items[first].open = false;
    }
    /* Nobody comes for them. */
    for (size_t i = first; i < m->item_count; i++)
        m->items[i].away = true;
    return s;
}

static fd_status run(demo *m, fd_error *err)
{
    fd_status s = fd_directory_search(m->d, NULL, FD_DIR_OCCUPANT | FD_DIR_COMPANY | FD_DIR_PERSON, "", -1,
                                      collect_recipient, m, err);
    if (s != FD_OK || m->recipient_count == 0)
        return s;
    fd_date today = fd_date_of(m->real_now);
    s = forgotten_parcels(m, today, err);
    for (fd_date day = today - DEMO_DAYS + 1; s == FD_OK && day <= today; day++)
        s = ordinary_day(m, day, err);
    return s;
}

fd_status fd_demo_mail(fd_desk *d, const fd_demo_cast *cast, fd_error *err)
{
    demo *m = fd_alloc(sizeof *m);
    m->recipients = fd_alloc(RECIPIENTS_MAX * sizeof *m->recipients);
    m->d = d;
    m->cast = cast;
    m->r.state = 0x6D61696CU; /* "mail" */
    m->real_now = fd_desk_now(d);
    fd_clock saved = d->clock;
    d->clock = fd_clock_fixed(&m->clock);
    fd_status s = run(m, err);
    d->clock = saved;
    free(m->recipients);
    free(m);
    return s;
}
