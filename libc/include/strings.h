/* strings.h - the BSD byte-string functions (bzero, bcmp, bcopy, index,
 * rindex), ffs and case-insensitive comparison in the "C" locale. string.h
 * includes this header, as glibc's does by default. */
#ifndef _STRINGS_H
#define _STRINGS_H

#include "_c2w_types.h"

int bcmp(const void *a, const void *b, size_t n);
void bcopy(const void *src, void *dst, size_t n);
void bzero(void *s, size_t n);
char *index(const char *s, int c);
char *rindex(const char *s, int c);

int ffs(int i);
int ffsl(long i);
int ffsll(long long i);

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#endif
