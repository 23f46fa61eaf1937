/* Document and phone validation, normal forms and display masks. */
#include <string.h>

#include "frontdesk/validate.h"
#include "testlib.h"

static char out[64];
static fd_error err;

static fd_status doc(fd_doc_type type, const char *number)
{
    memset(out, '#', sizeof out);
    fd_error_clear(&err);
    return fd_validate_document(type, number, "visitor.document", out, sizeof out, &err);
}

static fd_status phone(const char *number)
{
    memset(out, '#', sizeof out);
    fd_error_clear(&err);
    return fd_validate_phone(number, "visitor.phone", out, sizeof out, &err);
}

#define ck_assert_doc_ok(type, number, normal)                                 \
    do {                                                                       \
        ck_assert_msg(doc((type), (number)) == FD_OK, "%s: %s", (number), err.message); \
        ck_assert_str_eq(out, (normal));                                       \
    } while (0)

/* The failure names the field and says something about the reason. */
#define ck_assert_doc_bad(type, number, words)                                 \
    do {                                                                       \
        ck_assert_int_eq(doc((type), (number)), FD_INVALID);                   \
        ck_assert_str_eq(err.field, "visitor.document");                       \
        ck_assert_msg(strstr(err.message, (words)) != NULL, "%s: %s", (number), err.message); \
    } while (0)

#define ck_assert_phone_ok(number, normal)                                     \
    do {                                                                       \
        ck_assert_msg(phone(number) == FD_OK, "%s: %s", (number), err.message); \
        ck_assert_str_eq(out, (normal));                                       \
    } while (0)

#define ck_assert_phone_bad(number, words)                                     \
    do {                                                                       \
        ck_assert_int_eq(phone(number), FD_INVALID);                           \
        ck_assert_str_eq(err.field, "visitor.phone");                          \
        ck_assert_msg(strstr(err.message, (words)) != NULL, "%s: %s", (number), err.message); \
    } while (0)

#define ck_assert_mask_doc(type, number, masked)                               \
    do {                                                                       \
        fd_mask_document((type), (number), out, sizeof out);                   \
        ck_assert_str_eq(out, (masked));                                       \
    } while (0)

#define ck_assert_mask_phone(number, masked)                                   \
    do {                                                                       \
        fd_mask_phone((number), out, sizeof out);                              \
        ck_assert_str_eq(out, (masked));                                       \
    } while (0)

START_TEST(test_doc_type_names)
{
    for (int t = 0; t < FD_DOC_TYPE_COUNT; t++) {
        fd_doc_type back;
        ck_assert(fd_doc_type_parse(fd_doc_type_name((fd_doc_type)t), &back));
        ck_assert_int_eq(back, t);
        ck_assert(fd_doc_type_label((fd_doc_type)t)[0] != '\0');
    }
    fd_doc_type back;
    ck_assert(!fd_doc_type_parse("driving_licence", &back));
    ck_assert(!fd_doc_type_parse(NULL, &back));
    ck_assert_str_eq(fd_doc_type_name(FD_DOC_RESIDENT_ID), "resident_id");
}
END_TEST

START_TEST(test_resident_id_valid)
{
    ck_assert_doc_ok(FD_DOC_RESIDENT_ID, "11010519491231002X", "11010519491231002X");
    ck_assert_doc_ok(FD_DOC_RESIDENT_ID, "11010519491231002x", "11010519491231002X");
    ck_assert_doc_ok(FD_DOC_RESIDENT_ID, " 110105 19491231 002x ", "11010519491231002X");
    ck_assert_doc_ok(FD_DOC_RESIDENT_ID, "440305200002291232", "440305200002291232");
    /* Typed with a Chinese input method in full-width mode. */
    ck_assert_doc_ok(FD_DOC_RESIDENT_ID, "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X");
    ck_assert(fd_resident_id_valid("11010519491231002X"));
    ck_assert(fd_resident_id_valid("110105 19491231 002x"));
}
END_TEST

