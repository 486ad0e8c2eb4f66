/* Merge sort (with malloc'd temp), quicksort (Lomuto and Hoare), heap sort, counting sort; all must agree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

static void merge_sort(int *a, int *tmp, int n) {
  if (n < 2) return;
  int m = n / 2, i = 0, j = m, k = 0;
  merge_sort(a, tmp, m);
  merge_sort(a + m, tmp, n - m);
  while (i < m && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i < m) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, (size_t)n * sizeof *a);
}
static void swap(int *x, int *y) { int t = *x; *x = *y; *y = t; }
static void quick_lomuto(int *a, int lo, int hi) {
  if (lo >= hi) return;
  int p = a[(lo + hi) / 2], i = lo, j;
  swap(&a[(lo + hi) / 2], &a[hi]);
  for (j = lo; j < hi; j++) if (a[j] < p) swap(&a[i++], &a[j]);
  swap(&a[i], &a[hi]);
  quick_lomuto(a, lo, i - 1);
  quick_lomuto(a, i + 1, hi);
}
static void quick_hoare(int *a, int lo, int hi) {
  if (lo >= hi) return;
  int p = a[lo + (hi - lo) / 2], i = lo - 1, j = hi + 1;
  for (;;) {
    do i++; while (a[i] < p);
    do j--; while (a[j] > p);
    if (i >= j) break;
    swap(&a[i], &a[j]);
  }
  quick_hoare(a, lo, j);
  quick_hoare(a, j + 1, hi);
}
static void sift(int *a, int n, int i) {
  for (;;) {
    int l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && a[l] > a[m]) m = l;
    if (r < n && a[r] > a[m]) m = r;
    if (m == i) return;
    swap(&a[i], &a[m]);
    i = m;
  }
}
static void heap_sort(int *a, int n) {
  int i;
  for (i = n / 2 - 1; i >= 0; i--) sift(a, n, i);
  for (i = n - 1; i > 0; i--) { swap(&a[0], &a[i]); sift(a, i, 0); }
}
static void counting_sort(int *a, int n, int lo, int hi) {
  int *cnt = calloc((size_t)(hi - lo + 1), sizeof *cnt), i, k = 0, v;
  for (i = 0; i < n; i++) cnt[a[i] - lo]++;
  for (v = lo; v <= hi; v++) while (cnt[v - lo]--) a[k++] = v;
  free(cnt);
}

int main(void) {
  enum { N = 100 };
  int orig[N], a[N], b[N], c[N], d[N], e[N], i;
  unsigned x = 123456789u;
  for (i = 0; i < N; i++) { x = x * 1664525u + 1013904223u; orig[i] = (int)(x >> 22) - 512; }
  memcpy(a, orig, sizeof a); memcpy(b, orig, sizeof b); memcpy(c, orig, sizeof c);
  memcpy(d, orig, sizeof d); memcpy(e, orig, sizeof e);
  int *tmp = malloc(sizeof a);
  merge_sort(a, tmp, N);
  free(tmp);
  quick_lomuto(b, 0, N - 1);
  quick_hoare(c, 0, N - 1);
  heap_sort(d, N);
  counting_sort(e, N, -512, 511);
  ASSERT(0, memcmp(a, b, sizeof a));
  ASSERT(0, memcmp(a, c, sizeof a));
  ASSERT(0, memcmp(a, d, sizeof a));
  ASSERT(0, memcmp(a, e, sizeof a));
  {
    int ok = 1;
    for (i = 1; i < N; i++) if (a[i - 1] > a[i]) ok = 0;
    ASSERT(1, ok);
  }
  for (i = 0; i < N; i += 10) printf("%d ", a[i]);
  printf("\nmin %d max %d\n", a[0], a[N - 1]);
  {
    int small[7] = { 3, 3, 3, 1, 1, 2, 2 };
    heap_sort(small, 7);
    for (i = 0; i < 7; i++) printf("%d", small[i]);
    printf("\n");
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
