/* Well-defined unsigned wraparound (add, sub, mul, neg) for 8/16/32/64-bit unsigned types. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

#include "test.h"

int main(void) {
  unsigned u = UINT_MAX;
  u++;
  ASSERT(0, u);
  u--;
  ASSERT(UINT_MAX, u);
  ASSERT(1, -u);
  ASSERT(0xfffffffeu, u + u);
  ASSERT(1, u * u);
  ASSERT(0x80000000u, 0x80000000u * 3u);
  ASSERT(0x7fffffffu, 0x80000000u + 0x7fffffffu + 0x80000000u);
  ASSERT(0xffffff9cu, -100u);
  ASSERT(0xffffff9cu, 0u - 100u);
  {
    unsigned long ul = ULONG_MAX;
    ASSERT(4294967295u, ul);
    ASSERT(0, ul + 1);
    unsigned long long ull = ULLONG_MAX;
    ASSERT(0, (long long)(ull + 1));
    ASSERT(-2, (long long)(ull * 2));
    uint8_t b = 255; b++;
    ASSERT(0, b);
    uint16_t h = 0; h--;
    ASSERT(65535, h);
    uint32_t w = 0xffffffffu; w += 2;
    ASSERT(1, w);
  }
  {
    /* overflow detection idioms on unsigned */
    unsigned a = 0xfffffff0u, b = 0x20u;
    unsigned s = a + b;
    ASSERT(1, s < a);
    ASSERT(0x10, s);
    unsigned d = b - a;
    ASSERT(1, d > b);
    ASSERT(0x30, d);
  }
  {
    /* linear congruential generator (fixed, deterministic) */
    unsigned x = 12345u;
    int i;
    for (i = 0; i < 8; i++) {
      x = x * 1103515245u + 12345u;
      printf("lcg %d = %u\n", i, x);
    }
    uint64_t y = 88172645463325252ULL;
    for (i = 0; i < 5; i++) {
      y ^= y << 13; y ^= y >> 7; y ^= y << 17;
      printf("xorshift64 %d = %llu\n", i, (unsigned long long)y);
    }
  }
  {
    /* counting down with unsigned loop variable */
    unsigned i, n = 0;
    for (i = 5; i-- > 0;) n += i;
    ASSERT(10, n);
    ASSERT(UINT_MAX, i);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
