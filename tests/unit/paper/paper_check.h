/* Reading printed reports back for the paper tests (test_report.c, test_print.c):
 * poppler's pdftotext, pdfinfo, pdffonts and pdftoppm for the PDF, display columns for
 * the text. Header-only: each test program is built from one file. */
#ifndef FRONTDESK_PAPER_CHECK_H
#define FRONTDESK_PAPER_CHECK_H

#include <check.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <wchar.h>

#include "command_output.h"
#include "frontdesk/i18n.h"
#include "testlib.h"

static inline char *paper_slurp_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    ck_assert_int_eq(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}

static inline int paper_count(const char *text, const char *needle)
{
    int n = 0;
    size_t len = strlen(needle);
    for (const char *p = strstr(text, needle); p; p = strstr(p + len, needle))
        n++;
    return n;
}

/* Splits text at form feeds into pages (modifies text); returns the page count. */
static inline int paper_split_pages(char *text, char **pages, int max)
{
    int n = 0;
    char *p = text;
    while (p && n < max) {
        pages[n++] = p;
        p = strchr(p, '\f');
        if (p)
            *p++ = '\0';
    }
    /* pdftotext ends its last page with a form feed too. */
    if (n > 1 && pages[n - 1][strspn(pages[n - 1], "\n")] == '\0')
        n--;
    return n;
}

/* The page on which needle stands (1-based), 0 when on none. */
static inline int paper_page_of(char **pages, int count, const char *needle)
{
    for (int i = 0; i < count; i++)
        if (strstr(pages[i], needle))
            return i + 1;
    return 0;
}

static inline int paper_pdf_pages(const char *path)
{
    char command[2048];
    snprintf(command, sizeof command, "pdfinfo '%s'", path);
    char *info = command_output(command);
    const char *p = strstr(info, "Pages:");
    ck_assert_ptr_nonnull(p);
    int pages = atoi(p + 6);
    free(info);
    return pages;
}

/* Every font of the PDF embedded, and the CJK face tools/install-deps installs among them. */
static inline void paper_assert_fonts_embedded(const char *path)
{
    char command[2048];
    snprintf(command, sizeof command, "pdffonts '%s'", path);
    char *fonts = command_output(command);
    ck_assert_msg(strstr(fonts, "WenQuanYiMicroHei") != NULL, "no WenQuanYi Micro Hei in:\n%s",
                  fonts);
    const char *emb = strstr(fonts, " emb ");
    ck_assert_ptr_nonnull(emb);
    size_t column = (size_t)(emb - fonts) + 1;
    int rows = 0;
    char *line = strchr(fonts, '\n');
    line = line ? strchr(line + 1, '\n') : NULL;
    while (line && line[1]) {
        line++;
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        ck_assert_msg(strlen(line) > column + 3 && strncmp(line + column, "yes", 3) == 0,
                      "not embedded: %s", line);
        rows++;
        line = end;
    }
    ck_assert_int_ge(rows, 1);
    free(fonts);
}

/* Is any page strongly red somewhere (a follow-up)? pdftoppm's PPM, page by page. */
static inline bool paper_has_red(const char *pdf, int pages)
{
    bool red = false;
    for (int page = 1; page <= pages && !red; page++) {
        char command[2048], ppm[600];
        const char *stem = testlib_path("red");
        snprintf(command, sizeof command, "pdftoppm -r 40 -f %d -l %d -singlefile '%s' '%s'", page,
                 page, pdf, stem);
        ck_assert_int_eq(system(command), 0);
        snprintf(ppm, sizeof ppm, "%s.ppm", stem);
        FILE *f = fopen(ppm, "rb");
        ck_assert_ptr_nonnull(f);
        int w, h, max;
        ck_assert_int_eq(fscanf(f, "P6 %d %d %d", &w, &h, &max), 3);
        fgetc(f);
        for (long i = 0; i < (long)w * h; i++) {
            int r = fgetc(f), g = fgetc(f), b = fgetc(f);
            if (r > 150 && g < 90 && b < 90)
                red = true;
        }
        fclose(f);
        remove(ppm);
    }
    return red;
}

