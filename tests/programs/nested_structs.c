/* Structs containing structs, arrays of structs inside structs, nested designated init, deep member access. */
#include <stdio.h>
#include <stddef.h>

#include "test.h"

struct vec { int x, y; };
struct seg { struct vec a, b; };
struct shape { char name[8]; int nseg; struct seg segs[3]; struct { int r, g, b; } color; };
struct outer { struct mid { struct inner { short v[2]; } in; int k; } m[2]; char tail; };

static int seg_len1(const struct seg *s) {
  int dx = s->b.x - s->a.x, dy = s->b.y - s->a.y;
  return (dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy);
}

static struct seg flip(struct seg s) { struct seg r = { s.b, s.a }; return r; }

int main(void) {
  struct shape tri = {
    "tri", 3,
    { { { 0, 0 }, { 4, 0 } }, { { 4, 0 }, { 0, 3 } }, { { 0, 3 }, { 0, 0 } } },
    { 255, 128, 0 }
  };
  int i, per = 0;
  for (i = 0; i < tri.nseg; i++) per += seg_len1(&tri.segs[i]);
  ASSERT(4 + 7 + 3, per);
  ASSERT(128, tri.color.g);
  ASSERT(3, tri.segs[1].b.y);
  ASSERT(8 + 4 + 3 * 16 + 12, sizeof tri);
  ASSERT(offsetof(struct shape, segs) + 16 + 8 + 4, offsetof(struct shape, segs[1].b.y));
  {
    struct seg f = flip(tri.segs[0]);
    ASSERT(4, f.a.x);
    ASSERT(0, f.b.x);
    tri.segs[2] = f;
    ASSERT(4, tri.segs[2].a.x);
    struct vec *vp = &tri.segs[1].a;
    vp->y = 77;
    ASSERT(77, tri.segs[1].a.y);
  }
  {
    struct outer o = { .m = { [1] = { .in = { { 5, 6 } }, .k = 7 }, [0].k = 1 }, .tail = 't' };
    ASSERT(0, o.m[0].in.v[0]);
    ASSERT(1, o.m[0].k);
    ASSERT(6, o.m[1].in.v[1]);
    ASSERT(7, o.m[1].k);
    ASSERT('t', o.tail);
    ASSERT(20, sizeof o);
    struct mid mm = o.m[1];
    mm.in.v[0] = 50;
    ASSERT(50, mm.in.v[0]);
    ASSERT(5, o.m[1].in.v[0]);
    struct inner *ip = &o.m[1].in;
    ip->v[0]++;
    ASSERT(6, o.m[1].in.v[0]);
    printf("%d %d %d %d %c\n", o.m[0].k, o.m[1].in.v[0], o.m[1].in.v[1], o.m[1].k, o.tail);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
