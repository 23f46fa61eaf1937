/* The mail screen: see mail.h. The list (a view at a time, F5 for the next; the last
 * view is the daily register), from which the intake form (F4, mail_intake.c), the
 * hand-out of the marked items (F11, mail_handout.c) and one item's page (Enter,
 * mail_item.c) open. Every step goes to the core, and a refusal comes back at the
 * field it names. */
#include "mail/mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "mail/mail_handout.h"
#include "mail/mail_intake.h"
#include "mail/mail_shared.h"
#include "widgets/fresh.h"
#include "widgets/listview.h"
#include "widgets/printing.h"
#include "widgets/show.h"

enum { DETAIL_ROWS = 3, TITLES_MAX = 12 };

static fd_mail_item *item_copy(const fd_mail_item *it)
{
    fd_mail_item *copy = fd_alloc(sizeof *copy);
    *copy = *it;
    return copy;
}

enum { VIEW_REGISTER = FD_MAIL_VIEW_COUNT };

static const struct {
    int view;
    const char *label;
    bool search;
    const char *fields; /* what its search line searches */
} views[] = {
    {FD_MAIL_HELD, N_("Held now, by recipient"), false, N_("Tracking, unit or name:")},
    {FD_MAIL_OLDEST, N_("Held now, oldest first"), false, NULL},
    {FD_MAIL_TODAY, N_("Today's intake"), false, NULL},
    {FD_MAIL_BY_RECIPIENT, N_("Search by recipient: unit or name"), true,
     N_("Unit from the start, or name, any part:")},
    {FD_MAIL_BY_TRACKING, N_("Search by tracking number"), true, N_("Tracking number, any digits:")},
    {FD_MAIL_BY_SHELF, N_("Search by shelf"), true, N_("Shelf:")},
    {VIEW_REGISTER, N_("Daily register"), false, NULL},
};
enum { VIEW_COUNT = sizeof views / sizeof views[0] };

typedef struct tally_row {
    char title[FD_MAIL_SHORT_MAX];
    long received, handed_out;
} tally_row;

typedef struct mail_list {
    console *c;
    size_t view;
    listview *list;              /* NULL in the register */
    unsigned seen;               /* `changes` when it was read */
    fresh read;                  /* when it was read */
    int64_t marks[FD_MAIL_HANDOUT_MAX];
    size_t mark_count;
    long to_return;
    fd_date day;                 /* the register's */
    fd_mail_register reg;
    tally_row titles[TITLES_MAX];
    size_t title_count;
} mail_list;

static const listview_column item_columns[] = {
    {"", 1}, {N_("Received"), 11}, {N_("Recipient"), 0}, {N_("Kind"), 10},
    {N_("Tracking no."), 15}, {N_("Shelf"), 5}, {N_("Status"), 12},
};

static void add_row(void *ctx, const fd_mail_item *it)
{
    listview_add(ctx, item_copy(it));
}

static fd_status mail_fetch(void *ctx, listview *lv, const char *query, const void *after, int limit,
                            fd_error *err)
{
    mail_list *m = ctx;
    return fd_mail_list(console_desk(m->c), (fd_mail_view)views[m->view].view, query, after, limit,
                        add_row, lv, err);
}

static bool marked(const mail_list *m, int64_t id)
{
    for (size_t i = 0; i < m->mark_count; i++)
        if (m->marks[i] == id)
            return true;
    return false;
}

static void mail_cells(void *ctx, const void *row, char (*out)[128], size_t count)
{
    mail_list *m = ctx;
    const fd_mail_item *it = row;
    if (count < 7)
        return;
    snprintf(out[0], 128, "%s", marked(m, it->id) ? "*" : "");
    show_when(it->received_at, fd_desk_now(console_desk(m->c)), out[1], 128);
    char whom[MAIL_WHOM_MAX];
    mail_recipient_text(it, whom, sizeof whom);
    text_copy(out[2], 128, whom);
    snprintf(out[3], 128, "%s", fd_mail_kind_label(it->kind));
    snprintf(out[4], 128, "%s", it->tracking);
    snprintf(out[5], 128, "%s", it->shelf);
    mail_status_text(it, console_config(m->c), out[6], 128);
}

