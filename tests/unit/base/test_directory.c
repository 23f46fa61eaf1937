/* The directory: CSV import all-or-nothing with every bad line named, the pickers'
 * search and a unit's contacts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_fixture.h"
#include "frontdesk/audit.h"
#include "frontdesk/directory.h"
#include "frontdesk/machine.h"
#include "testlib.h"

typedef fd_status (*import_fn)(fd_desk *d, const fd_actor *who, FILE *csv,
                               fd_import_result *out, fd_error *err);

static desk_fixture fx;
static fd_import_result result;
static fd_error err;

static void teardown(void)
{
    fd_import_result_free(&result);
    desk_fixture_close(&fx);
}

static fd_status import_fixture(import_fn import, const fd_actor *who, const char *name)
{
    char relative[128];
    snprintf(relative, sizeof relative, "directory/%s", name);
    const char *path = testlib_data(relative);
    FILE *in = fopen(path, "rb");
    ck_assert_msg(in != NULL, "cannot open %s", path);
    fd_import_result_free(&result);
    fd_error_clear(&err);
    fd_status s = import(fx.desk, who, in, &result, &err);
    fclose(in);
    return s;
}

static fd_status import_text(import_fn import, const char *text)
{
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    ck_assert_ptr_nonnull(in);
    fd_import_result_free(&result);
    fd_error_clear(&err);
    fd_status s = import(fx.desk, &fx.admin, in, &result, &err);
    fclose(in);
    return s;
}

/* The good fixtures, which most tests start from; the duty manager reads phones in
 * full. */
static void open_with_directory(const char *db)
{
    desk_fixture_open(&fx, db);
    fx.config.unmask_phone_roles = FD_ROLE_BIT(FD_ROLE_DUTY_MANAGER);
    ck_assert_msg(import_fixture(fd_directory_import_units, &fx.admin, "units.csv") == FD_OK,
                  "%s", err.message);
    ck_assert_msg(import_fixture(fd_directory_import_occupants, &fx.admin, "occupants.csv") == FD_OK,
                  "%s", err.message);
}

/* "line:column" of every problem, in order. */
static void expect_problems(const char *want)
{
    char got[1024] = "";
    for (size_t i = 0; i < result.problem_count; i++) {
        size_t n = strlen(got);
        snprintf(got + n, sizeof got - n, "%s%ld:%s", i ? " " : "", result.problems[i].line,
                 result.problems[i].column);
        ck_assert_msg(result.problems[i].message[0] != '\0', "problem %zu has no message", i);
    }
    ck_assert_str_eq(got, want);
}

/* ---- search results, one line per entry ---- */

typedef struct found {
    char lines[400][200];
    size_t count;
} found;

static found hits;

static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

static void collect(void *ctx, const fd_dir_entry *e)
{
    found *f = ctx;
    ck_assert_ptr_nonnull(e->unit);
    ck_assert_ptr_nonnull(e->name);
    ck_assert_uint_lt(f->count, 400);
    snprintf(f->lines[f->count++], sizeof f->lines[0], "%d %s %s %s %s %s %s", e->kind, e->unit,
             e->name, or_dash(e->company), or_dash(e->department), or_dash(e->position),
             or_dash(e->phone));
}

static void search(unsigned kinds, const char *text, int limit)
{
    memset(&hits, 0, sizeof hits);
    ck_assert_msg(fd_directory_search(fx.desk, &fx.duty_manager, kinds, text, limit, collect, &hits,
                                      &err) == FD_OK,
                  "%s", err.message);
}

static void expect_hit(size_t i, const char *line)
{
    ck_assert_uint_lt(i, hits.count);
    ck_assert_str_eq(hits.lines[i], line);
}

static size_t count_of(unsigned kind)
{
    search(kind, "", -1);
    return hits.count;
}

/* ---- import ---- */

START_TEST(test_import_units)
{
    open_with_directory("units.db");
    ck_assert_int_eq(result.problem_count, 0);
    search(FD_DIR_UNIT, "", 100);
    ck_assert_uint_eq(hits.count, 7);
    /* Codes in upper case: "b" is building B; the byte-order mark is not in "building". */
    expect_hit(0, "1 1号楼-101  - - - -");
    expect_hit(1, "1 1号楼-B101  - - - -");
    expect_hit(2, "1 A-1203  - - - -");
    expect_hit(3, "1 A-1204  - - - -");
    expect_hit(4, "1 A-301  - - - -");
    expect_hit(5, "1 B-502  - - - -");
    expect_hit(6, "1 T-1501  - - - -");
}
END_TEST

