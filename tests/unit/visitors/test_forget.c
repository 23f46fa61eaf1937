/* The purge that forgets, tried as an attacker would: a shell as the desk's own user,
 * every file the program leaves at hand — the database, its write-ahead log and shared
 * memory, the site key, the sealing key, the head file, a backup made afterwards with
 * its key, an export made afterwards — and more than the screen shows of each purged
 * number (its region and sequence). Every birth date is tried, each candidate looked
 * for in every file as the number itself, as its HMAC under the site key, and as the
 * masked form the purge used to leave. None may be found; the numbers not yet purged
 * are found the same way, so the search is one that works. */
#include <dirent.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk_fixture.h"
#include "forger.h"
#include "frontdesk/audit.h"
#include "frontdesk/export.h"
#include "frontdesk/staff.h"
#include "frontdesk/validate.h"
#include "frontdesk/visitors.h"
#include "testlib.h"

enum { PURGED = 24, KEPT = 4, VISITS = PURGED + KEPT, NUMBER = 18, HEX = 64 };

typedef struct visitor {
    char number[NUMBER + 1];
} visitor;

static const char *const regions[] = {"110105", "310101", "440304", "510107"};

/* A resident identity number: region, birth date, sequence, and the check character of
 * GB 11643. */
static void make_number(const char *region, fd_date born, int sequence, char out[NUMBER + 1])
{
    int y, m, d;
    fd_date_ymd(born, &y, &m, &d);
    snprintf(out, NUMBER + 1, "%s%04d%02d%02d%03d", region, y, m, d, sequence);
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (out[i] - '0') * weights[i];
    out[17] = "10X98765432"[sum % 11];
    out[18] = '\0';
}

/* ---- the files, as windows to look candidates up in ---- */

typedef struct windows {
    char **items;
    size_t count, capacity;
} windows;

static void add_window(windows *w, const char *at, size_t size)
{
    if (w->count == w->capacity) {
        w->capacity = w->capacity ? 2 * w->capacity : 4096;
        w->items = realloc(w->items, w->capacity * sizeof *w->items);
    }
    w->items[w->count++] = strndup(at, size);
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static bool is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == 'X' || c == '*';
}