static const listview_source mail_source = {
    .columns = item_columns,
    .column_count = sizeof item_columns / sizeof item_columns[0],
    .fetch = mail_fetch,
    .cells = mail_cells,
    .free_row = free,
};

static void keep_title(void *ctx, const fd_mail_paper_row *r)
{
    mail_list *m = ctx;
    if (m->title_count == TITLES_MAX)
        return;
    tally_row *t = &m->titles[m->title_count++];
    text_copy(t->title, sizeof t->title, r->title);
    t->received = r->received;
    t->handed_out = r->handed_out;
}

static void read_register(mail_list *m)
{
    fd_error err = {0};
    m->title_count = 0;
    if (fd_mail_register_day(console_desk(m->c), m->day, &m->reg, &err) != FD_OK ||
        fd_mail_papers(console_desk(m->c), m->day, keep_title, m, &err) != FD_OK)
        console_show_error(m->c, &err);
}

static void read_list(mail_list *m)
{
    fd_error err = {0};
    m->seen = mail_changes();
    fresh_mark(&m->read, m->c);
    if (fd_mail_to_return_count(console_desk(m->c), &m->to_return, &err) != FD_OK)
        console_show_error(m->c, &err);
    if (m->list)
        listview_reload(m->list, m->c);
    else
        read_register(m);
}

static void show_view(mail_list *m, size_t view)
{
    listview_free(m->list);
    m->list = NULL;
    m->view = view;
    if (views[view].view != VIEW_REGISTER)
        m->list = listview_new(&mail_source, m,
                               views[view].search || views[view].view == FD_MAIL_HELD
                                   ? LISTVIEW_TYPE_AHEAD
                                   : 0);
    if (m->list && views[view].fields)
        listview_set_label(m->list, _(views[view].fields));
    read_list(m);
}

static void *mail_open(console *c, void *arg)
{
    (void)arg;
    mail_list *m = fd_alloc(sizeof *m);
    m->c = c;
    m->day = fd_date_of(fd_desk_now(console_desk(c)));
    show_view(m, 0);
    return m;
}

static void mail_close(void *state)
{
    mail_list *m = state;
    listview_free(m->list);
    free(m);
}

static int toggle_mark(mail_list *m, console *c)
{
    const fd_mail_item *it = m->list ? listview_selected(m->list) : NULL;
    if (!it)
        return EV_HANDLED;
    for (size_t i = 0; i < m->mark_count; i++) {
        if (m->marks[i] == it->id) {
            m->marks[i] = m->marks[--m->mark_count];
            return EV_HANDLED | EV_REDRAW;
        }
    }
    if (!mail_at_desk(it)) {
        console_error(c, "%s", _("Only items still at the desk can be handed out."));
        return EV_HANDLED | EV_REDRAW;
    }
    if (m->mark_count == FD_MAIL_HANDOUT_MAX) {
        console_error(c, _("At most %d items are handed out at once."), FD_MAIL_HANDOUT_MAX);
        return EV_HANDLED | EV_REDRAW;
    }
    m->marks[m->mark_count++] = it->id;
    return EV_HANDLED | EV_REDRAW;
}

/* The marked items, or the highlighted one when none is marked. */
static int start_hand_out(mail_list *m, console *c)
{
    const fd_mail_item *it = m->list ? listview_selected(m->list) : NULL;
    if (m->mark_count == 0 && !it)
        return EV_HANDLED;
    bool done = m->mark_count ? mail_hand_out(c, m->marks, m->mark_count) : mail_hand_out(c, &it->id, 1);
    if (done)
        m->mark_count = 0;
    return EV_HANDLED | EV_REDRAW;
}

static int open_selected(mail_list *m, console *c)
{
    const fd_mail_item *it = listview_selected(m->list);
    if (it)
        mail_open_item(c, it->id);
    return EV_HANDLED | EV_REDRAW;
}

static size_t view_index(int view)
{
    for (size_t i = 0; i < VIEW_COUNT; i++)
        if (views[i].view == view)
            return i;
    return 0;
}

static int register_handle(mail_list *m, const console_event *ev)
{
    if (ev->action != ACT_LEFT && ev->action != ACT_RIGHT)
        return EV_IGNORED;
    fd_date today = fd_date_of(fd_desk_now(console_desk(m->c)));
    m->day += ev->action == ACT_LEFT ? -1 : (m->day < today ? 1 : 0);
    read_register(m);
    return EV_HANDLED | EV_REDRAW;
}

