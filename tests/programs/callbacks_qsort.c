/* Callbacks: qsort with different comparators (ascending, descending, by key, strings), plus user-level callback iteration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

/* Note: all comparators define total orders (no ties between distinguishable elements),
   because qsort is not stable and implementations may order equal elements differently. */
static int cmp_int_asc(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int_asc(b, a); }
static int cmp_abs_then_value(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  unsigned ax = x < 0 ? 0u - (unsigned)x : (unsigned)x, ay = y < 0 ? 0u - (unsigned)y : (unsigned)y;
  if (ax != ay) return ax < ay ? -1 : 1;
  return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }
static int cmp_strlen_then_str(const void *a, const void *b) {
  const char *s = *(const char *const *)a, *t = *(const char *const *)b;
  size_t ls = strlen(s), lt = strlen(t);
  if (ls != lt) return ls < lt ? -1 : 1;
  return strcmp(s, t);
}
static int cmp_char(const void *a, const void *b) { return *(const unsigned char *)a - *(const unsigned char *)b; }

static void for_each(int *a, int n, void (*fn)(int *, void *), void *ctx) { int i; for (i = 0; i < n; i++) fn(&a[i], ctx); }
static void add_to(int *x, void *ctx) { *(long long *)ctx += *x; }
static void scale(int *x, void *ctx) { *x *= *(int *)ctx; }

static void print_ints(const char *label, const int *a, int n) {
  int i;
  printf("%s:", label);
  for (i = 0; i < n; i++) printf(" %d", a[i]);
  printf("\n");
}

int main(void) {
  int a[12] = { 5, -3, 12, 0, 7, -8, 4, 11, -2147483647 - 1, 2147483647, 3, -4 };
  qsort(a, 12, sizeof a[0], cmp_int_asc);
  print_ints("asc", a, 12);
  qsort(a, 12, sizeof a[0], cmp_int_desc);
  print_ints("desc", a, 12);
  {
    int b[10] = { 3, -3, 1, -1, 0, 2, -2, -5, 5, 4 };
    qsort(b, 10, sizeof b[0], cmp_abs_then_value);
    print_ints("abs", b, 10);
  }
  {
    const char *words[] = { "pear", "apple", "fig", "banana", "kiwi", "date", "cherry", "Apple", "apricot" };
    int n = (int)(sizeof words / sizeof words[0]), i;
    qsort(words, (size_t)n, sizeof words[0], cmp_str);
    for (i = 0; i < n; i++) printf("%s ", words[i]);
    printf("\n");
    qsort(words, (size_t)n, sizeof words[0], cmp_strlen_then_str);
    for (i = 0; i < n; i++) printf("%s ", words[i]);
    printf("\n");
  }
  {
    char s[] = "the quick brown fox";
    qsort(s, strlen(s), 1, cmp_char);
    printf("[%s]\n", s);
  }
  {
    int c[5] = { 1, 2, 3, 4, 5 };
    long long sum = 0;
    int factor = -3;
    for_each(c, 5, add_to, &sum);
    ASSERT(15, sum);
    for_each(c, 5, scale, &factor);
    print_ints("scaled", c, 5);
    qsort(c, 0, sizeof c[0], cmp_int_asc);   /* empty sort is fine */
    qsort(c, 1, sizeof c[0], cmp_int_asc);
    ASSERT(-3, c[0]);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
