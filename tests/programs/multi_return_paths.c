/* Functions with many return statements, early returns, returns inside loops/switches, void returns. */
#include <stdio.h>

#include "test.h"

static int classify(int x) {
  if (x < 0) return -1;
  if (x == 0) return 0;
  if (x < 10) return 1;
  if (x < 100) return 2;
  return 3;
}

static int first_neg(const int *a, int n) {
  int i;
  for (i = 0; i < n; i++) {
    if (a[i] < 0) return i;
  }
  return -1;
}

static const char *grade(int score) {
  switch (score / 10) {
  case 10:
  case 9: return "A";
  case 8: return "B";
  case 7: return "C";
  case 6: return "D";
  }
  if (score < 0) return "?";
  return "F";
}

static int side;
static void maybe_set(int v) {
  if (v < 0) return;
  side = v;
  if (v > 100) { side = 100; return; }
  side++;
}

static long long clampll(long long v, long long lo, long long hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

static int nested_ret(int a, int b) {
  while (a > 0) {
    do {
      if (b == 0) return a * 1000;
      b--;
    } while (b % 3);
    a--;
  }
  return b;
}

int main(void) {
  int vals[] = { -5, 0, 3, 9, 10, 99, 100, 1 << 30 };
  int i;
  for (i = 0; i < 8; i++) printf("classify(%d) = %d\n", vals[i], classify(vals[i]));
  {
    int a[5] = { 1, 2, -3, 4, -5 }, b[3] = { 1, 2, 3 };
    ASSERT(2, first_neg(a, 5));
    ASSERT(-1, first_neg(b, 3));
    ASSERT(-1, first_neg(b, 0));
  }
  {
    int sc[] = { 100, 95, 85, 75, 65, 55, 0, -10 };
    for (i = 0; i < 8; i++) printf("%d:%s ", sc[i], grade(sc[i]));
    printf("\n");
  }
  side = 7;
  maybe_set(-1);
  ASSERT(7, side);
  maybe_set(5);
  ASSERT(6, side);
  maybe_set(500);
  ASSERT(100, side);
  ASSERT(-10, clampll(-100, -10, 10));
  ASSERT(10, clampll(1LL << 40, -10, 10));
  ASSERT(3, clampll(3, -10, 10));
  ASSERT(0, nested_ret(2, 5));
  ASSERT(2000, nested_ret(3, 2));
  ASSERT(1000, nested_ret(1, 0));
  ASSERT(6, nested_ret(1, 9));
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
