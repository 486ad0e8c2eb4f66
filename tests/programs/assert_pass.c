/* assert() with true conditions of many forms (never fails); NDEBUG not defined; assert is an expression of type void. */
#include <stdio.h>
#include <assert.h>
#include <string.h>
#include <limits.h>

#include "test.h"

static int calls;
static int side(int v) { calls++; return v; }

int main(void) {
  int x = 5;
  int *p = &x;
  assert(1);
  assert(x == 5);
  assert(p);
  assert(p != NULL);
  assert(strlen("abc") == 3);
  assert(INT_MAX > 0 && INT_MIN < 0);
  assert(-1 < 0);
  assert(0x100000000LL);
  assert("string literal is true");
  assert(side(1));
  ASSERT(1, calls);                /* the expression is evaluated exactly once */
  {
    int i;
    for (i = 0; i < 10; i++) assert(i >= 0 && i < 10);
    (void)0, assert(x);            /* usable in comma expressions */
  }
  printf("all assertions passed\n");
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
