/* The monkey (issue 9): the real console, on a fresh demo database, takes a long run
 * of random keys — ASCII and Chinese text, digits, editing and function keys, control
 * keys, resizes down to below the minimum window — as if someone leaned on the
 * keyboard for an hour. It must never crash or hang, and the database must still
 * verify afterwards.
 *
 * 10,000 keys in the short form; 100,000 with --full or FRONTDESK_MONKEY_FULL=1
 * (FRONTDESK_MONKEY_KEYS and FRONTDESK_MONKEY_SEED override the count and the seed).
 * The keys come from a seeded generator, so a failure names the seed and the index of
 * the key that found it; what the console does with them can depend on timing (a key
 * that arrives while a list loads), so a replay shows the same keys, not always the
 * same screens.
 *
 * Keys go out in bursts and the console is only waited for every CHECK_EVERY keys:
 * then it must fall quiet, and answer a resize by redrawing, each within RESPONSE_MS.
 * When the monkey has quit (F10, or the menu's quit), logged out or locked the
 * screen, the test logs in again — as the next of the demo staff, so every role's
 * screens get their share — and goes on. */
#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
    SHORT_KEYS = 10000,
    FULL_KEYS = 100000,
    BURST = 16,          /* keys written before looking for output and a dead child */
    CHECK_EVERY = 128,   /* keys between waits for the console to answer */
    QUIET_MS = 30,       /* no output for this long: the console has caught up */
    /* The longest the console may take to answer. Generous: a key may print a PDF,
     * and the sanitizer build is several times slower. */
    RESPONSE_MS = 20000,
    QUIT_TRIES = 1000,   /* keys and answers to get from anywhere to the end */
    HISTORY = 40,        /* the last keys, shown when something goes wrong */
    FIELD_MAX = 40,      /* Backspaces that empty a login field whatever was typed */
};

static const uint64_t DEFAULT_SEED = 20261127;
static const char fixed_now[] = "FRONTDESK_NOW=2026-11-27 10:00";

/* The demo staff the monkey logs in as, in turn. */
static const struct {
    const char *number, *pin;
} staff[] = {
    {"1001", "1111"}, {"2001", "2222"}, {"1002", "1112"}, {"3001", "3333"}, {"9001", "9999"},
};
enum { STAFF_COUNT = sizeof staff / sizeof staff[0] };

/* Where the login and lock screens show their title and fields. */
static const char login_title[] = "─ 登录 ─";
static const char lock_title[] = "─ 屏幕已锁定 ─";
static const char number_label[] = "工号 *";
static const char pin_label[] = "PIN码 *";
/* The question before unsaved changes are thrown away. */
static const char confirm_title[] = "─ 请确认 ─";

static char scratch[128];
static long total_keys = SHORT_KEYS;
static uint64_t seed = DEFAULT_SEED;

typedef struct monkey {
    vt_term *t;
    char db[192], config[192];
    char env_data[224], env_asan[1024], env_ubsan[1024];
    uint64_t rng;
    long events;            /* keys and resizes drawn so far: the index of the next */
    long keys;              /* keys sent so far */
    int rows, cols;
    long resizes, probes, quit_keys, restarts, relogins;
    int next_staff;
    long slowest_ms;        /* the longest the console took to catch up with the keys */
    char history[HISTORY][48];
} monkey;

/* ---- the generator ---- */

