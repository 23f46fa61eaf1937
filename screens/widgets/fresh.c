#include "widgets/fresh.h"

void fresh_mark(fresh *f, const console *c)
{
    f->seen = console_data_changes(c);
}

bool fresh_stale(fresh *f, const console *c)
{
    if (f->seen == console_data_changes(c))
        return false;
    fresh_mark(f, c);
    return true;
}

bool fresh_page_stale(fresh *f, const console *c, const screen_ops *self)
{
    return console_top(c) == self && fresh_stale(f, c);
}
