#include "frontdesk/validate.h"

#include <stdint.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "frontdesk/time.h"

/* "Other" documents allow this many characters; the buffer holds them as UTF-8. */
enum { FD_DOC_CHARS_MAX = 32, FD_DOC_BYTES_MAX = FD_DOC_CHARS_MAX * 4 + 1 };
enum { FD_PHONE_BYTES_MAX = 64 };

static const struct {
    const char *name;
    const char *label;
} doc_types[] = {
#define FD_DOC_ROW(id, name, label) {name, label},
    FD_DOC_TYPE_LIST(FD_DOC_ROW)
#undef FD_DOC_ROW
};

const char *fd_doc_type_name(fd_doc_type t)
{
    return (unsigned)t < FD_DOC_TYPE_COUNT ? doc_types[t].name : "";
}

const char *fd_doc_type_label(fd_doc_type t)
{
    return (unsigned)t < FD_DOC_TYPE_COUNT ? _(doc_types[t].label) : "";
}

bool fd_doc_type_parse(const char *name, fd_doc_type *out)
{
    for (int t = 0; name && t < FD_DOC_TYPE_COUNT; t++) {
        if (strcmp(name, doc_types[t].name) == 0) {
            *out = (fd_doc_type)t;
            return true;
        }
    }
    return false;
}

/* ---- UTF-8 ---------------------------------------------------------------- */

bool fd_validate_text(const char *text, size_t n, bool multiline, size_t *chars)
{
    size_t count = 0;
    for (size_t i = 0; i < n; count++) {
        uint32_t cp;
        /* A character cut off by n is as broken as one cut off by the string's end. */
        size_t claimed = text_utf8_decode(text + i, n - i, &cp);
        if (claimed == 0)
            return false;
        if (text_is_unshown(cp) && !(multiline && cp == '\n'))
            return false;
        i += claimed;
    }
    if (chars)
        *chars = count;
    return true;
}

/* ---- Bounded output ----------------------------------------------------- */

/* Appends whole characters only; once one does not fit, nothing more is added,
 * so the result is a prefix that never ends in half a character. */
typedef struct fd_out {
    char *buf;
    size_t size, len;
    bool full;
} fd_out;

static fd_out fd_out_init(char *buf, size_t size)
{
    if (size > 0)
        buf[0] = '\0';
    return (fd_out){buf, size, 0, size == 0};
}

static void fd_out_put(fd_out *o, const char *bytes, size_t n)
{
    if (o->full || o->len + n >= o->size) {
        o->full = true;
        return;
    }
    memcpy(o->buf + o->len, bytes, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void fd_out_str(fd_out *o, const char *s)
{
    fd_out_put(o, s, strlen(s));
}

/* ---- Normalising -------------------------------------------------------- */

static bool fd_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool fd_is_upper_alnum(char c)
{
    return fd_is_digit(c) || (c >= 'A' && c <= 'Z');
}

static bool fd_all(const char *s, size_t n, bool (*pred)(char))
{
    for (size_t i = 0; i < n; i++)
        if (!pred(s[i]))
            return false;
    return true;
}

typedef enum fd_fold_result { FD_FOLD_OK, FD_FOLD_BAD_CHAR, FD_FOLD_TOO_LONG } fd_fold_result;

/* Copies text to out without white space, upper-casing ASCII letters and folding
 * full-width forms, so a number typed either way reads the same. Control and invisible
 * format characters and broken UTF-8 are refused. */
static fd_fold_result fd_fold(const char *text, char *out, size_t out_size)
{
    fd_out o = fd_out_init(out, out_size);
    for (size_t len; *text; text += len) {
        uint32_t cp;
        len = text_utf8_decode(text, strnlen(text, 4), &cp);
        if (len == 0)
            return FD_FOLD_BAD_CHAR;
        cp = text_fold_width(cp);
        if (cp == ' ' || cp == '\t')
            continue;
        if (text_is_unshown(cp))
            return FD_FOLD_BAD_CHAR;
        if (cp >= 0x80) {
            fd_out_put(&o, text, len);
        } else {
            char c = (char)(cp >= 'a' && cp <= 'z' ? cp - 'a' + 'A' : cp);
            fd_out_put(&o, &c, 1);
        }
        if (o.full)
            return FD_FOLD_TOO_LONG;
    }
    return FD_FOLD_OK;
}

/* ---- Documents ---------------------------------------------------------- */

static bool fd_birth_date_valid(const char *digits)
{
    int year = 0, month = 0, day = 0;
    for (int i = 0; i < 4; i++)
        year = year * 10 + (digits[i] - '0');
    month = (digits[4] - '0') * 10 + (digits[5] - '0');
    day = (digits[6] - '0') * 10 + (digits[7] - '0');
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1)
        return false;
    /* A day past the month's end rolls into the next month on the way back. */
    int y, m, d;
    fd_date_ymd(fd_date_from_ymd(year, month, day), &y, &m, &d);
    return y == year && m == month && d == day;
}

static char fd_resident_id_check_digit(const char *digits)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[11] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (digits[i] - '0') * weights[i];
    return check[sum % 11];
}

