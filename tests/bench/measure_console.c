/* The console as the desk meets it, in a pseudo-terminal read through libvterm
 * (tests/e2e/vt.h):
 *   - the first screen: from starting the process to the login form drawn whole,
 *     beside the sqlite3 command-line tool opening the same file and answering a query;
 *   - a keystroke while typing a search in the visitor log: from the key sent to the
 *     screen showing the filtered list, beside a trivial echo program's round trip;
 *   - the console's peak resident memory once logged in with its status line showing,
 *     beside the sqlite3 tool's after one query; and, on a larger building, beside the
 *     console's own on the 10,000-visit building (the same, whatever the history). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bench.h"
#include "desk.h"
#include "results.h"

enum { ROWS = 24, COLS = 80, WAIT_MS = 10000, KEY_WAIT_MS = 2000, SETTLE_MS = 300 };
enum { STARTS = 20, PREFIXES = 10, ROUNDS = 8, MEMORY_RUNS = 5, REFERENCE_ROWS = 10000 };

/* The console's environment: the bench's empty site file, the database's now, English
 * (so the screen texts waited for are known). */
typedef struct console_env {
    char config[512], now[64];
    const char *vars[4];
} console_env;

static void make_env(const bench *b, console_env *e)
{
    snprintf(e->config, sizeof e->config, "FRONTDESK_CONFIG=%s", b->config_path);
    snprintf(e->now, sizeof e->now, "FRONTDESK_NOW=@%" PRId64, (int64_t)b->clock);
    e->vars[0] = e->config;
    e->vars[1] = e->now;
    e->vars[2] = "LANGUAGE=en";
    e->vars[3] = NULL;
}

static vt_term *start_console(const bench *b, const char *db, const console_env *e)
{
    const char *argv[] = {b->frontdesk, "--db", db, NULL};
    return vt_spawn(argv, e->vars, ROWS, COLS);
}

/* ---- the first screen ---- */

/* The hint line is the login screen's last row: curses writes the rows in order, so
 * once it shows, the form above it is drawn. */
static double first_screen(const bench *b, const console_env *e)
{
    double start = bench_now();
    vt_term *t = start_console(b, b->db_path, e);
    bool drawn = t && vt_wait_text(t, "F10 Quit", WAIT_MS) && vt_wait_text(t, "Staff number", 0);
    double took = bench_now() - start;
    vt_close(t);
    return drawn ? took : -1;
}

static double sqlite3_tool(const bench *b)
{
    const char *argv[] = {"sqlite3", "-readonly", b->db_path,
                          "SELECT 'staff:' || name FROM staff WHERE number = '1001';", NULL};
    double start = bench_now();
    vt_term *t = vt_spawn(argv, NULL, ROWS, COLS);
    bool answered = t && vt_wait_text(t, "staff:", WAIT_MS);
    double took = bench_now() - start;
    vt_close(t);
    return answered ? took : -1;
}

static void measure_first_screen(const bench *b, const console_env *e)
{
    measure m = {"console.first_screen", UNIT_SECONDS, TARGET_RATIO, 2.0};
    samples core = {0}, floor = {0};
    for (int i = 0; i < STARTS; i++) {
        double c = first_screen(b, e), f = sqlite3_tool(b);
        if (c < 0 || f < 0) {
            result_failed(&m, c < 0 ? "the login screen did not appear" : "sqlite3 did not answer");
            samples_free(&core);
            samples_free(&floor);
            return;
        }
        samples_add(&core, c);
        samples_add(&floor, f);
    }
    result_line(&m, &core, &floor);
    samples_free(&core);
    samples_free(&floor);
}

/* ---- logging in ---- */

static vt_term *logged_in(const bench *b, const char *db, const console_env *e)
{
    vt_term *t = start_console(b, db, e);
    if (!t || !vt_wait_text(t, "Staff number", WAIT_MS)) {
        vt_close(t);
        return NULL;
    }
    desk_sign_in(t, "1001", "1111");
    /* The status line's counters are the last thing the first logged-in screen reads. */
    if (!vt_wait_text(t, "Main menu", WAIT_MS) || !vt_wait_text(t, "Visitors in", WAIT_MS)) {
        vt_close(t);
        return NULL;
    }
    return t;
}

/* ---- a keystroke ---- */

/* A name prefix of two characters, typed one at a time. */
typedef struct prefix {
    char first[8], second[8];
} prefix;

