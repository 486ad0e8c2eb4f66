/* scanf.c - formatted input: scanf, fscanf, sscanf and their v-forms.
 *
 * One engine, scan(), reads from a stream or from a string through a tiny
 * "input" that can give back the one byte it looked ahead. It follows
 * glibc's vfscanf step by step, so that what is consumed, what is assigned
 * and the return value agree with glibc: white space in the format skips any
 * white space; conversions other than %c, %[ and %n skip leading white
 * space; numbers are read as glibc reads them (sign, "0x" prefix, digits, up
 * to the width) and converted with strtol/strtoul semantics (strtoll/strtoull
 * for ll), so out-of-range input saturates. The return value is the number of
 * assignments, or EOF if the input ended before the first conversion or
 * matching failure. %n does not count as an assignment.
 * Conversions: d i u o x X p c s [ n %, with '*', a width and hh h l ll j z
 * t L q. "(nil)" is not accepted by %p.
 */
#include <stdio.h>
#include <stdarg.h>
#include <ctype.h>
#include <errno.h>
#include "internal.h"

/* ---- input ---- */

struct input {
    const char *str; /* sscanf: the rest of the string; NULL: stream */
    int count;       /* bytes consumed so far, for %n */
    FILE *stream;    /* scanf, fscanf: stdin or a file in memory */
};

static int next(struct input *in)
{
    int c;
    if (in->str != NULL) {
        c = (unsigned char)*in->str;
        if (c == 0)
            return EOF;
        in->str++;
    } else {
        c = __c2w_files_used && in->stream->file != NULL ? __c2w_file_get(in->stream)
                                                          : __c2w_stdin_get();
        if (c == EOF)
            return EOF;
    }
    in->count++;
    return c;
}

static void back(struct input *in, int c)
{
    if (c == EOF)
        return;
    in->count--;
    if (in->str != NULL)
        in->str--;
    else if (__c2w_files_used && in->stream->file != NULL)
        __c2w_file_unget(in->stream, c);
    else
        __c2w_stdin_unget(c);
}

static void skip_space(struct input *in)
{
    int c;
    do
        c = next(in);
    while (isspace(c));
    back(in, c);
}

/* ---- conversions ---- */

/* How a directive went. */
enum outcome {
    DONE,          /* matched, nothing assigned (suppressed, %n, %%) */
    ASSIGNED,      /* matched and assigned */
    MATCH_FAILURE, /* the input did not match: stop */
    INPUT_FAILURE  /* the input ended: stop */
};

/* One parsed conversion specification. */
struct conv {
    int suppress;   /* '*' */
    int width;      /* -1 when not given */
    enum __c2w_size size;
    char kind;      /* the conversion character */
    void *dest;     /* where to store, unless suppressed */
};

static void store_int(const struct conv *cv, unsigned long long v)
{
    switch (cv->size) {
    case SIZE_HH: *(signed char *)cv->dest = (signed char)v; break;
    case SIZE_H: *(short *)cv->dest = (short)v; break;
    case SIZE_INT: *(int *)cv->dest = (int)v; break;
    case SIZE_LL: *(long long *)cv->dest = (long long)v; break;
    }
}

/* %d %i %u %o %x %p: base 0 means %i's choice by prefix. */
static enum outcome scan_int(struct input *in, const struct conv *cv, int base, int is_signed)
{
    int width = cv->width, negative = 0, sign = 0, taken = 0, c;
    struct __c2w_intacc acc;

    c = next(in);
    if (c == EOF)
        return INPUT_FAILURE;
    if (c == '-' || c == '+') {
        negative = c == '-';
        sign = taken = 1;
        if (width > 0)
            width--;
        c = next(in);
    }
    if (width != 0 && c == '0') {
        taken++;
        if (width > 0)
            width--;
        c = next(in);
        if (width != 0 && (c | 0x20) == 'x') {
            if (base == 0)
                base = 16;
            if (base == 16) {
                if (width > 0)
                    width--;
                c = next(in);
            }
        } else if (base == 0) {
            base = 8;
        }
    }
    if (base == 0)
        base = 10;

    __c2w_intacc_init(&acc, (unsigned)base, cv->size == SIZE_LL);
    for (; c != EOF && width != 0; c = next(in), taken++) {
        int d = __c2w_digit_value(c);
        if (d >= base)
            break;
        __c2w_intacc_add(&acc, (unsigned)d);
        if (width > 0)
            width--;
    }
    back(in, c);
    if (taken == sign)
        return MATCH_FAILURE;
    if (cv->suppress)
        return DONE;
    store_int(cv, __c2w_intacc_result(&acc, negative, is_signed));
    return ASSIGNED;
}

