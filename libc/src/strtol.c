/* strtol.c - text to integer: strtol, strtoul, strtoll, strtoull, atoi, atol,
 * atoll, strtoimax, strtoumax, and the digit accumulator that scanf shares.
 *
 * Semantics are glibc's: leading white space, an optional sign, a "0x"
 * prefix for base 16 or 0, base 0 picking 8, 10 or 16 from the prefix. On
 * overflow the result saturates (LONG_MAX, LONG_MIN, ULONG_MAX, ...) and errno
 * becomes ERANGE; the unsigned functions negate a "-" value modulo 2^N. An
 * invalid base sets EINVAL and returns 0 without touching *end, as glibc
 * does. The 32-bit functions accumulate in 32 bits; only the long long ones
 * pay for 64-bit arithmetic.
 */
#include <stdlib.h>
#include <inttypes.h>
#include <ctype.h>
#include <errno.h>
#include "internal.h"

/* ---- the accumulator ---- */

int __c2w_digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20; /* lower case */
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    return 36;
}

void __c2w_intacc_init(struct __c2w_intacc *acc, unsigned base, int wide)
{
    acc->base = base;
    acc->wide = wide;
    acc->overflow = 0;
    if (wide) {
        acc->value64 = 0;
        acc->cut64 = ~0ULL;
        acc->cutdigit = __c2w_udivmod64_small(&acc->cut64, base);
    } else {
        acc->value32 = 0;
        acc->cut32 = ~0u / base;
        acc->cutdigit = ~0u % base;
    }
}

void __c2w_intacc_add(struct __c2w_intacc *acc, unsigned digit)
{
    if (!acc->wide) {
        if (acc->value32 > acc->cut32 || (acc->value32 == acc->cut32 && digit > acc->cutdigit))
            acc->overflow = 1;
        else
            acc->value32 = acc->value32 * acc->base + digit;
    } else {
        if (acc->value64 > acc->cut64 || (acc->value64 == acc->cut64 && digit > acc->cutdigit))
            acc->overflow = 1;
        else
            acc->value64 = acc->value64 * acc->base + digit;
    }
}

unsigned long long __c2w_intacc_result(const struct __c2w_intacc *acc, int negative,
                                       int is_signed)
{
    unsigned long long max = acc->wide ? ~0ULL : ~0u;
    unsigned long long mag = acc->wide ? acc->value64 : acc->value32;
    if (is_signed) {
        unsigned long long limit = (max >> 1) + negative; /* |MIN| or MAX */
        if (acc->overflow || mag > limit) {
            errno = ERANGE;
            mag = limit;
        }
    } else if (acc->overflow) {
        errno = ERANGE;
        return max;
    }
    return (negative ? 0 - mag : mag) & max;
}

/* ---- the strto family ---- */

/* Parses s as strtol & co do, into the low 32 or 64 (wide) bits. */
static unsigned long long parse(const char *s, char **end, int base, int is_signed, int wide)
{
    const char *p = s;
    int negative = 0, any = 0;
    struct __c2w_intacc acc;

    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '-' || *p == '+')
        negative = *p++ == '-';
    if (*p == '0') {
        if ((base == 0 || base == 16) && (p[1] | 0x20) == 'x') {
            p += 2;
            base = 16;
        } else if (base == 0) {
            base = 8;
        }
    } else if (base == 0) {
        base = 10;
    }

    __c2w_intacc_init(&acc, (unsigned)base, wide);
    for (;; p++, any = 1) {
        int d = __c2w_digit_value((unsigned char)*p);
        if (d >= base)
            break;
        __c2w_intacc_add(&acc, (unsigned)d);
    }

    if (!any) {
        /* No digits. "0x" followed by a non-digit still reads the 0. */
        if (end != NULL)
            *end = (char *)(p - s >= 2 && (p[-1] | 0x20) == 'x' && p[-2] == '0' ? p - 1 : s);
        return 0;
    }
    if (end != NULL)
        *end = (char *)p;
    return __c2w_intacc_result(&acc, negative, is_signed);
}

long strtol(const char *s, char **end, int base)
{
    return (long)(unsigned long)parse(s, end, base, 1, 0);
}

unsigned long strtoul(const char *s, char **end, int base)
{
    return (unsigned long)parse(s, end, base, 0, 0);
}

long long strtoll(const char *s, char **end, int base)
{
    return (long long)parse(s, end, base, 1, 1);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
    return parse(s, end, base, 0, 1);
}

intmax_t strtoimax(const char *s, char **end, int base)
{
    return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *s, char **end, int base)
{
    return strtoull(s, end, base);
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
    return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
    return strtoll(s, NULL, 10);
}
