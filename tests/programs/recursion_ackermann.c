/* Ackermann function (deeply nested non-primitive recursion) with small arguments, plus call counting. */
#include <stdio.h>

#include "test.h"

static long calls;
static int ack(int m, int n) {
  calls++;
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

/* iterative Ackermann with an explicit stack for cross-checking */
static int ack_iter(int m, int n) {
  int stack[1000];
  int sp = 0;
  stack[sp++] = m;
  while (sp > 0) {
    m = stack[--sp];
    if (m == 0) n = n + 1;
    else if (n == 0) { stack[sp++] = m - 1; n = 1; }
    else { stack[sp++] = m - 1; stack[sp++] = m; n = n - 1; }
  }
  return n;
}

int main(void) {
  int m, n;
  for (m = 0; m <= 3; m++) {
    for (n = 0; n <= (m < 3 ? 4 : 3); n++) {
      calls = 0;
      int r = ack(m, n);
      printf("ack(%d,%d) = %d (%ld calls)\n", m, n, r, calls);
      if (r != ack_iter(m, n)) { printf("mismatch FAIL\n"); fails++; }
    }
  }
  ASSERT(11, ack(2, 4));
  ASSERT(13, ack(4, 0));
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
