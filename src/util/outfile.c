/* Whole-or-nothing output files: see include/frontdesk/outfile.h. */
#include "frontdesk/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/i18n.h"
#include "frontdesk/site.h"

struct fd_outfile {
    FILE *stream;
    char *path;
    char *temporary; /* NULL while the file has no name */
    bool replace;
};

static fd_status cannot_write(fd_error *err, const char *path)
{
    return fd_fail(err, FD_IO, NULL, _("Cannot write %s: %s."), path, strerror(errno));
}

static fd_status exists_already(fd_error *err, const char *path)
{
    return fd_fail(err, FD_CONFLICT, NULL, _("%s exists already; choose a new file name."), path);
}

/* The folder of path ("." for a bare name). Caller frees. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return fd_strdup(".");
    return fd_printf("%.*s", (int)(slash - path) + (slash == path), path);
}

/* A nameless file in the target's folder (Linux's O_TMPFILE), or -1 where the
 * filesystem has none. */
static int open_nameless(const char *path)
{
    char *folder = folder_of(path);
    int fd = fd_user_open(folder, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    free(folder);
    return fd;
}

static int open_temporary(fd_outfile *o)
{
    o->temporary = fd_printf("%s.XXXXXX", o->path);
    int fd = fd_user_mkstemp(o->temporary);
    if (fd < 0)
        FD_FREE(o->temporary);
    return fd;
}

fd_outfile *fd_outfile_open(const char *path, bool replace, fd_error *err)
{
    if (!replace && access(path, F_OK) == 0) {
        exists_already(err, path);
        return NULL;
    }
    fd_outfile *o = fd_alloc(sizeof *o);
    o->path = fd_strdup(path);
    o->replace = replace;
    int fd = open_nameless(path);
    if (fd < 0)
        fd = open_temporary(o);
    if (fd < 0 || !(o->stream = fdopen(fd, "wb"))) {
        cannot_write(err, path);
        if (fd >= 0)
            close(fd);
        fd_outfile_abandon(o);
        return NULL;
    }
    return o;
}

FILE *fd_outfile_stream(fd_outfile *o)
{
    return o->stream;
}

/* link() never replaces, so a file that is to replace another gets a free name of its
 * own first (one mkstemp found), then is renamed over the old one. */
static int link_replacing(const char *from, const char *path)
{
    char *temporary = fd_printf("%s.XXXXXX", path);
    int probe = fd_user_mkstemp(temporary);
    int rc = -1;
    if (probe >= 0) {
        close(probe);
        fd_user_unlink(temporary);
        rc = fd_user_link(from, temporary);
        if (rc == 0 && (rc = fd_user_rename(temporary, path)) != 0)
            fd_user_unlink(temporary);
    }
    free(temporary);
    return rc;
}

/* A nameless file gets its name through /proc, which links what an open descriptor
 * refers to without the privilege that linkat's AT_EMPTY_PATH needs. */
static int name_nameless(fd_outfile *o)
{
    char *self = fd_printf("/proc/self/fd/%d", fileno(o->stream));
    int rc = o->replace ? link_replacing(self, o->path) : fd_user_link(self, o->path);
    free(self);
    return rc;
}

static int name_temporary(fd_outfile *o)
{
    if (o->replace)
        return fd_user_rename(o->temporary, o->path);
    /* link() refuses an existing name, where rename() would replace it. */
    int rc = fd_user_link(o->temporary, o->path);
    if (rc == 0)
        fd_user_unlink(o->temporary);
    return rc;
}

fd_status fd_outfile_commit(fd_outfile *o, fd_error *err)
{
    fd_status s = FD_OK;
    if (fflush(o->stream) != 0 || ferror(o->stream) || fsync(fileno(o->stream)) != 0)
        s = cannot_write(err, o->path);
    else if ((o->temporary ? name_temporary(o) : name_nameless(o)) != 0)
        s = errno == EEXIST ? exists_already(err, o->path) : cannot_write(err, o->path);
    if (s == FD_OK)
        FD_FREE(o->temporary); /* it is the file now, not a leftover */
    fd_outfile_abandon(o);
    return s;
}

void fd_outfile_abandon(fd_outfile *o)
{
    if (!o)
        return;
    if (o->stream)
        fclose(o->stream);
    if (o->temporary)
        fd_user_unlink(o->temporary);
    free(o->temporary);
    free(o->path);
    free(o);
}
