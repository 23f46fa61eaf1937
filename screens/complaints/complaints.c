/* Complaints (投诉受理/回访). The list shows open complaints soonest due first (the
 * overdue ones lead), or only the overdue, or one department's; typing searches the
 * whole history. Enter opens a complaint: its record, the steps the core allows next,
 * and its timeline. Every rule — deadlines, states, who may do what, what a field
 * must hold — is the core's; this file asks and shows. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaints/complaints.h"
#include "widgets/dialog.h"
#include "widgets/dirlist.h"
#include "console/draw.h"
#include "widgets/form.h"
#include "shell/auth.h"
#include "frontdesk/complaints.h"
#include "frontdesk/i18n.h"
#include "widgets/listview.h"
#include "widgets/picker.h"
#include "widgets/printing.h"
#include "frontdesk/text.h"

enum { DETAIL_ROWS = 7, LABEL_COLS = 10, TIMELINE_MAX = 64, STEPS_MAX = 8 };

/* Saved changes anywhere in this file: a screen underneath reloads when it sees the
 * count move, since nothing tells it that the screen on top has closed. */
static unsigned saved_changes;

/* The list's deadline: the last day and its weekday (fd_deadline_format); a dash
 * when nothing is due. */
static void format_due(fd_time due, char *out, size_t size)
{
    char text[FD_DEADLINE_TEXT];
    fd_deadline_format(due, false, text);
    snprintf(out, size, "%s", due ? text : "\u2014");
}

static const char *mark_of(bool overdue, bool escalated, bool unconfirmed)
{
    if (unconfirmed)
        return overdue ? _("Overdue, unverified") : _("Unverified");
    return overdue ? _("Overdue") : escalated ? _("Taken over") : "";
}

/* ---- the list ---- */

typedef struct crow {
    int64_t id, key;
    int state;
    bool overdue, escalated, unconfirmed;
    fd_time due;
    char *complainant, *unit, *summary;
} crow;

typedef struct list_source {
    fd_desk *desk;
    const fd_config *cfg;
    size_t view; /* 0: open, 1: overdue, 2 + i: department i */
} list_source;

static const listview_column list_columns[] = {
    {N_("No."), 5},  {N_("Due"), 13},  {N_("State"), 8}, {N_("Mark"), 10},
    {N_("Complainant"), 10}, {N_("Unit"), 8}, {N_("Content"), 0},
};

static void free_crow(void *p)
{
    crow *r = p;
    free(r->complainant);
    free(r->unit);
    free(r->summary);
    free(r);
}

static void add_crow(void *ctx, const fd_complaint_row *row)
{
    crow *r = fd_alloc(sizeof *r);
    *r = (crow){
        .id = row->id, .key = row->sort_key, .state = (int)row->state, .overdue = row->overdue,
        .escalated = row->escalated, .unconfirmed = row->due_unconfirmed, .due = row->due_at, .complainant = fd_strdup(row->complainant),
        .unit = fd_strdup(row->unit), .summary = fd_strdup(row->summary),
    };
    listview_add(ctx, r);
}

static fd_status fetch_crows(void *ctx, listview *lv, const char *query, const void *after,
                             int limit, fd_error *err)
{
    const list_source *src = ctx;
    fd_complaint_query q = {.view = FD_CVIEW_OPEN, .limit = limit};
    if (query && *query) {
        q.view = FD_CVIEW_SEARCH;
        q.text = query;
    } else if (src->view == 1) {
        q.view = FD_CVIEW_OVERDUE;
    } else if (src->view >= 2) {
        q.view = FD_CVIEW_MINE;
        q.department = src->cfg->departments.items[src->view - 2];
    }
    if (after) {
        const crow *last = after;
        q.after = true;
        q.after_key = last->key;
        q.after_id = last->id;
    }
    return fd_complaints_list(src->desk, &q, add_crow, lv, err);
}

static void crow_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    (void)ctx;
    (void)count;
    const crow *r = row;
    snprintf(out[0], 128, "%lld", (long long)r->id);
    format_due(r->due, out[1], 128);
    snprintf(out[2], 128, "%s", fd_complaint_choice_label(FD_CLIST_STATE, r->state));
    snprintf(out[3], 128, "%s", mark_of(r->overdue, r->escalated, r->unconfirmed));
    snprintf(out[4], 128, "%s", r->complainant);
    snprintf(out[5], 128, "%s", r->unit);
    snprintf(out[6], 128, "%s", r->summary);
}

static const listview_source crow_source = {
    list_columns, sizeof list_columns / sizeof list_columns[0], fetch_crows, crow_cells, free_crow,
};

