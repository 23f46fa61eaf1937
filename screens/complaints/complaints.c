/* Complaints (投诉受理/回访). The list shows open complaints soonest due first (the
 * overdue ones lead), or only the overdue, those awaiting the CS manager, all of them
 * closed too, or one department's; typing searches within the view shown. Enter opens a complaint: its record, the steps the core allows next,
 * and its timeline. Every rule — deadlines, states, who may do what, what a field
 * must hold — is the core's; this file asks and shows. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaints/complaints.h"
#include "widgets/ask.h"
#include "widgets/dialog.h"
#include "widgets/dirlist.h"
#include "console/draw.h"
#include "widgets/form.h"
#include "widgets/fresh.h"
#include "shell/auth.h"
#include "frontdesk/complaints.h"
#include "frontdesk/i18n.h"
#include "widgets/listview.h"
#include "widgets/picker.h"
#include "widgets/printing.h"
#include "widgets/steps.h"
#include "frontdesk/text.h"

/* HISTORY_KEPT: the history's lines a long complaint leaves on its page. */
enum { DETAIL_ROWS = 7, TIMELINE_MAX = 64, STEPS_MAX = 8, HISTORY_KEPT = 2 };

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
    size_t view; /* FIXED_VIEWS first, then FIXED_VIEW_COUNT + i: department i */
} list_source;

/* The views F5 turns through before the departments', each searched within. */
static const struct {
    fd_complaint_view view;
    const char *name;
} fixed_views[] = {
    {FD_CVIEW_OPEN, N_("Open, soonest due first")},
    {FD_CVIEW_OVERDUE, N_("Overdue")},
    {FD_CVIEW_REFERRED, N_("Awaiting the CS manager")},
    {FD_CVIEW_SEARCH, N_("All, closed too, newest first")},
};
enum { FIXED_VIEW_COUNT = sizeof fixed_views / sizeof fixed_views[0] };

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
    /* What is typed is searched for within the view. */
    fd_complaint_query q = {.view = FD_CVIEW_MINE, .text = query, .limit = limit};
    if (src->view < FIXED_VIEW_COUNT)
        q.view = fixed_views[src->view].view;
    else
        q.department = src->cfg->departments.items[src->view - FIXED_VIEW_COUNT];
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
    fresh read; /* when it was read */
    unsigned detail_version;
    fd_complaint_detail detail;
    bool have_detail;
    int64_t detail_for; /* the staff member the detail was read for (masking) */
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
    s->detail_for = console_actor(c) ? console_actor(c)->staff_id : 0;
    if (r && fd_complaint_get(console_desk(c), console_actor(c), r->id, &s->detail, &err) == FD_OK)
        s->have_detail = true;
    else if (r)
        console_show_error(c, &err);
}

static void reload(complaints *s, console *c)
{
    s->seen_changes = saved_changes;
    fresh_mark(&s->read, c);
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
    listview_set_label(s->list, _("No., phone, name (any part) or unit:"));
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
    if (s->source.view < FIXED_VIEW_COUNT)
        return _(fixed_views[s->source.view].name);
    return s->source.cfg->departments.items[s->source.view - FIXED_VIEW_COUNT];
}

/* Who has the complaint now, when someone took it over or it waits for the CS manager;
 * NULL otherwise (caller frees). */
static char *holder_text(const fd_complaint_detail *d)
{
    return d->escalated_to  ? fd_printf(_("Taken over by %s"), d->escalated_to)
           : d->referred_by ? fd_printf(_("Awaiting the CS manager: handed over by %s (%s)"),
                                        d->referred_by, d->referral_reason ? d->referral_reason : "")
                            : NULL;
}

/* The summary in rows rows: three of facts, the holder's line when there is one, then
 * the content wrapped in what is left. */
static void draw_summary(const fd_complaint_detail *d, int y, int x, int cols, int rows)
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
    snprintf(line, sizeof line, _("%s: %s   %s: %s%s%s  %s"), _("Department"),
             d->department ? d->department : "\u2014", _("Due"), due,
             d->due_unconfirmed ? " " : "", d->due_unconfirmed ? _("Unverified") : "",
             d->overdue ? _("Overdue") : "");
    draw_text(y + 2, x, cols, line, d->overdue ? theme(TH_ERROR) : A_NORMAL);
    /* Who has it now, above the content: taken over, or handed over and waiting. */
    int content_y = y + 3;
    char *taken = holder_text(d);
    if (taken)
        draw_text(content_y++, x, cols, taken, d->referred_by ? theme(TH_ERROR) : A_NORMAL);
    free(taken);
    draw_wrapped(content_y, x, y + rows - content_y, cols, d->content, theme(TH_DIM));
}

/* The summary's rows on a complaint's page: the list's pane, or as many as the content
 * takes when the history keeps two lines and the steps their rows. */