START_TEST(test_import_counts)
{
    desk_fixture_open(&fx, "counts.db");
    ck_assert_int_eq(import_fixture(fd_directory_import_units, &fx.admin, "units.csv"), FD_OK);
    ck_assert_int_eq(result.rows, 7);
    ck_assert_int_eq(result.imported, 7);
    ck_assert_int_eq(import_fixture(fd_directory_import_occupants, &fx.admin, "occupants.csv"),
                     FD_OK);
    ck_assert_int_eq(result.rows, 8);
    ck_assert_int_eq(result.imported, 8);
}
END_TEST

START_TEST(test_import_occupants)
{
    open_with_directory("occupants.db");
    search(FD_DIR_OCCUPANT | FD_DIR_COMPANY | FD_DIR_PERSON, "", 100);
    ck_assert_uint_eq(hits.count, 8);
    /* Phones in their normal form; quoted commas kept; ordered by unit, then name. */
    expect_hit(0, "2 1号楼-B101 周小明 - - - 13800009999");
    expect_hit(1, "2 A-1203 Smith, John - - - 18600001111");
    expect_hit(2, "2 A-1203 张伟 - - - 13812345678");
    expect_hit(3, "2 A-1204 王芳 - - - 010-62345678");
    expect_hit(4, "16 T-1501 刘洋 北京辰星科技有限公司 行政部 经理 13700001111");
    expect_hit(5, "4 T-1501 北京辰星科技有限公司 - - - 010-85551234");
    expect_hit(6, "16 T-1501 赵磊 北京辰星科技有限公司 技术部 主管, 后端 13700003333");
    expect_hit(7, "16 T-1501 陈静 北京辰星科技有限公司 行政部 前台 13700002222");
}
END_TEST

START_TEST(test_departments_created_once)
{
    open_with_directory("departments.db");
    search(FD_DIR_DEPARTMENT, "", 100);
    ck_assert_uint_eq(hits.count, 2);
    expect_hit(0, "8 T-1501 技术部 北京辰星科技有限公司 - - -");
    expect_hit(1, "8 T-1501 行政部 北京辰星科技有限公司 - - -");
}
END_TEST

START_TEST(test_every_row_audited)
{
    desk_fixture_open(&fx, "audited.db");
    fd_chain_head before, after;
    ck_assert_int_eq(fd_audit_head(fx.desk, &before, &err), FD_OK);
    ck_assert_int_eq(import_fixture(fd_directory_import_units, &fx.admin, "units.csv"), FD_OK);
    ck_assert_int_eq(import_fixture(fd_directory_import_occupants, &fx.admin, "occupants.csv"),
                     FD_OK);
    ck_assert_int_eq(fd_audit_head(fx.desk, &after, &err), FD_OK);
    /* 4 buildings and 7 units; 8 occupants, 2 departments, 2 emergency contacts and
     * 2 key entrustments. */
    ck_assert_int_eq(after.entries - before.entries, 11 + 14);
    fd_verify_result v;
    ck_assert_msg(fd_verify(fx.desk, NULL, NULL, NULL, &v, &err) == FD_OK, "%s", err.message);
}
END_TEST

START_TEST(test_bad_units_import_nothing)
{
    desk_fixture_open(&fx, "bad_units.db");
    ck_assert_int_eq(import_fixture(fd_directory_import_units, &fx.admin, "units_bad.csv"),
                     FD_INVALID);
    /* The floor in Chinese numerals, and C-801 again (codes ignore case). */
    expect_problems("3:floor 6:room");
    ck_assert_int_eq(result.rows, 6);
    ck_assert_int_eq(result.imported, 0);
    ck_assert_int_eq(err.status, FD_INVALID);
    ck_assert_uint_eq(count_of(FD_DIR_UNIT), 0);
}
END_TEST

