/* Shared set-up for the Check suites: temporary databases and a fixed clock. */
#ifndef FRONTDESK_TESTLIB_H
#define FRONTDESK_TESTLIB_H

#include <check.h>
#include "frontdesk/time.h"

/* A fresh directory under $TMPDIR, removed by testlib_cleanup. */
const char *testlib_tmpdir(void);
/* path inside testlib_tmpdir(); the string is owned by the test library. */
const char *testlib_path(const char *name);
void testlib_cleanup(void);
/* A file of tests/data: under $FRONTDESK_TEST_DATA, which ctest sets, else found beside
 * this library's source (a suite run by hand). Owned as testlib_path's are. */
const char *testlib_data(const char *relative);

/* Runs the suite (CK_NORMAL output) and returns the process exit status. */
int testlib_run(Suite *suite);

#endif
