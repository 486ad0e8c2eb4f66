/* Function pointers: assignment, calling via (*fp)() and fp(), passing/returning them, typedefs, comparing, pointers to varied signatures. */
#include <stdio.h>
#include <stddef.h>

#include "test.h"

typedef int (*binop)(int, int);
typedef long long (*ll_unop)(long long);

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static long long sq(long long x) { return x * x; }
static long long neg(long long x) { return -x; }
static void hello(char *out) { out[0] = 'h'; out[1] = 'i'; out[2] = 0; }
static char first(const char *s) { return s[0]; }

static int apply(binop f, int a, int b) { return f(a, b); }
static binop choose(char op) {
  switch (op) {
  case '+': return add;
  case '-': return sub;
  case '*': return mul;
  default: return NULL;
  }
}
static long long compose(ll_unop f, ll_unop g, long long x) { return f(g(x)); }
static int fold(const int *a, int n, int init, int (*f)(int, int)) {
  int acc = init, i;
  for (i = 0; i < n; i++) acc = f(acc, a[i]);
  return acc;
}
/* function returning a pointer to a function, without typedef */
static int (*pick_raw(int which))(int, int) { return which ? mul : add; }

int main(void) {
  binop f = add;
  ASSERT(5, f(2, 3));
  ASSERT(5, (*f)(2, 3));
  ASSERT(5, (**f)(2, 3));
  f = &sub;
  ASSERT(-1, f(2, 3));
  ASSERT(6, apply(mul, 2, 3));
  ASSERT(12, choose('*')(3, 4));
  ASSERT(-1, choose('-')(3, 4));
  ASSERT(1, choose('/') == NULL);
  ASSERT(1, choose('+') == add);
  ASSERT(0, choose('+') == (binop)sub);
  ASSERT(-16, compose(neg, sq, 4));
  ASSERT(16, compose(sq, neg, 4));
  ASSERT(8, pick_raw(0)(3, 5));
  ASSERT(15, pick_raw(1)(3, 5));
  {
    int a[5] = { 1, 2, 3, 4, 5 };
    ASSERT(15, fold(a, 5, 0, add));
    ASSERT(120, fold(a, 5, 1, mul));
    ASSERT(-15, fold(a, 5, 0, sub));
  }
  {
    void (*vf)(char *) = hello;
    char buf[4];
    vf(buf);
    printf("%s\n", buf);
    char (*cf)(const char *) = first;
    ASSERT('z', cf("zeta"));
    /* function pointer in a struct */
    struct op { const char *name; binop fn; } ops[3] = { { "add", add }, { "sub", sub }, { "mul", mul } };
    int i;
    for (i = 0; i < 3; i++) printf("%s(7,3)=%d\n", ops[i].name, ops[i].fn(7, 3));
    /* pointer to function pointer */
    binop *pf = &ops[2].fn;
    ASSERT(21, (*pf)(7, 3));
    *pf = add;
    ASSERT(10, ops[2].fn(7, 3));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
