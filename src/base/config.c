#include "frontdesk/config.h"

#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontdesk/i18n.h"
#include "frontdesk/roles.h"
#include "frontdesk/site.h"

/* A holiday run longer than this is a typo in a year, not a holiday. */
enum { FD_MAX_RANGE_DAYS = 366, FD_PATH_MAX = 128 };

/* A file of the person's own choosing (--config, $FRONTDESK_CONFIG, their
 * ~/.config file) over the system's file over the built-in defaults: every key is
 * looked up in that order, so the defaults text is also the schema of known keys. */
typedef struct fd_loader {
    config_t defaults;
    config_t system;
    config_t personal;
    const char *system_path;   /* NULL when there is no system file */
    const char *personal_path; /* NULL when there is no file of the person's own */
    char *personal_policy;     /* the first site setting the personal file names */
    fd_error *err;
} fd_loader;

/* What a person may choose for themselves: how the console answers their keys, the
 * language, where their paper goes and which database they open (as --db does).
 * Everything else decides what staff may see or do, or what the site's records say,
 * and is the site's: the system file's, or the defaults'. */
static const char *const fd_personal_settings[] = {
    "language", "printer", "database", "console.bindings",
};

static bool fd_is_personal(const char *name)
{
    for (size_t i = 0; i < sizeof fd_personal_settings / sizeof fd_personal_settings[0]; i++)
        if (strcmp(name, fd_personal_settings[i]) == 0)
            return true;
    return false;
}

static const char *fd_setting_file(const fd_loader *ld, const config_setting_t *s)
{
    const char *file = config_setting_source_file(s);
    if (file)
        return file;
    if (s->config == &ld->personal)
        return ld->personal_path;
    return s->config == &ld->system ? ld->system_path : _("<built-in defaults>");
}

static bool fd_from_a_file(const fd_loader *ld, const config_setting_t *s)
{
    return s->config != &ld->defaults;
}

