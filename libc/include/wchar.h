/* wchar.h - wide-character strings. wchar_t is a signed 32-bit integer, wint_t
 * an unsigned int; the functions compare wchar_t values as signed numbers and
 * return -1, 0 or 1, as glibc's i386 versions do. No multibyte conversion,
 * wide I/O or mbstate_t: the machine has no locale.
 *
 * wchar_t is the compiler's __WCHAR_TYPE__, the type of L"..." literals: gcc
 * makes it long on i386, but clang (c2w's front end) makes it int, and clang
 * cannot be told otherwise, so only _Generic can tell c2w's wchar_t from gcc's.
 * WCHAR_MIN and WCHAR_MAX follow it, as glibc's do.
 */
#ifndef _WCHAR_H
#define _WCHAR_H

#include "_c2w_types.h"

typedef unsigned int wint_t;

#define WEOF (0xffffffffu)
/* As stdint.h defines them. */
#define WCHAR_MIN (-__WCHAR_MAX__ - 1)
#define WCHAR_MAX __WCHAR_MAX__

size_t wcslen(const wchar_t *s);
size_t wcsnlen(const wchar_t *s, size_t max);
wchar_t *wcscpy(wchar_t *dst, const wchar_t *src);
wchar_t *wcsncpy(wchar_t *dst, const wchar_t *src, size_t n);
wchar_t *wcscat(wchar_t *dst, const wchar_t *src);
wchar_t *wcsncat(wchar_t *dst, const wchar_t *src, size_t n);
int wcscmp(const wchar_t *a, const wchar_t *b);
int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n);
wchar_t *wcschr(const wchar_t *s, wchar_t c);
wchar_t *wcsrchr(const wchar_t *s, wchar_t c);
size_t wcsspn(const wchar_t *s, const wchar_t *accept);
size_t wcscspn(const wchar_t *s, const wchar_t *reject);
wchar_t *wcspbrk(const wchar_t *s, const wchar_t *accept);
wchar_t *wcsstr(const wchar_t *haystack, const wchar_t *needle);
wchar_t *wcsdup(const wchar_t *s);

wchar_t *wmemset(wchar_t *s, wchar_t c, size_t n);
wchar_t *wmemcpy(wchar_t *dst, const wchar_t *src, size_t n);
wchar_t *wmemmove(wchar_t *dst, const wchar_t *src, size_t n);
int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n);
wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n);

#endif
