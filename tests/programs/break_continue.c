/* break and continue in for/while/do-while, nested loops, continue in do-while jumps to the condition. */
#include <stdio.h>

#include "test.h"

int main(void) {
  int i, j, s;
  for (i = 0, s = 0; i < 20; i++) {
    if (i % 3 == 0) continue;
    if (i > 14) break;
    s += i;
  }
  ASSERT(1 + 2 + 4 + 5 + 7 + 8 + 10 + 11 + 13 + 14, s);
  i = 0; s = 0;
  while (i < 10) {
    i++;
    if (i & 1) continue;
    s += i;
  }
  ASSERT(30, s);
  i = 0; s = 0;
  do {
    i++;
    if (i == 3) continue;      /* goes to the condition check */
    s += i;
  } while (i < 5);
  ASSERT(12, s);
  {
    /* break only exits the innermost loop */
    int count = 0;
    for (i = 0; i < 5; i++) {
      for (j = 0; j < 5; j++) {
        if (j > i) break;
        count++;
      }
    }
    ASSERT(15, count);
    /* continue in inner loop */
    count = 0;
    for (i = 0; i < 5; i++)
      for (j = 0; j < 5; j++) {
        if (i == j) continue;
        count += i * j;
      }
    ASSERT(100 - 30, count);
  }
  {
    /* search with break and flag */
    int primes[10], n = 0, c;
    for (c = 2; n < 10; c++) {
      int d, is_p = 1;
      for (d = 2; d * d <= c; d++)
        if (c % d == 0) { is_p = 0; break; }
      if (!is_p) continue;
      primes[n++] = c;
    }
    for (i = 0; i < 10; i++) printf("%d ", primes[i]);
    printf("\n");
  }
  {
    /* break out of a while(1) with a switch inside: break in switch does not exit loop */
    int k = 0, steps = 0;
    while (1) {
      switch (k % 3) {
      case 0: k += 1; break;
      case 1: k += 2; break;
      default: k += 4; break;
      }
      steps++;
      if (k > 30) break;
    }
    ASSERT(31, k);
    printf("steps %d\n", steps);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