START_TEST(test_resident_id_invalid)
{
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "110105194912310021", "expected X");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "110105194902310026", "19490231");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "440305190102291233", "19010229");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "110105189912310023", "18991231");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "11010519491231002", "17");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "1101051949123100211", "19");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "1101051949123A002X", "17 characters");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "11010519491231002Y", "digit or X");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "010105194912310026", "region");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "", "Enter");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "   ", "Enter");
    ck_assert_doc_bad(FD_DOC_RESIDENT_ID, "110105\x01" "19491231002X", "character");
    ck_assert(!fd_resident_id_valid("110105194912310021"));
    ck_assert(!fd_resident_id_valid("110105194902310026"));
    ck_assert(!fd_resident_id_valid("11010519491231002"));
    ck_assert(!fd_resident_id_valid(NULL));
}
END_TEST

START_TEST(test_passport)
{
    ck_assert_doc_ok(FD_DOC_PASSPORT, "e12345678", "E12345678");
    ck_assert_doc_ok(FD_DOC_PASSPORT, "G1234", "G1234");
    ck_assert_doc_ok(FD_DOC_PASSPORT, "AB 1234567 89012345", "AB123456789012345");
    ck_assert_doc_bad(FD_DOC_PASSPORT, "1234", "5 to 17");
    ck_assert_doc_bad(FD_DOC_PASSPORT, "AB1234567890123456", "5 to 17");
    ck_assert_doc_bad(FD_DOC_PASSPORT, "E123-4567", "letters and digits");
}
END_TEST

START_TEST(test_hk_macau_permit)
{
    ck_assert_doc_ok(FD_DOC_HK_MACAU, "H12345678", "H12345678");
    ck_assert_doc_ok(FD_DOC_HK_MACAU, "m1234567890", "M1234567890");
    ck_assert_doc_ok(FD_DOC_HK_MACAU, "C12AB3456", "C12AB3456");
    ck_assert_doc_bad(FD_DOC_HK_MACAU, "X12345678", "H, M or C");
    ck_assert_doc_bad(FD_DOC_HK_MACAU, "H1234567", "8 to 10");
    ck_assert_doc_bad(FD_DOC_HK_MACAU, "H12345678901", "8 to 10");
    ck_assert_doc_bad(FD_DOC_HK_MACAU, "H1234/5678", "8 to 10");
}
END_TEST

START_TEST(test_taiwan_permit)
{
    ck_assert_doc_ok(FD_DOC_TAIWAN, "12345678", "12345678");
    ck_assert_doc_ok(FD_DOC_TAIWAN, "1234567890", "1234567890");
    ck_assert_doc_ok(FD_DOC_TAIWAN, "t123456789", "T123456789");
    ck_assert_doc_bad(FD_DOC_TAIWAN, "1234567", "Taiwan");
    ck_assert_doc_bad(FD_DOC_TAIWAN, "A1234567", "Taiwan");
    ck_assert_doc_bad(FD_DOC_TAIWAN, "123456789", "Taiwan");
}
END_TEST

START_TEST(test_other_document)
{
    ck_assert_doc_ok(FD_DOC_OTHER, "  ab-12 ", "AB-12");
    ck_assert_doc_ok(FD_DOC_OTHER, "南字第123456号", "南字第123456号");
    ck_assert_doc_ok(FD_DOC_OTHER, "X", "X");
    ck_assert_doc_ok(FD_DOC_OTHER, "12345678901234567890123456789012",
                     "12345678901234567890123456789012");
    ck_assert_doc_bad(FD_DOC_OTHER, "123456789012345678901234567890123", "32");
    ck_assert_doc_bad(FD_DOC_OTHER, "\t \xe3\x80\x80", "Enter");
    ck_assert_doc_bad(FD_DOC_OTHER, "AB\xff", "character");
    ck_assert_int_eq(doc(FD_DOC_OTHER, NULL), FD_INVALID);
}
END_TEST

