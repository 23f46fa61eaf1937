#include "desk_fixture.h"

#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/directory.h"
#include "frontdesk/staff.h"
#include "testlib.h"

static void add_and_login(desk_fixture *f, const fd_actor *who, const char *number,
                          const char *name, fd_role role, const char *pin, fd_actor *out)
{
    fd_error err = {0};
    ck_assert_msg(fd_staff_add(f->desk, who, number, name, role, pin, &err) == FD_OK, "%s",
                  err.message);
    ck_assert_msg(fd_staff_login(f->desk, number, pin, out, &err) == FD_OK, "%s", err.message);
}

static fd_time ticking(void *ctx)
{
    fd_time *t = ctx;
    return ++*t;
}

static void open_desk(desk_fixture *f, int flags)
{
    fd_error err = {0};
    ck_assert_msg(fd_desk_open(f->path, flags, &f->config, fd_clock_fixed(&f->now), &f->desk,
                               &err) == FD_OK,
                  "%s", err.message);
    f->desk->audit_clock = (fd_clock){ticking, &f->written};
}

void desk_fixture_open(desk_fixture *f, const char *db_name)
{
    memset(f, 0, sizeof *f);
    f->config.pin_max_failures = 5;
    f->now = fd_time_from_local(2026, 11, 27, 10, 0, 0);
    f->written = f->now;
    f->path = testlib_path(db_name);
    open_desk(f, FD_STORE_CREATE);
    fd_error err = {0};
    /* Made-up records, like the demo's: the staff keep the demo's 4-digit PINs. */
    ck_assert_msg(fd_desk_mark_demo(f->desk, &err) == FD_OK, "%s", err.message);
    add_and_login(f, NULL, "9001", "陈静", FD_ROLE_ADMIN, "9999", &f->admin);
    add_and_login(f, &f->admin, "1001", "李娜", FD_ROLE_RECEPTIONIST, "1111", &f->receptionist);
    add_and_login(f, &f->admin, "2001", "张伟", FD_ROLE_DUTY_MANAGER, "2222", &f->duty_manager);
}

void desk_fixture_staff(desk_fixture *f, const char *number, const char *name, fd_role role,
                        const char *pin, fd_actor *out)
{
    add_and_login(f, &f->admin, number, name, role, pin, out);
}

typedef fd_status (*import_fn)(fd_desk *d, const fd_actor *who, FILE *csv, fd_import_result *out,
                               fd_error *err);

static void import_data(desk_fixture *f, import_fn import, const char *name)
{
    const char *path = testlib_data(name);
    FILE *in = fopen(path, "rb");
    ck_assert_msg(in != NULL, "cannot open %s", path);
    fd_import_result result = {0};
    fd_error err = {0};
    ck_assert_msg(import(f->desk, &f->admin, in, &result, &err) == FD_OK, "%s", err.message);
    fd_import_result_free(&result);
    fclose(in);
}

void desk_fixture_directory(desk_fixture *f)
{
    import_data(f, fd_directory_import_units, "directory/units.csv");
    import_data(f, fd_directory_import_occupants, "directory/occupants.csv");
}

void desk_fixture_reopen(desk_fixture *f)
{
    open_desk(f, 0);
}

void desk_fixture_close(desk_fixture *f)
{
    fd_desk_close(f->desk);
    f->desk = NULL;
}

int desk_fixture_raw(const desk_fixture *f, const char *sql)
{
    sqlite3 *db;
    sqlite3_open(f->path, &db);
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc;
}

int64_t desk_fixture_count(const desk_fixture *f, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(f->path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

void desk_fixture_tamper(desk_fixture *f, const char *sql)
{
    const fd_config *config = f->desk->config;
    desk_fixture_close(f);
    ck_assert_int_eq(desk_fixture_raw(f, sql), 0);
    desk_fixture_reopen(f);
    f->desk->config = config;
}

static void print_problem(void *ctx, const char *problem)
{
    (void)ctx;
    fprintf(stderr, "verify: %s\n", problem);
}

int desk_fixture_verify(desk_fixture *f)
{
    fd_verify_result r = {0};
    fd_error err = {0};
    fd_status s = fd_verify(f->desk, NULL, print_problem, NULL, &r, &err);
    ck_assert_msg(s == (r.problems ? FD_TAMPERED : FD_OK), "%s", err.message);
    return (int)r.problems;
}

void desk_fixture_collect(void *ctx, const char *problem)
{
    desk_fixture_problems *p = ctx;
    if (p->count < 8)
        snprintf(p->text[p->count], sizeof p->text[0], "%s", problem);
    p->count++;
}

bool desk_fixture_reported(const desk_fixture_problems *p, const char *needle)
{
    for (int i = 0; i < p->count && i < 8; i++)
        if (strstr(p->text[i], needle))
            return true;
    return false;
}

fd_status desk_fixture_verify_into(desk_fixture *f, fd_verify_request *req,
                                   desk_fixture_problems *p, fd_verify_result *r)
{
    memset(p, 0, sizeof *p);
    req->report = desk_fixture_collect;
    req->ctx = p;
    fd_error err = {0};
    return fd_verify_with(f->desk, req, r, &err);
}

char *desk_fixture_export(const desk_fixture *f, desk_fixture_export_fn fn, const fd_actor *who,
                          const fd_export_request *req, fd_status *status, size_t *size,
                          fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    fd_book *book;
    bool several = req->monthly && req->format == FD_EXPORT_XLSX;
    *status = fd_book_open(out, req->format, several, &book, err);
    if (*status == FD_OK) {
        *status = fn(f->desk, who, req, book, err);
        fd_chain_head head = {0};
        fd_book_params p = {"test", fd_date_of(req->from), fd_date_of(req->to - 1), req->monthly,
                            req->unmasked, who, f->now, &head};
        fd_status closed = fd_book_close(book, *status == FD_OK ? &p : NULL, NULL);
        *status = *status == FD_OK ? closed : *status;
    }
    fclose(out);
    if (size)
        *size = length;
    return text;
}
