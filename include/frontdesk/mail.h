/* Mail, parcels and newspapers (收发报纸工作规定, 邮件收发管理业务流程, 前台职责 §10).
 * The desk signs for deliveries and registers them by kind and quantity, with the
 * carrier, the tracking number where there is one and the recipient; an item the
 * recipient does not collect at once is kept at the desk on a shelf and handed out
 * later against a signature, the recipient's or a named proxy's; an item nobody
 * collects within cfg->mail_return_days goes back to the sender.
 *
 *   (new)    receive          → received            (desk staff)
 *   received shelve           → held                (desk staff; the shelf)
 *   held     move             → held                (desk staff; another shelf)
 *   received|held collect     → collected           (desk staff; the recipient signs)
 *   received|held collect_by_proxy → collected_by_proxy (desk staff; proxy's name,
 *                                                     phone and relationship)
 *   received|held return      → returned            (desk staff; the carrier that took
 *                                                     it; a reason before the limit)
 *
 * Newspapers delivered in bundles are signed for per title and counted: the daily
 * tally shows copies received, handed on and left (a copy kept for an absent reader is
 * among those left). That is the one way newspapers are recorded: the intake of items
 * refuses kind newspaper, so every copy reaches the per-title tally. (Newspaper items
 * recorded before still count in the daily register.) */
#ifndef FRONTDESK_MAIL_H
#define FRONTDESK_MAIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "frontdesk/desk.h"
#include "frontdesk/directory.h"
#include "frontdesk/book.h"
#include "frontdesk/machine.h"
#include "frontdesk/roles.h"

/* X(id, stored name, label) */
#define FD_MAIL_KIND_LIST(X)                                \
    X(LETTER,    "letter",    N_("Letter"))                 \
    X(NEWSPAPER, "newspaper", N_("Newspaper"))              \
    X(MAGAZINE,  "magazine",  N_("Magazine"))               \
    X(EXPRESS,   "express",   N_("Express parcel"))         \
    X(OTHER,     "other",     N_("Other"))

typedef enum fd_mail_kind {
#define FD_MAIL_KIND_ENUM(id, name, label) FD_MAIL_##id,
    FD_MAIL_KIND_LIST(FD_MAIL_KIND_ENUM)
#undef FD_MAIL_KIND_ENUM
    FD_MAIL_KIND_COUNT
} fd_mail_kind;

const char *fd_mail_kind_name(fd_mail_kind k);
const char *fd_mail_kind_label(fd_mail_kind k); /* translated */
bool fd_mail_kind_parse(const char *name, fd_mail_kind *out);

/* Whether the intake registers items of kind k: all but newspapers, which go on the
 * per-title tally (fd_mail_paper_receive). */
bool fd_mail_kind_is_item(fd_mail_kind k);

/* The configured carrier a tracking number's well-known prefix names (SF 顺丰, JD 京东,
 * YT 圆通, ZTO 中通, STO 申通), as the configuration spells it; NULL when the prefix is
 * not one of those or no configured carrier matches. */
const char *fd_mail_carrier_guess(const fd_config *cfg, const char *tracking);

/* X(id, stored name, label) */
#define FD_MAIL_STATE_LIST(X)                                             \
    X(RECEIVED,           "received",           N_("Received"))           \
    X(HELD,               "held",               N_("Held at desk"))       \
    X(COLLECTED,          "collected",          N_("Collected"))          \
    X(COLLECTED_BY_PROXY, "collected_by_proxy", N_("Collected by proxy")) \
    X(RETURNED,           "returned",           N_("Returned to sender"))

typedef enum fd_mail_state {
#define FD_MAIL_STATE_ENUM(id, name, label) FD_MAIL_STATE_##id,
    FD_MAIL_STATE_LIST(FD_MAIL_STATE_ENUM)
#undef FD_MAIL_STATE_ENUM
    FD_MAIL_STATE_COUNT
} fd_mail_state;

