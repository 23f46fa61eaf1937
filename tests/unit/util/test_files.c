/* Files the program writes for people: whole or nothing (outfile), and the signs of
 * life of long work on a terminal, quiet elsewhere (progress). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/outfile.h"
#include "frontdesk/progress.h"
#include "testlib.h"

static int entries_in(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char text[4096];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* Until committed there is nothing under the name; then the whole file, the owner's. */
START_TEST(an_outfile_appears_whole_and_private)
{
    const char *dir = testlib_path("whole");
    mkdir(dir, 0700);
    char path[600];
    snprintf(path, sizeof path, "%s/export.csv", dir);
    fd_error err = {0};
    fd_outfile *o = fd_outfile_open(path, false, &err);
    ck_assert_msg(o, "%s", err.message);
    fputs("李娜,111111\n", fd_outfile_stream(o));
    ck_assert_int_ne(access(path, F_OK), 0);
    ck_assert_int_eq(fd_outfile_commit(o, &err), FD_OK);
    ck_assert_str_eq(slurp(path), "李娜,111111\n");
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    ck_assert_int_eq(entries_in(dir), 1); /* no temporary left beside it */
}
END_TEST

START_TEST(an_abandoned_outfile_leaves_nothing)
{
    const char *dir = testlib_path("abandoned");
    mkdir(dir, 0700);
    char path[600];
    snprintf(path, sizeof path, "%s/export.csv", dir);
    fd_error err = {0};
    fd_outfile *o = fd_outfile_open(path, false, &err);
    fputs("half a file", fd_outfile_stream(o));
    fd_outfile_abandon(o);
    ck_assert_int_eq(entries_in(dir), 0);
}
END_TEST

START_TEST(an_outfile_replaces_only_when_asked)
{
    const char *path = testlib_path("kept.csv");
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    fd_error err = {0};
    ck_assert_ptr_null(fd_outfile_open(path, false, &err));
    ck_assert_int_eq(err.status, FD_CONFLICT);
    ck_assert_str_eq(slurp(path), "old");
    fd_outfile *o = fd_outfile_open(path, true, &err);
    fputs("new", fd_outfile_stream(o));
    ck_assert_int_eq(fd_outfile_commit(o, &err), FD_OK);
    ck_assert_str_eq(slurp(path), "new");
    ck_assert_ptr_null(fd_outfile_open("/nonexistent-folder/x.csv", false, &err));
    ck_assert_int_eq(err.status, FD_IO);
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent-folder/x.csv"));
}
END_TEST

/* ---- progress ---- */

/* Runs progress with standard error on fd, and returns what was written to it. */
static void run_progress(int fd)
{
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    fd_progress *p = fd_progress_start("Backing up", "pages");
    fd_progress_update(p, 1, 100); /* too soon to say anything */
    usleep(700 * 1000);
    fd_progress_update(p, 50, 100);
    fd_progress_end(p);
    dup2(saved, STDERR_FILENO);
    close(saved);
}

START_TEST(progress_shows_on_a_terminal)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    ck_assert_int_ge(master, 0);
    ck_assert_int_eq(grantpt(master), 0);
    ck_assert_int_eq(unlockpt(master), 0);
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    ck_assert_int_ge(slave, 0);
    run_progress(slave);
    char said[512] = "";
    ssize_t n = read(master, said, sizeof said - 1);
    ck_assert_int_gt(n, 0);
    said[n] = '\0';
    ck_assert_msg(strstr(said, "Backing up: 50/100 pages, about "), "%s", said);
    ck_assert_msg(!strstr(said, " 1/100"), "%s", said);
    close(slave);
    close(master);
}
END_TEST

START_TEST(progress_is_quiet_elsewhere)
{
    int pipe_fds[2];
    ck_assert_int_eq(pipe(pipe_fds), 0);
    run_progress(pipe_fds[1]);
    close(pipe_fds[1]);
    char said[64];
    ck_assert_int_eq(read(pipe_fds[0], said, sizeof said), 0);
    close(pipe_fds[0]);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("files");
    TCase *out = tcase_create("outfile");
    tcase_add_test(out, an_outfile_appears_whole_and_private);
    tcase_add_test(out, an_abandoned_outfile_leaves_nothing);
    tcase_add_test(out, an_outfile_replaces_only_when_asked);
    suite_add_tcase(suite, out);
    TCase *progress = tcase_create("progress");
    tcase_add_test(progress, progress_shows_on_a_terminal);
    tcase_add_test(progress, progress_is_quiet_elsewhere);
    suite_add_tcase(suite, progress);
    return testlib_run(suite);
}
