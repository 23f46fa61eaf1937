#include "widgets/lineedit.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/status.h"
#include "frontdesk/text.h"

/* A PIN shows as bullets, one column each. */
static const char secret_mark[] = "\u2022";

void lineedit_init(lineedit *e, size_t max_chars, bool secret, bool (*accept)(wchar_t wc))
{
    *e = (lineedit){.max_chars = max_chars, .secret = secret, .accept = accept};
    lineedit_set(e, "");
}

/* A secret's old bytes are wiped rather than left for the allocator to hand out. */
static void release_text(lineedit *e)
{
    if (e->text && e->secret)
        explicit_bzero(e->text, e->cap);
    FD_FREE(e->text);
}

void lineedit_free(lineedit *e)
{
    release_text(e);
    FD_FREE(e->offset);
    FD_FREE(e->column);
}

static void reserve_text(lineedit *e, size_t need)
{
    if (need + 1 <= e->cap)
        return;
    size_t cap = e->cap ? e->cap : 32;
    while (cap < need + 1)
        cap *= 2;
    char *text = fd_alloc(cap);
    if (e->text)
        memcpy(text, e->text, e->len + 1);
    release_text(e);
    e->text = text;
    e->cap = cap;
}

static int char_columns(const lineedit *e, wchar_t wc)
{
    return e->secret ? 1 : text_char_width(wc);
}

/* Rebuilds the per-character offsets and columns after the text changed. */
static void reindex(lineedit *e)
{
    size_t n = 0, pos = 0;
    int col = 0;
    while (true) {
        if (n + 1 >= e->slots) {
            e->slots = e->slots ? e->slots * 2 : 32;
            e->offset = fd_realloc(e->offset, e->slots * sizeof *e->offset);
            e->column = fd_realloc(e->column, e->slots * sizeof *e->column);
        }
        e->offset[n] = pos;
        e->column[n] = col;
        if (pos >= e->len)
            break;
        wchar_t wc;
        pos += text_decode(e->text + pos, e->len - pos, &wc);
        col += char_columns(e, wc);
        n++;
    }
    e->count = n;
    if (e->cursor > n)
        e->cursor = n;
}

/* Writes wc as UTF-8; returns the byte count (0 for a value that is no character). */
static size_t encode_utf8(wchar_t wc, char out[4])
{
    unsigned long c = (unsigned long)wc;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c >= 0xD800 && c <= 0xDFFF)
        return 0;
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    if (c > 0x10FFFF)
        return 0;
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

void lineedit_set(lineedit *e, const char *text)
{
    if (e->text) {
        if (e->secret)
            explicit_bzero(e->text, e->cap);
        e->len = 0;
        e->text[0] = '\0';
    }
    e->cursor = 0;
    e->scroll = 0;
    const char *s = text ? text : "";
    e->selected = *s != '\0';
    size_t n = strlen(s);
    reserve_text(e, n);
    /* Re-encoded character by character, so a stray byte cannot leave half a
     * character in the buffer. */
    while (n > 0) {
        wchar_t wc;
        size_t len = text_decode(s, n, &wc);
        char bytes[4];
        size_t out = encode_utf8(wc, bytes);
        reserve_text(e, e->len + out);
        memcpy(e->text + e->len, bytes, out);
        e->len += out;
        s += len;
        n -= len;
    }
    e->text[e->len] = '\0';
    reindex(e);
    e->cursor = e->count;
}

const char *lineedit_text(const lineedit *e) { return e->text; }

bool lineedit_insert(lineedit *e, wchar_t wc)
{
    /* A field that takes only certain characters takes codes (digits, letters, a
     * phone's hyphen): an input method's full-width forms of them are folded as typed,
     * so the field shows what is stored. Free text keeps them: ，and （ belong there. */
    if (e->accept)
        wc = (wchar_t)text_fold_width((uint32_t)wc);
    /* A line break pasted into a field of one line parts its words. */
    if (wc == '\n' && !e->multiline)
        wc = ' ';
    bool line_break = wc == '\n' && e->multiline;
    if ((wc < ' ' && !line_break) || (e->accept && !e->accept(wc)) ||
        (e->max_chars && e->count >= e->max_chars))
        return false;
    char bytes[4];
    size_t n = encode_utf8(wc, bytes);
    if (n == 0)
        return false;
    reserve_text(e, e->len + n);
    size_t at = e->offset[e->cursor];
    memmove(e->text + at + n, e->text + at, e->len - at + 1);
    memcpy(e->text + at, bytes, n);
    e->len += n;
    reindex(e);
    e->cursor++;
    return true;
}

