/* Writer processes and the checks after them: see writers.h. */
#include "writers.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/audit.h"
#include "frontdesk/desk.h"

double writers_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- processes ---- */

/* A writer dies with its parent: a failed assertion must not leave it writing on. */
static _Noreturn void exec_writer(char *const argv[], pid_t parent, int out)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(127);
    if (out >= 0 && dup2(out, STDOUT_FILENO) < 0)
        _exit(127);
    execv(FAULT_WRITER_BIN, argv);
    perror(FAULT_WRITER_BIN);
    _exit(127);
}

static pid_t spawn(char *const argv[], int out)
{
    pid_t parent = getpid();
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
        exec_writer(argv, parent, out);
    return pid;
}

void writer_setup(const char *db)
{
    char *argv[] = {"crash_writer", (char *)db, "setup", NULL};
    writer_proc p = {.pid = spawn(argv, -1), .out = -1};
    int status = writer_wait(&p);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "crash_writer setup failed");
}

void writer_start(writer_proc *p, const char *db, int k, uint64_t seed, int seconds)
{
    char k_text[16], seed_text[24], seconds_text[16];
    snprintf(k_text, sizeof k_text, "%d", k);
    snprintf(seed_text, sizeof seed_text, "%llu", (unsigned long long)seed);
    snprintf(seconds_text, sizeof seconds_text, "%d", seconds);
    char *argv[] = {"crash_writer", (char *)db, "write", k_text, seed_text, seconds_text, NULL};
    int fds[2];
    /* Close-on-exec, so no other writer holds this pipe open and hides its end. */
    ck_assert_int_eq(pipe2(fds, O_CLOEXEC), 0);
    *p = (writer_proc){.pid = spawn(argv, fds[1]), .out = fds[0]};
    close(fds[1]);
}

int writer_wait(writer_proc *p)
{
    int status = 0;
    while (waitpid(p->pid, &status, 0) < 0)
        ck_assert_int_eq(errno, EINTR);
    return status;
}

/* ---- what they print ---- */

static void log_row(ack_log *log, char kind, int64_t id)
{
    if (log->row_count == log->row_cap) {
        log->row_cap = log->row_cap ? 2 * log->row_cap : 256;
        log->rows = realloc(log->rows, log->row_cap * sizeof *log->rows);
        ck_assert_ptr_nonnull(log->rows);
    }
    log->rows[log->row_count++] = (row_ack){kind, id};
}

static void log_login(ack_log *log, const char *number, const char *outcome)
{
    size_t i = 0;
    while (i < log->login_count &&
           (strcmp(log->logins[i].number, number) || strcmp(log->logins[i].outcome, outcome)))
        i++;
    if (i == log->login_count) {
        ck_assert_uint_lt(i, MAX_LOGIN_ACKS);
        log->login_count++;
        snprintf(log->logins[i].number, sizeof log->logins[i].number, "%s", number);
        snprintf(log->logins[i].outcome, sizeof log->logins[i].outcome, "%s", outcome);
    }
    log->logins[i].count++;
}

static void log_stats(ack_log *log, const char *line)
{
    long writes;
    double max_ms, mean_ms;
    int used = 0;
    ck_assert_msg(sscanf(line, "stats writes=%ld max_ms=%lf mean_ms=%lf hist=%n", &writes, &max_ms,
                         &mean_ms, &used) == 3 && used > 0,
                  "bad statistics: %s", line);
    const char *p = line + used;
    for (int b = 0; b < LATENCY_BUCKETS; b++) {
        char *end;
        log->latencies[b] += strtol(p, &end, 10);
        ck_assert_msg(end != p, "bad histogram: %s", line);
        p = *end == ',' ? end + 1 : end;
    }
    log->finished++;
    log->writes += writes;
    log->total_ms += mean_ms * (double)writes;
    if (max_ms > log->max_ms)
        log->max_ms = max_ms;
}

static void log_line(ack_log *log, const char *line)
{
    long long id;
    char number[16], outcome[16];
    if (sscanf(line, "correction %lld", &id) == 1)
        log_row(log, 'c', id);
    else if (sscanf(line, "event %lld", &id) == 1)
        log_row(log, 'e', id);
    else if (sscanf(line, "login %15s %15s", number, outcome) == 2)
        log_login(log, number, outcome);
    else if (strncmp(line, "stats ", 6) == 0)
        log_stats(log, line);
    else
        ck_abort_msg("crash_writer printed something else: %s", line);
}

long ack_log_total(const ack_log *log)
{
    long n = (long)log->row_count;
    for (size_t i = 0; i < log->login_count; i++)
        n += log->logins[i].count;
    return n;
}

