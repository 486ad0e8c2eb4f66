/* Struct assignment copies all members (including arrays); copies are independent. */
#include <stdio.h>
#include <string.h>

#include "test.h"

struct rec { int id; char name[12]; short tags[3]; long long big; };

static struct rec g;

static void show(const char *label, const struct rec *r) {
  printf("%s: id=%d name=%s tags=%d,%d,%d big=%lld\n", label, r->id, r->name, r->tags[0], r->tags[1], r->tags[2], r->big);
}

int main(void) {
  struct rec a = { 1, "first", { 1, 2, 3 }, 0x123456789LL };
  struct rec b;
  b = a;
  show("a", &a);
  show("b", &b);
  b.id = 2;
  b.name[0] = 'F';
  b.tags[2] = 30;
  b.big = -1;
  show("a", &a);
  show("b", &b);
  ASSERT(1, a.id);
  ASSERT('f', a.name[0]);
  ASSERT(3, a.tags[2]);
  g = b;
  ASSERT(2, g.id);
  ASSERT(-1, g.big);
  ASSERT(0, memcmp(&g, &b, sizeof g));
  {
    struct rec c = a, d;
    d = c = g;                 /* chained assignment */
    ASSERT(2, c.id);
    ASSERT(2, d.id);
    ASSERT(0, strcmp(d.name, "First"));
    struct rec arr[3];
    int i;
    for (i = 0; i < 3; i++) { arr[i] = a; arr[i].id = 10 + i; }
    arr[0] = arr[2];
    ASSERT(12, arr[0].id);
    ASSERT(11, arr[1].id);
    struct rec *p = &arr[1], *q = &arr[2];
    *p = *q;
    ASSERT(12, arr[1].id);
    ASSERT(0x123456789LL, arr[1].big);
  }
  {
    /* self-assignment and assignment through a pointer */
    struct rec e = a;
    struct rec *pe = &e;
    e = *pe;
    ASSERT(1, e.id);
    ASSERT(0, strcmp(e.name, "first"));
    /* small structs */
    struct pair { char a, b; } x = { 'x', 'y' }, y;
    y = x;
    x.a = 'X';
    ASSERT('x', y.a);
    ASSERT('y', y.b);
    struct big { int v[40]; } s1, s2;
    int i;
    for (i = 0; i < 40; i++) s1.v[i] = i * i;
    s2 = s1;
    s1.v[39] = 0;
    ASSERT(1521, s2.v[39]);
    ASSERT(0, s1.v[39]);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
