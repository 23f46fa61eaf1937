/* Validators and display masking for documents and phone numbers, and the check of
 * typed text that every record shares. */
#ifndef FRONTDESK_VALIDATE_H
#define FRONTDESK_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include "frontdesk/status.h"

#define FD_DOC_TYPE_LIST(X)                                              \
    X(RESIDENT_ID, "resident_id", N_("Resident identity card"))         \
    X(PASSPORT,    "passport",    N_("Passport"))                       \
    X(HK_MACAU,    "hk_macau",    N_("Mainland travel permit for Hong Kong and Macau residents")) \
    X(TAIWAN,      "taiwan",      N_("Mainland travel permit for Taiwan residents")) \
    X(OTHER,       "other",       N_("Other document"))

typedef enum fd_doc_type {
#define FD_DOC_ENUM(id, name, label) FD_DOC_##id,
    FD_DOC_TYPE_LIST(FD_DOC_ENUM)
#undef FD_DOC_ENUM
    FD_DOC_TYPE_COUNT
} fd_doc_type;

const char *fd_doc_type_name(fd_doc_type t);          /* stable identifier, stored */
const char *fd_doc_type_label(fd_doc_type t);         /* translated */
bool fd_doc_type_parse(const char *name, fd_doc_type *out);

/* Checks a document number for its type and writes its normal form (upper case,
 * no spaces) to out. On failure the error names field. */
fd_status fd_validate_document(fd_doc_type type, const char *number, const char *field,
                               char *out, size_t out_size, fd_error *err);
/* GB 11643: 17 digits, a valid birth date, and the check digit (0-9 or X). */
bool fd_resident_id_valid(const char *number);

/* Mainland mobile (11 digits, 1[3-9]…) or landline (area code 0xx/0xxx, optional
 * hyphen, 7-8 digits, optional extension). Normal form to out: digits, one hyphen
 * after a landline's area code. */
fd_status fd_validate_phone(const char *phone, const char *field,
                            char *out, size_t out_size, fd_error *err);

/* Text that may be stored and printed: well-formed UTF-8 (shortest forms, no
 * surrogates, nothing past U+10FFFF) without control characters (C0, DEL, C1) or the
 * invisible format characters that change how text reads (zero-width, direction
 * marks and overrides, the byte-order mark), save a line break where multiline
 * allows it. Checks the n bytes at text; when chars is
 * not NULL it gets their number of characters. The caller words the refusal: each
 * form names its own field. */
bool fd_validate_text(const char *text, size_t n, bool multiline, size_t *chars);

/* Masking for display, by character (never splits UTF-8):
 * 110105********002X, 138****5678, 010-****1234, 010-****1234转123 (an extension
 * with 转, however it was typed); other documents keep their first and last two
 * characters. */
void fd_mask_document(fd_doc_type type, const char *number, char *out, size_t out_size);
void fd_mask_phone(const char *phone, char *out, size_t out_size);

#endif
