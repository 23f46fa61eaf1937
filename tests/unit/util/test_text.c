/* The text module: decoding UTF-8 whatever the locale, counting characters, trimming,
 * copying into a fixed buffer without cutting a character, and terminal columns. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/text.h"
#include "testlib.h"

/* 访 is three bytes (E8 AE BF), 😀 four. */
#define FANG "\xE8\xAE\xBF"
#define SMILE "\xF0\x9F\x98\x80"

START_TEST(test_decode_well_formed)
{
    uint32_t cp;
    ck_assert_uint_eq(text_utf8_decode("A", 1, &cp), 1);
    ck_assert_uint_eq(cp, 'A');
    ck_assert_uint_eq(text_utf8_decode("\xC3\xA9", 2, &cp), 2);
    ck_assert_uint_eq(cp, 0xE9);
    ck_assert_uint_eq(text_utf8_decode(FANG, 3, &cp), 3);
    ck_assert_uint_eq(cp, 0x8BBF);
    ck_assert_uint_eq(text_utf8_decode(SMILE, 4, &cp), 4);
    ck_assert_uint_eq(cp, 0x1F600);
}
END_TEST

START_TEST(test_decode_refuses_malformed)
{
    uint32_t cp;
    ck_assert_uint_eq(text_utf8_decode("\x80", 1, &cp), 0);            /* stray continuation */
    ck_assert_uint_eq(text_utf8_decode("\xC0\xAF", 2, &cp), 0);        /* overlong "/" */
    ck_assert_uint_eq(text_utf8_decode("\xED\xA0\x80", 3, &cp), 0);    /* surrogate */
    ck_assert_uint_eq(text_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* past U+10FFFF */
    ck_assert_uint_eq(text_utf8_decode(FANG, 2, &cp), 0);              /* cut off by n */
    ck_assert_uint_eq(text_utf8_decode("\xE8" "A", 2, &cp), 0);        /* missing continuation */
    ck_assert_uint_eq(text_utf8_decode("", 0, &cp), 0);
}
END_TEST

START_TEST(test_decode_for_showing)
{
    wchar_t wc;
    ck_assert_uint_eq(text_decode(FANG, 3, &wc), 3);
    ck_assert_int_eq(wc, 0x8BBF);
    ck_assert_uint_eq(text_decode("\xFF" "A", 2, &wc), 1);
    ck_assert_int_eq(wc, 0xFFFD);
}
END_TEST

START_TEST(test_chars_and_limits)
{
    ck_assert_uint_eq(text_chars(""), 0);
    ck_assert_uint_eq(text_chars("ab"), 2);
    ck_assert_uint_eq(text_chars(FANG FANG "x"), 3);
    ck_assert_uint_eq(text_chars("\xFF\xFE"), 2); /* each invalid byte counts once */
    ck_assert(text_within(FANG FANG, 2));
    ck_assert(!text_within(FANG FANG "x", 2));
    ck_assert(text_within("", 0));
    ck_assert_uint_eq(text_step(FANG "x"), 3);
    ck_assert_uint_eq(text_step(""), 0);
    ck_assert_uint_eq(text_step("\xE8"), 1); /* cut off by the NUL */
}
END_TEST

START_TEST(test_trim)
{
    size_t n;
    const char *s = text_trim(" \t" FANG " x\r\n", true, &n);
    ck_assert_uint_eq(n, 5);
    ck_assert_int_eq(strncmp(s, FANG " x", n), 0);
    text_trim(" \t" FANG " x\r\n", false, &n);
    ck_assert_uint_eq(n, 7); /* a line end in one line is kept, for the validator to refuse */
    text_trim(" \t\n", true, &n);
    ck_assert_uint_eq(n, 0);
    text_trim(NULL, false, &n);
    ck_assert_uint_eq(n, 0);
    ck_assert(text_blank(NULL));
    ck_assert(text_blank(" \t"));
    ck_assert(!text_blank(" x "));
    char *t = text_trimmed("  a b  ");
    ck_assert_str_eq(t, "a b");
    free(t);
}
END_TEST

START_TEST(test_copy_keeps_whole_characters)
{
    char out[6];
    ck_assert_uint_eq(text_copy(out, sizeof out, FANG FANG), 3);
    ck_assert_str_eq(out, FANG);
    ck_assert_uint_eq(text_copy(out, sizeof out, "abcde"), 5);
    ck_assert_str_eq(out, "abcde");
    ck_assert_uint_eq(text_copy(out, sizeof out, "abcdef"), 5);
    ck_assert_str_eq(out, "abcde");
    ck_assert_uint_eq(text_copy(out, sizeof out, NULL), 0);
    ck_assert_str_eq(out, "");
    char one[1];
    ck_assert_uint_eq(text_copy(one, sizeof one, "a"), 0);
    ck_assert_str_eq(one, "");
}
END_TEST

START_TEST(test_columns)
{
    ck_assert_int_eq(text_width("ab"), 2);
    ck_assert_int_eq(text_width(FANG "a"), 3);
    int used;
    ck_assert_uint_eq(text_fit(FANG FANG, 3, &used), 3);
    ck_assert_int_eq(used, 2);
    ck_assert_uint_eq(text_wrap("ab cd", 3), 3);
    ck_assert_int_eq(text_lines("ab cd", 3), 2);
    ck_assert_int_eq(text_lines(FANG FANG FANG, 4), 2);
    /* An opening bracket goes to the next line with what it opens ("业主认可（" never
     * ends a line), as a closing one never begins one. */
    ck_assert_uint_eq(text_wrap(FANG FANG "\xEF\xBC\x88" FANG "\xEF\xBC\x89", 6), 6);
    ck_assert_uint_eq(text_wrap(FANG FANG FANG "\xEF\xBC\x89", 6), 6);
}
END_TEST

/* A list written one item a line wraps at its line breaks, an empty line kept, the
 * break going with its line; spaces after a break indent, after a wrap they go. */
START_TEST(test_line_breaks)
{
    ck_assert_uint_eq(text_wrap("ab\ncd", 10), 3);
    ck_assert_uint_eq(text_wrap("\ncd", 10), 1);
    ck_assert_uint_eq(text_wrap(FANG FANG "\nx", 4), 7);
    ck_assert_int_eq(text_lines("ab\ncd", 10), 2);
    ck_assert_int_eq(text_lines("ab\n\ncd\n", 10), 3);
    ck_assert_int_eq(text_lines("ab\n  cd", 10), 2);
    ck_assert_int_eq(text_lines(FANG FANG FANG "\n" FANG, 4), 3);
}
END_TEST

/* A line shows its text without its break; the next begins past a wrap's spaces, and
 * at a line break's indent. */
START_TEST(test_line_shown_and_next)
{
    size_t shown;
    ck_assert_uint_eq(text_line("ab   cd", 3, &shown), 5);
    ck_assert_uint_eq(shown, 3);
    ck_assert_uint_eq(text_line("ab\n  cd", 10, &shown), 3);
    ck_assert_uint_eq(shown, 2);
    ck_assert_uint_eq(text_line("\n\ncd", 10, &shown), 1);
    ck_assert_uint_eq(shown, 0);
    ck_assert_uint_eq(text_line(FANG FANG, 2, &shown), 3);
    ck_assert_uint_eq(shown, 3);
}
END_TEST

/* An input method in full-width mode: １, Ｘ, －, the ideographic space; 转 and ，
 * (U+FF0C is folded, U+3001 、 is not full-width ASCII) as they are. */
START_TEST(test_fold_width)
{
    ck_assert_uint_eq(text_fold_width(0xFF11), '1');
    ck_assert_uint_eq(text_fold_width(0xFF38), 'X');
    ck_assert_uint_eq(text_fold_width(0xFF58), 'x');
    ck_assert_uint_eq(text_fold_width(0xFF0D), '-');
    ck_assert_uint_eq(text_fold_width(0x3000), ' ');
    ck_assert_uint_eq(text_fold_width(0xFF01), '!');
    ck_assert_uint_eq(text_fold_width(0xFF5E), '~');
    ck_assert_uint_eq(text_fold_width(0xFF5F), 0xFF5F);
    ck_assert_uint_eq(text_fold_width(0x8F6C), 0x8F6C);
    ck_assert_uint_eq(text_fold_width(0x3001), 0x3001);
    ck_assert_uint_eq(text_fold_width('7'), '7');
}
END_TEST

/* Chinese and the rest of printable text pass; controls, C1, format characters and
 * broken bytes are written out, each byte as \xHH. */
START_TEST(test_controls_escaped)
{
    char *s = text_unshown_escaped("值班\x1b[2J表\t\xc2\x9b\xff!");
    ck_assert_str_eq(s, "值班\\x1b[2J表\\x09\\xc2\\x9b\\xff!");
    free(s);
    /* A direction override would show the name after it reversed. */
    s = text_unshown_escaped("王\u202E芳");
    ck_assert_str_eq(s, "王\\xe2\\x80\\xae芳");
    free(s);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *t = tcase_create("text");
    tcase_add_test(t, test_decode_well_formed);
    tcase_add_test(t, test_decode_refuses_malformed);
    tcase_add_test(t, test_decode_for_showing);
    tcase_add_test(t, test_chars_and_limits);
    tcase_add_test(t, test_trim);
    tcase_add_test(t, test_copy_keeps_whole_characters);
    tcase_add_test(t, test_columns);
    tcase_add_test(t, test_line_breaks);
    tcase_add_test(t, test_line_shown_and_next);
    tcase_add_test(t, test_fold_width);
    tcase_add_test(t, test_controls_escaped);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    /* Columns come from wcwidth, which needs a UTF-8 locale; decoding does not. */
    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        setlocale(LC_CTYPE, "en_US.UTF-8");
    return testlib_run(text_suite());
}
