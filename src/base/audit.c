/* The audit chain, as writes extend it: see include/frontdesk/audit.h. Verifying it is
 * audit_verify.c; the sealing key, base/seal.h. */
#include "frontdesk/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/anchor.h"
#include "base/audit_internal.h"
#include "base/seal.h"
#include "frontdesk/i18n.h"

static const char *const table_names[] = {
#define FD_TABLE_NAME(name) #name,
    FD_RECORD_TABLE_LIST(FD_TABLE_NAME)
#undef FD_TABLE_NAME
};

typedef enum table_sql { ROW_SQL, IDS_SQL, TABLE_SQL_KINDS } table_sql;

static fd_sql_id sql_for(table_sql kind, fd_record_table t)
{
    static fd_sql_id found[TABLE_SQL_KINDS][FD_TABLE_COUNT];
    static bool looked_up[TABLE_SQL_KINDS][FD_TABLE_COUNT];
    if (!looked_up[kind][t]) {
        char name[96];
        snprintf(name, sizeof name, "%s_%s", kind == ROW_SQL ? "row" : "ids", table_names[t]);
        found[kind][t] = fd_sql_find(name);
        if (found[kind][t] == FD_SQL_COUNT) {
            fprintf(stderr, "frontdesk: the catalogue has no statement %s\n", name);
            abort();
        }
        looked_up[kind][t] = true;
    }
    return found[kind][t];
}

fd_sql_id audit_row_sql(fd_record_table t)
{
    return sql_for(ROW_SQL, t);
}

fd_sql_id audit_ids_sql(fd_record_table t)
{
    return sql_for(IDS_SQL, t);
}

const char *fd_record_table_name(fd_record_table t)
{
    return table_names[t];
}

bool fd_record_table_parse(const char *name, fd_record_table *out)
{
    for (int t = 0; t < FD_TABLE_COUNT; t++) {
        if (name && strcmp(name, table_names[t]) == 0) {
            *out = (fd_record_table)t;
            return true;
        }
    }
    return false;
}

/* ---- canonical content ---- */

/* An entry is fed as many short pieces; gathered here, they reach the HMAC a block at
 * a time, which costs far less than one call per piece on every write and in verify. */
typedef struct hasher {
    crypto_auth_hmacsha256_state state;
    size_t used;
    unsigned char pending[512];
} hasher;

static void hasher_flush(hasher *h)
{
    crypto_auth_hmacsha256_update(&h->state, h->pending, h->used);
    h->used = 0;
}

static void feed(hasher *h, const void *data, size_t size)
{
    if (h->used + size > sizeof h->pending)
        hasher_flush(h);
    if (size > sizeof h->pending) {
        crypto_auth_hmacsha256_update(&h->state, data, size);
        return;
    }
    memcpy(h->pending + h->used, data, size);
    h->used += size;
}

/* The decimal text of v, as printf's %llu writes it, ending at end; returns its start. */
static char *decimal_before(char *end, unsigned long long v)
{
    do
        *--end = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    return end;
}

/* Every value is length-prefixed, so no two different rows feed the same bytes. */
static void feed_value(hasher *h, char kind, const void *data, size_t size)
{
    char prefix[24];
    char *end = prefix + sizeof prefix;
    *--end = ':';
    char *start = decimal_before(end, size);
    *--start = kind;
    feed(h, start, (size_t)(prefix + sizeof prefix - start));
    feed(h, data, size);
}

/* As "%lld" writes v (the chain's entries were computed so). */
static void feed_int(hasher *h, int64_t v)
{
    char text[24];
    char *end = text + sizeof text;
    unsigned long long magnitude = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    char *start = decimal_before(end, magnitude);
    if (v < 0)
        *--start = '-';
    feed_value(h, 'i', start, (size_t)(end - start));
}

