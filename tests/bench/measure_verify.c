/* Verifying the whole database, as `frontdesk verify --seal CODE` does — the schema
 * against the migrations, every entry's hash recomputed from its row, every seal and
 * bridge checked with the sealing code, the anchors, every row's entry, the derived
 * tables, integrity_check and foreign_key_check — beside the floor: the same audit
 * entries and the same record rows read in a bare loop, and the same MACs computed (each
 * entry's HMAC, each commitment to personal data, each seal and bridge), nothing else.
 * The floor's hashes must equal the stored ones, entry by entry: it does the same work. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/seal.h"
#include "bench.h"
#include "frontdesk/audit.h"
#include "results.h"

enum { SMALL = 200000, REPEAT_SMALL = 3, REPEAT_LARGE = 1, MAX_TABLES = 64, MAX_COLUMNS = 96 };

/* ---- the floor ---- */

typedef enum role { PLAIN, CLEAR, HMAC, MASKED, SALT, COMMIT } role;

typedef struct table_rows {
    char *name;
    sqlite3_stmt *row;
    int columns, salt, commit;
    role roles[MAX_COLUMNS];
} table_rows;

typedef struct floor_verify {
    sqlite3 *db;
    crypto_auth_hmacsha256_state secret_mac; /* keyed once, as the desk keeps it */
    table_rows tables[MAX_TABLES];
    int table_count;
    bool have_code;
    seal_code code;
    seal_key key;
    bool seen_seal;
    fd_date last_epoch;
    int64_t entries, mismatches;
} floor_verify;

static bool ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcmp(name + n - k, suffix) == 0;
}

static table_rows *rows_of(floor_verify *f, const char *name)
{
    for (int i = 0; i < f->table_count; i++)
        if (strcmp(f->tables[i].name, name) == 0)
            return &f->tables[i];
    if (f->table_count == MAX_TABLES)
        return NULL;
    table_rows *t = &f->tables[f->table_count++];
    char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" WHERE id = ?1", name);
    *t = (table_rows){.name = strdup(name), .salt = -1, .commit = -1};
    sqlite3_prepare_v2(f->db, sql, -1, &t->row, NULL);
    sqlite3_free(sql);
    t->columns = sqlite3_column_count(t->row);
    for (int c = 0; c < t->columns && c < MAX_COLUMNS; c++) {
        const char *col = sqlite3_column_name(t->row, c);
        t->roles[c] = strcmp(col, "pii_salt") == 0     ? SALT
                      : strcmp(col, "pii_commit") == 0 ? COMMIT
                      : ends_with(col, "_clear")       ? CLEAR
                      : ends_with(col, "_hmac")        ? HMAC
                      : ends_with(col, "_masked")      ? MASKED
                                                       : PLAIN;
        if (t->roles[c] == SALT)
            t->salt = c;
        if (t->roles[c] == COMMIT)
            t->commit = c;
    }
    return t;
}

typedef crypto_auth_hmacsha256_state hasher;

static void feed_value(hasher *h, char kind, const void *data, size_t size)
{
    char prefix[32];
    int n = snprintf(prefix, sizeof prefix, "%c%zu:", kind, size);
    crypto_auth_hmacsha256_update(h, (const unsigned char *)prefix, (size_t)n);
    crypto_auth_hmacsha256_update(h, data, size);
}

static void feed_int(hasher *h, int64_t v)
{
    char text[24];
    int n = snprintf(text, sizeof text, "%lld", (long long)v);
    feed_value(h, 'i', text, (size_t)n);
}

static void feed_column(hasher *h, sqlite3_stmt *st, int c)
{
    const char *name = sqlite3_column_name(st, c);
    feed_value(h, 'c', name, strlen(name));
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_INTEGER: feed_int(h, sqlite3_column_int64(st, c)); break;
    case SQLITE_BLOB: feed_value(h, 'b', sqlite3_column_blob(st, c), (size_t)sqlite3_column_bytes(st, c)); break;
    case SQLITE_NULL: feed_value(h, 'n', "", 0); break;
    default: feed_value(h, 't', sqlite3_column_text(st, c), (size_t)sqlite3_column_bytes(st, c)); break;
    }
}

/* The HMAC of a clear value under the site key, as its partner column holds it. */
static void clear_mac(floor_verify *f, sqlite3_stmt *st, int c)
{
    const unsigned char *value = sqlite3_column_text(st, c);
    if (!value)
        return;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state h = f->secret_mac;
    crypto_auth_hmacsha256_update(&h, value, (size_t)sqlite3_column_bytes(st, c));
    crypto_auth_hmacsha256_final(&h, mac);
}

