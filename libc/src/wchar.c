/* wchar.c - the wide-character string functions of wchar.h.
 *
 * The counterparts of string.c's functions on wchar_t (signed, 32 bits):
 * lengths and counts are in wide characters, comparisons are of signed values
 * and return -1, 0 or 1 (as glibc's i386 wcscmp, wcsncmp and wmemcmp do), an
 * empty needle is found at the start of the haystack, and wcschr and wcsrchr
 * find the terminator when asked for L'\0'. wmemcpy and wmemmove are memcpy
 * and memmove of 4n bytes. wcsnlen and wcsdup (POSIX) are weak (see C2W_WEAK
 * in internal.h).
 */
#include <wchar.h>
#include <string.h>
#include <stdlib.h>
#include "internal.h"

static int compare_wide(wchar_t a, wchar_t b)
{
    return a < b ? -1 : a > b;
}

/* Whether c (not L'\0') occurs in the terminated set. */
static int in_wide_set(wchar_t c, const wchar_t *set)
{
    for (; *set; set++) {
        if (*set == c)
            return 1;
    }
    return 0;
}

C2W_NO_BUILTIN size_t wcslen(const wchar_t *s)
{
    const wchar_t *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
}

/* wcsnlen, for wcsncpy and wcsncat too (a program may replace the weak wcsnlen). */
static size_t wide_length(const wchar_t *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

C2W_WEAK size_t wcsnlen(const wchar_t *s, size_t max)
{
    return wide_length(s, max);
}

wchar_t *wcscpy(wchar_t *dst, const wchar_t *src)
{
    return wmemcpy(dst, src, wcslen(src) + 1);
}

/* Copies at most n wide characters and pads with L'\0' up to n. */
wchar_t *wcsncpy(wchar_t *dst, const wchar_t *src, size_t n)
{
    size_t len = wide_length(src, n);
    wmemcpy(dst, src, len);
    wmemset(dst + len, 0, n - len);
    return dst;
}

wchar_t *wcscat(wchar_t *dst, const wchar_t *src)
{
    wcscpy(dst + wcslen(dst), src);
    return dst;
}

wchar_t *wcsncat(wchar_t *dst, const wchar_t *src, size_t n)
{
    wchar_t *d = dst + wcslen(dst);
    size_t len = wide_length(src, n);
    wmemcpy(d, src, len);
    d[len] = 0;
    return dst;
}

int wcscmp(const wchar_t *a, const wchar_t *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return compare_wide(*a, *b);
}

int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        if (*a != *b || *a == 0)
            return compare_wide(*a, *b);
    }
    return 0;
}

wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
    for (;; s++) {
        if (*s == c)
            return (wchar_t *)s;
        if (*s == 0)
            return NULL;
    }
}

wchar_t *wcsrchr(const wchar_t *s, wchar_t c)
{
    const wchar_t *last = NULL;
    for (;; s++) {
        if (*s == c)
            last = s;
        if (*s == 0)
            return (wchar_t *)last;
    }
}

size_t wcsspn(const wchar_t *s, const wchar_t *accept)
{
    size_t n = 0;
    while (s[n] && in_wide_set(s[n], accept))
        n++;
    return n;
}

size_t wcscspn(const wchar_t *s, const wchar_t *reject)
{
    size_t n = 0;
    while (s[n] && !in_wide_set(s[n], reject))
        n++;
    return n;
}

wchar_t *wcspbrk(const wchar_t *s, const wchar_t *accept)
{
    s += wcscspn(s, accept);
    return *s ? (wchar_t *)s : NULL;
}

wchar_t *wcsstr(const wchar_t *haystack, const wchar_t *needle)
{
    size_t n = wcslen(needle);
    for (;; haystack++) {
        if (wcsncmp(haystack, needle, n) == 0)
            return (wchar_t *)haystack;
        if (*haystack == 0)
            return NULL;
    }
}

C2W_WEAK wchar_t *wcsdup(const wchar_t *s)
{
    size_t n = wcslen(s) + 1;
    wchar_t *copy = n <= (size_t)-1 / sizeof(wchar_t) ? malloc(n * sizeof(wchar_t)) : NULL;
    return copy != NULL ? wmemcpy(copy, s, n) : NULL;
}

C2W_NO_BUILTIN wchar_t *wmemset(wchar_t *s, wchar_t c, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        s[i] = c;
    return s;
}

wchar_t *wmemcpy(wchar_t *dst, const wchar_t *src, size_t n)
{
    return memcpy(dst, src, n * sizeof(wchar_t));
}

wchar_t *wmemmove(wchar_t *dst, const wchar_t *src, size_t n)
{
    return memmove(dst, src, n * sizeof(wchar_t));
}

int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        if (*a != *b)
            return compare_wide(*a, *b);
    }
    return 0;
}

wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n)
{
    for (; n > 0; n--, s++) {
        if (*s == c)
            return (wchar_t *)s;
    }
    return NULL;
}
