#include "frontdesk/desk.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/anchor.h"
#include "base/seal.h"
#include "frontdesk/i18n.h"
#include "frontdesk/site.h"

_Static_assert((int)SEAL_CODE_TEXT == (int)FD_SEAL_CODE_TEXT, "a sealing code's room, inside and out");

char *fd_desk_key_file(const char *db_path, const char *name)
{
    return fd_printf("%s.%s", db_path, name);
}

char *fd_desk_key_path(const char *db_path)
{
    return fd_desk_key_file(db_path, "key");
}

char *fd_desk_pepper_path(const char *db_path)
{
    return fd_desk_key_file(db_path, "pepper");
}

/* Written to a temporary file and renamed into place, so a crash leaves either no key
 * or a whole one — never an empty key that would make the database unopenable. */
static fd_status write_new_secret(const char *path, unsigned char secret[FD_SECRET_SIZE],
                                  fd_error *err)
{
    randombytes_buf(secret, FD_SECRET_SIZE);
    char *tmp = fd_printf("%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, fd_site_file_mode());
    bool ok = fd >= 0 && write(fd, secret, FD_SECRET_SIZE) == FD_SECRET_SIZE && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    ok = ok && rename(tmp, path) == 0;
    fd_status s = ok ? FD_OK
                     : fd_fail(err, FD_IO, NULL, _("Cannot write the key file %s: %s"), path,
                               strerror(errno));
    if (!ok)
        unlink(tmp);
    free(tmp);
    return s;
}

static fd_status read_secret(const char *path, unsigned char secret[FD_SECRET_SIZE], fd_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fd_fail(err, FD_IO, NULL,
                       _("Cannot read the key file %s (%s). It belongs beside the database "
                         "and is needed to verify it; restore it from the backup."),
                       path, strerror(errno));
    ssize_t n = read(fd, secret, FD_SECRET_SIZE);
    close(fd);
    if (n != FD_SECRET_SIZE)
        return fd_fail(err, FD_IO, NULL, _("The key file %s is damaged."), path);
    return FD_OK;
}

static fd_status load_secret(const char *db_path, bool create, unsigned char *secret, fd_error *err)
{
    char *key_path = fd_desk_key_path(db_path);
    struct stat st;
    fd_status s = (create && stat(key_path, &st) != 0) ? write_new_secret(key_path, secret, err)
                                                        : read_secret(key_path, secret, err);
    free(key_path);
    return s;
}

/* A new database is sealed from its first entry. A sealing key left by a creation that
 * crashed before its database was made is replaced: its code was never shown. */
static fd_status begin_sealing(fd_desk *d, const char *db_path, fd_error *err)
{
    seal_code code;
    d->seal = fd_alloc(sizeof *d->seal);
    seal_code_new(fd_date_of(fd_clock_now(&d->audit_clock)), 0, &code, &d->seal->key);
    char *path = fd_desk_key_file(db_path, "seal");
    fd_status s = seal_key_write(path, &d->seal->key, err);
    free(path);
    if (s == FD_OK) {
        d->seal_code = fd_alloc(SEAL_CODE_TEXT);
        seal_code_format(&code, d->seal_code);
    }
    sodium_memzero(&code, sizeof code);
    return s;
}

/* An existing database's key of the day, if it is sealed: a desk without one can read
 * and verify, and writes while the chain itself has no seal yet (see audit.c). A
 * damaged key file stops a desk that would write, not one that only reads. */
static fd_status load_sealing(fd_desk *d, const char *db_path, int flags, fd_error *err)
{
    char *path = fd_desk_key_file(db_path, "seal");
    seal_key key;
    fd_status s = seal_key_read(path, &key, err);
    free(path);
    if (s == FD_OK) {
        d->seal = fd_alloc(sizeof *d->seal);
        d->seal->key = key;
        seal_key_wipe(&key);
    }
    return s == FD_NOT_FOUND || (s != FD_OK && (flags & FD_STORE_READONLY)) ? FD_OK : s;
}

fd_status fd_desk_open(const char *path, int flags, const fd_config *config, fd_clock clock,
                       fd_desk **out, fd_error *err)
{
    *out = NULL;
    if (sodium_init() < 0)
        return fd_fail(err, FD_IO, NULL, _("The cryptography library could not start."));
    struct stat st;
    bool is_new = stat(path, &st) != 0;
    fd_desk *d = fd_alloc(sizeof *d);
    d->config = config;
    d->clock = clock;
    d->audit_clock = clock;
    /* A new database gets its keys first: a crash in between leaves keys without a
     * database, which the next attempt simply uses. */
    bool create = is_new && (flags & FD_STORE_CREATE);
    fd_status s = create ? load_secret(path, true, d->secret, err) : FD_OK;
    if (s == FD_OK && create)
        s = begin_sealing(d, path, err);
    if (s == FD_OK)
        s = fd_store_open(path, flags, &d->store, err);
    if (s == FD_OK && !create)
        s = load_secret(path, false, d->secret, err);
    if (s == FD_OK && !create)
        s = load_sealing(d, path, flags, err);
    if (s == FD_OK) {
        d->secret_mac = fd_alloc(sizeof *d->secret_mac);
        crypto_auth_hmacsha256_init(d->secret_mac, d->secret, sizeof d->secret);
    }
    if (s != FD_OK) {
        fd_desk_close(d);
        return s;
    }
    *out = d;
    return FD_OK;
}

/* What a desk wrote is anchored when it is done: deleting its entries afterwards, or
 * putting an older copy in place, leaves the database behind its head file. (Noting
 * it at every commit would cost each write a file renamed, some 0.6 ms.) */
static void anchor_on_close(fd_desk *d)
{
    char *path = fd_desk_key_file(fd_store_path(d->store), "head");
    anchor_note(d->store, d->secret, sizeof d->secret, path, NULL, NULL);
    free(path);
}

void fd_desk_close(fd_desk *desk)
{
    if (!desk)
        return;
    if (desk->wrote)
        anchor_on_close(desk);
    fd_store_close(desk->store);
    sodium_memzero(desk->secret, sizeof desk->secret);
    if (desk->secret_mac)
        sodium_memzero(desk->secret_mac, sizeof *desk->secret_mac);
    free(desk->secret_mac);
    if (desk->seal)
        sodium_memzero(desk->seal, sizeof *desk->seal);
    free(desk->seal);
    if (desk->seal_code)
        sodium_memzero(desk->seal_code, SEAL_CODE_TEXT);
    free(desk->seal_code);
    free(desk);
}

bool fd_desk_take_seal_code(fd_desk *d, char out[FD_SEAL_CODE_TEXT])
{
    if (!d->seal_code)
        return false;
    snprintf(out, FD_SEAL_CODE_TEXT, "%s", d->seal_code);
    sodium_memzero(d->seal_code, SEAL_CODE_TEXT);
    FD_FREE(d->seal_code);
    return true;
}

void fd_desk_hmac_hex(const fd_desk *d, const char *text, char out[FD_HASH_HEX])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state = *d->secret_mac;
    crypto_auth_hmacsha256_update(&state, (const unsigned char *)text, strlen(text));
    crypto_auth_hmacsha256_final(&state, mac);
    sodium_bin2hex(out, FD_HASH_HEX, mac, sizeof mac);
}
