#include "frontdesk/i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/uninstalled.h"

/* $FRONTDESK_LOCALEDIR (ignored by a set-id program), else the build tree's catalogues
 * for a program of the build tree (util/uninstalled.c says why only those), so tests
 * and the README's first command see translations without `make install`, else the
 * installed ones. */
static const char *catalogue_dir(void)
{
    const char *dir = secure_getenv("FRONTDESK_LOCALEDIR");
    if (dir && *dir)
        return dir;
    struct stat st;
    if (fd_running_uninstalled() && stat(FRONTDESK_BUILD_LOCALEDIR, &st) == 0 &&
        S_ISDIR(st.st_mode))
        return FRONTDESK_BUILD_LOCALEDIR;
    return FRONTDESK_LOCALEDIR;
}

void fd_i18n_init(const char *language)
{
    /* Chinese text needs a UTF-8 character set; a bare "C" locale (cron, a plain
     * ssh session) would turn every name into question marks. */
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    bindtextdomain(FD_TEXT_DOMAIN, catalogue_dir());
    bind_textdomain_codeset(FD_TEXT_DOMAIN, "UTF-8");
    /* LANGUAGE in the environment (a user's own choice) beats the site's default. */
    const char *env = getenv("LANGUAGE");
    if (language && *language && !(env && *env))
        setenv("LANGUAGE", language, 1);
    /* gettext ignores LANGUAGE under the plain "C" locale, which is what an ssh
     * session often has; C.UTF-8 keeps the same behaviour and lets it through. */
    const char *messages = setlocale(LC_MESSAGES, NULL);
    if (messages && (strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0))
        setlocale(LC_MESSAGES, "C.UTF-8");
}

const char *fd_pgettext(const char *context, const char *msgid)
{
    /* The catalogue keys a message with context as "context\004msgid". */
    char key[256];
    int n = snprintf(key, sizeof key, "%s\004%s", context, msgid);
    if (n < 0 || (size_t)n >= sizeof key)
        return msgid;
    const char *t = dgettext(FD_TEXT_DOMAIN, key);
    return t == key ? msgid : t;
}
