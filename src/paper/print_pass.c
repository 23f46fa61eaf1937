/* The two-part pass (携物出入门证, 业户物品出、入管理规定 一): the stub the customer-service
 * department keeps (存根) and the release part the carrier takes to the door (放行联),
 * each with the pass's number as a barcode, the company and unit, the carrier and their
 * document, the day and window, the goods line by line, the company's seal or signer,
 * and the boxes for the department's confirmation (盖章确认) and the door. */
#include "paper/print_internal.h"

#include <stdlib.h>

#include "frontdesk/i18n.h"
#include "frontdesk/passes.h"

typedef struct goods_table {
    fd_report_table *t;
} goods_table;

static void goods_row(void *ctx, int line, const char *name, int quantity, const char *measure)
{
    goods_table *g = ctx;
    char *number = fd_printf("%d", line), *count = fd_printf("%d%s", quantity, measure);
    const char *cells[] = {number, name, count};
    fd_report_row(g->t, cells, NULL);
    free(number);
    free(count);
}

static fd_status pass_part(fd_desk *d, fd_report *r, const fd_pass *p, const char *part,
                           fd_error *err)
{
    fd_report_heading(r, part);
    char *number = fd_printf("P%06lld", (long long)p->id);
    fd_report_barcode(r, number);
    free(number);
    fd_report_field(r, _("Out or in"), fd_pass_choice_label(FD_PASS_LIST_DIRECTION, (int)p->direction),
                    FD_STYLE_PLAIN);
    char *company = print_join(p->unit, " ", p->company);
    fd_report_field(r, _("Company"), company, FD_STYLE_PLAIN);
    free(company);
    fd_report_field(r, _("Carried by"), p->carrier, FD_STYLE_PLAIN);
    char *document = print_join(fd_doc_type_label(p->doc_type), " ", p->doc_number);
    fd_report_field(r, _("Document"), document, FD_STYLE_PLAIN);
    free(document);
    char from[FD_TIME_TEXT], to[FD_TIME_TEXT];
    fd_time_format(p->window_from, from);
    print_time(p->window_to, p->day, to);
    char *window = fd_printf("%s\u2013%s%s", from, to, p->scheduled ? _("   (moving time arranged)") : "");
    fd_report_field(r, _("Time"), window, FD_STYLE_PLAIN);
    free(window);
    static const fd_report_column cols[] = {{N_("No."), 0.5}, {N_("Goods"), 3.0}, {N_("Quantity"), 1.0}};
    fd_report_column translated[3];
    for (size_t i = 0; i < 3; i++)
        translated[i] = (fd_report_column){_(cols[i].title), cols[i].width};
    goods_table g = {fd_report_table_new(r, translated, 3)};
    fd_status s = fd_pass_items(d, p->id, goods_row, &g, err);
    char *authority = p->sealed ? fd_strdup(_("Company seal")) : fd_printf(_("Signed by %s"), p->signer);
    fd_report_field(r, _("Authority"), authority, FD_STYLE_PLAIN);
    free(authority);
    fd_report_field(r, _("Issued by"), p->issued_by, FD_STYLE_PLAIN);
    const char *sign[] = {_("Company seal or signature"), _("Seal confirmed (customer service)"),
                          _("Door")};
    fd_report_signatures(r, sign, 3);
    return s;
}

fd_status fd_print_pass(fd_desk *d, const fd_actor *who, int64_t id, fd_report **out, fd_error *err)
{
    fd_pass p;
    fd_status s = fd_pass_get(d, who, id, &p, err);
    if (s != FD_OK)
        return s;
    if (p.state == FD_PASS_STATE_VOIDED)
        return fd_fail(err, FD_STATE, NULL, _("Pass No. %lld is voided: it is not printed."), (long long)id);
    char day[FD_DATE_TEXT];
    fd_date_format(p.day, day);
    fd_report *r = print_report_new(d, who, _("Carry-out or carry-in pass"), day);
    s = pass_part(d, r, &p, _("Stub (kept by the customer-service department)"), err);
    if (s == FD_OK) {
        fd_report_paragraph(r, _("- - - - - - - - cut here - - - - - - - -"), FD_STYLE_PLAIN);
        s = pass_part(d, r, &p, _("Release part (the carrier shows it at the door)"), err);
    }
    if (s != FD_OK) {
        fd_report_free(r);
        return s;
    }
    *out = r;
    return FD_OK;
}

char *fd_print_pass_stem(int64_t id)
{
    return fd_printf("pass-%lld", (long long)id);
}
