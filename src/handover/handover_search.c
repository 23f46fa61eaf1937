/* The full-text index of the handover book. Chinese has no spaces between words, so
 * every character is indexed with the one after it (a bigram, the usual way to index
 * CJK text): a search for any run of characters is the phrase of its bigrams. Each
 * bigram is written as one ASCII token, 'x' and the two code points in hex (the second
 * 000000 at the end of a run), which FTS5's ascii tokenizer keeps whole; a one-letter
 * search is a prefix query on its first seven characters (prefix='7' in the schema).
 * Letters and digits are folded to lower case, full-width forms to ASCII; punctuation
 * and blanks end a run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"
#include "frontdesk/text.h"
#include "handover/handover_internal.h"

typedef struct text_buf {
    char *data;
    size_t length, capacity;
} text_buf;

static void buf_add(text_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->length + n + 1 > b->capacity) {
        b->capacity = (b->length + n + 1) * 2;
        b->data = fd_realloc(b->data, b->capacity);
    }
    memcpy(b->data + b->length, s, n + 1);
    b->length += n;
}

/* The next code point of s (advancing it); 0 at the end. A malformed byte counts as a
 * break: the texts indexed were checked on the way in, a search text may be anything. */
static uint32_t next_code_point(const unsigned char **s)
{
    const char *p = (const char *)*s;
    if (!*p)
        return 0;
    uint32_t cp;
    size_t len = text_utf8_decode(p, strnlen(p, 4), &cp);
    *s += len ? len : 1;
    return len ? cp : ' ';
}

/* The code point as indexed, or 0 when it ends a run. */
static uint32_t fold(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E) /* full-width ASCII */
        cp -= 0xFEE0;
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            return cp + ('a' - 'A');
        return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ? cp : 0;
    }
    bool punctuation = cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F) ||
                       (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F);
    return punctuation ? 0 : cp;
}

/* Calls each(run, length) for every run of indexed characters of text. */
static void for_each_run(const char *text, void (*each)(void *ctx, const uint32_t *run, size_t n),
                         void *ctx)
{
    const unsigned char *p = (const unsigned char *)text;
    uint32_t *run = fd_alloc((strlen(text) + 1) * sizeof *run);
    size_t n = 0;
    for (;;) {
        uint32_t cp = next_code_point(&p);
        uint32_t folded = cp ? fold(cp) : 0;
        if (folded) {
            run[n++] = folded;
            continue;
        }
        if (n > 0)
            each(ctx, run, n);
        n = 0;
        if (!cp)
            break;
    }
    free(run);
}

static void add_token(text_buf *b, uint32_t first, uint32_t second, const char *after)
{
    char token[24];
    snprintf(token, sizeof token, "x%06x%06x%s", (unsigned)first, (unsigned)second, after);
    buf_add(b, token);
}

static void index_run(void *ctx, const uint32_t *run, size_t n)
{
    for (size_t i = 0; i < n; i++)
        add_token(ctx, run[i], i + 1 < n ? run[i + 1] : 0, " ");
}

static fd_status insert_document(fd_desk *d, int64_t rowid, const char *body, fd_error *err)
{
    fd_stmt *st = fd_sql(d->store, FD_SQL_HO_SEARCH_INDEX);
    fd_bind_int(st, ":rowid", rowid);
    fd_bind_text(st, ":body", body);
    return fd_exec(st, err);
}

fd_status fd_handover_index_entry(fd_desk *d, int64_t entry_id, const char *const *texts,
                                  size_t count, fd_error *err)
{
    text_buf b = {0};
    buf_add(&b, "");
    for (size_t i = 0; i < count; i++)
        for_each_run(texts[i], index_run, &b);
    fd_status s = insert_document(d, entry_id, b.data, err);
    free(b.data);
    return s;
}

fd_status fd_handover_index_correction(fd_desk *d, int64_t correction_id, const char *value,
                                       fd_error *err)
{
    return fd_handover_index_entry(d, -correction_id, &value, 1, err);
}

/* ---- searching ---- */

static void query_run(void *ctx, const uint32_t *run, size_t n)
{
    text_buf *b = ctx;
    if (b->length > 0)
        buf_add(b, " AND ");
    if (n == 1) {
        char prefix[16];
        snprintf(prefix, sizeof prefix, "x%06x*", (unsigned)run[0]);
        buf_add(b, prefix);
        return;
    }
    buf_add(b, "\"");
    for (size_t i = 0; i + 1 < n; i++)
        add_token(b, run[i], run[i + 1], i + 2 < n ? " " : "");
    buf_add(b, "\"");
}

typedef struct search_ctx {
    const char *query, *like;
    int64_t after_id;
    int limit;
    void (*each)(void *ctx, const fd_entry *e);
    void *ctx;
} search_ctx;

static fd_status search_txn(fd_store *store, void *ctx, fd_error *err)
{
    search_ctx *q = ctx;
    fd_stmt *st = fd_sql(store, FD_SQL_HO_SEARCH_PAGE);
    fd_bind_text(st, ":query", q->query);
    fd_bind_text(st, ":like", q->like);
    fd_bind_int(st, ":after_id", q->after_id > 0 ? q->after_id : INT64_MAX);
    fd_bind_int(st, ":limit", q->limit);
    int rc;
    while ((rc = fd_step(st, err)) == 1) {
        fd_entry e;
        fd_handover_read_entry(st, &e);
        q->each(q->ctx, &e);
    }
    return rc < 0 ? err->status : FD_OK;
}

/* Progress notes are not in the index (they are written shift after shift to an entry
 * indexed once): they match by LIKE, "%word%word%", each word of the search in order,
 * with LIKE's own characters escaped. */
static char *like_pattern(const char *text)
{
    char *out = fd_alloc(2 * strlen(text) + 3), *o = out;
    *o++ = '%';
    for (const char *p = text; *p; p++) {
        if (*p == ' ' || *p == '\t') {
            if (o[-1] != '%')
                *o++ = '%';
            continue;
        }
        if (*p == '%' || *p == '_' || *p == '\\')
            *o++ = '\\';
        *o++ = *p;
    }
    if (o[-1] != '%')
        *o++ = '%';
    *o = '\0';
    return out;
}

fd_status fd_handover_search(fd_desk *d, const char *text, int64_t after_id, int limit,
                             void (*each)(void *ctx, const fd_entry *e), void *ctx,
                             fd_error *err)
{
    text_buf query = {0};
    buf_add(&query, "");
    for_each_run(text ? text : "", query_run, &query);
    fd_status s = FD_OK;
    if (query.length > 0) {
        char *like = like_pattern(text);
        search_ctx q = {query.data, like, after_id, limit, each, ctx};
        s = fd_store_read(d->store, search_txn, &q, err);
        free(like);
    }
    free(query.data);
    return s;
}
