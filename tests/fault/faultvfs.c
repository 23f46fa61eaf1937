/* The failing VFS: see faultvfs.h. */
#include "faultvfs.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct fault_file {
    sqlite3_file base;
    sqlite3_file *real; /* the "unix" file, allocated right after this struct */
    const char *kind;   /* "db" or "wal": the files whose faults we test; else NULL */
    unsigned shm_held;  /* WAL-index lock slots this connection holds, one bit each */
} fault_file;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;

static struct {
    int fail_at;  /* 0: disarmed */
    int calls;
    bool persist;
    bool fired;
    char failed_call[32]; /* the first one that failed */
} armed;

static int shm_locks; /* slots held, summed over every open file */

void faultvfs_arm(int n, faultvfs_mode mode)
{
    armed.fail_at = n;
    armed.calls = 0;
    armed.persist = mode == FAULTVFS_PERSIST;
    armed.fired = false;
    armed.failed_call[0] = '\0';
}

void faultvfs_disarm(void)
{
    armed.fail_at = 0;
}

bool faultvfs_fired(void)
{
    return armed.fired;
}

const char *faultvfs_failed_call(void)
{
    return armed.failed_call;
}

int faultvfs_shm_locks(void)
{
    return shm_locks;
}

static sqlite3_file *real_of(sqlite3_file *file)
{
    return ((fault_file *)file)->real;
}

/* Counts one call of a faultable method and says whether it fails. */
static bool fails(sqlite3_file *file, const char *method)
{
    const char *kind = ((fault_file *)file)->kind;
    if (armed.fail_at == 0 || !kind)
        return false;
    armed.calls++;
    if (armed.calls < armed.fail_at || (!armed.persist && armed.calls > armed.fail_at))
        return false;
    if (!armed.fired)
        snprintf(armed.failed_call, sizeof armed.failed_call, "%s %s", method, kind);
    armed.fired = true;
    return true;
}

/* ---- the faultable methods ---- */

static int fault_write(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    if (fails(file, "write"))
        return SQLITE_IOERR_WRITE;
    return real_of(file)->pMethods->xWrite(real_of(file), data, amount, offset);
}

static int fault_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    if (fails(file, "truncate"))
        return SQLITE_IOERR_TRUNCATE;
    return real_of(file)->pMethods->xTruncate(real_of(file), size);
}

/* A sync that does not fail reports success without reaching the disk. What this VFS
 * tests is what the program does with an error; whether a commit survives a power cut
 * is the crash test's, on the real VFS. Real syncs made each attempt wait for the disk
 * several times and the test take minutes. Every process reads the same page cache,
 * so nothing the test looks at changes. */
static int fault_sync(sqlite3_file *file, int flags)
{
    (void)flags;
    if (fails(file, "sync"))
        return SQLITE_IOERR_FSYNC;
    return SQLITE_OK;
}

static int fault_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    if (fails(file, "size"))
        return SQLITE_IOERR_FSTAT;
    return real_of(file)->pMethods->xFileSize(real_of(file), size);
}

static int fault_lock(sqlite3_file *file, int level)
{
    if (fails(file, "lock"))
        return SQLITE_IOERR_LOCK;
    return real_of(file)->pMethods->xLock(real_of(file), level);
}

/* ---- the rest goes straight through ---- */

static int fault_close(sqlite3_file *file)
{
    shm_locks -= __builtin_popcount(((fault_file *)file)->shm_held);
    return real_of(file)->pMethods->xClose(real_of(file));
}

static int fault_read(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset)
{
    return real_of(file)->pMethods->xRead(real_of(file), data, amount, offset);
}

static int fault_unlock(sqlite3_file *file, int level)
{
    return real_of(file)->pMethods->xUnlock(real_of(file), level);
}

static int fault_check_reserved(sqlite3_file *file, int *out)
{
    return real_of(file)->pMethods->xCheckReservedLock(real_of(file), out);
}