const char *fd_mail_state_name(fd_mail_state s);
const char *fd_mail_state_label(fd_mail_state s); /* translated */
bool fd_mail_state_parse(const char *name, fd_mail_state *out);

/* The item's transition table (fired by the operations below). */
extern const fd_machine fd_mail_machine;

/* The steps of an item a screen offers. */
typedef enum fd_mail_step {
    FD_MAIL_STEP_SHELVE,   /* onto a shelf, or to another one when held */
    FD_MAIL_STEP_HAND_OUT, /* collected */
    FD_MAIL_STEP_RETURN,   /* back to the sender */
    FD_MAIL_STEP_COUNT
} fd_mail_step;

/* May who, approved in place by approver (or NULL), take step on the item, which is in
 * state, now? Nothing is written. FD_STATE: the state has no such step; FD_DENIED: not
 * this person; FD_INVALID: the step wants more than a question can give (the reason for
 * an early return). The operation itself asks again. */
fd_status fd_mail_may(fd_desk *d, int64_t item_id, fd_mail_state state, fd_mail_step step,
                      const fd_actor *who, const fd_actor *approver);

/* Sizes in bytes, the terminating NUL included: 21 or 100 Chinese characters. */
enum {
    FD_MAIL_SHORT_MAX = 64,
    FD_MAIL_TRACKING_MAX = 41,
    FD_MAIL_UNIT_MAX = 32,
    FD_MAIL_NAME_MAX = 160,
    FD_MAIL_SHELF_MAX = 32,
    FD_MAIL_NOTE_MAX = 301,
    FD_MAIL_QUANTITY_MAX = 999,
    FD_MAIL_PAPER_MAX = 9999,
    FD_MAIL_HANDOUT_MAX = 100, /* items one collector signs for at once */
};

/* The recipient: an entry picked from the directory (a unit, an owner or tenant, a
 * company, a department or a company's person: the core reads its unit and name), or
 * a name typed in free text when the person is not listed (kind 0). */
typedef struct fd_mail_recipient {
    fd_dir_kind kind; /* 0: free text */
    int64_t id;
    const char *text;
} fd_mail_recipient;

/* What the desk types at intake. Form field names in fd_error: carrier, kind,
 * quantity, tracking, recipient, shelf, note, damage_note, damage_ack. */
typedef struct fd_mail_intake {
    const char *carrier;   /* any of cfg->carriers, or another typed in */
    fd_mail_kind kind;
    int quantity;          /* pieces; 0 counts as 1 */
    const char *tracking;  /* as the scanner typed it; required for an express parcel */
    fd_mail_recipient recipient;
    const char *shelf;     /* NULL or "": not on a shelf yet, the item stays received */
    const char *note;
    bool damaged;          /* damaged on arrival: then both of the next are required */
    const char *damage_note;
    const char *damage_ack; /* the courier who acknowledged the damage */
} fd_mail_intake;

/* Whether field (the names above) must be filled for the item as typed: the tracking
 * number of an express parcel, the damage and who acknowledged it for a damaged item.
 * The rule fd_mail_receive applies; forms mark by it. */
bool fd_mail_intake_requires(const fd_mail_intake *in, const char *field);

/* What fd_mail_receive would refuse the item for (the same messages, at the same
 * fields), checked without writing: a screen says it before it asks about anything. */
fd_status fd_mail_check(fd_desk *d, const fd_mail_intake *in, fd_error *err);

/* What the desk is told before an item is registered, never a refusal: a typed
 * recipient the directory does not know (a typing slip would leave a parcel nobody is
 * told of), as the visitor desk is told of a visitee (fd_visit_warnings). */
fd_status fd_mail_warnings(fd_desk *d, const fd_mail_intake *in,
                           void (*each)(void *ctx, const char *warning), void *ctx, fd_error *err);

/* Registers an item (received) and, when a shelf is given, shelves it (held), in one
 * transaction. A tracking number already registered is refused (FD_CONFLICT) with a
 * message naming the item that has it, its recipient and its date. */