/* Every complaint about a value has the same shape, "FILE:LINE: setting: what". */
static fd_status fd_bad(const fd_loader *ld, const config_setting_t *s, const char *name,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static fd_status fd_bad(const fd_loader *ld, const config_setting_t *s, const char *name,
                        const char *fmt, ...)
{
    char what[FD_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return fd_fail(ld->err, FD_CONFIG, NULL, "%s:%u: %s: %s", fd_setting_file(ld, s),
                   (unsigned)config_setting_source_line(s), name, what);
}

/* A day or time refused: the text and which day or time does not exist, or shape_fmt
 * when it is not written as one. */
static fd_status fd_bad_when(const fd_loader *ld, const config_setting_t *s, const char *name,
                             const char *text, const fd_when_problem *why, const char *shape_fmt, ...)
    __attribute__((format(printf, 6, 7)));
static fd_status fd_bad_when(const fd_loader *ld, const config_setting_t *s, const char *name,
                             const char *text, const fd_when_problem *why, const char *shape_fmt, ...)
{
    char problem[FD_WHEN_PROBLEM_TEXT];
    const char *said = fd_when_problem_text(why, NULL, problem);
    if (said)
        return fd_bad(ld, s, name, _("\"%s\": %s"), text, said);
    char shape[FD_MESSAGE_MAX];
    va_list ap;
    va_start(ap, shape_fmt);
    vsnprintf(shape, sizeof shape, shape_fmt, ap);
    va_end(ap);
    return fd_bad(ld, s, name, "%s", shape);
}

/* The lookups below return NULL once they have recorded the error. */
static const config_setting_t *fd_lookup(const fd_loader *ld, const char *name)
{
    const config_setting_t *s = ld->personal_path ? config_lookup(&ld->personal, name) : NULL;
    if (!s && ld->system_path)
        s = config_lookup(&ld->system, name);
    if (!s)
        s = config_lookup(&ld->defaults, name);
    if (!s)
        fd_fail(ld->err, FD_CONFIG, NULL, _("%s: missing from the built-in defaults"), name);
    return s;
}

/* ── Unknown keys ───────────────────────────────────────────────────────── */

/* A personal file that names a site setting: remembered (the first one), for the
 * desk to refuse unless the database is a demo's. */
static void fd_note_personal_policy(fd_loader *ld, const config_setting_t *s, const char *name)
{
    if (s->config != &ld->personal || ld->personal_policy || fd_is_personal(name))
        return;
    ld->personal_policy = fd_printf("%s:%u: %s", fd_setting_file(ld, s),
                                    (unsigned)config_setting_source_line(s), name);
}

/* Walks a file against the defaults: a name the defaults do not have is a typo, and a
 * typo silently ignored would leave the default in force. */
static fd_status fd_check_known(fd_loader *ld, const config_setting_t *group, const char *prefix)
{
    for (int i = 0; i < config_setting_length(group); i++) {
        const config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
        char name[FD_PATH_MAX];
        if (prefix)
            snprintf(name, sizeof name, "%s.%s", prefix, config_setting_name(s));
        else
            snprintf(name, sizeof name, "%s", config_setting_name(s));
        const config_setting_t *known = config_lookup(&ld->defaults, name);
        if (!known)
            return fd_fail(ld->err, FD_CONFIG, NULL, _("%s:%u: unknown setting '%s'"),
                           fd_setting_file(ld, s), (unsigned)config_setting_source_line(s), name);
        if (!config_setting_is_group(known)) {
            fd_note_personal_policy(ld, s, name);
            continue;
        }
        if (!config_setting_is_group(s))
            return fd_bad(ld, s, name, _("expected a group { … }"));
        fd_status st = fd_check_known(ld, s, name);
        if (st != FD_OK)
            return st;
    }
    return FD_OK;
}

/* ── Scalars ────────────────────────────────────────────────────────────── */

static const char *fd_string_value(const fd_loader *ld, const config_setting_t *s, const char *name)
{
    if (config_setting_type(s) == CONFIG_TYPE_STRING)
        return config_setting_get_string(s);
    fd_bad(ld, s, name, _("expected text in double quotes"));
    return NULL;
}

static const char *fd_get_text(const fd_loader *ld, const char *name, const config_setting_t **s)
{
    *s = fd_lookup(ld, name);
    return *s ? fd_string_value(ld, *s, name) : NULL;
}

static fd_status fd_int_value(const fd_loader *ld, const config_setting_t *s, const char *name,
                              int min, int max, int *out)
{
    int type = config_setting_type(s);
    if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64)
        return fd_bad(ld, s, name, _("expected a whole number"));
    long long v = config_setting_get_int64(s);
    if (v < min || v > max)
        return fd_bad(ld, s, name, _("%lld is out of range (%d to %d)"), v, min, max);
    *out = (int)v;
    return FD_OK;
}

static fd_status fd_get_int(const fd_loader *ld, const char *name, int min, int max, int *out)
{
    const config_setting_t *s = fd_lookup(ld, name);
    return s ? fd_int_value(ld, s, name, min, max, out) : FD_CONFIG;
}

static fd_status fd_get_bool(const fd_loader *ld, const char *name, bool *out)
{
    const config_setting_t *s = fd_lookup(ld, name);
    if (!s)
        return FD_CONFIG;
    if (config_setting_type(s) != CONFIG_TYPE_BOOL)
        return fd_bad(ld, s, name, _("expected true or false"));
    *out = config_setting_get_bool(s) != 0;
    return FD_OK;
}

/* Empty text means "not set" for the optional settings (database, printer). */
static fd_status fd_get_string(const fd_loader *ld, const char *name, bool optional, char **out)
{
    const config_setting_t *s;
    const char *text = fd_get_text(ld, name, &s);
    if (!text)
        return FD_CONFIG;
    if (text[0] == '\0' && !optional)
        return fd_bad(ld, s, name, _("must not be empty"));
    *out = text[0] == '\0' ? NULL : fd_strdup(text);
    return FD_OK;
}

static fd_status fd_get_clock(const fd_loader *ld, const char *name, int *out)
{
    const config_setting_t *s;
    const char *text = fd_get_text(ld, name, &s);
    if (!text)
        return FD_CONFIG;
    fd_when_problem why;
    if (!fd_clock_time_parse(text, out, &why))
        return fd_bad_when(ld, s, name, text, &why, _("\"%s\" is not a time of day (HH:MM, e.g. \"20:00\")"),
                           text);
    return FD_OK;
}

static fd_status fd_get_language(const fd_loader *ld, fd_config *cfg)
{
    static const char *const languages[] = {"zh_CN", "en"};
    const config_setting_t *s;
    const char *text = fd_get_text(ld, "language", &s);
    if (!text)
        return FD_CONFIG;
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++) {
        if (strcmp(text, languages[i]) == 0) {
            cfg->language = fd_strdup(text);
            return FD_OK;
        }
    }
    return fd_bad(ld, s, "language", _("\"%s\" is not a supported language (\"zh_CN\" or \"en\")"), text);
}

