/* The statement catalogue compiled in from src/store/sql/ *.sql by src/store/sqlgen,
 * indexed by fd_sql_id. */
#ifndef FRONTDESK_CATALOGUE_H
#define FRONTDESK_CATALOGUE_H

#include "store/sql_ids.h"

typedef struct fd_sql_entry {
    const char *name;    /* as after "-- name:" */
    const char *columns; /* the result columns' names, comma-separated, at build time */
    const char *text;
} fd_sql_entry;

extern const fd_sql_entry fd_sql_catalogue[FD_SQL_COUNT];

#endif
