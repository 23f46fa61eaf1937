/* The sealed audit chain: the key moves on each day, the code in the office safe checks
 * every seal. The attacks here are made by someone with a shell as the desk's own
 * user: every file on the machine at hand, and the program's own code to hash with. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/audit_internal.h"
#include "base/seal.h"
#include "desk_fixture.h"
#include "forger.h"
#include "frontdesk/audit.h"
#include "frontdesk/staff.h"
#include "testlib.h"

enum { DAY = 86400 };

static fd_status verify(desk_fixture *f, const char *code, desk_fixture_problems *p, fd_verify_result *r)
{
    fd_verify_request req = {.seal_code = code};
    return desk_fixture_verify_into(f, &req, p, r);
}

static void add_staff(desk_fixture *f, const char *number, const char *name)
{
    fd_error err = {0};
    ck_assert_msg(fd_staff_add(f->desk, &f->admin, number, name, FD_ROLE_ASSISTANT, "1234", &err) == FD_OK,
                  "%s", err.message);
}

/* A desk written to on three days: the key moved on twice. */
static void three_days(desk_fixture *f, const char *db, char code[FD_SEAL_CODE_TEXT])
{
    desk_fixture_open(f, db);
    ck_assert(fd_desk_take_seal_code(f->desk, code));
    char again[FD_SEAL_CODE_TEXT];
    ck_assert(!fd_desk_take_seal_code(f->desk, again)); /* shown once */
    add_staff(f, "1002", "王芳");
    f->written += DAY;
    add_staff(f, "1003", "周敏");
    f->written += DAY;
    add_staff(f, "1004", "吴昊");
}

static sqlite3 *raw_open(const desk_fixture *f)
{
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(f->path, &db), SQLITE_OK);
    return db;
}

static int64_t raw_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* An edit to a row of the first day, made with the trigger dropped and put back. */
static int64_t edit_first_days_row(desk_fixture *f)
{
    desk_fixture_close(f);
    static const char *const triggers[] = {"staff_no_update", NULL};
    forger_behind_its_back(f, triggers, "UPDATE staff SET role = 'admin' WHERE number = '1002'");
    sqlite3 *db = raw_open(f);
    int64_t entry = raw_int(db, "SELECT a.id FROM audit a JOIN staff s ON a.tbl = 'staff' "
                                "AND a.row_id = s.id WHERE s.number = '1002'");
    sqlite3_close(db);
    desk_fixture_reopen(f);
    return entry;
}

/* ---- the tests ---- */

START_TEST(a_rewrite_with_every_file_on_the_machine_is_caught_by_the_code)
{
    desk_fixture f;
    char code[FD_SEAL_CODE_TEXT];
    three_days(&f, "rewrite.db", code);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, code, &p, &r), FD_OK);
    ck_assert(r.sealed);
    ck_assert_int_eq(r.seals_unchecked, 0);

    /* 王芳, an assistant of the first day, made an administrator; every entry from hers
     * hashed and sealed again with the key file of the third day. */
    forger_rechain(&f, edit_first_days_row(&f), WITH_DAY_KEY);
    /* The files alone cannot tell: the key on the machine made these seals. */
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_OK);
    /* The code can: the day the rewrite starts on was sealed with a key long gone. */
    ck_assert_int_eq(verify(&f, code, &p, &r), FD_TAMPERED);
    ck_assert_int_eq(p.count, 1);
    ck_assert_msg(desk_fixture_reported(&p, "does not carry the seal of 2026-11-27, the day before it"), "%s",
                  p.text[0]);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(the_key_file_moves_on_and_keeps_only_its_day)
{
    desk_fixture f;
    char code[FD_SEAL_CODE_TEXT];
    three_days(&f, "days.db", code);
    seal_code c;
    ck_assert(seal_code_parse(code, &c));
    ck_assert_int_eq(c.first_epoch, fd_date_of(f.now));
    ck_assert_int_eq(c.entries_before, 0);

    char *path = fd_desk_key_file(f.path, "seal");
    seal_key on_disk, derived;
    ck_assert_int_eq(seal_key_read(path, &on_disk, NULL), FD_OK);
    free(path);
    ck_assert_int_eq(on_disk.epoch, fd_date_of(f.now) + 2);
    seal_code_first_key(&c, &derived);
    ck_assert_mem_ne(derived.key, on_disk.key, SEAL_KEY_SIZE); /* the first day's is gone */
    seal_key_advance(&derived, on_disk.epoch);
    ck_assert_mem_eq(derived.key, on_disk.key, SEAL_KEY_SIZE);

    /* Each new day's first entry carries the day before's seal. */
    desk_fixture_close(&f);
    sqlite3 *db = raw_open(&f);
    ck_assert_int_eq(raw_int(db, "SELECT count(*) FROM audit WHERE bridge IS NOT NULL"), 2);
    ck_assert_int_eq(raw_int(db, "SELECT count(*) FROM audit WHERE seal IS NULL"), 0);
    ck_assert_int_eq(raw_int(db, "SELECT count(DISTINCT epoch) FROM audit"), 3);
    sqlite3_close(db);
}
END_TEST