/* splitmix64: small, and the same stream on every machine. */
static uint64_t next_random(monkey *m)
{
    uint64_t z = (m->rng += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int below(monkey *m, int n)
{
    return (int)(next_random(m) % (uint64_t)n);
}

static int between(monkey *m, int low, int high)
{
    return low + below(m, high - low + 1);
}

/* ---- what was sent, for the report ---- */

static void remember(monkey *m, const char *what)
{
    snprintf(m->history[m->events % HISTORY], sizeof m->history[0], "%s", what);
}

/* Indexes count keys and resizes alike, from 0. FRONTDESK_MONKEY_SEED replays the
 * sequence, FRONTDESK_MONKEY_KEYS set to the key count shown ends it there. */
static void print_history(const monkey *m, FILE *out)
{
    long from = m->events > HISTORY ? m->events - HISTORY : 0;
    fprintf(out, "seed %llu; the last keys and resizes before index %ld (key %ld):\n",
            (unsigned long long)seed, m->events, m->keys);
    for (long i = from; i < m->events; i++)
        fprintf(out, "  %6ld  %s\n", i, m->history[i % HISTORY]);
}

/* The reports a sanitizer wrote (its log_path points into the scratch folder). */
static void print_sanitizer_reports(FILE *out)
{
    char pattern[160];
    snprintf(pattern, sizeof pattern, "%s/sanitizer.*", scratch);
    glob_t found;
    if (glob(pattern, 0, NULL, &found) != 0)
        return;
    for (size_t i = 0; i < found.gl_pathc; i++) {
        FILE *in = fopen(found.gl_pathv[i], "r");
        char line[512];
        while (in && fgets(line, sizeof line, in))
            fputs(line, out);
        if (in)
            fclose(in);
    }
    globfree(&found);
}

#define MONKEY_FAIL(m, ...)                                                                 \
    do {                                                                                    \
        vt_report((m)->t, __FILE__, __LINE__, __VA_ARGS__);                                 \
        print_history((m), stderr);                                                         \
        print_sanitizer_reports(stderr);                                                    \
        ck_abort_msg(__VA_ARGS__);                                                          \
    } while (0)

/* ---- running frontdesk outside the console ---- */

static const char *frontdesk_bin(void)
{
    const char *bin = getenv("FRONTDESK_BIN");
    ck_assert_msg(bin && *bin, "FRONTDESK_BIN is not set");
    return bin;
}

/* Runs frontdesk with args (English messages, the fixed clock); what it prints goes
 * to out (size bytes, NUL-terminated) or, with out NULL, away. Returns the exit
 * status. */
static int run_frontdesk(const char *const args[], char *out, size_t size)
{
    int pipe_fds[2];
    ck_assert_int_eq(pipe(pipe_fds), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(out ? pipe_fds[1] : null, STDOUT_FILENO);
        dup2(out ? pipe_fds[1] : null, STDERR_FILENO);
        close(pipe_fds[0]);
        putenv((char *)fixed_now);
        putenv((char *)"LANGUAGE=en");
        execv(args[0], (char *const *)args);
        _exit(127);
    }
    close(pipe_fds[1]);
    size_t used = 0;
    char sink[256];
    for (;;) {
        char *into = out && used + 1 < size ? out + used : sink;
        size_t room = out && used + 1 < size ? size - 1 - used : sizeof sink;
        ssize_t n = read(pipe_fds[0], into, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (into != sink)
            used += (size_t)n;
    }
    close(pipe_fds[0]);
    if (out)
        out[used] = '\0';
    int status;
    while (waitpid(pid, &status, 0) < 0)
        ck_assert_int_eq(errno, EINTR);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* `frontdesk verify`'s count of audit entries: one per record written. */
static long audit_entries(const monkey *m, int *status)
{
    const char *const args[] = {frontdesk_bin(), "--db", m->db, "verify", NULL};
    char out[4096];
    *status = run_frontdesk(args, out, sizeof out);
    const char *at = strstr(out, "Audit entries:");
    ck_assert_msg(at != NULL, "verify said:\n%s", out);
    return strtol(at + strlen("Audit entries:"), NULL, 10);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* "NAME=<inherited options>:log_path=<scratch>/sanitizer": a report goes to a file
 * the test can show, not onto the screen under test. */
static void sanitizer_env(char *out, size_t size, const char *name)
{
    const char *inherited = getenv(name);
    snprintf(out, size, "%s=%s%slog_path=%s/sanitizer", name, inherited ? inherited : "",
             inherited && *inherited ? ":" : "", scratch);
}

/* A fresh demo database. The configuration raises the lock-out threshold: the monkey
 * types wrong PINs on the lock screen, and a locked account is not what it tests. */
static void make_desk(monkey *m)
{
    snprintf(m->db, sizeof m->db, "%s/demo.db", scratch);
    snprintf(m->config, sizeof m->config, "%s/frontdesk.cfg", scratch);
    snprintf(m->env_data, sizeof m->env_data, "XDG_DATA_HOME=%s/data", scratch);
    sanitizer_env(m->env_asan, sizeof m->env_asan, "ASAN_OPTIONS");
    sanitizer_env(m->env_ubsan, sizeof m->env_ubsan, "UBSAN_OPTIONS");
    write_file(m->config, "staff = { pin_max_failures = 100; };\n");
    const char *const args[] = {frontdesk_bin(), "--db", m->db, "demo", NULL};
    ck_assert_int_eq(run_frontdesk(args, NULL, 0), 0);
}

/* ---- the console ---- */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void start_console(monkey *m)
{
    const char *const argv[] = {frontdesk_bin(), "--db", m->db, "--config", m->config, NULL};
    /* Printed reports land in the scratch folder, not the user's. */
    const char *const env[] = {"LANGUAGE=zh_CN", fixed_now, m->env_data, m->env_asan,
                               m->env_ubsan, NULL};
    m->t = vt_spawn(argv, env, m->rows, m->cols);
    ck_assert_ptr_nonnull(m->t);
}

static bool screen_shows(monkey *m, const char *text)
{
    char *screen = vt_screen(m->t);
    bool found = strstr(screen, text) != NULL;
    free(screen);
    return found;
}

/* Reads output until none comes for QUIET_MS; a console that never falls quiet is
 * stuck redrawing. Keeps the slowest time for the summary. */
static void settle(monkey *m)
{
    long start = now_ms();
    vt_settle(m->t, QUIET_MS, RESPONSE_MS);
    long took = now_ms() - start;
    if (took >= RESPONSE_MS)
        MONKEY_FAIL(m, "the console did not fall quiet within %d ms", RESPONSE_MS);
    if (took - QUIET_MS > m->slowest_ms)
        m->slowest_ms = took - QUIET_MS;
}

/* Reads output for up to RESPONSE_MS until the screen is no longer before. A console
 * that ended meanwhile (the monkey chose quit just before) counts as having answered:
 * the caller restarts it. */
static bool screen_changes_from(monkey *m, const char *before)
{
    long deadline = now_ms() + RESPONSE_MS;
    while (now_ms() < deadline && vt_wait_exit(m->t, 0) < 0) {
        vt_settle(m->t, 5, 50);
        char *screen = vt_screen(m->t);
        bool changed = strcmp(screen, before) != 0;
        free(screen);
        if (changed)
            return true;
    }
    return now_ms() < deadline;
}

static void resize(monkey *m, int rows, int cols)
{
    m->rows = rows;
    m->cols = cols;
    m->resizes++;
    vt_resize(m->t, rows, cols);
}

/* Whether the console still answers: it redraws after a resize. Every screen has
 * something placed by the window's width (the header clock, a centred dialog), so a
 * new width changes what the terminal shows once the console has redrawn. */
static void probe(monkey *m)
{
    int cols = between(m, 80, 140);
    if (cols == m->cols)
        cols = cols == 140 ? 80 : cols + 1;
    resize(m, between(m, 24, 45), cols);
    m->probes++;
    char *stale = vt_screen(m->t);
    bool answered = screen_changes_from(m, stale);
    free(stale);
    if (!answered)
        MONKEY_FAIL(m, "no redraw within %d ms of a resize to %dx%d", RESPONSE_MS, m->rows,
                    m->cols);
}

/* ---- logging in again ---- */

static bool at_entry_screen(monkey *m)
{
    return screen_shows(m, login_title) || screen_shows(m, lock_title);
}

/* The row of the screen that shows text, or -1. */
static int row_of(monkey *m, const char *text)
{
    for (int row = 0; row < m->rows; row++) {
        char *line = vt_row(m->t, row);
        bool found = strstr(line, text) != NULL;
        free(line);
        if (found)
            return row;
    }
    return -1;
}

/* The form places the cursor on its focused field: Tab until it is on label's row,
 * looking again after the last Tab too (the field may be the last one reached). */
static void focus_field(monkey *m, const char *label)
{
    enum { TABS = 4 };
    for (int tabs = 0;; tabs++) {
        int row, col;
        vt_cursor(m->t, &row, &col);
        if (row == row_of(m, label))
            return;
        if (tabs == TABS)
            break;
        vt_key(m->t, "Tab");
        settle(m);
    }
    MONKEY_FAIL(m, "cannot put the cursor on the field \"%s\"", label);
}

/* Empties the focused field, whatever the monkey left in it and wherever the
 * cursor is in it. */
static void clear_field(monkey *m)
{
    for (int i = 0; i < FIELD_MAX; i++)
        vt_key(m->t, "Delete");
    for (int i = 0; i < FIELD_MAX; i++)
        vt_key(m->t, "Backspace");
}

/* Logs in on the login or lock screen as the next staff member; one who cannot (a
 * lock-out after all) passes the turn to the next. */
static void log_in(monkey *m)
{
    if (m->rows < 24 || m->cols < 80)
        resize(m, 24, 80);
    settle(m);
    /* F10 on the login screen asks whether to quit, over the form: the safe answer. */
    if (screen_shows(m, confirm_title)) {
        vt_key(m->t, "Esc");
        settle(m);
    }
    for (int tries = 0; tries < STAFF_COUNT; tries++) {
        int who = m->next_staff++ % STAFF_COUNT;
        focus_field(m, pin_label);
        clear_field(m);
        focus_field(m, number_label);
        clear_field(m);
        vt_send(m->t, staff[who].number);
        vt_key(m->t, "Enter");
        vt_send(m->t, staff[who].pin);
        vt_key(m->t, "Enter");
        if (vt_wait_gone(m->t, login_title, RESPONSE_MS) &&
            vt_wait_gone(m->t, lock_title, RESPONSE_MS))
            return;
    }
    MONKEY_FAIL(m, "none of the demo staff could log in");
}

/* The console ended by itself: quit (status 0) it may, anything else is a crash. */
static void restart_if_ended(monkey *m)
{
    int status = vt_wait_exit(m->t, 0);
    if (status < 0)
        return;
    if (status != 0)
        MONKEY_FAIL(m, "the console died with status %d before index %ld (seed %llu)", status,
                    m->events, (unsigned long long)seed);
    vt_close(m->t);
    /* The login needs the minimum window at least. */
    if (m->rows < 24 || m->cols < 80) {
        m->rows = 24;
        m->cols = 80;
    }
    start_console(m);
    m->restarts++;
    if (!vt_wait_text(m->t, login_title, RESPONSE_MS))
        MONKEY_FAIL(m, "the console did not show the login after a restart");
    log_in(m);
}

/* Every CHECK_EVERY keys: the console must catch up and answer, and is given a
 * session again if the monkey ended it. */
static void checkpoint(monkey *m)
{
    restart_if_ended(m);
    settle(m);
    restart_if_ended(m);
    probe(m);
    settle(m);
    restart_if_ended(m);
    if (at_entry_screen(m)) {
        m->relogins++;
        log_in(m);
    }
}

/* ---- quitting ---- */

/* The confirmation puts the cursor on the answer chosen, "Discard" being the left one;
 * Left switches between the two. */
static void choose_discard(monkey *m)
{
    int row, before, after;
    vt_cursor(m->t, &row, &before);
    vt_key(m->t, "Left");
    settle(m);
    vt_cursor(m->t, &row, &after);
    if (after > before) {
        vt_key(m->t, "Left");
        settle(m);
    }
    vt_key(m->t, "Enter");
}

/* Once curses has ended, the terminal is back on its blank main screen. */
static bool curses_ended(monkey *m)
{
    char *screen = vt_screen(m->t);
    bool blank = screen[strspn(screen, "\n")] == '\0';
    free(screen);
    return blank;
}

/* Ends the console as a person would — F10, throwing away what the monkey left
 * half-typed in every form on the way, Esc out of what F10 does not quit from — so
 * that the sanitizer build's leak check runs when it exits. The monkey may have
 * stacked up a few hundred screens, so this takes as many tries. */
static void quit_console(monkey *m)
{
    if (m->rows < 24 || m->cols < 80)
        resize(m, 24, 80);
    int status = -1;
    for (int tries = 0; tries < QUIT_TRIES && status < 0; tries++) {
        settle(m);
        if (curses_ended(m))
            status = vt_wait_exit(m->t, RESPONSE_MS); /* the database closes meanwhile */
        else if (screen_shows(m, lock_title))
            log_in(m);
        else if (screen_shows(m, confirm_title))
            choose_discard(m);
        else
            vt_key(m->t, tries % 2 ? "Esc" : "F10");
        if (status < 0)
            status = vt_wait_exit(m->t, 0);
    }
    if (status != 0)
        MONKEY_FAIL(m, "the console did not quit cleanly: status %d (-1: still running)", status);
}

/* ---- the keys ---- */

static void press(monkey *m, const char *name)
{
    remember(m, name);
    vt_key(m->t, name);
    m->keys++;
}

static void type(monkey *m, const char *text)
{
    char what[48];
    snprintf(what, sizeof what, "text \"%s\"", text);
    remember(m, what);
    vt_send(m->t, text);
    m->keys++;
}

static void type_ascii(monkey *m)
{
    char text[8];
    int n = between(m, 1, 6);
    for (int i = 0; i < n; i++)
        text[i] = (char)between(m, 0x20, 0x7e);
    text[n] = '\0';
    type(m, text);
}

static void type_digits(monkey *m)
{
    char text[16];
    int n = between(m, 1, 11); /* up to a mobile number */
    for (int i = 0; i < n; i++)
        text[i] = (char)('0' + below(m, 10));
    text[n] = '\0';
    type(m, text);
}

/* Common characters and the desk's own words: names, units, what is typed there. */
static const char hanzi[] =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "访客登记钥匙借还邮件包裹报纸投诉回访整改值班交接楼栋单元室业主租户快递顺丰门卫保安工程保洁";

static void type_hanzi(monkey *m)
{
    enum { BYTES = 3 }; /* every character above is three bytes of UTF-8 */
    int count = (int)(sizeof hanzi - 1) / BYTES;
    char text[4 * BYTES + 1];
    int n = between(m, 1, 4);
    for (int i = 0; i < n; i++)
        memcpy(text + i * BYTES, hanzi + below(m, count) * BYTES, BYTES);
    text[n * BYTES] = '\0';
    type(m, text);
}

static void press_one_of(monkey *m, const char *const names[], int count)
{
    press(m, names[below(m, count)]);
}

static void press_enter(monkey *m) { press(m, "Enter"); }
static void press_esc(monkey *m) { press(m, "Esc"); }

static void press_tab(monkey *m)
{
    static const char *const names[] = {"Tab", "Tab", "BTab"};
    press_one_of(m, names, 3);
}

static void press_arrow(monkey *m)
{
    static const char *const names[] = {"Up", "Down", "Up", "Down", "Left", "Right"};
    press_one_of(m, names, 6);
}

static void press_home_end(monkey *m)
{
    static const char *const names[] = {"Home", "End"};
    press_one_of(m, names, 2);
}

static void press_page(monkey *m)
{
    static const char *const names[] = {"PgUp", "PgDn"};
    press_one_of(m, names, 2);
}

static void press_erase(monkey *m)
{
    static const char *const names[] = {"Backspace", "Backspace", "Delete"};
    press_one_of(m, names, 3);
}

/* F1–F12 but F10, which quits: that has its own, small, share. */
static void press_function(monkey *m)
{
    static const char *const names[] = {"F1", "F2", "F3", "F4", "F5", "F6",
                                        "F7", "F8", "F9", "F11", "F12"};
    press_one_of(m, names, 11);
}

static void press_quit(monkey *m)
{
    press(m, "F10");
    m->quit_keys++;
}

/* ^A–^Y but ^C and ^Z: the console runs in raw mode, where they would only be
 * bytes, but a terminal that is not (a wrong termios) would stop the test with
 * them. ^\ is not among the letters. */
static void press_control(monkey *m)
{
    static const char *const names[] = {"^A", "^B", "^D", "^E", "^F", "^G", "^H", "^I",
                                        "^J", "^K", "^L", "^M", "^N", "^O", "^P", "^Q",
                                        "^R", "^S", "^T", "^U", "^V", "^W", "^X", "^Y"};
    press_one_of(m, names, 24);
}

/* Mostly sizes the console works in; one in eight below its 80×24 minimum. */
static void resize_randomly(monkey *m)
{
    int rows, cols;
    if (below(m, 8) == 0) {
        rows = between(m, 8, 23);
        cols = between(m, 30, 79);
    } else {
        rows = between(m, 24, 45);
        cols = between(m, 80, 140);
    }
    char what[48];
    snprintf(what, sizeof what, "resize to %dx%d", rows, cols);
    remember(m, what);
    resize(m, rows, cols);
}

/* Shares in ten thousand. */
static const struct {
    int share;
    void (*send)(monkey *m);
} key_kinds[] = {
    {2200, type_ascii},    {900, type_hanzi},     {1000, type_digits},   {900, press_enter},
    {450, press_esc},      {600, press_tab},      {1200, press_arrow},   {200, press_home_end},
    {300, press_page},     {550, press_erase},    {800, press_function}, {10, press_quit},
    {250, press_control},  {80, resize_randomly},
};

/* A key (or a few characters typed at once, as an input method sends them), or a
 * resize. */
static void send_random_event(monkey *m)
{
    int total = 0;
    for (size_t i = 0; i < sizeof key_kinds / sizeof key_kinds[0]; i++)
        total += key_kinds[i].share;
    int pick = below(m, total);
    size_t i = 0;
    while (pick >= key_kinds[i].share)
        pick -= key_kinds[i++].share;
    key_kinds[i].send(m);
}

/* ---- the test ---- */

START_TEST(random_keys_neither_crash_nor_hang_the_console)
{
    monkey m = {.rng = seed, .rows = 24, .cols = 80};
    make_desk(&m);
    int status;
    long entries_before = audit_entries(&m, &status);
    ck_assert_int_eq(status, 0);
    start_console(&m);
    if (!vt_wait_text(m.t, login_title, RESPONSE_MS))
        MONKEY_FAIL(&m, "no login screen");
    log_in(&m);
    long started = now_ms();
    while (m.keys < total_keys) {
        send_random_event(&m);
        m.events++;
        if (m.events % BURST == 0) {
            vt_settle(m.t, 0, 1); /* take what output there is, without waiting */
            restart_if_ended(&m);
        }
        if (m.events % CHECK_EVERY == 0)
            checkpoint(&m);
    }
    checkpoint(&m);
    long took = now_ms() - started;
    quit_console(&m);
    vt_close(m.t);
    long entries_after = audit_entries(&m, &status);
    printf("monkey: seed %llu, %ld keys in %.1f s, %ld resizes (%ld of them to probe for an "
           "answer), %ld restarts after quitting (F10 pressed %ld times), %ld logins again "
           "after a logout or lock; slowest catch-up %ld ms; %ld records written (audit "
           "entries %ld -> %ld); verify exit %d\n",
           (unsigned long long)seed, m.keys, took / 1000.0, m.resizes, m.probes, m.restarts,
           m.quit_keys, m.relogins, m.slowest_ms, entries_after - entries_before,
           entries_before, entries_after, status);
    ck_assert_msg(status == 0, "frontdesk verify failed (exit %d) after the monkey", status);
}
END_TEST

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void read_options(int argc, char **argv)
{
    const char *full = getenv("FRONTDESK_MONKEY_FULL");
    if ((argc > 1 && strcmp(argv[1], "--full") == 0) || (full && strcmp(full, "1") == 0))
        total_keys = FULL_KEYS;
    const char *keys = getenv("FRONTDESK_MONKEY_KEYS");
    if (keys && *keys)
        total_keys = strtol(keys, NULL, 10);
    const char *seed_text = getenv("FRONTDESK_MONKEY_SEED");
    if (seed_text && *seed_text)
        seed = strtoull(seed_text, NULL, 10);
}

int main(int argc, char **argv)
{
    read_options(argc, argv);
    const char *tmp = getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/frontdesk-monkey-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(scratch)) {
        perror(scratch);
        return EXIT_FAILURE;
    }
    Suite *suite = suite_create("monkey");
    TCase *tc = tcase_create("keys");
    /* Some 3 ms a key, ten times that under the sanitizers. */
    tcase_set_timeout(tc, (double)total_keys / 20 + 120);
    tcase_add_test(tc, random_keys_neither_crash_nor_hang_the_console);
    suite_add_tcase(suite, tc);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    /* Kept after a failure: the database and the sanitizer's reports. */
    if (failed == 0)
        nftw(scratch, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    else
        fprintf(stderr, "monkey: the database and any reports are in %s\n", scratch);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
