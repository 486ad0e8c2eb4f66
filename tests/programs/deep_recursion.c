/* Recursion depth in the thousands: linear recursion with locals, recursive list/array walks, tail-call style. */
#include <stdio.h>

#include "test.h"

static long long sum_to(int n) { return n == 0 ? 0 : n + sum_to(n - 1); }

static int depth_with_locals(int n, int acc) {
  int local[4];
  local[0] = n; local[1] = acc; local[2] = n ^ acc; local[3] = n & 7;
  if (n == 0) return acc;
  return depth_with_locals(n - 1, acc + local[3] + (local[2] & 1)) + (local[0] == n ? 0 : 1000);
}

static int max_rec(const int *a, int n) {
  if (n == 1) return a[0];
  int m = max_rec(a + 1, n - 1);
  return a[0] > m ? a[0] : m;
}

static int gcd_rec(int a, int b) { return b == 0 ? a : gcd_rec(b, a % b); }

static int count_down(int n, int *deepest) {
  if (n > *deepest) *deepest = n;
  return n <= 0 ? 0 : 1 + count_down(n - 1, deepest);
}

static int arr[2000];

int main(void) {
  ASSERT(500500, sum_to(1000));
  ASSERT(8002000, sum_to(4000));
  printf("depth_with_locals = %d\n", depth_with_locals(2000, 0));
  {
    int i;
    for (i = 0; i < 2000; i++) arr[i] = (i * 7919) % 2003;
    ASSERT(2002, max_rec(arr, 2000));
  }
  ASSERT(6, gcd_rec(1071 * 2, 462 * 2) / 7);
  {
    int deepest = 0;
    ASSERT(4000, count_down(4000, &deepest));
    ASSERT(4000, deepest);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
