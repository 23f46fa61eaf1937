/* The PIN pepper: see src/base/pepper.h. */
#include "base/pepper.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/i18n.h"
#include "frontdesk/site.h"

static fd_status read_pepper(const char *path, unsigned char out[FD_PEPPER_SIZE], fd_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fd_fail(err, errno == ENOENT ? FD_NOT_FOUND : FD_IO, NULL,
                       _("Cannot read the PIN pepper %s (%s), without which no PIN can be "
                         "checked. Put it back from where it was kept, or recover as the "
                         "manual says (frontdesk staff recover, run by root)."),
                       path, strerror(errno));
    ssize_t n = read(fd, out, FD_PEPPER_SIZE);
    close(fd);
    if (n != FD_PEPPER_SIZE)
        return fd_fail(err, FD_IO, NULL, _("The PIN pepper %s is damaged."), path);
    return FD_OK;
}

/* Made under a temporary name and linked into place, which fails if another terminal
 * made one first: then that one is the pepper, and this one is thrown away, so two
 * terminals can never hash PINs under different peppers. */
static fd_status make_pepper(const char *path, unsigned char out[FD_PEPPER_SIZE], fd_error *err)
{
    unsigned char fresh[FD_PEPPER_SIZE];
    randombytes_buf(fresh, sizeof fresh);
    char *tmp = fd_printf("%s.XXXXXX", path);
    int fd = mkostemp(tmp, O_CLOEXEC);
    bool ok = fd >= 0 && fchmod(fd, fd_site_file_mode()) == 0 &&
              write(fd, fresh, sizeof fresh) == (ssize_t)sizeof fresh && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    bool linked = ok && link(tmp, path) == 0;
    int link_errno = errno;
    if (fd >= 0)
        unlink(tmp);
    free(tmp);
    fd_status s;
    if (linked) {
        memcpy(out, fresh, sizeof fresh);
        s = FD_OK;
    } else if (ok && link_errno == EEXIST) {
        s = read_pepper(path, out, err);
    } else {
        s = fd_fail(err, FD_IO, NULL, _("Cannot write the PIN pepper %s: %s"), path,
                    strerror(link_errno));
    }
    sodium_memzero(fresh, sizeof fresh);
    return s;
}

fd_status fd_pepper_read(const fd_desk *d, bool create, unsigned char out[FD_PEPPER_SIZE],
                         fd_error *err)
{
    char *path = fd_desk_pepper_path(fd_store_path(d->store));
    fd_status s = read_pepper(path, out, create ? NULL : err);
    if (s == FD_NOT_FOUND && create)
        s = make_pepper(path, out, err);
    else if (s != FD_OK && create)
        s = read_pepper(path, out, err); /* to say what is wrong with it */
    free(path);
    return s;
}
