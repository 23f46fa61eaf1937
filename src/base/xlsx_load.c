/* xlsx_load: the workbook writer is the module frontdesk-xlsx.so (see xlsx.h), loaded
 * the first time a workbook is written, as the PDF renderer is (src/paper/
 * report_pdf_load.c). */
#include "base/xlsx.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "frontdesk/i18n.h"
#include "util/uninstalled.h"

/* $FRONTDESK_XLSX_MODULE (ignored by a set-id program), else the build tree's module
 * for a program of the build tree (util/uninstalled.c says why only those), else the
 * installed one. */
static const char *module_path(void)
{
    const char *path = secure_getenv("FRONTDESK_XLSX_MODULE");
    if (path && *path)
        return path;
    struct stat st;
    if (fd_running_uninstalled() && stat(FRONTDESK_BUILD_XLSX_MODULE, &st) == 0)
        return FRONTDESK_BUILD_XLSX_MODULE;
    return FRONTDESK_XLSX_MODULE;
}

/* Loaded once and kept for the life of the process, as if it were linked in. */
const xlsx_ops *xlsx_load(fd_error *err)
{
    static const xlsx_ops *loaded;
    if (loaded)
        return loaded;
    void *module = dlopen(module_path(), RTLD_NOW | RTLD_LOCAL);
    void *entry = module ? dlsym(module, "fd_xlsx_module") : NULL;
    if (!entry) {
        fd_fail(err, FD_IO, NULL, _("Excel workbooks are not available: %s"), dlerror());
        return NULL;
    }
    const xlsx_ops *(*get)(void);
    /* POSIX: a symbol's address converts to the function it names. */
    *(void **)&get = entry;
    loaded = get();
    return loaded;
}
