/* The command line as a script or cron job uses it: exit codes and messages. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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
             "XDG_CONFIG_HOME=%s/config %s '%s' %s 2>&1",
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

/* A real site's database, as `init` makes it: administrator 9001 (PIN 999999) and
 * receptionist 1001 (PIN 111111). Not a demo's: no clock override, no personal policy. */
static const char *site_db(const char *name)
{
    const char *path = testlib_path(name);
    char args[600];
    snprintf(args, sizeof args, "--db '%s' init --admin 9001 --name 陈静", path);
    run_result r = run("FRONTDESK_NEW_PIN=999999", args);
    ASSERT_RUN(r, 0, "Created");
    snprintf(args, sizeof args, "--db '%s' staff add 1001 李娜 receptionist --as 9001", path);
    r = run("FRONTDESK_PIN=999999 FRONTDESK_NEW_PIN=111111", args);
    ASSERT_RUN(r, 0, "Added 1001");
    return path;
}

static const char *write_text(const char *name, const char *text)
{
    const char *path = testlib_path(name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
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
    /* A real site's PINs have six digits at least; the demo's four are not enough. */
    run_result r = run("FRONTDESK_NEW_PIN=9999", args);
    ASSERT_RUN(r, 65, "A PIN has 6 to 12 digits.");
    ck_assert_int_ne(access(path, F_OK), 0); /* nothing left to stand in the way */
    char pepper[620];
    snprintf(pepper, sizeof pepper, "%s.pepper", path);
    r = run("FRONTDESK_NEW_PIN=999999", args);
    ASSERT_RUN(r, 0, "Created");
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    ck_assert_int_eq(stat(pepper, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    r = run("FRONTDESK_NEW_PIN=999999", args);
    ASSERT_RUN(r, 73, "exists already");
    snprintf(args, sizeof args, "--db '%s' staff add 1001 李娜 receptionist --as 9001", path);
    r = run("FRONTDESK_PIN=999999 FRONTDESK_NEW_PIN=111111", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    snprintf(args, sizeof args, "--db '%s' staff add 1002 王芳 assistant --as 1001", path);
    r = run("FRONTDESK_PIN=111111 FRONTDESK_NEW_PIN=111222", args);
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
    run_result r = run("FRONTDESK_NEW_PIN=999999", args);
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
    r = run("FRONTDESK_PIN=999999", args);
    ASSERT_RUN(r, 65, "sealed already");
}
END_TEST

/* A code given on the command line is wiped from the process's arguments before the
 * command works: /proc/PID/cmdline (what ps shows anyone on the machine) is read while
 * verify waits on the second of two FIFOs given as logs, its arguments long parsed. */
START_TEST(a_sealing_code_on_the_command_line_leaves_the_process_list)
{
    const char *path = testlib_path("listed.db");
    char command[4096];
    snprintf(command, sizeof command, "--db '%s' init --admin 9001 --name 陈静", path);
    run_result r = run("FRONTDESK_NEW_PIN=999999", command);
    ASSERT_RUN(r, 0, "shown only this once");
    char code[64];
    printed_code(&r, code);
    char *first = strdup(testlib_path("first.log")), *second = strdup(testlib_path("second.log"));
    char *seen = strdup(testlib_path("cmdline"));
    ck_assert_int_eq(mkfifo(first, 0600), 0);
    ck_assert_int_eq(mkfifo(second, 0600), 0);
    snprintf(command, sizeof command,
             "'%s' --db '%s' verify --seal %s --log '%s' --log '%s' >/dev/null 2>&1 & "
             "echo > '%s'; tr '\\0' ' ' < /proc/$!/cmdline > '%s'; echo > '%s'; wait $!",
             getenv("FRONTDESK_BIN"), path, code, first, second, first, seen, second);
    ck_assert_int_eq(system(command), 0);
    FILE *f = fopen(seen, "r");
    ck_assert_ptr_nonnull(f);
    char cmdline[2048] = "";
    size_t n = fread(cmdline, 1, sizeof cmdline - 1, f);
    cmdline[n] = '\0';
    fclose(f);
    ck_assert_msg(strstr(cmdline, "verify --seal") && !strstr(cmdline, code), "%s", cmdline);
    free(first);
    free(second);
    free(seen);
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
    /* No language asked for: help speaks the site's language, as the rest does. */
    r = run("LANGUAGE=", "--help");
    ck_assert_msg(r.status == 0, "%s", r.output);
    ck_assert_msg(strstr(r.output, "用法：frontdesk"), "%s", r.output);
    /* A command's own --help is its usage, not an unknown option. */
    r = run("LANGUAGE=", "print daily --help");
    ck_assert_msg(r.status == 0, "%s", r.output);
    ck_assert_msg(strstr(r.output, "用法：frontdesk [--db 路径] [--config 文件] print handover|daily … --as 工号"),
                  "%s", r.output);
}
END_TEST

/* An option refused is named, in the site's language with its colon, by the program
 * and by a command alike: not getopt's own message, which would be English or the
 * system's. */
START_TEST(a_refused_option_is_named_in_the_sites_language)
{
    run_result r = run("LANGUAGE=", "--bogus");
    ck_assert_msg(r.status == 64 && strstr(r.output, "frontdesk：未知的选项 --bogus") &&
                      strstr(r.output, "用法：frontdesk [--db 路径]") && !strstr(r.output, "‘"),
                  "%s", r.output);
    r = run("LANGUAGE=", "verify -x");
    ck_assert_msg(r.status == 64 && strstr(r.output, "frontdesk：未知的选项 -x") &&
                      strstr(r.output, "frontdesk：用法：frontdesk verify"),
                  "%s", r.output);
    r = run("LANGUAGE=", "export visitors --as");
    ck_assert_msg(r.status == 64 && strstr(r.output, "frontdesk：选项 --as 需要一个值"), "%s",
                  r.output);
    r = run("LANGUAGE=", "--config");
    ck_assert_msg(r.status == 64 && strstr(r.output, "frontdesk：选项 --config 需要一个值"), "%s",
                  r.output);
    r = run("LANGUAGE=", "--db= verify");
    ck_assert_msg(r.status == 64 && strstr(r.output, "frontdesk：选项 --db 需要一个值"), "%s",
                  r.output);
    r = run("LANGUAGE=", "print --bogus");
    ck_assert_msg(r.status == 64 && strstr(r.output, "frontdesk：未知的选项 --bogus"), "%s", r.output);
    r = run("LANGUAGE=", "print monthly");
    ck_assert_msg(r.status == 64 && strstr(r.output, "frontdesk：未知的报表“monthly”"), "%s", r.output);
    r = run("LANGUAGE=", "staff list extra --as 9001");
    ck_assert_msg(r.status == 64 && strstr(r.output, "用法：frontdesk staff list --as 工号"), "%s",
                  r.output);
    r = run("LANGUAGE=en", "print daily --bogus");
    ck_assert_msg(r.status == 64 && strstr(r.output, "frontdesk: unknown option --bogus") &&
                      !strstr(r.output, "unrecognized"),
                  "%s", r.output);
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

/* The year as deadlines count it: 0 when its holiday table is configured, 1 with a
 * warning that says where the notice goes when it is not. */
START_TEST(calendar_shows_the_year_and_warns_without_a_table)
{
    run_result r = run(NULL, "calendar 2026");
    ASSERT_RUN(r, 0, "2026-10-01 (Thu) to 2026-10-07 (Wed)  7 days");
    ck_assert_msg(strstr(r.output, "2026-10-10 (Sat)"), "%s", r.output);
    ck_assert_msg(!strstr(r.output, "warning"), "%s", r.output);
    r = run(NULL, "calendar 2027");
    ASSERT_RUN(r, 1, "2027 has no holiday table");
    ck_assert_msg(strstr(r.output, "calendar.years"), "%s", r.output);
    ck_assert_msg(strstr(r.output, "weekends only"), "%s", r.output);
    r = run(NULL, "calendar 27");
    ASSERT_RUN(r, 64, "usage: frontdesk calendar YEAR");
}
END_TEST

/* verify warns from 1 December when the coming year has no table, and still passes. */
START_TEST(verify_warns_of_a_missing_holiday_table_from_december)
{
    const char *path = demo_db("calendar.db");
    char args[600];
    snprintf(args, sizeof args, "--db '%s' verify", path);
    run_result r = run("FRONTDESK_NOW='2026-11-30 23:00'", args);
    ASSERT_RUN(r, 0, "OK: the records match");
    ck_assert_msg(!strstr(r.output, "holiday table"), "%s", r.output);
    r = run("FRONTDESK_NOW='2026-12-01 08:00'", args);
    ASSERT_RUN(r, 0, "Warning: no holiday table for 2027");
}
END_TEST

/* ---- issue 14: what the people at the desk cannot switch off ---- */

/* A receptionist's own file that unmasks identity numbers for receptionists, raises
 * the lock-out or empties the night window: refused on a real site, whichever way it
 * is named; honoured on a demo database, which is a practice desk. */
START_TEST(a_personal_file_cannot_set_policy)
{
    const char *db = site_db("policy.db");
    static const char *const greedy[] = {
        "privacy = { unmask_document_roles = [ \"receptionist\" ]; };\n",
        "staff = { pin_max_failures = 100; };\n",
        "visitors = { night_start = \"23:59\"; night_end = \"00:00\"; };\n",
    };
    char args[1200], env[800];
    for (size_t i = 0; i < sizeof greedy / sizeof greedy[0]; i++) {
        const char *cfg = write_text("greedy.cfg", greedy[i]);
        snprintf(args, sizeof args,
                 "--db '%s' --config '%s' export visitors --month 2026-11 --unmasked --as 1001", db,
                 cfg);
        run_result r = run("FRONTDESK_PIN=111111", args);
        ASSERT_RUN(r, 78, "greedy.cfg:1:");
        ck_assert_msg(strstr(r.output, "decides what staff may see or do"), "%s", r.output);
        snprintf(env, sizeof env, "FRONTDESK_PIN=111111 FRONTDESK_CONFIG='%s'", cfg);
        snprintf(args, sizeof args, "--db '%s' staff list --as 9001", db);
        r = run(env, args);
        ASSERT_RUN(r, 78, "greedy.cfg:1:");
    }
    /* The user's ~/.config file too (XDG_CONFIG_HOME is the test folder's config/). */
    char folder[700];
    snprintf(folder, sizeof folder, "mkdir -p '%s/config/frontdesk'", testlib_tmpdir());
    ck_assert_int_eq(system(folder), 0);
    const char *mine = "config/frontdesk/frontdesk.cfg";
    write_text(mine, greedy[0]);
    snprintf(args, sizeof args, "--db '%s' verify", db);
    run_result r = run(NULL, args);
    ASSERT_RUN(r, 78, "frontdesk.cfg:1: privacy.unmask_document_roles");
    /* What is the person's own is theirs to set. */
    write_text(mine, "printer = \"my-printer\";\n"
                     "console = { bindings = ( { action = \"help\"; key = \"?\"; } ); };\n");
    r = run(NULL, args);
    ASSERT_RUN(r, 0, "OK: the records match");
    /* On a demo database the file is honoured: a receptionist exports numbers in full. */
    write_text(mine, greedy[0]);
    const char *demo = demo_db("policy-demo.db");
    snprintf(args, sizeof args, "--db '%s' export visitors --month 2026-11 --unmasked --as 1001",
             demo);
    r = run("FRONTDESK_PIN=1111", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    unlink(testlib_path(mine));
}
END_TEST

/* FRONTDESK_NOW on a real site would backdate its records and its audit chain. */
START_TEST(the_clock_is_set_only_for_a_demo)
{
    const char *db = site_db("clock.db");
    char args[700];
    snprintf(args, sizeof args, "--db '%s' purge --as 9001", db);
    run_result r = run("FRONTDESK_PIN=999999 FRONTDESK_NOW='2020-01-01 10:00'", args);
    ASSERT_RUN(r, 77, "FRONTDESK_NOW sets the clock only for a demo database");
    /* Nor may a new real database be made under it (it is refused before it is made). */
    const char *fresh = testlib_path("clock-new.db");
    snprintf(args, sizeof args, "--db '%s' init --admin 9001 --name 陈静", fresh);
    r = run("FRONTDESK_NEW_PIN=999999 FRONTDESK_NOW='2020-01-01 10:00'", args);
    ASSERT_RUN(r, 77, "FRONTDESK_NOW");
    ck_assert_int_ne(access(fresh, F_OK), 0);
    /* A demo's clock is the tester's. */
    const char *demo = testlib_path("clock-demo.db");
    snprintf(args, sizeof args, "--db '%s' demo", demo);
    r = run("FRONTDESK_NOW='2026-11-27 09:30'", args);
    ASSERT_RUN(r, 0, "Demo database ready");
    snprintf(args, sizeof args, "--db '%s' verify", demo);
    r = run("FRONTDESK_NOW='2026-11-27 09:30'", args);
    ASSERT_RUN(r, 0, "OK");
}
END_TEST

/* Marking a live site as a demo, behind the program's back, is caught by verify. */
START_TEST(a_demo_mark_added_behind_its_back_fails_verify)
{
    const char *db = site_db("forged-mark.db");
    sqlite3 *raw;
    ck_assert_int_eq(sqlite3_open(db, &raw), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(raw, "INSERT INTO desk_mark (kind, at) VALUES ('demo', 0)", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(raw);
    char args[700];
    snprintf(args, sizeof args, "--db '%s' verify", db);
    run_result r = run(NULL, args);
    ASSERT_RUN(r, 65, "desk_mark");
}
END_TEST

/* Exports hold full identity numbers: the reader's own file (0600), and nothing at all
 * under the name asked for when the export fails. */
START_TEST(exports_are_private_and_whole)
{
    const char *db = demo_db("export.db");
    const char *out = testlib_path("visits.csv");
    char args[1200];
    snprintf(args, sizeof args,
             "--db '%s' export visitors --month 2026-11 --unmasked --output '%s' --as 2001", db, out);
    run_result r = run("FRONTDESK_PIN=2222", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
    struct stat st;
    ck_assert_int_eq(stat(out, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    /* Refused half-way (a receptionist may not have full numbers): no file at all. */
    const char *refused = testlib_path("refused.csv");
    snprintf(args, sizeof args,
             "--db '%s' export visitors --month 2026-11 --unmasked --output '%s' --as 1001", db,
             refused);
    r = run("FRONTDESK_PIN=1111", args);
    ASSERT_RUN(r, 77, "may not export full document numbers");
    ck_assert_int_ne(access(refused, F_OK), 0);
    /* An existing file is not written over. */
    r = run("FRONTDESK_PIN=2222", args);
    snprintf(args, sizeof args,
             "--db '%s' export visitors --month 2026-11 --output '%s' --as 2001", db, out);
    r = run("FRONTDESK_PIN=2222", args);
    ASSERT_RUN(r, 65, "exists already");
    ck_assert_int_eq(stat(out, &st), 0);
    ck_assert_int_gt(st.st_size, 0);
}
END_TEST

/* ---- backup and restore ---- */

static int64_t raw_count(const char *db, const char *sql)
{
    sqlite3 *raw;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open_v2(db, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return n;
}

/* A backup whose key cannot be put beside it leaves nothing: no database without its
 * key, no partial files. */
START_TEST(a_backup_is_whole_with_its_key_or_nothing)
{
    const char *db = demo_db("whole.db");
    const char *copy = testlib_path("whole-copy.db");
    char key_dir[700], args[1500];
    snprintf(key_dir, sizeof key_dir, "mkdir -p '%s.key/x'", copy); /* the key's name taken */
    ck_assert_int_eq(system(key_dir), 0);
    snprintf(args, sizeof args, "--db '%s' backup '%s'", db, copy);
    run_result r = run(NULL, args);
    ck_assert_msg(r.status == 74, "%s", r.output);
    ck_assert_int_ne(access(copy, F_OK), 0);
    snprintf(args, sizeof args, "ls '%s' | grep -q partial", testlib_tmpdir());
    ck_assert_int_ne(system(args), 0); /* grep found nothing */
    /* Nothing is said of progress to a script or cron: stderr is not a terminal. */
    ck_assert_ptr_null(strstr(r.output, "Backing up"));
}
END_TEST

START_TEST(restore_puts_a_backup_back_when_nobody_has_the_database)
{
    const char *db = demo_db("restore.db");
    const char *copy = testlib_path("restore-copy.db");
    char args[1500];
    snprintf(args, sizeof args, "--db '%s' backup '%s'", db, copy);
    run_result r = run(NULL, args);
    ASSERT_RUN(r, 0, "Backed up");
    /* Written after the backup: gone once the backup is put back. */
    snprintf(args, sizeof args, "--db '%s' staff add 4001 新人 assistant --as 9001", db);
    r = run("FRONTDESK_PIN=9999 FRONTDESK_NEW_PIN=4444", args);
    ASSERT_RUN(r, 0, "Added 4001");
    ck_assert_int_eq(raw_count(db, "SELECT count(*) FROM staff WHERE number = '4001'"), 1);
    /* A terminal has it open (here, a connection of the test's own): refused. */
    sqlite3 *terminal;
    ck_assert_int_eq(sqlite3_open(db, &terminal), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(terminal, "SELECT count(*) FROM staff", NULL, NULL, NULL),
                     SQLITE_OK);
    snprintf(args, sizeof args, "--db '%s' restore '%s'", db, copy);
    r = run(NULL, args);
    ASSERT_RUN(r, 75, "is open in a console or a command");
    ck_assert_ptr_nonnull(strstr(r.output, "Nothing was changed"));
    sqlite3_close(terminal);
    ck_assert_int_eq(raw_count(db, "SELECT count(*) FROM staff WHERE number = '4001'"), 1);
    /* A stale WAL beside the database (as a file copied over a live one would leave)
     * must not be replayed into the backup put back. */
    char wal[700], command[1600];
    snprintf(wal, sizeof wal, "%s-wal", db);
    snprintf(command, sizeof command, "head -c 65536 /dev/urandom > '%s'", wal);
    ck_assert_int_eq(system(command), 0);
    /* Put back, and the entry written since is known to be lost: the head anchored when
     * the staff command closed is ahead of the chain, and verify keeps saying so. */
    r = run(NULL, args);
    ASSERT_RUN(r, 65, "was restored from");
    ck_assert_ptr_nonnull(strstr(r.output, "The database is behind the head anchored"));
    ck_assert_int_eq(raw_count(db, "SELECT count(*) FROM staff WHERE number = '4001'"), 0);
    snprintf(args, sizeof args, "--db '%s' verify", db);
    r = run(NULL, args);
    ASSERT_RUN(r, 65, "The database is behind the head anchored");
    /* The pepper stayed: the PINs still work. */
    snprintf(args, sizeof args, "--db '%s' staff list --as 9001", db);
    r = run("FRONTDESK_PIN=9999", args);
    ck_assert_msg(r.status == 0, "%s", r.output);
}
END_TEST

START_TEST(restore_refuses_a_backup_that_does_not_verify)
{
    const char *db = demo_db("restore-bad.db");
    const char *copy = testlib_path("restore-bad-copy.db");
    char args[1500];
    snprintf(args, sizeof args, "--db '%s' backup '%s'", db, copy);
    run_result r = run(NULL, args);
    ASSERT_RUN(r, 0, "Backed up");
    sqlite3 *raw;
    ck_assert_int_eq(sqlite3_open(copy, &raw), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(raw, "DROP TRIGGER occupant_no_update;"
                                       "UPDATE occupant SET phone = '13900000000' WHERE id = 5",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    int64_t before = raw_count(db, "SELECT count(*) FROM audit");
    snprintf(args, sizeof args, "--db '%s' restore '%s'", db, copy);
    r = run(NULL, args);
    ASSERT_RUN(r, 65, "does not verify; nothing was changed");
    ck_assert_int_eq(raw_count(db, "SELECT count(*) FROM audit"), before);
}
END_TEST

/* On a read-only filesystem (a backup disk mounted read-only, say) the backup used to
 * restart for ever; it must finish. Needs a read-only bind mount: root, and a system
 * that allows mounting. */
START_TEST(a_backup_from_a_read_only_filesystem_finishes)
{
    if (geteuid() != 0) {
        puts("not root: cannot mount a read-only filesystem to back up from; skipped");
        return;
    }
    const char *db = demo_db("ro-source.db");
    char *folder = strdup(testlib_path("ro-files")), *mnt = strdup(testlib_path("ro-mount"));
    char command[2500];
    snprintf(command, sizeof command, "mkdir -p '%s' '%s'", folder, mnt);
    ck_assert_int_eq(system(command), 0);
    /* Copied while a terminal has it open, so its WAL and the WAL's index go along, as
     * they would on a disk remounted read-only under a running site. */
    sqlite3 *terminal;
    ck_assert_int_eq(sqlite3_open(db, &terminal), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(terminal, "SELECT count(*) FROM staff", NULL, NULL, NULL),
                     SQLITE_OK);
    snprintf(command, sizeof command, "cp '%s' '%s'-wal '%s'-shm '%s'.key '%s'/", db, db, db, db,
             folder);
    ck_assert_int_eq(system(command), 0);
    sqlite3_close(terminal);
    snprintf(command, sizeof command,
             "mount --bind '%s' '%s' 2>/dev/null && mount -o remount,bind,ro '%s' 2>/dev/null", folder,
             mnt, mnt);
    if (system(command) != 0) {
        snprintf(command, sizeof command, "umount '%s' 2>/dev/null", mnt);
        (void)!system(command);
        puts("this system does not allow a read-only bind mount; skipped");
        free(folder);
        free(mnt);
        return;
    }
    char args[1200];
    snprintf(args, sizeof args, "--db '%s/ro-source.db' backup '%s'", mnt,
             testlib_path("ro-copy.db"));
    snprintf(command, sizeof command, "60 '%s' %s", getenv("FRONTDESK_BIN"), args);
    run_result r = run_program("/usr/bin/timeout", NULL, command);
    snprintf(command, sizeof command, "umount '%s'", mnt);
    ck_assert_int_eq(system(command), 0);
    ASSERT_RUN(r, 0, "Backed up");
    snprintf(args, sizeof args, "--db '%s' verify", testlib_path("ro-copy.db"));
    r = run(NULL, args);
    ASSERT_RUN(r, 0, "OK");
    free(folder);
    free(mnt);
}
END_TEST

/* root alone recovers a site whose administrators are all locked out. */
START_TEST(recovery_is_roots_alone)
{
    const char *db = site_db("recover.db");
    char args[700];
    for (int i = 0; i < 5; i++) {
        snprintf(args, sizeof args, "--db '%s' staff list --as 9001", db);
        run("FRONTDESK_PIN=000000", args);
    }
    snprintf(args, sizeof args, "--db '%s' staff list --as 9001", db);
    run_result r = run("FRONTDESK_PIN=999999", args);
    ASSERT_RUN(r, 77, "locked");
    snprintf(args, sizeof args, "--db '%s' staff recover 9001", db);
    if (geteuid() != 0) {
        r = run("FRONTDESK_NEW_PIN=654321", args);
        ASSERT_RUN(r, 77, "only the system administrator (root)");
        return;
    }
    r = run_program("/usr/bin/setpriv", "FRONTDESK_NEW_PIN=654321",
                    "--reuid=65534 --regid=65534 --clear-groups -- true");
    ck_assert_int_eq(r.status, 0);
    char as_nobody[1500];
    snprintf(as_nobody, sizeof as_nobody, "--reuid=65534 --regid=65534 --clear-groups -- '%s' %s",
             getenv("FRONTDESK_BIN"), args);
    r = run_program("/usr/bin/setpriv", "FRONTDESK_NEW_PIN=654321", as_nobody);
    ASSERT_RUN(r, 77, "only the system administrator (root)");
    r = run("FRONTDESK_NEW_PIN=654321", args);
    ASSERT_RUN(r, 0, "9001 has a new PIN and is unlocked");
    snprintf(args, sizeof args, "--db '%s' staff list --as 9001", db);
    r = run("FRONTDESK_PIN=654321", args);
    ASSERT_RUN(r, 0, "陈静");
    ck_assert_int_eq(raw_count(db, "SELECT count(*) FROM audit WHERE action = 'staff.recover'"), 1);
    /* The pepper lost (a backup restored on a new machine): no PIN can be checked, and
     * the message says how to recover; recovering makes a new pepper. */
    char pepper[700];
    snprintf(pepper, sizeof pepper, "%s.pepper", db);
    ck_assert_int_eq(unlink(pepper), 0);
    r = run("FRONTDESK_PIN=654321", args);
    ASSERT_RUN(r, 66, "staff recover");
    snprintf(args, sizeof args, "--db '%s' staff recover 9001", db);
    r = run("FRONTDESK_NEW_PIN=765432", args);
    ASSERT_RUN(r, 0, "9001 has a new PIN");
    snprintf(args, sizeof args, "--db '%s' staff list --as 9001", db);
    r = run("FRONTDESK_PIN=765432", args);
    ASSERT_RUN(r, 0, "陈静");
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
    tcase_add_test(tc, a_sealing_code_on_the_command_line_leaves_the_process_list);
    tcase_add_test(tc, verify_passes_then_names_a_tampered_row);
    tcase_add_test(tc, verify_names_a_dropped_table_and_exits_65);
    tcase_add_test(tc, verify_against_the_printed_head);
    tcase_add_test(tc, backup_copies_database_and_key);
    tcase_add_test(tc, an_older_backup_copied_over_the_file_is_caught);
    tcase_add_test(tc, import_reports_bad_rows_by_line);
    tcase_add_test(tc, the_do_not_admit_list_from_a_shell);
    tcase_add_test(tc, chinese_messages_by_default_configuration);
    tcase_add_test(tc, a_refused_option_is_named_in_the_sites_language);
    tcase_add_test(tc, a_program_outside_the_build_tree_ignores_its_catalogues);
    tcase_add_test(tc, calendar_shows_the_year_and_warns_without_a_table);
    tcase_add_test(tc, verify_warns_of_a_missing_holiday_table_from_december);
    tcase_add_test(tc, a_personal_file_cannot_set_policy);
    tcase_add_test(tc, the_clock_is_set_only_for_a_demo);
    tcase_add_test(tc, a_demo_mark_added_behind_its_back_fails_verify);
    tcase_add_test(tc, exports_are_private_and_whole);
    tcase_add_test(tc, a_backup_is_whole_with_its_key_or_nothing);
    tcase_add_test(tc, restore_puts_a_backup_back_when_nobody_has_the_database);
    tcase_add_test(tc, restore_refuses_a_backup_that_does_not_verify);
    tcase_add_test(tc, a_backup_from_a_read_only_filesystem_finishes);
    tcase_add_test(tc, recovery_is_roots_alone);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
