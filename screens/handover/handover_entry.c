/* The handover book's entries on the screen: writing one (F4 on the book: the kinds
 * this person writes, then the kind's own fields as the manual words them), and one
 * entry's page — its fields, its corrections, its trail across shifts — with what may
 * be recorded on it: progress, done (reported back), a later note, a correction. */
#include "handover/handover_entry.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "widgets/ask.h"
#include "console/draw.h"
#include "widgets/form.h"
#include "widgets/fresh.h"
#include "frontdesk/i18n.h"
#include "handover/handover_shared.h"

enum { LINES_MAX = 64 };

/* ---- writing an entry ---- */

enum { WRITE_FIELDS = 14 };

typedef struct writing {
    int64_t shift_id;
    fd_entry_kind kind;
    form_field fields[WRITE_FIELDS];
    size_t count;
    const char *marks[FD_FOLLOW_MARK_COUNT];
} writing;

/* What happened takes three rows, as the note it was: the longest kind's form (an
 * emergency's) keeps every field in sight at 80x24. */
enum { CONTENT_ROWS = 3 };

static void add_field(writing *w, const char *name, const char *label, form_type type, bool required,
                      size_t max_chars)
{
    w->fields[w->count++] = (form_field){name, label, type, required, 0, max_chars};
}

/* The kind's own fields, labelled as the manual words them, the mark before what to
 * follow up. */
static void build_fields(writing *w)
{
    add_field(w, "at", fd_entry_time_label(w->kind), FORM_DATETIME, false, 0);
    for (int f = 0; f < FD_ENTRY_FIELD_NOTE; f++) {
        fd_entry_field field = (fd_entry_field)f;
        if (!fd_entry_field_applies(w->kind, field))
            continue;
        if (field == FD_ENTRY_FIELD_FOLLOW_UP)
            add_field(w, "mark", _("Mark for the next shift"), FORM_CHOICE, false, 0);
        bool long_text = field == FD_ENTRY_FIELD_CONTENT || field == FD_ENTRY_FIELD_HANDLING ||
                         field == FD_ENTRY_FIELD_RESULT || field == FD_ENTRY_FIELD_FOLLOW_UP;
        /* What happened is written as the paper book has it, a line for each point. */
        form_type type = field == FD_ENTRY_FIELD_CONTENT ? FORM_LINES
                         : long_text                     ? FORM_NOTE
                                                         : FORM_TEXT;
        add_field(w, fd_entry_field_name(field), fd_entry_field_label(w->kind, field),
                  type, fd_entry_field_required(w->kind, field),
                  long_text ? FD_HANDOVER_LONG_CHARS : FD_HANDOVER_SHORT_CHARS);
        if (field == FD_ENTRY_FIELD_REPORTED_TO)
            add_field(w, "reported_at", _("Reported back at"), FORM_DATETIME, false, 0);
    }
}

static void write_prepare(form *f, void *ctx)
{
    writing *w = ctx;
    w->marks[FD_FOLLOW_NONE] = _("None");
    for (int m = FD_FOLLOW_NONE + 1; m < FD_FOLLOW_MARK_COUNT; m++)
        w->marks[m] = fd_follow_mark_label((fd_follow_mark)m);
    form_set_choices(f, "mark", w->marks, FD_FOLLOW_MARK_COUNT);
    form_set_rows(f, fd_entry_field_name(FD_ENTRY_FIELD_CONTENT), CONTENT_ROWS);
}

static const char *value_of(form *f, writing *w, fd_entry_field field)
{
    return fd_entry_field_applies(w->kind, field) ? form_value(f, fd_entry_field_name(field)) : NULL;
}