/* A line cut short by the kill was never acknowledged: only whole lines count. */
static void take_output(writer_proc *p, ack_log *log)
{
    ssize_t n = read(p->out, p->line + p->len, sizeof p->line - 1 - p->len);
    if (n < 0 && errno == EINTR)
        return;
    if (n <= 0) {
        close(p->out);
        p->out = -1;
        return;
    }
    p->len += (size_t)n;
    char *start = p->line, *end;
    while ((end = memchr(start, '\n', p->len - (size_t)(start - p->line)))) {
        *end = '\0';
        log_line(log, start);
        start = end + 1;
    }
    p->len -= (size_t)(start - p->line);
    memmove(p->line, start, p->len);
    ck_assert_msg(p->len < sizeof p->line - 1, "crash_writer printed an endless line");
}

void writers_read(writer_proc *ps, size_t n, ack_log *log, double deadline_ms)
{
    struct pollfd fds[64];
    ck_assert_uint_le(n, 64);
    for (;;) {
        size_t open = 0;
        for (size_t i = 0; i < n; i++)
            if (ps[i].out >= 0)
                fds[open++] = (struct pollfd){.fd = ps[i].out, .events = POLLIN};
        double left = deadline_ms ? deadline_ms - writers_now_ms() : -1;
        if (open == 0 || (deadline_ms && left <= 0))
            return;
        int ready = poll(fds, open, deadline_ms ? (int)left + 1 : -1);
        ck_assert_msg(ready >= 0 || errno == EINTR, "poll: %s", strerror(errno));
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; ready > 0 && j < open; j++)
                if (fds[j].fd == ps[i].out && fds[j].revents)
                    take_output(&ps[i], log);
    }
}

void ack_log_free(ack_log *log)
{
    free(log->rows);
    *log = (ack_log){0};
}

/* ---- the checks ---- */

static void assert_integrity(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
}

static int64_t count_of(sqlite3_stmt *st)
{
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

static void assert_rows_present(sqlite3 *db, const ack_log *log)
{
    sqlite3_stmt *correction = NULL, *event = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM correction WHERE id = ?", -1,
                                        &correction, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM event WHERE id = ?", -1, &event,
                                        NULL),
                     SQLITE_OK);
    for (size_t i = 0; i < log->row_count; i++) {
        const row_ack *a = &log->rows[i];
        sqlite3_stmt *st = a->kind == 'c' ? correction : event;
        sqlite3_bind_int64(st, 1, a->id);
        ck_assert_msg(count_of(st) == 1, "acknowledged %s %lld is missing",
                      a->kind == 'c' ? "correction" : "event", (long long)a->id);
    }
    sqlite3_finalize(correction);
    sqlite3_finalize(event);
}

/* At least as many of each outcome as were acknowledged: a kill after the commit and
 * before the line leaves one more. */
static void assert_logins_present(sqlite3 *db, const ack_log *log)
{
    sqlite3_stmt *st = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM login_event e JOIN staff s "
                                        "ON s.id = e.staff_id WHERE s.number = ? AND e.outcome = ?",
                                        -1, &st, NULL),
                     SQLITE_OK);
    for (size_t i = 0; i < log->login_count; i++) {
        const login_ack *a = &log->logins[i];
        sqlite3_bind_text(st, 1, a->number, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, a->outcome, -1, SQLITE_STATIC);
        int64_t found = count_of(st);
        ck_assert_msg(found >= a->count, "%s: %ld %s acknowledged, %lld recorded", a->number,
                      a->count, a->outcome, (long long)found);
    }
    sqlite3_finalize(st);
}

static void report_problem(void *ctx, const char *problem)
{
    (void)ctx;
    fprintf(stderr, "verify: %s\n", problem);
}

static void assert_verifies(const char *path)
{
    fd_config config = {.pin_max_failures = 3};
    fd_desk *desk = NULL;
    fd_error err = {0};
    ck_assert_msg(fd_desk_open(path, 0, &config, fd_clock_default(), &desk, &err) == FD_OK, "%s",
                  err.message);
    fd_verify_result r;
    fd_status s = fd_verify(desk, NULL, report_problem, NULL, &r, &err);
    fd_desk_close(desk);
    ck_assert_msg(s == FD_OK, "verify: %s", err.message);
}

void check_database(const char *path, const ack_log *log)
{
    assert_verifies(path);
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_integrity(db);
    assert_rows_present(db, log);
    assert_logins_present(db, log);
    sqlite3_close(db);
}
