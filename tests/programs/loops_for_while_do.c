/* for, while and do-while loops: counting up/down, empty bodies, multiple variables, nested loops, loops over unsigned. */
#include <stdio.h>

#include "test.h"

int main(void) {
  int i, j, s;
  for (i = 0, s = 0; i < 100; i++) s += i;
  ASSERT(4950, s);
  for (i = 10, s = 0; i > 0; i -= 3) s = s * 10 + i;
  ASSERT(10741, s);
  i = 0; s = 0;
  while (i < 5) s += ++i;
  ASSERT(15, s);
  i = 0; s = 0;
  do { s += i; i += 2; } while (i < 10);
  ASSERT(20, s);
  i = 100; s = 0;
  do s++; while (i < 10);      /* body runs once */
  ASSERT(1, s);
  for (i = 0; i < 0; i++) s = 999;   /* body never runs */
  ASSERT(1, s);
  i = 0;
  while (i++ < 7);             /* empty body */
  ASSERT(8, i);
  for (i = 0, j = 10; i < j; i++, j--);
  ASSERT(5, i);
  ASSERT(5, j);
  {
    /* nested loops: multiplication table checksum */
    int t = 0;
    for (i = 1; i <= 12; i++)
      for (j = 1; j <= 12; j++) t += i * j * ((i + j) % 3);
    printf("table checksum %d\n", t);
  }
  {
    /* loop with declaration in for-init and unsigned counter going down */
    unsigned u;
    int cnt = 0;
    for (u = 10; u != 0; u--) cnt++;
    ASSERT(10, cnt);
    for (int k = 0; k < 3; k++) cnt += k;
    ASSERT(13, cnt);
    unsigned char c = 0;
    cnt = 0;
    do { cnt++; } while (++c != 0);   /* 256 iterations */
    ASSERT(256, cnt);
  }
  {
    /* Collatz steps, while with complex condition */
    long long n = 27;
    int steps = 0;
    while (n != 1 && steps < 1000) { n = (n & 1) ? 3 * n + 1 : n / 2; steps++; }
    ASSERT(111, steps);
  }
  {
    /* infinite loop with break */
    int k = 0;
    for (;;) { if (++k == 42) break; }
    ASSERT(42, k);
    k = 0;
    while (1) { k += 7; if (k > 50) break; }
    ASSERT(56, k);
  }
  {
    /* loop over a string until NUL */
    const char *p = "loop over me";
    int spaces = 0;
    for (; *p; p++) if (*p == ' ') spaces++;
    ASSERT(2, spaces);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