static int write_submit(void *ctx, console *c, form *f)
{
    writing *w = ctx;
    int mark = form_choice(f, "mark");
    fd_entry_form e = {
        .kind = w->kind,
        .content = value_of(f, w, FD_ENTRY_FIELD_CONTENT),
        .reporter = value_of(f, w, FD_ENTRY_FIELD_REPORTER),
        .given_by = value_of(f, w, FD_ENTRY_FIELD_GIVEN_BY),
        .relayed_to = value_of(f, w, FD_ENTRY_FIELD_RELAYED_TO),
        .handling = value_of(f, w, FD_ENTRY_FIELD_HANDLING),
        .superior = value_of(f, w, FD_ENTRY_FIELD_SUPERIOR),
        .result = value_of(f, w, FD_ENTRY_FIELD_RESULT),
        .mark = mark > 0 ? (fd_follow_mark)mark : FD_FOLLOW_NONE,
        .follow_up = value_of(f, w, FD_ENTRY_FIELD_FOLLOW_UP),
        .reported_to = value_of(f, w, FD_ENTRY_FIELD_REPORTED_TO),
    };
    if (!form_time(f, c, "at", true, &e.at) ||
        (fd_entry_field_applies(w->kind, FD_ENTRY_FIELD_REPORTED_TO) &&
         !form_time(f, c, "reported_at", true, &e.reported_at)))
        return EV_HANDLED;
    fd_error err = {0};
    if (fd_handover_write(console_desk(c), console_actor(c), w->shift_id, &e, NULL, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    handover_changed();
    console_info(c, "%s", _("Written in the book."));
    return EV_POP;
}

/* The kinds this person may write in the shift now (desk staff their duty log, a duty
 * manager all five), asked of the core before any form opens: a shift being handed
 * over says why not at once. */
void handover_write_entry(console *c, int64_t shift_id)
{
    const char *labels[FD_ENTRY_KIND_COUNT];
    fd_entry_kind kinds[FD_ENTRY_KIND_COUNT];
    int n = 0;
    fd_error err = {0};
    for (int k = 0; k < FD_ENTRY_KIND_COUNT; k++) {
        fd_error why = {0};
        if (fd_handover_may_write(console_desk(c), console_actor(c), shift_id, (fd_entry_kind)k, &why) == FD_OK) {
            kinds[n] = (fd_entry_kind)k;
            labels[n++] = fd_entry_kind_label((fd_entry_kind)k);
        } else if (err.status == FD_OK || why.status != FD_DENIED) {
            err = why; /* the shift's reason before a kind's */
        }
    }
    if (n == 0) {
        console_show_error(c, &err);
        return;
    }
    int chosen = ask_choice(c, _("Write in the book"), labels, n);
    if (chosen < 0)
        return;
    writing w = {.shift_id = shift_id, .kind = kinds[chosen]};
    build_fields(&w);
    char *title = fd_printf("%s \u2014 %s", _("Write in the book"), labels[chosen]);
    ask_form_spec spec = {title, _("Leave the time empty for now."), w.fields, w.count,
                          write_prepare, write_submit, &w};
    ask_form(c, &spec);
    free(title);
}

/* ---- one entry's page ---- */

typedef struct page {
    console *c;
    int64_t id;
    bool loaded;
    fd_entry_kind kind;
    bool followup, marked;
    fd_followup_state state;
    char *head, *fields, *follow;
    char *lines[LINES_MAX];
    size_t line_count, back;
    unsigned seen_changes;
    fresh read; /* when it was read */
} page;

static void page_drop(page *p)
{
    FD_FREE(p->head);
    FD_FREE(p->fields);
    FD_FREE(p->follow);
    for (size_t i = 0; i < p->line_count; i++)
        free(p->lines[i]);
    p->line_count = 0;
    p->loaded = false;
}

static void page_line(page *p, char *line)
{
    if (p->line_count < LINES_MAX)
        p->lines[p->line_count++] = line;
    else
        free(line);
}

static void take_entry(void *ctx, const fd_entry *e)
{
    page *p = ctx;
    char when[FD_TIME_TEXT], start[FD_TIME_TEXT];
    handover_when(e->at, when);
    handover_when(e->shift_start, start);
    p->kind = e->kind;
    p->followup = e->followup;
    p->marked = e->mark != FD_FOLLOW_NONE;
    p->state = e->followup_state;
    p->head = fd_printf(_("%s No. %lld  %s %s  by %s  (shift of %s from %s)"), fd_entry_kind_label(e->kind),
                        (long long)e->id, fd_entry_time_label(e->kind), when, e->author, e->shift_manager,
                        start);
    char *fields = handover_entry_text(e);
    p->fields = fd_printf("%s  %s", e->content, fields);
    free(fields);
    if (e->follow_up)
        p->follow = fd_printf(_("%s: %s%s%s"), fd_follow_mark_label(e->mark), e->follow_up,
                              e->followup ? "  \u2014 " : "",
                              e->followup ? fd_followup_state_label(e->followup_state) : "");
}

static void take_correction(void *ctx, const fd_entry_correction *c)
{
    char when[FD_TIME_TEXT];
    handover_when(c->at, when);
    page_line(ctx, fd_printf(_("%s  %s corrected %s: %s (%s)"), when, c->staff, fd_entry_field_name(c->field),
                             c->value, c->reason));
}

static void take_step(void *ctx, const fd_trail_step *s)
{
    char when[FD_TIME_TEXT];
    handover_when(s->at, when);
    char *line = NULL;
    switch (s->kind) {
    case FD_TRAIL_WRITTEN:
        line = fd_printf(_("%s  written by %s"), when, s->staff);
        break;
    case FD_TRAIL_CARRIED:
        line = fd_printf(_("%s  carried on: %s handed over to %s%s%s"), when, s->staff, s->taken_by,
                         s->text ? "  " : "", s->text ? s->text : "");
        break;
    case FD_TRAIL_PROGRESS:
        line = fd_printf(_("%s  progress (%s): %s"), when, s->staff, s->text);
        break;
    case FD_TRAIL_DONE:
        line = s->reported_to ? fd_printf(_("%s  done (%s): %s  reported back to %s"), when, s->staff,
                                          s->text, s->reported_to)
                              : fd_printf(_("%s  done (%s): %s"), when, s->staff, s->text);
        break;
    }
    page_line(ctx, line);
}

static void page_load(page *p)
{
    size_t lines_before = p->line_count;
    page_drop(p);
    p->seen_changes = handover_change_count();
    fresh_mark(&p->read, p->c);
    fd_desk *d = console_desk(p->c);
    fd_error err = {0};
    if (fd_handover_entry_get(d, p->id, take_entry, p, &err) != FD_OK ||
        fd_handover_corrections(d, p->id, take_correction, p, &err) != FD_OK ||
        (p->marked && fd_handover_trail(d, p->id, take_step, p, &err) != FD_OK)) {
        console_show_error(p->c, &err);
        return;
    }
    p->loaded = true;
    /* Scrolled back, the reader stays on the lines they were reading. */
    if (p->back > 0 && p->line_count > lines_before)
        p->back += p->line_count - lines_before;
}

static void *page_open(console *c, void *arg)
{
    page *p = fd_alloc(sizeof *p);
    p->c = c;
    p->id = (int64_t)(intptr_t)arg;
    page_load(p);
    return p;
}

static void page_close(void *state)
{
    page *p = state;
    page_drop(p);
    free(p);
}

static const screen_ops entry_screen;

static void page_draw(void *state, console *c, const console_area *area)
{
    page *p = state;
    if (p->seen_changes != handover_change_count() ||
        (p->loaded && fresh_page_stale(&p->read, c, &entry_screen)))
        page_load(p);
    if (!p->loaded)
        return;
    int x = area->left, cols = area->cols, y = area->top;
    y += draw_wrapped(y, x, 2, cols, p->head, theme(TH_TITLE));
    y += draw_wrapped(y, x, 5, cols, p->fields, A_NORMAL);
    if (p->follow)
        y += draw_wrapped(y, x, 3, cols, p->follow, theme(TH_ERROR) | A_BOLD);
    draw_text(y++, x, cols, _("Enter: record progress, a later note or a correction."), theme(TH_DIM));
    draw_rule(y++, x, cols, theme(TH_DIM));
    size_t rows = (size_t)(area->top + area->rows - y);
    size_t end = p->line_count - (p->back < p->line_count ? p->back : 0);
    for (size_t i = end > rows ? end - rows : 0; i < end; i++)
        draw_text(y++, x, cols, p->lines[i], A_NORMAL);
}

/* Progress or done, recorded in the shift in hand. */
typedef struct progressing {
    int64_t entry_id, shift_id;
    bool done;
} progressing;

static const form_field progress_fields[] = {
    {"note", N_("Progress made"), FORM_NOTE, true, 0, FD_HANDOVER_LONG_CHARS},
    {"at", N_("Progress at"), FORM_DATETIME, false, 0, 0},
};
static const form_field done_fields[] = {
    {"note", N_("Completion"), FORM_NOTE, true, 0, FD_HANDOVER_LONG_CHARS},
    {"at", N_("Done at"), FORM_DATETIME, false, 0, 0},
    {"reported_to", N_("Reported back to"), FORM_TEXT, false, 0, FD_HANDOVER_SHORT_CHARS},
    {"reported_at", N_("Reported back at"), FORM_DATETIME, false, 0, 0},
};

static int progress_submit(void *ctx, console *c, form *f)
{
    progressing *g = ctx;
    fd_progress_form p = {.shift_id = g->shift_id, .entry_id = g->entry_id, .note = form_value(f, "note"),
                          .done = g->done};
    if (!form_time(f, c, "at", true, &p.at))
        return EV_HANDLED;
    if (g->done) {
        p.reported_to = form_value(f, "reported_to");
        if (!form_time(f, c, "reported_at", true, &p.reported_at))
            return EV_HANDLED;
    }
    fd_error err = {0};
    if (fd_handover_progress(console_desk(c), console_actor(c), &p, &err) != FD_OK) {
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    handover_changed();
    console_info(c, "%s", g->done ? _("Recorded as done.") : _("Progress recorded."));
    return EV_POP;
}

static void record_progress(page *p, bool done)
{
    fd_shift now;
    fd_error err = {0};
    if (fd_shift_current(console_desk(p->c), &now, &err) != FD_OK) {
        console_error(p->c, "%s", _("No shift is on duty: open the book first (^O)."));
        return;
    }
    progressing g = {p->id, now.id, done};
    char *hint = fd_printf("%s  %s", p->head, _("Leave a time empty for now."));
    ask_form_spec spec = {done ? _("Record it done") : _("Record progress"), hint,
                          done ? done_fields : progress_fields,
                          done ? sizeof done_fields / sizeof done_fields[0]
                               : sizeof progress_fields / sizeof progress_fields[0],
                          NULL, progress_submit, &g};
    ask_form(p->c, &spec);
    free(hint);
}

/* A correction of a field, or a later note. */
typedef struct correcting {
    int64_t entry_id;
    fd_entry_kind kind;
    bool note;
    const char *labels[FD_ENTRY_FIELD_COUNT];
    fd_entry_field fields[FD_ENTRY_FIELD_COUNT];
    size_t count;
} correcting;

static const form_field correct_fields[] = {
    {"field", N_("Correct"), FORM_CHOICE, true, 0, 0},
    {"value", N_("New value"), FORM_NOTE, false, 0, FD_HANDOVER_LONG_CHARS},
    {"reason", N_("Reason"), FORM_TEXT, true, 0, FD_HANDOVER_SHORT_CHARS},
};
static const form_field note_fields[] = {
    {"value", N_("Later note"), FORM_NOTE, true, 0, FD_HANDOVER_LONG_CHARS},
    {"reason", N_("Reason"), FORM_TEXT, true, 0, FD_HANDOVER_SHORT_CHARS},
};

static void correct_prepare(form *f, void *ctx)
{
    correcting *k = ctx;
    if (!k->note)
        form_set_choices(f, "field", k->labels, k->count);
}

static int correct_submit(void *ctx, console *c, form *f)
{
    correcting *k = ctx;
    int chosen = k->note ? 0 : form_choice(f, "field");
    fd_entry_field field = k->note ? FD_ENTRY_FIELD_NOTE : k->fields[chosen < 0 ? 0 : chosen];
    fd_error err = {0};
    if (fd_handover_correct(console_desk(c), console_actor(c), k->entry_id, field, form_value(f, "value"),
                            form_value(f, "reason"), &err) != FD_OK) {
        if (strcmp(err.field, "reason") != 0 && strcmp(err.field, "field") != 0)
            snprintf(err.field, sizeof err.field, "value");
        form_show_error(f, c, &err);
        return EV_HANDLED;
    }
    handover_changed();
    console_info(c, "%s", _("Saved. The record keeps what it said before."));
    return EV_POP;
}

static void correct_entry(page *p, bool note)
{
    correcting k = {.entry_id = p->id, .kind = p->kind, .note = note};
    for (int f = 0; f < FD_ENTRY_FIELD_NOTE; f++) {
        if (!fd_entry_field_applies(p->kind, (fd_entry_field)f) || (f == FD_ENTRY_FIELD_FOLLOW_UP && !p->marked))
            continue;
        k.fields[k.count] = (fd_entry_field)f;
        k.labels[k.count++] = fd_entry_field_label(p->kind, (fd_entry_field)f);
    }
    ask_form_spec spec = {note ? _("Add a later note") : _("Correct a field"), p->head,
                          note ? note_fields : correct_fields, note ? 2 : 3, correct_prepare,
                          correct_submit, &k};
    ask_form(p->c, &spec);
}

typedef enum page_step { STEP_PROGRESS, STEP_DONE, STEP_NOTE, STEP_CORRECT, STEP_COUNT } page_step;

/* Whether the follow-up takes step now for this person. */
static bool may_follow(page *p, fd_followup_step step)
{
    return p->followup && fd_followup_may(console_desk(p->c), p->id, p->state, step,
                                          console_actor(p->c), NULL) == FD_OK;
}

static int page_handle(void *state, console *c, const console_event *ev)
{
    page *p = state;
    switch (ev->action) {
    case ACT_PAGE_UP:
        p->back = p->back + 1 < p->line_count ? p->back + 1 : p->back;
        return EV_HANDLED | EV_REDRAW;
    case ACT_PAGE_DOWN:
        p->back = p->back > 0 ? p->back - 1 : 0;
        return EV_HANDLED | EV_REDRAW;
    case ACT_SELECT:
        break;
    default:
        return EV_IGNORED;
    }
    const char *labels[STEP_COUNT];
    page_step steps[STEP_COUNT];
    int n = 0;
    if (may_follow(p, FD_FOLLOWUP_STEP_PROGRESS))
        steps[n] = STEP_PROGRESS, labels[n++] = _("Record progress");
    if (may_follow(p, FD_FOLLOWUP_STEP_DONE))
        steps[n] = STEP_DONE, labels[n++] = _("Record it done");
    if (fd_may(console_actor(c), FD_ACT_HANDOVER_CORRECT)) {
        steps[n] = STEP_NOTE, labels[n++] = _("Add a later note");
        steps[n] = STEP_CORRECT, labels[n++] = _("Correct a field");
    }
    int chosen = ask_choice(c, _("What to record"), labels, n);
    if (chosen >= 0 && (steps[chosen] == STEP_PROGRESS || steps[chosen] == STEP_DONE))
        record_progress(p, steps[chosen] == STEP_DONE);
    else if (chosen >= 0)
        correct_entry(p, steps[chosen] == STEP_NOTE);
    return EV_HANDLED | EV_REDRAW;
}

static const console_action page_actions[] = {ACT_SELECT, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_BACK, ACT_NONE};

static const screen_ops entry_screen = {
    .title = N_("Handover book entry"),
    .actions = page_actions,
    .open = page_open,
    .close = page_close,
    .draw = page_draw,
    .handle = page_handle,
};

void handover_open_entry(console *c, int64_t entry_id)
{
    console_push(c, &entry_screen, (void *)(intptr_t)entry_id);
}