START_TEST(test_bad_occupants_import_nothing)
{
    desk_fixture_open(&fx, "bad_occupants.db");
    ck_assert_int_eq(import_fixture(fd_directory_import_units, &fx.admin, "units.csv"), FD_OK);
    ck_assert_int_eq(import_fixture(fd_directory_import_occupants, &fx.admin, "occupants_bad.csv"),
                     FD_INVALID);
    /* Unknown unit, bad phone, bad kind, staff of an unknown company (its company comes
     * later in the file), a name over two lines (7-8), a day February lacks (11). */
    expect_problems("3:unit 4:phone 5:kind 6:company 7:name 11:key_entrusted_on");
    ck_assert_int_eq(result.imported, 0);
    ck_assert_uint_eq(count_of(FD_DIR_ANY & ~FD_DIR_UNIT), 0);
}
END_TEST

START_TEST(test_duplicate_unit_in_database)
{
    open_with_directory("duplicate_unit.db");
    ck_assert_int_eq(import_text(fd_directory_import_units,
                                 "building,floor,room\nA,20,2001\na,12,1203\n"),
                     FD_INVALID);
    expect_problems("3:room");
    ck_assert_ptr_nonnull(strstr(result.problems[0].message, "A-1203"));
    ck_assert_uint_eq(count_of(FD_DIR_UNIT), 7);
}
END_TEST

START_TEST(test_unit_rows_checked)
{
    desk_fixture_open(&fx, "unit_rows.db");
    ck_assert_int_eq(import_text(fd_directory_import_units,
                                 "building,floor,room\n"
                                 ",1,101\n"             /* no building */
                                 "A-1,1,101\n"          /* "-" would make codes ambiguous */
                                 "A,1.5,101\n"          /* not a whole floor */
                                 "A,999,99901\n"        /* no such floor */
                                 "A,3,\n"               /* no room */
                                 "A,3\n"                /* a field short */
                                 "A,3,\xE2\x80\xAE" "R3\n"  /* R3 that shows as 3R */
                                 "A,-2,B201\n"),        /* basements are fine */
                     FD_INVALID);
    expect_problems("2:building 3:building 4:floor 5:floor 6:room 7: 8:room");
}
END_TEST

START_TEST(test_header_problems)
{
    desk_fixture_open(&fx, "header.db");
    ck_assert_int_eq(import_text(fd_directory_import_units, "building,room,area_m2\nA,101,88\n"),
                     FD_INVALID);
    expect_problems("1:area_m2 1:floor");
    ck_assert_int_eq(result.rows, 0);
    ck_assert_int_eq(import_text(fd_directory_import_units, "building,floor,room,Floor\n"),
                     FD_INVALID);
    expect_problems("1:Floor");
    ck_assert_int_eq(import_text(fd_directory_import_units, ""), FD_INVALID);
    expect_problems("1:");
}
END_TEST

START_TEST(test_header_only_imports_nothing)
{
    desk_fixture_open(&fx, "header_only.db");
    ck_assert_int_eq(import_text(fd_directory_import_units, "building,floor,room\n,,\n\n"), FD_OK);
    ck_assert_int_eq(result.rows, 0);
    ck_assert_int_eq(result.imported, 0);
}
END_TEST

START_TEST(test_not_utf8)
{
    desk_fixture_open(&fx, "gbk.db");
    /* 张伟 in GBK, as a spreadsheet saves "CSV" by default on a Chinese system. */
    ck_assert_int_eq(import_text(fd_directory_import_units,
                                 "building,floor,room\n\xD5\xC5,1,101\n"),
                     FD_INVALID);
    expect_problems("2:building");
    ck_assert_ptr_nonnull(strstr(result.problems[0].message, "UTF-8"));
}
END_TEST

START_TEST(test_occupant_rows_checked)
{
    open_with_directory("occupant_rows.db");
    ck_assert_int_eq(
        import_text(fd_directory_import_occupants,
                    "unit,kind,name,phone,company,department,position,emergency_name,"
                    "emergency_relation,emergency_phone,key_entrusted_on\n"
                    "A-301,owner,孙丽,,,,,,,,\n"                       /* owners need a phone */
                    "A-301,owner,孙丽,13812345678,某公司,,,,,,\n"      /* not company staff */
                    "T-1501,employee,孙强,13812345678,,,,,,,\n"        /* staff need a company */
                    "A-301,owner,孙丽,13812345678,,,,,配偶,,\n"        /* contact: name, phone */
                    "A-301,owner,孙丽,13812345678,,,,,,,2027-01-01\n"  /* entrusted in future */
                    "T-1501,employee,刘洋,13700001111,北京辰星科技有限公司,行政部,经理,,,,\n"
                    "A-1203,owner,张伟,13812345678,,,,,,,\n"           /* both already there */
                    "T-1501,employee,孙强,,北京辰星科技有限公司,,,,,,2025-01-01\n"),
        FD_INVALID);
    expect_problems("2:phone 3:company 4:company 5:emergency_name 5:emergency_phone "
                    "6:key_entrusted_on 7:name 8:name 9:key_entrusted_on");
}
END_TEST

