/* Functions returning structs of various sizes, used directly, chained, and assigned. */
#include <stdio.h>
#include <string.h>

#include "test.h"

struct s2 { short a; };
struct pt { int x, y; };
struct trio { char a, b, c; };
struct wide { long long lo, hi; };
struct str { char buf[20]; int len; };

static struct s2 mk2(int v) { struct s2 r; r.a = (short)v; return r; }
static struct pt mkpt(int x, int y) { struct pt p = { x, y }; return p; }
static struct pt addpt(struct pt a, struct pt b) { return mkpt(a.x + b.x, a.y + b.y); }
static struct trio mktrio(const char *s) { struct trio t = { s[0], s[1], s[2] }; return t; }
static struct wide mul64x64(unsigned long long a, unsigned long long b) {
  /* 128-bit product via 32-bit limbs */
  unsigned long long a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
  unsigned long long p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  unsigned long long mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  struct wide w;
  w.lo = (long long)((mid << 32) | (p00 & 0xffffffffu));
  w.hi = (long long)(p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32));
  return w;
}
static struct str mkstr(const char *s) {
  struct str r;
  memset(&r, 0, sizeof r);
  strncpy(r.buf, s, sizeof r.buf - 1);
  r.len = (int)strlen(r.buf);
  return r;
}
static struct pt origin(void) { static const struct pt o = { 0, 0 }; return o; }

int main(void) {
  ASSERT(-7, mk2(-7).a);
  ASSERT(-1, mk2(0xffff).a);
  struct pt p = mkpt(1, 2);
  ASSERT(1, p.x);
  ASSERT(2, p.y);
  p = addpt(p, mkpt(10, 20));
  ASSERT(11, p.x);
  ASSERT(22, p.y);
  ASSERT(11, addpt(addpt(p, p), mkpt(-11, -22)).x);
  ASSERT(0, origin().y);
  struct trio t = mktrio("xyz");
  ASSERT('x', t.a);
  ASSERT('z', t.c);
  {
    struct wide w = mul64x64(0xffffffffffffffffULL, 0xffffffffffffffffULL);
    printf("hi=%016llx lo=%016llx\n", (unsigned long long)w.hi, (unsigned long long)w.lo);
    w = mul64x64(0x123456789abcdef0ULL, 0x0fedcba987654321ULL);
    printf("hi=%016llx lo=%016llx\n", (unsigned long long)w.hi, (unsigned long long)w.lo);
    ASSERT(0, mul64x64(0, 5).hi);
    ASSERT(1, mul64x64(1ULL << 32, 1ULL << 32).hi);
  }
  {
    struct str s = mkstr("returned by value");
    printf("%s (%d)\n", s.buf, s.len);
    ASSERT(17, s.len);
    ASSERT(19, mkstr("a string that is too long").len);
    ASSERT('v', mkstr("value").buf[0]);
  }
  {
    struct pt arr[4];
    int i;
    for (i = 0; i < 4; i++) arr[i] = mkpt(i, i * i);
    struct pt acc = origin();
    for (i = 0; i < 4; i++) acc = addpt(acc, arr[i]);
    ASSERT(6, acc.x);
    ASSERT(14, acc.y);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
