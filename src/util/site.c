/* The service identity of a site install: see include/frontdesk/site.h. */
#include "frontdesk/site.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

bool fd_site_mode(void)
{
    gid_t real, effective, saved;
    if (getresgid(&real, &effective, &saved) != 0)
        return true; /* cannot tell: the careful answer */
    return effective != real || saved != real;
}

void fd_site_harden(void)
{
    if (!fd_site_mode())
        return;
    /* The kernel already makes a set-id program undumpable; said again here because a
     * change of effective group (fd_user_* below) must not be what leaves it so. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    umask(007);
}

mode_t fd_site_file_mode(void)
{
    return fd_site_mode() ? 0660 : 0600;
}

bool fd_site_is_root(void)
{
    return getuid() == 0;
}

/* ---- the person's own rights ---- */

/* Takes on the real group for one call; the saved group brings the site's back. A
 * failure to drop refuses the call rather than making it with the group's rights. */
static bool drop_group(gid_t *site)
{
    *site = getegid();
    if (*site == getgid())
        return true;
    if (setegid(getgid()) == 0) {
        /* As in regain_group: the dropped group must not make the process, which holds
         * the keys in memory, open to the person's debugger where fs.suid_dumpable is 1. */
        prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
        return true;
    }
    errno = EPERM;
    return false;
}

static void regain_group(gid_t site)
{
    int saved_errno = errno;
    if (getegid() != site && setegid(site) != 0)
        abort(); /* the database would be out of reach for the rest of the run */
    /* A change of credentials leaves the process as dumpable as fs.suid_dumpable says,
     * which a machine may have set to 1. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    errno = saved_errno;
}

/* Each wrapper: drop, the one call, regain. */

FILE *fd_user_fopen(const char *path, const char *mode)
{
    gid_t site;
    if (!drop_group(&site))
        return NULL;
    FILE *f = fopen(path, mode);
    regain_group(site);
    return f;
}

int fd_user_open(const char *path, int flags, mode_t mode)
{
    gid_t site;
    if (!drop_group(&site))
        return -1;
    int fd = open(path, flags, mode);
    regain_group(site);
    return fd;
}

int fd_user_mkstemp(char *template_path)
{
    gid_t site;
    if (!drop_group(&site))
        return -1;
    int fd = mkostemp(template_path, O_CLOEXEC);
    regain_group(site);
    return fd;
}

int fd_user_mkdir(const char *path, mode_t mode)
{
    gid_t site;
    if (!drop_group(&site))
        return -1;
    int rc = mkdir(path, mode);
    regain_group(site);
    return rc;
}

int fd_user_rename(const char *from, const char *to)
{
    gid_t site;
    if (!drop_group(&site))
        return -1;
    int rc = rename(from, to);
    regain_group(site);
    return rc;
}

int fd_user_link(const char *from, const char *to)
{
    gid_t site;
    if (!drop_group(&site))
        return -1;
    int rc = linkat(AT_FDCWD, from, AT_FDCWD, to, AT_SYMLINK_FOLLOW);
    regain_group(site);
    return rc;
}

int fd_user_unlink(const char *path)
{
    gid_t site;
    if (!drop_group(&site))
        return -1;
    int rc = unlink(path);
    regain_group(site);
    return rc;
}

bool fd_user_rights_begin(gid_t *site)
{
    return drop_group(site);
}

void fd_user_rights_end(gid_t site)
{
    regain_group(site);
}
