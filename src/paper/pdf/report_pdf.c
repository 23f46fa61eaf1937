/* The PDF rendering of a report: A4 pages laid out with pango (Chinese shaping and
 * line breaking) and drawn with cairo, which embeds the fonts it uses.
 *
 * Text is laid out once per piece and then placed line by line, so a page break only
 * ever falls between lines. A table row goes to the next page whole when it does not
 * fit; only a row taller than a page is split, between lines, with the table's header
 * row repeated above the rest. "Page N of M" needs M before page 1 is drawn, so the
 * whole report is placed twice: once to count the pages, once to draw them (the table
 * rows the first pass laid out are kept for the second).
 *
 * The visitor slip prints on A6 or an 80 mm receipt roll, whose one page is as long
 * as the slip; its number is drawn as a Code 128 barcode (libzint, in this module so
 * that the console does not load it at start).
 *
 * Built as the module frontdesk-pdf.so (see src/report_pdf_load.c). */
#include "paper/report_model.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <zint.h>

#include "frontdesk/i18n.h"

/* Page geometry in points (1/72 inch). */
#define MM (72.0 / 25.4)
#define PAD_X 3.0
#define PAD_Y 2.0
#define RULE_WIDTH 0.5
#define GAP_HEADING 9.0
#define GAP_TABLE 5.0
#define GAP_FIELD 1.5
#define GAP_PARAGRAPH 4.0
#define GAP_SIGNATURE 22.0
#define SIGNATURE_BLANK 120.0
#define SIGNATURE_SPACING 28.0
#define KEEP_WITH_HEADING 40.0  /* a heading needs about three lines under it */
#define RED 0.80, 0.0, 0.0
#define GREY 0.35, 0.35, 0.35

/* A TrueType (glyf) CJK face first: cairo 1.16 subsets it by copying only the glyphs
 * the document uses, while for a CFF face such as Noto CJK it copies the whole 16-25 MB
 * CFF table twice per face and document, about half of what a 500-visit log cost. The
 * face has one weight; bold is emboldened from it. Noto stays the fallback when it is
 * missing. */
#define FONT_FAMILY "WenQuanYi Micro Hei, Noto Sans CJK SC"

/* ---- sheets ---- */

typedef struct sheet {
    double width, height;  /* portrait; height 0: a roll, as long as the report */
    double side, top, bottom; /* margins */
} sheet;

static const sheet sheets[] = {
    [FD_PAPER_A4] = {210 * MM, 297 * MM, 15 * MM, 12 * MM, 10.5 * MM},
    [FD_PAPER_A6] = {105 * MM, 148 * MM, 7 * MM, 6 * MM, 5 * MM},
    /* 72 mm of an 80 mm roll is printable. */
    [FD_PAPER_RECEIPT_80] = {80 * MM, 0, 4 * MM, 3 * MM, 6 * MM},
};

#define ROLL_MEASURE 5000.0 /* a roll's page while its length is measured */
#define BAR_MODULE (0.33 * MM) /* a Code 128 module: wide enough for any desk scanner */
#define BAR_HEIGHT (12 * MM)

/* ---- laid-out text ---- */

typedef struct text_line {
    double x, top, bottom, baseline; /* within the layout */
} text_line;

/* A piece of text laid out at a width, placed later from line `next` on. */
typedef struct laid_text {
    PangoLayout *layout;
    text_line *lines;
    int count, next;
    unsigned style;
    double grey;  /* 0: black */
} laid_text;

typedef struct fonts {
    PangoFontDescription *body, *bold, *cell, *cell_bold, *heading, *title, *small;
} fonts;

typedef struct table_head table_head;

typedef struct pdf {
    const fd_report *r;
    cairo_t *cr;
    PangoContext *context;
    fonts font;
    bool drawing;           /* the second pass */
    sheet paper;
    int page, pages;        /* pages: counted by the first pass */
    double width, height;
    double left, right, body_top, body_bottom, y;
    bool content_on_page;   /* something besides a repeated table header */
    laid_text site, title, range, printed;
    double header_height, footer_height;
    table_head *head;       /* the running table's header row */
    bool head_on_page;
    /* The table rows the counting pass laid out, in order, kept for the drawing pass:
     * laying text out (shaping Chinese) is most of what a report costs. */
    laid_text **kept;
    size_t kept_count, kept_cap, kept_next;
    /* Body cells laid out so far, by width, style and text: texts repeat down a column
     * (a state, a purpose, who registered), and each is shaped once. */
    GHashTable *cells;
} pdf;

static PangoFontDescription *font(double size, PangoWeight weight)
{
    PangoFontDescription *f = pango_font_description_new();
    pango_font_description_set_family(f, FONT_FAMILY);
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    pango_font_description_set_weight(f, weight);
    return f;
}

