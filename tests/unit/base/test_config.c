/* Site configuration: the built-in defaults, a site file over them, the errors
 * an administrator sees, and where the file is looked for. */
#include "frontdesk/config.h"
#include "frontdesk/roles.h"
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANAGERS_AND_ADMIN \
    (FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER) | FD_ROLE_BIT(FD_ROLE_CS_MANAGER) | FD_ROLE_BIT(FD_ROLE_ADMIN))

static fd_config *cfg;
static fd_error err;

/* No system file: what a personal file does, whatever the test machine has in /etc. */
static const char *const no_system[] = {NULL};

/* A fixture in tests/data/config; the next call reuses the buffer. */
static const char *fixture(const char *name)
{
    static char path[512];
    const char *data = getenv("FRONTDESK_TEST_DATA");
    snprintf(path, sizeof path, "%s/config/%s", data ? data : "tests/data", name);
    return path;
}

/* Nothing in the environment points at a site file, and ~ has none. */
static void clear_search_env(void)
{
    unsetenv("FRONTDESK_CONFIG");
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", testlib_tmpdir(), 1);
}

static void make_dirs(const char *path)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            ck_assert(mkdir(buf, 0700) == 0 || errno == EEXIST);
            *p = '/';
        }
    }
    ck_assert(mkdir(buf, 0700) == 0 || errno == EEXIST);
}