/* The visitor slip's paper: one the PDF renderer has, or none. */
static fd_status fd_get_slip_paper(const fd_loader *ld, fd_config *cfg)
{
    static const char *const papers[] = {"a6", "receipt80", "none"};
    const config_setting_t *s;
    const char *text = fd_get_text(ld, "visitors.slip_paper", &s);
    if (!text)
        return FD_CONFIG;
    for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++) {
        if (strcmp(text, papers[i]) == 0) {
            cfg->slip_paper = fd_strdup(text);
            return FD_OK;
        }
    }
    return fd_bad(ld, s, "visitors.slip_paper",
                  _("\"%s\" is not a slip paper (\"a6\", \"receipt80\" or \"none\")"), text);
}

/* ── Lists ──────────────────────────────────────────────────────────────── */

/* Both [ … ] and ( … ) are accepted: administrators should not need to know
 * libconfig's difference between arrays and lists. */
static const config_setting_t *fd_get_list(const fd_loader *ld, const char *name)
{
    const config_setting_t *list = fd_lookup(ld, name);
    if (!list || config_setting_is_array(list) || config_setting_is_list(list))
        return list;
    fd_bad(ld, list, name, _("expected a list [ … ]"));
    return NULL;
}

static fd_status fd_get_strings(const fd_loader *ld, const char *name, bool required,
                                fd_string_list *out)
{
    const config_setting_t *list = fd_get_list(ld, name);
    if (!list)
        return FD_CONFIG;
    int n = config_setting_length(list);
    if (n == 0 && required)
        return fd_bad(ld, list, name, _("must list at least one entry"));
    out->items = fd_alloc((size_t)n * sizeof *out->items);
    for (int i = 0; i < n; i++) {
        const config_setting_t *s = config_setting_get_elem(list, (unsigned)i);
        const char *text = fd_string_value(ld, s, name);
        if (!text)
            return FD_CONFIG;
        if (text[0] == '\0')
            return fd_bad(ld, s, name, _("entries must not be empty"));
        for (size_t j = 0; j < out->count; j++) {
            if (strcmp(out->items[j], text) == 0)
                return fd_bad(ld, s, name, _("\"%s\" is listed twice"), text);
        }
        out->items[out->count++] = fd_strdup(text);
    }
    return FD_OK;
}

static fd_status fd_get_roles(const fd_loader *ld, const char *name, unsigned *mask)
{
    const config_setting_t *list = fd_get_list(ld, name);
    if (!list)
        return FD_CONFIG;
    *mask = 0;
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *s = config_setting_get_elem(list, (unsigned)i);
        const char *text = fd_string_value(ld, s, name);
        fd_role role;
        if (!text)
            return FD_CONFIG;
        if (!fd_role_parse(text, &role))
            return fd_bad(ld, s, name, _("unknown role \"%s\""), text);
        *mask |= FD_ROLE_BIT(role);
    }
    return FD_OK;
}

static fd_status fd_get_weekend(const fd_loader *ld, unsigned *mask)
{
    static const char *const days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    static const char name[] = "calendar.weekend";
    const config_setting_t *list = fd_get_list(ld, name);
    if (!list)
        return FD_CONFIG;
    *mask = 0;
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *s = config_setting_get_elem(list, (unsigned)i);
        const char *text = fd_string_value(ld, s, name);
        if (!text)
            return FD_CONFIG;
        int d = 0;
        while (d < 7 && strcmp(text, days[d]) != 0)
            d++;
        if (d == 7)
            return fd_bad(ld, s, name, _("\"%s\" is not a weekday (sun mon tue wed thu fri sat)"), text);
        *mask |= 1u << d;
    }
    /* Deadlines count working days forward; a week without one never ends. */
    if (*mask == 0x7fu)
        return fd_bad(ld, list, name, _("leaves no working day in the week"));
    return FD_OK;
}

