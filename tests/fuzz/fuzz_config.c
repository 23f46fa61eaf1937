/* libFuzzer target: the configuration loader on arbitrary bytes, written to a file in
 * a scratch directory (libconfig reads files). A bad file must be refused with a
 * message, never crash, leak or end the process.
 *
 * Files with @include are skipped: libconfig 1.5 (Debian 12) ends the process with
 * exit(2), "input in flex scanner failed", when an included path is a directory
 * (`@include "/"`), and config.c cannot intercept includes before libconfig 1.7's
 * config_set_include_func. Reported; drop the skip once that is handled. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/config.h"
#include "fuzz_scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char include[] = "@include";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memmem(data, size, include, strlen(include)))
        return 0;
    const char *path = fuzz_scratch_path("site.cfg");
    FILE *f = fopen(path, "w");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    fd_config *cfg = NULL;
    fd_error err = {0};
    fd_status s = fd_config_load_file(path, &cfg, &err);
    if ((s == FD_OK) != (cfg != NULL) || (s != FD_OK && (s != FD_CONFIG || !err.message[0])))
        abort();
    fd_config_free(cfg);
    return 0;
}
