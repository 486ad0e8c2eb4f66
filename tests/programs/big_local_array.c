/* Large local (stack) arrays: 64 KiB char buffer, int and long long arrays in nested calls, frame independence. */
#include <stdio.h>
#include <string.h>

#include "test.h"

static unsigned fill_and_hash(int seed) {
  char big[65536];
  unsigned h = 2166136261u;
  int i;
  for (i = 0; i < 65536; i += 64) big[i] = (char)(i / 64 + seed);
  for (i = 0; i < 65536; i += 64) { h ^= (unsigned char)big[i]; h *= 16777619u; }
  return h;
}

static long long nested(int depth) {
  long long arr[512];
  int i;
  long long s = 0;
  for (i = 0; i < 512; i++) arr[i] = (long long)depth * 1000 + i;
  if (depth > 0) s += nested(depth - 1);
  for (i = 0; i < 512; i += 128) s += arr[i];   /* still intact after the deeper call */
  return s;
}

static int sum_matrix(void) {
  int m[100][100];
  int i, j, s = 0;
  for (i = 0; i < 100; i++) m[i][i] = i;
  for (i = 0; i < 100; i++) m[i][99 - i] = 1;
  for (i = 0; i < 100; i++) s += m[i][i];
  for (j = 0; j < 100; j++) s += m[j][99 - j];
  return s;
}

int main(void) {
  printf("hash seed 0 = %08x\n", fill_and_hash(0));
  printf("hash seed 7 = %08x\n", fill_and_hash(7));
  ASSERT(fill_and_hash(3), fill_and_hash(3));
  {
    long long s = nested(5);
    printf("nested = %lld\n", s);
    ASSERT(4 * (15 * 1000) + 6 * (0 + 128 + 256 + 384), s);
  }
  printf("sum_matrix = %d\n", sum_matrix());
  {
    /* two big arrays in the same frame do not overlap */
    int a[1000], b[1000];
    int i, bad = 0;
    for (i = 0; i < 1000; i++) { a[i] = i; b[i] = -i; }
    for (i = 0; i < 1000; i++) if (a[i] != i || b[i] != -i) bad++;
    ASSERT(0, bad);
    memset(a, 0, sizeof a);
    ASSERT(-999, b[999]);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
