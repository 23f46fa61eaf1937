/* The demo mark: see fd_desk_mark_demo in include/frontdesk/desk.h. */
#include "frontdesk/desk.h"

#include "frontdesk/audit.h"
#include "frontdesk/i18n.h"
#include "store/stmt.h"

static fd_status count_staff(fd_store *store, int64_t *out, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_STAFF_COUNT);
    fd_status s = fd_step_row(st, err);
    *out = s == FD_OK ? fd_col_int(st, FD_COL_STAFF_COUNT_STAFF) : 0;
    fd_stmt_reset(st);
    return s;
}

static fd_status is_marked(fd_store *store, bool *out, fd_error *err)
{
    fd_stmt *st = fd_sql(store, FD_SQL_DESK_MARK_FIND);
    fd_bind_text(st, ":kind", "demo");
    fd_status s = fd_step_row(st, err);
    *out = s == FD_OK && fd_col_int(st, FD_COL_DESK_MARK_FIND_MARKED) != 0;
    fd_stmt_reset(st);
    return s;
}

static fd_status mark_txn(fd_store *store, void *ctx, fd_error *err)
{
    fd_desk *d = ctx;
    int64_t staff;
    bool marked;
    fd_status s;
    if ((s = count_staff(store, &staff, err)) != FD_OK || (s = is_marked(store, &marked, err)) != FD_OK)
        return s;
    if (marked)
        return FD_OK;
    /* A live site's database has staff from its first write on (init adds the
     * administrator): it can never be turned into a practice desk. */
    if (staff > 0)
        return fd_fail(err, FD_STATE, NULL,
                       _("Only a new, empty database can be made a demo database."));
    fd_stmt *st = fd_sql(store, FD_SQL_DESK_MARK_INSERT);
    fd_bind_text(st, ":kind", "demo");
    fd_bind_int(st, ":at", fd_desk_now(d));
    if ((s = fd_exec(st, err)) != FD_OK)
        return s;
    return fd_audit_row(d, NULL, "desk.mark_demo", FD_TABLE_desk_mark, fd_store_last_id(store), err);
}

fd_status fd_desk_mark_demo(fd_desk *d, fd_error *err)
{
    return fd_store_write(d->store, mark_txn, d, err);
}

static fd_status is_demo_txn(fd_store *store, void *ctx, fd_error *err)
{
    return is_marked(store, ctx, err);
}

fd_status fd_desk_is_demo(fd_desk *d, bool *out, fd_error *err)
{
    *out = false;
    return fd_store_read(d->store, is_demo_txn, out, err);
}
