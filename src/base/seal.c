/* The sealing key: see seal.h. */
#include "base/seal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/i18n.h"
#include "frontdesk/site.h"

/* ---- the days' keys ---- */

static const char first_day_context[] = "frontdesk seal: the first day";
static const char next_day_context[] = "frontdesk seal: the next day";

/* The key's bytes are set: its HMAC state follows them. */
static void key_ready(seal_key *key)
{
    crypto_auth_hmacsha256_init(&key->mac, key->key, sizeof key->key);
}

void seal_code_first_key(const seal_code *code, seal_key *key)
{
    unsigned char day[8];
    for (int i = 0; i < 8; i++)
        day[i] = (unsigned char)((uint64_t)code->first_epoch >> (8 * i));
    crypto_generichash_state h;
    crypto_generichash_init(&h, code->seed, sizeof code->seed, sizeof key->key);
    crypto_generichash_update(&h, (const unsigned char *)first_day_context, sizeof first_day_context);
    crypto_generichash_update(&h, day, sizeof day);
    crypto_generichash_final(&h, key->key, sizeof key->key);
    key->epoch = code->first_epoch;
    key_ready(key);
}

void seal_code_new(fd_date first_epoch, int64_t entries_before, seal_code *code, seal_key *key)
{
    randombytes_buf(code->seed, sizeof code->seed);
    code->first_epoch = first_epoch;
    code->entries_before = entries_before;
    seal_code_first_key(code, key);
}

/* One day on: the next key is a one-way function of this one, which is then wiped. */
static void next_day(seal_key *key)
{
    unsigned char next[SEAL_KEY_SIZE];
    crypto_generichash(next, sizeof next, (const unsigned char *)next_day_context,
                       sizeof next_day_context, key->key, sizeof key->key);
    memcpy(key->key, next, sizeof next);
    sodium_memzero(next, sizeof next);
    key->epoch++;
    key_ready(key);
}

void seal_key_advance(seal_key *key, fd_date epoch)
{
    while (key->epoch < epoch)
        next_day(key);
}

void seal_key_sign(const seal_key *key, const unsigned char *hash, size_t size,
                   unsigned char out[SEAL_SIZE])
{
    crypto_auth_hmacsha256_state h = key->mac;
    crypto_auth_hmacsha256_update(&h, hash, size);
    crypto_auth_hmacsha256_final(&h, out);
}

bool seal_key_verifies(const seal_key *key, const unsigned char *hash, size_t hash_size,
                       const unsigned char *seal, size_t seal_size)
{
    unsigned char want[SEAL_SIZE];
    seal_key_sign(key, hash, hash_size, want);
    return seal_size == SEAL_SIZE && sodium_memcmp(want, seal, SEAL_SIZE) == 0;
}

void seal_key_wipe(seal_key *key)
{
    sodium_memzero(key, sizeof *key);
}

/* ---- the code ---- */

/* seed, first day and entries before, each big-endian, then two bytes of check. */
enum { PAYLOAD = SEAL_SEED_SIZE + 4 + 4, CHECK = 2, CODE_BYTES = PAYLOAD + CHECK, CODE_CHARS = CODE_BYTES * 8 / 5 };
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (24 - 8 * i));
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void check_of(const unsigned char *payload, unsigned char out[CHECK])
{
    unsigned char h[crypto_generichash_BYTES_MIN];
    crypto_generichash(h, sizeof h, payload, PAYLOAD, NULL, 0);
    memcpy(out, h, CHECK);
}

void seal_code_format(const seal_code *code, char out[SEAL_CODE_TEXT])
{
    unsigned char bytes[CODE_BYTES];
    memcpy(bytes, code->seed, SEAL_SEED_SIZE);
    put_u32(bytes + SEAL_SEED_SIZE, (uint32_t)code->first_epoch);
    put_u32(bytes + SEAL_SEED_SIZE + 4, (uint32_t)code->entries_before);
    check_of(bytes, bytes + PAYLOAD);
    char *w = out;
    for (int i = 0; i < CODE_CHARS; i++) {
        int bit = i * 5, value = 0;
        for (int b = 0; b < 5; b++, bit++)
            value = value << 1 | (bytes[bit / 8] >> (7 - bit % 8) & 1);
        if (i > 0 && i % 4 == 0)
            *w++ = '-';
        *w++ = alphabet[value];
    }
    *w = '\0';
    sodium_memzero(bytes, sizeof bytes);
}

/* The value of a typed character, -1 for one to skip, -2 for one that is not in a code. */
static int char_value(char c)
{
    if (c == '-' || c == ' ')
        return -1;
    c = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    c = c == 'O' ? '0' : (c == 'I' || c == 'L') ? '1' : c;
    const char *at = c ? strchr(alphabet, c) : NULL;
    return at ? (int)(at - alphabet) : -2;
}

