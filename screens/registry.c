/* The registries of screens.h, built from its lists. */
#include "screens.h"

const console_entry console_entries[] = {
#define CONSOLE_ENTRY_ROW(action, screen) {action, &screen},
    CONSOLE_SCREEN_LIST(CONSOLE_ENTRY_ROW)
#undef CONSOLE_ENTRY_ROW
    {.action = ACT_NONE},
};

const console_counter console_counters[] = {
#define CONSOLE_COUNTER_ROW(action, label, count) {action, label, count},
    CONSOLE_COUNTER_LIST(CONSOLE_COUNTER_ROW)
#undef CONSOLE_COUNTER_ROW
    {.action = ACT_NONE},
};