static char *slurp_key_file(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    ck_assert_ptr_nonnull(file);
    char *bytes = malloc(256);
    *size = fread(bytes, 1, 256, file);
    fclose(file);
    return bytes;
}

static void put_key_file(const char *path, const char *bytes, size_t size)
{
    FILE *file = fopen(path, "wb");
    ck_assert_ptr_nonnull(file);
    ck_assert_uint_eq(fwrite(bytes, 1, size, file), size);
    fclose(file);
}

/* The terminal that wrote a new day's first entry was killed between its commit and the
 * key file, or could not open the file (a member of staff can arrange either for a
 * command of their own, with kill or a low limit on open files): the file still held
 * the day gone. The next terminal to write destroys it after all. */
START_TEST(a_key_file_left_on_the_day_gone_is_moved_on_by_the_next_write)
{
    desk_fixture f;
    char code[FD_SEAL_CODE_TEXT];
    desk_fixture_open(&f, "stale.db");
    ck_assert(fd_desk_take_seal_code(f.desk, code));
    add_staff(&f, "1002", "王芳");
    char *path = fd_desk_key_file(f.path, "seal");
    size_t size;
    char *day_gone = slurp_key_file(path, &size);
    f.written += DAY;
    add_staff(&f, "1003", "周敏"); /* the new day's first entry */
    put_key_file(path, day_gone, size); /* as if its key file had never been written */
    desk_fixture_close(&f);

    desk_fixture_reopen(&f);
    add_staff(&f, "1004", "吴昊");
    seal_key on_disk, derived;
    ck_assert_int_eq(seal_key_read(path, &on_disk, NULL), FD_OK);
    ck_assert_int_eq(on_disk.epoch, fd_date_of(f.now) + 1);
    seal_code c;
    ck_assert(seal_code_parse(code, &c));
    seal_code_first_key(&c, &derived);
    seal_key_advance(&derived, on_disk.epoch);
    ck_assert_mem_eq(derived.key, on_disk.key, SEAL_KEY_SIZE);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, code, &p, &r), FD_OK);
    desk_fixture_close(&f);
    free(day_gone);
    free(path);
}
END_TEST

START_TEST(seals_made_without_the_key_file_are_found_without_the_code)
{
    desk_fixture f;
    char code[FD_SEAL_CODE_TEXT];
    three_days(&f, "nokey.db", code);
    /* Someone with the database and the site key but another day's sealing key. */
    char *path = fd_desk_key_file(f.path, "seal");
    seal_key real, made_up = {0};
    ck_assert_int_eq(seal_key_read(path, &real, NULL), FD_OK);
    made_up.epoch = real.epoch;
    ck_assert_int_eq(seal_key_write(path, &made_up, NULL), FD_OK);
    forger_rechain(&f, edit_first_days_row(&f), WITH_DAY_KEY);
    ck_assert_int_eq(seal_key_write(path, &real, NULL), FD_OK);
    free(path);
    desk_fixture_close(&f);
    desk_fixture_reopen(&f);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_msg(desk_fixture_reported(&p, "seal does not match the sealing key: it was forged"), "%s", p.text[0]);
    desk_fixture_close(&f);
}
END_TEST

/* Someone with a copy and its key strips every seal and computes the whole chain again,
 * as a database made before sealing would have it: the sealing key still on file says
 * the chain was sealed, without the code. */