/* "YYYY-MM-DD" or the inclusive range "YYYY-MM-DD/YYYY-MM-DD". */
static fd_status fd_date_item(const fd_loader *ld, const config_setting_t *s, const char *name,
                              fd_date *first, fd_date *last)
{
    const char *text = fd_string_value(ld, s, name);
    if (!text)
        return FD_CONFIG;
    const char *slash = strchr(text, '/');
    char start[FD_DATE_TEXT];
    fd_when_problem why = {.fault = FD_WHEN_SHAPE};
    bool ok;
    if (slash) {
        size_t len = (size_t)(slash - text);
        ok = len < sizeof start;
        if (ok) {
            memcpy(start, text, len);
            start[len] = '\0';
            ok = fd_date_parse(start, first, &why) && fd_date_parse(slash + 1, last, &why);
        }
    } else {
        ok = fd_date_parse(text, first, &why);
        *last = *first;
    }
    if (!ok)
        return fd_bad_when(ld, s, name, text, &why,
                           _("\"%s\" is not a date (YYYY-MM-DD) or a range (YYYY-MM-DD/YYYY-MM-DD)"), text);
    if (*last < *first)
        return fd_bad(ld, s, name, _("range \"%s\" ends before it starts"), text);
    if (*last - *first >= FD_MAX_RANGE_DAYS)
        return fd_bad(ld, s, name, _("range \"%s\" is longer than a year"), text);
    return FD_OK;
}

static int fd_date_cmp(const void *a, const void *b)
{
    fd_date x = *(const fd_date *)a, y = *(const fd_date *)b;
    return (x > y) - (x < y);
}

static bool fd_date_in(const fd_date_list *list, fd_date d)
{
    return list->count && bsearch(&d, list->dates, list->count, sizeof d, fd_date_cmp);
}

static fd_status fd_get_dates(const fd_loader *ld, const char *name, fd_date_list *out)
{
    const config_setting_t *list = fd_get_list(ld, name);
    if (!list)
        return FD_CONFIG;
    size_t cap = 0;
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *s = config_setting_get_elem(list, (unsigned)i);
        fd_date first, last;
        fd_status st = fd_date_item(ld, s, name, &first, &last);
        if (st != FD_OK)
            return st;
        size_t need = out->count + (size_t)(last - first) + 1;
        if (need > cap) {
            cap = need > 2 * cap ? need : 2 * cap;
            out->dates = fd_realloc(out->dates, cap * sizeof *out->dates);
        }
        for (fd_date d = first; d <= last; d++)
            out->dates[out->count++] = d;
    }
    if (out->count == 0)
        return FD_OK;
    qsort(out->dates, out->count, sizeof *out->dates, fd_date_cmp);
    size_t kept = 1;
    for (size_t i = 1; i < out->count; i++) {
        if (out->dates[i] != out->dates[kept - 1])
            out->dates[kept++] = out->dates[i];
    }
    out->count = kept;
    return FD_OK;
}

/* A day cannot be both a holiday and a make-up working day. The complaint
 * points at the list a file wrote, since the defaults are not the administrator's
 * to edit. */
static fd_status fd_check_calendar(const fd_loader *ld, const fd_config *cfg)
{
    const config_setting_t *holidays = fd_lookup(ld, "calendar.holidays");
    const config_setting_t *workdays = fd_lookup(ld, "calendar.workdays");
    if (!holidays || !workdays)
        return FD_CONFIG;
    bool blame_holidays = fd_from_a_file(ld, holidays) && !fd_from_a_file(ld, workdays);
    const config_setting_t *list = blame_holidays ? holidays : workdays;
    const char *name = blame_holidays ? "calendar.holidays" : "calendar.workdays";
    const char *other = blame_holidays ? "calendar.workdays" : "calendar.holidays";
    const fd_date_list *against = blame_holidays ? &cfg->workdays : &cfg->holidays;
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *s = config_setting_get_elem(list, (unsigned)i);
        fd_date first, last;
        fd_status st = fd_date_item(ld, s, name, &first, &last);
        if (st != FD_OK)
            return st;
        for (fd_date d = first; d <= last; d++) {
            if (fd_date_in(against, d)) {
                char text[FD_DATE_TEXT];
                fd_date_format(d, text);
                return fd_bad(ld, s, name, _("%s is also listed in %s"), text, other);
            }
        }
    }
    return FD_OK;
}

/* The years whose holiday notice the site has entered. A year listed without a single
 * holiday is a typo (or a notice half entered): the deadlines of that year would be
 * counted as weekends only while the program calls them checked. */
