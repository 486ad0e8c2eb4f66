/*
 * nqueens.c - count the ways to place N non-attacking queens on an N x N board.
 *
 * Queens are placed one row at a time.  Three bitmasks record which columns
 * and which diagonals are already attacked; the free squares of the current
 * row are then simply ~(cols | diag_left | diag_right), and moving to the next
 * row shifts the diagonal masks by one square.
 *
 * The program prints the number of solutions for N = 1..8 (the well-known
 * 1, 0, 0, 2, 10, 4, 40, 92) and draws the first solution for N = 8 in
 * lexicographic order.
 *
 * Work: about 2,700 search nodes over all N, a few tens of thousands of
 * C-level operations.
 */
#include <stdio.h>

#define MAX_N 8

static long nodes;          /* partial placements visited */
static int queen_col[MAX_N]; /* column of the queen in each row (for drawing) */

/*
 * Count completions from row `row` on.  `cols`, `left` and `right` have a bit
 * set for each column attacked by an earlier queen vertically or along a
 * diagonal.  If `stop_at_first` is set, stop after the first solution and
 * leave it in queen_col[].
 */
static long place(int n, int row, unsigned cols, unsigned left, unsigned right,
                  int stop_at_first)
{
    unsigned all = (1u << n) - 1;
    if (row == n)
        return 1;
    nodes++;

    long count = 0;
    unsigned free_squares = all & ~(cols | left | right);
    while (free_squares) {
        unsigned bit = free_squares & (0u - free_squares); /* lowest column */
        free_squares &= ~bit;

        int col = 0;
        while (!((bit >> col) & 1u))
            col++;
        queen_col[row] = col;

        count += place(n, row + 1, cols | bit, ((left | bit) << 1) & all,
                       (right | bit) >> 1, stop_at_first);
        if (stop_at_first && count)
            break;
    }
    return count;
}

int main(void)
{
    static const long expected[MAX_N + 1] = {0, 1, 0, 0, 2, 10, 4, 40, 92};
    int all_ok = 1;

    printf("  N  solutions\n");
    for (int n = 1; n <= MAX_N; n++) {
        long count = place(n, 0, 0, 0, 0, 0);
        if (count != expected[n])
            all_ok = 0;
        printf(" %2d  %9ld\n", n, count);
    }
    printf("Search nodes: %ld; counts %s\n", nodes,
           all_ok ? "match the known values" : "are WRONG");

    place(MAX_N, 0, 0, 0, 0, 1);
    printf("\nFirst solution for N = %d (columns", MAX_N);
    for (int r = 0; r < MAX_N; r++)
        printf(" %d", queen_col[r]);
    printf("):\n");
    for (int r = 0; r < MAX_N; r++) {
        printf(" ");
        for (int c = 0; c < MAX_N; c++)
            printf(" %c", queen_col[r] == c ? 'Q' : '.');
        printf("\n");
    }
    return all_ok ? 0 : 1;
}