static int mail_handle(void *state, console *c, const console_event *ev)
{
    mail_list *m = state;
    bool typing = m->list && listview_takes_text(m->list);
    switch (ev->action) {
    case ACT_NEW:
        if (views[m->view].view == VIEW_REGISTER) {
            if (mail_record_papers(c))
                m->day = fd_date_of(fd_desk_now(console_desk(c)));
        } else
            mail_intake_open(c);
        return EV_HANDLED | EV_REDRAW;
    case ACT_VIEW:
        show_view(m, (m->view + 1) % VIEW_COUNT);
        return EV_HANDLED | EV_REDRAW;
    case ACT_MARK:
        return toggle_mark(m, c);
    case ACT_HAND_OUT:
        return start_hand_out(m, c);
    case ACT_PRINT:
        /* The register prints the day it shows; the lists, today's. */
        printing_daily_log(c, FD_LOG_MAIL, views[m->view].view == VIEW_REGISTER ? m->day : printing_today(c));
        return EV_HANDLED | EV_REDRAW;
    default:
        break;
    }
    if (!m->list)
        return register_handle(m, ev);
    if (ev->action == ACT_SELECT && !typing)
        return open_selected(m, c);
    /* Typing over today's intake searches all of history by recipient. */
    if (views[m->view].view == FD_MAIL_TODAY && ev->action == ACT_NONE && key_is_text(ev->key)) {
        show_view(m, view_index(FD_MAIL_BY_RECIPIENT));
        return listview_handle(m->list, c, ev);
    }
    return listview_handle(m->list, c, ev);
}

static bool mail_takes_text(const void *state)
{
    const mail_list *m = state;
    return m->list && listview_takes_text(m->list);
}

static void draw_selected(const mail_list *m, console *c, int y, int x, int cols)
{
    const fd_mail_item *it = listview_selected(m->list);
    if (!it)
        return;
    char line[MAIL_LINE_TEXT], when[32];
    snprintf(line, sizeof line, _("%s \u00d7%d   %s   received by %s"), fd_mail_kind_label(it->kind),
             it->quantity, it->carrier, it->received_by);
    mail_label_line(y, x, cols, _("Item"), line, A_NORMAL);
    if (it->damaged)
        snprintf(line, sizeof line, _("DAMAGED: %s"), it->damage_note);
    else
        text_copy(line, sizeof line, show_or_dash(it->note));
    mail_label_line(y + 1, x, cols, _("Note"), line, it->damaged ? theme(TH_ERROR) : A_NORMAL);
    if (it->closed_at) {
        show_when(it->closed_at, fd_desk_now(console_desk(c)), when, sizeof when);
        snprintf(line, sizeof line, "%s   %s%s", when, it->closed_by, it->by_proxy ? _(" (proxy)") : "");
        mail_label_line(y + 2, x, cols, mail_closed_label(it), line, A_NORMAL);
    }
}

/* The register's columns: a label, then three numbers, each right-aligned under its
 * heading by display width (a Chinese heading takes two columns a character). */
enum { REG_LABEL_COLS = 20, REG_CELL_COLS = 10 };

static void cell_right(int y, int x, const char *text, attr_t attr)
{
    int w = text_width(text);
    draw_text(y, x + (w < REG_CELL_COLS ? REG_CELL_COLS - w : 0), REG_CELL_COLS, text, attr);
}

static void register_row(int y, int x, const char *label, const char *const cells[3], attr_t attr)
{
    draw_text(y, x, REG_LABEL_COLS, label, attr);
    for (int i = 0; i < 3; i++)
        cell_right(y, x + REG_LABEL_COLS + i * (REG_CELL_COLS + 1), cells[i], attr);
}

static void number_row(int y, int x, const char *label, long a, long b, long c, attr_t attr)
{
    char cells[3][24];
    snprintf(cells[0], sizeof cells[0], "%ld", a);
    snprintf(cells[1], sizeof cells[1], "%ld", b);
    snprintf(cells[2], sizeof cells[2], "%ld", c);
    register_row(y, x, label, (const char *const[3]){cells[0], cells[1], cells[2]}, attr);
}