/* %c: exactly width bytes (default 1), white space included. */
static enum outcome scan_chars(struct input *in, const struct conv *cv)
{
    char *d = cv->dest;
    int width = cv->width < 0 ? 1 : cv->width;
    int c = next(in);
    if (c == EOF)
        return INPUT_FAILURE;
    do {
        if (!cv->suppress)
            *d++ = (char)c;
    } while (--width > 0 && (c = next(in)) != EOF);
    return cv->suppress ? DONE : ASSIGNED;
}

/* A set of bytes, for %s (the non-space bytes) and %[. */
struct byteset {
    unsigned bits[8];
};

static void set_add(struct byteset *set, int c)
{
    set->bits[c >> 5] |= 1u << (c & 31);
}

static int set_has(const struct byteset *set, int c)
{
    return (set->bits[c >> 5] >> (c & 31)) & 1;
}

/* Reads the bytes that are (or, with invert, are not) in set, at most width
 * of them, into a NUL-terminated string. */
static enum outcome scan_set(struct input *in, const struct conv *cv,
                             const struct byteset *set, int invert)
{
    char *d = cv->dest;
    int width = cv->width, any = 0;
    int c = next(in);
    if (c == EOF)
        return INPUT_FAILURE;
    do {
        if (set_has(set, c) == invert) {
            back(in, c);
            break;
        }
        any = 1;
        if (!cv->suppress)
            *d++ = (char)c;
    } while ((width < 0 || --width > 0) && (c = next(in)) != EOF);
    if (!any)
        return MATCH_FAILURE;
    if (cv->suppress)
        return DONE;
    *d = 0;
    return ASSIGNED;
}

/* %s: a run of non-space bytes. */
static enum outcome scan_string(struct input *in, const struct conv *cv)
{
    static const struct byteset spaces = {{0x3e00, 1}}; /* \t \n \v \f \r and ' ' */
    return scan_set(in, cv, &spaces, 1);
}

/* Parses the set of a %[ conversion at f (just after the '['), as glibc
 * does: a leading '^' inverts, a leading ']' or '-' is a member, and a-z is a
 * range when a <= z. Returns what follows the closing ']', or NULL if there
 * is none. */
static const char *parse_set(const char *f, struct byteset *set, int *invert)
{
    const unsigned char *p = (const unsigned char *)f;
    int i;
    for (i = 0; i < 8; i++)
        set->bits[i] = 0;
    *invert = *p == '^';
    p += *invert;
    if (*p == ']' || *p == '-')
        set_add(set, *p++);
    for (; *p != 0 && *p != ']'; p++) {
        if (*p == '-' && p[1] != 0 && p[1] != ']' && p[-1] <= p[1]) {
            int c;
            for (c = p[-1]; c < p[1]; c++)
                set_add(set, c);
        } else {
            set_add(set, *p);
        }
    }
    return *p ? (const char *)p + 1 : NULL;
}

static void store_count(const struct conv *cv, int count)
{
    if (!cv->suppress)
        store_int(cv, (unsigned long long)(long long)count);
}

/* Carries out the conversion cv (other than %[), after any white space
 * skipping. */
static enum outcome convert(struct input *in, const struct conv *cv)
{
    int c;
    switch (cv->kind) {
    case 'd': return scan_int(in, cv, 10, 1);
    case 'i': return scan_int(in, cv, 0, 1);
    case 'u': return scan_int(in, cv, 10, 0);
    case 'o': return scan_int(in, cv, 8, 0);
    case 'x': case 'X': case 'p': return scan_int(in, cv, 16, 0);
    case 'c': return scan_chars(in, cv);
    case 's': return scan_string(in, cv);
    case 'n':
        store_count(cv, in->count);
        return DONE;
    case '%':
        c = next(in);
        if (c == EOF)
            return INPUT_FAILURE;
        if (c != '%') {
            back(in, c);
            return MATCH_FAILURE;
        }
        return DONE;
    }
    return MATCH_FAILURE;
}

/* Parses the specification after a '%' at f into cv (taking its argument);
 * returns where it ends. */
static const char *parse_conv(const char *f, struct conv *cv, va_list *ap)
{
    cv->suppress = *f == '*';
    f += cv->suppress;
    cv->width = 0;
    for (; *f >= '0' && *f <= '9'; f++)
        cv->width = cv->width * 10 + (*f - '0');
    if (cv->width == 0)
        cv->width = -1;
    f = __c2w_parse_size(f, &cv->size);
    if (*f == 'p')
        cv->size = SIZE_INT; /* a pointer is int-sized whatever the modifier */
    cv->kind = *f;
    cv->dest = NULL;
    if (*f != '%' && *f != 0 && !cv->suppress)
        cv->dest = va_arg(*ap, void *);
    return *f ? f + 1 : f;
}

