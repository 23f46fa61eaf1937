/* Message translation. Every user-visible string goes through _() or N_(). */
#ifndef FRONTDESK_I18N_H
#define FRONTDESK_I18N_H

#include <libintl.h>

#define FD_TEXT_DOMAIN "frontdesk"
#define _(s) dgettext(FD_TEXT_DOMAIN, s)
#define N_(s) (s)
/* A word with two meanings in English ("Key": a door key or a keyboard key) is told
 * apart by its context (msgctxt in the catalogue). */
#define C_(ctx, s) fd_pgettext(ctx, s)

const char *fd_pgettext(const char *context, const char *msgid) __attribute__((format_arg(2)));

/* Binds the catalogue directory and applies the configured language
 * ("zh_CN", "en"; NULL or "" keeps the environment's). Call after setlocale. */
void fd_i18n_init(const char *language);

#endif
