/* The statement catalogue (src/store/sql/ *.sql) against a freshly migrated database:
 * every statement prepares there, with the columns fd-sqlgen generated indexes for. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/store.h"
#include "store/catalogue.h"
#include "store/stmt.h"
#include "store_fixture.h"
#include "testlib.h"

START_TEST(every_statement_prepares)
{
    fd_store *s = store_fixture_open("all.db");
    for (int id = 0; id < FD_SQL_COUNT; id++) {
        fd_error err = {0};
        ck_assert_msg(fd_sql_prepare(s, (fd_sql_id)id, &err) == FD_OK, "%s", err.message);
    }
    fd_store_close(s);
}
END_TEST

/* The generated indexes were read from the build's schema; the columns must be the same
 * on the database the program opens. */
START_TEST(columns_are_those_indexed_at_build_time)
{
    fd_store *s = store_fixture_open("columns.db");
    for (int id = 0; id < FD_SQL_COUNT; id++) {
        fd_stmt *st = fd_sql(s, (fd_sql_id)id);
        char names[2048] = "";
        for (int col = 0; col < fd_col_count(st); col++) {
            size_t used = strlen(names);
            snprintf(names + used, sizeof names - used, "%s%s", col ? "," : "",
                     fd_col_name(st, col));
        }
        ck_assert_msg(strcmp(names, fd_sql_catalogue[id].columns) == 0, "%s: %s, not %s",
                      fd_sql_name((fd_sql_id)id), names, fd_sql_catalogue[id].columns);
    }
    fd_store_close(s);
}
END_TEST

START_TEST(every_record_table_has_its_audit_statements)
{
    for (int t = 0; t < FD_TABLE_COUNT; t++) {
        const char *table = fd_record_table_name((fd_record_table)t);
        char name[96];
        snprintf(name, sizeof name, "row_%s", table);
        ck_assert_msg(fd_sql_find(name) != FD_SQL_COUNT, "no statement %s", name);
        snprintf(name, sizeof name, "ids_%s", table);
        ck_assert_msg(fd_sql_find(name) != FD_SQL_COUNT, "no statement %s", name);
    }
}
END_TEST

/* fd_verify runs every derived_ statement and reads (table, id, side) from it. */
START_TEST(derived_checks_return_table_id_and_side)
{
    int found = 0;
    for (int id = 0; id < FD_SQL_COUNT; id++) {
        if (strncmp(fd_sql_name((fd_sql_id)id), "derived_", 8) != 0)
            continue;
        found++;
        ck_assert_str_eq(fd_sql_catalogue[id].columns, "tbl,row_id,side");
    }
    ck_assert_int_gt(found, 0);
}
END_TEST

/* A schema the statements do not fit (here a table dropped behind the program's back)
 * is reported with the statement's name, where fd_sql would abort. */
START_TEST(statement_that_does_not_prepare_is_named)
{
    fd_store *s = store_fixture_open("broken.db");
    fd_store_close(s);
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(testlib_path("broken.db"), &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "DROP TABLE visit_purge", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    s = store_fixture_open("broken.db");
    fd_error err = {0};
    ck_assert_int_eq(fd_sql_prepare(s, FD_SQL_VISIT_PURGE_INSERT, &err), FD_DB);
    ck_assert_ptr_nonnull(strstr(err.message, "visit_purge_insert"));
    ck_assert_ptr_nonnull(strstr(err.message, "no such table"));
    fd_store_close(s);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("catalogue");
    TCase *tc = tcase_create("catalogue");
    tcase_add_test(tc, every_statement_prepares);
    tcase_add_test(tc, columns_are_those_indexed_at_build_time);
    tcase_add_test(tc, every_record_table_has_its_audit_statements);
    tcase_add_test(tc, derived_checks_return_table_id_and_side);
    tcase_add_test(tc, statement_that_does_not_prepare_is_named);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
