/* malloc/free: allocation of various sizes, alignment, independence of blocks, reuse after free, many small blocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "test.h"

int main(void) {
  int i;
  {
    int *a = malloc(100 * sizeof *a);
    ASSERT(1, a != NULL);
    for (i = 0; i < 100; i++) a[i] = i * i;
    long long s = 0;
    for (i = 0; i < 100; i++) s += a[i];
    ASSERT(328350, s);
    free(a);
  }
  {
    /* alignment: at least 4 bytes for any request (int/pointer alignment on this target) */
    int bad = 0;
    for (i = 1; i <= 40; i++) {
      void *p = malloc((size_t)i);
      if (!p || ((uintptr_t)p & 3u) != 0) bad++;
      memset(p, 0xab, (size_t)i);
      free(p);
    }
    ASSERT(0, bad);
  }
  {
    /* many blocks alive simultaneously must not overlap */
    enum { N = 64 };
    unsigned char *blk[N];
    int ok = 1;
    for (i = 0; i < N; i++) {
      size_t sz = (size_t)(i % 13 + 1) * 8;
      blk[i] = malloc(sz);
      memset(blk[i], i, sz);
    }
    for (i = 0; i < N; i++) {
      size_t sz = (size_t)(i % 13 + 1) * 8, k;
      for (k = 0; k < sz; k++) if (blk[i][k] != (unsigned char)i) ok = 0;
    }
    ASSERT(1, ok);
    /* free every other block, allocate again, check the rest are intact */
    for (i = 0; i < N; i += 2) free(blk[i]);
    for (i = 0; i < N; i += 2) { blk[i] = malloc(24); memset(blk[i], 0xee, 24); }
    for (i = 1; i < N; i += 2) {
      size_t sz = (size_t)(i % 13 + 1) * 8, k;
      for (k = 0; k < sz; k++) if (blk[i][k] != (unsigned char)i) ok = 0;
    }
    ASSERT(1, ok);
    for (i = 0; i < N; i++) free(blk[i]);
  }
  {
    /* strings on the heap */
    const char *words[] = { "heap", "allocated", "strings", "are", "fine" };
    char *copies[5];
    for (i = 0; i < 5; i++) {
      size_t n = strlen(words[i]) + 1;
      copies[i] = malloc(n);
      memcpy(copies[i], words[i], n);
      copies[i][0] = (char)(copies[i][0] - 32);
    }
    for (i = 0; i < 5; i++) { printf("%s ", copies[i]); free(copies[i]); }
    printf("\n");
  }
  {
    /* a larger block and a struct array */
    struct rec { int id; long long v; char tag[4]; };
    struct rec *r = malloc(200 * sizeof *r);
    char *big = malloc(10000);
    ASSERT(1, r != NULL && big != NULL);
    for (i = 0; i < 200; i++) { r[i].id = i; r[i].v = (long long)i << 33; r[i].tag[0] = (char)('a' + i % 26); }
    memset(big, 1, 10000);
    long long s = 0;
    for (i = 0; i < 200; i++) s += r[i].v >> 33;
    ASSERT(19900, s);
    ASSERT('r', r[199].tag[0]);
    ASSERT(1, big[9999]);
    free(big);
    free(r);
    free(NULL);   /* allowed, no effect */
  }
  {
    /* repeated alloc/free cycles must not exhaust the heap */
    int okc = 1;
    for (i = 0; i < 200; i++) {
      char *p = malloc(1000);
      if (!p) { okc = 0; break; }
      p[0] = (char)i; p[999] = (char)i;
      free(p);
    }
    ASSERT(1, okc);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
