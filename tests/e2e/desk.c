/* The demo desk of the end-to-end tests: see desk.h. */
#include "desk.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How often desk_quit looks whether the console has ended or asks something. */
enum { QUIT_POLL_MS = 100 };

static char scratch[] = "/tmp/fd-XXXXXX";

const char *desk_bin(void)
{
    const char *bin = getenv("FRONTDESK_BIN");
    ck_assert_msg(bin && *bin, "FRONTDESK_BIN is not set");
    return bin;
}

long desk_elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

void desk_write_config(const desk *d, const char *config_text)
{
    FILE *f = fopen(d->config, "w");
    ck_assert_ptr_nonnull(f);
    fputs(config_text, f);
    ck_assert_int_eq(fclose(f), 0);
}

void desk_set_now(desk *d, const char *now)
{
    snprintf(d->now, sizeof d->now, "FRONTDESK_NOW=%s", now);
}

void desk_make(desk *d, const char *now, const char *config_text)
{
    snprintf(d->dir, sizeof d->dir, "%s/XXXXXX", scratch);
    ck_assert_ptr_nonnull(mkdtemp(d->dir));
    snprintf(d->db, sizeof d->db, "%s/demo.db", d->dir);
    snprintf(d->config, sizeof d->config, "%s/frontdesk.cfg", d->dir);
    snprintf(d->data, sizeof d->data, "XDG_DATA_HOME=%s", d->dir);
    /* Not above the reports, so a report's path is shown in full, not as "~/…". */
    snprintf(d->home, sizeof d->home, "HOME=%s/home", d->dir);
    desk_set_now(d, now);
    desk_write_config(d, config_text);
    const char *const args[] = {"demo", NULL};
    ck_assert_int_eq(desk_cli(d, args, NULL, NULL), 0);
}