static fd_status fd_get_years(const fd_loader *ld, fd_config *cfg)
{
    static const char name[] = "calendar.years";
    const config_setting_t *list = fd_get_list(ld, name);
    if (!list)
        return FD_CONFIG;
    int n = config_setting_length(list);
    fd_year_list *out = &cfg->calendar_years;
    out->years = fd_alloc((size_t)(n ? n : 1) * sizeof *out->years);
    for (int i = 0; i < n; i++) {
        const config_setting_t *s = config_setting_get_elem(list, (unsigned)i);
        int year;
        fd_status st = fd_int_value(ld, s, name, 2000, 2099, &year);
        if (st != FD_OK)
            return st;
        size_t at = 0;
        while (at < out->count && out->years[at] < year)
            at++;
        if (at < out->count && out->years[at] == year)
            return fd_bad(ld, s, name, _("%d is listed twice"), year);
        fd_date first = fd_date_from_ymd(year, 1, 1), last = fd_date_from_ymd(year, 12, 31);
        bool any = false;
        for (size_t j = 0; j < cfg->holidays.count && !any; j++)
            any = cfg->holidays.dates[j] >= first && cfg->holidays.dates[j] <= last;
        if (!any)
            return fd_bad(ld, s, name, _("%d has no day in calendar.holidays: enter that year's "
                                         "notice there first"), year);
        memmove(out->years + at + 1, out->years + at, (out->count - at) * sizeof *out->years);
        out->years[at] = year;
        out->count++;
    }
    return FD_OK;
}

static fd_status fd_get_age_buckets(const fd_loader *ld, int buckets[3])
{
    static const char name[] = "mail.age_buckets";
    const config_setting_t *list = fd_get_list(ld, name);
    if (!list)
        return FD_CONFIG;
    if (config_setting_length(list) != 3)
        return fd_bad(ld, list, name, _("expected three numbers of days, e.g. [3, 7, 15]"));
    for (int i = 0; i < 3; i++) {
        const config_setting_t *s = config_setting_get_elem(list, (unsigned)i);
        fd_status st = fd_int_value(ld, s, name, 1, 365, &buckets[i]);
        if (st != FD_OK)
            return st;
        if (i > 0 && buckets[i] <= buckets[i - 1])
            return fd_bad(ld, s, name, _("the numbers must increase"));
    }
    return FD_OK;
}

static fd_status fd_binding_item(const fd_loader *ld, const config_setting_t *group,
                                 const char *name, fd_binding *out)
{
    if (!config_setting_is_group(group))
        return fd_bad(ld, group, name, _("expected { action = \"…\"; key = \"…\"; }"));
    const char *action = NULL, *key = NULL;
    for (int i = 0; i < config_setting_length(group); i++) {
        const config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
        const char *member = config_setting_name(s);
        const char **slot = strcmp(member, "action") == 0 ? &action
                            : strcmp(member, "key") == 0  ? &key
                                                          : NULL;
        if (!slot)
            return fd_fail(ld->err, FD_CONFIG, NULL, _("%s:%u: unknown setting '%s.%s'"),
                           fd_setting_file(ld, s), (unsigned)config_setting_source_line(s), name,
                           member);
        if (!(*slot = fd_string_value(ld, s, name)))
            return FD_CONFIG;
    }
    if (!action || !*action || !key || !*key)
        return fd_bad(ld, group, name, _("needs both a non-empty action and a key"));
    out->action = fd_strdup(action);
    out->key = fd_strdup(key);
    return FD_OK;
}

static fd_status fd_get_bindings(const fd_loader *ld, fd_config *cfg)
{
    static const char name[] = "console.bindings";
    const config_setting_t *list = fd_get_list(ld, name);
    if (!list)
        return FD_CONFIG;
    int n = config_setting_length(list);
    cfg->bindings = fd_alloc((size_t)n * sizeof *cfg->bindings);
    for (int i = 0; i < n; i++) {
        const config_setting_t *s = config_setting_get_elem(list, (unsigned)i);
        fd_status st = fd_binding_item(ld, s, name, &cfg->bindings[i]);
        if (st != FD_OK)
            return st;
        cfg->binding_count++;
    }
    return FD_OK;
}

/* ── Putting it together ────────────────────────────────────────────────── */