START_TEST(test_company_earlier_in_same_file)
{
    open_with_directory("same_file.db");
    ck_assert_msg(import_text(fd_directory_import_occupants,
                              "unit,kind,name,phone,company,department,position\n"
                              "A-301,company,北京博远文化传媒有限公司,,,,\n"
                              "A-301,employee,孙丽,13812345678,北京博远文化传媒有限公司,市场部,经理\n"
                              "A-301,employee,孙强,13812345679,北京博远文化传媒有限公司,市场部,专员\n")
                      == FD_OK,
                  "%s", err.message);
    search(FD_DIR_DEPARTMENT, "市场", 10);
    ck_assert_uint_eq(hits.count, 1);
    expect_hit(0, "8 A-301 市场部 北京博远文化传媒有限公司 - - -");
    /* The same person twice in one department is a duplicate; in another, not. */
    ck_assert_int_eq(import_text(fd_directory_import_occupants,
                                 "unit,kind,name,phone,company,department\n"
                                 "A-301,employee,孙丽,,北京博远文化传媒有限公司,市场部\n"
                                 "A-301,employee,孙强,,北京博远文化传媒有限公司,技术部\n"),
                     FD_INVALID);
    expect_problems("2:name");
}
END_TEST

START_TEST(test_receptionist_may_not_import)
{
    desk_fixture_open(&fx, "denied.db");
    ck_assert_int_eq(import_fixture(fd_directory_import_units, &fx.receptionist, "units.csv"),
                     FD_DENIED);
    ck_assert_int_eq(err.status, FD_DENIED);
    ck_assert_int_eq(import_fixture(fd_directory_import_units, NULL, "units.csv"), FD_DENIED);
    ck_assert_uint_eq(count_of(FD_DIR_UNIT), 0);
}
END_TEST

START_TEST(test_kind_names)
{
    fd_occupant_kind k;
    ck_assert(fd_occupant_kind_parse("业主", &k) && k == FD_OCC_OWNER);
    ck_assert(fd_occupant_kind_parse("Tenant", &k) && k == FD_OCC_TENANT);
    ck_assert(fd_occupant_kind_parse("公司", &k) && k == FD_OCC_COMPANY);
    ck_assert(fd_occupant_kind_parse("员工", &k) && k == FD_OCC_EMPLOYEE);
    ck_assert(!fd_occupant_kind_parse("landlord", &k));
    ck_assert(!fd_occupant_kind_parse(NULL, &k));
    ck_assert_str_eq(fd_occupant_kind_name(FD_OCC_EMPLOYEE), "employee");
    ck_assert_str_eq(fd_occupant_kind_label(FD_OCC_EMPLOYEE), "Company staff");
}
END_TEST

/* ---- search ---- */

START_TEST(test_search_unit_prefix)
{
    open_with_directory("search_prefix.db");
    search(FD_DIR_ANY, "a-120", 100);
    ck_assert_uint_eq(hits.count, 5);
    expect_hit(0, "1 A-1203  - - - -");
    expect_hit(1, "2 A-1203 Smith, John - - - 18600001111");
    expect_hit(2, "2 A-1203 张伟 - - - 13812345678");
    expect_hit(3, "1 A-1204  - - - -");
    expect_hit(4, "2 A-1204 王芳 - - - 010-62345678");
    search(FD_DIR_UNIT, "1号楼", 100);
    ck_assert_uint_eq(hits.count, 2);
    /* An input method's full-width mode, and its ideographic space, find the same. */
    search(FD_DIR_UNIT, "　Ａ－１２０３", 100);
    ck_assert_uint_eq(hits.count, 1);
    expect_hit(0, "1 A-1203  - - - -");
}
END_TEST