static void write_site(const char *dir, const char *text)
{
    make_dirs(dir);
    char path[512];
    snprintf(path, sizeof path, "%s/frontdesk.cfg", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static fd_date ymd(int y, int m, int d)
{
    return fd_date_from_ymd(y, m, d);
}

static bool listed(const fd_date_list *list, fd_date d)
{
    for (size_t i = 0; i < list->count; i++) {
        if (list->dates[i] == d)
            return true;
    }
    return false;
}

static void teardown(void)
{
    fd_config_free(cfg);
    cfg = NULL;
}

START_TEST(test_defaults)
{
    ck_assert_int_eq(fd_config_load_file(NULL, &cfg, &err), FD_OK);
    ck_assert_ptr_null(cfg->source);
    ck_assert_str_eq(cfg->site_name, "北辰澜桥国际花园");
    ck_assert_ptr_null(cfg->database);
    ck_assert_str_eq(cfg->language, "zh_CN");
    ck_assert_str_eq(cfg->gate, "北门");
    ck_assert_ptr_null(cfg->printer);
    ck_assert_int_eq(cfg->night_start, 20 * 60);
    ck_assert_int_eq(cfg->night_end, 8 * 60);
    ck_assert_int_eq(cfg->retention_days, 180);
    ck_assert_int_eq(cfg->key_curfew, 18 * 60);
    ck_assert_int_eq(cfg->idle_lock_seconds, 300);
    ck_assert_int_eq(cfg->pin_max_failures, 5);
    ck_assert_uint_eq(cfg->binding_count, 0);
}
END_TEST

START_TEST(test_default_complaints_and_mail)
{
    ck_assert_int_eq(fd_config_load_file(NULL, &cfg, &err), FD_OK);
    ck_assert_int_eq(cfg->major_rectify_workdays, 1);
    ck_assert_int_eq(cfg->major_visit_days, 7);
    ck_assert_int_eq(cfg->general_rectify_workdays, 3);
    ck_assert_int_eq(cfg->general_visit_days, 14);
    ck_assert_int_eq(cfg->survey_department_days, 2);
    ck_assert_int_eq(cfg->survey_measures_days, 3);
    ck_assert_int_eq(cfg->survey_visit_days, 14);
    ck_assert_uint_eq(cfg->departments.count, 5);
    ck_assert_str_eq(cfg->departments.items[0], "工程部");
    ck_assert_str_eq(cfg->departments.items[4], "绿化部");
    ck_assert_uint_eq(cfg->carriers.count, 8);
    ck_assert_str_eq(cfg->carriers.items[1], "EMS");
    ck_assert_str_eq(cfg->carriers.items[7], "中国邮政");
    ck_assert_int_eq(cfg->mail_age_buckets[0], 3);
    ck_assert_int_eq(cfg->mail_age_buckets[1], 7);
    ck_assert_int_eq(cfg->mail_age_buckets[2], 15);
    ck_assert_int_eq(cfg->mail_return_days, 15);
    ck_assert_uint_eq(cfg->inventory_items.count, 5);
    ck_assert_str_eq(cfg->inventory_items.items[0], "钥匙柜钥匙");
    ck_assert_str_eq(cfg->inventory_items.items[4], "代管物品");
    ck_assert_uint_eq(cfg->unmask_document_roles, MANAGERS_AND_ADMIN);
    ck_assert_uint_eq(cfg->unmask_phone_roles, MANAGERS_AND_ADMIN);
}
END_TEST

START_TEST(test_default_calendar_2026)
{
    ck_assert_int_eq(fd_config_load_file(NULL, &cfg, &err), FD_OK);
    ck_assert_uint_eq(cfg->weekend_mask, (1u << 0) | (1u << 6));
    /* 3 + 9 + 3 + 5 + 3 + 3 + 7 days of holiday, six make-up working days */
    ck_assert_uint_eq(cfg->holidays.count, 33);
    ck_assert_uint_eq(cfg->workdays.count, 6);
    for (size_t i = 1; i < cfg->holidays.count; i++)
        ck_assert_int_lt(cfg->holidays.dates[i - 1], cfg->holidays.dates[i]);
    ck_assert_int_eq(cfg->holidays.dates[0], ymd(2026, 1, 1));
    ck_assert_int_eq(cfg->holidays.dates[32], ymd(2026, 10, 7));
    ck_assert(listed(&cfg->holidays, ymd(2026, 2, 15)));
    ck_assert(listed(&cfg->holidays, ymd(2026, 2, 23)));
    ck_assert(!listed(&cfg->holidays, ymd(2026, 2, 24)));
    ck_assert(listed(&cfg->holidays, ymd(2026, 9, 25)));
    ck_assert(listed(&cfg->workdays, ymd(2026, 10, 10)));
    ck_assert(listed(&cfg->workdays, ymd(2026, 1, 4)));
    ck_assert(listed(&cfg->workdays, ymd(2026, 9, 20)));
    ck_assert(!listed(&cfg->workdays, ymd(2026, 10, 11)));
    ck_assert_uint_eq(cfg->calendar_years.count, 1);
    ck_assert_int_eq(cfg->calendar_years.years[0], 2026);
}
END_TEST

START_TEST(test_site_overrides_some_keys)
{
    ck_assert_int_eq(fd_config_load_file(fixture("override.cfg"), &cfg, &err), FD_OK);
    ck_assert_str_eq(cfg->source, fixture("override.cfg"));
    ck_assert_str_eq(cfg->site_name, "测试花园");
    ck_assert_int_eq(cfg->night_start, 21 * 60 + 30);
    ck_assert_str_eq(cfg->printer, "office-a4");
    ck_assert_str_eq(cfg->database, "/srv/frontdesk/desk.db");
    ck_assert_uint_eq(cfg->weekend_mask, 1u << 0);
    ck_assert_uint_eq(cfg->binding_count, 2);
    ck_assert_str_eq(cfg->bindings[0].action, "help");
    ck_assert_str_eq(cfg->bindings[0].key, "?");
    ck_assert_str_eq(cfg->bindings[1].action, "quit");
    ck_assert_str_eq(cfg->bindings[1].key, "^Q");
    /* a key the site left out of a group it did write keeps its default */
    ck_assert_int_eq(cfg->night_end, 8 * 60);
    ck_assert_int_eq(cfg->retention_days, 180);
    ck_assert_uint_eq(cfg->holidays.count, 33);
    ck_assert(listed(&cfg->workdays, ymd(2026, 10, 10)));
    ck_assert_str_eq(cfg->gate, "北门");
    ck_assert_uint_eq(cfg->departments.count, 5);
}
END_TEST

START_TEST(test_site_dates_sorted_and_unique)
{
    ck_assert_int_eq(fd_config_load_file(fixture("dates.cfg"), &cfg, &err), FD_OK);
    ck_assert_uint_eq(cfg->holidays.count, 4);
    ck_assert_int_eq(cfg->holidays.dates[0], ymd(2026, 12, 31));
    ck_assert_int_eq(cfg->holidays.dates[1], ymd(2027, 1, 1));
    ck_assert_int_eq(cfg->holidays.dates[2], ymd(2027, 1, 2));
    ck_assert_int_eq(cfg->holidays.dates[3], ymd(2027, 1, 3));
    ck_assert_uint_eq(cfg->workdays.count, 1);
    ck_assert_int_eq(cfg->workdays.dates[0], ymd(2027, 1, 9));
}
END_TEST

START_TEST(test_syntax_error)
{
    ck_assert_int_eq(fd_config_load_file(fixture("syntax.cfg"), &cfg, &err), FD_CONFIG);
    ck_assert_ptr_null(cfg);
    ck_assert_int_eq(err.status, FD_CONFIG);
    ck_assert_msg(strstr(err.message, "syntax.cfg:3: "), "message: %s", err.message);
    ck_assert_int_eq(fd_status_exit_code(err.status), 78);
}
END_TEST

/* Each bad file: where the error must point, and what it must name. */
static const struct {
    const char *file;
    const char *where;
    const char *names;
} bad_files[] = {
    {"unknown.cfg", "unknown.cfg:4: ", "'visitors.nigt_end'"},
    {"unknown_binding.cfg", "unknown_binding.cfg:4: ", "'console.bindings.keys'"},
    {"bad_night.cfg", "bad_night.cfg:2: ", "visitors.night_start: \"25:00\""},
    {"bad_retention.cfg", "bad_retention.cfg:2: ", "visitors.retention_days: -1"},
    {"bad_type.cfg", "bad_type.cfg:2: ", "staff.pin_max_failures: "},
    {"bad_role.cfg", "bad_role.cfg:3: ", "privacy.unmask_phone_roles: unknown role \"night_guard\""},
    {"bad_date.cfg", "bad_date.cfg:4: ", "calendar.holidays: \"2026-02-30\""},
    {"bad_range.cfg", "bad_range.cfg:2: ", "calendar.holidays: range \"2026-10-07/2026-10-01\""},
    {"overlap.cfg", "overlap.cfg:4: ", "calendar.holidays: 2026-10-10"},
    {"bad_weekend.cfg", "bad_weekend.cfg:2: ", "calendar.weekend: "},
    {"bad_include.cfg", "bad_include.cfg:3: ", "@include \"/\""},
    {"bad_group.cfg", "bad_group.cfg:2: ", "visitors: "},
    {"bad_buckets.cfg", "bad_buckets.cfg:2: ", "mail.age_buckets: "},
    {"bad_language.cfg", "bad_language.cfg:1: ", "language: \"fr\""},
    {"bad_years.cfg", "bad_years.cfg:3: ", "calendar.years: 2027 has no day in calendar.holidays"},
};

START_TEST(test_bad_file)
{
    ck_assert_int_eq(fd_config_load_file(fixture(bad_files[_i].file), &cfg, &err), FD_CONFIG);
    ck_assert_ptr_null(cfg);
    ck_assert_msg(strstr(err.message, bad_files[_i].where) && strstr(err.message, bad_files[_i].names),
                  "%s: message: %s", bad_files[_i].file, err.message);
    ck_assert_msg(strncmp(err.message, fixture(bad_files[_i].file), strlen(fixture(bad_files[_i].file))) == 0,
                  "message should start with the path: %s", err.message);
}
END_TEST

START_TEST(test_explicit_path_missing)
{
    clear_search_env();
    const char *missing = testlib_path("no-such.cfg");
    ck_assert_int_eq(fd_config_load(no_system, missing, &cfg, &err), FD_CONFIG);
    ck_assert_ptr_null(cfg);
    ck_assert_msg(strstr(err.message, missing), "message: %s", err.message);
}
END_TEST

/* libconfig would exit the process reading a directory; it must be an error. */
START_TEST(test_directory_is_error)
{
    clear_search_env();
    ck_assert_int_eq(fd_config_load(no_system, testlib_tmpdir(), &cfg, &err), FD_CONFIG);
    ck_assert_msg(strstr(err.message, testlib_tmpdir()), "message: %s", err.message);
}
END_TEST

START_TEST(test_explicit_path_wins)
{
    clear_search_env();
    setenv("FRONTDESK_CONFIG", fixture("dates.cfg"), 1);
    ck_assert_int_eq(fd_config_load(no_system, fixture("override.cfg"), &cfg, &err), FD_OK);
    ck_assert_str_eq(cfg->source, fixture("override.cfg"));
}
END_TEST

START_TEST(test_env_path)
{
    clear_search_env();
    write_site(testlib_path("env-xdg/frontdesk"), "gate = \"西门\";\n");
    setenv("XDG_CONFIG_HOME", testlib_path("env-xdg"), 1);
    setenv("FRONTDESK_CONFIG", fixture("override.cfg"), 1);
    ck_assert_int_eq(fd_config_load(no_system, NULL, &cfg, &err), FD_OK);
    ck_assert_str_eq(cfg->source, fixture("override.cfg"));
    ck_assert_str_eq(cfg->site_name, "测试花园");
}
END_TEST

START_TEST(test_env_path_missing)
{
    clear_search_env();
    setenv("FRONTDESK_CONFIG", testlib_path("gone.cfg"), 1);
    ck_assert_int_eq(fd_config_load(no_system, NULL, &cfg, &err), FD_CONFIG);
    ck_assert_msg(strstr(err.message, "gone.cfg"), "message: %s", err.message);
}
END_TEST

START_TEST(test_xdg_config_home)
{
    clear_search_env();
    write_site(testlib_path("xdg/frontdesk"), "gate = \"西门\";\n");
    setenv("XDG_CONFIG_HOME", testlib_path("xdg"), 1);
    setenv("FRONTDESK_CONFIG", "", 1); /* set but empty counts as unset */
    ck_assert_int_eq(fd_config_load(no_system, NULL, &cfg, &err), FD_OK);
    ck_assert_str_eq(cfg->source, testlib_path("xdg/frontdesk/frontdesk.cfg"));
    ck_assert_str_eq(cfg->gate, "西门");
    ck_assert_str_eq(cfg->site_name, "北辰澜桥国际花园");
}
END_TEST

START_TEST(test_home_config)
{
    clear_search_env();
    write_site(testlib_path("home/.config/frontdesk"), "gate = \"南门\";\n");
    setenv("HOME", testlib_path("home"), 1);
    /* the XDG spec says a relative XDG_CONFIG_HOME is to be ignored */
    setenv("XDG_CONFIG_HOME", "relative/dir", 1);
    ck_assert_int_eq(fd_config_load(no_system, NULL, &cfg, &err), FD_OK);
    ck_assert_str_eq(cfg->source, testlib_path("home/.config/frontdesk/frontdesk.cfg"));
    ck_assert_str_eq(cfg->gate, "南门");
}
END_TEST

START_TEST(test_nothing_found_means_defaults)
{
    clear_search_env();
    setenv("HOME", testlib_path("empty-home"), 1);
    ck_assert_int_eq(fd_config_load(no_system, NULL, &cfg, &err), FD_OK);
    ck_assert_ptr_null(cfg->source);
    ck_assert_ptr_null(cfg->personal_policy);
    ck_assert_int_eq(cfg->pin_min_digits, 6);
}
END_TEST

/* ---- the system's rules and a person's own file ---- */

static const char *write_file(const char *name, const char *text, mode_t mode)
{
    const char *path = testlib_path(name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    ck_assert_int_eq(chmod(path, mode), 0);
    return path;
}

/* A personal file may choose its printer and keys; what it says about who sees what
 * is noted, with its file and line, for the desk to refuse outside a demo. */
START_TEST(test_personal_file_may_not_set_policy)
{
    clear_search_env();
    const char *mine = write_file("mine.cfg",
                                  "printer = \"my-printer\";\n"
                                  "console = { bindings = ( { action = \"help\"; key = \"?\"; } ); };\n",
                                  0600);
    ck_assert_int_eq(fd_config_load(no_system, mine, &cfg, &err), FD_OK);
    ck_assert_str_eq(cfg->printer, "my-printer");
    ck_assert_ptr_null(cfg->personal_policy);
    fd_config_free(cfg);
    const char *greedy = write_file("greedy.cfg",
                                    "printer = \"my-printer\";\n"
                                    "privacy = {\n"
                                    "  unmask_document_roles = [ \"receptionist\" ];\n"
                                    "};\n",
                                    0600);
    ck_assert_int_eq(fd_config_load(no_system, greedy, &cfg, &err), FD_OK);
    ck_assert_ptr_nonnull(cfg->personal_policy);
    ck_assert_msg(strstr(cfg->personal_policy, "greedy.cfg:3: privacy.unmask_document_roles"),
                  "%s", cfg->personal_policy);
    fd_config_free(cfg);
    /* The same in a console group, beside a binding it may set. */
    const char *idle = write_file("idle.cfg", "console = { idle_lock_seconds = 0; };\n", 0600);
    ck_assert_int_eq(fd_config_load(no_system, idle, &cfg, &err), FD_OK);
    ck_assert_ptr_nonnull(strstr(cfg->personal_policy, "console.idle_lock_seconds"));
}
END_TEST

/* The system file is the site's rules: over the defaults, under a personal file's
 * personal settings, and refused unless root's alone. */
START_TEST(test_system_file_is_roots)
{
    clear_search_env();
    const char *system = write_file("system.cfg", "visitors = { night_start = \"22:00\"; };\n",
                                    0644);
    const char *mine = write_file("personal.cfg", "printer = \"mine\";\n", 0600);
    if (geteuid() == 0) {
        ck_assert_int_eq(fd_config_load_files(system, mine, &cfg, &err), FD_OK);
        ck_assert_int_eq(cfg->night_start, 22 * 60);
        ck_assert_str_eq(cfg->printer, "mine");
        fd_config_free(cfg);
        cfg = NULL;
        ck_assert_int_eq(chmod(system, 0664), 0); /* writable by the group */
        ck_assert_int_eq(fd_config_load_files(system, mine, &cfg, &err), FD_CONFIG);
        ck_assert_int_eq(chmod(system, 0644), 0);
        ck_assert_int_eq(chown(system, 65534, 65534), 0);
    }
    /* Someone else's (the test's own user, when not root). */
    ck_assert_int_eq(fd_config_load_files(system, mine, &cfg, &err), FD_CONFIG);
    ck_assert_msg(strstr(err.message, "must belong to root"), "%s", err.message);
    ck_assert_int_eq(fd_status_exit_code(err.status), 78);
}
END_TEST

START_TEST(test_pin_digits_only_upward)
{
    const char *fewer = write_file("fewer.cfg", "staff = { pin_min_digits = 4; };\n", 0644);
    ck_assert_int_eq(fd_config_load_file(fewer, &cfg, &err), FD_CONFIG);
    ck_assert_msg(strstr(err.message, "staff.pin_min_digits: 4 is out of range (6 to 12)"), "%s",
                  err.message);
    const char *more = write_file("more.cfg", "staff = { pin_min_digits = 8; };\n", 0644);
    ck_assert_int_eq(fd_config_load_file(more, &cfg, &err), FD_OK);
    ck_assert_int_eq(cfg->pin_min_digits, 8);
}
END_TEST

START_TEST(test_free_null)
{
    fd_config_free(NULL);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("config");

    TCase *defaults = tcase_create("defaults");
    tcase_add_checked_fixture(defaults, NULL, teardown);
    tcase_add_test(defaults, test_defaults);
    tcase_add_test(defaults, test_default_complaints_and_mail);
    tcase_add_test(defaults, test_default_calendar_2026);
    tcase_add_test(defaults, test_free_null);
    suite_add_tcase(suite, defaults);

    TCase *site = tcase_create("site file");
    tcase_add_checked_fixture(site, NULL, teardown);
    tcase_add_test(site, test_site_overrides_some_keys);
    tcase_add_test(site, test_site_dates_sorted_and_unique);
    tcase_add_test(site, test_syntax_error);
    tcase_add_loop_test(site, test_bad_file, 0, (int)(sizeof bad_files / sizeof bad_files[0]));
    suite_add_tcase(suite, site);

    TCase *search = tcase_create("search order");
    tcase_add_checked_fixture(search, NULL, teardown);
    tcase_add_test(search, test_explicit_path_missing);
    tcase_add_test(search, test_directory_is_error);
    tcase_add_test(search, test_explicit_path_wins);
    tcase_add_test(search, test_env_path);
    tcase_add_test(search, test_env_path_missing);
    tcase_add_test(search, test_xdg_config_home);
    tcase_add_test(search, test_home_config);
    tcase_add_test(search, test_nothing_found_means_defaults);
    suite_add_tcase(suite, search);

    TCase *policy = tcase_create("policy");
    tcase_add_checked_fixture(policy, NULL, teardown);
    tcase_add_test(policy, test_personal_file_may_not_set_policy);
    tcase_add_test(policy, test_system_file_is_roots);
    tcase_add_test(policy, test_pin_digits_only_upward);
    suite_add_tcase(suite, policy);

    return testlib_run(suite);
}