/* id is already folded: upper case, no spaces. */
static fd_status fd_check_resident_id(const char *id, const char *field, fd_error *err)
{
    size_t len = strlen(id);
    if (len != 18)
        return fd_fail(err, FD_INVALID, field,
                       _("An identity number has 18 characters; this one has %zu."),
                       text_chars(id));
    if (!fd_all(id, 17, fd_is_digit))
        return fd_fail(err, FD_INVALID, field,
                       _("The first 17 characters of an identity number must be digits."));
    if (!fd_is_digit(id[17]) && id[17] != 'X')
        return fd_fail(err, FD_INVALID, field,
                       _("The last character of an identity number must be a digit or X."));
    if (id[0] == '0')
        return fd_fail(err, FD_INVALID, field,
                       _("This identity number does not start with a valid region code."));
    if (!fd_birth_date_valid(id + 6))
        return fd_fail(err, FD_INVALID, field,
                       _("The birth date in this identity number (%.8s) is not a real date."),
                       id + 6);
    char expected = fd_resident_id_check_digit(id);
    if (id[17] != expected)
        return fd_fail(err, FD_INVALID, field,
                       _("The check digit of this identity number is wrong: expected %c."),
                       expected);
    return FD_OK;
}

bool fd_resident_id_valid(const char *number)
{
    char id[FD_DOC_BYTES_MAX];
    return number && fd_fold(number, id, sizeof id) == FD_FOLD_OK &&
           fd_check_resident_id(id, "", NULL) == FD_OK;
}

static fd_status fd_check_passport(const char *n, size_t len, const char *field, fd_error *err)
{
    if (len < 5 || len > 17 || !fd_all(n, len, fd_is_upper_alnum))
        return fd_fail(err, FD_INVALID, field,
                       _("A passport number has 5 to 17 letters and digits."));
    return FD_OK;
}

/* H and M: permits of Hong Kong and Macau residents; C: the mainland exit permit. */
static fd_status fd_check_hk_macau(const char *n, size_t len, const char *field, fd_error *err)
{
    if (strchr("HMC", n[0]) == NULL)
        return fd_fail(err, FD_INVALID, field,
                       _("A Hong Kong or Macau permit number starts with H, M or C."));
    if (len < 9 || len > 11 || !fd_all(n + 1, len - 1, fd_is_upper_alnum))
        return fd_fail(err, FD_INVALID, field,
                       _("A Hong Kong or Macau permit number has 8 to 10 letters or digits after its first letter."));
    return FD_OK;
}

static fd_status fd_check_taiwan(const char *n, size_t len, const char *field, fd_error *err)
{
    bool ok = (len == 8 && fd_all(n, len, fd_is_digit)) ||
              (len == 10 && fd_all(n, len, fd_is_upper_alnum));
    if (!ok)
        return fd_fail(err, FD_INVALID, field,
                       _("A Taiwan permit number has 8 digits, or 10 letters and digits."));
    return FD_OK;
}

static fd_status fd_check_other(const char *n, const char *field, fd_error *err)
{
    if (text_chars(n) > FD_DOC_CHARS_MAX)
        return fd_fail(err, FD_INVALID, field,
                       _("A document number has at most %d characters."), FD_DOC_CHARS_MAX);
    return FD_OK;
}

