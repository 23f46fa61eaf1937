/* The plain-text rendering of a report: fixed pages of display columns for a terminal
 * printer or an e-mail. Widths are counted in display columns (a Chinese character
 * takes two), text is wrapped by them and never split inside a UTF-8 character, and
 * each page is exactly `lines` lines: header, body, footer, then a form feed. */
#include "paper/report_model.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "frontdesk/i18n.h"
#include "frontdesk/text.h"

enum { HEADING_KEEP = 4, SIGNATURE_BLANK = 16, MIN_COLUMN = 2, SHORT_COLUMN = 12,
       TITLE_KEPT = 10 /* five Chinese characters */ };

/* ---- characters and columns ---- */

/* Decodes one UTF-8 character; an invalid byte stands for U+FFFD and counts as one. */
static size_t decode(const unsigned char *s, uint32_t *cp)
{
    wchar_t wc;
    size_t len = text_decode((const char *)s, strnlen((const char *)s, 4), &wc);
    *cp = (uint32_t)wc;
    return len;
}

/* wcwidth answers for the thread's LC_CTYPE: counting runs under C.UTF-8 whatever the
 * process's locale is (cron runs under "C"), and without touching it. Only LC_CTYPE
 * changes: the others come from the thread's own locale, or gettext would follow
 * LC_MESSAGES into "C" and print the report's frame in English. */
typedef struct width_locale {
    locale_t utf8, saved;
} width_locale;

static width_locale width_locale_enter(void)
{
    width_locale w = {(locale_t)0, (locale_t)0};
    locale_t base = duplocale(uselocale((locale_t)0));
    if (base && !(w.utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", base)))
        freelocale(base);
    if (w.utf8)
        w.saved = uselocale(w.utf8);
    return w;
}

static void width_locale_leave(width_locale *w)
{
    if (w->utf8) {
        uselocale(w->saved);
        freelocale(w->utf8);
    }
}

static int char_columns(uint32_t cp)
{
    if (cp == '\t')
        return 1;
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

static int columns_of(const char *s)
{
    int cols = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp;
        p += decode(p, &cp);
        cols += char_columns(cp);
    }
    return cols;
}

int fd_text_columns(const char *s)
{
    width_locale w = width_locale_enter();
    int cols = columns_of(s);
    width_locale_leave(&w);
    return cols;
}

/* ---- lines ---- */

typedef struct line_list {
    char **lines;
    size_t count, capacity;
} line_list;

static void list_add(line_list *l, char *line)
{
    if (l->count == l->capacity) {
        l->capacity = l->capacity ? 2 * l->capacity : 16;
        l->lines = fd_realloc(l->lines, l->capacity * sizeof *l->lines);
    }
    l->lines[l->count++] = line;
}

static void list_free(line_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->lines[i]);
    FD_FREE(l->lines);
    l->count = l->capacity = 0;
}

/* A growing string. */
typedef struct buffer {
    char *data;
    size_t length, capacity;
} buffer;

static void buffer_add(buffer *b, const char *s, size_t n)
{
    if (b->length + n + 1 > b->capacity) {
        b->capacity = 2 * (b->length + n + 1) + 32;
        b->data = fd_realloc(b->data, b->capacity);
    }
    memcpy(b->data + b->length, s, n);
    b->length += n;
    b->data[b->length] = '\0';
}

static void buffer_repeat(buffer *b, char c, int times)
{
    for (int i = 0; i < times; i++)
        buffer_add(b, &c, 1);
}

static char *buffer_take(buffer *b)
{
    char *s = b->data ? b->data : fd_strdup("");
    memset(b, 0, sizeof *b);
    return s;
}

/* ---- wrapping ---- */

/* Characters that must not begin a line (避头点): a break before one moves back a
 * character, so the punctuation stays with what it follows. */
static bool closing_punctuation(uint32_t cp)
{
    static const uint32_t closing[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
                                       0xFF09, 0x300B, 0x300D, 0x300F, 0x201D, 0x2019, 0x2026,
                                       0x3011, ',', '.', ';', ':', '?', '!', ')'};
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (closing[i] == cp)
            return true;
    return false;
}

/* Characters that must not end a line (避尾点): an opening bracket or quote stays with
 * what it opens. */
static bool opening_punctuation(uint32_t cp)
{
    static const uint32_t opening[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x201C, 0x2018, 0x3010, '('};
    for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++)
        if (opening[i] == cp)
            return true;
    return false;
}