static int summary_rows(const fd_complaint_detail *d, int cols, int room)
{
    char *taken = holder_text(d);
    int lines = text_lines(d->content, cols);
    int want = 3 + (taken ? 1 : 0) + (lines > 0 ? lines : 1);
    free(taken);
    int rows = want < room ? want : room;
    return rows > DETAIL_ROWS - 1 ? rows : DETAIL_ROWS - 1;
}

static void complaints_draw(void *state, console *c, const console_area *area)
{
    complaints *s = state;
    /* Another staff member took over the terminal (F9): read again as they may see. */
    const fd_actor *me = console_actor(c);
    if (s->seen_changes != saved_changes || (me && me->staff_id != s->detail_for)) {
        reload(s, c);
    } else if (fresh_stale(&s->read, c)) {
        listview_refresh(s->list, c);
    }
    char *title = fd_printf(_("%s: %s"), _("View"), view_name(s));
    draw_text(area->top, area->left, area->cols, title, theme(TH_TITLE));
    free(title);
    console_area list = {area->top + 1, area->left, area->rows - DETAIL_ROWS - 1, area->cols};
    listview_draw(s->list, c, &list);
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    if (s->have_detail)
        draw_summary(&s->detail, y + 1, area->left, area->cols, DETAIL_ROWS - 1);
}

