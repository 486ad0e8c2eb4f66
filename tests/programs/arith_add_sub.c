/* Integer addition and subtraction: int, unsigned, edge values. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static __attribute__((noinline)) int add(int a, int b) { return a + b; }
static __attribute__((noinline)) int sub(int a, int b) { return a - b; }
static __attribute__((noinline)) unsigned uadd(unsigned a, unsigned b) { return a + b; }
static __attribute__((noinline)) unsigned usub(unsigned a, unsigned b) { return a - b; }

int main(void) {
  volatile int z = 0, one = 1, m1 = -1, imax = INT_MAX, imin = INT_MIN;
  ASSERT(0, 0 + 0);
  ASSERT(3, 1 + 2);
  ASSERT(-1, 1 - 2);
  ASSERT(10, add(3, 7));
  ASSERT(-4, sub(3, 7));
  ASSERT(0, add(one, m1));
  ASSERT(INT_MAX, add(imax, z));
  ASSERT(-1, add(imax, imin));
  ASSERT(INT_MIN, sub(imin, z));
  ASSERT(INT_MAX, sub(imax, z));
  ASSERT(INT_MAX - 1, sub(imax, one));
  ASSERT(INT_MIN + 1, add(imin, one));
  ASSERT(0, sub(imin, imin));
  ASSERT(INT_MIN, sub(m1, imax));
  ASSERT(-2147483647, sub(z, imax));
  ASSERT(123456789 + 987654321, add(123456789, 987654321));
  ASSERT(-1000000, sub(-500000, 500000));
  ASSERT(0, uadd(UINT_MAX, 1u));
  ASSERT(UINT_MAX, usub(0u, 1u));
  ASSERT(0x80000000u, uadd(0x7fffffffu, 1u));
  ASSERT(0x7fffffffu, usub(0x80000000u, 1u));
  ASSERT(4294967294u, uadd(UINT_MAX, UINT_MAX));
  ASSERT(1, usub(0x80000000u, 0x7fffffffu));
  {
    int a = 5;
    a += 10; ASSERT(15, a);
    a -= 20; ASSERT(-5, a);
    a++; ASSERT(-4, a);
    a--; a--; ASSERT(-6, a);
    ASSERT(-6, a++);
    ASSERT(-5, a);
    ASSERT(-6, --a);
    ASSERT(6, -a);
    ASSERT(-6, +a);
  }
  {
    int sum = 0, i;
    for (i = -50; i <= 100; i++) sum += i;
    ASSERT(3775, sum);
    unsigned us = 0;
    for (i = 0; i < 10; i++) us -= 0x10000001u;
    ASSERT(0x5ffffff6u, us);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
