#include "frontdesk/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "frontdesk/status.h"

size_t text_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    static const uint32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return 0;
    size_t len = u[0] < 0x80 ? 1 : (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3
               : (u[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    uint32_t c = len == 1 ? u[0] : u[0] & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (u[i] & 0x3F);
    }
    if (c < shortest[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

size_t text_decode(const char *s, size_t n, wchar_t *wc)
{
    uint32_t cp;
    size_t len = text_utf8_decode(s, n, &cp);
    *wc = len ? (wchar_t)cp : 0xFFFD;
    return len ? len : 1;
}

/* Control characters would garble a printed form or a terminal line; the invisible
 * format characters (zero-width spaces and joiners, direction marks, embeddings,
 * overrides and isolates, the byte-order mark, line and paragraph separators) would
 * make text read otherwise than it is stored — a unit code or a name that shows
 * reversed on another desk's screen and on paper, or one that looks like another. */
static bool is_control_or_format(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

/* The rest of what Unicode says a display shows nothing of (Default_Ignorable_Code_Point:
 * the soft hyphen, the combining grapheme joiner, the fillers, the variation selectors,
 * the tags ...), the interlinear annotation marks and the noncharacters: 张\u034F三 is
 * as much 张三 on every screen and on paper as 张\u200B三 is, and is not 张三 when
 * searched for. */
static bool is_ignorable(uint32_t cp)
{
    static const struct {
        uint32_t first, last;
    } ranges[] = {
        {0x00AD, 0x00AD},   {0x034F, 0x034F},   {0x115F, 0x1160},   {0x17B4, 0x17B5},
        {0x180B, 0x180F},   {0x206A, 0x206F},   {0x3164, 0x3164},   {0xFDD0, 0xFDEF},
        {0xFE00, 0xFE0F},   {0xFFA0, 0xFFA0},   {0xFFF0, 0xFFFB},   {0x1BCA0, 0x1BCA3},
        {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
    };
    if ((cp & 0xFFFE) == 0xFFFE) /* U+FFFE, U+FFFF and their like in every plane */
        return true;
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i].first && cp <= ranges[i].last)
            return true;
    return false;
}

bool text_is_unshown(uint32_t cp)
{
    return is_control_or_format(cp) || is_ignorable(cp);
}

char *text_unshown_escaped(const char *s)
{
    size_t n = strlen(s);
    char *out = fd_alloc(4 * n + 1), *o = out;
    const char *end = s + n;
    while (s < end) {
        uint32_t cp;
        size_t len = text_utf8_decode(s, (size_t)(end - s), &cp);
        if (len && !text_is_unshown(cp)) {
            memcpy(o, s, len);
            o += len;
            s += len;
            continue;
        }
        for (size_t i = 0; i < (len ? len : 1); i++)
            o += sprintf(o, "\\x%02x", (unsigned char)s[i]);
        s += len ? len : 1;
    }
    *o = '\0';
    return out;
}

size_t text_step(const char *s)
{
    uint32_t cp;
    if (!*s)
        return 0;
    size_t len = text_utf8_decode(s, strnlen(s, 4), &cp);
    return len ? len : 1;
}

size_t text_chars(const char *s)
{
    size_t count = 0;
    for (size_t len; (len = text_step(s)) > 0; s += len)
        count++;
    return count;
}

bool text_within(const char *s, size_t max)
{
    size_t count = 0;
    for (size_t len; (len = text_step(s)) > 0 && count <= max; s += len)
        count++;
    return count <= max;
}

bool text_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool trimmed_away(char c, bool lines)
{
    return lines ? text_is_space(c) : c == ' ' || c == '\t';
}

bool text_blank(const char *s)
{
    size_t n;
    text_trim(s, false, &n);
    return n == 0;
}

const char *text_trim(const char *s, bool lines, size_t *len)
{
    if (!s)
        s = "";
    while (trimmed_away(*s, lines))
        s++;
    size_t n = strlen(s);
    while (n > 0 && trimmed_away(s[n - 1], lines))
        n--;
    *len = n;
    return s;
}

char *text_trimmed(const char *s)
{
    size_t n;
    const char *start = text_trim(s, false, &n);
    char *out = fd_alloc(n + 1);
    memcpy(out, start, n);
    return out;
}

int text_sentence_len(const char *s)
{
    static const char full_stop[] = "\u3002";
    size_t n = s ? strlen(s) : 0, k = sizeof full_stop - 1;
    if (n >= k && memcmp(s + n - k, full_stop, k) == 0)
        n -= k;
    else if (n > 0 && s[n - 1] == '.')
        n--;
    return (int)n;
}

size_t text_copy(char *dst, size_t size, const char *src)
{
    size_t used = 0;
    if (src) {
        for (size_t len; (len = text_step(src + used)) > 0 && used + len < size;)
            used += len;
        memcpy(dst, src, used);
    }
    dst[used] = '\0';
    return used;
}

int text_char_width(wchar_t wc)
{
    int w = wcwidth(wc);
    return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
    int cols = 0;
    size_t n = strlen(s);
    while (n > 0) {
        wchar_t wc;
        size_t len = text_decode(s, n, &wc);
        cols += text_char_width(wc);
        s += len;
        n -= len;
    }
    return cols;
}

size_t text_fit(const char *s, int cols, int *used)
{
    size_t n = strlen(s), bytes = 0;
    int width = 0;
    while (bytes < n) {
        wchar_t wc;
        size_t len = text_decode(s + bytes, n - bytes, &wc);
        int w = text_char_width(wc);
        if (width + w > cols)
            break;
        width += w;
        bytes += len;
    }
    if (used)
        *used = width;
    return bytes;
}

/* Chinese punctuation that must not begin a line (、。，：；？！）」』》). */
static bool no_break_before(wchar_t wc)
{
    static const wchar_t closing[] = L"\x3001\x3002\xFF0C\xFF1A\xFF1B\xFF1F\xFF01\xFF09\x300D\x300F\x300B";
    return wc != 0 && wcschr(closing, wc) != NULL;
}

/* Chinese punctuation that must not end a line (（「『《“‘): it opens what follows. */
static bool no_break_after(wchar_t wc)
{
    static const wchar_t opening[] = L"\xFF08\x300C\x300E\x300A\x201C\x2018";
    return wc != 0 && wcschr(opening, wc) != NULL;
}

/* A line may break at a space, or between two characters when the first is wide:
 * Chinese text has no spaces, and any ideograph boundary is a break opportunity. */
size_t text_wrap(const char *s, int cols)
{
    size_t n = strlen(s), fit = text_fit(s, cols, NULL);
    /* A line break ends the line; it goes with it, so that an empty line advances. */
    const char *brk = memchr(s, '\n', fit < n ? fit + 1 : n);
    if (brk)
        return (size_t)(brk - s) + 1;
    if (fit == 0 && *s) {
        wchar_t wc;
        return text_decode(s, n, &wc);
    }
    if (fit == n || s[fit] == ' ')
        return fit;
    size_t best = 0, bytes = 0;
    bool prev_wide = false, prev_opening = false;
    while (bytes <= fit && bytes < n) {
        wchar_t wc;
        size_t len = text_decode(s + bytes, n - bytes, &wc);
        if (bytes > 0 &&
            ((s[bytes - 1] == ' ') || (prev_wide && !prev_opening && !no_break_before(wc))))
            best = bytes;
        prev_wide = text_char_width(wc) == 2;
        prev_opening = no_break_after(wc);
        bytes += len;
    }
    return best ? best : fit;
}

size_t text_line(const char *s, int cols, size_t *shown)
{
    size_t n = text_wrap(s, cols);
    bool broken = n > 0 && s[n - 1] == '\n';
    if (shown)
        *shown = broken ? n - 1 : n;
    return broken ? n : n + strspn(s + n, " ");
}

int text_lines(const char *s, int cols)
{
    int lines = 0;
    for (; *s; lines++)
        s += text_line(s, cols, NULL);
    return lines;
}

uint32_t text_fold_width(uint32_t cp)
{
    if (cp == 0x3000)
        return ' ';
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFF01 + '!';
    return cp;
}

char *text_folded(const char *s)
{
    size_t n = strlen(s), used = 0;
    char *out = fd_alloc(n + 1); /* a folded character is never longer than its source */
    while (n > 0) {
        uint32_t cp = 0;
        size_t len = text_utf8_decode(s, n, &cp);
        uint32_t folded = len ? text_fold_width(cp) : cp;
        if (len == 0) {
            len = 1; /* not UTF-8: kept byte by byte, for the validator to refuse */
            out[used++] = *s;
        } else if (folded != cp) {
            out[used++] = (char)folded; /* ASCII */
        } else {
            memcpy(out + used, s, len);
            used += len;
        }
        s += len;
        n -= len;
    }
    out[used] = '\0';
    return out;
}