static size_t sample_prefixes(const bench *b, prefix *out)
{
    sqlite3_stmt *st = NULL;
    int64_t last = 0;
    if (sqlite3_prepare_v2(b->raw, "SELECT max(id) FROM visit", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        last = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_prepare_v2(b->raw,
                       "SELECT substr(visitor_name, 1, 1), substr(visitor_name, 2, 1) FROM visit "
                       "WHERE id >= ?1 AND length(visitor_name) >= 2 ORDER BY id LIMIT 1",
                       -1, &st, NULL);
    size_t n = 0;
    for (int i = 0; i < PREFIXES && last > 0; i++) {
        sqlite3_bind_int64(st, 1, 1 + (last - 1) * i / PREFIXES);
        if (sqlite3_step(st) == SQLITE_ROW) {
            snprintf(out[n].first, sizeof out[n].first, "%s", sqlite3_column_text(st, 0));
            snprintf(out[n].second, sizeof out[n].second, "%s", sqlite3_column_text(st, 1));
            n++;
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return n;
}

/* One keystroke of a round: a character typed, or Backspace. */
static void press(vt_term *t, const prefix *p, int k)
{
    if (k == 0)
        vt_send(t, p->first);
    else if (k == 1)
        vt_send(t, p->second);
    else
        vt_key(t, "Backspace");
}

enum { KEYS_PER_ROUND = 4 };

/* Learns the screen each keystroke of a round leads to: the first character, the
 * second, Backspace (back to the first), Backspace (the empty search). */
static bool learn_round(vt_term *t, const prefix *p, char *screens[KEYS_PER_ROUND])
{
    for (int k = 0; k < KEYS_PER_ROUND; k++) {
        press(t, p, k);
        vt_settle(t, SETTLE_MS, WAIT_MS);
        screens[k] = vt_screen(t);
    }
    return strstr(screens[1], "Search by visitor's name or phone") != NULL;
}

static bool time_round(vt_term *t, const prefix *p, char *screens[KEYS_PER_ROUND], samples *out)
{
    for (int k = 0; k < KEYS_PER_ROUND; k++) {
        double start = bench_now();
        press(t, p, k);
        if (!vt_wait_screen(t, screens[k], KEY_WAIT_MS))
            return false;
        samples_add(out, bench_now() - start);
    }
    return true;
}

/* The visitor log opens on the visitors inside; the first character typed turns it
 * into the search by name or phone, and Backspace back to the empty search, where every round
 * then starts. */
static bool open_search(vt_term *t)
{
    vt_key(t, "^V");
    if (!vt_wait_text(t, "Inside now", WAIT_MS))
        return false;
    vt_send(t, "x");
    vt_key(t, "Backspace");
    vt_settle(t, SETTLE_MS, WAIT_MS);
    return vt_wait_text(t, "Search by visitor's name or phone", WAIT_MS);
}

static bool keystrokes(const bench *b, const console_env *e, const prefix *p, size_t n,
                       samples *out, char *why, size_t size)
{
    vt_term *t = logged_in(b, b->db_path, e);
    bool ok = t && open_search(t);
    if (!ok)
        snprintf(why, size, "could not log in and open the visitor search");
    for (size_t i = 0; ok && i < n; i++) {
        char *screens[KEYS_PER_ROUND] = {0};
        ok = learn_round(t, &p[i], screens);
        for (int r = 0; ok && r < ROUNDS; r++)
            ok = time_round(t, &p[i], screens, out);
        if (!ok)
            snprintf(why, size, "typing \"%s%s\" did not lead to the same screens again",
                     p[i].first, p[i].second);
        for (int k = 0; k < KEYS_PER_ROUND; k++)
            free(screens[k]);
    }
    vt_close(t);
    return ok;
}

/* The floor: a program that echoes what it reads; a carriage return clears its line. */
int bench_echo(void)
{
    struct termios raw;
    if (tcgetattr(STDIN_FILENO, &raw) == 0) {
        cfmakeraw(&raw);
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    static const char clear_line[] = "\r\033[2K";
    if (write(STDOUT_FILENO, "ready", 5) != 5)
        return 1;
    char buf[256];
    ssize_t n;
    while ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            bool cr = buf[i] == '\r';
            const char *out = cr ? clear_line : &buf[i];
            size_t len = cr ? sizeof clear_line - 1 : 1;
            if (write(STDOUT_FILENO, out, len) != (ssize_t)len)
                return 1;
        }
    }
    return 0;
}

static bool echo_round(vt_term *t, const prefix *p, samples *out)
{
    char both[16];
    snprintf(both, sizeof both, "%s%s", p->first, p->second);
    vt_send(t, "\r");
    if (!vt_wait_row(t, 0, "", KEY_WAIT_MS))
        return false;
    double start = bench_now();
    vt_send(t, p->first);
    if (!vt_wait_row(t, 0, p->first, KEY_WAIT_MS))
        return false;
    samples_add(out, bench_now() - start);
    start = bench_now();
    vt_send(t, p->second);
    if (!vt_wait_row(t, 0, both, KEY_WAIT_MS))
        return false;
    samples_add(out, bench_now() - start);
    return true;
}

static bool echoes(const bench *b, const prefix *p, size_t n, samples *out)
{
    const char *argv[] = {b->self, "--echo", NULL};
    vt_term *t = vt_spawn(argv, NULL, ROWS, COLS);
    bool ok = t && vt_wait_text(t, "ready", WAIT_MS);
    for (size_t i = 0; ok && i < n; i++)
        for (int r = 0; ok && r < ROUNDS; r++)
            ok = echo_round(t, &p[i], out);
    vt_close(t);
    return ok;
}

static void measure_keystroke(const bench *b, const console_env *e)
{
    measure m = {"console.keystroke", UNIT_SECONDS, TARGET_P99_TIME, 0.005};
    prefix p[PREFIXES];
    size_t n = sample_prefixes(b, p);
    samples core = {0}, floor = {0};
    char why[256] = "no visitor names to type";
    if (n > 0 && keystrokes(b, e, p, n, &core, why, sizeof why)) {
        if (echoes(b, p, n, &floor))
            result_line(&m, &core, &floor);
        else
            result_failed(&m, "the echo program did not echo");
    } else {
        result_failed(&m, why);
    }
    samples_free(&core);
    samples_free(&floor);
}

/* ---- memory ---- */

/* The program on the terminal is our only child then. */
static pid_t only_child(void)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
    FILE *f = fopen(path, "r");
    int pid = 0;
    if (f) {
        if (fscanf(f, "%d", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    return (pid_t)pid;
}

/* VmHWM: the peak resident set, in bytes. */
static double peak_rss(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    double kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %lf kB", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib < 0 ? -1 : kib * 1024;
}

static double console_memory(const bench *b, const char *db, const console_env *e)
{
    vt_term *t = logged_in(b, db, e);
    double bytes = t ? peak_rss(only_child()) : -1;
    vt_close(t);
    return bytes;
}

/* The sqlite3 tool, after one query: the status line's count of visitors inside. */
static double sqlite3_memory(const bench *b)
{
    const char *argv[] = {"sqlite3", "-readonly", b->db_path, NULL};
    vt_term *t = vt_spawn(argv, NULL, ROWS, COLS);
    double bytes = -1;
    if (t && vt_wait_text(t, "sqlite>", WAIT_MS)) {
        vt_send(t, "SELECT 'inside:', count(*) FROM entity_state WHERE kind = 'visit' AND state = 'admitted';\r");
        if (vt_wait_text(t, "inside:|", WAIT_MS))
            bytes = peak_rss(only_child());
    }
    vt_close(t);
    return bytes;
}

static bool memory_samples(const bench *b, const char *db, const console_env *e, samples *core,
                           samples *floor)
{
    for (int i = 0; i < MEMORY_RUNS; i++) {
        double c = console_memory(b, db, e), f = floor ? sqlite3_memory(b) : 0;
        if (c < 0 || f < 0)
            return false;
        samples_add(core, c);
        if (floor)
            samples_add(floor, f);
    }
    return true;
}

static void measure_memory(const bench *b, const console_env *e)
{
    measure m = {"console.peak_rss", UNIT_BYTES, TARGET_MAX_BYTES, 20.0 * 1024 * 1024};
    samples core = {0}, floor = {0};
    if (memory_samples(b, b->db_path, e, &core, &floor))
        result_line(&m, &core, &floor);
    else
        result_failed(&m, "could not read the peak memory of the console or of sqlite3");
    samples_free(&core);
    samples_free(&floor);
}

/* "The same at 10k and 2M": within 5 %, what one run to the next varies. */
static void measure_memory_growth(const bench *b, const console_env *e)
{
    measure m = {"console.peak_rss_vs_10k", UNIT_BYTES, TARGET_RATIO, 1.05};
    fd_error err = {0};
    char *reference = bench_database(b, REFERENCE_ROWS, &err);
    samples here = {0}, there = {0};
    if (!reference)
        result_failed(&m, err.message);
    else if (memory_samples(b, b->db_path, e, &here, NULL) && memory_samples(b, reference, e, &there, NULL))
        result_line(&m, &here, &there);
    else
        result_failed(&m, "could not read the peak memory of the console");
    samples_free(&here);
    samples_free(&there);
    free(reference);
}

void measure_console(bench *b)
{
    console_env e;
    make_env(b, &e);
    if (bench_wants(b, "console.first_screen"))
        measure_first_screen(b, &e);
    if (bench_wants(b, "console.keystroke"))
        measure_keystroke(b, &e);
    if (bench_wants(b, "console.peak_rss"))
        measure_memory(b, &e);
    if (b->rows > REFERENCE_ROWS && bench_wants(b, "console.peak_rss_vs_10k"))
        measure_memory_growth(b, &e);
}
