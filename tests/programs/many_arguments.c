/* Functions with 8-16 parameters mixing char, short, int, long long, pointers and structs; argument order and values. */
#include <stdio.h>

#include "test.h"

struct pair { int a, b; };

static long long f8(int a, long long b, int c, long long d, int e, long long f, int g, long long h) {
  printf("f8: %d %lld %d %lld %d %lld %d %lld\n", a, b, c, d, e, f, g, h);
  return a + b + c + d + e + f + g + h;
}
static long long f10(char a, short b, int c, long long d, unsigned char e, unsigned short f, unsigned g, unsigned long long h, long i, signed char j) {
  return a * 1 + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + (long long)g * 7 + (long long)h * 8 + i * 9 + j * 10;
}
static int f12_order(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11, int a12) {
  /* positional weights make any swap visible */
  return a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9 + a10 * 10 + a11 * 11 + a12 * 12;
}
static long long f9_mixed(long long x, struct pair p, int *out, long long y, struct pair q, char c, long long z, const char *s, int last) {
  *out = p.a + q.b + c + last;
  long long n = 0;
  while (*s++) n++;
  return x - y + z + p.b * q.a + n;
}
static unsigned long long f16(unsigned long long a, unsigned long long b, unsigned long long c, unsigned long long d,
                              unsigned long long e, unsigned long long f, unsigned long long g, unsigned long long h,
                              unsigned long long i, unsigned long long j, unsigned long long k, unsigned long long l,
                              unsigned long long m, unsigned long long n, unsigned long long o, unsigned long long p) {
  unsigned long long v[16] = { a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p }, acc = 0;
  int t;
  for (t = 0; t < 16; t++) acc = acc * 31 + v[t];
  return acc;
}
static long long chain(int a, int b, int c, int d, int e, int f, int g, int h, int depth) {
  if (depth == 0) return a + 2LL * b + 3LL * c + 4LL * d + 5LL * e + 6LL * f + 7LL * g + 8LL * h;
  return chain(h, a, b, c, d, e, f, g, depth - 1);   /* rotate arguments */
}

int main(void) {
  ASSERT(0x200000000LL + 17, f8(-1, 0x100000000LL, 2, 0x100000002LL, 3, -1, 4, 8));
  ASSERT(-1 * 1 + -2 * 2 + 3 * 3 + 4 * 4 + 255 * 5 + 65535 * 6 + 4294967295LL * 7 + 8 * 8 + -9 * 9 + -10 * 10,
         f10(-1, -2, 3, 4, 255, 65535, 4294967295u, 8, -9, -10));
  ASSERT(650, f12_order(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
  ASSERT(364, f12_order(12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1));
  {
    int out = 0;
    struct pair p = { 10, 20 }, q = { 3, 4 };
    ASSERT(1000000000000LL - 5 + 7 + 60 + 5, f9_mixed(1000000000000LL, p, &out, 5, q, 'A', 7, "hello", -1));
    ASSERT(10 + 4 + 65 - 1, out);
  }
  printf("f16 = %016llx\n", f16(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0xffffffffffffffffULL));
  printf("chain(0) = %lld chain(3) = %lld chain(8) = %lld\n", chain(1, 2, 3, 4, 5, 6, 7, 8, 0), chain(1, 2, 3, 4, 5, 6, 7, 8, 3), chain(1, 2, 3, 4, 5, 6, 7, 8, 8));
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
