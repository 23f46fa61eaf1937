/* fd_report_write_pdf: the PDF renderer (src/report_pdf.c) is the module frontdesk-pdf.so,
 * loaded the first time a PDF is written. Pango and cairo bring some forty libraries;
 * linked into the program, loading and starting them doubled the time from starting
 * the console to its first screen, for a feature most sessions never use. */
#include "paper/report_model.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontdesk/i18n.h"
#include "frontdesk/site.h"
#include "util/uninstalled.h"

#if defined(__SANITIZE_ADDRESS__)
/* Debian 12's cairo 1.16 loses a few arrays when it finishes a PDF with font subsets
 * (in cairo_surface_finish), and fontconfig 2.14 a few bytes of the configuration it
 * parses once (in FcInitLoadConfigAndFonts): neither can be freed from here. The
 * leak checker's quick stacks stop inside those libraries, so it is told of them by
 * library; what we allocate through pango and glib is still checked. This lives in
 * the program, not the module: the checker asks for it when the program starts. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libcairo.so\nleak:libfontconfig.so\n";
}
#endif

typedef fd_status (*render_fn)(const fd_report *r, FILE *out, fd_error *err);

/* $FRONTDESK_PDF_MODULE (ignored by a set-id program), else the build tree's module
 * for a program of the build tree (util/uninstalled.c says why only those), else the
 * installed one. */
static const char *module_path(void)
{
    const char *path = secure_getenv("FRONTDESK_PDF_MODULE");
    if (path && *path)
        return path;
    struct stat st;
    if (fd_running_uninstalled() && stat(FRONTDESK_BUILD_PDF_MODULE, &st) == 0)
        return FRONTDESK_BUILD_PDF_MODULE;
    return FRONTDESK_PDF_MODULE;
}

/* Loaded once and kept for the life of the process, as if it were linked in. */
static render_fn renderer(fd_error *err)
{
    static render_fn loaded;
    if (loaded)
        return loaded;
    const char *path = module_path();
    void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    void *entry = module ? dlsym(module, "fd_report_pdf_render") : NULL;
    if (!entry) {
        fd_fail(err, FD_IO, NULL, _("PDF printing is not available: %s"), dlerror());
        return NULL;
    }
    /* POSIX: a symbol's address converts to the function it names. */
    *(void **)&loaded = entry;
    return loaded;
}

/* Loaded and run with the person's own group: pango's fontconfig reads whatever font
 * configuration their environment names, scans the folders it lists and writes caches
 * where it says. With the site's group it scanned the data directory and wrote files
 * into it for anyone who asked. The report is whole in memory by now and the output
 * already open, so rendering needs nothing of the group's. */
fd_status fd_report_write_pdf(const fd_report *r, FILE *out, fd_error *err)
{
    fd_error local = {0};
    err = err ? err : &local;
    gid_t site;
    if (!fd_user_rights_begin(&site))
        return fd_fail(err, FD_IO, NULL, _("PDF printing is not available: %s"), strerror(errno));
    render_fn render = renderer(err);
    fd_status s = render ? render(r, out, err) : err->status;
    fd_user_rights_end(site);
    return s;
}
