/* What the renovation files share (src/works/); not public. works.c holds the checks,
 * the machines and the operations, works_correct.c the corrections, works_read.c the reads. */
#ifndef FRONTDESK_WORKS_INTERNAL_H
#define FRONTDESK_WORKS_INTERNAL_H

#include <stddef.h>

#include "frontdesk/works.h"
#include "store/stmt.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

enum { NAME_CHARS = 32, COMPANY_CHARS = 60, TEXT_CHARS = 500 };

/* Copies text without surrounding blanks into out (size bytes): at most max_chars
 * characters, printable, lines only where allowed. missing: the message when it is
 * empty, NULL when it may be. */
fd_status works_clean_text(const char *text, const char *field, size_t max_chars, bool lines,
                           const char *missing, char *out, size_t size, fd_error *err);
/* works_clean_text for a code typed at the desk — a unit, a receipt or certificate
 * number: typed in an input method's full-width mode (ＧＺ－０４１７) it is kept as the
 * GZ-0417 written on the paper, so that it reads and is found alike. */
fd_status works_clean_code(const char *text, const char *field, const char *missing, char *out,
                           size_t size, fd_error *err);
/* A tools list as kept: one tool a line, each without the blanks around it, blank
 * lines dropped, full-width digits as the digits they are, so that the quantities read
 * alike on the page, on paper and at the carry-out check. 、 ； ; part tools as a line
 * break does: lists written on one line, before the dialog took line breaks, read one
 * a line too. In place: it only shrinks. */
void works_tools_lines(char *items);
fd_status works_refuse_role(const fd_actor *who, fd_action action, fd_error *err);
/* Fires event on the entity of machine m inside the current write. */
fd_status works_fire(fd_desk *d, const fd_machine *m, const fd_actor *who,
                     const fd_actor *approver, int64_t id, const char *event, void *guard_ctx,
                     int64_t *event_id, fd_error *err);
/* Audits the row just inserted into table; its id to *row_id when not NULL. */
fd_status works_audited(fd_desk *d, const fd_actor *who, const char *action,
                        fd_record_table table, int64_t *row_id, fd_error *err);

/* The renovation as the rules read it: FD_NOT_FOUND with its message when there is none. */
typedef struct works_file {
    bool active;
    fd_date starts_on, ends_on;
    int deposit, passes_out;
    char owner[FD_WORKS_NAME_MAX], site_manager[FD_WORKS_NAME_MAX];
} works_file;
fd_status works_file_read(fd_desk *d, int64_t id, works_file *out, fd_error *err);

/* Binds :pii_salt and :pii_commit: a new salt, and the commitment to a document's
 * number, its HMAC and its mask (frontdesk/audit.h). */
void works_bind_commitment(fd_stmt *st, const char *number, const char *hmac, const char *masked);

/* A correction as read, old → new (documents in full or masked, as asked). Strings are
 * valid during the callback only. */
typedef struct works_correction_seen {
    bool of_pass;                 /* else of the renovation file */
    int64_t row_id, renovation_id; /* row_id: the pass or the file */
    const char *unit;
    fd_works_field field;
    const char *old_value, *value, *reason, *staff;
    fd_time at;
} works_correction_seen;

/* Hands on the corrections statement st reads (works_corrections_of, _between or
 * _exported), each with the value it replaced; only those written in [from, to)
 * unless both are 0. */
fd_status works_corrections_read(fd_stmt *st, bool documents_in_full, fd_time from, fd_time to,
                                 void (*each)(void *ctx, const works_correction_seen *c),
                                 void *ctx, fd_error *err);
/* A correction as a line of the history and the daily log. */
void works_correction_line(const works_correction_seen *c,
                           void (*each)(void *ctx, const fd_works_line *line), void *ctx);

/* A column's text, "" for NULL. */
const char *works_text_of(fd_stmt *st, int col);
/* Stored names. */
const char *works_signer_name(fd_work_signer s);
fd_work_signer works_signer_parse(const char *name);

#endif
