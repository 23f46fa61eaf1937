/* Key loans (钥匙借用), the screens: the list of views (keys out, overdue, the register
 * with type-ahead, new keys to be sealed, requests waiting for consent, loans to hand
 * over), a loan's page and a key's page with what may be done to them, and the forms.
 * Every rule is the core's (frontdesk/keys.h): these files ask and show. */
#ifndef FRONTDESK_SCREENS_KEYS_H
#define FRONTDESK_SCREENS_KEYS_H

#include <stdbool.h>
#include <stdint.h>

#include "console/console.h"
#include "widgets/form.h"
#include "frontdesk/keys.h"

extern const screen_ops keys_screen;

/* A supervisor's PIN in place for needed; what names the step in the dialog. */
bool keys_approve(console *c, fd_action needed, const char *what, fd_actor *approver);
/* The line under a page's body saying that Enter offers what can be done. */
void keys_page_hint(const console_area *area);
/* Shows err on the message line. */
void keys_error(console *c, const fd_error *err);
/* "11-27 18:00" for today and other days alike; "" for 0. */
void keys_when(fd_time t, char out[FD_TIME_TEXT]);
/* The configured departments as choice labels (borrowed from the configuration). */
void keys_department_choices(form *f, const char *field, console *c);

/* Pages of their own, run until closed; both true when something was recorded. */
bool keys_loan_page(console *c, int64_t loan_id);
bool keys_key_page(console *c, int64_t key_id);
/* The forms that start records: a new loan, a new key in the register. */
bool keys_new_loan(console *c);
bool keys_new_key(console *c);

#endif
