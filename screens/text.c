#include "text.h"

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

size_t text_wrap(const char *s, int cols)
{
    size_t bytes = text_fit(s, cols, NULL);
    if (bytes == 0 && *s) {
        wchar_t wc;
        return text_decode(s, strlen(s), &wc);
    }
    if (s[bytes] == '\0' || s[bytes] == ' ')
        return bytes;
    for (size_t i = bytes; i > 0; i--) {
        if (s[i - 1] == ' ')
            return i;
    }
    return bytes;
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
