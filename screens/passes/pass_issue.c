/* The pass form: see pass_issue.h. */
#include "passes/pass_issue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/directory.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "passes/passes_shared.h"
#include "widgets/form.h"
#include "widgets/picker.h"

static const form_field issue_fields[] = {
    {"direction", N_("Out or in"), FORM_CHOICE, true, 0, 0},
    {"company", N_("Company"), FORM_TEXT, true, 30, 64},
    {"carrier", N_("Carried by"), FORM_TEXT, true, 16, 32},
    {"doc_type", N_("Document"), FORM_CHOICE, true, 0, 0},
    {"doc_number", N_("Document number"), FORM_DOCUMENT, true, 0, 0},
    {"window_from", N_("From"), FORM_DATETIME, true, 0, 0},
    {"window_to", N_("Until"), FORM_TEXT, true, 6, 5},
    {"scheduled", N_("Moving time"), FORM_CHOICE, true, 0, 0},
    {"sealed", N_("Seal"), FORM_CHOICE, true, 0, 0},
    {"signer", N_("Signed by"), FORM_TEXT, false, 16, 32},
    {"goods", N_("Goods"), FORM_NOTE, true, 0, 400},
};
enum { ISSUE_FIELDS = sizeof issue_fields / sizeof issue_fields[0] };

typedef struct issue {
    form *form;
    const char *directions[2], *doc_types[FD_DOC_TYPE_COUNT], *scheduled[2], *sealed[2];
    /* The company picked from the directory, while the field still reads its name. */
    int64_t picked_id;
    char picked[2 * FD_PASS_NAME_MAX];
    char on_file[PASSES_LINE_TEXT]; /* what the picked company has on file */
} issue;

/* The goods as the core takes them: the form's text split into lines, each line's
 * last number its quantity, what follows the number its measure. */
typedef struct goods {
    char *text; /* folded copy the lines point into */
    fd_pass_item_input items[FD_PASS_ITEMS_MAX + 1];
    int count;
} goods;

static const console_action issue_actions[] = {ACT_SAVE,       ACT_DIRECTORY,  ACT_BACK,
                                               ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_LEFT,
                                               ACT_RIGHT,      ACT_NONE};

static bool picked_still(const issue *in)
{
    return in->picked_id && strcmp(form_value(in->form, "company"), in->picked) == 0;
}

static void describe_on_file(issue *in, const fd_pass_authority *a)
{
    if (a->kind == FD_AUTHORITY_LETTER) {
        char until[FD_DATE_TEXT];
        fd_date_format(a->valid_until, until);
        snprintf(in->on_file, sizeof in->on_file, _("On file: letter of authority, signer %s, until %s"),
                 a->signer, until);
    } else {
        snprintf(in->on_file, sizeof in->on_file, _("On file: %s"),
                 fd_pass_choice_label(FD_PASS_LIST_AUTHORITY, (int)a->kind));
    }
}

/* What the picked company has on file, said above the form; the seal box starts as it
 * says — a company with only a letter of authority has no seal to put on the form — so
 * the desk does not have to undo a default the core would refuse. */
static void show_on_file(issue *in, console *c)
{
    fd_pass_authority a = {0};
    fd_error err = {0};
    in->on_file[0] = '\0';
    if (fd_pass_authority_get(console_desk(c), in->picked_id, &a, &err) != FD_OK)
        return;
    describe_on_file(in, &a);
    if (a.kind != FD_AUTHORITY_NONE)
        form_set_value(in->form, "sealed", in->sealed[a.kind == FD_AUTHORITY_SEAL]);
}

static void pick_company(issue *in, console *c)
{
    dir_item *item;
    const char *typed = form_value(in->form, "company");
    if (!picker_choose(c, _("Which company?"), FD_DIR_COMPANY, typed, &item))
        return;
    in->picked_id = item->id;
    text_copy(in->picked, sizeof in->picked, item->name);
    form_set_value(in->form, "company", item->name);
    form_mark_changed(in->form);
    show_on_file(in, c);
    form_focus(in->form, "carrier");
    dir_item_free(item);
}

/* The only company whose name holds what was typed, when there is just one. */
static void one_company(void *ctx, const fd_dir_entry *e)
{
    int64_t *id = ctx;
    *id = *id == 0 ? e->id : -1;
}

static bool company_of(issue *in, console *c, int64_t *id)
{
    *id = 0;
    if (picked_still(in)) {
        *id = in->picked_id;
        return true;
    }
    fd_directory_search(console_desk(c), NULL, FD_DIR_COMPANY, form_value(in->form, "company"), 2,
                        one_company, id, NULL);
    if (*id > 0)
        return true;
    char key[32], message[PASSES_LINE_TEXT];
    keymap_first_key(console_keymap(c), ACT_DIRECTORY, key, sizeof key);
    snprintf(message, sizeof message, _("Press %s to pick the company from the directory."), key);
    form_field_error(in->form, "company", message);
    form_focus(in->form, "company");
    return false;
}

