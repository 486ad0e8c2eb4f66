/* calloc zero-fills; realloc grows/shrinks preserving contents, realloc(NULL, n) acts like malloc; dynamic array growth. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

int main(void) {
  int i;
  {
    int *z = calloc(50, sizeof *z);
    int nz = 0;
    ASSERT(1, z != NULL);
    for (i = 0; i < 50; i++) nz += z[i] != 0;
    ASSERT(0, nz);
    free(z);
    /* calloc after a dirty malloc/free must still be zeroed */
    unsigned char *d = malloc(256);
    memset(d, 0xff, 256);
    free(d);
    unsigned char *c = calloc(256, 1);
    int sum = 0;
    for (i = 0; i < 256; i++) sum += c[i];
    ASSERT(0, sum);
    free(c);
    long long *ll = calloc(10, sizeof(long long));
    ASSERT(0, ll[9]);
    free(ll);
  }
  {
    int *a = realloc(NULL, 4 * sizeof *a);
    ASSERT(1, a != NULL);
    for (i = 0; i < 4; i++) a[i] = i + 1;
    a = realloc(a, 1000 * sizeof *a);
    ASSERT(1, a != NULL);
    ASSERT(4, a[3]);
    for (i = 4; i < 1000; i++) a[i] = i + 1;
    a = realloc(a, 10 * sizeof *a);
    int s = 0;
    for (i = 0; i < 10; i++) s += a[i];
    ASSERT(55, s);
    free(a);
  }
  {
    /* growable vector with doubling */
    int cap = 1, len = 0;
    long long *v = malloc((size_t)cap * sizeof *v);
    int reallocs = 0;
    for (i = 0; i < 300; i++) {
      if (len == cap) { cap *= 2; v = realloc(v, (size_t)cap * sizeof *v); reallocs++; }
      v[len++] = (long long)i * i * i;
    }
    long long s = 0;
    for (i = 0; i < len; i++) s += v[i];
    ASSERT(9 * (long long)299 * 299 * 300 * 300 / 9 / 4, s);
    ASSERT(512, cap);
    ASSERT(9, reallocs);
    free(v);
  }
  {
    /* growing a string */
    char *str = NULL;
    size_t n = 0;
    const char *parts[] = { "grow", "ing ", "a st", "ring", " by ", "real", "loc" };
    for (i = 0; i < 7; i++) {
      size_t k = strlen(parts[i]);
      str = realloc(str, n + k + 1);
      memcpy(str + n, parts[i], k + 1);
      n += k;
    }
    printf("%s (%d)\n", str, (int)n);
    free(str);
  }
  {
    /* interleaved reallocs of two buffers keep contents separate */
    char *p = malloc(8), *q = malloc(8);
    memset(p, 'p', 8);
    memset(q, 'q', 8);
    for (i = 1; i <= 6; i++) {
      p = realloc(p, (size_t)8 << i);
      q = realloc(q, (size_t)8 << i);
      memset(p + (8 << (i - 1)), 'p', (size_t)8 << (i - 1));
      memset(q + (8 << (i - 1)), 'q', (size_t)8 << (i - 1));
    }
    int bad = 0;
    for (i = 0; i < 512; i++) bad += (p[i] != 'p') + (q[i] != 'q');
    ASSERT(0, bad);
    free(p);
    free(q);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
