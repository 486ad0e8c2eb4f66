/* printf.c - the formatting engine of the printf family.
 *
 * One engine, format(), writes either to the machine's output (printf,
 * vprintf, fprintf, vfprintf) or into a caller's buffer (sprintf, snprintf
 * and their v-forms) through a small "sink" that also counts every byte
 * produced, stored or not, which gives snprintf its would-be length. The
 * output matches glibc byte for byte for the conversions d i u x X o c s p n
 * and %, the flags - + space 0 #, width and precision (also as '*') and the
 * length modifiers hh h l ll j z t (L and q mean ll, as in glibc). A
 * conversion it does not know (floating point among them) is written back
 * as glibc writes unknown ones; a format that ends inside a specification
 * makes the call return -1.
 *
 * 32-bit values are converted with 32-bit arithmetic; only 64-bit values
 * take the slower 64-bit path, which divides by 10000 with 32-bit divisions.
 */
#include <stdio.h>
#include <stdarg.h>
#include <limits.h>
#include <errno.h>
#include <c2w_machine.h>
#include "internal.h"

/* Where the output goes. */
struct sink {
    char *buf;  /* destination buffer, or NULL for the machine's output */
    size_t cap; /* bytes that may be stored in buf */
    size_t len; /* bytes produced so far, including those not stored */
};

/* The sink's primitives. Each has a fast path for the machine's output,
 * since printf to stdout is by far the most executed code here. */

static void put(struct sink *o, int c)
{
    if (o->buf == NULL)
        __c2w_putc(c);
    else if (o->len < o->cap)
        o->buf[o->len] = (char)c;
    o->len++;
}

/* How many more bytes buf can take. */
static size_t room(const struct sink *o)
{
    return o->len < o->cap ? o->cap - o->len : 0;
}

static void put_bytes(struct sink *o, const char *s, int n)
{
    int i;
    if (n <= 0)
        return;
    if (o->buf == NULL) {
        for (i = 0; i < n; i++)
            __c2w_putc(s[i]);
    } else {
        char *d = o->buf + o->len;
        size_t r = room(o);
        for (i = 0; i < n && (size_t)i < r; i++)
            d[i] = s[i];
    }
    o->len += (size_t)n;
}

static void put_repeat(struct sink *o, int c, int n)
{
    int i;
    if (n <= 0)
        return;
    if (o->buf == NULL) {
        for (i = 0; i < n; i++)
            __c2w_putc(c);
    } else {
        char *d = o->buf + o->len;
        size_t r = room(o);
        for (i = 0; i < n && (size_t)i < r; i++)
            d[i] = (char)c;
    }
    o->len += (size_t)n;
}

/* Writes the format text from s up to the next '%' or the end; returns
 * where it stopped. */
static const char *put_literal(struct sink *o, const char *s)
{
    const char *start = s;
    if (o->buf == NULL) {
        for (; *s != 0 && *s != '%'; s++)
            __c2w_putc(*s);
        o->len += (size_t)(s - start);
        return s;
    }
    while (*s != 0 && *s != '%')
        s++;
    put_bytes(o, start, (int)(s - start));
    return s;
}

/* The variable arguments, in a struct so helpers can share one cursor. */
struct args {
    va_list ap;
};

/* One parsed conversion specification. */
struct spec {
    int left, plus, space, alt, zero; /* the flags - + space # 0 */
    int group, i18n;                  /* the flags ' and I: no effect in the C locale */
    int width;                        /* 0 when not given */
    int prec;                         /* -1 when not given */
    enum __c2w_size size;
    char conv;                        /* the conversion character */
};

/* ---- shared with scanf ---- */

const char *__c2w_parse_size(const char *f, enum __c2w_size *size)
{
    *size = SIZE_INT;
    switch (*f) {
    case 'h':
        if (f[1] == 'h') {
            *size = SIZE_HH;
            return f + 2;
        }
        *size = SIZE_H;
        return f + 1;
    case 'l':
        if (f[1] == 'l') {
            *size = SIZE_LL;
            return f + 2;
        }
        return f + 1; /* long is int-sized */
    case 'j': case 'L': case 'q':
        *size = SIZE_LL;
        return f + 1;
    case 'z': case 't':
        return f + 1; /* size_t and ptrdiff_t are int-sized */
    }
    return f;
}

/* ---- parsing a specification ---- */

static const char *parse_flags(const char *f, struct spec *sp)
{
    for (;; f++) {
        if (*f > '0' && *f != 'I') /* the usual case, settled in two tests */
            return f;
        switch (*f) {
        case '-': sp->left = 1; break;
        case '+': sp->plus = 1; break;
        case ' ': sp->space = 1; break;
        case '#': sp->alt = 1; break;
        case '0': sp->zero = 1; break;
        case '\'': sp->group = 1; break;
        case 'I': sp->i18n = 1; break;
        default: return f;
        }
    }
}

