/* The renovations screen (装修管理: 装修许可证, 临时工作证, 动火证, 工具登记): the
 * renovations under way (the default), the workers' passes coming due or overdue, and
 * today's tools lists. F4 opens a renovation file (works_form.c); Enter, in any view, the
 * page of the highlighted row's renovation (works_file.c), where its passes, tools and
 * permits are dealt with; ^R prints the day's log. The core decides every rule (include/frontdesk/works.h); this
 * only asks. */
#ifndef FRONTDESK_SCREENS_WORKS_H
#define FRONTDESK_SCREENS_WORKS_H

#include "console/console.h"

extern const screen_ops works_screen;

#endif
