/* __builtin_add/sub/mul_overflow for int, unsigned, long long, unsigned long long (operands and result of the same type). */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

#include "test.h"

/* Opaque copies: operands pass through volatile objects, so the overflow checks run at run time
   instead of being constant-folded by the compiler. */
static int I(int x) { volatile int v = x; return v; }
static unsigned U(unsigned x) { volatile unsigned v = x; return v; }
static long long L(long long x) { volatile long long v = x; return v; }
static unsigned long long UL(unsigned long long x) { volatile unsigned long long v = x; return v; }

int main(void) {
  int r;
  unsigned ur;
  long long lr;
  unsigned long long ulr;
  ASSERT(0, __builtin_add_overflow(I(1), I(2), &r));
  ASSERT(3, r);
  ASSERT(1, __builtin_add_overflow(I(INT_MAX), I(1), &r));
  ASSERT(INT_MIN, r);                       /* wrapped result is stored */
  ASSERT(1, __builtin_add_overflow(I(INT_MIN), I(-1), &r));
  ASSERT(INT_MAX, r);
  ASSERT(0, __builtin_add_overflow(I(INT_MAX), I(INT_MIN), &r));
  ASSERT(-1, r);
  ASSERT(1, __builtin_sub_overflow(I(INT_MIN), I(1), &r));
  ASSERT(0, __builtin_sub_overflow(I(-1), I(INT_MAX), &r));
  ASSERT(INT_MIN, r);
  ASSERT(1, __builtin_sub_overflow(I(0), I(INT_MIN), &r));
  ASSERT(1, __builtin_mul_overflow(I(65536), I(32768), &r));
  ASSERT(INT_MIN, r);
  ASSERT(0, __builtin_mul_overflow(I(46340), I(46340), &r));
  ASSERT(1, __builtin_mul_overflow(I(46341), I(46341), &r));
  ASSERT(1, __builtin_mul_overflow(I(INT_MIN), I(-1), &r));
  ASSERT(INT_MIN, r);
  ASSERT(0, __builtin_mul_overflow(I(-46340), I(46340), &r));
  ASSERT(1, __builtin_add_overflow(U(UINT_MAX), U(1u), &ur));
  ASSERT(0, ur);
  ASSERT(1, __builtin_sub_overflow(U(0u), U(1u), &ur));
  ASSERT(UINT_MAX, ur);
  ASSERT(1, __builtin_mul_overflow(U(0x10000u), U(0x10000u), &ur));
  ASSERT(0, __builtin_mul_overflow(U(0xffffu), U(0x10001u), &ur));
  ASSERT(0xffffffffu, ur);
  ASSERT(1, __builtin_add_overflow(L(LLONG_MAX), L(1LL), &lr));
  ASSERT(LLONG_MIN, lr);
  ASSERT(0, __builtin_add_overflow(L(0x7fffffffLL), L(0x7fffffffLL), &lr));
  ASSERT(0xfffffffeLL, lr);
  ASSERT(1, __builtin_sub_overflow(L(LLONG_MIN), L(1LL), &lr));
  ASSERT(1, __builtin_mul_overflow(L(0x100000000LL), L(0x80000000LL), &lr));
  ASSERT(0, __builtin_mul_overflow(L(0x100000000LL), L(0x7fffffffLL), &lr));
  ASSERT(0x7fffffff00000000LL, lr);
  ASSERT(0, __builtin_mul_overflow(L(-3037000499LL), L(3037000499LL), &lr));
  ASSERT(1, __builtin_mul_overflow(L(3037000500LL), L(3037000500LL), &lr));
  ASSERT(1, __builtin_mul_overflow(L(LLONG_MIN), L(-1LL), &lr));
  ASSERT(1, __builtin_add_overflow(UL(ULLONG_MAX), UL(1ULL), &ulr));
  ASSERT(0, (long long)ulr);
  ASSERT(1, __builtin_mul_overflow(UL(0x100000000ULL), UL(0x100000000ULL), &ulr));
  ASSERT(0, __builtin_mul_overflow(UL(0xffffffffULL), UL(0xffffffffULL), &ulr));
  ASSERT(0xfffffffe00000001LL, (long long)ulr);
  {
    /* checked factorial: find the first n whose n! overflows each type */
    int fi = 1, n;
    for (n = 1; !__builtin_mul_overflow(fi, n, &fi); n++) ;
    printf("int factorial overflows at n=%d\n", n);
    long long fl = 1;
    for (n = 1; !__builtin_mul_overflow(fl, (long long)n, &fl); n++) ;
    printf("long long factorial overflows at n=%d\n", n);
    unsigned long long fu = 1;
    for (n = 1; !__builtin_mul_overflow(fu, (unsigned long long)n, &fu); n++) ;
    printf("unsigned long long factorial overflows at n=%d\n", n);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
