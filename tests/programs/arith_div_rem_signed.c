/* Signed division and remainder: truncation toward zero, sign of remainder, edge values. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static __attribute__((noinline)) int sdiv(int a, int b) { return a / b; }
static __attribute__((noinline)) int srem(int a, int b) { return a % b; }

int main(void) {
  static const int vals[] = { 0, 1, -1, 7, -7, INT_MAX, INT_MIN, 12345678, -98765 };
  static const int divs[] = { 1, -1, 2, -3, 7, -10, 1000, INT_MAX, 65536 };
  int i, j;
  for (i = 0; i < (int)(sizeof vals / sizeof vals[0]); i++) {
    for (j = 0; j < (int)(sizeof divs / sizeof divs[0]); j++) {
      int a = vals[i], b = divs[j];
      if (a == INT_MIN && b == -1) continue; /* overflow: undefined */
      int q = sdiv(a, b), r = srem(a, b);
      if (q * b + r != a) { printf("identity broken %d %d FAIL\n", a, b); fails++; }
      printf("%d/%d=%d %d%%%d=%d\n", a, b, q, a, b, r);
    }
  }
  ASSERT(3, sdiv(7, 2));
  ASSERT(-3, sdiv(-7, 2));
  ASSERT(-3, sdiv(7, -2));
  ASSERT(3, sdiv(-7, -2));
  ASSERT(1, srem(7, 2));
  ASSERT(-1, srem(-7, 2));
  ASSERT(1, srem(7, -2));
  ASSERT(-1, srem(-7, -2));
  ASSERT(-1073741824, sdiv(INT_MIN, 2));
  ASSERT(0, srem(INT_MIN, 2));
  ASSERT(-1, sdiv(INT_MIN, INT_MAX));
  ASSERT(-1, srem(INT_MIN, INT_MAX));
  ASSERT(-INT_MAX, sdiv(INT_MAX, -1));
  ASSERT(INT_MIN, sdiv(INT_MIN, 1));
  {
    int x = 1000;
    x /= 7; ASSERT(142, x);
    x %= 10; ASSERT(2, x);
    x = -1000; x /= 7; ASSERT(-142, x);
    x = -1000; x %= 7; ASSERT(-6, x);
  }
  /* constant-divisor paths (compilers use magic multiplies) */
  {
    volatile int v = -123456789;
    ASSERT(-41152263, v / 3);
    ASSERT(0, v % 3);
    ASSERT(-12345678, v / 10);
    ASSERT(-9, v % 10);
    ASSERT(-3858024, v / 32);
    ASSERT(-21, v % 32);
    ASSERT(-17636684, v / 7);
    ASSERT(-1, v % 7);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