static void commitment(const table_rows *t, sqlite3_stmt *st)
{
    if (sqlite3_column_type(st, t->salt) == SQLITE_NULL)
        return;
    fd_personal personal[MAX_COLUMNS];
    size_t n = 0;
    for (int c = 0; c < t->columns; c++)
        if (t->roles[c] == CLEAR || t->roles[c] == HMAC || t->roles[c] == MASKED)
            personal[n++] = (fd_personal){sqlite3_column_name(st, c), (const char *)sqlite3_column_text(st, c)};
    unsigned char out[FD_HASH_SIZE];
    fd_audit_commit_personal(sqlite3_column_blob(st, t->salt), personal, n, out);
}

static void feed_row(floor_verify *f, hasher *h, const table_rows *t, sqlite3_stmt *st)
{
    bool committed = t->commit >= 0 && sqlite3_column_type(st, t->commit) != SQLITE_NULL;
    for (int c = 0; c < t->columns; c++) {
        role r = t->roles[c];
        if (r == PLAIN || (!committed && (r == HMAC || r == MASKED)) || (committed && r == COMMIT))
            feed_column(h, st, c);
        else if (r == CLEAR && !committed)
            clear_mac(f, st, c);
    }
    if (committed)
        commitment(t, st);
}

static void check_seal(floor_verify *f, sqlite3_stmt *walk, fd_date epoch)
{
    const unsigned char *hash = sqlite3_column_blob(walk, 6);
    size_t size = (size_t)sqlite3_column_bytes(walk, 6);
    if (!f->seen_seal) {
        seal_code_first_key(&f->code, &f->key);
    } else if (epoch > f->last_epoch) {
        f->mismatches += !seal_key_verifies(&f->key, hash, size, sqlite3_column_blob(walk, 10),
                                            (size_t)sqlite3_column_bytes(walk, 10));
        seal_key_advance(&f->key, epoch);
    }
    f->mismatches += !seal_key_verifies(&f->key, hash, size, sqlite3_column_blob(walk, 9),
                                        (size_t)sqlite3_column_bytes(walk, 9));
    f->seen_seal = true;
    f->last_epoch = epoch;
}

/* Format 3: the record's first event after it, named and numbered as the core does. */
static void feed_first_event(floor_verify *f, hasher *h, int64_t event_id)
{
    static const char name[] = "event";
    table_rows *t = rows_of(f, name);
    if (!t) {
        f->mismatches++;
        return;
    }
    feed_value(h, 'r', name, sizeof name - 1);
    feed_int(h, event_id);
    sqlite3_bind_int64(t->row, 1, event_id);
    if (sqlite3_step(t->row) == SQLITE_ROW)
        feed_row(f, h, t, t->row);
    else
        f->mismatches++;
    sqlite3_reset(t->row);
}

static void check_entry(floor_verify *f, sqlite3_stmt *walk, const unsigned char *prev, size_t prev_size)
{
    table_rows *t = rows_of(f, (const char *)sqlite3_column_text(walk, 4));
    int format = sqlite3_column_int(walk, 7);
    bool sealed = sqlite3_column_type(walk, 9) != SQLITE_NULL;
    fd_date epoch = (fd_date)sqlite3_column_int64(walk, 8);
    if (!t) {
        f->mismatches++;
        return;
    }
    sqlite3_bind_int64(t->row, 1, sqlite3_column_int64(walk, 5));
    if (sqlite3_step(t->row) != SQLITE_ROW) {
        f->mismatches++;
        sqlite3_reset(t->row);
        return;
    }
    hasher h = f->secret_mac;
    if (format >= 2)
        feed_int(&h, format);
    feed_value(&h, 'p', prev, prev_size);
    feed_int(&h, sqlite3_column_int64(walk, 0));
    feed_int(&h, sqlite3_column_int64(walk, 1));
    feed_int(&h, sqlite3_column_int64(walk, 2));
    feed_value(&h, 'a', sqlite3_column_text(walk, 3), (size_t)sqlite3_column_bytes(walk, 3));
    feed_value(&h, 'r', t->name, strlen(t->name));
    feed_int(&h, sqlite3_column_int64(walk, 5));
    if (format >= 2) {
        if (sealed)
            feed_int(&h, epoch);
        else
            feed_value(&h, 'n', "", 0);
    }
    feed_row(f, &h, t, t->row);
    sqlite3_reset(t->row);
    if (format >= 3)
        feed_first_event(f, &h, sqlite3_column_int64(walk, 11));
    unsigned char hash[FD_HASH_SIZE];
    crypto_auth_hmacsha256_final(&h, hash);
    f->mismatches += sqlite3_column_bytes(walk, 6) != FD_HASH_SIZE ||
                     memcmp(hash, sqlite3_column_blob(walk, 6), FD_HASH_SIZE) != 0;
    if (sealed && f->have_code)
        check_seal(f, walk, epoch);
}

