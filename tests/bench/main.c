/* frontdesk-bench --rows N [--seed S] [--db PATH]
 *
 * Builds (or reuses) a synthetic building of N visits and its share of every other
 * record, written through the core, then measures what a receptionist waits for, each
 * beside the raw-SQLite floor for the same work, and prints one line per operation
 * (see results.h). The database is kept, by rows and seed, so later runs measure
 * again without generating again. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"
#include "results.h"

enum { EXIT_MISS = 1, EXIT_ERROR = 2 };

fd_time bench_history_end(void)
{
    return fd_time_from_local(2026, 11, 27, 10, 0, 0);
}

bool bench_wants(const bench *b, const char *name)
{
    return !b->only || strstr(name, b->only) != NULL;
}

static int usage(void)
{
    fprintf(stderr, "usage: frontdesk-bench --rows N [--seed S] [--db PATH] [--only NAME]\n"
                    "       (the database of N visits is kept in PATH, by default\n"
                    "       %s/bench-N-S.db, and reused by later runs)\n",
            FRONTDESK_BENCH_DIR);
    return EXIT_ERROR;
}

static bool parse_int(const char *text, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    *out = v;
    return errno == 0 && end != text && *end == '\0' && v > 0;
}

/* ---- the database, generated once per (rows, seed) ---- */

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The file beside the database that says what it holds and how long it took. */
typedef struct meta {
    int64_t rows;
    uint64_t seed;
    double seconds;
    gen_counts counts;
} meta;

static bool read_meta(const char *db, meta *m)
{
    char *path = fd_printf("%s.bench", db);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return false;
    int n = fscanf(f, "rows=%" SCNd64 " seed=%" SCNu64 " seconds=%lf visits=%" SCNd64
                      " mail=%" SCNd64 " loans=%" SCNd64 " complaints=%" SCNd64
                      " entries=%" SCNd64 " shifts=%" SCNd64 " days=%" SCNd64,
                   &m->rows, &m->seed, &m->seconds, &m->counts.visits, &m->counts.mail,
                   &m->counts.loans, &m->counts.complaints, &m->counts.entries,
                   &m->counts.shifts, &m->counts.days);
    fclose(f);
    return n == 10;
}

static bool write_meta(const char *db, const meta *m)
{
    char *path = fd_printf("%s.bench", db);
    FILE *f = fopen(path, "w");
    free(path);
    if (!f)
        return false;
    fprintf(f, "rows=%" PRId64 " seed=%" PRIu64 " seconds=%.1f visits=%" PRId64 " mail=%" PRId64
               " loans=%" PRId64 " complaints=%" PRId64 " entries=%" PRId64 " shifts=%" PRId64
               " days=%" PRId64 "\n",
            m->rows, m->seed, m->seconds, m->counts.visits, m->counts.mail, m->counts.loans,
            m->counts.complaints, m->counts.entries, m->counts.shifts, m->counts.days);
    return fclose(f) == 0;
}

static void print_meta(const meta *m, bool reused)
{
    printf("# database: %" PRId64 " visits, %" PRId64 " mail items, %" PRId64 " key loans, %" PRId64
           " complaints, %" PRId64 " handover entries in %" PRId64 " shifts over %" PRId64 " days\n",
           m->counts.visits, m->counts.mail, m->counts.loans, m->counts.complaints,
           m->counts.entries, m->counts.shifts, m->counts.days);
    printf("# generated through the core in %.1f s%s\n", m->seconds,
           reused ? " (earlier run; this run reused it)" : "");
}

/* Generation may use a page cache much larger than the console's: it only makes the
 * writing quicker, and no measurement runs on this connection. */
static int generous_cache(sqlite3 *db, const char **message, const struct sqlite3_api_routines *api)
{
    (void)message;
    (void)api;
    sqlite3_exec(db, "PRAGMA cache_size = -2097152", NULL, NULL, NULL);
    return SQLITE_OK;
}

