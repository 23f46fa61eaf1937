/* A file written whole or not at all: until fd_outfile_commit puts it in place, what
 * is written has no name (or, where the filesystem cannot make nameless files, a
 * temporary one beside the target that a failure removes), so a failed export, a full
 * disk or a kill leaves nothing half-written under the name asked for. The file is the
 * owner's alone (0600) and is made with the user's own rights (frontdesk/site.h). */
#ifndef FRONTDESK_OUTFILE_H
#define FRONTDESK_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>
#include "frontdesk/status.h"

typedef struct fd_outfile fd_outfile;

/* Starts a file for path. replace: committing replaces a file already there; else an
 * existing path is refused now (FD_CONFLICT) and at commit. NULL on failure, with err. */
fd_outfile *fd_outfile_open(const char *path, bool replace, fd_error *err);
/* Where to write. */
FILE *fd_outfile_stream(fd_outfile *o);
/* Flushes to disk and puts the file at its path; frees o whatever happens. */
fd_status fd_outfile_commit(fd_outfile *o, fd_error *err);
/* Throws what was written away; frees o. NULL is allowed. */
void fd_outfile_abandon(fd_outfile *o);

#endif