fd_status fd_mail_receive(fd_desk *d, const fd_actor *who, const fd_mail_intake *in,
                          int64_t *item_id, fd_error *err);

/* Puts an item on a shelf (received → held) or moves it to another (held → held). */
fd_status fd_mail_shelve(fd_desk *d, const fd_actor *who, int64_t item_id, const char *shelf,
                         fd_error *err);

/* A hand-out: the collector signs for one or several items at once. An item goes to a
 * proxy when the collector is not its recipient: the recipient is a person with another
 * name, or proxy is set (for an item addressed to a unit, company or department, only
 * the desk can tell). A proxy needs a phone and a relationship; filling either counts
 * as setting proxy. Field names: items, collector, signed, proxy_phone, proxy_relation,
 * note. */
typedef struct fd_mail_handout {
    const int64_t *items;
    size_t count;
    const char *collector;
    bool signed_for;       /* the collector signed the register */
    bool proxy;
    const char *proxy_phone;
    const char *proxy_relation;
    const char *note;
} fd_mail_handout;

/* Hands the items out in one transaction: all of them or, on any refusal, none. An
 * item already collected or returned is refused, naming it. */
fd_status fd_mail_hand_out(fd_desk *d, const fd_actor *who, const fd_mail_handout *h,
                           int64_t *handout_id, fd_error *err);

/* Whether field (the names above) must be filled for the hand-out as typed: a proxy
 * gives a phone and a relationship. The rule fd_mail_hand_out applies; forms mark by it. */
bool fd_mail_handout_requires(const fd_mail_handout *h, const char *field);

/* Whether collector, as typed, would take any of the items as a proxy by the rule
 * fd_mail_hand_out applies: one is addressed to a person of another name. False for a
 * blank collector; items for a unit, company or department name nobody to compare. */
fd_status fd_mail_collector_is_proxy(fd_desk *d, const int64_t *items, size_t count,
                                     const char *collector, bool *proxy, fd_error *err);

/* Sends an item back with carrier (NULL or "": the carrier that brought it). Before
 * the item has been held cfg->mail_return_days a note must give the reason. */
fd_status fd_mail_return(fd_desk *d, const fd_actor *who, int64_t item_id, const char *carrier,
                         const char *note, fd_error *err);

/* The fields a correction may change: X(id, stored name, label). The recipient,
 * tracking number, kind and quantity are not among them: they key the lists, the
 * duplicate check and the daily register. */
#define FD_MAIL_FIELD_LIST(X)                           \
    X(CARRIER,     "carrier",     N_("Carrier"))        \
    X(NOTE,        "note",        N_("Note"))           \
    X(DAMAGE_NOTE, "damage_note", N_("Damage"))

typedef enum fd_mail_field {
#define FD_MAIL_FIELD_ENUM(id, name, label) FD_MAIL_FIELD_##id,
    FD_MAIL_FIELD_LIST(FD_MAIL_FIELD_ENUM)
#undef FD_MAIL_FIELD_ENUM
    FD_MAIL_FIELD_COUNT
} fd_mail_field;

const char *fd_mail_field_name(fd_mail_field f);
const char *fd_mail_field_label(fd_mail_field f); /* translated */

/* A correction after saving: a new entry with its reason. */
fd_status fd_mail_correct(fd_desk *d, const fd_actor *who, int64_t item_id, fd_mail_field field,
                          const char *value, const char *reason, fd_error *err);

