/*
 * nqueens_check.c - certifies an N-Queens placement.
 *
 * Input: N (1..64), then N column numbers 0..N-1, the column of the queen in each row.
 * Output: "valid" and exit 0 when no two queens share a column or a diagonal (one per
 * row by construction); otherwise the first attacking pair and exit 1.
 */
#include <stdio.h>

int main(void) {
  int n, col[64];
  if (scanf("%d", &n) != 1 || n < 1 || n > 64) {
    puts("invalid: N must be 1..64");
    return 1;
  }
  for (int r = 0; r < n; r++) {
    if (scanf("%d", &col[r]) != 1 || col[r] < 0 || col[r] >= n) {
      printf("invalid: row %d has no column in 0..%d\n", r, n - 1);
      return 1;
    }
  }
  for (int a = 0; a < n; a++)
    for (int b = a + 1; b < n; b++) {
      int dc = col[a] - col[b];
      if (dc == 0 || dc == b - a || dc == a - b) {
        printf("invalid: the queens of rows %d and %d attack each other\n", a, b);
        return 1;
      }
    }
  puts("valid");
  return 0;
}
