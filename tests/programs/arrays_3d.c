/* Three-dimensional arrays: indexing, layout, initialisation, passing to functions. */
#include <stdio.h>

#include "test.h"

static int cube[2][3][4];
static const short lut[2][2][3] = { { { 1, 2, 3 }, { 4, 5, 6 } }, { { 7, 8, 9 }, { 10, 11, 12 } } };

static long long sum3(int a[][3][4], int n) {
  long long s = 0;
  int i, j, k;
  for (i = 0; i < n; i++) for (j = 0; j < 3; j++) for (k = 0; k < 4; k++) s += a[i][j][k] * (long long)(i + 1);
  return s;
}

int main(void) {
  int i, j, k;
  for (i = 0; i < 2; i++) for (j = 0; j < 3; j++) for (k = 0; k < 4; k++) cube[i][j][k] = i * 100 + j * 10 + k;
  ASSERT(96, sizeof cube);
  ASSERT(48, sizeof cube[1]);
  ASSERT(16, sizeof cube[1][2]);
  ASSERT(123, cube[1][2][3]);
  ASSERT(123, ((int *)cube)[23]);
  ASSERT(112, *(*(*(cube + 1) + 1) + 2));
  ASSERT(138 + 2 * 1338, sum3(cube, 2));
  ASSERT(11, lut[1][1][1]);
  ASSERT(6, lut[0][1][2]);
  {
    int local[3][2][2] = { { { 1, 2 }, { 3, 4 } }, { { 5 } }, [2][1][0] = 9 };
    int t = 0;
    for (i = 0; i < 3; i++) for (j = 0; j < 2; j++) for (k = 0; k < 2; k++) {
      printf("%d", local[i][j][k]);
      t = t * 3 + local[i][j][k];
    }
    printf("\n");
    ASSERT(1, local[0][0][0]);
    ASSERT(0, local[1][1][1]);
    ASSERT(9, local[2][1][0]);
    int (*plane)[2] = local[2];
    ASSERT(9, plane[1][0]);
    printf("t = %d\n", t);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
