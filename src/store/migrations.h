/* The schema migrations compiled in from data/migrations (see cmake/embed_migrations.cmake). */
#ifndef FRONTDESK_MIGRATIONS_H
#define FRONTDESK_MIGRATIONS_H

typedef struct fd_migration {
    int version;      /* the user_version the schema has after it */
    const char *name; /* file name */
    const char *sql;
} fd_migration;

extern const fd_migration fd_migrations[];
extern const int fd_migration_count;

#endif
