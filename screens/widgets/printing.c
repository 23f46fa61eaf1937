#include "widgets/printing.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "widgets/ask.h"
#include "frontdesk/i18n.h"
#include "widgets/pager.h"

/* A report on its way: what the preview shows and where it may be filed. */
typedef struct job {
    const fd_report *report;
    const char *stem;
} job;

/* The text version, as a terminal printer would get it (caller frees); NULL on failure. */
static char *text_version(const fd_report *r, fd_error *err)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    if (!out) {
        fd_fail(err, FD_IO, NULL, _("Cannot make the preview: %s."), strerror(errno));
        return NULL;
    }
    fd_status s = fd_report_write_text(r, 0, 0, out, err);
    fclose(out);
    if (s != FD_OK)
        FD_FREE(text);
    return text;
}

/* A path in the home folder as "~/…": the message line has one line for it. */
static char *shown_path(const char *path)
{
    const char *home = getenv("HOME");
    size_t n = home ? strlen(home) : 0;
    if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/')
        return fd_printf("~%s", path + n);
    return fd_strdup(path);
}

static int deliver(const job *j, console *c, bool to_printer)
{
    fd_report_destination dest = {.stem = j->stem, .save = !to_printer};
    fd_report_delivery done;
    fd_error err = {0};
    if (fd_report_deliver(j->report, console_config(c), &dest, &done, &err) != FD_OK) {
        console_show_error(c, &err);
        return EV_HANDLED; /* the preview stays: saving it may still work */
    }
    if (done.printer) {
        console_info(c, _("Sent to the printer %s."), done.printer);
    } else {
        char *where = shown_path(done.path);
        console_info(c, _("Saved as %s"), where);
        free(where);
    }
    fd_report_delivery_free(&done);
    return EV_POP;
}

/* Enter in the preview: the printer when one is configured, a PDF file, or nothing.
 * Esc in the choice goes back to the preview. */
static int choose(void *ctx, console *c)
{
    const job *j = ctx;
    const char *printer = console_config(c)->printer;
    char *send = printer && *printer ? fd_printf(_("Send to the printer %s"), printer) : NULL;
    const char *labels[3];
    int n = 0;
    if (send)
        labels[n++] = send;
    labels[n++] = _("Save as a PDF file");
    labels[n++] = _("Cancel: print nothing");
    int chosen = ask_choice(c, send ? _("Print") : _("No printer is configured"), labels, n);
    free(send);
    if (chosen < 0)
        return EV_HANDLED;
    if (chosen == n - 1) {
        console_info(c, "%s", _("Nothing was printed."));
        return EV_POP;
    }
    return deliver(j, c, n == 3 && chosen == 0);
}

static void preview(console *c, const fd_report *r, const char *stem, const char *title)
{
    fd_error err = {0};
    char *text = text_version(r, &err);
    if (!text) {
        console_show_error(c, &err);
        return;
    }
    char select_key[32], back_key[32];
    keymap_first_key(console_keymap(c), ACT_SELECT, select_key, sizeof select_key);
    keymap_first_key(console_keymap(c), ACT_BACK, back_key, sizeof back_key);
    char *hint = fd_printf(_("%s: print or save   %s: close"), select_key, back_key);
    job j = {r, stem};
    pager_spec spec = {title, text, hint, choose, &j, ACT_PRINT};
    pager_run(c, &spec);
    free(hint);
    free(text);
}

void printing_daily_log(console *c, fd_daily_log log, fd_date day)
{
    fd_report *r;
    fd_error err = {0};
    if (fd_print_daily(console_desk(c), console_actor(c), day, log, &r, &err) != FD_OK) {
        console_show_error(c, &err);
        return;
    }
    char date[FD_DATE_TEXT];
    fd_date_format(day, date);
    char *title = fd_printf(_("Print preview: %s, %s"), fd_daily_log_title(log), date);
    char *stem = fd_print_daily_stem(log, day);
    preview(c, r, stem, title);
    free(stem);
    free(title);
    fd_report_free(r);
}

void printing_shift(console *c, int64_t shift_id)
{
    fd_report *r;
    fd_error err = {0};
    if (fd_print_handover(console_desk(c), console_actor(c), shift_id, &r, &err) != FD_OK) {
        console_show_error(c, &err);
        return;
    }
    char *title = fd_printf(_("Print preview: %s, shift No. %lld"), _("Shift handover report"),
                            (long long)shift_id);
    char *stem = fd_print_handover_stem(shift_id);
    preview(c, r, stem, title);
    free(stem);
    free(title);
    fd_report_free(r);
}

void printing_pass(console *c, int64_t pass_id)
{
    fd_report *r;
    fd_error err = {0};
    if (fd_print_pass(console_desk(c), console_actor(c), pass_id, &r, &err) != FD_OK) {
        console_show_error(c, &err);
        return;
    }
    char *title = fd_printf(_("Print preview: carry-out or carry-in pass No. %lld"), (long long)pass_id);
    char *stem = fd_print_pass_stem(pass_id);
    preview(c, r, stem, title);
    free(stem);
    free(title);
    fd_report_free(r);
}

fd_date printing_today(console *c)
{
    return fd_date_of(fd_desk_now(console_desk(c)));
}

bool printing_slip(console *c, const char *number, const char *gate)
{
    const fd_config *cfg = console_config(c);
    if (cfg->slip_paper && strcmp(cfg->slip_paper, "none") == 0)
        return false;
    fd_report *r;
    fd_error err = {0};
    if (fd_print_slip(console_desk(c), console_actor(c), number, fd_print_slip_paper(cfg), &r, &err) != FD_OK) {
        console_show_error(c, &err);
        return true;
    }
    char *stem = fd_print_slip_stem(number);
    const char *printer = fd_print_slip_printer(cfg);
    fd_report_destination dest = {.stem = stem, .printer = printer, .save = !printer};
    fd_report_delivery done;
    if (fd_report_deliver(r, cfg, &dest, &done, &err) != FD_OK) {
        console_show_error(c, &err);
    } else if (done.printer) {
        console_info(c, _("Admitted: slip %s, gate %s; the slip went to the printer %s."), number, gate,
                     done.printer);
    } else {
        /* The folder is where every saved report goes (^R says so); its path would not
         * leave the message one line at 80 columns. */
        console_info(c, _("Admitted: slip %s, gate %s; slip saved to reports (no printer)."),
                     number, gate);
    }
    fd_report_delivery_free(&done);
    free(stem);
    fd_report_free(r);
    return true;
}
