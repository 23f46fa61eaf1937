/* What a command prints, read whole: for the tests that read printed reports back (the
 * paper suites, the end-to-end printing test, the exports read back). Header-only, as
 * each test program is built from one file. */
#ifndef FRONTDESK_TESTS_COMMAND_OUTPUT_H
#define FRONTDESK_TESTS_COMMAND_OUTPUT_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

/* The command's standard output (caller frees), and its exit status in *status (-1
 * when it did not exit). */
static inline char *command_output_status(const char *command, int *status)
{
    FILE *p = popen(command, "r");
    ck_assert_msg(p != NULL, "cannot run %s", command);
    size_t size = 0, capacity = 1 << 16;
    char *text = malloc(capacity);
    size_t n;
    while ((n = fread(text + size, 1, capacity - size - 1, p)) > 0) {
        size += n;
        if (capacity - size < 4096)
            text = realloc(text, capacity *= 2);
    }
    text[size] = '\0';
    int rc = pclose(p);
    *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return text;
}

/* The command's standard output (caller frees); the test fails if it fails. */
static inline char *command_output(const char *command)
{
    int status;
    char *text = command_output_status(command, &status);
    ck_assert_msg(status == 0, "%s failed", command);
    return text;
}

/* A PDF's text, by poppler's pdftotext (caller frees). */
static inline char *pdf_text_of(const char *path)
{
    char command[2048];
    snprintf(command, sizeof command, "pdftotext -enc UTF-8 '%s' -", path);
    return command_output(command);
}

#endif
