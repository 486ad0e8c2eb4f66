/* Block scope and shadowing: inner declarations hide outer ones, for-loop scope, lifetime of block locals, file-scope vs local. */
#include <stdio.h>

#include "test.h"

static int x = 1;
static int get_x(void) { return x; }

int main(void) {
  ASSERT(1, x);
  int x = 2;                    /* shadows the file-scope x */
  ASSERT(2, x);
  ASSERT(1, get_x());
  {
    int x = 3;
    ASSERT(3, x);
    {
      int x = 4;
      ASSERT(4, x);
    }
    ASSERT(3, x);
    x++;
  }
  ASSERT(2, x);
  {
    int i, total = 0;
    for (int i = 0; i < 3; i++) {   /* loop variable shadows outer i */
      int i2 = i * 10;
      total += i2;
    }
    i = 100;
    ASSERT(100, i);
    ASSERT(30, total);
    for (int j = 0; j < 2; j++)
      for (int j2 = 0, j = 5; j2 < 2; j2++) total += j;   /* inner j shadows outer j */
    ASSERT(50, total);
  }
  {
    /* each iteration gets a fresh block-scope variable */
    int k, sum = 0;
    for (k = 0; k < 5; k++) {
      int fresh = 10;
      fresh += k;
      sum += fresh;
    }
    ASSERT(60, sum);
  }
  {
    /* a struct tag declared in an inner scope hides the outer one */
    struct t { int a; } outer = { 1 };
    {
      struct t { long long a, b; } inner = { 2, 3 };
      ASSERT(16, sizeof inner);
      ASSERT(5, inner.a + inner.b);
    }
    ASSERT(4, sizeof outer);
    ASSERT(1, outer.a);
  }
  {
    /* enum constant shadowing a variable name */
    int val = 10;
    {
      enum { val = 20 };
      ASSERT(20, val);
    }
    ASSERT(10, val);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
