/* Bitwise &, |, ^, ~ on int/unsigned/long long, compound assignments, bit tricks. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static __attribute__((noinline)) unsigned band(unsigned a, unsigned b) { return a & b; }
static __attribute__((noinline)) unsigned bor(unsigned a, unsigned b) { return a | b; }
static __attribute__((noinline)) unsigned bxor(unsigned a, unsigned b) { return a ^ b; }
static __attribute__((noinline)) int bnot(int a) { return ~a; }

int main(void) {
  ASSERT(0x0f0f0f0fu & 0xff00ff00u, band(0x0f0f0f0fu, 0xff00ff00u));
  ASSERT(0x0f000f00u, band(0x0f0f0f0fu, 0xff00ff00u));
  ASSERT(0xff0fff0fu, bor(0x0f0f0f0fu, 0xff00ff00u));
  ASSERT(0xf00ff00fu, bxor(0x0f0f0f0fu, 0xff00ff00u));
  ASSERT(-1, bnot(0));
  ASSERT(0, bnot(-1));
  ASSERT(INT_MIN, bnot(INT_MAX));
  ASSERT(-43, bnot(42));
  ASSERT(0xffffffffu, ~0u);
  ASSERT(0, 0x12345678 & 0);
  ASSERT(0x12345678, 0x12345678 | 0);
  ASSERT(0, 0x12345678 ^ 0x12345678);
  ASSERT(-8, -7 & -2);
  ASSERT(-1, -7 | 6);
  ASSERT(5, -7 ^ -4);
  {
    int x = 0xf0;
    x &= 0x3c; ASSERT(0x30, x);
    x |= 0x0f; ASSERT(0x3f, x);
    x ^= 0xff; ASSERT(0xc0, x);
  }
  {
    long long a = 0x0123456789abcdefLL, b = (long long)0xfedcba9876543210ULL;
    ASSERT(0, a & b);
    ASSERT(0xab4800LL, a & 0xff4a00LL);
    ASSERT(-1, a | b);
    ASSERT(-1, a ^ b);
    ASSERT((long long)0xfedcba9876543210ULL, ~a);
    ASSERT(0x0000000089abcdefLL, a & 0xffffffffLL);
    ASSERT(0x01234567ffffffffLL, a | 0xffffffffLL);
  }
  {
    unsigned v = 0xb4u;  /* 10110100 */
    ASSERT(0x04, v & -v);             /* lowest set bit */
    ASSERT(0xb0, v & (v - 1));        /* clear lowest set bit */
    ASSERT(0xb7, (v | (v - 1)) & 0xff); /* fill trailing zeros (within byte) */
    ASSERT(1, (v & (v - 1)) != 0);    /* not a power of two */
    ASSERT(0, (64u & 63u) != 0);      /* power of two */
    int a = 5, b = 9;
    a ^= b; b ^= a; a ^= b;           /* xor swap */
    ASSERT(9, a);
    ASSERT(5, b);
  }
  {
    /* parity by xor folding */
    unsigned w = 0xdeadbeefu;
    w ^= w >> 16; w ^= w >> 8; w ^= w >> 4; w ^= w >> 2; w ^= w >> 1;
    ASSERT(0, w & 1);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
