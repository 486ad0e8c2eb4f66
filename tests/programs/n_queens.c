/* Backtracking: N-queens solution counts for N=1..6 with arrays and with bitmasks, first solution printed as a board. */
#include <stdio.h>

#include "test.h"

static int cols[10], n_sol;
static int first[10], have_first;

static int safe(int row, int col) {
  int r;
  for (r = 0; r < row; r++) {
    int d = cols[r] - col;
    if (d == 0 || d == row - r || d == r - row) return 0;
  }
  return 1;
}
static void solve(int row, int n) {
  int c;
  if (row == n) {
    if (!have_first) { int i; for (i = 0; i < n; i++) first[i] = cols[i]; have_first = 1; }
    n_sol++;
    return;
  }
  for (c = 0; c < n; c++)
    if (safe(row, c)) { cols[row] = c; solve(row + 1, n); }
}
static int solve_bits(int n, unsigned cols_used, unsigned d1, unsigned d2) {
  unsigned all = (1u << n) - 1;
  if (cols_used == all) return 1;
  unsigned avail = all & ~(cols_used | d1 | d2);
  int count = 0;
  while (avail) {
    unsigned bit = avail & -avail;
    avail ^= bit;
    count += solve_bits(n, cols_used | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
  }
  return count;
}

int main(void) {
  int n;
  static const int expected[8] = { 0, 1, 0, 0, 2, 10, 4, 40 };
  for (n = 1; n <= 6; n++) {
    n_sol = 0;
    have_first = 0;
    solve(0, n);
    int nb = solve_bits(n, 0, 0, 0);
    printf("n=%d solutions=%d (bitmask %d)\n", n, n_sol, nb);
    if (n_sol != expected[n] || nb != expected[n]) { printf("FAIL\n"); fails++; }
  }
  {
    int r, c;
    n_sol = 0;
    have_first = 0;
    solve(0, 6);
    for (r = 0; r < 6; r++) {
      for (c = 0; c < 6; c++) putchar(first[r] == c ? 'Q' : '.');
      putchar('\n');
    }
  }
  ASSERT(4, n_sol);
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