START_TEST(test_document_out_too_small)
{
    char small[8];
    ck_assert_int_eq(fd_validate_document(FD_DOC_RESIDENT_ID, "11010519491231002X", "id",
                                          small, sizeof small, &err), FD_INVALID);
    ck_assert(memchr(small, '\0', sizeof small) != NULL);
    ck_assert_int_eq(fd_validate_document(FD_DOC_RESIDENT_ID, "11010519491231002X", "id",
                                          NULL, 0, NULL), FD_INVALID);
}
END_TEST

START_TEST(test_mobile)
{
    ck_assert_phone_ok("13812345678", "13812345678");
    ck_assert_phone_ok("138 1234 5678", "13812345678");
    ck_assert_phone_ok("138-1234-5678", "13812345678");
    ck_assert_phone_ok("+86 138 1234 5678", "13812345678");
    ck_assert_phone_ok("8613812345678", "13812345678");
    ck_assert_phone_ok("+86-199-0000-1111", "19900001111");
    ck_assert_phone_ok("１３８１２３４５６７８", "13812345678");
    ck_assert_phone_bad("12812345678", "13 to 19");
    ck_assert_phone_bad("1381234567", "10");
    ck_assert_phone_bad("138123456789", "12");
    ck_assert_phone_bad("+44 20 7946 0958", "+86");
    ck_assert_phone_bad("138.1234.5678", "hyphens");
    ck_assert_phone_bad("", "Enter");
    ck_assert_int_eq(phone(NULL), FD_INVALID);
}
END_TEST

START_TEST(test_landline)
{
    ck_assert_phone_ok("010-12345678", "010-12345678");
    ck_assert_phone_ok("01012345678", "010-12345678");
    ck_assert_phone_ok("021 1234567", "021-1234567");
    ck_assert_phone_ok("0755 8888 8888", "0755-88888888");
    ck_assert_phone_ok("07558888888", "0755-8888888");
    ck_assert_phone_ok("010-12345678-123", "010-12345678-123");
    ck_assert_phone_ok("010-12345678转123", "010-12345678-123");
    ck_assert_phone_ok("010-12345678 转 8", "010-12345678-8");
    ck_assert_phone_bad("010-123456", "7 or 8");
    ck_assert_phone_bad("010-123456789", "7 or 8");
    ck_assert_phone_bad("0001234567", "area code");
    ck_assert_phone_bad("0111234567", "area code");
    ck_assert_phone_bad("010-12345678-", "extension");
    ck_assert_phone_bad("010-12345678-1234567", "extension");
    ck_assert_phone_bad("010-12345678#123", "extension");
}
END_TEST

START_TEST(test_mask_documents)
{
    ck_assert_mask_doc(FD_DOC_RESIDENT_ID, "11010519491231002X", "110105********002X");
    ck_assert_mask_doc(FD_DOC_PASSPORT, "E12345678", "E1*****78");
    ck_assert_mask_doc(FD_DOC_HK_MACAU, "H12345678", "H1*****78");
    ck_assert_mask_doc(FD_DOC_OTHER, "ABCDE", "AB*DE");
    ck_assert_mask_doc(FD_DOC_OTHER, "ABCD", "****");
    ck_assert_mask_doc(FD_DOC_OTHER, "A", "*");
    ck_assert_mask_doc(FD_DOC_OTHER, "", "");
    ck_assert_mask_doc(FD_DOC_OTHER, NULL, "");
    /* One star per character, not per byte. */
    ck_assert_mask_doc(FD_DOC_OTHER, "南字第123456号", "南字******6号");
    ck_assert_mask_doc(FD_DOC_OTHER, "南字第号", "****");
}
END_TEST

