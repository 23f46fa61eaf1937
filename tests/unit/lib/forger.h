/* The attacker of the trust tests: a shell as the desk's own user, with every file on
 * the machine at hand and the program's own code to hash with. */
#ifndef FRONTDESK_TEST_FORGER_H
#define FRONTDESK_TEST_FORGER_H

#include <stdint.h>

#include "desk_fixture.h"

/* Runs sql on the file with the named triggers (NULL-terminated) dropped, then puts
 * them back word for word (their text from sqlite_schema): the schema shows nothing. */
void forger_behind_its_back(const desk_fixture *f, const char *const *triggers, const char *sql);

typedef enum forgery {
    AS_BEFORE_SEALING, /* format 1, unsealed: as a database made before sealing was */
    WITH_DAY_KEY,      /* sealed with the key file's day, a bridge forged with it too */
} forgery;

/* Every audit entry from `from` on hashed again from the rows as they are now and
 * sealed as `how` says, the head file taken away (the forger would write it anew). The
 * desk must be open (its code hashes); the trigger is put back as it was. */
void forger_rechain(desk_fixture *f, int64_t from, forgery how);

#endif