static void delete_char(lineedit *e, size_t i)
{
    size_t from = e->offset[i], to = e->offset[i + 1];
    memmove(e->text + from, e->text + to, e->len - to + 1);
    if (e->secret)
        explicit_bzero(e->text + e->len - (to - from) + 1, to - from);
    e->len -= to - from;
    reindex(e);
}

/* A character typed over a selected (prefilled) text replaces it; one the field
 * refuses leaves it as it was. */
static int replace_selected(lineedit *e, wchar_t wc)
{
    char *before = fd_strdup(e->text ? e->text : "");
    lineedit_set(e, "");
    bool taken = lineedit_insert(e, wc);
    if (!taken)
        lineedit_set(e, before);
    if (e->secret)
        explicit_bzero(before, strlen(before));
    free(before);
    return taken ? LINEEDIT_CHANGED : LINEEDIT_REFUSED;
}

static bool is_break(const lineedit *e, size_t i)
{
    return i < e->count && e->text[e->offset[i]] == '\n';
}

static size_t line_start(const lineedit *e)
{
    size_t i = e->cursor;
    while (i > 0 && !is_break(e, i - 1))
        i--;
    return i;
}

static size_t line_end(const lineedit *e)
{
    size_t i = e->cursor;
    while (i < e->count && !is_break(e, i))
        i++;
    return i;
}

static int insert_typed(lineedit *e, wchar_t wc)
{
    if (lineedit_insert(e, wc))
        return LINEEDIT_CHANGED;
    return e->max_chars && e->count >= e->max_chars ? LINEEDIT_FULL : LINEEDIT_REFUSED;
}

static bool move_row(lineedit *e, int step);

int lineedit_handle(lineedit *e, const console_event *ev)
{
    bool selected = e->selected;
    e->selected = false;
    if (selected && ev->action == ACT_NONE && key_is_text(ev->key))
        return replace_selected(e, (wchar_t)ev->key.code);
    if (selected && (ev->action == ACT_BACKSPACE || ev->action == ACT_DELETE)) {
        lineedit_set(e, "");
        return LINEEDIT_CHANGED;
    }
    switch (ev->action) {
    case ACT_LEFT:
        if (e->cursor > 0)
            e->cursor--;
        return LINEEDIT_MOVED;
    case ACT_RIGHT:
        if (e->cursor < e->count)
            e->cursor++;
        return LINEEDIT_MOVED;
    case ACT_HOME:
        e->cursor = e->multiline ? line_start(e) : 0;
        return LINEEDIT_MOVED;
    case ACT_END:
        e->cursor = e->multiline ? line_end(e) : e->count;
        return LINEEDIT_MOVED;
    case ACT_SELECT:
        return e->multiline ? insert_typed(e, '\n') : LINEEDIT_IGNORED;
    case ACT_UP:
    case ACT_DOWN:
        return e->multiline && move_row(e, ev->action == ACT_UP ? -1 : 1) ? LINEEDIT_MOVED
                                                                         : LINEEDIT_IGNORED;
    case ACT_BACKSPACE:
        if (e->cursor == 0)
            return LINEEDIT_MOVED;
        e->cursor--;
        delete_char(e, e->cursor);
        return LINEEDIT_CHANGED;
    case ACT_DELETE:
        if (e->cursor == e->count)
            return LINEEDIT_MOVED;
        delete_char(e, e->cursor);
        return LINEEDIT_CHANGED;
    case ACT_NONE:
        /* A line break comes as text only from a paste (Enter is an action). */
        if (!key_is_text(ev->key) && (ev->key.function || ev->key.code != '\n'))
            return LINEEDIT_IGNORED;
        return insert_typed(e, (wchar_t)ev->key.code);
    default:
        return LINEEDIT_IGNORED;
    }
}

/* Columns the character at the cursor takes (the end of the text takes one). */
static int cursor_cell(const lineedit *e)
{
    return e->cursor < e->count ? e->column[e->cursor + 1] - e->column[e->cursor] : 1;
}

/* The first character starting at or after column col. */
static size_t char_at_column(const lineedit *e, int col)
{
    size_t i = 0;
    while (i < e->count && e->column[i] < col)
        i++;
    return i;
}