/* A decimal number in the format, or a '*' taking an int argument. */
static const char *parse_count(const char *f, int *n, struct args *a)
{
    if (*f == '*') {
        *n = va_arg(a->ap, int);
        return f + 1;
    }
    *n = 0;
    for (; *f >= '0' && *f <= '9'; f++)
        *n = *n * 10 + (*f - '0');
    return f;
}

/* Parses the specification after a '%' and returns where it ends. */
static const char *parse_spec(const char *f, struct spec *sp, struct args *a)
{
    sp->left = sp->plus = sp->space = sp->alt = sp->zero = sp->group = sp->i18n = 0;
    sp->prec = -1;
    f = parse_flags(f, sp);
    f = parse_count(f, &sp->width, a);
    if (sp->width < 0) { /* a negative '*' width means '-' */
        sp->left = 1;
        sp->width = -sp->width;
    }
    if (*f == '.') {
        f = parse_count(f + 1, &sp->prec, a);
        if (sp->prec < 0)
            sp->prec = -1;
    }
    f = __c2w_parse_size(f, &sp->size);
    sp->conv = *f;
    return *f ? f + 1 : f;
}

/* ---- numbers ---- */

static const char lower_digits[] = "0123456789abcdef";
static const char upper_digits[] = "0123456789ABCDEF";

/* Writes the digits of v in base 8, 10 or 16 backwards ending before end;
 * returns the first digit. */
static char *digits32(unsigned v, char *end, int base, const char *digits)
{
    if (base == 10) {
        do {
            *--end = (char)('0' + v % 10);
            v /= 10;
        } while (v);
    } else if (base == 16) {
        do {
            *--end = digits[v & 15];
            v >>= 4;
        } while (v);
    } else {
        do {
            *--end = (char)('0' + (v & 7));
            v >>= 3;
        } while (v);
    }
    return end;
}

/* The same for 64-bit values: peels off low digits until the value fits in
 * 32 bits, then finishes with digits32. */
static char *digits64(unsigned long long v, char *end, int base, const char *digits)
{
    while (v >> 32) {
        if (base == 10) {
            unsigned group = __c2w_udivmod64_small(&v, 10000);
            int i;
            for (i = 0; i < 4; i++) {
                *--end = (char)('0' + group % 10);
                group /= 10;
            }
        } else if (base == 16) {
            *--end = digits[(unsigned)v & 15];
            v >>= 4;
        } else {
            *--end = (char)('0' + ((unsigned)v & 7));
            v >>= 3;
        }
    }
    return digits32((unsigned)v, end, base, digits);
}

/* Writes prefix (sign and/or 0x) and digits, padded to the width with
 * spaces, or with zeros after the prefix for the '0' flag without precision,
 * and extended with zeros to the precision. */
static void put_number(struct sink *o, const struct spec *sp, const char *prefix,
                       int nprefix, const char *digits, int ndigits)
{
    int zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;
    int pad = sp->width - nprefix - zeros - ndigits;
    if (!sp->left && sp->zero && sp->prec < 0 && pad > 0) {
        zeros += pad;
        pad = 0;
    }
    if (!sp->left)
        put_repeat(o, ' ', pad);
    put_bytes(o, prefix, nprefix);
    put_repeat(o, '0', zeros);
    put_bytes(o, digits, ndigits);
    if (sp->left)
        put_repeat(o, ' ', pad);
}

/* Fetches the integer argument of sp: its magnitude in *mag and whether it
 * is negative. Sub-int sizes are truncated as the standard says. */
static int fetch_int(const struct spec *sp, int is_signed, struct args *a,
                     unsigned long long *mag)
{
    if (sp->size == SIZE_LL) {
        unsigned long long v = va_arg(a->ap, unsigned long long);
        int negative = is_signed && (long long)v < 0;
        *mag = negative ? 0 - v : v;
        return negative;
    }
    unsigned v = va_arg(a->ap, unsigned);
    if (sp->size == SIZE_HH)
        v = is_signed ? (unsigned)(signed char)v : (unsigned char)v;
    else if (sp->size == SIZE_H)
        v = is_signed ? (unsigned)(short)v : (unsigned short)v;
    int negative = is_signed && (int)v < 0;
    *mag = negative ? 0 - v : v;
    return negative;
}

/* Formats the magnitude mag in base with sp's flags. signed_flags lets '+'
 * and ' ' apply (signed conversions, and %p as glibc does). */
