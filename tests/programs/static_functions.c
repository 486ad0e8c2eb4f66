/* static (internal linkage) functions and variables, forward declarations, functions with the same local names. */
#include <stdio.h>

#include "test.h"

static int helper(int x);             /* forward declaration */
static int counter_value;

static int twice(int x) { return helper(x) * 2; }
static int helper(int x) { counter_value++; return x + 1; }

static int shadow(void) {
  int counter_value = 100;            /* shadows the file-scope static */
  return counter_value;
}

static inline int sq(int x) { return x * x; }

static int accumulate(int v) {
  static int total;
  total += v;
  return total;
}

static void nothing(void) {}

static int recurse_static(int n) { return n <= 0 ? 0 : n + recurse_static(n - 2); }

int main(void) {
  ASSERT(8, twice(3));
  ASSERT(1, counter_value);
  ASSERT(100, shadow());
  ASSERT(1, counter_value);
  ASSERT(49, sq(7));
  ASSERT(5, accumulate(5));
  ASSERT(15, accumulate(10));
  nothing();
  ASSERT(30, recurse_static(10));
  ASSERT(25, recurse_static(9));
  {
    /* block scope extern refers to file-scope static */
    extern int counter_value_alias(void);
    int i;
    for (i = 0; i < 5; i++) helper(i);
    ASSERT(6, counter_value);
    ASSERT(6, counter_value_alias());
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}

int counter_value_alias(void) { return counter_value; }