static void feed_column(hasher *h, fd_stmt *st, int col)
{
    const char *name = fd_col_name(st, col);
    feed_value(h, 'c', name, strlen(name));
    char kind = fd_col_kind(st, col);
    size_t size = 0;
    switch (kind) {
    case 'i':
        feed_int(h, fd_col_int(st, col));
        break;
    case 'b': {
        const void *blob = fd_col_blob(st, col, &size);
        feed_value(h, 'b', blob, size);
        break;
    }
    case 'n':
        feed_value(h, 'n', "", 0);
        break;
    default: { /* text, and reals by their text form */
        const char *text = fd_col_text(st, col);
        feed_value(h, 't', text, strlen(text));
        break;
    }
    }
}

/* What each column of a record table is to the chain, by its name. */
typedef enum column_role {
    ROLE_PLAIN,  /* goes in as it is */
    ROLE_CLEAR,  /* *_clear: personal data in clear, never in */
    ROLE_HMAC,   /* *_hmac: in, unless the row commits to it */
    ROLE_MASKED, /* *_masked: likewise */
    ROLE_SALT,   /* pii_salt: never in */
    ROLE_COMMIT, /* pii_commit: in, when the row has one */
} column_role;

enum { MOST_COLUMNS = 96 };

typedef struct table_columns {
    bool known;
    int count;
    int commit; /* the pii_commit column, or -1 */
    int salt;
    unsigned char role[MOST_COLUMNS];
} table_columns;

static bool ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcmp(name + n - k, suffix) == 0;
}

static column_role role_of(const char *name)
{
    return strcmp(name, "pii_salt") == 0     ? ROLE_SALT
           : strcmp(name, "pii_commit") == 0 ? ROLE_COMMIT
           : ends_with(name, "_clear")       ? ROLE_CLEAR
           : ends_with(name, "_hmac")        ? ROLE_HMAC
           : ends_with(name, "_masked")      ? ROLE_MASKED
                                             : ROLE_PLAIN;
}

/* Worked out once per table from its row statement (SELECT *): the schema is fixed
 * while the program runs, and a verify of millions of entries would otherwise compare
 * every column's name for every row. */
static const table_columns *columns_of(fd_record_table t, fd_stmt *st)
{
    static table_columns tables[FD_TABLE_COUNT];
    table_columns *c = &tables[t];
    if (c->known)
        return c;
    c->count = fd_col_count(st) < MOST_COLUMNS ? fd_col_count(st) : MOST_COLUMNS;
    c->commit = c->salt = -1;
    for (int col = 0; col < c->count; col++) {
        c->role[col] = (unsigned char)role_of(fd_col_name(st, col));
        if (c->role[col] == ROLE_COMMIT)
            c->commit = col;
        if (c->role[col] == ROLE_SALT)
            c->salt = col;
    }
    c->known = true;
    return c;
}

static column_role role_at(const table_columns *c, int col)
{
    return col < c->count ? (column_role)c->role[col] : ROLE_PLAIN;
}

/* A *_clear column's value must still match its *_hmac partner. */
static bool clear_matches_hmac(const fd_desk *d, fd_stmt *st, int col)
{
    const char *value = fd_col_text(st, col);
    if (!value)
        return true;
    const char *name = fd_col_name(st, col);
    size_t base = strlen(name) - 6;
    for (int i = 0; i < fd_col_count(st); i++) {
        const char *other = fd_col_name(st, i);
        if (strncmp(other, name, base) == 0 && strcmp(other + base, "_hmac") == 0) {
            char mac[FD_HASH_HEX];
            fd_desk_hmac_hex(d, value, mac);
            const char *stored = fd_col_text(st, i);
            return stored && strcmp(stored, mac) == 0;
        }
    }
    return false;
}

void fd_audit_new_salt(unsigned char salt[FD_SALT_SIZE])
{
    randombytes_buf(salt, FD_SALT_SIZE);
}

static void commit_feed(crypto_generichash_state *h, const char *text, char kind)
{
    char prefix[32];
    size_t size = text ? strlen(text) : 0;
    int n = snprintf(prefix, sizeof prefix, "%c%zu:", text ? kind : 'n', size);
    crypto_generichash_update(h, (const unsigned char *)prefix, (size_t)n);
    if (text)
        crypto_generichash_update(h, (const unsigned char *)text, size);
}

