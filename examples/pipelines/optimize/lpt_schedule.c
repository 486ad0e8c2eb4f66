/*
 * lpt_schedule.c - a greedy scheduler: the longest-processing-time-first rule puts
 * each job, longest first, on the machine that is free earliest. It is fast and at
 * most 4/3 of the optimum, not always optimal: the pipeline lets Z3 prove a schedule
 * optimal or find a shorter one.
 *
 * Input: m (machines, 1..8), n (jobs, 1..32), then the n processing times (1..10000).
 * Output: "machines" followed by the machine of each job (in input order), then
 * "makespan" and the finishing time of the busiest machine.
 */
#include <stdio.h>

int main(void) {
  int m, n, time[32], order[32], machine_of[32], load[8] = {0};
  if (scanf("%d %d", &m, &n) != 2 || m < 1 || m > 8 || n < 1 || n > 32) {
    puts("usage: m (1..8) n (1..32), then n processing times");
    return 2;
  }
  for (int j = 0; j < n; j++) {
    if (scanf("%d", &time[j]) != 1 || time[j] < 1 || time[j] > 10000) {
      puts("bad processing time");
      return 2;
    }
    order[j] = j;
  }
  for (int a = 1; a < n; a++)  /* insertion sort, longest first, stable */
    for (int b = a; b > 0 && time[order[b]] > time[order[b - 1]]; b--) {
      int t = order[b]; order[b] = order[b - 1]; order[b - 1] = t;
    }
  for (int k = 0; k < n; k++) {
    int best = 0;
    for (int q = 1; q < m; q++)
      if (load[q] < load[best]) best = q;
    machine_of[order[k]] = best;
    load[best] += time[order[k]];
  }
  int makespan = 0;
  for (int q = 0; q < m; q++)
    if (load[q] > makespan) makespan = load[q];
  printf("machines");
  for (int j = 0; j < n; j++) printf(" %d", machine_of[j]);
  printf("\nmakespan %d\n", makespan);
  return 0;
}
