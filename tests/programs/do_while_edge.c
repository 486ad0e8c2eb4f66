/* do-while edge cases: body executes once with false condition, side effects in the condition, macros wrapped in do{}while(0). */
#include <stdio.h>

#include "test.h"

#define SWAP(a, b) do { int t_ = (a); (a) = (b); (b) = t_; } while (0)
#define INC_TWICE(x) do { (x)++; (x)++; } while (0)

static int calls;
static int cond(int v) { calls++; return v; }

int main(void) {
  int n = 0;
  do n++; while (0);
  ASSERT(1, n);
  calls = 0;
  do n++; while (cond(0));
  ASSERT(2, n);
  ASSERT(1, calls);
  calls = 0;
  n = 0;
  do n += 2; while (cond(n < 10));
  ASSERT(10, n);
  ASSERT(5, calls);
  {
    int a = 1, b = 2;
    if (a < b) SWAP(a, b); else INC_TWICE(a);
    ASSERT(2, a);
    ASSERT(1, b);
    if (a < b) SWAP(a, b); else INC_TWICE(a);
    ASSERT(4, a);
  }
  {
    /* side effects in condition: post-decrement */
    int k = 3, iters = 0;
    do iters++; while (k--);
    ASSERT(4, iters);
    ASSERT(-1, k);
    /* pre-decrement */
    k = 3; iters = 0;
    do iters++; while (--k);
    ASSERT(3, iters);
    ASSERT(0, k);
  }
  {
    /* nested do-while, digits of numbers */
    int nums[4] = { 0, 7, 1000, 987654321 };
    int i;
    for (i = 0; i < 4; i++) {
      int v = nums[i], digits = 0, sum = 0;
      do { digits++; sum += v % 10; v /= 10; } while (v);
      printf("%d: %d digits, digit sum %d\n", nums[i], digits, sum);
    }
  }
  {
    /* do-while with continue and break */
    int i = 0, s = 0;
    do {
      i++;
      if (i == 2) continue;
      if (i == 6) break;
      s += i;
    } while (i < 100);
    ASSERT(1 + 3 + 4 + 5, s);
    ASSERT(6, i);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