void fd_audit_commit_personal(const unsigned char salt[FD_SALT_SIZE], const fd_personal *columns,
                              size_t count, unsigned char out[FD_HASH_SIZE])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, salt, FD_SALT_SIZE, FD_HASH_SIZE);
    for (size_t i = 0; i < count; i++) {
        commit_feed(&h, columns[i].column, 'c');
        commit_feed(&h, columns[i].value, 't');
    }
    crypto_generichash_final(&h, out, FD_HASH_SIZE);
}

static bool is_personal(column_role r)
{
    return r == ROLE_CLEAR || r == ROLE_HMAC || r == ROLE_MASKED;
}

/* Purged: the number gone, its HMAC emptied, its mask whole. */
static bool personal_purged(fd_stmt *st, const table_columns *c)
{
    bool purged = true;
    for (int col = 0; col < c->count; col++) {
        const char *text = fd_col_text(st, col);
        switch (role_at(c, col)) {
        case ROLE_CLEAR: purged = purged && !text; break;
        case ROLE_HMAC: purged = purged && text && !*text; break;
        case ROLE_MASKED: purged = purged && text && strcmp(text, FD_PURGED_MASK) == 0; break;
        default: break;
        }
    }
    return purged;
}

/* The row's personal data is what it committed to, or purged (its salt gone with it). */
static bool commitment_holds(fd_stmt *st, const table_columns *c)
{
    if (fd_col_null(st, c->salt))
        return personal_purged(st, c);
    fd_personal personal[MOST_COLUMNS];
    size_t n = 0;
    for (int col = 0; col < c->count; col++)
        if (is_personal(role_at(c, col)))
            personal[n++] = (fd_personal){fd_col_name(st, col), fd_col_text(st, col)};
    size_t salt_size, commit_size;
    const unsigned char *salt = fd_col_blob(st, c->salt, &salt_size);
    const unsigned char *commit = fd_col_blob(st, c->commit, &commit_size);
    unsigned char want[FD_HASH_SIZE];
    if (salt_size != FD_SALT_SIZE || commit_size != FD_HASH_SIZE)
        return false;
    fd_audit_commit_personal(salt, personal, n, want);
    return sodium_memcmp(want, commit, FD_HASH_SIZE) == 0;
}

/* A row of a table with commitments whose own has none (written before they existed)
 * and whose HMAC the purge has emptied: its first entry, which held the HMAC, can no
 * longer be recomputed. */
static bool forgotten_uncommitted(fd_stmt *st, const table_columns *c)
{
    if (c->commit < 0 || !fd_col_null(st, c->commit))
        return false;
    for (int col = 0; col < c->count; col++) {
        const char *text = fd_col_text(st, col);
        if (role_at(c, col) == ROLE_HMAC && text && !*text)
            return true;
    }
    return false;
}

/* The row as the chain holds it. A row that commits to its personal data puts in the
 * commitment instead of the data; any other puts in its *_hmac and *_masked columns —
 * also those rows of the committing tables written before commitments were, whose
 * entries were computed so. */
static void feed_row(const fd_desk *d, hasher *h, fd_stmt *st, const table_columns *c, audit_row *row)
{
    bool committed = c->commit >= 0 && !fd_col_null(st, c->commit);
    row->personal_ok = true;
    for (int col = 0; col < fd_col_count(st); col++) {
        switch (role_at(c, col)) {
        case ROLE_CLEAR:
            if (!committed)
                row->personal_ok = row->personal_ok && clear_matches_hmac(d, st, col);
            break;
        case ROLE_HMAC:
        case ROLE_MASKED:
            if (!committed)
                feed_column(h, st, col);
            break;
        case ROLE_SALT:
            break;
        case ROLE_COMMIT:
            if (committed)
                feed_column(h, st, col);
            break;
        case ROLE_PLAIN:
            feed_column(h, st, col);
            break;
        }
    }
    if (committed)
        row->personal_ok = commitment_holds(st, c);
    row->forgotten = forgotten_uncommitted(st, c);
}

