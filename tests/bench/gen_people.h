/* The people who come to the building: a population of visitors, each with a name,
 * a valid document and a mobile phone, all derived from the seed and their number,
 * so the benchmark can name one again (to search for them) without storing anyone. */
#ifndef FRONTDESK_BENCH_GEN_PEOPLE_H
#define FRONTDESK_BENCH_GEN_PEOPLE_H

#include <stdint.h>

#include "frontdesk/validate.h"

typedef struct gen_person {
    char name[32];
    fd_doc_type doc_type;
    char doc[24];
    char phone[16];
} gen_person;

typedef struct gen_people {
    uint64_t seed;
    uint32_t count;
} gen_people;

/* The population for N visits: about one person for every four visits. */
gen_people gen_people_for(uint64_t seed, int64_t visits);
void gen_person_get(const gen_people *p, uint32_t index, gen_person *out);

/* A Chinese name from bits, its surname weighted as in the population (proxies). */
void gen_name_from(uint64_t bits, char out[32]);
/* A mainland mobile number from bits. */
void gen_mobile_from(uint64_t bits, char out[16]);

#endif
