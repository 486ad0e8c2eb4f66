/* Recursive Fibonacci (int and long long), compared with iterative version. */
#include <stdio.h>

#include "test.h"

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static long long fibll(int n) { return n < 2 ? n : fibll(n - 1) + fibll(n - 2); }
static long long fib_iter(int n) {
  long long a = 0, b = 1;
  while (n-- > 1) { long long t = a + b; a = b; b = t; }
  return n < 0 ? a : b;
}
static unsigned long long fib_pair(int n, unsigned long long *next) {
  /* fast doubling, recursive: returns F(n), stores F(n+1) (unsigned: F(93) fits, wraps harmlessly beyond) */
  if (n == 0) { *next = 1; return 0; }
  unsigned long long b;
  unsigned long long a = fib_pair(n / 2, &b);
  unsigned long long c = a * (2 * b - a);
  unsigned long long d = a * a + b * b;
  if (n % 2) { *next = c + d; return d; }
  *next = d;
  return c;
}

int main(void) {
  int i;
  for (i = 0; i <= 12; i++) printf("fib(%d) = %d\n", i, fib(i));
  ASSERT(2584, fib(18));
  ASSERT(610, fibll(15));
  ASSERT(fib_iter(16), fib(16));
  ASSERT(12586269025LL, fib_iter(50));
  ASSERT(7540113804746346429LL, fib_iter(92));
  {
    unsigned long long nx;
    ASSERT(12586269025LL, (long long)fib_pair(50, &nx));
    ASSERT(20365011074LL, (long long)nx);
    ASSERT(7540113804746346429LL, (long long)fib_pair(92, &nx));
    printf("F(93) = %llu\n", nx);
    ASSERT(fib_iter(77), (long long)fib_pair(77, &nx));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
