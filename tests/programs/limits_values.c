/* limits.h constants for this ILP32 target (char signed, long 32-bit) and arithmetic right at the limits. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

int main(void) {
  ASSERT(8, CHAR_BIT);
  ASSERT(-128, SCHAR_MIN);
  ASSERT(127, SCHAR_MAX);
  ASSERT(255, UCHAR_MAX);
  ASSERT(-128, CHAR_MIN);
  ASSERT(127, CHAR_MAX);
  ASSERT(-32768, SHRT_MIN);
  ASSERT(32767, SHRT_MAX);
  ASSERT(65535, USHRT_MAX);
  ASSERT(-2147483647 - 1, INT_MIN);
  ASSERT(2147483647, INT_MAX);
  ASSERT(4294967295u, UINT_MAX);
  ASSERT(-2147483647 - 1, LONG_MIN);
  ASSERT(2147483647, LONG_MAX);
  ASSERT(4294967295u, ULONG_MAX);
  ASSERT(-9223372036854775807LL - 1, LLONG_MIN);
  ASSERT(9223372036854775807LL, LLONG_MAX);
  ASSERT(-1, (long long)ULLONG_MAX);
  ASSERT(4, sizeof(INT_MAX));
  ASSERT(4, sizeof(UINT_MAX));
  ASSERT(4, sizeof(LONG_MAX));
  ASSERT(8, sizeof(LLONG_MAX));
  {
    /* operations right at the limits without overflow */
    int imax = INT_MAX, imin = INT_MIN;
    ASSERT(-1, imax + imin);
    ASSERT(INT_MAX, -(imin + 1));
    ASSERT(0, imax - INT_MAX);
    ASSERT(-1, imin / INT_MAX);
    ASSERT(1, imin / imin);
    ASSERT(0, imin % imin);
    ASSERT(1, (unsigned)imin == 0x80000000u);
    ASSERT(0x80000000u, 0u - (unsigned)imin);
    ASSERT(1, UINT_MAX / 2 == (unsigned)INT_MAX);
    ASSERT(1, ULONG_MAX == UINT_MAX);
    ASSERT(1, (unsigned long long)LLONG_MAX + 1 == (unsigned long long)LLONG_MIN);
    long long wide = (long long)INT_MAX * INT_MAX;
    ASSERT(4611686014132420609LL, wide);
    wide = (long long)INT_MIN * INT_MIN;
    ASSERT(4611686018427387904LL, wide);
    ASSERT(1, SCHAR_MIN + SCHAR_MAX == -1);
    ASSERT(1, (char)CHAR_MAX + 0 == 127);
  }
  printf("INT_MIN=%d INT_MAX=%d UINT_MAX=%u\n", INT_MIN, INT_MAX, UINT_MAX);
  printf("LONG_MIN=%ld LONG_MAX=%ld ULONG_MAX=%lu\n", LONG_MIN, LONG_MAX, ULONG_MAX);
  printf("LLONG_MIN=%lld LLONG_MAX=%lld ULLONG_MAX=%llu\n", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
  printf("SHRT_MIN=%d SHRT_MAX=%d USHRT_MAX=%d SCHAR_MIN=%d UCHAR_MAX=%d\n", SHRT_MIN, SHRT_MAX, USHRT_MAX, SCHAR_MIN, UCHAR_MAX);
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