static const struct {
    const char *name;
    size_t offset;
    int min, max;
} fd_int_settings[] = {
    {"visitors.retention_days", offsetof(fd_config, retention_days), 1, 3650},
    {"console.idle_lock_seconds", offsetof(fd_config, idle_lock_seconds), 0, 86400},
    {"staff.pin_max_failures", offsetof(fd_config, pin_max_failures), 1, 100},
    {"staff.pin_min_digits", offsetof(fd_config, pin_min_digits), FD_CONFIG_PIN_MIN_DIGITS, 12},
    {"complaints.major.rectify_workdays", offsetof(fd_config, major_rectify_workdays), 1, 365},
    {"complaints.major.visit_days", offsetof(fd_config, major_visit_days), 1, 365},
    {"complaints.general.rectify_workdays", offsetof(fd_config, general_rectify_workdays), 1, 365},
    {"complaints.general.visit_days", offsetof(fd_config, general_visit_days), 1, 365},
    {"complaints.survey.department_days", offsetof(fd_config, survey_department_days), 1, 365},
    {"complaints.survey.measures_days", offsetof(fd_config, survey_measures_days), 1, 365},
    {"complaints.survey.visit_days", offsetof(fd_config, survey_visit_days), 1, 365},
    {"mail.return_days", offsetof(fd_config, mail_return_days), 1, 365},
    {"notices.notice_workdays", offsetof(fd_config, notice_workdays), 1, 30},
};

static const struct {
    const char *name;
    size_t offset;
} fd_clock_settings[] = {
    {"visitors.night_start", offsetof(fd_config, night_start)},
    {"visitors.night_end", offsetof(fd_config, night_end)},
    {"keys.curfew", offsetof(fd_config, key_curfew)},
};

static const struct {
    const char *name;
    size_t offset;
    bool optional;
} fd_string_settings[] = {
    {"site_name", offsetof(fd_config, site_name), false},
    {"database", offsetof(fd_config, database), true},
    {"gate", offsetof(fd_config, gate), false},
    {"printer", offsetof(fd_config, printer), true},
    {"visitors.slip_printer", offsetof(fd_config, slip_printer), true},
};

#define FD_FIELD(cfg, type, offset) ((type *)(void *)((char *)(cfg) + (offset)))

static fd_status fd_fill_scalars(const fd_loader *ld, fd_config *cfg)
{
    fd_status st = fd_get_language(ld, cfg);
    for (size_t i = 0; st == FD_OK && i < sizeof fd_string_settings / sizeof fd_string_settings[0]; i++)
        st = fd_get_string(ld, fd_string_settings[i].name, fd_string_settings[i].optional,
                           FD_FIELD(cfg, char *, fd_string_settings[i].offset));
    for (size_t i = 0; st == FD_OK && i < sizeof fd_clock_settings / sizeof fd_clock_settings[0]; i++)
        st = fd_get_clock(ld, fd_clock_settings[i].name,
                          FD_FIELD(cfg, int, fd_clock_settings[i].offset));
    for (size_t i = 0; st == FD_OK && i < sizeof fd_int_settings / sizeof fd_int_settings[0]; i++)
        st = fd_get_int(ld, fd_int_settings[i].name, fd_int_settings[i].min, fd_int_settings[i].max,
                        FD_FIELD(cfg, int, fd_int_settings[i].offset));
    return st;
}

static fd_status fd_fill(const fd_loader *ld, fd_config *cfg)
{
    fd_status st = fd_fill_scalars(ld, cfg);
    if (st == FD_OK)
        st = fd_get_slip_paper(ld, cfg);
    if (st == FD_OK)
        st = fd_get_weekend(ld, &cfg->weekend_mask);
    if (st == FD_OK)
        st = fd_get_dates(ld, "calendar.holidays", &cfg->holidays);
    if (st == FD_OK)
        st = fd_get_dates(ld, "calendar.workdays", &cfg->workdays);
    if (st == FD_OK)
        st = fd_check_calendar(ld, cfg);
    if (st == FD_OK)
        st = fd_get_years(ld, cfg);
    if (st == FD_OK)
        st = fd_get_roles(ld, "privacy.unmask_document_roles", &cfg->unmask_document_roles);
    if (st == FD_OK)
        st = fd_get_roles(ld, "privacy.unmask_phone_roles", &cfg->unmask_phone_roles);
    if (st == FD_OK)
        st = fd_get_strings(ld, "mail.carriers", false, &cfg->carriers);
    if (st == FD_OK)
        st = fd_get_strings(ld, "complaints.departments", true, &cfg->departments);
    if (st == FD_OK)
        st = fd_get_strings(ld, "handover.inventory", false, &cfg->inventory_items);
    if (st == FD_OK)
        st = fd_get_age_buckets(ld, cfg->mail_age_buckets);
    if (st == FD_OK)
        st = fd_get_bindings(ld, cfg);
    if (st == FD_OK)
        st = fd_get_roles(ld, "notices.approve_roles", &cfg->notice_approve_roles);
    if (st == FD_OK)
        st = fd_get_bool(ld, "notices.door_to_door", &cfg->notice_door_to_door);
    return st;
}

