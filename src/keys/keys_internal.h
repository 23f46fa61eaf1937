/* What the key files share (src/keys/); not public. keys.c holds these: names, the
 * machines, checking what is typed, and the rows every operation reads and inserts. */
#ifndef FRONTDESK_KEYS_INTERNAL_H
#define FRONTDESK_KEYS_INTERNAL_H

#include "frontdesk/audit.h"
#include "frontdesk/keys.h"
#include "store/stmt.h"

enum {
    TAG_TEXT = FD_KEY_TAG_MAX + 1,
    TEXT_BYTES = FD_KEY_TEXT_MAX * 4 + 1, /* UTF-8: four bytes a character at most */
    NOTE_BYTES = FD_KEY_NOTE_MAX * 4 + 1,
    PHONE_TEXT = 40,
    HOUR = 3600,
    DAY = 24 * HOUR,
};

typedef struct custodian {
    char department[TEXT_BYTES], person[TEXT_BYTES];
} custodian;

typedef struct key_base {
    int64_t id, unit_id, entrustment_id;
    char tag[TAG_TEXT];
    char description[TEXT_BYTES];
    fd_key_kind kind;
    fd_key_state state;
} key_base;

/* A key about to be added to the register, and how it came to be. */
typedef struct key_spec {
    char tag[TAG_TEXT];
    int64_t unit_id, entrustment_id, copy_of, replaces;
    char description[TEXT_BYTES];
    fd_key_kind kind;
    custodian keeper;
    const char *event;    /* its creating event: register, copy or replace */
    fd_action action;
    int64_t related;      /* copy: the source; replace: the key replaced */
} key_spec;

/* Inserts the key and its first custodian and fires its creating event. */
fd_status key_add_key(fd_desk *d, const fd_actor *who, const fd_actor *approver, const key_spec *k,
                      const char *note, int64_t *id, fd_error *err);
void key_bind_optional_id(fd_stmt *st, const char *param, int64_t id);
void key_bind_optional_text(fd_stmt *st, const char *param, const char *text);
fd_status key_check_custodian(const fd_desk *d, const char *department, const char *person,
                              custodian *out, fd_error *err);
fd_status key_check_note(const char *note, const char *missing, char out[NOTE_BYTES],
                         fd_error *err);
/* Tags are what a barcode label carries: letters, digits and a few separators; stored
 * in upper case so a lookup is one exact index probe whatever case was typed. */
fd_status key_check_tag(const char *tag, char out[TAG_TEXT], fd_error *err);
/* Copies text without surrounding blanks to out ("" when blank). missing: the message
 * when it is required, NULL when it may be left empty. */
fd_status key_check_text(const char *text, const char *field, long max_chars, const char *missing,
                         char *out, size_t out_size, fd_error *err);
fd_status key_find_tag(fd_desk *d, const char *tag, int64_t *id, fd_error *err);
/* Fires event with {"name": value} as its data. */
fd_status key_fire_with(fd_desk *d, const fd_machine *m, int64_t id, const char *event,
                        const fd_actor *who, const fd_actor *approver, const char *note,
                        const char *name, int64_t value, fd_error *err);
fd_status key_fire(fd_desk *d, const fd_machine *m, int64_t id, const char *event,
                   const fd_actor *who, const fd_actor *approver, const char *note,
                   const char *data, fd_error *err);
/* The id a statement of row key_found returns; FD_NOT_FOUND when there is no row or it
 * is NULL. */
fd_status key_first_id(fd_stmt *st, int64_t *id, fd_error *err);
fd_status key_insert_custody(fd_desk *d, const fd_actor *who, int64_t key_id, const custodian *c,
                             const char *note, int64_t *id, fd_error *err);
/* Runs an INSERT, then the audit entry of the new row. */
fd_status key_insert_row(fd_desk *d, const fd_actor *who, fd_stmt *st, const char *action,
                         fd_record_table table, int64_t *id, fd_error *err);
fd_status key_load_key(fd_desk *d, int64_t id, const char *field, key_base *out, fd_error *err);
/* The state stored as name. Only the machines write states; one unknown to this
 * program reads as the last state, which allows nothing. */
fd_key_state key_state_read(const char *name);
fd_loan_state key_loan_state_read(const char *name);
/* The event that brings a key in state back into store: "find", "repair", or NULL. */
const char *key_recover_event(fd_key_state state);
bool key_may(const fd_actor *who, const fd_actor *approver, fd_action action);
fd_status key_unit_code(fd_desk *d, int64_t unit_id, char *out, size_t size, fd_error *err);

typedef struct loan_base {
    fd_key_reason reason;
    fd_time expected_return;
    bool emergency;
} loan_base;

fd_status key_load_loan(fd_desk *d, int64_t id, loan_base *out, fd_error *err);

#endif
