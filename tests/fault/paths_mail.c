/* Mail's write paths: intake (received and shelved in one write), a hand-out of
 * several items, one by proxy, and a return to the sender. */
#include <stdio.h>

#include "frontdesk/mail.h"
#include "procedure_paths.h"

/* An express parcel for the owner, with the tracking number of this serial: numbers
 * are unique, and the intake checks that. */
static fd_mail_intake parcel(const fault_ctx *c, int n, char *tracking, size_t size)
{
    snprintf(tracking, size, "SF%08d%d", c->serial, n);
    return (fd_mail_intake){.carrier = "顺丰速运", .kind = FD_MAIL_EXPRESS, .tracking = tracking,
                            .recipient = {FD_DIR_OCCUPANT, c->owner, NULL}, .shelf = "A3"};
}

static int64_t parcel_on_shelf(fault_ctx *c, int n)
{
    char tracking[FD_MAIL_TRACKING_MAX];
    fd_mail_intake in = parcel(c, n, tracking, sizeof tracking);
    int64_t id = 0;
    PATH_OK(fd_mail_receive(c->fx.desk, &c->fx.receptionist, &in, &id, &path_err));
    return id;
}

void parcel_expected(fault_ctx *c)
{
    c->serial++;
}

fd_status receive_parcel(fault_ctx *c, fd_error *err)
{
    char tracking[FD_MAIL_TRACKING_MAX];
    fd_mail_intake in = parcel(c, 0, tracking, sizeof tracking);
    int64_t id = 0;
    return fd_mail_receive(c->fx.desk, &c->fx.receptionist, &in, &id, err);
}

void parcels_held(fault_ctx *c)
{
    parcel_expected(c);
    for (int i = 0; i < 3; i++)
        c->records[i] = parcel_on_shelf(c, i);
}

/* The owner signs for all three at once. */
fd_status hand_parcels_out(fault_ctx *c, fd_error *err)
{
    fd_mail_handout h = {.items = c->records, .count = 3, .collector = "王建国", .signed_for = true};
    int64_t handout = 0;
    return fd_mail_hand_out(c->fx.desk, &c->fx.receptionist, &h, &handout, err);
}

void parcel_held(fault_ctx *c)
{
    parcel_expected(c);
    c->record = parcel_on_shelf(c, 0);
}

fd_status hand_out_by_proxy(fault_ctx *c, fd_error *err)
{
    fd_mail_handout h = {.items = &c->record, .count = 1, .collector = "王小明", .signed_for = true,
                         .proxy = true, .proxy_phone = "13900139000", .proxy_relation = "儿子"};
    int64_t handout = 0;
    return fd_mail_hand_out(c->fx.desk, &c->fx.receptionist, &h, &handout, err);
}

/* Sent back before the return limit, so with its reason. */
fd_status return_parcel(fault_ctx *c, fd_error *err)
{
    return fd_mail_return(c->fx.desk, &c->fx.receptionist, c->record, NULL, "业主拒收", err);
}
