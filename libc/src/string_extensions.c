/* string_extensions.c - string.h beyond ISO C: the POSIX functions (stpcpy,
 * stpncpy, strsep, strtok_r, memccpy) and explicit_bzero, the GNU ones
 * (mempcpy, memrchr, rawmemchr, strchrnul, memmem, strcasestr), and ISO C's
 * locale-dependent strcoll and strxfrm, which in the "C" locale are strcmp
 * and a copy.
 *
 * Each behaves as glibc's does, down to the pointers left behind: strtok_r
 * leaves *save pointing at the string's terminator once it is used up (not
 * NULL), strsep sets *s to NULL after the last field, memmem and strcasestr
 * find an empty needle at the start of the haystack. All but strcoll and
 * strxfrm are weak (see C2W_WEAK in internal.h).
 */
#define _GNU_SOURCE /* the GNU declarations, to check the definitions against */
#include <string.h>
#include "internal.h"

/* ---- ISO C ---- */

int strcoll(const char *a, const char *b)
{
    return strcmp(a, b);
}

/* Copies src and its terminator if n has room for them, otherwise the first n
 * bytes (unterminated); returns strlen(src) either way. */
size_t strxfrm(char *dst, const char *src, size_t n)
{
    size_t len = strlen(src);
    if (n != 0)
        memcpy(dst, src, len < n ? len + 1 : n);
    return len;
}

/* ---- POSIX ---- */

C2W_WEAK char *stpcpy(char *dst, const char *src)
{
    size_t len = strlen(src);
    memcpy(dst, src, len + 1);
    return dst + len;
}

/* strncpy that returns a pointer to the first NUL written, or dst + n. */
C2W_WEAK char *stpncpy(char *dst, const char *src, size_t n)
{
    size_t len = strnlen(src, n);
    memcpy(dst, src, len);
    memset(dst + len, 0, n - len);
    return dst + len;
}

C2W_WEAK void *memccpy(void *dst, const void *src, int c, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    for (; n > 0; n--) {
        if ((*d++ = *s++) == (unsigned char)c)
            return d;
    }
    return NULL;
}

/* Cuts the field before the first delimiter out of *s (writing a NUL over the
 * delimiter) and moves *s past it; empty fields count. */
C2W_WEAK char *strsep(char **s, const char *delim)
{
    char *field = *s, *end;
    if (field == NULL)
        return NULL;
    end = field + strcspn(field, delim);
    if (*end) {
        *end = 0;
        *s = end + 1;
    } else {
        *s = NULL;
    }
    return field;
}

C2W_WEAK char *strtok_r(char *s, const char *delim, char **save)
{
    char *end;
    if (s == NULL)
        s = *save;
    s += strspn(s, delim);
    if (*s == 0) {
        *save = s;
        return NULL;
    }
    end = s + strcspn(s, delim);
    if (*end) {
        *end = 0;
        *save = end + 1;
    } else {
        *save = end;
    }
    return s;
}

C2W_WEAK void explicit_bzero(void *s, size_t n)
{
    memset(s, 0, n);
}

/* ---- GNU ---- */

C2W_WEAK void *mempcpy(void *dst, const void *src, size_t n)
{
    return (char *)memcpy(dst, src, n) + n;
}

C2W_WEAK void *memrchr(const void *s, int c, size_t n)
{
    const unsigned char *p = (const unsigned char *)s + n;
    while (n-- > 0) {
        if (*--p == (unsigned char)c)
            return (void *)p;
    }
    return NULL;
}

C2W_WEAK void *rawmemchr(const void *s, int c)
{
    const unsigned char *p = s;
    while (*p != (unsigned char)c)
        p++;
    return (void *)p;
}

C2W_WEAK char *strchrnul(const char *s, int c)
{
    while (*s && *s != (char)c)
        s++;
    return (char *)s;
}

C2W_WEAK void *memmem(const void *haystack, size_t haystack_len, const void *needle, size_t needle_len)
{
    const unsigned char *h = haystack, *n = needle;
    size_t i;
    if (needle_len == 0)
        return (void *)h;
    for (i = 0; haystack_len - i >= needle_len; i++) {
        if (h[i] == n[0] && memcmp(h + i, n, needle_len) == 0)
            return (void *)(h + i);
    }
    return NULL;
}

C2W_WEAK char *strcasestr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    for (;; haystack++) {
        if (__c2w_compare_folded(haystack, needle, n) == 0)
            return (char *)haystack;
        if (*haystack == 0)
            return NULL;
    }
}