static fd_status fd_parse_fail(fd_error *err, const config_t *cf, const char *file)
{
    const char *where = config_error_file(cf);
    return fd_fail(err, FD_CONFIG, NULL, "%s:%d: %s", where ? where : file, config_error_line(cf),
                   config_error_text(cf));
}

/* Relative @include paths resolve beside the site file, not in whatever
 * directory the program was started from. */
static void fd_set_include_dir(config_t *cf, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return;
    char *dir = fd_printf("%.*s", (int)(slash - path) + (slash == path), path);
    config_set_include_dir(cf, dir);
    free(dir);
}

/* libconfig's scanner exits the whole process when a read fails, so a
 * directory must not reach it. The system file decides policy, so (root_only) it must
 * be root's and writable by root alone: whoever else could write it could set the
 * policy that binds them (EPERM). */
static FILE *fd_open_config(const char *path, bool root_only, int *error)
{
    FILE *f = fopen(path, "r");
    struct stat st;
    if (!f) {
        *error = errno;
        return NULL;
    }
    *error = fstat(fileno(f), &st) != 0                              ? errno
             : S_ISDIR(st.st_mode)                                   ? EISDIR
             : root_only && (st.st_uid != 0 || (st.st_mode & 022) != 0) ? EPERM
                                                                        : 0;
    if (*error) {
        fclose(f);
        return NULL;
    }
    return f;
}

/* what: the file, or "FILE:LINE: @include \"TARGET\"". */
static fd_status fd_cannot_read(fd_loader *ld, const char *what, int error)
{
    if (error == EPERM)
        return fd_fail(ld->err, FD_CONFIG, NULL,
                       _("%s: the system configuration must belong to root and be writable "
                         "by root alone."),
                       what);
    return fd_fail(ld->err, FD_CONFIG, NULL, _("%s: cannot read: %s"), what, strerror(error));
}

/* The path an "@include" line names, resolved beside the including file; NULL if the
 * line is not an include. Caller frees. */
static char *fd_include_target(const char *line, const char *including)
{
    line += strspn(line, " \t");
    if (strncmp(line, "@include", 8) != 0)
        return NULL;
    const char *open = strchr(line + 8, '"'), *close = open ? strchr(open + 1, '"') : NULL;
    if (!close)
        return NULL;
    const char *slash = strrchr(including, '/');
    if (open[1] == '/' || !slash)
        return fd_printf("%.*s", (int)(close - open - 1), open + 1);
    return fd_printf("%.*s/%.*s", (int)(slash - including), including, (int)(close - open - 1),
                     open + 1);
}

/* libconfig 1.5 exits the process when an @include names something it cannot read
 * (a directory, say), so every include is checked first, to the depth libconfig allows. */
static fd_status fd_check_includes(fd_loader *ld, const char *path, bool root_only, int depth)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return FD_OK; /* reported by the read itself */
    char line[1024];
    long number = 0;
    fd_status s = FD_OK;
    while (s == FD_OK && fgets(line, sizeof line, f)) {
        number++;
        char *target = fd_include_target(line, path);
        if (!target)
            continue;
        int error;
        FILE *t = depth < 10 ? fd_open_config(target, root_only, &error) : NULL;
        if (depth >= 10) {
            s = fd_fail(ld->err, FD_CONFIG, NULL, _("%s:%ld: @include nested too deeply"), path,
                        number);
        } else if (!t) {
            char *what = fd_printf("%s:%ld: @include \"%s\"", path, number, target);
            s = fd_cannot_read(ld, what, error);
            free(what);
        } else {
            fclose(t);
            s = fd_check_includes(ld, target, root_only, depth + 1);
        }
        free(target);
    }
    fclose(f);
    return s;
}

/* Reads one file into cf; *path_slot is set once it has been read. */
static fd_status fd_read_file(fd_loader *ld, config_t *cf, const char *path, bool root_only,
                              const char **path_slot)
{
    int error;
    FILE *f = fd_open_config(path, root_only, &error);
    if (!f)
        return fd_cannot_read(ld, path, error);
    fd_status checked = fd_check_includes(ld, path, root_only, 0);
    if (checked != FD_OK) {
        fclose(f);
        return checked;
    }
    fd_set_include_dir(cf, path);
    int ok = config_read(cf, f);
    fclose(f);
    if (!ok)
        return fd_parse_fail(ld->err, cf, path);
    *path_slot = path;
    return fd_check_known(ld, config_root_setting(cf), NULL);
}

