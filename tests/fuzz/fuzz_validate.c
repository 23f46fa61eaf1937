/* libFuzzer target: the document and phone validators and the masks, on arbitrary
 * bytes. The first byte chooses the output buffer's size (0-64), so the paths that
 * truncate are reached too; the buffer is allocated to exactly that size, so writing
 * past it is caught. A normal form, validated again, must come back unchanged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { BIG = 256 };

/* What the validator wrote is a normal form: it validates to itself. */
static void check_document_normal(fd_doc_type type, const char *normal)
{
    char again[BIG];
    fd_error err = {0};
    if (fd_validate_document(type, normal, "doc", again, sizeof again, &err) != FD_OK ||
        strcmp(again, normal) != 0)
        abort();
}

static void check_phone_normal(const char *normal)
{
    char again[BIG];
    fd_error err = {0};
    if (fd_validate_phone(normal, "phone", again, sizeof again, &err) != FD_OK ||
        strcmp(again, normal) != 0)
        abort();
}

static void fuzz_documents(const char *text, char *out, size_t out_size)
{
    fd_error err = {0};
    for (int t = 0; t < FD_DOC_TYPE_COUNT; t++) {
        fd_doc_type type = (fd_doc_type)t;
        if (fd_validate_document(type, text, "doc", out, out_size, &err) == FD_OK)
            check_document_normal(type, out);
        fd_mask_document(type, text, out, out_size);
    }
    fd_resident_id_valid(text);
}

static void fuzz_phone(const char *text, char *out, size_t out_size)
{
    fd_error err = {0};
    if (fd_validate_phone(text, "phone", out, out_size, &err) == FD_OK)
        check_phone_normal(out);
    fd_mask_phone(text, out, out_size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t out_size = data[0] % 65;
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    char *out = malloc(out_size ? out_size : 1);
    fuzz_documents(text, out, out_size);
    fuzz_phone(text, out, out_size);
    free(out);
    free(text);
    return 0;
}
