/* Dynamic programming with 1-D/2-D tables: LCS with reconstruction, edit distance, 0/1 knapsack, coin change, LIS. */
#include <stdio.h>
#include <string.h>

#include "test.h"

static int lcs(const char *a, const char *b, char *out) {
  static int t[32][32];
  int n = (int)strlen(a), m = (int)strlen(b), i, j, k;
  for (i = 0; i <= n; i++)
    for (j = 0; j <= m; j++)
      t[i][j] = (i == 0 || j == 0) ? 0 : a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : (t[i - 1][j] > t[i][j - 1] ? t[i - 1][j] : t[i][j - 1]);
  k = t[n][m];
  out[k] = 0;
  for (i = n, j = m; i > 0 && j > 0;) {
    if (a[i - 1] == b[j - 1]) { out[--k] = a[i - 1]; i--; j--; }
    else if (t[i - 1][j] >= t[i][j - 1]) i--;
    else j--;
  }
  return t[n][m];
}
static int edit_distance(const char *a, const char *b) {
  int prev[32], cur[32], n = (int)strlen(a), m = (int)strlen(b), i, j;
  for (j = 0; j <= m; j++) prev[j] = j;
  for (i = 1; i <= n; i++) {
    cur[0] = i;
    for (j = 1; j <= m; j++) {
      int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
      int del = prev[j] + 1, ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
    memcpy(prev, cur, sizeof prev);
  }
  return prev[m];
}
static int knapsack(const int *w, const int *v, int n, int cap) {
  int best[101] = { 0 }, i, c;
  for (i = 0; i < n; i++)
    for (c = cap; c >= w[i]; c--)
      if (best[c - w[i]] + v[i] > best[c]) best[c] = best[c - w[i]] + v[i];
  return best[cap];
}
static long long coin_ways(const int *coins, int n, int amount) {
  long long ways[201] = { 1 };
  int i, a;
  for (i = 0; i < n; i++)
    for (a = coins[i]; a <= amount; a++) ways[a] += ways[a - coins[i]];
  return ways[amount];
}
static int lis(const int *x, int n) {
  int len[64], i, j, best = 0;
  for (i = 0; i < n; i++) {
    len[i] = 1;
    for (j = 0; j < i; j++) if (x[j] < x[i] && len[j] + 1 > len[i]) len[i] = len[j] + 1;
    if (len[i] > best) best = len[i];
  }
  return best;
}

int main(void) {
  char buf[32];
  static const char *const pairs[][2] = { { "ABCBDAB", "BDCABA" }, { "AGGTAB", "GXTXAYB" }, { "", "abc" }, { "kitten", "sitting" },
                                          { "flaw", "lawn" }, { "intention", "execution" } };
  int i;
  for (i = 0; i < 6; i++) {
    int l = lcs(pairs[i][0], pairs[i][1], buf);
    printf("lcs(%s,%s) = %d \"%s\", edit = %d\n", pairs[i][0], pairs[i][1], l, buf, edit_distance(pairs[i][0], pairs[i][1]));
  }
  {
    int w[6] = { 12, 2, 1, 1, 4, 30 }, v[6] = { 4, 2, 1, 2, 10, 40 };
    ASSERT(15, knapsack(w, v, 5, 15));
    ASSERT(59, knapsack(w, v, 6, 100));
    ASSERT(0, knapsack(w, v, 6, 0));
  }
  {
    int coins[4] = { 1, 5, 10, 25 };
    ASSERT(242, coin_ways(coins, 4, 100));
    ASSERT(1, coin_ways(coins, 4, 0));
    int c2[3] = { 2, 5, 3 };
    ASSERT(4, coin_ways(c2, 3, 10));
    printf("ways(200) = %lld\n", coin_ways(coins, 4, 200));
  }
  {
    int x[16] = { 0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15 };
    ASSERT(6, lis(x, 16));
    int y[5] = { 5, 4, 3, 2, 1 };
    ASSERT(1, lis(y, 5));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
