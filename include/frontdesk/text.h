/* Counting columns, not bytes: how wide UTF-8 text is on the terminal, and how many
 * bytes of it fit in a number of columns without splitting a character. */
#ifndef FRONTDESK_TEXT_H
#define FRONTDESK_TEXT_H

#include <stddef.h>

/* Decodes one UTF-8 character at s (n bytes available); returns its length in bytes
 * (1 for an invalid byte, which then stands for U+FFFD) and stores it in *wc. */
size_t text_decode(const char *s, size_t n, wchar_t *wc);
/* Display columns of one character (0 for combining marks, 2 for CJK). */
int text_char_width(wchar_t wc);
/* Display columns of the whole string. */
int text_width(const char *s);
/* Bytes of s that fit in cols columns, never splitting a character; *used gets the
 * columns they take (may be one less than cols when a wide character would straddle). */
size_t text_fit(const char *s, int cols, int *used);
/* Bytes of s for the next line when wrapping at cols columns: breaks after the last
 * space that fits when there is one (English), else where the columns run out
 * (Chinese needs no spaces). Always at least one character, so wrapping advances. */
size_t text_wrap(const char *s, int cols);
/* The number of lines text_wrap makes of s. */
int text_lines(const char *s, int cols);

#endif
