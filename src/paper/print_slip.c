/* The visitor slip (访客登记单): see include/frontdesk/print.h. The upper part the visitor
 * carries in (访客登记制度 三): the slip number in figures and as a barcode, who visits
 * whom, why, by which gate and when, and the box the visitee signs before the slip
 * comes back at the desk. */
#include "paper/print_internal.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/visitors.h"

typedef struct slip_find {
    const char *number;
    fd_visit *visit;
} slip_find;

static void slip_match(void *ctx, const fd_visit *v)
{
    slip_find *f = ctx;
    if (!f->visit && v->slip && strcmp(v->slip, f->number) == 0)
        f->visit = fd_visit_dup(v);
}

static fd_status find_slip(fd_desk *d, const fd_actor *who, const char *number, fd_visit **out,
                           fd_error *err)
{
    slip_find f = {number, NULL};
    fd_status s = fd_visits_list(d, who, FD_VISITS_BY_SLIP, number, NULL, 5, slip_match, &f, err);
    if (s == FD_OK && !f.visit)
        s = fd_fail(err, FD_NOT_FOUND, "slip", _("There is no visitor slip %s."), number);
    *out = f.visit;
    return s;
}

static void visit_fields(fd_report *r, const fd_visit *v)
{
    char *visitor = v->party_size > 1 ? fd_printf(_("%s and others, %d people"), v->visitor_name, v->party_size)
                                      : fd_strdup(v->visitor_name);
    fd_report_field(r, _("Visitor"), visitor, FD_STYLE_PLAIN);
    free(visitor);
    char *document = print_join(fd_doc_type_label(v->doc_type), " ", v->doc_number);
    fd_report_field(r, _("Document"), document, FD_STYLE_PLAIN);
    free(document);
    char *place = print_join(v->visitee_unit, " ", v->visitee_company);
    char *where = print_join(place, " ", v->visitee_department);
    char *whom = print_join(v->visitee_name, " ", v->visitee_position);
    char *visiting = print_join(where, " ", whom);
    fd_report_field(r, _("Visiting"), visiting, FD_STYLE_PLAIN);
    free(place);
    free(where);
    free(whom);
    free(visiting);
    fd_report_field(r, _("Purpose"), v->purpose, FD_STYLE_PLAIN);
    fd_report_field(r, _("Gate"), v->gate, FD_STYLE_PLAIN);
    char in[FD_TIME_TEXT];
    fd_time_format(v->admitted_at, in);
    fd_report_field(r, _("Admitted at"), in, FD_STYLE_PLAIN);
    fd_report_field(r, _("Registered by"), v->registered_by, FD_STYLE_PLAIN);
}

fd_status fd_print_slip(fd_desk *d, const fd_actor *who, const char *number, fd_report_paper paper,
                        fd_report **out, fd_error *err)
{
    fd_visit *v;
    fd_status s = find_slip(d, who, number, &v, err);
    if (s != FD_OK)
        return s;
    if (!v->admitted_at) {
        fd_visit_free(v);
        return fd_fail(err, FD_CONFLICT, "slip", _("Slip %s was never issued: the visitor was not admitted."),
                       number);
    }
    char day[FD_DATE_TEXT];
    fd_date_format(fd_date_of(v->admitted_at), day);
    fd_report *r = print_report_new(d, who, _("Visitor slip"), day);
    fd_report_set_paper(r, paper);
    fd_report_barcode(r, v->slip);
    visit_fields(r, v);
    fd_visit_free(v);
    const char *sign[] = {_("Visitee's signature"), _("Time")};
    fd_report_signatures(r, sign, 2);
    fd_report_paragraph(r, _("Have the person you visit sign this slip, and hand it back at the desk as "
                             "you leave by the same gate."),
                        FD_STYLE_PLAIN);
    *out = r;
    return FD_OK;
}

fd_report_paper fd_print_slip_paper(const fd_config *cfg)
{
    fd_report_paper paper;
    return cfg && fd_report_paper_parse(cfg->slip_paper, &paper) ? paper : FD_PAPER_A6;
}

const char *fd_print_slip_printer(const fd_config *cfg)
{
    if (cfg && cfg->slip_printer && *cfg->slip_printer)
        return cfg->slip_printer;
    return cfg && cfg->printer && *cfg->printer ? cfg->printer : NULL;
}

char *fd_print_slip_stem(const char *number)
{
    return fd_printf("slip-%s", number);
}
