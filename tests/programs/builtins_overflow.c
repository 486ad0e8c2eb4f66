/* __builtin_add/sub/mul_overflow for int, unsigned, long long, unsigned long long (operands and result of the same type). */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

static int fails;
static void check(const char *what, long long expected, long long got) {
  if (expected == got) printf("%s => %lld\n", what, got);
  else { printf("%s => %lld, expected %lld FAIL\n", what, got, expected); fails++; }
}
#define ASSERT(x, y) check(#y, (x), (y))

int main(void) {
  int r;
  unsigned ur;
  long long lr;
  unsigned long long ulr;
  ASSERT(0, __builtin_add_overflow(1, 2, &r));
  ASSERT(3, r);
  ASSERT(1, __builtin_add_overflow(INT_MAX, 1, &r));
  ASSERT(INT_MIN, r);                       /* wrapped result is stored */
  ASSERT(1, __builtin_add_overflow(INT_MIN, -1, &r));
  ASSERT(INT_MAX, r);
  ASSERT(0, __builtin_add_overflow(INT_MAX, INT_MIN, &r));
  ASSERT(-1, r);
  ASSERT(1, __builtin_sub_overflow(INT_MIN, 1, &r));
  ASSERT(0, __builtin_sub_overflow(-1, INT_MAX, &r));
  ASSERT(INT_MIN, r);
  ASSERT(1, __builtin_sub_overflow(0, INT_MIN, &r));
  ASSERT(1, __builtin_mul_overflow(65536, 32768, &r));
  ASSERT(INT_MIN, r);
  ASSERT(0, __builtin_mul_overflow(46340, 46340, &r));
  ASSERT(1, __builtin_mul_overflow(46341, 46341, &r));
  ASSERT(1, __builtin_mul_overflow(INT_MIN, -1, &r));
  ASSERT(INT_MIN, r);
  ASSERT(0, __builtin_mul_overflow(-46340, 46340, &r));
  ASSERT(1, __builtin_add_overflow(UINT_MAX, 1u, &ur));
  ASSERT(0, ur);
  ASSERT(1, __builtin_sub_overflow(0u, 1u, &ur));
  ASSERT(UINT_MAX, ur);
  ASSERT(1, __builtin_mul_overflow(0x10000u, 0x10000u, &ur));
  ASSERT(0, __builtin_mul_overflow(0xffffu, 0x10001u, &ur));
  ASSERT(0xffffffffu, ur);
  ASSERT(1, __builtin_add_overflow(LLONG_MAX, 1LL, &lr));
  ASSERT(LLONG_MIN, lr);
  ASSERT(0, __builtin_add_overflow(0x7fffffffLL, 0x7fffffffLL, &lr));
  ASSERT(0xfffffffeLL, lr);
  ASSERT(1, __builtin_sub_overflow(LLONG_MIN, 1LL, &lr));
  ASSERT(1, __builtin_mul_overflow(0x100000000LL, 0x80000000LL, &lr));
  ASSERT(0, __builtin_mul_overflow(0x100000000LL, 0x7fffffffLL, &lr));
  ASSERT(0x7fffffff00000000LL, lr);
  ASSERT(0, __builtin_mul_overflow(-3037000499LL, 3037000499LL, &lr));
  ASSERT(1, __builtin_mul_overflow(3037000500LL, 3037000500LL, &lr));
  ASSERT(1, __builtin_mul_overflow(LLONG_MIN, -1LL, &lr));
  ASSERT(1, __builtin_add_overflow(ULLONG_MAX, 1ULL, &ulr));
  ASSERT(0, (long long)ulr);
  ASSERT(1, __builtin_mul_overflow(0x100000000ULL, 0x100000000ULL, &ulr));
  ASSERT(0, __builtin_mul_overflow(0xffffffffULL, 0xffffffffULL, &ulr));
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
