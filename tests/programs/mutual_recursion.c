/* Mutually recursive functions: is_even/is_odd, recursive-descent expression parser, Hofstadter sequences. */
#include <stdio.h>

#include "test.h"

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

/* Hofstadter Female/Male sequences */
static int M(int n);
static int F(int n) { return n == 0 ? 1 : n - M(F(n - 1)); }
static int M(int n) { return n == 0 ? 0 : n - F(M(n - 1)); }

/* recursive descent: expr = term {(+|-) term}; term = factor {(*|/|%) factor}; factor = num | -factor | (expr) */
static const char *pos;
static long long expr(void);
static void skip(void) { while (*pos == ' ') pos++; }
static long long factor(void) {
  skip();
  if (*pos == '(') { pos++; long long v = expr(); skip(); if (*pos == ')') pos++; return v; }
  if (*pos == '-') { pos++; return -factor(); }
  long long v = 0;
  while (*pos >= '0' && *pos <= '9') v = v * 10 + (*pos++ - '0');
  return v;
}
static long long term(void) {
  long long v = factor();
  for (;;) {
    skip();
    if (*pos == '*') { pos++; v *= factor(); }
    else if (*pos == '/') { pos++; v /= factor(); }
    else if (*pos == '%') { pos++; v %= factor(); }
    else return v;
  }
}
static long long expr(void) {
  long long v = term();
  for (;;) {
    skip();
    if (*pos == '+') { pos++; v += term(); }
    else if (*pos == '-') { pos++; v -= term(); }
    else return v;
  }
}
static long long eval(const char *s) { pos = s; return expr(); }

int main(void) {
  ASSERT(1, is_even(0));
  ASSERT(0, is_even(7));
  ASSERT(1, is_odd(777));
  ASSERT(1, is_even(1000));
  int i;
  printf("F:");
  for (i = 0; i < 20; i++) printf(" %d", F(i));
  printf("\nM:");
  for (i = 0; i < 20; i++) printf(" %d", M(i));
  printf("\n");
  static const char *const exprs[] = {
    "1 + 2 * 3", "(1 + 2) * 3", "100 / 7 % 5", "-(-(-4))", "2 * (3 + (4 - 1) * 5) - 6",
    "1000000 * 1000000", "((((((7))))))", "10 - 3 - 2", "-7 / 2", "-7 % 3"
  };
  for (i = 0; i < 10; i++) printf("%s = %lld\n", exprs[i], eval(exprs[i]));
  ASSERT(7, eval("1 + 2 * 3"));
  ASSERT(30, eval("2 * (3 + (4 - 1) * 5) - 6"));
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
