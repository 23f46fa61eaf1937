/* Whether this process is a program of the build tree, which alone may use the build
 * tree's translations and PDF module. */
#ifndef FRONTDESK_UNINSTALLED_H
#define FRONTDESK_UNINSTALLED_H

#include <stdbool.h>

bool fd_running_uninstalled(void);

#endif
