/* What a role may see by the site's configuration, on top of the fixed role table of
 * roles.c: which roles read identity numbers and phones in full. */
#include "frontdesk/config.h"
#include "frontdesk/roles.h"

bool fd_may_see_documents(const fd_config *cfg, const fd_actor *who)
{
    return who && who->staff_id > 0 && (cfg->unmask_document_roles & FD_ROLE_BIT(who->role)) != 0;
}

bool fd_may_see_phones(const fd_config *cfg, const fd_actor *who)
{
    return who && who->staff_id > 0 && (cfg->unmask_phone_roles & FD_ROLE_BIT(who->role)) != 0;
}
