/* What the register's files share (src/calls/); not public. calls.c holds the
 * operations and call_facts; calls_repair.c, above it, the repair requests;
 * calls_read.c, above it, the reads and how phones and values
 * are shown; calls_export.c, above both, the export. */
#ifndef FRONTDESK_CALLS_INTERNAL_H
#define FRONTDESK_CALLS_INTERNAL_H

#include "frontdesk/calls.h"

enum { LIST_LIMIT_MAX = 500 };

/* That the entry exists (FD_NOT_FOUND with its message when not), and whether it has an
 * answer on record (answered may be NULL). */
fd_status call_facts(fd_desk *d, int64_t id, bool *answered, fd_error *err);
/* Copies text without surrounding blanks into out (size bytes): at most max_chars
 * characters, printable, lines only where allowed. missing: the message when it is
 * empty, NULL when it may be. */
fd_status call_clean_text(const char *text, const char *field, size_t max_chars, bool lines,
                          const char *missing, char *out, size_t size, fd_error *err);
/* FD_OK when department is one of the configured departments. */
fd_status call_check_department(const fd_config *cfg, const char *department, fd_error *err);
/* A repair request's stored state read back (handed when NULL or unknown), its
 * correctable fields' stored names and back (-1: none). */
int call_repair_state_parse(const char *name);
const char *call_repair_field_name(fd_repair_field f);
int call_repair_field_parse(const char *name);
/* The phone as who may see it, into out: in full, or masked. */
void call_shown_phone(const fd_desk *d, const fd_actor *who, const char *phone, char *out,
                      size_t size);
/* A stored value as a correction's history shows it: a channel's or matter's label, a
 * phone masked for who; other fields as stored. */
const char *call_shown_value(const fd_desk *d, const fd_actor *who, fd_call_field field,
                             const char *value, char *buf, size_t size);

#endif
