/* A renovation file's page: see works_file.h. */
#include "works/works_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "shell/auth.h"
#include "widgets/ask.h"
#include "widgets/dialog.h"
#include "widgets/fresh.h"
#include "widgets/record.h"
#include "widgets/show.h"
#include "works/works_shared.h"

enum { FACT_ROWS = 5, CHOICES_MAX = 60, CHOICE_TEXT = 96 };

typedef enum step {
    STEP_ISSUE,
    STEP_END,
    STEP_RENEW,
    STEP_TOOLS,
    STEP_TOOLS_OUT,
    STEP_HOT_WORK,
    STEP_CLEAR,
    STEP_EXTEND,
    STEP_COMPLETE,
    STEP_CORRECT, /* not a step of the file's machine: a correction beside it */
    STEP_COUNT
} step;

static const char *const step_labels[STEP_COUNT] = {
    [STEP_ISSUE] = N_("Issue a worker's pass (50 yuan)"),
    [STEP_END] = N_("Take back a pass: refund or forfeit"),
    [STEP_RENEW] = N_("Renew a pass"),
    [STEP_TOOLS] = N_("Register the morning's tools"),
    [STEP_TOOLS_OUT] = N_("Tools carried out against the list"),
    [STEP_HOT_WORK] = N_("Approve hot work (动火证)"),
    [STEP_CLEAR] = N_("Site cleared after hot work"),
    [STEP_EXTEND] = N_("Extend the term (written request)"),
    [STEP_COMPLETE] = N_("Complete: refund the deposit"),
    [STEP_CORRECT] = N_("Correct an entry (with a reason)"),
};

/* A choice among the file's passes, tools or permits: labels and the ids behind them. */
typedef struct choices {
    size_t count;
    int64_t id[CHOICES_MAX];
    char text[CHOICES_MAX][CHOICE_TEXT];
    const char *label[CHOICES_MAX];
} choices;

typedef struct file_view {
    int64_t id;
    fd_renovation file;
    bool loaded;
    fresh read; /* when it was read */
    console *c;
    choices passes;  /* issued */
    choices every_pass;          /* every pass of the file, for a correction */
    fd_work_pass pass[CHOICES_MAX]; /* behind every_pass, as read */
    choices tools;   /* still in */
    char tool_items[CHOICES_MAX][FD_WORKS_TEXT_MAX]; /* behind tools: the lists, one a line */
    choices permits; /* approved, site not yet cleared */
    record_history history;
    record_steps steps; /* every step, so each keeps its number */
    bool available[STEP_COUNT]; /* what the state and the reader's role allow now */
} file_view;

static void add_choice(choices *l, int64_t id, const char *text)
{
    if (l->count >= CHOICES_MAX)
        return;
    l->id[l->count] = id;
    text_copy(l->text[l->count], CHOICE_TEXT, text);
    l->label[l->count] = l->text[l->count];
    l->count++;
}

static void on_line(void *ctx, const fd_works_line *l)
{
    file_view *v = ctx;
    char line[RECORD_LINE_TEXT], detail[RECORD_LINE_TEXT / 2];
    works_items_line(l->detail ? l->detail : "", detail, sizeof detail);
    if (l->approver)
        snprintf(line, sizeof line, _("%s: %s \u2014 %s, approved by %s"), l->what, detail, l->staff,
                 l->approver);
    else if (detail[0])
        snprintf(line, sizeof line, _("%s: %s \u2014 %s"), l->what, detail, l->staff);
    else
        snprintf(line, sizeof line, "%s \u2014 %s", l->what, l->staff);
    record_history_add(&v->history, l->at, line);
}

static void on_pass(void *ctx, const fd_work_pass *p)
{
    file_view *v = ctx;
    char text[WORKS_LINE_TEXT], day[FD_DATE_TEXT];
    if (v->every_pass.count < CHOICES_MAX) {
        v->pass[v->every_pass.count] = *p;
        snprintf(text, sizeof text, _("No. %lld %s"), (long long)p->id, p->worker);
        if (p->corrected)
            snprintf(text + strlen(text), sizeof text - strlen(text), " %s", _("(corrected)"));
        add_choice(&v->every_pass, p->id, text);
    }
    if (p->state != FD_PASS_ISSUED)
        return;
    fd_date_format(p->valid_until, day);
    snprintf(text, sizeof text, _("No. %lld %s, to %s (%s)"), (long long)p->id, p->worker, day + 5,
             fd_pass_standing_label(p->standing));
    add_choice(&v->passes, p->id, text);
}

static void on_tools(void *ctx, const fd_tools *t)
{
    file_view *v = ctx;
    if (t->renovation_id != v->id || t->out)
        return;
    char text[WORKS_LINE_TEXT], items[CHOICE_TEXT];
    works_items_line(t->items, items, sizeof items);
    /* TRANSLATORS: a tools list to pick: its number, whose, the tools. */
    snprintf(text, sizeof text, _("No. %lld %s: %s"), (long long)t->id,
             t->worker[0] ? t->worker : _("the crew"), items);
    if (v->tools.count < CHOICES_MAX)
        snprintf(v->tool_items[v->tools.count], FD_WORKS_TEXT_MAX, "%s", t->items);
    add_choice(&v->tools, t->id, text);
}