/* One bare walk of the chain; the mismatches it found (0 on an intact database). */
static double floor_once(bench *b, const char *code, int64_t *mismatches)
{
    floor_verify *f = calloc(1, sizeof *f);
    f->db = b->raw;
    crypto_auth_hmacsha256_init(&f->secret_mac, b->desk->secret, FD_SECRET_SIZE);
    f->have_code = code && seal_code_parse(code, &f->code);
    sqlite3_stmt *walk = NULL;
    double start = bench_now();
    sqlite3_exec(f->db, "BEGIN", NULL, NULL, NULL);
    sqlite3_prepare_v2(f->db, "SELECT id, at, staff_id, action, tbl, row_id, hash, format, epoch, seal, bridge, "
                              "event_id "
                              "FROM audit ORDER BY id",
                       -1, &walk, NULL);
    unsigned char prev[FD_HASH_SIZE];
    size_t prev_size = 0;
    while (sqlite3_step(walk) == SQLITE_ROW) {
        check_entry(f, walk, prev, prev_size);
        prev_size = (size_t)sqlite3_column_bytes(walk, 6) == FD_HASH_SIZE ? FD_HASH_SIZE : 0;
        memcpy(prev, sqlite3_column_blob(walk, 6), prev_size);
        f->entries++;
    }
    sqlite3_finalize(walk);
    sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL);
    double took = bench_now() - start;
    for (int i = 0; i < f->table_count; i++) {
        sqlite3_finalize(f->tables[i].row);
        free(f->tables[i].name);
    }
    *mismatches = f->mismatches;
    sodium_memzero(f, sizeof *f);
    free(f);
    return took;
}

/* ---- the core ---- */

static double core_once(bench *b, const char *code, fd_verify_result *r, fd_error *err)
{
    fd_verify_request req = {.seal_code = code};
    double start = bench_now();
    fd_status s = fd_verify_with(b->desk, &req, r, err);
    double took = bench_now() - start;
    return s == FD_OK ? took : -1;
}

/* The code generation kept beside the database (none for a database generated before
 * sealing: then neither side checks seals). */
static char *read_code(const bench *b)
{
    char *path = fd_desk_key_file(b->db_path, "sealcode");
    FILE *in = fopen(path, "r");
    free(path);
    char line[FD_SEAL_CODE_TEXT] = "";
    bool ok = in && fgets(line, sizeof line, in);
    if (in)
        fclose(in);
    line[strcspn(line, "\n")] = '\0';
    return ok ? fd_strdup(line) : NULL;
}

void measure_verify(bench *b)
{
    measure m = {"verify.full", UNIT_SECONDS, TARGET_RATIO, 2.0};
    if (!bench_wants(b, m.name))
        return;
    char *code = read_code(b);
    samples core = {0}, raw = {0};
    fd_error err = {0};
    fd_verify_result r;
    const char *failed = NULL;
    int64_t mismatches = 0;
    int repeat = b->rows <= SMALL ? REPEAT_SMALL : REPEAT_LARGE;
    for (int i = 0; i < repeat && !failed; i++) {
        double c = core_once(b, code, &r, &err);
        double f = floor_once(b, code, &mismatches);
        failed = c < 0 ? err.message : mismatches ? "the floor's hashes differ from the chain's" : NULL;
        samples_add(&core, c);
        samples_add(&raw, f);
    }
    if (failed) {
        result_failed(&m, failed);
    } else {
        printf("# verify.full: %lld entries, %lld seals checked %s\n", (long long)r.entries,
               (long long)r.seals_checked, code ? "with the sealing code" : "(no sealing code)");
        result_line(&m, &core, &raw);
    }
    samples_free(&core);
    samples_free(&raw);
    free(code);
}