/* Matches a literal byte fc of the format, after white space if pending. */
static enum outcome match_literal(struct input *in, int fc, int skip)
{
    int c = next(in);
    if (skip) {
        while (isspace(c))
            c = next(in);
    }
    if (c == EOF)
        return INPUT_FAILURE;
    if (c != fc) {
        back(in, c);
        return MATCH_FAILURE;
    }
    return DONE;
}

static int scan(struct input *in, const char *f, va_list ap)
{
    struct conv cv;
    int assigned = 0, pending_space = 0;
    enum outcome r = DONE;
    va_list args;
    va_copy(args, ap);

    while (*f && (r == DONE || r == ASSIGNED)) {
        int fc = (unsigned char)*f++;
        if (fc != '%') {
            if (isspace(fc)) {
                pending_space = 1;
            } else {
                r = match_literal(in, fc, pending_space);
                pending_space = 0;
            }
            continue;
        }
        f = parse_conv(f, &cv, &args);
        if (cv.kind == 0) {
            r = MATCH_FAILURE;
            break;
        }
        if (pending_space || (cv.kind != '[' && cv.kind != 'c' && cv.kind != 'n'))
            skip_space(in);
        pending_space = 0;
        if (cv.kind == '[') {
            struct byteset set;
            int invert;
            f = parse_set(f, &set, &invert);
            if (f == NULL) {
                r = MATCH_FAILURE;
                break;
            }
            r = scan_set(in, &cv, &set, invert);
        } else {
            r = convert(in, &cv);
        }
        assigned += r == ASSIGNED;
    }
    va_end(args);
    if (r == INPUT_FAILURE)
        return assigned ? assigned : EOF;
    if (pending_space && r != MATCH_FAILURE)
        skip_space(in);
    return assigned;
}

/* ---- the family ---- */

int vsscanf(const char *s, const char *fmt, va_list ap)
{
    struct input in = {s, 0, NULL};
    return scan(&in, fmt, ap);
}

int vscanf(const char *fmt, va_list ap)
{
    struct input in = {NULL, 0, stdin};
    if (__c2w_files_used)
        return vfscanf(stdin, fmt, ap);
    return scan(&in, fmt, ap);
}

int vfscanf(FILE *stream, const char *fmt, va_list ap)
{
    struct input in = {NULL, 0, stream};
    if (!stream->readable)
        return EOF;
    return scan(&in, fmt, ap);
}

int sscanf(const char *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsscanf(s, fmt, ap);
    va_end(ap);
    return n;
}

int scanf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vscanf(fmt, ap);
    va_end(ap);
    return n;
}

int fscanf(FILE *stream, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfscanf(stream, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- sscanf and scanf with the format "%d", called by the compiler ----
 *
 * compiler/optimize_llvm.cpp turns sscanf(s, "%d", p) and scanf("%d", p) into these:
 * what scan() does on that format (skip white space, one %d), without the format
 * parser and the other conversions linked in. */

/* scan_int(in, {width -1, int}, 10, signed) on a string, in 32-bit arithmetic: a '0'
 * (whose "x" base 10 does not take) is a digit like the others, the magnitude
 * saturates as __c2w_intacc's does. */
__attribute__((noinline)) int __c2w_sscanf_d(const char *s, int *p)
{
    unsigned value = 0, limit;
    int negative = 0, sign = 0, taken = 0, overflow = 0;
    while (isspace((unsigned char)*s))
        s++;
    if (*s == 0)
        return EOF; /* the input ended before the conversion */
    if (*s == '-' || *s == '+') {
        negative = *s == '-';
        sign = taken = 1;
        s++;
    }
    for (; *s >= '0' && *s <= '9'; s++, taken++) {
        unsigned digit = (unsigned)(*s - '0');
        if (value > ~0u / 10 || (value == ~0u / 10 && digit > ~0u % 10))
            overflow = 1;
        else
            value = value * 10 + digit;
    }
    if (taken == sign)
        return 0; /* a matching failure: nothing assigned */
    limit = 0x7fffffffu + (unsigned)negative;
    if (overflow || value > limit) {
        errno = ERANGE;
        value = limit;
    }
    *p = (int)(negative ? 0u - value : value);
    return 1;
}

__attribute__((noinline)) int __c2w_scanf_d(int *p)
{
    struct input in = {NULL, 0, stdin};
    struct conv cv = {0, -1, SIZE_INT, 'd', p};
    enum outcome r;
    if (__c2w_files_used)
        return scanf("%d", p);
    skip_space(&in);
    r = scan_int(&in, &cv, 10, 1);
    if (r == INPUT_FAILURE)
        return EOF;
    return r == ASSIGNED;
}
