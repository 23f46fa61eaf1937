/* What the passes' files share (src/passes/); not public. passes.c holds the operations,
 * the checks and what they read; passes_read.c, above it, the reads; passes_export.c,
 * above both, the export. */
#ifndef FRONTDESK_PASSES_INTERNAL_H
#define FRONTDESK_PASSES_INTERNAL_H

#include <stddef.h>

#include "frontdesk/passes.h"
#include "frontdesk/store.h"

enum { LIST_LIMIT_MAX = 500 };

/* A pass's time window, instants. */
typedef struct pass_window {
    fd_time from, to;
} pass_window;

/* That the pass exists (FD_NOT_FOUND with its message when not), and its window (w may
 * be NULL). */
fd_status pass_facts(fd_desk *d, int64_t id, pass_window *w, fd_error *err);
/* The company of the directory (FD_NOT_FOUND, field company, when it is not one): its
 * unit and its name as they read now (either may be NULL). */
fd_status pass_company(fd_desk *d, int64_t company_id, int64_t *unit_id, char *name, size_t size,
                       fd_error *err);
/* The company's authority as it stands, inside a transaction. */
fd_status pass_authority_read(fd_desk *d, int64_t company_id, fd_pass_authority *out,
                              fd_error *err);

/* A row of pass_authority_row read into *a. */
/* Whether the record lets goods out on day: a seal, or a letter still valid then. */
bool pass_authority_in_force(const fd_pass_authority *a, fd_date day);
void pass_authority_of(fd_stmt *st, fd_pass_authority *a);
/* Copies one line of text without surrounding blanks into out (size bytes): at most
 * max_chars printable characters. missing: the message when it is empty, NULL when it
 * may be. */
fd_status pass_clean_text(const char *text, const char *field, size_t max_chars,
                          const char *missing, char *out, size_t size, fd_error *err);

#endif
