#include "testlib.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char tmpdir[256];
static char paths[16][512];
static int next_path;

const char *testlib_tmpdir(void)
{
    if (tmpdir[0] == '\0') {
        const char *base = getenv("TMPDIR");
        snprintf(tmpdir, sizeof tmpdir, "%s/frontdesk-test-XXXXXX", base ? base : "/tmp");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            abort();
        }
    }
    return tmpdir;
}

const char *testlib_path(const char *name)
{
    char *slot = paths[next_path++ % 16];
    snprintf(slot, 512, "%s/%s", testlib_tmpdir(), name);
    return slot;
}

const char *testlib_data(const char *relative)
{
    char *slot = paths[next_path++ % 16];
    const char *data = getenv("FRONTDESK_TEST_DATA");
    const char *slash = strrchr(__FILE__, '/');
    if (data)
        snprintf(slot, 512, "%s/%s", data, relative);
    else /* tests/unit/lib/testlib.c: tests/data is two folders up */
        snprintf(slot, 512, "%.*s/../../data/%s", slash ? (int)(slash - __FILE__) : 1,
                 slash ? __FILE__ : ".", relative);
    return slot;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(path);
}

void testlib_cleanup(void)
{
    if (tmpdir[0] != '\0')
        nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    tmpdir[0] = '\0';
}

int testlib_run(Suite *suite)
{
    testlib_tmpdir(); /* before the fork, so every test shares it and cleanup finds it */
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    testlib_cleanup();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
