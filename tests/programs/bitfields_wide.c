/* Bit-fields of 64-bit types wider than 32 bits (LLVM's i33..i63 values): signed ones
   sign-extend from their width, unsigned ones do not; arithmetic, comparisons and
   stores wrap at the field's width, as gcc -m32 does. */
#include <stdio.h>

#include "test.h"

struct wide {
  signed long long s40 : 40;
  unsigned long long u40 : 40;
  long long s33 : 33;
  unsigned long long u63 : 63;
  int small : 5;
};

int main(void) {
  struct wide w = {0};
  w.s40 = -5;
  w.u40 = 0xFFFFFFFFFFULL;
  w.s33 = -(1LL << 32);
  w.u63 = 0x7FFFFFFFFFFFFFFFULL;
  w.small = -3;
  ASSERT(1, w.s40 == -5);
  ASSERT(1, (long long)w.s40 * 3 == -15);
  ASSERT(1, w.u40 == 0xFFFFFFFFFFULL);
  ASSERT(1, w.s33 == -(1LL << 32));
  ASSERT(1, w.u63 == 0x7FFFFFFFFFFFFFFFULL);
  w.s40 = (1LL << 39) - 1;
  w.s40 += 1;                 /* wraps to the most negative 40-bit value */
  ASSERT(1, w.s40 == -(1LL << 39));
  w.u40 += 2;                 /* wraps to 1 */
  ASSERT(1, w.u40 == 1);
  w.s33 -= 1;                 /* wraps to 2^32 - 1 */
  ASSERT(1, w.s33 == (1LL << 32) - 1);
  printf("%lld %llu %lld %llu %d\n", (long long)w.s40, (unsigned long long)w.u40, (long long)w.s33,
         (unsigned long long)w.u63, w.small);
  printf("%d %d\n", w.s40 < 0, w.s33 > 0);
  return 0;
}