typedef struct glyph {
    size_t offset, length; /* bytes in the source */
    uint32_t cp;
    int cols;
} glyph;

/* The characters of one hard line (up to '\n'), controls shown as spaces. */
static size_t scan_line(const char *s, glyph **out, size_t *capacity)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && *p != '\n') {
        if (n == *capacity) {
            *capacity = *capacity ? 2 * *capacity : 64;
            *out = fd_realloc(*out, *capacity * sizeof **out);
        }
        glyph *g = &(*out)[n++];
        g->offset = (size_t)(p - (const unsigned char *)s);
        g->length = decode(p, &g->cp);
        if (g->cp < 0x20 || g->cp == 0x7F)
            g->cp = ' ';
        g->cols = char_columns(g->cp);
        p += g->length;
    }
    return n;
}

static char *glyphs_text(const char *s, const glyph *g, size_t from, size_t to)
{
    buffer b = {0};
    for (size_t i = from; i < to; i++) {
        if (g[i].cp == ' ' || g[i].cp == 0xFFFD)
            buffer_add(&b, g[i].cp == ' ' ? " " : "?", 1);
        else
            buffer_add(&b, s + g[i].offset, g[i].length);
    }
    return buffer_take(&b);
}

/* Where the line that starts at glyph from ends, at most width columns: after the last
 * space or beside a wide character when there is such a break (never before closing
 * or after opening punctuation), else where the columns run out. Always at least one
 * character, so wrapping advances. */
static size_t line_end(const glyph *g, size_t count, size_t from, int width)
{
    int used = 0;
    size_t i = from;
    while (i < count && used + g[i].cols <= width)
        used += g[i++].cols;
    if (i == count)
        return count;
    if (i == from)
        return from + 1;
    size_t fit = i;
    for (size_t k = fit; k > from + 1; k--) {
        bool space = g[k - 1].cp == ' ';
        bool wide = g[k - 1].cols > 1 || g[k].cols > 1;
        if ((space || wide) && !closing_punctuation(g[k].cp) && !opening_punctuation(g[k - 1].cp))
            return k;
    }
    return fit;
}

/* Wraps text into lines of at most width columns: '\n' breaks, nothing is cut. */
static void wrap(const char *text, int width, line_list *out)
{
    glyph *g = NULL;
    size_t capacity = 0;
    const char *s = text;
    for (;;) {
        size_t count = scan_line(s, &g, &capacity);
        size_t from = 0;
        if (count == 0)
            list_add(out, fd_strdup(""));
        while (from < count) {
            size_t to = line_end(g, count, from, width);
            size_t shown = to;
            while (shown > from + 1 && g[shown - 1].cp == ' ')
                shown--;
            list_add(out, glyphs_text(s, g, from, shown));
            from = to;
            while (from < count && g[from].cp == ' ')
                from++;
        }
        const char *nl = strchr(s, '\n');
        if (!nl)
            break;
        s = nl + 1;
    }
    free(g);
}

/* text padded with spaces to width columns (text is never wider). */
static void add_padded(buffer *b, const char *text, int width)
{
    buffer_add(b, text, strlen(text));
    buffer_repeat(b, ' ', width - columns_of(text));
}

/* left and right on one line of width columns when they fit; otherwise left wrapped,
 * then right alone at the right margin. */
static void two_ends(const char *left, const char *right, int width, line_list *out)
{
    int lc = columns_of(left), rc = columns_of(right);
    buffer b = {0};
    if (lc + 2 + rc <= width) {
        add_padded(&b, left, width - rc);
        buffer_add(&b, right, strlen(right));
        list_add(out, buffer_take(&b));
        return;
    }
    wrap(left, width, out);
    if (rc <= width) {
        buffer_repeat(&b, ' ', width - rc);
        buffer_add(&b, right, strlen(right));
        list_add(out, buffer_take(&b));
    } else {
        wrap(right, width, out);
    }
}

