/* Carry-out and carry-in passes (携物出入门证; 业户物品出、入管理规定). The occupant fills
 * a two-part pass: the company and its unit, the carrier and their document, the day and
 * time window, the goods line by line. Goods going out carry the company's seal, or for a
 * company without one the signature of the person its letter of authority names (条款一、
 * 二); the desk confirms at the door before the goods pass (盖章确认, 条款三), stops
 * flammable, explosive, toxic or corrosive goods (条款四) and schedules moving times (条款五).
 *
 *   (new)   issue  → issued   (desk staff; a pass out checked against the company's seal or
 *                              letter on file)
 *   issued  pass   → passed   (desk staff; within the pass's window: 盖章确认)
 *   issued  refuse → refused  (desk staff; the danger and the reason)
 *   issued  void   → voided   (desk staff; the reason)
 *
 * Nothing is overwritten: a wrong pass is voided and a new one issued, as on paper; a
 * company's authority is a record per company, a later one replacing it with a reason.
 * The carrier's document is kept like a visitor's: masked on screen and paper, its HMAC
 * for search, committed to the audit chain and forgotten by the privacy purge
 * (fd_visits_purge) after visitors.retention_days. */
#ifndef FRONTDESK_PASSES_H
#define FRONTDESK_PASSES_H

#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/book.h"
#include "frontdesk/desk.h"
#include "frontdesk/export.h"
#include "frontdesk/machine.h"
#include "frontdesk/roles.h"
#include "frontdesk/validate.h"

/* The choice lists, each X(id, stored name, label). */
#define FD_PASS_DIRECTION_LIST(X)          \
    X(OUT, "out", N_("Carry out"))          \
    X(IN,  "in",  N_("Carry in"))

#define FD_PASS_STATE_LIST(X)                  \
    X(ISSUED,  "issued",  N_("Issued"))         \
    X(PASSED,  "passed",  N_("Let through"))    \
    X(REFUSED, "refused", N_("Stopped"))        \
    X(VOIDED,  "voided",  N_("Voided"))

#define FD_PASS_HAZARD_LIST(X)                      \
    X(FLAMMABLE, "flammable", N_("Flammable"))      \
    X(EXPLOSIVE, "explosive", N_("Explosive"))      \
    X(TOXIC,     "toxic",     N_("Toxic"))          \
    X(CORROSIVE, "corrosive", N_("Corrosive"))

/* What a company's record on file says. */
#define FD_PASS_AUTHORITY_LIST(X)                          \
    X(SEAL,   "seal",   N_("Has a company seal"))          \
    X(LETTER, "letter", N_("Letter of authority"))         \
    X(NONE,   "none",   N_("Nothing on file"))

typedef enum fd_pass_direction {
#define FD_PASS_ENUM(id, name, label) FD_PASS_##id,
    FD_PASS_DIRECTION_LIST(FD_PASS_ENUM)
#undef FD_PASS_ENUM
} fd_pass_direction;
typedef enum fd_pass_state {
#define FD_PASS_ENUM(id, name, label) FD_PASS_STATE_##id,
    FD_PASS_STATE_LIST(FD_PASS_ENUM)
#undef FD_PASS_ENUM
} fd_pass_state;
typedef enum fd_pass_hazard {
#define FD_PASS_ENUM(id, name, label) FD_HAZARD_##id,
    FD_PASS_HAZARD_LIST(FD_PASS_ENUM)
#undef FD_PASS_ENUM
} fd_pass_hazard;
typedef enum fd_pass_authority_kind {
#define FD_PASS_ENUM(id, name, label) FD_AUTHORITY_##id,
    FD_PASS_AUTHORITY_LIST(FD_PASS_ENUM)
#undef FD_PASS_ENUM
} fd_pass_authority_kind;

typedef enum fd_pass_list {
    FD_PASS_LIST_DIRECTION, FD_PASS_LIST_STATE, FD_PASS_LIST_HAZARD, FD_PASS_LIST_AUTHORITY,
    FD_PASS_LIST_COUNT
} fd_pass_list;

int fd_pass_choice_count(fd_pass_list list);
const char *fd_pass_choice_name(fd_pass_list list, int value);  /* stored */
const char *fd_pass_choice_label(fd_pass_list list, int value); /* translated */
/* The value whose stored name this is, or -1. */
int fd_pass_choice_parse(fd_pass_list list, const char *name);

/* The pass's transition table (fired by the operations below). */
extern const fd_machine fd_pass_machine;

/* The steps of a pass a screen offers. */
typedef enum fd_pass_step {
    FD_PASS_STEP_CONFIRM,
    FD_PASS_STEP_REFUSE,
    FD_PASS_STEP_VOID,
    FD_PASS_STEP_COUNT
} fd_pass_step;

/* May who take step on the pass, which is in state, now? Nothing is written.
 * FD_STATE: the state has no such step; FD_DENIED: not this person; FD_INVALID: the step
 * wants more than a question can give (a reason; the window, checked as it is taken) —
 * offer it. The operation asks again. */
