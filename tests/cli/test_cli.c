/* The command line as a script or cron job uses it: exit codes and messages. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "testlib.h"

typedef struct run_result {
    int status;
    char output[8192]; /* stdout and stderr together */
} run_result;

/* Runs program with args through the shell, environment fixed. */
static run_result run_program(const char *program, const char *env, const char *args)
{
    run_result r = {0};
    char command[2048];
    snprintf(command, sizeof command,
             "env -u LANGUAGE -u FRONTDESK_CONFIG -u FRONTDESK_LOCALEDIR LANGUAGE=en "
             "XDG_CONFIG_HOME=%s %s '%s' %s 2>&1",
             testlib_tmpdir(), env ? env : "", program, args);
    FILE *p = popen(command, "r");
    ck_assert_ptr_nonnull(p);
    size_t n = fread(r.output, 1, sizeof r.output - 1, p);
    r.output[n] = '\0';
    int status = pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

/* The frontdesk binary of the build tree. */
static run_result run(const char *env, const char *args)
{
    return run_program(getenv("FRONTDESK_BIN"), env, args);
}

#define ASSERT_RUN(r, code, text)                                                       \
    do {                                                                                \
        ck_assert_msg((r).status == (code), "exit %d, wanted %d:\n%s", (r).status, (code), \
                      (r).output);                                                      \
        ck_assert_msg(strstr((r).output, (text)), "no \"%s\" in:\n%s", (text), (r).output); \
    } while (0)

static const char *demo_db(const char *name)
{
    const char *path = testlib_path(name);
    char args[600];
    snprintf(args, sizeof args, "--db '%s' demo", path);
    run_result r = run(NULL, args);
    ASSERT_RUN(r, 0, "Demo database ready");
    return path;
}

START_TEST(version_help_and_usage)
{
    run_result r = run(NULL, "--version");
    ASSERT_RUN(r, 0, "frontdesk ");
    r = run(NULL, "--help");
    ASSERT_RUN(r, 0, "verify [--against HEAD]");
    r = run(NULL, "frobnicate");
    ASSERT_RUN(r, 64, "unknown command 'frobnicate'");
}
END_TEST

START_TEST(bad_config_stops_with_file_and_line)
{
    const char *cfg = testlib_path("bad.cfg");
    FILE *f = fopen(cfg, "w");
    fputs("site_name = \"x\";\nvisitors: { night_start = \"25:00\"; };\n", f);
    fclose(f);
    char args[600];
    snprintf(args, sizeof args, "--config '%s' --db /nonexistent verify", cfg);
    run_result r = run(NULL, args);
    ASSERT_RUN(r, 78, "bad.cfg:2");
}
END_TEST

START_TEST(missing_database_is_explained)
{
    char args[600];
    snprintf(args, sizeof args, "--db '%s' verify", testlib_path("none.db"));
    run_result r = run(NULL, args);
    ASSERT_RUN(r, 66, "frontdesk init");
}
END_TEST

START_TEST(init_makes_a_private_database_once)
{
    const char *path = testlib_path("init.db");
    char args[600];
    snprintf(args, sizeof args, "--db '%s' init --admin 9001 --name 陈静", path);
    run_result r = run("FRONTDESK_NEW_PIN=9999", args);
    ASSERT_RUN(r, 0, "Created");
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    r = run("FRONTDESK_NEW_PIN=9999", args);
    ASSERT_RUN(r, 73, "exists already");
    snprintf(args, sizeof args, "--db '%s' staff add 1001 李娜 receptionist --as 9001", path);
    r = run("FRONTDESK_PIN=9999 FRONTDESK_NEW_PIN=1111", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    snprintf(args, sizeof args, "--db '%s' staff add 1002 王芳 assistant --as 1001", path);
    r = run("FRONTDESK_PIN=1111 FRONTDESK_NEW_PIN=1112", args);
    ck_assert_msg(r.status == 77, "%s", r.output);
}
END_TEST

/* The code init printed: the line after the one that announces it. */
static void printed_code(const run_result *r, char code[64])
{
    const char *line = strstr(r->output, "Sealing code");
    ck_assert_msg(line, "no sealing code in:\n%s", r->output);
    line = strchr(line, '\n');
    ck_assert_int_eq(sscanf(line, " %63s", code), 1);
}

START_TEST(init_prints_the_sealing_code_once_for_verify)
{
    const char *path = testlib_path("sealed.db");
    char args[700];
    snprintf(args, sizeof args, "--db '%s' init --admin 9001 --name 陈静", path);
    run_result r = run("FRONTDESK_NEW_PIN=9999", args);
    ASSERT_RUN(r, 0, "shown only this once");
    char code[64];
    printed_code(&r, code);
    snprintf(args, sizeof args, "--db '%s' verify --seal %s", path, code);
    r = run(NULL, args);
    ASSERT_RUN(r, 0, "Seals: all 2 checked with the sealing code.");
    /* Typed on standard input, it shows neither in ps nor in the shell's history. */
    const char *safe = testlib_path("code.txt");
    FILE *f = fopen(safe, "w");
    fprintf(f, "%s\n", code);
    fclose(f);
    snprintf(args, sizeof args, "--db '%s' verify --seal - < '%s'", path, safe);
    r = run(NULL, args);
    ASSERT_RUN(r, 0, "Seals: all 2 checked with the sealing code.");
    code[3] = code[3] == 'A' ? 'B' : 'A';
    snprintf(args, sizeof args, "--db '%s' verify --seal %s", path, code);
    r = run(NULL, args);
    ASSERT_RUN(r, 65, "not a sealing code");
    /* Sealed from its start: there is no sealing to begin. */
    snprintf(args, sizeof args, "--db '%s' seal --as 9001", path);
    r = run("FRONTDESK_PIN=9999", args);
    ASSERT_RUN(r, 65, "sealed already");
}
END_TEST

START_TEST(verify_passes_then_names_a_tampered_row)
{
    const char *path = demo_db("verify.db");
    char args[600];
    snprintf(args, sizeof args, "--db '%s' verify", path);
    run_result r = run(NULL, args);
    ASSERT_RUN(r, 0, "OK: the records match the audit chain.");

    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "DROP TRIGGER occupant_no_update;"
                                      "UPDATE occupant SET phone = '13900000000' WHERE id = 5",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    r = run(NULL, args);
    ASSERT_RUN(r, 65, "occupant row 5 does not match");
}
END_TEST

START_TEST(verify_names_a_dropped_table_and_exits_65)
{
    const char *path = demo_db("dropped.db");
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "DROP TABLE visit_purge", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char args[600];
    snprintf(args, sizeof args, "--db '%s' verify", path);
    run_result r = run(NULL, args);
    /* Not 134, an abort with the key and PINs in a core dump: the table by name. */
    ASSERT_RUN(r, 65, "The table visit_purge is missing from the database");
}
END_TEST

START_TEST(verify_against_the_printed_head)
{
    const char *path = demo_db("head.db");
    char args[600];
    snprintf(args, sizeof args, "--db '%s' verify", path);
    run_result r = run(NULL, args);
    const char *head = strstr(r.output, "Chain head: ");
    ck_assert_ptr_nonnull(head);
    char hash[65];
    ck_assert_int_eq(sscanf(head, "Chain head: %64s", hash), 1);
    snprintf(args, sizeof args, "--db '%s' verify --against %s", path, hash);
    r = run(NULL, args);
    ASSERT_RUN(r, 0, "is in the chain");
    snprintf(args, sizeof args, "--db '%s' verify --against %064d", path, 7);
    r = run(NULL, args);
    ASSERT_RUN(r, 65, "NOT in the chain");
}
END_TEST

START_TEST(backup_copies_database_and_key)
{
    const char *path = demo_db("live.db");
    const char *copy = testlib_path("copy.db");
    char args[1200];
    snprintf(args, sizeof args, "--db '%s' backup '%s'", path, copy);
    run_result r = run(NULL, args);
    ASSERT_RUN(r, 0, "Backed up");
    snprintf(args, sizeof args, "--db '%s' verify", copy);
    r = run(NULL, args);
    ASSERT_RUN(r, 0, "OK");
    snprintf(args, sizeof args, "--db '%s' backup '%s'", path, copy);
    r = run(NULL, args);
    ASSERT_RUN(r, 65, "exists already");
}
END_TEST

START_TEST(an_older_backup_copied_over_the_file_is_caught)
{
    const char *path = demo_db("restored.db");
    const char *copy = testlib_path("yesterday.db");
    char args[1200];
    snprintf(args, sizeof args, "--db '%s' backup '%s'", path, copy);
    run_result r = run(NULL, args);
    ASSERT_RUN(r, 0, "Backed up");
    /* A day's work after the backup … */
    snprintf(args, sizeof args, "--db '%s' ban add passport E12345678 Smith --reason fraud --as 3001", path);
    r = run("FRONTDESK_PIN=3333", args);
    ASSERT_RUN(r, 0, "Smith");
    snprintf(args, sizeof args, "--db '%s' verify", path);
    r = run(NULL, args);
    ASSERT_RUN(r, 0, "OK");
    /* … undone by the backup copied over the file. */
    char command[1200];
    snprintf(command, sizeof command, "cp '%s' '%s'", copy, path);
    ck_assert_int_eq(system(command), 0);
    r = run(NULL, args);
    ASSERT_RUN(r, 65, "The database is behind the head anchored in");
}
END_TEST

START_TEST(import_reports_bad_rows_by_line)
{
    const char *path = demo_db("import.db");
    const char *csv = testlib_path("units.csv");
    FILE *f = fopen(csv, "w");
    fputs("building,floor,room\nD,1,101\nD,x,102\nD,1,101\n", f);
    fclose(f);
    char args[1200];
    snprintf(args, sizeof args, "--db '%s' import units '%s' --as 9001", path, csv);
    run_result r = run("FRONTDESK_PIN=9999", args);
    ASSERT_RUN(r, 65, "units.csv:3");
    ck_assert_ptr_nonnull(strstr(r.output, "units.csv:4"));
    f = fopen(csv, "w");
    fputs("building,floor,room\nD,1,101\nD,1,102\n", f);
    fclose(f);
    r = run("FRONTDESK_PIN=9999", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
}
END_TEST

START_TEST(the_do_not_admit_list_from_a_shell)
{
    const char *path = demo_db("ban.db");
    run_result r;
    char args[800];
    snprintf(args, sizeof args, "--db '%s' ban add passport E12345678 Smith --unit a-1001 "
             "--reason fraud --as 1001", path);
    r = run("FRONTDESK_PIN=1111", args);
    ASSERT_RUN(r, 77, "Only the customer-service manager");
    snprintf(args, sizeof args, "--db '%s' ban add passport E12345678 Smith --unit Z-9999 "
             "--reason fraud --as 3001", path);
    r = run("FRONTDESK_PIN=3333", args);
    ASSERT_RUN(r, 65, "no unit Z-9999");
    snprintf(args, sizeof args, "--db '%s' ban add passport E12345678 Smith --unit a-1001 "
             "--reason fraud --as 3001", path);
    r = run("FRONTDESK_PIN=3333", args);
    ASSERT_RUN(r, 0, "Smith is not to be admitted at A-1001.");
    snprintf(args, sizeof args, "--db '%s' ban list --as 1001", path);
    r = run("FRONTDESK_PIN=1111", args);
    ASSERT_RUN(r, 0, "Smith\tPassport E1*****78\tA-1001\tfraud");
    /* Newest first; the demo's entry for the whole site after it. */
    const char *smith = strstr(r.output, "Smith"), *site = strstr(r.output, "whole site");
    ck_assert_msg(smith && site && smith < site, "%s", r.output);
    snprintf(args, sizeof args, "--db '%s' ban lift 1 --reason 已澄清 --as 3001", path);
    r = run("FRONTDESK_PIN=3333", args);
    ASSERT_RUN(r, 0, "Entry 1 is lifted.");
    r = run("FRONTDESK_PIN=3333", args);
    ASSERT_RUN(r, 65, "lifted already");
    snprintf(args, sizeof args, "--db '%s' ban list --as 3001", path);
    r = run("FRONTDESK_PIN=3333", args);
    ck_assert_msg(!strstr(r.output, "whole site"), "%s", r.output);
    snprintf(args, sizeof args, "--db '%s' ban forget --as 3001", path);
    r = run(NULL, args);
    ASSERT_RUN(r, 64, "unknown ban command 'forget'");
}
END_TEST

START_TEST(chinese_messages_by_default_configuration)
{
    run_result r = run("LANGUAGE=zh_CN", "--help");
    ck_assert_msg(r.status == 0, "%s", r.output);
    ck_assert_msg(strstr(r.output, "用法") || strstr(r.output, "命令"), "%s", r.output);
}
END_TEST

/* A copy of the program outside the build tree, as if installed, must not take the
 * build tree's catalogues (or its PDF module): only the installed ones. */
START_TEST(a_program_outside_the_build_tree_ignores_its_catalogues)
{
    struct stat st;
    if (stat(FRONTDESK_LOCALEDIR "/zh_CN/LC_MESSAGES/frontdesk.mo", &st) == 0) {
        puts("an installed Chinese catalogue exists: cannot tell it from the build tree's");
        return;
    }
    const char *copy = testlib_path("frontdesk");
    char command[2048];
    snprintf(command, sizeof command, "cp '%s' '%s'", getenv("FRONTDESK_BIN"), copy);
    ck_assert_int_eq(system(command), 0);
    run_result r = run_program(copy, "LANGUAGE=zh_CN", "--help");
    ck_assert_msg(r.status == 0, "%s", r.output);
    ck_assert_msg(strstr(r.output, "front-desk console") && !strstr(r.output, "前台"), "%s",
                  r.output);
    r = run("LANGUAGE=zh_CN", "--help"); /* the same program in the build tree does */
    ck_assert_msg(strstr(r.output, "前台"), "%s", r.output);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("cli");
    TCase *tc = tcase_create("cli");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, version_help_and_usage);
    tcase_add_test(tc, bad_config_stops_with_file_and_line);
    tcase_add_test(tc, missing_database_is_explained);
    tcase_add_test(tc, init_makes_a_private_database_once);
    tcase_add_test(tc, init_prints_the_sealing_code_once_for_verify);
    tcase_add_test(tc, verify_passes_then_names_a_tampered_row);
    tcase_add_test(tc, verify_names_a_dropped_table_and_exits_65);
    tcase_add_test(tc, verify_against_the_printed_head);
    tcase_add_test(tc, backup_copies_database_and_key);
    tcase_add_test(tc, an_older_backup_copied_over_the_file_is_caught);
    tcase_add_test(tc, import_reports_bad_rows_by_line);
    tcase_add_test(tc, the_do_not_admit_list_from_a_shell);
    tcase_add_test(tc, chinese_messages_by_default_configuration);
    tcase_add_test(tc, a_program_outside_the_build_tree_ignores_its_catalogues);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
