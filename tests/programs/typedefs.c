/* typedef of scalars, pointers, arrays, structs, function types and function pointers; scoping and shadowing of typedef names. */
#include <stdio.h>

#include "test.h"

typedef int myint;
typedef unsigned long long u64;
typedef char name_t[8];
typedef struct point { int x, y; } point_t, *point_p;
typedef int (*cmp_fn)(int, int);
typedef int binop_t(int, int);          /* function type */
typedef const char *cstr;
typedef myint myint2;
typedef struct node node_t;             /* typedef of an incomplete type */
struct node { int v; node_t *next; };
typedef enum { ROCK, PAPER, SCISSORS } hand_t;

static int less(int a, int b) { return a < b; }
static binop_t add;                      /* declare a function via the function typedef */
static int add(int a, int b) { return a + b; }
static myint2 twice(myint x) { return 2 * x; }
static hand_t beats(hand_t h) { return (hand_t)((h + 2) % 3); }

int main(void) {
  myint a = 21;
  ASSERT(42, twice(a));
  u64 big = 1ULL << 63;
  ASSERT(8, sizeof(u64));
  ASSERT(1, big >> 63);
  name_t n = "typedef";
  ASSERT(8, sizeof n);
  ASSERT(8, sizeof(name_t));
  printf("%s\n", n);
  point_t p = { 3, 4 };
  point_p pp = &p;
  pp->x = 30;
  ASSERT(30, p.x);
  struct point q = p;
  ASSERT(4, q.y);
  cmp_fn c = less;
  ASSERT(1, c(1, 2));
  binop_t *bp = add;
  ASSERT(5, bp(2, 3));
  cstr s = "const string";
  printf("%s\n", s);
  node_t n2 = { 2, NULL }, n1 = { 1, &n2 };
  ASSERT(2, n1.next->v);
  ASSERT(PAPER, beats(ROCK) == SCISSORS ? PAPER : ROCK);
  ASSERT(ROCK, beats(PAPER));
  {
    /* block-scope typedef shadowing an outer one */
    typedef short myint;
    myint sm = -1;
    ASSERT(2, sizeof(myint));
    ASSERT(-1, sm);
    typedef myint arr3[3];
    arr3 x = { 1, 2, 3 };
    ASSERT(6, sizeof x);
    ASSERT(6, x[0] + x[1] + x[2]);
  }
  ASSERT(4, sizeof(myint));
  {
    /* typedef'd pointer to array and array of function pointers */
    typedef int row_t[4];
    row_t m[2] = { { 1, 2, 3, 4 }, { 5, 6, 7, 8 } };
    row_t *r = &m[1];
    ASSERT(7, (*r)[2]);
    cmp_fn fns[2] = { less, add };
    ASSERT(1 + 7, fns[0](1, 2) + fns[1](3, 4));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