static void fonts_init(fonts *f)
{
    f->body = font(9.0, PANGO_WEIGHT_NORMAL);
    f->bold = font(9.0, PANGO_WEIGHT_BOLD);
    f->cell = font(8.5, PANGO_WEIGHT_NORMAL);
    f->cell_bold = font(8.5, PANGO_WEIGHT_BOLD);
    f->heading = font(11.0, PANGO_WEIGHT_BOLD);
    f->title = font(15.0, PANGO_WEIGHT_BOLD);
    f->small = font(7.5, PANGO_WEIGHT_NORMAL);
}

static void fonts_free(fonts *f)
{
    PangoFontDescription **all[] = {&f->body, &f->bold, &f->cell, &f->cell_bold,
                                    &f->heading, &f->title, &f->small};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        pango_font_description_free(*all[i]);
        *all[i] = NULL;
    }
}

static double points(int units)
{
    return pango_units_to_double(units);
}

static void measure(laid_text *t)
{
    t->count = pango_layout_get_line_count(t->layout);
    t->lines = fd_alloc((size_t)t->count * sizeof *t->lines);
    PangoLayoutIter *it = pango_layout_get_iter(t->layout);
    int i = 0;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        t->lines[i].x = points(logical.x);
        t->lines[i].top = points(logical.y);
        /* Added as points: a layout whose fonts were not found reports extents near
         * INT_MAX, and their sum in Pango units overflows. */
        t->lines[i].bottom = points(logical.y) + points(logical.height);
        t->lines[i].baseline = points(pango_layout_iter_get_baseline(it));
        i++;
    } while (i < t->count && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    t->next = 0;
}

