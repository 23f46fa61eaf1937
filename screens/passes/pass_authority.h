/* A company's seal or letter of authority on file (条款二), opened from the passes' list
 * with F3 and a company picked: what is on file now, every record before it with its
 * reason, and — for a manager — a new record, which replaces the one on file. */
#ifndef FRONTDESK_SCREENS_PASS_AUTHORITY_H
#define FRONTDESK_SCREENS_PASS_AUTHORITY_H

#include "console/console.h"

/* Picks a company from the directory and opens its page. */
void pass_authority_open(console *c);

#endif