fd_status fd_pass_may(fd_desk *d, int64_t pass_id, fd_pass_state state, fd_pass_step step,
                      const fd_actor *who);

/* Sizes in bytes, the terminating NUL included. */
enum {
    FD_PASS_NAME_MAX = 100,     /* 32 characters: carrier, signer, an item's name */
    FD_PASS_MEASURE_MAX = 25,   /* 8 characters: 件, 箱, 台 … */
    FD_PASS_DOC_MAX = 40,
    FD_PASS_REASON_MAX = 601,   /* 200 characters */
    FD_PASS_GOODS_MAX = 1200,   /* the goods in one line */
    FD_PASS_ITEMS_MAX = 8,      /* the lines of the paper form */
    FD_PASS_QUANTITY_MAX = 9999,
};

/* ---- a company's seal or letter of authority ---- */

/* What is on file (a manager or an administrator). Field names in fd_error: company,
 * kind, signer, valid_until, reason. A company's first record needs no reason; each
 * later one replaces the one before and says why. */
typedef struct fd_pass_authority_input {
    int64_t company_id;          /* a company of the directory */
    fd_pass_authority_kind kind;
    const char *signer;          /* LETTER: the person the letter names */
    fd_date valid_until;         /* LETTER: its last day, not before today */
    const char *reason;          /* why this replaces the record before */
} fd_pass_authority_input;

fd_status fd_pass_authority_file(fd_desk *d, const fd_actor *who,
                                 const fd_pass_authority_input *in, int64_t *id, fd_error *err);

typedef struct fd_pass_authority {
    int64_t id;                  /* 0: nothing was ever filed (kind NONE) */
    int64_t company_id;
    fd_pass_authority_kind kind;
    char signer[FD_PASS_NAME_MAX];
    fd_date valid_until;
    char reason[FD_PASS_REASON_MAX];
    fd_time at;
    char staff[64];              /* who filed it */
    /* The record that replaced it, when there is one (a history's, a day's record):
     * when, by whom, why. 0 and "" otherwise. */
    fd_time replaced_at;
    char replaced_by[64];
    char replaced_reason[FD_PASS_REASON_MAX];
} fd_pass_authority;

/* The company's record as it stands (kind NONE, id 0 when there has been none);
 * FD_NOT_FOUND when it is not a company of the directory. */
fd_status fd_pass_authority_get(fd_desk *d, int64_t company_id, fd_pass_authority *out,
                                fd_error *err);
/* Every record of the company, oldest first, each with what replaced it. */
fd_status fd_pass_authority_history(fd_desk *d, int64_t company_id,
                                    void (*each)(void *ctx, const fd_pass_authority *a),
                                    void *ctx, fd_error *err);
/* What was on file for the company on day, as it stood at the day's end (kind NONE, id
 * 0 when nothing had been filed yet), and whether it let goods out that day: a seal, or
 * a letter still valid then. FD_NOT_FOUND when it is not a company of the directory. */
fd_status fd_pass_authority_on(fd_desk *d, int64_t company_id, fd_date day,
                               fd_pass_authority *out, bool *in_force, fd_error *err);

/* ---- issuing ---- */

typedef struct fd_pass_item_input {
    const char *name;
    int quantity;                /* 1–9999 */
    const char *measure;         /* may be empty */
} fd_pass_item_input;

/* What the desk copies from the form. Field names in fd_error: direction, company,
 * carrier, doc_type, doc_number, day, window_from, window_to, items (with item_line the
 * line at fault, 1-based), sealed, signer. */
typedef struct fd_pass_input {
    fd_pass_direction direction;
    int64_t company_id;          /* a company of the directory: the unit is its unit */
    const char *carrier;
    fd_doc_type doc_type;
    const char *doc_number;
    fd_date day;                 /* 0: today; never before today */
    int window_from, window_to;  /* minutes after midnight of day, from < to ≤ 24:00 */
    bool scheduled;              /* a moving time the desk arranged (条款五) */
    bool sealed;                 /* the form bears the company's seal */
    const char *signer;          /* who signed it, for a company with a letter */
    const fd_pass_item_input *items;
    int item_count;              /* 1–FD_PASS_ITEMS_MAX */
} fd_pass_input;

/* Issues the pass. A pass out needs the company's authority on file: a company with a
 * seal, the seal on the form; a company with a letter, the signature of the person the
 * letter names while it is valid on the pass's day; anything else is refused with the
 * reason. A pass in needs none. *item_line (may be NULL) gets the line at fault. */
fd_status fd_pass_issue(fd_desk *d, const fd_actor *who, const fd_pass_input *in, int64_t *id,
                        int *item_line, fd_error *err);

/* 盖章确认: the goods pass, within the pass's window (field: window). */
fd_status fd_pass_confirm(fd_desk *d, const fd_actor *who, int64_t id, fd_error *err);
/* Whether the pass's window is open now, asked before the confirmation; nothing is
 * written. Field: window. */