/* A row's canonical content, read by its table's row statement. */
static fd_status feed_record(fd_desk *d, hasher *h, fd_record_table t, int64_t id, audit_row *row,
                             fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, sql_for(ROW_SQL, t));
    fd_bind_int(st, ":id", id);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK)
        feed_row(d, h, st, columns_of(t, st), row);
    else if (s == FD_NOT_FOUND) {
        row->missing = t;
        row->missing_id = id;
    }
    fd_stmt_reset(st);
    return s;
}

/* Format 3: after its record, the record's first event, named and numbered as the entry
 * names its record. */
static fd_status feed_first_event(fd_desk *d, hasher *h, const audit_entry *e, audit_row *row,
                                  fd_error *err)
{
    static const char event[] = "event";
    feed_value(h, 'r', event, sizeof event - 1);
    feed_int(h, e->event_id);
    audit_row of_event;
    fd_status s = feed_record(d, h, FD_TABLE_event, e->event_id, &of_event, err);
    row->personal_ok = row->personal_ok && (s != FD_OK || of_event.personal_ok);
    row->missing = of_event.missing;
    row->missing_id = of_event.missing_id;
    return s;
}

fd_status audit_entry_hash(fd_desk *d, const unsigned char *prev, size_t prev_size,
                           const audit_entry *e, unsigned char out[FD_HASH_SIZE], audit_row *row,
                           fd_error *err)
{
    hasher h = {.state = *d->secret_mac, .used = 0};
    if (e->format >= 2)
        feed_int(&h, e->format);
    feed_value(&h, 'p', prev, prev_size);
    feed_int(&h, e->id);
    feed_int(&h, e->at);
    feed_int(&h, e->staff_id);
    feed_value(&h, 'a', e->action, strlen(e->action));
    feed_value(&h, 'r', table_names[e->table], strlen(table_names[e->table]));
    feed_int(&h, e->row_id);
    if (e->format >= 2) {
        if (e->sealed)
            feed_int(&h, e->epoch);
        else
            feed_value(&h, 'n', "", 0);
    }
    fd_status s = feed_record(d, &h, e->table, e->row_id, row, err);
    if (s == FD_OK && e->format >= 3)
        s = feed_first_event(d, &h, e, row, err);
    hasher_flush(&h);
    crypto_auth_hmacsha256_final(&h.state, out);
    return s;
}

