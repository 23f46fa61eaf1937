/* The directory (业户档案): buildings, floors and units; occupants (owners, tenants,
 * companies with departments and people); phones; emergency contacts (业户紧急联系表);
 * key entrustments (业户钥匙委托书). Imported from CSV, searched by the pickers. */
#ifndef FRONTDESK_DIRECTORY_H
#define FRONTDESK_DIRECTORY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "frontdesk/desk.h"
#include "frontdesk/roles.h"

#define FD_OCCUPANT_KIND_LIST(X)                         \
    X(OWNER,    "owner",    N_("Owner"))                 \
    X(TENANT,   "tenant",   N_("Tenant"))                \
    X(COMPANY,  "company",  N_("Company"))               \
    X(EMPLOYEE, "employee", N_("Company staff"))

typedef enum fd_occupant_kind {
#define FD_OCC_ENUM(id, name, label) FD_OCC_##id,
    FD_OCCUPANT_KIND_LIST(FD_OCC_ENUM)
#undef FD_OCC_ENUM
    FD_OCC_COUNT
} fd_occupant_kind;

const char *fd_occupant_kind_name(fd_occupant_kind k);
const char *fd_occupant_kind_label(fd_occupant_kind k); /* translated */
bool fd_occupant_kind_parse(const char *name, fd_occupant_kind *out);

/* One line of a CSV import that was refused: nothing from that file was imported. */
typedef struct fd_import_problem {
    long line;       /* 1-based line number in the file */
    char column[32]; /* "" when the whole row is at fault */
    char message[256];
} fd_import_problem;

typedef struct fd_import_result {
    long rows;               /* data rows read */
    long imported;           /* rows written (0 when any row was bad) */
    fd_import_problem *problems;
    size_t problem_count;
} fd_import_result;
void fd_import_result_free(fd_import_result *r);

/* units.csv: building,floor,room with a header line.
 * occupants.csv: unit,kind,name,phone[,company,department,position,
 *                emergency_name,emergency_relation,emergency_phone,key_entrusted_on]
 * A file with any bad row imports nothing and lists every bad row (FD_INVALID). */
fd_status fd_directory_import_units(fd_desk *d, const fd_actor *who, FILE *csv,
                                    fd_import_result *out, fd_error *err);
fd_status fd_directory_import_occupants(fd_desk *d, const fd_actor *who, FILE *csv,
                                        fd_import_result *out, fd_error *err);

/* What a picker offers: a unit, an occupant, a company, a department or a person.
 * An emergency contact comes only from fd_directory_contacts. */
typedef enum fd_dir_kind {
    FD_DIR_UNIT = 1, FD_DIR_OCCUPANT = 2, FD_DIR_COMPANY = 4, FD_DIR_DEPARTMENT = 8,
    FD_DIR_PERSON = 16, FD_DIR_ANY = 31, FD_DIR_CONTACT = 32
} fd_dir_kind;

typedef struct fd_dir_entry {
    fd_dir_kind kind;
    int64_t id;
    int64_t unit_id;
    const char *unit;      /* "A-1203" */
    const char *name;      /* occupant, company, department or person; "" for a unit */
    const char *company;   /* for departments and people, else NULL */
    const char *department;
    const char *position;  /* a person's; an emergency contact's relation */
    const char *phone;     /* as the reader may see it: masked unless phone_in_full */
    bool phone_in_full;    /* the reader's role reads phones in full (fd_may_see_phones);
                              one who may not can have a supervisor approve in place and
                              read the entry again as the supervisor */
} fd_dir_entry;

/* Entries whose unit code starts with text, or whose name contains it (ASCII case
 * ignored); at most limit (negative: all), ordered by unit code then name, read by who
 * (NULL: nobody in particular, phones masked). each() receives entries valid only
 * during the call. */
fd_status fd_directory_search(fd_desk *d, const fd_actor *who, unsigned kinds, const char *text,
                              int limit, void (*each)(void *ctx, const fd_dir_entry *e),
                              void *ctx, fd_error *err);

/* Whom to call about a unit, for the emergency key trail: its owners, then its tenants
 * (FD_DIR_OCCUPANT), then its emergency contacts (FD_DIR_CONTACT), read by who (as
 * above). FD_NOT_FOUND when there is no such unit. */
fd_status fd_directory_contacts(fd_desk *d, const fd_actor *who, int64_t unit_id,
                                void (*each)(void *ctx, const fd_dir_entry *e), void *ctx,
                                fd_error *err);

#endif