static void on_permit(void *ctx, const fd_hot_work *h)
{
    file_view *v = ctx;
    if (h->cleared)
        return;
    char text[WORKS_LINE_TEXT], when[FD_TIME_TEXT];
    fd_time_format(h->starts_at, when);
    /* TRANSLATORS: a hot-work permit to pick: its number, the welder, its start. */
    snprintf(text, sizeof text, _("No. %lld %s %s"), (long long)h->id, h->welder, when + 5);
    add_choice(&v->permits, h->id, text);
}

/* Every step keeps its number, whatever is taken: those the file's state and the
 * reader's role do not allow now are shown dimmed and say so when chosen. */
static void offer_steps(file_view *v)
{
    const fd_actor *me = console_actor(v->c);
    bool active = v->file.state == FD_RENOVATION_ACTIVE;
    bool under_way = active && !v->file.term_over;
    bool may_pass = fd_may(me, FD_ACT_WORKS_PASS), may_site = fd_may(me, FD_ACT_WORKS_SITE);
    bool may_file = fd_may(me, FD_ACT_WORKS_RENOVATION);
    const bool offered[STEP_COUNT] = {
        [STEP_ISSUE] = under_way && may_pass,
        [STEP_END] = v->passes.count > 0 && may_pass,
        [STEP_RENEW] = under_way && v->passes.count > 0 && may_pass,
        [STEP_TOOLS] = under_way && may_site,
        [STEP_TOOLS_OUT] = v->tools.count > 0 && may_site,
        [STEP_HOT_WORK] = under_way && may_site,
        [STEP_CLEAR] = v->permits.count > 0 && may_site,
        [STEP_EXTEND] = under_way && may_file,
        [STEP_COMPLETE] = active && may_file,
        [STEP_CORRECT] = fd_may(me, FD_ACT_WORKS_CORRECT) || fd_may(me, FD_ACT_WORKS_CORRECT_RECEIPT),
    };
    record_steps_clear(&v->steps);
    for (int s = 0; s < STEP_COUNT; s++) {
        v->available[s] = offered[s];
        record_steps_offer(&v->steps, s);
    }
    record_steps_settle(&v->steps);
    for (int s = 0; s < STEP_COUNT && !v->available[v->steps.chosen.selected]; s++)
        if (v->available[s])
            v->steps.chosen.selected = (size_t)s;
}

static void load_file(file_view *v)
{
    console *c = v->c;
    fresh_mark(&v->read, c);
    record_history_clear(&v->history);
    v->passes.count = v->every_pass.count = v->tools.count = v->permits.count = 0;
    fd_error err = {0};
    fd_desk *d = console_desk(c);
    const fd_actor *me = console_actor(c);
    v->loaded = fd_renovation_get(d, me, v->id, &v->file, &err) == FD_OK &&
                fd_renovation_history(d, me, v->id, on_line, v, &err) == FD_OK &&
                fd_work_passes_of(d, me, v->id, on_pass, v, &err) == FD_OK &&
                fd_tools_today(d, me, NULL, on_tools, v, &err) == FD_OK &&
                fd_hot_works_of(d, me, v->id, on_permit, v, &err) == FD_OK;
    if (!v->loaded) {
        console_show_error(c, &err);
        return;
    }
    record_history_sort(&v->history);
    offer_steps(v);
}

static void *file_open(console *c, void *arg)
{
    file_view *v = fd_alloc(sizeof *v);
    v->id = *(const int64_t *)arg;
    v->c = c;
    load_file(v);
    return v;
}

static void file_close(void *state)
{
    free(state);
}

/* -- the steps' dialogs -- */

/* A step's dialog: the page it is for and what its choice fields offer. */
typedef struct stepping {
    ask_dialog a; /* first: the dialog's changed() gets it back */
    file_view *v;
    const choices *picked; /* the choice field "pick" offers these */
    const char *const *labels[3];
    size_t counts[3];
    const char *fields[3];
    int refunded;          /* a pass taken back: what the core refunded */
    const char *day_field; /* a day to edit, shown first as the file's last day (NULL: none) */
    int shown_signer;      /* a pass issued: the signer's role whose name the form shows */
} stepping;

static void offer(stepping *s, int slot, const char *field, const char *const *labels, size_t count)
{
    s->fields[slot] = field;
    s->labels[slot] = labels;
    s->counts[slot] = count;
}

static bool run_dialog(stepping *s, console *c, const form_field *fields, size_t count,
                       form_submit submit)
{
    s->a.form = form_new(fields, count, FORM_ASK_DISCARD, submit, s);
    if (s->day_field) {
        char last[FD_DATE_TEXT];
        fd_date_format(s->v->file.ends_on, last);
        form_set_value(s->a.form, s->day_field, last);
    }
    for (int i = 0; i < 3; i++)
        if (s->fields[i])
            form_set_choices(s->a.form, s->fields[i], s->labels[i], s->counts[i]);
    if (s->a.changed)
        s->a.changed(&s->a);
    bool done = ask_dialog_run(c, &s->a);
    form_free(s->a.form);
    return done;
}