static void scroll_to_cursor(lineedit *e, int cols)
{
    int total = e->column[e->count] + 1;
    if (e->scroll > total - cols)
        e->scroll = total - cols;
    if (e->scroll < 0)
        e->scroll = 0;
    int left = e->column[e->cursor], right = left + cursor_cell(e);
    if (left < e->scroll)
        e->scroll = left;
    else if (right > e->scroll + cols)
        e->scroll = right - cols;
    /* Start on a character boundary: half a Chinese character is never shown. */
    e->scroll = e->column[char_at_column(e, e->scroll)];
}

static void draw_span(const lineedit *e, size_t from, size_t to)
{
    if (!e->secret) {
        addnstr(e->text + e->offset[from], (int)(e->offset[to] - e->offset[from]));
        return;
    }
    for (size_t i = from; i < to; i++)
        addstr(secret_mark);
}

int lineedit_draw(lineedit *e, int y, int x, int cols, attr_t attr)
{
    if (cols <= 0)
        return x;
    scroll_to_cursor(e, cols);
    size_t first = char_at_column(e, e->scroll), last = first;
    while (last < e->count && e->column[last + 1] - e->scroll <= cols)
        last++;
    attrset(attr);
    mvhline(y, x, ' ', cols);
    move(y, x);
    if (e->selected)
        attrset(attr | A_REVERSE);
    draw_span(e, first, last);
    attrset(A_NORMAL);
    return x + e->column[e->cursor] - e->scroll;
}

/* Columns character i takes in a wrapped text; the cursor's cell at the end of the
 * text or of a line takes one. */
static int wrapped_width(const lineedit *e, size_t i)
{
    return i < e->count && !is_break(e, i) ? e->column[i + 1] - e->column[i] : 1;
}

/* Where character i goes when wrapping at cols: its row and column. A line break ends
 * its row (the cursor on it stands at the end of that line). */
static void wrapped_position(const lineedit *e, size_t i, int cols, int *row, int *col)
{
    int r = 0, c = 0;
    for (size_t k = 0; k < i; k++) {
        if (is_break(e, k)) {
            r++, c = 0;
            continue;
        }
        int w = wrapped_width(e, k);
        if (c + w > cols)
            r++, c = 0;
        c += w;
    }
    if (c + wrapped_width(e, i) > cols)
        r++, c = 0;
    *row = r;
    *col = c;
}

int lineedit_wrapped_rows(const lineedit *e, int cols)
{
    int row, col;
    wrapped_position(e, e->count, cols > 0 ? cols : 1, &row, &col);
    return row + 1;
}

/* Up or Down a row of the text as last drawn, to the character nearest the cursor's
 * column; false on the first or last row. */
static bool move_row(lineedit *e, int step)
{
    int cols = e->wrap_cols > 0 ? e->wrap_cols : 1 << 20;
    int row, col;
    wrapped_position(e, e->cursor, cols, &row, &col);
    int target = row + step;
    if (target < 0 || target >= lineedit_wrapped_rows(e, cols))
        return false;
    size_t best = e->count;
    bool found = false;
    for (size_t i = 0; i <= e->count; i++) {
        int r, c;
        wrapped_position(e, i, cols, &r, &c);
        if (r > target)
            break;
        if (r == target && (!found || c <= col)) {
            best = i;
            found = true;
        }
    }
    e->cursor = best;
    return true;
}

void lineedit_draw_wrapped(lineedit *e, int y, int x, int rows, int cols, attr_t attr,
                           int *cursor_y, int *cursor_x)
{
    e->wrap_cols = cols;
    int crow, ccol;
    wrapped_position(e, e->cursor, cols, &crow, &ccol);
    /* No blank rows below the end while earlier ones are scrolled out (a line erased). */
    int most = lineedit_wrapped_rows(e, cols) - rows;
    if (e->scroll > most)
        e->scroll = most > 0 ? most : 0;
    if (crow < e->scroll)
        e->scroll = crow;
    else if (crow >= e->scroll + rows)
        e->scroll = crow - rows + 1;
    attrset(attr);
    for (int r = 0; r < rows; r++)
        mvhline(y + r, x, ' ', cols);
    for (size_t i = 0; i < e->count; i++) {
        int row, col;
        wrapped_position(e, i, cols, &row, &col);
        if (is_break(e, i) || row < e->scroll || row >= e->scroll + rows)
            continue;
        move(y + row - e->scroll, x + col);
        draw_span(e, i, i + 1);
    }
    attrset(A_NORMAL);
    *cursor_y = y + crow - e->scroll;
    *cursor_x = x + ccol;
}
