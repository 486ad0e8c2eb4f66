/* Address-of, dereference, pointer assignment, pointers to locals/globals, NULL, pointer parameters. */
#include <stdio.h>
#include <stddef.h>

#include "test.h"

static int g = 10;
static int *gp = &g;

static void set(int *p, int v) { *p = v; }
static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
static int *pick(int *a, int *b, int first) { return first ? a : b; }
static void divmod(int a, int b, int *q, int *r) { *q = a / b; *r = a % b; }

int main(void) {
  int x = 3, y = 4;
  int *p = &x;
  ASSERT(3, *p);
  *p = 5;
  ASSERT(5, x);
  p = &y;
  ASSERT(4, *p);
  set(&x, 7);
  ASSERT(7, x);
  swap(&x, &y);
  ASSERT(4, x);
  ASSERT(7, y);
  *pick(&x, &y, 1) = 100;
  *pick(&x, &y, 0) = 200;
  ASSERT(100, x);
  ASSERT(200, y);
  ASSERT(10, *gp);
  *gp += 5;
  ASSERT(15, g);
  {
    int q, r;
    divmod(17, 5, &q, &r);
    ASSERT(3, q);
    ASSERT(2, r);
  }
  {
    int *np = NULL;
    ASSERT(1, np == NULL);
    ASSERT(1, !np);
    ASSERT(0, p == NULL);
    ASSERT(1, p != 0);
    ASSERT(4, sizeof(p));
    ASSERT(4, sizeof(int *));
    ASSERT(4, sizeof(char *));
    ASSERT(4, sizeof(void *));
  }
  {
    /* pointers to various types */
    char c = 'q';
    char *cp = &c;
    long long ll = 0x1234567890LL;
    long long *llp = &ll;
    short s = -3;
    short *sp = &s;
    *cp = (char)(*cp + 1);
    *llp <<= 4;
    (*sp)--;
    ASSERT('r', c);
    ASSERT(0x12345678900LL, ll);
    ASSERT(-4, s);
    void *vp = &ll;
    ASSERT(0x12345678900LL, *(long long *)vp);
    const int *cip = &x;
    ASSERT(100, *cip);
    int *const pc = &y;
    *pc = 9;
    ASSERT(9, y);
  }
  {
    /* aliasing: two pointers to the same object */
    int v = 1;
    int *a = &v, *b = &v;
    *a = 2;
    ASSERT(2, *b);
    *b += *a;
    ASSERT(4, v);
    ASSERT(1, a == b);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
