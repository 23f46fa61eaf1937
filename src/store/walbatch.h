/* The store's VFS: the platform's own, except that a connection's writes to its
 * write-ahead log are gathered and reach the file in one system call when SQLite
 * syncs the log (or reads it, sizes it, truncates it or publishes its index), where
 * SQLite writes every frame's header and page as two. See walbatch.c. */
#ifndef FRONTDESK_STORE_WALBATCH_H
#define FRONTDESK_STORE_WALBATCH_H

/* The VFS's name for sqlite3_open_v2, registered on the first call; NULL (SQLite's
 * default) when it cannot be. */
const char *fd_walbatch_vfs(void);

#endif