static void next_view(complaints *s, console *c)
{
    s->source.view = (s->source.view + 1) % (FIXED_VIEW_COUNT + s->source.cfg->departments.count);
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
    /* One Enter opens the complaint found, ending the search as it goes. */
    if (ev->action == ACT_SELECT && r) {
        if (listview_takes_text(s->list))
            listview_handle(s->list, c, ev);
        console_push(c, &complaint_screen, (void *)(intptr_t)r->id);
        return EV_HANDLED | EV_REDRAW;
    }
    /* Backspace goes on editing the search it left, rather than doing nothing. */
    if (ev->action == ACT_BACKSPACE && !listview_takes_text(s->list) && *listview_query(s->list)) {
        console_event search = {.action = ACT_SEARCH};
        listview_handle(s->list, c, &search);
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
    STEP_INTAKE, STEP_ASSIGN, STEP_RECTIFY, STEP_VISIT, STEP_ESCALATE, STEP_CORRECT,
    STEP_CLOSE, STEP_REFER, STEP_ACCEPT,
} step_kind;

/* The intake of each sort shows only its own fields: a complaint its severity, a
 * special service the department that served; the form is made again when the kind
 * changes, keeping what was typed. */
#define INTAKE_HEAD                                                    \
    {"sort", N_("Kind"), FORM_CHOICE, true, 0, 0},                     \
    {"complainant", N_("Complainant"), FORM_TEXT, false, 20, 32},      \
    {"unit", N_("Unit"), FORM_UNIT, false, 12, 32},                    \
    {"phone", N_("Contact phone"), FORM_PHONE, false, 0, 0},           \
    {"channel", N_("Channel"), FORM_CHOICE, true, 0, 0},               \
    {"category", N_("Category"), FORM_CHOICE, true, 0, 0}
#define INTAKE_TIME {"received_at", N_("Received at"), FORM_DATETIME, false, 0, 0}
static const form_field intake_fields[] = {
    INTAKE_HEAD,
    {"severity", N_("Severity"), FORM_CHOICE, true, 0, 0},
    {"content", N_("Complaint"), FORM_NOTE, true, 0, 2000},
    INTAKE_TIME,
};
static const form_field survey_fields[] = {
    INTAKE_HEAD,
    {"content", N_("Opinion"), FORM_NOTE, true, 0, 2000},
    INTAKE_TIME,
};
static const form_field special_fields[] = {
    INTAKE_HEAD,
    {"department", N_("Special service by"), FORM_CHOICE, true, 0, 0},
    {"content", N_("Service"), FORM_NOTE, true, 0, 2000},
    INTAKE_TIME,
};
#undef INTAKE_HEAD
#undef INTAKE_TIME
static const struct {
    const form_field *fields;
    size_t count;
} intake_forms[] = {
    [FD_SORT_COMPLAINT] = {intake_fields, sizeof intake_fields / sizeof intake_fields[0]},
    [FD_SORT_SURVEY] = {survey_fields, sizeof survey_fields / sizeof survey_fields[0]},
    [FD_SORT_SPECIAL] = {special_fields, sizeof special_fields / sizeof special_fields[0]},
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
/* A correction: the new value, typed as its field is at intake, and the reason. */
static const form_field correct_text_fields[] = {
    {"value", N_("New value"), FORM_TEXT, true, 20, 32},
    {"reason", N_("Reason"), FORM_NOTE, true, 0, 500},
};
static const form_field correct_note_fields[] = {
    {"value", N_("New value"), FORM_NOTE, true, 0, 2000},
    {"reason", N_("Reason"), FORM_NOTE, true, 0, 500},
};
static const form_field correct_phone_fields[] = {
    {"value", N_("New value"), FORM_PHONE, true, 0, 0},
    {"reason", N_("Reason"), FORM_NOTE, true, 0, 500},
};
static const form_field correct_choice_fields[] = {
    {"value", N_("New value"), FORM_CHOICE, true, 0, 0},
    {"reason", N_("Reason"), FORM_NOTE, true, 0, 500},
};
static const form_field correct_time_fields[] = {
    {"value", N_("New value"), FORM_DATETIME, true, 0, 0},
    {"reason", N_("Reason"), FORM_NOTE, true, 0, 500},
};

/* The intake's fields a correction may change, as the core names them; the labels
 * are the core's (fd_complaint_field_label). The severity only for whom the core
 * lets change it. */
static const struct correctable {
    const char *field;
    const form_field *fields;
    int list; /* fd_complaint_list of a choice, -1 otherwise */
} correctables[] = {
    {"complainant", correct_text_fields, -1},
    {"unit", correct_text_fields, -1},
    {"phone", correct_phone_fields, -1},
    {"content", correct_note_fields, -1},
    {"channel", correct_choice_fields, FD_CLIST_CHANNEL},
    {"category", correct_choice_fields, FD_CLIST_CATEGORY},
    {"received_at", correct_time_fields, -1},
    {"severity", correct_choice_fields, FD_CLIST_SEVERITY},
};
enum { CORRECTABLE = sizeof correctables / sizeof correctables[0] };

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
    [STEP_ESCALATE] = {FIELDS(escalate_fields), N_("Take the complaint over")},
    [STEP_REFER] = {FIELDS(escalate_fields), N_("Hand over to the CS manager")},
    [STEP_CORRECT] = {FIELDS(correct_text_fields), N_("Correct the record")},
};
#undef FIELDS

enum { CHOICES_MAX = 16 };

typedef struct choices {
    const char *field;
    const char *labels[CHOICES_MAX];
    int values[CHOICES_MAX]; /* the list's value of each label */
    size_t count;
} choices;

/* What opens a step's form: the complaint, and who approved in place. */
typedef struct step_arg {
    step_kind kind;
    int64_t id;
    char title[128];     /* "No. 12 张三丰" */
    char phone[40];      /* the contact, when the viewer may see it */
    char contact[40];    /* the contact as the viewer sees it, masked or not */
    int field;           /* a correction: the index in correctables */
    char current[6144];  /* a correction: the value it reads now, to edit ("" if masked) */
} step_arg;

typedef struct step_form {
    step_arg arg;
    form *form;
    choices lists[5];
    int64_t occupant_id; /* picked from the directory */
    char *picked_unit;
    int sort; /* the intake: the kind its fields are for */
    int64_t shown_for; /* the staff member the contact is shown for */
} step_form;

/* A list with the core's default first (what a form starts on), the rest in order. */
static void offer_list(step_form *s, int slot, const char *field, fd_complaint_list list)
{
    choices *ch = &s->lists[slot];
    int first = fd_complaint_choice_default(list);
    ch->field = field;
    ch->count = 0;
    for (int i = -1; i < fd_complaint_choice_count(list) && ch->count < CHOICES_MAX; i++) {
        int value = i < 0 ? first : i;
        if (i == first)
            continue;
        ch->values[ch->count] = value;
        ch->labels[ch->count++] = fd_complaint_choice_label(list, value);
    }
    form_set_choices(s->form, field, ch->labels, ch->count);
}

/* The value of a list's chosen label, -1 when none. */
static int chosen(const step_form *s, const char *field)
{
    int i = form_choice(s->form, field);
    for (size_t k = 0; i >= 0 && k < sizeof s->lists / sizeof s->lists[0]; k++)
        if (s->lists[k].field && strcmp(s->lists[k].field, field) == 0)
            return (size_t)i < s->lists[k].count ? s->lists[k].values[i] : -1;
    return i;
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
    case STEP_CORRECT:
        if (correctables[s->arg.field].list >= 0)
            offer_list(s, 0, "value", (fd_complaint_list)correctables[s->arg.field].list);
        else
            form_set_value(s->form, "value", s->arg.current);
        break;
    default:
        break;
    }
}

