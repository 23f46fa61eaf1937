#include "widgets/scrollback.h"

#include "console/draw.h"
#include "frontdesk/text.h"

enum { LEFT_TEXT = 64 };

static int line_rows(scrollback_line line, void *ctx, size_t i, int cols)
{
    char left[LEFT_TEXT] = "";
    const char *text = "";
    attr_t attr = A_NORMAL;
    line(ctx, i, left, sizeof left, &text, &attr);
    int n = text_lines(text, cols);
    return n > 0 ? n : 1;
}

void scrollback_draw(scrollback *sb, size_t count, scrollback_line line, void *ctx, int left_cols,
                     const console_area *area)
{
    int cols = area->cols - left_cols;
    sb->shown = 0;
    sb->above = false;
    if (count == 0 || area->rows <= 0 || cols <= 0)
        return;
    if (sb->back >= count)
        sb->back = count - 1;
    size_t end = count - sb->back, first = end;
    int used = 0;
    /* Back from the newest shown while whole lines fit; one line at least, cut if it
     * must be (taller than the window). */
    while (first > 0) {
        int h = line_rows(line, ctx, first - 1, cols);
        if (used + h > area->rows && first < end)
            break;
        used += h;
        first--;
    }
    /* Scrolled back: later lines fill what the earlier ones leave. */
    while (end < count) {
        int h = line_rows(line, ctx, end, cols);
        if (used + h > area->rows)
            break;
        used += h;
        end++;
        sb->back--;
    }
    int y = area->top;
    for (size_t i = first; i < end && y < area->top + area->rows; i++) {
        char left[LEFT_TEXT] = "";
        const char *text = "";
        attr_t attr = A_NORMAL;
        line(ctx, i, left, sizeof left, &text, &attr);
        if (left_cols > 0)
            draw_text(y, area->left, left_cols, left, theme(TH_DIM));
        int n = draw_wrapped(y, area->left + left_cols, area->top + area->rows - y, cols, text, attr);
        y += n > 0 ? n : 1;
    }
    sb->shown = end - first;
    sb->above = first > 0;
}

bool scrollback_key(scrollback *sb, size_t count, const console_event *ev)
{
    size_t page = sb->shown > 1 ? sb->shown - 1 : 1;
    if (ev->action == ACT_PAGE_UP) {
        if (!sb->above)
            return true;
        sb->back += page;
        if (sb->back >= count)
            sb->back = count ? count - 1 : 0;
        return true;
    }
    if (ev->action == ACT_PAGE_DOWN) {
        sb->back = sb->back > page ? sb->back - page : 0;
        return true;
    }
    return false;
}