typedef struct complaints {
    list_source source;
    listview *list;
    unsigned seen_changes;
    unsigned detail_version;
    fd_complaint_detail detail;
    bool have_detail;
} complaints;

static const console_action list_actions[] = {ACT_SELECT, ACT_NEW, ACT_VIEW, ACT_SEARCH, ACT_PRINT,
                                              ACT_BACK, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN,
                                              ACT_NONE};

static void load_detail(complaints *s, console *c)
{
    if (s->detail_version == listview_version(s->list))
        return;
    s->detail_version = listview_version(s->list);
    if (s->have_detail)
        fd_complaint_detail_free(&s->detail);
    s->have_detail = false;
    const crow *r = listview_selected(s->list);
    fd_error err = {0};
    if (r && fd_complaint_get(console_desk(c), console_actor(c), r->id, &s->detail, &err) == FD_OK)
        s->have_detail = true;
    else if (r)
        console_show_error(c, &err);
}

static void reload(complaints *s, console *c)
{
    s->seen_changes = saved_changes;
    listview_reload(s->list, c);
    s->detail_version = listview_version(s->list) - 1;
    load_detail(s, c);
}

static void *complaints_open(console *c, void *arg)
{
    (void)arg;
    complaints *s = fd_alloc(sizeof *s);
    s->source = (list_source){console_desk(c), console_config(c), 0};
    s->list = listview_new(&crow_source, &s->source, LISTVIEW_TYPE_AHEAD);
    reload(s, c);
    return s;
}

static void complaints_close(void *state)
{
    complaints *s = state;
    if (s->have_detail)
        fd_complaint_detail_free(&s->detail);
    listview_free(s->list);
    free(s);
}

static const char *view_name(const complaints *s)
{
    if (s->source.view == 0)
        return _("Open, soonest due first");
    if (s->source.view == 1)
        return _("Overdue");
    return s->source.cfg->departments.items[s->source.view - 2];
}

static void draw_summary(const fd_complaint_detail *d, int y, int x, int cols)
{
    char line[512], due[FD_DEADLINE_TEXT];
    int severity = d->severity;
    snprintf(line, sizeof line, "%s  %s%s%s  %s", fd_complaint_choice_label(FD_CLIST_SORT, (int)d->sort),
             fd_complaint_choice_label(FD_CLIST_CATEGORY, (int)d->category), severity >= 0 ? "  " : "",
             severity >= 0 ? fd_complaint_choice_label(FD_CLIST_SEVERITY, severity) : "",
             fd_complaint_choice_label(FD_CLIST_CHANNEL, (int)d->channel));
    draw_text(y, x, cols, line, A_BOLD);
    snprintf(line, sizeof line, "%s  %s  %s", d->complainant, d->unit, d->phone ? d->phone : "");
    draw_text(y + 1, x, cols, line, A_NORMAL);
    format_due(d->due_at, due, sizeof due);
    char *taken = d->escalated_to ? fd_printf(_("Taken over by %s"), d->escalated_to) : fd_strdup("");
    snprintf(line, sizeof line, _("%s: %s   %s: %s%s%s  %s%s%s"), _("Department"),
             d->department ? d->department : "\u2014", _("Due"), due,
             d->due_unconfirmed ? " " : "", d->due_unconfirmed ? _("Unverified") : "",
             d->overdue ? _("Overdue") : "", d->overdue && *taken ? "  " : "", taken);
    free(taken);
    draw_text(y + 2, x, cols, line, d->overdue ? theme(TH_ERROR) : A_NORMAL);
    draw_wrapped(y + 3, x, DETAIL_ROWS - 4, cols, d->content, theme(TH_DIM));
}

static void complaints_draw(void *state, console *c, const console_area *area)
{
    complaints *s = state;
    if (s->seen_changes != saved_changes)
        reload(s, c);
    char *title = fd_printf(_("%s: %s"), _("View"), view_name(s));
    draw_text(area->top, area->left, area->cols, title, theme(TH_TITLE));
    free(title);
    console_area list = {area->top + 1, area->left, area->rows - DETAIL_ROWS - 1, area->cols};
    listview_draw(s->list, c, &list);
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    if (s->have_detail)
        draw_summary(&s->detail, y + 1, area->left, area->cols);
}

static void next_view(complaints *s, console *c)
{
    s->source.view = (s->source.view + 1) % (2 + s->source.cfg->departments.count);
    reload(s, c);
}

static const screen_ops complaint_screen, intake_screen;

