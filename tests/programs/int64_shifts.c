/* 64-bit shifts: left, logical right, arithmetic right, for all shift counts 0..63. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

#include "test.h"

static __attribute__((noinline)) unsigned long long shl(unsigned long long a, int n) { return a << n; }
static __attribute__((noinline)) unsigned long long lshr(unsigned long long a, int n) { return a >> n; }
static __attribute__((noinline)) long long ashr(long long a, int n) { return a >> n; }

int main(void) {
  int n;
  unsigned long long sum1 = 0, sum2 = 0, sum3 = 0;
  for (n = 0; n < 64; n++) {
    unsigned long long a = shl(0x8badf00d12345678ULL, n);
    unsigned long long b = lshr(0x8badf00d12345678ULL, n);
    long long c = ashr((long long)0x8badf00d12345678ULL, n);
    if (n % 8 == 0 || n == 31 || n == 32 || n == 33 || n == 63)
      printf("n=%2d shl=%016llx lshr=%016llx ashr=%016llx\n", n, a, b, (unsigned long long)c);
    sum1 = sum1 * 3 + a; sum2 = sum2 * 5 + b; sum3 = sum3 * 7 + (unsigned long long)c;
  }
  printf("sums %llx %llx %llx\n", sum1, sum2, sum3);
  ASSERT(1LL << 32, (long long)shl(1, 32));
  ASSERT((long long)0x8000000000000000ULL, (long long)shl(1, 63));
  ASSERT(1, (long long)lshr(0x8000000000000000ULL, 63));
  ASSERT(-1, ashr(LLONG_MIN, 63));
  ASSERT(-2, ashr(-3, 1));
  ASSERT(-1, ashr(-1, 40));
  ASSERT(0x7fffffff, ashr(LLONG_MAX, 32));
  ASSERT(-4294967296LL, ashr(LLONG_MIN, 31));
  ASSERT(0xffffffffLL, (long long)lshr(ULLONG_MAX, 32));
  ASSERT(0x100000000LL, (long long)shl(0xffffffff00000001ULL, 32));
  {
    /* constant shift counts */
    volatile unsigned long long v = 0x0123456789abcdefULL;
    volatile long long s = -0x0123456789abcdefLL;
    ASSERT(0x23456789abcdef00LL, (long long)(v << 8));
    ASSERT(0x89abcdef00000000LL, (long long)(v << 32));
    ASSERT(0x0123456789abcdLL, (long long)(v >> 8));
    ASSERT(0x01234567LL, (long long)(v >> 32));
    ASSERT(0x0, (long long)(v >> 63));
    ASSERT(-0x0123456789abceLL, s >> 8);
    ASSERT(-0x01234568LL, s >> 32);
    ASSERT(-1, s >> 63);
    long long t = 5;
    t <<= 40; ASSERT(5LL << 40, t);
    t >>= 39; ASSERT(10, t);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
