/* Static local variables: persistence across calls, initialised once, per-function independence, returning their address. */
#include <stdio.h>

#include "test.h"

static int counter(void) { static int n; return ++n; }
static int counter2(void) { static int n = 100; n += 10; return n; }
static int *cell(void) { static int c = 5; return &c; }
static const char *name_of(int i) {
  static const char *const names[] = { "zero", "one", "two" };
  return (i >= 0 && i < 3) ? names[i] : "many";
}
static long long fib_memo(int n) {
  static long long memo[60];
  static int init;
  if (!init) { memo[0] = 0; memo[1] = 1; init = 1; }
  if (n < 2) return memo[n];
  if (memo[n]) return memo[n];
  return memo[n] = fib_memo(n - 1) + fib_memo(n - 2);
}
static int next_id(int reset) {
  static int id = 1000;
  if (reset) id = 1000;
  return id++;
}
static char *scratch(const char *s) {
  static char buf[32];
  int i = 0;
  while (s[i] && i < 31) { buf[i] = s[i]; i++; }
  buf[i] = 0;
  return buf;
}

int main(void) {
  int i;
  for (i = 0; i < 4; i++) counter();
  ASSERT(5, counter());
  ASSERT(110, counter2());
  ASSERT(120, counter2());
  ASSERT(6, counter());
  ASSERT(5, *cell());
  *cell() = 42;
  ASSERT(42, *cell());
  (*cell())++;
  ASSERT(43, *cell());
  printf("%s %s %s\n", name_of(0), name_of(2), name_of(7));
  ASSERT(12586269025LL, fib_memo(50));
  ASSERT(55, fib_memo(10));
  ASSERT(1000, next_id(0));
  ASSERT(1001, next_id(0));
  ASSERT(1002, next_id(0));
  ASSERT(1000, next_id(1));
  ASSERT(1001, next_id(0));
  {
    char *a = scratch("first");
    char *b = scratch("second");
    ASSERT(1, a == b);          /* same static buffer */
    printf("%s %s\n", a, b);
  }
  {
    /* block-scope static inside a loop keeps its value */
    int total = 0;
    for (i = 0; i < 5; i++) {
      static int acc = 0;
      acc += i;
      total += acc;
    }
    ASSERT(0 + 1 + 3 + 6 + 10, total);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