static int submitted(stepping *s, console *c, form *f, fd_status st, const fd_error *err)
{
    if (st != FD_OK) {
        form_show_error(f, c, err);
        return EV_HANDLED;
    }
    s->a.done = true;
    return EV_POP;
}

/* The id behind the choice field "pick". */
static int64_t picked_id(const stepping *s, form *f)
{
    int i = form_choice(f, "pick");
    return i >= 0 && (size_t)i < s->picked->count ? s->picked->id[i] : 0;
}

static stepping new_stepping(file_view *v, const char *title, const char *intro)
{
    return (stepping){{title, intro, NULL, false, NULL, false}, .v = v, .shown_signer = -1};
}

/* Issue a pass. */

static const form_field issue_fields[] = {
    {"worker", N_("Worker"), FORM_TEXT, true, 20, 32},
    {"doc_type", N_("Document"), FORM_CHOICE, true, 0, 0},
    {"doc_number", N_("Document no."), FORM_DOCUMENT, true, 0, 0},
    {"signer_role", N_("Signature of"), FORM_CHOICE, true, 0, 0},
    {"signer", N_("Signer's name"), FORM_TEXT, true, 20, 32},
    {"receipt", N_("Receipt no."), FORM_TEXT, true, 20, 32},
    {"photo", N_("Photo"), FORM_CHOICE, true, 0, 0},
};

/* The signer's name as the file names it, for the role chosen. */
static void signer_changed(ask_dialog *a)
{
    stepping *s = (stepping *)a;
    int role = form_choice(a->form, "signer_role");
    if (role < 0 || role == s->shown_signer)
        return;
    form_set_value(a->form, "signer",
                   role == FD_SIGNER_OWNER ? s->v->file.owner : s->v->file.site_manager);
    s->shown_signer = role;
}

static int issue_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_work_pass_intake in = {
        .renovation_id = s->v->id,
        .worker = form_value(f, "worker"),
        .doc_type = (fd_doc_type)form_choice(f, "doc_type"),
        .doc_number = form_value(f, "doc_number"),
        .signer_role = (fd_work_signer)form_choice(f, "signer_role"),
        .signer = form_value(f, "signer"),
        .receipt = form_value(f, "receipt"),
        .photo = form_choice(f, "photo") == 1,
    };
    fd_error err = {0};
    fd_status st = fd_work_pass_issue(console_desk(c), console_actor(c), &in, NULL, &err);
    return submitted(s, c, f, st, &err);
}

static bool issue(file_view *v, console *c)
{
    stepping s = new_stepping(v, _("Issue a worker's pass"),
                              _("50 yuan received, of which 40 yuan is the deposit refunded when the "
                                "pass comes back. Only on the owner's or the site manager's signature."));
    s.a.changed = signer_changed;
    const char *docs[FD_DOC_TYPE_COUNT];
    for (int i = 0; i < FD_DOC_TYPE_COUNT; i++)
        docs[i] = fd_doc_type_label((fd_doc_type)i);
    const char *signers[] = {fd_work_signer_label(FD_SIGNER_OWNER),
                             fd_work_signer_label(FD_SIGNER_SITE_MANAGER)};
    const char *photo[] = {_("No photo"), _("Photo stuck on")};
    offer(&s, 0, "doc_type", docs, FD_DOC_TYPE_COUNT);
    offer(&s, 1, "signer_role", signers, 2);
    offer(&s, 2, "photo", photo, 2);
    return run_dialog(&s, c, issue_fields, sizeof issue_fields / sizeof issue_fields[0], issue_submit);
}

/* Take a pass back. */

static const form_field end_fields[] = {
    {"pick", N_("Pass"), FORM_CHOICE, true, 0, 0},
    {"pass_back", N_("Pass handed back"), FORM_CHOICE, true, 0, 0},
    {"receipt_shown", N_("Deposit receipt"), FORM_CHOICE, true, 0, 0},
    {"refund_receipt", N_("Refund receipt"), FORM_TEXT, false, 20, 32},
};

static int end_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_work_pass_return in = {
        .pass_back = form_choice(f, "pass_back") == 0,
        .receipt_shown = form_choice(f, "receipt_shown") == 0,
        .refund_receipt = form_value(f, "refund_receipt"),
    };
    fd_error err = {0};
    fd_status st = fd_work_pass_end(console_desk(c), console_actor(c), picked_id(s, f), &in,
                                    &s->refunded, &err);
    return submitted(s, c, f, st, &err);
}

static bool end_pass(file_view *v, console *c)
{
    stepping s = new_stepping(v, _("Take back a pass"),
                              _("The 40 yuan deposit is refunded against its receipt when the pass "
                                "comes back no more than three days after its last day; otherwise, "
                                "or when the pass or the receipt is lost, it is kept."));
    s.picked = &v->passes;
    const char *back[] = {_("Handed back"), _("Lost")};
    const char *shown[] = {_("Shown"), _("Lost")};
    offer(&s, 0, "pick", v->passes.label, v->passes.count);
    offer(&s, 1, "pass_back", back, 2);
    offer(&s, 2, "receipt_shown", shown, 2);
    if (!run_dialog(&s, c, end_fields, sizeof end_fields / sizeof end_fields[0], end_submit))
        return false;
    if (s.refunded)
        console_info(c, _("Pass taken back: %d yuan refunded."), s.refunded);
    else
        console_info(c, "%s", _("Pass taken back: the deposit is kept."));
    return true;
}