/* Every run of `size` characters of a kind, at every offset of the file. */
static void scan_file(const char *path, windows *numbers, windows *hmacs)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    ck_assert_uint_eq(fread(data, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    for (long i = 0; i + NUMBER <= size; i++) {
        bool number = true, hex = i + HEX <= size;
        for (int k = 0; k < NUMBER && number; k++)
            number = is_number_char(data[i + k]);
        for (int k = 0; k < HEX && hex; k++)
            hex = is_hex(data[i + k]);
        if (number)
            add_window(numbers, data + i, NUMBER);
        if (hex)
            add_window(hmacs, data + i, HEX);
    }
    free(data);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool holds(const windows *w, const char *text)
{
    return bsearch(&text, w->items, w->count, sizeof *w->items, by_text) != NULL;
}

static void free_windows(windows *w)
{
    for (size_t i = 0; i < w->count; i++)
        free(w->items[i]);
    free(w->items);
}

/* ---- the attack ---- */

typedef struct found {
    int numbers, hmacs;
} found;

/* Every birth date from 1930 to 2010 for this visitor's region and sequence. */
static found brute_force(const unsigned char *key, const char *number, const windows *numbers,
                         const windows *hmacs)
{
    found hits = {0};
    char region[7], candidate[NUMBER + 1];
    snprintf(region, sizeof region, "%.6s", number);
    int sequence = (number[14] - '0') * 100 + (number[15] - '0') * 10 + (number[16] - '0');
    for (fd_date day = fd_date_from_ymd(1930, 1, 1); day <= fd_date_from_ymd(2010, 12, 31); day++) {
        make_number(region, day, sequence, candidate);
        unsigned char mac[crypto_auth_hmacsha256_BYTES];
        char mac_hex[HEX + 1];
        crypto_auth_hmacsha256(mac, (const unsigned char *)candidate, NUMBER, key);
        sodium_bin2hex(mac_hex, sizeof mac_hex, mac, sizeof mac);
        hits.numbers += holds(numbers, candidate);
        hits.hmacs += holds(hmacs, mac_hex);
    }
    return hits;
}

static void read_key(const char *db, unsigned char key[FD_SECRET_SIZE])
{
    char *path = fd_desk_key_path(db);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fread(key, 1, FD_SECRET_SIZE, f), FD_SECRET_SIZE);
    fclose(f);
    free(path);
}

/* Every file in the test's folder: the database's, the backup's, the export. */
static void scan_everything(windows *numbers, windows *hmacs)
{
    DIR *dir = opendir(testlib_tmpdir());
    struct dirent *e;
    while ((e = readdir(dir))) {
        char *path = fd_printf("%s/%s", testlib_tmpdir(), e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            scan_file(path, numbers, hmacs);
        free(path);
    }
    closedir(dir);
    qsort(numbers->items, numbers->count, sizeof *numbers->items, by_text);
    qsort(hmacs->items, hmacs->count, sizeof *hmacs->items, by_text);
}

/* What the purge used to leave on screen: region, sequence and check, eight digits
 * (a birth date) to guess. */
static bool masked_as_before(const windows *numbers, const char *number)
{
    char masked[NUMBER + 1];
    snprintf(masked, sizeof masked, "%.6s********%.4s", number, number + 14);
    return holds(numbers, masked);
}

typedef struct attack_result {
    int numbers, hmacs, masks; /* of the visitors attacked, how many found each way */
} attack_result;

static attack_result attack(const desk_fixture *f, const visitor *v, int from, int to)
{
    unsigned char key[FD_SECRET_SIZE];
    read_key(f->path, key);
    windows numbers = {0}, hmacs = {0};
    scan_everything(&numbers, &hmacs);
    attack_result all = {0};
    for (int i = from; i < to; i++) {
        found hits = brute_force(key, v[i].number, &numbers, &hmacs);
        all.numbers += hits.numbers > 0;
        all.hmacs += hits.hmacs > 0;
        all.masks += masked_as_before(&numbers, v[i].number);
    }
    free_windows(&numbers);
    free_windows(&hmacs);
    return all;
}

/* ---- the desk ---- */

static void register_visit(desk_fixture *f, const char *number)
{
    fd_visit_form form = {
        .visitor_name = "访客", .doc_type = FD_DOC_RESIDENT_ID, .doc_number = number,
        .phone = "13800138000", .party_size = 1, .purpose = "送文件", .unit = "A-1203",
        .visitee_name = "王五",
    };
    fd_error err = {0};
    int64_t id;
    ck_assert_msg(fd_visit_register(f->desk, &f->receptionist, NULL, &form, &id, &err) == FD_OK,
                  "%s: %s", number, err.message);
}

static void backup_with_key(const desk_fixture *f, const char *name)
{
    const char *to = testlib_path(name);
    fd_error err = {0};
    ck_assert_int_eq(fd_store_backup(f->desk->store, to, NULL, NULL, &err), FD_OK);
    char *command = fd_printf("cp '%s.key' '%s.key'", f->path, to);
    ck_assert_int_eq(system(command), 0);
    free(command);
}

static void export_everything(desk_fixture *f, const fd_actor *admin, const char *name)
{
    fd_export_request req = {0, fd_desk_now(f->desk) + 86400, FD_EXPORT_CSV, true, false};
    fd_status s;
    size_t size;
    fd_error err = {0};
    char *text = desk_fixture_export(f, fd_visitors_export, admin, &req, &s, &size, &err);
    ck_assert_msg(s == FD_OK, "%s", err.message);
    FILE *out = fopen(testlib_path(name), "w");
    ck_assert_uint_eq(fwrite(text, 1, size, out), size);
    fclose(out);
    free(text);
}

START_TEST(nothing_left_rebuilds_a_purged_number)
{
    desk_fixture f;
    desk_fixture_open(&f, "forget.db");
    f.config.retention_days = 180;
    fd_actor cs;
    fd_error err = {0};
    ck_assert_int_eq(fd_staff_add(f.desk, &f.admin, "3001", "刘洋", FD_ROLE_CS_MANAGER, "3333", &err), FD_OK);
    ck_assert_int_eq(fd_staff_login(f.desk, "3001", "3333", &cs, &err), FD_OK);
    f.config.unmask_document_roles = FD_ROLE_BIT(FD_ROLE_ADMIN);

    visitor v[VISITS];
    uint32_t seed = 20261127;
    fd_time today = f.now;
    f.now -= 200 * 86400;
    for (int i = 0; i < VISITS; i++) {
        if (i == PURGED)
            f.now = today;
        seed = seed * 1103515245u + 12345u;
        fd_date born = fd_date_from_ymd(1940, 1, 1) + (fd_date)(seed >> 8) % 25000;
        make_number(regions[i % 4], born, (int)(seed % 1000), v[i].number);
        register_visit(&f, v[i].number);
    }
    /* A console open at another terminal all along: it keeps the log file open. */
    desk_fixture other = f;
    desk_fixture_reopen(&other);
    attack_result before = attack(&f, v, 0, PURGED);
    ck_assert_int_eq(before.hmacs, PURGED); /* the attack works: all found before */
    ck_assert_int_eq(before.masks, PURGED);

    fd_purge_result r;
    ck_assert_msg(fd_visits_purge_with(f.desk, &cs, NULL, &r, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(r.visits, PURGED);
    ck_assert(r.log_emptied);
    backup_with_key(&f, "after.db");
    export_everything(&f, &f.admin, "after.csv");

    attack_result after = attack(&f, v, 0, PURGED);
    ck_assert_int_eq(after.numbers, 0);
    ck_assert_int_eq(after.hmacs, 0);
    ck_assert_int_eq(after.masks, 0);
    attack_result kept = attack(&f, v, PURGED, VISITS);
    ck_assert_int_eq(kept.numbers, KEPT); /* the same search finds what is kept */
    ck_assert_int_eq(kept.hmacs, KEPT);

    fd_verify_result result;
    ck_assert_int_eq(fd_verify(f.desk, NULL, NULL, NULL, &result, &err), FD_OK);
    desk_fixture_close(&other);
    desk_fixture_close(&f);
}
END_TEST

/* ---- a database made before commitments ---- */

typedef struct problems {
    int count;
    char text[4][512];
} problems;

static void collect(void *ctx, const char *problem)
{
    problems *p = ctx;
    if (p->count < 4)
        snprintf(p->text[p->count], sizeof p->text[0], "%s", problem);
    p->count++;
}

static problems verify(desk_fixture *f)
{
    problems p = {0};
    fd_verify_result r;
    fd_error err = {0};
    fd_verify(f->desk, NULL, collect, &p, &r, &err);
    return p;
}

static int64_t raw_int(const desk_fixture *f, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(f->path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

START_TEST(an_older_databases_visits_are_forgotten_and_still_verify)
{
    desk_fixture f;
    desk_fixture_open(&f, "older.db");
    f.config.retention_days = 180;
    fd_actor cs;
    fd_error err = {0};
    ck_assert_int_eq(fd_staff_add(f.desk, &f.admin, "3001", "刘洋", FD_ROLE_CS_MANAGER, "3333", &err), FD_OK);
    ck_assert_int_eq(fd_staff_login(f.desk, "3001", "3333", &cs, &err), FD_OK);
    char numbers[3][NUMBER + 1];
    for (int i = 0; i < 3; i++)
        make_number(regions[i], fd_date_from_ymd(1950 + 17 * i, 3, 4 + i), 101 + i, numbers[i]);
    fd_time today = f.now;
    f.now -= 200 * 86400;
    register_visit(&f, numbers[0]); /* visit 1: forgotten, checked */
    register_visit(&f, numbers[1]); /* visit 2: changed before the purge */
    f.now = today;
    register_visit(&f, numbers[2]);
    /* As a database of schema 70 is after its upgrade: no commitments, its entries of
     * format 1, no seal. */
    static const char *const visit_trigger[] = {"visit_no_update", NULL};
    forger_behind_its_back(&f, visit_trigger, "UPDATE visit SET pii_salt = NULL, pii_commit = NULL");
    forger_rechain(&f, 1, AS_BEFORE_SEALING);
    char *seal = fd_desk_key_file(f.path, "seal");
    unlink(seal);
    free(seal);
    desk_fixture_close(&f);
    forger_behind_its_back(&f, visit_trigger, "UPDATE visit SET visitee_name = '李四' WHERE id = 2");
    desk_fixture_reopen(&f);
    problems p = verify(&f);
    ck_assert_int_eq(p.count, 1);
    ck_assert_msg(strstr(p.text[0], "visit row 2 does not match"), "%s", p.text[0]);

    fd_purge_result r;
    ck_assert_msg(fd_visits_purge_with(f.desk, &cs, NULL, &r, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(r.visits, 2);
    /* Both forgotten; the one that matched its entry recorded anew, the other still
     * reported as it was. */
    ck_assert_int_eq(raw_int(&f, "SELECT count(*) FROM visit WHERE doc_number_clear IS NULL AND "
                                 "doc_number_hmac = '' AND doc_number_masked = '********'"), 2);
    ck_assert_int_eq(raw_int(&f, "SELECT count(*) FROM audit WHERE action = 'visit.forget' AND row_id = 1"), 1);
    ck_assert_int_eq(raw_int(&f, "SELECT count(*) FROM audit WHERE action = 'visit.forget' AND row_id = 2"), 0);
    p = verify(&f);
    ck_assert_int_eq(p.count, 1);
    ck_assert_msg(strstr(p.text[0], "visit row 2 does not match"), "%s", p.text[0]);
    desk_fixture_close(&f);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("forget");
    TCase *tc = tcase_create("forget");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, nothing_left_rebuilds_a_purged_number);
    tcase_add_test(tc, an_older_databases_visits_are_forgotten_and_still_verify);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
