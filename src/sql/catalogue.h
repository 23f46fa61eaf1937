/* Every SQL statement of frontdesk, as FD_SQL(ID, "text") entries. This header is
 * read twice: by src/stmt.h for the ids and by src/store.c for the text. One .def
 * file per module; a procedure adds its own. */
#include "sql/core.def"
#include "sql/staff.def"
#include "sql/directory.def"
#include "sql/complaints.def"
#include "sql/keys.def"
#include "sql/mail.def"
#include "sql/visitors.def"
#include "sql/handover.def"
