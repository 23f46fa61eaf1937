/* The program's calls to syslog(3), caught before the C library's in a suite that
 * uses this: the anchors it writes, read back as a system log would hold them. */
#ifndef SYSLOG_CAPTURE_H
#define SYSLOG_CAPTURE_H

/* Every line since the last clear, each as /var/log/syslog would show it. */
const char *syslog_capture_all(void);
/* The last message alone, as the program formatted it. */
const char *syslog_capture_last(void);
void syslog_capture_clear(void);

#endif
