/* __builtin_popcount/clz/ctz for 32 and 64 bits (clz/ctz never called with 0), cross-checked with loop versions. */
#include <stdio.h>

#include "test.h"

static int pop_loop(unsigned long long x) { int n = 0; while (x) { n += (int)(x & 1); x >>= 1; } return n; }
static int clz32_loop(unsigned x) { int n = 0; while (!(x & 0x80000000u)) { x <<= 1; n++; } return n; }
static int ctz32_loop(unsigned x) { int n = 0; while (!(x & 1u)) { x >>= 1; n++; } return n; }
static int clz64_loop(unsigned long long x) { int n = 0; while (!(x >> 63)) { x <<= 1; n++; } return n; }
static int ctz64_loop(unsigned long long x) { int n = 0; while (!(x & 1u)) { x >>= 1; n++; } return n; }

int main(void) {
  /* volatile tables: the builtins are evaluated at run time, not constant-folded */
  static const volatile unsigned v32[] = { 1u, 2u, 3u, 0x80000000u, 0xffffffffu, 0x7fffffffu, 0x00010000u, 0xdeadbeefu, 0x12345678u, 0xf0f0f0f0u, 0x00000100u, 0xaaaaaaaau };
  static const volatile unsigned long long v64[] = { 1ULL, 0x8000000000000000ULL, 0xffffffffffffffffULL, 0x100000000ULL, 0xffffffffULL,
                                            0x0123456789abcdefULL, 0xf000000000000000ULL, 0x0000000000010000ULL, 0x5555555555555555ULL };
  int i;
  for (i = 0; i < (int)(sizeof v32 / sizeof v32[0]); i++) {
    unsigned x = v32[i];
    int p = __builtin_popcount(x), l = __builtin_clz(x), t = __builtin_ctz(x);
    printf("%08x pop=%2d clz=%2d ctz=%2d\n", x, p, l, t);
    if (p != pop_loop(x) || l != clz32_loop(x) || t != ctz32_loop(x)) { printf("mismatch FAIL\n"); fails++; }
  }
  for (i = 0; i < (int)(sizeof v64 / sizeof v64[0]); i++) {
    unsigned long long x = v64[i];
    int p = __builtin_popcountll(x), l = __builtin_clzll(x), t = __builtin_ctzll(x);
    printf("%016llx pop=%2d clz=%2d ctz=%2d\n", x, p, l, t);
    if (p != pop_loop(x) || l != clz64_loop(x) || t != ctz64_loop(x)) { printf("mismatch64 FAIL\n"); fails++; }
  }
  ASSERT(0, __builtin_popcount(0));
  ASSERT(0, __builtin_popcountll(0));
  ASSERT(32, __builtin_popcount(~0u));
  ASSERT(64, __builtin_popcountll(~0ULL));
  ASSERT(31, __builtin_clz(1));
  ASSERT(63, __builtin_clzll(1));
  ASSERT(31, __builtin_ctz(0x80000000u));
  ASSERT(63, __builtin_ctzll(0x8000000000000000ULL));
  ASSERT(32, __builtin_popcountl(0xffffffffUL));
  ASSERT(0, __builtin_clzl(0x80000000UL));
  {
    /* use in algorithms: floor(log2), next power of two, iterate set bits */
    unsigned vals[5] = { 1, 5, 64, 1000, 0x80000001u };
    for (i = 0; i < 5; i++) {
      unsigned v = vals[i];
      int lg = 31 - __builtin_clz(v);
      unsigned np = v <= 1 ? 1u : (v > 0x80000000u ? 0u : 1u << (32 - __builtin_clz(v - 1)));
      printf("v=%u log2=%d nextpow2=%u bits:", v, lg, np);
      unsigned w = v;
      while (w) { printf(" %d", __builtin_ctz(w)); w &= w - 1; }
      printf("\n");
    }
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
