/* string.h - memory and string functions. strerror knows the messages of the
 * Linux error numbers (glibc's wording). As glibc's does by default, it also
 * declares the POSIX extensions (stpcpy, strsep, strtok_r...) and includes
 * strings.h; the GNU extensions (mempcpy, memmem...) are declared only under
 * _GNU_SOURCE, as in glibc, so a program without it may define those names
 * itself (a call without the declaration still links, as in gcc). */
#ifndef _STRING_H
#define _STRING_H

#include "_c2w_types.h"
#include <strings.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strpbrk(const char *s, const char *accept);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strtok(char *s, const char *delim);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
char *strerror(int errnum);
int strcoll(const char *a, const char *b);
size_t strxfrm(char *dst, const char *src, size_t n);

/* POSIX */
char *stpcpy(char *dst, const char *src);
char *stpncpy(char *dst, const char *src, size_t n);
void *memccpy(void *dst, const void *src, int c, size_t n);
char *strsep(char **s, const char *delim);
char *strtok_r(char *s, const char *delim, char **save);
void explicit_bzero(void *s, size_t n);

#ifdef _GNU_SOURCE
void *mempcpy(void *dst, const void *src, size_t n);
void *memrchr(const void *s, int c, size_t n);
void *rawmemchr(const void *s, int c);
char *strchrnul(const char *s, int c);
void *memmem(const void *haystack, size_t haystack_len, const void *needle, size_t needle_len);
char *strcasestr(const char *haystack, const char *needle);
#endif

#endif
