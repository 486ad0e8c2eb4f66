/* stdlib.h - memory allocation, number conversion, sorting, pseudo-random
 * numbers and program termination. rand() is glibc's generator (RAND_MAX is
 * 2147483647 and the sequences equal glibc's for every seed); qsort is
 * glibc's merge sort, so it is stable and calls the comparison function in
 * the same order as glibc.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include "_c2w_types.h"
#include <sys/types.h> /* as glibc's stdlib.h does by default */
#include <alloca.h>     /* likewise */

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 2147483647
#define MB_CUR_MAX 1

typedef struct {
    int quot;
    int rem;
} div_t;
typedef struct {
    long quot;
    long rem;
} ldiv_t;
typedef struct {
    long long quot;
    long long rem;
} lldiv_t;

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
void *reallocarray(void *p, size_t n, size_t size);

int abs(int j);
long labs(long j);
long long llabs(long long j);
div_t div(int numer, int denom);
ldiv_t ldiv(long numer, long denom);
lldiv_t lldiv(long long numer, long long denom);

int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *));

int rand(void);
void srand(unsigned seed);
long random(void);          /* rand's generator and state, as in glibc */
void srandom(unsigned seed);

char *getenv(const char *name); /* always NULL: the machine has no environment */

int atexit(void (*handler)(void));
void exit(int status) __attribute__((__noreturn__));
void _Exit(int status) __attribute__((__noreturn__));
void abort(void) __attribute__((__noreturn__));

#endif
