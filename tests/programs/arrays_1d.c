/* One-dimensional arrays: initialisers, partial init zero-fill, sizeof, passing to functions, global arrays. */
#include <stdio.h>

#include "test.h"

static int garr[5] = { 5, 4, 3 };
static long long gll[4];
static unsigned char gbytes[] = { 1, 2, 3, 250, 255 };

static int sum(const int *a, int n) { int s = 0, i; for (i = 0; i < n; i++) s += a[i]; return s; }
static void fill(int a[], int n, int v) { int i; for (i = 0; i < n; i++) a[i] = v + i; }
static int max_index(const int a[static 1], int n) {
  int best = 0, i;
  for (i = 1; i < n; i++) if (a[i] > a[best]) best = i;
  return best;
}

int main(void) {
  int a[6] = { 1, 2, 3 };
  ASSERT(24, sizeof a);
  ASSERT(6, sizeof a / sizeof a[0]);
  ASSERT(0, a[3]);
  ASSERT(0, a[5]);
  ASSERT(6, sum(a, 6));
  fill(a, 6, 10);
  ASSERT(10 + 11 + 12 + 13 + 14 + 15, sum(a, 6));
  a[2] = 99;
  ASSERT(2, max_index(a, 6));
  ASSERT(12, sum(garr, 5));
  ASSERT(0, garr[4]);
  ASSERT(0, (int)gll[3]);
  ASSERT(5, sizeof gbytes);
  ASSERT(255, gbytes[4]);
  {
    int b[] = { [3] = 7, 1, [0] = 2 };
    ASSERT(5, sizeof b / sizeof *b);
    ASSERT(2, b[0]);
    ASSERT(0, b[1]);
    ASSERT(7, b[3]);
    ASSERT(1, b[4]);
  }
  {
    /* prefix sums in place */
    int p[10], i;
    for (i = 0; i < 10; i++) p[i] = i + 1;
    for (i = 1; i < 10; i++) p[i] += p[i - 1];
    for (i = 0; i < 10; i++) printf("%d ", p[i]);
    printf("\n");
    /* rotate left by 3 with a temp array */
    int r[10];
    for (i = 0; i < 10; i++) r[i] = p[(i + 3) % 10];
    for (i = 0; i < 10; i++) printf("%d ", r[i]);
    printf("\n");
  }
  {
    /* array of long long and of char */
    long long big[3] = { -1, 0x100000000LL, 5 };
    long long t = 0;
    int i;
    for (i = 0; i < 3; i++) t += big[i];
    ASSERT(0x100000004LL, t);
    char s[8] = "abc";
    ASSERT(0, s[3]);
    ASSERT(0, s[7]);
    ASSERT(8, sizeof s);
    gll[1] = big[1] * 3;
    ASSERT(0x300000000LL, gll[1]);
  }
  {
    /* array assignment via struct wrapper and element-wise copy */
    int src[4] = { 4, 3, 2, 1 }, dst[4];
    int i;
    for (i = 0; i < 4; i++) dst[i] = src[3 - i];
    ASSERT(1, dst[0]);
    ASSERT(4, dst[3]);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
