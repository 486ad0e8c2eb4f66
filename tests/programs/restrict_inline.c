/* restrict-qualified pointer parameters and inline/static inline functions (results identical to plain versions). */
#include <stdio.h>
#include <string.h>

#include "test.h"

static inline int square(int x) { return x * x; }
static inline long long cube(long long x) { return x * x * x; }
inline static int max_inl(int a, int b) { return a > b ? a : b; }

static void add_arrays(int n, int *restrict out, const int *restrict a, const int *restrict b) {
  int i;
  for (i = 0; i < n; i++) out[i] = a[i] + b[i];
}
static void scale_into(int n, long long *restrict dst, const int *restrict src, int k) {
  int i;
  for (i = 0; i < n; i++) dst[i] = (long long)src[i] * k;
}
static size_t copy_str(char *restrict d, const char *restrict s, size_t cap) {
  size_t i = 0;
  if (!cap) return 0;
  while (i + 1 < cap && s[i]) { d[i] = s[i]; i++; }
  d[i] = 0;
  return i;
}
static void update(int *restrict x, int *restrict y) { *x += 1; *y += 2; *x += *y; }

int main(void) {
  int a[8], b[8], c[8], i;
  long long d[8];
  for (i = 0; i < 8; i++) { a[i] = i * i; b[i] = 100 - i; }
  add_arrays(8, c, a, b);
  for (i = 0; i < 8; i++) printf("%d ", c[i]);
  printf("\n");
  scale_into(8, d, c, -1000000);
  for (i = 0; i < 8; i++) printf("%lld ", d[i]);
  printf("\n");
  ASSERT(49, square(-7));
  ASSERT(-27000000000LL, cube(-3000));
  ASSERT(9, max_inl(square(3), 8));
  {
    char buf[8];
    ASSERT(7, copy_str(buf, "restrict pointers", sizeof buf));
    printf("[%s]\n", buf);
    ASSERT(2, copy_str(buf, "ok", sizeof buf));
    ASSERT(0, copy_str(buf, "x", 0));
    int x = 10, y = 20;
    update(&x, &y);
    ASSERT(33, x);
    ASSERT(22, y);
  }
  {
    /* inline function used in a constant-looking loop */
    long long s = 0;
    for (i = -10; i <= 10; i++) s += square(i) + cube(i);
    ASSERT(770, s);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
