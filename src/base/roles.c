#include "frontdesk/roles.h"

#include <string.h>

#include "frontdesk/i18n.h"

static const struct {
    const char *name;
    const char *label;
} roles[] = {
#define FD_ROLE_ROW(id, name, label) {name, label},
    FD_ROLE_LIST(FD_ROLE_ROW)
#undef FD_ROLE_ROW
};

static const struct {
    const char *name;
    unsigned roles;
    const char *label;
} actions[] = {
#define FD_ACTION_ROW(id, name, allowed, label) {name, allowed, label},
    FD_ACTION_LIST(FD_ACTION_ROW)
#undef FD_ACTION_ROW
};

const char *fd_role_name(fd_role r) { return roles[r].name; }
const char *fd_role_label(fd_role r) { return _(roles[r].label); }
const char *fd_action_name(fd_action a) { return actions[a].name; }
const char *fd_action_label(fd_action a) { return _(actions[a].label); }

bool fd_role_parse(const char *name, fd_role *out)
{
    for (int r = 0; r < FD_ROLE_COUNT; r++) {
        if (name && strcmp(name, roles[r].name) == 0) {
            *out = (fd_role)r;
            return true;
        }
    }
    return false;
}

bool fd_may(const fd_actor *who, fd_action action)
{
    return who && who->staff_id > 0 && (actions[action].roles & FD_ROLE_BIT(who->role)) != 0;
}
