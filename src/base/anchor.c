/* Anchors of the audit chain: see anchor.h. */
#include "base/anchor.h"

#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "frontdesk/i18n.h"
#include "frontdesk/site.h"
#include "store/stmt.h"

enum { MAC_HEX = 17, HASH_HEX = 2 * ANCHOR_HASH_SIZE + 1, LINE_MAX_BYTES = 8192 };

static const char tag[] = "frontdesk-anchor ";

void anchor_db_id(const unsigned char *secret, size_t size, char out[ANCHOR_DB_HEX])
{
    static const char context[] = "frontdesk: the database's name";
    unsigned char id[(ANCHOR_DB_HEX - 1) / 2];
    crypto_generichash(id, sizeof id, (const unsigned char *)context, sizeof context, secret, size);
    sodium_bin2hex(out, ANCHOR_DB_HEX, id, sizeof id);
}

/* What the MAC covers: every field but itself, in a fixed order. */
static void mac_of(const unsigned char *secret, size_t size, const char *db, long long entries,
                   const char *hash, const char *why, const char *path, char out[MAC_HEX])
{
    char *text = fd_printf("db=%s entries=%lld head=%s why=%s path=%s", db, entries, hash, why, path);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state h;
    crypto_auth_hmacsha256_init(&h, secret, size);
    crypto_auth_hmacsha256_update(&h, (const unsigned char *)text, strlen(text));
    crypto_auth_hmacsha256_final(&h, mac);
    sodium_bin2hex(out, MAC_HEX, mac, (MAC_HEX - 1) / 2);
    free(text);
}

bool anchor_parse(const char *line, const unsigned char *secret, size_t secret_size, anchor *out)
{
    const char *at = strstr(line, tag);
    char hash[HASH_HEX], mac[MAC_HEX], want[MAC_HEX];
    long long entries;
    int path_at = 0;
    memset(out, 0, sizeof *out);
    if (!at || sscanf(at, "frontdesk-anchor db=%16s entries=%lld head=%64s why=%15s mac=%16s path=%n",
                      out->db, &entries, hash, out->why, mac, &path_at) != 5 || path_at == 0)
        return false;
    const char *path = at + path_at;
    size_t path_size = strcspn(path, "\r\n");
    out->path = fd_printf("%.*s", (int)path_size, path);
    out->entries = entries;
    mac_of(secret, secret_size, out->db, entries, hash, out->why, out->path, want);
    size_t size = 0;
    bool ok = strlen(out->db) == ANCHOR_DB_HEX - 1 && strcmp(mac, want) == 0 &&
              sodium_hex2bin(out->hash, sizeof out->hash, hash, strlen(hash), NULL, &size, NULL) == 0 &&
              size == ANCHOR_HASH_SIZE;
    if (!ok)
        anchor_free(out);
    return ok;
}

void anchor_free(anchor *a)
{
    FD_FREE(a->path);
}

/* ---- noting the head ---- */

typedef struct head {
    int64_t entries;
    char hash[HASH_HEX];
} head;

static fd_status read_head(fd_store *store, void *ctx, fd_error *err)
{
    head *h = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_AUDIT_LAST);
    fd_status s = fd_step_row(st, err);
    size_t size = 0;
    const void *hash = s == FD_OK ? fd_col_blob(st, FD_COL_AUDIT_LAST_HASH, &size) : NULL;
    if (s == FD_OK && size == ANCHOR_HASH_SIZE) {
        h->entries = fd_col_int(st, FD_COL_AUDIT_LAST_ID);
        sodium_bin2hex(h->hash, sizeof h->hash, hash, size);
    }
    fd_stmt_reset(st);
    return s == FD_NOT_FOUND ? FD_OK : s;
}

/* Whether the head file holds this database's head at entries or later already. */
static bool holds_later(const char *path, const unsigned char *secret, size_t size, const char *db,
                        int64_t entries)
{
    FILE *f = fopen(path, "r");
    char line[LINE_MAX_BYTES];
    bool later = false;
    anchor a;
    if (f && fgets(line, sizeof line, f) && anchor_parse(line, secret, size, &a)) {
        later = strcmp(a.db, db) == 0 && a.entries >= entries;
        anchor_free(&a);
    }
    if (f)
        fclose(f);
    return later;
}

/* To a temporary name, then renamed over the old one. Not synced: after a crash the
 * file may hold an older head (or none), never one the database has not committed, as
 * it is written after the commit. Two terminals noting at once may leave the older of
 * their heads: weaker, never wrong. */
static fd_status write_head_file(const char *path, const char *line, fd_error *err)
{
    char *tmp = fd_printf("%s.tmp", path);
    mode_t mode = fd_site_file_mode();
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
    size_t size = strlen(line);
    bool ok = fd >= 0 && fchmod(fd, mode) == 0 && write(fd, line, size) == (ssize_t)size;
    if (fd >= 0)
        close(fd);
    ok = ok && rename(tmp, path) == 0;
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok ? FD_OK : fd_fail(err, FD_IO, NULL, _("Cannot write the head file %s."), path);
}

fd_status anchor_note(fd_store *store, const unsigned char *secret, size_t secret_size,
                      const char *head_path, const char *why, fd_error *err)
{
    head h = {0};
    fd_status s = fd_store_read(store, read_head, &h, err);
    if (s != FD_OK || h.entries == 0)
        return s;
    char db[ANCHOR_DB_HEX], mac[MAC_HEX], resolved[PATH_MAX];
    anchor_db_id(secret, secret_size, db);
    const char *path = realpath(fd_store_path(store), resolved) ? resolved : fd_store_path(store);
    const char *reason = why ? why : "close";
    mac_of(secret, secret_size, db, (long long)h.entries, h.hash, reason, path, mac);
    char *line = fd_printf("%sdb=%s entries=%lld head=%s why=%s mac=%s path=%s\n", tag, db,
                           (long long)h.entries, h.hash, reason, mac, path);
    if (why) {
        openlog("frontdesk", LOG_PID, LOG_USER);
        syslog(LOG_NOTICE, "%.*s", (int)strlen(line) - 1, line);
    }
    if (!holds_later(head_path, secret, secret_size, db, h.entries))
        s = write_head_file(head_path, line, err);
    free(line);
    return s;
}
