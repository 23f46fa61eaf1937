/* SQLite writes a commit to the write-ahead log one frame at a time, each as two
 * system calls (the frame's 24-byte header, then its page): a visitor's registration
 * commits 14 pages, 28 calls, which were a third of its CPU on the development VM.
 * This VFS gathers a log's consecutive writes in memory and hands them to the
 * platform's VFS as one write when SQLite next syncs, reads, sizes, truncates or
 * closes the log.
 *
 * Nothing SQLite relies on moves. A frame counts once the log's index names it, and
 * with synchronous=FULL (which every store connection sets before it writes) SQLite
 * syncs the log before it publishes the index, so the frames are in the file first,
 * and a failure to write them is the sync's failure: the commit fails as it would
 * have. Every other access to the log writes what is gathered first, so the file
 * reads as if each write had gone straight through. A transaction that ends without a
 * commit leaves what it wrote beyond the log's end, where the next writer (perhaps
 * another terminal) writes its own frames: what it gathered is written before its
 * database gives up the log's write lock, never over the next writer's frames. A log
 * whose database this VFS did not open is not gathered. A crash loses what was
 * gathered, as it would lose writes that had not been synced. */
#include "store/walbatch.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

/* A commit of up to 29 pages of 4 KiB, frame headers included, in one write: the
 * unix VFS takes at most 128 KiB a write (it masks a longer length to 17 bits). */
enum { GATHER_BYTES = 120 * 1024 };

/* The WAL-index lock a connection holds while it writes the log (SQLite's
 * WAL_WRITE_LOCK). */
enum { LOG_WRITE_LOCK = 0 };

typedef struct batch_file batch_file;
struct batch_file {
    sqlite3_file base;
    sqlite3_file *real;       /* the platform VFS's file, allocated at open */
    const char *name;         /* a database's, as SQLite named it at open */
    batch_file *log;          /* a database's log, once opened */
    batch_file *db;           /* a log's database: its writes are gathered */
    batch_file *next;         /* the next open database */
    unsigned char *gathered;  /* GATHER_BYTES, from the log's first write */
    int len;
    sqlite3_int64 at;         /* where gathered[0] goes in the file */
};

static sqlite3_vfs batch_vfs;
/* Every database open through this VFS, for its log to find at open. */
static batch_file *databases;
static pthread_mutex_t databases_lock = PTHREAD_MUTEX_INITIALIZER;

static sqlite3_file *real_of(sqlite3_file *file)
{
    return ((batch_file *)file)->real;
}

static int write_gathered(batch_file *f)
{
    if (f->len == 0)
        return SQLITE_OK;
    int rc = f->real->pMethods->xWrite(f->real, f->gathered, f->len, f->at);
    f->len = 0;
    return rc;
}

static bool gather(batch_file *f, const void *data, int amount, sqlite3_int64 offset)
{
    if (!f->gathered && !(f->gathered = sqlite3_malloc(GATHER_BYTES)))
        return false;
    if (f->len == 0)
        f->at = offset;
    memcpy(f->gathered + f->len, data, (size_t)amount);
    f->len += amount;
    return true;
}

static int batch_write(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    batch_file *f = (batch_file *)file;
    if (!f->db)
        return f->real->pMethods->xWrite(f->real, data, amount, offset);
    bool follows = f->len == 0 || offset == f->at + f->len;
    if (follows && f->len + amount <= GATHER_BYTES && gather(f, data, amount, offset))
        return SQLITE_OK;
    int rc = write_gathered(f);
    if (rc != SQLITE_OK)
        return rc;
    if (amount <= GATHER_BYTES && gather(f, data, amount, offset))
        return SQLITE_OK;
    return f->real->pMethods->xWrite(f->real, data, amount, offset);
}

static int batch_read(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset)
{
    int rc = write_gathered((batch_file *)file);
    return rc == SQLITE_OK ? real_of(file)->pMethods->xRead(real_of(file), data, amount, offset) : rc;
}

static int batch_sync(sqlite3_file *file, int flags)
{
    int rc = write_gathered((batch_file *)file);
    return rc == SQLITE_OK ? real_of(file)->pMethods->xSync(real_of(file), flags) : rc;
}

static int batch_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    int rc = write_gathered((batch_file *)file);
    return rc == SQLITE_OK ? real_of(file)->pMethods->xTruncate(real_of(file), size) : rc;
}

static int batch_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    int rc = write_gathered((batch_file *)file);
    return rc == SQLITE_OK ? real_of(file)->pMethods->xFileSize(real_of(file), size) : rc;
}

/* A database forgets its log, a log its database, and a database leaves the list. */
static void unlink_file(batch_file *f)
{
    pthread_mutex_lock(&databases_lock);
    if (f->db)
        f->db->log = NULL;
    if (f->log)
        f->log->db = NULL;
    for (batch_file **p = &databases; *p; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            break;
        }
    pthread_mutex_unlock(&databases_lock);
}

static int batch_close(sqlite3_file *file)
{
    batch_file *f = (batch_file *)file;
    unlink_file(f);
    int rc = write_gathered(f);
    int closed = f->real->pMethods->xClose(f->real);
    sqlite3_free(f->gathered);
    sqlite3_free(f->real);
    return rc != SQLITE_OK ? rc : closed;
}

