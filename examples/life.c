/*
 * life.c - Conway's Game of Life on a 16 x 16 torus.
 *
 * Each cell is alive or dead.  In every generation a live cell survives if
 * it has 2 or 3 live neighbours (of its 8), and a dead cell comes alive if it
 * has exactly 3.  The board wraps around at the edges (a torus).
 *
 * The board starts with a glider, which crawls one cell diagonally every 4
 * generations, and a blinker, which flips between a horizontal and a
 * vertical bar.  They are placed on different diagonals so they never meet.
 * The program draws generations 0 to 5, then runs on to generation 64: by
 * then the glider has gone once around the torus (16 cells x 4 generations)
 * and the blinker has blinked 32 times, so the board must equal generation 0.
 *
 * Work: about 70 generations x 256 cells x 8 neighbours, some 200,000
 * C-level operations.
 */
#include <stdio.h>
#include <string.h>

#define SIZE 16
#define SHOWN 6     /* generations drawn: 0 .. SHOWN-1 */
#define PER_ROW 3   /* boards drawn side by side */
#define PERIOD 64   /* 4 generations per cell x SIZE cells */

typedef unsigned char Board[SIZE][SIZE];

static Board history[SHOWN]; /* the generations that get drawn */

static const char *const START[SIZE] = {
    "................",
    "..#.............",
    "...#............",
    ".###............",
    "................",
    "................",
    "................",
    "................",
    "................",
    "..#.............",
    "..#.............",
    "..#.............",
    "................",
    "................",
    "................",
    "................",
};

/* prev[i] and next[i] are the neighbouring row/column indices, wrapping. */
static int prev[SIZE], next[SIZE];

static void step(Board from, Board to)
{
    for (int r = 0; r < SIZE; r++) {
        int up = prev[r], down = next[r];
        for (int c = 0; c < SIZE; c++) {
            int left = prev[c], right = next[c];
            int n = from[up][left] + from[up][c] + from[up][right] +
                    from[r][left] + from[r][right] +
                    from[down][left] + from[down][c] + from[down][right];
            to[r][c] = (n == 3 || (n == 2 && from[r][c])) ? 1 : 0;
        }
    }
}

static int population(Board b)
{
    int n = 0;
    for (int r = 0; r < SIZE; r++)
        for (int c = 0; c < SIZE; c++)
            n += b[r][c];
    return n;
}

/* Draw generations first .. first+count-1 next to each other. */
static void draw(int first, int count)
{
    char label[32];
    for (int g = first; g < first + count; g++) {
        snprintf(label, sizeof label, "gen %d (pop %d)", g,
                 population(history[g]));
        if (g + 1 < first + count)
            printf("%-*s", SIZE + 3, label); /* pad to the board's width */
        else
            printf("%s\n", label);
    }
    for (int r = 0; r < SIZE; r++) {
        for (int g = first; g < first + count; g++) {
            for (int c = 0; c < SIZE; c++)
                putchar(history[g][r][c] ? '#' : '.');
            if (g + 1 < first + count)
                printf("   ");
        }
        printf("\n");
    }
}

int main(void)
{
    static Board a, b;

    for (int i = 0; i < SIZE; i++) {
        prev[i] = (i + SIZE - 1) % SIZE;
        next[i] = (i + 1) % SIZE;
    }

    for (int r = 0; r < SIZE; r++)
        for (int c = 0; c < SIZE; c++)
            history[0][r][c] = START[r][c] == '#';

    for (int g = 1; g < SHOWN; g++)
        step(history[g - 1], history[g]);

    for (int g = 0; g < SHOWN; g += PER_ROW) {
        if (g)
            printf("\n");
        draw(g, PER_ROW);
    }

    /* Run generation 0 forward for a full period and compare. */
    memcpy(a, history[0], sizeof a);
    for (int g = 0; g < PERIOD; g += 2) {
        step(a, b);
        step(b, a);
    }
    int same = memcmp(a, history[0], sizeof a) == 0;
    printf("\nAfter %d generations (population %d) the board %s generation 0.\n",
           PERIOD, population(a), same ? "is identical to" : "DIFFERS from");
    return same ? 0 : 1;
}