static void format_integer(struct sink *o, const struct spec *sp, unsigned long long mag,
                           int negative, int base, int signed_flags)
{
    char buf[24], prefix[3];
    char *end = buf + sizeof buf, *p = end;
    int nprefix = 0;
    const char *digits = sp->conv == 'X' ? upper_digits : lower_digits;

    if (mag != 0 || sp->prec != 0)
        p = (mag >> 32) ? digits64(mag, end, base, digits)
                        : digits32((unsigned)mag, end, base, digits);
    if (base == 8 && sp->alt && (mag != 0 ? sp->prec <= end - p : sp->prec == 0))
        *--p = '0';

    if (negative)
        prefix[nprefix++] = '-';
    else if (signed_flags && sp->plus)
        prefix[nprefix++] = '+';
    else if (signed_flags && sp->space)
        prefix[nprefix++] = ' ';
    if (base == 16 && sp->alt && mag != 0) {
        prefix[nprefix++] = '0';
        prefix[nprefix++] = sp->conv == 'X' ? 'X' : 'x';
    }
    put_number(o, sp, prefix, nprefix, p, (int)(end - p));
}

/* ---- strings and the rest ---- */

/* Writes n bytes of s padded with spaces to the width. */
static void put_padded(struct sink *o, const struct spec *sp, const char *s, int n)
{
    int pad = sp->width - n;
    if (!sp->left)
        put_repeat(o, ' ', pad);
    put_bytes(o, s, n);
    if (sp->left)
        put_repeat(o, ' ', pad);
}

static void format_string(struct sink *o, const struct spec *sp, const char *s)
{
    int n = 0;
    if (s == NULL) /* glibc prints "(null)" unless the precision cuts it */
        s = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
    while ((sp->prec < 0 || n < sp->prec) && s[n])
        n++;
    put_padded(o, sp, s, n);
}

static void format_pointer(struct sink *o, struct spec *sp, const void *p)
{
    if (p == NULL) {
        if (sp->prec < 5)
            sp->prec = 5;
        format_string(o, sp, "(nil)");
        return;
    }
    sp->alt = 1;
    sp->conv = 'x';
    format_integer(o, sp, (unsigned)p, 0, 16, 1);
}

static void store_count(const struct spec *sp, size_t count, struct args *a)
{
    switch (sp->size) {
    case SIZE_HH: *va_arg(a->ap, signed char *) = (signed char)count; break;
    case SIZE_H: *va_arg(a->ap, short *) = (short)count; break;
    case SIZE_INT: *va_arg(a->ap, int *) = (int)count; break;
    case SIZE_LL: *va_arg(a->ap, long long *) = (long long)count; break;
    }
}

/* An unknown conversion: like glibc, writes back the specification with its
 * flags in a fixed order and without the length modifier. */
static void put_unknown(struct sink *o, const struct spec *sp)
{
    char buf[24], *end = buf + sizeof buf, *p;
    put(o, '%');
    if (sp->alt)
        put(o, '#');
    if (sp->group)
        put(o, '\'');
    if (sp->plus)
        put(o, '+');
    else if (sp->space)
        put(o, ' ');
    if (sp->left)
        put(o, '-');
    else if (sp->zero)
        put(o, '0');
    if (sp->i18n)
        put(o, 'I');
    if (sp->width != 0) {
        p = digits32((unsigned)sp->width, end, 10, lower_digits);
        put_bytes(o, p, (int)(end - p));
    }
    if (sp->prec >= 0) {
        put(o, '.');
        p = digits32((unsigned)sp->prec, end, 10, lower_digits);
        put_bytes(o, p, (int)(end - p));
    }
    put(o, sp->conv);
}

/* Carries out the conversion whose specification starts after the '%' at
 * f; returns where the format continues, or NULL if the format ends inside
 * the specification. */
static const char *convert(struct sink *o, const char *f, struct args *a)
{
    struct spec sp;
    unsigned long long mag;
    const char *next = parse_spec(f, &sp, a);
    int negative;

    switch (sp.conv) {
    case 'd': case 'i':
        negative = fetch_int(&sp, 1, a, &mag);
        format_integer(o, &sp, mag, negative, 10, 1);
        break;
    case 'u':
        fetch_int(&sp, 0, a, &mag);
        format_integer(o, &sp, mag, 0, 10, 0);
        break;
    case 'x': case 'X':
        fetch_int(&sp, 0, a, &mag);
        format_integer(o, &sp, mag, 0, 16, 0);
        break;
    case 'o':
        fetch_int(&sp, 0, a, &mag);
        format_integer(o, &sp, mag, 0, 8, 0);
        break;
    case 'c': {
        char c = (char)va_arg(a->ap, int);
        put_padded(o, &sp, &c, 1);
        break;
    }
    case 's':
        format_string(o, &sp, va_arg(a->ap, const char *));
        break;
    case 'p':
        format_pointer(o, &sp, va_arg(a->ap, const void *));
        break;
    case 'n':
        store_count(&sp, o->len, a);
        break;
    case '%':
        put(o, '%');
        break;
    case 0: /* the format ends inside the specification */
        return NULL;
    default:
        put_unknown(o, &sp);
        break;
    }
    return next;
}

