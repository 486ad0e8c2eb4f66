/* 64-bit division and remainder (signed and unsigned), small and large divisors. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

#include "test.h"

static __attribute__((noinline)) long long sdiv(long long a, long long b) { return a / b; }
static __attribute__((noinline)) long long srem(long long a, long long b) { return a % b; }
static __attribute__((noinline)) unsigned long long udiv(unsigned long long a, unsigned long long b) { return a / b; }
static __attribute__((noinline)) unsigned long long urem(unsigned long long a, unsigned long long b) { return a % b; }

int main(void) {
  static const long long sv[] = { 0, 1, -1, 1000000007LL, -999999999999LL, LLONG_MAX, LLONG_MIN, 0x123456789abcdefLL, -4294967296LL };
  static const long long sd[] = { 1, -1, 3, -7, 10, 4294967296LL, 4294967295LL, -1000000000000LL, LLONG_MAX };
  int i, j;
  for (i = 0; i < 9; i++) {
    unsigned long long mix = 0;
    for (j = 0; j < 9; j++) {
      long long a = sv[i], b = sd[j];
      if (a == LLONG_MIN && b == -1) continue;
      long long q = sdiv(a, b), r = srem(a, b);
      if (q * b + r != a) { printf("identity FAIL %lld %lld\n", a, b); fails++; }
      if (j < 3) printf("%lld/%lld=%lld r%lld  ", a, b, q, r);
      mix = mix * 31 + (unsigned long long)q * 7 + (unsigned long long)r;
    }
    printf("mix=%llx\n", mix);
  }
  static const unsigned long long uv[] = { 0, 1, 0xffffffffffffffffULL, 0x8000000000000000ULL, 0xdeadbeefcafebabeULL, 12345678901234567ULL };
  static const unsigned long long ud[] = { 1, 2, 10, 0xffffffffULL, 0x100000000ULL, 0x100000001ULL, 0x8000000000000000ULL, 0xffffffffffffffffULL };
  for (i = 0; i < 6; i++) {
    unsigned long long mix = 0;
    for (j = 0; j < 8; j++) {
      unsigned long long a = uv[i], b = ud[j];
      unsigned long long q = udiv(a, b), r = urem(a, b);
      if (q * b + r != a || r >= b) { printf("uidentity FAIL %llu %llu\n", a, b); fails++; }
      if (j == 2 || j == 5) printf("%llu/%llu=%llu r%llu  ", a, b, q, r);
      mix = mix * 31 + q * 7 + r;
    }
    printf("mix=%llx\n", mix);
  }
  ASSERT(-3, sdiv(-7, 2));
  ASSERT(-1, srem(-7, 2));
  ASSERT(LLONG_MIN / 2, sdiv(LLONG_MIN, 2));
  ASSERT(-1, sdiv(LLONG_MIN, LLONG_MAX));
  ASSERT(-1, srem(LLONG_MIN, LLONG_MAX));
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