static void draw_register(mail_list *m, const console_area *area)
{
    char day[FD_DATE_TEXT], line[MAIL_LINE_TEXT];
    fd_date_format(m->day, day);
    int x = area->left, y = area->top + 1;
    snprintf(line, sizeof line, _("%s   (Left/Right: another day)"), day);
    draw_text(y++, x, area->cols, line, A_BOLD);
    register_row(y++, x, _("Kind"),
                 (const char *const[3]){C_("mail register", "In"), C_("mail register", "Out"),
                                        C_("mail register", "Returned")},
                 theme(TH_DIM) | A_BOLD);
    for (int k = 0; k < FD_MAIL_KIND_COUNT; k++) {
        const fd_mail_register_row *r = &m->reg.kinds[mail_kind_order[k]];
        number_row(y++, x, fd_mail_kind_label(mail_kind_order[k]), r->received, r->handed_out,
                   r->returned, A_NORMAL);
    }
    number_row(y++, x, _("Total"), m->reg.total.received, m->reg.total.handed_out,
               m->reg.total.returned, A_BOLD);
    y++;
    register_row(y++, x, _("Newspapers"),
                 (const char *const[3]){_("Signed"), _("Handed on"), C_("newspapers", "Left")},
                 theme(TH_DIM) | A_BOLD);
    if (m->title_count == 0)
        draw_text(y++, x, area->cols, _("No newspapers signed for that day."), theme(TH_DIM));
    for (size_t i = 0; i < m->title_count && y < area->top + area->rows; i++, y++) {
        const tally_row *t = &m->titles[i];
        number_row(y, x, t->title, t->received, t->handed_out, t->received - t->handed_out,
                   A_NORMAL);
    }
}

static void mail_draw(void *state, console *c, const console_area *area)
{
    mail_list *m = state;
    if (m->seen != mail_changes()) {
        read_list(m);
    } else if (fresh_stale(&m->read, c)) {
        /* The rows read again, the selection kept in place. */
        fd_error err = {0};
        if (fd_mail_to_return_count(console_desk(c), &m->to_return, &err) != FD_OK)
            console_show_error(c, &err);
        if (m->list)
            listview_refresh(m->list, c);
        else
            read_register(m);
    }
    char title[MAIL_LINE_TEXT], key[32], extra[MAIL_LINE_TEXT] = "";
    keymap_first_key(console_keymap(c), ACT_VIEW, key, sizeof key);
    if (m->mark_count)
        snprintf(extra, sizeof extra, _("   marked: %zu"), m->mark_count);
    if (m->to_return) {
        size_t n = strlen(extra);
        snprintf(extra + n, sizeof extra - n, _("   due back to sender: %ld"), m->to_return);
    }
    snprintf(title, sizeof title, _("%s   (%zu of %d; %s: next view)%s"), _(views[m->view].label),
             m->view + 1, VIEW_COUNT, key, extra);
    draw_text(area->top, area->left, area->cols, title, A_BOLD);
    if (!m->list) {
        draw_register(m, area);
        return;
    }
    console_area list = {area->top + 1, area->left, area->rows - 1 - DETAIL_ROWS - 1, area->cols};
    listview_draw(m->list, c, &list);
    int y = list.top + list.rows;
    draw_rule(y, area->left, area->cols, theme(TH_DIM));
    draw_selected(m, c, y + 1, area->left, area->cols);
}

/* The register has no list: nothing to select, mark, hand out or search; F4 records
 * newspapers there. */
static bool mail_offers(const void *state, console_action a)
{
    const mail_list *m = state;
    if (m->list)
        return true;
    return a == ACT_NEW || a == ACT_VIEW || a == ACT_PRINT || a == ACT_BACK;
}

static const console_action mail_actions[] = {ACT_NEW,    ACT_SELECT, ACT_MARK,    ACT_HAND_OUT,
                                              ACT_VIEW,   ACT_SEARCH, ACT_PRINT,   ACT_BACK,
                                              ACT_UP,     ACT_DOWN,   ACT_PAGE_UP, ACT_PAGE_DOWN,
                                              ACT_NONE};

const screen_ops mail_screen = {
    .title = N_("Mail and parcels"),
    .actions = mail_actions,
    .open = mail_open,
    .close = mail_close,
    .draw = mail_draw,
    .handle = mail_handle,
    .takes_text = mail_takes_text,
    .offers = mail_offers,
};
