/* qsort on int arrays: random-looking data, already sorted, reversed, all equal, extremes; verified sortedness. */
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>

#include "test.h"

static int cmp(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_u(const void *a, const void *b) {
  unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
  return (x > y) - (x < y);
}
static int cmp_ll(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return (x > y) - (x < y);
}
static int sorted(const int *a, int n) { int i; for (i = 1; i < n; i++) if (a[i - 1] > a[i]) return 0; return 1; }
static unsigned lcg_state = 12345u;
static int next_rand(void) { lcg_state = lcg_state * 1103515245u + 12345u; return (int)(lcg_state >> 1); }

int main(void) {
  enum { N = 120 };
  static int a[N];
  int i;
  long long sum_before = 0, sum_after = 0;
  for (i = 0; i < N; i++) { a[i] = next_rand() % 2001 - 1000; sum_before += a[i]; }
  qsort(a, N, sizeof a[0], cmp);
  for (i = 0; i < N; i++) sum_after += a[i];
  ASSERT(1, sorted(a, N));
  ASSERT(sum_before, sum_after);
  printf("min %d max %d median %d\n", a[0], a[N - 1], a[N / 2]);
  for (i = 0; i < N; i += 12) printf("%d ", a[i]);
  printf("\n");
  qsort(a, N, sizeof a[0], cmp);          /* already sorted */
  ASSERT(1, sorted(a, N));
  for (i = 0; i < N; i++) a[i] = N - i;   /* reversed */
  qsort(a, N, sizeof a[0], cmp);
  ASSERT(1, sorted(a, N));
  ASSERT(1, a[0]);
  ASSERT(N, a[N - 1]);
  for (i = 0; i < N; i++) a[i] = 7;       /* all equal */
  qsort(a, N, sizeof a[0], cmp);
  ASSERT(1, sorted(a, N));
  {
    int e[8] = { INT_MAX, INT_MIN, 0, -1, 1, INT_MIN + 1, INT_MAX - 1, 0 };
    qsort(e, 8, sizeof e[0], cmp);
    for (i = 0; i < 8; i++) printf("%d ", e[i]);
    printf("\n");
    unsigned u[6] = { 0x80000000u, 1u, 0xffffffffu, 0u, 0x7fffffffu, 2u };
    qsort(u, 6, sizeof u[0], cmp_u);
    for (i = 0; i < 6; i++) printf("%u ", u[i]);
    printf("\n");
    long long l[5] = { 1LL << 40, -(1LL << 40), 0, 1, -1 };
    qsort(l, 5, sizeof l[0], cmp_ll);
    for (i = 0; i < 5; i++) printf("%lld ", l[i]);
    printf("\n");
    int two[2] = { 2, 1 };
    qsort(two, 2, sizeof two[0], cmp);
    ASSERT(1, two[0]);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
