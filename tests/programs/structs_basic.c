/* Struct declaration, member access via . and ->, sizeof/offsetof with padding, self-referencing pointer. */
#include <stdio.h>
#include <stddef.h>

#include "test.h"

struct point { int x, y; };
struct mixed { char c; int i; short s; char d; };
struct packedish { char a, b, c; };
struct rect { struct point *corner; int w, h; };

static int area(const struct rect *r) { return r->w * r->h; }
static void move(struct point *p, int dx, int dy) { p->x += dx; p->y += dy; }

int main(void) {
  struct point p = { 3, 4 };
  ASSERT(3, p.x);
  ASSERT(4, p.y);
  ASSERT(8, sizeof(struct point));
  ASSERT(12, sizeof(struct mixed));
  ASSERT(0, offsetof(struct mixed, c));
  ASSERT(4, offsetof(struct mixed, i));
  ASSERT(8, offsetof(struct mixed, s));
  ASSERT(10, offsetof(struct mixed, d));
  ASSERT(3, sizeof(struct packedish));
  ASSERT(4, offsetof(struct point, y));
  move(&p, 10, -10);
  ASSERT(13, p.x);
  ASSERT(-6, p.y);
  {
    struct point *pp = &p;
    pp->x = 100;
    (*pp).y = 200;
    ASSERT(100, p.x);
    ASSERT(200, p.y);
    struct rect r = { &p, 6, 7 };
    ASSERT(42, area(&r));
    r.corner->x = -1;
    ASSERT(-1, p.x);
  }
  {
    struct mixed m = { 'a', 1000000, -2, 'z' };
    ASSERT('a', m.c);
    ASSERT(1000000, m.i);
    ASSERT(-2, m.s);
    ASSERT('z', m.d);
    m.i++;
    m.s = (short)(m.s * 1000);
    ASSERT(1000001, m.i);
    ASSERT(-2000, m.s);
  }
  {
    /* uninitialised members of a partially initialised struct are zero */
    struct mixed z = { .c = 'q' };
    ASSERT(0, z.i);
    ASSERT(0, z.s);
    ASSERT(0, z.d);
    static struct mixed sz;
    ASSERT(0, sz.c + sz.i + sz.s + sz.d);
  }
  {
    /* anonymous struct type and struct with array member */
    struct { int n; int v[4]; char name[8]; } s = { 2, { 5, 6 }, "abc" };
    ASSERT(28, sizeof s);
    ASSERT(6, s.v[1]);
    ASSERT(0, s.v[3]);
    ASSERT('c', s.name[2]);
    printf("name=%s n=%d\n", s.name, s.n);
  }
  {
    /* self-referential struct */
    struct node { int val; struct node *next; } a = { 1, NULL }, b = { 2, &a }, c = { 3, &b };
    int s = 0;
    struct node *it;
    for (it = &c; it; it = it->next) s = s * 10 + it->val;
    ASSERT(321, s);
    ASSERT(1, c.next->next->val);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
