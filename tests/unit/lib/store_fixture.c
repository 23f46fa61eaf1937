#include "store_fixture.h"

#include "testlib.h"

fd_store *store_fixture_open(const char *name)
{
    fd_store *s = NULL;
    fd_error err = {0};
    ck_assert_msg(fd_store_open(testlib_path(name), FD_STORE_CREATE, &s, &err) == FD_OK, "%s",
                  err.message);
    return s;
}
