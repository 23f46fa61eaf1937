/* The pseudo-terminal side of the end-to-end harness. The master end is
 * non-blocking and only read after poll() says so, so every wait is bounded by
 * its time-out and sleeps in the kernel while nothing happens. */
#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

extern char **environ;

enum {
    CLOSE_GRACE_MS = 2000,
    /* How long a write may wait for the program to read its input. */
    SEND_TIMEOUT_MS = 10000,
    /* An exit cannot be polled for, so the wait for it looks this often. */
    TICK_MS = 10,
    /* After the exit, how long to wait for the last output when a child of the
     * program keeps the terminal open and so it never hangs up. */
    DRAIN_QUIET_MS = 100,
};

/* A growing byte string, kept NUL-terminated: input queued for the program,
 * or screen text being built. */
typedef struct {
    char *bytes;
    size_t len, cap;
} vt_buffer;

struct vt_term {
    VTerm *vt;
    VTermScreen *screen;
    int fd;
    pid_t pid;
    /* The program side has hung up: no more output will come. */
    bool eof;
    bool reaped;
    int status;
    /* Keys and libvterm's answers to the program's queries, not yet written. */
    vt_buffer to_child;
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* A misused harness is a broken test: stop it loudly. */
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("vt: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

static void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size);
    if (!p)
        die("out of memory");
    return p;
}

static void buffer_append(vt_buffer *b, const char *bytes, size_t len)
{
    if (b->len + len + 1 > b->cap) {
        b->cap = (b->len + len + 1) * 2;
        b->bytes = xrealloc(b->bytes, b->cap);
    }
    memcpy(b->bytes + b->len, bytes, len);
    b->len += len;
    b->bytes[b->len] = '\0';
}

