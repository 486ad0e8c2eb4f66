/* Structs passed by value (small, odd-sized, large, with long long): callee modifications do not leak. */
#include <stdio.h>

#include "test.h"

struct s1 { char c; };
struct s3 { char a, b, c; };
struct s8 { int x, y; };
struct s12 { int a; long long b; };
struct big { int v[16]; char tag; };

static int f1(struct s1 s) { s.c++; return s.c; }
static int f3(struct s3 s) { return s.a * 10000 + s.b * 100 + s.c; }
static int f8(struct s8 p) { p.x *= 2; return p.x + p.y; }
static long long f12(struct s12 s) { return s.a + s.b; }
static int fbig(struct big b) {
  int s = 0, i;
  for (i = 0; i < 16; i++) { s += b.v[i]; b.v[i] = -1; }
  return s + b.tag;
}
static int mixed_args(int a, struct s8 p, char c, struct s3 t, long long l, struct s1 u) {
  return (int)(a + p.x - p.y + c + t.a + t.b + t.c + l + u.c);
}

int main(void) {
  struct s1 a = { 9 };
  ASSERT(10, f1(a));
  ASSERT(9, a.c);
  struct s3 b = { 1, 2, 3 };
  ASSERT(10203, f3(b));
  struct s8 c = { 5, 6 };
  ASSERT(16, f8(c));
  ASSERT(5, c.x);
  struct s12 d = { -1, 0x100000000LL };
  ASSERT(0xffffffffLL, f12(d));
  struct big e;
  int i;
  for (i = 0; i < 16; i++) e.v[i] = i;
  e.tag = 'A';
  ASSERT(120 + 65, fbig(e));
  ASSERT(15, e.v[15]);
  ASSERT(1 + 5 - 6 + 3 + 1 + 2 + 3 + 1000 + 9, mixed_args(1, c, 3, b, 1000, a));
  {
    /* pass compound literals and members of arrays */
    struct s8 arr[3] = { { 1, 2 }, { 3, 4 }, { 5, 6 } };
    int t = 0;
    for (i = 0; i < 3; i++) t += f8(arr[i]);
    ASSERT(2 + 2 + 6 + 4 + 10 + 6, t);
    ASSERT(7, f8((struct s8){ 3, 1 }));
    ASSERT(1, arr[0].x);
  }
  {
    /* recursion with struct argument */
    struct s8 acc = { 0, 0 };
    for (i = 1; i <= 10; i++) { acc.x += i; acc.y = f8(acc); }
    printf("acc = %d %d\n", acc.x, acc.y);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