static void centred(const char *text, int width, line_list *out)
{
    line_list parts = {0};
    wrap(text, width, &parts);
    for (size_t i = 0; i < parts.count; i++) {
        buffer b = {0};
        buffer_repeat(&b, ' ', (width - columns_of(parts.lines[i])) / 2);
        buffer_add(&b, parts.lines[i], strlen(parts.lines[i]));
        list_add(out, buffer_take(&b));
    }
    list_free(&parts);
}

static char *rule(char c, int width)
{
    buffer b = {0};
    buffer_repeat(&b, c, width);
    return buffer_take(&b);
}

/* ---- pages ---- */

typedef struct pager {
    int width, lines;
    size_t body_lines;          /* lines a page has for the body */
    line_list *pages;           /* bodies */
    size_t page_count;
    const line_list *table_head; /* repeated at the top of each page while a table runs */
    bool head_on_page;
} pager;

static line_list *current(pager *p)
{
    return &p->pages[p->page_count - 1];
}

static void new_page(pager *p)
{
    p->pages = fd_realloc(p->pages, (p->page_count + 1) * sizeof *p->pages);
    memset(&p->pages[p->page_count++], 0, sizeof *p->pages);
    p->head_on_page = false;
}

static size_t space_left(pager *p)
{
    size_t used = current(p)->count;
    return used < p->body_lines ? p->body_lines - used : 0;
}

static void put_head(pager *p)
{
    for (size_t i = 0; i < p->table_head->count; i++)
        list_add(current(p), fd_strdup(p->table_head->lines[i]));
    p->head_on_page = true;
}

/* One body line; a full page turns, repeating a running table's head. */
static void put(pager *p, char *line)
{
    if (space_left(p) == 0) {
        new_page(p);
        if (p->table_head)
            put_head(p);
    }
    list_add(current(p), line);
}

/* Lines that belong together: on this page if they fit, else on the next, else (taller
 * than a page) wherever they fall, line by line. */
static void put_together(pager *p, line_list *lines)
{
    size_t head = p->table_head ? p->table_head->count : 0;
    size_t fresh = p->body_lines > head ? p->body_lines - head : 0;
    if (lines->count > space_left(p) && lines->count <= fresh &&
        current(p)->count > (p->head_on_page ? head : 0)) {
        new_page(p);
        if (p->table_head)
            put_head(p);
    }
    for (size_t i = 0; i < lines->count; i++)
        put(p, lines->lines[i]);
    FD_FREE(lines->lines);
    lines->count = lines->capacity = 0;
}

static void put_blank(pager *p)
{
    if (current(p)->count > 0 && space_left(p) > 0)
        list_add(current(p), fd_strdup(""));
}

/* ---- blocks ---- */

static void heading(pager *p, const report_block *b)
{
    put_blank(p);
    line_list lines = {0};
    wrap(b->text, p->width, &lines);
    int widest = 0;
    for (size_t i = 0; i < lines.count; i++) {
        int c = columns_of(lines.lines[i]);
        widest = c > widest ? c : widest;
    }
    list_add(&lines, rule('-', widest));
    if (space_left(p) < lines.count + HEADING_KEEP && current(p)->count > 0)
        new_page(p);
    put_together(p, &lines);
}

static void field(pager *p, const report_block *b)
{
    char *key = report_field_key(b->text);
    int indent = columns_of(key);
    if (indent > p->width / 2)
        indent = 0;
    line_list lines = {0}, out = {0};
    wrap(b->value, p->width - indent, &lines);
    for (size_t i = 0; i < lines.count; i++) {
        buffer line = {0};
        if (i == 0 && indent)
            buffer_add(&line, key, strlen(key));
        else
            buffer_repeat(&line, ' ', indent);
        buffer_add(&line, lines.lines[i], strlen(lines.lines[i]));
        list_add(&out, buffer_take(&line));
    }
    if (!indent) {
        line_list keys = {0};
        wrap(key, p->width, &keys);
        for (size_t i = 0; i < keys.count; i++)
            put(p, keys.lines[i]);
        free(keys.lines);
    }
    list_free(&lines);
    free(key);
    for (size_t i = 0; i < out.count; i++)
        put(p, out.lines[i]);
    free(out.lines);
}

static void paragraph(pager *p, const report_block *b)
{
    line_list lines = {0};
    wrap(b->text, p->width, &lines);
    for (size_t i = 0; i < lines.count; i++)
        put(p, lines.lines[i]);
    free(lines.lines);
}

