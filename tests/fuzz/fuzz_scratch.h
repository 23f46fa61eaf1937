/* A scratch directory for a fuzz target, on /dev/shm when there is one (fsync there
 * costs nothing), removed when the process exits normally. */
#ifndef FRONTDESK_FUZZ_SCRATCH_H
#define FRONTDESK_FUZZ_SCRATCH_H

/* Creates the directory once; returns path inside it (static storage). */
const char *fuzz_scratch_path(const char *name);

#endif
