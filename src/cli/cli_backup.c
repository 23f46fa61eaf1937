/* backup and restore: the database with its key, whole or not at all. The PIN pepper
 * stays where it is: a backup that carried it would let whoever has the backup try
 * PINs offline. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "frontdesk/progress.h"
#include "frontdesk/site.h"

/* How long restore waits for the database to be free before it says who has it. */
enum { LOCK_WAIT_MS = 1000 };

/* A backup copies the data out of the protected directory, and a restore replaces it:
 * in a site install both are the system administrator's, like the install itself. */
static int only_root_on_a_site(const char *command)
{
    if (!fd_site_mode() || fd_site_is_root())
        return EX_OK;
    fprintf(stderr, _("frontdesk: on a site install, %s is run by the system administrator "
                      "(root).\n"),
            command);
    return EX_NOPERM;
}

static char *partial_name(const char *path)
{
    return fd_printf("%s.partial-%ld", path, (long)getpid());
}

/* Copies the key file from to a new file to (mode as the site's files). */
static fd_status copy_key_file(const char *from, const char *to, mode_t mode, fd_error *err)
{
    fd_status s = FD_OK;
    FILE *in = fopen(from, "rb");
    int fd = in ? open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) : -1;
    char buf[FD_SECRET_SIZE];
    size_t n = in ? fread(buf, 1, sizeof buf, in) : 0;
    if (!in || fd < 0 || n != sizeof buf || write(fd, buf, n) != (ssize_t)n || fsync(fd) != 0)
        s = fd_fail(err, FD_IO, NULL, _("Cannot copy the key file %s to %s."), from, to);
    if (in)
        fclose(in);
    if (fd >= 0)
        close(fd);
    if (s != FD_OK)
        unlink(to);
    return s;
}

static fd_status copy_key(const char *db_from, const char *key_to, mode_t mode, fd_error *err)
{
    char *from = fd_desk_key_path(db_from);
    fd_status s = copy_key_file(from, key_to, mode, err);
    free(from);
    return s;
}

static fd_status copy_database(fd_desk *d, const char *to, const char *what, fd_error *err)
{
    fd_progress *progress = fd_progress_start(what, _("pages"));
    fd_status s = fd_store_backup(d->store, to, fd_progress_callback, progress, err);
    fd_progress_end(progress);
    return s;
}

/* ---- backup ---- */

/* The copy and its key are made under partial names and put in place key first: the
 * backup's name never stands for a database without its key, nor for half a copy. */
static fd_status back_up(fd_desk *d, const char *db_path, const char *path, fd_error *err)
{
    if (access(path, F_OK) == 0)
        return fd_fail(err, FD_CONFLICT, NULL, _("%s exists already; choose a new file name."), path);
    char *db_tmp = partial_name(path), *key = fd_desk_key_path(path), *key_tmp = partial_name(key);
    fd_status s = copy_database(d, db_tmp, _("Backing up"), err);
    if (s == FD_OK)
        s = copy_key(db_path, key_tmp, 0600, err);
    if (s == FD_OK && rename(key_tmp, key) != 0)
        s = fd_fail(err, FD_IO, NULL, _("Cannot write %s: %s."), key, strerror(errno));
    if (s == FD_OK && link(db_tmp, path) != 0) {
        s = errno == EEXIST ? fd_fail(err, FD_CONFLICT, NULL,
                                      _("%s exists already; choose a new file name."), path)
                            : fd_fail(err, FD_IO, NULL, _("Cannot write %s: %s."), path,
                                      strerror(errno));
        unlink(key);
    }
    unlink(db_tmp);
    unlink(key_tmp);
    free(db_tmp);
    free(key);
    free(key_tmp);
    return s;
}

int cli_backup(cli *c, int argc, char **argv)
{
    if (argc != 2)
        return cli_usage(_("usage: frontdesk backup FILE"));
    int rc = only_root_on_a_site("backup");
    fd_desk *d;
    if (rc != EX_OK || (rc = cli_open_desk(c, FD_STORE_READONLY, &d)) != EX_OK)
        return rc;
    fd_error err = {0};
    if (back_up(d, c->db_path, argv[1], &err) != FD_OK)
        rc = cli_fail(&err);
    else
        printf(_("Backed up %s to %s (and its key file).\n"), c->db_path, argv[1]);
    fd_desk_close(d);
    return rc;
}

/* ---- restore ---- */

static void print_problem(void *ctx, const char *problem)
{
    (void)ctx;
    printf("  %s\n", problem);
}

/* Opens path and checks it against its own audit chain. */
static fd_status verify_database(cli *c, const char *path, int flags, fd_desk **out, fd_error *err)
{
    fd_status s = fd_desk_open(path, flags, c->config, c->clock, out, err);
    fd_verify_result result;
    if (s == FD_OK)
        s = fd_verify(*out, NULL, print_problem, NULL, &result, err);
    if (s != FD_OK) {
        fd_desk_close(*out);
        *out = NULL;
    }
    return s;
}

