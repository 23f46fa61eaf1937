/* A small RFC 4180 CSV reader and writer: quoted fields, doubled quotes, commas and
 * line breaks inside quotes, LF or CRLF line ends, and the UTF-8 byte-order mark that
 * spreadsheets put at the start. Fields are bytes: checking the encoding is the
 * caller's business. */
#ifndef FRONTDESK_CSV_H
#define FRONTDESK_CSV_H

#include <stddef.h>
#include <stdio.h>

typedef struct fd_csv fd_csv;

typedef enum fd_csv_result {
    FD_CSV_RECORD,  /* a record is ready */
    FD_CSV_END,     /* no more records */
    FD_CSV_BAD,     /* this record is malformed; reading goes on with the next one */
    FD_CSV_IO,      /* the stream failed */
} fd_csv_result;

/* Reads from in, which the caller keeps and closes. */
fd_csv *fd_csv_new(FILE *in);
void fd_csv_free(fd_csv *r);

/* Reads the next record. Lines with nothing on them are skipped. */
fd_csv_result fd_csv_read(fd_csv *r);
/* The last record: its fields, valid until the next read. */
size_t fd_csv_count(const fd_csv *r);
const char *fd_csv_field(const fd_csv *r, size_t i);
/* The 1-based line on which the last record (or malformed record) starts. */
long fd_csv_line(const fd_csv *r);
/* Why the last record is malformed (translated). */
const char *fd_csv_problem(const fd_csv *r);

/* Writes one record, quoting the fields that need it, ended by CRLF as RFC 4180 has it. */
void fd_csv_write(FILE *out, const char *const *fields, size_t count);
/* The same for a file a spreadsheet will open: a field that begins with =, +, -, @, a
 * tab or a carriage return would be taken for a formula (a visitor named
 * =HYPERLINK(…) beside the identity numbers), so it gets a ' in front, which
 * spreadsheets show as text. Not for files the program reads back (import). */
void fd_csv_write_for_spreadsheet(FILE *out, const char *const *fields, size_t count);

#endif
