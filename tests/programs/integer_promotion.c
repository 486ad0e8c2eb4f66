/* Integer promotions and usual arithmetic conversions: char/short to int, int to unsigned, to long long. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

int main(void) {
  unsigned char a = 200, b = 100;
  ASSERT(300, a + b);                    /* no wrap: promoted to int */
  ASSERT(44, (unsigned char)(a + b));
  ASSERT(-100, b - a);
  ASSERT(4, sizeof(a + b));
  ASSERT(1, sizeof(a));
  signed char c = -128;
  ASSERT(128, -c);
  ASSERT(-256, c * 2);
  unsigned short us = 65535;
  ASSERT(131070, us + us);
  ASSERT(-65535, -us);                   /* promoted to int first */
  ASSERT(4294836225u, us * 65535u);
  ASSERT(-65536, ~us);
  ASSERT(-256, ~(unsigned char)255);
  ASSERT(0xffffff00u, ~(unsigned)(unsigned char)255);
  ASSERT(-201, ~a);
  ASSERT(55, (unsigned char)~a);
  {
    /* int + unsigned -> unsigned */
    int i = -1;
    unsigned u = 0;
    ASSERT(UINT_MAX, i + u);
    ASSERT(1, i + u > 0);
    ASSERT(0, i + (int)u > 0);
    /* long is 32 bits here: long + unsigned -> unsigned long */
    long l = -1;
    ASSERT(4294967295u, l + u);
    ASSERT(4, sizeof(l + u));
    /* unsigned + long long -> long long */
    long long ll = -1;
    ASSERT(-1, ll + u);
    ASSERT(8, sizeof(ll + u));
    ASSERT(4294967294LL, ll + 0xffffffffu);
    /* unsigned long long wins */
    ASSERT(0, (ll + 1ULL) == 0 ? 0 : 1);
  }
  {
    /* char arithmetic in a loop: counter wraps only when stored */
    unsigned char k = 250;
    int steps = 0;
    while (k != 4) { k++; steps++; }
    ASSERT(10, steps);
    char ch = 'A';
    ASSERT('B', ch + 1);
    ASSERT(4, sizeof(ch + 1));
    ASSERT(1, sizeof(ch += 1));
    ASSERT('A', ch);  /* operand of sizeof is not evaluated */
  }
  {
    /* bitfield-free mixed expression */
    unsigned char x = 0xf0;
    unsigned short y = 0x0f0f;
    int r = (x << 8) | y;
    ASSERT(0xff0f, r);
    ASSERT(0xf0f00, x << 12 | (y & 0xff0));
    short s = -2;
    unsigned short t = 3;
    ASSERT(-6, s * t);
    ASSERT(1, s < t);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
