/* The handover book's write paths: an entry marked for follow-up, progress on it,
 * beginning the handover (which gathers the open items into the shift's record), an
 * inventory count, and both managers' signatures, which close the shift and open the
 * next. The book passes back and forth between the two duty managers. */
#include <stdlib.h>

#include "frontdesk/handover.h"
#include "procedure_paths.h"

enum { MINUTE = 60, COUNT = 2 };

static const fd_actor *holder(fault_ctx *c)
{
    return c->second_holds ? &c->second : &c->fx.duty_manager;
}

static const fd_actor *incoming(fault_ctx *c)
{
    return c->second_holds ? &c->fx.duty_manager : &c->second;
}

static fd_shift_state shift_state(fault_ctx *c)
{
    fd_shift s;
    PATH_OK(fd_shift_get(c->fx.desk, c->shift, &s, &path_err));
    return s.state;
}

static fd_entry_form marked_incident(void)
{
    return (fd_entry_form){.kind = FD_ENTRY_INCIDENT, .content = "B座3楼消防管渗水",
                           .reporter = "保安 陈刚", .handling = "通知工程部到场",
                           .mark = FD_FOLLOW_FOLLOW, .follow_up = "请工程部明早更换阀门"};
}

static fd_progress_form progress_note(const fault_ctx *c)
{
    return (fd_progress_form){.shift_id = c->shift, .entry_id = c->record,
                              .note = "工程部已到场，阀门待更换"};
}

/* The first shift, with something open in every list the handover gathers from: a
 * visitor inside, a parcel held, and a follow-up (c->record, its entry). */
static void first_shift(fault_ctx *c)
{
    visitor_inside(c);
    parcel_held(c);
    PATH_OK(fd_shift_open(c->fx.desk, &c->fx.duty_manager, 0, &c->shift, &path_err));
    fd_entry_form f = marked_incident();
    PATH_OK(fd_handover_write(c->fx.desk, holder(c), c->shift, &f, &c->record, &path_err));
}

void shift_open(fault_ctx *c)
{
    c->fx.now += MINUTE;
    if (!c->shift)
        first_shift(c);
    else if (shift_state(c) == FD_SHIFT_HANDING_OVER)
        PATH_OK(fd_handover_withdraw(c->fx.desk, holder(c), c->shift, &path_err));
}

fd_status write_entry(fault_ctx *c, fd_error *err)
{
    fd_entry_form f = marked_incident();
    int64_t id = 0;
    return fd_handover_write(c->fx.desk, holder(c), c->shift, &f, &id, err);
}

void followup_open(fault_ctx *c)
{
    shift_open(c);
}

fd_status record_progress(fault_ctx *c, fd_error *err)
{
    fd_progress_form p = progress_note(c);
    return fd_handover_progress(c->fx.desk, holder(c), &p, err);
}

fd_status begin_handover(fault_ctx *c, fd_error *err)
{
    int64_t handover = 0;
    return fd_handover_begin(c->fx.desk, holder(c), c->shift, &handover, err);
}

/* A shift that took the follow-up over must record progress on it before it may
 * hand over in turn. */
void handing_over(fault_ctx *c)
{
    shift_open(c);
    fd_progress_form p = progress_note(c);
    PATH_OK(fd_handover_progress(c->fx.desk, holder(c), &p, &path_err));
    PATH_OK(begin_handover(c, &path_err));
    c->serial++;
}

/* One inventory item each time, in turn. */
fd_status count_inventory(fault_ctx *c, fd_error *err)
{
    size_t item = (size_t)c->serial % c->fx.config.inventory_items.count;
    return fd_handover_count(c->fx.desk, holder(c), c->shift, item, COUNT, NULL, err);
}

void ready_to_sign(fault_ctx *c)
{
    handing_over(c);
    for (size_t i = 0; i < c->fx.config.inventory_items.count; i++)
        PATH_OK(fd_handover_count(c->fx.desk, holder(c), c->shift, i, COUNT, NULL, &path_err));
    PATH_OK(fd_handover_carry_rest(c->fx.desk, holder(c), c->shift, &path_err));
}

/* Signed, the book changes hands: the next attempt hands the new shift back. */
fd_status sign_handover(fault_ctx *c, fd_error *err)
{
    size_t n = c->fx.config.inventory_items.count;
    fd_count_confirm *counts = calloc(n, sizeof *counts);
    ck_assert_ptr_nonnull(counts);
    for (size_t i = 0; i < n; i++)
        counts[i].count = COUNT;
    int64_t next = 0;
    fd_status s = fd_handover_sign(c->fx.desk, holder(c), incoming(c), c->shift, counts, n, &next, err);
    free(counts);
    if (s == FD_OK) {
        c->shift = next;
        c->second_holds = !c->second_holds;
    }
    return s;
}