static fd_status fd_check_document(fd_doc_type type, const char *n, const char *field,
                                   fd_error *err)
{
    size_t len = strlen(n);
    switch (type) {
    case FD_DOC_RESIDENT_ID: return fd_check_resident_id(n, field, err);
    case FD_DOC_PASSPORT:    return fd_check_passport(n, len, field, err);
    case FD_DOC_HK_MACAU:    return fd_check_hk_macau(n, len, field, err);
    case FD_DOC_TAIWAN:      return fd_check_taiwan(n, len, field, err);
    case FD_DOC_OTHER:       return fd_check_other(n, field, err);
    case FD_DOC_TYPE_COUNT:  break;
    }
    return fd_fail(err, FD_INVALID, field, _("Choose a document type."));
}

fd_status fd_validate_document(fd_doc_type type, const char *number, const char *field,
                               char *out, size_t out_size, fd_error *err)
{
    char n[FD_DOC_BYTES_MAX];
    switch (fd_fold(number ? number : "", n, sizeof n)) {
    case FD_FOLD_BAD_CHAR:
        return fd_fail(err, FD_INVALID, field,
                       _("The document number contains a character that cannot be part of it."));
    case FD_FOLD_TOO_LONG:
        return fd_fail(err, FD_INVALID, field,
                       _("A document number has at most %d characters."), FD_DOC_CHARS_MAX);
    case FD_FOLD_OK:
        break;
    }
    if (n[0] == '\0')
        return fd_fail(err, FD_INVALID, field, _("Enter the document number."));
    fd_status st = fd_check_document(type, n, field, err);
    if (st != FD_OK)
        return st;
    fd_out o = fd_out_init(out, out_size);
    fd_out_str(&o, n);
    if (o.full)
        return fd_fail(err, FD_INVALID, field,
                       _("The document number is too long to store."));
    return FD_OK;
}

/* ---- Phones ------------------------------------------------------------- */

typedef struct fd_phone {
    char area[5];    /* "" for a mobile */
    char local[12];  /* the mobile number, or the landline's 7-8 digits */
    char ext[7];     /* landline extension, "" if none */
} fd_phone;

static size_t fd_digit_run(const char *s)
{
    size_t n = 0;
    while (fd_is_digit(s[n]))
        n++;
    return n;
}

static void fd_copy_digits(char *dst, size_t dst_size, const char *src, size_t n)
{
    fd_out o = fd_out_init(dst, dst_size);
    fd_out_put(&o, src, n);
}

/* Hyphens are free-form in a mobile number, and the country code is dropped. */
static fd_status fd_parse_mobile(const char *s, fd_phone *p, const char *field, fd_error *err)
{
    char digits[FD_PHONE_BYTES_MAX];
    size_t n = 0;
    bool plus = s[0] == '+';
    for (s += plus; *s; s++) {
        if (fd_is_digit(*s))
            digits[n++] = *s;
        else if (*s != '-')
            return fd_fail(err, FD_INVALID, field,
                           _("A phone number contains only digits, spaces and hyphens."));
    }
    digits[n] = '\0';
    const char *d = digits;
    if ((plus || n == 13) && n >= 2 && d[0] == '8' && d[1] == '6') {
        d += 2;
        n -= 2;
    } else if (plus) {
        return fd_fail(err, FD_INVALID, field,
                       _("Only mainland numbers are accepted; the country code must be +86."));
    }
    if (n != 11)
        return fd_fail(err, FD_INVALID, field,
                       _("A mobile number has 11 digits; this one has %zu."), n);
    if (d[0] != '1' || d[1] < '3')
        return fd_fail(err, FD_INVALID, field, _("A mobile number starts with 13 to 19."));
    p->area[0] = p->ext[0] = '\0';
    fd_copy_digits(p->local, sizeof p->local, d, n);
    return FD_OK;
}

/* 010 and 02x are the only three-digit area codes; all others have four, so the
 * split is known even when the number is typed without a hyphen. */
static size_t fd_area_code_length(const char *s)
{
    if (s[0] != '0' || s[1] == '0' || !fd_is_digit(s[1]))
        return 0;
    if (s[1] == '1')
        return s[2] == '0' ? 3 : 0;
    return s[1] == '2' ? 3 : 4;
}

static const char FD_EXT_MARK[] = "转";

