/* The visitor log screen: see visitors.h. Three screens and a dialog: the list
 * (a view at a time, F5 for the next), the registration form (F4), one visit with its
 * history and the steps its state allows, and a small form dialog for a refusal's
 * reason or a correction. Every step goes to the core; when the core refuses one for
 * the person working (a receptionist at night), a supervisor may approve it in place
 * and the core is asked again with the approver. */
#include "visitors/visitors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "widgets/dialog.h"
#include "console/draw.h"
#include "widgets/form.h"
#include "widgets/fresh.h"
#include "shell/auth.h"
#include "frontdesk/i18n.h"
#include "widgets/ask.h"
#include "frontdesk/visitors.h"
#include "widgets/listview.h"
#include "widgets/picker.h"
#include "widgets/printing.h"
#include "widgets/record.h"
#include "widgets/show.h"
#include "frontdesk/text.h"

enum { LABEL_COLS = 12, DETAIL_ROWS = 5, FACT_ROWS = 6, LINE_TEXT = 320 };

/* Bumped by every write made here, so a list drawn afterwards is read again. */
static unsigned changes;

/* ---- small helpers ---- */

static void format_hhmm(fd_time t, char *out, size_t size)
{
    fd_local l = fd_time_local(t);
    if (t)
        snprintf(out, size, "%02d:%02d", l.hour, l.minute);
    else
        snprintf(out, size, "%s", "");
}

/* t's time, with its day when that is not since's: a visitor who stayed the night left
 * "12-07 10:28", not at a 10:28 that reads as before they came. */
static void format_time_after(fd_time t, fd_time since, char *out, size_t size)
{
    fd_local l = fd_time_local(t);
    if (t && fd_date_of(t) != fd_date_of(since))
        snprintf(out, size, "%02d-%02d %02d:%02d", l.month, l.day, l.hour, l.minute);
    else
        format_hhmm(t, out, size);
}

/* "A-1203 王五", "T-1501 北京辰星科技有限公司 刘洋". */
static void visitee_text(const fd_visit *v, char *out, size_t size)
{
    snprintf(out, size, "%s%s%s%s%s", v->visitee_unit ? v->visitee_unit : "",
             v->visitee_unit ? " " : "", v->visitee_company ? v->visitee_company : "",
             v->visitee_company ? " " : "", v->visitee_name);
}

static void label_line(int y, int x, int cols, const char *label, const char *value, attr_t attr)
{
    show_labelled(y, x, cols, LABEL_COLS, label, value, attr);
}

/* ---- approval in place ---- */

typedef struct approval {
    fd_desk *d;            /* d and me: filled in by ask_approval */
    const fd_actor *me;
    const fd_visit *visit; /* NULL: registering one */
    fd_visit_step step;
} approval;

/* Whether the core lets this step go ahead with who as the approver. */
static bool approver_may(const fd_actor *who, const void *ctx)
{
    const approval *a = ctx;
    fd_error err = {0};
    return a->visit ? fd_visit_may(a->d, a->visit->id, a->visit->state, a->step, a->me, who) == FD_OK
                    : fd_visit_may_register(a->d, a->me, who, &err) == FD_OK;
}

/* After the core refused a step (a's visit and step; no visit: a registration) for
 * whoever is working, offers a supervisor's approval in place; true with *approver once
 * someone the core accepts approved. */
static bool ask_approval(console *c, const fd_error *refusal, approval a, const char *what,
                         fd_actor *approver)
{
    console_show_error(c, refusal);
    a.d = console_desk(c);
    a.me = console_actor(c);
    return auth_approve_if(c, what, approver_may, &a, approver);
}

/* ---- one visit ---- */

/* The visit's own steps, then the correction, which is not a step of the visit. */
typedef enum step {
    STEP_ADMIT = FD_VISIT_STEP_ADMIT,
    STEP_REFUSE = FD_VISIT_STEP_REFUSE,
    STEP_SIGNED = FD_VISIT_STEP_SIGN_OUT,
    STEP_UNSIGNED = FD_VISIT_STEP_SIGN_OUT_UNSIGNED,
    STEP_CORRECT = FD_VISIT_STEP_COUNT,
    STEP_COUNT
} step;

static const char *const step_labels[STEP_COUNT] = {
    [STEP_ADMIT] = N_("The visitee agrees: admit and issue the slip"),
    [STEP_REFUSE] = N_("The visitee refuses: entry refused"),
    [STEP_SIGNED] = N_("Leaves: slip returned, signed by the visitee"),
    [STEP_UNSIGNED] = N_("Leaves: slip returned NOT signed"),
    [STEP_CORRECT] = N_("Correct an entry (with a reason)"),
};

typedef struct visit_view {
    int64_t id;
    fd_visit *visit;
    record_history history; /* as read: events, then corrections */
    record_steps steps;
    /* One approved look at the full numbers: read as the approver, for the staff
     * member who asked, until they leave the screen. */
    fd_actor reader;
    int64_t unmasked_for;
    int64_t loaded_for; /* the staff member the visit was read for */
    fresh read;         /* when it was read */
} visit_view;

static void on_visit(void *ctx, const fd_visit *v)
{
    visit_view *vv = ctx;
    fd_visit_free(vv->visit);
    vv->visit = fd_visit_dup(v);
}

static void on_event(void *ctx, const fd_visit_event *e)
{
    visit_view *vv = ctx;
    char line[LINE_TEXT], approver[96] = "";
    if (e->approver_name)
        snprintf(approver, sizeof approver, _(" (approved by %s)"), e->approver_name);
    snprintf(line, sizeof line, "%s%s%s \u2014 %s%s", e->label, e->note ? _(": ") : "",
             e->note ? e->note : "", e->staff_name, approver);
    record_history_add(&vv->history, e->at, line);
}

