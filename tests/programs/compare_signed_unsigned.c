/* Relational operators with signed and unsigned operands (usual arithmetic conversions). */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static __attribute__((noinline)) int slt(int a, int b) { return a < b; }
static __attribute__((noinline)) int ult(unsigned a, unsigned b) { return a < b; }

int main(void) {
  static const int v[] = { INT_MIN, -100, -1, 0, 1, 100, INT_MAX };
  int i, j;
  for (i = 0; i < 7; i++) {
    printf("%11d:", v[i]);
    for (j = 0; j < 7; j++)
      printf(" %d%d%d%d", slt(v[i], v[j]), ult((unsigned)v[i], (unsigned)v[j]), v[i] <= v[j], (unsigned)v[i] >= (unsigned)v[j]);
    printf("\n");
  }
  {
    int m1 = -1;
    unsigned one = 1;
    ASSERT(1, m1 < 1);
    ASSERT(0, (unsigned)m1 < one);       /* -1 converts to UINT_MAX */
    ASSERT(1, (unsigned)m1 > one);
    ASSERT(1, m1 == (int)UINT_MAX);
    ASSERT(1, (unsigned)m1 == UINT_MAX);
    long long ll = -1;
    ASSERT(1, ll < one);                 /* unsigned converts to long long */
    unsigned short us = 65535;
    short s = -1;
    ASSERT(1, s < us);                   /* both promote to int */
    unsigned char uc = 255;
    signed char sc = -1;
    ASSERT(0, sc == uc);
    ASSERT(1, (unsigned char)sc == uc);
    ASSERT(1, -1 < (long long)0u);
    ASSERT(1, 0x80000000u > 0x7fffffff);
    ASSERT(1, (int)0x80000000u < 0);
  }
  {
    /* sorting network using both comparisons */
    unsigned a[5] = { 3u, 0x80000000u, 1u, 0xffffffffu, 0u };
    int k, l;
    for (k = 0; k < 5; k++)
      for (l = k + 1; l < 5; l++)
        if (a[l] < a[k]) { unsigned t = a[k]; a[k] = a[l]; a[l] = t; }
    for (k = 0; k < 5; k++) printf("%u ", a[k]);
    printf("\n");
    int b[5] = { 3, (int)0x80000000u, 1, -1, 0 };
    for (k = 0; k < 5; k++)
      for (l = k + 1; l < 5; l++)
        if (b[l] < b[k]) { int t = b[k]; b[k] = b[l]; b[l] = t; }
    for (k = 0; k < 5; k++) printf("%d ", b[k]);
    printf("\n");
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