static fd_status fd_parse_landline(const char *s, fd_phone *p, const char *field, fd_error *err)
{
    size_t area = fd_area_code_length(s);
    if (area == 0 || fd_digit_run(s) < area)
        return fd_fail(err, FD_INVALID, field,
                       _("This landline number does not start with a valid area code."));
    fd_copy_digits(p->area, sizeof p->area, s, area);
    s += area;
    if (*s == '-')
        s++;
    size_t local = fd_digit_run(s);
    if (local < 7 || local > 8)
        return fd_fail(err, FD_INVALID, field,
                       _("A landline number has 7 or 8 digits after the area code."));
    fd_copy_digits(p->local, sizeof p->local, s, local);
    s += local;
    p->ext[0] = '\0';
    if (*s == '\0')
        return FD_OK;
    if (*s == '-')
        s++;
    else if (strncmp(s, FD_EXT_MARK, sizeof FD_EXT_MARK - 1) == 0)
        s += sizeof FD_EXT_MARK - 1;
    size_t ext = fd_digit_run(s);
    if (ext < 1 || ext > 6 || s[ext] != '\0')
        return fd_fail(err, FD_INVALID, field,
                       _("After a landline number, only an extension of 1 to 6 digits may follow, as in -123 or 转123."));
    fd_copy_digits(p->ext, sizeof p->ext, s, ext);
    return FD_OK;
}

static fd_status fd_parse_phone(const char *phone, fd_phone *p, const char *field, fd_error *err)
{
    char s[FD_PHONE_BYTES_MAX];
    if (fd_fold(phone ? phone : "", s, sizeof s) != FD_FOLD_OK)
        return fd_fail(err, FD_INVALID, field,
                       _("A phone number contains only digits, spaces and hyphens."));
    if (s[0] == '\0')
        return fd_fail(err, FD_INVALID, field, _("Enter a phone number."));
    if (s[0] == '0')
        return fd_parse_landline(s, p, field, err);
    return fd_parse_mobile(s, p, field, err);
}

fd_status fd_validate_phone(const char *phone, const char *field,
                            char *out, size_t out_size, fd_error *err)
{
    fd_phone p;
    fd_status st = fd_parse_phone(phone, &p, field, err);
    if (st != FD_OK)
        return st;
    fd_out o = fd_out_init(out, out_size);
    if (p.area[0]) {
        fd_out_str(&o, p.area);
        fd_out_str(&o, "-");
    }
    fd_out_str(&o, p.local);
    if (p.ext[0]) {
        fd_out_str(&o, "-");
        fd_out_str(&o, p.ext);
    }
    if (o.full)
        return fd_fail(err, FD_INVALID, field, _("The phone number is too long to store."));
    return FD_OK;
}

/* ---- Masking ------------------------------------------------------------ */

/* Keeps head and tail characters and puts one '*' for each character between;
 * text no longer than head + tail is masked whole, since keeping all of it
 * would hide nothing. */
static void fd_mask_middle(fd_out *o, const char *s, size_t head, size_t tail)
{
    size_t n = text_chars(s);
    if (n <= head + tail)
        head = tail = 0;
    for (size_t i = 0; *s; i++) {
        size_t len = text_step(s);
        if (i < head || i >= n - tail)
            fd_out_put(o, s, len);
        else
            fd_out_put(o, "*", 1);
        s += len;
    }
}

void fd_mask_document(fd_doc_type type, const char *number, char *out, size_t out_size)
{
    fd_out o = fd_out_init(out, out_size);
    if (type == FD_DOC_RESIDENT_ID)
        fd_mask_middle(&o, number ? number : "", 6, 4);  /* region code and sequence stay */
    else
        fd_mask_middle(&o, number ? number : "", 2, 2);
}

void fd_mask_phone(const char *phone, char *out, size_t out_size)
{
    fd_out o = fd_out_init(out, out_size);
    fd_phone p;
    /* A number that does not parse (an old record, a foreign number) still keeps
     * no more than a mobile would show. */
    if (fd_parse_phone(phone, &p, "", NULL) != FD_OK) {
        fd_mask_middle(&o, phone ? phone : "", 3, 4);
        return;
    }
    if (p.area[0] == '\0') {
        fd_mask_middle(&o, p.local, 3, 4);
        return;
    }
    fd_out_str(&o, p.area);
    fd_out_str(&o, "-");
    fd_mask_middle(&o, p.local, 0, 4);
    /* The extension as the desk writes it on the form (转123): the stored "-123" is
     * only the number's one spelling for matching it. */
    if (p.ext[0]) {
        fd_out_str(&o, FD_EXT_MARK);
        fd_out_str(&o, p.ext);
    }
}