/* Runs in the forked child: the command's environment and standard files, then exec. */
static void exec_cli(const desk *d, const char *const argv[], const char *pin, int out_fd)
{
    int null = open("/dev/null", O_WRONLY);
    dup2(out_fd >= 0 ? out_fd : null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    putenv((char *)d->now);
    setenv("LANGUAGE", "en", 1);
    setenv("FRONTDESK_CONFIG", d->config, 1);
    if (pin)
        setenv("FRONTDESK_PIN", pin, 1);
    execv(argv[0], (char *const *)argv);
    _exit(127);
}

/* Everything read from fd until its end, NUL-terminated (caller frees). */
static char *read_all(int fd)
{
    size_t used = 0, size = 1 << 16;
    char *text = malloc(size);
    ck_assert_ptr_nonnull(text);
    ssize_t n;
    while ((n = read(fd, text + used, size - 1 - used)) > 0) {
        used += (size_t)n;
        if (size - 1 - used < 4096) {
            text = realloc(text, size *= 2);
            ck_assert_ptr_nonnull(text);
        }
    }
    text[used] = '\0';
    return text;
}

int desk_cli(const desk *d, const char *const args[], const char *pin, char **out)
{
    const char *argv[32] = {desk_bin(), "--db", d->db};
    size_t n = 3;
    for (size_t i = 0; args[i]; i++) {
        ck_assert_uint_lt(n, sizeof argv / sizeof argv[0] - 1);
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    int pipe_fd[2];
    ck_assert_int_eq(pipe(pipe_fd), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(pipe_fd[0]);
        exec_cli(d, argv, pin, out ? pipe_fd[1] : -1);
    }
    close(pipe_fd[1]);
    if (out)
        *out = read_all(pipe_fd[0]);
    close(pipe_fd[0]);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

vt_term *desk_console(const desk *d, const char *language, const char *const extra_env[], int rows,
                      int cols)
{
    char lang[32];
    snprintf(lang, sizeof lang, "LANGUAGE=%s", language ? language : "");
    const char *env[16] = {d->now, d->data, d->home};
    size_t n = 3;
    if (language)
        env[n++] = lang;
    for (size_t i = 0; extra_env && extra_env[i]; i++) {
        ck_assert_uint_lt(n, sizeof env / sizeof env[0] - 1);
        env[n++] = extra_env[i];
    }
    env[n] = NULL;
    const char *const argv[] = {desk_bin(), "--db", d->db, "--config", d->config, NULL};
    vt_term *t = vt_spawn(argv, env, rows, cols);
    ck_assert_ptr_nonnull(t);
    return t;
}

vt_term *desk_open(const desk *d)
{
    return desk_console(d, "en", NULL, DESK_ROWS, DESK_COLS);
}

void desk_sign_in(vt_term *t, const char *number, const char *pin)
{
    vt_send(t, number);
    vt_key(t, "Enter");
    vt_send(t, pin);
    vt_key(t, "Enter");
}

void desk_login(vt_term *t, const char *number, const char *pin)
{
    VT_ASSERT_TEXT(t, "Staff number", DESK_WAIT_MS);
    desk_sign_in(t, number, pin);
    VT_ASSERT_TEXT(t, "Main menu", DESK_WAIT_MS);
}

vt_term *desk_open_as(const desk *d, const char *number, const char *pin)
{
    vt_term *t = desk_open(d);
    desk_login(t, number, pin);
    return t;
}

void desk_approve(vt_term *t, const char *number, const char *pin)
{
    VT_ASSERT_TEXT(t, "Supervisor approval", DESK_WAIT_MS);
    desk_sign_in(t, number, pin);
}

void desk_fill(vt_term *t, const char *const values[])
{
    for (size_t i = 0; values[i]; i++) {
        if (i > 0)
            vt_key(t, "Tab");
        vt_send(t, values[i]);
    }
}

void desk_save_anyway(vt_term *t)
{
    vt_key(t, "F2");
    VT_ASSERT_TEXT(t, "Save anyway?", DESK_WAIT_MS);
    VT_ASSERT_TEXT(t, "is not in the directory", DESK_WAIT_MS);
    vt_key(t, "Left");
    vt_key(t, "Enter");
}

bool desk_screen_has(vt_term *t, const char *text)
{
    char *screen = vt_screen(t);
    bool found = strstr(screen, text) != NULL;
    free(screen);
    return found;
}

bool desk_row_has(vt_term *t, int row, const char *text)
{
    char *line = vt_row(t, row);
    bool found = strstr(line, text) != NULL;
    free(line);
    return found;
}

/* The title of the console's confirmation dialog, in English or Chinese. */
static bool asks_to_confirm(vt_term *t)
{
    return desk_screen_has(t, "Please confirm") || desk_screen_has(t, "请确认");
}

/* Reads output until the screen is no longer before (or the console ends): an
 * answer must not be given twice to a dialog that has not gone yet. */
static void wait_for_change(vt_term *t, const char *before)
{
    struct timespec since;
    clock_gettime(CLOCK_MONOTONIC, &since);
    while (vt_wait_exit(t, QUIT_POLL_MS) < 0) {
        char *now = vt_screen(t);
        bool same = strcmp(now, before) == 0;
        free(now);
        if (!same)
            return;
        if (desk_elapsed_ms(&since) > DESK_WAIT_MS)
            VT_FAIL_(t, "the confirmation did not go after it was answered");
    }
}

void desk_quit(vt_term *t)
{
    vt_key(t, "F10");
    struct timespec since;
    clock_gettime(CLOCK_MONOTONIC, &since);
    int status;
    while ((status = vt_wait_exit(t, QUIT_POLL_MS)) < 0) {
        if (asks_to_confirm(t)) {
            /* The safe answer, keeping the work, is highlighted first. */
            char *before = vt_screen(t);
            vt_key(t, "Left");
            vt_key(t, "Enter");
            wait_for_change(t, before);
            free(before);
        } else if (desk_elapsed_ms(&since) > DESK_WAIT_MS) {
            VT_FAIL_(t, "still running %d ms after F10", DESK_WAIT_MS);
        }
    }
    if (status != 0)
        VT_FAIL_(t, "the console quit with status %d", status);
    vt_close(t);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

Suite *desk_suite(const char *name, const TTest *const tests[])
{
    Suite *suite = suite_create(name);
    TCase *tc = tcase_create(name);
    tcase_set_timeout(tc, 120);
    for (size_t i = 0; tests[i]; i++)
        tcase_add_test(tc, tests[i]);
    suite_add_tcase(suite, tc);
    return suite;
}

int desk_main(Suite *suite)
{
    if (!mkdtemp(scratch)) {
        perror(scratch);
        return EXIT_FAILURE;
    }
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    if (failed)
        fprintf(stderr, "e2e: the failed tests' desks (databases, reports) are in %s\n", scratch);
    else
        nftw(scratch, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
