/* libFuzzer target: the CSV reader over arbitrary bytes, then both directory imports
 * of the same bytes into one desk kept for the whole run. Imports may fail; they must
 * not crash, leak or write out of bounds. The desk holds the units the seed files name,
 * so occupant rows can get as far as being written. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/csv.h"
#include "frontdesk/desk.h"
#include "frontdesk/directory.h"
#include "frontdesk/staff.h"
#include "fuzz_scratch.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char seed_units[] =
    "building,floor,room\n"
    "A,12,1203\nA,12,1204\nT,15,1501\n1号楼,1,101\n1号楼,-1,B101\nB,5,502\n";

static fd_config config;
static fd_time now;
static fd_desk *desk;
static fd_actor admin;

static void die(const char *what, const fd_error *err)
{
    fprintf(stderr, "fuzz_csv: %s: %s\n", what, err->message);
    abort();
}

static void close_desk(void)
{
    fd_desk_close(desk);
}

static FILE *open_bytes(const void *data, size_t size)
{
    /* fmemopen refuses an empty buffer; an empty file is worth reading all the same. */
    return size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fd_error err = {0};
    now = fd_time_from_local(2026, 11, 27, 10, 0, 0);
    config.pin_max_failures = 5;
    if (fd_desk_open(fuzz_scratch_path("fuzz.db"), FD_STORE_CREATE, &config, fd_clock_fixed(&now),
                     &desk, &err) != FD_OK)
        die("opening the desk", &err);
    atexit(close_desk);
    if (fd_desk_mark_demo(desk, &err) != FD_OK || /* the demo's 4-digit PINs */
        fd_staff_add(desk, NULL, "9001", "陈静", FD_ROLE_ADMIN, "9999", &err) != FD_OK ||
        fd_staff_login(desk, "9001", "9999", &admin, &err) != FD_OK)
        die("setting up the administrator", &err);
    FILE *in = open_bytes(seed_units, strlen(seed_units));
    fd_import_result result;
    if (fd_directory_import_units(desk, &admin, in, &result, &err) != FD_OK)
        die("importing the seed units", &err);
    fd_import_result_free(&result);
    fclose(in);
    return 0;
}

/* Reads every field to its end: a field is made of the input's bytes, so none is
 * longer than the input, and a malformed record says why. */
static void read_records(const uint8_t *data, size_t size)
{
    FILE *in = open_bytes(data, size);
    fd_csv *r = fd_csv_new(in);
    fd_csv_result res;
    while ((res = fd_csv_read(r)) == FD_CSV_RECORD || res == FD_CSV_BAD) {
        if (res == FD_CSV_BAD && !fd_csv_problem(r)[0])
            abort();
        for (size_t i = 0; res == FD_CSV_RECORD && i < fd_csv_count(r); i++)
            if (strlen(fd_csv_field(r, i)) > size)
                abort();
    }
    fd_csv_free(r);
    fclose(in);
}

typedef fd_status (*import_fn)(fd_desk *d, const fd_actor *who, FILE *csv, fd_import_result *out,
                               fd_error *err);

static void import_bytes(import_fn import, const uint8_t *data, size_t size)
{
    FILE *in = open_bytes(data, size);
    fd_import_result result;
    fd_error err = {0};
    fd_status s = import(desk, &admin, in, &result, &err);
    /* Whatever the bytes, the file is imported or refused with a reason: any other
     * outcome (a constraint the checks missed, say) is a bug. */
    if ((s != FD_OK && s != FD_INVALID) || (s == FD_INVALID && err.message[0] == '\0'))
        die("import", &err);
    fd_import_result_free(&result);
    fclose(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_records(data, size);
    import_bytes(fd_directory_import_units, data, size);
    import_bytes(fd_directory_import_occupants, data, size);
    return 0;
}