/* Lays text out width points wide; markup_bold bytes at the start are set bold. */
static void lay_out(pdf *p, laid_text *t, const char *text, const PangoFontDescription *f,
                    double width, PangoAlignment align, unsigned style, size_t bold_prefix)
{
    memset(t, 0, sizeof *t);
    t->layout = pango_layout_new(p->context);
    t->style = style;
    pango_layout_set_font_description(t->layout, f);
    pango_layout_set_width(t->layout, pango_units_from_double(width > 1 ? width : 1));
    pango_layout_set_wrap(t->layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(t->layout, align);
    pango_layout_set_text(t->layout, text, -1);
    PangoAttrList *attrs = pango_attr_list_new();
    /* A word broken across lines gets no hyphen: "Repor-ted" reads worse on a form
     * than the word simply continuing. */
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    if (bold_prefix || (style & FD_STYLE_BOLD)) {
        PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        a->start_index = 0;
        a->end_index = style & FD_STYLE_BOLD ? G_MAXUINT : (guint)bold_prefix;
        pango_attr_list_insert(attrs, a);
    }
    pango_layout_set_attributes(t->layout, attrs);
    pango_attr_list_unref(attrs);
    measure(t);
}

static void laid_free(laid_text *t)
{
    if (t->layout)
        g_object_unref(t->layout);
    t->layout = NULL;
    FD_FREE(t->lines);
}

static double remaining_height(const laid_text *t)
{
    return t->next < t->count ? t->lines[t->count - 1].bottom - t->lines[t->next].top : 0;
}

static double total_height(const laid_text *t)
{
    return t->count ? t->lines[t->count - 1].bottom - t->lines[0].top : 0;
}

/* The line after the last of those from t->next that fit in height. */
static int lines_fitting(const laid_text *t, double height)
{
    int k = t->next;
    if (k >= t->count)
        return k;
    double base = t->lines[k].top;
    while (k < t->count && t->lines[k].bottom - base <= height + 0.01)
        k++;
    return k;
}

static void set_colour(pdf *p, const laid_text *t)
{
    if (t->style & FD_STYLE_RED)
        cairo_set_source_rgb(p->cr, RED);
    else
        cairo_set_source_rgb(p->cr, t->grey, t->grey, t->grey);
}

/* Draws lines [t->next, end) with the first one's top at (x, y). */
static void draw_lines(pdf *p, const laid_text *t, int end, double x, double y)
{
    if (!p->drawing || t->next >= end)
        return;
    set_colour(p, t);
    double base = t->lines[t->next].top;
    PangoLayoutIter *it = pango_layout_get_iter(t->layout);
    for (int i = 0; i < t->next; i++)
        pango_layout_iter_next_line(it);
    for (int k = t->next; k < end; k++) {
        cairo_move_to(p->cr, x + t->lines[k].x, y + t->lines[k].baseline - base);
        pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
        pango_layout_iter_next_line(it);
    }
    pango_layout_iter_free(it);
}

static void draw_rule(pdf *p, double y, double width)
{
    if (!p->drawing)
        return;
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    cairo_set_line_width(p->cr, width);
    cairo_move_to(p->cr, p->left, y);
    cairo_line_to(p->cr, p->right, y);
    cairo_stroke(p->cr);
}

/* ---- pages ---- */

static void draw_centred(pdf *p, laid_text *t, double y)
{
    t->next = 0;
    draw_lines(p, t, t->count, p->left, y);
}

static void draw_page_header(pdf *p)
{
    double y = p->paper.top;
    draw_centred(p, &p->site, y);
    y += total_height(&p->site) + 1;
    draw_centred(p, &p->title, y);
    y += total_height(&p->title) + 1;
    draw_centred(p, &p->range, y);
    y += total_height(&p->range) + 4;
    draw_rule(p, y, 0.8);
}

static void draw_page_footer(pdf *p)
{
    double y = p->body_bottom + 6;
    draw_rule(p, y, RULE_WIDTH);
    y += 3;
    p->printed.next = 0;
    draw_lines(p, &p->printed, p->printed.count, p->left, y);
    char *number = report_page_line(p->page, p->pages);
    laid_text t;
    lay_out(p, &t, number, p->font.small, p->right - p->left, PANGO_ALIGN_RIGHT,
            FD_STYLE_PLAIN, 0);
    t.grey = p->printed.grey;
    draw_lines(p, &t, t.count, p->left, y);
    laid_free(&t);
    free(number);
}

static void ensure_head(pdf *p);

static void new_page(pdf *p)
{
    if (p->page > 0) {
        if (p->drawing) {
            draw_page_footer(p);
            cairo_show_page(p->cr);
        }
    }
    p->page++;
    if (p->drawing)
        draw_page_header(p);
    p->y = p->body_top;
    p->content_on_page = false;
    p->head_on_page = false;
}

static void gap(pdf *p, double space)
{
    if (p->content_on_page)
        p->y = fmin(p->y + space, p->body_bottom);
}

/* ---- rows: cells side by side, placed between lines ---- */

typedef struct row {
    laid_text *cells;
    const double *x, *w;    /* each cell's column */
    size_t count;
    bool boxed, shaded;
} row;

static bool row_done(const row *r)
{
    for (size_t c = 0; c < r->count; c++)
        if (r->cells[c].next < r->cells[c].count)
            return false;
    return true;
}

static double row_remaining(const row *r)
{
    double h = 0;
    for (size_t c = 0; c < r->count; c++)
        h = fmax(h, remaining_height(&r->cells[c]));
    return h + 2 * PAD_Y;
}

static void draw_boxes(pdf *p, const row *r, double y, double h)
{
    if (!p->drawing)
        return;
    double x0 = r->x[0], x1 = r->x[r->count - 1] + r->w[r->count - 1];
    if (r->shaded) {
        cairo_set_source_rgb(p->cr, 0.88, 0.88, 0.88);
        cairo_rectangle(p->cr, x0, y, x1 - x0, h);
        cairo_fill(p->cr);
    }
    if (!r->boxed)
        return;
    /* The row's outline and the rules between its cells: the same lines as a box per
     * cell, in half the path (the grid is most of a long table's page content). */
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    cairo_set_line_width(p->cr, RULE_WIDTH);
    cairo_rectangle(p->cr, x0, y, x1 - x0, h);
    for (size_t c = 1; c < r->count; c++) {
        cairo_move_to(p->cr, r->x[c], y);
        cairo_line_to(p->cr, r->x[c], y + h);
    }
    cairo_stroke(p->cr);
}

/* Places what of the row fits in height: every cell's lines that fit, drawn at p->y.
 * Returns the height used, 0 when not even one line fits. force places at least one
 * line (a line taller than an empty page must still go somewhere). */
static double row_fragment(pdf *p, row *r, double height, bool force)
{
    double inner = height - 2 * PAD_Y, used = 0;
    int *ends = fd_alloc(r->count * sizeof *ends);
    bool progress = false;
    for (size_t c = 0; c < r->count; c++) {
        laid_text *t = &r->cells[c];
        ends[c] = lines_fitting(t, inner);
        if (force && !progress && ends[c] == t->next && t->next < t->count)
            ends[c] = t->next + 1;
        if (ends[c] > t->next) {
            progress = true;
            used = fmax(used, t->lines[ends[c] - 1].bottom - t->lines[t->next].top);
        }
    }
    if (!progress) {
        free(ends);
        return 0;
    }
    used += 2 * PAD_Y;
    draw_boxes(p, r, p->y, used);
    for (size_t c = 0; c < r->count; c++) {
        draw_lines(p, &r->cells[c], ends[c], r->x[c] + (r->boxed ? PAD_X : 0), p->y + PAD_Y);
        r->cells[c].next = ends[c];
    }
    free(ends);
    return used;
}

static double head_height(const pdf *p);

/* Places a row from p->y on, turning pages as needed. keep: move it whole to the next
 * page when it does not fit here but would on an empty page. */
static void place_row(pdf *p, row *r, bool keep)
{
    double room_fresh = p->body_bottom - p->body_top - head_height(p);
    double needed = row_remaining(r) + (p->head && !p->head_on_page ? head_height(p) : 0);
    if (keep && p->content_on_page && p->y + needed > p->body_bottom &&
        row_remaining(r) <= room_fresh)
        new_page(p);
    ensure_head(p);
    while (!row_done(r)) {
        double h = row_fragment(p, r, p->body_bottom - p->y, !p->content_on_page);
        if (h == 0) {
            new_page(p);
            ensure_head(p);
            continue;
        }
        p->y += h;
        p->content_on_page = true;
        if (!row_done(r)) {
            new_page(p);
            ensure_head(p);
        }
    }
}

/* ---- tables ---- */

struct table_head {
    row cells;
    double height;
};

static double head_height(const pdf *p)
{
    return p->head ? p->head->height : 0;
}

static void ensure_head(pdf *p)
{
    if (!p->head || p->head_on_page)
        return;
    row *r = &p->head->cells;
    for (size_t c = 0; c < r->count; c++)
        r->cells[c].next = 0;
    p->y += row_fragment(p, r, p->head->height, true);
    p->head_on_page = true;
}

static void lay_out_row(pdf *p, row *r, char *const *texts, const unsigned *styles,
                        const PangoFontDescription *f)
{
    for (size_t c = 0; c < r->count; c++)
        lay_out(p, &r->cells[c], texts[c], f, r->w[c] - 2 * PAD_X, PANGO_ALIGN_LEFT,
                styles ? styles[c] : FD_STYLE_PLAIN, 0);
}

static void free_row(row *r)
{
    for (size_t c = 0; c < r->count; c++)
        laid_free(&r->cells[c]);
}

static void laid_destroy(gpointer t)
{
    laid_free(t);
    free(t);
}

/* A body cell: a copy of the cell laid out before with the same text, width and style
 * (sharing its layout), else laid out now and remembered. */
static void lay_out_cell(pdf *p, laid_text *t, const char *text, double width, unsigned style)
{
    char *key = g_strdup_printf("%.3f\x1f%u\x1f%s", width, style, text);
    laid_text *seen = g_hash_table_lookup(p->cells, key);
    if (seen) {
        g_free(key);
    } else {
        seen = fd_alloc(sizeof *seen);
        lay_out(p, seen, text, p->font.cell, width, PANGO_ALIGN_LEFT, style, 0);
        g_hash_table_insert(p->cells, key, seen);
    }
    *t = *seen;
    t->layout = g_object_ref(seen->layout);
    t->lines = fd_alloc((size_t)seen->count * sizeof *t->lines);
    memcpy(t->lines, seen->lines, (size_t)seen->count * sizeof *t->lines);
}

/* The cells of the next body row of a table: laid out and kept by the counting pass,
 * taken back (to be placed from their first line again) by the drawing pass. */
static laid_text *body_cells(pdf *p, const row *r, char *const *texts, const unsigned *styles)
{
    if (p->drawing) {
        laid_text *cells = p->kept[p->kept_next++];
        for (size_t c = 0; c < r->count; c++)
            cells[c].next = 0;
        return cells;
    }
    row laid = *r;
    laid.cells = fd_alloc(r->count * sizeof *laid.cells);
    for (size_t c = 0; c < r->count; c++)
        lay_out_cell(p, &laid.cells[c], texts[c], r->w[c] - 2 * PAD_X,
                     styles ? styles[c] : FD_STYLE_PLAIN);
    if (p->kept_count == p->kept_cap) {
        p->kept_cap = p->kept_cap ? 2 * p->kept_cap : 64;
        p->kept = fd_realloc(p->kept, p->kept_cap * sizeof *p->kept);
    }
    p->kept[p->kept_count++] = laid.cells;
    return laid.cells;
}

/* After the drawing pass has placed a row, nothing needs it any more. */
static void done_with_cells(pdf *p, row *r)
{
    if (!p->drawing)
        return;
    free_row(r);
    FD_FREE(r->cells);
}

/* The width the widest code in a column's cells takes — a line of Latin letters,
 * digits and marks without a space, like a slip or tracking number — estimated from
 * its characters (at most about 0.62 em each, in either face): measuring every slip
 * number with pango would cost the daily log more than it draws. Other lines wrap as
 * text does. */
static double widest_code(const fd_report_table *t, size_t c, double em)
{
    double widest = 0;
    for (size_t r = 0; r < t->row_count; r++) {
        const char *line = t->rows[r].cells[c];
        while (*line) {
            size_t n = strcspn(line, "\n"), k = 0;
            while (k < n && (unsigned char)line[k] > ' ' && (unsigned char)line[k] < 0x7F)
                k++;
            if (k == n)
                widest = fmax(widest, 0.62 * em * (double)n);
            line += n + (line[n] == '\n');
        }
    }
    return widest > 0 ? widest + 2 * PAD_X : 0;
}

/* Columns of numbers and codes widened to their widest line, taken from the others in
 * proportion to their widths; never more than half the table. */
static void keep_codes_whole(const fd_report_table *t, double *w, double total, double em)
{
    size_t n = t->column_count;
    double grown = 0, others = 0;
    for (size_t c = 0; c < n; c++) {
        double need = t->whole[c] ? fmin(widest_code(t, c, em), total / 2) : 0;
        if (need > w[c]) {
            grown += need - w[c];
            w[c] = need;
        } else if (!t->whole[c]) {
            others += w[c];
        }
    }
    for (size_t c = 0; c < n && grown > 0 && others > grown; c++)
        if (!t->whole[c])
            w[c] -= grown * w[c] / others;
}

/* Where each column of t stands and how wide it is (both caller frees). */
static void table_columns(const pdf *p, const fd_report_table *t, double **x, double **w)
{
    size_t n = t->column_count;
    *x = fd_alloc(n * sizeof **x);
    *w = fd_alloc(n * sizeof **w);
    for (size_t c = 0; c < n; c++)
        (*w)[c] = t->widths[c] * (p->right - p->left);
    keep_codes_whole(t, *w, p->right - p->left,
                     pango_units_to_double(pango_font_description_get_size(p->font.cell)));
    double at = p->left;
    for (size_t c = 0; c < n; c++) {
        (*x)[c] = at;
        at += (*w)[c];
    }
}

/* The height of t's head and first row as place_table sets them: what a caption must
 * find room for under it. */
static double table_start_height(pdf *p, const fd_report_table *t)
{
    size_t n = t->column_count;
    if (n == 0)
        return 0;
    double *x, *w;
    table_columns(p, t, &x, &w);
    row head = {fd_alloc(n * sizeof(laid_text)), x, w, n, true, true};
    lay_out_row(p, &head, t->titles, NULL, p->font.cell_bold);
    double height = row_remaining(&head);
    free_row(&head);
    char **none = fd_alloc(n * sizeof *none);
    for (size_t c = 0; c < n; c++)
        none[c] = c == 0 ? (char *)report_none_text() : "";
    row first = {head.cells, x, w, n, true, false};
    lay_out_row(p, &first, t->row_count ? t->rows[0].cells : none, NULL, p->font.cell);
    height += row_remaining(&first);
    free_row(&first);
    free(head.cells);
    free(none);
    free(x);
    free(w);
    return height + GAP_TABLE;
}

static void place_table(pdf *p, const fd_report_table *t)
{
    size_t n = t->column_count;
    if (n == 0)
        return;
    double *x, *w;
    table_columns(p, t, &x, &w);
    table_head head = {{fd_alloc(n * sizeof(laid_text)), x, w, n, true, true}, 0};
    lay_out_row(p, &head.cells, t->titles, NULL, p->font.cell_bold);
    head.height = row_remaining(&head.cells);
    /* A header taller than half a page would leave no room for rows: print it once. */
    bool repeat = head.height * 2 <= p->body_bottom - p->body_top;
    gap(p, GAP_TABLE);
    row body = {NULL, x, w, n, true, false};
    char **none = fd_alloc(n * sizeof *none);
    for (size_t c = 0; c < n; c++)
        none[c] = c == 0 ? (char *)report_none_text() : "";
    p->head = &head;
    p->head_on_page = false;
    for (size_t i = 0; i < (t->row_count ? t->row_count : 1); i++) {
        body.cells = body_cells(p, &body, t->row_count ? t->rows[i].cells : none,
                                t->row_count ? t->rows[i].styles : NULL);
        place_row(p, &body, true);
        done_with_cells(p, &body);
        if (!repeat)
            p->head = NULL;
    }
    p->head = NULL;
    free(none);
    free_row(&head.cells);
    free(head.cells.cells);
    free(x);
    free(w);
}

/* ---- the other blocks ---- */

/* One piece of text across the body, split between lines at page ends. */
static void place_text(pdf *p, laid_text *t)
{
    double x = p->left, w = p->right - p->left;
    row r = {t, &x, &w, 1, false, false};
    place_row(p, &r, false);
}

static void place_heading(pdf *p, const report_block *b)
{
    gap(p, GAP_HEADING);
    laid_text t;
    lay_out(p, &t, b->text, p->font.heading, p->right - p->left, PANGO_ALIGN_LEFT,
            FD_STYLE_PLAIN, 0);
    if (p->content_on_page && p->y + total_height(&t) + KEEP_WITH_HEADING > p->body_bottom)
        new_page(p);
    place_text(p, &t);
    laid_free(&t);
}

static void place_field(pdf *p, const report_block *b)
{
    gap(p, GAP_FIELD);
    char *key = report_field_key(b->text);
    char *text = fd_printf("%s%s", key, b->value);
    laid_text t;
    lay_out(p, &t, text, p->font.body, p->right - p->left, PANGO_ALIGN_LEFT, b->style & FD_STYLE_RED,
            strlen(key));
    /* The value wraps under itself, not under the key, unless the key is very wide. */
    PangoRectangle key_extent;
    PangoLayout *k = pango_layout_new(p->context);
    pango_layout_set_font_description(k, p->font.bold);
    pango_layout_set_text(k, key, -1);
    pango_layout_get_extents(k, NULL, &key_extent);
    g_object_unref(k);
    if (points(key_extent.width) < (p->right - p->left) / 3) {
        pango_layout_set_indent(t.layout, -key_extent.width);
        free(t.lines);
        measure(&t);
    }
    place_text(p, &t);
    laid_free(&t);
    free(text);
    free(key);
}

static void place_paragraph(pdf *p, const report_block *b)
{
    gap(p, GAP_PARAGRAPH);
    laid_text t;
    lay_out(p, &t, b->text, p->font.body, p->right - p->left, PANGO_ALIGN_LEFT, b->style, 0);
    place_text(p, &t);
    laid_free(&t);
}

/* "label：" then a blank to sign on, as many to a line as fit. */
static void place_signatures(pdf *p, const report_block *b)
{
    gap(p, GAP_SIGNATURE);
    size_t n = b->label_count;
    laid_text *labels = fd_alloc((n ? n : 1) * sizeof *labels);
    double line_height = 0;
    for (size_t i = 0; i < n; i++) {
        char *key = report_field_key(b->labels[i]);
        lay_out(p, &labels[i], key, p->font.body, p->right - p->left, PANGO_ALIGN_LEFT,
                FD_STYLE_PLAIN, 0);
        line_height = fmax(line_height, total_height(&labels[i]));
        free(key);
    }
    /* Count the lines first, so the block stays together on one page. */
    int lines = 1;
    double x = p->left;
    for (size_t i = 0; i < n; i++) {
        PangoRectangle ink;
        pango_layout_get_extents(labels[i].layout, NULL, &ink);
        double item = points(ink.width) + SIGNATURE_BLANK;
        if (x > p->left && x + item > p->right) {
            lines++;
            x = p->left;
        }
        x += item + SIGNATURE_SPACING;
    }
    double spacing = line_height + 14;
    if (p->content_on_page && p->y + lines * spacing > p->body_bottom)
        new_page(p);
    x = p->left;
    for (size_t i = 0; i < n; i++) {
        PangoRectangle ink;
        pango_layout_get_extents(labels[i].layout, NULL, &ink);
        double label_w = points(ink.width), item = label_w + SIGNATURE_BLANK;
        if (x > p->left && x + item > p->right) {
            p->y += spacing;
            x = p->left;
        }
        draw_lines(p, &labels[i], labels[i].count, x, p->y);
        if (p->drawing) {
            double base = p->y + labels[i].lines[0].baseline - labels[i].lines[0].top + 2;
            cairo_set_source_rgb(p->cr, 0, 0, 0);
            cairo_set_line_width(p->cr, RULE_WIDTH);
            cairo_move_to(p->cr, x + label_w + 2, base);
            cairo_line_to(p->cr, x + item, base);
            cairo_stroke(p->cr);
        }
        x += item + SIGNATURE_SPACING;
    }
    p->y += line_height + 4;
    p->content_on_page = true;
    for (size_t i = 0; i < n; i++)
        laid_free(&labels[i]);
    free(labels);
}

/* The slip number as Code 128 bars, centred, its text under them. */
static void place_barcode(pdf *p, const report_block *b)
{
    gap(p, GAP_SIGNATURE / 2);
    struct zint_symbol *symbol = ZBarcode_Create();
    symbol->symbology = BARCODE_CODE128;
    symbol->show_hrt = 0;
    int rc = ZBarcode_Encode(symbol, (const unsigned char *)b->text, (int)strlen(b->text));
    if (rc < ZINT_ERROR)
        rc = ZBarcode_Buffer_Vector(symbol, 0);
    laid_text number;
    lay_out(p, &number, b->text, p->font.body, p->right - p->left, PANGO_ALIGN_CENTER,
            FD_STYLE_PLAIN, 0);
    double needed = BAR_HEIGHT + 2 + total_height(&number);
    if (p->content_on_page && p->y + needed > p->body_bottom)
        new_page(p);
    if (rc < ZINT_ERROR && symbol->vector && p->drawing) {
        const struct zint_vector *v = symbol->vector;
        double scale = BAR_MODULE * symbol->width / v->width;
        double x0 = (p->left + p->right - v->width * scale) / 2;
        cairo_set_source_rgb(p->cr, 0, 0, 0);
        for (const struct zint_vector_rect *bar = v->rectangles; bar; bar = bar->next)
            cairo_rectangle(p->cr, x0 + bar->x * scale, p->y + bar->y / v->height * BAR_HEIGHT,
                            bar->width * scale, bar->height / v->height * BAR_HEIGHT);
        cairo_fill(p->cr);
    }
    ZBarcode_Delete(symbol);
    p->y += BAR_HEIGHT + 2;
    number.next = 0;
    draw_lines(p, &number, number.count, p->left, p->y);
    p->y += total_height(&number);
    p->content_on_page = true;
    laid_free(&number);
}

static void place_closing(pdf *p)
{
    char *closing = report_closing_line(p->r);
    if (!closing)
        return;
    gap(p, GAP_TABLE * 2);
    laid_text t;
    lay_out(p, &t, closing, p->font.small, p->right - p->left, PANGO_ALIGN_LEFT, FD_STYLE_PLAIN, 0);
    t.grey = 0.2;
    place_text(p, &t);
    laid_free(&t);
    free(closing);
}

static void place_block(pdf *p, const report_block *b)
{
    switch (b->kind) {
    case BLOCK_HEADING: place_heading(p, b); break;
    case BLOCK_FIELD: place_field(p, b); break;
    case BLOCK_PARAGRAPH: place_paragraph(p, b); break;
    case BLOCK_TABLE: place_table(p, b->table); break;
    case BLOCK_SIGNATURES: place_signatures(p, b); break;
    case BLOCK_BARCODE: place_barcode(p, b); break;
    }
}

/* ---- the document ---- */

static void lay_out_frame(pdf *p)
{
    double w = p->right - p->left;
    lay_out(p, &p->site, p->r->site, p->font.body, w, PANGO_ALIGN_CENTER, FD_STYLE_PLAIN, 0);
    p->site.grey = 0.25;
    lay_out(p, &p->title, p->r->title, p->font.title, w, PANGO_ALIGN_CENTER, FD_STYLE_PLAIN, 0);
    lay_out(p, &p->range, p->r->range, p->font.body, w, PANGO_ALIGN_CENTER, FD_STYLE_PLAIN, 0);
    char *printed = report_printed_line(p->r);
    /* Room is left on the right for the page number. */
    lay_out(p, &p->printed, printed, p->font.small, w * 0.7, PANGO_ALIGN_LEFT, FD_STYLE_PLAIN, 0);
    p->printed.grey = 0.2;
    free(printed);
    p->header_height = total_height(&p->site) + 1 + total_height(&p->title) + 1 +
                       total_height(&p->range) + 4 + 10;
    p->footer_height = 6 + 3 + total_height(&p->printed);
    p->body_top = p->paper.top + p->header_height;
    p->body_bottom = p->height - p->paper.bottom - p->footer_height;
}

static void free_frame(pdf *p)
{
    laid_free(&p->site);
    laid_free(&p->title);
    laid_free(&p->range);
    laid_free(&p->printed);
}

/* The height a heading, field or paragraph takes with the gap above it. */
static double caption_height(pdf *p, const report_block *b)
{
    double width = p->right - p->left;
    laid_text t;
    double gap;
    if (b->kind == BLOCK_HEADING) {
        lay_out(p, &t, b->text, p->font.heading, width, PANGO_ALIGN_LEFT, FD_STYLE_PLAIN, 0);
        gap = GAP_HEADING;
    } else if (b->kind == BLOCK_FIELD) {
        char *key = report_field_key(b->text), *text = fd_printf("%s%s", key, b->value);
        lay_out(p, &t, text, p->font.body, width, PANGO_ALIGN_LEFT, FD_STYLE_PLAIN, strlen(key));
        free(key);
        free(text);
        gap = GAP_FIELD;
    } else {
        lay_out(p, &t, b->text, p->font.body, width, PANGO_ALIGN_LEFT, b->style, 0);
        gap = GAP_PARAGRAPH;
    }
    /* place_text sets it as a row: padded above and below. */
    double height = gap + total_height(&t) + 2 * PAD_Y;
    laid_free(&t);
    return height;
}

/* Room from block i to the first row of the table it introduces, when blocks i … k-1
 * are headings, fields or paragraphs and block k is a table (0 otherwise), so that a
 * heading or a caption never stands at the foot of a page without its rows. */
static double room_to_table(pdf *p, size_t i)
{
    double room = 0;
    for (size_t k = i; k < p->r->block_count; k++) {
        const report_block *b = &p->r->blocks[k];
        if (b->kind == BLOCK_TABLE)
            return room + table_start_height(p, b->table);
        if (b->kind == BLOCK_SIGNATURES || b->kind == BLOCK_BARCODE)
            return 0;
        room += caption_height(p, b);
    }
    return 0;
}

static void run_pass(pdf *p, bool drawing)
{
    p->drawing = drawing;
    p->page = 0;
    p->head = NULL;
    new_page(p);
    for (size_t i = 0; i < p->r->block_count; i++) {
        double room = p->r->blocks[i].kind == BLOCK_TABLE ? 0 : room_to_table(p, i);
        if (room > 0 && p->content_on_page && p->y + room > p->body_bottom)
            new_page(p);
        place_block(p, &p->r->blocks[i]);
    }
    place_closing(p);
    if (drawing) {
        draw_page_footer(p);
        cairo_show_page(p->cr);
    }
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                      : CAIRO_STATUS_WRITE_ERROR;
}

static void set_metadata(cairo_surface_t *s, const fd_report *r)
{
    fd_local t = fd_time_local(r->printed_at);
    char date[40];
    snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", t.year, t.month, t.day,
             t.hour, t.minute, t.second);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, r->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, r->site);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "frontdesk " FRONTDESK_VERSION);
    /* The printing time, not the machine's: the same report gives the same file. */
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

