/* A company's seal or letter of authority on file (条款二), opened from the passes' list
 * with F3 and a company picked, or from the directory on a company: what is on file
 * now, every record with who filed it and what replaced it (when, by whom, why), what
 * stood on a day asked about, and — for a manager — a new record, which replaces the
 * one on file. */
#ifndef FRONTDESK_SCREENS_PASS_AUTHORITY_H
#define FRONTDESK_SCREENS_PASS_AUTHORITY_H

#include "console/console.h"
#include "widgets/dirlist.h"

/* Picks a company from the directory and opens its page. */
void pass_authority_open(console *c);
/* Opens the page of a company of the directory. */
void pass_authority_company_open(console *c, const dir_item *company);

#endif
