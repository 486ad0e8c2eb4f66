/* strings.c - strings.h: the BSD byte-string functions, ffs, and
 * case-insensitive comparison.
 *
 * bcmp, bcopy, bzero, index and rindex are memcmp, memmove, memset, strchr
 * and strrchr with other argument orders, as in glibc. strcasecmp and
 * strncasecmp fold both strings with tolower ("C" locale: only A-Z change)
 * and return -1, 0 or 1 like strcmp here; glibc's i386 versions return -1, 0
 * or 1 too (gcc may fold a call on two literals to a byte difference, so only
 * the sign is portable). ffs numbers bits from 1 and returns 0 for 0.
 *
 * All are weak (see C2W_WEAK in internal.h): a program may define these names.
 */
#include <strings.h>
#include <string.h>
#include <ctype.h>
#include "internal.h"

C2W_WEAK int bcmp(const void *a, const void *b, size_t n)
{
    return memcmp(a, b, n);
}

C2W_WEAK void bcopy(const void *src, void *dst, size_t n)
{
    memmove(dst, src, n);
}

C2W_WEAK void bzero(void *s, size_t n)
{
    memset(s, 0, n);
}

C2W_WEAK char *index(const char *s, int c)
{
    return strchr(s, c);
}

C2W_WEAK char *rindex(const char *s, int c)
{
    return strrchr(s, c);
}

C2W_WEAK int ffs(int i)
{
    return i == 0 ? 0 : __builtin_ctz((unsigned)i) + 1;
}

C2W_WEAK int ffsl(long i)
{
    return ffs((int)i);
}

/* The low word first; the high word's bits count from 33. */
C2W_WEAK int ffsll(long long i)
{
    unsigned low = (unsigned)i, high = (unsigned)((unsigned long long)i >> 32);
    if (low != 0)
        return ffs((int)low);
    return high == 0 ? 0 : ffs((int)high) + 32;
}

/* Compares at most n bytes, each folded to lower case (strcasestr uses it too:
 * it must not call a strncasecmp that a program may have replaced). */
int __c2w_compare_folded(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    for (; n > 0; n--, p++, q++) {
        int x = tolower(*p), y = tolower(*q);
        if (x != y)
            return x < y ? -1 : 1;
        if (x == 0)
            break;
    }
    return 0;
}

C2W_WEAK int strcasecmp(const char *a, const char *b)
{
    return __c2w_compare_folded(a, b, (size_t)-1);
}

C2W_WEAK int strncasecmp(const char *a, const char *b, size_t n)
{
    return __c2w_compare_folded(a, b, n);
}
