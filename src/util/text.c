#include "frontdesk/text.h"

#include <stdbool.h>
#include <string.h>
#include <wchar.h>

size_t text_decode(const char *s, size_t n, wchar_t *wc)
{
    mbstate_t state;
    memset(&state, 0, sizeof state);
    size_t len = mbrtowc(wc, s, n, &state);
    if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
        *wc = 0xFFFD;
        return 1;
    }
    return len;
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

/* A line may break at a space, or between two characters when the first is wide:
 * Chinese text has no spaces, and any ideograph boundary is a break opportunity. */
size_t text_wrap(const char *s, int cols)
{
    size_t n = strlen(s), fit = text_fit(s, cols, NULL);
    if (fit == 0 && *s) {
        wchar_t wc;
        return text_decode(s, n, &wc);
    }
    if (fit == n || s[fit] == ' ')
        return fit;
    size_t best = 0, bytes = 0;
    bool prev_wide = false;
    while (bytes <= fit && bytes < n) {
        wchar_t wc;
        size_t len = text_decode(s + bytes, n - bytes, &wc);
        if (bytes > 0 && ((s[bytes - 1] == ' ') || (prev_wide && !no_break_before(wc))))
            best = bytes;
        prev_wide = text_char_width(wc) == 2;
        bytes += len;
    }
    return best ? best : fit;
}

int text_lines(const char *s, int cols)
{
    int lines = 0;
    while (*s) {
        s += text_wrap(s, cols);
        while (*s == ' ')
            s++;
        lines++;
    }
    return lines;
}
