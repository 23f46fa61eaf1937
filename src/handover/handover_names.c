/* The handover book's names and labels, which fields each kind of entry has
 * (总值交接班 §3), and the checking of their text. Below every other handover file. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/handover.h"
#include "frontdesk/i18n.h"
#include "frontdesk/validate.h"
#include "handover/handover_internal.h"

/* ---- names and labels ---- */

static const struct {
    const char *name, *label;
} shift_states[] = {
#define FD_ROW(id, name, label) {name, label},
    FD_SHIFT_STATE_LIST(FD_ROW)
}, followup_states[] = {
    FD_FOLLOWUP_STATE_LIST(FD_ROW)
}, entry_kinds[] = {
    FD_ENTRY_KIND_LIST(FD_ROW)
}, follow_marks[] = {
    {NULL, ""},
    FD_FOLLOW_MARK_LIST(FD_ROW)
#undef FD_ROW
};

static const char *const entry_fields[] = {
#define FD_ROW(id, name) name,
    FD_ENTRY_FIELD_LIST(FD_ROW)
#undef FD_ROW
};

const char *fd_shift_state_name(fd_shift_state s) { return shift_states[s].name; }
const char *fd_shift_state_label(fd_shift_state s) { return _(shift_states[s].label); }
const char *fd_followup_state_name(fd_followup_state s) { return followup_states[s].name; }
const char *fd_followup_state_label(fd_followup_state s) { return _(followup_states[s].label); }
const char *fd_entry_kind_name(fd_entry_kind k) { return entry_kinds[k].name; }
const char *fd_entry_kind_label(fd_entry_kind k) { return _(entry_kinds[k].label); }
const char *fd_entry_field_name(fd_entry_field f) { return entry_fields[f]; }

const char *fd_follow_mark_name(fd_follow_mark m) { return follow_marks[m].name; }

const char *fd_follow_mark_label(fd_follow_mark m)
{
    return m == FD_FOLLOW_NONE ? "" : _(follow_marks[m].label);
}

bool fd_entry_kind_parse(const char *name, fd_entry_kind *out)
{
    for (int k = 0; k < FD_ENTRY_KIND_COUNT; k++)
        if (name && strcmp(name, entry_kinds[k].name) == 0)
            return *out = (fd_entry_kind)k, true;
    return false;
}

bool fd_entry_field_parse(const char *name, fd_entry_field *out)
{
    for (int f = 0; f < FD_ENTRY_FIELD_COUNT; f++)
        if (name && strcmp(name, entry_fields[f]) == 0)
            return *out = (fd_entry_field)f, true;
    return false;
}

fd_followup_state fd_followup_state_parse(const char *name)
{
    for (int s = 0; s < FD_FOLLOWUP_STATE_COUNT; s++)
        if (name && strcmp(name, followup_states[s].name) == 0)
            return (fd_followup_state)s;
    return FD_FOLLOWUP_OPEN;
}

fd_shift_state fd_shift_state_parse(const char *name)
{
    for (int s = 0; s < FD_SHIFT_STATE_COUNT; s++)
        if (name && strcmp(name, shift_states[s].name) == 0)
            return (fd_shift_state)s;
    return FD_SHIFT_OPEN;
}

/* ---- which fields a kind has (总值交接班 §3) ---- */

#define KIND_BIT(k) (1u << FD_ENTRY_##k)
#define ALL_KINDS ((1u << FD_ENTRY_KIND_COUNT) - 1)
#define GIVEN_KINDS (KIND_BIT(MEMO) | KIND_BIT(INSTRUCTION) | KIND_BIT(LEADERSHIP))
#define REPORTED_KINDS (KIND_BIT(INSTRUCTION) | KIND_BIT(LEADERSHIP))

/* Per field: the kinds that have it, whether it is a long text, and the kinds that
 * require it. */
static const struct {
    unsigned kinds;
    bool long_text;
    unsigned required;
} field_rules[FD_ENTRY_FIELD_COUNT] = {
    [FD_ENTRY_FIELD_CONTENT] = {ALL_KINDS, true, ALL_KINDS},
    [FD_ENTRY_FIELD_REPORTER] = {KIND_BIT(INCIDENT), false, KIND_BIT(INCIDENT)},
    [FD_ENTRY_FIELD_GIVEN_BY] = {GIVEN_KINDS, false, GIVEN_KINDS},
    [FD_ENTRY_FIELD_RELAYED_TO] = {GIVEN_KINDS, false, 0},
    [FD_ENTRY_FIELD_HANDLING] = {KIND_BIT(DUTY) | KIND_BIT(INCIDENT), true, 0},
    [FD_ENTRY_FIELD_SUPERIOR] = {KIND_BIT(INCIDENT), false, 0},
    [FD_ENTRY_FIELD_RESULT] = {ALL_KINDS, true, 0},
    [FD_ENTRY_FIELD_FOLLOW_UP] = {ALL_KINDS, true, 0},
    [FD_ENTRY_FIELD_REPORTED_TO] = {REPORTED_KINDS, false, 0},
    [FD_ENTRY_FIELD_NOTE] = {ALL_KINDS, true, ALL_KINDS},
};

