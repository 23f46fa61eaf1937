/* What the notices' files share (src/notices/); not public. notices.c holds the
 * operations and notice_facts; notices_read.c, above it, the reads; notices_export.c,
 * above both, the export. */
#ifndef FRONTDESK_NOTICES_INTERNAL_H
#define FRONTDESK_NOTICES_INTERNAL_H

#include "frontdesk/notices.h"

enum { NOTICE_LIST_LIMIT_MAX = 500 };

/* What a step needs to know of a notice. */
typedef struct notice_facts_row {
    fd_notice_kind kind;
    fd_time starts_at;
    bool overridden;
} notice_facts_row;

/* That the notice exists (FD_NOT_FOUND with its message when not), and its facts (out
 * may be NULL). */
fd_status notice_facts(fd_desk *d, int64_t id, notice_facts_row *out, fd_error *err);

/* A correction's stored value as a person reads it: ends_at as a time, others as stored. */
const char *notice_shown_value(fd_notice_field field, const char *value, char *buf, size_t size);

/* An event's translated label, as the history and the export name it. */
const char *notice_event_label(const char *event);

#endif
