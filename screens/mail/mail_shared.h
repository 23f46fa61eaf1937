/* What the mail screens share (screens/mail/): how an item is named and shown, and a
 * count of the writes made here, so that a list drawn afterwards is read again. It
 * calls none of the mail screens, so mail.c, mail_item.c, mail_intake.c and
 * mail_handout.c call down only. */
#ifndef FRONTDESK_SCREENS_MAIL_SHARED_H
#define FRONTDESK_SCREENS_MAIL_SHARED_H

#include <stdbool.h>
#include <stddef.h>

#include "console/draw.h"
#include "frontdesk/mail.h"

enum {
    MAIL_LABEL_COLS = 12,
    MAIL_LINE_TEXT = 1024,
    MAIL_WHOM_MAX = FD_MAIL_UNIT_MAX + 2 * FD_MAIL_NAME_MAX + 8,
};

/* A write was made here; how many so far. */
void mail_changed(void);
unsigned mail_changes(void);

/* The kinds in the order the intake offers them and the register lists them. */
extern const fd_mail_kind mail_kind_order[FD_MAIL_KIND_COUNT];

/* "A-1203 张伟", "T-1501 财务部 (北京辰星科技有限公司)". */
void mail_recipient_text(const fd_mail_item *it, char *out, size_t size);
/* Its tracking number, else its number. */
void mail_item_label(const fd_mail_item *it, char *out, size_t size);
/* Still at the desk: received or held. */
bool mail_at_desk(const fd_mail_item *it);
/* How long it has waited, with its age bucket, or what became of it. */
void mail_status_text(const fd_mail_item *it, const fd_config *cfg, char *out, size_t size);
/* The short label of the line that says how an item left the desk. */
const char *mail_closed_label(const fd_mail_item *it);
/* A label in the mail screens' column beside its value. */
void mail_label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr);
/* "No" and "Yes", translated, for a choice. */
const char *const *mail_yes_no(void);

#endif