bool seal_code_parse(const char *text, seal_code *out)
{
    unsigned char bytes[CODE_BYTES] = {0};
    int chars = 0;
    for (const char *p = text; *p; p++) {
        int value = char_value(*p);
        if (value == -2 || (value >= 0 && chars == CODE_CHARS))
            return false;
        for (int b = 0; value >= 0 && b < 5; b++) {
            int bit = chars * 5 + b;
            bytes[bit / 8] |= (unsigned char)((value >> (4 - b) & 1) << (7 - bit % 8));
        }
        chars += value >= 0;
    }
    unsigned char check[CHECK];
    check_of(bytes, check);
    bool ok = chars == CODE_CHARS && memcmp(check, bytes + PAYLOAD, CHECK) == 0;
    if (ok) {
        memcpy(out->seed, bytes, SEAL_SEED_SIZE);
        out->first_epoch = (fd_date)get_u32(bytes + SEAL_SEED_SIZE);
        out->entries_before = get_u32(bytes + SEAL_SEED_SIZE + 4);
    }
    sodium_memzero(bytes, sizeof bytes);
    return ok;
}

/* ---- the key file ---- */

static const char file_magic[8] = "FDSEAL1\n";
enum { FILE_SIZE = sizeof file_magic + 8 + SEAL_KEY_SIZE };

fd_status seal_key_read(const char *path, seal_key *key, fd_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return FD_NOT_FOUND;
    if (fd < 0)
        return fd_fail(err, FD_IO, NULL, _("Cannot read the sealing key %s: %s"), path,
                       strerror(errno));
    unsigned char buf[FILE_SIZE + 1];
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    if (n != FILE_SIZE || memcmp(buf, file_magic, sizeof file_magic) != 0)
        return fd_fail(err, FD_IO, NULL, _("The sealing key %s is damaged."), path);
    uint64_t epoch = 0;
    for (int i = 0; i < 8; i++)
        epoch |= (uint64_t)buf[sizeof file_magic + i] << (8 * i);
    key->epoch = (fd_date)epoch;
    memcpy(key->key, buf + sizeof file_magic + 8, SEAL_KEY_SIZE);
    sodium_memzero(buf, sizeof buf);
    key_ready(key);
    return FD_OK;
}

/* The rename is made durable too: otherwise a crash could bring the day before's file,
 * and its key, back. */
static bool sync_directory_of(const char *path)
{
    char *copy = fd_strdup(path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    bool ok = fd >= 0 && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

/* Written whole under the temporary name path + suffix, then renamed over path. */
static fd_status write_key_file(const char *path, const char *suffix, const seal_key *key,
                                fd_error *err)
{
    unsigned char buf[FILE_SIZE];
    memcpy(buf, file_magic, sizeof file_magic);
    for (int i = 0; i < 8; i++)
        buf[sizeof file_magic + i] = (unsigned char)((uint64_t)key->epoch >> (8 * i));
    memcpy(buf + sizeof file_magic + 8, key->key, SEAL_KEY_SIZE);
    char *tmp = fd_printf("%s%s", path, suffix);
    mode_t mode = fd_site_file_mode();
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
    bool ok = fd >= 0 && fchmod(fd, mode) == 0 && write(fd, buf, sizeof buf) == (ssize_t)sizeof buf &&
              fsync(fd) == 0;
    int failure = ok ? 0 : errno;
    if (fd >= 0)
        close(fd);
    if (ok && (rename(tmp, path) != 0 || !sync_directory_of(path))) {
        ok = false;
        failure = errno;
    }
    if (!ok)
        unlink(tmp);
    free(tmp);
    sodium_memzero(buf, sizeof buf);
    return ok ? FD_OK
              : fd_fail(err, FD_IO, NULL, _("Cannot write the sealing key %s: %s"), path,
                        strerror(failure));
}

/* The mover's temporary name, and the mender's (seal_key_mend): a file of each, so that
 * neither truncates what the other is about to rename into place. */
static const char moving_suffix[] = ".tmp", mending_suffix[] = ".mend";

fd_status seal_key_write(const char *path, const seal_key *key, fd_error *err)
{
    fd_status s = write_key_file(path, moving_suffix, key, err);
    /* A mender killed before its rename left the key of a day now gone beside it. */
    char *mending = fd_printf("%s%s", path, mending_suffix);
    unlink(mending);
    free(mending);
    return s;
}

bool seal_key_mend(const char *path, const seal_key *key)
{
    seal_key on_file;
    fd_status s = seal_key_read(path, &on_file, NULL);
    bool behind = s == FD_OK && on_file.epoch < key->epoch;
    seal_key_wipe(&on_file);
    return behind && write_key_file(path, mending_suffix, key, NULL) == FD_OK;
}