static fd_status fd_load(const char *system_path, bool check_owner, const char *personal_path,
                         fd_config **out, fd_error *err)
{
    fd_loader ld = {.err = err};
    config_init(&ld.defaults);
    config_init(&ld.system);
    config_init(&ld.personal);
    fd_config *cfg = fd_alloc(sizeof *cfg);
    fd_status st = FD_OK;
    if (!config_read_string(&ld.defaults, fd_config_default_text))
        st = fd_parse_fail(err, &ld.defaults, _("<built-in defaults>"));
    if (st == FD_OK && system_path)
        st = fd_read_file(&ld, &ld.system, system_path, check_owner, &ld.system_path);
    if (st == FD_OK && personal_path)
        st = fd_read_file(&ld, &ld.personal, personal_path, false, &ld.personal_path);
    if (st == FD_OK)
        st = fd_fill(&ld, cfg);
    config_destroy(&ld.personal);
    config_destroy(&ld.system);
    config_destroy(&ld.defaults);
    if (st != FD_OK) {
        free(ld.personal_policy);
        fd_config_free(cfg);
        *out = NULL;
        return st;
    }
    cfg->source = fd_strdup(personal_path ? personal_path : system_path);
    cfg->personal_policy = ld.personal_policy;
    *out = cfg;
    return FD_OK;
}

fd_status fd_config_load_files(const char *system_path, const char *personal_path,
                               fd_config **out, fd_error *err)
{
    return fd_load(system_path, true, personal_path, out, err);
}

fd_status fd_config_load_file(const char *path, fd_config **out, fd_error *err)
{
    return fd_load(path, false, NULL, out, err);
}

static bool fd_file_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* The user's file beside their other settings: $XDG_CONFIG_HOME, which the
 * XDG spec says to ignore unless absolute, else ~/.config. */
static char *fd_user_config(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/')
        return fd_printf("%s/frontdesk/frontdesk.cfg", xdg);
    const char *home = getenv("HOME");
    if (home && *home)
        return fd_printf("%s/.config/frontdesk/frontdesk.cfg", home);
    return NULL;
}

/* The person's own file. A path someone named (option or environment) must exist, so
 * it is returned unchecked and loading reports it; the usual place is only tried. A
 * site install reads none: the person running it chooses nothing there. */
static char *fd_personal_config(const char *explicit_path)
{
    if (fd_site_mode())
        return NULL;
    if (explicit_path)
        return fd_strdup(explicit_path);
    const char *env = getenv("FRONTDESK_CONFIG");
    if (env && *env)
        return fd_strdup(env);
    char *user = fd_user_config();
    if (user && fd_file_exists(user))
        return user;
    free(user);
    return NULL;
}

static const char *fd_first_existing(const char *const paths[])
{
    for (size_t i = 0; paths[i]; i++) {
        if (fd_file_exists(paths[i]))
            return paths[i];
    }
    return NULL;
}

fd_status fd_config_load(const char *const system_paths[], const char *explicit_path,
                         fd_config **out, fd_error *err)
{
    char *personal = fd_personal_config(explicit_path);
    fd_status st = fd_config_load_files(fd_first_existing(system_paths), personal, out, err);
    free(personal);
    return st;
}

static void fd_string_list_free(fd_string_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
}

void fd_config_free(fd_config *cfg)
{
    if (!cfg)
        return;
    free(cfg->source);
    free(cfg->personal_policy);
    free(cfg->site_name);
    free(cfg->database);
    free(cfg->language);
    free(cfg->gate);
    free(cfg->printer);
    free(cfg->slip_printer);
    free(cfg->slip_paper);
    free(cfg->holidays.dates);
    free(cfg->workdays.dates);
    free(cfg->calendar_years.years);
    fd_string_list_free(&cfg->carriers);
    fd_string_list_free(&cfg->departments);
    fd_string_list_free(&cfg->inventory_items);
    for (size_t i = 0; i < cfg->binding_count; i++) {
        free(cfg->bindings[i].action);
        free(cfg->bindings[i].key);
    }
    free(cfg->bindings);
    free(cfg);
}