static fd_status submit_intake(step_form *s, console *c, int64_t *id, fd_error *err)
{
    fd_complaint_intake in = {
        .sort = (fd_complaint_sort)chosen(s, "sort"),
        .complainant = form_value(s->form, "complainant"),
        .unit = form_value(s->form, "unit"),
        .phone = form_value(s->form, "phone"),
        .channel = (fd_complaint_channel)chosen(s, "channel"),
        .content = form_value(s->form, "content"),
        .category = (fd_complaint_category)chosen(s, "category"),
        .severity = (fd_complaint_severity)chosen(s, "severity"),
        .department = form_value(s->form, "department"),
    };
    /* The directory's entry only while the unit is still the one it gave. */
    if (s->occupant_id && s->picked_unit && strcmp(s->picked_unit, in.unit) == 0)
        in.occupant_id = s->occupant_id;
    if (!form_time(s->form, c, "received_at", true, &in.received_at))
        return FD_INVALID;
    return fd_complaint_receive(console_desk(c), console_actor(c), &in, id, err);
}

static fd_status submit_visit(step_form *s, console *c, fd_error *err)
{
    fd_complaint_visit v = {
        .method = (fd_complaint_method)chosen(s, "method"),
        .result = form_value(s->form, "result"),
        .satisfaction = (fd_complaint_satisfaction)chosen(s, "satisfaction"),
        .ack = (fd_complaint_ack)chosen(s, "ack"),
        .ack_phone = form_value(s->form, "ack_phone"),
    };
    if (!form_time(s->form, c, "visited_at", true, &v.visited_at))
        return FD_INVALID;
    return fd_complaint_visit_record(console_desk(c), console_actor(c), s->arg.id, &v, err);
}

static fd_status submit_rectify(step_form *s, console *c, fd_error *err)
{
    fd_complaint_rectification r = {
        form_value(s->form, "measures"), form_value(s->form, "result"),
        form_value(s->form, "done_by"), 0,
    };
    if (!form_time(s->form, c, "done_at", true, &r.done_at))
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
        return fd_complaint_escalate(d, me, NULL, id, form_value(s->form, "reason"), err);
    case STEP_REFER:
        return fd_complaint_refer(d, me, id, form_value(s->form, "reason"), err);
    case STEP_CORRECT: {
        const struct correctable *k = &correctables[s->arg.field];
        const char *value = k->list >= 0
                                ? fd_complaint_choice_name((fd_complaint_list)k->list, chosen(s, "value"))
                                : form_value(s->form, "value");
        return fd_complaint_correct(d, me, id, k->field, value, form_value(s->form, "reason"), err);
    }
    default:
        return FD_OK;
    }
}

