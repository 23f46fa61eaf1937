/* The demo's made-up texts that the benchmark's generator (tests/bench) writes too, so
 * that both fill a building with the same kinds of things. Not public: the demo's and
 * the benchmark's. */
#ifndef FRONTDESK_DEMO_DATA_H
#define FRONTDESK_DEMO_DATA_H

#include "frontdesk/directory.h"
#include "frontdesk/visitors.h"

enum { DEMO_COURIERS = 7, DEMO_PAPERS = 4, DEMO_RELATIONS = 5, DEMO_COLLECTORS = 3,
       DEMO_INCIDENTS = 6 };

/* Carriers as the shipped configuration spells them, and how their numbers look. */
typedef struct demo_courier {
    const char *name, *prefix, *suffix;
    int digits;
} demo_courier;
extern const demo_courier demo_couriers[DEMO_COURIERS];

/* The morning's newspapers and how many copies come. */
typedef struct demo_paper {
    const char *title;
    int copies;
} demo_paper;
extern const demo_paper demo_papers[DEMO_PAPERS];

/* A proxy's relation to the recipient, and who collects for a unit. */
extern const char *const demo_relations[DEMO_RELATIONS];
extern const char *const demo_collectors_for_units[DEMO_COLLECTORS];

/* What happens on a shift: what, who reported it, what was done. */
typedef struct demo_incident {
    const char *content, *reporter, *handling;
} demo_incident;
extern const demo_incident demo_incidents[DEMO_INCIDENTS];

/* Whom visitors come to see: residents and company staff, as the directory lists them. */
typedef struct demo_visitee {
    fd_dir_kind kind;
    int64_t id, unit_id;
    char unit[16], name[64], company[96], department[48], position[48];
} demo_visitee;

/* The visitee the directory entry names. */
void demo_visitee_from(demo_visitee *v, const fd_dir_entry *e);
/* Whom the form's visitor comes to see: v, picked from the directory. */
void demo_visit_to(fd_visit_form *f, const demo_visitee *v);

#endif
