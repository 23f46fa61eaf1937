/* A store on a fresh temporary database, migrated to the current schema. */
#ifndef FRONTDESK_STORE_FIXTURE_H
#define FRONTDESK_STORE_FIXTURE_H

#include "frontdesk/store.h"

/* The store of testlib_path(name), created; the test fails when it cannot be. */
fd_store *store_fixture_open(const char *name);

#endif