static inline double paper_seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Whitespace and line breaks taken out: what the reader sees, however it wrapped. */
static inline char *paper_squeezed(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\f')
            *o++ = *s;
    *o = '\0';
    return out;
}

/* Display columns of [s, end), counted here independently of the renderer (the test
 * program runs under a UTF-8 LC_CTYPE). */
static inline int paper_columns(const char *s, const char *end)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    int cols = 0;
    while (s < end) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, s, (size_t)(end - s), &st);
        ck_assert_msg(n != (size_t)-1 && n != (size_t)-2 && n != 0, "bad UTF-8");
        cols += wcwidth(wc);
        s += n;
    }
    return cols;
}

/* The display columns of every c in line, as "0,9,20,". */
static inline void paper_marks(const char *line, char c, char *out, size_t size)
{
    out[0] = '\0';
    for (const char *p = strchr(line, c); p; p = strchr(p + 1, c)) {
        char one[16];
        snprintf(one, sizeof one, "%d,", paper_columns(line, p));
        strncat(out, one, size - strlen(out) - 1);
    }
}

/* Every table line of a text rendering lines up with its table's rules: each '|' of a
 * row stands at the display column of a '+' of the rule above it, and no line is
 * wider than width. Returns the table lines checked. */
static inline int paper_assert_text_aligned(const char *text, int width)
{
    char rule[512] = "";
    int checked = 0;
    const char *line = text;
    while (*line) {
        size_t n = strcspn(line, "\n\f");
        char *one = strndup(line, n);
        ck_assert_msg(paper_columns(one, one + n) <= width, "wider than %d: %s", width, one);
        char marks[512];
        if (one[0] == '+') {
            paper_marks(one, '+', rule, sizeof rule);
        } else if (one[0] == '|') {
            paper_marks(one, '|', marks, sizeof marks);
            ck_assert_msg(rule[0] && strcmp(marks, rule) == 0,
                          "\"%s\" has its bars at %s, the rule above at %s", one, marks, rule);
            checked++;
        }
        free(one);
        line += n + (line[n] != '\0');
    }
    return checked;
}

static inline char *paper_format_prefix(const char *format)
{
    return strndup(format, strcspn(format, "%"));
}

/* The body of the pages: lines of the page header and footer taken out. */
static inline char *paper_without_chrome(const char *text, const char *site, const char *title,
                                         const char *range)
{
    char *page = paper_format_prefix(_("Page %d of %d")), *printed = paper_format_prefix(_("Printed %s"));
    char *out = malloc(strlen(text) + 1), *o = out;
    const char *line = text;
    while (*line) {
        size_t n = strcspn(line, "\n");
        char *one = strndup(line, n), *t = one;
        while (*t == ' ' || *t == '\f')
            t++;
        bool chrome = strstr(t, site) || strstr(t, page) == t || strstr(t, printed) == t ||
                      strcmp(t, title) == 0 || strcmp(t, range) == 0 ||
                      (*t && strspn(t, "-=") == strlen(t));
        if (!chrome) {
            memcpy(o, line, n);
            o += n;
            *o++ = '\n';
        }
        free(one);
        line += n + (line[n] == '\n');
    }
    *o = '\0';
    free(page);
    free(printed);
    return out;
}

/* A stand-in for CUPS's lp in a folder of its own (returned; caller frees): records its
 * arguments in DIR/args and its environment in DIR/env, keeps a copy of the job it
 * reads from its standard input as DIR/printed.pdf, and exits with exit_status,
 * saying on failure what lp says for an unknown printer. */
static inline char *paper_fake_lp(int exit_status)
{
    char *dir = strdup(testlib_path("bin"));
    mkdir(dir, 0700);
    char path[1024];
    snprintf(path, sizeof path, "%s/lp", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "#!/bin/sh\necho \"$@\" > '%s/args'\nenv > '%s/env'\ncat > '%s/printed.pdf'\n"
               "[ %d -eq 0 ] || echo 'lp: The printer or class does not exist.' >&2\nexit %d\n",
            dir, dir, dir, exit_status, exit_status);
    fclose(f);
    chmod(path, 0755);
    return dir;
}

#endif