static void buffer_append_codepoint(vt_buffer *b, uint32_t c)
{
    char utf8[4];
    size_t n;
    if (c < 0x80) {
        utf8[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        utf8[0] = (char)(0xC0 | c >> 6);
        utf8[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        utf8[0] = (char)(0xE0 | c >> 12);
        utf8[1] = (char)(0x80 | (c >> 6 & 0x3F));
        utf8[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        utf8[0] = (char)(0xF0 | c >> 18);
        utf8[1] = (char)(0x80 | (c >> 12 & 0x3F));
        utf8[2] = (char)(0x80 | (c >> 6 & 0x3F));
        utf8[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    buffer_append(b, utf8, n);
}

/* Hands the string over to the caller; an empty buffer still gives "". */
static char *buffer_take(vt_buffer *b)
{
    if (!b->bytes)
        buffer_append(b, "", 0);
    char *s = b->bytes;
    *b = (vt_buffer){0};
    return s;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int ms_left(long long deadline)
{
    long long left = deadline - now_ms();
    return left > 0 ? (int)left : 0;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* libvterm calls this from inside vterm_input_write and the keyboard
 * functions; writing here could mean reading more output, so the bytes only
 * queue up until flush_to_child. */
static void queue_to_child(const char *bytes, size_t len, void *user)
{
    vt_term *t = user;
    buffer_append(&t->to_child, bytes, len);
}

/* Feeds whatever output is waiting into the screen; false if none was. */
static bool read_output(vt_term *t)
{
    bool got = false;
    char buf[4096];
    for (;;) {
        ssize_t n = read(t->fd, buf, sizeof buf);
        if (n > 0) {
            vterm_input_write(t->vt, buf, (size_t)n);
            got = true;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            /* Linux says EIO once every slave descriptor is closed. */
            if (n == 0 || errno != EAGAIN)
                t->eof = true;
            return got;
        }
    }
}

static int poll_fd(int fd, short events, int timeout_ms, short *revents)
{
    struct pollfd p = {.fd = fd, .events = events};
    long long deadline = now_ms() + timeout_ms;
    int n;
    while ((n = poll(&p, 1, timeout_ms)) < 0 && errno == EINTR)
        timeout_ms = ms_left(deadline);
    *revents = n > 0 ? p.revents : 0;
    return n;
}

/* Writes the queued bytes. A program busy writing may not read its input
 * until its output is read, so the output is read meanwhile. */
static void flush_to_child(vt_term *t)
{
    long long deadline = now_ms() + SEND_TIMEOUT_MS;
    size_t done = 0;
    while (done < t->to_child.len && !t->eof) {
        ssize_t n = write(t->fd, t->to_child.bytes + done, t->to_child.len - done);
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN)
            break;
        short revents;
        if (poll_fd(t->fd, POLLIN | POLLOUT, ms_left(deadline), &revents) <= 0) {
            fprintf(stderr, "vt: %zu bytes of input still unread after %d ms; dropped\n",
                    t->to_child.len - done, SEND_TIMEOUT_MS);
            break;
        }
        if (revents & (POLLIN | POLLHUP | POLLERR))
            read_output(t);
    }
    t->to_child.len = 0;
}

/* Waits up to timeout_ms for output and reads it; false if none came. */
static bool pump(vt_term *t, int timeout_ms)
{
    if (t->eof) {
        sleep_ms(timeout_ms);
        return false;
    }
    short revents;
    if (poll_fd(t->fd, POLLIN, timeout_ms, &revents) <= 0)
        return false;
    bool got = read_output(t);
    flush_to_child(t);
    return got;
}

static bool cell_at(vt_term *t, int row, int col, VTermScreenCell *cell)
{
    return vterm_screen_get_cell(t->screen, (VTermPos){.row = row, .col = col}, cell) != 0;
}

static void append_row(vt_term *t, int row, vt_buffer *out)
{
    int rows, cols;
    vterm_get_size(t->vt, &rows, &cols);
    size_t start = out->len;
    for (int col = 0; col < cols; col++) {
        VTermScreenCell cell;
        if (!cell_at(t, row, col, &cell))
            break;
        if (cell.chars[0] == 0) {
            buffer_append(out, " ", 1);
            continue;
        }
        for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
            buffer_append_codepoint(out, cell.chars[i]);
        /* The right half of a double-width character has no text of its own. */
        if (cell.width == 2)
            col++;
    }
    while (out->len > start && out->bytes[out->len - 1] == ' ')
        out->bytes[--out->len] = '\0';
}

char *vt_screen(vt_term *t)
{
    int rows, cols;
    vterm_get_size(t->vt, &rows, &cols);
    vt_buffer out = {0};
    for (int row = 0; row < rows; row++) {
        if (row > 0)
            buffer_append(&out, "\n", 1);
        append_row(t, row, &out);
    }
    return buffer_take(&out);
}

char *vt_row(vt_term *t, int row)
{
    int rows, cols;
    vterm_get_size(t->vt, &rows, &cols);
    if (row < 0 || row >= rows)
        die("row %d is off a screen of %d rows", row, rows);
    vt_buffer out = {0};
    append_row(t, row, &out);
    return buffer_take(&out);
}

void vt_cursor(vt_term *t, int *row, int *col)
{
    VTermPos pos;
    vterm_state_get_cursorpos(vterm_obtain_state(t->vt), &pos);
    *row = pos.row;
    *col = pos.col;
}

/* A condition on the screen text that the waits below poll for. */
typedef bool screen_test(const char *screen, const void *arg);

static bool wait_for(vt_term *t, screen_test *test, const void *arg, int timeout_ms)
{
    long long deadline = now_ms() + timeout_ms;
    for (;;) {
        char *screen = vt_screen(t);
        bool ok = test(screen, arg);
        free(screen);
        if (ok)
            return true;
        if (t->eof || ms_left(deadline) == 0)
            return false;
        pump(t, ms_left(deadline));
    }
}

static bool shows(const char *screen, const void *text)
{
    return strstr(screen, text) != NULL;
}

static bool hides(const char *screen, const void *text)
{
    return strstr(screen, text) == NULL;
}

bool vt_wait_text(vt_term *t, const char *text, int timeout_ms)
{
    return wait_for(t, shows, text, timeout_ms);
}

bool vt_wait_gone(vt_term *t, const char *text, int timeout_ms)
{
    return wait_for(t, hides, text, timeout_ms);
}

typedef struct {
    int row;
    const char *expected;
} row_arg;

static bool row_reads(const char *screen, const void *arg)
{
    const row_arg *want = arg;
    const char *line = screen;
    for (int row = 0; row < want->row && line; row++) {
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    if (!line)
        return false;
    size_t len = strcspn(line, "\n");
    return strlen(want->expected) == len && memcmp(line, want->expected, len) == 0;
}

bool vt_wait_row(vt_term *t, int row, const char *expected, int timeout_ms)
{
    return wait_for(t, row_reads, &(row_arg){row, expected}, timeout_ms);
}

static size_t without_trailing_newlines(const char *s)
{
    size_t len = strlen(s);
    while (len > 0 && s[len - 1] == '\n')
        len--;
    return len;
}

static bool screen_reads(const char *screen, const void *expected)
{
    size_t len = without_trailing_newlines(screen);
    return without_trailing_newlines(expected) == len && memcmp(screen, expected, len) == 0;
}

bool vt_wait_screen(vt_term *t, const char *expected, int timeout_ms)
{
    return wait_for(t, screen_reads, expected, timeout_ms);
}

void vt_settle(vt_term *t, int quiet_ms, int timeout_ms)
{
    long long deadline = now_ms() + timeout_ms;
    while (!t->eof && ms_left(deadline) > 0) {
        int wait = quiet_ms < ms_left(deadline) ? quiet_ms : ms_left(deadline);
        if (!pump(t, wait))
            return;
    }
}

void vt_send(vt_term *t, const char *bytes)
{
    buffer_append(&t->to_child, bytes, strlen(bytes));
    flush_to_child(t);
}

static const struct {
    const char *name;
    VTermKey key;
    VTermModifier mod;
} named_keys[] = {
    {"Enter", VTERM_KEY_ENTER, VTERM_MOD_NONE},
    {"Esc", VTERM_KEY_ESCAPE, VTERM_MOD_NONE},
    {"Tab", VTERM_KEY_TAB, VTERM_MOD_NONE},
    {"BTab", VTERM_KEY_TAB, VTERM_MOD_SHIFT},
    {"Up", VTERM_KEY_UP, VTERM_MOD_NONE},
    {"Down", VTERM_KEY_DOWN, VTERM_MOD_NONE},
    {"Left", VTERM_KEY_LEFT, VTERM_MOD_NONE},
    {"Right", VTERM_KEY_RIGHT, VTERM_MOD_NONE},
    {"Home", VTERM_KEY_HOME, VTERM_MOD_NONE},
    {"End", VTERM_KEY_END, VTERM_MOD_NONE},
    {"PgUp", VTERM_KEY_PAGEUP, VTERM_MOD_NONE},
    {"PgDn", VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE},
    {"Backspace", VTERM_KEY_BACKSPACE, VTERM_MOD_NONE},
    {"Delete", VTERM_KEY_DEL, VTERM_MOD_NONE},
};

/* "F1".."F12" as libvterm's function key number, or 0. */
static int function_key(const char *name)
{
    if (name[0] != 'F')
        return 0;
    char *end;
    long n = strtol(name + 1, &end, 10);
    return name[1] >= '1' && name[1] <= '9' && *end == '\0' && n <= 12 ? (int)n : 0;
}

void vt_key(vt_term *t, const char *name)
{
    /* Sent as the bare control byte: libvterm would encode Ctrl-I, -J and -M
     * as CSI u sequences, which xterm does not. */
    if (name[0] == '^' && name[1] >= 'A' && name[1] <= 'Z' && name[2] == '\0') {
        char control[2] = {(char)(name[1] & 0x1F), '\0'};
        vt_send(t, control);
        return;
    }
    int fn = function_key(name);
    if (fn) {
        vterm_keyboard_key(t->vt, VTERM_KEY_FUNCTION(fn), VTERM_MOD_NONE);
        flush_to_child(t);
        return;
    }
    for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
        if (strcmp(name, named_keys[i].name) == 0) {
            vterm_keyboard_key(t->vt, named_keys[i].key, named_keys[i].mod);
            flush_to_child(t);
            return;
        }
    }
    die("no key named \"%s\"", name);
}

void vt_resize(vt_term *t, int rows, int cols)
{
    /* The screen first, so output that answers the signal lands on it. */
    vterm_set_size(t->vt, rows, cols);
    struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
    if (ioctl(t->fd, TIOCSWINSZ, &ws) != 0)
        die("TIOCSWINSZ: %s", strerror(errno));
}

static int decode_status(int status)
{
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

/* True once the program has ended and been reaped. */
static bool try_reap(vt_term *t)
{
    if (t->reaped)
        return true;
    int status;
    pid_t r;
    while ((r = waitpid(t->pid, &status, WNOHANG)) < 0 && errno == EINTR)
        ;
    if (r == t->pid) {
        t->reaped = true;
        t->status = decode_status(status);
    }
    return t->reaped;
}

/* Reads output until the program ends or the deadline passes; the output
 * must keep flowing, or a program with much to say would never end. */
static bool reap_by(vt_term *t, long long deadline)
{
    while (!try_reap(t)) {
        int left = ms_left(deadline);
        if (left == 0)
            return false;
        pump(t, left < TICK_MS ? left : TICK_MS);
    }
    /* What it wrote last may still be on its way; the terminal hangs up
     * after it, unless a child of the program still holds it open. */
    while (!t->eof && pump(t, DRAIN_QUIET_MS))
        ;
    return true;
}

int vt_wait_exit(vt_term *t, int timeout_ms)
{
    return reap_by(t, now_ms() + timeout_ms) ? t->status : -1;
}

void vt_dump(vt_term *t, FILE *out)
{
    int rows, cols, row, col;
    vterm_get_size(t->vt, &rows, &cols);
    vt_cursor(t, &row, &col);
    fprintf(out, "--- terminal %dx%d, cursor at row %d col %d, ", rows, cols, row, col);
    if (try_reap(t))
        fprintf(out, "program ended with status %d ---\n", t->status);
    else
        fprintf(out, "program running ---\n");

    fputs("   |", out);
    for (int c = 0; c <= (cols - 1) / 10 * 10; c++)
        fputc(c % 10 == 0 ? '0' + c / 10 % 10 : ' ', out);
    fputs("\n   |", out);
    for (int c = 0; c < cols; c++)
        fputc('0' + c % 10, out);
    fputc('\n', out);

    for (int r = 0; r < rows; r++) {
        char *text = vt_row(t, r);
        fprintf(out, "%3d|%s\n", r, text);
        free(text);
    }
    fputs("---\n", out);
}

void vt_report(vt_term *t, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%d: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    vt_dump(t, stderr);
}

void vt_close(vt_term *t)
{
    if (!t)
        return;
    /* The whole process group: a shell's children too. */
    if (!try_reap(t)) {
        kill(-t->pid, SIGTERM);
        if (!reap_by(t, now_ms() + CLOSE_GRACE_MS)) {
            kill(-t->pid, SIGKILL);
            while (waitpid(t->pid, NULL, 0) < 0 && errno == EINTR)
                ;
        }
    }
    close(t->fd);
    vterm_free(t->vt);
    free(t->to_child.bytes);
    free(t);
}

/* ---- Starting the program ---- */

/* Whether list (of "NAME=value", NULL-terminated, or NULL) sets entry's name. */
static bool named_in(const char *entry, const char *const list[])
{
    size_t len = strcspn(entry, "=");
    for (size_t i = 0; list && list[i]; i++)
        if (strncmp(list[i], entry, len) == 0 && list[i][len] == '=')
            return true;
    return false;
}

/* The child's environment, built before fork so that the child only has to
 * exec. The array is freed by the caller; its strings are borrowed. */
static char **child_environment(const char *const extra_env[])
{
    static const char *const defaults[] = {"TERM=xterm-256color", "LC_ALL=C.UTF-8", "TZ=UTC",
                                           NULL};
    static const char *const dropped[] = {"LINES=", "COLUMNS=", "LANGUAGE=", NULL};
    size_t n = 0;
    while (environ[n])
        n++;
    for (size_t i = 0; extra_env && extra_env[i]; i++)
        n++;
    /* n, the three defaults and the terminating NULL. */
    char **env = xrealloc(NULL, (n + 4) * sizeof *env);
    size_t used = 0;
    for (char **e = environ; *e; e++) {
        if (!named_in(*e, dropped) && !named_in(*e, defaults) && !named_in(*e, extra_env))
            env[used++] = *e;
    }
    for (size_t i = 0; defaults[i]; i++)
        if (!named_in(defaults[i], extra_env))
            env[used++] = (char *)defaults[i];
    for (size_t i = 0; extra_env && extra_env[i]; i++)
        env[used++] = (char *)extra_env[i];
    env[used] = NULL;
    return env;
}

/* Runs in the forked child, so it sticks to async-signal-safe calls. Only
 * returns if exec fails, after reporting errno on report_fd. */
static void exec_child(const char *const argv[], char **env, int report_fd)
{
    /* Ignored signals and the blocked mask survive exec; the program should
     * start as it would from a login shell, able to catch SIGWINCH. */
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    for (int sig = 1; sig < NSIG; sig++)
        sigaction(sig, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    /* What a terminal emulator in a UTF-8 locale sets. */
    struct termios tio;
    if (tcgetattr(STDIN_FILENO, &tio) == 0) {
        tio.c_iflag |= IUTF8;
        tcsetattr(STDIN_FILENO, TCSANOW, &tio);
    }

    environ = env;
    execvp(argv[0], (char *const *)argv);
    int err = errno;
    ssize_t ignored = write(report_fd, &err, sizeof err);
    (void)ignored;
}

/* True if the child exec'd; otherwise reaps it and says why on stderr. */
static bool exec_succeeded(pid_t pid, int report_fd, const char *program)
{
    int err;
    ssize_t n;
    while ((n = read(report_fd, &err, sizeof err)) < 0 && errno == EINTR)
        ;
    if (n <= 0)
        return true;
    fprintf(stderr, "vt: cannot run %s: %s\n", program, strerror(err));
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    return false;
}

static vt_term *new_term(int fd, pid_t pid, int rows, int cols)
{
    vt_term *t = xrealloc(NULL, sizeof *t);
    *t = (vt_term){.fd = fd, .pid = pid};
    t->vt = vterm_new(rows, cols);
    vterm_set_utf8(t->vt, 1);
    vterm_output_set_callback(t->vt, queue_to_child, t);
    t->screen = vterm_obtain_screen(t->vt);
    /* Curses switches to the alternate screen, and back when it ends. */
    vterm_screen_enable_altscreen(t->screen, 1);
    vterm_screen_reset(t->screen, 1);
    return t;
}

vt_term *vt_spawn(const char *const argv[], const char *const extra_env[], int rows, int cols)
{
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0)
        die("pipe: %s", strerror(errno));
    char **env = child_environment(extra_env);
    struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
    int fd;
    pid_t pid = forkpty(&fd, NULL, NULL, &ws);
    if (pid < 0)
        die("forkpty: %s", strerror(errno));
    if (pid == 0) {
        close(report[0]);
        exec_child(argv, env, report[1]);
        _exit(127);
    }
    free(env);
    close(report[1]);
    bool started = exec_succeeded(pid, report[0], argv[0]);
    close(report[0]);
    if (!started) {
        close(fd);
        return NULL;
    }
    /* Other terminals spawned later must not inherit this one. */
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return new_term(fd, pid, rows, cols);
}
