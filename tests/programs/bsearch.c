/* bsearch over sorted int and string arrays: hits, misses, first/last elements, empty array, struct keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

static int cmp_int(const void *k, const void *e) {
  int a = *(const int *)k, b = *(const int *)e;
  return (a > b) - (a < b);
}
static int cmp_str(const void *k, const void *e) { return strcmp((const char *)k, *(const char *const *)e); }

struct sym { const char *name; int value; };
static int cmp_sym(const void *k, const void *e) { return strcmp((const char *)k, ((const struct sym *)e)->name); }

int main(void) {
  static const int arr[] = { -50, -3, 0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 1000, 2147483647 };
  int n = (int)(sizeof arr / sizeof arr[0]), k;
  static const int probes[] = { -50, -49, -3, 0, 2, 16, 17, 100, 999, 1000, 2147483647, -2147483647 - 1 };
  int i;
  for (i = 0; i < (int)(sizeof probes / sizeof probes[0]); i++) {
    k = probes[i];
    const int *r = bsearch(&k, arr, (size_t)n, sizeof arr[0], cmp_int);
    if (r) printf("%d found at %d\n", k, (int)(r - arr));
    else printf("%d not found\n", k);
  }
  k = 5;
  ASSERT(1, bsearch(&k, arr, 0, sizeof arr[0], cmp_int) == NULL);
  k = 1;
  ASSERT(1, bsearch(&k, &arr[3], 1, sizeof arr[0], cmp_int) == &arr[3]);
  {
    static const char *const words[] = { "apple", "banana", "cherry", "date", "elderberry", "fig", "grape" };
    static const char *const q[] = { "apple", "grape", "date", "coconut", "zzz", "" };
    for (i = 0; i < 6; i++) {
      const char *const *r = bsearch(q[i], words, 7, sizeof words[0], cmp_str);
      printf("'%s' -> %d\n", q[i], r ? (int)(r - words) : -1);
    }
  }
  {
    static const struct sym table[] = { { "add", 1 }, { "and", 2 }, { "call", 3 }, { "jmp", 4 }, { "mov", 5 }, { "ret", 6 }, { "xor", 7 } };
    const struct sym *s = bsearch("jmp", table, 7, sizeof table[0], cmp_sym);
    ASSERT(4, s ? s->value : -1);
    s = bsearch("nop", table, 7, sizeof table[0], cmp_sym);
    ASSERT(1, s == NULL);
    int tot = 0;
    for (i = 0; i < 7; i++) tot += ((const struct sym *)bsearch(table[i].name, table, 7, sizeof table[0], cmp_sym))->value;
    ASSERT(28, tot);
  }
  {
    /* large array of even numbers: every odd probe misses */
    static int evens[1000];
    int misses = 0, hits = 0;
    for (i = 0; i < 1000; i++) evens[i] = 2 * i;
    for (i = -1; i < 2001; i += 7) {
      k = i;
      if (bsearch(&k, evens, 1000, sizeof evens[0], cmp_int)) hits++;
      else misses++;
    }
    printf("hits %d misses %d\n", hits, misses);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