START_TEST(test_mask_phones)
{
    ck_assert_mask_phone("13812345678", "138****5678");
    ck_assert_mask_phone("+86 138 1234 5678", "138****5678");
    ck_assert_mask_phone("010-12345678", "010-****5678");
    ck_assert_mask_phone("0755-1234567", "0755-***4567");
    ck_assert_mask_phone("010-12345678-123", "010-****5678转123");
    ck_assert_mask_phone("010-12345678转123", "010-****5678转123");
    /* Not a number we parse: still no more than a mobile would show. */
    ck_assert_mask_phone("+44 20 7946 0958", "+44*********0958");
    ck_assert_mask_phone("", "");
}
END_TEST

START_TEST(test_mask_truncates_whole_characters)
{
    char small[5];
    fd_mask_document(FD_DOC_RESIDENT_ID, "11010519491231002X", small, sizeof small);
    ck_assert_str_eq(small, "1101");
    /* "南" is three bytes; the next one would not fit whole. */
    fd_mask_document(FD_DOC_OTHER, "南字第123456号", small, sizeof small);
    ck_assert_str_eq(small, "南");
    fd_mask_phone("13812345678", small, sizeof small);
    ck_assert_str_eq(small, "138*");
    small[0] = '#';
    fd_mask_phone("13812345678", small, 0);
    ck_assert_int_eq(small[0], '#');
}
END_TEST

/* Whole strings, as the procedures check what was typed. */
static bool text_ok(const char *s, bool multiline, size_t *chars)
{
    return fd_validate_text(s, strlen(s), multiline, chars);
}

START_TEST(test_text_printable)
{
    size_t chars = 99;
    ck_assert(text_ok("", false, &chars));
    ck_assert_uint_eq(chars, 0);
    ck_assert(text_ok("王小明 Smith-Jones", false, &chars));
    ck_assert_uint_eq(chars, 15);
    /* Four-byte characters (CJK extension B) count once. */
    ck_assert(text_ok("\xF0\xA0\x80\x80\xE5\x90\x8D", false, &chars));
    ck_assert_uint_eq(chars, 2);
    ck_assert(text_ok("\xC2\xA0\xEF\xBF\xBD", false, NULL)); /* no-break space, U+FFFD */
    ck_assert(fd_validate_text("电梯", 3, false, &chars));      /* only the first character */
    ck_assert_uint_eq(chars, 1);
}
END_TEST

START_TEST(test_text_control_characters)
{
    ck_assert(!text_ok("a\tb", false, NULL));
    ck_assert(!text_ok("a\rb", true, NULL));
    ck_assert(!text_ok("a\x1b[2Jb", false, NULL));
    ck_assert(!text_ok("a\x7F", false, NULL));
    ck_assert(!text_ok("a\xC2\x85", false, NULL));  /* NEL, C1 */
    ck_assert(!text_ok("a\xC2\x9F", false, NULL));  /* the last C1 */
    /* A line break only where several lines are allowed. */
    size_t chars;
    ck_assert(!text_ok("电梯异响\n轿厢晃动", false, NULL));
    ck_assert(text_ok("电梯异响\n轿厢晃动", true, &chars));
    ck_assert_uint_eq(chars, 9);
    /* A NUL inside the bytes checked is a control character too. */
    ck_assert(!fd_validate_text("a\0b", 3, true, NULL));
    /* Invisible format characters: a right-to-left override (R3 shown as 3R), a
     * zero-width space (张\u200B三 looking like 张三), a direction isolate, the BOM. */
    ck_assert(!text_ok("\xE2\x80\xAE" "R3", false, NULL));
    ck_assert(!text_ok("张\xE2\x80\x8B三", false, NULL));
    ck_assert(!text_ok("\xE2\x81\xA6" "A-1203", false, NULL));
    ck_assert(!text_ok("\xEF\xBB\xBF王", false, NULL));
    ck_assert(text_ok("\xE2\x80\x94\xE2\x80\xA6", false, NULL)); /* a dash and an ellipsis print */
    /* Every other character a screen shows nothing of: the combining grapheme joiner
     * (张\u034F三 looking like 张三), the soft hyphen, a variation selector, the
     * Hangul filler, a tag, an interlinear annotation mark, the noncharacters. */
    ck_assert(!text_ok("张\xCD\x8F三", false, NULL));
    ck_assert(!text_ok("李\xC2\xAD娜", false, NULL));
    ck_assert(!text_ok("王\xEF\xB8\x8F", false, NULL));
    ck_assert(!text_ok("\xE3\x85\xA4", false, NULL));
    ck_assert(!text_ok("A\xF3\xA0\x80\x81", false, NULL));
    ck_assert(!text_ok("\xEF\xBF\xB9" "R3", false, NULL));
    ck_assert(!text_ok("I\xEF\xBF\xBEJ", false, NULL));
    ck_assert(!text_ok("\xF0\x9F\xBF\xBF", false, NULL));
    ck_assert(!text_ok("\xEF\xB7\x90", false, NULL));
    /* Neighbours that print stay allowed: U+FFFD, a Hangul letter, CJK extension B. */
    ck_assert(text_ok("\xEF\xBF\xBD\xE3\x85\xA3\xF0\xA0\x80\x80", false, NULL));
}
END_TEST

