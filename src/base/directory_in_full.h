/* The directory as the core reads it for its own work, whoever is working: phones as
 * stored. For checking whom a recorded call went to and for writing the demo week —
 * never for showing: screens and commands read fd_directory_search and
 * fd_directory_contacts, which mask phones for the reader. */
#ifndef FRONTDESK_BASE_DIRECTORY_IN_FULL_H
#define FRONTDESK_BASE_DIRECTORY_IN_FULL_H

#include "frontdesk/directory.h"

fd_status fd_directory_search_in_full(fd_desk *d, unsigned kinds, const char *text, int limit,
                                      void (*each)(void *ctx, const fd_dir_entry *e), void *ctx,
                                      fd_error *err);
fd_status fd_directory_contacts_in_full(fd_desk *d, int64_t unit_id,
                                        void (*each)(void *ctx, const fd_dir_entry *e), void *ctx,
                                        fd_error *err);

#endif
