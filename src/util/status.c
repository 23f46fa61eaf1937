#include "frontdesk/status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"

static const struct {
    int exit_code;
    const char *message;
} statuses[] = {
#define FD_STATUS_ROW(name, code, msg) {code, msg},
    FD_STATUS_LIST(FD_STATUS_ROW)
#undef FD_STATUS_ROW
};

const char *fd_status_message(fd_status status)
{
    return _(statuses[status].message);
}

const char *fd_error_text(const fd_error *err)
{
    return err->message[0] ? err->message : fd_status_message(err->status);
}

int fd_status_exit_code(fd_status status)
{
    return statuses[status].exit_code;
}

fd_status fd_vfail(fd_error *err, fd_status status, const char *field, const char *fmt, va_list ap)
{
    if (!err)
        return status;
    err->status = status;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    if (fmt)
        vsnprintf(err->message, sizeof err->message, fmt, ap);
    else
        snprintf(err->message, sizeof err->message, "%s", fd_status_message(status));
    return status;
}

fd_status fd_fail(fd_error *err, fd_status status, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fd_vfail(err, status, field, fmt, ap);
    va_end(ap);
    return status;
}

void fd_error_clear(fd_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

static void out_of_memory(size_t size)
{
    fprintf(stderr, "frontdesk: out of memory (%zu bytes)\n", size);
    abort();
}

void *fd_alloc(size_t size)
{
    void *p = calloc(1, size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *fd_realloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        out_of_memory(size);
    return q;
}

char *fd_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = fd_alloc(n);
    memcpy(copy, s, n);
    return copy;
}

char *fd_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = fd_alloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}
