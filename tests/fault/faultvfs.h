/* A test SQLite VFS that wraps the default "unix" one and, once armed, fails the N-th
 * write, sync, lock (of the file or of the WAL index), truncate or size query of a
 * main database or its WAL with the matching SQLITE_IOERR_* code: a disk that fills,
 * a controller that drops a write, a lock that cannot be taken.
 * Everything else (and every call while disarmed) goes straight to "unix", so its
 * locks are the ones every other connection in the process sees — except that a sync
 * not failed returns at once: durability is not what this VFS tests, and real syncs
 * would make the test wait on the disk for minutes. */
#ifndef FRONTDESK_FAULTVFS_H
#define FRONTDESK_FAULTVFS_H

#include <stdbool.h>

typedef enum faultvfs_mode {
    FAULTVFS_ONCE,    /* only the N-th call fails: a transient error */
    FAULTVFS_PERSIST, /* the N-th call and every one after it fail: the disk is gone */
} faultvfs_mode;

/* Registers the VFS as the process's default, under the name "faultvfs". A connection
 * that must not see faults names "unix" when it opens. */
void faultvfs_install(void);

/* Counts calls from now on; the n-th (n >= 1) fails. */
void faultvfs_arm(int n, faultvfs_mode mode);
void faultvfs_disarm(void);
/* Whether a call has failed since the last arming, and which was first ("sync wal"). */
bool faultvfs_fired(void);
const char *faultvfs_failed_call(void);
/* WAL-index lock slots held right now by connections on this VFS. Between
 * transactions a connection holds none. */
int faultvfs_shm_locks(void);

#endif