/* Takes the live database from every other process: a console or command that has it
 * open holds a shared lock on it all the while (WAL), so the exclusive lock is had only
 * when nobody has. Leaving WAL mode on the way folds its WAL back into the file; the
 * file is about to be replaced, and nothing of it must be replayed into the copy put
 * in its place. NULL, with err, when others have it. */
static sqlite3 *take_live(const char *path, fd_error *err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL; /* unreadable: nobody can be using it either */
    }
    sqlite3_busy_timeout(db, LOCK_WAIT_MS);
    int rc = sqlite3_exec(db,
                          "PRAGMA locking_mode = EXCLUSIVE;"
                          "PRAGMA journal_mode = DELETE;"
                          "BEGIN EXCLUSIVE;",
                          NULL, NULL, NULL);
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        sqlite3_close(db);
        fd_fail(err, FD_BUSY, NULL,
                _("%s is open in a console or a command: close every one of them, then restore "
                  "again. Nothing was changed."),
                path);
        return NULL;
    }
    return db; /* a damaged file answers otherwise; it is replaced all the same */
}

/* The WAL and its index of the file being replaced, which SQLite would otherwise
 * replay into the copy. */
static void remove_stale_wal(const char *path)
{
    char *wal = fd_printf("%s-wal", path), *shm = fd_printf("%s-shm", path);
    unlink(wal);
    unlink(shm);
    free(wal);
    free(shm);
}

typedef struct restore_files {
    const char *live;
    char *live_tmp, *key, *key_tmp;
} restore_files;

static fd_status put_in_place(const restore_files *f, fd_error *err)
{
    fd_status s = FD_OK;
    sqlite3 *held = NULL;
    if (access(f->live, F_OK) == 0) {
        fd_error lock_err = {0};
        held = take_live(f->live, &lock_err);
        if (lock_err.status != FD_OK) {
            *err = lock_err;
            return lock_err.status;
        }
    }
    remove_stale_wal(f->live);
    if (rename(f->key_tmp, f->key) != 0 || rename(f->live_tmp, f->live) != 0)
        s = fd_fail(err, FD_IO, NULL, _("Cannot put the backup in place of %s: %s."), f->live,
                    strerror(errno));
    sqlite3_close(held); /* ends the empty transaction on the file replaced */
    return s;
}

/* placed: whether the backup took the live database's place, which is so even when the
 * result then does not verify (behind the anchors of the database it replaced, say:
 * the entries written after the backup are lost, and verify will keep saying so). */
static fd_status restore(cli *c, fd_desk *backup, const restore_files *f, bool *placed,
                         fd_error *err)
{
    fd_status s = copy_database(backup, f->live_tmp, _("Restoring"), err);
    if (s == FD_OK && chmod(f->live_tmp, fd_site_file_mode()) != 0)
        s = fd_fail(err, FD_IO, NULL, _("Cannot write %s: %s."), f->live_tmp, strerror(errno));
    if (s == FD_OK)
        s = copy_key(fd_store_path(backup->store), f->key_tmp, fd_site_file_mode(), err);
    if (s == FD_OK)
        s = put_in_place(f, err);
    *placed = s == FD_OK;
    unlink(f->live_tmp);
    unlink(f->key_tmp);
    fd_desk *restored = NULL;
    if (s == FD_OK)
        s = verify_database(c, f->live, 0, &restored, err);
    fd_desk_close(restored);
    return s;
}

int cli_restore(cli *c, int argc, char **argv)
{
    if (argc != 2)
        return cli_usage(_("usage: frontdesk restore BACKUP"));
    int rc = only_root_on_a_site("restore");
    if (rc != EX_OK)
        return rc;
    fd_error err = {0};
    fd_desk *backup;
    if (verify_database(c, argv[1], FD_STORE_READONLY, &backup, &err) != FD_OK) {
        fprintf(stderr, _("frontdesk: %s does not verify; nothing was changed.\n"), argv[1]);
        return cli_fail(&err);
    }
    restore_files f = {.live = c->db_path, .live_tmp = partial_name(c->db_path),
                       .key = fd_desk_key_path(c->db_path)};
    f.key_tmp = partial_name(f.key);
    bool placed = false;
    fd_status s = restore(c, backup, &f, &placed, &err);
    if (s == FD_OK)
        printf(_("Restored %s from %s (and its key file); it verifies.\n"), c->db_path, argv[1]);
    else if (placed)
        fprintf(stderr, _("frontdesk: %s was restored from %s (and its key file), but does not "
                          "verify: see above. Entries written after the backup was made are "
                          "lost, and verify will go on reporting it.\n"),
                c->db_path, argv[1]);
    if (s != FD_OK)
        rc = cli_fail(&err);
    fd_desk_close(backup);
    free(f.live_tmp);
    free(f.key);
    free(f.key_tmp);
    return rc;
}
