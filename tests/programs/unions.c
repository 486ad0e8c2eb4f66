/* Unions: size is max member, members share storage, tagged unions, unions in structs/arrays, init of first member. */
#include <stdio.h>

#include "test.h"

union u1 { char c; int i; short s; };
union u2 { char buf[7]; int i; };

enum kind { K_INT, K_PAIR, K_STR };
struct value {
  enum kind kind;
  union { int i; struct { short a, b; } pair; const char *str; } as;
};

static int value_weight(const struct value *v) {
  switch (v->kind) {
  case K_INT: return v->as.i;
  case K_PAIR: return v->as.pair.a * v->as.pair.b;
  case K_STR: { int n = 0; const char *p = v->as.str; while (*p++) n++; return n; }
  }
  return -1;
}

int main(void) {
  ASSERT(4, sizeof(union u1));
  ASSERT(8, sizeof(union u2));
  union u1 x = { 'A' };          /* initialises first member */
  ASSERT('A', x.c);
  x.i = 0;
  x.c = 5;
  ASSERT(5, x.i);                /* little-endian: c overlaps low byte of i */
  x.i = 0x12345678;
  ASSERT(0x78, x.c);
  ASSERT(0x5678, x.s);
  x.s = -1;
  ASSERT(0x1234ffff, x.i);
  {
    union u2 y = { .i = 0x41424344 };
    ASSERT('D', y.buf[0]);
    ASSERT('A', y.buf[3]);
  }
  {
    struct value vals[4];
    vals[0].kind = K_INT; vals[0].as.i = 42;
    vals[1].kind = K_PAIR; vals[1].as.pair.a = 6; vals[1].as.pair.b = -7;
    vals[2].kind = K_STR; vals[2].as.str = "seven";
    vals[3] = vals[1];
    vals[3].as.pair.b = 100;
    int i, tot = 0;
    for (i = 0; i < 4; i++) { int w = value_weight(&vals[i]); printf("value %d kind %d weight %d\n", i, vals[i].kind, w); tot += w; }
    ASSERT(42 - 42 + 5 + 600, tot);
  }
  {
    /* union assignment copies the whole object */
    union u1 a, b;
    a.i = 0x7f7f7f7f;
    b = a;
    ASSERT(0x7f7f7f7f, b.i);
    b.c = 0;
    ASSERT(0x7f7f7f00, b.i);
    ASSERT(0x7f7f7f7f, a.i);
  }
  {
    /* anonymous union member */
    struct { int tag; union { int n; unsigned u; }; } s;
    s.tag = 1;
    s.n = -1;
    ASSERT(0xffffffffu, s.u);
    ASSERT(8, sizeof s);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