START_TEST(seals_stripped_beside_a_key_on_file_are_found_without_the_code)
{
    desk_fixture f;
    char code[FD_SEAL_CODE_TEXT];
    three_days(&f, "stripped.db", code);
    forger_rechain(&f, 1, AS_BEFORE_SEALING);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert(!r.sealed);
    ck_assert_msg(desk_fixture_reported(&p, "has no seal, but its sealing key is on file"), "%s",
                  p.text[0]);
    ck_assert_int_eq(verify(&f, code, &p, &r), FD_TAMPERED);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(an_older_database_begins_sealing_and_is_sealed_from_there)
{
    desk_fixture f;
    desk_fixture_open(&f, "older.db");
    /* As a database of schema 70 is after its upgrade: format 1, no seal, no key. */
    forger_rechain(&f, 1, AS_BEFORE_SEALING);
    char *path = fd_desk_key_file(f.path, "seal");
    unlink(path);
    desk_fixture_close(&f);
    desk_fixture_reopen(&f);
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_OK);
    ck_assert(!r.sealed);
    add_staff(&f, "1002", "王芳"); /* written as before, unsealed */

    char code[FD_SEAL_CODE_TEXT];
    fd_error err = {0};
    ck_assert_int_eq(fd_audit_begin_sealing(f.desk, &f.receptionist, code, &err), FD_DENIED);
    ck_assert_msg(fd_audit_begin_sealing(f.desk, &f.admin, code, &err) == FD_OK, "%s", err.message);
    ck_assert_int_eq(access(path, F_OK), 0);
    ck_assert_int_eq(fd_audit_begin_sealing(f.desk, &f.admin, code, &err), FD_STATE);
    f.written += DAY;
    add_staff(&f, "1003", "周敏");
    ck_assert_int_eq(verify(&f, code, &p, &r), FD_OK);
    ck_assert(r.sealed);
    ck_assert_int_eq(r.seals_checked, 3); /* the sealing's own entry, the next day's staff and PIN */

    /* After the sealing began, an entry without a seal is one written without the key. */
    desk_fixture_close(&f);
    sqlite3 *db = raw_open(&f);
    ck_assert_int_eq(sqlite3_exec(db, "DROP TRIGGER audit_no_update; "
                                      "UPDATE audit SET seal = NULL WHERE id = (SELECT max(id) FROM audit)",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    desk_fixture_reopen(&f);
    ck_assert_int_eq(verify(&f, NULL, &p, &r), FD_TAMPERED);
    ck_assert_msg(desk_fixture_reported(&p, "has no seal, though it was written after the sealing began"), "%s",
                  p.text[1]);
    free(path);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(a_lost_sealing_key_stops_writes_until_rebuilt_from_the_code)
{
    desk_fixture f;
    char code[FD_SEAL_CODE_TEXT];
    three_days(&f, "lost.db", code);
    char *path = fd_desk_key_file(f.path, "seal");
    desk_fixture_close(&f);
    unlink(path);
    desk_fixture_reopen(&f);
    fd_error err = {0};
    /* Not a quiet fall back to writing unsealed. */
    ck_assert_int_eq(fd_staff_add(f.desk, &f.admin, "1005", "郑洁", FD_ROLE_ASSISTANT, "1234", &err), FD_STATE);
    ck_assert_ptr_nonnull(strstr(err.message, "seal --code"));

    char other[FD_SEAL_CODE_TEXT];
    seal_code c;
    seal_key k;
    seal_code_new(fd_date_of(f.now), 0, &c, &k);
    seal_code_format(&c, other);
    ck_assert_int_eq(fd_audit_rebuild_sealing(f.desk, &f.admin, other, &err), FD_INVALID);
    ck_assert_int_eq(fd_audit_rebuild_sealing(f.desk, &f.admin, "not a code", &err), FD_INVALID);
    ck_assert_msg(fd_audit_rebuild_sealing(f.desk, &f.admin, code, &err) == FD_OK, "%s", err.message);
    f.written += DAY;
    add_staff(&f, "1005", "郑洁");
    desk_fixture_problems p;
    fd_verify_result r;
    ck_assert_int_eq(verify(&f, code, &p, &r), FD_OK);
    ck_assert_int_eq(access(path, F_OK), 0);
    free(path);
    desk_fixture_close(&f);
}
END_TEST

START_TEST(a_code_is_read_as_people_type_it)
{
    seal_code c, back;
    seal_key k;
    seal_code_new(20419, 1234567, &c, &k);
    char text[FD_SEAL_CODE_TEXT];
    seal_code_format(&c, text);
    ck_assert_int_eq(strlen(text), 48 + 11);
    ck_assert(seal_code_parse(text, &back));
    ck_assert_mem_eq(back.seed, c.seed, SEAL_SEED_SIZE);
    ck_assert_int_eq(back.first_epoch, 20419);
    ck_assert_int_eq(back.entries_before, 1234567);
    /* Lower case, spaces for dashes, O for 0 and l for 1 are all the same code. */
    char typed[FD_SEAL_CODE_TEXT * 2];
    size_t n = 0;
    for (const char *s = text; *s; s++)
        typed[n++] = *s == '-' ? ' ' : *s == '0' ? 'o' : *s == '1' ? 'l' : (char)(*s | 0x20);
    typed[n] = '\0';
    ck_assert(seal_code_parse(typed, &back));
    ck_assert_mem_eq(back.seed, c.seed, SEAL_SEED_SIZE);
    /* One character wrong is not another code. */
    text[5] = text[5] == 'A' ? 'B' : 'A';
    ck_assert(!seal_code_parse(text, &back));
    ck_assert(!seal_code_parse("", &back));
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("seal");
    TCase *tc = tcase_create("seal");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_rewrite_with_every_file_on_the_machine_is_caught_by_the_code);
    tcase_add_test(tc, the_key_file_moves_on_and_keeps_only_its_day);
    tcase_add_test(tc, a_key_file_left_on_the_day_gone_is_moved_on_by_the_next_write);
    tcase_add_test(tc, seals_made_without_the_key_file_are_found_without_the_code);
    tcase_add_test(tc, seals_stripped_beside_a_key_on_file_are_found_without_the_code);
    tcase_add_test(tc, an_older_database_begins_sealing_and_is_sealed_from_there);
    tcase_add_test(tc, a_lost_sealing_key_stops_writes_until_rebuilt_from_the_code);
    tcase_add_test(tc, a_code_is_read_as_people_type_it);
    suite_add_tcase(suite, tc);
    return testlib_run(suite);
}
