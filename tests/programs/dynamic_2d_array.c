/* Heap-allocated 2-D structures: array of row pointers, single block with index arithmetic, jagged rows, malloc of int (*)[4]. */
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

static int **alloc_rows(int r, int c) {
  int **m = malloc((size_t)r * sizeof *m), i;
  for (i = 0; i < r; i++) m[i] = calloc((size_t)c, sizeof **m);
  return m;
}
static void free_rows(int **m, int r) { int i; for (i = 0; i < r; i++) free(m[i]); free(m); }

int main(void) {
  int r = 5, c = 7, i, j;
  int **m = alloc_rows(r, c);
  for (i = 0; i < r; i++) for (j = 0; j < c; j++) m[i][j] = (i + 1) * (j + 1);
  {
    long long s = 0;
    for (i = 0; i < r; i++) for (j = 0; j < c; j++) s += m[i][j];
    ASSERT(15 * 28, s);
  }
  /* swap two rows by swapping pointers */
  int *t = m[0]; m[0] = m[4]; m[4] = t;
  for (i = 0; i < r; i++) { for (j = 0; j < c; j++) printf("%3d", m[i][j]); printf("\n"); }
  free_rows(m, r);
  {
    /* one contiguous block, manual indexing */
    int rows = 6, cols = 9;
    long long *blk = malloc((size_t)rows * (size_t)cols * sizeof *blk);
    for (i = 0; i < rows; i++) for (j = 0; j < cols; j++) blk[i * cols + j] = (long long)(i - j) * (1LL << 33);
    long long diag = 0;
    for (i = 0; i < rows; i++) diag += blk[i * cols + i] + blk[i * cols + (cols - 1 - i)];
    printf("diag sum %lld\n", diag);
    free(blk);
  }
  {
    /* jagged triangle */
    int n = 8;
    int **tri = malloc((size_t)n * sizeof *tri);
    for (i = 0; i < n; i++) {
      tri[i] = malloc((size_t)(i + 1) * sizeof **tri);
      tri[i][0] = tri[i][i] = 1;
      for (j = 1; j < i; j++) tri[i][j] = tri[i - 1][j - 1] + tri[i - 1][j];
    }
    for (j = 0; j < n; j++) printf("%d ", tri[n - 1][j]);
    printf("\n");
    ASSERT(35, tri[7][3]);
    for (i = 0; i < n; i++) free(tri[i]);
    free(tri);
  }
  {
    /* malloc'd array of fixed-size rows: int (*)[4] */
    int (*rows4)[4] = malloc(3 * sizeof *rows4);
    for (i = 0; i < 3; i++) for (j = 0; j < 4; j++) rows4[i][j] = i * 4 + j;
    ASSERT(11, rows4[2][3]);
    ASSERT(16, (int)sizeof rows4[0]);
    ASSERT(6, rows4[1][2]);
    free(rows4);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
