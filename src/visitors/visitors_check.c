/* What the desk double-checks before registering a visitor: warnings, never refusals.
 * A visitor may well visit someone the directory does not list yet, and a document
 * may come back under another name (a typing slip, or a changed name): the desk is
 * told, and decides. See fd_visit_warnings in include/frontdesk/visitors.h. */
#include "frontdesk/visitors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/directory.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

typedef struct match {
    const char *wanted; /* trimmed */
    bool unit;          /* compare the unit code, else the name */
    bool found;
} match;

static void compare(void *ctx, const fd_dir_entry *e)
{
    match *m = ctx;
    const char *have = m->unit ? e->unit : e->name;
    if (have && strcasecmp(have, m->wanted) == 0)
        m->found = true;
}

/* Whether the directory has a unit with this code, or someone of this name. */
static fd_status known(fd_desk *d, unsigned kinds, const char *text, bool unit, bool *found,
                       fd_error *err)
{
    char *wanted = text_trimmed(text);
    match m = {wanted, unit, false};
    fd_status s = fd_directory_search(d, NULL, kinds, wanted, -1, compare, &m, err);
    *found = m.found;
    free(wanted);
    return s;
}

fd_status fd_visit_warnings(fd_desk *d, const fd_actor *who, const fd_visit_form *f,
                            void (*each)(void *ctx, const char *warning), void *ctx,
                            fd_error *err)
{
    fd_status s;
    bool found;
    char line[FD_MESSAGE_MAX];
    if (f->unit_id == 0 && f->unit && !text_blank(f->unit)) {
        if ((s = known(d, FD_DIR_UNIT, f->unit, true, &found, err)) != FD_OK)
            return s;
        if (!found) {
            char *unit = text_trimmed(f->unit);
            snprintf(line, sizeof line, _("Unit %s is not in the directory: check it with the visitor."),
                     unit);
            free(unit);
            each(ctx, line);
        }
    }
    if (f->person_id == 0 && f->visitee_name && !text_blank(f->visitee_name)) {
        if ((s = known(d, FD_DIR_OCCUPANT | FD_DIR_PERSON, f->visitee_name, false, &found, err)) != FD_OK)
            return s;
        if (!found) {
            char *name = text_trimmed(f->visitee_name);
            snprintf(line, sizeof line,
                     _("%s is not in the directory as an occupant or a company's staff."), name);
            free(name);
            each(ctx, line);
        }
    }
    /* The same document under another name. */
    fd_visitor_known k;
    fd_error unread = {0}; /* a number not valid yet is the registration's to refuse */
    if (fd_visitor_recognise(d, who, f->doc_type, f->doc_number, &k, &unread) != FD_OK)
        return FD_OK;
    if (f->visitor_name && !text_blank(f->visitor_name)) {
        char *name = text_trimmed(f->visitor_name);
        if (strcmp(name, k.name) != 0) {
            char when[FD_TIME_TEXT];
            fd_time_format(k.last_at, when);
            snprintf(line, sizeof line,
                     _("This document was registered under the name %s (last %s), not %s."),
                     k.name, when, name);
            each(ctx, line);
        }
        free(name);
    }
    /* Still here on an earlier registration: a second one would count them twice. */
    if (k.open_visit) {
        char when[FD_TIME_TEXT];
        fd_time_format(k.open_at, when);
        snprintf(line, sizeof line,
                 _("This document's holder has a visit not over yet: registered %s to visit %s "
                   "(%s). Sign it out first if they left."),
                 when, k.open_visiting, fd_visit_state_label(k.open_state));
        each(ctx, line);
    }
    return FD_OK;
}
