/* Status codes and the error a failed operation hands back.
 * Every code is declared once, with its exit status and message, in FD_STATUS_LIST. */
#ifndef FRONTDESK_STATUS_H
#define FRONTDESK_STATUS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* X(name, sysexits code, message) */
#define FD_STATUS_LIST(X)                                                   \
    X(OK,         0,  N_("done"))                                          \
    X(INVALID,    65, N_("invalid input"))                                 \
    X(DENIED,     77, N_("not permitted for this role"))                   \
    X(NOT_FOUND,  66, N_("not found"))                                     \
    X(STATE,      65, N_("not allowed in the current state"))              \
    X(CONFLICT,   65, N_("already recorded"))                              \
    X(LOCKED,     77, N_("account locked"))                                \
    X(BAD_PIN,    77, N_("wrong staff number or PIN"))                     \
    X(FOREIGN_DB, 65, N_("not a frontdesk database"))                      \
    X(TOO_NEW,    65, N_("database is newer than this program"))           \
    X(DB,         74, N_("database error"))                                \
    X(BUSY,       75, N_("database busy, try again"))                      \
    X(IO,         74, N_("input/output error"))                            \
    X(CONFIG,     78, N_("configuration error"))                           \
    X(USAGE,      64, N_("usage error"))                                   \
    X(TAMPERED,   65, N_("records do not match the audit chain"))

typedef enum fd_status {
#define FD_STATUS_ENUM(name, code, msg) FD_##name,
    FD_STATUS_LIST(FD_STATUS_ENUM)
#undef FD_STATUS_ENUM
} fd_status;

enum { FD_FIELD_MAX = 48, FD_MESSAGE_MAX = 512 };

/* What went wrong, ready to show: the message is already translated, and
 * field names the form field it belongs to ("" when it concerns no field). */
typedef struct fd_error {
    fd_status status;
    char field[FD_FIELD_MAX];
    char message[FD_MESSAGE_MAX];
} fd_error;

/* Records a failure in err (which may be NULL) and returns status. */
fd_status fd_fail(fd_error *err, fd_status status, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
fd_status fd_vfail(fd_error *err, fd_status status, const char *field, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

void fd_error_clear(fd_error *err);
const char *fd_status_message(fd_status status); /* translated */
/* What to show for err: its message, or its status's when it has none. */
const char *fd_error_text(const fd_error *err);
int fd_status_exit_code(fd_status status);        /* sysexits.h value */

/* Signs of life from long work (verify, purge): done of total so far, every so often
 * and once at the end. show may be NULL. */
typedef struct fd_progress_sink {
    void (*show)(void *ctx, int64_t done, int64_t total);
    void *ctx;
} fd_progress_sink;

static inline void fd_progress_show(const fd_progress_sink *p, int64_t done, int64_t total)
{
    if (p && p->show)
        p->show(p->ctx, done, total);
}

/* Allocation that cannot fail: out of memory aborts, so callers need no checks. */
void *fd_alloc(size_t size);      /* zeroed */
void *fd_realloc(void *p, size_t size);
char *fd_strdup(const char *s);   /* NULL stays NULL */
char *fd_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Frees *p and sets it to NULL. */
#define FD_FREE(p) do { free(p); (p) = NULL; } while (0)

#endif