/* s without surrounding blanks, cut in place. */
static char *trim_in_place(char *s)
{
    size_t n;
    char *start = s + (text_trim(s, false, &n) - s);
    start[n] = '\0';
    return start;
}

/* One line "办公桌 2张": its last run of digits is the quantity. */
static bool read_line(char *line, fd_pass_item_input *item)
{
    char *digits = NULL;
    for (char *p = line + strlen(line); p > line && !digits; p--)
        if (p[-1] >= '0' && p[-1] <= '9')
            digits = p - 1;
    if (!digits)
        return false;
    while (digits > line && digits[-1] >= '0' && digits[-1] <= '9')
        digits--;
    char *after = digits + strspn(digits, "0123456789");
    if (after - digits > 6)
        return false;
    item->quantity = atoi(digits);
    item->measure = trim_in_place(after);
    *digits = '\0';
    item->name = trim_in_place(line);
    return true;
}

static void free_goods(goods *g)
{
    free(g->text);
}

/* Splits the goods at line breaks and the list marks the desk writes (、，；). On a
 * line it cannot read, *bad gets its number. */
static bool read_goods(const char *text, goods *g, int *bad)
{
    g->text = text_folded(text);
    g->count = 0;
    *bad = 0;
    static const char *const marks[] = {"\n", "\u3001", "\uff0c", "\uff1b", ",", ";"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        for (char *p = strstr(g->text, marks[i]); p; p = strstr(p, marks[i]))
            memset(p, '\n', strlen(marks[i]));
    char *saved;
    for (char *line = strtok_r(g->text, "\n", &saved); line; line = strtok_r(NULL, "\n", &saved)) {
        if (text_blank(line))
            continue;
        if (g->count == FD_PASS_ITEMS_MAX + 1)
            break; /* the core says how many a pass may list */
        if (!read_line(line, &g->items[g->count])) {
            *bad = g->count + 1;
            return false;
        }
        g->count++;
    }
    return true;
}

/* The day and the window as typed: "2026-11-27 10:30" and "12:00". */
static bool read_window(issue *in, console *c, fd_pass_input *out)
{
    fd_time from;
    fd_when_problem why;
    char problem[FD_WHEN_PROBLEM_TEXT];
    if (!fd_time_parse_near(form_value(in->form, "window_from"), fd_desk_now(console_desk(c)),
                            &from, &why)) {
        form_field_error(in->form, "window_from", fd_when_problem_text(&why, fd_time_hint(), problem));
        form_focus(in->form, "window_from");
        return false;
    }
    char *to = text_folded(form_value(in->form, "window_to"));
    bool read = fd_clock_time_parse(to, &out->window_to, &why);
    free(to);
    if (!read) {
        form_field_error(in->form, "window_to", fd_when_problem_text(&why, _("Write the time as 12:00."), problem));
        form_focus(in->form, "window_to");
        return false;
    }
    fd_local l = fd_time_local(from);
    out->day = fd_date_of(from);
    out->window_from = l.hour * 60 + l.minute;
    return true;
}

/* A refusal of a line of goods is said at the goods, with the line's number. */
static void show_error(issue *in, console *c, const fd_error *err, int line)
{
    if (strcmp(err->field, "items") != 0 || line == 0) {
        form_show_error(in->form, c, err);
        return;
    }
    char message[PASSES_LINE_TEXT];
    snprintf(message, sizeof message, _("Line %d: %s"), line, err->message);
    form_field_error(in->form, "goods", message);
    form_focus(in->form, "goods");
}

static int save(issue *in, console *c, fd_pass_input *pi)
{
    int64_t id;
    int line;
    fd_error err = {0};
    if (fd_pass_issue(console_desk(c), console_actor(c), pi, &id, &line, &err) != FD_OK) {
        show_error(in, c, &err, line);
        return EV_HANDLED | EV_REDRAW;
    }
    passes_issued(id);
    console_info(c, _("Pass No. %lld issued: the carrier takes its release part to the door."),
                 (long long)id);
    return EV_HANDLED | EV_POP | EV_REDRAW;
}

static int issue_submit(void *ctx, console *c, form *f)
{
    (void)f;
    issue *in = ctx;
    fd_pass_input pi = {
        .direction = (fd_pass_direction)form_choice(in->form, "direction"),
        .carrier = form_value(in->form, "carrier"),
        .doc_type = (fd_doc_type)form_choice(in->form, "doc_type"),
        .doc_number = form_value(in->form, "doc_number"),
        .scheduled = form_choice(in->form, "scheduled") == 1,
        .sealed = form_choice(in->form, "sealed") == 1,
        .signer = form_value(in->form, "signer"),
    };
    goods g = {0};
    int bad;
    if (!company_of(in, c, &pi.company_id) || !read_window(in, c, &pi))
        return EV_HANDLED | EV_REDRAW;
    if (!read_goods(form_value(in->form, "goods"), &g, &bad)) {
        char message[PASSES_LINE_TEXT];
        snprintf(message, sizeof message, _("Line %d: write the goods and their number, e.g. 办公桌 2张."),
                 bad);
        form_field_error(in->form, "goods", message);
        form_focus(in->form, "goods");
        free_goods(&g);
        return EV_HANDLED | EV_REDRAW;
    }
    pi.items = g.items;
    pi.item_count = g.count;
    int result = save(in, c, &pi);
    free_goods(&g);
    return result;
}

static void offer(issue *in, const char *field, const char **labels, int count)
{
    form_set_choices(in->form, field, labels, (size_t)count);
}

/* From now for an hour, within today: goods mostly go out as the pass is issued, and a
 * window that starts later could not be stamped then. */
static void fill_window(issue *in, console *c)
{
    fd_time now = fd_desk_now(console_desk(c));
    fd_local l = fd_time_local(now);
    char from[FD_TIME_TEXT], to[16];
    fd_time_format(now, from);
    int until = l.hour * 60 + l.minute + 60;
    if (until > 24 * 60)
        until = 24 * 60;
    snprintf(to, sizeof to, "%02d:%02d", until / 60, until % 60);
    form_set_value(in->form, "window_from", from);
    form_set_value(in->form, "window_to", to);
}

static void *issue_open(console *c, void *arg)
{
    (void)arg;
    issue *in = fd_alloc(sizeof *in);
    in->form = form_new(issue_fields, ISSUE_FIELDS, FORM_ASK_DISCARD, issue_submit, in);
    for (int i = 0; i < 2; i++)
        in->directions[i] = fd_pass_choice_label(FD_PASS_LIST_DIRECTION, i);
    for (int i = 0; i < FD_DOC_TYPE_COUNT; i++)
        in->doc_types[i] = fd_doc_type_label((fd_doc_type)i);
    in->scheduled[0] = _("Not arranged");
    in->scheduled[1] = _("Arranged by the desk");
    in->sealed[0] = _("No seal");
    in->sealed[1] = _("Company seal on the form");
    offer(in, "direction", in->directions, 2);
    offer(in, "doc_type", in->doc_types, FD_DOC_TYPE_COUNT);
    offer(in, "scheduled", in->scheduled, 2);
    offer(in, "sealed", in->sealed, 2);
    form_set_value(in->form, "sealed", in->sealed[1]);
    fill_window(in, c);
    form_focus(in->form, "company");
    return in;
}

static void issue_close(void *state)
{
    issue *in = state;
    form_free(in->form);
    free(in);
}

static void issue_draw(void *state, console *c, const console_area *area)
{
    issue *in = state;
    char key[32], hint[PASSES_LINE_TEXT];
    if (picked_still(in) && in->on_file[0]) {
        text_copy(hint, sizeof hint, in->on_file);
    } else {
        keymap_first_key(console_keymap(c), ACT_DIRECTORY, key, sizeof key);
        snprintf(hint, sizeof hint, _("%s: pick the company from the directory"), key);
    }
    draw_text(area->top, area->left, area->cols, hint, theme(TH_DIM));
    console_area fields = {area->top + 1, area->left, area->rows - 1, area->cols};
    form_draw(in->form, c, &fields);
}

static int issue_handle(void *state, console *c, const console_event *ev)
{
    issue *in = state;
    if (ev->action == ACT_DIRECTORY) {
        pick_company(in, c);
        return EV_HANDLED | EV_REDRAW;
    }
    return form_handle(in->form, c, ev);
}

static bool issue_takes_text(const void *state)
{
    const issue *in = state;
    return form_takes_text(in->form);
}

static bool issue_may_leave(void *state, console *c)
{
    issue *in = state;
    return form_may_discard(in->form, c);
}

static const screen_ops issue_screen = {
    .title = N_("Issue a pass (携物出入门证)"),
    .actions = issue_actions,
    .open = issue_open,
    .close = issue_close,
    .draw = issue_draw,
    .handle = issue_handle,
    .takes_text = issue_takes_text,
    .may_leave = issue_may_leave,
};

void pass_issue_open(console *c)
{
    console_push(c, &issue_screen, NULL);
}