/* Renew a pass. */

static const form_field renew_fields[] = {
    {"pick", N_("Pass"), FORM_CHOICE, true, 0, 0},
    {"valid_until", N_("New last day"), FORM_DATE, true, 12, 10},
};

static int renew_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_date until;
    if (!works_typed_day(f, "valid_until", false, &until))
        return EV_HANDLED;
    fd_error err = {0};
    fd_status st = fd_work_pass_renew(console_desk(c), console_actor(c), picked_id(s, f), until, &err);
    return submitted(s, c, f, st, &err);
}

static bool renew(file_view *v, console *c)
{
    stepping s = new_stepping(v, _("Renew a pass"),
                              _("Within three days of its last day at the latest, and not past the "
                                "renovation's last day."));
    /* The new last day is typed, not offered: with the pass and a day filled in, Enter
     * on the step and Enter again would renew it unasked. */
    s.picked = &v->passes;
    offer(&s, 0, "pick", v->passes.label, v->passes.count);
    return run_dialog(&s, c, renew_fields, 2, renew_submit);
}

/* The morning's tools. */

static const form_field tools_fields[] = {
    {"pick", N_("Whose"), FORM_CHOICE, true, 0, 0},
    {"items", N_("Tools"), FORM_LINES, true, 0, 500},
};

typedef struct tools_stepping {
    stepping s; /* first */
    choices whose; /* the crew, then the passes */
} tools_stepping;

static int tools_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_status st = fd_tools_register(console_desk(c), console_actor(c), s->v->id, picked_id(s, f),
                                     form_value(f, "items"), NULL, &err);
    return submitted(s, c, f, st, &err);
}

static bool register_tools(file_view *v, console *c)
{
    tools_stepping *t = fd_alloc(sizeof *t);
    t->s = new_stepping(v, _("Register the morning's tools"),
                        _("One tool a line with how many (hammer drill 1): carried out later "
                          "against this list, with no new carry-out pass."));
    add_choice(&t->whose, 0, _("The crew"));
    for (size_t i = 0; i < v->passes.count; i++)
        add_choice(&t->whose, v->passes.id[i], v->passes.text[i]);
    t->s.picked = &t->whose;
    offer(&t->s, 0, "pick", t->whose.label, t->whose.count);
    bool done = run_dialog(&t->s, c, tools_fields, 2, tools_submit);
    free(t);
    return done;
}

static const form_field tools_out_fields[] = {
    {"pick", N_("Registered"), FORM_CHOICE, true, 0, 0},
    {"as_listed", N_("Carried out"), FORM_CHOICE, true, 0, 0},
    {"note", N_("What differs"), FORM_NOTE, false, 0, 500},
};

static int tools_out_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_error err = {0};
    fd_status st = fd_tools_check_out(console_desk(c), console_actor(c), picked_id(s, f),
                                      form_choice(f, "as_listed") == 0, form_value(f, "note"), &err);
    return submitted(s, c, f, st, &err);
}

/* The morning's list shown whole, one tool a line, above the fields: what is checked.
 * A long list shows its first TOOLS_SHOWN lines and how many more, so that the dialog
 * keeps within 80x24. */
enum { TOOLS_SHOWN = 8 };

typedef struct checking_out {
    stepping s; /* first: the dialog's changed() gets it back */
    int shown;  /* the registration whose list the intro shows; -1: none yet */
    char intro[2 * FD_WORKS_TEXT_MAX];
} checking_out;

static void list_in_intro(checking_out *k, const char *items)
{
    int n = snprintf(k->intro, sizeof k->intro, "%s",
                     _("Check what is carried out against the morning's list; say what differs."));
    int lines = 0, total = 0;
    for (const char *p = items; *p;) {
        size_t len = strcspn(p, "\n");
        if (lines < TOOLS_SHOWN && (size_t)n < sizeof k->intro) {
            n += snprintf(k->intro + n, sizeof k->intro - (size_t)n, "\n  %.*s", (int)len, p);
            lines++;
        }
        total++;
        p += len + (p[len] == '\n');
    }
    if (total > lines && (size_t)n + 3 < sizeof k->intro) {
        n += snprintf(k->intro + n, sizeof k->intro - (size_t)n, "\n  ");
        /* TRANSLATORS: under the first lines of a long tools list. */
        snprintf(k->intro + n, sizeof k->intro - (size_t)n, _("and %d more"), total - lines);
    }
}

static void tools_out_changed(ask_dialog *a)
{
    checking_out *k = (checking_out *)a;
    int i = form_choice(a->form, "pick");
    if (i < 0 || i == k->shown || (size_t)i >= k->s.v->tools.count)
        return;
    list_in_intro(k, k->s.v->tool_items[i]);
    k->shown = i;
}