static void signatures(pager *p, const report_block *b)
{
    buffer line = {0};
    for (size_t i = 0; i < b->label_count; i++) {
        char *key = report_field_key(b->labels[i]);
        if (i > 0)
            buffer_repeat(&line, ' ', 4);
        buffer_add(&line, key, strlen(key));
        buffer_repeat(&line, '_', SIGNATURE_BLANK);
        free(key);
    }
    char *text = buffer_take(&line);
    line_list lines = {0};
    put_blank(p);
    wrap(text, p->width, &lines);
    free(text);
    put_together(p, &lines);
}

/* A barcode in plain text: its data between asterisks, as Code 39 labels print it,
 * on a line of its own. */
static void barcode(pager *p, const report_block *b)
{
    char *text = fd_printf("*%s*", b->text);
    line_list lines = {0};
    put_blank(p);
    centred(text, p->width, &lines);
    free(text);
    put_together(p, &lines);
}

/* The widest line of text, in display columns. */
static int widest_line(const char *text)
{
    int widest = 0;
    for (const char *line = text;;) {
        const char *nl = strchr(line, '\n');
        char *one = nl ? strndup(line, (size_t)(nl - line)) : NULL;
        int cols = columns_of(one ? one : line);
        free(one);
        widest = cols > widest ? cols : widest;
        if (!nl)
            return widest;
        line = nl + 1;
    }
}

/* The widest run of text that must not break, in columns. A code, a time or an English
 * word (Latin letters, digits and marks: "09:45", "SF1234567890") never breaks; with
 * whole_words neither does anything between two spaces, Chinese included — a title
 * ("投诉逾期", "填写人及备注") or a column of labels and codes. */
static int widest_word(const char *text, bool whole_words)
{
    int widest = 0, run = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        uint32_t cp;
        p += decode(p, &cp);
        bool code = cp > ' ' && cp < 0x7F;
        run = code || (whole_words && cp > 0x7F) ? run + char_columns(cp) : 0;
        widest = run > widest ? run : widest;
    }
    return widest;
}

/* What a column cannot lose: its cells' codes — in a column kept whole
 * (fd_report_column_whole), its cells' widest words — and its title's widest word,
 * a Chinese title whole while whole_titles. */
static int least_width(const fd_report_table *t, size_t c, bool whole_titles)
{
    int least = widest_word(t->titles[c], whole_titles);
    for (size_t r = 0; r < t->row_count; r++) {
        int word = widest_word(t->rows[r].cells[c], t->whole[c]);
        least = word > least ? word : least;
    }
    return least > MIN_COLUMN ? least : MIN_COLUMN;
}

/* Nothing breaks inside a word it must keep (least_width): a column narrower than its
 * least width takes the columns it lacks from the widest columns that can spare them. */
static void keep_least_widths(const fd_report_table *t, const int *least, int *w)
{
    size_t n = t->column_count;
    for (size_t c = 0; c < n; c++) {
        while (w[c] < least[c]) {
            size_t widest = c;
            for (size_t d = 0; d < n; d++)
                if (d != c && w[d] > least[d] && (widest == c || w[d] > w[widest]))
                    widest = d;
            if (widest == c)
                break;
            w[widest]--;
            w[c]++;
        }
    }
}

/* Shares out room to the columns not yet given a width (w[c] < 0) by their shares,
 * largest remainders first. */
static void share_out(const fd_report_table *t, int *w, const int *base, int room)
{
    size_t n = t->column_count;
    double shares = 0;
    for (size_t c = 0; c < n; c++)
        shares += w[c] < 0 ? t->widths[c] : 0;
    double *rest = fd_alloc(n * sizeof *rest);
    int used = 0;
    for (size_t c = 0; c < n; c++) {
        rest[c] = -1;
        if (w[c] >= 0)
            continue;
        double exact = shares > 0 ? t->widths[c] / shares * room : 0;
        w[c] = base[c] + (int)exact;
        rest[c] = exact - (int)exact;
        used += (int)exact;
    }
    for (; used < room; used++) {
        size_t best = 0;
        for (size_t c = 1; c < n; c++)
            if (rest[c] > rest[best])
                best = c;
        if (rest[best] < 0)
            break;
        w[best]++;
        rest[best] = -1;
    }
    free(rest);
}