START_TEST(test_search_chinese_name)
{
    open_with_directory("search_name.db");
    search(FD_DIR_ANY, "小明", 100);
    ck_assert_uint_eq(hits.count, 1);
    expect_hit(0, "2 1号楼-B101 周小明 - - - 13800009999");
    search(FD_DIR_ANY, "辰星", 100);
    ck_assert_uint_eq(hits.count, 1);
    expect_hit(0, "4 T-1501 北京辰星科技有限公司 - - - 010-85551234");
    search(FD_DIR_ANY, " smith ", 100); /* ASCII case and stray spaces do not matter */
    ck_assert_uint_eq(hits.count, 1);
}
END_TEST

START_TEST(test_search_kinds)
{
    open_with_directory("search_kinds.db");
    search(FD_DIR_PERSON, "", 100);
    ck_assert_uint_eq(hits.count, 3);
    search(FD_DIR_PERSON, "T-15", 100);
    ck_assert_uint_eq(hits.count, 3);
    search(FD_DIR_OCCUPANT, "T-15", 100);
    ck_assert_uint_eq(hits.count, 0);
    search(FD_DIR_COMPANY | FD_DIR_DEPARTMENT, "", 100);
    ck_assert_uint_eq(hits.count, 3);
    search(0, "", 100);
    ck_assert_uint_eq(hits.count, 0);
}
END_TEST

START_TEST(test_search_limit)
{
    open_with_directory("search_limit.db");
    search(FD_DIR_ANY, "", 3);
    ck_assert_uint_eq(hits.count, 3);
    expect_hit(0, "1 1号楼-101  - - - -");
    expect_hit(1, "1 1号楼-B101  - - - -");
    expect_hit(2, "2 1号楼-B101 周小明 - - - 13800009999");
    search(FD_DIR_ANY, "", 1000);
    ck_assert_uint_eq(hits.count, 7 + 8 + 2);
}
END_TEST

/* % and _ are what was typed, not wildcards. */
START_TEST(test_search_wildcards_literal)
{
    open_with_directory("search_escape.db");
    search(FD_DIR_ANY, "%", 100);
    ck_assert_uint_eq(hits.count, 0);
    search(FD_DIR_ANY, "A_1203", 100);
    ck_assert_uint_eq(hits.count, 0);
    search(FD_DIR_ANY, "\\", 100);
    ck_assert_uint_eq(hits.count, 0);
}
END_TEST

static fd_status correct_phone(fd_store *store, void *ctx, fd_error *e)
{
    (void)store;
    const fd_dir_entry *who = ctx;
    return fd_correct(fx.desk, &fx.admin, "occupant", who->id, "phone", "13900001234",
                      "业主来电更正", NULL, e);
}

static void first_entry(void *ctx, const fd_dir_entry *e)
{
    fd_dir_entry *out = ctx;
    if (!out->id)
        out->id = e->id;
}

/* A correction is a new record; the directory shows what it says. */
START_TEST(test_search_shows_corrections)
{
    open_with_directory("search_corrected.db");
    fd_dir_entry owner = {0};
    ck_assert_int_eq(fd_directory_search(fx.desk, NULL, FD_DIR_OCCUPANT, "张伟", 1, first_entry,
                                         &owner, &err), FD_OK);
    ck_assert_int_ne(owner.id, 0);
    ck_assert_int_eq(fd_store_write(fx.desk->store, correct_phone, &owner, &err), FD_OK);
    search(FD_DIR_OCCUPANT, "张伟", 10);
    expect_hit(0, "2 A-1203 张伟 - - - 13900001234");
}
END_TEST

/* ---- contacts ---- */

static void unit_id_of(void *ctx, const fd_dir_entry *e)
{
    *(int64_t *)ctx = e->unit_id;
}

static int64_t unit_id(const char *code)
{
    int64_t id = 0;
    ck_assert_int_eq(fd_directory_search(fx.desk, NULL, FD_DIR_UNIT, code, 1, unit_id_of, &id, &err),
                     FD_OK);
    ck_assert_int_ne(id, 0);
    return id;
}

static void contacts_as(const fd_actor *who, int64_t unit)
{
    memset(&hits, 0, sizeof hits);
    ck_assert_msg(fd_directory_contacts(fx.desk, who, unit, collect, &hits, &err) == FD_OK, "%s",
                  err.message);
}