static int fault_file_control(sqlite3_file *file, int op, void *arg)
{
    return real_of(file)->pMethods->xFileControl(real_of(file), op, arg);
}

static int fault_sector_size(sqlite3_file *file)
{
    return real_of(file)->pMethods->xSectorSize(real_of(file));
}

static int fault_device_characteristics(sqlite3_file *file)
{
    return real_of(file)->pMethods->xDeviceCharacteristics(real_of(file));
}

static int fault_shm_map(sqlite3_file *file, int page, int page_size, int extend,
                         void volatile **out)
{
    return real_of(file)->pMethods->xShmMap(real_of(file), page, page_size, extend, out);
}

/* Taking a WAL-index lock is how a WAL connection begins to read or write (the file
 * lock is held from open to close), so it counts as a lock; releasing never fails.
 * What is held is tallied: a connection between transactions holds nothing, so a slot
 * still held after an operation is a transaction or a statement left open. */
static int fault_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    fault_file *f = (fault_file *)file;
    bool release = (flags & SQLITE_SHM_UNLOCK) != 0;
    if (!release && fails(file, "shmlock"))
        return SQLITE_IOERR_SHMLOCK;
    int rc = f->real->pMethods->xShmLock(f->real, offset, n, flags);
    unsigned slots = ((1u << n) - 1) << offset;
    if (rc != SQLITE_OK)
        return rc;
    if (release) {
        shm_locks -= __builtin_popcount(f->shm_held & slots);
        f->shm_held &= ~slots;
    } else {
        shm_locks += __builtin_popcount(slots & ~f->shm_held);
        f->shm_held |= slots;
    }
    return rc;
}

static void fault_shm_barrier(sqlite3_file *file)
{
    real_of(file)->pMethods->xShmBarrier(real_of(file));
}

static int fault_shm_unmap(sqlite3_file *file, int delete_flag)
{
    return real_of(file)->pMethods->xShmUnmap(real_of(file), delete_flag);
}

static int fault_fetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
    return real_of(file)->pMethods->xFetch(real_of(file), offset, amount, out);
}

static int fault_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *page)
{
    return real_of(file)->pMethods->xUnfetch(real_of(file), offset, page);
}

/* Version 3, like "unix": WAL needs the shared-memory methods. */
static const sqlite3_io_methods fault_io = {
    3,
    fault_close,
    fault_read,
    fault_write,
    fault_truncate,
    fault_sync,
    fault_file_size,
    fault_lock,
    fault_unlock,
    fault_check_reserved,
    fault_file_control,
    fault_sector_size,
    fault_device_characteristics,
    fault_shm_map,
    fault_shm_lock,
    fault_shm_barrier,
    fault_shm_unmap,
    fault_fetch,
    fault_unfetch,
};

static int fault_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                      int *out_flags)
{
    (void)vfs;
    fault_file *f = (fault_file *)file;
    f->real = (sqlite3_file *)(f + 1);
    f->kind = (flags & SQLITE_OPEN_MAIN_DB) ? "db" : (flags & SQLITE_OPEN_WAL) ? "wal" : NULL;
    f->shm_held = 0;
    int rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
    /* SQLite closes a file whose methods are set, even when opening failed. */
    f->base.pMethods = f->real->pMethods ? &fault_io : NULL;
    return rc;
}

void faultvfs_install(void)
{
    if (real_vfs)
        return;
    real_vfs = sqlite3_vfs_find("unix");
    if (!real_vfs) {
        fprintf(stderr, "faultvfs: no \"unix\" VFS to wrap\n");
        abort();
    }
    /* The other methods (paths, randomness, time, system calls) are unix's own. */
    fault_vfs = *real_vfs;
    fault_vfs.zName = "faultvfs";
    fault_vfs.szOsFile = (int)sizeof(fault_file) + real_vfs->szOsFile;
    fault_vfs.xOpen = fault_open;
    if (sqlite3_vfs_register(&fault_vfs, 1) != SQLITE_OK) {
        fprintf(stderr, "faultvfs: cannot register\n");
        abort();
    }
}
