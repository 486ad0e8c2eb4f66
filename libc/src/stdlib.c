/* stdlib.c - the rest of stdlib.h (and inttypes.h's imaxabs, imaxdiv):
 * absolute values and division, program termination, sorting and searching,
 * and the pseudo-random generator. (Allocation is in malloc.c, text to
 * number in strtol.c.)
 *
 * qsort and bsearch are glibc's algorithms (a top-down merge sort with a
 * scratch buffer; the usual halving search), so a program sees the same
 * order of equal elements, the same element found among equal ones and even
 * the same sequence of comparison calls. rand is glibc's additive feedback
 * generator (the TYPE_3 state of random()), so sequences equal glibc's.
 * exit runs the atexit handlers; _Exit and abort do not.
 */
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>
#include <errno.h>
#include <c2w_machine.h>
#include "internal.h"

/* ---- arithmetic ---- */

int abs(int j) { return j < 0 ? -j : j; }
long labs(long j) { return j < 0 ? -j : j; }
long long llabs(long long j) { return j < 0 ? -j : j; }
intmax_t imaxabs(intmax_t j) { return llabs(j); }

div_t div(int numer, int denom)
{
    div_t r = {numer / denom, numer % denom};
    return r;
}

ldiv_t ldiv(long numer, long denom)
{
    ldiv_t r = {numer / denom, numer % denom};
    return r;
}

/* Calls the 64-bit routines directly: a '/' would compile to the same calls. */
lldiv_t lldiv(long long numer, long long denom)
{
    lldiv_t r = {__c2w_sdiv64(numer, denom), __c2w_srem64(numer, denom)};
    return r;
}

imaxdiv_t imaxdiv(intmax_t numer, intmax_t denom)
{
    lldiv_t d = lldiv(numer, denom);
    imaxdiv_t r = {d.quot, d.rem};
    return r;
}

/* ---- termination ---- */

/* atexit's handlers, in blocks of 32 (the first static, more from calloc, as in
 * glibc, so there is no limit but memory). exit runs them newest first; one
 * that a handler registers runs next, and a handler that calls exit lets the
 * nested exit run the rest, as glibc does. */
#define EXIT_BLOCK_SIZE 32

struct exit_block {
    struct exit_block *older;
    int count;
    void (*handlers[EXIT_BLOCK_SIZE])(void);
};

static struct exit_block first_exit_block;
static struct exit_block *exit_blocks = &first_exit_block; /* the newest */

static void run_exit_handlers(void);

/* What exit calls first: set by atexit, so in a program that never calls atexit
 * it is never written, the optimiser folds it to NULL and exit costs nothing. */
static void (*exit_hook)(void);

int atexit(void (*handler)(void))
{
    struct exit_block *b = exit_blocks;
    exit_hook = run_exit_handlers;
    if (b->count == EXIT_BLOCK_SIZE) {
        b = calloc(1, sizeof *b);
        if (b == NULL)
            return -1;
        b->older = exit_blocks;
        exit_blocks = b;
    }
    b->handlers[b->count++] = handler;
    return 0;
}

/* Pops each handler before calling it. An emptied block is left behind (not
 * freed: the program is ending, and a handler may still register more). */
static void run_exit_handlers(void)
{
    for (;;) {
        struct exit_block *b = exit_blocks;
        if (b->count > 0)
            b->handlers[--b->count]();
        else if (b->older != NULL)
            exit_blocks = b->older;
        else
            return;
    }
}

_Noreturn void exit(int status)
{
    if (exit_hook != NULL)
        exit_hook();
    __c2w_halt(status);
}

_Noreturn void _Exit(int status)
{
    __c2w_halt(status);
}

_Noreturn void abort(void)
{
    __c2w_trap();
}

/* ---- allocation ---- */

/* realloc(p, n * size), or NULL with ENOMEM (p untouched) if the product
 * overflows, as glibc's. */
C2W_WEAK void *reallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > (size_t)-1 / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, n * size);
}

/* ---- sorting and searching ---- */

typedef int (*compare_fn)(const void *, const void *);
typedef unsigned __attribute__((may_alias)) word;

struct sorter {
    size_t size;    /* element size */
    int words;      /* elements are single aligned words */
    compare_fn cmp;
    char *tmp;      /* scratch space for n elements */
};