static bool tools_out(file_view *v, console *c)
{
    checking_out *k = fd_alloc(sizeof *k);
    k->s = new_stepping(v, _("Tools carried out"), k->intro);
    k->shown = -1;
    k->s.a.changed = tools_out_changed;
    k->s.picked = &v->tools;
    const char *how[] = {_("As listed"), _("Not as listed")};
    offer(&k->s, 0, "pick", v->tools.label, v->tools.count);
    offer(&k->s, 1, "as_listed", how, 2);
    bool done = run_dialog(&k->s, c, tools_out_fields, 3, tools_out_submit);
    free(k);
    return done;
}

/* Hot work. */

static const form_field hot_fields[] = {
    {"welder", N_("Welder"), FORM_TEXT, true, 20, 32},
    {"certificate", N_("Certificate no."), FORM_TEXT, true, 20, 32},
    {"work", N_("Work and place"), FORM_NOTE, true, 0, 500},
    {"starts_at", N_("From"), FORM_DATETIME, true, 0, 0},
    {"ends_at", N_("Until"), FORM_DATETIME, true, 0, 0},
};

/* The approver enters their PIN after the form is filled, so it is what they approve. */
static int hot_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_hot_work_intake in = {
        .renovation_id = s->v->id,
        .welder = form_value(f, "welder"),
        .certificate = form_value(f, "certificate"),
        .work = form_value(f, "work"),
    };
    if (!form_time(f, c, "starts_at", false, &in.starts_at) ||
        !form_time(f, c, "ends_at", false, &in.ends_at))
        return EV_HANDLED;
    fd_actor approver;
    if (!auth_approve(c, FD_ACT_WORKS_HOT_WORK, &approver))
        return EV_HANDLED | EV_REDRAW;
    fd_error err = {0};
    fd_status st = fd_hot_work_approve(console_desk(c), console_actor(c), &approver, &in, NULL, &err);
    return submitted(s, c, f, st, &err);
}

static bool hot_work(file_view *v, console *c)
{
    stepping s = new_stepping(v, _("Approve hot work"),
                              _("Open flame or welding, approved before it starts by a duty manager "
                                "or the customer-service manager with their PIN."));
    s.a.form = form_new(hot_fields, sizeof hot_fields / sizeof hot_fields[0], FORM_ASK_DISCARD,
                        hot_submit, &s);
    char from[FD_TIME_TEXT], until[FD_TIME_TEXT];
    fd_time now = fd_desk_now(console_desk(c));
    fd_time_format(now, from);
    fd_time_format(now + 2 * 3600, until);
    form_set_value(s.a.form, "starts_at", from);
    form_set_value(s.a.form, "ends_at", until);
    bool done = ask_dialog_run(c, &s.a);
    form_free(s.a.form);
    return done;
}

static const form_field clear_fields[] = {
    {"pick", N_("Permit"), FORM_CHOICE, true, 0, 0},
};

/* The form is one choice, already made when it opens: its Enter alone would attest a
 * site safe after hot work. Chosen, then confirmed, the safe answer first. */
static bool clearing_confirmed(const stepping *s, console *c, form *f)
{
    int i = form_choice(f, "pick");
    if (i < 0 || (size_t)i >= s->picked->count)
        return true; /* nothing picked: the core says so at the field */
    char *question = fd_printf(_("Hot work %s: the site checked and cleared, nothing left to smoulder?"),
                               s->picked->label[i]);
    bool yes = dialog_confirm(c, question, _("Site cleared"), _("Not now"));
    free(question);
    return yes;
}

static int clear_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    if (!clearing_confirmed(s, c, f))
        return EV_HANDLED | EV_REDRAW;
    fd_error err = {0};
    fd_status st = fd_hot_work_clear(console_desk(c), console_actor(c), picked_id(s, f), &err);
    return submitted(s, c, f, st, &err);
}

static bool clear_site(file_view *v, console *c)
{
    stepping s = new_stepping(v, _("Site cleared after hot work"),
                              _("The site was checked and cleared after the work: nothing left to smoulder."));
    s.picked = &v->permits;
    offer(&s, 0, "pick", v->permits.label, v->permits.count);
    return run_dialog(&s, c, clear_fields, 1, clear_submit);
}

/* The term and the completion. */

static const form_field extend_fields[] = {
    {"until", N_("New last day"), FORM_DATE, true, 12, 10},
    {"request", N_("Written request"), FORM_NOTE, true, 0, 500},
};

static int extend_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_date until;
    if (!works_typed_day(f, "until", false, &until))
        return EV_HANDLED;
    fd_error err = {0};
    fd_status st = fd_renovation_extend(console_desk(c), console_actor(c), s->v->id, until,
                                        form_value(f, "request"), &err);
    return submitted(s, c, f, st, &err);
}

static bool extend(file_view *v, console *c)
{
    stepping s = new_stepping(v, _("Extend the term"),
                              _("On the written request, filed before the term ends: its reference "
                                "and what it asks."));
    s.day_field = "until";
    return run_dialog(&s, c, extend_fields, 2, extend_submit);
}

static const form_field complete_fields[] = {
    {"refunded", N_("Refunded (yuan)"), FORM_NUMBER, true, 8, 7},
    {"refund_receipt", N_("Refund receipt"), FORM_TEXT, false, 20, 32},
};

