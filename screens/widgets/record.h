/* A record's page as the visitor log and the mail desk show one: its facts on top, its
 * history under a rule, and the steps it allows now numbered at the foot, chosen as
 * widgets/steps.h says (a digit only highlights; Enter goes on). */
#ifndef FRONTDESK_SCREENS_RECORD_H
#define FRONTDESK_SCREENS_RECORD_H

#include <stddef.h>

#include "console/console.h"
#include "frontdesk/time.h"
#include "widgets/fresh.h"
#include "widgets/scrollback.h"
#include "widgets/steps.h"

/* RECORD_LINE_TEXT: a thousand characters of text (a hotline answer) with its label. */
enum { RECORD_HISTORY_MAX = 40, RECORD_LINE_TEXT = 3200, RECORD_STEPS_MAX = 10 };

/* What happened to the record, one line an event or correction. */
typedef struct record_line {
    fd_time at;
    size_t order; /* as added: among equal times, the order read */
    char text[RECORD_LINE_TEXT];
} record_line;

typedef struct record_history {
    record_line lines[RECORD_HISTORY_MAX];
    size_t count;
    size_t count_before; /* at the last record_history_clear: lines the page showed */
    scrollback scroll;   /* the latest lines shown unless PgUp went back */
} record_history;

/* Empties the history to read it again (the record changed, here or at another
 * terminal); where the reader was is kept for record_history_sort. */
void record_history_clear(record_history *h);

/* Adds a line (cut between characters when long); past RECORD_HISTORY_MAX, nothing. */
void record_history_add(record_history *h, fd_time at, const char *text);
/* A correction's line: "Corrected FIELD to “VALUE” (REASON) — STAFF". */
void record_history_add_correction(record_history *h, fd_time at, const char *field,
                                   const char *value, const char *reason, const char *staff);
/* Oldest first; lines of the same time in the order they were added. A reader who
 * went back with PgUp stays on the lines they were reading when newer ones came. */
void record_history_sort(record_history *h);
/* After a step done on the page: its history shows the newest lines again, the step's
 * own among them, wherever PgUp had gone. */
void record_history_show_newest(record_history *h);
/* PgUp / PgDn over the history: true when the key was taken. */
bool record_history_key(record_history *h, const console_event *ev);

/* The steps offered: the page's own step numbers, in the order shown, as a step_list
 * (widgets/steps.h) chooses among them. */
typedef struct record_steps {
    int offered[RECORD_STEPS_MAX];
    step_list chosen; /* how many are offered, and the highlighted one */
    int was;          /* at the last record_steps_clear: the highlighted step, or -1 */
} record_steps;

/* Before the offers (the record read again): the highlighted step is remembered. */
void record_steps_clear(record_steps *s);
void record_steps_offer(record_steps *s, int step);
/* After the offers: the highlight stays on the same step while it is still offered,
 * else on the same line while there is one. */
void record_steps_settle(record_steps *s);
/* The rows the steps offered take at the foot of a page cols wide (steps_rows); labels
 * untranslated, by step number. */
int record_steps_rows(const record_steps *s, const char *const *labels, int cols);
/* steps_handle over the steps offered; with STEPS_CHOSEN, the page's step in *step. */
steps_result record_steps_key(record_steps *s, console *c, const console_event *ev, int *step);

/* What a page draws under its facts. */
typedef struct record_body {
    int facts_rows;             /* the facts' rows above the history's rule */
    int time_cols;              /* the columns of a history line's time */
    record_history *history;    /* its scroll position moves as it is drawn */
    const record_steps *steps;
    const char *const *labels;  /* untranslated, by step number */
    const char *nothing;        /* translated: shown when no step is offered */
    const bool *unavailable;    /* by step number, may be NULL: offered, but shown dim */
} record_body;

/* The history's latest lines between two rules, each wrapped whole (PgUp for earlier
 * ones; the rules say "more" when lines are out of sight), then the steps at the foot
 * of area. */
void record_draw_body(const record_body *b, fd_time now, const console_area *area);

/* A whole record's page, the skeleton the pass, notice and mail item pages share: the
 * record read with its history and the steps it allows, read again after a step done
 * here or a write at another terminal (while the page is on top), its facts, history
 * and steps drawn, PgUp / PgDn over the history, a step chosen as widgets/steps.h
 * says and performed. A page's state begins with a record_page; the spec says the
 * rest. record_page_close, record_page_draw and record_page_handle are its
 * screen_ops' (the page's own handle, for keys of its own, ends in
 * record_page_handle). */
typedef struct record_page record_page;

typedef struct record_page_spec {
    const screen_ops *screen;   /* the page's own */
    size_t size;                /* of the page's state, which begins with a record_page */
    const char *const *labels;  /* N_(), by step number */
    const char *const *done;    /* N_(), by step number: said once the step is done; NULL:
                                 * each step says itself */
    const char *nothing;        /* N_(): shown when no step is offered */
    int time_cols;              /* the columns of a history line's time */
    /* Reads the record and adds its history's lines; false with err when it cannot. */
    bool (*read)(record_page *p, console *c, fd_error *err);
    /* Offers (record_steps_offer) the steps the record allows now, in order. */
    void (*offer)(record_page *p, console *c);
    /* Draws the facts at the top of area; returns the rows they take. */
    int (*draw_facts)(const record_page *p, console *c, const console_area *area);
    /* Performs step (asking first); true once done. */
    bool (*perform)(record_page *p, console *c, int step);
    void (*changed)(void); /* after a step done: the procedure's change count; NULL: none */
} record_page_spec;

struct record_page {
    const record_page_spec *spec;
    int64_t id;
    bool loaded;
    fresh read; /* when it was read */
    record_history history;
    record_steps steps;
};

/* Opens the page of record *(const int64_t *)arg, as the spec says. */
void *record_page_open(console *c, const record_page_spec *spec, const void *arg);
void record_page_close(void *state);
void record_page_draw(void *state, console *c, const console_area *area);
int record_page_handle(void *state, console *c, const console_event *ev);

#endif