START_TEST(test_text_malformed_utf8)
{
    ck_assert(!text_ok("\x80", false, NULL));                 /* a lone continuation */
    ck_assert(!text_ok("\xE7\x8E", false, NULL));             /* cut off at the end */
    ck_assert(!text_ok("\xE7\x8E" "a", false, NULL));         /* cut off before ASCII */
    ck_assert(!text_ok("\xC0\xAF", false, NULL));             /* overlong "/" */
    ck_assert(!text_ok("\xE0\x80\xAF", false, NULL));         /* overlong, three bytes */
    ck_assert(!text_ok("\xF0\x80\x80\xAF", false, NULL));     /* overlong, four bytes */
    ck_assert(!text_ok("\xED\xA0\x80", false, NULL));         /* a surrogate, U+D800 */
    ck_assert(!text_ok("\xF4\x90\x80\x80", false, NULL));     /* past U+10FFFF */
    ck_assert(!text_ok("\xF8\x88\x80\x80\x80", false, NULL)); /* five-byte form */
    ck_assert(!text_ok("\xFF", false, NULL));
    /* A character that n cuts in two is refused though the string goes on. */
    ck_assert(!fd_validate_text("电梯", 4, false, NULL));
}
END_TEST

static Suite *validate_suite(void)
{
    Suite *s = suite_create("validate");
    TCase *docs = tcase_create("documents");
    tcase_add_test(docs, test_doc_type_names);
    tcase_add_test(docs, test_resident_id_valid);
    tcase_add_test(docs, test_resident_id_invalid);
    tcase_add_test(docs, test_passport);
    tcase_add_test(docs, test_hk_macau_permit);
    tcase_add_test(docs, test_taiwan_permit);
    tcase_add_test(docs, test_other_document);
    tcase_add_test(docs, test_document_out_too_small);
    suite_add_tcase(s, docs);

    TCase *phones = tcase_create("phones");
    tcase_add_test(phones, test_mobile);
    tcase_add_test(phones, test_landline);
    suite_add_tcase(s, phones);

    TCase *masks = tcase_create("masks");
    tcase_add_test(masks, test_mask_documents);
    tcase_add_test(masks, test_mask_phones);
    tcase_add_test(masks, test_mask_truncates_whole_characters);
    suite_add_tcase(s, masks);

    TCase *text = tcase_create("text");
    tcase_add_test(text, test_text_printable);
    tcase_add_test(text, test_text_control_characters);
    tcase_add_test(text, test_text_malformed_utf8);
    suite_add_tcase(s, text);
    return s;
}

int main(void)
{
    return testlib_run(validate_suite());
}
