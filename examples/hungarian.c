/*
 * hungarian.c - optimal assignment with the Hungarian algorithm, O(n^3).
 *
 * Ten couriers must each take exactly one of ten deliveries.  cost[i][j] is
 * the number of minutes courier i needs for delivery j.  The program finds
 * the assignment with the smallest total time (a minimum-cost perfect
 * matching) using the shortest-augmenting-path form of the Hungarian
 * algorithm with row and column potentials u[] and v[].
 *
 * The potentials are also a proof of optimality: they satisfy
 * u[i] + v[j] <= cost[i][j] for every pair, with equality on the chosen pairs,
 * so sum(u) + sum(v) is a lower bound that the assignment reaches.  The
 * program checks this certificate and compares with a simple greedy plan.
 *
 * Work: n = 10, so about n^3 = 1000 inner steps, a few thousand operations.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

#define N 10
#define INF (INT_MAX / 2)

static const int cost[N][N] = {
    {70, 33, 84, 48, 35, 62, 43, 78, 41, 91},
    {73, 55, 63, 77, 88, 37, 49, 79, 52, 76},
    {19, 36, 98, 69, 93, 28, 78, 37, 62, 17},
    {54, 90, 63, 69, 25, 27, 51, 59, 52, 54},
    {35, 51, 64, 63, 50, 82, 37, 62, 39, 36},
    {15, 38, 12, 43, 74, 50, 82, 63, 88, 24},
    {52, 93, 87, 39, 40, 69, 56, 27, 35, 57},
    {73, 86, 90, 28, 43, 59, 89, 53, 52, 69},
    {31, 97, 99, 26, 52, 36, 84, 97, 18, 22},
    {32, 10, 29, 66, 40, 54, 39, 20, 35, 46},
};

/*
 * Arrays are 1-based; index 0 is a virtual column used to start each
 * augmenting path.  After the run, row match[j] is assigned to column j.
 */
static int u[N + 1], v[N + 1], match[N + 1];

static int hungarian(void)
{
    int way[N + 1], minv[N + 1];
    bool used[N + 1];

    for (int i = 1; i <= N; i++) {
        /* Add row i: grow a tree of tight edges until a free column is hit. */
        match[0] = i;
        int j0 = 0;
        for (int j = 0; j <= N; j++) {
            minv[j] = INF;
            used[j] = false;
        }
        do {
            used[j0] = true;
            int i0 = match[j0], delta = INF, j1 = 0;
            for (int j = 1; j <= N; j++) {
                if (used[j])
                    continue;
                int reduced = cost[i0 - 1][j - 1] - u[i0] - v[j];
                if (reduced < minv[j]) {
                    minv[j] = reduced;
                    way[j] = j0;
                }
                if (minv[j] < delta) {
                    delta = minv[j];
                    j1 = j;
                }
            }
            /* Shift the potentials so that at least one new edge is tight. */
            for (int j = 0; j <= N; j++) {
                if (used[j]) {
                    u[match[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (match[j0] != 0);

        /* Flip the matching along the augmenting path back to column 0. */
        do {
            int j1 = way[j0];
            match[j0] = match[j1];
            j0 = j1;
        } while (j0 != 0);
    }
    return -v[0]; /* the optimal total cost */
}

/* Greedy baseline: each courier in turn grabs its cheapest free delivery. */
static int greedy(void)
{
    bool taken[N] = {false};
    int total = 0;
    for (int i = 0; i < N; i++) {
        int best = -1;
        for (int j = 0; j < N; j++)
            if (!taken[j] && (best < 0 || cost[i][j] < cost[i][best]))
                best = j;
        taken[best] = true;
        total += cost[i][best];
    }
    return total;
}

int main(void)
{
    int job_of[N];

    printf("Cost matrix (minutes, courier x delivery):\n     ");
    for (int j = 0; j < N; j++)
        printf("%3c", 'A' + j);
    printf("\n");
    for (int i = 0; i < N; i++) {
        printf("  %2d:", i);
        for (int j = 0; j < N; j++)
            printf("%3d", cost[i][j]);
        printf("\n");
    }

    int best = hungarian();
    for (int j = 1; j <= N; j++)
        job_of[match[j] - 1] = j - 1;

    printf("\nOptimal assignment:\n");
    int total = 0;
    for (int i = 0; i < N; i++) {
        int j = job_of[i];
        total += cost[i][j];
        printf("  courier %d -> delivery %c  (%2d min)\n", i, 'A' + j,
               cost[i][j]);
    }
    printf("Total cost: %d minutes\n", total);
    printf("Greedy plan would cost: %d minutes\n", greedy());

    /* Check the dual certificate: feasible potentials whose sum is the cost. */
    bool ok = total == best;
    int dual = 0;
    for (int i = 1; i <= N; i++) {
        dual += u[i] + v[i];
        for (int j = 1; j <= N; j++)
            if (u[i] + v[j] > cost[i - 1][j - 1])
                ok = false;
    }
    if (dual != total)
        ok = false;
    printf("Optimality certificate (sum of potentials = %d): %s\n", dual,
           ok ? "verified" : "FAILED");
    return ok ? 0 : 1;
}