static void on_correction(void *ctx, const fd_visit_correction *k)
{
    visit_view *vv = ctx;
    record_history_add_correction(&vv->history, k->at, k->label, k->value, k->reason,
                                  k->staff_name);
}

static const fd_actor *reader_of(const visit_view *vv, console *c)
{
    const fd_actor *me = console_actor(c);
    return me && vv->unmasked_for == me->staff_id ? &vv->reader : me;
}

/* The steps to offer: those the visit's state allows. One the core refuses for this
 * person only (role, night) is still offered: a supervisor may approve it. */
static void offer_steps(visit_view *vv, console *c)
{
    const fd_actor *me = console_actor(c);
    record_steps_clear(&vv->steps);
    for (int s = 0; s < STEP_COUNT; s++) {
        bool offer = s == STEP_CORRECT
                         ? fd_may(me, FD_ACT_VISIT_CORRECT)
                         : fd_visit_may(console_desk(c), vv->id, vv->visit->state, (fd_visit_step)s,
                                        me, NULL) != FD_STATE;
        if (offer)
            record_steps_offer(&vv->steps, s);
    }
    record_steps_settle(&vv->steps);
}

static void load_visit(visit_view *vv, console *c)
{
    static const fd_visit_detail_cb cb = {on_visit, on_event, on_correction};
    record_history_clear(&vv->history);
    fresh_mark(&vv->read, c);
    const fd_actor *me = console_actor(c);
    vv->loaded_for = me ? me->staff_id : 0;
    fd_error err = {0};
    if (fd_visit_detail(console_desk(c), reader_of(vv, c), vv->id, &cb, vv, &err) != FD_OK) {
        console_show_error(c, &err);
        return;
    }
    record_history_sort(&vv->history);
    offer_steps(vv, c);
}

static void *visit_open(console *c, void *arg)
{
    visit_view *vv = fd_alloc(sizeof *vv);
    vv->id = *(const int64_t *)arg;
    load_visit(vv, c);
    return vv;
}

static void visit_close(void *state)
{
    visit_view *vv = state;
    fd_visit_free(vv->visit);
    free(vv);
}

/* -- the steps -- */

static int after_step(visit_view *vv, console *c)
{
    changes++;
    record_history_show_newest(&vv->history);
    load_visit(vv, c);
    return EV_HANDLED | EV_REDRAW;
}

/* A transition is confirmed before the core is asked: the safe answer first, so a
 * stray Enter does not admit or sign anyone out. */
static bool confirmed(console *c, const char *question, const char *yes)
{
    return dialog_confirm(c, question, yes, _("Not now"));
}

static int admit(visit_view *vv, console *c)
{
    char question[LINE_TEXT];
    snprintf(question, sizeof question, _("Admit %s and issue the slip?"), vv->visit->visitor_name);
    if (!confirmed(c, question, _("Admit")))
        return EV_HANDLED | EV_REDRAW;
    fd_desk *d = console_desk(c);
    fd_visit_slip slip;
    fd_error err = {0};
    fd_status st = fd_visit_admit(d, console_actor(c), NULL, vv->id, &slip, &err);
    fd_actor approver;
    if (st == FD_DENIED && ask_approval(c, &err, (approval){.visit = vv->visit, .step = FD_VISIT_STEP_ADMIT},
                                        _("admit the visitor"), &approver))
        st = fd_visit_admit(d, console_actor(c), &approver, vv->id, &slip, &err);
    if (st != FD_OK) {
        console_show_error(c, &err);
        return EV_HANDLED | EV_REDRAW;
    }
    int flags = after_step(vv, c);
    /* The slip is printed as the visitor stands at the desk (访客登记制度 三). */
    if (!printing_slip(c, slip.number, slip.gate))
        console_info(c, _("Admitted: slip %s, gate %s. The slip comes back signed by the visitee."),
                     slip.number, slip.gate);
    return flags;
}

static int sign_out(visit_view *vv, console *c, bool slip_signed)
{
    char question[LINE_TEXT];
    snprintf(question, sizeof question,
             slip_signed ? _("Sign %s out, the slip returned signed by the visitee?")
                         : _("Sign %s out, the slip returned NOT signed?"),
             vv->visit->visitor_name);
    if (!confirmed(c, question, _("Sign out")))
        return EV_HANDLED | EV_REDRAW;
    fd_error err = {0};
    if (fd_visit_sign_out(console_desk(c), console_actor(c), vv->id, slip_signed, 0, &err) != FD_OK) {
        console_show_error(c, &err);
        return EV_HANDLED | EV_REDRAW;
    }
    int flags = after_step(vv, c);
    console_info(c, "%s", slip_signed ? _("Signed out; the slip came back signed.")
                                      : _("Signed out; the slip came back NOT signed: that is on record."));
    return flags;
}

/* -- refusing -- */

static const form_field refusal_fields[] = {
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 80},
};

typedef struct refusal {
    ask_dialog a;
    visit_view *vv;
    bool done;
} refusal;