/* Column widths in display columns, in what the borders leave: every column as wide
 * as its widest cell (and its title, up to TITLE_KEPT) when they all fit, with what is
 * left shared out by the columns' shares; otherwise by shares, except that a column
 * needing less than its share gets just what it needs and leaves the rest to the
 * others. Never less than a column's least width (least_width) where the others can
 * spare it, nor than MIN_COLUMN (a Chinese character). */
static int *column_widths(const fd_report_table *t, int width)
{
    size_t n = t->column_count;
    int room = width - 1 - 3 * (int)n, needed = 0;
    int *natural = fd_alloc(n * sizeof *natural), *w = fd_alloc(n * sizeof *w);
    int *zero = fd_alloc(n * sizeof *zero), *least = fd_alloc(n * sizeof *least);
    int least_needed = 0;
    for (size_t c = 0; c < n; c++) {
        least[c] = least_width(t, c, true);
        least_needed += least[c];
        /* A long title may wrap under its column; the rows decide its width. */
        int title = widest_line(t->titles[c]);
        natural[c] = t->row_count && title > TITLE_KEPT ? TITLE_KEPT : title;
        for (size_t r = 0; r < t->row_count; r++) {
            int cols = widest_line(t->rows[r].cells[c]);
            natural[c] = cols > natural[c] ? cols : natural[c];
        }
        natural[c] = natural[c] < MIN_COLUMN ? MIN_COLUMN : natural[c];
        needed += natural[c];
        w[c] = -1;
    }
    /* Too many columns for every title to stand whole: a Chinese title may wrap
     * between its characters, a code never breaks. */
    for (size_t c = 0; least_needed > room && c < n; c++)
        least[c] = least_width(t, c, false);
    if (needed <= room) {
        share_out(t, w, natural, room - needed);
    } else {
        int left = room, short_needed = 0;
        double shares = 1;
        /* A column kept whole is as wide as its widest word first — never so wide
         * that the other columns lose their least width. */
        for (size_t c = 0; c < n; c++) {
            if (t->whole[c] && least[c] <= (left - MIN_COLUMN * (int)n) / 2) {
                w[c] = least[c];
                left -= least[c];
                shares -= t->widths[c];
            }
        }
        /* Times, names and numbers read badly broken: short columns keep their width
         * while they take no more than half the room. */
        for (size_t c = 0; c < n; c++)
            short_needed += natural[c] <= SHORT_COLUMN ? natural[c] : 0;
        for (size_t c = 0; c < n && short_needed * 2 <= room; c++) {
            if (w[c] < 0 && natural[c] <= SHORT_COLUMN) {
                w[c] = natural[c];
                left -= natural[c];
                shares -= t->widths[c];
            }
        }
        for (bool settled = true; settled;) {
            settled = false;
            for (size_t c = 0; c < n; c++) {
                if (w[c] < 0 && natural[c] <= t->widths[c] / shares * left) {
                    w[c] = natural[c];
                    left -= natural[c];
                    shares -= t->widths[c];
                    settled = true;
                }
            }
        }
        share_out(t, w, zero, left);
    }
    for (size_t c = 0; c < n; c++)
        w[c] = w[c] < MIN_COLUMN ? MIN_COLUMN : w[c];
    keep_least_widths(t, least, w);
    free(least);
    free(zero);
    free(natural);
    return w;
}

static char *table_rule(const int *w, size_t n, char c)
{
    buffer b = {0};
    buffer_add(&b, "+", 1);
    for (size_t i = 0; i < n; i++) {
        buffer_repeat(&b, c, w[i] + 2);
        buffer_add(&b, "+", 1);
    }
    return buffer_take(&b);
}

/* The cells of a row side by side, each wrapped in its column. */
static void row_lines(char *const *cells, const int *w, size_t n, line_list *out)
{
    line_list *wrapped = fd_alloc(n * sizeof *wrapped);
    size_t height = 1;
    for (size_t c = 0; c < n; c++) {
        wrap(cells[c], w[c], &wrapped[c]);
        height = wrapped[c].count > height ? wrapped[c].count : height;
    }
    for (size_t i = 0; i < height; i++) {
        buffer b = {0};
        buffer_add(&b, "|", 1);
        for (size_t c = 0; c < n; c++) {
            buffer_add(&b, " ", 1);
            add_padded(&b, i < wrapped[c].count ? wrapped[c].lines[i] : "", w[c]);
            buffer_add(&b, " |", 2);
        }
        list_add(out, buffer_take(&b));
    }
    for (size_t c = 0; c < n; c++)
        list_free(&wrapped[c]);
    free(wrapped);
}

