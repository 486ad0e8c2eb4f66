/* 64-bit multiplication: signed/unsigned, cross-half products, wraparound. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

#include "test.h"

static __attribute__((noinline)) long long mul(long long a, long long b) { return a * b; }
static __attribute__((noinline)) unsigned long long umul(unsigned long long a, unsigned long long b) { return a * b; }

int main(void) {
  ASSERT(0, mul(0, LLONG_MAX));
  ASSERT(0x100000000LL, mul(0x10000, 0x10000));
  ASSERT(0xfffffffe00000001LL, (long long)umul(0xffffffffULL, 0xffffffffULL));
  ASSERT(-0x100000000LL, mul(-0x10000, 0x10000));
  ASSERT(LLONG_MIN + 1, mul(LLONG_MAX, -1));
  ASSERT(1, (long long)umul(ULLONG_MAX, ULLONG_MAX));
  ASSERT(0, (long long)umul(0x100000000ULL, 0x100000000ULL));
  ASSERT(121932631112635269LL, mul(123456789LL, 987654321LL));
  ASSERT(-121932631112635269LL, mul(-123456789LL, 987654321LL));
  ASSERT(121932631112635269LL, mul(-123456789LL, -987654321LL));
  ASSERT(6000000000LL, mul(3000000000LL, 2));
  ASSERT((long long)0x3347e9a0f6729df1ULL, (long long)umul(0x0123456789abcdefULL, 0xfedcba987654321fULL));
  {
    /* widening int*int via cast */
    int a = 0x7fffffff, b = 0x7fffffff;
    ASSERT(0x3fffffff00000001LL, (long long)a * b);
    unsigned ua = 0xffffffffu;
    ASSERT(0xfffffffe00000001LL, (unsigned long long)ua * ua);
    ASSERT(1, (long long)(ua * ua));
  }
  {
    /* 20! fits in unsigned 64 bit */
    uint64_t f = 1;
    int i;
    for (i = 1; i <= 20; i++) {
      f *= (uint64_t)i;
      printf("%d! = %llu\n", i, (unsigned long long)f);
    }
    ASSERT(2432902008176640000LL, (long long)f);
  }
  {
    /* 64-bit FNV-1a */
    uint64_t h = 0xcbf29ce484222325ULL;
    const char *s = "c2w compiles C";
    while (*s) { h ^= (unsigned char)*s++; h *= 0x100000001b3ULL; }
    printf("fnv1a64 = %016llx\n", (unsigned long long)h);
  }
  {
    long long x = -3;
    x *= 1000000007LL; ASSERT(-3000000021LL, x);
    x *= x; ASSERT(9000000126000000441LL, x);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