/* ---- the rest goes straight through ---- */

static int batch_lock(sqlite3_file *file, int level)
{
    return real_of(file)->pMethods->xLock(real_of(file), level);
}

static int batch_unlock(sqlite3_file *file, int level)
{
    return real_of(file)->pMethods->xUnlock(real_of(file), level);
}

static int batch_check_reserved(sqlite3_file *file, int *out)
{
    return real_of(file)->pMethods->xCheckReservedLock(real_of(file), out);
}

static int batch_file_control(sqlite3_file *file, int op, void *arg)
{
    return real_of(file)->pMethods->xFileControl(real_of(file), op, arg);
}

static int batch_sector_size(sqlite3_file *file)
{
    return real_of(file)->pMethods->xSectorSize(real_of(file));
}

static int batch_device_characteristics(sqlite3_file *file)
{
    return real_of(file)->pMethods->xDeviceCharacteristics(real_of(file));
}

static int batch_shm_map(sqlite3_file *file, int page, int page_size, int extend,
                         void volatile **out)
{
    return real_of(file)->pMethods->xShmMap(real_of(file), page, page_size, extend, out);
}

static int batch_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    batch_file *f = (batch_file *)file;
    bool gives_up_writing = (flags & SQLITE_SHM_UNLOCK) && offset <= LOG_WRITE_LOCK &&
                            LOG_WRITE_LOCK < offset + n;
    /* Past the log's end, while no other writer can be there: a failure leaves
     * nothing any reader looks at, and the write lock is given up regardless. */
    if (gives_up_writing && f->log)
        write_gathered(f->log);
    return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void batch_shm_barrier(sqlite3_file *file)
{
    real_of(file)->pMethods->xShmBarrier(real_of(file));
}

static int batch_shm_unmap(sqlite3_file *file, int delete_flag)
{
    return real_of(file)->pMethods->xShmUnmap(real_of(file), delete_flag);
}

static int batch_fetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
    return real_of(file)->pMethods->xFetch(real_of(file), offset, amount, out);
}

static int batch_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *page)
{
    return real_of(file)->pMethods->xUnfetch(real_of(file), offset, page);
}

/* Version 3, as the platform's: WAL needs the shared-memory methods. */
static const sqlite3_io_methods batch_io = {
    3,
    batch_close,
    batch_read,
    batch_write,
    batch_truncate,
    batch_sync,
    batch_file_size,
    batch_lock,
    batch_unlock,
    batch_check_reserved,
    batch_file_control,
    batch_sector_size,
    batch_device_characteristics,
    batch_shm_map,
    batch_shm_lock,
    batch_shm_barrier,
    batch_shm_unmap,
    batch_fetch,
    batch_unfetch,
};

/* The platform's VFS is looked up at each open, not once: a test that installs a
 * failing VFS as the default after the first store was opened still reaches it. */
/* SQLite names a log with a pointer into its database's name, which
 * sqlite3_filename_database() finds: the database opened under that very name. */
static void link_file(batch_file *f, const char *name, int flags)
{
    pthread_mutex_lock(&databases_lock);
    if (flags & SQLITE_OPEN_MAIN_DB) {
        f->name = name;
        f->next = databases;
        databases = f;
    } else if ((flags & SQLITE_OPEN_WAL) && name) {
        const char *db_name = sqlite3_filename_database(name);
        for (batch_file *d = databases; d && !f->db; d = d->next)
            if (d->name == db_name && !d->log) {
                d->log = f;
                f->db = d;
            }
    }
    pthread_mutex_unlock(&databases_lock);
}

static int batch_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                      int *out_flags)
{
    (void)vfs;
    batch_file *f = (batch_file *)file;
    sqlite3_vfs *real_vfs = sqlite3_vfs_find(NULL);
    *f = (batch_file){0};
    if (!(f->real = sqlite3_malloc(real_vfs->szOsFile)))
        return SQLITE_NOMEM;
    memset(f->real, 0, (size_t)real_vfs->szOsFile);
    int rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
    if (!f->real->pMethods) {
        sqlite3_free(f->real);
        f->real = NULL;
        return rc == SQLITE_OK ? SQLITE_CANTOPEN : rc;
    }
    /* SQLite closes a file whose methods are set, even when opening failed. */
    f->base.pMethods = &batch_io;
    link_file(f, name, flags);
    return rc;
}

static bool registered;

static void register_vfs(void)
{
    sqlite3_vfs *platform = sqlite3_vfs_find(NULL);
    if (!platform)
        return;
    /* Paths, randomness, time and system calls are the platform's own. */
    batch_vfs = *platform;
    batch_vfs.zName = "frontdesk-walbatch";
    batch_vfs.szOsFile = (int)sizeof(batch_file);
    batch_vfs.xOpen = batch_open;
    batch_vfs.pNext = NULL;
    registered = sqlite3_vfs_register(&batch_vfs, 0) == SQLITE_OK;
}

const char *fd_walbatch_vfs(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, register_vfs);
    return registered ? batch_vfs.zName : NULL;
}
