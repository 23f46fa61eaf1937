/* What the mail files share (src/mail/); not public. mail.c holds these, with the
 * operations; the reads and the export sit above it. */
#ifndef FRONTDESK_MAIL_INTERNAL_H
#define FRONTDESK_MAIL_INTERNAL_H

#include "frontdesk/mail.h"
#include "store/stmt.h"

/* The defaults of data/frontdesk.cfg, for a desk opened without a configuration. */
enum { DEFAULT_RETURN_DAYS = 15, TRACKING_MIN = 4, PAGE_KEY_MAX = FD_MAIL_NAME_MAX + 2 };

/* A correction's field name as fd_mail_field; false if unknown. */
bool mail_field_parse(const char *name, int *out);

/* Copies text without surrounding blanks to out (size bytes). empty is the message for
 * a required field left empty; NULL makes the field optional. */
fd_status mail_clean_text(const char *text, const char *field, const char *empty, bool multiline,
                          char *out, size_t size, fd_error *err);
/* snprintf(dst, size, "%s", src) without printf's machinery: a list copies a dozen
 * fields of every item it reads, and printf cost more than the query did. */
void mail_copy(char *dst, size_t size, const char *src);
const char *mail_event_label(const char *event);
fd_status mail_find_item(fd_desk *d, int64_t id, const char *field, fd_mail_item *out,
                         fd_error *err);
bool mail_is_blank(char c);
bool mail_may_see_phones(const fd_desk *d, const fd_actor *who);
/* Reads a row of FD_MAIL_COLUMNS followed by the search key. */
void mail_read_item(const fd_desk *d, fd_stmt *st, fd_mail_item *it);
int mail_return_days(const fd_desk *d);
void mail_upper_ascii(char *s);

#endif
