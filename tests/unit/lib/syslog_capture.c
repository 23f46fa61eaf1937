/* See syslog_capture.h. Linked into a suite only when it uses the capture, so the
 * other suites keep the C library's syslog. */
#include "syslog_capture.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* __syslog_chk is what syslog becomes under _FORTIFY_SOURCE. */
void syslog(int priority, const char *format, ...) __attribute__((format(printf, 2, 3)));
void __syslog_chk(int priority, int flag, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static char all[8192], last[1024];

static void capture(const char *format, va_list ap) __attribute__((format(printf, 1, 0)));
static void capture(const char *format, va_list ap)
{
    vsnprintf(last, sizeof last, format, ap);
    size_t used = strlen(all);
    snprintf(all + used, sizeof all - used, "Nov 27 10:00:00 desk frontdesk[4242]: %s\n", last);
}

void syslog(int priority, const char *format, ...)
{
    (void)priority;
    va_list ap;
    va_start(ap, format);
    capture(format, ap);
    va_end(ap);
}

void __syslog_chk(int priority, int flag, const char *format, ...)
{
    (void)priority;
    (void)flag;
    va_list ap;
    va_start(ap, format);
    capture(format, ap);
    va_end(ap);
}

const char *syslog_capture_all(void)
{
    return all;
}

const char *syslog_capture_last(void)
{
    return last;
}

void syslog_capture_clear(void)
{
    all[0] = last[0] = '\0';
}