/* An item as it reads now (corrections applied). A plain value: copy it freely. */
typedef struct fd_mail_item {
    int64_t id;
    fd_time received_at;
    char received_by[FD_MAIL_SHORT_MAX];  /* staff name */
    fd_mail_kind kind;
    fd_mail_state state;
    int quantity;
    char carrier[FD_MAIL_SHORT_MAX];
    char tracking[FD_MAIL_TRACKING_MAX];  /* "" when none */
    fd_dir_kind recipient_kind;           /* 0: free text */
    int64_t recipient_id;
    char recipient_unit[FD_MAIL_UNIT_MAX];
    char recipient_name[FD_MAIL_NAME_MAX];
    char recipient_org[FD_MAIL_NAME_MAX]; /* a person's company, a department's */
    char shelf[FD_MAIL_SHELF_MAX];        /* "" when not on a shelf */
    char note[FD_MAIL_NOTE_MAX];
    bool damaged;
    char damage_note[FD_MAIL_NOTE_MAX];
    char damage_ack[FD_MAIL_SHORT_MAX];
    bool corrected;                       /* some field has a correction */
    /* Collected: when, by whom, whether by proxy. Returned: when, and the carrier. */
    fd_time closed_at;                    /* 0 while at the desk */
    char closed_by[FD_MAIL_SHORT_MAX];
    bool by_proxy;
    /* At the desk: whole Beijing days since receipt; its bucket, 0 below
     * cfg->mail_age_buckets[0] up to 3 at or past [2]; and whether it is due back to
     * the sender (held cfg->mail_return_days or more). */
    int age_days;
    int age_bucket;
    bool to_return;
    char key[FD_MAIL_NAME_MAX];           /* where a search found it: pass back as `after` */
} fd_mail_item;

/* The lists the screen shows. */
typedef enum fd_mail_view {
    FD_MAIL_HELD,          /* at the desk now, grouped by recipient (the default) */
    FD_MAIL_OLDEST,        /* at the desk now, oldest first: what is due back at the top */
    FD_MAIL_TODAY,         /* received today, newest first */
    FD_MAIL_BY_RECIPIENT,  /* all history: unit code from its start, recipient name by any part */
    FD_MAIL_BY_TRACKING,   /* all history: tracking number by any run of it (its last digits) */
    FD_MAIL_BY_SHELF,      /* all history: the shelf an item lies on (or last lay on) */
    FD_MAIL_VIEW_COUNT
} fd_mail_view;

/* One page (keyset pagination): at most limit rows after the row after (NULL: from
 * the top). text narrows the held view (tracking or shelf from its start, unit or name
 * anywhere) and is the search text of the others (ignored by today's; an empty
 * search lists all of history, newest first). Within one unit, name or shelf the
 * newest come first. */
fd_status fd_mail_list(fd_desk *d, fd_mail_view view, const char *text, const fd_mail_item *after,
                       int limit, void (*each)(void *ctx, const fd_mail_item *item), void *ctx,
                       fd_error *err);

/* Items at the desk, oldest first, in full (each with its age). One page after after
 * (NULL: the oldest); limit negative: all of them. */
fd_status fd_mail_held(fd_desk *d, const fd_mail_item *after, int limit,
                       void (*each)(void *ctx, const fd_mail_item *item), void *ctx,
                       fd_error *err);

/* What a shift handover keeps of an item at the desk (its open items): fewer fields
 * than fd_mail_item, read in one narrow walk, for the hundreds a busy desk holds.
 * Strings are valid during the callback only. */
typedef struct fd_mail_waiting {
    int64_t id;
    fd_mail_kind kind;
    int quantity;
    const char *tracking;                 /* NULL when none */
    const char *unit, *org, *name;        /* the recipient as registered; org may be NULL */
    const char *shelf;                    /* "" when not on a shelf */
    fd_time received_at;
    int age_days;                         /* whole Beijing days since receipt */
} fd_mail_waiting;

/* Every item at the desk, oldest first. */
fd_status fd_mail_at_desk(fd_desk *d, void (*each)(void *ctx, const fd_mail_waiting *item),
                          void *ctx, fd_error *err);

/* The items received in [from, to), oldest first: a day's register of items — printed,
 * so read whole in one snapshot. Meant for a day or so: the range is an index walk. */
fd_status fd_mail_between(fd_desk *d, fd_time from, fd_time to,
                          void (*each)(void *ctx, const fd_mail_item *item), void *ctx,
                          fd_error *err);

