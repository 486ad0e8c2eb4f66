/* Variadic functions with stdarg.h: count-prefixed int sums, sentinel-terminated lists, va_copy, passing va_list on. */
#include <stdio.h>
#include <stdarg.h>
#include <stddef.h>

#include "test.h"

static int sum(int n, ...) {
  va_list ap;
  int s = 0, i;
  va_start(ap, n);
  for (i = 0; i < n; i++) s += va_arg(ap, int);
  va_end(ap);
  return s;
}

static int max_until_zero(int first, ...) {
  va_list ap;
  int m = first, v;
  va_start(ap, first);
  while ((v = va_arg(ap, int)) != 0) if (v > m) m = v;
  va_end(ap);
  return m;
}

static int count_strings(const char *first, ...) {
  va_list ap;
  int n = 0, total = 0;
  const char *s = first;
  va_start(ap, first);
  while (s) {
    n++;
    while (*s++) total++;
    s = va_arg(ap, const char *);
  }
  va_end(ap);
  return n * 1000 + total;
}

static int sum_twice(int n, ...) {
  va_list ap, ap2;
  int s = 0, i;
  va_start(ap, n);
  va_copy(ap2, ap);
  for (i = 0; i < n; i++) s += va_arg(ap, int);
  for (i = 0; i < n; i++) s += 10 * va_arg(ap2, int);
  va_end(ap2);
  va_end(ap);
  return s;
}

static int vsum(int n, va_list ap) {
  int s = 0;
  while (n--) s += va_arg(ap, int);
  return s;
}
static int sum_via_v(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int s = vsum(n, ap);
  va_end(ap);
  return s;
}

/* promoted types: char and short arrive as int */
static int promoted(int n, ...) {
  va_list ap;
  int s = 0, i;
  va_start(ap, n);
  for (i = 0; i < n; i++) s = s * 7 + va_arg(ap, int);
  va_end(ap);
  return s;
}

int main(void) {
  ASSERT(0, sum(0));
  ASSERT(1, sum(1, 1));
  ASSERT(15, sum(5, 1, 2, 3, 4, 5));
  ASSERT(-2, sum(3, -1, -2147483647 - 1 + 2147483647, 1 - 1));
  ASSERT(210, sum(20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
  ASSERT(99, max_until_zero(3, 99, -5, 7, 0, 1000));
  ASSERT(-5, max_until_zero(-5, 0));
  ASSERT(3011, count_strings("alpha", "beta", "xx", (const char *)NULL));
  ASSERT(1000, count_strings("", (const char *)NULL));
  ASSERT(66, sum_twice(3, 1, 2, 3));
  ASSERT(10, sum_via_v(4, 1, 2, 3, 4));
  {
    char c = -3;
    short s = 300;
    unsigned char uc = 250;
    ASSERT(((-3 * 7) + 300) * 7 + 250, promoted(3, c, s, uc));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