/* A font map of the render's own, not pango's per-thread default: what it caches is
 * freed with it, so a long-running console does not keep every font it ever printed
 * with (and the leak checker sees the memory come back). */
static PangoContext *make_context(cairo_t *cr, PangoFontMap *map)
{
    PangoContext *context = pango_font_map_create_context(map);
    pango_cairo_update_context(cr, context);
    /* Points are the unit of a PDF page: 72 "dots" per inch keeps sizes in points. */
    pango_cairo_context_set_resolution(context, 72.0);
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    pango_context_set_language(context, pango_language_from_string("zh-cn"));
    /* Pango rounds each glyph's position to a whole device unit — a whole point here —
     * by default: 8.5-point characters then stand 9 points apart, and the PDF has to
     * carry a position correction for nearly every glyph. */
    pango_context_set_round_glyph_positions(context, FALSE);
    return context;
}

fd_status fd_report_pdf_render(const fd_report *r, FILE *out, fd_error *err)
{
    pdf p = {.r = r, .paper = sheets[r->paper]};
    bool roll = p.paper.height == 0, across = r->landscape && !roll;
    p.width = across ? p.paper.height : p.paper.width;
    p.height = roll ? ROLL_MEASURE : across ? p.paper.width : p.paper.height;
    p.left = p.paper.side;
    p.right = p.width - p.paper.side;
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(write_out, out, p.width, p.height);
    set_metadata(surface, r);
    p.cr = cairo_create(surface);
    PangoFontMap *map = pango_cairo_font_map_new();
    p.context = make_context(p.cr, map);
    fonts_init(&p.font);
    p.cells = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, laid_destroy);
    lay_out_frame(&p);
    run_pass(&p, false);
    p.pages = p.page;
    if (roll) {
        /* The roll is cut where the report ends. */
        p.height = p.y + p.footer_height + p.paper.bottom + GAP_TABLE;
        p.body_bottom = p.height - p.paper.bottom - p.footer_height;
        cairo_pdf_surface_set_size(surface, p.width, p.height);
    }
    run_pass(&p, true);
    free(p.kept);
    g_hash_table_destroy(p.cells);
    free_frame(&p);
    fonts_free(&p.font);
    g_object_unref(p.context);
    g_object_unref(map);
    cairo_destroy(p.cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return fd_fail(err, FD_IO, NULL, _("Cannot write the PDF: %s."),
                       cairo_status_to_string(status));
    return FD_OK;
}
