/* 64-bit comparisons: signed vs unsigned, differing high/low halves, equality. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

#include "test.h"

static __attribute__((noinline)) int lt(long long a, long long b) { return a < b; }
static __attribute__((noinline)) int le(long long a, long long b) { return a <= b; }
static __attribute__((noinline)) int ult(unsigned long long a, unsigned long long b) { return a < b; }
static __attribute__((noinline)) int uge(unsigned long long a, unsigned long long b) { return a >= b; }

static __attribute__((noinline)) int cmp3(long long a, long long b) { return (a > b) - (a < b); }

int main(void) {
  static const long long v[] = { LLONG_MIN, -4294967296LL, -4294967295LL, -2147483649LL, -1, 0, 1, 0xffffffffLL, 0x100000000LL, 0x100000001LL, LLONG_MAX };
  int i, j;
  for (i = 0; i < 11; i++) {
    printf("%20lld:", v[i]);
    for (j = 0; j < 11; j++) {
      int s = cmp3(v[i], v[j]);
      int u = ult((unsigned long long)v[i], (unsigned long long)v[j]);
      printf(" %c%d", s < 0 ? '<' : s > 0 ? '>' : '=', u);
      if ((s < 0) != lt(v[i], v[j]) || (s <= 0) != le(v[i], v[j]) ||
          u == uge((unsigned long long)v[i], (unsigned long long)v[j])) {
        printf(" FAIL"); fails++;
      }
    }
    printf("\n");
  }
  ASSERT(1, lt(-1, 0));
  ASSERT(0, ult((unsigned long long)-1, 0));
  ASSERT(1, lt(0xffffffffLL, 0x100000000LL));
  ASSERT(1, lt(-4294967296LL, -4294967295LL));
  ASSERT(1, 0x100000000LL != 0);
  ASSERT(0, 0x100000000LL == 0);
  ASSERT(1, 0x100000000LL > 0xffffffffu);
  ASSERT(1, -1LL < 0xffffffffu);      /* 0xffffffffu converts to long long */
  ASSERT(0, -1LL < 0xffffffffffffffffULL - 0xffffffffffffffffULL);
  ASSERT(1, (unsigned long long)-1 > 0x7fffffffffffffffULL);
  {
    long long a = 0x100000000LL, b = 0x0ffffffffLL;
    int r = 0;
    if (a > b) r |= 1;
    if (a >= b) r |= 2;
    if (!(a < b)) r |= 4;
    if (a != b) r |= 8;
    if (!a) r |= 16;
    ASSERT(15, r);
    long long z = 0x100000000LL - 0x100000000LL;
    ASSERT(1, !z);
    ASSERT(0, (a && z));
    ASSERT(1, (a || z));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
