/* Signs of life for long work (backup, restore, import, demo): "done/total" and the time
 * left, on one line of the terminal that is redrawn in place. Nothing at all when
 * standard error is not a terminal, so cron mails only what went wrong. */
#ifndef FRONTDESK_PROGRESS_H
#define FRONTDESK_PROGRESS_H

#include <stdint.h>

#include "frontdesk/status.h"

typedef struct fd_progress fd_progress;

/* what: the work, translated ("Backing up"); unit: what is counted ("pages"). */
fd_progress *fd_progress_start(const char *what, const char *unit);
/* Redraws at most a few times a second. */
void fd_progress_update(fd_progress *p, int64_t done, int64_t total);
/* Clears the line, for a message to be read; the next update draws it again. NULL is
 * allowed. */
void fd_progress_clear(fd_progress *p);
/* Clears the line and frees p. NULL is allowed. */
void fd_progress_end(fd_progress *p);

/* fd_progress_update in the shape of a callback: ctx is the fd_progress, or NULL. */
void fd_progress_callback(void *ctx, int64_t done, int64_t total);
/* The same, for the core's long work: a sink that draws on p (NULL draws nothing). */
fd_progress_sink fd_progress_sink_of(fd_progress *p);

#endif
