/* The PIN pepper: a secret of 32 random bytes kept in a file beside the database
 * (PATH.pepper, in the protected directory of a site install), never in the database
 * and never in its backups. Every PIN is hashed after an HMAC under it, so a copy of
 * the database, or a backup, gives nothing to try PINs against offline. Losing the file
 * loses every PIN hashed with it: the recovery in the README (`staff recover`) starts
 * afresh. */
#ifndef FRONTDESK_BASE_PEPPER_H
#define FRONTDESK_BASE_PEPPER_H

#include <stdbool.h>
#include "frontdesk/desk.h"

enum { FD_PEPPER_SIZE = 32 };

/* The pepper of d's database. create: make it if it is missing (a new PIN is about to
 * be hashed); otherwise a missing file is FD_IO, saying how to recover. */
fd_status fd_pepper_read(const fd_desk *d, bool create, unsigned char out[FD_PEPPER_SIZE],
                         fd_error *err);

#endif
