/* Bubble, insertion and selection sort on ints, chars and long longs, with swap counts and early exit. */
#include <stdio.h>
#include <string.h>

#include "test.h"

static int bubble(int *a, int n) {
  int i, swaps = 0, swapped = 1;
  while (swapped) {
    swapped = 0;
    for (i = 1; i < n; i++)
      if (a[i - 1] > a[i]) { int t = a[i]; a[i] = a[i - 1]; a[i - 1] = t; swapped = 1; swaps++; }
    n--;
  }
  return swaps;
}
static void insertion_ll(long long *a, int n) {
  int i, j;
  for (i = 1; i < n; i++) {
    long long v = a[i];
    for (j = i; j > 0 && a[j - 1] > v; j--) a[j] = a[j - 1];
    a[j] = v;
  }
}
static void selection_chars(char *s) {
  int n = (int)strlen(s), i, j;
  for (i = 0; i < n - 1; i++) {
    int m = i;
    for (j = i + 1; j < n; j++) if ((unsigned char)s[j] < (unsigned char)s[m]) m = j;
    if (m != i) { char t = s[i]; s[i] = s[m]; s[m] = t; }
  }
}
static void print_ints(const int *a, int n) { int i; for (i = 0; i < n; i++) printf("%d ", a[i]); printf("\n"); }

int main(void) {
  int a[16] = { 9, -3, 7, 7, 0, 15, -8, 2, 11, -1, 4, 4, 6, -20, 13, 1 };
  int swaps = bubble(a, 16);
  print_ints(a, 16);
  printf("swaps %d\n", swaps);
  {
    int sorted[5] = { 1, 2, 3, 4, 5 }, rev[5] = { 5, 4, 3, 2, 1 };
    ASSERT(0, bubble(sorted, 5));
    ASSERT(10, bubble(rev, 5));
    print_ints(rev, 5);
    int one[1] = { 42 };
    ASSERT(0, bubble(one, 1));
  }
  {
    long long l[8] = { 1LL << 40, -5, 0x7fffffffffffffffLL, -(1LL << 62), 0, 3, -5, 1LL << 32 };
    int i;
    insertion_ll(l, 8);
    for (i = 0; i < 8; i++) printf("%lld ", l[i]);
    printf("\n");
  }
  {
    char s[] = "selection sort of Characters!";
    selection_chars(s);
    printf("[%s]\n", s);
  }
  {
    /* bigger bubble sort: 100 pseudo-random values */
    int big[100], i, ok = 1;
    unsigned x = 2463534242u;
    for (i = 0; i < 100; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; big[i] = (int)(x % 1000u); }
    swaps = bubble(big, 100);
    for (i = 1; i < 100; i++) if (big[i - 1] > big[i]) ok = 0;
    ASSERT(1, ok);
    printf("100 values: swaps %d, min %d, max %d\n", swaps, big[0], big[99]);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
