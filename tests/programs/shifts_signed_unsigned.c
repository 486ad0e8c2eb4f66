/* 32-bit shifts: left, arithmetic right on signed, logical right on unsigned, every count 0..31. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static __attribute__((noinline)) unsigned shl(unsigned a, int n) { return a << n; }
static __attribute__((noinline)) unsigned lshr(unsigned a, int n) { return a >> n; }
static __attribute__((noinline)) int ashr(int a, int n) { return a >> n; }

int main(void) {
  int n;
  unsigned h = 0;
  for (n = 0; n < 32; n++) {
    unsigned a = shl(0x87654321u, n), b = lshr(0x87654321u, n);
    int c = ashr((int)0x87654321u, n), d = ashr(0x12345678, n);
    if (n % 4 == 0 || n == 31) printf("n=%2d %08x %08x %08x %08x\n", n, a, b, (unsigned)c, (unsigned)d);
    h = h * 31u + a + b * 3u + (unsigned)c * 5u + (unsigned)d * 7u;
  }
  printf("hash %08x\n", h);
  ASSERT(INT_MIN, (int)shl(1, 31));
  ASSERT(1, lshr(0x80000000u, 31));
  ASSERT(-1, ashr(INT_MIN, 31));
  ASSERT(-1, ashr(-1, 31));
  ASSERT(-1, ashr(-1, 0));
  ASSERT(-4, ashr(-7, 1));
  ASSERT(-1, ashr(-7, 3));
  ASSERT(3, ashr(7, 1));
  ASSERT(0x40000000, 1 << 30);
  ASSERT(0x7fffffff, INT_MAX >> 0);
  ASSERT(0, INT_MAX >> 31);
  ASSERT(0x00ffffff, (int)(0xffffffffu >> 8));
  ASSERT(-1, (int)0xffffffffu >> 8);
  {
    /* shift count from a variable of another type */
    long long cnt = 4;
    unsigned char cc = 3;
    ASSERT(0x80, 8 << cnt);
    ASSERT(0x10, 0x80 >> cc);
    int x = 1;
    x <<= 10; ASSERT(1024, x);
    x >>= 3;  ASSERT(128, x);
    unsigned y = 0xf0000000u;
    y >>= 28; ASSERT(15, y);
  }
  {
    /* shifting promoted small types */
    unsigned char uc = 0x81;
    signed char sc = (signed char)0x81;
    unsigned short us = 0x8001;
    ASSERT(0x102, uc << 1);
    ASSERT(0x40, uc >> 1);
    ASSERT(-64, sc >> 1);
    ASSERT(0x10002, us << 1);
    ASSERT(0x0102, (unsigned char)(uc << 1) | (uc << 1));
  }
  {
    /* build masks */
    int i;
    for (i = 0; i <= 32; i += 8) {
      unsigned mask = i == 32 ? 0xffffffffu : (1u << i) - 1u;
      printf("mask(%d) = %08x\n", i, mask);
    }
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