fd_status fd_audit_row_matches(fd_desk *d, fd_record_table table, int64_t row_id, bool *matches,
                               fd_error *err)
{
    *matches = false;
    fd_stmt *st = fd_sql(d->store, FD_SQL_AUDIT_FIRST_OF_ROW);
    fd_bind_text(st, ":tbl", table_names[table]);
    fd_bind_int(st, ":row_id", row_id);
    fd_status s = fd_step_row(st, err);
    if (s != FD_OK)
        return s == FD_NOT_FOUND ? FD_OK : s;
    audit_entry e = {
        .id = fd_col_int(st, FD_COL_AUDIT_FIRST_OF_ROW_ID), .at = fd_col_int(st, FD_COL_AUDIT_FIRST_OF_ROW_AT),
        .staff_id = fd_col_int(st, FD_COL_AUDIT_FIRST_OF_ROW_STAFF_ID), .row_id = row_id,
        .action = fd_col_text(st, FD_COL_AUDIT_FIRST_OF_ROW_ACTION), .table = table,
        .format = (int)fd_col_int(st, FD_COL_AUDIT_FIRST_OF_ROW_FORMAT),
        .sealed = !fd_col_null(st, FD_COL_AUDIT_FIRST_OF_ROW_SEAL),
        .epoch = (fd_date)fd_col_int(st, FD_COL_AUDIT_FIRST_OF_ROW_EPOCH),
    };
    /* The statement's text and blobs stay valid while it is not stepped again; the row
     * is read by another statement. */
    size_t stored_size, prev_size;
    const void *stored = fd_col_blob(st, FD_COL_AUDIT_FIRST_OF_ROW_HASH, &stored_size);
    const void *prev = fd_col_blob(st, FD_COL_AUDIT_FIRST_OF_ROW_PREV_HASH, &prev_size);
    unsigned char hash[FD_HASH_SIZE];
    audit_row row;
    s = audit_entry_hash(d, prev, prev_size, &e, hash, &row, err);
    *matches = s == FD_OK && row.personal_ok && stored_size == FD_HASH_SIZE &&
               memcmp(hash, stored, FD_HASH_SIZE) == 0;
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

/* ---- the chain's end, and the key that seals what comes next ---- */

typedef struct chain_end {
    int64_t id;         /* 0 while the chain is empty */
    unsigned char hash[FD_HASH_SIZE];
    size_t hash_size;
    bool sealed;
    fd_date epoch;
    unsigned char seal[SEAL_SIZE];
    size_t seal_size;
} chain_end;

static void copy_blob(fd_stmt *st, int col, unsigned char *out, size_t room, size_t *size)
{
    const void *blob = fd_col_blob(st, col, size);
    if (*size > room)
        *size = room + 1; /* too long: never matches */
    else if (*size)
        memcpy(out, blob, *size);
}

static fd_status read_chain_end(fd_store *store, chain_end *end, fd_error *err)
{
    memset(end, 0, sizeof *end);
    fd_stmt *st = fd_sql(store, FD_SQL_AUDIT_LAST);
    fd_status s = fd_step_row(st, err);
    if (s == FD_OK) {
        end->id = fd_col_int(st, FD_COL_AUDIT_LAST_ID);
        copy_blob(st, FD_COL_AUDIT_LAST_HASH, end->hash, sizeof end->hash, &end->hash_size);
        end->sealed = !fd_col_null(st, FD_COL_AUDIT_LAST_SEAL);
        end->epoch = (fd_date)fd_col_int(st, FD_COL_AUDIT_LAST_EPOCH);
        copy_blob(st, FD_COL_AUDIT_LAST_SEAL, end->seal, sizeof end->seal, &end->seal_size);
    }
    fd_stmt_reset(st);
    if (s == FD_OK && end->hash_size != FD_HASH_SIZE)
        return fd_fail(err, FD_TAMPERED, NULL, _("Audit entry %lld is damaged."), (long long)end->id);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

static char *seal_path(const fd_desk *d)
{
    return fd_desk_key_file(fd_store_path(d->store), "seal");
}

/* A chain sealed since this desk opened (another terminal began it), or whose key file
 * this desk could not find then. */
static fd_status load_seal(fd_desk *d, fd_error *err)
{
    char *path = seal_path(d);
    seal_key key;
    fd_status s = seal_key_read(path, &key, err);
    if (s == FD_NOT_FOUND)
        s = fd_fail(err, FD_STATE, NULL,
                    _("The audit chain is sealed, but its sealing key %s is missing. Restore "
                      "the file, or rebuild it from the sealing code in the office safe: "
                      "frontdesk seal --code CODE --as NUMBER. Nothing was written."),
                    path);
    free(path);
    if (s == FD_OK) {
        d->seal = fd_alloc(sizeof *d->seal);
        d->seal->key = key;
        seal_key_wipe(&key);
    }
    return s;
}

/* The first entry of a day is committed: the day before's key, which sealed it as a
 * bridge, can go. A key file that cannot be written now keeps the older key (the one
 * in memory moves on all the same): the next terminal to load it moves it on. */
static void day_committed(void *ctx, bool committed)
{
    fd_desk *d = ctx;
    seal_state *st = d->seal;
    if (committed) {
        st->key = st->next;
        char *path = seal_path(d);
        seal_key_write(path, &st->key, NULL);
        free(path);
    }
    seal_key_wipe(&st->next);
    st->moving = false;
}

typedef struct keys {
    const seal_key *seal;   /* NULL: the entry is not sealed */
    const seal_key *bridge; /* the day before's, on a new day's first entry */
} keys;

/* Today's key seals (or the chain's last day's, if the clock reads earlier: a key never
 * goes back). A key the desk holds while its chain was never sealed is one left by a
 * sealing that did not commit; it seals nothing but a new database's first entry, or
 * the entry of a sealing that begins (seal_state.beginning). */
static fd_status choose_keys(fd_desk *d, const chain_end *end, keys *out, fd_error *err)
{
    *out = (keys){0};
    fd_status s = FD_OK;
    if (!d->seal && end->sealed && (s = load_seal(d, err)) != FD_OK)
        return s;
    seal_state *st = d->seal;
    if (!st || (!end->sealed && end->id > 0 && !st->beginning))
        return FD_OK;
    if (st->moving) {
        out->seal = &st->next;
        return FD_OK;
    }
    /* Another terminal may have moved on to a later day already; if the key file did
     * not move with it (that terminal was killed between its commit and the file, or
     * could not open one: a member of staff can arrange either for their own), the day
     * gone would stay on the machine: it is destroyed now, under the write lock. */
    if (end->sealed && st->key.epoch < end->epoch) {
        seal_key_advance(&st->key, end->epoch);
        char *path = seal_path(d);
        seal_key_mend(path, &st->key);
        free(path);
    }
    fd_date today = fd_date_of(fd_clock_now(&d->audit_clock));
    if (end->sealed && st->key.epoch < today) {
        st->next = st->key;
        seal_key_advance(&st->next, today);
        st->moving = true;
        fd_store_after_write(d->store, day_committed, d);
        *out = (keys){&st->next, &st->key};
        return FD_OK;
    }
    out->seal = &st->key;
    return FD_OK;
}

static void bind_seal(fd_stmt *st, const char *param, const seal_key *key, const unsigned char *hash)
{
    if (!key) {
        fd_bind_null(st, param);
        return;
    }
    unsigned char seal[SEAL_SIZE];
    seal_key_sign(key, hash, FD_HASH_SIZE, seal);
    fd_bind_blob(st, param, seal, sizeof seal);
}

/* Appends the entry of a row, and of its first event when event_id is not 0. */
static fd_status append_entry(fd_desk *d, const fd_actor *who, const char *action,
                              fd_record_table table, int64_t row_id, int64_t event_id,
                              fd_error *err)
{
    chain_end end;
    keys k;
    fd_status s;
    if ((s = read_chain_end(d->store, &end, err)) != FD_OK || (s = choose_keys(d, &end, &k, err)) != FD_OK)
        return s;
    audit_entry e = {end.id + 1, fd_clock_now(&d->audit_clock), who ? who->staff_id : 0, row_id,
                     action, table, event_id ? 3 : 2, k.seal != NULL, k.seal ? k.seal->epoch : 0,
                     event_id};
    unsigned char hash[FD_HASH_SIZE];
    audit_row row;
    if ((s = audit_entry_hash(d, end.hash, end.hash_size, &e, hash, &row, err)) != FD_OK)
        return s == FD_NOT_FOUND ? fd_fail(err, FD_DB, NULL, "audit: %s row %lld not found",
                                           table_names[row.missing], (long long)row.missing_id)
                                 : s;
    fd_stmt *st = fd_sql(d->store, FD_SQL_AUDIT_INSERT);
    fd_bind_int(st, ":id", e.id);
    fd_bind_int(st, ":at", e.at);
    if (who)
        fd_bind_int(st, ":staff_id", who->staff_id);
    else
        fd_bind_null(st, ":staff_id");
    fd_bind_text(st, ":action", action);
    fd_bind_text(st, ":tbl", table_names[table]);
    fd_bind_int(st, ":row_id", row_id);
    fd_bind_blob(st, ":hash", hash, sizeof hash);
    fd_bind_int(st, ":format", e.format);
    if (k.seal)
        fd_bind_int(st, ":epoch", e.epoch);
    else
        fd_bind_null(st, ":epoch");
    bind_seal(st, ":seal", k.seal, hash);
    bind_seal(st, ":bridge", k.bridge, hash);
    if (event_id)
        fd_bind_int(st, ":event_id", event_id);
    else
        fd_bind_null(st, ":event_id");
    d->wrote = true;
    return fd_exec(st, err);
}

fd_status fd_audit_row(fd_desk *d, const fd_actor *who, const char *action,
                       fd_record_table table, int64_t row_id, fd_error *err)
{
    return append_entry(d, who, action, table, row_id, 0, err);
}

fd_status fd_audit_row_and_event(fd_desk *d, const fd_actor *who, const char *action,
                                 fd_record_table table, int64_t row_id, int64_t event_id,
                                 fd_error *err)
{
    if (event_id <= 0)
        return fd_fail(err, FD_DB, NULL, "audit: %s row %lld: no event to record with it",
                       table_names[table], (long long)row_id);
    return append_entry(d, who, action, table, row_id, event_id, err);
}

fd_status fd_audit_anchor(fd_desk *d, const char *why, fd_error *err)
{
    fd_error local = {0};
    char *path = fd_desk_key_file(fd_store_path(d->store), "head");
    fd_status s = anchor_note(d->store, d->secret, sizeof d->secret, path, why, err ? err : &local);
    free(path);
    return s;
}

/* ---- the head ---- */

static void hex(const unsigned char *bin, size_t size, char out[FD_HASH_HEX])
{
    if (size != FD_HASH_SIZE) {
        out[0] = '\0';
        return;
    }
    sodium_bin2hex(out, FD_HASH_HEX, bin, size);
}

fd_status audit_read_head(fd_store *store, void *ctx, fd_error *err)
{
    fd_chain_head *head = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_AUDIT_LAST);
    fd_status s = fd_step_row(st, err);
    if (s == FD_NOT_FOUND) {
        head->entries = 0;
        head->hash[0] = '\0';
        return FD_OK;
    }
    if (s != FD_OK)
        return s;
    size_t size;
    const void *hash = fd_col_blob(st, FD_COL_AUDIT_LAST_HASH, &size);
    hex(hash, size, head->hash);
    /* Entries are numbered 1, 2, 3 … (verify reports any gap), so the last number is
     * their count: counting them instead took a fifth of a second at two million
     * visits, on every printed report. */
    head->entries = fd_col_int(st, FD_COL_AUDIT_LAST_ID);
    return FD_OK;
}

fd_status fd_audit_head(fd_desk *d, fd_chain_head *out, fd_error *err)
{
    return fd_store_read(d->store, audit_read_head, out, err);
}

/* ---- beginning the sealing, rebuilding its key ---- */

typedef struct sealing {
    fd_desk *d;
    const fd_actor *who;
    const char *how;
    seal_code code;
} sealing;

/* The sealing's own record, whose entry the new key seals. */
static fd_status record_sealing(sealing *g, fd_date epoch, fd_error *err)
{
    fd_stmt *st = fd_sql(g->d->store, FD_SQL_AUDIT_SEALING_INSERT);
    fd_bind_text(st, ":how", g->how);
    fd_bind_int(st, ":epoch", epoch);
    fd_bind_int(st, ":at", fd_clock_now(&g->d->audit_clock));
    fd_bind_int(st, ":staff_id", g->who->staff_id);
    fd_status s = fd_exec(st, err);
    if (s == FD_OK)
        s = fd_audit_row(g->d, g->who, g->how[0] == 'b' ? "audit.begin_sealing" : "audit.rebuild_sealing",
                         FD_TABLE_audit_sealing, fd_store_last_id(g->d->store), err);
    return s;
}

static void install_key(fd_desk *d, const seal_key *key, bool beginning)
{
    if (!d->seal)
        d->seal = fd_alloc(sizeof *d->seal);
    sodium_memzero(d->seal, sizeof *d->seal);
    d->seal->key = *key;
    d->seal->beginning = beginning;
}

static void drop_key(fd_desk *d)
{
    if (d->seal)
        sodium_memzero(d->seal, sizeof *d->seal);
    FD_FREE(d->seal);
}

/* The key file is written last, inside the transaction: a write that fails rolls the
 * record back with it. */
static fd_status write_installed_key(fd_desk *d, fd_error *err)
{
    char *path = seal_path(d);
    fd_status s = seal_key_write(path, &d->seal->key, err);
    free(path);
    return s;
}

static fd_status begin_txn(fd_store *store, void *ctx, fd_error *err)
{
    sealing *g = ctx;
    chain_end end;
    fd_status s = read_chain_end(store, &end, err);
    if (s != FD_OK)
        return s;
    if (end.sealed)
        return fd_fail(err, FD_STATE, NULL,
                       _("The audit chain is sealed already: its code was printed when the "
                         "sealing began."));
    seal_key key;
    seal_code_new(fd_date_of(fd_clock_now(&g->d->audit_clock)), end.id, &g->code, &key);
    install_key(g->d, &key, true);
    seal_key_wipe(&key);
    if ((s = record_sealing(g, g->d->seal->key.epoch, err)) == FD_OK)
        s = write_installed_key(g->d, err);
    g->d->seal->beginning = false;
    return s;
}

fd_status fd_audit_begin_sealing(fd_desk *d, const fd_actor *who, char code[FD_SEAL_CODE_TEXT],
                                 fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    if (!fd_may(who, FD_ACT_AUDIT_SEAL))
        return fd_fail(err, FD_DENIED, NULL, _("Only an administrator may seal the audit chain."));
    sealing g = {d, who, "begun", {{0}, 0, 0}};
    fd_status s = fd_store_write(d->store, begin_txn, &g, err);
    if (s == FD_OK)
        seal_code_format(&g.code, code);
    else
        drop_key(d);
    sodium_memzero(&g.code, sizeof g.code);
    return s;
}

/* The code seals this chain when the key of the last entry's day, derived from it,
 * matches that entry's seal. */
static bool code_seals(const seal_code *code, const chain_end *end, seal_key *key)
{
    seal_code_first_key(code, key);
    if (end->epoch < key->epoch)
        return false;
    seal_key_advance(key, end->epoch);
    return seal_key_verifies(key, end->hash, end->hash_size, end->seal, end->seal_size);
}

static fd_status rebuild_txn(fd_store *store, void *ctx, fd_error *err)
{
    sealing *g = ctx;
    chain_end end;
    fd_status s = read_chain_end(store, &end, err);
    if (s != FD_OK)
        return s;
    if (!end.sealed)
        return fd_fail(err, FD_STATE, NULL,
                       _("The audit chain is not sealed: there is no key to rebuild. Begin "
                         "the sealing with frontdesk seal --as NUMBER."));
    seal_key key;
    bool ok = code_seals(&g->code, &end, &key);
    if (ok)
        install_key(g->d, &key, false);
    seal_key_wipe(&key);
    if (!ok)
        return fd_fail(err, FD_INVALID, "code",
                       _("This code does not seal this database's audit chain: compare it "
                         "with the one in the office safe."));
    if ((s = write_installed_key(g->d, err)) == FD_OK)
        s = record_sealing(g, g->d->seal->key.epoch, err);
    return s;
}

fd_status fd_audit_rebuild_sealing(fd_desk *d, const fd_actor *who, const char *code,
                                   fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    if (!fd_may(who, FD_ACT_AUDIT_SEAL))
        return fd_fail(err, FD_DENIED, NULL, _("Only an administrator may seal the audit chain."));
    sealing g = {d, who, "rebuilt", {{0}, 0, 0}};
    fd_status s = seal_code_parse(code, &g.code)
                      ? fd_store_write(d->store, rebuild_txn, &g, err)
                      : fd_fail(err, FD_INVALID, "code",
                                _("This is not a sealing code: it may be mistyped."));
    if (s != FD_OK)
        drop_key(d);
    sodium_memzero(&g.code, sizeof g.code);
    return s;
}
