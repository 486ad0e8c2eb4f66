/*
 * assignment.c - the assignment problem two ways: a greedy plan and the Hungarian
 * algorithm (the heuristic side of the pipeline where the transformer runs a C
 * heuristic and Z3 proves its answer optimal or finds a better one).
 *
 * Input: "greedy" or "hungarian", n (1..16), then the n x n cost matrix (non-negative
 * integers, row i = worker i, column j = job j).
 * Output: "assignment" followed by the job of each worker, then "cost" and the total.
 *
 * greedy: repeatedly takes the cheapest pair whose worker and job are both free (often
 * good, not always optimal). hungarian: the shortest-augmenting-path Hungarian
 * algorithm with potentials, always optimal.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#define MAX 16
static int n, cost[MAX][MAX], job_of[MAX];

static void greedy(void) {
  int worker_free[MAX], job_free[MAX];
  for (int i = 0; i < n; i++) worker_free[i] = job_free[i] = 1;
  for (int step = 0; step < n; step++) {
    int best = INT_MAX, bi = -1, bj = -1;
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        if (worker_free[i] && job_free[j] && cost[i][j] < best) best = cost[i][j], bi = i, bj = j;
    job_of[bi] = bj;
    worker_free[bi] = job_free[bj] = 0;
  }
}

/* Potentials u (workers) and v (jobs) with u[i] + v[j] <= cost[i][j]; each round grows
   an alternating tree from a free worker along tight edges until it reaches a free job.
   Indices are 1-based; column 0 is the virtual start of each augmenting path. */
static void hungarian(void) {
  static int u[MAX + 1], v[MAX + 1], match[MAX + 1], way[MAX + 1], minv[MAX + 1], used[MAX + 1];
  for (int i = 1; i <= n; i++) {
    match[0] = i;
    int j0 = 0;
    for (int j = 0; j <= n; j++) minv[j] = INT_MAX, used[j] = 0;
    do {
      used[j0] = 1;
      int i0 = match[j0], delta = INT_MAX, j1 = 0;
      for (int j = 1; j <= n; j++)
        if (!used[j]) {
          int reduced = cost[i0 - 1][j - 1] - u[i0] - v[j];
          if (reduced < minv[j]) minv[j] = reduced, way[j] = j0;
          if (minv[j] < delta) delta = minv[j], j1 = j;
        }
      for (int j = 0; j <= n; j++)
        if (used[j]) u[match[j]] += delta, v[j] -= delta;
        else minv[j] -= delta;
      j0 = j1;
    } while (match[j0] != 0);
    do {
      int j1 = way[j0];
      match[j0] = match[j1];
      j0 = j1;
    } while (j0);
  }
  for (int j = 1; j <= n; j++) job_of[match[j] - 1] = j - 1;
}

int main(void) {
  char method[16];
  if (scanf("%15s %d", method, &n) != 2 || n < 1 || n > MAX) {
    puts("usage: greedy|hungarian n, then n*n costs");
    return 2;
  }
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      if (scanf("%d", &cost[i][j]) != 1 || cost[i][j] < 0 || cost[i][j] > 1000000) {
        puts("bad cost matrix");
        return 2;
      }
  if (strcmp(method, "hungarian") == 0) hungarian();
  else greedy();
  int total = 0;
  printf("assignment");
  for (int i = 0; i < n; i++) printf(" %d", job_of[i]), total += cost[i][job_of[i]];
  printf("\ncost %d\n", total);
  return 0;
}
