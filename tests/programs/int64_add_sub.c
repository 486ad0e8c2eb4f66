/* 64-bit (long long) addition and subtraction with carries/borrows across the 32-bit halves. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

#include "test.h"

static __attribute__((noinline)) long long add(long long a, long long b) { return a + b; }
static __attribute__((noinline)) long long sub(long long a, long long b) { return a - b; }
static __attribute__((noinline)) unsigned long long uadd(unsigned long long a, unsigned long long b) { return a + b; }
static __attribute__((noinline)) unsigned long long usub(unsigned long long a, unsigned long long b) { return a - b; }

int main(void) {
  ASSERT(0x100000000LL, add(0xffffffffLL, 1));
  ASSERT(0xffffffffLL, sub(0x100000000LL, 1));
  ASSERT(-1, sub(0, 1));
  ASSERT(0, add(-1, 1));
  ASSERT(LLONG_MAX, add(LLONG_MAX, 0));
  ASSERT(-1, add(LLONG_MAX, LLONG_MIN));
  ASSERT(LLONG_MIN + 1, add(LLONG_MIN, 1));
  ASSERT(LLONG_MAX - 1, sub(LLONG_MAX, 1));
  ASSERT(0x1fffffffeLL, add(0xffffffffLL, 0xffffffffLL));
  ASSERT(-0x1fffffffeLL, add(-0xffffffffLL, -0xffffffffLL));
  ASSERT(4294967296LL * 3, add(4294967296LL, 8589934592LL));
  ASSERT(0x0123456789abcdefLL + 0x0fedcba987654321LL, add(0x0123456789abcdefLL, 0x0fedcba987654321LL));
  ASSERT(0, (long long)uadd(ULLONG_MAX, 1));
  ASSERT(-1, (long long)usub(0, 1));
  ASSERT((long long)0x8000000000000000ULL, (long long)uadd(0x7fffffffffffffffULL, 1));
  ASSERT(0x100000000LL, (long long)usub(0x1ffffffffULL, 0xffffffffULL));
  {
    long long a = 1;
    int i;
    for (i = 0; i < 62; i++) a += a;
    ASSERT(0x4000000000000000LL, a);
    a += a - 1;
    ASSERT(LLONG_MAX, a);
    a = -a - 1;
    ASSERT(LLONG_MIN, a);
  }
  {
    /* mixed int / long long arithmetic */
    int i = -5;
    unsigned u = 0xffffffffu;
    long long x = 10;
    ASSERT(5, x + i);
    ASSERT(0x100000008LL, x + u - 1);
    ASSERT(-4294967285LL, x - u);
    uint64_t acc = 0;
    for (i = 0; i < 100; i++) acc += 0x123456789ULL * (uint64_t)i;
    ASSERT(0x123456789ULL * 4950, (long long)acc);
    x = 0;
    x++; ++x; x--; x += 0x7fffffff; x += 0x7fffffff;
    ASSERT(4294967295LL, x);
    x -= 4294967296LL;
    ASSERT(-1, x);
    ASSERT(1, -x);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
