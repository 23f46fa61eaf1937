/* UTF-8 text, the one place it is taken apart: decoding (on its own, whatever the
 * locale), counting characters, trimming blanks, copying into a fixed buffer without
 * cutting a character in half, and counting columns, not bytes: how wide text is on
 * the terminal and how many bytes of it fit in a number of columns. */
#ifndef FRONTDESK_TEXT_H
#define FRONTDESK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* Decodes one well-formed UTF-8 character at s (n bytes available) into *cp; returns
 * its length in bytes, or 0 when the bytes there are not one (a stray or missing
 * continuation byte, an overlong form, a surrogate, past U+10FFFF, cut off by n). */
size_t text_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Decodes one character for showing: an invalid byte is 1 byte standing for U+FFFD. */
size_t text_decode(const char *s, size_t n, wchar_t *wc);
/* Bytes of the character at s as text_decode reads it; 0 at the terminating NUL. */
size_t text_step(const char *s);
/* Characters in s, an invalid byte counting as one. */
size_t text_chars(const char *s);
/* True when s has at most max characters. */
bool text_within(const char *s, size_t max);
/* White space: blank, tab and the line ends. */
bool text_is_space(char c);
/* True when s is NULL, empty or only blanks and tabs. */
bool text_blank(const char *s);
/* s without the blanks and tabs around it (and line ends too with lines, for a text
 * of several lines): returns where it starts and stores its length in bytes in *len.
 * A line end left in a one-line text is the validator's to refuse. NULL is empty. */
const char *text_trim(const char *s, bool lines, size_t *len);
/* s without the blanks and tabs around it, in a new string (caller frees). */
char *text_trimmed(const char *s);
/* The length of s without its closing full stop (。 or .), for a sentence a join goes
 * on after with ；: "%.*s" of it (a note written 漏水。 would read 漏水。；移交…). */
int text_sentence_len(const char *s);
/* A character no display shows as itself: a control (C0, DEL, C1), a format
 * character (zero-width, direction marks and overrides, the byte-order mark, line and
 * paragraph separators), a default-ignorable one or a noncharacter. What the desk may
 * not type (fd_validate_text), and what verify does not print as it is. */
bool text_is_unshown(uint32_t cp);
/* s with every unshown character (text_is_unshown) and every byte that is not UTF-8
 * written as \xHH (caller frees): for text read from a file someone else may have
 * written, shown on a terminal that would obey an escape sequence in it or show a
 * name reversed. */
char *text_unshown_escaped(const char *s);
/* Copies as much of src into dst (size bytes, size > 0) as fits in whole characters
 * and terminates it; returns the bytes copied. NULL copies as "". */
size_t text_copy(char *dst, size_t size, const char *src);

/* Chinese input methods in full-width mode type "１２３ＡＢＣ－" and the ideographic
 * space: their half-width (ASCII) forms; any other character as it is. */
uint32_t text_fold_width(uint32_t cp);
/* s with every character folded so, in a new string (caller frees): what a search of
 * digits or codes compares, whichever mode the input method was in. */
char *text_folded(const char *s);

/* Display columns of one character (0 for combining marks, 2 for CJK). */
int text_char_width(wchar_t wc);
/* Display columns of the whole string. */
int text_width(const char *s);
/* Bytes of s that fit in cols columns, never splitting a character; *used gets the
 * columns they take (may be one less than cols when a wide character would straddle). */
size_t text_fit(const char *s, int cols, int *used);
/* Bytes of s for the next line when wrapping at cols: up to and with a line break
 * when one comes first (a list written one item a line), else after the last space
 * that fits when there is one (English), else where the columns run out (Chinese
 * needs no spaces). Always at least one character, so wrapping advances. */
size_t text_wrap(const char *s, int cols);
/* The line that begins at s, wrapped at cols: *shown is the bytes it shows (its line
 * break left out); returns where the next line begins, past the spaces at a wrap
 * (after a line break they stay: they indent). */
size_t text_line(const char *s, int cols, size_t *shown);
/* The number of lines text_line makes of s. */
int text_lines(const char *s, int cols);

#endif
