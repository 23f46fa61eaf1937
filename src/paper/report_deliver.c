/* Delivering a report: rendered as text or PDF into a file, standard output, a new
 * file among the saved reports, or a CUPS print job. Above both renderers, so the
 * model (report.c) stays below them. */
#include "paper/report_model.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontdesk/i18n.h"
#include "frontdesk/outfile.h"
#include "frontdesk/site.h"

extern char **environ;


typedef enum render_format { RENDER_PDF, RENDER_TEXT } render_format;

static fd_status render(const fd_report *r, render_format format, const fd_report_destination *dest,
                        FILE *out, fd_error *err)
{
    if (format == RENDER_PDF)
        return fd_report_write_pdf(r, out, err);
    return fd_report_write_text(r, dest->text_width, dest->text_lines, out, err);
}

static fd_status io_failure(fd_error *err, const char *path)
{
    return fd_fail(err, FD_IO, NULL, _("Cannot write %s: %s."), path, strerror(errno));
}

/* Renders into fd (which it closes), flushed to disk: paper filed away must survive
 * a power cut as well as the database does. */
static fd_status render_to_fd(const fd_report *r, render_format format,
                              const fd_report_destination *dest, int fd, const char *path,
                              fd_error *err)
{
    FILE *out = fdopen(fd, "wb");
    if (!out) {
        close(fd);
        return io_failure(err, path);
    }
    fd_status s = render(r, format, dest, out, err);
    if (s == FD_OK && (fflush(out) != 0 || fsync(fileno(out)) != 0))
        s = io_failure(err, path);
    if (fclose(out) != 0 && s == FD_OK)
        s = io_failure(err, path);
    return s;
}

/* Writes path whole or not at all, with the user's own rights (frontdesk/outfile.h). */
static fd_status write_file(const fd_report *r, render_format format,
                            const fd_report_destination *dest, const char *path, fd_error *err)
{
    fd_outfile *out = fd_outfile_open(path, true, err);
    if (!out)
        return err ? err->status : FD_IO;
    fd_status s = render(r, format, dest, fd_outfile_stream(out), err);
    if (s != FD_OK) {
        fd_outfile_abandon(out);
        return s;
    }
    return fd_outfile_commit(out, err);
}

static fd_status write_stdout(const fd_report *r, const fd_report_destination *dest, fd_error *err)
{
    fd_status s = render(r, RENDER_TEXT, dest, stdout, err);
    if (s == FD_OK && fflush(stdout) != 0)
        s = io_failure(err, _("standard output"));
    return s;
}

/* mkdir -p, private: reports carry names and (masked) phone numbers. The folder is the
 * user's, made with their own rights. */
static bool make_dirs(char *path)
{
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = '\0';
        fd_user_mkdir(path, 0700);
        *p = '/';
    }
    return fd_user_mkdir(path, 0700) == 0 || errno == EEXIST;
}

static char *reports_dir(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char *dir = xdg && *xdg ? fd_printf("%s/frontdesk/reports", xdg)
                : home && *home ? fd_printf("%s/.local/share/frontdesk/reports", home)
                : NULL;
    if (dir && !make_dirs(dir))
        FD_FREE(dir);
    return dir ? dir : fd_strdup(".");
}

/* Opens a file in dir that nothing has yet: stem.pdf, stem-2.pdf, … (-1 and errno
 * on failure; *path is then the last name tried, or NULL). */
static int open_new_file(const char *dir, const char *stem, char **path)
{
    for (int n = 1; n < 1000; n++) {
        *path = n == 1 ? fd_printf("%s/%s.pdf", dir, stem) : fd_printf("%s/%s-%d.pdf", dir, stem, n);
        int fd = fd_user_open(*path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
        FD_FREE(*path);
    }
    errno = EEXIST;
    return -1;
}

static fd_status save_new_pdf(const fd_report *r, const fd_report_destination *dest,
                              fd_report_delivery *out, fd_error *err)
{
    char *dir = reports_dir();
    char *path = NULL;
    int fd = open_new_file(dir, dest->stem && *dest->stem ? dest->stem : "report", &path);
    fd_status s = fd < 0 ? io_failure(err, path ? path : dir)
                         : render_to_fd(r, RENDER_PDF, dest, fd, path, err);
    if (s == FD_OK) {
        out->path = path;
    } else {
        if (fd >= 0)
            fd_user_unlink(path);
        free(path);
    }
    free(dir);
    return s;
}

/* lp is the person's program, found on their PATH, and runs as them: never with the
 * site's group (a site install is setgid, and a program of theirs named lp would
 * otherwise hold the group and read the data), and with no file of this process open
 * but the job and the pipe back. */
static int spawn_lp(pid_t *pid, int job, int said, char **argv)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, said, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, said, STDERR_FILENO);
    posix_spawn_file_actions_adddup2(&actions, job, STDIN_FILENO);
    posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_RESETIDS);
    int rc = posix_spawnp(pid, "lp", &actions, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    return rc;
}