static int refusal_submit(void *ctx, console *c, form *f)
{
    refusal *r = ctx;
    fd_error err = {0};
    if (fd_visit_refuse(console_desk(c), console_actor(c), NULL, r->vv->id, form_value(f, "reason"),
                        &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    r->done = true;
    return EV_POP;
}

static int refuse(visit_view *vv, console *c)
{
    refusal r = {{.title = _("Entry refused"),
                  .intro = _("Why is the visitor not admitted? (The visitee refused, could not "
                             "be reached …)"),
                  .select = true},
                 vv, false};
    r.a.form = form_new(refusal_fields, 1, FORM_ASK_DISCARD, refusal_submit, &r);
    ask_dialog_run(c, &r.a);
    form_free(r.a.form);
    if (!r.done)
        return EV_HANDLED | EV_REDRAW;
    int flags = after_step(vv, c);
    console_info(c, "%s", _("Entry refused and recorded."));
    return flags;
}

/* -- correcting -- */

static const form_field correction_fields[] = {
    {"field", N_("Entry"), FORM_CHOICE, true, 0, 0},
    {"value", N_("Correct value"), FORM_TEXT, false, 0, 80},
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 80},
};

typedef struct correction {
    ask_dialog a;
    visit_view *vv;
    const char *labels[FD_VISIT_FIELD_COUNT];
    int shown_field; /* the entry whose value the form shows */
    bool phone_masked;
    bool done;
} correction;

/* The value an entry reads now, to edit; a masked phone is not offered for editing. */
static void current_text(const correction *k, fd_visit_field field, char *out, size_t size)
{
    const fd_visit *v = k->vv->visit;
    switch (field) {
    case FD_VISIT_FIELD_VISITOR_NAME: snprintf(out, size, "%s", v->visitor_name); break;
    case FD_VISIT_FIELD_PHONE: snprintf(out, size, "%s", k->phone_masked ? "" : v->phone); break;
    case FD_VISIT_FIELD_PARTY_SIZE: snprintf(out, size, "%d", v->party_size); break;
    case FD_VISIT_FIELD_PURPOSE: snprintf(out, size, "%s", v->purpose); break;
    case FD_VISIT_FIELD_VISITEE_NAME: snprintf(out, size, "%s", v->visitee_name); break;
    case FD_VISIT_FIELD_VISITEE_POSITION:
        snprintf(out, size, "%s", v->visitee_position ? v->visitee_position : "");
        break;
    case FD_VISIT_FIELD_COUNT: out[0] = '\0'; break;
    }
}

static void correction_changed(ask_dialog *a)
{
    correction *k = (correction *)a;
    int field = form_choice(a->form, "field");
    if (field < 0 || field == k->shown_field)
        return;
    char text[LINE_TEXT];
    current_text(k, (fd_visit_field)field, text, sizeof text);
    form_set_value(a->form, "value", text);
    k->shown_field = field;
}

static int correction_submit(void *ctx, console *c, form *f)
{
    correction *k = ctx;
    fd_error err = {0};
    fd_visit_field field;
    if (fd_visit_correct(console_desk(c), console_actor(c), k->vv->id,
                         (fd_visit_field)form_choice(f, "field"), form_value(f, "value"),
                         form_value(f, "reason"), &err) != FD_OK) {
        /* The core names the visit's field; here its value is typed in "value". */
        if (fd_visit_field_parse(err.field, &field))
            form_field_error(f, "value", err.message);
        else
            form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    k->done = true;
    return EV_POP;
}

static int correct(visit_view *vv, console *c)
{
    correction k = {.a = {.title = _("Correct an entry"),
                          .intro = _("The entry is not changed: the correction is kept beside "
                                     "it, with your name and the reason, and both show in the "
                                     "history."),
                          .changed = correction_changed, .select = true},
                    .vv = vv,
                    .shown_field = -1,
                    .phone_masked = !fd_may_see_phones(console_config(c), reader_of(vv, c))};
    for (int f = 0; f < FD_VISIT_FIELD_COUNT; f++)
        k.labels[f] = fd_visit_field_label((fd_visit_field)f);
    k.a.form = form_new(correction_fields, 3, FORM_ASK_DISCARD, correction_submit, &k);
    form_set_choices(k.a.form, "field", k.labels, FD_VISIT_FIELD_COUNT);
    correction_changed(&k.a);
    ask_dialog_run(c, &k.a);
    form_free(k.a.form);
    if (!k.done)
        return EV_HANDLED | EV_REDRAW;
    int flags = after_step(vv, c);
    console_info(c, "%s", _("Correction recorded."));
    return flags;
}

static int perform(visit_view *vv, console *c, step s)
{
    switch (s) {
    case STEP_ADMIT: return admit(vv, c);
    case STEP_REFUSE: return refuse(vv, c);
    case STEP_SIGNED: return sign_out(vv, c, true);
    case STEP_UNSIGNED: return sign_out(vv, c, false);
    case STEP_CORRECT: return correct(vv, c);
    case STEP_COUNT: break;
    }
    return EV_HANDLED;
}

/* -- the full numbers, with a supervisor's approval -- */

static bool sees_documents(const fd_actor *who, const void *cfg)
{
    return fd_may_see_documents(cfg, who);
}

static int unmask(visit_view *vv, console *c)
{
    const fd_actor *me = console_actor(c);
    if (sees_documents(reader_of(vv, c), console_config(c))) {
        console_info(c, "%s", _("The full numbers are already shown."));
        return EV_HANDLED | EV_REDRAW;
    }
    fd_actor approver;
    if (!auth_approve_if(c, _("show the document and phone numbers in full"), sees_documents,
                            console_config(c), &approver))
        return EV_HANDLED | EV_REDRAW;
    vv->reader = approver;
    vv->unmasked_for = me->staff_id;
    load_visit(vv, c);
    console_info(c, _("Full numbers shown with the approval of %s (%s)."), approver.name,
                 fd_role_label(approver.role));
    return EV_HANDLED | EV_REDRAW;
}

/* -- drawing -- */

static void draw_facts(const visit_view *vv, console *c, int y, int x, int cols)
{
    const fd_visit *v = vv->visit;
    fd_time now = fd_desk_now(console_desk(c));
    char line[LINE_TEXT], when[32], in[16], out[16];
    snprintf(line, sizeof line, "%s   %s%s%s", show_or_dash(v->slip), fd_visit_state_label(v->state),
             v->gate ? "   " : "", v->gate ? v->gate : "");
    label_line(y, x, cols, _("Slip"), line, A_BOLD);
    snprintf(line, sizeof line, _("%s   phone %s   people %d"), v->visitor_name, v->phone,
             v->party_size);
    label_line(y + 1, x, cols, _("Visitor"), line, A_NORMAL);
    snprintf(line, sizeof line, "%s %s", fd_doc_type_label(v->doc_type), v->doc_number);
    label_line(y + 2, x, cols, _("Document"), line, A_NORMAL);
    label_line(y + 3, x, cols, _("Purpose"), v->purpose, A_NORMAL);
    snprintf(line, sizeof line, "%s  %s%s%s  %s%s%s%s", show_or_dash(v->visitee_unit),
             v->visitee_company ? v->visitee_company : "", v->visitee_department ? " / " : "",
             v->visitee_department ? v->visitee_department : "", v->visitee_name,
             v->visitee_position ? _(" (") : "", v->visitee_position ? v->visitee_position : "",
             v->visitee_position ? _(")") : "");
    label_line(y + 4, x, cols, _("Visiting"), line, A_NORMAL);
    show_when(v->registered_at, now, when, sizeof when);
    format_time_after(v->admitted_at, v->registered_at, in, sizeof in);
    format_time_after(v->left_at, v->registered_at, out, sizeof out);
    snprintf(line, sizeof line, _("%s by %s   in %s   out %s%s"), when, v->registered_by,
             show_or_dash(in), show_or_dash(out),
             v->left_at ? (v->slip_signed ? _(" (slip signed)") : _(" (slip NOT signed)")) : "");
    label_line(y + 5, x, cols, _("Registered"), line, A_NORMAL);
}

static const screen_ops visit_screen;

static void visit_draw(void *state, console *c, const console_area *area)
{
    visit_view *vv = state;
    const fd_actor *me = console_actor(c);
    /* Another staff member took over: read again with what they may see. */
    if ((me && me->staff_id != vv->loaded_for) || (vv->visit && fresh_page_stale(&vv->read, c, &visit_screen)))
        load_visit(vv, c);
    if (!vv->visit)
        return;
    draw_facts(vv, c, area->top, area->left, area->cols);
    record_body body = {FACT_ROWS, LABEL_COLS + 2, &vv->history, &vv->steps, step_labels,
                        _("Nothing more to do for this visit."), NULL};
    record_draw_body(&body, fd_desk_now(console_desk(c)), area);
}

static int visit_handle(void *state, console *c, const console_event *ev)
{
    visit_view *vv = state;
    if (!vv->visit)
        return EV_IGNORED;
    if (ev->action == ACT_UNMASK)
        return unmask(vv, c);
    if (record_history_key(&vv->history, ev))
        return EV_HANDLED | EV_REDRAW;
    int chosen;
    switch (record_steps_key(&vv->steps, c, ev, &chosen)) {
    case STEPS_MOVED: return EV_HANDLED | EV_REDRAW;
    case STEPS_CHOSEN: return perform(vv, c, (step)chosen);
    case STEPS_IGNORED: break;
    }
    return EV_IGNORED;
}

static const console_action visit_actions[] = {ACT_SELECT, ACT_UNMASK, ACT_BACK, ACT_UP, ACT_DOWN,
                                               ACT_NONE};

static const screen_ops visit_screen = {
    .title = N_("Visit"),
    .actions = visit_actions,
    .open = visit_open,
    .close = visit_close,
    .draw = visit_draw,
    .handle = visit_handle,
};

void visitors_open_visit(console *c, int64_t visit_id)
{
    console_push(c, &visit_screen, &visit_id);
}

/* ---- registering ---- */

static const form_field register_fields[] = {
    {"doc_type", N_("Document type"), FORM_CHOICE, true, 0, 0},
    {"doc_number", N_("Document number"), FORM_DOCUMENT, true, 0, 0},
    {"visitor_name", N_("Visitor's name"), FORM_TEXT, true, 20, 21},
    /* Not required here: a returning visitor's phone on file is kept when it is left
     * empty, and the core says when one is needed. */
    {"phone", N_("Phone"), FORM_PHONE, false, 0, 0},
    {"party_size", N_("People"), FORM_NUMBER, true, 4, 2},
    {"purpose", N_("Purpose"), FORM_TEXT, true, 0, 60},
    {"unit", N_("Unit"), FORM_UNIT, false, 12, 16},
    {"company", N_("Company"), FORM_TEXT, false, 0, 40},
    {"department", N_("Department"), FORM_TEXT, false, 20, 30},
    {"visitee_name", N_("Person visited"), FORM_TEXT, true, 20, 21},
    {"visitee_position", N_("Position"), FORM_TEXT, false, 20, 30},
};
enum { REGISTER_FIELDS = sizeof register_fields / sizeof register_fields[0], TEXT_MAX = 256 };

/* What was picked from the directory, with the text it filled in: an id counts only
 * while its field still reads that text. */
typedef struct picked {
    int64_t unit_id, company_id, department_id, person_id;
    char unit[TEXT_MAX], company[TEXT_MAX], department[TEXT_MAX], name[TEXT_MAX];
} picked;

typedef struct registering {
    form *form;
    const char *doc_labels[FD_DOC_TYPE_COUNT];
    bool approved;
    fd_actor approver;
    picked pick;
    /* A returning visitor: their earlier visit and what it filled in. */
    int64_t returning;
    char prefill_name[TEXT_MAX], prefill_phone[TEXT_MAX];
    /* The phone on file as this desk may see it (masked): shown beside the form, never
     * put in the field, where it would be saved as typed. */
    char phone_on_file[TEXT_MAX];
    int seen_type;
    char seen_number[TEXT_MAX];
} registering;

static const console_action register_actions[] = {ACT_SAVE, ACT_DIRECTORY, ACT_BACK, ACT_NEXT_FIELD,
                                                  ACT_PREV_FIELD, ACT_NONE};

static const char *value(const registering *r, const char *name)
{
    return form_value(r->form, name);
}

/* Sets a field the recognition filled, unless the desk has typed something else. */
static void refill(registering *r, const char *name, const char *before, const char *now)
{
    const char *typed = value(r, name);
    if (text_blank(typed) || strcmp(typed, before) == 0)
        form_set_value(r->form, name, now);
}

static void forget_returning(registering *r)
{
    if (!r->returning)
        return;
    refill(r, "visitor_name", r->prefill_name, "");
    refill(r, "phone", r->prefill_phone, "");
    r->returning = 0;
    r->prefill_name[0] = r->prefill_phone[0] = r->phone_on_file[0] = '\0';
}

/* Once the document reads as a whole number the core knows, its latest visit fills in
 * the name and phone (the phone as the desk may see it: the core keeps the real one). */
static void recognise(registering *r, console *c)
{
    int type = form_choice(r->form, "doc_type");
    const char *number = value(r, "doc_number");
    if (type == r->seen_type && strcmp(number, r->seen_number) == 0)
        return;
    r->seen_type = type;
    text_copy(r->seen_number, sizeof r->seen_number, number);
    fd_visitor_known k;
    if (type < 0 || fd_visitor_recognise(console_desk(c), console_actor(c), (fd_doc_type)type, number,
                                         &k, NULL) != FD_OK) {
        forget_returning(r);
        return;
    }
    refill(r, "visitor_name", r->prefill_name, k.name);
    text_copy(r->prefill_name, sizeof r->prefill_name, k.name);
    if (fd_may_see_phones(console_config(c), console_actor(c))) {
        refill(r, "phone", r->prefill_phone, k.phone);
        text_copy(r->prefill_phone, sizeof r->prefill_phone, k.phone);
        r->phone_on_file[0] = '\0';
    } else {
        refill(r, "phone", r->prefill_phone, "");
        r->prefill_phone[0] = '\0';
        text_copy(r->phone_on_file, sizeof r->phone_on_file, k.phone);
    }
    r->returning = k.visit_id;
    if (k.ban[0]) {
        form_field_error(r->form, "doc_number", k.ban);
        return;
    }
    char when[FD_TIME_TEXT];
    fd_time_format(k.last_at, when);
    if (r->phone_on_file[0])
        console_info(c, _("Returning visitor (%ld visits, last %s): name filled in, phone on file."),
                     k.visits, when);
    else
        console_info(c, _("Returning visitor (%ld visits, last %s): name and phone filled in."),
                     k.visits, when);
}

static void set_picked(char *keep, size_t size, registering *r, const char *field, const char *text)
{
    form_set_value(r->form, field, text);
    snprintf(keep, size, "%s", text);
}

/* Fills whom they visit from a directory entry; the person's name and position stay
 * as typed when the entry is a unit, company or department. */
static void apply_pick(registering *r, const dir_item *item)
{
    picked *p = &r->pick;
    *p = (picked){.unit_id = item->unit_id};
    set_picked(p->unit, sizeof p->unit, r, "unit", item->unit);
    bool company = item->kind == FD_DIR_COMPANY;
    set_picked(p->company, sizeof p->company, r, "company", company ? item->name : item->company);
    p->company_id = company ? item->id : 0;
    bool department = item->kind == FD_DIR_DEPARTMENT;
    set_picked(p->department, sizeof p->department, r, "department",
               department ? item->name : item->department);
    p->department_id = department ? item->id : 0;
    if (item->kind == FD_DIR_OCCUPANT || item->kind == FD_DIR_PERSON) {
        set_picked(p->name, sizeof p->name, r, "visitee_name", item->name);
        form_set_value(r->form, "visitee_position", item->position);
        p->person_id = item->id;
    }
}

static int pick_visitee(registering *r, console *c)
{
    const char *initial = value(r, "visitee_name");
    if (text_blank(initial))
        initial = text_blank(value(r, "company")) ? value(r, "unit") : value(r, "company");
    dir_item *item;
    if (!picker_choose(c, _("Whom are they visiting?"), FD_DIR_ANY, initial, &item))
        return EV_HANDLED | EV_REDRAW;
    apply_pick(r, item);
    form_mark_changed(r->form);
    dir_item_free(item);
    form_focus(r->form, "visitee_name");
    return EV_HANDLED | EV_REDRAW;
}

/* An id from the directory, while its field still says what was picked. */
static int64_t still_picked(const registering *r, const char *field, const char *text, int64_t id)
{
    return id && strcmp(value(r, field), text) == 0 ? id : 0;
}

static fd_visit_form read_form(const registering *r)
{
    const picked *p = &r->pick;
    bool same_phone = r->returning && (text_blank(value(r, "phone")) ||
                                       strcmp(value(r, "phone"), r->prefill_phone) == 0);
    return (fd_visit_form){
        .visitor_name = value(r, "visitor_name"),
        .doc_type = (fd_doc_type)form_choice(r->form, "doc_type"),
        .doc_number = value(r, "doc_number"),
        .phone = same_phone ? "" : value(r, "phone"),
        .returning_visit = r->returning,
        .party_size = atoi(value(r, "party_size")),
        .purpose = value(r, "purpose"),
        .unit_id = still_picked(r, "unit", p->unit, p->unit_id),
        .company_id = still_picked(r, "company", p->company, p->company_id),
        .department_id = still_picked(r, "department", p->department, p->department_id),
        .person_id = still_picked(r, "visitee_name", p->name, p->person_id),
        .unit = value(r, "unit"),
        .company = value(r, "company"),
        .department = value(r, "department"),
        .visitee_name = value(r, "visitee_name"),
        .visitee_position = value(r, "visitee_position"),
    };
}

/* 电话 for a first-time visitor, 单元 or 公司 while both are empty: the core's rule. */
static bool register_requires(void *ctx, const form *f, const char *name)
{
    (void)f;
    fd_visit_form vf = read_form(ctx);
    return fd_visit_requires(&vf, name);
}

typedef struct warnings {
    char text[1024];
    int count;
} warnings;

static void add_warning(void *ctx, const char *warning)
{
    warnings *w = ctx;
    /* Sentences follow each other as the language writes them (no space in Chinese). */
    char *joined = w->text[0] ? fd_printf(C_("sentences", "%s %s"), w->text, warning) : fd_strdup(warning);
    text_copy(w->text, sizeof w->text, joined);
    free(joined);
    w->count++;
}

/* The core's warnings (a unit or visitee not in the directory, a known document under
 * another name) are asked about, not refused: the desk may save anyway. */
static bool warned_and_confirmed(console *c, const fd_visit_form *vf)
{
    warnings w = {"", 0};
    fd_error err = {0};
    if (fd_visit_warnings(console_desk(c), console_actor(c), vf, add_warning, &w, &err) != FD_OK ||
        w.count == 0)
        return true;
    /* One paragraph: the dialog wraps it. */
    char *question = fd_printf(_("%s Save anyway?"), w.text);
    bool yes = dialog_confirm(c, question, _("Save anyway"), _("Check again"));
    free(question);
    return yes;
}

static int register_submit(void *ctx, console *c, form *f)
{
    registering *r = ctx;
    fd_visit_form vf = read_form(r);
    fd_error err = {0};
    /* What would be refused is said first: a warning confirmed, then a refusal, asks twice. */
    if (fd_visit_check(console_desk(c), &vf, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    if (!warned_and_confirmed(c, &vf))
        return EV_HANDLED;
    int64_t id = 0;
    fd_status st = fd_visit_register(console_desk(c), console_actor(c), r->approved ? &r->approver : NULL,
                                     &vf, &id, &err);
    /* A refusal at no field is the person's, not the form's: a supervisor may approve. */
    if (st == FD_DENIED && !err.field[0] &&
        ask_approval(c, &err, (approval){.visit = NULL}, _("register a visitor"), &r->approver)) {
        r->approved = true;
        st = fd_visit_register(console_desk(c), console_actor(c), &r->approver, &vf, &id, &err);
    }
    if (st != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    changes++;
    visitors_open_visit(c, id);
    console_info(c, "%s", _("Registered. Call the visitee, then record the answer."));
    return EV_POP;
}

static void *register_open(console *c, void *arg)
{
    (void)c;
    registering *r = fd_alloc(sizeof *r);
    if (arg) {
        r->approved = true;
        r->approver = *(const fd_actor *)arg;
    }
    r->form = form_new(register_fields, REGISTER_FIELDS, FORM_ASK_DISCARD, register_submit, r);
    for (int t = 0; t < FD_DOC_TYPE_COUNT; t++)
        r->doc_labels[t] = fd_doc_type_label((fd_doc_type)t);
    form_set_choices(r->form, "doc_type", r->doc_labels, FD_DOC_TYPE_COUNT);
    form_set_required_rule(r->form, register_requires, r);
    form_set_value(r->form, "party_size", "1");
    form_focus(r->form, "doc_number");
    r->seen_type = form_choice(r->form, "doc_type");
    return r;
}

static void register_close(void *state)
{
    registering *r = state;
    form_free(r->form);
    free(r);
}

static void register_draw(void *state, console *c, const console_area *area)
{
    registering *r = state;
    char key[32], hint[LINE_TEXT];
    keymap_first_key(console_keymap(c), ACT_DIRECTORY, key, sizeof key);
    snprintf(hint, sizeof hint, _("%s: pick whom they visit from the directory."), key);
    draw_text(area->top, area->left, area->cols, hint, theme(TH_DIM));
    if (r->approved) {
        snprintf(hint, sizeof hint, _("Approved in place by %s (%s)."), r->approver.name,
                 fd_role_label(r->approver.role));
        draw_text(area->top + 1, area->left, area->cols, hint, theme(TH_INFO));
    } else if (r->phone_on_file[0]) {
        snprintf(hint, sizeof hint, _("Phone on file: %s (kept when Phone is left empty)."),
                 r->phone_on_file);
        draw_text(area->top + 1, area->left, area->cols, hint, theme(TH_INFO));
    }
    console_area fields = {area->top + 2, area->left, area->rows - 2, area->cols};
    form_draw(r->form, c, &fields);
}

static int register_handle(void *state, console *c, const console_event *ev)
{
    registering *r = state;
    if (ev->action == ACT_DIRECTORY)
        return pick_visitee(r, c);
    int flags = form_handle(r->form, c, ev);
    if (!(flags & EV_POP))
        recognise(r, c);
    return flags;
}

static bool register_takes_text(const void *state)
{
    const registering *r = state;
    return form_takes_text(r->form);
}

static bool register_may_leave(void *state, console *c)
{
    registering *r = state;
    return form_may_discard(r->form, c);
}

static const screen_ops register_screen = {
    .title = N_("Register a visitor"),
    .actions = register_actions,
    .open = register_open,
    .close = register_close,
    .draw = register_draw,
    .handle = register_handle,
    .takes_text = register_takes_text,
    .may_leave = register_may_leave,
};

/* Asks the core first, so nobody fills in a form they may not save; a supervisor may
 * approve in place before the form opens. */
static int start_registration(console *c)
{
    fd_error err = {0};
    fd_actor approver;
    if (fd_visit_may_register(console_desk(c), console_actor(c), NULL, &err) == FD_OK) {
        console_push(c, &register_screen, NULL);
    } else if (ask_approval(c, &err, (approval){.visit = NULL}, _("register a visitor"), &approver)) {
        console_push(c, &register_screen, &approver);
        console_info(c, _("%s (%s) approved: register the visitor."), approver.name,
                     fd_role_label(approver.role));
    }
    return EV_HANDLED | EV_REDRAW;
}

/* ---- the list ---- */

static const struct {
    fd_visit_view view;
    const char *label;
    const char *search; /* what its search line searches */
} views[] = {
    {FD_VISITS_INSIDE, N_("Inside now"), N_("Find a name or phone:")},
    {FD_VISITS_WAITING, N_("Waiting for the visitee's answer"), N_("Find a name or phone:")},
    {FD_VISITS_TODAY, N_("Today's log"), N_("Find a name or phone:")},
    {FD_VISITS_BY_NAME_OR_PHONE, N_("Search by visitor's name or phone"),
     N_("Name or phone (digits as shown):")},
    {FD_VISITS_BY_DOCUMENT, N_("Search by document number"), N_("Document number, whole:")},
    {FD_VISITS_BY_VISITEE, N_("Search by person visited, unit or company"),
     N_("Visitee, unit or company, from the start:")},
    {FD_VISITS_BY_SLIP, N_("Search by slip number"), N_("Slip number or its last digits:")},
};
enum { VIEW_COUNT = sizeof views / sizeof views[0] };

static bool is_search(size_t view)
{
    return views[view].view >= FD_VISITS_BY_NAME;
}

static size_t view_index(fd_visit_view view)
{
    for (size_t i = 0; i < VIEW_COUNT; i++)
        if (views[i].view == view)
            return i;
    return 0;
}

typedef struct visitors {
    console *c;
    size_t view;
    listview *list;
    unsigned seen;      /* `changes` when the list was read */
    fresh read;         /* when it was read */
    int64_t read_for;   /* the staff member it was read for: masking is theirs */
} visitors;

static const listview_column visit_columns[] = {
    {N_("Slip"), 12}, {N_("Registered"), 11}, {N_("Visitor"), 10},
    {N_("Visiting"), 0}, {N_("State"), 12},   {N_("Out at"), 6},
};

static void add_row(void *ctx, const fd_visit *v)
{
    listview_add(ctx, fd_visit_dup(v));
}

static fd_status visitors_fetch(void *ctx, listview *lv, const char *query, const void *after,
                                int limit, fd_error *err)
{
    visitors *s = ctx;
    return fd_visits_list(console_desk(s->c), console_actor(s->c), views[s->view].view, query,
                          after, limit, add_row, lv, err);
}

static void visitors_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    visitors *s = ctx;
    const fd_visit *v = row;
    if (count < 6)
        return;
    snprintf(out[0], 128, "%s", show_or_dash(v->slip));
    show_when(v->registered_at, fd_desk_now(console_desk(s->c)), out[1], 128);
    snprintf(out[2], 128, "%s", v->visitor_name);
    visitee_text(v, out[3], 128);
    snprintf(out[4], 128, "%s", fd_visit_state_label(v->state));
    format_hhmm(v->left_at, out[5], 128);
}

static void free_row(void *row)
{
    fd_visit_free(row);
}

static const listview_source visitors_source = {
    .columns = visit_columns,
    .column_count = sizeof visit_columns / sizeof visit_columns[0],
    .fetch = visitors_fetch,
    .cells = visitors_cells,
    .free_row = free_row,
};

static void read_list(visitors *s)
{
    const fd_actor *me = console_actor(s->c);
    s->seen = changes;
    fresh_mark(&s->read, s->c);
    s->read_for = me ? me->staff_id : 0;
    listview_reload(s->list, s->c);
}

static void show_view(visitors *s, size_t view)
{
    listview_free(s->list);
    s->view = view;
    s->list = listview_new(&visitors_source, s, is_search(view) ? LISTVIEW_TYPE_AHEAD : 0);
    listview_set_label(s->list, _(views[view].search));
    read_list(s);
}

static void *visitors_open(console *c, void *arg)
{
    (void)arg;
    visitors *s = fd_alloc(sizeof *s);
    s->c = c;
    show_view(s, 0);
    return s;
}

static void visitors_close(void *state)
{
    visitors *s = state;
    listview_free(s->list);
    free(s);
}

/* Typing over a list that is not a search, or /, starts one for a name or phone, as
 * the search line of these lists says. */
static int start_search(visitors *s, console *c, const console_event *ev)
{
    show_view(s, view_index(FD_VISITS_BY_NAME_OR_PHONE));
    if (ev->action == ACT_SEARCH) {
        listview_search(s->list, c, NULL);
        return EV_HANDLED | EV_REDRAW;
    }
    return listview_handle(s->list, c, ev);
}

static int open_selected(visitors *s, console *c)
{
    const fd_visit *v = listview_selected(s->list);
    if (!v)
        return EV_HANDLED;
    visitors_open_visit(c, v->id);
    return EV_HANDLED | EV_REDRAW;
}

/* A slip's number as the desk's barcode scanner types it: "20261206-025". */
static bool is_slip_number(const char *text)
{
    size_t digits = strspn(text, "0123456789");
    return digits == 8 && text[8] == '-' && strlen(text + 9) >= 3 &&
           strspn(text + 9, "0123456789") == strlen(text + 9);
}

typedef struct slip_search {
    char number[FD_SLIP_TEXT];
    int64_t id;
} slip_search;

static void find_slip(void *ctx, const fd_visit *v)
{
    slip_search *f = ctx;
    if (!f->id && v->slip && strcmp(v->slip, f->number) == 0)
        f->id = v->id;
}

/* Enter after a slip number typed by the scanner (the returned slip's barcode) opens
 * that visit, where the desk signs the visitor out. */
static int scanned_slip(visitors *s, console *c)
{
    const char *text = listview_query(s->list);
    if (!is_slip_number(text) || strlen(text) >= FD_SLIP_TEXT)
        return 0;
    slip_search f = {.id = 0};
    snprintf(f.number, sizeof f.number, "%s", text);
    fd_error err = {0};
    if (fd_visits_list(console_desk(c), console_actor(c), FD_VISITS_BY_SLIP, f.number, NULL, 5,
                       find_slip, &f, &err) != FD_OK) {
        console_show_error(c, &err);
        return EV_HANDLED | EV_REDRAW;
    }
    if (!f.id)
        return 0;
    /* The list behind the visit shows the slip that was scanned. */
    show_view(s, view_index(FD_VISITS_BY_SLIP));
    listview_search(s->list, c, f.number);
    visitors_open_visit(c, f.id);
    return EV_HANDLED | EV_REDRAW;
}

static int visitors_handle(void *state, console *c, const console_event *ev)
{
    visitors *s = state;
    bool typing = listview_takes_text(s->list);
    int scanned = typing && ev->action == ACT_SELECT ? scanned_slip(s, c) : 0;
    if (scanned)
        return scanned;
    if (ev->action == ACT_NEW)
        return start_registration(c);
    if (ev->action == ACT_PRINT) {
        printing_daily_log(c, FD_LOG_VISITORS, printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    }
    if (ev->action == ACT_DO_NOT_ADMIT) {
        console_push(c, &visitor_ban_screen, NULL);
        return EV_HANDLED | EV_REDRAW;
    }
    if (ev->action == ACT_VIEW) {
        show_view(s, (s->view + 1) % VIEW_COUNT);
        return EV_HANDLED | EV_REDRAW;
    }
    if (ev->action == ACT_SELECT && !typing)
        return open_selected(s, c);
    if (!is_search(s->view) &&
        (ev->action == ACT_SEARCH || (ev->action == ACT_NONE && key_is_text(ev->key))))
        return start_search(s, c, ev);
    return listview_handle(s->list, c, ev);
}

static bool visitors_takes_text(const void *state)
{
    const visitors *s = state;
    return listview_takes_text(s->list);
}

static void draw_selected(const visitors *s, console *c, int y, int x, int cols)
{
    const fd_visit *v = listview_selected(s->list);
    if (!v)
        return;
    char line[LINE_TEXT], when[32];
    snprintf(line, sizeof line, "%s %s   %s   %d", fd_doc_type_label(v->doc_type), v->doc_number,
             v->phone, v->party_size);
    label_line(y, x, cols, _("Visitor"), line, A_NORMAL);
    label_line(y + 1, x, cols, _("Purpose"), v->purpose, A_NORMAL);
    show_when(v->registered_at, fd_desk_now(console_desk(c)), when, sizeof when);
    if (v->refusal)
        snprintf(line, sizeof line, _("%s by %s   refused: %s"), when, v->registered_by, v->refusal);
    else
        snprintf(line, sizeof line, _("%s by %s   %s"), when, v->registered_by,
                 v->gate ? v->gate : "");
    label_line(y + 2, x, cols, _("Registered"), line, A_NORMAL);
}

static void visitors_draw(void *state, console *c, const console_area *area)
{
    visitors *s = state;
    const fd_actor *me = console_actor(c);
    /* Read again after a write here, or for someone else taking over (masking). */
    if (s->seen != changes || (me && me->staff_id != s->read_for)) {
        read_list(s);
    } else if (fresh_stale(&s->read, c)) {
        listview_refresh(s->list, c);
    }
    char title[LINE_TEXT], key[32];
    keymap_first_key(console_keymap(c), ACT_VIEW, key, sizeof key);
    snprintf(title, sizeof title, _("%s   (%zu of %d; %s: next view)"), _(views[s->view].label),
             s->view + 1, VIEW_COUNT, key);
    draw_text(area->top, area->left, area->cols, title, A_BOLD);
    console_area list = {area->top + 1, area->left, area->rows - 1 - DETAIL_ROWS, area->cols};
    listview_draw(s->list, c, &list);
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    draw_selected(s, c, y + 1, area->left, area->cols);
}

static const console_action visitors_actions[] = {ACT_NEW,  ACT_SELECT,  ACT_VIEW,      ACT_SEARCH,
                                                  ACT_PRINT, ACT_DO_NOT_ADMIT, ACT_BACK, ACT_UP, ACT_DOWN,
                                                  ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
                                                  ACT_NONE};

const screen_ops visitors_screen = {
    .title = N_("Visitor log"),
    .actions = visitors_actions,
    .open = visitors_open,
    .close = visitors_close,
    .draw = visitors_draw,
    .handle = visitors_handle,
    .takes_text = visitors_takes_text,
};
