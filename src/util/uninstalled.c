/* The build tree's catalogues and PDF module let the tests and the README's first
 * command run without `make install`. An installed program must never load them: the
 * build tree's path is baked into every binary, and whoever can write that folder
 * (another account on a shared build machine, a checkout left behind) could then put
 * code into the console by leaving a module there, or rewrite its messages.
 *
 * So the build tree counts only for a program that itself lies in the build tree, as
 * the kernel reports it in /proc/self/exe (which the program cannot be talked out of
 * by its arguments or environment). Anyone able to plant files there could replace
 * that program anyway; an installed copy lies elsewhere and never looks. A program of
 * a site install (setgid) never does either, wherever it lies: the person running it
 * may own the build tree. */
#include "util/uninstalled.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/site.h"

bool fd_running_uninstalled(void)
{
    static int answer = -1;
    if (answer < 0) {
        char exe[PATH_MAX], tree[PATH_MAX];
        answer = !fd_site_mode() && realpath("/proc/self/exe", exe) &&
                 realpath(FRONTDESK_BUILD_DIR, tree) && strncmp(exe, tree, strlen(tree)) == 0 && exe[strlen(tree)] == '/';
    }
    return answer;
}