/* Formats fmt with ap into o and returns the length; or -1 if the format
 * ends in the middle of a specification (EINVAL) or the length does not fit
 * in an int (EOVERFLOW), as glibc does. */
static int format(struct sink *o, const char *fmt, va_list ap)
{
    struct args a;
    va_copy(a.ap, ap);
    while (fmt != NULL && *fmt != 0) {
        if (*fmt == '%')
            fmt = convert(o, fmt + 1, &a);
        else
            fmt = put_literal(o, fmt);
    }
    va_end(a.ap);
    if (fmt == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (o->len > INT_MAX) {
        errno = EOVERFLOW;
        return -1;
    }
    return (int)o->len;
}

/* ---- the family ---- */

int vprintf(const char *fmt, va_list ap)
{
    struct sink o = {NULL, 0, 0};
    if (__c2w_files_used)
        return vfprintf(stdout, fmt, ap);
    return format(&o, fmt, ap);
}

int vfprintf(FILE *stream, const char *fmt, va_list ap)
{
    struct sink o = {NULL, 0, 0};
    if (!stream->writable) {
        errno = EBADF;
        return -1;
    }
    if (__c2w_files_used && stream->file != NULL)
        return __c2w_file_vprintf(stream, fmt, ap);
    return format(&o, fmt, ap);
}

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
    char none;
    struct sink o = {n > 0 ? buf : &none, n > 0 ? n - 1 : 0, 0};
    int len = format(&o, fmt, ap);
    if (n > 0)
        buf[o.len < o.cap ? o.len : o.cap] = 0;
    return len;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return vsnprintf(buf, INT_MAX, fmt, ap);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int fprintf(FILE *stream, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stream, fmt, ap);
    va_end(ap);
    return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsprintf(buf, fmt, ap);
    va_end(ap);
    return n;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return len;
}

/* ---- printf with a constant format, split by the compiler ----
 *
 * compiler/optimize_llvm.cpp rewrites a call printf("...", ...) whose format is a
 * constant of plain text and the conversions d i u x X c s % (no flags, width,
 * precision, or a length but l) and whose value is not used into a call of these
 * a piece of the format: what printf writes piece by piece, without its format
 * parser linked in. With files in use stdout may be a file: they call printf
 * itself then. (Not inlined: symex summarises them by name, as printf.) */

__attribute__((noinline)) void __c2w_printf_text(const char *s, int n)
{
    int i;
    if (__c2w_files_used) {
        printf("%.*s", n, s);
        return;
    }
    for (i = 0; i < n; i++)
        __c2w_putc(s[i]);
}

/* The digits of v (its magnitude if negative) and its sign, as format_integer. */
static void print_unsigned(unsigned v, int negative, int base, const char *digits)
{
    char buf[12];
    char *end = buf + sizeof buf, *p = digits32(v, end, base, digits);
    if (negative)
        __c2w_putc('-');
    for (; p < end; p++)
        __c2w_putc(*p);
}

__attribute__((noinline)) void __c2w_printf_d(int v)
{
    if (__c2w_files_used) {
        printf("%d", v);
        return;
    }
    print_unsigned(v < 0 ? 0u - (unsigned)v : (unsigned)v, v < 0, 10, lower_digits);
}

__attribute__((noinline)) void __c2w_printf_u(unsigned v)
{
    if (__c2w_files_used) {
        printf("%u", v);
        return;
    }
    print_unsigned(v, 0, 10, lower_digits);
}

__attribute__((noinline)) void __c2w_printf_x(unsigned v)
{
    if (__c2w_files_used) {
        printf("%x", v);
        return;
    }
    print_unsigned(v, 0, 16, lower_digits);
}

__attribute__((noinline)) void __c2w_printf_X(unsigned v)
{
    if (__c2w_files_used) {
        printf("%X", v);
        return;
    }
    print_unsigned(v, 0, 16, upper_digits);
}

__attribute__((noinline)) void __c2w_printf_c(int v)
{
    char c = (char)v; /* as convert() takes it */
    if (__c2w_files_used) {
        printf("%c", v);
        return;
    }
    __c2w_putc(c);
}

__attribute__((noinline)) void __c2w_printf_s(const char *s)
{
    if (__c2w_files_used) {
        printf("%s", s);
        return;
    }
    if (s == NULL) /* glibc prints "(null)" */
        s = "(null)";
    for (; *s; s++)
        __c2w_putc(*s);
}
