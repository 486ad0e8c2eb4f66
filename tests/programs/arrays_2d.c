/* Two-dimensional arrays: row-major layout, initialisers, passing int (*)[N], pointer to row, transpose. */
#include <stdio.h>

#include "test.h"

#define R 3
#define C 4
static int g2[R][C] = { { 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { 9, 10, 11, 12 } };

static int trace_like(int (*m)[C], int rows) { int s = 0, i; for (i = 0; i < rows && i < C; i++) s += m[i][i]; return s; }
static int row_sum(const int row[C]) { int s = 0, j; for (j = 0; j < C; j++) s += row[j]; return s; }
static void transpose(int in[R][C], int out[C][R]) {
  int i, j;
  for (i = 0; i < R; i++) for (j = 0; j < C; j++) out[j][i] = in[i][j];
}

int main(void) {
  ASSERT(48, sizeof g2);
  ASSERT(16, sizeof g2[0]);
  ASSERT(7, g2[1][2]);
  ASSERT(7, *(*(g2 + 1) + 2));
  ASSERT(7, ((int *)g2)[1 * C + 2]);
  ASSERT(1 + 6 + 11, trace_like(g2, R));
  ASSERT(26, row_sum(g2[1]));
  {
    int t[C][R];
    int i, j;
    transpose(g2, t);
    for (i = 0; i < C; i++) {
      for (j = 0; j < R; j++) printf("%3d", t[i][j]);
      printf("\n");
    }
    ASSERT(10, t[1][2]);
  }
  {
    int m[3][3] = { { 1 }, { 0, 2 }, [2][2] = 3 };
    int i, j, s = 0;
    for (i = 0; i < 3; i++) for (j = 0; j < 3; j++) s += m[i][j] * (i * 3 + j + 1);
    ASSERT(1 * 1 + 2 * 5 + 3 * 9, s);
    int (*rowp)[3] = m;
    rowp++;
    ASSERT(2, (*rowp)[1]);
    ASSERT(12, (char *)rowp - (char *)m);
  }
  {
    /* char 2-D array of strings */
    char names[4][6] = { "ann", "bob", "carol", "dave" };
    int i;
    for (i = 0; i < 4; i++) printf("%s(%d) ", names[i], (int)sizeof names[i]);
    printf("\n");
    names[2][3] = 0;
    printf("%s\n", names[2]);
  }
  {
    /* Pascal's triangle */
    int p[10][10] = { { 0 } };
    int i, j;
    for (i = 0; i < 10; i++) {
      p[i][0] = p[i][i] = 1;
      for (j = 1; j < i; j++) p[i][j] = p[i - 1][j - 1] + p[i - 1][j];
    }
    for (j = 0; j < 10; j++) printf("%d ", p[9][j]);
    printf("\n");
    ASSERT(126, p[9][4]);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
