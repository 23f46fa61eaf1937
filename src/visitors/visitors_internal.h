/* What the visitor files share (src/visitors/); not public. visitors.c holds these,
 * with the operations; the reads, the export and the list keeping sit above it. */
#ifndef FRONTDESK_VISITORS_INTERNAL_H
#define FRONTDESK_VISITORS_INTERNAL_H

#include "frontdesk/visitors.h"
#include "store/stmt.h"

enum { NAME_BYTES = 63, TEXT_BYTES = 127, PURPOSE_BYTES = 255, MASK_BYTES = 160 };

/* A bound above every string that starts with a given prefix: the prefix followed by
 * U+10FFFF, the highest code point, compared byte-wise as SQLite does. */
#define PREFIX_END "\xF4\x8F\xBF\xBF"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* What a text field of the form may hold. */
typedef struct text_rule {
    const char *field; /* the form field */
    const char *label; /* N_() */
    size_t max;        /* bytes */
    bool required;
} text_rule;

/* A document as the tables keep it: normal form, its HMAC and its masked form. */
typedef struct document {
    fd_doc_type type;
    char number[MASK_BYTES];
    char hmac[FD_HASH_HEX];
    char masked[MASK_BYTES];
} document;

typedef struct reader {
    bool full_documents, full_phones;
    void (*each)(void *ctx, const fd_visit *v);
    void *ctx;
} reader;

/* Masked copies live here while the row is handed out. */
typedef struct shown {
    char phone[MASK_BYTES];
} shown;

/* A day range of visits as the reader may see them (the daily log, the export). */
typedef struct between_query {
    fd_time from, to;
    reader r;
} between_query;

fd_status visit_between_read(fd_store *store, void *ctx, fd_error *err);

void visit_bind_id(fd_stmt *st, const char *param, int64_t id);
extern const text_rule rule_visitor_name, rule_reason; /* the ban keeps these too */
/* Copies in without surrounding blanks to out (TEXT_BYTES + 1 or more … rule->max + 1). */
fd_status visit_clean_text(const text_rule *rule, const char *in, char *out, fd_error *err);
fd_doc_type visit_doc_type_of(const char *name);
fd_status visit_each_visit(fd_stmt *st, const reader *r, long *rows, fd_error *err);
const char *visit_event_label(const char *event);
/* The entry in force for this document: for the site or unit_id (0: none), or for any
 * unit when any_unit. Writes the warning to message; FD_NOT_FOUND when there is none. */
fd_status visit_find_ban(fd_store *store, const char *hmac, int64_t unit_id, bool any_unit,
                         char *message, size_t size, fd_error *err);
/* Looks id up with sql, a statement of row visit_look_up, which yields one row
 * (FD_NOT_FOUND: the message names field). */
fd_status visit_look_up(fd_store *store, fd_sql_id sql, int64_t id, const char *field,
                        int64_t *unit_id, char *code, size_t code_size, fd_error *err);
fd_status visit_need_actor(const fd_actor *who, fd_error *err);
fd_status visit_read_document(fd_desk *d, fd_doc_type type, const char *number, document *out,
                              fd_error *err);
reader visit_reader_for(const fd_desk *d, const fd_actor *who,
                        void (*each)(void *ctx, const fd_visit *v), void *ctx);
bool visit_sees_documents(const fd_desk *d, const fd_actor *who);
bool visit_sees_phones(const fd_desk *d, const fd_actor *who);
const char *visit_show_phone(const reader *r, const char *phone, shown *buf);
void visit_upper_ascii(char *s);

#endif