/* Choose, then confirm: the core checks first, so nothing is asked in vain; then the
 * manager approves with their PIN what was confirmed. */
static int complete_submit(void *ctx, console *c, form *f)
{
    stepping *s = ctx;
    fd_desk *d = console_desk(c);
    int refunded = atoi(form_value(f, "refunded"));
    const char *receipt = form_value(f, "refund_receipt");
    fd_error err = {0};
    fd_status st = fd_renovation_complete_check(d, console_actor(c), s->v->id, refunded, receipt, &err);
    if (st != FD_OK)
        return submitted(s, c, f, st, &err);
    char *question = fd_printf(_("Complete renovation No. %lld (%s) and refund %d of the %d yuan deposit?"),
                               (long long)s->v->id, s->v->file.unit, refunded, s->v->file.deposit);
    bool yes = dialog_confirm(c, question, _("Complete"), _("Check again"));
    free(question);
    fd_actor approver;
    if (!yes || !auth_approve(c, FD_ACT_WORKS_COMPLETE, &approver))
        return EV_HANDLED | EV_REDRAW;
    st = fd_renovation_complete(d, console_actor(c), &approver, s->v->id, refunded, receipt, &err);
    return submitted(s, c, f, st, &err) | EV_REDRAW;
}

static bool complete_requires(void *ctx, const form *f, const char *name)
{
    (void)ctx;
    return fd_renovation_complete_requires(atoi(form_value(f, "refunded")), name);
}

static bool complete(file_view *v, console *c)
{
    stepping s = new_stepping(v, _("Complete the renovation"),
                              _("After the inspection, with every pass back, the hot-work sites cleared "
                                "and the tools carried out: the deposit refunded against its receipt "
                                "(0 when the receipt is lost), approved by a duty manager or the "
                                "customer-service manager with their PIN."));
    s.a.form = form_new(complete_fields, 2, FORM_ASK_DISCARD, complete_submit, &s);
    form_set_required_rule(s.a.form, complete_requires, NULL);
    char deposit[16];
    snprintf(deposit, sizeof deposit, "%d", v->file.deposit);
    form_set_value(s.a.form, "refunded", deposit);
    bool done = ask_dialog_run(c, &s.a);
    form_free(s.a.form);
    return done;
}

/* Correcting the file or a pass: what, the right value, why; then a confirmation of
 * old → new. Only the fields the reader's role may correct are offered; the core asks
 * again. */

static const form_field correct_fields[] = {
    {"field", N_("Entry"), FORM_CHOICE, true, 0, 0},
    {"doc_type", N_("Document type"), FORM_CHOICE, false, 0, 0},
    {"value", N_("Correct value"), FORM_TEXT, true, 30, 60},
    {"reason", N_("Reason"), FORM_TEXT, true, 0, 80},
};

typedef struct correcting {
    stepping s; /* first */
    const fd_work_pass *pass; /* NULL: the file */
    int field[FD_WORKS_FIELD_COUNT]; /* the fields offered, by their place in the choice */
    const char *labels[FD_WORKS_FIELD_COUNT];
    size_t count;
    const char *docs[FD_DOC_TYPE_COUNT];
    int shown_field;
} correcting;

static fd_works_field chosen_field(const correcting *k, const form *f)
{
    int i = form_choice(f, "field");
    return i >= 0 && (size_t)i < k->count ? (fd_works_field)k->field[i] : FD_WORKS_FIELD_COUNT;
}

/* The field as it reads now, to edit: a document only when the reader sees it in full. */
static const char *current_text(const correcting *k, fd_works_field field)
{
    const fd_renovation *r = &k->s.v->file;
    const fd_work_pass *p = k->pass;
    switch (field) {
    case FD_WORKS_FIELD_OWNER: return r->owner;
    case FD_WORKS_FIELD_CONTRACTOR: return r->contractor;
    case FD_WORKS_FIELD_SITE_MANAGER: return r->site_manager;
    case FD_WORKS_FIELD_DEPOSIT_RECEIPT: return r->deposit_receipt;
    case FD_WORKS_FIELD_WORKER: return p->worker;
    case FD_WORKS_FIELD_DOCUMENT: return p->doc_in_full ? p->doc_number : "";
    case FD_WORKS_FIELD_RECEIPT: return p->receipt;
    case FD_WORKS_FIELD_COUNT: break;
    }
    return "";
}

/* As the page shows it, for the confirmation's "old". */
static void shown_text(const correcting *k, fd_works_field field, char *out, size_t size)
{
    if (field == FD_WORKS_FIELD_DOCUMENT)
        snprintf(out, size, "%s %s", fd_doc_type_label(k->pass->doc_type), k->pass->doc_number);
    else
        snprintf(out, size, "%s", current_text(k, field));
}

/* The document's type only for a document. */
static bool field_shown(void *ctx, const form *f, const char *name)
{
    return strcmp(name, "doc_type") != 0 || chosen_field(ctx, f) == FD_WORKS_FIELD_DOCUMENT;
}