static void show_progress(int64_t done, int64_t all)
{
    static double last;
    double now = bench_now();
    if (done == all || now - last >= 10) {
        fprintf(stderr, "frontdesk-bench: generated %" PRId64 " of %" PRId64 " days\n", done, all);
        last = now;
    }
}

static void remove_files(const char *db)
{
    static const char *const suffixes[] = {"", ".key", ".pepper", ".seal", ".head", ".sealcode", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char *path = fd_printf("%s%s", db, suffixes[i]);
        unlink(path);
        free(path);
    }
}

/* What to generate and where. */
typedef struct target {
    const fd_config *cfg;
    const char *path;
    int64_t rows;
    uint64_t seed;
} target;

/* The sealing code, which an office keeps in its safe, beside the database: verify.full
 * checks every seal with it. */
static fd_status keep_seal_code(fd_desk *d, const char *db, fd_error *err)
{
    char code[FD_SEAL_CODE_TEXT];
    char *path = fd_desk_key_file(db, "sealcode");
    FILE *out = fd_desk_take_seal_code(d, code) ? fopen(path, "w") : NULL;
    bool ok = out && fprintf(out, "%s\n", code) > 0;
    if (out)
        ok = fclose(out) == 0 && ok;
    fd_status s = ok ? FD_OK : fd_fail(err, FD_IO, NULL, "cannot write %s", path);
    free(path);
    return s;
}

static bool move_key(const char *from_db, const char *to_db, const char *name)
{
    char *from = fd_desk_key_file(from_db, name), *to = fd_desk_key_file(to_db, name);
    bool ok = rename(from, to) == 0;
    free(from);
    free(to);
    return ok;
}

/* Writes into PATH.part and renames it into place only when whole: an interrupted run
 * never leaves a database a later run would take for finished. */
static fd_status generate(const target *t, meta *m, fd_error *err)
{
    char *part = fd_printf("%s.part", t->path);
    remove_files(part);
    fd_time clock = bench_history_end();
    fd_desk *d;
    double start = bench_now();
    sqlite3_auto_extension((void (*)(void))generous_cache);
    fd_status s = fd_desk_open(part, FD_STORE_CREATE, t->cfg, fd_clock_fixed(&clock), &d, err);
    sqlite3_cancel_auto_extension((void (*)(void))generous_cache);
    if (s == FD_OK) {
        gen_params p = {t->rows, t->seed, bench_history_end()};
        s = gen_build(d, &p, show_progress, &m->counts, err);
        if (s == FD_OK)
            s = keep_seal_code(d, part, err);
        fd_desk_close(d);
    }
    if (s == FD_OK && (!move_key(part, t->path, "key") || !move_key(part, t->path, "pepper") ||
                       !move_key(part, t->path, "seal") || !move_key(part, t->path, "sealcode") ||
                       rename(part, t->path) != 0))
        s = fd_fail(err, FD_IO, NULL, "cannot move %s into place: %s", part, strerror(errno));
    m->rows = t->rows;
    m->seed = t->seed;
    m->seconds = bench_now() - start;
    if (s == FD_OK && !write_meta(t->path, m))
        s = fd_fail(err, FD_IO, NULL, "cannot write %s.bench", t->path);
    if (s != FD_OK)
        remove_files(part);
    free(part);
    return s;
}

static fd_status ensure_database(const target *t, bool report, fd_error *err)
{
    meta m = {0};
    if (exists(t->path)) {
        if (!read_meta(t->path, &m) || m.rows != t->rows || m.seed != t->seed)
            return fd_fail(err, FD_CONFLICT, NULL,
                           "%s exists but was not generated by frontdesk-bench --rows %" PRId64
                           " --seed %" PRIu64 "; choose another --db",
                           t->path, t->rows, t->seed);
        if (report)
            print_meta(&m, true);
        return FD_OK;
    }
    fprintf(stderr, "frontdesk-bench: generating %s (this takes a while at millions of rows)\n",
            t->path);
    fd_status s = generate(t, &m, err);
    if (s == FD_OK && report)
        print_meta(&m, false);
    return s;
}

