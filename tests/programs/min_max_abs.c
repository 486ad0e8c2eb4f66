/* min/max macros and functions, abs/labs/llabs, div/ldiv, branchless variants, extremes (no abs(INT_MIN)). */
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>

#include "test.h"

#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

static int imin(int a, int b) { return a < b ? a : b; }
static unsigned umax(unsigned a, unsigned b) { return a > b ? a : b; }
static long long llmax(long long a, long long b) { return a > b ? a : b; }
static int clamp(int v, int lo, int hi) { return MIN(MAX(v, lo), hi); }
static int branchless_min(int a, int b) { return b ^ ((a ^ b) & -(a < b)); }
static int branchless_abs(int v) { int m = v >> 31; return (v ^ m) - m; }   /* not for INT_MIN */

int main(void) {
  ASSERT(-5, MIN(-5, 3));
  ASSERT(3, MAX(-5, 3));
  ASSERT(INT_MIN, imin(INT_MIN, INT_MAX));
  ASSERT(0xffffffffu, umax(0xffffffffu, 1));
  ASSERT(1, llmax(-(1LL << 40), 1));
  ASSERT(10, clamp(99, -10, 10));
  ASSERT(-10, clamp(-99, -10, 10));
  ASSERT(5, clamp(5, -10, 10));
  ASSERT(-7, branchless_min(-7, 7));
  ASSERT(INT_MIN, branchless_min(INT_MAX, INT_MIN));
  ASSERT(7, branchless_abs(-7));
  ASSERT(INT_MAX, branchless_abs(-INT_MAX));
  ASSERT(0, abs(0));
  ASSERT(1, abs(-1));
  ASSERT(INT_MAX, abs(-INT_MAX));
  ASSERT(INT_MAX, abs(INT_MAX));
  ASSERT(123456, labs(-123456L));
  ASSERT(LONG_MAX, labs(-LONG_MAX));
  ASSERT(LLONG_MAX, llabs(-LLONG_MAX));
  ASSERT(0x100000000LL, llabs(-0x100000000LL));
  ASSERT(5, llabs(5));
  {
    div_t d = div(17, 5);
    ASSERT(3, d.quot);
    ASSERT(2, d.rem);
    d = div(-17, 5);
    ASSERT(-3, d.quot);
    ASSERT(-2, d.rem);
    d = div(17, -5);
    ASSERT(-3, d.quot);
    ASSERT(2, d.rem);
    d = div(INT_MIN, 2);
    ASSERT(INT_MIN / 2, d.quot);
    ldiv_t l = ldiv(-1000000007L, 1000L);
    ASSERT(-1000000, l.quot);
    ASSERT(-7, l.rem);
  }
  {
    /* MAX macro evaluates an argument twice: observable with side effects */
    int i = 1, j = 0;
    int m = MAX(i++, j);
    ASSERT(2, m);
    ASSERT(3, i);
    /* min/max of an array */
    int arr[9] = { 4, -2, 19, 0, -2147483647, 7, 2147483647, -1, 3 };
    int lo = arr[0], hi = arr[0], k;
    for (k = 1; k < 9; k++) { lo = MIN(lo, arr[k]); hi = MAX(hi, arr[k]); }
    ASSERT(-2147483647, lo);
    ASSERT(2147483647, hi);
    long long range = (long long)hi - lo;
    ASSERT(4294967294LL, range);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