static void correct_changed(ask_dialog *a)
{
    correcting *k = (correcting *)a;
    fd_works_field field = chosen_field(k, a->form);
    if (field == FD_WORKS_FIELD_COUNT || (int)field == k->shown_field)
        return;
    form_set_value(a->form, "value", current_text(k, field));
    if (field == FD_WORKS_FIELD_DOCUMENT)
        form_set_value(a->form, "doc_type", fd_doc_type_label(k->pass->doc_type));
    k->shown_field = (int)field;
}

static bool confirmed(const correcting *k, console *c, fd_works_field field, const form *f)
{
    char old[WORKS_LINE_TEXT / 2], typed[WORKS_LINE_TEXT / 2];
    shown_text(k, field, old, sizeof old);
    if (field == FD_WORKS_FIELD_DOCUMENT)
        snprintf(typed, sizeof typed, "%s %s", form_choice(f, "doc_type") < 0 ? ""
                                               : k->docs[form_choice(f, "doc_type")],
                 form_value(f, "value"));
    else
        snprintf(typed, sizeof typed, "%s", form_value(f, "value"));
    char *question = fd_printf(_("Correct %s: %s \u2192 %s? The old value stays in the history."),
                               fd_works_field_label(field), old, typed);
    bool yes = dialog_confirm(c, question, _("Save the correction"), _("Check again"));
    free(question);
    return yes;
}

static int correct_submit(void *ctx, console *c, form *f)
{
    correcting *k = ctx;
    fd_works_field field = chosen_field(k, f);
    if (!confirmed(k, c, field, f))
        return EV_HANDLED | EV_REDRAW;
    fd_works_correction in = {.field = field, .value = form_value(f, "value"),
                              .doc_type = (fd_doc_type)form_choice(f, "doc_type"),
                              .reason = form_value(f, "reason")};
    fd_error err = {0};
    fd_status st = k->pass ? fd_work_pass_correct(console_desk(c), console_actor(c), k->pass->id, &in, &err)
                           : fd_renovation_correct(console_desk(c), console_actor(c), k->s.v->id, &in, &err);
    return submitted(&k->s, c, f, st, &err);
}

/* The file, or which pass: asked first when the file has passes. */
static bool pick_record(file_view *v, console *c, const fd_work_pass **pass)
{
    *pass = NULL;
    if (v->every_pass.count == 0)
        return true;
    const char *labels[CHOICES_MAX + 1];
    labels[0] = _("The renovation file");
    for (size_t i = 0; i < v->every_pass.count; i++)
        labels[i + 1] = v->every_pass.label[i];
    int i = ask_choice(c, _("Correct what?"), labels, (int)v->every_pass.count + 1);
    if (i < 0)
        return false;
    *pass = i > 0 ? &v->pass[i - 1] : NULL;
    return true;
}

static bool correct(file_view *v, console *c)
{
    correcting *k = fd_alloc(sizeof *k);
    if (!pick_record(v, c, &k->pass)) {
        free(k);
        return false;
    }
    k->s = new_stepping(v, k->pass ? _("Correct a worker's pass") : _("Correct the renovation file"),
                        _("The record is not changed: the correction is kept beside it with your "
                          "name and the reason; the history shows the old value and the new."));
    k->s.a.changed = correct_changed;
    k->shown_field = -1;
    const fd_actor *me = console_actor(c);
    for (int f = 0; f < FD_WORKS_FIELD_COUNT; f++)
        if (fd_works_field_of_pass((fd_works_field)f) == (k->pass != NULL) &&
            fd_may(me, fd_works_field_action((fd_works_field)f))) {
            k->field[k->count] = f;
            k->labels[k->count++] = fd_works_field_label((fd_works_field)f);
        }
    for (int i = 0; i < FD_DOC_TYPE_COUNT; i++)
        k->docs[i] = fd_doc_type_label((fd_doc_type)i);
    offer(&k->s, 0, "field", k->labels, k->count);
    offer(&k->s, 1, "doc_type", k->docs, FD_DOC_TYPE_COUNT);
    k->s.a.form = form_new(correct_fields, sizeof correct_fields / sizeof correct_fields[0],
                           FORM_ASK_DISCARD, correct_submit, k);
    form_set_shown_rule(k->s.a.form, field_shown, k);
    for (int i = 0; i < 2; i++)
        form_set_choices(k->s.a.form, k->s.fields[i], k->s.labels[i], k->s.counts[i]);
    correct_changed(&k->s.a);
    bool done = ask_dialog_run(c, &k->s.a);
    form_free(k->s.a.form);
    free(k);
    return done;
}

static const char *const done_messages[STEP_COUNT] = {
    [STEP_ISSUE] = N_("Pass issued."),
    [STEP_END] = NULL, /* end_pass() says what was refunded */
    [STEP_RENEW] = N_("Pass renewed."),
    [STEP_TOOLS] = N_("Tools registered."),
    [STEP_TOOLS_OUT] = N_("Tools carried out."),
    [STEP_HOT_WORK] = N_("Hot work approved."),
    [STEP_CLEAR] = N_("Site cleared."),
    [STEP_EXTEND] = N_("Term extended."),
    [STEP_COMPLETE] = N_("Renovation completed."),
    [STEP_CORRECT] = N_("Correction saved."),
};