static int complaints_handle(void *state, console *c, const console_event *ev)
{
    complaints *s = state;
    if (ev->action == ACT_PRINT) {
        printing_daily_log(c, FD_LOG_COMPLAINTS, printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    }
    if (ev->action == ACT_NEW) {
        console_push(c, &intake_screen, NULL);
        return EV_HANDLED | EV_REDRAW;
    }
    if (ev->action == ACT_VIEW) {
        next_view(s, c);
        return EV_HANDLED | EV_REDRAW;
    }
    const crow *r = listview_selected(s->list);
    if (ev->action == ACT_SELECT && r && !listview_takes_text(s->list)) {
        console_push(c, &complaint_screen, (void *)(intptr_t)r->id);
        return EV_HANDLED | EV_REDRAW;
    }
    int flags = listview_handle(s->list, c, ev);
    load_detail(s, c);
    return flags;
}

static bool complaints_takes_text(const void *state)
{
    const complaints *s = state;
    return listview_takes_text(s->list);
}

const screen_ops complaints_screen = {
    .title = N_("Complaints and return visits"),
    .actions = list_actions,
    .open = complaints_open,
    .close = complaints_close,
    .draw = complaints_draw,
    .handle = complaints_handle,
    .takes_text = complaints_takes_text,
};

/* ---- forms ---- */

/* The forms of the steps, and what each sends to the core. */
typedef enum step_kind {
    STEP_INTAKE, STEP_ASSIGN, STEP_RECTIFY, STEP_VISIT, STEP_ESCALATE, STEP_SEVERITY, STEP_CORRECT,
    STEP_CLOSE,
} step_kind;

static const form_field intake_fields[] = {
    {"sort", N_("Kind"), FORM_CHOICE, true, 0, 0},
    {"complainant", N_("Complainant"), FORM_TEXT, false, 20, 32},
    {"unit", N_("Unit"), FORM_TEXT, false, 12, 32},
    {"phone", N_("Contact phone"), FORM_PHONE, false, 0, 0},
    {"channel", N_("Channel"), FORM_CHOICE, true, 0, 0},
    {"category", N_("Category"), FORM_CHOICE, true, 0, 0},
    {"severity", N_("Severity"), FORM_CHOICE, true, 0, 0},
    {"department", N_("Special service by"), FORM_CHOICE, false, 0, 0},
    {"content", N_("Complaint"), FORM_NOTE, true, 0, 2000},
    {"received_at", N_("Received at"), FORM_DATETIME, false, 0, 0},
};
static const form_field assign_fields[] = {
    {"department", N_("Department"), FORM_CHOICE, true, 0, 0},
    {"note", N_("Note"), FORM_NOTE, false, 0, 500},
};
static const form_field rectify_fields[] = {
    {"measures", N_("Measures"), FORM_NOTE, true, 0, 1000},
    {"result", N_("Result"), FORM_NOTE, true, 0, 1000},
    {"done_by", N_("Rectified by"), FORM_TEXT, true, 20, 32},
    {"done_at", N_("Rectified at"), FORM_DATETIME, false, 0, 0},
};
static const form_field visit_fields[] = {
    {"method", N_("Method"), FORM_CHOICE, true, 0, 0},
    {"satisfaction", N_("Satisfaction"), FORM_CHOICE, true, 0, 0},
    {"result", N_("Result"), FORM_NOTE, true, 0, 1000},
    {"ack", N_("Acknowledged"), FORM_CHOICE, true, 0, 0},
    {"ack_phone", N_("Number called"), FORM_PHONE, false, 0, 0},
    {"visited_at", N_("Visited at"), FORM_DATETIME, false, 0, 0},
};
static const form_field escalate_fields[] = {
    {"reason", N_("Why"), FORM_NOTE, true, 0, 500},
};
static const form_field severity_fields[] = {
    {"severity", N_("Severity"), FORM_CHOICE, true, 0, 0},
    {"reason", N_("Reason"), FORM_NOTE, true, 0, 500},
};
static const form_field correct_fields[] = {
    {"field", N_("Correct"), FORM_CHOICE, true, 0, 0},
    {"value", N_("New value"), FORM_NOTE, true, 0, 2000},
    {"reason", N_("Reason"), FORM_NOTE, true, 0, 500},
};

#define FIELDS(a) a, sizeof a / sizeof a[0]
static const struct {
    const form_field *fields;
    size_t count;
    const char *title; /* N_() */
} step_forms[] = {
    [STEP_INTAKE] = {FIELDS(intake_fields), N_("Take a complaint (投诉记录表)")},
    [STEP_ASSIGN] = {FIELDS(assign_fields), N_("Assign to a department")},
    [STEP_RECTIFY] = {FIELDS(rectify_fields), N_("Record the rectification")},
    [STEP_VISIT] = {FIELDS(visit_fields), N_("Record the return visit (回访记录表)")},
    [STEP_ESCALATE] = {FIELDS(escalate_fields), N_("Hand over to the CS manager")},
    [STEP_SEVERITY] = {FIELDS(severity_fields), N_("Correct the severity")},
    [STEP_CORRECT] = {FIELDS(correct_fields), N_("Correct the record")},
};
#undef FIELDS

/* The intake fields a correction may change, stored names and labels. */
static const char *const correctable_fields[] = {"complainant", "unit", "phone", "content"};
static const char *const correctable_labels[] = {N_("Complainant"), N_("Unit"), N_("Contact phone"),
                                                 N_("Complaint")};
enum { CORRECTABLE = sizeof correctable_fields / sizeof correctable_fields[0] };

enum { CHOICES_MAX = 16 };

typedef struct choices {
    const char *labels[CHOICES_MAX];
    size_t count;
} choices;

/* What opens a step's form: the complaint, and who approved in place. */
typedef struct step_arg {
    step_kind kind;
    int64_t id;
    char title[128];     /* "No. 12 张三丰" */
    char phone[40];      /* the contact, when the viewer may see it */
    bool has_approver;
    fd_actor approver;
} step_arg;

typedef struct step_form {
    step_arg arg;
    form *form;
    choices lists[5];
    int64_t occupant_id; /* picked from the directory */
    char *picked_unit;
} step_form;

static void offer_list(step_form *s, int slot, const char *field, fd_complaint_list list)
{
    choices *ch = &s->lists[slot];
    ch->count = 0;
    for (int i = 0; i < fd_complaint_choice_count(list) && ch->count < CHOICES_MAX; i++)
        ch->labels[ch->count++] = fd_complaint_choice_label(list, i);
    form_set_choices(s->form, field, ch->labels, ch->count);
}

static void offer_departments(step_form *s, int slot, const fd_config *cfg)
{
    choices *ch = &s->lists[slot];
    ch->count = 0;
    for (size_t i = 0; i < cfg->departments.count && ch->count < CHOICES_MAX; i++)
        ch->labels[ch->count++] = cfg->departments.items[i];
    form_set_choices(s->form, "department", ch->labels, ch->count);
}

static void offer_choices(step_form *s, console *c)
{
    switch (s->arg.kind) {
    case STEP_INTAKE:
        offer_list(s, 0, "sort", FD_CLIST_SORT);
        offer_list(s, 1, "channel", FD_CLIST_CHANNEL);
        offer_list(s, 2, "category", FD_CLIST_CATEGORY);
        offer_list(s, 3, "severity", FD_CLIST_SEVERITY);
        offer_departments(s, 4, console_config(c));
        break;
    case STEP_ASSIGN:
        offer_departments(s, 0, console_config(c));
        break;
    case STEP_VISIT:
        offer_list(s, 0, "method", FD_CLIST_METHOD);
        offer_list(s, 1, "satisfaction", FD_CLIST_SATISFACTION);
        offer_list(s, 2, "ack", FD_CLIST_ACK);
        form_set_value(s->form, "ack_phone", s->arg.phone);
        break;
    case STEP_SEVERITY:
        offer_list(s, 0, "severity", FD_CLIST_SEVERITY);
        break;
    case STEP_CORRECT:
        s->lists[0].count = CORRECTABLE;
        for (size_t i = 0; i < CORRECTABLE; i++)
            s->lists[0].labels[i] = _(correctable_labels[i]);
        form_set_choices(s->form, "field", s->lists[0].labels, CORRECTABLE);
        break;
    default:
        break;
    }
}

/* A typed time: empty is now (0); what does not parse is a typing slip, said at the
 * field before the core is asked. */
static bool typed_time(step_form *s, const char *field, fd_time *out)
{
    const char *text = form_value(s->form, field);
    *out = 0;
    if (text_blank(text))
        return true;
    if (fd_time_parse(text, out))
        return true;
    form_field_error(s->form, field, _("Write the time as 2026-11-27 09:30."));
    return false;
}

static fd_status submit_intake(step_form *s, console *c, int64_t *id, fd_error *err)
{
    fd_complaint_intake in = {
        .sort = (fd_complaint_sort)form_choice(s->form, "sort"),
        .complainant = form_value(s->form, "complainant"),
        .unit = form_value(s->form, "unit"),
        .phone = form_value(s->form, "phone"),
        .channel = (fd_complaint_channel)form_choice(s->form, "channel"),
        .content = form_value(s->form, "content"),
        .category = (fd_complaint_category)form_choice(s->form, "category"),
        .severity = (fd_complaint_severity)form_choice(s->form, "severity"),
        .department = form_value(s->form, "department"),
    };
    /* The directory's entry only while the unit is still the one it gave. */
    if (s->occupant_id && s->picked_unit && strcmp(s->picked_unit, in.unit) == 0)
        in.occupant_id = s->occupant_id;
    if (!typed_time(s, "received_at", &in.received_at))
        return FD_INVALID;
    return fd_complaint_receive(console_desk(c), console_actor(c), &in, id, err);
}

static fd_status submit_visit(step_form *s, console *c, fd_error *err)
{
    fd_complaint_visit v = {
        .method = (fd_complaint_method)form_choice(s->form, "method"),
        .result = form_value(s->form, "result"),
        .satisfaction = (fd_complaint_satisfaction)form_choice(s->form, "satisfaction"),
        .ack = (fd_complaint_ack)form_choice(s->form, "ack"),
        .ack_phone = form_value(s->form, "ack_phone"),
    };
    if (!typed_time(s, "visited_at", &v.visited_at))
        return FD_INVALID;
    return fd_complaint_visit_record(console_desk(c), console_actor(c), s->arg.id, &v, err);
}

static fd_status submit_rectify(step_form *s, console *c, fd_error *err)
{
    fd_complaint_rectification r = {
        form_value(s->form, "measures"), form_value(s->form, "result"),
        form_value(s->form, "done_by"), 0,
    };
    if (!typed_time(s, "done_at", &r.done_at))
        return FD_INVALID;
    return fd_complaint_rectify(console_desk(c), console_actor(c), s->arg.id, &r, err);
}

static fd_status submit_step(step_form *s, console *c, fd_error *err)
{
    fd_desk *d = console_desk(c);
    const fd_actor *me = console_actor(c);
    int64_t id = s->arg.id;
    switch (s->arg.kind) {
    case STEP_INTAKE:
        return submit_intake(s, c, &s->arg.id, err);
    case STEP_ASSIGN:
        return fd_complaint_assign(d, me, id, form_value(s->form, "department"),
                                   form_value(s->form, "note"), err);
    case STEP_RECTIFY:
        return submit_rectify(s, c, err);
    case STEP_VISIT:
        return submit_visit(s, c, err);
    case STEP_ESCALATE:
        return fd_complaint_escalate(d, me, s->arg.has_approver ? &s->arg.approver : NULL, id,
                                     form_value(s->form, "reason"), err);
    case STEP_SEVERITY:
        return fd_complaint_correct(d, me, id, "severity",
                                    fd_complaint_choice_name(FD_CLIST_SEVERITY, form_choice(s->form, "severity")),
                                    form_value(s->form, "reason"), err);
    case STEP_CORRECT: {
        int field = form_choice(s->form, "field");
        return fd_complaint_correct(d, me, id, correctable_fields[field < 0 ? 0 : field],
                                    form_value(s->form, "value"), form_value(s->form, "reason"), err);
    }
    default:
        return FD_OK;
    }
}

/* A correction's value is typed in "value", while the core names the complaint's field. */
static void show_step_error(const step_form *s, form *f, console *c, const fd_error *err)
{
    int field = s->arg.kind == STEP_CORRECT ? form_choice(f, "field") : -1;
    if (field >= 0 && strcmp(err->field, correctable_fields[field]) == 0)
        form_field_error(f, "value", err->message);
    else
        form_show_error(f, c, err);
}

static int step_submit(void *ctx, console *c, form *f)
{
    step_form *s = ctx;
    fd_error err = {0};
    fd_status st = submit_step(s, c, &err);
    if (st != FD_OK) {
        if (err.status != FD_OK)
            show_step_error(s, f, c, &err);
        return EV_HANDLED;
    }
    saved_changes++;
    if (s->arg.kind == STEP_INTAKE)
        console_info(c, _("Complaint No. %lld taken in."), (long long)s->arg.id);
    else
        console_info(c, "%s", _("Saved."));
    return EV_POP;
}

static const console_action form_actions[] = {ACT_SAVE, ACT_BACK, ACT_NEXT_FIELD, ACT_PREV_FIELD,
                                              ACT_LEFT, ACT_RIGHT, ACT_NONE};
static const console_action intake_actions[] = {ACT_SAVE, ACT_DIRECTORY, ACT_BACK, ACT_NEXT_FIELD,
                                                ACT_PREV_FIELD, ACT_LEFT, ACT_RIGHT, ACT_NONE};

static void *step_open(console *c, void *arg)
{
    step_form *s = fd_alloc(sizeof *s);
    if (arg)
        s->arg = *(const step_arg *)arg;
    else
        s->arg.kind = STEP_INTAKE;
    s->form = form_new(step_forms[s->arg.kind].fields, step_forms[s->arg.kind].count,
                       FORM_ASK_DISCARD, step_submit, s);
    offer_choices(s, c);
    return s;
}

static void step_close(void *state)
{
    step_form *s = state;
    form_free(s->form);
    free(s->picked_unit);
    free(s);
}

static void step_draw(void *state, console *c, const console_area *area)
{
    step_form *s = state;
    int y = area->top;
    char *heading = s->arg.kind == STEP_INTAKE
                        ? fd_strdup(_(step_forms[STEP_INTAKE].title))
                        : fd_printf("%s \u2014 %s", _(step_forms[s->arg.kind].title), s->arg.title);
    draw_text(y, area->left + 2, area->cols - 2, heading, theme(TH_TITLE));
    free(heading);
    if (s->arg.kind == STEP_INTAKE) {
        char key[32];
        keymap_first_key(console_keymap(c), ACT_DIRECTORY, key, sizeof key);
        char *hint = fd_printf(_("%s: pick the complainant from the directory"), key);
        draw_text(y + 1, area->left + 2, area->cols - 2, hint, theme(TH_DIM));
        free(hint);
    }
    console_area fields = {y + 2, area->left + 2, area->rows - 2, area->cols - 4};
    form_draw(s->form, c, &fields);
}

/* The complainant from the directory: name, unit and, when the core gave it in full,
 * the phone; otherwise the core takes the phone from the directory itself. */
static int pick_complainant(step_form *s, console *c)
{
    dir_item *item;
    if (!picker_choose(c, _("Complainant"), FD_DIR_OCCUPANT | FD_DIR_PERSON,
                       form_value(s->form, "complainant"), &item))
        return EV_HANDLED | EV_REDRAW;
    s->occupant_id = item->id;
    free(s->picked_unit);
    s->picked_unit = fd_strdup(item->unit);
    form_set_value(s->form, "complainant", item->name);
    form_set_value(s->form, "unit", item->unit);
    form_set_value(s->form, "phone", item->phone_in_full ? item->phone : "");
    dir_item_free(item);
    form_focus(s->form, "channel");
    return EV_HANDLED | EV_REDRAW;
}

static int step_handle(void *state, console *c, const console_event *ev)
{
    step_form *s = state;
    if (ev->action == ACT_DIRECTORY && s->arg.kind == STEP_INTAKE)
        return pick_complainant(s, c);
    return form_handle(s->form, c, ev);
}

static bool step_takes_text(const void *state)
{
    const step_form *s = state;
    return form_takes_text(s->form);
}

static bool step_may_leave(void *state, console *c)
{
    step_form *s = state;
    return form_may_discard(s->form, c);
}

/* The intake and the steps' forms: the same screen, with the directory's key on the
 * intake. */
#define STEP_SCREEN(step_actions)                                                        \
    {                                                                                    \
        .title = N_("Complaints and return visits"), .actions = step_actions,            \
        .open = step_open, .close = step_close, .draw = step_draw, .handle = step_handle, \
        .takes_text = step_takes_text, .may_leave = step_may_leave,                      \
    }
static const screen_ops intake_screen = STEP_SCREEN(intake_actions);
static const screen_ops step_screen = STEP_SCREEN(form_actions);
#undef STEP_SCREEN

/* ---- one complaint ---- */

typedef struct step_item {
    step_kind kind;
    const char *label; /* translated */
} step_item;

typedef struct complaint_view {
    int64_t id;
    unsigned seen_changes;
    bool loaded;
    fd_complaint_detail detail;
    step_item steps[STEPS_MAX];
    size_t step_count, selected;
    char *timeline[TIMELINE_MAX];
    size_t line_count;
    size_t back; /* steps scrolled back from the newest */
} complaint_view;

static const console_action complaint_actions[] = {ACT_SELECT, ACT_UP, ACT_DOWN, ACT_PAGE_UP,
                                                   ACT_PAGE_DOWN, ACT_BACK, ACT_NONE};

/* What the step recorded, in a few words after its label. */
static char *step_details(const fd_complaint_step *st)
{
    if (st->department)
        return fd_strdup(st->department);
    if (st->measures)
        return fd_printf("%s \u2192 %s (%s)", st->measures, st->result, st->done_by);
    if (st->satisfaction >= 0)
        return fd_printf("%s: %s (%s; %s%s%s)",
                         fd_complaint_choice_label(FD_CLIST_SATISFACTION, st->satisfaction), st->result,
                         fd_complaint_choice_label(FD_CLIST_METHOD, st->method),
                         fd_complaint_choice_label(FD_CLIST_ACK, st->ack), st->ack_phone ? " " : "",
                         st->ack_phone ? st->ack_phone : "");
    if (st->field)
        return fd_printf("%s = %s (%s)", st->field, st->value ? st->value : "", st->note ? st->note : "");
    return fd_strdup(st->note ? st->note : "");
}

static void add_line(void *ctx, const fd_complaint_step *st)
{
    complaint_view *v = ctx;
    if (v->line_count >= TIMELINE_MAX)
        return;
    char when[FD_TIME_TEXT], due[FD_DEADLINE_TEXT];
    fd_time_format(st->at, when);
    char *details = step_details(st);
    fd_deadline_format(st->due_at, true, due);
    v->timeline[v->line_count++] =
        fd_printf("%s  %s%s%s  %s  %s%s%s%s%s", when + 5, st->staff, st->approver ? "/" : "",
                  st->approver ? st->approver : "", fd_complaint_event_label(st->event), details,
                  st->due_at ? _("  due ") : "", due, st->due_unconfirmed ? " " : "",
                  st->due_unconfirmed ? _("Unverified") : "");
    free(details);
}

static void add_step(complaint_view *v, step_kind kind, const char *label)
{
    if (v->step_count < STEPS_MAX)
        v->steps[v->step_count++] = (step_item){kind, label};
}

/* Whether the machine allows event now for me; escalate is offered to anyone, since
 * a CS manager can approve it in place. */
static bool allowed(console *c, const complaint_view *v, fd_complaint_next_step step)
{
    fd_status s = fd_complaint_may(console_desk(c), v->id, v->detail.state, step, console_actor(c),
                                   NULL);
    return s == FD_OK || (s == FD_DENIED && step == FD_COMPLAINT_STEP_ESCALATE);
}

static void offer_steps(complaint_view *v, console *c)
{
    v->step_count = v->selected = 0;
    if (allowed(c, v, FD_COMPLAINT_STEP_ASSIGN))
        add_step(v, STEP_ASSIGN, _("Assign to a department"));
    if (allowed(c, v, FD_COMPLAINT_STEP_RECTIFY))
        add_step(v, STEP_RECTIFY, _("Record the rectification"));
    if (allowed(c, v, FD_COMPLAINT_STEP_VISIT))
        add_step(v, STEP_VISIT, _("Record the return visit"));
    if (allowed(c, v, FD_COMPLAINT_STEP_CLOSE))
        add_step(v, STEP_CLOSE, _("Close the complaint"));
    if (allowed(c, v, FD_COMPLAINT_STEP_REASSIGN))
        add_step(v, STEP_ASSIGN, _("Reassign to another department"));
    if (!v->detail.escalated_to && allowed(c, v, FD_COMPLAINT_STEP_ESCALATE))
        add_step(v, STEP_ESCALATE, _("Hand over to the CS manager"));
    if (v->detail.sort == FD_SORT_COMPLAINT && fd_may(console_actor(c), FD_ACT_COMPLAINT_SEVERITY))
        add_step(v, STEP_SEVERITY, _("Correct the severity"));
    if (fd_may(console_actor(c), FD_ACT_COMPLAINT_CORRECT))
        add_step(v, STEP_CORRECT, _("Correct the record"));
}

static void drop_view(complaint_view *v)
{
    if (v->loaded)
        fd_complaint_detail_free(&v->detail);
    v->loaded = false;
    for (size_t i = 0; i < v->line_count; i++)
        free(v->timeline[i]);
    v->line_count = 0;
}

static void load_view(complaint_view *v, console *c)
{
    drop_view(v);
    v->seen_changes = saved_changes;
    fd_error err = {0};
    if (fd_complaint_get(console_desk(c), console_actor(c), v->id, &v->detail, &err) != FD_OK ||
        fd_complaint_timeline(console_desk(c), console_actor(c), v->id, add_line, v, &err) != FD_OK) {
        console_show_error(c, &err);
        return;
    }
    v->loaded = true;
    offer_steps(v, c);
}

static void *complaint_open(console *c, void *arg)
{
    complaint_view *v = fd_alloc(sizeof *v);
    v->id = (int64_t)(intptr_t)arg;
    load_view(v, c);
    return v;
}

static void complaint_close(void *state)
{
    complaint_view *v = state;
    drop_view(v);
    free(v);
}

static void draw_steps(const complaint_view *v, console *c, int y, int x, int cols)
{
    (void)c;
    draw_text(y, x, LABEL_COLS, _("Next"), theme(TH_DIM));
    int cx = x + LABEL_COLS;
    for (size_t i = 0; i < v->step_count; i++) {
        char item[160];
        snprintf(item, sizeof item, " %zu %s ", i + 1, v->steps[i].label);
        int w = text_width(item);
        if (cx + w > x + cols) {
            y++;
            cx = x + LABEL_COLS;
        }
        draw_text(y, cx, w, item, i == v->selected ? theme(TH_SELECTED) : A_NORMAL);
        cx += w + 1;
    }
}

static void complaint_draw(void *state, console *c, const console_area *area)
{
    complaint_view *v = state;
    if (v->seen_changes != saved_changes)
        load_view(v, c);
    if (!v->loaded)
        return;
    const fd_complaint_detail *d = &v->detail;
    int x = area->left + 1, cols = area->cols - 2;
    char *head = fd_printf("%s %lld  %s  %s", _("No."), (long long)d->id,
                           fd_complaint_choice_label(FD_CLIST_STATE, (int)d->state), d->received_by);
    draw_text(area->top, x, cols, head, theme(TH_TITLE));
    free(head);
    draw_summary(d, area->top + 1, x, cols);
    int y = area->top + DETAIL_ROWS + 1;
    draw_steps(v, c, y, x, cols);
    y += 2;
    draw_rule(y++, area->left, area->cols, theme(TH_DIM));
    /* One line a step, the newest at the bottom; PgUp goes back in time. */
    size_t rows = (size_t)(area->top + area->rows - y);
    size_t end = v->line_count - (v->back < v->line_count ? v->back : 0);
    size_t first = end > rows ? end - rows : 0;
    for (size_t i = first; i < end; i++)
        draw_text(y++, x, cols, v->timeline[i], A_NORMAL);
}

static int close_complaint(complaint_view *v, console *c)
{
    char *question = fd_printf(_("Close complaint No. %lld?"), (long long)v->id);
    bool yes = dialog_confirm(c, question, _("Close it"), _("Not yet"));
    free(question);
    fd_error err = {0};
    if (yes && fd_complaint_close(console_desk(c), console_actor(c), v->id, NULL, &err) != FD_OK)
        console_show_error(c, &err);
    else if (yes) {
        saved_changes++;
        console_info(c, "%s", _("Closed."));
    }
    return EV_HANDLED | EV_REDRAW;
}

static int perform_step(complaint_view *v, console *c, size_t index)
{
    if (index >= v->step_count)
        return EV_HANDLED;
    step_kind kind = v->steps[index].kind;
    if (kind == STEP_CLOSE)
        return close_complaint(v, c);
    step_arg arg = {.kind = kind, .id = v->id};
    snprintf(arg.title, sizeof arg.title, "%s %lld  %s", _("No."), (long long)v->id, v->detail.complainant);
    if (v->detail.phone && v->detail.phone_in_full)
        text_copy(arg.phone, sizeof arg.phone, v->detail.phone);
    if (kind == STEP_ESCALATE && !fd_may(console_actor(c), FD_ACT_COMPLAINT_ESCALATE)) {
        if (!auth_approve(c, FD_ACT_COMPLAINT_ESCALATE, &arg.approver))
            return EV_HANDLED | EV_REDRAW;
        arg.has_approver = true;
    }
    console_push(c, &step_screen, &arg);
    return EV_HANDLED | EV_REDRAW;
}

static int complaint_handle(void *state, console *c, const console_event *ev)
{
    complaint_view *v = state;
    switch (ev->action) {
    case ACT_UP:
    case ACT_LEFT:
        v->selected = v->selected > 0 ? v->selected - 1 : 0;
        return EV_HANDLED | EV_REDRAW;
    case ACT_DOWN:
    case ACT_RIGHT:
        v->selected = v->selected + 1 < v->step_count ? v->selected + 1 : v->selected;
        return EV_HANDLED | EV_REDRAW;
    case ACT_PAGE_UP:
        v->back = v->back + 1 < v->line_count ? v->back + 1 : v->back;
        return EV_HANDLED | EV_REDRAW;
    case ACT_PAGE_DOWN:
        v->back = v->back > 0 ? v->back - 1 : 0;
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        return perform_step(v, c, v->selected);
    case ACT_NONE:
        if (!ev->key.function && ev->key.code >= '1' && ev->key.code <= '9')
            return perform_step(v, c, (size_t)(ev->key.code - '1'));
        return EV_IGNORED;
    default:
        return EV_IGNORED;
    }
}

static const screen_ops complaint_screen = {
    .title = N_("Complaint"),
    .actions = complaint_actions,
    .open = complaint_open,
    .close = complaint_close,
    .draw = complaint_draw,
    .handle = complaint_handle,
};

void complaints_open_complaint(console *c, int64_t id)
{
    console_push(c, &complaint_screen, (void *)(intptr_t)id);
}
