/* string.c - memory and string functions.
 *
 * memcpy, memmove and memset move whole 32-bit words when the addresses are
 * word-aligned, since every executed instruction costs; otherwise, and for
 * everything else, plain byte loops. (The alignment only picks a branch; no
 * address is computed from it, which keeps the code simple and, inlined with
 * the address of a global, free of exotic constant expressions.)
 *
 * Comparisons return -1, 0 or 1 (comparing bytes as unsigned char): glibc's
 * memcmp does too, and its strcmp and strncmp return -1 or 1 or a byte
 * difference depending on the CPU and the string lengths, so only the sign
 * is portable. strerror is in strerror.c.
 */
#include <string.h>
#include <stdlib.h>
#include "internal.h"

/* A word that may alias anything, for the word-at-a-time copies. */
typedef unsigned __attribute__((may_alias)) word;

static int word_aligned(const void *a, const void *b)
{
    return (((unsigned)a | (unsigned)b) & 3) == 0;
}

C2W_NO_BUILTIN void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (word_aligned(d, s)) {
        for (; n >= 4; n -= 4, d += 4, s += 4)
            *(word *)d = *(const word *)s;
    }
    for (; n > 0; n--)
        *d++ = *s++;
    return dst;
}

/* Copies from the end backwards, for overlapping moves to a higher address. */
C2W_NO_BUILTIN static void copy_backwards(unsigned char *d, const unsigned char *s, size_t n)
{
    d += n;
    s += n;
    if (word_aligned(d, s)) {
        for (; n >= 4; n -= 4) {
            d -= 4;
            s -= 4;
            *(word *)d = *(const word *)s;
        }
    }
    while (n-- > 0)
        *--d = *--s;
}

C2W_NO_BUILTIN void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if ((size_t)((unsigned)d - (unsigned)s) < n) /* d lies inside [s, s + n) */
        copy_backwards(d, s, n);
    else
        memcpy(d, s, n);
    return dst;
}

C2W_NO_BUILTIN void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    unsigned char byte = (unsigned char)c;
    if (word_aligned(d, d)) {
        word w = byte * 0x01010101u;
        for (; n >= 4; n -= 4, d += 4)
            *(word *)d = w;
    }
    for (; n > 0; n--)
        *d++ = byte;
    return dst;
}

static int compare_bytes(unsigned char a, unsigned char b)
{
    return a < b ? -1 : a > b;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (; n > 0; n--, p++, q++) {
        if (*p != *q)
            return compare_bytes(*p, *q);
    }
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (; n > 0; n--, p++) {
        if (*p == (unsigned char)c)
            return (void *)p;
    }
    return NULL;
}

C2W_NO_BUILTIN size_t strlen(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

C2W_NO_BUILTIN char *strcpy(char *dst, const char *src)
{
    char *d = dst;
    while ((*d++ = *src++) != 0)
        ;
    return dst;
}

/* Copies at most n bytes of src and pads with NULs up to n, as the standard
 * requires (and unlike what its name suggests, may leave dst unterminated). */
C2W_NO_BUILTIN char *strncpy(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = 0;
    return dst;
}

char *strcat(char *dst, const char *src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

char *strncat(char *dst, const char *src, size_t n)
{
    char *d = dst + strlen(dst);
    for (; n > 0 && *src; n--)
        *d++ = *src++;
    *d = 0;
    return dst;
}

int strcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    while (*p && *p == *q) {
        p++;
        q++;
    }
    return compare_bytes(*p, *q);
}

int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    for (; n > 0; n--, p++, q++) {
        if (*p != *q || *p == 0)
            return compare_bytes(*p, *q);
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (*s == 0)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;
    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (*s == 0)
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return (char *)haystack;
    for (; *haystack; haystack++) {
        if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
            return (char *)haystack;
    }
    return NULL;
}

/* Whether c (not NUL) occurs in the NUL-terminated set. */
static int in_set(char c, const char *set)
{
    for (; *set; set++) {
        if (*set == c)
            return 1;
    }
    return 0;
}

size_t strspn(const char *s, const char *accept)
{
    size_t n = 0;
    while (s[n] && in_set(s[n], accept))
        n++;
    return n;
}

size_t strcspn(const char *s, const char *reject)
{
    size_t n = 0;
    while (s[n] && !in_set(s[n], reject))
        n++;
    return n;
}

char *strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}

char *strtok(char *s, const char *delim)
{
    static char *next;
    if (s == NULL)
        s = next;
    if (s == NULL)
        return NULL;
    s += strspn(s, delim);
    if (*s == 0) {
        next = NULL;
        return NULL;
    }
    char *end = s + strcspn(s, delim);
    if (*end) {
        *end = 0;
        next = end + 1;
    } else {
        next = NULL;
    }
    return s;
}

char *strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *copy = malloc(len + 1);
    if (copy != NULL) {
        memcpy(copy, s, len);
        copy[len] = 0;
    }
    return copy;
}

char *strdup(const char *s)
{
    return strndup(s, (size_t)-1);
}