static int perform(file_view *v, console *c, step s)
{
    bool done = false;
    switch (s) {
    case STEP_ISSUE: done = issue(v, c); break;
    case STEP_END: done = end_pass(v, c); break;
    case STEP_RENEW: done = renew(v, c); break;
    case STEP_TOOLS: done = register_tools(v, c); break;
    case STEP_TOOLS_OUT: done = tools_out(v, c); break;
    case STEP_HOT_WORK: done = hot_work(v, c); break;
    case STEP_CLEAR: done = clear_site(v, c); break;
    case STEP_EXTEND: done = extend(v, c); break;
    case STEP_COMPLETE: done = complete(v, c); break;
    case STEP_CORRECT: done = correct(v, c); break;
    case STEP_COUNT: break;
    }
    if (done) {
        works_changed();
        if (done_messages[s])
            console_info(c, "%s", _(done_messages[s]));
        record_history_show_newest(&v->history);
        load_file(v);
    }
    return EV_HANDLED | EV_REDRAW;
}

/* -- drawing -- */

static const char *file_state(const fd_renovation *r)
{
    return r->state == FD_RENOVATION_COMPLETED ? _("Completed")
           : r->term_over                     ? _("Term over: work may be stopped")
                                              : _("Under way");
}

static void draw_facts(const file_view *v, int y, int x, int cols)
{
    const fd_renovation *r = &v->file;
    char line[WORKS_LINE_TEXT], first[FD_DATE_TEXT], last[FD_DATE_TEXT];
    snprintf(line, sizeof line, _("%lld   %s   owner %s"), (long long)v->id, r->unit, r->owner);
    if (r->corrected) /* the history says what and why */
        snprintf(line + strlen(line), sizeof line - strlen(line), "   %s", _("(corrected)"));
    works_label_line(y, x, cols, _("File no."), line, A_BOLD);
    snprintf(line, sizeof line, _("%s   site manager %s"), r->contractor, r->site_manager);
    works_label_line(y + 1, x, cols, _("Builder"), line, A_NORMAL);
    fd_date_format(r->starts_on, first);
    fd_date_format(r->ends_on, last);
    if (r->extensions)
        snprintf(line, sizeof line, _("%s to %s (extended %d times)   %s"), first, last,
                 r->extensions, file_state(r));
    else
        snprintf(line, sizeof line, _("%s to %s   %s"), first, last, file_state(r));
    works_label_line(y + 2, x, cols, _("Term"), line, r->term_over ? theme(TH_ERROR) : A_NORMAL);
    if (r->state == FD_RENOVATION_COMPLETED)
        snprintf(line, sizeof line, _("%d yuan, receipt %s   refunded %d yuan %s"), r->deposit,
                 r->deposit_receipt, r->refunded, r->refund_receipt);
    else
        snprintf(line, sizeof line, _("%d yuan, receipt %s"), r->deposit, r->deposit_receipt);
    works_label_line(y + 3, x, cols, _("Deposit"), line, A_NORMAL);
    snprintf(line, sizeof line, _("%d passes out   %zu tools lists in   %zu hot-work permits open"),
             r->passes_out, v->tools.count, v->permits.count);
    works_label_line(y + 4, x, cols, _("On site"), line, A_NORMAL);
}

static const screen_ops file_screen;

static void file_draw(void *state, console *c, const console_area *area)
{
    file_view *v = state;
    if (v->loaded && fresh_page_stale(&v->read, c, &file_screen))
        load_file(v);
    if (!v->loaded)
        return;
    draw_facts(v, area->top, area->left, area->cols);
    /* Every step is offered, so its number stays its digit; those not open now dim. */
    bool unavailable[STEP_COUNT];
    for (int s = 0; s < STEP_COUNT; s++)
        unavailable[s] = !v->available[s];
    record_body body = {FACT_ROWS, WORKS_LABEL_COLS, &v->history, &v->steps, step_labels,
                        _("Nothing more to do for this renovation."), unavailable};
    record_draw_body(&body, fd_desk_now(console_desk(c)), area);
}

static int file_handle(void *state, console *c, const console_event *ev)
{
    file_view *v = state;
    if (!v->loaded)
        return EV_IGNORED;
    if (record_history_key(&v->history, ev))
        return EV_HANDLED | EV_REDRAW;
    int chosen;
    switch (record_steps_key(&v->steps, c, ev, &chosen)) {
    case STEPS_MOVED: return EV_HANDLED | EV_REDRAW;
    case STEPS_CHOSEN:
        if (!v->available[chosen]) {
            console_error(c, _("Step %d cannot be taken now: the renovation's state or your role does not allow it."),
                          (chosen + 1) % 10);
            return EV_HANDLED | EV_REDRAW;
        }
        return perform(v, c, (step)chosen);
    case STEPS_IGNORED: break;
    }
    return EV_IGNORED;
}

static const console_action file_actions[] = {ACT_SELECT, ACT_BACK, ACT_UP, ACT_DOWN,
                                              ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE};

static const screen_ops file_screen = {
    .title = N_("Renovation file"),
    .actions = file_actions,
    .open = file_open,
    .close = file_close,
    .draw = file_draw,
    .handle = file_handle,
};

void works_file_open(console *c, int64_t id)
{
    console_push(c, &file_screen, &id);
}
