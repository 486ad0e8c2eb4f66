/* Conditional operator: nesting, lvalue-free selects of pointers/structs, type of result (usual conversions), side effects only on chosen arm. */
#include <stdio.h>

#include "test.h"

struct pair { int a, b; };
static int evals;
static int tick(int v) { evals++; return v; }

static int sign(int x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }
static int max3(int a, int b, int c) { return a > b ? (a > c ? a : c) : (b > c ? b : c); }

int main(void) {
  ASSERT(1, sign(42));
  ASSERT(-1, sign(-42));
  ASSERT(0, sign(0));
  ASSERT(9, max3(1, 9, 3));
  ASSERT(9, max3(9, 1, 3));
  ASSERT(9, max3(1, 3, 9));
  ASSERT(-1, max3(-1, -2, -3));
  evals = 0;
  ASSERT(10, 1 ? tick(10) : tick(20));
  ASSERT(20, 0 ? tick(10) : tick(20));
  ASSERT(2, evals);
  {
    /* result type: int and unsigned -> unsigned */
    int neg = -1;
    unsigned u = 1;
    ASSERT(1, (1 ? (unsigned)neg : u) > 0u);
    ASSERT(4294967295LL, (long long)(1 ? (unsigned)neg : u));
    ASSERT(4, sizeof(1 ? neg : u));
    ASSERT(-1, (long long)(1 ? neg : 1LL));
    ASSERT(8, sizeof(0 ? 1 : 1LL));
    ASSERT(4, sizeof(1 ? (char)1 : (short)2));
  }
  {
    /* selecting pointers and structs */
    int x = 1, y = 2;
    int *p = x > y ? &x : &y;
    *p = 20;
    ASSERT(20, y);
    *(x < y ? &x : &y) = 5;
    ASSERT(5, x);
    struct pair s1 = { 1, 2 }, s2 = { 3, 4 };
    struct pair r = x > 3 ? s1 : s2;
    ASSERT(1, r.a);
    const char *word = x % 2 ? "odd" : "even";
    printf("%d is %s\n", x, word);
    const char *np = 0;
    printf("%s\n", np ? np : "(none)");
  }
  {
    /* ternary as a branchless min/max in a loop */
    int a[8] = { 5, -3, 12, 0, 7, -8, 4, 11 };
    int mn = a[0], mx = a[0], i;
    for (i = 1; i < 8; i++) { mn = a[i] < mn ? a[i] : mn; mx = a[i] > mx ? a[i] : mx; }
    ASSERT(-8, mn);
    ASSERT(12, mx);
    long long big = 0;
    for (i = 0; i < 8; i++) big += a[i] >= 0 ? (long long)a[i] << 32 : a[i];
    ASSERT((39LL << 32) - 11, big);
  }
  {
    /* chained conditions (fizzbuzz-like) */
    int v = 0, i;
    for (i = 0; i < 16; i++) v += i % 15 == 0 ? 1000 : i % 5 == 0 ? 100 : i % 3 == 0 ? 10 : 1;
    ASSERT(2000 + 200 + 40 + 8, v);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