/* One item as it reads now; FD_NOT_FOUND when there is none. */
fd_status fd_mail_get(fd_desk *d, int64_t item_id, fd_mail_item *out, fd_error *err);

/* Status-line counters: items at the desk, and those of them due back to the sender. */
fd_status fd_mail_held_count(fd_desk *d, long *out, fd_error *err);
fd_status fd_mail_to_return_count(fd_desk *d, long *out, fd_error *err);

/* An item's history: its events and corrections, oldest first, and the hand-out that
 * closed it, with the proxy's phone masked unless the reader's role may see it. Any
 * callback may be NULL; strings are valid during the callback only. */
typedef struct fd_mail_event {
    int64_t id;
    const char *event;        /* "receive", "shelve", … */
    const char *label;        /* translated */
    fd_mail_state to_state;
    const char *detail;       /* the shelf, the collector, the carrier it went back with */
    const char *note;
    const char *staff_name;
    fd_time at;
} fd_mail_event;

typedef struct fd_mail_correction {
    int64_t id;
    fd_mail_field field;
    const char *label;        /* translated field label */
    const char *value, *reason, *staff_name;
    fd_time at;
} fd_mail_correction;

typedef struct fd_mail_collection {
    int64_t handout_id;
    const char *collector;
    bool by_proxy;
    const char *proxy_phone;  /* masked for the reader; NULL when not a proxy */
    const char *proxy_relation;
    const char *note;
    const char *staff_name;
    fd_time at;
} fd_mail_collection;

typedef struct fd_mail_detail_cb {
    void (*event)(void *ctx, const fd_mail_event *e);
    void (*correction)(void *ctx, const fd_mail_correction *c);
    void (*collection)(void *ctx, const fd_mail_collection *c);
} fd_mail_detail_cb;

fd_status fd_mail_detail(fd_desk *d, const fd_actor *who, int64_t item_id,
                         const fd_mail_detail_cb *cb, void *ctx, fd_error *err);

/* ---- newspapers ---- */

/* The desk signs for copies of a title delivered today (from: who brought them, may
 * be NULL), or hands copies of today's delivery on (to: the delivery round or the
 * reader). Handing on more than is left of today's delivery is refused. Field names:
 * title, quantity, party. */
fd_status fd_mail_paper_receive(fd_desk *d, const fd_actor *who, const char *title, int quantity,
                                const char *from, fd_error *err);
fd_status fd_mail_paper_hand_out(fd_desk *d, const fd_actor *who, const char *title, int quantity,
                                 const char *to, fd_error *err);

/* The newspaper tally of a day, one row per title in title order. */
typedef struct fd_mail_paper_row {
    const char *title;
    long received, handed_out;
} fd_mail_paper_row;

fd_status fd_mail_papers(fd_desk *d, fd_date day, void (*each)(void *ctx, const fd_mail_paper_row *r),
                         void *ctx, fd_error *err);

/* ---- the daily register ---- */

/* A day's register: per kind, pieces (quantities) signed for, handed out and sent
 * back that day; newspapers count the bundles of the tally as well as items. */
typedef struct fd_mail_register_row {
    long received, handed_out, returned;
} fd_mail_register_row;

typedef struct fd_mail_register {
    fd_date day;
    fd_mail_register_row kinds[FD_MAIL_KIND_COUNT];
    fd_mail_register_row total;
} fd_mail_register;

fd_status fd_mail_register_day(fd_desk *d, fd_date day, fd_mail_register *out, fd_error *err);

/* Items received in [req->from, req->to), oldest first, one row each with their
 * outcome; the proxy's phone masked unless req->unmasked by a role allowed to see
 * phones. Managers and administrators (FD_ACT_MAIL_EXPORT). */
fd_status fd_mail_export(fd_desk *d, const fd_actor *who, const fd_export_request *req, fd_book *book,
                         fd_error *err);

#endif