/* A correction's value is typed in "value", while the core names the complaint's field. */
static void show_step_error(const step_form *s, form *f, console *c, const fd_error *err)
{
    if (s->arg.kind == STEP_CORRECT && strcmp(err->field, correctables[s->arg.field].field) == 0)
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
static const console_action visit_actions[] = {ACT_SAVE, ACT_UNMASK, ACT_BACK, ACT_NEXT_FIELD,
                                               ACT_PREV_FIELD, ACT_LEFT, ACT_RIGHT, ACT_NONE};
static const console_action intake_actions[] = {ACT_SAVE, ACT_DIRECTORY, ACT_BACK, ACT_NEXT_FIELD,
                                                ACT_PREV_FIELD, ACT_LEFT, ACT_RIGHT, ACT_NONE};

static void *step_open(console *c, void *arg)
{
    step_form *s = fd_alloc(sizeof *s);
    if (arg)
        s->arg = *(const step_arg *)arg;
    else
        s->arg.kind = STEP_INTAKE;
    /* A correction's form has its value typed as its field is at intake. */
    const form_field *fields = s->arg.kind == STEP_CORRECT ? correctables[s->arg.field].fields
                                                           : step_forms[s->arg.kind].fields;
    s->form = form_new(fields, step_forms[s->arg.kind].count,
                       FORM_ASK_DISCARD, step_submit, s);
    offer_choices(s, c);
    s->shown_for = console_actor(c) ? console_actor(c)->staff_id : 0;
    return s;
}

/* Moves a choice field to value, as Right would (the form has no other way). */
static void choose_value(step_form *s, console *c, const char *field, int value)
{
    int at = -1;
    for (size_t k = 0; k < sizeof s->lists / sizeof s->lists[0]; k++)
        for (size_t i = 0; s->lists[k].field && strcmp(s->lists[k].field, field) == 0 && i < s->lists[k].count; i++)
            if (s->lists[k].values[i] == value)
                at = (int)i;
    form_focus(s->form, field);
    console_event right = {.action = ACT_RIGHT};
    for (int i = 0; i < at; i++)
        form_handle(s->form, c, &right);
}

/* The intake's form again for another kind, with what was typed and chosen kept. */
static void intake_for_sort(step_form *s, console *c, int sort)
{
    static const char *const texts[] = {"complainant", "unit", "phone", "content", "received_at"};
    enum { TEXTS = sizeof texts / sizeof texts[0] };
    char *kept[TEXTS];
    for (size_t i = 0; i < TEXTS; i++)
        kept[i] = fd_strdup(form_value(s->form, texts[i]));
    int channel = chosen(s, "channel"), category = chosen(s, "category");
    form_free(s->form);
    memset(s->lists, 0, sizeof s->lists);
    s->sort = sort;
    s->form = form_new(intake_forms[sort].fields, intake_forms[sort].count, FORM_ASK_DISCARD,
                       step_submit, s);
    offer_choices(s, c);
    for (size_t i = 0; i < TEXTS; i++) {
        if (*kept[i])
            form_set_value(s->form, texts[i], kept[i]);
        free(kept[i]);
    }
    choose_value(s, c, "channel", channel);
    choose_value(s, c, "category", category);
    choose_value(s, c, "sort", sort);
}

static void step_close(void *state)
{
    step_form *s = state;
    form_free(s->form);
    free(s->picked_unit);
    free(s);
}

/* Another staff member took over the terminal (F9): the contact as they may see it,
 * and no number in full left behind in the form for one who may not. */
static void reshow_contact(step_form *s, console *c)
{
    const fd_actor *me = console_actor(c);
    if (!me || me->staff_id == s->shown_for || s->arg.id == 0)
        return;
    s->shown_for = me->staff_id;
    fd_complaint_detail d;
    fd_error err = {0};
    if (fd_complaint_get(console_desk(c), me, s->arg.id, &d, &err) != FD_OK)
        return;
    bool full = d.phone && d.phone_in_full;
    if (!full && s->arg.phone[0] && strcmp(form_value(s->form, "ack_phone"), s->arg.phone) == 0)
        form_set_value(s->form, "ack_phone", "");
    if (!full && s->arg.kind == STEP_CORRECT && strcmp(correctables[s->arg.field].field, "phone") == 0 &&
        strcmp(form_value(s->form, "value"), s->arg.current) == 0)
        form_set_value(s->form, "value", "");
    text_copy(s->arg.phone, sizeof s->arg.phone, full ? d.phone : "");
    text_copy(s->arg.contact, sizeof s->arg.contact, d.phone ? d.phone : "");
    fd_complaint_detail_free(&d);
}

static void step_draw(void *state, console *c, const console_area *area)
{
    step_form *s = state;
    reshow_contact(s, c);
    int y = area->top;
    char *heading = s->arg.kind == STEP_INTAKE
                        ? fd_strdup(_(step_forms[STEP_INTAKE].title))
                        : s->arg.kind == STEP_CORRECT
                            ? fd_printf(_("Correct the record: %s \u2014 %s"),
                                        fd_complaint_field_label(correctables[s->arg.field].field), s->arg.title)
                            : fd_printf("%s \u2014 %s", _(step_forms[s->arg.kind].title), s->arg.title);
    draw_text(y, area->left + 2, area->cols - 2, heading, theme(TH_TITLE));
    free(heading);
    if (s->arg.kind == STEP_VISIT) {
        char key[32];
        keymap_first_key(console_keymap(c), ACT_UNMASK, key, sizeof key);
        char *call = s->arg.phone[0]
                         ? fd_printf(_("Number to call: %s"), s->arg.phone)
                         : fd_printf(_("Number to call: %s  (%s: in full, with a manager's approval)"),
                                     s->arg.contact, key);
        draw_text(y + 1, area->left + 2, area->cols - 2, call, theme(TH_DIM));
        free(call);
    }
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
    form_mark_changed(s->form);
    dir_item_free(item);
    form_focus(s->form, "channel");
    return EV_HANDLED | EV_REDRAW;
}

static bool sees_phones(const fd_actor *who, const void *cfg)
{
    return fd_may_see_phones(cfg, who);
}

/* The contact's number in full for the return-visit call, read by the core as the
 * manager who approved in place may see it. */
static int reveal_contact(step_form *s, console *c)
{
    if (s->arg.phone[0]) {
        console_info(c, "%s", _("The full number is already shown."));
        return EV_HANDLED | EV_REDRAW;
    }
    fd_actor approver;
    if (!auth_approve_if(c, _("show the contact's phone in full for the return visit"), sees_phones,
                         console_config(c), &approver))
        return EV_HANDLED | EV_REDRAW;
    fd_complaint_detail d;
    fd_error err = {0};
    if (fd_complaint_get(console_desk(c), &approver, s->arg.id, &d, &err) != FD_OK) {
        console_show_error(c, &err);
        return EV_HANDLED | EV_REDRAW;
    }
    if (d.phone && d.phone_in_full) {
        text_copy(s->arg.phone, sizeof s->arg.phone, d.phone);
        if (text_blank(form_value(s->form, "ack_phone")))
            form_set_value(s->form, "ack_phone", d.phone);
        console_info(c, _("Full number shown with the approval of %s (%s)."), approver.name,
                     fd_role_label(approver.role));
    }
    fd_complaint_detail_free(&d);
    return EV_HANDLED | EV_REDRAW;
}

static int step_handle(void *state, console *c, const console_event *ev)
{
    step_form *s = state;
    if (ev->action == ACT_UNMASK && s->arg.kind == STEP_VISIT)
        return reveal_contact(s, c);
    if (ev->action == ACT_DIRECTORY && s->arg.kind == STEP_INTAKE)
        return pick_complainant(s, c);
    int flags = form_handle(s->form, c, ev);
    if (s->arg.kind == STEP_INTAKE && !(flags & EV_POP) && chosen(s, "sort") >= 0 &&
        chosen(s, "sort") != s->sort) {
        intake_for_sort(s, c, chosen(s, "sort"));
        flags |= EV_REDRAW;
    }
    return flags;
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
static const screen_ops visit_step_screen = STEP_SCREEN(visit_actions);
#undef STEP_SCREEN

/* ---- one complaint ---- */

typedef struct step_item {
    step_kind kind;
    const char *label; /* translated */
} step_item;

typedef struct complaint_view {
    int64_t id;
    unsigned seen_changes;
    fresh read; /* when it was read */
    bool loaded;
    fd_complaint_detail detail;
    step_item steps[STEPS_MAX];
    size_t step_count;
    step_list chosen; /* widgets/steps.h: a digit only highlights, Enter goes on */
    char *timeline[TIMELINE_MAX];
    size_t line_count;
    size_t back; /* steps scrolled back from the newest */
    char *problem; /* the core's refusal of the last step tried, shown whole on the page */
    int64_t loaded_for; /* the staff member it was read for (masking, steps offered) */
} complaint_view;

static const console_action complaint_actions[] = {ACT_SELECT, ACT_UP, ACT_DOWN, ACT_PAGE_UP,
                                                   ACT_PAGE_DOWN, ACT_BACK, ACT_NONE};

/* What the step recorded, in a few words after its label. */
static char *step_details(const fd_complaint_step *st)
{
    if (st->field)
        return fd_complaint_correction_text(st);
    if (st->department && st->note)
        return fd_printf("%s \u2014 %s", st->department, st->note);
    if (st->department)
        return fd_strdup(st->department);
    if (st->measures)
        /* TRANSLATORS: a rectification on a complaint's page: measures → result (by whom) */
        return fd_printf(_("%s \u2192 %s (%s)"), st->measures, st->result, st->done_by);
    if (st->satisfaction >= 0)
        /* TRANSLATORS: a return visit on a complaint's page: satisfaction: what was said
         * (how it was made; the customer's acknowledgement[ and its phone]) */
        return fd_printf(_("%s: %s (%s; %s%s%s)"),
                         fd_complaint_choice_label(FD_CLIST_SATISFACTION, st->satisfaction), st->result,
                         fd_complaint_choice_label(FD_CLIST_METHOD, st->method),
                         fd_complaint_choice_label(FD_CLIST_ACK, st->ack), st->ack_phone ? " " : "",
                         st->ack_phone ? st->ack_phone : "");
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

/* Whether the core allows the step now, for me: the desk hands a complaint to the CS
 * manager on its own; only a CS manager takes one over or accepts it. */
static bool allowed(console *c, const complaint_view *v, fd_complaint_next_step step)
{
    return fd_complaint_may(console_desk(c), v->id, v->detail.state, step, console_actor(c),
                            NULL) == FD_OK;
}

static void offer_steps(complaint_view *v, console *c)
{
    v->step_count = 0;
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
    if (allowed(c, v, FD_COMPLAINT_STEP_REFER))
        add_step(v, STEP_REFER, _("Hand over to the CS manager"));
    if (allowed(c, v, FD_COMPLAINT_STEP_ACCEPT))
        add_step(v, STEP_ACCEPT, _("Accept the hand-over"));
    if (allowed(c, v, FD_COMPLAINT_STEP_ESCALATE))
        add_step(v, STEP_ESCALATE, _("Take the complaint over"));
    if (fd_may(console_actor(c), FD_ACT_COMPLAINT_CORRECT))
        add_step(v, STEP_CORRECT, _("Correct the record"));
    v->chosen.count = v->step_count;
    if (v->chosen.selected >= v->chosen.count)
        v->chosen.selected = 0;
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
    size_t lines_before = v->line_count;
    drop_view(v);
    v->seen_changes = saved_changes;
    fresh_mark(&v->read, c);
    v->loaded_for = console_actor(c) ? console_actor(c)->staff_id : 0;
    fd_error err = {0};
    if (fd_complaint_get(console_desk(c), console_actor(c), v->id, &v->detail, &err) != FD_OK ||
        fd_complaint_timeline(console_desk(c), console_actor(c), v->id, add_line, v, &err) != FD_OK) {
        console_show_error(c, &err);
        return;
    }
    v->loaded = true;
    /* Scrolled back, the reader stays on the steps they were reading. */
    if (v->back > 0 && v->line_count > lines_before)
        v->back += v->line_count - lines_before;
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
    free(v->problem);
    free(v);
}

/* The steps offered now, at the page's foot as the visitor page has them; their rows. */
static int draw_steps(const complaint_view *v, int foot, int x, int cols)
{
    const char *labels[STEPS_MAX];
    for (size_t i = 0; i < v->step_count; i++)
        labels[i] = v->steps[i].label;
    int rows = steps_rows(&v->chosen, labels, cols);
    steps_draw(&v->chosen, labels, NULL, _("Nothing more to do for this complaint."), foot - rows,
               x, cols);
    return rows;
}

enum { HISTORY_INDENT = 13 }; /* under the text after a step's time ("11-27 10:00  ") */

/* A step wrapped at cols, its later lines indented under its text; draws at most rows
 * lines from y when draw is set, and returns the lines it takes. */
static int history_entry(const char *text, int y, int x, int rows, int cols, bool draw)
{
    int line = 0;
    while (*text && (!draw || line < rows)) {
        int indent = line > 0 ? HISTORY_INDENT : 0;
        size_t shown, next = text_line(text, cols - indent, &shown);
        if (draw) {
            char *piece = fd_printf("%.*s", (int)shown, text);
            draw_text(y + line, x + indent, cols - indent, piece, A_NORMAL);
            free(piece);
        }
        text += next;
        line++;
    }
    return line;
}

/* The history, a step as many lines as it wraps to, the newest at the bottom; PgUp
 * goes back in time a step at a time. A step taller than the room shows its start. */
static void draw_history(const complaint_view *v, int y, int x, int rows, int cols)
{
    size_t end = v->line_count - (v->back < v->line_count ? v->back : 0);
    size_t first = end;
    int used = 0;
    while (first > 0 && rows > 0) {
        int lines = history_entry(v->timeline[first - 1], 0, 0, 0, cols, false);
        if (used + lines > rows && first < end)
            break;
        used += lines;
        first--;
    }
    for (size_t i = first; i < end && rows > 0; i++) {
        int lines = history_entry(v->timeline[i], y, x, rows, cols, true);
        y += lines;
        rows -= lines;
    }
}

static void complaint_draw(void *state, console *c, const console_area *area)
{
    complaint_view *v = state;
    /* Another staff member took over the terminal (F9): read again as they may see. */
    const fd_actor *me = console_actor(c);
    if (v->seen_changes != saved_changes || (me && me->staff_id != v->loaded_for) ||
        (v->loaded && fresh_page_stale(&v->read, c, &complaint_screen)))
        load_view(v, c);
    if (!v->loaded)
        return;
    const fd_complaint_detail *d = &v->detail;
    int x = area->left + 1, cols = area->cols - 2;
    char *head = fd_printf("%s %lld  %s  %s", _("No."), (long long)d->id,
                           fd_complaint_choice_label(FD_CLIST_STATE, (int)d->state), d->received_by);
    draw_text(area->top, x, cols, head, theme(TH_TITLE));
    free(head);
    /* The facts, the history between two rules, the steps at the foot. */
    int foot = area->top + area->rows - draw_steps(v, area->top + area->rows, x, cols);
    draw_rule(foot - 1, area->left, area->cols, theme(TH_DIM));
    int rows_above = summary_rows(d, cols, foot - 1 - HISTORY_KEPT - 1 - (area->top + 1));
    draw_summary(d, area->top + 1, x, cols, rows_above);
    int y = area->top + 1 + rows_above;
    draw_rule(y++, area->left, area->cols, theme(TH_DIM));
    int rows = foot - 1 - y;
    /* A refusal of the core, whole, under the history (it takes the history's rows). */
    if (v->problem) {
        int lines = text_lines(v->problem, cols);
        lines = lines < rows ? lines : rows;
        draw_wrapped(y + rows - lines, x, lines, cols, v->problem, theme(TH_ERROR));
        rows -= lines;
    }
    draw_history(v, y, x, rows, cols);
}

/* The core's refusal, kept to show whole on the page, and named on the message line;
 * the complaint read again, as another terminal may have moved it on. */
static void refused(complaint_view *v, console *c, const fd_error *err)
{
    char *problem = fd_strdup(fd_error_text(err));
    load_view(v, c);
    free(v->problem);
    v->problem = problem;
    console_error(c, "%s", _("Not done: the reason is under the history."));
}

static int close_complaint(complaint_view *v, console *c)
{
    char *question = fd_printf(_("Close complaint No. %lld?"), (long long)v->id);
    bool yes = dialog_confirm(c, question, _("Close it"), _("Not yet"));
    free(question);
    fd_error err = {0};
    if (yes && fd_complaint_close(console_desk(c), console_actor(c), v->id, NULL, &err) != FD_OK)
        refused(v, c, &err);
    else if (yes) {
        saved_changes++;
        console_info(c, "%s", _("Closed."));
    }
    return EV_HANDLED | EV_REDRAW;
}

static int accept_complaint(complaint_view *v, console *c)
{
    char *question = fd_printf(_("Take over complaint No. %lld, handed over by %s?"),
                               (long long)v->id, v->detail.referred_by ? v->detail.referred_by : "");
    bool yes = dialog_confirm(c, question, _("Take it over"), _("Not yet"));
    free(question);
    fd_error err = {0};
    if (yes && fd_complaint_accept(console_desk(c), console_actor(c), v->id, NULL, &err) != FD_OK)
        refused(v, c, &err);
    else if (yes) {
        saved_changes++;
        console_info(c, "%s", _("Taken over."));
    }
    return EV_HANDLED | EV_REDRAW;
}

/* Which entry to correct, from a short list, and the value it reads now to edit. */
static bool choose_correction(const complaint_view *v, console *c, step_arg *arg)
{
    const fd_complaint_detail *d = &v->detail;
    const char *labels[CORRECTABLE];
    int which[CORRECTABLE], count = 0;
    for (int i = 0; i < (int)CORRECTABLE; i++) {
        bool severity = strcmp(correctables[i].field, "severity") == 0;
        if (severity && (d->sort != FD_SORT_COMPLAINT || !fd_may(console_actor(c), FD_ACT_COMPLAINT_SEVERITY)))
            continue;
        which[count] = i;
        labels[count++] = fd_complaint_field_label(correctables[i].field);
    }
    int k = ask_choice(c, _("Correct which entry?"), labels, count);
    if (k < 0)
        return false;
    arg->field = which[k];
    const char *field = correctables[arg->field].field;
    char when[FD_TIME_TEXT];
    const char *now = strcmp(field, "complainant") == 0 ? d->complainant
                      : strcmp(field, "unit") == 0      ? d->unit
                      : strcmp(field, "content") == 0   ? d->content
                      : strcmp(field, "phone") == 0     ? (d->phone_in_full ? d->phone : "")
                                                        : NULL;
    if (strcmp(field, "received_at") == 0) {
        fd_time_format(d->received_at, when);
        now = when;
    }
    text_copy(arg->current, sizeof arg->current, now ? now : "");
    return true;
}

static int perform_step(complaint_view *v, console *c, size_t index)
{
    if (index >= v->step_count)
        return EV_HANDLED;
    step_kind kind = v->steps[index].kind;
    if (kind == STEP_CLOSE)
        return close_complaint(v, c);
    if (kind == STEP_ACCEPT)
        return accept_complaint(v, c);
    step_arg arg = {.kind = kind, .id = v->id};
    if (kind == STEP_CORRECT && !choose_correction(v, c, &arg))
        return EV_HANDLED | EV_REDRAW;
    snprintf(arg.title, sizeof arg.title, "%s %lld  %s", _("No."), (long long)v->id, v->detail.complainant);
    if (v->detail.phone && v->detail.phone_in_full)
        text_copy(arg.phone, sizeof arg.phone, v->detail.phone);
    text_copy(arg.contact, sizeof arg.contact, v->detail.phone ? v->detail.phone : "");
    console_push(c, kind == STEP_VISIT ? &visit_step_screen : &step_screen, &arg);
    return EV_HANDLED | EV_REDRAW;
}

/* Choosing is not doing (widgets/steps.h): Up, Down and a step's digit only move the
 * highlight; Enter goes on with the highlighted step, whose form or confirmation asks
 * before the core is. PgUp and PgDn go back and forth in the history. */
static int complaint_handle(void *state, console *c, const console_event *ev)
{
    complaint_view *v = state;
    FD_FREE(v->problem); /* said once: the next key clears it */
    switch (ev->action) {
    case ACT_PAGE_UP:
        v->back = v->back + 1 < v->line_count ? v->back + 1 : v->back;
        return EV_HANDLED | EV_REDRAW;
    case ACT_PAGE_DOWN:
        v->back = v->back > 0 ? v->back - 1 : 0;
        return EV_HANDLED | EV_REDRAW;
    default:
        break;
    }
    switch (steps_handle(&v->chosen, c, ev)) {
    case STEPS_MOVED: return EV_HANDLED | EV_REDRAW;
    case STEPS_CHOSEN: return perform_step(v, c, v->chosen.selected);
    case STEPS_IGNORED: break;
    }
    return EV_IGNORED;
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