static void contacts(int64_t unit)
{
    contacts_as(&fx.duty_manager, unit);
}

START_TEST(test_contacts_order)
{
    open_with_directory("contacts.db");
    contacts(unit_id("A-1203"));
    ck_assert_uint_eq(hits.count, 4);
    /* Owner, tenant, then the emergency contacts with their relation. */
    expect_hit(0, "2 A-1203 张伟 - - - 13812345678");
    expect_hit(1, "2 A-1203 Smith, John - - - 18600001111");
    expect_hit(2, "32 A-1203 李秀英 - - 配偶 13912345678");
    expect_hit(3, "32 A-1203 Smith, Mary - - spouse, abroad 18600002222");
}
END_TEST

START_TEST(test_contacts_of_empty_and_unknown_units)
{
    open_with_directory("contacts_none.db");
    contacts(unit_id("A-301"));
    ck_assert_uint_eq(hits.count, 0);
    ck_assert_int_eq(fd_directory_contacts(fx.desk, NULL, 999999, collect, &hits, &err),
                     FD_NOT_FOUND);
}
END_TEST

static void phone_shown(void *ctx, const fd_dir_entry *e)
{
    char *out = ctx;
    if (!*out)
        snprintf(out, 64, "%s %s", e->phone, e->phone_in_full ? "in full" : "masked");
}

/* The directory masks phones for a reader whose role may not read them, and says so. */
START_TEST(test_phones_are_masked_for_the_reader)
{
    open_with_directory("masked.db");
    char seen[64] = "";
    ck_assert_int_eq(fd_directory_search(fx.desk, &fx.receptionist, FD_DIR_OCCUPANT, "张伟", 1,
                                         phone_shown, seen, &err), FD_OK);
    ck_assert_str_eq(seen, "138****5678 masked");
    seen[0] = '\0';
    ck_assert_int_eq(fd_directory_search(fx.desk, &fx.duty_manager, FD_DIR_OCCUPANT, "张伟", 1,
                                         phone_shown, seen, &err), FD_OK);
    ck_assert_str_eq(seen, "13812345678 in full");
    contacts_as(&fx.receptionist, unit_id("A-1203"));
    expect_hit(2, "32 A-1203 李秀英 - - 配偶 139****5678");
    contacts_as(NULL, unit_id("A-1203"));
    expect_hit(0, "2 A-1203 张伟 - - - 138****5678");
}
END_TEST

static Suite *directory_suite(void)
{
    Suite *s = suite_create("directory");
    TCase *imp = tcase_create("import");
    tcase_add_checked_fixture(imp, NULL, teardown);
    tcase_add_test(imp, test_import_units);
    tcase_add_test(imp, test_import_counts);
    tcase_add_test(imp, test_import_occupants);
    tcase_add_test(imp, test_departments_created_once);
    tcase_add_test(imp, test_every_row_audited);
    tcase_add_test(imp, test_bad_units_import_nothing);
    tcase_add_test(imp, test_bad_occupants_import_nothing);
    tcase_add_test(imp, test_duplicate_unit_in_database);
    tcase_add_test(imp, test_unit_rows_checked);
    tcase_add_test(imp, test_header_problems);
    tcase_add_test(imp, test_header_only_imports_nothing);
    tcase_add_test(imp, test_not_utf8);
    tcase_add_test(imp, test_occupant_rows_checked);
    tcase_add_test(imp, test_company_earlier_in_same_file);
    tcase_add_test(imp, test_receptionist_may_not_import);
    tcase_add_test(imp, test_kind_names);
    suite_add_tcase(s, imp);

    TCase *find = tcase_create("search");
    tcase_add_checked_fixture(find, NULL, teardown);
    tcase_add_test(find, test_search_unit_prefix);
    tcase_add_test(find, test_search_chinese_name);
    tcase_add_test(find, test_search_kinds);
    tcase_add_test(find, test_search_limit);
    tcase_add_test(find, test_search_wildcards_literal);
    tcase_add_test(find, test_search_shows_corrections);
    tcase_add_test(find, test_contacts_order);
    tcase_add_test(find, test_contacts_of_empty_and_unknown_units);
    tcase_add_test(find, test_phones_are_masked_for_the_reader);
    suite_add_tcase(s, find);

    return s;
}

int main(void)
{
    return testlib_run(directory_suite());
}
