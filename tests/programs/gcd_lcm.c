/* Euclid's GCD (iterative/recursive/binary), LCM without overflow, extended GCD and modular inverse, 64-bit versions. */
#include <stdio.h>

#include "test.h"

static unsigned gcd(unsigned a, unsigned b) { while (b) { unsigned t = a % b; a = b; b = t; } return a; }
static unsigned gcd_rec(unsigned a, unsigned b) { return b ? gcd_rec(b, a % b) : a; }
static unsigned gcd_bin(unsigned a, unsigned b) {
  int shift;
  if (!a) return b;
  if (!b) return a;
  shift = __builtin_ctz(a | b);
  a >>= __builtin_ctz(a);
  do {
    b >>= __builtin_ctz(b);
    if (a > b) { unsigned t = a; a = b; b = t; }
    b -= a;
  } while (b);
  return a << shift;
}
static unsigned long long gcd64(unsigned long long a, unsigned long long b) { while (b) { unsigned long long t = a % b; a = b; b = t; } return a; }
static unsigned long long lcm64(unsigned long long a, unsigned long long b) { return a / gcd64(a, b) * b; }
static long long ext_gcd(long long a, long long b, long long *x, long long *y) {
  if (b == 0) { *x = 1; *y = 0; return a; }
  long long x1, y1;
  long long g = ext_gcd(b, a % b, &x1, &y1);
  *x = y1;
  *y = x1 - (a / b) * y1;
  return g;
}
static long long modinv(long long a, long long m) {
  long long x, y;
  if (ext_gcd(a, m, &x, &y) != 1) return -1;
  return ((x % m) + m) % m;
}

int main(void) {
  static const unsigned pairs[][2] = { { 0, 0 }, { 0, 5 }, { 7, 0 }, { 12, 18 }, { 17, 5 }, { 1071, 462 }, { 4294967295u, 65535 },
                                       { 0x80000000u, 0x40000000u }, { 832040, 514229 }, { 1000000007u, 998244353u } };
  int i;
  for (i = 0; i < 10; i++) {
    unsigned a = pairs[i][0], b = pairs[i][1];
    unsigned g = gcd(a, b);
    printf("gcd(%u,%u) = %u\n", a, b, g);
    if (g != gcd_rec(a, b) || g != gcd_bin(a, b)) { printf("mismatch FAIL\n"); fails++; }
  }
  ASSERT(36, (long long)lcm64(12, 18));
  ASSERT(232792560, (long long)lcm64(lcm64(lcm64(16, 9), lcm64(5, 7)), lcm64(lcm64(11, 13), lcm64(17, 19))));
  {
    unsigned long long l = 1;
    for (i = 1; i <= 40; i++) l = lcm64(l, (unsigned long long)i);
    printf("lcm(1..40) = %llu\n", l);
  }
  ASSERT(6, (long long)(gcd64(6ULL << 40, 18ULL << 30) >> 30));
  {
    long long x, y;
    long long g = ext_gcd(240, 46, &x, &y);
    printf("ext_gcd(240,46) = %lld, x=%lld y=%lld\n", g, x, y);
    ASSERT(g, 240 * x + 46 * y);
    ASSERT(4, modinv(3, 11));
    ASSERT(-1, modinv(6, 9));
    long long inv = modinv(123456789, 1000000007LL);
    printf("inv = %lld\n", inv);
    ASSERT(1, inv * 123456789 % 1000000007LL);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