static bool any_row_wraps(const fd_report_table *t, const int *w)
{
    for (size_t r = 0; r < t->row_count; r++)
        for (size_t c = 0; c < t->column_count; c++) {
            const char *cell = t->rows[r].cells[c];
            if (strchr(cell, '\n') || columns_of(cell) > w[c])
                return true;
        }
    return false;
}

static void table(pager *p, const fd_report_table *t)
{
    size_t n = t->column_count;
    if (n == 0)
        return;
    int *w = column_widths(t, p->width);
    line_list head = {0};
    list_add(&head, table_rule(w, n, '-'));
    row_lines(t->titles, w, n, &head);
    list_add(&head, table_rule(w, n, '='));
    /* Rows of one line each read best packed; rows of several need a rule between. */
    bool ruled = any_row_wraps(t, w);
    put_blank(p);
    /* A head taller than half a page (titles in very narrow columns) is printed once,
     * not on every page, so rows still fit. */
    p->table_head = head.count * 2 <= p->body_lines ? &head : NULL;
    p->head_on_page = false;
    size_t rows = t->row_count ? t->row_count : 1; /* an empty table says so in a row */
    char **none = fd_alloc(n * sizeof *none);
    for (size_t c = 0; c < n; c++)
        none[c] = c == 0 ? (char *)report_none_text() : "";
    for (size_t r = 0; r < rows; r++) {
        line_list lines = {0};
        row_lines(t->row_count ? t->rows[r].cells : none, w, n, &lines);
        if (ruled || r + 1 == rows)
            list_add(&lines, table_rule(w, n, '-'));
        if (r == 0 && !p->table_head) {
            for (size_t i = 0; i < head.count; i++)
                put(p, fd_strdup(head.lines[i]));
        } else if (p->table_head && !p->head_on_page) {
            if (space_left(p) < head.count + lines.count && current(p)->count > 0)
                new_page(p);
            put_head(p);
        }
        put_together(p, &lines);
    }
    p->table_head = NULL;
    free(none);
    list_free(&head);
    free(w);
}

static void block(pager *p, const report_block *b)
{
    switch (b->kind) {
    case BLOCK_HEADING: heading(p, b); break;
    case BLOCK_FIELD: field(p, b); break;
    case BLOCK_PARAGRAPH: paragraph(p, b); break;
    case BLOCK_TABLE: table(p, b->table); break;
    case BLOCK_SIGNATURES: signatures(p, b); break;
    case BLOCK_BARCODE: barcode(p, b); break;
    }
}

/* The lines a table takes to its first row: a blank, its head between rules, the row
 * and the rule under it. */
static size_t table_start_lines(const fd_report_table *t, int width)
{
    size_t n = t->column_count;
    if (n == 0)
        return 0;
    int *w = column_widths(t, width);
    line_list lines = {0};
    row_lines(t->titles, w, n, &lines);
    size_t count = lines.count + 2;
    list_free(&lines);
    if (t->row_count) {
        row_lines(t->rows[0].cells, w, n, &lines);
        count += lines.count;
        list_free(&lines);
    } else {
        count++;
    }
    free(w);
    return count + 2;
}

/* Lines from block i to the first row of the table it introduces, when blocks i … k-1
 * are headings, fields or paragraphs and block k is a table (0 otherwise): a heading
 * or a table's caption is never left at the foot of a page without its rows. */
static size_t lines_to_table(const fd_report *r, size_t i, int width)
{
    size_t lines = 0;
    for (size_t k = i; k < r->block_count; k++) {
        const report_block *b = &r->blocks[k];
        if (b->kind == BLOCK_TABLE)
            return lines + table_start_lines(b->table, width);
        if (b->kind == BLOCK_SIGNATURES || b->kind == BLOCK_BARCODE)
            return 0;
        char *text = b->kind == BLOCK_FIELD ? fd_printf("%s%s", b->text, b->value) : fd_strdup(b->text);
        line_list wrapped = {0};
        wrap(text, width, &wrapped);
        /* A heading has a blank above and a rule under it. */
        lines += wrapped.count + (b->kind == BLOCK_HEADING ? 2 : 0);
        list_free(&wrapped);
        free(text);
    }
    return 0;
}

