/* Site configuration (libconfig). The documented example, data/frontdesk.cfg, is
 * compiled in and is the default for every key; the system file (root's) overrides what
 * it names, and a file of the person's own may then set their personal settings
 * (language, printer, database, key bindings). What staff may see or do is the site's:
 * a personal file that sets it is noted in personal_policy, and the desk honours it
 * only for a demo database (cli_open_desk refuses it otherwise). */
#ifndef FRONTDESK_CONFIG_H
#define FRONTDESK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "frontdesk/status.h"
#include "frontdesk/time.h"

typedef struct fd_date_list {
    fd_date *dates; /* sorted, no duplicates */
    size_t count;
} fd_date_list;

typedef struct fd_year_list {
    int *years; /* sorted, no duplicates */
    size_t count;
} fd_year_list;

typedef struct fd_string_list {
    char **items;
    size_t count;
} fd_string_list;

typedef struct fd_binding {
    char *action; /* action name, e.g. "help" */
    char *key;    /* key name, e.g. "F1", "?", "^L", "Enter" */
} fd_binding;

/* The fewest digits a site may ask of a new PIN (staff.pin_min_digits). */
enum { FD_CONFIG_PIN_MIN_DIGITS = 6 };

typedef struct fd_config {
    char *source;            /* file read, or NULL when only defaults apply */
    /* "FILE:LINE: NAME" of the first site setting a personal file sets; NULL: none */
    char *personal_policy;
    char *site_name;
    char *database;          /* NULL: $XDG_DATA_HOME/frontdesk/frontdesk.db */
    char *language;          /* "zh_CN" or "en" */
    char *gate;              /* the gate admitted visitors use */
    int night_start;         /* minutes after midnight: duty-manager-only window */
    int night_end;
    int key_curfew;          /* minutes after midnight: loans due back by then */
    int idle_lock_seconds;   /* 0: never lock */
    int pin_max_failures;
    int pin_min_digits;      /* for new PINs; 0 (a hand-made config) means the least */
    int retention_days;      /* visitors' clear document numbers kept this long */
    char *printer;           /* CUPS destination; NULL: save to a file */
    char *slip_printer;      /* the visitor slip's CUPS destination; NULL: printer */
    char *slip_paper;        /* "a6", "receipt80", or "none": no slip at admission */
    /* complaints */
    int major_rectify_workdays, major_visit_days;
    int general_rectify_workdays, general_visit_days;
    int survey_department_days, survey_measures_days, survey_visit_days;
    /* calendar */
    unsigned weekend_mask;   /* bit d set: weekday d (0 = Sunday) is a rest day */
    fd_date_list holidays;   /* rest days on what would be working days */
    fd_date_list workdays;   /* make-up working days (调休) on weekends */
    fd_year_list calendar_years; /* years whose State Council notice is entered above */
    /* roles that see these in full; bit per fd_role */
    unsigned unmask_document_roles;
    unsigned unmask_phone_roles;
    fd_string_list carriers;
    fd_string_list departments;
    fd_string_list inventory_items;
    int mail_age_buckets[3];  /* days */
    int mail_return_days;
    fd_binding *bindings;
    size_t binding_count;
    /* notices */
    unsigned notice_approve_roles; /* who signs a notice; bit per fd_role */
    int notice_workdays;           /* working days of notice before works start */
    bool notice_door_to_door;      /* the site hands notices to units */
} fd_config;

/* Loads the system file (the first of system_paths, NULL-terminated, that exists) and
 * over it the person's own: explicit_path, else $FRONTDESK_CONFIG, else
 * $XDG_CONFIG_HOME/frontdesk/frontdesk.cfg if it exists — none in a site install. A bad
 * file fails with FD_CONFIG and a message naming file:line. */
fd_status fd_config_load(const char *const system_paths[], const char *explicit_path,
                         fd_config **out, fd_error *err);
/* Loads system_path (which must be root's and writable by root alone) and personal_path
 * over the defaults; either may be NULL. */
fd_status fd_config_load_files(const char *system_path, const char *personal_path,
                               fd_config **out, fd_error *err);
/* Loads one file over the defaults, as the system's but whoever owns it: for tests and
 * tools (path NULL: defaults only). */
fd_status fd_config_load_file(const char *path, fd_config **out, fd_error *err);

void fd_config_free(fd_config *cfg);

/* The built-in defaults: the text of data/frontdesk.cfg. */
extern const char fd_config_default_text[];

#endif
