/* The lookups every procedure's choice lists go through: names, translated labels, and
 * what a value or a name outside the lists gives. */
#include <locale.h>
#include <stdlib.h>

#include "frontdesk/choice.h"
#include "frontdesk/i18n.h"
#include "testlib.h"

#define SIDE_LIST(X)                     \
    X(LEFT, "left", N_("Phone"))         \
    X(RIGHT, "right", N_("Visit"))
#define SHADE_LIST(X) X(DARK, "dark", "Not a message of the catalogue")

static const fd_choice sides[] = {SIDE_LIST(FD_CHOICE_ROW)};
static const fd_choice shades[] = {SHADE_LIST(FD_CHOICE_ROW)};
enum { SIDES, SHADES, LISTS };
static const fd_choice_list table[LISTS] = {
    [SIDES] = FD_CHOICE_LIST(sides),
    [SHADES] = FD_CHOICE_LIST(shades),
};

START_TEST(test_pick_is_bounded)
{
    ck_assert_ptr_eq(fd_choice_pick(table, LISTS, SIDES), &table[SIDES]);
    ck_assert_ptr_eq(fd_choice_pick(table, LISTS, SHADES), &table[SHADES]);
    ck_assert_ptr_null(fd_choice_pick(table, LISTS, LISTS));
    ck_assert_ptr_null(fd_choice_pick(table, LISTS, -1));
}
END_TEST

START_TEST(test_names_in_order)
{
    const fd_choice_list *l = &table[SIDES];
    ck_assert_int_eq(fd_choice_count(l), 2);
    ck_assert_str_eq(fd_choice_name(l, 0), "left");
    ck_assert_str_eq(fd_choice_name(l, 1), "right");
    ck_assert(fd_choice_valid(l, 1));
    ck_assert_int_eq(fd_choice_count(&table[SHADES]), 1);
}
END_TEST

START_TEST(test_out_of_range_is_empty)
{
    const fd_choice_list *l = &table[SIDES];
    for (int v = -1; v <= 2; v += 3) {
        ck_assert(!fd_choice_valid(l, v));
        ck_assert_str_eq(fd_choice_name(l, v), "");
        ck_assert_str_eq(fd_choice_label(l, v), "");
    }
    /* A list index out of range picks no list, which is empty. */
    const fd_choice_list *none = fd_choice_pick(table, LISTS, LISTS);
    ck_assert_int_eq(fd_choice_count(none), 0);
    ck_assert(!fd_choice_valid(none, 0));
    ck_assert_str_eq(fd_choice_name(none, 0), "");
    ck_assert_str_eq(fd_choice_label(none, 0), "");
    ck_assert_int_eq(fd_choice_parse(none, "left"), -1);
}
END_TEST

START_TEST(test_parse)
{
    const fd_choice_list *l = &table[SIDES];
    ck_assert_int_eq(fd_choice_parse(l, "left"), 0);
    ck_assert_int_eq(fd_choice_parse(l, "right"), 1);
    ck_assert_int_eq(fd_choice_parse(l, "dark"), -1); /* another list's name */
    ck_assert_int_eq(fd_choice_parse(l, "Left"), -1);
    ck_assert_int_eq(fd_choice_parse(l, ""), -1);
    ck_assert_int_eq(fd_choice_parse(l, NULL), -1);
}
END_TEST

/* The label is the catalogue's translation; the stored name never is. */
START_TEST(test_label_translated)
{
    const fd_choice_list *l = &table[SIDES];
    ck_assert_str_eq(fd_choice_label(l, 0), "电话");
    ck_assert_str_eq(fd_choice_label(l, 1), "来访");
    ck_assert_str_eq(fd_choice_name(l, 0), "left");
    ck_assert_str_eq(fd_choice_label(&table[SHADES], 0), "Not a message of the catalogue");
}
END_TEST

/* A history's event shows its label by its stored name, and an unknown one as it is. */
START_TEST(test_label_of_a_name)
{
    const fd_choice_list *l = &table[SIDES];
    ck_assert_str_eq(fd_choice_label_of(l, "right"), "来访");
    ck_assert_str_eq(fd_choice_label_of(l, "up"), "up");
    ck_assert_str_eq(fd_choice_label_of(NULL, "up"), "up");
}
END_TEST

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("LANGUAGE", "zh_CN", 1);
    fd_i18n_init(NULL);
    Suite *suite = suite_create("choice");
    TCase *tc = tcase_create("choice");
    tcase_add_test(tc, test_pick_is_bounded);
    tcase_add_test(tc, test_names_in_order);
    tcase_add_test(tc, test_out_of_range_is_empty);
    tcase_add_test(tc, test_parse);
    tcase_add_test(tc, test_label_translated);
    tcase_add_test(tc, test_label_of_a_name);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