bool fd_entry_field_applies(fd_entry_kind k, fd_entry_field f)
{
    return (unsigned)k < FD_ENTRY_KIND_COUNT && (unsigned)f < FD_ENTRY_FIELD_COUNT &&
           (field_rules[f].kinds & (1u << k)) != 0;
}

bool fd_entry_field_required(fd_entry_kind k, fd_entry_field f)
{
    return fd_entry_field_applies(k, f) && (field_rules[f].required & (1u << k)) != 0;
}

const char *fd_entry_field_label(fd_entry_kind k, fd_entry_field f)
{
    bool given = (GIVEN_KINDS & (1u << k)) != 0;
    switch (f) {
    case FD_ENTRY_FIELD_CONTENT:
        return k == FD_ENTRY_DUTY ? _("Item") : k == FD_ENTRY_INCIDENT ? _("What happened") : _("Work given");
    case FD_ENTRY_FIELD_REPORTER: return _("Reported by");
    case FD_ENTRY_FIELD_GIVEN_BY: return k == FD_ENTRY_MEMO ? _("Given by") : _("Instructed by");
    case FD_ENTRY_FIELD_RELAYED_TO: return _("Relayed to");
    case FD_ENTRY_FIELD_HANDLING: return k == FD_ENTRY_DUTY ? _("Handling") : _("Course of handling");
    case FD_ENTRY_FIELD_SUPERIOR: return _("Superior informed");
    case FD_ENTRY_FIELD_RESULT: return given ? _("Completion") : _("Result");
    case FD_ENTRY_FIELD_FOLLOW_UP: return _("Follow-up");
    case FD_ENTRY_FIELD_REPORTED_TO: return _("Reported back to");
    case FD_ENTRY_FIELD_NOTE: return _("Later note");
    default: return "";
    }
}

bool fd_entry_kind_reports_back(fd_entry_kind k)
{
    return (REPORTED_KINDS & (1u << k)) != 0;
}

const char *fd_entry_time_label(fd_entry_kind k)
{
    return k == FD_ENTRY_DUTY ? _("Time") : k == FD_ENTRY_INCIDENT ? _("Time reported") : _("Time given");
}

/* ---- checking text ---- */

/* Decodes one UTF-8 character of at most n bytes; false when malformed: where an
 * excerpt stops. */
static bool decode_utf8(const unsigned char *p, size_t n, uint32_t *cp, size_t *len)
{
    static const uint32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t l = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3
             : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (l == 0 || l > n)
        return false;
    uint32_t c = l == 1 ? p[0] : p[0] & (0x7Fu >> l);
    for (size_t i = 1; i < l; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return false;
        c = c << 6 | (p[i] & 0x3F);
    }
    if (c < shortest[l] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return false;
    *cp = c;
    *len = l;
    return true;
}

fd_status fd_handover_text(const char *text, size_t max_chars, bool multiline, bool required,
                           const char *field, const char *label, char **out, fd_error *err)
{
    *out = NULL;
    const char *start = text ? text : "";
    while (*start && isspace((unsigned char)*start))
        start++;
    size_t n = strlen(start);
    while (n > 0 && isspace((unsigned char)start[n - 1]))
        n--;
    if (n == 0)
        return required ? fd_fail(err, FD_INVALID, field, _("Fill in %s."), label) : FD_OK;
    /* The book is printed: no control characters, but a long text may run over lines. */
    size_t chars;
    if (!fd_validate_text(start, n, multiline, &chars))
        return fd_fail(err, FD_INVALID, field, _("%s contains characters that cannot be printed."),
                       label);
    if (chars > max_chars)
        return fd_fail(err, FD_INVALID, field, _("%s is too long: at most %zu characters."),
                       label, max_chars);
    *out = fd_alloc(n + 1);
    memcpy(*out, start, n);
    return FD_OK;
}

void fd_handover_excerpt(const char *text, char out[FD_HANDOVER_EXCERPT])
{
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    size_t n = 0, chars = 0;
    while (p[n] && chars < FD_HANDOVER_EXCERPT_CHARS) {
        uint32_t cp;
        size_t len;
        if (!decode_utf8(p + n, strlen((const char *)p + n), &cp, &len))
            break;
        n += len;
        chars++;
    }
    memcpy(out, p, n);
    strcpy(out + n, p[n] ? "…" : "");
}

fd_status fd_handover_field_text(fd_entry_kind k, fd_entry_field f, const char *value, bool required,
                                char **out, fd_error *err)
{
    return fd_handover_text(value, field_rules[f].long_text ? FD_HANDOVER_LONG_CHARS
                                                            : FD_HANDOVER_SHORT_CHARS,
                            field_rules[f].long_text, required, entry_fields[f],
                            fd_entry_field_label(k, f), out, err);
}