static char *default_path(int64_t rows, uint64_t seed)
{
    return fd_printf("%s/bench-%" PRId64 "-%" PRIu64 ".db", FRONTDESK_BENCH_DIR, rows, seed);
}

char *bench_database(const bench *b, int64_t rows, fd_error *err)
{
    char *path = default_path(rows, b->seed);
    target t = {b->cfg, path, rows, b->seed};
    if (ensure_database(&t, false, err) != FD_OK)
        FD_FREE(path);
    return path;
}

/* ---- measuring ---- */

static fd_status open_for_measuring(bench *b, fd_error *err)
{
    b->clock = bench_history_end();
    b->people = gen_people_for(b->seed, b->rows);
    fd_status s = fd_desk_open(b->db_path, 0, b->cfg, fd_clock_fixed(&b->clock), &b->desk, err);
    if (s == FD_OK)
        s = gen_cast_login(b->desk, &b->cast, err);
    if (s == FD_OK && sqlite3_open_v2(b->db_path, &b->raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        s = fd_fail(err, FD_DB, NULL, "cannot open %s: %s", b->db_path, sqlite3_errmsg(b->raw));
    return s;
}

static char *empty_config(const char *db)
{
    char *path = fd_printf("%s.cfg", db);
    FILE *f = fopen(path, "w");
    if (f)
        fclose(f);
    return path;
}

static void close_bench(bench *b)
{
    sqlite3_close(b->raw);
    fd_desk_close(b->desk);
    fd_config_free(b->cfg);
    free(b->config_path);
    free(b->self);
}

static int run(bench *b)
{
    fd_error err = {0};
    fd_status s;
    if ((s = fd_config_load_file(NULL, &b->cfg, &err)) == FD_OK) {
        target t = {b->cfg, b->db_path, b->rows, b->seed};
        s = ensure_database(&t, true, &err);
    }
    if (s != FD_OK || (s = open_for_measuring(b, &err)) != FD_OK) {
        fprintf(stderr, "frontdesk-bench: %s\n", err.message);
        close_bench(b);
        return EXIT_ERROR;
    }
    b->config_path = empty_config(b->db_path);
    measure_console(b);
    measure_register(b);
    measure_queries(b);
    measure_print(b);
    measure_verify(b);
    int misses = results_summary();
    close_bench(b);
    return misses ? EXIT_MISS : EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    static const struct option options[] = {
        {"rows", required_argument, NULL, 'r'}, {"seed", required_argument, NULL, 's'},
        {"db", required_argument, NULL, 'd'},   {"only", required_argument, NULL, 'o'},
        {"echo", no_argument, NULL, 'e'},       {NULL, 0, NULL, 0},
    };
    bench b = {0};
    int64_t seed = 1;
    const char *db = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (opt) {
        case 'r': if (!parse_int(optarg, &b.rows)) return usage(); break;
        case 's': if (!parse_int(optarg, &seed)) return usage(); break;
        case 'd': db = optarg; break;
        case 'o': b.only = optarg; break;
        case 'e': return bench_echo();
        default: return usage();
        }
    }
    if (optind != argc || b.rows <= 0)
        return usage();
    b.seed = (uint64_t)seed;
    char *default_db = default_path(b.rows, b.seed);
    b.db_path = db ? db : default_db;
    const char *console = getenv("FRONTDESK_BIN");
    b.frontdesk = console && *console ? console : FRONTDESK_BENCH_CONSOLE;
    b.self = realpath("/proc/self/exe", NULL);
    printf("# frontdesk-bench --rows %" PRId64 " --seed %" PRIu64 " --db %s\n", b.rows, b.seed, b.db_path);
    int rc = run(&b);
    free(default_db);
    return rc;
}
