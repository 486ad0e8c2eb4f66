/* Integer multiplication: signed/unsigned, edge values, wraparound in unsigned. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static __attribute__((noinline)) int mul(int a, int b) { return a * b; }
static __attribute__((noinline)) unsigned umul(unsigned a, unsigned b) { return a * b; }

int main(void) {
  volatile int m1 = -1, imax = INT_MAX;
  ASSERT(0, mul(0, 12345));
  ASSERT(12345, mul(1, 12345));
  ASSERT(-12345, mul(-1, 12345));
  ASSERT(42, mul(6, 7));
  ASSERT(-42, mul(-6, 7));
  ASSERT(42, mul(-6, -7));
  ASSERT(-INT_MAX, mul(imax, m1));
  ASSERT(INT_MAX, mul(imax, 1));
  ASSERT(1073741824, mul(32768, 32768));
  ASSERT(-1073741824, mul(-32768, 32768));
  ASSERT(2147441940, mul(46341, 46340));
  ASSERT(999999, mul(999, 1001));
  ASSERT(1, umul(UINT_MAX, UINT_MAX));
  ASSERT(0, umul(0x10000u, 0x10000u));
  ASSERT(0x80000000u, umul(0x40000000u, 2u));
  ASSERT(0xfffffffeu, umul(0x7fffffffu, 2u));
  ASSERT(4227814277u, umul(123456789u, 987654321u));
  ASSERT(2971215073u, umul(2971215073u, 1u));
  ASSERT(0x9e3779b9u * 0x85ebca6bu, umul(0x9e3779b9u, 0x85ebca6bu));
  {
    int x = 7;
    x *= 3; ASSERT(21, x);
    x *= -2; ASSERT(-42, x);
    unsigned h = 2166136261u;
    const char *s = "hello";
    while (*s) { h ^= (unsigned char)*s++; h *= 16777619u; }
    ASSERT(0x4f9f2cabu, h);
  }
  {
    /* factorials up to 12! fit in int */
    int f = 1, i;
    for (i = 1; i <= 12; i++) { f *= i; printf("%d! = %d\n", i, f); }
    ASSERT(479001600, f);
  }
  {
    short a = 300, b = 200;  /* promoted to int, no overflow */
    ASSERT(60000, a * b);
    unsigned char c = 255, d = 255;
    ASSERT(65025, c * d);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