/* Runs `lp -d printer -t title` on the file open as fd (no shell: the names are data),
 * keeping what it says for the error message. lp reads the job from its standard input,
 * so the file needs no name. */
static fd_status run_lp(const char *printer, const char *title, int fd, fd_error *err)
{
    int pipe_fds[2];
    if (lseek(fd, 0, SEEK_SET) != 0 || pipe2(pipe_fds, O_CLOEXEC) != 0)
        return fd_fail(err, FD_IO, NULL, _("Cannot run lp: %s."), strerror(errno));
    char *argv[] = {"lp", "-d", (char *)printer, "-t", (char *)title, NULL};
    pid_t pid;
    int rc = spawn_lp(&pid, fd, pipe_fds[1], argv);
    close(pipe_fds[1]);
    char said[400] = "";
    size_t used = 0;
    ssize_t n;
    while ((n = read(pipe_fds[0], said + used, sizeof said - 1 - used)) > 0)
        used += (size_t)n;
    said[used] = '\0';
    close(pipe_fds[0]);
    if (rc != 0)
        return fd_fail(err, FD_IO, NULL, _("Cannot run lp (is cups-client installed?): %s."),
                       strerror(rc));
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        continue;
    said[strcspn(said, "\n")] = '\0';
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fd_fail(err, FD_IO, NULL, _("The printer %s did not take the report: %s"), printer,
                       said[0] ? said : _("lp failed"));
    return FD_OK;
}

/* A file for the print job that has no name from the moment it is made (made in
 * $TMPDIR, else /tmp, and unlinked at once; the owner's alone), so a kill leaves nothing
 * behind. */
static int open_nameless_job(void)
{
    const char *base = secure_getenv("TMPDIR");
    char *tmp = fd_printf("%s/frontdesk-print-XXXXXX", base && *base ? base : "/tmp");
    int fd = fd_user_mkstemp(tmp);
    if (fd >= 0)
        fd_user_unlink(tmp);
    free(tmp);
    return fd;
}

static fd_status send_to_printer(const fd_report *r, const fd_report_destination *dest,
                                 const char *printer, fd_report_delivery *out, fd_error *err)
{
    int fd = open_nameless_job();
    int render_fd = fd >= 0 ? dup(fd) : -1;
    fd_status s = render_fd < 0 ? io_failure(err, "/tmp")
                                : render_to_fd(r, RENDER_PDF, dest, render_fd, "/tmp", err);
    if (s == FD_OK)
        s = run_lp(printer, r->title, fd, err);
    if (s == FD_OK)
        out->printer = fd_strdup(printer);
    if (fd >= 0)
        close(fd);
    return s;
}

fd_status fd_report_deliver(const fd_report *r, const fd_config *cfg,
                            const fd_report_destination *dest, fd_report_delivery *out,
                            fd_error *err)
{
    memset(out, 0, sizeof *out);
    if (dest->text_path && strcmp(dest->text_path, "-") == 0)
        return write_stdout(r, dest, err);
    fd_status s = FD_OK;
    if (dest->pdf_path)
        s = write_file(r, RENDER_PDF, dest, dest->pdf_path, err);
    if (s == FD_OK && dest->text_path)
        s = write_file(r, RENDER_TEXT, dest, dest->text_path, err);
    if (dest->pdf_path || dest->text_path) {
        if (s == FD_OK)
            out->path = fd_strdup(dest->pdf_path ? dest->pdf_path : dest->text_path);
        return s;
    }
    const char *printer = dest->save ? NULL
                          : dest->printer && *dest->printer ? dest->printer
                          : cfg && cfg->printer && *cfg->printer ? cfg->printer
                          : NULL;
    return printer ? send_to_printer(r, dest, printer, out, err) : save_new_pdf(r, dest, out, err);
}

void fd_report_delivery_free(fd_report_delivery *d)
{
    FD_FREE(d->path);
    FD_FREE(d->printer);
}
