/* Pointer comparisons within one array (<, <=, ==, !=), with NULL, and via void pointers and char pointers. */
#include <stdio.h>
#include <stddef.h>

#include "test.h"

static int in_range(const int *p, const int *lo, const int *hi) { return p >= lo && p < hi; }

static const char *find(const char *s, char c) {
  for (; *s; s++)
    if (*s == c) return s;
  return NULL;
}

int main(void) {
  int a[8] = { 0 };
  int *p = &a[2], *q = &a[5];
  ASSERT(1, p < q);
  ASSERT(0, p > q);
  ASSERT(1, p <= q);
  ASSERT(0, p >= q);
  ASSERT(0, p == q);
  ASSERT(1, p != q);
  ASSERT(1, p + 3 == q);
  ASSERT(1, q - 3 == p);
  ASSERT(1, &a[8] > &a[7]);
  ASSERT(1, in_range(&a[0], a, a + 8));
  ASSERT(1, in_range(&a[7], a, a + 8));
  ASSERT(0, in_range(&a[8], a, a + 8));
  ASSERT(1, (void *)p == (void *)&a[2]);
  ASSERT(1, (char *)q > (char *)p);
  ASSERT(1, (char *)(p + 1) == (char *)p + sizeof(int));
  {
    const char *s = "comparison";
    const char *r = find(s, 'p');
    ASSERT(1, r != NULL);
    ASSERT(3, r - s);
    ASSERT(1, find(s, 'z') == NULL);
    const char *last = NULL, *t;
    for (t = s; (t = find(t, 'o')) != NULL; t++) last = t;
    ASSERT(8, last - s);
  }
  {
    /* pointer as boolean / ternary */
    int *np = NULL;
    int x = 9;
    int *pp = &x;
    ASSERT(9, np ? *np : *pp);
    ASSERT(1, pp && !np);
    ASSERT(1, np || pp);
    /* max pointer of a set */
    int *cands[4] = { &a[3], &a[1], &a[6], &a[4] };
    int *best = cands[0];
    int i;
    for (i = 1; i < 4; i++) if (cands[i] > best) best = cands[i];
    ASSERT(6, best - a);
  }
  {
    /* struct member addresses increase in declaration order */
    struct { int a; char b; long long c; } s;
    ASSERT(1, (char *)&s.a < (char *)&s.b);
    ASSERT(1, (char *)&s.b < (char *)&s.c);
    ASSERT(1, (void *)&s == (void *)&s.a);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