/* ---- the whole ---- */

static void page_header(const fd_report *r, int width, line_list *out)
{
    centred(r->title, width, out);
    two_ends(r->site, r->range, width, out);
    list_add(out, rule('=', width));
}

static void page_footer(const fd_report *r, int width, int page, int pages, line_list *out)
{
    char *printed = report_printed_line(r), *number = report_page_line(page, pages);
    list_add(out, rule('-', width));
    two_ends(printed, number, width, out);
    free(printed);
    free(number);
}

static fd_status write_pages(const fd_report *r, pager *p, const line_list *header, size_t footer_lines,
                             FILE *out, fd_error *err)
{
    for (size_t i = 0; i < p->page_count; i++) {
        line_list footer = {0};
        page_footer(r, p->width, (int)i + 1, (int)p->page_count, &footer);
        for (size_t k = 0; k < header->count; k++)
            fprintf(out, "%s\n", header->lines[k]);
        fputs("\n", out);
        const line_list *body = &p->pages[i];
        for (size_t k = 0; k < p->body_lines; k++)
            fprintf(out, "%s\n", k < body->count ? body->lines[k] : "");
        /* A footer that wraps differently on a later page still fills the same lines. */
        for (size_t k = footer.count; k < footer_lines; k++)
            fputs("\n", out);
        for (size_t k = 0; k < footer.count; k++)
            fprintf(out, "%s%s", footer.lines[k],
                    k + 1 < footer.count ? "\n" : i + 1 < p->page_count ? "\n\f" : "\n");
        list_free(&footer);
    }
    if (ferror(out))
        return fd_fail(err, FD_IO, NULL, _("Cannot write the report."));
    return FD_OK;
}

fd_status fd_report_write_text(const fd_report *r, int width, int lines, FILE *out, fd_error *err)
{
    if (width == 0)
        width = r->landscape ? FD_REPORT_TEXT_WIDE : FD_REPORT_TEXT_WIDTH;
    if (lines == 0)
        lines = FD_REPORT_TEXT_LINES;
    if (width < FD_REPORT_TEXT_MIN_WIDTH || lines < FD_REPORT_TEXT_MIN_LINES)
        return fd_fail(err, FD_INVALID, "page",
                       _("A text page needs at least %d columns and %d lines."),
                       FD_REPORT_TEXT_MIN_WIDTH, FD_REPORT_TEXT_MIN_LINES);
    width_locale wl = width_locale_enter();
    line_list header = {0}, widest_footer = {0};
    page_header(r, width, &header);
    /* The footer is measured with the widest page number it will carry. */
    page_footer(r, width, 99999, 99999, &widest_footer);
    size_t fixed = header.count + 1 + widest_footer.count;
    fd_status s = FD_OK;
    if (fixed + HEADING_KEEP * 2 > (size_t)lines) {
        s = fd_fail(err, FD_INVALID, "page", _("The page is too short for its header and footer."));
    } else {
        pager p = {.width = width, .lines = lines, .body_lines = (size_t)lines - fixed};
        new_page(&p);
        for (size_t i = 0; i < r->block_count; i++) {
            size_t keep = r->blocks[i].kind == BLOCK_TABLE ? 0 : lines_to_table(r, i, width);
            if (keep && keep <= p.body_lines && space_left(&p) < keep && current(&p)->count > 0)
                new_page(&p);
            block(&p, &r->blocks[i]);
        }
        char *closing = report_closing_line(r);
        if (closing) {
            put_blank(&p);
            report_block b = {.kind = BLOCK_PARAGRAPH, .text = closing};
            paragraph(&p, &b);
            free(closing);
        }
        s = write_pages(r, &p, &header, widest_footer.count, out, err);
        for (size_t i = 0; i < p.page_count; i++)
            list_free(&p.pages[i]);
        free(p.pages);
    }
    list_free(&header);
    list_free(&widest_footer);
    width_locale_leave(&wl);
    return s;
}