fd_status fd_pass_confirm_check(fd_desk *d, const fd_actor *who, int64_t id, fd_error *err);
/* Goods stopped at the door: what danger, and the reason (fields hazard, reason). */
fd_status fd_pass_refuse(fd_desk *d, const fd_actor *who, int64_t id, fd_pass_hazard hazard,
                         const char *reason, fd_error *err);
/* The pass voided, with the reason (field reason). */
fd_status fd_pass_void(fd_desk *d, const fd_actor *who, int64_t id, const char *reason,
                       fd_error *err);

/* ---- reading ---- */

/* A pass as it reads now, the carrier's document as the reader may see it. A plain
 * value: copy it freely. */
typedef struct fd_pass {
    int64_t id;
    fd_pass_state state;
    fd_pass_direction direction;
    int64_t company_id, unit_id;
    char company[FD_PASS_NAME_MAX * 2];
    char unit[FD_PASS_NAME_MAX];
    char carrier[FD_PASS_NAME_MAX];
    fd_doc_type doc_type;
    char doc_number[FD_PASS_DOC_MAX];    /* masked unless doc_in_full; masked whole once purged */
    bool doc_in_full;
    fd_date day;
    fd_time window_from, window_to;
    bool scheduled, sealed;
    char signer[FD_PASS_NAME_MAX];       /* "" when sealed */
    fd_time issued_at;
    char issued_by[64];
    fd_time closed_at;                   /* 0 while issued */
    char closed_by[64];
    char void_reason[FD_PASS_REASON_MAX];
    bool refused;
    fd_pass_hazard hazard;               /* when refused */
    char refusal_reason[FD_PASS_REASON_MAX];
    int lines;
    char goods[FD_PASS_GOODS_MAX];       /* "办公桌 2张、电脑 3台" */
    bool overdue;                        /* scheduled, its window ended, still issued */
} fd_pass;

/* Where the pass stands as the desk reads it: its state, or overdue. Stored name
 * ("issued" … "overdue") and translated label; the screens and the export alike. */
const char *fd_pass_shown_state_name(const fd_pass *p);
const char *fd_pass_shown_state_label(const fd_pass *p);

typedef enum fd_pass_view {
    FD_PASS_VIEW_DESK,   /* today's passes and every one still issued: by window */
    FD_PASS_VIEW_OPEN,   /* scheduled passes whose window ended unconfirmed: by window */
    FD_PASS_VIEW_SEARCH, /* all history, newest window first: a carrier, company or unit
                          * code starting with text */
    FD_PASS_VIEW_COUNT
} fd_pass_view;

typedef struct fd_pass_query {
    fd_pass_view view;
    const char *text;          /* FD_PASS_VIEW_SEARCH */
    const fd_pass *after;      /* continue after this pass (NULL: from the top) */
    int limit;                 /* 1–500 */
} fd_pass_query;

fd_status fd_passes_list(fd_desk *d, const fd_actor *who, const fd_pass_query *q,
                         void (*each)(void *ctx, const fd_pass *p), void *ctx, fd_error *err);

/* Scheduled passes whose window ended unconfirmed (FD_PASS_VIEW_OPEN): the main menu's
 * counter. */
fd_status fd_passes_overdue_count(fd_desk *d, long *out, fd_error *err);

/* The passes whose day falls in [from, to), by number: a day's log, one snapshot. */
fd_status fd_passes_between(fd_desk *d, const fd_actor *who, fd_date from, fd_date to,
                            void (*each)(void *ctx, const fd_pass *p), void *ctx,
                            fd_error *err);

/* One pass; FD_NOT_FOUND when there is none. */
fd_status fd_pass_get(fd_desk *d, const fd_actor *who, int64_t id, fd_pass *out, fd_error *err);

/* Its goods, line by line. Strings valid during the callback only. */
fd_status fd_pass_items(fd_desk *d, int64_t id,
                        void (*each)(void *ctx, int line, const char *name, int quantity,
                                     const char *measure),
                        void *ctx, fd_error *err);

/* Its history: its events, oldest first. Strings valid during the callback only. */
typedef struct fd_pass_line {
    fd_time at;
    const char *event;       /* "issue", "pass", "refuse" or "void" */
    const char *label;       /* translated */
    const char *staff;
    const char *hazard;      /* refuse: translated */
    const char *reason;      /* refuse, void */
} fd_pass_line;

fd_status fd_pass_history(fd_desk *d, int64_t id,
                          void (*each)(void *ctx, const fd_pass_line *line), void *ctx,
                          fd_error *err);

/* ---- export ---- */

/* `frontdesk export passes`: every pass whose day falls in [req->from, req->to), by
 * number, whole: its window, company, carrier, authority, goods, who issued and who
 * closed it, the danger and reason of goods stopped, the reason of a pass voided; the
 * carrier's document masked unless req->unmasked by a role allowed to see documents.
 * Managers and administrators (FD_ACT_PASS_EXPORT). */
fd_status fd_passes_export(fd_desk *d, const fd_actor *who, const fd_export_request *req,
                           fd_book *book, fd_error *err);

#endif