static void copy_element(const struct sorter *s, char *dst, const char *src)
{
    if (s->words)
        *(word *)dst = *(const word *)src;
    else
        memcpy(dst, src, s->size);
}

/* glibc's msort_with_tmp: sort both halves, merge them into tmp taking from
 * the left half on ties, copy back what moved. */
static void merge_sort(const struct sorter *s, char *b, size_t n)
{
    size_t n1 = n / 2, n2 = n - n1;
    char *b1 = b, *b2 = b + n1 * s->size, *t = s->tmp;
    if (n <= 1)
        return;
    merge_sort(s, b1, n1);
    merge_sort(s, b2, n2);
    while (n1 > 0 && n2 > 0) {
        if (s->cmp(b1, b2) <= 0) {
            copy_element(s, t, b1);
            b1 += s->size;
            n1--;
        } else {
            copy_element(s, t, b2);
            b2 += s->size;
            n2--;
        }
        t += s->size;
    }
    if (n1 > 0)
        memcpy(t, b1, n1 * s->size);
    memcpy(b, s->tmp, (n - n2) * s->size);
}

static void swap_bytes(char *a, char *b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        char t = *a;
        *a = *b;
        *b = t;
    }
}

/* Stable fallback when there is no memory for the scratch buffer. */
static void insertion_sort(char *base, size_t n, size_t size, compare_fn cmp)
{
    size_t i, j;
    for (i = 1; i < n; i++) {
        for (j = i; j > 0; j--) {
            char *a = base + (j - 1) * size;
            if (cmp(a, a + size) <= 0)
                break;
            swap_bytes(a, a + size, size);
        }
    }
}

void qsort(void *base, size_t n, size_t size, compare_fn cmp)
{
    struct sorter s;
    if (n <= 1 || size == 0)
        return;
    s.size = size;
    s.words = size == sizeof(word) && ((unsigned)base & 3) == 0;
    s.cmp = cmp;
    s.tmp = n <= ~(size_t)0 / size ? malloc(n * size) : NULL;
    if (s.tmp == NULL) {
        insertion_sort(base, n, size, cmp);
        return;
    }
    merge_sort(&s, base, n);
    free(s.tmp);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size, compare_fn cmp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *p = (const char *)base + mid * size;
        int c = cmp(key, p);
        if (c < 0)
            hi = mid;
        else if (c > 0)
            lo = mid + 1;
        else
            return (void *)p;
    }
    return NULL;
}

/* ---- pseudo-random numbers ---- */

/* glibc's TYPE_3 generator: 31 words of state r, and the output is
 * (r[f] += r[b]) >> 1 with f running 3 words ahead of b, both cycling. */
#define RAND_DEG 31
#define RAND_SEP 3

static int rand_state[RAND_DEG];
static int rand_front, rand_back;
static int rand_seeded;

static int rand_step(void)
{
    unsigned v = (unsigned)rand_state[rand_front] + (unsigned)rand_state[rand_back];
    rand_state[rand_front] = (int)v;
    if (++rand_front == RAND_DEG)
        rand_front = 0;
    if (++rand_back == RAND_DEG)
        rand_back = 0;
    return (int)(v >> 1);
}

/* glibc's srandom_r: fill the state with 16807 * previous mod (2^31 - 1)
 * (Schrage's method, in 32 bits), then discard 310 outputs. */
void srand(unsigned seed)
{
    int r = seed == 0 ? 1 : (int)seed;
    int i;
    rand_state[0] = r;
    for (i = 1; i < RAND_DEG; i++) {
        int hi = r / 127773, lo = r % 127773;
        r = 16807 * lo - 2836 * hi;
        if (r < 0)
            r += 2147483647;
        rand_state[i] = r;
    }
    rand_front = RAND_SEP;
    rand_back = 0;
    rand_seeded = 1;
    for (i = 0; i < 10 * RAND_DEG; i++)
        rand_step();
}

int rand(void)
{
    if (!rand_seeded)
        srand(1);
    return rand_step();
}

/* glibc's rand is random, and srand is srandom: one generator, one state. */
C2W_WEAK long random(void)
{
    return rand();
}

C2W_WEAK void srandom(unsigned seed)
{
    srand(seed);
}

/* ---- environment ---- */

/* The machine has no environment: every variable is unset. */
char *getenv(const char *name)
{
    (void)name;
    return NULL;
}
