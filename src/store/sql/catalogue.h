/* Every SQL statement of frontdesk, as FD_SQL(ID, "text") entries. This header is
 * read twice: by src/stmt.h for the ids and by src/store.c for the text. One .def
 * file per module; a procedure adds its own. */
#include "store/sql/core.def"
#include "store/sql/staff.def"
#include "store/sql/directory.def"
#include "store/sql/complaints.def"
#include "store/sql/keys.def"
#include "store/sql/mail.def"
#include "store/sql/visitors.def"
#include "store/sql/handover.def"
