/*
 * coloring_check.c - certifies a graph colouring.
 *
 * Input: n (vertices, 1..256), m (edges), m edges "u v" (0-based), k (colours), then
 * n colours 0..k-1.
 * Output: "valid" and exit 0 when every colour is in range and no edge joins two
 * vertices of one colour; otherwise the first violation and exit 1.
 */
#include <stdio.h>

int main(void) {
  static int from[4096], to[4096], color[256];
  int n, m, k;
  if (scanf("%d %d", &n, &m) != 2 || n < 1 || n > 256 || m < 0 || m > 4096) {
    puts("invalid: the graph must start with n (1..256) m (0..4096)");
    return 1;
  }
  for (int e = 0; e < m; e++)
    if (scanf("%d %d", &from[e], &to[e]) != 2 || from[e] < 0 || from[e] >= n || to[e] < 0 || to[e] >= n) {
      printf("invalid: edge %d is malformed\n", e);
      return 1;
    }
  if (scanf("%d", &k) != 1 || k < 1) {
    puts("invalid: the number of colours must be >= 1");
    return 1;
  }
  for (int v = 0; v < n; v++)
    if (scanf("%d", &color[v]) != 1 || color[v] < 0 || color[v] >= k) {
      printf("invalid: vertex %d has no colour in 0..%d\n", v, k - 1);
      return 1;
    }
  for (int e = 0; e < m; e++)
    if (color[from[e]] == color[to[e]]) {
      printf("invalid: edge %d-%d joins two vertices of colour %d\n", from[e], to[e], color[from[e]]);
      return 1;
    }
  puts("valid");
  return 0;
}
