/*
 * sudoku_check.c - certifies a Sudoku solution (the checker of the solve-and-certify
 * pipeline: Z3 solves, this program, compiled into transformer weights, certifies).
 *
 * Input: the puzzle, then the solution, each 81 cells read row by row as digits
 * ('0' or '.' for an empty puzzle cell); anything that is not a digit or '.' is
 * skipped, so the grids may be laid out freely.
 * Output: "valid" and exit 0 when the solution keeps every given and every row, column
 * and 3x3 box holds 1..9 once; otherwise the first violation and exit 1.
 */
#include <stdio.h>

static int read_grid(int grid[81]) {
  int n = 0, c;
  while (n < 81 && (c = getchar()) != EOF) {
    if (c >= '0' && c <= '9') grid[n++] = c - '0';
    else if (c == '.') grid[n++] = 0;
  }
  return n == 81;
}

int main(void) {
  int puzzle[81], solution[81];
  if (!read_grid(puzzle) || !read_grid(solution)) {
    puts("invalid: the input does not hold two grids of 81 cells");
    return 1;
  }
  for (int i = 0; i < 81; i++) {
    if (solution[i] < 1 || solution[i] > 9) {
      printf("invalid: cell r%dc%d is empty\n", i / 9 + 1, i % 9 + 1);
      return 1;
    }
    if (puzzle[i] && puzzle[i] != solution[i]) {
      printf("invalid: cell r%dc%d changes the given %d\n", i / 9 + 1, i % 9 + 1, puzzle[i]);
      return 1;
    }
  }
  for (int unit = 0; unit < 27; unit++) {
    int seen = 0;
    for (int k = 0; k < 9; k++) {
      int row, col;
      if (unit < 9) row = unit, col = k;                      /* rows */
      else if (unit < 18) row = k, col = unit - 9;            /* columns */
      else row = (unit - 18) / 3 * 3 + k / 3, col = (unit - 18) % 3 * 3 + k % 3; /* boxes */
      int bit = 1 << solution[row * 9 + col];
      if (seen & bit) {
        printf("invalid: %s %d repeats %d\n", unit < 9 ? "row" : unit < 18 ? "column" : "box",
               unit % 9 + 1, solution[row * 9 + col]);
        return 1;
      }
      seen |= bit;
    }
  }
  puts("valid");
  return 0;
}
