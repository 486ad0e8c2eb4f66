/* __builtin_*_overflow with operand and result types that differ (short, unsigned char, int8_t, int into long long, signed/unsigned mixes): exact math, checked against the result type. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

#include "test.h"

/* Opaque copies: operands pass through volatile objects, so the overflow checks run at run time
   instead of being constant-folded by the compiler. */
static int I(int x) { volatile int v = x; return v; }
static unsigned U(unsigned x) { volatile unsigned v = x; return v; }
static long long L(long long x) { volatile long long v = x; return v; }

int main(void) {
  int r;
  unsigned ur;
  long long lr;
  short s;
  unsigned char uc;
  int8_t i8;
  unsigned short us;
  ASSERT(0, __builtin_add_overflow(I(30000), I(2767), &s));
  ASSERT(32767, s);
  ASSERT(1, __builtin_add_overflow(I(30000), I(2768), &s));
  ASSERT(-32768, s);                                   /* wrapped value is stored */
  ASSERT(1, __builtin_sub_overflow(I(0), I(1), &uc));
  ASSERT(255, uc);
  ASSERT(0, __builtin_add_overflow(I(200), I(55), &uc));
  ASSERT(255, uc);
  ASSERT(0, __builtin_mul_overflow(I(-8), I(16), &i8));
  ASSERT(-128, i8);
  ASSERT(1, __builtin_mul_overflow(I(8), I(16), &i8));
  ASSERT(-128, i8);
  ASSERT(1, __builtin_mul_overflow(I(300), I(300), &us));
  ASSERT(24464, us);
  ASSERT(0, __builtin_add_overflow(I(-1), U(1u), &r));       /* infinite precision: -1 + 1 = 0 fits */
  ASSERT(0, r);
  ASSERT(1, __builtin_add_overflow(I(-1), U(0u), &ur));      /* -1 does not fit in unsigned */
  ASSERT(UINT_MAX, ur);
  ASSERT(0, __builtin_sub_overflow(U(5u), I(3), &ur));
  ASSERT(2, ur);
  ASSERT(0, __builtin_sub_overflow(U(3u), U(5u), &r));       /* -2 fits in int */
  ASSERT(-2, r);
  ASSERT(1, __builtin_add_overflow(I(INT_MAX), U(1u), &r));
  ASSERT(0, __builtin_mul_overflow(I(INT_MAX), I(2), &lr));  /* int operands, long long result */
  ASSERT(4294967294LL, lr);
  ASSERT(0, __builtin_sub_overflow(U(0u), U(1u), &lr));      /* -1 fits in long long */
  ASSERT(-1, lr);
  ASSERT(0, __builtin_mul_overflow(I(65536), I(65536), &lr));
  ASSERT(4294967296LL, lr);
  ASSERT(1, __builtin_mul_overflow(L(0x100000000LL), I(2), &r));
  ASSERT(0, r);
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
