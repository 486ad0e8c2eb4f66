/* Unsigned division and remainder, including values with the top bit set. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static __attribute__((noinline)) unsigned udiv(unsigned a, unsigned b) { return a / b; }
static __attribute__((noinline)) unsigned urem(unsigned a, unsigned b) { return a % b; }

int main(void) {
  static const unsigned vals[] = { 0u, 1u, 7u, 100u, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0xdeadbeefu, 123456789u };
  static const unsigned divs[] = { 1u, 2u, 3u, 7u, 10u, 16u, 1000u, 0x10000u, 0x7fffffffu, 0x80000000u, 0xffffffffu };
  int i, j;
  for (i = 0; i < (int)(sizeof vals / sizeof vals[0]); i++) {
    for (j = 0; j < (int)(sizeof divs / sizeof divs[0]); j++) {
      unsigned a = vals[i], b = divs[j];
      unsigned q = udiv(a, b), r = urem(a, b);
      if (q * b + r != a || r >= b) { printf("identity broken %u %u FAIL\n", a, b); fails++; }
      printf("%u/%u=%u r%u\n", a, b, q, r);
    }
  }
  ASSERT(2147483647u, udiv(0xffffffffu, 2u));
  ASSERT(1, urem(0xffffffffu, 2u));
  ASSERT(1, udiv(0xffffffffu, 0x80000000u));
  ASSERT(0x7fffffffu, urem(0xffffffffu, 0x80000000u));
  ASSERT(0, udiv(5u, 0xffffffffu));
  ASSERT(5, urem(5u, 0xffffffffu));
  {
    /* int converted to unsigned before dividing */
    int neg = -8;
    ASSERT(2147483644u, neg / 2u);
    ASSERT(0u, neg % 2u);
    ASSERT(429496728u, (unsigned)neg / 10u);
    ASSERT(8u, (unsigned)neg % 10u);
  }
  {
    volatile unsigned v = 3000000000u;
    ASSERT(1000000000u, v / 3);
    ASSERT(300000000u, v / 10);
    ASSERT(0u, v % 10);
    ASSERT(428571428u, v / 7);
    ASSERT(4u, v % 7);
    ASSERT(93750000u, v >> 5);
    ASSERT(93750000u, v / 32);
  }
  {
    /* decimal conversion by repeated division */
    char buf[16];
    unsigned x = 4294967295u;
    int n = 0;
    do { buf[n++] = (char)('0' + x % 10u); x /= 10u; } while (x);
    printf("digits: ");
    while (n) putchar(buf[--n]);
    putchar('\n');
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
