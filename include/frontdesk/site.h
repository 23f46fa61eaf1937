/* A site install (README, "Site install"): the program is installed setgid to the
 * frontdesk group, and the database, its WAL, its key and the PIN pepper live in a
 * directory that only that group may enter. Staff log in to the machine as themselves
 * and reach the data through the program alone, so the program must not be steered by
 * the person running it: no configuration, clock, database or module of their choosing,
 * no core dump or trace of its memory (it holds the key and PINs), and every file the
 * person names is opened with their own rights, never the group's. */
#ifndef FRONTDESK_SITE_H
#define FRONTDESK_SITE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/* Whether this process runs with a group the person running it does not have: its
 * saved or effective group is not its real one (a setgid program). It stays true
 * while fd_user_* below borrow the person's own group for a moment. */
bool fd_site_mode(void);

/* First thing in main. In a site install: no core dumps and no tracing of the process
 * by the person who started it, and files the program makes in the protected
 * directory (the WAL, copies) open to the group (umask 007). Nothing otherwise. */
void fd_site_harden(void);

/* The mode for a file the program keeps beside the database (key, pepper, a restored
 * copy): the group's as well in a site install, where the directory keeps everyone
 * else out and every member of staff runs as a different user; the owner's alone
 * otherwise. */
mode_t fd_site_file_mode(void);

/* Whether the person running the program is the operating system's administrator. */
bool fd_site_is_root(void);

/* The file operations on a path the person named (an export, a report, a CSV to
 * import), done with the person's own group rather than the frontdesk group: a path
 * into the protected directory, or a link to it, then fails as it would for them.
 * Each behaves as the C library call of the same name, except that fd_user_link
 * follows a symbolic link it is given (as linkat's AT_SYMLINK_FOLLOW), so that
 * /proc/self/fd/N names the open file. */
FILE *fd_user_fopen(const char *path, const char *mode);
int fd_user_open(const char *path, int flags, mode_t mode);
int fd_user_mkstemp(char *template_path);
int fd_user_mkdir(const char *path, mode_t mode);
int fd_user_rename(const char *from, const char *to);
int fd_user_link(const char *from, const char *to);
int fd_user_unlink(const char *path);

/* For work done by libraries that open files of their own choosing, steered by the
 * person's environment and home (the PDF renderer's fontconfig reads the configuration
 * FONTCONFIG_FILE or ~/.config/fontconfig names, scans the folders it lists and writes
 * its caches where it says): between begin and end the process has the person's own
 * group, so all of that happens with their rights. begin fails (errno EPERM) rather
 * than go on with the group's; end gives the group back. */
bool fd_user_rights_begin(gid_t *site);
void fd_user_rights_end(gid_t site);

#endif
